# covers: CAN-02
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestCancellationBilling(CancellationCase):
    def _invoices(self, contract, move_type="out_invoice"):
        return self.env["account.move"].search(
            [("service_contract_id", "=", contract.id), ("move_type", "=", move_type)],
            order="invoice_date, id",
        )

    def test_billing_stops_at_effective_date_and_credit_note_is_exact(self):
        contract = self._simple_contract()
        self._run(date(2025, 3, 1))  # January, February, March billed ahead
        self.assertEqual(len(self._invoices(contract)), 3)
        # received 1 February + 30 days: the services run up to 3 March
        cancellation = self._approve(self._cancellation(contract))
        self.assertEqual(cancellation.date_effective, date(2025, 3, 3))
        self.assertEqual(contract.date_end, date(2025, 3, 3))
        self.assertEqual(contract.terminated_on, date(2025, 3, 3))
        self.assertIn(cancellation.name, contract.termination_reason)

        self.env["service.cancellation"]._cron_apply()
        self.assertEqual(cancellation.state, "done")
        self.assertEqual(contract.state, "ended")
        credit = cancellation.credit_note_id
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.state, "posted")
        # March: 28 of 31 days credited; 100.00 -> 90.32, 31.00 -> 28.00
        self.assertEqual(
            sorted(credit.invoice_line_ids.mapped("price_subtotal")), [28.0, 90.32]
        )
        self.assertAlmostEqual(credit.amount_untaxed, 118.32, places=2)
        self.assertAlmostEqual(credit.amount_total, 136.07, places=2)
        self.assertEqual(credit, self._invoices(contract, "out_refund"))
        self.assertFalse(cancellation.final_invoice_ids, "nothing was left to bill")
        # billing stopped: a later run bills nothing more for this contract
        self._run(date(2025, 6, 1))
        self.assertEqual(len(self._invoices(contract)), 3)

    def test_final_invoice_bills_arrears_up_to_effective_date(self):
        contract = self._simple_contract(billing_mode="arrears")
        self._run(date(2025, 2, 28))  # January and February, billed at their end
        self.assertEqual(len(self._invoices(contract)), 2)
        cancellation = self._approve(self._cancellation(contract))
        self.env["service.cancellation"]._cron_apply()
        final = cancellation.final_invoice_ids
        self.assertEqual(len(final), 1)
        self.assertEqual(final.state, "posted")
        self.assertEqual(final.invoice_date, date(2025, 3, 3))
        # 1-3 March: the fixed guard fee is due whole, monitoring 3 of 31 days
        self.assertEqual(
            sorted(final.invoice_line_ids.mapped("price_subtotal")), [3.0, 100.0]
        )
        self.assertFalse(cancellation.credit_note_id, "nothing was prepaid")

    def test_cancelling_lines_keeps_the_contract_running(self):
        contract = self._simple_contract()
        self._run(date(2025, 3, 1))
        monitoring = contract.line_ids.filtered(
            lambda line: line.product_id == self.monitoring
        )
        cancellation = self._approve(
            self._cancellation(contract, scope="lines", line_ids=monitoring.ids)
        )
        self.assertEqual(monitoring.date_end, date(2025, 3, 3))
        self.assertFalse(contract.date_end)
        self.env["service.cancellation"]._cron_apply()
        self.assertEqual(cancellation.state, "done")
        self.assertEqual(contract.state, "active")
        self.assertEqual(
            cancellation.credit_note_id.invoice_line_ids.mapped("price_subtotal"),
            [28.0],
        )
        self._run(date(2025, 4, 1))
        april = self._invoices(contract)[-1]
        self.assertEqual(april.invoice_date, date(2025, 4, 1))
        self.assertEqual(april.invoice_line_ids.product_id, self.guard)

    def test_items_are_removed_and_future_visits_cancelled(self):
        contract = self._simple_contract()
        line = contract.line_ids[0]
        item = self.env["service.item"].create(
            {
                "product_id": self.basic_guard.id,
                "partner_id": self.customer.id,
                "contract_line_id": line.id,
            }
        )
        visits = self.env["service.visit"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "contract_line_id": line.id,
                    "date_due": due,
                }
                for due in (date(2025, 3, 1), date(2025, 3, 20), date(2025, 5, 2))
            ]
        )
        cancellation = self._approve(self._cancellation(contract))
        cancellation.with_user(self.users["supervisor"]).action_apply()
        self.assertEqual(item.state, "removed")
        self.assertEqual(item.removal_date, date(2025, 3, 3))
        self.assertEqual(visits.mapped("state"), ["planned", "cancelled", "cancelled"])

    def test_applying_twice_credits_once(self):
        contract = self._simple_contract()
        self._run(date(2025, 3, 1))
        cancellation = self._approve(self._cancellation(contract))
        Cancellation = self.env["service.cancellation"]
        Cancellation._cron_apply()
        Cancellation._cron_apply()
        cancellation._apply_locked()
        self.assertEqual(len(self._invoices(contract, "out_refund")), 1)

    def test_scheduled_cancellation_waits_for_its_effective_date(self):
        contract = self._simple_contract()
        cancellation = self._approve(self._cancellation(contract))
        self.env["service.cancellation"]._cron_apply(today=date(2025, 3, 2))
        self.assertEqual(cancellation.state, "approved")
        self.env["service.cancellation"]._cron_apply(today=date(2025, 3, 3))
        self.assertEqual(cancellation.state, "done")

    def test_terminated_contract_is_never_renewed(self):
        contract = self._simple_contract(
            date_end=date(2025, 12, 31), renewal_mode="auto"
        )
        cancellation = self._cancellation(contract, date_received=date(2025, 2, 1))
        cancellation.with_user(self.users["supervisor"]).write(
            {
                "date_effective_override": date(2025, 3, 31),
                "override_reason": "Agreed with the customer",
            }
        )
        self._approve(cancellation)
        contract.write({"state": "active"})  # as if the daily job had not run
        self.env["service.contract"]._cron_renewals(today=date(2025, 4, 2))
        self.assertEqual(contract.date_end, date(2025, 3, 31))

    def test_a_line_already_cancelled_is_not_cancelled_twice(self):
        contract = self._simple_contract()
        self._run(date(2025, 3, 1))
        monitoring = contract.line_ids.filtered(
            lambda line: line.product_id == self.monitoring
        )
        self._approve(
            self._cancellation(contract, scope="lines", line_ids=monitoring.ids)
        )
        self.env["service.cancellation"]._cron_apply()
        again = self._cancellation(
            contract,
            scope="lines",
            line_ids=monitoring.ids,
            date_received=date(2025, 1, 20),
        )
        with self.assertRaises(UserError):
            again.action_submit()
        self.assertEqual(len(self._invoices(contract, "out_refund")), 1)
