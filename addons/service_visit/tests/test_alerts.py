# covers: VIS-03
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import VisitCase


@tagged("post_install", "-at_install")
class TestVisitAlerts(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["service.visit"])
        cls.company_a.service_visit_alert_days = 7
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")
        cls.responsible = cls._make_user(
            "responsible_a", "service_base.group_service_user", cls.company_a
        )

    def _alerts(self, visit):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "service.visit"),
                ("res_id", "=", visit.id),
                ("activity_type_id", "=", self.todo.id),
            ]
        )

    def _run(self, today=None):
        return self.env["service.visit"]._cron_visit_alerts(today or self.today)

    def test_visit_coming_due_alerts_its_technicians_once(self):
        visit = self._visit(
            date_due=self.today + timedelta(days=5),
            technician_ids=[(6, 0, (self.technician | self.users["service_user"]).ids)],
        )
        later = self._visit(
            date_due=self.today + timedelta(days=8),
            technician_ids=[(6, 0, self.technician.ids)],
        )
        self._run()
        alerts = self._alerts(visit)
        self.assertEqual(alerts.user_id, self.technician | self.users["service_user"])
        self.assertEqual(set(alerts.mapped("date_deadline")), {visit.date_due})
        self.assertIn(visit.name, alerts[0].summary)
        self.assertTrue(visit.alert_due_sent)
        self.assertFalse(self._alerts(later), "beyond the 7 reminder days")
        # the next day: no second reminder for the same visit
        self._run(self.today + timedelta(days=1))
        self.assertEqual(len(self._alerts(visit)), 2)
        self.assertEqual(len(self._alerts(later)), 1)
        # the technicians follow the visit they are reminded of
        self.assertIn(self.technician.partner_id, visit.message_partner_ids)

    def test_unassigned_visit_alerts_the_contract_responsible(self):
        contract = self._visit_contract(self.today)
        contract.user_id = self.responsible
        visit = contract._generate_visits(self.today, self.today + timedelta(days=3))
        self.assertEqual(len(visit), 1)
        self.assertFalse(visit.technician_ids)
        self._run()
        self.assertEqual(self._alerts(visit).user_id, self.responsible)

    def test_overdue_visit_alerts_supervisors_once(self):
        visit = self._visit(
            date_due=self.today - timedelta(days=2),
            technician_ids=[(6, 0, self.technician.ids)],
        )
        self._run()
        users = self._alerts(visit).user_id
        self.assertIn(self.users["supervisor"], users)
        self.assertIn(self.users["manager"], users)
        self.assertNotIn(self.technician, users)
        self.assertNotIn(self.manager_b, users, "another company's supervisor")
        self.assertTrue(visit.alert_overdue_sent)
        self.assertFalse(visit.alert_due_sent)
        count = len(self._alerts(visit))
        self._run(self.today + timedelta(days=1))
        self.assertEqual(len(self._alerts(visit)), count)

    def test_due_then_overdue_are_two_reasons(self):
        visit = self._visit(
            date_due=self.today + timedelta(days=1),
            technician_ids=[(6, 0, self.technician.ids)],
        )
        self._run()
        self.assertEqual(len(self._alerts(visit)), 1)
        self._run(self.today + timedelta(days=3))
        alerts = self._alerts(visit)
        self.assertIn(self.users["supervisor"], alerts.user_id)
        self.assertEqual(
            len(alerts.filtered(lambda a: a.user_id == self.technician)), 1
        )

    def test_rescheduled_visit_is_reminded_again(self):
        visit = self._visit(
            date_due=self.today + timedelta(days=2),
            technician_ids=[(6, 0, self.technician.ids)],
        )
        self._run()
        visit.date_due = self.today + timedelta(days=20)
        self.assertFalse(visit.alert_due_sent)
        self._run(self.today + timedelta(days=14))
        self.assertEqual(len(self._alerts(visit)), 2)

    def test_done_and_cancelled_visits_are_not_alerted(self):
        done = self._visit(date_due=self.today - timedelta(days=1))
        done.no_signature_reason = "Nobody on site"
        done.action_done()
        cancelled = self._visit(date_due=self.today + timedelta(days=1))
        cancelled.action_cancel()
        self._run()
        self.assertFalse(self._alerts(done) | self._alerts(cancelled))

    def test_customer_reminder_through_the_notification_template(self):
        """A company that sets up the ``service_visit_due`` template also
        reminds the customer (here by SMS, through the gateway test double)."""
        self.customer.write({"phone": "+966501234567"})
        self.env["service.sms.gateway"].create({"name": "Any", "sender_id": "BOILERS"})
        self.env["service.notification.template"].create(
            {
                "name": "Visit reminder",
                "code": "service_visit_due",
                "model_id": self.env["ir.model"]._get_id("service.visit"),
                "partner_field": "partner_id",
                "channel": "sms",
                "sms_body": "Our technician visits you on {{ object.date_due }}.",
            }
        )
        visit = self._visit(date_due=self.today + timedelta(days=3))
        self._run()
        message = self.env["service.sms.message"].search(
            [("res_model", "=", "service.visit"), ("res_id", "=", visit.id)]
        )
        self.assertEqual(len(message), 1)
        self.assertIn(str(visit.date_due), message.body)
        self._run()
        self.assertEqual(
            self.env["service.sms.message"].search_count(
                [("res_model", "=", "service.visit"), ("res_id", "=", visit.id)]
            ),
            1,
        )
