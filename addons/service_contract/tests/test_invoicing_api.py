# covers: CON-04, CON-08
"""One invoicing path (issue 11): every move a contract produces is built by
``service.contract``'s invoicing API, with its taxes mapped by the
contract's fiscal position."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestInvoicingApi(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reverse_charge = cls.env["account.fiscal.position"].create(
            {"name": "EU B2B reverse charge", "company_id": cls.company_a.id}
        )
        cls.tax_reverse = cls.env["account.tax"].create(
            {
                "name": "Reverse charge 0%",
                "amount": 0,
                "type_tax_use": "sale",
                "company_id": cls.company_a.id,
                "original_tax_ids": [(6, 0, cls.tax.ids)],
                "fiscal_position_ids": [(6, 0, cls.reverse_charge.ids)],
            }
        )
        cls.eu_customer = cls.env["res.partner"].create(
            {
                "name": "Hafen Logistik GmbH",
                "service_is_customer": True,
                "is_company": True,
                "property_account_position_id": cls.reverse_charge.id,
            }
        )
        cls.payment_term = cls.env["account.payment.term"].create(
            {"name": "30 days, contracts", "line_ids": [(0, 0, {"nb_days": 30})]}
        )

    def test_reverse_charge_customer_is_billed_with_the_mapped_tax(self):
        contract = self._contract(months_ago=0, partner=self.eu_customer)
        self.assertEqual(contract.fiscal_position_id, self.reverse_charge)
        self._inputs(contract, contract.date_start)
        invoice = self._run().invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.fiscal_position_id, self.reverse_charge)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_reverse)
        # 100 + 3 x 20 + 2.5 x 40 = 260, no VAT under reverse charge
        self.assertAlmostEqual(invoice.amount_untaxed, 260.0)
        self.assertAlmostEqual(invoice.amount_tax, 0.0)
        self.assertAlmostEqual(invoice.amount_total, 260.0)

    def test_domestic_customer_keeps_the_domestic_tax(self):
        contract = self._contract(months_ago=0)
        self.assertFalse(contract.fiscal_position_id)
        self._inputs(contract, contract.date_start)
        invoice = self._run().invoice_ids
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax)
        self.assertAlmostEqual(invoice.amount_total, 299.0)

    def test_tax_included_price_is_billed_to_its_total(self):
        tax_included = self.env["account.tax"].create(
            {
                "name": "VAT 15% included",
                "amount": 15,
                "price_include_override": "tax_included",
                "type_tax_use": "sale",
                "company_id": self.company_a.id,
            }
        )
        self._contract(
            months_ago=0,
            line_ids=[
                (
                    0,
                    0,
                    {
                        "product_id": self.guard.id,
                        "price_unit": 115,
                        "tax_ids": [(6, 0, tax_included.ids)],
                    },
                )
            ],
        )
        invoice = self._run().invoice_ids
        self.assertAlmostEqual(invoice.amount_total, 115.0)
        self.assertAlmostEqual(invoice.amount_untaxed, 100.0)
        self.assertAlmostEqual(invoice.amount_tax, 15.0)

    def test_settlement_goes_through_the_api_with_mapped_taxes(self):
        advance = self.env["product.product"].create(
            {
                "name": "Advance",
                "type": "service",
                "service_fee_method": "fixed",
                "taxes_id": [(6, 0, self.tax.ids)],
            }
        )
        contract = self._contract(
            months_ago=1,
            partner=self.eu_customer,
            advance_amount=200,
            advance_product_id=advance.id,
            payment_term_id=self.payment_term.id,
        )
        for months in (0, 1):
            self._inputs(contract, contract.date_start + relativedelta(months=months))
        advances = self._run().invoice_ids
        self.assertEqual(advances.invoice_line_ids.tax_ids, self.tax_reverse)
        contract.settlement_date = contract.date_start + relativedelta(
            months=2, days=-1
        )
        settlement = contract.with_user(self.users["supervisor"]).action_settle()
        # the header the billing run gives its invoices, no drift
        self.assertEqual(settlement.fiscal_position_id, self.reverse_charge)
        self.assertEqual(settlement.invoice_payment_term_id, self.payment_term)
        self.assertEqual(settlement.invoice_user_id, contract.user_id)
        self.assertEqual(settlement.invoice_line_ids.tax_ids, self.tax_reverse)
        # actual 2 x 260, advances 2 x 200
        self.assertAlmostEqual(settlement.amount_untaxed, 120.0)
        self.assertAlmostEqual(settlement.amount_total, 120.0)

    def test_prepare_invoice_is_the_header_of_every_move(self):
        journal = self.env["account.journal"].create(
            {
                "name": "Contracts (reverse charge)",
                "code": "RCI",
                "type": "sale",
                "company_id": self.company_a.id,
            }
        )
        contract = self._contract(
            months_ago=0,
            partner=self.eu_customer,
            journal_id=journal.id,
            payment_term_id=self.payment_term.id,
        )
        values = contract._prepare_invoice(contract.date_start, "out_refund")
        self.assertEqual(values["move_type"], "out_refund")
        self.assertEqual(values["journal_id"], journal.id)
        self.assertEqual(values["fiscal_position_id"], self.reverse_charge.id)
        self.assertEqual(values["invoice_payment_term_id"], self.payment_term.id)
        self.assertEqual(values["invoice_user_id"], contract.user_id.id)
        self.assertEqual(values["service_contract_id"], contract.id)
        # the one resolver: own journal, else the company's first sales journal
        other = self._contract(months_ago=0)
        journals = (contract | other)._get_invoice_journals()
        self.assertEqual(journals[contract.id], journal)
        self.assertEqual(journals[other.id].type, "sale")
        self.assertEqual(journals[other.id].company_id, self.company_a)

    def test_action_bill_bills_one_contract_and_returns_its_run(self):
        contract = self._contract(months_ago=1)
        other = self._contract(months_ago=1)
        for months in (0, 1):
            self._inputs(contract, contract.date_start + relativedelta(months=months))
        run = contract.with_user(self.users["supervisor"]).action_bill(self.today)
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.invoice_ids), 2)
        self.assertEqual(run.invoice_ids.service_contract_id, contract)
        self.assertEqual(run.invoice_ids.mapped("state"), ["posted", "posted"])
        self.assertEqual(
            contract.next_billing_date, self.month_start + relativedelta(months=1)
        )
        self.assertEqual(other.next_billing_date, other.date_start, "not billed")
        # billed exactly once: asking again bills nothing
        again = contract.with_user(self.users["supervisor"]).action_bill(self.today)
        self.assertFalse(again.invoice_ids)

    def test_action_bill_is_refused_to_a_plain_user(self):
        contract = self._contract(months_ago=0)
        with self.assertRaises(UserError):
            contract.with_user(self.users["service_user"]).action_bill()
        self.assertFalse(
            self.env["account.move"].search([("service_contract_id", "=", contract.id)])
        )
