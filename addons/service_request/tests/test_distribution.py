# covers: REQ-04
from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestDistribution(RequestCase):
    def test_least_loaded_member_gets_the_request(self):
        first, second, third = self.techs
        self._request(user_id=first.id)
        self._request(user_id=first.id)
        self._request(user_id=second.id)
        new = self._request()
        self.assertEqual(new.user_id, third)
        newer = self._request()
        # second and third both have one open request now: the first created
        # user wins the tie
        self.assertEqual(newer.user_id, second)
        # the automatic assignment is in the audit trail
        logged = self.env["service.audit.log"].search(
            [("res_model", "=", "service.request"), ("res_id", "=", new.id)]
        )
        self.assertIn(third.name, " ".join(filter(None, logged.mapped("changes"))))

    def test_caps_are_respected_then_the_supervisor_decides(self):
        self.techs.write({"service_request_cap": 1})
        requests = self.env["service.request"].create(
            [
                {"type_id": self.type.id, "partner_id": self.customer.id}
                for _i in range(5)
            ]
        )
        assigned = requests.filtered("user_id")
        self.assertEqual(len(assigned), 3)
        self.assertEqual(assigned.user_id, self.techs)
        waiting = requests - assigned
        self.assertEqual(len(waiting), 2)
        self.assertTrue(all(waiting.mapped("waiting_supervisor")))
        # the supervisor has a to-do, the manager was told
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "service.request"), ("res_id", "in", waiting.ids)]
        )
        self.assertEqual(activities.user_id, self.users["supervisor"])
        notified = self.env["mail.message"].search(
            [
                ("model", "=", "service.request"),
                ("res_id", "in", waiting.ids),
                ("partner_ids", "in", self.users["manager"].partner_id.ids),
            ]
        )
        self.assertTrue(notified)
        # the supervisor assigns one by hand: it no longer waits
        waiting[0].with_user(self.users["supervisor"]).user_id = self.users[
            "supervisor"
        ]
        self.assertFalse(waiting[0].waiting_supervisor)
        # once a request closes, distributing again fills the freed slot
        assigned[0].stage_id = self.stage_done
        waiting[1].action_distribute()
        self.assertEqual(waiting[1].user_id, assigned[0].user_id)

    def test_transfer_is_tracked_and_shown(self):
        request = self._request()
        self.assertFalse(request.is_transferred)
        other = (self.techs - request.user_id)[0]
        request.with_context(tracking_disable=False).user_id = other
        self.assertTrue(request.is_transferred)
        self.assertEqual(request.user_id, other)
