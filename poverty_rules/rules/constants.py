"""Values fixed by a ruleset alone: a parameter, or a derived value computed only from parameters.

A local standard may state its line per year (docs/rulesets.md, "Local standards"): the engine
compares per-capita *monthly* income, so the ruleset converts it in a cited derived value, e.g.
``income_line = income_line_per_year / months_per_year``. Such a derived value is a line like any
other: the exhaustiveness check tries incomes around it and ``rulesets diff`` compares it with the
national monthly line. :func:`constant_value` computes it for an area, without any household.
"""

from __future__ import annotations

from . import expressions as ex
from .model import AREAS, Ruleset

__all__ = ["constant_value", "constant_values", "zero_divisor"]


def constant_value(rs: Ruleset, name: str, area: str) -> float | None:
    """The value of parameter or derived value ``name`` for ``area``, or None when it depends on a household."""
    if name in rs.parameters:
        return rs.parameters[name].for_area(area)
    for d in rs.derived:
        if d.id == name:
            try:
                return _value(rs, ex.parse(d.formula), area)
            except ex.ExpressionError:
                return None
    return None


def constant_values(rs: Ruleset, name: str) -> dict[str, float] | None:
    """``{rural: …, urban: …}`` for a parameter or constant derived value, or None."""
    out = {area: constant_value(rs, name, area) for area in AREAS}
    if any(v is None for v in out.values()):
        return None
    return {k: float(v) for k, v in out.items() if v is not None}


def zero_divisor(rs: Ruleset, expr: ex.Expr) -> tuple[ex.Expr, str] | None:
    """The first divisor in ``expr`` that is a constant 0 (a parameter set to 0, a derived value of
    parameters alone that is 0) for an area, with that area; None when no constant divisor is 0.
    ``income_line_per_year / months_per_year`` with ``months_per_year: 0`` makes no line at all."""
    if isinstance(expr, ex.Arith):
        if expr.op == "/":
            for area in AREAS:
                if _value(rs, expr.right, area) == 0:
                    return expr.right, area
        return zero_divisor(rs, expr.left) or zero_divisor(rs, expr.right)
    if isinstance(expr, ex.Neg):
        return zero_divisor(rs, expr.operand)
    return None


def _value(rs: Ruleset, expr: ex.Expr, area: str) -> float | None:
    if isinstance(expr, ex.Const) and isinstance(expr.value, int | float) and not isinstance(expr.value, bool):
        return float(expr.value)
    if isinstance(expr, ex.Var):
        return constant_value(rs, expr.name, area)
    if isinstance(expr, ex.Neg):
        v = _value(rs, expr.operand, area)
        return None if v is None else -v
    if isinstance(expr, ex.Arith):
        a, b = _value(rs, expr.left, area), _value(rs, expr.right, area)
        if a is None or b is None:
            return None
        if expr.op == "+":
            return a + b
        if expr.op == "-":
            return a - b
        if expr.op == "*":
            return a * b
        return a / b if b else None
    return None
