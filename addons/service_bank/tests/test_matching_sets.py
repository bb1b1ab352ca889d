# covers: BNK-02
"""Matching works in sets: the candidates of a whole statement are found with
a few set queries and the matches are booked and reconciled in bulk (one
reconciliation plan, grouped writes), so the queries per statement line stay
bounded: what is left per line is Odoo's own recomputation of the analytic
distribution of the item whose account changes (one model search per
customer)."""

from odoo import Command
from odoo.tests import tagged

from .common import BankCase


@tagged("post_install", "-at_install")
class TestMatchingSets(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payers = cls.env["res.partner"].create(
            [
                {"name": f"Payer {number:03d}", "is_company": True}
                for number in range(200)
            ]
        )
        cls.invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": payer.id,
                    "company_id": cls.company_a.id,
                    "invoice_date": cls.today,
                    "invoice_date_due": cls.today,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Guarding",
                                "quantity": 1,
                                "price_unit": 10 + number,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for number, payer in enumerate(cls.payers)
            ]
        )
        cls.invoices.action_post()

    def _statement_lines(self, invoices):
        # no partner on the bank side: every match also sets the customer
        return self.env["account.bank.statement.line"].create(
            [
                {
                    "journal_id": self.bank_journal.id,
                    "date": self.today,
                    "amount": invoice.amount_total,
                    "payment_ref": f"Payment {invoice.name}",
                }
                for invoice in invoices
            ]
        )

    def _queries_to_match(self, lines):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        lines._service_match()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_query_count_is_bounded_from_20_to_200_lines(self):
        small = self._statement_lines(self.invoices[:20])
        large = self._statement_lines(self.invoices[20:])
        small_queries = self._queries_to_match(small)
        large_queries = self._queries_to_match(large)
        self.assertEqual(set(small.mapped("service_match_rule")), {"invoice_number"})
        self.assertEqual(set(large.mapped("service_match_rule")), {"invoice_number"})
        self.assertTrue(all((small | large).mapped("is_reconciled")))
        self.assertEqual(set(self.invoices.mapped("payment_state")), {"paid"})
        # a fixed part (the set lookups, the plan) and at most 4 queries per
        # further line, the same from 20 lines to 180 (per-line matching took
        # some 60 queries a line)
        per_line = (large_queries - small_queries) / (len(large) - len(small))
        self.assertLessEqual(per_line, 4, (small_queries, large_queries))
        self.assertLessEqual(small_queries, 20 * 4 + 150, small_queries)

    def test_set_match_books_each_line_against_its_own_invoice(self):
        invoices = self.invoices[:30]
        lines = self._statement_lines(invoices)
        lines._service_match()
        for line, invoice in zip(lines, invoices, strict=True):
            self.assertEqual(line.partner_id, invoice.partner_id)
            self.assertEqual(line.move_id.partner_id, invoice.partner_id)
            receivable = invoice.line_ids.filtered(
                lambda aml: aml.account_id.account_type == "asset_receivable"
            )
            self.assertEqual(line.service_matched_line_ids, receivable)
            counterpart = line.move_id.line_ids.filtered(
                lambda aml, account=receivable.account_id: aml.account_id == account
            )
            self.assertEqual(counterpart.partner_id, invoice.partner_id)
            self.assertTrue(counterpart.reconciled)
            self.assertEqual(
                counterpart.full_reconcile_id, receivable.full_reconcile_id
            )
        self.assertLedgerBalanced()

    def test_each_set_match_can_be_undone_on_its_own(self):
        lines = self._statement_lines(self.invoices[:3])
        lines._service_match()
        lines[1].with_user(self.accountant).action_service_undo_match()
        self.assertEqual(lines[1].service_match_state, "review")
        self.assertFalse(lines[1].is_reconciled)
        self.assertEqual(self.invoices[1].payment_state, "not_paid")
        self.assertEqual(self.invoices[0].payment_state, "paid")
        self.assertEqual(self.invoices[2].payment_state, "paid")
        self.assertTrue(lines[0].is_reconciled and lines[2].is_reconciled)
        self.assertLedgerBalanced()
