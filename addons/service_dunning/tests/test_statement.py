# covers: DUN-04, BAS-09
"""A statement's closing balance is its opening balance plus its movements
and equals the ledger, with partial payments and credit notes; the PDF is
in the customer's language; statements are e-mailed in bulk."""

from datetime import timedelta

from odoo.addons.service_base.tests.common import pdf_text

from .common import DunningCase


class TestStatement(DunningCase):
    def _ledger(self, partner, date_to):
        lines = self.env["account.move.line"].search(
            [
                ("partner_id", "=", partner.id),
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("date", "<=", date_to),
            ]
        )
        return sum(lines.mapped("balance"))

    def test_opening_plus_movements_equals_closing_and_the_ledger(self):
        old = self._invoice(self.customer, 500, days_late=60)
        self._pay(old, 200, date=self.today - timedelta(days=50))
        recent = self._invoice(self.customer, 300, days_late=10)
        self._pay(recent, 120, date=self.today - timedelta(days=5))
        self._invoice(self.customer, 80, days_late=8, move_type="out_refund")
        date_from = self.today - timedelta(days=20)
        statements = self.env["report.service_dunning.report_statement"]._statements(
            self.customer, self.company_a, date_from, self.today
        )
        statement = statements[self.customer.id]
        self.assertEqual(statement["opening"], 300)
        movements = sum(row["amount"] for row in statement["movements"])
        self.assertEqual(statement["closing"], statement["opening"] + movements)
        self.assertEqual(statement["closing"], self._ledger(self.customer, self.today))
        self.assertEqual(statement["closing"], 400)
        self.assertEqual(len(statement["movements"]), 3)
        # ageing at the end of the period adds up to the closing balance
        self.assertAlmostEqual(sum(statement["buckets"]), statement["closing"])

    def test_statement_pdf(self):
        self._invoice(self.customer, 1234.56, days_late=10)
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "service_dunning.action_report_statement",
                self.customer.ids,
                data={"date_from": str(self.today - timedelta(days=30))},
            )
        )
        text = pdf_text(pdf)
        self.assertIn("Account Statement", text)
        self.assertIn("Closing balance", text)
        self.assertIn("1,234.56", text)
        self.assertIn("one thousand, two hundred and thirty-four", text)

    def test_statements_emailed_in_bulk(self):
        self.customer.service_statement_by_email = True
        self._invoice(self.customer, 100, days_late=10)
        wizard = self.env["service.statement.wizard"].create(
            {
                "partner_ids": [(6, 0, (self.customer | self.customer_2).ids)],
                "date_from": self.today - timedelta(days=30),
                "date_to": self.today,
            }
        )
        wizard.action_send()
        mails = self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "in", wizard.partner_ids.ids)]
        )
        self.assertEqual(len(mails), 2)
        self.assertTrue(all(mail.attachment_ids for mail in mails))
        self.assertEqual(
            set(mails.attachment_ids.mapped("mimetype")), {"application/pdf"}
        )

    def test_reversed_period_is_refused(self):
        wizard = self.env["service.statement.wizard"].create(
            {
                "partner_ids": [(6, 0, self.customer.ids)],
                "date_from": self.today,
                "date_to": self.today - timedelta(days=3),
            }
        )
        with self.assertRaisesRegex(Exception, "From"):
            wizard.action_print()
