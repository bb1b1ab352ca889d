"""Company A in euros with a SEPA creditor identifier, an Italian bank account
and a RiBa SIA code; two customers paying by direct debit with valid mandates,
an accountant, and helpers for invoices and orders."""

import base64

from odoo import Command, fields

from odoo.addons.service_contract.tests.common import ContractCase

COMPANY_IBAN = "IT60X0542811101000000123456"
HARBOUR_IBAN = "DE89370400440532013000"
CLUB_IBAN = "IT40S0542811101000000123456"


class BankCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        euro = cls.env.ref("base.EUR")
        euro.active = True
        (cls.company_a | cls.company_b).write({"currency_id": euro.id})
        cls.company_a.write(
            {
                "name": "Sicurezza Adriatica",
                "vat": "IT00743110157",
                "street": "Via Roma 1",
                "zip": "34121",
                "city": "Trieste",
                "service_sepa_creditor_identifier": "IT66ZZZA1B2C3D4E5F6G7H8",
                "service_riba_sia_code": "A1B2C",
            }
        )
        cls.company_a._service_bank_setup()
        cls.transit = cls.company_a.service_debit_transit_account_id
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company_a.id), ("type", "=", "bank")], limit=1
        )
        cls.company_bank_account = cls.env["res.partner.bank"].create(
            {
                "acc_number": COMPANY_IBAN,
                "partner_id": cls.company_a.partner_id.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.bank_journal.write(
            {
                "bank_account_id": cls.company_bank_account.id,
                "service_pain_version": "08",
            }
        )
        cls.accountant = cls._make_user(
            "accountant_a",
            "account.group_account_invoice,service_base.group_service_user",
            cls.company_a,
        )
        cls.accountant_b = cls._make_user(
            "accountant_b", "account.group_account_invoice", cls.company_b
        )
        cls.customer.write({"service_payment_mode": "direct_debit"})
        cls.customer_2 = cls.env["res.partner"].create(
            {
                "name": "Società Nautica Àrea Nord",
                "is_company": True,
                "service_is_customer": True,
                "service_payment_mode": "direct_debit",
                "street": "Riva Nazario Sauro 2",
                "zip": "34124",
                "city": "Trieste",
                "vat": "IT12345670017",
            }
        )
        cls.mandate = cls._mandate(cls.customer, HARBOUR_IBAN, "HARBOUR-1")
        cls.mandate_2 = cls._mandate(cls.customer_2, CLUB_IBAN, "CLUB-1")

    @classmethod
    def _mandate(cls, partner, iban, reference, validate=True, **values):
        account = cls.env["res.partner.bank"].create(
            {"acc_number": iban, "partner_id": partner.id}
        )
        mandate = cls.env["service.mandate"].create(
            {
                "name": reference,
                "partner_id": partner.id,
                "partner_bank_id": account.id,
                "signature_date": fields.Date.to_date("2026-01-15"),
                **values,
            }
        )
        if validate:
            mandate.action_validate()
        return mandate

    @classmethod
    def _invoice(cls, partner, amount, due=None, post=True, **values):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "company_id": cls.company_a.id,
                "invoice_date": cls.today,
                "invoice_date_due": due or cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Guarding",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **values,
            }
        )
        if post:
            invoice.action_post()
        return invoice

    def _order(self, user=None, **values):
        return (
            self.env["service.debit.order"]
            .with_user(user or self.accountant)
            .create(
                {
                    "journal_id": self.bank_journal.id,
                    "collection_date": self.today,
                    "date_due_until": self.today,
                    **values,
                }
            )
        )

    @staticmethod
    def _file(order):
        return base64.b64decode(order.file)

    def assertLedgerBalanced(self):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0)
                 FROM account_move_line line JOIN account_move move
                   ON move.id = line.move_id
                WHERE move.state = 'posted' AND line.company_id = %s""",
            [self.company_a.id],
        )
        debit, credit = self.env.cr.fetchone()
        self.assertAlmostEqual(debit, credit, places=2)

    def _account_balance(self, account):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT COALESCE(SUM(balance), 0) FROM account_move_line line
                 JOIN account_move move ON move.id = line.move_id
                WHERE move.state = 'posted' AND line.account_id = %s""",
            [account.id],
        )
        return self.env.cr.fetchone()[0]
