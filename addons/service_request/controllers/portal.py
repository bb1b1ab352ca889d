# covers: REQ-12
from odoo import http
from odoo.exceptions import MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class ServiceRequestPortal(portal.CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_request_count" in counters:
            Request = request.env["service.request"]
            values["service_request_count"] = (
                Request.search_count(self._service_requests_domain())
                if Request.has_access("read")
                else 0
            )
        return values

    def _service_requests_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", [partner.id])]

    def _service_request_types(self):
        return (
            request.env["service.request.type"]
            .sudo()
            .search(
                [
                    ("portal_visible", "=", True),
                    ("company_id", "in", request.env.user.company_ids.ids),
                ]
            )
        )

    # read-only (issue 15): served from a replica where there is one; a
    # request listed for the first time gets its portal token on a retry of
    # the request on the primary (Odoo does that for read-only routes)
    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_requests(self, page=1, **kwargs):
        Request = request.env["service.request"]
        domain = self._service_requests_domain()
        can_read = Request.has_access("read")
        pager_values = portal_pager(
            url="/my/requests",
            total=Request.search_count(domain) if can_read else 0,
            page=page,
            step=self._items_per_page,
        )
        requests = (
            Request.search(
                domain,
                order="date_received desc, id desc",
                limit=self._items_per_page,
                offset=pager_values["offset"],
            )
            if can_read
            else Request
        )
        request.session["my_service_requests_history"] = requests.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "service_requests": requests.sudo(),
                "page_name": "service_request",
                "pager": pager_values,
                "default_url": "/my/requests",
                "can_create": bool(self._service_request_types()),
            }
        )
        return request.render("service_request.portal_my_requests", values)

    @http.route(
        ["/my/requests/<int:request_id>"], type="http", auth="public", website=True
    )
    def portal_my_request(self, request_id, access_token=None, **kwargs):
        # another customer's request raises AccessError: HTTP 403
        try:
            request_sudo = self._document_check_access(
                "service.request", request_id, access_token=access_token
            )
        except MissingError:
            return request.not_found()
        values = self._get_page_view_values(
            request_sudo,
            access_token,
            {
                "service_request": request_sudo,
                "page_name": "service_request",
                "rating_token": self._service_request_rating_token(request_sudo),
            },
            "my_service_requests_history",
            False,
            **kwargs,
        )
        return request.render("service_request.portal_my_request", values)

    def _service_request_rating_token(self, request_sudo):
        """A closed request not rated yet offers the rating links."""
        if not request_sudo.is_closed or request_sudo.rating_ids.filtered("consumed"):
            return False
        return request_sudo._rating_get_access_token()

    @http.route(
        ["/my/requests/new"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_new_request(self, **post):
        types = self._service_request_types()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "service_request",
                "request_types": types,
                "error": False,
                "post": post,
            }
        )
        if request.httprequest.method == "POST":
            try:
                new_request = self._create_portal_request(types, post)
            except UserError as error:
                values["error"] = error.args[0]
            else:
                return request.redirect(new_request.get_portal_url())
        return request.render("service_request.portal_new_request", values)

    def _create_portal_request(self, types, post):
        env = request.env
        try:
            type_id = int(post.get("type_id") or 0)
        except ValueError:
            type_id = 0
        request_type = types.filtered(lambda t: t.id == type_id)
        if not request_type:
            raise UserError(env._("Type: choose one of the types in the list."))
        subject = (post.get("subject") or "").strip()
        if not subject:
            raise UserError(env._("Subject: say in a few words what you need."))
        partner = env.user.partner_id
        new_request = (
            env["service.request"]
            .sudo()
            .with_company(request_type.company_id)
            .create(
                {
                    "type_id": request_type.id,
                    "company_id": request_type.company_id.id,
                    "partner_id": partner.commercial_partner_id.id,
                    "title": subject,
                    "description": env["ir.qweb"]._render(
                        "service_request.portal_request_description",
                        {
                            "details": (post.get("description") or "").strip(),
                            "partner": partner,
                        },
                    ),
                }
            )
        )
        new_request.message_subscribe(partner_ids=partner.ids)
        return new_request
