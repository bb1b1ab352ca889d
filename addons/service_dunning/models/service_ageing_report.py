# covers: RPT-03, DUN-05
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# (upper bound of days late, bucket field); the last one is open-ended
BUCKETS = [
    (0, "amount_current"),
    (30, "amount_1_30"),
    (60, "amount_31_60"),
    (90, "amount_61_90"),
    (120, "amount_91_120"),
    (None, "amount_over_120"),
]


class ServiceAgeingReport(models.Model):
    """Open receivable items aged by days past due, as of today: per
    customer, contract and company, for pivot, graph and list export. Right
    with partial payments and credit notes: it reads each item's residual
    amount, which Odoo keeps after every (partial) reconciliation."""

    _name = "service.ageing.report"
    _description = "Receivables Ageing"
    _auto = False
    _order = "partner_id, date_maturity"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    contract_id = fields.Many2one("service.contract", readonly=True)
    move_id = fields.Many2one("account.move", "Document", readonly=True)
    date_maturity = fields.Date("Due Date", readonly=True)
    days_late = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(
        [
            ("0", "Not due"),
            ("1", "1-30"),
            ("2", "31-60"),
            ("3", "61-90"),
            ("4", "91-120"),
            ("5", "Over 120"),
        ],
        readonly=True,
    )
    amount_residual = fields.Monetary("Open", readonly=True)
    amount_current = fields.Monetary("Not Due", readonly=True)
    amount_1_30 = fields.Monetary("1-30", readonly=True)
    amount_31_60 = fields.Monetary("31-60", readonly=True)
    amount_61_90 = fields.Monetary("61-90", readonly=True)
    amount_91_120 = fields.Monetary("91-120", readonly=True)
    amount_over_120 = fields.Monetary("Over 120", readonly=True)

    @property
    def _table_query(self):
        days = SQL("(CURRENT_DATE - COALESCE(line.date_maturity, line.date))")
        columns = []
        low = None
        for high, name in BUCKETS:
            conditions = []
            if low is not None:
                conditions.append(SQL("%s > %s", days, low))
            if high is not None:
                conditions.append(SQL("%s <= %s", days, high))
            columns.append(
                SQL(
                    "CASE WHEN %s THEN line.amount_residual ELSE 0 END AS %s",
                    SQL(" AND ").join(conditions),
                    SQL.identifier(name),
                )
            )
            low = high
        bucket = SQL(
            "CASE WHEN %(d)s <= 0 THEN '0' WHEN %(d)s <= 30 THEN '1' "
            "WHEN %(d)s <= 60 THEN '2' WHEN %(d)s <= 90 THEN '3' "
            "WHEN %(d)s <= 120 THEN '4' ELSE '5' END",
            d=days,
        )
        return SQL(
            """
            SELECT line.id, line.company_id, line.company_currency_id AS currency_id,
                   partner.commercial_partner_id AS partner_id,
                   move.service_contract_id AS contract_id, line.move_id,
                   COALESCE(line.date_maturity, line.date) AS date_maturity,
                   GREATEST(%(days)s, 0) AS days_late, %(bucket)s AS bucket,
                   line.amount_residual, %(columns)s
              FROM account_move_line line
              JOIN account_account account ON account.id = line.account_id
              JOIN account_move move ON move.id = line.move_id
              JOIN res_partner partner ON partner.id = line.partner_id
             WHERE line.parent_state = 'posted'
               AND line.reconciled IS NOT TRUE
               AND account.account_type = 'asset_receivable'
               AND line.amount_residual != 0
            """,
            days=days,
            bucket=bucket,
            columns=SQL(", ").join(columns),
        )

    def init(self):
        # what the ageing, the statements and the dunning runs read: open
        # receivable items per partner and due date (PERFORMANCE: one
        # composite index, one query per bucket set)
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS account_move_line_service_open_receivable_idx
                ON account_move_line (company_id, partner_id, date_maturity)
             WHERE reconciled IS NOT TRUE AND parent_state = 'posted'
            """
        )

    @api.model
    def _ageing_buckets(self, partners, company, date=None):
        """{commercial partner id: {bucket field: amount, "total": amount}}
        as of ``date`` (default today), in one query. Before today an item's
        open amount is its balance less the reconciliations dated up to
        ``date`` (partial payments and credit notes alike)."""
        date = date or fields.Date.context_today(self)
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        today = fields.Date.context_today(self)
        if date >= today:
            residual = SQL("line.amount_residual")
            open_filter = SQL("line.reconciled IS NOT TRUE")
        else:
            residual = SQL(
                """line.balance
                   - COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                                WHERE p.debit_move_id = line.id
                                  AND p.max_date <= %(date)s), 0)
                   + COALESCE((SELECT SUM(p.amount) FROM account_partial_reconcile p
                                WHERE p.credit_move_id = line.id
                                  AND p.max_date <= %(date)s), 0)""",
                date=date,
            )
            open_filter = SQL("line.date <= %s", date)
        days = SQL("(%s::date - COALESCE(line.date_maturity, line.date))", date)
        sums = []
        low = None
        for high, _name in BUCKETS:
            conditions = [SQL("TRUE")]
            if low is not None:
                conditions.append(SQL("%s > %s", days, low))
            if high is not None:
                conditions.append(SQL("%s <= %s", days, high))
            sums.append(
                SQL(
                    "SUM(CASE WHEN %s THEN open_amount ELSE 0 END)",
                    SQL(" AND ").join(conditions),
                )
            )
            low = high
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, %(sums)s, SUM(open_amount)
                  FROM (
                    SELECT partner.commercial_partner_id AS partner_id,
                           line.date_maturity, line.date, %(residual)s AS open_amount
                      FROM account_move_line line
                      JOIN account_account account ON account.id = line.account_id
                      JOIN res_partner partner ON partner.id = line.partner_id
                     WHERE line.company_id = %(company)s
                       AND line.partner_id IN (
                            SELECT id FROM res_partner
                             WHERE commercial_partner_id = ANY(%(partners)s))
                       AND line.parent_state = 'posted'
                       AND account.account_type = 'asset_receivable'
                       AND %(open_filter)s
                  ) line
                 GROUP BY partner_id
                """,
                sums=SQL(", ").join(sums),
                residual=residual,
                open_filter=open_filter,
                company=company.id,
                partners=partners.commercial_partner_id.ids,
            )
        )
        result = {}
        for row in self.env.cr.fetchall():
            values = {name: row[index + 1] for index, (_h, name) in enumerate(BUCKETS)}
            values["total"] = row[-1]
            result[row[0]] = values
        return result

    @api.model
    def _credit_situation(self, partners, company):
        """{commercial partner id: {balance, overdue, dso}} in one query: DSO
        is the open balance over the last 90 days' invoicing, times 90."""
        today = fields.Date.context_today(self)
        self.env["account.move.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       SUM(line.amount_residual) FILTER (
                           WHERE line.reconciled IS NOT TRUE),
                       SUM(line.amount_residual) FILTER (
                           WHERE line.reconciled IS NOT TRUE
                             AND line.date_maturity < %(today)s),
                       SUM(line.balance) FILTER (
                           WHERE line.balance > 0 AND line.date >= %(since)s)
                  FROM account_move_line line
                  JOIN account_account account ON account.id = line.account_id
                  JOIN res_partner partner ON partner.id = line.partner_id
                 WHERE line.company_id = %(company)s
                   AND partner.commercial_partner_id = ANY(%(partners)s)
                   AND line.parent_state = 'posted'
                   AND account.account_type = 'asset_receivable'
                 GROUP BY partner.commercial_partner_id
                """,
                today=today,
                since=today - timedelta(days=90),
                company=company.id,
                partners=partners.ids,
            )
        )
        result = {}
        for partner_id, balance, overdue, invoiced in self.env.cr.fetchall():
            balance = balance or 0.0
            result[partner_id] = {
                "balance": balance,
                "overdue": overdue or 0.0,
                "dso": round(balance / invoiced * 90, 1) if invoiced else 0.0,
            }
        return result
