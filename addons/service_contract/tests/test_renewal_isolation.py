# covers: CON-06
"""One bad contract does not stop the daily renewal job: each contract is
renewed, indexed or reminded in its own savepoint, a failure is left on the
contract as an exception activity, and the other contracts of every company
are processed (issue 16)."""

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestRenewalJobIsolation(ContractCase):
    def _ending(self, days, company=None, **values):
        if company:
            values.update(company_id=company.id, partner=self._customer_of(company))
        contract = self._contract(months_ago=11, **values)
        contract.date_end = self.today + relativedelta(days=days)
        return contract

    def _customer_of(self, company):
        return self.env["res.partner"].create(
            {
                "name": f"Customer of {company.name}",
                "service_is_customer": True,
                "company_id": company.id,
            }
        )

    def _failures(self, contract):
        return contract.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("mail.mail_activity_data_warning")
            )
        )

    def test_index_without_value_fails_alone_in_every_company(self):
        empty_index = self.env["service.price.index"].create({"name": "CPI (empty)"})
        bad_renewal = self._ending(
            -1,
            renewal_mode="auto",
            indexation="index",
            index_id=empty_index.id,
            indexation_on="renewal",
        )
        bad_anniversary = self._contract(
            months_ago=13,
            indexation="index",
            index_id=empty_index.id,
            indexation_on="anniversary",
        )
        renewed_a = self._ending(-1, renewal_mode="auto", renewal_months=12)
        renewed_b = self._ending(
            -1, company=self.company_b, renewal_mode="auto", renewal_months=12
        )
        indexed_b = self._contract(
            months_ago=13,
            partner=self._customer_of(self.company_b),
            company_id=self.company_b.id,
            indexation="percentage",
            indexation_rate=10,
            indexation_on="anniversary",
        )
        reminded_b = self._ending(20, company=self.company_b, renewal_reminder_days=30)
        bad_end = bad_renewal.date_end
        ends = {renewed_a: renewed_a.date_end, renewed_b: renewed_b.date_end}

        self.env["service.contract"]._cron_renewals()

        for contract, end in ends.items():
            self.assertEqual(contract.date_end, end + relativedelta(months=12))
        self.assertEqual(
            sorted(indexed_b.line_ids.mapped("price_unit")), [22.0, 44.0, 110.0]
        )
        self.assertEqual(reminded_b.renewal_reminded_for, reminded_b.date_end)
        self.assertTrue(
            reminded_b.activity_ids.filtered(lambda a: "ends on" in a.summary)
        )
        # the bad ones changed nothing and say why, on the contract
        self.assertEqual(bad_renewal.date_end, bad_end)
        self.assertEqual(bad_renewal.state, "active")
        self.assertEqual(
            self._failures(bad_renewal).summary, "Renewal job: renewal failed"
        )
        self.assertIn("has no value", self._failures(bad_renewal).note)
        self.assertFalse(bad_anniversary.last_indexation_date)
        self.assertEqual(
            sorted(bad_anniversary.line_ids.mapped("price_unit")), [20, 40, 100]
        )
        self.assertEqual(
            self._failures(bad_anniversary).summary, "Renewal job: indexation failed"
        )
        for good in (renewed_a, renewed_b, indexed_b, reminded_b):
            self.assertFalse(self._failures(good))

        # run again the same day: the failure is not reported twice
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(len(self._failures(bad_renewal)), 1)
        self.assertEqual(len(self._failures(bad_anniversary)), 1)
        # once the index has a value, the next run renews it
        self.env["service.price.index.value"].create(
            [
                {
                    "index_id": empty_index.id,
                    "date": bad_renewal.date_start - relativedelta(years=1),
                    "value": 100,
                },
            ]
        )
        self.env["service.contract"]._cron_renewals()
        self.assertEqual(bad_renewal.date_end, bad_end + relativedelta(months=12))
