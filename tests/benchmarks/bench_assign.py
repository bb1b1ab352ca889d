#!/usr/bin/env python3
"""P-ASSIGN: automatic distribution of new service requests (REQ-04).

Builds N unassigned requests of one type whose team has M members (a fresh
database with service_request, unless --db names one), then distributes them
all in one call, as request creation and the "Distribute" button do, and
reports the wall time and the SQL queries it took. To show that the query
count does not grow with the number of requests, a first distribution of N/10
requests is measured the same way. Last line:

    seconds=<s> queries=<q>

(for the N requests) preceded by a line with both sizes:

    requests=<n> users=<m> seconds=<s> queries=<q> small_requests=<n/10>
    small_queries=<q> per_user_min=<a> per_user_max=<b> waiting=<w>

    python3 tests/benchmarks/bench_assign.py --requests 10000 --users 50
"""

import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def install(db):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(
        [
            *(sys.executable, "-m", "odoo", "-c", f"{ROOT}/odoo.conf"),
            *(f"--addons-path={ROOT}/addons", "-d", db, "-i", "service_request"),
            *("--stop-after-init", "--log-level=warn"),
        ],
        check=True,
    )


def build(env, count, request_type, customers):
    """``count`` unassigned requests, created without distribution."""
    # imported here: the module exists once Odoo's addons path is set
    from odoo.addons.service_base.models.service_protected_fields_mixin import (  # noqa: PLC0415
        internal_switch,
    )

    Request = env["service.request"].with_context(tracking_disable=True)
    ids = []
    for start in range(0, count, 2000):
        with internal_switch("service_request_no_distribute"):
            ids += Request.create(
                [
                    {
                        "type_id": request_type.id,
                        "partner_id": customers[i % len(customers)].id,
                    }
                    for i in range(start, min(start + 2000, count))
                ]
            ).ids
        env.flush_all()
        env.invalidate_all()
    return ids


def distribute(registry, api, ids):
    """Distribute the requests ``ids`` in one transaction; (seconds, queries)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        requests = env["service.request"].browse(ids)
        queries_before = cr.sql_log_count
        started = time.perf_counter()
        requests._distribute()
        env.flush_all()
        cr.commit()
        return time.perf_counter() - started, cr.sql_log_count - queries_before


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--db", help="existing database with service_request")
    args = parser.parse_args()

    db = args.db or f"service_bench_assign_{os.getpid()}"
    if not args.db:
        install(db)

    import odoo  # noqa: PLC0415 - Odoo is configured below, after the install
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [
            *("-c", f"{ROOT}/odoo.conf", f"--addons-path={ROOT}/addons"),
            *("-d", db, "--log-level=warn"),
        ]
    )
    registry = Registry(db)
    small = max(1, args.requests // 10)
    run = os.getpid()  # unique names when --db reuses a database
    # every user can take all the requests: the cap is not what is measured
    cap = args.requests + small
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            group = env.ref("service_base.group_service_user")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Technician {i:03d}",
                        "login": f"bench_tech_{run}_{i:03d}",
                        "group_ids": [(4, group.id)],
                        "service_request_cap": cap,
                    }
                    for i in range(args.users)
                ]
            )
            team = env["service.request.team"].create(
                {"name": "Bench team", "member_ids": [(6, 0, users.ids)]}
            )
            request_type = env["service.request.type"].create(
                {"name": "Bench request", "code": f"B{run}", "team_id": team.id}
            )
            customers = env["res.partner"].create(
                [{"name": f"Customer {i}"} for i in range(100)]
            )
            small_ids = build(env, small, request_type, customers)
            big_ids = build(env, args.requests, request_type, customers)
            cr.commit()

        small_seconds, small_queries = distribute(registry, api, small_ids)
        seconds, queries = distribute(registry, api, big_ids)

        with registry.cursor() as cr:
            cr.execute(
                "SELECT COUNT(*) FILTER (WHERE user_id IS NULL),"
                " COUNT(*) FILTER (WHERE waiting_supervisor)"
                " FROM service_request WHERE id = ANY(%s)",
                [big_ids],
            )
            unassigned, waiting = cr.fetchone()
            cr.execute(
                "SELECT MIN(n), MAX(n) FROM (SELECT COUNT(*) AS n"
                " FROM service_request WHERE id = ANY(%s) AND user_id IS NOT NULL"
                " GROUP BY user_id) AS loads",
                [big_ids],
            )
            per_user_min, per_user_max = cr.fetchone()
    finally:
        if not args.db:
            Registry.delete(db)
            odoo.sql_db.close_all()
            subprocess.run(["dropdb", "--if-exists", db], check=False)

    assert unassigned == 0, f"{unassigned} requests left unassigned"
    print(
        f"requests={args.requests} users={args.users} seconds={seconds:.2f} "
        f"queries={queries} small_requests={small} small_seconds={small_seconds:.2f} "
        f"small_queries={small_queries} per_user_min={per_user_min} "
        f"per_user_max={per_user_max} waiting={waiting}"
    )
    print(f"seconds={seconds:.2f} queries={queries}")


if __name__ == "__main__":
    main()
