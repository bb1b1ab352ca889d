# covers: BNK-01
from odoo import fields, models

# the R-transaction reason codes (ISO 20022 ExternalReturnReason1Code /
# EPC guidance) a staff member registers by hand most often
RETURN_REASONS = [
    ("AC01", "AC01 – Account identifier incorrect"),
    ("AC04", "AC04 – Account closed"),
    ("AC06", "AC06 – Account blocked"),
    ("AG01", "AG01 – Transaction forbidden on this account"),
    ("AM04", "AM04 – Insufficient funds"),
    ("MD01", "MD01 – No valid mandate"),
    ("MD06", "MD06 – Refund requested by the customer"),
    ("MD07", "MD07 – Customer deceased"),
    ("MS02", "MS02 – Refused by the customer, no reason given"),
    ("MS03", "MS03 – Reason not specified by the bank"),
    ("SL01", "SL01 – Specific service offered by the customer's bank"),
]


class ServiceDebitReturnWizard(models.TransientModel):
    """Register a return or reject (R-transaction) of a posted direct-debit
    transaction that the bank reported outside a statement (a letter, the
    bank's portal): the invoices open again, the return counts against the
    mandate and an optional fee is invoiced."""

    _name = "service.debit.return.wizard"
    _description = "Register Direct Debit Return"
    _check_company_auto = True

    debit_line_id = fields.Many2one(
        "service.debit.order.line",
        "Transaction",
        required=True,
        readonly=True,
        check_company=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="debit_line_id.company_id")
    currency_id = fields.Many2one(related="debit_line_id.currency_id")
    partner_id = fields.Many2one(related="debit_line_id.partner_id")
    amount = fields.Monetary(related="debit_line_id.amount")
    reason = fields.Selection(
        RETURN_REASONS,
        "Reason Code",
        required=True,
        help="The R-transaction reason code given by the bank. AC04, AC06, MD01 "
        "and MD07 also revoke the mandate.",
    )
    fee = fields.Monetary(
        "Return Fee",
        help="Charged to the customer on a new invoice; leave 0 for none.",
    )

    def action_confirm(self):
        self.ensure_one()
        # the transaction's own method checks the group, the company and state
        self.debit_line_id.action_return(self.reason, fee=self.fee)
        return {"type": "ir.actions.act_window_close"}
