# covers: REQ-04, API-01
"""Concurrent creation never fails (issue 16: four integrators creating 50
complaints each over XML-RPC saw a creation fail after Odoo's retries, with
SerializationFailure on the team row written by the distribution)."""

import threading

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

WORKERS = 4
PER_WORKER = 15
CAP = 10


@tagged("post_install", "-at_install")
class TestConcurrentCreation(BaseCase):
    """Four workers, each creating complaints one transaction at a time (as
    one XML-RPC call each), all at once, without Odoo's retries."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            users = env["res.users"].create(
                [
                    {
                        "name": f"Complaint desk {index}",
                        "login": f"complaint_desk_{index}",
                        "group_ids": [
                            (4, env.ref("service_base.group_service_user").id)
                        ],
                        "service_request_cap": CAP,
                    }
                    for index in range(5)
                ]
            )
            # three take complaints; the supervisor gets a to-do and the
            # manager a notice for those nobody can take
            team = env["service.request.team"].create(
                {
                    "name": "Complaint desk",
                    "member_ids": [(6, 0, users[:3].ids)],
                    "supervisor_id": users[3].id,
                    "manager_id": users[4].id,
                }
            )
            request_type = env["service.request.type"].create(
                {
                    "name": "Concurrent complaint",
                    "kind": "complaint",
                    "code": "CCC",
                    "team_id": team.id,
                }
            )
            partner = env["res.partner"].create({"name": "Complaining customer"})
            self.ids = {
                "users": users.ids,
                "members": users[:3].ids,
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

    def _worker(self, barrier, errors, worker):
        try:
            barrier.wait(timeout=20)
            for index in range(PER_WORKER):
                # one transaction per creation, committed, never retried
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    env["service.request"].create(
                        {
                            "type_id": self.ids["type"],
                            "partner_id": self.ids["partner"],
                            "ref_incoming": f"W{worker}-{index}",
                        }
                    )
        except Exception as error:  # reported by the test
            errors.append(error)

    def test_concurrent_complaints_all_created_and_caps_hold(self):
        barrier = threading.Barrier(WORKERS)
        errors = []
        threads = [
            threading.Thread(target=self._worker, args=(barrier, errors, worker))
            for worker in range(WORKERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        self.assertEqual(errors, [])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            requests = env["service.request"].search(
                [("type_id", "=", self.ids["type"])]
            )
            self.assertEqual(len(requests), WORKERS * PER_WORKER)
            self.assertEqual(len(set(requests.mapped("name"))), WORKERS * PER_WORKER)
            per_user = {
                user_id: len(requests.filtered(lambda r, u=user_id: r.user_id.id == u))
                for user_id in self.ids["members"]
            }
            # every member filled exactly to his cap, never beyond
            self.assertEqual(sorted(per_user.values()), [CAP] * 3)
            waiting = requests.filtered("waiting_supervisor")
            self.assertEqual(len(waiting), WORKERS * PER_WORKER - 3 * CAP)
            self.assertFalse(waiting.user_id)
            # the supervisor was given his to-dos, the manager told
            supervisor, manager = self.ids["users"][3:]
            todos = env["mail.activity"].search(
                [("res_model", "=", "service.request"), ("res_id", "in", waiting.ids)]
            )
            self.assertTrue(todos)
            self.assertEqual(todos.user_id.ids, [supervisor])
            notices = env["mail.message"].search(
                [
                    ("model", "=", "service.request"),
                    ("res_id", "in", waiting.ids),
                    (
                        "partner_ids",
                        "in",
                        env["res.users"].browse(manager).partner_id.ids,
                    ),
                ]
            )
            self.assertTrue(notices)
