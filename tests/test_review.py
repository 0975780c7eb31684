"""Year-end review runs (issue #6): transitions and windows from the file, the history-based
review, the movements report (Quyết định 24/2021/QĐ-TTg; Quyết định 90/QĐ-TTg 2022)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import poverty_rules as pr
from poverty_rules.api import run
from poverty_rules.inputs import read_csv_table
from poverty_rules.review import parse_days

GOLDEN = Path(__file__).parent / "golden" / "review_previous_status.csv"

# household -> (status, transition, eligible_until) at the review of 2025-12-10 (vn-2022-2026, 36 months)
EXPECTED = {
    "A1": ("poor", "newly_poor", ""),
    "A2": ("poor", "relapsed_poor", ""),  # escaped 2023-01-31, poor again: no window
    "A3": ("average", "escaped_poverty", "2028-12-09"),  # recognized at this review
    "A4": ("average", "first_review", "2027-12-19"),  # spec example 2024-12-20 -> 2027-12-19
    "A5": ("not_poor", "escaped_poverty", "2028-12-09"),
    "A8": ("undetermined", "", ""),
}


def test_classify_fills_transition_and_eligible_until_golden() -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    r = run(read_csv_table(GOLDEN), rs, as_of=pd.Timestamp("2025-12-10").date())
    ids = r.normalized.frame["household_id"].astype(str).tolist()
    got = {
        i: (s, t, e)
        for i, s, t, e in zip(
            ids, r.results["status"], r.results["transition"], r.results["eligible_until"], strict=True
        )
    }
    assert got == EXPECTED


def test_unreadable_previous_status_and_escaped_on_are_rejects() -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    r = run(read_csv_table(GOLDEN), rs, as_of=pd.Timestamp("2025-12-10").date())
    rejects = r.normalized.rejects.set_index("household_id")
    assert rejects.loc["A6", "column"] == "previous_status"
    assert rejects.loc["A6", "row"] == 7
    assert "ngheo xyz" in rejects.loc["A6", "reason"]
    assert rejects.loc["A7", "column"] == "escaped_on"  # 31/02 does not exist
    assert rejects.loc["A7", "row"] == 8


def test_library_classify_with_previous_status() -> None:
    df = pd.DataFrame(
        {
            "household_id": ["H1", "H2"],
            "area": ["rural", "rural"],
            "income_per_capita": [5_000_000, 900_000],
            "previous_status": ["nghèo", "thoát nghèo"],
            **{f"deprived_{k}": [0, 1] for k in ("employment", "dependency", "nutrition")},
        }
    )
    out = pr.classify(df, ruleset="vn-2022-2026", as_of="2024-02-29", errors="drop")
    assert out["transition"].tolist() == ["escaped_poverty", "relapsed_poor"]
    assert out["eligible_until"].tolist() == ["2027-02-27", ""]  # spec example


def test_window_length_comes_from_the_ruleset() -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    national = rs.programmes["national_programme"]
    shorter = rs.model_copy(
        update={"programmes": {**rs.programmes, "national_programme": national.model_copy(update={"months": 12})}}
    )
    frame = pd.DataFrame({"escaped_on": ["2024-12-20"]})
    results = pd.DataFrame({"status": ["average"]})
    from poverty_rules.review import stateless_transitions

    out = stateless_transitions(shorter, frame, results, "2025-06-01")
    assert out["eligible_until"].tolist() == ["2025-12-19"]


def test_parse_days_iso_and_day_first() -> None:
    days, bad = parse_days(pd.Series(["2024-12-20", "20/12/2024", "", None, "31/02/2024", "soon"], dtype=object))
    assert [str(d) for d in days[:2]] == ["2024-12-20", "2024-12-20"]
    assert np.isnat(days[2]) and np.isnat(days[3])
    assert bad.tolist() == [False, False, False, False, True, True]


@pytest.mark.parametrize("cell", ["poor", "Hộ cận nghèo", "ho ngheo", "thoát nghèo", "", "average"])
def test_readable_previous_status_spellings_pass(cell: str) -> None:
    df = pd.DataFrame(
        {"household_id": ["H1"], "area": ["rural"], "income_per_capita": [5_000_000], "previous_status": [cell]}
    )
    out = pr.classify(df, ruleset="vn-2022-2026", as_of="2025-12-10", errors="drop")
    assert len(out) == 1 and len(out.attrs["rejects"]) == 0
