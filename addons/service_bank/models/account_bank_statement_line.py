# covers: BNK-02
import re
from collections import defaultdict

from stdnum import iso11649

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
    internal_switch_active,
)

MATCH_SWITCH = "service_bank_match"
MATCH_FIELDS = (
    "service_import_uid",
    "service_match_state",
    "service_match_rule",
    "service_matched_line_ids",
)
MATCH_RULES = [
    ("end_to_end", "Direct debit end-to-end id"),
    ("order", "Direct debit order"),
    ("riba", "RiBa reference"),
    ("creditor_reference", "Creditor reference (RF)"),
    ("invoice_number", "Invoice number in the text"),
    ("iban", "IBAN of the customer"),
    ("amount_partner", "Amount and customer"),
    ("return", "Direct debit return"),
    ("manual", "By hand"),
]
_RF = re.compile(r"RF\d{2}[A-Z0-9]{1,21}")
_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9/\-_.]*\d[A-Z0-9/\-_.]*")


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    _service_import_uid_uniq = models.UniqueIndex(
        "(service_import_uid) WHERE service_import_uid IS NOT NULL",
        "This bank transaction was already imported.",
    )

    service_import_uid = fields.Char(
        "Import Id", readonly=True, copy=False, help="Unique id given on import."
    )
    service_end_to_end_id = fields.Char("End-to-End Id", readonly=True, index=True)
    service_creditor_reference = fields.Char("Creditor Reference", readonly=True)
    service_account_number = fields.Char("Counterpart IBAN", readonly=True)
    service_return_reason = fields.Char("Return Reason", readonly=True)
    service_match_state = fields.Selection(
        [
            ("auto", "Matched Automatically"),
            ("review", "To Review"),
            ("manual", "Matched by Hand"),
        ],
        "Matching",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    service_match_rule = fields.Selection(
        MATCH_RULES, "Matched By", readonly=True, copy=False
    )
    service_matched_line_ids = fields.Many2many(
        "account.move.line",
        "service_bank_statement_line_matched_rel",
        "statement_line_id",
        "move_line_id",
        "Matched Items",
        readonly=True,
        copy=False,
    )
    service_suggested_move_ids = fields.Many2many(
        "account.move",
        "service_bank_statement_line_suggestion_rel",
        "statement_line_id",
        "move_id",
        "Suggested Invoices",
        readonly=True,
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or internal_switch_active(MATCH_SWITCH)):
            for vals in vals_list:
                self._service_refuse_match_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not (self.env.su or internal_switch_active(MATCH_SWITCH)):
            self._service_refuse_match_fields(vals)
        return super().write(vals)

    def _service_refuse_match_fields(self, vals):
        if any(name in vals for name in MATCH_FIELDS) and not (
            self.env.su or internal_switch_active(MATCH_SWITCH)
        ):
            raise UserError(
                self.env._(
                    "Matching of a bank transaction changes only through its "
                    "actions (match, undo)."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_service_match(self):
        """Run the matching chain on these lines (those not yet matched)."""
        self._service_check_accountant()
        self.filtered(lambda line: not line.is_reconciled)._service_match()
        return True

    def action_service_apply_suggestion(self):
        """Reconcile a line under review with its only suggested invoice."""
        self._service_check_accountant()
        for line in self:
            if line.is_reconciled or len(line.service_suggested_move_ids) != 1:
                raise UserError(
                    self.env._(
                        "%(line)s: choose exactly one suggested invoice to match.",
                        line=line.payment_ref,
                    )
                )
            invoice = line.service_suggested_move_ids
            line.sudo()._service_reconcile(
                invoice._service_open_receivables(),
                invoice.commercial_partner_id,
                "manual",
                "manual",
            )
        return True

    def action_service_undo_match(self):
        """Undo an automatic match: the line goes back to the review list."""
        self._service_check_accountant()
        for line in self:
            if line.service_match_state not in ("auto", "manual"):
                raise UserError(
                    self.env._("%(line)s is not matched.", line=line.payment_ref)
                )
            if line.service_match_rule == "return":
                raise UserError(
                    self.env._(
                        "%(line)s is a direct-debit return: it re-opened the "
                        "invoices and cannot be undone here.",
                        line=line.payment_ref,
                    )
                )
        sudo_lines = self.sudo()
        sudo_lines.action_undo_reconciliation()
        with internal_switch(MATCH_SWITCH):
            sudo_lines.write(
                {
                    "service_match_state": "review",
                    "service_match_rule": False,
                    "service_matched_line_ids": [Command.clear()],
                }
            )
        return True

    def _service_check_accountant(self):
        if not (self.env.su or self.env.user.has_group("account.group_account_basic")):
            raise UserError(
                self.env._(
                    "Only bookkeepers and accountants may match bank transactions."
                )
            )
        self.check_access("write")

    # ------------------------------------------------------------------
    # Matching chain
    # ------------------------------------------------------------------
    def _service_match(self):
        """Match in order: our end-to-end id / RiBa reference, RF creditor
        reference, invoice number in the text, IBAN to customer, amount and
        customer. Matches reconcile; the rest wait for review with
        suggestions. Lookups are made once for all lines."""
        lines = self.sudo()
        if not lines:
            return
        context = lines._service_match_context()
        reviews = defaultdict(list)
        for line in lines:
            outcome = line._service_match_one(context)
            if outcome:
                line._service_reconcile(*outcome)
            else:
                suggestions = line._service_suggestions(context)
                reviews[suggestions].append(line.id)
        with internal_switch(MATCH_SWITCH):
            for suggestions, line_ids in reviews.items():
                lines.browse(line_ids).write(
                    {
                        "service_match_state": "review",
                        "service_suggested_move_ids": [Command.set(list(suggestions))],
                    }
                )

    def _service_match_context(self):
        companies = self.company_id
        texts = {line.id: line._service_text() for line in self}
        end_to_end = {line.service_end_to_end_id for line in self} - {False, ""}
        tokens = set()
        for text in texts.values():
            tokens.update(_TOKEN.findall(text))
        debit_lines = self.env["service.debit.order.line"].search(
            [
                ("end_to_end_id", "in", list(end_to_end | tokens)),
                ("company_id", "in", companies.ids),
            ]
        )
        orders = self.env["service.debit.order"].search(
            [
                ("name", "in", list(tokens)),
                ("state", "=", "posted"),
                ("company_id", "in", companies.ids),
            ]
        )
        riba_lines = self.env["service.riba.order.line"].search(
            [
                ("reference", "in", list(end_to_end | tokens)),
                ("company_id", "in", companies.ids),
            ]
        )
        references = set()
        for line in self:
            for candidate in _RF.findall(
                texts[line.id] + " " + (line.service_creditor_reference or "").upper()
            ):
                if iso11649.is_valid(candidate):
                    references.add(candidate)
        Move = self.env["account.move"]
        open_domain = [
            ("company_id", "in", companies.ids),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
        by_reference = {}
        if references:
            for move in Move.search(
                [*open_domain, ("payment_reference", "in", list(references))]
            ):
                by_reference[move.payment_reference.replace(" ", "").upper()] = move
        by_number = {}
        if tokens:
            for move in Move.search([*open_domain, ("name", "in", list(tokens))]):
                by_number[move.name.upper()] = move
        numbers = {line.service_account_number for line in self} - {False, ""}
        by_iban = {}
        if numbers:
            for account in self.env["res.partner.bank"].search(
                [("sanitized_acc_number", "in", list(numbers))]
            ):
                by_iban[account.sanitized_acc_number] = (
                    account.partner_id.commercial_partner_id
                )
        partners = set(by_iban.values()) | set(self.partner_id.commercial_partner_id)
        open_by_partner = defaultdict(list)
        if partners:
            for move in Move.search(
                [
                    *open_domain,
                    ("commercial_partner_id", "in", [p.id for p in partners]),
                ],
                order="invoice_date_due, id",
            ):
                open_by_partner[move.commercial_partner_id.id].append(move)
        return {
            "texts": texts,
            "debit_lines": {line.end_to_end_id: line for line in debit_lines},
            "orders": {order.name: order for order in orders},
            "riba_lines": {line.reference: line for line in riba_lines},
            "by_reference": by_reference,
            "by_number": by_number,
            "by_iban": by_iban,
            "open_by_partner": open_by_partner,
        }

    def _service_text(self):
        return " ".join(
            value
            for value in (self.payment_ref, self.narration and str(self.narration))
            if value
        ).upper()

    def _service_match_one(self, context):
        """(move lines to reconcile, partner, rule, return reason) or None."""
        text = context["texts"][self.id]
        tokens = _TOKEN.findall(text)
        currency = self.company_id.currency_id
        # 1. our end-to-end id: a direct-debit transaction, or its return
        keys = [self.service_end_to_end_id] if self.service_end_to_end_id else []
        for key in keys + tokens:
            debit_line = context["debit_lines"].get(key)
            if not debit_line:
                continue
            if (
                self.amount < 0
                and debit_line.state == "posted"
                and float_compare(-self.amount, debit_line.amount, 2) == 0
            ):
                return (
                    debit_line.receivable_line_id,
                    debit_line.partner_id,
                    "return",
                    debit_line,
                )
            transit = debit_line.transit_line_id
            if (
                self.amount > 0
                and transit
                and not transit.reconciled
                and float_compare(self.amount, debit_line.amount, 2) == 0
            ):
                return transit, debit_line.partner_id, "end_to_end", None
        # the whole order credited at once
        for token in tokens:
            order = context["orders"].get(token)
            if order and float_compare(self.amount, order.amount_total, 2) == 0:
                transits = order.line_ids.transit_line_id.filtered(
                    lambda aml: not aml.reconciled
                )
                if transits:
                    return transits, self.env["res.partner"], "order", None
        # RiBa reference
        for key in keys + tokens:
            riba_line = context["riba_lines"].get(key)
            if riba_line and self.amount > 0:
                target = riba_line.transit_line_id or riba_line.move_line_id
                if not target.reconciled:
                    return target, riba_line.partner_id, "riba", None
        # 2. RF creditor reference (ISO 11649)
        reference_text = text + " " + (self.service_creditor_reference or "").upper()
        for candidate in _RF.findall(reference_text):
            invoice = context["by_reference"].get(candidate)
            if invoice:
                return (
                    invoice._service_open_receivables(),
                    invoice.commercial_partner_id,
                    "creditor_reference",
                    None,
                )
        # 3. an invoice number in the free text
        for token in tokens:
            invoice = context["by_number"].get(token)
            if invoice and self.amount > 0:
                return (
                    invoice._service_open_receivables(),
                    invoice.commercial_partner_id,
                    "invoice_number",
                    None,
                )
        if self.amount <= 0:
            return None
        # 4. IBAN to customer, 5. amount and customer
        partner = context["by_iban"].get(self.service_account_number)
        rule = "iban"
        if not partner:
            partner = self.partner_id.commercial_partner_id
            rule = "amount_partner"
        if not partner:
            return None
        invoices = context["open_by_partner"].get(partner.id, [])
        same = [
            invoice
            for invoice in invoices
            if float_is_zero(
                invoice.amount_residual - self.amount,
                precision_rounding=currency.rounding,
            )
        ]
        if len(same) == 1:
            return same[0]._service_open_receivables(), partner, rule, None
        if (
            rule == "iban"
            and invoices
            and float_is_zero(
                sum(invoice.amount_residual for invoice in invoices) - self.amount,
                precision_rounding=currency.rounding,
            )
        ):
            receivables = self.env["account.move.line"]
            for invoice in invoices:
                receivables |= invoice._service_open_receivables()
            return receivables, partner, rule, None
        return None

    def _service_suggestions(self, context):
        """Ids of invoices a reviewer may pick: the customer's open invoices,
        else invoices open for this amount."""
        partner = (
            context["by_iban"].get(self.service_account_number)
            or self.partner_id.commercial_partner_id
        )
        if partner:
            return tuple(
                invoice.id
                for invoice in context["open_by_partner"].get(partner.id, [])[:5]
            )
        if self.amount <= 0:
            return ()
        return tuple(
            self.env["account.move"]
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("amount_residual", "=", self.amount),
                ],
                limit=5,
            )
            .ids
        )

    def _service_reconcile(self, targets, partner, rule, extra):
        """Book the line against ``targets`` (same account) and reconcile."""
        self.ensure_one()
        account = targets[:1].account_id
        values = {"service_match_state": "auto", "service_match_rule": rule}
        if rule == "manual":
            values["service_match_state"] = "manual"
        line_values = self._prepare_move_line_default_vals(
            counterpart_account_id=account.id
        )
        for value in line_values:
            if partner:
                value["partner_id"] = partner.id
        with internal_switch(MATCH_SWITCH):
            if partner and partner != self.partner_id:
                # on its own: a partner change re-synchronises the entry
                self.write({"partner_id": partner.id})
            self.with_context(force_delete=True, skip_readonly_check=True).write(
                {
                    "line_ids": [Command.clear()]
                    + [Command.create(value) for value in line_values],
                }
            )
            counterpart = self.move_id.line_ids.filtered(
                lambda aml: aml.account_id == account
            )
            if rule == "return":
                extra.action_return(
                    self.service_return_reason or "MS02", bank_line=counterpart
                )
            else:
                (counterpart | targets).reconcile()
            values["service_matched_line_ids"] = [Command.set(targets.ids)]
            values["service_suggested_move_ids"] = [Command.clear()]
            self.write(values)
