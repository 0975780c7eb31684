"""From the engine's decisions to the result columns (engine/classes.py ``Decisions``, results/columns.py): the
codes and texts each household's columns are made of, as a plain reading of its flags gives them."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_rules.data import normalize as nz

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(st.integers(0, 22), st.integers(0, 30), st.booleans(), st.randoms(use_true_random=False))
@SETTINGS
def test_each_rows_flag_pattern_names_its_set_columns(k: int, n: int, fortran: bool, rnd: object) -> None:
    """The deprived and undetermined_by columns (results/columns.py ``_patterns``: a code per row from its flags'
    bits, a text per distinct pattern) name, for each row, the columns set in it, joined in column order — for
    any number of columns (a table of 2^k patterns up to 20, sorted codes beyond), either memory order."""
    from poverty_rules.results.columns import _join_by_pattern

    rows = [[rnd.random() < 0.3 for _ in range(k)] for _ in range(n)]  # type: ignore[attr-defined]
    matrix = np.array(rows, dtype=bool).reshape(n, k)
    matrix = np.asfortranarray(matrix) if fortran else np.ascontiguousarray(matrix)
    names = np.array([f"c{j}" for j in range(k)], dtype=object)
    got = _join_by_pattern(matrix, names, ";").tolist()
    assert got == [";".join(f"c{j}" for j in range(k) if row[j]) for row in rows]


def test_decisions_keep_the_status_codes_and_make_the_unknown_flags_when_asked() -> None:
    """The engines' decisions carry each household's status code as the combining step found it (the result
    columns read it instead of finding it again), and the matrix of unknown flags is made only when read."""
    from poverty_rules.engine.classes import status_codes_of
    from poverty_rules.engine.standards import load_ruleset
    from poverty_rules.engine.vectorized import decide
    from poverty_rules.results.columns import result_columns

    rs = load_ruleset("vn-2022-2026")
    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural", "urban", "rural"],
            "income_per_capita": ["1000000", "9500000", "1500000"],
            **{ind.column: ["1", "0", ""] for ind in rs.indicators},
        }
    )
    frame = nz.normalize(table, rs, lang="en").frame
    decisions, ctx = decide(rs.compiled(), frame)
    assert decisions.codes is not None
    np.testing.assert_array_equal(decisions.codes, status_codes_of(decisions.possible, len(decisions.rule)))
    assert "unknown_flags" not in vars(decisions)
    columns = result_columns(rs.compiled(), decisions, ctx, as_of=None)
    assert "status" not in vars(decisions)  # the result columns read the codes, not the object array of statuses
    assert columns["status"].tolist() == decisions.status.tolist() == ["poor", "not_poor", "undetermined"]
    unknown = decisions.unknown_flags
    assert unknown.shape == (3, len(rs.indicators)) and unknown[2].all() and not unknown[:2].any()


CATEGORY = st.sampled_from(["poor", "near_poor", "", "1", "0", "employment;water", "Nghèo", "x"])


@given(
    st.lists(CATEGORY, min_size=1, max_size=6, unique=True), st.lists(st.integers(-1, 5), max_size=30), st.booleans()
)
@SETTINGS
def test_a_result_column_as_arrow_is_what_pyarrow_makes_of_it(
    categories: list[str], picks: list[int], ordered: bool
) -> None:
    """The result columns handed to the writer (results/tables.py ``result_array``, a categorical made from its codes
    and a kept dictionary) are exactly ``pa.array`` of the column: type (index width, text, ordered) and values,
    missing ones too — whatever order the categories are in (equal dtypes for pandas, other columns for Arrow)."""
    import pandas as pd

    from poverty_rules.results.tables import result_array

    codes = np.array([p if p < len(categories) else -1 for p in picks], dtype=np.int8)
    for cats in (categories, categories[::-1]):
        column = pd.Series(pd.Categorical.from_codes(codes, categories=cats, ordered=ordered))
        got, want = result_array(column), pa.array(column)
        assert got.type == want.type and got.equals(want), (cats, codes)
    plain = pd.Series(["a", None, "b"])
    assert result_array(plain).equals(pa.array(plain))
