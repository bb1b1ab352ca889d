# covers: REQ-03, REQ-07, REQ-08, REQ-09, REQ-10, CUS-03
import base64
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestLifecycle(RequestCase):
    def test_validated_request_locks_its_key_fields(self):
        request = self._request(description="<p>Siren fault</p>")
        tech = request.user_id
        request.with_user(tech).action_validate()
        self.assertTrue(request.is_validated)
        self.assertTrue(request.date_acknowledged)
        for values in (
            {"partner_id": self.env["res.partner"].create({"name": "X"}).id},
            {"description": "<p>changed</p>"},
            {"priority": "2"},
            {"ref_incoming": "NEW"},
        ):
            with self.assertRaisesRegex(UserError, "is validated"):
                request.with_user(tech).write(values)
        # comments, stage and assignee still move
        request.with_user(tech).message_post(
            body="On my way", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        request.with_user(tech).stage_id = self.stage_progress
        self.assertEqual(request.stage_id, self.stage_progress)

    def test_stage_alerts_reach_the_assignee_and_the_customer(self):
        self.stage_progress.write(
            {
                "alert_activity": True,
                "alert_mail_template_id": self.env.ref(
                    "service_request.mail_template_request_stage"
                ).id,
            }
        )
        request = self._request()
        request.stage_id = self.stage_progress
        activity = request.activity_ids.filtered(lambda a: a.user_id == request.user_id)
        self.assertTrue(activity)
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "service.request"),
                ("res_id", "=", request.id),
                ("subject", "ilike", "In Progress"),
            ]
        )
        mail = mail.filtered(lambda m: self.customer in m.recipient_ids)
        self.assertEqual(len(mail), 1)
        self.assertIn("In Progress", mail.subject)

    def test_closing_sets_the_date_and_reopening_clears_it(self):
        request = self._request()
        request.stage_id = self.stage_done
        self.assertTrue(request.is_closed)
        self.assertTrue(request.date_closed)
        request.stage_id = self.stage_progress
        self.assertFalse(request.date_closed)

    def test_waiting_for_documents_reminds_n_times_every_m_days(self):
        self.type.write({"reminder_count": 2, "reminder_days": 3})
        request = self._request(missing_documents="ID card\nProof of address")
        with freeze_time("2026-11-02"):
            request.with_user(request.user_id).action_wait_for_documents()
        first = request.message_ids[0]
        self.assertIn("Proof of address", first.body)
        self.assertIn(self.customer, first.partner_ids)
        Request = self.env["service.request"]
        sent = []
        for day in range(1, 15):
            with freeze_time(date(2026, 11, 2) + timedelta(days=day)):
                before = request.reminders_sent
                Request._cron_document_reminders()
                if request.reminders_sent > before:
                    sent.append(day)
        self.assertEqual(sent, [3, 6])
        # documents received: no more reminders, the flag is gone
        request.action_documents_received()
        self.assertFalse(request.waiting_customer)

    def test_customer_documents_wake_the_assignee(self):
        request = self._request(missing_documents="ID card")
        request.with_user(request.user_id).action_wait_for_documents()
        portal_user = self.users["portal"]
        portal_user.partner_id.parent_id = self.customer
        request.message_subscribe(partner_ids=portal_user.partner_id.ids)
        # as the portal chatter posts: its controller checks the customer's
        # access, then posts as him with the uploaded attachment
        attachment = self.env["ir.attachment"].create(
            {
                "name": "id.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 id"),
                "res_model": "mail.compose.message",
                "res_id": 0,
            }
        )
        request.sudo().message_post(
            author_id=portal_user.partner_id.id,
            body="Here it is",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachment.ids,
        )
        summaries = request.activity_ids.mapped("summary")
        self.assertIn("The customer sent documents", summaries)

    def test_only_assignee_and_managers_write_to_the_customer(self):
        request = self._request()
        other_tech = (self.techs - request.user_id)[0]
        with self.assertRaisesRegex(AccessError, "only its assignee or a manager"):
            request.with_user(other_tech).message_post(
                body="Hello customer", message_type="comment"
            )
        # an internal note is fine for anyone of the team
        request.with_user(other_tech).message_post(
            body="Checked the panel",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        request.with_user(request.user_id).message_post(
            body="We come tomorrow",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        request.with_user(self.users["manager"]).message_post(
            body="Sorry for the delay",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def test_only_administrators_delete_comments(self):
        request = self._request()
        message = request.with_user(request.user_id).message_post(
            body="Wrong text", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        with self.assertRaises(AccessError):
            message.with_user(self.users["manager"]).unlink()
        message.with_user(self.env.ref("base.user_admin")).unlink()
        self.assertFalse(message.exists())

    def test_voice_messages_are_kept_with_the_request(self):
        request = self._request()
        voice = (
            self.env["ir.attachment"]
            .with_user(request.user_id)
            .create(
                {
                    "name": "voice.ogg",
                    "mimetype": "audio/ogg",
                    "datas": base64.b64encode(b"OggS voice"),
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        # as the voice recorder's upload route does
        self.env["discuss.voice.metadata"].create({"attachment_id": voice.id})
        message = request.with_user(request.user_id).message_post(
            body="",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachment_ids=voice.ids,
        )
        self.assertEqual(message.attachment_ids, voice)
        self.assertEqual(voice.sudo().res_model, "service.request")
        self.assertTrue(voice.sudo().voice_ids)

    def test_discount_needs_rights_and_approval_within_limits(self):
        request = self._request(
            line_ids=[
                (
                    0,
                    0,
                    {
                        "product_id": self._service().id,
                        "quantity": 2,
                        "price_unit": 100,
                    },
                )
            ]
        )
        tech = request.user_id
        with self.assertRaises(AccessError):
            request.with_user(tech).discount = 10
        rule = self.env["service.approval.rule"].create(
            {
                "name": "Request discounts",
                "company_id": self.company_a.id,
                "model_id": self.env["ir.model"]._get_id("service.request"),
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Supervisor",
                            "group_id": self.env.ref(
                                "service_base.group_service_supervisor"
                            ).id,
                            "amount_limit": 15,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Manager",
                            "group_id": self.env.ref(
                                "service_base.group_service_manager"
                            ).id,
                        },
                    ),
                ],
            }
        )
        self.assertTrue(rule)
        supervisor = self.users["supervisor"]
        request.with_user(supervisor).discount = 10  # 20.00 on 200.00
        with self.assertRaisesRegex(UserError, "not approved"):
            request.with_user(supervisor).stage_id = self.stage_done
        # the assignee asks; the supervisor may approve up to 15.00 only
        request.with_user(tech).action_request_approval()
        request.with_user(supervisor).action_approve()
        self.assertEqual(request.approval_state, "pending")  # 20 > 15: manager
        request.with_user(self.users["manager"]).action_approve()
        self.assertEqual(request.approval_state, "approved")
        request.with_user(supervisor).stage_id = self.stage_done
        self.assertTrue(request.is_closed)
        action = request.with_user(supervisor).action_create_invoice()
        invoice = request.invoice_id
        self.assertEqual(action["res_id"], invoice.id)
        self.assertAlmostEqual(invoice.amount_untaxed, 180.0)
        self.assertEqual(invoice.invoice_origin, request.name)
        with self.assertRaisesRegex(UserError, "already invoiced"):
            request.with_user(supervisor).action_create_invoice()

    def _service(self):
        return self.env["product.product"].create(
            {
                "name": "Technician hour",
                "type": "service",
                "list_price": 100,
                "taxes_id": [(5, 0, 0)],
            }
        )

    def test_frozen_customer_cannot_open_a_request(self):
        self.customer.write({"service_frozen": True, "service_frozen_reason": "Unpaid"})
        with self.assertRaisesRegex(UserError, "frozen"):
            self._request()

    def test_operations_room_event(self):
        ops_type = self.env.ref("service_request.type_operations")
        site = self.env["res.partner"].create(
            {"name": "North gate", "parent_id": self.customer.id, "type": "other"}
        )
        event = self._request(
            type_id=ops_type.id,
            site_partner_id=site.id,
            operator_id=self.users["service_user"].id,
            outcome="False alarm, patrol sent",
            billable=True,
        )
        self.assertEqual(event.kind, "operations")
        self.assertTrue(event.name.startswith("OPS/"))
        stranger = self.env["res.partner"].create({"name": "Elsewhere"})
        with self.assertRaisesRegex(Exception, "Site"):
            event.site_partner_id = stranger

    def test_item_card_lists_its_requests(self):
        item = self.env["service.item"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self._service().id,
                "serial": "PANEL-0042",
            }
        )
        request = self._request(item_id=item.id)
        self.assertEqual(item.request_ids, request)
        self.assertEqual(item.request_count, 1)
        action = item.action_view_requests()
        self.assertEqual(action["domain"], [("item_id", "=", item.id)])
        request.action_validate()
        with self.assertRaisesRegex(UserError, "is validated"):
            request.with_user(request.user_id).item_id = False
