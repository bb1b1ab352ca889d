# covers: REQ-01, REQ-02
import threading

from odoo import api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestNumbering(RequestCase):
    def test_each_type_numbers_its_requests(self):
        first, second = self._request(), self._request()
        self.assertRegex(first.name, r"^ALF/\d{4}/\d{5}$")
        self.assertNotEqual(first.name, second.name)
        complaint_type = self.env.ref("service_request.type_complaint")
        complaint = self._request(type_id=complaint_type.id)
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertIn(self.customer.display_name, complaint.display_name)

    def test_manual_references_and_extra_fields(self):
        request = self._request(
            ref_incoming="PEC 2026/4411",
            ref_outgoing="OUT-77",
            properties={"zone": "North gate"},
        )
        self.assertEqual(request.ref_incoming, "PEC 2026/4411")
        self.assertEqual(request.properties["zone"], "North gate")
        found = self.env["service.request"].search([("name", "ilike", "PEC 2026")])
        self.assertFalse(found)  # the number field searches numbers only
        found = self.env["service.request"].name_search("ALF/")
        self.assertTrue(found)


@tagged("post_install", "-at_install")
class TestConcurrentWorkers(BaseCase):
    """Two real transactions numbering and distributing requests at once."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            users = env["res.users"].create(
                [
                    {
                        "name": f"Concurrent tech {index}",
                        "login": f"concurrent_tech_{index}",
                        "group_ids": [
                            (4, env.ref("service_base.group_service_user").id)
                        ],
                        "service_request_cap": 5,
                    }
                    for index in range(2)
                ]
            )
            team = env["service.request.team"].create(
                {"name": "Concurrent team", "member_ids": [(6, 0, users.ids)]}
            )
            request_type = env["service.request.type"].create(
                {"name": "Concurrent type", "code": "CCT", "team_id": team.id}
            )
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            self.ids = {
                "users": users.ids,
                "team": team.id,
                "type": request_type.id,
                "partner": partner.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["service.request"].search([("type_id", "=", self.ids["type"])]).unlink()
            request_type = env["service.request.type"].browse(self.ids["type"])
            sequence = request_type.sequence_id
            request_type.unlink()
            sequence.unlink()
            env["service.request.team"].browse(self.ids["team"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _worker(self, barrier, errors, count):
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                barrier.wait(timeout=20)
                # as Odoo runs crons and RPC calls: retried on serialisation
                # failures
                retrying(
                    lambda: env["service.request"].create(
                        [
                            {
                                "type_id": self.ids["type"],
                                "partner_id": self.ids["partner"],
                            }
                            for _i in range(count)
                        ]
                    ),
                    env,
                )
        except Exception as error:  # reported by the test
            errors.append(error)

    def test_two_workers_number_and_distribute_without_clashes(self):
        """Both create 6 requests at the same moment: 12 distinct numbers,
        and the two users (cap 5 each) get 5 each; 2 wait for the supervisor
        whichever worker commits first."""
        barrier = threading.Barrier(2)
        errors = []
        threads = [
            threading.Thread(target=self._worker, args=(barrier, errors, 6))
            for _i in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertFalse(errors)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            requests = env["service.request"].search(
                [("type_id", "=", self.ids["type"])]
            )
            self.assertEqual(len(requests), 12)
            self.assertEqual(len(set(requests.mapped("name"))), 12)
            per_user = {
                user_id: len(requests.filtered(lambda r, u=user_id: r.user_id.id == u))
                for user_id in self.ids["users"]
            }
            self.assertEqual(sorted(per_user.values()), [5, 5])
            self.assertEqual(len(requests.filtered("waiting_supervisor")), 2)
