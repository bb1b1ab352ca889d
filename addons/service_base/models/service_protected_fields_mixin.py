# covers: BAS-02, API-01
import contextlib
import contextvars
import math
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Internal switches (write protected fields, quiet batch work, billing-run
# posting) live in the running Python code, never in a caller's context: a
# value sent over XML-RPC or JSON-2 cannot turn them on.
_SWITCHES = contextvars.ContextVar("service_internal_switches", default=frozenset())

QUIET = "quiet"
"""Batch work: no per-record audit line, no chatter tracking (one summary)."""

# Context keys that hide a change from chatter or the audit trail; a caller's
# values are dropped unless the running code turned ``QUIET`` on (or is sudo).
CALLER_QUIET_KEYS = ("tracking_disable", "mail_notrack", "service_audit_skip")

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2999, 12, 31)
MAX_INTEGER = 2**31 - 1
MAX_AMOUNT = 1e13


@contextlib.contextmanager
def internal_switch(*names):
    """Turn internal switches on for the code running inside the block."""
    token = _SWITCHES.set(_SWITCHES.get() | frozenset(names))
    try:
        yield
    finally:
        _SWITCHES.reset(token)


def internal_switch_active(name):
    return name in _SWITCHES.get()


class ServiceProtectedFieldsMixin(models.AbstractModel):
    """Workflow and control fields change only through the document's own
    transition methods; numbers and dates are checked for type and range.

    A document declares:

    - ``_service_protected_fields``: fields that ``create`` cannot set (beyond
      their default) and ``write`` cannot change, for every caller;
    - ``_service_protected_free_states``: {field: states} where a protected
      field may still be written (e.g. a round's collector while in draft),
      by the group of ``_service_protected_free_groups`` {field: group xml id}
      when one is given;
    - ``_service_transitions``: {method: group xml id} the transition methods
      and the group each requires (checked by ``_service_check_transition``);
    - ``_service_field_bounds``: {field: (minimum, maximum)} for numbers.

    Declarations add up along the inheritance (a mixin declares its own
    fields, the document adds its). Transition methods write protected fields
    with ``_service_write_protected`` after checking the caller's group and
    the current state. Superuser code (crons, ``sudo()`` after a check) is
    trusted as well.
    """

    _name = "service.protected.fields.mixin"
    _description = "Service Protected Fields Mixin"

    _service_protected_fields = ()
    _service_protected_free_states = {}
    _service_protected_free_groups = {}
    _service_transitions = {}
    _service_field_bounds = {}

    @classmethod
    def _service_declared(cls, attribute):
        """``attribute`` merged over the class hierarchy (cached per class)."""
        cache = cls.__dict__.get("_service_declared_cache")
        if cache is None:
            cache = {}
            cls._service_declared_cache = cache
        if attribute not in cache:
            merged = {}
            for klass in reversed(cls.mro()):
                value = klass.__dict__.get(attribute)
                if isinstance(value, dict):
                    merged.update(value)
                elif value:
                    merged.update(dict.fromkeys(value))
            cache[attribute] = merged
        return cache[attribute]

    @api.model
    def _service_protected_names(self):
        return [
            name
            for name in self._service_declared("_service_protected_fields")
            if name in self._fields
        ]

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _service_protected_allowed(self):
        return self.env.su or internal_switch_active(f"protected:{self._name}")

    @contextlib.contextmanager
    def _service_transition(self):
        """Block inside which this model's protected fields may be written."""
        with internal_switch(f"protected:{self._name}"):
            yield

    def _service_write_protected(self, vals):
        with self._service_transition():
            return self.write(vals)

    @api.model
    def _service_create_protected(self, vals_list):
        with self._service_transition():
            return self.create(vals_list)

    def _service_check_transition(self, method, states=None):
        """Refuse ``method`` unless the caller has its group (from
        ``_service_transitions``) and every record is in ``states``."""
        group = self._service_declared("_service_transitions").get(method)
        if group and not self.env.su and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "%(action)s on %(document)s: only %(group)s may do this.",
                    action=method,
                    document=self._description,
                    group=self.env.ref(group).sudo().full_name,
                )
            )
        # a transition changes the records: the caller must be allowed to
        # write them (access rights and record rules, e.g. his companies)
        self.check_access("write")
        if states:
            for record in self:
                if record.state not in states:
                    raise UserError(
                        self.env._(
                            "%(document)s is %(state)s: %(action)s needs it "
                            "%(states)s.",
                            document=record.display_name,
                            state=record._service_state_label(),
                            action=method,
                            states=", ".join(
                                record._service_state_label(s) for s in states
                            ),
                        )
                    )

    def _service_state_label(self, state=None):
        state = state or self.state
        return dict(self._fields["state"]._description_selection(self.env)).get(
            state, state
        )

    # ------------------------------------------------------------------
    # Checks in create / write
    # ------------------------------------------------------------------
    def _service_protected_field_label(self, name):
        return self._fields[name]._description_string(self.env)

    def _service_refuse_protected(self, name):
        raise UserError(
            self.env._(
                "%(field)s of %(document)s changes only through the document's "
                "own actions (buttons), which check your role and its state; it "
                "cannot be set directly.",
                field=self._service_protected_field_label(name),
                document=self._description,
            )
        )

    def _service_free_states(self, name):
        """States in which the caller may still write protected ``name``."""
        free = self._service_declared("_service_protected_free_states").get(name)
        group = self._service_declared("_service_protected_free_groups").get(name)
        if free and group and not self.env.user.has_group(group):
            return ()
        return free or ()

    def _service_check_protected_create(self, vals_list):
        for vals in vals_list:
            for name in self._service_protected_names():
                if name not in vals:
                    continue
                field = self._fields[name]
                default = field.default(self) if field.default else False
                value = vals[name]
                if field.type == "many2one" and isinstance(value, models.BaseModel):
                    value = value.id
                if isinstance(default, models.BaseModel):
                    default = default.id
                free = self._service_free_states(name)
                if (
                    free
                    and vals.get("state", self._fields["state"].default(self)) in free
                ):
                    continue
                if value != default and (value or default):
                    self._service_refuse_protected(name)

    def _service_check_protected_write(self, vals):
        for name in self._service_protected_names():
            if name not in vals:
                continue
            free = self._service_free_states(name)
            if free and all(record.state in free for record in self):
                continue
            self._service_refuse_protected(name)

    def _service_value_error(self, name, allowed):
        raise ValidationError(
            self.env._(
                "%(field)s: %(allowed)s.",
                field=self._fields[name]._description_string(self.env),
                allowed=allowed,
            )
        )

    def _service_check_values(self, vals):
        """Refuse values of a wrong type or out of range, naming the field."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or value is False or value is None:
                continue
            if field.type in ("integer", "float", "monetary"):
                self._service_check_number(field, value)
            elif field.type in ("date", "datetime"):
                self._service_check_date(field, value)
            elif field.type == "many2one" and not (
                isinstance(value, models.BaseModel)
                or (isinstance(value, int) and not isinstance(value, bool))
            ):
                self._service_value_error(
                    name, self.env._("expects a record id (a whole number)")
                )

    def _service_check_number(self, field, value):
        name = field.name
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self._service_value_error(name, self.env._("expects a number"))
        try:
            number = float(value)
        except ValueError:
            self._service_value_error(name, self.env._("expects a number"))
        if not math.isfinite(number):
            self._service_value_error(name, self.env._("expects a finite number"))
        if field.type == "integer":
            low, high = -MAX_INTEGER, MAX_INTEGER
        else:
            low, high = -MAX_AMOUNT, MAX_AMOUNT
        bounds = self._service_declared("_service_field_bounds").get(name)
        if bounds:
            low = max(low, bounds[0]) if bounds[0] is not None else low
            high = min(high, bounds[1]) if bounds[1] is not None else high
        if not low <= number <= high:
            self._service_value_error(
                name,
                self.env._(
                    "%(value)s is out of range; allowed from %(low)s to %(high)s",
                    value=value,
                    low=f"{low:g}",
                    high=f"{high:g}",
                ),
            )

    def _service_check_date(self, field, value):
        name = field.name
        try:
            if field.type == "date":
                day = fields.Date.to_date(value)
            else:
                moment = fields.Datetime.to_datetime(value)
                day = moment.date() if isinstance(moment, datetime) else moment
        except (ValueError, TypeError):
            self._service_value_error(
                name, self.env._("expects a date written YYYY-MM-DD")
            )
        if not isinstance(day, date) or not MIN_DATE <= day <= MAX_DATE:
            self._service_value_error(
                name,
                self.env._(
                    "%(value)s is out of range; allowed from %(low)s to %(high)s",
                    value=value,
                    low=MIN_DATE.isoformat(),
                    high=MAX_DATE.isoformat(),
                ),
            )

    def _service_caller_safe(self):
        """This recordset without the caller's quiet keys (unless trusted)."""
        context = self.env.context
        if self.env.su or internal_switch_active(QUIET):
            return self
        if not any(context.get(key) for key in CALLER_QUIET_KEYS):
            return self
        # replace the context: with_context() would merge the keys back
        return self.with_env(
            self.env(
                context={k: v for k, v in context.items() if k not in CALLER_QUIET_KEYS}
            )
        )

    def _service_without_protected_defaults(self):
        """Drop ``default_<protected field>`` from the caller's context."""
        keys = {f"default_{name}" for name in self._service_protected_names()}
        if not keys & set(self.env.context):
            return self
        return self.with_env(
            self.env(
                context={k: v for k, v in self.env.context.items() if k not in keys}
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._service_check_values(vals)
        model = self
        if not self._service_protected_allowed():
            self._service_check_protected_create(vals_list)
            model = model._service_without_protected_defaults()
        model = model._service_caller_safe()
        records = super(ServiceProtectedFieldsMixin, model).create(vals_list)
        return records.with_env(self.env)

    def write(self, vals):
        self._service_check_values(vals)
        if not self._service_protected_allowed():
            self._service_check_protected_write(vals)
        records = self._service_caller_safe()
        return super(ServiceProtectedFieldsMixin, records).write(vals)
