# covers: BNK-02
import re
from collections import defaultdict

from stdnum import iso11649

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_is_zero

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
MATCH_CHUNK = 500
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
            line.sudo()._service_reconcile_set(
                [
                    (
                        line.sudo(),
                        invoice._service_open_receivables(),
                        invoice.commercial_partner_id,
                        "manual",
                        None,
                    )
                ]
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
        suggestions. Candidates are looked up with a few set queries per
        chunk and the matches are booked and reconciled in bulk."""
        lines = self.sudo()
        for start in range(0, len(lines), MATCH_CHUNK):
            lines[start : start + MATCH_CHUNK]._service_match_chunk()

    def _service_match_chunk(self):
        context = self._service_match_context()
        plan = []
        returns = []
        reviews = []
        for line in self:
            outcome = line._service_match_one(context)
            if not outcome:
                reviews.append(line)
            elif outcome[2] == "return":
                returns.append((line, outcome))
            else:
                plan.append((line, *outcome))
        self._service_reconcile_set(plan)
        # returns re-open invoices through their debit line, one by one
        for line, outcome in returns:
            line._service_reconcile(*outcome)
        self._service_set_review(reviews, context)

    def _service_set_review(self, reviews, context):
        if not reviews:
            return
        suggestions_by_line = self._service_suggestions_set(reviews, context)
        review_lines = self.browse([line.id for line in reviews])
        with internal_switch(MATCH_SWITCH):
            review_lines.write({"service_match_state": "review"})
        review_lines._service_replace_links(
            "service_suggested_move_ids", suggestions_by_line
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
            # keyed by company too: each company numbers its own orders, so
            # two companies may both have an order SDD00002
            "debit_lines": {
                (line.company_id.id, line.end_to_end_id): line for line in debit_lines
            },
            "orders": {(order.company_id.id, order.name): order for order in orders},
            "riba_lines": {
                (line.company_id.id, line.reference): line for line in riba_lines
            },
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
            debit_line = context["debit_lines"].get((self.company_id.id, key))
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
            order = context["orders"].get((self.company_id.id, token))
            if order and float_compare(self.amount, order.amount_total, 2) == 0:
                transits = order.line_ids.transit_line_id.filtered(
                    lambda aml: not aml.reconciled
                )
                if transits:
                    return transits, self.env["res.partner"], "order", None
        # RiBa reference: the bank's credit, or its debit of an unpaid one
        for key in keys + tokens:
            riba_line = context["riba_lines"].get((self.company_id.id, key))
            if not riba_line:
                continue
            if self.amount > 0 and riba_line.state in ("accredited", "credited"):
                target = riba_line._service_statement_target()
            elif self.amount < 0 and riba_line.state == "unpaid":
                target = riba_line._service_debited_back_target()
            else:
                continue
            if target and not target.reconciled:
                return target, riba_line.partner_id, "riba", riba_line
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

    def _service_suggestions_set(self, lines, context):
        """{line id: ids of invoices a reviewer may pick}: the customer's
        open invoices, else invoices open for this amount (one query)."""
        result = {}
        by_amount = []
        for line in lines:
            partner = (
                context["by_iban"].get(line.service_account_number)
                or line.partner_id.commercial_partner_id
            )
            if partner:
                result[line.id] = tuple(
                    invoice.id
                    for invoice in context["open_by_partner"].get(partner.id, [])[:5]
                )
            elif line.amount <= 0:
                result[line.id] = ()
            else:
                by_amount.append(line)
        if by_amount:
            found = defaultdict(list)
            for move in self.env["account.move"].search(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    (
                        "amount_residual",
                        "in",
                        list({line.amount for line in by_amount}),
                    ),
                ],
                order="invoice_date_due, id",
            ):
                found[(move.company_id.id, move.amount_residual)].append(move.id)
            for line in by_amount:
                result[line.id] = tuple(
                    found.get((line.company_id.id, line.amount), [])[:5]
                )
        return result

    def _service_reconcile_set(self, plan):
        """Book each statement line of ``plan`` ((line, targets, partner,
        rule, RiBa receipt or None) tuples) against its targets and reconcile
        them all at once: the suspense items get the targets' account and the
        partner through grouped writes (no per-line re-synchronisation of the
        entry), then one ``_reconcile_plan`` call."""
        if not plan:
            return
        quiet = {
            "skip_account_move_synchronization": True,
            "check_move_validity": False,
            "skip_invoice_sync": True,
            "skip_readonly_check": True,
            "tracking_disable": True,
        }
        Line = self.env["account.move.line"].with_context(**quiet)
        lines = self.browse([entry[0].id for entry in plan])
        # which items of each entry are the suspense ones (prefetched once)
        suspense_by_line = {}
        for line in lines:
            suspense_account = line.journal_id.suspense_account_id
            suspense_by_line[line.id] = line.move_id.line_ids.filtered(
                lambda aml, account=suspense_account: aml.account_id == account
            )
        by_account = defaultdict(list)
        by_partner = {}
        reconcile_plan = []
        for line, targets, partner, _rule, _extra in plan:
            suspense = suspense_by_line[line.id]
            if len(suspense) != 1:
                raise UserError(
                    self.env._(
                        "%(line)s: the entry has no open suspense item to match.",
                        line=line.payment_ref,
                    )
                )
            by_account[targets[:1].account_id.id].append(suspense.id)
            if partner and partner != line.partner_id:
                by_partner[line.id] = partner
            reconcile_plan.append(suspense | targets)
        with internal_switch(MATCH_SWITCH):
            self._service_set_partners(by_partner)
            for account_id, suspense_ids in by_account.items():
                Line.browse(suspense_ids).write({"account_id": account_id})
            self.env["account.move.line"]._reconcile_plan(reconcile_plan)
            by_rule = defaultdict(list)
            for line, _targets, _partner, rule, receipt in plan:
                by_rule[rule].append(line.id)
                if receipt:
                    receipt._service_credited_by_statement(suspense_by_line[line.id])
            for rule, line_ids in by_rule.items():
                self.browse(line_ids).write(
                    {
                        "service_match_state": "manual" if rule == "manual" else "auto",
                        "service_match_rule": rule,
                    }
                )
            lines._service_replace_links(
                "service_matched_line_ids",
                {line.id: targets.ids for line, targets, *_rest in plan},
            )
            lines._service_replace_links("service_suggested_move_ids", {})

    def _service_set_partners(self, partners):
        """Give each statement line of ``partners`` ({line id: partner}) its
        customer: on the line, its entry and the entry's two items, as
        Odoo's own statement-line synchronisation would, in one UPDATE per
        table for all lines. Only the entry our import made changes (never
        an amount or an account), so none of Odoo's per-line recomputations
        (fiscal position, analytic models of an invoice) apply."""
        if not partners:
            return
        lines = self.browse(list(partners))
        self.env.flush_all()
        rows = [
            SQL(
                "(%s, %s, %s, %s, %s)",
                line.id,
                line.move_id.id,
                partner.id,
                partner.commercial_partner_id.id,
                partner.display_name,
            )
            for line, partner in zip(lines, partners.values(), strict=True)
        ]
        values = SQL(", ").join(rows)
        columns = SQL("v(line_id, move_id, partner_id, commercial_id, display_name)")
        for query in (
            """UPDATE account_bank_statement_line AS target
                  SET partner_id = v.partner_id
                 FROM (VALUES %s) AS %s WHERE target.id = v.line_id""",
            """UPDATE account_move AS target
                  SET partner_id = v.partner_id,
                      commercial_partner_id = v.commercial_id,
                      invoice_partner_display_name = v.display_name
                 FROM (VALUES %s) AS %s WHERE target.id = v.move_id""",
            """UPDATE account_move_line AS target
                  SET partner_id = v.commercial_id
                 FROM (VALUES %s) AS %s WHERE target.move_id = v.move_id""",
        ):
            self.env.cr.execute(SQL(query, values, columns))
        self.env.invalidate_all()

    def _service_replace_links(self, field_name, links):
        """Replace the many2many ``field_name`` of these lines with ``links``
        ({line id: target ids}; lines not in it are cleared) in two queries,
        whatever the number of lines."""
        field = self._fields[field_name]
        self.flush_recordset([field_name])
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE %s = ANY(%s)",
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                self.ids,
            )
        )
        rows = [
            SQL("(%s, %s)", line_id, target_id)
            for line_id, target_ids in links.items()
            for target_id in target_ids
        ]
        if rows:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, %s) VALUES %s ON CONFLICT DO NOTHING",
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column1),
                    SQL.identifier(field.column2),
                    SQL(", ").join(rows),
                )
            )
        self.invalidate_recordset([field_name])

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
