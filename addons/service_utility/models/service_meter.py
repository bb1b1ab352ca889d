# covers: UTL-01
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceMeter(models.Model):
    """A meter installed at a supply point for a time: its registers, the
    number of digits it rolls over at, and the multiplier of its readings."""

    _name = "service.meter"
    _description = "Meter"
    _inherit = ["service.protected.fields.mixin", "mail.thread"]
    _order = "point_id, date_installed desc, id desc"
    _check_company_auto = True
    _service_field_bounds = {"digits": (1, 12), "multiplier": (0.000001, 1e9)}

    _serial_company_uniq = models.Constraint(
        "UNIQUE (name, company_id)",
        "Serial Number: this company already has a meter with this serial number.",
    )

    name = fields.Char("Serial Number", required=True, tracking=True)
    point_id = fields.Many2one(
        "service.supply.point",
        string="Supply Point",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="point_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(related="point_id.partner_id")
    date_installed = fields.Date(
        "Installed On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_removed = fields.Date("Removed On", tracking=True)
    digits = fields.Integer(
        default=6,
        required=True,
        help="Digits of the counter: after 999999 (6 digits) it starts again at 0.",
    )
    multiplier = fields.Float(
        default=1.0,
        required=True,
        digits=(16, 6),
        help="Consumption = difference of readings x multiplier (e.g. a current "
        "transformer ratio, or m3 to kWh).",
    )
    register_ids = fields.One2many(
        "service.meter.register", "meter_id", string="Registers", copy=True
    )

    @api.depends("name", "point_id")
    def _compute_display_name(self):
        for meter in self:
            meter.display_name = f"{meter.name} ({meter.point_id.name})"

    @api.constrains("date_installed", "date_removed", "point_id")
    def _check_dates(self):
        for meter in self:
            if meter.date_removed and meter.date_removed < meter.date_installed:
                raise ValidationError(
                    self.env._(
                        "Removed On: meter %(meter)s cannot be removed before it "
                        "was installed.",
                        meter=meter.name,
                    )
                )
            for other in meter.point_id.meter_ids - meter:
                # a change day holds the old meter's last and the new one's
                # first reading
                if other.date_installed < (
                    meter.date_removed or fields.Date.to_date("2999-12-31")
                ) and meter.date_installed < (
                    other.date_removed or fields.Date.to_date("2999-12-31")
                ):
                    raise ValidationError(
                        self.env._(
                            "Installed On: meters %(meter)s and %(other)s would be "
                            "installed at %(point)s at the same time; remove the "
                            "old one first (its removal day may be the new one's "
                            "installation day).",
                            meter=meter.name,
                            other=other.name,
                            point=meter.point_id.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        meters = super().create(vals_list)
        # a meter counts at least one register
        without = meters.filtered(lambda m: not m.register_ids)
        if without:
            self.env["service.meter.register"].create(
                [{"meter_id": meter.id, "code": "T"} for meter in without]
            )
        return meters
