"""Refinement by deprivation count (engine/classes.py ``refine_by_count``): one decision over the stacked
completions gives, row for row and field for field, what deciding once per count value gave — for both
engines, on every bundled standard — and costs one call of the engine's decider per slice, not one per value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from _profiles import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_durable import _boundaries  # every line of a standard at −1, 0, +1; 0; huge

import poverty_rules as pr
from poverty_rules.engine import classes
from poverty_rules.engine.classes import Decider, Refined, refine_by_count
from poverty_rules.engine.durable import bulk
from poverty_rules.engine.evaluator import Context, new_context
from poverty_rules.engine.standards import load_file
from poverty_rules.engine.values import Interval
from poverty_rules.rules.model import STATUSES, CompiledRuleset

ROOT = Path(__file__).resolve().parent.parent
RULESETS = [load_file(p) for p in sorted((ROOT / "poverty_rules" / "rulesets").rglob("*.yaml"))]
ENGINES = ("vectorized", "durable")


def _reference(
    compiled: CompiledRuleset, ctx: Context, dc: Interval, idx: np.ndarray, decide_fixed: Decider
) -> Refined:
    """The refinement as sessions 1–26 made it: every row decided once per count value in the batch's range."""
    sub = ctx.frame.iloc[idx].reset_index(drop=True)
    m = len(idx)
    lo, hi = dc.lo[idx], dc.hi[idx]
    possible = {s: np.zeros(m, dtype=bool) for s in STATUSES}
    rule = np.full(m, -1, dtype=np.int64)
    flag_columns = [ind.column for ind in compiled.ruleset.indicators]
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
    return Refined(possible, rule, missing)


def _decider(compiled: CompiledRuleset, engine: str) -> Decider:
    if engine == "vectorized":
        return lambda sub: classes.evaluate_classes(compiled, sub.frame, sub)
    prog = bulk.bulk_program(compiled)
    return lambda sub: bulk.classify(prog, sub)


@st.composite
def _frames(draw: st.DrawFn, rs: pr.Ruleset) -> pd.DataFrame:
    """1–25 households at the standard's lines (or unknown), each flag 0, 1 or unknown (unknown often)."""
    number = st.one_of(st.none(), st.sampled_from(_boundaries(rs)))
    flag = st.sampled_from([0.0, 1.0, None, None])
    rows = []
    for i in range(draw(st.integers(1, 25))):
        row = {"household_id": f"H{i}", "area": draw(st.sampled_from(["rural", "urban"]))}
        row |= {"income_per_capita": draw(number), "score_a": draw(number)}
        row |= {ind.column: draw(flag) for ind in rs.indicators}
        rows.append(row)
    frame = pd.DataFrame(rows)
    for col in ["income_per_capita", "score_a", *[ind.column for ind in rs.indicators]]:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame


def _assert_same_refined(got: Refined, want: Refined, what: str) -> None:
    """The same statuses, rule and missing fields per row. A missing field no row lacks is no field: the
    per-value loop kept a field some value's decision named for rows out of that value's range (all false),
    which the combining step drops."""
    for s in STATUSES:
        np.testing.assert_array_equal(got.possible[s], want.possible[s], err_msg=f"{what} possible {s}")
    np.testing.assert_array_equal(got.rule, want.rule, err_msg=f"{what} rule")
    got_missing = {f: m for f, m in got.missing.items() if m.any()}
    want_missing = {f: m for f, m in want.missing.items() if m.any()}
    assert sorted(got_missing) == sorted(want_missing), what
    for f, m in want_missing.items():
        np.testing.assert_array_equal(got_missing[f], m, err_msg=f"{what} missing {f}")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("rs", RULESETS, ids=[r.id for r in RULESETS])
@settings(max_examples=examples(25, thorough=150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_stacked_refinement_equals_the_loop_over_values(rs: pr.Ruleset, engine: str, data: st.DataObject) -> None:
    """Any rows with an uncertain count, in any order, under any slice size: the stacked refinement gives
    the per-value loop's statuses, rule and missing fields; and the whole class result (status, rule,
    missing fields in their order) is the same whichever refinement the combining step calls."""
    compiled = rs.compiled()
    frame = data.draw(_frames(rs))
    ctx = new_context(compiled, frame)
    dc = ctx.var("deprivation_count")
    assert isinstance(dc, Interval)
    ranged = np.flatnonzero(dc.lo < dc.hi)
    if len(ranged):
        idx = np.array(data.draw(st.permutations(ranged.tolist())), dtype=np.intp)
        idx = idx[: data.draw(st.integers(1, len(idx)))]
        decide_fixed = _decider(compiled, engine)
        want = _reference(compiled, ctx, dc, idx, decide_fixed)
        with mock.patch.object(classes, "REFINE_SLICE", data.draw(st.sampled_from([1, 2, 5, 13, 1 << 16]))):
            got = refine_by_count(compiled, ctx, dc, idx, decide_fixed)
        _assert_same_refined(got, want, f"{rs.id} {engine}")

    def whole(ctx: Context) -> classes.ClassResult:
        if engine == "vectorized":
            return classes.evaluate_classes(compiled, ctx.frame, ctx)
        return bulk.classify(bulk.bulk_program(compiled), ctx)

    got_all = whole(new_context(compiled, frame))
    with mock.patch.object(classes, "refine_by_count", _reference):
        want_all = whole(new_context(compiled, frame))
    np.testing.assert_array_equal(got_all.status, want_all.status)
    np.testing.assert_array_equal(got_all.rule, want_all.rule)
    assert list(got_all.missing) == list(want_all.missing)
    for f, m in want_all.missing.items():
        np.testing.assert_array_equal(got_all.missing[f], m, err_msg=f)


def _counted(decide: Decider, sizes: list[int]) -> Callable[[Context], classes.Decided]:
    def counted(sub: Context) -> classes.Decided:
        sizes.append(sub.n)
        return decide(sub)

    return counted


@pytest.mark.parametrize("engine", ENGINES)
def test_the_decider_is_called_once_per_slice_of_completions(engine: str) -> None:
    """Households whose count is 0–12, 5–7 and exactly 4 (not refined here) are one stack of 13 + 3
    completions, decided by one call of the engine's decider (the loop called it 13 times over all rows);
    with slices of 10 completions, two calls, no household split between them."""
    rs = next(r for r in RULESETS if r.id == "vn-2022-2026")
    compiled = rs.compiled()
    columns = [ind.column for ind in rs.indicators]
    flags = [
        dict.fromkeys(columns, np.nan),
        {c: (1.0 if i < 5 else np.nan if i < 7 else 0.0) for i, c in enumerate(columns)},
        {c: (1.0 if i < 4 else 0.0) for i, c in enumerate(columns)},
    ]
    frame = pd.DataFrame(
        [
            {"household_id": f"H{i}", "area": "rural", "income_per_capita": 1_200_000.0, "score_a": np.nan} | f
            for i, f in enumerate(flags)
        ]
    )
    ctx = new_context(compiled, frame)
    dc = ctx.var("deprivation_count")
    assert isinstance(dc, Interval)
    idx = np.array([0, 1], dtype=np.intp)
    sizes: list[int] = []
    got = refine_by_count(compiled, ctx, dc, idx, _counted(_decider(compiled, engine), sizes))
    assert sizes == [13 + 3]
    _assert_same_refined(got, _reference(compiled, ctx, dc, idx, _decider(compiled, engine)), engine)
    sizes.clear()
    with mock.patch.object(classes, "REFINE_SLICE", 10):
        sliced = refine_by_count(compiled, ctx, dc, idx, _counted(_decider(compiled, engine), sizes))
    assert sizes == [13, 3]
    _assert_same_refined(sliced, got, f"{engine} sliced")
