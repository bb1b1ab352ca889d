"""Company A with its cheque accounts and cash journal, a collector with two
customers paying by collector, and a helper posting invoices."""

from odoo import Command

from odoo.addons.service_contract.tests.common import ContractCase


class CollectionCase(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a._service_collection_setup()
        cls.bank_journal = cls.company_a.service_cheque_journal_id
        cls.cash_journal = cls.company_a.service_collection_cash_journal_id
        cls.received_account = cls.company_a.service_cheque_received_account_id
        cls.transit_account = cls.company_a.service_cheque_transit_account_id
        cls.collector = cls.users["collector"]
        cls.cashier = cls.users["service_user"]
        cls.receivable = cls.customer.property_account_receivable_id
        cls.customer.write(
            {
                "email": "accounts@harbour.example.com",
                "service_payment_by_collector": True,
                "service_collector_id": cls.collector.id,
                "service_collection_area": "North",
            }
        )
        cls.customer_2 = cls.env["res.partner"].create(
            {
                "name": "Marina Club",
                "is_company": True,
                "email": "club@marina.example.com",
                "service_payment_by_collector": True,
                "service_collector_id": cls.collector.id,
                "service_collection_area": "North",
            }
        )
        # a customer of nobody's round: the collector must not see him
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Airport Services", "is_company": True}
        )
        cls.other_collector = cls._make_user(
            "collector2_a", "service_base.group_service_collector", cls.company_a
        )

    @classmethod
    def _invoice(cls, partner, amount, days_ago=0, move_type="out_invoice"):
        invoice = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": cls.company_a.id,
                "invoice_date": cls.today.fromordinal(cls.today.toordinal() - days_ago),
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
    def _receipt(cls, partner, amount, **values):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "company_id": cls.company_a.id,
                "journal_id": cls.bank_journal.id,
                "amount": amount,
                **values,
            }
        )
        payment.action_post()
        return payment

    def _balance(self, account, partner=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        lines = self.env["account.move.line"].search(domain)
        return sum(lines.mapped("balance"))
