# covers: UTL-03
from odoo import fields, models


class ServiceConsumption(models.Model):
    """Consumption of one register code of a supply point over a billing
    period of a contract line: what billing fed to the line's formula, or
    why it held the point (the control list before billing)."""

    _name = "service.consumption"
    _description = "Consumption per Period"
    _order = "period_start desc, point_id, register_code"
    _check_company_auto = True

    _line_code_period_uniq = models.Constraint(
        "UNIQUE (line_id, register_code, period_start)",
        "Consumption: already computed for this line, register and period.",
    )

    point_id = fields.Many2one(
        "service.supply.point",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    line_id = fields.Many2one(
        "service.contract.line",
        string="Contract Line",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    contract_id = fields.Many2one(related="line_id.contract_id", store=True)
    company_id = fields.Many2one(
        related="point_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="point_id.partner_id", store=True, index=True, precompute=True
    )
    register_code = fields.Char(required=True)
    input_name = fields.Char("Formula Input", required=True)
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True)
    state = fields.Selection(
        [("ready", "Ready to Bill"), ("held", "Held")],
        required=True,
        default="ready",
        index=True,
    )
    hold_reason = fields.Text()
    consumption = fields.Float(
        digits=(16, 3),
        help="Consumption of the period itself, pro-rated to its bounds.",
    )
    correction = fields.Float(
        digits=(16, 3),
        help="Correction of an earlier estimate, now that an actual reading "
        "covers it (billed with this period).",
    )
    quantity = fields.Float(
        "Billed Quantity",
        digits=(16, 3),
        help="Consumption plus correction: the value fed to the formula input.",
    )
    estimated = fields.Boolean(help="The period's end was estimated from history.")
    index_start = fields.Float(digits=(16, 3))
    index_end = fields.Float(digits=(16, 3))
