# covers: CAN-03
from odoo import fields, models, tools
from odoo.tools import SQL


class ServiceCancellationReport(models.Model):
    """Churn: one row per cancelled contract line, by reason, service,
    salesperson and month. ``cancellation_count`` counts each cancellation
    once (on its first line), ``line_count`` every cancelled service."""

    _name = "service.cancellation.report"
    _description = "Churn Statistics"
    _auto = False
    _order = "date_effective desc"

    cancellation_id = fields.Many2one("service.cancellation", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    contract_id = fields.Many2one("service.contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    reason_id = fields.Many2one("service.cancellation.reason", readonly=True)
    product_id = fields.Many2one("product.product", string="Service", readonly=True)
    scope = fields.Selection(
        [("contract", "Whole contract"), ("lines", "Some lines")], readonly=True
    )
    origin = fields.Selection(
        [("staff", "Staff"), ("portal", "Customer portal")], readonly=True
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting Approval"),
            ("approved", "Scheduled"),
            ("done", "Done"),
            ("retained", "Retained"),
            ("refused", "Refused"),
        ],
        readonly=True,
    )
    date_received = fields.Date("Received On", readonly=True)
    date_effective = fields.Date("Effective Date", readonly=True)
    cancellation_count = fields.Integer("Cancellations", readonly=True)
    line_count = fields.Integer("Services Cancelled", readonly=True)
    amount_monthly = fields.Float("Lost Monthly Revenue", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT ROW_NUMBER() OVER (ORDER BY c.id, rel.line_id) AS id,
                       c.id AS cancellation_id, c.company_id, c.contract_id,
                       c.partner_id, c.user_id, c.reason_id, l.product_id,
                       c.scope, c.origin, c.state, c.date_received,
                       c.date_effective,
                       CASE WHEN rel.line_id = MIN(rel.line_id)
                                 OVER (PARTITION BY c.id)
                            THEN 1 ELSE 0 END AS cancellation_count,
                       1 AS line_count,
                       COALESCE(l.price_subtotal_monthly, 0) AS amount_monthly
                       %s
                  FROM service_cancellation c
                  JOIN service_cancellation_line_rel rel
                    ON rel.cancellation_id = c.id
                  JOIN service_contract_line l ON l.id = rel.line_id
                  JOIN service_contract k ON k.id = c.contract_id
                 WHERE c.state NOT IN ('draft', 'cancelled')
            )
            """,
                SQL.identifier(self._table),
                self._select_extra(),
            )
        )

    def _select_extra(self):
        """More columns for addons extending churn (e.g. the agent): an SQL
        fragment starting with a comma; ``k`` is the contract, ``l`` its line,
        ``c`` the cancellation."""
        return SQL("")
