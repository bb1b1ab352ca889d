# covers: BAS-03, CON-05
"""Generated messages are written in their reader's language, not their
author's (issue 17): an Arabic-speaking author's action leaves an English
approver an "Approve (Supervisor)" activity in English, and the company's
staff read billing summaries and held reasons in the company's language."""

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestMessagesLanguage(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["ir.module.module"]._load_module_terms(
            ["service_base", "service_contract"], ["ar_001"], overwrite=True
        )
        cls.company_a.partner_id.lang = "en_US"
        cls.author = cls.users["service_user"]
        cls.author.lang = "ar_001"
        cls.approver = cls.users["supervisor"]
        cls.approver.lang = "en_US"
        cls.env["service.approval.rule"].search(
            [("model", "=", "service.contract"), ("company_id", "=", cls.company_a.id)]
        ).action_archive()
        cls.env["service.approval.rule"].create(
            {
                "name": "Every contract",
                "company_id": cls.company_a.id,
                "model_id": cls.env["ir.model"]._get_id("service.contract"),
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Supervisor",
                            "group_id": cls.env.ref(
                                "service_base.group_service_supervisor"
                            ).id,
                        },
                    )
                ],
            }
        )

    def test_arabic_author_english_approver_reads_english(self):
        contract = self._contract(state="draft", months_ago=0)
        contract.with_user(self.author).with_context(lang="ar_001").action_confirm()
        self.assertEqual(contract.approval_state, "pending")
        activity = contract.activity_ids.filtered(
            lambda activity: activity.user_id == self.approver
        )
        self.assertEqual(activity.summary, "Approve (Supervisor)")
        # the chatter line, read by the company's staff, in English too
        bodies = " ".join(contract.message_ids.mapped("body"))
        self.assertIn("Approval requested", bodies)

    def test_arabic_approver_reads_arabic(self):
        self.approver.lang = "ar_001"
        contract = self._contract(state="draft", months_ago=0)
        contract.with_user(self.author).with_context(lang="ar_001").action_confirm()
        activity = contract.activity_ids.filtered(
            lambda activity: activity.user_id == self.approver
        )
        self.assertTrue(activity.summary.startswith("الموافقة"), activity.summary)

    def test_billing_summary_and_held_reason_in_the_company_language(self):
        contract = self._contract(months_ago=0)  # its formula inputs missing
        supervisor = self.approver
        supervisor.lang = "ar_001"
        run = self.env["service.billing.run"].create(
            {"date_until": contract.date_start, "company_id": self.company_a.id}
        )
        run.with_user(supervisor).with_context(lang="ar_001").action_run()
        self.assertEqual(run.held_count, 1)
        self.assertIn("input(s) hours, rate missing", run.issue_ids.message)
        summary = run.message_ids[:1].body
        self.assertIn("invoice(s) for", summary)
        # an Arabic company reads them in Arabic
        self.company_a.partner_id.lang = "ar_001"
        second = self.env["service.billing.run"].create(
            {"date_until": contract.date_start, "company_id": self.company_a.id}
        )
        second.with_user(supervisor).with_context(lang="en_US").action_run()
        self.assertNotIn("invoice(s) for", second.message_ids[:1].body)
        self.assertIn("فاتورة", second.message_ids[:1].body)
