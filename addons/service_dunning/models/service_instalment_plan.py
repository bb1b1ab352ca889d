# covers: DUN-03
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round


class ServiceInstalmentPlan(models.Model):
    """An overdue debt spread over instalments. Proposed by staff, accepted
    by the customer in the portal (or by staff for him); while it is kept
    dunning leaves the customer alone, a missed instalment breaks it and
    dunning resumes. Its history stays in the chatter."""

    _name = "service.instalment.plan"
    _description = "Instalment Plan"
    _inherit = [
        "service.audit.mixin",
        "mail.thread",
        "portal.mixin",
        "service.numbering.mixin",
    ]
    _numbering_code = "service.instalment.plan"
    _numbering_prefix = "PLAN/"
    _order = "id desc"
    _check_company_auto = True
    # covers: API-01
    _service_protected_fields = (
        "state",
        "accepted_by_id",
        "accepted_date",
        "accepted_via",
        "broken_date",
        "charge_move_id",
    )
    _service_protected_free_states = {}
    _service_transitions = {
        "action_propose": "account.group_account_invoice",
        "action_accept": "account.group_account_invoice",
        "action_cancel": "account.group_account_invoice",
    }
    _service_field_bounds = {
        "instalment_count": (1, 120),
        "interest_rate": (0, 100),
        "fee_amount": (0, None),
        "interval_months": (1, 12),
    }

    name = fields.Char(default="/", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("proposed", "Proposed"),
            ("active", "Kept"),
            ("broken", "Broken"),
            ("done", "Paid"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    move_line_ids = fields.Many2many(
        "account.move.line",
        string="Items Covered",
        check_company=True,
        help="The customer's open receivable items the plan spreads.",
    )
    amount_debt = fields.Monetary(
        "Debt", compute="_compute_amount_debt", store=True, readonly=True
    )
    instalment_count = fields.Integer("Instalments", default=3, required=True)
    interval_months = fields.Integer("Every (months)", default=1, required=True)
    date_first = fields.Date(
        "First Instalment", required=True, default=fields.Date.context_today
    )
    interest_rate = fields.Float("Interest (% a year)")
    fee_amount = fields.Monetary("Plan Fee")
    grace_days = fields.Integer(
        default=5, help="Days after an instalment's date before the plan breaks."
    )
    line_ids = fields.One2many(
        "service.instalment.plan.line", "plan_id", "Schedule", copy=False
    )
    amount_total = fields.Monetary(
        "Total to Pay", compute="_compute_amounts", store=True
    )
    amount_paid = fields.Monetary("Paid", compute="_compute_paid")
    charge_move_id = fields.Many2one(
        "account.move", "Interest and Fee Invoice", readonly=True, check_company=True
    )
    accepted_by_id = fields.Many2one("res.users", readonly=True)
    accepted_date = fields.Datetime(readonly=True)
    accepted_via = fields.Selection(
        [("portal", "Portal"), ("staff", "Staff")], readonly=True
    )
    broken_date = fields.Date(readonly=True)

    @api.depends("move_line_ids")
    def _compute_amount_debt(self):
        for plan in self:
            plan.amount_debt = sum(plan.move_line_ids.mapped("amount_residual"))

    @api.depends("line_ids.amount")
    def _compute_amounts(self):
        for plan in self:
            plan.amount_total = sum(plan.line_ids.mapped("amount"))

    @api.depends(
        "move_line_ids.amount_residual", "charge_move_id.line_ids.amount_residual"
    )
    def _compute_paid(self):
        for plan in self:
            covered = plan.move_line_ids | plan.charge_move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            plan.amount_paid = sum(covered.mapped("balance")) - sum(
                covered.mapped("amount_residual")
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for plan in self:
            plan.access_url = f"/my/instalment-plans/{plan.id}"
        return result

    @api.constrains("move_line_ids", "partner_id")
    def _check_items(self):
        for plan in self:
            wrong = plan.move_line_ids.filtered(
                lambda line, p=plan: (
                    line.partner_id.commercial_partner_id
                    != p.partner_id.commercial_partner_id
                    or line.account_id.account_type != "asset_receivable"
                    or line.reconciled
                )
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "Items Covered: %(items)s are not open receivable items "
                        "of %(customer)s.",
                        items=", ".join(wrong.mapped("move_id.name")),
                        customer=plan.partner_id.display_name,
                    )
                )

    def write(self, vals):
        frozen = {
            "move_line_ids",
            "instalment_count",
            "interval_months",
            "date_first",
            "interest_rate",
            "fee_amount",
            "partner_id",
            "line_ids",
        }
        if frozen.intersection(vals) and any(p.state != "draft" for p in self):
            raise UserError(
                self.env._(
                    "Instalment plan: only a draft plan can be changed; cancel "
                    "it and make a new one."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute_schedule(self):
        """Instalments of equal amounts (cents on the last), interest on the
        declining balance, the fee with the first."""
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "Instalment plan: the schedule of %(plan)s is "
                        "fixed once proposed.",
                        plan=plan.name,
                    )
                )
            if not plan.move_line_ids:
                raise UserError(
                    self.env._("Items Covered: choose the overdue items to spread.")
                )
            plan.line_ids = [Command.clear()] + [
                Command.create(values) for values in plan._schedule_values()
            ]
        return True

    def _schedule_values(self):
        self.ensure_one()
        count = self.instalment_count
        rounding = self.currency_id.rounding
        principal = float_round(self.amount_debt / count, precision_rounding=rounding)
        values = []
        remaining = self.amount_debt
        for index in range(count):
            part = principal if index < count - 1 else remaining
            interest = float_round(
                remaining * self.interest_rate / 100 * self.interval_months / 12,
                precision_rounding=rounding,
            )
            values.append(
                {
                    "sequence": index + 1,
                    "date_due": self.date_first
                    + relativedelta(months=index * self.interval_months),
                    "amount_principal": part,
                    "amount_interest": interest,
                    "amount_fee": self.fee_amount if index == 0 else 0.0,
                }
            )
            remaining = float_round(remaining - part, precision_rounding=rounding)
        return values

    def action_propose(self):
        """Offer the plan to the customer (portal and e-mail)."""
        self._service_check_transition("action_propose", ("draft",))
        for plan in self:
            if not plan.line_ids:
                plan.action_compute_schedule()
        self._service_write_protected({"state": "proposed"})
        for plan in self:
            plan.message_post(
                body=self.env._("Plan proposed to the customer."),
                partner_ids=plan.partner_id.ids,
            )
        return True

    def action_accept(self):
        """Staff record the customer's agreement (the portal uses
        ``_accept`` after its own checks)."""
        self._service_check_transition("action_accept", ("draft", "proposed"))
        for plan in self:
            if not plan.line_ids:
                plan.action_compute_schedule()
        self._accept("staff")
        return True

    def action_cancel(self):
        self._service_check_transition(
            "action_cancel", ("draft", "proposed", "active", "broken")
        )
        self._service_write_protected({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _accept(self, via):
        for plan in self:
            if plan.state not in ("draft", "proposed"):
                raise UserError(
                    self.env._(
                        "Instalment plan %(plan)s is %(state)s: only a proposed "
                        "plan can be accepted.",
                        plan=plan.name,
                        state=plan._service_state_label(),
                    )
                )
            plan._service_write_protected(
                {
                    "state": "active",
                    "accepted_by_id": self.env.uid,
                    "accepted_date": fields.Datetime.now(),
                    "accepted_via": via,
                }
            )
            plan.sudo()._invoice_charges()
            plan.message_post(
                body=self.env._(
                    "Plan accepted (%(via)s) by %(user)s: dunning pauses while "
                    "it is kept.",
                    via=dict(plan._fields["accepted_via"].selection)[via],
                    user=self.env.user.name,
                )
            )

    def _invoice_charges(self):
        """The plan's interest and fee as one invoice through the customer's
        contract (invoicing API), posted once."""
        self.ensure_one()
        charges = sum(self.line_ids.mapped("amount_interest")) + sum(
            self.line_ids.mapped("amount_fee")
        )
        if self.charge_move_id or self.currency_id.is_zero(charges):
            return
        contract = self.env["service.contract"].search(
            [
                ("partner_id", "child_of", self.partner_id.ids),
                ("company_id", "=", self.company_id.id),
                ("state", "in", ("active", "suspended", "ended")),
            ],
            order="date_start desc, id desc",
            limit=1,
        )
        if not contract:
            self.message_post(
                body=self.env._(
                    "No contract to invoice the plan's interest and fee "
                    "through: they are not charged."
                )
            )
            return
        scenario = self.env["service.dunning.scenario"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        product = (
            scenario._get_fee_product()
            if scenario
            else self.env.ref("service_dunning.product_dunning_fee")
        )
        values = contract._prepare_invoice(fields.Date.context_today(self))
        values["invoice_line_ids"] = [
            Command.create(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "Instalment plan %(plan)s: interest and fee", plan=self.name
                    ),
                    "quantity": 1,
                    "price_unit": charges,
                    "tax_ids": [Command.clear()],
                }
            )
        ]
        move = self.env["account.move"].create(values)
        move.action_post()
        self._service_write_protected({"charge_move_id": move.id})

    @api.model
    def _check_kept(self, company, date):
        """Break the kept plans with an instalment unpaid past its grace
        days; close those fully paid. Called by every dunning run."""
        plans = self.search([("company_id", "=", company.id), ("state", "=", "active")])
        for plan in plans:
            rounding = plan.currency_id.rounding
            if (
                float_compare(
                    plan.amount_paid, plan.amount_total, precision_rounding=rounding
                )
                >= 0
            ):
                plan._service_write_protected({"state": "done"})
                plan.message_post(body=self.env._("Plan paid in full."))
                continue
            due = sum(
                plan.line_ids.filtered(
                    lambda line, p=plan: (
                        line.date_due + relativedelta(days=p.grace_days) < date
                    )
                ).mapped("amount")
            )
            if float_compare(plan.amount_paid, due, precision_rounding=rounding) < 0:
                plan._service_write_protected({"state": "broken", "broken_date": date})
                plan.message_post(
                    body=self.env._(
                        "Plan broken on %(date)s: %(paid)s paid of %(due)s due. "
                        "Dunning resumes.",
                        date=date,
                        paid=plan.amount_paid,
                        due=due,
                    )
                )
        return plans
