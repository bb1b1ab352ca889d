# covers: PRT-03, PRT-04
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _create_payment(self, **extra_create_values):
        """The payment of a shop order settles the first invoice of the
        contracts the order started (billed when the payment confirmed it)."""
        contracts = self.sale_order_ids.sudo().service_contract_ids
        if contracts:
            self.invoice_ids |= self.env["account.move"].search(
                [
                    ("service_contract_id", "in", contracts.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ],
                order="invoice_date, id",
            )
        return super()._create_payment(**extra_create_values)
