# covers: DUN-02
"""Two workers running dunning at once send each reminder once: the
second waits out a customer the first holds (advisory lock) and, when the
first committed after the second's snapshot began, the unique episode key
refuses the duplicate. The daily job commits batch by batch."""

from datetime import timedelta

from odoo import Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestTwoWorkersDunning(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            company = env.ref("base.main_company")
            scenario = env["service.dunning.scenario"].create(
                {
                    "name": "Two workers scenario",
                    "company_id": company.id,
                    "level_ids": [
                        Command.create(
                            {
                                "name": "Two workers reminder",
                                "days_after_due": 5,
                                "channel_email": True,
                            }
                        )
                    ],
                }
            )
            customer = env["res.partner"].create(
                {
                    "name": "Two workers debtor",
                    "is_company": True,
                    "email": "debtor@two-workers.example.com",
                }
            )
            customer.with_company(company).service_dunning_scenario_id = scenario
            due = fields.Date.context_today(customer) - timedelta(days=20)
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "invoice_date": due,
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Guarding",
                                "quantity": 1,
                                "price_unit": 80,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            invoice.action_post()
            self.ids = {
                "company": company.id,
                "scenario": scenario.id,
                "customer": customer.id,
                "invoice": invoice.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            runs = env["service.dunning.run"].search(
                [("create_date", ">=", self.started)]
            )
            mails = env["mail.mail"].search(
                [
                    ("model", "=", "service.dunning.communication"),
                    ("res_id", "in", runs.communication_ids.ids),
                ]
            )
            mails.unlink()
            runs.communication_ids.fee_move_id.button_draft()
            runs.communication_ids.fee_move_id.with_context(force_delete=True).unlink()
            runs.unlink()
            invoice = env["account.move"].browse(self.ids["invoice"])
            invoice.button_draft()
            invoice.with_context(force_delete=True).unlink()
            env["service.dunning.scenario"].browse(self.ids["scenario"]).unlink()
            env["res.partner"].browse(self.ids["customer"]).unlink()

    def run(self, result=None):
        self.started = fields.Datetime.now()
        return super().run(result)

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})

    def _new_run(self, env):
        return env["service.dunning.run"].create({"company_id": self.ids["company"]})

    def _sent(self, env):
        communications = env["service.dunning.communication"].search(
            [("partner_id", "=", self.ids["customer"])]
        )
        mails = env["mail.mail"].search(
            [
                ("model", "=", "service.dunning.communication"),
                ("res_id", "in", communications.ids),
            ]
        )
        return communications, mails

    def test_second_worker_skips_the_customer_the_first_holds(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            run_a = self._new_run(env_a)
            run_b = self._new_run(env_b)
            run_a.action_run()
            run_b.action_run()
            self.assertEqual(run_a.communication_count, 1)
            self.assertEqual(run_b.communication_count, 0)
            cr_a.commit()
            cr_b.commit()
        with self.registry.cursor() as cr:
            communications, mails = self._sent(self._env(cr))
            self.assertEqual(len(communications), 1)
            self.assertEqual(len(mails), 1)

    def test_second_worker_started_before_the_first_committed_sends_nothing(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            run_b = self._new_run(env_b)  # B's snapshot begins here
            run_a = self._new_run(env_a)
            run_a.action_run()
            cr_a.commit()
            run_b.action_run()
            self.assertEqual(run_b.communication_count, 0)
            cr_b.commit()
        with self.registry.cursor() as cr:
            communications, mails = self._sent(self._env(cr))
            self.assertEqual(len(communications), 1)
            self.assertEqual(len(mails), 1)

    def test_daily_job_commits_and_reruns_send_nothing(self):
        for _attempt in range(2):
            with self.registry.cursor() as cr:
                self._env(cr)["service.dunning.run"]._cron_run()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            communications, mails = self._sent(env)
            self.assertEqual(len(communications), 1)
            self.assertEqual(len(mails), 1)
            runs = env["service.dunning.run"].search(
                [("trigger", "=", "cron"), ("create_date", ">=", self.started)]
            )
            self.assertEqual(len(runs), 2)
            self.assertEqual(set(runs.mapped("state")), {"done"})
