# covers: CUS-01
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestCustomerCode(ServiceCase):
    def test_code_from_company_sequence_shown_and_searchable(self):
        Partner = self.env["res.partner"]
        first = Partner.create({"name": "Alpha Guards", "service_is_customer": True})
        second = Partner.create({"name": "Beta Alarms", "service_is_customer": True})
        self.assertRegex(first.service_customer_code, r"^C\d{5}$")
        self.assertEqual(
            int(second.service_customer_code[1:]),
            int(first.service_customer_code[1:]) + 1,
        )
        self.assertEqual(
            first.display_name, f"[{first.service_customer_code}] Alpha Guards"
        )
        found = Partner.name_search(first.service_customer_code)
        self.assertEqual([row[0] for row in found], [first.id])
        self.assertEqual(
            Partner.search([("display_name", "ilike", second.service_customer_code)]),
            second,
        )

    def test_each_company_numbers_its_own_customers(self):
        Partner = self.env["res.partner"]
        in_b = Partner.with_company(self.company_b).create(
            {"name": "Gamma", "service_is_customer": True}
        )
        self.assertEqual(in_b.company_id, self.company_b)
        self.assertEqual(in_b.service_customer_code, "C00001")
        sequence = self.env["res.company"]._service_customer_sequence(self.company_b)
        self.assertEqual(sequence.company_id, self.company_b)

    def test_contacts_and_plain_partners_get_no_code(self):
        customer = self.env["res.partner"].create(
            {"name": "Delta", "service_is_customer": True, "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Delta's accountant", "parent_id": customer.id}
        )
        vendor = self.env["res.partner"].create({"name": "Paper supplier"})
        self.assertFalse(contact.service_customer_code)
        self.assertFalse(vendor.service_customer_code)
        vendor.service_is_customer = True
        self.assertTrue(vendor.service_customer_code)

    def test_address_kinds(self):
        """Billing, registered office, correspondence and service site addresses
        (CUS-01), found through Odoo's own address lookup."""
        customer = self.env["res.partner"].create(
            {"name": "Epsilon", "service_is_customer": True, "is_company": True}
        )
        kinds = {}
        for kind in ("invoice", "registered", "correspondence", "service_site"):
            kinds[kind] = self.env["res.partner"].create(
                {"parent_id": customer.id, "type": kind, "city": kind}
            )
        addresses = customer.address_get(list(kinds))
        for kind, address in kinds.items():
            self.assertEqual(addresses[kind], address.id)
        self.assertEqual(kinds["service_site"].display_name, "Epsilon, Service Site")
