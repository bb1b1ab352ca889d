"""Two agents with their logins, a plan on invoiced amounts, two service
categories and a helper making and billing contracts of the agents'
customers."""

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.service_contract.tests.common import ContractCase


class CommissionCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["service.category"]
        cls.cat_guarding = Category.create({"name": "Guarding"})
        cls.cat_alarms = Category.create({"name": "Alarms"})
        cls.guard.service_category_id = cls.cat_guarding
        cls.monitoring.service_category_id = cls.cat_alarms
        cls.plan = cls.env["service.commission.plan"].create(
            {
                "name": "Standard agents",
                "base": "invoiced",
                "clawback_months": 6,
                "line_ids": [
                    Command.create(
                        {
                            "kind": "percentage",
                            "category_id": cls.cat_guarding.id,
                            "rate": 10,
                        }
                    ),
                    Command.create({"kind": "percentage", "rate": 5}),
                ],
            }
        )
        cls.agent_user = cls.users["agent"]
        cls.agent = cls._agent("Anna Agent", cls.agent_user, cls.plan)
        cls.other_agent_user = cls._make_user(
            "other_agent_a", "service_base.group_service_agent", cls.company_a
        )
        cls.other_agent = cls._agent("Otto Agent", cls.other_agent_user, cls.plan)
        cls.customer.service_agent_id = cls.agent
        cls.other_customer = cls.env["res.partner"].create(
            {
                "name": "Port Warehouse",
                "service_is_customer": True,
                "is_company": True,
                "service_agent_id": cls.other_agent.id,
            }
        )
        cls.expense_account = cls.env["account.account"].search(
            [
                *cls.env["account.account"]._check_company_domain(cls.company_a),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )
        cls.company_a.service_commission_account_id = cls.expense_account
        cls.month_end = cls.month_start + relativedelta(months=1, days=-1)

    @classmethod
    def _agent(cls, name, user, plan):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "service_is_agent": True,
                "service_agent_user_id": user.id,
                "service_commission_plan_id": plan.id,
            }
        )

    @classmethod
    def _agent_contract(cls, months_ago=0, partner=None, **values):
        """A monthly contract billed in advance: 100 of guarding and 31 of
        monitoring (alarms) per month."""
        start = cls.month_start - relativedelta(months=months_ago)
        defaults = {
            "partner_id": (partner or cls.customer).id,
            "date_start": start,
            "billing_period": "monthly",
            "billing_mode": "advance",
            "state": "active",
            "line_ids": [
                Command.create(
                    {"product_id": cls.guard.id, "quantity": 1, "price_unit": 100}
                ),
                Command.create(
                    {"product_id": cls.monitoring.id, "quantity": 1, "price_unit": 31}
                ),
            ],
        }
        return cls.env["service.contract"].create(dict(defaults, **values))

    def _settle(self, date_to=None, date_from=None, company=None):
        date_to = date_to or self.month_end
        date_from = date_from or date_to.replace(day=1)
        company = company or self.company_a
        return (
            self.env["service.commission.settlement"]
            .with_user(self.users["supervisor"])
            .with_company(company)
            ._compute_settlements(company, date_from, date_to)
        )

    def _settlement(self, agent=None, date_to=None):
        return self.env["service.commission.settlement"].search(
            [
                ("agent_id", "=", (agent or self.agent).id),
                ("date_to", "=", date_to or self.month_end),
                ("state", "!=", "cancel"),
            ]
        )

    def _pay(self, invoices, amount=None):
        """Register a payment of ``amount`` (all by default) on ``invoices``."""
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create({"payment_date": self.today})
        )
        if amount is not None:
            wizard.amount = amount
        wizard._create_payments()
        return invoices
