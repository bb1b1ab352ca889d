# covers: AGT-03
"""Two settlement jobs in two real transactions at the same moment."""

from odoo import Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestTwoWorkers(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            plan = env["service.commission.plan"].create(
                {
                    "name": "Two workers plan",
                    "line_ids": [Command.create({"kind": "percentage", "rate": 10})],
                }
            )
            agent = env["res.partner"].create(
                {
                    "name": "Two workers agent",
                    "service_is_agent": True,
                    "service_commission_plan_id": plan.id,
                }
            )
            customer = env["res.partner"].create({"name": "Two workers customer"})
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": fields.Date.context_today(env.user),
                    "service_agent_id": agent.id,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Guarding", "price_unit": 200, "tax_ids": False}
                        )
                    ],
                }
            )
            invoice.action_post()
            self.ids = {
                "plan": plan.id,
                "agent": agent.id,
                "customer": customer.id,
                "invoice": invoice.id,
                "company": env.company.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["service.commission.settlement"].search(
                [("agent_id", "=", self.ids["agent"])]
            ).unlink()
            invoice = env["account.move"].browse(self.ids["invoice"])
            invoice.button_draft()
            invoice.with_context(force_delete=True).unlink()
            env["res.partner"].browse(
                [self.ids["agent"], self.ids["customer"]]
            ).unlink()
            env["service.commission.plan"].browse(self.ids["plan"]).unlink()

    def _compute(self, env):
        company = env["res.company"].browse(self.ids["company"])
        today = fields.Date.context_today(env.user)
        return env["service.commission.settlement"]._compute_settlements(
            company,
            today.replace(day=1),
            today,
            agents=env["res.partner"].browse(self.ids["agent"]),
        )

    def test_two_jobs_at_once_settle_each_invoice_line_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            first = self._compute(env_a)  # holds the agent's lock until commit
            self.assertEqual(first.amount_total, 20.0)
            second = self._compute(env_b)  # meanwhile: skips the agent, no wait
            self.assertFalse(second)
            cr_a.commit()
            cr_b.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            again = self._compute(env)  # after both: a rerun adds nothing
            lines = env["service.commission.settlement.line"].search(
                [("agent_id", "=", self.ids["agent"])]
            )
            self.assertEqual(len(lines), 1)
            self.assertEqual(again.line_ids, lines)
            self.assertEqual(again.amount_total, 20.0)
