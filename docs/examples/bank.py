#!/usr/bin/env python3
"""Collect open invoices by SEPA direct debit and book the bank's statement,
over XML-RPC (BNK-01, BNK-02), as a treasury tool does.

1. ``create_collection_order``: a bookkeeper (group *Invoicing / Basic*)
   creates a collection order for a bank journal, gathers the open invoices
   of direct-debit customers due by a date, exports the pain.008 file
   (validated against the ISO 20022 schema on the server) and posts the order
   (one entry to "Direct Debits in Transit"); the file comes back in base64;
2. ``import_statement``: the same user imports the bank's CAMT.053 (or CSV)
   statement: it goes to the bank journal of its IBAN, is matched (end-to-end
   id, RF reference, invoice number, IBAN, amount and customer) and the
   summary and the lines' matching come back.

Against the demo of ``scripts/run``::

    python3 docs/examples/bank.py --url http://127.0.0.1:8069 \
        --db service_demo --login accountant --password accountant \
        --journal-id 6 --due-until 2026-12-31 --statement camt053.xml

Only the Python standard library is used. The test suite runs both functions
against a live server (addons/service_bank/tests/test_xmlrpc.py).
"""

import argparse
import base64
import xmlrpc.client

ORDER_FIELDS = ["name", "state", "line_count", "amount_total", "filename", "file"]
LINE_FIELDS = [
    "payment_ref",
    "amount",
    "partner_id",
    "service_match_state",
    "service_match_rule",
    "is_reconciled",
]


def _connect(url, db, login, password):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit(f"{login}: wrong login or password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    return call


def create_collection_order(
    url, db, login, password, journal_id, due_until, collection_date
):
    """Create, gather, export and post a direct-debit order; returns its
    fields with ``file`` (the pain.008 XML, base64)."""
    call = _connect(url, db, login, password)
    order_id = call(
        "service.debit.order",
        "create",
        {
            "journal_id": journal_id,
            "date_due_until": due_until,
            "collection_date": collection_date,
            "grouping": "invoice",
        },
    )
    call("service.debit.order", "action_gather", [order_id])
    call("service.debit.order", "action_export", [order_id])
    call("service.debit.order", "action_post", [order_id])
    [order] = call("service.debit.order", "read", [order_id], ORDER_FIELDS)
    return order


def import_statement(url, db, login, password, data, csv_mapping_id=False):
    """Import a CAMT.053/.054 (or, with a mapping, CSV) statement; returns
    the summary and the imported lines with their matching."""
    call = _connect(url, db, login, password)
    wizard_id = call(
        "service.bank.statement.import",
        "create",
        {
            "file": base64.b64encode(data).decode(),
            "filename": "statement.xml",
            "csv_mapping_id": csv_mapping_id,
        },
    )
    action = call("service.bank.statement.import", "action_import", [wizard_id])
    [wizard] = call("service.bank.statement.import", "read", [wizard_id], ["summary"])
    line_ids = action["domain"][0][2]
    lines = call("account.bank.statement.line", "read", line_ids, LINE_FIELDS)
    return wizard["summary"], lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--journal-id", type=int, required=True)
    parser.add_argument("--due-until", required=True)
    parser.add_argument("--collection-date")
    parser.add_argument("--statement", help="a CAMT.053 file to import afterwards")
    args = parser.parse_args()
    order = create_collection_order(
        args.url,
        args.db,
        args.login,
        args.password,
        args.journal_id,
        args.due_until,
        args.collection_date or args.due_until,
    )
    with open(order["filename"], "wb") as handle:
        handle.write(base64.b64decode(order["file"]))
    print(
        f"{order['name']}: {order['line_count']} transactions, "
        f"{order['amount_total']:.2f}, {order['state']}, saved {order['filename']}"
    )
    if args.statement:
        with open(args.statement, "rb") as handle:
            summary, lines = import_statement(
                args.url, args.db, args.login, args.password, handle.read()
            )
        print(summary)
        for line in lines:
            print(
                f"{line['amount']:>12.2f} {line['service_match_state'] or '':<7} "
                f"{line['service_match_rule'] or '':<20} {line['payment_ref']}"
            )


if __name__ == "__main__":
    main()
