# covers: AGT-03
from odoo import Command
from odoo.exceptions import UserError

from .common import CommissionCase


class TestVendorBill(CommissionCase):
    def _reviewed(self):
        self._agent_contract()
        self._agent_contract()
        self._run()
        settlement = self._settle()
        settlement.action_review()
        return settlement.with_user(self.users["supervisor"])

    def test_bill_to_the_agent_one_line_per_kind_and_category(self):
        self.plan.line_ids = [Command.create({"kind": "fixed", "amount": 50})]
        settlement = self._reviewed()
        settlement.action_create_bill()
        bill = settlement.bill_id
        self.assertEqual(settlement.state, "invoiced")
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.agent)
        self.assertEqual(bill.state, "draft", "posting is off by default")
        self.assertEqual(bill.invoice_date, self.month_end)
        self.assertEqual(bill.journal_id.type, "purchase")
        lines = bill.invoice_line_ids
        self.assertEqual(sorted(lines.mapped("price_subtotal")), [3.1, 20.0, 100.0])
        self.assertEqual(lines.account_id, self.expense_account)
        self.assertFalse(lines.tax_ids, "commissions are billed without tax")
        self.assertEqual(bill.amount_total, 123.1)
        self.assertEqual(bill.amount_total, settlement.amount_total)
        self.assertTrue(any("Guarding" in name for name in lines.mapped("name")))

    def test_posted_bill_books_the_expense_against_the_agent(self):
        self.company_a.service_commission_post_bills = True
        settlement = self._reviewed()
        settlement.action_create_bill()
        bill = settlement.bill_id
        self.assertEqual(bill.state, "posted")
        expense = bill.line_ids.filtered(lambda x: x.account_id == self.expense_account)
        self.assertEqual(sum(expense.mapped("debit")), 23.1)
        payable = bill.line_ids.filtered(
            lambda x: x.account_id.account_type == "liability_payable"
        )
        self.assertEqual(payable.credit, 23.1)
        self.assertEqual(payable.partner_id, self.agent)

    def test_clawbacks_exceeding_commissions_give_a_refund(self):
        settlement = self._reviewed()
        settlement.action_create_bill()
        contract = settlement.line_ids.contract_id[0]
        contract._service_terminate(self.today, "Moved away")
        later = self._settle()
        later.action_review()
        later.action_create_bill()
        self.assertEqual(later.amount_total, -11.55)
        self.assertEqual(later.bill_id.move_type, "in_refund")
        self.assertEqual(later.bill_id.amount_total, 11.55)

    def test_billing_needs_the_expense_account(self):
        self.company_a.service_commission_account_id = False
        settlement = self._reviewed()
        with self.assertRaisesRegex(UserError, "Commission Expense Account"):
            settlement.action_create_bill()
        self.assertEqual(settlement.state, "reviewed")
        self.assertFalse(settlement.bill_id)

    def test_invoiced_settlement_cannot_be_cancelled_while_billed(self):
        settlement = self._reviewed()
        settlement.action_create_bill()
        with self.assertRaises(UserError):
            settlement.action_cancel()
        settlement.bill_id.button_cancel()
        settlement.action_cancel()
        self.assertEqual(settlement.state, "cancel")
