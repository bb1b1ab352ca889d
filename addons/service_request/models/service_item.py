# covers: VIS-01, REQ-01
from odoo import fields, models


class ServiceItem(models.Model):
    _inherit = "service.item"

    request_ids = fields.One2many("service.request", "item_id", string="Requests")
    request_count = fields.Integer(compute="_compute_request_count")

    def _compute_request_count(self):
        counts = dict(
            self.env["service.request"]._read_group(
                [("item_id", "in", self.ids)], ["item_id"], ["__count"]
            )
        )
        for item in self:
            item.request_count = counts.get(item, 0)

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_request.service_request_action"
        )
        action.update(
            {
                "domain": [("item_id", "=", self.id)],
                "context": {
                    "default_item_id": self.id,
                    "default_partner_id": self.partner_id.id,
                },
            }
        )
        return action
