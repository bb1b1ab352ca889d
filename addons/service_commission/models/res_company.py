# covers: AGT-03
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_commission_account_id = fields.Many2one(
        "account.account",
        "Commission Expense Account",
        check_company=True,
        help="Account of the lines of the agents' commission bills.",
    )
    service_commission_journal_id = fields.Many2one(
        "account.journal",
        "Commission Journal",
        check_company=True,
        domain="[('type', '=', 'purchase')]",
        help="Purchase journal of the agents' commission bills; empty: the "
        "company's first purchase journal.",
    )
    service_commission_post_bills = fields.Boolean(
        "Post Commission Bills",
        help="Commission bills are posted at once; unticked, they are left as "
        "drafts for the accountant.",
    )
