"""A service company with contracts, invoices, requests and visits whose
dashboard figures the tests work out by hand."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command

from odoo.addons.service_visit.tests.common import VisitCase


class DashboardCase(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month_end = cls.month_start + relativedelta(months=1, days=-1)
        cls.request_type = cls.env["service.request.type"].create(
            {
                "name": "Alarm fault",
                "kind": "maintenance",
                "code": "DBF",
                "company_id": cls.company_a.id,
                "sla_hours": 16,
            }
        )
        cls.stage_done = cls.env.ref("service_request.stage_done")
        cls.customer_b = cls.env["res.partner"].create(
            {
                "name": "Gulf Port Services",
                "service_is_customer": True,
                "is_company": True,
                "company_id": cls.company_b.id,
            }
        )

    @classmethod
    def _fixed_contract(cls, partner=None, company=None, state="active", **values):
        """Active since two months: a monthly guard of 100.00 and a quarterly
        inspection of 300.00 (100.00 a month): 200.00 recurring a month."""
        company = company or cls.company_a
        return (
            cls.env["service.contract"]
            .with_company(company)
            .create(
                dict(
                    {
                        "partner_id": (partner or cls.customer).id,
                        "company_id": company.id,
                        "date_start": cls.month_start - relativedelta(months=2),
                        "billing_period": "monthly",
                        "state": state,
                        "line_ids": [
                            Command.create(
                                {
                                    "product_id": cls.guard.id,
                                    "quantity": 1,
                                    "price_unit": 100,
                                    "tax_ids": [],
                                }
                            ),
                            Command.create(
                                {
                                    "product_id": cls.monitoring.id,
                                    "quantity": 1,
                                    "price_unit": 300,
                                    "billing_period": "quarterly",
                                    "tax_ids": [],
                                }
                            ),
                        ],
                    },
                    **values,
                )
            )
        )

    @classmethod
    def _invoice(
        cls, amount, invoice_date, move_type="out_invoice", due=None, **values
    ):
        """A posted customer invoice of ``amount`` untaxed plus 15 % tax."""
        move = cls.env["account.move"].create(
            dict(
                {
                    "move_type": move_type,
                    "partner_id": cls.customer.id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": due or invoice_date,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": cls.guard.id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.set(cls.tax.ids)],
                            }
                        )
                    ],
                },
                **values,
            )
        )
        move.action_post()
        return move

    @classmethod
    def _payment(cls, amount, date=None):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "amount": amount,
                "date": date or cls.today,
            }
        )
        payment.action_post()
        return payment

    @classmethod
    def _request(cls, received, **values):
        return cls.env["service.request"].create(
            dict(
                {
                    "type_id": cls.request_type.id,
                    "partner_id": cls.customer.id,
                    "date_received": received,
                },
                **values,
            )
        )

    @classmethod
    def _days_ago(cls, days):
        return cls.today - timedelta(days=days)
