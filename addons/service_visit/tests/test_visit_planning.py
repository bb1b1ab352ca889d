# covers: VIS-02
from datetime import date, timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import VisitCase


@tagged("post_install", "-at_install")
class TestVisitPlanning(VisitCase):
    def _dates(self, visits):
        return sorted(visits.mapped("date_due"))

    def _planned(self, contract):
        return self.env["service.visit"].search([("contract_id", "=", contract.id)])

    def test_quarterly_line_over_one_year(self):
        """A quarterly service started on 31 January gets four visits in its
        first year, on the last day of every third month."""
        contract = self._visit_contract(date(2031, 1, 31))
        line = contract.line_ids
        self.assertEqual(line.visit_frequency, "quarterly")
        visits = contract._generate_visits(date(2031, 1, 1), date(2032, 1, 30))
        self.assertEqual(
            self._dates(visits),
            [
                date(2031, 1, 31),
                date(2031, 4, 30),
                date(2031, 7, 31),
                date(2031, 10, 31),
            ],
        )
        visit = visits.sorted("date_due")[0]
        self.assertEqual(visit.contract_line_id, line)
        self.assertEqual(visit.contract_id, contract)
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.company_id, self.company_a)
        self.assertEqual(visit.state, "planned")
        self.assertTrue(visit.name.startswith("VIS/"))
        self.assertEqual(len(set(visits.mapped("name"))), 4)
        # the service's checklist is copied, blank lines dropped
        self.assertEqual(
            visit.checklist_line_ids.mapped("name"),
            [
                "Check the burner flame",
                "Measure the flue gas",
                "Clean the heat exchanger",
            ],
        )
        self.assertFalse(any(visit.checklist_line_ids.mapped("done")))

    def test_rerun_plans_nothing_more(self):
        contract = self._visit_contract(date(2031, 1, 31))
        first = contract._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        self.assertEqual(len(first), 4)
        self.assertFalse(
            contract._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        )
        # a longer horizon adds only the visits beyond the first one
        more = contract._generate_visits(date(2031, 1, 1), date(2032, 6, 30))
        self.assertEqual(self._dates(more), [date(2032, 1, 31), date(2032, 4, 30)])
        self.assertEqual(len(self._planned(contract)), 6)
        # a cancelled visit is not planned again
        first[0].action_cancel()
        self.assertFalse(contract._generate_visits(date(2031, 1, 1), date(2032, 6, 30)))

    def test_never_before_the_start_nor_after_the_end(self):
        """Visits follow the line's own start and end, and the contract's
        end, whichever is stricter."""
        contract = self._visit_contract(
            date(2031, 1, 1),
            date(2031, 9, 30),
            date_start=date(2031, 2, 15),
            visit_frequency="monthly",
        )
        visits = contract._generate_visits(date(2030, 1, 1), date(2032, 12, 31))
        self.assertEqual(
            self._dates(visits),
            [date(2031, month, 15) for month in range(2, 10)],
        )
        # the line's own end
        other = self._visit_contract(date(2031, 1, 1), visit_frequency="monthly")
        other.line_ids.date_end = date(2031, 5, 31)
        self.assertEqual(
            self._dates(other._generate_visits(date(2030, 1, 1), date(2032, 12, 31))),
            [date(2031, month, 1) for month in range(1, 6)],
        )

    def test_past_dates_are_not_planned(self):
        """Planning starts today (``date_from``): a contract that began long
        ago does not get a backlog of overdue visits."""
        today = date.today()
        contract = self._visit_contract(today - relativedelta(years=3))
        visits = contract._generate_visits(date_until=today + timedelta(days=200))
        self.assertTrue(visits)
        self.assertTrue(all(d >= today for d in visits.mapped("date_due")))
        self.assertLessEqual(len(visits), 3)

    def test_weekly_and_frequency_override(self):
        """The line may override its service's frequency (or switch visits
        off with "none")."""
        contract = self._visit_contract(date(2031, 3, 3), visit_frequency="weekly")
        visits = contract._generate_visits(date(2031, 3, 20), date(2031, 4, 10))
        self.assertEqual(
            self._dates(visits),
            [date(2031, 3, 24), date(2031, 3, 31), date(2031, 4, 7)],
        )
        silent = self._visit_contract(date(2031, 3, 3), visit_frequency="none")
        self.assertFalse(silent._generate_visits(date(2031, 1, 1), date(2031, 12, 31)))
        # a service without visits plans nothing
        no_visits = self._contract(months_ago=0)
        self.assertEqual(set(no_visits.line_ids.mapped("visit_frequency")), {"none"})
        self.assertFalse(
            no_visits._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        )

    def test_only_active_contracts(self):
        for state in ("draft", "waiting", "suspended", "ended", "cancelled"):
            with self.subTest(state=state):
                contract = self._visit_contract(date(2031, 1, 1), state=state)
                self.assertFalse(
                    contract._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
                )
                with self.assertRaisesRegex(UserError, "Status"):
                    contract.action_generate_visits()

    def test_technicians_and_item_copied_to_the_visits(self):
        contract = self._visit_contract(
            date(2031, 1, 1), visit_technician_ids=[Command.set(self.technician.ids)]
        )
        item = self._item(contract)
        visits = contract._generate_visits(date(2031, 1, 1), date(2031, 6, 30))
        self.assertEqual(len(visits), 2)
        for visit in visits:
            self.assertEqual(visit.technician_ids, self.technician)
            self.assertEqual(visit.item_id, item)
            self.assertEqual(visit.site_partner_id, self.site)
        # two items on the line: the visit is for the line, not one item
        self._item(contract, serial="SN-0002")
        later = contract._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        self.assertEqual(len(later), 2)
        self.assertFalse(later.item_id)

    def test_cron_plans_up_to_the_company_horizon(self):
        """The daily planning covers today + the company's horizon: 360 days
        of a quarterly service starting today is four visits."""
        today = date.today()
        self.company_a.service_visit_horizon_days = 360
        contract = self._visit_contract(today)
        self.env["service.visit"]._cron_generate_visits()
        self.assertEqual(
            self._dates(self._planned(contract)),
            [today + relativedelta(months=3 * n) for n in range(4)],
        )
        self.env["service.visit"]._cron_generate_visits()
        self.assertEqual(len(self._planned(contract)), 4)
        self.company_a.service_visit_horizon_days = 0
        other = self._visit_contract(today)
        self.env["service.visit"]._cron_generate_visits()
        self.assertEqual(self._dates(self._planned(other)), [today])

    def test_contract_button_plans_and_opens_the_visits(self):
        today = date.today()
        contract = self._visit_contract(today)
        action = contract.action_generate_visits()
        visits = self.env["service.visit"].search(action["domain"])
        self.assertTrue(visits)
        self.assertEqual(visits, self._planned(contract))
        self.assertEqual(contract.visit_count, len(visits))
        self.assertEqual(
            max(visits.mapped("date_due")),
            max(
                d
                for d in contract.line_ids._visit_due_dates(
                    today, today + timedelta(days=90)
                )
            ),
        )

    def test_database_refuses_a_second_visit_for_a_line_and_date(self):
        contract = self._visit_contract(date(2031, 1, 31))
        visit = contract._generate_visits(date(2031, 1, 1), date(2031, 2, 28))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            visit.copy().flush_recordset()

    def test_concurrent_duplicate_is_skipped_line_by_line(self):
        """If another transaction planned a line meanwhile, the batch falls
        back to line by line and skips that line only."""
        first = self._visit_contract(date(2031, 1, 31))
        second = self._visit_contract(date(2031, 1, 31))
        already = first._generate_visits(date(2031, 1, 1), date(2031, 2, 28))
        Visit = self.env["service.visit"]
        vals_by_line = {
            line: [line._visit_values(date(2031, 1, 31))]
            for line in first.line_ids | second.line_ids
        }
        created = Visit._create_planned(vals_by_line)
        self.assertEqual(created.contract_id, second)
        self.assertEqual(len(self._planned(first)), 1)
        self.assertEqual(self._planned(first), already)

    def test_cancel_future_visits(self):
        """For the cancellation addon: planned visits after a date are
        cancelled, done ones and earlier ones stay."""
        contract = self._visit_contract(date(2031, 1, 31))
        visits = contract._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        done = visits.sorted("date_due")[0]
        done.no_signature_reason = "Customer absent"
        done.action_done()
        cancelled = contract._cancel_future_visits(date(2031, 4, 30))
        self.assertEqual(
            self._dates(cancelled), [date(2031, 7, 31), date(2031, 10, 31)]
        )
        self.assertEqual(set(cancelled.mapped("state")), {"cancelled"})
        self.assertEqual(done.state, "done")
        self.assertEqual(
            visits.filtered(lambda v: v.date_due == date(2031, 4, 30)).state, "planned"
        )

    def test_planning_is_audited_once_per_contract(self):
        contract = self._visit_contract(date(2031, 1, 31))
        contract._generate_visits(date(2031, 1, 1), date(2031, 12, 31))
        logs = self.env["service.audit.log"].search(
            [("res_model", "=", "service.contract"), ("res_id", "=", contract.id)]
        )
        planning = logs.filtered(lambda log: log.note == "Visit planning")
        self.assertEqual(len(planning), 1)
        self.assertIn("4", planning.changes)
        # not one line per visit
        self.assertFalse(
            self.env["service.audit.log"].search(
                [
                    ("res_model", "=", "service.visit"),
                    ("res_id", "in", self._planned(contract).ids),
                ]
            )
        )
