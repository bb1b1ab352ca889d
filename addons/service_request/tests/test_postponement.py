# covers: REQ-06
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestPostponement(RequestCase):
    def test_supervisor_then_manager_approve_then_the_date_moves(self):
        request = self._request()
        request.action_validate()
        expected = request.date_expected
        new_date = expected + timedelta(days=3)
        tech = request.user_id
        postponement = (
            self.env["service.request.postponement"]
            .with_user(tech)
            .create(
                {
                    "request_id": request.id,
                    "date_new": new_date,
                    "reason": "Spare part on order",
                }
            )
        )
        postponement.action_request_approval()
        self.assertEqual(postponement.approval_state, "pending")
        self.assertEqual(request.date_expected, expected)
        # the technician cannot approve, nor move the date himself
        with self.assertRaises(UserError):
            postponement.with_user(tech).action_approve()
        with self.assertRaises(UserError):
            request.with_user(tech).date_expected = new_date
        postponement.with_user(self.users["supervisor"]).action_approve()
        self.assertEqual(postponement.approval_state, "pending")
        self.assertEqual(postponement.approval_level_id.name, "Manager")
        self.assertEqual(request.date_expected, expected)
        # the supervisor cannot approve the manager's level as well
        with self.assertRaises(UserError):
            postponement.with_user(self.users["supervisor"]).action_approve()
        postponement.with_user(self.users["manager"]).action_approve()
        self.assertEqual(postponement.approval_state, "approved")
        self.assertEqual(request.date_expected, new_date)

    def test_rejected_postponement_leaves_the_date(self):
        request = self._request()
        expected = request.date_expected
        postponement = self.env["service.request.postponement"].create(
            {
                "request_id": request.id,
                "date_new": expected + timedelta(days=1),
                "reason": "Customer away",
            }
        )
        postponement.action_request_approval()
        postponement.with_user(self.users["supervisor"]).action_reject(
            reason="Not a reason"
        )
        self.assertEqual(postponement.approval_state, "rejected")
        self.assertEqual(request.date_expected, expected)

    def test_a_postponement_must_move_the_date_forward(self):
        request = self._request()
        with self.assertRaisesRegex(Exception, "New Expected Date"):
            self.env["service.request.postponement"].create(
                {
                    "request_id": request.id,
                    "date_new": request.date_expected - timedelta(days=1),
                    "reason": "Earlier",
                }
            )
