# covers: DUN-03
"""An instalment plan spreads an overdue debt; while it is kept dunning
pauses, a missed instalment breaks it and dunning resumes; paid in full it
closes. Interest and fee are invoiced once through the contract."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from .common import DunningCase


class TestInstalmentPlan(DunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract()
        cls.invoice = cls._invoice(cls.customer, 300, days_late=40)

    def _plan(self, **values):
        receivable = self.invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        return (
            self.env["service.instalment.plan"]
            .with_user(self.accountant)
            .create(
                dict(
                    {
                        "partner_id": self.customer.id,
                        "company_id": self.company_a.id,
                        "move_line_ids": [(6, 0, receivable.ids)],
                        "instalment_count": 3,
                        "date_first": self.today,
                    },
                    **values,
                )
            )
        )

    def test_schedule_spreads_the_debt(self):
        plan = self._plan(interest_rate=12, fee_amount=5)
        plan.action_compute_schedule()
        lines = plan.line_ids.sorted("sequence")
        self.assertEqual(lines.mapped("amount_principal"), [100, 100, 100])
        # 1 % a month on the balance left: 3.00, 2.00, 1.00
        self.assertEqual(lines.mapped("amount_interest"), [3, 2, 1])
        self.assertEqual(lines.mapped("amount_fee"), [5, 0, 0])
        self.assertEqual(plan.amount_total, 311)
        self.assertEqual(
            lines[1].date_due,
            lines[0].date_due.replace(
                month=lines[0].date_due.month % 12 + 1,
                year=lines[0].date_due.year + (lines[0].date_due.month == 12),
            ),
        )

    def test_kept_plan_pauses_dunning(self):
        plan = self._plan(interest_rate=12, fee_amount=5)
        plan.action_accept()
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.accepted_via, "staff")
        # interest and fee invoiced once, through the contract
        self.assertEqual(plan.charge_move_id.amount_total, 11)
        self.assertEqual(plan.charge_move_id.service_contract_id, self.contract)
        self.assertEqual(plan.charge_move_id.state, "posted")
        run = self._dunning_run()
        self.assertFalse(self._communications())
        self.assertEqual(run.skipped_count, 1)

    def test_missed_instalment_breaks_plan_and_dunning_resumes(self):
        plan = self._plan()
        plan.action_accept()
        self._pay(self.invoice, 100)
        # first instalment paid; the second is missed past its grace days
        later = self.today + timedelta(days=31 + plan.grace_days + 1)
        self._dunning_run(date=later)
        self.assertEqual(plan.state, "broken")
        self.assertTrue(plan.broken_date)
        communication = self._communications()
        self.assertEqual(communication.amount_overdue, 200)
        self.assertIn("broken", " ".join(plan.message_ids.mapped("body")))

    def test_plan_on_time_is_kept_and_closes_when_paid(self):
        plan = self._plan()
        plan.action_accept()
        self._pay(self.invoice, 100)
        self._dunning_run(date=self.today + timedelta(days=20))
        self.assertEqual(plan.state, "active")
        self.assertEqual(
            plan.line_ids.sorted("sequence").mapped("payment_state"),
            ["paid", "open", "open"],
        )
        self._pay(self.invoice, 200)
        self._dunning_run(date=self.today + timedelta(days=21))
        self.assertEqual(plan.state, "done")

    def test_accepted_plan_cannot_be_changed(self):
        plan = self._plan()
        plan.action_accept()
        with self.assertRaises(UserError):
            plan.with_user(self.accountant).write({"instalment_count": 12})
        with self.assertRaises(UserError):
            plan.with_user(self.accountant).write({"state": "draft"})
        self.assertEqual(plan.instalment_count, 3)
        self.assertEqual(plan.state, "active")

    def test_items_of_another_customer_are_refused(self):
        other = self._invoice(self.customer_2, 50, days_late=20)
        receivable = other.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        with self.assertRaisesRegex(Exception, "Items Covered"):
            self._plan(move_line_ids=[(6, 0, receivable.ids)])

    def test_plain_user_cannot_accept(self):
        plan = self._plan()
        with self.assertRaises(AccessError):
            plan.with_user(self.users["service_user"]).action_accept()
        self.assertEqual(plan.state, "draft")
