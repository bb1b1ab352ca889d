# covers: API-01, CON-01, CON-03, CON-04
"""What an integrator does for billing: customer, formula, contract with a
formula line, confirmation, inputs of the period, billing run, posted invoice
read back; over XML-RPC and over JSON-2, against the real HTTP server, with
the same rules as the web client. docs/api.md shows the same calls."""

import json
import xmlrpc.client
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

# 160 hours at 12.50 by formula, plus 15 % tax
HOURS, RATE = 160, 12.5
UNTAXED, TOTAL = 2000.0, 2300.0


@tagged("post_install", "-at_install")
class TestBillingApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.password = "integrator-Secret-2026"
        # supervisors run billing; formulas are maintained by managers
        cls.integrator = new_test_user(
            cls.env,
            login="billing_integrator",
            password=cls.password,
            groups="service_base.group_service_supervisor,"
            "service_base.group_service_manager",
            name="Billing integration",
        )
        cls.db = get_db_name()
        tax = cls.env["account.tax"].create(
            {"name": "VAT 15%", "amount": 15, "type_tax_use": "sale"}
        )
        cls.event = cls.env["product.product"].create(
            {
                "name": "Event guarding",
                "type": "service",
                "list_price": 40,
                "service_fee_method": "formula",
                "taxes_id": [(6, 0, tax.ids)],
            }
        )
        cls.month_start = fields.Date.context_today(cls.env.user).replace(day=1)

    def _xmlrpc(self):
        uid = self.xmlrpc_common.authenticate(
            self.db, "billing_integrator", self.password, {}
        )
        self.assertEqual(uid, self.integrator.id)

        def call(model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                self.db, uid, self.password, model, method, list(args), kwargs
            )

        return call

    def _json2(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.integrator)
            ._generate(
                scope="rpc",
                name="Billing connector",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}

        def call(model, method, expected_status=200, **params):
            response = self.url_open(
                f"/json/2/{model}/{method}", data=json.dumps(params), headers=headers
            )
            self.assertEqual(response.status_code, expected_status, response.text)
            return response.json()

        return call

    def _assert_invoice(self, contract_id, invoice, invoice_lines):
        self.assertEqual(invoice["state"], "posted")
        self.assertEqual(invoice["service_contract_id"][0], contract_id)
        self.assertEqual(invoice["invoice_date"], str(self.month_start))
        self.assertAlmostEqual(invoice["amount_untaxed"], UNTAXED)
        self.assertAlmostEqual(invoice["amount_total"], TOTAL)
        [line] = invoice_lines
        self.assertEqual(line["product_id"][0], self.event.id)
        self.assertAlmostEqual(line["quantity"], 1.0)
        self.assertAlmostEqual(line["price_subtotal"], UNTAXED)
        # the ledger holds what the integrator read
        move = self.env["account.move"].browse(invoice["id"])
        receivable = move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.debit, TOTAL)

    def test_bill_a_formula_contract_over_xmlrpc(self):
        call = self._xmlrpc()
        partner_id = call(
            "res.partner",
            "create",
            {
                "name": "Porto di Ancona",
                "is_company": True,
                "service_is_customer": True,
            },
        )
        formula_id = call(
            "service.formula",
            "create",
            {
                "name": "Guard hours x rate",
                "expression": "hours * rate",
                "input_names": "hours, rate",
            },
        )
        contract_id = call(
            "service.contract",
            "create",
            {
                "partner_id": partner_id,
                "date_start": str(self.month_start),
                "billing_period": "monthly",
                "billing_mode": "advance",
                "line_ids": [
                    (0, 0, {"product_id": self.event.id, "formula_id": formula_id})
                ],
            },
        )
        [contract] = call("service.contract", "read", [contract_id], fields=["state"])
        self.assertEqual(contract["state"], "draft")
        self.assertTrue(call("service.contract", "action_confirm", [contract_id]))
        [contract] = call(
            "service.contract",
            "read",
            [contract_id],
            fields=["state", "next_billing_date", "line_ids"],
        )
        self.assertEqual(contract["state"], "active")
        self.assertEqual(contract["next_billing_date"], str(self.month_start))
        [line_id] = contract["line_ids"]
        call(
            "service.contract.input",
            "create",
            [
                {
                    "line_id": line_id,
                    "period_start": str(self.month_start),
                    "name": name,
                    "value": value,
                }
                for name, value in (("hours", HOURS), ("rate", RATE))
            ],
        )
        run_id = call(
            "service.billing.run",
            "create",
            {"date_until": str(fields.Date.context_today(self.integrator))},
        )
        self.assertTrue(call("service.billing.run", "action_run", [run_id]))
        [run] = call(
            "service.billing.run",
            "read",
            [run_id],
            fields=["state", "invoice_ids", "held_count", "error_count"],
        )
        self.assertEqual(run["state"], "done")
        self.assertEqual((run["held_count"], run["error_count"]), (0, 0))
        [invoice] = call(
            "account.move",
            "read",
            run["invoice_ids"],
            fields=[
                "state",
                "invoice_date",
                "amount_untaxed",
                "amount_total",
                "invoice_line_ids",
                "service_contract_id",
            ],
        )
        invoice_lines = call(
            "account.move.line",
            "read",
            invoice["invoice_line_ids"],
            fields=["product_id", "quantity", "price_subtotal"],
        )
        self._assert_invoice(contract_id, invoice, invoice_lines)
        # a second run for the same period bills nothing
        rerun_id = call(
            "service.billing.run",
            "create",
            {"date_until": str(fields.Date.context_today(self.integrator))},
        )
        call("service.billing.run", "action_run", [rerun_id])
        [rerun] = call(
            "service.billing.run", "read", [rerun_id], fields=["invoice_ids"]
        )
        self.assertEqual(rerun["invoice_ids"], [])

    def test_formula_running_code_is_refused_over_xmlrpc(self):
        call = self._xmlrpc()
        with self.assertRaises(xmlrpc.client.Fault) as error:
            call(
                "service.formula",
                "create",
                {
                    "name": "Sneaky",
                    "expression": "__import__('os').system('id')",
                    "input_names": "hours",
                },
            )
        self.assertIn("Expression of 'Sneaky'", error.exception.faultString)
        self.assertFalse(
            self.env["service.formula"].search([("name", "=", "Sneaky")]),
            "nothing is half-written",
        )

    def test_only_supervisors_run_billing_over_xmlrpc(self):
        new_test_user(
            self.env,
            login="desk_connector",
            password="desk-Secret-2026",
            groups="service_base.group_service_user",
        )
        uid = self.xmlrpc_common.authenticate(
            self.db, "desk_connector", "desk-Secret-2026", {}
        )
        run = self.env["service.billing.run"].create(
            {"date_until": fields.Date.context_today(self.integrator)}
        )
        with self.assertRaises(xmlrpc.client.Fault) as error:
            self.xmlrpc_object.execute_kw(
                self.db,
                uid,
                "desk-Secret-2026",
                "service.billing.run",
                "action_run",
                [[run.id]],
            )
        # faultCode 4: access error, with the model the user may not change
        self.assertEqual(error.exception.faultCode, 4)
        self.assertIn("Billing Run", error.exception.faultString)
        self.assertEqual(run.state, "draft")

    def test_bill_a_formula_contract_over_json2(self):
        call = self._json2()
        [partner_id] = call(
            "res.partner",
            "create",
            vals_list=[{"name": "Kyiv Port Authority", "service_is_customer": True}],
        )
        [formula_id] = call(
            "service.formula",
            "create",
            vals_list=[
                {
                    "name": "Guard hours x rate",
                    "expression": "hours * rate",
                    "input_names": "hours, rate",
                }
            ],
        )
        [contract_id] = call(
            "service.contract",
            "create",
            vals_list=[
                {
                    "partner_id": partner_id,
                    "date_start": str(self.month_start),
                    "billing_period": "monthly",
                    "line_ids": [
                        [0, 0, {"product_id": self.event.id, "formula_id": formula_id}]
                    ],
                }
            ],
        )
        self.assertTrue(call("service.contract", "action_confirm", ids=[contract_id]))
        [contract] = call(
            "service.contract", "read", ids=[contract_id], fields=["state", "line_ids"]
        )
        self.assertEqual(contract["state"], "active")
        call(
            "service.contract.input",
            "create",
            vals_list=[
                {
                    "line_id": contract["line_ids"][0],
                    "period_start": str(self.month_start),
                    "name": name,
                    "value": value,
                }
                for name, value in (("hours", HOURS), ("rate", RATE))
            ],
        )
        [run_id] = call(
            "service.billing.run",
            "create",
            vals_list=[{"date_until": str(fields.Date.context_today(self.integrator))}],
        )
        self.assertTrue(call("service.billing.run", "action_run", ids=[run_id]))
        [run] = call(
            "service.billing.run", "read", ids=[run_id], fields=["invoice_ids"]
        )
        [invoice] = call(
            "account.move",
            "read",
            ids=run["invoice_ids"],
            fields=[
                "state",
                "invoice_date",
                "amount_untaxed",
                "amount_total",
                "invoice_line_ids",
                "service_contract_id",
            ],
        )
        invoice_lines = call(
            "account.move.line",
            "read",
            ids=invoice["invoice_line_ids"],
            fields=["product_id", "quantity", "price_subtotal"],
        )
        self._assert_invoice(contract_id, invoice, invoice_lines)
        # the same rules as the UI: code in a formula is refused, 422
        error = call(
            "service.formula",
            "create",
            expected_status=422,
            vals_list=[{"name": "Sneaky", "expression": "__import__('os')"}],
        )
        self.assertIn("Expression of 'Sneaky'", error["message"])
