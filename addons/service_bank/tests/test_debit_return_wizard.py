# covers: BNK-01
"""A staff member registers a return (R-transaction) the bank reported
outside a statement from the transaction: reason code and optional fee, the
invoice opens again; only invoicing staff may, over the UI and XML-RPC."""

import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, get_db_name, tagged

from .common import BankCase


@tagged("post_install", "-at_install")
class TestDebitReturnWizard(BankCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract(partner=cls.customer)
        cls.invoice = cls._invoice(
            cls.customer, 100, service_contract_id=cls.contract.id
        )
        order = cls.env["service.debit.order"].create(
            {
                "journal_id": cls.bank_journal.id,
                "collection_date": cls.today,
                "date_due_until": cls.today,
            }
        )
        order.action_gather()
        order.action_export()
        order.action_post()
        cls.line = cls.invoice.service_debit_line_id
        for user, login in (
            (cls.accountant, "return_accountant"),
            (cls.users["service_user"], "return_service_user"),
        ):
            user.write({"login": login, "password": f"{login}-Secret-2026"})

    def _form(self, user):
        return Form(
            self.env["service.debit.return.wizard"]
            .with_user(user)
            .with_context(default_debit_line_id=self.line.id)
        )

    def test_register_return_from_the_form_reopens_the_invoice_with_a_fee(self):
        form = self._form(self.accountant)
        self.assertEqual(form.partner_id, self.customer)
        self.assertEqual(form.amount, 100)
        form.reason = "AM04"
        form.fee = 6.5
        wizard = form.save()
        wizard.action_confirm()
        self.assertEqual(self.line.state, "returned")
        self.assertEqual(self.line.return_reason, "AM04")
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertEqual(self.line.fee_invoice_id.amount_total, 6.5)
        self.assertEqual(self.line.fee_invoice_id.partner_id, self.customer)
        self.assertEqual(self.mandate.return_count, 1)
        self.assertLedgerBalanced()

    def test_closed_account_reason_revokes_the_mandate_without_a_fee(self):
        form = self._form(self.accountant)
        form.reason = "AC04"
        form.save().action_confirm()
        self.assertEqual(self.mandate.state, "revoked")
        self.assertFalse(self.line.fee_invoice_id)

    def test_a_plain_services_user_cannot_register_a_return(self):
        with self.assertRaises(AccessError):
            self._form(self.users["service_user"])
        self.assertEqual(self.line.state, "posted")

    def test_register_return_over_xmlrpc_as_accountant_but_not_as_plain_user(self):
        def call(login, model, method, *args, **kwargs):
            password = f"{login}-Secret-2026"
            uid = self.xmlrpc_common.authenticate(get_db_name(), login, password, {})
            return self.xmlrpc_object.execute_kw(
                get_db_name(), uid, password, model, method, list(args), kwargs
            )

        with self.assertRaises(xmlrpc.client.Fault) as refused:
            call(
                "return_service_user",
                "service.debit.return.wizard",
                "create",
                [{"debit_line_id": self.line.id, "reason": "AM04"}],
            )
        self.assertIn("not allowed", refused.exception.faultString)
        wizard_ids = call(
            "return_accountant",
            "service.debit.return.wizard",
            "create",
            [{"debit_line_id": self.line.id, "reason": "MD06", "fee": 3.0}],
        )
        call(
            "return_accountant",
            "service.debit.return.wizard",
            "action_confirm",
            wizard_ids,
        )
        self.line.invalidate_recordset()
        self.invoice.invalidate_recordset()
        self.assertEqual(self.line.state, "returned")
        self.assertEqual(self.line.return_reason, "MD06")
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertEqual(self.line.fee_invoice_id.amount_total, 3.0)
