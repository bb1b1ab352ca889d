# covers: CON-08
from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestAdvancesAndSettlement(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advance_product = cls.env["product.product"].create(
            {
                "name": "Advance on consumption",
                "type": "service",
                "service_fee_method": "fixed",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )

    def _advance_contract(self, advance):
        contract = self._contract(
            months_ago=2,
            advance_amount=advance,
            advance_product_id=self.advance_product.id,
        )
        for months in range(3):
            self._inputs(contract, contract.date_start + relativedelta(months=months))
        return contract

    def test_periods_bill_the_advance_then_settlement_invoices_the_difference(self):
        contract = self._advance_contract(200)
        run = self._run()
        self.assertEqual(len(run.invoice_ids), 3)
        self.assertEqual(set(run.invoice_ids.mapped("amount_untaxed")), {200.0})
        contract.settlement_date = contract.date_start + relativedelta(
            months=3, days=-1
        )
        moves = contract.with_user(self.users["supervisor"]).action_settle()
        # actual 3 x 260 = 780, advances 3 x 200 = 600: invoice 180 + tax
        self.assertEqual(moves.move_type, "out_invoice")
        self.assertAlmostEqual(moves.amount_untaxed, 180.0)
        self.assertEqual(moves.state, "posted")
        self.assertFalse(contract.settlement_date)
        self.assertEqual(
            contract.last_settlement_date,
            contract.date_start + relativedelta(months=3, days=-1),
        )

    def test_overpaid_advances_give_a_credit_note(self):
        contract = self._advance_contract(300)
        self._run()
        contract.settlement_date = contract.date_start + relativedelta(
            months=3, days=-1
        )
        refund = contract.with_user(self.users["supervisor"]).action_settle()
        self.assertEqual(refund.move_type, "out_refund")
        self.assertAlmostEqual(refund.amount_untaxed, 120.0)

    def test_billing_run_settles_when_the_date_comes(self):
        contract = self._advance_contract(200)
        contract.settlement_date = self.today
        run = self._run()
        settlement = run.invoice_ids.filtered(
            lambda m: not m.invoice_line_ids.service_advance_contract_id
        )
        self.assertEqual(len(settlement), 1)
        self.assertFalse(contract.settlement_date)

    def test_invoices_are_emailed_when_the_contract_asks(self):
        self.customer.email = "billing@harbour.example.com"
        contract = self._contract(months_ago=0, invoice_send="email")
        self._inputs(contract, contract.date_start)
        invoice = self._run().invoice_ids
        mail = self.env["mail.mail"].search(
            [("model", "=", "account.move"), ("res_id", "=", invoice.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
