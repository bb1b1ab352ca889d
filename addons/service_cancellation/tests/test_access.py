# covers: CAN-01, CAN-02
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestCancellationAccess(CancellationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.users["portal"]
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other customer", "service_is_customer": True}
        )

    def test_rights_per_role(self):
        self.assertMatrix(
            {
                "service.cancellation": {
                    "internal": "",
                    "service_user": "rwc",
                    "supervisor": "rwc",
                    "manager": "rwcu",
                    "portal": "r",
                },
                "service.cancellation.reason": {
                    "service_user": "r",
                    "manager": "rwcu",
                    "portal": "r",
                },
                "service.cancellation.report": {
                    "service_user": "",
                    "supervisor": "r",
                    "portal": "",
                },
            }
        )

    def test_other_company_sees_nothing(self):
        cancellation = self._cancellation(self._simple_contract())
        self.assertIsolated(cancellation, self.manager_b)

    def test_company_b_cancels_its_own_contracts_only(self):
        customer_b = self.env["res.partner"].create(
            {"name": "Customer B", "company_id": self.company_b.id}
        )
        contract_b = (
            self.env["service.contract"]
            .with_company(self.company_b)
            .create(
                {
                    "partner_id": customer_b.id,
                    "company_id": self.company_b.id,
                    "state": "active",
                    "line_ids": [(0, 0, {"product_id": self.basic_guard.id})],
                }
            )
        )
        cancellation = (
            self.env["service.cancellation"]
            .with_user(self.manager_b)
            .with_company(self.company_b)
            .create({"contract_id": contract_b.id, "reason_id": self.reason_price.id})
        )
        self.assertEqual(cancellation.company_id, self.company_b)
        with self.assertRaises(AccessError):
            self.env["service.cancellation"].with_user(self.manager_b).create(
                {
                    "contract_id": self._simple_contract().id,
                    "reason_id": self.reason_price.id,
                }
            )
        # each company's approval rule: company B's manager approves his own
        cancellation.with_user(self.manager_b).action_submit()
        self.assertEqual(cancellation.approval_rule_id.company_id, self.company_b)

    def test_only_a_supervisor_approves(self):
        cancellation = self._cancellation(self._simple_contract())
        cancellation.with_user(self.users["service_user"]).action_submit()
        with self.assertRaises(UserError):
            cancellation.with_user(self.users["service_user"]).action_approve()
        with self.assertRaises(UserError):
            cancellation.with_user(self.users["service_user"]).action_apply()
        cancellation.with_user(self.users["supervisor"]).action_approve()
        self.assertEqual(cancellation.state, "approved")

    def test_portal_customer_sees_only_his_own_cancellations(self):
        own = self._cancellation(self._simple_contract())
        other = self._cancellation(self._simple_contract(partner=self.other_customer))
        Cancellation = self.env["service.cancellation"].with_user(self.portal_user)
        self.assertEqual(Cancellation.search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            Cancellation.create(
                {"contract_id": own.contract_id.id, "reason_id": self.reason_price.id}
            )
        with self.assertRaises(AccessError):
            own.with_user(self.portal_user).write({"reason_note": "changed"})

    def test_only_drafts_are_deleted(self):
        cancellation = self._approve(self._cancellation(self._simple_contract()))
        with self.assertRaises(UserError):
            cancellation.with_user(self.users["manager"]).unlink()
