# covers: DUN-02
import logging
import time

from psycopg2 import errors

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET as QUIET_SWITCH,
)
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
    internal_switch_active,
)
from odoo.addons.service_base.tools.context import QUIET_NO_FOLLOWERS
from odoo.addons.service_base.tools.counts import assign_counts

_logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# internal switch: the daily job commits each batch
COMMIT_BATCHES = "service_dunning_commit_batches"
# first key of the advisory lock a worker holds on each customer it reminds
PARTNER_LOCK_KEY = 47_120_412


class ServiceDunningRun(models.Model):
    """One dunning run of a company on a date: every customer with overdue
    receivable items is placed at one level (by his oldest overdue item)
    and gets one communication for that level, listing every overdue item.

    Exactly once by construction: a communication is unique per customer,
    level and oldest due date (the "episode"), claimed with
    ``INSERT ... ON CONFLICT DO NOTHING`` while the worker holds an advisory
    lock on the customer; batches are committed in the daily job, so a
    crashed run is simply run again."""

    _name = "service.dunning.run"
    _description = "Dunning Run"
    _inherit = ["service.audit.mixin", "mail.thread", "service.numbering.mixin"]
    _numbering_code = "service.dunning.run"
    _numbering_prefix = "DUN/"
    _order = "date desc, id desc"
    _check_company_auto = True
    # covers: API-01 (a run moves and counts only through its actions)
    _service_protected_fields = (
        "state",
        "communication_count",
        "skipped_count",
        "fallback_count",
        "heartbeat",
        "date_done",
    )
    _service_transitions = {
        "action_run": "account.group_account_invoice",
        "action_send": "account.group_account_invoice",
    }

    name = fields.Char(default="/", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    trigger = fields.Selection(
        [("manual", "Manual"), ("cron", "Daily job")], default="manual", readonly=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("review", "To review"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    communication_ids = fields.One2many(
        "service.dunning.communication", "run_id", "Communications", readonly=True
    )
    communication_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(
        readonly=True,
        help="Customers with overdue items left out: disputed items only, "
        "excluded, under a kept instalment plan, below every level's minimum.",
    )
    fallback_count = fields.Integer(
        "E-mails Failed", readonly=True, help="Sent as letters instead."
    )
    letter_count = fields.Integer(compute="_compute_letter_count")
    heartbeat = fields.Datetime(readonly=True)
    date_done = fields.Datetime(readonly=True)

    def _compute_letter_count(self):
        assign_counts(
            self,
            "letter_count",
            "service.dunning.communication",
            "run_id",
            [("send_letter", "=", True)],
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def _cron_run(self):
        """Daily: one run per company, batches committed as they go."""
        today = fields.Date.context_today(self)
        # the companies that remind their customers: those with a scenario
        groups = self.env["service.dunning.scenario"]._read_group(
            [("active", "=", True)], ["company_id"]
        )
        for (company,) in groups:
            run = (
                self.with_company(company)
                .sudo()
                ._service_create_protected(
                    [{"company_id": company.id, "date": today, "trigger": "cron"}]
                )
            )
            with internal_switch(COMMIT_BATCHES):
                run.action_run()

    def action_run(self):
        """Place every customer at his level and prepare (or send) one
        communication per customer and level; rerunning sends nothing new."""
        self._service_check_transition("action_run", ("draft", "running"))
        for run in self:
            run._service_write_protected(
                {"state": "running", "heartbeat": fields.Datetime.now()}
            )
            if internal_switch_active(COMMIT_BATCHES):
                # others see the run as running (and its worker's heartbeat)
                self.env["ir.cron"]._commit_progress()
            with internal_switch(QUIET_SWITCH):
                run.sudo()._run()
        return True

    def action_send(self):
        """After review: send what the run prepared."""
        self._service_check_transition("action_send", ("review",))
        for run in self:
            pending = run.communication_ids.filtered(lambda c: c.state == "to_review")
            with internal_switch(QUIET_SWITCH):
                pending.sudo()._send()
                run.sudo()._finish()
        return True

    def action_view_letters(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Letters to post"),
            "res_model": "service.dunning.communication",
            "view_mode": "list,form",
            "domain": [("run_id", "=", self.id), ("send_letter", "=", True)],
        }

    def action_print_letters(self):
        letters = self.communication_ids.filtered("send_letter")
        return self.env.ref(
            "service_dunning.action_report_dunning_letter"
        ).report_action(letters)

    # ------------------------------------------------------------------
    # Work
    # ------------------------------------------------------------------
    def _run(self):
        """Select, lock, claim and send by batches of customers."""
        self.ensure_one()
        started = time.perf_counter()
        env = self.env(context=dict(self.env.context, **QUIET_NO_FOLLOWERS))
        run = self.with_env(env)
        env["service.dunning.communication"]._fallback_failed_emails(run.company_id)
        env["service.instalment.plan"]._check_kept(run.company_id, run.date)
        overdue = run._overdue_customers()
        for chunk in split_every(BATCH_SIZE, list(overdue)):
            env.cr.execute(
                "SELECT id FROM unnest(%s::int[]) AS id "
                "WHERE pg_try_advisory_xact_lock(%s, id)",
                [list(chunk), PARTNER_LOCK_KEY],
            )
            locked = [row[0] for row in env.cr.fetchall()]
            run._process_batch({pid: overdue[pid] for pid in locked})
            if internal_switch_active(COMMIT_BATCHES):
                run._service_write_protected({"heartbeat": fields.Datetime.now()})
                env["ir.cron"]._commit_progress(len(locked))
            env.invalidate_all()
        run._finish(duration=time.perf_counter() - started)

    def _overdue_customers(self):
        """{commercial partner id: (oldest due date, overdue total)} over the
        company's open receivable items due before the run's date, without
        disputed invoices: one query."""
        self.ensure_one()
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model(["service_disputed"])
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       MIN(line.date_maturity),
                       SUM(line.amount_residual)
                  FROM account_move_line line
                  JOIN account_account account ON account.id = line.account_id
                  JOIN account_move move ON move.id = line.move_id
                  JOIN res_partner partner ON partner.id = line.partner_id
                 WHERE line.company_id = %(company)s
                   AND line.parent_state = 'posted'
                   AND line.reconciled IS NOT TRUE
                   AND account.account_type = 'asset_receivable'
                   AND line.amount_residual > 0
                   AND line.date_maturity < %(date)s
                   AND move.service_disputed IS NOT TRUE
                 GROUP BY partner.commercial_partner_id
                 ORDER BY partner.commercial_partner_id
                """,
                company=self.company_id.id,
                date=self.date,
            )
        )
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    def _process_batch(self, overdue):
        """Place the customers of ``overdue`` at their level, claim their
        communications and send them (unless the scenario wants a review)."""
        if not overdue:
            return
        env = self.env
        company = self.company_id
        partners = env["res.partner"].with_company(company).browse(list(overdue))
        default = env["service.dunning.scenario"].search(
            [("company_id", "=", company.id), ("is_default", "=", True)], limit=1
        )
        under_plan = set(
            env["service.instalment.plan"]
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "active"),
                    ("company_id", "=", company.id),
                ]
            )
            .mapped("partner_id.id")
        )
        claims = []
        skipped = 0
        for partner in partners:
            oldest, total = overdue[partner.id]
            scenario = partner.service_dunning_scenario_id or default
            if (
                not scenario
                or partner.service_dunning_excluded
                or partner.id in under_plan
            ):
                skipped += 1
                continue
            level = scenario._level_for((self.date - oldest).days, total)
            if not level:
                skipped += 1
                continue
            claims.append((partner, scenario, level, oldest, total))
        communications = self._claim(claims)
        communications._add_lines(self.date)
        review = communications.filtered("scenario_id.review_before_send")
        review._service_write_protected({"state": "to_review"})
        (communications - review)._send()
        self._service_write_protected(
            {
                "communication_count": self.communication_count + len(communications),
                "skipped_count": self.skipped_count + skipped,
            }
        )

    def _claim(self, claims):
        """Insert the communications of ``claims`` that do not exist yet
        (same customer, level and oldest due date) nor at a higher level of
        the same episode; returns those this run inserted."""
        Communication = self.env["service.dunning.communication"]
        if not claims:
            return Communication
        partner_ids = [claim[0].id for claim in claims]
        self.env.cr.execute(
            """
            SELECT c.partner_id, c.reference_date, MAX(l.days_after_due)
              FROM service_dunning_communication c
              JOIN service_dunning_level l ON l.id = c.level_id
             WHERE c.partner_id = ANY(%s) AND c.company_id = %s
             GROUP BY c.partner_id, c.reference_date
            """,
            [partner_ids, self.company_id.id],
        )
        reached = {(row[0], row[1]): row[2] for row in self.env.cr.fetchall()}
        rows = []
        now = fields.Datetime.now()
        for partner, scenario, level, oldest, total in claims:
            if reached.get((partner.id, oldest), -1) >= level.days_after_due:
                continue
            rows.append(
                (
                    self.id,
                    self.company_id.id,
                    partner.id,
                    scenario.id,
                    level.id,
                    oldest,
                    self.date,
                    total,
                    self.env.uid,
                    now,
                    self.env.uid,
                    now,
                )
            )
        if not rows:
            return Communication
        values = SQL(", ").join(SQL("%s", row) for row in rows)
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        """
                        INSERT INTO service_dunning_communication
                            (run_id, company_id, partner_id, scenario_id,
                             level_id, reference_date, date, amount_overdue,
                             create_uid, create_date, write_uid, write_date,
                             state, approval_state, send_email, send_letter,
                             send_sms, fallback_letter)
                        SELECT v.*, 'draft', 'draft', FALSE, FALSE, FALSE, FALSE
                          FROM (VALUES %s) AS v
                        ON CONFLICT (partner_id, level_id, reference_date)
                        DO NOTHING
                        RETURNING id
                        """,
                        values,
                    )
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
        except (errors.SerializationFailure, errors.UniqueViolation):
            # another worker committed these customers between our snapshot
            # and our lock: they are his
            _logger.info("dunning run %s: batch claimed by another worker", self.id)
            return Communication
        return Communication.browse(ids)

    def _finish(self, duration=None):
        self.ensure_one()
        pending = self.communication_ids.filtered(lambda c: c.state == "to_review")
        values = {"state": "review" if pending else "done"}
        if not pending:
            values["date_done"] = fields.Datetime.now()
        values["fallback_count"] = len(
            self.communication_ids.filtered("fallback_letter")
        )
        self._service_write_protected(values)
        self.message_post(
            body=self.env._(
                "%(count)s communication(s), %(letters)s letter(s) (%(failed)s "
                "after a failed e-mail), %(skipped)s customer(s) skipped.",
                count=self.communication_count,
                letters=self.letter_count,
                failed=values["fallback_count"],
                skipped=self.skipped_count,
            )
            + (
                self.env._(" %(seconds).1f s.", seconds=duration)
                if duration is not None
                else ""
            )
        )
