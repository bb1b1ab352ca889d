# covers: REQ-05
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestEscalation(RequestCase):
    def _alerts(self, request, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "service.request"),
                ("res_id", "=", request.id),
                ("user_id", "=", user.id),
            ]
        )

    def test_deadlines_follow_the_working_calendar(self):
        # Monday 2 November 2026, 08:00 UTC, the company's 40-hour week
        request = self._request()
        self.assertEqual(request.date_ack_deadline, datetime(2026, 11, 2, 10, 0))
        # 16 working hours: two working days later, not 16 clock hours
        self.assertGreater(request.date_expected, datetime(2026, 11, 3, 12, 0))
        self.assertLess(request.date_expected, datetime(2026, 11, 5))
        friday = self._request(date_received=datetime(2026, 11, 6, 16, 0))
        # the weekend does not count
        self.assertEqual(friday.date_ack_deadline.date(), datetime(2026, 11, 9).date())
        self.assertLess(friday.date_expected.weekday(), 5)
        self.assertGreater(friday.date_expected, datetime(2026, 11, 10))

    def test_unacknowledged_request_escalates_once_per_level(self):
        request = self._request()
        Request = self.env["service.request"]
        with freeze_time(request.date_ack_deadline + timedelta(minutes=5)):
            Request._cron_escalate()
            Request._cron_escalate()  # nothing new
        self.assertEqual(len(self._alerts(request, self.users["supervisor"])), 1)
        self.assertFalse(self._alerts(request, self.users["manager"]))
        self.assertEqual(request.escalation_ack_level, 1)
        # still not picked up a day later: the department manager too
        with freeze_time(request.date_ack_deadline + timedelta(hours=25)):
            Request._cron_escalate()
            Request._cron_escalate()
        self.assertEqual(len(self._alerts(request, self.users["manager"])), 1)
        self.assertEqual(len(self._alerts(request, self.users["supervisor"])), 1)
        self.assertEqual(request.escalation_ack_level, 2)

    def test_acknowledged_in_time_never_escalates_for_pick_up(self):
        request = self._request()
        request.with_user(request.user_id).action_acknowledge()
        with freeze_time(request.date_ack_deadline + timedelta(hours=1)):
            self.env["service.request"]._cron_escalate()
        self.assertEqual(request.escalation_ack_level, 0)
        self.assertFalse(self._alerts(request, self.users["supervisor"]))

    def test_late_request_escalates_and_closed_ones_do_not(self):
        late = self._request()
        late.action_acknowledge()
        closed = self._request()
        closed.action_acknowledge()
        closed.stage_id = self.stage_done
        with freeze_time(late.date_expected + timedelta(hours=1)):
            self.env["service.request"]._cron_escalate()
        self.assertEqual(late.escalation_late_level, 1)
        self.assertEqual(closed.escalation_late_level, 0)
