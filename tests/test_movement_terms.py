"""The movement terms read each distinct cell once (review/yearly.py ``_Labels``, ``_written``, ``_place_codes``):
what they say of every row is what reading that row's cell alone says."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from poverty_rules.review import yearly

_CELLS = st.one_of(
    st.none(),
    st.just(math.nan),
    st.sampled_from(["poor", "near_poor", "", " ", "relapsed_poor", "Thôn 1", "Thôn  1", "0"]),
)
_KINDS = st.sampled_from(["object", "category", "str"])


def _column(cells: list[object], kind: str) -> pd.Series:
    column = pd.Series(cells, dtype=object)
    return column if kind == "object" else column.astype(kind)


def _missing(cell: object) -> bool:
    return cell is None or (isinstance(cell, float) and math.isnan(cell))


@given(st.lists(_CELLS, max_size=40), st.lists(st.sampled_from(["poor", "", "near_poor", "x"]), max_size=3), _KINDS)
@settings(max_examples=200)
def test_labels_say_of_each_row_what_its_cell_says(cells: list[object], labels: list[str], kind: str) -> None:
    column = _column(cells, kind)
    read = ["" if _missing(c) else str(c) for c in column.astype(object)]
    assert yearly._Labels(column).of(*labels).tolist() == [text in labels for text in read]
    assert yearly._written(column).tolist() == [text != "" for text in read]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Thôn 1", "Thôn  1", "", None]),
            st.sampled_from(["Xã A", "Xã  A", "Xã B", None]),
            st.sampled_from(["", "03001", "03002"]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
@settings(max_examples=200)
def test_place_codes_number_the_names_each_row_is_counted_by(rows: list[tuple], with_codes: bool) -> None:  # type: ignore[type-arg]
    """Two communes of one spelling (spaces apart) read alike: their villages share a name and a number. The names
    of communes given with codes are the movements tests' (tests/test_review.py, tests/test_review_stream.py)."""
    frame = pd.DataFrame(rows, columns=["village", "commune", "commune_code"])
    if not with_codes:
        frame = frame.drop(columns=["commune_code"])
    codes, names = yearly._place_codes(frame, frame["village"])
    per_row = names[codes]
    if not with_codes:  # the commune's words, then the village, apart
        expected = []
        for village, commune, _ in rows:
            place = " ".join((commune or "").split())
            expected.append(f"{place}\x1f{village or ''}" if place else village or "")
        assert per_row.tolist() == expected
    numbered, villages = yearly._village_codes([(codes, names)])
    assert [villages[i] for i in numbered] == per_row.tolist()
    assert (numbered, villages)[1] == yearly._village_codes([pd.Series(per_row, dtype=object)])[1]
    assert np.array_equal(numbered, yearly._village_codes([pd.Series(per_row, dtype=object)])[0])
