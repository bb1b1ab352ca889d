#!/usr/bin/env python3
"""P-READ: import 12 months of meter readings for N supply points from one
CSV file (each reading checked for plausibility), then bill one month of
consumption for all of them through the billing run (service_utility).

A fresh database (Odoo 19 CE, no demo data, generic chart of accounts, a
15 % sales tax) gets N customers, each with a supply point, its meter and a
monthly contract billed in arrears whose line bills a tiered formula over
the ``consumption`` input. The CSV file holds 13 readings per point (the
last day of each of the 13 months before this one: 12 months of
consumption); the last month is billed. Timed: the import (readings/s) and
the billing run (points/s, invoices created and posted), each committed, in
its own process.

    python3 tests/benchmarks/bench_readings.py --points 1000

Last line:

    import_per_s=<r> bill_per_s=<b> queries_per_point=<q> peak_rss_mb=<m>

(q: SQL queries of the billing per point; m: the larger peak RSS of the
import and billing processes). The line before checks the outcome:

    points=<n> readings=<r> imported=<i> flagged=<f> invoices=<v>
    wrong_amounts=<w> reimported=<d>

(on one line; reimported: readings a second import of the same file adds,
must be 0; wrong_amounts: invoices whose untaxed amount is not the tiered
price of the point's consumption).
"""

import argparse
import base64
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import float_round

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "odoo.conf"
ADDONS = f"{ROOT / 'addons'},{ROOT / 'tests' / 'addons'}"
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
SETUP_CHUNK = 1000
TIERED = (
    "5 + min(consumption, 100) * 0.2 + max(min(consumption, 300) - 100, 0) * 0.15"
    " + max(consumption - 300, 0) * 0.1"
)


def tiered(consumption):
    # rounded half up to the cent, as Odoo rounds the invoice line
    return float_round(
        5
        + min(consumption, 100) * 0.2
        + max(min(consumption, 300) - 100, 0) * 0.15
        + max(consumption - 300, 0) * 0.1,
        precision_digits=2,
    )


def month_ends():
    """The last day of each of the 13 months up to last month, oldest first."""
    first = date.today().replace(day=1)
    return [
        first - relativedelta(months=n) - timedelta(days=1) for n in range(12, -1, -1)
    ]


def daily(index):
    """Each point's own steady consumption per day (5 to 14.9)."""
    return 5 + (index % 100) / 10


def identifier(index):
    return f"BENCH-{index:07d}"


def open_registry(db):
    odoo.tools.config.parse_config(
        ["-c", str(CONFIG), f"--addons-path={ADDONS}", "-d", db, "--log-level=warn"]
    )
    return Registry(db)


def setup_data(db, count, csv_path):
    registry = open_registry(db)
    ends = month_ends()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, QUIET)
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company)
        tax = env["account.tax"].create(
            {"name": "Sales tax 15%", "amount": 15, "type_tax_use": "sale"}
        )
        product = env["product.product"].create(
            {
                "name": "Electricity",
                "type": "service",
                "service_fee_method": "formula",
                "taxes_id": [(6, 0, tax.ids)],
            }
        )
        formula = env["service.formula"].create(
            {"name": "Tiered", "expression": TIERED, "input_names": "consumption"}
        )
        env["service.reading.import.mapping"].create({"name": "Bench CSV"})
        start = ends[-1].replace(day=1)
        for first in range(0, count, SETUP_CHUNK):
            indexes = range(first, min(first + SETUP_CHUNK, count))
            partners = env["res.partner"].create(
                [{"name": f"Customer {i:07d}", "is_company": True} for i in indexes]
            )
            points = env["service.supply.point"].create(
                [
                    {"name": identifier(i), "partner_id": partner.id}
                    for i, partner in zip(indexes, partners, strict=True)
                ]
            )
            env["service.meter"].create(
                [
                    {
                        "name": f"M-{i:07d}",
                        "point_id": point.id,
                        "date_installed": ends[0],
                    }
                    for i, point in zip(indexes, points, strict=True)
                ]
            )
            env["service.contract"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": start,
                        "billing_period": "monthly",
                        "billing_mode": "arrears",
                        "align_to_calendar": True,
                        "state": "active",
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "product_id": product.id,
                                    "formula_id": formula.id,
                                    "supply_point_id": point.id,
                                },
                            )
                        ],
                    }
                    for partner, point in zip(partners, points, strict=True)
                ]
            )
            env.flush_all()
            env.invalidate_all()
        cr.commit()
    with open(csv_path, "w", encoding="utf-8") as file:
        file.write("point,date,value\n")
        for i in range(count):
            for day in ends:
                value = 1000 + daily(i) * (day - ends[0]).days
                file.write(f"{identifier(i)},{day.isoformat()},{value:.3f}\n")
    print(f"setup readings={count * len(ends)}")


def run_import(db, count, csv_path):
    registry = open_registry(db)
    with open(csv_path, "rb") as file:
        content = base64.b64encode(file.read())
    results = []
    for _attempt in range(2):  # the second import of the same file adds nothing
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            mapping = env["service.reading.import.mapping"].search([], limit=1)
            batch = env["service.reading.import"].create(
                {"file": content, "file_name": "readings.csv", "mapping_id": mapping.id}
            )
            cr.commit()
            started = time.perf_counter()
            batch.action_import()
            cr.commit()
            seconds = time.perf_counter() - started
            results.append((batch.imported_count, batch.flagged_count, seconds))
    (imported, flagged, seconds), (reimported, _f, _s) = results
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"import imported={imported} flagged={flagged} reimported={reimported} "
        f"import_per_s={imported / seconds:.0f} rss={rss:.0f}"
    )


def run_bill(db, count):
    registry = open_registry(db)
    until = month_ends()[-1]
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        queries_before = cr.sql_log_count
        started = time.perf_counter()
        run = env["service.billing.run"].create({"date_until": until})
        run.action_run()
        cr.commit()
        seconds = time.perf_counter() - started
        queries = cr.sql_log_count - queries_before
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        env.invalidate_all()
        cr.execute(
            """
            SELECT point.name, move.amount_untaxed
              FROM account_move move
              JOIN service_contract contract ON contract.id = move.service_contract_id
              JOIN service_contract_line line ON line.contract_id = contract.id
              JOIN service_supply_point point ON point.id = line.supply_point_id
             WHERE move.state = 'posted' AND move.move_type = 'out_invoice'
            """
        )
        rows = cr.fetchall()
        ends = month_ends()
        days = (ends[-1] - ends[-2]).days
        wrong = sum(
            1
            for name, amount in rows
            if abs(float(amount) - tiered(daily(int(name[6:])) * days)) > 0.005
        )
    print(
        f"bill invoices={len(rows)} wrong_amounts={wrong} "
        f"bill_per_s={count / seconds:.2f} "
        f"queries_per_point={queries / count:.2f} rss={rss:.0f}"
    )


def child(phase, db, count, csv_path):
    command = [sys.executable, __file__, "--phase", phase, "--db", db]
    command += ["--points", str(count), "--csv", csv_path]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    line = [line for line in output.stdout.splitlines() if line.startswith(phase)][-1]
    return dict(pair.split("=", 1) for pair in line.split()[1:])


def dropdb(db, check):
    quiet = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    subprocess.run(["dropdb", "--if-exists", db], check=check, env=quiet)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--phase", choices=["setup", "import", "bill"], help=argparse.SUPPRESS
    )
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "setup":
        return setup_data(args.db, args.points, args.csv)
    if args.phase == "import":
        return run_import(args.db, args.points, args.csv)
    if args.phase == "bill":
        return run_bill(args.db, args.points)

    db = f"service_bench_readings_{os.getpid()}"
    dropdb(db, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = str(Path(tmp) / "readings.csv")
        try:
            subprocess.run(
                [
                    *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
                    *(f"--addons-path={ADDONS}", "-d", db, "-i", "service_utility"),
                    *("--stop-after-init", "--log-level=warn"),
                ],
                check=True,
            )
            child("setup", db, args.points, csv_path)
            imported = child("import", db, args.points, csv_path)
            billed = child("bill", db, args.points, csv_path)
        finally:
            if args.keep_db:
                print(f"database {db} kept", file=sys.stderr)
            else:
                dropdb(db, check=False)
    print(
        f"points={args.points} readings={args.points * 13} "
        f"imported={imported['imported']} flagged={imported['flagged']} "
        f"invoices={billed['invoices']} wrong_amounts={billed['wrong_amounts']} "
        f"reimported={imported['reimported']}"
    )
    rss = max(int(imported["rss"]), int(billed["rss"]))
    print(
        f"import_per_s={imported['import_per_s']} bill_per_s={billed['bill_per_s']} "
        f"queries_per_point={billed['queries_per_point']} peak_rss_mb={rss}"
    )


if __name__ == "__main__":
    main()
