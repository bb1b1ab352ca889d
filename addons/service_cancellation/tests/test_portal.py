# covers: CAN-01
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestCancellationPortal(CancellationCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.users["portal"]
        cls.portal_user.write({"login": "harbour_portal", "password": "harbour_portal"})
        cls.portal_user.partner_id.write(
            {"parent_id": cls.customer.id, "email": "desk@harbour.example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other customer", "service_is_customer": True}
        )

    def test_customer_requests_cancellation_from_his_contract_page(self):
        contract = self._simple_contract()
        self.start_tour(
            "/my/contracts",
            "service_cancellation_portal_customer",
            login="harbour_portal",
        )
        cancellation = contract.service_cancellation_ids
        self.assertEqual(len(cancellation), 1)
        self.assertEqual(cancellation.origin, "portal")
        self.assertEqual(cancellation.state, "waiting")
        self.assertEqual(cancellation.approval_state, "pending")
        self.assertEqual(cancellation.reason_id, self.reason_price)
        self.assertEqual(cancellation.reason_note, "We found a cheaper offer.")
        self.assertIn(self.portal_user.partner_id, cancellation.message_partner_ids)

    def test_customer_cannot_cancel_another_customers_contract(self):
        other = self._simple_contract(partner=self.other_customer)
        self.authenticate("harbour_portal", "harbour_portal")
        page = self.url_open(f"/my/contracts/{other.id}/cancel")
        self.assertNotIn("o_service_cancellation_form", page.text)
        own = self._simple_contract()
        form = self.url_open(f"/my/contracts/{own.id}/cancel")
        self.assertIn("o_service_cancellation_form", form.text)
        marker = 'name="csrf_token" value="'
        start = form.text.index(marker) + len(marker)
        csrf = form.text[start : form.text.index('"', start)]
        self.url_open(
            f"/my/contracts/{other.id}/cancel",
            data={"reason_id": self.reason_price.id, "csrf_token": csrf},
        )
        self.assertFalse(other.service_cancellation_ids)
        response = self.url_open(
            f"/my/contracts/{own.id}/cancel",
            data={"reason_id": "abc", "csrf_token": csrf},
        )
        self.assertIn("Reason: choose one of the reasons", response.text)
        self.assertFalse(own.service_cancellation_ids)

    def _portal_csrf(self, contract):
        form = self.url_open(f"/my/contracts/{contract.id}/cancel")
        marker = 'name="csrf_token" value="'
        start = form.text.index(marker) + len(marker)
        return form.text[start : form.text.index('"', start)]

    def test_portal_post_whose_approval_fails_leaves_no_cancellation(self):
        """Issue 16: the approval request failing after the portal created the
        cancellation left it waiting with no approval, approvable by nobody,
        and the customer could not file another. Now nothing is recorded, the
        customer reads why, and can post again once the rule is fixed."""
        contract = self._simple_contract()
        # the company's rule, whose only level may not authorise 131.00 a month
        Rule = self.env["service.approval.rule"]
        rule = Rule._find_rule("service.cancellation", self.company_a) or Rule.create(
            {
                "name": "Cancellation",
                "company_id": self.company_a.id,
                "model_id": self.env["ir.model"]._get_id("service.cancellation"),
            }
        )
        rule.level_ids = [
            Command.clear(),
            Command.create(
                {
                    "name": "Supervisor",
                    "group_id": self.env.ref(
                        "service_base.group_service_supervisor"
                    ).id,
                    "amount_limit": 1.0,
                }
            ),
        ]
        self.authenticate("harbour_portal", "harbour_portal")
        csrf = self._portal_csrf(contract)
        response = self.url_open(
            f"/my/contracts/{contract.id}/cancel",
            data={
                "reason_id": self.reason_price.id,
                "note": "Too expensive",
                "csrf_token": csrf,
            },
        )
        self.assertIn("Your cancellation was not recorded", response.text)
        self.assertIn("No level of the approval rule", response.text)
        contract.invalidate_recordset()
        self.assertFalse(
            self.env["service.cancellation"].search([("contract_id", "=", contract.id)])
        )
        self.assertTrue(contract._service_cancellable_in_portal())
        # the rule fixed, the customer's next post goes through
        rule.level_ids.amount_limit = 0
        response = self.url_open(
            f"/my/contracts/{contract.id}/cancel",
            data={"reason_id": self.reason_price.id, "csrf_token": csrf},
        )
        contract.invalidate_recordset()
        cancellation = contract.service_cancellation_ids
        self.assertEqual(len(cancellation), 1)
        self.assertEqual(cancellation.state, "waiting")
        self.assertEqual(cancellation.approval_state, "pending")
