# covers: RPT-01, RPT-02
from xmlrpc.client import Fault

from odoo import Command
from odoo.tests import HttpCase, get_db_name, tagged

from .common import DashboardCase

ACCESS_REFUSED = "doesn't have '(read|write)' access|not allowed"


@tagged("post_install", "-at_install")
class TestDashboardAccess(DashboardCase, HttpCase):
    """Only supervisors and managers read the dashboard and the sales
    statistics, each only for his own companies; nobody writes them. Proven
    over XML-RPC as each role, as an integrator would call them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor_ab = cls._make_user(
            "supervisor_ab", "service_base.group_service_supervisor", cls.company_a
        )
        cls.supervisor_ab.company_ids = [
            Command.set((cls.company_a | cls.company_b).ids)
        ]
        cls._fixed_contract()
        cls._fixed_contract(company=cls.company_b, partner=cls.customer_b)
        cls._fixed_contract(company=cls.company_b, partner=cls.customer_b)
        cls._invoice(250, cls.today)
        for user in cls.users.values():
            user.password = user.login

    def _call(self, user, model, method, *args, **kwargs):
        common = self.xmlrpc_common
        uid = common.authenticate(get_db_name(), user.login, user.login, {})
        return self.xmlrpc_object.execute_kw(
            get_db_name(), uid, user.login, model, method, list(args), kwargs
        )

    def test_roles_without_reporting_rights_cannot_read_the_dashboard(self):
        for role in ("service_user", "collector", "agent", "internal"):
            for model in ("service.dashboard", "service.sales.report"):
                with (
                    self.subTest(role=role, model=model),
                    self.assertRaisesRegex(Fault, ACCESS_REFUSED),
                ):
                    self._call(self.users[role], model, "search_read", [])

    def test_supervisor_reads_only_his_companys_figures(self):
        rows = self._call(
            self.users["supervisor"],
            "service.dashboard",
            "search_read",
            [],
            fields=["company_id", "recurring_revenue", "billed_amount"],
        )
        self.assertEqual([row["company_id"][0] for row in rows], [self.company_a.id])
        self.assertAlmostEqual(rows[0]["recurring_revenue"], 200.0, places=2)
        self.assertAlmostEqual(rows[0]["billed_amount"], 250.0, places=2)
        # company B's row is refused, not just hidden from searches
        with self.assertRaisesRegex(Fault, ACCESS_REFUSED):
            self._call(
                self.users["supervisor"],
                "service.dashboard",
                "read",
                [self.company_b.id],
                fields=["recurring_revenue"],
            )
        sales = self._call(
            self.users["supervisor"],
            "service.sales.report",
            "search_read",
            [],
            fields=["company_id", "amount"],
        )
        self.assertEqual({row["company_id"][0] for row in sales}, {self.company_a.id})
        # B's manager sees only B's statistics: none, B has no invoices
        self.assertFalse(
            self._call(self.manager_b, "service.sales.report", "search_read", [])
        )

    def test_user_of_two_companies_sees_one_row_each_with_its_own_figures(self):
        self.env.flush_all()
        rows = (
            self.env["service.dashboard"]
            .with_user(self.supervisor_ab)
            .with_context(allowed_company_ids=(self.company_a | self.company_b).ids)
            .search([])
        )
        revenue = {row.company_id: row.recurring_revenue for row in rows}
        self.assertEqual(
            revenue, {self.company_a: 200.0, self.company_b: 400.0}, "one per company"
        )

    def test_nobody_writes_the_figures(self):
        with self.assertRaisesRegex(Fault, ACCESS_REFUSED):
            self._call(
                self.users["manager"],
                "service.dashboard",
                "write",
                [self.company_a.id],
                {"name": "Renamed"},
            )
        self.assertEqual(
            self.env["service.dashboard"].browse(self.company_a.id).name,
            self.company_a.name,
        )

    def test_figure_click_over_rpc_opens_the_records_of_the_callers_company(self):
        action = self._call(
            self.users["supervisor"],
            "service.dashboard",
            "action_open_recurring_revenue",
            [self.company_a.id],
        )
        self.assertEqual(action["res_model"], "service.contract.line")
        self.assertIn(["company_id", "=", self.company_a.id], action["domain"])
        with self.assertRaisesRegex(Fault, ACCESS_REFUSED):
            self._call(
                self.users["supervisor"],
                "service.dashboard",
                "action_open_recurring_revenue",
                [self.company_b.id],
            )
