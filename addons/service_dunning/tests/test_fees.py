# covers: DUN-01, DUN-02
"""Fees and late interest are invoiced through the customer's contract
(its journal, payment term and fiscal position), posted once and balanced;
interest is right to the cent; the last level escalates."""

from datetime import timedelta

from .common import DunningCase


class TestDunningFees(DunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract()

    def test_fee_invoice_posted_once_and_balanced(self):
        self._invoice(self.customer, 200, days_late=35)
        self._dunning_run()
        communication = self._communications()
        move = communication.fee_move_id
        self.assertEqual(communication.fee_amount, 15)
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.service_contract_id, self.contract)
        self.assertEqual(move.journal_id, self.contract._get_invoice_journal())
        self.assertEqual(move.amount_untaxed, 15)
        self.assertEqual(move.partner_id, self.customer)
        self.assertAlmostEqual(sum(move.line_ids.mapped("balance")), 0.0)
        # rerun and send again: still one fee invoice
        self._dunning_run()
        communication._invoice_fees()
        fees = self.env["account.move"].search(
            [("service_dunning_fee_communication_id", "=", communication.id)]
        )
        self.assertEqual(fees, move)

    def test_percentage_fee_capped_and_interest_to_the_cent(self):
        """Final level: 10 % fee capped at 40; interest 10 % a year on each
        item for its days: 1000 x 10 % x 75/365 + 333.33 x 10 % x 61/365
        = 20.5479 + 5.5707 = 26.12."""
        self._invoice(self.customer, 1000, days_late=75)
        self._invoice(self.customer, 333.33, days_late=61)
        self._dunning_run()
        communication = self._communications()
        self.assertEqual(communication.level_id, self.level_3)
        self.assertEqual(communication.fee_amount, 40)
        self.assertEqual(communication.interest_amount, 26.12)
        move = communication.fee_move_id
        self.assertEqual(move.amount_total, 66.12)
        interest_line = move.invoice_line_ids.filtered(
            lambda line: line.price_unit == 26.12
        )
        self.assertFalse(interest_line.tax_ids)

    def test_fee_taxes_follow_the_fiscal_position(self):
        tax_free = self.env["account.tax"].create(
            {"name": "VAT 0%", "amount": 0, "company_id": self.company_a.id}
        )
        position = self.env["account.fiscal.position"].create(
            {"name": "Exempt", "company_id": self.company_a.id}
        )
        tax_free.fiscal_position_ids = position
        tax_free.original_tax_ids = self.tax
        product = self.scenario._get_fee_product()
        product.taxes_id = self.tax
        self.contract.fiscal_position_id = position
        self._invoice(self.customer, 200, days_late=35)
        self._dunning_run()
        move = self._communications().fee_move_id
        self.assertEqual(move.fiscal_position_id, position)
        self.assertEqual(move.invoice_line_ids.tax_ids, tax_free)

    def test_without_contract_no_fee_is_charged(self):
        self._invoice(self.customer_2, 200, days_late=35)
        self._dunning_run()
        communication = self._communications(self.customer_2)
        self.assertFalse(communication.fee_move_id)
        self.assertIn("No contract", communication.fee_note)

    def test_last_level_marks_legal_collection(self):
        self._invoice(self.customer, 200, days_late=70)
        self._dunning_run()
        self.assertTrue(self.customer.service_legal_collection)

    def test_suspension_goes_through_approval(self):
        self.level_3.escalation = "suspend"
        self._invoice(self.customer, 200, days_late=70)
        self._dunning_run()
        communication = self._communications()
        self.assertEqual(communication.approval_state, "pending")
        self.assertEqual(self.contract.state, "active")
        communication.with_user(self.users["supervisor"]).action_approve()
        self.assertEqual(communication.approval_state, "approved")
        self.assertEqual(self.contract.state, "suspended")

    def test_interest_counts_days_from_due_date(self):
        self._invoice(self.customer, 365, days_late=60)
        self._dunning_run(date=self.today + timedelta(days=5))
        # 365 x 10 % x 65 / 365 = 6.50
        self.assertEqual(self._communications().interest_amount, 6.5)
