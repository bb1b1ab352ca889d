# covers: BAS-01, API-01
"""A refusal never names a record of a company the caller has no access to:
choosing another company's customer on a contract is refused without his name
(Odoo's company check reads it as superuser); callers who may read it still
get Odoo's full message (issue 16)."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestCrossCompanyMessages(ContractCase):
    def _contract_values(self, company, partner):
        return {
            "company_id": company.id,
            "partner_id": partner.id,
            "date_start": self.month_start,
            "billing_period": "monthly",
        }

    def test_other_company_customer_is_not_named(self):
        harbi = self.env["res.partner"].create(
            {
                "name": "Fahad Al-Harbi",
                "service_is_customer": True,
                "company_id": self.company_a.id,
            }
        )
        Contract = self.env["service.contract"].with_user(self.manager_b)
        with self.assertRaises(UserError) as refused:
            Contract.create(self._contract_values(self.company_b, harbi))
        message = str(refused.exception)
        self.assertIn("Customer", message)
        self.assertIn(
            "a company you have no access to; choose one of Service Company B",
            message,
        )
        self.assertNotIn("Harbi", message)
        self.assertNotIn(harbi.service_customer_code, message)
        self.assertFalse(
            self.env["service.contract"].search([("partner_id", "=", harbi.id)])
        )

    def test_readable_records_are_still_named(self):
        harbi = self.env["res.partner"].create(
            {
                "name": "Fahad Al-Harbi",
                "service_is_customer": True,
                "company_id": self.company_a.id,
            }
        )
        both = self._make_user(
            "manager_ab", "service_base.group_service_manager", self.company_a
        )
        both.company_ids = [Command.set((self.company_a | self.company_b).ids)]
        Contract = (
            self.env["service.contract"]
            .with_user(both)
            .with_context(allowed_company_ids=[self.company_b.id, self.company_a.id])
        )
        with self.assertRaisesRegex(UserError, "(?s)company inconsistencies.*Harbi"):
            Contract.create(self._contract_values(self.company_b, harbi))
