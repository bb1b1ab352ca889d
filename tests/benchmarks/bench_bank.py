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

The OCA side (account_banking_sepa_direct_debit 19.0 unpacked from PyPI) is
not implemented yet: ``ratio=n/a`` says so instead of a made-up figure.
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
CHUNK = 500


def debtor_iban(index):
    from stdnum import iban  # noqa: PLC0415

    bban = f"37040044{index:010d}"
    return f"DE{iban.calc_check_digits('DE00' + bban)}{bban}"


def open_registry(db):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-c", str(CONFIG), f"--addons-path={ADDONS}", "-d", db, "--log-level=warn"]
    )
    return Registry(db)


def setup(db, count):
    from odoo import Command, api  # noqa: PLC0415

    registry = open_registry(db)
    quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, quiet)
        company = env.company
        euro = env.ref("base.EUR")
        euro.active = True
        company.write(
            {
                "currency_id": euro.id,
                "service_sepa_creditor_identifier": "IT66ZZZA1B2C3D4E5F6G7H8",
            }
        )
        company._service_bank_setup()
        journal = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        account = env["res.partner.bank"].create(
            {"acc_number": COMPANY_IBAN, "partner_id": company.partner_id.id}
        )
        journal.write({"bank_account_id": account.id, "service_pain_version": "08"})
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
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": date.today(),
                        "invoice_date_due": date.today(),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Guarding",
                                    "quantity": 1,
                                    "price_unit": 100 + number % 50,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for number, partner in zip(numbers, partners, strict=True)
                ]
            )
            invoices.action_post()
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
    print(
        f"ratio=n/a order_seconds={order_seconds:.2f} "
        f"match_per_s={rate:.1f} peak_rss_mb={peak:.0f}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invoices", type=int, default=1000)
    parser.add_argument("--template", default="service_template")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--phase", choices=["setup", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--journal", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "setup":
        return setup(args.db, args.invoices)
    if args.phase == "run":
        return run(args.db, args.journal, args.invoices)
    db = f"service_bench_bank_{os.getpid()}"
    quiet = dict(os.environ, PGOPTIONS="--client-min-messages=warning")
    subprocess.run(["dropdb", "--if-exists", db], check=True, env=quiet)
    try:
        subprocess.run(["createdb", "-T", args.template, db], check=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "odoo", "-c", str(CONFIG)),
                *(f"--addons-path={ADDONS}", "-d", db, "-i", "service_bank"),
                *("--stop-after-init", "--log-level=warn"),
            ],
            check=True,
        )
        me = [sys.executable, __file__, "--db", db, "--invoices", str(args.invoices)]
        output = subprocess.run(
            [*me, "--phase", "setup"], check=True, stdout=subprocess.PIPE, text=True
        ).stdout
        journal = output.strip().splitlines()[-1].split("=")[1]
        output = subprocess.run(
            [*me, "--phase", "run", "--journal", journal],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        print(output.strip())
    finally:
        if args.keep_db:
            print(f"database {db} kept", file=sys.stderr)
        else:
            subprocess.run(["dropdb", "--if-exists", db], check=False, env=quiet)


if __name__ == "__main__":
    main()
