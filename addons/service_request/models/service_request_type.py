# covers: REQ-01, REQ-02, REQ-05, REQ-07
from odoo import api, fields, models

KINDS = [
    ("service", "Service"),
    ("maintenance", "Maintenance"),
    ("inquiry", "Inquiry"),
    ("complaint", "Complaint"),
    ("operations", "Operations-room Event"),
]


class ServiceRequestType(models.Model):
    """A kind of request with its own numbering, extra fields, SLA and team."""

    _name = "service.request.type"
    _description = "Service Request Type"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(KINDS, required=True, default="service")
    code = fields.Char(
        "Number Prefix",
        required=True,
        help="Requests of this type are numbered <prefix>/<year>/00001.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Numbering", readonly=True, copy=False, check_company=True
    )
    team_id = fields.Many2one(
        "service.request.team", string="Default Team", check_company=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Default Service",
        domain=[("type", "=", "service")],
        check_company=True,
        help="Service proposed on the lines of a request raised for an invoice.",
    )
    ack_hours = fields.Float(
        "Acknowledge Within (working hours)",
        default=4.0,
        help="A request not picked up within these working hours escalates.",
    )
    sla_hours = fields.Float(
        "Complete Within (working hours)",
        default=40.0,
        help="Expected completion, counted in the company's working hours.",
    )
    escalation_hours = fields.Float(
        "Second Escalation After (hours)",
        default=24.0,
        help="Hours after the supervisor's alert before the department manager "
        "is alerted too.",
    )
    reminder_count = fields.Integer(
        "Document Reminders",
        default=3,
        help="How many times a customer is reminded of missing documents.",
    )
    reminder_days = fields.Integer(
        "Remind Every (days)", default=3, help="Days between two reminders."
    )
    portal_visible = fields.Boolean(
        "Customers Can Open", default=True, help="Offered in the customer portal."
    )
    properties_definition = fields.PropertiesDefinition("Extra Fields")

    _code_company_uniq = models.Constraint(
        "UNIQUE (code, company_id)",
        "Number Prefix: another request type of this company uses it; choose "
        "another prefix.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        types = super().create(vals_list)
        for request_type in types:
            request_type.sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": f"{request_type.name} ({request_type.company_id.name})",
                        "code": "service.request.type",
                        "prefix": f"{request_type.code}/%(year)s/",
                        "padding": 5,
                        "company_id": request_type.company_id.id,
                        # a PostgreSQL sequence: no lock, never a duplicate
                        "implementation": "standard",
                    }
                )
            )
        return types

    def write(self, vals):
        result = super().write(vals)
        if "code" in vals:
            for request_type in self.filtered("sequence_id"):
                request_type.sequence_id.sudo().prefix = (
                    f"{request_type.code}/%(year)s/"
                )
        return result

    def _next_number(self):
        self.ensure_one()
        return self.sequence_id.sudo().next_by_id()
