# covers: API-01, CON-01, CUS-03, REQ-11, CAN-02
"""Issue 16 reproductions by a plain Services user (a technician) and a
supervisor over XML-RPC: workflow and control fields change only through the
documents' own actions, which check the caller's group and the state."""

from odoo import fields

from .common import RulesCase


class TestWorkflowFieldsOverRpc(RulesCase):
    def test_technician_cannot_create_an_active_unapproved_contract_billed_next_run(
        self,
    ):
        technician = self.users["service_user"]
        Contract = self.env["service.contract"]
        count = Contract.search_count([])
        vals = {
            "partner_id": self.customer.id,
            "state": "active",
            "next_billing_date": fields.Date.to_string(self.today),
            "line_ids": [(0, 0, {"product_id": self.product.id, "price_unit": 99999})],
        }
        fault = self.assertRefused(technician, "service.contract", "create", vals)
        self.assertIn("State of Service Contract", fault)
        self.assertEqual(Contract.search_count([]), count)
        # a draft goes through, but cannot be activated without the approval
        contract_id, __ = self.call(
            technician,
            "service.contract",
            "create",
            {
                "partner_id": self.customer.id,
                "line_ids": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 99999})
                ],
            },
        )
        self.assertTrue(contract_id)
        self.assertRefused(
            technician, "service.contract", "write", [contract_id], {"state": "active"}
        )
        self.assertRefused(
            technician,
            "service.contract",
            "write",
            [contract_id],
            {"next_billing_date": fields.Date.to_string(self.today)},
        )
        self.assertRefused(
            technician, "service.contract", "action_activate", [contract_id]
        )
        contract = Contract.browse(contract_id)
        self.assertEqual(contract.state, "draft")
        self.assertFalse(contract.next_billing_date)
        # the billing run finds nothing of it to bill
        run = self.env["service.billing.run"].create({"date_until": self.today})
        run.with_user(self.users["supervisor"]).action_run()
        self.assertFalse(
            run.invoice_ids.filtered(lambda m: m.service_contract_id == contract)
        )

    def test_technician_cannot_unfreeze_a_frozen_customer_by_writing_the_flag(self):
        self.customer.with_user(self.users["supervisor"]).action_service_freeze(
            reason="Unpaid for six months"
        )
        technician = self.users["service_user"]
        fault = self.assertRefused(
            technician,
            "res.partner",
            "write",
            [self.customer.id],
            {"service_frozen": False},
        )
        self.assertIn("Frozen", fault)
        self.assertRefused(
            technician, "res.partner", "action_service_unfreeze", [self.customer.id]
        )
        self.env.invalidate_all()
        self.assertTrue(self.customer.service_frozen)
        self.assertEqual(self.customer.service_frozen_reason, "Unpaid for six months")
        # the supervisor's button does it
        __, fault = self.call(
            self.users["supervisor"],
            "res.partner",
            "action_service_unfreeze",
            [self.customer.id],
        )
        self.assertIsNone(fault)
        self.env.invalidate_all()
        self.assertFalse(self.customer.service_frozen)

    def test_technician_cannot_approve_a_request_discount_by_writing_approval_state(
        self,
    ):
        technician = self.users["service_user"]
        fault = self.assertRefused(
            technician,
            "service.request",
            "write",
            [self.request.id],
            {"approval_state": "approved"},
        )
        self.assertIn("cannot be set directly", fault)
        self.env.invalidate_all()
        self.assertEqual(self.request.approval_state, "draft")
        self.assertFalse(
            self.env["service.approval.entry"].search(
                [
                    ("res_model", "=", "service.request"),
                    ("res_id", "=", self.request.id),
                ]
            )
        )

    def test_cancellation_state_approved_by_write_neither_ends_nor_credits(self):
        cancellation, __ = self.documents["service.cancellation"]
        for role in ("service_user", "supervisor", "manager"):
            self.assertRefused(
                self.users[role],
                "service.cancellation",
                "write",
                [cancellation.id],
                {"state": "approved"},
            )
        self.env.invalidate_all()
        self.assertEqual(cancellation.state, "draft")
        # the daily job has nothing to apply: the contract runs on, uncredited
        self.env["service.cancellation"]._cron_apply(today=self.today)
        self.env.invalidate_all()
        self.assertEqual(self.contract.state, "active")
        self.assertFalse(self.contract.terminated_on)
        self.assertFalse(cancellation.sudo().credit_note_id)
