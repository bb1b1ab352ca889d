# covers: PRT-03, PRT-04
from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import create_contract_service, pay_order_online


@tagged("post_install", "-at_install")
class TestShopContract(TransactionCase):
    """A service sold on an order starts the customer's contract: confirmed
    (active, billed from the order date) or draft per the service's setting;
    the order's online payment settles the contract's first invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.salesman = new_test_user(
            cls.env,
            login="shop_salesman",
            groups="sales_team.group_sale_salesman",
            name="Shop Salesman",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Lucia Marchetti", "email": "lucia@example.com"}
        )
        cls.tax = cls.env["account.tax"].create(
            {"name": "IVA 22%", "amount": 22, "type_tax_use": "sale"}
        )
        cls.monitoring = create_contract_service(
            cls.env,
            name="Alarm monitoring",
            list_price=40.0,
            service_duration_months=12,
            taxes_id=[(6, 0, cls.tax.ids)],
        )
        cls.survey = create_contract_service(
            cls.env,
            name="Site survey and design",
            list_price=150.0,
            service_sale_contract="draft",
            taxes_id=[(6, 0, cls.tax.ids)],
        )
        cls.plain = cls.env["product.product"].create(
            {"name": "Window sticker", "type": "consu", "list_price": 5.0}
        )

    def _order(self, *products, user=None):
        env = self.env(user=user) if user else self.env
        return env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 1})
                    for product in products
                ],
            }
        )

    def _pay(self, order):
        return pay_order_online(self.env, order)

    def test_confirmed_quotation_starts_an_active_contract_billed_from_its_date(self):
        order = self._order(self.monitoring, self.plain, user=self.salesman)
        order.action_confirm()
        order = order.with_user(self.env.user)
        contract = order.service_contract_ids
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.partner_id, self.customer)
        self.assertEqual(contract.date_start, fields.Date.context_today(order))
        self.assertEqual(contract.billing_period, "monthly")
        self.assertEqual(
            contract.line_ids.product_id, self.monitoring, "only the service"
        )
        self.assertEqual(contract.line_ids.price_unit, 40.0)
        self.assertEqual(contract.line_ids.tax_ids, self.tax)
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        self.assertEqual(len(invoice), 1, "the first period is billed at once")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, 48.8)
        self.assertEqual(
            invoice.invoice_line_ids.service_period_start, contract.date_start
        )
        monitoring_line = order.order_line.filtered(
            lambda line: line.product_id == self.monitoring
        )
        self.assertEqual(monitoring_line.service_contract_line_id, contract.line_ids)
        self.assertEqual(monitoring_line.invoice_lines.move_id, invoice)
        self.assertEqual(monitoring_line.qty_to_invoice, 0, "never billed twice")

    def test_draft_setting_starts_a_draft_contract_for_staff(self):
        order = self._order(self.survey)
        order.action_confirm()
        contract = order.service_contract_ids
        self.assertEqual(contract.state, "draft")
        self.assertFalse(
            self.env["account.move"].search_count(
                [("service_contract_id", "=", contract.id)]
            )
        )

    def test_approval_rule_keeps_the_shop_contract_waiting(self):
        """Through the approval engine: a rule on contracts holds the
        contract for a supervisor, unbilled."""
        self.env["service.approval.rule"].create(
            {
                "name": "Contracts",
                "model_id": self.env["ir.model"]._get_id("service.contract"),
                "company_id": self.company.id,
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Supervisor",
                            "group_id": self.env.ref(
                                "service_base.group_service_supervisor"
                            ).id,
                        },
                    )
                ],
            }
        )
        order = self._order(self.monitoring)
        order.action_confirm()
        contract = order.service_contract_ids
        self.assertEqual(contract.state, "waiting")
        self.assertFalse(
            self.env["account.move"].search_count(
                [("service_contract_id", "=", contract.id)]
            )
        )

    def test_paid_shop_order_settles_the_first_invoice(self):
        order = self._order(self.monitoring)
        transaction = self._pay(order)
        self.assertEqual(order.state, "sale", "the payment confirmed the order")
        contract = order.service_contract_ids
        self.assertEqual(contract.state, "active")
        invoice = self.env["account.move"].search(
            [("service_contract_id", "=", contract.id)]
        )
        self.assertIn(invoice, transaction.invoice_ids)
        self.assertTrue(transaction.payment_id)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(invoice.amount_residual, 0.0)

    def test_reconfirming_starts_no_second_contract(self):
        order = self._order(self.monitoring)
        order.action_confirm()
        order._service_start_contracts()
        self.assertEqual(len(order.service_contract_ids), 1)

    def test_sale_order_link_is_not_writable(self):
        order = self._order(self.survey)
        order.action_confirm()
        contract = order.service_contract_ids
        other = self._order(self.plain)
        user = new_test_user(
            self.env,
            login="contract_user",
            groups="service_base.group_service_user",
        )
        with self.assertRaises(UserError):
            contract.with_user(user).write({"sale_order_id": other.id})
        self.assertEqual(contract.sale_order_id, order)

    def test_formula_service_cannot_be_confirmed_from_a_sale(self):
        with self.assertRaises(ValidationError):
            self.survey.write(
                {"service_fee_method": "formula", "service_sale_contract": "confirm"}
            )
