# covers: CON-03, CON-05, BAS-03
"""One amount per period for every line kind (issue 11): a formula line
counts what billing will invoice (its formula over the latest inputs) or
the estimate the user gives; approvals, lists, lost revenue and the agents'
portfolio read it. A settlement missing inputs is held, never an error."""

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestAmountPerPeriod(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.minimum_hours = cls.env["service.formula"].create(
            {
                "name": "At least 4 hours",
                "expression": "max(hours, 4) * rate",
                "input_names": "hours, rate",
            }
        )

    def _formula_contract(self, **line_values):
        return self._contract(
            months_ago=0,
            state="draft",
            line_ids=[
                (
                    0,
                    0,
                    dict(
                        {
                            "product_id": self.event.id,
                            "quantity": 1,
                            "price_unit": 25,
                            "formula_id": self.minimum_hours.id,
                        },
                        **line_values,
                    ),
                )
            ],
        )

    def test_formula_line_counts_its_formula_over_the_latest_inputs(self):
        contract = self._formula_contract()
        line = contract.line_ids
        # no input yet: quantity x unit price, as before
        self.assertAlmostEqual(contract.amount_period, 25.0)
        self._inputs(contract, contract.date_start, hours=3, rate=1106.25)
        self.assertAlmostEqual(line.price_subtotal_period, 4425.0)
        self.assertAlmostEqual(contract.amount_period, 4425.0)
        # a later period's inputs replace the older ones
        self._inputs(
            contract, contract.date_start + relativedelta(months=1), hours=10, rate=50
        )
        self.assertAlmostEqual(contract.amount_period, 500.0)
        # and it is what billing invoices for that period
        contract.write({"state": "active", "next_billing_date": contract.date_start})
        run = self._run(contract.date_start)
        self.assertAlmostEqual(run.invoice_ids.amount_untaxed, 4425.0)

    def test_estimate_given_by_the_user_wins(self):
        contract = self._formula_contract(amount_estimate=3000, discount=10)
        self._inputs(contract, contract.date_start, hours=3, rate=1106.25)
        self.assertAlmostEqual(contract.amount_period, 2700.0)

    def test_monthly_amount_of_a_quarterly_line(self):
        contract = self._formula_contract(billing_period="quarterly")
        self._inputs(contract, contract.date_start, hours=6, rate=100)
        line = contract.line_ids
        self.assertAlmostEqual(line.price_subtotal_period, 600.0)
        self.assertAlmostEqual(line.price_subtotal_monthly, 200.0)

    def test_formula_contract_is_approved_on_its_real_amount(self):
        self.env["service.approval.rule"].search(
            [("model", "=", "service.contract"), ("company_id", "=", self.company_a.id)]
        ).action_archive()
        self.env["service.approval.rule"].create(
            {
                "name": "Contracts over 1,000",
                "company_id": self.company_a.id,
                "model_id": self.env["ir.model"]._get_id("service.contract"),
                "min_amount": 1000,
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Supervisor",
                            "group_id": self.env.ref(
                                "service_base.group_service_supervisor"
                            ).id,
                        },
                    )
                ],
            }
        )
        small = self._formula_contract()
        small.action_confirm()
        self.assertEqual(small.state, "active", "25.00: under the threshold")
        large = self._formula_contract()
        self._inputs(large, large.date_start, hours=3, rate=1106.25)
        large.action_confirm()
        self.assertEqual(large.state, "waiting", "4,425.00 needs a supervisor")
        self.assertEqual(large.approval_state, "pending")

    def test_settlement_missing_inputs_is_held_with_their_names(self):
        advance = self.env["product.product"].create(
            {"name": "Advance", "type": "service", "service_fee_method": "fixed"}
        )
        contract = self._contract(
            months_ago=1, advance_amount=200, advance_product_id=advance.id
        )
        self._inputs(contract, contract.date_start)  # the second month is missing
        contract.settlement_date = contract.date_start + relativedelta(
            months=2, days=-1
        )
        run = self._run(contract.settlement_date)
        issue = run.issue_ids.filtered(lambda i: i.contract_id == contract)
        self.assertEqual(issue.kind, "held")
        self.assertEqual(
            issue.period_start, contract.date_start + relativedelta(months=1)
        )
        self.assertIn("hours, rate", issue.message)
        self.assertEqual(run.error_count, 0)
        self.assertEqual(run.held_count, 1)
        # not settled: it waits for the inputs
        self.assertTrue(contract.settlement_date)
        self.assertFalse(contract.last_settlement_date)
