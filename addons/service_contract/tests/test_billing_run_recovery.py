# covers: CON-04
"""A billing run never ends silently without the contracts another worker
held, and a run whose worker died is visibly stale and finished by a
supervisor (issue 16)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import get_db_name, tagged

from ..models.service_billing_run import RUN_LOCK_KEY
from .common import CommittedContractsCase, ContractCase


@tagged("post_install", "-at_install")
class TestStaleRun(ContractCase):
    def _left_running(self, contracts_billed=0, idle=timedelta(hours=1)):
        """A run as a worker killed after a commit leaves it."""
        run = self.env["service.billing.run"].create({"date_until": self.today})
        run.write(
            {
                "state": "running",
                "contract_count": contracts_billed,
                "heartbeat": fields.Datetime.now() - idle,
            }
        )
        return run

    def test_run_of_a_dead_worker_is_stale_and_resumed_by_a_supervisor(self):
        contract = self._contract(months_ago=1)
        for months in (0, 1):
            self._inputs(contract, contract.date_start + relativedelta(months=months))
        run = self._left_running(contracts_billed=4)
        self.assertTrue(run.is_stale)
        run.with_user(self.users["supervisor"]).action_resume()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.is_stale)
        self.assertEqual(len(run.invoice_ids), 2)
        # what the lost worker committed counts too
        self.assertEqual(run.contract_count, 5)
        self.assertTrue(run.date_done)
        self.assertIn("resumed by a supervisor", run.message_ids.mapped("body")[-1])

    def test_supervisor_closes_a_stale_run_without_billing(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        run = self._left_running(contracts_billed=7)
        run.with_user(self.users["supervisor"]).action_close()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.contract_count, 7)
        self.assertFalse(run.invoice_ids)
        self.assertEqual(contract.next_billing_date, contract.date_start)
        self.assertIn("closed by a supervisor", run.message_ids[0].body)

    def test_plain_user_cannot_resume_or_close(self):
        run = self._left_running()
        for action in ("action_resume", "action_close"):
            with self.assertRaises(UserError):  # AccessError is one too
                getattr(run.with_user(self.users["service_user"]), action)()
        run.invalidate_recordset()
        self.assertEqual(run.state, "running")

    def test_run_with_recent_progress_is_not_stale(self):
        run = self._left_running(idle=timedelta(minutes=1))
        self.assertFalse(run.is_stale)
        # its worker is alive: nobody closes it under it
        registry = Registry(get_db_name())
        with registry.cursor() as worker:
            worker.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [RUN_LOCK_KEY, run.id]
            )
            with self.assertRaises(UserError):
                run.with_user(self.users["supervisor"]).action_close()
            worker.rollback()
        self.assertEqual(run.state, "running")

    def test_live_worker_holding_the_run_is_never_stale(self):
        run = self._left_running(idle=timedelta(hours=2))
        registry = Registry(get_db_name())
        with registry.cursor() as worker:
            worker.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [RUN_LOCK_KEY, run.id]
            )
            run.invalidate_recordset(["is_stale"])
            self.assertFalse(run.is_stale, "slow, not dead: its lock is held")
            with self.assertRaises(UserError):
                run.with_user(self.users["supervisor"]).action_resume()
            worker.rollback()
        run.invalidate_recordset(["is_stale"])
        self.assertTrue(run.is_stale, "the worker's session is gone")

    def test_finished_run_is_neither_stale_nor_resumable(self):
        run = self._run()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.is_stale)
        with self.assertRaises(UserError):
            run.with_user(self.users["supervisor"]).action_resume()


@tagged("post_install", "-at_install")
class TestLockedElsewhere(CommittedContractsCase):
    """A second real transaction holds contract rows FOR UPDATE (a crashed
    worker's session not yet gone) while a run bills."""

    CONTRACTS = 6
    DATA_NAME = "Locked elsewhere"

    def test_run_reports_the_contracts_another_worker_holds(self):
        held_ids = self.ids["contracts"][:2]
        with self.registry.cursor() as other, self.registry.cursor() as cr_run:
            other.execute(
                "SELECT id FROM service_contract WHERE id = ANY(%s) FOR UPDATE",
                [held_ids],
            )
            env = api.Environment(cr_run, api.SUPERUSER_ID, {})
            today = fields.Date.context_today(env["service.contract"])
            run = env["service.billing.run"].create({"date_until": today})
            run._run()
            mine = run.invoice_ids.filtered(
                lambda m: m.service_contract_id.id in self.ids["contracts"]
            )
            self.assertEqual(len(mine), 4)
            locked = run.issue_ids.filtered(lambda i: i.kind == "locked")
            self.assertEqual(sorted(locked.mapped("locked_contract_id")), held_ids)
            self.assertEqual(run.locked_count, len(locked))
            self.assertEqual(run.state, "done")
            self.assertIn("locked by another worker", run.message_ids[0].body)
            cr_run.commit()
            other.rollback()
        # once the other session is gone, the next run bills them
        with self.registry.cursor() as cr_run:
            env = api.Environment(cr_run, api.SUPERUSER_ID, {})
            today = fields.Date.context_today(env["service.contract"])
            rerun = env["service.billing.run"].create({"date_until": today})
            rerun._run()
            billed = rerun.invoice_ids.service_contract_id.ids
            self.assertEqual(sorted(set(billed) & set(held_ids)), held_ids)
            self.assertFalse(
                rerun.issue_ids.filtered(
                    lambda i: i.locked_contract_id in self.ids["contracts"]
                )
            )
            cr_run.commit()
