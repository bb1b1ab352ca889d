# covers: COL-02
from odoo.tests import tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestGatewayPayments(CollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write(
            {
                "state": "test",
                "company_id": cls.company_a.id,
                "journal_id": cls.bank_journal.id,
            }
        )

    def _pay_online(self, amount, reference, invoices=None):
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.provider.payment_method_ids[:1].id,
                    "amount": amount,
                    "currency_id": self.company_a.currency_id.id,
                    "reference": reference,
                    "partner_id": self.customer.id,
                    "operation": "online_direct",
                    "invoice_ids": [(6, 0, invoices.ids)] if invoices else [],
                }
            )
        )
        tx.action_demo_set_done()
        tx._post_process()
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.payment_id)
        return tx

    def _receipt_mail(self, payment):
        return payment.message_ids.filtered(
            lambda m: (
                self.customer in m.partner_ids
                and "Payment Receipt" in (m.subject or "")
            )
        )

    def test_balance_paid_online_settles_the_oldest_invoices_and_mails_the_receipt(
        self,
    ):
        oldest = self._invoice(self.customer, 100, days_ago=40)
        middle = self._invoice(self.customer, 60, days_ago=10)
        newest = self._invoice(self.customer, 80)
        tx = self._pay_online(130, "COL-ONLINE-1")
        payment = tx.payment_id
        self.assertEqual(oldest.payment_state, "paid")
        self.assertEqual(middle.payment_state, "partial")
        self.assertEqual(middle.amount_residual, 30)
        self.assertEqual(newest.payment_state, "not_paid")
        self.assertEqual(payment.service_receipt_kind, "invoices")
        self.assertEqual(payment.reconciled_invoice_ids, oldest | middle)
        self.assertTrue(self._receipt_mail(payment))
        self.assertTrue(payment.is_sent)

    def test_invoice_paid_online_is_settled_and_receipt_mailed(self):
        other = self._invoice(self.customer, 20, days_ago=30)
        invoice = self._invoice(self.customer, 75)
        tx = self._pay_online(75, "COL-ONLINE-2", invoices=invoice)
        self.assertEqual(invoice.payment_state, "paid")
        # the transaction named its invoice: the older one stays open
        self.assertEqual(other.payment_state, "not_paid")
        self.assertTrue(self._receipt_mail(tx.payment_id))
