from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_sms_sender = fields.Char(
        "Default SMS Sender", help="Sender ID used by gateways that set none."
    )
