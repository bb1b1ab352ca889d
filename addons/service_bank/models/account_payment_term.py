# covers: BNK-01
from odoo import fields, models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    service_riba = fields.Boolean(
        "RiBa",
        help="Invoices with this term are collected by Italian bank receipts "
        "(RiBa): each instalment goes on a RiBa order.",
    )
