# covers: BAS-07
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_sms_sender = fields.Char(
        related="company_id.service_sms_sender", readonly=False
    )
    service_approval_rule_count = fields.Integer(compute="_compute_service_counts")
    service_sms_gateway_count = fields.Integer(compute="_compute_service_counts")

    def _compute_service_counts(self):
        rules = self.env["service.approval.rule"].search_count([])
        gateways = self.env["service.sms.gateway"].search_count([])
        for settings in self:
            settings.service_approval_rule_count = rules
            settings.service_sms_gateway_count = gateways
