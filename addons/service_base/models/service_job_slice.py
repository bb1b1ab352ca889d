# covers: VIS-02, AGT-02, CUS-05 (their batch jobs shared by cron workers, issue 15)
import logging
import os
import socket

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.tools import split_every

from .service_protected_fields_mixin import internal_switch, internal_switch_active

_logger = logging.getLogger(__name__)

COMMIT_SLICES = "service_job_commit_slices"
"""Internal switch: each slice is one committed transaction (cron mode)."""
# advisory lock class of a job's planning: (class, hash of job/company)
PLAN_LOCK_KEY = 7015
WORKER_CRON_CODE = "model._cron_work()"


class ServiceJobSlice(models.Model):
    """A share of one run of a batch job: a range of record ids that any
    cron worker on any node takes with ``FOR UPDATE SKIP LOCKED``, works
    and marks done in one transaction (issue 15).

    A job (visit planning, commission settlements, document reminders...)
    plans its run with ``_plan`` (idempotent: a run is planned once, keyed by
    job, company and run key) and wakes the job workers; each worker takes
    the free slices of every job and hands each one to the model that planned
    it (``_service_job_slice_run(slice)``, which returns how many records it
    did). A worker killed mid-slice leaves it to do: its transaction never
    committed, its row lock went with its session, and the next worker takes
    it again. What must not happen twice keeps its unique key: a slice is
    only the unit of sharing."""

    _name = "service.job.slice"
    _description = "Batch job: slice of records"
    _order = "id"
    _check_company_auto = True

    job = fields.Char(required=True, readonly=True, index=True)
    res_model = fields.Char(
        "Model", required=True, readonly=True, help="The model that works the slice."
    )
    run = fields.Integer(
        "Run Number",
        required=True,
        readonly=True,
        help="Number of the job's run in the company.",
    )
    run_key = fields.Char(
        "Run Parameters",
        required=True,
        readonly=True,
        help="The parameters of the run that its workers read (e.g. its date).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    res_id_from = fields.Integer("First Record ID", required=True, readonly=True)
    res_id_to = fields.Integer("Last Record ID", required=True, readonly=True)
    planned_count = fields.Integer("Records Planned", readonly=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")],
        default="todo",
        required=True,
        readonly=True,
        index=True,
    )
    done_count = fields.Integer("Records Done", readonly=True)
    worker = fields.Char(readonly=True, help="The process that worked the slice.")
    date_done = fields.Datetime(readonly=True)

    _range_unique = models.Constraint(
        "UNIQUE(job, company_id, run, res_id_from)",
        "A run of a job has one slice per first record.",
    )

    # ------------------------------------------------------------------
    @api.model
    def _plan(self, job, res_model, company, run_key, ids, size=500):
        """Share out ``ids`` in consecutive chunks of ``size`` as the slices
        of a new run of ``job`` in ``company`` (``run_key``: the run's
        parameters that the worker reads back, e.g. its date), unless the
        job's last run there still has slices to do: that run is resumed
        instead, so a run cut short by a crash is finished, not planned again.
        A planner that finds another one planning the job right now plans
        nothing (it then works the slices it sees, as any worker). Returns
        the number of slices created."""
        cr = self.env.cr
        cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))",
            [PLAN_LOCK_KEY, f"{job}/{company.id}"],
        )
        if not cr.fetchone()[0]:
            return 0
        self.flush_model()
        cr.execute(
            """
            SELECT COALESCE(MAX(run), 0),
                   COUNT(*) FILTER (WHERE state = 'todo')
              FROM service_job_slice
             WHERE job = %s AND company_id = %s
            """,
            [job, company.id],
        )
        last_run, todo = cr.fetchone()
        if todo or not ids:
            return 0
        values = [
            {
                "job": job,
                "res_model": res_model,
                "run": last_run + 1,
                "run_key": run_key,
                "company_id": company.id,
                "res_id_from": chunk[0],
                "res_id_to": chunk[-1],
                "planned_count": len(chunk),
            }
            for chunk in split_every(max(size, 1), sorted(ids))
        ]
        self.sudo().create(values)
        self.flush_model()
        return len(values)

    @api.model
    def _plan_and_work(self, job, res_model, company, run_key, ids, size=500):
        """What a job's own cron does: plan the run (or resume it), let the
        job workers of every node know, and work slices of the job itself
        until none is left. Returns the number of records this worker did."""
        if self._plan(job, res_model, company, run_key, ids, size) and (
            internal_switch_active(COMMIT_SLICES)
        ):
            # the slices become visible to the other workers, woken up by
            # the same commit
            self._trigger_workers()
            self.env["ir.cron"]._commit_progress(remaining=len(ids))
        return self._work([job])

    @api.autovacuum
    def _gc_done_slices(self):
        """Slices done a month ago are history nobody reads."""
        self.env.cr.execute(
            """
            DELETE FROM service_job_slice
             WHERE state = 'done' AND date_done < now() - interval '30 days'
            """
        )

    @api.model
    def _trigger_workers(self):
        """Wake the job workers up (cron threads of any node)."""
        workers = (
            self.env["ir.cron"]
            .sudo()
            .search(
                [
                    ("model_id.model", "=", self._name),
                    ("code", "=", WORKER_CRON_CODE),
                    ("active", "=", True),
                ]
            )
        )
        for worker in workers:
            worker._trigger()

    @api.model
    def _cron_work(self):
        """Job workers: take the free slices of every job until none is
        left. Several of these jobs run at once, on as many cron threads as
        the deployment has on any node."""
        with internal_switch(COMMIT_SLICES):
            return self._work()

    @api.model
    def _work(self, jobs=None):
        """Take the free slices (of ``jobs``, else of every job) one at a
        time, ``FOR UPDATE SKIP LOCKED``: a slice another worker holds is
        skipped, never waited for nor worked twice. In cron mode each slice
        is one committed transaction, retried on a serialization conflict.
        Returns the number of records done."""
        commit = internal_switch_active(COMMIT_SLICES)
        worker = f"{socket.gethostname()}:{os.getpid()}"
        conflicts = 0
        total = 0
        while True:
            try:
                slice_ = self._take(jobs)
                if not slice_:
                    break
                done = slice_._run(worker)
                if commit:
                    self.env["ir.cron"]._commit_progress(
                        done, remaining=self._todo_count(jobs)
                    )
                total += done
            except pg_errors.TransactionRollbackError:
                # a row changed by a worker that committed after this
                # transaction's snapshot (or a deadlock): the slice is still
                # to do, taken again in a fresh transaction
                if not commit or conflicts >= 10:
                    raise
                conflicts += 1
                self.env.cr.rollback()
            self.env.invalidate_all()
        return total

    @api.model
    def _take(self, jobs=None):
        job_filter = "AND job = ANY(%(jobs)s)" if jobs else ""
        self.env.cr.execute(
            f"""
            SELECT id FROM service_job_slice
             WHERE state = 'todo' {job_filter}
             ORDER BY id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """,  # noqa: S608  (a constant filter, values are parameters)
            {"jobs": list(jobs or ())},
        )
        row = self.env.cr.fetchone()
        return self.sudo().browse(row[0]) if row else None

    @api.model
    def _todo_count(self, jobs=None):
        job_filter = "AND job = ANY(%(jobs)s)" if jobs else ""
        self.env.cr.execute(
            f"""
            SELECT COALESCE(SUM(planned_count), 0) FROM service_job_slice
             WHERE state = 'todo' {job_filter}
            """,  # noqa: S608  (a constant filter, values are parameters)
            {"jobs": list(jobs or ())},
        )
        return self.env.cr.fetchone()[0]

    def _run(self, worker):
        """Work this slice through its model and mark it done, in the same
        transaction."""
        self.ensure_one()
        model = self.env[self.res_model].with_company(self.company_id)
        done = model._service_job_slice_run(self) or 0
        self.write(
            {
                "state": "done",
                "done_count": done,
                "worker": worker,
                "date_done": fields.Datetime.now(),
            }
        )
        self.flush_recordset()
        _logger.debug("%s: slice %s done, %s records", self.job, self.id, done)
        return done

    def _ids_in_range(self, table, where="TRUE", params=()):
        """The ids of ``table`` in this slice's range that match ``where``
        (a constant SQL condition of the job, values as ``params``)."""
        self.ensure_one()
        self.env.cr.execute(
            f"""
            SELECT id FROM {table}
             WHERE id BETWEEN %s AND %s AND ({where})
             ORDER BY id
            """,  # noqa: S608  (table and condition are the job's constants)
            [self.res_id_from, self.res_id_to, *params],
        )
        return [row[0] for row in self.env.cr.fetchall()]
