# covers: BAS-02, CON-04
"""Supervisors get the least accounting rights their work needs: Odoo's
"Invoicing" level (account.group_account_invoice), the lowest that creates
and posts the invoices of a billing run; never the full accounting features
nor accounting administration (issue 16)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ContractCase

ABOVE_INVOICING = (
    "account.group_account_basic",
    "account.group_account_user",
    "account.group_account_manager",
)


@tagged("post_install", "-at_install")
class TestSupervisorAccountingRights(ContractCase):
    def test_supervisor_has_invoicing_and_nothing_above(self):
        for role in ("supervisor", "manager"):
            user = self.users[role]
            with self.subTest(role=role):
                self.assertTrue(user.has_group("account.group_account_invoice"))
                for group in ABOVE_INVOICING:
                    self.assertFalse(user.has_group(group), group)
        self.assertFalse(
            self.users["service_user"].has_group("account.group_account_invoice")
        )

    def test_supervisor_cannot_configure_accounting(self):
        supervisor = self.users["supervisor"]
        for model, values in (
            ("account.journal", {"name": "Side", "code": "SIDE", "type": "sale"}),
            ("account.tax", {"name": "Zero", "amount": 0}),
            (
                "account.account",
                {"name": "Side", "code": "999999", "account_type": "income"},
            ),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(supervisor).create(values)

    def test_supervisor_still_bills_and_posts(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        run = self._run(user=self.users["supervisor"])
        self.assertEqual(run.invoice_ids.service_contract_id, contract)
        self.assertEqual(run.invoice_ids.state, "posted")
