# covers: CON-02, CON-04
from datetime import date

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestLinePeriods(ContractCase):
    """Lines with their own billing period on a monthly contract."""

    def _own_period_contract(self, mode="advance", **values):
        return self.env["service.contract"].create(
            dict(
                {
                    "partner_id": self.customer.id,
                    "date_start": date(2025, 1, 1),
                    "billing_period": "monthly",
                    "billing_mode": mode,
                    "state": "active",
                    "line_ids": [
                        (0, 0, {"product_id": self.guard.id, "price_unit": 100}),
                        (
                            0,
                            0,
                            {
                                "product_id": self.monitoring.id,
                                "price_unit": 1200,
                                "billing_period": "yearly",
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "product_id": self.patrol.id,
                                "name": "Installation",
                                "quantity": 1,
                                "price_unit": 500,
                                "billing_period": "one_off",
                                "date_start": date(2025, 2, 10),
                            },
                        ),
                    ],
                },
                **values,
            )
        )

    def _billed(self, contract):
        lines = self.env["account.move.line"].search(
            [("service_contract_line_id", "in", contract.line_ids.ids)]
        )
        return {
            (line.service_contract_line_id.name, line.service_period_start)
            for line in lines
        }, lines

    def test_yearly_and_one_off_lines_on_a_monthly_contract(self):
        contract = self._own_period_contract()
        run = self._run(date_until=date(2026, 1, 31))
        # 13 monthly invoices: the yearly fee in January 2025 and 2026, the
        # installation once in February 2025
        self.assertEqual(len(run.invoice_ids), 13)
        billed, lines = self._billed(contract)
        monitoring = contract.line_ids[1]
        yearly = lines.filtered(
            lambda line: line.service_contract_line_id == monitoring
        )
        self.assertEqual(
            sorted(yearly.mapped("service_period_start")),
            [date(2025, 1, 1), date(2026, 1, 1)],
        )
        first = yearly.sorted("service_period_start")[0]
        self.assertEqual(first.service_period_end, date(2025, 12, 31))
        self.assertEqual(set(yearly.mapped("price_subtotal")), {1200.0})
        self.assertIn(("Installation", date(2025, 2, 10)), billed)
        installation = lines.filtered(lambda line: line.name.startswith("Installation"))
        self.assertEqual(len(installation), 1)
        self.assertEqual(installation.move_id.invoice_date, date(2025, 2, 1))
        february = run.invoice_ids.filtered(
            lambda move: move.invoice_date == date(2025, 2, 1)
        )
        self.assertAlmostEqual(february.amount_untaxed, 600.0)
        # a rerun bills none of them again
        self.assertFalse(self._run(date_until=date(2026, 1, 31)).invoice_ids)

    def test_yearly_line_pro_rated_when_the_contract_ends(self):
        contract = self._own_period_contract(date_end=date(2025, 6, 30))
        self._run(date_until=date(2025, 6, 30))
        __, lines = self._billed(contract)
        yearly = lines.filtered(
            lambda line: line.service_contract_line_id == contract.line_ids[1]
        )
        self.assertEqual(yearly.service_period_end, date(2025, 6, 30))
        # 181 of 365 days
        self.assertAlmostEqual(yearly.price_subtotal, round(1200 * 181 / 365, 2))

    def test_arrears_bill_a_line_period_in_the_month_it_ends(self):
        self._own_period_contract(
            mode="arrears",
            line_ids=[
                (0, 0, {"product_id": self.guard.id, "price_unit": 100}),
                (
                    0,
                    0,
                    {
                        "product_id": self.monitoring.id,
                        "price_unit": 300,
                        "billing_period": "quarterly",
                    },
                ),
            ],
        )
        run = self._run(date_until=date(2025, 6, 30))
        self.assertEqual(len(run.invoice_ids), 6)
        by_month = {
            move.invoice_date.month: move.amount_untaxed for move in run.invoice_ids
        }
        self.assertEqual(
            by_month, {1: 100.0, 2: 100.0, 3: 400.0, 4: 100.0, 5: 100.0, 6: 400.0}
        )

    def test_months_with_nothing_due_make_no_empty_invoice(self):
        contract = self._own_period_contract(
            line_ids=[
                (
                    0,
                    0,
                    {
                        "product_id": self.monitoring.id,
                        "price_unit": 1200,
                        "billing_period": "yearly",
                    },
                )
            ]
        )
        run = self._run(date_until=date(2025, 12, 31))
        self.assertEqual(len(run.invoice_ids), 1)
        self.assertEqual(contract.next_billing_date, date(2026, 1, 1))
        self.assertFalse(run.issue_ids)
