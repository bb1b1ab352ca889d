# covers: BAS-01, BAS-05, BAS-07, CON-04, CON-05, COL-03, COL-04, AGT-03, CAN-02,
# REQ-03, SRV-04, PRT-03
"""What the demo of scripts/run shows, read from the demo database itself
(built by ``build_demo_db``: every addon with its demo data, the five
languages). scripts/test runs this file on the demo it builds beside the
installation; by hand:

    scripts/run (build_demo_db) builds service_demo; then
    python3 -m pytest --odoo-database=service_demo --odoo-http ... \
        tests/test_demo_contents.py

On a database without the demo every test fails with that instruction
(never a skip: a skipped test proves nothing)."""

import base64
import shutil
import subprocess

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import file_open

DEMO_MISSING = (
    "run this file on the demo database of scripts/run (build_demo_db): "
    "service_suite's demo data is not in this database"
)


@tagged("post_install", "-at_install")
class TestDemoContents(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.italy = cls.env.ref("base.main_company")
        cls.czech = cls.env.ref("base.demo_company_cz", raise_if_not_found=False)
        cls.gulf = cls.env.ref("service_suite.company_gulf", raise_if_not_found=False)
        assert cls.gulf and cls.czech, DEMO_MISSING

    def _service_invoices(self, company):
        return self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("service_contract_id", "!=", False),
                ("state", "=", "posted"),
            ]
        )

    def test_italian_company_keeps_italian_books_in_euros(self):
        """BAS-01: the Italian company has the Italian chart, EUR, its
        province (Ancona = AN) and bills IVA 22 %."""
        self.assertEqual(self.italy.chart_template, "it")
        self.assertEqual(self.italy.currency_id.name, "EUR")
        self.assertEqual(self.italy.state_id.code, "AN")
        self.assertEqual(self.italy.account_sale_tax_id.amount, 22.0)
        invoices = self._service_invoices(self.italy)
        self.assertTrue(invoices, "the Italian contracts are billed")
        self.assertEqual(invoices.currency_id.name, "EUR")
        self.assertEqual(
            set(invoices.invoice_line_ids.tax_ids.mapped("amount")), {22.0}
        )
        for invoice in invoices:
            self.assertAlmostEqual(
                invoice.amount_tax,
                invoice.currency_id.round(invoice.amount_untaxed * 0.22),
                delta=0.05,
            )
        # no company of the demo is left in USD, and l10n_it's own demo
        # company does not stand beside ours
        companies = self.env["res.company"].search([])
        self.assertNotIn("USD", companies.currency_id.mapped("name"))
        self.assertNotIn(self.env.ref("base.demo_company_it"), companies)

    def test_formula_contract_is_billed_for_entered_inputs_and_held_without(self):
        """CON-03, CON-05: the port's formula line was billed for the months whose
        hours were entered; this month is held, naming the inputs."""
        porto = self.env.ref("service_suite.contract_porto")
        self.assertGreaterEqual(porto.invoice_count, 2)
        issues = self.env["service.billing.run.issue"].search(
            [("contract_id", "=", porto.id), ("kind", "=", "held")]
        )
        self.assertTrue(issues)
        self.assertIn("hours", issues[0].message)

    def test_czech_company_bills_in_crowns_with_czech_customers(self):
        """BAS-01, BAS-05: the Czech company (l10n_cz, CZK, DPH 21 %) bills
        its Czech-speaking customers."""
        self.assertEqual(self.czech.name, "Ostraha Morava s.r.o.")
        self.assertEqual(self.czech.chart_template, "cz")
        self.assertEqual(self.czech.currency_id.name, "CZK")
        invoices = self._service_invoices(self.czech)
        self.assertGreaterEqual(len(invoices), 3)
        self.assertEqual(invoices.currency_id.name, "CZK")
        self.assertEqual(
            set(invoices.invoice_line_ids.tax_ids.mapped("amount")), {21.0}
        )
        self.assertEqual(set(invoices.partner_id.mapped("lang")), {"cs_CZ"})

    def test_gulf_collector_has_invoices_cheques_and_a_round(self):
        """COL-03, COL-04: the Gulf company's books, open and paid invoices, cheques
        in every state and today's round of the collector's customers with
        open invoices."""
        self.assertEqual(self.gulf.currency_id.name, "SAR")
        self.assertTrue(self.gulf.chart_template)
        self.assertTrue(
            self.env["account.journal"].search_count(
                [("company_id", "=", self.gulf.id), ("type", "=", "sale")]
            )
        )
        invoices = self._service_invoices(self.gulf)
        self.assertGreaterEqual(len(invoices), 5)
        states = set(invoices.mapped("payment_state"))
        self.assertIn("not_paid", states)
        self.assertTrue(states & {"paid", "in_payment"}, states)
        self.assertEqual(
            set(invoices.invoice_line_ids.tax_ids.mapped("amount")), {15.0}
        )
        cheques = self.env["service.cheque"].search([("company_id", "=", self.gulf.id)])
        self.assertEqual(
            set(cheques.mapped("state")),
            {"received", "deposited", "cleared", "bounced"},
        )
        postdated = cheques.filtered(lambda c: c.state == "received")
        self.assertGreater(postdated.date_maturity, fields.Date.today())
        bounced = cheques.filtered(lambda c: c.state == "bounced")
        self.assertEqual(bounced.invoice_ids.payment_state, "not_paid")
        collector = self.env.ref("service_suite.user_collector")
        round_ = self.env["service.collection.round"].search(
            [("collector_id", "=", collector.id), ("state", "=", "draft")]
        )
        self.assertEqual(len(round_), 1)
        self.assertEqual(round_.company_id, self.gulf)
        self.assertEqual(
            round_.line_ids.partner_id,
            self.env.ref("service_suite.customer_mall")
            + self.env.ref("service_suite.customer_alharbi"),
        )
        self.assertGreater(round_.amount_expected, 0)
        # the collector reads his round over his own rights (COL-03)
        self.assertEqual(
            self.env["service.collection.round"]
            .with_user(collector)
            .search([("id", "=", round_.id)]),
            round_.with_user(collector),
        )

    def test_settlement_cancellation_and_requests_at_every_stage(self):
        """AGT-03, CAN-02, REQ-03: the agent's settlement of the month, a notice
        waiting for approval, requests in every stage."""
        settlement = self.env["service.commission.settlement"].search(
            [("agent_id", "=", self.env.ref("service_suite.agent_sara").id)]
        )
        self.assertEqual(settlement.state, "draft")
        self.assertGreater(settlement.amount_total, 0)
        cancellation = self.env.ref("service_suite.cancellation_alharbi")
        self.assertEqual(cancellation.state, "waiting")
        stages = self.env["service.request"].search([]).stage_id
        self.assertEqual(
            stages,
            self.env["service.request.stage"].search([]),
            "a request in every stage",
        )

    def test_whole_catalogue_is_published_in_the_shop(self):
        """SRV-04, PRT-03: every sellable service of the demo is published with its
        price and description, and /shop lists them."""
        services = self.env["product.template"].search(
            [("type", "=", "service"), ("service_category_id", "!=", False)]
        )
        self.assertGreaterEqual(len(services), 5)
        for service in services:
            self.assertTrue(service.is_published, service.name)
            self.assertTrue(service.description_sale, service.name)
            self.assertGreater(service.list_price, 0, service.name)
        for service in services:
            page = self.url_open(f"/shop?search={service.name}").text
            self.assertIn(service.name, page)
            self.assertIn("€", page, "the shop prices in the Italian company's euros")

    def test_website_and_invoices_show_the_company_logo_not_a_placeholder(self):
        """BAS-07, no "Your logo": the website shows the company's logo, and so does
        the Italian invoice PDF, with its 22 % tax."""
        website = self.env.ref("website.default_website")
        self.assertEqual(website.company_id, self.italy)
        with file_open(
            "service_suite/static/img/logo_vigilanza_adriatica.png", "rb"
        ) as logo:
            self.assertEqual(base64.b64decode(website.logo), logo.read())
        for company in (self.italy, self.czech, self.gulf):
            self.assertTrue(company.logo, company.name)
        home = self.url_open("/").text
        self.assertNotIn("Your logo", home)
        self.assertTrue(shutil.which("pdftotext"))
        invoice = self._service_invoices(self.italy)[:1]
        pdf, _ = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("account.account_invoices", invoice.ids)
        )
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        self.assertNotIn("Your logo", text)
        self.assertIn("Vigilanza Adriatica", text)
        self.assertRegex(text, r"Ancona AN\b", "the company's province")
        self.assertIn("22%", text.replace(" %", "%"))
        self.assertIn("€", text)
