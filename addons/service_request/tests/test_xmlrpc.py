# covers: REQ-01, REQ-02, API-01, API-02
import importlib.util
import pathlib
from datetime import datetime, timedelta

from odoo.tests import HttpCase, get_db_name, tagged

from .common import RequestCase

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"


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


@tagged("post_install", "-at_install")
class TestRequestApiExamples(RequestCase, HttpCase):
    """docs/examples/requests.py against the live test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        spec = importlib.util.spec_from_file_location(
            "requests_example", EXAMPLES / "requests.py"
        )
        cls.example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cls.example)
        cls.connector = cls.users["service_user"]
        cls.connector.write(
            {"login": "request_connector", "password": "request-Secret-2026"}
        )

    def test_xmlrpc_example_opens_a_request(self):
        with self.allow_requests(all_requests=True):
            request = self.example.open_request_xmlrpc(
                self.base_url(),
                get_db_name(),
                "request_connector",
                "request-Secret-2026",
                self.customer.id,
                "ALF",
                "Camera offline",
                "CALL-77",
            )
        self.assertTrue(request["name"].startswith("ALF/"))
        self.assertEqual(request["ref_incoming"], "CALL-77")
        self.assertIn(request["user_id"][0], self.techs.ids)

    def test_json2_example_opens_a_request(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.connector)
            ._generate(
                scope="rpc",
                name="docs example",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        with self.allow_requests(all_requests=True):
            request = self.example.open_request_json2(
                self.base_url(),
                get_db_name(),
                key,
                self.customer.id,
                "ALF",
                "Door contact fault",
                "CALL-78",
            )
        self.assertTrue(request["name"].startswith("ALF/"))
        self.assertTrue(request["date_expected"])
