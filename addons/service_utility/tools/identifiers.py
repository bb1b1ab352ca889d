"""Supply point identifiers by kind (UTL-01): plain functions, no models.

``check_identifier(kind, value)`` returns the identifier in its compact form,
or raises ``ValueError`` with the reason (translated by the caller)."""

import re

from stdnum import ean
from stdnum.eu import eic

IDENTIFIER_KINDS = [
    ("it_pod", "Italian electricity POD"),
    ("it_pdr", "Italian gas PDR"),
    ("cz_ean", "Czech electricity EAN"),
    ("cz_eic", "Czech gas EIC"),
    ("free", "Free identifier"),
]

# IT + distributor (3 digits) + E + 8 digits, optionally a check character
IT_POD = re.compile(r"^IT\d{3}E\d{8}[A-Z0-9]?$")
IT_PDR = re.compile(r"^\d{14}$")
CZ_EAN = re.compile(r"^859182400\d{9}$")

# reasons, translated where they are shown


def compact(value):
    return re.sub(r"[\s.]", "", value or "").upper()


def check_identifier(kind, value):
    """The identifier ``value`` of a point of ``kind``, compacted; raises
    ValueError("format") or ValueError("check digit") when it is wrong."""
    number = compact(value) if kind != "free" else (value or "").strip()
    if not number:
        raise ValueError("format")
    if kind == "it_pod" and not IT_POD.match(number):
        raise ValueError("format")
    if kind == "it_pdr" and not IT_PDR.match(number):
        raise ValueError("format")
    if kind == "cz_ean":
        if not CZ_EAN.match(number):
            raise ValueError("format")
        if ean.calc_check_digit(number[:-1]) != number[-1]:
            raise ValueError("check digit")
    if kind == "cz_eic":
        number = eic.compact(number)
        if len(number) != 16:
            raise ValueError("format")
        if not eic.is_valid(number):
            raise ValueError("check digit")
    return number
