# covers: UTL-01, UTL-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .service_supply_point import BILLED_STATES


class ServiceContractLine(models.Model):
    _inherit = "service.contract.line"

    supply_point_id = fields.Many2one(
        "service.supply.point",
        check_company=True,
        index="btree_not_null",
        tracking=True,
        help="Consumption of this point's registers is fed to the line's "
        "formula inputs (by each register's input name) at billing.",
    )

    @api.constrains("supply_point_id", "product_id", "date_start", "date_end")
    def _check_supply_point_once(self):
        """A point is never on two active contracts of the same service at
        once (UTL-01)."""
        lines = self.filtered(
            lambda line: (
                line.supply_point_id and line.contract_id.state in BILLED_STATES
            )
        )
        if not lines:
            return
        others = self.search(
            [
                ("supply_point_id", "in", lines.supply_point_id.ids),
                ("contract_id.state", "in", BILLED_STATES),
            ]
        )
        for line in lines:
            for other in others:
                if (
                    other == line
                    or other.contract_id == line.contract_id
                    or other.supply_point_id != line.supply_point_id
                    or other.product_id != line.product_id
                ):
                    continue
                # the contract's own overlap rule (service_contract)
                if line._overlaps(other):
                    raise ValidationError(
                        self.env._(
                            "Supply Point: %(point)s is already billed for "
                            "%(service)s on contract %(contract)s; end that line "
                            "(or contract) before the new one starts.",
                            point=line.supply_point_id.name,
                            service=line.product_id.display_name,
                            contract=other.contract_id.name,
                        )
                    )

    def _period_amount(self, start, end, full_days, inputs, previous_amount):
        """A metered line held for its readings says why: the point and the
        reading missing or waiting for review (CON-05)."""
        values, reason = super()._period_amount(
            start, end, full_days, inputs, previous_amount
        )
        if reason and self.supply_point_id:
            held = (
                self.env["service.consumption"]
                .sudo()
                .search(
                    [
                        ("line_id", "=", self.id),
                        ("period_start", "=", start),
                        ("state", "=", "held"),
                    ],
                    limit=1,
                )
            )
            if held:
                reason = held.hold_reason
        if values and self.supply_point_id:
            fed = {
                name: inputs[name]
                for name in self.supply_point_id._input_names(self)
                if name in inputs
            }
            fed_text = ", ".join(f"{name} {value:g}" for name, value in fed.items())
            values["name"] = (
                f"{values['name']} - {self.supply_point_id.name}: {fed_text}"
            )
        return values, reason
