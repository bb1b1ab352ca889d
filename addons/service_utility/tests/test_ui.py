# covers: UTL-02
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import UtilityCase


@tagged("post_install", "-at_install")
class TestReviewTour(UtilityCase, HttpCase):
    def test_supervisor_reviews_an_implausible_reading(self):
        """Readings to Review: open the flagged reading, read the reason,
        accept it; billing may use it from then on."""
        self._read(date(2026, 1, 1), 1000)
        self._read(date(2026, 2, 1), 1310)
        flagged = self._read(date(2026, 3, 1), 1200)
        self.assertEqual(flagged.state, "to_review")
        self.users["supervisor"].write(
            {"login": "meter_desk", "password": "meter_desk_pw"}
        )
        self.start_tour(
            "/odoo/action-service_utility.service_meter_reading_review_action",
            "service_utility_review_readings",
            login="meter_desk",
        )
        flagged.invalidate_recordset()
        self.assertEqual(flagged.state, "valid")
        self.assertEqual(flagged.reviewed_by_id, self.users["supervisor"])
