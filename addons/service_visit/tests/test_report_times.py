# covers: VIS-02, BAS-06
"""The visit report prints when the visit was done and signed to the
minute, never with seconds (issue 17)."""

import re
from datetime import date

from odoo.tests import tagged

from odoo.addons.service_base.tests.common import pdf_text

from .common import VisitCase
from .test_visit_done import signature_png

REPORT = "service_visit.action_report_service_visit"


@tagged("post_install", "-at_install")
class TestVisitReportTimes(VisitCase):
    def test_visit_report_prints_times_without_seconds(self):
        contract = self._visit_contract(date(2031, 1, 31))
        visit = contract._generate_visits(date(2031, 1, 1), date(2031, 2, 28))
        visit.write({"signature": signature_png(), "signed_by": "Omar Harbour"})
        visit.action_done()
        self.assertTrue(visit.date_done and visit.signed_on)
        pdf, _report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=visit.ids)
        )
        text = pdf_text(pdf)
        self.assertIn("Omar Harbour", text)
        self.assertTrue(re.search(r"\d{1,2}:\d{2}", text), text)
        self.assertFalse(re.search(r"\d{1,2}:\d{2}:\d{2}", text), text)
