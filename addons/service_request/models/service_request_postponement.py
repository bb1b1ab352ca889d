# covers: REQ-06
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

from .service_request import CONTEXT_DATE_MOVE


class ServiceRequestPostponement(models.Model):
    """A request to move a service request's expected date: approved by the
    supervisor, then the manager (service_base's approval engine); the date
    moves only once both approved."""

    _name = "service.request.postponement"
    _description = "Service Request Postponement"
    _inherit = ["service.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    request_id = fields.Many2one(
        "service.request",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    date_current = fields.Datetime("Expected Until Now", readonly=True)
    date_new = fields.Datetime("New Expected Date", required=True, tracking=True)
    days = fields.Float(compute="_compute_days", store=True)
    reason = fields.Text(required=True)

    @api.depends("date_current", "date_new")
    def _compute_days(self):
        for postponement in self:
            if postponement.date_current and postponement.date_new:
                delta = postponement.date_new - postponement.date_current
                postponement.days = delta.total_seconds() / 86400
            else:
                postponement.days = 0

    def _get_approval_amount(self):
        # the days postponed, at least one: the default rule's first level
        # (up to 0.01) never covers them alone, so the manager approves after
        # the supervisor
        return max(self.days, 1.0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            request = self.env["service.request"].browse(vals.get("request_id"))
            vals.setdefault("date_current", request.date_expected)
        postponements = super().create(vals_list)
        for postponement in postponements:
            if postponement.request_id.is_closed:
                raise UserError(
                    self.env._(
                        "%(request)s is closed: it cannot be postponed.",
                        request=postponement.request_id.name,
                    )
                )
            postponement._ensure_default_rule()
        return postponements

    @api.constrains("date_new", "date_current")
    def _check_dates(self):
        for postponement in self:
            if (
                postponement.date_current
                and postponement.date_new <= postponement.date_current
            ):
                raise ValidationError(
                    self.env._(
                        "New Expected Date: must be after the current one "
                        "(%(current)s).",
                        current=postponement.date_current,
                    )
                )

    def _approval_default_rule_values(self, company):
        """Every company gets the two-level rule (supervisor, then manager)
        the first time one of its requests is postponed; managers may edit
        it under Services > Configuration > Approval Rules."""
        return {
            "name": self.env._("Request postponement"),
            "level_ids": [
                (
                    0,
                    0,
                    {
                        "sequence": 10,
                        "name": self.env._("Supervisor"),
                        "group_id": self.env.ref(
                            "service_base.group_service_supervisor"
                        ).id,
                        "amount_limit": 0.01,
                    },
                ),
                (
                    0,
                    0,
                    {
                        "sequence": 20,
                        "name": self.env._("Manager"),
                        "group_id": self.env.ref(
                            "service_base.group_service_manager"
                        ).id,
                    },
                ),
            ],
        }

    def _on_approval_approved(self):
        for postponement in self:
            with internal_switch(CONTEXT_DATE_MOVE):
                postponement.request_id.sudo().write(
                    {
                        "date_expected": postponement.date_new,
                        "escalation_late_level": 0,
                    }
                )
            postponement.request_id.message_post(
                body=self.env._(
                    "Expected date moved to %(date)s (postponement approved): "
                    "%(reason)s",
                    date=postponement.date_new,
                    reason=postponement.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
