# covers: CUS-04
from odoo import fields, models


class ServiceCustomerSource(models.Model):
    """Where a customer came from: website, referral, trade fair, agent..."""

    _name = "service.customer.source"
    _description = "Customer Acquisition Source"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the source between companies."
    )
    requires_intermediary = fields.Boolean(
        help="Customers from this source must name their intermediary."
    )
