# covers: AGT-02
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceCommissionPlanLine(models.Model):
    _name = "service.commission.plan.line"
    _description = "Commission Plan Rule"
    _inherit = ["service.audit.mixin"]
    _order = "plan_id, kind, category_id, volume_from, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "service.commission.plan",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    kind = fields.Selection(
        [
            ("percentage", "Percentage"),
            ("fixed", "Fixed per new contract"),
            ("tiered", "Tiered by volume"),
        ],
        required=True,
        default="percentage",
        tracking=True,
        help="Percentage: a rate on each invoiced or paid amount. Fixed: an "
        "amount once per new contract. Tiered: one volume band; the agent's "
        "volume in the period picks the band whose rate applies to all of it.",
    )
    category_id = fields.Many2one(
        "service.category",
        "Service Category",
        check_company=True,
        tracking=True,
        help="Empty: every category (rules naming a category come first).",
    )
    rate = fields.Float("Rate (%)", digits=(16, 4), tracking=True)
    amount = fields.Monetary("Fixed Amount", tracking=True)
    volume_from = fields.Monetary(
        tracking=True,
        help="Tiered: the band applies when the period volume reaches this amount.",
    )

    @api.constrains("rate", "amount", "volume_from")
    def _check_values(self):
        for rule in self:
            if rule.rate < 0 or rule.rate > 100:
                raise ValidationError(
                    self.env._(
                        "Rate: %(rate)s %% is out of range in %(plan)s; enter a "
                        "rate between 0 and 100.",
                        rate=rule.rate,
                        plan=rule.plan_id.display_name,
                    )
                )
            if rule.amount < 0 or rule.volume_from < 0:
                raise ValidationError(
                    self.env._(
                        "Fixed Amount and Volume From cannot be negative in %(plan)s.",
                        plan=rule.plan_id.display_name,
                    )
                )

    @api.depends("kind", "category_id", "rate", "amount", "volume_from")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for rule in self:
            category = rule.category_id.display_name or self.env._("all categories")
            rule.display_name = f"{kinds[rule.kind]}: {category}"
