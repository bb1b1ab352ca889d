# covers: BAS-05
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestJournalCodes(TransactionCase):
    """A chart of accounts installed by a user working in Arabic or Italian
    keeps plain ASCII journal codes: they prefix every document number."""

    def _company_with_chart(self, lang, name):
        self.env["res.lang"]._activate_lang(lang)
        company = self.env["res.company"].create(
            {"name": name, "currency_id": self.env.ref("base.EUR").id}
        )
        # Odoo translates journal codes into the company's language
        company.partner_id.lang = lang
        self.env["account.chart.template"].with_context(lang=lang).try_loading(
            "generic_coa", company, install_demo=False
        )
        return self.env["account.journal"].search([("company_id", "=", company.id)])

    def test_chart_installed_in_arabic_keeps_english_journal_codes(self):
        journals = self._company_with_chart("ar_001", "Gulf Guards W.L.L.")
        sales = journals.filtered(lambda j: j.type == "sale")
        self.assertEqual(sales.code, "INV")
        self.assertTrue(
            all(code.isascii() for code in journals.mapped("code")),
            journals.mapped("code"),
        )
        # the names stay in the user's language
        self.assertNotEqual(sales.with_context(lang="ar_001").name, "Sales")

    def test_invoice_number_of_an_italian_installed_chart_is_ascii(self):
        journals = self._company_with_chart("it_IT", "Vigilanza Adriatica S.r.l.")
        sales = journals.filtered(lambda j: j.type == "sale")
        partner = self.env["res.partner"].create({"name": "Cliente", "lang": "it_IT"})
        move = (
            self.env["account.move"]
            .with_company(sales.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "journal_id": sales.id,
                    "invoice_line_ids": [
                        (0, 0, {"name": "Vigilanza", "quantity": 1, "price_unit": 10})
                    ],
                }
            )
        )
        move.action_post()
        self.assertTrue(move.name.startswith("INV/"), move.name)
