# covers: CUS-02
import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestDuplicateGuard(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.italy = cls.env.ref("base.it")
        cls.rossi = cls.env["res.partner"].create(
            {
                "name": "Mario Rossi",
                "service_is_customer": True,
                "country_id": cls.italy.id,
                "service_national_id": "RSSMRA85T10A562S",
                "service_mobile": "333 123 4567",
                "email": "mario.rossi@example.com",
            }
        )
        cls.other = cls.env["res.partner"].create(
            {"name": "Vigilanza Nord Srl", "service_is_customer": True}
        )

    def test_similar_customers_are_shown_while_creating(self):
        """Typing a name close to an existing customer lists it in the form."""
        form = Form(
            self.env["res.partner"].with_context(default_service_is_customer=True)
        )
        form.name = "Mario Rosi"
        self.assertIn(self.rossi, form.service_similar_partner_ids)
        self.assertNotIn(self.other, form.service_similar_partner_ids)
        form.name = "Completely different name"
        form.email = "MARIO.ROSSI@example.com"
        self.assertEqual(list(form.service_similar_partner_ids.ids), [self.rossi.id])

    def test_similar_list_respects_companies(self):
        form = Form(
            self.env["res.partner"]
            .with_user(self.manager_b)
            .with_context(default_service_is_customer=True)
        )
        form.name = "Mario Rossi"
        self.assertFalse(form.service_similar_partner_ids)

    def test_same_national_id_refused_in_the_same_company(self):
        with self.assertRaises(ValidationError) as error:
            self.env["res.partner"].create(
                {
                    "name": "M. Rossi",
                    "service_is_customer": True,
                    "country_id": self.italy.id,
                    "service_national_id": "rssmra85t10a562s",
                }
            )
        self.assertIn("National ID / Fiscal Code", str(error.exception))
        self.assertIn(self.rossi.display_name, str(error.exception))

    def test_same_mobile_in_another_format_refused(self):
        with self.assertRaisesRegex(ValidationError, r"Mobile: \+393331234567"):
            self.env["res.partner"].create(
                {
                    "name": "Someone else",
                    "service_is_customer": True,
                    "country_id": self.italy.id,
                    "service_mobile": "+39 333 1234567",
                }
            )

    def test_same_identifiers_allowed_in_another_company(self):
        twin = (
            self.env["res.partner"]
            .with_company(self.company_b)
            .create(
                {
                    "name": "Mario Rossi",
                    "service_is_customer": True,
                    "country_id": self.italy.id,
                    "service_national_id": "RSSMRA85T10A562S",
                    "service_mobile": "3331234567",
                }
            )
        )
        self.assertEqual(twin.company_id, self.company_b)

    def test_refusal_never_names_a_customer_the_caller_cannot_read(self):
        """API-01: a company-A user trying company B's values learns that they
        are taken, not by whom; a customer he can read is still named."""
        harbi = self.env["res.partner"].create(
            {
                "name": "Fahad Al-Harbi",
                "service_is_customer": True,
                "company_id": self.company_b.id,
                "country_id": self.italy.id,
                "service_national_id": "BNCGNN80A01F205W",
                "service_mobile": "+39 347 765 4321",
            }
        )
        Partner = self.env["res.partner"].with_user(self.users["service_user"])
        for values, label in (
            ({"service_national_id": "BNCGNN80A01F205W"}, "National ID"),
            ({"service_mobile": "347 765 4321"}, "Mobile"),
        ):
            with (
                self.subTest(field=label),
                self.assertRaises(ValidationError) as error,
            ):
                Partner.create(
                    dict(
                        values,
                        name="Probe",
                        service_is_customer=True,
                        company_id=self.company_b.id,
                        country_id=self.italy.id,
                    )
                )
            message = str(error.exception)
            self.assertIn(label, message)
            self.assertIn("a customer of this company whom you cannot see", message)
            self.assertNotIn("Harbi", message)
            self.assertNotIn(harbi.service_customer_code, message)
        with self.assertRaises(ValidationError) as error:
            Partner.create(
                {
                    "name": "M. Rossi",
                    "service_is_customer": True,
                    "country_id": self.italy.id,
                    "service_national_id": "RSSMRA85T10A562S",
                }
            )
        self.assertIn(self.rossi.display_name, str(error.exception))

    def test_contacts_may_share_a_mobile_with_their_company(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Assistant",
                "parent_id": self.rossi.id,
                "service_mobile": "333 123 4567",
            }
        )
        self.assertTrue(contact)

    def test_database_refuses_duplicates_written_around_the_orm(self):
        """Two workers inserting at once both pass the Python check; the unique
        index stops the second one."""
        self.other.flush_recordset()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE res_partner SET service_national_id = %s WHERE id = %s",
                ["RSSMRA85T10A562S", self.other.id],
            )
