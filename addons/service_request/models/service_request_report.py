# covers: REQ-11
from odoo import fields, models, tools
from odoo.tools import SQL


class ServiceRequestReport(models.Model):
    """Requests per employee: assigned, done on time, late, still open."""

    _name = "service.request.report"
    _description = "Service Request Statistics"
    _auto = False
    _order = "date_received desc"

    request_id = fields.Many2one("service.request", readonly=True)
    user_id = fields.Many2one("res.users", string="Assigned To", readonly=True)
    team_id = fields.Many2one("service.request.team", readonly=True)
    type_id = fields.Many2one("service.request.type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    date_received = fields.Datetime("Received", readonly=True)
    date_closed = fields.Datetime("Closed", readonly=True)
    assigned = fields.Integer(readonly=True)
    done_on_time = fields.Integer("Done in Time", readonly=True)
    done_late = fields.Integer("Closed Late", readonly=True)
    open_late = fields.Integer("Open and Late", readonly=True)
    still_open = fields.Integer("Open Now", readonly=True)
    resolution_hours = fields.Float("Hours to Close", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT r.id, r.id AS request_id, r.user_id, r.team_id, r.type_id,
                       r.company_id, r.partner_id, r.date_received, r.date_closed,
                       1 AS assigned,
                       CASE WHEN r.date_closed IS NOT NULL
                             AND r.date_closed
                                 <= COALESCE(r.date_expected, r.date_closed)
                            THEN 1 ELSE 0 END AS done_on_time,
                       CASE WHEN r.date_closed IS NOT NULL
                             AND r.date_closed > r.date_expected
                            THEN 1 ELSE 0 END AS done_late,
                       CASE WHEN r.date_closed IS NULL
                             AND r.date_expected < (now() AT TIME ZONE 'UTC')
                            THEN 1 ELSE 0 END AS open_late,
                       CASE WHEN r.date_closed IS NULL THEN 1 ELSE 0 END AS still_open,
                       EXTRACT(EPOCH FROM (r.date_closed - r.date_received)) / 3600.0
                           AS resolution_hours
                  FROM service_request r
                 WHERE r.user_id IS NOT NULL
            )
            """,
                SQL.identifier(self._table),
            )
        )
