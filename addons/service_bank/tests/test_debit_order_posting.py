# covers: BNK-01
"""Posting a collection order: one entry to direct debits in transit, the
invoices paid; a return re-opens them, optionally bills a fee through the
contract, counts against the mandate; the ledger stays balanced throughout.
Orders, transactions and mandates move only through their actions."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import BankCase


@tagged("post_install", "-at_install")
class TestDebitOrderPosting(BankCase):
    def _posted_order(self, *invoices, **values):
        order = self._order(**values)
        order.action_gather()
        order.action_export()
        order.action_post()
        return order

    def test_posting_makes_one_entry_and_pays_the_invoices(self):
        first = self._invoice(self.customer, 100)
        second = self._invoice(self.customer_2, 250.5)
        not_due = self._invoice(
            self.customer, 70, due=self.today.replace(year=self.today.year + 1)
        )
        manual = self._invoice(self.customer, 30, service_payment_mode="manual")
        order = self._posted_order()
        self.assertEqual(order.state, "posted")
        self.assertEqual(order.move_id.state, "posted")
        self.assertEqual(len(order.move_id), 1)
        self.assertEqual(len(order.move_id.line_ids), 4)
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("partner_id", "in", (self.customer | self.customer_2).ids)]
            ),
            0,
        )
        for invoice in first | second:
            self.assertEqual(invoice.amount_residual, 0)
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        for invoice in not_due | manual:
            self.assertEqual(invoice.payment_state, "not_paid")
            self.assertFalse(invoice.service_debit_line_id)
        self.assertAlmostEqual(self._account_balance(self.transit), 350.5)
        self.assertLedgerBalanced()

    def test_return_reopens_the_invoice_bills_a_fee_and_counts_on_the_mandate(self):
        contract = self._contract(partner=self.customer)
        invoice = self._invoice(self.customer, 100, service_contract_id=contract.id)
        other = self._invoice(self.customer_2, 80)
        order = self._posted_order()
        line = invoice.service_debit_line_id
        line.with_user(self.accountant).action_return("AM04", fee=7.5)
        self.assertEqual(line.state, "returned")
        self.assertEqual(line.return_reason, "AM04")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(invoice.amount_residual, 100)
        self.assertEqual(other.amount_residual, 0)
        self.assertEqual(self.mandate.return_count, 1)
        self.assertEqual(self.mandate.state, "valid")
        fee = line.fee_invoice_id
        self.assertEqual(fee.state, "posted")
        self.assertEqual(fee.amount_total, 7.5)
        self.assertEqual(fee.service_contract_id, contract)
        self.assertEqual(fee.partner_id, self.customer)
        # the transit account holds only what is still on its way
        self.assertAlmostEqual(self._account_balance(self.transit), 80)
        self.assertLedgerBalanced()
        # the returned invoice goes on the next order
        self.assertFalse(invoice.service_debit_line_id)
        again = self._order()
        again.action_gather()
        self.assertIn(invoice, again.line_ids.invoice_ids)
        self.assertTrue(order.line_ids.filtered(lambda line: line.state == "posted"))

    def test_return_for_a_closed_account_revokes_the_mandate(self):
        invoice = self._invoice(self.customer, 100)
        self._posted_order()
        line = invoice.service_debit_line_id
        with self.assertRaisesRegex(ValidationError, "reason code"):
            line.action_return("insufficient")
        self.assertEqual(line.state, "posted")
        line.action_return("AC04")
        self.assertEqual(self.mandate.state, "revoked")
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_state_and_links_change_only_through_actions(self):
        invoice = self._invoice(self.customer, 100)
        order = self._order()
        order.action_gather()
        for values in ({"state": "posted"}, {"file": "eA=="}):
            with self.assertRaisesRegex(UserError, "changes only through"):
                order.write(values)
        with self.assertRaisesRegex(UserError, "changes only through"):
            order.line_ids.with_user(self.accountant).write({"amount": 1})
        with self.assertRaisesRegex(UserError, "set only by a collection order"):
            invoice.with_user(self.accountant).write({"service_debit_line_id": False})
        with self.assertRaisesRegex(UserError, "changes only through"):
            self.mandate.with_user(self.accountant).write({"state": "draft"})
        # a services user may read orders but not post them
        with self.assertRaises(AccessError):
            order.with_user(self.users["service_user"]).action_export()
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(invoice.service_debit_line_id, order.line_ids)

    def test_cancel_frees_the_invoices(self):
        invoice = self._invoice(self.customer, 100)
        order = self._order()
        order.action_gather()
        order.action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertFalse(invoice.service_debit_line_id)
