# covers: BAS-08, API-01
"""An SMS gateway's token goes only where an administrator sent it: over
XML-RPC a Services manager cannot change the URL, method, provider or header
of a gateway that carries a token; an administrator can (issue 16)."""

import xmlrpc.client

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

ADMIN_URL = "https://sms.example.com/api/send"


@tagged("post_install", "-at_install")
class TestSmsGatewayTokenRoute(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = get_db_name()
        cls.password = "Gateway-Secret-2026"
        cls.manager = new_test_user(
            cls.env,
            login="gateway_manager",
            password=cls.password,
            groups="service_base.group_service_manager",
        )
        cls.administrator = new_test_user(
            cls.env,
            login="gateway_admin",
            password=cls.password,
            groups="base.group_system,service_base.group_service_manager",
        )
        cls.gateway = cls.env["service.sms.gateway"].create(
            {
                "name": "KSA - STC",
                "provider": "http",
                "url": ADMIN_URL,
                "http_method": "post_json",
                "auth_token": "Bearer admin-only-token",
            }
        )

    def _call(self, user, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.db,
            user.id,
            self.password,
            "service.sms.gateway",
            method,
            list(args),
            kwargs,
        )

    def _route(self):
        self.gateway.invalidate_recordset()
        return (self.gateway.provider, self.gateway.url, self.gateway.http_method)

    def test_manager_cannot_redirect_a_gateway_carrying_a_token(self):
        for values in (
            {"url": "https://attacker.example.net/collect"},
            {"http_method": "get"},
            {"provider": "test"},
            {"url": "https://attacker.example.net/collect", "sender_id": "X"},
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(xmlrpc.client.Fault, "only an administrator"),
            ):
                self._call(self.manager, "write", [self.gateway.id], values)
            self.assertEqual(self._route(), ("http", ADMIN_URL, "post_json"))
        self.assertFalse(self.gateway.sender_id)
        # what does not move the token stays the manager's to set
        self._call(self.manager, "write", [self.gateway.id], {"sender_id": "GUARDS"})
        self.gateway.invalidate_recordset()
        self.assertEqual(self.gateway.sender_id, "GUARDS")
        # and so does the address of a gateway without a token
        own_id = self._call(
            self.manager,
            "create",
            {"name": "Manager's gateway", "provider": "http", "url": ADMIN_URL},
        )
        self._call(self.manager, "write", [own_id], {"url": ADMIN_URL + "/v2"})
        own = self.env["service.sms.gateway"].browse(own_id)
        self.assertEqual(own.url, ADMIN_URL + "/v2")
        self.assertFalse(own.auth_token)

    def test_administrator_sets_where_the_token_goes(self):
        new_url = "https://sms2.example.com/api/send"
        self._call(
            self.administrator,
            "write",
            [self.gateway.id],
            {"url": new_url, "http_method": "post_form"},
        )
        self.assertEqual(self._route(), ("http", new_url, "post_form"))
        self.assertEqual(self.gateway.auth_token, "Bearer admin-only-token")
