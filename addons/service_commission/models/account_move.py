# covers: AGT-01
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    service_agent_id = fields.Many2one(
        "res.partner",
        "Sales Agent",
        compute="_compute_service_agent_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("service_is_agent", "=", True)],
        index="btree_not_null",
        tracking=True,
        help="The agent earning the commission of this invoice: the contract's "
        "agent when the invoice was made.",
    )

    # only on the contract, not on its agent: an invoice keeps the agent it was
    # made for when the contract later changes hands
    @api.depends("service_contract_id")
    def _compute_service_agent_id(self):
        for move in self:
            if move.service_contract_id and move.is_sale_document(
                include_receipts=True
            ):
                move.service_agent_id = move.service_contract_id.agent_id
            elif not move.service_agent_id:
                move.service_agent_id = False
