# covers: COL-03
from odoo import api, fields, models
from odoo.exceptions import UserError

# what a collector may change on his round: what he collected
COLLECTOR_FIELDS = {"amount_cash", "note", "cheque_ids"}


class ServiceCollectionRoundLine(models.Model):
    _name = "service.collection.round.line"
    _description = "Collection Round Customer"
    _order = "round_id, sequence, id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "service.collection.round",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="round_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="round_id.currency_id")
    collector_id = fields.Many2one(
        related="round_id.collector_id", store=True, index=True
    )
    date = fields.Date(related="round_id.date", store=True)
    state = fields.Selection(related="round_id.state", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        check_company=True,
        index=True,
    )
    partner_address = fields.Char(
        "Address", compute="_compute_partner_contact", compute_sudo=True
    )
    partner_phone = fields.Char(
        "Phone", compute="_compute_partner_contact", compute_sudo=True
    )
    invoice_ids = fields.Many2many(
        "account.move", string="Open Invoices", check_company=True, readonly=True
    )
    invoice_refs = fields.Char(
        "Invoices", compute="_compute_invoice_refs", store=True, compute_sudo=True
    )
    amount_expected = fields.Monetary("Expected", readonly=True)
    amount_cash = fields.Monetary("Cash")
    cheque_ids = fields.One2many("service.cheque", "round_line_id", "Cheques")
    amount_cheque = fields.Monetary(
        "Cheques Amount", compute="_compute_amounts", store=True
    )
    amount_collected = fields.Monetary(
        "Collected", compute="_compute_amounts", store=True
    )
    amount_difference = fields.Monetary(
        "Difference", compute="_compute_amounts", store=True
    )
    difference_kind = fields.Selection(
        [("exact", "Exact"), ("short", "Short"), ("over", "Over")],
        compute="_compute_amounts",
        store=True,
    )
    note = fields.Char()

    _round_partner_unique = models.Constraint(
        "UNIQUE(round_id, partner_id)",
        "A customer is listed once per collection round.",
    )

    @api.depends("partner_id")
    def _compute_partner_contact(self):
        for line in self:
            partner = line.partner_id
            line.partner_address = ", ".join(
                filter(None, [partner.street, partner.zip, partner.city])
            )
            line.partner_phone = partner.phone

    @api.depends("invoice_ids.name")
    def _compute_invoice_refs(self):
        for line in self:
            line.invoice_refs = ", ".join(line.invoice_ids.mapped("name"))

    @api.depends("amount_expected", "amount_cash", "cheque_ids.amount")
    def _compute_amounts(self):
        for line in self:
            line.amount_cheque = sum(line.cheque_ids.mapped("amount"))
            line.amount_collected = line.amount_cash + line.amount_cheque
            line.amount_difference = line.amount_collected - line.amount_expected
            if line.currency_id.is_zero(line.amount_difference):
                line.difference_kind = "exact"
            else:
                line.difference_kind = "short" if line.amount_difference < 0 else "over"

    @api.constrains("amount_cash")
    def _check_amount_cash(self):
        for line in self:
            if line.amount_cash < 0:
                raise UserError(
                    self.env._(
                        "Cash: the amount collected from %(customer)s cannot be "
                        "negative.",
                        customer=line.partner_id.name,
                    )
                )

    def write(self, vals):
        if not self.env.su:
            locked = self.filtered(
                lambda line: line.round_id.state in ("handed_over", "closed")
            )
            if locked:
                raise UserError(
                    self.env._(
                        "%(round)s is handed over: its collections can no longer "
                        "change.",
                        round=locked[0].round_id.name,
                    )
                )
            is_staff = self.env.user.has_group("service_base.group_service_user")
            if set(vals) - COLLECTOR_FIELDS and not is_staff:
                raise UserError(
                    self.env._(
                        "A collector records only the cash, the cheques and a "
                        "note on his round."
                    )
                )
            if not is_staff and self.filtered(
                lambda line: line.round_id.state != "in_progress"
            ):
                raise UserError(
                    self.env._(
                        "Cash: a collector records his collections once his round "
                        "is started, until he hands it over."
                    )
                )
        return super().write(vals)

    def _service_post_collection(self, cash_journal):
        """Post what this customer paid: cash receipt, then his cheques."""
        self.ensure_one()
        if not self.currency_id.is_zero(self.amount_cash):
            payment = (
                self.env["account.payment"]
                .sudo()
                .create(
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": self.partner_id.commercial_partner_id.id,
                        "company_id": self.company_id.id,
                        "journal_id": cash_journal.id,
                        "amount": self.amount_cash,
                        "date": self.round_id.date,
                        "memo": self.round_id.name,
                        "service_receipt_kind": "general",
                        "service_collector_id": self.collector_id.id,
                        "service_round_line_id": self.id,
                    }
                )
            )
            # straight to the cash account: the cashier holds the money now
            payment.outstanding_account_id = cash_journal.default_account_id
            payment.action_post()
            if payment._service_reconcile_oldest_first(self.invoice_ids):
                payment.service_receipt_kind = "invoices"
        cheques = self.cheque_ids.filtered(lambda c: c.state == "draft")
        cheques.sudo().write({"partner_id": self.partner_id.id})
        cheques.sudo().action_receive()
