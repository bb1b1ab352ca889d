# covers: UTL-01
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import UtilityCase


@tagged("post_install", "-at_install")
class TestPointOnOneActiveContract(UtilityCase):
    def test_point_never_on_two_active_contracts_of_the_same_service(self):
        first = self._metered_contract()
        with self.assertRaises(ValidationError) as caught:
            self._metered_contract(start=date(2026, 6, 1))
        self.assertIn("IT001E12345678", str(caught.exception))
        self.assertIn(first.name, str(caught.exception))
        self.assertEqual(self.point.line_ids.contract_id, first)

    def test_draft_waits_and_confirming_it_is_refused_while_the_other_runs(self):
        self._metered_contract()
        draft = self._metered_contract(start=date(2026, 6, 1), state="draft")
        with self.assertRaises(ValidationError):
            draft.action_confirm()
        draft.invalidate_recordset()
        self.assertEqual(draft.state, "draft")

    def test_successive_contracts_and_other_services_are_allowed(self):
        self._metered_contract(date_end=date(2026, 5, 31))
        later = self._metered_contract(start=date(2026, 6, 1))
        self.assertEqual(later.state, "active")
        other_service = self._contract(
            months_ago=1,
            line_ids=[
                (
                    0,
                    0,
                    {
                        "product_id": self.guard.id,
                        "supply_point_id": self.point.id,
                    },
                )
            ],
        )
        self.assertEqual(other_service.state, "active")
