# covers: UTL-02
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
    internal_switch_active,
)

from ..tools.curve import (
    build_curve,
    daily_average,
    reading_delta,
    same_period_last_year,
)

# internal switch: billing writes estimated readings
ESTIMATE = "service_utility_estimate"
SOURCES = [
    ("actual", "Actual"),
    ("customer", "Customer"),
    ("estimated", "Estimated"),
]


class ServiceMeterReading(models.Model):
    """The value of one register of a meter on a date. Every new reading is
    checked for plausibility; an implausible one waits for a reviewer with
    the reason, and billing holds its point meanwhile (CON-05)."""

    _name = "service.meter.reading"
    _description = "Meter Reading"
    _inherit = ["service.protected.fields.mixin", "mail.thread"]
    _order = "date desc, point_id, register_code, id desc"
    _check_company_auto = True
    # covers: API-01 (review state changes only through the review actions)
    _service_protected_fields = (
        "state",
        "flag_reason",
        "reviewed_by_id",
        "reviewed_on",
        "rollover",
    )
    _service_transitions = {
        "action_approve": "service_base.group_service_supervisor",
        "action_reject": "service_base.group_service_supervisor",
    }
    _service_field_bounds = {"value": (0, 1e12)}

    _register_date_source_uniq = models.Constraint(
        "UNIQUE (register_id, date, source)",
        "Reading: this register already has a reading of this source on this date.",
    )

    # the company is the point's (related), and the meter and register must
    # be the point's own (_check_meter_of_point): one batched check instead
    # of Odoo's per-record company check of each link, which cost half the
    # time of an import
    point_id = fields.Many2one(
        "service.supply.point",
        string="Supply Point",
        required=True,
        index=True,
        ondelete="cascade",
    )
    meter_id = fields.Many2one(
        "service.meter",
        required=True,
        ondelete="cascade",
        domain="[('point_id', '=', point_id)]",
    )
    register_id = fields.Many2one(
        "service.meter.register",
        required=True,
        ondelete="cascade",
        domain="[('meter_id', '=', meter_id)]",
    )
    register_code = fields.Char(related="register_id.code", store=True)
    company_id = fields.Many2one(
        related="point_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="point_id.partner_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(required=True, digits=(16, 3), tracking=True)
    source = fields.Selection(SOURCES, required=True, default="actual")
    state = fields.Selection(
        [
            ("valid", "Valid"),
            ("to_review", "To Review"),
            ("rejected", "Rejected"),
            ("replaced", "Replaced by Actual"),
        ],
        default="valid",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    flag_reason = fields.Text("Why Flagged", readonly=True)
    rollover = fields.Boolean(
        readonly=True, help="The counter passed its last value and started again."
    )
    photo = fields.Image(max_width=1920, max_height=1920, attachment=True)
    import_id = fields.Many2one("service.reading.import", index="btree_not_null")
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    reviewed_on = fields.Datetime(readonly=True)

    def _compute_display_name(self):
        for reading in self:
            reading.display_name = (
                f"{reading.point_id.name} {reading.register_code or ''} "
                f"{reading.date}: {reading.value:g}"
            )

    @api.constrains("point_id", "meter_id", "register_id")
    def _check_meter_of_point(self):
        for reading in self:
            if (
                reading.meter_id.point_id != reading.point_id
                or reading.register_id.meter_id != reading.meter_id
            ):
                raise ValidationError(
                    self.env._(
                        "Meter: %(meter)s / register %(register)s is not a meter of "
                        "supply point %(point)s; choose one installed there.",
                        meter=reading.meter_id.name,
                        register=reading.register_id.code,
                        point=reading.point_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("source") == "estimated" and not internal_switch_active(
                ESTIMATE
            ):
                raise UserError(
                    self.env._(
                        "Source: estimated readings are made by billing; enter an "
                        "actual or customer reading."
                    )
                )
            self._complete_vals(vals)
        readings = super().create(vals_list)
        readings._check_plausibility()
        return readings

    def write(self, vals):
        checked = {"value", "date", "register_id", "meter_id", "point_id"}
        if checked & set(vals):
            self._check_not_billed()
            for reading in self:
                if reading.source == "estimated":
                    raise UserError(
                        self.env._(
                            "Reading: %(reading)s is an estimate made by billing; "
                            "enter an actual reading instead.",
                            reading=reading.display_name,
                        )
                    )
        result = super().write(vals)
        if checked & set(vals):
            self._check_plausibility()
        return result

    def unlink(self):
        self._check_not_billed()
        return super().unlink()

    def _complete_vals(self, vals):
        """Meter and register from the point and date when only some are
        given: the meter installed that day and its first register."""
        Register = self.env["service.meter.register"]
        if vals.get("register_id"):
            if not (vals.get("meter_id") and vals.get("point_id")):
                register = Register.browse(vals["register_id"])
                vals.setdefault("meter_id", register.meter_id.id)
                vals.setdefault("point_id", register.point_id.id)
            return vals
        if vals.get("meter_id") and not vals.get("point_id"):
            vals["point_id"] = (
                self.env["service.meter"].browse(vals["meter_id"]).point_id.id
            )
        if not vals.get("point_id"):
            return vals
        point = self.env["service.supply.point"].browse(vals["point_id"])
        date = fields.Date.to_date(vals.get("date")) or fields.Date.context_today(self)
        meter = (
            self.env["service.meter"].browse(vals["meter_id"])
            if vals.get("meter_id")
            else point._meter_on(date)
        )
        if not meter:
            raise ValidationError(
                self.env._(
                    "Meter: supply point %(point)s has no meter installed on "
                    "%(date)s; install one first.",
                    point=point.name,
                    date=date,
                )
            )
        vals["meter_id"] = meter.id
        vals["register_id"] = meter.register_ids[:1].id
        return vals

    def _check_not_billed(self):
        for reading in self:
            billed = reading.point_id.billed_until
            if billed and reading.date <= billed and reading.state == "valid":
                raise UserError(
                    self.env._(
                        "Reading: %(reading)s was billed (the point is billed until "
                        "%(billed)s); it can no longer change.",
                        reading=reading.display_name,
                        billed=billed,
                    )
                )

    # ------------------------------------------------------------------
    # Review
    # ------------------------------------------------------------------
    def action_approve(self):
        """A reviewer accepts flagged readings as they are."""
        self._service_check_transition("action_approve", ("to_review",))
        for reading in self:
            billed = reading.point_id.billed_until
            if billed and reading.date <= billed:
                raise UserError(
                    self.env._(
                        "Reading: %(reading)s is dated on or before the last "
                        "billed reading (%(billed)s) and cannot change an issued "
                        "invoice; reject it.",
                        reading=reading.display_name,
                        billed=billed,
                    )
                )
        self._service_write_protected(
            {
                "state": "valid",
                "reviewed_by_id": self.env.user.id,
                "reviewed_on": fields.Datetime.now(),
            }
        )
        self._replace_estimates()
        return True

    def action_reject(self):
        """A reviewer discards readings: billing ignores them."""
        self._service_check_transition("action_reject", ("to_review", "valid"))
        self._check_not_billed()
        self._service_write_protected(
            {
                "state": "rejected",
                "reviewed_by_id": self.env.user.id,
                "reviewed_on": fields.Datetime.now(),
            }
        )
        return True

    # ------------------------------------------------------------------
    # Plausibility
    # ------------------------------------------------------------------
    @api.model
    def _load_rows(self, points, states=("valid",), sources=("actual", "customer")):
        """Reading rows of ``points`` for the curve functions, one query:
        {(point id, register code): [row]}."""
        self.flush_model()
        self.env["service.meter"].flush_model()
        self.env.cr.execute(
            """
            SELECT r.id, r.point_id, r.register_code, r.register_id, r.meter_id,
                   r.date, r.value, r.source, r.state, m.digits, m.multiplier,
                   m.date_installed
              FROM service_meter_reading r
              JOIN service_meter m ON m.id = r.meter_id
             WHERE r.point_id = ANY(%s) AND r.state IN %s AND r.source IN %s
            """,
            [list(points.ids), tuple(states), tuple(sources)],
        )
        rows = defaultdict(list)
        for (
            rid,
            point_id,
            code,
            register_id,
            meter_id,
            date,
            value,
            source,
            state,
            digits,
            multiplier,
            installed,
        ) in self.env.cr.fetchall():
            rows[(point_id, code)].append(
                {
                    "id": rid,
                    "register": register_id,
                    "meter": meter_id,
                    "date": date,
                    "value": value,
                    "source": source,
                    "state": state,
                    "digits": digits,
                    "multiplier": multiplier,
                    "installed": installed,
                }
            )
        return rows

    def _check_plausibility(self):
        """Flag implausible readings with their reasons (UTL-02): a date in
        the future or on/before the last billed reading, a duplicate, a value
        lower than the previous one on the same meter without a rollover,
        daily consumption outside the point's band around the same period
        last year (or the daily average). Plausible ones are valid. One read
        for the whole batch, one write per distinct outcome."""
        readings = self.filtered(lambda r: r.source != "estimated")
        if not readings:
            return
        points = readings.point_id
        rows = self._load_rows(points, ("valid", "to_review"))
        settings = {
            point.id: (point.plausibility_band, point.billed_until) for point in points
        }
        outcomes = defaultdict(list)  # (state, reason, rollover) -> ids
        for row_id, outcome in self._plausibility_outcomes(
            rows, set(readings.ids), settings
        ).items():
            outcomes[outcome].append(row_id)
        for (state, reason, rolled), ids in outcomes.items():
            self.browse(ids)._service_write_protected(
                {"state": state, "flag_reason": reason, "rollover": rolled}
            )
        readings._replace_estimates()

    @api.model
    def _plausibility_outcomes(self, rows, new_ids, settings):
        """{row id: (state, reason, rollover)} of the new rows ``new_ids``
        among ``rows`` ({(point id, register code): [row]} as ``_load_rows``
        gives, the new rows included), with ``settings`` {point id:
        (plausibility band %, billed until)}. No queries: staff entry and the
        importer (before it inserts) share it. A new row's id orders it after
        the stored rows and the new rows before it."""
        today = fields.Date.context_today(self)
        outcomes = {}
        for (point_id, _code), point_rows in rows.items():
            band_percent, billed_until = settings[point_id]
            band = band_percent / 100.0
            point_rows.sort(key=lambda r: (r["date"], r["installed"], r["id"]))
            accepted = [
                r
                for r in point_rows
                if r["id"] not in new_ids and r["state"] == "valid"
            ]
            same_day = defaultdict(list)
            for row in point_rows:
                same_day[(row["register"], row["date"])].append(row)
            for row in point_rows:
                if row["id"] not in new_ids:
                    continue
                reasons, rolled = [], False
                if row["date"] > today:
                    reasons.append(self.env._("date in the future"))
                if billed_until and row["date"] <= billed_until:
                    reasons.append(
                        self.env._(
                            "on or before the last billed reading (%(date)s)",
                            date=billed_until,
                        )
                    )
                twins = [
                    other
                    for other in same_day[(row["register"], row["date"])]
                    if other["id"] != row["id"]
                    and (other["id"] not in new_ids or other["id"] < row["id"])
                ]
                if twins:
                    reasons.append(
                        self.env._(
                            "duplicate: the register already has a reading on "
                            "%(date)s (%(value)s)",
                            date=row["date"],
                            value=f"{twins[0]['value']:g}",
                        )
                    )
                previous = next(
                    (
                        r
                        for r in reversed(accepted)
                        if r["date"] < row["date"] and r["meter"] == row["meter"]
                    ),
                    None,
                )
                if previous and not reasons:
                    delta, rolled = reading_delta(previous, row)
                    if delta is None:
                        reasons.append(
                            self.env._(
                                "lower than the previous reading (%(value)s < "
                                "%(previous)s on %(date)s) without a meter change "
                                "or rollover",
                                value=f"{row['value']:g}",
                                previous=f"{previous['value']:g}",
                                date=previous["date"],
                            )
                        )
                    else:
                        reason = self._band_reason(accepted, previous, row, delta, band)
                        if reason:
                            reasons.append(reason)
                if reasons:
                    outcomes[row["id"]] = ("to_review", "; ".join(reasons), rolled)
                else:
                    outcomes[row["id"]] = ("valid", False, rolled)
                    accepted.append(row)
                    accepted.sort(key=lambda r: (r["date"], r["installed"], r["id"]))
        return outcomes

    def _band_reason(self, accepted, previous, row, delta, band):
        days = (row["date"] - previous["date"]).days or 1
        daily = delta / days
        curve = build_curve([r for r in accepted if r["date"] <= previous["date"]])
        reference = same_period_last_year(curve, previous["date"], row["date"])
        last_year = reference is not None
        if not last_year:
            reference = daily_average(curve, previous["date"])
        if not reference or reference <= 0:
            return None
        low, high = reference * max(0.0, 1 - band), reference * (1 + band)
        if low <= daily <= high:
            return None
        label = (
            self.env._("the same period last year")
            if last_year
            else self.env._("the daily average")
        )
        return self.env._(
            "%(daily)s per day since %(date)s, outside %(low)s - %(high)s "
            "(%(reference)s per day in %(label)s)",
            daily=f"{daily:.2f}",
            date=previous["date"],
            low=f"{low:.2f}",
            high=f"{high:.2f}",
            reference=f"{reference:.2f}",
            label=label,
        )

    def _replace_estimates(self):
        """Estimates older than a valid actual reading of their point are
        replaced by it: the next invoice corrects them (UTL-03)."""
        latest = {}
        for reading in self:
            if reading.state == "valid" and reading.source != "estimated":
                point = reading.point_id.id
                latest[point] = max(latest.get(point, reading.date), reading.date)
        self._replace_estimates_before(latest)

    @api.model
    def _replace_estimates_before(self, latest):
        """Replace the valid estimates of each point {point id: date} dated
        before that date (one query to find them, one write)."""
        if not latest:
            return
        estimates = self.search(
            [
                ("point_id", "in", list(latest)),
                ("source", "=", "estimated"),
                ("state", "=", "valid"),
            ]
        )
        replaced = estimates.filtered(lambda r: r.date < latest[r.point_id.id])
        if replaced:
            replaced._service_write_protected({"state": "replaced"})

    @api.model
    def _create_estimates(self, vals_list):
        """Estimated readings billing made (one per register and date)."""
        existing = set(
            self.sudo()
            .search(
                [
                    ("register_id", "in", [v["register_id"] for v in vals_list]),
                    ("source", "=", "estimated"),
                ]
            )
            .mapped(lambda r: (r.register_id.id, r.date))
        )
        vals_list = [
            vals
            for vals in vals_list
            if (vals["register_id"], vals["date"]) not in existing
        ]
        with internal_switch(ESTIMATE):
            return self.sudo().create(vals_list)


def estimate_value(row, consumption):
    """Counter value of an estimate ``consumption`` after the reading
    ``row`` (rolls over like the meter)."""
    full = 10 ** row["digits"]
    return (row["value"] + consumption / row["multiplier"]) % full
