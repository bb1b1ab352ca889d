# covers: BNK-01, BNK-02
"""What people click: a customer signs a mandate in the portal; an
accountant collects by direct debit and matches a statement line."""

import base64

from odoo.tests import HttpCase, tagged

from .common import COMPANY_IBAN, BankCase, camt053


@tagged("post_install", "-at_install")
class TestBankTours(BankCase, HttpCase):
    def test_customer_signs_a_mandate_in_the_portal(self):
        portal = self.users["portal"]
        portal.write({"login": "marta_portal", "password": "marta-Secret-2026"})
        portal.partner_id.write(
            {"parent_id": self.customer_2.id, "name": "Marta Rossi"}
        )
        self.start_tour(
            "/my/mandates", "service_bank_portal_sign_mandate", login="marta_portal"
        )
        mandate = self.env["service.mandate"].search(
            [("partner_id", "=", self.customer_2.id), ("id", "!=", self.mandate_2.id)]
        )
        self.assertEqual(len(mandate), 1)
        self.assertEqual(mandate.state, "valid")
        self.assertEqual(mandate.scheme, "CORE")
        self.assertEqual(mandate.signature_date, self.today)
        self.assertEqual(mandate.partner_bank_id.sanitized_acc_number, COMPANY_IBAN)
        self.assertIn("Marta Rossi", mandate.message_ids.mapped("body")[0])

    def test_accountant_collects_and_matches_the_statement(self):
        self.accountant.write(
            {"login": "tour_accountant", "password": "tour-Secret-2026"}
        )
        invoice = self._invoice(self.customer, 100)
        manual = self._invoice(self.customer_2, 64.5, service_payment_mode="manual")
        self.env["service.bank.statement.import"].with_user(self.accountant).create(
            {
                "file": base64.b64encode(
                    camt053(
                        COMPANY_IBAN,
                        [
                            {
                                "amount": 64.5,
                                "transactions": [
                                    {"amount": 64.5, "text": "Marina payment"}
                                ],
                            }
                        ],
                    )
                )
            }
        ).action_import()
        self.start_tour(
            "/odoo/action-service_bank.service_debit_order_action",
            "service_bank_order_to_statement",
            login="tour_accountant",
        )
        order = invoice.service_debit_line_id.order_id
        self.assertEqual(order.state, "posted")
        self.assertEqual(invoice.amount_residual, 0)
        self.assertEqual(manual.payment_state, "paid")
