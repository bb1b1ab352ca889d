# covers: CAN-01, CAN-02, CAN-03
import logging
from contextlib import contextmanager
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.service_catalog.tools import periods
from odoo.addons.service_catalog.tools.periods import TERM_UNITS

_logger = logging.getLogger(__name__)


class ServiceCancellation(models.Model):
    """A cancellation request (disdetta) for a whole contract or some of its
    lines, raised by staff or by the customer in the portal.

    draft -> waiting (approval) -> approved (scheduled: billing already stops
    at the effective date) -> done (applied on the effective date: credit
    note, final invoice, items removed, visits cancelled); or retained (an
    accepted retention offer amended the contract), refused or cancelled.
    """

    _name = "service.cancellation"
    _description = "Service Cancellation"
    _inherit = [
        "service.approval.mixin",
        "portal.mixin",
        "service.numbering.mixin",
    ]
    _numbering_code = "service.cancellation"
    _order = "id desc"
    _check_company_auto = True
    _approval_amount_field = "amount_monthly"
    # covers: CAN-01, CAN-02, API-01 (the outcome only through the actions)
    _service_protected_fields = (
        "state",
        "date_scheduled",
        "retention_outcome",
        "credit_note_id",
        "final_invoice_ids",
        "date_done",
        "letter_sent",
    )
    _service_transitions = {
        "action_submit": "service_base.group_service_user",
        "action_withdraw": "service_base.group_service_user",
        "action_draft": "service_base.group_service_user",
        "action_retention_offer": "service_base.group_service_user",
        "action_retention_refused": "service_base.group_service_user",
        "action_retention_accepted": "service_base.group_service_user",
        "action_apply": "service_base.group_service_supervisor",
        "action_send_letter": "service_base.group_service_user",
    }
    _service_field_bounds = {"notice_days": (0, 3660), "offer_discount": (0, 100)}

    _name_company_uniq = models.Constraint(
        "UNIQUE (company_id, name)",
        "Number: already used in this company.",
    )
    # One cancellation waiting or scheduled per contract (so per line, and
    # per whole contract): two submissions at the same moment, staff or
    # portal, cannot both succeed and credit the same days twice.
    _one_open_per_contract = models.UniqueIndex(
        "(contract_id) WHERE state IN ('waiting', 'approved')",
        "Contract: it already has a cancellation waiting for approval or "
        "scheduled; withdraw that one or wait for its outcome.",
    )

    name = fields.Char(
        "Number", required=True, copy=False, readonly=True, default="/", index=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("waiting", "Waiting Approval"),
            ("approved", "Scheduled"),
            ("done", "Done"),
            ("retained", "Retained"),
            ("refused", "Refused"),
            ("cancelled", "Withdrawn"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    contract_id = fields.Many2one(
        "service.contract",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        domain="[('state', 'in', ('active', 'suspended'))]",
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    partner_id = fields.Many2one(
        related="contract_id.partner_id",
        string="Customer",
        store=True,
        index=True,
        precompute=True,
    )
    user_id = fields.Many2one(
        related="contract_id.user_id",
        string="Salesperson",
        store=True,
        precompute=True,
    )
    scope = fields.Selection(
        [("contract", "Whole contract"), ("lines", "Some lines")],
        default="contract",
        required=True,
        tracking=True,
    )
    line_ids = fields.Many2many(
        "service.contract.line",
        "service_cancellation_line_rel",
        "cancellation_id",
        "line_id",
        string="Cancelled Lines",
        check_company=True,
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('contract_id', '=', contract_id)]",
        help="The services that stop: every line for a whole contract.",
    )
    origin = fields.Selection(
        [("staff", "Staff"), ("portal", "Customer portal")],
        default="staff",
        required=True,
        readonly=True,
    )
    reason_id = fields.Many2one(
        "service.cancellation.reason",
        required=True,
        check_company=True,
        tracking=True,
    )
    reason_note = fields.Text("Customer's Words")
    request_ids = fields.Many2many(
        "service.request",
        string="Linked Complaints",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
        help="Requests and complaints that led the customer to leave.",
    )
    date_received = fields.Date(
        "Received On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    notice_days = fields.Integer(
        "Notice Period",
        compute="_compute_notice_days",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Number of days, weeks or months (see the unit); from the contract.",
    )
    notice_unit = fields.Selection(
        TERM_UNITS,
        compute="_compute_notice_days",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    align_to_period = fields.Boolean(
        "End with the Billing Period",
        help="Open-ended contracts: the cancellation takes effect at the end of "
        "the billing period in which the notice expires.",
    )
    date_effective_computed = fields.Date(
        "Effective Date by the Terms",
        compute="_compute_date_effective_computed",
        store=True,
    )
    date_effective_override = fields.Date(
        "Effective Date Set By Hand",
        tracking=True,
        copy=False,
        help="A supervisor may set another last day, with a reason.",
    )
    override_reason = fields.Char(tracking=True, copy=False)
    date_effective = fields.Date(
        "Effective Date",
        compute="_compute_date_effective",
        store=True,
        index=True,
        tracking=True,
        help="The last day the cancelled services run and are billed.",
    )
    date_scheduled = fields.Date(
        "Scheduled For",
        readonly=True,
        copy=False,
        help="The effective date frozen on approval: the contract's own dates "
        "move then, the cancellation's date does not.",
    )
    amount_monthly = fields.Monetary(
        "Lost Monthly Revenue",
        compute="_compute_amount_monthly",
        store=True,
        help="Untaxed revenue per month of the cancelled lines.",
    )

    # retention (CAN-02)
    offer_type = fields.Selection(
        [
            ("none", "No offer"),
            ("discount", "Discount"),
            ("downgrade", "Downgrade to another service"),
        ],
        string="Retention Offer",
        default="none",
        required=True,
        tracking=True,
    )
    offer_discount = fields.Float("Offered Discount (%)", digits="Discount")
    offer_product_id = fields.Many2one(
        "product.product",
        string="Offered Service",
        check_company=True,
        domain=[("type", "=", "service")],
    )
    offer_note = fields.Text()
    retention_outcome = fields.Selection(
        [("pending", "Pending"), ("accepted", "Accepted"), ("refused", "Refused")],
        tracking=True,
        copy=False,
    )

    # applying (CAN-02)
    # invoices are shown to those who may read them (billing supervisors)
    credit_note_id = fields.Many2one(
        "account.move",
        readonly=True,
        copy=False,
        check_company=True,
        groups="account.group_account_invoice",
    )
    final_invoice_ids = fields.Many2many(
        "account.move",
        "service_cancellation_final_invoice_rel",
        "cancellation_id",
        "move_id",
        string="Final Invoices",
        readonly=True,
        copy=False,
        check_company=True,
        groups="account.group_account_invoice",
    )
    date_done = fields.Date("Applied On", readonly=True, copy=False)
    letter_sent = fields.Boolean(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("contract_id", "scope")
    def _compute_line_ids(self):
        for cancellation in self:
            if cancellation.scope == "contract":
                cancellation.line_ids = cancellation.contract_id.line_ids
            else:
                cancellation.line_ids = cancellation.line_ids.filtered(
                    lambda line, c=cancellation: line.contract_id == c.contract_id
                )

    @api.depends("contract_id")
    def _compute_notice_days(self):
        for cancellation in self:
            cancellation.notice_days = cancellation.contract_id.notice_days
            cancellation.notice_unit = cancellation.contract_id.notice_unit or "days"

    @api.depends(
        "date_received",
        "notice_days",
        "notice_unit",
        "align_to_period",
        "contract_id.date_end",
        "contract_id.renewal_mode",
        "contract_id.renewal_months",
        "contract_id.renewal_unit",
    )
    def _compute_date_effective_computed(self):
        for cancellation in self:
            cancellation.date_effective_computed = (
                cancellation._effective_date_by_terms()
            )

    @api.depends("date_effective_computed", "date_effective_override", "date_scheduled")
    def _compute_date_effective(self):
        for cancellation in self:
            cancellation.date_effective = (
                cancellation.date_scheduled
                or cancellation.date_effective_override
                or cancellation.date_effective_computed
            )

    @api.depends("line_ids.price_subtotal_monthly")
    def _compute_amount_monthly(self):
        for cancellation in self:
            cancellation.amount_monthly = sum(
                cancellation.line_ids.mapped("price_subtotal_monthly")
            )

    def _effective_date_by_terms(self):
        """The last day the cancelled services run, by the contract's terms.

        The notice expires on ``earliest = received + notice days``.

        * Fixed term (the contract has an end date):

          - it renews automatically: a notice expiring by the end of the
            current term stops the renewal and the contract ends at that end
            date (the customer is bound until then); a notice expiring after
            it came too late: the contract renews and ends at the end of the
            next term (end + renewal months, repeated until the notice has
            expired);
          - it does not renew automatically (ends at its end date, or renews
            only when a supervisor decides): the customer leaves early, on
            the earliest date, never later than the end date.
        * Open-ended: the earliest date, or, with "End with the Billing
          Period", the last day of the billing period holding it.

        A supervisor may override the result (``date_effective_override``)
        with a reason.
        """
        self.ensure_one()
        contract = self.contract_id
        if not contract or not self.date_received:
            return False
        earliest = periods.add_term(
            self.date_received, self.notice_days, self.notice_unit or "days"
        )
        if contract.date_end:
            if contract.renewal_mode != "auto":
                return min(earliest, contract.date_end)
            term_end = contract.date_end
            while term_end < earliest:
                # term by term, as the renewals themselves move the end
                term_end = periods.add_term(
                    term_end,
                    contract.renewal_months or 12,
                    contract.renewal_unit or "months",
                )
            return term_end
        if not self.align_to_period or contract.billing_period == "one_off":
            return earliest
        start = contract.date_start
        while True:
            end = periods.period_end(
                start, contract.billing_period, contract.align_to_calendar
            )
            if end >= earliest:
                return end
            start = end + timedelta(days=1)

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("date_effective_override", "override_reason")
    def _check_override_reason(self):
        for cancellation in self:
            if cancellation.date_effective_override and not (
                (cancellation.override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Override Reason: %(cancellation)s has an effective date "
                        "set by hand; say why.",
                        cancellation=cancellation.display_name,
                    )
                )

    @api.constrains("scope", "line_ids", "contract_id")
    def _check_lines(self):
        for cancellation in self:
            if cancellation.scope == "lines" and not cancellation.line_ids:
                raise ValidationError(
                    self.env._(
                        "Cancelled Lines: %(cancellation)s cancels some lines; "
                        "choose at least one.",
                        cancellation=cancellation.display_name,
                    )
                )
            if cancellation.line_ids.contract_id - cancellation.contract_id:
                raise ValidationError(
                    self.env._(
                        "Cancelled Lines: every line of %(cancellation)s must "
                        "belong to contract %(contract)s.",
                        cancellation=cancellation.display_name,
                        contract=cancellation.contract_id.display_name,
                    )
                )

    @api.constrains("offer_type", "offer_discount", "offer_product_id")
    def _check_offer(self):
        for cancellation in self:
            if cancellation.offer_type == "discount" and not (
                0 < cancellation.offer_discount <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "Offered Discount (%%): between 0 and 100 for the "
                        "discount offered on %(cancellation)s.",
                        cancellation=cancellation.display_name,
                    )
                )
            if cancellation.offer_type == "downgrade" and not (
                cancellation.offer_product_id
            ):
                raise ValidationError(
                    self.env._(
                        "Offered Service: choose the service offered instead on "
                        "%(cancellation)s.",
                        cancellation=cancellation.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cancellations = super().create(vals_list)
        for cancellation in cancellations:
            if cancellation.contract_id.state not in ("active", "suspended"):
                raise UserError(
                    self.env._(
                        "Contract: %(contract)s is not running; only active or "
                        "suspended contracts are cancelled.",
                        contract=cancellation.contract_id.display_name,
                    )
                )
        return cancellations

    def write(self, vals):
        if (
            "date_effective_override" in vals
            and not self.env.su
            and not self.env.user.has_group("service_base.group_service_supervisor")
        ):
            raise UserError(
                self.env._(
                    "Effective Date Set By Hand: only a Services supervisor "
                    "overrides the effective date."
                )
            )
        if "date_effective_override" in vals and self.filtered(
            lambda c: c.state in ("approved", "done")
        ):
            raise UserError(
                self.env._(
                    "Effective Date Set By Hand: the cancellation is already "
                    "scheduled; withdraw it and raise a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for cancellation in self:
            if cancellation.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(cancellation)s is %(state)s: only draft or withdrawn "
                        "cancellations are deleted.",
                        cancellation=cancellation.display_name,
                        state=cancellation._state_label(),
                    )
                )

    def _compute_access_url(self):
        # the customer follows his cancellation on his contract's portal page
        for cancellation in self:
            cancellation.access_url = (
                f"/my/contracts/{cancellation.contract_id.id}"
                f"#cancellation-{cancellation.id}"
            )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Cancellation %(number)s", number=self.name)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_state(self, states, action):
        for cancellation in self:
            if cancellation.state not in states:
                raise UserError(
                    self.env._(
                        "%(cancellation)s is %(state)s: it cannot be %(action)s.",
                        cancellation=cancellation.display_name,
                        state=cancellation._state_label(),
                        action=action,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send for approval (a supervisor, by the company's approval rule)."""
        self._service_check_transition("action_submit")
        self._check_state(("draft",), self.env._("submitted"))
        for cancellation in self:
            cancellation._ensure_default_rule()
            if cancellation.contract_id.service_cancellation_ids.filtered(
                lambda c, current=cancellation: (
                    c != current and c.state in ("waiting", "approved")
                )
            ):
                raise UserError(
                    self.env._(
                        "Contract: %(contract)s already has a cancellation "
                        "waiting or scheduled.",
                        contract=cancellation.contract_id.display_name,
                    )
                )
            ended = self.search(
                [
                    ("line_ids", "in", cancellation.line_ids.ids),
                    ("state", "in", ("approved", "done")),
                ],
                limit=1,
            )
            if ended:
                raise UserError(
                    self.env._(
                        "Cancelled Lines: %(lines)s already end by %(other)s; "
                        "remove them from %(cancellation)s.",
                        lines=", ".join(
                            (cancellation.line_ids & ended.line_ids).mapped("name")
                        ),
                        other=ended.name,
                        cancellation=cancellation.display_name,
                    )
                )
            with cancellation._guard_one_open():
                cancellation._service_write_protected({"state": "waiting"})
        self.action_request_approval()
        return True

    @contextmanager
    def _guard_one_open(self):
        """The check above reads this transaction's snapshot; another worker
        may have submitted one for the same contract meanwhile. The unique
        index decides, and the loser gets the same clear refusal."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                yield
                self.flush_recordset(["state"])
        except psycopg2.errors.UniqueViolation:
            raise UserError(
                self.env._(
                    "Contract: %(contract)s already has a cancellation "
                    "waiting or scheduled.",
                    contract=self.contract_id.display_name,
                )
            ) from None

    def action_withdraw(self):
        """The customer or staff drops the request before it is approved."""
        self._service_check_transition("action_withdraw")
        self._check_state(("draft", "waiting"), self.env._("withdrawn"))
        self.filtered(lambda c: c.approval_state != "draft").sudo().write(
            {"approval_state": "draft", "approval_level_id": False}
        )
        self._approval_close_activities()
        self._service_write_protected({"state": "cancelled"})
        return True

    def action_draft(self):
        self._service_check_transition("action_draft")
        self._check_state(("refused", "cancelled"), self.env._("reset to draft"))
        self.action_reset_approval()
        self._service_write_protected({"state": "draft"})
        return True

    def action_retention_offer(self):
        """Record that an offer was made: the outcome is pending."""
        self._service_check_transition("action_retention_offer")
        self._check_state(("draft", "waiting"), self.env._("offered retention"))
        for cancellation in self:
            if cancellation.offer_type == "none":
                raise UserError(
                    self.env._(
                        "Retention Offer: choose the offer made on %(cancellation)s.",
                        cancellation=cancellation.display_name,
                    )
                )
        self._service_write_protected({"retention_outcome": "pending"})
        return True

    def action_retention_refused(self):
        self._service_check_transition("action_retention_refused")
        self._check_state(("draft", "waiting"), self.env._("marked refused"))
        self._service_write_protected({"retention_outcome": "refused"})
        return True

    def action_retention_accepted(self):
        """The customer stays: the offer amends the cancelled lines (the
        contract lines keep the amendment in their history) and the
        cancellation ends as retained, the contract running on."""
        self._service_check_transition("action_retention_accepted")
        self._check_state(("draft", "waiting"), self.env._("retained"))
        for cancellation in self:
            if cancellation.offer_type == "none":
                raise UserError(
                    self.env._(
                        "Retention Offer: %(cancellation)s records no offer; "
                        "choose a discount or a downgrade first.",
                        cancellation=cancellation.display_name,
                    )
                )
            cancellation.check_access("write")
            lines = cancellation.line_ids
            if cancellation.offer_type == "discount":
                lines.write({"discount": cancellation.offer_discount})
            else:
                lines.write({"product_id": cancellation.offer_product_id.id})
            cancellation.contract_id.message_post(
                body=self.env._(
                    "Retention offer accepted (%(cancellation)s): %(offer)s.",
                    cancellation=cancellation.name,
                    offer=cancellation._offer_summary(),
                )
            )
        self.filtered(lambda c: c.approval_state == "pending").sudo().write(
            {"approval_state": "draft", "approval_level_id": False}
        )
        self._approval_close_activities()
        self._service_write_protected(
            {"state": "retained", "retention_outcome": "accepted"}
        )
        return True

    def action_apply(self):
        """Apply now the scheduled cancellations whose effective date has
        come (the daily job does it otherwise)."""
        if not self.env.user.has_group("service_base.group_service_supervisor"):
            raise UserError(
                self.env._("Only a Services supervisor applies cancellations.")
            )
        self._service_check_transition("action_apply")
        self._check_state(("approved",), self.env._("applied"))
        today = fields.Date.context_today(self)
        for cancellation in self:
            if cancellation.date_effective > today:
                raise UserError(
                    self.env._(
                        "Effective Date: %(cancellation)s takes effect on "
                        "%(date)s; it is applied from that day.",
                        cancellation=cancellation.display_name,
                        date=cancellation.date_effective,
                    )
                )
        self.check_access("write")
        self.sudo()._apply_locked()
        return True

    def action_send_letter(self):
        """E-mail the cancellation letter (PDF attached) to the customer, in
        his language, and keep it in the chatter."""
        self._service_check_transition("action_send_letter")
        self._check_state(
            ("approved", "done", "retained"), self.env._("confirmed by letter")
        )
        template = self.env.ref("service_cancellation.mail_template_cancellation")
        for cancellation in self:
            if not cancellation.partner_id.email:
                raise UserError(
                    self.env._(
                        "Customer: %(customer)s has no e-mail address; add it, or "
                        "print the letter.",
                        customer=cancellation.partner_id.display_name,
                    )
                )
            cancellation.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )
        self._service_write_protected({"letter_sent": True})
        return True

    def action_print_letter(self):
        return self.env.ref(
            "service_cancellation.action_report_service_cancellation"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Approval hooks
    # ------------------------------------------------------------------
    def _approval_default_rule_values(self, company):
        """Every company gets a one-level rule (a supervisor approves) the
        first time one of its cancellations is submitted; managers may edit
        it under Services > Configuration > Approval Rules."""
        return {
            "name": self.env._("Cancellation"),
            "level_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": 10,
                        "name": self.env._("Supervisor"),
                        "group_id": self.env.ref(
                            "service_base.group_service_supervisor"
                        ).id,
                    },
                )
            ],
        }

    def _on_approval_approved(self):
        """Schedule: the cancelled services stop at the effective date at
        once, so no billing run bills beyond it; the rest is applied on that
        date (see ``_apply``)."""
        for cancellation in self:
            if cancellation.state != "waiting":
                continue
            cancellation = cancellation.sudo()
            # scheduled first: the effective date is frozen before the
            # contract's end date moves
            cancellation.write(
                {"state": "approved", "date_scheduled": cancellation.date_effective}
            )
            reason = f"{cancellation.name}: {cancellation.reason_id.name}"
            if cancellation.scope == "contract":
                cancellation.contract_id._service_terminate(
                    cancellation.date_effective, reason
                )
            else:
                for line in cancellation.line_ids:
                    line.date_end = min(
                        line.date_end or cancellation.date_effective,
                        cancellation.date_effective,
                    )
                cancellation.contract_id.message_post(
                    body=self.env._(
                        "%(lines)s end on %(date)s (%(reason)s).",
                        lines=", ".join(cancellation.line_ids.mapped("name")),
                        date=cancellation.date_effective,
                        reason=reason,
                    )
                )

    def _on_approval_rejected(self):
        self.filtered(lambda c: c.state == "waiting")._service_write_protected(
            {"state": "refused"}
        )

    # ------------------------------------------------------------------
    # Applying on the effective date (CAN-02)
    # ------------------------------------------------------------------
    @api.model
    def _cron_apply(self, today=None):
        """Daily: apply the scheduled cancellations whose effective date has
        come. Safe to run twice, or on two workers at once: each run locks
        the rows it applies and skips those another worker holds."""
        today = today or fields.Date.context_today(self)
        due = self.search([("state", "=", "approved"), ("date_effective", "<=", today)])
        # commit each one only inside the scheduler's job (never in a caller's
        # transaction); one failing cancellation never stops the others
        due._apply_locked(cron=bool(self.env.context.get("cron_id")))

    def _apply_locked(self, cron=False):
        if not self:
            return
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT id FROM service_cancellation
             WHERE id = ANY(%s) AND state = 'approved'
             ORDER BY id
               FOR UPDATE SKIP LOCKED
            """,
            [self.ids],
        )
        locked = self.browse([row[0] for row in self.env.cr.fetchall()])
        for cancellation in locked:
            if not cron:
                cancellation._apply()
                continue
            try:
                with self.env.cr.savepoint():
                    cancellation._apply()
            except (UserError, ValidationError) as error:
                _logger.warning(
                    "Cancellation %s not applied: %s", cancellation.name, error
                )
                cancellation.message_post(
                    body=self.env._(
                        "Not applied on its effective date: %(error)s",
                        error=str(error),
                    )
                )
            self.env["ir.cron"]._commit_progress(1)

    def _apply(self):
        """Billing stops (already, since the approval), prepaid days beyond
        the effective date are credited, what is still due up to it is
        invoiced, the items of the cancelled lines are removed and their
        future visits cancelled; a whole contract ends."""
        self.ensure_one()
        effective = self.date_effective
        contract = self.contract_id.with_company(self.company_id)
        final_invoices = self._bill_final(contract, effective)
        credit_note = self.credit_note_id or self._credit_prepaid(effective)
        lines = self.line_ids
        env = self.env
        items = env["service.item"].search(
            [("contract_line_id", "in", lines.ids), ("state", "=", "in_service")]
        )
        items.write({"state": "removed", "removal_date": effective})
        visits = env["service.visit"].search(
            [
                ("contract_line_id", "in", lines.ids),
                ("state", "=", "planned"),
                ("date_due", ">", effective),
            ]
        )
        if visits:
            visits.action_cancel()
        if self.scope == "contract" and contract.state in ("active", "suspended"):
            contract._service_write_protected({"state": "ended"})
        self._service_write_protected(
            {
                "state": "done",
                "date_done": fields.Date.context_today(self),
                "credit_note_id": credit_note.id,
                "final_invoice_ids": [(4, move.id) for move in final_invoices],
            }
        )
        self.message_post(
            body=self.env._(
                "Applied: %(invoices)s final invoice(s), credit note %(credit)s, "
                "%(items)s item(s) removed, %(visits)s visit(s) cancelled.",
                invoices=len(final_invoices),
                credit=credit_note.name or self.env._("none"),
                items=len(items),
                visits=len(visits),
            )
        )

    def _bill_final(self, contract, effective):
        """Invoice what is due up to the effective date and not billed yet
        (arrears, or a billing run not yet reached), through the contract's
        public billing entry point (a billing run of this contract alone)."""
        if not contract.next_billing_date or contract.next_billing_date > effective:
            return self.env["account.move"]
        run = contract.action_bill(effective)
        if run.issue_ids:
            raise UserError(
                self.env._(
                    "Final invoice of %(cancellation)s: %(issues)s",
                    cancellation=self.display_name,
                    issues="; ".join(run.issue_ids.mapped("message")),
                )
            )
        return run.invoice_ids

    def _credit_prepaid(self, effective):
        """One credit note for the days after ``effective`` already invoiced
        on posted invoices of the cancelled lines: each invoice line is
        credited pro rata by days of its period, rounded to the cent."""
        invoice_lines = self.env["account.move.line"].search(
            [
                ("service_contract_line_id", "in", self.line_ids.ids),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "=", "out_invoice"),
                ("move_id.payment_state", "!=", "reversed"),
                ("service_period_end", ">", effective),
            ],
            order="service_period_start, id",
        )
        values = []
        currency = self.contract_id.currency_id
        for line in invoice_lines:
            start, end = line.service_period_start, line.service_period_end
            credit_from = max(start, effective + timedelta(days=1))
            days = (end - credit_from).days + 1
            # on the line's own price basis (taxes included or not), so the
            # credit note's taxes come out as the invoice's did
            amount = currency.round(
                line.price_unit
                * line.quantity
                * (1 - line.discount / 100.0)
                * days
                / ((end - start).days + 1)
            )
            if currency.is_zero(amount):
                continue
            values.append(
                {
                    "product_id": line.product_id.id,
                    "name": self.env._(
                        "%(line)s: credited %(start)s - %(end)s (%(invoice)s)",
                        line=line.name,
                        start=credit_from,
                        end=end,
                        invoice=line.move_id.name,
                    ),
                    "quantity": 1.0,
                    "price_unit": amount,
                    # the taxes the credited line was invoiced with (already
                    # through the contract's fiscal position), not today's
                    "tax_ids": [(6, 0, line.tax_ids.ids)],
                    "account_id": line.account_id.id,
                }
            )
        if not values:
            return self.env["account.move"]
        contract = self.contract_id
        credit_values = contract._prepare_invoice(
            fields.Date.context_today(self), "out_refund"
        )
        credit_values.update(
            invoice_origin=f"{contract.name} {self.name}",
            ref=self.env._("Cancellation %(number)s", number=self.name),
            invoice_line_ids=[(0, 0, vals) for vals in values],
        )
        credit_note = self.env["account.move"].create(credit_values)
        credit_note.action_post()
        return credit_note

    def _offer_summary(self):
        self.ensure_one()
        if self.offer_type == "discount":
            return self.env._("discount %(percent)s %%", percent=self.offer_discount)
        if self.offer_type == "downgrade":
            return self.env._(
                "downgrade to %(service)s", service=self.offer_product_id.display_name
            )
        return self.env._("no offer")
