# covers: COL-03
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestCollectionRounds(CollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_invoice = cls._invoice(cls.customer, 100, days_ago=30)
        cls.new_invoice = cls._invoice(cls.customer, 50)
        cls.club_invoice = cls._invoice(cls.customer_2, 60)
        cls.foreign_invoice = cls._invoice(cls.other_customer, 500)
        cls.south = cls.env["res.partner"].create(
            {
                "name": "South Dock",
                "is_company": True,
                "service_payment_by_collector": True,
                "service_collector_id": cls.collector.id,
                "service_collection_area": "South",
            }
        )
        cls.south_invoice = cls._invoice(cls.south, 30)

    def _round(self, area="North"):
        round_ = (
            self.env["service.collection.round"]
            .with_user(self.cashier)
            .create({"collector_id": self.collector.id, "area": area})
        )
        round_.action_generate_lines()
        return round_

    def test_round_lists_the_open_invoices_of_the_collectors_customers_in_the_area(
        self,
    ):
        round_ = self._round()
        self.assertEqual(round_.line_ids.partner_id, self.customer | self.customer_2)
        line = round_.line_ids.filtered(lambda line: line.partner_id == self.customer)
        self.assertEqual(line.invoice_ids, self.old_invoice | self.new_invoice)
        self.assertEqual(line.amount_expected, 150)
        self.assertEqual(round_.amount_expected, 210)
        self.assertIn(self.old_invoice.name, line.invoice_refs)
        # generating again adds nobody twice
        round_.action_generate_lines()
        self.assertEqual(len(round_.line_ids), 2)

    def test_handover_posts_cash_and_cheques_reconciles_and_records_differences(
        self,
    ):
        round_ = self._round()
        round_.with_user(self.collector).action_start()
        harbour = round_.line_ids.filtered(
            lambda line: line.partner_id == self.customer
        )
        club = round_.line_ids - harbour
        # the collector records what he got: short at the harbour, over at the club
        harbour.with_user(self.collector).write({"amount_cash": 120})
        club.with_user(self.collector).write(
            {
                "cheque_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": self.customer_2.id,
                            "bank_name": "Harbour Bank",
                            "number": "000451",
                            "amount": 80,
                            "date_maturity": self.today + timedelta(days=30),
                        },
                    )
                ]
            }
        )
        self.assertEqual(harbour.difference_kind, "short")
        self.assertEqual(club.difference_kind, "over")
        round_.with_user(self.cashier).write({"cash_handed_over": 110})
        round_.with_user(self.cashier).action_handover()

        self.assertEqual(round_.state, "handed_over")
        self.assertEqual(round_.cashier_id, self.cashier)
        self.assertEqual(round_.amount_difference, -30 + 20)
        self.assertEqual(round_.cash_difference, -10)
        # cash to the cash journal, the oldest invoice first
        cash = (
            harbour.sudo()
            .env["account.payment"]
            .search([("service_round_line_id", "=", harbour.id)])
        )
        self.assertEqual(cash.journal_id, self.cash_journal)
        self.assertEqual(cash.service_collector_id, self.collector)
        liquidity = cash.move_id.line_ids.filtered(
            lambda line: line.account_id == self.cash_journal.default_account_id
        )
        self.assertEqual(liquidity.debit, 120)
        self.assertEqual(self.old_invoice.payment_state, "paid")
        self.assertEqual(self.new_invoice.amount_residual, 30)
        # the cheque goes to cheques received and pays the club, 20 left as credit
        cheque = club.cheque_ids
        self.assertEqual(cheque.state, "received")
        self.assertEqual(self._balance(self.received_account), 80)
        self.assertEqual(self.club_invoice.payment_state, "paid")
        self.assertEqual(self._balance(self.receivable, self.customer_2), -20)
        # differences are reported
        action = self.env.ref("service_collection.service_collection_difference_action")
        reported = self.env["service.collection.round.line"].search(eval(action.domain))
        self.assertEqual(reported & round_.line_ids, harbour | club)
        # the collections are now locked
        with self.assertRaisesRegex(UserError, "handed over"):
            harbour.with_user(self.collector).write({"amount_cash": 150})

    def test_collector_records_only_what_he_collected(self):
        round_ = self._round()
        line = round_.line_ids[:1]
        with self.assertRaisesRegex(UserError, "only the cash"):
            line.with_user(self.collector).write({"amount_expected": 1})
        with self.assertRaisesRegex(UserError, "cashier"):
            round_.with_user(self.collector).action_handover()

    def test_round_sheet_pdf_lists_customers_invoices_and_amounts(self):
        round_ = self._round()
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "service_collection.action_report_collection_round", round_.ids
            )
        )
        self.assertEqual(report_type, "pdf")
        text = " ".join(pdf_text(pdf).split())
        for expected in (
            round_.name,
            "Harbour Authority",
            "Marina Club",
            self.old_invoice.name,
            self.collector.name,
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Airport Services", text)

    def test_daily_job_makes_one_round_per_collector_and_is_safe_to_rerun(self):
        Round = self.env["service.collection.round"]
        Round._cron_generate_rounds()
        Round._cron_generate_rounds()
        rounds = Round.search(
            [("collector_id", "=", self.collector.id), ("date", "=", self.today)]
        )
        self.assertEqual(len(rounds), 1)
        self.assertEqual(
            rounds.line_ids.partner_id, self.customer | self.customer_2 | self.south
        )
        self.assertFalse(Round.search([("collector_id", "=", self.other_collector.id)]))

    def test_only_a_user_of_the_collector_group_can_be_a_customers_collector(self):
        with self.assertRaisesRegex(ValidationError, "not in the Collector group"):
            self.customer.service_collector_id = self.cashier
