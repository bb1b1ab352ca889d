# covers: BAS-05
"""The demo of scripts/run is built in every language of the suite, English
active and the default, and each demo user and customer speaks his own
language (rossi Italian, the collector and the Gulf customers Arabic). The
build itself runs in scripts/test (build_demo_db); these checks read what it
loads, so they need no database."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "addons" / "service_suite" / "demo"
SUITE_LANGUAGES = ["en_US", "ar_001", "it_IT", "cs_CZ", "uk_UA"]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: these checks need no database."""
    yield


def build_demo_languages():
    body = (ROOT / "scripts" / "lib.sh").read_text()
    function = body[body.index("build_demo_db() {") :]
    match = re.search(r"--load-language=([\w,]+)", function)
    assert match, "build_demo_db loads no language"
    return match.group(1).split(",")


def demo_records(model):
    for path in sorted(DEMO.glob("*.xml")):
        for record in ET.parse(path).getroot().iter("record"):
            if record.get("model") == model:
                yield (
                    record.get("id"),
                    {field.get("name"): field for field in record.iter("field")},
                )


def test_demo_is_built_in_every_language_with_english_the_default():
    languages = build_demo_languages()
    # Odoo makes the first language loaded the database default (new
    # partners, the main company): English, not Arabic
    assert languages[0] == "en_US"
    assert sorted(languages) == sorted(SUITE_LANGUAGES)


def test_demo_activates_the_languages_before_giving_them_to_people():
    active = {
        xmlid
        for xmlid, fields in demo_records("res.lang")
        if fields["active"].get("eval") == "True"
    }
    assert active == {
        "base.lang_ar",
        "base.lang_it",
        "base.lang_cs_CZ",
        "base.lang_uk_UA",
    }


def test_each_demo_user_and_customer_has_his_own_language():
    languages = set(build_demo_languages())
    people = {
        xmlid: fields["lang"].text
        for model in ("res.users", "res.partner")
        for xmlid, fields in demo_records(model)
        if "lang" in fields
    }
    assert set(people.values()) <= languages
    assert people["customer_rossi"] == "it_IT"
    assert people["user_collector"] == "ar_001"
    assert people["customer_mall"] == "ar_001"
    assert people["customer_porto"] == "it_IT"
    assert people["customer_moravia"] == "cs_CZ"
    assert people["customer_kovalenko"] == "uk_UA"
    customers = {
        xmlid
        for xmlid, fields in demo_records("res.partner")
        if "service_is_customer" in fields
    }
    assert customers <= set(people), customers - set(people)


# One marker per language that the others lack: Arabic letters, Cyrillic,
# the Czech háček letters, Italian words; English is plain ASCII.
LANGUAGE_MARKERS = {
    "ar_001": re.compile(r"[\u0600-\u06ff]"),
    "uk_UA": re.compile(r"[\u0400-\u04ff]"),
    "cs_CZ": re.compile(r"[ěščřžůĚŠČŘŽŮ]"),
    "it_IT": re.compile(r"\b(il|di|la|per|con|da|solo|chiede)\b"),
    "en_US": re.compile(r"\b(the|of|from|per|plus)\b"),
}


def test_demo_chatter_is_in_each_records_language():
    """BAS-05: a demo note on a customer's file is written in the customer's
    language (never Arabic on an English record), and every customer with a
    language other than English has one."""
    languages = {
        xmlid: fields["lang"].text if "lang" in fields else "en_US"
        for xmlid, fields in demo_records("res.partner")
    }
    noted = set()
    for xmlid, fields in demo_records("mail.message"):
        record = fields["res_id"].get("ref")
        lang = languages[record]
        body = fields["body"].text
        assert LANGUAGE_MARKERS[lang].search(body), (xmlid, lang, body)
        for other, marker in LANGUAGE_MARKERS.items():
            if other != lang and other in ("ar_001", "uk_UA", "cs_CZ"):
                assert not marker.search(body), (xmlid, lang, other)
        noted.add(record)
    assert {
        "customer_porto",
        "customer_mall",
        "customer_moravia",
        "customer_kovalenko",
    } <= noted
    assert any(languages[record] == "en_US" for record in noted)
