# covers: BAS-04
from odoo.tests import tagged

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET,
    internal_switch,
)
from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestAuditTrail(ServiceCase):
    def _log(self, document):
        return self.env["service.audit.log"].search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)],
            order="id",
        )

    def test_create_change_cancel_delete_are_logged_with_user(self):
        user = self.users["service_user"]
        document = (
            self.env["test.service.document"]
            .with_user(user)
            .create({"name": "Guarding contract", "amount": 100})
        )
        document.write({"amount": 250, "name": "Guarding contract 2"})
        document.write({"state": "cancel"})
        document_id = document.id
        document.unlink()
        log = self.env["service.audit.log"].search(
            [("res_model", "=", "test.service.document"), ("res_id", "=", document_id)],
            order="id",
        )
        self.assertEqual(log.mapped("action"), ["create", "write", "cancel", "unlink"])
        self.assertEqual(set(log.user_id), {user})
        self.assertIn("Amount: 100.0 → 250.0", log[1].changes)
        self.assertIn("Name: Guarding contract → Guarding contract 2", log[1].changes)
        self.assertIn("State: Draft → Cancelled", log[2].changes)
        self.assertTrue(all(line.company_id == self.company_a for line in log))

    def test_untracked_or_unchanged_values_log_nothing(self):
        document = self.env["test.service.document"].create({"name": "A", "amount": 1})
        document.write({"amount": 1})
        document.write({"currency_id": document.currency_id.id})
        self.assertEqual(self._log(document).mapped("action"), ["create"])

    def test_batch_jobs_can_skip_the_audit(self):
        with internal_switch(QUIET):
            documents = self.env["test.service.document"].create(
                [{"name": f"Batch {i}"} for i in range(3)]
            )
        self.assertFalse(self._log(documents[0]))

    def test_audit_skip_in_the_context_is_ignored(self):
        # covers: API-01 (a caller's context never turns the audit off)
        documents = (
            self.env["test.service.document"]
            .with_context(service_audit_skip=True)
            .create([{"name": f"Batch {i}"} for i in range(3)])
        )
        self.assertEqual(self._log(documents[0]).mapped("action"), ["create"])

    def test_audit_of_many_records_is_one_insert(self):
        documents = self.env["test.service.document"].create(
            [{"name": f"D{i}", "amount": i} for i in range(20)]
        )
        self.env.flush_all()
        with self.assertQueryCount(__system__=6):
            documents.write({"amount": 99})
            self.env.flush_all()
        self.assertEqual(
            self.env["service.audit.log"].search_count(
                [("res_model", "=", documents._name), ("action", "=", "write")]
            ),
            20,
        )

    def test_customer_changes_are_audited_but_not_other_contacts(self):
        customer = self.env["res.partner"].create(
            {"name": "Audited customer", "service_is_customer": True}
        )
        contact = self.env["res.partner"].create({"name": "Plain contact"})
        self.assertEqual(self._log(customer).mapped("action"), ["create"])
        self.assertFalse(self._log(contact))
