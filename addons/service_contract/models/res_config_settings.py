# covers: CON-04
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_billing_post = fields.Boolean(
        related="company_id.service_billing_post", readonly=False
    )
