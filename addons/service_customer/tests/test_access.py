# covers: BAS-01, BAS-02, CUS-01
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase

MATRIX = {
    "service.document": {
        "internal": "",
        "service_user": "rwc",
        "supervisor": "rwcu",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.document.type": {
        "internal": "",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.customer.source": {
        "internal": "r",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "r",
        "agent": "r",
        "portal": "",
    },
    "service.contract.account": {
        "internal": "",
        "service_user": "rwc",
        "supervisor": "rwc",
        "manager": "rwcu",
        "collector": "",
        "agent": "",
        "portal": "",
    },
    "service.customer.freeze.wizard": {
        "internal": "",
        "service_user": "",
        "supervisor": "rwc",
        "manager": "rwc",
        "collector": "",
        "agent": "",
        "portal": "",
    },
}


@tagged("post_install", "-at_install")
class TestCustomerAccess(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_b = (
            cls.env["res.partner"]
            .with_company(cls.company_b)
            .create({"name": "Customer of B", "service_is_customer": True})
        )
        cls.document_b = cls.env["service.document"].create(
            {
                "name": "B's licence",
                "partner_id": cls.customer_b.id,
                "document_type_id": cls.env.ref(
                    "service_customer.document_type_trade_licence"
                ).id,
                "company_id": cls.company_b.id,
            }
        )
        cls.account_b = cls.env["service.contract.account"].create(
            {"partner_id": cls.customer_b.id, "company_id": cls.company_b.id}
        )

    def test_access_matrix_per_group(self):
        """Every model of service_customer gives each role exactly its rights."""
        self.assertMatrix(MATRIX)

    def test_service_users_manage_customers(self):
        """A service user creates and edits customers; a plain employee
        cannot create them."""
        user = self.users["service_user"]
        customer = (
            self.env["res.partner"]
            .with_user(user)
            .create({"name": "New customer", "service_is_customer": True})
        )
        customer.with_user(user).write({"service_mobile": "+966501112222"})
        self.assertEqual(customer.company_id, self.company_a)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.users["internal"]).create(
                {"name": "Not allowed"}
            )

    def test_user_of_company_a_sees_and_changes_nothing_of_company_b(self):
        for role in ("service_user", "supervisor", "manager"):
            user = self.users[role]
            for record, values in (
                (self.customer_b, {"name": "Renamed"}),
                (self.document_b, {"name": "Renamed"}),
                (self.account_b, {"label": "Renamed"}),
            ):
                with self.subTest(role=role, model=record._name):
                    self.assertIsolated(record, user)
                    with self.assertRaises(AccessError):
                        self.env(user=user, context={})[record._name].browse(
                            record.id
                        ).write(values)
        self.assertEqual(self.customer_b.name, "Customer of B")
        self.assertEqual(self.document_b.name, "B's licence")

    def test_no_document_in_company_b_for_a_user_of_company_a(self):
        with self.assertRaises(AccessError):
            self.env["service.document"].with_user(self.users["manager"]).create(
                {
                    "name": "Sneaky",
                    "partner_id": self.customer_b.id,
                    "document_type_id": self.env.ref(
                        "service_customer.document_type_identity"
                    ).id,
                    "company_id": self.company_b.id,
                }
            )

    def test_portal_user_sees_no_customer_records(self):
        portal = self.users["portal"]
        self.assertFalse(
            self.env["service.document"].with_user(portal).has_access("read")
        )
        self.assertFalse(
            self.env["res.partner"]
            .with_user(portal)
            .search([("id", "=", self.customer_b.id)])
        )
