# covers: COL-03, COL-04
import importlib.util
import pathlib
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, get_db_name, tagged

from .common import CollectionCase

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


@tagged("post_install", "-at_install")
class TestCollectionApiExamples(CollectionCase, HttpCase):
    """docs/examples/collection.py against the live test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        spec = importlib.util.spec_from_file_location(
            "collection_example", EXAMPLES / "collection.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        cls.collector.write(
            {"login": "round_collector", "password": "collector-Secret-2026"}
        )
        cls.cashier.write({"login": "round_cashier", "password": "cashier-Secret-2026"})
        cls.invoice = cls._invoice(cls.customer, 200)
        cls.round = cls.env["service.collection.round"].create(
            {"collector_id": cls.collector.id, "area": "North"}
        )
        cls.round.action_generate_lines()
        cls.round.action_start()

    def test_xmlrpc_example_records_a_collection_and_hands_it_over(self):
        maturity = fields.Date.to_string(self.today + timedelta(days=15))
        with self.allow_requests(all_requests=True):
            line = self.example.record_collection(
                self.base_url(),
                get_db_name(),
                "round_collector",
                "collector-Secret-2026",
                self.round.id,
                self.customer.id,
                50,
                [
                    {
                        "bank_name": "Harbour Bank",
                        "number": "009911",
                        "amount": 100,
                        "date_maturity": maturity,
                    }
                ],
            )
            self.assertEqual(line["amount_collected"], 150)
            self.assertEqual(line["difference_kind"], "short")
            round_ = self.example.hand_over(
                self.base_url(),
                get_db_name(),
                "round_cashier",
                "cashier-Secret-2026",
                self.round.id,
                cash_counted=50,
            )
        self.assertEqual(round_["state"], "handed_over")
        self.assertEqual(round_["amount_difference"], -50)
        self.assertEqual(round_["cash_difference"], 0)
        self.assertEqual(self.invoice.amount_residual, 50)
        cheque = self.round.line_ids.cheque_ids
        self.assertEqual(cheque.state, "received")
        self.assertEqual(str(cheque.date_maturity), maturity)

    def test_collector_cannot_record_on_another_collectors_round(self):
        other_round = self.env["service.collection.round"].create(
            {"collector_id": self.other_collector.id}
        )
        with self.allow_requests(all_requests=True), self.assertRaises(SystemExit):
            self.example.record_collection(
                self.base_url(),
                get_db_name(),
                "round_collector",
                "collector-Secret-2026",
                other_round.id,
                self.customer.id,
                10,
            )
