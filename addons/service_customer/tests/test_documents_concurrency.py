# covers: CUS-05
"""Two workers running the expiry job at the same moment remind each document
once: the batch is locked with SKIP LOCKED. Real, separate PostgreSQL
transactions are needed to prove it, so this test commits its data in its own
cursors and removes it afterwards."""

from datetime import timedelta

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestDocumentExpiryTwoWorkers(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            today = fields.Date.context_today(env["service.document"])
            customer = env["res.partner"].create(
                {"name": "Two workers customer", "email": "two@example.com"}
            )
            documents = env["service.document"].create(
                [
                    {
                        "name": f"Two workers document {index}",
                        "partner_id": customer.id,
                        "document_type_id": env.ref(
                            "service_customer.document_type_identity"
                        ).id,
                        "expiry_date": today + timedelta(days=5),
                    }
                    for index in range(30)
                ]
            )
            self.customer_id, self.document_ids = customer.id, documents.ids
            # the job's slices (issue 15) made by this test are removed too
            last_slice = env["service.job.slice"].search([], order="id desc", limit=1)
            self.last_slice_id = last_slice.id or 0
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["mail.activity"].search(
                [
                    ("res_model", "=", "service.document"),
                    ("res_id", "in", self.document_ids),
                ]
            ).unlink()
            env["mail.mail"].search(
                [
                    ("model", "=", "service.document"),
                    ("res_id", "in", self.document_ids),
                ]
            ).unlink()
            env["service.job.slice"].search([("id", ">", self.last_slice_id)]).unlink()
            env["service.document"].browse(self.document_ids).unlink()
            env["res.partner"].browse(self.customer_id).unlink()

    def test_second_worker_skips_what_the_first_holds(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            # worker A has locked and processed the batch, not yet committed
            processed_a = env_a["service.document"]._cron_remind_expiring()
            # worker B starts meanwhile: it must not wait nor double-remind
            processed_b = env_b["service.document"]._cron_remind_expiring()
            self.assertEqual(processed_b, 0)
            cr_a.commit()
            cr_b.rollback()
            # worker B's next run finds nothing left to do
            self.assertEqual(env_b["service.document"]._cron_remind_expiring(), 0)
            cr_b.commit()
        self.assertGreaterEqual(processed_a, 30)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            activities = env["mail.activity"].search_count(
                [
                    ("res_model", "=", "service.document"),
                    ("res_id", "in", self.document_ids),
                ]
            )
            self.assertEqual(activities, 30, "one reminder per document, not two")
