# covers: UTL-03, CON-05
from odoo import models


class ServiceBillingRun(models.Model):
    _inherit = "service.billing.run"

    def _bill_batch(self, contracts, journal_defaults=None):
        """Before billing a batch, turn the readings of its metered lines
        into formula inputs (or held consumption with the reason); after,
        remember up to where each point is billed."""
        contracts._service_utility_feed(date_until=self.date_until)
        billed = super()._bill_batch(contracts, journal_defaults)
        contracts.line_ids.supply_point_id._service_utility_mark_billed()
        return billed
