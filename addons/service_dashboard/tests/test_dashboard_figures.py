# covers: RPT-01
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardFigures(DashboardCase):
    """Every figure of the Services dashboard equals the records behind it,
    worked out here by hand, and its click opens exactly those records."""

    def _dashboard(self, user=None, company=None):
        Dashboard = self.env["service.dashboard"].with_user(
            user or self.users["supervisor"]
        )
        return Dashboard.search([("company_id", "=", (company or self.company_a).id)])

    def _opened(self, dashboard, method):
        action = getattr(dashboard, method)()
        return self.env[action["res_model"]].search(action["domain"])

    def test_recurring_revenue_is_the_monthly_equivalent_of_active_contracts(self):
        running = self._fixed_contract()
        self._fixed_contract(state="draft")  # not signed yet: no revenue
        ended = self._fixed_contract()
        ended.action_end()
        self._fixed_contract(company=self.company_b, partner=self.customer_b)
        dashboard = self._dashboard()
        # 100.00 a month + 300.00 a quarter
        self.assertAlmostEqual(dashboard.recurring_revenue, 100 + 300 / 3, places=2)
        self.assertEqual(
            self._opened(dashboard, "action_open_recurring_revenue"), running.line_ids
        )
        # company B's manager sees B's contract only
        dashboard_b = self._dashboard(self.manager_b, self.company_b)
        self.assertAlmostEqual(dashboard_b.recurring_revenue, 200.0, places=2)

    def test_billed_collected_and_overdue_equal_the_ledger(self):
        self._invoice(250, self.today)
        refund = self._invoice(50, self.today, move_type="out_refund")
        # billed last month, due next month
        self._invoice(
            999, self.month_start - timedelta(days=1), due=self.month_end + timedelta(1)
        )
        overdue = self._invoice(
            100,
            self.month_start - timedelta(days=40),
            due=self.month_start - timedelta(days=10),
        )
        draft = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        self._payment(80)
        self._payment(500, self.month_start - timedelta(days=1))  # last month
        dashboard = self._dashboard()
        # 250 invoiced less the 50 credited this month, untaxed
        self.assertAlmostEqual(dashboard.billed_amount, 200.0, places=2)
        self.assertAlmostEqual(dashboard.collected_amount, 80.0, places=2)
        # the whole 100 + 15 % tax of the one invoice past its due date
        self.assertAlmostEqual(dashboard.overdue_amount, 115.0, places=2)
        self.assertEqual(dashboard.overdue_count, 1)
        billed = self._opened(dashboard, "action_open_billed")
        self.assertIn(refund, billed)
        self.assertNotIn(draft, billed)
        self.assertEqual(len(billed), 2)
        self.assertEqual(self._opened(dashboard, "action_open_overdue"), overdue)
        self.assertAlmostEqual(
            sum(self._opened(dashboard, "action_open_collected").mapped("amount")),
            80.0,
        )
        # another company sees none of it
        dashboard_b = self._dashboard(self.manager_b, self.company_b)
        self.assertEqual(
            (dashboard_b.billed_amount, dashboard_b.overdue_amount), (0.0, 0.0)
        )

    def test_held_billings_are_the_contracts_this_months_runs_held(self):
        contract = self._contract()  # its formula line has no inputs: held
        run = self._run()
        held = run.issue_ids.filtered(lambda issue: issue.kind == "held")
        self.assertEqual(held.contract_id, contract)
        dashboard = self._dashboard()
        self.assertEqual(dashboard.held_count, 1)
        self.assertEqual(self._opened(dashboard, "action_open_held"), held)

    def test_open_late_requests_and_sla_of_the_month(self):
        now = fields.Datetime.now()
        long_ago = now - timedelta(days=20)
        open_in_time = self._request(now)
        open_late = self._request(long_ago)
        closed_in_time = self._request(now)
        closed_late = self._request(long_ago)
        for request in closed_in_time | closed_late:
            request.stage_id = self.stage_done
        self.assertLess(open_late.date_expected, now, "20 days exceed 16 SLA hours")
        self.assertGreater(open_in_time.date_expected, now)
        dashboard = self._dashboard()
        self.assertEqual(dashboard.open_request_count, 2)
        self.assertEqual(dashboard.late_request_count, 1)
        self.assertEqual(dashboard.closed_request_count, 2)
        self.assertEqual(dashboard.closed_on_time_count, 1)
        self.assertEqual(dashboard.sla_percent, 50.0)
        self.assertEqual(
            self._opened(dashboard, "action_open_open_requests"),
            open_in_time | open_late,
        )
        self.assertEqual(
            self._opened(dashboard, "action_open_late_requests"), open_late
        )
        self.assertEqual(
            self._opened(dashboard, "action_open_closed_requests"),
            closed_in_time | closed_late,
        )
        # a month without closed requests is not a breach
        self.assertEqual(
            self._dashboard(self.manager_b, self.company_b).sla_percent, 100.0
        )

    def test_visits_due_this_month_and_overdue(self):
        due = self._visit(date_due=self.month_end)
        overdue = self._visit(date_due=self.today - timedelta(days=1))
        self._visit(date_due=self.month_end + timedelta(days=1))  # next month
        done = self._visit(date_due=self.today - timedelta(days=3))
        done.no_signature_reason = "Nobody on site; key from the caretaker"
        done.action_done()
        self.assertEqual(done.state, "done")
        dashboard = self._dashboard()
        self.assertEqual(dashboard.visit_due_count, 1)
        self.assertEqual(dashboard.visit_overdue_count, 1)
        self.assertEqual(self._opened(dashboard, "action_open_visits_due"), due)
        self.assertEqual(self._opened(dashboard, "action_open_visits_overdue"), overdue)

    def test_churn_is_the_cancellations_effective_this_month(self):
        contract = self._fixed_contract(notice_days=0)
        cancellation = self.env["service.cancellation"].create(
            {
                "contract_id": contract.id,
                "reason_id": self.env.ref("service_cancellation.reason_price").id,
                "date_received": self.today,
            }
        )
        cancellation.with_user(self.users["service_user"]).action_submit()
        cancellation.with_user(self.users["supervisor"]).action_approve()
        self.env["service.cancellation"]._cron_apply(today=cancellation.date_effective)
        self.assertEqual(cancellation.state, "done")
        self.assertGreaterEqual(cancellation.date_effective, self.month_start)
        self.assertLessEqual(cancellation.date_effective, self.month_end)
        dashboard = self._dashboard()
        self.assertEqual(dashboard.churn_count, 1)
        # both lines lost: 100.00 a month and 300.00 a quarter
        self.assertAlmostEqual(dashboard.churn_amount, 200.0, places=2)
        self.assertEqual(self._opened(dashboard, "action_open_churn"), cancellation)
