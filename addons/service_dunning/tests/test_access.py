# covers: DUN-01, DUN-02, DUN-05, BAS-01, API-01
"""Rights per role, company isolation, and the XML-RPC example of
docs/api.md (run dunning, read a credit situation) against a live server,
as an accountant and as roles that must be refused."""

import importlib.util
import pathlib
import xmlrpc.client

from odoo.tests import HttpCase, get_db_name, tagged

from .common import DunningCase

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


@tagged("post_install", "-at_install")
class TestDunningAccess(DunningCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = dict(cls.users, accountant=cls.accountant)
        spec = importlib.util.spec_from_file_location(
            "dunning_example", EXAMPLES / "dunning.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        cls.accountant.write(
            {"login": "dun_accountant", "password": "accountant-Secret-2026"}
        )
        cls.users["service_user"].write(
            {"login": "dun_user", "password": "user-Secret-2026"}
        )
        cls.invoice = cls._invoice(cls.customer, 250, days_late=35)
        cls.scenario_b = cls.env["service.dunning.scenario"].create(
            {"name": "Company B", "company_id": cls.company_b.id}
        )

    def test_rights_per_role(self):
        self.assertMatrix(
            {
                "service.dunning.scenario": {
                    "internal": "",
                    "service_user": "r",
                    "accountant": "r",
                    "portal": "",
                },
                "service.dunning.run": {
                    "internal": "",
                    "service_user": "r",
                    "accountant": "rwc",
                    "portal": "",
                },
                "service.dunning.communication": {
                    "internal": "",
                    "service_user": "r",
                    "supervisor": "rw",
                    "accountant": "rw",
                    "portal": "",
                },
                "service.instalment.plan": {
                    "internal": "",
                    "service_user": "r",
                    "accountant": "rwc",
                    "portal": "r",
                },
                "service.ageing.report": {
                    "internal": "",
                    "service_user": "r",
                    "accountant": "r",
                    "portal": "",
                },
            }
        )

    def test_other_company_records_are_invisible(self):
        self.assertIsolated(self.scenario, self.manager_b)
        self.assertIsolated(self.scenario_b, self.users["manager"])
        run = self._dunning_run()
        self.assertIsolated(run, self.manager_b)
        self.assertIsolated(self._communications(), self.manager_b)

    def test_xmlrpc_example_runs_dunning_and_reads_credit_situation(self):
        with self.allow_requests(all_requests=True):
            run = self.example.run_dunning(
                self.base_url(),
                get_db_name(),
                "dun_accountant",
                "accountant-Secret-2026",
            )
            situation = self.example.credit_situation(
                self.base_url(),
                get_db_name(),
                "dun_accountant",
                "accountant-Secret-2026",
                self.customer.id,
            )
            rerun = self.example.run_dunning(
                self.base_url(),
                get_db_name(),
                "dun_accountant",
                "accountant-Secret-2026",
            )
        self.assertEqual(run["state"], "done")
        self.assertEqual(run["communication_count"], 1)
        communication = run["communications"][0]
        self.assertEqual(communication["partner_id"][0], self.customer.id)
        self.assertEqual(communication["amount_overdue"], 250)
        self.assertEqual(communication["fee_amount"], 15)
        self.assertEqual(rerun["communication_count"], 0)
        self.assertEqual(situation["balance"], 250)
        self.assertEqual(situation["overdue"], 250)
        self.assertEqual(situation["dunning_level"], "Second reminder")
        self.assertEqual(situation["ageing"]["amount_31_60"], 250)

    def test_xmlrpc_plain_user_cannot_run_dunning(self):
        with self.allow_requests(all_requests=True), self.assertRaises(SystemExit):
            self.example.run_dunning(
                self.base_url(), get_db_name(), "dun_user", "user-Secret-2026"
            )
        self.assertFalse(self._communications())

    def test_xmlrpc_state_cannot_be_written(self):
        run = self._dunning_run()
        with self.allow_requests(all_requests=True):
            call = self.example._connect(
                self.base_url(),
                get_db_name(),
                "dun_accountant",
                "accountant-Secret-2026",
            )
            with self.assertRaises(xmlrpc.client.Fault):
                call("service.dunning.run", "write", [run.id], {"state": "draft"})
            with self.assertRaises(xmlrpc.client.Fault):
                call(
                    "service.dunning.communication",
                    "write",
                    self._communications().ids,
                    {"fee_amount": 0},
                )
        run.invalidate_recordset()
        self.assertEqual(run.state, "done")
        self.assertEqual(self._communications().fee_amount, 15)
