# covers: BAS-03, BAS-04
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestApprovalEngine(ServiceCase):
    """Three levels with limits of authorization, on a stand-in document.

    Level 1 "Supervisor" authorises up to 10,000 (junior supervisor: 2,000
    personal limit); level 2 "Manager" up to 100,000; level 3 "Director"
    without limit. Documents under 500 need no approval.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make = cls._make_user
        cls.requester = cls.users["service_user"]
        cls.junior = make(
            "junior_sup", "service_base.group_service_supervisor", cls.company_a
        )
        cls.senior = cls.users["supervisor"]
        cls.manager = cls.users["manager"]
        cls.director = make(
            "director", "service_base.group_service_user", cls.company_a
        )
        cls.rule = cls.env["service.approval.rule"].create(
            {
                "name": "Test documents",
                "model_id": cls.env["ir.model"]._get_id("test.service.document"),
                "min_amount": 500,
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": 1,
                            "name": "Supervisor",
                            "group_id": cls.env.ref(
                                "service_base.group_service_supervisor"
                            ).id,
                            "amount_limit": 10_000,
                            "approver_ids": [
                                (
                                    0,
                                    0,
                                    {"user_id": cls.junior.id, "amount_limit": 2_000},
                                )
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 2,
                            "name": "Manager",
                            "group_id": cls.env.ref(
                                "service_base.group_service_manager"
                            ).id,
                            "amount_limit": 100_000,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "sequence": 3,
                            "name": "Director",
                            "approver_ids": [(0, 0, {"user_id": cls.director.id})],
                        },
                    ),
                ],
            }
        )
        cls.level_1, cls.level_2, cls.level_3 = cls.rule.level_ids.sorted("sequence")

    def _document(self, amount):
        document = (
            self.env["test.service.document"]
            .with_user(self.requester)
            .create({"name": f"Doc {amount}", "amount": amount})
        )
        document.action_request_approval()
        return document

    def _decisions(self, document):
        return [
            (entry.decision, entry.level_name, entry.user_id)
            for entry in document.approval_entry_ids.sorted("id")
        ]

    def test_below_rule_threshold_is_approved_without_anybody(self):
        document = self._document(300)
        self.assertEqual(document.approval_state, "approved")
        self.assertEqual(document.state, "confirmed")

    def test_small_amount_needs_first_level_only(self):
        document = self._document(1_500)
        self.assertEqual(document.approval_level_id, self.level_1)
        document.with_user(self.junior).action_approve()
        self.assertEqual(document.approval_state, "approved")
        self.assertEqual(document.state, "confirmed")
        self.assertEqual(
            self._decisions(document),
            [
                ("request", False, self.requester),
                ("approve", "Supervisor", self.junior),
            ],
        )

    def test_approver_refused_above_his_personal_limit(self):
        """The junior supervisor (limit 2,000) cannot approve 5,000; a senior
        supervisor of the same level can, and the document is then approved."""
        document = self._document(5_000)
        with self.assertRaisesRegex(UserError, "above your approval limit"):
            document.with_user(self.junior).action_approve()
        self.assertEqual(document.approval_state, "pending")
        self.assertEqual(document.approval_level_id, self.level_1)
        document.with_user(self.senior).action_approve()
        self.assertEqual(document.approval_state, "approved")

    def test_amount_above_a_level_limit_climbs_to_next_level(self):
        document = self._document(50_000)
        document.with_user(self.senior).action_approve()
        self.assertEqual(document.approval_state, "pending")
        self.assertEqual(document.approval_level_id, self.level_2)
        with self.assertRaisesRegex(UserError, "not an approver of level 'Manager'"):
            document.with_user(self.junior).action_approve()
        document.with_user(self.manager).action_approve()
        self.assertEqual(document.approval_state, "approved")
        self.assertEqual(document.state, "confirmed")

    def test_three_levels_for_the_largest_amounts(self):
        document = self._document(500_000)
        document.with_user(self.senior).action_approve()
        document.with_user(self.manager).action_approve()
        self.assertEqual(document.approval_level_id, self.level_3)
        other_manager = self._make_user(
            "manager2", "service_base.group_service_manager", self.company_a
        )
        with self.assertRaisesRegex(UserError, "not an approver of level 'Director'"):
            document.with_user(other_manager).action_approve()
        document.with_user(self.director).action_approve()
        self.assertEqual(document.approval_state, "approved")
        self.assertEqual(
            [d[:2] for d in self._decisions(document)],
            [
                ("request", False),
                ("approve", "Supervisor"),
                ("approve", "Manager"),
                ("approve", "Director"),
            ],
        )
        audit = self.env["service.audit.log"].search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)]
        )
        self.assertEqual(
            sorted(audit.mapped("action")),
            ["approve", "approve", "approve", "create", "request", "write"],
        )
        self.assertEqual(
            audit.filtered(lambda line: line.action == "write").changes,
            "State: Draft → Confirmed",
        )

    def test_nobody_approves_twice_and_not_his_own_request(self):
        document = self._document(50_000)
        document.with_user(self.manager).action_approve()  # level 1, as supervisor
        with self.assertRaisesRegex(UserError, "already approved another level"):
            document.with_user(self.manager).action_approve()
        own = (
            self.env["test.service.document"]
            .with_user(self.senior)
            .create({"name": "Own", "amount": 1_000})
        )
        own.action_request_approval()
        with self.assertRaisesRegex(UserError, "requested the approval"):
            own.with_user(self.senior).action_approve()

    def test_reject_then_request_again(self):
        document = self._document(50_000)
        document.with_user(self.senior).action_approve()
        document.with_user(self.manager).action_reject(reason="Price too high")
        self.assertEqual(document.approval_state, "rejected")
        self.assertFalse(document.approval_level_id)
        self.assertEqual(document.approval_entry_ids[:1].reason, "Price too high")
        self.assertIn("Price too high", document.message_ids[:1].body)
        document.with_user(self.requester).write({"amount": 4_000})
        document.with_user(self.requester).action_request_approval()
        self.assertEqual(document.approval_level_id, self.level_1)

    def test_reject_wizard_requires_a_reason(self):
        document = self._document(5_000)
        action = document.with_user(self.senior).action_reject()
        self.assertEqual(action["res_model"], "service.approval.reject.wizard")
        wizard = (
            self.env["service.approval.reject.wizard"]
            .with_user(self.senior)
            .with_context(**action["context"])
            .create({"reason": "No budget"})
        )
        wizard.action_confirm()
        self.assertEqual(document.approval_state, "rejected")

    def test_approvers_get_an_activity_closed_on_decision(self):
        document = self._document(5_000)
        activity_type = self.env.ref("service_base.mail_activity_type_service_approval")
        pending = document.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertIn(self.senior, pending.user_id)
        self.assertNotIn(self.requester, pending.user_id)
        document.with_user(self.senior).action_approve()
        self.assertFalse(
            document.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
        )

    def test_reset_of_an_approved_document_is_for_managers(self):
        document = self._document(1_000)
        document.with_user(self.senior).action_approve()
        with self.assertRaisesRegex(UserError, "Only a Services manager"):
            document.with_user(self.requester).action_reset_approval()
        document.with_user(self.manager).action_reset_approval()
        self.assertEqual(document.approval_state, "draft")

    def test_limit_too_low_everywhere_is_refused_at_request(self):
        self.level_3.unlink()
        with self.assertRaisesRegex(UserError, "may authorise this amount"):
            self._document(500_000)

    def test_rule_of_another_company_does_not_apply(self):
        document = (
            self.env["test.service.document"]
            .with_user(self.manager_b)
            .create(
                {"name": "B doc", "amount": 50_000, "company_id": self.company_b.id}
            )
        )
        document.action_request_approval()
        self.assertEqual(document.approval_state, "approved")

    def test_rules_of_company_a_are_invisible_to_company_b(self):
        """Rules, levels and named approvers follow the company rules."""
        for record in (self.rule, self.level_1, self.level_1.approver_ids):
            with self.subTest(model=record._name):
                self.assertIsolated(record, self.manager_b)

    def test_rule_configuration_errors_name_the_field(self):
        with self.assertRaisesRegex(
            ValidationError, "Approver Group / Named Approvers"
        ):
            self.env["service.approval.level"].create(
                {"rule_id": self.rule.id, "name": "Nobody"}
            )
        with self.assertRaisesRegex(ValidationError, "does not support approvals"):
            self.env["service.approval.rule"].create(
                {
                    "name": "Partners",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "company_id": self.company_b.id,
                    "level_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "L",
                                "group_id": self.env.ref("base.group_user").id,
                            },
                        )
                    ],
                }
            )
