# covers: VIS-02
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from odoo.addons.service_catalog.tools import periods
from odoo.addons.service_catalog.tools.periods import VISIT_FREQUENCIES


class ServiceContractLine(models.Model):
    _inherit = "service.contract.line"

    visit_frequency = fields.Selection(
        VISIT_FREQUENCIES,
        compute="_compute_visit_frequency",
        store=True,
        readonly=False,
        tracking=True,
        help="How often the service is visited on site; from the service by "
        "default. Visits are planned from the line's (or contract's) start.",
    )
    visit_technician_ids = fields.Many2many(
        "res.users",
        "service_contract_line_technician_rel",
        "line_id",
        "user_id",
        string="Visit Technicians",
        domain="[('share', '=', False)]",
        help="Technicians assigned to the visits planned for this line.",
    )
    visit_ids = fields.One2many("service.visit", "contract_line_id", string="Visits")

    @api.depends("product_id")
    def _compute_visit_frequency(self):
        for line in self:
            line.visit_frequency = (
                line.product_id.product_tmpl_id.service_visit_frequency or "none"
            )

    @api.model
    def _visit_plan_line_ids(self, company, date_from, date_until, id_range=None):
        """Lines of the company's active contracts with a visit frequency that
        run at some time between ``date_from`` and ``date_until`` (with ids
        within ``id_range`` when given: a slice of the planning)."""
        self.flush_model()
        self.env["service.contract"].flush_model()
        self.env.cr.execute(
            """
            SELECT line.id
              FROM service_contract_line line
              JOIN service_contract contract ON contract.id = line.contract_id
             WHERE contract.company_id = %(company)s
               AND contract.state = 'active'
               AND COALESCE(line.visit_frequency, 'none') != 'none'
               AND GREATEST(contract.date_start, line.date_start) <= %(until)s
               AND (line.date_end IS NULL OR line.date_end >= %(from)s)
               AND (contract.date_end IS NULL OR contract.date_end >= %(from)s)
               AND (%(first)s IS NULL OR line.id BETWEEN %(first)s AND %(last)s)
             ORDER BY line.id
            """,
            {
                "company": company.id,
                "from": date_from,
                "until": date_until,
                "first": id_range and id_range[0],
                "last": id_range and id_range[1],
            },
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _visit_due_dates(self, date_from, date_until):
        """Due dates of this line's visits between ``date_from`` and
        ``date_until``: every step of the frequency from the line's start (or
        the contract's), never before that start nor after the line's or the
        contract's end."""
        self.ensure_one()
        step = periods.period_step(self.visit_frequency)
        contract = self.contract_id
        if not step or not contract.date_start:
            return []
        unit, size = step
        anchor = max(d for d in (contract.date_start, self.date_start) if d)
        last = min(d for d in (self.date_end, contract.date_end, date_until) if d)
        first = max(anchor, date_from) if date_from else anchor
        if first > last:
            return []
        # jump close to ``first`` instead of walking from a start years ago
        if unit == "weeks":
            count = (first - anchor).days // 7 // size
        else:
            months = (first.year - anchor.year) * 12 + first.month - anchor.month
            count = max(months // size - 1, 0)
        dates = []
        while True:
            if unit == "weeks":
                due = anchor + timedelta(weeks=count * size)
            else:
                # from the anchor each time: a start on the 31st stays on
                # month ends (31 Jan, 30 Apr, 31 Jul...)
                due = anchor + relativedelta(months=count * size)
            if due > last:
                return dates
            if due >= first:
                dates.append(due)
            count += 1

    def _visit_values(self, date_due, items=None):
        """Values of the visit planned for this line on ``date_due``; the item
        is set when the line covers exactly one item in service."""
        self.ensure_one()
        contract = self.contract_id
        item = items if items and len(items) == 1 else self.env["service.item"]
        product = self.product_id.product_tmpl_id.with_context(
            lang=contract.partner_id.lang or self.env.lang
        )
        return {
            "company_id": self.company_id.id,
            "contract_line_id": self.id,
            "item_id": item.id,
            "partner_id": (item.partner_id or contract.partner_id).id,
            "site_partner_id": item.site_partner_id.id,
            "date_due": date_due,
            "technician_ids": [Command.set(self.visit_technician_ids.ids)],
            "checklist_line_ids": [
                Command.create({"sequence": index, "name": name})
                for index, name in enumerate(product._service_visit_checklist_names())
            ],
        }
