# covers: BAS-03, BAS-07
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestApprovalConfigurationUi(HttpCase):
    def test_manager_configures_an_approval_rule_from_settings(self):
        """From Services > Configuration > Settings a manager opens the
        approval rules and creates one with a level and its limit."""
        self.start_tour(
            "/odoo/action-service_base.service_config_settings_action",
            "service_base_configure_approvals",
            login="admin",
        )
        rule = self.env["service.approval.rule"].search(
            [("name", "=", "Discounts above limit")]
        )
        self.assertEqual(rule.model, "test.service.document")
        self.assertEqual(rule.level_ids.name, "Supervisor")
        self.assertEqual(rule.level_ids.amount_limit, 5000)
        self.assertEqual(
            rule.level_ids.group_id,
            self.env.ref("service_base.group_service_supervisor"),
        )
