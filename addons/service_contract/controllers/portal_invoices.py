# covers: PRT-02
from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount


class ServiceInvoicePortal(PortalAccount):
    """/my/invoices at a constant number of queries whatever the customer
    has (issue 15)."""

    def _get_account_searchbar_sortings(self):
        # invoices of one billing run share their date: without a last key
        # the database returns the ties of a page in any order, so pages
        # overlap, and every visit lists other invoices than the last one
        sortings = super()._get_account_searchbar_sortings()
        for sorting in sortings.values():
            if "id" not in [term.split()[0] for term in sorting["order"].split(",")]:
                sorting["order"] = f"{sorting['order']}, id desc"
        return sortings

    def _prepare_my_invoices_values(self, *args, **kwargs):
        values = super()._prepare_my_invoices_values(*args, **kwargs)
        list_page = values["invoices"]

        def list_page_with_tokens(pager_offset):
            rows = list_page(pager_offset)
            # the page links each invoice with its portal token: given to
            # the invoices without one in one query, not one write each
            request.env["account.move"].browse(
                [row["invoice"].id for row in rows]
            )._service_ensure_portal_tokens()
            return rows

        values["invoices"] = list_page_with_tokens
        return values
