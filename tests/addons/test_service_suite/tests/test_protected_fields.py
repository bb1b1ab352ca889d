# covers: API-01, BAS-03
"""The protected-fields mechanism of service_base, on the stand-in document:
approval fields change only through the approval actions; ``create`` cannot
set them, not even through a ``default_`` key of the caller's context; the
switch that lets transitions write them is Python state, not a context key;
numbers are checked for type and range."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch_active,
)
from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestProtectedFields(ServiceCase):
    def setUp(self):
        super().setUp()
        self.Document = self.env["test.service.document"].with_user(
            self.users["manager"]
        )
        self.document = self.Document.create({"name": "Guarding", "amount": 100})

    def test_write_of_a_protected_field_is_refused_naming_it(self):
        with self.assertRaisesRegex(UserError, "Approval State .*cannot be set"):
            self.document.write({"approval_state": "approved"})
        self.assertEqual(self.document.approval_state, "draft")

    def test_create_cannot_set_a_protected_field_beyond_its_default(self):
        with self.assertRaisesRegex(UserError, "Approval State"):
            self.Document.create({"name": "Forged", "approval_state": "approved"})
        # its default is accepted, as the web client sends it
        document = self.Document.create({"name": "Plain", "approval_state": "draft"})
        self.assertEqual(document.approval_state, "draft")

    def test_default_key_in_the_context_does_not_set_a_protected_field(self):
        document = self.Document.with_context(default_approval_state="approved").create(
            {"name": "Forged by default"}
        )
        self.assertEqual(document.approval_state, "draft")

    def test_transition_writes_through_a_switch_that_ends_with_it(self):
        self.document.action_request_approval()
        self.assertEqual(self.document.approval_state, "approved")
        name = "protected:test.service.document"
        self.assertFalse(internal_switch_active(name))
        with self.document._service_transition():
            self.assertTrue(internal_switch_active(name))
            self.document.write({"approval_state": "draft"})
        self.assertFalse(internal_switch_active(name))
        self.assertEqual(self.document.approval_state, "draft")

    def test_superuser_code_writes_protected_fields(self):
        self.document.sudo().write({"approval_state": "rejected"})
        self.assertEqual(self.document.approval_state, "rejected")

    def test_numbers_are_checked_for_type_and_range(self):
        with self.assertRaisesRegex(ValidationError, "Amount: expects a number"):
            self.document.write({"amount": "abc"})
        with self.assertRaisesRegex(ValidationError, "Amount: .*out of range"):
            self.document.write({"amount": 1e308})
        with self.assertRaisesRegex(ValidationError, "Amount: expects a finite"):
            self.document.write({"amount": float("nan")})
        with self.assertRaisesRegex(ValidationError, "Partner: expects a record id"):
            self.document.write({"partner_id": "x"})
        self.assertEqual(self.document.amount, 100)
