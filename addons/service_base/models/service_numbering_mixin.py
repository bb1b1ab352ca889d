# covers: BAS-07
from odoo import api, models


class ServiceNumberingMixin(models.AbstractModel):
    """Numbers a document from an ``ir.sequence`` when it is created with the
    name "/" (or none): the one rule every numbered document of the suite
    follows (issue 11).

    A model sets ``_numbering_code`` (the sequence code) and, to number per
    company, ``_numbering_prefix``: a company without its own sequence of that
    code gets one on demand (prefix + five digits), so a new company numbers
    from 1 without data files. Override ``_numbering_sequence_values`` for
    another format.
    """

    _name = "service.numbering.mixin"
    _description = "Service Numbering"

    # ir.sequence code, e.g. "service.contract"
    _numbering_code = None
    # prefix of the per-company sequence created on demand (None: use the
    # code's sequences as they are, shared or per company)
    _numbering_prefix = None
    # field holding the number
    _numbering_field = "name"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get(self._numbering_field, "/") in ("/", False, None):
                vals[self._numbering_field] = self._next_number(vals)
        return super().create(vals_list)

    @api.model
    def _numbering_company(self, vals):
        company_id = vals.get("company_id") or self.env.company.id
        return self.env["res.company"].browse(company_id)

    @api.model
    def _next_number(self, vals):
        company = self._numbering_company(vals)
        sequences = self.env["ir.sequence"].with_company(company)
        number = sequences.next_by_code(self._numbering_code)
        if not number and self._numbering_prefix:
            self._numbering_sequence(company)
            number = sequences.next_by_code(self._numbering_code)
        return number or "/"

    @api.model
    def _numbering_sequence_values(self, company):
        return {
            "name": f"{self._description} ({company.name})",
            "code": self._numbering_code,
            "prefix": self._numbering_prefix,
            "padding": 5,
            "company_id": company.id,
        }

    @api.model
    def _numbering_sequence(self, company):
        """The company's sequence of this document, created if missing."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", self._numbering_code), ("company_id", "=", company.id)],
            limit=1,
        )
        return sequence or Sequence.create(self._numbering_sequence_values(company))
