# covers: DUN-02, DUN-03
"""What staff and customers click: an accountant reviews a run, drops one
reminder and sends the rest; a portal customer accepts his plan."""

from odoo.tests import HttpCase, new_test_user, tagged

from .common import DunningCase


@tagged("post_install", "-at_install")
class TestDunningTours(DunningCase, HttpCase):
    def test_accountant_reviews_and_sends_a_run(self):
        self.scenario.review_before_send = True
        self._invoice(self.customer, 200, days_late=35)
        self._invoice(self.customer_2, 90, days_late=12)
        run = self.env["service.dunning.run"].create({"company_id": self.company_a.id})
        self.start_tour(
            f"/odoo/action-service_dunning.service_dunning_run_action/{run.id}",
            "service_dunning_review_and_send",
            login=self.accountant.login,
        )
        self.assertEqual(run.state, "done")
        sent = self._communications()
        self.assertEqual(sent.state, "sent")
        self.assertEqual(self._communications(self.customer_2).state, "cancelled")
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "service.dunning.communication"),
                ("res_id", "in", run.communication_ids.ids),
            ]
        )
        self.assertEqual(mails.mapped("res_id"), sent.ids)

    def test_portal_customer_accepts_a_plan(self):
        portal = new_test_user(
            self.env,
            login="plan_customer",
            groups="base.group_portal",
            partner_id=self.customer.id,
        )
        invoice = self._invoice(self.customer, 300, days_late=40)
        plan = self.env["service.instalment.plan"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company_a.id,
                "move_line_ids": [
                    (
                        6,
                        0,
                        invoice.line_ids.filtered(
                            lambda line: (
                                line.account_id.account_type == "asset_receivable"
                            )
                        ).ids,
                    )
                ],
                "instalment_count": 3,
                "date_first": self.today,
            }
        )
        plan.with_user(self.accountant).action_propose()
        self.start_tour(
            "/my/statement", "service_dunning_portal_accept_plan", login=portal.login
        )
        self.assertEqual(plan.state, "active")
        self.assertEqual(plan.accepted_via, "portal")
        self.assertEqual(plan.accepted_by_id, portal)
