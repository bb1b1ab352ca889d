# covers: SRV-02, SRV-04
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _get_pricelist_price(self):
        """Tiered services are priced by their quantity bands on quotations
        and in the shop cart: the unit price is the bands' amount for the
        ordered quantity divided by that quantity (rounded to the Product
        Price precision, like every unit price)."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        quantity = self.product_uom_qty
        if template.service_fee_method != "tiered" or quantity <= 0:
            return super()._get_pricelist_price()
        if not template.service_tier_ids:
            return super()._get_pricelist_price()
        amount = template._service_compute_amount(quantity, template.list_price)
        currency = self.order_id.currency_id or self.env.company.currency_id
        return template.currency_id._convert(
            amount / quantity,
            currency,
            self.order_id.company_id or self.env.company,
            self.order_id.date_order or self.env.cr.now(),
        )
