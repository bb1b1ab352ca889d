# covers: REQ-03
from odoo import fields, models


class ServiceRequestStage(models.Model):
    _name = "service.request.stage"
    _description = "Service Request Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    fold = fields.Boolean(help="Folded in the kanban view.")
    is_closed = fields.Boolean(
        "Closing Stage", help="Requests in this stage are done (closed)."
    )
    company_id = fields.Many2one(
        "res.company", help="Empty: a stage of every company.", index=True
    )
    alert_activity = fields.Boolean(
        "Activity for the Assignee",
        help="Schedule a to-do for the assignee when a request reaches this stage.",
    )
    alert_mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail to the Customer",
        domain=[("model", "=", "service.request")],
    )
    alert_notification_code = fields.Char(
        "SMS / Push Template Code",
        help="Code of a Services notification template (Configuration > "
        "Notifications) sent to the customer when a request reaches this stage.",
    )
