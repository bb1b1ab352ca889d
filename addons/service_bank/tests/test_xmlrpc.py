# covers: BNK-01, BNK-02, API-01
"""docs/examples/bank.py against the live test server: a bookkeeper creates,
exports and posts a collection order and imports the statement that pays
it; the rules hold over RPC as in the UI (a services user may not export,
nobody writes an order's state, another company's user sees nothing)."""

import base64
import importlib.util
import pathlib
import xmlrpc.client

from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, get_db_name, tagged

from ..tools import sepa
from .common import COMPANY_IBAN, BankCase, camt053

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


@tagged("post_install", "-at_install")
class TestBankApiExample(BankCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        spec = importlib.util.spec_from_file_location(
            "bank_example", EXAMPLES / "bank.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        for user, login in (
            (cls.accountant, "bank_accountant"),
            (cls.accountant_b, "bank_accountant_b"),
            (cls.users["service_user"], "bank_service_user"),
        ):
            user.write({"login": login, "password": f"{login}-Secret-2026"})
        cls.invoice = cls._invoice(cls.customer, 120)
        cls.invoice_2 = cls._invoice(cls.customer_2, 80.5)

    def _call(self, login, model, method, *args):
        uid = self.xmlrpc_common.authenticate(
            get_db_name(), login, f"{login}-Secret-2026", {}
        )
        return self.xmlrpc_object.execute_kw(
            get_db_name(), uid, f"{login}-Secret-2026", model, method, list(args)
        )

    def test_example_creates_exports_posts_and_imports_the_statement(self):
        today = fields.Date.to_string(self.today)
        with self.allow_requests(all_requests=True):
            order = self.example.create_collection_order(
                self.base_url(),
                get_db_name(),
                "bank_accountant",
                "bank_accountant-Secret-2026",
                self.bank_journal.id,
                today,
                today,
            )
            self.assertEqual(order["state"], "posted")
            self.assertEqual(order["line_count"], 2)
            data = base64.b64decode(order["file"])
            self.assertIsNone(sepa.validate(data, "08"))
            root = etree.fromstring(data)
            end_to_end = [node.text for node in root.iter("{*}EndToEndId")]
            statement = camt053(
                COMPANY_IBAN,
                [
                    {
                        "amount": 200.5,
                        "transactions": [
                            {"amount": 120, "end_to_end_id": end_to_end[0]},
                            {"amount": 80.5, "end_to_end_id": end_to_end[1]},
                        ],
                    }
                ],
            )
            summary, lines = self.example.import_statement(
                self.base_url(),
                get_db_name(),
                "bank_accountant",
                "bank_accountant-Secret-2026",
                statement,
            )
            self.assertIn("2 transactions imported", summary)
            self.assertEqual(
                {line["service_match_rule"] for line in lines}, {"end_to_end"}
            )
            self.assertTrue(all(line["is_reconciled"] for line in lines))
            again, lines_again = self.example.import_statement(
                self.base_url(),
                get_db_name(),
                "bank_accountant",
                "bank_accountant-Secret-2026",
                statement,
            )
            self.assertFalse(lines_again)
            self.assertIn("2 already imported", again)

    def test_rules_hold_over_rpc(self):
        order = self._order()
        order.action_gather()
        with self.assertRaisesRegex(xmlrpc.client.Fault, "only"):
            self._call(
                "bank_service_user", "service.debit.order", "action_export", [order.id]
            )
        with self.assertRaisesRegex(xmlrpc.client.Fault, "changes only through"):
            self._call(
                "bank_accountant",
                "service.debit.order",
                "write",
                [order.id],
                {"state": "posted"},
            )
        self.assertEqual(
            self._call(
                "bank_accountant_b",
                "service.debit.order",
                "search",
                [("id", "=", order.id)],
            ),
            [],
        )
        self.assertEqual(
            self._call(
                "bank_accountant_b",
                "service.mandate",
                "search",
                [("id", "=", self.mandate.id)],
            ),
            [],
        )
        with self.assertRaisesRegex(xmlrpc.client.Fault, "only through its actions"):
            self._call(
                "bank_accountant",
                "account.bank.statement.line",
                "create",
                {
                    "journal_id": self.bank_journal.id,
                    "amount": 1,
                    "payment_ref": "x",
                    "service_import_uid": "forged",
                },
            )
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
