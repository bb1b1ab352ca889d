# covers: BNK-01
"""Mandates: a valid IBAN of the customer's own account, a unique reference
of at most 35 SEPA characters, validated only with a date of signature,
expired after 36 months unused, and printable."""

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.service_base.tests.common import pdf_text

from .common import BankCase


@tagged("post_install", "-at_install")
class TestMandate(BankCase):
    def test_iban_must_be_valid_and_the_customers_own(self):
        bad = self.env["res.partner.bank"].create(
            {"acc_number": "DE893704", "partner_id": self.customer.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a valid IBAN"):
            self.env["service.mandate"].create(
                {
                    "name": "BAD-1",
                    "partner_id": self.customer.id,
                    "partner_bank_id": bad.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "belongs to"):
            self.env["service.mandate"].create(
                {
                    "name": "BAD-2",
                    "partner_id": self.customer.id,
                    "partner_bank_id": self.mandate_2.partner_bank_id.id,
                }
            )

    def test_reference_is_unique_short_and_in_the_sepa_character_set(self):
        account = self.mandate.partner_bank_id
        for reference in ("A" * 36, "HAS SPACE", "/START", "ÜBER-1"):
            with self.subTest(reference=reference), self.assertRaises(ValidationError):
                self.env["service.mandate"].create(
                    {
                        "name": reference,
                        "partner_id": self.customer.id,
                        "partner_bank_id": account.id,
                    }
                )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.env["service.mandate"].create(
                {
                    "name": "HARBOUR-1",
                    "partner_id": self.customer.id,
                    "partner_bank_id": account.id,
                }
            )

    def test_numbered_when_no_reference_is_given(self):
        mandate = self.env["service.mandate"].create(
            {
                "partner_id": self.customer.id,
                "partner_bank_id": self.mandate.partner_bank_id.id,
            }
        )
        self.assertTrue(mandate.name.startswith("MND"))

    def test_validation_needs_a_signature_date_and_the_right_role(self):
        mandate = self._mandate(
            self.customer,
            "DE02120300000000202051",
            "HARBOUR-2",
            validate=False,
            signature_date=False,
        )
        with self.assertRaisesRegex(UserError, "date of signature"):
            mandate.action_validate()
        mandate.signature_date = self.today
        with self.assertRaises(AccessError):
            mandate.with_user(self.users["portal"]).action_validate()
        mandate.with_user(self.users["service_user"]).action_validate()
        self.assertEqual(mandate.state, "valid")
        with self.assertRaisesRegex(UserError, "changes only through"):
            mandate.with_user(self.users["service_user"]).write(
                {"return_count": 0, "state": "draft"}
            )

    def test_unused_for_36_months_expires(self):
        old = self._mandate(self.customer_2, "DE02120300000000202051", "OLD-1")
        old.signature_date = self.today - relativedelta(months=37)
        used = self._mandate(self.customer_2, "FR1420041010050500013M02606", "USED-1")
        used.signature_date = self.today - relativedelta(months=40)
        used._register_debits(self.today - relativedelta(months=2))
        expired = self.env["service.mandate"]._cron_expire()
        self.assertIn(old, expired)
        self.assertNotIn(used, expired)
        self.assertEqual(old.state, "expired")
        self.assertEqual(used.state, "valid")
        self.assertEqual(
            used.expiry_date, fields.Date.add(used.last_debit_date, months=36)
        )

    def test_printable_mandate_form(self):
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "service_bank.action_report_service_mandate", self.mandate.ids
            )
        )
        text = pdf_text(pdf)
        self.assertIn("SEPA Direct Debit Mandate", text)
        self.assertIn("HARBOUR-1", text)
        self.assertIn("IT66ZZZA1B2C3D4E5F6G7H8", text)
        self.assertIn("DE89", text)
