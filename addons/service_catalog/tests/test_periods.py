# covers: CON-02, CAN-01
"""One vocabulary for billing periods (issue 11): period end, days in a
period, months per period, the monthly equivalent and calendar terms."""

from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools import periods


@tagged("post_install", "-at_install")
class TestPeriods(BaseCase):
    def test_period_end_follows_the_calendar_when_aligned(self):
        start = date(2025, 2, 10)
        self.assertEqual(periods.period_end(start, "daily"), start)
        self.assertEqual(periods.period_end(start, "weekly"), date(2025, 2, 16))
        self.assertEqual(periods.period_end(start, "monthly"), date(2025, 3, 9))
        self.assertEqual(
            periods.period_end(start, "monthly", align_to_calendar=True),
            date(2025, 2, 28),
        )
        self.assertEqual(
            periods.period_end(start, "quarterly", align_to_calendar=True),
            date(2025, 3, 31),
        )
        self.assertEqual(
            periods.period_end(start, "half_yearly", align_to_calendar=True),
            date(2025, 6, 30),
        )
        self.assertEqual(periods.period_end(start, "yearly"), date(2026, 2, 9))

    def test_days_in_period_is_the_whole_period_holding_the_start(self):
        self.assertEqual(periods.days_in_period(date(2024, 2, 10), "monthly", True), 29)
        self.assertEqual(periods.days_in_period(date(2025, 2, 10), "monthly"), 28)
        self.assertEqual(periods.days_in_period(date(2025, 5, 1), "quarterly"), 92)
        self.assertEqual(periods.days_in_period(date(2025, 5, 1), "weekly"), 7)

    def test_monthly_equivalent(self):
        self.assertEqual(periods.months_per_period("quarterly"), 3.0)
        self.assertAlmostEqual(periods.monthly_amount(300, "quarterly"), 100.0)
        self.assertAlmostEqual(periods.monthly_amount(1200, "yearly"), 100.0)
        self.assertAlmostEqual(periods.monthly_amount(52, "weekly"), 52 * 52 / 12)
        self.assertEqual(periods.monthly_amount(500, "one_off"), 0.0)
        self.assertEqual(periods.period_step("quarterly"), ("months", 3))
        self.assertEqual(periods.period_step("weekly"), ("weeks", 1))
        self.assertIsNone(periods.period_step("one_off"))

    def test_terms_in_days_weeks_and_calendar_months(self):
        received = date(2025, 5, 20)
        # a 3-month notice received on 20 May ends on 20 August
        self.assertEqual(periods.add_term(received, 3, "months"), date(2025, 8, 20))
        self.assertEqual(periods.add_term(received, 90, "days"), date(2025, 8, 18))
        self.assertEqual(periods.add_term(received, 2, "weeks"), date(2025, 6, 3))
        self.assertEqual(
            periods.add_term(date(2025, 11, 30), 3, "months"), date(2026, 2, 28)
        )
