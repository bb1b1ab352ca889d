# covers: CAN-01
from odoo.tests import HttpCase, tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestCancellationPortal(CancellationCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.users["portal"]
        cls.portal_user.write({"login": "harbour_portal", "password": "harbour_portal"})
        cls.portal_user.partner_id.write(
            {"parent_id": cls.customer.id, "email": "desk@harbour.example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other customer", "service_is_customer": True}
        )

    def test_customer_requests_cancellation_from_his_contract_page(self):
        contract = self._simple_contract()
        self.start_tour(
            "/my/contracts",
            "service_cancellation_portal_customer",
            login="harbour_portal",
        )
        cancellation = contract.service_cancellation_ids
        self.assertEqual(len(cancellation), 1)
        self.assertEqual(cancellation.origin, "portal")
        self.assertEqual(cancellation.state, "waiting")
        self.assertEqual(cancellation.approval_state, "pending")
        self.assertEqual(cancellation.reason_id, self.reason_price)
        self.assertEqual(cancellation.reason_note, "We found a cheaper offer.")
        self.assertIn(self.portal_user.partner_id, cancellation.message_partner_ids)

    def test_customer_cannot_cancel_another_customers_contract(self):
        other = self._simple_contract(partner=self.other_customer)
        self.authenticate("harbour_portal", "harbour_portal")
        page = self.url_open(f"/my/contracts/{other.id}/cancel")
        self.assertNotIn("o_service_cancellation_form", page.text)
        own = self._simple_contract()
        form = self.url_open(f"/my/contracts/{own.id}/cancel")
        self.assertIn("o_service_cancellation_form", form.text)
        marker = 'name="csrf_token" value="'
        start = form.text.index(marker) + len(marker)
        csrf = form.text[start : form.text.index('"', start)]
        self.url_open(
            f"/my/contracts/{other.id}/cancel",
            data={"reason_id": self.reason_price.id, "csrf_token": csrf},
        )
        self.assertFalse(other.service_cancellation_ids)
        response = self.url_open(
            f"/my/contracts/{own.id}/cancel",
            data={"reason_id": "abc", "csrf_token": csrf},
        )
        self.assertIn("Reason: choose one of the reasons", response.text)
        self.assertFalse(own.service_cancellation_ids)
