# covers: BNK-01
from odoo import api, fields, models

from .res_partner import PAYMENT_MODES


class ServiceContract(models.Model):
    _inherit = "service.contract"

    service_payment_mode = fields.Selection(
        PAYMENT_MODES,
        "Payment Mode",
        compute="_compute_service_payment_mode",
        store=True,
        readonly=False,
        tracking=True,
        help="How this contract's invoices are paid (default: the customer's).",
    )

    @api.depends("partner_id")
    def _compute_service_payment_mode(self):
        for contract in self:
            contract.service_payment_mode = (
                contract.partner_id.commercial_partner_id.service_payment_mode
                or "manual"
            )

    def _prepare_invoice(self, invoice_date, move_type="out_invoice", journal=None):
        values = super()._prepare_invoice(invoice_date, move_type, journal)
        values["service_payment_mode"] = self.service_payment_mode
        return values
