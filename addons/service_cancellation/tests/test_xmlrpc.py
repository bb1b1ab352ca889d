# covers: CAN-01, CAN-02, API-01
import importlib.util
import pathlib
from datetime import datetime, timedelta

from odoo.tests import HttpCase, get_db_name, tagged

from .common import CancellationCase

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


@tagged("post_install", "-at_install")
class TestCancellationApiExamples(CancellationCase, HttpCase):
    """docs/examples/cancellation.py against the live test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        spec = importlib.util.spec_from_file_location(
            "cancellation_example", EXAMPLES / "cancellation.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        cls.users["service_user"].write(
            {"login": "cancel_connector", "password": "cancel-Secret-2026"}
        )
        cls.users["supervisor"].write(
            {"login": "cancel_approver", "password": "approve-Secret-2026"}
        )

    def test_xmlrpc_example_records_and_approves_a_cancellation(self):
        contract = self._simple_contract()
        with self.allow_requests(all_requests=True):
            cancellation = self.example.request_cancellation_xmlrpc(
                self.base_url(),
                get_db_name(),
                "cancel_connector",
                "cancel-Secret-2026",
                contract.name,
                "Price too high",
                "2025-02-01",
                "Called the front desk",
            )
            self.assertTrue(cancellation["name"].startswith("CAN/"))
            self.assertEqual(cancellation["state"], "waiting")
            self.assertEqual(cancellation["notice_days"], 30)
            self.assertEqual(cancellation["date_effective"], "2025-03-03")
            self.assertEqual(cancellation["approval_state"], "pending")
            approved = self.example.approve_cancellation_xmlrpc(
                self.base_url(),
                get_db_name(),
                "cancel_approver",
                "approve-Secret-2026",
                cancellation["id"],
            )
        self.assertEqual(approved["state"], "approved")
        contract.invalidate_recordset()
        self.assertEqual(str(contract.date_end), "2025-03-03")

    def test_service_user_cannot_approve_over_xmlrpc(self):
        contract = self._simple_contract()
        with self.allow_requests(all_requests=True):
            cancellation = self.example.request_cancellation_xmlrpc(
                self.base_url(),
                get_db_name(),
                "cancel_connector",
                "cancel-Secret-2026",
                contract.name,
                "Price too high",
                "2025-02-01",
            )
            with self.assertRaises(Exception) as caught:
                self.example.approve_cancellation_xmlrpc(
                    self.base_url(),
                    get_db_name(),
                    "cancel_connector",
                    "cancel-Secret-2026",
                    cancellation["id"],
                )
        self.assertIn("not an approver", str(caught.exception))
        contract.invalidate_recordset()
        self.assertFalse(contract.date_end)

    def test_json2_example_records_a_cancellation(self):
        contract = self._simple_contract()
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.users["service_user"])
            ._generate(
                scope="rpc",
                name="docs example",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        with self.allow_requests(all_requests=True):
            cancellation = self.example.request_cancellation_json2(
                self.base_url(),
                get_db_name(),
                key,
                contract.name,
                "Moving to a competitor",
                "2025-02-01",
                "Signed with another company",
            )
        self.assertEqual(cancellation["state"], "waiting")
        self.assertEqual(cancellation["date_effective"], "2025-03-03")
        self.assertEqual(
            cancellation["reason_id"][0],
            self.env.ref("service_cancellation.reason_competitor").id,
        )
