# covers: CON-04
from odoo import fields, models


class ServiceBillingRunSlice(models.Model):
    """A share of one billing run's due contracts: a range of contract ids
    that any cron worker on any node takes with ``FOR UPDATE SKIP LOCKED``,
    bills and marks done in one transaction (issue 15). A worker killed
    mid-slice leaves it to do: its transaction never committed, its row lock
    went with its session, and the next worker takes it again."""

    _name = "service.billing.run.slice"
    _description = "Billing Run: slice of contracts"
    _order = "run_id, id"
    _check_company_auto = True

    run_id = fields.Many2one(
        "service.billing.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    contract_id_from = fields.Integer("First Contract ID", required=True)
    contract_id_to = fields.Integer("Last Contract ID", required=True)
    due_count = fields.Integer(
        "Contracts Due", help="Contracts of this slice due when the run was planned."
    )
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")],
        default="todo",
        required=True,
        index=True,
    )
    billed_count = fields.Integer("Contracts Billed")
    worker = fields.Char(help="The process that billed this slice (host:pid).")
    date_done = fields.Datetime()
