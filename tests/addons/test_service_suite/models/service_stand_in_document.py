from odoo import fields, models


class StandInServiceDocument(models.Model):
    """A priced document going through approvals, audited, refused for frozen
    customers: what a contract or a discount will be."""

    _name = "test.service.document"
    _description = "Test service document"
    _inherit = ["service.approval.mixin", "service.frozen.customer.mixin"]
    _check_company_auto = True
    _approval_amount_field = "amount"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    partner_id = fields.Many2one("res.partner", check_company=True)
    amount = fields.Monetary(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancel", "Cancelled")],
        default="draft",
        tracking=True,
    )

    def _on_approval_approved(self):
        self.state = "confirmed"
