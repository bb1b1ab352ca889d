# covers: BNK-02
"""The matching chain, one rule at a time: our end-to-end id (and a whole
order credited at once, and a return), the RiBa reference, the RF creditor
reference, the invoice number in the text, the IBAN of the customer, the
amount and customer; the rest waits for review with suggestions, and an
automatic match can be undone."""

from odoo import Command, fields
from odoo.tests import tagged

from .common import COMPANY_IBAN, HARBOUR_IBAN, BankCase, camt053


@tagged("post_install", "-at_install")
class TestMatching(BankCase):
    def _posted_order(self):
        order = self._order()
        order.action_gather()
        order.action_export()
        order.action_post()
        return order

    def _one(self, transaction, amount=None, credit=True):
        amount = amount if amount is not None else transaction["amount"]
        _wizard, lines = self._import(
            camt053(
                COMPANY_IBAN,
                [{"amount": amount, "credit": credit, "transactions": [transaction]}],
                statement_id=f"S-{self.env['account.bank.statement'].search_count([])}",
            )
        )
        self.assertEqual(len(lines), 1)
        return lines

    def test_end_to_end_id_clears_the_transit_account(self):
        self._invoice(self.customer, 100)
        order = self._posted_order()
        line = self._one(
            {"amount": 100, "end_to_end_id": order.line_ids.end_to_end_id, "name": "X"}
        )
        self.assertEqual(line.service_match_state, "auto")
        self.assertEqual(line.service_match_rule, "end_to_end")
        self.assertTrue(line.is_reconciled)
        self.assertTrue(order.line_ids.transit_line_id.reconciled)
        self.assertAlmostEqual(self._account_balance(self.transit), 0)
        self.assertLedgerBalanced()

    def test_whole_order_credited_at_once(self):
        self._invoice(self.customer, 100)
        self._invoice(self.customer_2, 50)
        order = self._posted_order()
        _wizard, lines = self._import(
            camt053(COMPANY_IBAN, [{"amount": 150, "info": f"SEPA DD {order.name}"}])
        )
        self.assertEqual(lines.service_match_rule, "order")
        self.assertTrue(all(order.line_ids.transit_line_id.mapped("reconciled")))
        self.assertAlmostEqual(self._account_balance(self.transit), 0)

    def test_return_on_the_statement_reopens_the_invoice(self):
        invoice = self._invoice(self.customer, 100)
        order = self._posted_order()
        line = self._one(
            {
                "amount": 100,
                "end_to_end_id": order.line_ids.end_to_end_id,
                "reason": "MD06",
            },
            credit=False,
        )
        self.assertEqual(line.service_match_rule, "return")
        self.assertEqual(order.line_ids.state, "returned")
        self.assertEqual(order.line_ids.return_reason, "MD06")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self.mandate.return_count, 1)
        self.assertLedgerBalanced()

    def test_riba_reference(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "RiBa 30",
                "service_riba": True,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100, "nb_days": 30}
                    )
                ],
            }
        )
        self._invoice(
            self.customer_2, 80, invoice_payment_term_id=term.id, invoice_date_due=False
        )
        order = self.env["service.riba.order"].create(
            {
                "journal_id": self.bank_journal.id,
                "date_due_until": fields.Date.add(self.today, days=40),
            }
        )
        order.action_gather()
        order.action_export()
        order.action_accredit()
        line = self._one(
            {"amount": 80, "text": f"RIBA {order.line_ids.reference} PAGATA"}
        )
        self.assertEqual(line.service_match_rule, "riba")
        self.assertTrue(order.line_ids.transit_line_id.reconciled)

    def test_rf_creditor_reference(self):
        invoice = self._invoice(self.customer, 90, payment_reference="RF18539007547034")
        line = self._one({"amount": 90, "creditor_reference": "RF18539007547034"})
        self.assertEqual(line.service_match_rule, "creditor_reference")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(line.partner_id, self.customer)

    def test_invoice_number_in_the_free_text(self):
        self._invoice(self.customer, 40)
        invoice = self._invoice(self.customer, 60)
        line = self._one(
            {"amount": 60, "text": f"payment of {invoice.name.lower()} thanks"}
        )
        self.assertEqual(line.service_match_rule, "invoice_number")
        self.assertEqual(invoice.payment_state, "paid")

    def test_iban_of_the_customer(self):
        self._invoice(self.customer, 40)
        invoice = self._invoice(self.customer, 75)
        line = self._one({"amount": 75, "iban": HARBOUR_IBAN, "text": "december"})
        self.assertEqual(line.service_match_rule, "iban")
        self.assertEqual(invoice.payment_state, "paid")

    def test_amount_and_customer(self):
        other = self._invoice(self.customer_2, 75)
        invoice = self._invoice(self.customer, 75)
        line = self._one(
            {"amount": 75, "name": "Harbour Authority", "text": "december"}
        )
        self.assertEqual(line.service_match_rule, "amount_partner")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(other.payment_state, "not_paid")

    def test_unmatched_line_waits_for_review_with_suggestions(self):
        first = self._invoice(self.customer, 40)
        second = self._invoice(self.customer, 60)
        line = self._one(
            {"amount": 55, "name": "Harbour Authority", "text": "on account"}
        )
        self.assertEqual(line.service_match_state, "review")
        self.assertFalse(line.is_reconciled)
        self.assertEqual(line.service_suggested_move_ids, first | second)
        stranger = self._one({"amount": 60, "name": "Nobody Known", "text": "?"})
        self.assertEqual(stranger.service_suggested_move_ids, second)
        stranger.with_user(self.accountant).action_service_apply_suggestion()
        self.assertEqual(stranger.service_match_state, "manual")
        self.assertEqual(second.payment_state, "paid")

    def test_automatic_match_can_be_undone(self):
        invoice = self._invoice(self.customer, 60)
        line = self._one({"amount": 60, "text": invoice.name})
        self.assertEqual(invoice.payment_state, "paid")
        line.with_user(self.accountant).action_service_undo_match()
        self.assertEqual(line.service_match_state, "review")
        self.assertFalse(line.is_reconciled)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertLedgerBalanced()
