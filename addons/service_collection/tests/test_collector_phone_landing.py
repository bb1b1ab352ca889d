# covers: COL-03
from odoo.tests import HttpCase, tagged

from .common import CollectionCase


@tagged("post_install", "-at_install")
class TestCollectorLandsOnRounds(CollectionCase, HttpCase):
    """On a 390 px phone the collector opens Odoo on his rounds (his home
    action, as the demo sets it), not Discuss, and starts a round with the
    header button, not from the ⋮ menu."""

    browser_size = "390x844"
    touch_enabled = True
    # the first page builds the asset bundles while holding the test cursor
    test_cursor_lock_timeout = 120

    def test_collector_lands_on_rounds_and_starts_one(self):
        self._invoice(self.customer, 150)
        self.collector.action_id = self.env.ref(
            "service_collection.service_collection_round_action"
        ).id
        round_ = self.env["service.collection.round"].create(
            {"collector_id": self.collector.id}
        )
        round_.action_generate_lines()
        self.start_tour(
            "/odoo",
            "service_collection_collector_lands_on_rounds",
            login=self.collector.login,
        )
        self.assertEqual(round_.state, "in_progress")
