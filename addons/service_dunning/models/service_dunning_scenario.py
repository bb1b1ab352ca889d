# covers: DUN-01
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.service_base.tools.counts import assign_counts


class ServiceDunningScenario(models.Model):
    """How a company reminds its customers: levels by days after the due
    date, each with its channels, fee, interest and escalation. A customer
    follows his own scenario, else his company's default one."""

    _name = "service.dunning.scenario"
    _description = "Dunning Scenario"
    _inherit = ["service.audit.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_default = fields.Boolean(
        "Company Default",
        tracking=True,
        help="Customers without a scenario of their own follow this one.",
    )
    review_before_send = fields.Boolean(
        tracking=True,
        help="A run prepares the communications; they leave only once an "
        "accountant has reviewed them and pressed Send.",
    )
    level_ids = fields.One2many("service.dunning.level", "scenario_id", "Levels")
    fee_product_id = fields.Many2one(
        "product.product",
        "Fee Service",
        check_company=True,
        help="Service invoiced for dunning fees and late interest (its taxes "
        "through the customer's fiscal position); default: the suite's "
        "'Dunning fee' service.",
    )
    partner_count = fields.Integer(compute="_compute_partner_count")

    def _compute_partner_count(self):
        assign_counts(
            self, "partner_count", "res.partner", "service_dunning_scenario_id"
        )

    @api.constrains("is_default", "company_id", "active")
    def _check_one_default(self):
        for scenario in self.filtered(lambda s: s.is_default and s.active):
            others = self.search_count(
                [
                    ("company_id", "=", scenario.company_id.id),
                    ("is_default", "=", True),
                    ("id", "!=", scenario.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Company Default: %(company)s already has a default "
                        "dunning scenario; untick it there first.",
                        company=scenario.company_id.name,
                    )
                )

    @api.constrains("level_ids")
    def _check_levels(self):
        for scenario in self:
            days = scenario.level_ids.mapped("days_after_due")
            if len(days) != len(set(days)):
                raise ValidationError(
                    self.env._(
                        "Days After Due: two levels of %(scenario)s start on the "
                        "same day; give each level its own number of days.",
                        scenario=scenario.name,
                    )
                )

    def _get_fee_product(self):
        self.ensure_one()
        return self.fee_product_id or self.env.ref(
            "service_dunning.product_dunning_fee", raise_if_not_found=False
        )

    def _level_for(self, days_late, amount):
        """The highest level reached ``days_late`` days after the oldest due
        date, with at least its minimum amount overdue (levels are ordered by
        days)."""
        self.ensure_one()
        reached = self.env["service.dunning.level"]
        for level in self.level_ids.sorted("days_after_due"):
            if days_late >= level.days_after_due and (
                level.currency_id.compare_amounts(amount, level.minimum_amount) >= 0
            ):
                reached = level
        return reached
