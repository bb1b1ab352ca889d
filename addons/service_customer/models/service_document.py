# covers: CUS-05
import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class ServiceDocument(models.Model):
    """A document of a customer or of one of its contacts (ID card, licence,
    power of attorney), with its expiry date and reminders."""

    _name = "service.document"
    _description = "Customer Document"
    _inherit = ["service.audit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "expiry_date, id"
    _check_company_auto = True

    name = fields.Char("Title", required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    document_type_id = fields.Many2one(
        "service.document.type",
        string="Type",
        required=True,
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Holder",
        required=True,
        index=True,
        tracking=True,
        help="The customer, or the contact of a customer, the document belongs to.",
    )
    customer_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Reminded before the document expires.",
    )
    number = fields.Char("Document Number", tracking=True)
    issue_date = fields.Date(tracking=True)
    expiry_date = fields.Date(tracking=True, index=True)
    reminder_days = fields.Integer(
        "Remind Before (days)",
        compute="_compute_reminder_days",
        store=True,
        readonly=False,
    )
    reminded_for_date = fields.Date(
        "Reminder Sent For",
        readonly=True,
        copy=False,
        help="Expiry date the last reminder was sent for: one reminder per expiry.",
    )
    expiry_state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring soon"), ("expired", "Expired")],
        compute="_compute_expiry_state",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    note = fields.Text()

    @api.depends("document_type_id", "company_id")
    def _compute_reminder_days(self):
        for document in self:
            document.reminder_days = (
                document.document_type_id.reminder_days
                or (
                    document.company_id or self.env.company
                ).service_document_reminder_days
            )

    @api.depends("expiry_date", "reminder_days")
    def _compute_expiry_state(self):
        today = fields.Date.context_today(self)
        for document in self:
            if not document.expiry_date:
                document.expiry_state = "valid"
            elif document.expiry_date < today:
                document.expiry_state = "expired"
            elif document.expiry_date - timedelta(days=document.reminder_days) <= today:
                document.expiry_state = "expiring"
            else:
                document.expiry_state = "valid"

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        company = self.partner_id.commercial_partner_id.company_id
        if company:
            self.company_id = company

    @api.model
    def _cron_remind_expiring(self, batch_size=200):
        """Remind staff (activity) and the holder (notification template
        ``document_expiry``, e-mail by default) once per expiry date.

        Batches are locked with SKIP LOCKED and committed one by one in cron
        mode, so two workers share the work and a crash resumes where it
        stopped.
        """
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        fallback_template = self.env.ref(
            "service_customer.mail_template_document_expiry"
        )
        notifications = self.env["service.notification.template"]
        model_id = self.env["ir.model"]._get_id(self._name)
        total = 0
        self.flush_model()
        while True:
            self.env.cr.execute(
                """
                SELECT id FROM service_document
                 WHERE active
                   AND expiry_date IS NOT NULL
                   AND (reminded_for_date IS NULL OR reminded_for_date != expiry_date)
                   AND expiry_date - COALESCE(reminder_days, 0) <= %s
                 ORDER BY expiry_date, id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                [today, batch_size],
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                break
            documents = self.browse(ids)
            # one INSERT for the batch; no "activity assigned" e-mail per line,
            # the responsible users see them in their activity list
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": document.id,
                        "activity_type_id": activity_type.id,
                        "date_deadline": max(
                            today, document.expiry_date - timedelta(days=1)
                        ),
                        "summary": self.env._(
                            "%(document)s of %(holder)s expires on %(date)s",
                            document=document.name,
                            holder=document.partner_id.display_name,
                            date=document.expiry_date,
                        ),
                        "user_id": (document.user_id or self.env.user).id,
                    }
                    for document in documents
                ]
            )
            for company, group in documents.grouped("company_id").items():
                if notifications._get("document_expiry", company):
                    notifications._notify("document_expiry", group)
                else:
                    fallback_template.send_mail_batch(
                        group.filtered(lambda d: d.partner_id.email).ids
                    )
            self.env.cr.execute(
                "UPDATE service_document SET reminded_for_date = expiry_date "
                "WHERE id = ANY(%s)",
                [ids],
            )
            documents.invalidate_recordset(["reminded_for_date"])
            total += len(ids)
            if self.env.context.get("service_commit_batches"):
                # cron mode: keep each batch, so a crash resumes after it
                self.env["ir.cron"]._commit_progress(len(ids))
        _logger.info("Document expiry reminders sent for %s documents", total)
        return total
