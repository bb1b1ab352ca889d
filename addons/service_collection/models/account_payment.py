# covers: COL-01, COL-02, COL-03, COL-04
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.service_base.tools.amount_words import amount_to_words

RECEIPT_KINDS = [
    ("invoices", "Invoices"),
    ("contract", "Contract Services"),
    ("credit_note", "Invoices and Credit Notes"),
    ("advance", "Advance"),
    ("general", "General"),
]


class AccountPayment(models.Model):
    """A receipt is an inbound customer payment: Odoo posts it; the suite
    decides what it settles (its kind) and keeps who collected it."""

    _inherit = "account.payment"

    service_receipt_kind = fields.Selection(
        RECEIPT_KINDS,
        "Receipt For",
        tracking=True,
        help="Invoices: settles the invoices chosen. Contract Services: the "
        "open invoices of a contract, oldest first. Invoices and Credit Notes: "
        "the credit notes chosen pay part of the invoices. Advance: kept as a "
        "credit and applied to the customer's next invoices. General: stays on "
        "the customer's account.",
    )
    service_contract_id = fields.Many2one(
        "service.contract",
        string="Contract",
        check_company=True,
        tracking=True,
        index="btree_not_null",
    )
    service_collector_id = fields.Many2one(
        "res.users", string="Collected By", tracking=True, index="btree_not_null"
    )
    service_round_line_id = fields.Many2one(
        "service.collection.round.line",
        string="Collection Round Line",
        check_company=True,
        readonly=True,
        index="btree_not_null",
    )
    service_cheque_id = fields.Many2one(
        "service.cheque",
        string="Cheque",
        check_company=True,
        readonly=True,
        index="btree_not_null",
    )
    service_cancellation_ids = fields.One2many(
        "service.receipt.cancellation", "payment_id", string="Cancellation Requests"
    )
    service_amount_words = fields.Char(
        "Amount in Words",
        compute="_compute_service_amount_words",
        help="The amount in words in the receipt's language (the customer's).",
    )

    @api.depends("amount", "currency_id", "partner_id.lang")
    def _compute_service_amount_words(self):
        # covers: BAS-09 (the receipt's language, as account's receipt uses)
        for payment in self:
            payment.service_amount_words = amount_to_words(
                self.env,
                payment.amount,
                payment.currency_id,
                payment.partner_id.lang or payment.company_id.partner_id.lang,
            )

    @api.constrains("service_receipt_kind", "service_contract_id")
    def _check_service_receipt_contract(self):
        for payment in self:
            if (
                payment.service_receipt_kind == "contract"
                and not payment.service_contract_id
            ):
                raise UserError(
                    self.env._(
                        "Contract: a receipt for contract services needs the "
                        "contract it pays (%(receipt)s).",
                        receipt=payment.display_name,
                    )
                )

    def action_post(self):
        result = super().action_post()
        self.filtered(
            lambda p: p.service_receipt_kind in ("invoices", "contract", "credit_note")
        )._service_settle()
        # Odoo's returns None, which XML-RPC cannot marshal: integrators post
        # receipts through this call (docs/api.md, API-01)
        return True if result is None else result

    def action_service_apply_advances(self):
        """Apply the unused part of advances to the customer's open invoices,
        oldest first."""
        for payment in self:
            payment._service_reconcile_oldest_first(payment._service_open_invoices())
        return True

    def action_service_send_receipt(self):
        """E-mail the receipt (Odoo's payment receipt) to the customer."""
        template = self.env.ref("account.mail_template_data_payment_receipt")
        for payment in self:
            if payment.state not in ("in_process", "paid"):
                raise UserError(
                    self.env._(
                        "%(receipt)s is not posted: post it before sending the "
                        "receipt.",
                        receipt=payment.display_name,
                    )
                )
            payment.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self.write({"is_sent": True})
        return True

    def action_service_request_cancellation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.receipt.cancellation",
            "view_mode": "form",
            "target": "new",
            "context": {"default_payment_id": self.id},
        }

    # ------------------------------------------------------------------
    # Settlement
    # ------------------------------------------------------------------
    def _service_open_invoices(self):
        """Posted, unpaid invoices of the payment's customer and company."""
        self.ensure_one()
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        if self.service_contract_id:
            domain.append(("service_contract_id", "=", self.service_contract_id.id))
        return self.env["account.move"].search(
            domain, order="invoice_date_due, invoice_date, id"
        )

    def _service_receivable_lines(self):
        return self.move_id.line_ids.filtered(
            lambda line: (
                line.account_id == self.destination_account_id and not line.reconciled
            )
        )

    def _service_settle(self):
        for payment in self:
            if payment.service_receipt_kind == "contract":
                payment._service_reconcile_oldest_first(
                    payment._service_open_invoices()
                )
                continue
            documents = payment.invoice_ids.filtered(lambda m: m.state == "posted")
            if not documents:
                raise UserError(
                    self.env._(
                        "Invoices: choose the posted invoices %(receipt)s pays.",
                        receipt=payment.display_name,
                    )
                )
            refunds = documents.filtered(lambda m: m.move_type == "out_refund")
            invoices = documents - refunds
            if refunds:
                # credit notes settle the oldest invoices first, the money the rest
                account = payment.destination_account_id
                lines = (refunds + invoices).line_ids.filtered(
                    lambda line, acc=account: (
                        line.account_id == acc and not line.reconciled
                    )
                )
                lines.reconcile()
            payment._service_reconcile_oldest_first(invoices)

    def _service_reconcile_oldest_first(self, invoices):
        """Reconcile the payment's open receivable with ``invoices`` one by one
        in due-date order, so a short payment leaves the newest ones open."""
        self.ensure_one()
        account = self.destination_account_id
        settled = self.env["account.move"]
        for invoice in invoices.sorted(
            lambda m: (m.invoice_date_due or m.date, m.invoice_date or m.date, m.id)
        ):
            lines = self._service_receivable_lines()
            if not lines:
                break
            invoice_lines = invoice.line_ids.filtered(
                lambda line, acc=account: line.account_id == acc and not line.reconciled
            )
            if invoice_lines:
                (lines + invoice_lines).reconcile()
                settled |= invoice
        if settled:
            self.invoice_ids |= settled
        return settled
