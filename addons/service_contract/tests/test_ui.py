# covers: CON-01, CON-02, CON-04
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContractUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(
            cls.env,
            login="billing_supervisor",
            password="billing-Secret-2026",
            groups="service_base.group_service_supervisor",
            name="Billing Supervisor",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Harbour Authority",
                "service_is_customer": True,
                "is_company": True,
            }
        )
        tax = cls.env["account.tax"].create(
            {"name": "VAT 15%", "amount": 15, "type_tax_use": "sale"}
        )
        cls.env["product.product"].create(
            [
                {
                    "name": "Patrol visit",
                    "type": "service",
                    "list_price": 20,
                    "service_fee_method": "per_unit",
                    "taxes_id": [(6, 0, tax.ids)],
                },
                {
                    "name": "Static guard",
                    "type": "service",
                    "list_price": 100,
                    "service_fee_method": "fixed",
                    "taxes_id": [(6, 0, tax.ids)],
                },
            ]
        )

    def test_supervisor_creates_confirms_and_bills_a_contract(self):
        """A supervisor creates a contract of two lines in the web client,
        confirms it (no approval rule: active at once), runs billing and gets
        one posted invoice of 3 x 20 per unit + 100 fixed."""
        self.start_tour(
            "/odoo/action-service_contract.service_contract_action",
            "service_contract_create_and_bill",
            login="billing_supervisor",
        )
        contract = self.env["service.contract"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.create_uid, self.supervisor)
        self.assertEqual(
            sorted(contract.line_ids.mapped("product_id.name")),
            ["Patrol visit", "Static guard"],
        )
        invoices = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.state, "posted")
        self.assertEqual(invoices.partner_id, self.customer)
        self.assertAlmostEqual(invoices.amount_untaxed, 160.0)
        self.assertAlmostEqual(invoices.amount_total, 184.0)
        self.assertEqual(invoices.service_billing_run_id.create_uid, self.supervisor)
        self.assertEqual(invoices.service_billing_run_id.state, "done")
