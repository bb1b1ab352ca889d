# covers: DUN-03, DUN-04, PRT-02
from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers import portal


class ServiceDunningPortal(portal.CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_instalment_plan_count" in counters:
            Plan = request.env["service.instalment.plan"]
            values["service_instalment_plan_count"] = (
                Plan.search_count([]) if Plan.has_access("read") else 0
            )
        return values

    def _service_statement_period(self, date_from=None, date_to=None):
        default_from, default_to = request.env[
            "report.service_dunning.report_statement"
        ]._default_period()
        try:
            date_from = fields.Date.to_date(date_from) or default_from
            date_to = fields.Date.to_date(date_to) or default_to
        except ValueError:
            date_from, date_to = default_from, default_to
        if date_from > date_to:
            date_from, date_to = default_from, default_to
        return date_from, date_to

    def _service_statement_partner(self, partner_id=None):
        """The logged-in customer's commercial partner; another customer's
        id is refused (403)."""
        own = request.env.user.partner_id.commercial_partner_id
        if partner_id and str(partner_id) != str(own.id):
            raise Forbidden()
        return own

    # Read-only: a statement reads the ledger and writes nothing.
    @http.route("/my/statement", type="http", auth="user", website=True, readonly=True)
    def portal_my_statement(self, date_from=None, date_to=None, partner_id=None, **kw):
        partner = self._service_statement_partner(partner_id)
        date_from, date_to = self._service_statement_period(date_from, date_to)
        statement = (
            request.env["report.service_dunning.report_statement"]
            .sudo()
            ._statements(partner, request.env.company, date_from, date_to)[partner.id]
        )
        open_invoices = request.env["account.move"].search(
            [
                ("partner_id", "child_of", partner.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
            ],
            order="invoice_date_due, id",
        )
        communications = (
            request.env["service.dunning.communication"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("state", "=", "sent")],
                limit=20,
            )
        )
        plans = request.env["service.instalment.plan"].search(
            [("state", "in", ("proposed", "active"))]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "service_statement",
                "partner": partner,
                "statement": statement,
                "open_invoices": open_invoices,
                "communications": communications,
                "plans": plans,
            }
        )
        return request.render("service_dunning.portal_my_statement", values)

    @http.route(
        "/my/statement/pdf", type="http", auth="user", website=True, readonly=True
    )
    def portal_my_statement_pdf(
        self, date_from=None, date_to=None, partner_id=None, **kw
    ):
        partner = self._service_statement_partner(partner_id)
        date_from, date_to = self._service_statement_period(date_from, date_to)
        report = request.env.ref("service_dunning.action_report_statement").sudo()
        pdf, _type = report._render_qweb_pdf(
            report.report_name,
            partner.ids,
            data={
                "date_from": fields.Date.to_string(date_from),
                "date_to": fields.Date.to_string(date_to),
            },
        )
        filename = f"statement-{fields.Date.to_string(date_to)}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )

    @http.route(
        "/my/instalment-plans/<int:plan_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_instalment_plan(self, plan_id, **kw):
        # the portal rule hides other customers' plans: 404, nothing revealed
        plan = request.env["service.instalment.plan"].search([("id", "=", plan_id)])
        if not plan:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "service_instalment_plan", "plan": plan})
        return request.render("service_dunning.portal_my_instalment_plan", values)

    @http.route(
        "/my/instalment-plans/<int:plan_id>/accept",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_accept_instalment_plan(self, plan_id, **kw):
        plan = request.env["service.instalment.plan"].search([("id", "=", plan_id)])
        if not plan:
            raise NotFound()
        if plan.state != "proposed":
            return request.redirect(f"/my/instalment-plans/{plan.id}")
        # checked above: his own plan, proposed to him
        plan.sudo()._accept("portal")
        return request.redirect(f"/my/instalment-plans/{plan.id}?accepted=1")
