"""The review history you cannot break by accident (issue #13): regressions and refusals."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from poverty_rules.cli import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
POOR = ("HC-01-0023", "HC-01-0080")  # poor in the sample (income and deprivations)
OTHER = "HC-01-0001"  # not poor


def _households(folder: Path, name: str, ids: tuple[str, ...], rich: tuple[str, ...] = ()) -> Path:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    frame = frame[frame["household_id"].isin(ids)].copy()
    frame.loc[frame["household_id"].isin(rich), ["income_per_capita", "score_a"]] = ["9000000", ""]
    path = folder / name
    frame.to_csv(path, index=False)
    return path


def _review(path: Path, day: str, db: Path, *extra: str) -> object:
    return CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-q", *extra])


def _reviews(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT review_date, commune FROM reviews ORDER BY review_date").fetchall()


def test_third_review_with_dated_and_undated_not_reviewed_households(tmp_path: Path) -> None:
    """Regression: the third review crashed (pyarrow ArrowTypeError) writing the not-reviewed list
    when it held one household with a recognition date and one without — after recording the review."""
    db = tmp_path / "h.db"
    first = _households(tmp_path, "y1.csv", (*POOR, OTHER))
    second = _households(tmp_path, "y2.csv", (*POOR, OTHER), rich=(POOR[0],))
    third = _households(tmp_path, "y3.csv", (OTHER,))
    assert _review(first, "2024-12-10", db).exit_code == 0
    assert _review(second, "2025-12-10", db).exit_code == 0
    result = _review(third, "2026-12-10", db)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "y3.not_reviewed.csv", encoding="utf-8-sig") as fh:
        rows = {r["household_id"]: r for r in csv.DictReader(fh)}
    assert rows[POOR[0]]["recognized_on"] == "2025-12-10"
    assert rows[POOR[1]]["recognized_on"] == ""
    assert [d for d, _ in _reviews(db)] == ["2024-12-10", "2025-12-10", "2026-12-10"]


def test_the_history_refuses_mistakes_and_lists_shows_undoes(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    path = _households(tmp_path, "y1.csv", (*POOR, OTHER))
    assert _review(path, "2024-12-10", db, "--commune", "Tà Lèng").exit_code == 0
    again = _review(path, "2024-12-10", db, "--commune", "Tà Lèng")
    assert again.exit_code == 2 and "--replace" in again.output
    assert _review(path, "2024-12-10", db, "--commune", "Tà Lèng", "--replace").exit_code == 0
    later = _households(tmp_path, "y2.csv", (*POOR, OTHER))
    for spelling in ("Xã Tà Lèng", "ta leng", "TÀ LÈNG"):
        refused = _review(later, "2025-12-10", db, "--commune", spelling)
        assert refused.exit_code == 2 and "--new-commune" in refused.output, refused.output
    unnamed = _review(later, "2025-12-10", db)
    assert unnamed.exit_code == 2 and "--commune" in unnamed.output
    assert _reviews(db) == [("2024-12-10", "Tà Lèng")]  # nothing recorded by the refusals
    assert _review(later, "2025-12-10", db, "--commune", "Xã Tà Lèng", "--new-commune").exit_code == 0
    listed = CliRunner().invoke(main, ["history", "list", "--db", str(db)])
    assert listed.exit_code == 0 and "Xã Tà Lèng" in listed.output
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)])
    assert shown.exit_code == 0 and POOR[0] in shown.output
    assert CliRunner().invoke(main, ["history", "undo", "2", "--db", str(db)]).exit_code == 0
    assert _reviews(db) == [("2024-12-10", "Tà Lèng")]
    assert CliRunner().invoke(main, ["history", "undo", "2", "--db", str(db)]).exit_code == 2
