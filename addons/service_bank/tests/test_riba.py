# covers: BNK-01
"""RiBa (CBI): the file byte for byte against a hand-checked fixture
(120-character records, CRLF, accented and over-long names transliterated
and cut), only posted invoices whose payment term says RiBa, each instalment
issued once unless recalled, accreditation and unpaid entries."""

import base64
import os

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import riba
from .common import COMPANY_IBAN, BankCase, camt053

FIXTURE = os.path.join(os.path.dirname(__file__), "data", "riba_expected.cbi")


@tagged("post_install", "-at_install")
class TestRiba(BankCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.riba_term = cls.env["account.payment.term"].create(
            {
                "name": "RiBa 30/60",
                "service_riba": True,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 30}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 60}
                    ),
                ],
            }
        )
        cls.plain_term = cls.env.ref("account.account_payment_term_30days")
        cls.long_name = cls.env["res.partner"].create(
            {
                "name": "Ditta Àlvaro Pérez-Gómez & Figli Società a Responsabilità "
                "Limitata Semplificata del Friuli Venezia Giulia",
                "is_company": True,
                "ref": "C-0042",
                "vat": "IT00743110157",
                "street": "Località Sant'Andrea di Sotto, Via dei Tigli 128/B",
                "zip": "33100",
                "city": "San Giovanni al Natisone Frazione Medeuzza",
                "bank_ids": [
                    Command.create({"acc_number": "IT90X0306909606100000063039"})
                ],
            }
        )
        cls.customer_2.ref = "C-0007"

    def _riba_invoice(self, partner, amount, term=None, post=True):
        with freeze_time("2026-12-03"):
            return self._invoice(
                partner,
                amount,
                post=post,
                invoice_date=fields.Date.to_date("2026-12-03"),
                invoice_date_due=False,
                invoice_payment_term_id=(term or self.riba_term).id,
            )

    def _riba_order(self, name="DIST-2026-001"):
        return (
            self.env["service.riba.order"]
            .with_user(self.accountant)
            .create(
                {
                    "name": name,
                    "journal_id": self.bank_journal.id,
                    "date_due_until": fields.Date.to_date("2027-12-31"),
                }
            )
        )

    def test_cbi_file_matches_the_hand_checked_fixture(self):
        first = self._riba_invoice(self.customer_2, 1000)
        second = self._riba_invoice(self.long_name, 123.45, term=self.plain_term)
        second.button_draft()
        second.invoice_payment_term_id = self.riba_term
        second.action_post()
        order = self._riba_order()
        order.action_gather()
        self.assertEqual(len(order.line_ids), 4)
        with freeze_time("2026-12-03"):
            order.action_export()
        content = base64.b64decode(order.file)
        with open(FIXTURE, "rb") as handle:
            expected = handle.read()
        self.assertEqual(content, expected)
        records = content.split(b"\r\n")
        self.assertEqual(records[-1], b"")
        records = records[:-1]
        self.assertEqual(len(records), 2 + 4 * riba.RECORDS_PER_RECEIPT)
        self.assertTrue(all(len(record) == 120 for record in records))
        content.decode("ascii")
        # EF: four receipts, 1123.45 in cents, 30 records
        trailer = records[-1].decode()
        self.assertEqual(trailer[45:52], "0000004")
        self.assertEqual(trailer[52:67], "000000000112345")
        self.assertEqual(trailer[82:89], "0000030")
        self.assertTrue(first.name.encode() in content)

    def test_only_posted_invoices_with_a_riba_term_are_taken(self):
        self._riba_invoice(self.customer_2, 100, post=False)
        self._riba_invoice(self.customer_2, 200, term=self.plain_term)
        posted = self._riba_invoice(self.customer_2, 300)
        order = self._riba_order()
        order.action_gather()
        self.assertEqual(order.line_ids.invoice_id, posted)
        self.assertEqual(sorted(order.line_ids.mapped("amount")), [150, 150])

    def test_an_instalment_is_never_issued_twice_unless_recalled(self):
        invoice = self._riba_invoice(self.customer_2, 100)
        first = self._riba_order("DIST-1")
        first.action_gather()
        first.action_export()
        second = self._riba_order("DIST-2")
        second.action_gather()
        self.assertFalse(second.line_ids)
        recalled = first.line_ids[0]
        recalled.action_recall()
        self.assertEqual(recalled.state, "recalled")
        third = self._riba_order("DIST-3")
        third.action_gather()
        self.assertEqual(third.line_ids.move_line_id, recalled.move_line_id)
        self.assertEqual(third.line_ids.invoice_id, invoice)

    def _accredited(self, amount=100):
        invoice = self._riba_invoice(self.customer_2, amount)
        order = self._riba_order()
        order.action_gather()
        order.action_export()
        order.with_user(self.accountant).action_accredit()
        return invoice, order

    def _balances(self):
        company = self.company_a
        return (
            round(self._account_balance(company.service_riba_transit_account_id), 2),
            round(self._account_balance(company.service_riba_credit_account_id), 2),
        )

    def test_accreditation_and_unpaid_entries(self):
        invoice, order = self._accredited()
        self.assertEqual(order.state, "accredited")
        self.assertEqual(invoice.amount_residual, 0)
        # subject to collection until the bank credits it; nothing credited
        self.assertEqual(self._balances(), (100, 0))
        self.assertLedgerBalanced()
        line = order.line_ids[0]
        line.with_user(self.accountant).action_unpaid()
        self.assertEqual(line.state, "unpaid")
        self.assertEqual(invoice.amount_residual, 50)
        self.assertEqual(self._balances(), (50, 0))
        self.assertLedgerBalanced()
        # still issued: only a recall frees it for a new order
        again = self._riba_order("DIST-9")
        again.action_gather()
        self.assertFalse(again.line_ids)

    def test_bank_credit_on_the_due_date_is_its_own_entry(self):
        invoice, order = self._accredited()
        first, second = order.line_ids.sorted("due_date")
        with freeze_time(first.due_date):
            order.with_user(self.accountant).action_credit()
        # only the receipt due by then is credited, in an entry of its own
        self.assertEqual(first.state, "credited")
        self.assertEqual(second.state, "accredited")
        self.assertNotEqual(first.credit_line_id.move_id, order.move_id)
        self.assertEqual(first.credit_line_id.move_id.state, "posted")
        self.assertEqual(self._balances(), (50, 50))
        self.assertTrue(first.transit_line_id.reconciled)
        self.assertEqual(invoice.amount_residual, 0)
        self.assertLedgerBalanced()
        with (
            self.assertRaisesRegex(UserError, "no accredited receipt is due"),
            freeze_time(first.due_date),
        ):
            order.action_credit()
        # the statement's credit clears the RiBa credit item
        _wizard, lines = self._import(
            camt053(
                COMPANY_IBAN,
                [{"amount": 50, "transactions": [{"text": first.reference}]}],
            )
        )
        self.assertEqual(lines.service_match_rule, "riba")
        self.assertTrue(first.credit_line_id.reconciled)
        self.assertEqual(self._balances(), (50, 0))
        self.assertLedgerBalanced()

    def test_statement_credit_of_an_accredited_receipt_is_the_bank_credit(self):
        _invoice, order = self._accredited()
        first = order.line_ids.sorted("due_date")[0]
        _wizard, lines = self._import(
            camt053(
                COMPANY_IBAN,
                [{"amount": 50, "transactions": [{"text": f"RIBA {first.reference}"}]}],
            )
        )
        self.assertEqual(lines.service_match_rule, "riba")
        self.assertEqual(first.state, "credited")
        self.assertEqual(first.credit_line_id.move_id, lines.move_id)
        self.assertEqual(self._balances(), (50, 0))
        self.assertLedgerBalanced()

    def test_unpaid_after_the_bank_credit_reverses_it(self):
        invoice, order = self._accredited()
        first = order.line_ids.sorted("due_date")[0]
        with freeze_time(first.due_date):
            first.with_user(self.accountant).action_credit()
        first.with_user(self.accountant).action_unpaid()
        # the credit not yet on a statement: the two entries cancel out
        self.assertEqual(first.state, "unpaid")
        self.assertTrue(first.credit_line_id.reconciled)
        self.assertEqual(invoice.amount_residual, 50)
        self.assertEqual(self._balances(), (50, 0))
        self.assertLedgerBalanced()

    def test_unpaid_after_the_statement_credit_waits_for_the_bank_debit(self):
        invoice, order = self._accredited()
        first = order.line_ids.sorted("due_date")[0]
        self._import(
            camt053(
                COMPANY_IBAN,
                [{"amount": 50, "transactions": [{"text": first.reference}]}],
                statement_id="S-CREDIT",
            )
        )
        first.with_user(self.accountant).action_unpaid()
        self.assertEqual(invoice.amount_residual, 50)
        # the bank will take the money back: owed to it until its debit shows
        self.assertEqual(self._balances(), (50, -50))
        self.assertLedgerBalanced()
        _wizard, debit = self._import(
            camt053(
                COMPANY_IBAN,
                [
                    {
                        "amount": 50,
                        "credit": False,
                        "transactions": [{"text": f"INSOLUTO {first.reference}"}],
                    }
                ],
                statement_id="S-DEBIT",
            )
        )
        self.assertEqual(debit.service_match_rule, "riba")
        self.assertEqual(self._balances(), (50, 0))
        self.assertEqual(invoice.amount_residual, 50)
        self.assertLedgerBalanced()

    def test_export_refused_without_italian_bank_account_naming_the_customer(self):
        # his only account is German (the one of his SEPA mandate)
        self._riba_invoice(self.customer, 100)
        order = self._riba_order()
        order.action_gather()
        with self.assertRaisesRegex(
            UserError, "No Italian bank account .*Harbour Authority"
        ):
            order.action_export()
        self.assertFalse(order.file)

    def test_fields_never_overflow(self):
        self.assertEqual(
            riba._left("Società Àrea " * 10, 24), "SOCIETA AREA SOCIETA ARE"
        )
        with self.assertRaises(ValueError):
            riba._number(12345678, 5)
