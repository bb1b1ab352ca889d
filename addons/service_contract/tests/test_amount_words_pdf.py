# covers: BAS-09, CON-01
"""The contract PDF gives the amount per period in words too, in the
document's language (the customer's): English and Arabic read back from the
PDF with pdftotext."""

from num2words import num2words

from odoo.tests import tagged

from odoo.addons.service_base.tests.common import letters, pdf_text

from .common import ContractCase

CONTRACT_REPORT = "service_contract.action_report_service_contract"


@tagged("post_install", "-at_install")
class TestContractAmountWordsPdf(ContractCase):
    def _pdf_text(self, contract):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(CONTRACT_REPORT, res_ids=contract.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf_text(pdf)

    def test_contract_pdf_amount_per_period_in_words_in_english(self):
        self.customer.lang = "en_US"
        contract = self._contract()
        self.assertEqual(contract.amount_period, 260)
        self.assertTrue(
            contract.amount_period_words.startswith("two hundred and sixty "),
            contract.amount_period_words,
        )
        text = " ".join(self._pdf_text(contract).split())
        self.assertIn(f"In words: {contract.amount_period_words}", text)

    def test_contract_pdf_amount_per_period_in_words_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.customer.lang = "ar_001"
        contract = self._contract()
        words = contract.amount_period_words
        self.assertTrue(words.startswith(num2words(260, lang="ar")), words)
        self.assertIn(
            letters(num2words(260, lang="ar")), letters(self._pdf_text(contract))
        )
        # the English words are not printed on the Arabic contract
        self.assertNotIn("hundred", self._pdf_text(contract))
