# covers: DUN-03
from odoo import api, fields, models


class ServiceInstalmentPlanLine(models.Model):
    """One instalment: what is due when."""

    _name = "service.instalment.plan.line"
    _description = "Instalment"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "service.instalment.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    sequence = fields.Integer(default=1)
    date_due = fields.Date("Due Date", required=True)
    amount_principal = fields.Monetary("Principal Amount")
    amount_interest = fields.Monetary("Interest")
    amount_fee = fields.Monetary("Fee")
    amount = fields.Monetary(compute="_compute_amount", store=True)
    amount_paid = fields.Monetary("Paid", compute="_compute_paid")
    payment_state = fields.Selection(
        [("paid", "Paid"), ("partial", "Partly paid"), ("open", "Open")],
        compute="_compute_paid",
    )

    @api.depends("amount_principal", "amount_interest", "amount_fee")
    def _compute_amount(self):
        for line in self:
            line.amount = line.amount_principal + line.amount_interest + line.amount_fee

    def _compute_paid(self):
        """The plan's payments fill its instalments oldest first."""
        for plan in self.plan_id:
            paid = plan.amount_paid
            for line in plan.line_ids.sorted(
                lambda instalment: (instalment.sequence, instalment.id)
            ):
                line.amount_paid = min(paid, line.amount)
                paid = max(paid - line.amount, 0.0)
                if line.currency_id.is_zero(line.amount - line.amount_paid):
                    line.payment_state = "paid"
                elif line.amount_paid:
                    line.payment_state = "partial"
                else:
                    line.payment_state = "open"
