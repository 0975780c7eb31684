"""Three successive reviews of two communes through ``review`` and ``report`` (issue #13).

Same-named villages in both communes, households leaving and arriving, escapes to near-poor and
above, near-poor → poor, relapses and undetermined rows. Expected start and end counts are computed
here by a plain loop over the households (hand-checkable), and the identities of docs/reports.md
are checked on every unit: R2/R3 c9 = c1−c2−c3−c4+c5+c6+c7+c8, R2 c2 = R3 c5, R2 c5 = R3 c3,
R1 c3 = R2 c9, and this year's c9 = next year's c1.

From the second year on, a few households recorded the year before come with a row the review
rejects (an unreadable income): they are undetermined this year — counted on the list they were on
and listed, never dropped — so the identities hold across the years (docs/reports.md).
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
DATES = ("2024-12-10", "2025-12-10", "2026-12-10")
REJECTED = 5  # rows rejected each year after the first
FLAGS = [c for c in pd.read_csv(FIXTURE, nrows=0).columns if c.startswith("deprived_")]


def _year_files(folder: Path) -> list[Path]:
    """Three household files: 240 households of two communes, each with villages Thôn 1 and Thôn 2."""
    rng = random.Random(13)
    base = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).iloc[:400]
    base = base[(base["income_per_capita"] != "") & (base["household_id"] != "")].reset_index(drop=True)
    base["commune"] = ["Xã Hưng Chính" if i % 2 else "Xã Tà Lèng" for i in range(len(base))]
    base["village"] = ["Thôn 1" if i % 4 < 2 else "Thôn 2" for i in range(len(base))]
    base["household_size"] = [str(rng.randint(1, 7)) for _ in range(len(base))]
    base["change_reason"] = ""
    groups = random.Random(9)  # its own stream: the movements above stay as they were
    base["Dân tộc"] = [groups.choice(["Kinh", "Kinh", "Tày", "H'Mông"]) for _ in range(len(base))]  # R9
    base["Hộ dân tộc thiểu số"] = ["không" if e == "Kinh" else "có" for e in base["Dân tộc"]]  # R8's groups
    base["Chủ hộ là nữ"] = [groups.choice(["1", "0", "0"]) for _ in range(len(base))]
    present = set(range(240))
    files = []
    for year in range(3):
        frame = base.loc[sorted(present)].copy()
        if year:
            for i in rng.sample(sorted(present), 40):  # incomes move: escapes, falls, relapses
                frame.loc[i, "income_per_capita"] = str(rng.choice([600_000, 1_300_000, 1_800_000, 4_000_000]))
                frame.loc[i, "score_a"] = ""
                if rng.random() < 0.5:  # deprivations resolved too: poor → near-poor becomes possible
                    frame.loc[i, FLAGS] = "0"
            arrivals = [i for i in range(240 + 20 * (year - 1), 240 + 20 * year)]
            extra = base.loc[arrivals].copy()
            extra["change_reason"] = ["chuyển đến" if i % 2 else "" for i in arrivals]
            died = rng.sample(sorted(present), 3)
            frame.loc[died, "change_reason"] = "chết"
            frame = pd.concat([frame, extra])
            present |= set(arrivals)
            present -= set(died)
            gone = rng.sample(sorted(present - set(arrivals)), 6)  # absent from this file: left
            frame = frame.drop(index=gone)
            present -= set(gone)
        unknown = rng.sample(sorted(frame.index), 4)
        for i in unknown:  # undetermined: low income, flags unknown
            frame.loc[i, ["income_per_capita", "score_a", *FLAGS]] = ["500000", "", *[""] * len(FLAGS)]
        if year:  # rejected rows of households recorded last year: bad input, the household is still here
            bad = rng.sample(sorted(set(frame.index) - set(arrivals) - set(died) - set(unknown)), REJECTED)
            frame.loc[bad, "income_per_capita"] = "không rõ"
        path = folder / f"ho_{year}.csv"
        frame.to_csv(path, index=False)
        files.append(path)
    return files


def _collect(path: Path) -> dict[tuple[str, str], str]:
    """(commune, household) → what the undetermined list says to collect (its rows' order aside)."""
    return {(r["commune"], r["household_id"]): r["undetermined_by"] for r in _read(path)}


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("years")
    db = folder / "h.db"
    out = []
    for path, day in zip(_year_files(folder), DATES, strict=True):
        result = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-q"])
        assert result.exit_code == (1 if day != DATES[0] else 0), result.output  # 1: rows rejected
        reviewed = path.with_name(f"{path.stem}.reviewed.csv")
        target = folder / f"out_{path.stem}"
        made = CliRunner().invoke(main, ["report", str(reviewed), "--format", "csv", "-o", str(target)])
        assert made.exit_code == 0, made.output
        assert (
            CliRunner().invoke(main, ["report", str(reviewed), "-o", str(folder / f"{path.stem}.xlsx")]).exit_code == 0
        )
        out.append((reviewed, target))
    return out


def _not_reviewed(reviewed: Path) -> Path:
    return reviewed.with_name(reviewed.name.replace(".reviewed.csv", ".not_reviewed.csv"))


def _unit(rows: list[dict[str, str]], level: str, commune: str = "", row: str = "households") -> dict[str, str]:
    return next(r for r in rows if r["level"] == level and r["commune"] == commune and r.get("row", row) == row)


def test_identities_on_every_unit_and_every_year(reports: list[tuple[Path, Path]]) -> None:
    for _, out in reports:
        r1, r2, r3 = (_read(out / f"r{i}.csv") for i in (1, 2, 3))
        for form in (r2, r3):
            for r in form:
                if r["c1"] == "":
                    continue
                c = {n: int(r[f"c{n}"]) for n in range(1, 10)}
                assert c[9] == c[1] - c[2] - c[3] - c[4] + c[5] + c[6] + c[7] + c[8], r
        for a, b in zip(r2, r3, strict=True):
            assert (a["c2"], a["c5"]) == (b["c5"], b["c3"])
        for commune in ("Xã Hưng Chính", "Xã Tà Lèng"):
            assert _unit(r1, "commune", commune)["c3"] == _unit(r2, "commune", commune)["c9"]
            assert _unit(r1, "commune", commune)["c5"] == _unit(r3, "commune", commune)["c9"]
        villages = [(r["commune"], r["village"]) for r in r1 if r["level"] == "village"]
        assert villages == [(c, v) for c in ("Xã Hưng Chính", "Xã Tà Lèng") for v in ("Thôn 1", "Thôn 2")]


def test_r9_and_r4_count_the_households_r1_counts(reports: list[tuple[Path, Path]]) -> None:
    """Rejected rows' households stay on their list (R1) with the groups and deprivations their last
    review recorded: R9's Kinh + minorities = R1 columns 3 and 5, R4's and R6's totals of deprivations
    are those of every household on the list — the reviewed rows' and the rejected ones' (not-reviewed)."""
    for reviewed, out in reports:
        r1, r4, r6, r9 = (_read(out / f"{form}.csv") for form in ("r1", "r4", "r6", "r9"))
        for a, b in zip(r1, r9, strict=True):
            assert int(b["c1"]) + int(b["c3"]) == int(a["c3"]), (reviewed.name, b)
            assert int(b["c2"]) + int(b["c4"]) == int(a["c5"]), (reviewed.name, b)
        rows = pd.read_csv(reviewed, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        end = rows["status"].where(rows["status"] != "undetermined", rows["start_status"])
        end = end.where(rows["change_reason"] != "chết", "")  # left: on no list
        left = pd.read_csv(_not_reviewed(reviewed), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        left = left[left["in_file"].str.lower().isin(("true", "1"))]
        for lst, form in (("poor", r4), ("near_poor", r6)):
            deprived = [*rows["deprived"][end == lst], *left["deprived"][left["status"] == lst]]
            assert int(_unit(form, "total")["c1"]) == len(deprived)
            assert int(_unit(form, "total")["c2"]) == sum(len([x for x in d.split(";") if x]) for d in deprived)


def test_this_years_end_is_next_years_start(reports: list[tuple[Path, Path]]) -> None:
    for (_, this), (_, following) in zip(reports, reports[1:], strict=False):
        for form in ("r2", "r3"):
            now, later = _read(this / f"{form}.csv"), _read(following / f"{form}.csv")
            for commune in ("Xã Hưng Chính", "Xã Tà Lèng"):
                for row in ("households", "persons"):
                    assert _unit(now, "commune", commune, row)["c9"] == _unit(later, "commune", commune, row)["c1"]


def test_expected_counts_by_hand(reports: list[tuple[Path, Path]]) -> None:
    """Poor at the end per commune: a plain loop over the reviewed file (status, or the earlier status
    when undetermined; nobody who died), and movements seen somewhere over the three years."""
    seen = {n: 0 for n in range(1, 10)}
    for reviewed, out in reports:
        expected: dict[str, int] = {}
        for r in _read(reviewed):
            status = r["status"] if r["status"] != "undetermined" else r["start_status"]
            if status == "poor" and r["change_reason"] != "chết":
                expected[r["commune"]] = expected.get(r["commune"], 0) + 1
        rejected = [r for r in _read(_not_reviewed(reviewed)) if r["in_file"] == "true"]
        for r in rejected:  # a rejected row: still on the list it was on
            if r["status"] == "poor":
                expected[r["place_commune"]] = expected.get(r["place_commune"], 0) + 1
        r2 = _read(out / "r2.csv")
        for commune, count in expected.items():
            assert int(_unit(r2, "commune", commune)["c9"]) == count
        total = _unit(r2, "total")
        for n in seen:
            seen[n] += int(total[f"c{n}"])
        undetermined = _read(out / "lists" / "undetermined.csv")
        assert len(undetermined) == 4 + len(rejected)  # counted and listed, never dropped
        assert {r["household_id"] for r in rejected} <= {r["household_id"] for r in undetermined}
    assert all(seen[n] > 0 for n in (2, 3, 5, 7)), seen  # escapes both ways, near-poor → poor, newly poor


def test_rejected_households_are_undetermined_not_gone(reports: list[tuple[Path, Path]]) -> None:
    """A household recorded last review whose row is rejected now is neither an "other" decrease nor
    dropped: it is resident (R1 c1 counts it) and keeps last review's status in R2/R3's c9."""
    for reviewed, out in reports[1:]:
        rejected = [r for r in _read(_not_reviewed(reviewed)) if r["in_file"] == "true"]
        assert len(rejected) == REJECTED
        accepted = len(_read(reviewed))
        resident = sum(1 for r in _read(reviewed) if r["change_reason"] != "chết")
        assert accepted > resident  # some died
        assert int(_unit(_read(out / "r1.csv"), "total")["c1"]) == resident + REJECTED


def test_history_report_matches_the_files(reports: list[tuple[Path, Path]], tmp_path: Path) -> None:
    """``report --db --date`` gives the forms the reviewed files give, year after year: the rejected
    households are recorded as undetermined, so the history's next start is this year's end."""
    for (reviewed, out), day in zip(reports, DATES, strict=True):
        target = tmp_path / day
        args = ["report", "--db", str(reviewed.parent / "h.db"), "--date", day, "--format", "csv", "-o", str(target)]
        made = CliRunner().invoke(main, args)
        assert made.exit_code == 0, made.output
        for form in ("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"):  # R8, R9: groups kept (migration 5)
            assert _read(target / f"{form}.csv") == _read(out / f"{form}.csv"), (day, form)
        r8 = _unit(_read(target / "r8.csv"), "total")
        assert len(r8) == 5 + 8 and int(r8["c1"]) + int(r8["c3"]) > 0  # keys + 2 groups × 2 lists × 2 units
        # the same households with what to collect for each (undetermined_by, recorded in the blocks), by name
        from_db, from_file = (_collect(folder / "lists" / "undetermined.csv") for folder in (target, out))
        assert from_db == from_file, day
        assert any(text.startswith("Việc làm, ") for text in from_file.values()), from_file  # names, not ids
        assert not any("deprived_" in text for text in from_file.values()), from_file


def test_page_with_a_unit_of_analysis(reports: list[tuple[Path, Path]], tmp_path: Path) -> None:
    """``report -o page.html --unit person`` (the AF options reach the page as af.csv's list of units)."""
    page = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["report", str(reports[1][0]), "-o", str(page), "--unit", "person"])
    assert result.exit_code == 0, result.output
    assert 'data-measure="af_H"' in page.read_text(encoding="utf-8")


def test_review_movements_count_rejected_households_as_undetermined(reports: list[tuple[Path, Path]]) -> None:
    """The review's own movements file agrees with the reports: a household whose row was rejected is
    present and undetermined (counted among the households, under L_undetermined of the list it was
    on), not "not reviewed"; only the households absent from the file are."""
    for reviewed, _ in reports[1:]:
        left = _read(_not_reviewed(reviewed))
        rejected = [r for r in left if r["in_file"] == "true"]
        absent = [r for r in left if r["in_file"] != "true"]
        accepted = _read(reviewed)
        moves = reviewed.with_name(reviewed.name.replace(".reviewed.csv", ".movements.csv"))
        total = next(r for r in _read(moves) if r["village"] == "Tổng cộng")  # villages are named with their commune
        marks = ("moved_out", "died", "merged", "chuyển đi", "chết", "nhập hộ")
        leaving = [r for r in accepted if r.get("change_reason", "") in marks]
        assert int(total["not_reviewed"]) == len(absent)
        assert int(total["households"]) == len(accepted) - len(leaving) + len(rejected)  # as R1 counts them
        for lst in ("poor", "near_poor"):
            was = sum(1 for r in rejected if r["status"] == lst)
            gone = sum(1 for r in absent if r["status"] == lst) + sum(1 for r in leaving if r["start_status"] == lst)
            assert int(total[f"{lst}_not_reviewed"]) == gone  # "other exits": absent, or marked leaving
            undetermined_now = sum(1 for r in accepted if r["status"] == "undetermined" and r["start_status"] == lst)
            assert int(total[f"{lst}_undetermined"]) == undetermined_now + was


def test_the_samples_in_docs_review_md_are_this_scenarios_second_year(reports: list[tuple[Path, Path]]) -> None:
    """docs/review.md shows R1–R9 of the second year (2025-12-10) of this scenario: every row it shows
    (Xã Hưng Chính's villages, the communes' subtotals, the total) is the CSV export's."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "review.md").read_text(encoding="utf-8")
    tables = re.findall(r"\*\*(R\d)\. [^\n]*\*\*\n\n(?:[^|\n][^\n]*\n+)*((?:\|[^\n]*\n)+)", doc)
    assert [form for form, _ in tables] == [f"R{i}" for i in range(1, 10)]
    out = reports[1][1]
    for form, table in tables:
        rows = _read(out / f"{form.lower()}.csv")
        lines = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
        by_row = lines[0][1] == "Chỉ tiêu"  # R2, R3: a households row and a persons row per unit
        for cells in lines[2:]:
            unit, values = cells[0], cells[2:] if by_row else cells[1:]
            if unit == "Tổng cộng":
                level, commune, village = "total", "", ""
            elif unit.startswith("Cộng "):
                level, commune, village = "commune", unit.removeprefix("Cộng "), ""
            else:
                level, commune, village = "village", "Xã Hưng Chính", unit
            kind = {"Hộ": "households", "Nhân khẩu": "persons"}[cells[1]] if by_row else None
            match = [
                r
                for r in rows
                if (r["level"], r["commune"], r["village"]) == (level, commune, village)
                and (kind is None or r["row"] == kind)
            ]
            assert len(match) == 1, (form, cells)
            assert [match[0][f"c{i}"] for i in range(1, len(values) + 1)] == values, (form, cells)


def test_a_household_moving_village_in_its_commune_keeps_each_villages_end_its_next_start(tmp_path: Path) -> None:
    """A poor household of Xóm Chợ in 2024 lives in Thôn Hạ in 2025 (same commune): R2 counted it in Thôn Hạ's
    2025 start (column 1 = 1 where 2024's column 9 was 0) and Xóm Chợ started with 2 where it had ended with 3.
    Its villages' rows now count it leaving Xóm Chợ (column 4) and arriving in Thôn Hạ (column 8); the commune's
    row counts it staying; the same from the reviewed file, its workbook and the history."""
    base = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    base = base[base["village"].isin(["Xóm Chợ", "Thôn Hạ"])].groupby("village").head(40)
    y1, y2, db = tmp_path / "y1.csv", tmp_path / "y2.csv", tmp_path / "h.db"
    base.to_csv(y1, index=False)
    base.loc[base["household_id"] == "HC-01-0023", "village"] = "Thôn Hạ"  # poor in Xóm Chợ in 2024
    base.to_csv(y2, index=False)
    runner = CliRunner()
    for path, day, out in ((y1, "2024-12-10", "r1.csv"), (y2, "2025-12-10", "r2.xlsx")):
        result = runner.invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-o", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    forms = {}
    for name, source in (
        ("2024", ["r1.csv"]),
        ("2025", ["r2.xlsx"]),
        ("db", ["--db", str(db), "--date", "2025-12-10"]),
    ):
        args = [str(tmp_path / source[0]), *source[1:]] if name != "db" else source
        result = runner.invoke(main, ["report", *args, "--format", "csv", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        rows = _read(tmp_path / name / "r2.csv")
        forms[name] = {(r["level"], r["village"]): r for r in rows if r["row"] == "households"}
    for name in ("2025", "db"):
        r2 = forms[name]
        for village in ("Xóm Chợ", "Thôn Hạ"):
            assert r2[("village", village)]["c1"] == forms["2024"][("village", village)]["c9"], (name, village)
        assert [r2[("village", "Xóm Chợ")][c] for c in ("c1", "c4", "c8", "c9")] == ["3", "1", "0", "2"]
        assert [r2[("village", "Thôn Hạ")][c] for c in ("c1", "c4", "c8", "c9")] == ["0", "0", "1", "1"]
        assert [r2[("commune", "")][c] for c in ("c1", "c4", "c8", "c9")] == ["3", "0", "0", "3"]


def test_a_blank_household_size_is_unknown_not_0_persons_and_the_report_says_so(tmp_path: Path) -> None:
    """A household of 2025's review whose household_size was left blank: 'report --db --year 2025' stopped with
    "dòng 3, cột household_size: '0' không phải số nhân khẩu" (a 0 the officer never wrote, at a row of no file),
    and with --unit household counted it as 0 persons without a word, so R1's persons and person rates were
    those of a household of nobody. The report now says how many households have no size and the first one,
    counts the persons it knows (the lists leave its persons blank) and leaves it out of the AF measures by
    person; from the reviewed file alike."""
    base = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).head(30)
    base["household_size"] = "3"
    y1, y2, db = tmp_path / "y1.csv", tmp_path / "y2.csv", tmp_path / "h.db"
    base.to_csv(y1, index=False)
    runner = CliRunner()
    for path, day in ((y1, "2024-12-10"), (y2, "2025-12-10")):
        out = tmp_path / f"{day}.reviewed.csv"
        if path == y2:  # a poor household with every mark given has its size left blank
            poor = pd.read_csv(tmp_path / "2024-12-10.reviewed.csv", dtype=str, keep_default_na=False)
            blank = poor[(poor["status"] == "poor") & (poor[FLAGS] != "").all(axis=1)]["household_id"].iloc[0]
            base.loc[base["household_id"] == blank, "household_size"] = ""
            base.to_csv(y2, index=False)
        result = runner.invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
    for name, source in (("year", ["--db", str(db), "--year", "2025"]), ("file", [str(out)])):
        for unit in ([], ["--unit", "household"]):
            folder = tmp_path / f"{name}{len(unit)}"
            args = ["report", *source, *unit, "--format", "csv", "-o", str(folder), "--lang", "en"]
            result = runner.invoke(main, args)
            assert result.exit_code == 0, result.output
            assert f"1 household with a blank household size (household_size), the first {blank}" in result.output
            total = next(r for r in _read(folder / "r1.csv") if r["level"] == "total")
            assert (total["c1"], total["c2"]) == ("30", str(29 * 3))  # the 29 households whose persons are known
            listed = {r["household_id"]: r["persons"] for r in _read(folder / "lists" / "poor.csv")}
            assert listed[blank] == ""  # blank, not 0
        af = pd.read_csv(tmp_path / f"{name}0" / "af.csv", dtype=str, keep_default_na=False)
        total = af[(af.level == "total") & (af.measure == "N") & (af.k == "1") & (af.scheme == "equal")]
        n = {unit: float(total[total.unit == unit]["value"].iloc[0]) for unit in ("household", "person")}
        assert n["person"] == 3 * (n["household"] - 1)  # its marks are all given: left out by person alone


def test_the_af_and_list_samples_in_docs_review_md_are_this_scenarios_second_year(
    reports: list[tuple[Path, Path]],
) -> None:
    """docs/review.md's "Chỉ số AF" sample said N = 56 for Xã Hưng Chính's Thôn 1 and 222 in total, where the
    report of that review writes 55 and 219: a household whose row the review rejected has no marks this year
    and is left out of N (docs/analysis.md). Every row of the sample is af.csv's (equal weights, households,
    k = 3) as the workbook shows it, and the rows of its two list samples are the lists' rows."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "review.md").read_text(encoding="utf-8")
    out = reports[1][1]
    af = [
        r
        for r in _read(out / "af.csv")
        if (r["scheme"], r["unit"], r["k"], r["indicator"]) == ("equal", "household", "3", "")
    ]
    sample = doc.split("**Chỉ số AF**", 1)[1].split("\n\n", 2)[1]
    lines = [[c.strip() for c in line.strip("|").split("|")] for line in sample.splitlines()[2:]]
    communes = [cells[0].removeprefix("Cộng ") for cells in lines if cells[0].startswith("Cộng Xã")]
    for cells in lines:
        unit, (n, q, h, a, m0) = cells[0], cells[3:]
        if unit in ("Tổng cộng", "Cộng Tỉnh Nghệ An"):
            key = ("total", "", "", "", "") if unit == "Tổng cộng" else ("province", "Tỉnh Nghệ An", "", "", "")
        elif unit.startswith("Cộng "):
            key = ("commune", "Tỉnh Nghệ An", unit.removeprefix("Cộng "), "", "")
            communes.remove(key[2])
        elif unit.startswith(("I. ", "II. ")):
            key = ("area", "", "", "", "urban" if unit.startswith("I. ") else "rural")
        else:
            key = ("village", "Tỉnh Nghệ An", communes[0], unit, "")
        values = {
            r["measure"]: r["value"]
            for r in af
            if (r["level"], r["province"], r["commune"], r["village"], r["area"]) == key
        }
        shown = [
            values["N"],
            values["q"],
            *(f"{100 * float(values[m]):.2f}%" for m in ("H", "A")),
            f"{float(values['M0']):.4f}",
        ]
        assert [n, q, h, a, m0] == shown, (unit, key)
    for title, name in (("**Danh sách hộ nghèo**", "poor"), ("**Danh sách hộ chưa xác định được**", "undetermined")):
        listed = doc.split(title, 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
        rows = _read(out / "lists" / f"{name}.csv")
        for line in listed:
            number, village, code, head, *rest = [c.strip() for c in line.strip("|").split("|")]
            row = next(r for r in rows if r["household_id"] == code)
            assert [row["number"], row["village"], row["head_name"]] == [number, village.split(" (")[0], head], code
            assert (rest[-1] if name == "poor" else rest[1]) == row["deprived"], code


def test_persons_at_the_start_counted_with_this_reviews_sizes_and_the_change_said(tmp_path: Path) -> None:
    """A poor household of 3 persons in 2024 has 5 in 2025 (two births) and stays poor. R2's Persons row counts
    column 1 to 9 with 2025's sizes (so that column 9 = 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8 holds on it), so its column 1
    is 2024's column 9 plus 2: nothing said that, and a district checking 2025's start against 2024's end found
    two persons it could not explain. From a history the report now says both figures and how many households
    changed size; from the reviewed file, which carries no earlier size, nothing is said."""
    base = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).head(40)
    base["household_size"] = "3"
    y1, y2, db = tmp_path / "y1.csv", tmp_path / "y2.csv", tmp_path / "h.db"
    base.to_csv(y1, index=False)
    runner = CliRunner()
    result = runner.invoke(
        main, ["review", str(y1), "--date", "2024-12-10", "--db", str(db), "-o", str(tmp_path / "a.csv")]
    )
    assert result.exit_code == 0, result.output
    first = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    grown = first[first["status"] == "poor"]["household_id"].iloc[0]
    base.loc[base["household_id"] == grown, "household_size"] = "5"
    base.to_csv(y2, index=False)
    result = runner.invoke(
        main, ["review", str(y2), "--date", "2025-12-10", "--db", str(db), "-o", str(tmp_path / "b.csv")]
    )
    assert result.exit_code == 0, result.output
    persons: dict[str, dict[str, str]] = {}
    for name, args in (
        ("2024", ["--db", str(db), "--date", "2024-12-10"]),
        ("2025", ["--db", str(db), "--date", "2025-12-10"]),
        ("file", [str(tmp_path / "b.csv")]),
    ):
        for lang in ("vi", "en"):
            folder = tmp_path / f"{name}-{lang}"
            result = runner.invoke(main, ["report", *args, "--format", "csv", "-o", str(folder), "--lang", lang])
            assert result.exit_code == 0, result.output
            said = [line for line in result.output.splitlines() if "R2 (" in line]
            if name != "2025":
                assert said == [], said
                continue
            poor_start = int(persons["2024"]["c9"])
            if lang == "vi":
                assert said == [
                    "lưu ý: R2 (Tổng hợp diễn biến hộ nghèo), dòng Nhân khẩu: cột 1 (đầu kỳ) là "
                    f"{poor_start + 2} người, tính theo số nhân khẩu lần rà soát này ghi; lần rà soát trước ghi "
                    f"{poor_start} người cho cùng các hộ (1 hộ thay đổi số nhân khẩu), nên cột 1 khác cột 9 dòng "
                    "Nhân khẩu của báo cáo lần trước: các "
                    "cột 1 đến 9 cùng tính theo số nhân khẩu hiện nay để cột 9 = 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8 "
                    "(docs/review.md)"
                ], said
            else:
                assert f"column 1 (start) is {poor_start + 2} persons" in said[0]
                assert f"recorded {poor_start} persons for the same households (1 household changed size)" in said[0]
        persons[name] = next(
            r for r in _read(tmp_path / f"{name}-en" / "r2.csv") if r["level"] == "total" and r["row"] == "persons"
        )
    assert int(persons["2025"]["c1"]) == int(persons["2024"]["c9"]) + 2  # this year's sizes, as the note says
    assert persons["file"]["c1"] == persons["2025"]["c1"]  # the reviewed file counts the same
    terms = [int(persons["2025"][f"c{n}"]) for n in range(1, 10)]
    assert terms[8] == terms[0] - terms[1] - terms[2] - terms[3] + sum(terms[4:8])
