# covers: CUS-01, CUS-02
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerUi(HttpCase):
    def test_service_user_creates_a_customer_in_the_web_client(self):
        """A service user opens Services > Customers, is warned of a similar
        existing customer while typing, saves, and gets a customer code."""
        new_test_user(
            self.env,
            login="desk",
            password="desk-Secret-2026",
            groups="service_base.group_service_user",
            name="Front Desk",
        )
        self.env["res.partner"].create(
            {"name": "Desert Shield Guarding", "service_is_customer": True}
        )
        self.start_tour(
            "/odoo/action-service_customer.service_customer_action",
            "service_customer_create_customer",
            login="desk",
        )
        customer = self.env["res.partner"].search(
            [("name", "=", "Desert Shield Guards LLC")]
        )
        self.assertEqual(len(customer), 1)
        self.assertTrue(customer.service_is_customer)
        self.assertRegex(customer.service_customer_code, r"^C\d{5}$")
        self.assertEqual(customer.service_mobile_normalized, "+966501234567")
        self.assertEqual(customer.create_uid.login, "desk")
