# covers: VIS-01, VIS-02, BAS-01, BAS-02
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import VisitCase

DOCUMENT_RIGHTS = {
    "internal": "",
    "service_user": "rwc",
    "supervisor": "rwc",
    "manager": "rwcu",
    "collector": "",
    "agent": "",
    "portal": "",
}
MATRIX = {
    "service.item": DOCUMENT_RIGHTS,
    "service.visit": DOCUMENT_RIGHTS,
    "service.visit.checklist.line": DOCUMENT_RIGHTS,
}


@tagged("post_install", "-at_install")
class TestVisitAccess(VisitCase):
    def test_access_matrix_per_group(self):
        """Services users read, change and create items and visits; only
        managers delete them; other roles and portal users get nothing."""
        self.assertMatrix(MATRIX)

    def test_company_b_cannot_see_company_a_items_and_visits(self):
        item = self._item()
        visit = self._visit(item_id=item.id)
        for record in (item, visit, visit.checklist_line_ids):
            with self.subTest(model=record._name):
                self.assertIsolated(record, self.manager_b)
        with self.assertRaises(AccessError):
            visit.with_user(self.manager_b).write({"notes": "<p>hijacked</p>"})
        with self.assertRaises(AccessError):
            item.with_user(self.manager_b).write({"serial": "hijacked"})
        self.assertEqual(item.serial, "SN-0001")

    def test_technicians_see_every_visit_of_their_company(self):
        """A Services user finds the visits he is not assigned to as well."""
        others = self._visit(technician_ids=[(6, 0, self.users["service_user"].ids)])
        unassigned = self._visit(date_due=date(2031, 4, 1))
        found = (
            self.env["service.visit"]
            .with_user(self.technician)
            .search([("id", "in", (others | unassigned).ids)])
        )
        self.assertEqual(found, others | unassigned)

    def test_generated_visits_follow_the_contract_company(self):
        contract_b = (
            self.env["service.contract"]
            .with_company(self.company_b)
            .create(
                {
                    "partner_id": self.env["res.partner"]
                    .create({"name": "B customer", "company_id": self.company_b.id})
                    .id,
                    "company_id": self.company_b.id,
                    "date_start": date(2031, 1, 1),
                    "state": "active",
                    "line_ids": [(0, 0, {"product_id": self.boiler_service.id})],
                }
            )
        )
        visits = contract_b._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        self.assertEqual(len(visits), 4)
        self.assertEqual(visits.company_id, self.company_b)
        self.assertFalse(
            self.env["service.visit"]
            .with_user(self.users["manager"])
            .search([("id", "in", visits.ids)])
        )
        self.assertEqual(
            self.env["service.visit"]
            .with_user(self.manager_b)
            .search([("id", "in", visits.ids)]),
            visits,
        )

    def test_menus_for_service_users_only(self):
        menus = self.env["ir.ui.menu"]
        for xmlid in (
            "service_visit.menu_service_visit",
            "service_visit.menu_service_item",
        ):
            menu = self.env.ref(xmlid)
            for role, visible in (
                ("service_user", True),
                ("manager", True),
                ("internal", False),
                ("collector", False),
            ):
                with self.subTest(menu=xmlid, role=role):
                    ids = menus.with_user(self.users[role])._visible_menu_ids()
                    self.assertEqual(menu.id in ids, visible)
