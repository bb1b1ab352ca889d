# covers: BAS-05
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _get_untranslatable_fields_to_translate(self):
        """Journal codes stay plain ASCII, whatever the company's language.

        Odoo translates the default journal codes into the language of the
        company's partner ("INV" becomes ``الفاتورة`` in Arabic, ``FATT`` in
        Italian). A journal code is the prefix of every document number, printed
        for readers of every language and on ledgers shared between companies:
        with Arabic codes the numbers read ``الفات/2026/00001`` and scramble in
        left-to-right pages. Journal names stay translated."""
        fields_by_model = dict(super()._get_untranslatable_fields_to_translate())
        if "account.journal" in fields_by_model:
            fields_by_model["account.journal"] = [
                field for field in fields_by_model["account.journal"] if field != "code"
            ]
        return fields_by_model
