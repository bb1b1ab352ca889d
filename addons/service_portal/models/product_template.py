# covers: PRT-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    service_sale_contract = fields.Selection(
        [
            ("none", "No contract"),
            ("draft", "Draft contract, completed by staff"),
            ("confirm", "Confirmed contract (approval where a rule applies)"),
        ],
        string="Contract on Sale",
        default="none",
        required=True,
        tracking=True,
        help="What a confirmed sales order or paid shop order of this service "
        "starts. Draft: a draft contract for staff to complete and confirm. "
        "Confirmed: the contract is confirmed at once (active, or waiting for "
        "approval where an approval rule applies) and bills its first period "
        "from the order date; an online payment settles that first invoice.",
    )

    @api.constrains("service_sale_contract", "service_fee_method")
    def _check_service_sale_contract(self):
        for template in self:
            if (
                template.service_sale_contract == "confirm"
                and template.service_fee_method == "formula"
            ):
                raise ValidationError(
                    self.env._(
                        "Contract on Sale: %(service)s is billed by formula, whose "
                        "formula and inputs staff set on the contract; choose "
                        "'Draft contract'.",
                        service=template.display_name,
                    )
                )
