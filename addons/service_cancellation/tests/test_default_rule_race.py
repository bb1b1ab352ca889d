# covers: BAS-03
"""Two first submissions at once create the company's default approval rule
once: the loser gets a retryable concurrency error, never a UniqueViolation,
and its retry finds the winner's rule (issue 16)."""

import threading

from odoo import api
from odoo.exceptions import ConcurrencyError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

MODEL = "service.cancellation"


@tagged("post_install", "-at_install")
class TestDefaultRuleRace(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.company_id = env.ref("base.main_company").id
            existing = env["service.approval.rule"].search(
                [("model", "=", MODEL), ("company_id", "=", self.company_id)]
            )
            existing.write({"active": False})
            self.existing_ids = existing.ids
        self.addCleanup(self._restore)

    def _restore(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["service.approval.rule"].search(
                [("model", "=", MODEL), ("company_id", "=", self.company_id)]
            ).unlink()
            env["service.approval.rule"].browse(self.existing_ids).exists().write(
                {"active": True}
            )

    def _ensure(self, cr):
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        document = env[MODEL].new({"company_id": self.company_id})
        document._ensure_default_rule()
        return env["service.approval.rule"].search_count(
            [("model", "=", MODEL), ("company_id", "=", self.company_id)]
        )

    def test_two_first_submissions_create_one_rule(self):
        outcome = {}

        def second_submission():
            with self.registry.cursor() as cr_b:
                try:
                    # waits on the unique index until the first one commits
                    self._ensure(cr_b)
                    outcome["second"] = "created"
                except ConcurrencyError:
                    outcome["second"] = "retry"
                except Exception as error:  # reported by the assertion below
                    outcome["second"] = repr(error)
                cr_b.rollback()

        with self.registry.cursor() as cr_a:
            self.assertEqual(self._ensure(cr_a), 1)
            # the second one starts before the first commits
            thread = threading.Thread(target=second_submission)
            thread.start()
            thread.join(timeout=1.0)
            self.assertTrue(thread.is_alive(), "the second waits for the first")
            cr_a.commit()
        thread.join(timeout=30)
        self.assertEqual(outcome.get("second"), "retry")
        # the retry (Odoo's RPC layer replays the request) finds the rule
        with self.registry.cursor() as cr_retry:
            self.assertEqual(self._ensure(cr_retry), 1)
            cr_retry.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            rules = env["service.approval.rule"].search(
                [("model", "=", MODEL), ("company_id", "=", self.company_id)]
            )
            self.assertEqual(len(rules), 1)
            self.assertEqual(
                rules.level_ids.group_id,
                env.ref("service_base.group_service_supervisor"),
            )
