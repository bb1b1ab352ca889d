from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_statement_day = fields.Integer(
        "Statement Day",
        default=1,
        help="Day of the month the statements of the previous month are "
        "e-mailed to customers who receive them by e-mail (0: never).",
    )
