#!/usr/bin/env python3
"""Open a service request for a customer and follow it, as an integrator does
(a call-centre tool, an alarm receiving centre), over XML-RPC or JSON-2
(REQ-01, REQ-02, API-01).

1. find the request type by its number prefix (e.g. ``CMP`` for complaints);
2. create the request with the caller's own reference: it gets its number,
   its team, an assignee (distribution under the users' caps), its
   acknowledgement deadline and expected completion date;
3. read it back.

The user needs the *Services / User* group. Against the demo of
``scripts/run``::

    python3 docs/examples/requests.py --url http://127.0.0.1:8069 \
        --db service_demo --login manager --password manager --customer-id 7

Only the Python standard library is used. The test suite runs both functions
against a live server (addons/service_request/tests/test_xmlrpc.py).
"""

import argparse
import json
import urllib.request
import xmlrpc.client

READ_FIELDS = [
    "name",
    "ref_incoming",
    "type_id",
    "user_id",
    "stage_id",
    "date_ack_deadline",
    "date_expected",
]


def open_request_xmlrpc(url, db, login, password, customer_id, type_code, text, ref):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit("login refused: check --db, --login and --password")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    type_ids = call("service.request.type", "search", [("code", "=", type_code)])
    if not type_ids:
        raise SystemExit(f"no request type with the prefix {type_code}")
    request_id = call(
        "service.request",
        "create",
        {
            "type_id": type_ids[0],
            "partner_id": customer_id,
            "ref_incoming": ref,
            "description": f"<p>{text}</p>",
        },
    )
    [request] = call("service.request", "read", [request_id], fields=READ_FIELDS)
    return request


def open_request_json2(url, db, api_key, customer_id, type_code, text, ref):
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

    type_ids = call("service.request.type", "search", domain=[["code", "=", type_code]])
    if not type_ids:
        raise SystemExit(f"no request type with the prefix {type_code}")
    [request_id] = call(
        "service.request",
        "create",
        vals_list=[
            {
                "type_id": type_ids[0],
                "partner_id": customer_id,
                "ref_incoming": ref,
                "description": f"<p>{text}</p>",
            }
        ],
    )
    [request] = call("service.request", "read", ids=[request_id], fields=READ_FIELDS)
    return request


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="service_demo")
    parser.add_argument("--login", default="manager")
    parser.add_argument("--password", default="manager")
    parser.add_argument("--customer-id", type=int, required=True)
    parser.add_argument("--type", default="CMP", help="request type prefix")
    parser.add_argument("--text", default="The siren does not stop")
    parser.add_argument("--ref", default="CALL-0001", help="your own reference")
    args = parser.parse_args(argv)
    request = open_request_xmlrpc(
        args.url,
        args.db,
        args.login,
        args.password,
        args.customer_id,
        args.type,
        args.text,
        args.ref,
    )
    print(json.dumps(request, indent=2, default=str))
    return request


if __name__ == "__main__":
    main()
