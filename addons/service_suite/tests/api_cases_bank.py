"""The service_bank calls docs/api.md names, for test_api_calls."""

import base64
import itertools
from datetime import timedelta

from odoo import Command, fields

COMPANY_IBAN = "IT60X0542811101000000123456"
DEBTOR_IBAN = "DE89370400440532013000"
ITALIAN_IBAN = "IT40S0542811101000000123456"


def _setup(case):
    """Once per test: the company's SEPA and RiBa codes, a bank journal with
    the company's Italian IBAN, a RiBa payment term; the api user also a
    bookkeeper (statements are imported and matched by bookkeepers)."""
    ready = getattr(case, "_bank_setup", None)
    if ready:
        return ready
    env = case.env
    company = case.company_a
    case.api_user.sudo().write(
        {"group_ids": [Command.link(env.ref("account.group_account_basic").id)]}
    )
    company.write(
        {
            "service_sepa_creditor_identifier": "IT66ZZZA1B2C3D4E5F6G7H8",
            "service_riba_sia_code": "A1B2C",
        }
    )
    company._service_bank_setup()
    bank_account = env["res.partner.bank"].create(
        {
            "acc_number": COMPANY_IBAN,
            "partner_id": company.partner_id.id,
            "company_id": company.id,
        }
    )
    journal = env["account.journal"].create(
        {
            "name": "API bank",
            "code": "APIBK",
            "type": "bank",
            "company_id": company.id,
            "bank_account_id": bank_account.id,
            "service_pain_version": "08",
        }
    )
    riba_term = env["account.payment.term"].create(
        {
            "name": "RiBa 30 days (API)",
            "service_riba": True,
            "line_ids": [
                Command.create({"value": "percent", "value_amount": 100, "nb_days": 30})
            ],
        }
    )
    riba_term_now = env["account.payment.term"].create(
        {
            "name": "RiBa at sight (API)",
            "service_riba": True,
            "line_ids": [
                Command.create({"value": "percent", "value_amount": 100, "nb_days": 0})
            ],
        }
    )
    case._bank_setup = ready = {
        "journal": journal,
        "riba_term": riba_term,
        "riba_term_now": riba_term_now,
        "counter": itertools.count(1),
    }
    return ready


def _customer(case, mode="manual"):
    customer = case._customer()
    customer.write({"service_payment_mode": mode})
    return customer


def _invoice(case, partner, amount, **values):
    invoice = case.env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": case.company_a.id,
            "invoice_date": case.today,
            **values,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Guarding",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
    )
    invoice.action_post()
    return invoice


def _mandate(case, validate=False):
    customer = _customer(case, "direct_debit")
    account = case.env["res.partner.bank"].create(
        {"acc_number": DEBTOR_IBAN, "partner_id": customer.id}
    )
    mandate = case.env["service.mandate"].create(
        {
            "partner_id": customer.id,
            "partner_bank_id": account.id,
            "signature_date": fields.Date.to_date("2026-01-15"),
        }
    )
    if validate:
        mandate.action_validate()
    return mandate


def _debit_order(case):
    """A draft order, and a direct-debit customer's invoice due for it."""
    setup = _setup(case)
    mandate = _mandate(case, validate=True)
    invoice = _invoice(case, mandate.partner_id, 120, invoice_date_due=case.today)
    order = case.env["service.debit.order"].create(
        {
            "journal_id": setup["journal"].id,
            "collection_date": case.today,
            "date_due_until": case.today,
        }
    )
    return order, invoice


def _euro_setup(case):
    """Once per test: a company in euros (a pain.008 is in euros, and
    company A may keep another currency) with a bank journal, one of the
    api user's companies."""
    ready = getattr(case, "_bank_euro_setup", None)
    if ready:
        return ready
    env = case.env
    euro = env.ref("base.EUR")
    euro.active = True
    company = env["res.company"].create(
        {
            "name": "API Euro Company",
            "currency_id": euro.id,
            "service_sepa_creditor_identifier": "IT66ZZZA1B2C3D4E5F6G7H8",
        }
    )
    env["account.chart.template"].try_loading(
        "generic_coa", company, install_demo=False
    )
    # the chart sets its own currency; no entry exists yet to keep it
    company.currency_id = euro
    case.api_user.sudo().write({"company_ids": [Command.link(company.id)]})
    bank_account = env["res.partner.bank"].create(
        {
            "acc_number": COMPANY_IBAN,
            "partner_id": company.partner_id.id,
            "company_id": company.id,
        }
    )
    journal = env["account.journal"].create(
        {
            "name": "API euro bank",
            "code": "APIEU",
            "type": "bank",
            "company_id": company.id,
            "bank_account_id": bank_account.id,
            "service_pain_version": "02",
        }
    )
    case._bank_euro_setup = ready = {"company": company, "journal": journal}
    return ready


def _euro_debit_order(case):
    """A gathered order of the euro company, ready to export."""
    setup = _euro_setup(case)
    company = setup["company"]
    customer = case.env["res.partner"].create(
        {
            "name": "API euro customer",
            "is_company": True,
            "company_id": company.id,
            "service_payment_mode": "direct_debit",
        }
    )
    account = case.env["res.partner.bank"].create(
        {"acc_number": DEBTOR_IBAN, "partner_id": customer.id}
    )
    mandate = case.env["service.mandate"].create(
        {
            "partner_id": customer.id,
            "partner_bank_id": account.id,
            "company_id": company.id,
            "signature_date": fields.Date.to_date("2026-01-15"),
        }
    )
    mandate.action_validate()
    _invoice(case, customer, 75, company_id=company.id, invoice_date_due=case.today)
    order = case.env["service.debit.order"].create(
        {
            "company_id": company.id,
            "journal_id": setup["journal"].id,
            "collection_date": case.today,
            "date_due_until": case.today,
        }
    )
    order.action_gather()
    case.assertEqual(len(order.line_ids), 1)
    return order


def _exported_debit_order(case):
    """An exported order (the pain.008 needs euros, which the company may
    not keep: the order is marked exported as the superuser instead)."""
    order, invoice = _debit_order(case)
    order.action_gather()
    order.write({"state": "exported"})
    order.line_ids.write({"state": "sent"})
    return order, invoice


def _posted_debit_line(case):
    """A posted transaction."""
    order, invoice = _exported_debit_order(case)
    order.action_post()
    line = invoice.service_debit_line_id
    case.assertEqual(line.state, "posted")
    return line


def _riba_order(case, state="draft", due_now=False):
    """A RiBa order holding a fresh instalment, in ``state`` (due today
    with ``due_now``)."""
    setup = _setup(case)
    customer = _customer(case, "riba")
    customer.write(
        {"bank_ids": [Command.create({"acc_number": ITALIAN_IBAN})], "ref": "C-API"}
    )
    _invoice(
        case,
        customer,
        90,
        invoice_payment_term_id=setup["riba_term_now" if due_now else "riba_term"].id,
    )
    order = case.env["service.riba.order"].create(
        {
            "journal_id": setup["journal"].id,
            # due today: only the instalment made here
            "date_due_until": case.today
            if due_now
            else case.today + timedelta(days=400),
        }
    )
    if state in ("gathered", "exported", "accredited"):
        order.action_gather()
    if state in ("exported", "accredited"):
        order.action_export()
    if state == "accredited":
        order.action_accredit()
    return order


def _statement_line(case, amount, text, partner=None):
    setup = _setup(case)
    return case.env["account.bank.statement.line"].create(
        {
            "journal_id": setup["journal"].id,
            "date": case.today,
            "amount": amount,
            "payment_ref": text,
            "partner_id": partner.id if partner else False,
        }
    )


def _line_to_match(case):
    """An imported line naming an open invoice's number, not matched yet."""
    invoice = _invoice(case, _customer(case), 65, invoice_date_due=case.today)
    return _statement_line(case, 65, f"payment {invoice.name}")


def _matched_line(case):
    line = _line_to_match(case)
    line.action_service_match()
    case.assertEqual(line.service_match_state, "auto")
    return line


def _line_under_review(case):
    """A line of a known customer, for another amount than his one invoice:
    under review, his invoice the single suggestion."""
    customer = _customer(case)
    _invoice(case, customer, 100, invoice_date_due=case.today)
    line = _statement_line(case, 55, "on account", customer)
    line.action_service_match()
    case.assertEqual(line.service_match_state, "review")
    case.assertEqual(len(line.service_suggested_move_ids), 1)
    return line


def _import_wizard(case):
    _setup(case)
    number = next(case._bank_setup["counter"])
    currency = case.company_a.currency_id.name
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
        "<BkToCstmrStmt><GrpHdr><MsgId>API-MSG</MsgId>"
        "<CreDtTm>2026-12-03T10:00:00</CreDtTm></GrpHdr>"
        f"<Stmt><Id>API-STMT-{number}</Id><CreDtTm>2026-12-03T10:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{COMPANY_IBAN}</IBAN></Id><Ccy>{currency}</Ccy></Acct>"
        f"<Ntry><NtryRef>API-{number}</NtryRef>"
        f'<Amt Ccy="{currency}">42.00</Amt>'
        "<CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        "<BookgDt><Dt>2026-12-03</Dt></BookgDt><ValDt><Dt>2026-12-03</Dt></ValDt>"
        f"<AcctSvcrRef>API-REF-{number}</AcctSvcrRef>"
        "<AddtlNtryInf>Transfer from nobody known</AddtlNtryInf>"
        "</Ntry></Stmt></BkToCstmrStmt></Document>"
    ).encode()
    return case.env["service.bank.statement.import"].create(
        {"file": base64.b64encode(data), "filename": "statement.xml"}
    )


def bank_cases(case):
    """(model, method) -> prepare(): (ids or values, named arguments)."""
    return {
        ("service.mandate", "action_validate"): lambda: (_mandate(case).ids, {}),
        ("service.mandate", "action_revoke"): lambda: (
            _mandate(case, validate=True).ids,
            {},
        ),
        ("service.debit.order", "action_gather"): lambda: (
            _debit_order(case)[0].ids,
            {},
        ),
        ("service.debit.order", "action_export"): lambda: (
            _euro_debit_order(case).ids,
            {},
        ),
        ("service.debit.order", "action_post"): lambda: (
            _exported_debit_order(case)[0].ids,
            {},
        ),
        ("service.debit.return.wizard", "create"): lambda: (
            {"debit_line_id": _posted_debit_line(case).id, "reason": "AM04"},
            {},
        ),
        ("service.debit.return.wizard", "action_confirm"): lambda: (
            case.env["service.debit.return.wizard"]
            .create(
                {
                    "debit_line_id": _posted_debit_line(case).id,
                    "reason": "MD06",
                    "fee": 4.0,
                }
            )
            .ids,
            {},
        ),
        ("service.riba.order", "action_credit"): lambda: (
            _riba_order(case, "accredited", due_now=True).ids,
            {},
        ),
        ("service.riba.order.line", "action_credit"): lambda: (
            _riba_order(case, "accredited").line_ids.ids,
            {},
        ),
        ("service.debit.order.line", "action_return"): lambda: (
            _posted_debit_line(case).ids,
            {"reason": "AM04"},
        ),
        ("service.riba.order", "action_gather"): lambda: (_riba_order(case).ids, {}),
        ("service.riba.order", "action_export"): lambda: (
            _riba_order(case, "gathered").ids,
            {},
        ),
        ("service.riba.order", "action_accredit"): lambda: (
            _riba_order(case, "exported").ids,
            {},
        ),
        ("service.riba.order", "action_cancel"): lambda: (
            _riba_order(case, "gathered").ids,
            {},
        ),
        ("service.riba.order.line", "action_unpaid"): lambda: (
            _riba_order(case, "accredited").line_ids.ids,
            {},
        ),
        ("service.riba.order.line", "action_recall"): lambda: (
            _riba_order(case, "exported").line_ids.ids,
            {},
        ),
        ("service.bank.statement.import", "action_import"): lambda: (
            _import_wizard(case).ids,
            {},
        ),
        ("account.bank.statement.line", "action_service_match"): lambda: (
            _line_to_match(case).ids,
            {},
        ),
        ("account.bank.statement.line", "action_service_apply_suggestion"): lambda: (
            _line_under_review(case).ids,
            {},
        ),
        ("account.bank.statement.line", "action_service_undo_match"): lambda: (
            _matched_line(case).ids,
            {},
        ),
    }


def bank_outcomes(case):
    """(model, method) -> (field, value) or a function of the records."""
    return {
        ("service.mandate", "action_validate"): ("state", "valid"),
        ("service.mandate", "action_revoke"): ("state", "revoked"),
        ("service.debit.order", "action_gather"): lambda orders: (
            case.assertTrue(orders.line_ids),
            case.assertEqual(orders.state, "draft"),
        ),
        ("service.debit.order", "action_export"): lambda orders: (
            case.assertEqual(orders.state, "exported"),
            case.assertTrue(orders.file),
            case.assertEqual(set(orders.line_ids.mapped("state")), {"sent"}),
        ),
        ("service.debit.order", "action_post"): lambda orders: (
            case.assertEqual(orders.state, "posted"),
            case.assertEqual(orders.move_id.state, "posted"),
            case.assertEqual(orders.line_ids.invoice_ids.amount_residual, 0),
        ),
        ("service.debit.return.wizard", "action_confirm"): lambda wizards: (
            case.assertEqual(wizards.debit_line_id.state, "returned"),
            case.assertEqual(wizards.debit_line_id.return_reason, "MD06"),
            case.assertEqual(wizards.debit_line_id.fee_invoice_id.amount_total, 4.0),
        ),
        ("service.riba.order", "action_credit"): lambda orders: case.assertEqual(
            set(orders.line_ids.mapped("state")), {"credited"}
        ),
        ("service.riba.order.line", "action_credit"): lambda lines: (
            case.assertEqual(set(lines.mapped("state")), {"credited"}),
            case.assertEqual(len(lines.credit_line_id), len(lines)),
            case.assertFalse(any(lines.credit_line_id.mapped("reconciled"))),
        ),
        ("service.debit.order.line", "action_return"): lambda lines: (
            case.assertEqual(lines.state, "returned"),
            case.assertEqual(lines.return_reason, "AM04"),
            case.assertEqual(lines.mandate_id.return_count, 1),
        ),
        ("service.riba.order", "action_gather"): lambda orders: case.assertTrue(
            orders.line_ids
        ),
        ("service.riba.order", "action_export"): lambda orders: (
            case.assertEqual(orders.state, "exported"),
            case.assertTrue(orders.file),
        ),
        ("service.riba.order", "action_accredit"): lambda orders: (
            case.assertEqual(orders.state, "accredited"),
            case.assertTrue(orders.move_id),
        ),
        ("service.riba.order", "action_cancel"): ("state", "cancel"),
        ("service.riba.order.line", "action_unpaid"): lambda lines: (
            case.assertEqual(set(lines.mapped("state")), {"unpaid"}),
            case.assertTrue(all(lines.mapped("unpaid_move_id"))),
        ),
        ("service.riba.order.line", "action_recall"): lambda lines: case.assertEqual(
            set(lines.mapped("state")), {"recalled"}
        ),
        ("service.bank.statement.import", "action_import"): lambda wizards: (
            case.assertIn("1 transactions imported", wizards.summary),
            case.assertTrue(wizards.statement_ids.line_ids),
        ),
        ("account.bank.statement.line", "action_service_match"): lambda lines: (
            case.assertEqual(lines.service_match_state, "auto"),
            case.assertEqual(lines.service_match_rule, "invoice_number"),
            case.assertTrue(lines.is_reconciled),
        ),
        ("account.bank.statement.line", "action_service_apply_suggestion"): (
            "service_match_state",
            "manual",
        ),
        ("account.bank.statement.line", "action_service_undo_match"): lambda lines: (
            case.assertEqual(lines.service_match_state, "review"),
            case.assertFalse(lines.is_reconciled),
        ),
    }
