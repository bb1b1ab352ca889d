# covers: COL-03
"""The daily job makes one round per collector and day, even run by two
workers at once (issue 16: the second worker, whose transaction began before
the first committed, made a second round)."""

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestTwoWorkersGenerateRounds(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            collector = env["res.users"].create(
                {
                    "name": "Two workers collector",
                    "login": "two_workers_collector",
                    "group_ids": [
                        (4, env.ref("service_base.group_service_collector").id)
                    ],
                }
            )
            customer = env["res.partner"].create(
                {
                    "name": "Two workers customer",
                    "is_company": True,
                    "service_payment_by_collector": True,
                    "service_collector_id": collector.id,
                }
            )
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": fields.Date.context_today(customer),
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Guarding",
                                "quantity": 1,
                                "price_unit": 80,
                                "tax_ids": [(5, 0, 0)],
                            },
                        )
                    ],
                }
            )
            invoice.action_post()
            self.ids = {
                "collector": collector.id,
                "customer": customer.id,
                "invoice": invoice.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["service.collection.round"].search(
                [("collector_id", "=", self.ids["collector"])]
            ).unlink()
            invoice = env["account.move"].browse(self.ids["invoice"])
            invoice.button_draft()
            invoice.with_context(force_delete=True).unlink()
            env["res.partner"].browse(self.ids["customer"]).unlink()
            env["res.users"].browse(self.ids["collector"]).unlink()

    def _rounds(self, env):
        return env["service.collection.round"].search(
            [("collector_id", "=", self.ids["collector"])]
        )

    def test_second_worker_started_before_the_first_committed_creates_nothing(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            # worker B's transaction (and snapshot) begins first
            self.assertFalse(self._rounds(env_b))
            env_a["service.collection.round"]._cron_generate_rounds()
            self.assertEqual(len(self._rounds(env_a)), 1)
            cr_a.commit()
            # B does not see A's round; it creates none and fails nothing
            env_b["service.collection.round"]._cron_generate_rounds()
            cr_b.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            round_ = self._rounds(env)
            self.assertEqual(len(round_), 1)
            self.assertEqual(round_.date, fields.Date.context_today(round_))
            self.assertEqual(round_.line_ids.partner_id.id, self.ids["customer"])
            self.assertEqual(round_.line_ids.amount_expected, 80)

    def test_two_workers_at_the_same_moment_make_one_round(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            env_a["service.collection.round"]._cron_generate_rounds()
            # A holds the collector: B skips him instead of waiting
            env_b["service.collection.round"]._cron_generate_rounds()
            self.assertFalse(self._rounds(env_b))
            cr_a.commit()
            cr_b.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(len(self._rounds(env)), 1)
