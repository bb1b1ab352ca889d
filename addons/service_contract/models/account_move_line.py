# covers: CON-04
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # One invoice line per contract line and period, ever: reruns, resumed
    # runs and concurrent runs cannot bill a period twice. A cancelled invoice
    # frees its periods for billing again.
    _service_period_uniq = models.UniqueIndex(
        "(service_contract_line_id, service_period_start) "
        "WHERE service_contract_line_id IS NOT NULL AND parent_state != 'cancel'",
        "This contract line is already invoiced for this period.",
    )

    _service_advance_uniq = models.UniqueIndex(
        "(service_advance_contract_id, service_period_start) "
        "WHERE service_advance_contract_id IS NOT NULL AND parent_state != 'cancel'",
        "This contract's advance is already invoiced for this period.",
    )

    service_advance_contract_id = fields.Many2one(
        "service.contract",
        string="Advance of Contract",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    service_contract_line_id = fields.Many2one(
        "service.contract.line",
        string="Contract Line",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    service_period_start = fields.Date("Period Start", copy=False, readonly=True)
    service_period_end = fields.Date("Period End", copy=False, readonly=True)
