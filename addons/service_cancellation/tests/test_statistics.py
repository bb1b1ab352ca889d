# covers: CAN-03
from datetime import date

from odoo.tests import tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestChurnStatistics(CancellationCase):
    def test_churn_by_reason_service_salesperson_and_month(self):
        first = self._approve(self._cancellation(self._simple_contract()))
        quarterly = self._simple_contract(billing_period="quarterly")
        second = self._cancellation(
            quarterly,
            reason_id=self.reason_quality.id,
            scope="lines",
            line_ids=quarterly.line_ids[:1].ids,
            date_received=date(2025, 3, 10),
        )
        self._approve(second)
        retained = self._cancellation(
            self._simple_contract(), offer_type="discount", offer_discount=5
        )
        retained.action_retention_accepted()
        self._cancellation(self._simple_contract())  # a draft does not count
        self.assertAlmostEqual(first.amount_monthly, 131.0)
        self.assertAlmostEqual(second.amount_monthly, 100 / 3, places=2)

        self.env.flush_all()
        Report = self.env["service.cancellation.report"].with_user(
            self.users["supervisor"]
        )
        lost = [("state", "in", ("approved", "done"))]
        by_reason = {
            reason: (count, amount)
            for reason, count, amount in Report._read_group(
                lost, ["reason_id"], ["cancellation_count:sum", "amount_monthly:sum"]
            )
        }
        self.assertEqual(by_reason[self.reason_price][0], 1)
        self.assertAlmostEqual(by_reason[self.reason_price][1], 131.0)
        self.assertEqual(by_reason[self.reason_quality][0], 1)
        self.assertAlmostEqual(by_reason[self.reason_quality][1], 33.33, places=2)

        by_service = dict(Report._read_group(lost, ["product_id"], ["line_count:sum"]))
        self.assertEqual(by_service[self.guard], 2)
        self.assertEqual(by_service[self.monitoring], 1)

        by_user = dict(
            Report._read_group(lost, ["user_id"], ["cancellation_count:sum"])
        )
        self.assertEqual(by_user[self.salesperson], 2)

        by_month = dict(
            Report._read_group(
                lost, ["date_effective:month"], ["cancellation_count:sum"]
            )
        )
        self.assertEqual(
            {day.strftime("%Y-%m"): count for day, count in by_month.items()},
            {"2025-03": 1, "2025-04": 1},
        )
        self.assertEqual(
            Report.search_count([("state", "=", "retained")]), 2, "two lines kept"
        )
