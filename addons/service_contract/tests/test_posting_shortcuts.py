# covers: CON-04
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestPostingShortcuts(ContractCase):
    """The billing run reads invoice-number formats and analytic distribution
    models once, not per invoice: numbers and analytics stay what Odoo gives."""

    def _bill(self, count):
        contracts = self.env["service.contract"]
        for _i in range(count):
            contract = self._contract(months_ago=0)
            self._inputs(contract, contract.date_start)
            contracts |= contract
        return self._run().invoice_ids

    def test_invoice_numbers_are_consecutive_without_gaps(self):
        invoices = self._bill(5).sorted("sequence_number")
        numbers = invoices.mapped("sequence_number")
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 5)))
        self.assertEqual(len(set(invoices.mapped("sequence_prefix"))), 1)
        self.assertFalse(any(invoices.mapped("made_sequence_gap")))
        # an invoice posted by hand afterwards continues the same sequence
        manual = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": invoices[0].invoice_date,
                "journal_id": invoices[0].journal_id.id,
                "invoice_line_ids": [(0, 0, {"name": "Extra", "price_unit": 10})],
            }
        )
        manual.action_post()
        self.assertEqual(manual.sequence_number, numbers[-1] + 1)
        self.assertFalse(manual.made_sequence_gap)

    def test_analytic_distribution_models_still_apply(self):
        plan = self.env["account.analytic.plan"].create({"name": "Sites"})
        account = self.env["account.analytic.account"].create(
            {"name": "Harbour site", "plan_id": plan.id, "company_id": False}
        )
        self.env["account.analytic.distribution.model"].create(
            {
                "product_id": self.guard.id,
                "analytic_distribution": {str(account.id): 100},
            }
        )
        invoices = self._bill(2)
        guard_lines = invoices.invoice_line_ids.filtered(
            lambda line: line.product_id == self.guard
        )
        self.assertEqual(len(guard_lines), 2)
        for line in guard_lines:
            self.assertEqual(line.analytic_distribution, {str(account.id): 100})
        others = invoices.invoice_line_ids - guard_lines
        self.assertFalse(any(others.mapped("analytic_distribution")))
