# covers: VIS-01, VIS-02, VIS-03
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# sequence code -> (xml id of the default sequence, prefix, padding)
SEQUENCES = {
    "service.item": ("service_visit.seq_service_item", "ITM/%(year)s/", 5),
    "service.visit": ("service_visit.seq_service_visit", "VIS/%(year)s/", 5),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    service_visit_horizon_days = fields.Integer(
        "Visit Planning Horizon (days)",
        default=90,
        help="Scheduled visits of active contracts are generated this many days "
        "ahead, every day.",
    )
    service_visit_alert_days = fields.Integer(
        "Visit Reminder (days)",
        default=7,
        help="Technicians get a to-do this many days before a visit falls due.",
    )

    @api.constrains("service_visit_horizon_days", "service_visit_alert_days")
    def _check_service_visit_days(self):
        for company in self:
            if company.service_visit_horizon_days < 0:
                raise ValidationError(
                    self.env._(
                        "Visit Planning Horizon (days): cannot be negative for "
                        "%(company)s; enter 0 or more days.",
                        company=company.name,
                    )
                )
            if company.service_visit_alert_days < 0:
                raise ValidationError(
                    self.env._(
                        "Visit Reminder (days): cannot be negative for %(company)s; "
                        "enter 0 or more days.",
                        company=company.name,
                    )
                )

    def _service_visit_sequence(self, code):
        """The company's own sequence for ``code`` (items or visits), created
        on first use from the default one shipped with the addon, so that each
        company numbers its items and visits from 1."""
        self.ensure_one()
        sequences = self.env["ir.sequence"].sudo()
        sequence = sequences.search(
            [("code", "=", code), ("company_id", "=", self.id)], limit=1
        )
        if sequence:
            return sequence
        xmlid, prefix, padding = SEQUENCES[code]
        default = self.env.ref(xmlid, raise_if_not_found=False)
        return sequences.create(
            {
                "name": f"{default.name if default else code} ({self.name})",
                "code": code,
                "company_id": self.id,
                "prefix": default.prefix if default else prefix,
                "suffix": default.suffix if default else False,
                "padding": default.padding if default else padding,
                "implementation": default.implementation if default else "standard",
            }
        )

    def _service_visit_next_numbers(self, code, count):
        """``count`` new numbers of the company's sequence ``code`` at once:
        one query for a standard sequence, however many numbers."""
        self.ensure_one()
        if count <= 0:
            return []
        sequence = self._service_visit_sequence(code)
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for __ in range(count)]
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            [f"ir_sequence_{sequence.id:03d}", count],
        )
        numbers = sorted(row[0] for row in self.env.cr.fetchall())
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for number in numbers]
