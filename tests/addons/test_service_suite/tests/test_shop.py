# covers: SRV-04
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestServiceShop(HttpCase):
    """Catalogue services sell in the shop like any product; tiered services
    are priced by band in the cart, and the order is paid online."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = cls.env["product.template"].create(
            {
                "name": "Guard hours",
                "type": "service",
                "list_price": 10.0,
                "taxes_id": [(5, 0, 0)],
                "service_fee_method": "tiered",
                "service_tier_mode": "graduated",
                "service_tier_ids": [
                    (0, 0, {"min_quantity": 0, "price": 10.0}),
                    (0, 0, {"min_quantity": 10, "price": 8.0}),
                ],
                "is_published": True,
                "website_id": False,
            }
        )
        cls.customer = cls.env["res.users"].create(
            {
                "name": "Shop Customer",
                "login": "shop_customer",
                "password": "shop_customer",
                "email": "shop.customer@example.com",
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

    def test_customer_buys_a_tiered_service_in_the_shop(self):
        self.start_tour("/shop", "service_shop_tiered_service", login="shop_customer")
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )
        self.assertEqual(len(order), 1)
        self.assertEqual(order.order_line.product_id.product_tmpl_id, self.service)
        self.assertEqual(order.order_line.product_uom_qty, 50)
        self.assertAlmostEqual(order.amount_untaxed, 420.0)
        # paid online (payment_demo): the order is confirmed
        self.assertEqual(order.state, "sale")
        transaction = order.transaction_ids
        self.assertEqual(transaction.state, "done")
        self.assertAlmostEqual(transaction.amount, 420.0)
