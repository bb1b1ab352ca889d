# covers: CON-04, PRT-02
"""Invoice PDFs after the billing run (issue 17): a run only flags its posted
invoices and wakes the invoice-PDF job up (rendering them inside the run cost
more than the billing itself, see P-BILL in docs/benchmarks.md); the job
renders them in batches, once each, resumable, and two workers at once never
render the same invoice nor wait for each other. Until the job has run,
printing renders a pending invoice's PDF on demand: never a "Proforma
Invoice" for a posted invoice."""

import base64

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import ContractCase

JOB = "service_contract.ir_cron_service_invoice_documents"


@tagged("post_install", "-at_install")
class TestInvoiceDocumentsJob(ContractCase):
    def _billed(self, count):
        contracts = self.env["service.contract"]
        for __ in range(count):
            contract = self._contract(months_ago=0)
            self._inputs(contract, contract.date_start)
            contracts |= contract
        run = self._run(self.month_start)
        self.assertFalse(run.issue_ids.mapped("message"))
        self.assertEqual(len(run.invoice_ids), count)
        return run

    def test_run_queues_the_pdfs_and_wakes_the_job_up(self):
        job = self.env.ref(JOB)
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", job.id)])
        run = self._billed(2)
        invoices = run.invoice_ids
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        # the run renders nothing itself: the PDFs wait for the job
        self.assertTrue(all(invoices.mapped("service_pdf_pending")))
        self.assertFalse(invoices.invoice_pdf_report_id)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", job.id)]),
            triggers,
            "the job is woken up by the run",
        )

    def test_job_renders_each_invoice_once_in_batches(self):
        invoices = self._billed(3).invoice_ids
        Run = self.env["service.billing.run"].with_context(force_report_rendering=True)
        # batches of two: the job goes on until none is left
        self.assertEqual(Run._generate_pending_documents(batch_size=2), 3)
        invoices.invalidate_recordset()
        self.assertFalse(any(invoices.mapped("service_pdf_pending")))
        for invoice in invoices:
            attachment = invoice.invoice_pdf_report_id
            self.assertTrue(attachment, invoice.name)
            self.assertEqual(invoice.message_main_attachment_id, attachment)
            text = pdf_text(base64.b64decode(attachment.datas))
            self.assertIn(invoice.name, text)
            self.assertIn("Invoice", text)
            self.assertNotIn("Proforma", text)
        # idempotent: a second run of the job renders nothing
        attachments = self.env["ir.attachment"].search_count(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "in", invoices.ids),
                ("res_field", "=", "invoice_pdf_report_file"),
            ]
        )
        self.assertEqual(attachments, 3)
        self.assertEqual(Run._generate_pending_documents(), 0)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "account.move"),
                    ("res_id", "in", invoices.ids),
                    ("res_field", "=", "invoice_pdf_report_file"),
                ]
            ),
            3,
        )

    def test_job_queries_do_not_grow_with_the_invoices(self):
        """The job's own work per batch is a constant number of queries (one
        locked SELECT, one attachment read, one UPDATE), whatever the number
        of invoices; Odoo's rendering itself is not counted here."""
        invoices = self._billed(6).invoice_ids
        Run = self.env["service.billing.run"]
        Run._render_locked_documents(invoices)
        self.assertFalse(any(invoices.mapped("service_pdf_pending")))

        def job_queries(moves):
            # invoices already rendered: only the job's bookkeeping is left
            self.env.cr.execute(
                "UPDATE account_move SET service_pdf_pending = TRUE WHERE id = ANY(%s)",
                [moves.ids],
            )
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertEqual(Run._generate_pending_documents(batch_size=10), len(moves))
            return self.env.cr.sql_log_count - before

        self.assertEqual(job_queries(invoices[:2]), job_queries(invoices))

    def test_printing_a_pending_invoice_renders_the_invoice(self):
        invoice = self._billed(1).invoice_ids
        self.assertTrue(invoice.service_pdf_pending)
        action = invoice.with_user(self.users["supervisor"]).action_print_pdf()
        self.assertTrue(invoice.invoice_pdf_report_id)
        self.assertFalse(invoice.service_pdf_pending)
        self.assertFalse(action.get("context", {}).get("proforma_invoice"))


@tagged("post_install", "-at_install")
class TestInvoiceDocumentsTwoWorkers(BaseCase):
    """Two invoice-PDF jobs in two real transactions at the same moment."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            today = fields.Date.context_today(env["service.contract"])
            product = env["product.product"].create(
                {
                    "name": "PDF job service",
                    "type": "service",
                    "service_fee_method": "per_unit",
                    "list_price": 10,
                }
            )
            partner = env["res.partner"].create({"name": "PDF job customer"})
            contracts = env["service.contract"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": today.replace(day=1),
                        "state": "active",
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "product_id": product.id,
                                    "quantity": 1,
                                    "tax_ids": False,
                                },
                            )
                        ],
                    }
                    for __ in range(4)
                ]
            )
            env["service.billing.run"].create(
                {"date_until": today.replace(day=1)}
            )._run(contracts)
            self.ids = {
                "product": product.id,
                "partner": partner.id,
                "contracts": contracts.ids,
                "moves": env["account.move"]
                .search([("service_contract_id", "in", contracts.ids)], order="id")
                .ids,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            moves = env["account.move"].browse(self.ids["moves"]).exists()
            runs = moves.service_billing_run_id
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            env["service.contract"].browse(self.ids["contracts"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            runs.exists().unlink()

    def test_two_jobs_at_once_render_each_invoice_once(self):
        move_ids = self.ids["moves"]
        self.assertEqual(len(move_ids), 4)
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            # worker A holds the first two invoices (it is rendering them)
            cr_a.execute(
                "SELECT id FROM account_move WHERE id = ANY(%s) FOR UPDATE",
                [move_ids[:2]],
            )
            # worker B meanwhile: skips them, never waits, renders the others
            env_b["service.billing.run"]._generate_pending_documents()
            moves_b = env_b["account.move"].browse(move_ids)
            self.assertEqual(
                moves_b.mapped("service_pdf_pending"), [True, True, False, False]
            )
            self.assertFalse(moves_b[:2].invoice_pdf_report_id)
            cr_b.commit()
            cr_a.rollback()
        # the job's next run (resumed) renders the two left, and only them
        with self.registry.cursor() as cr_job:
            env = api.Environment(cr_job, api.SUPERUSER_ID, {})
            self.assertEqual(
                env["service.billing.run"]._generate_pending_documents(), 2
            )
            cr_job.commit()
            moves = env["account.move"].browse(move_ids)
            self.assertFalse(any(moves.mapped("service_pdf_pending")))
            counts = dict(
                env["ir.attachment"]._read_group(
                    [
                        ("res_model", "=", "account.move"),
                        ("res_id", "in", move_ids),
                        ("res_field", "=", "invoice_pdf_report_file"),
                    ],
                    ["res_id"],
                    ["__count"],
                )
            )
            self.assertEqual(counts, dict.fromkeys(move_ids, 1))
