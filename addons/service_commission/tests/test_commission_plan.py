# covers: AGT-01, AGT-02
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import ValidationError

from .common import CommissionCase


class TestCommissionPlan(CommissionCase):
    def test_contract_and_invoices_carry_the_customers_agent(self):
        contract = self._agent_contract()
        self.assertEqual(contract.agent_id, self.agent)
        self._run()
        invoice = contract.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        self.assertEqual(invoice.service_agent_id, self.agent)
        # a later change of agent does not rewrite the invoices already made
        contract.agent_id = self.other_agent
        self.assertEqual(invoice.service_agent_id, self.agent)

    def test_invoiced_plan_earns_percentage_by_category(self):
        """10 % on guarding (its own rule), 5 % on alarms (rule for all)."""
        self._agent_contract()
        self._run()
        settlement = self._settle()
        self.assertEqual(settlement.agent_id, self.agent)
        lines = settlement.line_ids.sorted("base_amount")
        self.assertEqual(lines.mapped("base_amount"), [31.0, 100.0])
        self.assertEqual(lines.mapped("rate"), [5.0, 10.0])
        self.assertEqual(lines.mapped("amount"), [1.55, 10.0])
        self.assertEqual(settlement.amount_total, 11.55)

    def test_credit_note_reduces_the_commission(self):
        contract = self._agent_contract()
        self._run()
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        reversal = invoice._reverse_moves(cancel=True)
        self.assertEqual(reversal.service_agent_id, self.agent)
        settlement = self._settle()
        self.assertEqual(settlement.amount_total, 0.0)
        self.assertEqual(len(settlement.line_ids), 4)

    def test_paid_plan_earns_only_fully_paid_invoices(self):
        self.plan.base = "paid"
        contract = self._agent_contract()
        self._run()
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        self.assertFalse(self._settle(), "an unpaid invoice earns nothing yet")
        self._pay(invoice, amount=50)
        self.assertFalse(self._settle(), "a partly paid invoice earns nothing yet")
        self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        settlement = self._settle()
        self.assertEqual(settlement.amount_total, 11.55)

    def test_paid_plan_earns_nothing_on_an_invoice_cancelled_by_credit_note(self):
        self.plan.base = "paid"
        contract = self._agent_contract()
        self._run()
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        invoice._reverse_moves(cancel=True)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertFalse(self._settle())

    def test_paid_invoice_counts_once_in_the_period_of_its_payment(self):
        """Invoiced last month, paid this month: last month's settlement has
        nothing, this month's has it, and a rerun of either adds nothing."""
        self.plan.base = "paid"
        contract = self._agent_contract(months_ago=1)
        self._run(date_until=self.month_start - relativedelta(days=1))
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        last_month_end = self.month_start - relativedelta(days=1)
        self._pay(invoice)
        self.assertFalse(
            self._settle(date_to=last_month_end),
            "paid after last month's end: not last month's",
        )
        settlement = self._settle()
        self.assertEqual(settlement.amount_total, 11.55)
        self._settle()
        self._settle(date_to=last_month_end)
        lines = self.env["service.commission.settlement.line"].search(
            [("invoice_line_id.move_id", "=", invoice.id)]
        )
        self.assertEqual(len(lines), 2)

    def test_tiers_rate_the_whole_period_volume_thresholds_included(self):
        """Bands: from 0 -> 2 %, from 262 -> 4 %, from 400 -> 6 %. Two
        contracts make 262 exactly (the 4 % band), three make 393 (still 4 %),
        four 524 (6 %)."""
        plan = self.env["service.commission.plan"].create(
            {
                "name": "Tiered",
                "line_ids": [
                    Command.create({"kind": "tiered", "volume_from": 0, "rate": 2}),
                    Command.create({"kind": "tiered", "volume_from": 262, "rate": 4}),
                    Command.create({"kind": "tiered", "volume_from": 400, "rate": 6}),
                ],
            }
        )
        self.agent.service_commission_plan_id = plan
        self._agent_contract()
        self._run()
        self.assertEqual(self._settle().amount_total, 2.62, "131 at 2 %")
        self._agent_contract()
        self._run()
        settlement = self._settle()
        self.assertEqual(len(settlement.line_ids), 4)
        self.assertEqual(set(settlement.line_ids.mapped("rate")), {4.0})
        self.assertEqual(settlement.amount_total, 10.48, "262 at 4 %, the edge")
        self._agent_contract()
        self._run()
        self.assertEqual(self._settle().amount_total, 15.72, "393 at 4 %")
        self._agent_contract()
        self._run()
        self.assertEqual(self._settle().amount_total, 31.44, "524 at 6 %")

    def test_tier_below_the_first_threshold_earns_nothing(self):
        plan = self.env["service.commission.plan"].create(
            {
                "name": "Tiered from 1000",
                "line_ids": [
                    Command.create({"kind": "tiered", "volume_from": 1000, "rate": 3})
                ],
            }
        )
        self.agent.service_commission_plan_id = plan
        self._agent_contract()
        self._run()
        settlement = self._settle()
        self.assertEqual(settlement.amount_total, 0.0)
        self.assertEqual(set(settlement.line_ids.mapped("rate")), {0.0})

    def test_fixed_amount_once_per_new_contract(self):
        self.plan.line_ids = [
            Command.create({"kind": "fixed", "amount": 50}),
            Command.create(
                {"kind": "fixed", "category_id": self.cat_alarms.id, "amount": 80}
            ),
        ]
        alarms_contract = self._agent_contract()
        guard_only = self._agent_contract(
            line_ids=[
                Command.create(
                    {"product_id": self.guard.id, "quantity": 1, "price_unit": 100}
                )
            ]
        )
        draft = self._agent_contract(state="draft")
        settlement = self._settle()
        fixed = settlement.line_ids.filtered(lambda x: x.kind == "fixed")
        self.assertEqual(
            {(x.contract_id, x.amount) for x in fixed},
            {(alarms_contract, 80.0), (guard_only, 50.0)},
        )
        self.assertNotIn(draft, fixed.contract_id)
        self._settle()
        self._settle(date_to=self.month_end + relativedelta(months=1))
        all_fixed = self.env["service.commission.settlement.line"].search(
            [("kind", "=", "fixed"), ("agent_id", "=", self.agent.id)]
        )
        self.assertEqual(len(all_fixed), 2, "once per contract, whatever the runs")

    def test_clawback_when_terminated_within_the_clawback_period(self):
        """Started 2 months ago, settled, terminated now: under 6 months, the
        commissions and the fixed amount are given back."""
        self.plan.line_ids = [Command.create({"kind": "fixed", "amount": 50})]
        contract = self._agent_contract(months_ago=2)
        self._run()
        last_month_end = self.month_start - relativedelta(days=1)
        earned = self._settle(date_to=last_month_end)
        earned.action_review()
        self.assertEqual(earned.amount_total, 50 + 2 * 11.55)
        contract._service_terminate(self.today, "Moved away")
        settlement = self._settle()
        clawback = settlement.line_ids.filtered(lambda x: x.kind == "clawback")
        # this month's invoice earned 11.55, given back with the rest
        self.assertEqual(clawback.amount, -(50 + 3 * 11.55))
        self.assertEqual(settlement.amount_total, -(50 + 2 * 11.55))
        self.assertEqual(settlement.amount_clawback, clawback.amount)
        self._settle()
        self.assertEqual(len(settlement.line_ids), 3, "rerun: one clawback only")

    def test_no_clawback_after_the_clawback_period(self):
        contract = self._agent_contract(months_ago=7)
        self._run()
        contract._service_terminate(self.today, "Moved away")
        settlement = self._settle()
        self.assertFalse(settlement.line_ids.filtered(lambda x: x.kind == "clawback"))
        self.assertEqual(settlement.amount_total, round(8 * 11.55, 2))

    def test_agent_login_must_be_a_sales_agent_user(self):
        with self.assertRaisesRegex(ValidationError, "Agent User"):
            self._agent("Not an agent", self.users["service_user"], self.plan)
        with self.assertRaisesRegex(ValidationError, "Sales Agent"):
            self.customer.service_agent_id = self.customer

    def test_plan_rates_are_validated(self):
        with self.assertRaises(ValidationError):
            self.plan.line_ids = [Command.create({"kind": "percentage", "rate": 120})]
        with self.assertRaises(ValidationError):
            self.plan.clawback_months = -1

    def test_nothing_earned_before_the_plan_is_valid(self):
        """A plan valid from this month: last month's invoice and a contract
        started last month earn nothing, this month's invoice does."""
        self.plan.write(
            {
                "date_start": self.month_start,
                "line_ids": [Command.create({"kind": "fixed", "amount": 50})],
            }
        )
        self._agent_contract(months_ago=1)
        self._run()
        settlement = self._settle()
        self.assertEqual(settlement.amount_total, 11.55)
        self.assertEqual(settlement.line_ids.move_id.invoice_date, self.month_start)
        self.assertFalse(settlement.line_ids.filtered(lambda x: x.kind == "fixed"))
