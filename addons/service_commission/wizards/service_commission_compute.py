# covers: AGT-03
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


def _previous_month(today):
    end = today.replace(day=1) - relativedelta(days=1)
    return end.replace(day=1), end


class ServiceCommissionCompute(models.TransientModel):
    _name = "service.commission.compute"
    _description = "Compute Commission Settlements"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        "Period From",
        required=True,
        default=lambda self: _previous_month(fields.Date.context_today(self))[0],
    )
    date_to = fields.Date(
        "Period To",
        required=True,
        default=lambda self: _previous_month(fields.Date.context_today(self))[1],
    )
    agent_ids = fields.Many2many(
        "res.partner",
        string="Sales Agents",
        domain=[("service_is_agent", "=", True)],
        help="Empty: every agent with a commission plan in the company.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._(
                        "Period To: the period ends before it starts; enter an "
                        "end on or after %(start)s.",
                        start=wizard.date_from,
                    )
                )

    def action_compute(self):
        self.ensure_one()
        Settlement = self.env["service.commission.settlement"].with_company(
            self.company_id
        )
        settlements = Settlement._compute_settlements(
            self.company_id, self.date_from, self.date_to, agents=self.agent_ids
        )
        domain = [("id", "in", settlements.ids)]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Commission Settlements"),
            "res_model": "service.commission.settlement",
            "view_mode": "list,form",
            "domain": domain,
        }
