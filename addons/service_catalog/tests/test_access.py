# covers: BAS-01, BAS-02, SRV-01
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import ServiceCase

MATRIX = {
    "service.category": {
        "internal": "r",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "r",
        "agent": "r",
        "portal": "",
    },
    "service.price.tier": {
        "internal": "r",
        "service_user": "r",
        "supervisor": "r",
        "manager": "rwcu",
        "collector": "r",
        "agent": "r",
        "portal": "",
    },
}


@tagged("post_install", "-at_install")
class TestCatalogAccess(ServiceCase):
    def test_access_matrix_per_group(self):
        self.assertMatrix(MATRIX)

    def test_services_managers_maintain_services(self):
        service = (
            self.env["product.template"]
            .with_user(self.users["manager"])
            .create({"name": "Cleaning", "type": "service"})
        )
        self.assertTrue(service)
        with self.assertRaises(AccessError):
            self.env["product.template"].with_user(self.users["service_user"]).create(
                {"name": "Not allowed", "type": "service"}
            )

    def test_company_b_categories_are_invisible_to_company_a(self):
        category_b = self.env["service.category"].create(
            {"name": "B only", "company_id": self.company_b.id}
        )
        shared = self.env["service.category"].create({"name": "Shared"})
        self.assertIsolated(category_b, self.users["manager"])
        self.assertTrue(
            shared.with_user(self.users["manager"]).read(["name"]),
            "a category without company is shared",
        )
