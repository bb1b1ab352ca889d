#!/usr/bin/env python3
"""Run dunning and read a customer's credit situation over XML-RPC
(DUN-02, DUN-05, RPT-03), as a credit-management tool or a CRM does.

1. ``run_dunning``: an accountant (group *Invoicing / Billing*) creates a
   ``service.dunning.run`` for today and calls ``action_run``: one
   communication per customer and level; rerunning the same day sends
   nothing. The run's counts and communications are returned;
2. ``credit_situation``: balance, overdue, credit limit, days sales
   outstanding, ageing buckets, dunning level and open instalment plan of
   one customer (``res.partner.action_service_credit_situation``).

Against the demo of ``scripts/run``::

    python3 docs/examples/dunning.py --url http://127.0.0.1:8069 \
        --db service_demo --login accountant --password accountant \
        --customer-id 7

Only the Python standard library is used. The test suite runs both functions
against a live server (addons/service_dunning/tests/test_access.py).
"""

import argparse
import xmlrpc.client

RUN_FIELDS = ["name", "state", "communication_count", "fallback_count", "skipped_count"]
COMMUNICATION_FIELDS = [
    "partner_id",
    "level_id",
    "amount_overdue",
    "amount_words",
    "fee_amount",
    "interest_amount",
    "send_email",
    "send_letter",
    "fallback_letter",
    "state",
]


def _connect(url, db, login, password):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit("login refused: check --db, --login and --password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    return call


def run_dunning(url, db, login, password, date=None):
    """Run dunning now; returns the run and its communications."""
    call = _connect(url, db, login, password)
    values = {"date": date} if date else {}
    try:
        run_id = call("service.dunning.run", "create", [values])[0]
        call("service.dunning.run", "action_run", [run_id])
    except xmlrpc.client.Fault as fault:
        raise SystemExit(f"dunning refused: {fault.faultString}") from fault
    run = call("service.dunning.run", "read", [run_id], fields=RUN_FIELDS)[0]
    run["communications"] = call(
        "service.dunning.communication",
        "search_read",
        [("run_id", "=", run_id)],
        fields=COMMUNICATION_FIELDS,
    )
    return run


def credit_situation(url, db, login, password, customer_id):
    """Balance, overdue, limit, DSO and ageing of one customer."""
    call = _connect(url, db, login, password)
    try:
        return call("res.partner", "action_service_credit_situation", [customer_id])
    except xmlrpc.client.Fault as fault:
        raise SystemExit(f"credit situation refused: {fault.faultString}") from fault


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--customer-id", type=int)
    args = parser.parse_args()
    run = run_dunning(args.url, args.db, args.login, args.password)
    print(f"{run['name']}: {run['communication_count']} communication(s)")
    for communication in run["communications"]:
        print(
            f"  {communication['partner_id'][1]}: {communication['level_id'][1]}, "
            f"{communication['amount_overdue']} ({communication['amount_words']})"
        )
    if args.customer_id:
        print(
            credit_situation(
                args.url, args.db, args.login, args.password, args.customer_id
            )
        )


if __name__ == "__main__":
    main()
