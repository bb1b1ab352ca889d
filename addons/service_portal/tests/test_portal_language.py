# covers: BAS-05, PRT-02
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPortalLanguage(HttpCase):
    """The portal customer (the demo's ``rossi``) lands on his portal in his
    own language, Italian, whatever the database's default (English): the
    page, its menu and his contracts list are Italian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("it_IT")
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "website", "service_contract"], ["it_IT"], overwrite=True
        )
        cls.env["website"].search([]).language_ids |= cls.env.ref("base.lang_it")
        cls.rossi = cls.env["res.users"].create(
            {
                "name": "Mario Rossi",
                "login": "rossi_lang",
                "password": "rossi_lang",
                "lang": "it_IT",
                "group_ids": [(6, 0, [cls.env.ref("base.group_portal").id])],
            }
        )
        product = cls.env["product.product"].create(
            {
                "name": "Vigilanza notturna",
                "type": "service",
                "list_price": 80.0,
                "service_fee_method": "fixed",
                "service_sale_contract": "confirm",
            }
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.rossi.partner_id.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        order.action_confirm()
        cls.contract = order.service_contract_ids

    def test_rossi_lands_on_his_portal_in_italian(self):
        self.assertEqual(self.env.ref("base.lang_en").active, True)
        self.authenticate("rossi_lang", "rossi_lang")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('lang="it-IT"', home.text)
        self.assertIn("Il mio account", home.text)  # Odoo's own menu
        self.assertIn("contratti", home.text)  # the suite's contracts entry
        self.assertNotIn("Your Contracts", home.text)
        contracts = self.url_open("/my/contracts")
        self.assertEqual(contracts.status_code, 200)
        self.assertIn('lang="it-IT"', contracts.text)
        self.assertIn(self.contract.name, contracts.text)
        self.assertIn("Attivo", contracts.text)

    def test_rossi_signing_in_from_an_english_page_lands_in_italian(self):
        """Signed in from the login page in English (its cookie), he is
        taken to his portal in Italian."""
        self.opener.cookies.set("frontend_lang", "en_US")
        login_page = self.url_open("/web/login")
        csrf = login_page.text.split('name="csrf_token" value="', 1)[1].split('"')[0]
        response = self.url_open(
            "/web/login",
            data={
                "login": "rossi_lang",
                "password": "rossi_lang",
                "csrf_token": csrf,
                "redirect": "",
            },
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(
            response.headers["Location"].endswith("/it/my"),
            response.headers["Location"],
        )
        page = self.url_open(response.headers["Location"])
        self.assertIn('lang="it-IT"', page.text)
        self.assertIn("Il mio account", page.text)
