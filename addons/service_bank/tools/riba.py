# covers: BNK-01
"""The Italian RiBa file (CBI "Ricevute bancarie" standard): 120-character
records ended by CR LF, ASCII only. Every field is transliterated and cut to
its width, so a long or accented name can never push a record past 120
characters (the bank rejects such a file)."""

import re

from .sepa import transliterate

RECORD_LENGTH = 120
RECORDS_PER_RECEIPT = 7
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


def _record(*parts):
    record = "".join(parts)
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
    created = header["created"].strftime("%d%m%y")
    sia = _left(header["sia"], 5)
    abi = _number(header["abi"], 5)
    name = _left(header["name"], 20)
    lines = [
        _record(" IB", sia, abi, created, name, " " * 65, " " * 7, "  ", "E", " " * 6)
    ]
    total = 0
    for index, receipt in enumerate(receipts, start=1):
        progressive = _number(index, 7)
        total += receipt["amount_cents"]
        lines.append(
            _record(
                " 14",
                progressive,
                " " * 12,
                receipt["due_date"].strftime("%d%m%y"),
                "30000",
                _number(receipt["amount_cents"], 13),
                "-",
                abi,
                _number(header["cab"], 5),
                _number(header["account"], 12)
                if header["account"].isdigit()
                else _left(header["account"], 12),
                _number(receipt["debtor_abi"], 5),
                _number(receipt["debtor_cab"], 5),
                " " * 12,
                sia,
                "4",
                _left(receipt["debtor_code"], 16),
                " ",
                " " * 5,
                "E",
            )
        )
        city_line = "{} {} {}".format(
            ascii_text(header["creditor_zip"])[:5],
            ascii_text(header["creditor_city"])[:15],
            ascii_text(header["creditor_state"])[:2],
        )
        lines.append(
            _record(
                " 20",
                progressive,
                _left(header["creditor_name"], 24),
                _left(header["creditor_street"], 24),
                _left(city_line, 24),
                _left(header["creditor_vat"], 24),
                " " * 14,
            )
        )
        lines.append(
            _record(
                " 30",
                progressive,
                _left(receipt["debtor_name"], 60),
                _left(receipt["debtor_vat"], 16),
                " " * 34,
            )
        )
        debtor_city = "{} {}".format(
            ascii_text(receipt["debtor_city"])[:22],
            ascii_text(receipt["debtor_state"])[:2],
        )
        lines.append(
            _record(
                " 40",
                progressive,
                _left(receipt["debtor_street"], 30),
                _number(receipt["debtor_zip"], 5),
                _left(debtor_city, 25),
                _left(receipt["debtor_bank"], 50),
            )
        )
        lines.append(
            _record(
                " 50",
                progressive,
                _left(receipt["reference"], 80),
                " " * 10,
                _left(header["creditor_vat"], 16),
                " " * 4,
            )
        )
        lines.append(
            _record(
                " 51",
                progressive,
                _number(index, 10),
                _left(header["creditor_name"], 20),
                " " * 80,
            )
        )
        lines.append(_record(" 70", progressive, " " * 110))
    lines.append(
        _record(
            " EF",
            sia,
            abi,
            created,
            name,
            " " * 6,
            _number(len(receipts), 7),
            _number(total, 15),
            "0" * 15,
            _number(len(receipts) * RECORDS_PER_RECEIPT + 2, 7),
            " " * 24,
            "E",
            " " * 6,
        )
    )
    return "".join(lines).encode("ascii")
