# covers: CON-02, CON-03, CON-05
"""What the contract form and list show (issue 17): a formula line's amount
per period is what billing invoices; a contract held for missing inputs
says so, with the reason and since when; the list adds monthly
equivalents, never monthly and quarterly amounts into one total."""

from lxml import etree

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestContractFormFigures(ContractCase):
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

    def _formula_line_contract(self):
        return self._contract(
            months_ago=0,
            line_ids=[
                (0, 0, {"product_id": self.guard.id, "quantity": 1, "price_unit": 100}),
                (
                    0,
                    0,
                    {
                        "product_id": self.event.id,
                        "quantity": 1,
                        "price_unit": 25,
                        "formula_id": self.minimum_hours.id,
                    },
                ),
            ],
        )

    def test_formula_line_amount_equals_the_billed_amount(self):
        contract = self._formula_line_contract()
        line = contract.line_ids.filtered("formula_id")
        self._inputs(contract, contract.date_start, hours=3, rate=50)
        # max(3, 4) * 50, not quantity x unit price (25.00)
        self.assertAlmostEqual(line.price_subtotal_period, 200.0)
        run = self._run(contract.date_start)
        invoice_line = run.invoice_ids.invoice_line_ids.filtered(
            lambda invoice_line: invoice_line.product_id == self.event
        )
        self.assertAlmostEqual(invoice_line.price_subtotal, line.price_subtotal_period)
        self.assertAlmostEqual(
            run.invoice_ids.amount_untaxed, contract.amount_period, places=2
        )
        # the lines table shows that amount, under the name the form uses
        arch = etree.fromstring(
            self.env["service.contract"].get_view(
                self.env.ref("service_contract.service_contract_view_form").id
            )["arch"]
        )
        column = arch.xpath(
            "//field[@name='line_ids']/list/field[@name='price_subtotal_period']"
        )
        self.assertEqual(column[0].get("string"), "Amount per Period")
        self.assertIsNone(column[0].get("optional"), "never hidden")
        # few columns by default beside the chatter
        shown = [
            field.get("name")
            for field in arch.xpath("//field[@name='line_ids']/list/field")
            if field.get("optional") != "hide"
            and field.get("column_invisible") != "1"
            and field.get("widget") != "handle"
        ]
        self.assertLessEqual(len(shown), 5, shown)

    def test_held_contract_shows_reason_and_since_when(self):
        contract = self._formula_line_contract()
        self.assertFalse(contract.billing_hold_reason)
        run = self._run(contract.date_start)
        self.assertEqual(run.held_count, 1)
        contract.invalidate_recordset()
        self.assertIn("hours", contract.billing_hold_reason)
        self.assertEqual(contract.billing_hold_reason, run.issue_ids.message)
        self.assertEqual(contract.billing_held_since, run.issue_ids.create_date)
        # a second run still holding it: held since the first one
        second = self._run(contract.date_start)
        contract.invalidate_recordset()
        self.assertEqual(second.held_count, 1)
        self.assertEqual(contract.billing_held_since, run.issue_ids.create_date)
        # the inputs entered and billed: the banner goes away
        self._inputs(contract, contract.date_start, hours=5, rate=10)
        third = self._run(contract.date_start)
        self.assertEqual(third.held_count, 0)
        self.assertTrue(third.invoice_ids)
        contract.invalidate_recordset()
        self.assertFalse(contract.billing_hold_reason)
        self.assertFalse(contract.billing_held_since)
        arch = self.env["service.contract"].get_view(
            self.env.ref("service_contract.service_contract_view_form").id
        )["arch"]
        banner = etree.fromstring(arch).xpath("//div[@name='billing_hold']")
        self.assertEqual(banner[0].get("invisible"), "not billing_hold_reason")

    def test_list_totals_monthly_equivalents_not_mixed_periods(self):
        monthly = self._contract(
            months_ago=0,
            line_ids=[(0, 0, {"product_id": self.guard.id, "price_unit": 100})],
        )
        quarterly = self._contract(
            months_ago=0,
            billing_period="quarterly",
            line_ids=[(0, 0, {"product_id": self.guard.id, "price_unit": 300})],
        )
        self.assertEqual((monthly + quarterly).mapped("amount_period"), [100, 300])
        self.assertEqual((monthly + quarterly).mapped("amount_monthly"), [100, 100])
        totals = self.env["service.contract"].formatted_read_group(
            [("id", "in", (monthly + quarterly).ids)], [], ["amount_monthly:sum"]
        )
        self.assertAlmostEqual(totals[0]["amount_monthly:sum"], 200.0)
        arch = etree.fromstring(
            self.env["service.contract"].get_view(
                self.env.ref("service_contract.service_contract_view_list").id
            )["arch"]
        )
        self.assertIsNone(arch.xpath("//field[@name='amount_period']")[0].get("sum"))
        self.assertTrue(arch.xpath("//field[@name='amount_monthly']")[0].get("sum"))
