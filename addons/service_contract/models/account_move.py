# covers: CON-04
from odoo import fields, models
from odoo.tools import SQL, create_index

from odoo.addons.service_base.models.service_protected_fields_mixin import (
    internal_switch_active,
)
from odoo.addons.service_base.tools.context import BILLING_CONTEXT

# cr.cache entry: next-sequence formats already read in this transaction
SEQUENCE_FORMATS = "service_contract.sequence_formats"


class AccountMove(models.Model):
    _inherit = "account.move"

    service_contract_id = fields.Many2one(
        "service.contract",
        string="Contract",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )

    def action_view_service_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.contract",
            "res_id": self.service_contract_id.id,
            "view_mode": "form",
        }

    service_billing_run_id = fields.Many2one(
        "service.billing.run",
        string="Billing Run",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )

    # covers: CON-04 (issue 17): posted by a billing run, its PDF not rendered
    # yet; the invoice-PDF job renders it after the run
    service_pdf_pending = fields.Boolean(
        "PDF Pending",
        copy=False,
        readonly=True,
        help="Posted by a billing run; its PDF is rendered by the invoice-PDF "
        "job after the run, or when it is first printed or opened in the portal.",
    )

    def init(self):
        result = super().init()
        # the job reads only the few pending invoices among all of them
        create_index(
            self.env.cr,
            "account_move_service_pdf_pending_idx",
            self._table,
            ["id"],
            where="service_pdf_pending",
        )
        return result

    def _service_render_pending_pdf(self):
        """Render now the PDF of these invoices that still wait for the
        invoice-PDF job (portal, printing): the invoice itself is shown, never
        a "Proforma Invoice". An invoice the job is rendering at this moment
        (row locked) is skipped, not waited for."""
        pending = self.filtered("service_pdf_pending")
        if not pending:
            return
        self.flush_recordset(["service_pdf_pending"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_move WHERE id = ANY(%s) "
                "AND service_pdf_pending AND state = 'posted' "
                "FOR UPDATE SKIP LOCKED",
                pending.ids,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            self.env["service.billing.run"].sudo()._render_locked_documents(
                self.browse(ids).sudo()
            )

    def action_print_pdf(self):
        self._service_render_pending_pdf()
        return super().action_print_pdf()

    def _get_next_sequence_format(self):
        """Read each invoice-number format once per billing run, not three
        times per invoice.

        Posting asks for the next number's format once to number an invoice
        and twice more to flag sequence gaps; each ask costs two queries.
        While a billing run posts, every invoice of the same journal, date,
        type and payment kind gets the same format, and once Odoo has locked
        that format's sequence in this transaction (the sequence cache holds
        it) the number itself comes from that cache, not from the format's
        ``seq``. So the format is reused only while the sequence cache holds
        it: a rollback or a renumbering, which clear that cache, make the next
        invoice read the format again. (Drafts ask too, when created; their
        answer does not change the gap flags, and the format is the same.)"""
        if not internal_switch_active(BILLING_CONTEXT):
            return super()._get_next_sequence_format()
        journal = self.journal_id
        key = (
            journal.id,
            self.date,
            self.move_type,
            bool(self.origin_payment_id),
            self.commercial_partner_id.id if journal.is_self_billing else None,
        )
        formats = self.env.cr.cache.setdefault(SEQUENCE_FORMATS, {})
        sequence_cache = self._get_sequence_cache()
        if key in formats:
            format_string, format_values = formats[key]
            cache_key = (
                format_string.format(**format_values, seq=0),
                self._sequence_index and self[self._sequence_index],
            )
            if cache_key in sequence_cache:
                return format_string, dict(format_values, seq=sequence_cache[cache_key])
        format_string, format_values = super()._get_next_sequence_format()
        formats[key] = (
            format_string,
            {name: value for name, value in format_values.items() if name != "seq"},
        )
        return format_string, format_values

    def _service_ensure_portal_tokens(self):
        """Give the invoices of a portal list page without a portal token
        one, in one UPDATE (issue 15). Odoo gives each its token as the page
        links it (``_portal_ensure_token``): one ``write`` per invoice, and an
        invoice write re-checks its lines and balance, about ten queries each
        the first time a customer's page lists them. The token is a technical
        field: the invoices are not modified for anyone else."""
        missing = self.sudo().filtered(lambda move: not move.access_token)
        if not missing:
            return
        self.env.cr.execute(
            """
            UPDATE account_move SET access_token = gen_random_uuid()::text
             WHERE id = ANY(%s) AND access_token IS NULL
            """,
            [missing.ids],
        )
        missing.invalidate_recordset(["access_token"])
