# covers: SRV-01
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFeeMethods(TransactionCase):
    def _service(self, method, **values):
        return self.env["product.template"].create(
            dict(
                name=f"{method} service",
                type="service",
                service_fee_method=method,
                **values,
            )
        )

    def test_fixed_fee_ignores_quantity_and_partial_periods(self):
        guard = self._service("fixed")
        self.assertEqual(guard._service_compute_amount(3, 1200.0), 1200.0)
        self.assertEqual(guard._service_compute_amount(3, 1200.0, 0.5), 1200.0)

    def test_per_unit(self):
        patrol = self._service("per_unit")
        self.assertEqual(patrol._service_compute_amount(2.5, 40.0), 100.0)
        self.assertEqual(patrol._service_compute_amount(0, 40.0), 0.0)

    def test_per_period_is_pro_rated_by_days(self):
        monitoring = self._service("per_period")
        self.assertEqual(monitoring._service_compute_amount(2, 30.0), 60.0)
        # 12 of 30 days of the first month
        self.assertAlmostEqual(
            monitoring._service_compute_amount(2, 30.0, 12 / 30), 24.0
        )

    def _tiered(self, mode):
        return self._service(
            "tiered",
            service_tier_mode=mode,
            service_tier_ids=[
                (0, 0, {"min_quantity": 0, "price": 10.0}),
                (0, 0, {"min_quantity": 10, "price": 8.0}),
                (0, 0, {"min_quantity": 50, "price": 5.0}),
            ],
        )

    def test_graduated_tiers_and_their_edges(self):
        """Each band's units at the band's price; a band starts exactly at its
        threshold."""
        service = self._tiered("graduated")
        amount = service._service_compute_amount
        self.assertEqual(amount(0, 0), 0.0)
        self.assertEqual(amount(1, 0), 10.0)
        self.assertEqual(amount(10, 0), 100.0)  # 10 units at 10: band 1 ends here
        self.assertEqual(amount(11, 0), 108.0)  # + 1 at 8
        self.assertEqual(amount(50, 0), 420.0)  # 100 + 40 at 8
        self.assertEqual(amount(51, 0), 425.0)  # + 1 at 5
        self.assertEqual(amount(10.5, 0), 104.0)  # fractional units too

    def test_volume_tiers_and_their_edges(self):
        """Every unit at the price of the band reached."""
        service = self._tiered("volume")
        amount = service._service_compute_amount
        self.assertEqual(amount(9.99, 0), 99.9)
        self.assertEqual(amount(10, 0), 80.0)
        self.assertEqual(amount(49, 0), 392.0)
        self.assertEqual(amount(50, 0), 250.0)

    def test_tiered_needs_bands_from_zero(self):
        with self.assertRaisesRegex(ValidationError, "Price Tiers"):
            self._service("tiered")
        with self.assertRaisesRegex(
            ValidationError, "first one starting at quantity 0"
        ):
            self._service(
                "tiered", service_tier_ids=[(0, 0, {"min_quantity": 5, "price": 1})]
            )

    def test_formula_services_are_computed_by_their_contract_line(self):
        with self.assertRaisesRegex(UserError, "billed by formula"):
            self._service("formula")._service_compute_amount(1, 10.0)

    def test_tiered_services_are_priced_by_band_on_quotations(self):
        """A quotation line of a tiered service costs the bands' amount for
        its quantity, and follows quantity changes (SRV-04)."""
        service = self._tiered("graduated")
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
                            "product_uom_qty": 11,
                        },
                    )
                ],
            }
        )
        line = order.order_line
        # 108.00 / 11, rounded to the Product Price precision
        self.assertAlmostEqual(line.price_unit, 9.82)
        line.product_uom_qty = 50
        self.assertAlmostEqual(line.price_subtotal, 420.0)
        # a price typed by the salesperson is kept
        line.price_unit = 7.0
        line.product_uom_qty = 60
        self.assertAlmostEqual(line.price_subtotal, 420.0)
