# covers: AGT-02, AGT-03
from odoo import fields, models


class ServiceCommissionSettlementLine(models.Model):
    _name = "service.commission.settlement.line"
    _description = "Commission Settlement Line"
    _order = "settlement_id, kind, contract_id, id"
    _check_company_auto = True

    # one line per source, kind and agent: reruns and concurrent runs of the
    # settlement job can never count an invoice line or a contract twice
    _invoice_line_uniq = models.UniqueIndex(
        "(invoice_line_id, kind, agent_id) WHERE invoice_line_id IS NOT NULL",
        "This invoice line is already in a settlement of this agent.",
    )
    _contract_uniq = models.UniqueIndex(
        "(contract_id, kind, agent_id) WHERE kind IN ('fixed', 'clawback')",
        "This contract already has this commission in a settlement of this agent.",
    )

    settlement_id = fields.Many2one(
        "service.commission.settlement",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="settlement_id.company_id", store=True, index=True, precompute=True
    )
    agent_id = fields.Many2one(
        related="settlement_id.agent_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="settlement_id.currency_id")
    kind = fields.Selection(
        [
            ("commission", "Commission"),
            ("fixed", "Fixed per new contract"),
            ("clawback", "Clawback"),
        ],
        required=True,
    )
    name = fields.Char("Description", required=True)
    invoice_line_id = fields.Many2one(
        "account.move.line", ondelete="restrict", check_company=True
    )
    move_id = fields.Many2one(
        "account.move", "Invoice", ondelete="restrict", check_company=True
    )
    contract_id = fields.Many2one(
        "service.contract", ondelete="restrict", index=True, check_company=True
    )
    category_id = fields.Many2one("service.category", "Service Category")
    rule_id = fields.Many2one(
        "service.commission.plan.line", "Plan Rule", ondelete="set null"
    )
    tiered = fields.Boolean(help="The rate follows the agent's period volume.")
    base_amount = fields.Monetary(
        "Base", help="Untaxed invoiced or paid amount the rate applies to."
    )
    rate = fields.Float("Rate (%)", digits=(16, 4))
    amount = fields.Monetary("Commission")
