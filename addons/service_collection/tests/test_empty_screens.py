# covers: COL-03
"""Collection Rounds say what a round is when the list is empty (issue
17), instead of Odoo's generic empty screen."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCollectionEmptyScreens(TransactionCase):
    def test_collection_rounds_explain_themselves_when_empty(self):
        action = self.env.ref("service_collection.service_collection_round_action")
        self.assertIn("Plan a collection round", action.help)
        self.assertIn("cashier", action.help)
