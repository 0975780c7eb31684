"""Year-end review runs (issue #6): transitions and windows from the file, the history-based
review, the movements report (Quyết định 24/2021/QĐ-TTg; Quyết định 90/QĐ-TTg 2022)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import poverty_rules as pr
from poverty_rules.data.read import read_csv_table
from poverty_rules.pipeline import run
from poverty_rules.reports.units import rate
from poverty_rules.vocabulary.dates import parse_days

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
    from poverty_rules.review.transitions import stateless_transitions

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
    res = pr.classify_table(df, ruleset="vn-2022-2026", as_of="2025-12-10")
    assert len(res.rows) == 1 and len(res.rejects) == 0


# ---------------------------------------------------------------- the review against the history

import hashlib  # noqa: E402

from poverty_rules.pipeline import run_review  # noqa: E402
from poverty_rules.review import history, yearly  # noqa: E402
from poverty_rules.review.history import HistoryStore  # noqa: E402
from poverty_rules.review.transitions import programme  # noqa: E402
from poverty_rules.review.yearly import (  # noqa: E402
    TOTAL,
    MovementSums,
    eligible,
    movement_identity,
    movement_sums,
    movement_table,
)

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
COMMUNE = "Hưng Chính"
NATIONAL = programme(pr.load_ruleset("vn-2027-2030"), "national_programme")
HEALTH = programme(pr.load_ruleset("vn-2027-2030"), "health_insurance_support")
RELAPSER = "HC-01-0005"
FLAGS = ["deprived_employment", "deprived_dependency", "deprived_nutrition"]


def _sample() -> pd.DataFrame:
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


def _perturbed(year: int) -> pd.DataFrame:
    """The sample commune as reviewed in ``year``: incomes moved by a deterministic factor per
    household (0.7–1.4), 1 household in 50 missing, and RELAPSER out of poverty in 2024, poor in 2025."""
    df = _sample()
    factor = np.array(
        [0.7 + 0.7 * (hashlib.sha256(f"{year}:{i}".encode()).digest()[0] / 255) for i in df["household_id"]]
    )
    income = pd.to_numeric(df["income_per_capita"], errors="coerce")
    moved = (income * factor).round()
    df["income_per_capita"] = moved.astype("Int64").astype(str).where(income.notna(), df["income_per_capita"])
    keep = np.array([hashlib.sha256(f"{year}!{i}".encode()).digest()[0] % 50 != 0 for i in df["household_id"]])
    keep |= (df["household_id"] == RELAPSER).to_numpy()
    df = df[keep].reset_index(drop=True)
    row = df["household_id"] == RELAPSER
    if year == 2024:
        df.loc[row, "income_per_capita"] = "9000000"
    if year == 2025:
        df.loc[row, "income_per_capita"] = "500000"
        df.loc[row, FLAGS] = "1"
    return df


def _bootstrap(store: HistoryStore) -> None:
    """2022 lists: RELAPSER poor; 2023: RELAPSER recognized as escaped poverty on 2023-12-15."""
    store.import_lists(
        pd.DataFrame(
            {
                "household_id": [RELAPSER, RELAPSER],
                "status": ["hộ nghèo", "thoát nghèo"],
                "year": [2022, 2023],
                "recognized_on": [None, "2023-12-15"],
                "village": ["Xóm Chợ", "Xóm Chợ"],
                "province": ["Tỉnh Nghệ An"] * 2,  # as the household file names its commune (its history key)
                "commune": ["Xã Hưng Chính"] * 2,
            }
        ),
        commune=COMMUNE,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "commune.db"


def test_three_year_review_movements_add_up_and_relapse_is_found(db: Path) -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    with HistoryStore(db) as store:
        _bootstrap(store)
        reviews = {
            year: run_review(_perturbed(year), rs, f"{year}-12-10", store, COMMUNE) for year in (2024, 2025, 2026)
        }
    for year, review in reviews.items():
        identity = movement_identity(review.movements)
        assert (identity[["poor", "near_poor"]] == 0).all().all(), year
        total = review.movements[review.movements["village"] == TOTAL].iloc[0]
        villages = review.movements[review.movements["village"] != TOTAL]
        numeric = [c for c in review.movements.columns if c != "village" and not c.endswith("_rate")]
        assert (villages[numeric].sum() == total[numeric]).all(), year
        assert total["households"] == len(review.classified)
        assert total["poor_end"] == int((review.classified["status"] == "poor").sum())
        assert Decimal(str(total["poor_rate"])) == rate(int(total["poor_end"]), int(total["households"]))
        assert "average_farm" in review.movements.columns
        # households missing this year are listed as not reviewed
        assert len(review.not_reviewed) > 0 or year == 2024
    one = reviews[2024].classified.set_index("household_id").loc[RELAPSER]
    assert one["previous_status"] == "not_poor" and one["transition"] == "unchanged"
    two = reviews[2025].classified.set_index("household_id").loc[RELAPSER]
    assert two["status"] == "poor" and two["transition"] == "relapsed_poor"
    assert reviews[2025].movements.set_index("village").loc[TOTAL, "poor_relapsed"] >= 1
    recorded_2025 = set(reviews[2025].classified["household_id"])
    missing_2026 = recorded_2025 - set(_perturbed(2026)["household_id"])
    assert set(reviews[2026].not_reviewed["household_id"]) == missing_2026  # who left earlier is not listed again
    # a year starts where the last ended (its undetermined households keep their list); a household that
    # left (not reviewed last year) is not counted in the next start (docs/reports.md)
    for year in (2025, 2026):
        now, last = reviews[year].movements.iloc[-1], reviews[year - 1].movements.iloc[-1]
        for lst in ("poor", "near_poor"):
            assert now[f"{lst}_start"] == last[f"{lst}_end"] + last[f"{lst}_undetermined"], (year, lst)


def test_rerunning_a_review_replaces_it(db: Path) -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    with HistoryStore(db) as store:
        first = run_review(_perturbed(2024), rs, "2024-12-10", store, COMMUNE)
        before = store.dump()
        again = run_review(_perturbed(2024), rs, "2024-12-10", store, COMMUNE)
        after = store.dump()
        assert len(store.reviews()) == 1
    strip = [line for line in before if 'INSERT INTO "reviews"' not in line]
    assert strip == [line for line in after if 'INSERT INTO "reviews"' not in line]
    pd.testing.assert_frame_equal(first.movements, again.movements)
    pd.testing.assert_frame_equal(first.classified, again.classified)


def test_interrupted_review_leaves_the_history_unchanged(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rs = pr.load_ruleset("vn-2022-2026")
    with HistoryStore(db) as store:
        run_review(_perturbed(2024), rs, "2024-12-10", store, COMMUNE)
        before = store.dump()
        original = history._rows

        def failing_rows(review_id: int, columns: list) -> object:
            for number, row in enumerate(original(review_id, columns)):
                if number == len(columns[0]) // 2:
                    raise RuntimeError("simulated crash half-way")
                yield row

        monkeypatch.setattr(history, "_rows", failing_rows)
        for day in ("2024-12-10", "2025-12-10"):  # replacing a review, and a new one
            with pytest.raises(RuntimeError, match="simulated crash"):
                run_review(_perturbed(2025), rs, day, store, COMMUNE)
            assert store.dump() == before


def test_eligible_on_the_last_day_of_the_window_not_the_next(db: Path) -> None:
    with HistoryStore(db) as store:
        store.import_lists(
            pd.DataFrame(
                {
                    "household_id": ["E1", "E1", "E2", "E2"],
                    "status": ["nghèo", "thoát nghèo", "nghèo", "thoát nghèo"],
                    "year": [2023, 2024, 2023, 2024],
                    "recognized_on": [None, "2024-12-20", None, "2024-02-29"],
                    "village": ["Thôn 1", "Thôn 1", "Thôn 2", "Thôn 2"],
                }
            ),
            commune=COMMUNE,
        )
        last = eligible(store, "2027-12-19", "national_programme", NATIONAL, COMMUNE)
        assert last["household_id"].tolist() == ["E1"] and last["days_left"].tolist() == [1]
        assert eligible(store, "2027-12-20", "national_programme", NATIONAL, COMMUNE).empty
        on_feb = eligible(store, "2027-02-27", "national_programme", NATIONAL, COMMUNE)
        assert on_feb["household_id"].tolist() == ["E1", "E2"]  # sorted by village
        assert "E2" not in set(eligible(store, "2027-02-28", "national_programme", NATIONAL, COMMUNE)["household_id"])
        # health-insurance support only for households near-poor now: these are not_poor
        assert eligible(store, "2026-01-01", "health_insurance_support", HEALTH, COMMUNE).empty


def test_health_insurance_window_serves_near_poor_escapes_recognized_before_its_regime_ended(db: Path) -> None:
    """60 months for near-poor households (regime from 2015, P); none for escapes after 2025-08-14 (U)."""
    with HistoryStore(db) as store:
        store.import_lists(
            pd.DataFrame(
                {
                    "household_id": ["N1", "N1", "N2", "N2"],
                    "status": ["cận nghèo", "thoát nghèo", "cận nghèo", "thoát nghèo"],
                    "year": [2025, 2025, 2025, 2025],
                    "recognized_on": [None, "2025-08-14", None, "2025-08-15"],
                    "village": ["Thôn 1", "Thôn 1", "Thôn 1", "Thôn 1"],
                }
            ),
            commune=COMMUNE,
        )
        found = eligible(store, "2026-06-30", "health_insurance_support", HEALTH, COMMUNE)
        assert found["household_id"].tolist() == ["N1"]
        assert found["eligible_until"].tolist() == ["2030-08-13"]


@pytest.mark.parametrize(
    "hashes",
    [
        lambda codes: np.zeros(len(codes), dtype=np.uint64),  # every code one hash: the history's collide
        lambda codes: np.arange(len(codes), dtype=np.uint64),  # unique, but each file code meets another's
    ],
)
def test_households_matched_to_the_history_whatever_their_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hashes: Any
) -> None:
    """The history and the file are matched by hashed codes, every match checked on the code itself:
    colliding hashes fall back on the exact match, with the same review."""
    rs = pr.load_ruleset("vn-2022-2026")
    reviews = []
    for name, patch in (("plain", False), ("collide", True)):
        with HistoryStore(tmp_path / f"{name}.db") as store:
            run_review(_perturbed(2024), rs, "2024-12-10", store, COMMUNE)
            if patch:
                monkeypatch.setattr(yearly, "hash_codes", hashes)
            reviews.append(run_review(_perturbed(2025), rs, "2025-12-10", store, COMMUNE, record=False))
    plain, collided = reviews
    assert (plain.classified["previous_status"] != "").sum() > 100  # the history was found
    pd.testing.assert_frame_equal(plain.classified, collided.classified)
    pd.testing.assert_frame_equal(plain.not_reviewed, collided.not_reviewed)


def test_movement_rates_round_half_up_as_the_reports_do(db: Path) -> None:
    """301 poor of 800 households is 37.625%: the movements file said 37.62 (np.round on a float) where R1
    of the same review says 37.63 (docs/reports.md: half-up; docs/standard.md §6)."""
    ids = [f"H{i:03d}" for i in range(800)]
    flags = {f"deprived_{i.id}": ["1"] * 800 for i in pr.load_ruleset("vn-2022-2026").indicators}
    income = ["1000000"] * 301 + ["3000000"] * 499
    frame = pd.DataFrame({"household_id": ids, "area": ["rural"] * 800, "income_per_capita": income, **flags})
    with HistoryStore(db) as store:
        review = run_review(frame, pr.load_ruleset("vn-2022-2026"), "2025-12-10", store, COMMUNE)
    total = review.movements[review.movements["village"] == TOTAL].iloc[0]
    assert (total["poor_end"], total["households"]) == (301, 800)
    assert total["poor_rate"] == 37.63 and total["poor_and_near_poor_rate"] == 37.63


def test_movement_rates_round_half_up_as_the_reports_do_in_the_file() -> None:
    """301 poor of 800 households is 37.625 %: the movements file and the review's table say 37.63, as R1
    of the same review does (they said round()'s 37.62); no household, no rate."""
    counts = {
        "households": np.array([800, 8, 0]),
        "poor_end": np.array([301, 1, 0]),
        "near_poor_end": np.array([1, 0, 0]),
    }
    table = movement_table(MovementSums(["Thôn 1", "Thôn 2", "Thôn 3"], counts, False)).set_index("village")
    assert table.loc["Thôn 1", "poor_rate"] == 37.63 and table.loc["Thôn 1", "poor_and_near_poor_rate"] == 37.75
    assert table.loc["Thôn 2", "poor_rate"] == 12.5 and np.isnan(table.loc["Thôn 3", "poor_rate"])
    assert table.loc[TOTAL, "poor_rate"] == float(rate(302, 808))


def test_a_household_marked_leaving_leaves_the_movements_as_it_leaves_r1() -> None:
    """A poor household marked ``nhập hộ`` (merged) in this year's file: R1 does not count it and R2 has it
    as an "other" decrease; the movements counted it among the households and at the end of the poor list
    (12 households, 5 poor, 41.67 % where R1 said 11, 4, 36.36 %). It now leaves under "other exits"."""
    frame = pd.DataFrame(
        {
            "village": ["Bản Mường"] * 3,
            "status": ["poor", "poor", "near_poor"],
            "start_status": ["poor", "poor", "near_poor"],
            "transition": ["unchanged"] * 3,
            "change_reason": ["", "nhập hộ", ""],
        }
    )
    table = movement_table(movement_sums(frame)).set_index("village")
    row = table.loc[TOTAL]
    assert (row["households"], row["poor_start"], row["poor_not_reviewed"], row["poor_end"]) == (2, 2, 1, 1)
    assert row["poor_rate"] == 50.0 and row["near_poor_end"] == 1 and row["not_reviewed"] == 0
    assert (movement_identity(table.reset_index())[["poor", "near_poor"]] == 0).all().all()


def test_movements_order_villages_as_a_vietnamese_dictionary() -> None:
    """The movements table (the terminal's and the movements file's) put ``Thôn Đoài`` after ``Thôn Trung``
    and ``Thôn 10`` before ``Thôn 2`` (code points); it now follows the Vietnamese alphabet, numbers as
    numbers, in a whole and in a streamed review (sums added batch by batch) alike."""
    names = ["Thôn Trung", "Thôn Đoài", "Thôn 10", "Thôn 2"]
    frame = pd.DataFrame(
        {"village": names, "status": ["poor"] * 4, "start_status": [""] * 4, "transition": ["first_review"] * 4}
    )
    want = ["Thôn 2", "Thôn 10", "Thôn Đoài", "Thôn Trung", TOTAL]
    assert list(movement_table(movement_sums(frame))["village"]) == want
    added = movement_sums(frame.iloc[:2]).add(movement_sums(frame.iloc[2:]))
    assert list(movement_table(added)["village"]) == want


def test_eligible_lists_villages_as_a_vietnamese_dictionary(db: Path) -> None:
    """``eligible`` listed (and counted, on screen) "Thôn Đoài" after "Thôn Trung" and "Thôn 10" before
    "Thôn 2" (code points); its villages now come in the reports' Vietnamese order."""
    villages = ["Thôn Trung", "Thôn Đoài", "Thôn 10", "Thôn 2"]
    with HistoryStore(db) as store:
        store.import_lists(
            pd.DataFrame(
                {
                    "household_id": [f"E{i}" for i in range(4)] * 2,
                    "status": ["nghèo"] * 4 + ["thoát nghèo"] * 4,
                    "year": [2023] * 4 + [2024] * 4,
                    "recognized_on": [None] * 4 + ["2024-12-20"] * 4,
                    "village": villages * 2,
                }
            ),
            commune=COMMUNE,
        )
        found = eligible(store, "2025-06-01", "national_programme", NATIONAL, COMMUNE)
    assert found["village"].tolist() == ["Thôn 2", "Thôn 10", "Thôn Đoài", "Thôn Trung"]
    assert found["household_id"].tolist() == ["E3", "E2", "E1", "E0"]


def test_the_movements_table_never_cuts_its_headers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review's table of movements per village, on an 80-column screen in English, cut its headers to 'Review…'
    and 'Relaps…' (rich shrank the number columns below their words); each number column is now at least
    as wide as its header's longest word, and a long village name wraps instead."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,village,area,income_per_capita\nH1,Thôn Thượng Đông Bắc,rural,9000000\nH2,Thôn 2,rural,9000000\n",
        encoding="utf-8",
    )
    for lang, words in (("en", ("Reviewed", "Relapsed", "Escaped")), ("vi", ("Thoát", "Cuối"))):
        db = tmp_path / f"{lang}.db"
        result = CliRunner().invoke(
            main, ["review", str(households), "--date", "2025-12-10", "--db", str(db), "--lang", lang]
        )
        assert result.exit_code == 0, result.output
        assert "…" not in result.output and all(w in result.output for w in words), result.output


def _zero_year(codes: list[str], commune: str = "Xã Hưng Chính") -> pd.DataFrame:
    """The sample's first rows (each household determined) under these codes, in one commune."""
    rows = _sample().head(len(codes)).copy()
    return rows.assign(household_id=codes, commune=commune)


def test_a_code_that_lost_or_gained_its_leading_zeros_is_said_not_merged(tmp_path: Path) -> None:
    """A history recorded '001' (or '2') and this year's file holds '1' (or '0002'), Excel having dropped or kept the
    zeros: the review called '1' a first review and '001' not reviewed without a word (its escape and support
    window lost). It now says so in a note naming the pairs, and still merges nothing; no note when the pairing is
    ambiguous (two codes of one side give the same code without zeros), when the codes truly differ, or across
    communes."""
    rs = pr.load_ruleset("vn-2022-2026")
    with HistoryStore(tmp_path / "h.db") as store:
        first = pd.concat(
            [_zero_year(["001", "2", "05", "005", "7", "X1", "09"]), _zero_year(["T1"], "Xã Tà Lèng")],
            ignore_index=True,
        )
        run_review(first, rs, "2025-12-10", store, lang="en")
        # 1 ↔ 001 and 0002 ↔ 2 are one-to-one; 5 matches both 05 and 005 (ambiguous); 8 and X01 are other codes;
        # Tà Lèng's 9 is in another commune than Hưng Chính's 09
        second = pd.concat(
            [_zero_year(["1", "0002", "5", "8", "X01", "00"]), _zero_year(["T1", "9"], "Xã Tà Lèng")],
            ignore_index=True,
        )
        review = run_review(second, rs, "2026-12-10", store, source="ho.csv", lang="en", record=False)
        notes = [n for n in review.run.normalized.notes if "leading zeros" in n]
        assert len(notes) == 1, review.run.normalized.notes
        assert "ho.csv: 2 new households" in notes[0]
        assert ": 0002 ↔ 2 (Xã Hưng Chính), 1 ↔ 001 (Xã Hưng Chính)." in notes[0]  # two communes: each pair's named
        assert (review.classified["transition"] == "first_review").sum() == 7  # nothing merged (T1 known)
        assert sorted(review.not_reviewed["household_id"].astype(str)) == ["001", "005", "05", "09", "2", "7", "X1"]
        vi = run_review(second, rs, "2026-12-10", store, source="ho.csv", lang="vi", record=False)
        said = [n for n in vi.run.normalized.notes if "số 0 đứng đầu" in n]
        assert len(said) == 1 and "ho.csv: 2 hộ mới" in said[0]
        assert "0002 ↔ 2 (Xã Hưng Chính), 1 ↔ 001 (Xã Hưng Chính)" in said[0]
        other = run_review(_zero_year(["1", "0002"])[:0], rs, "2026-12-10", store, record=False)
        assert not [n for n in other.run.normalized.notes if "leading zeros" in n]
        differ = run_review(_zero_year(["10", "002X"]), rs, "2026-12-10", store, lang="en", record=False)
        assert not [n for n in differ.run.normalized.notes if "leading zeros" in n]


def test_zero_pairs_are_one_to_one_within_a_unit() -> None:
    """The pairing itself: one new household and one absent one per unit and code without zeros; a row of
    this file that was rejected (in_file) is not absent."""
    gone = pd.DataFrame(
        {
            "unit": ["a", "a", "a", "a", "b", "a"],
            "household_id": ["001", "05", "005", "3", "07", "0011"],
            "in_file": [False, False, False, False, False, True],
        }
    )
    pairs = yearly.zero_pairs(["a", "a", "a", "a", "a"], ["1", "5", "03", "7", "11"], gone)
    assert pairs == [("03", "3", "a"), ("1", "001", "a")]
    assert yearly.zero_pairs(["a", "a"], ["1", "01"], gone) == []  # two new codes for one old
    assert yearly.zero_pairs([], [], gone) == []
    assert yearly.zero_pairs(["a"], ["1"], gone[:0]) == []


def test_zero_pairs_name_their_commune_in_a_review_of_several(tmp_path: Path) -> None:
    """A district's file (several communes) whose codes lost their leading zeros in two communes said
    '1 ↔ 001, 2 ↔ 002' without saying which commune each pair was in, though a code is a household's only
    within its commune: each pair is now followed by its commune, in the streamed review too
    (test_review_stream); a review of one commune names none."""
    rs = pr.load_ruleset("vn-2022-2026")
    with HistoryStore(tmp_path / "h.db") as store:
        first = pd.concat([_zero_year(["001", "7"]), _zero_year(["002", "8"], "Xã Tà Lèng")], ignore_index=True)
        run_review(first, rs, "2025-12-10", store, lang="en")
        second = pd.concat([_zero_year(["1", "7"]), _zero_year(["2", "8"], "Xã Tà Lèng")], ignore_index=True)
        for lang, words in (("en", "leading zeros"), ("vi", "số 0 đứng đầu")):
            review = run_review(second, rs, "2026-12-10", store, source="ho.csv", lang=lang, record=False)
            notes = [n for n in review.run.normalized.notes if words in n]
            assert len(notes) == 1 and ": 1 ↔ 001 (Xã Hưng Chính), 2 ↔ 002 (Xã Tà Lèng)." in notes[0], notes
        alone = run_review(_zero_year(["1", "7"]), rs, "2026-12-10", store, source="ho.csv", lang="en", record=False)
        notes = [n for n in alone.run.normalized.notes if "leading zeros" in n]
        assert len(notes) == 1 and ": 1 ↔ 001. " in notes[0] and "Xã" not in notes[0], notes


def test_movements_read_each_distinct_commune_and_village_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting a district's villages within their communes (``Thôn 1 (Xã A)``) read every row's commune and
    village as text one by one in Python (about 2 s a million rows, twice a review, batch by batch in a
    streamed one), where the movements read each distinct village once. Each distinct commune and village is
    read once again; the names and sums are unchanged (``Thôn 1`` of two communes apart, a missing village
    blank, a commune's spaces folded)."""
    n = 3000
    frame = pd.DataFrame(
        {
            "village": np.array(["Thôn 1", "Thôn 2", None], dtype=object)[np.arange(n) % 3],
            "commune": np.array(["Xã A", "Xã  B", None, "Xã A"], dtype=object)[np.arange(n) % 4],
            "status": "poor",
            "start_status": "",
            "transition": "first_review",
        }
    )
    read: list[int] = []
    keyed = yearly._village_key
    monkeypatch.setattr(yearly, "_village_key", lambda values: read.append(len(values)) or keyed(values))
    table = movement_table(movement_sums(frame)).set_index("village")
    assert read and max(read) <= 4, read  # the distinct values, not the rows
    want = {"": 250, "Thôn 1": 250, "Thôn 2": 250, "Xã A": 500, "Thôn 1 — Xã A": 500, "Thôn 2 — Xã A": 500}
    want |= {"Xã B": 250, "Thôn 1 — Xã B": 250, "Thôn 2 — Xã B": 250, TOTAL: n}
    assert table["poor_new"].to_dict() == want and table["households"].to_dict() == want


def test_the_movements_table_never_cuts_a_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review's table of movements on an 80-column screen showed a commune's 1,993 households as '1.9…' under
    'Số hộ rà soát' (the column as wide as its header's longest word, 'soát', then shrunk): a count an officer
    copies into the report cut to another number, in vi most (short header words), in en too ('12,…' under
    'New'). Each number column is now at least as wide as its widest number."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    households = tmp_path / "ho.csv"
    rows = [f"H{i},Thôn Thượng,rural,900000" for i in range(1234)]
    households.write_text("household_id,village,area,income_per_capita\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for lang, count in (("vi", "1.234"), ("en", "1,234")):
        result = CliRunner().invoke(
            main,
            ["review", str(households), "--date", "2025-12-10", "--db", str(tmp_path / f"{lang}.db"), "--lang", lang],
        )
        assert result.exit_code == 0, result.output
        assert "…" not in result.output and count in result.output, result.output
