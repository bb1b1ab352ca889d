# covers: PRT-02, BAS-06
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# Drafts, contracts awaiting approval and cancelled ones are internal.
PORTAL_STATES = ("active", "suspended", "ended")


class ServiceContractPortal(portal.CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_contract_count" in counters:
            Contract = request.env["service.contract"]
            values["service_contract_count"] = (
                Contract.search_count(
                    self._prepare_service_contracts_domain(request.env.user.partner_id)
                )
                if Contract.has_access("read")
                else 0
            )
        return values

    def _prepare_service_contracts_domain(self, partner):
        return [
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "in", PORTAL_STATES),
        ]

    def _get_service_contract_searchbar_sortings(self):
        return {
            "date": {
                "label": request.env._("Start Date"),
                "order": "date_start desc, id desc",
            },
            "name": {"label": request.env._("Contract Number"), "order": "name, id"},
            "state": {"label": request.env._("Status"), "order": "state, id desc"},
        }

    # Read-only (issue 15): served from a replica where there is one. A
    # contract listed for the first time gets its portal token on a retry of
    # the request on the primary (Odoo does that for read-only routes).
    @http.route(
        ["/my/contracts", "/my/contracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_contracts(self, page=1, sortby=None, **kwargs):
        Contract = request.env["service.contract"]
        values = self._prepare_portal_layout_values()
        domain = self._prepare_service_contracts_domain(request.env.user.partner_id)
        searchbar_sortings = self._get_service_contract_searchbar_sortings()
        if sortby not in searchbar_sortings:
            sortby = "date"
        can_read = Contract.has_access("read")
        pager_values = portal_pager(
            url="/my/contracts",
            total=Contract.search_count(domain) if can_read else 0,
            page=page,
            step=self._items_per_page,
            url_args={"sortby": sortby},
        )
        contracts = (
            Contract.search(
                domain,
                order=searchbar_sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager_values["offset"],
            )
            if can_read
            else Contract
        )
        request.session["my_service_contracts_history"] = contracts.ids[:100]
        values.update(
            {
                "contracts": contracts.sudo(),
                "page_name": "service_contract",
                "pager": pager_values,
                "default_url": "/my/contracts",
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
            }
        )
        return request.render("service_contract.portal_my_contracts", values)

    @http.route(
        ["/my/contracts/<int:contract_id>"], type="http", auth="public", website=True
    )
    def portal_my_contract(
        self, contract_id, report_type=None, access_token=None, download=False, **kwargs
    ):
        try:
            contract_sudo = self._document_check_access(
                "service.contract", contract_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        # A valid token does not reveal a contract the customer may not see yet.
        if contract_sudo.state not in PORTAL_STATES:
            return request.redirect("/my")

        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=contract_sudo,
                report_type=report_type,
                report_ref="service_contract.action_report_service_contract",
                download=download,
            )

        values = self._get_page_view_values(
            contract_sudo,
            access_token,
            {
                "contract": contract_sudo,
                "page_name": "service_contract",
                "report_type": "html",
                "res_company": contract_sudo.company_id,
            },
            "my_service_contracts_history",
            False,
            **kwargs,
        )
        return request.render("service_contract.portal_my_contract", values)
