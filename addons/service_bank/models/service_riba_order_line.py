# covers: BNK-01
from odoo import fields, models

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

from ..tools import posting
from .account_move import ORDER_SWITCH


class ServiceRibaOrderLine(models.Model):
    """One RiBa receipt: one instalment (due date) of an invoice."""

    _name = "service.riba.order.line"
    _description = "RiBa Receipt"
    _inherit = ["service.collection.order.line.mixin"]
    _order = "order_id, due_date, id"
    # covers: BNK-01, API-01
    _service_protected_fields = (
        "move_line_id",
        "due_date",
        "reference",
        "credit_line_id",
        "unpaid_move_id",
    )
    _service_transitions = {
        "action_credit": "account.group_account_invoice",
        "action_unpaid": "account.group_account_invoice",
        "action_recall": "account.group_account_invoice",
    }

    # per company, as the orders' numbers (see the debit transaction's)
    _reference_uniq = models.UniqueIndex(
        "(company_id, reference)", "RiBa reference: already used by another receipt."
    )

    order_id = fields.Many2one(
        "service.riba.order",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        check_company=True,
    )
    move_line_id = fields.Many2one(
        "account.move.line", "Instalment", required=True, readonly=True, index=True
    )
    invoice_id = fields.Many2one(related="move_line_id.move_id", string="Invoice")
    due_date = fields.Date(readonly=True)
    reference = fields.Char(readonly=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accredited", "Accredited"),
            ("credited", "Credited"),
            ("unpaid", "Unpaid"),
            ("recalled", "Recalled"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    credit_line_id = fields.Many2one(
        "account.move.line",
        "Bank Credit",
        readonly=True,
        help="The journal item of the bank's credit: on the statement, or on the "
        "RiBa credit account when credited on the due date.",
    )
    unpaid_move_id = fields.Many2one("account.move", "Unpaid Entry", readonly=True)

    def _collection_label(self):
        return self.reference

    def action_credit(self):
        """The bank credited the receipts on their due date (salvo buon
        fine): one entry moves them from RiBa subject to collection to the
        RiBa credit account, where the statement's credit clears them."""
        self._service_check_transition("action_credit", ("accredited",))
        lines = self.sudo()
        for company in lines.company_id:
            company._service_bank_setup()
            company_lines = lines.filtered(
                lambda line, company=company: line.company_id == company
            )
            _move, pairs = posting.post_collection(
                self.env,
                company_lines.order_id[:1]._entry_journal(),
                fields.Date.context_today(self),
                self.env._(
                    "RiBa credit of %(orders)s",
                    orders=", ".join(company_lines.order_id.mapped("name")),
                ),
                company.service_riba_credit_account_id,
                [
                    (line.reference, line.partner_id, line.amount, line.transit_line_id)
                    for line in company_lines
                ],
            )
            for line, (credit, _transit) in zip(company_lines, pairs, strict=True):
                line._service_write_protected(
                    {"state": "credited", "credit_line_id": credit.id}
                )
        return True

    def _service_statement_target(self):
        """The journal item a bank statement's credit of this receipt clears."""
        self.ensure_one()
        if self.state == "credited":
            return self.credit_line_id
        return self.transit_line_id

    def _service_debited_back_target(self):
        """The item a bank statement's debit of an unpaid receipt clears."""
        self.ensure_one()
        account = self.company_id.service_riba_credit_account_id
        return self.unpaid_move_id.line_ids.filtered(
            lambda aml: aml.account_id == account and not aml.reconciled
        )

    def _service_credited_by_statement(self, statement_item):
        """The statement matched this receipt: the bank credit is done."""
        if self.state == "accredited":
            self._service_write_protected(
                {"state": "credited", "credit_line_id": statement_item.id}
            )

    def action_unpaid(self):
        """Insoluto: the customer did not pay at the due date; the instalment
        opens again (and stays issued until it is recalled). Before the bank
        credit, RiBa subject to collection is cleared; after it, the bank
        takes the credit back, so the RiBa credit item (or the bank's, once
        on a statement) is reversed: the statement's debit clears that."""
        self._service_check_transition("action_unpaid", ("accredited", "credited"))
        for line in self.sudo():
            if line.state == "credited":
                line._service_unpaid_after_credit()
                continue
            back = posting.reverse_collection(
                self.env,
                line.order_id._entry_journal(),
                fields.Date.context_today(line),
                self.env._("Unpaid RiBa %(reference)s", reference=line.reference),
                {
                    "receivable": line.receivable_line_id,
                    "transit": line.transit_line_id,
                },
                line.amount,
                line.partner_id,
            )
            posting.reopen(line.receivable_line_id, back)
            line._service_write_protected(
                {"state": "unpaid", "unpaid_move_id": back.move_id.id}
            )
        return True

    def _service_unpaid_after_credit(self):
        credit = self.credit_line_id
        account = self.company_id.service_riba_credit_account_id
        back = posting.reverse_collection(
            self.env,
            self.order_id._entry_journal(),
            fields.Date.context_today(self),
            self.env._("Unpaid RiBa %(reference)s", reference=self.reference),
            {
                "receivable": self.receivable_line_id,
                # still open: the credit is not on a statement yet, so the
                # two cancel out; else the bank's debit on the statement
                # clears the unpaid entry's item
                "transit": credit.filtered(
                    lambda aml: aml.account_id == account and not aml.reconciled
                ),
                "account": account,
            },
            self.amount,
            self.partner_id,
        )
        posting.reopen(self.receivable_line_id, back)
        self._service_write_protected(
            {"state": "unpaid", "unpaid_move_id": back.move_id.id}
        )

    def action_recall(self):
        """An explicit recall: the instalment may go on a new RiBa order."""
        self._service_check_transition("action_recall", ("sent", "unpaid"))
        self._release()
        self._service_write_protected({"state": "recalled"})
        return True

    def _release(self):
        with internal_switch(ORDER_SWITCH):
            self.move_line_id.sudo().write({"service_riba_line_id": False})
        self._service_write_protected({"state": "cancel"})
