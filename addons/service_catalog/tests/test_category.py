# covers: SRV-01, SRV-02, SRV-03, SRV-04
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestServiceCategory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["service.category"]
        cls.security = Category.create({"name": "Security", "code": "SEC"})
        cls.alarms = Category.create(
            {
                "name": "Alarm maintenance",
                "parent_id": cls.security.id,
                "billing_period": "quarterly",
                "duration_months": 24,
                "visit_frequency": "half_yearly",
                "sla_response_hours": 4,
                "sla_resolution_hours": 24,
            }
        )

    def test_new_service_starts_from_its_category_defaults(self):
        form = Form(self.env["product.template"].with_context(default_type="service"))
        form.name = "Intrusion alarm maintenance"
        form.service_category_id = self.alarms
        self.assertEqual(form.service_billing_period, "quarterly")
        self.assertEqual(form.service_duration_months, 24)
        self.assertEqual(form.service_visit_frequency, "half_yearly")
        self.assertEqual(form.service_sla_response_hours, 4)
        form.service_duration_months = 36  # adjustable per service
        service = form.save()
        self.assertEqual(service.service_duration_months, 36)
        self.assertEqual(self.alarms.complete_name, "Security / Alarm maintenance")
        self.assertEqual(self.security.product_count, 1)

    def test_terms_are_translatable(self):
        service = self.env["product.template"].create(
            {
                "name": "Guarding",
                "type": "service",
                "service_terms": "<p>Guards are on site 24/7.</p>",
            }
        )
        self.env["res.lang"]._activate_lang("it_IT")
        # HTML is translated term by term, as Odoo does for its own pages
        service.with_context(lang="en_US").update_field_translations(
            "service_terms",
            {"it_IT": {"Guards are on site 24/7.": "Le guardie sono presenti 24/7."}},
        )
        self.assertIn("Guards are", service.with_context(lang="en_US").service_terms)
        self.assertIn("Le guardie", service.with_context(lang="it_IT").service_terms)

    def test_a_category_cannot_be_its_own_ancestor(self):
        with self.assertRaisesRegex(UserError, "Recursion"):
            self.security.parent_id = self.alarms

    def test_services_sell_on_quotations(self):
        """A catalogue service is quoted like any product (SRV-04)."""
        service = self.env["product.template"].create(
            {
                "name": "Night patrol",
                "type": "service",
                "list_price": 250.0,
                "service_category_id": self.security.id,
            }
        )
        customer = self.env["res.partner"].create({"name": "Quoted customer"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": service.product_variant_id.id,
                            "product_uom_qty": 2,
                        },
                    ),
                ],
            }
        )
        self.assertEqual(order.order_line.price_unit, 250.0)
        self.assertEqual(order.order_line.price_subtotal, 500.0)
