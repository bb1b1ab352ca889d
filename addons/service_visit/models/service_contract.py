# covers: VIS-02
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError


class ServiceContract(models.Model):
    _inherit = "service.contract"

    visit_count = fields.Integer("Visits", compute="_compute_visit_count")
    item_count = fields.Integer("Installed Items", compute="_compute_visit_count")

    def _compute_visit_count(self):
        visits = dict(
            self.env["service.visit"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        items = dict(
            self.env["service.item"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.visit_count = visits.get(contract, 0)
            contract.item_count = items.get(contract, 0)

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_visit.service_visit_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def action_view_items(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_visit.service_item_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def action_generate_visits(self):
        """Plan the visits of this contract now, up to the company's horizon,
        instead of waiting for the daily planning."""
        for contract in self:
            if contract.state != "active":
                raise UserError(
                    self.env._(
                        "Status: %(contract)s is not active; visits are planned "
                        "for active contracts only, activate it first.",
                        contract=contract.display_name,
                    )
                )
        visits = self._generate_visits()
        if not visits:
            # say so rather than open an empty list (issue 17)
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "title": self.env._("Nothing to plan"),
                    "message": self.env._(
                        "Every visit due within the planning horizon is planned "
                        "already, or no line of the contract has a visit "
                        "frequency."
                    ),
                    "sticky": False,
                },
            }
        if len(self) == 1:
            return self.action_view_visits()
        return True

    def _generate_visits(self, date_from=None, date_until=None):
        """Plan the visits of these active contracts due from ``date_from``
        (default today) to ``date_until`` (default today + the company's
        horizon); returns the visits created."""
        today = fields.Date.context_today(self)
        date_from = date_from or today
        visits = self.env["service.visit"]
        for company, contracts in (
            self.filtered(lambda c: c.state == "active").grouped("company_id").items()
        ):
            until = date_until or today + timedelta(
                days=company.service_visit_horizon_days
            )
            lines = contracts.line_ids.filtered(
                lambda line: line.visit_frequency not in (False, "none")
            )
            visits |= (
                self.env["service.visit"]
                .with_company(company)
                ._generate_from_lines(lines.ids, date_from, until)
            )
        return visits

    def _visit_cancel_domain(self, date):
        return [
            ("contract_id", "in", self.ids),
            ("state", "=", "planned"),
            ("date_due", ">", date),
        ]

    def _cancel_future_visits(self, date):
        """Cancel the planned visits of these contracts due after ``date``
        (the last day of service), e.g. when a cancellation takes effect.
        Visits already done stay as they are. Returns the cancelled visits."""
        visits = self.env["service.visit"].search(self._visit_cancel_domain(date))
        if visits:
            visits.action_cancel()
        return visits
