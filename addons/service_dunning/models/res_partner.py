# covers: DUN-01, DUN-04, DUN-05, RPT-03
import base64

from odoo import api, fields, models

from odoo.addons.service_base.tools.counts import assign_counts


class ResPartner(models.Model):
    _inherit = "res.partner"
    # covers: API-01 (legal collection is set only by the dunning escalation)
    _service_protected_fields = ("service_legal_collection",)

    service_dunning_scenario_id = fields.Many2one(
        "service.dunning.scenario",
        "Dunning Scenario",
        company_dependent=True,
        tracking=True,
        help="Empty: the company's default scenario.",
    )
    service_dunning_excluded = fields.Boolean(
        "Excluded from Dunning",
        company_dependent=True,
        tracking=True,
        help="No dunning run reminds this customer.",
    )
    service_legal_collection = fields.Boolean(
        "Legal Collection",
        readonly=True,
        copy=False,
        tracking=True,
        help="Reached the last dunning level: handed to legal collection.",
    )
    service_statement_by_email = fields.Boolean(
        "Statement by E-mail",
        help="Receives his account statement by e-mail every month.",
    )
    service_dunning_communication_ids = fields.One2many(
        "service.dunning.communication", "partner_id", "Dunning History"
    )
    service_instalment_plan_ids = fields.One2many(
        "service.instalment.plan", "partner_id", "Instalment Plans"
    )
    service_dunning_count = fields.Integer(compute="_compute_service_dunning_count")
    service_credit_balance = fields.Monetary(
        "Open Balance", compute="_compute_service_credit", currency_field="currency_id"
    )
    service_credit_overdue = fields.Monetary(
        "Credit Overdue",
        compute="_compute_service_credit",
        currency_field="currency_id",
        help="Overdue amount of the credit situation: the instalments of a kept "
        "plan count on their own dates.",
    )
    service_credit_dso = fields.Float(
        "Days Sales Outstanding",
        compute="_compute_service_credit",
        digits=(16, 1),
        help="Open balance / invoiced over the last 90 days x 90.",
    )

    def _compute_service_dunning_count(self):
        assign_counts(
            self, "service_dunning_count", "service.dunning.communication", "partner_id"
        )

    @api.depends_context("company")
    def _compute_service_credit(self):
        situation = self.env["service.ageing.report"]._credit_situation(
            self.commercial_partner_id, self.env.company
        )
        for partner in self:
            values = situation.get(partner.commercial_partner_id.id, {})
            partner.service_credit_balance = values.get("balance", 0.0)
            partner.service_credit_overdue = values.get("overdue", 0.0)
            partner.service_credit_dso = values.get("dso", 0.0)

    def action_service_credit_situation(self):
        """Balance, overdue, limit and DSO of the customer (RPC friendly)."""
        self.ensure_one()
        situation = self.env["service.ageing.report"]._credit_situation(
            self.commercial_partner_id, self.env.company
        )
        values = situation.get(self.commercial_partner_id.id, {})
        ageing = (
            self.env["service.ageing.report"]
            ._ageing_buckets(self.commercial_partner_id, self.env.company)
            .get(self.commercial_partner_id.id, {})
        )
        return {
            "partner_id": self.commercial_partner_id.id,
            "currency": self.env.company.currency_id.name,
            "balance": values.get("balance", 0.0),
            "overdue": values.get("overdue", 0.0),
            "credit_limit": self.commercial_partner_id.credit_limit,
            "dso": values.get("dso", 0.0),
            "ageing": ageing,
            "dunning_level": self.service_dunning_communication_ids[:1].level_id.name
            or False,
            "instalment_plan": self.service_instalment_plan_ids.filtered(
                lambda p: p.state == "active"
            )[:1].name
            or False,
        }

    def _service_mark_legal_collection(self):
        self._service_write_protected({"service_legal_collection": True})

    def _service_send_statements(self, date_from, date_to):
        """Queue one e-mail per customer with his statement PDF attached."""
        template = self.env.ref("service_dunning.mail_template_statement")
        report = self.env.ref("service_dunning.action_report_statement")
        data = {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
        }
        for partner in self.filtered("email"):
            pdf, _type = report.sudo()._render_qweb_pdf(
                report.report_name, partner.ids, data=data
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.env._(
                        "Statement %(customer)s %(date)s.pdf",
                        customer=partner.name,
                        date=fields.Date.to_string(date_to),
                    ),
                    "datas": base64.b64encode(pdf),
                    "res_model": "res.partner",
                    "res_id": partner.id,
                    "mimetype": "application/pdf",
                }
            )
            template.send_mail(
                partner.id, email_values={"attachment_ids": [(4, attachment.id)]}
            )
