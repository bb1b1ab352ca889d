"""A dunning scenario of three levels (10, 30, 60 days), an accountant and
customers with invoices due at chosen days in the past."""

from datetime import timedelta

from odoo import Command

from odoo.addons.service_contract.tests.common import ContractCase


class DunningCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._make_user(
            "accountant_a",
            "account.group_account_invoice,service_base.group_service_user",
            cls.company_a,
        )
        cls.scenario = cls.env["service.dunning.scenario"].create(
            {
                "name": "Standard",
                "company_id": cls.company_a.id,
                "is_default": True,
                "level_ids": [
                    Command.create(
                        {
                            "name": "First reminder",
                            "days_after_due": 10,
                            "minimum_amount": 20,
                            "channel_email": True,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Second reminder",
                            "days_after_due": 30,
                            "channel_email": True,
                            "channel_letter": True,
                            "fee_type": "fixed",
                            "fee_amount": 15,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Final notice",
                            "days_after_due": 60,
                            "channel_letter": True,
                            "channel_email": True,
                            "fee_type": "percent",
                            "fee_percent": 10,
                            "fee_cap": 40,
                            "interest_rate": 10,
                            "escalation": "legal",
                        }
                    ),
                ],
            }
        )
        cls.level_1, cls.level_2, cls.level_3 = cls.scenario.level_ids.sorted(
            "days_after_due"
        )
        cls.customer.write({"email": "accounts@harbour.example.com"})
        cls.customer_2 = cls.env["res.partner"].create(
            {
                "name": "Marina Club",
                "is_company": True,
                "service_is_customer": True,
                "email": "club@marina.example.com",
            }
        )

    @classmethod
    def _invoice(cls, partner, amount, days_late, move_type="out_invoice"):
        """A posted invoice of ``amount`` (no tax) due ``days_late`` days ago."""
        due = cls.today - timedelta(days=days_late)
        invoice = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": cls.company_a.id,
                "invoice_date": due,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Guarding",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def _pay(cls, invoice, amount, date=None):
        """Register a payment of ``amount`` on ``invoice`` (partial or full)."""
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": date or cls.today})
        )
        return wizard._create_payments()

    def _dunning_run(self, date=None, user=None):
        run = self.env["service.dunning.run"].create(
            {"company_id": self.company_a.id, "date": date or self.today}
        )
        run.with_user(user or self.accountant).action_run()
        return run

    def _communications(self, partner=None):
        return self.env["service.dunning.communication"].search(
            [("partner_id", "=", (partner or self.customer).id)]
        )
