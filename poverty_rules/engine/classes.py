"""Class rules over whole columns: first match wins, unknowns kept, and the one combining step.

Class rules are tried in order (first match wins): a row is classified when every class it could
still fall into, given its unknowns, is the same; otherwise it is ``undetermined`` and the rules
left undecided name the unknown fields behind them (``undetermined_by``).

:func:`combine` is the status-combining step both engines share: from a first pass (which rule
decided each row, which statuses remain possible, which rules were left unknown) it refines rows
whose deprivation count is a range by deciding again with the count fixed at each value — through
the engine's own decider, so that in the durable engine durable-rules makes those decisions too —
and settles status, rule and missing fields. :class:`Decisions` is the engines' common currency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
import pandas as pd

from ..rules import expressions as ex
from ..rules.model import STATUSES, CompiledRuleset
from ..vocabulary.status_ids import UNDETERMINED
from .evaluator import Context
from .values import Bool3, Interval, Text, count_true

__all__ = [
    "ClassResult",
    "Decided",
    "Decisions",
    "Refined",
    "combine",
    "count_true",
    "decisions_of",
    "evaluate_classes",
    "evaluate_designations",
    "missing_fields",
    "refine_by_count",
    "status_codes_of",
]


@dataclass
class ClassResult:
    """What the class rules decided, per row (all arrays have one entry per household)."""

    rule: np.ndarray  # index of the class rule that decided, -1 if none
    possible: dict[str, np.ndarray]  # status -> row could still be that status
    missing: dict[str, np.ndarray]  # input field -> row is undetermined and this unknown field matters
    deprivation_lo: np.ndarray  # deprived flags (known)
    deprivation_hi: np.ndarray  # deprived + unknown flags
    codes: np.ndarray  # each row's index into (*STATUSES, undetermined): status_codes_of(possible)

    @cached_property
    def status(self) -> np.ndarray:
        """Status id, or 'undetermined', per row (an object array made when asked: one shared str per status)."""
        return _STATUS_NAMES[self.codes]


class Decided(Protocol):
    """What an engine's decider returns for rows whose count is fixed (a :class:`ClassResult`)."""

    possible: dict[str, np.ndarray]
    rule: np.ndarray
    missing: dict[str, np.ndarray]


Decider = Callable[[Context], Decided]
"""An engine's class decision over a context (the vectorized evaluation, or durable-rules firing)."""


def evaluate_classes(compiled: CompiledRuleset, frame: pd.DataFrame, ctx: Context | None = None) -> ClassResult:
    """Try the class rules in order over all rows at once (first match wins, unknowns kept)."""
    ctx = ctx or Context(compiled, frame)
    n = ctx.n
    rule = np.full(n, -1, dtype=np.int64)
    open_ = np.ones(n, dtype=bool)  # no rule has certainly matched yet
    possible = {s: np.zeros(n, dtype=bool) for s in STATUSES}
    undecided_rules: list[tuple[int, np.ndarray]] = []
    for k, expr in enumerate(compiled.classes):
        c = ctx.condition(expr)
        status = compiled.ruleset.classes[k].status
        hit = open_ & c.t
        maybe = open_ & c.unknown
        np.putmask(rule, hit, k)  # rule[hit] = k, without the boolean index (a fifth faster)
        possible[status] |= hit | maybe
        if maybe.any():
            undecided_rules.append((k, maybe))
        open_ &= ~c.t
    return combine(compiled, ctx, rule, possible, undecided_rules, _vectorized_decider(compiled))


def _vectorized_decider(compiled: CompiledRuleset) -> Decider:
    return lambda sub_ctx: evaluate_classes(compiled, sub_ctx.frame, sub_ctx)


def combine(
    compiled: CompiledRuleset,
    ctx: Context,
    rule: np.ndarray,
    possible: dict[str, np.ndarray],
    undecided_rules: list[tuple[int, np.ndarray]],
    decide_fixed: Decider,
) -> ClassResult:
    """The engines' one status-combining step, from a first pass to the settled result.

    ``rule`` is the class rule that decided each row in the first pass (``>= 0``; anything else
    where none did), ``possible`` the statuses each row could still be, ``undecided_rules`` the rules
    left unknown (rule index, rows). Rows still open between statuses whose deprivation count is a
    range are decided again with the count fixed (:func:`refine_by_count`, through ``decide_fixed``).
    A status certain only through rules that were each unknown is decided by the first of them. The
    arrays passed in are updated in place.
    """
    n = ctx.n
    n_possible = count_true([possible[s] for s in STATUSES], n)
    dc = ctx.var("deprivation_count")
    assert isinstance(dc, Interval)
    refine = (n_possible > 1) & (dc.lo < dc.hi)
    refined = refine_by_count(compiled, ctx, dc, np.flatnonzero(refine), decide_fixed) if refine.any() else None
    if refined is not None:
        for s in STATUSES:
            possible[s][refine] = refined.possible[s]
        n_possible = count_true([possible[s] for s in STATUSES], n)
        rule[refine] = np.where(refined.rule >= 0, refined.rule, rule[refine])
    determined = n_possible == 1
    code = status_codes_of(possible, n)  # into _STATUS_NAMES (ClassResult.status): one shared str per status
    no_hit = determined & (rule < 0)
    if no_hit.any():
        for k, maybe in undecided_rules:
            take = no_hit & maybe & (rule < 0)
            rule[take] = k
    rule[n_possible > 1] = -2  # undetermined: several classes are still possible
    rule[n_possible == 0] = -1  # no class covers the row (the load-time check rules this out)
    missing = missing_fields(ctx, compiled, undecided_rules, ~determined)
    if refined is not None:
        for f in [*missing, *(f for f in refined.missing if f not in missing)]:  # a stable order
            column = missing.setdefault(f, np.zeros(n, dtype=bool))
            column[refine] = refined.missing.get(f, np.zeros(refine.sum(), dtype=bool)) & ~determined[refine]
        missing = {f: m for f, m in missing.items() if m.any()}
    return ClassResult(rule, possible, _in_rule_order(compiled, missing), dc.lo, dc.hi, code)


def _in_rule_order(compiled: CompiledRuleset, missing: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The missing fields in one order whatever the rows: the order the class rules name them (a
    deprivation count standing for the indicators, in the ruleset's order), so a household's reason
    names them alike in a whole file and in any batch of it (they were found in the order the rows
    met them)."""
    if len(missing) < 2:
        return missing
    flag_columns = [ind.column for ind in compiled.ruleset.indicators]
    order: dict[str, int] = {}
    for inputs in compiled.class_inputs:
        for name in inputs:
            for f in flag_columns if name == "deprivation_count" else [name]:
                order.setdefault(f, len(order))
    return dict(sorted(missing.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


_STATUS_NAMES = np.array([*STATUSES, UNDETERMINED], dtype=object)
_CODE_OF_POSSIBLE = np.full(1 << len(STATUSES), len(STATUSES), dtype=np.int8)  # by the bits of the statuses possible
_CODE_OF_POSSIBLE[1 << np.arange(len(STATUSES))] = np.arange(len(STATUSES))  # one status alone: its index


def status_codes_of(possible: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Each row's status as its index into ``(*STATUSES, 'undetermined')``: the status when it is the only
    one possible, else undetermined. The statuses possible are packed into the bits of one byte per row,
    then looked up once (one mask assignment per status cost three times more)."""
    bits = np.zeros(n, dtype=np.uint8)
    for i, s in enumerate(STATUSES):
        bits |= np.asarray(possible[s], dtype=bool).view(np.uint8) << i
    return np.take(_CODE_OF_POSSIBLE, bits)


_DESIGNATION_STATUSES = np.array([*STATUSES, ""], dtype=object)  # a designation sees no status when undetermined


@dataclass
class Refined:
    """Rows decided again with the count fixed: statuses possible, first deciding rule, missing fields."""

    possible: dict[str, np.ndarray]
    rule: np.ndarray
    missing: dict[str, np.ndarray]


REFINE_SLICE = 1 << 16
"""Stacked rows (a household with its count fixed at one value) decided at once by :func:`refine_by_count`:
a batch with many unknown marks is decided in slices of about this many, not all its completions at once."""


def refine_by_count(
    compiled: CompiledRuleset,
    ctx: Context,
    dc: Interval,
    idx: np.ndarray,
    decide_fixed: Decider,
) -> Refined:
    """Decide rows ``idx`` again with the deprivation count fixed at each value in its range, and combine.

    Intervals forget that ``B >= 30`` and ``B < 30`` cannot both fail, so a score-only row with an
    unknown flag would otherwise look as if it could reach a later rule (``income > average_line``)
    and list ``income_per_capita`` as deciding it. Fixing the count, one value at a time, gives
    the exact set of classes the unknown flags can lead to.

    ``decide_fixed`` is the engine's own decision over a context whose count is fixed (the vectorized
    class evaluation, or durable-rules firing). The union of possible statuses is kept; the flags are
    listed as deciding only where the count changes the outcome.

    Each row is stacked once per whole value in its range (row by row, the values rising) and the
    stack is decided by one call of ``decide_fixed`` per slice of :data:`REFINE_SLICE` stacked rows —
    not one call per value over every row — then folded back per row: the union of the statuses, the
    first deciding rule (else the last value's), the flags where a value's outcome differs from the
    lowest value's. The stacked context's frame holds only the columns a class decision can read
    (:func:`_class_columns`): a decider reads the household through the context, not its other fields.
    """
    m = len(idx)
    lo, hi = dc.lo[idx], dc.hi[idx]
    possible = {s: np.zeros(m, dtype=bool) for s in STATUSES}
    rule = np.full(m, -1, dtype=np.int64)
    flag_columns = [ind.column for ind in compiled.ruleset.indicators]  # ruleset order, for stable output
    other: dict[str, np.ndarray] = {}
    count_matters = np.zeros(m, dtype=bool)
    first = np.ceil(lo).astype(np.int64)  # the whole values in [lo, hi]
    width = np.maximum(np.floor(hi).astype(np.int64) - first + 1, 0)
    ends = np.cumsum(width)
    columns = _class_columns(compiled, ctx.frame)  # the stack copies only what the class rules can read
    for a, b in _row_slices(ends, REFINE_SLICE):
        row = np.repeat(np.arange(a, b), width[a:b])  # the row of each stacked completion, rows in order
        if len(row) == 0:
            continue
        base = int(ends[a - 1]) if a else 0  # stacked completions before this slice
        k = first[row] + (np.arange(len(row)) - (ends[row] - width[row] - base))  # rising within each row
        frame = ctx.frame.iloc[idx[row], columns].reset_index(drop=True)
        fixed = k.astype(np.float64)
        r = decide_fixed(Context(compiled, frame, {"deprivation_count": Interval(fixed, fixed)}))
        code = np.zeros(len(row), dtype=np.int64)
        for bit, s in enumerate(STATUSES):
            possible[s][row[r.possible[s]]] = True
            code |= r.possible[s].astype(np.int64) << bit
        starts = np.r_[True, row[1:] != row[:-1]]  # each row's lowest value
        first_code = code[starts][np.cumsum(starts) - 1]
        count_matters[row[code != first_code]] = True
        decided = np.flatnonzero(r.rule >= 0)
        lasts = np.r_[row[1:] != row[:-1], True]
        rule[row[lasts]] = r.rule[lasts]  # no value decided: the last value's (as many as undetermined)
        once = np.r_[True, row[decided][1:] != row[decided][:-1]] if len(decided) else np.zeros(0, dtype=bool)
        rule[row[decided][once]] = r.rule[decided][once]  # the first value that decided
        for f, rows in r.missing.items():
            if f not in flag_columns:
                column = other.setdefault(f, np.zeros(m, dtype=bool))
                column[row[rows]] = True
    missing = dict(other)
    for f in flag_columns:
        unknown = count_matters & ~ctx.known(f)[idx]
        if unknown.any():
            missing[f] = unknown
    return Refined(possible, rule, missing)


def _class_columns(compiled: CompiledRuleset, frame: pd.DataFrame) -> list[int]:
    """Positions in ``frame`` of the columns a class decision can read: the names in the class conditions
    (under ``known()`` too), through the derived values, the indicators' flags and ``area`` — a household's
    text fields (its code, name, village) are not copied once per count value."""
    names = {"area", *(ind.column for ind in compiled.ruleset.indicators)}
    stack = [*compiled.classes]
    seen: set[str] = set()
    while stack:
        for name in ex.variables(stack.pop()):
            if name in compiled.derived and name not in seen:
                seen.add(name)
                stack.append(compiled.derived[name])
            names.add(name)
    return [i for i, c in enumerate(frame.columns) if c in names]


def _row_slices(ends: np.ndarray, most: int) -> list[tuple[int, int]]:
    """Rows ``[a, b)`` cut where the running total ``ends`` passes each multiple of ``most`` (a row
    is never split, so a slice holds at most ``most`` stacked rows plus one row's)."""
    n = len(ends)
    if n == 0:
        return []
    cuts = np.searchsorted(ends, np.arange(most, int(ends[-1]), most), side="left") + 1
    bounds = [0, *sorted(set(int(c) for c in cuts if 0 < c < n)), n]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def missing_fields(
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


def evaluate_designations(
    compiled: CompiledRuleset,
    ctx: Context,
    status: np.ndarray | None,
    codes: np.ndarray | None = None,
    possible: dict[str, np.ndarray] | None = None,
) -> dict[str, Bool3]:
    """Designations (e.g. low-income worker) once the class is known. ``codes``, when given, is each
    row's status as its index into ``(*STATUSES, 'undetermined')`` (the results' status column):
    the status is then compared once per status, not once per row, and ``status`` (each row's status
    id) may be None.

    An undetermined household's mark is unknown unless ``possible`` (the statuses each household may still
    have, :class:`Decisions`) settles it: a mark that holds, or fails, under every status the household may
    have holds, or fails — a household on the poverty line whose blank marks leave it poor or near-poor is
    certainly no low-income worker household (Nghị định 30/2025: a household neither poor nor near-poor)."""
    out: dict[str, Bool3] = {}
    if not compiled.designations:
        return out
    if codes is None:
        if status is None:
            raise ValueError("evaluate_designations needs the status or its codes")
        determined = status != UNDETERMINED
        text = Text(np.where(determined, status, "").astype(object))
    else:
        determined = codes != len(STATUSES)
        text = Text(_DESIGNATION_STATUSES[codes], codes, _DESIGNATION_STATUSES)
    ctx.cache["status"] = text
    for did, expr in compiled.designations.items():
        b = ctx.condition(expr)
        out[did] = Bool3(b.t & determined, b.f & determined)
    undetermined = ~determined
    if possible is not None and undetermined.any():
        _settle_by_possible(ctx, compiled, out, possible, undetermined)
    del ctx.cache["status"]
    return out


def _settle_by_possible(
    ctx: Context,
    compiled: CompiledRuleset,
    out: dict[str, Bool3],
    possible: dict[str, np.ndarray],
    undetermined: np.ndarray,
) -> None:
    """Each undetermined row's marks evaluated under every status it may still have (one evaluation per
    status some undetermined row may have): true where true under each, false where false under each."""
    some = np.zeros(ctx.n, dtype=bool)  # a row no status is possible for is settled by none
    for name in STATUSES:
        some |= np.asarray(possible[name], dtype=bool)
    holds = {did: undetermined & some for did in out}
    fails = {did: undetermined & some for did in out}
    for name in STATUSES:
        may = np.asarray(possible[name], dtype=bool) & undetermined
        if not may.any():
            continue
        one = np.array([name], dtype=object)
        ctx.cache["status"] = Text(np.broadcast_to(one, (ctx.n,)), np.zeros(ctx.n, dtype=np.int8), one)
        for did, expr in compiled.designations.items():
            b = ctx.condition(expr)
            holds[did] &= ~may | b.t
            fails[did] &= ~may | b.f
    for did, value in out.items():
        out[did] = Bool3(value.t | holds[did], value.f | fails[did])


# --------------------------------------------------------------------------- decisions


@dataclass
class Decisions:
    """Per-household decisions, one array entry per household (the engines' common currency)."""

    rule: np.ndarray  # int: index of the deciding class rule; -2 undetermined
    deprived: np.ndarray  # bool matrix (households × indicators): certainly deprived
    possible: dict[str, np.ndarray]  # status -> could still be
    missing: dict[str, np.ndarray]  # field -> unknown and decisive (undetermined rows)
    codes: np.ndarray  # each row's index into (*STATUSES, undetermined), as the combining step found it
    flags: list[Bool3] = field(default_factory=list, repr=False)  # the indicators' flags decided on, in order

    @cached_property
    def status(self) -> np.ndarray:
        """Object array: status id or 'undetermined' (made when asked; the result columns read the codes)."""
        return _STATUS_NAMES[self.codes]

    @cached_property
    def unknown_flags(self) -> np.ndarray:
        """Bool matrix (households × indicators): the flag unknown. Made when asked (no result column reads it)."""
        if not self.flags:
            return np.zeros(self.deprived.shape, bool)
        return np.array([f.unknown for f in self.flags]).T


def decisions_of(compiled: CompiledRuleset, ctx: Context, result: ClassResult) -> Decisions:
    """A class result with the flags it was decided on (certainly deprived, unknown) as :class:`Decisions`."""
    flags = [ctx.var(ind.column) for ind in compiled.ruleset.indicators]
    shape = (ctx.n, 0)
    # households × indicators, column-major: each indicator's column is contiguous, as the results read them
    deprived = np.array([f.t for f in flags]).T if flags else np.zeros(shape, bool)  # type: ignore[union-attr]
    known = [f for f in flags if isinstance(f, Bool3)]
    return Decisions(result.rule, deprived, result.possible, result.missing, result.codes, known)
