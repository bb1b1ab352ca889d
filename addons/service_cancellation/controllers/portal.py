# covers: CAN-01
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers import portal


class ServiceCancellationPortal(portal.CustomerPortal):
    def _service_cancellation_reasons(self, contract_sudo):
        return (
            request.env["service.cancellation.reason"]
            .sudo()
            .search(
                [
                    ("portal_visible", "=", True),
                    ("company_id", "in", [contract_sudo.company_id.id, False]),
                ]
            )
        )

    @http.route(
        ["/my/contracts/<int:contract_id>/cancel"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_cancel_contract(self, contract_id, **post):
        # only a contract the customer may read himself (portal rules), never
        # one reached through a shared link
        try:
            contract_sudo = self._document_check_access("service.contract", contract_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not contract_sudo._service_cancellable_in_portal():
            return request.redirect(contract_sudo.get_portal_url())
        reasons = self._service_cancellation_reasons(contract_sudo)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "service_contract",
                "contract": contract_sudo,
                "reasons": reasons,
                "error": False,
                "post": post,
            }
        )
        if request.httprequest.method == "POST":
            try:
                # created and submitted together, or not at all: a cancellation
                # left waiting without its approval could be approved by nobody
                # and would block the customer's next attempt
                with request.env.cr.savepoint():
                    cancellation = self._create_portal_cancellation(
                        contract_sudo, reasons, post
                    )
            except UserError as error:
                values["error"] = request.env._(
                    "Your cancellation was not recorded: %(reason)s",
                    reason=error.args[0],
                )
            else:
                # the contract page confirms what was received (issue 17)
                return request.redirect(
                    f"/my/contracts/{contract_sudo.id}"
                    f"?cancellation_sent={cancellation.id}"
                    f"#cancellation-{cancellation.id}"
                )
        return request.render("service_cancellation.portal_cancel_contract", values)

    def _create_portal_cancellation(self, contract_sudo, reasons, post):
        env = request.env
        try:
            reason_id = int(post.get("reason_id") or 0)
        except ValueError:
            reason_id = 0
        reason = reasons.filtered(lambda r: r.id == reason_id)
        if not reason:
            raise UserError(env._("Reason: choose one of the reasons in the list."))
        cancellation = (
            env["service.cancellation"]
            .sudo()
            .with_company(contract_sudo.company_id)
            .create(
                {
                    "contract_id": contract_sudo.id,
                    "reason_id": reason.id,
                    "reason_note": (post.get("note") or "").strip() or False,
                    "origin": "portal",
                }
            )
        )
        cancellation.message_subscribe(partner_ids=env.user.partner_id.ids)
        cancellation.action_submit()
        return cancellation
