# covers: REQ-10
"""A request's invoice maps its taxes through the customer's fiscal
position, like every invoice of the suite (issue 11)."""

from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestRequestInvoiceTaxes(RequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tax = cls.env["account.tax"]
        cls.tax = Tax.create(
            {
                "name": "VAT 15%",
                "amount": 15,
                "type_tax_use": "sale",
                "company_id": cls.company_a.id,
            }
        )
        cls.reverse_charge = cls.env["account.fiscal.position"].create(
            {"name": "EU B2B reverse charge", "company_id": cls.company_a.id}
        )
        cls.tax_reverse = Tax.create(
            {
                "name": "Reverse charge 0%",
                "amount": 0,
                "type_tax_use": "sale",
                "company_id": cls.company_a.id,
                "original_tax_ids": [(6, 0, cls.tax.ids)],
                "fiscal_position_ids": [(6, 0, cls.reverse_charge.ids)],
            }
        )
        cls.hour = cls.env["product.product"].create(
            {
                "name": "Technician hour",
                "type": "service",
                "list_price": 100,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )

    def _invoice(self):
        request = self._request(
            line_ids=[(0, 0, {"product_id": self.hour.id, "quantity": 2})]
        )
        request.with_user(self.users["supervisor"]).action_create_invoice()
        return request.invoice_id

    def test_reverse_charge_customer_gets_the_mapped_tax(self):
        self.customer.property_account_position_id = self.reverse_charge
        invoice = self._invoice()
        self.assertEqual(invoice.fiscal_position_id, self.reverse_charge)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_reverse)
        self.assertAlmostEqual(invoice.amount_total, 200.0)

    def test_domestic_customer_pays_the_product_tax(self):
        invoice = self._invoice()
        self.assertFalse(invoice.fiscal_position_id)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax)
        self.assertAlmostEqual(invoice.amount_total, 230.0)
