"""The dunning benchmark (tests/benchmarks/bench_dunning.py) runs end to end
on 10 customers: OCA's account_credit_control wheel, the shared data, both
runs, one communication per customer on each side, our rerun sending
nothing, and the result line. Speed is not asserted here."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "tests" / "benchmarks" / "bench_dunning.py"
CUSTOMERS = 10
NUMBER = r"\d+(?:\.\d+)?"
FINAL_LINE = re.compile(
    rf"ratio={NUMBER} queries_per_customer={NUMBER} peak_rss_mb=\d+"
)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the benchmark makes its own database."""
    yield


def test_both_sides_remind_each_customer_once():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--customers", str(CUSTOMERS)],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    print(result.stdout)
    lines = result.stdout.strip().splitlines()
    assert FINAL_LINE.fullmatch(lines[-1]), lines[-1]
    sides = {}
    for line in lines:
        if line.startswith("side="):
            values = dict(pair.split("=", 1) for pair in line.split())
            sides[values["side"]] = values
    assert set(sides) == {"ours", "oca"}, lines
    ours, oca = sides["ours"], sides["oca"]
    # ours: one communication per customer (his highest level), 5 items each
    assert int(ours["communications"]) == CUSTOMERS
    assert int(ours["items"]) == 5 * CUSTOMERS
    assert int(ours["mails"]) == CUSTOMERS
    assert int(ours["rerun"]) == 0
    # OCA: one credit line per overdue item past its first level
    assert int(oca["items"]) == 5 * CUSTOMERS
    assert int(oca["communications"]) >= CUSTOMERS
