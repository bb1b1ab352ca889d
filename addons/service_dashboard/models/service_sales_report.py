# covers: RPT-02
from odoo import fields, models, tools
from odoo.tools import SQL


class ServiceSalesReport(models.Model):
    """Sales statistics: one row per product line of a posted customer
    invoice or credit note (credit notes negative), in company currency, by
    customer, service, category, sales agent, salesperson, contract and date.
    Pivot, graph and list export to Excel through the web client."""

    _name = "service.sales.report"
    _description = "Sales Statistics"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "move_id"

    date = fields.Date("Invoice Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    move_id = fields.Many2one("account.move", "Invoice", readonly=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note")],
        "Type",
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    product_id = fields.Many2one("product.product", "Service", readonly=True)
    category_id = fields.Many2one("service.category", "Service Category", readonly=True)
    agent_id = fields.Many2one("res.partner", "Sales Agent", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    contract_id = fields.Many2one("service.contract", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit")
    amount = fields.Monetary("Untaxed Amount", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %s AS (
                SELECT l.id, m.invoice_date AS date, l.company_id,
                       l.company_currency_id AS currency_id, m.id AS move_id,
                       m.move_type, m.commercial_partner_id AS partner_id,
                       l.product_id, t.service_category_id AS category_id,
                       m.service_agent_id AS agent_id,
                       m.invoice_user_id AS user_id,
                       m.service_contract_id AS contract_id,
                       CASE WHEN m.move_type = 'out_refund'
                            THEN -l.quantity ELSE l.quantity END AS quantity,
                       -l.balance AS amount
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
             LEFT JOIN product_product p ON p.id = l.product_id
             LEFT JOIN product_template t ON t.id = p.product_tmpl_id
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND l.display_type = 'product'
            )
            """,
                SQL.identifier(self._table),
            )
        )
