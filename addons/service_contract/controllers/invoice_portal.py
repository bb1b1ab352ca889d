# covers: CON-04, PRT-02
from odoo import http
from odoo.exceptions import AccessError, MissingError

from odoo.addons.account.controllers.portal import PortalAccount


class ServiceInvoicePdfPortal(PortalAccount):
    @http.route()
    def portal_my_invoice_detail(
        self, invoice_id, access_token=None, report_type=None, download=False, **kw
    ):
        """An invoice posted by a billing run whose PDF the invoice-PDF job
        has not rendered yet gets it now, so the customer sees the invoice,
        not a "Proforma Invoice" (issue 17). Access is checked first, as
        Odoo's own route does."""
        if report_type in ("html", "pdf", "text"):
            try:
                invoice_sudo = self._document_check_access(
                    "account.move", invoice_id, access_token
                )
            except (AccessError, MissingError):
                invoice_sudo = None
            if invoice_sudo:
                invoice_sudo._service_render_pending_pdf()
        return super().portal_my_invoice_detail(
            invoice_id,
            access_token=access_token,
            report_type=report_type,
            download=download,
            **kw,
        )
