"""The durable-rules statechart of a household's status equals the column-wise bulk path
(transitions.py) over random status histories (Quyết định 24/2021/QĐ-TTg; Quyết định 90/QĐ-TTg 2022)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from poverty_rules.engine.durable.lifecycle import chart_definition, run_histories
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.review.transitions import eligible_until_column, transitions

STATUSES = ["poor", "near_poor", "average", "not_poor", "undetermined"]


def _bulk(histories: dict[str, list[str]], days: list[str], months: int) -> dict[str, list[tuple[str, str]]]:
    """The same histories year by year, every household at once, column-wise."""
    ids = list(histories)
    n = len(ids)
    prev = pd.Series([""] * n, dtype=object)
    ep = np.zeros(n, dtype=bool)
    en = np.zeros(n, dtype=bool)
    escaped_on = pd.Series([None] * n, dtype=object)
    out: dict[str, list[tuple[str, str]]] = {i: [] for i in ids}
    for year, day in enumerate(days):
        cur = pd.Series([histories[i][year] for i in ids], dtype=object)
        moved = transitions(prev, cur, pd.Series(ep), pd.Series(en))
        kept = cur.where(cur != "undetermined", prev.replace("", "undetermined"))  # an undetermined year keeps it
        until = eligible_until_column(kept, moved, escaped_on, day, months)
        for i, m, u in zip(ids, moved, until, strict=True):
            out[i].append((m, u))
        escaped = (moved == "escaped_poverty").to_numpy()
        ep |= escaped
        en |= (moved == "escaped_near_poverty").to_numpy()
        escaped_on = escaped_on.where(~escaped, day)
        prev = prev.where(cur == "undetermined", cur)
    return out


histories_strategy = st.integers(min_value=1, max_value=7).flatmap(
    lambda years: st.tuples(
        st.just(years),
        st.dictionaries(
            st.text("abcdefgh", min_size=1, max_size=4),
            st.lists(st.sampled_from(STATUSES), min_size=years, max_size=years),
            min_size=1,
            max_size=8,
        ),
        st.lists(st.integers(min_value=0, max_value=500), min_size=years, max_size=years),
    )
)


@settings(max_examples=150, deadline=None)
@given(histories_strategy, st.sampled_from([12, 36, 60]))
def test_statechart_equals_bulk_transitions(case: tuple, months: int) -> None:
    years, histories, gaps = case
    day = np.datetime64("2021-12-10")
    days = []
    for gap in gaps:  # reviews roughly a year apart, sometimes much more or less
        day = day + np.timedelta64(200 + gap, "D")
        days.append(str(day))
    assert run_histories(histories, days, months) == _bulk(histories, days, months)


def test_relapse_and_window_examples() -> None:
    days = ["2022-12-10", "2023-01-31", "2026-01-30", "2026-01-31"]
    months = load_ruleset("vn-2022-2026").programmes["national_programme"].months
    got = run_histories({"h": ["poor", "average", "average", "average"]}, days, months)["h"]
    # escape recognized 2023-01-31 -> eligible until 2026-01-30 (spec example), not the day after
    assert got == [
        ("first_review", ""),
        ("escaped_poverty", "2026-01-30"),
        ("unchanged", "2026-01-30"),
        ("unchanged", ""),
    ]
    again = run_histories({"h": ["poor", "near_poor", "poor"]}, days[:3], months)["h"]
    assert [t for t, _ in again] == ["first_review", "escaped_poverty", "relapsed_poor"]


def test_chart_is_json_form_with_a_state_per_status_and_memory() -> None:
    chart = chart_definition()
    assert "start" in chart and "poor_ep1_en0" in chart and len(chart) == 14
    assert all(set(t) == {"all", "to", "run"} for state in chart.values() for t in state.values())
