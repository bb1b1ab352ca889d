# covers: BAS-09
"""Amounts in words in the document's language: English, Arabic, Italian,
Czech (num2words calls it 'cz': Odoo's own helper falls back to English)
and Ukrainian, with the currency's units and cents."""

from odoo.tests import TransactionCase

from odoo.addons.service_base.tools.amount_words import amount_to_words


class TestAmountWords(TransactionCase):
    def test_amounts_in_words_in_five_languages(self):
        eur = self.env.ref("base.EUR")
        expected = {
            "en_US": "one thousand, two hundred and thirty-four",
            "ar_001": "ألف و مئتان و أربعة و ثلاثون",
            "it_IT": "milleduecentotrentaquattro",
            "cs_CZ": "tisíc dvěstě třicet čtyři",
            "uk_UA": "одна тисяча двісті тридцять чотири",
        }
        cents = {
            "en_US": "and fifty-six",
            "ar_001": "ستة و خمسون",
            "it_IT": "e cinquantasei",
            "cs_CZ": "a padesát šest",
            "uk_UA": "та п'ятдесят шість",
        }
        for lang, words in expected.items():
            text = amount_to_words(self.env, 1234.56, eur, lang)
            if lang == "uk_UA":
                self.assertNotIn("i", text.replace(eur.currency_unit_label, ""))
            self.assertIn(words, text, lang)
            self.assertIn(cents[lang], text, lang)

    def test_whole_amount_has_no_cents(self):
        eur = self.env.ref("base.EUR")
        self.assertEqual(
            amount_to_words(self.env, 20, eur, "en_US"),
            f"twenty {eur.currency_unit_label}",
        )

    def test_negative_amount_keeps_its_sign(self):
        eur = self.env.ref("base.EUR")
        self.assertTrue(
            amount_to_words(self.env, -5, eur, "it_IT").startswith("-cinque")
        )
