# covers: REQ-04, REQ-05
from odoo import fields, models


class ServiceRequestTeam(models.Model):
    """Users who share a kind of request, their supervisor and their
    department manager (the escalation ladder)."""

    _name = "service.request.team"
    _description = "Service Request Team"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    member_ids = fields.Many2many(
        "res.users",
        "service_request_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
        help="Requests of this team are distributed among these users.",
    )
    supervisor_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        help="Assigns the requests nobody can take and gets the first escalation.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Department Manager",
        domain=[("share", "=", False)],
        help="Gets the second escalation and the notice when every member is "
        "at his cap.",
    )
