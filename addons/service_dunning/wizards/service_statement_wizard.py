# covers: DUN-04
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class ServiceStatementWizard(models.TransientModel):
    """Print or e-mail the account statements of customers over a period."""

    _name = "service.statement.wizard"
    _description = "Account Statements"

    def _default_date_from(self):
        today = fields.Date.context_today(self)
        return today.replace(day=1) - relativedelta(months=1)

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        default=lambda self: (
            self.env.context.get("active_ids")
            if self.env.context.get("active_model") == "res.partner"
            else []
        ),
    )
    date_from = fields.Date(
        "From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date("To", required=True, default=fields.Date.context_today)

    def _check_period(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(
                self.env._("From: the period starts after it ends; swap the dates.")
            )
        if not self.partner_ids:
            raise UserError(self.env._("Customers: choose at least one customer."))

    def _data(self):
        return {
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
        }

    def action_print(self):
        self._check_period()
        return self.env.ref("service_dunning.action_report_statement").report_action(
            self.partner_ids, data=self._data()
        )

    def action_send(self):
        """E-mail each customer his statement (queued), in his language."""
        self._check_period()
        self.partner_ids._service_send_statements(self.date_from, self.date_to)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _cron_send_statements(self):
        """Daily: on each company's statement day, e-mail last month's
        statements to the customers who receive them by e-mail."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search(
            [("service_statement_day", "=", today.day)]
        ):
            partners = (
                self.env["res.partner"]
                .with_company(company)
                .search(
                    [
                        ("service_statement_by_email", "=", True),
                        ("email", "!=", False),
                        ("parent_id", "=", False),
                    ]
                )
            )
            date_to = today.replace(day=1) - relativedelta(days=1)
            partners.with_company(company)._service_send_statements(
                date_to.replace(day=1), date_to
            )
