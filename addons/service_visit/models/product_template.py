# covers: VIS-02
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    service_visit_checklist = fields.Text(
        "Visit Checklist",
        translate=True,
        help="One check per line: copied into every visit planned for this "
        "service, for the technician to tick.",
    )

    def _service_visit_checklist_names(self):
        """The checklist lines of a visit of this service, in order."""
        self.ensure_one()
        return [
            line.strip()
            for line in (self.service_visit_checklist or "").splitlines()
            if line.strip()
        ]
