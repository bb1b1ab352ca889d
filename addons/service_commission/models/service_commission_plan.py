# covers: AGT-02
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceCommissionPlan(models.Model):
    _name = "service.commission.plan"
    _description = "Commission Plan"
    _inherit = ["service.audit.mixin", "mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    base = fields.Selection(
        [("invoiced", "Invoiced amounts"), ("paid", "Paid amounts")],
        "Commission On",
        required=True,
        default="invoiced",
        tracking=True,
        help="Invoiced: an invoice earns commission once posted. Paid: once "
        "fully paid, in the period its last payment arrives.",
    )
    date_start = fields.Date(
        "Valid From",
        tracking=True,
        help="Only invoices dated and contracts started on or after this day "
        "earn commission under this plan (no back pay for older business). "
        "Empty: no limit.",
    )
    clawback_months = fields.Integer(
        "Clawback Period (months)",
        default=6,
        tracking=True,
        help="A contract terminated less than this many months after its start "
        "gives back the commissions it earned. 0: never.",
    )
    line_ids = fields.One2many(
        "service.commission.plan.line", "plan_id", "Rules", copy=True
    )
    agent_count = fields.Integer(compute="_compute_agent_count")

    def _compute_agent_count(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        for plan in self:
            plan.agent_count = Partner.with_company(plan.company_id).search_count(
                [("service_commission_plan_id", "=", plan.id)]
            )

    @api.constrains("clawback_months")
    def _check_clawback_months(self):
        for plan in self:
            if plan.clawback_months < 0:
                raise ValidationError(
                    self.env._(
                        "Clawback Period: %(plan)s has a negative period; enter "
                        "0 (never) or a number of months.",
                        plan=plan.display_name,
                    )
                )

    def _percentage_rule(self, category):
        """The percentage rule for a service of ``category``: the rule of the
        nearest category up its parents, else the rule for all categories."""
        self.ensure_one()
        rules = self.line_ids.filtered(lambda rule: rule.kind == "percentage")
        return self._nearest_rule(rules, category)

    def _fixed_rule(self, categories):
        """The fixed-amount rule of a new contract whose services are in
        ``categories``: one naming one of them (up their parents), else the rule
        for all categories."""
        self.ensure_one()
        rules = self.line_ids.filtered(lambda rule: rule.kind == "fixed")
        for category in categories:
            rule = self._nearest_rule(rules.filtered("category_id"), category)
            if rule:
                return rule
        return rules.filtered(lambda rule: not rule.category_id)[:1]

    def _tier_rules(self, category):
        """The volume bands applying to a service of ``category``."""
        self.ensure_one()
        tiers = self.line_ids.filtered(lambda rule: rule.kind == "tiered")
        nearest = self._nearest_rule(tiers, category)
        return tiers.filtered(lambda rule: rule.category_id == nearest.category_id)

    @api.model
    def _nearest_rule(self, rules, category):
        while category:
            rule = rules.filtered(lambda r, c=category: r.category_id == c)[:1]
            if rule:
                return rule
            category = category.parent_id
        return rules.filtered(lambda rule: not rule.category_id)[:1]

    def _tier_rate(self, tiers, volume):
        """The rate of the highest band whose threshold the volume reaches: the
        whole period volume earns it (a threshold reached exactly counts)."""
        rate = 0.0
        for tier in tiers.sorted("volume_from"):
            if volume >= tier.volume_from:
                rate = tier.rate
        return rate

    def action_view_agents(self):
        self.ensure_one()
        domain = [("service_commission_plan_id", "=", self.id)]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Agents"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": domain,
            "context": {"allowed_company_ids": self.company_id.ids},
        }
