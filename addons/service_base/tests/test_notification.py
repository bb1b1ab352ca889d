# covers: BAS-08
import json

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ServiceCase


@tagged("post_install", "-at_install")
class TestNotificationChannels(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.saudi = cls.env.ref("base.sa")
        cls.italy = cls.env.ref("base.it")
        Gateway = cls.env["service.sms.gateway"]
        cls.gateway_stc = Gateway.create(
            {
                "name": "KSA - STC",
                "country_ids": [(6, 0, cls.saudi.ids)],
                "carrier": "STC",
                "number_prefixes": "+96650,+96653",
                "sender_id": "GUARDS",
                "extra_params": '{"unicode": 1}',
            }
        )
        cls.gateway_mobily = Gateway.create(
            {
                "name": "KSA - Mobily",
                "country_ids": [(6, 0, cls.saudi.ids)],
                "carrier": "Mobily",
                "number_prefixes": "+96654,+96656",
            }
        )
        cls.gateway_ksa_default = Gateway.create(
            {"name": "KSA - any carrier", "country_ids": [(6, 0, cls.saudi.ids)]}
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Fahad Al-Harbi",
                "phone": "050 123 4567",
                "country_id": cls.saudi.id,
                "email": "fahad@example.com",
            }
        )

    def test_gateway_chosen_by_country_and_carrier_prefix(self):
        """The longest matching carrier prefix wins; other numbers of the
        country fall back to the gateway without prefixes."""
        select = self.env["service.sms.gateway"]._select_for
        self.assertEqual(
            select("+966501234567", self.company_a, self.saudi), self.gateway_stc
        )
        self.assertEqual(
            select("+966541234567", self.company_a, self.saudi), self.gateway_mobily
        )
        self.assertEqual(
            select("+966591234567", self.company_a, self.saudi),
            self.gateway_ksa_default,
        )
        self.assertFalse(select("+393331234567", self.company_a, self.italy))
        self.assertFalse(select("+966501234567", self.company_b, self.saudi))

    def test_local_numbers_become_international(self):
        normalize = self.env["service.sms.gateway"]._normalize_number
        self.assertEqual(normalize("050 123 4567", self.saudi), "+966501234567")
        self.assertEqual(normalize("00966 50 1234567", None), "+966501234567")
        self.assertFalse(normalize("12", self.saudi))

    def test_sms_template_records_what_would_be_sent(self):
        """An SMS template renders per record and the test double records the
        exact request an HTTP gateway would send, without sending it."""
        template = self.env["service.notification.template"].create(
            {
                "name": "Visit reminder",
                "code": "visit_reminder",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "partner_field": "commercial_partner_id",
                "channel": "sms",
                "sms_body": "Dear {{ object.name }}, our technician comes tomorrow.",
            }
        )
        self.env["service.notification.template"]._notify(
            "visit_reminder", self.partner
        )
        message = self.env["service.sms.message"].search(
            [("template_id", "=", template.id)]
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.state, "sent")
        self.assertTrue(message.is_test)
        self.assertEqual(message.gateway_id, self.gateway_stc)
        self.assertEqual(message.number, "+966501234567")
        self.assertEqual(
            message.body, "Dear Fahad Al-Harbi, our technician comes tomorrow."
        )
        self.assertEqual(
            json.loads(message.request_payload),
            {
                "unicode": 1,
                "to": "+966501234567",
                "message": "Dear Fahad Al-Harbi, our technician comes tomorrow.",
                "from": "GUARDS",
            },
        )

    def test_sms_without_gateway_is_kept_as_no_gateway(self):
        """A number no gateway serves is kept visible, not silently dropped."""
        self.env["service.notification.template"].create(
            {
                "name": "Reminder",
                "code": "reminder",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "partner_field": "commercial_partner_id",
                "channel": "sms",
                "sms_body": "Hello",
            }
        )
        italian = self.env["res.partner"].create(
            {"name": "Mario", "phone": "+39 333 1234567", "country_id": self.italy.id}
        )
        self.env["service.notification.template"]._notify("reminder", italian)
        message = self.env["service.sms.message"].search(
            [("partner_id", "=", italian.id)]
        )
        self.assertEqual(message.state, "no_gateway")

    def test_email_channel_queues_mail(self):
        mail_template = self.env["mail.template"].create(
            {
                "name": "Hello partner",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "subject": "Hello {{ object.name }}",
                "partner_to": "{{ object.id }}",
                "body_html": "<p>Hello</p>",
            }
        )
        self.env["service.notification.template"].create(
            {
                "name": "Hello",
                "code": "hello",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "partner_field": "commercial_partner_id",
                "channel": "email",
                "mail_template_id": mail_template.id,
            }
        )
        self.env["service.notification.template"]._notify("hello", self.partner)
        mail = self.env["mail.mail"].search([("subject", "=", "Hello Fahad Al-Harbi")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.partner)

    def test_push_channel_notifies_the_inbox(self):
        self.env["service.notification.template"].create(
            {
                "name": "Technician on the way",
                "code": "on_the_way",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "partner_field": "commercial_partner_id",
                "channel": "push",
                "push_body": "Your technician is on the way, {{ object.name }}.",
            }
        )
        self.env["service.notification.template"]._notify("on_the_way", self.partner)
        message = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.partner.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertIn("Your technician is on the way, Fahad Al-Harbi.", message.body)
        self.assertEqual(message.partner_ids, self.partner)

    def test_bad_gateway_configuration_is_refused_with_the_field_name(self):
        Gateway = self.env["service.sms.gateway"]
        with self.assertRaisesRegex(ValidationError, "Endpoint URL"):
            Gateway.create({"name": "No URL", "provider": "http"})
        with self.assertRaisesRegex(ValidationError, "Extra Parameters"):
            Gateway.create({"name": "Bad JSON", "extra_params": "{unicode: 1"})
        with self.assertRaisesRegex(ValidationError, "Number Prefixes"):
            Gateway.create({"name": "Bad prefix", "number_prefixes": "96650"})

    def test_template_needs_content_for_its_channel(self):
        with self.assertRaisesRegex(ValidationError, "SMS Text"):
            self.env["service.notification.template"].create(
                {
                    "name": "Empty",
                    "code": "empty",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "partner_field": "commercial_partner_id",
                    "channel": "sms",
                }
            )
