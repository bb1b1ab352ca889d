# covers: REQ-10
from odoo import api, fields, models


class ServiceRequestLine(models.Model):
    _name = "service.request.line"
    _description = "Service Request: service done"
    _inherit = ["service.protected.fields.mixin"]
    _order = "request_id, sequence, id"
    _check_company_auto = True
    # covers: REQ-10 (no negative quantities on an invoice-to-be)
    _service_field_bounds = {"quantity": (0, None), "price_unit": (0, None)}

    request_id = fields.Many2one(
        "service.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="request_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        check_company=True,
        domain=[("sale_ok", "=", True)],
    )
    name = fields.Char(
        "Description", compute="_compute_name", store=True, readonly=False
    )
    quantity = fields.Float(default=1.0, digits="Product Unit")
    price_unit = fields.Float(
        "Unit Price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
    )
    price_subtotal = fields.Monetary(compute="_compute_price_subtotal", store=True)

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    def _invoice_line_values(self, fiscal_position):
        self.ensure_one()
        company = self.request_id.company_id
        taxes = self.product_id.taxes_id._filter_taxes_by_company(company)
        return {
            "product_id": self.product_id.id,
            "name": f"{self.request_id.name}: {self.name}",
            "quantity": self.quantity,
            "price_unit": self.price_unit,
            "discount": self.request_id.discount,
            "tax_ids": [
                (
                    6,
                    0,
                    self.env["service.contract"]
                    ._map_invoice_taxes(taxes, fiscal_position)
                    .ids,
                )
            ],
        }
