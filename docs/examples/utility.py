#!/usr/bin/env python3
"""Import meter readings from a CSV file, bill the consumption and read the
invoices, as a meter-reading company's or a utility's integration does,
over XML-RPC (UTL-02, UTL-03, API-01).

1. upload the CSV file as a ``service.reading.import`` with a saved column
   mapping and run ``action_import``: good rows are imported and checked for
   plausibility, bad rows are listed with their line number and reason,
   rows already imported are skipped (importing the file twice adds nothing);
2. create a ``service.billing.run`` up to a date and run it
   (``action_run``): each metered contract line gets its consumption per
   period as formula input; points with missing or implausible readings are
   held with the reason (``issue_ids``);
3. read the invoices.

The user needs the *Services / Supervisor* group (importing needs *User*,
billing *Supervisor*). Against the demo of ``scripts/run``::

    python3 docs/examples/utility.py --url http://127.0.0.1:8069 \
        --db service_demo --login manager --password manager \
        --file readings.csv --mapping "Standard CSV" --until 2026-11-30

Only the Python standard library is used. The test suite runs it against a
live server (addons/service_utility/tests/test_access.py).
"""

import argparse
import base64
import json
import xmlrpc.client


def import_and_bill_xmlrpc(url, db, login, password, csv_text, mapping, until):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit("login refused: check --db, --login and --password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    mapping_ids = call(
        "service.reading.import.mapping", "search", [["name", "=", mapping]]
    )
    if not mapping_ids:
        raise SystemExit(f"no column mapping named {mapping}")
    import_id = call(
        "service.reading.import",
        "create",
        {
            "file": base64.b64encode(csv_text.encode()).decode(),
            "file_name": "readings.csv",
            "file_format": "csv",
            "mapping_id": mapping_ids[0],
        },
    )
    call("service.reading.import", "action_import", [import_id])
    [batch] = call(
        "service.reading.import",
        "read",
        [import_id],
        fields=["imported_count", "duplicate_count", "flagged_count", "error_ids"],
    )
    errors = call(
        "service.reading.import.error",
        "read",
        batch["error_ids"],
        fields=["line_number", "reason"],
    )
    run_id = call("service.billing.run", "create", {"date_until": until})
    call("service.billing.run", "action_run", [run_id])
    [run] = call(
        "service.billing.run", "read", [run_id], fields=["invoice_ids", "issue_ids"]
    )
    held = call(
        "service.billing.run.issue",
        "read",
        run["issue_ids"],
        fields=["contract_id", "kind", "message"],
    )
    invoices = call(
        "account.move",
        "read",
        run["invoice_ids"],
        fields=["name", "state", "amount_untaxed", "amount_total", "invoice_line_ids"],
    )
    return {"import": batch, "errors": errors, "held": held, "invoices": invoices}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="service_demo")
    parser.add_argument("--login", default="manager")
    parser.add_argument("--password", default="manager")
    parser.add_argument("--file", required=True, help="CSV file of readings")
    parser.add_argument("--mapping", default="Standard CSV")
    parser.add_argument("--until", required=True, help="bill up to YYYY-MM-DD")
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as file:
        csv_text = file.read()
    result = import_and_bill_xmlrpc(
        args.url,
        args.db,
        args.login,
        args.password,
        csv_text,
        args.mapping,
        args.until,
    )
    print(json.dumps(result, indent=2, default=str))
    return result


if __name__ == "__main__":
    main()
