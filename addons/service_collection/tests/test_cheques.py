# covers: COL-04
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestPostDatedCheques(CollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(cls.customer, 200)

    def _cheque(self, maturity_days=0, number="100200"):
        # no invoice named: the cheque pays the oldest open invoices
        cheque = (
            self.env["service.cheque"]
            .with_user(self.cashier)
            .create(
                {
                    "partner_id": self.customer.id,
                    "bank_name": "Harbour Bank",
                    "number": number,
                    "amount": 200,
                    "date_maturity": self.today + timedelta(days=maturity_days),
                }
            )
        )
        cheque.action_receive()
        return cheque

    def _lines(self, move, account):
        return move.line_ids.filtered(lambda line: line.account_id == account)

    def test_received_cheque_debits_cheques_received_and_pays_the_invoice(self):
        cheque = self._cheque(maturity_days=30)
        self.assertEqual(cheque.state, "received")
        move = cheque.payment_id.move_id
        self.assertEqual(self._lines(move, self.received_account).debit, 200)
        self.assertEqual(self._lines(move, self.receivable).credit, 200)
        self.assertEqual(self.invoice.payment_state, "paid")

    def test_post_dated_cheque_is_deposited_only_once_mature(self):
        cheque = self._cheque(maturity_days=30)
        with self.assertRaisesRegex(UserError, "Maturity Date"):
            cheque.action_deposit()
        self.env["service.cheque"]._cron_deposit_matured()
        self.assertEqual(cheque.state, "received")
        self._invoice(self.customer, 200)
        mature = self._cheque(number="100201")
        self.env["service.cheque"]._cron_deposit_matured()
        self.assertEqual(mature.state, "deposited")

    def test_deposit_then_clear_moves_the_money_to_transit_then_bank(self):
        cheque = self._cheque()
        cheque.action_deposit()
        deposit = cheque.deposit_move_id
        self.assertEqual(deposit.state, "posted")
        self.assertEqual(self._lines(deposit, self.transit_account).debit, 200)
        self.assertEqual(self._lines(deposit, self.received_account).credit, 200)
        self.assertEqual(self._balance(self.received_account), 0)
        self.assertTrue(
            self._lines(
                cheque.payment_id.move_id | deposit, self.received_account
            ).mapped("reconciled")
            == [True, True]
        )
        cheque.action_clear()
        clear = cheque.clear_move_id
        bank = self.bank_journal.default_account_id
        self.assertEqual(cheque.state, "cleared")
        self.assertEqual(self._lines(clear, bank).debit, 200)
        self.assertEqual(self._lines(clear, self.transit_account).credit, 200)
        self.assertEqual(self._balance(self.transit_account), 0)
        self.assertEqual(self.invoice.payment_state, "paid")

    def test_bounced_cheque_reopens_the_invoice_and_invoices_the_fee(self):
        fee = self.env["product.product"].create(
            {"name": "Bounced cheque fee", "type": "service", "taxes_id": False}
        )
        self.company_a.write(
            {
                "service_cheque_bounce_fee_product_id": fee.id,
                "service_cheque_bounce_fee_amount": 15,
            }
        )
        cheque = self._cheque()
        cheque.action_deposit()
        cheque.action_bounce()
        bounce = cheque.bounce_move_id
        self.assertEqual(cheque.state, "bounced")
        self.assertEqual(self._lines(bounce, self.receivable).debit, 200)
        self.assertEqual(self._lines(bounce, self.transit_account).credit, 200)
        self.assertEqual(self._balance(self.transit_account), 0)
        self.assertEqual(self._balance(self.received_account), 0)
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertEqual(self.invoice.amount_residual, 200)
        self.assertEqual(cheque.fee_invoice_id.state, "posted")
        self.assertEqual(cheque.fee_invoice_id.amount_total, 15)
        self.assertEqual(self._balance(self.receivable, self.customer), 215)

    def test_cheque_bounced_before_deposit_leaves_cheques_received(self):
        cheque = self._cheque(maturity_days=10)
        cheque.action_bounce()
        bounce = cheque.bounce_move_id
        self.assertEqual(self._lines(bounce, self.received_account).credit, 200)
        self.assertEqual(self._balance(self.received_account), 0)
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertFalse(cheque.fee_invoice_id)
        with self.assertRaisesRegex(UserError, "Bounced"):
            cheque.action_clear()

    def test_cancelling_a_cheque_receipt_takes_the_cheque_out_of_the_books(self):
        cheque = self._cheque(maturity_days=5)
        Cancellation = self.env["service.receipt.cancellation"]
        request = Cancellation.create(
            {"payment_id": cheque.payment_id.id, "reason": "Wrong cheque number"}
        )
        request.action_request_approval()
        request.with_user(self.users["manager"]).action_approve()
        self.assertEqual(cheque.state, "draft")
        self.assertFalse(cheque.payment_id)
        self.assertEqual(self._balance(self.received_account), 0)
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_receipt_of_a_deposited_cheque_cannot_be_cancelled(self):
        cheque = self._cheque()
        cheque.action_deposit()
        with self.assertRaisesRegex(UserError, "bounce the cheque instead"):
            self.env["service.receipt.cancellation"].create(
                {"payment_id": cheque.payment_id.id, "reason": "Too late"}
            )
