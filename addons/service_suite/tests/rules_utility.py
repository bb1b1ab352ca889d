"""The service_utility documents of the rules matrix (common.RulesCase)."""

import base64
from datetime import timedelta

from odoo import fields


def add_utility_documents(cls, add):
    """Add one document of every service_utility model with protected fields:
    ``add(model, make_vals, prepare=None)``, as in RulesCase._build_documents."""
    env = cls.env
    company = cls.company_a

    point = add(
        "service.supply.point",
        lambda n: {
            "name": f"RULES-UTL-{n}",
            "kind": "free",
            "partner_id": cls.customer.id,
            "company_id": company.id,
        },
    )
    # a meter installed long before any reading the matrix sends
    env["service.meter"].create(
        {
            "name": "RULES-M-1",
            "point_id": point.id,
            "date_installed": cls.today - timedelta(days=400),
            "digits": 6,
        }
    )
    # unique per register, date and source: one day back per reading
    add(
        "service.meter.reading",
        lambda n: {
            "point_id": point.id,
            "date": fields.Date.to_string(cls.today - timedelta(days=n)),
            "value": 5000 - n,
            "source": "actual",
        },
    )
    add(
        "service.reading.import",
        lambda n: {
            "company_id": company.id,
            "file": base64.b64encode(
                (
                    '<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<readings xmlns="urn:service-suite:readings:1">\n'
                    f'  <reading point="{point.name}" date="'
                    f"{fields.Date.to_string(cls.today - timedelta(days=200 + n))}"
                    f'" value="{1000 + n}"/>\n'
                    "</readings>\n"
                ).encode()
            ).decode(),
            "file_name": f"rules-{n}.xml",
            "file_format": "xml",
        },
    )
