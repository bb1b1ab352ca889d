# covers: BNK-02
"""CAMT.053 (statements) and CAMT.054 (debit/credit notifications) of any
version, read by local names. A batch entry (one booking for many
transactions, e.g. a direct-debit order credited at once) is split into its
transactions when the bank gives their details."""

import hashlib
import re
from datetime import date

from lxml import etree


class CamtError(ValueError):
    pass


def _local(element):
    return etree.QName(element).localname


def _children(element, *path):
    nodes = [element]
    for name in path:
        nodes = [child for node in nodes for child in node if _local(child) == name]
    return nodes


def _text(element, *path):
    nodes = _children(element, *path)
    return (nodes[0].text or "").strip() if nodes else ""


def _amount(element, *path):
    value = _text(element, *path)
    return float(value) if value else 0.0


def _date(element, *path):
    value = _text(element, *path, "Dt") or _text(element, *path, "DtTm")[:10]
    return date.fromisoformat(value) if value else None


def parse(data):
    """A list of statements: dicts with id, iban, currency, date, balance_start,
    balance_end, lines (dicts with unique_id, date, amount, currency,
    payment_ref, end_to_end_id, creditor_reference, partner_name,
    account_number, return_reason)."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as error:
        raise CamtError(f"not a CAMT file (XML error: {error})") from error
    namespace = etree.QName(root).namespace or ""
    match = re.search(r"camt\.(05[234])\.", namespace)
    if not match:
        raise CamtError(
            f"not a CAMT.053 or CAMT.054 file (its namespace is {namespace!r})"
        )
    message = root[0] if len(root) else None
    if message is None:
        raise CamtError("the CAMT file is empty")
    statements = []
    for statement in [
        node for node in message if _local(node) in ("Stmt", "Ntfctn", "Rpt")
    ]:
        statements.append(_statement(statement, match.group(1)))
    if not statements:
        raise CamtError("the CAMT file holds no statement")
    return statements


def _balance(statement, codes):
    for balance in _children(statement, "Bal"):
        if _text(balance, "Tp", "CdOrPrtry", "Cd") in codes:
            amount = _amount(balance, "Amt")
            if _text(balance, "CdtDbtInd") == "DBIT":
                amount = -amount
            return amount
    return None


def _statement(statement, kind):
    iban = _text(statement, "Acct", "Id", "IBAN") or _text(
        statement, "Acct", "Id", "Othr", "Id"
    )
    identifier = _text(statement, "Id")
    result = {
        "id": identifier,
        "kind": kind,
        "iban": iban.replace(" ", "").upper(),
        "currency": _text(statement, "Acct", "Ccy"),
        "date": None,
        "balance_start": _balance(statement, ("OPBD", "PRCD")),
        "balance_end": _balance(statement, ("CLBD",)),
        "lines": [],
    }
    created = _text(statement, "CreDtTm")[:10]
    result["date"] = date.fromisoformat(created) if created else None
    for entry_index, entry in enumerate(_children(statement, "Ntry")):
        result["lines"].extend(_entry_lines(identifier, iban, entry_index, entry))
    if not result["currency"] and result["lines"]:
        result["currency"] = result["lines"][0]["currency"]
    return result


def _entry_lines(statement_id, iban, entry_index, entry):
    sign = -1 if _text(entry, "CdtDbtInd") == "DBIT" else 1
    entry_amount = _amount(entry, "Amt")
    currency = _children(entry, "Amt")[0].get("Ccy") if _children(entry, "Amt") else ""
    booked = _date(entry, "BookgDt") or _date(entry, "ValDt")
    entry_ref = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
    details = _children(entry, "NtryDtls", "TxDtls")
    entry_info = _text(entry, "AddtlNtryInf")
    lines = []
    for index, transaction in enumerate(details or [entry]):
        amount = entry_amount
        if details and len(details) > 1:
            amount = _amount(transaction, "AmtDtls", "TxAmt", "Amt") or _amount(
                transaction, "Amt"
            )
        tx_sign = sign
        indicator = _text(transaction, "CdtDbtInd")
        if details and indicator:
            tx_sign = -1 if indicator == "DBIT" else 1
        counterparty = "Dbtr" if tx_sign > 0 else "Cdtr"
        name = _text(transaction, "RltdPties", counterparty, "Nm") or _text(
            transaction, "RltdPties", counterparty, "Pty", "Nm"
        )
        account = _text(transaction, "RltdPties", f"{counterparty}Acct", "Id", "IBAN")
        end_to_end = _text(transaction, "Refs", "EndToEndId")
        if end_to_end == "NOTPROVIDED":
            end_to_end = ""
        unstructured = " ".join(
            (node.text or "").strip()
            for node in _children(transaction, "RmtInf", "Ustrd")
        )
        creditor_reference = _text(transaction, "RmtInf", "Strd", "CdtrRefInf", "Ref")
        tx_ref = _text(transaction, "Refs", "AcctSvcrRef") or _text(
            transaction, "Refs", "TxId"
        )
        key = "|".join(
            [
                statement_id,
                entry_ref or str(entry_index),
                tx_ref or end_to_end or str(index),
                str(index),
            ]
        )
        unique_id = (
            f"{iban}-{hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()}"
        )
        lines.append(
            {
                "unique_id": unique_id,
                "date": booked,
                "amount": tx_sign * amount,
                "currency": currency,
                "payment_ref": (
                    unstructured or creditor_reference or entry_info or end_to_end
                )
                or "/",
                "end_to_end_id": end_to_end,
                "creditor_reference": creditor_reference,
                "partner_name": name,
                "account_number": account.replace(" ", "").upper(),
                "return_reason": _text(transaction, "RtrInf", "Rsn", "Cd"),
            }
        )
    return lines
