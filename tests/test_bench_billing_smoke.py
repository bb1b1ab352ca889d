"""The billing benchmark (tests/benchmarks/bench_billing.py) runs end to end
on 100 contracts, both sides (OCA contract and our billing run): the wheel
download, the shared data setup, the timed billing, the correctness checks of
each side and the result line keep working. Speed is not asserted here."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "tests" / "benchmarks" / "bench_billing.py"
CONTRACTS = 100
NUMBER = r"\d+(?:\.\d+)?"
SIDE_LINE = re.compile(
    rf"side=(?P<side>oca|ours) contracts=(?P<contracts>\d+) invoices=(?P<invoices>\d+)"
    rf" posted=(?P<posted>\d+) billed_once=(?P<billed_once>\d+)"
    rf" advanced=(?P<advanced>\d+) rebilled=(?P<rebilled>\d+)"
    rf" wrong_amounts=(?P<wrong_amounts>\d+) seconds={NUMBER}"
    rf" contracts_per_second={NUMBER} queries_per_contract={NUMBER}"
    rf" peak_rss_mb=\d+"
)
# the last line of a run of both sides
FINAL_LINE = re.compile(
    rf"ratio={NUMBER} queries_per_contract={NUMBER} peak_rss_mb=\d+"
)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the benchmark makes its own databases."""
    yield


def side_result(line):
    match = SIDE_LINE.fullmatch(line)
    assert match, f"not a benchmark result line: {line!r}"
    return {
        key: int(value) if value.isdigit() else value
        for key, value in match.groupdict().items()
    }


def test_both_sides_bill_each_contract_once():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--contracts", str(CONTRACTS)],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert FINAL_LINE.fullmatch(lines[-1]), lines[-1]
    sides = {
        side["side"]: side
        for side in (side_result(line) for line in lines if line.startswith("side="))
    }
    assert set(sides) == {"oca", "ours"}, lines
    for name, side in sides.items():
        side.pop("side")
        assert side == {
            "contracts": CONTRACTS,
            "invoices": CONTRACTS,
            "posted": CONTRACTS,
            "billed_once": CONTRACTS,
            "advanced": CONTRACTS,
            "rebilled": 0,
            "wrong_amounts": 0,
        }, name
