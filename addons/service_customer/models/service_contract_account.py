# covers: CUS-07
from odoo import api, fields, models


class ServiceContractAccount(models.Model):
    """A billing account of a customer: one customer may hold many (one per
    site, department or payer), each grouping its own contracts."""

    _name = "service.contract.account"
    _description = "Contract Account"
    _inherit = [
        "service.audit.mixin",
        "mail.thread",
        "service.numbering.mixin",
    ]
    _numbering_code = "service.contract.account"
    _order = "partner_id, name"
    _check_company_auto = True

    _name_company_uniq = models.Constraint(
        "UNIQUE (name, company_id)",
        "Account Number: already used in this company.",
    )

    name = fields.Char(
        "Account Number", required=True, copy=False, readonly=True, default="/"
    )
    label = fields.Char(tracking=True, help="e.g. Head office, Warehouse Jeddah")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
    )
    invoice_partner_id = fields.Many2one(
        "res.partner",
        string="Invoice Address",
        tracking=True,
        check_company=True,
        domain="['|', ('id', '=', partner_id), ('parent_id', '=', partner_id)]",
    )
    note = fields.Text()

    @api.depends("name", "label")
    def _compute_display_name(self):
        for account in self:
            account.display_name = (
                f"{account.name} - {account.label}" if account.label else account.name
            )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)
