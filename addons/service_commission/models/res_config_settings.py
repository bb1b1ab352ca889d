# covers: AGT-03
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_commission_account_id = fields.Many2one(
        related="company_id.service_commission_account_id", readonly=False
    )
    service_commission_journal_id = fields.Many2one(
        related="company_id.service_commission_journal_id", readonly=False
    )
    service_commission_post_bills = fields.Boolean(
        related="company_id.service_commission_post_bills", readonly=False
    )
