# covers: CUS-01
import os

from stdnum import numdb

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestIdentifiers(ServiceCase):
    def _customer(self, country, **values):
        return self.env["res.partner"].create(
            dict(
                name="Identifier test",
                service_is_customer=True,
                country_id=self.env.ref(f"base.{country}").id,
                **values,
            )
        )

    def test_valid_national_ids_are_accepted_and_stored_compact(self):
        for country, number in (
            ("it", "RSSMRA85T10A562S"),  # codice fiscale
            ("it", "00743110157"),  # partita IVA
            ("cz", "710319/2745"),  # rodné číslo
            ("ua", "32855961"),  # ЄДРПОУ
            ("sa", "1087654321"),  # Saudi national ID (Luhn)
            ("ae", "784199012345676"),  # Emirates ID (Luhn)
            ("fr", "anything goes"),  # no rule: accepted as given
        ):
            with self.subTest(country=country, number=number):
                partner = self._customer(country, service_national_id=number)
                self.assertEqual(
                    partner.service_national_id,
                    "".join(ch for ch in number if ch.isalnum()).upper(),
                )
                partner.active = False  # free the identifier for the next case

    def test_wrong_national_id_names_field_and_expected_format(self):
        with self.assertRaises(ValidationError) as error:
            self._customer("it", service_national_id="RSSMRA85T10A562X")
        message = str(error.exception)
        self.assertIn("National ID / Fiscal Code", message)
        self.assertIn("Italy", message)
        self.assertIn("codice fiscale", message)
        self.assertIn("partita IVA", message)
        with self.assertRaisesRegex(ValidationError, "Emirates ID, 15 digits"):
            self._customer("ae", service_national_id="784199012345670")
        with self.assertRaisesRegex(ValidationError, "national ID or iqama"):
            self._customer("sa", service_national_id="3087654321")

    def test_wrong_vat_is_refused_by_country_format(self):
        with self.assertRaisesRegex(ValidationError, "VAT"):
            self._customer("it", vat="IT12345678901")
        partner = self._customer("it", vat="IT00743110157")
        self.assertEqual(partner.vat, "IT00743110157")

    def test_iban_on_bank_accounts(self):
        partner = self._customer("it")
        Bank = self.env["res.partner.bank"]
        account = Bank.create(
            {
                "partner_id": partner.id,
                "acc_number": "IT60 X054 2811 1010 0000 0123 456",
            }
        )
        self.assertTrue(account)
        with self.assertRaises(ValidationError) as error:
            Bank.create(
                {"partner_id": partner.id, "acc_number": "IT60X0542811101000000123457"}
            )
        self.assertIn("Account Number", str(error.exception))
        self.assertIn("IBAN", str(error.exception))
        # a national account number that is not IBAN-shaped is left alone
        self.assertTrue(
            Bank.create({"partner_id": partner.id, "acc_number": "123456789"})
        )

    def test_valid_ibans_of_every_country_are_saved_on_bank_accounts(self):
        # BE, CZ, ... validate against stdnum's bank data files (be/banks.dat),
        # which failed with "Can't open orphan path" under Odoo's import hook
        partner = self._customer("be")
        Bank = self.env["res.partner.bank"]
        for number in (
            "BE43798822936101",
            "IT60X0542811101000000123456",
            "CZ6508000000192000145399",
            "UA213223130000026007233566001",
            "SA0380000000608010167519",
            "DE89370400440532013000",
        ):
            with self.subTest(number=number):
                account = Bank.create({"partner_id": partner.id, "acc_number": number})
                self.assertEqual(account.sanitized_acc_number, number)
        with self.assertRaisesRegex(ValidationError, "Account Number.*IBAN"):
            Bank.create({"partner_id": partner.id, "acc_number": "BE43798822936102"})

    def test_every_stdnum_data_file_can_be_read(self):
        folder = os.path.dirname(numdb.__file__)
        names = [
            os.path.relpath(os.path.join(path, name), folder)[: -len(".dat")]
            for path, __, files in os.walk(folder)
            for name in files
            if name.endswith(".dat")
        ]
        self.assertIn("be/banks", names)
        for name in names:
            with self.subTest(name=name):
                self.assertTrue(numdb.get(name).prefixes)
