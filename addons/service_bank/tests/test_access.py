# covers: BNK-01, BNK-02, BAS-01
"""Who may do what with mandates, orders and receipts, and company isolation."""

from odoo.tests import tagged

from .common import BankCase


@tagged("post_install", "-at_install")
class TestBankAccess(BankCase):
    def test_rights_per_role(self):
        self.assertMatrix(
            {
                "service.mandate": {
                    "internal": "",
                    "service_user": "rwc",
                    "manager": "rwc",
                    "collector": "",
                    "portal": "r",
                },
                "service.debit.order": {
                    "internal": "",
                    "service_user": "r",
                    "collector": "",
                    "portal": "",
                },
                "service.riba.order": {
                    "internal": "",
                    "service_user": "r",
                    "portal": "",
                },
                "service.bank.csv.mapping": {"service_user": "", "portal": ""},
                "service.bank.statement.import": {"service_user": "", "portal": ""},
            }
        )
        for model, rights in (
            ("service.debit.order", "rwc"),
            ("service.debit.order.line", "rwc"),
            ("service.riba.order", "rwc"),
            ("service.mandate", "rwc"),
            ("service.bank.statement.import", "rwc"),
        ):
            self.assertAccess(model, self.accountant, rights)

    def test_other_company_sees_nothing(self):
        self._invoice(self.customer, 100)
        order = self._order()
        order.action_gather()
        riba = self.env["service.riba.order"].create(
            {"journal_id": self.bank_journal.id}
        )
        mapping = self.env["service.bank.csv.mapping"].create(
            {"name": "Mapping A", "journal_id": self.bank_journal.id}
        )
        for record in (order, order.line_ids, riba, self.mandate, mapping):
            with self.subTest(model=record._name):
                self.assertIsolated(record, self.accountant_b)
                self.assertIsolated(record, self.manager_b)

    def test_portal_user_sees_only_his_own_mandates(self):
        portal = self.users["portal"]
        portal.partner_id.parent_id = self.customer
        mandates = self.env["service.mandate"].with_user(portal).search([])
        self.assertEqual(mandates, self.mandate)
