"""The portal load benchmark (bench_portal.py) runs end to end at small scale
(issue 15): a fresh database with a few portal customers, a prefork server
started and stopped by the script, simulated customers browsing every page for
a few seconds without an error, and the result line. Speed is not asserted
here (docs/benchmarks.md has the figures)."""

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "tests" / "benchmarks" / "bench_portal.py"
NUMBER = r"\d+(?:\.\d+)?"
FINAL_LINE = re.compile(
    rf"rps=(?P<rps>{NUMBER}) p95_ms=(?P<p95>{NUMBER}) errors=(?P<errors>\d+)"
    rf" queries_per_page=(?P<queries>{NUMBER})"
)
PAGES = ("/my", "/my/contracts", "/my/invoices", "/my/requests", "/my/contract")


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the benchmark makes its own database."""
    yield


def test_customers_browse_the_portal_without_errors():
    result = subprocess.run(
        [
            *(sys.executable, str(BENCH), "--customers", "3", "--records", "10"),
            *("--concurrency", "2", "--seconds", "10"),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    match = FINAL_LINE.fullmatch(lines[-1])
    assert match, lines[-1]
    assert int(match["errors"]) == 0, result.stderr[-3000:]
    assert float(match["rps"]) > 0
    assert float(match["queries"]) > 0
    pages = {
        values["page"]: values
        for values in (
            dict(pair.split("=", 1) for pair in line.split())
            for line in lines
            if line.startswith("page=")
        )
    }
    assert set(pages) == set(PAGES), lines
    for page, values in pages.items():
        # the server counted the queries of every page it answered
        assert int(values["requests"]) > 0, page
        assert float(values["queries_median"]) > 0, page
    # the server was stopped by the script: nothing listens on its port
    port = int(re.search(r"server on 127.0.0.1:(\d+) stopped", result.stderr)[1])
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))
