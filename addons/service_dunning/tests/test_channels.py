# covers: DUN-02, BAS-09
"""A reminder goes on its level's channels; an e-mail that cannot arrive
(no address, blacklisted, bounced, refused by the mail server) falls back
to a letter, and the run lists it. The letter is a real PDF in the
customer's language with the total in words."""

from num2words import num2words

from odoo.addons.service_base.tests.common import letters, pdf_text

from .common import DunningCase


class TestDunningChannels(DunningCase):
    def test_bounced_address_gets_a_letter(self):
        self.customer.message_bounce = 3
        self._invoice(self.customer, 100, days_late=12)
        run = self._dunning_run()
        communication = self._communications()
        self.assertTrue(communication.send_letter)
        self.assertTrue(communication.fallback_letter)
        self.assertIn("bounced", communication.fallback_reason)
        self.assertFalse(communication.mail_id)
        self.assertEqual(run.fallback_count, 1)
        self.assertEqual(run.letter_count, 1)

    def test_blacklisted_address_gets_a_letter(self):
        self.env["mail.blacklist"].create({"email": self.customer.email})
        self._invoice(self.customer, 100, days_late=12)
        run = self._dunning_run()
        self.assertTrue(self._communications().fallback_letter)
        self.assertIn("blacklisted", self._communications().fallback_reason)
        self.assertEqual(run.fallback_count, 1)

    def test_customer_without_address_gets_a_letter(self):
        self.customer.email = False
        self._invoice(self.customer, 100, days_late=12)
        self._dunning_run()
        self.assertTrue(self._communications().fallback_letter)

    def test_mail_refused_later_falls_back_at_next_run(self):
        self._invoice(self.customer, 100, days_late=12)
        self._dunning_run()
        communication = self._communications()
        self.assertTrue(communication.mail_id)
        self.assertFalse(communication.send_letter)
        communication.mail_id.write(
            {"state": "exception", "failure_reason": "550 mailbox unavailable"}
        )
        run = self._dunning_run()
        self.assertTrue(communication.send_letter)
        self.assertTrue(communication.fallback_letter)
        self.assertEqual(communication.fallback_reason, "550 mailbox unavailable")
        self.assertEqual(run.communication_count, 0)

    def test_sms_channel_uses_the_notification_template(self):
        self.level_1.channel_sms = True
        self.env["service.notification.template"].create(
            {
                "name": "Dunning SMS",
                "code": "dunning_reminder",
                "company_id": self.company_a.id,
                "model_id": self.env["ir.model"]._get_id(
                    "service.dunning.communication"
                ),
                "channel": "sms",
                "sms_body": "Overdue {{ object.amount_overdue }}",
            }
        )
        self.customer.phone = "+39 06 1234 5678"
        self._invoice(self.customer, 100, days_late=12)
        self._dunning_run()
        communication = self._communications()
        self.assertTrue(communication.send_sms)
        message = self.env["service.sms.message"].search(
            [
                ("res_model", "=", "service.dunning.communication"),
                ("res_id", "=", communication.id),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertIn("100", message.body)

    def test_letter_pdf_in_customer_language_with_amount_in_words(self):
        self.level_1.channel_letter = True
        self._invoice(self.customer, 1234.5, days_late=12)
        self._dunning_run()
        communication = self._communications()
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "service_dunning.action_report_dunning_letter", communication.ids
            )
        )
        text = pdf_text(pdf)
        self.assertIn("Payment Reminder", text)
        self.assertIn("one thousand, two hundred and thirty-four", text)
        self.assertIn("/my/statement", text)

    def test_arabic_letter_reads_right_to_left_in_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.customer.lang = "ar_001"
        self.level_1.channel_letter = True
        self._invoice(self.customer, 100, days_late=12)
        self._dunning_run()
        communication = self._communications()
        self.assertTrue(
            communication.amount_words.startswith(num2words(100, lang="ar"))
        )
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            "service_dunning.action_report_dunning_letter", communication.ids
        )[0].decode()
        self.assertIn('data-oe-lang="ar_001"', html)
        bodies = report._prepare_html(
            html, report_model="service.dunning.communication"
        )[0]
        self.assertIn('dir="rtl"', bodies[0])
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "service_dunning.action_report_dunning_letter", communication.ids
            )
        )
        self.assertIn(letters(num2words(100, lang="ar")), letters(pdf_text(pdf)))
