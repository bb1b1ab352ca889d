# covers: UTL-02
from odoo import fields, models


class ServiceReadingImportMapping(models.Model):
    """Saved column mapping of a CSV file of readings (one per supplier or
    meter-reading company)."""

    _name = "service.reading.import.mapping"
    _description = "Reading Import: Column Mapping"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    delimiter = fields.Char(required=True, default=",", size=1)
    date_format = fields.Char(
        required=True, default="%Y-%m-%d", help="Python format, e.g. %d/%m/%Y"
    )
    decimal_separator = fields.Selection(
        [(".", "Point (1234.5)"), (",", "Comma (1234,5)")], default=".", required=True
    )
    column_point = fields.Char("Supply Point Column", required=True, default="point")
    column_register = fields.Char(
        "Register Column", default="register", help="Empty: the meter's first register."
    )
    column_meter = fields.Char(
        "Meter Column", default="meter", help="Empty: the meter installed that day."
    )
    column_date = fields.Char("Date Column", required=True, default="date")
    column_value = fields.Char("Value Column", required=True, default="value")
    column_source = fields.Char(
        "Source Column", default="source", help="actual or customer; empty: actual."
    )
