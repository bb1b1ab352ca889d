# covers: BNK-01
from odoo import fields, models

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

from ..tools import posting
from .account_move import ORDER_SWITCH


class ServiceRibaOrderLine(models.Model):
    """One RiBa receipt: one instalment (due date) of an invoice."""

    _name = "service.riba.order.line"
    _description = "RiBa Receipt"
    _inherit = ["service.audit.mixin"]
    _order = "order_id, due_date, id"
    _check_company_auto = True
    # covers: BNK-01, API-01
    _service_protected_fields = (
        "state",
        "order_id",
        "move_line_id",
        "partner_id",
        "amount",
        "due_date",
        "reference",
        "transit_line_id",
        "receivable_line_id",
        "unpaid_move_id",
    )
    _service_transitions = {
        "action_unpaid": "account.group_account_invoice",
        "action_recall": "account.group_account_invoice",
    }

    _reference_uniq = models.UniqueIndex(
        "(reference)", "RiBa reference: already used by another receipt."
    )

    order_id = fields.Many2one(
        "service.riba.order",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_line_id = fields.Many2one(
        "account.move.line", "Instalment", required=True, readonly=True, index=True
    )
    invoice_id = fields.Many2one(related="move_line_id.move_id", string="Invoice")
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True, index=True)
    amount = fields.Monetary(readonly=True)
    due_date = fields.Date(readonly=True)
    reference = fields.Char(readonly=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accredited", "Accredited"),
            ("unpaid", "Unpaid"),
            ("recalled", "Recalled"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    transit_line_id = fields.Many2one("account.move.line", readonly=True)
    receivable_line_id = fields.Many2one("account.move.line", readonly=True)
    unpaid_move_id = fields.Many2one("account.move", "Unpaid Entry", readonly=True)

    def action_unpaid(self):
        """Insoluto: the customer did not pay at the due date; the instalment
        opens again (and stays issued until it is recalled)."""
        self._service_check_transition("action_unpaid", ("accredited",))
        for line in self.sudo():
            back = posting.reverse_collection(
                self.env,
                line.order_id._entry_journal(),
                fields.Date.context_today(line),
                self.env._("Unpaid RiBa %(reference)s", reference=line.reference),
                {
                    "receivable": line.receivable_line_id,
                    "transit": line.transit_line_id,
                },
                line.amount,
                line.partner_id,
            )
            posting.reopen(line.receivable_line_id, back)
            line._service_write_protected(
                {"state": "unpaid", "unpaid_move_id": back.move_id.id}
            )
        return True

    def action_recall(self):
        """An explicit recall: the instalment may go on a new RiBa order."""
        self._service_check_transition("action_recall", ("sent", "unpaid"))
        self._release()
        self._service_write_protected({"state": "recalled"})
        return True

    def _release(self):
        with internal_switch(ORDER_SWITCH):
            self.move_line_id.sudo().write({"service_riba_line_id": False})
        self._service_write_protected({"state": "cancel"})
