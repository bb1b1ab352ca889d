# covers: CUS-03
from odoo import api, models
from odoo.exceptions import UserError


class ServiceFrozenCustomerMixin(models.AbstractModel):
    """Inherit in documents a frozen customer may not get (contracts,
    requests): creating one, or moving one to a frozen customer, is refused.
    Documents that already exist go on: work in progress finishes."""

    _name = "service.frozen.customer.mixin"
    _description = "Refuse new documents for frozen customers"

    _service_customer_field = "partner_id"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._service_check_customer_not_frozen()
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._service_customer_field in vals:
            self._service_check_customer_not_frozen()
        return result

    def _service_check_customer_not_frozen(self):
        for record in self:
            customer = record[self._service_customer_field].commercial_partner_id
            if customer.service_frozen:
                raise UserError(
                    self.env._(
                        "%(customer)s is frozen since %(date)s (%(reason)s): no new "
                        "%(document)s can be created for this customer. A "
                        "supervisor can unfreeze the customer from the customer "
                        "form.",
                        customer=customer.display_name,
                        date=customer.service_frozen_date,
                        reason=customer.service_frozen_reason,
                        document=self.env["ir.model"]._get(self._name).name,
                    )
                )
