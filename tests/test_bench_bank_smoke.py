"""The bank benchmark (tests/benchmarks/bench_bank.py) runs end to end on 50
invoices: fresh database, customers with mandates, the timed pain.008 order
(built, validated, posted) and the CAMT.053 import with matching, 95 % matched
by end-to-end id and 5 % left for review; OCA's side (its payment order
of the same invoices, confirmed, exported and uploaded) in its own fresh
database; and the result lines keep their shape. Speed is not asserted
here."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "tests" / "benchmarks" / "bench_bank.py"
INVOICES = 40
NUMBER = r"\d+(?:\.\d+)?"
SIDE_LINE = re.compile(
    rf"side=ours invoices=(?P<invoices>\d+) transactions=(?P<transactions>\d+)"
    rf" posted=(?P<posted>\d+) matched=(?P<matched>\d+) review=(?P<review>\d+)"
    rf" order_seconds={NUMBER} match_seconds={NUMBER} match_per_s={NUMBER}"
    rf" peak_rss_mb=\d+"
)
OCA_LINE = re.compile(
    rf"side=oca invoices=(?P<invoices>\d+) lines=(?P<lines>\d+) files=(?P<files>\d+)"
    rf" paid=(?P<paid>\d+) order_seconds={NUMBER} peak_rss_mb=\d+"
)
FINAL_LINE = re.compile(
    rf"ratio={NUMBER} order_seconds={NUMBER} match_per_s={NUMBER}"
    r" peak_rss_mb=\d+"
)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the benchmark makes its own database."""
    yield


def test_order_and_statement_round_trip():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--invoices", str(INVOICES)],
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert FINAL_LINE.fullmatch(lines[-1]), lines[-1]
    side = next(filter(None, map(SIDE_LINE.fullmatch, lines)), None)
    assert side, lines
    oca = next(filter(None, map(OCA_LINE.fullmatch, lines)), None)
    assert oca, lines
    oca_numbers = {key: int(value) for key, value in oca.groupdict().items()}
    # OCA collected the same invoices: one line each, one file, all paid
    assert oca_numbers == {
        "invoices": INVOICES,
        "lines": INVOICES,
        "files": 1,
        "paid": INVOICES,
    }
    numbers = {key: int(value) for key, value in side.groupdict().items()}
    assert numbers["transactions"] == INVOICES
    assert numbers["posted"] == INVOICES
    # every 20th line carries no end-to-end id: 5 % wait for review
    assert numbers["review"] == INVOICES // 20
    assert numbers["matched"] == INVOICES - INVOICES // 20
