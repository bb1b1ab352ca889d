# covers: CUS-05
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase

TODAY = date(2026, 11, 23)


@tagged("post_install", "-at_install")
class TestDocumentExpiry(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.service_document_reminder_days = 30
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Falcon Security",
                "service_is_customer": True,
                "is_company": True,
                "email": "office@falcon.example.com",
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Legal representative",
                "parent_id": cls.customer.id,
                "email": "rep@falcon.example.com",
            }
        )
        cls.id_type = cls.env.ref("service_customer.document_type_identity")
        cls.licence_type = cls.env.ref("service_customer.document_type_trade_licence")
        cls.responsible = cls.users["service_user"]

    def _document(self, name, partner, expiry, doc_type=None, company=None):
        return self.env["service.document"].create(
            {
                "name": name,
                "partner_id": partner.id,
                "document_type_id": (doc_type or self.id_type).id,
                "expiry_date": expiry,
                "user_id": self.responsible.id,
                "company_id": (company or self.company_a).id,
            }
        )

    def _activities(self, documents):
        return self.env["mail.activity"].search(
            [("res_model", "=", "service.document"), ("res_id", "in", documents.ids)]
        )

    def _mails(self, documents):
        """Reminder e-mails to the holder (not the activity notices to staff)."""
        return self.env["mail.mail"].search(
            [
                ("model", "=", "service.document"),
                ("res_id", "in", documents.ids),
                ("recipient_ids", "not in", self.responsible.partner_id.ids),
            ]
        )

    @freeze_time(TODAY)
    def test_reminder_once_per_expiry_to_staff_and_customer(self):
        soon = self._document("Rep ID card", self.contact, TODAY + timedelta(days=10))
        licence = self._document(
            "Trade licence",
            self.customer,
            TODAY + timedelta(days=45),
            self.licence_type,
        )
        later = self._document("Passport", self.contact, TODAY + timedelta(days=90))
        no_expiry = self._document("Power of attorney", self.customer, False)
        Document = self.env["service.document"]

        self.assertEqual(Document._cron_remind_expiring(), 2)  # soon + licence (60 d)
        reminded = soon | licence
        self.assertEqual(len(self._activities(reminded)), 2)
        self.assertEqual(set(self._activities(reminded).user_id), {self.responsible})
        mails = self._mails(reminded)
        self.assertEqual(len(mails), 2)
        self.assertEqual(
            mails.filtered(lambda m: m.res_id == soon.id).recipient_ids, self.contact
        )
        self.assertFalse(self._activities(later | no_expiry))
        self.assertEqual(soon.reminded_for_date, soon.expiry_date)
        self.assertEqual(soon.expiry_state, "expiring")
        self.assertEqual(later.expiry_state, "valid")

        # a rerun the same day (or a second worker) reminds nobody again
        self.assertEqual(Document._cron_remind_expiring(), 0)
        self.assertEqual(len(self._activities(reminded)), 2)

        # a renewed document is reminded again before its new expiry
        soon.expiry_date = TODAY + timedelta(days=20)
        self.assertEqual(Document._cron_remind_expiring(), 1)

    @freeze_time(TODAY)
    def test_documents_of_contacts_roll_up_to_the_customer(self):
        document = self._document("Rep ID card", self.contact, TODAY)
        self.assertEqual(document.customer_id, self.customer)
        self.assertEqual(self.customer.service_document_count, 1)
        action = self.customer.action_service_view_documents()
        self.assertEqual(
            self.env["service.document"].search(action["domain"]), document
        )

    @freeze_time(TODAY)
    def test_expired_documents_are_flagged(self):
        document = self._document("Old ID", self.contact, TODAY - timedelta(days=1))
        self.assertEqual(document.expiry_state, "expired")

    @freeze_time(TODAY)
    def test_reminder_goes_by_the_channel_chosen_on_the_template(self):
        """A company whose "document_expiry" template is SMS sends SMS."""
        self.env["service.sms.gateway"].create({"name": "Test gateway"})
        self.contact.service_mobile = "+966501234567"
        self.env["service.notification.template"].create(
            {
                "name": "Document expiry by SMS",
                "code": "document_expiry",
                "model_id": self.env["ir.model"]._get_id("service.document"),
                "partner_field": "partner_id",
                "channel": "sms",
                "sms_body": "{{ object.name }} expires on {{ object.expiry_date }}",
            }
        )
        document = self._document(
            "Rep ID card", self.contact, TODAY + timedelta(days=5)
        )
        self.env["service.document"]._cron_remind_expiring()
        sms = self.env["service.sms.message"].search(
            [("res_model", "=", "service.document"), ("res_id", "=", document.id)]
        )
        self.assertEqual(sms.body, "Rep ID card expires on 2026-11-28")
        self.assertEqual(sms.state, "sent")
        self.assertFalse(self._mails(document))
