# covers: REQ-03, BAS-08, API-01
"""Stage alerts render their template with the rights of the template's
author, never as superuser: a Services manager's SMS template cannot read
what the manager cannot read (issue 16)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import RequestCase

SECRET_BODY = (
    "Code {{ object.env['ir.config_parameter'].sudo().get_param('database.secret') }}"
)


@tagged("post_install", "-at_install")
class TestStageAlertRendering(RequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        saudi = cls.env.ref("base.sa")
        cls.env["service.sms.gateway"].create(
            {
                "name": "KSA test double",
                "company_id": cls.company_a.id,
                "country_ids": [(6, 0, saudi.ids)],
            }
        )
        cls.customer.write({"phone": "+966 50 123 4567", "country_id": saudi.id})
        cls.stage_progress.alert_notification_code = "request_in_progress"
        cls.manager = cls.users["manager"]
        cls.editor_group = cls.env.ref("mail.group_mail_template_editor")
        cls.secret = cls.env["ir.config_parameter"].get_param("database.secret")

    def _template_values(self, body):
        return {
            "name": "Request in progress",
            "code": "request_in_progress",
            "company_id": self.company_a.id,
            "model_id": self.env["ir.model"]._get_id("service.request"),
            "partner_field": "partner_id",
            "channel": "sms",
            "sms_body": body,
        }

    def _sms_of(self, request):
        return self.env["service.sms.message"].search(
            [("res_model", "=", "service.request"), ("res_id", "=", request.id)]
        )

    def test_manager_cannot_save_a_template_reading_system_parameters(self):
        self.assertFalse(self.manager.has_group("mail.group_mail_template_editor"))
        Template = self.env["service.notification.template"].with_user(self.manager)
        with self.assertRaises(AccessError) as refused:
            Template.create(self._template_values(SECRET_BODY))
        self.assertIn("Mail Template Editor", str(refused.exception))
        self.assertFalse(
            self.env["service.notification.template"].search(
                [("code", "=", "request_in_progress")]
            )
        )
        legitimate = Template.create(
            self._template_values("Request {{ object.name }} is in progress.")
        )
        with self.assertRaises(AccessError) as refused:
            legitimate.sms_body = SECRET_BODY
        self.assertIn("Mail Template Editor", str(refused.exception))
        self.assertEqual(
            legitimate.sms_body, "Request {{ object.name }} is in progress."
        )
        # who the texts render as is not the caller's to choose
        legitimate.write(
            {"render_user_id": self.env.ref("base.user_admin").id, "name": "Alert"}
        )
        self.assertEqual(legitimate.render_user_id, self.manager)

    def test_stage_alert_renders_with_the_author_rights_not_as_superuser(self):
        # the manager wrote it while he was a Mail Template Editor, and has
        # since lost that right (or "Restrict Template Rendering" was turned on)
        self.manager.group_ids += self.editor_group
        template = (
            self.env["service.notification.template"]
            .with_user(self.manager)
            .create(self._template_values(SECRET_BODY))
        )
        self.manager.group_ids -= self.editor_group
        request = self._request()

        request.with_user(self.manager).stage_id = self.stage_progress

        self.assertEqual(request.stage_id, self.stage_progress)
        self.assertFalse(self._sms_of(request))
        self.assertFalse(
            self.env["service.sms.message"].search([("body", "like", self.secret)])
        )
        self.assertIn("may not render it", template.message_ids[:1].body.striptags())

    def test_legitimate_templates_still_render_on_stage_change(self):
        template = (
            self.env["service.notification.template"]
            .with_user(self.manager)
            .create(self._template_values("Request {{ object.name }} is in progress."))
        )
        request = self._request()

        request.with_user(self.manager).stage_id = self.stage_progress

        sms = self._sms_of(request)
        self.assertEqual(sms.template_id, template)
        self.assertEqual(sms.body, f"Request {request.name} is in progress.")
        self.assertEqual(sms.number, "+966501234567")
        # an administrator (a Mail Template Editor) may write expressions
        template.with_user(
            self.env.ref("base.user_admin")
        ).sms_body = "{{ object.name.lower() }} in progress"
        second = self._request()
        second.with_user(self.manager).stage_id = self.stage_progress
        self.assertEqual(
            self._sms_of(second).body, f"{second.name.lower()} in progress"
        )

    def test_translations_are_checked_and_render_as_their_translator(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        admin = self.env.ref("base.user_admin")
        template = (
            self.env["service.notification.template"]
            .with_user(admin)
            .create(self._template_values("Request {{ object.name }} is in progress."))
        )
        self.assertEqual(template.render_user_id, admin)
        as_manager = template.with_user(self.manager)
        with self.assertRaises(AccessError) as refused:
            as_manager._update_field_translations("sms_body", {"fr_FR": SECRET_BODY})
        self.assertIn("Mail Template Editor", str(refused.exception))
        as_manager._update_field_translations(
            "sms_body", {"fr_FR": "Demande {{ object.name }} en cours."}
        )
        self.assertEqual(template.render_user_id, self.manager)
        self.assertEqual(
            template.with_context(lang="fr_FR").sms_body,
            "Demande {{ object.name }} en cours.",
        )
