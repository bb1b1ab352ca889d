# covers: UTL-02
import base64
import csv
import hashlib
from datetime import datetime

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from odoo.addons.service_base.tools.context import QUIET_NO_FOLLOWERS

XML_NAMESPACE = "urn:service-suite:readings:1"
CREATE_CHUNK = 2000
SOURCES = ("actual", "customer")


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
        """Parse the file, then resolve and create its readings a chunk of
        rows at a time: a few queries per chunk, memory flat whatever the
        file's size."""
        self.ensure_one()
        content = base64.b64decode(self.file or b"")
        rows, errors = (
            self._parse_xml(content)
            if self.file_format == "xml"
            else self._parse_csv(content)
        )
        env = self.env(context=dict(self.env.context, **QUIET_NO_FOLLOWERS))
        Reading = env["service.meter.reading"]
        imported = duplicates = 0
        for chunk in split_every(CREATE_CHUNK, rows):
            values, more_errors, skipped = self._resolve(list(chunk))
            errors += more_errors
            duplicates += skipped
            if values:
                Reading.create(values)
                imported += len(values)
            env.flush_all()
            # keep memory flat: nothing of a chunk is needed again
            env.invalidate_all()
        # the caller may import (checked): the refused rows are the import's own
        env["service.reading.import.error"].sudo().create(
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
        flagged = Reading.search_count(
            [("import_id", "=", self.id), ("state", "=", "to_review")]
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

    def _parse_xml(self, content):
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False
        )
        try:
            root = etree.fromstring(content, parser)
        except etree.XMLSyntaxError as error:
            raise UserError(
                self.env._("File: not well-formed XML (%(error)s).", error=error)
            ) from None
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
            ["name", "point_id", "date_installed", "date_removed"],
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
        register_by_code, first_register = {}, {}
        for register in registers:
            register_by_code[(register["meter_id"], register["code"])] = register["id"]
            first_register.setdefault(register["meter_id"], register["id"])
        env["service.meter.reading"].flush_model()
        env.cr.execute(
            """
            SELECT register_id, date, source FROM service_meter_reading
             WHERE register_id = ANY(%s)
            """,
            [list(register_by_code.values())],
        )
        seen = set(env.cr.fetchall())
        values, errors, duplicates = [], [], 0
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
            try:
                date = datetime.strptime(row.get("date", ""), date_format).date()
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
                    "date": date,
                    "value": value,
                    "source": source,
                    "import_id": self.id,
                }
            )
        return values, errors, duplicates
