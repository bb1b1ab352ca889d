# covers: CON-01, CON-02, CON-06, CON-07, CON-09
import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.service_catalog.models.product_template import BILLING_PERIODS

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def period_bounds(start, billing_period, align_to_calendar=False):
    """(start, end) of the billing period beginning on ``start``.

    Aligned contracts end their periods with the calendar (month, quarter,
    half-year, year), so a contract starting mid-month has a short first
    period, pro-rated by days."""
    if billing_period == "daily":
        return start, start
    if billing_period == "weekly":
        if align_to_calendar:
            return start, start + timedelta(days=6 - start.weekday())
        return start, start + timedelta(days=6)
    months = PERIOD_MONTHS[billing_period]
    if align_to_calendar:
        first_month = ((start.month - 1) // months) * months + 1
        end_month = first_month + months - 1
        last_day = calendar.monthrange(start.year, end_month)[1]
        return start, start.replace(month=end_month, day=last_day)
    return start, start + relativedelta(months=months) - timedelta(days=1)


def full_period_days(start, billing_period, align_to_calendar=False):
    """Days of the whole period ``start`` falls in (denominator of pro-rata)."""
    if billing_period in ("daily", "weekly"):
        return 1 if billing_period == "daily" else 7
    months = PERIOD_MONTHS[billing_period]
    if align_to_calendar:
        first_month = ((start.month - 1) // months) * months + 1
        begin = start.replace(month=first_month, day=1)
    else:
        begin = start
    return ((begin + relativedelta(months=months)) - begin).days


class ServiceContract(models.Model):
    _name = "service.contract"
    _description = "Service Contract"
    _inherit = [
        "service.approval.mixin",
        "service.frozen.customer.mixin",
        "portal.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _approval_amount_field = "amount_period"

    _name_company_uniq = models.Constraint(
        "UNIQUE (name, company_id)", "Contract Number: already used in this company."
    )

    name = fields.Char(
        "Contract Number", required=True, copy=False, readonly=True, default="/"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("waiting", "Waiting approval"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_invoice_id = fields.Many2one(
        "res.partner",
        string="Invoice Address",
        check_company=True,
        tracking=True,
        help="Leave empty to invoice the customer itself.",
    )
    contract_account_id = fields.Many2one(
        "service.contract.account", check_company=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", check_company=True, tracking=True
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Invoice Journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        tracking=True,
        help="Invoice series (e.g. one per tax regime); empty: the company's "
        "first sales journal.",
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position", check_company=True, tracking=True
    )
    date_start = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(tracking=True, help="Empty: runs until ended.")
    notice_days = fields.Integer("Notice Period (days)", default=30, tracking=True)
    billing_period = fields.Selection(
        BILLING_PERIODS, required=True, default="monthly", tracking=True
    )
    billing_mode = fields.Selection(
        [("advance", "In advance"), ("arrears", "In arrears")],
        required=True,
        default="advance",
        tracking=True,
    )
    align_to_calendar = fields.Boolean(
        "Calendar Periods",
        help="Periods follow calendar months/quarters/years; the first and last "
        "are pro-rated by days.",
    )
    next_billing_date = fields.Date(
        copy=False,
        tracking=True,
        index=True,
        help="Start of the next period to bill.",
    )
    line_ids = fields.One2many(
        "service.contract.line", "contract_id", string="Lines", copy=True
    )
    amount_period = fields.Monetary(
        "Amount per Period",
        compute="_compute_amount_period",
        store=True,
        help="Untaxed amount of a whole period for lines with a known price "
        "(formula lines count their unit price).",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    note = fields.Html()

    @api.depends("line_ids.price_subtotal_period")
    def _compute_amount_period(self):
        for contract in self:
            contract.amount_period = sum(
                contract.line_ids.mapped("price_subtotal_period")
            )

    def _compute_invoice_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                [("service_contract_id", "in", self.ids)],
                ["service_contract_id"],
                ["__count"],
            )
        )
        for contract in self:
            contract.invoice_count = counts.get(contract, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "End Date: %(contract)s cannot end before it starts.",
                        contract=contract.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("service.contract")
                    or "/"
                )
            if vals.get("state") == "active" and not vals.get("next_billing_date"):
                vals["next_billing_date"] = vals.get("date_start")
        return super().create(vals_list)

    def _get_portal_url_prefix(self):  # pragma: no cover - portal comes later
        return "/my/contracts"

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------
    def action_confirm(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    self.env._(
                        "%(contract)s is not a draft.", contract=contract.display_name
                    )
                )
            if not contract.line_ids:
                raise UserError(
                    self.env._(
                        "Lines: %(contract)s has no line to bill.",
                        contract=contract.display_name,
                    )
                )
            contract.state = "waiting"
            contract.action_request_approval()
        return True

    def _on_approval_approved(self):
        self.filtered(lambda c: c.state == "waiting").action_activate()

    def _on_approval_rejected(self):
        self.filtered(lambda c: c.state == "waiting").write({"state": "draft"})

    def action_activate(self):
        for contract in self:
            contract.write(
                {
                    "state": "active",
                    "next_billing_date": contract.next_billing_date
                    or contract.date_start,
                }
            )
        return True

    def action_suspend(self):
        self.filtered(lambda c: c.state == "active").write({"state": "suspended"})
        return True

    def action_resume(self):
        self.filtered(lambda c: c.state == "suspended").write({"state": "active"})
        return True

    def action_end(self):
        for contract in self:
            contract.write(
                {
                    "state": "ended",
                    "date_end": contract.date_end or fields.Date.context_today(self),
                }
            )
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.filtered(lambda c: c.state in ("waiting", "cancelled")).write(
            {"state": "draft"}
        )
        self.action_reset_approval()
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("service_contract_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # ------------------------------------------------------------------
    # Billing
    # ------------------------------------------------------------------
    def _due_periods(self, date_until, limit=24):
        """Periods to bill up to ``date_until``: [(start, end, next_start)]."""
        self.ensure_one()
        periods = []
        start = self.next_billing_date
        while start and len(periods) < limit:
            if self.date_end and start > self.date_end:
                break
            if self.billing_period == "one_off":
                end = self.date_end or start
                next_start = None
            else:
                __, end = period_bounds(
                    start, self.billing_period, self.align_to_calendar
                )
                next_start = end + timedelta(days=1)
            if self.date_end and end > self.date_end:
                end = self.date_end
            due_date = start if self.billing_mode == "advance" else end
            if due_date > date_until:
                break
            periods.append((start, end, next_start))
            start = next_start
        return periods
