from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_billing_post = fields.Boolean(
        "Post Contract Invoices",
        default=True,
        help="Billing runs post their invoices to the ledger; unticked, they are "
        "left as drafts to review.",
    )
