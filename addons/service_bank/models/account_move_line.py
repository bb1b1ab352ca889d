# covers: BNK-01
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch_active,
)

from .account_move import ORDER_SWITCH


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    service_riba_line_id = fields.Many2one(
        "service.riba.order.line",
        "RiBa Receipt",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The RiBa receipt that collects this instalment; cleared only by "
        "an explicit recall.",
    )

    def write(self, vals):
        if "service_riba_line_id" in vals and not (
            self.env.su or internal_switch_active(ORDER_SWITCH)
        ):
            raise UserError(
                self.env._("RiBa Receipt of an instalment is set only by a RiBa order.")
            )
        return super().write(vals)
