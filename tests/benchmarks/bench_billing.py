#!/usr/bin/env python3
"""P-BILLING: bill N service contracts with OCA's `contract` 19.0 and with our
billing run (service_contract), side by side, on the same data.

Each side gets its own fresh database (Odoo 19 CE, no demo data, generic chart
of accounts, a 15 % sales tax on the services) and N customers with one monthly
contract of three lines: 1 x 100 fixed, 3 x 20 per unit and 2.5 x 40 (a plain
line for OCA, a formula line `hours * rate` with its inputs for ours). Only the
billing is timed: invoices created AND posted, then committed.

    python3 tests/benchmarks/bench_billing.py --contracts 1000
    python3 tests/benchmarks/bench_billing.py --contracts 1000 --only oca

Last line of a full run:

    ratio=<ours/OCA contracts per second> queries_per_contract=<q> peak_rss_mb=<m>

(q and m for our side). With --only, the last line is that side's result:

    side=<oca|ours> contracts=<n> invoices=<i> posted=<p> billed_once=<b>
    advanced=<a> rebilled=<r> wrong_amounts=<w> seconds=<s>
    contracts_per_second=<c> queries_per_contract=<q> peak_rss_mb=<m>

(on one line). billed_once counts the contracts with exactly one invoice,
advanced those whose next billing date moved past the billed period, rebilled
the invoices that a second run for the same date creates (must be 0: it is
rolled back), wrong_amounts the invoices whose total is not 299.00.

Why one period, billed up to the end of last month: contracts start on the first
day of the previous month, and both periods (last month, this month) are due by
today in advance billing. OCA's cron bills one period per contract and run,
ours every due period at once, so billing "up to today" would compare one
invoice against two. Cutting both off at the last day of the previous month
bills exactly one period on both sides, and makes a second run on the same date
a true idempotence check (it must bill nothing).

With ``--workers W`` (our side only), one billing run is billed by W Odoo
processes at once (the billing workers of issue 15, each doing what a
billing-worker cron job does), then by one process on a copy of the same
fresh database, and the two are compared:

    python3 tests/benchmarks/bench_billing.py --contracts 10000 --workers 2
    python3 tests/benchmarks/bench_billing.py --contracts 10000 --workers 2 \
        --also-workers 4

(``--also-workers 4`` times four workers too, on a third copy of the same
data, and prints ``speedup_w4=<4 workers / 1 worker>`` before the last line.)
Last line: ``speedup=<W workers / 1 worker> billed_once=<yes|no>
contracts_per_s=<c with W workers>``. Only the billing is timed, from the
moment the already started workers are released to the last one's end.

Each side runs in child processes (install, data setup, billing), so the peak
RSS is that of the billing process alone. OCA's addons come from their PyPI
wheels, unpacked into a cache; nothing is installed into the machine's Python.
Exit codes: 3 when service_contract is not in addons/ yet, 4 when the OCA
wheels need Python packages that are not installed.
"""

import argparse
import ast
import email.parser
import importlib.metadata
import importlib.util
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import odoo
import odoo.release
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import split_every

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "odoo.conf"
# Odoo's own addons, next to the odoo package of the Odoo that python3 imports
ODOO_ADDONS = Path(odoo.release.__file__).resolve().parents[1] / "addons"
OUR_ADDONS = ROOT / "addons"
CACHE = Path(
    os.environ.get("SERVICE_SUITE_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "service-suite"
)
OCA_REQUIREMENT = "odoo-addon-contract==19.0.1.2.1.2"

EXIT_OURS_MISSING = 3
EXIT_PYTHON_MISSING = 4
# invoices posted per action_post() call on the OCA side, as PERFORMANCE.md
# measured it (posting everything at once is slower: invoice numbering)
POST_CHUNK = 500
# contracts created per create() call during the (untimed) data setup: OCA's
# header-level recurrence fails on 1,000 three-line contracts in one call
SETUP_CHUNK = 250
TAX_RATE = 15.0
# (service, fee method on our side, quantity, unit price); the formula line's
# inputs are hours = quantity and rate = unit price, so all sides bill the same
SERVICES = (
    ("Static guard", "fixed", 1.0, 100.0),
    ("Patrol visit", "per_unit", 3.0, 20.0),
    ("Event guarding", "formula", 2.5, 40.0),
)
EXPECTED_TOTAL = round(
    sum(q * u for _n, _m, q, u in SERVICES) * (1 + TAX_RATE / 100), 2
)
# setup needs no chatter, tracking nor audit trail
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "service_audit_skip": True,
}
RESULT_KEYS = (
    "side",
    "contracts",
    "invoices",
    "posted",
    "billed_once",
    "advanced",
    "rebilled",
    "wrong_amounts",
    "seconds",
    "contracts_per_second",
    "queries_per_contract",
    "peak_rss_mb",
)


class Oca:
    """OCA `contract` 19.0: every OCA ORM call of the benchmark is here.

    Monthly, pre-paid, recurrence on the lines by default (see --oca-recurrence).
    At the header level (line_recurrence False) OCA 19.0.1.2.1 goes wrong past
    about 1,000 contract lines in one batch (one prefetch batch, it seems):
    creating 1,000 three-line contracts in one create() fails ("You must supply
    a date of next invoice"; 300 work), and one cron run over 1,000 contracts
    moves recurring_next_date forward for 333 of them only (999 lines), so a
    second run on the same date bills the other 667 again. Recurrence on the
    lines advances every contract.

    The lines get the contract's start date explicitly: their date_start is a
    computed field with a default (today), so without it a contract created
    through the ORM bills from today rather than from its own start.
    """

    name = "oca"
    modules = "account,contract"
    # set from --oca-recurrence
    line_recurrence = True

    @staticmethod
    def addons_path():
        return f"{ODOO_ADDONS},{oca_addons()}"

    @staticmethod
    def product_values(_fee_method):
        return {}

    @staticmethod
    def partner_values():
        return {}

    @staticmethod
    def create_contracts(env, partners, products, start):
        recurrence = {
            "recurring_rule_type": "monthly",
            "recurring_interval": 1,
            "recurring_invoicing_type": "pre-paid",
            "date_start": start,
        }
        env["contract.contract"].create(
            [
                {
                    "name": f"Contract {partner.name}",
                    "partner_id": partner.id,
                    "invoice_partner_id": partner.id,
                    "contract_type": "sale",
                    "line_recurrence": Oca.line_recurrence,
                    **recurrence,
                    "contract_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "name": product.name,
                                "quantity": quantity,
                                "price_unit": price_unit,
                                **recurrence,
                            },
                        )
                        for product, (_n, _m, quantity, price_unit) in zip(
                            products, SERVICES, strict=True
                        )
                    ],
                }
                for partner in partners
            ]
        )

    @staticmethod
    def bill(env, date_until):
        """OCA's own cron method, then posting of what it created."""
        env["contract.contract"].cron_recurring_create_invoice(date_until)
        drafts = env["account.move"].search(
            [
                ("state", "=", "draft"),
                ("invoice_line_ids.contract_line_id", "!=", False),
            ]
        )
        for ids in split_every(POST_CHUNK, drafts.ids):
            env["account.move"].browse(ids).action_post()

    @staticmethod
    def invoice_domain():
        return [
            ("move_type", "=", "out_invoice"),
            ("invoice_line_ids.contract_line_id", "!=", False),
        ]

    @staticmethod
    def billed_once(env):
        env.cr.execute(
            """
            SELECT count(*) FROM (
                SELECT cl.contract_id
                  FROM account_move_line aml
                  JOIN contract_line cl ON cl.id = aml.contract_line_id
                 GROUP BY cl.contract_id
                HAVING count(DISTINCT aml.move_id) = 1
            ) AS once
            """
        )
        return env.cr.fetchone()[0]

    @staticmethod
    def advanced(env, date_until):
        return env["contract.contract"].search_count(
            [("recurring_next_date", ">", date_until)]
        )


class Ours:
    """Our billing run (service_contract): every ORM call of our side is here,
    so a renamed field or method is adapted in this class alone."""

    name = "ours"
    modules = "service_contract"

    @staticmethod
    def addons_path():
        return f"{ODOO_ADDONS},{OUR_ADDONS}"

    @staticmethod
    def product_values(fee_method):
        return {"service_fee_method": fee_method}

    @staticmethod
    def partner_values():
        return {"service_is_customer": True}

    @staticmethod
    def create_contracts(env, partners, products, start):
        formula = env["service.formula"].search([("name", "=", "Hours x rate")])
        if not formula:
            formula = env["service.formula"].create(
                {
                    "name": "Hours x rate",
                    "expression": "hours * rate",
                    "input_names": "hours, rate",
                }
            )
        contracts = env["service.contract"].create(
            [
                {
                    "partner_id": partner.id,
                    "date_start": start,
                    "billing_period": "monthly",
                    "billing_mode": "advance",
                    "state": "active",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "quantity": quantity,
                                "price_unit": price_unit,
                                "tax_ids": [(6, 0, product.taxes_id.ids)],
                                "formula_id": formula.id
                                if fee_method == "formula"
                                else False,
                            },
                        )
                        for product, (_n, fee_method, quantity, price_unit) in zip(
                            products, SERVICES, strict=True
                        )
                    ],
                }
                for partner in partners
            ]
        )
        # one billed period (see the module docstring): inputs for it alone
        _n, _m, hours, rate = SERVICES[2]
        env["service.contract.input"].create(
            [
                {"line_id": line.id, "period_start": start, "name": name, "value": v}
                for line in contracts.line_ids.filtered("formula_id")
                for name, v in (("hours", hours), ("rate", rate))
            ]
        )

    @staticmethod
    def bill(env, date_until):
        """One billing run: it creates and posts the invoices itself."""
        env["service.billing.run"].create(
            {"company_id": env.company.id, "date_until": date_until}
        ).action_run()

    @staticmethod
    def invoice_domain():
        return [
            ("move_type", "=", "out_invoice"),
            ("service_contract_id", "!=", False),
        ]

    @staticmethod
    def billed_once(env):
        groups = env["account.move"]._read_group(
            Ours.invoice_domain(), ["service_contract_id"], ["__count"]
        )
        return sum(1 for _contract, count in groups if count == 1)

    @staticmethod
    def advanced(env, date_until):
        return env["service.contract"].search_count(
            [("next_billing_date", ">", date_until)]
        )


SIDES = {side.name: side for side in (Oca, Ours)}


# ----------------------------------------------------------------------------
# OCA wheels: downloaded once, unpacked into the cache, never pip-installed
# ----------------------------------------------------------------------------
def requirement_name(requirement):
    name = re.split(r"[\s;=<>!~(\[]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_requirements(metadata_file):
    """Requires-Dist entries of an unpacked wheel, extras left out."""
    metadata = email.parser.Parser().parsestr(metadata_file.read_text("utf-8"))
    return [
        requirement
        for requirement in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    ]


def cached_wheel(wheels_dir, requirement):
    """The wheel already downloaded for an exact pin (name==version), if any."""
    pinned = re.fullmatch(r"([\w.-]+)==([\w.]+)", requirement.replace(" ", ""))
    if not pinned:
        return None
    name = re.sub(r"[-_.]+", "_", pinned[1]).lower()
    return next(iter(wheels_dir.glob(f"{name}-{pinned[2]}-*.whl")), None)


def download_wheel(wheels_dir, requirement):
    """pip download, without dependencies, into the wheel cache."""
    with tempfile.TemporaryDirectory() as download:
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--no-deps"),
                *("--quiet", "--dest", download, requirement),
            ],
            check=True,
        )
        (wheel,) = Path(download).glob("*.whl")
        return Path(shutil.move(wheel, wheels_dir / wheel.name))


def oca_addons(requirement=OCA_REQUIREMENT):
    """<cache>/odoo/addons with an OCA addon (OCA's contract unless
    ``requirement`` names another wheel) and the OCA addons it requires.

    Unpacked into a temporary directory first and renamed into place when
    complete, so an interrupted run never leaves a half tree that later runs
    would trust."""
    target = CACHE / "oca-addons" / requirement.replace("==", "-")
    if not (target / "odoo" / "addons").is_dir():
        wheels_dir = CACHE / "oca-wheels"
        wheels_dir.mkdir(parents=True, exist_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        unpacked = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpacking-"))
        todo, seen = [requirement], set()
        while todo:
            requirement = todo.pop()
            if requirement_name(requirement) in seen:
                continue
            seen.add(requirement_name(requirement))
            wheel = cached_wheel(wheels_dir, requirement) or download_wheel(
                wheels_dir, requirement
            )
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(unpacked)
            (metadata,) = unpacked.glob(
                f"{wheel.name.split('-')[0]}-*.dist-info/METADATA"
            )
            todo += [
                dependency
                for dependency in wheel_requirements(metadata)
                if requirement_name(dependency).startswith("odoo-addon-")
            ]
        shutil.rmtree(target, ignore_errors=True)
        unpacked.chmod(0o755)  # mkdtemp makes it private
        unpacked.rename(target)
    missing = missing_python(target)
    if missing:
        print(
            f"OCA addons in {target} need Python packages that are not installed: "
            f"{', '.join(missing)}. Install them, or leave OCA out (--only ours).",
            file=sys.stderr,
        )
        sys.exit(EXIT_PYTHON_MISSING)
    return target / "odoo" / "addons"


def missing_python(unpacked):
    """Python requirements of the unpacked wheels and manifests not importable."""
    missing = []
    for metadata in unpacked.glob("*.dist-info/METADATA"):
        for requirement in wheel_requirements(metadata):
            name = requirement_name(requirement)
            if name == "odoo" or name.startswith("odoo-addon-"):
                continue
            try:
                importlib.metadata.distribution(name)
            except importlib.metadata.PackageNotFoundError:
                missing.append(requirement)
    for manifest in unpacked.glob("odoo/addons/*/__manifest__.py"):
        external = ast.literal_eval(manifest.read_text("utf-8")).get(
            "external_dependencies", {}
        )
        missing += [
            module
            for module in external.get("python", [])
            if importlib.util.find_spec(module) is None
        ]
    return sorted(set(missing))


# ----------------------------------------------------------------------------
# Phases, each in its own process
# ----------------------------------------------------------------------------
def dates():
    """(contract start, bill-until): first and last day of the previous month."""
    last_month_end = date.today().replace(day=1) - timedelta(days=1)
    return last_month_end.replace(day=1), last_month_end


def open_registry(db, addons_path):
    odoo.tools.config.parse_config(
        [
            *("-c", str(CONFIG), f"--addons-path={addons_path}"),
            *("-d", db, "--log-level=warn"),
        ]
    )
    return Registry(db)


def setup_data(side, db, addons_path, count):
    """The same company, chart, tax, services and customers on both sides."""
    registry = open_registry(db, addons_path)
    start, _until = dates()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, QUIET)
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company)
        assert company.chart_template, "no chart of accounts"
        assert not env["ir.module.module"].search_count([("demo", "=", True)])
        tax = env["account.tax"].create(
            {
                "name": f"Sales tax {TAX_RATE:g}%",
                "amount": TAX_RATE,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": company.id,
            }
        )
        products = env["product.product"].create(
            [
                {
                    "name": name,
                    "type": "service",
                    "list_price": price_unit,
                    "taxes_id": [(6, 0, tax.ids)],
                    **side.product_values(fee_method),
                }
                for name, fee_method, _q, price_unit in SERVICES
            ]
        )
        for first in range(0, count, SETUP_CHUNK):
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Customer {i:06d}",
                        "is_company": True,
                        **side.partner_values(),
                    }
                    for i in range(first, min(first + SETUP_CHUNK, count))
                ]
            )
            side.create_contracts(env, partners, products, start)
            # keep the setup's memory flat: nothing of a chunk is needed again
            env.flush_all()
            env.invalidate_all()
        cr.commit()


def bill(side, db, addons_path, count):
    """Time the billing, then check it; prints the side's result line."""
    registry = open_registry(db, addons_path)
    _start, until = dates()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        queries_before = cr.sql_log_count
        started = time.perf_counter()
        side.bill(env, until)
        cr.commit()
        seconds = time.perf_counter() - started
        queries = cr.sql_log_count - queries_before
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        env.invalidate_all()
        Move = env["account.move"]
        domain = side.invoice_domain()
        invoices = Move.search_count(domain)
        posted = Move.search_count([*domain, ("state", "=", "posted")])
        wrong = Move.search_count([*domain, ("amount_total", "!=", EXPECTED_TOTAL)])
        billed_once = side.billed_once(env)
        advanced = side.advanced(env, until)
        # a second run for the same date must find nothing left to bill
        side.bill(env, until)
        env.invalidate_all()
        rebilled = Move.search_count(domain) - invoices
        cr.rollback()

    result = {
        "side": side.name,
        "contracts": count,
        "invoices": invoices,
        "posted": posted,
        "billed_once": billed_once,
        "advanced": advanced,
        "rebilled": rebilled,
        "wrong_amounts": wrong,
        "seconds": f"{seconds:.2f}",
        "contracts_per_second": f"{count / seconds:.2f}",
        "queries_per_contract": f"{queries / count:.2f}",
        "peak_rss_mb": f"{peak_rss_mb:.0f}",
    }
    print(" ".join(f"{key}={result[key]}" for key in RESULT_KEYS), flush=True)


def child(phase, side, db, addons_path, count):
    """Run a phase of this script in a new process; returns its stdout."""
    command = [sys.executable, __file__, "--phase", phase, "--side", side.name]
    command += ["--db", db, "--addons-path", addons_path, "--contracts", str(count)]
    command += ["--oca-recurrence", "line" if Oca.line_recurrence else "header"]
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout


def parse_result(output):
    line = [line for line in output.splitlines() if line.startswith("side=")][-1]
    return dict(pair.split("=", 1) for pair in line.split())


def dropdb(db, check):
    # no NOTICE that a database to drop "does not exist": that is the usual case
    quiet = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    subprocess.run(["dropdb", "--if-exists", db], check=check, env=quiet)


def run_side(side, count, keep_db):
    """Fresh database, install, data, billing; returns the parsed result."""
    addons_path = side.addons_path()
    db = f"service_bench_billing_{side.name}_{os.getpid()}"
    dropdb(db, check=True)
    try:
        subprocess.run(
            [
                *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
                *(f"--addons-path={addons_path}", "-d", db, "-i", side.modules),
                *("--stop-after-init", "--log-level=warn"),
            ],
            check=True,
        )
        child("setup", side, db, addons_path, count)
        result = parse_result(child("bill", side, db, addons_path, count))
    finally:
        if keep_db:
            print(f"{side.name}: database {db} kept", file=sys.stderr)
        else:
            dropdb(db, check=False)
    return result


def describe(result):
    return (
        f"{result['side']:>4}: {result['contracts']} contracts, "
        f"{result['posted']}/{result['invoices']} invoices posted in "
        f"{result['seconds']} s = {result['contracts_per_second']} contracts/s, "
        f"{result['queries_per_contract']} queries/contract, peak RSS "
        f"{result['peak_rss_mb']} MB; billed exactly once: "
        f"{result['billed_once']}, next date moved on: {result['advanced']}, "
        f"billed again by a second run: "
        f"{result['rebilled']}, wrong totals: {result['wrong_amounts']}"
    )


# ----------------------------------------------------------------------------
# --workers: one run shared by several worker processes (issue 15)
# ----------------------------------------------------------------------------
def plan_run(db, addons_path, slice_size=None):
    """Create and plan (slice) the run, committed; prints its id."""
    registry = open_registry(db, addons_path)
    _start, until = dates()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        if slice_size:
            env["ir.config_parameter"].set_param(
                "service_contract.billing_slice_size", slice_size
            )
        run = env["service.billing.run"].create(
            {"company_id": env.company.id, "date_until": until}
        )
        run._plan_slices()
        cr.commit()
        print(f"run={run.id}", flush=True)


def work(db, addons_path):
    """A billing worker: ready once its registry is loaded, then bills
    slices until none is left (what the billing-worker cron job does)."""
    registry = open_registry(db, addons_path)
    print("READY", flush=True)
    sys.stdin.readline()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        env["service.billing.run"]._cron_work()
    print("DONE", flush=True)


def check_run(db, addons_path, count):
    """Prints what the shared run did."""
    registry = open_registry(db, addons_path)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        run = env["service.billing.run"].search([], limit=1, order="id desc")
        domain = Ours.invoice_domain()
        Move = env["account.move"]
        result = {
            "state": run.state,
            "invoices": Move.search_count(domain),
            "posted": Move.search_count([*domain, ("state", "=", "posted")]),
            "billed_once": Ours.billed_once(env),
            "contract_count": run.contract_count,
            "slice_workers": len(set(run.slice_ids.mapped("worker"))),
        }
        print(" ".join(f"{key}={value}" for key, value in result.items()), flush=True)


def run_workers(db, addons_path, count, workers, slice_size=None):
    """Plan one run, start ``workers`` processes, release them together;
    returns (seconds, check result)."""
    child_args = ["--db", db, "--addons-path", addons_path, "--contracts", str(count)]
    plan_args = ["--slice-size", str(slice_size)] if slice_size else []
    subprocess.run(
        [sys.executable, __file__, "--phase", "plan", *child_args, *plan_args],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "--phase", "work", *child_args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for __ in range(workers)
    ]
    for process in processes:
        assert process.stdout.readline().strip() == "READY"
    started = time.perf_counter()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        output, __ = process.communicate()
        assert process.returncode == 0 and "DONE" in output, output
    seconds = time.perf_counter() - started
    output = subprocess.run(
        [sys.executable, __file__, "--phase", "check", *child_args],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    line = output.strip().splitlines()[-1]
    return seconds, dict(pair.split("=", 1) for pair in line.split())


def main_workers(count, workers, keep_db, slice_size=None, also=()):
    """One fresh database with the data, copied for each measurement: the
    same run billed by one worker, then by ``workers`` workers (and by each
    count of ``also``, printed before the last line)."""
    addons_path = Ours.addons_path()
    base = f"service_bench_workers_{os.getpid()}"
    copies = []
    dropdb(base, check=True)
    try:
        subprocess.run(
            [
                *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
                *(f"--addons-path={addons_path}", "-d", base, "-i", Ours.modules),
                *("--stop-after-init", "--log-level=warn"),
            ],
            check=True,
        )
        child("setup", Ours, base, addons_path, count)
        rates, checks = {}, {}
        for number in sorted({1, workers, *also}):
            db = f"{base}_w{number}"
            copies.append(db)
            dropdb(db, check=True)
            subprocess.run(["createdb", "-T", base, db], check=True)
            seconds, result = run_workers(db, addons_path, count, number, slice_size)
            rates[number] = count / seconds
            checks[number] = result
            print(
                f"workers={number} contracts={count} seconds={seconds:.2f} "
                f"contracts_per_s={rates[number]:.2f} "
                + " ".join(f"{key}={value}" for key, value in result.items()),
                flush=True,
            )
    finally:
        for db in [*copies, base]:
            if keep_db:
                print(f"database {db} kept", file=sys.stderr)
            else:
                dropdb(db, check=False)
    once = all(
        result["state"] == "done"
        and int(result["billed_once"]) == count
        and int(result["invoices"]) == count
        and int(result["posted"]) == count
        for result in checks.values()
    )
    for number in sorted(set(also) - {1, workers}):
        print(f"speedup_w{number}={rates[number] / rates[1]:.2f}")
    print(
        f"speedup={rates[workers] / rates[1]:.2f} "
        f"billed_once={'yes' if once else 'no'} "
        f"contracts_per_s={rates[workers]:.2f}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contracts", type=int, default=1000)
    parser.add_argument("--only", choices=sorted(SIDES), help="run one side")
    parser.add_argument("--keep-db", action="store_true", help="keep the databases")
    parser.add_argument(
        "--workers",
        type=int,
        help="our side only: W processes bill one run, compared with one",
    )
    parser.add_argument(
        "--also-workers",
        type=int,
        action="append",
        default=[],
        help="with --workers: also time this many workers on another copy "
        "(one data setup for several measurements)",
    )
    parser.add_argument(
        "--slice-size", type=int, help="with --workers: contracts per slice"
    )
    parser.add_argument(
        "--oca-recurrence",
        choices=["line", "header"],
        default="line",
        help="OCA recurrence level (header: see the Oca class for its bug)",
    )
    # internal: one phase of one side, run by the parent in a child process
    parser.add_argument(
        "--phase",
        choices=["setup", "bill", "plan", "work", "check"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--side", choices=sorted(SIDES), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--addons-path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    Oca.line_recurrence = args.oca_recurrence == "line"

    if args.phase == "plan":
        plan_run(args.db, args.addons_path, args.slice_size)
        return
    if args.phase == "work":
        work(args.db, args.addons_path)
        return
    if args.phase == "check":
        check_run(args.db, args.addons_path, args.contracts)
        return
    if args.workers:
        main_workers(
            args.contracts,
            args.workers,
            args.keep_db,
            args.slice_size,
            also=args.also_workers,
        )
        return
    if args.phase:
        phase = setup_data if args.phase == "setup" else bill
        phase(SIDES[args.side], args.db, args.addons_path, args.contracts)
        return

    sides = [SIDES[args.only]] if args.only else [Oca, Ours]
    if (
        Ours in sides
        and not (OUR_ADDONS / "service_contract" / "__manifest__.py").exists()
    ):
        print("service_contract is not available yet", file=sys.stderr)
        sys.exit(EXIT_OURS_MISSING)
    results = {
        side.name: run_side(side, args.contracts, args.keep_db) for side in sides
    }
    for result in results.values():
        print(describe(result))
    for result in results.values():
        print(" ".join(f"{key}={result[key]}" for key in RESULT_KEYS))
    if args.only:
        return
    oca, ours = results["oca"], results["ours"]
    ratio = float(ours["contracts_per_second"]) / float(oca["contracts_per_second"])
    print(
        f"ratio={ratio:.2f} queries_per_contract={ours['queries_per_contract']} "
        f"peak_rss_mb={ours['peak_rss_mb']}"
    )


if __name__ == "__main__":
    main()
