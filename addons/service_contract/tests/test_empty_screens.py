# covers: CON-04
"""Billing Runs and Collection Rounds say what they are for when empty
(issue 17), instead of Odoo's generic empty screen."""

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestEmptyScreens(ContractCase):
    def test_billing_runs_explain_themselves_when_empty(self):
        action = self.env.ref("service_contract.service_billing_run_action")
        self.assertIn("No billing run yet", action.help)
        self.assertIn("held", action.help)
