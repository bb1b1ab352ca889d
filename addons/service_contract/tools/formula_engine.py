# covers: CON-03
"""A small, closed arithmetic language for billing formulas.

Formulas are parsed with Python's ``ast`` and *interpreted* node by node:
nothing is ever passed to ``eval``/``exec``, and only the constructs below
exist. Anything else — attribute access, subscripts, lambdas, comprehensions,
imports, calls other than min/max/round/abs, names that are not declared
inputs — is refused when the formula is saved.

    arithmetic      + - * / // % **      (exponent at most MAX_EXPONENT)
    comparisons     == != < <= > >=      (chained too: 0 < x <= 10)
    logic           and or not
    conditional     a if condition else b
    functions       min(a, b, ...) max(a, b, ...) round(x[, digits]) abs(x)
    numbers         integers and decimals up to MAX_NUMBER

Evaluation has hard bounds, so that no formula can hold a billing worker (and
the row locks of its batch) for long: every intermediate value stays within
MAX_NUMBER and is computed as a float (Python integers grow without limit:
``round(5, -10**7)`` on an integer builds a 10-million-digit power of ten),
``round`` takes at most MAX_ROUND_DIGITS digits either way, and one
evaluation spends at most MAX_OPERATIONS steps. Bounds visible in the text
are refused when the formula is saved; the others stop the evaluation with a
FormulaLimitError, which billing records as a held contract.
"""

import ast
import functools
import math
import operator

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MAX_NUMBER = 1e15
MAX_EXPONENT = 12
MAX_LENGTH = 2000
MAX_DEPTH = 50
MAX_ROUND_DIGITS = 12
MAX_OPERATIONS = 10_000
# parsed trees kept per process (parsing is pure); least recently used go first
CACHE_SIZE = 256

BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg, ast.Not: operator.not_}
COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
FUNCTIONS = {"min": min, "max": max, "round": round, "abs": abs}


class FormulaError(ValueError):
    """A formula that cannot be accepted or evaluated; the message says why."""


class FormulaLimitError(FormulaError):
    """An evaluation stopped at one of the engine's hard bounds."""


def parse(expression):
    """Check a formula and return (tree, names it uses)."""
    if not expression or not expression.strip():
        raise FormulaError(_lt("the formula is empty"))
    if len(expression) > MAX_LENGTH:
        raise FormulaError(
            _lt("the formula is longer than %(max)s characters", max=MAX_LENGTH)
        )
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as error:
        raise FormulaError(
            _lt(
                "syntax error at column %(column)s: %(message)s",
                column=error.offset,
                message=error.msg,
            )
        ) from error
    names = set()
    _check(tree.body, names, 0)
    return tree, names


def _check(node, names, depth):
    if depth > MAX_DEPTH:
        raise FormulaError(_lt("the formula is nested too deeply"))
    depth += 1
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(
                _lt("only numbers are allowed, not %(value)r", value=node.value)
            )
        if abs(node.value) > MAX_NUMBER:
            raise FormulaError(
                _lt("the number %(value)s is too large", value=node.value)
            )
    elif isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise FormulaError(_lt("'%(name)s' is not allowed", name=node.id))
        names.add(node.id)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in BINARY:
            raise FormulaError(_lt("this operator is not allowed"))
        if isinstance(node.op, ast.Pow):
            exponent = node.right
            if not (
                isinstance(exponent, ast.Constant)
                and isinstance(exponent.value, int | float)
                and not isinstance(exponent.value, bool)
                and abs(exponent.value) <= MAX_EXPONENT
            ):
                raise FormulaError(
                    _lt(
                        "an exponent must be a number between -%(max)s and %(max)s",
                        max=MAX_EXPONENT,
                    )
                )
        _check(node.left, names, depth)
        _check(node.right, names, depth)
        _check_constant_operation(node)
    elif isinstance(node, ast.UnaryOp):
        if type(node.op) not in UNARY:
            raise FormulaError(_lt("this operator is not allowed"))
        _check(node.operand, names, depth)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value, names, depth)
    elif isinstance(node, ast.Compare):
        if any(type(op) not in COMPARE for op in node.ops):
            raise FormulaError(_lt("only == != < <= > >= comparisons are allowed"))
        _check(node.left, names, depth)
        for comparator in node.comparators:
            _check(comparator, names, depth)
    elif isinstance(node, ast.IfExp):
        for part in (node.test, node.body, node.orelse):
            _check(part, names, depth)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise FormulaError(
                _lt("only the functions min, max, round and abs can be called")
            )
        if node.keywords:
            raise FormulaError(_lt("functions take no named arguments here"))
        if not node.args or (node.func.id in ("abs",) and len(node.args) != 1):
            raise FormulaError(
                _lt(
                    "wrong number of arguments for %(function)s()",
                    function=node.func.id,
                )
            )
        if node.func.id == "round" and len(node.args) > 2:
            raise FormulaError(_lt("round() takes a number and at most a digit count"))
        if node.func.id == "round" and len(node.args) == 2:
            digits = _constant_value(node.args[1])
            if digits is not None and abs(digits) > MAX_ROUND_DIGITS:
                raise FormulaError(_round_digits_message())
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise FormulaError(_lt("'*' arguments are not allowed"))
            _check(arg, names, depth)
        if node.func.id in ("min", "max") and len(node.args) < 2:
            raise FormulaError(
                _lt(
                    "%(function)s() needs at least two values, e.g. "
                    "%(function)s(hours, 1)",
                    function=node.func.id,
                )
            )
    else:
        raise FormulaError(
            _lt(
                "'%(construct)s' is not allowed in a formula",
                construct=type(node).__name__,
            )
        )


def _constant_value(node):
    """The number a node always stands for (``5``, ``-5``), else None."""
    sign = 1
    while isinstance(node, ast.UnaryOp) and type(node.op) in (ast.UAdd, ast.USub):
        if isinstance(node.op, ast.USub):
            sign = -sign
        node = node.operand
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return sign * node.value
    return None


def _check_constant_operation(node):
    """An operation on two numbers written in the formula is computed when
    it is saved: its bounds show in the text."""
    left, right = _constant_value(node.left), _constant_value(node.right)
    if left is None or right is None:
        return
    try:
        _bounded(BINARY[type(node.op)](float(left), float(right)))
    except ZeroDivisionError as error:
        raise FormulaError(_lt("division by zero")) from error
    except (ArithmeticError, TypeError, ValueError) as error:
        raise FormulaLimitError(_lt("the result is out of range")) from error


def _round_digits_message():
    return _lt(
        "round() takes between -%(max)s and %(max)s digits", max=MAX_ROUND_DIGITS
    )


@functools.lru_cache(maxsize=CACHE_SIZE)
def compile_expression(expression):
    """Parsed tree of ``expression``; the trees are never modified, so the
    most recently used ones are shared by the process."""
    return parse(expression)[0]


def evaluate(tree, values):
    """Value of a parsed formula for ``values`` (name -> number)."""
    budget = [MAX_OPERATIONS]
    numbers = {}
    for name, value in values.items():
        try:
            numbers[name] = _bounded(float(value))
        except (OverflowError, TypeError, ValueError) as error:
            raise FormulaLimitError(
                _lt("the value of '%(name)s' is out of range", name=name)
            ) from error
    return _bounded(float(_eval(tree.body, numbers, budget)))


def _bounded(value):
    try:
        out_of_range = math.isnan(value) or math.isinf(value) or abs(value) > MAX_NUMBER
    except (OverflowError, TypeError) as error:
        raise FormulaLimitError(_lt("the result is out of range")) from error
    if out_of_range:
        raise FormulaLimitError(_lt("the result is out of range"))
    return value


def _eval(node, values, budget):
    budget[0] -= 1
    if budget[0] < 0:
        raise FormulaLimitError(
            _lt("the formula needs more than %(max)s steps", max=MAX_OPERATIONS)
        )
    if isinstance(node, ast.Constant):
        # floats only: integer arithmetic has no size limit
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise FormulaError(_lt("'%(name)s' is a function", name=node.id))
        try:
            return values[node.id]
        except KeyError as error:
            raise FormulaError(
                _lt("no value for input '%(name)s'", name=node.id)
            ) from error
    if isinstance(node, ast.BinOp):
        left = _eval(node.left, values, budget)
        right = _eval(node.right, values, budget)
        try:
            return _bounded(BINARY[type(node.op)](left, right))
        except ZeroDivisionError as error:
            raise FormulaError(_lt("division by zero")) from error
        except (OverflowError, TypeError, ValueError) as error:
            raise FormulaLimitError(_lt("the result is out of range")) from error
    if isinstance(node, ast.UnaryOp):
        return _bounded(UNARY[type(node.op)](_eval(node.operand, values, budget)))
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            result = True
            for value in node.values:
                result = _eval(value, values, budget)
                if not result:
                    return result
            return result
        result = False
        for value in node.values:
            result = _eval(value, values, budget)
            if result:
                return result
        return result
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values, budget)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, values, budget)
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        branch = node.body if _eval(node.test, values, budget) else node.orelse
        return _eval(branch, values, budget)
    if isinstance(node, ast.Call):
        return _call(node, [_eval(arg, values, budget) for arg in node.args])
    raise FormulaError(
        _lt(
            "'%(construct)s' is not allowed in a formula", construct=type(node).__name__
        )
    )


def _call(node, args):
    name = node.func.id
    if (name in ("min", "max") and len(args) < 2) or (name == "abs" and len(args) != 1):
        raise FormulaError(
            _lt("wrong number of arguments for %(function)s()", function=name)
        )
    if name == "round":
        if len(args) == 2:
            if abs(args[1]) > MAX_ROUND_DIGITS:
                raise FormulaLimitError(_round_digits_message())
            args[1] = int(args[1])
        args[0] = float(args[0])
    try:
        return _bounded(float(FUNCTIONS[name](*args)))
    except (OverflowError, TypeError, ValueError) as error:
        raise FormulaLimitError(_lt("the result is out of range")) from error
