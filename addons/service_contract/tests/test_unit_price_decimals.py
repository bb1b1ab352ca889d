# covers: CON-01, CON-04
"""Unit prices keep the decimals of 3-decimal currencies (issue 17): Odoo's
"Product Price" precision (2 by default) is raised to the largest decimals of
the active currencies when one is activated, never lowered; a Bahraini
contract at 1.235 BHD x 3 bills 3.705 to the fils and its invoice and
contract PDFs print 1.235."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestUnitPriceDecimals(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bhd = cls.env.ref("base.BHD")
        cls.bhd.active = True
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.bhd.id, "rate": 0.4, "company_id": cls.company_a.id}
        )

    def _pdf(self, report, records):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, res_ids=records.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf_text(pdf)

    def test_activating_bhd_raises_the_product_price_precision(self):
        precision = self.env.ref("product.decimal_price")
        self.assertEqual(precision.digits, 3)
        self.assertEqual(
            self.env["decimal.precision"].precision_get("Product Price"), 3
        )
        # never lowered: deactivating the currency keeps stored prices intact
        self.bhd.active = False
        self.assertEqual(precision.digits, 3)

    def test_bhd_contract_bills_to_the_fils_and_prints_the_unit_price(self):
        contract = self._contract(
            months_ago=0,
            currency_id=self.bhd.id,
            line_ids=[
                (
                    0,
                    0,
                    {
                        "product_id": self.patrol.id,
                        "quantity": 3,
                        "price_unit": 1.235,
                        "tax_ids": False,
                    },
                )
            ],
        )
        self.assertEqual(contract.line_ids.price_unit, 1.235)
        run = self._run(contract.date_start)
        self.assertFalse(run.issue_ids.mapped("message"))
        invoice = run.invoice_ids
        self.assertEqual(invoice.currency_id, self.bhd)
        line = invoice.invoice_line_ids
        self.assertEqual(line.price_unit, 1.235)
        self.assertEqual(line.price_subtotal, 3.705)
        self.assertEqual(invoice.amount_total, 3.705)
        invoice_text = self._pdf("account.account_invoices", invoice)
        self.assertIn("1.235", invoice_text)
        self.assertIn("3.705", invoice_text)
        self.assertNotIn("1.24", invoice_text)
        contract_text = self._pdf(
            "service_contract.action_report_service_contract", contract
        )
        self.assertIn("1.235", contract_text)

    def test_two_decimal_currency_prints_no_third_zero(self):
        """A EUR/USD price of 100 still prints 100.00, not 100.000."""
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        invoice = self._run(contract.date_start).invoice_ids
        self.assertEqual(invoice.currency_id.decimal_places, 2)
        text = self._pdf("account.account_invoices", invoice)
        self.assertIn("100.00", text)
        self.assertNotIn("100.000", text)


@tagged("post_install", "-at_install")
class TestPrecisionOnInstall(TransactionCase):
    def test_sync_takes_the_largest_active_currency(self):
        precision = self.env.ref("product.decimal_price")
        precision.digits = 2
        self.env.ref("base.KWD").active = True  # 3 decimals
        self.assertEqual(precision.digits, 3)
        self.env["res.currency"]._service_sync_price_precision()
        self.assertEqual(precision.digits, 3)
