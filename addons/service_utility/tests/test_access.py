# covers: UTL-01, UTL-02, UTL-03, BAS-01, BAS-02, API-01
import base64
import importlib.util
import json
import pathlib
import xmlrpc.client
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, get_db_name, tagged

from .common import UtilityCase, tiered

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"
PASSWORD = "meter-Secret-2026"


@tagged("post_install", "-at_install")
class TestUtilityAccess(UtilityCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        spec = importlib.util.spec_from_file_location(
            "utility_example", EXAMPLES / "utility.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        for role in ("service_user", "supervisor", "manager", "portal"):
            cls.users[role].write({"login": f"meter_{role}", "password": PASSWORD})
        cls.manager_b.write({"login": "meter_manager_b", "password": PASSWORD})
        cls.point_b = cls.env["service.supply.point"].create(
            {
                "name": "IT009E00000009",
                "kind": "it_pod",
                "company_id": cls.company_b.id,
                "partner_id": cls.env["res.partner"]
                .create({"name": "Customer B", "company_id": cls.company_b.id})
                .id,
            }
        )
        cls.env["service.reading.import.mapping"].create(
            {"name": "Standard CSV", "delimiter": ","}
        )

    def test_access_matrix_per_role(self):
        self.assertMatrix(
            {
                "service.supply.point": {
                    "service_user": "rwc",
                    "supervisor": "rwc",
                    "manager": "rwcu",
                    "portal": "r",
                    "internal": "",
                },
                "service.meter.reading": {
                    "service_user": "rwc",
                    "manager": "rwcu",
                    "portal": "r",
                    "internal": "",
                },
                "service.consumption": {
                    "service_user": "r",
                    "manager": "r",
                    "portal": "r",
                    "internal": "",
                },
                "service.reading.import": {
                    "service_user": "rwc",
                    "manager": "rwcu",
                    "portal": "",
                },
                "service.reading.import.mapping": {
                    "service_user": "r",
                    "supervisor": "rwc",
                    "manager": "rwcu",
                    "portal": "",
                },
            }
        )

    def test_other_company_and_other_customers_see_nothing(self):
        reading = self._read(date(2026, 1, 1), 100)
        self.assertIsolated(self.point, self.manager_b)
        self.assertIsolated(reading, self.manager_b)
        self.assertIsolated(self.point_b, self.users["manager"])
        # a portal customer of nobody's points
        self.assertIsolated(self.point, self.users["portal"])
        self.assertIsolated(reading, self.users["portal"])

    def _rpc(self, login):
        common = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/common")
        uid = common.authenticate(get_db_name(), login, PASSWORD, {})
        models = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object")

        def call(model, method, *args, **kwargs):
            return models.execute_kw(
                get_db_name(), uid, PASSWORD, model, method, list(args), kwargs
            )

        return call

    def test_rules_hold_over_xmlrpc_for_each_role(self):
        flagged = self._read(date(2026, 1, 1), 1000)
        flagged = self._read(date(2026, 2, 1), 1310)
        flagged = self._read(date(2026, 3, 1), 900)
        self.assertEqual(flagged.state, "to_review")
        with self.allow_requests(all_requests=True):
            user = self._rpc("meter_service_user")
            # workflow fields are refused to create/write, review to users
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                user("service.meter.reading", "write", [flagged.id], {"state": "valid"})
            self.assertIn(
                "changes only through the document's", caught.exception.faultString
            )
            with self.assertRaises(xmlrpc.client.Fault):
                user("service.meter.reading", "action_approve", [flagged.id])
            with self.assertRaises(xmlrpc.client.Fault):
                user(
                    "service.supply.point",
                    "write",
                    [self.point.id],
                    {"billed_until": "2030-01-01"},
                )
            # the other company's manager neither reads nor writes
            manager_b = self._rpc("meter_manager_b")
            self.assertFalse(
                manager_b(
                    "service.supply.point", "search", [["id", "=", self.point.id]]
                )
            )
            with self.assertRaises(xmlrpc.client.Fault):
                manager_b("service.supply.point", "read", [self.point.id], ["name"])
            # a portal user gets nothing over RPC beyond his own points
            portal = self._rpc("meter_portal")
            self.assertFalse(portal("service.supply.point", "search", []))
            with self.assertRaises(xmlrpc.client.Fault):
                portal(
                    "service.meter.reading",
                    "create",
                    {"point_id": self.point.id, "value": 5},
                )
            supervisor = self._rpc("meter_supervisor")
            supervisor("service.meter.reading", "action_approve", [flagged.id])
        flagged.invalidate_recordset()
        self.assertEqual(flagged.state, "valid")
        self.assertFalse(self.point.billed_until)

    def test_xmlrpc_example_imports_readings_bills_and_reads_the_invoice(self):
        self._metered_contract()
        csv_text = (
            "point,register,date,value,source\n"
            "IT001E12345678,T,2025-12-31,1000,actual\n"
            "IT001E12345678,T,2026-01-31,1310,actual\n"
            "IT001E99999999,T,2026-01-31,1310,actual\n"
        )
        with self.allow_requests(all_requests=True):
            result = self.example.import_and_bill_xmlrpc(
                self.base_url(),
                get_db_name(),
                "meter_supervisor",
                PASSWORD,
                csv_text,
                "Standard CSV",
                "2026-01-31",
            )
            again = self.example.import_and_bill_xmlrpc(
                self.base_url(),
                get_db_name(),
                "meter_supervisor",
                PASSWORD,
                csv_text,
                "Standard CSV",
                "2026-01-31",
            )
        self.assertEqual(result["import"]["imported_count"], 2)
        self.assertEqual(result["errors"][0]["line_number"], 4)
        self.assertIn("unknown supply point", result["errors"][0]["reason"])
        [invoice] = result["invoices"]
        self.assertEqual(invoice["state"], "posted")
        self.assertAlmostEqual(invoice["amount_untaxed"], tiered(310), places=2)
        self.assertEqual(again["import"]["imported_count"], 0)
        self.assertEqual(again["import"]["duplicate_count"], 2)
        self.assertFalse(again["invoices"])

    def test_json2_example_imports_readings_bills_and_reads_the_invoice(self):
        """docs/api.md, meter readings, "The same over JSON-2": with a
        supervisor's API key, create the import, run it, read the refused
        rows, bill the month and read the posted invoice; a second import of
        the same file adds nothing. A call without a key is refused."""
        self._metered_contract()
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.users["supervisor"])
            ._generate(
                scope="rpc",
                name="Meter-data connector",
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

        [mapping_id] = call(
            "service.reading.import.mapping",
            "search",
            domain=[["name", "=", "Standard CSV"]],
        )
        csv_text = (
            "point,register,date,value,source\n"
            "IT001E12345678,T,2025-12-31,1000,actual\n"
            "IT001E12345678,T,2026-01-31,1310,actual\n"
            "IT001E99999999,T,2026-01-31,1310,actual\n"
        )
        vals = {
            "file": base64.b64encode(csv_text.encode()).decode(),
            "file_name": "readings.csv",
            "mapping_id": mapping_id,
        }
        [import_id] = call("service.reading.import", "create", vals_list=[vals])
        call("service.reading.import", "action_import", ids=[import_id])
        [batch] = call(
            "service.reading.import",
            "read",
            ids=[import_id],
            fields=["imported_count", "duplicate_count", "error_ids"],
        )
        self.assertEqual(batch["imported_count"], 2)
        [error] = call(
            "service.reading.import.error",
            "read",
            ids=batch["error_ids"],
            fields=["line_number", "reason"],
        )
        self.assertEqual(error["line_number"], 4)
        self.assertIn("unknown supply point 'IT001E99999999'", error["reason"])
        [run_id] = call(
            "service.billing.run", "create", vals_list=[{"date_until": "2026-01-31"}]
        )
        call("service.billing.run", "action_run", ids=[run_id])
        [run] = call(
            "service.billing.run", "read", ids=[run_id], fields=["invoice_ids"]
        )
        [invoice] = call(
            "account.move",
            "read",
            ids=run["invoice_ids"],
            fields=["state", "amount_untaxed", "partner_id"],
        )
        self.assertEqual(invoice["state"], "posted")
        self.assertEqual(invoice["partner_id"][0], self.customer.id)
        self.assertAlmostEqual(invoice["amount_untaxed"], tiered(310), places=2)
        [again_id] = call("service.reading.import", "create", vals_list=[vals])
        call("service.reading.import", "action_import", ids=[again_id])
        [again] = call(
            "service.reading.import",
            "read",
            ids=[again_id],
            fields=["imported_count", "duplicate_count"],
        )
        self.assertEqual((again["imported_count"], again["duplicate_count"]), (0, 2))
        # no key, no call
        headers.pop("Authorization")
        call("service.reading.import", "action_import", 401, ids=[again_id])
