# covers: VIS-02, VIS-03
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_visit_horizon_days = fields.Integer(
        related="company_id.service_visit_horizon_days", readonly=False
    )
    service_visit_alert_days = fields.Integer(
        related="company_id.service_visit_alert_days", readonly=False
    )
