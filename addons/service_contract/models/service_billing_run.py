# covers: CON-04, CON-05
import logging
import time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET as QUIET_SWITCH,
)
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
    internal_switch_active,
)

from .account_move_line import BILLING_CONTEXT

_logger = logging.getLogger(__name__)

# contracts locked, billed and committed together
BATCH_SIZE = 500
# invoices created and posted together: Odoo's posting queries (sequence,
# payment state) slow down sharply past a few hundred moves per call
POST_CHUNK = 100
# chunks between two refreshes of the planner statistics (see
# _refresh_statistics)
ANALYZE_EVERY = 3
ANALYZE_LOCK_KEY = 0x5E5B111
# internal switch: the daily job commits each batch
COMMIT_BATCHES = "service_commit_batches"
# contexts that keep per-invoice chatter out of batch billing (the audit is
# kept quiet by the QUIET_SWITCH internal switch, which no caller can set)
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
}


class ServiceBillingRun(models.Model):
    """One billing run: invoices for every contract of a company due up to a
    date, held contracts with their reasons, per-contract errors.

    Idempotent and safe to run twice at once: due contracts are locked batch by
    batch (``FOR UPDATE SKIP LOCKED``) and a unique index on invoice lines
    (contract line, period) refuses a second invoice for the same period. In
    cron mode each batch is committed, so a crashed run resumes where it
    stopped when started again.
    """

    _name = "service.billing.run"
    _description = "Billing Run"
    _inherit = ["service.protected.fields.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    # covers: API-01 (a run's outcome is written by the run only)
    _service_protected_fields = ("state", "contract_count", "duration", "date_done")
    _service_transitions = {"action_run": "service_base.group_service_supervisor"}

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_until = fields.Date(
        "Bill Up To", required=True, default=fields.Date.context_today
    )
    post_invoices = fields.Boolean(
        default=True, help="Post the invoices to the ledger (otherwise keep drafts)."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    invoice_ids = fields.One2many(
        "account.move", "service_billing_run_id", string="Invoices", readonly=True
    )
    invoice_count = fields.Integer(compute="_compute_counts", store=True)
    issue_ids = fields.One2many(
        "service.billing.run.issue", "run_id", string="Held and Failed", readonly=True
    )
    held_count = fields.Integer("Held", compute="_compute_counts", store=True)
    error_count = fields.Integer("Errors", compute="_compute_counts", store=True)
    contract_count = fields.Integer("Contracts Billed", readonly=True)
    duration = fields.Float("Duration (s)", readonly=True)
    date_done = fields.Datetime(readonly=True)

    @api.depends("invoice_ids", "issue_ids.kind")
    def _compute_counts(self):
        for run in self:
            run.invoice_count = len(run.invoice_ids)
            run.held_count = len(run.issue_ids.filtered(lambda i: i.kind == "held"))
            run.error_count = len(run.issue_ids.filtered(lambda i: i.kind == "error"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("service.billing.run") or "/"
                )
        return super().create(vals_list)

    @api.model
    def _cron_bill(self):
        """Daily: one run per company, batches committed as they go."""
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([("active", "=", True)])
        for company in companies:
            run = self.with_company(company).create(
                {
                    "company_id": company.id,
                    "date_until": today,
                    "post_invoices": company.service_billing_post,
                }
            )
            # an internal switch, not a context key: a caller of action_run
            # never commits halfway through his request
            with internal_switch(COMMIT_BATCHES):
                run.action_run()

    def action_run(self):
        self.check_access("write")
        if not self.env.user.has_group("service_base.group_service_supervisor"):
            raise UserError(self.env._("Only a Services supervisor runs billing."))
        for run in self:
            with internal_switch(QUIET_SWITCH, "protected:service.billing.run"):
                run._run()
        return True

    # ------------------------------------------------------------------
    def _run(self):
        self.ensure_one()
        started = time.perf_counter()
        self.state = "running"
        company = self.company_id
        env = self.with_company(company).with_context(**QUIET).env
        self.flush_model()
        env["service.contract"].flush_model()
        env.cr.execute(
            """
            SELECT id FROM service_contract
             WHERE company_id = %s AND state = 'active'
               AND next_billing_date IS NOT NULL AND next_billing_date <= %s
             ORDER BY id
            """,
            [company.id, self.date_until],
        )
        due_ids = [row[0] for row in env.cr.fetchall()]
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        billed = 0
        for chunk in split_every(BATCH_SIZE, due_ids):
            env.cr.execute(
                """
                SELECT id FROM service_contract
                 WHERE id = ANY(%s) AND state = 'active'
                   AND next_billing_date <= %s
                   FOR UPDATE SKIP LOCKED
                """,
                [list(chunk), self.date_until],
            )
            locked = [row[0] for row in env.cr.fetchall()]
            contracts = env["service.contract"].browse(locked)
            self._refresh_statistics(env)
            billed += self._bill_batch(contracts, journal)
            if internal_switch_active(COMMIT_BATCHES):
                self.env["ir.cron"]._commit_progress(len(locked))
            env.invalidate_all()
        self._settle_due(env)
        self.write(
            {
                "state": "done",
                "contract_count": billed,
                "duration": time.perf_counter() - started,
                "date_done": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "%(invoices)s invoice(s) for %(contracts)s contract(s); %(held)s "
                "held, %(errors)s error(s).",
                invoices=self.invoice_count,
                contracts=billed,
                held=self.held_count,
                errors=self.error_count,
            )
        )

    def _refresh_statistics(self, env):
        """Let PostgreSQL re-plan Odoo's posting queries as the run grows the
        journal-item tables. Statistics taken when the tables were small make
        the planner choose nested scans that turn quadratic after a few
        thousand new invoices in one transaction; ANALYZE also counts the
        rows this transaction inserted."""
        env.flush_all()
        # ANALYZE's table lock lasts until commit: a second run must not wait
        # for the first one, so only the run holding this key refreshes
        env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [ANALYZE_LOCK_KEY])
        if env.cr.fetchone()[0]:
            env.cr.execute("ANALYZE account_move, account_move_line")

    def _bill_batch(self, contracts, default_journal):
        """Invoice the due periods of ``contracts``; returns how many got
        at least one invoice."""
        env = contracts.env
        lines = contracts.line_ids
        inputs = self._inputs_by_line_period(lines)
        previous = self._previous_amounts(lines)
        plans, issues = [], []
        for contract in contracts:
            try:
                contract_plans, hold = self._plan_contract(
                    contract, inputs, previous, default_journal
                )
            except Exception as error:
                _logger.exception("Billing run %s: %s failed", self.name, contract.name)
                issues.append(self._issue(contract, "error", str(error)))
                continue
            plans.extend(contract_plans)
            if hold:
                issues.append(self._issue(contract, "held", hold[1], hold[0]))
        done = self._create_invoices(env, plans, issues)
        self._send_invoices(
            env["account.move"].search(
                [
                    ("service_billing_run_id", "=", self.id),
                    ("service_contract_id", "in", contracts.ids),
                ]
            )
        )
        self._advance_contracts(env, plans, done)
        if issues:
            env["service.billing.run.issue"].sudo().create(issues)
        return len({plan["contract"] for plan in plans if plan["key"] in done})

    def _settle_due(self, env):
        """Settle advance contracts whose settlement date has come."""
        contracts = env["service.contract"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("active", "suspended", "ended")),
                ("settlement_date", "!=", False),
                ("settlement_date", "<=", self.date_until),
            ]
        )
        issues = []
        for contract in contracts:
            try:
                with env.cr.savepoint():
                    contract._settle(billing_run=self)
            except Exception as error:  # one contract never stops a run
                issues.append(
                    self._issue(contract, "error", str(error), contract.settlement_date)
                )
        if issues:
            env["service.billing.run.issue"].sudo().create(issues)

    def _send_invoices(self, moves):
        """Queue the invoice e-mail of contracts that ask for it."""
        to_send = moves.filtered(
            lambda m: (
                m.service_contract_id.invoice_send == "email"
                and m.partner_id.email
                and m.state == "posted"
            )
        )
        if to_send:
            template = self.env.ref("account.email_template_edi_invoice")
            template.send_mail_batch(to_send.ids)

    def _issue(self, contract, kind, message, period_start=False):
        return {
            "run_id": self.id,
            "contract_id": contract.id,
            "kind": kind,
            "message": message,
            "period_start": period_start,
        }

    def _inputs_by_line_period(self, lines):
        formula_lines = lines.filtered("formula_id")
        if not formula_lines:
            return {}
        rows = self.env["service.contract.input"].search_read(
            [("line_id", "in", formula_lines.ids)],
            ["line_id", "period_start", "name", "value"],
            load=False,
        )
        result = {}
        for row in rows:
            key = (row["line_id"], row["period_start"])
            result.setdefault(key, {})[row["name"]] = row["value"]
        return result

    def _previous_amounts(self, lines):
        """Last billed amount of each formula line (input previous_amount)."""
        formula_lines = lines.filtered("formula_id")
        if not formula_lines:
            return {}
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (service_contract_line_id)
                   service_contract_line_id, price_subtotal
              FROM account_move_line
             WHERE service_contract_line_id = ANY(%s) AND parent_state = 'posted'
             ORDER BY service_contract_line_id, service_period_start DESC
            """,
            [formula_lines.ids],
        )
        return dict(self.env.cr.fetchall())

    def _plan_contract(self, contract, inputs, previous, default_journal):
        """Invoice values for each due period of one contract, stopping at the
        first period that must be held. Returns (plans, hold or None)."""
        plans = []
        journal = contract.journal_id or default_journal or contract._invoice_journal()
        partner = contract.partner_invoice_id or contract.partner_id
        for start, end, next_start in contract._due_periods(self.date_until):
            if contract.advance_amount:
                lines, reason = [contract._advance_invoice_line(start, end)], None
            else:
                lines, reason = contract._period_invoice_lines(
                    start, end, inputs, previous
                )
            if reason:
                return plans, (start, reason)
            if not lines:  # only lines with their own periods, none due now
                plans.append(
                    {
                        "contract": contract.id,
                        "key": (contract.id, start),
                        "next_start": next_start,
                        "vals": None,
                    }
                )
                continue
            plans.append(
                {
                    "contract": contract.id,
                    "key": (contract.id, start),
                    "next_start": next_start,
                    "vals": {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "company_id": contract.company_id.id,
                        "journal_id": journal.id,
                        "currency_id": contract.currency_id.id,
                        "invoice_date": start
                        if contract.billing_mode == "advance"
                        else end,
                        "invoice_payment_term_id": contract.payment_term_id.id,
                        "fiscal_position_id": contract.fiscal_position_id.id,
                        "invoice_origin": contract.name,
                        "invoice_user_id": contract.user_id.id,
                        "service_contract_id": contract.id,
                        "service_billing_run_id": self.id,
                        "invoice_line_ids": [(0, 0, values) for values in lines],
                    },
                }
            )
        return plans, None

    def _create_invoices(self, env, plans, issues):
        """Create (and post) the invoices of a batch, a chunk at a time; if a
        chunk fails, redo it invoice by invoice so only the faulty contract
        is left out. Returns the keys (contract, period start) invoiced."""
        moves_env = env["account.move"].with_context(**QUIET)
        done = {plan["key"] for plan in plans if plan["vals"] is None}
        plans = [plan for plan in plans if plan["vals"] is not None]
        for index, chunk in enumerate(split_every(POST_CHUNK, plans)):
            if index % ANALYZE_EVERY == ANALYZE_EVERY - 1:
                self._refresh_statistics(env)
            try:
                with env.cr.savepoint(), internal_switch(BILLING_CONTEXT):
                    moves = moves_env.create([plan["vals"] for plan in chunk])
                    if self.post_invoices:
                        moves.action_post()
                done.update(plan["key"] for plan in chunk)
                continue
            except Exception:  # isolate the faulty contract below
                _logger.info("Billing run %s: a chunk failed, isolating", self.name)
            failed_contracts = set()
            for plan in chunk:
                if plan["contract"] in failed_contracts:
                    continue  # later periods wait for the failed one
                try:
                    with env.cr.savepoint(), internal_switch(BILLING_CONTEXT):
                        move = moves_env.create(plan["vals"])
                        if self.post_invoices:
                            move.action_post()
                    done.add(plan["key"])
                except Exception as error:  # one contract never stops a run
                    failed_contracts.add(plan["contract"])
                    contract = env["service.contract"].browse(plan["contract"])
                    issues.append(
                        self._issue(contract, "error", str(error), plan["key"][1])
                    )
        return done

    def _advance_contracts(self, env, plans, done):
        """Move each contract's next billing date past its last invoiced
        period, in one UPDATE per distinct date."""
        next_dates = {}
        for plan in plans:
            if plan["key"] in done:
                next_dates[plan["contract"]] = plan["next_start"]
        by_date = {}
        for contract_id, next_start in next_dates.items():
            by_date.setdefault(next_start, []).append(contract_id)
        Contract = env["service.contract"]
        for next_start, contract_ids in by_date.items():
            contracts = Contract.browse(contract_ids)
            if next_start is None:  # one-off contracts are done once billed
                contracts._service_write_protected(
                    {"next_billing_date": False, "state": "ended"}
                )
            else:
                contracts._service_write_protected({"next_billing_date": next_start})

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("service_billing_run_id", "=", self.id)]
        action["context"] = {"create": False}
        return action


class ServiceBillingRunIssue(models.Model):
    _name = "service.billing.run.issue"
    _description = "Billing Run: held or failed contract"
    _order = "run_id, kind, id"
    _check_company_auto = True

    run_id = fields.Many2one(
        "service.billing.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    contract_id = fields.Many2one("service.contract", required=True, index=True)
    partner_id = fields.Many2one(related="contract_id.partner_id")
    kind = fields.Selection(
        [("held", "Held"), ("error", "Error")], required=True, index=True
    )
    period_start = fields.Date()
    message = fields.Text(required=True)
