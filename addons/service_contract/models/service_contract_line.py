# covers: CON-02, CON-03, CON-07
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.service_base.models.service_protected_fields_mixin import MAX_DATE
from odoo.addons.service_catalog.tools import periods
from odoo.addons.service_catalog.tools.periods import BILLING_PERIODS

from ..tools.formula_engine import FormulaError


class ServiceContractLine(models.Model):
    _name = "service.contract.line"
    _description = "Service Contract Line"
    _inherit = ["service.audit.mixin"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True
    _service_field_bounds = {"discount": (0, 100)}

    contract_id = fields.Many2one(
        "service.contract", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        check_company=True,
        domain=[("type", "=", "service")],
        tracking=True,
    )
    name = fields.Char(
        "Description", compute="_compute_name", store=True, readonly=False
    )
    fee_method = fields.Selection(
        related="product_id.service_fee_method", string="Fee Method"
    )
    quantity = fields.Float(default=1.0, digits="Product Unit", tracking=True)
    price_unit = fields.Float(
        "Unit Price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        tracking=True,
    )
    discount = fields.Float("Discount (%)", digits="Discount", tracking=True)
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        check_company=True,
        domain=[("type_tax_use", "=", "sale")],
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
    )
    formula_id = fields.Many2one("service.formula", check_company=True, tracking=True)
    billing_period = fields.Selection(
        BILLING_PERIODS,
        string="Own Billing Period",
        help="Empty: billed with the contract, every contract period. Set: this "
        "line has its own periods (e.g. a yearly fee on a monthly contract, a "
        "one-off installation fee), each billed on the contract invoice of the "
        "period in which it starts (advance billing) or ends (arrears).",
    )
    date_start = fields.Date(
        help="Empty: from the contract start. A later date pro-rates the first "
        "period of per-period services."
    )
    date_end = fields.Date(
        help="Empty: until the contract ends. An earlier date pro-rates the last "
        "period of per-period services."
    )
    input_ids = fields.One2many(
        "service.contract.input", "line_id", string="Formula Inputs"
    )
    amount_estimate = fields.Monetary(
        "Estimated Amount per Period",
        tracking=True,
        help="Formula lines: the untaxed amount you expect per period, used for "
        "approvals, lists, lost revenue and commissions instead of the formula "
        "over the latest inputs. Billing always invoices the formula.",
    )
    price_subtotal_period = fields.Monetary(
        "Subtotal per Period",
        compute="_compute_price_subtotal_period",
        store=True,
        help="Untaxed amount of a whole period, as billing invoices it; formula "
        "lines: the estimate, else the formula over the latest inputs.",
    )
    price_subtotal_monthly = fields.Monetary(
        "Subtotal per Month",
        compute="_compute_price_subtotal_monthly",
        store=True,
        help="The subtotal per period expressed per month (0 for one-off fees).",
    )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("product_id", "company_id")
    def _compute_tax_ids(self):
        for line in self:
            line.tax_ids = line.product_id.taxes_id._filter_taxes_by_company(
                line.company_id
            )

    @api.depends(
        "quantity",
        "price_unit",
        "discount",
        "product_id",
        "formula_id.expression",
        "amount_estimate",
        "input_ids.value",
        "input_ids.period_start",
    )
    def _compute_price_subtotal_period(self):
        latest = self.filtered("formula_id")._get_latest_inputs()
        for line in self:
            if line.fee_method == "formula" and line.formula_id:
                amount = line._formula_amount_per_period(latest.get(line.id))
            elif line.fee_method in (False, "formula"):
                amount = line.quantity * line.price_unit
            else:
                amount = line.product_id.product_tmpl_id._service_compute_amount(
                    line.quantity, line.price_unit
                )
            line.price_subtotal_period = amount * (1 - line.discount / 100.0)

    @api.depends(
        "price_subtotal_period", "billing_period", "contract_id.billing_period"
    )
    def _compute_price_subtotal_monthly(self):
        for line in self:
            line.price_subtotal_monthly = periods.monthly_amount(
                line.price_subtotal_period,
                line.billing_period or line.contract_id.billing_period,
            )

    def _formula_amount_per_period(self, inputs):
        """Amount of a whole period of a formula line, before discount: the
        user's estimate, else the formula over ``inputs`` (the latest
        period's), else quantity x unit price when no input exists yet."""
        self.ensure_one()
        if self.amount_estimate:
            return self.amount_estimate
        if inputs is None:
            return self.quantity * self.price_unit
        try:
            return self.formula_id._evaluate(
                dict(
                    inputs,
                    quantity=self.quantity,
                    price_unit=self.price_unit,
                    period_ratio=1.0,
                    previous_amount=0.0,
                )
            )
        except FormulaError:
            # an input of the latest period missing: no formula figure yet
            return self.quantity * self.price_unit

    def _get_latest_inputs(self):
        """{line id: {input: value}} of each formula line's latest period with
        inputs (one query for the recordset)."""
        lines = self.filtered(lambda line: line.id and line.formula_id)
        if not lines:
            return {}
        self.env["service.contract.input"].flush_model(
            ["line_id", "period_start", "name", "value"]
        )
        self.env.cr.execute(
            """
            SELECT input.line_id, input.name, input.value
              FROM service_contract_input input
              JOIN (SELECT line_id, MAX(period_start) AS period_start
                      FROM service_contract_input
                     WHERE line_id = ANY(%s)
                  GROUP BY line_id) latest
                ON latest.line_id = input.line_id
               AND latest.period_start = input.period_start
            """,
            [lines.ids],
        )
        result = {}
        for line_id, name, value in self.env.cr.fetchall():
            result.setdefault(line_id, {})[name] = value
        return result

    def _get_period_inputs(self):
        """{(line id, period start): {input: value}} of these lines' formula
        inputs, every period (one read for the recordset)."""
        formula_lines = self.filtered("formula_id")
        if not formula_lines:
            return {}
        rows = self.env["service.contract.input"].search_read(
            [("line_id", "in", formula_lines.ids)],
            ["line_id", "period_start", "name", "value"],
            load=False,
        )
        result = {}
        for row in rows:
            key = (row["line_id"], row["period_start"])
            result.setdefault(key, {})[row["name"]] = row["value"]
        return result

    @api.constrains("formula_id", "product_id")
    def _check_formula(self):
        for line in self:
            if line.fee_method == "formula" and not line.formula_id:
                raise ValidationError(
                    self.env._(
                        "Formula: '%(service)s' is billed by formula; choose the "
                        "formula of line '%(line)s'.",
                        service=line.product_id.display_name,
                        line=line.name,
                    )
                )

    @api.constrains("quantity", "discount", "date_start", "date_end")
    def _check_values(self):
        for line in self:
            if line.quantity < 0:
                raise ValidationError(
                    self.env._(
                        "Quantity: cannot be negative (line '%(line)s').",
                        line=line.name,
                    )
                )
            if not 0 <= line.discount <= 100:
                raise ValidationError(
                    self.env._(
                        "Discount (%%): must be between 0 and 100 (line '%(line)s').",
                        line=line.name,
                    )
                )
            if line.date_start and line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._(
                        "End Date: line '%(line)s' ends before it starts.",
                        line=line.name,
                    )
                )

    def _date_span(self):
        """(first day, last day) the line runs: its own dates within its
        contract's, ended by a termination; an open end is the last date the
        suite accepts. Shared by checks that a line must not run beside
        another (e.g. a supply point on two contracts, UTL-01)."""
        self.ensure_one()
        contract = self.contract_id
        start = self.date_start or contract.date_start
        ends = [
            day
            for day in (self.date_end, contract.date_end, contract.terminated_on)
            if day
        ]
        return start, min(ends) if ends else MAX_DATE

    def _overlaps(self, other):
        """Whether this line and ``other`` run on at least one common day."""
        start, end = self._date_span()
        other_start, other_end = other._date_span()
        return start <= other_end and other_start <= end

    def _own_periods(self, start, end):
        """Periods of a line with its own billing period that fall due in the
        contract period [start, end]: [(line start, line end, full days)].

        A line period is due in the contract period holding its first day in
        advance billing, its last day in arrears."""
        self.ensure_one()
        contract = self.contract_id
        anchor = self.date_start or contract.date_start
        last_day = min(d for d in (self.date_end, contract.date_end, end) if d)
        line_periods = []
        if self.billing_period == "one_off":
            if start <= anchor <= end and anchor <= last_day:
                line_periods.append((anchor, anchor, 1))
            return line_periods
        period_start = anchor
        while period_start <= last_day:
            period_end = periods.period_end(
                period_start, self.billing_period, contract.align_to_calendar
            )
            full_days = periods.days_in_period(
                period_start, self.billing_period, contract.align_to_calendar
            )
            for limit in (self.date_end, contract.date_end):
                if limit and period_end > limit:
                    period_end = limit
            due = period_start if contract.billing_mode == "advance" else period_end
            if start <= due <= end:
                line_periods.append((period_start, period_end, full_days))
            period_start = period_end + timedelta(days=1)
        return line_periods

    def _period_amount(self, start, end, full_days, inputs, previous_amount):
        """Invoice line values for this line over [start, end].

        Returns (values or None, hold reason or None). ``inputs`` maps input
        names to values for this line and period.
        """
        self.ensure_one()
        line_start = max(start, self.date_start or start)
        line_end = min(end, self.date_end or end)
        if line_end < line_start:
            return None, None
        ratio = ((line_end - line_start).days + 1) / full_days
        ratio = min(ratio, 1.0)
        template = self.product_id.product_tmpl_id
        method = self.fee_method
        quantity, price_unit = self.quantity, self.price_unit
        if method == "formula":
            formula = self.formula_id
            missing = [n for n in formula._declared_inputs() if n not in inputs]
            if missing:
                return None, self.env._(
                    "line '%(line)s': input(s) %(names)s missing for the period "
                    "from %(start)s",
                    line=self.name,
                    names=", ".join(missing),
                    start=format_date(self.env, start),
                )
            values = dict(
                inputs,
                quantity=quantity,
                price_unit=price_unit,
                period_ratio=ratio,
                previous_amount=previous_amount or 0.0,
            )
            try:
                amount = formula._evaluate(values)
            except FormulaError as error:
                return None, self.env._(
                    "line '%(line)s': formula '%(formula)s' failed: %(error)s",
                    line=self.name,
                    formula=formula.name,
                    error=str(error),
                )
            quantity, price_unit = 1.0, amount
        elif method == "per_period":
            price_unit = price_unit * ratio
        elif method == "fixed":
            quantity = 1.0
        elif method == "tiered":
            quantity, price_unit = (
                1.0,
                template._service_compute_amount(self.quantity, self.price_unit),
            )
        return {
            "product_id": self.product_id.id,
            "name": f"{self.name} ({self.contract_id._period_label(start, end)})",
            "quantity": quantity,
            "price_unit": price_unit,
            "discount": self.discount,
            "tax_ids": [(6, 0, self.contract_id._map_invoice_taxes(self.tax_ids).ids)],
            "service_contract_line_id": self.id,
            "service_period_start": start,
            "service_period_end": end,
        }, None
