# covers: CON-04
"""One billing run shared by several workers (issue 15): real worker
processes take its slices with FOR UPDATE SKIP LOCKED, every contract is
billed once, the run's progress counts what they committed, and a worker
killed mid-slice leaves its slice to the others, which finish the run."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from odoo import api, fields
from odoo.tests import get_db_name, tagged
from odoo.tools import config

from ..models.service_billing_run import SLICE_SIZE_PARAM
from .common import CommittedContractsCase

WORKER = Path(__file__).with_name("billing_worker.py")
CONTRACTS = 24
SLICE_SIZE = 3


@tagged("post_install", "-at_install")
class TestBillingWorkers(CommittedContractsCase):
    CONTRACTS = CONTRACTS
    DATA_NAME = "Shared run"

    def setUp(self):
        self.processes = []
        super().setUp()
        # first, so no worker of a failed test holds rows the clean-up deletes
        self.addCleanup(self._stop_processes)

    def _setup_committed(self, env):
        env["ir.config_parameter"].set_param(SLICE_SIZE_PARAM, SLICE_SIZE)
        today = fields.Date.context_today(env["service.contract"])
        run = env["service.billing.run"].create({"date_until": today})
        run._plan_slices()
        self.ids["run"] = run.id

    def _remove_committed(self, env):
        env["ir.config_parameter"].search([("key", "=", SLICE_SIZE_PARAM)]).unlink()

    def _stop_processes(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)

    def _start_worker(self, mode="work"):
        addons_path = config["addons_path"]
        if not isinstance(addons_path, str):
            addons_path = ",".join(addons_path)
        command = [
            sys.executable,
            str(WORKER),
            "--database",
            get_db_name(),
            "--addons-path",
            addons_path,
            "--mode",
            mode,
            "--run",
            str(self.ids["run"]),
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.processes.append(process)
        self.assertEqual(process.stdout.readline().strip(), "READY")
        return process

    def _work_together(self, count):
        """Start ``count`` worker processes, release them at once, wait."""
        workers = [self._start_worker() for __ in range(count)]
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for worker in workers:
            output, __ = worker.communicate(timeout=600)
            self.assertEqual(worker.returncode, 0)
            self.assertIn("DONE", output)

    def _state(self):
        """What is committed: the run, its slices, the invoice lines of the
        contracts of this test."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            run = env["service.billing.run"].browse(self.ids["run"])
            lines = env["account.move.line"].search(
                [("service_contract_line_id.contract_id", "in", self.ids["contracts"])]
            )
            return {
                "state": run.state,
                "due": run.due_count,
                "done": run.done_count,
                "progress": run.progress,
                "billed": run.contract_count,
                "invoices": run.invoice_count,
                "summaries": len(
                    run.message_ids.filtered(
                        lambda m: "invoice(s) for" in (m.body or "")
                    )
                ),
                "workers": set(run.slice_ids.mapped("worker")),
                "issues": run.issue_ids.mapped("message"),
                "todo": len(run.slice_ids.filtered(lambda s: s.state == "todo")),
                "periods": [
                    (line.service_contract_line_id.id, line.service_period_start)
                    for line in lines
                ],
                "contracts_invoiced": sorted(
                    lines.move_id.filtered(
                        lambda m: m.state == "posted"
                    ).service_contract_id.ids
                ),
            }

    def test_two_workers_bill_every_contract_of_one_run_once(self):
        self._work_together(2)
        state = self._state()
        self.assertEqual(state["state"], "done")
        self.assertEqual(state["due"], CONTRACTS)
        self.assertEqual((state["done"], state["progress"]), (CONTRACTS, 100.0))
        self.assertEqual(state["issues"], [])
        self.assertEqual(state["billed"], CONTRACTS)
        self.assertEqual(state["invoices"], CONTRACTS)
        self.assertEqual(len(state["periods"]), CONTRACTS)
        self.assertEqual(len(set(state["periods"])), CONTRACTS, "a period twice")
        self.assertEqual(state["contracts_invoiced"], sorted(self.ids["contracts"]))
        # both processes took slices, and exactly one of them finished the run
        self.assertEqual(len(state["workers"]), 2, state["workers"])
        self.assertEqual(state["summaries"], 1)

    def test_worker_killed_mid_slice_leaves_it_to_the_others(self):
        holder = self._start_worker("hold")
        self.assertTrue(holder.stdout.readline().startswith("HOLDING"))
        # two workers bill every other slice meanwhile: the held slice is
        # skipped, never waited for, and the run cannot finish without it
        self._work_together(2)
        state = self._state()
        self.assertEqual(state["state"], "running")
        self.assertEqual(state["todo"], 1)
        self.assertEqual(state["done"], CONTRACTS - SLICE_SIZE)
        self.assertEqual(
            state["progress"], 100.0 * (CONTRACTS - SLICE_SIZE) / CONTRACTS
        )
        self.assertEqual(len(state["periods"]), CONTRACTS - SLICE_SIZE)
        # the holder dies: its uncommitted invoices and its locks go with it
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        # the next billing worker takes the slice again and finishes the run
        self._work_together(1)
        state = self._state()
        self.assertEqual(state["state"], "done")
        self.assertEqual(state["todo"], 0)
        self.assertEqual((state["done"], state["progress"]), (CONTRACTS, 100.0))
        self.assertEqual(state["billed"], CONTRACTS)
        self.assertEqual(state["invoices"], CONTRACTS)
        self.assertEqual(len(set(state["periods"])), len(state["periods"]))
        self.assertEqual(state["contracts_invoiced"], sorted(self.ids["contracts"]))
        self.assertNotIn("holder", state["workers"])
        self.assertEqual(state["summaries"], 1)
