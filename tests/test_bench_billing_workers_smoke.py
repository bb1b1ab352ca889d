"""The shared-run billing benchmark (bench_billing.py --workers) runs end to
end at small scale (issue 15): one fresh database copied for one worker and
for two, both runs finished, every contract billed exactly once, and the
result line. Speed is not asserted here (docs/benchmarks.md has the figures)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "tests" / "benchmarks" / "bench_billing.py"
CONTRACTS = 60
NUMBER = r"\d+(?:\.\d+)?"
FINAL_LINE = re.compile(
    rf"speedup=(?P<speedup>{NUMBER}) billed_once=(?P<once>yes|no)"
    rf" contracts_per_s=(?P<rate>{NUMBER})"
)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: the benchmark makes its own databases."""
    yield


def test_two_workers_bill_one_run_exactly_once():
    result = subprocess.run(
        [
            *(sys.executable, str(BENCH), "--contracts", str(CONTRACTS)),
            *("--workers", "2", "--slice-size", "10"),
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
    assert match["once"] == "yes", lines
    runs = [line for line in lines if line.startswith("workers=")]
    assert len(runs) == 2, lines
    for line in runs:
        values = dict(pair.split("=", 1) for pair in line.split())
        assert values["state"] == "done", line
        assert int(values["billed_once"]) == CONTRACTS, line
        assert int(values["contract_count"]) == CONTRACTS, line
    assert runs[0].startswith("workers=1 ") and runs[1].startswith("workers=2 ")
    assert "slice_workers=2" in runs[1].split(), "both processes took slices"
