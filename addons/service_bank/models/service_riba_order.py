# covers: BNK-01
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import posting, riba, sepa


class ServiceRibaOrder(models.Model):
    """An Italian RiBa order (distinta): one receipt per instalment of a
    posted invoice whose payment term says RiBa, sent to the bank as a CBI
    file. An instalment is issued once; only an explicit recall frees it."""

    _name = "service.riba.order"
    _description = "RiBa Order"
    _inherit = ["service.audit.mixin", "mail.thread", "service.numbering.mixin"]
    _numbering_code = "service.riba.order"
    _numbering_prefix = "RIBA"
    _order = "id desc"
    _check_company_auto = True
    # covers: BNK-01, API-01
    _service_protected_fields = ("state", "file", "move_id", "exported_date")
    _service_transitions = {
        "action_gather": "account.group_account_invoice",
        "action_export": "account.group_account_invoice",
        "action_accredit": "account.group_account_invoice",
        "action_cancel": "account.group_account_invoice",
    }

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    journal_id = fields.Many2one(
        "account.journal",
        "Bank Journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
        tracking=True,
    )
    date_due_until = fields.Date(
        "Instalments Due By", required=True, default=fields.Date.context_today
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("exported", "Exported"),
            ("accredited", "Accredited"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many("service.riba.order.line", "order_id", "Receipts")
    amount_total = fields.Monetary(compute="_compute_amount_total")
    file = fields.Binary("CBI File", readonly=True, attachment=True, copy=False)
    filename = fields.Char(compute="_compute_filename")
    exported_date = fields.Datetime(readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move", "Journal Entry", readonly=True, copy=False, check_company=True
    )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for order in self:
            order.amount_total = sum(order.line_ids.mapped("amount"))

    @api.depends("name")
    def _compute_filename(self):
        for order in self:
            order.filename = f"{sepa.sepa_identifier(order.name)}-riba.txt"

    def action_gather(self):
        """Take the open instalments of posted RiBa invoices due by the date
        that no receipt holds (row locks, SKIP LOCKED: two orders never take
        the same instalment)."""
        self._service_check_transition("action_gather", ("draft",))
        for order in self:
            order._gather()
        return True

    def action_export(self):
        self._service_check_transition("action_export", ("draft",))
        for order in self:
            content = order._build_file()
            order._service_write_protected(
                {
                    "file": base64.b64encode(content),
                    "state": "exported",
                    "exported_date": fields.Datetime.now(),
                }
            )
            order.line_ids._service_write_protected({"state": "sent"})
        return True

    def action_accredit(self):
        """The bank accredited the order: receivables move to RiBa in
        transit, instalments reconciled in one batch."""
        self._service_check_transition("action_accredit", ("exported",))
        for order in self:
            order.company_id._service_bank_setup()
            lines = order.line_ids.filtered(lambda line: line.state == "sent")
            move, pairs = posting.post_collection(
                self.env,
                order._entry_journal(),
                fields.Date.context_today(order),
                self.env._("RiBa order %(order)s", order=order.name),
                order.company_id.service_riba_transit_account_id,
                [
                    (line.reference, line.partner_id, line.amount, line.move_line_id)
                    for line in lines
                ],
            )
            for line, (transit, receivable) in zip(lines, pairs, strict=True):
                line._service_write_protected(
                    {
                        "state": "accredited",
                        "transit_line_id": transit.id,
                        "receivable_line_id": receivable.id,
                    }
                )
            order._service_write_protected({"state": "accredited", "move_id": move.id})
        return True

    def action_cancel(self):
        self._service_check_transition("action_cancel", ("draft",))
        self.line_ids._release()
        self._service_write_protected({"state": "cancel"})
        return True

    def action_download(self):
        self.ensure_one()
        if not self.file:
            raise UserError(
                self.env._(
                    "%(order)s has no file yet: export it first.", order=self.name
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.filename}"
            "?download=true",
            "target": "self",
        }

    def _entry_journal(self):
        return self.env["account.journal"].search(
            [("company_id", "=", self.company_id.id), ("type", "=", "general")],
            limit=1,
        )

    def _gather(self):
        self.ensure_one()
        if self.line_ids:
            raise UserError(
                self.env._(
                    "%(order)s already holds receipts; cancel it and make a new "
                    "order to gather again.",
                    order=self.name,
                )
            )
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        self.env.cr.execute(
            """
            SELECT aml.id, aml.partner_id, aml.amount_residual, aml.date_maturity
              FROM account_move_line aml
              JOIN account_move move ON move.id = aml.move_id
              JOIN account_payment_term term
                ON term.id = move.invoice_payment_term_id
              JOIN account_account account ON account.id = aml.account_id
             WHERE move.company_id = %s
               AND move.move_type = 'out_invoice'
               AND move.state = 'posted'
               AND term.service_riba
               AND account.account_type = 'asset_receivable'
               AND NOT aml.reconciled
               AND aml.amount_residual > 0
               AND aml.date_maturity <= %s
               AND aml.service_riba_line_id IS NULL
             ORDER BY aml.date_maturity, aml.id
               FOR UPDATE OF aml SKIP LOCKED
            """,
            [self.company_id.id, self.date_due_until],
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return
        lines = self.env["service.riba.order.line"]._service_create_protected(
            [
                {
                    "order_id": self.id,
                    "company_id": self.company_id.id,
                    "move_line_id": aml_id,
                    "partner_id": partner_id,
                    "amount": residual,
                    "due_date": due,
                    "reference": f"{self.name}-{index}",
                }
                for index, (aml_id, partner_id, residual, due) in enumerate(
                    rows, start=1
                )
            ]
        )
        for line in lines:
            self.env.cr.execute(
                "UPDATE account_move_line SET service_riba_line_id = %s WHERE id = %s",
                [line.id, line.move_line_id.id],
            )
        self.env["account.move.line"].invalidate_model(["service_riba_line_id"])

    def _build_file(self):
        self.ensure_one()
        company = self.company_id
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "%(order)s has no receipts: gather the instalments first.",
                    order=self.name,
                )
            )
        if not company.service_riba_sia_code:
            raise UserError(
                self.env._(
                    "%(company)s has no RiBa SIA code: set it in the company's "
                    "settings.",
                    company=company.name,
                )
            )
        creditor = riba.italian_bank_codes(self.journal_id.bank_account_id.acc_number)
        if not creditor:
            raise UserError(
                self.env._(
                    "Bank journal %(journal)s needs an Italian IBAN (IT...) for RiBa.",
                    journal=self.journal_id.display_name,
                )
            )
        receipts = []
        missing = []
        for line in self.line_ids:
            partner = line.partner_id.commercial_partner_id
            account = partner.bank_ids.filtered(
                lambda bank: riba.italian_bank_codes(bank.acc_number)
            )[:1]
            if not account:
                missing.append(partner.display_name)
                continue
            debtor_abi, debtor_cab, _account = riba.italian_bank_codes(
                account.acc_number
            )
            invoice = line.move_line_id.move_id
            receipts.append(
                {
                    "due_date": line.due_date,
                    "amount_cents": round(line.amount * 100),
                    "debtor_abi": debtor_abi,
                    "debtor_cab": debtor_cab,
                    "debtor_code": partner.ref or str(partner.id),
                    "debtor_name": partner.name,
                    "debtor_vat": partner.vat or "",
                    "debtor_street": partner.street or "",
                    "debtor_zip": partner.zip or "",
                    "debtor_city": partner.city or "",
                    "debtor_state": partner.state_id.code or "",
                    "debtor_bank": account.bank_id.name or "",
                    "reference": self.env._(
                        "INVOICE %(number)s OF %(date)s",
                        number=invoice.name,
                        date=invoice.invoice_date.strftime("%d/%m/%Y"),
                    ),
                }
            )
        if missing:
            raise UserError(
                self.env._(
                    "No Italian bank account (IBAN IT...) for %(customers)s: add "
                    "one to each customer before exporting the RiBa order.",
                    customers=", ".join(sorted(set(missing))),
                )
            )
        header = {
            "sia": company.service_riba_sia_code,
            "abi": creditor[0],
            "cab": creditor[1],
            "account": creditor[2],
            "created": fields.Date.context_today(self),
            "name": self.name,
            "creditor_name": company.name,
            "creditor_street": company.street or "",
            "creditor_zip": company.zip or "",
            "creditor_city": company.city or "",
            "creditor_state": company.state_id.code or "",
            "creditor_vat": company.vat or "",
        }
        return riba.build_riba(header, receipts)
