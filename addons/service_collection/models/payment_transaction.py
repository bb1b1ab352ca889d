# covers: COL-02
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _create_payment(self, **extra_create_values):
        """A payment received online settles the customer's open invoices
        (oldest first) when the transaction names none, and the customer gets
        his receipt by e-mail."""
        if not self.invoice_ids:
            extra_create_values.setdefault("service_receipt_kind", "general")
        payment = super()._create_payment(**extra_create_values)
        if payment.payment_type == "inbound" and not self.invoice_ids:
            settled = payment._service_reconcile_oldest_first(
                payment._service_open_invoices()
            )
            if settled:
                payment.service_receipt_kind = "invoices"
        if payment.payment_type == "inbound" and payment.partner_id.email:
            payment.action_service_send_receipt()
        return payment
