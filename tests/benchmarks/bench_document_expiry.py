#!/usr/bin/env python3
"""P-EXPIRY: the daily customer-document expiry job at volume (CUS-05).

Builds N documents expiring within their reminder window (a fresh database
with service_customer, unless --db names one), then runs the job as the cron
does (batches committed one by one) and reports wall time, SQL queries per
document and peak memory. Last line:

    documents=<n> seconds=<s> per_second=<r> queries_per_document=<q> peak_rss_mb=<m>

    python3 tests/benchmarks/bench_document_expiry.py --documents 10000
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def install(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            f"{ROOT}/odoo.conf",
            f"--addons-path={ROOT}/addons",
            "-d",
            db,
            "-i",
            "service_customer",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--db", help="existing database with service_customer")
    args = parser.parse_args()

    db = args.db or f"service_bench_expiry_{os.getpid()}"
    if not args.db:
        install(db)

    import odoo  # noqa: PLC0415 - Odoo is configured below, after the install
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [
            "-c",
            f"{ROOT}/odoo.conf",
            f"--addons-path={ROOT}/addons",
            "-d",
            db,
            "--log-level=warn",
        ]
    )
    registry = Registry(db)
    today = date.today()
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            env["ir.config_parameter"].set_param("mail.bounce.alias", False)
            holders = env["res.partner"].create(
                [
                    {"name": f"Holder {i}", "email": f"holder{i}@example.com"}
                    for i in range(max(1, args.documents // 10))
                ]
            )
            doc_type = env.ref("service_customer.document_type_identity")
            for start in range(0, args.documents, 2000):
                env["service.document"].with_context(service_audit_skip=True).create(
                    [
                        {
                            "name": f"ID card {i}",
                            "partner_id": holders[i % len(holders)].id,
                            "document_type_id": doc_type.id,
                            "expiry_date": today + timedelta(days=1 + i % 20),
                        }
                        for i in range(start, min(start + 2000, args.documents))
                    ]
                )
                env.flush_all()
                env.invalidate_all()
            cr.commit()

        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            queries_before = cr.sql_log_count
            started = time.perf_counter()
            done = (
                env["service.document"]
                .with_context(service_commit_batches=True)
                ._cron_remind_expiring(batch_size=args.batch_size)
            )
            cr.commit()
            seconds = time.perf_counter() - started
            queries = cr.sql_log_count - queries_before
            reminded = env["mail.activity"].search_count(
                [("res_model", "=", "service.document")]
            )
            again = env["service.document"]._cron_remind_expiring()
    finally:
        if not args.db:
            Registry.delete(db)
            odoo.sql_db.close_all()
            subprocess.run(["dropdb", "--if-exists", db], check=False)

    assert done == args.documents == reminded, (done, reminded)
    assert again == 0, "a second run reminded documents again"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"documents={done} seconds={seconds:.2f} per_second={done / seconds:.0f} "
        f"queries_per_document={queries / done:.2f} peak_rss_mb={peak:.0f}"
    )


if __name__ == "__main__":
    main()
