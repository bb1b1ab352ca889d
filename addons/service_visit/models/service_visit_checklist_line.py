# covers: VIS-02
from odoo import fields, models


class ServiceVisitChecklistLine(models.Model):
    _name = "service.visit.checklist.line"
    _description = "Visit Checklist Line"
    _order = "visit_id, sequence, id"
    _check_company_auto = True

    visit_id = fields.Many2one(
        "service.visit", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Check", required=True)
    done = fields.Boolean()
    note = fields.Char()
