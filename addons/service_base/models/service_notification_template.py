# covers: BAS-08, API-01
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

# what a template renders: who changes them is who the texts render as
RENDERED_FIELDS = {"sms_body", "push_body", "model_id", "partner_field"}


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
    render_user_id = fields.Many2one(
        "res.users",
        string="Renders As",
        readonly=True,
        copy=False,
        help="The texts are rendered with the rights of the user who last "
        "changed them.",
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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["render_user_id"] = self.env.uid
        templates = super().create(vals_list)
        # as Odoo's mail.template: only Mail Template Editors (administrators
        # while "Restrict Template Rendering" is on) write expressions beyond
        # plain {{ object.field }} placeholders
        templates._check_access_right_dynamic_template()
        return templates

    def write(self, vals):
        if RENDERED_FIELDS.intersection(vals) or "render_user_id" in vals:
            vals = dict(vals, render_user_id=self.env.uid)
        result = super().write(vals)
        self._check_access_right_dynamic_template()
        return result

    def _update_field_translations(
        self, field_name, translations, digest=None, source_lang=""
    ):
        result = super()._update_field_translations(
            field_name, translations, digest=digest, source_lang=source_lang
        )
        if field_name in RENDERED_FIELDS:
            for lang in translations:
                self.with_context(lang=lang)._check_access_right_dynamic_template()
            # the translator becomes who the texts render as (see write)
            self.sudo().write({"render_user_id": self.env.uid})
        return result

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

    def _render_as_editor(self, field, records):
        """Texts of ``field`` for ``records``, rendered with the rights of the
        user who last edited the template, never with superuser rights: a
        template can read only what its author can read, and Odoo's "Restrict
        Template Rendering" holds for him (``render_user_id``, set by
        create/write whatever the caller sends, unlike ``write_uid`` which any
        later superuser write or recompute replaces). Returns None, with a note on the
        template, when he may not render it (e.g. he lost the right to write
        expressions), so the document's own operation still goes on.
        """
        self.ensure_one()
        # templates saved before this field existed: their last writer
        editor = self.sudo().render_user_id or self.sudo().write_uid
        template = self.with_user(editor).with_context(
            allowed_company_ids=self.company_id.ids
        )
        try:
            return template._render_field(
                field, records.ids, res_ids_lang=self._recipient_langs(records)
            )
        except AccessError as error:
            _logger.warning(
                "Notification template %s not rendered as %s: %s",
                self.code,
                editor.login,
                error,
            )
            self.sudo().message_post(
                body=self.env._(
                    "Not sent to %(count)s %(model)s record(s): %(user)s, who last "
                    "edited this template, may not render it (%(error)s). An "
                    "administrator must check and save the template again.",
                    count=len(records),
                    model=self.model_id.name,
                    user=editor.name,
                    error=str(error),
                )
            )
            return None

    def _send_sms(self, records):
        gateway_model = self.env["service.sms.gateway"]
        bodies = self._render_as_editor("sms_body", records)
        if bodies is None:
            return
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
        bodies = self._render_as_editor("push_body", records)
        if bodies is None:
            return
        for record in records:
            partner = record[self.partner_field]
            record.message_notify(
                partner_ids=partner.ids,
                body=bodies[record.id],
                subject=self.name,
                model_description=self.model_id.name,
            )
