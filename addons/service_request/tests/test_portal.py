# covers: REQ-08, REQ-12
from odoo.tests import HttpCase, tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestRequestPortal(RequestCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.users["portal"]
        cls.portal_user.write({"login": "harbour_portal", "password": "harbour_portal"})
        cls.portal_user.partner_id.write(
            {"parent_id": cls.customer.id, "email": "desk@harbour.example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other customer", "company_id": cls.company_a.id}
        )

    def test_customer_sees_external_comments_only(self):
        request = self._request()
        request.with_user(request.user_id).message_post(
            body="Internal: customer is difficult",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        request.with_user(request.user_id).message_post(
            body="We will come on Tuesday",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        visible = (
            self.env["mail.message"]
            .with_user(self.portal_user)
            .search([("model", "=", "service.request"), ("res_id", "=", request.id)])
        )
        bodies = " ".join(visible.mapped("body"))
        self.assertIn("We will come on Tuesday", bodies)
        self.assertNotIn("customer is difficult", bodies)

    def test_direct_urls_to_other_requests_are_refused(self):
        own = self._request()
        other = self._request(partner_id=self.other_customer.id)
        self.authenticate("harbour_portal", "harbour_portal")
        response = self.url_open(f"/my/requests/{own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(own.name, response.text)
        response = self.url_open(f"/my/requests/{other.id}")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(other.name, response.text)
        response = self.url_open("/my/requests/999999999")
        self.assertEqual(response.status_code, 404)
        listing = self.url_open("/my/requests")
        self.assertIn(own.name, listing.text)
        self.assertNotIn(other.name, listing.text)

    def test_closed_request_offers_a_rating(self):
        request = self._request()
        request.stage_id = self.stage_done
        self.authenticate("harbour_portal", "harbour_portal")
        page = self.url_open(f"/my/requests/{request.id}")
        self.assertIn("How did we do?", page.text)
        token = request.rating_ids[:1].access_token
        self.assertTrue(token)
        page = self.url_open(f"/rate/{token}/5")
        self.assertEqual(page.status_code, 200)
        self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": 5, "csrf_token": self._csrf(page.text)},
        )
        self.assertEqual(request.rating_ids.rating, 5)

    def test_portal_rejects_a_bad_form_with_a_clear_message(self):
        self.authenticate("harbour_portal", "harbour_portal")
        page = self.url_open("/my/requests/new")
        self.assertEqual(page.status_code, 200)
        response = self.url_open(
            "/my/requests/new",
            data={
                "type_id": "abc",
                "subject": "x",
                "csrf_token": self._csrf(page.text),
            },
        )
        self.assertIn("Type: choose one of the types", response.text)
        self.assertFalse(
            self.env["service.request"].search([("partner_id", "=", self.customer.id)])
        )

    def _csrf(self, html):
        marker = 'name="csrf_token" value="'
        start = html.index(marker) + len(marker)
        return html[start : html.index('"', start)]

    def test_customer_opens_and_comments_a_request_in_the_portal(self):
        self.start_tour(
            "/my/requests", "service_request_portal_customer", login="harbour_portal"
        )
        request = self.env["service.request"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(request), 1)
        # the portal's Subject is the request's title, not merged into the
        # description (issue 17)
        self.assertEqual(request.title, "The siren does not stop")
        self.assertIn("Since this morning", request.description)
        self.assertNotIn("The siren does not stop", request.description)
        self.assertTrue(request.user_id, "distributed to the team")
        self.assertIn(
            "Please call before coming", " ".join(request.message_ids.mapped("body"))
        )

    def test_technician_handles_a_request_in_the_web_client(self):
        tech = self.techs[0]
        tech.write({"login": "tech_tour", "password": "tech_tour_pw"})
        self._request(user_id=tech.id)
        self.start_tour(
            "/odoo/action-service_request.service_request_action?view_type=list",
            "service_request_technician",
            login="tech_tour",
        )
        request = self.env["service.request"].search([("user_id", "=", tech.id)])
        self.assertTrue(request.is_validated)
        self.assertEqual(request.stage_id, self.stage_progress)
        self.assertIn("Panel replaced", " ".join(request.message_ids.mapped("body")))
