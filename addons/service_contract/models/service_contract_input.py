# covers: CON-03, CON-05
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceContractInput(models.Model):
    """One value of a formula input for a contract line and period: entered,
    imported from CSV, or supplied by other addons (meter readings...)."""

    _name = "service.contract.input"
    _description = "Formula Input Value"
    _inherit = ["service.audit.mixin"]
    _order = "period_start desc, line_id, name"
    _check_company_auto = True

    _line_period_name_uniq = models.Constraint(
        "UNIQUE (line_id, period_start, name)",
        "Input: this line already has a value of this input for this period; "
        "change that value instead.",
    )

    line_id = fields.Many2one(
        "service.contract.line", required=True, ondelete="cascade", index=True
    )
    contract_id = fields.Many2one(related="line_id.contract_id", store=True)
    company_id = fields.Many2one(
        related="line_id.company_id", store=True, index=True, precompute=True
    )
    period_start = fields.Date(required=True, index=True)
    name = fields.Char("Input", required=True, tracking=True)
    value = fields.Float(required=True, tracking=True, digits=(16, 4))
    source = fields.Char(default="manual", help="manual, csv, or the addon name")

    @api.constrains("name", "line_id")
    def _check_name_is_declared(self):
        for record in self:
            formula = record.line_id.formula_id
            if not formula:
                raise ValidationError(
                    self.env._(
                        "Line: '%(line)s' has no formula, so it takes no inputs.",
                        line=record.line_id.name,
                    )
                )
            if record.name not in formula._declared_inputs():
                raise ValidationError(
                    self.env._(
                        "Input: '%(name)s' is not an input of formula "
                        "'%(formula)s' (inputs: %(inputs)s).",
                        name=record.name,
                        formula=formula.name,
                        inputs=", ".join(formula._declared_inputs()),
                    )
                )
