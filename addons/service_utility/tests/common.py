"""An energy retailer: a tiered electricity tariff billed by formula over
the consumption input, one customer with a POD, its meter and a monthly
contract billed in arrears."""

from datetime import date

from odoo.tools import float_round

from odoo.addons.service_contract.tests.common import ContractCase

# 0.20 up to 100 kWh, 0.15 from 100 to 300, 0.10 above, plus 5.00 fixed
TIERED = (
    "5 + min(consumption, 100) * 0.2 + max(min(consumption, 300) - 100, 0) * 0.15"
    " + max(consumption - 300, 0) * 0.1"
)


def tiered(consumption):
    # rounded half up to the cent, as Odoo rounds the invoice line
    return float_round(
        5
        + min(consumption, 100) * 0.2
        + max(min(consumption, 300) - 100, 0) * 0.15
        + max(consumption - 300, 0) * 0.1,
        precision_digits=2,
    )


class UtilityCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.energy = cls.env["product.product"].create(
            {
                "name": "Electricity",
                "type": "service",
                "list_price": 0,
                "service_fee_method": "formula",
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.tariff = cls.env["service.formula"].create(
            {
                "name": "Tiered electricity",
                "expression": TIERED,
                "input_names": "consumption",
            }
        )
        cls.point = cls._point("IT001E12345678", "it_pod")
        cls.meter = cls._meter(cls.point, "M-100", date(2025, 1, 1))

    @classmethod
    def _point(cls, identifier, kind="free", partner=None, **values):
        return cls.env["service.supply.point"].create(
            dict(
                {
                    "name": identifier,
                    "kind": kind,
                    "partner_id": (partner or cls.customer).id,
                    "city": "Ancona",
                },
                **values,
            )
        )

    @classmethod
    def _meter(cls, point, serial, installed, digits=5, multiplier=1.0, **values):
        return cls.env["service.meter"].create(
            dict(
                {
                    "name": serial,
                    "point_id": point.id,
                    "date_installed": installed,
                    "digits": digits,
                    "multiplier": multiplier,
                },
                **values,
            )
        )

    @classmethod
    def _metered_contract(cls, point=None, start=date(2026, 1, 1), **values):
        return cls.env["service.contract"].create(
            dict(
                {
                    "partner_id": cls.customer.id,
                    "date_start": start,
                    "billing_period": "monthly",
                    "billing_mode": "arrears",
                    "align_to_calendar": True,
                    "state": "active",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": cls.energy.id,
                                "formula_id": cls.tariff.id,
                                "supply_point_id": (point or cls.point).id,
                            },
                        )
                    ],
                },
                **values,
            )
        )

    def _read(self, day, value, point=None, source="actual", **values):
        return self.env["service.meter.reading"].create(
            dict(
                {
                    "point_id": (point or self.point).id,
                    "date": day,
                    "value": value,
                    "source": source,
                },
                **values,
            )
        )

    def _bill(self, until):
        run = self.env["service.billing.run"].create({"date_until": until})
        run.action_run()
        return run
