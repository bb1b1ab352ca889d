"""Amounts in words in the document's language (BAS-09).

num2words names some languages differently from Odoo (Czech is ``cz`` in
num2words, ``cs`` in Odoo): Odoo's own ``res.currency.amount_to_text``
falls back to English for Czech, this helper does not.
"""

# covers: BAS-09
import logging

try:
    from num2words import CONVERTER_CLASSES, num2words
except ImportError:  # pragma: no cover - num2words is an Odoo requirement
    CONVERTER_CLASSES, num2words = {}, None

_logger = logging.getLogger(__name__)

# Odoo language code (or its prefix) -> num2words language
NUM2WORDS_LANGS = {"cs": "cz", "cs_CZ": "cz", "uk_UA": "uk", "ar_001": "ar"}
# "units and cents" in each num2words language (English for the others)
CONJUNCTIONS = {"en": "and", "ar": "و", "it": "e", "cz": "a", "uk": "та"}


def num2words_lang(lang_code):
    """The num2words language for an Odoo language code (``en`` if none)."""
    code = lang_code or "en_US"
    for candidate in (code, code.split("_")[0]):
        candidate = NUM2WORDS_LANGS.get(candidate, candidate)
        if candidate in CONVERTER_CLASSES:
            return candidate
    return "en"


def number_to_words(number, lang_code):
    """A whole number in words in ``lang_code`` (an Odoo language code)."""
    if num2words is None:
        _logger.warning("num2words is missing: amounts in words are empty.")
        return ""
    lang = num2words_lang(lang_code)
    words = num2words(int(number), lang=lang)
    if lang == "uk":
        # num2words up to 0.5.12 writes a Latin "i" inside Ukrainian words
        words = words.replace("i", "і")
    # num2words leaves double spaces in some languages (Arabic)
    return " ".join(words.split())


def amount_to_words(env, amount, currency, lang_code=None):
    """``amount`` of ``currency`` in words in ``lang_code`` (default: the
    environment's language): units and subunits with the currency's labels
    translated into that language, e.g. "one hundred twenty-three Euros and
    forty-five Cents"."""
    lang_code = lang_code or env.lang or "en_US"
    if env["res.lang"]._get_data(code=lang_code).active:
        # the currency's unit labels in that language, when it is installed
        currency = currency.with_context(lang=lang_code)
    sign, amount = ("-" if amount < 0 else ""), abs(amount)
    integral, _sep, fractional = f"{amount:.{currency.decimal_places}f}".partition(".")
    units = number_to_words(int(integral), lang_code)
    cents = int(fractional or 0)
    unit = currency.currency_unit_label or currency.name
    if not cents:
        text = f"{units} {unit}"
    else:
        subunit = currency.currency_subunit_label or ""
        conjunction = CONJUNCTIONS.get(num2words_lang(lang_code), "and")
        cents_words = number_to_words(cents, lang_code)
        text = f"{units} {unit} {conjunction} {cents_words} {subunit}"
    return f"{sign}{text}".strip()
