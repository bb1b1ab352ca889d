# covers: COL-01
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda m: m.move_type == "out_invoice")
        if invoices:
            # advances received earlier pay the new invoices at once
            advances = (
                self.env["account.payment"]
                .sudo()
                .search(
                    [
                        ("service_receipt_kind", "=", "advance"),
                        ("state", "in", ("in_process", "paid")),
                        ("is_reconciled", "=", False),
                        (
                            "partner_id",
                            "in",
                            invoices.commercial_partner_id.ids,
                        ),
                        ("company_id", "in", invoices.company_id.ids),
                    ],
                    order="date, id",
                )
            )
            for advance in advances:
                advance._service_reconcile_oldest_first(
                    invoices.filtered(
                        lambda m, p=advance: (
                            m.commercial_partner_id == p.partner_id
                            and m.company_id == p.company_id
                        )
                    )
                )
        return posted
