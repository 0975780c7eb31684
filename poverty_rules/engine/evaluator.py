"""The shared evaluator: a ruleset's expressions over whole columns of a normalized frame.

Both engines evaluate through here (the durable engine for its comparisons and derived values), so
the meaning of an expression — intervals, three-valued conditions (:mod:`.values`) — exists once.

Input is the normalized frame produced by :mod:`poverty_rules.data.normalize` (or built by the
library): ``area`` as 'rural'/'urban', numbers as float64 with NaN for unknown, flags
``deprived_<id>`` as float64 1.0 / 0.0 / NaN.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..rules import expressions as ex
from ..rules.model import CompiledRuleset
from .values import Bool3, Interval, Text, Value, arith, as_interval, compare_intervals, count_true

__all__ = ["Context", "evaluate", "new_context", "unknown_aggregate"]


class Context:
    """Evaluates expressions of one compiled ruleset over one frame (values cached by name)."""

    def __init__(self, compiled: CompiledRuleset, frame: pd.DataFrame, extra: dict[str, Value] | None = None):
        self.compiled = compiled
        self.rs = compiled.ruleset
        self.frame = frame
        self.n = len(frame)
        self.cache: dict[str, Value] = dict(extra or {})
        self.urban = (frame["area"] == "urban").to_numpy(dtype=bool) if "area" in frame else np.zeros(self.n, bool)
        #: Evaluates ``any/all/count/sum(member, …)``; set by :mod:`poverty_rules.engine.members`
        #: together with the member table (this module does not import that one).
        self.aggregate: Callable[[Context, ex.MemberAggregate], Value] | None = None

    def var(self, name: str) -> Value:
        if name in self.cache:
            return self.cache[name]
        value = self._resolve(name)
        self.cache[name] = value
        return value

    def _resolve(self, name: str) -> Value:
        rs = self.rs
        if name in rs.parameters:
            p = rs.parameters[name]
            if isinstance(p.value, dict):
                v = np.where(self.urban, float(p.value["urban"]), float(p.value["rural"]))
            else:
                v = _same(float(p.value), self.n)
            return Interval(v, v)
        if name in self.compiled.derived:
            return self.compute(self.compiled.derived[name])
        if name == "deprivation_count":  # [deprived flags, deprived + unknown flags], counted as small integers
            flags = [self.var(ind.column) for ind in rs.indicators]
            assert all(isinstance(flag, Bool3) for flag in flags)
            lo = count_true([flag.t for flag in flags], self.n)  # type: ignore[union-attr]
            hi = len(flags) - count_true([flag.f for flag in flags], self.n)  # type: ignore[union-attr]
            return Interval(lo.astype(np.float64), hi.astype(np.float64))
        if name == "area":
            return Text(_AREAS[self.urban.view(np.int8)])  # one shared str per area, none per row
        if name == "status":
            raise KeyError("status is only known after classification")
        col = _column(self.frame, name, self.n)
        if name.startswith("deprived_"):
            return Bool3(col == 1.0, col == 0.0)
        # unknown (NaN) is [-inf, +inf]: fmax / fmin take the other operand for NaN, in one pass each
        return Interval(np.fmax(col, -np.inf), np.fmin(col, np.inf))

    def known(self, name: str) -> np.ndarray:
        v = self.var(name)
        if isinstance(v, Interval):
            return v.lo == v.hi
        if isinstance(v, Bool3):
            return ~v.unknown
        return np.ones(self.n, dtype=bool)

    def compute(self, e: ex.Expr) -> Value:
        if isinstance(e, ex.Const):
            if isinstance(e.value, bool):
                full = np.full(self.n, e.value)
                return Bool3(full, ~full)
            if isinstance(e.value, str):
                text = np.empty(self.n, dtype=object)
                text.fill(e.value)  # one str shared by every row (np.full would make one per row)
                return Text(text)
            v = _same(float(e.value), self.n)
            return Interval(v, v)
        if isinstance(e, ex.Var):
            return self.var(e.name)
        if isinstance(e, ex.Known):
            k = self.known(e.name)
            return Bool3(k, ~k)
        if isinstance(e, ex.Not):
            b = self.condition(e.operand)
            return Bool3(b.f, b.t)
        if isinstance(e, ex.And):
            parts = [self.condition(o) for o in e.operands]
            return Bool3(_every([p.t for p in parts]), _some([p.f for p in parts]))
        if isinstance(e, ex.Or):
            parts = [self.condition(o) for o in e.operands]
            return Bool3(_some([p.t for p in parts]), _every([p.f for p in parts]))
        if isinstance(e, ex.Compare):
            return self._compare(e.op, self.compute(e.left), self.compute(e.right))
        if isinstance(e, ex.InSet):
            return self._in_set(e)
        if isinstance(e, ex.Arith):
            return arith(e.op, self.number(e.left), self.number(e.right))
        if isinstance(e, ex.Neg):
            operand = self.number(e.operand)
            return Interval(-operand.hi, -operand.lo)
        if isinstance(e, ex.MemberAggregate):
            if self.aggregate is None:  # no member data: unknown, never 0 or false
                return unknown_aggregate(e.func, self.n)
            return self.aggregate(self, e)
        raise TypeError(f"cannot evaluate {e!r}")

    def condition(self, e: ex.Expr) -> Bool3:
        """A condition's three-valued masks (a TypeError for a number or text)."""
        v = self.compute(e)
        if not isinstance(v, Bool3):
            raise TypeError(f"expected a condition, got a value: {ex.to_text(e)}")
        return v

    def number(self, e: ex.Expr) -> Interval:
        """A number's interval (a condition counts as 1 / 0 / [0, 1]; text is a TypeError)."""
        v = self.compute(e)
        if isinstance(v, Bool3):
            return as_interval(v)
        if not isinstance(v, Interval):
            raise TypeError(f"expected a number: {ex.to_text(e)}")
        return v

    def _compare(self, op: str, a: Value, b: Value) -> Bool3:
        if isinstance(a, Text) or isinstance(b, Text):
            if not (isinstance(a, Text) and isinstance(b, Text)) or op not in ("==", "!="):
                raise TypeError("text can only be compared with == or != to text")
            eq = a.values == b.values
            return Bool3(eq, ~eq) if op == "==" else Bool3(~eq, eq)
        x = a if isinstance(a, Interval) else as_interval(a)
        y = b if isinstance(b, Interval) else as_interval(b)
        return compare_intervals(op, x, y)

    def _in_set(self, e: ex.InSet) -> Bool3:
        v = self.compute(e.operand)
        if isinstance(v, Text):
            wanted = np.array(e.values, dtype=object)
            if v.codes is not None and v.names is not None:  # once per name, then by each row's code
                hit = np.isin(v.names, wanted)[v.codes]
            else:
                hit = np.isin(v.values, wanted)
            t, f = hit, ~hit
        else:
            num = v if isinstance(v, Interval) else as_interval(v)
            t = np.zeros(self.n, dtype=bool)
            f = np.ones(self.n, dtype=bool)
            for value in e.values:
                c = compare_intervals("==", num, Interval(np.full(self.n, float(value)), np.full(self.n, float(value))))
                t |= c.t
                f &= c.f
        return Bool3(f, t) if e.negate else Bool3(t, f)


_AREAS = np.array(["rural", "urban"], dtype=object)


def _same(value: float, n: int) -> np.ndarray:
    """One number on every row, as a read-only view of that one number (values are never written
    into): no array of ``n`` copies to fill, and comparisons with it read no memory."""
    return np.broadcast_to(np.float64(value), (n,))


def _every(masks: list[np.ndarray]) -> np.ndarray:
    """All masks true, pairwise (``np.logical_and.reduce`` of a list first stacks it into a 2-D copy)."""
    out = masks[0]
    for mask in masks[1:]:
        out = out & mask
    return out


def _some(masks: list[np.ndarray]) -> np.ndarray:
    """Some mask true, pairwise."""
    out = masks[0]
    for mask in masks[1:]:
        out = out | mask
    return out


def _column(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in frame:
        return np.full(n, np.nan)
    column = frame[name]
    if column.dtype == np.float64:  # the normalized frame's numbers and flags: as they are
        return column.to_numpy()
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def evaluate(
    compiled: CompiledRuleset, frame: pd.DataFrame, expr: ex.Expr, extra: dict[str, Value] | None = None
) -> Value:
    """Evaluate one expression of a compiled ruleset over a normalized frame."""
    return Context(compiled, frame, extra).compute(expr)


def new_context(compiled: CompiledRuleset, frame: pd.DataFrame) -> Context:
    """A fresh evaluation context (used by the engine fronts and by explanations)."""
    return Context(compiled, frame)


def unknown_aggregate(func: str, n: int) -> Value:
    """A member aggregate with no member data: unknown (counts ``[0, +inf]``, sums ``[-inf, +inf]``)."""
    if func in ("any", "all"):
        none = np.zeros(n, dtype=bool)
        return Bool3(none, none.copy())
    lo = np.zeros(n) if func in ("count", "persons") else np.full(n, -np.inf)
    return Interval(lo, np.full(n, np.inf))
