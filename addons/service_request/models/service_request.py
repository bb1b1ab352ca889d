# covers: REQ-01, REQ-02, REQ-03, REQ-04, REQ-05, REQ-07, REQ-08, REQ-09, REQ-10
import logging
from collections import defaultdict
from contextlib import closing
from datetime import timedelta

from odoo import api, fields, models, sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch_active,
)

_logger = logging.getLogger(__name__)

PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent"), ("3", "Emergency")]
# locked once a request is validated: only comments, stage, assignment and
# closing move afterwards (REQ-09)
LOCKED_FIELDS = (
    "partner_id",
    "contract_id",
    "item_id",
    "type_id",
    "company_id",
    "description",
    "ref_incoming",
    "ref_outgoing",
    "priority",
    "date_received",
    "date_expected",
    "properties",
    "line_ids",
    "site_partner_id",
    "operator_id",
)
# written by the postponement approval and the distribution job only
CONTEXT_DATE_MOVE = "service_request_postponed"
# internal switch (never a caller's context key): create without distributing
CONTEXT_NO_DISTRIBUTE = "service_request_no_distribute"


class ServiceRequest(models.Model):
    _name = "service.request"
    _description = "Service Request"
    _inherit = [
        "service.approval.mixin",
        "service.frozen.customer.mixin",
        "portal.mixin",
        "rating.mixin",
    ]
    _order = "priority desc, date_received desc, id desc"
    _check_company_auto = True
    _approval_amount_field = "discount_amount"
    # covers: REQ-09, REQ-11, API-01 (validation, acknowledgement, escalation,
    # document waits and invoicing only through the request's actions)
    _service_protected_fields = (
        "is_validated",
        "date_acknowledged",
        "date_closed",
        "escalation_ack_level",
        "escalation_late_level",
        "escalation_date",
        "waiting_customer",
        "reminders_sent",
        "date_last_reminder",
        "is_transferred",
        "waiting_supervisor",
        "invoice_id",
    )
    _service_transitions = {
        "action_acknowledge": "service_base.group_service_user",
        "action_validate": "service_base.group_service_user",
        "action_wait_for_documents": "service_base.group_service_user",
        "action_documents_received": "service_base.group_service_user",
        "action_create_invoice": "service_base.group_service_user",
    }
    _service_field_bounds = {"discount": (0, 100)}

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    ref_incoming = fields.Char(
        "Incoming Reference", tracking=True, help="The sender's own reference."
    )
    ref_outgoing = fields.Char(
        "Outgoing Reference", tracking=True, help="Reference of our reply letter."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    type_id = fields.Many2one(
        "service.request.type",
        required=True,
        check_company=True,
        tracking=True,
        index=True,
    )
    kind = fields.Selection(related="type_id.kind", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    contract_id = fields.Many2one(
        "service.contract",
        tracking=True,
        check_company=True,
        index="btree_not_null",
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    item_id = fields.Many2one(
        "service.item",
        string="Installed Item",
        tracking=True,
        check_company=True,
        index="btree_not_null",
        domain="[('partner_id', 'child_of', partner_id)]",
    )
    description = fields.Html()
    properties = fields.Properties(
        "Extra Fields", definition="type_id.properties_definition", copy=True
    )
    priority = fields.Selection(PRIORITIES, default="0", tracking=True, index=True)
    team_id = fields.Many2one(
        "service.request.team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        index="btree_not_null",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        tracking=True,
        index="btree_not_null",
        domain=[("share", "=", False)],
    )
    is_transferred = fields.Boolean(
        "Transferred",
        readonly=True,
        copy=False,
        help="Moved from one assignee to another at least once.",
    )
    waiting_supervisor = fields.Boolean(
        readonly=True,
        copy=False,
        help="Every user of the team was at his cap: the supervisor assigns it.",
    )
    stage_id = fields.Many2one(
        "service.request.stage",
        tracking=True,
        index=True,
        copy=False,
        default=lambda self: self._default_stage(),
        group_expand="_read_group_expand_stages",
        domain="[('company_id', 'in', (company_id, False))]",
    )
    stage_color = fields.Integer(related="stage_id.color")
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    date_received = fields.Datetime(
        "Received", required=True, default=fields.Datetime.now, tracking=True
    )
    date_ack_deadline = fields.Datetime(
        "Acknowledge By", compute="_compute_deadlines", store=True, readonly=False
    )
    date_acknowledged = fields.Datetime("Acknowledged", readonly=True, copy=False)
    date_expected = fields.Datetime(
        "Expected Completion",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        tracking=True,
    )
    date_closed = fields.Datetime("Closed", readonly=True, copy=False, index=True)
    escalation_ack_level = fields.Integer(readonly=True, copy=False, default=0)
    escalation_late_level = fields.Integer(readonly=True, copy=False, default=0)
    escalation_date = fields.Datetime(readonly=True, copy=False)
    is_validated = fields.Boolean("Validated", readonly=True, copy=False, tracking=True)
    # waiting for the customer's documents (REQ-07)
    waiting_customer = fields.Boolean(readonly=True, copy=False, tracking=True)
    missing_documents = fields.Text(
        help="What the customer must send, one item per line."
    )
    reminders_sent = fields.Integer(readonly=True, copy=False)
    date_last_reminder = fields.Date(readonly=True, copy=False)
    # operations-room events
    site_partner_id = fields.Many2one(
        "res.partner", string="Site", check_company=True, tracking=True
    )
    operator_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    outcome = fields.Text()
    billable = fields.Boolean("Billable Intervention")
    # closing
    line_ids = fields.One2many(
        "service.request.line", "request_id", string="Services", copy=True
    )
    discount = fields.Float(
        "Discount (%)",
        digits="Discount",
        tracking=True,
        copy=False,
        help="Granted at closing by an authorised user; above a user's limit it "
        "needs approval.",
    )
    amount_untaxed = fields.Monetary(compute="_compute_amounts", store=True)
    discount_amount = fields.Monetary(compute="_compute_amounts", store=True)
    invoice_id = fields.Many2one(
        "account.move", readonly=True, copy=False, check_company=True
    )
    postponement_ids = fields.One2many(
        "service.request.postponement", "request_id", string="Postponements"
    )
    postponement_count = fields.Integer(compute="_compute_postponement_count")

    _name_company_uniq = models.Constraint(
        "UNIQUE (name, company_id)",
        "Number: another request of this company has this number.",
    )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    def _default_stage(self):
        return self.env["service.request.stage"].search(
            [("company_id", "in", (self.env.company.id, False))], limit=1
        )

    @api.model
    def _read_group_expand_stages(self, stages, domain):
        return stages.search([("company_id", "in", [*self.env.companies.ids, False])])

    @api.depends("type_id")
    def _compute_team_id(self):
        for request in self:
            if not request.team_id:
                request.team_id = request.type_id.team_id

    @api.depends("type_id", "date_received", "company_id")
    def _compute_deadlines(self):
        for request in self:
            if not request.type_id or not request.date_received:
                continue
            calendar = request.company_id.resource_calendar_id
            start = request.date_received
            for field, hours in (
                ("date_ack_deadline", request.type_id.ack_hours),
                ("date_expected", request.type_id.sla_hours),
            ):
                if calendar and hours:
                    request[field] = calendar.plan_hours(
                        hours, start, compute_leaves=True
                    )
                else:
                    request[field] = start + timedelta(hours=hours)

    @api.depends("line_ids.price_subtotal", "discount")
    def _compute_amounts(self):
        for request in self:
            untaxed = sum(request.line_ids.mapped("price_subtotal"))
            request.amount_untaxed = untaxed
            request.discount_amount = untaxed * request.discount / 100.0

    def _compute_postponement_count(self):
        for request in self:
            request.postponement_count = len(request.postponement_ids)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/requests/{request.id}"
        return result

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = (
                f"{request.name} - {request.partner_id.display_name}"
                if request.partner_id
                else request.name
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Type = self.env["service.request.type"]
        for vals in vals_list:
            if vals.get("name", "/") == "/" and vals.get("type_id"):
                vals["name"] = Type.browse(vals["type_id"])._next_number()
        requests = super().create(vals_list)
        to_distribute = requests.filtered(lambda r: not r.user_id and r.team_id)
        if to_distribute and not internal_switch_active(CONTEXT_NO_DISTRIBUTE):
            to_distribute._distribute()
        return requests

    def write(self, vals):
        self._check_locked(vals)
        if "discount" in vals and not self.env.su:
            self._check_discount_right()
        if "user_id" in vals:
            transferred = self.filtered(
                lambda r: r.user_id and r.user_id.id != vals["user_id"]
            )
        old_stages = {request.id: request.stage_id for request in self}
        result = super().write(vals)
        if "user_id" in vals:
            if transferred:
                transferred._service_write_protected({"is_transferred": True})
            if vals["user_id"]:
                with self._service_transition():
                    super().write({"waiting_supervisor": False})
        if "stage_id" in vals:
            self._on_stage_change(old_stages)
        return result

    def _check_locked(self, vals):
        # an internal switch, not a context key: a caller cannot set it
        if internal_switch_active(CONTEXT_DATE_MOVE) or self.env.su:
            return
        locked = [name for name in LOCKED_FIELDS if name in vals]
        if not locked:
            return
        for request in self.filtered("is_validated"):
            changed = [
                name
                for name in locked
                if name in ("line_ids", "properties")
                or request._fields[name].convert_to_write(request[name], request)
                != vals[name]
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "%(request)s is validated: %(fields)s can no longer change. "
                        "Add a comment instead, or ask for a postponement to move "
                        "the expected date.",
                        request=request.name,
                        fields=", ".join(request._fields[n].string for n in changed),
                    )
                )

    def _check_discount_right(self):
        if not self.env.user.has_group("service_base.group_service_supervisor"):
            raise AccessError(
                self.env._(
                    "Discount (%%): only a Services supervisor or manager grants "
                    "a discount on a request."
                )
            )

    # ------------------------------------------------------------------
    # Stages and alerts (REQ-03)
    # ------------------------------------------------------------------
    def _on_stage_change(self, old_stages):
        now = fields.Datetime.now()
        closing = self.filtered(
            lambda r: r.is_closed and not old_stages[r.id].is_closed
        )
        for request in closing:
            request._check_can_close()
        if closing:
            closing._service_write_protected({"date_closed": now})
        reopened = self.filtered(lambda r: not r.is_closed and r.date_closed)
        if reopened:
            reopened._service_write_protected({"date_closed": False})
        for stage, requests in (
            self.filtered(lambda r: r.stage_id != old_stages[r.id])
            .grouped("stage_id")
            .items()
        ):
            stage_requests = requests.sudo()
            if stage.alert_activity:
                for request in stage_requests.filtered("user_id"):
                    request.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=request.user_id.id,
                        summary=self.env._(
                            "%(request)s reached %(stage)s",
                            request=request.name,
                            stage=stage.name,
                        ),
                    )
            if stage.alert_mail_template_id:
                stage.alert_mail_template_id.send_mail_batch(stage_requests.ids)
            if stage.alert_notification_code:
                self.env["service.notification.template"].sudo()._notify(
                    stage.alert_notification_code, stage_requests
                )

    def _check_can_close(self):
        self.ensure_one()
        if self.discount and self.approval_state != "approved":
            raise UserError(
                self.env._(
                    "%(request)s carries a %(discount)s%% discount that is not "
                    "approved yet: request its approval before closing.",
                    request=self.name,
                    discount=self.discount,
                )
            )

    # ------------------------------------------------------------------
    # Assignment and distribution (REQ-04)
    # ------------------------------------------------------------------
    def _current_open_counts(self, users):
        """Open requests per user as they stand now, for distributing under
        the caps without ever failing a concurrent creation.

        The members are locked (transaction-level advisory locks, in id
        order): distributions to the same users run one after the other, and
        no row is written by two of them. This transaction's snapshot may be
        older than another distribution that committed while we waited, so
        the committed state is read on a second connection (READ COMMITTED,
        after the locks) and merged with what this transaction sees (its own
        uncommitted requests): a request counts for a user when either view
        gives it to him open. The merge can only count too many (a request
        this transaction moved away from a user), never too few, so a cap is
        never exceeded."""
        if not users:
            return {}
        cr = self.env.cr
        cr.execute(
            """
            SELECT pg_advisory_xact_lock(hashtext('service.request.distribution'), id)
              FROM (SELECT unnest(%s::int[]) AS id ORDER BY 1) AS member
            """,
            [sorted(users.ids)],
        )
        query = """
            SELECT id, user_id FROM service_request
             WHERE user_id = ANY(%s) AND is_closed IS NOT TRUE
        """
        cr.execute(query, [users.ids])
        seen = set(cr.fetchall())
        with closing(sql_db.db_connect(cr.dbname).cursor()) as committed:
            committed.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            committed.execute(query, [users.ids])
            seen.update(committed.fetchall())
            committed.rollback()
        counts = dict.fromkeys(users.ids, 0)
        for _request_id, user_id in seen:
            counts[user_id] += 1
        return counts

    def _distribute(self):
        """Give each unassigned request to the least-loaded member of its team
        who is under his cap; requests nobody can take wait for the
        supervisor, and the managers are told. Queries do not grow with the
        number of requests: loads are read once, assignments written once per
        user; each assignment is kept in the audit log (who, when, to whom).
        Nothing shared is written (no team row): concurrent creations never
        fail to serialise, see ``_current_open_counts``."""
        requests = self.filtered(lambda r: not r.user_id and r.team_id)
        if not requests:
            return
        self.flush_model(["user_id", "is_closed"])
        teams = requests.team_id
        members = teams.member_ids
        load = self._current_open_counts(members)
        caps = {user.id: user.service_request_cap for user in members}
        assigned = defaultdict(list)
        waiting = []
        team_members = {
            team.id: [user.id for user in team.member_ids if user.active]
            for team in teams
        }
        for request in requests.sorted(lambda r: (r.date_received, r.id)):
            candidates = [
                user_id
                for user_id in team_members[request.team_id.id]
                if load[user_id] < caps[user_id]
            ]
            if not candidates:
                waiting.append(request.id)
                continue
            chosen = min(candidates, key=lambda uid: (load[uid], uid))
            load[chosen] += 1
            assigned[chosen].append(request.id)
        Request = self.with_context(tracking_disable=True).sudo()
        for user_id, ids in assigned.items():
            Request.browse(ids).write({"user_id": user_id})
        if waiting:
            waiting_requests = Request.browse(waiting)
            waiting_requests.write({"waiting_supervisor": True})
            waiting_requests._notify_no_capacity()

    def _notify_no_capacity(self):
        """One to-do per team supervisor and one message per team manager,
        for a whole batch of requests nobody could take."""
        for team, requests in self.grouped("team_id").items():
            names = ", ".join(requests[:20].mapped("name"))
            if len(requests) > 20:
                names += ", …"
            summary = self.env._(
                "%(count)s request(s) wait for assignment: every member of "
                "%(team)s is at his cap (%(names)s).",
                count=len(requests),
                team=team.name,
                names=names,
            )
            first = requests[0]
            # Internal notices, sent as notices on the request rather than as
            # the request's own notifications: those prepare the customer's
            # portal sign-up link, a write on the customer's row that makes
            # concurrent creations for one customer fail to serialise.
            if team.supervisor_id:
                first.with_context(mail_activity_quick_update=True).activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=team.supervisor_id.id,
                    summary=self.env._("Assign waiting requests"),
                    note=summary,
                )
            managers = (
                team.manager_id.partner_id
                or self.env.ref("service_base.group_service_manager")
                .user_ids.filtered(lambda u, c=first.company_id: c in u.company_ids)
                .partner_id
            )
            recipients = managers | team.supervisor_id.partner_id
            if recipients:
                self.env["mail.thread"].message_notify(
                    model=self._name,
                    res_id=first.id,
                    partner_ids=recipients.ids,
                    body=summary,
                    subject=self.env._("Requests waiting for assignment"),
                )

    def action_distribute(self):
        self.check_access("write")
        self._distribute()
        return True

    def action_acknowledge(self):
        """The assignee picks the request up (stops the acknowledgement clock)."""
        self._service_check_transition("action_acknowledge")
        for request in self:
            if request.date_acknowledged:
                continue
            if not request.user_id:
                request.user_id = self.env.user
            request._service_write_protected(
                {"date_acknowledged": fields.Datetime.now()}
            )
        return True

    def action_validate(self):
        """Confirm the request's details: its key fields lock (REQ-09)."""
        self._service_check_transition("action_validate")
        for request in self:
            if not request.date_acknowledged:
                request.action_acknowledge()
            request._service_write_protected({"is_validated": True})
        return True

    # ------------------------------------------------------------------
    # Escalation (REQ-05)
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate(self):
        """Alert the supervisor, then the department manager, about requests
        not acknowledged in time or late against their expected date. Each
        level fires once per request and reason."""
        now = fields.Datetime.now()
        Request = self.sudo()
        for reason, level_field, deadline_field, extra in (
            (
                "ack",
                "escalation_ack_level",
                "date_ack_deadline",
                [("date_acknowledged", "=", False)],
            ),
            ("late", "escalation_late_level", "date_expected", []),
        ):
            for level in (1, 2):
                domain = Domain.AND(
                    [
                        [("is_closed", "=", False), (deadline_field, "<", now)],
                        [(level_field, "=", level - 1)],
                        extra,
                    ]
                )
                candidates = Request.search(domain, limit=5000)
                if level == 2:
                    candidates = candidates.filtered(
                        lambda r: (
                            r.escalation_date
                            and r.escalation_date
                            + timedelta(hours=r.type_id.escalation_hours)
                            <= now
                        )
                    )
                if not candidates:
                    continue
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM service_request WHERE id = ANY(%s)"
                        " AND COALESCE(%s, 0) = %s FOR UPDATE SKIP LOCKED",
                        candidates.ids,
                        SQL.identifier(level_field),
                        level - 1,
                    )
                )
                locked = Request.browse([row[0] for row in self.env.cr.fetchall()])
                locked._escalate(reason, level)
                locked.write({level_field: level, "escalation_date": now})
        return True

    def _escalate(self, reason, level):
        for request in self:
            team = request.team_id
            if level == 1:
                user = team.supervisor_id
            else:
                user = team.manager_id or team.supervisor_id
            if not user:
                continue
            if reason == "ack":
                summary = self.env._(
                    "%(request)s was not acknowledged by %(deadline)s",
                    request=request.name,
                    deadline=request.date_ack_deadline,
                )
            else:
                summary = self.env._(
                    "%(request)s is late: expected by %(deadline)s",
                    request=request.name,
                    deadline=request.date_expected,
                )
            request.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id, summary=summary
            )

    # ------------------------------------------------------------------
    # Waiting for the customer's documents (REQ-07)
    # ------------------------------------------------------------------
    def action_wait_for_documents(self):
        self._service_check_transition("action_wait_for_documents")
        for request in self:
            if not request.missing_documents:
                raise UserError(
                    self.env._(
                        "Missing Documents: list what %(request)s waits for before "
                        "asking the customer.",
                        request=request.name,
                    )
                )
            request._service_write_protected(
                {"waiting_customer": True, "reminders_sent": 0}
            )
            request._send_document_request()
        return True

    def action_documents_received(self):
        self._service_check_transition("action_documents_received")
        self._service_write_protected({"waiting_customer": False})
        return True

    def _send_document_request(self, reminder=False):
        self.ensure_one()
        items = [line.strip() for line in (self.missing_documents or "").splitlines()]
        body = self.env["ir.qweb"]._render(
            "service_request.missing_documents_message",
            {
                "service_request": self,
                "items": [i for i in items if i],
                "reminder": reminder,
            },
        )
        self.message_post(
            body=body,
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.sudo().write({"date_last_reminder": fields.Date.context_today(self)})

    @api.model
    def _cron_document_reminders(self):
        today = fields.Date.context_today(self)
        requests = self.sudo().search(
            [("waiting_customer", "=", True), ("is_closed", "=", False)]
        )
        for request in requests:
            request_type = request.type_id
            if request.reminders_sent >= request_type.reminder_count:
                continue
            last = request.date_last_reminder
            if last and last + timedelta(days=request_type.reminder_days) > today:
                continue
            request._send_document_request(reminder=True)
            request.reminders_sent += 1
        return True

    def _message_post_after_hook(self, message, msg_vals):
        """A customer who answers with attachments while documents are
        awaited: the assignee gets a to-do to check them."""
        result = super()._message_post_after_hook(message, msg_vals)
        author = message.author_id
        if (
            self.waiting_customer
            and message.attachment_ids
            and author
            and author.commercial_partner_id == self.partner_id.commercial_partner_id
            and self.user_id
        ):
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=self.env._("The customer sent documents"),
            )
        return result

    # ------------------------------------------------------------------
    # Comments (REQ-08)
    # ------------------------------------------------------------------
    def message_post(self, **kwargs):
        """External comments (seen by the customer) come from the customer,
        the assignee or a manager; everyone else writes internal notes.

        Checked for the acting user even under ``sudo()``: Odoo's mail
        routes (``/mail/message/post``, the composer) post in sudo once they
        checked the user may read the thread. Only the superuser's own jobs
        (reminders) are exempt."""
        user = self.env.user
        if not user._is_superuser() and user._is_internal():
            subtype = kwargs.get("subtype_xmlid") or ""
            subtype_id = kwargs.get("subtype_id")
            is_note = subtype == "mail.mt_note" or (
                subtype_id
                and subtype_id
                == self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
            )
            external = (
                kwargs.get("message_type", "notification") == "comment" and not is_note
            )
            if external:
                for request in self:
                    if request.user_id != user and not user.has_group(
                        "service_base.group_service_manager"
                    ):
                        raise AccessError(
                            self.env._(
                                "%(request)s: only its assignee or a manager writes "
                                "to the customer; log an internal note instead.",
                                request=request.name,
                            )
                        )
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------
    # Closing: discount approval and invoice (REQ-10)
    # ------------------------------------------------------------------
    def _on_approval_approved(self):
        self.message_post(
            body=self.env._(
                "Discount of %(discount)s%% approved.", discount=self.discount
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_create_invoice(self):
        self._service_check_transition("action_create_invoice")
        self.check_access("write")
        moves = self.env["account.move"]
        for request in self:
            if request.invoice_id:
                raise UserError(
                    self.env._(
                        "%(request)s is already invoiced (%(invoice)s).",
                        request=request.name,
                        invoice=request.invoice_id.name,
                    )
                )
            if not request.line_ids:
                raise UserError(
                    self.env._(
                        "Services: add the services done on %(request)s before "
                        "invoicing it.",
                        request=request.name,
                    )
                )
            if request.discount and request.approval_state != "approved":
                raise UserError(
                    self.env._(
                        "%(request)s: its discount is not approved yet.",
                        request=request.name,
                    )
                )
            # taxes through the fiscal position like every invoice of the
            # suite (service.contract's invoicing API)
            fiscal_position = self.env["service.contract"]._get_invoice_fiscal_position(
                request.partner_id, request.company_id
            )
            move = (
                self.env["account.move"]
                .with_company(request.company_id)
                .create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": request.partner_id.id,
                        "company_id": request.company_id.id,
                        "fiscal_position_id": fiscal_position.id,
                        "invoice_origin": request.name,
                        "invoice_line_ids": [
                            (0, 0, line._invoice_line_values(fiscal_position))
                            for line in request.line_ids
                        ],
                    }
                )
            )
            request._service_write_protected({"invoice_id": move.id})
            moves |= move
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update({"domain": [("id", "in", moves.ids)], "res_id": moves[:1].id})
        if len(moves) == 1:
            action.update({"view_mode": "form", "views": [(False, "form")]})
        return action

    # ------------------------------------------------------------------
    # Postponement (REQ-06)
    # ------------------------------------------------------------------
    def action_view_postponements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.request.postponement",
            "view_mode": "list,form",
            "domain": [("request_id", "=", self.id)],
            "context": {"default_request_id": self.id},
            "name": self.env._("Postponements"),
        }

    # ------------------------------------------------------------------
    # Portal and rating
    # ------------------------------------------------------------------
    def _rating_get_partner(self):
        return self.partner_id

    def _rating_get_operator(self):
        return self.user_id.partner_id

    @api.constrains("partner_id", "site_partner_id")
    def _check_site(self):
        for request in self:
            site = request.site_partner_id
            if (
                site
                and site.commercial_partner_id
                != request.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Site: %(site)s is not an address of %(customer)s; choose "
                        "one of the customer's addresses.",
                        site=site.display_name,
                        customer=request.partner_id.display_name,
                    )
                )
