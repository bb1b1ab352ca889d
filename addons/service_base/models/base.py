# covers: BAS-01, API-01
from odoo import models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    _inherit = "base"

    def _check_company(self, fnames=None):
        """Odoo's refusal of a record of another company names that record
        (read as superuser): a caller trying ids of a company he has no access
        to would learn its customers' names. Name nothing he may not read
        (issue 16)."""
        try:
            return super()._check_company(fnames)
        except UserError:
            if self.env.su:
                raise
            unreadable = self._service_unreadable_links(fnames)
            if not unreadable:
                raise
            companies = (
                self.sudo().company_id
                if "company_id" in self._fields
                else self.env.company
            )
            raise UserError(
                self.env._(
                    "%(fields)s: the record chosen belongs to a company you have "
                    "no access to; choose one of %(companies)s.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in unreadable
                    ),
                    companies=", ".join(companies.mapped("display_name")),
                )
            ) from None

    def _service_unreadable_links(self, fnames):
        """Company-checked relational fields of ``self`` pointing to records
        the caller may not read."""
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        unreadable = []
        for name in fnames:
            field = self._fields[name]
            if not (field.relational and field.check_company):
                continue
            linked = self.sudo()[name].with_env(self.env)
            if linked and linked != linked._filtered_access("read"):
                unreadable.append(name)
        return unreadable
