# covers: VIS-02
"""Two planners in two real transactions at the same moment plan each visit
once."""

from datetime import timedelta

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

CONTRACTS = 20


@tagged("post_install", "-at_install")
class TestTwoPlanners(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            today = fields.Date.context_today(env["service.contract"])
            product = env["product.product"].create(
                {
                    "name": "Two planners service",
                    "type": "service",
                    "service_fee_method": "fixed",
                    "list_price": 10,
                    "service_visit_frequency": "weekly",
                }
            )
            partner = env["res.partner"].create({"name": "Two planners customer"})
            contracts = env["service.contract"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": today,
                        "state": "active",
                        "line_ids": [
                            (0, 0, {"product_id": product.id, "tax_ids": False})
                        ],
                    }
                    for __ in range(CONTRACTS)
                ]
            )
            self.ids = {
                "product": product.id,
                "partner": partner.id,
                "contracts": contracts.ids,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            contracts = env["service.contract"].browse(self.ids["contracts"])
            env["service.visit"].search([("contract_id", "in", contracts.ids)]).unlink()
            contracts.unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _visit_keys(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT contract_line_id, date_due FROM service_visit
                 WHERE contract_id = ANY(%s)
                """,
                [self.ids["contracts"]],
            )
            return cr.fetchall()

    def test_two_planners_at_once_plan_each_visit_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            contracts_a = env_a["service.contract"].browse(self.ids["contracts"])
            today = fields.Date.context_today(contracts_a)
            horizon = contracts_a.company_id.service_visit_horizon_days
            expected = {
                (line.id, due)
                for line in contracts_a.line_ids
                for due in line._visit_due_dates(today, today + timedelta(days=horizon))
            }
            self.assertGreater(len(expected), CONTRACTS)
            visits_a = contracts_a._generate_visits()  # holds its locks until commit
            self.assertEqual(len(visits_a), len(expected))
            # meanwhile: the second planner skips the lines, neither waits
            # nor plans a visit twice
            visits_b = (
                env_b["service.contract"]
                .browse(self.ids["contracts"])
                ._generate_visits()
            )
            self.assertFalse(visits_b)
            cr_a.commit()
            cr_b.commit()
        keys = self._visit_keys()
        self.assertEqual(len(keys), len(set(keys)), "a visit was planned twice")
        self.assertEqual(set(keys), expected)
        # a third run, after both committed, plans nothing more
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            again = env["service.contract"].browse(self.ids["contracts"])
            self.assertFalse(again._generate_visits())
            env["service.visit"]._cron_generate_visits()
            cr.rollback()  # leave the database's other contracts alone
        self.assertEqual(sorted(self._visit_keys()), sorted(keys))
