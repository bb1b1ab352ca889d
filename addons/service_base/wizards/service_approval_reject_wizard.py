# covers: BAS-03
import ast

from odoo import fields, models
from odoo.exceptions import UserError


class ServiceApprovalRejectWizard(models.TransientModel):
    _name = "service.approval.reject.wizard"
    _description = "Reject an approval"

    res_model = fields.Char(required=True)
    res_ids = fields.Char(required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.res_model not in self.env["service.approval.rule"]._approvable_models():
            raise UserError(self.env._("This document type does not use approvals."))
        ids = ast.literal_eval(self.res_ids)
        records = self.env[self.res_model].browse(ids).exists()
        records.action_reject(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
