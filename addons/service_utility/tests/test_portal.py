# covers: UTL-02, UTL-03
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import UtilityCase


@tagged("post_install", "-at_install")
class TestPortalSelfReading(UtilityCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.users["portal"]
        cls.portal_user.write({"login": "meter_portal", "password": "meter_portal"})
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other customer", "service_is_customer": True}
        )
        cls.other_point = cls._point("IT005E11112222", "it_pod", cls.other_customer)
        cls._meter(cls.other_point, "M-OTHER", date(2025, 1, 1))
        contract = cls._metered_contract()
        for day, value in ((date(2025, 12, 31), 1000), (date(2026, 1, 31), 1310)):
            cls.env["service.meter.reading"].create(
                {"point_id": cls.point.id, "date": day, "value": value}
            )
        run = cls.env["service.billing.run"].create({"date_until": date(2026, 1, 31)})
        run.action_run()
        cls.contract = contract

    def test_customer_sends_a_reading_with_a_photo_from_his_point(self):
        self.start_tour(
            "/my/supply-points",
            "service_utility_portal_self_reading",
            login="meter_portal",
        )
        reading = self.env["service.meter.reading"].search(
            [("point_id", "=", self.point.id), ("source", "=", "customer")]
        )
        self.assertEqual(len(reading), 1)
        self.assertEqual(reading.value, 4370)
        self.assertEqual(reading.state, "valid")
        self.assertTrue(reading.photo)
        self.assertEqual(reading.create_uid, self.portal_user)

    def test_other_customers_points_are_not_found(self):
        self.authenticate("meter_portal", "meter_portal")
        own = self.url_open(f"/my/supply-points/{self.point.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn("o_service_reading_form", own.text)
        listing = self.url_open("/my/supply-points")
        self.assertIn("IT001E12345678", listing.text)
        self.assertNotIn("IT005E11112222", listing.text)
        for url in (
            f"/my/supply-points/{self.other_point.id}",
            f"/my/supply-points/{self.other_point.id}/export",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        marker = 'name="csrf_token" value="'
        start = own.text.index(marker) + len(marker)
        csrf = own.text[start : own.text.index('"', start)]
        response = self.url_open(
            f"/my/supply-points/{self.other_point.id}/reading",
            data={"value": "5", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.other_point.reading_ids)
        bad = self.url_open(
            f"/my/supply-points/{self.point.id}/reading",
            data={"value": "lots", "csrf_token": csrf},
        )
        self.assertIn("enter the number shown by the meter", bad.text)

    def test_customer_exports_his_consumption(self):
        self.authenticate("meter_portal", "meter_portal")
        export = self.url_open(f"/my/supply-points/{self.point.id}/export")
        self.assertEqual(export.status_code, 200)
        text = export.content.decode("utf-8-sig")
        self.assertIn("2026-01-01,2026-01-31,T,310.000,0.000,310.000,0", text)
        self.assertIn("2026-01-31,T,1310.000,actual", text)
