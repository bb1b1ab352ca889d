# covers: REQ-01, BAS-02
from odoo.tests import tagged

from .common import RequestCase


@tagged("post_install", "-at_install")
class TestRequestAccess(RequestCase):
    def test_access_matrix(self):
        self.assertMatrix(
            {
                "service.request": {
                    "internal": "",
                    "service_user": "rwc",
                    "supervisor": "rwc",
                    "manager": "rwcu",
                    "collector": "",
                    "agent": "",
                    "portal": "r",
                },
                "service.request.type": {
                    "service_user": "r",
                    "manager": "rwcu",
                    "portal": "r",
                    "internal": "",
                },
                "service.request.stage": {
                    "service_user": "r",
                    "manager": "rwcu",
                    "portal": "r",
                },
                "service.request.team": {
                    "service_user": "r",
                    "supervisor": "rwc",
                    "manager": "rwcu",
                    "portal": "",
                },
                "service.request.postponement": {
                    "service_user": "rwc",
                    "manager": "rwcu",
                    "portal": "",
                },
                "service.request.line": {
                    "service_user": "rwcu",
                    "portal": "",
                },
                "service.request.report": {
                    "service_user": "r",
                    "portal": "",
                },
            }
        )

    def test_other_company_cannot_see_or_change_requests(self):
        request = self._request()
        self.assertIsolated(request, self.manager_b)
        self.assertIsolated(self.type, self.manager_b)
        self.assertIsolated(self.team, self.manager_b)

    def test_portal_user_sees_only_his_own_requests(self):
        portal_user = self.users["portal"]
        portal_user.partner_id.parent_id = self.customer
        own = self._request()
        other_customer = self.env["res.partner"].create(
            {"name": "Other customer", "company_id": self.company_a.id}
        )
        other = self._request(partner_id=other_customer.id)
        visible = self.env["service.request"].with_user(portal_user).search([])
        self.assertIn(own, visible)
        self.assertNotIn(other, visible)
