# covers: COL-04
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class ServiceCheque(models.Model):
    """A customer's cheque, post-dated or not. Received: the receipt debits
    the cheques-received account and settles the invoices; deposited: moved to
    cheques in transit; cleared: the bank has the money; bounced: the
    receivable is back, the invoices are open again, a fee may be invoiced."""

    _name = "service.cheque"
    _description = "Customer Cheque"
    _inherit = ["service.audit.mixin", "mail.thread"]
    _order = "date_maturity, id"
    _check_company_auto = True
    # covers: COL-04, API-01 (a cheque moves only with its journal entries)
    _service_protected_fields = (
        "state",
        "payment_id",
        "deposit_move_id",
        "clear_move_id",
        "bounce_move_id",
        "fee_invoice_id",
    )
    _service_transitions = {
        "action_receive": "service_base.group_service_user",
        "action_deposit": "service_base.group_service_user",
        "action_clear": "service_base.group_service_user",
        "action_bounce": "service_base.group_service_user",
    }

    _number_unique = models.Constraint(
        "UNIQUE(company_id, bank_name, number)",
        "A cheque with this bank and number is already recorded.",
    )

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        check_company=True,
        tracking=True,
        index=True,
    )
    bank_name = fields.Char("Bank", required=True, tracking=True)
    number = fields.Char("Cheque Number", required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date("Received On", required=True, default=fields.Date.context_today)
    date_maturity = fields.Date(
        "Maturity Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The cheque can be deposited from this date (post-dated cheque).",
    )
    state = fields.Selection(
        [
            ("draft", "Collected"),
            ("received", "Received"),
            ("deposited", "Deposited"),
            ("cleared", "Cleared"),
            ("bounced", "Bounced"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id)]",
        help="The invoices the cheque pays; none: the customer's open invoices, "
        "oldest first.",
    )
    round_line_id = fields.Many2one(
        "service.collection.round.line",
        string="Collection Round Line",
        check_company=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    collector_id = fields.Many2one(
        related="round_line_id.round_id.collector_id", store=True, index=True
    )
    payment_id = fields.Many2one(
        "account.payment",
        string="Receipt",
        readonly=True,
        copy=False,
        check_company=True,
    )
    deposit_move_id = fields.Many2one(
        "account.move", readonly=True, copy=False, check_company=True
    )
    clear_move_id = fields.Many2one(
        "account.move", readonly=True, copy=False, check_company=True
    )
    bounce_move_id = fields.Many2one(
        "account.move", readonly=True, copy=False, check_company=True
    )
    fee_invoice_id = fields.Many2one(
        "account.move",
        string="Bounce Fee Invoice",
        readonly=True,
        copy=False,
        check_company=True,
    )

    @api.depends("bank_name", "number")
    def _compute_name(self):
        for cheque in self:
            cheque.name = f"{cheque.bank_name or ''} {cheque.number or ''}".strip()

    @api.constrains("amount")
    def _check_amount(self):
        for cheque in self:
            if cheque.amount <= 0:
                raise UserError(
                    self.env._(
                        "Amount: cheque %(cheque)s must be for a positive amount.",
                        cheque=cheque.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cheques = super().create(vals_list)
        cheques._check_collector_round()
        return cheques

    def write(self, vals):
        result = super().write(vals)
        if "round_line_id" in vals or "amount" in vals:
            self._check_collector_round()
        return result

    def _check_collector_round(self):
        """A collector records cheques only on his own round while he is out
        collecting (COL-03); staff record them anywhere. (Not a constraint:
        those run as superuser.)"""
        if self.env.su or self.env.user.has_group("service_base.group_service_user"):
            return
        for cheque in self:
            round_ = cheque.sudo().round_line_id.round_id
            if round_.collector_id != self.env.user or round_.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Collection Round Line: a collector records cheque "
                        "%(cheque)s only on a line of his own round in progress.",
                        cheque=cheque.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_collected(self):
        if any(cheque.state != "draft" for cheque in self):
            raise UserError(
                self.env._(
                    "A cheque already received in the books cannot be deleted: "
                    "bounce it instead."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_receive(self):
        """Post the receipt: cheques-received account against the customer."""
        self._service_check_cashier()
        for cheque in self.sudo():
            cheque._check_state("draft")
            accounts = cheque._service_accounts()
            payment = (
                self.env["account.payment"]
                .sudo()
                .create(
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": cheque.partner_id.commercial_partner_id.id,
                        "company_id": cheque.company_id.id,
                        "journal_id": accounts["journal"].id,
                        "amount": cheque.amount,
                        "date": cheque.date,
                        "memo": self.env._("Cheque %(cheque)s", cheque=cheque.name),
                        "service_receipt_kind": "invoices"
                        if cheque.invoice_ids
                        else "general",
                        "invoice_ids": [Command.set(cheque.invoice_ids.ids)],
                        "service_cheque_id": cheque.id,
                        "service_collector_id": cheque.collector_id.id,
                        "service_round_line_id": cheque.round_line_id.id,
                    }
                )
            )
            payment.outstanding_account_id = accounts["received"]
            payment.action_post()
            if not cheque.invoice_ids:
                payment._service_reconcile_oldest_first(
                    payment._service_open_invoices()
                )
            cheque.write({"state": "received", "payment_id": payment.id})
        return True

    def action_deposit(self):
        self._service_check_cashier()
        today = fields.Date.context_today(self)
        for cheque in self.sudo():
            cheque._check_state("received")
            if cheque.date_maturity > today:
                raise UserError(
                    self.env._(
                        "Maturity Date: cheque %(cheque)s matures on %(date)s; "
                        "deposit it on or after that date.",
                        cheque=cheque.name,
                        date=cheque.date_maturity,
                    )
                )
            accounts = cheque._service_accounts()
            move = cheque._service_post_entry(
                self.env._("Deposit of cheque %(cheque)s", cheque=cheque.name),
                accounts["transit"],
                accounts["received"],
            )
            cheque._service_reconcile(accounts["received"], move)
            cheque.write({"state": "deposited", "deposit_move_id": move.id})
        return True

    def action_clear(self):
        self._service_check_cashier()
        for cheque in self.sudo():
            cheque._check_state("deposited")
            accounts = cheque._service_accounts()
            move = cheque._service_post_entry(
                self.env._("Cheque %(cheque)s cleared", cheque=cheque.name),
                accounts["bank"],
                accounts["transit"],
            )
            cheque._service_reconcile(accounts["transit"], move)
            cheque.write({"state": "cleared", "clear_move_id": move.id})
        return True

    def action_bounce(self):
        """The customer owes the amount again: the receivable comes back, the
        receipt no longer pays his invoices, a fee is invoiced if configured."""
        self._service_check_cashier()
        for cheque in self.sudo():
            if cheque.state not in ("received", "deposited"):
                cheque._check_state("received")
            accounts = cheque._service_accounts()
            holding = (
                accounts["transit"]
                if cheque.state == "deposited"
                else accounts["received"]
            )
            receivable = cheque.payment_id.destination_account_id
            move = cheque._service_post_entry(
                self.env._("Cheque %(cheque)s bounced", cheque=cheque.name),
                receivable,
                holding,
            )
            cheque._service_reconcile(holding, move)
            payment_lines = cheque.payment_id.move_id.line_ids.filtered(
                lambda line, acc=receivable: line.account_id == acc
            )
            payment_lines.remove_move_reconcile()
            (
                payment_lines
                + move.line_ids.filtered(
                    lambda line, acc=receivable: line.account_id == acc
                )
            ).reconcile()
            cheque.write(
                {
                    "state": "bounced",
                    "bounce_move_id": move.id,
                    "fee_invoice_id": cheque._service_bounce_fee_invoice().id,
                }
            )
        return True

    @api.model
    def _cron_deposit_matured(self):
        """Deposit the received cheques that have matured; rows locked so two
        workers never deposit the same cheque."""
        self.flush_model(["state", "date_maturity"])
        self.env.cr.execute(
            """SELECT id FROM service_cheque
                WHERE state = 'received' AND date_maturity <= %s
                ORDER BY id FOR UPDATE SKIP LOCKED""",
            [fields.Date.context_today(self)],
        )
        cheques = self.browse([row[0] for row in self.env.cr.fetchall()])
        for company in cheques.company_id:
            cheques.filtered(lambda c, co=company: c.company_id == co).with_company(
                company
            ).action_deposit()
        return True

    # ------------------------------------------------------------------
    # Internals
    # ------------------------------------------------------------------
    def _service_check_cashier(self):
        """The accounting is done as superuser once the user is known to be a
        cashier allowed to change these cheques."""
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(
            "service_base.group_service_user"
        ):
            raise UserError(
                self.env._(
                    "Only a Services user (the cashier) can post cheques to the books."
                )
            )

    def _check_state(self, expected):
        self.ensure_one()
        if self.state != expected:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Cheque %(cheque)s is %(state)s: this step needs a cheque "
                    "that is %(expected)s.",
                    cheque=self.name,
                    state=states[self.state],
                    expected=states[expected],
                )
            )

    def _service_accounts(self):
        self.ensure_one()
        company = self.company_id
        journal = company.service_cheque_journal_id
        values = {
            "journal": journal,
            "received": company.service_cheque_received_account_id,
            "transit": company.service_cheque_transit_account_id,
            "bank": journal.default_account_id,
        }
        if not all(values.values()):
            raise UserError(
                self.env._(
                    "Cheques: set the cheque bank journal, the cheques received "
                    "and cheques in transit accounts of %(company)s in Services "
                    "settings.",
                    company=company.name,
                )
            )
        return values

    def _service_post_entry(self, label, debit_account, credit_account):
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "company_id": self.company_id.id,
                    "journal_id": self.company_id.service_cheque_journal_id.id,
                    "date": fields.Date.context_today(self),
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": debit_account.id,
                                "partner_id": partner.id,
                                "debit": self.amount,
                            }
                        ),
                        Command.create(
                            {
                                "name": label,
                                "account_id": credit_account.id,
                                "partner_id": partner.id,
                                "credit": self.amount,
                            }
                        ),
                    ],
                }
            )
        )
        move.action_post()
        return move

    def _service_reconcile(self, account, move):
        """Close the holding account line of the previous step with ``move``."""
        previous = (
            self.payment_id.move_id | self.deposit_move_id | self.clear_move_id
        ).sudo()
        lines = (previous.line_ids | move.line_ids).filtered(
            lambda line: line.account_id == account and not line.reconciled
        )
        if len(lines) > 1:
            lines.reconcile()

    def _service_bounce_fee_invoice(self):
        self.ensure_one()
        company = self.company_id
        product = company.service_cheque_bounce_fee_product_id
        if not product:
            return self.env["account.move"]
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": self.partner_id.commercial_partner_id.id,
                    "invoice_origin": self.name,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._(
                                    "Bounced cheque %(cheque)s", cheque=self.name
                                ),
                                "quantity": 1,
                                "price_unit": company.service_cheque_bounce_fee_amount
                                or product.lst_price,
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        return invoice
