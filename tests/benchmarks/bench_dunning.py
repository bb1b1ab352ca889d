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
OCA_REQUIREMENT = "odoo-addon-account-credit-control==19.0.1.0.0.13"
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
    oca = bench_billing.oca_addons(OCA_REQUIREMENT)
    return f"{bench_billing.ODOO_ADDONS},{OUR_ADDONS},{oca}"


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
        started = time.perf_counter()
        partners = env["res.partner"]
        for first in range(0, count, SETUP_CHUNK):
            partners |= env["res.partner"].create(
                [
                    {
                        "name": f"Customer {i:06d}",
                        "is_company": True,
                        "email": f"customer{i:06d}@example.com",
                        "service_is_customer": True,
                        # OCA: the customers follow the benchmark policy (not
                        # the default one its data gives new records)
                        "credit_policy_id": policy.id,
                    }
                    for i in range(first, min(first + SETUP_CHUNK, count))
                ]
            )
            env.flush_all()
        # the first customer's invoice through the ORM, created and posted
        template_move = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partners[0].id,
                "invoice_date": invoice_date,
                "invoice_payment_term_id": term.id,
                "credit_policy_id": policy.id,
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
        )
        template_move.action_post()
        env.flush_all()
        _clone_invoice(cr, template_move.id, partners[1:].ids)
        cr.execute(
            "SELECT count(*), count(DISTINCT line.partner_id) "
            "FROM account_move_line line "
            "JOIN account_account account ON account.id = line.account_id "
            "WHERE account.account_type = 'asset_receivable' "
            "AND line.parent_state = 'posted' AND line.amount_residual > 0"
        )
        items, customers = cr.fetchone()
        assert (items, customers) == (len(ITEM_AGES) * count, count), (items, count)
        cr.commit()
        print(
            f"setup customers={count} seconds={time.perf_counter() - started:.1f}",
            file=sys.stderr,
            flush=True,
        )


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _clone_invoice(cr, template_id, partner_ids):
    """Give every partner of ``partner_ids`` a copy of the posted invoice
    ``template_id`` (its move and journal items, residuals and due dates
    included) in two INSERT ... SELECT per chunk: the same rows Odoo's
    create + post writes (no chatter), at PostgreSQL's speed instead of
    ~20 invoices a second. Each copy has its own number in its journal."""
    overrides = {
        "name": "'BENCH/' || lpad(p.k::text, 7, '0')",
        "sequence_prefix": "'BENCH/'",
        "sequence_number": "p.k",
        "partner_id": "p.id",
        "commercial_partner_id": "p.id",
        "partner_shipping_id": "p.id",
        "payment_reference": "'BENCH/' || lpad(p.k::text, 7, '0')",
        "invoice_partner_display_name": "p.name",
    }
    move_columns = _columns(cr, "account_move")
    move_select = ", ".join(overrides.get(c, f"m.{c}") for c in move_columns)
    line_overrides = {
        "move_id": "new_move.id",
        "partner_id": "new_move.partner_id",
        "move_name": "new_move.name",
    }
    line_columns = _columns(cr, "account_move_line")
    line_select = ", ".join(line_overrides.get(c, f"l.{c}") for c in line_columns)
    for first in range(0, len(partner_ids), 5000):
        chunk = partner_ids[first : first + 5000]
        cr.execute(
            f"""
            WITH new_move AS (
                INSERT INTO account_move ({", ".join(move_columns)})
                SELECT {move_select}
                  FROM account_move m,
                       (SELECT partner.id, partner.name, ids.k + %(offset)s AS k
                          FROM unnest(%(partners)s::int[])
                               WITH ORDINALITY AS ids(id, k)
                          JOIN res_partner partner ON partner.id = ids.id) p
                 WHERE m.id = %(template)s
                RETURNING id, partner_id, name
            )
            INSERT INTO account_move_line ({", ".join(line_columns)})
            SELECT {line_select}
              FROM account_move_line l, new_move
             WHERE l.move_id = %(template)s
            """,  # noqa: S608 - column names from information_schema
            {"partners": chunk, "template": template_id, "offset": first},
        )


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


def install(installed_db, db, path):
    """Both addons installed in ``db``: copied from ``installed_db`` when
    given (installed there first if it does not exist yet)."""
    command = [
        *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
        *(f"--addons-path={path}", "-d", installed_db or db),
        *("-i", "service_dunning,account_credit_control"),
        *("--stop-after-init", "--log-level=warn"),
    ]
    if not installed_db:
        subprocess.run(command, check=True)
        return
    exists = (
        subprocess.run(
            ["psql", "-d", installed_db, "-tAc", "SELECT 1"],
            check=False,
            capture_output=True,
        ).returncode
        == 0
    )
    if not exists:
        subprocess.run(command, check=True)
    subprocess.run(["createdb", "-T", installed_db, db], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--installed-db",
        help="copy this database (both addons installed, no data; made by the "
        "first run that names it) instead of installing again: the install "
        "takes minutes on a loaded machine and is not what is measured",
    )
    parser.add_argument(
        "--ours-only",
        action="store_true",
        help="skip OCA's run (e.g. to measure our queries and memory at a "
        "scale where OCA's run would take hours); no ratio",
    )
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
        install(args.installed_db, db, path)
        child("setup", db, path, args.customers)
        ours = parse(child("ours", db, path, args.customers))
        oca = None if args.ours_only else parse(child("oca", db, path, args.customers))
    finally:
        if args.keep_db:
            print(f"database {db} kept", file=sys.stderr)
        else:
            bench_billing.dropdb(db, check=False)
    for result in (ours, oca):
        if result:
            print(" ".join(f"{key}={value}" for key, value in result.items()))
    if oca is None:
        print(
            f"queries_per_customer={ours['queries_per_customer']} "
            f"peak_rss_mb={ours['peak_rss_mb']}"
        )
        return
    ratio = float(ours["customers_per_second"]) / float(oca["customers_per_second"])
    print(
        f"ratio={ratio:.2f} queries_per_customer={ours['queries_per_customer']} "
        f"peak_rss_mb={ours['peak_rss_mb']}"
    )


if __name__ == "__main__":
    main()
