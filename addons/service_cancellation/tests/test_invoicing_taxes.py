# covers: CAN-02
"""A cancellation's final invoice and credit note come from the contract's
invoicing API: header from ``_prepare_invoice``, taxes through the
contract's fiscal position (issue 11)."""

from datetime import date

from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestCancellationInvoicingTaxes(CancellationCase):
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
        cls.customer.property_account_position_id = cls.reverse_charge
        cls.payment_term = cls.env["account.payment.term"].create(
            {"name": "15 days", "line_ids": [(0, 0, {"nb_days": 15})]}
        )

    def test_credit_note_carries_the_mapped_tax_and_the_contract_header(self):
        contract = self._simple_contract(payment_term_id=self.payment_term.id)
        self.assertEqual(contract.fiscal_position_id, self.reverse_charge)
        self._run(date(2025, 3, 1))
        cancellation = self._approve(self._cancellation(contract))
        self.env["service.cancellation"]._cron_apply()
        credit = cancellation.credit_note_id
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.fiscal_position_id, self.reverse_charge)
        self.assertEqual(credit.invoice_payment_term_id, self.payment_term)
        self.assertEqual(credit.invoice_line_ids.tax_ids, self.tax_reverse)
        self.assertAlmostEqual(credit.amount_untaxed, 118.32, places=2)
        self.assertAlmostEqual(credit.amount_total, 118.32, places=2)

    def test_final_invoice_carries_the_mapped_tax(self):
        contract = self._simple_contract(billing_mode="arrears")
        self._run(date(2025, 2, 28))
        cancellation = self._approve(self._cancellation(contract))
        self.env["service.cancellation"]._cron_apply()
        final = cancellation.final_invoice_ids
        self.assertEqual(len(final), 1)
        self.assertEqual(final.fiscal_position_id, self.reverse_charge)
        self.assertEqual(final.invoice_line_ids.tax_ids, self.tax_reverse)
        self.assertAlmostEqual(final.amount_untaxed, 103.0)
        self.assertAlmostEqual(final.amount_total, 103.0)
