# covers: UTL-01
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import UtilityCase

GOOD = {
    "it_pod": ["IT002E12345678", "IT012E00000001A", "it 001 e 87654321"],
    "it_pdr": ["00880000123456", "1234 5678 9012 34"],
    "cz_ean": ["859182400000000012", "859182400123456789"],
    "cz_eic": ["27ZG100012345673", "27XG-GASNETZ-B0F"],
    "free": ["WATER/ANCONA/0042"],
}
BAD = {
    "it_pod": ["IT01E12345678", "FR001E12345678", "IT001G12345678", "IT001E1234567"],
    "it_pdr": ["0088000012345", "008800001234567", "0088000012345A"],
    # wrong check digit, wrong prefix, wrong length
    "cz_ean": ["859182400000000013", "859182401000000012", "85918240000000001"],
    "cz_eic": ["27ZG100012345670", "27ZG10001234567"],
    "free": ["   "],
}


@tagged("post_install", "-at_install")
class TestIdentifiers(UtilityCase):
    def test_good_identifiers_accepted_and_compacted_per_kind(self):
        for kind, samples in GOOD.items():
            for sample in samples:
                with self.subTest(kind=kind, sample=sample):
                    point = self._point(sample, kind)
                    if kind != "free":
                        self.assertNotIn(" ", point.name)
                        self.assertEqual(point.name, point.name.upper())

    def test_bad_identifiers_refused_naming_field_and_expected_format(self):
        Point = self.env["service.supply.point"]
        for kind, samples in BAD.items():
            for sample in samples:
                with self.subTest(kind=kind, sample=sample):
                    with self.assertRaises(ValidationError) as caught:
                        self._point(sample, kind)
                    self.assertIn("Identifier", str(caught.exception))
                    if kind == "cz_ean" and sample.startswith("8591824000"):
                        self.assertIn("check digit", str(caught.exception))
        self.assertFalse(Point.search([("name", "in", BAD["cz_ean"])]))

    def test_identifier_unique_per_company_and_kind(self):
        self._point("00880000123456", "it_pdr")
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._point("00880000123456", "it_pdr")
