# covers: BAS-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ServiceApprovalLevel(models.Model):
    """One step of an approval rule (limit of authorization).

    A level may authorise documents up to its ``amount_limit``; a document
    above it climbs to the next level, and so on up to the first level whose
    limit covers it (0: no limit). Inside a level, an approver line may give
    one user a lower personal limit.
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
        help="Members of this group approve at this level within the level's limit.",
    )
    approver_ids = fields.One2many(
        "service.approval.approver",
        "level_id",
        string="Named Approvers",
        copy=True,
        help="Users who approve at this level, each with an optional personal limit.",
    )
    amount_limit = fields.Monetary(
        "Authorises Up To",
        currency_field="currency_id",
        help="Highest amount this level may authorise; above it the document "
        "also needs the next level (0: no limit).",
    )

    @api.constrains("group_id", "approver_ids")
    def _check_approvers(self):
        for level in self:
            if not level.group_id and not level.approver_ids:
                raise ValidationError(
                    self.env._(
                        "Approver Group / Named Approvers: level '%(level)s' needs "
                        "an approver group or at least one named approver.",
                        level=level.name,
                    )
                )

    @api.constrains("amount_limit")
    def _check_amount_limit(self):
        for level in self:
            if level.amount_limit < 0:
                raise ValidationError(
                    self.env._(
                        "Authorises Up To: the limit of level '%(level)s' cannot be "
                        "negative (0 means no limit).",
                        level=level.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # constraints run only for the fields given: a level created with
        # neither field would otherwise slip through
        levels = super().create(vals_list)
        levels._check_approvers()
        return levels

    def _covers(self, amount):
        self.ensure_one()
        return not self.amount_limit or amount <= self.amount_limit

    def _is_approver(self, user):
        self.ensure_one()
        return user in self.approver_ids.user_id or bool(
            self.group_id and self.group_id in user.all_group_ids
        )

    def _personal_limit(self, user):
        """The user's own cap at this level (0: none beyond the level's)."""
        self.ensure_one()
        line = self.approver_ids.filtered(lambda a: a.user_id == user)[:1]
        return line.amount_limit if line else 0.0

    def _approver_users(self):
        self.ensure_one()
        users = self.approver_ids.user_id | self.group_id.all_user_ids
        return users.filtered(
            lambda u: not u.share and self.company_id in u.company_ids
        )


class ServiceApprovalApprover(models.Model):
    _name = "service.approval.approver"
    _description = "Service Approval Named Approver"
    _order = "level_id, id"
    _check_company_auto = True

    _user_level_uniq = models.Constraint(
        "UNIQUE (level_id, user_id)",
        "Named Approvers: a user is listed once per level.",
    )

    level_id = fields.Many2one(
        "service.approval.level", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="level_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="level_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        required=True,
        domain=[("share", "=", False)],
        ondelete="cascade",
    )
    amount_limit = fields.Monetary(
        "Personal Limit",
        currency_field="currency_id",
        help="Highest amount this user may approve (0: no personal limit).",
    )

    @api.constrains("user_id", "company_id")
    def _check_user_company(self):
        for approver in self:
            if approver.company_id not in approver.user_id.company_ids:
                raise ValidationError(
                    self.env._(
                        "Named Approvers: %(user)s has no access to %(company)s; "
                        "give the user that company first.",
                        user=approver.user_id.name,
                        company=approver.company_id.name,
                    )
                )
