"""The README's two commands stop at once, with directions, without Odoo."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: these checks need no Odoo database."""
    yield


@pytest.fixture
def python_without_odoo(tmp_path):
    """A `python3` first on PATH that cannot import Odoo (no site-packages)."""
    wrapper = tmp_path / "python3"
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -S "$@"\n')
    wrapper.chmod(0o755)
    env = dict(os.environ, PATH=f"{tmp_path}:{os.environ['PATH']}")
    env.pop("PYTHONPATH", None)
    return env


@pytest.mark.parametrize("command", ["scripts/run", "scripts/test"])
def test_commands_stop_with_directions_when_odoo_is_missing(
    command, python_without_odoo
):
    result = subprocess.run(
        [str(ROOT / command)],
        env=python_without_odoo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Odoo 19.0 Community is not importable" in result.stderr
    assert "odoo.com/documentation/19.0" in result.stderr
    assert "docker compose up" in result.stderr
