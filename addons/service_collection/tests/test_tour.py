# covers: COL-03
from odoo.tests import HttpCase, tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestCollectorOnPhone(CollectionCase, HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_collector_records_his_round_on_a_phone(self):
        self._invoice(self.customer, 150)
        round_ = self.env["service.collection.round"].create(
            {"collector_id": self.collector.id}
        )
        round_.action_generate_lines()
        round_.action_start()
        self.start_tour(
            "/odoo/action-service_collection.service_collection_round_action/"
            f"{round_.id}",
            "service_collection_round_mobile",
            login=self.collector.login,
        )
        line = round_.line_ids.filtered(lambda line: line.partner_id == self.customer)
        self.assertEqual(line.amount_cash, 120)
        self.assertEqual(line.note, "Paid at the gate")
        self.assertEqual(line.difference_kind, "short")
