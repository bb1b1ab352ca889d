# covers: BNK-02
import csv
import hashlib
import io
from datetime import datetime

from odoo import fields, models
from odoo.exceptions import UserError


class ServiceBankCsvMapping(models.Model):
    """How one bank writes its CSV statements: which column holds what. Saved
    once per bank, used for every import of its files."""

    _name = "service.bank.csv.mapping"
    _description = "Bank CSV Statement Mapping"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    journal_id = fields.Many2one(
        "account.journal",
        "Bank Journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
    )
    delimiter = fields.Char(required=True, default=";", size=1)
    encoding = fields.Char(required=True, default="utf-8")
    date_column = fields.Char(required=True, default="Date")
    date_format = fields.Char(required=True, default="%d.%m.%Y")
    amount_column = fields.Char(required=True, default="Amount")
    decimal_separator = fields.Selection(
        [(".", "Point (1234.56)"), (",", "Comma (1234,56)")],
        required=True,
        default=",",
    )
    label_column = fields.Char(required=True, default="Text")
    partner_column = fields.Char("Counterparty Column")
    iban_column = fields.Char("Counterparty IBAN Column")
    reference_column = fields.Char()
    id_column = fields.Char(
        "Transaction Id Column",
        help="The bank's own id of each transaction; empty: the row's contents "
        "make the id.",
    )

    def _parse(self, data):
        """Statement lines (dicts as the CAMT reader gives) from CSV bytes;
        a bad row is refused naming its number and column."""
        self.ensure_one()
        try:
            text = data.decode(self.encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise UserError(
                self.env._(
                    "The file is not encoded in %(encoding)s (%(error)s): set the "
                    "encoding of mapping %(mapping)s.",
                    encoding=self.encoding,
                    error=error,
                    mapping=self.name,
                )
            ) from error
        reader = csv.DictReader(
            io.StringIO(text.lstrip("\ufeff")), delimiter=self.delimiter
        )
        wanted = [
            self.date_column,
            self.amount_column,
            self.label_column,
            self.partner_column,
            self.iban_column,
            self.reference_column,
            self.id_column,
        ]
        missing = [
            name for name in wanted if name and name not in (reader.fieldnames or [])
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Columns %(columns)s are not in the file (it has %(found)s): "
                    "correct mapping %(mapping)s.",
                    columns=", ".join(missing),
                    found=", ".join(reader.fieldnames or []),
                    mapping=self.name,
                )
            )
        lines = []
        seen = {}
        iban = (self.journal_id.bank_account_id.sanitized_acc_number or "").upper()
        for number, row in enumerate(reader, start=2):
            try:
                day = datetime.strptime(row[self.date_column].strip(), self.date_format)
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "Row %(row)s, column %(column)s: '%(value)s' is not a date "
                        "written %(format)s.",
                        row=number,
                        column=self.date_column,
                        value=row[self.date_column],
                        format=self.date_format,
                    )
                ) from error
            raw = (row[self.amount_column] or "").strip().replace(" ", "")
            if self.decimal_separator == ",":
                raw = raw.replace(".", "").replace(",", ".")
            else:
                raw = raw.replace(",", "")
            try:
                amount = float(raw)
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "Row %(row)s, column %(column)s: '%(value)s' is not an amount.",
                        row=number,
                        column=self.amount_column,
                        value=row[self.amount_column],
                    )
                ) from error
            if self.id_column and row[self.id_column]:
                key = row[self.id_column].strip()
            else:
                content = "|".join(row[name] or "" for name in reader.fieldnames)
                seen[content] = seen.get(content, 0) + 1
                key = hashlib.sha1(
                    f"{content}|{seen[content]}".encode(), usedforsecurity=False
                ).hexdigest()
            lines.append(
                {
                    "unique_id": f"{iban or self.journal_id.id}-csv-{key}",
                    "date": day.date(),
                    "amount": amount,
                    "currency": "",
                    "payment_ref": (row[self.label_column] or "").strip() or "/",
                    "end_to_end_id": "",
                    "creditor_reference": (
                        row[self.reference_column].strip()
                        if self.reference_column
                        else ""
                    ),
                    "partner_name": (
                        row[self.partner_column].strip() if self.partner_column else ""
                    ),
                    "account_number": (
                        row[self.iban_column].replace(" ", "").upper()
                        if self.iban_column
                        else ""
                    ),
                    "return_reason": "",
                }
            )
        return lines
