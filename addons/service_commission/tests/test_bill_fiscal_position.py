# covers: AGT-03
"""The commission bill goes through the suite's one tax mapping (issue 11):
it carries the agent's fiscal position; commission lines have no tax of
their own, so none is mapped onto them."""

from odoo import Command

from .common import CommissionCase


class TestBillFiscalPosition(CommissionCase):
    def test_bill_carries_the_agent_fiscal_position_and_no_tax(self):
        foreign_agents = self.env["account.fiscal.position"].create(
            {"name": "Agents abroad", "company_id": self.company_a.id}
        )
        self.agent.property_account_position_id = foreign_agents
        self.plan.line_ids = [Command.create({"kind": "fixed", "amount": 50})]
        self._agent_contract()
        self._run()
        settlement = self._settle()
        settlement.action_review()
        settlement.with_user(self.users["supervisor"]).action_create_bill()
        bill = settlement.bill_id
        self.assertEqual(bill.fiscal_position_id, foreign_agents)
        self.assertFalse(bill.invoice_line_ids.tax_ids)
        self.assertEqual(bill.amount_total, settlement.amount_total)
        self.assertEqual(bill.amount_tax, 0.0)

    def test_domestic_agent_bill_has_no_fiscal_position(self):
        self._agent_contract()
        self._run()
        settlement = self._settle()
        settlement.action_review()
        settlement.with_user(self.users["supervisor"]).action_create_bill()
        self.assertFalse(settlement.bill_id.fiscal_position_id)
