# covers: DUN-04, RPT-03
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.service_base.tools.amount_words import amount_to_words

from ..models.service_ageing_report import BUCKETS


class ReportServiceStatement(models.AbstractModel):
    """Account statement of customers over a period: opening balance,
    movements, closing balance (opening + movements) and ageing at the end."""

    _name = "report.service_dunning.report_statement"
    _description = "Account Statement"

    @api.model
    def _default_period(self):
        today = fields.Date.context_today(self)
        return today.replace(day=1) - relativedelta(months=1), today

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        partners = self.env["res.partner"].browse(docids)
        default_from, default_to = self._default_period()
        date_from = fields.Date.to_date(data.get("date_from")) or default_from
        date_to = fields.Date.to_date(data.get("date_to")) or default_to
        company = self.env.company
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": self._statements(partners, company, date_from, date_to),
        }

    @api.model
    def _statements(self, partners, company, date_from, date_to):
        """{partner id: statement values}: two queries for all partners."""
        commercial = partners.commercial_partner_id
        self.env["account.move.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.commercial_partner_id, line.date, move.name,
                       line.date_maturity, line.debit, line.credit, line.balance
                  FROM account_move_line line
                  JOIN account_account account ON account.id = line.account_id
                  JOIN account_move move ON move.id = line.move_id
                  JOIN res_partner partner ON partner.id = line.partner_id
                 WHERE line.company_id = %(company)s
                   AND partner.commercial_partner_id = ANY(%(partners)s)
                   AND line.parent_state = 'posted'
                   AND account.account_type = 'asset_receivable'
                   AND line.date <= %(date_to)s
                 ORDER BY partner.commercial_partner_id, line.date, line.id
                """,
                company=company.id,
                partners=commercial.ids,
                date_to=date_to,
            )
        )
        opening, movements = {}, {}
        for (
            partner_id,
            date,
            name,
            due,
            debit,
            credit,
            balance,
        ) in self.env.cr.fetchall():
            if date < date_from:
                opening[partner_id] = opening.get(partner_id, 0.0) + balance
            else:
                movements.setdefault(partner_id, []).append(
                    {
                        "date": date,
                        "name": name,
                        "date_maturity": due,
                        "debit": debit,
                        "credit": credit,
                        "amount": balance,
                    }
                )
        ageing = self.env["service.ageing.report"]._ageing_buckets(
            commercial, company, date_to
        )
        currency = company.currency_id
        result = {}
        for partner in partners:
            key = partner.commercial_partner_id.id
            running = currency.round(opening.get(key, 0.0))
            rows = []
            for row in movements.get(key, []):
                running = currency.round(running + row["amount"])
                rows.append(dict(row, balance=running))
            buckets = ageing.get(key, {})
            result[partner.id] = {
                "currency": currency,
                "date_from": date_from,
                "date_to": date_to,
                "opening": currency.round(opening.get(key, 0.0)),
                "movements": rows,
                "closing": running,
                "closing_words": amount_to_words(
                    self.env, running, currency, partner.lang
                ),
                "buckets": [buckets.get(name, 0.0) for _high, name in BUCKETS],
            }
        return result
