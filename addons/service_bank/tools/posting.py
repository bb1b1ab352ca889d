# covers: BNK-01
"""One journal entry for a whole collection order (direct debit or RiBa):
receivables move to the account in transit, the invoices are reconciled in
one batch (no payment record per invoice: that is where the peers' time
goes)."""

from odoo import Command

from odoo.addons.service_base.tools.context import QUIET


def post_collection(env, journal, date, ref, transit_account, items):
    """``items``: list of (label, partner, amount, receivable move lines).
    Returns the entry and, per item, (transit line, receivable line)."""
    commands = []
    for label, partner, amount, receivables in items:
        commands += [
            Command.create(
                {
                    "name": label,
                    "partner_id": partner.id,
                    "account_id": transit_account.id,
                    "debit": amount,
                    "credit": 0.0,
                }
            ),
            Command.create(
                {
                    "name": label,
                    "partner_id": partner.id,
                    "account_id": receivables[:1].account_id.id,
                    "debit": 0.0,
                    "credit": amount,
                }
            ),
        ]
    move = (
        env["account.move"]
        .with_context(**QUIET)
        .sudo()
        .create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "company_id": journal.company_id.id,
                "date": date,
                "ref": ref,
                "line_ids": commands,
            }
        )
    )
    move.action_post()
    # the entry's lines come in pairs, in the order of the items
    entry_lines = move.line_ids.sorted("id")
    pairs = []
    plan = []
    for index, (_label, _partner, _amount, receivables) in enumerate(items):
        transit_line, receivable_line = entry_lines[2 * index : 2 * index + 2]
        pairs.append((transit_line, receivable_line))
        plan.append(receivable_line | receivables)
    env["account.move.line"].sudo()._reconcile_plan(plan)
    return move, pairs


def reverse_collection(env, journal, date, ref, item_line, amount, partner):
    """A return or unpaid receipt: debit the receivable, credit the transit
    line ``item_line`` (and reconcile them; with no transit line, credit
    ``item_line["account"]`` and leave it open). Returns the receivable
    line."""
    receivable_account = item_line["receivable"].account_id
    transit = item_line["transit"]
    credit_account = item_line.get("account") or transit.account_id
    move = (
        env["account.move"]
        .with_context(**QUIET)
        .sudo()
        .create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "company_id": journal.company_id.id,
                "date": date,
                "ref": ref,
                "line_ids": [
                    Command.create(
                        {
                            "name": ref,
                            "partner_id": partner.id,
                            "account_id": receivable_account.id,
                            "debit": amount,
                        }
                    ),
                    Command.create(
                        {
                            "name": ref,
                            "partner_id": partner.id,
                            "account_id": credit_account.id,
                            "credit": amount,
                        }
                    ),
                ],
            }
        )
    )
    move.action_post()
    back = move.line_ids.filtered(lambda aml: aml.account_id == receivable_account)
    if transit:
        (transit | (move.line_ids - back)).reconcile()
    return back


def reopen(receivable_line, counterpart):
    """The invoices reconciled with ``receivable_line`` open again; the
    order's credit is matched with ``counterpart`` (the return's debit)."""
    receivable_line.remove_move_reconcile()
    (receivable_line | counterpart).reconcile()
