# covers: REQ-08, API-01
"""Who writes to the customer is checked on every route: Odoo's own
``/mail/message/post`` (the chatter of the web client) posts under sudo once
it has checked the thread's access, and must not let a supervisor who is not
the assignee send a customer-visible comment (issue 16)."""

from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestCommentRoutes(RequestCase, HttpCase):
    def _post(self, login, request, body, subtype_xmlid):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "service.request",
                "thread_id": request.id,
                "post_data": {
                    "body": body,
                    "message_type": "comment",
                    "subtype_xmlid": subtype_xmlid,
                },
            },
        )

    def _bodies(self, request):
        messages = self.env["mail.message"].search(
            [("model", "=", "service.request"), ("res_id", "=", request.id)]
        )
        return " ".join(messages.mapped("body"))

    def test_supervisor_not_assignee_cannot_write_to_the_customer_through_mail_route(
        self,
    ):
        request = self._request()
        supervisor = self.users["supervisor"]
        self.assertNotEqual(request.user_id, supervisor)
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, "AccessError"),
        ):
            self._post(
                supervisor.login, request, "Refund on its way", "mail.mt_comment"
            )
        self.assertNotIn("Refund on its way", self._bodies(request))
        # an internal note is still his to write
        self._post(supervisor.login, request, "Call the customer back", "mail.mt_note")
        self.assertIn("Call the customer back", self._bodies(request))

    def test_assignee_and_manager_write_to_the_customer_through_mail_route(self):
        request = self._request()
        result = self._post(
            request.user_id.login, request, "We come at nine", "mail.mt_comment"
        )
        message = self.env["mail.message"].browse(result["message_id"])
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(message.author_id, request.user_id.partner_id)
        self._post(
            self.users["manager"].login,
            request,
            "Sorry for the wait",
            "mail.mt_comment",
        )
        self.assertIn("Sorry for the wait", self._bodies(request))
