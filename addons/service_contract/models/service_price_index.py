# covers: CON-06
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ServicePriceIndex(models.Model):
    """A published price index (consumer prices, labour cost...) by date,
    used to index contract prices at renewal or anniversary."""

    _name = "service.price.index"
    _description = "Price Index"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the index between companies."
    )
    value_ids = fields.One2many("service.price.index.value", "index_id", copy=True)

    def _value_at(self, date):
        """Latest published value on or before ``date``."""
        self.ensure_one()
        values = self.value_ids.filtered(lambda v: v.date <= date).sorted("date")
        if not values:
            raise UserError(
                self.env._(
                    "Price index '%(index)s' has no value on or before %(date)s: "
                    "enter the published value first.",
                    index=self.name,
                    date=date,
                )
            )
        return values[-1].value

    def _factor(self, date_from, date_to):
        self.ensure_one()
        return self._value_at(date_to) / self._value_at(date_from)


class ServicePriceIndexValue(models.Model):
    _name = "service.price.index.value"
    _description = "Price Index Value"
    _order = "date desc"

    _index_date_uniq = models.Constraint(
        "UNIQUE (index_id, date)", "Price index: one value per date."
    )

    index_id = fields.Many2one(
        "service.price.index", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="index_id.company_id", store=True)
    date = fields.Date(required=True)
    value = fields.Float(required=True, digits=(16, 4))

    @api.constrains("value")
    def _check_value(self):
        for record in self:
            if record.value <= 0:
                raise ValidationError(
                    self.env._("Value: an index value must be positive.")
                )
