# covers: VIS-02, BAS-06
from datetime import date

from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.service_base.tests.common import pdf_text

from .common import VisitCase
from .test_visit_done import signature_png

REPORT = "service_visit.action_report_service_visit"


@tagged("post_install", "-at_install")
class TestVisitReport(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._visit_contract(date(2031, 1, 31))
        cls.item = cls._item(cls.contract, serial="BX-55-0193")
        cls.visit = cls.contract._generate_visits(date(2031, 1, 1), date(2031, 2, 28))
        cls.visit.write(
            {
                "technician_ids": [Command.set(cls.technician.ids)],
                "notes": "<p>Replaced the ignition electrode.</p>",
                "signature": signature_png(),
                "signed_by": "Omar Harbour",
            }
        )
        cls.visit.checklist_line_ids[0].write({"done": True, "note": "Blue, stable"})
        cls.visit.action_done()

    def _render_pdf(self, visit):
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, res_ids=visit.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
        return pdf

    def test_report_is_printable_from_the_visit(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.binding_model_id.model, "service.visit")
        self.assertEqual(report.binding_type, "report")
        self.assertEqual(
            safe_eval(report.print_report_name, {"object": self.visit}),
            f"Visit {self.visit.name}",
        )

    def test_visit_pdf_shows_customer_site_item_checklist_and_signature(self):
        text = " ".join(pdf_text(self._render_pdf(self.visit)).split())
        for expected in (
            self.visit.name,
            "Harbour Authority",
            "Pier 4",
            self.item.name,
            "BX-55-0193",
            "Condensing boiler 24 kW",
            self.technician.name,
            "Check the burner flame",
            "Blue, stable",
            "Measure the flue gas",
            "Clean the heat exchanger",
            "Replaced the ignition electrode.",
            "Omar Harbour",
            self.contract.name,
        ):
            self.assertIn(expected, text)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT, self.visit.ids)[0]
            .decode()
        )
        self.assertIn("data:image/png;base64,", html, "the signature image")

    def test_unsigned_visit_prints_the_reason(self):
        visit = self._visit(no_signature_reason="Customer refused to sign")
        visit.action_done()
        text = " ".join(pdf_text(self._render_pdf(visit)).split())
        self.assertIn("Customer refused to sign", text)
        self.assertIn("Check the burner", text)
