# covers: UTL-02
import base64
import csv
import hashlib
import re
from collections import defaultdict
from datetime import datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    MAX_DATE,
    MIN_DATE,
    QUIET,
    internal_switch,
)

XML_NAMESPACE = "urn:service-suite:readings:1"
CREATE_CHUNK = 5000
SOURCES = ("actual", "customer")


def sii_number(text):
    """'1.234,5' (SII decimals) as '1234.5'; a dot-decimal value as is."""
    text = (text or "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


class ServiceReadingImport(models.Model):
    """One import of a file of readings (CSV with a saved mapping, or our
    XML schema): what it imported, what it skipped as already imported, and
    every refused row with its line number and reason. Good rows are
    imported even when others are refused; the same file twice adds
    nothing (a reading is unique per register, date and source)."""

    _name = "service.reading.import"
    _description = "Reading Import"
    _inherit = ["service.protected.fields.mixin", "mail.thread"]
    _order = "id desc"
    _check_company_auto = True
    _service_protected_fields = (
        "state",
        "imported_count",
        "duplicate_count",
        "flagged_count",
        "error_count",
        "file_hash",
    )
    _service_transitions = {"action_import": "service_base.group_service_user"}

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    file_format = fields.Selection(
        [
            ("csv", "CSV (with a column mapping)"),
            ("xml", "XML (service-suite readings)"),
            ("sii", "SII measurement flow (Italian electricity, XML)"),
        ],
        required=True,
        default="csv",
    )
    mapping_id = fields.Many2one(
        "service.reading.import.mapping", check_company=True, string="Column Mapping"
    )
    file_hash = fields.Char(readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Imported")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    imported_count = fields.Integer("Imported", readonly=True)
    duplicate_count = fields.Integer("Already Imported", readonly=True)
    flagged_count = fields.Integer("Flagged for Review", readonly=True)
    error_count = fields.Integer("Refused", readonly=True)
    error_ids = fields.One2many(
        "service.reading.import.error",
        "import_id",
        string="Refused Rows",
        readonly=True,
    )
    reading_ids = fields.One2many("service.meter.reading", "import_id", readonly=True)

    @api.depends("file_name", "create_date")
    def _compute_name(self):
        for record in self:
            record.name = record.file_name or self.env._("Readings import")

    def action_import(self):
        self._service_check_transition("action_import", ("draft",))
        for record in self:
            record._import()
        return True

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_utility.service_meter_reading_action"
        )
        action["domain"] = [("import_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    def _import(self):
        """Set-based import (P-READ): parse the whole file in memory, then a
        chunk of rows at a time resolve points, meters and registers, check
        plausibility against the stored readings (a few set queries per
        chunk, no query per row) and insert the chunk's readings in one
        statement. A reading is unique per register, date and source: rows
        another import (or a worker importing the same file at the same
        time) already stored are counted as already imported, never added
        twice. Memory stays flat: nothing of a chunk is kept."""
        self.ensure_one()
        content = base64.b64decode(self.file or b"")
        parse = {
            "xml": self._parse_xml,
            "sii": self._parse_sii,
        }.get(self.file_format, self._parse_csv)
        rows, errors = parse(content)
        # the importer's own switch, never a caller's context: no chatter,
        # tracking or followers per imported reading; the import posts one
        # summary below
        with internal_switch(QUIET):
            imported = duplicates = flagged = 0
            for chunk in split_every(CREATE_CHUNK, rows):
                values, more_errors, skipped = self._resolve(list(chunk))
                errors += more_errors
                inserted, inserted_flagged = self._insert_readings(values)
                duplicates += skipped + len(values) - inserted
                imported += inserted
                flagged += inserted_flagged
                # keep memory flat: nothing of a chunk is needed again
                self.env.invalidate_all()
        # the caller may import (checked): the refused rows are the import's own
        self.env["service.reading.import.error"].sudo().create(
            [
                {
                    "import_id": self.id,
                    "line_number": number,
                    "content": (content_line or "")[:200],
                    "reason": reason,
                }
                for number, content_line, reason in errors
            ]
        )
        self._service_write_protected(
            {
                "state": "done",
                "file_hash": hashlib.sha256(content).hexdigest(),
                "imported_count": imported,
                "duplicate_count": duplicates,
                "flagged_count": flagged,
                "error_count": len(errors),
            }
        )
        self.message_post(
            body=self.env._(
                "%(imported)s reading(s) imported (%(flagged)s flagged for review), "
                "%(duplicates)s already imported, %(errors)s row(s) refused.",
                imported=imported,
                flagged=flagged,
                duplicates=duplicates,
                errors=len(errors),
            )
        )

    def _insert_readings(self, values):
        """Insert the resolved readings of a chunk, plausibility checked
        first in memory (the same rules as a reading entered by hand, UTL-02).
        One query for the stored readings of the chunk's points, one INSERT;
        rows already stored (same register, date and source) are skipped by
        the unique key. Returns (inserted, inserted flagged for review)."""
        if not values:
            return 0, 0
        Reading = self.env["service.meter.reading"]
        # the caller's right to create readings (action_import checked the
        # group); the points were searched under the caller's record rules
        Reading.check_access("create")
        Point = self.env["service.supply.point"]
        points = Point.browse({vals["point_id"] for vals in values})
        rows = Reading._load_rows(points, ("valid", "to_review"))
        settings = {
            point["id"]: (point["plausibility_band"], point["billed_until"])
            for point in points.read(["plausibility_band", "billed_until"])
        }
        # new rows get ids above any stored one, in file order
        base = 2**62
        new_ids = set()
        for offset, vals in enumerate(values):
            row_id = base + offset
            new_ids.add(row_id)
            rows[(vals["point_id"], vals["register_code"])].append(
                {
                    "id": row_id,
                    "register": vals["register_id"],
                    "meter": vals["meter_id"],
                    "date": vals["date"],
                    "value": vals["value"],
                    "source": vals["source"],
                    "state": "to_review",
                    "digits": vals["digits"],
                    "multiplier": vals["multiplier"],
                    "installed": vals["installed"],
                }
            )
        outcomes = Reading._plausibility_outcomes(rows, new_ids, settings)
        columns = defaultdict(list)
        for offset, vals in enumerate(values):
            state, reason, rolled = outcomes[base + offset]
            for key in ("point_id", "meter_id", "register_id", "date", "value"):
                columns[key].append(vals[key])
            columns["source"].append(vals["source"])
            columns["state"].append(state)
            columns["reason"].append(reason or None)
            columns["rollover"].append(rolled)
        self.env.cr.execute(
            """
            INSERT INTO service_meter_reading (
                point_id, meter_id, register_id, register_code, company_id,
                partner_id, date, value, source, state, flag_reason, rollover,
                import_id, create_uid, create_date, write_uid, write_date)
            SELECT row.point_id, row.meter_id, row.register_id, register.code,
                   point.company_id, point.partner_id, row.date, row.value,
                   row.source, row.state, row.reason, row.rollover,
                   %(import)s, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM unnest(%(point)s::int[], %(meter)s::int[], %(register)s::int[],
                          %(date)s::date[], %(value)s::numeric[],
                          %(source)s::varchar[], %(state)s::varchar[],
                          %(reason)s::text[], %(rollover)s::bool[])
                   AS row(point_id, meter_id, register_id, date, value, source,
                          state, reason, rollover)
              JOIN service_supply_point point ON point.id = row.point_id
              JOIN service_meter_register register ON register.id = row.register_id
            ON CONFLICT (register_id, date, source) DO NOTHING
            RETURNING point_id, date, state
            """,
            {
                "import": self.id,
                "uid": self.env.uid,
                "now": fields.Datetime.now(),
                "point": columns["point_id"],
                "meter": columns["meter_id"],
                "register": columns["register_id"],
                "date": columns["date"],
                "value": columns["value"],
                "source": columns["source"],
                "state": columns["state"],
                "reason": columns["reason"],
                "rollover": columns["rollover"],
            },
        )
        inserted = self.env.cr.fetchall()
        # the ORM cache knows nothing of the new rows
        Reading.invalidate_model()
        Point.invalidate_model(["reading_ids"])
        self.invalidate_recordset(["reading_ids"])
        latest = {}
        for point_id, date, state in inserted:
            if state == "valid":
                latest[point_id] = max(latest.get(point_id, date), date)
        Reading._replace_estimates_before(latest)
        return len(inserted), sum(1 for row in inserted if row[2] == "to_review")

    def _parse_csv(self, content):
        """[(line number, raw line, {field: text})], [(line, raw, reason)]."""
        mapping = self.mapping_id
        if not mapping:
            raise UserError(
                self.env._(
                    "Column Mapping: choose how the CSV file's columns are read."
                )
            )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(
                self.env._("File: not a UTF-8 text file; save the CSV as UTF-8.")
            ) from None
        lines = text.splitlines()
        reader = csv.reader(lines, delimiter=mapping.delimiter)
        header = next(reader, None)
        if not header:
            raise UserError(self.env._("File: the CSV file is empty."))
        header = [name.strip() for name in header]
        columns = {
            "point": mapping.column_point,
            "register": mapping.column_register,
            "meter": mapping.column_meter,
            "date": mapping.column_date,
            "value": mapping.column_value,
            "source": mapping.column_source,
        }
        missing = [
            column
            for key, column in columns.items()
            if key in ("point", "date", "value") and column not in header
        ]
        if missing:
            raise UserError(
                self.env._(
                    "File: column(s) %(missing)s not found in the header (%(header)s); "
                    "fix the file or the column mapping '%(mapping)s'.",
                    missing=", ".join(missing),
                    header=", ".join(header),
                    mapping=mapping.name,
                )
            )
        index = {
            key: header.index(col) for key, col in columns.items() if col in header
        }
        rows, errors = [], []
        for number, cells in enumerate(reader, start=2):
            raw = lines[number - 1] if number - 1 < len(lines) else ""
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                errors.append(
                    (
                        number,
                        raw,
                        self.env._(
                            "%(count)s columns instead of %(expected)s",
                            count=len(cells),
                            expected=len(header),
                        ),
                    )
                )
                continue
            rows.append(
                (number, raw, {key: cells[i].strip() for key, i in index.items()})
            )
        return rows, errors

    def _xml_root(self, content):
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False
        )
        try:
            return etree.fromstring(content, parser)
        except etree.XMLSyntaxError as error:
            raise UserError(
                self.env._("File: not well-formed XML (%(error)s).", error=error)
            ) from None

    def _parse_xml(self, content):
        root = self._xml_root(content)
        if root.tag != f"{{{XML_NAMESPACE}}}readings":
            raise UserError(
                self.env._(
                    'File: the root element must be <readings xmlns="%(ns)s"> '
                    "(see docs/api.md, meter readings).",
                    ns=XML_NAMESPACE,
                )
            )
        rows, errors = [], []
        for element in root:
            if not isinstance(element.tag, str):
                continue
            raw = etree.tostring(element, encoding="unicode", with_tail=False)
            if element.tag != f"{{{XML_NAMESPACE}}}reading":
                errors.append(
                    (
                        element.sourceline,
                        raw,
                        self.env._("unknown element, expected <reading>"),
                    )
                )
                continue
            rows.append(
                (
                    element.sourceline,
                    raw,
                    {
                        key: (element.get(key) or "").strip()
                        for key in (
                            "point",
                            "register",
                            "meter",
                            "date",
                            "value",
                            "source",
                        )
                    },
                )
            )
        return rows, errors

    def _parse_sii(self, content):
        """Readings of an Italian SII measurement flow for electricity
        (``<FlussoMisure CodFlusso="PNO">`` and the other non-hourly flows of
        ARERA's standard, e.g. switching and rectifications): per
        ``<DatiPod>`` the POD, the reading date (``DataMisura`` dd/mm/yyyy,
        or the last day of ``MeseAnno`` mm/yyyy) and, in ``<Misura>``, the
        active-energy counter of each time band (``EaF1`` ... ``EaF6``, comma
        decimals), imported as the reading of the meter's register of that
        band's code (``F1`` ... ``F6``). A reading the distributor estimated
        (``TipoDato`` S) is listed as refused: only actual readings are
        imported. Elements are matched by local name, with or without a
        namespace."""
        root = self._xml_root(content)
        if etree.QName(root).localname != "FlussoMisure":
            raise UserError(
                self.env._(
                    "File: the root element of an SII measurement flow must be "
                    "<FlussoMisure> (the distributor's XML file, not its ZIP)."
                )
            )

        def child(element, name):
            found = element.find(f"{{*}}{name}")
            return (found.text or "").strip() if found is not None else ""

        rows, errors = [], []
        for pod in root.iterfind("{*}DatiPod"):
            raw = etree.tostring(pod, encoding="unicode", with_tail=False)
            point = child(pod, "Pod")
            measured = child(pod, "DataMisura")
            month = child(pod, "MeseAnno")
            try:
                if measured:
                    day = datetime.strptime(measured, "%d/%m/%Y").date()
                else:
                    day = datetime.strptime(month, "%m/%Y").date()
                    day = day + relativedelta(day=31)
            except ValueError:
                errors.append(
                    (
                        pod.sourceline,
                        raw,
                        self.env._(
                            "DataMisura '%(date)s' / MeseAnno '%(month)s': expected "
                            "dd/mm/yyyy / mm/yyyy",
                            date=measured,
                            month=month,
                        ),
                    )
                )
                continue
            measure = pod.find("{*}Misura")
            if measure is None:
                errors.append(
                    (pod.sourceline, raw, self.env._("no <Misura> in <DatiPod>"))
                )
                continue
            if child(measure, "TipoDato").upper() == "S":
                errors.append(
                    (
                        measure.sourceline,
                        raw,
                        self.env._(
                            "estimated by the distributor (TipoDato S); only "
                            "actual readings are imported"
                        ),
                    )
                )
                continue
            bands = [
                element
                for element in measure
                if isinstance(element.tag, str)
                and re.fullmatch(r"EaF[1-6]", etree.QName(element).localname)
            ]
            if not bands:
                errors.append(
                    (
                        measure.sourceline,
                        raw,
                        self.env._("no active-energy value (EaF1 ... EaF6)"),
                    )
                )
                continue
            for element in bands:
                rows.append(
                    (
                        element.sourceline,
                        raw,
                        {
                            "point": point,
                            "register": etree.QName(element).localname[2:],
                            "meter": "",
                            "date": day.isoformat(),
                            "value": sii_number(element.text),
                            "source": "actual",
                        },
                    )
                )
        return rows, errors

    def _resolve(self, rows):
        """Reading values of the good rows, the refused rows, and how many
        were already imported. A few queries for the whole file."""
        env = self.env
        mapping = self.mapping_id
        date_format = mapping.date_format if self.file_format == "csv" else "%Y-%m-%d"
        comma = self.file_format == "csv" and mapping.decimal_separator == ","
        company = self.company_id
        identifiers = {row["point"] for _n, _r, row in rows if row.get("point")}
        points = {
            point["name"]: point["id"]
            for point in env["service.supply.point"].search_read(
                [("company_id", "=", company.id), ("name", "in", list(identifiers))],
                ["name"],
            )
        }
        meters = env["service.meter"].search_read(
            [("point_id", "in", list(points.values()))],
            [
                "name",
                "point_id",
                "date_installed",
                "date_removed",
                "digits",
                "multiplier",
            ],
            load=False,
        )
        registers = env["service.meter.register"].search_read(
            [("meter_id", "in", [meter["id"] for meter in meters])],
            ["meter_id", "code"],
            load=False,
            order="meter_id, id",
        )
        meters_by_point = {}
        for meter in sorted(meters, key=lambda m: m["date_installed"], reverse=True):
            meters_by_point.setdefault(meter["point_id"], []).append(meter)
        register_by_code, first_register, register_codes = {}, {}, {}
        for register in registers:
            register_by_code[(register["meter_id"], register["code"])] = register["id"]
            first_register.setdefault(register["meter_id"], register["id"])
            register_codes[register["id"]] = register["code"]
        env["service.meter.reading"].flush_model()
        env.cr.execute(
            """
            SELECT register_id, date, source FROM service_meter_reading
             WHERE register_id = ANY(%s)
            """,
            [list(register_by_code.values())],
        )
        seen = set(env.cr.fetchall())
        values, errors, duplicates, dates = [], [], 0, {}
        for number, raw, row in rows:
            point_id = points.get(
                (row.get("point") or "").replace(" ", "").upper()
            ) or points.get(row.get("point"))
            if not point_id:
                errors.append(
                    (
                        number,
                        raw,
                        env._(
                            "unknown supply point '%(point)s'", point=row.get("point")
                        ),
                    )
                )
                continue
            text = row.get("date", "")
            date = dates.get(text)
            try:
                if date is None:
                    # a file holds few distinct dates: each parsed once
                    date = dates[text] = datetime.strptime(text, date_format).date()
            except ValueError:
                errors.append(
                    (
                        number,
                        raw,
                        env._(
                            "date '%(date)s' does not match %(format)s",
                            date=row.get("date"),
                            format=date_format,
                        ),
                    )
                )
                continue
            if not MIN_DATE <= date <= MAX_DATE:
                errors.append(
                    (
                        number,
                        raw,
                        env._("date '%(date)s' out of range", date=row.get("date")),
                    )
                )
                continue
            text = row.get("value", "")
            if comma:
                text = text.replace(".", "").replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                errors.append(
                    (
                        number,
                        raw,
                        env._(
                            "value '%(value)s' is not a number", value=row.get("value")
                        ),
                    )
                )
                continue
            value = round(value, 3)  # the column's 3 decimals
            if value < 0 or value != value or value > 1e12:
                errors.append(
                    (
                        number,
                        raw,
                        env._("value '%(value)s' out of range", value=row.get("value")),
                    )
                )
                continue
            source = (row.get("source") or "actual").lower()
            if source not in SOURCES:
                errors.append(
                    (
                        number,
                        raw,
                        env._("source '%(kind)s': use actual or customer", kind=source),
                    )
                )
                continue
            candidates = meters_by_point.get(point_id, [])
            if row.get("meter"):
                meter = next((m for m in candidates if m["name"] == row["meter"]), None)
            else:
                meter = next(
                    (
                        m
                        for m in candidates
                        if m["date_installed"] <= date
                        and (not m["date_removed"] or m["date_removed"] >= date)
                    ),
                    None,
                )
            if not meter:
                errors.append(
                    (
                        number,
                        raw,
                        env._(
                            "no meter %(meter)s installed at %(point)s on %(date)s",
                            meter=row.get("meter") or "",
                            point=row["point"],
                            date=date,
                        ),
                    )
                )
                continue
            register_id = (
                register_by_code.get((meter["id"], row["register"]))
                if row.get("register")
                else first_register.get(meter["id"])
            )
            if not register_id:
                errors.append(
                    (
                        number,
                        raw,
                        env._(
                            "meter %(meter)s has no register '%(register)s'",
                            meter=meter["name"],
                            register=row.get("register"),
                        ),
                    )
                )
                continue
            key = (register_id, date, source)
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            values.append(
                {
                    "point_id": point_id,
                    "meter_id": meter["id"],
                    "register_id": register_id,
                    "register_code": register_codes[register_id],
                    "date": date,
                    "value": value,
                    "source": source,
                    "digits": meter["digits"],
                    "multiplier": meter["multiplier"],
                    "installed": meter["date_installed"],
                }
            )
        return values, errors, duplicates
