# covers: AGT-04
from odoo import fields, models, tools
from odoo.tools import SQL


class ServiceCommissionPortfolio(models.Model):
    """Per agent, company and month: contracts active at the month's end,
    their monthly recurring revenue, contracts won and lost in the month."""

    _name = "service.commission.portfolio"
    _description = "Agent Portfolio"
    _auto = False
    _order = "month desc, agent_id"
    _rec_name = "agent_id"

    agent_id = fields.Many2one("res.partner", "Sales Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    month = fields.Date(readonly=True)
    active_contracts = fields.Integer(readonly=True, aggregator="sum")
    new_contracts = fields.Integer(readonly=True, aggregator="sum")
    churned_contracts = fields.Integer(
        readonly=True,
        aggregator="sum",
        help="Contracts whose last day (end or termination) falls in the month.",
    )
    opening_contracts = fields.Integer(
        "Contracts at Start", readonly=True, aggregator="sum"
    )
    recurring_revenue = fields.Monetary(
        "Monthly Recurring Revenue",
        readonly=True,
        aggregator="sum",
        help="Untaxed amount per month of the contracts active at the month's "
        "end, whatever their billing period.",
    )
    churn_rate = fields.Float(
        "Churn Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Contracts running at the month's start and lost in the month, "
        "over those running at its start.",
    )

    def _query(self):
        return SQL(
            """
            WITH contract_revenue AS (
                SELECT contract.id, contract.agent_id, contract.company_id,
                       contract.currency_id,
                       contract.date_start,
                       LEAST(contract.date_end, contract.terminated_on) AS date_last,
                       COALESCE(SUM(line.price_subtotal_monthly), 0)
                           AS monthly
                  FROM service_contract contract
             LEFT JOIN service_contract_line line ON line.contract_id = contract.id
                 WHERE contract.agent_id IS NOT NULL
                   AND contract.state IN ('active', 'suspended', 'ended')
              GROUP BY contract.id
            ), contract_month AS (
                -- counted as at the month's end, or as at yesterday for the
                -- month under way: a contract ending later this month is still
                -- running (and earning) until its last day (issue 17)
                SELECT revenue.*, month::date AS month,
                       LEAST((month + INTERVAL '1 month - 1 day')::date,
                             CURRENT_DATE - 1) AS month_end
                  FROM contract_revenue revenue,
                       generate_series(
                           date_trunc('month', revenue.date_start),
                           date_trunc('month', LEAST(
                               COALESCE(revenue.date_last, CURRENT_DATE),
                               CURRENT_DATE)),
                           INTERVAL '1 month') AS month
            ), agent_month AS (
                SELECT agent_id, company_id, currency_id, month,
                       COUNT(*) FILTER (WHERE date_last IS NULL
                                        OR date_last > month_end)
                           AS active_contracts,
                       COUNT(*) FILTER (WHERE date_start >= month) AS new_contracts,
                       COUNT(*) FILTER (WHERE date_last <= month_end)
                           AS churned_contracts,
                       COUNT(*) FILTER (WHERE date_start < month)
                           AS opening_contracts,
                       COUNT(*) FILTER (WHERE date_start < month
                                        AND date_last <= month_end)
                           AS churned_opening,
                       SUM(monthly) FILTER (WHERE date_last IS NULL
                                            OR date_last > month_end)
                           AS recurring_revenue
                  FROM contract_month
              GROUP BY agent_id, company_id, currency_id, month
            )
            SELECT ROW_NUMBER() OVER (ORDER BY month, agent_id, company_id) AS id,
                   agent_id, company_id, currency_id, month,
                   active_contracts, new_contracts, churned_contracts,
                   opening_contracts,
                   COALESCE(recurring_revenue, 0) AS recurring_revenue,
                   CASE WHEN opening_contracts > 0
                        THEN 100.0 * churned_opening / opening_contracts
                        ELSE 0 END AS churn_rate
              FROM agent_month
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
