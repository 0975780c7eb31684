"""One commune's officer, five year-end reviews (2025 … 2029) with one history, checked against the law.

tests/five_years/hung_chinh.yaml tells forty households' stories year by year — escapes, falls, relapses,
deaths, a move away, a split, a merge, an arrival, a move between villages, an unreadable row, incomes on
the standards' lines exactly and one đồng above them, and the change of standard in 2027 — with what
docs/standard.md says each household is, worked out by hand. This module writes each year's household
file, runs ``history import`` once and ``review`` each year as an officer would, then checks every
household's status, movement and support window, ``eligible`` on the windows' last days and the day after,
and the R2 / R3 forms of each year's ``report`` (column 9 of one year = column 1 of the next).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from poverty_rules.cli import main

STORY = Path(__file__).resolve().parent / "five_years" / "hung_chinh.yaml"
INDICATORS = (
    "employment",
    "dependency",
    "nutrition",
    "health_insurance",
    "adult_education",
    "child_schooling",
    "housing_quality",
    "housing_area",
    "water",
    "sanitation",
    "telecom",
)
"""The indicators a household lacks, its first D of them: all are indicators of both standards."""
UNUSED = ("information_assets", "waste", "digital_services")  # each standard's own: never lacked here
VILLAGES = ("Thôn Đông", "Thôn Tây", "Khối Phố")


def _story() -> dict[str, Any]:
    """The fixture, with the comfortable households written out as the others are."""
    story = yaml.safe_load(STORY.read_text(encoding="utf-8"))
    more = story["comfortable"]
    for k in range(more["first"], more["last"] + 1):
        village = VILLAGES[k % 3]
        income = more["income_from"] + (k - more["first"]) * more["step"]
        years = {}
        for i, day in enumerate(story["reviews"]):
            years[day.year] = {"income": income, "deprived": k % 3, "expect": ["not_poor", "", ""]}
            years[day.year]["expect"][1] = "first_review" if i == 0 else "unchanged"
        story["households"][f"{k:04d}"] = {
            "village": village,
            "area": "urban" if village == "Khối Phố" else "rural",
            "persons": 3 + k % 3,
            "years": years,
        }
    return story


def _household_file(story: dict[str, Any], year: int, path: Path) -> None:
    """The commune's household file of ``year``: the households whose story has that year."""
    flags = [f"deprived_{name}" for name in (*INDICATORS, *UNUSED)]
    header = ["household_id", "head_name", "village", "area", "household_size", "income_per_capita", *flags]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([*header, "change_reason"])
        for hid, house in story["households"].items():
            if year not in house["years"]:
                continue
            this = house["years"][year]
            d = this["deprived"]
            marks = [""] * len(flags) if d is None else [int(i < d) for i in range(len(flags))]
            income = "" if this["income"] is None else this["income"]
            place = this.get("village", house["village"])
            row = [hid, f"Chủ hộ {hid}", place, house["area"], house["persons"], income, *marks]
            writer.writerow([*row, this.get("reason", "")])


def _run(*args: str, code: int = 0) -> None:
    """Run the command line in English; exit ``code`` (1: some rows rejected, docs/design.md)."""
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == code, result.output


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The five reviews run once, as the officer runs them: the 2024 list imported, then a review a year."""
    story, folder = _story(), tmp_path_factory.mktemp("hung_chinh")
    db = folder / "hung_chinh.db"
    imported = folder / "ds_2024.csv"
    imported.write_text(
        "household_id,status\n" + "".join(f"{h},{s}\n" for h, s in story["imported_2024"].items()), encoding="utf-8"
    )
    _run("history", "import", str(imported), "--db", str(db), "--commune", "Hưng Chính", "--date", "2024-12-10")
    for day in story["reviews"]:
        households = folder / f"ho_{day.year}.csv"
        _household_file(story, day.year, households)
        rejected = any(h["years"].get(day.year, {}).get("income", 0) is None for h in story["households"].values())
        _run(
            "review",
            str(households),
            "--date",
            str(day),
            "--db",
            str(db),
            "--commune",
            "Hưng Chính",
            code=int(rejected),
        )
        _run(
            "report", str(folder / f"ho_{day.year}.reviewed.csv"), "--format", "csv", "-o", str(folder / f"r{day.year}")
        )
    return story, folder


@pytest.mark.parametrize("year", range(2025, 2030))
def test_every_household_as_the_law_says(commune: tuple[dict[str, Any], Path], year: int) -> None:
    """Status (§2.1, §4), movement (§5) and the last day of support (§5, 36 months) of each household."""
    story, folder = commune
    got = {
        r["household_id"]: [r["status"], r["transition"], r["eligible_until"]]
        for r in _rows(folder / f"ho_{year}.reviewed.csv")
    }
    expected = {
        hid: house["years"][year]["expect"]
        for hid, house in story["households"].items()
        if year in house["years"] and "expect" in house["years"][year]
    }
    expected = {hid: [str(v) for v in e] for hid, e in expected.items()}
    assert {h: got[h] for h in expected} == expected
    unreadable = {
        h for h, house in story["households"].items() if house["years"].get(year, {}).get("income", 0) is None
    }
    assert set(got) == set(expected), "rows of households whose row was rejected are not in the reviewed file"
    if unreadable:  # the unreadable row is in the rejects file; its household stays on its list (R3 below)
        assert {r["household_id"] for r in _rows(folder / f"ho_{year}.rejects.csv")} == unreadable
        kept = {
            r["household_id"]: [r["status"], r["eligible_until"]]
            for r in _rows(folder / f"ho_{year}.not_reviewed.csv")
            if r["in_file"] == "true"
        }
        assert kept == {h: [str(v) for v in story["households"][h]["years"][year]["keeps"]] for h in unreadable}


def test_eligible_on_the_windows_last_days(commune: tuple[dict[str, Any], Path]) -> None:
    """``eligible --as-of`` lists a household from its recognition through the window's last day, not the
    next; not a household that left the commune or is poor again (§5, docs/review.md)."""
    story, folder = commune
    for day, expected in story["eligible"].items():
        listed = folder / f"eligible_{day}.csv"
        _run("eligible", "--as-of", str(day), "--db", str(folder / "hung_chinh.db"), "-o", str(listed))
        assert sorted(r["household_id"] for r in _rows(listed)) == sorted(expected), day


def test_movement_forms_reconcile_year_to_year(commune: tuple[dict[str, Any], Path]) -> None:
    """R2 and R3's commune totals, by hand, and column 9 of one year = column 1 of the next (docs/reports.md)."""
    story, folder = commune
    for form in ("R2", "R3"):
        carried = None
        for year in range(2025, 2030):
            rows = _rows(folder / f"r{year}" / f"{form.lower()}.csv")
            total = next(r for r in rows if r["level"] == "total" and r["row"] == "households")
            columns = [int(total[f"c{i}"]) for i in range(1, 10)]
            assert columns == story[form][year], (form, year)
            c = columns
            assert c[8] == c[0] - c[1] - c[2] - c[3] + c[4] + c[5] + c[6] + c[7]
            assert carried is None or c[0] == carried, (form, year)
            carried = c[8]


def test_eligible_list_of_each_report(commune: tuple[dict[str, Any], Path]) -> None:
    """The report's eligible list on the review's day: the poor, the near-poor and the recently escaped
    still in their window on that day (docs/reports.md, lists to act on)."""
    story, folder = commune
    for day in story["reviews"]:
        listed = {r["household_id"] for r in _rows(folder / f"r{day.year}" / "lists" / "eligible.csv")}
        on_day = set(story["eligible"].get(day, []))
        kept = set()
        for h, house in story["households"].items():
            this = house["years"].get(day.year)
            if this is None or this.get("reason") in ("died", "merged", "moved_out"):
                continue  # not in the commune, or left this year
            status, until = this["keeps"] if "keeps" in this else (this["expect"][0], this["expect"][2])
            if status == "undetermined":  # it keeps its last determined status: not poor (0019, the only one)
                status = "not_poor"
            if status in ("poor", "near_poor") or str(until) >= str(day):
                kept.add(h)
        assert on_day <= listed
        assert listed == kept, day


def test_the_history_moved_through_show_and_import_goes_on_the_same(commune: tuple[dict[str, Any], Path]) -> None:
    """The commune's history written out after its 2027 review (``history show -o``) and imported alone into a
    new history file (docs/review.md): the 2028 review against it gives the same rows — 0013 and 0018, gone,
    stay gone; 0002, 0003, 0015, 0019 and 0006 keep the windows of escapes recognized in 2025–2027."""
    story, folder = commune
    moved = folder / "moved"
    moved.mkdir()
    shown, db = moved / "r2027.csv", moved / "hung_chinh.db"
    _run("history", "show", "4", "--db", str(folder / "hung_chinh.db"), "-o", str(shown))  # 1 is 2024's list
    _run("history", "import", str(shown), "--db", str(db), "--date", "2027-12-10")
    households = moved / "ho_2028.csv"
    _household_file(story, 2028, households)
    _run("review", str(households), "--date", "2028-12-10", "--db", str(db), "--commune", "Hưng Chính", code=1)
    again = {r["household_id"]: r for r in _rows(moved / "ho_2028.reviewed.csv")}
    first = {r["household_id"]: r for r in _rows(folder / "ho_2028.reviewed.csv")}
    assert again == first
    said = ("household_id", "status", "escaped_on", "in_file", "eligible_until")  # the file keeps no size or name
    assert [{k: r[k] for k in said} for r in _rows(moved / "ho_2028.not_reviewed.csv")] == [
        {k: r[k] for k in said} for r in _rows(folder / "ho_2028.not_reviewed.csv")
    ]
