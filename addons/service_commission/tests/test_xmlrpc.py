# covers: AGT-03, AGT-04, API-01
"""docs/examples/commission.py against the live test server: an agent reads
his own settlements, never another agent's."""

import importlib.util
import pathlib
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, get_db_name, tagged

from .common import CommissionCase

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


@tagged("post_install", "-at_install")
class TestCommissionApiExamples(CommissionCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        spec = importlib.util.spec_from_file_location(
            "commission_example", EXAMPLES / "commission.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        cls.agent_user.write({"login": "agent_anna", "password": "agent-Secret-2026"})
        cls._agent_contract()
        cls._agent_contract(partner=cls.other_customer)
        cls.env["service.billing.run"].create(
            {"date_until": cls.today, "company_id": cls.company_a.id}
        ).action_run()
        settlements = cls.env["service.commission.settlement"]._compute_settlements(
            cls.company_a, cls.month_start, cls.month_end
        )
        cls.own = settlements.filtered(lambda s: s.agent_id == cls.agent)
        cls.own.action_review()

    def _check(self, settlements):
        self.assertEqual(len(settlements), 1, "only his own, not Otto's")
        [settlement] = settlements
        self.assertEqual(settlement["name"], self.own.name)
        self.assertEqual(settlement["agent_id"][0], self.agent.id)
        self.assertEqual(settlement["state"], "reviewed")
        self.assertEqual(settlement["amount_total"], 11.55)
        self.assertEqual(
            sorted(
                (line["kind"], line["rate"], line["amount"])
                for line in settlement["lines"]
            ),
            [("commission", 5.0, 1.55), ("commission", 10.0, 10.0)],
        )

    def test_xmlrpc_example_reads_the_agents_own_settlement(self):
        with self.allow_requests(all_requests=True):
            settlements = self.example.read_settlements_xmlrpc(
                self.base_url(),
                get_db_name(),
                "agent_anna",
                "agent-Secret-2026",
                fields.Date.to_string(self.month_start),
                fields.Date.to_string(self.month_end),
                "reviewed",
            )
        self._check(settlements)

    def test_json2_example_reads_the_agents_own_settlement(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.agent_user)
            ._generate(
                scope="rpc",
                name="docs example",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        with self.allow_requests(all_requests=True):
            settlements = self.example.read_settlements_json2(
                self.base_url(),
                get_db_name(),
                key,
                fields.Date.to_string(self.month_start),
                fields.Date.to_string(self.month_end),
            )
        self._check(settlements)
