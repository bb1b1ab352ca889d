# covers: AGT-01, AGT-03, AGT-04
"""Who reads and changes plans and settlements; an agent sees only his own
settlements, portfolio, contracts and customers, nothing of the other agents
nor of another company."""

from odoo.exceptions import AccessError

from .common import CommissionCase


class TestCommissionAccess(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_contract = cls._agent_contract(months_ago=1)
        cls.other_contract = cls._agent_contract(
            months_ago=1, partner=cls.other_customer
        )
        cls.env["service.billing.run"].create(
            {"date_until": cls.today, "company_id": cls.company_a.id}
        ).action_run()
        Settlement = cls.env["service.commission.settlement"]
        settlements = Settlement._compute_settlements(
            cls.company_a, cls.month_start, cls.month_end
        )
        cls.own = settlements.filtered(lambda s: s.agent_id == cls.agent)
        cls.other = settlements - cls.own
        # company B: a plan, and a settlement of the same agent there
        cls.plan_b = cls.env["service.commission.plan"].create(
            {"name": "Plan B", "company_id": cls.company_b.id}
        )
        cls.settlement_b = Settlement.create(
            {
                "agent_id": cls.agent.id,
                "company_id": cls.company_b.id,
                "date_from": cls.month_start,
                "date_to": cls.month_end,
            }
        )

    def test_rights_per_role(self):
        self.assertMatrix(
            {
                "service.commission.plan": {
                    "agent": "",
                    "internal": "",
                    "service_user": "r",
                    "supervisor": "r",
                    "manager": "rwcu",
                    "portal": "",
                },
                "service.commission.settlement": {
                    "agent": "r",
                    "internal": "",
                    "service_user": "r",
                    "supervisor": "rwc",
                    "manager": "rwcu",
                    "collector": "",
                    "portal": "",
                },
                "service.commission.settlement.line": {
                    "agent": "r",
                    "service_user": "r",
                    "supervisor": "rwcu",
                    "portal": "",
                },
                "service.commission.portfolio": {
                    "agent": "r",
                    "internal": "",
                    "service_user": "r",
                    "portal": "",
                },
                "service.commission.compute": {
                    "agent": "",
                    "service_user": "",
                    "supervisor": "rwcu",
                },
            }
        )

    def test_agent_sees_only_his_own_settlements(self):
        Settlement = self.env["service.commission.settlement"].with_user(
            self.agent_user
        )
        self.assertEqual(Settlement.search([]), self.own)
        self.assertEqual(self.own.with_user(self.agent_user).amount_total, 23.1)
        lines = self.env["service.commission.settlement.line"].with_user(
            self.agent_user
        )
        self.assertEqual(lines.search([]), self.own.line_ids)
        self.assertIsolated(self.other, self.agent_user)
        self.assertIsolated(self.other.line_ids, self.agent_user)
        with self.assertRaises(AccessError):
            self.own.with_user(self.agent_user).action_review()

    def test_agent_sees_nothing_of_company_b(self):
        self.assertIsolated(self.settlement_b, self.agent_user)
        self.assertIsolated(self.plan_b, self.users["manager"])
        self.assertIsolated(self.own, self.manager_b)

    def test_agent_sees_only_his_contracts_and_customers(self):
        Contract = self.env["service.contract"].with_user(self.agent_user)
        self.assertEqual(Contract.search([]), self.own_contract)
        self.assertEqual(
            self.env["service.contract.line"].with_user(self.agent_user).search([]),
            self.own_contract.line_ids,
        )
        self.assertIsolated(self.other_contract, self.agent_user)
        Partner = self.env["res.partner"].with_user(self.agent_user)
        self.assertIn(self.customer, Partner.search([]))
        self.assertIsolated(self.other_customer, self.agent_user)
        # his own contact and his company stay visible
        self.assertTrue(Partner.browse(self.agent_user.partner_id.id).name)
        self.assertTrue(Partner.browse(self.company_a.partner_id.id).name)

    def test_agent_sees_only_his_portfolio(self):
        Portfolio = self.env["service.commission.portfolio"]
        self.assertEqual(Portfolio.search([]).agent_id, self.agent | self.other_agent)
        rows = Portfolio.with_user(self.agent_user).search([])
        self.assertTrue(rows)
        self.assertEqual(rows.agent_id, self.agent)

    def test_supervisor_cannot_change_plans(self):
        with self.assertRaises(AccessError):
            self.plan.with_user(self.users["supervisor"]).write({"base": "paid"})

    def test_agents_get_the_services_app_with_their_commission_menus(self):
        menus = self.env["ir.ui.menu"]
        root = self.env.ref("service_base.menu_service_root")
        commissions = self.env.ref("service_commission.menu_service_commission")
        mine = self.env.ref("service_commission.menu_service_agent_contract")
        compute = self.env.ref("service_commission.menu_service_commission_compute")
        config = self.env.ref("service_base.menu_service_config")
        visible = menus.with_user(self.agent_user)._visible_menu_ids()
        self.assertTrue({root.id, commissions.id, mine.id} <= visible)
        self.assertFalse({compute.id, config.id} & visible)
        visible = menus.with_user(self.users["supervisor"])._visible_menu_ids()
        self.assertIn(compute.id, visible)
        self.assertNotIn(mine.id, visible)
