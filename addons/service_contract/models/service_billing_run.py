# covers: CON-04, CON-05
import logging
import os
import socket
import time
from datetime import timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET as QUIET_SWITCH,
)
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
    internal_switch_active,
)
from odoo.addons.service_base.tools.context import BILLING_CONTEXT, QUIET
from odoo.addons.service_base.tools.language import reader_env

from .service_contract import SettlementHeld

_logger = logging.getLogger(__name__)

# contracts locked, billed and committed together
BATCH_SIZE = 500
# invoices created and posted together: Odoo's posting queries (sequence,
# payment state) slow down sharply past a few hundred moves per call
POST_CHUNK = 100
# chunks between two refreshes of the planner statistics (see
# _refresh_statistics)
ANALYZE_EVERY = 3
ANALYZE_LOCK_KEY = 0x5E5B111
# internal switch: the daily job commits each batch
COMMIT_BATCHES = "service_commit_batches"
# first key of the advisory lock a worker holds on the run it works on, in
# each of its transactions: a run whose lock is free is worked by nobody
RUN_LOCK_KEY = 0x5E5B112
# a running run without progress for this long, and without a worker holding
# its lock, was left by a dead worker (issue 16)
STALE_AFTER = timedelta(minutes=15)
# contracts per slice, unless the parameter below says otherwise: one slice
# is one transaction of one worker, small enough that its invoices are
# created before it posts them (Odoo's invoice numbering holds the journal's
# sequence from the first posting to the commit: short slices let workers
# create their invoices in parallel and queue only for posting)
SLICE_SIZE = 100
SLICE_SIZE_PARAM = "service_contract.billing_slice_size"
# invoices whose PDFs the invoice-PDF job renders in one wkhtmltopdf call and
# one transaction (their rows stay locked until it commits)
DOCUMENT_BATCH = 50


class ServiceBillingRun(models.Model):
    """One billing run: invoices for every contract of a company due up to a
    date, held contracts with their reasons, per-contract errors.

    Idempotent and safe to run twice at once: due contracts are locked batch by
    batch (``FOR UPDATE SKIP LOCKED``) and a unique index on invoice lines
    (contract line, period) refuses a second invoice for the same period. In
    cron mode each batch is committed, so a crashed run resumes where it
    stopped when started again.
    """

    _name = "service.billing.run"
    _description = "Billing Run"
    _inherit = [
        "service.protected.fields.mixin",
        "mail.thread",
        "service.numbering.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _numbering_code = "service.billing.run"
    # covers: API-01 (a run's outcome is written by the run only)
    _service_protected_fields = (
        "state",
        "contract_count",
        "duration",
        "date_done",
        "heartbeat",
        "due_count",
        "date_started",
        "invoice_count",
        "held_count",
        "error_count",
        "locked_count",
    )
    _service_transitions = {
        "action_run": "service_base.group_service_supervisor",
        "action_resume": "service_base.group_service_supervisor",
        "action_close": "service_base.group_service_supervisor",
    }

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_until = fields.Date(
        "Bill Up To", required=True, default=fields.Date.context_today
    )
    post_invoices = fields.Boolean(
        default=True, help="Post the invoices to the ledger (otherwise keep drafts)."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    invoice_ids = fields.One2many(
        "account.move", "service_billing_run_id", string="Invoices", readonly=True
    )
    # counted once by the run's finisher, not recomputed by every worker
    # creating an invoice: workers never write the run row while they bill
    # (issue 15), so they never wait for each other on it
    invoice_count = fields.Integer(readonly=True)
    issue_ids = fields.One2many(
        "service.billing.run.issue", "run_id", string="Held and Failed", readonly=True
    )
    held_count = fields.Integer("Held", readonly=True)
    error_count = fields.Integer("Errors", readonly=True)
    locked_count = fields.Integer(
        "Locked Elsewhere",
        readonly=True,
        help="Due contracts another worker held locked when this run reached "
        "them: run billing again once that worker is done.",
    )
    slice_ids = fields.One2many(
        "service.billing.run.slice", "run_id", string="Slices", readonly=True
    )
    due_count = fields.Integer(
        "Contracts Due",
        readonly=True,
        help="Due contracts when the run started, shared out in slices.",
    )
    done_count = fields.Integer(
        "Contracts Done",
        compute="_compute_progress",
        help="Due contracts of the slices finished so far, by any worker.",
    )
    progress = fields.Float(compute="_compute_progress", help="Done / due, in %.")
    heartbeat = fields.Datetime(
        "Last Progress",
        readonly=True,
        copy=False,
        help="When the worker last finished a batch of this run.",
    )
    is_stale = fields.Boolean(
        "Worker Lost",
        compute="_compute_is_stale",
        help="Running, but its worker stopped (no progress for a while and "
        "nobody holds the run): a supervisor resumes or closes it.",
    )
    contract_count = fields.Integer("Contracts Billed", readonly=True)
    duration = fields.Float("Duration (s)", readonly=True)
    date_started = fields.Datetime("Started", readonly=True, copy=False)
    date_done = fields.Datetime(readonly=True)

    @api.depends("state", "slice_ids.state", "due_count")
    def _compute_progress(self):
        # covers: CON-04 (progress of a run shared by several workers)
        done = {
            run.id: count
            for run, count in self.env["service.billing.run.slice"]._read_group(
                [("run_id", "in", self.ids), ("state", "=", "done")],
                ["run_id"],
                ["due_count:sum"],
            )
        }
        for run in self:
            if run.state == "done":
                run.done_count = run.due_count
            else:
                run.done_count = done.get(run.id, 0)
            run.progress = (
                100.0 * run.done_count / run.due_count if run.due_count else 0.0
            )

    def _compute_is_stale(self):
        for run in self:
            run.is_stale = run._worker_lost()

    @api.model
    def _cron_bill(self):
        """Daily: one run per company, planned in slices that this job and
        the billing workers (any cron thread of any node) bill together,
        each slice committed as it ends (issue 15)."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([("active", "=", True)])
        for company in companies:
            run = self.with_company(company).create(
                {
                    "company_id": company.id,
                    "date_until": today,
                    "post_invoices": company.service_billing_post,
                }
            )
            # an internal switch, not a context key: a caller of action_run
            # never commits halfway through his request
            with internal_switch(COMMIT_BATCHES):
                run.action_run()

    @api.model
    def _cron_work(self):
        """Billing workers: take the free slices of every running run until
        none is left (issue 15). Several of these jobs run at once, on as
        many cron threads as the deployment has on any node; a slice whose
        worker died is taken again here, so its run still finishes."""
        # covers: CON-04
        with internal_switch(COMMIT_BATCHES, QUIET_SWITCH):
            self._work_slices()
            self._finish_complete_runs()

    def action_run(self):
        self.check_access("write")
        self._check_supervisor()
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._(
                        "%(run)s has already run: create a new billing run to "
                        "bill what became due since.",
                        run=run.name,
                    )
                )
            with internal_switch(QUIET_SWITCH, "protected:service.billing.run"):
                run._run()
        return True

    def action_resume(self):
        """Supervisors: finish a run whose worker died. Billing is exactly
        once by construction, so the run bills what its worker had not
        committed and completes its counts and summary (issue 16)."""
        self.check_access("write")
        self._check_supervisor()
        for run in self:
            run._check_worker_lost()
            run.message_post(body=self.env._("Worker lost: resumed by a supervisor."))
            with internal_switch(QUIET_SWITCH):
                run._run()
        return True

    def action_close(self):
        """Supervisors: close a run whose worker died without billing more:
        its counts and summary are completed from what it committed."""
        self.check_access("write")
        self._check_supervisor()
        for run in self:
            run._check_worker_lost()
            run._finish(
                note=self.env._("Worker lost: closed by a supervisor, not resumed.")
            )
        return True

    def _check_supervisor(self):
        if not self.env.su and not self.env.user.has_group(
            "service_base.group_service_supervisor"
        ):
            raise UserError(self.env._("Only a Services supervisor runs billing."))

    def _check_worker_lost(self):
        self.ensure_one()
        if self.state != "running" or not self._worker_lost(stale_after=False):
            raise UserError(
                self.env._(
                    "%(run)s is not a run whose worker was lost: only a run still "
                    "running while no worker holds it can be resumed or closed.",
                    run=self.name,
                )
            )

    def _worker_lost(self, stale_after=True):
        """Whether this run is running with no worker: no worker holds its
        advisory lock (a worker takes it in each transaction; PostgreSQL
        frees it when the worker's session ends) and, with
        ``stale_after``, no progress since ``STALE_AFTER`` (the run's own
        heartbeat or the last slice a worker finished)."""
        self.ensure_one()
        if self.state != "running":
            return False
        if stale_after:
            moments = [self.heartbeat or self.create_date]
            moments += [date for date in self.slice_ids.mapped("date_done") if date]
            last = max(moment for moment in moments if moment) if any(moments) else None
            if last and fields.Datetime.now() - last < STALE_AFTER:
                return False
        cr = self.env.cr
        # a lock held by this very transaction is a live worker too
        cr.execute(
            """
            SELECT 1 FROM pg_locks
             WHERE locktype = 'advisory' AND classid = %s AND objid = %s
               AND objsubid = 2 AND granted
            """,
            [RUN_LOCK_KEY, self.id],
        )
        return not cr.fetchone()

    def _take_run_lock(self):
        """Hold this run for the current transaction (released at commit or
        rollback, or when the worker's session dies). Shared: every worker
        billing a slice of the run holds it at once; only a check that the
        run is worked by nobody takes it exclusively."""
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock_shared(%s, %s)",
            [RUN_LOCK_KEY, self.id],
        )
        if not self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "%(run)s is being checked by a supervisor right now: try "
                    "again in a moment.",
                    run=self.name,
                )
            )

    # ------------------------------------------------------------------
    def _run(self, contracts=None):
        """Bill every due contract of the company (or only ``contracts``: a
        run for some contracts, see ``service.contract.action_bill``).

        The run coordinates: it selects, locks, batches, commits and records
        what it held, failed or found locked by another worker; invoices are
        built by the contracts' invoicing API (``_prepare_invoice``,
        ``_prepare_invoice_lines``).

        A whole run is planned in slices (``_plan_slices``) that this worker
        and any billing worker take one at a time (``_work_slices``); in cron
        mode each slice is committed as it ends and the run is finished by
        whichever worker ends its last slice (``_finish_if_complete``)."""
        self.ensure_one()
        if contracts is not None:
            return self._run_contracts(contracts)
        self._take_run_lock()
        if self.state != "running" or not self.slice_ids:
            self._plan_slices()
        if internal_switch_active(COMMIT_BATCHES):
            # the slices become visible to the other workers, which are
            # woken up now
            self._trigger_workers()
            self.env["ir.cron"]._commit_progress(remaining=self.due_count)
        self._work_slices(self)
        self._finish_if_complete()
        return True

    def _plan_slices(self):
        """Share out the company's due contracts in slices of consecutive
        ids, in one INSERT (issue 15)."""
        self.ensure_one()
        self.env["service.contract"].flush_model()
        self.env.cr.execute(
            """
            SELECT id FROM service_contract
             WHERE company_id = %s AND state = 'active'
               AND next_billing_date IS NOT NULL AND next_billing_date <= %s
             ORDER BY id
            """,
            [self.company_id.id, self.date_until],
        )
        due_ids = [row[0] for row in self.env.cr.fetchall()]
        if due_ids:
            # Odoo's first invoice of a customer writes its customer rank in
            # the posting transaction (later ones add to it after commit): two
            # workers billing a new customer's contracts in two slices would
            # collide on that row, so the rank is set once, here. A customer
            # row another transaction holds is skipped, never waited for
            # (that transaction is writing it; a slice colliding on it later
            # is retried)
            self.env["res.partner"].flush_model(["customer_rank"])
            self.env.cr.execute(
                """
                UPDATE res_partner SET customer_rank = 1
                 WHERE id IN (
                       SELECT id FROM res_partner
                        WHERE customer_rank = 0 AND id IN (
                              SELECT COALESCE(partner_invoice_id, partner_id)
                                FROM service_contract WHERE id = ANY(%s))
                          FOR NO KEY UPDATE SKIP LOCKED)
                """,
                [due_ids],
            )
            self.env["res.partner"].invalidate_model(["customer_rank"])
        size = self._slice_size()
        self.env["service.billing.run.slice"].sudo().create(
            [
                {
                    "run_id": self.id,
                    "contract_id_from": chunk[0],
                    "contract_id_to": chunk[-1],
                    "due_count": len(chunk),
                }
                for chunk in split_every(size, due_ids)
            ]
        )
        now = fields.Datetime.now()
        values = {"due_count": len(due_ids), "heartbeat": now}
        if self.state != "running":
            values.update(state="running", date_started=now)
        self._service_write_protected(values)
        self.flush_recordset()

    def _slice_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(SLICE_SIZE_PARAM)
        try:
            size = int(value) if value else SLICE_SIZE
        except ValueError:
            _logger.warning(
                "%s=%r is not a number: using %s", SLICE_SIZE_PARAM, value, SLICE_SIZE
            )
            size = SLICE_SIZE
        return min(max(size, 1), 10000)

    def _trigger_workers(self):
        """Wake the billing workers up (cron threads of any node)."""
        workers = (
            self.env["ir.cron"]
            .sudo()
            .search([("code", "=", "model._cron_work()"), ("active", "=", True)])
        )
        for worker in workers:
            worker._trigger()

    @api.model
    def _work_slices(self, runs=None):
        """Take the free slices of ``runs`` (else of every running run) one
        at a time, ``FOR UPDATE SKIP LOCKED``: a slice another worker bills
        is skipped, never waited for nor billed twice. In cron mode each
        slice is one committed transaction."""
        commit = internal_switch_active(COMMIT_BATCHES)
        worker = f"{socket.gethostname()}:{os.getpid()}"
        journal_defaults = {}
        conflicts = 0
        while True:
            try:
                slice_ = self._take_slice(runs)
                if not slice_:
                    break
                run = slice_.run_id
                run._bill_slice(slice_, worker, journal_defaults.setdefault(run.id, {}))
                if commit:
                    self.env["ir.cron"]._commit_progress(
                        slice_.due_count, remaining=run._todo_count()
                    )
                    run._finish_if_complete()
            except pg_errors.TransactionRollbackError:
                # a row changed by a worker that committed after this
                # transaction's snapshot (or a deadlock): the slice is still
                # to do, taken again in a fresh transaction
                if not commit or conflicts >= 10:
                    raise
                conflicts += 1
                self.env.cr.rollback()
            self.env.invalidate_all()

    @api.model
    def _take_slice(self, runs=None):
        run_filter = "AND s.run_id = ANY(%(runs)s)" if runs is not None else ""
        self.env.cr.execute(
            f"""
            SELECT s.id FROM service_billing_run_slice s
              JOIN service_billing_run r ON r.id = s.run_id
             WHERE s.state = 'todo' AND r.state = 'running' {run_filter}
             ORDER BY s.id
             LIMIT 1
               FOR UPDATE OF s SKIP LOCKED
            """,  # noqa: S608  (a constant filter, values are parameters)
            {"runs": runs.ids if runs is not None else None},
        )
        row = self.env.cr.fetchone()
        return (
            self.env["service.billing.run.slice"].sudo().browse(row[0]) if row else None
        )

    def _todo_count(self):
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(due_count), 0) FROM service_billing_run_slice
             WHERE run_id = %s AND state = 'todo'
            """,
            [self.id],
        )
        return self.env.cr.fetchone()[0]

    def _bill_slice(self, slice_, worker, journal_defaults):
        """Bill the contracts of one slice still due, locked ``FOR UPDATE
        SKIP LOCKED`` (those another worker holds are reported), and mark
        the slice done in the same transaction."""
        self.ensure_one()
        self._take_run_lock()
        # held reasons and errors are read by the company's staff (issue 17)
        env = reader_env(self.with_company(self.company_id).with_context(**QUIET))
        env.cr.execute(
            """
            SELECT id FROM service_contract
             WHERE company_id = %s AND id BETWEEN %s AND %s AND state = 'active'
               AND next_billing_date IS NOT NULL AND next_billing_date <= %s
             ORDER BY id
            """,
            [
                self.company_id.id,
                slice_.contract_id_from,
                slice_.contract_id_to,
                self.date_until,
            ],
        )
        due_ids = [row[0] for row in env.cr.fetchall()]
        billed = 0
        if due_ids:
            env.cr.execute(
                """
                SELECT id FROM service_contract
                 WHERE id = ANY(%s) AND state = 'active' AND next_billing_date <= %s
                 ORDER BY id
                   FOR UPDATE SKIP LOCKED
                """,
                [due_ids, self.date_until],
            )
            locked = [row[0] for row in env.cr.fetchall()]
            self._report_locked_elsewhere(env, set(due_ids) - set(locked), ("active",))
            self._refresh_statistics(env)
            billed = self._bill_batch(
                env["service.contract"].browse(locked), journal_defaults
            )
        slice_.write(
            {
                "state": "done",
                "billed_count": billed,
                "worker": worker,
                "date_done": fields.Datetime.now(),
            }
        )
        slice_.flush_recordset()
        return billed

    def _finish_if_complete(self):
        """Finish the run if no slice is left, exactly once whatever the
        number of workers: the run row is locked first (the first statement
        of a fresh transaction in cron mode, so the snapshot sees every
        slice committed before), and a second finisher either waits and
        then fails to lock a row the first one changed, or sees it done."""
        self.ensure_one()
        commit = internal_switch_active(COMMIT_BATCHES)
        cr = self.env.cr
        for __ in range(3):
            try:
                cr.execute(
                    """
                    SELECT state FROM service_billing_run
                     WHERE id = %s FOR NO KEY UPDATE
                    """,
                    [self.id],
                )
                row = cr.fetchone()
                if row and row[0] == "running" and not self._todo_count():
                    self.invalidate_recordset()
                    self._take_run_lock()
                    env = self.with_company(self.company_id).with_context(**QUIET).env
                    self._settle_due(env)
                    self._finish()
                if commit:
                    self.env["ir.cron"]._commit_progress()
                return
            except pg_errors.TransactionRollbackError:
                if not commit:
                    raise
                cr.rollback()
                self.env.invalidate_all()

    @api.model
    def _finish_complete_runs(self):
        """Runs whose last slice ended while its worker died before
        finishing them: finished here, by the billing workers."""
        self.env.cr.execute(
            """
            SELECT r.id FROM service_billing_run r
             WHERE r.state = 'running'
               AND EXISTS (
                   SELECT 1 FROM service_billing_run_slice s WHERE s.run_id = r.id)
               AND NOT EXISTS (
                   SELECT 1 FROM service_billing_run_slice s
                    WHERE s.run_id = r.id AND s.state = 'todo')
            """
        )
        run_ids = [row[0] for row in self.env.cr.fetchall()]
        if internal_switch_active(COMMIT_BATCHES):
            # a fresh snapshot for each finisher
            self.env["ir.cron"]._commit_progress()
        for run in self.browse(run_ids):
            run._finish_if_complete()

    def _run_contracts(self, contracts):
        """Bill ``contracts`` in this transaction: what is due up to the
        date, also a contract already ended by its cancellation (its final
        invoice)."""
        started = time.perf_counter()
        self._take_run_lock()
        self._service_write_protected(
            {
                "state": "running",
                "heartbeat": fields.Datetime.now(),
                "date_started": fields.Datetime.now(),
            }
        )
        company = self.company_id
        # held reasons and errors are read by the company's staff
        env = reader_env(self.with_company(company).with_context(**QUIET))
        self.flush_model()
        env["service.contract"].flush_model()
        env.cr.execute(
            """
            SELECT id FROM service_contract
             WHERE id = ANY(%s) AND company_id = %s
               AND state IN ('active', 'suspended', 'ended')
               AND next_billing_date IS NOT NULL AND next_billing_date <= %s
             ORDER BY id
            """,
            [contracts.ids, company.id, self.date_until],
        )
        due_ids = [row[0] for row in env.cr.fetchall()]
        states = ("active", "suspended", "ended")
        journal_defaults = {}
        billed = 0
        for chunk in split_every(BATCH_SIZE, due_ids):
            env.cr.execute(
                """
                SELECT id FROM service_contract
                 WHERE id = ANY(%s) AND state IN %s
                   AND next_billing_date <= %s
                   FOR UPDATE SKIP LOCKED
                """,
                [list(chunk), states, self.date_until],
            )
            locked = [row[0] for row in env.cr.fetchall()]
            self._report_locked_elsewhere(env, set(chunk) - set(locked), states)
            batch = env["service.contract"].browse(locked)
            self._refresh_statistics(env)
            billed += self._bill_batch(batch, journal_defaults)
            env.invalidate_all()
        self._finish(billed, duration=time.perf_counter() - started)

    def _finish(self, billed=None, note=None, duration=None):
        """Count what the run did (invoices, issues, contracts of its
        slices) and post its one summary."""
        self.env.flush_all()
        if billed is None:
            self.env.cr.execute(
                """
                SELECT COALESCE(SUM(billed_count), 0) FROM service_billing_run_slice
                 WHERE run_id = %s AND state = 'done'
                """,
                [self.id],
            )
            # what a lost worker of an older run committed counts too
            billed = self.contract_count + self.env.cr.fetchone()[0]
        self.env.cr.execute(
            "SELECT count(*) FROM account_move WHERE service_billing_run_id = %s",
            [self.id],
        )
        invoices = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            """
            SELECT kind, count(*) FROM service_billing_run_issue
             WHERE run_id = %s GROUP BY kind
            """,
            [self.id],
        )
        issues = dict(self.env.cr.fetchall())
        now = fields.Datetime.now()
        if duration is None:
            started = self.date_started or self.create_date
            duration = (now - started).total_seconds() if started else 0.0
        self._service_write_protected(
            {
                "state": "done",
                "contract_count": billed,
                "date_done": now,
                "duration": duration,
                "invoice_count": invoices,
                "held_count": issues.get("held", 0),
                "error_count": issues.get("error", 0),
                "locked_count": issues.get("locked", 0),
            }
        )
        # read by the company's staff: in the company's language (issue 17)
        summary = reader_env(self)._(
            "%(invoices)s invoice(s) for %(contracts)s contract(s); %(held)s "
            "held, %(errors)s error(s), %(locked)s locked by another worker.",
            invoices=invoices,
            contracts=billed,
            held=issues.get("held", 0),
            errors=issues.get("error", 0),
            locked=issues.get("locked", 0),
        )
        self.message_post(body=f"{note} {summary}" if note else summary)

    def _report_locked_elsewhere(self, env, skipped_ids, states):
        """Due contracts of the batch this run could not lock: another
        worker holds them (a concurrent run, or the session of a crashed
        one that is not gone yet). Those still due are recorded, so the run
        never ends "done" silently without them."""
        if not skipped_ids:
            return
        env.cr.execute(
            """
            SELECT id FROM service_contract
             WHERE id = ANY(%s) AND state IN %s AND next_billing_date <= %s
            """,
            [list(skipped_ids), states, self.date_until],
        )
        still_due = env["service.contract"].browse(
            sorted(row[0] for row in env.cr.fetchall())
        )
        if still_due:
            # no foreign key to a row another session holds FOR UPDATE: it
            # would wait for that session (key-share lock), so the contract
            # is named by id and number (plain reads never wait)
            env["service.billing.run.issue"].sudo().create(
                [
                    {
                        "run_id": self.id,
                        "kind": "locked",
                        "locked_contract_id": contract.id,
                        "period_start": contract.next_billing_date,
                        "message": self.env._(
                            "%(contract)s: locked by another worker when this run "
                            "reached it, not billed by this run. Run billing "
                            "again once the other worker is done.",
                            contract=contract.name,
                        ),
                    }
                    for contract in still_due
                ]
            )

    def _refresh_statistics(self, env):
        """Let PostgreSQL re-plan Odoo's posting queries as the run grows the
        journal-item tables. Statistics taken when the tables were small make
        the planner choose nested scans that turn quadratic after a few
        thousand new invoices in one transaction; ANALYZE also counts the
        rows this transaction inserted."""
        env.flush_all()
        # ANALYZE's table lock lasts until commit: a second run must not wait
        # for the first one, so only the run holding this key refreshes
        env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [ANALYZE_LOCK_KEY])
        if env.cr.fetchone()[0]:
            env.cr.execute("ANALYZE account_move, account_move_line")

    def _bill_batch(self, contracts, journal_defaults=None):
        """Invoice the due periods of ``contracts`` (locked by the caller);
        returns how many got at least one invoice. ``journal_defaults``:
        companies' default journals already resolved by this run."""
        env = contracts.env
        lines = contracts.line_ids
        inputs = lines._get_period_inputs()
        previous = self._previous_amounts(lines)
        journals = contracts._get_invoice_journals(journal_defaults)
        plans, issues = [], []
        for contract in contracts:
            try:
                contract_plans, hold = self._plan_contract(
                    contract, inputs, previous, journals[contract.id]
                )
            except Exception as error:
                _logger.exception("Billing run %s: %s failed", self.name, contract.name)
                issues.append(self._issue(contract, "error", str(error)))
                continue
            plans.extend(contract_plans)
            if hold:
                issues.append(self._issue(contract, "held", hold[1], hold[0]))
        moves, done = self._create_invoices(env, plans, issues)
        self._queue_invoice_documents(moves)
        self._send_invoices(moves)
        self._advance_contracts(env, plans, done)
        if issues:
            env["service.billing.run.issue"].sudo().create(issues)
        return len({plan["contract"] for plan in plans if plan["key"] in done})

    def _settle_due(self, env):
        """Settle advance contracts whose settlement date has come."""
        contracts = env["service.contract"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("active", "suspended", "ended")),
                ("settlement_date", "!=", False),
                ("settlement_date", "<=", self.date_until),
            ]
        )
        issues = []
        for contract in contracts:
            try:
                with env.cr.savepoint():
                    contract._settle(billing_run=self)
            except pg_errors.TransactionRollbackError:
                raise
            except SettlementHeld as held:  # inputs missing: wait for them
                issues.append(
                    self._issue(contract, "held", str(held), held.period_start)
                )
            except Exception as error:  # one contract never stops a run
                issues.append(
                    self._issue(contract, "error", str(error), contract.settlement_date)
                )
        if issues:
            env["service.billing.run.issue"].sudo().create(issues)

    def _queue_invoice_documents(self, moves):
        """The PDFs of the posted invoices are rendered after the run, by the
        "invoice PDFs" job (``_cron_generate_invoice_documents``), not inside
        it: one wkhtmltopdf call per batch cost more than the billing itself
        (P-BILL, docs/benchmarks.md). The invoices are flagged in one UPDATE
        and the job is woken up; until it has run, the portal and printing
        render a pending invoice's PDF on demand (issue 17)."""
        posted = moves.filtered(lambda move: move.state == "posted")
        if not posted:
            return
        self.env.cr.execute(
            "UPDATE account_move SET service_pdf_pending = TRUE WHERE id = ANY(%s)",
            [posted.ids],
        )
        posted.invalidate_recordset(["service_pdf_pending"])
        job = self.env.ref(
            "service_contract.ir_cron_service_invoice_documents",
            raise_if_not_found=False,
        )
        if job:
            job.sudo()._trigger()

    @api.model
    def _cron_generate_invoice_documents(self):
        """Job: render the PDFs of the billed invoices still without one,
        each batch one committed transaction (issue 17)."""
        # covers: CON-04
        with internal_switch(COMMIT_BATCHES, QUIET_SWITCH):
            self._generate_pending_documents()

    @api.model
    def _generate_pending_documents(self, batch_size=DOCUMENT_BATCH):
        """Render the pending invoice PDFs, ``batch_size`` invoices at a
        time. Idempotent and resumable (the flag is cleared only once an
        invoice has its PDF, in the transaction that made it) and safe on
        several workers: a batch is locked ``FOR UPDATE SKIP LOCKED``, so an
        invoice another worker (or a portal visitor) is rendering is skipped,
        never rendered twice. An invoice that fails stays pending for the next
        run of the job. Returns the number of PDFs made."""
        commit = internal_switch_active(COMMIT_BATCHES)
        Move = self.env["account.move"]
        failed, made = [], 0
        while True:
            Move.flush_model(["service_pdf_pending", "state"])
            self.env.cr.execute(
                """
                SELECT id FROM account_move
                 WHERE service_pdf_pending AND state = 'posted'
                   AND NOT id = ANY(%s)
                 ORDER BY id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                [failed, batch_size],
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            done = self._render_locked_documents(Move.browse(ids))
            failed.extend(set(ids) - set(done.ids))
            made += len(done)
            if commit:
                self.env.cr.execute(
                    "SELECT count(*) FROM account_move "
                    "WHERE service_pdf_pending AND state = 'posted'"
                )
                remaining = self.env.cr.fetchone()[0]
                left = self.env["ir.cron"]._commit_progress(
                    len(ids), remaining=remaining
                )
                if left <= 0:
                    break
            self.env.invalidate_all()
        return made

    @api.model
    def _render_locked_documents(self, moves):
        """Render the PDFs of ``moves`` (pending, locked by the caller) and
        clear their flag; returns those that have their PDF now."""
        for company, group in moves.grouped("company_id").items():
            self.with_company(company)._generate_invoice_documents(
                group.with_company(company)
            )
        done = moves.filtered("invoice_pdf_report_id")
        if done:
            self.env.cr.execute(
                "UPDATE account_move SET service_pdf_pending = FALSE "
                "WHERE id = ANY(%s)",
                [done.ids],
            )
            done.invalidate_recordset(["service_pdf_pending"])
        return done

    def _generate_invoice_documents(self, moves):
        """Extension point: the PDF of the posted invoices, in batch, so that
        the customer's portal and the e-mail show the invoice itself, not a
        "Proforma Invoice" (issue 17). Odoo's own document generation
        (``account.move.send``) makes and links them; an invoice that already
        has its PDF is left alone. Called by the invoice-PDF job and on
        demand (portal, printing) for a pending invoice."""
        to_render = moves.filtered(
            lambda move: move.state == "posted" and not move.invoice_pdf_report_id
        )
        if not to_render:
            return
        sender = self.env["account.move.send"]
        try:
            with self.env.cr.savepoint():
                sender._generate_invoice_documents(
                    {
                        move.sudo(): sender._get_default_sending_settings(
                            move, sending_methods={}
                        )
                        for move in to_render
                    }
                )
        except Exception:
            # the invoices are posted and stay so; they stay pending, for the
            # job's next run
            _logger.exception(
                "Invoice PDFs not generated for %s invoice(s)", len(to_render)
            )
        to_render.invalidate_recordset(["invoice_pdf_report_id"])

    def _send_invoices(self, moves):
        """Queue the invoice e-mail of contracts that ask for it."""
        to_send = moves.filtered(
            lambda m: (
                m.service_contract_id.invoice_send == "email"
                and m.partner_id.email
                and m.state == "posted"
            )
        )
        if to_send:
            template = self.env.ref("account.email_template_edi_invoice")
            template.send_mail_batch(to_send.ids)

    def _issue(self, contract, kind, message, period_start=False):
        return {
            "run_id": self.id,
            "contract_id": contract.id,
            "kind": kind,
            "message": message,
            "period_start": period_start,
        }

    def _previous_amounts(self, lines):
        """Last billed amount of each formula line (input previous_amount)."""
        formula_lines = lines.filtered("formula_id")
        if not formula_lines:
            return {}
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (service_contract_line_id)
                   service_contract_line_id, price_subtotal
              FROM account_move_line
             WHERE service_contract_line_id = ANY(%s) AND parent_state = 'posted'
             ORDER BY service_contract_line_id, service_period_start DESC
            """,
            [formula_lines.ids],
        )
        return dict(self.env.cr.fetchall())

    def _plan_contract(self, contract, inputs, previous, journal):
        """Invoice values for each due period of one contract, through the
        contract's invoicing API, stopping at the first period that must be
        held. Returns (plans, hold or None)."""
        plans = []
        for start, end, next_start in contract._due_periods(self.date_until):
            lines, reason = contract._prepare_invoice_lines(
                start, end, inputs, previous
            )
            if reason:
                return plans, (start, reason)
            plan = {
                "contract": contract.id,
                "key": (contract.id, start),
                "next_start": next_start,
                "vals": None,
            }
            if lines:  # else only lines with their own periods, none due now
                vals = contract._prepare_invoice(
                    start if contract.billing_mode == "advance" else end,
                    journal=journal,
                )
                vals["service_billing_run_id"] = self.id
                vals["invoice_line_ids"] = [(0, 0, values) for values in lines]
                plan["vals"] = vals
            plans.append(plan)
        return plans, None

    def _create_invoices(self, env, plans, issues):
        """Create (and post) the invoices of a batch, a chunk at a time; if a
        chunk fails, redo it invoice by invoice so only the faulty contract
        is left out. Returns (the moves created, the keys (contract, period
        start) done)."""
        moves_env = env["account.move"].with_context(**QUIET)
        created = env["account.move"]
        done = {plan["key"] for plan in plans if plan["vals"] is None}
        plans = [plan for plan in plans if plan["vals"] is not None]
        for index, chunk in enumerate(split_every(POST_CHUNK, plans)):
            if index % ANALYZE_EVERY == ANALYZE_EVERY - 1:
                self._refresh_statistics(env)
            try:
                with env.cr.savepoint(), internal_switch(BILLING_CONTEXT):
                    moves = moves_env.create([plan["vals"] for plan in chunk])
                    if self.post_invoices:
                        moves.action_post()
                done.update(plan["key"] for plan in chunk)
                created |= moves
                continue
            except pg_errors.TransactionRollbackError:
                # not the contract's fault: a row another worker committed
                # meanwhile; the whole transaction is retried by the caller
                raise
            except Exception:  # isolate the faulty contract below
                _logger.info("Billing run %s: a chunk failed, isolating", self.name)
            failed_contracts = set()
            for plan in chunk:
                if plan["contract"] in failed_contracts:
                    continue  # later periods wait for the failed one
                try:
                    with env.cr.savepoint(), internal_switch(BILLING_CONTEXT):
                        move = moves_env.create(plan["vals"])
                        if self.post_invoices:
                            move.action_post()
                    done.add(plan["key"])
                    created |= move
                except pg_errors.TransactionRollbackError:
                    raise
                except Exception as error:  # one contract never stops a run
                    failed_contracts.add(plan["contract"])
                    contract = env["service.contract"].browse(plan["contract"])
                    issues.append(
                        self._issue(contract, "error", str(error), plan["key"][1])
                    )
        return created.with_env(self.env), done

    def _advance_contracts(self, env, plans, done):
        """Move each contract's next billing date past its last invoiced
        period, in one UPDATE per distinct date."""
        next_dates = {}
        for plan in plans:
            if plan["key"] in done:
                next_dates[plan["contract"]] = plan["next_start"]
        by_date = {}
        for contract_id, next_start in next_dates.items():
            by_date.setdefault(next_start, []).append(contract_id)
        Contract = env["service.contract"]
        for next_start, contract_ids in by_date.items():
            contracts = Contract.browse(contract_ids)
            if next_start is None:  # one-off contracts are done once billed
                contracts._service_write_protected(
                    {"next_billing_date": False, "state": "ended"}
                )
            else:
                contracts._service_write_protected({"next_billing_date": next_start})

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("service_billing_run_id", "=", self.id)]
        action["context"] = {"create": False}
        return action


class ServiceBillingRunIssue(models.Model):
    _name = "service.billing.run.issue"
    _description = "Billing Run: held or failed contract"
    _order = "run_id, kind, id"
    _check_company_auto = True

    run_id = fields.Many2one(
        "service.billing.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    contract_id = fields.Many2one(
        "service.contract",
        index=True,
        help="Empty for a contract locked elsewhere: see Locked Contract ID.",
    )
    locked_contract_id = fields.Integer(
        "Locked Contract ID",
        index="btree_not_null",
        help="Locked elsewhere: the id of the contract another worker held. "
        "Not a link, because linking to a row another session holds locked "
        "would wait for that session.",
    )
    partner_id = fields.Many2one(related="contract_id.partner_id")
    kind = fields.Selection(
        [("held", "Held"), ("error", "Error"), ("locked", "Locked Elsewhere")],
        required=True,
        index=True,
    )
    period_start = fields.Date()
    message = fields.Text(required=True)
