"""The vectorized engine: a ruleset's expressions evaluated over whole columns (no loop over rows).

Unknown is not zero. Every value is carried with what is known about it:

* a number is an interval ``[lo, hi]`` per row: a given income is ``[x, x]``, a missing one is
  ``[-inf, +inf]``; the deprivation count is ``[deprived flags, deprived + unknown flags]``;
* a condition is a pair of masks ``(t, f)``: certainly true, certainly false; neither = unknown
  (Kleene's three-valued logic).

A comparison is certainly true when it holds for every value in the intervals, certainly false when
it fails for every one. Class rules are then tried in order (first match wins): a row is classified
when every class it could still fall into, given its unknowns, is the same; otherwise it is
``undetermined`` and the engine lists the unknown fields behind the undecided rules.

Input is the normalized frame produced by :mod:`poverty_rules.data.normalize` (or built by the library):
``area`` as 'rural'/'urban', numbers as float64 with NaN for unknown, flags ``deprived_<id>`` as
float64 1.0 / 0.0 / NaN.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..rules import expressions as ex
from ..rules.model import STATUSES, CompiledRuleset
from ..vocabulary.statuses import UNDETERMINED

__all__ = ["Bool3", "ClassResult", "Interval", "evaluate", "evaluate_classes"]


@dataclass
class Interval:
    lo: np.ndarray
    hi: np.ndarray


@dataclass
class Bool3:
    t: np.ndarray
    f: np.ndarray

    @property
    def unknown(self) -> np.ndarray:
        return ~(self.t | self.f)


@dataclass
class Text:
    values: np.ndarray


Value = Interval | Bool3 | Text


@dataclass
class ClassResult:
    """What the class rules decided, per row (all arrays have one entry per household)."""

    rule: np.ndarray  # index of the class rule that decided, -1 if none
    status: np.ndarray  # status id, or 'undetermined'
    possible: dict[str, np.ndarray]  # status -> row could still be that status
    missing: dict[str, np.ndarray]  # input field -> row is undetermined and this unknown field matters
    deprivation_lo: np.ndarray  # deprived flags (known)
    deprivation_hi: np.ndarray  # deprived + unknown flags


class Context:
    """Evaluates expressions of one compiled ruleset over one frame."""

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
                v = np.full(self.n, float(p.value))
            return Interval(v, v)
        if name in self.compiled.derived:
            return self.compute(self.compiled.derived[name])
        if name == "deprivation_count":
            lo = np.zeros(self.n)
            hi = np.zeros(self.n)
            for ind in rs.indicators:
                flag = self.var(ind.column)
                assert isinstance(flag, Bool3)
                lo += flag.t
                hi += ~flag.f
            return Interval(lo, hi)
        if name == "area":
            return Text(np.where(self.urban, "urban", "rural").astype(object))
        if name == "status":
            raise KeyError("status is only known after classification")
        col = _column(self.frame, name, self.n)
        if name.startswith("deprived_"):
            return Bool3(col == 1.0, col == 0.0)
        unknown = np.isnan(col)
        return Interval(np.where(unknown, -np.inf, col), np.where(unknown, np.inf, col))

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
                return Text(np.full(self.n, e.value, dtype=object))
            v = np.full(self.n, float(e.value))
            return Interval(v, v)
        if isinstance(e, ex.Var):
            return self.var(e.name)
        if isinstance(e, ex.Known):
            k = self.known(e.name)
            return Bool3(k, ~k)
        if isinstance(e, ex.Not):
            b = self._bool(e.operand)
            return Bool3(b.f, b.t)
        if isinstance(e, ex.And):
            parts = [self._bool(o) for o in e.operands]
            return Bool3(np.logical_and.reduce([p.t for p in parts]), np.logical_or.reduce([p.f for p in parts]))
        if isinstance(e, ex.Or):
            parts = [self._bool(o) for o in e.operands]
            return Bool3(np.logical_or.reduce([p.t for p in parts]), np.logical_and.reduce([p.f for p in parts]))
        if isinstance(e, ex.Compare):
            return self._compare(e.op, self.compute(e.left), self.compute(e.right))
        if isinstance(e, ex.InSet):
            return self._in_set(e)
        if isinstance(e, ex.Arith):
            return _arith(e.op, self._num(e.left), self._num(e.right))
        if isinstance(e, ex.Neg):
            v = self._num(e.operand)
            return Interval(-v.hi, -v.lo)
        if isinstance(e, ex.MemberAggregate):
            if self.aggregate is None:  # no member data: unknown, never 0 or false
                return unknown_aggregate(e.func, self.n)
            return self.aggregate(self, e)
        raise TypeError(f"cannot evaluate {e!r}")

    def _bool(self, e: ex.Expr) -> Bool3:
        v = self.compute(e)
        if not isinstance(v, Bool3):
            raise TypeError(f"expected a condition, got a value: {ex.to_text(e)}")
        return v

    def _num(self, e: ex.Expr) -> Interval:
        v = self.compute(e)
        if isinstance(v, Bool3):  # true = 1, false = 0, unknown = [0, 1]
            return Interval(v.t.astype(float), (~v.f).astype(float))
        if not isinstance(v, Interval):
            raise TypeError(f"expected a number: {ex.to_text(e)}")
        return v

    def _compare(self, op: str, a: Value, b: Value) -> Bool3:
        if isinstance(a, Text) or isinstance(b, Text):
            if not (isinstance(a, Text) and isinstance(b, Text)) or op not in ("==", "!="):
                raise TypeError("text can only be compared with == or != to text")
            eq = a.values == b.values
            return Bool3(eq, ~eq) if op == "==" else Bool3(~eq, eq)
        x = a if isinstance(a, Interval) else self._as_interval(a)
        y = b if isinstance(b, Interval) else self._as_interval(b)
        return _compare_intervals(op, x, y)

    @staticmethod
    def _as_interval(v: Value) -> Interval:
        assert isinstance(v, Bool3)
        return Interval(v.t.astype(float), (~v.f).astype(float))

    def _in_set(self, e: ex.InSet) -> Bool3:
        v = self.compute(e.operand)
        if isinstance(v, Text):
            hit = np.isin(v.values, np.array(e.values, dtype=object))
            t, f = hit, ~hit
        else:
            num = v if isinstance(v, Interval) else self._as_interval(v)
            t = np.zeros(self.n, dtype=bool)
            f = np.ones(self.n, dtype=bool)
            for value in e.values:
                c = _compare_intervals(
                    "==", num, Interval(np.full(self.n, float(value)), np.full(self.n, float(value)))
                )
                t |= c.t
                f &= c.f
        return Bool3(f, t) if e.negate else Bool3(t, f)


def _column(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in frame:
        return np.full(n, np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _compare_intervals(op: str, a: Interval, b: Interval) -> Bool3:
    if op == "<":
        return Bool3(a.hi < b.lo, a.lo >= b.hi)
    if op == "<=":
        return Bool3(a.hi <= b.lo, a.lo > b.hi)
    if op == ">":
        return Bool3(a.lo > b.hi, a.hi <= b.lo)
    if op == ">=":
        return Bool3(a.lo >= b.hi, a.hi < b.lo)
    point = (a.lo == a.hi) & (b.lo == b.hi)
    eq_t = point & (a.lo == b.lo)
    eq_f = (a.hi < b.lo) | (a.lo > b.hi)
    if op == "==":
        return Bool3(eq_t, eq_f)
    if op == "!=":
        return Bool3(eq_f, eq_t)
    raise ValueError(op)


def _arith(op: str, a: Interval, b: Interval) -> Interval:
    with np.errstate(invalid="ignore", divide="ignore"):
        if op == "+":
            return Interval(a.lo + b.lo, a.hi + b.hi)
        if op == "-":
            return Interval(a.lo - b.hi, a.hi - b.lo)
        if op == "*":
            products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
            products = [np.where(np.isnan(p), 0.0, p) for p in products]  # 0 × ∞ = 0 for bounded zero
            return Interval(np.minimum.reduce(products), np.maximum.reduce(products))
        if op == "/":
            spans_zero = (b.lo <= 0) & (b.hi >= 0)
            quotients = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
            lo = np.where(spans_zero, -np.inf, np.nanmin(quotients, axis=0))
            hi = np.where(spans_zero, np.inf, np.nanmax(quotients, axis=0))
            return Interval(lo, hi)
    raise ValueError(op)


def evaluate(
    compiled: CompiledRuleset, frame: pd.DataFrame, expr: ex.Expr, extra: dict[str, Value] | None = None
) -> Value:
    """Evaluate one expression of a compiled ruleset over a normalized frame."""
    return Context(compiled, frame, extra).compute(expr)


def evaluate_classes(compiled: CompiledRuleset, frame: pd.DataFrame, ctx: Context | None = None) -> ClassResult:
    """Try the class rules in order over all rows at once (first match wins, unknowns kept)."""
    ctx = ctx or Context(compiled, frame)
    n = ctx.n
    rule = np.full(n, -1, dtype=np.int64)
    open_ = np.ones(n, dtype=bool)  # no rule has certainly matched yet
    possible = {s: np.zeros(n, dtype=bool) for s in STATUSES}
    undecided_rules: list[tuple[int, np.ndarray]] = []
    for k, expr in enumerate(compiled.classes):
        c = ctx._bool(expr)
        status = compiled.ruleset.classes[k].status
        hit = open_ & c.t
        maybe = open_ & c.unknown
        rule[hit] = k
        possible[status] |= hit | maybe
        if maybe.any():
            undecided_rules.append((k, maybe))
        open_ &= ~c.t
    n_possible = np.sum([possible[s] for s in STATUSES], axis=0)
    dc = ctx.var("deprivation_count")
    assert isinstance(dc, Interval)
    refine = (n_possible > 1) & (dc.lo < dc.hi)
    refined = _refine_by_count(compiled, ctx, dc, np.flatnonzero(refine)) if refine.any() else None
    if refined is not None:
        for s in STATUSES:
            possible[s][refine] = refined.possible[s]
        n_possible = np.sum([possible[s] for s in STATUSES], axis=0)
        rule[refine] = np.where(refined.rule >= 0, refined.rule, rule[refine])
    determined = n_possible == 1
    status = np.full(n, UNDETERMINED, dtype=object)
    for s in STATUSES:
        status[determined & possible[s]] = s
    # A status certain only through rules that were each unknown: decided by the first of them.
    no_hit = determined & (rule < 0)
    if no_hit.any():
        for k, maybe in undecided_rules:
            take = no_hit & maybe & (rule < 0)
            rule[take] = k
    rule[n_possible > 1] = -2  # undetermined: several classes are still possible
    rule[n_possible == 0] = -1  # no class covers the row (the load-time check rules this out)
    missing = _missing_fields(ctx, compiled, undecided_rules, ~determined)
    if refined is not None:
        for f in [*missing, *(f for f in refined.missing if f not in missing)]:  # a stable order
            column = missing.setdefault(f, np.zeros(n, dtype=bool))
            column[refine] = refined.missing.get(f, np.zeros(refine.sum(), dtype=bool)) & ~determined[refine]
        missing = {f: m for f, m in missing.items() if m.any()}
    return ClassResult(rule, status, possible, missing, dc.lo, dc.hi)


@dataclass
class _Refined:
    possible: dict[str, np.ndarray]
    rule: np.ndarray
    missing: dict[str, np.ndarray]


def _refine_by_count(compiled: CompiledRuleset, ctx: Context, dc: Interval, idx: np.ndarray) -> _Refined:
    """Rows whose deprivation count is a range [lo, hi]: try the rules with the count fixed at each value.

    Intervals forget that ``B >= 30`` and ``B < 30`` cannot both fail, so a score-only row with an
    unknown flag would otherwise look as if it could reach a later rule (``income > average_line``)
    and list ``income_per_capita`` as deciding it. Fixing the count, one value at a time, gives
    the exact set of classes the unknown flags can lead to.
    """
    return refine_by_count(compiled, ctx, dc, idx, lambda sub_ctx: evaluate_classes(compiled, sub_ctx.frame, sub_ctx))


def refine_by_count(
    compiled: CompiledRuleset,
    ctx: Context,
    dc: Interval,
    idx: np.ndarray,
    decide_fixed: Callable[[Context], Any],
) -> _Refined:
    """Decide rows ``idx`` again with the deprivation count fixed at each value in its range, and combine.

    ``decide_fixed`` is the engine's own decision over a context whose count is fixed (the vectorized
    class evaluation, or durable-rules firing); it returns an object with ``possible``, ``rule`` and
    ``missing``. The union of possible statuses is kept; the flags are listed as deciding only where
    the count changes the outcome. Both engines combine through this one function.
    """
    sub = ctx.frame.iloc[idx].reset_index(drop=True)
    m = len(idx)
    lo, hi = dc.lo[idx], dc.hi[idx]
    possible = {s: np.zeros(m, dtype=bool) for s in STATUSES}
    rule = np.full(m, -1, dtype=np.int64)
    flag_columns = [ind.column for ind in compiled.ruleset.indicators]  # ruleset order, for stable output
    other: dict[str, np.ndarray] = {}
    first_code = np.full(m, -1, dtype=np.int64)
    count_matters = np.zeros(m, dtype=bool)
    for k in range(int(lo.min()), int(hi.max()) + 1):
        in_range = (lo <= k) & (k <= hi)
        if not in_range.any():
            continue
        fixed = np.full(m, float(k))
        r = decide_fixed(Context(compiled, sub, {"deprivation_count": Interval(fixed, fixed)}))
        code = np.zeros(m, dtype=np.int64)
        for bit, s in enumerate(STATUSES):
            possible[s] |= in_range & r.possible[s]
            code |= r.possible[s].astype(np.int64) << bit
        count_matters |= in_range & (first_code >= 0) & (code != first_code)
        first_code = np.where(in_range & (first_code < 0), code, first_code)
        rule = np.where(in_range & (rule < 0), r.rule, rule)
        for f, rows in r.missing.items():
            if f not in flag_columns:
                other[f] = other.get(f, np.zeros(m, dtype=bool)) | (in_range & rows)
    missing = dict(other)
    for f in flag_columns:
        unknown = count_matters & ~ctx.known(f)[idx]
        if unknown.any():
            missing[f] = unknown
    return _Refined(possible, rule, missing)


def _missing_fields(
    ctx: Context, compiled: CompiledRuleset, undecided_rules: list[tuple[int, np.ndarray]], undetermined: np.ndarray
) -> dict[str, np.ndarray]:
    """For undetermined rows: which unknown input fields sit behind the rules left undecided."""
    missing: dict[str, np.ndarray] = {}
    if not undetermined.any():
        return missing
    flag_columns = [ind.column for ind in compiled.ruleset.indicators]
    for k, maybe in undecided_rules:
        rows = maybe & undetermined
        if not rows.any():
            continue
        for name in compiled.class_inputs[k]:
            fields = flag_columns if name == "deprivation_count" else [name]
            for f in fields:
                if f in compiled.ruleset.parameters or f == "area":
                    continue
                unknown = rows & ~ctx.known(f)
                if unknown.any():
                    missing[f] = missing.get(f, np.zeros(ctx.n, dtype=bool)) | unknown
    return missing


def evaluate_designations(compiled: CompiledRuleset, ctx: Context, status: np.ndarray) -> dict[str, Bool3]:
    """Designations (e.g. low-income worker) once the class is known."""
    out: dict[str, Bool3] = {}
    if not compiled.designations:
        return out
    determined = status != UNDETERMINED
    text = Text(np.where(determined, status, "").astype(object))
    ctx.cache["status"] = text
    for did, expr in compiled.designations.items():
        b = ctx._bool(expr)
        out[did] = Bool3(b.t & determined, b.f & determined)
    del ctx.cache["status"]
    return out


def unknown_aggregate(func: str, n: int) -> Value:
    """A member aggregate with no member data: unknown (counts ``[0, +inf]``, sums ``[-inf, +inf]``)."""
    if func in ("any", "all"):
        none = np.zeros(n, dtype=bool)
        return Bool3(none, none.copy())
    lo = np.zeros(n) if func == "count" else np.full(n, -np.inf)
    return Interval(lo, np.full(n, np.inf))


def new_context(compiled: CompiledRuleset, frame: pd.DataFrame) -> Context:
    """A fresh evaluation context (used by the engine front and by explanations)."""
    return Context(compiled, frame)


# --------------------------------------------------------------------------- decisions


@dataclass
class Decisions:
    """Per-household decisions, one array entry per household (the engines' common currency)."""

    status: np.ndarray  # object: status id or 'undetermined'
    rule: np.ndarray  # int: index of the deciding class rule; -2 undetermined
    deprived: np.ndarray  # bool matrix (households × indicators): certainly deprived
    unknown_flags: np.ndarray  # bool matrix: flag unknown
    possible: dict[str, np.ndarray]  # status -> could still be
    missing: dict[str, np.ndarray]  # field -> unknown and decisive (undetermined rows)


def decide(compiled: CompiledRuleset, frame: pd.DataFrame) -> tuple[Decisions, Context]:
    """Run the vectorized engine over a normalized frame."""
    ctx = new_context(compiled, frame)
    result: ClassResult = evaluate_classes(compiled, frame, ctx)
    flags = [ctx.var(ind.column) for ind in compiled.ruleset.indicators]
    deprived = np.column_stack([f.t for f in flags]) if flags else np.zeros((len(frame), 0), bool)
    unknown = np.column_stack([f.unknown for f in flags]) if flags else np.zeros((len(frame), 0), bool)
    return Decisions(result.status, result.rule, deprived, unknown, result.possible, result.missing), ctx
