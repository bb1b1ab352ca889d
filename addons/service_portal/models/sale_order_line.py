# covers: PRT-03
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    service_contract_line_id = fields.Many2one(
        "service.contract.line",
        string="Contract Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The contract line this service started: the contract bills it, "
        "every period, not the order.",
    )

    @api.depends("service_contract_line_id")
    def _compute_qty_to_invoice(self):
        """A service billed by its contract is never invoiced from the order
        as well (no double billing, also with automatic shop invoicing)."""
        result = super()._compute_qty_to_invoice()
        for line in self.filtered("service_contract_line_id"):
            line.qty_to_invoice = 0
        return result
