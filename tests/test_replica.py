"""Reads on a real streaming replica (issue 15): scripts/cluster starts a
PostgreSQL primary, a replica made with pg_basebackup -R on another port and
an Odoo node with --db_replica_host/--db_replica_port; a read-only route is
answered from the replica, which refuses writes, while a write still goes to
the primary. Everything is stopped at the end.

The cluster's database is a copy of the Odoo test database
(--odoo-database), or of $SERVICE_REPLICA_SOURCE_DB, default service_template;
its admin logs in with the password admin."""

import json
import os
import signal
import subprocess
import time
import urllib.request
import xmlrpc.client
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = ROOT / "scripts" / "cluster"
PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1:]
PRIMARY_PORT, REPLICA_PORT, NODE_PORT = 55442, 55443, 18169
DB = "service_replica_test"


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the cluster has its own database."""
    yield


def source_db():
    try:
        from odoo.tools import config  # noqa: PLC0415

        name = config["db_name"]
        if isinstance(name, list):
            name = name[0] if name else None
    except (ImportError, KeyError):
        name = None
    return os.environ.get("SERVICE_REPLICA_SOURCE_DB") or name or "service_template"


def psql(port, sql, check=True):
    command = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    command += [str(PG_BIN[0] / "psql"), "-h", "127.0.0.1", "-p", str(port)]
    command += ["-U", "postgres", "-d", DB, "-Atc", sql]
    return subprocess.run(
        command, capture_output=True, text=True, check=check, timeout=60
    )


@pytest.fixture(scope="module")
def cluster():
    if not PG_BIN:
        pytest.fail("PostgreSQL binaries not found under /usr/lib/postgresql")
    env = dict(
        os.environ,
        # not under pytest's private temporary directory: PostgreSQL runs as
        # postgres and must reach its data directories
        CLUSTER_DIR="/tmp/service-replica-test",
        PRIMARY_PORT=str(PRIMARY_PORT),
        REPLICA_PORT=str(REPLICA_PORT),
        NODE1_PORT=str(NODE_PORT),
    )
    process = subprocess.Popen(
        [
            str(CLUSTER),
            *("--from-db", source_db(), "--db", DB),
            *("--nodes", "1", "--workers", "2", "--cron-threads", "0"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output = []
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        if "cluster up" in line:
            break
    try:
        assert "cluster up" in "".join(output), "".join(output[-40:])
        yield
    finally:
        # scripts/cluster stops every member on SIGINT (its trap)
        os.killpg(process.pid, signal.SIGINT)
        process.communicate(timeout=120)
        assert psql(PRIMARY_PORT, "SELECT 1", check=False).returncode != 0


def session_opener():
    cookies = urllib.request.HTTPCookieProcessor(CookieJar())
    opener = urllib.request.build_opener(cookies)
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "params": {"db": DB, "login": "admin", "password": "admin"},
        }
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{NODE_PORT}/web/session/authenticate",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    answer = json.load(opener.open(request, timeout=60))
    assert answer.get("result", {}).get("uid"), answer
    return opener


def test_readonly_route_served_by_the_replica_which_refuses_writes(cluster):
    # the replica is a hot standby streaming from the primary
    assert psql(REPLICA_PORT, "SELECT pg_is_in_recovery()").stdout.strip() == "t"
    streaming = psql(
        PRIMARY_PORT,
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'",
    )
    assert streaming.stdout.strip() == "1"
    # and refuses writes
    refused = psql(
        REPLICA_PORT, "UPDATE res_users SET active = active WHERE id = 2", check=False
    )
    assert refused.returncode != 0
    assert "read-only transaction" in refused.stderr
    opener = session_opener()
    # a read-only route (Odoo's menus, readonly=True): answered from the replica
    menus = opener.open(
        f"http://127.0.0.1:{NODE_PORT}/web/webclient/load_menus", timeout=60
    )
    assert menus.status == 200
    assert json.load(menus), "menus answered"
    on_replica = psql(
        REPLICA_PORT,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND query ILIKE '%ir_ui_menu%'",
    )
    assert int(on_replica.stdout.strip()) >= 1, "the menus were read on the replica"


def test_write_goes_to_the_primary_and_streams_to_the_replica(cluster):
    url = f"http://127.0.0.1:{NODE_PORT}"
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
        DB, "admin", "admin", {}
    )
    assert uid
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
    partner_id = models.execute_kw(
        DB, uid, "admin", "res.partner", "create", [{"name": "Written on the primary"}]
    )
    select = f"SELECT name FROM res_partner WHERE id = {int(partner_id)}"  # noqa: S608
    on_primary = psql(PRIMARY_PORT, select)
    assert on_primary.stdout.strip() == "Written on the primary"
    for __ in range(30):
        replica = psql(REPLICA_PORT, select)
        if replica.stdout.strip():
            break
        time.sleep(1)
    assert replica.stdout.strip() == "Written on the primary"
