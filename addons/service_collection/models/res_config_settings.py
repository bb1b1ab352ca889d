# covers: COL-04
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    service_cheque_received_account_id = fields.Many2one(
        related="company_id.service_cheque_received_account_id", readonly=False
    )
    service_cheque_transit_account_id = fields.Many2one(
        related="company_id.service_cheque_transit_account_id", readonly=False
    )
    service_cheque_journal_id = fields.Many2one(
        related="company_id.service_cheque_journal_id", readonly=False
    )
    service_collection_cash_journal_id = fields.Many2one(
        related="company_id.service_collection_cash_journal_id", readonly=False
    )
    service_cheque_bounce_fee_product_id = fields.Many2one(
        related="company_id.service_cheque_bounce_fee_product_id", readonly=False
    )
    service_cheque_bounce_fee_amount = fields.Monetary(
        related="company_id.service_cheque_bounce_fee_amount", readonly=False
    )
