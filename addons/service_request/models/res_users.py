# covers: REQ-04
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    service_request_cap = fields.Integer(
        "Open Requests Cap",
        default=20,
        help="Automatic distribution gives this user new requests only while "
        "he has fewer open requests than this (0: never).",
    )
