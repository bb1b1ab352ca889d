# covers: API-02
"""The runnable examples of docs/api.md, run against a live test server."""

import importlib.util
import pathlib
from datetime import datetime, timedelta

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

EXAMPLES = pathlib.Path(__file__).resolve().parents[4] / "docs" / "examples"


def load_example(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestApiExamples(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.example = load_example("customers")
        cls.user = new_test_user(
            cls.env,
            login="connector",
            password="connector-Secret-2026",
            groups="service_base.group_service_user",
        )

    def test_xmlrpc_example_creates_a_coded_customer(self):
        with self.allow_requests(all_requests=True):
            customer = self.example.create_customer_xmlrpc(
                self.base_url(), get_db_name(), "connector", "connector-Secret-2026"
            )
        self.assertRegex(customer["service_customer_code"], r"^C\d{5}$")
        self.assertEqual(customer["service_mobile_normalized"], "+393337654321")

    def test_json2_example_creates_a_coded_customer(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.user)
            ._generate(
                scope="rpc",
                name="docs example",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        with self.allow_requests(all_requests=True):
            customer = self.example.create_customer_json2(
                self.base_url(),
                get_db_name(),
                key,
                dict(
                    self.example.CUSTOMER,
                    service_mobile="+39 333 000 1111",
                    vat="IT00743110157",
                ),
            )
        self.assertTrue(customer["display_name"].startswith("["))
        self.assertEqual(customer["service_mobile_normalized"], "+393330001111")
