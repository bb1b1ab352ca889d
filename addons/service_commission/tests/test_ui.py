# covers: AGT-03
from odoo.tests import HttpCase, tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionUi(CommissionCase, HttpCase):
    def test_supervisor_reviews_a_settlement_and_bills_the_agent(self):
        """In the web client a supervisor opens the agent's draft settlement,
        marks it reviewed and creates the vendor bill: a draft bill to the
        agent with the commission amounts on the expense account."""
        supervisor = self.users["supervisor"]
        supervisor.write({"login": "commission_supervisor"})
        supervisor.write({"password": "commission-Secret-2026"})
        self._agent_contract()
        self._run()
        settlement = self._settle()
        self.start_tour(
            "/odoo/action-service_commission.service_commission_settlement_action",
            "service_commission_review_and_bill",
            login="commission_supervisor",
        )
        self.assertEqual(settlement.state, "invoiced")
        self.assertEqual(settlement.reviewed_by_id, supervisor)
        bill = settlement.bill_id
        self.assertEqual(bill.partner_id, self.agent)
        self.assertEqual(bill.amount_total, 11.55)
        self.assertEqual(bill.invoice_line_ids.account_id, self.expense_account)

    def test_agent_sees_his_own_settlement_portfolio_and_contracts(self):
        """In the web client an agent finds his settlement (read only), his
        portfolio and his contracts; nothing of the other agent."""
        self.agent_user.write({"password": "agent-Secret-2026"})
        self._agent_contract()
        self._agent_contract(partner=self.other_customer)
        self._run()
        self._settle()
        self.start_tour(
            "/odoo/action-service_commission.service_commission_settlement_action",
            "service_commission_agent_own_view",
            login=self.agent_user.login,
        )
