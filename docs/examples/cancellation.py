#!/usr/bin/env python3
"""Record a customer's cancellation (disdetta) of a contract and follow it to
its approval, as an integrator does (a call-centre or CRM tool), over
XML-RPC or JSON-2 (CAN-01, CAN-02, API-01).

1. find the contract by its number and the reason by its name;
2. create the cancellation with the date the notice was received: it gets
   its number, the contract's notice period and the effective date computed
   from the contract's terms;
3. submit it for approval (``action_submit``);
4. a supervisor approves it (``action_approve``): billing stops at the
   effective date; the rest (credit note, final invoice) follows on that date.

The user recording it needs the *Services / User* group, the approver the
*Services / Supervisor* group. Against the demo of ``scripts/run``::

    python3 docs/examples/cancellation.py --url http://127.0.0.1:8069 \
        --db service_demo --login manager --password manager \
        --contract CTR/2026/00001 --reason "Price too high"

Only the Python standard library is used. The test suite runs the three
functions against a live server (addons/service_cancellation/tests/test_xmlrpc.py).
"""

import argparse
import datetime
import json
import urllib.request
import xmlrpc.client

READ_FIELDS = [
    "name",
    "state",
    "contract_id",
    "reason_id",
    "date_received",
    "notice_days",
    "date_effective",
    "amount_monthly",
    "approval_state",
]


def _connect(url, db, login, password):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit("login refused: check --db, --login and --password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    return call


def request_cancellation_xmlrpc(
    url, db, login, password, contract_number, reason_name, received, note=""
):
    """Create and submit a cancellation; returns it as read back."""
    call = _connect(url, db, login, password)
    contract_ids = call("service.contract", "search", [("name", "=", contract_number)])
    if not contract_ids:
        raise SystemExit(f"no contract numbered {contract_number}")
    reason_ids = call(
        "service.cancellation.reason", "search", [("name", "=", reason_name)]
    )
    if not reason_ids:
        raise SystemExit(f"no cancellation reason named {reason_name}")
    cancellation_id = call(
        "service.cancellation",
        "create",
        {
            "contract_id": contract_ids[0],
            "reason_id": reason_ids[0],
            "date_received": received,
            "reason_note": note,
        },
    )
    call("service.cancellation", "action_submit", [cancellation_id])
    [cancellation] = call(
        "service.cancellation", "read", [cancellation_id], fields=READ_FIELDS
    )
    return cancellation


def approve_cancellation_xmlrpc(url, db, login, password, cancellation_id):
    """Approve a cancellation waiting for approval (a supervisor's login)."""
    call = _connect(url, db, login, password)
    call("service.cancellation", "action_approve", [cancellation_id])
    [cancellation] = call(
        "service.cancellation", "read", [cancellation_id], fields=READ_FIELDS
    )
    return cancellation


def request_cancellation_json2(
    url, db, api_key, contract_number, reason_name, received, note=""
):
    """The same as ``request_cancellation_xmlrpc`` over JSON-2, with an API
    key instead of a password."""

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

    contract_ids = call(
        "service.contract", "search", domain=[["name", "=", contract_number]]
    )
    if not contract_ids:
        raise SystemExit(f"no contract numbered {contract_number}")
    reason_ids = call(
        "service.cancellation.reason", "search", domain=[["name", "=", reason_name]]
    )
    if not reason_ids:
        raise SystemExit(f"no cancellation reason named {reason_name}")
    [cancellation_id] = call(
        "service.cancellation",
        "create",
        vals_list=[
            {
                "contract_id": contract_ids[0],
                "reason_id": reason_ids[0],
                "date_received": received,
                "reason_note": note,
            }
        ],
    )
    call("service.cancellation", "action_submit", ids=[cancellation_id])
    [cancellation] = call(
        "service.cancellation", "read", ids=[cancellation_id], fields=READ_FIELDS
    )
    return cancellation


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="service_demo")
    parser.add_argument("--login", default="manager")
    parser.add_argument("--password", default="manager")
    parser.add_argument("--contract", required=True, help="contract number")
    parser.add_argument("--reason", default="Price too high")
    parser.add_argument("--received", default=None, help="YYYY-MM-DD; today if empty")
    parser.add_argument("--note", default="")
    args = parser.parse_args(argv)
    received = args.received or datetime.date.today().isoformat()
    cancellation = request_cancellation_xmlrpc(
        args.url,
        args.db,
        args.login,
        args.password,
        args.contract,
        args.reason,
        received,
        args.note,
    )
    print(json.dumps(cancellation, indent=2, default=str))
    return cancellation


if __name__ == "__main__":
    main()
