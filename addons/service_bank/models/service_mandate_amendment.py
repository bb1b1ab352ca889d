# covers: BNK-01
from odoo import fields, models


class ServiceMandateAmendment(models.Model):
    """A change of a used mandate (the debtor's new bank account: SMNDA),
    kept for the record and announced to the bank in the next collection."""

    _name = "service.mandate.amendment"
    _description = "Direct Debit Mandate Amendment"
    _order = "id desc"
    _check_company_auto = True

    mandate_id = fields.Many2one(
        "service.mandate",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    old_iban = fields.Char("Former IBAN")
    old_reference = fields.Char("Former Mandate Reference")
    reported = fields.Boolean(
        "Announced", help="Sent to the bank with a collection (sequence type FRST)."
    )
