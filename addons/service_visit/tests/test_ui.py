# covers: VIS-02
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVisitUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.technician = new_test_user(
            cls.env,
            login="visit_technician",
            password="visit-Secret-2026",
            groups="service_base.group_service_user",
            name="Visit Technician",
        )
        customer = cls.env["res.partner"].create(
            {"name": "Coral Bay Hotel", "service_is_customer": True}
        )
        item = cls.env["service.item"].create(
            {
                "product_id": cls.env["product.product"]
                .create({"name": "Fire panel", "type": "consu"})
                .id,
                "serial": "CB-77-0042",
                "partner_id": customer.id,
            }
        )
        cls.visit = cls.env["service.visit"].create(
            {
                "item_id": item.id,
                "partner_id": customer.id,
                "date_due": date.today(),
                "technician_ids": [Command.set(cls.technician.ids)],
                "checklist_line_ids": [
                    Command.create({"name": "Test the smoke detectors"}),
                    Command.create({"name": "Check the sprinkler pressure"}),
                ],
            }
        )

        cls.env["service.visit"].create(
            {
                "partner_id": cls.env["res.partner"]
                .create({"name": "Sand Dune Mall", "service_is_customer": True})
                .id,
                "date_due": date.today(),
            }
        )

    def test_technician_ticks_the_checklist_and_closes_the_visit(self):
        """A technician opens his visit from Services > Operations > Visits,
        ticks a check, gives the reason there is no signature and marks the
        visit done."""
        self.start_tour("/odoo", "service_visit_done", login="visit_technician")
        visit = self.visit
        self.assertEqual(visit.state, "done")
        self.assertEqual(
            visit.checklist_line_ids.filtered("done").mapped("name"),
            ["Test the smoke detectors"],
        )
        self.assertEqual(visit.no_signature_reason, "Manager away, desk closed")
        self.assertEqual(visit.write_uid, self.technician)
