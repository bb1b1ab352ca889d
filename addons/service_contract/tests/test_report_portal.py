# covers: BAS-06, SRV-02, CON-01, CON-02, PRT-02
from urllib.parse import urlparse

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.service_base.tests.common import letters, pdf_text

from .common import ContractCase

REPORT = "service_contract.action_report_service_contract"


@tagged("post_install", "-at_install")
class TestContractReport(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard.product_tmpl_id.service_terms = (
            "<p>Guards are posted within forty-eight hours of signature.</p>"
        )
        cls.patrol.product_tmpl_id.service_terms = (
            "<p>Patrol visits missed by the company are not billed.</p>"
        )
        cls.customer.write({"street": "1 Quay Road", "city": "Jeddah"})
        cls.billing_contact = cls.env["res.partner"].create(
            {
                "name": "Harbour Accounts Desk",
                "parent_id": cls.customer.id,
                "type": "invoice",
                "street": "PO Box 77",
            }
        )
        cls.contract = cls._contract(
            partner_invoice_id=cls.billing_contact.id, notice_days=60
        )
        # a second line of the same service: its terms are printed only once
        cls.contract.line_ids = [
            Command.create(
                {"product_id": cls.patrol.id, "quantity": 1, "price_unit": 20}
            )
        ]

    def _render_pdf(self, contract):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=contract.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        return pdf

    def test_report_is_printable_from_the_contract(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.binding_model_id.model, "service.contract")
        self.assertEqual(report.binding_type, "report")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.contract}),
            f"Contract {self.contract.name}",
        )

    def test_contract_pdf_shows_terms_lines_and_amounts(self):
        """The PDF holds the contract's number, customer, invoice address,
        billing terms, every line with its amount per period, and the terms
        and conditions of each distinct service once, under its name."""
        text = pdf_text(self._render_pdf(self.contract))
        flat = " ".join(text.split())
        for expected in (
            self.contract.name,
            "Harbour Authority",
            "Harbour Accounts Desk",
            "PO Box 77",
            "Static guard",
            "Patrol visit",
            "Event guarding",
            "Monthly",
            "In advance",
            "Notice Period (days)",
            "Guards are posted within forty-eight hours of signature.",
            "Patrol visits missed by the company are not billed.",
        ):
            self.assertIn(expected, flat)
        # 100 + 60 + 100 + 20 (the added patrol line)
        self.assertEqual(self.contract.amount_period, 280.0)
        self.assertIn("280.00", flat)
        self.assertEqual(flat.count("Patrol visits missed by the company"), 1)
        # a service without terms gets no heading in the terms section
        terms = flat.split("Terms and Conditions", 1)[1]
        self.assertNotIn("Event guarding", terms)

    def test_contract_pdf_follows_the_customer_language_arabic(self):
        """An Arabic-speaking customer gets the terms in Arabic, laid out
        right to left."""
        self.env["res.lang"]._activate_lang("ar_001")
        self.customer.lang = "ar_001"
        arabic_terms = "يتم نشر الحراس خلال ثمان وأربعين ساعة"
        self.guard.product_tmpl_id.update_field_translations(
            "service_terms",
            {
                "ar_001": {
                    "Guards are posted within forty-eight hours of signature.": (
                        arabic_terms
                    )
                }
            },
        )
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(REPORT, self.contract.ids)[0].decode()
        self.assertIn('data-oe-lang="ar_001"', html)
        self.assertIn(arabic_terms, html)
        self.assertNotIn("forty-eight hours", html)
        bodies = report._prepare_html(html, report_model="service.contract")[0]
        # the page is right to left, with the mirrored (rtl) style sheets
        self.assertIn('dir="rtl"', bodies[0])
        self.assertIn("web.report_assets_common.rtl", bodies[0])

        text = pdf_text(self._render_pdf(self.contract))
        self.assertIn(self.contract.name, text)
        self.assertIn("Harbour Authority", text)
        # pdftotext gives Arabic in presentation forms, in bidi marks and
        # often glyph by glyph: compare the letters only
        self.assertIn(letters(arabic_terms), letters(text))


@tagged("post_install", "-at_install")
class TestContractPortalAccess(ContractCase):
    def test_portal_reads_contracts_and_lines_only(self):
        self.assertMatrix(
            {
                "service.contract": {"portal": "r", "service_user": "rwc"},
                "service.contract.line": {"portal": "r"},
                "service.contract.input": {"portal": ""},
                "service.formula": {"portal": ""},
                "service.billing.run": {"portal": ""},
            }
        )

    def test_portal_rule_hides_drafts_and_other_customers(self):
        portal = self.users["portal"]
        portal.partner_id.parent_id = self.customer  # a contact of the customer
        running = self._contract() | self._contract(state="ended")
        self._contract(state="draft")
        self._contract(state="waiting")
        other = self.env["res.partner"].create(
            {"name": "Other customer", "service_is_customer": True}
        )
        self._contract(partner=other)
        Contract = self.env["service.contract"].with_user(portal)
        self.assertEqual(Contract.search([]), running)
        self.assertEqual(
            self.env["service.contract.line"].with_user(portal).search([]),
            running.line_ids,
        )


@tagged("post_install", "-at_install")
class TestContractPortal(HttpCase):
    """A customer sees, on the portal, his own running or ended contracts,
    never drafts and never another customer's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Coral Bay Hotel",
                "email": "desk@coralbay.example.com",
                "service_is_customer": True,
            }
        )
        cls.other_customer = Partner.create(
            {"name": "Sand Dune Mall", "service_is_customer": True}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="coralbay",
            password="coralbay-Secret-2026",
            groups="base.group_portal",
            partner_id=cls.customer.id,
            name=cls.customer.name,
            email=cls.customer.email,
        )
        cls.service = cls.env["product.product"].create(
            {
                "name": "Night patrol",
                "type": "service",
                "list_price": 25,
                "service_fee_method": "per_unit",
                "service_terms": "<p>Patrols run from 22:00 to 06:00.</p>",
            }
        )
        cls.contract = cls._contract(cls.customer, "active")
        cls.draft = cls._contract(cls.customer, "draft")
        cls.other_contract = cls._contract(cls.other_customer, "active")

    @classmethod
    def _contract(cls, partner, state):
        return cls.env["service.contract"].create(
            {
                "partner_id": partner.id,
                "state": state,
                "billing_period": "monthly",
                "line_ids": [
                    Command.create(
                        {
                            "product_id": cls.service.id,
                            "quantity": 4,
                            "price_unit": 25,
                        }
                    )
                ],
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate("coralbay", "coralbay-Secret-2026")

    def assertRefused(self, url):
        response = self.url_open(url, allow_redirects=False)
        if response.is_redirect:
            self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        else:
            self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content)

    def test_portal_home_counts_running_contracts(self):
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/contracts", response.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["service_contract_count"]}
        )
        # the draft is not counted
        self.assertEqual(counters["service_contract_count"], 1)

    def test_portal_lists_own_active_contract_not_draft_nor_others(self):
        response = self.url_open("/my/contracts")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.contract.name, response.text)
        self.assertNotIn(self.draft.name, response.text)
        self.assertNotIn(self.other_contract.name, response.text)

    def test_portal_contract_page_shows_lines_amounts_and_state(self):
        response = self.url_open(f"/my/contracts/{self.contract.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn(self.contract.name, html)
        self.assertIn("Night patrol", html)
        self.assertIn("100.00", html)  # 4 x 25 per period
        self.assertIn("Active", html)
        self.assertIn("report_type=pdf", html)
        self.assertIn("download=true", html)

    def test_portal_refuses_draft_and_other_customers_contracts(self):
        self.assertRefused(f"/my/contracts/{self.draft.id}")
        self.assertRefused(f"/my/contracts/{self.other_contract.id}")
        self.assertRefused(
            f"/my/contracts/{self.other_contract.id}?access_token=not-the-token"
        )
        self.assertRefused(
            f"/my/contracts/{self.other_contract.id}"
            "?access_token=not-the-token&report_type=pdf&download=true"
        )
        # even the draft's own token does not show a draft to the customer
        self.assertRefused(self.draft.get_portal_url())

    def test_portal_user_reads_only_his_running_contracts(self):
        Contract = self.env["service.contract"].with_user(self.portal_user)
        self.assertEqual(Contract.search([]), self.contract)
        self.assertEqual(
            self.env["service.contract.line"].with_user(self.portal_user).search([]),
            self.contract.line_ids,
        )
        self.assertFalse(Contract.has_access("write"))

    def test_portal_downloads_own_contract_pdf(self):
        response = self.url_open(
            f"/my/contracts/{self.contract.id}?report_type=pdf&download=true"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment"), disposition)
        self.assertIn(self.contract.name.replace("/", "_"), disposition)
        # under tests Odoo serves the report's HTML instead of running
        # wkhtmltopdf inside a request; the PDF itself is proven above
        self.assertIn(self.contract.name, response.text)
