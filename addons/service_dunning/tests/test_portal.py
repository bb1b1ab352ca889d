# covers: DUN-04, DUN-03, PRT-02
"""The portal shows a customer his own statement, reminders and plans:
another customer's statement is refused (403), another's plan not found
(404); the statement PDF downloads."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import DunningCase


@tagged("post_install", "-at_install")
class TestDunningPortal(DunningCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            login="statement_customer",
            password="statement-Secret-2026",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls._invoice(cls.customer, 321.45, days_late=12)
        cls._invoice(cls.customer_2, 999.99, days_late=12)
        invoice_2 = cls._invoice(cls.customer_2, 50, days_late=40)
        cls.other_plan = cls.env["service.instalment.plan"].create(
            {
                "partner_id": cls.customer_2.id,
                "company_id": cls.company_a.id,
                "move_line_ids": [
                    (
                        6,
                        0,
                        invoice_2.line_ids.filtered(
                            lambda line: (
                                line.account_id.account_type == "asset_receivable"
                            )
                        ).ids,
                    )
                ],
            }
        )
        cls.other_plan.action_propose()

    def setUp(self):
        super().setUp()
        self.authenticate("statement_customer", "statement-Secret-2026")

    def test_own_statement_page(self):
        response = self.url_open("/my/statement")
        self.assertEqual(response.status_code, 200)
        self.assertIn("321.45", response.text)
        self.assertNotIn("999.99", response.text)
        self.assertIn("Pay now", response.text)

    def test_other_customers_statement_is_forbidden(self):
        response = self.url_open(f"/my/statement?partner_id={self.customer_2.id}")
        self.assertEqual(response.status_code, 403)
        response = self.url_open(f"/my/statement/pdf?partner_id={self.customer_2.id}")
        self.assertEqual(response.status_code, 403)

    def test_other_customers_plan_is_not_found(self):
        response = self.url_open(f"/my/instalment-plans/{self.other_plan.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(
            f"/my/instalment-plans/{self.other_plan.id}/accept",
            data={"csrf_token": "x"},
        )
        self.assertIn(response.status_code, (400, 403, 404))
        self.assertEqual(self.other_plan.state, "proposed")

    def test_statement_pdf_download(self):
        response = self.url_open("/my/statement/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        if response.content.startswith(b"%PDF"):
            text = pdf_text(response.content)
            self.assertIn("321.45", text)
            self.assertNotIn("999.99", text)
        else:  # rendered as HTML when wkhtmltopdf is not on PATH
            self.assertIn(b"321.45", response.content)

    def test_anonymous_visitor_is_sent_to_login(self):
        self.logout()
        response = self.url_open("/my/statement", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
