# covers: CON-04
from odoo import api, models

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch_active,
)
from odoo.addons.service_base.tools.context import BILLING_CONTEXT

# cr.cache entry: companies known to have no analytic distribution model
NO_MODELS = "service_contract.no_analytic_models"


class AccountAnalyticDistributionModel(models.Model):
    _inherit = "account.analytic.distribution.model"

    @api.model
    def _get_applicable_models(self, vals):
        """While a billing run posts, skip the per-line search for distribution
        models in a company that has none (checked once per transaction)."""
        company_id = vals.get("company_id")
        if not internal_switch_active(BILLING_CONTEXT) or not company_id:
            return super()._get_applicable_models(vals)
        known = self.env.cr.cache.setdefault(NO_MODELS, {})
        if company_id not in known:
            known[company_id] = not self.sudo().search_count(
                [("company_id", "in", [company_id, False])], limit=1
            )
        if known[company_id]:
            return self.browse()
        return super()._get_applicable_models(vals)
