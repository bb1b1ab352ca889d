# covers: COL-03, COL-04
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_cheque_received_account_id = fields.Many2one(
        "account.account",
        string="Cheques Received Account",
        check_company=True,
        help="Post-dated cheques received and not yet deposited.",
    )
    service_cheque_transit_account_id = fields.Many2one(
        "account.account",
        string="Cheques in Transit Account",
        check_company=True,
        help="Cheques deposited at the bank and not yet cleared.",
    )
    service_cheque_journal_id = fields.Many2one(
        "account.journal",
        string="Cheque Bank Journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Bank journal of cheque receipts, deposits and clearings.",
    )
    service_collection_cash_journal_id = fields.Many2one(
        "account.journal",
        string="Collection Cash Journal",
        check_company=True,
        domain="[('type', 'in', ('cash', 'bank'))]",
        help="Journal receiving the cash handed over by the collectors.",
    )
    service_cheque_bounce_fee_product_id = fields.Many2one(
        "product.product",
        string="Bounced Cheque Fee",
        check_company=True,
        help="Invoiced to the customer when one of his cheques bounces; "
        "leave empty to charge no fee.",
    )
    service_cheque_bounce_fee_amount = fields.Monetary(
        "Bounced Cheque Fee Amount", currency_field="currency_id"
    )

    def _service_collection_setup(self):
        """Create the cheque accounts and the cash journal a company misses;
        safe to rerun."""
        Account = self.env["account.account"].sudo()
        Journal = self.env["account.journal"].sudo()
        for company in self:
            values = {}
            for field, name, prefix in (
                ("service_cheque_received_account_id", "Cheques Received", "1017"),
                ("service_cheque_transit_account_id", "Cheques in Transit", "1018"),
            ):
                if company[field]:
                    continue
                code = company._service_free_account_code(prefix)
                values[field] = (
                    Account.with_company(company)
                    .create(
                        {
                            "name": name,
                            "code": code,
                            "account_type": "asset_current",
                            "reconcile": True,
                            "company_ids": [(6, 0, company.ids)],
                        }
                    )
                    .id
                )
            if not company.service_cheque_journal_id:
                values["service_cheque_journal_id"] = Journal.search(
                    [("company_id", "=", company.id), ("type", "=", "bank")], limit=1
                ).id
            if not company.service_collection_cash_journal_id:
                journal = Journal.search(
                    [("company_id", "=", company.id), ("type", "=", "cash")], limit=1
                ) or Journal.with_company(company).create(
                    {
                        "name": "Collection Cash",
                        "code": "COLC",
                        "type": "cash",
                        "company_id": company.id,
                    }
                )
                values["service_collection_cash_journal_id"] = journal.id
            company.sudo().write(values)

    def _service_free_account_code(self, prefix):
        self.ensure_one()
        used = set(
            self.env["account.account"]
            .sudo()
            .with_company(self)
            .search([("code", "=like", f"{prefix}%")])
            .mapped("code")
        )
        number = 0
        while f"{prefix}{number:02d}" in used:
            number += 1
        return f"{prefix}{number:02d}"
