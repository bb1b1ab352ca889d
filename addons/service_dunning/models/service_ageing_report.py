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
    plan_id = fields.Many2one(
        "service.instalment.plan",
        "Instalment Plan",
        readonly=True,
        help="While a plan is kept, its open instalments replace the items it "
        "covers: what is due when follows the plan's schedule.",
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
        days = SQL("(CURRENT_DATE - item.date_maturity)")
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
                    "CASE WHEN %s THEN item.open_amount ELSE 0 END AS %s",
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
            SELECT item.id, item.company_id, item.currency_id, item.partner_id,
                   item.contract_id, item.move_id, item.plan_id,
                   item.date_maturity, GREATEST(%(days)s, 0) AS days_late,
                   %(bucket)s AS bucket, item.open_amount AS amount_residual,
                   %(columns)s
              FROM (%(items)s) item
             WHERE item.open_amount != 0
            """,
            days=days,
            bucket=bucket,
            columns=SQL(", ").join(columns),
            items=self._open_items_query(),
        )

    @api.model
    def _open_items_query(self, date=None, company=None, partners=None):
        """Open receivable amounts and when they are due, one row per item
        (id = 2 x journal item) or, for the items a kept instalment plan
        covers (its interest and fee invoice included), one row per open
        instalment (id = 2 x instalment + 1) dated on the plan's schedule.
        # covers: DUN-03

        The plan's open amount (what its items still owe) fills its
        instalments from the last one back, as payments fill them from the
        first: a paid instalment drops out, a missed one is overdue from its
        own date. A broken plan no longer counts: its items are due on their
        own dates again, as dunning sees them.

        ``date`` (default today): before today an item's open amount is its
        balance less the reconciliations dated up to ``date``. ``company``
        and ``partners`` (commercial partners) narrow the rows."""
        today = fields.Date.context_today(self)
        if date is None or date >= today:
            residual = SQL("line.amount_residual")
            open_filter = SQL("line.reconciled IS NOT TRUE")
            plan_date = SQL("CURRENT_DATE")
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
            plan_date = SQL("%s::date", date)
        line_filters = [SQL("TRUE")]
        plan_filters = [SQL("TRUE")]
        if company:
            line_filters.append(SQL("line.company_id = %s", company.id))
            plan_filters.append(SQL("plan.company_id = %s", company.id))
        if partners is not None:
            ids = partners.commercial_partner_id.ids
            line_filters.append(
                SQL(
                    "line.partner_id IN (SELECT id FROM res_partner "
                    "WHERE commercial_partner_id = ANY(%s))",
                    ids,
                )
            )
            plan_filters.append(SQL("plan.partner_id = ANY(%s)", ids))
        covered = self.env["service.instalment.plan"]._fields["move_line_ids"]
        return SQL(
            """
            WITH kept_plan AS (
                SELECT plan.id, plan.company_id, plan.partner_id,
                       plan.charge_move_id
                  FROM service_instalment_plan plan
                 WHERE plan.state = 'active'
                   AND plan.accepted_date::date <= %(plan_date)s
                   AND %(plan_filters)s
            ), plan_item AS (
                SELECT rel.%(plan_col)s AS plan_id, rel.%(line_col)s AS line_id
                  FROM %(relation)s rel
                  JOIN kept_plan ON kept_plan.id = rel.%(plan_col)s
                UNION
                SELECT kept_plan.id, line.id
                  FROM kept_plan
                  JOIN account_move_line line
                    ON line.move_id = kept_plan.charge_move_id
                  JOIN account_account account ON account.id = line.account_id
                 WHERE account.account_type = 'asset_receivable'
            ), plan_open AS (
                SELECT plan_item.plan_id, SUM(%(residual)s) AS amount
                  FROM plan_item
                  JOIN account_move_line line ON line.id = plan_item.line_id
                 WHERE line.parent_state = 'posted' AND %(open_filter)s
                 GROUP BY plan_item.plan_id
            )
            SELECT line.id * 2 AS id, line.company_id,
                   line.company_currency_id AS currency_id,
                   partner.commercial_partner_id AS partner_id,
                   move.service_contract_id AS contract_id, line.move_id,
                   NULL::integer AS plan_id,
                   COALESCE(line.date_maturity, line.date) AS date_maturity,
                   %(residual)s AS open_amount
              FROM account_move_line line
              JOIN account_account account ON account.id = line.account_id
              JOIN account_move move ON move.id = line.move_id
              JOIN res_partner partner ON partner.id = line.partner_id
             WHERE line.parent_state = 'posted'
               AND account.account_type = 'asset_receivable'
               AND %(open_filter)s
               AND %(line_filters)s
               AND NOT EXISTS (
                    SELECT 1 FROM plan_item WHERE plan_item.line_id = line.id)
            UNION ALL
            SELECT instalment.id * 2 + 1, kept_plan.company_id,
                   company.currency_id, kept_plan.partner_id, NULL, NULL,
                   kept_plan.id, instalment.date_due,
                   LEAST(instalment.amount, GREATEST(plan_open.amount - COALESCE(
                       SUM(instalment.amount) OVER (
                           PARTITION BY instalment.plan_id
                           ORDER BY instalment.sequence DESC, instalment.id DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                       0), 0))
              FROM service_instalment_plan_line instalment
              JOIN kept_plan ON kept_plan.id = instalment.plan_id
              JOIN plan_open ON plan_open.plan_id = kept_plan.id
              JOIN res_company company ON company.id = kept_plan.company_id
            """,
            plan_date=plan_date,
            plan_filters=SQL(" AND ").join(plan_filters),
            relation=SQL.identifier(covered.relation),
            plan_col=SQL.identifier(covered.column1),
            line_col=SQL.identifier(covered.column2),
            residual=residual,
            open_filter=open_filter,
            line_filters=SQL(" AND ").join(line_filters),
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
        self.env.flush_all()
        days = SQL("(%s::date - item.date_maturity)", date)
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
                    "SUM(CASE WHEN %s THEN item.open_amount ELSE 0 END)",
                    SQL(" AND ").join(conditions),
                )
            )
            low = high
        self.env.cr.execute(
            SQL(
                """
                SELECT item.partner_id, %(sums)s, SUM(item.open_amount)
                  FROM (%(items)s) item
                 GROUP BY item.partner_id
                """,
                sums=SQL(", ").join(sums),
                items=self._open_items_query(date, company, partners),
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
        is the open balance over the last 90 days' invoicing, times 90;
        overdue follows a kept instalment plan's schedule (DUN-03)."""
        today = fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH credit AS (
                    SELECT partner.commercial_partner_id AS partner_id,
                           SUM(line.amount_residual) FILTER (
                               WHERE line.reconciled IS NOT TRUE) AS balance,
                           SUM(line.balance) FILTER (
                               WHERE line.balance > 0 AND line.date >= %(since)s
                           ) AS invoiced
                      FROM account_move_line line
                      JOIN account_account account ON account.id = line.account_id
                      JOIN res_partner partner ON partner.id = line.partner_id
                     WHERE line.company_id = %(company)s
                       AND partner.commercial_partner_id = ANY(%(partners)s)
                       AND line.parent_state = 'posted'
                       AND account.account_type = 'asset_receivable'
                     GROUP BY partner.commercial_partner_id
                ), overdue AS (
                    SELECT item.partner_id, SUM(item.open_amount) AS amount
                      FROM (%(items)s) item
                     WHERE item.date_maturity < %(today)s
                     GROUP BY item.partner_id
                )
                SELECT credit.partner_id, credit.balance, overdue.amount,
                       credit.invoiced
                  FROM credit
                  LEFT JOIN overdue ON overdue.partner_id = credit.partner_id
                """,
                today=today,
                since=today - timedelta(days=90),
                company=company.id,
                partners=partners.ids,
                items=self._open_items_query(None, company, partners),
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
