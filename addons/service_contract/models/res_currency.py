# covers: CON-04
from odoo import api, models


class ResCurrency(models.Model):
    _inherit = "res.currency"

    @api.model_create_multi
    def create(self, vals_list):
        currencies = super().create(vals_list)
        if any(currencies.mapped("active")):
            self._service_sync_price_precision()
        return currencies

    def write(self, vals):
        result = super().write(vals)
        if {"active", "rounding"} & set(vals):
            self._service_sync_price_precision()
        return result

    @api.model
    def _service_sync_price_precision(self):
        """Unit prices keep the decimals of every currency in use (issue 17):
        Odoo stores the unit prices of contract lines, invoice lines, sale
        lines and products with the "Product Price" precision (2 by default),
        so a Bahraini contract at 1.235 BHD would be billed at 1.24. The
        precision is raised to the largest decimals of the active currencies
        when one is activated (a company in BHD activates it); it is never
        lowered, as prices already stored may use it. Printed unit prices use
        at least the document currency's decimals and no trailing zeros past
        them (report templates)."""
        precision = self.env.ref("product.decimal_price", raise_if_not_found=False)
        if not precision:
            return
        self.flush_model(["active", "decimal_places"])
        self.env.cr.execute("SELECT MAX(decimal_places) FROM res_currency WHERE active")
        needed = self.env.cr.fetchone()[0] or 0
        if needed > precision.digits:
            precision.sudo().digits = needed
