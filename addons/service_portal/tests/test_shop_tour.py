# covers: PRT-03, PRT-04
from odoo.tests import HttpCase, tagged

from .common import create_contract_service, enable_demo_provider


@tagged("post_install", "-at_install")
class TestShopTour(HttpCase):
    """A customer buys a service in the shop and pays online (payment_demo):
    his contract is active and its first invoice paid, and he sees the
    contract in /my/contracts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = create_contract_service(
            cls.env,
            model="product.template",
            name="Night patrol subscription",
            list_price=120.0,
            taxes_id=[(5, 0, 0)],
            is_published=True,
            website_id=False,
        )
        cls.customer = cls.env["res.users"].create(
            {
                "name": "Shop Contract Customer",
                "login": "shop_contract_customer",
                "password": "shop_contract_customer",
                "email": "shop.contract@example.com",
                "group_ids": [(6, 0, [cls.env.ref("base.group_portal").id])],
            }
        )
        cls.customer.partner_id.write(
            {
                "street": "Via Roma 1",
                "city": "Milano",
                "zip": "20100",
                "country_id": cls.env.ref("base.it").id,
                "state_id": cls.env.ref("base.state_it_mi").id,
                "phone": "+39 02 1234567",
            }
        )
        enable_demo_provider(cls.env)

    def test_paid_shop_order_starts_an_active_contract_with_its_invoice_paid(self):
        self.start_tour(
            "/shop",
            "service_portal_shop_buys_a_service",
            login="shop_contract_customer",
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.transaction_ids.state, "done")
        contract = order.service_contract_ids
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.partner_id, self.customer.partner_id)
        self.assertEqual(contract.line_ids.product_id.product_tmpl_id, self.service)
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_total, 120.0)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(
            invoice.invoice_line_ids.service_period_start, contract.date_start
        )
