# covers: SRV-01, SRV-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.periods import BILLING_PERIODS, VISIT_FREQUENCIES


class ServiceCategory(models.Model):
    """A family of services (guarding, alarm maintenance, cleaning...), with
    the defaults its new services start from."""

    _name = "service.category"
    _description = "Service Category"
    _inherit = ["service.audit.mixin"]
    _parent_name = "parent_id"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"
    _check_company_auto = True

    _code_company_uniq = models.Constraint(
        "UNIQUE (code, company_id)",
        "Code: another service category of this company already uses it.",
    )

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    code = fields.Char()
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "service.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("service.category", "parent_id")
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the category between companies."
    )
    description = fields.Html(translate=True)
    billing_period = fields.Selection(
        BILLING_PERIODS, string="Default Billing Period", default="monthly"
    )
    duration_months = fields.Integer("Default Duration (months)", default=12)
    visit_frequency = fields.Selection(VISIT_FREQUENCIES, default="none")
    sla_response_hours = fields.Float("SLA Response (hours)")
    sla_resolution_hours = fields.Float("SLA Resolution (hours)")
    product_count = fields.Integer("Services", compute="_compute_product_count")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            category.complete_name = (
                f"{category.parent_id.complete_name} / {category.name}"
                if category.parent_id
                else category.name
            )

    def _compute_product_count(self):
        counts = dict(
            self.env["product.template"]._read_group(
                [("service_category_id", "child_of", self.ids)],
                ["service_category_id"],
                ["__count"],
            )
        )
        for category in self:
            category.product_count = sum(
                count
                for found, count in counts.items()
                if found.parent_path.startswith(category.parent_path or "/")
            )

    @api.constrains("duration_months", "sla_response_hours", "sla_resolution_hours")
    def _check_defaults(self):
        for category in self:
            if (
                category.duration_months < 0
                or min(category.sla_response_hours, category.sla_resolution_hours) < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Default Duration / SLA: values of '%(category)s' cannot "
                        "be negative.",
                        category=category.name,
                    )
                )

    def action_view_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_catalog.service_product_action"
        )
        action["domain"] = [("service_category_id", "child_of", self.id)]
        action["context"] = {"default_service_category_id": self.id}
        return action
