# covers: BAS-04
from odoo import api, models

from .service_protected_fields_mixin import QUIET, internal_switch_active

CANCEL_STATES = ("cancel", "cancelled")


class ServiceAuditMixin(models.AbstractModel):
    """Inherit to get creation, changes of tracked fields, cancellation and
    deletion of a document written to ``service.audit.log``.

    Batch jobs that create thousands of documents run inside
    ``internal_switch(QUIET)`` and log one summary themselves; no context key
    a caller could send turns the audit off.
    """

    _name = "service.audit.mixin"
    _description = "Service Audit Mixin"
    # every audited document also gets protected workflow fields and checked
    # values (service.protected.fields.mixin)
    _inherit = ["service.protected.fields.mixin"]

    def _valid_field_parameter(self, field, name):
        # "tracking" marks audited fields on models without a chatter too
        return name == "tracking" or super()._valid_field_parameter(field, name)

    def _audit_enabled(self):
        return not internal_switch_active(QUIET)

    def _audit_filter(self):
        """Records of this recordset worth auditing (all, by default)."""
        return self

    def _audit_tracked_fields(self):
        return [
            name
            for name, field in self._fields.items()
            if getattr(field, "tracking", None) and field.store
        ]

    @api.model
    def _audit_format_value(self, field, value):
        if field.type in ("many2one",):
            return value.display_name or ""
        if field.type in ("many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value or "")
        if value is False or value is None:
            return ""
        return str(value)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records._audit_enabled():
            self.env["service.audit.log"]._log(records._audit_filter(), "create")
        return records

    def write(self, vals):
        audited = self._audit_filter() if self._audit_enabled() else self.browse()
        if not audited:
            return super().write(vals)
        names = [name for name in self._audit_tracked_fields() if name in vals]
        fields_ = [self._fields[name] for name in names]
        before = {
            record.id: [self._audit_format_value(f, record[f.name]) for f in fields_]
            for record in audited
        }
        result = super().write(vals)
        if names:
            changes = {}
            for record in audited:
                lines = []
                for field, old in zip(fields_, before[record.id], strict=True):
                    new = self._audit_format_value(field, record[field.name])
                    if old != new:
                        label = field._description_string(self.env)
                        lines.append(f"{label}: {old} → {new}")
                if lines:
                    changes[record.id] = "\n".join(lines)
            changed = audited.filtered(lambda r: r.id in changes)
            cancelled = changed.filtered(
                lambda r: "state" in names and r.state in CANCEL_STATES
            )
            log = self.env["service.audit.log"]
            if cancelled:
                log._log(cancelled, "cancel", changes)
            if changed - cancelled:
                log._log(changed - cancelled, "write", changes)
        return result

    def unlink(self):
        if self._audit_enabled():
            self.env["service.audit.log"]._log(self._audit_filter(), "unlink")
        return super().unlink()
