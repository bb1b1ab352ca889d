# covers: CAN-01, CAN-02
from odoo.tests import HttpCase, tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestCancellationUi(CancellationCase, HttpCase):
    def test_supervisor_records_a_cancellation_from_the_contract(self):
        """From the contract form: Record Cancellation, reason, submit."""
        contract = self._simple_contract()
        self.users["supervisor"].write(
            {"login": "cancel_desk", "password": "cancel_desk_pw"}
        )
        self.start_tour(
            f"/odoo/action-service_contract.service_contract_action/{contract.id}",
            "service_cancellation_staff",
            login="cancel_desk",
        )
        cancellation = contract.service_cancellation_ids
        self.assertEqual(len(cancellation), 1)
        self.assertEqual(cancellation.reason_id, self.reason_quality)
        self.assertEqual(cancellation.state, "waiting")
        self.assertEqual(cancellation.origin, "staff")
        self.assertEqual(cancellation.create_uid, self.users["supervisor"])

    def test_service_user_keeps_the_customer_with_a_discount(self):
        """A service user without invoicing rights works the cancellation
        form: the accepted offer discounts the contract lines."""
        contract = self._simple_contract()
        cancellation = self._cancellation(contract)
        cancellation.with_user(self.users["service_user"]).action_submit()
        self.users["service_user"].write(
            {"login": "retention_desk", "password": "retention_desk_pw"}
        )
        self.start_tour(
            "/odoo/action-service_cancellation.service_cancellation_action",
            "service_cancellation_retention",
            login="retention_desk",
        )
        self.assertEqual(cancellation.state, "retained")
        self.assertEqual(contract.line_ids.mapped("discount"), [15.0, 15.0])
        self.assertEqual(contract.state, "active")
