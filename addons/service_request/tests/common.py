"""A request team of three technicians in company A, a complaint type with
extra fields, and a customer."""

from datetime import datetime

from odoo.addons.service_base.tests.common import ServiceCase


class RequestCase(ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.techs = cls.env["res.users"]
        for index in range(3):
            cls.techs |= cls._make_user(
                f"tech{index}_a", "service_base.group_service_user", cls.company_a
            )
        cls.team = cls.env["service.request.team"].create(
            {
                "name": "Alarm technicians",
                "company_id": cls.company_a.id,
                "member_ids": [(6, 0, cls.techs.ids)],
                "supervisor_id": cls.users["supervisor"].id,
                "manager_id": cls.users["manager"].id,
            }
        )
        cls.type = cls.env["service.request.type"].create(
            {
                "name": "Alarm fault",
                "kind": "maintenance",
                "code": "ALF",
                "company_id": cls.company_a.id,
                "team_id": cls.team.id,
                "ack_hours": 2,
                "sla_hours": 16,
                "properties_definition": [
                    {"name": "zone", "string": "Zone", "type": "char"}
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Harbour Authority",
                "service_is_customer": True,
                "is_company": True,
                "email": "harbour@example.com",
                "company_id": cls.company_a.id,
            }
        )
        cls.stage_new = cls.env.ref("service_request.stage_new")
        cls.stage_progress = cls.env.ref("service_request.stage_in_progress")
        cls.stage_done = cls.env.ref("service_request.stage_done")

    @classmethod
    def _request(cls, user=None, **values):
        Request = cls.env["service.request"]
        if user:
            Request = Request.with_user(user)
        return Request.create(
            dict(
                {
                    "type_id": cls.type.id,
                    "partner_id": cls.customer.id,
                    "date_received": datetime(2026, 11, 2, 8, 0),
                },
                **values,
            )
        )
