# covers: DUN-01, DUN-02
"""A customer is placed at one level, by the days since his oldest overdue
item's due date and the level's minimum amount; disputed items, excluded
customers and other scenarios are respected."""

from datetime import timedelta

from odoo import Command

from .common import DunningCase


class TestDunningLevels(DunningCase):
    def test_level_placement_at_each_boundary_day(self):
        """Day 9: nothing; 10: first; 29: first; 30: second; 59: second;
        60: final (levels start on their day)."""
        expected = {
            9: self.env["service.dunning.level"],
            10: self.level_1,
            29: self.level_1,
            30: self.level_2,
            59: self.level_2,
            60: self.level_3,
            200: self.level_3,
        }
        for days, level in expected.items():
            self.assertEqual(self.scenario._level_for(days, 100.0), level, days)

    def test_run_places_customer_by_oldest_item(self):
        self._invoice(self.customer, 100, days_late=35)
        self._invoice(self.customer, 50, days_late=12)
        self._dunning_run()
        communication = self._communications()
        self.assertEqual(communication.level_id, self.level_2)
        self.assertEqual(communication.amount_overdue, 150)
        self.assertEqual(len(communication.line_ids), 2)

    def test_minimum_amount_keeps_small_debts_out(self):
        """First level needs 20 overdue: 15 is not reminded."""
        self._invoice(self.customer, 15, days_late=12)
        run = self._dunning_run()
        self.assertFalse(self._communications())
        self.assertEqual(run.skipped_count, 1)

    def test_disputed_invoice_is_skipped(self):
        disputed = self._invoice(self.customer, 100, days_late=40)
        disputed.service_disputed = True
        self._invoice(self.customer, 30, days_late=11)
        self._dunning_run()
        communication = self._communications()
        self.assertEqual(communication.level_id, self.level_1)
        self.assertEqual(communication.line_ids.move_id, communication.line_ids.move_id)
        self.assertNotIn(disputed, communication.line_ids.move_id)
        self.assertEqual(communication.amount_overdue, 30)

    def test_excluded_customer_is_skipped(self):
        self.customer.with_company(self.company_a).service_dunning_excluded = True
        self._invoice(self.customer, 100, days_late=40)
        self._dunning_run()
        self.assertFalse(self._communications())

    def test_customer_scenario_overrides_company_default(self):
        lenient = self.env["service.dunning.scenario"].create(
            {
                "name": "Public bodies",
                "company_id": self.company_a.id,
                "level_ids": [
                    Command.create(
                        {"name": "Gentle", "days_after_due": 45, "channel_letter": True}
                    )
                ],
            }
        )
        self.customer.with_company(self.company_a).service_dunning_scenario_id = lenient
        self._invoice(self.customer, 100, days_late=40)
        self._invoice(self.customer_2, 100, days_late=40)
        self._dunning_run()
        self.assertFalse(self._communications())
        self.assertEqual(self._communications(self.customer_2).level_id, self.level_2)

    def test_not_yet_due_items_are_not_listed(self):
        self._invoice(self.customer, 100, days_late=15)
        future = self._invoice(self.customer, 70, days_late=-5)
        self._dunning_run()
        communication = self._communications()
        self.assertNotIn(future, communication.line_ids.move_id)
        self.assertEqual(communication.amount_overdue, 100)

    def test_a_second_default_scenario_is_refused(self):
        with self.assertRaisesRegex(Exception, "Company Default"):
            self.env["service.dunning.scenario"].create(
                {"name": "Other", "company_id": self.company_a.id, "is_default": True}
            )

    def test_higher_level_next_run_lists_every_item(self):
        first = self._invoice(self.customer, 100, days_late=25)
        self._dunning_run()
        self.assertEqual(self._communications().level_id, self.level_1)
        second = self._invoice(self.customer, 40, days_late=3)
        self._dunning_run(date=self.today + timedelta(days=10))
        latest = self._communications()[:1]
        self.assertEqual(latest.level_id, self.level_2)
        self.assertEqual(latest.line_ids.move_id, first | second)
