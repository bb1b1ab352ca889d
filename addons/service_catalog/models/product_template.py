# covers: SRV-01, SRV-02, SRV-03, SRV-04
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.periods import BILLING_PERIODS, VISIT_FREQUENCIES

FEE_METHODS = [
    ("fixed", "Fixed fee per period"),
    ("per_unit", "Per unit"),
    ("per_period", "Per period, pro-rated by days"),
    ("tiered", "Tiered by quantity"),
    ("formula", "Formula"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    service_category_id = fields.Many2one(
        "service.category",
        index=True,
        tracking=True,
        check_company=True,
    )
    service_fee_method = fields.Selection(
        FEE_METHODS,
        string="Fee Method",
        default="per_unit",
        tracking=True,
        help="Fixed: the sales price once per period, whatever the quantity. "
        "Per unit: quantity × price. Per period: quantity × price × the share "
        "of the period billed (partial periods pro-rated by days). Tiered: "
        "quantity bands, each with its own price. Formula: computed from the "
        "contract line's formula and its inputs.",
    )
    service_tier_mode = fields.Selection(
        [
            ("graduated", "Graduated: each band's units at the band's price"),
            ("volume", "Volume: every unit at the price of the band reached"),
        ],
        string="Tier Mode",
        default="graduated",
    )
    service_tier_ids = fields.One2many(
        "service.price.tier", "product_tmpl_id", string="Price Tiers", copy=True
    )
    service_terms = fields.Html(
        "Terms and Conditions",
        translate=True,
        sanitize_style=True,
        help="Printed on the contracts that include this service.",
    )
    service_billing_period = fields.Selection(
        BILLING_PERIODS,
        string="Billing Period",
        compute="_compute_service_defaults",
        store=True,
        readonly=False,
    )
    service_duration_months = fields.Integer(
        "Duration (months)",
        compute="_compute_service_defaults",
        store=True,
        readonly=False,
    )
    service_visit_frequency = fields.Selection(
        VISIT_FREQUENCIES,
        string="Visit Frequency",
        compute="_compute_service_defaults",
        store=True,
        readonly=False,
    )
    service_sla_response_hours = fields.Float(
        "SLA Response (hours)",
        compute="_compute_service_defaults",
        store=True,
        readonly=False,
    )
    service_sla_resolution_hours = fields.Float(
        "SLA Resolution (hours)",
        compute="_compute_service_defaults",
        store=True,
        readonly=False,
    )

    @api.depends("service_category_id")
    def _compute_service_defaults(self):
        for product in self:
            category = product.service_category_id
            if not category:
                product.service_billing_period = (
                    product.service_billing_period or "monthly"
                )
                continue
            product.service_billing_period = category.billing_period
            product.service_duration_months = category.duration_months
            product.service_visit_frequency = category.visit_frequency
            product.service_sla_response_hours = category.sla_response_hours
            product.service_sla_resolution_hours = category.sla_resolution_hours

    @api.constrains("service_fee_method", "service_tier_ids")
    def _check_service_tiers(self):
        for product in self.filtered(lambda p: p.service_fee_method == "tiered"):
            tiers = product.service_tier_ids.sorted("min_quantity")
            if not tiers or tiers[0].min_quantity != 0:
                raise ValidationError(
                    self.env._(
                        "Price Tiers: '%(service)s' is tiered and needs bands, the "
                        "first one starting at quantity 0.",
                        service=product.name,
                    )
                )

    def _service_compute_amount(self, quantity, price_unit, period_ratio=1.0):
        """Amount of one billing period for a line of this service, before
        discount and taxes, unrounded.

        ``period_ratio`` is the share of the period billed (1.0 for a whole
        period); only the per-period method is pro-rated by it. Formula
        services are computed by their contract line.
        """
        self.ensure_one()
        method = self.service_fee_method
        if method == "fixed":
            return price_unit
        if method == "per_unit":
            return quantity * price_unit
        if method == "per_period":
            return quantity * price_unit * period_ratio
        if method == "tiered":
            return self.service_tier_ids._amount_for(quantity, self.service_tier_mode)
        raise UserError(
            self.env._(
                "Fee Method: '%(service)s' is billed by formula; its amount comes "
                "from the contract line's formula and inputs.",
                service=self.name,
            )
        )
