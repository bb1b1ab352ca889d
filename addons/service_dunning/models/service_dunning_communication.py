# covers: DUN-02, DUN-05
from odoo import Command, api, fields, models
from odoo.tools import SQL

from odoo.addons.service_base.tools.amount_words import amount_to_words


class ServiceDunningCommunication(models.Model):
    """One reminder: a customer at one level on one date, listing every
    overdue item. Unique per customer, level and oldest due date, so that
    no rerun or second worker sends it twice."""

    _name = "service.dunning.communication"
    _description = "Dunning Communication"
    _inherit = ["service.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["partner_id", "level_id"]
    # covers: API-01 (a communication changes only through the run and its
    # own actions)
    _service_protected_fields = (
        "state",
        "run_id",
        "partner_id",
        "level_id",
        "scenario_id",
        "reference_date",
        "amount_overdue",
        "fee_amount",
        "interest_amount",
        "fee_move_id",
        "send_email",
        "send_letter",
        "send_sms",
        "fallback_letter",
        "fallback_reason",
        "mail_id",
        "date_sent",
    )
    _service_transitions = {
        "action_send_now": "account.group_account_invoice",
        "action_cancel": "account.group_account_invoice",
    }

    _episode_uniq = models.Constraint(
        "UNIQUE (partner_id, level_id, reference_date)",
        "A customer gets one communication per level and overdue episode.",
    )

    run_id = fields.Many2one(
        "service.dunning.run", readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, readonly=True, index=True
    )
    scenario_id = fields.Many2one(
        "service.dunning.scenario", required=True, readonly=True, check_company=True
    )
    level_id = fields.Many2one(
        "service.dunning.level", required=True, readonly=True, check_company=True
    )
    reference_date = fields.Date(
        "Oldest Due Date",
        required=True,
        readonly=True,
        help="Due date of the oldest overdue item: the episode the reminder "
        "belongs to.",
    )
    date = fields.Date(required=True, readonly=True)
    date_sent = fields.Datetime("Sent On", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Prepared"),
            ("to_review", "To review"),
            ("sent", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "service.dunning.communication.line", "communication_id", "Overdue Items"
    )
    amount_overdue = fields.Monetary("Overdue", readonly=True)
    amount_words = fields.Char("Overdue in Words", readonly=True)
    fee_amount = fields.Monetary("Fee", readonly=True)
    interest_amount = fields.Monetary("Interest", readonly=True)
    fee_move_id = fields.Many2one(
        "account.move", "Fee Invoice", readonly=True, check_company=True
    )
    fee_note = fields.Char(readonly=True)
    send_email = fields.Boolean("By E-mail", readonly=True)
    send_letter = fields.Boolean("By Letter", readonly=True)
    send_sms = fields.Boolean("By SMS", readonly=True)
    fallback_letter = fields.Boolean(
        "E-mail Failed", readonly=True, help="Sent as a letter instead."
    )
    fallback_reason = fields.Char(readonly=True)
    mail_id = fields.Many2one("mail.mail", "E-mail", readonly=True, index=True)
    payment_reference = fields.Char(compute="_compute_payment_details")
    bank_account = fields.Char("IBAN", compute="_compute_payment_details")

    @api.depends("partner_id", "level_id", "date")
    def _compute_display_name(self):
        for communication in self:
            communication.display_name = self.env._(
                "%(level)s, %(customer)s, %(date)s",
                level=communication.level_id.name or "",
                customer=communication.partner_id.name or "",
                date=communication.date or "",
            )

    def _compute_payment_details(self):
        for communication in self:
            company = communication.company_id
            communication.bank_account = (
                company.partner_id.bank_ids[:1].acc_number or False
            )
            communication.payment_reference = (
                communication.partner_id.ref
                or communication.partner_id.commercial_partner_id.display_name
            )

    def _get_approval_amount(self):
        self.ensure_one()
        return self.amount_overdue

    def _approval_default_rule_values(self, company):
        """A supervisor approves the suspension of a customer's contracts
        asked by the last dunning level."""
        return {
            "name": self.env._("Dunning: suspend contracts"),
            "level_ids": [
                Command.create(
                    {
                        "sequence": 10,
                        "name": self.env._("Supervisor"),
                        "group_id": self.env.ref(
                            "service_base.group_service_supervisor"
                        ).id,
                    }
                )
            ],
        }

    def _on_approval_approved(self):
        """Suspension approved: the customer's running contracts stop."""
        contracts = (
            self.env["service.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "active"),
                ]
            )
        )
        contracts._service_write_protected({"state": "suspended"})
        for communication in self:
            communication.message_post(
                body=self.env._(
                    "%(count)s contract(s) suspended.", count=len(contracts)
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send_now(self):
        """Send reviewed communications one by one (outside a run)."""
        self._service_check_transition("action_send_now", ("draft", "to_review"))
        self.sudo()._send()
        return True

    def action_cancel(self):
        """Drop a prepared communication; its items stay open and the next
        run of the same episode does not remind them at this level again."""
        self._service_check_transition("action_cancel", ("draft", "to_review"))
        self._service_write_protected({"state": "cancelled"})
        return True

    def action_print_letter(self):
        return self.env.ref(
            "service_dunning.action_report_dunning_letter"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Work (called by the run, after its checks)
    # ------------------------------------------------------------------
    def _add_lines(self, date):
        """Every overdue item of each customer (one query), totals in figures
        and words, fee and interest of the level."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id, line.id, line.move_id, line.date_maturity,
                       line.amount_residual
                  FROM service_dunning_communication c
                  JOIN res_partner partner
                    ON partner.commercial_partner_id = c.partner_id
                  JOIN account_move_line line ON line.partner_id = partner.id
                   AND line.company_id = c.company_id
                  JOIN account_account account ON account.id = line.account_id
                  JOIN account_move move ON move.id = line.move_id
                 WHERE c.id = ANY(%(ids)s)
                   AND line.parent_state = 'posted'
                   AND line.reconciled IS NOT TRUE
                   AND account.account_type = 'asset_receivable'
                   AND line.amount_residual > 0
                   AND line.date_maturity < %(date)s
                   AND move.service_disputed IS NOT TRUE
                 ORDER BY c.id, line.date_maturity, line.id
                """,
                ids=self.ids,
                date=date,
            )
        )
        rows = self.env.cr.fetchall()
        items = {}
        line_values = []
        for communication_id, line_id, move_id, due, residual in rows:
            days = (date - due).days
            items.setdefault(communication_id, []).append((residual, days))
            line_values.append(
                {
                    "communication_id": communication_id,
                    "move_line_id": line_id,
                    "move_id": move_id,
                    "date_maturity": due,
                    "amount_residual": residual,
                    "days_late": days,
                }
            )
        self.env["service.dunning.communication.line"].create(line_values)
        for communication in self:
            level = communication.level_id
            own = items.get(communication.id, [])
            total = sum(residual for residual, _days in own)
            lang = communication.partner_id.lang
            communication._service_write_protected(
                {
                    "amount_overdue": total,
                    "fee_amount": level._compute_fee(total),
                    "interest_amount": level._compute_interest(own),
                    "send_email": level.channel_email,
                    "send_letter": level.channel_letter,
                    "send_sms": level.channel_sms,
                }
            )
            communication.amount_words = amount_to_words(
                self.env, total, communication.currency_id, lang
            )

    def _email_failure(self):
        """Why an e-mail to this customer cannot arrive (None if it can)."""
        self.ensure_one()
        partner = self.partner_id
        if not partner.email_normalized:
            return self.env._("no e-mail address")
        if partner.is_blacklisted:
            return self.env._("address blacklisted")
        if partner.message_bounce:
            return self.env._(
                "address bounced %(count)s time(s)", count=partner.message_bounce
            )
        return None

    def _send(self):
        """Send on the level's channels; a failed e-mail falls back to a
        letter. Fees and interest are invoiced, escalations applied."""
        communications = self.filtered(lambda c: c.state in ("draft", "to_review"))
        if not communications:
            return
        default_template = self.env.ref(
            "service_dunning.mail_template_dunning_reminder", raise_if_not_found=False
        )
        by_template = {}
        for communication in communications:
            values = {"state": "sent", "date_sent": fields.Datetime.now()}
            if communication.send_email:
                failure = communication._email_failure()
                if failure:
                    values.update(
                        send_letter=True, fallback_letter=True, fallback_reason=failure
                    )
                else:
                    template = (
                        communication.level_id.mail_template_id or default_template
                    )
                    by_template.setdefault(template, []).append(communication.id)
            communication._service_write_protected(values)
        for template, ids in by_template.items():
            mails = template.send_mail_batch(ids)
            for mail in mails:
                self.browse(mail.res_id)._service_write_protected({"mail_id": mail.id})
        sms = communications.filtered("send_sms")
        if sms:
            self.env["service.notification.template"]._notify("dunning_reminder", sms)
        communications._invoice_fees()
        communications._escalate()

    @api.model
    def _fallback_failed_emails(self, company):
        """E-mails the mail server refused or that bounced since: the
        reminder goes by letter, and the run lists it."""
        failed = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "sent"),
                ("send_email", "=", True),
                ("fallback_letter", "=", False),
                ("mail_id.state", "in", ("exception", "cancel")),
            ]
        )
        for communication in failed:
            communication._service_write_protected(
                {
                    "send_letter": True,
                    "fallback_letter": True,
                    "fallback_reason": communication.mail_id.failure_reason
                    or self.env._("e-mail bounced"),
                }
            )
        return failed

    def _invoice_fees(self):
        """One fee invoice per communication with a fee or interest, through
        the customer's contract invoicing API (header, journal, fiscal
        position), posted once."""
        charged = self.filtered(
            lambda c: not c.fee_move_id and (c.fee_amount or c.interest_amount)
        )
        if not charged:
            return
        contracts = self.env["service.contract"].search(
            [
                ("partner_id", "child_of", charged.partner_id.ids),
                ("company_id", "in", charged.company_id.ids),
                ("state", "in", ("active", "suspended", "ended")),
            ],
            order="date_start desc, id desc",
        )
        contract_of = {}
        for contract in contracts:
            contract_of.setdefault(
                (contract.partner_id.commercial_partner_id.id, contract.company_id.id),
                contract,
            )
        move_values = []
        with_move = self.browse()
        for communication in charged:
            contract = contract_of.get(
                (communication.partner_id.id, communication.company_id.id)
            )
            if not contract:
                communication.fee_note = self.env._(
                    "No contract to invoice the fee through: not charged."
                )
                continue
            product = communication.scenario_id._get_fee_product()
            taxes = product.taxes_id.filtered(
                lambda t, c=communication: t.company_id == c.company_id
            )
            values = contract._prepare_invoice(communication.date)
            values["service_dunning_fee_communication_id"] = communication.id
            lines = []
            lang = communication.partner_id.lang or self.env.lang
            localized = self.with_context(lang=lang).env
            if communication.fee_amount:
                lines.append(
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": localized._(
                                "Dunning fee: %(level)s",
                                level=communication.level_id.with_context(
                                    lang=lang
                                ).name,
                            ),
                            "quantity": 1,
                            "price_unit": communication.fee_amount,
                            "tax_ids": [
                                Command.set(contract._map_invoice_taxes(taxes).ids)
                            ],
                        }
                    )
                )
            if communication.interest_amount:
                lines.append(
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": localized._(
                                "Late interest at %(rate)s %% a year",
                                rate=communication.level_id.interest_rate,
                            ),
                            "quantity": 1,
                            "price_unit": communication.interest_amount,
                            # interest is not a supply: no tax
                            "tax_ids": [Command.clear()],
                        }
                    )
                )
            values["invoice_line_ids"] = lines
            move_values.append(values)
            with_move |= communication
        if not move_values:
            return
        moves = self.env["account.move"].create(move_values)
        moves.action_post()
        for move in moves:
            move.service_dunning_fee_communication_id._service_write_protected(
                {"fee_move_id": move.id}
            )

    def _escalate(self):
        """The last level's escalation: freeze, suspension request, legal."""
        for communication in self:
            escalation = communication.level_id.escalation
            partner = communication.partner_id.sudo()
            reason = self.env._(
                "Dunning level %(level)s reached on %(date)s.",
                level=communication.level_id.name,
                date=communication.date,
            )
            if escalation == "freeze":
                # service_customer's own freeze (same fields, message and audit
                # line as the supervisor's button); the right was the
                # accountant's, who configured the scenario's last level
                partner._service_freeze(reason)
            elif escalation == "suspend":
                communication._ensure_default_rule()
                communication.action_request_approval()
            elif escalation == "legal":
                partner._service_mark_legal_collection()
                partner.message_post(body=reason)
