# covers: UTL-02
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import UtilityCase


@tagged("post_install", "-at_install")
class TestPlausibility(UtilityCase):
    def setUp(self):
        super().setUp()
        # ten a day for two months
        self._read(date(2025, 1, 1), 1000)
        self._read(date(2025, 2, 1), 1310)
        self._read(date(2025, 3, 1), 1590)

    def assertFlagged(self, reading, text):
        reading.invalidate_recordset()
        self.assertEqual(reading.state, "to_review")
        self.assertIn(text, reading.flag_reason)

    def test_plausible_reading_is_valid_without_review(self):
        reading = self._read(date(2025, 4, 1), 1900)
        self.assertEqual(reading.state, "valid")
        self.assertFalse(reading.flag_reason)

    def test_future_date_flagged(self):
        tomorrow = fields.Date.context_today(self.point) + timedelta(days=5)
        self.assertFlagged(self._read(tomorrow, 99999), "date in the future")

    def test_before_last_billed_reading_flagged(self):
        self.point._service_write_protected({"billed_until": date(2025, 3, 31)})
        self.assertFlagged(
            self._read(date(2025, 3, 15), 1740), "on or before the last billed reading"
        )

    def test_duplicate_of_same_day_flagged(self):
        self.assertFlagged(
            self._read(date(2025, 3, 1), 1595, source="customer"), "duplicate"
        )

    def test_lower_than_previous_without_meter_change_flagged(self):
        self.assertFlagged(
            self._read(date(2025, 4, 1), 1500), "lower than the previous reading"
        )

    def test_rollover_is_plausible_and_counted(self):
        point = self._point("ROLL-1")
        self._meter(point, "M-ROLL", date(2025, 1, 1), digits=4)
        self._read(date(2025, 1, 1), 9500, point=point)
        self._read(date(2025, 2, 1), 9810, point=point)
        # 9810 -> 9999 -> 0 -> 120: 310 units in 31 days, ten a day
        reading = self._read(date(2025, 3, 4), 120, point=point)
        self.assertEqual(reading.state, "valid")
        self.assertTrue(reading.rollover)

    def test_meter_change_starts_the_new_meter_without_flag(self):
        self.meter.date_removed = date(2025, 3, 31)
        self._read(date(2025, 3, 31), 1890)  # final reading of the old meter
        new_meter = self._meter(self.point, "M-200", date(2025, 3, 31))
        first = self._read(date(2025, 3, 31), 0, meter_id=new_meter.id)
        self.assertEqual(first.meter_id.name, "M-200")
        self.assertEqual(first.state, "valid")
        second = self._read(date(2025, 4, 30), 300)
        self.assertEqual(second.meter_id.name, "M-200")
        self.assertEqual(second.state, "valid")

    def test_consumption_outside_band_of_daily_average_flagged(self):
        # 40 a day against a daily average of 10 (band 60 %)
        self.assertFlagged(self._read(date(2025, 4, 1), 2830), "the daily average")
        # far too low as well (1 a day)
        self.assertFlagged(self._read(date(2025, 4, 2), 1622), "outside")

    def test_consumption_outside_band_of_same_period_last_year_flagged(self):
        self._read(date(2025, 6, 1), 2510)  # ten a day until June
        self._read(date(2026, 1, 1), 4650)  # ten a day
        self._read(date(2026, 2, 1), 4960)  # same period as last year
        reading = self._read(date(2026, 3, 1), 5960)  # 35 a day in February
        self.assertFlagged(reading, "the same period last year")

    def test_review_accepts_or_rejects_and_state_is_protected(self):
        flagged = self._read(date(2025, 4, 1), 1500)
        with self.assertRaises(UserError):
            flagged.with_user(self.users["manager"]).write({"state": "valid"})
        with self.assertRaises(AccessError):
            flagged.with_user(self.users["service_user"]).action_approve()
        flagged.invalidate_recordset()
        self.assertEqual(flagged.state, "to_review")
        flagged.with_user(self.users["supervisor"]).action_approve()
        self.assertEqual(flagged.state, "valid")
        self.assertEqual(flagged.reviewed_by_id, self.users["supervisor"])
        other = self._read(date(2025, 4, 2), 100)
        other.with_user(self.users["supervisor"]).action_reject()
        self.assertEqual(other.state, "rejected")

    def test_estimates_only_by_billing(self):
        with self.assertRaises(UserError):
            self._read(date(2025, 4, 1), 1900, source="estimated")
