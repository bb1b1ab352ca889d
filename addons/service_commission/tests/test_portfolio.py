# covers: AGT-04
from dateutil.relativedelta import relativedelta

from odoo import Command

from .common import CommissionCase


class TestAgentPortfolio(CommissionCase):
    def test_portfolio_counts_active_new_churned_and_monthly_revenue(self):
        """A: monthly 131 from 3 months ago; B: quarterly 300 (100 a month)
        from 2 months ago, terminated at last month's end; C: yearly 1200
        (100 a month) from this month; a draft is not counted."""
        user = self._make_user(
            "portfolio_agent", "service_base.group_service_agent", self.company_a
        )
        agent = self._agent("Paula Portfolio", user, self.plan)
        customer = self.env["res.partner"].create(
            {"name": "Portfolio customer", "service_agent_id": agent.id}
        )
        self._agent_contract(months_ago=3, partner=customer)
        quarterly = self._agent_contract(
            months_ago=2,
            partner=customer,
            billing_period="quarterly",
            line_ids=[
                Command.create(
                    {"product_id": self.guard.id, "quantity": 1, "price_unit": 300}
                )
            ],
        )
        self._agent_contract(
            months_ago=0,
            partner=customer,
            billing_period="yearly",
            line_ids=[
                Command.create(
                    {"product_id": self.guard.id, "quantity": 1, "price_unit": 1200}
                )
            ],
        )
        self._agent_contract(months_ago=1, partner=customer, state="draft")
        last_month_end = self.month_start - relativedelta(days=1)
        quarterly._service_terminate(last_month_end, "Lost to a competitor")
        self.assertEqual(quarterly.state, "ended")
        self.env.flush_all()

        rows = (
            self.env["service.commission.portfolio"]
            .with_user(user)
            .search([("agent_id", "=", agent.id)], order="month")
        )
        months = [self.month_start - relativedelta(months=n) for n in (3, 2, 1, 0)]
        self.assertEqual(rows.mapped("month"), months)
        self.assertEqual(rows.mapped("active_contracts"), [1, 2, 1, 2])
        self.assertEqual(rows.mapped("new_contracts"), [1, 1, 0, 1])
        self.assertEqual(rows.mapped("churned_contracts"), [0, 0, 1, 0])
        self.assertEqual(rows.mapped("opening_contracts"), [0, 1, 2, 1])
        self.assertEqual(rows.mapped("churn_rate"), [0.0, 0.0, 50.0, 0.0])
        self.assertEqual(
            [round(amount, 2) for amount in rows.mapped("recurring_revenue")],
            [131.0, 231.0, 131.0, 231.0],
        )

    def test_portfolio_groups_per_agent_for_the_pivot(self):
        self._agent_contract(months_ago=1)
        self._agent_contract(months_ago=1, partner=self.other_customer)
        self._agent_contract(months_ago=0)
        self.env.flush_all()
        groups = self.env["service.commission.portfolio"]._read_group(
            [("month", "=", self.month_start)],
            ["agent_id"],
            ["active_contracts:sum", "recurring_revenue:sum"],
        )
        result = {agent: (count, revenue) for agent, count, revenue in groups}
        self.assertEqual(result[self.agent], (2, 262.0))
        self.assertEqual(result[self.other_agent], (1, 131.0))
