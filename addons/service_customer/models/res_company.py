from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    service_document_reminder_days = fields.Integer(
        "Document Reminder (days)",
        default=30,
        help="Days before a customer document expires to remind staff and customer.",
    )

    def _service_customer_sequence(self, company):
        """The company's own customer-code sequence, created on first use."""
        sequences = self.env["ir.sequence"].sudo()
        sequence = sequences.search(
            [("code", "=", "service.customer.code"), ("company_id", "=", company.id)],
            limit=1,
        )
        if not sequence:
            sequence = sequences.create(
                {
                    "name": f"Customer code ({company.name})",
                    "code": "service.customer.code",
                    "company_id": company.id,
                    "prefix": "C",
                    "padding": 5,
                }
            )
        return sequence
