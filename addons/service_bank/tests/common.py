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
            "account.group_account_basic,service_base.group_service_user",
            cls.company_a,
        )
        cls.accountant_b = cls._make_user(
            "accountant_b", "account.group_account_basic", cls.company_b
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

    def _import(self, data, user=None, **values):
        wizard = (
            self.env["service.bank.statement.import"]
            .with_user(user or self.accountant)
            .create({"file": base64.b64encode(data), "filename": "statement", **values})
        )
        action = wizard.action_import()
        return wizard, self.env["account.bank.statement.line"].browse(
            action["domain"][0][2]
        )

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


def camt053(
    iban, entries, statement_id="STMT-2026-12-03", currency="EUR", version="08"
):
    """A CAMT.053 file of one statement of ``iban``. ``entries``: dicts with
    amount, credit (bool), and transactions: dicts with end_to_end_id,
    text, creditor_reference, name, iban, reference, reason, amount."""
    return camt_document([(iban, entries, statement_id, currency)], version=version)


def camt_document(statements, version="08", kind="053"):
    tag = {
        "053": ("BkToCstmrStmt", "Stmt"),
        "054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
    }[kind]
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.{kind}.001.{version}">',
        f"<{tag[0]}><GrpHdr><MsgId>MSG-1</MsgId>"
        "<CreDtTm>2026-12-03T10:00:00</CreDtTm></GrpHdr>",
    ]
    for iban, entries, statement_id, currency in statements:
        parts.append(
            f"<{tag[1]}><Id>{statement_id}</Id><CreDtTm>2026-12-03T10:00:00</CreDtTm>"
            f"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>{currency}</Ccy></Acct>"
        )
        for index, entry in enumerate(entries):
            indicator = "CRDT" if entry.get("credit", True) else "DBIT"
            parts.append(
                f"<Ntry><NtryRef>{statement_id}-{index}</NtryRef>"
                f'<Amt Ccy="{currency}">{entry["amount"]:.2f}</Amt>'
                f"<CdtDbtInd>{indicator}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                "<BookgDt><Dt>2026-12-03</Dt></BookgDt><ValDt><Dt>2026-12-03</Dt></ValDt>"
                f"<AcctSvcrRef>{statement_id}-REF-{index}</AcctSvcrRef>"
            )
            transactions = entry.get("transactions") or []
            if transactions:
                parts.append("<NtryDtls>")
                for number, tx in enumerate(transactions):
                    party = "Dbtr" if indicator == "CRDT" else "Cdtr"
                    parts.append("<TxDtls><Refs>")
                    parts.append(
                        f"<AcctSvcrRef>{statement_id}-{index}-{number}</AcctSvcrRef>"
                    )
                    if tx.get("end_to_end_id"):
                        parts.append(f"<EndToEndId>{tx['end_to_end_id']}</EndToEndId>")
                    parts.append("</Refs>")
                    if "amount" in tx:
                        parts.append(
                            f'<AmtDtls><TxAmt><Amt Ccy="{currency}">{tx["amount"]:.2f}'
                            "</Amt></TxAmt></AmtDtls>"
                        )
                    if tx.get("name") or tx.get("iban"):
                        parts.append("<RltdPties>")
                        if tx.get("name"):
                            parts.append(f"<{party}><Nm>{tx['name']}</Nm></{party}>")
                        if tx.get("iban"):
                            parts.append(
                                f"<{party}Acct><Id><IBAN>{tx['iban']}</IBAN></Id></{party}Acct>"
                            )
                        parts.append("</RltdPties>")
                    if tx.get("text") or tx.get("creditor_reference"):
                        parts.append("<RmtInf>")
                        if tx.get("text"):
                            parts.append(f"<Ustrd>{tx['text']}</Ustrd>")
                        if tx.get("creditor_reference"):
                            parts.append(
                                "<Strd><CdtrRefInf><Ref>"
                                f"{tx['creditor_reference']}</Ref></CdtrRefInf></Strd>"
                            )
                        parts.append("</RmtInf>")
                    if tx.get("reason"):
                        parts.append(
                            f"<RtrInf><Rsn><Cd>{tx['reason']}</Cd></Rsn></RtrInf>"
                        )
                    parts.append("</TxDtls>")
                parts.append("</NtryDtls>")
            if entry.get("info"):
                parts.append(f"<AddtlNtryInf>{entry['info']}</AddtlNtryInf>")
            parts.append("</Ntry>")
        parts.append(f"</{tag[1]}>")
    parts.append(f"</{tag[0]}></Document>")
    return "".join(parts).encode()
