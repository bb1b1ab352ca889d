"""A small service company: a 15 % tax, three services (fixed, per unit,
formula) and a helper making contracts of three lines."""

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name

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


class CommittedContractsCase(BaseCase):
    """Contracts committed in their own cursor, for the tests that need real,
    separate PostgreSQL transactions (several workers, rows held by another
    session): ``CONTRACTS`` active one-line contracts of one customer, due
    this month. Everything they made is removed afterwards: the invoices of
    these contracts and the billing runs created since ``setUp``."""

    CONTRACTS = 6
    DATA_NAME = "Committed contracts"

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            today = fields.Date.context_today(env["service.contract"])
            product = env["product.product"].create(
                {
                    "name": f"{self.DATA_NAME} service",
                    "type": "service",
                    "service_fee_method": "per_unit",
                    "list_price": 10,
                }
            )
            partner = env["res.partner"].create({"name": f"{self.DATA_NAME} customer"})
            contracts = env["service.contract"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": today.replace(day=1),
                        "state": "active",
                        "line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "quantity": 1,
                                    "tax_ids": False,
                                }
                            )
                        ],
                    }
                    for __ in range(self.CONTRACTS)
                ]
            )
            last_run = env["service.billing.run"].search([], order="id desc", limit=1)
            self.ids = {
                "product": product.id,
                "partner": partner.id,
                "contracts": contracts.ids,
                "last_run": last_run.id or 0,
            }
            self._setup_committed(env)
        self.addCleanup(self._remove_data)

    def _setup_committed(self, env):
        """Hook: more data of the test, committed with the contracts."""

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self._remove_committed(env)
            moves = env["account.move"].search(
                [("service_contract_id", "in", self.ids["contracts"])]
            )
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            env["service.billing.run"].search(
                [("id", ">", self.ids["last_run"])]
            ).unlink()
            env["service.contract"].browse(self.ids["contracts"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _remove_committed(self, env):
        """Hook: remove what ``_setup_committed`` made."""
