#!/usr/bin/env python3
"""Record what a collector collected on his round and hand it over to the
cashier, over XML-RPC (COL-03, COL-04), as a collection app on a phone or a
route-planning tool does.

1. ``record_collection``: the collector (group *Collection / Collector*) finds
   his round line for a customer and records the cash and the cheques
   (bank, number, amount, maturity date) he collected;
2. ``hand_over``: the cashier (group *Services / User*) takes the round over:
   the cash is posted to the collection cash journal, the cheques to cheques
   received, the invoices are reconciled oldest first and the differences
   (short / over) are on the round.

Against the demo of ``scripts/run``::

    python3 docs/examples/collection.py --url http://127.0.0.1:8069 \
        --db service_demo --login collector --password collector \
        --round-id 1 --customer-id 7 --cash 120 \
        --cashier-login manager --cashier-password manager

Only the Python standard library is used. The test suite runs both functions
against a live server (addons/service_collection/tests/test_xmlrpc.py).
"""

import argparse
import xmlrpc.client

LINE_FIELDS = [
    "partner_id",
    "amount_expected",
    "amount_cash",
    "amount_cheque",
    "amount_collected",
    "amount_difference",
    "difference_kind",
]
ROUND_FIELDS = [
    "name",
    "state",
    "amount_expected",
    "amount_collected",
    "amount_difference",
    "cash_handed_over",
    "cash_difference",
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


def record_collection(
    url, db, login, password, round_id, customer_id, cash, cheques=()
):
    """``cheques``: dicts with bank_name, number, amount, date_maturity."""
    call = _connect(url, db, login, password)
    line_ids = call(
        "service.collection.round.line",
        "search",
        [("round_id", "=", round_id), ("partner_id", "=", customer_id)],
    )
    if not line_ids:
        raise SystemExit(f"customer {customer_id} is not on round {round_id}")
    call(
        "service.collection.round.line",
        "write",
        line_ids,
        {
            "amount_cash": cash,
            "cheque_ids": [
                (0, 0, dict(cheque, partner_id=customer_id)) for cheque in cheques
            ],
        },
    )
    [line] = call("service.collection.round.line", "read", line_ids, LINE_FIELDS)
    return line


def hand_over(url, db, login, password, round_id, cash_counted=None):
    call = _connect(url, db, login, password)
    if cash_counted is not None:
        call(
            "service.collection.round",
            "write",
            [round_id],
            {"cash_handed_over": cash_counted},
        )
    call("service.collection.round", "action_handover", [round_id])
    [round_] = call("service.collection.round", "read", [round_id], ROUND_FIELDS)
    return round_


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--round-id", type=int, required=True)
    parser.add_argument("--customer-id", type=int, required=True)
    parser.add_argument("--cash", type=float, default=0.0)
    parser.add_argument("--cashier-login")
    parser.add_argument("--cashier-password")
    args = parser.parse_args()
    print(
        record_collection(
            args.url,
            args.db,
            args.login,
            args.password,
            args.round_id,
            args.customer_id,
            args.cash,
        )
    )
    if args.cashier_login:
        print(
            hand_over(
                args.url,
                args.db,
                args.cashier_login,
                args.cashier_password,
                args.round_id,
            )
        )


if __name__ == "__main__":
    main()
