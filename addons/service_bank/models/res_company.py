# covers: BNK-01
from stdnum.eu import at_02

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    service_sepa_creditor_identifier = fields.Char(
        "SEPA Creditor Identifier",
        help="Identifier the company's bank gave it for SEPA direct debits, "
        "e.g. IT66ZZZA1B2C3D4E5F6G7H8.",
    )
    service_riba_sia_code = fields.Char(
        "RiBa SIA Code", size=5, help="Five-character SIA code of the company (CBI)."
    )
    service_debit_transit_account_id = fields.Many2one(
        "account.account",
        "Direct Debits in Transit",
        check_company=True,
        help="Collection orders are posted to this account until the bank "
        "credits them.",
    )
    service_riba_transit_account_id = fields.Many2one(
        "account.account",
        "RiBa Subject to Collection",
        check_company=True,
        help="Accredited RiBa receipts (salvo buon fine) wait on this account "
        "until the bank credits them.",
    )
    service_riba_credit_account_id = fields.Many2one(
        "account.account",
        "RiBa Credited by the Bank",
        check_company=True,
        help="RiBa receipts credited on their due date wait on this account "
        "until the credit shows on the bank statement.",
    )

    @api.constrains("service_sepa_creditor_identifier")
    def _check_service_sepa_creditor_identifier(self):
        for company in self:
            identifier = company.service_sepa_creditor_identifier
            if identifier and not at_02.is_valid(identifier):
                raise ValidationError(
                    self.env._(
                        "SEPA Creditor Identifier: '%(identifier)s' is not valid "
                        "(country, check digits, business code ZZZ and national "
                        "identifier, e.g. IT66ZZZA1B2C3D4E5F6G7H8); copy it from "
                        "your bank's letter.",
                        identifier=identifier,
                    )
                )

    def _service_bank_setup(self):
        """Create the accounts in transit a company misses; safe to rerun."""
        Account = self.env["account.account"].sudo()
        for company in self:
            values = {}
            for field, name, prefix in (
                (
                    "service_debit_transit_account_id",
                    "Direct Debits in Transit",
                    "1019",
                ),
                (
                    "service_riba_transit_account_id",
                    "RiBa Subject to Collection",
                    "1020",
                ),
                (
                    "service_riba_credit_account_id",
                    "RiBa Credited by the Bank",
                    "1021",
                ),
            ):
                if company[field]:
                    continue
                values[field] = (
                    Account.with_company(company)
                    .create(
                        {
                            "name": name,
                            "code": company._service_free_account_code(prefix),
                            "account_type": "asset_current",
                            "reconcile": True,
                            "company_ids": [(6, 0, company.ids)],
                        }
                    )
                    .id
                )
            if values:
                company.sudo().write(values)
