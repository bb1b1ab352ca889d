# covers: BAS-08
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ServiceNotificationTemplate(models.Model):
    """An alert sent on one channel, chosen per template: e-mail (Odoo mail
    templates and the mail queue), SMS (the company's gateways) or push (the
    recipient's Odoo inbox, which Odoo relays as web/mobile push)."""

    _name = "service.notification.template"
    _description = "Service Notification Template"
    _inherit = ["service.audit.mixin", "mail.thread", "mail.render.mixin"]
    _order = "model_id, name"
    _check_company_auto = True

    _code_company_uniq = models.Constraint(
        "UNIQUE (code, company_id)",
        "Code: another notification template of this company already uses it.",
    )

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical key the addons use to send this alert, e.g. document_expiry.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    model_id = fields.Many2one(
        "ir.model", string="Applies To", required=True, ondelete="cascade"
    )
    model = fields.Char(related="model_id.model", store=True)
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("push", "Push / inbox")],
        required=True,
        default="email",
        tracking=True,
    )
    partner_field = fields.Char(
        "Recipient Field",
        default="partner_id",
        required=True,
        help="Field of the document holding the recipient (a contact).",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model_id', '=', model_id)]",
    )
    sms_body = fields.Text(
        "SMS Text",
        translate=True,
        render_engine="inline_template",
        help="Use {{ object.field }} to insert document values.",
    )
    push_body = fields.Text(
        "Push Text", translate=True, render_engine="inline_template"
    )

    @api.depends("model")
    def _compute_render_model(self):
        for template in self:
            template.render_model = template.model

    @api.constrains("channel", "mail_template_id", "sms_body", "push_body")
    def _check_channel_content(self):
        content_field = {
            "email": "mail_template_id",
            "sms": "sms_body",
            "push": "push_body",
        }
        for template in self:
            name = content_field[template.channel]
            if not template[name]:
                raise ValidationError(
                    self.env._(
                        "%(field)s: template '%(name)s' sends on this channel and "
                        "needs it filled in.",
                        field=self._fields[name]._description_string(self.env),
                        name=template.name,
                    )
                )

    @api.constrains("partner_field", "model_id")
    def _check_partner_field(self):
        for template in self:
            field = self.env[template.model]._fields.get(template.partner_field)
            if not field or field.comodel_name != "res.partner":
                raise ValidationError(
                    self.env._(
                        "Recipient Field: '%(field)s' is not a contact field of "
                        "%(model)s.",
                        field=template.partner_field,
                        model=template.model_id.name,
                    )
                )

    @api.model
    def _get(self, code, company):
        return self.search(
            [("code", "=", code), ("company_id", "=", company.id)], limit=1
        )

    @api.model
    def _notify(self, code, records):
        """Send the company's template ``code`` for every record; records of
        companies without such a template are skipped silently."""
        company_field = "company_id" in records._fields
        for company, group in records.grouped(
            lambda r: r.company_id if company_field else self.env.company
        ).items():
            template = self._get(code, company or self.env.company)
            if template:
                template._send(group)

    def _send(self, records):
        self.ensure_one()
        if records._name != self.model:
            raise UserError(
                self.env._(
                    "Template '%(name)s' is for %(expected)s, not %(given)s.",
                    name=self.name,
                    expected=self.model,
                    given=records._name,
                )
            )
        records = records.filtered(lambda r: r[self.partner_field])
        if not records:
            return
        getattr(self, f"_send_{self.channel}")(records)

    def _send_email(self, records):
        self.mail_template_id.send_mail_batch(records.ids)

    def _recipient_langs(self, records):
        return {
            record.id: record[self.partner_field].lang or self.env.lang
            for record in records
        }

    def _send_sms(self, records):
        gateway_model = self.env["service.sms.gateway"]
        bodies = self._render_field(
            "sms_body", records.ids, res_ids_lang=self._recipient_langs(records)
        )
        vals_list = []
        for record in records:
            partner = record[self.partner_field]
            raw = partner.service_mobile if "service_mobile" in partner else False
            country = partner.country_id or self.company_id.country_id
            number = gateway_model._normalize_number(raw or partner.phone, country)
            if not number:
                continue
            gateway = gateway_model._select_for(number, self.company_id, country)
            vals_list.append(
                {
                    "company_id": self.company_id.id,
                    "gateway_id": gateway.id,
                    "state": "outgoing" if gateway else "no_gateway",
                    "partner_id": partner.id,
                    "number": number,
                    "body": bodies[record.id],
                    "res_model": record._name,
                    "res_id": record.id,
                    "template_id": self.id,
                }
            )
        messages = self.env["service.sms.message"].sudo().create(vals_list)
        messages._send_now()

    def _send_push(self, records):
        bodies = self._render_field(
            "push_body", records.ids, res_ids_lang=self._recipient_langs(records)
        )
        for record in records:
            partner = record[self.partner_field]
            record.message_notify(
                partner_ids=partner.ids,
                body=bodies[record.id],
                subject=self.name,
                model_description=self.model_id.name,
            )
