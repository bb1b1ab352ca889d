# covers: CUS-06
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import DashboardCase


@tagged("post_install", "-at_install")
class TestCustomer360(DashboardCase):
    """The customer form's smart buttons count the customer's contracts,
    requests, visits, payments, balance and overdue, each opening exactly
    what it counts; a whole page of customers costs a fixed number of
    queries."""

    def _open(self, partner, method):
        action = getattr(partner, method)()
        return self.env[action["res_model"]].search(action["domain"])

    def test_buttons_count_what_they_open(self):
        active = self._fixed_contract()
        draft = self._fixed_contract(state="draft")
        other = self._fixed_contract(partner=self.customer_b, company=self.company_b)
        requests = self._request(fields.Datetime.now()) | self._request(
            fields.Datetime.now()
        )
        visit = self._visit(date_due=self.today)
        open_invoice = self._invoice(100, self.today)  # 115.00 with tax
        overdue = self._invoice(
            200, self.today - timedelta(days=40), due=self.today - timedelta(days=10)
        )
        payment = self._payment(30)  # received, not yet applied to an invoice
        contact = self.env["res.partner"].create(
            {"name": "Anna Desk", "parent_id": self.customer.id}
        )
        customer = self.customer.with_user(self.users["supervisor"])
        self.assertEqual(customer.service_contract_count, 2)
        self.assertEqual(customer.service_active_contract_count, 1)
        self.assertEqual(
            self._open(customer, "action_service_view_contracts"), active | draft
        )
        self.assertNotIn(other, self._open(customer, "action_service_view_contracts"))
        self.assertEqual(customer.service_request_count, 2)
        self.assertEqual(self._open(customer, "action_service_view_requests"), requests)
        self.assertEqual(customer.service_visit_count, 1)
        self.assertEqual(self._open(customer, "action_service_view_visits"), visit)
        self.assertEqual(customer.service_payment_count, 1)
        self.assertEqual(len(self._open(customer, "action_service_view_payments")), 1)
        # 115.00 + 230.00 invoiced, both open, less the 30.00 paid on account
        self.assertAlmostEqual(customer.service_balance, 315.0, places=2)
        self.assertAlmostEqual(customer.service_overdue_amount, 230.0, places=2)
        self.assertEqual(
            self._open(customer, "action_service_view_overdue").move_id, overdue
        )
        self.assertEqual(
            self._open(customer, "action_service_view_balance").move_id,
            open_invoice | overdue | payment.move_id,
        )
        # a contact of the customer shows its company's figures
        contact = contact.with_user(self.users["supervisor"])
        self.assertEqual(contact.service_contract_count, 2)
        self.assertAlmostEqual(contact.service_balance, 315.0, places=2)

    def test_other_companys_records_are_not_counted(self):
        self._fixed_contract()
        customer = self.customer.with_user(self.manager_b)
        self.assertEqual(customer.service_contract_count, 0)

    def test_counts_of_many_customers_take_a_fixed_number_of_queries(self):
        partners = self.env["res.partner"].create(
            [
                {
                    "name": f"Customer {index}",
                    "service_is_customer": True,
                    "is_company": True,
                }
                for index in range(20)
            ]
        )
        for partner in partners[:5]:
            self._fixed_contract(partner=partner)
        self.env.invalidate_all()
        names = [
            "service_contract_count",
            "service_active_contract_count",
            "service_request_count",
            "service_visit_count",
            "service_payment_count",
            "service_balance",
            "service_overdue_amount",
        ]
        partners[:2].read(names)  # warm the caches of the model's metadata
        self.env.invalidate_all()
        with self.assertQueryCount(20):
            rows = partners.read(names)
        self.assertEqual(sum(row["service_active_contract_count"] for row in rows), 5)
