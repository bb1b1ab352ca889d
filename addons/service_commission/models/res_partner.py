# covers: AGT-01, API-01
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

# personal identifiers a sales agent reads only on his own customers
AGENT_GUARDED_FIELDS = (
    "service_national_id",
    "service_mobile",
    "service_mobile_normalized",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_is_agent = fields.Boolean(
        "Sales Agent", tracking=True, help="Sells contracts for a commission."
    )
    service_agent_user_id = fields.Many2one(
        "res.users",
        "Agent User",
        tracking=True,
        help="The agent's login: he sees his own customers, contracts, "
        "settlements and portfolio.",
    )
    service_commission_plan_id = fields.Many2one(
        "service.commission.plan",
        "Commission Plan",
        company_dependent=True,
        tracking=True,
        help="The plan the agent's commissions follow, per company.",
    )
    service_agent_id = fields.Many2one(
        "res.partner",
        "Sales Agent of the Customer",
        domain=[("service_is_agent", "=", True)],
        tracking=True,
        index="btree_not_null",
        help="New contracts of this customer get this agent.",
    )

    _service_agent_user_uniq = models.UniqueIndex(
        "(service_agent_user_id) WHERE service_agent_user_id IS NOT NULL",
        "Agent User: this user is already the login of another agent.",
    )

    @api.constrains("service_agent_user_id", "service_is_agent")
    def _check_service_agent_user_id(self):
        for partner in self.filtered("service_agent_user_id"):
            user = partner.service_agent_user_id
            if not partner.service_is_agent or not user.has_group(
                "service_base.group_service_agent"
            ):
                raise ValidationError(
                    self.env._(
                        "Agent User: %(user)s must be in the group Services / "
                        "Sales Agent and %(agent)s ticked Sales Agent; fix the "
                        "user's access rights or clear the Agent User.",
                        user=user.name,
                        agent=partner.display_name,
                    )
                )

    @api.constrains("service_agent_id")
    def _check_service_agent_id(self):
        for partner in self:
            agent = partner.service_agent_id
            if agent and not agent.service_is_agent:
                raise ValidationError(
                    self.env._(
                        "Sales Agent of the Customer: %(agent)s is not a sales "
                        "agent; tick Sales Agent on his contact first.",
                        agent=agent.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Agents read identifiers of their own customers only (issue 16)
    # ------------------------------------------------------------------
    def _service_agent_guard_applies(self):
        """A sales agent who is not also a Services user: the record rules
        let him read customers without an agent, but not their identifiers."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("service_base.group_service_agent")
            and not user.has_group("service_base.group_service_user")
        )

    def _service_agent_hidden_ids(self):
        """Partners whose identifiers the agent may not read: those whose
        customer is not his."""
        own = self.sudo().filtered(
            lambda p: (
                p.commercial_partner_id.service_agent_id.service_agent_user_id
                == self.env.user
            )
        )
        return set(self.ids) - set(own.ids)

    def _read_format(self, fnames, load="_classic_read"):
        values_list = super()._read_format(fnames, load=load)
        guarded = [name for name in AGENT_GUARDED_FIELDS if name in fnames]
        if guarded and self._service_agent_guard_applies():
            hidden = self._service_agent_hidden_ids()
            for values in values_list:
                if values["id"] in hidden:
                    values.update(dict.fromkeys(guarded, False))
        return values_list

    def _service_agent_refuse(self, names):
        guarded = [
            name
            for name in AGENT_GUARDED_FIELDS
            if any(n == name or n.startswith((f"{name}/", f"{name}:")) for n in names)
        ]
        if guarded and self._service_agent_guard_applies():
            raise AccessError(
                self.env._(
                    "%(fields)s: a sales agent reads these only on his own "
                    "customers' forms; he cannot search, sort, export or group "
                    "by them.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in guarded
                    ),
                )
            )

    def export_data(self, fields_to_export):
        self._service_agent_refuse(fields_to_export)
        return super().export_data(fields_to_export)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        self._service_agent_refuse(
            [*groupby, *(spec.split(":")[0] for spec in aggregates)]
        )
        return super()._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        self._service_agent_refuse(
            [
                *(spec for grouping in grouping_sets for spec in grouping),
                *(spec.split(":")[0] for spec in aggregates),
            ]
        )
        return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)

    @api.model
    def _search(
        self,
        domain,
        offset=0,
        limit=None,
        order=None,
        *,
        active_test=True,
        bypass_access=False,
    ):
        # searching on an identifier would tell which customer holds it
        if not bypass_access and self._service_agent_guard_applies():
            order_names = [
                part.split()[0] for part in (order or "").split(",") if part.strip()
            ]
            self._service_agent_refuse(
                [*self._service_domain_fields(domain), *order_names]
            )
        return super()._search(
            domain,
            offset,
            limit,
            order,
            active_test=active_test,
            bypass_access=bypass_access,
        )

    @api.model
    def _service_domain_fields(self, domain):
        names = []
        for condition in Domain(domain).iter_conditions():
            if isinstance(condition.field_expr, str):
                names.extend(condition.field_expr.split("."))
            if isinstance(condition.value, Domain):
                names.extend(self._service_domain_fields(condition.value))
        return names
