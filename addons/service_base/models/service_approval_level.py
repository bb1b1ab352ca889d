# covers: BAS-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceApprovalLevel(models.Model):
    """One step of an approval rule.

    ``min_amount`` decides whether the level applies to a document at all;
    ``amount_limit`` is what an approver of the level may authorise (limit
    authorization): above it, someone with a higher limit must approve.
    """

    _name = "service.approval.level"
    _description = "Service Approval Level"
    _order = "rule_id, sequence, id"
    _check_company_auto = True

    rule_id = fields.Many2one(
        "service.approval.rule", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="rule_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="rule_id.company_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    group_id = fields.Many2one(
        "res.groups",
        string="Approver Group",
        help="Members of this group may approve at this level.",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Approvers",
        check_company=True,
        domain=[("share", "=", False)],
        help="These users may approve at this level, in addition to the group.",
    )
    min_amount = fields.Monetary(
        "Applies From",
        currency_field="currency_id",
        help="The level is required only for documents of at least this amount "
        "(0: always required).",
    )
    amount_limit = fields.Monetary(
        "Approval Limit",
        currency_field="currency_id",
        help="Highest amount an approver of this level may authorise "
        "(0: no limit).",
    )

    @api.constrains("group_id", "user_ids")
    def _check_approvers(self):
        for level in self:
            if not level.group_id and not level.user_ids:
                raise ValidationError(
                    self.env._(
                        "Approver Group / Approvers: level '%(level)s' needs an "
                        "approver group or at least one approver.",
                        level=level.name,
                    )
                )

    @api.constrains("min_amount", "amount_limit")
    def _check_amounts(self):
        for level in self:
            if level.min_amount < 0 or level.amount_limit < 0:
                raise ValidationError(
                    self.env._(
                        "Applies From / Approval Limit: amounts of level "
                        "'%(level)s' cannot be negative.",
                        level=level.name,
                    )
                )

    def _is_approver(self, user):
        self.ensure_one()
        return user in self.user_ids or (
            self.group_id and self.group_id in user.all_group_ids
        )

    def _within_limit(self, amount):
        self.ensure_one()
        return not self.amount_limit or amount <= self.amount_limit

    def _approver_users(self):
        self.ensure_one()
        users = self.user_ids | self.group_id.all_user_ids
        return users.filtered(
            lambda u: not u.share and self.company_id in u.company_ids
        )
