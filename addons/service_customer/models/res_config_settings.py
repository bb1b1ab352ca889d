from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_document_reminder_days = fields.Integer(
        related="company_id.service_document_reminder_days", readonly=False
    )
