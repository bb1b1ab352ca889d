# covers: DUN-02
from odoo import fields, models


class ServiceDunningCommunicationLine(models.Model):
    """One overdue item listed in a communication, as it stood that day."""

    _name = "service.dunning.communication.line"
    _description = "Dunning Communication Item"
    _order = "communication_id, date_maturity, id"
    _check_company_auto = True

    communication_id = fields.Many2one(
        "service.dunning.communication",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="communication_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="communication_id.currency_id")
    move_line_id = fields.Many2one("account.move.line", "Journal Item", required=True)
    move_id = fields.Many2one("account.move", "Invoice", required=True)
    date_maturity = fields.Date("Due Date")
    amount_residual = fields.Monetary("Amount Due")
    days_late = fields.Integer()
