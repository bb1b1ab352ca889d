"""Repository-wide pytest hooks.

A tour that cannot start Chrome is *skipped* by Odoo, and the run stays green
while proving nothing: every skip is turned into a failure here.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"skipped tests are not allowed here: {reason}"
