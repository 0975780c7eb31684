"""The durable engine agrees with the vectorized engine (docs/design.md, "Two engines, one truth").

Both engines must return the same status, deprivation count, deprived set, decided_by and
undetermined_by for every household, on every standard in rulesets/*.yaml.
"""

from __future__ import annotations

import itertools
import os
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _profiles import examples
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import poverty_rules as pr
from poverty_rules.cli import main
from poverty_rules.data.normalize import normalize
from poverty_rules.data.read import read_csv_table
from poverty_rules.engine import durable as de
from poverty_rules.engine.classes import evaluate_classes
from poverty_rules.engine.durable.compile import program
from poverty_rules.engine.durable.host import host as durable_host
from poverty_rules.engine.evaluator import evaluate, new_context
from poverty_rules.engine.standards import load_file
from poverty_rules.engine.values import Interval
from poverty_rules.engine.vectorized import decide
from poverty_rules.pipeline import run
from poverty_rules.results.columns import reasons, result_columns
from poverty_rules.results.explanations import explain

ROOT = Path(__file__).resolve().parent.parent
RULESET_FILES = sorted((ROOT / "poverty_rules" / "rulesets").glob("*.yaml"))
RULESETS = [load_file(p) for p in RULESET_FILES]
#: the bundled local standards: classifications of their own (docs/rulesets.md), also by ``--engine durable``
#: and ``explain --local`` — a yearly line converted in a derived value, a chained comparison, own indicators
LOCAL_RULESETS = [load_file(p) for p in sorted((ROOT / "poverty_rules" / "rulesets" / "local").glob("*.yaml"))]
SAMPLE = ROOT / "fixtures" / "sample_commune.csv"
COMPARED = ["status", "deprivation_count", "deprived", "decided_by", "undetermined_by"]


def _boundaries(rs: pr.Ruleset) -> list[float]:
    """Every parameter value (either area) at −1, 0, +1, and every derived value that is one number (a
    local standard's yearly line converted to a monthly one), plus 0 and a huge income."""
    points = {0.0, 1e12}
    values = []
    for p in rs.parameters.values():
        values += [float(v) for v in (p.value.values() if isinstance(p.value, dict) else [p.value])]
    compiled = rs.compiled()
    areas = pd.DataFrame({"household_id": ["r", "u"], "area": pd.Categorical(["rural", "urban"])})
    for expr in compiled.derived.values():
        value = evaluate(compiled, areas, expr)
        if isinstance(value, Interval):
            values += [float(v) for v in value.lo[(value.lo == value.hi) & np.isfinite(value.lo)]]
    for v in values:
        points.update({v - 1, v, v + 1})
    return sorted(x for x in points if x >= 0)


def _frame(rs: pr.Ruleset, rows: list[dict]) -> pd.DataFrame:
    """The rows as a frame, the income, score and mark columns float64 (an unknown ``None`` as NaN).

    Built column by column, numbers straight into float64 arrays: ``pd.DataFrame(rows)`` then ``pd.to_numeric``
    on each column cost 5–13 ms for a table of 18 households (a fifth of each boundary example); the frame is
    the same, dtypes and values (checked against the old construction on 1,200 drawn tables)."""
    numeric = {"income_per_capita", "score_a", *[ind.column for ind in rs.indicators]}
    return pd.DataFrame(
        {
            col: np.array([r[col] for r in rows], dtype="float64") if col in numeric else [r[col] for r in rows]
            for col in rows[0]
        }
    )


def _columns(rs: pr.Ruleset, frame: pd.DataFrame, engine: str) -> pd.DataFrame:
    compiled = rs.compiled()
    if engine == "vectorized":
        decisions, ctx = decide(compiled, frame)
    else:
        decide_with = de.decide_chain if engine == "chain" else de.decide_durable
        decisions, ctx = decide_with(compiled, frame)
    out = result_columns(compiled, decisions, ctx)
    out["rule"] = decisions.rule
    return out[[*COMPARED, "rule"]]


def _assert_same(rs: pr.Ruleset, frame: pd.DataFrame, engines: tuple[str, ...] = ("bulk", "chain")) -> None:
    expected = _columns(rs, frame, "vectorized")
    for engine in engines:
        got = _columns(rs, frame, engine)
        if not _identical(got, expected):  # pandas' own comparison says where they differ
            pd.testing.assert_frame_equal(got, expected, obj=f"{rs.id} {engine}")


def _identical(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same columns, dtypes and values — a categorical column with the same categories in the same order and
    the same codes — as ``assert_frame_equal`` checks them, without boxing each cell: pandas compares a categorical
    column of Arrow strings cell by cell (25 of the exhaustive grid's 37 s under cProfile, 172,872 rows)."""
    if list(a.columns) != list(b.columns) or not a.index.equals(b.index) or not a.dtypes.equals(b.dtypes):
        return False
    for name in a.columns:
        x, y = a[name], b[name]
        if isinstance(x.dtype, pd.CategoricalDtype):
            same = x.cat.categories.equals(y.cat.categories) and np.array_equal(x.cat.codes, y.cat.codes)
        else:
            same = x.equals(y)
        if not same:
            return False
    return True


#: The forward-chaining path opens one durable-rules session per household: slower, fewer examples.
CHAIN_PROFILE = settings(
    max_examples=int(os.environ.get("POVERTY_RULES_CHAIN_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


_AREA = st.sampled_from(["rural", "urban"])
_PATH = st.sampled_from(["income", "score", "both"])
_FLAG = st.sampled_from([0.0, 1.0, None])
_NUMBERS: dict[tuple[str, bool], st.SearchStrategy[float | None]] = {}


def _numbers(rs: pr.Ruleset, around: bool) -> st.SearchStrategy[float | None]:
    """The numbers :func:`_households` draws for a standard, built once per standard: its boundaries and their
    strategy were built again at each draw (12,000 strategies and a compiled evaluation per property; the
    draws, and so the derandomized examples, are the same)."""
    key = (rs.id, around)
    if key not in _NUMBERS:
        values = _boundaries(rs)
        number = st.one_of(st.none(), st.sampled_from(values))
        if around:
            near = st.builds(lambda v, d: max(0.0, v + d), st.sampled_from(values), st.floats(-1.5, 1.5))
            number = st.one_of(number, near)
        _NUMBERS[key] = number
    return _NUMBERS[key]


@st.composite
def _households(draw: st.DrawFn, rs: pr.Ruleset, around: bool = False, most: int = 6) -> list[dict]:
    """1–``most`` households: incomes and scores at every line (±1), 0, huge or unknown; flags 0, 1 or unknown.

    With ``around``, numbers may also fall anywhere near a line (a fraction either side).
    """
    number = _numbers(rs, around)
    columns = [ind.column for ind in rs.indicators]
    rows = []
    for i in range(draw(st.integers(1, most))):
        path = draw(_PATH)
        income = draw(number) if path != "score" else None
        score = draw(number) if path != "income" else None
        row = {
            "household_id": f"H{i}",
            "area": draw(_AREA),
            "income_per_capita": income,
            "score_a": score,
        }
        for column in columns:
            row[column] = draw(_FLAG)
        rows.append(row)
    return rows


@pytest.mark.parametrize("rs", RULESETS + LOCAL_RULESETS, ids=[r.id for r in RULESETS + LOCAL_RULESETS])
@settings(
    max_examples=examples(110, thorough=300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_engines_agree_at_every_boundary(rs: pr.Ruleset, data: st.DataObject) -> None:
    """The bulk durable path (durable-rules chooses the class over leaf codes) matches the vectorized engine.

    Each example is a table of 1–18 households: one bulk run costs about the same for 1 household as
    for 18 (opening the durable-rules session and the frames dominate), so 110 examples check about as
    many households (about 1,100) as 300 examples of 1–6 did, in a third of the time; the ``thorough``
    hypothesis profile (tests/conftest.py) draws 300 examples.

    Why about 1,000 households per standard is enough: every input is drawn from a
    finite set that covers each decision boundary — incomes and scores at line−1, line, line+1 for
    every parameter of either area, 0, huge and unknown; each flag 0, 1 or unknown; each path
    (income only, score only, both). The class conditions only compare inputs with those lines, so
    a household's class depends only on which side of each line its values fall and on the flag
    pattern's (deprived, unknown) counts; about 1,000 households per standard hit each combination
    of path × area × position relative to each line many times, and the exhaustive grid test below
    covers the complete cross product of the same boundary values with counts 0…N.
    """
    rows = data.draw(_households(rs, most=18))
    _assert_same(rs, _frame(rs, rows), engines=("bulk",))


def _chain_facts(steps: list[dict]) -> tuple[tuple[float, float], set[str], dict]:
    """What one chain session concluded: the count value fact, the deprived facts, the class fact."""
    count = next((s["lo"], s["hi"]) for s in steps if s["kind"] == "value" and s["name"] == "deprivation_count")
    deprived = {s["indicator"] for s in steps if s["kind"] == "deprived"}
    (decided,) = [s for s in steps if s["kind"] == "class"]
    return count, deprived, decided


@pytest.mark.parametrize("rs", RULESETS + LOCAL_RULESETS, ids=[r.id for r in RULESETS + LOCAL_RULESETS])
@CHAIN_PROFILE
@given(data=st.data())
def test_forward_chain_agrees_with_the_vectorized_engine(rs: pr.Ruleset, data: st.DataObject) -> None:
    """Facts → indicators → count → class by durable-rules forward chaining gives the vectorized answer.

    Two engines, one truth, where durable-rules does the reasoning: each generated household goes
    through its own chain session (``run_chain``) and the facts that session derived — the deprived
    facts, the ``deprivation_count`` value fact [lo, hi], the class fact — are checked against the
    vectorized engine; then ``decide_chain`` over the whole frame must give the same status,
    deprivation count, deprived set, decided_by and undetermined_by. The class fact is the chain's
    own: it may only say ``undetermined`` where the vectorized engine settled the household by fixing
    an uncertain count (the shared combining step, with durable-rules deciding each completion).
    """
    compiled = rs.compiled()
    frame = _frame(rs, data.draw(_households(rs, around=True)))
    ctx = new_context(compiled, frame)
    expected = evaluate_classes(compiled, frame, ctx)
    decisions, _ = decide(compiled, frame)
    ids = [ind.id for ind in rs.indicators]
    for i in range(len(frame)):
        chained = de.run_chain(compiled, frame, i)
        (lo, hi), deprived, decided = _chain_facts(chained.steps)
        assert (lo, hi) == (expected.deprivation_lo[i], expected.deprivation_hi[i]), f"{rs.id} H{i} count"
        assert deprived == {ids[j] for j in np.flatnonzero(decisions.deprived[i])}, f"{rs.id} H{i} deprived"
        if decided["status"] != expected.status[i]:
            assert decided["status"] == "undetermined" and lo < hi, f"{rs.id} H{i}: chain {decided}"
        else:
            assert decided["class"] == (expected.rule[i] if expected.rule[i] >= 0 else -2), f"{rs.id} H{i} rule"
        assert chained.decisions.status[0] == expected.status[i]
        assert chained.decisions.rule[0] == expected.rule[i]
    _assert_same(rs, frame, engines=("chain",))


@pytest.mark.parametrize("rs", RULESETS, ids=lambda r: r.id)
def test_numbers_in_exponent_form_reach_durable_rules(rs: pr.Ruleset) -> None:
    """durable-rules' JSON parser refused 5e-324 (error 204, found by hypothesis): such numbers travel as text."""
    flags = {ind.column: 0.0 for ind in rs.indicators}
    rows = [
        {"household_id": "tiny", "area": "rural", "income_per_capita": 5e-324, "score_a": None, **flags},
        {"household_id": "huge", "area": "urban", "income_per_capita": 1e16, "score_a": None, **flags},
        {"household_id": "small", "area": "urban", "income_per_capita": 1.5e-7, "score_a": None, **flags},
    ]
    _assert_same(rs, _frame(rs, rows), engines=("bulk", "chain"))


@pytest.mark.parametrize("rs", RULESETS, ids=[r.id for r in RULESETS])
def test_engines_agree_on_the_exhaustive_grid(rs: pr.Ruleset) -> None:
    """Every area × income × score (boundaries and unknown) × (deprived, unknown) flag counts."""
    values = [None, *_boundaries(rs)]
    n = len(rs.indicators)
    counts = [(d, u) for d in range(n + 1) for u in (0, 1, 2) if d + u <= n]
    rows = []
    for area, income, score, (d, u) in itertools.product(("rural", "urban"), values, values, counts):
        row = {"household_id": f"H{len(rows)}", "area": area, "income_per_capita": income, "score_a": score}
        for k, ind in enumerate(rs.indicators):
            row[ind.column] = 1.0 if k < d else (None if k < d + u else 0.0)
        rows.append(row)
    frame = _frame(rs, rows)
    _assert_same(rs, frame, engines=("bulk",))
    sample = frame.sample(n=min(300, len(frame)), random_state=7).reset_index(drop=True)
    _assert_same(rs, sample, engines=("chain",))


def test_sample_commune_identical_through_the_api() -> None:
    for rs in RULESETS:
        table = read_csv_table(SAMPLE)
        a = run(table, rs, engine="vectorized", explain=True, lang="en").results
        b = run(table, rs, engine="durable", explain=True, lang="en").results
        pd.testing.assert_frame_equal(a, b)


def test_classify_durable_is_byte_identical(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = {}
    for engine in ("vectorized", "durable"):
        out = tmp_path / f"{engine}.csv"
        args = ["classify", str(SAMPLE), "-o", str(out), "--engine", engine, "--explain", "-q"]
        args += ["--rejects", str(tmp_path / f"{engine}.rejects.csv")]
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.output  # the fixture has deliberately bad rows
        outputs[engine] = out.read_bytes()
    assert outputs["durable"] == outputs["vectorized"]


def test_bulk_posts_each_case_once_and_gives_its_rule_to_every_household_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 households of three cases (a poor, an average-standard and an above-the-lines household, each repeated and
    shuffled): durable-rules decides three ``leaves`` events, not 3,000, and every household gets its own case's
    class, as the vectorized engine gives it."""
    from poverty_rules.engine.durable import bulk

    rs = RULESETS[1]
    posted: list[int] = []
    real = bulk._post_all

    def counted(name: str, messages: list[dict], prog: object) -> None:
        posted.append(len(messages))
        real(name, messages, prog)  # type: ignore[arg-type]

    bulk.bulk_program(rs.compiled())  # registered and warmed (its warm-up posts) before counting
    monkeypatch.setattr(bulk, "_post_all", counted)
    flags = {ind.column: 0.0 for ind in rs.indicators}
    deprived = {ind.column: 1.0 for ind in rs.indicators}
    cases = [(500_000.0, deprived), (1_600_000.0, deprived), (9_000_000.0, flags)]
    order = np.random.default_rng(5).integers(0, 3, 3000)
    rows = [
        {"household_id": f"H{i}", "area": "rural", "income_per_capita": cases[k][0], "score_a": None, **cases[k][1]}
        for i, k in enumerate(order)
    ]
    frame = _frame(rs, rows)
    got = _columns(rs, frame, "bulk")
    assert posted == [3]
    assert got.groupby(order)["status"].nunique().tolist() == [1, 1, 1]  # each case's households decided alike
    assert got.groupby(order)["status"].first().astype(str).tolist() == ["poor", "average", "not_poor"]
    assert _identical(got, _columns(rs, frame, "vectorized"))


def test_repeated_runs_reuse_the_registered_rulesets() -> None:
    """durable-rules' registry is process-global: a second build must reuse, not re-register."""
    rs = RULESETS[1]
    frame = normalize(read_csv_table(SAMPLE), rs).frame
    first = program(rs.compiled())
    for _ in range(3):
        de.decide_durable(rs.compiled(), frame)
    fresh = load_file(RULESET_FILES[1])  # a new Ruleset object for the same file
    assert program(fresh.compiled()) is first
    names = [n for n in durable_host()._ruleset_directory if n.startswith("pr_bulk_")]
    assert len(names) == len(set(names))
    de.decide_durable(fresh.compiled(), frame)


def test_chain_sessions_do_not_leak() -> None:
    """durable-rules allows 1,024 live sessions per ruleset; unkept chain sessions are deleted."""
    rs = RULESETS[2]
    frame = _frame(
        rs,
        [
            {
                "household_id": f"H{i}",
                "area": "rural",
                "income_per_capita": 1.0 * i,
                "score_a": None,
                **{ind.column: 0.0 for ind in rs.indicators},
            }
            for i in range(1100)
        ],
    )
    decisions, _ = de.decide_chain(rs.compiled(), frame)
    assert (decisions.status != "undetermined").all()


def test_reasons_agree_with_the_explanation() -> None:
    """Same class, deprived set, decisive rule and references in the reason and the explanation."""
    rs = pr.load_ruleset("vn-2022-2026")
    compiled = rs.compiled()
    frame = normalize(read_csv_table(SAMPLE), rs).frame
    decisions, ctx = decide(compiled, frame)
    picks = [int(np.flatnonzero(decisions.status == s)[0]) for s in ("poor", "near_poor", "average", "not_poor")]
    picks.append(int(np.flatnonzero(decisions.status == "undetermined")[0]))
    for lang in ("vi", "en"):
        sentences = reasons(compiled, decisions, ctx, lang)
        for i in picks:
            chained = de.run_chain(compiled, frame, i)
            text = explain(chained, lang)
            assert text.rstrip().endswith(sentences[i])
            assert chained.decisions.rule[0] == decisions.rule[i]
            assert (chained.decisions.deprived[0] == decisions.deprived[i]).all()
            k = decisions.rule[i]
            if k >= 0:
                assert rs.classes[k].reference in text
                assert f"{rs.classes[k].id}:" in text
                assert "class_" not in text
            for j, ind in enumerate(rs.indicators):
                assert (f"indicator:{ind.id}" in text) == bool(decisions.deprived[i, j])


def test_update_household_reclassifies_one_household() -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    deprived = {"employment": True, "water": True, "sanitation": False}
    hh = pr.Household(household_id="U1", area="rural", income_per_capita=1_200_000, deprived=deprived)
    other = pr.Household(household_id="U2", area="rural", income_per_capita=1_200_000, deprived=deprived)
    pr.update_household(rs, other, {"income_per_capita": 1_300_000})
    result, summary = pr.update_household(rs, hh, {"sanitation": True})
    assert result.status == "poor"
    assert summary["status_before"] == "undetermined" and summary["status_after"] == "poor"
    assert summary["deprived_added"] == ["sanitation"] and summary["deprived_removed"] == []
    assert summary["decided_by_after"] == "income"
    assert "deprived_sanitation" in summary["fields_changed"]
    assert result.explain("en").startswith("Poor household")
    # a second update of the same household continues from its session
    result2, summary2 = pr.update_household(
        rs, hh.model_copy(update={"deprived": {**deprived, "sanitation": True}}), {"income_per_capita": 2_000_000}
    )
    assert summary2["status_before"] == "poor" and result2.status == "average"
    # the other household's session is untouched
    sid = program(rs.compiled()).sessions["U2"]
    assert program(rs.compiled()).traces[sid].facts[0]["income_per_capita"] == 1_300_000
    # same answer as classifying the changed record from scratch
    fresh = rs.classify_one(
        pr.Household(
            household_id="U1", area="rural", income_per_capita=2_000_000, deprived={**deprived, "sanitation": True}
        )
    )
    assert (fresh.status, fresh.deprived, fresh.decided_by) == (result2.status, result2.deprived, result2.decided_by)


def test_update_household_reads_the_household_as_classify_one_does() -> None:
    """``update_household`` read neither the household's members nor its household-level fields (a
    household ``classify_one`` finds poor from them was 'undetermined' before and after the change), and
    it left out ``as_of``: the low-income-worker mark was set for a review before Nghị định 30/2025."""
    from poverty_rules.engine.members import Member

    rs = pr.load_ruleset("vn-2022-2026")
    hh = pr.Household(
        household_id="UM1",
        area="rural",
        income_per_capita=1_200_000,
        floor_area=5,
        safe_water=False,
        hygienic_latrine=False,
        members=[Member(birth_date="1990-01-01", has_health_insurance=False)],
    )
    before = rs.classify_one(hh, as_of="2025-12-01")
    result, summary = pr.update_household(rs, hh, {"income_per_capita": 1_100_000}, as_of="2025-12-01")
    assert summary["status_before"] == before.status == "poor"
    after = rs.classify_one(hh.model_copy(update={"income_per_capita": 1_100_000}), as_of="2025-12-01")
    assert (result.status, result.deprived, result.undetermined_by) == (after.status, after.deprived, [])
    assert list(summary["fields_changed"]) == ["income_per_capita"]
    average = pr.Household(
        household_id="UM2", area="rural", income_per_capita=2_000_000, deprived={i.id: False for i in rs.indicators}
    )
    for day, mark in (("2024-12-01", None), ("2025-12-01", True)):
        result, _ = pr.update_household(rs, average, {"income_per_capita": 2_100_000}, as_of=day)
        assert result.designations == {"low_income_worker": mark}
        assert rs.classify_one(average, as_of=day).designations == {"low_income_worker": mark}


def test_update_household_refuses_a_change_it_cannot_make() -> None:
    """``update_household(rs, h, {"watr": True})`` (a misspelt indicator) or a mark of an indicator the
    standard lacks changed nothing and said nothing: the summary listed no changed field."""
    rs = pr.load_ruleset("vn-2022-2026")
    hh = pr.Household(household_id="UX1", area="rural", income_per_capita=1_200_000, deprived={"water": True})
    for changes in ({"watr": True}, {"deprived": {"clean_cooking": True}}, {"deprived_waste": True}):
        with pytest.raises(
            ValueError, match=r"changes: '(watr|clean_cooking|deprived_waste)' is not .* of vn-2022-2026"
        ):
            pr.update_household(rs, hh, changes, as_of="2025-12-01", lang="en")
    result, summary = pr.update_household(rs, hh, {"floor_area": 30, "village": "Thôn Đông", "sanitation": True})
    assert summary["deprived_added"] == ["sanitation"]


def test_update_household_says_its_errors_in_the_language_asked() -> None:
    """``update_household`` had no ``lang``: a change the record cannot take (an income ``abc`` typed in a
    form) was said in English only, where ``classify_one`` and ``classify`` say it in Vietnamese by
    default; it now takes ``lang`` ("vi" by default) as they do."""
    rs = pr.load_ruleset("vn-2022-2026")
    hh = pr.Household(household_id="U1", area="rural", income_per_capita=1_200_000, deprived={"water": True})
    for lang, said in (("vi", "phải là số"), ("en", "must be a number")):
        with pytest.raises(pr.RowErrors) as caught:
            pr.update_household(rs, hh, {"income_per_capita": "abc"}, as_of="2025-12-01", lang=lang)
        assert said in str(caught.value) and caught.value.in_lang(lang) == str(caught.value)
    with pytest.raises(pr.RowErrors, match="phải là số"):  # by default in Vietnamese, as classify_one
        pr.update_household(rs, hh, {"income_per_capita": "abc"}, as_of="2025-12-01")
    with pytest.raises(ValueError, match="'vi', 'en'"):
        pr.update_household(rs, hh, {"water": False}, lang="fr")  # type: ignore[arg-type]


#: The pipeline-level properties below classify whole tables twice (members joined, local standard, reasons):
#: few examples by default, more with POVERTY_RULES_PARITY_EXAMPLES (e.g. 300 before a release).
PARITY_PROFILE = settings(
    max_examples=int(os.environ.get("POVERTY_RULES_PARITY_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_CELL_FLAGS = st.sampled_from(["", "0", "1", "có", "không"])
_AS_OF = ["2021-12-31", "2022-01-01", "2024-06-30", "2025-12-01", "2026-12-31", "2027-01-01"]
_LOCALS = [None, *(r.id for r in LOCAL_RULESETS)]
_FIELDS = ["floor_area", "members_count", "wall_durable", "frame_durable", "roof_durable", "safe_water"]
_FIELDS += ["hygienic_latrine", "internet_use", "has_info_device", "phone_subscription", "has_tv_radio_computer"]


@st.composite
def _tables(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame | None, str, str | None]:
    """A household table as a file gives it (text cells), maybe a members table, a review date at a standard's
    first or last day or the window's, maybe a local standard: marks given, blank or derived (from members,
    or from household fields: floor area, latrine …), incomes and scores at the lines, statuses and escape
    dates one day either side of a 36-month window's end."""
    from poverty_rules.engine.members import MEMBER_FIELDS

    every = sorted({ind.id for rs in RULESETS + LOCAL_RULESETS for ind in rs.indicators})
    given_marks = draw(st.lists(st.sampled_from(every), unique=True))
    fields = draw(st.lists(st.sampled_from(_FIELDS), unique=True))
    households = []
    for i in range(draw(st.integers(1, 5))):
        row = {
            "household_id": f"H{i}",
            "area": draw(st.sampled_from(["rural", "urban"])),
            "income_per_capita": draw(
                st.sampled_from(["", "0", "1500000", "1500001", "2000000", "2000001", "4000000"])
            ),
            "score_a": draw(st.sampled_from(["", "120", "140", "150", "175", "190"])),
            "previous_status": draw(st.sampled_from(["", "poor", "near_poor", "average", "not_poor"])),
            "escaped_on": draw(st.sampled_from(["", "2022-11-30", "2022-12-01", "2022-12-02", "2023-12-01"])),
        }
        row.update({f"deprived_{ind}": draw(_CELL_FLAGS) for ind in given_marks})
        for name in fields:
            row[name] = draw(st.sampled_from(["", "3", "8", "30"])) if name in _FIELDS[:2] else draw(_CELL_FLAGS)
        households.append(row)
    members = None
    if draw(st.booleans()):
        columns = ["household_id", "member_id", "birth_date", *(k for k in MEMBER_FIELDS if k != "age")]
        rows = []
        for i in range(len(households)):
            for j in range(draw(st.integers(0, 3))):
                born = draw(st.sampled_from(["", "1950-01-01", "1990-06-15", "2010-03-01", "2019-12-01", "2020-12-02"]))
                member = {"household_id": f"H{i}", "member_id": str(j + 1), "birth_date": born}
                for name, (kind, _) in MEMBER_FIELDS.items():
                    if kind == "flag":
                        member[name] = draw(_CELL_FLAGS)
                    elif isinstance(kind, tuple):
                        member[name] = draw(st.sampled_from(["", *kind]))
                rows.append(member)
        members = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    return (
        pd.DataFrame(households, dtype=object),
        members,
        draw(st.sampled_from(_AS_OF)),
        draw(st.sampled_from(_LOCALS)),
    )


def _born(as_of: str, years: int, later: int) -> str:
    """The birth date of a member ``years`` old on ``as_of`` whose birthday is that day (``later`` 0), or the day
    after (``later`` 1: one year younger); 29 February of a common year read as 28."""
    day = date.fromisoformat(as_of)
    born = day.replace(year=day.year - years, day=min(day.day, 28 if day.month == 2 else day.day))
    return (born + timedelta(days=later)).isoformat()


def _boundary_case(as_of: str, local: str | None) -> tuple[pd.DataFrame, pd.DataFrame, str, str | None]:
    """Every income line of the standard in force on ``as_of`` (and of the local standard) at line − 1, line and
    line + 1 in both areas, and a member at each age an indicator starts or stops at (3, 5, 6, 15, 16, 17, 18, 30,
    31) whose birthday is the review date or the day after, in a household whose floor area is exactly 8 m² a
    person or just under: the boundaries the drawn tables of :func:`_tables` reach only by chance (no income of
    the 2016 or 2027 lines, no birthday on the review date but 2025-12-01's sixth)."""
    from poverty_rules.engine.members import MEMBER_FIELDS

    standards = [pr.load_ruleset(as_of=as_of), *([pr.load_ruleset(local)] if local else [])]
    lines = {
        value
        for rs in standards
        for p in rs.parameters.values()
        if p.unit.startswith("VND")
        for value in (p.value.values() if isinstance(p.value, dict) else [p.value])
    }
    incomes = sorted({0, *(v + d for v in lines for d in (-1, 0, 1))})
    flags_only = [ind for ind in standards[0].indicators if not ind.deprived_when]
    ages = [(age, later) for age in (3, 5, 6, 15, 16, 17, 18, 30, 31) for later in (0, 1)]
    places = [(income, area) for income in incomes for area in ("rural", "urban")] + [(0, "rural")] * len(ages)
    households, members = [], []
    for i, (income, area) in enumerate(places):
        age, later = ages[i % len(ages)]
        households.append(
            {
                "household_id": f"H{i}",
                "area": area,
                "income_per_capita": f"{income:g}",
                "floor_area": "16" if i % 3 else "15.99",
                **dict.fromkeys(["wall_durable", "frame_durable", "roof_durable", "safe_water"], "1"),
                **dict.fromkeys(["hygienic_latrine", "internet_use", "has_info_device", "phone_subscription"], "1"),
                "has_tv_radio_computer": "1",
                # a standard that derives no mark (2027–2030) reads the form's: 0 to 3 marked deprived
                **{ind.column: str(int(k < i % 4)) for k, ind in enumerate(flags_only)},
            }
        )
        for j, born in enumerate((_born(as_of, 40, 0), _born(as_of, age, later))):
            member = {"household_id": f"H{i}", "member_id": str(j + 1), "birth_date": born}
            for name, (kind, _) in MEMBER_FIELDS.items():
                if kind == "flag":  # the head: working, insured; the other: the age decides each of its marks
                    member[name] = "1" if (j == 0) == (name not in ("stunted", "underweight", "disabled")) else "0"
                    member[name] = (
                        "0" if name in ("wage_without_contract", "in_education", "sick_untreated") else member[name]
                    )
                elif isinstance(kind, tuple):
                    member[name] = {"employment": "employed", "highest_qualification": kind[-1]}.get(name, kind[0])
                    member[name] = "lower_secondary" if j and name == "highest_qualification" else member[name]
            members.append(member)
    return pd.DataFrame(households, dtype=object), pd.DataFrame(members, dtype=object).fillna(""), as_of, local


@PARITY_PROFILE
@example(case=_boundary_case("2021-12-31", None))
@example(case=_boundary_case("2024-02-29", None))
@example(case=_boundary_case("2025-12-01", "example-bac-ninh-2025"))
@example(case=_boundary_case("2025-12-01", "example-hcmc-style-2022-2025"))
@example(case=_boundary_case("2026-12-31", "example-province-2026"))
@example(case=_boundary_case("2027-01-01", None))
@given(case=_tables())
def test_engines_agree_through_the_whole_pipeline(
    case: tuple[pd.DataFrame, pd.DataFrame | None, str, str | None],
) -> None:
    """``classify --engine durable`` gives the vectorized run's every output column, where the properties above
    give the engines frames of marks alone: marks derived from a members table and from household fields,
    blank and unreadable cells, the score path, a local standard's ``local_*`` columns (its own indicators,
    its lines), the reasons in both languages, the designations and the transitions and support windows on
    review dates at a standard's first and last day — and the same rejects and notes."""
    import warnings

    from poverty_rules.pipeline import RunOptions

    frame, members, as_of, local = case
    rs = pr.load_ruleset(as_of=as_of)
    said = []
    for engine in ("vectorized", "durable"):
        for lang in ("vi", "en"):
            options = RunOptions(engine=engine, members=members, as_of=as_of, explain=True, lang=lang, local=local)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    r = run(frame, rs, options)
                except pr.InputError as exc:  # a local standard not in force then: refused alike
                    said.append(("refused", str(exc)))
                    continue
            said.append((r.results, r.normalized.rejects, r.normalized.notes))
    for vectorized, durable in ((said[0], said[2]), (said[1], said[3])):
        if isinstance(vectorized[0], str):
            assert durable == vectorized
            continue
        pd.testing.assert_frame_equal(durable[0], vectorized[0], obj=f"{rs.id} {local} results")
        pd.testing.assert_frame_equal(durable[1], vectorized[1], obj="rejects")
        assert durable[2] == vectorized[2]


@PARITY_PROFILE
@given(case=_tables())
def test_the_chain_agrees_on_households_read_with_members_and_fields(
    case: tuple[pd.DataFrame, pd.DataFrame | None, str, str | None],
) -> None:
    """The forward chain (``explain``, ``update_household``) and the bulk durable path give the vectorized
    engine's result columns — reasons, designations on the review date — of households as the pipeline reads
    them (marks derived from members and household fields, unknown cells), by the national standard in force
    and by a local standard."""
    import datetime as dt
    import warnings

    from poverty_rules.pipeline import RunOptions, prepare

    frame, members, as_of, local = case
    on = dt.date.fromisoformat(as_of)
    for rs in [pr.load_ruleset(as_of=as_of), *([pr.load_ruleset(local)] if local else [])]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            normalized = prepare(frame, rs, RunOptions(members=members, as_of=as_of, lang="en")).frame
        normalized = normalized.reset_index(drop=True)
        compiled = rs.compiled()
        outputs = []
        for decider in (decide, de.decide_chain, de.decide_durable):
            decisions, ctx = decider(compiled, normalized)
            outputs.append(result_columns(compiled, decisions, ctx, explain=True, lang="en", as_of=on))
        pd.testing.assert_frame_equal(outputs[1], outputs[0], obj=f"{rs.id} chain")
        pd.testing.assert_frame_equal(outputs[2], outputs[0], obj=f"{rs.id} bulk")
