#!/usr/bin/env python3
"""The customer portal under load (issue 15).

A fresh database (Odoo 19 CE, no demo data, ``service_contract`` and
``service_request`` with Odoo's invoicing portal) gets C portal customers
with R records each (``--records``, default 50: two fifths active contracts,
one fifth posted invoices, the rest requests). A prefork Odoo server
(``--workers 4``, no cron thread, a random loopback port) is started by this
script and always stopped by it. K simulated customers (threads, each with
its own plain HTTP session logged in through ``/web/login``) browse ``/my``,
``/my/contracts``, ``/my/invoices``, ``/my/requests`` and one of their
contract pages for S seconds, then stop::

    python3 tests/benchmarks/bench_portal.py --customers 1000 \
        --concurrency 20 --seconds 60

Every page counts (logins do not: a simulated customer signs in once, and
again as the next customer every few rounds). A page is an error unless it
answers 200 (a redirect to the login page is an error too).

Queries per page are counted by the server itself: Odoo writes, for every
HTTP request, the number of SQL queries it ran at the end of its access-log
line (``... "GET /my HTTP/1.1" 200 - <queries> <sql s> <other s>``); the
server logs at ``info`` into a file of its own that this script reads after
the run. ``queries_per_page`` is the mean over the five pages of each page's
median count (a page's first visit in a worker fills caches). Per-page medians
are printed before the last line; run with ``--records 10`` and ``--records
1000`` to see them equal whatever a customer has.

Last line: ``rps=<pages per second> p95_ms=<p> errors=<e> queries_per_page=<q>``.
"""

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import requests

import odoo
import odoo.release
from odoo import Command, api
from odoo.modules.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "odoo.conf"
ODOO_ADDONS = Path(odoo.release.__file__).resolve().parents[1] / "addons"
ADDONS_PATH = f"{ODOO_ADDONS},{ROOT / 'addons'}"
# the server runs from odoo-bin: a prefork server starts its websocket worker
# again from its own command line, which ``-m odoo`` cannot give it
ODOO_BIN = Path(odoo.release.__file__).resolve().parents[1] / "odoo-bin"
MODULES = "service_contract,service_request"
# the throw-away database's customers all sign in with it
PASSWORD = "portal-bench"
SERVER_WORKERS = 4
# customers created per batch during the setup: memory stays flat
SETUP_CHUNK = 100
# invoices posted per action_post() (Odoo's own auto-post job posts 100)
POST_CHUNK = 200
# a simulated customer signs in again, as the next customer, every so many rounds
ROUNDS_PER_LOGIN = 5
PAGES = ("/my", "/my/contracts", "/my/invoices", "/my/requests", "/my/contract")
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_notify_noemail": True,
    "service_audit_skip": True,
}
ACCESS_LINE = re.compile(
    r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<queries>\d+) [\d.]+ [\d.]+'
)


def log(message):
    print(message, file=sys.stderr, flush=True)


def split_records(records):
    """(contracts, invoices, requests) of one customer."""
    contracts = records * 2 // 5
    invoices = records // 5
    return contracts, invoices, records - contracts - invoices


def page_of(path):
    """The benchmark page an access-log path belongs to, or None."""
    path = path.split("?", 1)[0]
    if re.fullmatch(r"/my/contracts/\d+", path):
        return "/my/contract"
    return path if path in PAGES else None


# ----------------------------------------------------------------------------
# Setup (a process of its own: the server must not share its registry)
# ----------------------------------------------------------------------------
def open_registry(db):
    odoo.tools.config.parse_config(
        [
            *("-c", str(CONFIG), f"--addons-path={ADDONS_PATH}"),
            *("-d", db, "--log-level=warn"),
        ]
    )
    return Registry(db)


def setup(db, customers, records):
    n_contracts, n_invoices, n_requests = split_records(records)
    registry = open_registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, QUIET)
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company)
        product = env["product.product"].create(
            {
                "name": "Portal bench service",
                "type": "service",
                "service_fee_method": "per_unit",
                "list_price": 10,
                "taxes_id": False,
            }
        )
        admin = env.ref("base.user_admin")
        team = env["service.request.team"].create(
            {"name": "Bench team", "member_ids": [Command.set(admin.ids)]}
        )
        request_type = env["service.request.type"].create(
            {"name": "Bench request", "kind": "maintenance", "code": "BEN"}
        )
        request_type.team_id = team
        portal_group = env.ref("base.group_portal")
        # one password hash for every customer: hashing is slow on purpose
        password_hash = env["res.users"]._crypt_context().hash(PASSWORD)
        today = date.today()
        start = today.replace(day=1) - timedelta(days=1)
        start = start.replace(day=1)
        done = 0
        for first in range(0, customers, SETUP_CHUNK):
            numbers = range(first, min(first + SETUP_CHUNK, customers))
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Portal customer {i:06d}",
                        "is_company": True,
                        "service_is_customer": True,
                        "customer_rank": 1,
                        "company_id": company.id,
                    }
                    for i in numbers
                ]
            )
            contacts = env["res.partner"].create(
                [
                    {"name": f"Contact {i:06d}", "parent_id": partner.id}
                    for i, partner in zip(numbers, partners, strict=True)
                ]
            )
            users = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "login": f"portal{i:06d}",
                            "partner_id": contact.id,
                            "group_ids": [Command.set(portal_group.ids)],
                            "company_id": company.id,
                            "company_ids": [Command.set(company.ids)],
                        }
                        for i, contact in zip(numbers, contacts, strict=True)
                    ]
                )
            )
            env.flush_all()
            cr.execute(
                "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
                [password_hash, users.ids],
            )
            env["service.contract"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": start,
                        "state": "active",
                        "line_ids": [
                            Command.create({"product_id": product.id, "tax_ids": False})
                        ],
                    }
                    for partner in partners
                    for __ in range(n_contracts)
                ]
            )
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": today,
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Service", "price_unit": 10, "tax_ids": False}
                            )
                        ],
                    }
                    for partner in partners
                    for __ in range(n_invoices)
                ]
            )
            for offset in range(0, len(invoices), POST_CHUNK):
                invoices[offset : offset + POST_CHUNK].action_post()
            env["service.request"].create(
                [
                    {
                        "type_id": request_type.id,
                        "partner_id": partner.id,
                        "date_received": odoo.fields.Datetime.now(),
                    }
                    for partner in partners
                    for __ in range(n_requests)
                ]
            )
            env.flush_all()
            cr.commit()
            env.invalidate_all()
            done += len(numbers)
            log(f"setup: {done}/{customers} customers")
        print_customers(cr)


# ----------------------------------------------------------------------------
# Server
# ----------------------------------------------------------------------------
def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A prefork Odoo server on a random loopback port; always stopped."""

    def __init__(self, db, logfile):
        self.db = db
        self.logfile = logfile
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                *(sys.executable, str(ODOO_BIN), "-c", str(CONFIG)),
                *(f"--addons-path={ADDONS_PATH}", "-d", self.db),
                f"--db-filter=^{self.db}$",
                *("--workers", str(SERVER_WORKERS), "--max-cron-threads", "0"),
                *("--http-interface", "127.0.0.1", "--http-port", str(self.port)),
                *("--logfile", str(self.logfile), "--log-level", "info"),
                *("--limit-time-real", "600", "--limit-memory-soft", str(2**31)),
                *("--limit-memory-hard", str(2**32)),
            ],
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: see {self.logfile}")
            try:
                if requests.get(f"{self.url}/web/login", timeout=10).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the server did not answer in 180 s: see {self.logfile}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        # the master and its workers are this process group (our own children)
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        log(f"server on 127.0.0.1:{self.port} stopped")


# ----------------------------------------------------------------------------
# Load
# ----------------------------------------------------------------------------
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def login(url, login_name):
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=60)
    token = CSRF.search(page.text)
    if page.status_code != 200 or not token:
        raise RuntimeError(f"login page: {page.status_code}")
    answer = session.post(
        f"{url}/web/login",
        data={
            "login": login_name,
            "password": PASSWORD,
            "csrf_token": token.group(1),
            "redirect": "/my",
        },
        timeout=60,
        allow_redirects=False,
    )
    if answer.status_code != 303 and answer.status_code != 302:
        raise RuntimeError(f"login of {login_name}: {answer.status_code}")
    return session


class Load:
    def __init__(self, url, customers, concurrency, seconds):
        self.url = url
        self.customers = customers
        self.concurrency = concurrency
        self.seconds = seconds
        self.lock = threading.Lock()
        self.timings = []
        self.errors = []
        self.deadline = None

    def run(self):
        self.deadline = time.monotonic() + self.seconds
        threads = [
            threading.Thread(target=self.customer, args=(number,), daemon=True)
            for number in range(self.concurrency)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            # a page never takes longer than its timeout: bounded
            thread.join(self.seconds + 120)
        return time.monotonic() - started

    def customer(self, number):
        index = number
        while time.monotonic() < self.deadline:
            login_name, contract_id = self.customers[index % len(self.customers)]
            index += self.concurrency
            try:
                session = login(self.url, login_name)
            except (requests.RequestException, RuntimeError) as error:
                self.error(f"{login_name} /web/login: {error}")
                continue
            for __ in range(ROUNDS_PER_LOGIN):
                for page in PAGES:
                    if time.monotonic() >= self.deadline:
                        return
                    path = (
                        f"/my/contracts/{contract_id}"
                        if page == "/my/contract"
                        else page
                    )
                    self.browse(session, login_name, path)

    def visit_once(self, number):
        login_name, contract_id = self.customers[number % len(self.customers)]
        try:
            session = login(self.url, login_name)
        except (requests.RequestException, RuntimeError) as error:
            self.error(f"{login_name} /web/login: {error}")
            return
        for page in PAGES:
            path = f"/my/contracts/{contract_id}" if page == "/my/contract" else page
            self.browse(session, login_name, path)

    def browse(self, session, login_name, path):
        started = time.perf_counter()
        try:
            answer = session.get(f"{self.url}{path}", timeout=60, allow_redirects=False)
        except requests.RequestException as error:
            self.error(f"{login_name} {path}: {error}")
            return
        elapsed = time.perf_counter() - started
        if answer.status_code != 200:
            self.error(f"{login_name} {path}: HTTP {answer.status_code}")
            return
        with self.lock:
            self.timings.append(elapsed)

    def error(self, message):
        with self.lock:
            self.errors.append(message)


def queries_by_page(logfile, db):
    counts = {page: [] for page in PAGES}
    with open(logfile, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if f" {db} " not in line and " ? " not in line:
                continue
            match = ACCESS_LINE.search(line)
            if not match or match["status"] != "200":
                continue
            page = page_of(match["path"])
            if page:
                counts[page].append(int(match["queries"]))
    return counts


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# ----------------------------------------------------------------------------
def dropdb(db, check):
    quiet = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    subprocess.run(["dropdb", "--if-exists", db], check=check, env=quiet)


def list_customers(db):
    """Prints the customers of a prepared database and their first contract."""
    registry = open_registry(db)
    with registry.cursor() as cr:
        print_customers(cr)


def print_customers(cr):
    # the contract page of each customer: his first contract
    cr.execute(
        """
        SELECT u.login, MIN(c.id)
          FROM res_users u
          JOIN res_partner p ON p.id = u.partner_id
          JOIN service_contract c ON c.partner_id = p.parent_id
         WHERE u.login LIKE 'portal%%'
         GROUP BY u.login ORDER BY u.login
        """
    )
    for login, contract_id in cr.fetchall():
        print(f"customer {login} {contract_id}")


def prepare(args, db):
    """Installs and fills ``db``; returns the setup's output."""
    dropdb(db, check=True)
    started = time.monotonic()
    subprocess.run(
        [
            *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
            *(f"--addons-path={ADDONS_PATH}", "-d", db, "-i", MODULES),
            *("--stop-after-init", "--log-level=warn"),
        ],
        check=True,
    )
    log(f"installed in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    output = subprocess.run(
        [
            *(sys.executable, __file__, "--phase", "setup", "--db", db),
            *("--customers", str(args.customers), "--records", str(args.records)),
        ],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    log(f"setup in {time.monotonic() - started:.0f} s")
    return output


def main_run(args):
    db = args.prepared_db or args.db or f"service_bench_portal_{os.getpid()}"
    if args.prepare_only:
        prepare(args, db)
        log(f"database {db} prepared; measure with --prepared-db {db}")
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench_portal_"))
    logfile = workdir / "server.log"
    keep_db = args.keep_db or args.prepared_db
    try:
        if args.prepared_db:
            output = subprocess.run(
                [sys.executable, __file__, "--phase", "customers", "--db", db],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
        else:
            output = prepare(args, db)
        customers = [
            (login_name, int(contract_id))
            for _word, login_name, contract_id in (
                line.split()
                for line in output.splitlines()
                if line.startswith("customer ")
            )
        ]
        assert len(customers) == args.customers, output[-2000:]
        with Server(db, logfile) as server:
            # one visit of each page by as many customers as the server has
            # workers first: the workers' registries and caches are loaded,
            # as on a server that has been up a while
            warm = Load(server.url, customers, SERVER_WORKERS, 0)
            warm.deadline = float("inf")
            threads = [
                threading.Thread(target=warm.visit_once, args=(number,))
                for number in range(SERVER_WORKERS)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(600)
            if warm.errors:
                raise RuntimeError(f"warm-up: {warm.errors}")
            load = Load(server.url, customers, args.concurrency, args.seconds)
            elapsed = load.run()
        counts = queries_by_page(logfile, db)
        medians = {
            page: statistics.median(values) if values else 0
            for page, values in counts.items()
        }
        for page in PAGES:
            print(
                f"page={page} requests={len(counts[page])} "
                f"queries_median={medians[page]:g} "
                f"queries_max={max(counts[page], default=0)}"
            )
        for message in load.errors[:10]:
            log(f"error: {message}")
        rps = len(load.timings) / elapsed if elapsed else 0.0
        p95_ms = percentile(load.timings, 0.95) * 1000
        queries_per_page = statistics.mean(medians.values())
        print(
            f"customers={args.customers} records={args.records} "
            f"concurrency={args.concurrency} seconds={args.seconds} "
            f"pages={len(load.timings)} elapsed_s={elapsed:.1f} "
            f"server_workers={SERVER_WORKERS}"
        )
        print(
            f"rps={rps:.1f} p95_ms={p95_ms:.0f} errors={len(load.errors)} "
            f"queries_per_page={queries_per_page:.1f}",
            flush=True,
        )
    finally:
        if keep_db:
            log(f"database {db} and server log {logfile} kept")
        else:
            dropdb(db, check=False)
            logfile.unlink(missing_ok=True)
            workdir.rmdir()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--records", type=int, default=50, help="records per customer (default 50)"
    )
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--prepare-only",
        metavar="DB",
        dest="db_to_prepare",
        help="install and fill database DB, keep it, measure nothing (the "
        "setup of 1,000 customers takes a while: prepare once, measure later "
        "on a quiet machine with --prepared-db DB)",
    )
    parser.add_argument(
        "--prepared-db",
        metavar="DB",
        help="measure on database DB made by --prepare-only (with the same "
        "--customers), kept afterwards",
    )
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument(
        "--phase", choices=("setup", "customers"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.customers < 1 or args.concurrency < 1 or args.seconds <= 0:
        parser.error("--customers, --concurrency and --seconds must be positive")
    args.prepare_only = bool(args.db_to_prepare)
    if args.prepare_only:
        args.db = args.db_to_prepare
    if args.phase == "setup":
        setup(args.db, args.customers, args.records)
    elif args.phase == "customers":
        list_customers(args.db)
    else:
        main_run(args)


if __name__ == "__main__":
    main()
