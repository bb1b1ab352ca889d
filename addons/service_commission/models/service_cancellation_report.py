# covers: CAN-03, AGT-04
from odoo import fields, models
from odoo.tools import SQL


class ServiceCancellationReport(models.Model):
    """Churn by sales agent: the contract's agent beside its salesperson."""

    _inherit = "service.cancellation.report"

    agent_id = fields.Many2one("res.partner", string="Sales Agent", readonly=True)

    def _select_extra(self):
        return SQL("%s, k.agent_id AS agent_id", super()._select_extra())
