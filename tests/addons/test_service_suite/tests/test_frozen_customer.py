# covers: CUS-03
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestFrozenCustomerMixin(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Late Payer Ltd", "service_is_customer": True, "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Accountant", "parent_id": cls.customer.id}
        )
        cls.document = cls.env["test.service.document"].create(
            {"name": "Running contract", "partner_id": cls.customer.id}
        )
        cls.customer.with_user(cls.users["supervisor"]).action_service_freeze(
            reason="Unpaid for 90 days"
        )

    def test_frozen_customer_gets_no_new_document(self):
        Document = self.env["test.service.document"].with_user(
            self.users["service_user"]
        )
        with self.assertRaisesRegex(UserError, "Late Payer Ltd.*is frozen"):
            Document.create({"name": "New", "partner_id": self.customer.id})
        with self.assertRaisesRegex(UserError, "is frozen"):
            Document.create({"name": "Via contact", "partner_id": self.contact.id})

    def test_work_in_progress_goes_on(self):
        self.document.with_user(self.users["service_user"]).write(
            {"name": "Running contract, visit done", "state": "confirmed"}
        )
        self.assertEqual(self.document.state, "confirmed")

    def test_moving_a_document_to_a_frozen_customer_is_refused(self):
        other = self.env["test.service.document"].create({"name": "Other"})
        with self.assertRaisesRegex(UserError, "is frozen"):
            other.write({"partner_id": self.customer.id})

    def test_unfreeze_allows_new_documents_again(self):
        self.customer.with_user(self.users["supervisor"]).action_service_unfreeze()
        document = self.env["test.service.document"].create(
            {"name": "After unfreeze", "partner_id": self.customer.id}
        )
        self.assertTrue(document)

    def test_only_supervisors_freeze(self):
        with self.assertRaisesRegex(UserError, "Only a Services supervisor"):
            self.customer.with_user(
                self.users["service_user"]
            ).action_service_unfreeze()
        self.assertTrue(self.customer.service_frozen)
        self.assertEqual(self.customer.service_frozen_by_id, self.users["supervisor"])
