# covers: UTL-02
from odoo import fields, models


class ServiceReadingImportError(models.Model):
    _name = "service.reading.import.error"
    _description = "Reading Import: Refused Row"
    _order = "import_id, line_number"

    import_id = fields.Many2one(
        "service.reading.import", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="import_id.company_id", store=True)
    line_number = fields.Integer(required=True)
    content = fields.Char("Row")
    reason = fields.Char(required=True)
