# covers: SRV-01
from odoo import fields, models
from odoo.exceptions import ValidationError


class ServicePriceTier(models.Model):
    """A quantity band of a tiered service: from ``min_quantity`` up to the
    next band's start, at ``price`` per unit."""

    _name = "service.price.tier"
    _description = "Service Price Tier"
    _order = "product_tmpl_id, min_quantity"

    _min_quantity_uniq = models.Constraint(
        "UNIQUE (product_tmpl_id, min_quantity)",
        "Price Tiers: two bands of a service start at the same quantity.",
    )
    _min_quantity_positive = models.Constraint(
        "CHECK (min_quantity >= 0)",
        "Price Tiers: a band cannot start below quantity 0.",
    )

    product_tmpl_id = fields.Many2one(
        "product.template", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="product_tmpl_id.company_id", store=True)
    currency_id = fields.Many2one(related="product_tmpl_id.currency_id")
    min_quantity = fields.Float("From Quantity", required=True, default=0.0)
    price = fields.Monetary("Unit Price", required=True, currency_field="currency_id")

    def _amount_for(self, quantity, mode):
        """Amount for ``quantity`` units over these bands (one service)."""
        bands = self.sorted("min_quantity")
        if not bands:
            raise ValidationError(self.env._("Price Tiers: no band is defined."))
        if mode == "volume":
            reached = bands.filtered(lambda band: band.min_quantity <= quantity)[-1:]
            return quantity * (reached or bands[0]).price
        amount = 0.0
        for index, band in enumerate(bands):
            upper = bands[index + 1].min_quantity if index + 1 < len(bands) else None
            if quantity <= band.min_quantity:
                break
            units = (min(quantity, upper) if upper is not None else quantity) - (
                band.min_quantity
            )
            amount += units * band.price
        return amount
