# covers: CAN-01
"""Notice and renewal terms in days, weeks or calendar months (issue 11)."""

from datetime import date

from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestNoticeTerms(CancellationCase):
    def test_three_month_notice_ends_on_the_same_day_three_months_later(self):
        contract = self._simple_contract(notice_days=3, notice_unit="months")
        cancellation = self._cancellation(contract, date_received=date(2025, 5, 20))
        self.assertEqual(cancellation.notice_days, 3)
        self.assertEqual(cancellation.notice_unit, "months")
        self.assertEqual(cancellation.date_effective, date(2025, 8, 20))

    def test_notice_in_days_and_weeks(self):
        contract = self._simple_contract(notice_days=90)
        cancellation = self._cancellation(contract, date_received=date(2025, 5, 20))
        self.assertEqual(cancellation.notice_unit, "days")
        self.assertEqual(cancellation.date_effective, date(2025, 8, 18))
        cancellation.write({"notice_days": 2, "notice_unit": "weeks"})
        self.assertEqual(cancellation.date_effective, date(2025, 6, 3))

    def test_late_notice_runs_to_the_end_of_the_next_term_in_weeks(self):
        contract = self._simple_contract(
            date_end=date(2025, 6, 30),
            renewal_mode="auto",
            renewal_months=26,
            renewal_unit="weeks",
            notice_days=1,
            notice_unit="months",
        )
        cancellation = self._cancellation(contract, date_received=date(2025, 6, 15))
        # notice expires 15 July, after the term: one more 26-week term
        self.assertEqual(cancellation.date_effective, date(2025, 12, 29))

    def test_renewal_term_in_months_is_calendar_arithmetic(self):
        contract = self._simple_contract(
            date_end=date(2025, 11, 30), renewal_months=3, renewal_unit="months"
        )
        contract.with_user(self.users["supervisor"]).action_renew()
        self.assertEqual(contract.date_end, date(2026, 2, 28))
