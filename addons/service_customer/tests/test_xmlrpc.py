# covers: API-01, API-02, CUS-01
"""What an integrator does: create and read a customer over XML-RPC and over
Odoo 19's JSON-2 API, against the real HTTP server, with the same rules as the
web client (validation, rights, companies). docs/api.md shows the same calls."""

import json
import xmlrpc.client
from datetime import datetime, timedelta

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestIntegratorApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.password = "integrator-Secret-2026"
        cls.integrator = new_test_user(
            cls.env,
            login="integrator",
            password=cls.password,
            groups="service_base.group_service_user",
            name="Integration user",
        )
        cls.db = get_db_name()
        cls.italy = cls.env.ref("base.it")

    def test_create_and_read_customer_over_xmlrpc(self):
        uid = self.xmlrpc_common.authenticate(self.db, "integrator", self.password, {})
        self.assertEqual(uid, self.integrator.id)
        call = self.xmlrpc_object.execute_kw
        partner_id = call(
            self.db,
            uid,
            self.password,
            "res.partner",
            "create",
            [
                {
                    "name": "Sorveglianza Adriatica Srl",
                    "is_company": True,
                    "service_is_customer": True,
                    "country_id": self.italy.id,
                    "vat": "IT00743110157",
                    "service_mobile": "+39 333 765 4321",
                }
            ],
        )
        [customer] = call(
            self.db,
            uid,
            self.password,
            "res.partner",
            "read",
            [[partner_id]],
            {
                "fields": [
                    "display_name",
                    "service_customer_code",
                    "service_mobile_normalized",
                    "company_id",
                ]
            },
        )
        self.assertRegex(customer["service_customer_code"], r"^C\d{5}$")
        self.assertEqual(
            customer["display_name"],
            f"[{customer['service_customer_code']}] Sorveglianza Adriatica Srl",
        )
        self.assertEqual(customer["service_mobile_normalized"], "+393337654321")
        self.assertEqual(customer["company_id"][0], self.env.company.id)
        found = call(
            self.db,
            uid,
            self.password,
            "res.partner",
            "name_search",
            [customer["service_customer_code"]],
        )
        self.assertEqual(found[0][0], partner_id)

    def test_bad_input_over_xmlrpc_names_the_field(self):
        uid = self.xmlrpc_common.authenticate(self.db, "integrator", self.password, {})
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.xmlrpc_object.execute_kw(
                self.db,
                uid,
                self.password,
                "res.partner",
                "create",
                [
                    {
                        "name": "Bad ID",
                        "service_is_customer": True,
                        "country_id": self.italy.id,
                        "service_national_id": "NOT-A-CODICE",
                    }
                ],
            )
        self.assertIn("National ID / Fiscal Code", error.exception.faultString)
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Bad ID")]),
            "nothing is half-written",
        )

    def test_create_and_read_customer_over_json2(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.integrator)
            ._generate(
                scope="rpc",
                name="ERP connector",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
        response = self.url_open(
            "/json/2/res.partner/create",
            data=json.dumps(
                {
                    "vals_list": [
                        {
                            "name": "Kyiv Alarm Service",
                            "service_is_customer": True,
                            "country_id": self.env.ref("base.ua").id,
                            "service_national_id": "32855961",
                        }
                    ]
                }
            ),
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.text)
        [partner_id] = response.json()
        response = self.url_open(
            "/json/2/res.partner/read",
            data=json.dumps(
                {
                    "ids": [partner_id],
                    "fields": ["service_customer_code", "service_national_id"],
                }
            ),
            headers=headers,
        )
        [customer] = response.json()
        self.assertRegex(customer["service_customer_code"], r"^C\d{5}$")
        self.assertEqual(customer["service_national_id"], "32855961")
        # the same rules as the UI: a duplicate national ID is refused
        response = self.url_open(
            "/json/2/res.partner/create",
            data=json.dumps(
                {
                    "vals_list": [
                        {
                            "name": "Kyiv Alarm Service (copy)",
                            "service_is_customer": True,
                            "country_id": self.env.ref("base.ua").id,
                            "service_national_id": "32855961",
                        }
                    ]
                }
            ),
            headers=headers,
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("National ID / Fiscal Code", response.json()["message"])
