# covers: COL-01
from odoo import api, fields, models
from odoo.exceptions import UserError


class ServiceReceiptCancellation(models.Model):
    """Cancelling a posted receipt is authorised through the approval engine;
    once approved the payment is reset and cancelled the way Odoo does it, so
    its entry leaves the ledger and the invoices are open again."""

    _name = "service.receipt.cancellation"
    _description = "Receipt Cancellation Request"
    _inherit = ["service.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # covers: COL-01, API-01 (cancelled only by the approval)
    _service_protected_fields = ("done",)
    _approval_amount_field = "amount"

    payment_id = fields.Many2one(
        "account.payment",
        string="Receipt",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('payment_type', '=', 'inbound'), "
        "('state', 'in', ('in_process', 'paid'))]",
    )
    company_id = fields.Many2one(
        related="payment_id.company_id", store=True, index=True, precompute=True
    )
    # shown to Services users who have no accounting rights on the payment
    payment_name = fields.Char(related="payment_id.name", string="Receipt Number")
    partner_id = fields.Many2one(related="payment_id.partner_id", store=True)
    currency_id = fields.Many2one(related="payment_id.currency_id")
    amount = fields.Monetary(related="payment_id.amount", store=True)
    reason = fields.Text(required=True, tracking=True)
    done = fields.Boolean("Receipt Cancelled", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            if request.payment_id.state not in ("in_process", "paid"):
                raise UserError(
                    self.env._(
                        "Receipt: %(receipt)s is not posted; only a posted receipt "
                        "needs an authorised cancellation.",
                        receipt=request.payment_id.display_name,
                    )
                )
            if request.payment_id.service_cheque_id.state in ("deposited", "cleared"):
                raise UserError(
                    self.env._(
                        "Receipt: the cheque of %(receipt)s is already deposited; "
                        "bounce the cheque instead.",
                        receipt=request.payment_id.display_name,
                    )
                )
            request._ensure_default_rule()
        return requests

    def _approval_default_rule_values(self, company):
        """A company gets a one-level rule (Services manager) the first time
        one of its receipts is to be cancelled; managers may edit it."""
        return {
            "name": self.env._("Receipt cancellation"),
            "level_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": 10,
                        "name": self.env._("Manager"),
                        "group_id": self.env.ref(
                            "service_base.group_service_manager"
                        ).id,
                    },
                )
            ],
        }

    def _on_approval_approved(self):
        for request in self:
            payment = request.payment_id.sudo()
            # Odoo resets the posted entry (unreconciling it) and cancels it
            payment.action_cancel()
            # a cheque whose receipt is cancelled is no longer in the books
            payment.service_cheque_id._service_write_protected(
                {"state": "draft", "payment_id": False}
            )
            request.sudo().done = True
            payment.message_post(
                body=self.env._(
                    "Receipt cancelled (authorised): %(reason)s",
                    reason=request.reason,
                )
            )
