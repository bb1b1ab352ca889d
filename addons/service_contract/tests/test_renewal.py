# covers: CON-06
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestRenewal(ContractCase):
    def _ending(self, days, **values):
        contract = self._contract(months_ago=11, **values)
        contract.date_end = self.today + relativedelta(days=days)
        return contract

    def _mails(self, contract):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "service.contract"),
                ("res_id", "=", contract.id),
                ("subject", "ilike", "ends on"),
            ]
        )

    def test_reminder_before_the_end_once(self):
        contract = self._ending(20, renewal_reminder_days=30)
        far = self._ending(60, renewal_reminder_days=30)
        self.customer.email = "office@harbour.example.com"
        Contract = self.env["service.contract"]
        Contract._cron_renewals()
        self.assertEqual(len(self._mails(contract)), 1)
        self.assertEqual(self._mails(contract).recipient_ids, self.customer)
        self.assertTrue(
            contract.activity_ids.filtered(lambda a: "ends on" in a.summary)
        )
        self.assertFalse(self._mails(far))
        Contract._cron_renewals()
        self.assertEqual(len(self._mails(contract)), 1, "reminded twice")

    def test_automatic_renewal_at_the_end_date(self):
        contract = self._ending(-1, renewal_mode="auto", renewal_months=12)
        end = contract.date_end
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(contract.date_end, end + relativedelta(months=12))
        self.assertEqual(contract.state, "active")
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(contract.date_end, end + relativedelta(months=12))

    def test_terminated_contract_is_neither_reminded_nor_renewed(self):
        auto = self._ending(20, renewal_mode="auto", renewal_reminder_days=30)
        self.customer.email = "office@harbour.example.com"
        auto._service_terminate(auto.date_end, "Cancelled by the customer")
        on_decision = self._ending(10, renewal_mode="approval")
        on_decision._service_terminate(on_decision.date_end)
        Contract = self.env["service.contract"]
        Contract._cron_renewals()
        self.assertFalse(self._mails(auto), "a terminated contract was reminded")
        Contract._cron_renewals(today=self.today + relativedelta(days=30))
        self.assertEqual(auto.date_end, auto.terminated_on, "renewed")
        self.assertEqual(auto.state, "ended")
        self.assertEqual(on_decision.state, "ended")
        running = self._ending(90, renewal_mode="approval")
        running._service_terminate(running.date_end)
        with self.assertRaisesRegex(UserError, "Terminated On:.*not renewed"):
            running.with_user(self.users["supervisor"]).action_renew()

    def test_contract_without_renewal_ends(self):
        contract = self._ending(-1, renewal_mode="none")
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(contract.state, "ended")

    def test_renewal_on_decision_waits_for_a_supervisor(self):
        contract = self._ending(-1, renewal_mode="approval")
        end = contract.date_end
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(contract.date_end, end)
        self.assertEqual(contract.state, "active")
        with self.assertRaisesRegex(UserError, "supervisor"):
            contract.with_user(self.users["service_user"]).action_renew()
        contract.with_user(self.users["supervisor"]).action_renew()
        self.assertEqual(contract.date_end, end + relativedelta(months=12))

    def test_renewal_at_any_time_with_percentage_indexation(self):
        contract = self._ending(
            90, indexation="percentage", indexation_rate=3.5, indexation_on="renewal"
        )
        contract.with_user(self.users["supervisor"]).action_renew()
        prices = sorted(contract.line_ids.mapped("price_unit"))
        self.assertEqual(prices, [20.7, 41.4, 103.5])
        log = self.env["service.audit.log"].search(
            [("res_model", "=", "service.contract.line"), ("action", "=", "write")]
        )
        self.assertIn("Unit Price: 100.0 → 103.5", log.mapped("changes"))

    def test_index_table_indexation_on_anniversary(self):
        index = self.env["service.price.index"].create(
            {
                "name": "CPI",
                "value_ids": [
                    (0, 0, {"date": self.today - relativedelta(years=3), "value": 100}),
                    (0, 0, {"date": self.today - relativedelta(days=70), "value": 104}),
                ],
            }
        )
        contract = self._contract(
            months_ago=13,
            indexation="index",
            index_id=index.id,
            indexation_on="anniversary",
        )
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(
            sorted(contract.line_ids.mapped("price_unit")), [20.8, 41.6, 104.0]
        )
        self.assertEqual(
            contract.last_indexation_date, contract.date_start + relativedelta(years=1)
        )
        self.env["service.contract"]._cron_renewals()  # not again this year
        self.assertEqual(max(contract.line_ids.mapped("price_unit")), 104.0)
