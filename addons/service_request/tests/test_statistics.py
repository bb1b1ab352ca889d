# covers: REQ-11
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestStatistics(RequestCase):
    def test_per_employee_assigned_in_time_late_open(self):
        tech = self.techs[0]
        in_time = self._request(user_id=tech.id)
        late = self._request(user_id=tech.id)
        still_open = self._request(user_id=tech.id)
        with freeze_time(in_time.date_expected - timedelta(hours=1)):
            in_time.stage_id = self.stage_done
        with freeze_time(late.date_expected + timedelta(hours=5)):
            late.stage_id = self.stage_done
        self.assertTrue(still_open)
        self.env.flush_all()
        Report = self.env["service.request.report"].with_user(self.users["manager"])
        [(assigned, in_time_count, late_count, open_count)] = Report._read_group(
            [
                ("user_id", "=", tech.id),
                ("date_received", ">=", datetime(2026, 11, 1)),
                ("date_received", "<", datetime(2026, 12, 1)),
            ],
            [],
            ["assigned:sum", "done_on_time:sum", "done_late:sum", "still_open:sum"],
        )
        self.assertEqual(
            (assigned, in_time_count, late_count, open_count), (3, 1, 1, 1)
        )
        # another company's manager sees none of it
        other = self.env["service.request.report"].with_user(self.manager_b)
        self.assertFalse(other.search([("user_id", "=", tech.id)]))
