# covers: VIS-02
"""Plan Visits tells the user when there is nothing to plan (issue 17):
a notification, not an empty list opened silently."""

from datetime import date

from odoo.tests import tagged

from .common import VisitCase


@tagged("post_install", "-at_install")
class TestPlanVisitsFeedback(VisitCase):
    def test_plan_visits_with_nothing_to_plan_says_so(self):
        contract = self._visit_contract(date.today())
        first = contract.action_generate_visits()
        self.assertEqual(first["res_model"], "service.visit")
        planned = self.env["service.visit"].search([("contract_id", "=", contract.id)])
        self.assertTrue(planned)
        # a second click finds everything planned: a notification says so
        again = contract.action_generate_visits()
        self.assertEqual(again["type"], "ir.actions.client")
        self.assertEqual(again["tag"], "display_notification")
        self.assertEqual(again["params"]["title"], "Nothing to plan")
        self.assertEqual(
            self.env["service.visit"].search([("contract_id", "=", contract.id)]),
            planned,
        )

    def test_contract_without_visit_frequency_says_nothing_to_plan(self):
        contract = self._visit_contract(date.today(), visit_frequency="none")
        action = contract.action_generate_visits()
        self.assertEqual(action["tag"], "display_notification")
        self.assertFalse(
            self.env["service.visit"].search([("contract_id", "=", contract.id)])
        )
