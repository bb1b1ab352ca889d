# covers: BAS-05, PRT-02
from odoo.http import request

from odoo.addons.website.controllers.main import Website


class ServicePortalWebsite(Website):
    def _login_redirect(self, uid, redirect=None):
        """A customer signing in lands on his portal in his own language.

        The website's pages follow the URL's language or the visitor's
        ``frontend_lang`` cookie, set while he was still anonymous (the
        website's default, English): without this, rossi (Italian) signs in
        and reads his portal in English. Staff go to the web client, which
        follows the user's language already."""
        redirect = super()._login_redirect(uid, redirect=redirect)
        user = request.env["res.users"].sudo().browse(uid)
        if (
            not redirect
            or not redirect.startswith("/")
            or redirect.startswith(("/odoo", "/web", "//"))
            or user._is_internal()
            or not getattr(request, "website", None)
        ):
            return redirect
        website = request.website
        lang = request.env["res.lang"]._get_data(code=user.lang or "")
        if (
            not lang.url_code
            or lang.code == website.default_lang_id.code
            or lang.code not in website.language_ids.mapped("code")
        ):
            return redirect
        prefixes = {
            f"/{code}" for code in website.language_ids.mapped("url_code") if code
        }
        first = "/" + redirect.lstrip("/").split("/", 1)[0].split("?", 1)[0]
        if first in prefixes:
            return redirect
        return f"/{lang.url_code}{redirect}"
