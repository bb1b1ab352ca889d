# covers: BAS-06, CON-01, CON-04, PRT-02
"""Finished documents (issue 17): every suite PDF has the company's details
in its footer and its logo only when it has one (never Odoo's "Your logo"
placeholder); the contract has signature blocks; invoice lines print
localized date ranges and unit prices with the currency's decimals; Arabic
PDFs put the company block on the right and keep Latin fragments intact;
the portal shows a posted invoice, not a "Proforma Invoice", also before the
invoice-PDF job has rendered it (test_invoice_documents_job.py)."""

import base64
import re
import subprocess
import tempfile

from lxml import etree

from odoo.tests import HttpCase, tagged

from odoo.addons.service_base.tests.common import letters, pdf_text

from .common import ContractCase

CONTRACT_REPORT = "service_contract.action_report_service_contract"
INVOICE_REPORT = "account.account_invoices"
# a 1x1 PNG: a logo of the company's own
LOGO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1a3e1"
        "0000000049454e44ae426082"
    )
)


def pdf_words(pdf):
    """[(word, x min, page width)] of a PDF, as poppler's pdftotext -bbox
    places them."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        html = subprocess.run(
            ["pdftotext", "-bbox", "-enc", "UTF-8", file.name, "-"],
            capture_output=True,
            check=True,
        ).stdout
    root = etree.fromstring(html, etree.HTMLParser())
    width = float(root.xpath("//page")[0].get("width"))
    return [
        (word.text, float(word.get("xmin")), width) for word in root.xpath("//word")
    ]


@tagged("post_install", "-at_install")
class TestDocuments(ContractCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_a
        company.write(
            {
                "name": "Guardia Adriatica S.r.l.",
                "street": "Via del Porto 12",
                "zip": "60121",
                "city": "Ancona",
                "vat": "IT12345670017",
                "phone": "+39 071 555 0101",
                "email": "info@guardia.example.com",
                "report_footer": False,
            }
        )
        cls.env["res.partner.bank"].create(
            {
                "acc_number": "IT60X0542811101000000123456",
                "partner_id": company.partner_id.id,
                "allow_out_payment": True,
            }
        )
        cls.guard.name = "Static guard (monthly)"
        cls.customer.write({"name": "Porto di Ancona S.p.A.", "street": "Molo 1"})

    def _pdf(self, report, records):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, res_ids=records.ids)
        )
        self.assertEqual(report_type, "pdf")
        return pdf

    def test_contract_pdf_footer_logo_and_signature_blocks(self):
        contract = self._contract()
        self.assertTrue(self.company_a.uses_default_logo)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(CONTRACT_REPORT, contract.ids)[0]
            .decode()
        )
        self.assertNotIn("o_company_logo_small", html, "no placeholder logo")
        text = pdf_text(self._pdf(CONTRACT_REPORT, contract))
        self.assertNotIn("Your logo", text)
        for detail in (
            "Via del Porto 12",
            "IT12345670017",
            "+39 071 555 0101",
            "info@guardia.example.com",
        ):
            self.assertIn(detail, text)
        # the IBAN, however it is grouped for print (base_iban groups by four)
        self.assertIn("IT60X0542811101000000123456", text.replace(" ", ""))
        self.assertIn("For the customer", text)
        self.assertIn("For the company", text)
        self.assertIn("Name, date and signature", text)
        # a logo of its own is printed
        self.company_a.logo = LOGO
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(CONTRACT_REPORT, contract.ids)[0]
            .decode()
        )
        self.assertIn("o_company_logo_small", html)

    def test_arabic_pdf_company_block_right_latin_fragments_intact(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.customer.lang = "ar_001"
        contract = self._contract()
        pdf = self._pdf(CONTRACT_REPORT, contract)
        text = pdf_text(pdf)
        # Latin fragments keep their punctuation where it belongs
        self.assertIn("Static guard (monthly)", text)
        self.assertNotIn("(Static guard (monthly", text)
        self.assertIn("Porto di Ancona S.p.A.", text)
        self.assertNotIn(".Porto di Ancona S.p.A", text)
        # the company block of the header is on the right half of the page
        words = pdf_words(pdf)
        company_word = next(w for w in words if w[0] == "IT12345670017")
        self.assertGreater(company_word[1], company_word[2] / 2, company_word)
        # the first word on the page is the company's, then the document
        self.assertIn(
            letters("Guardia Adriatica S.r.l."), letters(text).split("CTR")[0]
        )

    def test_invoice_prints_currency_decimals_and_localized_period(self):
        bhd = self.env.ref("base.BHD")
        bhd.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": bhd.id, "rate": 0.4, "company_id": self.company_a.id}
        )
        contract = self._contract(
            months_ago=0,
            currency_id=bhd.id,
            line_ids=[
                (0, 0, {"product_id": self.guard.id, "quantity": 1, "price_unit": 12.5})
            ],
        )
        run = self._run(contract.date_start)
        self.assertFalse(run.issue_ids.mapped("message"))
        invoice = run.invoice_ids
        self.assertEqual(invoice.currency_id, bhd)
        line = invoice.invoice_line_ids
        # the period in the customer's date format, never ISO
        self.assertNotRegex(line.name, r"\d{4}-\d{2}-\d{2}")
        start = contract.date_start
        self.assertIn(start.strftime("%m/%d/%Y"), line.name)
        text = pdf_text(self._pdf(INVOICE_REPORT, invoice))
        # unit price, subtotal and total in BHD's 3 decimals
        self.assertIn("12.500", text)
        self.assertNotRegex(text, r"(?<![\d.])12\.50?(?!\d)")
        self.assertIn(start.strftime("%m/%d/%Y"), text)

    def test_portal_shows_the_posted_invoice_before_the_pdf_job(self):
        portal = self.users["portal"]
        portal.write({"login": "doc_portal", "password": "doc_portal"})
        portal.partner_id.parent_id = self.customer
        contract = self._contract(months_ago=0)
        self._inputs(contract, contract.date_start)
        run = self._run(contract.date_start)
        self.assertFalse(run.issue_ids.mapped("message"))
        invoice = run.invoice_ids
        self.assertEqual(invoice.state, "posted")
        # rendered after the run by the invoice-PDF job: not yet
        self.assertTrue(invoice.service_pdf_pending)
        self.assertFalse(invoice.invoice_pdf_report_id)
        self.authenticate("doc_portal", "doc_portal")
        page = self.url_open(
            f"/my/invoices/{invoice.id}?report_type=html&access_token="
            f"{invoice._portal_ensure_token()}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.name, page.text)
        self.assertNotIn("Proforma", page.text)
        self.assertFalse(re.search(r"Proforma Invoice", page.text))
        # the portal rendered the pending invoice's PDF on demand
        invoice.invalidate_recordset()
        self.assertTrue(invoice.invoice_pdf_report_id, "rendered by the portal")
        self.assertFalse(invoice.service_pdf_pending)
        self.assertEqual(
            invoice.message_main_attachment_id, invoice.invoice_pdf_report_id
        )
