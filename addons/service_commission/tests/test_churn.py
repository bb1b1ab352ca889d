# covers: CAN-03, AGT-04
from odoo.tests import tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestChurnByAgent(CommissionCase):
    def test_churn_statistics_group_cancellations_by_agent(self):
        reason = self.env["service.cancellation.reason"].create({"name": "Moving"})
        self.customer.service_agent_id = self.agent
        self.other_customer.service_agent_id = self.other_agent
        contracts = (
            self._agent_contract()
            | self._agent_contract()
            | self._agent_contract(partner=self.other_customer)
        )
        self.assertEqual(
            contracts.agent_id, self.agent | self.other_agent, "agents not set"
        )
        for contract in contracts:
            cancellation = self.env["service.cancellation"].create(
                {"contract_id": contract.id, "reason_id": reason.id}
            )
            cancellation.with_user(self.users["service_user"]).action_submit()
            cancellation.with_user(self.users["supervisor"]).action_approve()
            self.assertEqual(cancellation.state, "approved")
        self.env.flush_all()
        Report = self.env["service.cancellation.report"].with_user(
            self.users["supervisor"]
        )
        by_agent = {
            agent: (count, amount)
            for agent, count, amount in Report._read_group(
                [("contract_id", "in", contracts.ids)],
                ["agent_id"],
                ["cancellation_count:sum", "amount_monthly:sum"],
            )
        }
        self.assertEqual(by_agent[self.agent][0], 2)
        self.assertAlmostEqual(by_agent[self.agent][1], 262.0)
        self.assertEqual(by_agent[self.other_agent][0], 1)
        self.assertAlmostEqual(by_agent[self.other_agent][1], 131.0)
