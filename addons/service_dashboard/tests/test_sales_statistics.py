# covers: RPT-02
import io
import json

import openpyxl

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import DashboardCase


@tagged("post_install", "-at_install")
class TestSalesStatistics(DashboardCase, HttpCase):
    """Sales by customer, service, agent and period equal the posted invoice
    lines less credit notes; the statistics download to Excel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls.env["res.partner"].create(
            {"name": "Marco Agent", "service_is_agent": True}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Pier Hotel", "service_is_customer": True, "is_company": True}
        )
        cls.first = cls._invoice(250, cls.month_start, service_agent_id=cls.agent.id)
        # a second service on the same invoice
        cls.first.button_draft()
        cls.first.write(
            {
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {"product_id": cls.patrol.id, "quantity": 3, "price_unit": 20},
                    )
                ]
            }
        )
        cls.first.action_post()
        cls.refund = cls._invoice(
            50, cls.month_start, move_type="out_refund", service_agent_id=cls.agent.id
        )
        cls.earlier = cls._invoice(
            400,
            cls.month_start.replace(day=1, month=1, year=cls.today.year - 1),
            partner_id=cls.other_customer.id,
        )
        cls.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": cls.customer.id}
        )  # a draft: not a sale

    def _sums(self, groupby, domain=()):
        Report = self.env["service.sales.report"].with_user(self.users["supervisor"])
        return dict(Report._read_group(list(domain), [groupby], ["amount:sum"]))

    def test_sales_by_customer_service_agent_and_month_equal_the_invoices(self):
        moves = self.first | self.refund | self.earlier
        expected_customer = {}
        expected_product = {}
        for line in moves.invoice_line_ids:
            sign = -1 if line.move_id.move_type == "out_refund" else 1
            customer = line.move_id.commercial_partner_id
            expected_customer[customer] = (
                expected_customer.get(customer, 0) + sign * line.price_subtotal
            )
            expected_product[line.product_id] = (
                expected_product.get(line.product_id, 0) + sign * line.price_subtotal
            )
        self.assertEqual(self._sums("partner_id"), expected_customer)
        self.assertEqual(
            self._sums("partner_id"), {self.customer: 260.0, self.other_customer: 400.0}
        )
        self.assertEqual(self._sums("product_id"), expected_product)
        # the agent: 250 + 60 invoiced less 50 credited; the other sale had none
        agents = self._sums("agent_id")
        self.assertEqual(agents[self.agent], 260.0)
        self.assertEqual(agents[self.env["res.partner"]], 400.0)
        months = self._sums("date:month")
        self.assertEqual(sum(months.values()), 660.0)
        self.assertEqual(len(months), 2)
        # quantities of credit notes count negative
        Report = self.env["service.sales.report"].with_user(self.users["supervisor"])
        [(quantity,)] = Report._read_group(
            [("product_id", "=", self.guard.id), ("partner_id", "=", self.customer.id)],
            [],
            ["quantity:sum"],
        )
        self.assertEqual(quantity, 0.0)

    def test_statistics_export_to_excel_grouped_by_agent(self):
        # the list export is Odoo's: for users an administrator allowed to export
        self.users["supervisor"].write(
            {
                "password": self.users["supervisor"].login,
                "group_ids": [(4, self.env.ref("base.group_allow_export").id)],
            }
        )
        self.authenticate(
            self.users["supervisor"].login, self.users["supervisor"].login
        )
        data = {
            "model": "service.sales.report",
            "fields": [
                {"name": "partner_id", "label": "Customer", "type": "many2one"},
                {"name": "product_id", "label": "Service", "type": "many2one"},
                {"name": "amount", "label": "Untaxed Amount", "type": "monetary"},
            ],
            "ids": False,
            "domain": [("partner_id", "=", self.customer.id)],
            "groupby": ["agent_id"],
            "import_compat": False,
        }
        response = self.url_open(
            "/web/export/xlsx",
            data={
                "data": json.dumps(data),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[0], ["Customer", "Service", "Untaxed Amount"])
        group = rows[1]
        self.assertTrue(group[0].startswith("Marco Agent (3)"), group)
        self.assertEqual(group[2], 260.0)
        amounts = sorted(row[2] for row in rows[2:])
        self.assertEqual(amounts, [-50.0, 60.0, 250.0])
