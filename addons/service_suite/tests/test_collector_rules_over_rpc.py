# covers: API-01, COL-03, COL-04
"""Issue 16 reproductions by a user with only the Collector group, over
XML-RPC: he records what he collects on his own round in progress, nothing
else; handover, counting and clearing are the cashier's actions."""

from odoo import Command

from .common import RulesCase


class TestCollectorRulesOverRpc(RulesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collector = cls.users["collector"]
        cls.other_collector = cls._user(
            "rules_collector_2", "service_base.group_service_collector", cls.company_a
        )
        cls.other_round = cls.env["service.collection.round"].create(
            {"collector_id": cls.other_collector.id, "company_id": cls.company_a.id}
        )
        cls.other_round.write(
            {
                "state": "in_progress",
                "line_ids": [
                    Command.create(
                        {"partner_id": cls.customer.id, "amount_expected": 10}
                    )
                ],
            }
        )

    def test_collector_is_collector_only(self):
        self.assertFalse(self.collector.has_group("service_base.group_service_user"))

    def test_collector_cannot_write_cash_handed_over_to_hide_a_shortage(self):
        fault = self.assertRefused(
            self.collector,
            "service.collection.round",
            "write",
            [self.round.id],
            {"cash_handed_over": 999},
        )
        self.assertIn("Cash Handed Over", fault)
        self.env.invalidate_all()
        self.assertEqual(self.round.cash_handed_over, 0)

    def test_collector_cannot_hand_over_by_writing_the_state(self):
        self.assertRefused(
            self.collector,
            "service.collection.round",
            "write",
            [self.round.id],
            {"state": "handed_over"},
        )
        self.assertRefused(
            self.collector,
            "service.collection.round",
            "action_handover",
            [self.round.id],
        )
        self.env.invalidate_all()
        self.assertEqual(self.round.state, "in_progress")
        self.assertFalse(self.round.sudo().payment_ids)

    def test_handed_over_round_cannot_be_written_back_to_in_progress(self):
        self.round.line_ids.sudo().amount_cash = 40
        self.round.with_user(self.users["service_user"]).action_handover()
        payments = self.round.sudo().payment_ids
        self.assertTrue(payments)
        for role in ("collector", "service_user", "manager"):
            self.assertRefused(
                self.users[role],
                "service.collection.round",
                "write",
                [self.round.id],
                {"state": "in_progress"},
            )
        self.env.invalidate_all()
        self.assertEqual(self.round.state, "handed_over")
        # so a second handover, which would post every line again, is refused
        self.assertRefused(
            self.users["service_user"],
            "service.collection.round",
            "action_handover",
            [self.round.id],
        )
        self.assertEqual(self.round.sudo().payment_ids, payments)

    def test_collector_cannot_move_his_round_to_another_collector(self):
        self.assertRefused(
            self.collector,
            "service.collection.round",
            "write",
            [self.round.id],
            {"collector_id": self.other_collector.id},
        )
        self.env.invalidate_all()
        self.assertEqual(self.round.collector_id, self.collector)

    def test_collector_cannot_create_a_cheque_on_another_collectors_round(self):
        Cheque = self.env["service.cheque"]
        count = Cheque.search_count([])
        fault = self.assertRefused(
            self.collector,
            "service.cheque",
            "create",
            {
                "partner_id": self.customer.id,
                "bank_name": "Gulf Bank",
                "number": "999",
                "amount": 999,
                "round_line_id": self.other_round.line_ids.id,
            },
        )
        self.assertIn("own round", fault)
        self.assertEqual(Cheque.search_count([]), count)
        # on his own round in progress he records it
        cheque_id, fault = self.call(
            self.collector,
            "service.cheque",
            "create",
            {
                "partner_id": self.customer.id,
                "bank_name": "Gulf Bank",
                "number": "1000",
                "amount": 25,
                "round_line_id": self.round.line_ids.id,
            },
        )
        self.assertIsNone(fault)
        self.assertEqual(Cheque.browse(cheque_id).collector_id, self.collector)

    def test_cheque_cannot_be_cleared_by_writing_the_state(self):
        cheque, __ = self.documents["service.cheque"]
        for role in ("collector", "service_user", "manager"):
            self.assertRefused(
                self.users[role],
                "service.cheque",
                "write",
                [cheque.id],
                {"state": "cleared"},
            )
        self.assertRefused(
            self.collector, "service.cheque", "action_clear", [cheque.id]
        )
        self.env.invalidate_all()
        self.assertEqual(cheque.state, "draft")
        self.assertFalse(cheque.clear_move_id)
