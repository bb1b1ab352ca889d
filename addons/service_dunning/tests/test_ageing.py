# covers: RPT-03, DUN-05
"""Ageing buckets 0-30-60-90-120+ read each item's open amount: right with
partial payments and credit notes, today and at a past date; the credit
situation gives balance, overdue, limit and DSO."""

from datetime import timedelta

from .common import DunningCase


class TestAgeing(DunningCase):
    def test_buckets_with_partial_reconciliation(self):
        a = self._invoice(self.customer, 100, days_late=15)
        b = self._invoice(self.customer, 200, days_late=45)
        self._invoice(self.customer, 300, days_late=75)
        self._invoice(self.customer, 400, days_late=105)
        self._invoice(self.customer, 500, days_late=150)
        self._invoice(self.customer, 50, days_late=-10)
        self._pay(b, 150)
        credit = self._invoice(self.customer, 30, days_late=0, move_type="out_refund")
        # the credit note pays part of invoice a
        (a | credit).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        buckets = self.env["service.ageing.report"]._ageing_buckets(
            self.customer, self.company_a
        )[self.customer.id]
        self.assertEqual(buckets["amount_current"], 50)
        self.assertEqual(buckets["amount_1_30"], 70)
        self.assertEqual(buckets["amount_31_60"], 50)
        self.assertEqual(buckets["amount_61_90"], 300)
        self.assertEqual(buckets["amount_91_120"], 400)
        self.assertEqual(buckets["amount_over_120"], 500)
        self.assertEqual(buckets["total"], 1370)
        # the same through the report model (pivot, graph, export)
        rows = self.env["service.ageing.report"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(sum(rows.mapped("amount_residual")), 1370)
        self.assertEqual(sum(rows.mapped("amount_31_60")), 50)

    def test_buckets_at_a_past_date_ignore_later_payments(self):
        invoice = self._invoice(self.customer, 200, days_late=45)
        self._pay(invoice, 150, date=self.today)
        past = self.today - timedelta(days=5)
        buckets = self.env["service.ageing.report"]._ageing_buckets(
            self.customer, self.company_a, past
        )[self.customer.id]
        self.assertEqual(buckets["amount_31_60"], 200)
        buckets_today = self.env["service.ageing.report"]._ageing_buckets(
            self.customer, self.company_a
        )[self.customer.id]
        self.assertEqual(buckets_today["amount_31_60"], 50)

    def test_ageing_is_one_query(self):
        for days in (5, 40, 100):
            self._invoice(self.customer, 10, days_late=days)
        Report = self.env["service.ageing.report"]
        partners = self.customer | self.customer_2
        with self.assertQueryCount(4):
            Report._ageing_buckets(partners, self.company_a)

    def test_credit_situation(self):
        self._invoice(self.customer, 300, days_late=40)
        self._invoice(self.customer, 100, days_late=-20)
        self.customer.credit_limit = 1000
        situation = self.customer.action_service_credit_situation()
        self.assertEqual(situation["balance"], 400)
        self.assertEqual(situation["overdue"], 300)
        self.assertEqual(situation["credit_limit"], 1000)
        # 400 open / 400 invoiced in 90 days x 90
        self.assertEqual(situation["dso"], 90)
        self.assertEqual(situation["ageing"]["amount_31_60"], 300)
        self.assertEqual(self.customer.service_credit_overdue, 300)
