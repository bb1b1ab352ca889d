# covers: BNK-01
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import posting


class ServiceCollectionOrderMixin(models.AbstractModel):
    """What a direct-debit order and a RiBa order share: a bank journal,
    a draft that gathers open items under row locks (two orders never take
    the same item), a bank file built, checked and kept on export, and one
    entry that moves the collected receivables to an account in transit.
    A collection order provides ``_gather_rows`` (the locked rows to
    collect), ``_create_lines``, ``_build_file`` and its ``line_ids``."""

    _name = "service.collection.order.mixin"
    _description = "Collection Order"
    _inherit = ["service.audit.mixin", "mail.thread", "service.numbering.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # covers: BNK-01, API-01
    _service_protected_fields = ("state", "file", "move_id", "exported_date")
    _service_transitions = {
        "action_gather": "account.group_account_invoice",
        "action_export": "account.group_account_invoice",
        "action_cancel": "account.group_account_invoice",
    }

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    journal_id = fields.Many2one(
        "account.journal",
        "Bank Journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
        tracking=True,
    )
    amount_total = fields.Monetary(compute="_compute_amount_total")
    file = fields.Binary("Bank File", readonly=True, attachment=True, copy=False)
    filename = fields.Char(compute="_compute_filename")
    exported_date = fields.Datetime(readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move", "Journal Entry", readonly=True, copy=False, check_company=True
    )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        groups = {
            order.id: amount
            for order, amount in self.env[
                self._fields["line_ids"].comodel_name
            ]._read_group([("order_id", "in", self.ids)], ["order_id"], ["amount:sum"])
        }
        for order in self:
            order.amount_total = groups.get(order.id, 0.0)

    def action_gather(self):
        """Take the open items due by the date that no other order holds.
        Row locks (SKIP LOCKED) and each item's single link to a line keep
        two orders, even on two workers at once, from taking the same one."""
        self._service_check_transition("action_gather", ("draft",))
        for order in self:
            if order.line_ids:
                raise UserError(
                    self.env._(
                        "%(order)s already holds lines; cancel it and make a new "
                        "order to gather again.",
                        order=order.name,
                    )
                )
            rows = order._gather_rows()
            if rows:
                order._create_lines(rows)
        return True

    def action_export(self):
        """Build the bank file, check it and keep it; the lines are sent."""
        self._service_check_transition("action_export", ("draft",))
        for order in self:
            content = order._build_file()
            order._service_write_protected(
                {
                    "file": base64.b64encode(content),
                    "state": "exported",
                    "exported_date": fields.Datetime.now(),
                }
            )
            order.line_ids._service_write_protected({"state": "sent"})
            order._after_export()
        return True

    def action_download(self):
        self.ensure_one()
        if not self.file:
            raise UserError(
                self.env._(
                    "%(order)s has no file yet: export it first.", order=self.name
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.filename}"
            "?download=true",
            "target": "self",
        }

    def _after_export(self):
        """Hook: what else an export marks (e.g. the mandates used)."""

    def _entry_journal(self):
        return self.env["account.journal"].search(
            [("company_id", "=", self.company_id.id), ("type", "=", "general")],
            limit=1,
        )

    def _lock_rows(self, query, params, models_to_flush):
        """Rows of ``query`` (ending in FOR UPDATE ... SKIP LOCKED)."""
        for model in models_to_flush:
            self.env[model].flush_model()
        self.env.cr.execute(query, params)
        return self.env.cr.fetchall()

    def _link_items(self, model, column, item_ids_by_line):
        """Point the gathered items of ``model`` at their line: one UPDATE
        per line, inside the row locks taken by ``_lock_rows``."""
        Items = self.env[model]
        for line_id, item_ids in item_ids_by_line.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s WHERE id = ANY(%s)",
                    SQL.identifier(Items._table),
                    SQL.identifier(column),
                    line_id,
                    list(item_ids),
                )
            )
        Items.invalidate_model([column])

    def _post_lines(self, lines, date, ref, transit_account, items, state):
        """One entry: each line's receivables (``items``: their move lines,
        in the order of ``lines``) to ``transit_account``, reconciled in one
        batch; the lines take ``state`` and their two journal items."""
        self.ensure_one()
        move, pairs = posting.post_collection(
            self.env,
            self._entry_journal(),
            date,
            ref,
            transit_account,
            [
                (line._collection_label(), line.partner_id, line.amount, receivables)
                for line, receivables in zip(lines, items, strict=True)
            ],
        )
        for line, (transit_line, receivable_line) in zip(lines, pairs, strict=True):
            line._service_write_protected(
                {
                    "state": state,
                    "transit_line_id": transit_line.id,
                    "receivable_line_id": receivable_line.id,
                }
            )
        return move


class ServiceCollectionOrderLineMixin(models.AbstractModel):
    """What a direct-debit transaction and a RiBa receipt share: the
    customer, the amount, and the two items of the order's entry."""

    _name = "service.collection.order.line.mixin"
    _description = "Collection Order Line"
    _inherit = ["service.audit.mixin"]
    _check_company_auto = True
    # covers: BNK-01, API-01
    _service_protected_fields = (
        "state",
        "order_id",
        "amount",
        "partner_id",
        "transit_line_id",
        "receivable_line_id",
    )

    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True, index=True)
    amount = fields.Monetary(readonly=True)
    transit_line_id = fields.Many2one("account.move.line", readonly=True)
    receivable_line_id = fields.Many2one("account.move.line", readonly=True)

    def _collection_label(self):
        """The label of the line's items in the order's entry: the
        reference the bank reports back."""
        raise NotImplementedError
