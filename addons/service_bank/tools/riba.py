# covers: BNK-01
"""The Italian RiBa file (CBI "Ricevute bancarie" standard): 120-character
records ended by CR LF, ASCII only. Every field is transliterated and cut to
its width, so a long or accented name can never push a record past 120
characters (the bank rejects such a file)."""

import re

from .sepa import transliterate

RECORD_LENGTH = 120
_ASCII_ALLOWED = re.compile(r"[^A-Za-z0-9 /\-?:().,'+&%*$#@!;=]")


def ascii_text(value):
    return transliterate(str(value or ""), allowed=_ASCII_ALLOWED).upper()


def _left(value, width):
    return ascii_text(value)[:width].ljust(width)


def _number(value, width):
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) > width:
        raise ValueError(f"{value} does not fit in {width} digits")
    return digits.rjust(width, "0")


def _text(key, width):
    return ("text", key, width)


def _digits(key, width):
    return ("digits", key, width)


def _account(key, width):
    """Digits when the account number is all digits, else text."""
    return ("account", key, width)


def _blank(width):
    return ("literal", " " * width, width)


def _literal(text):
    return ("literal", text, len(text))


# The CBI RiBa records, field by field: (kind, value key or literal, width).
# Each record is its code (" IB", " 14", ...) and 117 characters of fields.
LAYOUTS = {
    "IB": [
        _text("sia", 5),
        _digits("abi", 5),
        _text("created", 6),
        _text("name", 20),
        _blank(74),
        _literal("E"),
        _blank(6),
    ],
    "14": [
        _digits("progressive", 7),
        _blank(12),
        _text("due_date", 6),
        _literal("30000"),
        _digits("amount_cents", 13),
        _literal("-"),
        _digits("abi", 5),
        _digits("cab", 5),
        _account("account", 12),
        _digits("debtor_abi", 5),
        _digits("debtor_cab", 5),
        _blank(12),
        _text("sia", 5),
        _literal("4"),
        _text("debtor_code", 16),
        _blank(6),
        _literal("E"),
    ],
    "20": [
        _digits("progressive", 7),
        _text("creditor_name", 24),
        _text("creditor_street", 24),
        _text("creditor_city_line", 24),
        _text("creditor_vat", 24),
        _blank(14),
    ],
    "30": [
        _digits("progressive", 7),
        _text("debtor_name", 60),
        _text("debtor_vat", 16),
        _blank(34),
    ],
    "40": [
        _digits("progressive", 7),
        _text("debtor_street", 30),
        _digits("debtor_zip", 5),
        _text("debtor_city_line", 25),
        _text("debtor_bank", 50),
    ],
    "50": [
        _digits("progressive", 7),
        _text("reference", 80),
        _blank(10),
        _text("creditor_vat", 16),
        _blank(4),
    ],
    "51": [
        _digits("progressive", 7),
        _digits("receipt_number", 10),
        _text("creditor_name", 20),
        _blank(80),
    ],
    "70": [_digits("progressive", 7), _blank(110)],
    "EF": [
        _text("sia", 5),
        _digits("abi", 5),
        _text("created", 6),
        _text("name", 20),
        _blank(6),
        _digits("receipt_count", 7),
        _digits("total_cents", 15),
        _literal("0" * 15),
        _digits("record_count", 7),
        _blank(24),
        _literal("E"),
        _blank(6),
    ],
}
RECEIPT_RECORDS = ("14", "20", "30", "40", "50", "51", "70")
RECORDS_PER_RECEIPT = len(RECEIPT_RECORDS)


def _field(kind, source, width, values):
    if kind == "literal":
        return source
    value = values[source]
    if kind == "digits" or (kind == "account" and str(value).isdigit()):
        return _number(value, width)
    return _left(value, width)


def _record(code, values):
    """One record of ``LAYOUTS[code]`` filled from ``values``: exactly 120
    characters and CR LF, or an error (a layout that does not add up)."""
    record = f" {code}" + "".join(
        _field(kind, source, width, values) for kind, source, width in LAYOUTS[code]
    )
    if len(record) != RECORD_LENGTH:
        raise ValueError(f"CBI record of {len(record)} characters: {record!r}")
    return record + "\r\n"


def italian_bank_codes(iban):
    """(ABI, CAB, account number) of an Italian IBAN."""
    iban = (iban or "").replace(" ", "").upper()
    if not iban.startswith("IT") or len(iban) != 27:
        return None
    return iban[5:10], iban[10:15], iban[15:27]


def build_riba(header, receipts):
    """The CBI RiBa file as bytes.

    ``header``: sia (5), abi, cab, account (creditor's), created (date),
    name (unique per day), creditor_name, creditor_street, creditor_zip,
    creditor_city, creditor_state, creditor_vat. ``receipts``: dicts with
    due_date (date), amount_cents (int), debtor_abi, debtor_cab,
    debtor_code, debtor_name, debtor_vat, debtor_street, debtor_zip,
    debtor_city, debtor_state, debtor_bank, reference (text of the debt)."""
    common = {
        **header,
        "created": header["created"].strftime("%d%m%y"),
        "creditor_city_line": "{} {} {}".format(
            ascii_text(header["creditor_zip"])[:5],
            ascii_text(header["creditor_city"])[:15],
            ascii_text(header["creditor_state"])[:2],
        ),
    }
    lines = [_record("IB", common)]
    total = 0
    for index, receipt in enumerate(receipts, start=1):
        total += receipt["amount_cents"]
        values = {
            **common,
            **receipt,
            "progressive": index,
            "receipt_number": index,
            "due_date": receipt["due_date"].strftime("%d%m%y"),
            "debtor_city_line": "{} {}".format(
                ascii_text(receipt["debtor_city"])[:22],
                ascii_text(receipt["debtor_state"])[:2],
            ),
        }
        lines += [_record(code, values) for code in RECEIPT_RECORDS]
    trailer = {
        **common,
        "receipt_count": len(receipts),
        "total_cents": total,
        "record_count": len(receipts) * RECORDS_PER_RECEIPT + 2,
    }
    lines.append(_record("EF", trailer))
    return "".join(lines).encode("ascii")
