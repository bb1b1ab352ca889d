#!/usr/bin/env python3
"""Read a sales agent's commission settlements and their lines, as the agent
(or his own tool) does, over XML-RPC or JSON-2 (AGT-03, API-01).

1. log in as the agent (a user of the *Services / Sales Agent* group linked to
   the agent's contact): the record rules show him only his own settlements;
2. find his settlements of a period (``date_to`` within it), optionally in a
   given state (``draft``, ``reviewed``, ``invoiced``);
3. read them with their lines: kind (commission, fixed, clawback), contract,
   base amount, rate and commission.

Against the demo of ``scripts/run``::

    python3 docs/examples/commission.py --url http://127.0.0.1:8069 \
        --db service_demo --login agent --password agent \
        --date-from 2026-11-01 --date-to 2026-11-30

Only the Python standard library is used. The test suite runs both functions
against a live server (addons/service_commission/tests/test_xmlrpc.py).
"""

import argparse
import json
import urllib.request
import xmlrpc.client

SETTLEMENT_FIELDS = [
    "name",
    "agent_id",
    "date_from",
    "date_to",
    "state",
    "amount_commission",
    "amount_clawback",
    "amount_total",
    "line_ids",
]
LINE_FIELDS = ["kind", "name", "contract_id", "base_amount", "rate", "amount"]


def _domain(date_from, date_to, state):
    domain = [["date_to", ">=", date_from], ["date_to", "<=", date_to]]
    if state:
        domain.append(["state", "=", state])
    return domain


def read_settlements_xmlrpc(url, db, login, password, date_from, date_to, state=None):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit("login refused: check --db, --login and --password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    settlements = call(
        "service.commission.settlement",
        "search_read",
        _domain(date_from, date_to, state),
        fields=SETTLEMENT_FIELDS,
        order="date_to, id",
    )
    for settlement in settlements:
        settlement["lines"] = call(
            "service.commission.settlement.line",
            "read",
            settlement.pop("line_ids"),
            fields=LINE_FIELDS,
        )
    return settlements


def read_settlements_json2(url, db, api_key, date_from, date_to, state=None):
    def call(model, method, **body):
        http_request = urllib.request.Request(
            f"{url}/json/2/{model}/{method}",
            data=json.dumps(body).encode(),
            headers={
                "Authorization": f"bearer {api_key}",
                "X-Odoo-Database": db,
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(http_request) as response:
            return json.load(response)

    settlements = call(
        "service.commission.settlement",
        "search_read",
        domain=_domain(date_from, date_to, state),
        fields=SETTLEMENT_FIELDS,
        order="date_to, id",
    )
    for settlement in settlements:
        settlement["lines"] = call(
            "service.commission.settlement.line",
            "read",
            ids=settlement.pop("line_ids"),
            fields=LINE_FIELDS,
        )
    return settlements


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="service_demo")
    parser.add_argument("--login", default="agent")
    parser.add_argument("--password", default="agent")
    parser.add_argument("--date-from", required=True, help="YYYY-MM-DD")
    parser.add_argument("--date-to", required=True, help="YYYY-MM-DD")
    parser.add_argument("--state", choices=["draft", "reviewed", "invoiced"])
    args = parser.parse_args(argv)
    settlements = read_settlements_xmlrpc(
        args.url,
        args.db,
        args.login,
        args.password,
        args.date_from,
        args.date_to,
        args.state,
    )
    print(json.dumps(settlements, indent=2, default=str))
    return settlements


if __name__ == "__main__":
    main()
