"""Contracts with fixed dates (billing in 2025) and a helper raising,
approving and applying cancellations."""

from datetime import date

from odoo import Command

from odoo.addons.service_contract.tests.common import ContractCase


class CancellationCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "desk@harbour.example.com"
        cls.reason_price = cls.env.ref("service_cancellation.reason_price")
        cls.reason_quality = cls.env.ref("service_cancellation.reason_quality")
        cls.salesperson = cls._make_user(
            "sales_a", "service_base.group_service_user", cls.company_a
        )
        cls.basic_guard = cls.env["product.product"].create(
            {
                "name": "Basic guard",
                "type": "service",
                "list_price": 70,
                "service_fee_method": "fixed",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )

    @classmethod
    def _simple_contract(cls, start=date(2025, 1, 1), partner=None, **values):
        """A monthly contract of a fixed 100.00 guard and a 31.00 monitoring
        pro-rated by days."""
        return cls.env["service.contract"].create(
            dict(
                {
                    "partner_id": (partner or cls.customer).id,
                    "date_start": start,
                    "billing_period": "monthly",
                    "billing_mode": "advance",
                    "notice_days": 30,
                    "user_id": cls.salesperson.id,
                    "state": "active",
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": cls.guard.id,
                                "quantity": 1,
                                "price_unit": 100,
                            }
                        ),
                        Command.create(
                            {
                                "product_id": cls.monitoring.id,
                                "quantity": 1,
                                "price_unit": 31,
                            }
                        ),
                    ],
                },
                **values,
            )
        )

    @classmethod
    def _cancellation(cls, contract, **values):
        return cls.env["service.cancellation"].create(
            dict(
                {
                    "contract_id": contract.id,
                    "reason_id": cls.reason_price.id,
                    "date_received": date(2025, 2, 1),
                },
                **values,
            )
        )

    def _approve(self, cancellation):
        """Submitted by a service user, approved by a supervisor."""
        cancellation.with_user(self.users["service_user"]).action_submit()
        self.assertEqual(cancellation.state, "waiting")
        cancellation.with_user(self.users["supervisor"]).action_approve()
        self.assertEqual(cancellation.state, "approved")
        return cancellation
