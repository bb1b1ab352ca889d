# covers: BAS-08
from odoo import api, fields, models


class ServiceSmsMessage(models.Model):
    """The SMS outbox and its history: what was (or would be) sent, and how."""

    _name = "service.sms.message"
    _description = "SMS Message"
    _inherit = ["service.protected.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # covers: BAS-08, API-01 (what was sent is written by the gateway only)
    _service_protected_fields = (
        "state",
        "request_url",
        "request_payload",
        "response",
        "error_message",
        "sent_date",
    )
    _service_transitions = {"action_retry": "service_base.group_service_manager"}

    company_id = fields.Many2one("res.company", required=True, index=True)
    gateway_id = fields.Many2one(
        "service.sms.gateway", check_company=True, ondelete="restrict", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Recipient")
    number = fields.Char(required=True)
    body = fields.Text(required=True)
    state = fields.Selection(
        [
            ("outgoing", "Outgoing"),
            ("sent", "Sent"),
            ("error", "Error"),
            ("no_gateway", "No gateway"),
        ],
        default="outgoing",
        required=True,
        index=True,
    )
    is_test = fields.Boolean(
        "Recorded Only",
        compute="_compute_is_test",
        store=True,
        help="Sent through the test double: recorded, never sent.",
    )
    res_model = fields.Char("Document Model")
    res_id = fields.Many2oneReference("Document ID", model_field="res_model")
    template_id = fields.Many2one("service.notification.template", ondelete="set null")
    request_url = fields.Char(readonly=True)
    request_payload = fields.Text(readonly=True)
    response = fields.Text(readonly=True)
    error_message = fields.Text(readonly=True)
    sent_date = fields.Datetime(readonly=True)

    @api.depends("gateway_id.provider")
    def _compute_is_test(self):
        for message in self:
            message.is_test = message.gateway_id.provider == "test"

    def _send_now(self):
        for gateway, messages in (
            self.filtered(lambda m: m.state == "outgoing" and m.gateway_id)
            .grouped("gateway_id")
            .items()
        ):
            gateway._send(messages)

    def action_retry(self):
        self._service_check_transition("action_retry")
        with self._service_transition():
            self.filtered(lambda m: m.state == "error").write({"state": "outgoing"})
            self._send_now()

    @api.model
    def _cron_send_outgoing(self, batch_size=500):
        """Send the outbox. Row locks let two cron workers share it safely."""
        self.env.cr.execute(
            """
            SELECT id FROM service_sms_message
             WHERE state = 'outgoing' AND gateway_id IS NOT NULL
             ORDER BY id
             LIMIT %s
               FOR UPDATE SKIP LOCKED
            """,
            [batch_size],
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.browse(ids)._send_now()
        return len(ids)
