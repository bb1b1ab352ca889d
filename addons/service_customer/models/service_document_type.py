# covers: CUS-05
from odoo import fields, models


class ServiceDocumentType(models.Model):
    _name = "service.document.type"
    _description = "Customer Document Type"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the type between companies."
    )
    has_expiry = fields.Boolean("Expires", default=True)
    reminder_days = fields.Integer(
        "Remind Before (days)",
        help="Days before expiry to remind staff and the customer; empty uses "
        "the company setting.",
    )
