# covers: CAN-01
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestEffectiveDate(CancellationCase):
    def test_open_ended_contract_ends_when_the_notice_expires(self):
        contract = self._simple_contract(notice_days=45)
        cancellation = self._cancellation(contract, date_received=date(2025, 2, 10))
        self.assertEqual(cancellation.notice_days, 45)
        self.assertEqual(cancellation.date_effective, date(2025, 3, 27))

    def test_open_ended_contract_aligned_ends_with_the_billing_period(self):
        contract = self._simple_contract(billing_period="quarterly")
        cancellation = self._cancellation(
            contract, date_received=date(2025, 2, 10), align_to_period=True
        )
        # notice expires on 12 March, inside the quarter January-March
        self.assertEqual(cancellation.date_effective, date(2025, 3, 31))
        cancellation.date_received = date(2025, 3, 5)
        # 4 April: the next quarter, April-June
        self.assertEqual(cancellation.date_effective, date(2025, 6, 30))

    def test_auto_renewing_contract_notified_in_time_ends_with_its_term(self):
        contract = self._simple_contract(
            date_end=date(2025, 12, 31), renewal_mode="auto", renewal_months=12
        )
        cancellation = self._cancellation(contract, date_received=date(2025, 11, 1))
        self.assertEqual(cancellation.date_effective, date(2025, 12, 31))
        # even a notice given long before the end binds until the term's end
        cancellation.date_received = date(2025, 2, 1)
        self.assertEqual(cancellation.date_effective, date(2025, 12, 31))

    def test_auto_renewing_contract_notified_too_late_ends_after_next_term(self):
        contract = self._simple_contract(
            date_end=date(2025, 12, 31), renewal_mode="auto", renewal_months=12
        )
        # the 30-day notice expires on 1 January 2026, after the term
        cancellation = self._cancellation(contract, date_received=date(2025, 12, 2))
        self.assertEqual(cancellation.date_effective, date(2026, 12, 31))
        contract.renewal_months = 6
        self.assertEqual(cancellation.date_effective, date(2026, 6, 30))

    def test_fixed_term_without_auto_renewal_ends_when_the_notice_expires(self):
        contract = self._simple_contract(
            date_end=date(2025, 12, 31), renewal_mode="none"
        )
        cancellation = self._cancellation(contract, date_received=date(2025, 6, 1))
        self.assertEqual(cancellation.date_effective, date(2025, 7, 1))
        # never after the contract's own end
        cancellation.date_received = date(2025, 12, 20)
        self.assertEqual(cancellation.date_effective, date(2025, 12, 31))

    def test_supervisor_overrides_the_date_with_a_reason(self):
        contract = self._simple_contract()
        cancellation = self._cancellation(contract)
        with self.assertRaises(UserError):
            cancellation.with_user(self.users["service_user"]).write(
                {
                    "date_effective_override": date(2025, 2, 15),
                    "override_reason": "Site closed",
                }
            )
        with self.assertRaises(ValidationError):
            cancellation.with_user(self.users["supervisor"]).write(
                {"date_effective_override": date(2025, 2, 15)}
            )
        cancellation.with_user(self.users["supervisor"]).write(
            {
                "date_effective_override": date(2025, 2, 15),
                "override_reason": "Site closed by the port authority",
            }
        )
        self.assertEqual(cancellation.date_effective_computed, date(2025, 3, 3))
        self.assertEqual(cancellation.date_effective, date(2025, 2, 15))

    def test_only_running_contracts_are_cancelled(self):
        contract = self._simple_contract(state="draft")
        with self.assertRaises(UserError):
            self._cancellation(contract)
