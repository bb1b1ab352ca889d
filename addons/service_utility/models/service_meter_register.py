# covers: UTL-01, UTL-03
from odoo import fields, models


class ServiceMeterRegister(models.Model):
    """One counter of a meter (e.g. T for a single-rate meter, F1/F2/F3 or
    high/low tariff), and the formula input its consumption feeds."""

    _name = "service.meter.register"
    _description = "Meter Register"
    _order = "meter_id, code"
    _check_company_auto = True

    _meter_code_uniq = models.Constraint(
        "UNIQUE (meter_id, code)", "Code: this meter already has a register with it."
    )

    meter_id = fields.Many2one(
        "service.meter", required=True, ondelete="cascade", index=True
    )
    point_id = fields.Many2one(
        related="meter_id.point_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="meter_id.company_id", store=True, index=True, precompute=True
    )
    code = fields.Char(
        required=True,
        default="T",
        help="The same code on the next meter continues this register's "
        "consumption after a meter change.",
    )
    name = fields.Char("Description")
    input_name = fields.Char(
        "Formula Input",
        required=True,
        default="consumption",
        help="Name of the contract formula's input this register's consumption "
        "is fed to (registers with the same input add up).",
    )

    def _compute_display_name(self):
        for register in self:
            register.display_name = f"{register.meter_id.name} / {register.code}"
