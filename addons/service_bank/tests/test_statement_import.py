# covers: BNK-02
"""Statement import: CAMT.053/.054 into the bank journal of the statement's
IBAN and currency (a multi-account file books each account to its own
journal), a transaction imported twice is added once, batch entries split
into their transactions, CSV through the bank's saved mapping; bad files are
refused naming the problem, and nothing is half-imported."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import COMPANY_IBAN, BankCase, camt053, camt_document

SECOND_IBAN = "IT42L1234512345123456789012"


@tagged("post_install", "-at_install")
class TestStatementImport(BankCase):
    def _entries(self):
        return [
            {"amount": 10, "info": "Interest"},
            {
                "amount": 300,
                "transactions": [
                    {"amount": 100, "text": "Rent December", "name": "A"},
                    {"amount": 120, "text": "Rent November", "name": "B"},
                    {"amount": 80, "text": "Deposit", "name": "C"},
                ],
            },
            {"amount": 25.5, "credit": False, "info": "Bank fees"},
        ]

    def test_importing_the_same_camt_twice_adds_nothing(self):
        data = camt053(COMPANY_IBAN, self._entries())
        _wizard, lines = self._import(data)
        self.assertEqual(len(lines), 5)
        self.assertEqual(lines.journal_id, self.bank_journal)
        self.assertEqual(sorted(lines.mapped("amount")), [-25.5, 10, 80, 100, 120])
        count = self.env["account.bank.statement.line"].search_count([])
        wizard_again, lines_again = self._import(data)
        self.assertFalse(lines_again)
        self.assertIn("5 already imported", wizard_again.summary)
        self.assertEqual(
            self.env["account.bank.statement.line"].search_count([]), count
        )

    def test_batch_entry_is_split_into_its_transactions(self):
        _wizard, lines = self._import(camt053(COMPANY_IBAN, self._entries()[1:2]))
        self.assertEqual(
            sorted(lines.mapped("payment_ref")),
            ["Deposit", "Rent December", "Rent November"],
        )
        self.assertEqual(sum(lines.mapped("amount")), 300)

    def test_multi_account_file_books_each_account_to_its_journal(self):
        account = self.env["res.partner.bank"].create(
            {"acc_number": SECOND_IBAN, "partner_id": self.company_a.partner_id.id}
        )
        second = self.env["account.journal"].create(
            {
                "name": "Second Bank",
                "code": "BNK2",
                "type": "bank",
                "bank_account_id": account.id,
                "company_id": self.company_a.id,
            }
        )
        data = camt_document(
            [
                (COMPANY_IBAN, [{"amount": 11, "info": "one"}], "S-1", "EUR"),
                (SECOND_IBAN, [{"amount": 22, "info": "two"}], "S-2", "EUR"),
            ]
        )
        _wizard, lines = self._import(data)
        by_journal = {line.journal_id: line.amount for line in lines}
        self.assertEqual(by_journal, {self.bank_journal: 11, second: 22})

    def test_unknown_account_or_currency_is_refused_and_nothing_imported(self):
        count = self.env["account.bank.statement.line"].search_count([])
        with self.assertRaisesRegex(UserError, "DE89370400440532013000 in EUR"):
            self._import(
                camt053("DE89370400440532013000", [{"amount": 1, "info": "x"}])
            )
        with self.assertRaisesRegex(UserError, f"{COMPANY_IBAN} in USD"):
            self._import(
                camt053(COMPANY_IBAN, [{"amount": 1, "info": "x"}], currency="USD")
            )
        self.assertEqual(
            self.env["account.bank.statement.line"].search_count([]), count
        )

    def test_another_companys_account_is_not_found(self):
        with self.assertRaisesRegex(UserError, "No bank journal of yours"):
            self._import(
                camt053(COMPANY_IBAN, [{"amount": 1, "info": "x"}]),
                user=self.accountant_b,
            )

    def test_malformed_file_is_refused(self):
        with self.assertRaisesRegex(UserError, "not a CAMT file"):
            self._import(b"<Document><broken></Document>")
        with self.assertRaisesRegex(UserError, "CSV Mapping"):
            self._import(b"Date;Amount\n01.12.2026;5,00\n")

    def test_camt_054_notification_is_imported(self):
        data = camt_document(
            [(COMPANY_IBAN, [{"amount": 42, "info": "Notified"}], "N-1", "EUR")],
            kind="054",
        )
        _wizard, lines = self._import(data)
        self.assertEqual(lines.amount, 42)

    def test_csv_through_the_banks_saved_mapping(self):
        mapping = self.env["service.bank.csv.mapping"].create(
            {
                "name": "Banca Adriatica CSV",
                "journal_id": self.bank_journal.id,
                "date_column": "Data",
                "amount_column": "Importo",
                "label_column": "Causale",
                "partner_column": "Ordinante",
                "iban_column": "IBAN",
            }
        )
        csv_data = (
            b"Data;Importo;Causale;Ordinante;IBAN\n"
            b"01.12.2026;1.234,50;Canone dicembre;Marina Club;\n"
            b"02.12.2026;-12,00;Commissioni;;\n"
        )
        _wizard, lines = self._import(csv_data, csv_mapping_id=mapping.id)
        self.assertEqual(sorted(lines.mapped("amount")), [-12.0, 1234.5])
        self.assertEqual(lines.journal_id, self.bank_journal)
        _wizard, again = self._import(csv_data, csv_mapping_id=mapping.id)
        self.assertFalse(again)
        bad = b"Data;Importo;Causale;Ordinante;IBAN\n2026-12-01;5,00;x;;\n"
        with self.assertRaisesRegex(UserError, "Row 2, column Data"):
            self._import(bad, csv_mapping_id=mapping.id)
        with self.assertRaisesRegex(UserError, "Columns Data"):
            self._import(
                b"Day;Importo;Causale;Ordinante;IBAN\n", csv_mapping_id=mapping.id
            )

    def test_import_uid_cannot_be_forged(self):
        _wizard, lines = self._import(
            camt053(COMPANY_IBAN, [{"amount": 1, "info": "x"}])
        )
        with self.assertRaisesRegex(UserError, "only through its actions"):
            lines.with_user(self.accountant).write({"service_import_uid": "other"})
        with self.assertRaisesRegex(UserError, "only through its actions"):
            lines.with_user(self.accountant).write({"service_match_state": "auto"})
