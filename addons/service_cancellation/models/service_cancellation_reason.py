# covers: CAN-01
from odoo import fields, models


class ServiceCancellationReason(models.Model):
    """Why a customer leaves: the list staff and customers choose from, and
    the first axis of the churn statistics."""

    _name = "service.cancellation.reason"
    _description = "Cancellation Reason"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: offered in every company.",
    )
    portal_visible = fields.Boolean(
        "Offered in the Portal",
        default=True,
        help="Customers requesting a cancellation in the portal choose from the "
        "reasons offered there.",
    )
