# covers: BAS-03
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ServiceApprovalRule(models.Model):
    """Who approves documents of one model in one company, level by level."""

    _name = "service.approval.rule"
    _description = "Service Approval Rule"
    _inherit = ["service.audit.mixin", "mail.thread"]
    _order = "model_id, sequence, id"
    _check_company_auto = True

    _one_active_rule_per_model = models.UniqueIndex(
        "(company_id, model_id) WHERE active IS TRUE",
        "There is already an active approval rule for this document type in this "
        "company: edit that rule or archive it first.",
    )

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
        index=True,
    )
    model_id = fields.Many2one(
        "ir.model",
        string="Document Type",
        required=True,
        ondelete="cascade",
        tracking=True,
        domain=[("model", "in", [])],
        help="Only document types that support approvals are listed.",
    )
    model = fields.Char(related="model_id.model", store=True, index=True)
    level_ids = fields.One2many(
        "service.approval.level", "rule_id", string="Levels", copy=True
    )
    level_count = fields.Integer(compute="_compute_level_count")
    separate_approvers = fields.Boolean(
        default=True,
        tracking=True,
        help="When set, the user who requested the approval cannot approve it, "
        "and nobody approves two levels of the same document.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    min_amount = fields.Monetary(
        "Approval Needed From",
        currency_field="currency_id",
        tracking=True,
        help="Documents below this amount are approved without anybody's "
        "decision (0: every document needs approval).",
    )

    @api.depends("level_ids")
    def _compute_level_count(self):
        for rule in self:
            rule.level_count = len(rule.level_ids)

    @api.model
    def _approvable_models(self):
        """Concrete models inheriting the approval mixin, directly or not."""
        registry = self.env.registry
        found, todo = set(), list(registry["service.approval.mixin"]._inherit_children)
        while todo:
            name = todo.pop()
            if name in found or name not in registry:
                continue
            found.add(name)
            todo.extend(registry[name]._inherit_children)
        return sorted(
            name
            for name in found
            if not registry[name]._abstract and not registry[name]._transient
        )

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        result = super().fields_get(allfields, attributes)
        if "model_id" in result:
            result["model_id"]["domain"] = [("model", "in", self._approvable_models())]
        return result

    @api.constrains("model_id")
    def _check_model_supports_approval(self):
        approvable = set(self._approvable_models())
        for rule in self:
            if rule.model not in approvable:
                raise ValidationError(
                    self.env._(
                        "Document Type: '%(model)s' does not support approvals. "
                        "Choose one of the listed document types.",
                        model=rule.model_id.name,
                    )
                )

    @api.constrains("level_ids")
    def _check_levels(self):
        for rule in self:
            if rule.active and not rule.level_ids:
                raise ValidationError(
                    self.env._(
                        "Levels: the approval rule '%(rule)s' needs at least one "
                        "level.",
                        rule=rule.name,
                    )
                )

    @api.model
    def _find_rule(self, model_name, company):
        return self.sudo().search(
            [("model", "=", model_name), ("company_id", "=", company.id)], limit=1
        )

    def _levels_for_amount(self, amount):
        """Levels a document of this amount goes through, in order: every
        level up to the first one authorised for the amount."""
        self.ensure_one()
        if amount < self.min_amount:
            return self.level_ids.browse()
        levels = self.level_ids.sorted(lambda level: (level.sequence, level.id))
        for index, level in enumerate(levels):
            if level._covers(amount):
                return levels[: index + 1]
        raise UserError(
            self.env._(
                "No level of the approval rule '%(rule)s' may authorise this "
                "amount: a manager must raise the limit of its last level (or set "
                "it to 0 for no limit).",
                rule=self.name,
            )
        )
