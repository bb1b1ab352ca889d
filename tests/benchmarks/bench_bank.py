#!/usr/bin/env python3
"""P-BANK: a SEPA direct-debit order and the statement that pays it back.

A fresh database (service_bank installed, no demo) gets N customers with a
valid mandate each and one open posted invoice each. Timed in a new process:
building, validating (ISO 20022 schema) and posting the pain.008 order for
all of them (``order_seconds``); importing and auto-matching a CAMT.053
statement that pays 95 % of them by end-to-end id and 5 % with a text that
matches nothing (left for review) (``match_per_s``). Usage::

    python3 tests/benchmarks/bench_bank.py --invoices 10000

Last line::

    ratio=<ours/OCA> order_seconds=<s> match_per_s=<m> peak_rss_mb=<r>

The OCA side: OCA ``account_banking_sepa_direct_debit`` 19.0 and the OCA
addons it needs (``account_payment_order``, ``account_banking_mandate``,
``account_banking_pain_base``, ``account_payment_mode``), from their PyPI
wheels unpacked into the cache as bench_billing.py does, in a fresh database
of its own with the same customers, mandates and invoices. Timed the same
way: a payment order of all the invoices built (payment lines from the
journal items), confirmed (one ``account.payment`` per line), its pain.008
generated and the order uploaded (payments posted and reconciled);
``ratio`` is OCA's seconds over ours.
"""

import argparse
import base64
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "odoo.conf"
ADDONS = f"{ROOT / 'addons'},{ROOT / 'tests' / 'addons'}"
COMPANY_IBAN = "IT60X0542811101000000123456"
CREDITOR_IDENTIFIER = "IT66ZZZA1B2C3D4E5F6G7H8"
CHUNK = 500
OCA_REQUIREMENT = "odoo-addon-account_banking_sepa_direct_debit==19.0.1.1.1.6"
OCA_MODULES = "account,account_banking_sepa_direct_debit"


def debtor_iban(index):
    """A valid German IBAN (ISO 13616 check digits, mod 97), computed here:
    python-stdnum's IBAN data cannot be read under Odoo's import hook."""
    bban = f"37040044{index:010d}"
    numeric = int("".join(str(int(char, 36)) for char in f"{bban}DE00"))
    return f"DE{98 - numeric % 97:02d}{bban}"


def open_registry(db, addons=ADDONS):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-c", str(CONFIG), f"--addons-path={addons}", "-d", db, "--log-level=warn"]
    )
    return Registry(db)


def oca_addons_path():
    """Odoo's addons and OCA's, unpacked from their wheels (bench_billing)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_billing  # noqa: PLC0415

    return f"{bench_billing.ODOO_ADDONS},{bench_billing.oca_addons(OCA_REQUIREMENT)}"


def invoice_values(partners, numbers, **extra):
    return [
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": date.today(),
            "invoice_date_due": date.today(),
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "name": "Guarding",
                        "quantity": 1,
                        "price_unit": 100 + number % 50,
                        "tax_ids": [(5, 0, 0)],
                    },
                )
            ],
            **extra,
        }
        for number, partner in zip(numbers, partners, strict=True)
    ]


def company_setup(env):
    """Euros, a bank journal with the company's IBAN (both sides)."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", company)
    euro = env.ref("base.EUR")
    euro.active = True
    company.write({"currency_id": euro.id})
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    account = env["res.partner.bank"].create(
        {"acc_number": COMPANY_IBAN, "partner_id": company.partner_id.id}
    )
    journal.write({"bank_account_id": account.id})
    return company, journal


def oca_setup(db, count):
    """The same customers, bank accounts, valid mandates and open invoices
    on OCA's side, with a SEPA direct-debit payment mode."""
    from odoo import api  # noqa: PLC0415

    registry = open_registry(db, oca_addons_path())
    quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, quiet)
        company, journal = company_setup(env)
        company.write({"sepa_creditor_identifier": CREDITOR_IDENTIFIER})
        mode = env["account.payment.mode"].create(
            {
                "name": "SEPA direct debit",
                "payment_method_id": env.ref(
                    "account_banking_sepa_direct_debit.sepa_direct_debit"
                ).id,
                "bank_account_link": "fixed",
                "fixed_journal_id": journal.id,
                "payment_order_ok": True,
            }
        )
        for start in range(0, count, CHUNK):
            numbers = range(start, min(start + CHUNK, count))
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Debtor {number:06d}",
                        "bank_ids": [(0, 0, {"acc_number": debtor_iban(number)})],
                    }
                    for number in numbers
                ]
            )
            mandates = env["account.banking.mandate"].create(
                [
                    {
                        "partner_bank_id": partner.bank_ids.id,
                        "signature_date": date(2026, 1, 15),
                        "format": "sepa",
                        "type": "recurrent",
                        "recurrent_sequence_type": "recurring",
                        "scheme": "CORE",
                    }
                    for partner in partners
                ]
            )
            mandates.validate()
            invoices = env["account.move"].create(
                invoice_values(partners, numbers, payment_mode_id=mode.id)
            )
            invoices.action_post()
            env.flush_all()
            env.invalidate_all()
            cr.commit()
        print(f"journal={journal.id} mode={mode.id}", flush=True)


def oca_run(db, mode_id, count):
    """OCA's payment order over the same invoices, timed like ours."""
    from odoo import api  # noqa: PLC0415

    registry = open_registry(db, oca_addons_path())
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        started = time.perf_counter()
        order = env["account.payment.order"].create(
            {"payment_mode_id": mode_id, "payment_type": "inbound"}
        )
        receivables = env["account.move.line"].search(
            [
                ("move_id.payment_mode_id", "=", mode_id),
                ("move_id.state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
            ]
        )
        receivables.create_payment_line_from_move_line(order)
        order.draft2open()
        order.open2generated()
        order.generated2uploaded()
        env.flush_all()
        seconds = time.perf_counter() - started
        files = env["ir.attachment"].search_count(
            [("res_model", "=", "account.payment.order"), ("res_id", "=", order.id)]
        )
        paid = env["account.move"].search_count(
            [
                ("payment_mode_id", "=", mode_id),
                ("payment_state", "in", ("paid", "in_payment")),
            ]
        )
        cr.commit()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"side=oca invoices={count} lines={len(receivables)} files={files} "
        f"paid={paid} order_seconds={seconds:.2f} peak_rss_mb={peak:.0f}",
        flush=True,
    )


def setup(db, count):
    from odoo import Command, api  # noqa: PLC0415

    registry = open_registry(db)
    quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, quiet)
        company, journal = company_setup(env)
        company.write({"service_sepa_creditor_identifier": CREDITOR_IDENTIFIER})
        company._service_bank_setup()
        journal.write({"service_pain_version": "08"})
        for start in range(0, count, CHUNK):
            numbers = range(start, min(start + CHUNK, count))
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Debtor {number:06d}",
                        "service_payment_mode": "direct_debit",
                        "bank_ids": [
                            Command.create({"acc_number": debtor_iban(number)})
                        ],
                    }
                    for number in numbers
                ]
            )
            mandates = env["service.mandate"].create(
                [
                    {
                        "name": f"BENCH-{partner.id}",
                        "partner_id": partner.id,
                        "partner_bank_id": partner.bank_ids.id,
                        "signature_date": date(2026, 1, 15),
                    }
                    for partner in partners
                ]
            )
            mandates.action_validate()
            invoices = env["account.move"].create(invoice_values(partners, numbers))
            invoices.action_post()
            env.flush_all()
            env.invalidate_all()
            cr.commit()
        print(f"journal={journal.id}", flush=True)


def camt(lines):
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:'
        '20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId>'
        "<CreDtTm>2026-12-03T10:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id>"
        "<CreDtTm>2026-12-03T10:00:00</CreDtTm>"
        f"<Acct><Id><IBAN>{COMPANY_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
    ]
    for index, (amount, end_to_end, text) in enumerate(lines):
        reference = f"<EndToEndId>{end_to_end}</EndToEndId>" if end_to_end else ""
        parts.append(
            f'<Ntry><Amt Ccy="EUR">{amount:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
            "<BookgDt><Dt>2026-12-03</Dt></BookgDt>"
            f"<AcctSvcrRef>B-{index}</AcctSvcrRef><NtryDtls><TxDtls><Refs>"
            f"{reference}</Refs><RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls>"
            "</NtryDtls></Ntry>"
        )
    parts.append("</Stmt></BkToCstmrStmt></Document>")
    return "".join(parts).encode()


def run(db, journal_id, count):
    from odoo import api  # noqa: PLC0415

    registry = open_registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        started = time.perf_counter()
        order = env["service.debit.order"].create(
            {"journal_id": journal_id, "date_due_until": date.today()}
        )
        order.action_gather()
        order.action_export()
        order.action_post()
        env.flush_all()
        order_seconds = time.perf_counter() - started
        posted = len(order.line_ids.filtered(lambda line: line.state == "posted"))
        lines = [
            (
                line.amount,
                line.end_to_end_id if index % 20 else "",
                f"payment {index}",
            )
            for index, line in enumerate(order.line_ids)
        ]
        cr.commit()
        data = camt(lines)
        started = time.perf_counter()
        wizard = env["service.bank.statement.import"].create(
            {"file": base64.b64encode(data), "filename": "bench.xml"}
        )
        wizard.action_import()
        env.flush_all()
        match_seconds = time.perf_counter() - started
        statement_lines = wizard.statement_ids.line_ids
        matched = len(statement_lines.filtered(lambda line: line.is_reconciled))
        review = len(
            statement_lines.filtered(lambda line: line.service_match_state == "review")
        )
        cr.commit()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = len(statement_lines) / match_seconds
    print(
        f"side=ours invoices={count} transactions={len(lines)} posted={posted} "
        f"matched={matched} review={review} order_seconds={order_seconds:.2f} "
        f"match_seconds={match_seconds:.2f} "
        f"match_per_s={rate:.1f} peak_rss_mb={peak:.0f}",
        flush=True,
    )


def parse_result(output):
    line = [line for line in output.splitlines() if line.startswith("side=")][-1]
    return dict(pair.split("=", 1) for pair in line.split())


def dropdb(db):
    quiet = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    subprocess.run(["dropdb", "--if-exists", db], check=False, env=quiet)


def run_side(side, count, template, keep_db):
    """Fresh database, install, data (untimed), the timed run in a new
    process; returns the parsed result line of the side."""
    db = f"service_bench_bank_{side}_{os.getpid()}"
    dropdb(db)
    if side == "ours":
        # the template may hold an older service_bank: update it as well
        create, addons = ["-T", template], ADDONS
        modules = ["-i", "service_bank", "-u", "service_bank"]
    else:
        create, addons, modules = [], oca_addons_path(), ["-i", OCA_MODULES]
    try:
        subprocess.run(["createdb", *create, db], check=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
                *(f"--addons-path={addons}", "-d", db, *modules),
                *("--stop-after-init", "--log-level=warn"),
            ],
            check=True,
        )
        me = [sys.executable, __file__, "--db", db, "--invoices", str(count)]
        output = subprocess.run(
            [*me, "--phase", f"{side}-setup"],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        ids = dict(pair.split("=") for pair in output.strip().splitlines()[-1].split())
        output = subprocess.run(
            [*me, "--phase", f"{side}-run", "--journal", ids["journal"]]
            + (["--mode", ids["mode"]] if "mode" in ids else []),
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        print(output.strip(), flush=True)
        return parse_result(output)
    finally:
        if keep_db:
            print(f"database {db} kept", file=sys.stderr)
        else:
            dropdb(db)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invoices", type=int, default=1000)
    parser.add_argument("--template", default="service_template")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--only", choices=["ours", "oca"], help="run one side (no ratio)"
    )
    parser.add_argument(
        "--phase",
        choices=["ours-setup", "ours-run", "oca-setup", "oca-run"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--journal", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--mode", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "ours-setup":
        return setup(args.db, args.invoices)
    if args.phase == "ours-run":
        return run(args.db, args.journal, args.invoices)
    if args.phase == "oca-setup":
        return oca_setup(args.db, args.invoices)
    if args.phase == "oca-run":
        return oca_run(args.db, args.mode, args.invoices)
    sides = [args.only] if args.only else ["ours", "oca"]
    results = {
        side: run_side(side, args.invoices, args.template, args.keep_db)
        for side in sides
    }
    ours = results.get("ours", {})
    oca = results.get("oca", {})
    ratio = (
        f"{float(oca['order_seconds']) / float(ours['order_seconds']):.1f}"
        if ours and oca
        else "n/a"
    )
    print(
        f"ratio={ratio} order_seconds={ours.get('order_seconds', 'n/a')} "
        f"match_per_s={ours.get('match_per_s', 'n/a')} "
        f"peak_rss_mb={ours.get('peak_rss_mb', 'n/a')}",
        flush=True,
    )


if __name__ == "__main__":
    main()
