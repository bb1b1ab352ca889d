# covers: CUS-05
"""The expiry reminders are a job shared by cron workers (issue 15): a run is
planned once in slices (service.job.slice) that any worker takes with FOR
UPDATE SKIP LOCKED; two workers at once remind each document once, a worker
that dies mid-slice leaves its slice to the next one, and a run cut short is
resumed, not planned again. Real, separate PostgreSQL transactions are needed
to prove it, so this test commits its data in its own cursors and removes it
afterwards."""

from datetime import timedelta

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from ..models.service_document import REMINDER_JOB

DOCUMENTS = 12
SLICE_SIZE = 3


@tagged("post_install", "-at_install")
class TestDocumentExpiryJobSlices(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            # slices left by another test's run would be resumed first
            self.assertFalse(
                env["service.job.slice"].search_count(
                    [("job", "=", REMINDER_JOB), ("state", "=", "todo")]
                )
            )
            today = fields.Date.context_today(env["service.document"])
            customer = env["res.partner"].create(
                {"name": "Sliced reminders customer", "email": "slices@example.com"}
            )
            documents = env["service.document"].create(
                [
                    {
                        "name": f"Sliced document {index}",
                        "partner_id": customer.id,
                        "document_type_id": env.ref(
                            "service_customer.document_type_identity"
                        ).id,
                        "expiry_date": today + timedelta(days=5),
                    }
                    for index in range(DOCUMENTS)
                ]
            )
            self.company_id = env.company.id
            last_slice = env["service.job.slice"].search([], order="id desc", limit=1)
            self.last_slice_id = last_slice.id or 0
            self.customer_id, self.document_ids = customer.id, documents.ids
            self.today = today
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            domain = [("res_id", "in", self.document_ids)]
            env["mail.activity"].search(
                [("res_model", "=", "service.document"), *domain]
            ).unlink()
            env["mail.mail"].search(
                [("model", "=", "service.document"), *domain]
            ).unlink()
            self._slices_since_setup(env).unlink()
            env["service.document"].browse(self.document_ids).unlink()
            env["res.partner"].browse(self.customer_id).unlink()

    def _slices_since_setup(self, env):
        return env["service.job.slice"].search([("id", ">", self.last_slice_id)])

    def _plan(self, env):
        """Plan a run of this test's documents alone (the database may hold
        other documents due), in slices of SLICE_SIZE, and commit it."""
        created = env["service.job.slice"]._plan(
            REMINDER_JOB,
            "service.document",
            env["res.company"].browse(self.company_id),
            fields.Date.to_string(self.today),
            self.document_ids,
            size=SLICE_SIZE,
        )
        env.cr.commit()
        return created

    def _reminders(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT res_id, COUNT(*) FROM mail_activity
                 WHERE res_model = 'service.document' AND res_id = ANY(%s)
                 GROUP BY res_id
                """,
                [self.document_ids],
            )
            return dict(cr.fetchall())

    def _slices(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            slices = self._slices_since_setup(env)
            return [(s.state, s.planned_count, s.done_count) for s in slices]

    def test_two_workers_share_a_run_and_remind_each_document_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            self.assertEqual(self._plan(env_a), DOCUMENTS // SLICE_SIZE)
            # worker A holds its first slice, not committed yet
            slice_a = env_a["service.job.slice"]._take([REMINDER_JOB])
            self.assertEqual(slice_a._run("worker-a"), SLICE_SIZE)
            # worker B meanwhile takes every other slice: it neither waits
            # for A's slice nor works it
            done_b = env_b["service.job.slice"]._work([REMINDER_JOB])
            self.assertEqual(done_b, DOCUMENTS - SLICE_SIZE)
            cr_b.commit()
            cr_a.commit()
        self.assertEqual(self._reminders(), dict.fromkeys(self.document_ids, 1))
        self.assertEqual(
            self._slices(),
            [("done", SLICE_SIZE, SLICE_SIZE)] * (DOCUMENTS // SLICE_SIZE),
        )

    def test_slice_of_a_dead_worker_is_worked_by_the_next(self):
        with self.registry.cursor() as cr_a:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            self._plan(env_a)
            slice_a = env_a["service.job.slice"]._take([REMINDER_JOB])
            slice_a._run("worker-a")
            # the worker dies: its transaction never commits
            cr_a.rollback()
        with self.registry.cursor() as cr_b:
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            self.assertEqual(
                env_b["service.job.slice"]._work([REMINDER_JOB]), DOCUMENTS
            )
            cr_b.commit()
        self.assertEqual(self._reminders(), dict.fromkeys(self.document_ids, 1))

    def test_run_cut_short_is_resumed_not_planned_again(self):
        with self.registry.cursor() as cr_worker:
            env = api.Environment(cr_worker, api.SUPERUSER_ID, {})
            self._plan(env)
            # one slice done and committed, then the worker stops
            env["service.job.slice"]._take([REMINDER_JOB])._run("worker-a")
            cr_worker.commit()
            # the daily job again (what _cron_remind_expiring does for the
            # company): the unfinished run is resumed, no second run is
            # planned beside it
            self.assertEqual(self._plan(env), 0)
            self.assertEqual(
                env["service.job.slice"]._work([REMINDER_JOB]), DOCUMENTS - SLICE_SIZE
            )
            cr_worker.commit()
            slices = self._slices_since_setup(env)
            self.assertEqual(len(set(slices.mapped("run"))), 1)
            self.assertEqual(set(slices.mapped("state")), {"done"})
        self.assertEqual(self._reminders(), dict.fromkeys(self.document_ids, 1))
