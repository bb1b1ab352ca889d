# covers: BNK-01
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import riba, sepa


class ServiceRibaOrder(models.Model):
    """An Italian RiBa order (distinta): one receipt per instalment of a
    posted invoice whose payment term says RiBa, sent to the bank as a CBI
    file. An instalment is issued once; only an explicit recall frees it."""

    _name = "service.riba.order"
    _description = "RiBa Order"
    _inherit = ["service.collection.order.mixin"]
    _numbering_code = "service.riba.order"
    _numbering_prefix = "RIBA"
    _service_transitions = {
        "action_accredit": "account.group_account_invoice",
        "action_credit": "account.group_account_invoice",
    }

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
    file = fields.Binary("CBI File")

    @api.depends("name")
    def _compute_filename(self):
        for order in self:
            order.filename = f"{sepa.sepa_identifier(order.name)}-riba.txt"

    def action_accredit(self):
        """The bank accepted the order (salvo buon fine): receivables move
        to RiBa subject to collection, instalments reconciled in one batch.
        The bank's credit is a step of its own (``action_credit`` on the due
        date, or the bank statement)."""
        self._service_check_transition("action_accredit", ("exported",))
        for order in self:
            order.company_id._service_bank_setup()
            lines = order.line_ids.filtered(lambda line: line.state == "sent")
            move = order._post_lines(
                lines,
                fields.Date.context_today(order),
                self.env._("RiBa order %(order)s", order=order.name),
                order.company_id.service_riba_transit_account_id,
                [line.move_line_id for line in lines],
                "accredited",
            )
            order._service_write_protected({"state": "accredited", "move_id": move.id})
        return True

    def action_credit(self):
        """The bank credited the accredited receipts due by today."""
        self._service_check_transition("action_credit", ("accredited",))
        today = fields.Date.context_today(self)
        due = self.line_ids.filtered(
            lambda line: line.state == "accredited" and line.due_date <= today
        )
        if not due:
            raise UserError(
                self.env._(
                    "%(orders)s: no accredited receipt is due by %(date)s; the "
                    "bank credits a receipt on its due date.",
                    orders=", ".join(self.mapped("name")),
                    date=today,
                )
            )
        due.action_credit()
        return True

    def action_cancel(self):
        self._service_check_transition("action_cancel", ("draft",))
        self.line_ids._release()
        self._service_write_protected({"state": "cancel"})
        return True

    def _gather_rows(self):
        """The open instalments of posted RiBa invoices due by the date,
        locked."""
        return self._lock_rows(
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
            ["account.move.line", "account.move"],
        )

    def _create_lines(self, rows):
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
        self._link_items(
            "account.move.line",
            "service_riba_line_id",
            {line.id: line.move_line_id.ids for line in lines},
        )

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
