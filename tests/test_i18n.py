"""Translations: the shared glossary and each addon's .pot/.po files."""

import ast
import csv
import re
from collections import Counter
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "i18n" / "glossary.csv"

# A printf conversion, named or not; "%%" is dropped first. No space flag, so
# "50% di" is text, not the conversion "% d".
PRINTF = re.compile(r"%(?:\([\w.]+\))?[-#0+]?(?:\d+|\*)?(?:\.\d+)?[sdifrxXeEgGc]")
# Inline-template expressions ({{ object.name }}), compared without their string
# literals, which translators may translate, and with spaces squeezed.
INLINE_TEMPLATE = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.DOTALL)
STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
# str.format fields: {}, {0}, {name}, {name.attr}, {name!r:>10}.
FORMAT_FIELD = re.compile(r"\{(?:\d+|[A-Za-z_][\w.]*)?(?:![rsa])?(?::[^{}]*)?\}")


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: these checks need no Odoo database."""
    yield


def glossary_rows():
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        return next(reader), list(reader)


def languages():
    """The glossary's translation columns: adding a column adds a language."""
    header, _rows = glossary_rows()
    return header[1:-1]


def installable_addons():
    names = []
    for manifest in sorted(ROOT.glob("addons/*/__manifest__.py")):
        if ast.literal_eval(manifest.read_text()).get("installable", True):
            names.append(manifest.parent.name)
    return names


def placeholders(text):
    """Multiset of the placeholders in text, in a comparable spelling."""
    found = Counter()
    for expr in INLINE_TEMPLATE.findall(text):
        code = STRING_LITERAL.sub("''", expr)
        found["{{" + " ".join(code.split()) + "}}"] += 1
    text = INLINE_TEMPLATE.sub("", text).replace("%%", "")
    found.update(PRINTF.findall(text))
    text = text.replace("{{", "").replace("}}", "")
    found.update(FORMAT_FIELD.findall(text))
    return found


def live_entries(po):
    return [entry for entry in po if not entry.obsolete]


def key(entry):
    return (entry.msgctxt, entry.msgid)


def test_glossary_columns():
    """The glossary has term_en, one column per language, then note."""
    header, _rows = glossary_rows()
    assert header[0] == "term_en"
    assert header[-1] == "note"
    assert set(header[1:-1]) >= {"ar", "it", "cs", "uk"}


def test_glossary_has_no_empty_cell():
    """Every term has a translation in every language and a note."""
    header, rows = glossary_rows()
    assert len(rows) >= 40, "the glossary covers the suite's key terms"
    for number, row in enumerate(rows, start=2):
        assert len(row) == len(header), f"line {number}: {row}"
        for column, cell in zip(header, row, strict=True):
            assert cell.strip(), f"line {number}: empty {column}"
            assert cell == cell.strip(), f"line {number}: spaces around {column}"


def test_glossary_has_no_duplicate_term():
    """Each English term appears once (case-insensitively)."""
    _header, rows = glossary_rows()
    counts = Counter(row[0].casefold() for row in rows)
    assert not [term for term, n in counts.items() if n > 1]


def test_placeholder_extraction():
    """The placeholder matcher sees what Python and QWeb would substitute."""
    text = "%s of %(count)d for {name}, {0} and {{ object.name }} at 50% off, 5%%"
    assert placeholders(text) == Counter(
        ["%s", "%(count)d", "{name}", "{0}", "{{object.name}}"]
    )
    # A literal inside an expression may be translated, the code around it not.
    source = placeholders("{{ object.name or 'n/a' }}")
    assert placeholders("{{ object.name or 'n/d' }}") == source
    assert placeholders("{{ object.nome or 'n/a' }}") != source


@pytest.mark.parametrize("addon", installable_addons())
def test_addon_ships_translation_files(addon):
    """An installable addon ships i18n/<addon>.pot and a .po per language."""
    i18n = ROOT / "addons" / addon / "i18n"
    expected = [f"{addon}.pot"] + [f"{lang}.po" for lang in languages()]
    missing = [name for name in expected if not (i18n / name).is_file()]
    assert not missing, f"{addon}/i18n lacks {missing}"


def po_cases():
    return [(addon, lang) for addon in installable_addons() for lang in languages()]


def load(addon, lang):
    """(pot, po) of addon, failing the test when either is missing or invalid."""
    i18n = ROOT / "addons" / addon / "i18n"
    pot_path, po_path = i18n / f"{addon}.pot", i18n / f"{lang}.po"
    assert pot_path.is_file(), f"{pot_path.relative_to(ROOT)} is missing"
    assert po_path.is_file(), f"{po_path.relative_to(ROOT)} is missing"
    return polib.pofile(str(pot_path)), polib.pofile(str(po_path))


@pytest.mark.parametrize(("addon", "lang"), po_cases())
def test_po_language_header(addon, lang):
    """The .po parses and declares its language (ar, or a variant like ar_001)."""
    _pot, po = load(addon, lang)
    declared = po.metadata.get("Language", "")
    assert declared == lang or declared.startswith(lang + "_"), declared


@pytest.mark.parametrize(("addon", "lang"), po_cases())
def test_po_matches_pot(addon, lang):
    """The .po has every msgid of the .pot and none that the .pot lacks."""
    pot, po = load(addon, lang)
    template = {key(entry) for entry in live_entries(pot)}
    translated = {key(entry) for entry in live_entries(po)}
    assert not template - translated, f"missing in {lang}.po"
    assert not translated - template, f"not in {addon}.pot"


@pytest.mark.parametrize(("addon", "lang"), po_cases())
def test_po_keeps_placeholders(addon, lang):
    """A non-empty translation keeps the placeholders of its English text."""
    _pot, po = load(addon, lang)
    wrong = []
    for entry in live_entries(po):
        if entry.msgid_plural:
            # Some plural forms legitimately drop the number ("one item"):
            # they may only use placeholders of the English forms.
            allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
            for text in filter(None, entry.msgstr_plural.values()):
                if not set(placeholders(text)) <= set(allowed):
                    wrong.append((entry.msgid, text))
        elif entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, "\n".join(f"{src!r} -> {dst!r}" for src, dst in wrong)


# The plural rule each language's .po must declare (GNU gettext's).
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "it": "nplurals=2; plural=(n != 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
    "&& (n%100<10 || n%100>=20) ? 1 : 2);",
}
# The same English words naming different things in two addons (issue 17):
# a contract's cancellation (notice) and a receipt's cancellation.
HOMONYMS = {"Cancellation Requests"}


def squeeze(text):
    return " ".join(text.split())


@pytest.mark.parametrize(("addon", "lang"), po_cases())
def test_po_plural_header_matches_the_language(addon, lang):
    """Each .po declares its language's plural rule, so that numbers take the
    right noun form (issue 17)."""
    _pot, po = load(addon, lang)
    declared = squeeze(po.metadata.get("Plural-Forms", ""))
    assert declared == squeeze(PLURAL_FORMS[lang]), declared


@pytest.mark.parametrize("lang", sorted(PLURAL_FORMS))
def test_same_english_same_translation_in_every_addon(lang):
    """One English term, one translation per language across the suite's
    addons: no "credit note", "journal entry" or "draft" translated two ways
    (issue 17). Words naming different things are listed in HOMONYMS."""
    seen = {}
    for addon in installable_addons():
        po_path = ROOT / "addons" / addon / "i18n" / f"{lang}.po"
        if not po_path.is_file():
            continue
        for entry in live_entries(polib.pofile(str(po_path))):
            if entry.msgstr and not entry.msgid_plural:
                seen.setdefault(entry.msgid, {})[addon] = entry.msgstr
    different = {
        msgid: by_addon
        for msgid, by_addon in seen.items()
        if len(set(by_addon.values())) > 1 and msgid not in HOMONYMS
    }
    assert not different, "\n".join(f"{k!r}: {v}" for k, v in different.items())


def glossary_form(lang, text):
    """A translation as compared with the glossary: case-insensitive, and
    in Arabic with or without the definite article."""
    text = text.casefold().strip()
    if lang == "ar" and text.startswith("ال"):
        text = text[2:]
    return text


@pytest.mark.parametrize("lang", sorted(PLURAL_FORMS))
def test_glossary_terms_are_used(lang):
    """A text that is exactly a glossary term is translated as the glossary
    says, in every addon (credit note, journal entry, principal, churn...)."""
    header, rows = glossary_rows()
    column = header.index(lang)
    glossary = {row[0].casefold(): row[column] for row in rows}
    wrong = []
    for addon in installable_addons():
        po_path = ROOT / "addons" / addon / "i18n" / f"{lang}.po"
        if not po_path.is_file():
            continue
        for entry in live_entries(polib.pofile(str(po_path))):
            expected = glossary.get(entry.msgid.casefold())
            if (
                expected
                and entry.msgstr
                and (glossary_form(lang, entry.msgstr) != glossary_form(lang, expected))
            ):
                wrong.append((addon, entry.msgid, entry.msgstr, expected))
    assert not wrong, "\n".join(map(repr, wrong))


def test_glossary_has_the_accounting_and_statistics_terms():
    """The glossary names the terms staff meet in accounting and statistics
    (issue 17)."""
    _header, rows = glossary_rows()
    terms = {row[0].casefold() for row in rows}
    for term in (
        "credit note",
        "journal entry",
        "principal",
        "cheque deposit",
        "retained",
        "churn",
    ):
        assert term in terms, term


def test_customer_texts_use_one_formal_voice():
    """Customer texts address the customer formally, in one voice: Italian
    Lei (no tu/tuo), Arabic plural (عقودكم, not عقودك) (issue 17)."""
    informal = {
        "it": re.compile(r"\b(tuo|tua|tuoi|tue|puoi|hai bisogno)\b", re.IGNORECASE),
        "ar": re.compile(r"(عقودك|طلباتك|حسابك|فواتيرك)(?!م)"),
    }
    wrong = []
    for lang, pattern in informal.items():
        for addon in installable_addons():
            po_path = ROOT / "addons" / addon / "i18n" / f"{lang}.po"
            if not po_path.is_file():
                continue
            for entry in live_entries(polib.pofile(str(po_path))):
                customer_text = any(
                    "portal" in path or "mail_template" in path or "controllers" in path
                    for path, _line in entry.occurrences
                )
                if customer_text and pattern.search(entry.msgstr):
                    wrong.append((addon, lang, entry.msgid, entry.msgstr))
    assert not wrong, "\n".join(map(repr, wrong))


def test_czech_cheque_deposit_is_not_odoo_save():
    """The Czech cheque action is not "Uložit", Odoo's Save on the same form,
    and Ukrainian "Discard" does not read as "Reject" (issue 17)."""
    collection = polib.pofile(str(ROOT / "addons/service_collection/i18n/cs.po"))
    deposit = collection.find("Deposit")
    assert deposit and deposit.msgstr not in ("Uložit", "")
    for addon in installable_addons():
        po_path = ROOT / "addons" / addon / "i18n" / "uk.po"
        entry = (
            polib.pofile(str(po_path)).find("Discard") if po_path.is_file() else None
        )
        if entry:
            assert entry.msgstr == "Відмінити", (addon, entry.msgstr)
