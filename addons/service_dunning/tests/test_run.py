# covers: DUN-02
"""A run sends one communication per customer and level listing every
overdue item; rerunning sends nothing; a crashed run is run again safely;
an item paid between runs drops out."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from .common import DunningCase


class TestDunningRun(DunningCase):
    def _mails(self, partner):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "service.dunning.communication"),
                ("recipient_ids", "in", partner.ids),
            ]
        )

    def test_one_communication_per_customer_and_level(self):
        invoices = [
            self._invoice(self.customer, 100 + n, days_late=40 - n) for n in range(4)
        ]
        self._invoice(self.customer_2, 80, days_late=15)
        run = self._dunning_run()
        communication = self._communications()
        self.assertEqual(len(communication), 1)
        self.assertEqual(communication.state, "sent")
        self.assertEqual(
            sorted(communication.line_ids.move_id.ids), sorted(i.id for i in invoices)
        )
        self.assertEqual(communication.amount_overdue, 406)
        self.assertEqual(
            communication.line_ids.sorted("date_maturity")[0].days_late, 40
        )
        self.assertEqual(run.communication_count, 2)
        self.assertEqual(len(self._mails(self.customer)), 1)
        mail = self._mails(self.customer)
        self.assertIn("406", mail.body_html)
        self.assertIn("four hundred", mail.body_html.lower())
        self.assertIn("/my/statement", mail.body_html)
        self.assertEqual(run.state, "done")

    def test_rerun_same_day_sends_nothing(self):
        self._invoice(self.customer, 100, days_late=40)
        self._dunning_run()
        rerun = self._dunning_run()
        self.assertEqual(rerun.communication_count, 0)
        self.assertEqual(len(self._communications()), 1)
        self.assertEqual(len(self._mails(self.customer)), 1)

    def test_same_level_next_day_sends_nothing(self):
        """One reminder per level and episode, not one a day."""
        self._invoice(self.customer, 100, days_late=12)
        self._dunning_run()
        self._dunning_run(date=self.today + timedelta(days=1))
        self.assertEqual(len(self._communications()), 1)

    def test_crash_mid_run_then_rerun_sends_once(self):
        """What a crashed run had not committed is gone with it; the rerun
        sends it, exactly once."""
        self._invoice(self.customer, 100, days_late=40)
        self._invoice(self.customer_2, 100, days_late=40)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            self._dunning_run()
            self.assertEqual(len(self._communications()), 1)
            raise RuntimeError("worker killed before commit")
        self.assertFalse(self._communications())
        # a run left running by a dead worker is simply run again
        stuck = self.env["service.dunning.run"].create(
            {"company_id": self.company_a.id}
        )
        stuck.sudo()._service_write_protected({"state": "running"})
        stuck.with_user(self.accountant).action_run()
        self.assertEqual(stuck.state, "done")
        self.assertEqual(len(self._communications()), 1)
        self.assertEqual(len(self._communications(self.customer_2)), 1)
        self._dunning_run()
        self.assertEqual(len(self._mails(self.customer)), 1)

    def test_paid_item_drops_out(self):
        paid = self._invoice(self.customer, 100, days_late=40)
        kept = self._invoice(self.customer, 60, days_late=20)
        self._dunning_run()
        self._pay(paid, 100)
        self._dunning_run(date=self.today + timedelta(days=15))
        latest = self._communications()[:1]
        # the oldest item is paid: a new episode for the one left (35 days)
        self.assertEqual(latest.line_ids.move_id, kept)
        self.assertEqual(latest.level_id, self.level_2)
        self.assertEqual(latest.amount_overdue, 60)

    def test_partly_paid_item_reminds_its_rest(self):
        invoice = self._invoice(self.customer, 100, days_late=40)
        self._pay(invoice, 70)
        self._dunning_run()
        self.assertEqual(self._communications().amount_overdue, 30)
        self.assertEqual(self._communications().line_ids.amount_residual, 30)

    def test_review_before_send_waits_for_the_accountant(self):
        self.scenario.review_before_send = True
        self._invoice(self.customer, 100, days_late=40)
        run = self._dunning_run()
        communication = self._communications()
        self.assertEqual(run.state, "review")
        self.assertEqual(communication.state, "to_review")
        self.assertFalse(self._mails(self.customer))
        with self.assertRaises(AccessError):
            run.with_user(self.users["service_user"]).action_send()
        run.with_user(self.accountant).action_send()
        self.assertEqual(run.state, "done")
        self.assertEqual(communication.state, "sent")
        self.assertEqual(len(self._mails(self.customer)), 1)

    def test_state_cannot_be_written_directly(self):
        self._invoice(self.customer, 100, days_late=40)
        run = self._dunning_run()
        with self.assertRaises(UserError):
            run.with_user(self.accountant).write({"state": "draft"})
        with self.assertRaises(UserError):
            self._communications().with_user(self.accountant).write({"state": "draft"})
        self.assertEqual(run.state, "done")

    def test_plain_user_cannot_run(self):
        run = self.env["service.dunning.run"].create({"company_id": self.company_a.id})
        with self.assertRaises(AccessError):
            run.with_user(self.users["service_user"]).action_run()
        self.assertEqual(run.state, "draft")
