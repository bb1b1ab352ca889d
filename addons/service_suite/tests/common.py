"""One user per role, a user of another company, and one document of every
suite model with protected workflow fields, for proving the rules over real
XML-RPC (issue 16: "the same rules as the web client")."""

import xmlrpc.client
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, get_db_name, new_test_user
from odoo.tools import mute_logger

from .rules_bank import add_bank_documents
from .rules_dunning import add_dunning_documents
from .rules_utility import add_utility_documents

ROLES = {
    "service_user": "service_base.group_service_user",
    "supervisor": "service_base.group_service_supervisor",
    "manager": "service_base.group_service_manager",
    "collector": "service_base.group_service_collector",
    "agent": "service_base.group_service_agent",
    "accountant": "account.group_account_manager",
    "portal": "base.group_portal",
}


class RulesCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.db = get_db_name()
        cls.today = fields.Date.context_today(env.user)
        cls.company_a = env.company
        cls.company_b = env["res.company"].create(
            {"name": "Rules Company B", "currency_id": cls.company_a.currency_id.id}
        )
        cls.users = {
            role: cls._user(f"rules_{role}", group, cls.company_a)
            for role, group in ROLES.items()
        }
        cls.users["other_company"] = cls._user(
            "rules_other_company", ROLES["manager"], cls.company_b
        )
        cls._build_documents()

    @classmethod
    def _user(cls, login, group, company):
        return new_test_user(
            cls.env,
            login=login,
            password=f"{login}-Secret-2026",
            groups=group,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            name=login.replace("_", " ").title(),
        )

    @classmethod
    def _build_documents(cls):
        """``cls.documents``: model -> (record, make_vals); ``make_vals(n)``
        gives fresh values a caller could send to ``create``."""
        env = cls.env
        company = cls.company_a
        company._service_collection_setup()
        cls.product = env["product.product"].create(
            {
                "name": "Static guard",
                "type": "service",
                "list_price": 100,
                "service_fee_method": "fixed",
            }
        )
        cls.device = env["product.product"].create(
            {"name": "Alarm panel", "type": "consu"}
        )
        collector = cls.users["collector"]
        cls.customer = env["res.partner"].create(
            {
                "name": "Harbour Authority",
                "is_company": True,
                "service_is_customer": True,
                "company_id": company.id,
                "email": "harbour@example.com",
                "service_payment_by_collector": True,
                "service_collector_id": collector.id,
            }
        )
        documents = {}

        def add(model, make_vals, prepare=None):
            record = env[model].create(make_vals(0))
            if prepare:
                prepare(record)
            documents[model] = (record, make_vals)
            return record

        add(
            "res.partner",
            lambda n: {
                "name": f"Customer {n}",
                "is_company": True,
                "service_is_customer": True,
                "company_id": company.id,
            },
        )

        def contract_vals(n):
            return {
                "partner_id": cls.customer.id,
                "date_start": fields.Date.to_string(cls.today.replace(day=1)),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": 100,
                        },
                    )
                ],
            }

        cls.contract = add(
            "service.contract",
            contract_vals,
            lambda c: c.write({"state": "active", "next_billing_date": c.date_start}),
        )
        request_type = env["service.request.type"].create(
            {
                "name": "Alarm fault",
                "kind": "maintenance",
                "code": "RUL",
                "company_id": company.id,
            }
        )
        cls.request = add(
            "service.request",
            lambda n: {"type_id": request_type.id, "partner_id": cls.customer.id},
        )
        add(
            "service.request.postponement",
            lambda n: {
                "request_id": cls.request.id,
                "date_new": fields.Datetime.to_string(
                    fields.Datetime.now() + timedelta(days=10 + n)
                ),
                "reason": "The customer is away",
            },
        )
        reason = env["service.cancellation.reason"].create({"name": "Moving away"})
        add(
            "service.cancellation",
            lambda n: {"contract_id": cls.contract.id, "reason_id": reason.id},
        )

        def round_vals(n):
            return {
                "collector_id": collector.id,
                "company_id": company.id,
                "date": fields.Date.to_string(cls.today - timedelta(days=n)),
            }

        cls.round = add(
            "service.collection.round",
            round_vals,
            lambda r: r.write(
                {
                    "state": "in_progress",
                    "line_ids": [
                        (0, 0, {"partner_id": cls.customer.id, "amount_expected": 100})
                    ],
                }
            ),
        )
        add(
            "service.cheque",
            lambda n: {
                "partner_id": cls.customer.id,
                "bank_name": "Gulf Bank",
                "number": f"R{n:05d}",
                "amount": 50,
                "round_line_id": cls.round.line_ids.id,
            },
        )
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "company_id": company.id,
                "journal_id": company.service_cheque_journal_id.id,
                "amount": 70,
            }
        )
        payment.action_post()
        add(
            "service.receipt.cancellation",
            lambda n: {"payment_id": payment.id, "reason": "Entered twice"},
        )
        agent = env["res.partner"].create(
            {"name": "Sales Agent", "service_is_agent": True}
        )
        add(
            "service.commission.settlement",
            lambda n: {
                "agent_id": agent.id,
                "company_id": company.id,
                "date_from": f"{2020 - n}-01-01",
                "date_to": f"{2020 - n}-01-31",
            },
        )
        add(
            "service.item",
            lambda n: {
                "product_id": cls.device.id,
                "partner_id": cls.customer.id,
                "serial": f"SN-{n}",
            },
        )
        add(
            "service.visit",
            lambda n: {
                "partner_id": cls.customer.id,
                "company_id": company.id,
                "date_due": fields.Date.to_string(cls.today + timedelta(days=n)),
            },
        )
        add(
            "service.billing.run",
            lambda n: {
                "company_id": company.id,
                "date_until": fields.Date.to_string(cls.today),
            },
        )
        add(
            "service.approval.entry",
            lambda n: {
                "company_id": company.id,
                "res_model": "service.contract",
                "res_id": cls.contract.id,
                "user_id": env.ref("base.user_admin").id,
                "decision": "request",
            },
        )
        add("test.service.document", lambda n: {"name": f"Stand-in {n}"})
        add(
            "service.sms.message",
            lambda n: {
                "company_id": company.id,
                "number": f"+3933300000{n:02d}",
                "body": "Your technician arrives at 10:00",
            },
        )
        # a sale order, so that a document's link to one can be set (service_portal)
        env["sale.order"].create(
            {"partner_id": cls.customer.id, "company_id": company.id}
        )
        # the documents of the later addons, one module each
        for add_documents in (
            add_bank_documents,
            add_dunning_documents,
            add_utility_documents,
        ):
            add_documents(cls, add)
        cls.documents = documents

    # ------------------------------------------------------------------
    # Calls over XML-RPC
    # ------------------------------------------------------------------
    def call(self, user, model, method, *args, **kwargs):
        """``method`` over XML-RPC as ``user``; returns (result, fault)."""
        try:
            with mute_logger("odoo.http", "odoo.service.model", "odoo.sql_db"):
                result = (
                    self.xmlrpc_object.execute_kw(
                        self.db,
                        user.id,
                        f"{user.login}-Secret-2026",
                        model,
                        method,
                        list(args),
                        kwargs,
                    ),
                    None,
                )
            return result
        except xmlrpc.client.Fault as fault:
            # a clean refusal (user, access or validation error) has a code
            # above 1; 1 is a crash, whose string is the server's traceback
            self.assertNotEqual(
                fault.faultCode,
                1,
                f"{model}.{method}{args} as {user.login} crashed: {fault.faultString}",
            )
            return None, fault.faultString

    def assertRefused(self, user, model, method, *args, **kwargs):
        """``method`` is refused with a clean error; returns its message."""
        result, fault = self.call(user, model, method, *args, **kwargs)
        self.assertIsNotNone(
            fault,
            f"{user.login} called {model}.{method}{args} and it went through "
            f"({result!r})",
        )
        self.assertNotIn("psycopg2", fault)
        self.assertNotIn("SQL", fault)
        return fault

    def snapshot(self, record, names):
        """Stored values of ``names`` on ``record`` as the database has them."""
        self.env.invalidate_all()
        record = record.sudo()
        return {
            name: record._fields[name].convert_to_read(record[name], record)
            for name in names
        }
