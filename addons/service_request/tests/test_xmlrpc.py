# covers: REQ-01, REQ-02
from odoo.tests import HttpCase, tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestRequestApi(RequestCase, HttpCase):
    def test_integrator_creates_a_request_over_xmlrpc(self):
        user = self.users["service_user"]
        user.write({"login": "integrator_req", "password": "integrator_req_pw"})
        models = self.xmlrpc_object
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(
            db, "integrator_req", "integrator_req_pw", {}
        )
        request_id = models.execute_kw(
            db,
            uid,
            "integrator_req_pw",
            "service.request",
            "create",
            [
                {
                    "type_id": self.type.id,
                    "partner_id": self.customer.id,
                    "ref_incoming": "CRM-5521",
                    "description": "<p>Camera offline</p>",
                }
            ],
        )
        [values] = models.execute_kw(
            db,
            uid,
            "integrator_req_pw",
            "service.request",
            "read",
            [[request_id], ["name", "user_id", "stage_id", "date_expected"]],
        )
        self.assertTrue(values["name"].startswith("ALF/"))
        self.assertIn(values["user_id"][0], self.techs.ids)
        self.assertEqual(values["stage_id"][0], self.stage_new.id)
        self.assertTrue(values["date_expected"])
        # a wrong type id is refused with the field named
        with self.assertRaises(Exception) as caught:
            models.execute_kw(
                db,
                uid,
                "integrator_req_pw",
                "service.request",
                "create",
                [{"type_id": 999999, "partner_id": self.customer.id}],
            )
        self.assertIn("service.request.type", str(caught.exception))
