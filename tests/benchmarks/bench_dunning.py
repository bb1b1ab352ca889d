#!/usr/bin/env python3
"""P-DUN: remind N customers with 5 overdue items each, with our dunning run
(service_dunning) and with OCA's `account_credit_control` 19.0 run, in the
same database over the same items.

One fresh database (Odoo 19 CE, no demo data, generic chart of accounts)
with both addons installed; N customers, each with one posted invoice of
5 x 100 whose payment term splits it into 5 receivable items due 10, 40, 70,
100 and 130 days ago (the open items OCA's credit control, like ours, reads).
Each side has three levels (10, 30, 60 days, e-mail) and creates its
communications with their e-mails queued, not sent:

* ours: ``service.dunning.run.action_run()``: one communication per customer
  and level listing his 5 items, its e-mail queued;
* OCA: ``credit.control.run.generate_credit_lines()`` (one credit line per
  overdue item), ``set_to_ready_lines()``, ``run_channel_action()`` (one
  communication per customer and level, its e-mail posted and queued).

The ageing (``service.ageing.report._ageing_buckets`` over every customer) is
timed as well.

    python3 tests/benchmarks/bench_dunning.py --customers 2000

Last line:

    ratio=<ours/OCA customers per second> queries_per_customer=<q> peak_rss_mb=<m>

(q and m of our run). The lines before it: ``side=... customers=...
communications=... mails=... seconds=... customers_per_second=...
queries_per_customer=... peak_rss_mb=...`` per side (a second run of ours the
same day must create nothing: ``rerun=0``), and ``ageing_seconds=...``.

Each phase runs in its own process, so the peak RSS is that of the run
alone. OCA's addon comes from its PyPI wheel, unpacked into the cache as the
billing benchmark does; nothing is installed into the machine's Python.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import odoo
from odoo import api
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_billing

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "odoo.conf"
OUR_ADDONS = ROOT / "addons"
bench_billing.OCA_REQUIREMENT = "odoo-addon-account-credit-control==19.0.1.0.0.13"
SETUP_CHUNK = 250
ITEM_AGES = (130, 100, 70, 40, 10)
LEVELS = ((10, "First reminder"), (30, "Second reminder"), (60, "Final notice"))
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
}
EXIT_OURS_MISSING = 3


def addons_path():
    return f"{bench_billing.ODOO_ADDONS},{OUR_ADDONS},{bench_billing.oca_addons()}"


def open_registry(db, path):
    odoo.tools.config.parse_config(
        ["-c", str(CONFIG), f"--addons-path={path}", "-d", db, "--log-level=warn"]
    )
    return Registry(db)


def setup_data(db, path, count):
    registry = open_registry(db, path)
    today = date.today()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, QUIET)
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company)
        receivable = env["account.account"].search(
            [("account_type", "=", "asset_receivable")]
        )
        term = env["account.payment.term"].create(
            {
                "name": "Five instalments",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "value": "percent",
                            "value_amount": 20,
                            "nb_days": ITEM_AGES[0] - age,
                        },
                    )
                    for age in ITEM_AGES
                ],
            }
        )
        # ours: one default scenario, three e-mail levels, no fee
        env["service.dunning.scenario"].create(
            {
                "name": "Benchmark",
                "company_id": company.id,
                "is_default": True,
                "level_ids": [
                    (
                        0,
                        0,
                        {"name": name, "days_after_due": days, "channel_email": True},
                    )
                    for days, name in LEVELS
                ],
            }
        )
        # OCA: the same three levels, the company's policy
        template = env.ref("account_credit_control.email_template_credit_control_base")
        # e-mails without a PDF attached on both sides (ours attaches none)
        template.report_template_ids = [(5, 0, 0)]
        policy = env["credit.control.policy"].create(
            {
                "name": "Benchmark",
                "company_id": company.id,
                "account_ids": [(6, 0, receivable.ids)],
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": name,
                            "level": index + 1,
                            "computation_mode": "net_days",
                            "delay_days": days,
                            "email_template_id": template.id,
                            "channel": "email",
                            "custom_text": name,
                            "custom_mail_text": f"<p>{name}</p>",
                        },
                    )
                    for index, (days, name) in enumerate(LEVELS)
                ],
            }
        )
        company.credit_policy_id = policy
        invoice_date = today - timedelta(days=ITEM_AGES[0])
        for first in range(0, count, SETUP_CHUNK):
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Customer {i:06d}",
                        "is_company": True,
                        "email": f"customer{i:06d}@example.com",
                        "service_is_customer": True,
                    }
                    for i in range(first, min(first + SETUP_CHUNK, count))
                ]
            )
            moves = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": invoice_date,
                        "invoice_payment_term_id": term.id,
                        "invoice_line_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": "Guarding",
                                    "quantity": 5,
                                    "price_unit": 100,
                                    "tax_ids": [(5, 0, 0)],
                                },
                            )
                        ],
                    }
                    for partner in partners
                ]
            )
            moves.action_post()
            # OCA: the customers and invoices follow the benchmark policy
            # (not the default one its data gives new records)
            partners.credit_policy_id = policy
            moves.credit_policy_id = policy
            env.flush_all()
            env.invalidate_all()
        cr.commit()


def _measure(cr, func):
    queries_before = cr.sql_log_count
    started = time.perf_counter()
    func()
    cr.commit()
    seconds = time.perf_counter() - started
    return seconds, cr.sql_log_count - queries_before


def run_ours(db, path, count):
    registry = open_registry(db, path)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        company = env.company
        run = env["service.dunning.run"].create({"company_id": company.id})
        seconds, queries = _measure(cr, run.action_run)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        communications = env["service.dunning.communication"].search_count(
            [("run_id", "=", run.id)]
        )
        items = env["service.dunning.communication.line"].search_count(
            [("communication_id.run_id", "=", run.id)]
        )
        mails = env["mail.mail"].search_count(
            [("model", "=", "service.dunning.communication")]
        )
        rerun = env["service.dunning.run"].create({"company_id": company.id})
        rerun.action_run()
        rerun_count = rerun.communication_count
        cr.rollback()
        partners = env["res.partner"].search([("service_is_customer", "=", True)])
        ageing_seconds, _q = _measure(
            cr,
            lambda: env["service.ageing.report"]._ageing_buckets(partners, company),
        )
    print(
        f"side=ours customers={count} communications={communications} items={items} "
        f"mails={mails} rerun={rerun_count} seconds={seconds:.2f} "
        f"customers_per_second={count / seconds:.2f} "
        f"queries_per_customer={queries / count:.2f} peak_rss_mb={peak:.0f} "
        f"ageing_seconds={ageing_seconds:.2f}",
        flush=True,
    )


def run_oca(db, path, count):
    registry = open_registry(db, path)
    with registry.cursor() as cr:
        # e-mails queued, not sent, as on our side
        env = api.Environment(cr, api.SUPERUSER_ID, {"mail_notify_force_send": False})
        company = env.company
        run = env["credit.control.run"].create(
            {
                "date": date.today(),
                "company_id": company.id,
                "policy_ids": [(6, 0, company.credit_policy_id.ids)],
            }
        )

        def oca_run():
            run.generate_credit_lines()
            run.set_to_ready_lines()
            run.run_channel_action()

        seconds, queries = _measure(cr, oca_run)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        communications = env["credit.control.communication"].search_count([])
        items = env["credit.control.line"].search_count([])
        mails = env["mail.mail"].search_count(
            [("model", "=", "credit.control.communication")]
        )
    print(
        f"side=oca customers={count} communications={communications} items={items} "
        f"mails={mails} rerun=0 seconds={seconds:.2f} "
        f"customers_per_second={count / seconds:.2f} "
        f"queries_per_customer={queries / count:.2f} peak_rss_mb={peak:.0f} "
        f"ageing_seconds=0",
        flush=True,
    )


PHASES = {"setup": setup_data, "ours": run_ours, "oca": run_oca}


def child(phase, db, path, count):
    command = [sys.executable, __file__, "--phase", phase, "--db", db]
    command += ["--addons-path", path, "--customers", str(count)]
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout


def parse(output):
    line = [line for line in output.splitlines() if line.startswith("side=")][-1]
    return dict(pair.split("=", 1) for pair in line.split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--addons-path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        PHASES[args.phase](args.db, args.addons_path, args.customers)
        return
    if not (OUR_ADDONS / "service_dunning" / "__manifest__.py").exists():
        print("service_dunning is not available yet", file=sys.stderr)
        sys.exit(EXIT_OURS_MISSING)
    path = addons_path()
    db = f"service_bench_dunning_{os.getpid()}"
    bench_billing.dropdb(db, check=True)
    try:
        subprocess.run(
            [
                *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
                *(f"--addons-path={path}", "-d", db),
                *("-i", "service_dunning,account_credit_control"),
                *("--stop-after-init", "--log-level=warn"),
            ],
            check=True,
        )
        child("setup", db, path, args.customers)
        ours = parse(child("ours", db, path, args.customers))
        oca = parse(child("oca", db, path, args.customers))
    finally:
        if args.keep_db:
            print(f"database {db} kept", file=sys.stderr)
        else:
            bench_billing.dropdb(db, check=False)
    for result in (ours, oca):
        print(" ".join(f"{key}={value}" for key, value in result.items()))
    ratio = float(ours["customers_per_second"]) / float(oca["customers_per_second"])
    print(
        f"ratio={ratio:.2f} queries_per_customer={ours['queries_per_customer']} "
        f"peak_rss_mb={ours['peak_rss_mb']}"
    )


if __name__ == "__main__":
    main()
