# covers: BAS-02, COL-03
"""The demo logins hold exactly their role: the ``collector`` login is a
collector only, so the demo shows the collector's restrictions (Services/User
would lift them all: every customer, every round)."""

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

USERS_DEMO = (
    Path(__file__).resolve().parents[1]
    / "addons"
    / "service_suite"
    / "demo"
    / "res_users_demo.xml"
)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: this check needs no database."""
    yield


def demo_groups(login):
    for record in ET.parse(USERS_DEMO).getroot().iter("record"):
        fields = {field.get("name"): field for field in record.iter("field")}
        if fields.get("login") is not None and fields["login"].text == login:
            command = fields["group_ids"].get("eval")
            refs = ast.parse(command, mode="eval").body.elts[0].elts[2].elts
            return [ref.args[0].value for ref in refs]
    raise AssertionError(f"no demo user {login}")


def test_demo_collector_is_a_collector_only():
    assert demo_groups("collector") == ["service_base.group_service_collector"]


def test_demo_roles_hold_one_group_each():
    for login in ("manager", "supervisor", "agent", "collector"):
        assert len(demo_groups(login)) == 1, login
