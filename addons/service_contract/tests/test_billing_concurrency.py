# covers: CON-04
"""Reruns, interrupted runs and two runs at once bill each period exactly once."""

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CommittedContractsCase, ContractCase


@tagged("post_install", "-at_install")
class TestBillingIdempotence(ContractCase):
    def test_interrupted_run_then_rerun_bills_every_period_once(self):
        contracts = self.env["service.contract"]
        for __ in range(6):
            contract = self._contract(months_ago=1)
            for months in (0, 1):
                self._inputs(
                    contract, contract.date_start + relativedelta(months=months)
                )
            contracts |= contract
        # a run that "crashed" after billing its first batch of three contracts
        crashed = self.env["service.billing.run"].create({"date_until": self.today})
        crashed._bill_batch(contracts[:3])
        self.assertEqual(len(crashed.invoice_ids), 6)
        resumed = self._run()
        self.assertEqual(len(resumed.invoice_ids), 6)
        lines = self.env["account.move.line"].search(
            [("service_contract_line_id", "in", contracts.line_ids.ids)]
        )
        keys = [
            (line.service_contract_line_id.id, line.service_period_start)
            for line in lines
        ]
        self.assertEqual(len(keys), len(set(keys)), "a period was billed twice")
        self.assertEqual(len(keys), 6 * 3 * 2)

    def test_database_refuses_a_second_invoice_for_a_period(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        invoice = self._run().invoice_ids
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            invoice.copy(
                {
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "again",
                                "price_unit": 1,
                                "service_contract_line_id": contract.line_ids[0].id,
                                "service_period_start": contract.date_start,
                            },
                        )
                    ]
                }
            ).flush_recordset()

    def test_cancelled_invoice_frees_its_period(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        invoice = self._run().invoice_ids
        invoice.button_draft()
        invoice.button_cancel()
        contract.next_billing_date = contract.date_start
        self.assertEqual(len(self._run().invoice_ids), 1)


@tagged("post_install", "-at_install")
class TestTwoWorkers(CommittedContractsCase):
    """Two billing runs in two real transactions at the same moment."""

    CONTRACTS = 20
    DATA_NAME = "Two workers"

    def test_two_runs_at_once_bill_each_period_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            today = fields.Date.context_today(env_a["service.contract"])
            run_a = env_a["service.billing.run"].create({"date_until": today})
            run_a._run()  # holds its row locks until committed
            run_b = env_b["service.billing.run"].create({"date_until": today})
            run_b._run()  # meanwhile: must skip, not wait nor double-bill
            self.assertFalse(run_b.invoice_ids)
            cr_a.commit()
            cr_b.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            moves = env["account.move"].search(
                [("service_contract_id", "in", self.ids["contracts"])]
            )
            self.assertEqual(len(moves), 20)
            self.assertEqual(len(moves.service_contract_id), 20)
