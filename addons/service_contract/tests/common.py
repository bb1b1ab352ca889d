"""A small service company: a 15 % tax, three services (fixed, per unit,
formula) and a helper making contracts of three lines."""

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.service_base.tests.common import ServiceCase


class ContractCase(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.today = fields.Date.context_today(cls.env["service.contract"])
        cls.month_start = cls.today.replace(day=1)
        cls.tax = cls.env["account.tax"].create(
            {
                "name": "VAT 15%",
                "amount": 15,
                "type_tax_use": "sale",
                "company_id": cls.company_a.id,
            }
        )
        Product = cls.env["product.product"]
        cls.guard = Product.create(
            {
                "name": "Static guard",
                "type": "service",
                "list_price": 100,
                "service_fee_method": "fixed",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.patrol = Product.create(
            {
                "name": "Patrol visit",
                "type": "service",
                "list_price": 20,
                "service_fee_method": "per_unit",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.event = Product.create(
            {
                "name": "Event guarding",
                "type": "service",
                "list_price": 40,
                "service_fee_method": "formula",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.monitoring = Product.create(
            {
                "name": "Monitoring",
                "type": "service",
                "list_price": 31,
                "service_fee_method": "per_period",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.formula = cls.env["service.formula"].create(
            {
                "name": "Hours x rate",
                "expression": "hours * rate",
                "input_names": "hours, rate",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Harbour Authority",
                "service_is_customer": True,
                "is_company": True,
            }
        )

    @classmethod
    def _contract(cls, months_ago=2, partner=None, state="active", **values):
        start = cls.month_start - relativedelta(months=months_ago)
        defaults = {
            "partner_id": (partner or cls.customer).id,
            "date_start": start,
            "billing_period": "monthly",
            "billing_mode": "advance",
            "state": state,
            "line_ids": [
                (0, 0, {"product_id": cls.guard.id, "quantity": 1, "price_unit": 100}),
                (0, 0, {"product_id": cls.patrol.id, "quantity": 3, "price_unit": 20}),
                (
                    0,
                    0,
                    {
                        "product_id": cls.event.id,
                        "quantity": 2.5,
                        "price_unit": 40,
                        "formula_id": cls.formula.id,
                    },
                ),
            ],
        }
        return cls.env["service.contract"].create(dict(defaults, **values))

    @classmethod
    def _inputs(cls, contract, period_start, hours=2.5, rate=40):
        line = contract.line_ids.filtered("formula_id")
        return cls.env["service.contract.input"].create(
            [
                {
                    "line_id": line.id,
                    "period_start": period_start,
                    "name": "hours",
                    "value": hours,
                },
                {
                    "line_id": line.id,
                    "period_start": period_start,
                    "name": "rate",
                    "value": rate,
                },
            ]
        )

    def _run(self, date_until=None, company=None, user=None):
        run = self.env["service.billing.run"].create(
            {
                "date_until": date_until or self.today,
                "company_id": (company or self.company_a).id,
            }
        )
        run.with_user(user or self.users["supervisor"]).action_run()
        return run
