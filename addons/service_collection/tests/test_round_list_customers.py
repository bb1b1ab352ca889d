# covers: COL-03
from odoo import Command
from odoo.tests import tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestRoundListCustomers(CollectionCase):
    """List Customers tells what it did, or why it listed nobody; a new
    round defaults to the collector creating it."""

    def _round(self, **values):
        return (
            self.env["service.collection.round"]
            .with_user(self.cashier)
            .create(dict({"collector_id": self.collector.id}, **values))
        )

    def _notice(self, action):
        self.assertEqual(action["tag"], "display_notification")
        return action["params"]["type"], action["params"]["message"]

    def test_listing_reports_how_many_customers_were_listed(self):
        self._invoice(self.customer, 150)
        round_ = self._round()
        kind, message = self._notice(round_.action_generate_lines())
        self.assertEqual(kind, "success")
        self.assertIn("1 customer(s) with open invoices listed", message)
        self.assertEqual(round_.line_ids.partner_id, self.customer)
        # again: nothing new, and it says so
        kind, message = self._notice(round_.action_generate_lines())
        self.assertEqual(kind, "warning")
        self.assertIn("none of the 1 customer(s)", message)
        self.assertEqual(len(round_.line_ids), 1)
        # once every customer is listed
        self._invoice(self.customer_2, 90)
        round_.action_generate_lines()
        kind, message = self._notice(round_.action_generate_lines())
        self.assertIn("every customer of Collector A is already listed", message)
        self.assertEqual(len(round_.line_ids), 2)

    def test_listing_nobody_says_why(self):
        round_ = self._round()
        kind, message = self._notice(round_.action_generate_lines())
        self.assertEqual(kind, "warning")
        self.assertIn("none of the 2 customer(s)", message)
        self.assertIn("has an open invoice in", message)
        self.assertFalse(round_.line_ids)
        # a collector nobody pays: the fix is on the customers
        lonely = self._round(collector_id=self.other_collector.id)
        kind, message = self._notice(lonely.action_generate_lines())
        self.assertIn("no customer pays by collector", message)
        self.assertIn("Pays by Collector", message)
        # an area without customers names the area
        south = self._round(area="South")
        kind, message = self._notice(south.action_generate_lines())
        self.assertIn("in the area South", message)

    def test_new_round_defaults_to_the_collector_creating_it(self):
        # a collector who is also a services user (e.g. a cashier on rounds)
        self.other_collector.group_ids = [
            Command.link(self.env.ref("service_base.group_service_user").id)
        ]
        Round = self.env["service.collection.round"]
        round_ = Round.with_user(self.other_collector).create({})
        self.assertEqual(round_.collector_id, self.other_collector)
        # staff who are not collectors choose the collector themselves
        self.assertFalse(Round.with_user(self.cashier).new({}).collector_id)
