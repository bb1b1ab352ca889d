# covers: VIS-01, VIS-02, VIS-03
import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger, split_every

from odoo.addons.service_base.models.service_job_slice import COMMIT_SLICES
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET as QUIET_SWITCH,
)
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)
from odoo.addons.service_base.tools.context import QUIET_NO_FOLLOWERS

_logger = logging.getLogger(__name__)

# contract lines planned, and committed by the cron, together
BATCH_SIZE = 500
PLANNING_JOB = "service_visit.planning"
# first key of the advisory locks held on the contract lines being planned
PLAN_LOCK_KEY = 0x5E5B


class ServiceVisit(models.Model):
    """A technician's visit to a customer's site, planned from a contract
    line's visit frequency or created by hand, done with a checklist, notes
    and the customer's signature (or the reason there is none)."""

    _name = "service.visit"
    _description = "Service Visit"
    _inherit = ["service.audit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due desc, id desc"
    _check_company_auto = True
    # covers: VIS-03, API-01 (done, cancelled, planned only by the actions)
    _service_protected_fields = ("state",)
    _service_transitions = {
        "action_done": "service_base.group_service_user",
        "action_cancel": "service_base.group_service_user",
        "action_plan": "service_base.group_service_user",
    }

    _name_company_uniq = models.Constraint(
        "UNIQUE (company_id, name)", "Visit Number: already used in this company."
    )
    # One visit per contract line and due date, ever: reruns of the planning
    # and two planners at once cannot plan the same visit twice.
    _line_date_uniq = models.UniqueIndex(
        "(contract_line_id, date_due) WHERE contract_line_id IS NOT NULL",
        "Due Date: this contract line already has a visit due on this date; "
        "open that visit or choose another date.",
    )

    name = fields.Char(
        "Visit Number",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    item_id = fields.Many2one(
        "service.item",
        string="Installed Item",
        check_company=True,
        index="btree_not_null",
        tracking=True,
    )
    contract_line_id = fields.Many2one(
        "service.contract.line",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="The contract line whose visit frequency planned this visit.",
    )
    contract_id = fields.Many2one(
        related="contract_line_id.contract_id",
        store=True,
        index="btree_not_null",
        string="Contract",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    site_partner_id = fields.Many2one(
        "res.partner",
        string="Service Site",
        check_company=True,
        tracking=True,
        domain="[('id', 'child_of', partner_id)]",
        compute="_compute_site_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_due = fields.Date(
        "Due On",
        required=True,
        index=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_done = fields.Datetime("Done On", copy=False, tracking=True)
    technician_ids = fields.Many2many(
        "res.users",
        "service_visit_technician_rel",
        "visit_id",
        "user_id",
        string="Technicians",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
    )
    checklist_line_ids = fields.One2many(
        "service.visit.checklist.line", "visit_id", string="Checklist", copy=True
    )
    checklist_progress = fields.Float(compute="_compute_checklist_progress")
    notes = fields.Html("Visit Notes")
    signature = fields.Image(
        "Customer Signature",
        copy=False,
        attachment=True,
        max_width=1024,
        max_height=1024,
    )
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False, readonly=True)
    no_signature_reason = fields.Char(
        copy=False,
        help="Why the customer did not sign (nobody on site, refused...): "
        "required to close a visit without a signature.",
    )
    is_overdue = fields.Boolean(
        "Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    alert_due_sent = fields.Boolean("Due Reminder Sent", readonly=True, copy=False)
    alert_overdue_sent = fields.Boolean("Overdue Alert Sent", readonly=True, copy=False)

    @api.depends("item_id", "contract_line_id")
    def _compute_partner_id(self):
        for visit in self:
            visit.partner_id = (
                visit.item_id.partner_id
                or visit.contract_line_id.contract_id.partner_id
                or visit.partner_id
            )

    @api.depends("item_id")
    def _compute_site_partner_id(self):
        for visit in self:
            visit.site_partner_id = (
                visit.item_id.site_partner_id or visit.site_partner_id
            )

    @api.depends("checklist_line_ids.done")
    def _compute_checklist_progress(self):
        for visit in self:
            lines = visit.checklist_line_ids
            visit.checklist_progress = (
                100.0 * len(lines.filtered("done")) / len(lines) if lines else 0.0
            )

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for visit in self:
            visit.is_overdue = bool(
                visit.state == "planned" and visit.date_due and visit.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.context_today(self)
        domain = [("state", "=", "planned"), ("date_due", "<", today)]
        if (operator == "in") == (True in value):
            return domain
        return ["!", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        missing = defaultdict(list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company_id = vals.get("company_id") or self.env.company.id
                missing[company_id].append(vals)
            if vals.get("signature") and not vals.get("signed_on"):
                vals["signed_on"] = fields.Datetime.now()
        for company_id, company_vals in missing.items():
            company = self.env["res.company"].browse(company_id)
            numbers = company._service_visit_next_numbers(
                "service.visit", len(company_vals)
            )
            for vals, number in zip(company_vals, numbers, strict=True):
                vals["name"] = number
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("signature") and "signed_on" not in vals:
            vals = dict(vals, signed_on=fields.Datetime.now())
        elif "signature" in vals and not vals["signature"]:
            vals = dict(vals, signed_on=False)
        if "date_due" in vals:
            # a visit moved to another day is reminded again for that day
            vals = dict({"alert_due_sent": False, "alert_overdue_sent": False}, **vals)
        return super().write(vals)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Visit %(number)s", number=self.name)

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------
    def action_done(self):
        """Close the visit: the customer signed it, or the technician says
        why there is no signature."""
        self._service_check_transition("action_done")
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "Status: %(visit)s is not planned, so it cannot be marked "
                        "done; only planned visits are done.",
                        visit=visit.name,
                    )
                )
            if not visit.signature and not (visit.no_signature_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Customer Signature: %(visit)s is not signed; have the "
                        "customer sign it, or fill in the No Signature Reason.",
                        visit=visit.name,
                    )
                )
        now = fields.Datetime.now()
        for visit in self:
            visit._service_write_protected(
                {"state": "done", "date_done": visit.date_done or now}
            )
        self._close_alerts(self.env._("Visit done."))
        return True

    def action_cancel(self):
        self._service_check_transition("action_cancel")
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "Status: %(visit)s is not planned, so it cannot be "
                        "cancelled; only planned visits are cancelled.",
                        visit=visit.name,
                    )
                )
        self._service_write_protected({"state": "cancelled"})
        self._close_alerts(self.env._("Visit cancelled."))
        return True

    def action_plan(self):
        """A cancelled visit is planned again."""
        self._service_check_transition("action_plan")
        self.filtered(lambda v: v.state == "cancelled")._service_write_protected(
            {"state": "planned"}
        )
        return True

    def _close_alerts(self, feedback):
        """Mark the visits' reminders done: the visit no longer needs them."""
        self.activity_feedback(["mail.mail_activity_data_todo"], feedback=feedback)

    # ------------------------------------------------------------------
    # Planning (VIS-02)
    # ------------------------------------------------------------------
    @api.model
    def _cron_generate_visits(self):
        """Daily: plan the visits of every active contract of every company
        up to today + the company's horizon. Safe to run twice at once and to
        re-run: each visit is planned once.

        Each company's contract lines are shared out in slices
        (``service.job.slice``) that this job and the batch job workers of
        every node take with SKIP LOCKED, each slice committed as it ends in
        cron mode; a run cut short is resumed by the next worker (issue 15)."""
        # covers: VIS-02
        today = fields.Date.context_today(self)
        in_cron = bool(self.env.context.get("cron_id"))
        Slice = self.env["service.job.slice"]
        with internal_switch(*((COMMIT_SLICES,) if in_cron else ())):
            for company in self.env["res.company"].search([("active", "=", True)]):
                until = today + timedelta(days=company.service_visit_horizon_days)
                line_ids = self.env["service.contract.line"]._visit_plan_line_ids(
                    company, today, until
                )
                Slice._plan_and_work(
                    PLANNING_JOB,
                    self._name,
                    company,
                    f"{today}/{until}",
                    line_ids,
                    size=BATCH_SIZE,
                )

    @api.model
    def _service_job_slice_run(self, slice_):
        """A slice of the daily planning (see ``_cron_generate_visits``)."""
        date_from, date_until = map(fields.Date.to_date, slice_.run_key.split("/"))
        line_ids = self.env["service.contract.line"]._visit_plan_line_ids(
            slice_.company_id,
            date_from,
            date_until,
            id_range=(slice_.res_id_from, slice_.res_id_to),
        )
        self._generate_from_lines(line_ids, date_from, date_until)
        return len(line_ids)

    @api.model
    def _generate_from_lines(self, line_ids, date_from, date_until, commit=False):
        """Plan the visits of the contract lines ``line_ids`` due from
        ``date_from`` to ``date_until``, 500 lines at a time.

        Each batch locks its lines (advisory locks, skipped when another
        planner holds them), reads the visits they already have in one query
        and creates only the missing ones; the unique index on (contract line,
        due date) stops anything that slips through. Returns the new visits
        (those of the last batch only when ``commit`` commits each batch)."""
        created = self.browse()
        if commit and line_ids:
            self.env["ir.cron"]._commit_progress(remaining=len(line_ids))
        for chunk in split_every(BATCH_SIZE, line_ids):
            self.env.cr.execute(
                "SELECT id FROM unnest(%s::int[]) AS id "
                "WHERE pg_try_advisory_xact_lock(%s, id)",
                [list(chunk), PLAN_LOCK_KEY],
            )
            locked = [row[0] for row in self.env.cr.fetchall()]
            lines = self.env["service.contract.line"].browse(locked)
            created |= self._generate_batch(lines, date_from, date_until)
            if commit:
                # like billing runs, the planning goes on past the cron's time
                # budget: a run cut short resumes quickly, skipping the lines
                # already planned
                self.env["ir.cron"]._commit_progress(len(chunk))
                self.env.invalidate_all()
                created = self.browse()
        return created

    @api.model
    def _generate_batch(self, lines, date_from, date_until):
        plans = {}
        # a contract may have been suspended or ended since the lines were listed
        for line in lines.filtered(lambda line: line.contract_id.state == "active"):
            dates = line._visit_due_dates(date_from, date_until)
            if dates:
                plans[line] = dates
        if not plans:
            return self.browse()
        planned = self.env["service.contract.line"].concat(*plans)
        self.flush_model(["contract_line_id", "date_due"])
        self.env.cr.execute(
            """
            SELECT contract_line_id, date_due FROM service_visit
             WHERE contract_line_id = ANY(%s) AND date_due >= %s AND date_due <= %s
            """,
            [planned.ids, min(min(d) for d in plans.values()), date_until],
        )
        existing = set(self.env.cr.fetchall())
        items = self.env["service.item"].search(
            [("contract_line_id", "in", planned.ids), ("state", "=", "in_service")]
        )
        items_by_line = items.grouped("contract_line_id")
        vals_by_line = {}
        for line, dates in plans.items():
            missing = [d for d in dates if (line.id, d) not in existing]
            if missing:
                vals_by_line[line] = [
                    line._visit_values(due, items_by_line.get(line)) for due in missing
                ]
        if not vals_by_line:
            return self.browse()
        visits = self._create_planned(vals_by_line)
        self._log_planning(visits)
        return visits

    @api.model
    def _create_planned(self, vals_by_line):
        """Create the planned visits in one go; if another transaction planned
        some of them meanwhile (unique index), create line by line and skip
        the lines already planned."""
        with internal_switch(QUIET_SWITCH):
            return self._create_planned_quiet(vals_by_line)

    @api.model
    def _create_planned_quiet(self, vals_by_line):
        quiet = self.with_context(**QUIET_NO_FOLLOWERS)
        vals_list = [vals for line_vals in vals_by_line.values() for vals in line_vals]
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return quiet.create(vals_list)
        except psycopg2.errors.UniqueViolation:
            _logger.info("Visits planned concurrently; planning line by line.")
            self.env.invalidate_all()
        visits = self.browse()
        for line, line_vals in vals_by_line.items():
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    visits |= quiet.create(line_vals)
            except psycopg2.errors.UniqueViolation:
                _logger.info("Visits of contract line %s already planned.", line.id)
                self.env.invalidate_all()
        return visits

    @api.model
    def _log_planning(self, visits):
        """One audit line per contract instead of one per visit."""
        if not visits:
            return
        changes = {}
        for contract, contract_visits in visits.grouped("contract_id").items():
            dates = contract_visits.mapped("date_due")
            changes[contract.id] = self.env._(
                "Visits planned: %(count)s, due %(first)s to %(last)s",
                count=len(contract_visits),
                first=min(dates),
                last=max(dates),
            )
        self.env["service.audit.log"]._log(
            visits.contract_id, "write", changes, note=self.env._("Visit planning")
        )

    # ------------------------------------------------------------------
    # Alerts (VIS-03)
    # ------------------------------------------------------------------
    @api.model
    def _cron_visit_alerts(self, today=None):
        """Daily: a to-do for the technicians of each visit coming due within
        the company's reminder days (the contract's responsible when nobody is
        assigned), and one for the company's supervisors per overdue visit.
        Each visit gets each alert once; customers get the company's
        ``service_visit_due`` notification, when it is set up."""
        today = today or fields.Date.context_today(self)
        activities = []
        due_visits = overdue_visits = self.browse()
        for company in self.env["res.company"].search([("active", "=", True)]):
            limit = today + timedelta(days=company.service_visit_alert_days)
            due = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "planned"),
                    ("alert_due_sent", "=", False),
                    ("date_due", ">=", today),
                    ("date_due", "<=", limit),
                ]
            )
            for visit in due:
                users = visit.technician_ids or visit.contract_id.user_id
                activities += visit._alert_activities(
                    users,
                    visit.date_due,
                    self.env._(
                        "Visit %(visit)s due on %(date)s",
                        visit=visit.name,
                        date=visit.date_due,
                    ),
                )
            due_visits |= due
            overdue = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "planned"),
                    ("alert_overdue_sent", "=", False),
                    ("date_due", "<", today),
                ]
            )
            if overdue:
                supervisors = self.env["res.users"].search(
                    [
                        (
                            "all_group_ids",
                            "in",
                            self.env.ref("service_base.group_service_supervisor").id,
                        ),
                        ("share", "=", False),
                        ("company_ids", "in", company.id),
                    ]
                )
                for visit in overdue:
                    activities += visit._alert_activities(
                        supervisors,
                        today,
                        self.env._(
                            "Visit %(visit)s overdue since %(date)s",
                            visit=visit.name,
                            date=visit.date_due,
                        ),
                    )
            overdue_visits |= overdue
        self.env["mail.activity"].create(activities)
        due_visits.write({"alert_due_sent": True})
        overdue_visits.write({"alert_overdue_sent": True})
        notifications = self.env["service.notification.template"]
        notifications._notify("service_visit_due", due_visits)
        notifications._notify("service_visit_overdue", overdue_visits)
        return due_visits, overdue_visits

    def _alert_activities(self, users, deadline, summary):
        self.ensure_one()
        model_id = self.env["ir.model"]._get_id(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo")
        return [
            {
                "res_model_id": model_id,
                "res_id": self.id,
                "activity_type_id": todo.id,
                "user_id": user.id,
                "date_deadline": deadline,
                "summary": summary,
            }
            for user in users
        ]
