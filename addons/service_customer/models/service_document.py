# covers: CUS-05
import logging
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.service_base.models.service_job_slice import COMMIT_SLICES
from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch,
)

_logger = logging.getLogger(__name__)

REMINDER_JOB = "service_customer.document_expiry"


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

        Each company's documents to remind are planned in slices of
        ``batch_size`` (``service.job.slice``) that this job and the batch job
        workers of every node take with SKIP LOCKED; in cron mode each slice
        is committed as it ends, so a crash resumes where it stopped. Within
        a slice the documents are locked with SKIP LOCKED too, and
        ``reminded_for_date`` is the last guard: a document is reminded once
        per expiry date (issue 15).
        """
        # covers: CUS-05
        today = fields.Date.context_today(self)
        Slice = self.env["service.job.slice"]
        switches = (
            (COMMIT_SLICES,) if self.env.context.get("service_commit_batches") else ()
        )
        total = 0
        with internal_switch(*switches):
            for company in self.env["res.company"].search([("active", "=", True)]):
                total += Slice._plan_and_work(
                    REMINDER_JOB,
                    self._name,
                    company,
                    fields.Date.to_string(today),
                    self._ids_to_remind(today, company),
                    size=batch_size,
                )
        _logger.info("Document expiry reminders sent for %s documents", total)
        return total

    @api.model
    def _ids_to_remind(self, today, company, id_range=None):
        """Documents of ``company`` whose reminder is due and not sent for
        their expiry date; within ``id_range``, locked SKIP LOCKED."""
        self.flush_model()
        query = """
            SELECT id FROM service_document
             WHERE company_id = %(company)s
               AND active
               AND expiry_date IS NOT NULL
               AND (reminded_for_date IS NULL OR reminded_for_date != expiry_date)
               AND expiry_date - COALESCE(reminder_days, 0) <= %(today)s
        """
        if id_range:
            query += " AND id BETWEEN %(first)s AND %(last)s"
            query += " ORDER BY id FOR UPDATE SKIP LOCKED"
        else:
            query += " ORDER BY id"
        self.env.cr.execute(
            query,
            {
                "today": today,
                "company": company.id,
                "first": id_range and id_range[0],
                "last": id_range and id_range[1],
            },
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _service_job_slice_run(self, slice_):
        """A slice of the expiry reminders (see ``_cron_remind_expiring``)."""
        today = fields.Date.to_date(slice_.run_key)
        ids = self._ids_to_remind(
            today, slice_.company_id, (slice_.res_id_from, slice_.res_id_to)
        )
        if ids:
            self.browse(ids)._remind_expiring(today)
        return len(ids)

    def _remind_expiring(self, today):
        """Remind these documents (locked by the caller) and mark them."""
        if not self:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        fallback_template = self.env.ref(
            "service_customer.mail_template_document_expiry"
        )
        notifications = self.env["service.notification.template"]
        model_id = self.env["ir.model"]._get_id(self._name)
        # one INSERT for the batch; no "activity assigned" e-mail per line,
        # the responsible users see them in their activity list
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
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
                for document in self
            ]
        )
        for company, group in self.grouped("company_id").items():
            if notifications._get("document_expiry", company):
                notifications._notify("document_expiry", group)
            else:
                fallback_template.send_mail_batch(
                    group.filtered(lambda d: d.partner_id.email).ids
                )
        self.env.cr.execute(
            "UPDATE service_document SET reminded_for_date = expiry_date "
            "WHERE id = ANY(%s)",
            [self.ids],
        )
        self.invalidate_recordset(["reminded_for_date"])
