# covers: CAN-02
"""Two workers applying the same cancellation at once credit it once."""

from datetime import date

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestTwoWorkersApply(BaseCase):
    """Two daily jobs in two real transactions at the same moment."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            product = env["product.product"].create(
                {
                    "name": "Two workers guard",
                    "type": "service",
                    "service_fee_method": "fixed",
                    "list_price": 100,
                }
            )
            partner = env["res.partner"].create({"name": "Two workers customer"})
            contract = env["service.contract"].create(
                {
                    "partner_id": partner.id,
                    "date_start": date(2025, 1, 1),
                    "state": "active",
                    "line_ids": [(0, 0, {"product_id": product.id, "tax_ids": False})],
                }
            )
            run = contract.action_bill(date(2025, 3, 1))
            cancellation = env["service.cancellation"].create(
                {
                    "contract_id": contract.id,
                    "reason_id": env.ref("service_cancellation.reason_other").id,
                    "date_received": date(2025, 2, 1),
                }
            )
            # scheduled as an approval leaves it: the contract ends on 3 March
            cancellation.write({"state": "waiting"})
            cancellation._on_approval_approved()
            self.ids = {
                "product": product.id,
                "partner": partner.id,
                "contract": contract.id,
                "run": run.id,
                "cancellation": cancellation.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            moves = env["account.move"].search(
                [("service_contract_id", "=", self.ids["contract"])]
            )
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            cancellation = env["service.cancellation"].browse(self.ids["cancellation"])
            cancellation.write({"state": "cancelled"})
            cancellation.unlink()
            env["service.billing.run"].browse(self.ids["run"]).unlink()
            env["service.contract"].browse(self.ids["contract"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def test_two_jobs_at_once_credit_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            cancellation_a = env_a["service.cancellation"].browse(
                self.ids["cancellation"]
            )
            cancellation_a._apply_locked()  # holds its row lock until committed
            self.assertEqual(cancellation_a.state, "done")
            cancellation_b = env_b["service.cancellation"].browse(
                self.ids["cancellation"]
            )
            cancellation_b._apply_locked()  # meanwhile: skips, never waits
            self.assertEqual(cancellation_b.state, "approved")
            cr_a.commit()
            cr_b.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            refunds = env["account.move"].search(
                [
                    ("service_contract_id", "=", self.ids["contract"]),
                    ("move_type", "=", "out_refund"),
                ]
            )
            self.assertEqual(len(refunds), 1)
            # March billed ahead, 28 of its 31 days credited
            self.assertAlmostEqual(refunds.amount_untaxed, 90.32, places=2)
            cancellation = env["service.cancellation"].browse(self.ids["cancellation"])
            self.assertEqual(cancellation.state, "done")
            self.assertEqual(cancellation.credit_note_id, refunds)
