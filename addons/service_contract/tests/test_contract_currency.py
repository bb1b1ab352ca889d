# covers: CON-01, BAS-01
"""A contract bills in its own company's currency: created for another
company than the user's current one, it takes that company's currency, not
the current company's (found by the demo's Czech and Gulf contracts)."""

from odoo import Command
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestContractCurrency(ContractCase):
    def test_contract_of_another_company_takes_that_companys_currency(self):
        czk = self.env.ref("base.CZK")
        czk.active = True
        crowns = self.env["res.company"].create(
            {"name": "Ostraha Test s.r.o.", "currency_id": czk.id}
        )
        manager = self.users["manager"]
        manager.company_ids = [Command.link(crowns.id)]
        customer = self.env["res.partner"].create(
            {"name": "Jan Novák", "service_is_customer": True, "company_id": crowns.id}
        )
        # the manager works in company A with both companies ticked; the
        # contract is the other company's
        contract = (
            self.env["service.contract"]
            .with_user(manager)
            .with_context(allowed_company_ids=[self.company_a.id, crowns.id])
            .create(
                {
                    "company_id": crowns.id,
                    "partner_id": customer.id,
                    "date_start": self.month_start,
                    "billing_period": "monthly",
                }
            )
        )
        self.assertEqual(contract.currency_id, czk)
        self.assertNotEqual(self.company_a.currency_id, czk)

    def test_a_currency_given_is_kept(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        contract = self.env["service.contract"].create(
            {
                "partner_id": self.customer.id,
                "currency_id": eur.id,
                "date_start": self.month_start,
                "billing_period": "monthly",
            }
        )
        self.assertEqual(contract.currency_id, eur)
