# covers: CON-03
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.service_contract.tools.formula_engine import FormulaError


@tagged("post_install", "-at_install")
class TestFormula(TransactionCase):
    def _formula(self, expression, inputs="hours, rate, guards"):
        return self.env["service.formula"].create(
            {"name": "F", "expression": expression, "input_names": inputs}
        )

    def test_arithmetic_comparisons_conditionals_and_functions(self):
        formula = self._formula(
            "max(hours * rate, 500) if guards >= 2 else round(hours * rate / 3, 2)"
        )
        self.assertEqual(formula._evaluate({"hours": 10, "rate": 40, "guards": 2}), 500)
        self.assertEqual(
            formula._evaluate({"hours": 30, "rate": 40, "guards": 3}), 1200
        )
        self.assertEqual(formula._evaluate({"hours": 10, "rate": 1, "guards": 1}), 3.33)
        chained = self._formula("1 if 0 < hours <= 10 and not guards else abs(-rate)")
        self.assertEqual(chained._evaluate({"hours": 5, "rate": 7, "guards": 0}), 1)
        self.assertEqual(chained._evaluate({"hours": 11, "rate": 7, "guards": 0}), 7)

    def test_builtin_values_are_allowed(self):
        formula = self._formula(
            "quantity * price_unit * period_ratio + previous_amount * 0", ""
        )
        self.assertEqual(
            formula._evaluate(
                {
                    "quantity": 2,
                    "price_unit": 10,
                    "period_ratio": 0.5,
                    "previous_amount": 99,
                }
            ),
            10,
        )

    def test_sandbox_escapes_are_refused_when_saved(self):
        for expression, reason in (
            ("__import__('os').system('id')", "only the functions"),
            ("hours.__class__", "Attribute"),
            ("().__class__.__bases__[0]", "not allowed"),
            ("__builtins__", "not allowed"),
            ("(lambda: 1)()", "only the functions"),
            ("lambda: 1", "Lambda"),
            ("[x for x in (1, 2)]", "ListComp"),
            ("hours[0]", "Subscript"),
            ("open('/etc/passwd')", "only the functions"),
            ("eval('1')", "only the functions"),
            ("9 ** 9 ** 9", "exponent"),
            ("hours ** 1000", "exponent"),
            ("hours ** rate", "exponent"),
            ("'a' * 1000", "only numbers"),
            ("1e300 * 1e300", "too large"),
            ("max(*[1, 2])", "arguments are not allowed"),
            ("round(hours, ndigits=2)", "named arguments"),
            ("hours if True else rate", "only numbers"),
            ("hours := 3", "syntax error"),
        ):
            with (
                self.subTest(expression=expression),
                self.assertRaisesRegex(ValidationError, f"Expression of 'F'.*{reason}"),
            ):
                self._formula(expression)

    def test_syntax_errors_and_unknown_inputs_name_the_problem(self):
        with self.assertRaisesRegex(ValidationError, "syntax error at column"):
            self._formula("hours * (rate")
        with self.assertRaisesRegex(ValidationError, "unknown input.*minimum"):
            self._formula("max(hours * rate, minimum)")
        with self.assertRaisesRegex(ValidationError, "Inputs: 'Hours!'"):
            self._formula("1", "Hours!")

    def test_runtime_errors_are_reported_not_raised_as_crashes(self):
        formula = self._formula("hours / rate")
        with self.assertRaisesRegex(FormulaError, "division by zero"):
            formula._evaluate({"hours": 1, "rate": 0})
        big = self._formula("hours ** 12 * rate ** 12")
        with self.assertRaisesRegex(FormulaError, "out of range"):
            big._evaluate({"hours": 1e6, "rate": 1e6})
        with self.assertRaisesRegex(FormulaError, "no value for input 'rate'"):
            formula._evaluate({"hours": 1})
