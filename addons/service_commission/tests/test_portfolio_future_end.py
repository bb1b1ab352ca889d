# covers: AGT-04
"""A contract whose end date is still to come in the month under way is
not churned before it ends: it counts as active, with its revenue, until
its last day (issue 17)."""

from dateutil.relativedelta import relativedelta

from odoo import fields

from .common import CommissionCase


class TestPortfolioFutureEnd(CommissionCase):
    def test_contract_ending_later_this_month_is_not_churned_yet(self):
        user = self._make_user(
            "future_end_agent", "service_base.group_service_agent", self.company_a
        )
        agent = self._agent("Fiona Future", user, self.plan)
        customer = self.env["res.partner"].create(
            {"name": "Future end customer", "service_agent_id": agent.id}
        )
        today = fields.Date.context_today(self.env["res.partner"])
        this_month = today.replace(day=1)
        this_month_end = this_month + relativedelta(months=1, days=-1)
        ending = self._agent_contract(months_ago=0, partner=customer)
        ending.write(
            {
                "date_start": this_month - relativedelta(months=2),
                "date_end": this_month_end,
                "renewal_mode": "none",
            }
        )
        self.env.flush_all()
        row = (
            self.env["service.commission.portfolio"]
            .with_user(user)
            .search([("agent_id", "=", agent.id), ("month", "=", this_month)])
        )
        self.assertEqual(len(row), 1)
        self.assertEqual(row.churned_contracts, 0)
        self.assertEqual(row.active_contracts, 1)
        self.assertEqual(row.churn_rate, 0.0)
        self.assertAlmostEqual(row.recurring_revenue, 131.0)
