# covers: BAS-03, BAS-04
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError, UserError
from odoo.tools import format_amount

from ..tools.language import reader_env


class ServiceApprovalMixin(models.AbstractModel):
    """Inherit to give a document request / approve / reject / reset.

    The applicable ``service.approval.rule`` (document model + company) gives
    the levels; a document climbs them up to the first level authorised for
    its amount. An approver must belong to the current level and the amount
    must be within his personal limit, if he has one. Every step is written
    to the chatter, the approval trail (``service.approval.entry``) and the audit log.

    A document sets ``_approval_amount_field`` (a monetary field) or overrides
    ``_get_approval_amount``; it reacts to the outcome in
    ``_on_approval_approved`` / ``_on_approval_rejected``.
    """

    _name = "service.approval.mixin"
    _description = "Service Approval Mixin"
    _inherit = ["service.audit.mixin", "mail.thread", "mail.activity.mixin"]

    _approval_amount_field = None
    # covers: API-01 (approval steps only through request/approve/reject/reset)
    _service_protected_fields = (
        "approval_state",
        "approval_rule_id",
        "approval_level_id",
        "approval_requested_by_id",
        "approval_requested_date",
    )

    approval_state = fields.Selection(
        [
            ("draft", "Not requested"),
            ("pending", "Waiting approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approval_rule_id = fields.Many2one(
        "service.approval.rule", readonly=True, copy=False
    )
    approval_level_id = fields.Many2one(
        "service.approval.level",
        string="Waiting For",
        readonly=True,
        copy=False,
        tracking=True,
    )
    approval_requested_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approval_requested_date = fields.Datetime(readonly=True, copy=False)
    approval_entry_ids = fields.Many2many(
        "service.approval.entry",
        string="Approval Trail",
        compute="_compute_approval_entry_ids",
    )
    approval_can_approve = fields.Boolean(compute="_compute_approval_can_approve")

    def _audit_tracked_fields(self):
        # approval steps are audited as decisions, not as field changes
        return [
            name
            for name in super()._audit_tracked_fields()
            if not name.startswith("approval_")
        ]

    def _compute_approval_entry_ids(self):
        entries = self.env["service.approval.entry"].search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        )
        by_id = {}
        for entry in entries:
            by_id.setdefault(entry.res_id, []).append(entry.id)
        for record in self:
            record.approval_entry_ids = [(6, 0, by_id.get(record.id, []))]

    @api.depends("approval_state", "approval_level_id")
    @api.depends_context("uid")
    def _compute_approval_can_approve(self):
        user = self.env.user
        for record in self:
            record.approval_can_approve = bool(
                record.approval_state == "pending"
                and record.approval_level_id.sudo()._is_approver(user)
            )

    # ------------------------------------------------------------------
    # Hooks for documents
    # ------------------------------------------------------------------
    def _get_approval_company(self):
        self.ensure_one()
        if "company_id" in self._fields and self.company_id:
            return self.company_id
        return self.env.company

    def _get_approval_amount(self):
        """Amount compared with level thresholds, in the company currency."""
        self.ensure_one()
        if not self._approval_amount_field:
            return 0.0
        amount = self[self._approval_amount_field]
        company = self._get_approval_company()
        currency = (
            self.currency_id
            if "currency_id" in self._fields and self.currency_id
            else company.currency_id
        )
        if currency != company.currency_id:
            amount = currency._convert(
                amount, company.currency_id, company, fields.Date.context_today(self)
            )
        return amount

    def _on_approval_approved(self):
        """Called once the last level has approved."""

    def _on_approval_rejected(self):
        """Called when an approver rejects."""

    def _approval_default_rule_values(self, company):
        """Extension point: values of the rule a company gets the first time
        one of its documents of this type needs approval (``None``: no
        default rule, documents without a rule are approved at once).
        Called by ``_ensure_default_rule``, which creates it once."""
        return None

    def _ensure_default_rule(self):
        """Create the company's default approval rule of this document type
        if it has none, once, even when two first submissions race.

        The partial unique index on active rules (company, document type)
        refuses the second insert; the loser's transaction cannot see the
        winner's rule (its snapshot is older), so it gives up with a
        ``ConcurrencyError``: Odoo's RPC layer retries the whole request,
        which then finds the rule. Never a UniqueViolation for the user."""
        Rule = self.env["service.approval.rule"].sudo()
        for company in self.mapped(lambda record: record._get_approval_company()):
            if Rule._find_rule(self._name, company):
                continue
            values = self._approval_default_rule_values(company)
            if not values:
                continue
            values = dict(
                values,
                company_id=company.id,
                model_id=self.env["ir.model"]._get_id(self._name),
            )
            try:
                with self.env.cr.savepoint():
                    Rule.create(values)
            except (errors.UniqueViolation, errors.SerializationFailure) as error:
                raise ConcurrencyError(
                    f"Default approval rule of {self._name} for company "
                    f"{company.id} created by a concurrent transaction"
                ) from error

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_request_approval(self):
        for record in self:
            if record.approval_state not in ("draft", "rejected"):
                raise UserError(
                    self.env._(
                        "%(document)s is already %(state)s: only a document not "
                        "yet requested, or rejected, can be sent for approval.",
                        document=record.display_name,
                        state=dict(
                            record._fields["approval_state"]._description_selection(
                                self.env
                            )
                        )[record.approval_state],
                    )
                )
            record.check_access("write")
            company = record._get_approval_company()
            amount = record._get_approval_amount()
            rule = self.env["service.approval.rule"]._find_rule(record._name, company)
            levels = rule._levels_for_amount(amount) if rule else rule
            values = {
                "approval_rule_id": rule.id,
                "approval_requested_by_id": self.env.uid,
                "approval_requested_date": fields.Datetime.now(),
            }
            record._approval_record(rule, False, "request", amount)
            if not levels:
                record.sudo().write(
                    dict(values, approval_state="approved", approval_level_id=False)
                )
                record.message_post(
                    body=reader_env(record)._(
                        "No approval needed: approved automatically."
                    )
                )
                record._on_approval_approved()
                continue
            record.sudo().write(
                dict(values, approval_state="pending", approval_level_id=levels[0].id)
            )
            record.message_post(
                body=reader_env(record)._(
                    "Approval requested (%(amount)s): waiting for level '%(level)s'.",
                    amount=format_amount(self.env, amount, company.currency_id),
                    level=levels[0].name,
                )
            )
            record._approval_schedule_activities()
        return True

    def action_approve(self):
        user = self.env.user
        for record in self:
            record._approval_check_can_decide(user)
            level = record.approval_level_id.sudo()
            amount = record._get_approval_amount()
            company = record._get_approval_company()
            personal_limit = level._personal_limit(user)
            if personal_limit and amount > personal_limit:
                raise UserError(
                    self.env._(
                        "%(amount)s is above your approval limit of %(limit)s at "
                        "level '%(level)s': another approver of this level must "
                        "approve %(document)s.",
                        amount=format_amount(self.env, amount, company.currency_id),
                        limit=format_amount(
                            self.env, personal_limit, company.currency_id
                        ),
                        level=level.name,
                        document=record.display_name,
                    )
                )
            record._approval_record(record.approval_rule_id, level, "approve", amount)
            record._approval_close_activities()
            remaining = record.approval_rule_id.sudo()._levels_for_amount(amount)
            remaining = remaining.filtered(
                lambda lvl, current=level: (
                    (lvl.sequence, lvl.id) > (current.sequence, current.id)
                )
            )
            if remaining:
                record.sudo().write({"approval_level_id": remaining[0].id})
                record.message_post(
                    body=reader_env(record)._(
                        "Level '%(level)s' approved; waiting for level '%(next)s'.",
                        level=level.name,
                        next=remaining[0].name,
                    )
                )
                record._approval_schedule_activities()
            else:
                record.sudo().write(
                    {"approval_state": "approved", "approval_level_id": False}
                )
                record.message_post(
                    body=reader_env(record)._(
                        "Level '%(level)s' approved: the document is approved.",
                        level=level.name,
                    )
                )
                record._on_approval_approved()
        return True

    def action_reject(self, reason=None):
        if not reason:
            return {
                "type": "ir.actions.act_window",
                "res_model": "service.approval.reject.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_res_model": self._name,
                    "default_res_ids": str(self.ids),
                },
            }
        user = self.env.user
        for record in self:
            record._approval_check_can_decide(user)
            level = record.approval_level_id.sudo()
            record._approval_record(
                record.approval_rule_id,
                level,
                "reject",
                record._get_approval_amount(),
                reason,
            )
            record._approval_close_activities()
            record.sudo().write(
                {"approval_state": "rejected", "approval_level_id": False}
            )
            record.message_post(
                body=reader_env(record)._(
                    "Rejected at level '%(level)s': %(reason)s",
                    level=level.name,
                    reason=reason,
                )
            )
            record._on_approval_rejected()
        return True

    def action_reset_approval(self):
        for record in self:
            if record.approval_state == "draft":
                continue
            record.check_access("write")
            if record.approval_state == "approved" and not self.env.user.has_group(
                "service_base.group_service_manager"
            ):
                raise UserError(
                    self.env._(
                        "Only a Services manager can reset the approval of an "
                        "approved document (%(document)s).",
                        document=record.display_name,
                    )
                )
            record._approval_record(
                record.approval_rule_id,
                record.approval_level_id.sudo(),
                "reset",
                record._get_approval_amount(),
            )
            record._approval_close_activities()
            record.sudo().write({"approval_state": "draft", "approval_level_id": False})
            record.message_post(body=reader_env(record)._("Approval reset to draft."))
        return True

    # ------------------------------------------------------------------
    # Internals
    # ------------------------------------------------------------------
    def _approval_check_can_decide(self, user):
        self.ensure_one()
        self.check_access("read")
        if self.approval_state != "pending":
            raise UserError(
                self.env._(
                    "%(document)s is not waiting for approval.",
                    document=self.display_name,
                )
            )
        level = self.approval_level_id.sudo()
        if not level._is_approver(user):
            raise UserError(
                self.env._(
                    "You are not an approver of level '%(level)s' for "
                    "%(document)s: ask %(approvers)s.",
                    level=level.name,
                    document=self.display_name,
                    approvers=", ".join(level._approver_users().mapped("name"))
                    or level.group_id.name,
                )
            )
        if self.approval_rule_id.sudo().separate_approvers:
            if user == self.approval_requested_by_id:
                raise UserError(
                    self.env._(
                        "You requested the approval of %(document)s: another "
                        "approver must decide.",
                        document=self.display_name,
                    )
                )
            already = (
                self.env["service.approval.entry"]
                .sudo()
                .search_count(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "=", self.id),
                        ("decision", "=", "approve"),
                        ("user_id", "=", user.id),
                        ("date", ">=", self.approval_requested_date),
                    ]
                )
            )
            if already:
                raise UserError(
                    self.env._(
                        "You already approved another level of %(document)s: a "
                        "different approver must approve level '%(level)s'.",
                        document=self.display_name,
                        level=level.name,
                    )
                )

    def _approval_record(self, rule, level, decision, amount, reason=None):
        self.ensure_one()
        company = self._get_approval_company()
        self.env["service.approval.entry"].sudo().create(
            {
                "company_id": company.id,
                "res_model": self._name,
                "res_id": self.id,
                "res_name": self.display_name,
                "rule_id": rule.id if rule else False,
                "level_id": level.id if level else False,
                "level_name": level.name if level else False,
                "user_id": self.env.uid,
                "decision": decision,
                "amount": amount,
                "reason": reason,
            }
        )
        note = level.name if level else None
        if reason:
            note = f"{note}: {reason}" if note else reason
        self.env["service.audit.log"]._log(self, decision, note=note)

    def _approval_schedule_activities(self):
        activity_type = self.env.ref(
            "service_base.mail_activity_type_service_approval",
            raise_if_not_found=False,
        )
        for record in self:
            level = record.approval_level_id.sudo()
            for user in level._approver_users():
                if user == record.approval_requested_by_id and (
                    record.approval_rule_id.sudo().separate_approvers
                ):
                    continue
                # the approver reads the summary in his own language
                approver_env = record.with_context(lang=user.lang or self.env.lang).env
                record.sudo().activity_schedule(
                    activity_type_id=activity_type.id if activity_type else False,
                    summary=approver_env._(
                        "Approve (%(level)s)",
                        level=level.with_env(approver_env).sudo().name,
                    ),
                    user_id=user.id,
                )

    def _approval_close_activities(self):
        self.sudo().activity_unlink(
            ["service_base.mail_activity_type_service_approval"]
        )
