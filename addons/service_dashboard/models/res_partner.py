# covers: CUS-06
from odoo import fields, models

ACCOUNTING_GROUPS = "account.group_account_invoice,account.group_account_readonly"


class ResPartner(models.Model):
    """The 360° customer: the counts and amounts behind the customer form's
    smart buttons and the kanban cards, one grouped query per figure for all
    the partners on screen. A contact shows its company's figures."""

    _inherit = "res.partner"

    service_contract_count = fields.Integer(
        "Contracts", compute="_compute_service_360", groups="base.group_user"
    )
    service_active_contract_count = fields.Integer(
        "Active Contracts", compute="_compute_service_360", groups="base.group_user"
    )
    service_request_count = fields.Integer(
        "Requests", compute="_compute_service_360", groups="base.group_user"
    )
    service_visit_count = fields.Integer(
        "Visits", compute="_compute_service_360", groups="base.group_user"
    )
    service_payment_count = fields.Integer(
        "Payments", compute="_compute_service_money", groups=ACCOUNTING_GROUPS
    )
    service_balance = fields.Monetary(
        "Balance",
        compute="_compute_service_money",
        groups=ACCOUNTING_GROUPS,
        help="Open receivable of the customer: unpaid invoices less unapplied "
        "payments and credit notes.",
    )
    service_overdue_amount = fields.Monetary(
        "Overdue",
        compute="_compute_service_money",
        groups=ACCOUNTING_GROUPS,
        help="Open receivable past its due date.",
    )

    def _service_counts(self, model, domain=()):
        """{commercial partner: count} of ``model``'s records the user may
        read, for the commercial partners of ``self``."""
        Model = self.env[model]
        if not Model.has_access("read"):
            return {}
        return dict(
            Model._read_group(
                [*domain, ("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )

    def _compute_service_360(self):
        contracts = self._service_counts("service.contract")
        active = self._service_counts("service.contract", [("state", "=", "active")])
        request_counts = self._service_counts("service.request")
        visits = self._service_counts("service.visit")
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.service_contract_count = contracts.get(commercial, 0)
            partner.service_active_contract_count = active.get(commercial, 0)
            partner.service_request_count = request_counts.get(commercial, 0)
            partner.service_visit_count = visits.get(commercial, 0)

    def _compute_service_money(self):
        payments = self._service_counts(
            "account.payment", self._service_payment_domain()
        )
        Line = self.env["account.move.line"]
        balances = dict(
            Line._read_group(
                self._service_receivable_domain(),
                ["partner_id"],
                ["amount_residual:sum"],
            )
        )
        overdue = dict(
            Line._read_group(
                self._service_receivable_domain(overdue=True),
                ["partner_id"],
                ["amount_residual:sum"],
            )
        )
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.service_payment_count = payments.get(commercial, 0)
            partner.service_balance = balances.get(commercial, 0.0)
            partner.service_overdue_amount = overdue.get(commercial, 0.0)

    def _service_payment_domain(self):
        return [
            ("partner_type", "=", "customer"),
            ("state", "not in", ("draft", "canceled", "rejected")),
        ]

    def _service_receivable_domain(self, overdue=False):
        domain = [
            ("partner_id", "in", self.commercial_partner_id.ids),
            ("account_id.account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
        ]
        if overdue:
            domain += [
                ("date_maturity", "<", fields.Date.context_today(self)),
                ("amount_residual", ">", 0),
            ]
        return domain

    def _service_open(self, xmlid, domain, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = dict(context or {})
        return action

    def action_service_view_contracts(self):
        partner = self.commercial_partner_id
        return self._service_open(
            "service_contract.service_contract_action",
            [("partner_id", "=", partner.id)],
            {"default_partner_id": partner.id},
        )

    def action_service_view_requests(self):
        partner = self.commercial_partner_id
        return self._service_open(
            "service_request.service_request_action",
            [("partner_id", "=", partner.id)],
            {"default_partner_id": partner.id},
        )

    def action_service_view_visits(self):
        return self._service_open(
            "service_visit.service_visit_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )

    def action_service_view_payments(self):
        return self._service_open(
            "account.action_account_payments",
            [
                *self._service_payment_domain(),
                ("partner_id", "=", self.commercial_partner_id.id),
            ],
            {
                "default_partner_id": self.commercial_partner_id.id,
                "default_payment_type": "inbound",
                "default_partner_type": "customer",
            },
        )

    def action_service_view_balance(self):
        action = self._service_open(
            "account.action_account_moves_all", self._service_receivable_domain()
        )
        action["name"] = self.env._("Open Balance")
        return action

    def action_service_view_overdue(self):
        action = self._service_open(
            "account.action_account_moves_all",
            self._service_receivable_domain(overdue=True),
        )
        action["name"] = self.env._("Overdue")
        return action
