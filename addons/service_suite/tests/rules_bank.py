"""The service_bank documents of the rules matrix (common.RulesCase)."""

from odoo import Command, fields


def add_bank_documents(cls, add):
    """Add one document of every service_bank model with protected fields:
    ``add(model, make_vals, prepare=None)``, as in RulesCase._build_documents."""
    env = cls.env
    company = cls.company_a
    today = fields.Date.to_string(cls.today)
    journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
    )
    account = env["res.partner.bank"].create(
        {"acc_number": "DE89370400440532013000", "partner_id": cls.customer.id}
    )
    mandate = add(
        "service.mandate",
        lambda n: {
            "name": f"RULES-MANDATE-{n}",
            "company_id": company.id,
            "partner_id": cls.customer.id,
            "partner_bank_id": account.id,
            "signature_date": "2026-01-15",
        },
    )
    order = add(
        "service.debit.order",
        lambda n: {
            "company_id": company.id,
            "journal_id": journal.id,
            "date_due_until": today,
            "collection_date": today,
        },
    )
    add(
        "service.debit.order.line",
        lambda n: {
            "order_id": order.id,
            "company_id": company.id,
            "partner_id": cls.customer.id,
            "mandate_id": mandate.id,
            "amount": 100,
            "end_to_end_id": f"RULES-E2E-{n}",
        },
    )
    riba_order = add(
        "service.riba.order",
        lambda n: {
            "company_id": company.id,
            "journal_id": journal.id,
            "date_due_until": today,
        },
    )
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": cls.customer.id,
            "company_id": company.id,
            "invoice_date": cls.today,
            "invoice_date_due": cls.today,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Guarding",
                        "quantity": 1,
                        "price_unit": 100,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
    )
    invoice.action_post()
    instalment = invoice.line_ids.filtered(
        lambda line: line.account_id.account_type == "asset_receivable"
    )[:1]
    add(
        "service.riba.order.line",
        lambda n: {
            "order_id": riba_order.id,
            "company_id": company.id,
            "move_line_id": instalment.id,
            "partner_id": cls.customer.id,
            "amount": 100,
            "due_date": today,
            "reference": f"RULES-RIBA-{n}",
        },
    )
