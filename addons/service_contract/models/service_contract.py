# covers: CON-01, CON-02, CON-06, CON-07, CON-09
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET,
    internal_switch,
)
from odoo.addons.service_base.tools.amount_words import amount_to_words
from odoo.addons.service_catalog.tools import periods
from odoo.addons.service_catalog.tools.periods import BILLING_PERIODS, TERM_UNITS

_logger = logging.getLogger(__name__)


class SettlementHeld(UserError):
    """A settlement that cannot be computed yet (formula inputs missing): the
    billing run records it as held, with the missing inputs, not as an
    error (CON-05)."""

    def __init__(self, message, period_start=None):
        super().__init__(message)
        self.period_start = period_start


class ServiceContract(models.Model):
    _name = "service.contract"
    _description = "Service Contract"
    _inherit = [
        "service.approval.mixin",
        "service.frozen.customer.mixin",
        "service.numbering.mixin",
        "portal.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _approval_amount_field = "amount_period"
    # covers: API-01 (workflow and billing dates change only through the
    # contract's actions and the billing engine)
    _service_protected_fields = (
        "state",
        "next_billing_date",
        "terminated_on",
        "termination_reason",
        "renewal_reminded_for",
        "last_indexation_date",
        "last_settlement_date",
    )
    _service_transitions = {
        "action_confirm": "service_base.group_service_user",
        "action_activate": "service_base.group_service_manager",
        "action_suspend": "service_base.group_service_supervisor",
        "action_resume": "service_base.group_service_supervisor",
        "action_end": "service_base.group_service_supervisor",
        "action_cancel": "service_base.group_service_user",
        "action_draft": "service_base.group_service_user",
        "action_renew": "service_base.group_service_supervisor",
        "action_settle": "service_base.group_service_supervisor",
    }
    _service_field_bounds = {
        "notice_days": (0, 3660),
        "renewal_months": (0, 1200),
        "renewal_reminder_days": (0, 3660),
        "advance_amount": (0, None),
        "indexation_rate": (-100, 1000),
    }
    _numbering_code = "service.contract"

    _name_company_uniq = models.Constraint(
        "UNIQUE (name, company_id)", "Contract Number: already used in this company."
    )

    name = fields.Char(
        "Contract Number", required=True, copy=False, readonly=True, default="/"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("waiting", "Waiting approval"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    # The contract's company's currency unless one is given (a contract of
    # another company than the user's current one bills in that company's).
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_invoice_id = fields.Many2one(
        "res.partner",
        string="Invoice Address",
        check_company=True,
        tracking=True,
        help="Leave empty to invoice the customer itself.",
    )
    contract_account_id = fields.Many2one(
        "service.contract.account", check_company=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", check_company=True, tracking=True
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Invoice Journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        tracking=True,
        help="Invoice series (e.g. one per tax regime); empty: the company's "
        "first sales journal.",
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        check_company=True,
        tracking=True,
        compute="_compute_fiscal_position_id",
        store=True,
        readonly=False,
        help="Maps the lines' taxes on every invoice and credit note of the "
        "contract (e.g. reverse charge, export); by default the invoiced "
        "customer's.",
    )
    date_start = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(tracking=True, help="Empty: runs until ended.")
    terminated_on = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="Set when the contract is terminated before its natural end "
        "(a cancellation): the last day it runs.",
    )
    termination_reason = fields.Char(readonly=True, copy=False, tracking=True)
    notice_days = fields.Integer(
        "Notice Period",
        default=30,
        tracking=True,
        help="Number of days, weeks or months (see the unit) between a notice "
        "of cancellation and the day it takes effect.",
    )
    notice_unit = fields.Selection(
        TERM_UNITS, default="days", required=True, tracking=True
    )
    billing_period = fields.Selection(
        BILLING_PERIODS, required=True, default="monthly", tracking=True
    )
    billing_mode = fields.Selection(
        [("advance", "In advance"), ("arrears", "In arrears")],
        required=True,
        default="advance",
        tracking=True,
    )
    align_to_calendar = fields.Boolean(
        "Calendar Periods",
        help="Periods follow calendar months/quarters/years; the first and last "
        "are pro-rated by days.",
    )
    next_billing_date = fields.Date(
        copy=False,
        tracking=True,
        index=True,
        help="Start of the next period to bill.",
    )
    line_ids = fields.One2many(
        "service.contract.line", "contract_id", string="Lines", copy=True
    )
    amount_period = fields.Monetary(
        "Amount per Period",
        compute="_compute_amount_period",
        store=True,
        help="Untaxed amount of a whole period: what billing invoices for a "
        "whole period (formula lines by their formula over their latest inputs, "
        "or their estimate).",
    )
    amount_period_words = fields.Char(
        "Amount per Period in Words",
        compute="_compute_amount_period_words",
        help="The amount per period in words in the customer's language, as "
        "the contract PDF shows it.",
    )
    amount_monthly = fields.Monetary(
        "Amount per Month",
        compute="_compute_amount_monthly",
        store=True,
        help="The amount per period expressed per month, so that contracts "
        "billed monthly, quarterly or yearly can be added up.",
    )
    billing_hold_reason = fields.Text(
        "Billing Held Because",
        compute="_compute_billing_hold",
        help="Why billing holds the next period of this contract (formula "
        "inputs missing), as the latest billing run recorded it.",
    )
    billing_held_since = fields.Datetime(
        compute="_compute_billing_hold",
        help="When a billing run first held the period still waiting.",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    note = fields.Html()
    invoice_send = fields.Selection(
        [("none", "Do not send"), ("email", "E-mail")],
        string="Send Invoices",
        default="none",
        required=True,
        help="E-mail each invoice of this contract to the customer when billed "
        "(through the mail queue).",
    )

    # renewal and indexation (CON-06)
    renewal_mode = fields.Selection(
        [
            ("none", "Ends at its end date"),
            ("auto", "Renews automatically"),
            ("approval", "Renews when a supervisor decides"),
        ],
        default="auto",
        required=True,
        tracking=True,
    )
    renewal_months = fields.Integer(
        "Renew For", default=12, help="Length of a renewal term, in the unit."
    )
    renewal_unit = fields.Selection(TERM_UNITS, default="months", required=True)
    renewal_reminder_days = fields.Integer("Remind Before End (days)", default=30)
    renewal_reminded_for = fields.Date(copy=False, readonly=True)
    indexation = fields.Selection(
        [
            ("none", "No indexation"),
            ("percentage", "Fixed percentage"),
            ("index", "Price index"),
        ],
        default="none",
        required=True,
        tracking=True,
    )
    indexation_on = fields.Selection(
        [("renewal", "At renewal"), ("anniversary", "Every anniversary")],
        default="renewal",
        required=True,
    )
    indexation_rate = fields.Float("Indexation (%)")
    index_id = fields.Many2one("service.price.index", check_company=True)
    last_indexation_date = fields.Date(copy=False, readonly=True)

    # advances and settlement (CON-08)
    advance_amount = fields.Monetary(
        "Advance per Period",
        tracking=True,
        help="When set, each period bills this advance instead of the lines; "
        "the settlement invoices actual consumption minus the advances.",
    )
    advance_product_id = fields.Many2one(
        "product.product",
        string="Advance Service",
        check_company=True,
        domain=[("type", "=", "service")],
    )
    settlement_date = fields.Date(
        tracking=True, help="Next settlement of actual consumption against advances."
    )
    last_settlement_date = fields.Date(copy=False, readonly=True)

    @api.depends("line_ids.price_subtotal_period")
    def _compute_amount_period(self):
        for contract in self:
            contract.amount_period = sum(
                contract.line_ids.mapped("price_subtotal_period")
            )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for contract in self:
            contract.currency_id = (
                contract.company_id.currency_id or contract.env.company.currency_id
            )

    @api.depends("amount_period", "currency_id", "partner_id.lang")
    def _compute_amount_period_words(self):
        # covers: BAS-09 (in the document's language: the customer's)
        for contract in self:
            contract.amount_period_words = amount_to_words(
                self.env,
                contract.amount_period,
                contract.currency_id,
                contract.partner_id.lang,
            )

    @api.depends("line_ids.price_subtotal_monthly")
    def _compute_amount_monthly(self):
        for contract in self:
            contract.amount_monthly = sum(
                contract.line_ids.mapped("price_subtotal_monthly")
            )

    @api.depends("next_billing_date", "state")
    def _compute_billing_hold(self):
        """A contract is held while the latest billing run that reached it
        held it for a period not billed since (CON-05); one read for the
        recordset."""
        self.billing_hold_reason = False
        self.billing_held_since = False
        contracts = self.filtered(lambda c: c.id and c.state == "active")
        if not contracts:
            return
        issues = (
            self.env["service.billing.run.issue"]
            .sudo()
            .search_read(
                [("contract_id", "in", contracts.ids)],
                ["contract_id", "kind", "period_start", "message", "create_date"],
                order="id desc",
                load=False,
            )
        )
        by_contract = {}
        for issue in issues:
            by_contract.setdefault(issue["contract_id"], []).append(issue)
        for contract in contracts:
            history = by_contract.get(contract.id)
            latest = history and history[0]
            if (
                not latest
                or latest["kind"] != "held"
                or not latest["period_start"]
                or not contract.next_billing_date
                or latest["period_start"] < contract.next_billing_date
            ):
                continue
            contract.billing_hold_reason = latest["message"]
            contract.billing_held_since = min(
                issue["create_date"]
                for issue in history
                if issue["kind"] == "held"
                and issue["period_start"] == latest["period_start"]
            )

    @api.depends("partner_id", "partner_invoice_id", "company_id")
    def _compute_fiscal_position_id(self):
        for contract in self:
            contract.fiscal_position_id = self._get_invoice_fiscal_position(
                contract.partner_invoice_id or contract.partner_id,
                contract.company_id or self.env.company,
            )

    def _compute_invoice_count(self):
        if not self.env["account.move"].has_access("read"):
            # staff without invoicing rights see the contract, not its invoices
            self.invoice_count = 0
            return
        counts = dict(
            self.env["account.move"]._read_group(
                [("service_contract_id", "in", self.ids)],
                ["service_contract_id"],
                ["__count"],
            )
        )
        for contract in self:
            contract.invoice_count = counts.get(contract, 0)

    def _compute_access_url(self):
        # covers: PRT-02
        for contract in self:
            contract.access_url = f"{contract._get_portal_url_prefix()}/{contract.id}"

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "End Date: %(contract)s cannot end before it starts.",
                        contract=contract.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "active" and not vals.get("next_billing_date"):
                vals["next_billing_date"] = vals.get("date_start")
        return super().create(vals_list)

    def _get_portal_url_prefix(self):
        return "/my/contracts"

    def _get_report_base_filename(self):
        # covers: BAS-06
        self.ensure_one()
        return self.env._("Contract %(number)s", number=self.name)

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------
    def action_confirm(self):
        self._service_check_transition("action_confirm", ("draft",))
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    self.env._(
                        "%(contract)s is not a draft.", contract=contract.display_name
                    )
                )
            if not contract.line_ids:
                raise UserError(
                    self.env._(
                        "Lines: %(contract)s has no line to bill.",
                        contract=contract.display_name,
                    )
                )
            contract._service_write_protected({"state": "waiting"})
            contract.action_request_approval()
        return True

    def _on_approval_approved(self):
        self.filtered(lambda c: c.state == "waiting")._activate()

    def _on_approval_rejected(self):
        self.filtered(lambda c: c.state == "waiting")._service_write_protected(
            {"state": "draft"}
        )

    def action_activate(self):
        """Activate without the approval trail: managers only."""
        self._service_check_transition(
            "action_activate", ("draft", "waiting", "suspended")
        )
        return self._activate()

    def _activate(self):
        for contract in self:
            contract._service_write_protected(
                {
                    "state": "active",
                    "next_billing_date": contract.next_billing_date
                    or contract.date_start,
                }
            )
        return True

    def action_suspend(self):
        self._service_check_transition("action_suspend", ("active",))
        self._service_write_protected({"state": "suspended"})
        return True

    def action_resume(self):
        self._service_check_transition("action_resume", ("suspended",))
        self._service_write_protected({"state": "active"})
        return True

    def action_end(self):
        self._service_check_transition("action_end", ("active", "suspended"))
        for contract in self:
            contract._service_write_protected(
                {
                    "state": "ended",
                    "date_end": contract.date_end or fields.Date.context_today(self),
                }
            )
        return True

    def action_cancel(self):
        self._service_check_transition("action_cancel", ("draft", "waiting"))
        self._service_write_protected({"state": "cancelled"})
        return True

    def _service_terminate(self, date, reason=False):
        """Terminate the contracts early: they run up to ``date`` included.

        The hook later addons use (a cancellation, CAN-02): billing stops after
        ``date`` because the contract's end moves there; a contract whose end
        is already past is ended at once, otherwise the daily job ends it.
        Commissions read ``terminated_on`` to claw back (AGT-03).
        """
        today = fields.Date.context_today(self)
        for contract in self:
            if contract.state not in ("active", "suspended", "waiting", "draft"):
                raise UserError(
                    self.env._(
                        "%(contract)s is already %(state)s: it cannot be "
                        "terminated again.",
                        contract=contract.display_name,
                        state=dict(
                            contract._fields["state"]._description_selection(self.env)
                        )[contract.state],
                    )
                )
            vals = {
                "date_end": min(contract.date_end or date, date),
                "terminated_on": date,
                "termination_reason": reason or False,
            }
            if date < today:
                vals["state"] = "ended"
            contract._service_write_protected(vals)
        return True

    def action_draft(self):
        self._service_check_transition("action_draft", ("waiting", "cancelled"))
        self._service_write_protected({"state": "draft"})
        self.action_reset_approval()
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("service_contract_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # ------------------------------------------------------------------
    # Billing
    # ------------------------------------------------------------------
    def _due_periods(self, date_until, limit=24):
        """Periods to bill up to ``date_until``: [(start, end, next_start)]."""
        self.ensure_one()
        due = []
        start = self.next_billing_date
        while start and len(due) < limit:
            if self.date_end and start > self.date_end:
                break
            if self.billing_period == "one_off":
                end = self.date_end or start
                next_start = None
            else:
                end = periods.period_end(
                    start, self.billing_period, self.align_to_calendar
                )
                next_start = end + timedelta(days=1)
            if self.date_end and end > self.date_end:
                end = self.date_end
            due_date = start if self.billing_mode == "advance" else end
            if due_date > date_until:
                break
            due.append((start, end, next_start))
            start = next_start
        return due

    # ------------------------------------------------------------------
    # Invoicing API: the one path from a contract to an invoice (issue 11).
    # Billing runs, settlements, cancellations' final invoices and credit
    # notes all build their moves here; addons extend these methods, never
    # copy them. See docs/api.md, "For addon developers".
    # ------------------------------------------------------------------
    def action_bill(self, date_until=None):
        """Bill these contracts now, up to ``date_until`` (default today):
        the public entry point for one contract (or a few), e.g. a
        cancellation's final invoice. Runs a billing run of the contracts
        alone, per company, with the same rules as the daily run (locks,
        exactly once, held periods, errors per contract); returns the runs,
        whose ``invoice_ids`` and ``issue_ids`` say what happened."""
        if not self.env.su and not self.env.user.has_group(
            "service_base.group_service_supervisor"
        ):
            raise UserError(self.env._("Only a Services supervisor runs billing."))
        date_until = fields.Date.to_date(date_until) or fields.Date.context_today(self)
        runs = self.env["service.billing.run"]
        for company in self.company_id:
            contracts = self.filtered(
                lambda c, company=company: c.company_id == company
            )
            run = runs.with_company(company).create(
                {
                    "company_id": company.id,
                    "date_until": date_until,
                    "post_invoices": True,
                }
            )
            with internal_switch(QUIET):
                run._run(contracts=contracts)
            runs |= run
        return runs

    def _get_invoice_journals(self, defaults=None):
        """Extension point, the one journal resolver: {contract id: the
        ``account.journal`` its invoices and credit notes go to}. The
        contract's own journal, else its company's first sales journal (one
        search per company for the whole recordset; ``defaults``, {company
        id: journal}, keeps them across calls, e.g. a billing run's
        batches)."""
        defaults = {} if defaults is None else defaults
        result = {}
        for contract in self:
            journal = contract.journal_id
            if not journal:
                company = contract.company_id
                if company.id not in defaults:
                    defaults[company.id] = self.env["account.journal"].search(
                        [("type", "=", "sale"), ("company_id", "=", company.id)],
                        limit=1,
                    )
                journal = defaults[company.id]
            if not journal:
                raise UserError(
                    self.env._(
                        "Invoice Journal: company %(company)s has no sales journal; "
                        "create one or set the journal on %(contract)s.",
                        company=contract.company_id.name,
                        contract=contract.display_name,
                    )
                )
            result[contract.id] = journal
        return result

    def _get_invoice_journal(self):
        self.ensure_one()
        return self._get_invoice_journals()[self.id]

    def _prepare_invoice(self, invoice_date, move_type="out_invoice", journal=None):
        """Extension point: header values of an invoice (or, with
        ``move_type="out_refund"``, a credit note) of this contract, without
        lines. Payment term, fiscal position and salesperson come from the
        contract, so every move of the suite carries them alike."""
        self.ensure_one()
        journal = journal or self._get_invoice_journal()
        return {
            "move_type": move_type,
            "partner_id": (self.partner_invoice_id or self.partner_id).id,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "currency_id": self.currency_id.id,
            "invoice_date": invoice_date,
            "invoice_payment_term_id": self.payment_term_id.id,
            "fiscal_position_id": self.fiscal_position_id.id,
            "invoice_origin": self.name,
            "invoice_user_id": self.user_id.id,
            "service_contract_id": self.id,
        }

    def _prepare_invoice_lines(self, start, end, inputs=None, previous=None):
        """Extension point: invoice line values of the period [start, end]:
        the advance when the contract bills advances, else every line due in
        the period (by its fee method or formula), taxes mapped by the
        fiscal position. ``inputs`` maps (line id, period start) to {input:
        value} (default: read them), ``previous`` a formula line id to its
        last billed amount. Returns (line values, hold reason or None): a
        reason names the missing inputs and holds the period."""
        self.ensure_one()
        if self.advance_amount:
            return [self._advance_invoice_line(start, end)], None
        if inputs is None:
            inputs = self.line_ids._get_period_inputs()
        return self._period_invoice_lines(start, end, inputs, previous or {})

    @api.model
    def _get_invoice_fiscal_position(self, partner, company):
        """The fiscal position Odoo gives ``partner`` in ``company`` (the
        partner's own, or the one found by country and VAT)."""
        if not partner:
            return self.env["account.fiscal.position"]
        return (
            self.env["account.fiscal.position"]
            .with_company(company)
            ._get_fiscal_position(partner)
        )

    def _map_invoice_taxes(self, taxes, fiscal_position=None):
        """Extension point, the one place taxes meet the fiscal position: the
        taxes a line of a move of the suite carries instead of ``taxes`` (the
        product's or the contract line's). Odoo maps taxes only when it
        computes them itself; the suite passes them explicitly, so every
        invoice, credit note and bill it creates maps them here: with the
        contract's fiscal position, or ``fiscal_position`` (moves without a
        contract, called on an empty recordset)."""
        if fiscal_position is None:
            self.ensure_one()
            fiscal_position = self.fiscal_position_id
        return fiscal_position.map_tax(taxes)

    def _period_invoice_lines(self, start, end, inputs, previous):
        """Invoice line values of the contract lines over [start, end].

        ``inputs`` maps (line id, period start) to {input: value}; returns
        (line values, hold reason or None)."""
        self.ensure_one()
        full_days = (
            (end - start).days + 1
            if self.billing_period == "one_off"
            else periods.days_in_period(
                start, self.billing_period, self.align_to_calendar
            )
        )
        lines = []
        for line in self.line_ids:
            if line.billing_period and line.billing_period != self.billing_period:
                line_periods = line._own_periods(start, end)
            else:
                line_periods = [(start, end, full_days)]
            for line_start, line_end, line_days in line_periods:
                values, reason = line._period_amount(
                    line_start,
                    line_end,
                    line_days,
                    inputs.get((line.id, line_start), {}),
                    previous.get(line.id),
                )
                if reason:
                    return [], reason
                if values:
                    lines.append(values)
        return lines, None

    def _customer_env(self):
        """The environment in the language of the customer the contract
        invoices: what he reads on his invoices (issue 17)."""
        self.ensure_one()
        partner = self.partner_invoice_id or self.partner_id
        return self.with_context(lang=partner.lang or self.env.lang).env

    def _period_label(self, start, end):
        """A billed period as the customer reads it: dates in his language's
        format, not ISO (issue 17)."""
        env = self._customer_env()
        return f"{format_date(env, start)} - {format_date(env, end)}"

    def _settlement_line(self, since, until, actual, advances, amount):
        self.ensure_one()
        product = self.advance_product_id
        env = self._customer_env()
        return {
            "product_id": product.id,
            "name": env._(
                "Settlement %(since)s - %(until)s: actual %(actual)s, advances "
                "%(advances)s",
                since=format_date(env, since),
                until=format_date(env, until),
                actual=round(actual, 2),
                advances=round(advances, 2),
            ),
            "quantity": 1.0,
            "price_unit": amount,
            "tax_ids": [
                (
                    6,
                    0,
                    self._map_invoice_taxes(
                        product.taxes_id._filter_taxes_by_company(self.company_id)
                    ).ids,
                )
            ],
        }

    def _advance_invoice_line(self, start, end):
        self.ensure_one()
        product = self.advance_product_id
        if not product:
            raise UserError(
                self.env._(
                    "Advance Service: %(contract)s bills advances and needs the "
                    "service used on advance invoices.",
                    contract=self.display_name,
                )
            )
        return {
            "product_id": product.id,
            "name": self._customer_env()._(
                "Advance %(start)s - %(end)s",
                start=format_date(self._customer_env(), start),
                end=format_date(self._customer_env(), end),
            ),
            "quantity": 1.0,
            "price_unit": self.advance_amount,
            "tax_ids": [
                (
                    6,
                    0,
                    self._map_invoice_taxes(
                        product.taxes_id._filter_taxes_by_company(self.company_id)
                    ).ids,
                )
            ],
            "service_advance_contract_id": self.id,
            "service_period_start": start,
            "service_period_end": end,
        }

    # ------------------------------------------------------------------
    # Renewal and indexation (CON-06)
    # ------------------------------------------------------------------
    def action_renew(self):
        """Renew now, whatever the date: the end date moves by the renewal
        term and prices are indexed when indexation applies at renewal."""
        if not self.env.user.has_group("service_base.group_service_supervisor"):
            raise UserError(self.env._("Only a Services supervisor renews contracts."))
        for contract in self:
            if contract.state not in ("active", "suspended"):
                raise UserError(
                    self.env._(
                        "%(contract)s is not running: only active or suspended "
                        "contracts are renewed.",
                        contract=contract.display_name,
                    )
                )
            if contract.terminated_on:
                raise UserError(
                    self.env._(
                        "Terminated On: %(contract)s is terminated on %(date)s; a "
                        "terminated contract is not renewed. Make a new contract "
                        "instead.",
                        contract=contract.display_name,
                        date=contract.terminated_on,
                    )
                )
            contract._renew()
        return True

    def _renew(self):
        self.ensure_one()
        base = self.date_end or fields.Date.context_today(self)
        new_end = periods.add_term(
            base, self.renewal_months or 12, self.renewal_unit or "months"
        )
        if self.indexation != "none" and self.indexation_on == "renewal":
            self._apply_indexation(base)
        self._service_write_protected(
            {"date_end": new_end, "renewal_reminded_for": False}
        )
        self.message_post(
            body=self.env._(
                "Renewed until %(date)s.", date=fields.Date.to_string(new_end)
            )
        )

    def _indexation_factor(self, date):
        self.ensure_one()
        if self.indexation == "percentage":
            return 1 + self.indexation_rate / 100.0
        if self.indexation == "index":
            if not self.index_id:
                raise UserError(
                    self.env._(
                        "Price Index: %(contract)s is indexed on an index; choose it.",
                        contract=self.display_name,
                    )
                )
            return self.index_id._factor(
                self.last_indexation_date or self.date_start, date
            )
        return 1.0

    def _apply_indexation(self, date):
        """Index every line price (kept as history by the lines' audit)."""
        self.ensure_one()
        factor = self._indexation_factor(date)
        if factor != 1.0:
            for line in self.line_ids:
                line.price_unit = self.currency_id.round(line.price_unit * factor)
            if self.advance_amount:
                self.advance_amount = self.currency_id.round(
                    self.advance_amount * factor
                )
        self._service_write_protected({"last_indexation_date": date})
        self.message_post(
            body=self.env._(
                "Prices indexed by %(percent)s %% on %(date)s.",
                percent=round((factor - 1) * 100, 4),
                date=fields.Date.to_string(date),
            )
        )

    @api.model
    def _cron_renewals(self, today=None):
        """Daily: remind before the end, renew automatic contracts that reach
        their end, index on anniversaries. Safe to run twice a day.

        Each contract is worked in its own savepoint: one that fails (e.g.
        indexed on an index without a value) is rolled back alone, its error
        is left on it as an exception activity for its responsible, and the
        other contracts of every company are processed (issue 16).
        """
        today = today or fields.Date.context_today(self)
        running = [("state", "in", ("active", "suspended"))]
        exception = self.env.ref("mail.mail_activity_data_warning")

        def isolated(contract, step, work):
            try:
                with self.env.cr.savepoint():
                    work()
            except Exception as error:
                _logger.exception("Renewal job: %s of %s failed", step, contract.name)
                summary = self.env._("Renewal job: %(step)s failed", step=step)
                if not contract.activity_ids.filtered(
                    lambda a: a.activity_type_id == exception and a.summary == summary
                ):
                    contract.activity_schedule(
                        activity_type_id=exception.id,
                        summary=summary,
                        note=str(error),
                        user_id=(contract.user_id or self.env.user).id,
                    )
                return False
            return True

        # reminders, once per end date
        # only the contracts inside their reminder window are loaded, not every
        # contract with an end date
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT id FROM service_contract
             WHERE state IN ('active', 'suspended') AND date_end IS NOT NULL
               AND terminated_on IS NULL
               AND date_end - COALESCE(renewal_reminder_days, 0) <= %s
               AND (renewal_reminded_for IS NULL OR renewal_reminded_for != date_end)
            """,
            [today],
        )
        to_remind = self.browse([row[0] for row in self.env.cr.fetchall()])
        template = self.env.ref("service_contract.mail_template_contract_renewal")
        todo = self.env.ref("mail.mail_activity_data_todo")
        modes = dict(self._fields["renewal_mode"]._description_selection(self.env))
        reminded = self.browse()
        for contract in to_remind:

            def remind(contract=contract):
                contract.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=max(today, contract.date_end - relativedelta(days=1)),
                    summary=self.env._(
                        "%(contract)s ends on %(date)s (%(mode)s)",
                        contract=contract.name,
                        date=contract.date_end,
                        mode=modes[contract.renewal_mode],
                    ),
                    user_id=(contract.user_id or self.env.user).id,
                )
                contract._service_write_protected(
                    {"renewal_reminded_for": contract.date_end}
                )

            if isolated(contract, self.env._("reminder"), remind):
                reminded |= contract
        to_mail = reminded.filtered(lambda c: c.partner_id.email)
        try:
            with self.env.cr.savepoint():
                template.send_mail_batch(to_mail.ids)
        except Exception:
            # one bad contract must not cost the others their e-mail
            for contract in to_mail:
                isolated(
                    contract,
                    self.env._("reminder e-mail"),
                    lambda contract=contract: template.send_mail_batch(contract.ids),
                )
        # automatic renewal at the end date; the others end, and a terminated
        # contract is never renewed, whatever its renewal mode
        reached = self.search([*running, ("date_end", "<", today)])
        for contract in reached:
            if contract.terminated_on or contract.renewal_mode == "none":
                isolated(
                    contract,
                    self.env._("end"),
                    lambda contract=contract: contract._service_write_protected(
                        {"state": "ended"}
                    ),
                )
            elif contract.renewal_mode == "auto":
                isolated(contract, self.env._("renewal"), contract._renew)
        # anniversary indexation
        for contract in self.search(
            [
                *running,
                ("indexation", "!=", "none"),
                ("indexation_on", "=", "anniversary"),
            ]
        ):
            last = contract.last_indexation_date or contract.date_start
            if last + relativedelta(years=1) <= today:
                isolated(
                    contract,
                    self.env._("indexation"),
                    lambda contract=contract, last=last: contract._apply_indexation(
                        last + relativedelta(years=1)
                    ),
                )

    # ------------------------------------------------------------------
    # Advances and settlement (CON-08)
    # ------------------------------------------------------------------
    def action_settle(self):
        if not self.env.user.has_group("service_base.group_service_supervisor"):
            raise UserError(self.env._("Only a Services supervisor settles contracts."))
        return self._settle()

    def _settle(self, date=None, billing_run=None):
        """Invoice (or credit) actual consumption minus advances billed, from
        the last settlement up to the settlement date.

        A period whose formula inputs are missing stops the settlement with
        ``SettlementHeld`` (a ``UserError`` naming the missing inputs): the
        billing run records it as held, never as an error (CON-05)."""
        moves = self.env["account.move"]
        for contract in self:
            until = date or contract.settlement_date
            if not until:
                raise UserError(
                    self.env._(
                        "Settlement Date: set it on %(contract)s first.",
                        contract=contract.display_name,
                    )
                )
            since = contract.last_settlement_date or contract.date_start
            inputs = contract.line_ids._get_period_inputs()
            actual, start = 0.0, since
            while start <= until:
                end = (
                    periods.period_end(
                        start, contract.billing_period, contract.align_to_calendar
                    )
                    if contract.billing_period != "one_off"
                    else until
                )
                end = min(end, until)
                lines, reason = contract._period_invoice_lines(start, end, inputs, {})
                if reason:
                    raise SettlementHeld(
                        self.env._(
                            "%(contract)s cannot be settled: %(reason)s.",
                            contract=contract.display_name,
                            reason=reason,
                        ),
                        period_start=start,
                    )
                actual += sum(
                    line["quantity"]
                    * line["price_unit"]
                    * (1 - line.get("discount", 0.0) / 100.0)
                    for line in lines
                )
                start = end + relativedelta(days=1)
            self.env["account.move.line"].flush_model()
            self.env.cr.execute(
                """
                SELECT COALESCE(SUM(price_subtotal), 0) FROM account_move_line
                 WHERE service_advance_contract_id = %s AND parent_state = 'posted'
                   AND service_period_start >= %s AND service_period_start <= %s
                """,
                [contract.id, since, until],
            )
            advances = self.env.cr.fetchone()[0]
            difference = contract.currency_id.round(actual - advances)
            if not contract.currency_id.is_zero(difference):
                values = contract._prepare_invoice(
                    until, "out_invoice" if difference > 0 else "out_refund"
                )
                values["service_billing_run_id"] = (
                    billing_run.id if billing_run else False
                )
                values["invoice_line_ids"] = [
                    (
                        0,
                        0,
                        contract._settlement_line(
                            since, until, actual, advances, abs(difference)
                        ),
                    )
                ]
                move = self.env["account.move"].create(values)
                move.action_post()
                moves |= move
            contract._service_write_protected(
                {"last_settlement_date": until, "settlement_date": False}
            )
            contract.message_post(
                body=self.env._(
                    "Settled up to %(date)s: actual %(actual)s, advances %(advances)s.",
                    date=fields.Date.to_string(until),
                    actual=round(actual, 2),
                    advances=round(advances, 2),
                )
            )
        return moves
