# covers: CON-03, CON-04, API-01
"""Formulas cannot hold a billing worker: hard bounds on evaluation, refused
when the formula is saved where its text shows them, a held contract with a
readable reason otherwise (issue 16)."""

import ast

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.service_contract.tools import formula_engine
from odoo.addons.service_contract.tools.formula_engine import (
    FormulaError,
    FormulaLimitError,
    evaluate,
)

from .common import ContractCase


@tagged("post_install", "-at_install")
class TestFormulaLimits(ContractCase):
    def _formula(self, expression, inputs="hours, rate"):
        return self.env["service.formula"].create(
            {"name": "F", "expression": expression, "input_names": inputs}
        )

    def _write_expression_unchecked(self, formula, expression):
        """As a formula saved before these bounds existed."""
        self.env.cr.execute(
            "UPDATE service_formula SET expression = %s WHERE id = %s",
            [expression, formula.id],
        )
        formula.invalidate_recordset(["expression"])

    def test_huge_round_digits_are_refused_when_saved(self):
        for expression in (
            "round(1, -1000000000000)",
            "round(5, -10000000)",
            "quantity if quantity > 0 else round(1, -1000000000000)",
            "round(hours, 13)",
        ):
            with (
                self.subTest(expression=expression),
                self.assertRaisesRegex(
                    ValidationError, "Expression of 'F'.*round.*between -12 and 12"
                ),
            ):
                self._formula(expression)
        self.assertEqual(
            self._formula("round(hours * rate, -2)").expression[:5], "round"
        )

    def test_operations_on_written_numbers_are_checked_when_saved(self):
        for expression, reason in (
            ("hours + 999999999999999 * 999999999999999", "out of range"),
            ("hours + 1e14 * 100", "out of range"),
            ("hours + 1 / 0", "division by zero"),
            ("(-8) ** 0.5 + hours", "out of range"),
        ):
            with (
                self.subTest(expression=expression),
                self.assertRaisesRegex(ValidationError, f"Expression of 'F'.*{reason}"),
            ):
                self._formula(expression)
        self.assertEqual(self._formula("hours * 10 ** 3")._evaluate({"hours": 2}), 2000)

    def test_min_and_max_with_one_value_are_refused_when_saved(self):
        for expression in ("min(hours)", "max(hours)", "max(hours * rate)"):
            with (
                self.subTest(expression=expression),
                self.assertRaisesRegex(
                    ValidationError, r"Expression of 'F'.*(min|max)\(\) needs at least"
                ),
            ):
                self._formula(expression)

    def test_exact_expressions_of_the_report_never_hang_when_evaluated(self):
        # trees built without the save-time check, as an old database holds them
        for expression, values in (
            ("round(1, -1000000000000)", {}),
            ("quantity if quantity > 0 else round(1, -1000000000000)", {"quantity": 0}),
            ("round(5, -10000000)", {}),
        ):
            with (
                self.subTest(expression=expression),
                self.assertRaisesRegex(FormulaLimitError, "round.*between -12 and 12"),
            ):
                evaluate(ast.parse(expression, mode="eval"), values)
        for expression in ("min(hours)", "max(hours)"):
            with (
                self.subTest(expression=expression),
                self.assertRaisesRegex(FormulaError, "wrong number of arguments"),
            ):
                evaluate(ast.parse(expression, mode="eval"), {"hours": 3})
        # the legitimate case still works
        self.assertEqual(
            evaluate(ast.parse("round(1234.5, -2)", mode="eval"), {}), 1200.0
        )

    def test_digits_from_an_input_stop_the_evaluation(self):
        formula = self._formula("round(hours, rate)")
        self.assertEqual(formula._evaluate({"hours": 2.345, "rate": 2}), 2.35)
        with self.assertRaisesRegex(FormulaLimitError, "between -12 and 12"):
            formula._evaluate({"hours": 1, "rate": -1e12})

    def test_intermediate_numbers_and_operations_are_bounded(self):
        formula = self._formula("hours * rate * rate")
        with self.assertRaisesRegex(FormulaLimitError, "out of range"):
            formula._evaluate({"hours": 1e10, "rate": 1e10})
        with self.assertRaisesRegex(FormulaLimitError, "'hours' is out of range"):
            formula._evaluate({"hours": 1e300, "rate": 1})
        with self.assertRaisesRegex(FormulaLimitError, "out of range"):
            evaluate(ast.parse("(-8) ** 0.5", mode="eval"), {})
        # longer than any formula that can be saved: the budget stops it
        wide = ast.parse("max(" + ", ".join(["hours"] * 20_000) + ")", mode="eval")
        with self.assertRaisesRegex(FormulaLimitError, "more than 10000 steps"):
            evaluate(wide, {"hours": 1})

    def test_parsed_formula_cache_has_a_fixed_size(self):
        compile_expression = formula_engine.compile_expression
        self.assertEqual(
            compile_expression.cache_info().maxsize, formula_engine.CACHE_SIZE
        )
        for number in range(formula_engine.CACHE_SIZE + 50):
            self.assertTrue(compile_expression(f"hours * {number}"))
        self.assertLessEqual(
            compile_expression.cache_info().currsize, formula_engine.CACHE_SIZE
        )

    def test_bounded_formula_holds_its_contract_and_the_run_goes_on(self):
        good = self._contract(months_ago=0)
        self._inputs(good, good.date_start)
        # digits from an input: only billing can see them
        by_input = self._contract(months_ago=0)
        self._inputs(by_input, by_input.date_start, hours=1, rate=-1e12)
        by_input.line_ids.filtered("formula_id").formula_id = self._formula(
            "round(hours, rate)"
        )
        # hidden behind a condition, saved before the bounds existed
        hidden = self._contract(months_ago=0)
        self._inputs(hidden, hidden.date_start, hours=0)
        hidden_formula = self._formula("hours * rate if hours > 0 else 0")
        self._write_expression_unchecked(
            hidden_formula, "hours * rate if hours > 0 else round(5, -10000000)"
        )
        hidden.line_ids.filtered("formula_id").formula_id = hidden_formula
        one_argument = self._contract(months_ago=0)
        self._inputs(one_argument, one_argument.date_start)
        one_argument_formula = self._formula("max(hours, rate)")
        self._write_expression_unchecked(one_argument_formula, "max(hours)")
        one_argument.line_ids.filtered("formula_id").formula_id = one_argument_formula

        run = self._run()

        self.assertEqual(run.invoice_ids.service_contract_id, good)
        self.assertEqual(run.held_count, 3)
        self.assertEqual(run.error_count, 0)
        reasons = {issue.contract_id: issue.message for issue in run.issue_ids}
        self.assertRegex(reasons[by_input], "formula 'F' failed: round.*-12 and 12")
        self.assertRegex(reasons[hidden], "formula 'F' failed: round.*-12 and 12")
        self.assertRegex(
            reasons[one_argument], r"formula 'F' failed: max\(\) needs at least"
        )
        for contract in by_input | hidden | one_argument:
            self.assertEqual(contract.next_billing_date, contract.date_start)
