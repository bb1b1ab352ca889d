# covers: RPT-01
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import DashboardCase


@tagged("post_install", "-at_install")
class TestDashboardLandingPage(DashboardCase, HttpCase):
    """The Services app opens on the dashboard for supervisors; each figure
    clicks through to its records in the web client."""

    test_cursor_lock_timeout = 120

    def _app_action(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(debug=False)
        root = self.env.ref("service_base.menu_service_root")
        return menus[root.id]["actionID"]

    def test_services_app_lands_on_the_dashboard_for_supervisors(self):
        dashboard = self.env.ref("service_dashboard.service_dashboard_action")
        self.assertEqual(self._app_action(self.users["supervisor"]), dashboard.id)
        self.assertEqual(self._app_action(self.users["manager"]), dashboard.id)
        # others keep their own first page
        self.assertNotEqual(self._app_action(self.users["service_user"]), dashboard.id)
        self.assertNotEqual(self._app_action(self.users["collector"]), dashboard.id)

    def test_supervisor_clicks_the_overdue_figure_through_to_the_invoices(self):
        self._fixed_contract()
        self._invoice(
            100,
            self.month_start - timedelta(days=40),
            due=self.month_start - timedelta(days=10),
        )
        self._invoice(50, self.today)
        self.users["supervisor"].password = self.users["supervisor"].login
        self.start_tour(
            "/odoo/services-dashboard",
            "service_dashboard_figures_click_through",
            login=self.users["supervisor"].login,
        )
