# covers: CON-01, BAS-06
"""What the screen review of issue 17 found on the contract PDF: a
description that only repeats the service is not printed in a second column,
and in Arabic the company's Latin name keeps its final period in the footer
(wkhtmltopdf ignores <bdi>)."""

from odoo.tests import tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import ContractCase

CONTRACT_REPORT = "service_contract.action_report_service_contract"


@tagged("post_install", "-at_install")
class TestContractPdfReview(ContractCase):
    def _text(self, contract):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(CONTRACT_REPORT, res_ids=contract.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf_text(pdf)

    def test_description_repeating_the_service_is_printed_once(self):
        contract = self._contract(
            line_ids=[
                (0, 0, {"product_id": self.guard.id, "quantity": 1, "price_unit": 9})
            ]
        )
        line = contract.line_ids
        line.name = self.guard.name
        text = self._text(contract)
        self.assertNotIn("Description", text)
        self.assertEqual(text.count(self.guard.name), 1, text)
        # a description of its own is printed in its column
        line.name = "Gatehouse"
        text = self._text(contract)
        self.assertIn("Description", text)
        self.assertIn("Gatehouse", text)

    def test_arabic_footer_keeps_the_company_name_whole(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.customer.lang = "ar_001"
        self.company_a.write(
            {"name": "Guardia Adriatica S.r.l.", "report_footer": False}
        )
        text = self._text(self._contract())
        self.assertIn("Guardia Adriatica S.r.l. ·", text)
        self.assertNotIn(".Guardia Adriatica S.r.l", text)
