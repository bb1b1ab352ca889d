# covers: BNK-01
"""Two collection orders can never take the same invoice, even gathered by
two workers at once: the first holds the invoices' rows (SKIP LOCKED), the
second takes none; once the first has committed, the invoices carry their
transaction and no later order takes them."""

import psycopg2.errors

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestTwoWorkersGatherInvoices(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            customer = env["res.partner"].create(
                {
                    "name": "Two workers debtor",
                    "is_company": True,
                    "service_payment_mode": "direct_debit",
                }
            )
            invoices = env["account.move"]
            for amount in (80, 90):
                invoices |= env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": customer.id,
                        "invoice_date": fields.Date.context_today(customer),
                        "invoice_line_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": "Guarding",
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [(5, 0, 0)],
                                },
                            )
                        ],
                    }
                )
            invoices.action_post()
            journal = env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
            )
            self.ids = {
                "customer": customer.id,
                "invoices": invoices.ids,
                "journal": journal.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            lines = env["service.debit.order.line"].search(
                [("partner_id", "=", self.ids["customer"])]
            )
            orders = lines.order_id
            cr.execute(
                "UPDATE account_move SET service_debit_line_id = NULL "
                "WHERE id = ANY(%s)",
                [self.ids["invoices"]],
            )
            lines.unlink()
            orders.unlink()
            invoices = env["account.move"].browse(self.ids["invoices"])
            invoices.button_draft()
            invoices.with_context(force_delete=True).unlink()
            env["res.partner"].browse(self.ids["customer"]).unlink()

    def _gather(self, cr):
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        order = env["service.debit.order"].create(
            {"journal_id": self.ids["journal"], "date_due_until": fields.Date.today()}
        )
        order.action_gather()
        return order.line_ids.invoice_ids.filtered(
            lambda move: move.id in self.ids["invoices"]
        )

    def test_second_worker_takes_nothing_while_the_first_holds_the_invoices(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            taken_a = self._gather(cr_a)
            self.assertEqual(sorted(taken_a.ids), sorted(self.ids["invoices"]))
            # worker B gathers while A has not committed: the rows are locked
            self.assertFalse(self._gather(cr_b))
            cr_b.commit()
            cr_a.commit()
        # a third order after both committed finds them taken
        with self.registry.cursor() as cr_c:
            self.assertFalse(self._gather(cr_c))
            cr_c.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            lines = (
                env["account.move"].browse(self.ids["invoices"]).service_debit_line_id
            )
            self.assertEqual(len(lines.order_id), 1)

    def test_worker_whose_snapshot_predates_the_commit_is_refused(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            # B's transaction begins (snapshot) before A commits
            cr_b.execute("SELECT 1 FROM account_move LIMIT 1")
            self._gather(cr_a)
            cr_a.commit()
            try:
                taken_b = self._gather(cr_b)
            except psycopg2.errors.SerializationFailure:
                # Odoo retries the request: the retry finds them taken
                taken_b = None
            cr_b.rollback()
        self.assertFalse(taken_b)
