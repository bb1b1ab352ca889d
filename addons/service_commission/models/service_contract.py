# covers: AGT-01
from odoo import api, fields, models


class ServiceContract(models.Model):
    _inherit = "service.contract"

    agent_id = fields.Many2one(
        "res.partner",
        "Sales Agent",
        compute="_compute_agent_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain=[("service_is_agent", "=", True)],
        tracking=True,
        index="btree_not_null",
        help="Earns the commissions of this contract; defaults to the "
        "customer's agent.",
    )

    @api.depends("partner_id")
    def _compute_agent_id(self):
        for contract in self:
            agent = contract.partner_id.commercial_partner_id.service_agent_id
            if agent or not contract.agent_id:
                contract.agent_id = agent
