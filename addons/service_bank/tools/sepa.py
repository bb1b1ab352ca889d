# covers: BNK-01
"""SEPA direct debit files (pain.008.001.02 and .08): the SEPA character set,
the XML built with lxml, and its validation against the ISO 20022 schemas
shipped by the ``sepaxml`` package (MIT), before anyone may download it."""

import functools
import os
import re
import unicodedata

from lxml import etree

# python-stdnum's IBAN data, readable under Odoo's import hook (service_customer)
from odoo.addons.service_customer.tools.identifiers import check_iban

PAIN_VERSIONS = [("02", "pain.008.001.02"), ("08", "pain.008.001.08")]

# the Latin subset every SEPA bank accepts (EPC guidelines, "SEPA character set")
_SEPA_ALLOWED = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")
_SPECIAL = {
    "ß": "ss",
    "Æ": "AE",
    "æ": "ae",
    "Ø": "O",
    "ø": "o",
    "Œ": "OE",
    "œ": "oe",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "&": "+",
    "_": "-",
    "\u2019": "'",
    "\u2018": "'",
}


def compact(number):
    return re.sub(r"\s", "", number or "").upper()


def iban_is_valid(number):
    return bool(number) and check_iban(compact(number))


def transliterate(text, allowed=_SEPA_ALLOWED):
    """``text`` in plain ASCII letters: accents dropped (é -> e), ß -> ss,
    anything outside ``allowed`` becomes a space; spaces collapsed."""
    text = "".join(_SPECIAL.get(char, char) for char in (text or ""))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = allowed.sub(" ", text)
    return re.sub(r" {2,}", " ", text).strip()


def sepa_text(text, length):
    """SEPA character set, cut at ``length`` characters."""
    return transliterate(text)[:length].strip()


def sepa_identifier(text, length=35):
    """An identifier (message, payment, end-to-end, mandate id): SEPA
    characters without spaces, never starting or ending with "/" nor holding
    "//" (EPC rule)."""
    value = transliterate(text).replace(" ", "")
    value = re.sub(r"/{2,}", "/", value).strip("/")
    return value[:length].strip("/")


@functools.cache
def _schema(version):
    import sepaxml  # noqa: PLC0415 - only needed to find the shipped schemas

    path = os.path.join(
        os.path.dirname(sepaxml.__file__), "schemas", f"pain.008.001.{version}.xsd"
    )
    with open(path, "rb") as handle:
        return etree.XMLSchema(etree.parse(handle))


def validate(xml_bytes, version):
    """``None`` when ``xml_bytes`` is valid for pain.008.001.<version>, else
    ``(element, reason)`` of the first error."""
    schema = _schema(version)
    document = etree.fromstring(xml_bytes)
    if schema.validate(document):
        return None
    error = schema.error_log.filter_from_errors()[0]
    message = error.message
    element = error.path or ""
    match = re.match(r"Element '(?:\{[^}]*\})?([^']+)'", message)
    if match:
        element = match.group(1)
    message = re.sub(r"\{[^}]*\}", "", message)
    return element, f"line {error.line}: {message}"


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _agent(parent, tag, bic, version):
    financial = _sub(_sub(parent, tag), "FinInstnId")
    if bic:
        _sub(financial, "BIC" if version == "02" else "BICFI", bic)
    else:
        _sub(_sub(financial, "Othr"), "Id", "NOTPROVIDED")


def build_pain008(header, batches, version):
    """The pain.008.001.<version> document as bytes.

    ``header``: message_id, created (datetime), initiating_party, creditor
    name, iban, bic, creditor_identifier. ``batches``: dicts with id,
    sequence_type, scheme, collection_date (date), transactions: dicts with
    end_to_end_id, amount (float), currency, mandate_reference,
    mandate_date, debtor_name, debtor_iban, debtor_bic, remittance,
    amendment (None or dict original_mandate_reference / smnda)."""
    namespace = f"urn:iso:std:iso:20022:tech:xsd:pain.008.001.{version}"
    root = etree.Element("Document", nsmap={None: namespace})
    initiation = _sub(root, "CstmrDrctDbtInitn")
    group = _sub(initiation, "GrpHdr")
    _sub(group, "MsgId", sepa_identifier(header["message_id"]))
    _sub(group, "CreDtTm", header["created"].strftime("%Y-%m-%dT%H:%M:%S"))
    all_transactions = [tx for batch in batches for tx in batch["transactions"]]
    _sub(group, "NbOfTxs", str(len(all_transactions)))
    _sub(group, "CtrlSum", _amount(sum(_cents(tx) for tx in all_transactions)))
    _sub(_sub(group, "InitgPty"), "Nm", sepa_text(header["initiating_party"], 70))
    for batch in batches:
        _payment_information(initiation, header, batch, version)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _cents(transaction):
    return round(transaction["amount"] * 100)


def _amount(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def _payment_information(parent, header, batch, version):
    payment = _sub(parent, "PmtInf")
    transactions = batch["transactions"]
    _sub(payment, "PmtInfId", sepa_identifier(batch["id"]))
    _sub(payment, "PmtMtd", "DD")
    _sub(payment, "BtchBookg", "true")
    _sub(payment, "NbOfTxs", str(len(transactions)))
    _sub(payment, "CtrlSum", _amount(sum(_cents(tx) for tx in transactions)))
    type_information = _sub(payment, "PmtTpInf")
    _sub(_sub(type_information, "SvcLvl"), "Cd", "SEPA")
    _sub(_sub(type_information, "LclInstrm"), "Cd", batch["scheme"])
    _sub(type_information, "SeqTp", batch["sequence_type"])
    _sub(payment, "ReqdColltnDt", batch["collection_date"].isoformat())
    _sub(_sub(payment, "Cdtr"), "Nm", sepa_text(header["creditor"], 70))
    _sub(_sub(_sub(payment, "CdtrAcct"), "Id"), "IBAN", header["iban"])
    _agent(payment, "CdtrAgt", header.get("bic"), version)
    _sub(payment, "ChrgBr", "SLEV")
    scheme_id = _sub(payment, "CdtrSchmeId")
    other = _sub(_sub(_sub(scheme_id, "Id"), "PrvtId"), "Othr")
    _sub(other, "Id", header["creditor_identifier"])
    _sub(_sub(other, "SchmeNm"), "Prtry", "SEPA")
    for transaction in transactions:
        _transaction(payment, transaction, version)


def _transaction(parent, transaction, version):
    element = _sub(parent, "DrctDbtTxInf")
    _sub(_sub(element, "PmtId"), "EndToEndId", transaction["end_to_end_id"])
    _sub(
        element,
        "InstdAmt",
        _amount(_cents(transaction)),
        Ccy=transaction.get("currency") or "EUR",
    )
    mandate = _sub(_sub(element, "DrctDbtTx"), "MndtRltdInf")
    _sub(mandate, "MndtId", transaction["mandate_reference"])
    _sub(mandate, "DtOfSgntr", transaction["mandate_date"].isoformat())
    amendment = transaction.get("amendment")
    _sub(mandate, "AmdmntInd", "true" if amendment else "false")
    if amendment:
        details = _sub(mandate, "AmdmntInfDtls")
        if amendment.get("original_mandate_reference"):
            _sub(details, "OrgnlMndtId", amendment["original_mandate_reference"])
        if amendment.get("smnda"):
            # debtor moved to another bank: "same mandate, new debtor account"
            account = _sub(_sub(details, "OrgnlDbtrAcct"), "Id")
            _sub(_sub(account, "Othr"), "Id", "SMNDA")
    _agent(element, "DbtrAgt", transaction.get("debtor_bic"), version)
    _sub(_sub(element, "Dbtr"), "Nm", sepa_text(transaction["debtor_name"], 70))
    _sub(_sub(_sub(element, "DbtrAcct"), "Id"), "IBAN", transaction["debtor_iban"])
    if transaction.get("remittance"):
        _sub(
            _sub(element, "RmtInf"),
            "Ustrd",
            sepa_text(transaction["remittance"], 140),
        )
