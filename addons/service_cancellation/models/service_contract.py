# covers: CAN-01, CAN-02
from odoo import api, fields, models


class ServiceContract(models.Model):
    _inherit = "service.contract"

    service_cancellation_ids = fields.One2many(
        "service.cancellation", "contract_id", string="Cancellations"
    )
    service_cancellation_count = fields.Integer(
        "Cancellation Count", compute="_compute_service_cancellation_count"
    )

    @api.depends("service_cancellation_ids")
    def _compute_service_cancellation_count(self):
        counts = dict(
            self.env["service.cancellation"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.service_cancellation_count = counts.get(contract, 0)

    def _service_cancellable_in_portal(self):
        """A running contract without a cancellation already under way."""
        self.ensure_one()
        return self.state in ("active", "suspended") and not (
            self.service_cancellation_ids.filtered(
                lambda c: c.state in ("draft", "waiting", "approved")
            )
        )

    def action_new_service_cancellation(self):
        """Record the customer's notice on this contract."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.cancellation",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_contract_id": self.id},
        }

    def action_view_service_cancellations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_cancellation.service_cancellation_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action
