# covers: BAS-04
from odoo import api, fields, models
from odoo.exceptions import AccessError


class ServiceAuditLog(models.Model):
    """One line per event on a service document: who did what, when.

    Lines are written with superuser rights by the audit and approval mixins and
    can never be changed or deleted through the ORM, not even by an
    administrator: an audit trail that can be edited proves nothing.
    """

    _name = "service.audit.log"
    _description = "Service Audit Log"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    res_model = fields.Char("Document Model", required=True, readonly=True, index=True)
    res_model_name = fields.Char("Document Type", readonly=True)
    res_id = fields.Many2oneReference(
        "Document ID", model_field="res_model", required=True, readonly=True, index=True
    )
    res_name = fields.Char("Document", readonly=True)
    action = fields.Selection(
        [
            ("create", "Created"),
            ("write", "Changed"),
            ("request", "Approval requested"),
            ("approve", "Approved"),
            ("reject", "Rejected"),
            ("reset", "Approval reset"),
            ("cancel", "Cancelled"),
            ("unlink", "Deleted"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    changes = fields.Text(readonly=True, help="Field: old value → new value")
    note = fields.Char(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("Audit log lines are written by the system only.")
            )
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        raise AccessError(self.env._("Audit log lines cannot be changed."))

    def unlink(self):  # pylint: disable=method-required-super
        raise AccessError(  # pylint: disable=no-raise-unlink
            self.env._("Audit log lines cannot be deleted.")
        )

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    @api.model
    def _log(self, records, action, changes_by_id=None, note=None):
        """Write one line per record in a single INSERT batch."""
        if not records:
            return self.browse()
        changes_by_id = changes_by_id or {}
        model_name = self.env["ir.model"]._get(records._name).name
        default_company = self.env.company
        vals_list = []
        for record in records:
            company = (
                record.company_id
                if "company_id" in record._fields and record.company_id
                else default_company
            )
            vals_list.append(
                {
                    "user_id": self.env.uid,
                    "company_id": company.id,
                    "res_model": record._name,
                    "res_model_name": model_name,
                    "res_id": record.id,
                    "res_name": record.display_name,
                    "action": action,
                    "changes": changes_by_id.get(record.id),
                    "note": note,
                }
            )
        return self.sudo().create(vals_list)
