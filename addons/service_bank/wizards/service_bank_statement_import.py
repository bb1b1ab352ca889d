# covers: BNK-02
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

from ..models.account_bank_statement_line import MATCH_SWITCH
from ..tools import camt


class ServiceBankStatementImport(models.TransientModel):
    """Import a CAMT.053/.054 or CSV statement into the right bank journal
    (found by the statement's IBAN and currency), then match it."""

    _name = "service.bank.statement.import"
    _description = "Import Bank Statement"

    file = fields.Binary(required=True)
    filename = fields.Char()
    csv_mapping_id = fields.Many2one(
        "service.bank.csv.mapping",
        "CSV Mapping",
        help="Needed for CSV files: the bank's saved column mapping.",
    )
    statement_ids = fields.Many2many("account.bank.statement", readonly=True)
    summary = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        if not (self.env.su or self.env.user.has_group("account.group_account_basic")):
            raise UserError(
                self.env._("Only bookkeepers and accountants may import statements.")
            )
        data = base64.b64decode(self.file or b"")
        if not data.strip():
            raise UserError(self.env._("File: the file is empty."))
        if data.lstrip()[:1] == b"<":
            try:
                parsed = camt.parse(data)
            except camt.CamtError as error:
                raise UserError(
                    self.env._("File: %(error)s.", error=str(error))
                ) from error
            batches = [
                (self._journal_for(statement["iban"], statement["currency"]), statement)
                for statement in parsed
            ]
        else:
            if not self.csv_mapping_id:
                raise UserError(
                    self.env._(
                        "CSV Mapping: this is not a CAMT file; choose the bank's CSV "
                        "mapping to read it."
                    )
                )
            mapping = self.csv_mapping_id
            batches = [
                (
                    mapping.journal_id,
                    {
                        "id": self.filename or mapping.name,
                        "date": False,
                        "balance_start": None,
                        "balance_end": None,
                        "lines": mapping._parse(data),
                    },
                )
            ]
        statements, new_lines, skipped = self._create_statements(batches)
        new_lines._service_match()
        matched = new_lines.filtered(lambda line: line.service_match_state == "auto")
        self.write(
            {
                "statement_ids": [(6, 0, statements.ids)],
                "summary": self.env._(
                    "%(new)s transactions imported (%(skipped)s already imported "
                    "before), %(matched)s matched automatically, %(review)s to "
                    "review.",
                    new=len(new_lines),
                    skipped=skipped,
                    matched=len(matched),
                    review=len(new_lines) - len(matched),
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported Bank Transactions"),
            "res_model": "account.bank.statement.line",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("service_bank.service_statement_line_list").id, "list"),
                (False, "form"),
            ],
            "domain": [("id", "in", new_lines.ids)],
            "context": {"create": False},
        }

    def _journal_for(self, iban, currency):
        """The bank journal of ``iban`` in ``currency`` among the user's
        companies; a file for another account is refused naming it."""
        journals = self.env["account.journal"].search(
            [
                ("type", "=", "bank"),
                ("bank_account_id.sanitized_acc_number", "=", iban),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        journal = journals.filtered(
            lambda j: (
                (j.currency_id or j.company_id.currency_id).name
                == (currency or (j.currency_id or j.company_id.currency_id).name)
            )
        )[:1]
        if not journal:
            raise UserError(
                self.env._(
                    "No bank journal of yours has account %(iban)s in %(currency)s: "
                    "set this IBAN (and currency) on the bank journal, then import "
                    "again. Nothing was imported.",
                    iban=iban or "?",
                    currency=currency or "?",
                )
            )
        return journal

    def _create_statements(self, batches):
        Line = self.env["account.bank.statement.line"]
        keys = [line["unique_id"] for _journal, st in batches for line in st["lines"]]
        existing = set(
            Line.sudo()
            .search([("service_import_uid", "in", keys)])
            .mapped("service_import_uid")
        )
        statements = self.env["account.bank.statement"]
        skipped = 0
        partner_names = {
            line["partner_name"]
            for _journal, st in batches
            for line in st["lines"]
            if line["partner_name"]
        }
        partners = {}
        if partner_names:
            for partner in self.env["res.partner"].search(
                [("name", "in", list(partner_names)), ("parent_id", "=", False)]
            ):
                partners.setdefault(partner.name, partner.id)
        for journal, statement in batches:
            values = []
            for line in statement["lines"]:
                if line["unique_id"] in existing:
                    skipped += 1
                    continue
                existing.add(line["unique_id"])
                values.append(
                    {
                        "journal_id": journal.id,
                        "company_id": journal.company_id.id,
                        "date": line["date"]
                        or statement["date"]
                        or fields.Date.today(),
                        "amount": line["amount"],
                        "payment_ref": line["payment_ref"][:500],
                        "partner_name": line["partner_name"] or False,
                        "partner_id": partners.get(line["partner_name"], False),
                        "account_number": line["account_number"] or False,
                        "service_import_uid": line["unique_id"],
                        "service_end_to_end_id": line["end_to_end_id"] or False,
                        "service_creditor_reference": line["creditor_reference"]
                        or False,
                        "service_account_number": line["account_number"] or False,
                        "service_return_reason": line["return_reason"] or False,
                    }
                )
            if not values:
                continue
            statement_values = {
                "name": statement["id"] or self.filename,
                "journal_id": journal.id,
                "company_id": journal.company_id.id,
                "line_ids": [(0, 0, value) for value in values],
            }
            if statement["balance_start"] is not None:
                statement_values["balance_start"] = statement["balance_start"]
            if statement["balance_end"] is not None:
                statement_values["balance_end_real"] = statement["balance_end"]
            with internal_switch(MATCH_SWITCH):
                statements |= self.env["account.bank.statement"].create(
                    statement_values
                )
        return statements, statements.line_ids, skipped
