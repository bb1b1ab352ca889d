# covers: AGT-03
"""The settlement job: reruns and overlapping runs never count twice; the
review flow; a cancelled settlement releases what it held."""

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import CommissionCase


class TestSettlementJob(CommissionCase):
    def test_rerun_of_the_same_period_adds_nothing(self):
        self._agent_contract(months_ago=1)
        self._run()
        first = self._settle()
        self.assertEqual(len(first.line_ids), 4)
        again = self._settle()
        self.assertEqual(again, first, "the rerun fills the same draft")
        self.assertEqual(len(first.line_ids), 4)
        self.assertEqual(first.amount_total, 2 * 11.55)

    def test_overlapping_periods_never_count_an_invoice_twice(self):
        """A run for last month then one for this month: this month's has only
        this month's invoice; a reviewed settlement is never refilled."""
        self._agent_contract(months_ago=1)
        self._run()
        last_month_end = self.month_start - relativedelta(days=1)
        last = self._settle(date_to=last_month_end)
        self.assertEqual(last.amount_total, 11.55)
        last.action_review()
        current = self._settle()
        self.assertEqual(current.amount_total, 11.55)
        self._settle(date_to=last_month_end)
        self.assertEqual(
            self._settlement(date_to=last_month_end), last, "no second draft"
        )
        lines = self.env["service.commission.settlement.line"].search(
            [("agent_id", "=", self.agent.id)]
        )
        self.assertEqual(len(lines), 4)
        self.assertEqual(len(lines.invoice_line_id), 4)

    def test_database_refuses_a_second_line_for_an_invoice_line(self):
        self._agent_contract()
        self._run()
        settlement = self._settle()
        line = settlement.line_ids[0]
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            line.copy({"settlement_id": settlement.id}).flush_recordset()

    def test_each_agent_gets_his_own_settlement(self):
        self._agent_contract()
        self._agent_contract(partner=self.other_customer)
        self._run()
        settlements = self._settle()
        self.assertEqual(settlements.agent_id, self.agent | self.other_agent)
        for settlement in settlements:
            self.assertEqual(settlement.amount_total, 11.55)
            self.assertEqual(
                settlement.line_ids.move_id.service_agent_id, settlement.agent_id
            )

    def test_cancelled_settlement_releases_its_lines(self):
        self._agent_contract()
        self._run()
        settlement = self._settle()
        settlement.action_cancel()
        self.assertEqual(settlement.state, "cancel")
        self.assertFalse(settlement.line_ids)
        fresh = self._settle()
        self.assertNotEqual(fresh, settlement)
        self.assertEqual(fresh.amount_total, 11.55)

    def test_review_flow_and_its_guards(self):
        self._agent_contract()
        self._run()
        settlement = self._settle().with_user(self.users["supervisor"])
        settlement.action_review()
        self.assertEqual(settlement.state, "reviewed")
        self.assertEqual(settlement.reviewed_by_id, self.users["supervisor"])
        with self.assertRaises(UserError):
            settlement.action_review()
        settlement.action_reset_draft()
        self.assertEqual(settlement.state, "draft")
        with self.assertRaises(UserError):
            settlement.action_create_bill()
        settlement.action_review()
        with self.assertRaises(UserError, msg="a reviewed settlement stays"):
            settlement.with_user(self.users["manager"]).unlink()

    def test_cron_settles_last_month_for_every_company(self):
        self._agent_contract(months_ago=1)
        self._run()
        self.env["service.commission.settlement"]._cron_compute(today=self.today)
        last_month_end = self.month_start - relativedelta(days=1)
        settlement = self._settlement(date_to=last_month_end)
        self.assertEqual(settlement.date_from, last_month_end.replace(day=1))
        self.assertEqual(settlement.amount_total, 11.55)

    def test_compute_wizard_settles_the_chosen_period_and_agents(self):
        self._agent_contract()
        self._agent_contract(partner=self.other_customer)
        self._run()
        wizard = (
            self.env["service.commission.compute"]
            .with_user(self.users["supervisor"])
            .create(
                {
                    "date_from": self.month_start,
                    "date_to": self.month_end,
                    "agent_ids": [(6, 0, self.agent.ids)],
                }
            )
        )
        action = wizard.action_compute()
        settlements = self.env["service.commission.settlement"].search(action["domain"])
        self.assertEqual(settlements.agent_id, self.agent)
        self.assertEqual(settlements.amount_total, 11.55)
