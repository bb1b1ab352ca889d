# covers: API-01, CON-01, CON-08, CAN-01, REQ-10
"""Values sent over XML-RPC and JSON-2 are checked for type and range: a bad
or senseless value is refused with a message naming the field and what is
allowed, never a raw Python or PostgreSQL error, and nothing is stored."""

import json
from datetime import datetime, timedelta

from .common import RulesCase


class TestValueValidationOverRpc(RulesCase):
    def _label(self, model, name):
        return self.env[model]._fields[name]._description_string(self.env)

    def assertValueRefused(self, model, record, name, value, role="manager"):
        before = self.snapshot(record, [name])
        fault = self.assertRefused(
            self.users[role], model, "write", [record.id], {name: value}
        )
        self.assertIn(self._label(model, name), fault)
        self.assertEqual(self.snapshot(record, [name]), before)
        return fault

    def test_notice_days_not_a_number_is_refused_naming_the_field(self):
        fault = self.assertValueRefused(
            "service.contract", self.contract, "notice_days", "abc"
        )
        self.assertIn("expects a number", fault)

    def test_notice_days_beyond_integer_range_is_refused_over_json2(self):
        user = self.users["manager"]
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                scope="rpc",
                name="rules",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        response = self.url_open(
            "/json/2/service.contract/write",
            data=json.dumps(
                {"ids": [self.contract.id], "vals": {"notice_days": 10**20}}
            ),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {key}",
            },
        )
        self.assertEqual(response.status_code, 422, response.text)
        message = response.json()["message"]
        self.assertIn("Notice Period", message)
        self.assertIn("out of range", message)
        self.assertNotIn("NumericValueOutOfRange", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.contract.notice_days, 30)

    def test_customer_not_a_record_id_is_refused_without_sql(self):
        fault = self.assertValueRefused(
            "service.contract", self.contract, "partner_id", "x"
        )
        self.assertIn("record id", fault)

    def test_cancellation_notice_of_a_billion_days_is_refused(self):
        cancellation, make_vals = self.documents["service.cancellation"]
        for days in (10**9, -(10**9)):
            fault = self.assertValueRefused(
                "service.cancellation", cancellation, "notice_days", days
            )
            self.assertIn("from 0 to 3660", fault)
        count = self.env["service.cancellation"].search_count([])
        self.assertRefused(
            self.users["manager"],
            "service.cancellation",
            "create",
            dict(make_vals(1), notice_days=10**9),
        )
        self.assertEqual(self.env["service.cancellation"].search_count([]), count)

    def test_advance_of_1e308_is_refused(self):
        fault = self.assertValueRefused(
            "service.contract", self.contract, "advance_amount", 1e308
        )
        self.assertIn("out of range", fault)

    def test_dates_before_1900_are_refused(self):
        self.assertValueRefused(
            "service.contract", self.contract, "date_start", "0001-01-01"
        )
        self.assertValueRefused(
            "service.request", self.request, "date_received", "0001-01-01 00:00:00"
        )
        fault = self.assertValueRefused(
            "service.contract", self.contract, "date_end", "not a date"
        )
        self.assertIn("YYYY-MM-DD", fault)

    def test_negative_advance_notice_and_renewal_are_refused(self):
        for name, value in (
            ("advance_amount", -1000),
            ("notice_days", -30),
            ("renewal_months", -12),
        ):
            fault = self.assertValueRefused(
                "service.contract", self.contract, name, value
            )
            self.assertIn("out of range", fault)

    def test_negative_request_line_quantity_is_refused(self):
        line_id, fault = self.call(
            self.users["service_user"],
            "service.request.line",
            "create",
            {"request_id": self.request.id, "product_id": self.product.id},
        )
        self.assertIsNone(fault)
        line = self.env["service.request.line"].browse(line_id)
        self.assertValueRefused(
            "service.request.line", line, "quantity", -2, role="service_user"
        )

    def test_request_discount_outside_0_to_100_percent_is_refused(self):
        for value in (150, -20):
            fault = self.assertValueRefused(
                "service.request", self.request, "discount", value, role="supervisor"
            )
            self.assertIn("from 0 to 100", fault)
        # inside the range the supervisor grants it
        __, fault = self.call(
            self.users["supervisor"],
            "service.request",
            "write",
            [self.request.id],
            {"discount": 10},
        )
        self.assertIsNone(fault)
