# covers: CAN-01, CAN-02, API-01
"""One cancellation waiting or scheduled per contract line (and per whole
contract), even when two workers submit at the same moment (issue 16: two
portal posts both succeeded, and both approved would have credited the same
days twice)."""

import threading
from datetime import date

from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from .common import CancellationCase


@tagged("post_install", "-at_install")
class TestOneOpenCancellation(CancellationCase):
    def test_second_submission_for_the_same_contract_is_refused(self):
        contract = self._simple_contract()
        first = self._cancellation(
            contract, scope="lines", line_ids=contract.line_ids[:1].ids
        )
        first.action_submit()
        second = self._cancellation(contract)
        with self.assertRaisesRegex(UserError, "already has a cancellation waiting"):
            second.action_submit()
        self.assertEqual(second.state, "draft")
        # withdrawn, the next one may go
        first.action_withdraw()
        second.action_submit()
        self.assertEqual(second.state, "waiting")


@tagged("post_install", "-at_install")
class TestTwoWorkersSubmitCancellations(BaseCase):
    """Two workers (two real transactions, each committing) submit a
    cancellation of the same contract line at the same moment."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            product = env["product.product"].create(
                {
                    "name": "Two submissions guard",
                    "type": "service",
                    "service_fee_method": "fixed",
                    "list_price": 100,
                }
            )
            partner = env["res.partner"].create({"name": "Two submissions customer"})
            contract = env["service.contract"].create(
                {
                    "partner_id": partner.id,
                    "date_start": date(2025, 1, 1),
                    "state": "active",
                    "line_ids": [(0, 0, {"product_id": product.id, "tax_ids": False})],
                }
            )
            # the company's approval rule exists already (the first
            # submission of a company creates it)
            draft = env["service.cancellation"].create(
                {
                    "contract_id": contract.id,
                    "reason_id": env.ref("service_cancellation.reason_other").id,
                }
            )
            Rule = env["service.approval.rule"]
            had_rule = Rule._find_rule("service.cancellation", contract.company_id)
            draft._ensure_default_rule()
            draft.unlink()
            new_rule = not had_rule and Rule._find_rule(
                "service.cancellation", contract.company_id
            )
            self.ids = {
                "product": product.id,
                "partner": partner.id,
                "contract": contract.id,
                "line": contract.line_ids.id,
                "rule": new_rule.id if new_rule else False,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cancellations = env["service.cancellation"].search(
                [("contract_id", "=", self.ids["contract"])]
            )
            cancellations.write({"state": "cancelled"})
            cancellations.unlink()
            env["service.contract"].browse(self.ids["contract"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            if self.ids["rule"]:
                env["service.approval.rule"].browse(self.ids["rule"]).unlink()

    def _worker(self, barrier, outcomes):
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                cancellation = env["service.cancellation"].create(
                    {
                        "contract_id": self.ids["contract"],
                        "scope": "lines",
                        "line_ids": [(6, 0, [self.ids["line"]])],
                        "reason_id": env.ref("service_cancellation.reason_price").id,
                        "origin": "portal",
                    }
                )
                barrier.wait(timeout=20)
                cancellation.action_submit()
                outcomes.append(("submitted", cancellation.id))
        except UserError as error:
            outcomes.append(("refused", str(error)))
        except Exception as error:  # reported by the test
            outcomes.append(("failed", repr(error)))

    def test_two_workers_submit_for_one_line_only_one_succeeds(self):
        barrier = threading.Barrier(2)
        outcomes = []
        threads = [
            threading.Thread(target=self._worker, args=(barrier, outcomes))
            for _i in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        kinds = sorted(kind for kind, _detail in outcomes)
        self.assertEqual(kinds, ["refused", "submitted"], outcomes)
        [refusal] = [detail for kind, detail in outcomes if kind == "refused"]
        self.assertIn("already has a cancellation waiting or scheduled", refusal)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            cancellations = env["service.cancellation"].search(
                [("contract_id", "=", self.ids["contract"])]
            )
            # the refused worker's transaction left nothing behind
            self.assertEqual(len(cancellations), 1)
            self.assertEqual(cancellations.state, "waiting")
            self.assertEqual(cancellations.approval_state, "pending")
