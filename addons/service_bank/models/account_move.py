# covers: BNK-01
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch_active,
)

from .res_partner import PAYMENT_MODES

# set only by the collection orders' own methods
ORDER_SWITCH = "service_bank_order"


class AccountMove(models.Model):
    _inherit = "account.move"

    service_payment_mode = fields.Selection(
        PAYMENT_MODES,
        "Payment Mode",
        compute="_compute_service_payment_mode",
        store=True,
        readonly=False,
        index=True,
        copy=False,
    )
    service_debit_line_id = fields.Many2one(
        "service.debit.order.line",
        "Direct Debit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The collection order transaction that collects this invoice.",
    )

    @api.depends("partner_id")
    def _compute_service_payment_mode(self):
        for move in self:
            if move.service_payment_mode:
                continue
            move.service_payment_mode = (
                move.partner_id.commercial_partner_id.service_payment_mode or "manual"
            )

    def write(self, vals):
        if "service_debit_line_id" in vals and not (
            self.env.su or internal_switch_active(ORDER_SWITCH)
        ):
            raise UserError(
                self.env._(
                    "Direct Debit of an invoice is set only by a collection "
                    "order (gather invoices on the order)."
                )
            )
        return super().write(vals)

    def _service_open_receivables(self):
        return self.line_ids.filtered(
            lambda aml: (
                aml.account_id.account_type == "asset_receivable" and not aml.reconciled
            )
        )
