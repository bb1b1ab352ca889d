# covers: CAN-02
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestRetention(CancellationCase):
    def test_accepted_discount_amends_the_contract_instead_of_ending_it(self):
        contract = self._simple_contract()
        cancellation = self._cancellation(contract)
        cancellation.with_user(self.users["service_user"]).action_submit()
        cancellation.write(
            {
                "offer_type": "discount",
                "offer_discount": 20,
                "offer_note": "Loyalty discount for two years",
            }
        )
        user = self.users["service_user"]
        cancellation.with_user(user).action_retention_offer()
        self.assertEqual(cancellation.retention_outcome, "pending")
        cancellation.with_user(user).action_retention_accepted()
        self.assertEqual(cancellation.state, "retained")
        self.assertEqual(cancellation.retention_outcome, "accepted")
        self.assertEqual(cancellation.approval_state, "draft", "no approval pending")
        self.assertEqual(contract.line_ids.mapped("discount"), [20.0, 20.0])
        self.assertAlmostEqual(contract.amount_period, (100 + 31) * 0.8)
        self.assertEqual(contract.state, "active")
        self.assertFalse(contract.date_end)
        self.assertFalse(contract.terminated_on)
        # the line history (audit log) keeps the amendment
        logs = self.env["service.audit.log"].search(
            [
                ("res_model", "=", "service.contract.line"),
                ("res_id", "in", contract.line_ids.ids),
            ]
        )
        self.assertIn("Discount", " ".join(logs.mapped(lambda log: log.changes or "")))

    def test_accepted_downgrade_changes_the_service(self):
        contract = self._simple_contract()
        guard_line = contract.line_ids.filtered(
            lambda line: line.product_id == self.guard
        )
        cancellation = self._cancellation(
            contract,
            scope="lines",
            line_ids=guard_line.ids,
            offer_type="downgrade",
            offer_product_id=self.basic_guard.id,
        )
        cancellation.action_retention_accepted()
        self.assertEqual(guard_line.product_id, self.basic_guard)
        self.assertEqual(guard_line.price_unit, 70)
        self.assertEqual(cancellation.state, "retained")

    def test_refused_offer_lets_the_cancellation_go_on(self):
        contract = self._simple_contract()
        cancellation = self._cancellation(
            contract, offer_type="discount", offer_discount=10
        )
        cancellation.action_retention_refused()
        self.assertEqual(cancellation.retention_outcome, "refused")
        self._approve(cancellation)
        self.assertEqual(contract.line_ids.mapped("discount"), [0.0, 0.0])

    def test_an_offer_needs_its_terms(self):
        contract = self._simple_contract()
        with self.assertRaises(ValidationError):
            self._cancellation(contract, offer_type="discount", offer_discount=0)
        with self.assertRaises(ValidationError):
            self._cancellation(contract, offer_type="downgrade")
        cancellation = self._cancellation(contract)
        with self.assertRaises(UserError):
            cancellation.action_retention_accepted()

    def test_refused_approval_leaves_the_contract_untouched(self):
        contract = self._simple_contract()
        cancellation = self._cancellation(contract)
        cancellation.with_user(self.users["service_user"]).action_submit()
        cancellation.with_user(self.users["supervisor"]).action_reject(
            reason="Contract under dispute"
        )
        self.assertEqual(cancellation.state, "refused")
        self.assertFalse(contract.date_end)
        self.assertEqual(contract.state, "active")
