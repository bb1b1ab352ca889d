"""A maintenance company: a quarterly boiler service with a checklist, a
customer with a service site, and helpers making contracts and visits."""

from datetime import date

from odoo import Command

from odoo.addons.service_contract.tests.common import ContractCase


class VisitCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.boiler_service = cls.env["product.product"].create(
            {
                "name": "Boiler maintenance",
                "type": "service",
                "list_price": 90,
                "service_fee_method": "fixed",
                "service_visit_frequency": "quarterly",
                "service_visit_checklist": "Check the burner flame\n\n"
                "Measure the flue gas\nClean the heat exchanger",
            }
        )
        cls.boiler = cls.env["product.product"].create(
            {"name": "Condensing boiler 24 kW", "type": "consu"}
        )
        cls.site = cls.env["res.partner"].create(
            {
                "name": "Harbour Authority - Pier 4",
                "parent_id": cls.customer.id,
                "type": "service_site",
                "street": "Pier 4",
            }
        )
        cls.technician = cls._make_user(
            "technician_a", "service_base.group_service_user", cls.company_a
        )

    @classmethod
    def _visit_contract(cls, start, end=None, state="active", **line):
        """A contract from ``start`` to ``end`` of one boiler-maintenance
        line with the values ``line``."""
        return cls.env["service.contract"].create(
            {
                "partner_id": cls.customer.id,
                "date_start": start,
                "date_end": end,
                "state": state,
                "renewal_mode": "none",
                "line_ids": [
                    Command.create(
                        dict(
                            {"product_id": cls.boiler_service.id, "quantity": 1}, **line
                        )
                    )
                ],
            }
        )

    @classmethod
    def _item(cls, contract=None, **values):
        return cls.env["service.item"].create(
            dict(
                {
                    "product_id": cls.boiler.id,
                    "serial": "SN-0001",
                    "partner_id": cls.customer.id,
                    "site_partner_id": cls.site.id,
                    "contract_line_id": contract.line_ids[:1].id if contract else False,
                },
                **values,
            )
        )

    @classmethod
    def _visit(cls, **values):
        return cls.env["service.visit"].create(
            dict(
                {
                    "partner_id": cls.customer.id,
                    "date_due": date(2031, 3, 1),
                    "checklist_line_ids": [
                        Command.create({"name": "Check the burner"})
                    ],
                },
                **values,
            )
        )
