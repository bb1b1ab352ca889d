# covers: API-01, API-02
"""Every call docs/api.md names answers cleanly over XML-RPC and over JSON-2
(issue 16: ``account.payment.action_post``, the documented receipt entry
point, posted but answered XML-RPC with a Fault, "cannot marshal None").

The calls are read from docs/api.md itself: a call documented later without a
case here fails the test until one is written. Each call runs twice, on fresh
records, against the real HTTP server: once over XML-RPC, once over JSON-2
with a bearer API key."""

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

from odoo.addons.service_collection.tests.common import CollectionCase

from .api_cases_bank import bank_cases, bank_outcomes
from .api_cases_utility import utility_cases, utility_outcomes

API_DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"

METHOD = re.compile(r"^(action_\w+|create|write|message_post)\b")
MODEL = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
ON_MODEL = re.compile(r"\bon `([a-z_]+(?:\.[a-z_]+)+)`")
# sections whose tables name no model: the model the section is about
SECTION_MODELS = {
    "Requests and complaints": "service.request",
    "Cancellations": "service.cancellation",
    "Sales agents and commissions": "service.commission.settlement",
}
# the cases and outcomes of the later addons' calls, one module each
EXTRA_CASES = (bank_cases, utility_cases)
EXTRA_OUTCOMES = (bank_outcomes, utility_outcomes)
# "any document using the mixin": proven on one of them
CONCRETE = {"service.approval.mixin": "service.request.postponement"}


def documented_calls(text):
    """(model, method) of every call docs/api.md names: the rows of its
    method tables, and prose naming calls "on `model`"."""
    calls = set()

    def add(cell, model):
        model = CONCRETE.get(model, model)
        for token in re.findall(r"`([^`]+)`", cell):
            match = METHOD.match(token)
            if match and model:
                calls.add((model, match.group(1)))

    default = None
    header = None
    in_code = False
    paragraph = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            if line.startswith("## "):
                models = [
                    token
                    for token in re.findall(r"`([^`]+)`", heading)
                    if MODEL.match(token)
                ]
                default = (
                    models[0]
                    if models
                    else next(
                        (
                            m
                            for key, m in SECTION_MODELS.items()
                            if heading.startswith(key)
                        ),
                        None,
                    )
                )
            continue
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if header is None:
                header = [cell.lower() for cell in cells]
            elif not set(cells[0]) <= set("-: ") and header[0] in ("method", "call"):
                on_cell = cells[header.index("on")] if "on" in header else cells[0]
                found = ON_MODEL.search(f"on {on_cell}") if "on" in header else None
                if found is None:
                    found = ON_MODEL.search(cells[0])
                add(cells[0], found.group(1) if found else default)
            continue
        header = None
        if line.strip():
            paragraph.append(line)
            continue
        prose = " ".join(paragraph)
        paragraph = []
        for found in ON_MODEL.finditer(prose):
            add(prose[: found.start()].rsplit(". ", 1)[-1], found.group(1))
    return calls


@tagged("post_install", "-at_install")
class TestDocumentedApiCalls(CollectionCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = get_db_name()
        cls.password = "api-Secret-2026"
        # one integration user for every call: a Services manager (and so
        # supervisor, invoicing user) who also collects
        cls.api_user = new_test_user(
            cls.env,
            login="api_every_call",
            password=cls.password,
            groups="service_base.group_service_manager,"
            "service_base.group_service_collector,account.group_account_invoice",
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
            name="API every call",
        )
        # documents requested by someone else: nobody approves his own
        cls.requester = cls.users["service_user"]
        cls.team = cls.env["service.request.team"].create(
            {
                "name": "API desk",
                "company_id": cls.company_a.id,
                "member_ids": [Command.set(cls.api_user.ids)],
            }
        )
        cls.request_type = cls.env["service.request.type"].create(
            {
                "name": "API complaint",
                "kind": "complaint",
                "code": "APC",
                "company_id": cls.company_a.id,
                "team_id": cls.team.id,
            }
        )
        cls.reason = cls.env.ref("service_cancellation.reason_price")
        cls.expense_account = cls.env["account.account"].create(
            {
                "name": "Commissions (API)",
                "code": "640900",
                "account_type": "expense",
            }
        )
        cls.company_a.service_commission_account_id = cls.expense_account
        plan = cls.env["service.commission.plan"].create(
            {
                "name": "API plan",
                "company_id": cls.company_a.id,
                "base": "invoiced",
                "line_ids": [Command.create({"kind": "percentage", "rate": 10})],
            }
        )
        cls.agent = cls.env["res.partner"].create(
            {
                "name": "API Agent",
                "service_is_agent": True,
                "service_agent_user_id": cls.users["agent"].id,
                "service_commission_plan_id": plan.id,
            }
        )
        cls.settlement_counter = 0

    # ------------------------------------------------------------------
    # the two protocols
    # ------------------------------------------------------------------
    def _xmlrpc(self, model, method, args, kwargs):
        return self.xmlrpc_object.execute_kw(
            self.db, self.api_user.id, self.password, model, method, args, kwargs
        )

    def _json2(self, model, method, params):
        if not getattr(self, "_api_key", None):
            self._api_key = (
                self.env["res.users.apikeys"]
                .with_user(self.api_user)
                ._generate(
                    scope="rpc",
                    name="Every documented call",
                    expiration_date=datetime.now() + timedelta(days=1),
                )
            )
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self._api_key}",
            },
        )
        self.assertEqual(
            response.status_code, 200, f"{model}.{method}: {response.text}"
        )
        return response.json()

    # ------------------------------------------------------------------
    # records each call needs, fresh for each protocol
    # ------------------------------------------------------------------
    def _customer(self):
        return self.env["res.partner"].create(
            {
                "name": "API customer",
                "is_company": True,
                "email": "api.customer@example.com",
                "service_is_customer": True,
            }
        )

    def _fixed_contract(self, state="active", months_ago=2, **values):
        start = self.month_start.replace(day=1) - timedelta(days=31 * months_ago)
        return self.env["service.contract"].create(
            {
                "partner_id": self._customer().id,
                "date_start": start.replace(day=1),
                "billing_period": "monthly",
                "billing_mode": "advance",
                "notice_days": 30,
                "state": state,
                "line_ids": [
                    Command.create(
                        {"product_id": self.guard.id, "quantity": 1, "price_unit": 100}
                    )
                ],
                **values,
            }
        )

    def _cancellation(self, state="draft", **values):
        cancellation = self.env["service.cancellation"].create(
            {
                "contract_id": self._fixed_contract().id,
                "reason_id": self.reason.id,
                "date_received": self.today - timedelta(days=45),
                **values,
            }
        )
        if state in ("waiting", "approved", "refused"):
            cancellation.with_user(self.requester).action_submit()
        if state == "approved":
            cancellation.with_user(self.users["supervisor"]).action_approve()
        if state == "refused":
            cancellation.with_user(self.users["supervisor"]).action_reject(
                reason="Bound until the end of the term"
            )
        return cancellation

    def _request(self, **values):
        return self.env["service.request"].create(
            {
                "type_id": self.request_type.id,
                "partner_id": self._customer().id,
                **values,
            }
        )

    def _postponement(self, requester=None, pending=False):
        request = self._request()
        postponement = (
            self.env["service.request.postponement"]
            .with_user(requester or self.api_user)
            .create(
                {
                    "request_id": request.id,
                    "date_new": request.date_expected + timedelta(days=2),
                    "reason": "Spare part on order",
                }
            )
        )
        if pending:
            postponement.action_request_approval()
        return postponement

    def _round(self, state="draft"):
        customer = self._customer()
        customer.write(
            {
                "service_payment_by_collector": True,
                "service_collector_id": self.api_user.id,
            }
        )
        self._invoice(customer, 60)
        round_ = self.env["service.collection.round"].create(
            {"collector_id": self.api_user.id, "area": f"API {customer.id}"}
        )
        customer.service_collection_area = round_.area
        if state != "draft":
            round_.action_generate_lines()
            round_.action_start()
        if state == "handed_over":
            round_.line_ids.write({"amount_cash": 60})
            round_.action_handover()
        return round_

    def _cheque(self, state="draft"):
        customer = self._customer()
        self._invoice(customer, 90)
        cheque = self.env["service.cheque"].create(
            {
                "partner_id": customer.id,
                "bank_name": "API Bank",
                "number": f"API{customer.id}",
                "amount": 90,
                "date_maturity": self.today,
            }
        )
        if state in ("received", "deposited"):
            cheque.action_receive()
        if state == "deposited":
            cheque.action_deposit()
        return cheque

    def _settlement(self, state="draft"):
        self.settlement_counter += 1
        date_to = self.month_start - timedelta(days=self.settlement_counter * 40)
        settlement = self.env["service.commission.settlement"].create(
            {
                "agent_id": self.agent.id,
                "company_id": self.company_a.id,
                "date_from": date_to.replace(day=1),
                "date_to": date_to,
                "line_ids": [
                    Command.create(
                        {"kind": "fixed", "name": "New contract", "amount": 50}
                    )
                ],
            }
        )
        if state == "reviewed":
            settlement.action_review()
        return settlement

    def _cases(self):
        """(model, method) -> a function preparing fresh records and
        returning the call's ``ids`` (or values for create/write) and named
        arguments."""
        today = str(self.today)
        cases = {
            # customers
            ("res.partner", "action_service_freeze"): lambda: (
                self._customer().ids,
                {"reason": "Unpaid"},
            ),
            ("res.partner", "action_service_unfreeze"): lambda: (
                self._frozen_customer().ids,
                {},
            ),
            # approvals (shown on postponements)
            ("service.request.postponement", "action_request_approval"): lambda: (
                self._postponement().ids,
                {},
            ),
            ("service.request.postponement", "action_approve"): lambda: (
                self._postponement(self.requester, pending=True).ids,
                {},
            ),
            ("service.request.postponement", "action_reject"): lambda: (
                self._postponement(self.requester, pending=True).ids,
                {"reason": "Not a reason"},
            ),
            ("service.request.postponement", "action_reset_approval"): lambda: (
                self._postponement(pending=True).ids,
                {},
            ),
            # contracts and billing
            ("service.contract", "action_confirm"): lambda: (
                self._fixed_contract(state="draft").ids,
                {},
            ),
            ("service.contract", "action_suspend"): lambda: (
                self._fixed_contract().ids,
                {},
            ),
            ("service.contract", "action_resume"): lambda: (
                self._fixed_contract(state="suspended").ids,
                {},
            ),
            ("service.contract", "action_end"): lambda: (
                self._fixed_contract().ids,
                {},
            ),
            ("service.contract", "action_cancel"): lambda: (
                self._fixed_contract(state="draft").ids,
                {},
            ),
            ("service.contract", "action_draft"): lambda: (
                self._fixed_contract(state="cancelled").ids,
                {},
            ),
            ("service.contract", "action_renew"): lambda: (
                self._fixed_contract(date_end=self.today + timedelta(days=20)).ids,
                {},
            ),
            ("service.billing.run", "action_run"): lambda: (
                self._billing_run().ids,
                {},
            ),
            # requests
            ("service.request", "create"): lambda: (
                {"type_id": self.request_type.id, "partner_id": self._customer().id},
                {},
            ),
            ("service.request", "action_acknowledge"): lambda: (
                self._request().ids,
                {},
            ),
            ("service.request", "action_validate"): lambda: (
                self._request(date_acknowledged=datetime.now()).ids,
                {},
            ),
            ("service.request", "action_wait_for_documents"): lambda: (
                self._request(missing_documents="ID card").ids,
                {},
            ),
            ("service.request", "action_documents_received"): lambda: (
                self._request(waiting_customer=True).ids,
                {},
            ),
            ("service.request", "message_post"): lambda: (
                self._request().ids,
                {
                    "body": "We come tomorrow at 9",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            ),
            ("service.request", "action_create_invoice"): lambda: (
                self._request(
                    line_ids=[
                        Command.create(
                            {
                                "product_id": self.guard.id,
                                "quantity": 1,
                                "price_unit": 80,
                            }
                        )
                    ]
                ).ids,
                {},
            ),
            # cancellations
            ("service.cancellation", "create"): lambda: (
                {
                    "contract_id": self._fixed_contract().id,
                    "reason_id": self.reason.id,
                    "date_received": today,
                },
                {},
            ),
            ("service.cancellation", "action_submit"): lambda: (
                self._cancellation().ids,
                {},
            ),
            ("service.cancellation", "action_approve"): lambda: (
                self._cancellation("waiting").ids,
                {},
            ),
            ("service.cancellation", "action_reject"): lambda: (
                self._cancellation("waiting").ids,
                {"reason": "Bound until the end of the term"},
            ),
            ("service.cancellation", "action_retention_offer"): lambda: (
                self._cancellation(offer_type="discount", offer_discount=10).ids,
                {},
            ),
            ("service.cancellation", "action_retention_accepted"): lambda: (
                self._cancellation(offer_type="discount", offer_discount=10).ids,
                {},
            ),
            ("service.cancellation", "action_retention_refused"): lambda: (
                self._cancellation(offer_type="discount", offer_discount=10).ids,
                {},
            ),
            ("service.cancellation", "action_apply"): lambda: (
                self._cancellation("approved").ids,
                {},
            ),
            ("service.cancellation", "action_send_letter"): lambda: (
                self._cancellation("approved").ids,
                {},
            ),
            ("service.cancellation", "action_withdraw"): lambda: (
                self._cancellation("waiting").ids,
                {},
            ),
            ("service.cancellation", "action_draft"): lambda: (
                self._cancellation("refused").ids,
                {},
            ),
            # collection
            ("account.payment", "action_post"): lambda: (
                self._draft_receipt().ids,
                {},
            ),
            ("account.payment", "action_service_apply_advances"): lambda: (
                self._advance().ids,
                {},
            ),
            ("account.payment", "action_service_send_receipt"): lambda: (
                self._advance().ids,
                {},
            ),
            ("service.collection.round", "action_generate_lines"): lambda: (
                self._round().ids,
                {},
            ),
            ("service.collection.round", "action_start"): lambda: (
                self._generated_round().ids,
                {},
            ),
            ("service.collection.round", "action_handover"): lambda: (
                self._round("in_progress").ids,
                {},
            ),
            ("service.collection.round", "action_close"): lambda: (
                self._round("handed_over").ids,
                {},
            ),
            ("service.collection.round.line", "write"): lambda: (
                self._round("in_progress").line_ids.ids,
                {"amount_cash": 60, "note": "Paid in cash"},
            ),
            ("service.cheque", "action_receive"): lambda: (self._cheque().ids, {}),
            ("service.cheque", "action_deposit"): lambda: (
                self._cheque("received").ids,
                {},
            ),
            ("service.cheque", "action_clear"): lambda: (
                self._cheque("deposited").ids,
                {},
            ),
            ("service.cheque", "action_bounce"): lambda: (
                self._cheque("deposited").ids,
                {},
            ),
            ("service.receipt.cancellation", "action_request_approval"): lambda: (
                self._receipt_cancellation().ids,
                {},
            ),
            ("service.receipt.cancellation", "action_approve"): lambda: (
                self._receipt_cancellation(pending=True).ids,
                {},
            ),
            # commissions
            ("service.commission.compute", "create"): lambda: (
                {
                    "company_id": self.company_a.id,
                    "date_from": str(self.month_start),
                    "date_to": today,
                },
                {},
            ),
            ("service.commission.compute", "action_compute"): lambda: (
                self.env["service.commission.compute"]
                .create(
                    {
                        "company_id": self.company_a.id,
                        "date_from": self.month_start,
                        "date_to": self.today,
                        "agent_ids": [Command.set(self.agent.ids)],
                    }
                )
                .ids,
                {},
            ),
            ("service.commission.settlement", "action_review"): lambda: (
                self._settlement().ids,
                {},
            ),
            ("service.commission.settlement", "action_reset_draft"): lambda: (
                self._settlement("reviewed").ids,
                {},
            ),
            ("service.commission.settlement", "action_create_bill"): lambda: (
                self._settlement("reviewed").ids,
                {},
            ),
            ("service.commission.settlement", "action_cancel"): lambda: (
                self._settlement("reviewed").ids,
                {},
            ),
        }
        for extra in EXTRA_CASES:
            cases.update(extra(self))
        return cases

    def _outcomes(self):
        """What each call must have done, read back from the database:
        (field, value), or a function of the records."""
        outcomes = {
            ("res.partner", "action_service_freeze"): ("service_frozen", True),
            ("res.partner", "action_service_unfreeze"): ("service_frozen", False),
            ("service.request.postponement", "action_request_approval"): (
                "approval_state",
                "pending",
            ),
            # the supervisor's level done, the manager's next
            ("service.request.postponement", "action_approve"): lambda p: (
                self.assertEqual(p.approval_level_id.name, "Manager")
            ),
            ("service.request.postponement", "action_reject"): (
                "approval_state",
                "rejected",
            ),
            ("service.request.postponement", "action_reset_approval"): (
                "approval_state",
                "draft",
            ),
            ("service.contract", "action_confirm"): ("state", "active"),
            ("service.contract", "action_suspend"): ("state", "suspended"),
            ("service.contract", "action_resume"): ("state", "active"),
            ("service.contract", "action_end"): ("state", "ended"),
            ("service.contract", "action_cancel"): ("state", "cancelled"),
            ("service.contract", "action_draft"): ("state", "draft"),
            ("service.contract", "action_renew"): lambda c: self.assertGreater(
                c.date_end, self.today + timedelta(days=300)
            ),
            ("service.billing.run", "action_run"): lambda r: (
                self.assertEqual(r.state, "done"),
                self.assertTrue(r.invoice_ids),
            ),
            ("service.request", "action_acknowledge"): lambda r: self.assertTrue(
                r.date_acknowledged
            ),
            ("service.request", "action_validate"): ("is_validated", True),
            ("service.request", "action_wait_for_documents"): (
                "waiting_customer",
                True,
            ),
            ("service.request", "action_documents_received"): (
                "waiting_customer",
                False,
            ),
            ("service.request", "message_post"): lambda r: self.assertIn(
                "We come tomorrow at 9", " ".join(r.message_ids.mapped("body"))
            ),
            ("service.request", "action_create_invoice"): lambda r: self.assertTrue(
                r.invoice_id
            ),
            ("service.cancellation", "action_submit"): ("state", "waiting"),
            ("service.cancellation", "action_approve"): ("state", "approved"),
            ("service.cancellation", "action_reject"): ("state", "refused"),
            ("service.cancellation", "action_retention_offer"): (
                "retention_outcome",
                "pending",
            ),
            ("service.cancellation", "action_retention_accepted"): (
                "state",
                "retained",
            ),
            ("service.cancellation", "action_retention_refused"): (
                "retention_outcome",
                "refused",
            ),
            ("service.cancellation", "action_apply"): ("state", "done"),
            ("service.cancellation", "action_send_letter"): ("letter_sent", True),
            ("service.cancellation", "action_withdraw"): ("state", "cancelled"),
            ("service.cancellation", "action_draft"): ("state", "draft"),
            ("account.payment", "action_post"): lambda p: self.assertIn(
                p.state, ("in_process", "paid")
            ),
            ("account.payment", "action_service_apply_advances"): lambda p: (
                self.assertTrue(p.is_reconciled)
            ),
            ("account.payment", "action_service_send_receipt"): ("is_sent", True),
            ("service.collection.round", "action_generate_lines"): lambda r: (
                self.assertEqual(r.amount_expected, 60)
            ),
            ("service.collection.round", "action_start"): ("state", "in_progress"),
            ("service.collection.round", "action_handover"): ("state", "handed_over"),
            ("service.collection.round", "action_close"): ("state", "closed"),
            ("service.collection.round.line", "write"): ("amount_cash", 60),
            ("service.cheque", "action_receive"): ("state", "received"),
            ("service.cheque", "action_deposit"): ("state", "deposited"),
            ("service.cheque", "action_clear"): ("state", "cleared"),
            ("service.cheque", "action_bounce"): ("state", "bounced"),
            ("service.receipt.cancellation", "action_request_approval"): (
                "approval_state",
                "pending",
            ),
            ("service.receipt.cancellation", "action_approve"): ("done", True),
            ("service.commission.compute", "action_compute"): lambda w: None,
            ("service.commission.settlement", "action_review"): ("state", "reviewed"),
            ("service.commission.settlement", "action_reset_draft"): ("state", "draft"),
            ("service.commission.settlement", "action_create_bill"): lambda s: (
                self.assertEqual(s.state, "invoiced"),
                self.assertTrue(s.bill_id),
            ),
            ("service.commission.settlement", "action_cancel"): ("state", "cancel"),
        }
        for extra in EXTRA_OUTCOMES:
            outcomes.update(extra(self))
        return outcomes

    def _assert_outcome(self, model, method, subject, result, outcome):
        if method == "create":
            record_id = result[0] if isinstance(result, list) else result
            self.assertTrue(self.env[model].browse(record_id).exists())
            return
        records = self.env[model].browse(subject)
        self.env.invalidate_all()
        if callable(outcome):
            outcome(records)
        else:
            field, expected = outcome
            self.assertEqual(records.mapped(field), [expected] * len(records))

    def _frozen_customer(self):
        customer = self._customer()
        customer.action_service_freeze(reason="Unpaid")
        return customer

    def _billing_run(self):
        self._fixed_contract(months_ago=0)
        return self.env["service.billing.run"].create({"date_until": self.today})

    def _draft_receipt(self):
        customer = self._customer()
        invoice = self._invoice(customer, 40)
        return self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": customer.id,
                "company_id": self.company_a.id,
                "journal_id": self.bank_journal.id,
                "amount": 40,
                "service_receipt_kind": "invoices",
                "invoice_ids": [Command.set(invoice.ids)],
            }
        )

    def _advance(self):
        customer = self._customer()
        self._invoice(customer, 30)
        return self._receipt(customer, 30, service_receipt_kind="advance")

    def _generated_round(self):
        round_ = self._round()
        round_.action_generate_lines()
        return round_

    def _receipt_cancellation(self, pending=False):
        cancellation = (
            self.env["service.receipt.cancellation"]
            .with_user(self.requester)
            .create({"payment_id": self._advance().id, "reason": "Entered twice"})
        )
        if pending:
            cancellation.action_request_approval()
        return cancellation

    # ------------------------------------------------------------------
    # the test
    # ------------------------------------------------------------------
    def test_doc_parser_finds_calls_in_tables_and_prose(self):
        calls = documented_calls(
            '## Things — `x.thing`\n\nFreeze: `action_freeze(reason="...")`,\n'
            "`action_thaw()` on `x.thing` ids.\n\n"
            "| call | who | what |\n|---|---|---|\n"
            "| `create` on `x.other` | a | b |\n"
            "| `action_a` / `action_b` | a | b |\n\n"
            "| method | on | who |\n|---|---|---|\n"
            "| `action_c()`, `action_d()` | `x.third` ids | c |\n"
            '```python\ncall("x.code", "action_ignored")\n```\n'
        )
        self.assertEqual(
            calls,
            {
                ("x.thing", "action_freeze"),
                ("x.thing", "action_thaw"),
                ("x.other", "create"),
                ("x.thing", "action_a"),
                ("x.thing", "action_b"),
                ("x.third", "action_c"),
                ("x.third", "action_d"),
            },
        )

    def test_every_documented_call_answers_over_xmlrpc_and_json2(self):
        documented = documented_calls(API_DOC.read_text(encoding="utf-8"))
        cases = self._cases()
        self.assertEqual(
            sorted(documented - cases.keys()),
            [],
            "documented in docs/api.md without a case here: write one",
        )
        self.assertEqual(
            sorted(cases.keys() - documented),
            [],
            "a case here for a call docs/api.md does not name",
        )
        outcomes = self._outcomes()
        self.assertEqual(
            sorted(k for k in cases if k[1] != "create" and k not in outcomes), []
        )
        for (model, method), prepare in sorted(cases.items()):
            for protocol in ("xmlrpc", "json2"):
                with self.subTest(model=model, method=method, protocol=protocol):
                    subject, kwargs = prepare()
                    if protocol == "xmlrpc":
                        if method == "create":
                            args = [subject]
                        elif method == "write":
                            args, kwargs = [subject, kwargs], {}
                        else:
                            args = [subject]
                        result = self._xmlrpc(model, method, args, kwargs)
                    else:
                        if method == "create":
                            params = {"vals_list": [subject]}
                        elif method == "write":
                            params = {"ids": subject, "vals": kwargs}
                        else:
                            params = {"ids": subject, **kwargs}
                        result = self._json2(model, method, params)
                    self.assertIsNotNone(result)
                    self.assertIsInstance(result, (bool, int, list, dict))
                    self._assert_outcome(
                        model, method, subject, result, outcomes.get((model, method))
                    )
