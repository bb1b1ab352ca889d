"""The readings benchmark (tests/benchmarks/bench_readings.py) runs end to end
on 50 supply points: the setup, the timed import of 12 months of readings
from one CSV file (and a second import of the same file adding nothing), the
timed billing of one month through the billing run, the correctness checks
and the result line keep working. Speed is not asserted here."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "tests" / "benchmarks" / "bench_readings.py"
POINTS = 50
NUMBER = r"\d+(?:\.\d+)?"
CHECK_LINE = re.compile(
    r"points=(?P<points>\d+) readings=(?P<readings>\d+) imported=(?P<imported>\d+)"
    r" flagged=(?P<flagged>\d+) invoices=(?P<invoices>\d+)"
    r" wrong_amounts=(?P<wrong_amounts>\d+) reimported=(?P<reimported>\d+)"
)
FINAL_LINE = re.compile(
    rf"import_per_s={NUMBER} bill_per_s={NUMBER} queries_per_point={NUMBER}"
    r" peak_rss_mb=\d+"
)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the benchmark makes its own database."""
    yield


def test_readings_imported_once_and_every_point_billed_right():
    result = subprocess.run(
        [sys.executable, str(BENCH), "--points", str(POINTS)],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert FINAL_LINE.fullmatch(lines[-1]), lines[-1]
    check = CHECK_LINE.fullmatch(lines[-2])
    assert check, lines[-2]
    assert {key: int(value) for key, value in check.groupdict().items()} == {
        "points": POINTS,
        "readings": POINTS * 13,
        "imported": POINTS * 13,
        "flagged": 0,
        "invoices": POINTS,
        "wrong_amounts": 0,
        "reimported": 0,
    }
