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

    def action_check_consumption(self):
        """The control list before billing (UTL-03): compute the consumption
        of every metered contract due by this run's date, without billing,
        and list it with the held points first."""
        self.ensure_one()
        self.check_access("write")
        self._check_supervisor()
        contracts = self.env["service.contract"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "active"),
                ("next_billing_date", "<=", self.date_until),
                ("line_ids.supply_point_id", "!=", False),
            ]
        )
        contracts._service_utility_feed(date_until=self.date_until)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_utility.service_consumption_action"
        )
        action["domain"] = [
            ("contract_id", "in", contracts.ids),
            ("period_start", "<=", self.date_until),
        ]
        action["context"] = {"search_default_held": 0}
        return action
