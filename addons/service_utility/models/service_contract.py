# covers: UTL-03, CON-05, CON-08
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.service_catalog.tools import periods

from ..tools.curve import build_curve, daily_average, value_at
from .service_meter_reading import estimate_value


class ServiceContract(models.Model):
    _inherit = "service.contract"

    supply_point_count = fields.Integer(compute="_compute_supply_point_count")

    def _compute_supply_point_count(self):
        for contract in self:
            contract.supply_point_count = len(contract.line_ids.supply_point_id)

    @api.constrains("state")
    def _check_supply_points_once(self):
        self.line_ids._check_supply_point_once()

    def action_view_supply_points(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_utility.service_supply_point_action"
        )
        action["domain"] = [("id", "in", self.line_ids.supply_point_id.ids)]
        return action

    # ------------------------------------------------------------------
    # Consumption → formula inputs (UTL-03): the only way readings reach an
    # invoice is as ``service.contract.input`` values of a formula line,
    # billed by the contract's invoicing API like any other input.
    # ------------------------------------------------------------------
    def _settle(self, date=None, billing_run=None):
        for contract in self:
            until = date or contract.settlement_date
            if until:
                since = contract.last_settlement_date or contract.date_start
                contract._service_utility_feed(
                    {contract.id: contract._service_utility_periods(since, until)}
                )
        return super()._settle(date=date, billing_run=billing_run)

    def _service_utility_periods(self, since, until):
        """Periods [(start, end)] of this contract from ``since`` to
        ``until`` (as its settlement walks them)."""
        self.ensure_one()
        result, start = [], since
        while start <= until:
            if self.billing_period == "one_off":
                end = until
            else:
                end = periods.period_end(
                    start, self.billing_period, self.align_to_calendar
                )
            end = min(end, until)
            result.append((start, end))
            start = end + relativedelta(days=1)
        return result

    def _service_utility_feed(self, periods_by_contract=None, date_until=None):
        """Compute the consumption of the metered lines of these contracts
        for each period (default: the periods due up to ``date_until``),
        record it (``service.consumption``) and write it as the lines'
        formula inputs; a period that cannot be computed is recorded as held
        with the reason, and its inputs removed, so billing holds it.
        Periods already invoiced are left as they are. Batched: a few
        queries for the whole recordset."""
        lines = self.line_ids.filtered(
            lambda line: line.supply_point_id and line.formula_id
        )
        if not lines:
            return
        env = self.env
        if periods_by_contract is None:
            periods_by_contract = {
                contract.id: [(s, e) for s, e, _n in contract._due_periods(date_until)]
                for contract in lines.contract_id
                # advances bill no consumption: their settlement feeds it
                if not contract.advance_amount
            }
        starts = sorted({s for ps in periods_by_contract.values() for s, _e in ps})
        if not starts:
            return
        env["account.move.line"].flush_model()
        env.cr.execute(
            """
            SELECT DISTINCT service_contract_line_id, service_period_start
              FROM account_move_line
             WHERE service_contract_line_id = ANY(%s) AND parent_state != 'cancel'
            """,
            [lines.ids],
        )
        invoiced = set(env.cr.fetchall())
        Consumption = env["service.consumption"].sudo()
        # only the records the periods at hand can touch (the previous
        # period's billed one gives the baseline): memory stays flat
        existing = Consumption.search(
            [
                ("line_id", "in", lines.ids),
                ("period_end", ">=", starts[0] - timedelta(days=1)),
            ]
        )
        billed_records = {}
        stale = Consumption
        for record in existing:
            key = (record.line_id.id, record.period_start)
            if key in invoiced:
                billed_records[
                    (record.line_id.id, record.register_code, record.period_end)
                ] = record
            else:
                stale |= record
        points = lines.supply_point_id
        Reading = env["service.meter.reading"]
        actual_rows = Reading._load_rows(points)
        review_rows = Reading._load_rows(points, ("to_review",))
        codes = self._service_utility_codes(points)
        new_records, estimates, inputs = [], [], {}
        held_keys = set()
        for line in lines:
            point = line.supply_point_id
            previous_end = {}
            for start, end in periods_by_contract.get(line.contract_id.id, []):
                if (line.id, start) in invoiced:
                    continue
                records, reason = [], None
                for code, input_name in codes.get(point.id, []):
                    baseline = previous_end.get(code)
                    if baseline is None:
                        billed = billed_records.get(
                            (line.id, code, start - timedelta(days=1))
                        )
                        baseline = billed and (billed.index_end, billed.estimated)
                    record, reason, estimate = self._service_utility_compute(
                        point,
                        code,
                        input_name,
                        start,
                        end,
                        baseline,
                        actual_rows.get((point.id, code), []),
                        review_rows.get((point.id, code), []),
                    )
                    if reason:
                        break
                    record["line_id"] = line.id
                    records.append(record)
                    if estimate:
                        estimates.append(estimate)
                if not codes.get(point.id):
                    reason = env._(
                        "supply point %(point)s has no meter with registers",
                        point=point.name,
                    )
                if reason:
                    held_keys.add((line.id, start))
                    new_records.append(
                        {
                            "point_id": point.id,
                            "line_id": line.id,
                            "register_code": "-",
                            "input_name": "-",
                            "period_start": start,
                            "period_end": end,
                            "state": "held",
                            "hold_reason": env._(
                                "line '%(line)s': %(reason)s",
                                line=line.name,
                                reason=reason,
                            ),
                        }
                    )
                    break  # later periods wait for this one
                for record in records:
                    previous_end[record["register_code"]] = (
                        record["index_end"],
                        record["estimated"],
                    )
                    total = inputs.setdefault((line.id, start), {})
                    total[record["input_name"]] = (
                        total.get(record["input_name"], 0.0) + record["quantity"]
                    )
                new_records.extend(records)
        stale.unlink()
        Input = env["service.contract.input"].sudo()
        keys = set(inputs) | held_keys
        names = {name for values in inputs.values() for name in values} | {
            name for _p, values in codes.items() for _c, name in values
        }
        old_inputs = Input.search(
            [
                ("line_id", "in", list({line_id for line_id, _s in keys})),
                ("period_start", "in", list({s for _l, s in keys})),
                ("name", "in", list(names)),
            ]
        ).filtered(lambda i: (i.line_id.id, i.period_start) in keys)
        old_inputs.unlink()
        Input.create(
            [
                {
                    "line_id": line_id,
                    "period_start": start,
                    "name": name,
                    "value": value,
                    "source": "service_utility",
                }
                for (line_id, start), values in inputs.items()
                for name, value in values.items()
            ]
        )
        Consumption.create(new_records)
        if estimates:
            Reading._create_estimates(estimates)

    @api.model
    def _service_utility_codes(self, points):
        """{point id: [(register code, formula input)]} over the point's
        meters (the latest meter's input name wins)."""
        registers = (
            self.env["service.meter.register"]
            .sudo()
            .search([("point_id", "in", points.ids)], order="point_id, id")
        )
        result = defaultdict(dict)
        for register in registers:
            result[register.point_id.id][register.code] = register.input_name
        return {point: sorted(codes.items()) for point, codes in result.items()}

    @api.model
    def _service_utility_compute(
        self, point, code, input_name, start, end, baseline, rows, review_rows
    ):
        """Consumption of one register code of ``point`` over [start, end].

        ``baseline``: (cumulative index billed up to start - 1, whether it
        was estimated) when a previous period was billed. Returns (record
        values, hold reason, estimated reading values)."""
        env = self.env
        day_before = start - timedelta(days=1)
        curve = build_curve(rows)
        # a reading waiting for review holds the period when it could close
        # it: up to the first valid reading on or after the period's end
        # (every later one when there is none yet)
        closing = min((r["date"] for r in rows if r["date"] >= end), default=None)
        waiting = sorted(
            (
                r
                for r in review_rows
                if (closing is None or r["date"] <= closing)
                and (not point.billed_until or r["date"] > point.billed_until)
            ),
            key=lambda r: r["date"],
        )
        if waiting:
            reading = env["service.meter.reading"].sudo().browse(waiting[0]["id"])
            return (
                None,
                env._(
                    "supply point %(point)s: reading of %(date)s waiting for review "
                    "(%(reason)s)",
                    point=point.name,
                    date=waiting[0]["date"],
                    reason=reading.flag_reason,
                ),
                None,
            )
        if not curve:
            return (
                None,
                env._(
                    "supply point %(point)s: no reading of register %(code)s yet",
                    point=point.name,
                    code=code,
                ),
                None,
            )
        true_start = value_at(curve, day_before)
        if true_start is None and day_before < curve[0][0]:
            true_start = 0.0  # the point starts measuring within the period
        estimate = None
        end_index = value_at(curve, end)
        estimated = False
        if end_index is None:
            average = daily_average(curve)
            if not point.estimate_missing or average is None:
                return (
                    None,
                    env._(
                        "supply point %(point)s: no reading of register %(code)s on or "
                        "after %(date)s%(why)s",
                        point=point.name,
                        code=code,
                        date=end,
                        why=""
                        if point.estimate_missing
                        else env._(" (estimates are off for this point)"),
                    ),
                    None,
                )
            last = max(rows, key=lambda r: (r["date"], r["installed"], r["id"]))
            days = (end - last["date"]).days
            end_index = curve[-1][1] + average * days
            estimated = True
            estimate = {
                "point_id": point.id,
                "meter_id": last["meter"],
                "register_id": last["register"],
                "date": end,
                "value": estimate_value(last, average * days),
                "source": "estimated",
            }
        if true_start is None:  # every reading is older than the period
            average = daily_average(curve)
            if average is None:
                return (
                    None,
                    env._(
                        "supply point %(point)s: no reading of register %(code)s "
                        "after %(date)s",
                        point=point.name,
                        code=code,
                        date=curve[-1][0],
                    ),
                    None,
                )
        if baseline:
            index_start, baseline_estimated = baseline
        else:
            index_start, baseline_estimated = true_start, False
        if index_start is None:
            index_start = (
                curve[-1][1] + daily_average(curve) * (day_before - curve[-1][0]).days
            )
        correction = 0.0
        if baseline_estimated and true_start is not None:
            correction = true_start - index_start
        quantity = end_index - index_start
        return (
            {
                "point_id": point.id,
                "register_code": code,
                "input_name": input_name,
                "period_start": start,
                "period_end": end,
                "state": "ready",
                "consumption": quantity - correction,
                "correction": correction,
                "quantity": quantity,
                "estimated": estimated,
                "index_start": index_start,
                "index_end": end_index,
            },
            None,
            estimate,
        )
