# covers: API-02
"""The runnable examples of docs/api.md, run against a live test server."""

import importlib.util
import io
import json
import pathlib
from contextlib import redirect_stdout
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

    def test_billing_example_prints_the_posted_invoice(self):
        # covers: API-02, CON-04
        billing = load_example("billing")
        new_test_user(
            self.env,
            login="billing_connector",
            password="billing-Secret-2026",
            groups="service_base.group_service_manager",
        )
        tax = self.env["account.tax"].create(
            {"name": "VAT 15%", "amount": 15, "type_tax_use": "sale"}
        )
        self.env["product.product"].create(
            {
                "name": "Guarding by the hour",
                "type": "service",
                "service_fee_method": "formula",
                "taxes_id": [(6, 0, tax.ids)],
            }
        )
        # the example talks to the server over its own connections: make the
        # records above visible to it, and read its records afresh afterwards
        self.env.flush_all()
        output = io.StringIO()
        with self.allow_requests(all_requests=True), redirect_stdout(output):
            billing.main(
                [
                    "--url",
                    self.base_url(),
                    "--db",
                    get_db_name(),
                    "--login",
                    "billing_connector",
                    "--password",
                    "billing-Secret-2026",
                    "--service",
                    "Guarding by the hour",
                    "--hours",
                    "160",
                    "--rate",
                    "12.5",
                ]
            )
        self.env.invalidate_all()
        printed = json.loads(output.getvalue())
        invoice = self.env["account.move"].browse(printed["id"])
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id.name, "Porto di Ancona")
        self.assertEqual(invoice.service_contract_id.name, printed["contract"])
        self.assertEqual(invoice.service_contract_id.state, "active")
        # 160 h x 12.50 by formula, + 15 % tax
        self.assertAlmostEqual(invoice.amount_untaxed, 2000.0)
        self.assertAlmostEqual(invoice.amount_total, 2300.0)
        self.assertEqual(printed["state"], "posted")
        self.assertAlmostEqual(printed["amount_total"], 2300.0)
        self.assertEqual(
            [line["price_subtotal"] for line in printed["lines"]], [2000.0]
        )
