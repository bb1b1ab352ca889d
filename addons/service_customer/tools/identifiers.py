# covers: CUS-01
"""National identifiers by country, validated with python-stdnum.

Each country lists the identifiers accepted as "National ID / Fiscal Code":
persons and companies often use different numbers (an Italian person has a
codice fiscale, a company a partita IVA that doubles as fiscal code).
"""

import importlib.machinery

from stdnum import luhn
from stdnum.cz import dic as cz_dic
from stdnum.cz import rc as cz_rc
from stdnum.eg import tn as eg_tn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale as it_cf
from stdnum.it import iva as it_iva
from stdnum.ua import edrpou as ua_edrpou
from stdnum.ua import rntrc as ua_rntrc


def _gulf_id(prefixes, length):
    """Saudi national/iqama IDs and Emirates IDs: fixed length, known leading
    digits, Luhn check digit (stdnum.luhn)."""

    def validate(number):
        number = "".join(ch for ch in number if ch.isdigit())
        if len(number) != length or not number.startswith(prefixes):
            raise StdnumError()
        return luhn.validate(number)

    return validate


# country code -> [(description of the expected format, validator)]
NATIONAL_ID_RULES = {
    "IT": [
        ("codice fiscale, 16 characters (e.g. RSSMRA85T10A562S)", it_cf.validate),
        ("partita IVA, 11 digits (e.g. 00743110157)", it_iva.validate),
    ],
    "CZ": [
        ("rodné číslo, 9-10 digits (e.g. 710319/2745)", cz_rc.validate),
        ("DIČ / IČO, 8-10 digits (e.g. 25123891)", cz_dic.validate),
    ],
    "UA": [
        ("РНОКПП (individual tax number), 10 digits", ua_rntrc.validate),
        ("ЄДРПОУ (company code), 8 digits (e.g. 32855961)", ua_edrpou.validate),
    ],
    "EG": [("tax registration number, 9 digits", eg_tn.validate)],
    "SA": [
        (
            "national ID or iqama, 10 digits starting with 1 or 2",
            _gulf_id(("1", "2"), 10),
        )
    ],
    "AE": [("Emirates ID, 15 digits starting with 784", _gulf_id(("784",), 15))],
}


def compact(number):
    return "".join(ch for ch in (number or "") if ch.isalnum()).upper()


def check_national_id(number, country_code):
    """Return (valid, expected formats) for a national ID in a country.

    Countries without a rule accept any value: we refuse only what we can
    prove wrong.
    """
    rules = NATIONAL_ID_RULES.get(country_code or "")
    if not rules:
        return True, []
    for _description, validator in rules:
        try:
            validator(number)
        except StdnumError:
            continue
        return True, []
    return False, [description for description, _validator in rules]


def _restore_stdnum_resources():
    """Let python-stdnum read its data files again (every ``*.dat``).

    Odoo patches ``stdnum`` on import (``odoo/_monkeypatches``): its import
    hook replaces the package's loader with a namespace that only imports,
    so ``importlib.resources`` no longer finds the package's files and every
    database stdnum reads (``iban.dat``, ``be/banks.dat``, ``cz/banks.dat``,
    ``oui.dat``...) fails with "Can't open orphan path". Giving that loader
    back the resource reader of a plain file loader of the same package
    restores them all; stdnum's data and checks stay its own.
    """
    import stdnum  # noqa: PLC0415

    spec = stdnum.__spec__
    if spec.loader is None or hasattr(spec.loader, "get_resource_reader"):
        return
    file_loader = importlib.machinery.SourceFileLoader(spec.name, spec.origin)
    try:
        spec.loader.get_resource_reader = file_loader.get_resource_reader
    except AttributeError:  # a loader that takes no attributes is a real one
        return


_restore_stdnum_resources()


def check_iban(number):
    from stdnum import iban  # noqa: PLC0415 (reads iban.dat on import)

    try:
        iban.validate(number)
    except StdnumError:
        return False
    return True
