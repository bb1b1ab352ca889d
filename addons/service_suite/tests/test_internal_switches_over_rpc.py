# covers: API-01, BAS-04
"""Internal switches (no audit line, no chatter tracking, billing-run
posting) are turned on by the running code, never by a caller's context:
keys sent over XML-RPC change nothing."""

from .common import RulesCase

QUIET_KEYS = {
    "service_audit_skip": True,
    "tracking_disable": True,
    "mail_notrack": True,
    "service_billing_run_posting": True,
    "service_request_postponed": True,
}


class TestInternalSwitchesOverRpc(RulesCase):
    def _audit(self, record):
        return self.env["service.audit.log"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_audit_skip_from_a_caller_still_audits_a_contract_line_price_change(self):
        line = self.contract.line_ids
        before = self._audit(line)
        __, fault = self.call(
            self.users["service_user"],
            "service.contract.line",
            "write",
            [line.id],
            {"price_unit": 1.0},
            context=QUIET_KEYS,
        )
        self.assertIsNone(fault)
        self.env.invalidate_all()
        self.assertEqual(line.price_unit, 1.0)
        logged = self._audit(line) - before
        self.assertEqual(logged.mapped("action"), ["write"])
        self.assertIn("Unit Price: 100.0 → 1.0", logged.changes)

    def test_tracking_disable_from_a_caller_still_tracks_the_contract_in_chatter(self):
        __, fault = self.call(
            self.users["service_user"],
            "service.contract",
            "write",
            [self.contract.id],
            {"notice_days": 45},
            context=QUIET_KEYS,
        )
        self.assertIsNone(fault)
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "service.contract"),
                ("mail_message_id.res_id", "=", self.contract.id),
                ("field_id.name", "=", "notice_days"),
            ]
        )
        self.assertEqual(tracked.mapped("new_value_integer"), [45])
        self.assertTrue(
            self._audit(self.contract).filtered(
                lambda log: "Notice Period: 30 → 45" in (log.changes or "")
            )
        )

    def test_postponement_key_from_a_caller_does_not_unlock_a_validated_request(self):
        self.request.with_user(self.users["service_user"]).action_validate()
        expected = self.request.date_expected
        self.assertRefused(
            self.users["service_user"],
            "service.request",
            "write",
            [self.request.id],
            {"date_expected": "2031-01-15 10:00:00"},
            context=QUIET_KEYS,
        )
        self.env.invalidate_all()
        self.assertEqual(self.request.date_expected, expected)
