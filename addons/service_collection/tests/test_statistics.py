# covers: COL-05
from odoo.tests import tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestPaymentStatistics(CollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.principal = cls.env["res.partner"].create(
            {"name": "Alarm Systems Principal", "is_company": True}
        )
        cls.contract = cls._contract(months_ago=0)
        cls._inputs(cls.contract, cls.contract.date_start)
        cls.env["service.item"].create(
            {
                "product_id": cls.guard.id,
                "partner_id": cls.customer.id,
                "contract_line_id": cls.contract.line_ids[:1].id,
                "principal_id": cls.principal.id,
            }
        )

    def _report(self, payment):
        # a view: its rows change with the payments, not through the ORM cache
        self.env["service.payment.report"].invalidate_model()
        return self.env["service.payment.report"].search(
            [("payment_id", "=", payment.id)]
        )

    def test_payments_are_outstanding_or_cleared_per_customer_and_principal(self):
        invoice = self._run().invoice_ids
        self.assertEqual(invoice.amount_total, 299)
        settled = self._receipt(
            self.customer,
            299,
            service_receipt_kind="invoices",
            invoice_ids=[(6, 0, invoice.ids)],
        )
        advance = self._receipt(self.customer_2, 50, service_receipt_kind="advance")
        row = self._report(settled)
        self.assertEqual(row.state, "cleared")
        self.assertEqual(row.principal_id, self.principal)
        self.assertEqual(row.partner_id, self.customer)
        self.assertEqual(row.amount_cleared, 299)
        self.assertEqual(row.amount_outstanding, 0)
        row = self._report(advance)
        self.assertEqual(row.state, "outstanding")
        self.assertFalse(row.principal_id)
        self.assertEqual(row.amount_outstanding, 50)
        # grouped per principal as the pivot shows it
        groups = self.env["service.payment.report"]._read_group(
            [("payment_id", "in", (settled | advance).ids)],
            ["principal_id"],
            ["amount_cleared:sum", "amount_outstanding:sum"],
        )
        by_principal = {principal: amounts for principal, *amounts in groups}
        self.assertEqual(by_principal[self.principal], [299, 0])
        self.assertEqual(by_principal[self.env["res.partner"]], [0, 50])

    def test_cheque_payment_is_cleared_only_once_the_cheque_clears(self):
        self._invoice(self.customer, 120)
        cheque = self.env["service.cheque"].create(
            {
                "partner_id": self.customer.id,
                "bank_name": "Harbour Bank",
                "number": "55",
                "amount": 120,
            }
        )
        cheque.action_receive()
        self.assertEqual(self._report(cheque.payment_id).state, "outstanding")
        cheque.action_deposit()
        cheque.action_clear()
        self.assertEqual(self._report(cheque.payment_id).state, "cleared")
