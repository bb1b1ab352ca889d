# covers: PRT-03
from odoo import fields, models


class ServiceContract(models.Model):
    _inherit = "service.contract"
    _service_protected_fields = ("sale_order_id",)

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The order (shop or quotation) that started this contract.",
    )

    def _prepare_invoice_lines(self, start, end, inputs=None, previous=None):
        """The first period of a contract started by an order is invoiced
        against the order's lines, so the order shows them invoiced."""
        lines, reason = super()._prepare_invoice_lines(
            start, end, inputs=inputs, previous=previous
        )
        if start > self.date_start:
            return lines, reason
        sale_lines = {
            line.id: line.sale_line_id.id for line in self.line_ids if line.sale_line_id
        }
        for values in lines or []:
            sale_line_id = sale_lines.get(values.get("service_contract_line_id"))
            if sale_line_id:
                values["sale_line_ids"] = [(4, sale_line_id)]
        return lines, reason


class ServiceContractLine(models.Model):
    _inherit = "service.contract.line"

    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sales Order Line",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
