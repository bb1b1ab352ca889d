"""Users, companies and helpers shared by the suite's tests."""

import subprocess
import tempfile
import unicodedata

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

ROLE_GROUPS = {
    "internal": "base.group_user",
    "service_user": "service_base.group_service_user",
    "supervisor": "service_base.group_service_supervisor",
    "manager": "service_base.group_service_manager",
    "collector": "service_base.group_service_collector",
    "agent": "service_base.group_service_agent",
    "portal": "base.group_portal",
}


def pdf_text(pdf):
    """Text of a PDF as poppler's pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", file.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


def letters(text):
    """``text`` without spaces or bidi marks, presentation forms unfolded:
    how Arabic read back from a PDF is compared."""
    return "".join(
        char
        for char in unicodedata.normalize("NFKC", text)
        if not char.isspace() and unicodedata.category(char) != "Cf"
    )


class ServiceCase(TransactionCase):
    """Two companies and one user per role in company A, plus a manager of
    company B only: enough to prove rights and company isolation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create(
            {"name": "Service Company B", "currency_id": cls.company_a.currency_id.id}
        )
        cls.users = {
            role: cls._make_user(f"{role}_a", group, cls.company_a)
            for role, group in ROLE_GROUPS.items()
        }
        cls.manager_b = cls._make_user(
            "manager_b", ROLE_GROUPS["manager"], cls.company_b
        )

    @classmethod
    def _make_user(cls, login, groups, company):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            name=login.replace("_", " ").title(),
        )

    def assertMatrix(self, matrix):
        """``matrix``: model -> role -> rights, e.g. {"service.document":
        {"service_user": "rwc", "portal": ""}}."""
        for model, rights in matrix.items():
            for role, expected in rights.items():
                with self.subTest(model=model, role=role):
                    self.assertAccess(model, self.users[role], expected)

    def assertIsolated(self, record, user):
        """``user`` neither finds, reads nor may change ``record``."""
        # a fresh environment: the record's own may carry its company context
        as_user = self.env(user=user, context={})[record._name].browse(record.ids)
        self.assertFalse(as_user.search([("id", "in", record.ids)]))
        with self.assertRaises(AccessError):
            as_user.read(["display_name"])
        with self.assertRaises(AccessError):
            as_user.check_access("write")

    def assertAccess(self, model, user, expected):
        """``expected`` is a string of the rights the user must have, e.g.
        "rw" (read, write) or "" (none); the others must be refused."""
        records = self.env[model].with_user(user)
        for operation, letter in (
            ("read", "r"),
            ("write", "w"),
            ("create", "c"),
            ("unlink", "u"),
        ):
            allowed = records.has_access(operation)
            self.assertEqual(
                allowed,
                letter in expected,
                f"{user.login} {'may' if allowed else 'may not'} {operation} "
                f"{model}, expected rights '{expected}'",
            )
