# covers: BNK-01
from odoo import fields, models

from ..tools.sepa import PAIN_VERSIONS


class AccountJournal(models.Model):
    _inherit = "account.journal"

    service_pain_version = fields.Selection(
        PAIN_VERSIONS,
        "SEPA Direct Debit Format",
        default="08",
        help="The pain.008 version this bank accepts for direct-debit orders.",
    )
