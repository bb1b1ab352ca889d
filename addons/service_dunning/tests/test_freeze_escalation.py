# covers: DUN-01, CUS-03, API-01
"""The last level's "freeze the customer" goes through service_customer's
one internal freeze: the dunning run (a system job whose scenario an
accountant configured) and the supervisor's Freeze button write the same
fields, the same chatter message and the same audit line. The internal
method is not reachable over XML-RPC, so a plain user cannot freeze through
it."""

import xmlrpc.client

from odoo.tests import HttpCase, tagged

from .common import DunningCase


@tagged("post_install", "-at_install")
class TestDunningFreezeEscalation(DunningCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.level_3.escalation = "freeze"
        cls.users["service_user"].write(
            {"login": "freeze_user", "password": "user-Secret-2026"}
        )
        cls.accountant.write(
            {"login": "freeze_accountant", "password": "accountant-Secret-2026"}
        )

    def _freeze_trace(self, partner):
        """What a freeze leaves: the fields, the last chatter body, the audit."""
        self.env.invalidate_all()
        message = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("body", "ilike", "Customer frozen"),
            ]
        )
        audit = self.env["service.audit.log"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("note", "=", partner.service_frozen_reason),
            ]
        )
        return partner.service_frozen, message, audit

    def test_dunning_last_level_freezes_like_the_supervisor_button(self):
        self._invoice(self.customer, 200, days_late=70)
        self._dunning_run()
        frozen, message, audit = self._freeze_trace(self.customer)
        self.assertTrue(frozen)
        self.assertIn("Final notice", self.customer.service_frozen_reason)
        self.assertEqual(self.customer.service_frozen_by_id, self.accountant)
        self.assertTrue(self.customer.service_frozen_date)
        self.assertEqual(len(message), 1)
        self.assertIn(self.customer.service_frozen_reason, message.body)
        self.assertEqual(len(audit), 1)
        # the supervisor's button on the second customer leaves the same trace
        supervisor = self.users["supervisor"]
        self.customer_2.with_user(supervisor).action_service_freeze(
            reason="Unpaid for six months"
        )
        frozen, message, audit = self._freeze_trace(self.customer_2)
        self.assertTrue(frozen)
        self.assertEqual(self.customer_2.service_frozen_by_id, supervisor)
        self.assertEqual(len(message), 1)
        self.assertIn("Unpaid for six months", message.body)
        self.assertEqual(len(audit), 1)

    def test_rerun_does_not_freeze_twice(self):
        self._invoice(self.customer, 200, days_late=70)
        self._dunning_run()
        self._dunning_run()
        __, message, audit = self._freeze_trace(self.customer)
        self.assertEqual(len(message), 1)
        self.assertEqual(len(audit), 1)

    def test_plain_user_cannot_freeze_by_button_or_internal_method(self):
        url = f"{self.base_url()}/xmlrpc/2/object"
        db = self.env.cr.dbname
        for login, password in (
            ("freeze_user", "user-Secret-2026"),
            ("freeze_accountant", "accountant-Secret-2026"),
        ):
            uid = self.env["res.users"].search([("login", "=", login)]).id
            with self.allow_requests(all_requests=True):
                proxy = xmlrpc.client.ServerProxy(url, allow_none=True)
                # the leading underscore: not callable over RPC at all
                with self.assertRaises(xmlrpc.client.Fault) as refused:
                    proxy.execute_kw(
                        db,
                        uid,
                        password,
                        "res.partner",
                        "_service_freeze",
                        [[self.customer.id], "by RPC"],
                    )
                self.assertIn("Private methods", refused.exception.faultString)
                # the button checks the supervisor group
                with self.assertRaises(xmlrpc.client.Fault) as refused:
                    proxy.execute_kw(
                        db,
                        uid,
                        password,
                        "res.partner",
                        "action_service_freeze",
                        [[self.customer.id], "by RPC"],
                    )
                self.assertIn("supervisor", refused.exception.faultString)
        self.env.invalidate_all()
        self.assertFalse(self.customer.service_frozen)
