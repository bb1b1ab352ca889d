# covers: COL-01
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestReceipts(CollectionCase):
    def test_receipt_settles_the_chosen_invoices(self):
        older = self._invoice(self.customer, 100, days_ago=20)
        newer = self._invoice(self.customer, 50)
        untouched = self._invoice(self.customer, 70)
        payment = self._receipt(
            self.customer,
            150,
            service_receipt_kind="invoices",
            invoice_ids=[(6, 0, (older | newer).ids)],
        )
        self.assertEqual(older.payment_state, "paid")
        self.assertEqual(newer.payment_state, "paid")
        self.assertEqual(untouched.payment_state, "not_paid")
        self.assertTrue(payment.is_reconciled)
        self.assertEqual(self._balance(self.receivable, self.customer), 70)

    def test_receipt_for_invoices_needs_posted_invoices(self):
        with self.assertRaisesRegex(UserError, "Invoices: choose the posted"):
            self._receipt(self.customer, 10, service_receipt_kind="invoices")

    def test_advance_is_applied_to_the_next_invoices_oldest_first(self):
        advance = self._receipt(self.customer, 300, service_receipt_kind="advance")
        self.assertFalse(advance.is_reconciled)
        self.assertEqual(self._balance(self.receivable, self.customer), -300)
        first = self._invoice(self.customer, 200)
        self.assertEqual(first.payment_state, "paid")
        second = self._invoice(self.customer, 150)
        self.assertEqual(second.payment_state, "partial")
        self.assertEqual(second.amount_residual, 50)
        self.assertTrue(advance.is_reconciled)
        self.assertEqual(advance.reconciled_invoice_ids, first | second)

    def test_advance_received_after_the_invoice_is_applied_on_request(self):
        invoice = self._invoice(self.customer, 80)
        advance = self._receipt(self.customer, 100, service_receipt_kind="advance")
        self.assertEqual(invoice.payment_state, "not_paid")
        advance.action_service_apply_advances()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(self._balance(self.receivable, self.customer), -20)

    def test_credit_note_pays_part_of_the_invoice_and_the_receipt_the_rest(self):
        invoice = self._invoice(self.customer, 200)
        refund = self._invoice(self.customer, 50, move_type="out_refund")
        payment = self._receipt(
            self.customer,
            150,
            service_receipt_kind="credit_note",
            invoice_ids=[(6, 0, (invoice | refund).ids)],
        )
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(refund.payment_state, "paid")
        self.assertTrue(payment.is_reconciled)
        self.assertEqual(self._balance(self.receivable, self.customer), 0)

    def test_contract_receipt_pays_the_contract_invoices_only(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        contract_invoices = self._run().invoice_ids
        self.assertEqual(contract_invoices.mapped("state"), ["posted"])
        other = self._invoice(self.customer, 10)
        total = sum(contract_invoices.mapped("amount_residual"))
        self._receipt(
            self.customer,
            total,
            service_receipt_kind="contract",
            service_contract_id=contract.id,
        )
        self.assertEqual(set(contract_invoices.mapped("payment_state")), {"paid"})
        self.assertEqual(other.payment_state, "not_paid")

    def test_cancelled_receipt_needs_approval_and_leaves_the_ledger_balanced(self):
        invoice = self._invoice(self.customer, 100)
        payment = self._receipt(
            self.customer,
            100,
            service_receipt_kind="invoices",
            invoice_ids=[(6, 0, invoice.ids)],
        )
        self.assertEqual(invoice.payment_state, "paid")
        request = (
            self.env["service.receipt.cancellation"]
            .with_user(self.cashier)
            .create({"payment_id": payment.id, "reason": "Cheque entered twice"})
        )
        request.action_request_approval()
        self.assertEqual(request.approval_state, "pending")
        # the manager reads the request without accounting rights
        [values] = request.with_user(self.users["manager"]).read(
            ["payment_name", "partner_id", "amount"]
        )
        self.assertEqual(values["payment_name"], payment.name)
        # nothing moves before the authorisation
        self.assertEqual(payment.state, "paid")
        with self.assertRaisesRegex(UserError, "not an approver"):
            request.action_approve()
        request.with_user(self.users["manager"]).action_approve()
        self.assertTrue(request.done)
        self.assertEqual(payment.state, "canceled")
        # Odoo's own cancellation: the entry is kept, cancelled, unreconciled
        self.assertEqual(payment.move_id.state, "cancel")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self._balance(self.receivable, self.customer), 100)
        posted = self.env["account.move.line"].search(
            [("company_id", "=", self.company_a.id), ("parent_state", "=", "posted")]
        )
        self.assertAlmostEqual(
            sum(posted.mapped("debit")), sum(posted.mapped("credit"))
        )

    def test_receipt_pdf_shows_what_it_pays_and_is_mailed(self):
        invoice = self._invoice(self.customer, 40)
        payment = self._receipt(
            self.customer,
            40,
            service_receipt_kind="invoices",
            invoice_ids=[(6, 0, invoice.ids)],
            service_collector_id=self.collector.id,
        )
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("account.action_report_payment_receipt", payment.ids)
        )
        self.assertEqual(report_type, "pdf")
        text = " ".join(pdf_text(pdf).split())
        self.assertIn("Receipt For: Invoices", text)
        self.assertIn(f"Collected By: {self.collector.name}", text)
        payment.action_service_send_receipt()
        message = payment.message_ids.filtered(
            lambda m: self.customer in m.partner_ids
        )[:1]
        self.assertTrue(message, "the receipt was not sent to the customer")
        self.assertIn("Payment Receipt", message.subject)
        self.assertTrue(message.attachment_ids)
        self.assertTrue(payment.is_sent)
