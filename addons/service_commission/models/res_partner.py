# covers: AGT-01
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_is_agent = fields.Boolean(
        "Sales Agent", tracking=True, help="Sells contracts for a commission."
    )
    service_agent_user_id = fields.Many2one(
        "res.users",
        "Agent User",
        tracking=True,
        help="The agent's login: he sees his own customers, contracts, "
        "settlements and portfolio.",
    )
    service_commission_plan_id = fields.Many2one(
        "service.commission.plan",
        "Commission Plan",
        company_dependent=True,
        tracking=True,
        help="The plan the agent's commissions follow, per company.",
    )
    service_agent_id = fields.Many2one(
        "res.partner",
        "Sales Agent of the Customer",
        domain=[("service_is_agent", "=", True)],
        tracking=True,
        index="btree_not_null",
        help="New contracts of this customer get this agent.",
    )

    _service_agent_user_uniq = models.UniqueIndex(
        "(service_agent_user_id) WHERE service_agent_user_id IS NOT NULL",
        "Agent User: this user is already the login of another agent.",
    )

    @api.constrains("service_agent_user_id", "service_is_agent")
    def _check_service_agent_user_id(self):
        for partner in self.filtered("service_agent_user_id"):
            user = partner.service_agent_user_id
            if not partner.service_is_agent or not user.has_group(
                "service_base.group_service_agent"
            ):
                raise ValidationError(
                    self.env._(
                        "Agent User: %(user)s must be in the group Services / "
                        "Sales Agent and %(agent)s ticked Sales Agent; fix the "
                        "user's access rights or clear the Agent User.",
                        user=user.name,
                        agent=partner.display_name,
                    )
                )

    @api.constrains("service_agent_id")
    def _check_service_agent_id(self):
        for partner in self:
            agent = partner.service_agent_id
            if agent and not agent.service_is_agent:
                raise ValidationError(
                    self.env._(
                        "Sales Agent of the Customer: %(agent)s is not a sales "
                        "agent; tick Sales Agent on his contact first.",
                        agent=agent.display_name,
                    )
                )
