# covers: REQ-08
from odoo import api, models
from odoo.exceptions import AccessError


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.ondelete(at_uninstall=False)
    def _unlink_service_request_admin_only(self):
        """Comments on requests are deleted by administrators only."""
        if (
            not self.env.su
            and not self.env.user.has_group("base.group_system")
            and any(message.model == "service.request" for message in self)
        ):
            raise AccessError(
                self.env._(
                    "Only an administrator deletes comments on requests; post a "
                    "correction instead."
                )
            )
