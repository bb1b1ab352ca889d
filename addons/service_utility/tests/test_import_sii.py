# covers: UTL-02
"""Italian SII measurement flows (electricity, non-hourly): the readings of
each POD's time bands come in through the same importer as our CSV and XML
files, with the same rules: bad records listed with their line and reason,
good ones imported, the same file twice adds nothing."""

import base64
from datetime import date
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import UtilityCase

FIXTURE = Path(__file__).parent / "data" / "sii_pno_202502.xml"


@tagged("post_install", "-at_install")
class TestSiiImport(UtilityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a 2G meter read per time band F1, F2, F3
        cls.env["service.meter.register"].create(
            [{"meter_id": cls.meter.id, "code": code} for code in ("F1", "F2", "F3")]
        )

    def _import(self, content):
        batch = (
            self.env["service.reading.import"]
            .with_user(self.users["service_user"])
            .create(
                {
                    "file": base64.b64encode(content),
                    "file_name": "IT001_PNO_202502.xml",
                    "file_format": "sii",
                }
            )
        )
        batch.action_import()
        return batch

    def test_pno_flow_imports_band_readings_and_lists_the_bad_records(self):
        batch = self._import(FIXTURE.read_bytes())
        self.assertEqual(batch.state, "done")
        self.assertEqual((batch.imported_count, batch.flagged_count), (4, 0))
        errors = {error.line_number: error.reason for error in batch.error_ids}
        self.assertEqual(sorted(errors), [47, 53, 58])
        self.assertIn("unknown supply point 'IT001E99999999'", errors[47])
        self.assertIn("estimated by the distributor (TipoDato S)", errors[53])
        self.assertIn("MeseAnno '2025-03'", errors[58])
        readings = self.env["service.meter.reading"].search(
            [("point_id", "=", self.point.id)]
        )
        self.assertEqual(
            sorted(
                (reading.register_code, reading.date, reading.value)
                for reading in readings
            ),
            [
                # DataMisura when given, else the last day of MeseAnno
                ("F1", date(2025, 2, 14), 1100.0),
                ("F1", date(2025, 2, 28), 1150.0),
                ("F2", date(2025, 2, 28), 620.5),
                ("F3", date(2025, 2, 28), 840.25),
            ],
        )
        self.assertEqual(set(readings.mapped("source")), {"actual"})
        self.assertEqual(set(readings.mapped("state")), {"valid"})
        self.assertEqual(readings.import_id, batch)

    def test_same_flow_twice_adds_nothing(self):
        self._import(FIXTURE.read_bytes())
        again = self._import(FIXTURE.read_bytes())
        self.assertEqual((again.imported_count, again.duplicate_count), (0, 4))
        self.assertEqual(len(self.point.reading_ids), 4)

    def test_a_file_that_is_not_a_measurement_flow_is_refused(self):
        with self.assertRaises(UserError) as caught:
            self._import(b'<readings xmlns="urn:service-suite:readings:1"/>')
        self.assertIn("<FlussoMisure>", str(caught.exception))
        self.assertFalse(self.point.reading_ids)
