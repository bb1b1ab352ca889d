# covers: BNK-01
import re

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)
from odoo.addons.service_base.tools.context import QUIET

from ..tools import posting
from .account_move import ORDER_SWITCH

# R-transaction reasons after which the mandate cannot be used again
MANDATE_ENDING_REASONS = {"AC04", "AC06", "MD01", "MD07"}


class ServiceDebitOrderLine(models.Model):
    """One direct-debit transaction: an invoice, or all due invoices of a
    customer, collected under one mandate with one end-to-end id."""

    _name = "service.debit.order.line"
    _description = "Direct Debit Transaction"
    _inherit = ["service.collection.order.line.mixin"]
    _order = "order_id, id"
    # covers: BNK-01, API-01 (what is collected, and its outcome, change only
    # through the order's and the transaction's actions)
    _service_protected_fields = (
        "mandate_id",
        "end_to_end_id",
        "return_reason",
        "return_move_id",
        "fee_invoice_id",
        "remittance",
    )
    _service_transitions = {
        "action_return": "account.group_account_invoice",
    }

    # per company: each company numbers its own orders (SDD00002 in two
    # companies), and a statement is matched within its journal's company
    _end_to_end_uniq = models.UniqueIndex(
        "(company_id, end_to_end_id)",
        "End-to-end id: already used by another direct-debit transaction.",
    )

    order_id = fields.Many2one(
        "service.debit.order",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        check_company=True,
    )
    partner_id = fields.Many2one(required=True)
    mandate_id = fields.Many2one(
        "service.mandate", readonly=True, check_company=True, index="btree_not_null"
    )
    sequence_type = fields.Selection(
        [
            ("FRST", "First"),
            ("RCUR", "Recurrent"),
            ("FNAL", "Final"),
            ("OOFF", "One-off"),
        ],
        compute="_compute_sequence_type",
        store=True,
        help="Computed from the mandate's use when the transaction is made.",
    )
    invoice_ids = fields.One2many(
        "account.move", "service_debit_line_id", "Invoices", readonly=True
    )
    end_to_end_id = fields.Char("End-to-End Id", readonly=True, index=True)
    remittance = fields.Char(readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("posted", "Posted"),
            ("returned", "Returned"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    return_reason = fields.Char(
        readonly=True, help="ISO 20022 reason code of the return (e.g. AM04, MD06)."
    )
    return_move_id = fields.Many2one("account.move", readonly=True)
    fee_invoice_id = fields.Many2one(
        "account.move", "Return Fee Invoice", readonly=True
    )

    @api.depends("mandate_id")
    def _compute_sequence_type(self):
        for line in self:
            line.sequence_type = (
                line.mandate_id._sequence_type() if line.mandate_id else "FRST"
            )

    def _collection_label(self):
        return self.end_to_end_id

    def action_return(self, reason=None, fee=0.0, bank_line=None):
        """The bank returned or rejected the debit (R-transaction): the
        invoices open again, the return counts against the mandate, and a fee
        invoice is added when ``fee`` is given. ``bank_line``: the statement
        line's receivable line when the return came on a statement;
        otherwise the transit account is credited."""
        self._service_check_transition("action_return", ("posted",))
        reason = (reason or "").strip().upper()
        if not re.fullmatch(r"[A-Z0-9]{4}", reason):
            raise ValidationError(
                self.env._(
                    "Return reason: '%(reason)s' is not an ISO 20022 reason code "
                    "(four letters or digits, e.g. AM04 insufficient funds).",
                    reason=reason,
                )
            )
        if fee and fee < 0:
            raise ValidationError(self.env._("Return fee: must be zero or more."))
        for line in self.sudo():
            line._return(reason, fee, bank_line)
        return True

    def _return(self, reason, fee, bank_line):
        if bank_line is None:
            bank_line = posting.reverse_collection(
                self.env,
                self.order_id._entry_journal(),
                fields.Date.context_today(self),
                self.env._(
                    "Return %(reference)s (%(reason)s)",
                    reference=self.end_to_end_id,
                    reason=reason,
                ),
                {
                    "receivable": self.receivable_line_id,
                    "transit": self.transit_line_id,
                },
                self.amount,
                self.partner_id,
            )
        return_move = bank_line.move_id
        posting.reopen(self.receivable_line_id, bank_line)
        fee_invoice = (
            self._fee_invoice(fee, reason) if fee else self.env["account.move"]
        )
        self._service_write_protected(
            {
                "state": "returned",
                "return_reason": reason,
                "return_move_id": return_move.id,
                "fee_invoice_id": fee_invoice.id,
            }
        )
        mandate = self.mandate_id
        values = {"return_count": mandate.return_count + 1}
        if reason in MANDATE_ENDING_REASONS:
            values["state"] = "revoked"
        mandate._service_write_protected(values)
        # returned invoices may go on the next order
        with internal_switch(ORDER_SWITCH):
            self.invoice_ids.write({"service_debit_line_id": False})
        self.order_id.message_post(
            body=self.env._(
                "%(customer)s: %(amount)s returned (%(reason)s); the invoices "
                "are open again.",
                customer=self.partner_id.display_name,
                amount=self.amount,
                reason=reason,
            )
        )

    def _fee_invoice(self, fee, reason):
        """The return fee, billed through the contract's invoicing API."""
        invoice = self.invoice_ids[:1]
        contract = invoice.service_contract_id
        line = {
            "name": self.env._(
                "Direct debit return fee (%(reason)s, %(reference)s)",
                reason=reason,
                reference=self.end_to_end_id,
            ),
            "quantity": 1,
            "price_unit": fee,
            "tax_ids": [Command.clear()],
        }
        if contract:
            values = contract._prepare_invoice(fields.Date.context_today(self))
        else:
            values = {
                "move_type": "out_invoice",
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "invoice_date": fields.Date.context_today(self),
            }
        values["invoice_line_ids"] = [Command.create(line)]
        fee_invoice = self.env["account.move"].with_context(**QUIET).create(values)
        fee_invoice.action_post()
        return fee_invoice
