# covers: REQ-01, REQ-06, REQ-12
"""A request says what it is about and when it is due (issue 17): a title
(the portal's Subject, not merged into the description), kanban cards with
the expected completion and an overdue marker, a portal page with Odoo's
portal sidebar and times without seconds."""

import re
from datetime import datetime, timedelta

from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestRequestTitleDeadline(RequestCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.users["portal"]
        cls.portal_user.write({"login": "title_portal", "password": "title_portal"})
        cls.portal_user.partner_id.write({"parent_id": cls.customer.id})

    def test_open_request_past_its_expected_completion_is_overdue(self):
        now = fields.Datetime.now()
        late = self._request(date_expected=now - timedelta(hours=2))
        on_time = self._request(date_expected=now + timedelta(days=2))
        self.assertTrue(late.is_overdue)
        self.assertFalse(on_time.is_overdue)
        late.stage_id = self.stage_done
        self.assertFalse(late.is_overdue, "a closed request is never overdue")
        kanban = etree.fromstring(
            self.env["service.request"].get_view(
                self.env.ref("service_request.service_request_view_kanban").id
            )["arch"]
        )
        card = kanban.xpath("//t[@t-name='card']")[0]
        self.assertTrue(card.xpath(".//field[@name='title']"))
        self.assertTrue(card.xpath(".//field[@name='date_expected']"))
        self.assertTrue(card.xpath(".//span[hasclass('o_service_request_overdue')]"))

    def test_portal_page_has_the_sidebar_and_minutes_only(self):
        request = self._request(
            title="Gate barrier stuck",
            date_received=datetime(2026, 11, 5, 9, 41, 27),
        )
        self.authenticate("title_portal", "title_portal")
        page = self.url_open(f"/my/requests/{request.id}")
        self.assertEqual(page.status_code, 200)
        html = etree.fromstring(page.text, etree.HTMLParser())
        sidebar = html.xpath("//div[hasclass('o_portal_service_request_sidebar')]")
        self.assertTrue(sidebar)
        self.assertTrue(sidebar[0].xpath(".//*[hasclass('o_portal_sidebar_content')]"))
        content = html.xpath("//div[@id='service_request_content']")[0]
        self.assertIn("Gate barrier stuck", content.xpath("string(.//h2)"))
        text = " ".join(sidebar[0].itertext())
        self.assertRegex(text, r"\d{1,2}:\d{2}")
        self.assertNotRegex(text, r"\d{1,2}:\d{2}:\d{2}")
        listing = self.url_open("/my/requests")
        self.assertIn("Gate barrier stuck", listing.text)
        self.assertFalse(re.search(r"\d{1,2}:\d{2}:\d{2}", listing.text))
