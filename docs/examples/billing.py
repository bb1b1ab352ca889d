#!/usr/bin/env python3
"""Bill a formula contract over XML-RPC, as an integrator does (API-01, API-02).

The whole chain, with the same rules as the web client:

1. create a customer;
2. find (or create) a formula ``hours * rate`` and a service billed by formula;
3. create a monthly contract from the first day of this month with one
   formula line, then confirm it (active at once when no approval rule
   applies, otherwise waiting for an approver);
4. record the inputs of the period (hours, rate);
5. create a billing run up to today and run it (supervisors only);
6. read the posted invoice and its lines.

The user needs the *Services / Manager* group: managers maintain formulas and
the catalogue, and are supervisors, who run billing. Run against the demo of
``scripts/run``::

    python3 docs/examples/billing.py --url http://127.0.0.1:8069 \
        --db service_demo --login manager --password manager

Only the Python standard library is used. The test suite runs ``main`` against
a live server (tests/addons/test_service_suite).
"""

import argparse
import json
import xmlrpc.client
from datetime import date

FORMULA = {
    "name": "Guard hours x rate",
    "expression": "hours * rate",
    "input_names": "hours, rate",
}
INVOICE_FIELDS = [
    "name",
    "state",
    "partner_id",
    "invoice_date",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "invoice_line_ids",
]
LINE_FIELDS = ["name", "quantity", "price_unit", "price_subtotal"]


class Client:
    """``call(model, method, *args, **kwargs)`` over /xmlrpc/2/object."""

    def __init__(self, url, db, login, password):
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit("login refused: check --db, --login and --password")
        self.db, self.password = db, password
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )


def find_or_create(client, model, domain, values):
    found = client.call(model, "search", domain, limit=1)
    return found[0] if found else client.call(model, "create", values)


def bill_contract(client, customer, service=None, hours=160, rate=12.5, today=None):
    """Customer, contract, inputs, billing run; returns the invoice read back
    with its lines under ``lines``."""
    today = today or date.today()
    period_start = today.replace(day=1).isoformat()
    partner_id = client.call(
        "res.partner",
        "create",
        {"name": customer, "is_company": True, "service_is_customer": True},
    )
    formula_id = find_or_create(
        client,
        "service.formula",
        [("name", "=", FORMULA["name"]), ("expression", "=", FORMULA["expression"])],
        FORMULA,
    )
    service_domain = [("type", "=", "service"), ("service_fee_method", "=", "formula")]
    if service:
        service_domain.append(("name", "=", service))
    product_id = find_or_create(
        client,
        "product.product",
        service_domain,
        {
            "name": service or "Guarding by the hour",
            "type": "service",
            "service_fee_method": "formula",
        },
    )
    contract_id = client.call(
        "service.contract",
        "create",
        {
            "partner_id": partner_id,
            "date_start": period_start,
            "billing_period": "monthly",
            "billing_mode": "advance",
            "line_ids": [(0, 0, {"product_id": product_id, "formula_id": formula_id})],
        },
    )
    client.call("service.contract", "action_confirm", [contract_id])
    [contract] = client.call(
        "service.contract", "read", [contract_id], fields=["name", "state", "line_ids"]
    )
    if contract["state"] != "active":
        raise SystemExit(
            f"{contract['name']} is {contract['state']}: an approver must approve "
            "it (action_approve) before it is billed"
        )
    client.call(
        "service.contract.input",
        "create",
        [
            {
                "line_id": contract["line_ids"][0],
                "period_start": period_start,
                "name": name,
                "value": value,
            }
            for name, value in (("hours", hours), ("rate", rate))
        ],
    )
    # a run bills every contract of the company due up to its date
    run_id = client.call(
        "service.billing.run", "create", {"date_until": today.isoformat()}
    )
    client.call("service.billing.run", "action_run", [run_id])
    invoice_ids = client.call(
        "account.move",
        "search",
        [
            ("service_contract_id", "=", contract_id),
            ("service_billing_run_id", "=", run_id),
        ],
    )
    if not invoice_ids:
        [issue] = client.call(
            "service.billing.run.issue",
            "search_read",
            [("run_id", "=", run_id), ("contract_id", "=", contract_id)],
            fields=["kind", "message"],
        )
        raise SystemExit(f"not billed ({issue['kind']}): {issue['message']}")
    [invoice] = client.call("account.move", "read", invoice_ids, fields=INVOICE_FIELDS)
    invoice["lines"] = client.call(
        "account.move.line", "read", invoice["invoice_line_ids"], fields=LINE_FIELDS
    )
    invoice["contract"] = contract["name"]
    return invoice


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="service_demo")
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--customer", default="Porto di Ancona")
    parser.add_argument(
        "--service", help="name of a service billed by formula (default: the first)"
    )
    parser.add_argument("--hours", type=float, default=160)
    parser.add_argument("--rate", type=float, default=12.5)
    args = parser.parse_args(argv)
    client = Client(args.url, args.db, args.login, args.password)
    invoice = bill_contract(
        client, args.customer, args.service, hours=args.hours, rate=args.rate
    )
    print(json.dumps(invoice, indent=2, ensure_ascii=False))
    return invoice


if __name__ == "__main__":
    main()
