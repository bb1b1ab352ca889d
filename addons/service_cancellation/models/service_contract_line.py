# covers: CAN-03
from odoo import models

from .service_cancellation import MONTHS_PER_PERIOD


class ServiceContractLine(models.Model):
    _inherit = "service.contract.line"

    def _service_months_per_period(self):
        """Months of revenue in one billing period of this line (0 for a
        one-off fee): its per-period amount divided by this is per month."""
        self.ensure_one()
        period = self.billing_period or self.contract_id.billing_period
        return MONTHS_PER_PERIOD.get(period, 0.0)
