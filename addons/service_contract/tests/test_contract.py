# covers: CON-01, CON-07, BAS-03, CUS-03
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestContract(ContractCase):
    def test_numbering_and_amount_per_period(self):
        contract = self._contract(state="draft")
        self.assertTrue(contract.name.startswith("CTR/"))
        # 100 fixed + 3 x 20 + formula line counted at 2.5 x 40
        self.assertAlmostEqual(contract.amount_period, 260.0)

    def test_contract_above_limit_waits_for_a_manager(self):
        self.env["service.approval.rule"].create(
            {
                "name": "Contracts",
                "model_id": self.env["ir.model"]._get_id("service.contract"),
                "min_amount": 200,
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Manager",
                            "group_id": self.env.ref(
                                "service_base.group_service_manager"
                            ).id,
                        },
                    )
                ],
            }
        )
        contract = self._contract(state="draft").with_user(self.users["service_user"])
        contract.action_confirm()
        self.assertEqual(contract.state, "waiting")
        with self.assertRaisesRegex(UserError, "not an approver"):
            contract.with_user(self.users["supervisor"]).action_approve()
        contract.with_user(self.users["manager"]).action_approve()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.next_billing_date, contract.date_start)

    def test_contract_below_threshold_activates_at_once(self):
        contract = self._contract(state="draft")
        contract.action_confirm()
        self.assertEqual(contract.state, "active")

    def test_frozen_customer_gets_no_new_contract(self):
        self.customer.with_user(self.users["supervisor"]).action_service_freeze(
            reason="Unpaid"
        )
        with self.assertRaisesRegex(UserError, "is frozen"):
            self._contract()

    def test_line_changes_are_kept_as_history(self):
        contract = self._contract()
        line = contract.line_ids.filtered(lambda line: line.product_id == self.patrol)
        line.with_user(self.users["service_user"]).write({"quantity": 5})
        log = self.env["service.audit.log"].search(
            [
                ("res_model", "=", "service.contract.line"),
                ("res_id", "=", line.id),
                ("action", "=", "write"),
            ]
        )
        self.assertEqual(log.changes, "Quantity: 3.0 → 5.0")
        self.assertEqual(log.user_id, self.users["service_user"])

    def test_formula_service_needs_a_formula(self):
        with self.assertRaisesRegex(ValidationError, "Formula: 'Event guarding'"):
            self.env["service.contract"].create(
                {
                    "partner_id": self.customer.id,
                    "line_ids": [(0, 0, {"product_id": self.event.id})],
                }
            )

    def test_inputs_must_be_declared_by_the_formula(self):
        contract = self._contract()
        with self.assertRaisesRegex(ValidationError, "'guards' is not an input"):
            self.env["service.contract.input"].create(
                {
                    "line_id": contract.line_ids.filtered("formula_id").id,
                    "period_start": contract.date_start,
                    "name": "guards",
                    "value": 1,
                }
            )

    def test_terminate_moves_the_end_and_ends_the_contract(self):
        # covers: CON-04 (hook used by CAN-02 and AGT-03)
        contract = self._contract(months_ago=1)
        last_day = self.month_start - relativedelta(days=1)
        contract._service_terminate(last_day, "Moved abroad")
        self.assertEqual(contract.date_end, last_day)
        self.assertEqual(contract.terminated_on, last_day)
        self.assertEqual(contract.termination_reason, "Moved abroad")
        self.assertEqual(contract.state, "ended")
        with self.assertRaisesRegex(UserError, "cannot be terminated again"):
            contract._service_terminate(self.today)
        later = self._contract(months_ago=0)
        later._service_terminate(self.today + relativedelta(days=40))
        self.assertEqual(later.state, "active")
        self.assertEqual(later.date_end, self.today + relativedelta(days=40))

    def test_staff_without_invoicing_rights_open_the_contract(self):
        contract = self._contract()
        user = self.users["service_user"]
        self.assertEqual(contract.with_user(user).invoice_count, 0)
        arch = (
            self.env["service.contract"]
            .with_user(user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("action_view_invoices", arch)
