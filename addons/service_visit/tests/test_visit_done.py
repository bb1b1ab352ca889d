# covers: VIS-02
import base64
import io
from datetime import date

from PIL import Image

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import VisitCase


def signature_png():
    """A small PNG, as the signature widget stores it (base64)."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "white").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestVisitDone(VisitCase):
    def test_done_needs_a_signature_or_a_reason(self):
        visit = self._visit().with_user(self.technician)
        with self.assertRaisesRegex(UserError, "Customer Signature"):
            visit.action_done()
        self.assertEqual(visit.state, "planned")
        visit.no_signature_reason = "   "
        with self.assertRaisesRegex(UserError, "No Signature Reason"):
            visit.action_done()
        visit.no_signature_reason = "Nobody on site; key from the caretaker"
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.date_done)

    def test_signed_visit_is_done(self):
        visit = self._visit().with_user(self.technician)
        visit.write({"signature": signature_png(), "signed_by": "Omar Harbour"})
        self.assertTrue(visit.signed_on)
        visit.checklist_line_ids.done = True
        self.assertEqual(visit.checklist_progress, 100.0)
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertLessEqual(visit.date_done, fields.Datetime.now())

    def test_only_planned_visits_are_done_or_cancelled(self):
        visit = self._visit(no_signature_reason="Refused to sign")
        visit.action_done()
        with self.assertRaisesRegex(UserError, "Status"):
            visit.action_done()
        with self.assertRaisesRegex(UserError, "Status"):
            visit.action_cancel()
        other = self._visit(date_due=date(2031, 4, 1))
        other.action_cancel()
        self.assertEqual(other.state, "cancelled")
        other.action_plan()
        self.assertEqual(other.state, "planned")

    def test_done_or_cancelled_visit_closes_its_reminders(self):
        visit = self._visit(technician_ids=[(6, 0, self.technician.ids)])
        visit.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.technician.id
        )
        self.assertEqual(len(visit.activity_ids), 1)
        visit.no_signature_reason = "Customer absent"
        visit.action_done()
        self.assertFalse(visit.activity_ids)

    def test_visit_takes_customer_and_site_from_its_item(self):
        item = self._item()
        visit = self.env["service.visit"].create(
            {"item_id": item.id, "date_due": date(2031, 5, 5)}
        )
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.site_partner_id, self.site)
        self.assertFalse(visit.is_overdue)
        self.assertEqual(visit._get_report_base_filename(), f"Visit {visit.name}")

    def test_overdue_flag_and_search(self):
        late = self._visit(date_due=date(2020, 1, 1))
        self._visit(date_due=date(2031, 1, 1))
        self.assertTrue(late.is_overdue)
        overdue = self.env["service.visit"].search([("is_overdue", "=", True)])
        self.assertIn(late, overdue)
        self.assertFalse(overdue.filtered(lambda v: v.date_due >= date.today()))
