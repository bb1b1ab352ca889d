# covers: PRT-02, REQ-12
"""The portal under load (issue 15): the pages a customer browses cost the
same number of queries whether he has 10 or 1,000 contracts, invoices and
requests (lists are paged, their lines prefetched), and the list pages are
read-only routes a replica can serve. Odoo's own /my/invoices does not hold
yet (see PAGES)."""

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_request.tests.common import RequestCase

SMALL, LARGE = 10, 1000
# /my/invoices is Odoo's own page: measured at 33 queries for 10 invoices and
# 278 for 1,000 on 2026-12-03, an open point of issue 15 (not asserted here)
PAGES = ("/my", "/my/contracts", "/my/requests", "/my/contract")


@tagged("post_install", "-at_install")
class TestPortalQueryCounts(RequestCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {
                "name": "Portal load service",
                "type": "service",
                "service_fee_method": "per_unit",
                "list_price": 10,
            }
        )
        cls.customers = {
            size: cls._customer_with(size, f"load{size}") for size in (SMALL, LARGE)
        }

    @classmethod
    def _customer_with(cls, size, login):
        customer = cls.env["res.partner"].create(
            {
                "name": f"Customer with {size} records",
                "is_company": True,
                "service_is_customer": True,
                "company_id": cls.company_a.id,
            }
        )
        user = new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )
        user.partner_id.parent_id = customer
        today = fields.Date.context_today(cls.env["service.contract"])
        contracts = cls.env["service.contract"].create(
            [
                {
                    "partner_id": customer.id,
                    "date_start": today.replace(day=1),
                    "state": "active",
                    "line_ids": [
                        Command.create({"product_id": cls.product.id, "tax_ids": False})
                    ],
                }
                for __ in range(size)
            ]
        )
        invoices = cls.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": today,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Service", "price_unit": 10, "tax_ids": False}
                        )
                    ],
                }
                for __ in range(size)
            ]
        )
        invoices.action_post()
        cls.env["service.request"].create(
            [
                {
                    "type_id": cls.type.id,
                    "partner_id": customer.id,
                    "date_received": fields.Datetime.now(),
                }
                for __ in range(size)
            ]
        )
        return {"login": login, "contract": contracts[0]}

    def _queries(self, customer, page):
        url = (
            f"/my/contracts/{customer['contract'].id}"
            if page == "/my/contract"
            else page
        )
        # warm: caches filled, portal tokens of the listed records given
        for __ in range(2):
            self.assertEqual(self.url_open(url, timeout=120).status_code, 200, url)
        before = self.cr.sql_log_count
        response = self.url_open(url, timeout=120)
        self.assertEqual(response.status_code, 200, url)
        return self.cr.sql_log_count - before

    def test_pages_cost_the_same_for_10_and_1000_records(self):
        counts = {}
        for size, customer in self.customers.items():
            self.authenticate(customer["login"], customer["login"])
            counts[size] = {page: self._queries(customer, page) for page in PAGES}
            self.logout()
        for page in PAGES:
            # measured second, the large customer may find one more cache warm:
            # what matters is that his records cost nothing more
            self.assertLessEqual(counts[LARGE][page], counts[SMALL][page], counts)
            self.assertGreaterEqual(
                counts[LARGE][page], counts[SMALL][page] - 1, counts
            )
            self.assertLess(counts[LARGE][page], 60, f"{page}: {counts}")

    def test_list_pages_and_statements_are_readonly_routes(self):
        """Read-only routes: served from a replica where there is one."""
        rules = {
            url: endpoint.routing
            for url, endpoint in http._generate_routing_rules(
                sorted(self.registry._init_modules), False
            )
        }
        for url in (
            "/my/counters",
            "/my/contracts",
            "/my/contracts/page/<int:page>",
            "/my/requests",
            "/my/requests/page/<int:page>",
        ):
            self.assertTrue(rules[url]["readonly"], url)
        # what writes stays on the primary
        self.assertFalse(rules["/my/requests/new"]["readonly"])
