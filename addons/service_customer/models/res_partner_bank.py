# covers: CUS-01
import re

from odoo import api, models
from odoo.exceptions import ValidationError

from ..tools.identifiers import check_iban, compact

IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{8,}$")


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    @api.constrains("acc_number")
    def _check_service_iban(self):
        for account in self:
            number = compact(account.acc_number)
            if IBAN_SHAPE.match(number) and not check_iban(number):
                raise ValidationError(
                    self.env._(
                        "Account Number: '%(number)s' looks like an IBAN but its "
                        "check digits or length are wrong. An IBAN is the country "
                        "code, two check digits and the national account number, "
                        "e.g. IT60X0542811101000000123456.",
                        number=account.acc_number,
                    )
                )
