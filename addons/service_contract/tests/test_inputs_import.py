# covers: CON-03, CON-05
from odoo.tests import tagged

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestInputsImport(ContractCase):
    def _import(self, csv_text):
        """Odoo's own CSV import, as the Formula Inputs list offers it."""
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "service.contract.input",
                "file": csv_text.encode(),
                "file_type": "text/csv",
                "file_name": "inputs.csv",
            }
        )
        return wizard.execute_import(
            ["line_id/.id", "period_start", "name", "value"],
            [],
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "date_format": "%Y-%m-%d",
            },
        )

    def test_inputs_imported_from_csv_are_billed(self):
        contract = self._contract(months_ago=0)
        line = contract.line_ids.filtered("formula_id")
        start = contract.date_start
        result = self._import(
            "line,period,input,value\n"
            f"{line.id},{start},hours,10\n"
            f"{line.id},{start},rate,12.5\n"
        )
        self.assertFalse(result["messages"], result["messages"])
        invoice = self._run().invoice_ids
        # 100 + 60 + 10 h x 12.50
        self.assertAlmostEqual(invoice.amount_untaxed, 285.0)

    def test_a_bad_row_imports_nothing_and_says_why(self):
        contract = self._contract(months_ago=0)
        line = contract.line_ids.filtered("formula_id")
        result = self._import(
            "line,period,input,value\n"
            f"{line.id},{contract.date_start},hours,10\n"
            f"{line.id},{contract.date_start},guards,3\n"
        )
        self.assertTrue(result["messages"])
        self.assertIn("'guards' is not an input", result["messages"][0]["message"])
        self.assertFalse(
            self.env["service.contract.input"].search([("line_id", "=", line.id)])
        )
