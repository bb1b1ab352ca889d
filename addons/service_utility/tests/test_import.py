# covers: UTL-02
import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import UtilityCase

CSV = """POD;Meter;Reg;Day;Reading;Kind
IT001E12345678;M-100;T;01/01/2025;1000,0;actual
IT001E12345678;M-100;T;01/02/2025;1310,0;actual
IT999E00000000;M-100;T;01/03/2025;1590,0;actual
IT001E12345678;M-100;T;2025-03-01;1590,0;actual
IT001E12345678;M-100;T;01/03/2025;abc;actual
IT001E12345678;M-100;X;01/03/2025;1590,0;actual
IT001E12345678;M-100;T;01/03/2025;1590,0;guess
IT001E12345678;M-100;T;01/03/2025
IT001E12345678;M-100;T;01/03/2025;1590,0;actual
IT001E12345678;M-100;T;01/04/2025;1500,0;customer
"""

XML = """<?xml version="1.0" encoding="UTF-8"?>
<readings xmlns="urn:service-suite:readings:1">
  <reading point="IT001E12345678" register="T" date="2025-01-01" value="1000"/>
  <reading point="IT001E12345678" register="T" date="2025-02-01" value="1310"/>
  <reading point="IT001E12345678" register="T" date="2025-02-30" value="1400"/>
  <meter serial="M-100"/>
</readings>
"""


@tagged("post_install", "-at_install")
class TestReadingImport(UtilityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mapping = cls.env["service.reading.import.mapping"].create(
            {
                "name": "Distributor e-distribuzione",
                "delimiter": ";",
                "date_format": "%d/%m/%Y",
                "decimal_separator": ",",
                "column_point": "POD",
                "column_meter": "Meter",
                "column_register": "Reg",
                "column_date": "Day",
                "column_value": "Reading",
                "column_source": "Kind",
            }
        )

    def _import(self, content, file_format="csv", user="service_user"):
        batch = (
            self.env["service.reading.import"]
            .with_user(self.users[user])
            .create(
                {
                    "file": base64.b64encode(content.encode()),
                    "file_name": f"readings.{file_format}",
                    "file_format": file_format,
                    "mapping_id": self.mapping.id if file_format == "csv" else False,
                }
            )
        )
        batch.action_import()
        return batch

    def test_csv_with_bad_rows_imports_the_good_and_lists_the_bad(self):
        batch = self._import(CSV)
        self.assertEqual(batch.state, "done")
        self.assertEqual(batch.imported_count, 4)
        self.assertEqual(batch.flagged_count, 1)  # lower than the previous
        errors = {e.line_number: e.reason for e in batch.error_ids}
        self.assertEqual(sorted(errors), [4, 5, 6, 7, 8, 9])
        self.assertIn("unknown supply point 'IT999E00000000'", errors[4])
        self.assertIn("does not match %d/%m/%Y", errors[5])
        self.assertIn("'abc' is not a number", errors[6])
        self.assertIn("no register 'X'", errors[7])
        self.assertIn("source 'guess'", errors[8])
        self.assertIn("columns instead of 6", errors[9])
        readings = self.env["service.meter.reading"].search(
            [("point_id", "=", self.point.id)], order="date"
        )
        self.assertEqual(readings.mapped("value"), [1000, 1310, 1590, 1500])
        self.assertEqual(readings[-1].source, "customer")
        self.assertEqual(readings[-1].state, "to_review")

    def test_same_file_twice_adds_nothing(self):
        self._import(CSV)
        count = self.env["service.meter.reading"].search_count([])
        again = self._import(CSV)
        self.assertEqual(again.imported_count, 0)
        self.assertEqual(again.duplicate_count, 4)
        self.assertEqual(self.env["service.meter.reading"].search_count([]), count)

    def test_xml_of_our_schema_imports_and_lists_bad_elements(self):
        batch = self._import(XML, "xml")
        self.assertEqual(batch.imported_count, 2)
        errors = {e.line_number: e.reason for e in batch.error_ids}
        self.assertIn("date '2025-02-30'", errors[5])
        self.assertIn("unknown element", errors[6])
        self.assertEqual(self._import(XML, "xml").imported_count, 0)

    def test_malformed_files_refused_with_the_fix_and_nothing_written(self):
        with self.assertRaises(UserError) as caught:
            self._import("<readings>", "xml")
        self.assertIn("not well-formed XML", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self._import("a;b\n1;2\n")
        self.assertIn("POD", str(caught.exception))
        self.assertFalse(self.point.reading_ids)

    def test_import_batches_its_queries(self):
        lines = ["POD;Meter;Reg;Day;Reading;Kind"]
        lines += [
            f"IT001E12345678;M-100;T;{day:02d}/01/2025;{1000 + day * 10},0;actual"
            for day in range(1, 29)
        ]
        batch = self.env["service.reading.import"].create(
            {
                "file": base64.b64encode("\n".join(lines).encode()),
                "file_name": "january.csv",
                "mapping_id": self.mapping.id,
            }
        )
        batch.flush_recordset()
        with self.assertQueryCount(__system__=80):
            batch.action_import()
        self.assertEqual(batch.imported_count, 28)
        self.assertEqual(
            self.env["service.meter.reading"]
            .search([("date", "=", date(2025, 1, 28))])
            .value,
            1280,
        )

    def test_import_queries_do_not_grow_with_the_rows(self):
        """P-READ: the import is set-based, a few queries per chunk of rows
        whatever its size: 100 and 1,000 rows (10 and 100 points, 10 monthly
        readings each) cost the same number of queries."""
        points = self.env["service.supply.point"].create(
            [
                {"name": f"Q-{index:04d}", "partner_id": self.customer.id}
                for index in range(120)
            ]
        )
        self.env["service.meter"].create(
            [
                {
                    "name": f"QM-{index:04d}",
                    "point_id": point.id,
                    "date_installed": date(2025, 1, 1),
                }
                for index, point in enumerate(points)
            ]
        )

        def import_points(chosen):
            lines = ["POD;Meter;Reg;Day;Reading;Kind"]
            lines += [
                f"{point.name};;;28/{month:02d}/2025;{1000 + month * 100},0;actual"
                for point in chosen
                for month in range(1, 11)
            ]
            batch = self.env["service.reading.import"].create(
                {
                    "file": base64.b64encode("\n".join(lines).encode()),
                    "file_name": f"{len(chosen)}.csv",
                    "mapping_id": self.mapping.id,
                }
            )
            batch.flush_recordset()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            batch.action_import()
            return batch, self.cr.sql_log_count - before

        # a first import fills the caches every later one finds warm
        import_points(points[:10])
        small, small_queries = import_points(points[10:20])
        large, large_queries = import_points(points[20:])
        self.assertEqual((small.imported_count, small.flagged_count), (100, 0))
        self.assertEqual((large.imported_count, large.flagged_count), (1000, 0))
        self.assertEqual(small_queries, large_queries)
        self.assertLess(large_queries, 60)
        self.assertEqual(
            self.env["service.meter.reading"].search_count(
                [("point_id", "in", points.ids), ("state", "=", "valid")]
            ),
            1200,
        )
