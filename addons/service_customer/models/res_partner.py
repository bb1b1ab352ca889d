# covers: CUS-01, CUS-02, CUS-03, CUS-04, CUS-06, CUS-07
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    QUIET,
    internal_switch,
)
from odoo.addons.service_base.tools.counts import assign_counts

from ..tools.identifiers import check_national_id, compact

SIMILARITY_THRESHOLD = 0.35
SIMILAR_LIMIT = 5


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "service.audit.mixin"]
    # covers: CUS-03, API-01 (freezing only through Freeze / Unfreeze)
    _service_protected_fields = (
        "service_frozen",
        "service_frozen_reason",
        "service_frozen_date",
        "service_frozen_by_id",
    )
    _service_transitions = {
        "action_service_freeze": "service_base.group_service_supervisor",
        "action_service_unfreeze": "service_base.group_service_supervisor",
    }
    _rec_names_search = [
        "complete_name",
        "email",
        "ref",
        "vat",
        "company_registry",
        "service_customer_code",
    ]
    _complete_name_displayed_types = (
        "invoice",
        "delivery",
        "other",
        "registered",
        "correspondence",
        "service_site",
    )

    _service_national_id_uniq = models.UniqueIndex(
        "(company_id, service_national_id) WHERE service_national_id IS NOT NULL "
        "AND active IS TRUE AND service_is_customer IS TRUE AND parent_id IS NULL",
        "National ID / Fiscal Code: another customer of this company already has "
        "it. Open that customer instead of creating a second one.",
    )
    _service_mobile_uniq = models.UniqueIndex(
        "(company_id, service_mobile_normalized) WHERE service_mobile_normalized "
        "IS NOT NULL AND active IS TRUE AND service_is_customer IS TRUE "
        "AND parent_id IS NULL",
        "Mobile: another customer of this company already has this number. Open "
        "that customer instead of creating a second one.",
    )
    _service_customer_code_uniq = models.UniqueIndex(
        "(company_id, service_customer_code) WHERE service_customer_code IS NOT NULL",
        "Customer Code: already used in this company.",
    )

    type = fields.Selection(
        selection_add=[
            ("registered", "Registered Office"),
            ("correspondence", "Correspondence"),
            ("service_site", "Service Site"),
        ],
        ondelete={
            "registered": "set default",
            "correspondence": "set default",
            "service_site": "set default",
        },
    )
    service_is_customer = fields.Boolean(
        "Service Customer",
        index=True,
        tracking=True,
        help="A customer of the service company: gets a customer code, contracts, "
        "requests and the duplicate guard.",
    )
    service_customer_code = fields.Char(
        "Customer Code", copy=False, readonly=True, index="trigram", tracking=True
    )
    service_national_id = fields.Char(
        "National ID / Fiscal Code",
        copy=False,
        tracking=True,
        help="Validated by country: codice fiscale or partita IVA (Italy), rodné "
        "číslo or IČO (Czechia), РНОКПП or ЄДРПОУ (Ukraine), national ID or "
        "iqama (Saudi Arabia), Emirates ID (UAE), tax number (Egypt).",
    )
    service_mobile = fields.Char("Mobile", tracking=True)
    service_mobile_normalized = fields.Char(
        compute="_compute_service_mobile_normalized", store=True, index=True
    )
    service_source_id = fields.Many2one(
        "service.customer.source", string="Acquisition Source", tracking=True
    )
    service_intermediary_id = fields.Many2one(
        "res.partner",
        string="Intermediary",
        tracking=True,
        help="Agent, broker or partner who brought this customer.",
    )
    service_frozen = fields.Boolean("Frozen", readonly=True, tracking=True, copy=False)
    service_frozen_reason = fields.Text("Freeze Reason", readonly=True, copy=False)
    service_frozen_date = fields.Datetime("Frozen On", readonly=True, copy=False)
    service_frozen_by_id = fields.Many2one(
        "res.users", string="Frozen By", readonly=True, copy=False
    )
    service_similar_partner_ids = fields.Many2many(
        "res.partner",
        string="Similar Customers",
        compute="_compute_service_similar_partner_ids",
    )
    service_document_ids = fields.One2many(
        "service.document", "partner_id", string="Documents"
    )
    service_document_count = fields.Integer(compute="_compute_service_counts")
    service_contract_account_ids = fields.One2many(
        "service.contract.account", "partner_id", string="Contract Accounts"
    )
    service_contract_account_count = fields.Integer(compute="_compute_service_counts")

    @api.depends("service_customer_code")
    def _compute_display_name(self):  # pylint: disable=missing-return
        super()._compute_display_name()
        for partner in self:
            if partner.service_customer_code and not self.env.context.get(
                "formatted_display_name"
            ):
                partner.display_name = (
                    f"[{partner.service_customer_code}] {partner.display_name}"
                )

    @api.depends("service_mobile", "country_id")
    def _compute_service_mobile_normalized(self):
        gateway = self.env["service.sms.gateway"]
        for partner in self:
            partner.service_mobile_normalized = gateway._normalize_number(
                partner.service_mobile,
                partner.country_id
                or partner.company_id.country_id
                or self.env.company.country_id,
            ) or (compact(partner.service_mobile) or False)

    @api.depends(
        "name",
        "email",
        "vat",
        "service_national_id",
        "service_mobile",
        "company_id",
    )
    def _compute_service_similar_partner_ids(self):
        for partner in self:
            partner.service_similar_partner_ids = partner._service_find_similar()

    def _compute_service_counts(self):
        assign_counts(self, "service_document_count", "service.document", "customer_id")
        assign_counts(
            self,
            "service_contract_account_count",
            "service.contract.account",
            "partner_id",
        )

    def _service_find_similar(self):
        """Existing customers resembling this one (CUS-02), most similar first.

        Trigram similarity on the name, plus exact matches on the identifiers;
        only what the current user may read is returned.
        """
        self.ensure_one()
        if not self.service_is_customer or self.parent_id or not self.name:
            return self.browse()
        own_id = self._origin.id or 0
        company = self.company_id or self.env.company
        mobile = self.env["service.sms.gateway"]._normalize_number(
            self.service_mobile, self.country_id or company.country_id
        )
        national_id = compact(self.service_national_id) or None
        if self.env.registry.has_trigram:
            name_match = "similarity(p.name, %(name)s) >= %(threshold)s"
            order = "similarity(p.name, %(name)s) DESC, p.id"
        else:
            name_match = "p.name ILIKE %(like)s"
            # no similarity to rank by (a constant is refused in ORDER BY)
            order = "p.id"
        query = f"""
            SELECT p.id FROM res_partner p
             WHERE p.active AND p.parent_id IS NULL AND p.service_is_customer
               AND p.id != %(own_id)s
               AND (p.company_id = %(company)s OR p.company_id IS NULL)
               AND ({name_match}
                    OR (%(email)s IS NOT NULL AND lower(p.email) = %(email)s)
                    OR (%(vat)s IS NOT NULL AND p.vat = %(vat)s)
                    OR (%(national_id)s IS NOT NULL
                        AND p.service_national_id = %(national_id)s)
                    OR (%(mobile)s IS NOT NULL
                        AND p.service_mobile_normalized = %(mobile)s))
             ORDER BY {order}
             LIMIT 20
        """  # noqa: S608 - only fixed SQL fragments are formatted in
        self.env.cr.execute(
            query,
            {
                "own_id": own_id,
                "company": company.id,
                "name": self.name,
                "like": f"%{self.name}%",
                "threshold": SIMILARITY_THRESHOLD,
                "email": (self.email or "").strip().lower() or None,
                "vat": self.vat or None,
                "national_id": national_id,
                "mobile": mobile or None,
            },
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        readable = self.browse(ids)._filtered_access("read")
        return readable[:SIMILAR_LIMIT]

    @api.constrains("service_national_id", "country_id")
    def _check_service_national_id(self):
        for partner in self.filtered("service_national_id"):
            country = partner.country_id or partner.company_id.country_id
            valid, expected = check_national_id(
                partner.service_national_id, country.code
            )
            if not valid:
                raise ValidationError(
                    self.env._(
                        "National ID / Fiscal Code: '%(value)s' is not valid for "
                        "%(country)s. Expected: %(expected)s.",
                        value=partner.service_national_id,
                        country=country.name,
                        expected=self.env._(" or ").join(expected),
                    )
                )

    @api.constrains(
        "service_national_id",
        "service_mobile_normalized",
        "company_id",
        "service_is_customer",
        "active",
    )
    def _check_service_duplicates(self):
        """Name the customer already holding the identifier (CUS-02).

        Raw SQL on purpose: an ORM search would flush these records first and
        hit the unique indexes (which guard against concurrent inserts) before
        this friendlier message could be given.
        """
        customers = self.filtered(
            lambda p: p.service_is_customer and not p.parent_id and p.active
        )
        for field, label in (
            ("service_national_id", self.env._("National ID / Fiscal Code")),
            ("service_mobile_normalized", self.env._("Mobile")),
        ):
            holders = customers.filtered(field)
            if not holders:
                continue
            self.env.cr.execute(
                SQL(
                    """SELECT id, company_id, %(field)s FROM res_partner
                        WHERE %(field)s = ANY(%(values)s) AND id != ALL(%(ids)s)
                          AND service_is_customer AND parent_id IS NULL AND active""",
                    field=SQL.identifier(field),
                    values=holders.mapped(field),
                    ids=holders.ids,
                )
            )
            taken = {
                (company, value): pid for pid, company, value in self.env.cr.fetchall()
            }
            for partner in holders:
                other_id = taken.get((partner.company_id.id, partner[field]))
                if other_id:
                    raise ValidationError(
                        self._service_duplicate_message(label, partner[field], other_id)
                    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("service_national_id"):
                vals["service_national_id"] = compact(vals["service_national_id"])
            if vals.get("service_is_customer") and not vals.get("parent_id"):
                vals.setdefault("company_id", self.env.company.id)
        self._service_precheck_national_ids(vals_list)
        partners = super().create(vals_list)
        partners._service_assign_codes()
        return partners

    @api.model
    def _service_precheck_national_ids(self, vals_list):
        """The national ID is inserted with the row, so the unique index would
        refuse it before any constraint runs: check the new customers first to
        name the customer already holding it."""
        wanted = [
            (vals["company_id"], vals["service_national_id"])
            for vals in vals_list
            if vals.get("service_is_customer")
            and not vals.get("parent_id")
            and vals.get("service_national_id")
            and vals.get("active", True)
        ]
        if not wanted:
            return
        self.env.cr.execute(
            SQL(
                """SELECT id, company_id, service_national_id FROM res_partner
                    WHERE service_national_id = ANY(%s) AND service_is_customer
                      AND parent_id IS NULL AND active""",
                [number for _company, number in wanted],
            )
        )
        taken = {
            (company, number): pid for pid, company, number in self.env.cr.fetchall()
        }
        for key in wanted:
            if key in taken:
                raise ValidationError(
                    self._service_duplicate_message(
                        self.env._("National ID / Fiscal Code"), key[1], taken[key]
                    )
                )

    @api.model
    def _service_duplicate_message(self, label, value, other_id):
        """Refusal of a duplicate identifier, naming the customer holding it
        only if the caller may read him (API-01): the holder may belong to a
        company the caller has no access to, or be outside an agent's
        portfolio. Checked as the user himself: the constraint may run in a
        superuser environment (stored computes are flushed so)."""
        other = self.browse(other_id).with_user(self.env.uid)
        if other.has_access("read"):
            return self.env._(
                "%(field)s: %(value)s already belongs to customer %(other)s in "
                "this company. Open that customer instead of creating a second "
                "one.",
                field=label,
                value=value,
                other=other.display_name,
            )
        return self.env._(
            "%(field)s: %(value)s already belongs to a customer of this company "
            "whom you cannot see. Check the value, or ask a Services manager to "
            "find that customer.",
            field=label,
            value=value,
        )

    def write(self, vals):
        if vals.get("service_national_id"):
            vals["service_national_id"] = compact(vals["service_national_id"])
        result = super().write(vals)
        if vals.get("service_is_customer"):
            self._service_assign_codes()
        return result

    def _service_assign_codes(self):
        """Customer codes from the company's own sequence (one per company)."""
        to_code = self.filtered(
            lambda p: (
                p.service_is_customer
                and not p.parent_id
                and not p.service_customer_code
            )
        )
        for company, partners in to_code.grouped(
            lambda p: p.company_id or self.env.company
        ).items():
            sequence = self.env["res.company"]._service_customer_sequence(company)
            with internal_switch(QUIET):
                for partner in partners:
                    partner.service_customer_code = sequence.next_by_id()

    def _audit_filter(self):
        return self.filtered(lambda p: p.service_is_customer and not p.parent_id)

    def _service_check_can_freeze(self):
        if not self.env.user.has_group("service_base.group_service_supervisor"):
            raise UserError(
                self.env._("Only a Services supervisor can freeze or unfreeze.")
            )
        self.check_access("write")

    def action_service_freeze(self, reason=None):
        self._service_check_can_freeze()
        if not reason:
            return {
                "type": "ir.actions.act_window",
                "res_model": "service.customer.freeze.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_partner_ids": self.ids},
            }
        self._service_freeze(reason)
        return True

    def action_service_unfreeze(self):
        self._service_check_can_freeze()
        partners = self.filtered("service_frozen")
        partners._service_write_protected(
            {
                "service_frozen": False,
                "service_frozen_reason": False,
                "service_frozen_date": False,
                "service_frozen_by_id": False,
            }
        )
        for partner in partners:
            partner.message_post(body=self.env._("Customer unfrozen."))
        self.env["service.audit.log"]._log(
            partners, "write", note=self.env._("Unfrozen")
        )
        return True

    def _service_freeze(self, reason):
        """Freeze the customers that are not frozen yet, with ``reason``.

        The one place that writes the frozen fields, the chatter message and
        the audit line. The caller has checked the right first: the Freeze
        button checks the supervisor group, a system job (e.g. the dunning
        run's last level, configured by an accountant) is trusted. Not
        callable over RPC (leading underscore). # covers: CUS-03
        """
        partners = self.filtered(lambda p: not p.service_frozen)
        if not partners:
            return partners
        partners._service_write_protected(
            {
                "service_frozen": True,
                "service_frozen_reason": reason,
                "service_frozen_date": fields.Datetime.now(),
                "service_frozen_by_id": self.env.uid,
            }
        )
        for partner in partners:
            partner.message_post(
                body=self.env._("Customer frozen: %(reason)s", reason=reason)
            )
        self.env["service.audit.log"]._log(partners, "write", note=reason)
        return partners

    def action_service_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_customer.service_document_action"
        )
        action["domain"] = [("customer_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_service_view_contract_accounts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_customer.service_contract_account_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
