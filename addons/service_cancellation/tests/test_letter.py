# covers: CAN-03

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.service_base.tests.common import letters, pdf_text

from .common import CancellationCase

REPORT = "service_cancellation.action_report_service_cancellation"


@tagged("post_install", "-at_install")
class TestCancellationLetter(CancellationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._simple_contract()
        cls.cancellation = cls._cancellation(cls.contract)
        cls.cancellation.with_user(cls.users["service_user"]).action_submit()
        cls.cancellation.with_user(cls.users["supervisor"]).action_approve()

    def _render_pdf(self, cancellation):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=cancellation.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        return pdf

    def test_letter_is_printable_from_the_cancellation(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.binding_model_id.model, "service.cancellation")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.cancellation}),
            f"Cancellation {self.cancellation.name}",
        )

    def test_letter_pdf_in_english_states_the_effective_date_and_services(self):
        text = " ".join(pdf_text(self._render_pdf(self.cancellation)).split())
        for expected in (
            "Cancellation Confirmation",
            self.cancellation.name,
            self.contract.name,
            "Harbour Authority",
            "Price too high",
            "03/03/2025",
            "Static guard",
            "Monitoring",
            "Notice period: 30 days",
        ):
            self.assertIn(expected, text)

    def test_letter_pdf_follows_the_customer_language_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["service_cancellation"], ["ar_001"], overwrite=True
        )
        self.customer.lang = "ar_001"
        arabic_reason = "السعر مرتفع جدا"
        self.reason_price.update_field_translations("name", {"ar_001": arabic_reason})
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(REPORT, self.cancellation.ids)[0].decode()
        self.assertIn('data-oe-lang="ar_001"', html)
        self.assertIn(arabic_reason, html)
        self.assertNotIn("Price too high", html)
        self.assertIn("تأكيد الإلغاء", html)
        self.assertFalse("Cancellation Confirmation" in html, "the title is translated")
        bodies = report._prepare_html(html, report_model="service.cancellation")[0]
        self.assertIn('dir="rtl"', bodies[0])

        text = pdf_text(self._render_pdf(self.cancellation))
        self.assertIn(self.cancellation.name, text)
        self.assertIn("Harbour Authority", text)
        self.assertIn(letters(arabic_reason), letters(text))
        # the letter's own wording comes from the addon's Arabic translation
        self.assertIn(letters("تأكيد الإلغاء"), letters(text))
        self.assertIn(letters("فترة الإشعار"), letters(text))

    def test_send_letter_mails_the_pdf_to_the_customer(self):
        self.cancellation.with_user(self.users["service_user"]).with_context(
            force_report_rendering=True
        ).action_send_letter()
        self.assertTrue(self.cancellation.letter_sent)
        message = self.cancellation.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn(self.cancellation.name, message.subject)
        self.assertEqual(len(message.attachment_ids), 1)
        attachment = message.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertIn("Cancellation Confirmation", pdf_text(attachment.raw))
