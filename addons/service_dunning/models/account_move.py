# covers: DUN-01
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    service_disputed = fields.Boolean(
        "Disputed",
        tracking=True,
        copy=False,
        index="btree_not_null",
        help="The customer disputes this invoice: no dunning reminds him of it "
        "until the dispute is settled.",
    )
    service_dunning_fee_communication_id = fields.Many2one(
        "service.dunning.communication",
        "Dunning Fee Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
