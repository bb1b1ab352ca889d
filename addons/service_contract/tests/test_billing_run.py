# covers: CON-02, CON-04, CON-05
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestBillingRun(ContractCase):
    def _periods(self, contract):
        return [contract.date_start + relativedelta(months=i) for i in range(3)]

    def test_each_due_period_is_invoiced_and_posted_once(self):
        contract = self._contract(months_ago=2)
        for start in self._periods(contract):
            self._inputs(contract, start)
        run = self._run()
        invoices = run.invoice_ids.sorted("invoice_date")
        self.assertEqual(len(invoices), 3)
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        self.assertEqual(invoices.mapped("invoice_date"), self._periods(contract))
        for invoice in invoices:
            # 100 fixed + 3 x 20 per unit + 2.5 h x 40 by formula, + 15 % tax
            self.assertAlmostEqual(invoice.amount_untaxed, 260.0)
            self.assertAlmostEqual(invoice.amount_total, 299.0)
            self.assertEqual(invoice.service_contract_id, contract)
        self.assertEqual(
            contract.next_billing_date, self.month_start + relativedelta(months=1)
        )
        self.assertEqual(run.contract_count, 1)
        self.assertEqual(run.state, "done")
        # the same run again, or another one, bills nothing
        rerun = self._run()
        self.assertFalse(rerun.invoice_ids)
        self.assertEqual(contract.invoice_count, 3)

    def test_ledger_entries_balance_on_the_right_accounts(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        invoice = self._run().invoice_ids
        lines = invoice.line_ids
        self.assertAlmostEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))
        receivable = lines.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(
            receivable.account_id, self.customer.property_account_receivable_id
        )
        self.assertAlmostEqual(receivable.debit, 299.0)
        tax_line = lines.filtered("tax_line_id")
        self.assertAlmostEqual(tax_line.credit, 39.0)
        income = lines.filtered(lambda line: line.display_type == "product")
        self.assertEqual(set(income.account_id.mapped("account_type")), {"income"})
        self.assertAlmostEqual(sum(income.mapped("credit")), 260.0)
        self.assertEqual(income.mapped("service_contract_line_id"), contract.line_ids)
        self.assertEqual(
            set(income.mapped("service_period_start")), {contract.date_start}
        )

    def test_contract_with_missing_input_is_held_not_billed(self):
        complete = self._contract(months_ago=0)
        self._inputs(complete, complete.date_start)
        incomplete = self._contract(months_ago=0)
        run = self._run()
        self.assertEqual(run.invoice_ids.service_contract_id, complete)
        self.assertEqual(run.held_count, 1)
        issue = run.issue_ids
        self.assertEqual(issue.contract_id, incomplete)
        self.assertIn("hours, rate missing", issue.message)
        self.assertEqual(incomplete.next_billing_date, incomplete.date_start)
        # once the inputs are entered, the next run bills it
        self._inputs(incomplete, incomplete.date_start)
        self.assertEqual(self._run().invoice_ids.service_contract_id, incomplete)

    def test_one_faulty_contract_does_not_stop_the_run(self):
        good = self._contract(months_ago=0)
        self._inputs(good, good.date_start)
        faulty = self._contract(months_ago=0)
        self._inputs(faulty, faulty.date_start)
        other_term = self.env["account.payment.term"].create(
            {"name": "B term", "company_id": self.company_b.id}
        )
        # written around the ORM's company check, as a broken import would
        self.env.cr.execute(
            "UPDATE service_contract SET payment_term_id = %s WHERE id = %s",
            [other_term.id, faulty.id],
        )
        faulty.invalidate_recordset()
        run = self._run()
        self.assertEqual(run.invoice_ids.service_contract_id, good)
        self.assertEqual(run.error_count, 1)
        self.assertEqual(run.issue_ids.contract_id, faulty)
        self.assertEqual(faulty.next_billing_date, faulty.date_start)

    def test_arrears_bills_finished_periods_on_their_last_day(self):
        contract = self._contract(months_ago=2, billing_mode="arrears")
        for start in self._periods(contract):
            self._inputs(contract, start)
        invoices = self._run().invoice_ids.sorted("invoice_date")
        self.assertEqual(len(invoices), 2)
        self.assertEqual(
            invoices.mapped("invoice_date"),
            [
                contract.date_start + relativedelta(months=1, days=-1),
                contract.date_start + relativedelta(months=2, days=-1),
            ],
        )

    def test_first_and_last_calendar_periods_are_pro_rated_by_days(self):
        start = self.month_start - relativedelta(months=1) + relativedelta(days=10)
        end = self.month_start + relativedelta(days=4)
        self.env["service.contract"].create(
            {
                "partner_id": self.customer.id,
                "date_start": start,
                "date_end": end,
                "align_to_calendar": True,
                "state": "active",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.monitoring.id,
                            "quantity": 2,
                            "price_unit": 31,
                        },
                    )
                ],
            }
        )
        invoices = self._run().invoice_ids.sorted("invoice_date")
        self.assertEqual(len(invoices), 2)
        first_month_days = (
            self.month_start - (self.month_start - relativedelta(months=1))
        ).days
        first_days = (self.month_start - start).days
        this_month_days = (
            self.month_start + relativedelta(months=1) - self.month_start
        ).days
        self.assertAlmostEqual(
            invoices[0].amount_untaxed, round(62 * first_days / first_month_days, 2)
        )
        self.assertAlmostEqual(
            invoices[1].amount_untaxed, round(62 * 5 / this_month_days, 2)
        )
        self.assertFalse(self._run(self.today + relativedelta(months=3)).invoice_ids)

    def test_draft_setting_keeps_invoices_unposted(self):
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        run = self.env["service.billing.run"].create(
            {"date_until": self.today, "post_invoices": False}
        )
        run.with_user(self.users["supervisor"]).action_run()
        self.assertEqual(run.invoice_ids.state, "draft")

    def test_only_supervisors_run_billing(self):
        run = self.env["service.billing.run"].create({"date_until": self.today})
        with self.assertRaises(AccessError):
            run.with_user(self.users["service_user"]).action_run()
        self.assertEqual(run.state, "draft")

    def test_run_bills_only_its_company(self):
        self.env["account.chart.template"].try_loading(
            "generic_coa", self.company_b, install_demo=False
        )
        contract_a = self._contract(months_ago=0)
        self._inputs(contract_a, contract_a.date_start)
        customer_b = (
            self.env["res.partner"]
            .with_company(self.company_b)
            .create({"name": "B customer", "service_is_customer": True})
        )
        contract_b = (
            self.env["service.contract"]
            .with_company(self.company_b)
            .create(
                {
                    "partner_id": customer_b.id,
                    "date_start": self.month_start,
                    "state": "active",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": self.patrol.id,
                                "quantity": 1,
                                "price_unit": 20,
                                "tax_ids": False,
                            },
                        )
                    ],
                }
            )
        )
        run = self._run()
        self.assertEqual(run.invoice_ids.service_contract_id, contract_a)
        self.assertEqual(contract_b.next_billing_date, self.month_start)
        self.assertIsolated(contract_b, self.users["manager"])
        run_b = self._run(company=self.company_b, user=self.manager_b)
        self.assertEqual(run_b.invoice_ids.company_id, self.company_b)
