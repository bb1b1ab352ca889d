# covers: RPT-01
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

# figure -> (model, aggregate, list view title). The domain of each figure is
# built once by ``_figure_domain``: the card counts with it and the click
# opens the records of exactly that domain.
FIGURES = {
    "recurring_revenue": ("service.contract.line", "price_subtotal_monthly:sum"),
    "billed_amount": ("account.move", "amount_untaxed_signed:sum"),
    "collected_amount": ("account.payment", "amount_company_currency_signed:sum"),
    "overdue_amount": ("account.move", "amount_residual_signed:sum"),
    "overdue_count": ("account.move", "__count"),
    "held_count": ("service.billing.run.issue", "__count"),
    "open_request_count": ("service.request", "__count"),
    "late_request_count": ("service.request", "__count"),
    "closed_request_count": ("service.request", "__count"),
    "visit_due_count": ("service.visit", "__count"),
    "visit_overdue_count": ("service.visit", "__count"),
    "churn_count": ("service.cancellation", "__count"),
    "churn_amount": ("service.cancellation.report", "amount_monthly:sum"),
}


class ServiceDashboard(models.Model):
    """One live row per company: the figures of the Services dashboard,
    computed at read time from the documents themselves (nothing stored, so
    nothing goes stale), each with the action that opens its records."""

    _name = "service.dashboard"
    _description = "Services Dashboard"
    _auto = False
    _order = "sequence, id"

    name = fields.Char(readonly=True)
    sequence = fields.Integer(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_from = fields.Date("Month Start", compute="_compute_figures")
    recurring_revenue = fields.Monetary(
        compute="_compute_figures",
        help="Monthly equivalent of the lines of active contracts running today.",
    )
    billed_amount = fields.Monetary(
        "Billed This Month",
        compute="_compute_figures",
        help="Untaxed total of the posted customer invoices less credit notes "
        "dated this month.",
    )
    collected_amount = fields.Monetary(
        "Collected This Month",
        compute="_compute_figures",
        help="Customer payments received this month, less refunds.",
    )
    overdue_amount = fields.Monetary(
        "Overdue",
        compute="_compute_figures",
        help="Open amount of posted customer invoices past their due date.",
    )
    overdue_count = fields.Integer("Overdue Invoices", compute="_compute_figures")
    held_count = fields.Integer(
        "Held Billings",
        compute="_compute_figures",
        help="Contracts the billing runs of this month held (missing formula "
        "inputs, a blocked customer...).",
    )
    open_request_count = fields.Integer("Open Requests", compute="_compute_figures")
    late_request_count = fields.Integer("Late Requests", compute="_compute_figures")
    closed_request_count = fields.Integer(
        "Requests Closed This Month", compute="_compute_figures"
    )
    closed_on_time_count = fields.Integer(
        "Closed in Time This Month", compute="_compute_figures"
    )
    sla_percent = fields.Float(
        "SLA (%)",
        compute="_compute_figures",
        digits=(16, 0),
        help="Share of the requests closed this month that were closed by their "
        "expected date.",
    )
    visit_due_count = fields.Integer(
        "Visits Due This Month", compute="_compute_figures"
    )
    visit_overdue_count = fields.Integer("Overdue Visits", compute="_compute_figures")
    churn_count = fields.Integer(
        "Cancellations This Month",
        compute="_compute_figures",
        help="Cancellations that took effect this month.",
    )
    churn_amount = fields.Monetary(
        "Lost Monthly Revenue",
        compute="_compute_figures",
        help="Monthly revenue of the services cancelled this month.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT c.id, c.id AS company_id, c.name, c.sequence, c.currency_id
                  FROM res_company c
                 WHERE c.active
            )
            """,
                SQL.identifier(self._table),
            )
        )

    def _compute_figures(self):
        values = {dashboard: {} for dashboard in self}
        company_ids = self.company_id.ids
        for figure, (model, aggregate) in FIGURES.items():
            groups = dict(
                self.env[model]._read_group(
                    [*self._figure_domain(figure), ("company_id", "in", company_ids)],
                    ["company_id"],
                    [aggregate],
                )
            )
            for dashboard in self:
                values[dashboard][figure] = groups.get(dashboard.company_id) or 0
        on_time = self._closed_on_time_counts(company_ids)
        month_start, _month_end, _today = self._month()
        for dashboard in self:
            values[dashboard]["closed_on_time_count"] = on_time.get(
                dashboard.company_id.id, 0
            )
            figures = values[dashboard]
            closed = figures["closed_request_count"]
            dashboard.update(
                dict(
                    figures,
                    date_from=month_start,
                    sla_percent=(
                        100.0 * figures["closed_on_time_count"] / closed
                        if closed
                        else 100.0
                    ),
                )
            )

    @api.model
    def _closed_on_time_counts(self, company_ids):
        """{company id: requests closed this month by their expected date}:
        the requests the user may read (record rules kept by ``_search``),
        compared column to column in one grouped query."""
        Request = self.env["service.request"]
        query = Request._search(
            [
                *self._figure_domain("closed_request_count"),
                ("company_id", "in", company_ids),
            ]
        )
        table = query.table
        query.add_where(
            SQL(
                "(%s IS NULL OR %s <= %s)",
                SQL.identifier(table, "date_expected"),
                SQL.identifier(table, "date_closed"),
                SQL.identifier(table, "date_expected"),
            )
        )
        query.groupby = SQL.identifier(table, "company_id")
        rows = self.env.execute_query(
            query.select(SQL.identifier(table, "company_id"), SQL("COUNT(*)"))
        )
        return dict(rows)

    @api.model
    def _month(self):
        """(first day, last day, now): the month of the user's today."""
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        return month_start, month_start + relativedelta(months=1, days=-1), today

    @api.model
    def _figure_domain(self, figure):
        """The records behind ``figure``, for every company."""
        month_start, month_end, today = self._month()
        now = fields.Datetime.to_string(fields.Datetime.now())
        closed_from = fields.Datetime.to_string(
            fields.Datetime.to_datetime(month_start)
        )
        closed_before = fields.Datetime.to_string(
            fields.Datetime.to_datetime(month_end + relativedelta(days=1))
        )
        # strings, not dates: the domains travel to the web client and XML-RPC
        month_start, month_end, today = (
            fields.Date.to_string(day) for day in (month_start, month_end, today)
        )
        this_month = [("date", ">=", month_start), ("date", "<=", month_end)]
        posted_sales = [
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]
        closed_this_month = [
            ("is_closed", "=", True),
            ("date_closed", ">=", closed_from),
            ("date_closed", "<", closed_before),
        ]
        domains = {
            "recurring_revenue": [
                ("contract_id.state", "=", "active"),
                ("contract_id.date_start", "<=", today),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
                ("price_subtotal_monthly", "!=", 0),
            ],
            "billed_amount": [
                *posted_sales,
                ("invoice_date", ">=", month_start),
                ("invoice_date", "<=", month_end),
            ],
            "collected_amount": [
                ("partner_type", "=", "customer"),
                ("state", "in", ("in_process", "paid")),
                *this_month,
            ],
            "overdue_amount": [
                ("state", "=", "posted"),
                ("move_type", "=", "out_invoice"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
            ],
            "held_count": [
                ("kind", "=", "held"),
                ("run_id.date_until", ">=", month_start),
                ("run_id.date_until", "<=", month_end),
            ],
            "open_request_count": [("is_closed", "=", False)],
            "late_request_count": [
                ("is_closed", "=", False),
                ("date_expected", "<", now),
            ],
            "closed_request_count": closed_this_month,
            "visit_due_count": [
                ("state", "=", "planned"),
                ("date_due", ">=", today),
                ("date_due", "<=", month_end),
            ],
            "visit_overdue_count": [
                ("state", "=", "planned"),
                ("date_due", "<", today),
            ],
            "churn_count": [
                ("state", "=", "done"),
                ("date_effective", ">=", month_start),
                ("date_effective", "<=", month_end),
            ],
        }
        domains["overdue_count"] = domains["overdue_amount"]
        domains["churn_amount"] = domains["churn_count"]
        return domains[figure]

    def _open_figure(self, figure, title):
        """The records behind ``figure`` for this row's company."""
        self.ensure_one()
        model = FIGURES[figure][0]
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": [
                *self._figure_domain(figure),
                ("company_id", "=", self.company_id.id),
            ],
            "context": {"create": False},
        }

    def action_open_recurring_revenue(self):
        return self._open_figure(
            "recurring_revenue", self.env._("Recurring Revenue: Contract Lines")
        )

    def action_open_billed(self):
        return self._open_figure("billed_amount", self.env._("Billed This Month"))

    def action_open_collected(self):
        return self._open_figure("collected_amount", self.env._("Collected This Month"))

    def action_open_overdue(self):
        return self._open_figure("overdue_amount", self.env._("Overdue Invoices"))

    def action_open_held(self):
        return self._open_figure("held_count", self.env._("Held Billings"))

    def action_open_open_requests(self):
        return self._open_figure("open_request_count", self.env._("Open Requests"))

    def action_open_late_requests(self):
        return self._open_figure("late_request_count", self.env._("Late Requests"))

    def action_open_closed_requests(self):
        return self._open_figure(
            "closed_request_count", self.env._("Requests Closed This Month")
        )

    def action_open_visits_due(self):
        return self._open_figure("visit_due_count", self.env._("Visits Due This Month"))

    def action_open_visits_overdue(self):
        return self._open_figure("visit_overdue_count", self.env._("Overdue Visits"))

    def action_open_churn(self):
        return self._open_figure("churn_count", self.env._("Cancellations This Month"))
