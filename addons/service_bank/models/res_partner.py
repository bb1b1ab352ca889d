# covers: BNK-01
from odoo import fields, models

PAYMENT_MODES = [
    ("manual", "Transfer or Cash"),
    ("direct_debit", "SEPA Direct Debit"),
    ("riba", "RiBa"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_payment_mode = fields.Selection(
        PAYMENT_MODES,
        "Payment Mode",
        default="manual",
        tracking=True,
        help="How the customer pays his invoices; direct debit needs a valid mandate.",
    )
    service_mandate_ids = fields.One2many(
        "service.mandate", "partner_id", "Direct Debit Mandates"
    )
