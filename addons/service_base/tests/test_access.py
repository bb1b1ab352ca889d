# covers: BAS-01, BAS-02
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceCase

# model -> role -> rights (r=read, w=write, c=create, u=unlink)
MATRIX = {
    "service.approval.rule": {
        "internal": "",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.approval.level": {
        "internal": "",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.approval.approver": {
        "internal": "",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.approval.entry": {
        "internal": "",
        "service_user": "r",
        "supervisor": "r",
        "manager": "r",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.audit.log": {
        "internal": "",
        "service_user": "",
        "supervisor": "r",
        "manager": "r",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.sms.gateway": {
        "internal": "",
        "service_user": "",
        "supervisor": "",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.sms.message": {
        "internal": "",
        "service_user": "",
        "supervisor": "r",
        "manager": "rwu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.notification.template": {
        "internal": "",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
}


@tagged("post_install", "-at_install")
class TestServiceBaseAccess(ServiceCase):
    def test_access_matrix_per_group(self):
        """Every model of service_base gives each role exactly its rights."""
        self.assertMatrix(MATRIX)

    def test_roles_are_a_chain(self):
        """Manager implies supervisor implies service user (BAS-02)."""
        manager = self.users["manager"]
        self.assertTrue(manager.has_group("service_base.group_service_supervisor"))
        self.assertTrue(manager.has_group("service_base.group_service_user"))
        self.assertFalse(
            self.users["service_user"].has_group(
                "service_base.group_service_supervisor"
            )
        )
        self.assertFalse(
            self.users["collector"].has_group("service_base.group_service_user")
        )

    def test_services_menu_per_role(self):
        """The Services app shows to service roles, not to plain employees;
        its configuration only to managers. Collectors and agents get their
        menus from the collection and commission addons: without them the app
        has nothing for them and stays hidden."""
        root = self.env.ref("service_base.menu_service_root")
        config = self.env.ref("service_base.menu_service_config")
        menus = self.env["ir.ui.menu"]
        installed = set(
            self.env["ir.module.module"]
            .search(
                [
                    ("state", "=", "installed"),
                    ("name", "in", ["service_collection", "service_commission"]),
                ]
            )
            .mapped("name")
        )
        for role, sees_root, sees_config in (
            ("internal", False, False),
            ("service_user", True, False),
            ("collector", "service_collection" in installed, False),
            ("agent", "service_commission" in installed, False),
            ("manager", True, True),
        ):
            with self.subTest(role=role):
                visible = menus.with_user(self.users[role])._visible_menu_ids()
                self.assertEqual(root.id in visible, sees_root)
                self.assertEqual(config.id in visible, sees_config)

    def test_audit_log_is_immutable_even_for_managers(self):
        """Nobody edits or deletes the audit trail through the ORM (BAS-04)."""
        line = self.env["service.audit.log"]._log(self.users["manager"], "write")
        manager_line = line.with_user(self.users["manager"])
        with self.assertRaises(AccessError):
            manager_line.write({"note": "tampered"})
        with self.assertRaises(AccessError):
            manager_line.unlink()
        with self.assertRaises(AccessError):
            self.env["service.audit.log"].with_user(self.users["manager"]).create(
                {
                    "user_id": self.users["manager"].id,
                    "company_id": self.company_a.id,
                    "res_model": "res.users",
                    "res_id": 1,
                    "action": "write",
                }
            )

    def test_every_model_is_isolated_by_company(self):
        """A manager of company B finds none of company A's gateways, SMS,
        templates, approval decisions or audit lines, and can neither read nor
        change them (BAS-01). Rules and levels: test_service_suite."""
        gateway = self.env["service.sms.gateway"].create({"name": "A gateway"})
        records = [
            gateway,
            self.env["service.sms.message"].create(
                {"company_id": self.company_a.id, "number": "+39333", "body": "x"}
            ),
            self.env["service.notification.template"].create(
                {
                    "name": "A template",
                    "code": "a",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "partner_field": "commercial_partner_id",
                    "channel": "sms",
                    "sms_body": "x",
                }
            ),
            self.env["service.approval.entry"].create(
                {
                    "company_id": self.company_a.id,
                    "res_model": "service.sms.gateway",
                    "res_id": gateway.id,
                    "user_id": self.users["manager"].id,
                    "decision": "approve",
                }
            ),
            self.env["service.audit.log"]._log(gateway, "write"),
        ]
        for record in records:
            with self.subTest(model=record._name):
                self.assertIsolated(record, self.manager_b)

    def test_company_isolation_of_configuration(self):
        """A manager of company B neither reads nor edits company A's approval
        rules, gateways, templates or audit log (BAS-01)."""
        gateway_a = self.env["service.sms.gateway"].create(
            {"name": "A gateway", "company_id": self.company_a.id}
        )
        log_a = self.env["service.audit.log"]._log(gateway_a, "write")
        env_b = self.env(user=self.manager_b)
        self.assertFalse(
            env_b["service.sms.gateway"].search([("id", "=", gateway_a.id)])
        )
        self.assertFalse(env_b["service.audit.log"].search([("id", "=", log_a.id)]))
        with self.assertRaises(AccessError):
            gateway_a.with_user(self.manager_b).read(["name"])
        with self.assertRaises(AccessError):
            gateway_a.with_user(self.manager_b).write({"name": "hijacked"})
        self.assertEqual(gateway_a.name, "A gateway")
