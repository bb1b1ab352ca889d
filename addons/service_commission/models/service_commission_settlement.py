# covers: AGT-02, AGT-03
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.service_base.models.service_job_slice import COMMIT_SLICES
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

_logger = logging.getLogger(__name__)

PAID_STATES = ("paid", "in_payment")
EARNING_STATES = ("active", "suspended", "ended")
# first key of the advisory locks taken per company and agent while settling
LOCK_KEY = 730_000_000
SETTLEMENT_JOB = "service_commission.settlement"
# agents per slice of the monthly settlement job
SETTLEMENT_SLICE_SIZE = 50


class ServiceCommissionSettlement(models.Model):
    _name = "service.commission.settlement"
    _description = "Commission Settlement"
    _inherit = [
        "service.audit.mixin",
        "mail.thread",
        "service.numbering.mixin",
    ]
    _numbering_code = "service.commission.settlement"
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # covers: AGT-03, API-01 (reviewed and billed only through the actions)
    _service_protected_fields = ("state", "bill_id", "reviewed_by_id")
    _service_transitions = {
        "action_review": "service_base.group_service_supervisor",
        "action_reset_draft": "service_base.group_service_supervisor",
        "action_cancel": "service_base.group_service_supervisor",
        "action_create_bill": "service_base.group_service_supervisor",
    }

    # one open settlement per agent and period: the job fills it, reruns too
    _draft_period_uniq = models.UniqueIndex(
        "(agent_id, company_id, date_from, date_to) WHERE state = 'draft'",
        "This agent already has a draft settlement for this period.",
    )

    name = fields.Char(
        "Number", required=True, copy=False, readonly=True, default="/", index=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("reviewed", "Reviewed"),
            ("invoiced", "Invoiced"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    agent_id = fields.Many2one(
        "res.partner",
        "Sales Agent",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain=[("service_is_agent", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date("Period From", required=True, tracking=True)
    date_to = fields.Date("Period To", required=True, tracking=True)
    line_ids = fields.One2many(
        "service.commission.settlement.line", "settlement_id", "Lines"
    )
    amount_commission = fields.Monetary(
        "Commissions", compute="_compute_amounts", store=True
    )
    amount_clawback = fields.Monetary(
        "Clawbacks", compute="_compute_amounts", store=True
    )
    amount_total = fields.Monetary(
        "Total", compute="_compute_amounts", store=True, tracking=True
    )
    bill_id = fields.Many2one(
        "account.move",
        "Vendor Bill",
        copy=False,
        readonly=True,
        check_company=True,
        tracking=True,
    )
    reviewed_by_id = fields.Many2one("res.users", copy=False, readonly=True)

    @api.depends("line_ids.amount", "line_ids.kind")
    def _compute_amounts(self):
        for settlement in self:
            lines = settlement.line_ids
            clawback = sum(
                lines.filtered(lambda x: x.kind == "clawback").mapped("amount")
            )
            total = sum(lines.mapped("amount"))
            settlement.amount_clawback = clawback
            settlement.amount_commission = total - clawback
            settlement.amount_total = total

    @api.depends("name", "agent_id", "date_from", "date_to")
    def _compute_display_name(self):
        for settlement in self:
            settlement.display_name = self.env._(
                "%(number)s %(agent)s (%(start)s - %(end)s)",
                number=settlement.name,
                agent=settlement.agent_id.name or "",
                start=settlement.date_from or "",
                end=settlement.date_to or "",
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for settlement in self:
            if settlement.date_from > settlement.date_to:
                raise ValidationError(
                    self.env._(
                        "Period To: %(settlement)s ends before it starts; enter an "
                        "end on or after the start.",
                        settlement=settlement.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(s.state not in ("draft", "cancel") for s in self):
            raise UserError(
                self.env._(
                    "Only draft or cancelled settlements can be deleted; cancel "
                    "the settlement first (an invoiced one: cancel its bill)."
                )
            )

    # ------------------------------------------------------------------ actions

    def action_review(self):
        self._service_check_transition("action_review")
        for settlement in self:
            if settlement.state != "draft":
                raise UserError(
                    self.env._(
                        "%(settlement)s is not a draft: only drafts are reviewed.",
                        settlement=settlement.display_name,
                    )
                )
        self._service_write_protected(
            {"state": "reviewed", "reviewed_by_id": self.env.uid}
        )
        return True

    def action_reset_draft(self):
        self._service_check_transition("action_reset_draft")
        for settlement in self:
            if settlement.state != "reviewed":
                raise UserError(
                    self.env._(
                        "%(settlement)s is not reviewed: only reviewed settlements "
                        "go back to draft.",
                        settlement=settlement.display_name,
                    )
                )
            settlement._check_no_other_draft()
        self._service_write_protected({"state": "draft", "reviewed_by_id": False})
        return True

    def _check_no_other_draft(self):
        self.ensure_one()
        if self.search_count(
            [
                ("id", "!=", self.id),
                ("state", "=", "draft"),
                ("agent_id", "=", self.agent_id.id),
                ("company_id", "=", self.company_id.id),
                ("date_from", "=", self.date_from),
                ("date_to", "=", self.date_to),
            ]
        ):
            raise UserError(
                self.env._(
                    "%(agent)s already has a draft settlement for this period: "
                    "review or cancel it first.",
                    agent=self.agent_id.display_name,
                )
            )

    def action_cancel(self):
        """Cancel: its lines are released, so the next run settles their
        invoices and contracts again."""
        self._service_check_transition("action_cancel")
        for settlement in self:
            if settlement.state == "invoiced" and settlement.bill_id.state != "cancel":
                raise UserError(
                    self.env._(
                        "%(settlement)s is billed by %(bill)s: cancel or reverse "
                        "the bill first.",
                        settlement=settlement.display_name,
                        bill=settlement.bill_id.display_name,
                    )
                )
        for settlement in self:
            if settlement.line_ids:
                settlement.message_post(
                    body=self.env._(
                        "Cancelled: %(count)s lines of %(total)s released.",
                        count=len(settlement.line_ids),
                        total=settlement.amount_total,
                    )
                )
        self.line_ids.unlink()
        self._service_write_protected({"state": "cancel"})
        return True

    def action_create_bill(self):
        """One vendor bill per reviewed settlement, to the agent, one line per
        kind and service category, on the company's commission account."""
        self._service_check_transition("action_create_bill")
        moves = self.env["account.move"]
        for settlement in self:
            moves |= settlement._create_bill()
        return self.action_view_bill() if moves else True

    def action_view_bill(self):
        bills = self.mapped("bill_id")
        domain = [("id", "in", bills.ids)]
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Commission Bills"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": domain,
        }
        if len(bills) == 1:
            action.update(view_mode="form", res_id=bills.id)
        return action

    # ---------------------------------------------------------------- vendor bill

    def _create_bill(self):
        self.ensure_one()
        if self.state != "reviewed":
            raise UserError(
                self.env._(
                    "%(settlement)s is not reviewed: review it before billing.",
                    settlement=self.display_name,
                )
            )
        company = self.company_id
        account = company.service_commission_account_id
        if not account:
            raise UserError(
                self.env._(
                    "Commission Expense Account: not set for %(company)s; set it "
                    "in Services settings before billing commissions.",
                    company=company.name,
                )
            )
        journal = company.service_commission_journal_id or self.env[
            "account.journal"
        ].search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "purchase"),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "Commission Journal: %(company)s has no purchase journal; "
                    "create one or set it in Services settings.",
                    company=company.name,
                )
            )
        if self.currency_id.is_zero(self.amount_total):
            raise UserError(
                self.env._(
                    "%(settlement)s totals zero: nothing to bill; cancel it instead.",
                    settlement=self.display_name,
                )
            )
        sign = 1 if self.amount_total > 0 else -1
        grouped = defaultdict(float)
        for line in self.line_ids:
            grouped[(line.kind, line.category_id)] += line.amount
        kinds = dict(
            self.env["service.commission.settlement.line"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        # through the fiscal position like every move of the suite; commission
        # lines carry no tax of their own, so nothing is mapped onto them
        fiscal_position = self.env["service.contract"]._get_invoice_fiscal_position(
            self.agent_id, company
        )
        no_taxes = self.env["service.contract"]._map_invoice_taxes(
            self.env["account.tax"], fiscal_position
        )
        invoice_lines = []
        for (kind, category), amount in sorted(
            grouped.items(), key=lambda item: (item[0][0], item[0][1].id)
        ):
            if self.currency_id.is_zero(amount):
                continue
            label = kinds[kind]
            if category:
                label = f"{label}: {category.display_name}"
            invoice_lines.append(
                Command.create(
                    {
                        "name": self.env._(
                            "%(label)s (%(settlement)s)",
                            label=label,
                            settlement=self.name,
                        ),
                        "account_id": account.id,
                        "quantity": 1,
                        "price_unit": sign * amount,
                        "tax_ids": [Command.set(no_taxes.ids)],
                    }
                )
            )
        bill = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "in_invoice" if sign > 0 else "in_refund",
                    "partner_id": self.agent_id.id,
                    "company_id": company.id,
                    "journal_id": journal.id,
                    "fiscal_position_id": fiscal_position.id,
                    "invoice_date": self.date_to,
                    "date": max(self.date_to, fields.Date.context_today(self)),
                    "ref": self.name,
                    "invoice_origin": self.name,
                    "currency_id": self.currency_id.id,
                    "invoice_line_ids": invoice_lines,
                }
            )
        )
        if company.service_commission_post_bills:
            bill.action_post()
        self._service_write_protected({"state": "invoiced", "bill_id": bill.id})
        return bill

    # --------------------------------------------------------------- settlement job

    @api.model
    def _cron_compute(self, today=None):
        """Monthly job: settle the previous calendar month in every company
        with a commission plan.

        Each company's agents are shared out in slices (``service.job.slice``)
        that this job and the batch job workers of every node take with SKIP
        LOCKED, each slice committed as it ends in cron mode; a run cut short
        is resumed by the next worker, and the unique keys of the settlement
        lines stay the last guard against a double count (issue 15)."""
        # covers: AGT-02
        today = today or fields.Date.context_today(self)
        date_to = today.replace(day=1) - relativedelta(days=1)
        date_from = date_to.replace(day=1)
        groups = self.env["service.commission.plan"]._read_group(
            [("active", "=", True)], ["company_id"]
        )
        in_cron = bool(self.env.context.get("cron_id"))
        Slice = self.env["service.job.slice"]
        with internal_switch(*((COMMIT_SLICES,) if in_cron else ())):
            for (company,) in groups:
                agents = (
                    self.env["res.partner"]
                    .with_company(company)
                    .search([("service_is_agent", "=", True)])
                    .filtered("service_commission_plan_id")
                )
                Slice._plan_and_work(
                    SETTLEMENT_JOB,
                    self._name,
                    company,
                    f"{date_from}/{date_to}",
                    agents.ids,
                    size=SETTLEMENT_SLICE_SIZE,
                )

    @api.model
    def _service_job_slice_run(self, slice_):
        """A slice of the monthly settlement (see ``_cron_compute``)."""
        date_from, date_to = map(fields.Date.to_date, slice_.run_key.split("/"))
        company = slice_.company_id
        agents = (
            self.env["res.partner"]
            .with_company(company)
            .search(
                [
                    ("service_is_agent", "=", True),
                    ("id", ">=", slice_.res_id_from),
                    ("id", "<=", slice_.res_id_to),
                ]
            )
        )
        if not agents:
            return 0
        self._compute_settlements(company, date_from, date_to, agents=agents)
        return len(agents)

    @api.model
    def _compute_settlements(self, company, date_from, date_to, agents=None):
        """Settle, for each agent of ``company`` with a plan there, what he
        earned up to ``date_to`` and was not settled yet, into his draft
        settlement of the period. Safe to rerun and to run on two workers: an
        agent busy in another transaction is skipped, and unique keys on the
        lines refuse any double count."""
        self.env.flush_all()  # the job reads invoices and payments in SQL
        Partner = self.env["res.partner"].with_company(company)
        domain = [("service_is_agent", "=", True)]
        if agents:
            domain.append(("id", "in", agents.ids))
        agents = Partner.search(domain).filtered("service_commission_plan_id")
        agents = self._lock_agents(company, agents)
        if not agents:
            return self.browse()
        plans = {agent.id: agent.service_commission_plan_id for agent in agents}
        values = defaultdict(list)  # agent id -> settlement line values
        self._collect_invoice_lines(company, date_to, plans, values)
        early = self._early_terminations(company, date_to, plans)
        self._collect_fixed(company, date_to, plans, early, values)
        settlements = self.browse()
        for agent in agents:
            clawbacks = early.get(agent.id)
            if not values[agent.id] and not clawbacks:
                continue
            settlement = self._draft_for(agent, company, date_from, date_to)
            self.env["service.commission.settlement.line"].create(
                [dict(v, settlement_id=settlement.id) for v in values[agent.id]]
            )
            settlements |= settlement
        settlements |= self.search(
            [
                ("state", "=", "draft"),
                ("company_id", "=", company.id),
                ("agent_id", "in", agents.ids),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ]
        )
        settlements._recompute_tiers(plans)
        settlements |= self._apply_clawbacks(company, date_from, date_to, early)
        _logger.info(
            "Commission settlements of %s for %s..%s: %s",
            company.name,
            date_from,
            date_to,
            settlements.ids,
        )
        return settlements

    def _lock_agents(self, company, agents):
        """The agents no other transaction is settling for ``company`` now,
        locked until this transaction ends (the others are skipped: their
        run settles them)."""
        if not agents:
            return agents
        self.env.cr.execute(
            SQL(
                """SELECT agent_id FROM unnest(%(ids)s) AS agent_id
                    WHERE pg_try_advisory_xact_lock(%(key)s, agent_id)""",
                ids=agents.ids,
                key=LOCK_KEY + company.id,
            )
        )
        return agents.browse([row[0] for row in self.env.cr.fetchall()])

    def _draft_for(self, agent, company, date_from, date_to):
        settlement = self.search(
            [
                ("state", "=", "draft"),
                ("company_id", "=", company.id),
                ("agent_id", "=", agent.id),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
            ],
            limit=1,
        )
        return settlement or self.create(
            {
                "agent_id": agent.id,
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
            }
        )

    def _collect_invoice_lines(self, company, date_to, plans, values):
        """Invoice lines of the agents' customers' invoices not yet settled:
        posted by ``date_to`` (plan on invoiced amounts) or fully paid by then
        (plan on paid amounts); credit notes count negative, but on paid
        amounts an invoice cancelled by its credit note earns nothing and its
        credit note takes nothing back."""
        by_base = defaultdict(list)
        for agent_id, plan in plans.items():
            by_base[plan.base].append(agent_id)
        rows = []
        for base, agent_ids in by_base.items():
            valid_from = [plans[agent_id].date_start or None for agent_id in agent_ids]
            paid = SQL("")
            if base == "paid":
                paid = SQL(
                    """AND move.payment_state IN %(states)s
                       AND (SELECT MAX(part.max_date)
                              FROM account_move_line term
                              JOIN account_partial_reconcile part
                                ON term.id IN (part.debit_move_id, part.credit_move_id)
                             WHERE term.move_id = move.id
                               AND term.display_type = 'payment_term'
                           ) <= %(date_to)s
                       AND NOT EXISTS (
                            SELECT 1 FROM account_move origin
                             WHERE origin.id = move.reversed_entry_id
                               AND origin.payment_state = 'reversed')""",
                    states=PAID_STATES,
                    date_to=date_to,
                )
            self.env.cr.execute(
                SQL(
                    """
                SELECT line.id, move.id, move.service_agent_id,
                       move.service_contract_id, line.product_id,
                       -line.balance, move.name
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN unnest(%(agents)s::int[], %(valid_from)s::date[])
                       AS plan(agent_id, valid_from)
                    ON plan.agent_id = move.service_agent_id
                 WHERE move.company_id = %(company)s
                   AND move.state = 'posted'
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND move.invoice_date <= %(date_to)s
                   AND (plan.valid_from IS NULL
                        OR move.invoice_date >= plan.valid_from)
                   AND line.display_type = 'product'
                   %(paid)s
                   AND NOT EXISTS (
                        SELECT 1 FROM service_commission_settlement_line done
                         WHERE done.invoice_line_id = line.id
                           AND done.agent_id = move.service_agent_id
                           AND done.kind = 'commission')
                   AND NOT EXISTS (
                        SELECT 1 FROM service_commission_settlement_line back
                         WHERE back.contract_id = move.service_contract_id
                           AND back.agent_id = move.service_agent_id
                           AND back.kind = 'clawback')
                 ORDER BY move.id, line.id
                    """,
                    company=company.id,
                    agents=agent_ids,
                    valid_from=valid_from,
                    date_to=date_to,
                    paid=paid,
                )
            )
            rows += self.env.cr.fetchall()
        products = self.env["product.product"].browse(
            {row[4] for row in rows if row[4]}
        )
        for (
            line_id,
            move_id,
            agent_id,
            contract_id,
            product_id,
            base,
            move_name,
        ) in rows:
            plan = plans[agent_id]
            product = products.browse(product_id)
            category = product.service_category_id
            rule = plan._percentage_rule(category)
            tiered = False
            if not rule:
                tiers = plan._tier_rules(category)
                rule = tiers.sorted("volume_from")[:1]
                tiered = bool(rule)
            if not rule:
                continue
            rate = 0.0 if tiered else rule.rate
            values[agent_id].append(
                {
                    "kind": "commission",
                    "name": f"{move_name}: {product.display_name or ''}".strip(),
                    "invoice_line_id": line_id,
                    "move_id": move_id,
                    "contract_id": contract_id,
                    "category_id": category.id,
                    "rule_id": rule.id,
                    "tiered": tiered,
                    "base_amount": base,
                    "rate": rate,
                    "amount": company.currency_id.round(base * rate / 100),
                }
            )

    def _early_terminations(self, company, date_to, plans):
        """{agent id: contracts terminated by ``date_to`` less than the
        clawback period of the agent's plan after their start}."""
        Contract = self.env["service.contract"].with_context(active_test=False)
        contracts = Contract.search(
            [
                ("company_id", "=", company.id),
                ("agent_id", "in", list(plans)),
                ("terminated_on", "!=", False),
                ("terminated_on", "<=", date_to),
            ]
        )
        early = defaultdict(lambda: Contract)
        for contract in contracts:
            months = plans[contract.agent_id.id].clawback_months
            limit = contract.date_start + relativedelta(months=months)
            if months and contract.terminated_on < limit:
                early[contract.agent_id.id] |= contract
        return early

    def _collect_fixed(self, company, date_to, plans, early, values):
        """A fixed amount once per new contract of the agent: confirmed (not
        a draft, not cancelled) and started by ``date_to``."""
        plans_fixed = {
            agent_id: plan
            for agent_id, plan in plans.items()
            if any(rule.kind == "fixed" for rule in plan.line_ids)
        }
        if not plans_fixed:
            return
        self.env.cr.execute(
            SQL(
                """
            SELECT contract.id FROM service_contract contract
             WHERE contract.company_id = %(company)s
               AND contract.agent_id = ANY(%(agents)s)
               AND contract.state IN %(states)s
               AND contract.date_start <= %(date_to)s
               AND NOT EXISTS (
                    SELECT 1 FROM service_commission_settlement_line done
                     WHERE done.contract_id = contract.id
                       AND done.agent_id = contract.agent_id
                       AND done.kind IN ('fixed', 'clawback'))
             ORDER BY contract.id
                """,
                company=company.id,
                agents=list(plans_fixed),
                states=EARNING_STATES,
                date_to=date_to,
            )
        )
        contracts = self.env["service.contract"].browse(
            [row[0] for row in self.env.cr.fetchall()]
        )
        for contract in contracts:
            agent_id = contract.agent_id.id
            plan = plans_fixed[agent_id]
            if contract in early[agent_id] or (
                plan.date_start and contract.date_start < plan.date_start
            ):
                continue
            categories = contract.line_ids.product_id.service_category_id
            rule = plan._fixed_rule(categories)
            if not rule:
                continue
            values[agent_id].append(
                {
                    "kind": "fixed",
                    "name": self.env._(
                        "New contract %(contract)s", contract=contract.display_name
                    ),
                    "contract_id": contract.id,
                    "category_id": rule.category_id.id,
                    "rule_id": rule.id,
                    "base_amount": 0.0,
                    "rate": 0.0,
                    "amount": rule.amount,
                }
            )

    def _recompute_tiers(self, plans):
        """Tiered lines of draft settlements take the rate of the band the
        period volume reaches, over the whole volume."""
        for settlement in self.filtered(lambda s: s.state == "draft"):
            plan = plans.get(settlement.agent_id.id)
            tiered = settlement.line_ids.filtered("tiered")
            if not plan or not tiered:
                continue
            for rule, lines in tiered.grouped("rule_id").items():
                tiers = plan.line_ids.filtered(
                    lambda r, rule=rule: (
                        r.kind == "tiered" and r.category_id == rule.category_id
                    )
                )
                volume = sum(lines.mapped("base_amount"))
                rate = plan._tier_rate(tiers, volume)
                for line in lines:
                    amount = settlement.currency_id.round(line.base_amount * rate / 100)
                    if line.rate != rate or line.amount != amount:
                        line.write({"rate": rate, "amount": amount})

    def _apply_clawbacks(self, company, date_from, date_to, early):
        """Each contract terminated early gives back, once, what it earned
        for the agent in settlements not cancelled; while the clawback sits in
        a draft settlement it follows the lines still added there."""
        Line = self.env["service.commission.settlement.line"]
        contracts = self.env["service.contract"].browse(
            {c.id for group in early.values() for c in group}
        )
        if not contracts:
            return self.browse()
        earned = Line.search(
            [
                ("contract_id", "in", contracts.ids),
                ("settlement_id.state", "!=", "cancel"),
            ]
        )
        settlements = self.browse()
        for agent_id, agent_contracts in early.items():
            agent = self.env["res.partner"].browse(agent_id)
            for contract in agent_contracts:
                lines = earned.filtered(
                    lambda x, c=contract, a=agent_id: (
                        x.contract_id == c and x.agent_id.id == a
                    )
                )
                clawback = lines.filtered(lambda x: x.kind == "clawback")
                amount = -sum((lines - clawback).mapped("amount"))
                if clawback:
                    if clawback.settlement_id.state == "draft" and (
                        clawback.amount != amount
                    ):
                        clawback.amount = amount
                    continue
                if company.currency_id.is_zero(amount):
                    continue
                settlement = self._draft_for(agent, company, date_from, date_to)
                Line.create(
                    {
                        "settlement_id": settlement.id,
                        "kind": "clawback",
                        "name": self.env._(
                            "Clawback: %(contract)s terminated on %(date)s",
                            contract=contract.display_name,
                            date=contract.terminated_on,
                        ),
                        "contract_id": contract.id,
                        "base_amount": -amount,
                        "rate": 0.0,
                        "amount": amount,
                    }
                )
                settlements |= settlement
        return settlements
