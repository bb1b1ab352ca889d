# covers: CUS-03
from odoo import fields, models


class ServiceCustomerFreezeWizard(models.TransientModel):
    _name = "service.customer.freeze.wizard"
    _description = "Freeze customers"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.partner_ids.action_service_freeze(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
