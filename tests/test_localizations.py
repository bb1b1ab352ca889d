# covers: BAS-01, BAS-05
"""Every localization of the suite's countries installs from a company's
country: creating a company in Italy, Czechia, Saudi Arabia, the UAE,
Bahrain, Egypt or Ukraine makes Odoo install that country's accounting on
the spot (``res.company.install_l10n_modules``, then the chart), as it does
in Settings. It failed for Czechia while ``phonenumbers`` (account_peppol)
was missing from requirements.txt.

Slow (one real install per country), so it builds its own database once:
accounting without demo data, then one company per country
created through the ORM outside a test transaction (an ``odoo shell``
script), exactly the code path of Settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# country: (currency of its chart)
COUNTRIES = {
    "IT": "EUR",
    "CZ": "CZK",
    "SA": "SAR",
    "AE": "AED",
    "BH": "BHD",
    "EG": "EGP",
    "UA": "UAH",
}
SCRIPT = """
import json
from odoo import api, SUPERUSER_ID

for code in %(countries)r:
    env = api.Environment(env.cr, SUPERUSER_ID, {})
    country = env["res.country"].search([("code", "=", code)])
    company = env["res.company"].create(
        {"name": "Localization test " + code, "country_id": country.id}
    )
    env.cr.commit()  # the chart is loaded when the company's creation commits
    env = api.Environment(env.cr, SUPERUSER_ID, {})
    company = env["res.company"].browse(company.id)
    module = env["account.chart.template"]._get_chart_template_mapping()[
        company.chart_template
    ]["module"] if company.chart_template else None
    print("RESULT " + json.dumps({
        "country": code,
        "chart_template": company.chart_template,
        "guessed": env["account.chart.template"]._guess_chart_template(country),
        "module_state": env["ir.module.module"].search(
            [("name", "=", module)]).state if module else None,
        "currency": company.currency_id.name,
        "accounts": env["account.account"].search_count(
            [("company_ids", "in", company.id)]),
        "taxes": env["account.tax"].search_count([("company_id", "=", company.id)]),
        "journal_codes": env["account.journal"].search(
            [("company_id", "=", company.id)]).mapped("code"),
    }), flush=True)
"""


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: this test makes its own database."""
    yield


def odoo(command, *args, **kwargs):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            command,
            "-c",
            str(ROOT / "odoo.conf"),
            f"--addons-path={ROOT / 'addons'}",
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


@pytest.fixture(scope="module")
def results():
    database = f"service_l10n_{os.getpid()}"
    subprocess.run(["dropdb", "--if-exists", database], check=True)
    try:
        installed = odoo(
            "server",
            "-d",
            database,
            "-i",
            "account",
            "--without-demo",
            "--stop-after-init",
            "--log-level=warn",
            timeout=1800,
        )
        assert installed.returncode == 0, installed.stderr[-3000:]
        shell = odoo(
            "shell",
            "-d",
            database,
            "--no-http",
            "--log-level=warn",
            input=SCRIPT % {"countries": list(COUNTRIES)},
            timeout=3600,
        )
        lines = [
            json.loads(line.removeprefix("RESULT "))
            for line in shell.stdout.splitlines()
            if line.startswith("RESULT ")
        ]
        assert len(lines) == len(COUNTRIES), (shell.stdout + shell.stderr)[-5000:]
        return {line["country"]: line for line in lines}
    finally:
        subprocess.run(["dropdb", "--if-exists", database], check=False)
        filestore = Path.home() / ".local/share/Odoo/filestore" / database
        subprocess.run(["rm", "-rf", str(filestore)], check=False)


@pytest.mark.parametrize("country", list(COUNTRIES))
def test_company_of_the_country_gets_its_chart(results, country):
    result = results[country]
    assert result["chart_template"] == result["guessed"], result
    assert result["chart_template"] not in (None, False, "generic_coa"), result
    assert result["module_state"] == "installed", result
    assert result["currency"] == COUNTRIES[country], result
    assert result["accounts"] > 20, result
    assert result["taxes"] > 0, result
    assert all(code.isascii() for code in result["journal_codes"]), result
