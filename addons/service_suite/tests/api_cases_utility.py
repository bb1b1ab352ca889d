"""The service_utility calls docs/api.md names, for test_api_calls."""

import base64
import itertools
from datetime import timedelta

from odoo import fields

_counter = itertools.count(1)


def _point(case):
    """A fresh supply point of company A with a meter installed a year ago."""
    number = next(_counter)
    point = case.env["service.supply.point"].create(
        {
            "name": f"API-UTL-{number}",
            "kind": "free",
            "partner_id": case._customer().id,
            "company_id": case.company_a.id,
        }
    )
    case.env["service.meter"].create(
        {
            "name": f"API-UTL-M-{number}",
            "point_id": point.id,
            "date_installed": case.today - timedelta(days=400),
            "digits": 5,
        }
    )
    return point


def _read(case, point, days_ago, value):
    return case.env["service.meter.reading"].create(
        {
            "point_id": point.id,
            "date": case.today - timedelta(days=days_ago),
            "value": value,
            "source": "actual",
        }
    )


def _flagged_reading(case):
    """A reading waiting for review: lower than the previous one."""
    point = _point(case)
    _read(case, point, 40, 1000)
    reading = _read(case, point, 10, 900)
    case.assertEqual(reading.state, "to_review")
    return reading


def _reading_import(case):
    """A draft import of one reading of a fresh point (XML, no mapping)."""
    point = _point(case)
    day = fields.Date.to_string(case.today - timedelta(days=5))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<readings xmlns="urn:service-suite:readings:1">\n'
        f'  <reading point="{point.name}" register="T" date="{day}" value="120"/>\n'
        "</readings>\n"
    )
    return case.env["service.reading.import"].create(
        {
            "company_id": case.company_a.id,
            "file": base64.b64encode(content.encode()),
            "file_name": f"{point.name}.xml",
            "file_format": "xml",
        }
    )


def _disconnected_point(case):
    point = _point(case)
    point.action_disconnect()
    return point


def utility_cases(case):
    """(model, method) -> prepare(): (ids or values, named arguments)."""
    return {
        ("service.meter.reading", "action_approve"): lambda: (
            _flagged_reading(case).ids,
            {},
        ),
        ("service.meter.reading", "action_reject"): lambda: (
            _flagged_reading(case).ids,
            {},
        ),
        ("service.reading.import", "action_import"): lambda: (
            _reading_import(case).ids,
            {},
        ),
        ("service.supply.point", "action_disconnect"): lambda: (
            _point(case).ids,
            {},
        ),
        ("service.supply.point", "action_reconnect"): lambda: (
            _disconnected_point(case).ids,
            {},
        ),
    }


def utility_outcomes(case):
    """(model, method) -> (field, value) or a function of the records."""
    return {
        ("service.meter.reading", "action_approve"): lambda r: (
            case.assertEqual(r.state, "valid"),
            case.assertEqual(r.reviewed_by_id, case.api_user),
        ),
        ("service.meter.reading", "action_reject"): lambda r: (
            case.assertEqual(r.state, "rejected"),
            case.assertEqual(r.reviewed_by_id, case.api_user),
        ),
        ("service.reading.import", "action_import"): lambda r: (
            case.assertEqual(r.state, "done"),
            case.assertEqual(r.imported_count, 1),
            case.assertEqual(r.error_count, 0),
            case.assertEqual(len(r.reading_ids), 1),
        ),
        ("service.supply.point", "action_disconnect"): ("state", "disconnected"),
        ("service.supply.point", "action_reconnect"): ("state", "active"),
    }
