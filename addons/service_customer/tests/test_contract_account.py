# covers: CUS-07
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase


@tagged("post_install", "-at_install")
class TestContractAccounts(ServiceCase):
    def test_one_customer_many_accounts(self):
        customer = self.env["res.partner"].create(
            {"name": "Retail Chain", "service_is_customer": True, "is_company": True}
        )
        site = self.env["res.partner"].create(
            {"parent_id": customer.id, "type": "invoice", "city": "Jeddah"}
        )
        Account = self.env["service.contract.account"].with_user(
            self.users["service_user"]
        )
        head_office = Account.create(
            {"partner_id": customer.id, "label": "Head office"}
        )
        branch = Account.create(
            {
                "partner_id": customer.id,
                "label": "Jeddah",
                "invoice_partner_id": site.id,
            }
        )
        self.assertRegex(head_office.name, r"^CA\d{6}$")
        self.assertNotEqual(head_office.name, branch.name)
        self.assertEqual(customer.service_contract_account_count, 2)
        self.assertEqual(branch.display_name, f"{branch.name} - Jeddah")
        action = customer.action_service_view_contract_accounts()
        self.assertEqual(
            self.env["service.contract.account"].search(action["domain"]),
            head_office | branch,
        )
