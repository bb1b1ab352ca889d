# covers: UTL-03, CON-03, CON-05, CON-08
from datetime import date

from odoo.tests import tagged

from .common import UtilityCase, tiered


@tagged("post_install", "-at_install")
class TestConsumptionBilling(UtilityCase):
    def _consumption(self, contract, start):
        return self.env["service.consumption"].search(
            [("contract_id", "=", contract.id), ("period_start", "=", start)]
        )

    def test_tiered_formula_billed_to_the_cent_prorated_to_period_bounds(self):
        contract = self._metered_contract()
        # 10 a day until 11 January, 12.3 a day after: neither date is a bound
        self._read(date(2025, 12, 27), 1000)
        self._read(date(2026, 1, 11), 1150)
        self._read(date(2026, 2, 10), 1519)
        run = self._bill(date(2026, 1, 31))
        consumption = self._consumption(contract, date(2026, 1, 1))
        # 31 Dec: 1000 + 4 x 10 = 1040; 31 Jan: 1150 + 20 x 12.3 = 1396
        self.assertAlmostEqual(consumption.quantity, 356.0, places=3)
        self.assertFalse(consumption.estimated)
        invoice = run.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        # 5 + 100 x 0.20 + 200 x 0.15 + 56 x 0.10 = 60.60
        self.assertEqual(tiered(356), 60.6)
        self.assertAlmostEqual(invoice.amount_untaxed, 60.60, places=2)
        self.assertAlmostEqual(invoice.amount_total, 69.69, places=2)
        self.assertIn("consumption 356", invoice.invoice_line_ids.name)
        feed = self.env["service.contract.input"].search(
            [("line_id", "=", contract.line_ids.id)]
        )
        self.assertEqual(feed.mapped("source"), ["service_utility"])
        self.assertEqual(self.point.billed_until, date(2026, 1, 31))

    def test_estimate_when_no_reading_then_actual_corrects_next_invoice(self):
        contract = self._metered_contract()
        self._read(date(2025, 11, 30), 5000)
        self._read(date(2025, 12, 31), 5310)
        january = self._bill(date(2026, 1, 31)).invoice_ids
        first = self._consumption(contract, date(2026, 1, 1))
        self.assertTrue(first.estimated)
        self.assertAlmostEqual(first.quantity, 310.0, places=3)
        self.assertAlmostEqual(january.amount_untaxed, tiered(310), places=2)
        estimate = self.env["service.meter.reading"].search(
            [("point_id", "=", self.point.id), ("source", "=", "estimated")]
        )
        self.assertEqual(estimate.date, date(2026, 1, 31))
        self.assertAlmostEqual(estimate.value, 5620.0, places=3)
        # the actual: 490 over 59 days since 31 December
        self._read(date(2026, 2, 28), 5800)
        self.assertEqual(estimate.state, "replaced")
        february = self._bill(date(2026, 2, 28)).invoice_ids
        second = self._consumption(contract, date(2026, 2, 1))
        true_january = 490 * 31 / 59
        self.assertAlmostEqual(second.correction, true_january - 310, places=3)
        self.assertAlmostEqual(second.consumption, 490 - true_january, places=3)
        # billed January estimate + February with correction = actual total
        self.assertAlmostEqual(first.quantity + second.quantity, 490.0, places=3)
        self.assertAlmostEqual(february.amount_untaxed, tiered(180), places=2)

    def test_held_points_listed_with_reason_and_billed_once_reviewed(self):
        held_contract = self._metered_contract()
        self._read(date(2025, 12, 31), 1000)
        self._read(date(2026, 1, 15), 1150)
        flagged = self._read(date(2026, 2, 2), 1100)  # lower: waits for review
        self.assertEqual(flagged.state, "to_review")
        silent = self._point("859182400000000012", "cz_ean", estimate_missing=False)
        self._meter(silent, "M-CZ", date(2025, 1, 1))
        self._read(date(2025, 12, 31), 10, point=silent)
        silent_contract = self._metered_contract(point=silent)
        other = self._contract(months_ago=11)  # the rest is billed
        self._inputs(other, other.date_start)
        run = self._bill(date(2026, 1, 31))
        held = run.issue_ids.filtered(lambda i: i.kind == "held")
        self.assertEqual(held.contract_id, held_contract | silent_contract)
        messages = dict(zip(held.contract_id.ids, held.mapped("message"), strict=True))
        self.assertIn("IT001E12345678", messages[held_contract.id])
        self.assertIn("waiting for review", messages[held_contract.id])
        self.assertIn("lower than the previous reading", messages[held_contract.id])
        self.assertIn("859182400000000012", messages[silent_contract.id])
        self.assertIn("estimates are off", messages[silent_contract.id])
        self.assertEqual(run.invoice_ids.service_contract_id, other)
        control = self.env["service.consumption"].search(
            [("contract_id", "=", held_contract.id)]
        )
        self.assertEqual(control.state, "held")
        # the reviewer rejects the wrong reading: the point is billed next run
        flagged.with_user(self.users["supervisor"]).action_reject()
        self._read(date(2026, 2, 3), 1320)
        rerun = self._bill(date(2026, 1, 31))
        self.assertEqual(rerun.invoice_ids.service_contract_id, held_contract)
        # 15 Jan 1150, 3 Feb 1320: 31 Jan = 1150 + 16 x 170 / 19
        quantity = 150 + 16 * 170 / 19
        self.assertAlmostEqual(
            rerun.invoice_ids.amount_untaxed, tiered(quantity), places=2
        )
        self.assertEqual(
            self._consumption(held_contract, date(2026, 1, 1)).state, "ready"
        )
        # running again bills nothing twice
        self.assertFalse(self._bill(date(2026, 1, 31)).invoice_ids)

    def test_meter_change_and_multiplier_within_a_period(self):
        contract = self._metered_contract()
        self._read(date(2025, 12, 31), 1000)
        self.meter.date_removed = date(2026, 1, 15)
        self._read(date(2026, 1, 15), 1150)  # the old meter's final reading
        new = self._meter(self.point, "M-300", date(2026, 1, 15), multiplier=2)
        self._read(date(2026, 1, 15), 0, meter_id=new.id)
        self._read(date(2026, 2, 1), 85)  # 85 x 2 = 170 in 17 days
        invoice = self._bill(date(2026, 1, 31)).invoice_ids
        # 150 on the old meter, 16 days x 10 on the new one
        self.assertAlmostEqual(
            self._consumption(contract, date(2026, 1, 1)).quantity, 310.0, places=3
        )
        self.assertAlmostEqual(invoice.amount_untaxed, tiered(310), places=2)

    def test_control_list_before_billing_bills_nothing(self):
        contract = self._metered_contract()
        self._read(date(2025, 12, 31), 1000)
        self._read(date(2026, 1, 31), 1310)
        run = self.env["service.billing.run"].create({"date_until": date(2026, 1, 31)})
        action = run.with_user(self.users["supervisor"]).action_check_consumption()
        control = self.env["service.consumption"].search(action["domain"])
        self.assertEqual(control.contract_id, contract)
        self.assertAlmostEqual(control.quantity, 310.0, places=3)
        self.assertFalse(contract.invoice_count)
        self.assertEqual(run.state, "draft")
        run.action_run()
        self.assertAlmostEqual(run.invoice_ids.amount_untaxed, tiered(310), places=2)

    def test_advances_settled_against_metered_consumption(self):
        advance = self.env["product.product"].create(
            {
                "name": "Advance on energy",
                "type": "service",
                "service_fee_method": "fixed",
                "taxes_id": [(6, 0, self.tax.ids)],
            }
        )
        contract = self._metered_contract(
            advance_amount=50, advance_product_id=advance.id
        )
        self._read(date(2025, 12, 31), 0)
        self._read(date(2026, 3, 31), 900)  # 10 a day
        run = self._bill(date(2026, 3, 31))
        self.assertEqual(run.invoice_ids.mapped("amount_untaxed"), [50.0] * 3)
        contract.settlement_date = date(2026, 3, 31)
        settlement = contract.with_user(self.users["supervisor"]).action_settle()
        actual = tiered(310) + tiered(280) + tiered(310)
        self.assertAlmostEqual(settlement.amount_untaxed, actual - 150, places=2)
        self.assertEqual(settlement.state, "posted")
