# covers: COL-05
from odoo import fields, models, tools
from odoo.tools import SQL

from .account_payment import RECEIPT_KINDS


class ServicePaymentReport(models.Model):
    """Customer receipts, outstanding or cleared, per customer and per
    principal. Cleared: fully settled against invoices and, for a cheque,
    the cheque cleared. The principal is the one of the items installed under
    the contract lines of the first invoice the receipt settles.

    Read only by those who may read the payments themselves (invoicing users
    and auditors, as ``account.payment``), in their companies."""

    _name = "service.payment.report"
    _description = "Outstanding and Cleared Payments"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "account.payment": [
            "date",
            "company_id",
            "partner_id",
            "move_id",
            "state",
            "payment_type",
            "partner_type",
            "is_reconciled",
            "amount_company_currency_signed",
            "journal_id",
            "service_receipt_kind",
            "service_collector_id",
            "service_cheque_id",
        ],
        "account.move.line": ["move_id", "service_contract_line_id"],
        "account.partial.reconcile": ["debit_move_id", "credit_move_id"],
        "service.cheque": ["state"],
        "service.item": ["contract_line_id", "principal_id"],
    }

    payment_id = fields.Many2one("account.payment", readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    principal_id = fields.Many2one("res.partner", readonly=True)
    collector_id = fields.Many2one("res.users", "Collected By", readonly=True)
    journal_id = fields.Many2one("account.journal", readonly=True)
    receipt_kind = fields.Selection(RECEIPT_KINDS, "Receipt For", readonly=True)
    state = fields.Selection(
        [("outstanding", "Outstanding"), ("cleared", "Cleared")], readonly=True
    )
    amount = fields.Monetary(readonly=True)
    amount_outstanding = fields.Monetary(readonly=True)
    amount_cleared = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                WITH principal AS (
                    SELECT DISTINCT ON (pay.id) pay.id AS payment_id,
                           item.principal_id
                      FROM account_payment pay
                      JOIN account_move_line pay_line
                        ON pay_line.move_id = pay.move_id
                      JOIN account_partial_reconcile part
                        ON part.credit_move_id = pay_line.id
                      JOIN account_move_line inv_line
                        ON inv_line.id = part.debit_move_id
                      JOIN account_move_line service_line
                        ON service_line.move_id = inv_line.move_id
                       AND service_line.service_contract_line_id IS NOT NULL
                      JOIN service_item item
                        ON item.contract_line_id = service_line.service_contract_line_id
                       AND item.principal_id IS NOT NULL
                     WHERE pay.payment_type = 'inbound'
                     ORDER BY pay.id, part.id, item.id
                ), cleared AS (
                    SELECT pay.id,
                           pay.is_reconciled
                           AND COALESCE(cheque.state = 'cleared', TRUE) AS is_cleared
                      FROM account_payment pay
                      LEFT JOIN service_cheque cheque
                        ON cheque.id = pay.service_cheque_id
                )
                SELECT pay.id,
                       pay.id AS payment_id,
                       pay.date,
                       pay.company_id,
                       company.currency_id,
                       pay.partner_id,
                       principal.principal_id,
                       pay.service_collector_id AS collector_id,
                       pay.journal_id,
                       pay.service_receipt_kind AS receipt_kind,
                       CASE WHEN cleared.is_cleared THEN 'cleared'
                            ELSE 'outstanding' END AS state,
                       pay.amount_company_currency_signed AS amount,
                       CASE WHEN cleared.is_cleared THEN 0
                            ELSE pay.amount_company_currency_signed
                       END AS amount_outstanding,
                       CASE WHEN cleared.is_cleared
                            THEN pay.amount_company_currency_signed ELSE 0
                       END AS amount_cleared
                  FROM account_payment pay
                  JOIN res_company company ON company.id = pay.company_id
                  JOIN cleared ON cleared.id = pay.id
                  LEFT JOIN principal ON principal.payment_id = pay.id
                 WHERE pay.payment_type = 'inbound'
                   AND pay.partner_type = 'customer'
                   AND pay.state IN ('in_process', 'paid')
            )
            """,
                SQL.identifier(self._table),
            )
        )
