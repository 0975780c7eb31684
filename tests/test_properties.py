"""Properties of the classification that must hold for every household, in every standard.

* Raising income (or score A) never makes a household poorer; adding a deprivation never makes it
  less poor (order poor < near_poor < average < not_poor, for determined results).
* Unknown is not zero: ``undetermined`` only when two completions of the unknown flags give
  different classes; a class only when every completion gives it (completions enumerated).
* Every input row comes out once: classified + rejected = input, for messy inputs with bad cells.
* The same input gives byte-identical output files.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_rules.api import classify, classify_table
from poverty_rules.cli import main
from poverty_rules.engine.standards import load_ruleset

RANK = {"poor": 0, "near_poor": 1, "average": 2, "not_poor": 3}
STANDARDS = ["vn-2016-2021", "vn-2022-2026", "vn-2027-2030"]
AS_OF = {"vn-2016-2021": "2019-06-01", "vn-2022-2026": "2025-12-01", "vn-2027-2030": "2027-06-01"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _critical_incomes(rs_id: str) -> list[int]:
    rs = load_ruleset(rs_id)
    points = {0}
    for name, p in rs.parameters.items():
        if name.startswith("score") or not isinstance(p.value, dict):
            continue
        for v in p.value.values():
            points |= {int(v) - 1, int(v), int(v) + 1}
    return sorted(points)


CRITICAL = {s: _critical_incomes(s) for s in STANDARDS}
SCORES = [0, 100, 139, 140, 141, 174, 175, 176, 300]


def _indicators(rs_id: str) -> list[str]:
    return [i.id for i in load_ruleset(rs_id).indicators]


@st.composite
def households(draw: st.DrawFn, rs_id: str | None = None, unknown_rate: float = 0.25) -> dict:
    """A household of one standard: area, income near the lines (or anywhere), flags 1 / 0 / unknown."""
    rs_id = rs_id or draw(st.sampled_from(STANDARDS))
    flag = st.one_of(st.just(1.0), st.just(0.0), st.just(np.nan)) if unknown_rate else st.sampled_from([1.0, 0.0])
    flags = {i: draw(flag) for i in _indicators(rs_id)}
    income = draw(st.one_of(st.sampled_from(CRITICAL[rs_id]), st.integers(0, 6_000_000)))
    return {"rs": rs_id, "area": draw(st.sampled_from(["rural", "urban"])), "income": income, "flags": flags}


def _frame(rows: list[dict], *, score: bool = False) -> pd.DataFrame:
    records = []
    for n, h in enumerate(rows):
        rec = {"household_id": f"H{n}", "area": h["area"]}
        if score:
            rec["score_a"] = float(h["score"])
        else:
            rec["income_per_capita"] = float(h["income"])
        rec.update({f"deprived_{k}": v for k, v in h["flags"].items()})
        records.append(rec)
    return pd.DataFrame(records)


def _classify(rows: list[dict], rs_id: str, *, score: bool = False) -> pd.DataFrame:
    return classify(_frame(rows, score=score), ruleset=load_ruleset(rs_id), as_of=AS_OF[rs_id])


def _assert_not_poorer(before: str, after: str, what: str) -> None:
    if "undetermined" in (before, after):
        return
    assert RANK[after] >= RANK[before], f"{what}: {before} -> {after}"


@SETTINGS
@given(st.sampled_from(STANDARDS).flatmap(lambda s: households(s)), st.lists(st.integers(0, 6_000_000), max_size=4))
def test_raising_income_never_makes_a_household_poorer(h: dict, extra: list[int]) -> None:
    incomes = sorted(set(CRITICAL[h["rs"]]) | set(extra))
    out = _classify([{**h, "income": x} for x in incomes], h["rs"])
    statuses = out["status"].tolist()
    determined = [(x, s) for x, s in zip(incomes, statuses, strict=True) if s != "undetermined"]
    for (x1, s1), (x2, s2) in itertools.pairwise(determined):
        _assert_not_poorer(s1, s2, f"{h['rs']} {h['area']} income {x1} -> {x2}")


@SETTINGS
@given(households("vn-2022-2026"))
def test_raising_score_a_never_makes_a_household_poorer_on_the_score_path(h: dict) -> None:
    out = _classify([{**h, "score": a} for a in SCORES], "vn-2022-2026", score=True)
    statuses = [s for s in out["status"] if s != "undetermined"]
    for s1, s2 in itertools.pairwise(statuses):
        _assert_not_poorer(s1, s2, f"score path {h['area']}")
    assert set(out["decided_by"]) <= {"score", ""}


@SETTINGS
@given(st.sampled_from(STANDARDS).flatmap(lambda s: households(s)), st.booleans())
def test_adding_a_deprivation_never_makes_a_household_less_poor(h: dict, use_score: bool) -> None:
    use_score = use_score and h["rs"] == "vn-2022-2026"
    if use_score:
        h = {**h, "score": 140 if h["area"] == "rural" else 175}
    not_deprived = [k for k, v in h["flags"].items() if v == 0.0]
    variants = [h] + [{**h, "flags": {**h["flags"], k: 1.0}} for k in not_deprived]
    out = _classify(variants, h["rs"], score=use_score)["status"].tolist()
    for k, after in zip(not_deprived, out[1:], strict=True):
        if "undetermined" not in (out[0], after):
            assert RANK[after] <= RANK[out[0]], f"{h['rs']}: deprived_{k} made {out[0]} -> {after}"


@st.composite
def few_unknowns(draw: st.DrawFn) -> dict:
    h = draw(households(unknown_rate=0))
    names = list(h["flags"])
    unknown = draw(st.lists(st.sampled_from(names), unique=True, max_size=6))
    for k in unknown:
        h["flags"][k] = np.nan
    h["score"] = draw(st.sampled_from(SCORES))
    h["use_score"] = h["rs"] == "vn-2022-2026" and draw(st.booleans())
    return h


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(few_unknowns())
def test_undetermined_exactly_when_the_unknown_flags_could_change_the_class(h: dict) -> None:
    """Every completion of the unknown flags (at most 6: 64 completions) is classified with the record."""
    unknown = [k for k, v in h["flags"].items() if np.isnan(v)]
    completions = [
        {**h, "flags": {**h["flags"], **dict(zip(unknown, bits, strict=True))}}
        for bits in itertools.product([0.0, 1.0], repeat=len(unknown))
    ]
    out = _classify([h, *completions], h["rs"], score=h["use_score"])
    got, classes = out["status"].iloc[0], set(out["status"].iloc[1:])
    assert "undetermined" not in classes, "a complete record is always classified"
    if got == "undetermined":
        assert len(classes) > 1, f"undetermined, but every completion gives {classes}"
        listed = set(filter(None, out["undetermined_by"].iloc[0].split(";")))
        assert listed, "an undetermined result names the fields that would decide it"
        assert listed <= {f"deprived_{k}" for k in unknown}, f"lists fields that are known or cannot decide: {listed}"
    else:
        assert classes == {got}, f"classified {got}, but completions give {classes}"
        assert out["undetermined_by"].iloc[0] == ""


# --------------------------------------------------------------------------- messy input files

GOOD = {
    "area": ["rural", "urban", "nông thôn", "thành thị", "đô thị", " Rural "],
    "income_per_capita": ["1500000", "1.500.000", "1,500,000", "1 500 000", "7,99", "", "0", "2250001"],
    "score_a": ["", "", "140", "176"],
    "flag": ["1", "0", "", "x", "có", "không", "yes", "no", "true", "false", "TRUE"],
}
BAD = {
    "household_id": [""],
    "area": ["ngoại ô", "", "suburb"],
    "income_per_capita": ["abc", "-5", "1.5.0", "--"],
    "score_a": ["x1", "-1"],
    "flag": ["maybe", "2", "-"],
}


@st.composite
def messy_tables(draw: st.DrawFn) -> pd.DataFrame:
    rs_id = draw(st.sampled_from(STANDARDS))
    n = draw(st.integers(1, 25))
    columns = ["household_id", "area", "income_per_capita", "score_a"] + [f"deprived_{i}" for i in _indicators(rs_id)]
    rows = []
    for r in range(n):
        row = {}
        for c in columns:
            kind = "flag" if c.startswith("deprived_") else c
            bad = draw(st.integers(0, 19)) == 0 and kind in BAD
            if c == "household_id":
                row[c] = "" if bad else draw(st.sampled_from([f"H{r}", f"H{r}", "H0"]))  # some duplicate ids
            else:
                row[c] = draw(st.sampled_from(BAD[kind] if bad else GOOD[kind]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    frame.attrs["rs"] = rs_id
    return frame


@SETTINGS
@given(messy_tables())
def test_every_input_row_is_either_classified_or_rejected_once(frame: pd.DataFrame) -> None:
    rs_id = frame.attrs["rs"]
    res = classify_table(frame, ruleset=load_ruleset(rs_id), as_of=AS_OF[rs_id])
    out, rejects = res.rows, res.rejects
    assert len(out) + len(rejects) == len(frame)
    rejected_rows = set(rejects["row"].astype(int))
    classified_rows = {int(i) + 2 for i in out.index}  # spreadsheet row = position + 2
    assert rejected_rows.isdisjoint(classified_rows)
    assert rejected_rows | classified_rows == set(range(2, len(frame) + 2))
    assert (rejects["reason"].astype(str).str.len() > 0).all()
    assert set(out["status"]) <= {*RANK, "undetermined"}


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(messy_tables(), st.booleans())
def test_the_same_input_gives_byte_identical_output(tmp_path: Path, frame: pd.DataFrame, explain: bool) -> None:
    rs_id = frame.attrs["rs"]
    src = tmp_path / "in.csv"
    frame.to_csv(src, index=False)
    files = []
    for k in (1, 2):
        out, rej = tmp_path / f"out{k}.csv", tmp_path / f"rej{k}.csv"
        out.unlink(missing_ok=True)
        rej.unlink(missing_ok=True)
        args = ["classify", str(src), "-o", str(out), "--rejects", str(rej), "--as-of", AS_OF[rs_id], "-q"]
        result = CliRunner().invoke(main, args + (["--explain"] if explain else []))
        assert result.exit_code in (0, 1), result.output
        files.append((out.read_bytes(), rej.read_bytes() if rej.exists() else None))
    assert files[0] == files[1]


_bound = st.one_of(st.floats(-1e9, 1e9, allow_nan=False), st.sampled_from([-np.inf, np.inf, 0.0, -0.0]))


@SETTINGS
@given(
    st.lists(st.tuples(_bound, _bound), min_size=1, max_size=8),
    st.one_of(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), st.sampled_from([0.5, 8.0, -2.0, 0.0])),
)
def test_a_constant_factor_scales_exactly_as_the_four_products(bounds: list[tuple[float, float]], c: float) -> None:
    """``c × [lo, hi]`` (a rule's threshold times a count) by the fast path equals the general product."""
    from poverty_rules.engine.values import Interval, arith

    lo = np.array([min(b) for b in bounds])
    hi = np.array([max(b) for b in bounds])
    const = np.full(len(lo), c)
    with np.errstate(invalid="ignore"):
        products = [const * lo, const * hi]
    general_lo = np.minimum.reduce([np.where(np.isnan(p), 0.0, p) for p in products])
    general_hi = np.maximum.reduce([np.where(np.isnan(p), 0.0, p) for p in products])
    for got in (
        arith("*", Interval(const, const), Interval(lo, hi)),
        arith("*", Interval(lo, hi), Interval(const, const)),
    ):
        np.testing.assert_array_equal(got.lo, general_lo)
        np.testing.assert_array_equal(got.hi, general_hi)


@st.composite
def _incomplete(draw: st.DrawFn, rs_id: str) -> dict:
    """A household with unknown flags, and its score A (and, where the standard has the score path, its
    income) unknown or given."""
    h = draw(households(rs_id, unknown_rate=0.5))
    h["score"] = draw(st.one_of(st.just(np.nan), st.sampled_from(SCORES)))
    if load_ruleset(rs_id).paths != {"income"}:  # a standard with the score path: the income may be unknown
        h["income"] = draw(st.one_of(st.just(np.nan), st.just(h["income"])))
    if np.isnan(h["income"]) and np.isnan(h["score"]):  # one of the two is needed
        h["score"] = draw(st.sampled_from(SCORES))
    return h


LOCAL = "example-province-2026"  # a local standard with an indicator of its own (clean cooking fuel)
AS_OF[LOCAL] = "2026-01-10"
CRITICAL[LOCAL] = _critical_incomes(LOCAL)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([*STANDARDS, LOCAL]).flatmap(lambda s: st.lists(_incomplete(s), min_size=2, max_size=6)))
def test_a_households_result_and_reasons_do_not_depend_on_the_other_rows(rows: list[dict]) -> None:
    """Classified with others (a whole file) or alone (any batch of a stream), a household gets the same
    status and the same words: the unknown fields its reason names come in one order (they came in the
    order the rows met them: a local standard's own indicator before or after the national ones)."""
    rs_id = rows[0]["rs"]
    rs = load_ruleset(rs_id)

    def frame(part: list[dict]) -> pd.DataFrame:
        table = _frame(part)
        table["score_a"] = [float(h["score"]) for h in part]
        return table

    together = classify(frame(rows), ruleset=rs, as_of=AS_OF[rs_id], explain=True)
    for n, h in enumerate(rows):
        alone = classify(frame([h]), ruleset=rs, as_of=AS_OF[rs_id], explain=True)
        mine = together.iloc[[n]].reset_index(drop=True).drop(columns=["household_id"])
        assert mine.astype(str).to_dict("records") == alone.drop(columns=["household_id"]).astype(str).to_dict(
            "records"
        )


_cell = st.one_of(st.floats(-1e9, 1e9, allow_nan=False), st.sampled_from([np.nan, -np.inf, np.inf, 0.0, -0.0]))
_flag = st.sampled_from([1.0, 0.0, np.nan])


@SETTINGS
@given(st.integers(1, 12).flatmap(lambda k: st.lists(st.lists(_flag, min_size=k, max_size=k), min_size=1, max_size=9)))
def test_the_engines_leaf_values_are_the_counts_and_intervals_of_the_cells(rows: list[list[float]]) -> None:
    """The evaluator's leaves, as the engine reads a normalized frame: the deprivation count is
    ``[deprived flags, deprived + unknown flags]`` as float64, counted as small integers (one mask at a
    time, never float additions), and a number's interval is ``[x, x]``, ``[-inf, +inf]`` where it is
    unknown (NaN), an infinite or signed zero cell kept as it is."""
    from poverty_rules.engine.evaluator import Context
    from poverty_rules.engine.values import Bool3, Interval, count_true

    rs = load_ruleset("vn-2022-2026")
    columns = [ind.column for ind in rs.indicators]
    flags = np.array([row + [np.nan] * (len(columns) - len(row)) for row in rows])  # the rest unknown
    n = len(flags)
    incomes = np.array([np.nan, -np.inf, np.inf, -0.0, 0.0, 1.5, 7e8, np.nan, 3.0])[:n]
    frame = pd.DataFrame(
        {"area": ["rural"] * n, "income_per_capita": incomes, **dict(zip(columns, flags.T, strict=True))}
    )
    ctx = Context(rs.compiled(), frame)
    count = ctx.var("deprivation_count")
    assert isinstance(count, Interval) and count.lo.dtype == count.hi.dtype == np.float64
    np.testing.assert_array_equal(count.lo, (flags == 1.0).sum(axis=1))
    np.testing.assert_array_equal(count.hi, (flags != 0.0).sum(axis=1))
    income = ctx.var("income_per_capita")
    assert isinstance(income, Interval)
    np.testing.assert_array_equal(income.lo, np.where(np.isnan(incomes), -np.inf, incomes))
    np.testing.assert_array_equal(income.hi, np.where(np.isnan(incomes), np.inf, incomes))
    assert list(np.signbit(income.lo)) == list(np.signbit(np.where(np.isnan(incomes), -np.inf, incomes)))
    assert isinstance(ctx.var(columns[0]), Bool3)
    many = [np.ones(n, dtype=bool)] * 130  # more masks than int8 counts: counted in a wider type
    assert list(count_true(many, n)) == [130] * n


def test_a_status_code_is_the_one_status_possible_else_undetermined() -> None:
    """``status_codes_of`` (the engines' combine and the results' status column): for every set of statuses
    still possible, the index of the one status when it is alone, else ``undetermined`` (none, or several),
    read from the bits of the set; a column of ``possible`` that is a view (a matrix's column) reads the same."""
    from poverty_rules.engine.classes import status_codes_of
    from poverty_rules.rules.model import STATUSES

    sets = np.array(list(itertools.product([False, True], repeat=len(STATUSES))))  # every set, one per row
    matrix = np.asfortranarray(np.repeat(sets, 3, axis=0))
    possible = {s: matrix[:, i] for i, s in enumerate(STATUSES)}
    codes = status_codes_of(possible, len(matrix))
    expected = [int(np.flatnonzero(row)[0]) if row.sum() == 1 else len(STATUSES) for row in matrix]
    assert codes.dtype == np.int8 and codes.tolist() == expected
    assert status_codes_of({s: np.zeros(0, dtype=bool) for s in STATUSES}, 0).tolist() == []
