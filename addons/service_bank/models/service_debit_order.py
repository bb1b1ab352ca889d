# covers: BNK-01
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

from ..tools import sepa
from .account_move import ORDER_SWITCH


class ServiceDebitOrder(models.Model):
    """A SEPA direct-debit collection order: the open invoices due by a date
    of customers paying by direct debit, exported as one pain.008 file,
    posted as one entry to "direct debits in transit"."""

    _name = "service.debit.order"
    _description = "Direct Debit Collection Order"
    _inherit = ["service.collection.order.mixin"]
    _numbering_code = "service.debit.order"
    _numbering_prefix = "SDD"
    _service_transitions = {"action_post": "account.group_account_invoice"}

    journal_id = fields.Many2one(
        help="The creditor's bank account; its format (pain.008.001.02 or .08) "
        "is used for the file."
    )
    pain_version = fields.Selection(related="journal_id.service_pain_version")
    date_due_until = fields.Date(
        "Invoices Due By",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    collection_date = fields.Date(
        "Requested Collection Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    grouping = fields.Selection(
        [("invoice", "One Transaction per Invoice"), ("customer", "One per Customer")],
        required=True,
        default="invoice",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("exported", "Exported"),
            ("posted", "Posted"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many("service.debit.order.line", "order_id", "Transactions")
    line_count = fields.Integer(compute="_compute_totals")
    amount_total = fields.Monetary(compute="_compute_totals")
    file = fields.Binary("SEPA File")

    @api.depends("line_ids.amount")
    def _compute_totals(self):
        groups = {
            order.id: (count, amount)
            for order, count, amount in self.env[
                "service.debit.order.line"
            ]._read_group(
                [("order_id", "in", self.ids)],
                ["order_id"],
                ["__count", "amount:sum"],
            )
        }
        for order in self:
            order.line_count, order.amount_total = groups.get(order.id, (0, 0.0))

    @api.depends("name", "pain_version")
    def _compute_filename(self):
        for order in self:
            order.filename = (
                f"{sepa.sepa_identifier(order.name)}"
                f"-pain.008.001.{order.pain_version or '08'}.xml"
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_post(self):
        """One entry per order: the invoices' receivables move to direct
        debits in transit, the invoices are reconciled in one batch."""
        self._service_check_transition("action_post", ("exported",))
        for order in self:
            order._post()
        return True

    def _after_export(self):
        self.line_ids.mandate_id._register_debits(self.collection_date)

    def action_cancel(self):
        self._service_check_transition("action_cancel", ("draft", "exported"))
        with internal_switch(ORDER_SWITCH):
            self.line_ids.invoice_ids.sudo().write({"service_debit_line_id": False})
        self._service_write_protected({"state": "cancel"})
        self.line_ids._service_write_protected({"state": "cancel"})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _gather_rows(self):
        """The open posted direct-debit invoices due by the date, locked."""
        return self._lock_rows(
            """
            SELECT move.id, move.commercial_partner_id, move.amount_residual,
                   move.name
              FROM account_move move
             WHERE move.company_id = %s
               AND move.move_type = 'out_invoice'
               AND move.state = 'posted'
               AND move.payment_state IN ('not_paid', 'partial')
               AND move.service_payment_mode = 'direct_debit'
               AND move.invoice_date_due <= %s
               AND move.service_debit_line_id IS NULL
               AND move.currency_id = %s
               AND move.amount_residual > 0
             ORDER BY move.commercial_partner_id, move.invoice_date_due, move.id
               FOR UPDATE OF move SKIP LOCKED
            """,
            [self.company_id.id, self.date_due_until, self.currency_id.id],
            ["account.move"],
        )

    def _create_lines(self, rows):
        partners = self.env["res.partner"].browse({row[1] for row in rows})
        mandates = {}
        for mandate in self.env["service.mandate"].search(
            [
                ("partner_id", "child_of", partners.ids),
                ("state", "=", "valid"),
                ("company_id", "=", self.company_id.id),
            ],
            order="signature_date desc, id desc",
        ):
            mandates.setdefault(mandate.partner_id.commercial_partner_id.id, mandate)
        groups = defaultdict(list)
        for move_id, partner_id, residual, number in rows:
            key = partner_id if self.grouping == "customer" else move_id
            groups[key].append((move_id, partner_id, residual, number))
        line_values = []
        for index, members in enumerate(groups.values(), start=1):
            partner_id = members[0][1]
            mandate = mandates.get(partner_id)
            line_values.append(
                {
                    "order_id": self.id,
                    "company_id": self.company_id.id,
                    "partner_id": partner_id,
                    "mandate_id": mandate.id if mandate else False,
                    "amount": round(sum(member[2] for member in members), 2),
                    "end_to_end_id": sepa.sepa_identifier(f"{self.name}-{index}"),
                    "remittance": ", ".join(member[3] for member in members),
                }
            )
        lines = self.env["service.debit.order.line"]._service_create_protected(
            line_values
        )
        self._link_items(
            "account.move",
            "service_debit_line_id",
            {
                line.id: [member[0] for member in members]
                for line, members in zip(lines, groups.values(), strict=True)
            },
        )
        lines.invalidate_recordset(["invoice_ids"])
        self.message_post(
            body=self.env._(
                "%(count)s invoices gathered in %(lines)s transactions.",
                count=len(rows),
                lines=len(lines),
            )
        )

    def _check_export(self):
        """Everything the bank needs, or a refusal naming the customers."""
        self.ensure_one()
        company = self.company_id
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "%(order)s has no transactions: gather the invoices first.",
                    order=self.name,
                )
            )
        if not company.service_sepa_creditor_identifier:
            raise UserError(
                self.env._(
                    "%(company)s has no SEPA Creditor Identifier: set it in the "
                    "company's settings.",
                    company=company.name,
                )
            )
        account = self.journal_id.bank_account_id
        if not account or not sepa.iban_is_valid(account.acc_number):
            raise UserError(
                self.env._(
                    "Bank journal %(journal)s has no valid IBAN: set the company's "
                    "bank account on the journal.",
                    journal=self.journal_id.display_name,
                )
            )
        if self.currency_id.name != "EUR":
            raise UserError(
                self.env._(
                    "SEPA direct debits are in euros; %(company)s keeps its books "
                    "in %(currency)s.",
                    company=company.name,
                    currency=self.currency_id.name,
                )
            )
        missing = self.line_ids.filtered(
            lambda line: not line.mandate_id or line.mandate_id.state != "valid"
        )
        if missing:
            raise UserError(
                self.env._(
                    "No valid mandate for %(customers)s: add and validate their "
                    "mandates, or cancel this order and collect them otherwise.",
                    customers=", ".join(
                        sorted(set(missing.partner_id.mapped("display_name")))
                    ),
                )
            )
        bad = self.line_ids.filtered(
            lambda line: not sepa.iban_is_valid(line.mandate_id.iban)
        )
        if bad:
            raise UserError(
                self.env._(
                    "Invalid IBAN on the mandate of %(customers)s: correct their "
                    "bank accounts.",
                    customers=", ".join(
                        sorted(set(bad.partner_id.mapped("display_name")))
                    ),
                )
            )

    def _build_file(self):
        self.ensure_one()
        self._check_export()
        company = self.company_id
        version = self.pain_version or "08"
        bank_account = self.journal_id.bank_account_id
        header = {
            "message_id": self.name,
            "created": fields.Datetime.now(),
            "initiating_party": company.name,
            "creditor": company.name,
            "iban": sepa.compact(bank_account.acc_number),
            "bic": bank_account.bank_bic,
            "creditor_identifier": sepa.compact(
                company.service_sepa_creditor_identifier
            ),
        }
        batches = {}
        for line in self.line_ids:
            mandate = line.mandate_id
            key = (line.sequence_type, mandate.scheme)
            batch = batches.setdefault(
                key,
                {
                    "id": f"{self.name}-{key[0]}-{key[1]}",
                    "sequence_type": key[0],
                    "scheme": key[1],
                    "collection_date": self.collection_date,
                    "transactions": [],
                },
            )
            amendment = None
            if mandate.amendment_pending:
                amendment = {"smnda": True}
            batch["transactions"].append(
                {
                    "end_to_end_id": line.end_to_end_id,
                    "amount": line.amount,
                    "currency": self.currency_id.name,
                    "mandate_reference": mandate.name,
                    "mandate_date": mandate.signature_date,
                    "debtor_name": line.partner_id.name,
                    "debtor_iban": sepa.compact(mandate.iban),
                    "debtor_bic": mandate.bic,
                    "remittance": line.remittance,
                    "amendment": amendment,
                }
            )
        xml = sepa.build_pain008(header, list(batches.values()), version)
        error = sepa.validate(xml, version)
        if error:
            raise UserError(
                self.env._(
                    "The pain.008.001.%(version)s file of %(order)s does not pass "
                    "the ISO 20022 schema and was not kept. Element %(element)s: "
                    "%(reason)s",
                    version=version,
                    order=self.name,
                    element=error[0],
                    reason=error[1],
                )
            )
        return xml

    def _post(self):
        self.ensure_one()
        company = self.company_id
        company._service_bank_setup()
        lines = self.line_ids.filtered(lambda line: line.state == "sent")
        receivables = lines.invoice_ids.line_ids.filtered(
            lambda aml: (
                aml.account_id.account_type == "asset_receivable" and not aml.reconciled
            )
        )
        by_transaction = defaultdict(lambda: self.env["account.move.line"])
        for aml in receivables:
            by_transaction[aml.move_id.service_debit_line_id.id] |= aml
        move = self._post_lines(
            lines,
            self.collection_date,
            self.env._("Direct debit order %(order)s", order=self.name),
            company.service_debit_transit_account_id,
            [by_transaction[line.id] for line in lines],
            "posted",
        )
        self._service_write_protected({"state": "posted", "move_id": move.id})
