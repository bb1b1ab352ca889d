# covers: COL-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_payment_by_collector = fields.Boolean(
        "Pays by Collector",
        tracking=True,
        help="A collector calls on the customer to collect his payments.",
    )
    service_collector_id = fields.Many2one(
        "res.users",
        string="Collector",
        tracking=True,
        index="btree_not_null",
        domain=lambda self: [
            (
                "all_group_ids",
                "in",
                self.env.ref("service_base.group_service_collector").ids,
            )
        ],
    )
    service_collection_area = fields.Char(
        "Collection Area",
        tracking=True,
        help="Area or route: the collector's rounds are made per area.",
    )

    @api.constrains("service_payment_by_collector", "service_collector_id")
    def _check_service_collector(self):
        group = self.env.ref("service_base.group_service_collector")
        for partner in self:
            collector = partner.service_collector_id
            if collector and group not in collector.all_group_ids:
                raise ValidationError(
                    self.env._(
                        "Collector: %(user)s is not in the Collector group; add "
                        "him to it or choose another collector.",
                        user=collector.name,
                    )
                )
