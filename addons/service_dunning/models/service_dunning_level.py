# covers: DUN-01
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round


class ServiceDunningLevel(models.Model):
    """One step of a scenario: from how many days after the due date it
    applies, how the customer is told and what it costs him."""

    _name = "service.dunning.level"
    _description = "Dunning Level"
    _inherit = ["service.audit.mixin"]
    _order = "scenario_id, days_after_due, id"
    _check_company_auto = True
    _service_field_bounds = {
        "days_after_due": (0, 3650),
        "minimum_amount": (0, None),
        "fee_amount": (0, None),
        "fee_percent": (0, 100),
        "fee_cap": (0, None),
        "interest_rate": (0, 100),
    }

    name = fields.Char(required=True, translate=True)
    scenario_id = fields.Many2one(
        "service.dunning.scenario", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="scenario_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="scenario_id.currency_id")
    days_after_due = fields.Integer(
        required=True, help="Days after the due date of the oldest overdue item."
    )
    minimum_amount = fields.Monetary(
        "Minimum Overdue", help="Below this overdue total the level is not reached."
    )
    channel_email = fields.Boolean("E-mail", default=True)
    channel_letter = fields.Boolean(
        "Letter", help="A PDF letter to print and post (also when an e-mail fails)."
    )
    channel_sms = fields.Boolean(
        "SMS",
        help="Through the company's notification template 'dunning_reminder' "
        "(channel SMS).",
    )
    fee_type = fields.Selection(
        [("none", "No fee"), ("fixed", "Fixed amount"), ("percent", "Percentage")],
        default="none",
        required=True,
    )
    fee_amount = fields.Monetary("Fixed Fee")
    fee_percent = fields.Float("Fee (%)", help="Of the overdue total.")
    fee_cap = fields.Monetary(help="Highest percentage fee (0: none).")
    interest_rate = fields.Float(
        "Late Interest (% a year)",
        help="Charged on each overdue item for its days late, on a 365-day year.",
    )
    escalation = fields.Selection(
        [
            ("none", "None"),
            ("freeze", "Freeze the customer"),
            ("suspend", "Suspend his contracts (approval)"),
            ("legal", "Mark for legal collection"),
        ],
        default="none",
        required=True,
        help="What happens when a customer reaches this level.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        "E-mail Template",
        domain="[('model', '=', 'service.dunning.communication')]",
        help="Default: the suite's reminder e-mail with the letter attached.",
    )
    body = fields.Html(
        "Letter Text",
        translate=True,
        sanitize=True,
        help="Opening text of the letter and the e-mail, above the items.",
    )

    @api.constrains("channel_email", "channel_letter", "channel_sms")
    def _check_channel(self):
        for level in self:
            if not (level.channel_email or level.channel_letter or level.channel_sms):
                raise ValidationError(
                    self.env._(
                        "Channels: level %(level)s sends on no channel; tick "
                        "E-mail, Letter or SMS.",
                        level=level.name,
                    )
                )

    def _compute_fee(self, overdue_total):
        """Fee for a customer with ``overdue_total`` overdue."""
        self.ensure_one()
        if self.fee_type == "fixed":
            return self.fee_amount
        if self.fee_type == "percent":
            fee = self.currency_id.round(overdue_total * self.fee_percent / 100)
            if self.fee_cap:
                fee = min(fee, self.fee_cap)
            return fee
        return 0.0

    def _compute_interest(self, items):
        """Late interest on ``items`` [(residual, days late)]: simple
        interest at the annual rate per item and day, rounded once."""
        self.ensure_one()
        if not self.interest_rate:
            return 0.0
        raw = sum(
            residual * self.interest_rate / 100 * max(days, 0) / 365
            for residual, days in items
            if residual > 0
        )
        return float_round(raw, precision_rounding=self.currency_id.rounding)
