# covers: COL-03
import logging

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)


class ServiceCollectionRound(models.Model):
    """A collector's round: the customers paying by collector in his area with
    their open invoices. He records what he collects; the cashier takes the
    money over and the receipts are posted."""

    _name = "service.collection.round"
    _description = "Collection Round"
    _inherit = [
        "service.audit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "service.numbering.mixin",
    ]
    _numbering_code = "service.collection.round"
    _order = "date desc, id desc"
    _check_company_auto = True
    # covers: COL-03, API-01 (a round moves, and its cash is counted, only
    # through its actions; its collector changes only while in draft, by staff)
    _service_protected_fields = (
        "state",
        "cash_handed_over",
        "cashier_id",
        "handover_date",
        "collector_id",
    )
    _service_protected_free_states = {
        "collector_id": ("draft",),
        "cash_handed_over": ("in_progress",),
    }
    _service_protected_free_groups = {
        "collector_id": "service_base.group_service_user",
        "cash_handed_over": "service_base.group_service_user",
    }
    _service_transitions = {
        "action_generate_lines": "service_base.group_service_user",
        "action_start": "base.group_user",
        "action_handover": "service_base.group_service_user",
        "action_close": "service_base.group_service_user",
    }
    _service_field_bounds = {"cash_handed_over": (0, None)}

    # one round per collector, company, day (and area): the daily job run
    # twice, or on two workers at once, never makes a second one
    _collector_day_uniq = models.UniqueIndex(
        "(collector_id, company_id, date, COALESCE(area, ''))",
        "Collector: he already has a round on this date in this company for "
        "this area; open that round, or set another area.",
    )

    name = fields.Char(
        required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    collector_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self._default_collector_id(),
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("service_base.group_service_collector").ids,
            )
        ],
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    area = fields.Char(
        tracking=True,
        help="Only the customers of this collection area; empty: all his customers.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In Progress"),
            ("handed_over", "Handed Over"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many("service.collection.round.line", "round_id", "Customers")
    amount_expected = fields.Monetary(compute="_compute_amounts", store=True)
    amount_cash = fields.Monetary(
        "Cash Collected", compute="_compute_amounts", store=True
    )
    amount_cheque = fields.Monetary(
        "Cheques Collected", compute="_compute_amounts", store=True
    )
    amount_collected = fields.Monetary(compute="_compute_amounts", store=True)
    amount_difference = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Collected minus expected: negative when customers paid less.",
    )
    cash_handed_over = fields.Monetary(
        tracking=True,
        help="The cash the cashier counted at the handover.",
    )
    cash_difference = fields.Monetary(
        compute="_compute_cash_difference",
        store=True,
        help="Cash counted minus cash declared: negative is a shortage of the "
        "collector.",
    )
    cashier_id = fields.Many2one("res.users", readonly=True, copy=False)
    handover_date = fields.Datetime(readonly=True, copy=False)
    payment_ids = fields.One2many(
        "account.payment",
        compute="_compute_payment_ids",
        string="Receipts",
    )

    @api.model
    def _default_collector_id(self):
        """A collector's new round is his own."""
        user = self.env.user
        if user.has_group("service_base.group_service_collector"):
            return user
        return self.env["res.users"]

    @api.depends(
        "line_ids.amount_expected", "line_ids.amount_cash", "line_ids.amount_cheque"
    )
    def _compute_amounts(self):
        for round_ in self:
            lines = round_.line_ids
            round_.amount_expected = sum(lines.mapped("amount_expected"))
            round_.amount_cash = sum(lines.mapped("amount_cash"))
            round_.amount_cheque = sum(lines.mapped("amount_cheque"))
            round_.amount_collected = round_.amount_cash + round_.amount_cheque
            round_.amount_difference = round_.amount_collected - round_.amount_expected

    @api.depends("cash_handed_over", "amount_cash", "state")
    def _compute_cash_difference(self):
        for round_ in self:
            round_.cash_difference = (
                round_.cash_handed_over - round_.amount_cash
                if round_.state in ("handed_over", "closed")
                else 0.0
            )

    def _compute_payment_ids(self):
        payments = (
            self.env["account.payment"]
            .sudo()
            .search([("service_round_line_id", "in", self.line_ids.ids)])
        )
        for round_ in self:
            round_.payment_ids = payments.filtered(
                lambda p, r=round_: p.service_round_line_id.round_id == r
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(round_.state != "draft" for round_ in self):
            raise UserError(self.env._("Only a draft collection round can be deleted."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_generate_lines(self):
        """One line per customer of the collector (and area) with open
        invoices; customers already listed are kept as they are. Returns a
        notification saying how many were listed, or why none was."""
        self._service_check_transition("action_generate_lines")
        messages = []
        for round_ in self:
            round_._check_state("draft")
            customers = (
                self.env["res.partner"]
                .sudo()
                .search(
                    [
                        ("service_payment_by_collector", "=", True),
                        ("service_collector_id", "=", round_.collector_id.id),
                        "|",
                        ("company_id", "=", False),
                        ("company_id", "=", round_.company_id.id),
                    ]
                    + (
                        [("service_collection_area", "=", round_.area)]
                        if round_.area
                        else []
                    )
                )
            )
            invoices = (
                self.env["account.move"]
                .sudo()
                .search(
                    [
                        ("move_type", "=", "out_invoice"),
                        ("state", "=", "posted"),
                        ("payment_state", "in", ("not_paid", "partial")),
                        ("commercial_partner_id", "in", customers.ids),
                        ("company_id", "=", round_.company_id.id),
                    ],
                    order="invoice_date_due, id",
                )
            )
            listed = round_.line_ids.partner_id
            values = []
            for customer in customers - listed:
                open_invoices = invoices.filtered(
                    lambda m, c=customer: m.commercial_partner_id == c
                )
                if open_invoices:
                    values.append(
                        {
                            "round_id": round_.id,
                            "partner_id": customer.id,
                            "invoice_ids": [(6, 0, open_invoices.ids)],
                            "amount_expected": sum(
                                open_invoices.mapped("amount_residual")
                            ),
                        }
                    )
            self.env["service.collection.round.line"].sudo().create(values)
            messages.append(round_._generate_lines_message(customers, listed, values))
        return self._generate_lines_notification(messages)

    def _generate_lines_notification(self, messages):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("List Customers"),
                "message": "\n".join(message for _added, message in messages),
                "type": "success"
                if any(added for added, _message in messages)
                else "warning",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _generate_lines_message(self, customers, listed, values):
        """(customers added, what the user is told) for this round."""
        self.ensure_one()
        if values:
            return len(values), self.env._(
                "%(round)s: %(count)s customer(s) with open invoices listed.",
                round=self.name,
                count=len(values),
            )
        if not customers:
            if self.area:
                return 0, self.env._(
                    "%(round)s: no customer of %(collector)s in the area %(area)s "
                    "pays by collector. Set Pays by Collector, the collector and "
                    "the area on the customers, or clear the area.",
                    round=self.name,
                    collector=self.collector_id.name,
                    area=self.area,
                )
            return 0, self.env._(
                "%(round)s: no customer pays by collector with %(collector)s. Set "
                "Pays by Collector and the collector on the customers' Sales & "
                "Purchase tab.",
                round=self.name,
                collector=self.collector_id.name,
            )
        if customers <= listed:
            return 0, self.env._(
                "%(round)s: every customer of %(collector)s is already listed.",
                round=self.name,
                collector=self.collector_id.name,
            )
        return 0, self.env._(
            "%(round)s: none of the %(count)s customer(s) of %(collector)s not "
            "listed yet has an open invoice in %(company)s; nothing to collect.",
            round=self.name,
            count=len(customers - listed),
            collector=self.collector_id.name,
            company=self.company_id.name,
        )

    def action_start(self):
        self._service_check_transition("action_start")
        for round_ in self:
            round_._check_state("draft")
            if not round_.line_ids:
                raise UserError(
                    self.env._(
                        "%(round)s lists no customer: generate its lines first.",
                        round=round_.name,
                    )
                )
        self.check_access("write")
        self._service_write_protected({"state": "in_progress"})
        return True

    def action_handover(self):
        """The cashier takes the money over: a cash receipt per customer in the
        collection cash journal, cheques received into the cheque flow, the
        invoices reconciled oldest first."""
        if not self.env.user.has_group("service_base.group_service_user"):
            raise UserError(
                self.env._("Only a Services user (the cashier) can take over a round.")
            )
        for round_ in self:
            round_._check_state("in_progress")
            round_.check_access("write")
            journal = round_.company_id.sudo().service_collection_cash_journal_id
            if round_.amount_cash and not journal.default_account_id:
                raise UserError(
                    self.env._(
                        "Collection Cash Journal: set it in the Services settings "
                        "of %(company)s before taking over cash.",
                        company=round_.company_id.name,
                    )
                )
            # the books are the accountants': the cashier posts through the round
            for line in round_.sudo().line_ids:
                line._service_post_collection(journal)
            round_._service_write_protected(
                {
                    "state": "handed_over",
                    "cashier_id": self.env.uid,
                    "handover_date": fields.Datetime.now(),
                    "cash_handed_over": round_.cash_handed_over
                    if round_.cash_handed_over
                    else round_.amount_cash,
                }
            )
        return True

    def action_close(self):
        self._service_check_transition("action_close")
        for round_ in self:
            round_._check_state("handed_over")
        self.check_access("write")
        self._service_write_protected({"state": "closed"})
        return True

    def action_print_sheet(self):
        return self.env.ref(
            "service_collection.action_report_collection_round"
        ).report_action(self)

    @api.model
    def _cron_generate_rounds(self):
        """Today's draft round for every collector who has customers, once per
        collector, company and day: safe to rerun and to run on two workers."""
        today = fields.Date.context_today(self)
        customers = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("service_payment_by_collector", "=", True),
                    ("service_collector_id", "!=", False),
                ]
            )
        )
        existing = self.sudo().search([("date", "=", today)])
        done = {(r.collector_id.id, r.company_id.id) for r in existing}
        new_rounds = self.browse()
        for collector in customers.service_collector_id:
            # a second worker running the job at once skips this collector
            self.env.cr.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s), %s)",
                ["service.collection.round", collector.id],
            )
            if not self.env.cr.fetchone()[0]:
                continue
            for company in collector.company_ids:
                if (collector.id, company.id) in done:
                    continue
                new_rounds |= self._create_daily_round(collector, company, today)
        new_rounds.action_generate_lines()
        new_rounds.filtered(lambda r: not r.line_ids).unlink()
        return True

    @api.model
    def _create_daily_round(self, collector, company, today):
        """The day's round, unless another worker committed it after this
        transaction began (it is not seen here, the unique index refuses the
        second one): then nothing is created and nothing fails."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.sudo().create(
                    {
                        "collector_id": collector.id,
                        "company_id": company.id,
                        "date": today,
                    }
                )
        except psycopg2.errors.UniqueViolation:
            _logger.info(
                "Round of %s for %s on %s already generated by another worker.",
                collector.login,
                company.name,
                today,
            )
            return self.browse()

    def _check_state(self, expected):
        self.ensure_one()
        if self.state != expected:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(round)s is %(state)s: this step needs a round that is "
                    "%(expected)s.",
                    round=self.name,
                    state=states[self.state],
                    expected=states[expected],
                )
            )
