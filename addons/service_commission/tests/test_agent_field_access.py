# covers: AGT-01, API-01
"""A sales agent reads the national ID and mobile of his own customers only:
customers without an agent are visible to him (record rules) but their
identifiers are not, whatever the call (issue 16)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CommissionCase

FIELDS = ["name", "service_national_id", "service_mobile", "service_mobile_normalized"]


@tagged("post_install", "-at_install")
class TestAgentFieldAccess(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        italy = cls.env.ref("base.it")
        cls.customer.write(
            {
                "country_id": italy.id,
                "service_national_id": "RSSMRA85T10A562S",
                "service_mobile": "+39 333 123 4567",
            }
        )
        cls.unassigned = cls.env["res.partner"].create(
            {
                "name": "Unassigned Customer",
                "service_is_customer": True,
                "is_company": True,
                "country_id": italy.id,
                "service_national_id": "00743110157",
                "service_mobile": "+39 347 765 4321",
            }
        )

    def test_agent_reads_identifiers_of_his_customers_only(self):
        Partner = self.env["res.partner"].with_user(self.agent_user)
        records = Partner.browse([self.customer.id, self.unassigned.id])
        values = {row["id"]: row for row in records.read(FIELDS)}
        self.assertEqual(
            values[self.customer.id]["service_national_id"], "RSSMRA85T10A562S"
        )
        self.assertEqual(
            values[self.customer.id]["service_mobile_normalized"], "+393331234567"
        )
        # he sees the unassigned customer, not its identifiers
        self.assertEqual(values[self.unassigned.id]["name"], "Unassigned Customer")
        for name in FIELDS[1:]:
            self.assertFalse(values[self.unassigned.id][name], name)
        [row] = Partner.search_read([("id", "=", self.unassigned.id)], FIELDS)
        self.assertFalse(row["service_national_id"] or row["service_mobile"])
        [row] = Partner.browse(self.unassigned.id).web_read(
            {"service_national_id": {}, "service_mobile": {}}
        )
        self.assertFalse(row["service_national_id"] or row["service_mobile"])
        # nor can they be exported or grouped by
        with self.assertRaisesRegex(AccessError, "sales agent"):
            records.export_data(["name", "service_national_id"])
        with self.assertRaisesRegex(AccessError, "sales agent"):
            Partner.formatted_read_group([], ["service_mobile"], ["__count"])
        # nor searched on (which would tell who holds a number) or sorted by
        with self.assertRaisesRegex(AccessError, "sales agent"):
            Partner.search([("service_national_id", "=", "00743110157")])
        with self.assertRaisesRegex(AccessError, "sales agent"):
            Partner.search_count(
                [("child_ids.commercial_partner_id.service_mobile", "ilike", "347")]
            )
        with self.assertRaisesRegex(AccessError, "sales agent"):
            Partner.search([], order="service_mobile_normalized desc")
        self.assertIn(
            self.customer, Partner.search([("name", "=", "Harbour Authority")])
        )
        # the data itself is untouched, and services staff read it all
        staff = self.unassigned.with_user(self.users["service_user"])
        self.assertEqual(
            staff.read(["service_national_id"])[0]["service_national_id"], "00743110157"
        )
