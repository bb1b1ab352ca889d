#!/usr/bin/env python3
"""Create and read a service customer, as an integrator does (API-01, API-02).

Two ways, same rules as the web client (validation, rights, companies):

* XML-RPC (``/xmlrpc/2``), login and password;
* JSON-2 (``/json/2/<model>/<method>``, Odoo 19's successor of XML-RPC), with
  an API key (user menu > My Preferences > Security > New API Key).

Run against the demo of ``scripts/run``::

    python3 docs/examples/customers.py --url http://127.0.0.1:8069 \
        --db service_demo --login manager --password manager
    python3 docs/examples/customers.py --url http://127.0.0.1:8069 \
        --db service_demo --api-key <key>

Only the Python standard library is used. The test suite runs these very
functions against a live server (tests/addons/test_service_suite).
"""

import argparse
import json
import urllib.request
import xmlrpc.client

CUSTOMER = {
    "name": "Sorveglianza Adriatica Srl",
    "is_company": True,
    "service_is_customer": True,
    "vat": "IT00743110157",
    "service_mobile": "+39 333 765 4321",
}
FIELDS = ["display_name", "service_customer_code", "service_mobile_normalized"]


def create_customer_xmlrpc(url, db, login, password, values=None):
    """Return the new customer as read back (code, normalised mobile...)."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit("login refused: check --db, --login and --password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
    values = dict(values or CUSTOMER)
    # a country makes the national ID and local mobile numbers checkable
    [[country_id, _name]] = models.execute_kw(
        db, uid, password, "res.country", "name_search", ["Italy"], {"limit": 1}
    )
    values.setdefault("country_id", country_id)
    partner_id = models.execute_kw(db, uid, password, "res.partner", "create", [values])
    [customer] = models.execute_kw(
        db, uid, password, "res.partner", "read", [[partner_id]], {"fields": FIELDS}
    )
    return customer


def json2(url, db, api_key, model, method, **params):
    """One JSON-2 call: POST /json/2/<model>/<method> with named arguments."""
    request = urllib.request.Request(
        f"{url}/json/2/{model}/{method}",
        data=json.dumps(params).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {api_key}",
            "X-Odoo-Database": db,
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def create_customer_json2(url, db, api_key, values=None):
    values = dict(values or CUSTOMER)
    [country] = json2(
        url,
        db,
        api_key,
        "res.country",
        "search_read",
        domain=[["code", "=", "IT"]],
        fields=["id"],
    )
    values.setdefault("country_id", country["id"])
    [partner_id] = json2(url, db, api_key, "res.partner", "create", vals_list=[values])
    [customer] = json2(
        url, db, api_key, "res.partner", "read", ids=[partner_id], fields=FIELDS
    )
    return customer


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="service_demo")
    parser.add_argument("--login")
    parser.add_argument("--password")
    parser.add_argument("--api-key")
    parser.add_argument("--name", default=CUSTOMER["name"])
    args = parser.parse_args()
    values = dict(CUSTOMER, name=args.name, vat=False, service_mobile=False)
    if args.api_key:
        customer = create_customer_json2(args.url, args.db, args.api_key, values)
    else:
        customer = create_customer_xmlrpc(
            args.url, args.db, args.login, args.password, values
        )
    print(json.dumps(customer, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
