# covers: COL-03, COL-04, COL-05, BAS-01
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestCollectionAccess(CollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.customer, 100)
        cls.other_customer.write(
            {
                "service_payment_by_collector": True,
                "service_collector_id": cls.other_collector.id,
            }
        )
        cls._invoice(cls.other_customer, 40)
        Round = cls.env["service.collection.round"]
        cls.own_round = Round.create({"collector_id": cls.collector.id})
        cls.other_round = Round.create({"collector_id": cls.other_collector.id})
        (cls.own_round | cls.other_round).action_generate_lines()
        cls.other_cheque = cls.env["service.cheque"].create(
            {
                "partner_id": cls.other_customer.id,
                "bank_name": "Dock Bank",
                "number": "7781",
                "amount": 40,
                "round_line_id": cls.other_round.line_ids.id,
            }
        )

    def test_rights_per_role(self):
        self.assertMatrix(
            {
                "service.collection.round": {
                    "internal": "",
                    "service_user": "rwc",
                    "manager": "rwcu",
                    "collector": "rw",
                    "agent": "",
                    "portal": "",
                },
                "service.collection.round.line": {
                    "internal": "",
                    "service_user": "rwcu",
                    "collector": "rw",
                    "portal": "",
                },
                "service.cheque": {
                    "internal": "",
                    "service_user": "rwc",
                    "manager": "rwcu",
                    "collector": "rwcu",
                    "portal": "",
                },
                "service.receipt.cancellation": {
                    "internal": "",
                    "service_user": "rwc",
                    "manager": "rwcu",
                    "collector": "",
                    "portal": "",
                },
                # payments are read by invoicing users and auditors only
                "service.payment.report": {
                    "internal": "",
                    "service_user": "",
                    "collector": "",
                    "agent": "",
                    "portal": "",
                },
            }
        )

    def test_collector_sees_only_his_own_rounds_lines_and_cheques(self):
        as_collector = self.env(user=self.collector)
        self.assertEqual(
            as_collector["service.collection.round"].search([]), self.own_round
        )
        self.assertEqual(
            as_collector["service.collection.round.line"].search([]),
            self.own_round.line_ids,
        )
        self.assertIsolated(self.other_round, self.collector)
        self.assertIsolated(self.other_round.line_ids, self.collector)
        self.assertIsolated(self.other_cheque, self.collector)
        # the cashier sees every round
        self.assertEqual(
            self.env(user=self.cashier)["service.collection.round"].search(
                [("id", "in", (self.own_round | self.other_round).ids)]
            ),
            self.own_round | self.other_round,
        )

    def test_collector_sees_his_customers_himself_and_his_company_only(self):
        Partner = self.env(user=self.collector)["res.partner"]
        visible = Partner.search([("id", "in", self._partners().ids)])
        self.assertEqual(
            visible,
            self.customer
            | self.customer_2
            | self.collector.partner_id
            | self.company_a.partner_id,
        )
        self.assertIsolated(self.other_customer, self.collector)
        # other users are not restricted
        self.assertIn(
            self.other_customer,
            self.env(user=self.cashier)["res.partner"].search(
                [("id", "=", self.other_customer.id)]
            ),
        )

    def test_collector_opens_and_fills_his_round(self):
        round_ = self.own_round.with_user(self.collector)
        [values] = round_.web_read(
            {
                "name": {},
                "collector_id": {"fields": {"display_name": {}}},
                "line_ids": {
                    "fields": {
                        "partner_id": {"fields": {"display_name": {}}},
                        "invoice_refs": {},
                        "amount_expected": {},
                    }
                },
            }
        )
        self.assertIn(
            self.customer.name, values["line_ids"][0]["partner_id"]["display_name"]
        )
        round_.action_start()
        round_.line_ids.write({"amount_cash": 100})
        self.assertEqual(self.own_round.amount_collected, 100)

    def test_other_company_sees_no_round_cheque_or_report(self):
        payment = self._receipt(self.customer, 10, service_receipt_kind="advance")
        request = self.env["service.receipt.cancellation"].create(
            {"payment_id": payment.id, "reason": "Wrong customer"}
        )
        report = self.env["service.payment.report"].search(
            [("payment_id", "=", payment.id)]
        )
        self.assertTrue(report)
        for record in (self.own_round, self.other_cheque, request, report):
            self.assertIsolated(record, self.manager_b)
        # and company A does not see company B's rounds
        collector_b = self._make_user(
            "collector_b", "service_base.group_service_collector", self.company_b
        )
        round_b = (
            self.env["service.collection.round"]
            .with_user(self.manager_b)
            .create({"collector_id": collector_b.id, "company_id": self.company_b.id})
        )
        self.assertIsolated(round_b, self.users["manager"])
        self.assertIsolated(round_b, self.cashier)

    def test_payment_report_shows_payments_only_to_those_who_read_payments(self):
        """Issue 16: every customer payment was listed to any Services user,
        who may not read account.payment."""
        payment = self._receipt(self.customer, 25, service_receipt_kind="advance")
        accountant = self._make_user(
            "accountant_a", "account.group_account_invoice", self.company_a
        )
        auditor = self._make_user(
            "auditor_a", "account.group_account_readonly", self.company_a
        )
        accountant_b = self._make_user(
            "accountant_b", "account.group_account_invoice", self.company_b
        )
        Report = self.env["service.payment.report"]
        domain = [("payment_id", "=", payment.id)]
        for user in (self.cashier, self.collector):
            with self.subTest(user=user.login):
                self.assertFalse(user.has_group("account.group_account_invoice"))
                with self.assertRaises(AccessError):
                    Report.with_user(user).search(domain)
                with self.assertRaises(AccessError):
                    self.env["account.payment"].with_user(user).search(
                        [("id", "=", payment.id)]
                    )
        for user in (accountant, auditor):
            with self.subTest(user=user.login):
                row = Report.with_user(user).search(domain)
                self.assertEqual(row.payment_id, payment)
                self.assertEqual(row.amount_outstanding, 25)
                self.assertEqual(
                    self.env["account.payment"]
                    .with_user(user)
                    .search([("id", "=", payment.id)]),
                    payment,
                )
        # another company's accountant sees nothing of company A
        self.assertFalse(Report.with_user(accountant_b).search(domain))
        self.assertIsolated(Report.search(domain), accountant_b)

    def _partners(self):
        return (
            self.customer
            | self.customer_2
            | self.other_customer
            | self.collector.partner_id
            | self.company_a.partner_id
            | self.company_b.partner_id
        )
