# covers: API-01, BAS-02
"""Role x field matrix over real XML-RPC, generated from the models: for every
suite model with protected workflow fields, every protected field and every
declared transition method, each role tries ``create``, ``write`` and the
method. A refused call changes nothing (re-read as superuser); a transition
goes through only for a role holding its group."""

import base64
import logging
import time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RulesCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestRulesMatrix(RulesCase):
    def _protected_models(self):
        return {
            name: model
            for name, model in self.env.items()
            if not model._abstract
            and not model._transient
            and hasattr(model, "_service_protected_names")
            and model._service_protected_names()
        }

    def _other_value(self, record, field, value=None):
        """A value of ``field`` other than ``value`` (default: the record's)."""
        value = record[field.name] if value is None else value
        kind = field.type
        if kind == "selection":
            options = [key for key, __ in field._description_selection(self.env)]
            return next(option for option in options if option != value)
        if kind == "boolean":
            return not value
        if kind == "integer":
            return (value or 0) + 7
        if kind in ("float", "monetary"):
            return (value or 0.0) + 7.5
        if kind == "date":
            return "2031-01-15"
        if kind == "datetime":
            return "2031-01-15 10:00:00"
        if kind in ("char", "text", "html"):
            return "set by the caller"
        if kind == "binary":
            return base64.b64encode(b"set by the caller").decode()
        if kind == "many2one_reference":
            return (value or 0) + 1
        comodel = self.env[field.comodel_name].sudo()
        current = value.ids if hasattr(value, "ids") else [value] if value else []
        other = comodel.search([("id", "not in", current)], limit=1)
        if kind == "many2one":
            return other.id
        return [(6, 0, other.ids)]

    def test_every_protected_field_and_transition_for_every_role(self):
        models = self._protected_models()
        # every suite document protects its workflow fields, and every model
        # that does is in the matrix
        self.assertEqual(set(models), set(self.documents))
        started = time.perf_counter()
        calls = 0
        with mute_logger("odoo.http", "odoo.service.model", "odoo.sql_db"):
            for model_name in sorted(models):
                record, make_vals = self.documents[model_name]
                Model = self.env[model_name]
                names = Model._service_protected_names()
                transitions = Model._service_declared("_service_transitions")
                for role, user in self.users.items():
                    with self.subTest(model=model_name, role=role):
                        calls += self._check_role(
                            record, make_vals, names, transitions, user
                        )
        duration = time.perf_counter() - started
        _logger.info(
            "Rules matrix: %s models, %s refused calls in %.1f s",
            len(models),
            calls,
            duration,
        )
        # a few minutes at most for the whole matrix
        self.assertLess(duration, 240, f"{calls} calls")

    def _check_role(self, record, make_vals, names, transitions, user):
        calls = 0
        model_name = record._name
        as_user = record.with_user(user)
        before = self.snapshot(record, names)
        # write: every protected field, one at a time
        for name in names:
            field = record._fields[name]
            free = as_user._service_free_states(name)
            if free and record.state in free:
                continue  # still open to this role in this state
            self.assertRefused(
                user,
                model_name,
                "write",
                [record.id],
                {name: self._other_value(record, field)},
            )
            calls += 1
            self.assertEqual(self.snapshot(record, names), before, f"write {name}")
        # create: a protected field set beyond its default
        count = (
            self.env[model_name].sudo().with_context(active_test=False).search_count([])
        )
        for index, name in enumerate(names, start=1):
            field = record._fields[name]
            vals = make_vals(100 + index)
            free = as_user._service_free_states(name)
            if free and vals.get("state", "draft") in free:
                continue
            default = field.default(record) if field.default else False
            vals[name] = self._other_value(record, field, default)
            self.assertRefused(user, model_name, "create", vals)
            calls += 1
        self.assertEqual(
            self.env[model_name]
            .sudo()
            .with_context(active_test=False)
            .search_count([]),
            count,
            "a refused create left a record",
        )
        # transitions: refused, and harmless, without their group
        for method, group in transitions.items():
            if user.has_group(group) and user.company_id == record.company_id:
                continue  # its own flow tests cover it
            self.assertRefused(user, model_name, method, [record.id])
            calls += 1
            self.assertEqual(self.snapshot(record, names), before, method)
        return calls
