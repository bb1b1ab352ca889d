# covers: UTL-01
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.chart import consumption_chart
from ..tools.identifiers import IDENTIFIER_KINDS, check_identifier, compact

BILLED_STATES = ("active", "suspended")


class ServiceSupplyPoint(models.Model):
    """A place where a service is delivered and measured (an electricity POD
    or EAN, a gas PDR or EIC, a water connection...), with the meters
    installed there over time and its readings."""

    _name = "service.supply.point"
    _description = "Supply Point"
    _inherit = ["service.protected.fields.mixin", "mail.thread", "portal.mixin"]
    _order = "name"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id.name", "city"]
    # covers: API-01 (what was billed moves only with billing)
    _service_protected_fields = ("state", "billed_until")
    _service_transitions = {
        "action_disconnect": "service_base.group_service_supervisor",
        "action_reconnect": "service_base.group_service_supervisor",
    }
    _service_field_bounds = {"plausibility_band": (1, 10000)}

    _identifier_company_uniq = models.Constraint(
        "UNIQUE (kind, name, company_id)",
        "Identifier: this company already has a supply point with this identifier.",
    )

    name = fields.Char("Identifier", required=True, tracking=True, index="trigram")
    kind = fields.Selection(
        IDENTIFIER_KINDS, required=True, default="free", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    contract_account_id = fields.Many2one(
        "service.contract.account",
        check_company=True,
        tracking=True,
        domain="[('partner_id', '=', partner_id)]",
    )
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    state = fields.Selection(
        [("active", "Active"), ("disconnected", "Disconnected")],
        default="active",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "service.contract.line", "supply_point_id", string="Contract Lines"
    )
    meter_ids = fields.One2many("service.meter", "point_id", string="Meters")
    reading_ids = fields.One2many("service.meter.reading", "point_id")
    consumption_ids = fields.One2many("service.consumption", "point_id")
    reading_count = fields.Integer(compute="_compute_reading_count")
    review_count = fields.Integer(
        "Readings to Review", compute="_compute_reading_count"
    )
    estimate_missing = fields.Boolean(
        "Estimate Missing Readings",
        default=True,
        tracking=True,
        help="When no reading arrived by the end of a billing period, bill an "
        "estimate from the point's daily average; the next actual reading "
        "corrects it. Otherwise the point is held until a reading arrives.",
    )
    plausibility_band = fields.Float(
        "Plausibility Band (%)",
        default=60.0,
        help="A reading whose daily consumption differs from the same period "
        "last year (or from the daily average) by more than this is flagged "
        "for review.",
    )
    billed_until = fields.Date(
        readonly=True,
        copy=False,
        help="End of the last period billed from this point's readings: "
        "readings up to this date can no longer change an invoice.",
    )

    consumption_chart = fields.Html(
        compute="_compute_consumption_chart",
        sanitize=False,
        string="Consumption History",
    )

    def _consumption_history(self, limit=24):
        """[(label, quantity, estimated)] per billed period, oldest first."""
        self.ensure_one()
        groups = self.env["service.consumption"]._read_group(
            [("point_id", "=", self.id), ("state", "=", "ready")],
            ["period_start:day", "period_end:day"],
            ["quantity:sum", "estimated:bool_or"],
            order="period_start:day desc",
            limit=limit,
        )
        return [
            (start.strftime("%m/%y"), quantity, estimated)
            for start, _end, quantity, estimated in reversed(groups)
        ]

    @api.depends("consumption_ids.quantity")
    def _compute_consumption_chart(self):
        for point in self:
            point.consumption_chart = consumption_chart(
                point._consumption_history() if point.id else [],
                self.env._("Consumption per period"),
            )

    @api.depends("reading_ids.state")
    def _compute_reading_count(self):
        counts = {
            (point.id, state): count
            for point, state, count in self.env["service.meter.reading"]._read_group(
                [("point_id", "in", self.ids)], ["point_id", "state"], ["__count"]
            )
        }
        for point in self:
            point.reading_count = sum(
                count for (pid, _s), count in counts.items() if pid == point.id
            )
            point.review_count = counts.get((point.id, "to_review"), 0)

    def _compute_access_url(self):
        for point in self:
            point.access_url = f"/my/supply-points/{point.id}"

    @api.constrains("name", "kind")
    def _check_identifier(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for point in self:
            try:
                number = check_identifier(point.kind, point.name)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Identifier: '%(value)s' is not a valid %(kind)s "
                        "(%(problem)s); "
                        "expected %(format)s.",
                        value=point.name,
                        kind=kinds[point.kind],
                        problem=self.env._("wrong check digit")
                        if str(error) == "check digit"
                        else self.env._("wrong format"),
                        format=point._identifier_formats()[point.kind],
                    )
                ) from None
            if number != point.name:
                raise ValidationError(
                    self.env._(
                        "Identifier: write '%(value)s' as '%(number)s' (no spaces "
                        "or dots, capitals).",
                        value=point.name,
                        number=number,
                    )
                )

    def _identifier_formats(self):
        return {
            "it_pod": self.env._(
                "IT, 3 digits of the distributor, E and 8 digits (e.g. IT001E12345678)"
            ),
            "it_pdr": self.env._("14 digits (e.g. 00880000123456)"),
            "cz_ean": self.env._(
                "18 digits starting with 859182400, the last one a GS1 check "
                "digit (e.g. 859182400000000012)"
            ),
            "cz_eic": self.env._(
                "16 characters of an EIC code with its check character (e.g. "
                "27ZG100012345673)"
            ),
            "free": self.env._("any text"),
        }

    @api.model
    def _normalize_identifier(self, vals, kind):
        if vals.get("name") and kind and kind != "free":
            vals["name"] = compact(vals["name"])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_identifier(vals, vals.get("kind", "free"))
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals:
            for kind in set(self.mapped("kind")) or {vals.get("kind")}:
                self._normalize_identifier(vals, vals.get("kind", kind))
        return super().write(vals)

    def action_disconnect(self):
        self._service_check_transition("action_disconnect", ("active",))
        self._service_write_protected({"state": "disconnected"})
        return True

    def action_reconnect(self):
        self._service_check_transition("action_reconnect", ("disconnected",))
        self._service_write_protected({"state": "active"})
        return True

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_utility.service_meter_reading_action"
        )
        action["domain"] = [("point_id", "=", self.id)]
        action["context"] = {"default_point_id": self.id}
        return action

    def action_view_consumption(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_utility.service_consumption_action"
        )
        action["domain"] = [("point_id", "=", self.id)]
        action["view_mode"] = "graph,list"
        return action

    def _input_names(self, line=None):
        """Formula inputs this point's registers feed."""
        return sorted(set(self.meter_ids.register_ids.mapped("input_name")))

    def _meter_on(self, date, serial=None):
        """The meter installed here on ``date`` (the new one on a change
        day), or the one with ``serial``."""
        self.ensure_one()
        meters = self.meter_ids.filtered(
            lambda m: (
                m.date_installed <= date
                and (not m.date_removed or m.date_removed >= date)
            )
        )
        if serial:
            meters = self.meter_ids.filtered(lambda m: m.name == serial)
        return meters.sorted("date_installed", reverse=True)[:1]

    def _service_utility_mark_billed(self):
        """Move ``billed_until`` to the end of the last invoiced period of
        each point (one statement for the recordset)."""
        if not self:
            return
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE service_supply_point point
               SET billed_until = billed.period_end
              FROM (SELECT consumption.point_id,
                           MAX(consumption.period_end) AS period_end
                      FROM service_consumption consumption
                      JOIN account_move_line line
                        ON line.service_contract_line_id = consumption.line_id
                       AND line.service_period_start = consumption.period_start
                       AND line.parent_state = 'posted'
                     WHERE consumption.point_id = ANY(%s)
                       AND consumption.state = 'ready'
                  GROUP BY consumption.point_id) billed
             WHERE point.id = billed.point_id
               AND (point.billed_until IS NULL
                    OR point.billed_until < billed.period_end)
            """,
            [self.ids],
        )
        self.invalidate_recordset(["billed_until"])
