# covers: VIS-01, VIS-04
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ServiceItem(models.Model):
    """An item installed at a customer's site and serviced there: where it
    is, which contract line covers it, where it came from (the principal) and
    how it was installed. Its card lists every visit, done and pending;
    ``service_request`` adds the requests to the same card by inheritance
    (button box ``button_box``, notebook page ``visits``)."""

    _name = "service.item"
    _description = "Installed Item"
    _inherit = ["service.audit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "name desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "serial", "product_id"]
    # covers: VIS-01, API-01 (removed and reinstated only by the actions)
    _service_protected_fields = ("state",)
    _service_transitions = {
        "action_remove": "service_base.group_service_user",
        "action_reinstate": "service_base.group_service_user",
    }

    _name_company_uniq = models.Constraint(
        "UNIQUE (company_id, name)", "Item Number: already used in this company."
    )

    name = fields.Char(
        "Item Number",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index="trigram",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("in_service", "In service"), ("removed", "Removed")],
        default="in_service",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        tracking=True,
        help="What is installed.",
    )
    serial = fields.Char("Serial Number", index="btree_not_null", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    site_partner_id = fields.Many2one(
        "res.partner",
        string="Service Site",
        check_company=True,
        tracking=True,
        domain="[('id', 'child_of', partner_id)]",
        help="Where the item is: an address of the customer (or the customer itself).",
    )
    contract_line_id = fields.Many2one(
        "service.contract.line",
        check_company=True,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        domain="[('contract_id.partner_id', 'child_of', partner_id)]",
        help="The contract line (service) covering this item.",
    )
    contract_id = fields.Many2one(
        related="contract_line_id.contract_id",
        store=True,
        index="btree_not_null",
        string="Contract",
    )
    installation_date = fields.Date(tracking=True)
    installed_by_id = fields.Many2one("res.users", domain="[('share', '=', False)]")
    warranty_end = fields.Date(tracking=True)
    installation_notes = fields.Html(
        "Installation Details",
        help="How and where the item is installed: position, wiring, settings, "
        "access instructions.",
    )
    # items received from a principal (VIS-04)
    principal_id = fields.Many2one(
        "res.partner",
        check_company=True,
        tracking=True,
        help="The parent supplier this item was received from.",
    )
    principal_reference = fields.Char(
        tracking=True,
        help="The principal's own reference of the item (order, asset or "
        "contract number).",
    )
    received_date = fields.Date("Received On")
    removal_date = fields.Date("Removed On", readonly=True, copy=False)
    visit_ids = fields.One2many("service.visit", "item_id", string="Visits")
    visit_done_count = fields.Integer("Visits Done", compute="_compute_visit_counts")
    visit_pending_count = fields.Integer(
        "Visits Pending", compute="_compute_visit_counts"
    )

    def _compute_visit_counts(self):
        counts = {
            (item, state): count
            for item, state, count in self.env["service.visit"]._read_group(
                [("item_id", "in", self.ids)], ["item_id", "state"], ["__count"]
            )
        }
        for item in self:
            item.visit_done_count = counts.get((item, "done"), 0)
            item.visit_pending_count = counts.get((item, "planned"), 0)

    @api.depends("name", "product_id", "serial")
    def _compute_display_name(self):
        for item in self:
            label = item.product_id.display_name or ""
            if item.serial:
                label = f"{label} ({item.serial})"
            item.display_name = f"{item.name} {label}".strip()

    @api.constrains("partner_id", "site_partner_id")
    def _check_site(self):
        for item in self:
            site = item.site_partner_id
            if site and site.commercial_partner_id != (
                item.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Service Site: %(site)s is not an address of %(customer)s; "
                        "choose one of the customer's addresses.",
                        site=site.display_name,
                        customer=item.partner_id.display_name,
                    )
                )

    @api.constrains("partner_id", "contract_line_id")
    def _check_contract_line(self):
        for item in self:
            contract = item.contract_line_id.contract_id
            if contract and contract.partner_id.commercial_partner_id != (
                item.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Contract Line: %(contract)s belongs to %(holder)s, not to "
                        "%(customer)s; choose a line of the customer's contracts.",
                        contract=contract.display_name,
                        holder=contract.partner_id.display_name,
                        customer=item.partner_id.display_name,
                    )
                )

    @api.constrains("installation_date", "warranty_end")
    def _check_dates(self):
        for item in self:
            if (
                item.installation_date
                and item.warranty_end
                and item.warranty_end < item.installation_date
            ):
                raise ValidationError(
                    self.env._(
                        "Warranty End: %(item)s's warranty ends before its "
                        "installation date; correct either date.",
                        item=item.name,
                    )
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        site = self.site_partner_id
        if site and site.commercial_partner_id != self.partner_id.commercial_partner_id:
            self.site_partner_id = False
        if (
            self.contract_line_id
            and self.contract_line_id.contract_id.partner_id.commercial_partner_id
            != self.partner_id.commercial_partner_id
        ):
            self.contract_line_id = False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = company._service_visit_next_numbers("service.item", 1)[0]
        return super().create(vals_list)

    def action_remove(self):
        """The item left the site: no new visit is planned for it."""
        self._service_check_transition("action_remove")
        for item in self:
            if item.state != "in_service":
                raise UserError(
                    self.env._("%(item)s is already removed.", item=item.display_name)
                )
        self._service_write_protected(
            {"state": "removed", "removal_date": fields.Date.context_today(self)}
        )
        return True

    def action_reinstate(self):
        self._service_check_transition("action_reinstate")
        self.filtered(lambda i: i.state == "removed")._service_write_protected(
            {"state": "in_service", "removal_date": False}
        )
        return True

    def _visit_action(self, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "service_visit.service_visit_action"
        )
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_view_visits(self):
        self.ensure_one()
        return self._visit_action(
            [("item_id", "=", self.id)],
            {
                "default_item_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )

    def action_view_visits_done(self):
        self.ensure_one()
        return self._visit_action(
            [("item_id", "=", self.id), ("state", "=", "done")], {"create": False}
        )

    def action_view_visits_pending(self):
        self.ensure_one()
        return self._visit_action(
            [("item_id", "=", self.id), ("state", "=", "planned")],
            {
                "default_item_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
