# covers: BAS-03, BAS-04
from odoo import fields, models


class ServiceApprovalEntry(models.Model):
    """A decision taken on a document at one level: the approval trail."""

    _name = "service.approval.entry"
    _description = "Service Approval Decision"
    _inherit = ["service.protected.fields.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # covers: BAS-03 (the trail is written by the approval engine only)
    _service_protected_fields = (
        "res_model",
        "res_id",
        "rule_id",
        "level_id",
        "user_id",
        "date",
        "decision",
        "amount",
    )

    company_id = fields.Many2one("res.company", required=True, index=True)
    res_model = fields.Char("Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        "Document ID", model_field="res_model", required=True, index=True
    )
    res_name = fields.Char("Document")
    rule_id = fields.Many2one("service.approval.rule", ondelete="set null")
    level_id = fields.Many2one("service.approval.level", ondelete="set null")
    level_name = fields.Char()
    user_id = fields.Many2one("res.users", string="By", required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    decision = fields.Selection(
        [
            ("request", "Requested"),
            ("approve", "Approved"),
            ("reject", "Rejected"),
            ("reset", "Reset to draft"),
        ],
        required=True,
    )
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    reason = fields.Text()
