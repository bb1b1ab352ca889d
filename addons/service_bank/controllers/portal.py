# covers: BNK-01, PRT-02
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers import portal


class ServiceBankPortal(portal.CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "service_mandate_count" in counters:
            Mandate = request.env["service.mandate"]
            values["service_mandate_count"] = (
                Mandate.search_count(self._service_mandate_domain())
                if Mandate.has_access("read")
                else 0
            )
        return values

    def _service_mandate_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.id)]

    def _service_mandate_page(self, error=None, values=None):
        page = self._prepare_portal_layout_values()
        page.update(
            {
                "page_name": "service_mandate",
                "mandates": request.env["service.mandate"].search(
                    self._service_mandate_domain()
                ),
                "error": error,
                "form": values or {},
            }
        )
        return request.render("service_bank.portal_my_mandates", page)

    @http.route("/my/mandates", type="http", auth="user", website=True)
    def portal_my_mandates(self, **kwargs):
        return self._service_mandate_page()

    @http.route(
        "/my/mandates/sign", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_sign_mandate(self, iban="", signer_name="", accept=None, **kwargs):
        """The customer signs a mandate for his own account: the model checks
        the IBAN and the signature; sudo only after the user is known."""
        partner = request.env.user.partner_id.commercial_partner_id
        try:
            request.env["service.mandate"].sudo()._portal_sign(
                partner, iban, signer_name, bool(accept)
            )
        except (UserError, ValidationError) as error:
            return self._service_mandate_page(
                error=error.args[0],
                values={"iban": iban, "signer_name": signer_name},
            )
        return request.redirect("/my/mandates")
