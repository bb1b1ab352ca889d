# covers: VIS-01, VIS-04
from datetime import date

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import VisitCase


@tagged("post_install", "-at_install")
class TestServiceItem(VisitCase):
    def test_item_numbers_are_unique_per_company(self):
        """Each company numbers its items from its own sequence: numbers never
        repeat inside a company, and the database refuses a repeated one."""
        items_a = self._item() | self._item() | self._item()
        self.assertEqual(len(set(items_a.mapped("name"))), 3)
        year = str(date.today().year)
        for item in items_a:
            self.assertRegex(item.name, rf"^ITM/{year}/\d{{5}}$")
        partner_b = self.env["res.partner"].create(
            {"name": "Customer of B", "company_id": self.company_b.id}
        )
        item_b = (
            self.env["service.item"]
            .with_user(self.manager_b)
            .create(
                {
                    "product_id": self.boiler.id,
                    "partner_id": partner_b.id,
                    "company_id": self.company_b.id,
                }
            )
        )
        self.assertEqual(item_b.company_id, self.company_b)
        sequences = self.env["ir.sequence"].search([("code", "=", "service.item")])
        self.assertEqual(
            set(sequences.company_id.ids) & {self.company_a.id, self.company_b.id},
            {self.company_a.id, self.company_b.id},
            "each company numbers from its own sequence",
        )
        # another company may reuse a number; the same company may not
        item_b.sudo().name = items_a[0].name
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            items_a[1].name = items_a[0].name
            items_a[1].flush_recordset()

    def test_bulk_numbers_come_in_order(self):
        numbers = self.company_a._service_visit_next_numbers("service.visit", 5)
        self.assertEqual(len(set(numbers)), 5)
        self.assertEqual(numbers, sorted(numbers))

    def test_item_card_where_covered_and_principal(self):
        """The card tells where the item is, which contract covers it, where
        it came from and how it was installed (VIS-01, VIS-04)."""
        principal = self.env["res.partner"].create(
            {"name": "Boilers Europe SpA", "is_company": True}
        )
        contract = self._visit_contract(date(2031, 1, 1))
        item = self._item(
            contract,
            principal_id=principal.id,
            principal_reference="BE-7781",
            received_date=date(2030, 12, 1),
            installation_date=date(2030, 12, 15),
            warranty_end=date(2032, 12, 15),
            installation_notes="<p>Wall-mounted in the plant room.</p>",
        )
        self.assertEqual(item.contract_id, contract)
        self.assertEqual(item.site_partner_id, self.site)
        self.assertEqual(item.principal_id, principal)
        self.assertIn("SN-0001", item.display_name)
        self.assertIn(item.name, item.display_name)
        found = self.env["service.item"].search([("principal_id", "=", principal.id)])
        self.assertEqual(found, item)
        self.assertEqual(self.env["service.item"].name_search("SN-0001")[0][0], item.id)
        self.assertEqual(contract.item_count, 1)

    def test_item_card_counts_visits_done_and_pending(self):
        item = self._item()
        done = self._visit(item_id=item.id, no_signature_reason="Nobody on site")
        done.action_done()
        self._visit(item_id=item.id)
        self._visit(item_id=item.id, date_due=date(2031, 6, 1))
        cancelled = self._visit(item_id=item.id, date_due=date(2031, 9, 1))
        cancelled.action_cancel()
        self.assertEqual(item.visit_done_count, 1)
        self.assertEqual(item.visit_pending_count, 2)
        self.assertEqual(len(item.visit_ids), 4)
        pending = item.action_view_visits_pending()
        self.assertEqual(
            self.env["service.visit"].search(pending["domain"]),
            item.visit_ids.filtered(lambda v: v.state == "planned"),
        )
        # a visit of the item takes the item's customer and site
        self.assertEqual(done.partner_id, self.customer)
        self.assertEqual(done.site_partner_id, self.site)

    def test_site_must_be_an_address_of_the_customer(self):
        stranger = self.env["res.partner"].create({"name": "Somebody else"})
        with self.assertRaisesRegex(ValidationError, "Service Site"):
            self._item(site_partner_id=stranger.id)
        # the customer itself is a valid site
        self.assertTrue(self._item(site_partner_id=self.customer.id))

    def test_contract_line_must_be_the_customers(self):
        other = self.env["res.partner"].create(
            {"name": "Other customer", "service_is_customer": True}
        )
        contract = self._visit_contract(date(2031, 1, 1))
        with self.assertRaisesRegex(ValidationError, "Contract Line"):
            self._item(contract, partner_id=other.id, site_partner_id=False, serial="X")

    def test_warranty_cannot_end_before_installation(self):
        with self.assertRaisesRegex(ValidationError, "Warranty End"):
            self._item(
                installation_date=date(2031, 5, 1), warranty_end=date(2031, 4, 1)
            )

    def test_removed_item(self):
        item = self._item()
        item.action_remove()
        self.assertEqual(item.state, "removed")
        self.assertTrue(item.removal_date)
        with self.assertRaises(UserError):
            item.action_remove()
        item.action_reinstate()
        self.assertEqual(item.state, "in_service")
        self.assertFalse(item.removal_date)
