# covers: BAS-09, COL-01
"""The receipt PDF gives the amount received in words, in the receipt's
language (the customer's): English and Arabic read back from the PDF with
pdftotext."""

from num2words import num2words

from odoo.tests import tagged

from odoo.addons.service_base.tests.common import letters, pdf_text

from .common import CollectionCase

RECEIPT_REPORT = "account.action_report_payment_receipt"


@tagged("post_install", "-at_install")
class TestReceiptAmountWords(CollectionCase):
    def _pdf_text(self, payment):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(RECEIPT_REPORT, payment.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf_text(pdf)

    def test_receipt_pdf_amount_in_words_in_english(self):
        self.customer.lang = "en_US"
        payment = self._receipt(self.customer, 1234.5, service_receipt_kind="general")
        words = payment.service_amount_words
        self.assertTrue(
            words.startswith("one thousand, two hundred and thirty-four "), words
        )
        text = " ".join(self._pdf_text(payment).split())
        self.assertIn(f"Amount in Words: {words}", text)

    def test_receipt_pdf_amount_in_words_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.customer.lang = "ar_001"
        payment = self._receipt(self.customer, 75, service_receipt_kind="general")
        self.assertTrue(
            payment.service_amount_words.startswith(num2words(75, lang="ar"))
        )
        text = self._pdf_text(payment)
        self.assertIn(letters(num2words(75, lang="ar")), letters(text))
        self.assertNotIn("seventy", text)
