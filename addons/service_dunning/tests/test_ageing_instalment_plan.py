# covers: DUN-03, RPT-03, DUN-05
"""While an instalment plan is kept, the ageing and the credit situation
show what is due when per the plan's schedule: its open instalments replace
the overdue items it covers (interest and fee invoice included). A paid
instalment drops out, a missed one is overdue in its own bucket, and a
broken plan gives the items back their own due dates."""

from datetime import timedelta

from .common import DunningCase


class TestAgeingFollowsInstalmentPlan(DunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract()
        cls.invoices = (
            cls._invoice(cls.customer, 100, days_late=40)
            | cls._invoice(cls.customer, 200, days_late=70)
            | cls._invoice(cls.customer, 300, days_late=100)
        )
        # an item the plan does not cover keeps its own due date
        cls.other = cls._invoice(cls.customer, 50, days_late=15)

    def _plan(self, first_in_days, **values):
        receivable = self.invoices.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        plan = (
            self.env["service.instalment.plan"]
            .with_user(self.accountant)
            .create(
                dict(
                    {
                        "partner_id": self.customer.id,
                        "company_id": self.company_a.id,
                        "move_line_ids": [(6, 0, receivable.ids)],
                        "instalment_count": 3,
                        "date_first": self.today + timedelta(days=first_in_days),
                    },
                    **values,
                )
            )
        )
        plan.action_accept()
        return plan

    def _buckets(self):
        return self.env["service.ageing.report"]._ageing_buckets(
            self.customer, self.company_a
        )[self.customer.id]

    def test_kept_plan_shows_its_instalments_not_yet_due(self):
        self.assertEqual(self._buckets()["amount_31_60"], 100)
        plan = self._plan(first_in_days=10)
        buckets = self._buckets()
        self.assertEqual(buckets["amount_current"], 600)
        self.assertEqual(buckets["amount_1_30"], 50)
        for name in ("amount_31_60", "amount_61_90", "amount_91_120"):
            self.assertEqual(buckets[name], 0, name)
        self.assertEqual(buckets["total"], 650)
        # the report (pivot, list, export): one row per instalment on its date
        rows = self.env["service.ageing.report"].search(
            [("partner_id", "=", self.customer.id), ("plan_id", "=", plan.id)]
        )
        self.assertEqual(
            sorted(rows.mapped("date_maturity")),
            sorted(plan.line_ids.mapped("date_due")),
        )
        self.assertEqual(rows.mapped("amount_residual"), [200, 200, 200])
        self.assertEqual(set(rows.mapped("bucket")), {"0"})
        self.assertFalse(
            self.env["service.ageing.report"].search(
                [("move_id", "in", self.invoices.ids)]
            )
        )
        situation = self.customer.action_service_credit_situation()
        self.assertEqual(situation["balance"], 650)
        self.assertEqual(situation["overdue"], 50)

    def test_paid_instalment_drops_out(self):
        plan = self._plan(first_in_days=10)
        # the customer pays the first instalment on the oldest invoice
        self._pay(self.invoices.sorted("invoice_date_due")[0], 200)
        buckets = self._buckets()
        self.assertEqual(buckets["amount_current"], 400)
        rows = self.env["service.ageing.report"].search([("plan_id", "=", plan.id)])
        self.assertEqual(len(rows), 2)
        self.assertNotIn(
            plan.line_ids.sorted("sequence")[0].date_due, rows.mapped("date_maturity")
        )

    def test_missed_instalment_is_overdue_in_its_bucket(self):
        # first instalment 3 days late, still within the plan's grace days
        plan = self._plan(first_in_days=-3)
        self._dunning_run()
        self.assertEqual(plan.state, "active")
        buckets = self._buckets()
        self.assertEqual(buckets["amount_1_30"], 200 + 50)
        self.assertEqual(buckets["amount_current"], 400)
        self.assertEqual(buckets["amount_over_120"], 0)
        row = self.env["service.ageing.report"].search(
            [("plan_id", "=", plan.id), ("bucket", "=", "1")]
        )
        self.assertEqual(row.days_late, 3)
        self.assertEqual(
            self.customer.action_service_credit_situation()["overdue"], 250
        )

    def test_broken_plan_gives_back_the_original_due_dates(self):
        plan = self._plan(first_in_days=-20)
        # before the run breaks it, the missed instalment is 20 days late
        self.assertEqual(self._buckets()["amount_1_30"], 250)
        self._dunning_run()
        self.assertEqual(plan.state, "broken")
        buckets = self._buckets()
        # dunning resumed: its final notice charged a fee invoice, not yet due
        fees = self._communications().fee_move_id
        self.assertTrue(fees)
        self.assertEqual(buckets["amount_current"], sum(fees.mapped("amount_total")))
        self.assertEqual(buckets["amount_31_60"], 100)
        self.assertEqual(buckets["amount_61_90"], 200)
        self.assertEqual(buckets["amount_91_120"], 300)
        self.assertFalse(
            self.env["service.ageing.report"].search([("plan_id", "=", plan.id)])
        )

    def test_interest_and_fee_invoice_is_part_of_the_instalments(self):
        plan = self._plan(first_in_days=10, interest_rate=12, fee_amount=6)
        self.assertTrue(plan.charge_move_id)
        buckets = self._buckets()
        # 600 + interest 6 + 4 + 2 + fee 6 = 618, all on the plan's dates
        self.assertEqual(plan.amount_total, 618)
        self.assertEqual(buckets["amount_current"], 618)
        self.assertEqual(buckets["total"], 668)
        rows = self.env["service.ageing.report"].search([("plan_id", "=", plan.id)])
        self.assertEqual(
            sorted(rows.mapped("amount_residual")),
            sorted(plan.line_ids.mapped("amount")),
        )
