# covers: CON-03
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.formula_engine import (
    FUNCTIONS,
    FormulaError,
    compile_expression,
    evaluate,
    parse,
)

# values every formula may use besides its declared inputs
BUILTIN_NAMES = {
    "quantity": "the line's quantity",
    "price_unit": "the line's unit price",
    "period_ratio": "share of the period billed (1 for a whole period)",
    "previous_amount": "the amount of the same line in the previous period",
}
INPUT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class ServiceFormula(models.Model):
    """A named billing formula: an expression over named inputs entered per
    contract line and period, checked when saved and evaluated in a closed
    sandbox (see formula_engine)."""

    _name = "service.formula"
    _description = "Billing Formula"
    _inherit = ["service.audit.mixin", "mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the formula between companies."
    )
    expression = fields.Text(
        required=True,
        tracking=True,
        help="e.g. max(hours * rate, minimum) if guards > 0 else 0",
    )
    input_names = fields.Char(
        "Inputs",
        tracking=True,
        help="Comma-separated names of the values entered per contract line and "
        "period, e.g. hours, rate, guards. Also usable: quantity, price_unit, "
        "period_ratio, previous_amount.",
    )
    note = fields.Text()

    def _declared_inputs(self):
        self.ensure_one()
        return [n.strip() for n in (self.input_names or "").split(",") if n.strip()]

    @api.constrains("expression", "input_names")
    def _check_expression(self):
        for formula in self:
            inputs = formula._declared_inputs()
            for name in inputs:
                if not INPUT_NAME.match(name) or name in FUNCTIONS:
                    raise ValidationError(
                        self.env._(
                            "Inputs: '%(name)s' is not a valid input name; use "
                            "lower-case letters, digits and _ (e.g. guard_hours).",
                            name=name,
                        )
                    )
            try:
                __, names = parse(formula.expression)
            except FormulaError as error:
                raise ValidationError(
                    self.env._(
                        "Expression of '%(formula)s': %(error)s.",
                        formula=formula.name,
                        error=str(error),
                    )
                ) from error
            unknown = sorted(names - set(inputs) - set(BUILTIN_NAMES) - set(FUNCTIONS))
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Expression of '%(formula)s': unknown input(s) %(names)s. "
                        "Declare them in Inputs or use quantity, price_unit, "
                        "period_ratio, previous_amount.",
                        formula=formula.name,
                        names=", ".join(unknown),
                    )
                )

    def _compile(self):
        """Parsed tree, from the engine's bounded per-process cache."""
        self.ensure_one()
        return compile_expression(self.expression)

    def _evaluate(self, values):
        """Value for ``values``; raises FormulaError (message for users)."""
        self.ensure_one()
        return evaluate(self._compile(), values)

    def action_test(self):
        """Evaluate with 1 for every input: a quick check from the form."""
        self.ensure_one()
        values = dict.fromkeys(self._declared_inputs(), 1.0)
        values.update(
            quantity=1.0, price_unit=1.0, period_ratio=1.0, previous_amount=0.0
        )
        try:
            result = self._evaluate(values)
        except FormulaError as error:
            raise ValidationError(str(error)) from error
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "With every input at 1 the formula gives %(result)s.",
                    result=result,
                ),
            },
        }
