"""The review's reports (docs/reports.md): half-up rates, units with subtotals, the forms' identities,
the CSV contract and the workbook."""

from __future__ import annotations

import csv
import math
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from poverty_rules.cli import main
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.errors import InputError
from poverty_rules.reports.csv import write_csv
from poverty_rules.reports.forms import build_forms
from poverty_rules.reports.frame import from_reviewed
from poverty_rules.reports.model import build_report
from poverty_rules.reports.targets import read_targets
from poverty_rules.reports.units import rate
from poverty_rules.reports.xlsx import write_xlsx
from poverty_rules.vocabulary import words as W

RS = load_ruleset("vn-2022-2026")


def test_rates_round_half_up_in_decimal() -> None:
    assert rate(301, 800) == Decimal("37.63")  # 37.625 exactly; round() gives 37.62
    assert round(100 * 301 / 800, 2) == 37.62
    assert rate(1, 8) == Decimal("12.50")
    assert rate(1, 3) == Decimal("33.33") and rate(2, 3) == Decimal("66.67")
    assert rate(0, 5) == Decimal("0.00")
    assert rate(3, 0) is None  # undefined: blank, never 0


def _reviewed(rows: list[dict[str, object]]) -> pd.DataFrame:
    base = {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn 1", "area": "rural", "household_size": "4"}
    return pd.DataFrame([{**base, **r} for r in rows]).astype(object)


def test_same_named_villages_of_two_communes_are_two_rows() -> None:
    frame = _reviewed(
        [
            {"household_id": "1", "status": "poor"},
            {"household_id": "1", "commune": "Xã Y", "status": "near_poor"},
            {"household_id": "2", "commune": "Xã Y", "status": "not_poor"},
        ]
    )
    r1 = build_report(from_reviewed(frame, ruleset=RS)).forms[0].rows
    villages = r1[r1["level"] == "village"]
    assert list(zip(villages["commune"], villages["village"], villages["c1"], strict=True)) == [
        ("Xã X", "Thôn 1", 1),
        ("Xã Y", "Thôn 1", 2),
    ]
    assert list(r1["level"]) == ["village", "commune", "village", "commune", "province", "total", "area"]
    total = r1[r1["level"] == "total"].iloc[0]
    assert (total["c1"], total["c2"], total["c3"], total["c5"]) == (3, 12, 1, 1)
    assert total["c4"] == Decimal("33.33") and total["c6"] == Decimal("33.33")


def test_movement_columns_and_identities() -> None:
    frame = _reviewed(
        [
            {"household_id": "a", "previous_status": "poor", "status": "near_poor"},  # R2 c2 = R3 c5
            {"household_id": "b", "previous_status": "poor", "status": "average"},  # R2 c3
            {"household_id": "c", "previous_status": "poor", "status": "poor", "change_reason": "chết"},  # c4
            {"household_id": "d", "previous_status": "near_poor", "status": "poor"},  # R2 c5 = R3 c3
            {"household_id": "e", "previous_status": "not_poor", "status": "poor", "transition": "relapsed_poor"},
            {"household_id": "f", "previous_status": "", "status": "poor"},  # newly poor c7
            {"household_id": "g", "previous_status": "", "status": "poor", "change_reason": "moved_in"},  # c8
            {"household_id": "h", "previous_status": "poor", "status": "undetermined"},  # stays poor
            {"household_id": "i", "previous_status": "near_poor", "status": "not_poor"},  # R3 c2
        ]
    )
    left = pd.DataFrame(
        [
            {
                "household_id": "z",
                "status": "poor",
                "village": "Thôn 1",
                "commune": "Xã X",
                "province": "Tỉnh A",
                "household_size": "2",
            }
        ]
    )
    report = build_report(from_reviewed(frame, left=left, ruleset=RS))
    r2 = report.forms[1].rows
    r3 = report.forms[2].rows
    total2 = r2[(r2["level"] == "total") & (r2["row"] == "households")].iloc[0]
    assert [total2[f"c{n}"] for n in range(1, 10)] == [5, 1, 1, 2, 1, 1, 1, 1, 5]
    persons2 = r2[(r2["level"] == "total") & (r2["row"] == "persons")].iloc[0]
    assert persons2["c1"] == 4 * 4 + 2 and persons2["c4"] == 4 + 2
    total3 = r3[(r3["level"] == "total") & (r3["row"] == "households")].iloc[0]
    assert [total3[f"c{n}"] for n in range(1, 10)] == [2, 1, 1, 0, 1, 0, 0, 0, 1]
    for rows in (r2, r3):
        c = {n: rows[f"c{n}"].astype(int) for n in range(1, 10)}
        assert (c[9] == c[1] - c[2] - c[3] - c[4] + c[5] + c[6] + c[7] + c[8]).all()
    assert (r2["c2"].to_numpy() == r3["c5"].to_numpy()).all()
    assert (r2["c5"].to_numpy() == r3["c3"].to_numpy()).all()
    r1 = report.forms[0].rows
    assert r1[r1["level"] == "total"].iloc[0]["c3"] == total2["c9"]  # R1 poor = R2 end
    undetermined = next(lst for lst in report.lists if lst.id == "undetermined")
    assert list(undetermined.rows["household_id"]) == ["h"]


def test_csv_contract(tmp_path: Path) -> None:
    frame = _reviewed([{"household_id": "1", "status": "poor", "deprived": "nutrition;water"}])
    frame.loc[1] = {**frame.loc[0].to_dict(), "household_id": "2", "status": "not_poor", "deprived": ""}
    write_csv(build_report(from_reviewed(frame, ruleset=RS)), tmp_path)
    names = sorted(p.name for p in tmp_path.glob("r*.csv"))
    assert names == [f"r{i}.csv" for i in range(1, 8)]
    with open(tmp_path / "r1.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:6] == ["level", "province", "commune", "village", "area", "c1"]
    total = next(r for r in rows if r["level"] == "total")
    assert (total["c1"], total["c3"], total["c4"], total["c7"], total["c8"]) == ("2", "1", "50.00", "0", "0.00")
    with open(tmp_path / "r5.csv", encoding="utf-8-sig") as fh:
        r5 = list(csv.DictReader(fh))
    assert r5[0]["c1"] == "1" and "100.00" in r5[0].values()
    with open(tmp_path / "r2.csv", encoding="utf-8-sig") as fh:
        assert list(csv.DictReader(fh))[0]["row"] == "households"
    with open(tmp_path / "lists" / "poor.csv", encoding="utf-8-sig") as fh:
        listed = list(csv.DictReader(fh))
    assert listed[0]["number"] == "1" and "Dinh dưỡng".lower()[:4] in listed[0]["deprived"].lower()


@pytest.fixture(scope="module")
def reviewed_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    households = folder / "ho.csv"
    households.write_bytes(source.read_bytes())
    result = CliRunner().invoke(
        main, ["review", str(households), "--date", "2026-12-10", "--db", str(folder / "h.db"), "-q"]
    )
    assert result.exit_code in (0, 1), result.output
    return folder / "ho.reviewed.csv"


@pytest.fixture(scope="module")
def sample_csv(reviewed_sample: Path) -> tuple[Path, str]:
    """The sample's ``report --format csv`` folder and what the command said, made once for the tests that only
    read them (a test of what the export writes, refuses or leaves behind does its own run)."""
    folder = reviewed_sample.with_name("shared_csv")
    result = CliRunner().invoke(main, ["report", str(reviewed_sample), "--format", "csv", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    return folder, result.output


@pytest.fixture(scope="module")
def sample_book_runs(reviewed_sample: Path) -> dict[str, tuple[Path, str]]:
    """The sample's workbook in each language (``report -o x.xlsx --lang``) and what the command said, made once
    for the tests that only read them."""
    runs = {}
    for lang in ("vi", "en"):
        out = reviewed_sample.with_name(f"shared_{lang}.xlsx")
        result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(out), "--lang", lang])
        assert result.exit_code == 0, result.output
        runs[lang] = (out, result.output)
    return runs


@pytest.fixture(scope="module")
def sample_books(sample_book_runs: dict[str, tuple[Path, str]]) -> dict[str, Path]:
    """The sample's workbook in each language (``sample_book_runs``)."""
    return {lang: out for lang, (out, _) in sample_book_runs.items()}


@pytest.fixture(scope="module")
def sample_page(reviewed_sample: Path) -> str:
    """The sample's page (``report -o x.html``), written once for the tests that only read it."""
    page = reviewed_sample.with_name("shared_page.html")
    result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page.read_text(encoding="utf-8")


def test_report_command_writes_workbook_and_csv(
    reviewed_sample: Path, sample_book_runs: dict[str, tuple[Path, str]], sample_csv: tuple[Path, str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out, said = sample_book_runs["vi"]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:7] == ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
    sheet = book["R1"]
    assert str(sheet["A1"].value).startswith("ỦY BAN NHÂN DÂN")
    assert sheet["H1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    numbers = [c.value for c in sheet[8]]
    assert numbers == ["A", *range(1, 15)]
    assert isinstance(sheet["B9"].value, int)  # numbers as numbers
    # the line that says what was written counts what was written (it left out the eligible list: "5 lists")
    sheets = [name for name in book.sheetnames if name not in ("Chỉ số AF",)]
    assert f"(xlsx: 7 biểu, {len(sheets) - 7} danh sách)" in said and len(sheets) - 7 == 6
    folder, said = sample_csv
    assert (folder / "r1.csv").exists() and (folder / "lists" / "poor.csv").exists()
    assert f"(csv: 7 biểu, {len(list((folder / 'lists').glob('*.csv')))} danh sách)" in said
    refused = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(reviewed_sample)])
    assert refused.exit_code == 2


STATUSES_NOW = ("poor", "near_poor", "average", "not_poor", "undetermined")
STARTS = ("", "poor", "near_poor", "average", "not_poor")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(STARTS),
            st.sampled_from(STATUSES_NOW),
            st.sampled_from(("", "moved_in", "split", "died", "moved_out", "merged")),
            st.booleans(),
            st.sampled_from(("Xã X", "Xã Y")),
            st.sampled_from(("Thôn 1", "Thôn 2")),
            st.integers(1, 9),
        ),
        min_size=1,
        max_size=40,
    ),
    st.lists(st.tuples(st.sampled_from(("poor", "near_poor", "not_poor")), st.integers(1, 9)), max_size=5),
)
def test_identities_hold_for_any_review(rows: list[tuple], left: list[tuple]) -> None:
    """R2/R3 c9 = c1−c2−c3−c4+c5+c6+c7+c8, R2 c2 = R3 c5, R2 c5 = R3 c3, R1 c3 = R2 c9, per unit and
    for households and persons, whatever the mix of statuses, movements and identity events."""
    frame = _reviewed(
        [
            {
                "household_id": str(i),
                "start_status": start,
                "status": now,
                "change_reason": reason,
                "transition": ("relapsed_poor" if now == "poor" else "relapsed_near_poor") if relapsed else "",
                "commune": commune,
                "village": village,
                "household_size": str(size),
            }
            for i, (start, now, reason, relapsed, commune, village, size) in enumerate(rows)
        ]
    )
    gone = pd.DataFrame(
        [
            {
                "household_id": f"L{i}",
                "status": s,
                "province": "Tỉnh A",
                "commune": "Xã X",
                "village": "Thôn 1",
                "household_size": str(n),
            }
            for i, (s, n) in enumerate(left)
        ],
        columns=["household_id", "status", "province", "commune", "village", "household_size"],
    )
    # the three forms the identities tie together, as build_report makes them (each form is made from the review
    # alone): the whole report's lists, eligible list and R4–R9 took most of each example's second
    r1, r2, r3 = (f.rows for f in build_forms(from_reviewed(frame, left=gone, ruleset=RS), ("r1", "r2", "r3")))
    for rows_ in (r2, r3):
        c = {n: rows_[f"c{n}"].astype(int) for n in range(1, 10)}
        assert (c[9] == c[1] - c[2] - c[3] - c[4] + c[5] + c[6] + c[7] + c[8]).all()
    assert (r2["c2"].to_numpy() == r3["c5"].to_numpy()).all()
    assert (r2["c5"].to_numpy() == r3["c3"].to_numpy()).all()
    households = r2[r2["row"] == "households"].reset_index(drop=True)
    assert (r1["c3"].to_numpy() == households["c9"].to_numpy()).all()
    near = r3[r3["row"] == "households"].reset_index(drop=True)
    assert (r1["c5"].to_numpy() == near["c9"].to_numpy()).all()


def test_page_builds_only_r1_and_is_the_page_of_the_whole_report(reviewed_sample: Path) -> None:
    """The page shows R1 and the AF measures: ``report -o x.html`` builds no other form nor list (they took
    most of its time), and its page is the page of the whole report."""
    from poverty_rules.reports import forms, html, writers

    def refuse(review: object) -> None:
        raise AssertionError("the page built a form it does not show")

    shown = []  # the report the command wrote its page from

    def write(report: object, path: Path) -> None:
        shown.append(report)
        html.write_html_report(report, path)

    out = reviewed_sample.with_name("page_cli.html")
    with pytest.MonkeyPatch.context() as patch:
        for form in ("r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"):
            patch.setitem(forms.FORMS, form, refuse)
        patch.setitem(writers.WRITERS, "html", write)
        result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<section class="village"') == 8
    (part,) = shown
    assert [f.id for f in part.forms] == ["r1"] and part.lists == [] and part.eligible is None
    # the whole report of the review the command read, with the command's AF options: the same page
    whole = build_report(part.review, lang=part.lang, eligible_on=part.eligible_on, unit_name=part.unit_label)
    assert len(whole.forms) > 1 and whole.lists and whole.eligible is not None
    whole.extra.update({key: value for key, value in part.extra.items() if key != "af_tidy"})  # its AF options;
    # the measures worked out again (af_tidy is the page's own, kept by report_af)
    html.write_html_report(whole, reviewed_sample.with_name("page_whole.html"))
    pages = []
    for page in (out, reviewed_sample.with_name("page_whole.html")):
        text = re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d\.</footer>", "", page.read_text(encoding="utf-8"))
        pages.append(re.sub(r"gradient_\d+", "gradient", text))  # the renderer counts its gradients per process
    assert pages[0] == pages[1]


def test_report_from_the_history_equals_the_report_from_the_file(reviewed_sample: Path) -> None:
    db = reviewed_sample.with_name("h.db")
    from_db, from_file = reviewed_sample.with_name("db_out"), reviewed_sample.with_name("file_out")
    args = ["--format", "csv", "--date", "2026-12-10"]
    result = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(from_db), *args])
    assert result.exit_code == 0, result.output
    # the history keeps how many marks each household had blank: its AF measures are the file's (they
    # used to count a blank mark as not deprived, with a note saying so)
    assert "Alkire–Foster" not in result.output
    assert CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(from_file), *args]).exit_code == 0
    assert "" in pd.read_csv(reviewed_sample, dtype=str, keep_default_na=False).filter(like="deprived_").to_numpy()
    for name in ("r1.csv", "r2.csv", "r4.csv", "lists/poor.csv", "af.csv"):
        assert (from_db / name).read_bytes() == (from_file / name).read_bytes(), name
    missing = CliRunner().invoke(
        main, ["report", "--db", str(db), "--date", "2025-12-10", "-o", str(from_db), "--lang", "en"]
    )
    assert missing.exit_code == 2 and "no review recorded" in missing.output


def test_targets_groups_and_ethnicity(tmp_path: Path) -> None:
    frame = _reviewed(
        [
            {
                "household_id": "1",
                "start_status": "poor",
                "status": "not_poor",
                "ethnicity": "Kinh",
                "female_head": "x",
            },
            {"household_id": "2", "start_status": "poor", "status": "poor", "ethnicity": "Tày", "female_head": ""},
            {"household_id": "3", "start_status": "", "status": "near_poor", "ethnicity": "Mông", "female_head": "1"},
            {"household_id": "4", "start_status": "not_poor", "status": "not_poor", "ethnicity": "", "female_head": ""},
        ]
    )
    targets = pd.DataFrame(
        [
            {
                "province": "Tỉnh A",
                "commune": "Xã X",
                "village": "",
                "target_poor_reduction": "1",
                "target_rate_reduction": "0,5",
            },
            {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn 1", "target_poor_end": "0"},
        ]
    )
    checked = read_targets(targets.astype(object), "targets.csv")
    report = build_report(from_reviewed(frame, ruleset=RS), targets=checked)
    assert report.targets is not None
    whole, village = report.targets.to_dict("records")
    assert (whole["start"], whole["end"], whole["reduction"]) == (2, 1, 1)
    assert whole["start_rate"] == Decimal("66.67") and whole["end_rate"] == Decimal("25.00")
    assert whole["rate_reduction"] == Decimal("41.67") and whole["met"] is True
    assert village["met"] is False  # one poor household left, target 0
    ids = [f.id for f in report.forms]
    assert ids == ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"]
    r8 = report.forms[7].rows
    total8 = r8[r8["level"] == "total"].iloc[0]
    # the ethnic minority group from the ethnicity column (Tày poor, Mông near-poor), then female head:
    # each poor h/p, near-poor h/p
    assert [total8[f"c{n}"] for n in range(1, 9)] == [1, 4, 1, 4, 0, 0, 1, 4]
    r9 = report.forms[8].rows
    total9 = r9[r9["level"] == "total"].iloc[0]
    # Kinh poor, near; minorities poor, near; then Mông, Tày
    assert [total9[f"c{n}"] for n in range(1, 9)] == [0, 0, 1, 1, 0, 1, 1, 0]
    write_csv(report, tmp_path)
    assert (tmp_path / "targets.csv").exists() and (tmp_path / "r9.csv").exists()
    # the household counts as counts are written (they were "1.00" and "0.00"), the rate as a rate
    written = _read_list(tmp_path / "targets.csv")
    assert [(r["target_poor_reduction"], r["target_poor_end"], r["target_rate_reduction"]) for r in written] == [
        ("1", "", "0.50"),
        ("", "0", ""),
    ]
    bad = pd.DataFrame([{"province": "A", "commune": "X", "target_poor_end": "nhiều"}]).astype(object)
    with pytest.raises(InputError, match="row 2, column target_poor_end"):
        read_targets(bad, "targets.csv")


def test_workbook_af_sheet_holds_af_csv_numbers(sample_csv: tuple[Path, str], sample_books: dict[str, Path]) -> None:
    """The workbook's AF sheet (#14): af.csv's measures, numbers as numbers, fractions formatted as %."""
    openpyxl = pytest.importorskip("openpyxl")
    folder = sample_csv[0]
    af = pd.read_csv(folder / "af.csv", keep_default_na=False, dtype={"value": str})
    total = af[(af["level"] == "total") & (af["scheme"] == "equal") & (af["unit"] == "household") & (af["k"] == 3)]
    expected = {m: float(total[total["measure"] == m]["value"].iloc[0]) for m in ("N", "q", "H", "A", "M0")}
    for lang, sheet_name, head, total_word in (
        ("vi", "Chỉ số AF", "Tỷ lệ nghèo AF (H)", "Tổng cộng"),
        ("en", "AF measures", "Headcount ratio (H)", "Total"),
    ):
        sheet = openpyxl.load_workbook(sample_books[lang])[sheet_name]
        rows = list(sheet.iter_rows())
        header = next(r for r in rows if r[5].value == head)
        assert header[3].value.endswith("(N)") and header[7].value.endswith("(M0)")
        line = next(r for r in rows[header[0].row :] if r[0].value == total_word)
        values = dict(zip(("N", "q", "H", "A", "M0"), line[3:8], strict=True))
        for measure, cell in values.items():
            assert isinstance(cell.value, (int, float)) and cell.value == pytest.approx(expected[measure]), measure
        assert values["H"].number_format == "0.00%" and values["A"].number_format == "0.00%"
        assert values["M0"].number_format == "0.0000" and values["N"].number_format == "#,##0"
        hd = af[(af["level"] == "total") & (af["scheme"] == "equal") & (af["unit"] == "household") & (af["k"] == 3)]
        employment = float(hd[(hd["measure"] == "pctb") & (hd["indicator"] == "employment")]["value"].iloc[0])
        label = RS.indicators[0].label.vi if lang == "vi" else RS.indicators[0].label.en
        row = next(r for r in rows if r[0].value == label)
        assert row[6].value == pytest.approx(employment) and row[6].number_format == "0.00%"


def test_report_messages_in_the_users_language(
    reviewed_sample: Path, sample_book_runs: dict[str, tuple[Path, str]], tmp_path: Path
) -> None:
    """Every refusal of ``report`` in the user's language (#13 item 5): file, row and column named."""
    bad = tmp_path / "bad.reviewed.csv"
    bad.write_text("household_id,status\n1,poor\n2,giàu\n", encoding="utf-8")
    targets = tmp_path / "targets.csv"
    targets.write_text("province,commune,target_poor_reduction\nTỉnh A,Xã X,nhiều\n", encoding="utf-8")
    db = reviewed_sample.with_name("h.db")
    out = tmp_path / "out.xlsx"
    cases = [
        ([str(bad), "-o", str(out)], "dòng 3, cột status: 'giàu' không phải một phân loại", "row 3, column status"),
        ([str(reviewed_sample), "--db", str(db), "-o", str(out)], "hãy cho một tệp đã rà soát", "give a reviewed file"),
        (["--db", str(db), "-o", str(out)], "--db cần --date", "--db needs --date"),
        (["--db", str(db), "--date", "2020-01-01", "-o", str(out)], "không có kỳ rà soát nào", "no review recorded"),
        (
            ["--db", str(tmp_path / "none.db"), "--date", "2026-12-10", "-o", str(out)],
            "không có tệp lịch sử",
            "no history",
        ),
        ([str(reviewed_sample), "-o", str(tmp_path / "x.2025")], "không biết định dạng", "cannot tell the format"),
        ([str(reviewed_sample), "-o", str(reviewed_sample)], "ghi đè lên một tệp đầu vào", "would overwrite an input"),
        (
            [str(reviewed_sample), "-o", str(out), "--targets", str(targets)],
            "cột target_poor_reduction: 'nhiều' không phải là số",
            "is not a number",
        ),
        (
            [str(reviewed_sample), "-o", str(tmp_path / "af"), "--format", "csv", "--k", "99"],
            "k phải là số nguyên từ 1 đến 12",
            "k must be a whole number between 1 and 12",
        ),
        ([str(tmp_path / "missing.csv"), "-o", str(out)], "không tìm thấy tệp", "file not found"),
    ]
    for args, vi, en in cases:
        said = CliRunner().invoke(main, ["report", *args, "--lang", "vi"])
        assert said.exit_code == 2 and vi in said.output and "Traceback" not in said.output, (args, said.output)
        said = CliRunner().invoke(main, ["report", *args, "--lang", "en"])
        assert said.exit_code == 2 and en in said.output, (args, said.output)
    assert not out.exists()
    _, done = sample_book_runs["vi"]  # the workbook the refusals wrote none of: what its run says
    assert "biểu" in done and "danh sách" in done


def test_a_targets_workbook_is_named_by_its_sheet_rows(reviewed_sample: Path, tmp_path: Path) -> None:
    """A targets workbook with its title above the header: a bad target on sheet row 4 was said to be on
    "row 2" (the header taken as row 1). The rows are named as the sheet numbers them."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["CHỈ TIÊU GIẢM NGHÈO NĂM 2026"])
    ws.append([])
    ws.append(["Tỉnh", "Xã", "Thôn", "target_poor_reduction"])
    ws.append(["Tỉnh Nghệ An", "Xã Hưng Chính", None, "hai"])
    wb.save(tmp_path / "chi_tieu.xlsx")
    args = [str(reviewed_sample), "-o", str(tmp_path / "out.xlsx"), "--targets", str(tmp_path / "chi_tieu.xlsx")]
    said = CliRunner().invoke(main, ["report", *args])
    assert said.exit_code == 2 and "dòng 4, cột target_poor_reduction: 'hai'" in said.output, said.output


def test_eligible_list_keeps_each_households_own_last_day() -> None:
    """The rows are sorted by village: each household keeps its own ``eligible_until`` (it was the
    file's order of dates on the sorted rows)."""
    frame = _reviewed(
        [
            {"household_id": "H-9", "village": "Thôn Hạ", "status": "poor", "eligible_until": ""},
            {"household_id": "H-8", "village": "Thôn Hạ", "status": "near_poor", "eligible_until": ""},
            {
                "household_id": "C-2",
                "village": "Xóm Chợ",
                "status": "not_poor",
                "transition": "escaped_poverty",
                "eligible_until": "2028-12-09",
            },
            {
                "household_id": "C-1",
                "village": "Xóm Chợ",
                "status": "near_poor",
                "transition": "escaped_poverty",
                "eligible_until": "2028-12-08",
            },
            {"household_id": "A-1", "village": "Ấp Bắc", "status": "poor", "eligible_until": ""},
        ]
    )
    rows = build_report(from_reviewed(frame, ruleset=RS), eligible_on=date(2026, 12, 10)).eligible
    assert rows is not None
    got = dict(zip(rows.rows["household_id"], rows.rows["eligible_until"], strict=True))
    # a poor or near-poor household's support lasts until a later review (W2, s23): no day, said by its own column
    assert got == {"H-9": "", "H-8": "", "C-2": "2028-12-09", "C-1": "2028-12-08", "A-1": ""}
    held = dict(zip(rows.rows["household_id"], rows.rows["until_next_review"], strict=True))
    assert held == {"H-9": True, "H-8": True, "C-2": False, "C-1": False, "A-1": True}


def test_eligible_list_gives_no_last_day_that_has_passed() -> None:
    """A near-poor household whose escape window ended before the list's date is on the list as near-poor,
    without that window's end (the list of 01/06/2026 said its last day of support was 09/12/2025); one
    whose window is open keeps its last day, one escaped above the near-poor line with its window ended is
    not listed."""
    frame = _reviewed(
        [
            {"household_id": "N-1", "status": "near_poor", "transition": "unchanged", "eligible_until": "2025-12-09"},
            {"household_id": "N-2", "status": "near_poor", "transition": "unchanged", "eligible_until": "2028-12-08"},
            {"household_id": "X-1", "status": "not_poor", "transition": "unchanged", "eligible_until": "2025-12-09"},
        ]
    )
    rows = build_report(from_reviewed(frame, ruleset=RS), eligible_on=date(2026, 6, 1)).eligible
    assert rows is not None
    assert dict(zip(rows.rows["household_id"], rows.rows["eligible_until"], strict=True)) == {
        "N-1": "",  # near-poor: supported until a later review, not by the ended window (W2, s23)
        "N-2": "2028-12-08",
    }
    assert rows.rows["until_next_review"].tolist() == [True, False]


def test_report_from_a_reviewed_file_knows_its_review_date(tmp_path: Path) -> None:
    """A first review has no escape (no ``recognized_on``): ``review`` writes ``review_date``, and the
    report from the file has the review year and the eligible list, as the report from the history has.
    A reviewed file written without that column, in a year without an escape, says to give ``--date``."""
    openpyxl = pytest.importorskip("openpyxl")
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    base = pd.read_csv(source, dtype=str, keep_default_na=False).iloc[:60]
    base = base[(base["household_id"] != "") & (base["income_per_capita"] != "")]
    households = tmp_path / "ho.csv"
    base.to_csv(households, index=False)
    db = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["review", str(households), "--date", "10/12/2024", "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    reviewed = tmp_path / "ho.reviewed.csv"
    frame = pd.read_csv(reviewed, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert set(frame["review_date"]) == {"2024-12-10"} and set(frame["recognized_on"]) == {""}
    runner = CliRunner()
    for args, folder in (([str(reviewed)], "file"), (["--db", str(db), "--date", "10/12/2024"], "db")):
        result = runner.invoke(main, ["report", *args, "--format", "csv", "-o", str(tmp_path / folder)])
        assert result.exit_code == 0, result.output
    from_file, from_db = (_read_list(tmp_path / f / "lists" / "eligible.csv") for f in ("file", "db"))
    assert from_file and from_file == from_db
    book = tmp_path / "r.xlsx"
    assert runner.invoke(main, ["report", str(reviewed), "-o", str(book)]).exit_code == 0
    cells = [str(c.value) for c in openpyxl.load_workbook(book)["R1"]["A"]]
    assert any(c.startswith("Năm 2024 — Ngày rà soát: 10/12/2024") for c in cells), cells
    old = tmp_path / "old.reviewed.csv"  # written before review wrote review_date
    frame.drop(columns="review_date").to_csv(old, index=False)
    result = runner.invoke(main, ["report", str(old), "--format", "csv", "-o", str(tmp_path / "old")])
    assert result.exit_code == 0 and "lưu ý: " in result.output and "hãy cho --date" in result.output  # a note
    assert not (tmp_path / "old" / "lists" / "eligible.csv").exists()
    result = runner.invoke(
        main, ["report", str(old), "--date", "10/12/2024", "--format", "csv", "-o", str(tmp_path / "o2")]
    )
    assert result.exit_code == 0 and "--date" not in result.output
    assert _read_list(tmp_path / "o2" / "lists" / "eligible.csv") == from_db


def _read_list(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_workbook_sheet_names_are_whole_words_within_excels_limit(tmp_path: Path) -> None:
    """Each sheet has its own short name (vocabulary/words.py), ≤ 31 characters and unique in the workbook
    — never a title cut in the middle of a word ("Danh sách hộ được hưởng chính s")."""
    openpyxl = pytest.importorskip("openpyxl")
    named = {"sheet", "sheet_local_poor", "sheet_local_near_poor"}
    for lang in ("vi", "en"):
        names = [W.SHEET[k][lang] for k in W.SHEET] + [W.LOCAL_REPORT[k][lang] for k in named]
        assert all(0 < len(n) <= 31 and not set(n) & set("[]:*?/\\\\") for n in names), names
        assert len(set(names)) == len(names)
    frame = _reviewed(
        [
            {"household_id": "1", "status": "poor"},
            {
                "household_id": "2",
                "status": "not_poor",
                "transition": "escaped_poverty",
                "eligible_until": "2028-12-09",
            },
            {"household_id": "3", "status": "not_poor", "transition": "escaped_near_poverty"},
        ]
    )
    review = from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10))
    for lang in ("vi", "en"):
        out = tmp_path / f"{lang}.xlsx"
        write_xlsx(build_report(review, lang=lang), out)
        sheets = openpyxl.load_workbook(out).sheetnames
        lists = ["poor", "near_poor", "escaped_poverty", "escaped_near_poverty", "undetermined", "eligible"]
        assert sheets[7:] == [W.SHEET[k][lang] for k in lists] + [W.SHEET["af"][lang]]
        assert len(set(sheets)) == len(sheets) and max(map(len, sheets)) <= 31


def test_unknown_extension_names_the_formats_in_the_runs_language(tmp_path: Path) -> None:
    """``report -o t.pdf``: the formats to choose from, worded in the run's language (the list was
    joined with English "or" in a Vietnamese run)."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,status\n1,poor\n", encoding="utf-8")
    for lang, words in (
        ("vi", "dùng --format với một trong các định dạng: csv, html, xlsx"),
        ("en", "use --format with one of: csv, html, xlsx"),
    ):
        said = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "t.2025"), "--lang", lang])
        assert said.exit_code == 2 and words in " ".join(said.output.split()), said.output
        assert lang == "en" or " or " not in said.output


def test_a_rejected_rows_household_counts_in_r4_to_r9_as_in_r1() -> None:
    """A poor household whose row this review rejected (``in_file`` in the not-reviewed list) stays poor
    (R1); R4/R5 count the deprivations and R8/R9 the groups its last review recorded, so R9's Kinh +
    minorities equal R1 column 3 and R5 divides deprived poor households by the same households."""
    frame = _reviewed(
        [
            {"household_id": "1", "status": "poor", "deprived": "employment", "ethnicity": "Kinh", "female_head": "0"},
            {"household_id": "2", "status": "not_poor", "deprived": "", "ethnicity": "Kinh", "female_head": "0"},
        ]
    )
    left = pd.DataFrame(
        [
            {
                "household_id": "3",
                "status": "poor",
                "village": "Thôn 1",
                "commune": "Xã X",
                "province": "Tỉnh A",
                "household_size": "6",
                "deprived": "employment;water",
                "ethnicity": "Tày",
                "female_head": "1",
                "in_file": "true",
            }
        ]
    )
    forms = {f.id: f.rows for f in build_report(from_reviewed(frame, left=left, ruleset=RS)).forms}
    total = {form: rows[rows["level"] == "total"].iloc[0] for form, rows in forms.items()}
    assert total["r1"]["c3"] == 2
    r9 = forms["r9"]
    assert (r9["c1"] + r9["c3"] == forms["r1"]["c3"]).all()  # Kinh + minorities = poor, every unit
    assert total["r9"]["c3"] == 1 and total["r9"]["c5"] == 1  # minorities; Tày
    assert (total["r4"]["c1"], total["r4"]["c2"]) == (2, 3)  # poor households, their deprivations
    indicators = [ind.id for ind in RS.indicators]
    employment, water = (f"c{3 + indicators.index(i)}" for i in ("employment", "water"))
    assert (total["r4"][employment], total["r4"][water]) == (2, 1)
    assert total["r5"][f"c{2 + indicators.index('employment')}"] == Decimal("100.00")
    assert total["r8"]["c1"] == 1  # the female head: a poor household


def _undetermined_review() -> pd.DataFrame:
    """A and B undetermined this year (nutrition blank): A near-poor last year, B average; C poor, D not poor."""
    blank = {"undetermined_by": "", "transition": "unchanged"}
    return _reviewed(
        [
            {
                "household_id": "A",
                "head_name": "An",
                "previous_status": "near_poor",
                "status": "undetermined",
                "deprived": "employment;dependency",
                "undetermined_by": "deprived_nutrition",
                "transition": "",
            },
            {
                "household_id": "B",
                "head_name": "Bình",
                "previous_status": "average",
                "status": "undetermined",
                "deprived": "employment;dependency",
                "undetermined_by": "deprived_nutrition",
                "transition": "",
            },
            {
                **blank,
                "household_id": "C",
                "head_name": "Cúc",
                "previous_status": "poor",
                "status": "poor",
                "deprived": "employment;dependency;nutrition",
            },
            {**blank, "household_id": "D", "head_name": "Dũng", "previous_status": "not_poor", "status": "not_poor"},
        ]
    )


@pytest.fixture(scope="module")
def undetermined_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The page of ``_undetermined_review`` in each language, written once for the tests that only read it."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    folder = tmp_path_factory.mktemp("undetermined_pages")
    review = from_reviewed(_undetermined_review(), ruleset=RS, review_date=date(2025, 12, 10))
    pages = {}
    for lang in ("vi", "en"):
        write_html_report(build_report(review, lang=lang), folder / f"p.{lang}.html")
        pages[lang] = (folder / f"p.{lang}.html").read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def undetermined_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The workbook of ``_undetermined_review`` in each language, written once for the tests that only read it."""
    pytest.importorskip("openpyxl")
    folder = tmp_path_factory.mktemp("undetermined_books")
    review = from_reviewed(_undetermined_review(), ruleset=RS, review_date=date(2025, 12, 10))
    return {lang: write_xlsx(build_report(review, lang=lang), folder / f"{lang}.xlsx") for lang in ("vi", "en")}


def _page_rows(html: str) -> list[list[str]]:
    """The rows of the page's village lists, as the text of their cells."""
    import re

    body = html[html.index('id="households"') :]
    bodies = re.findall(r"<tbody>(.*?)</tbody>", body, flags=re.S)  # a row's head is a <th scope="row">
    rows = [r for b in bodies for r in re.findall(r"<tr>(.*?)</tr>", b, flags=re.S)]
    cell = r"<t[dh][^>]*>(.*?)</t[dh]>"
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(cell, r, re.S)] for r in rows]
    return [c for c in cells if c]


def test_page_lists_undetermined_households_as_the_workbook_does(undetermined_pages: dict[str, str]) -> None:
    """An undetermined household keeps the status it had (R1 counts A as near-poor), but the page lists
    it as undetermined — B (average last year) was missing, counted as "not poor, no movement", and A was
    shown as a plain near-poor household."""
    review = from_reviewed(_undetermined_review(), ruleset=RS, review_date=date(2025, 12, 10))
    for lang in ("vi", "en"):
        report = build_report(review, lang=lang)
        listed = next(lst for lst in report.lists if lst.id == "undetermined")
        assert list(listed.rows["household_id"]) == ["A", "B"]
        html = undetermined_pages[lang]  # the page of that report
        rows = {r[1]: r for r in _page_rows(html)}
        assert sorted(rows) == ["A", "B", "C"]
        undetermined, near_poor, average = (W.STATUS[s][lang] for s in ("undetermined", "near_poor", "average"))
        assert undetermined in rows["A"][3] and near_poor in rows["A"][3]
        assert undetermined in rows["B"][3] and average in rows["B"][3]
        assert W.PAGE["not_listed"][lang].format(n=W.counted(1, lang)) in html  # D only
        assert 'data-col="c5">1<' in html  # R1 still counts A among the near-poor


def test_undetermined_list_heads_the_marks_to_collect_apart_from_the_deprivations(
    undetermined_books: dict[str, Path], undetermined_pages: dict[str, str], tmp_path: Path
) -> None:
    """The undetermined list put the marks to collect (A: Nutrition, its blank mark) under the heading
    "Các chỉ số thiếu hụt" / "Deprivations"; A is deprived in employment and dependants. Now the
    deprivations are under that heading and the marks to collect under their own, in the workbook, the
    CSV list and the page alike."""
    openpyxl = pytest.importorskip("openpyxl")
    review = from_reviewed(_undetermined_review(), ruleset=RS, review_date=date(2025, 12, 10))
    labels = {ind.id: ind.label for ind in RS.indicators}
    for lang in ("vi", "en"):
        deprived = f"{labels['employment'].get(lang)}, {labels['dependency'].get(lang)}"
        collect = labels["nutrition"].get(lang)
        sheet = openpyxl.load_workbook(undetermined_books[lang])[W.SHEET["undetermined"][lang]]
        rows = [list(r) for r in sheet.iter_rows(min_row=7, values_only=True)]
        head = rows[0]
        assert head[-2:] == [W.LIST_COLUMN["deprived"][lang], W.LIST_COLUMN["undetermined_by"][lang]]
        a = next(r for r in rows if r[1] == "A")
        assert a[-2:] == [deprived, collect]
        write_csv(build_report(review, lang=lang), tmp_path / lang)
        listed = {r["household_id"]: r for r in _read_list(tmp_path / lang / "lists" / "undetermined.csv")}
        assert (listed["A"]["deprived"], listed["A"]["undetermined_by"]) == (deprived, collect)
        html = undetermined_pages[lang]
        heads = W.PAGE["deprived"][lang], W.PAGE["collect"][lang]
        assert '<th scope="col">{}</th><th scope="col" class="hide-narrow">{}</th>'.format(*heads) in html
        page = {r[1]: r for r in _page_rows(html)}
        assert page["A"][4:6] == [deprived, collect] and page["C"][5] == ""  # C is poor: nothing to collect


def test_page_labels_the_af_shares_by_the_unit_they_count() -> None:
    """With household_size the page shows person shares (C: 5 of 7 persons deprived in employment,
    71.43%): the table was headed "Deprived (all households)" and q = 5 had no unit. The labels now say
    persons — and households when the page counts households."""
    pytest.importorskip("jinja2")
    import poverty_rules as pr
    from poverty_rules.reports.html import PageOptions, build_page

    flags = {f"deprived_{ind.id}": "0" for ind in RS.indicators}
    base = {"village": "Thôn 1", "area": "rural", **flags}
    raw = pd.DataFrame(
        [
            {**base, "household_id": "C", "income_per_capita": "1000000", "household_size": "5"}
            | {"deprived_employment": "1", "deprived_dependency": "1", "deprived_nutrition": "1"},
            {**base, "household_id": "D", "income_per_capita": "5000000", "household_size": "2"},
        ]
    )
    classified = pr.classify(raw, ruleset=RS, as_of="2025-12-01")
    for lang in ("vi", "en"):
        for unit, share in (("person", "71.43%" if lang == "en" else "71,43%"), ("household", "50")):
            html = build_page(classified, ruleset=RS, options=PageOptions(lang=lang, unit=unit))
            words = W.PAGE[f"unit_{unit}"][lang]
            assert f'<th scope="col" class="n">{W.PAGE["uncensored"][lang].format(unit=words)}</th>' in html
            assert f'<th scope="col" class="n">{W.PAGE["censored"][lang].format(unit=words)}</th>' in html
            q = "5" if unit == "person" else "1"
            assert f"q = {q} {words}</div>" in html and f"; {words})</div>" in html
            row = html[html.index('data-indicator="employment"') :].split("</tr>")[0]
            assert share in row
        assert W.PAGE["unit_household"][lang] not in W.PAGE["uncensored"][lang].format(unit=W.PAGE["unit_person"][lang])


def test_workbook_writes_the_last_day_of_support_as_a_date_cell(tmp_path: Path) -> None:
    """ "Hưởng đến hết ngày" was the ISO text '2028-12-09' under a header that says 10/12/2025: it is now
    a date cell shown dd/mm/yyyy (sortable), and, for a poor household outside any window, the words "until the
    next review"."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed(
        [
            {"household_id": "P", "status": "poor", "eligible_until": ""},
            {
                "household_id": "E",
                "status": "not_poor",
                "transition": "escaped_poverty",
                "eligible_until": "2028-12-09",
            },
        ]
    )
    review = from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10))
    for lang in ("vi", "en"):
        write_xlsx(build_report(review, lang=lang), tmp_path / f"{lang}.xlsx")
        sheet = openpyxl.load_workbook(tmp_path / f"{lang}.xlsx")[W.SHEET["eligible"][lang]]
        head = [c.value for c in sheet[7]]
        column = head.index(W.LIST_COLUMN["eligible_until"][lang])
        cells = {r[1].value: r[column] for r in sheet.iter_rows(min_row=10) if r[1].value in ("P", "E")}
        assert cells["E"].is_date and cells["E"].value.date() == date(2028, 12, 9)
        assert cells["E"].number_format == {"vi": "dd/mm/yyyy", "en": "yyyy-mm-dd"}[lang]
        assert cells["P"].value == W.UNTIL_NEXT_REVIEW[lang]  # a poor household: until the next review (W2, s23)


def test_report_header_names_the_commune_the_review_was_given(tmp_path: Path) -> None:
    """A file with no commune column reviewed with ``--commune "Xã A"``: every sheet began "ỦY BAN NHÂN
    DÂN" with nothing after it (the reviewed file did not say the commune). The review now writes the
    commune in the reviewed file, whole and streamed alike, and the header names it; a file with its own
    commune column (any spelling) gets no second one."""
    openpyxl = pytest.importorskip("openpyxl")
    head = ["household_id", "head_name", "village", "area", "income_per_capita", "household_size"]
    head += [f"deprived_{ind.id}" for ind in RS.indicators]
    marks = ["1", "1", "1"] + ["0"] * (len(RS.indicators) - 3)
    lines = [",".join(head)] + [
        ",".join([f"H{i:03}", f"Chủ hộ {i}", "Thôn 1", "rural", str(1_000_000 + 200_000 * i), "3", *marks])
        for i in range(40)  # some kilobytes: several batches of --batch-bytes 1024
    ]
    plain = tmp_path / "plain.csv"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    own = tmp_path / "own.csv"
    own_lines = [lines[0].replace("village,", "village,Xã,")] + [
        x.replace("Thôn 1,", "Thôn 1,Xã A,") for x in lines[1:]
    ]
    own.write_text("\n".join(own_lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    whole: bytes = b""
    for source, extra in ((plain, []), (plain, ["--batch-bytes", "1024"]), (own, [])):
        folder = tmp_path / f"{source.stem}{len(extra)}"
        folder.mkdir()
        data = folder / source.name
        data.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        db = folder / "h.db"
        args = ["review", str(data), "--date", "2025-12-10", "--db", str(db), "--commune", "Xã A", "-q", *extra]
        done = runner.invoke(main, args)
        assert done.exit_code == 0, done.output
        reviewed = folder / f"{source.stem}.reviewed.csv"
        header = pd.read_csv(reviewed, dtype=str, encoding="utf-8-sig", nrows=0).columns.tolist()
        assert header.count("commune") == (1 if source == plain else 0) and header.count("Xã") == (source == own)
        if extra:
            # the streamed review wrote the whole review's file, byte for byte: its reports are that file's, checked
            # below once (they took a third of the test's time)
            assert reviewed.read_bytes() == whole, "the streamed reviewed file is not the whole review's"
            continue
        if source == plain:
            whole = reviewed.read_bytes()
        for lang, words in (("vi", "ỦY BAN NHÂN DÂN XÃ A"), ("en", "PEOPLE'S COMMITTEE OF XÃ A")):
            book = folder / f"{lang}.xlsx"
            assert runner.invoke(main, ["report", str(reviewed), "-o", str(book), "--lang", lang]).exit_code == 0
            sheets = openpyxl.load_workbook(book)
            assert {sheets[name]["A1"].value for name in sheets.sheetnames} == {words}


# docs/standard.md §6, "Figures to test reports against": each published rate recomputed from its
# counts, half-up to two decimals.
PUBLISHED = [
    ("Phú Thọ 2025, poor", 26_941, 1_005_262, "2.68"),
    ("Phú Thọ 2025, near-poor", 31_615, 1_005_262, "3.14"),
    ("Điện Biên 2025, poor", 25_541, 143_650, "17.78"),
    ("Điện Biên 2025, near-poor", 18_748, 143_650, "13.05"),
    ("Hương Đô 2025, poor (printed 3.1%: a rounding slip in the source)", 118, 3_909, "3.02"),
    ("Hưng Chính 2024, poor", 2, 2_200, "0.09"),
    ("Hưng Chính 2024, near-poor", 18, 2_200, "0.82"),
]


@pytest.mark.parametrize(("unit", "count", "total", "published"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_published_rates_of_the_standard(unit: str, count: int, total: int, published: str) -> None:
    assert rate(count, total) == Decimal(published), unit


def test_published_figures_through_r1_and_the_page() -> None:
    """R1 of a review with Hưng Chính's 2024 counts (2,200 households, 2 poor, 18 near-poor) and of
    Hương Đô's 2025 (3,909 households, 118 poor): columns 4 and 6 are the published rates, and the page
    writes them the Vietnamese way (``0,09%``, ``3,02%``)."""
    from poverty_rules.reports.html import fmt_pct

    statuses = ["poor"] * 2 + ["near_poor"] * 18 + ["not_poor"] * (2_200 - 20)
    hung_chinh = [{"household_id": str(i), "commune": "Xã Hưng Chính", "status": s} for i, s in enumerate(statuses)]
    statuses = ["poor"] * 118 + ["not_poor"] * (3_909 - 118)
    huong_do = [{"household_id": str(i), "commune": "Xã Hương Đô", "status": s} for i, s in enumerate(statuses)]
    r1 = build_report(from_reviewed(_reviewed(hung_chinh + huong_do), ruleset=RS)).forms[0].rows
    communes = r1[r1["level"] == "commune"].set_index("commune")
    hc, hd = communes.loc["Xã Hưng Chính"], communes.loc["Xã Hương Đô"]
    assert (hc["c1"], hc["c3"], hc["c4"], hc["c5"], hc["c6"]) == (2_200, 2, Decimal("0.09"), 18, Decimal("0.82"))
    assert (hd["c1"], hd["c3"], hd["c4"]) == (3_909, 118, Decimal("3.02"))
    assert (fmt_pct(hc["c4"], "vi"), fmt_pct(hc["c6"], "vi"), fmt_pct(hd["c4"], "vi")) == ("0,09%", "0,82%", "3,02%")
    # the total's rate is computed from the total's counts, never by adding rounded rates
    total = r1[r1["level"] == "total"].iloc[0]
    assert total["c4"] == rate(120, 6_109) == Decimal("1.96")


def test_thanh_thuy_plan_target_reduce_by_54() -> None:
    """Thanh Thủy, end-2025 → target end-2026: 292 → 238 poor households, "phấn đấu giảm 54 hộ nghèo"."""
    rows = [
        {
            "household_id": str(i),
            "commune": "Xã Thanh Thủy",
            "start_status": "poor",
            "status": "poor" if i < 238 else "not_poor",
        }
        for i in range(292)
    ]
    rows += [
        {"household_id": f"n{i}", "commune": "Xã Thanh Thủy", "start_status": "not_poor", "status": "not_poor"}
        for i in range(708)
    ]
    targets = pd.DataFrame(
        [{"province": "Tỉnh A", "commune": "Xã Thanh Thủy", "village": "", "target_poor_reduction": "54"}]
    )
    report = build_report(
        from_reviewed(_reviewed(rows), ruleset=RS), targets=read_targets(targets.astype(object), "t.csv")
    )
    assert report.targets is not None
    (whole,) = report.targets.to_dict("records")
    assert (whole["start"], whole["end"], whole["reduction"], whole["met"]) == (292, 238, 54, True)


def test_r1_leaves_the_average_band_blank_under_a_standard_that_defines_none() -> None:
    """vn-2027-2030 defines no average living standard band (docs/standard.md §4): R1's columns 7, 8, 13
    and 14 are undefined, blank — they said 0 households and 0.00%, as if the commune had none."""
    rows = [{"household_id": "1", "status": "poor"}, {"household_id": "2", "status": "not_poor", "farm_household": "1"}]
    frame = _reviewed(rows)
    r1_2027 = build_report(from_reviewed(frame, ruleset=load_ruleset("vn-2027-2030"))).forms[0].rows
    total = r1_2027[r1_2027["level"] == "total"].iloc[0]
    assert (total["c1"], total["c3"], total["c4"]) == (2, 1, Decimal("50.00"))
    assert [total[f"c{n}"] for n in (7, 8, 13, 14)] == [None] * 4
    r1_2022 = build_report(from_reviewed(frame, ruleset=RS)).forms[0].rows  # defined there: 0 is a count
    total = r1_2022[r1_2022["level"] == "total"].iloc[0]
    assert [total[f"c{n}"] for n in (7, 8, 13, 14)] == [0, Decimal("0.00"), 0, Decimal("0.00")]


def test_local_r1_follows_the_local_standards_average_band() -> None:
    """R1 by a local standard that defines no average band (the HCMC-style example) leaves its columns
    7, 8, 13 and 14 blank; Bắc Ninh's, which keeps the national band, counts them."""
    for local, defined in (("example-hcmc-style-2022-2025", False), ("example-bac-ninh-2025", True)):
        rows = [
            {"household_id": "1", "status": "average", "local_status": "poor", "farm_household": "1"},
            {"household_id": "2", "status": "not_poor", "local_status": "not_poor"},
        ]
        label = f"vn-2022-2026@2025.02+{local}@1"
        frame = _reviewed([{**r, "local_ruleset": label} for r in rows])
        report = build_report(from_reviewed(frame, ruleset=RS))
        (form,) = report.local_forms
        total = form.rows[form.rows["level"] == "total"].iloc[0]
        expected = [0, Decimal("0.00"), 0, Decimal("0.00")] if defined else [None] * 4
        assert [total[f"c{n}"] for n in (7, 8, 13, 14)] == expected, local
        assert total["c3"] == 1


def test_af_measures_of_a_reviewed_file_with_vietnamese_headers(tmp_path: Path) -> None:
    """A reviewed file keeps the household file's headers (Thôn, Xã, Tỉnh, Khu vực, Số nhân khẩu): af.csv
    has its villages, communes and areas, and the person unit, as from canonical headers (every village
    row had blank keys and the whole file's numbers, and the person unit was missing)."""
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    base = pd.read_csv(source, dtype=str, keep_default_na=False).iloc[::15]
    base = base[(base["household_id"] != "") & (base["income_per_capita"] != "")].copy()
    base["household_size"] = [str(1 + i % 6) for i in range(len(base))]
    headers = {"household_id": "Mã hộ", "village": "Thôn", "commune": "Xã", "province": "Tỉnh", "area": "Khu vực",
               "household_size": "Số nhân khẩu", "income_per_capita": "Thu nhập bình quân"}  # fmt: skip
    runner = CliRunner()
    out = {}
    for name, frame in (("canonical", base), ("vi", base.rename(columns=headers))):
        folder = tmp_path / name
        folder.mkdir()
        frame.to_csv(folder / "ho.csv", index=False)
        args = ["review", str(folder / "ho.csv"), "--date", "2024-12-10", "--db", str(folder / "h.db"), "-q"]
        assert runner.invoke(main, args).exit_code == 0
        result = runner.invoke(
            main, ["report", str(folder / "ho.reviewed.csv"), "--format", "csv", "-o", str(folder / "r")]
        )
        assert result.exit_code == 0, result.output
        out[name] = pd.read_csv(folder / "r" / "af.csv", dtype=str, keep_default_na=False)
    vi = out["vi"]
    assert set(vi[vi.level == "village"]["village"]) == set(base["village"])
    assert set(vi["unit"]) == {"household", "person"} and set(vi[vi.level == "area"]["area"]) == {"urban", "rural"}
    pd.testing.assert_frame_equal(vi, out["canonical"])


def test_r1_average_band_is_blank_under_a_standard_without_it() -> None:
    """2027–2030 (Nghị định 351/2025 as reported) sets no average living standard band: R1's columns 7, 8,
    13 and 14 are undefined, blank (they said 0 and 0.00, as if no farm household were of average standard);
    under 2022–2026 they count."""
    rows = [{"household_id": "1", "status": "not_poor", "farm_household": "1"},
            {"household_id": "2", "status": "average", "farm_household": "1"}]  # fmt: skip
    for rs, expected in ((load_ruleset("vn-2027-2030"), [None] * 4), (RS, [1, Decimal("50.00"), 4, Decimal("50.00")])):
        r1 = build_report(from_reviewed(_reviewed(rows), ruleset=rs)).forms[0].rows
        total = r1[r1["level"] == "total"].iloc[0]
        assert [total[c] for c in ("c7", "c8", "c13", "c14")] == expected, rs.id
        assert total["c1"] == 2 and total["c3"] == 0


def _two_reviews_with_a_rejected_row(folder: Path) -> tuple[Path, Path]:
    """A commune reviewed in 2025 and 2026 (from the sample's first 40 rows, marks blanked in five of
    them); in 2026 one household's row has an unreadable income. Returns (history, 2026 reviewed file)."""
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    rows = pd.read_csv(source, dtype=str, keep_default_na=False)
    rows = rows[(rows["household_id"] != "") & ((rows["income_per_capita"] != "") | (rows["score_a"] != ""))]
    rows = rows.head(40).reset_index(drop=True)
    rows.loc[:4, "deprived_water"] = ""
    db = folder / "h.db"
    for year in (2025, 2026):
        data = rows.copy()
        if year == 2026:
            data.loc[7, "income_per_capita"] = "abc"
        path = folder / f"ho_{year}.csv"
        data.to_csv(path, index=False)
        result = CliRunner().invoke(main, ["review", str(path), "--date", f"{year}-12-10", "--db", str(db), "-q"])
        assert result.exit_code in (0, 1), result.output
    return db, folder / "ho_2026.reviewed.csv"


def test_the_af_measures_from_the_history_are_the_reviewed_files(tmp_path: Path) -> None:
    """The history kept a household's deprived list, not its blank marks: `report --db` counted a
    blank mark as not deprived (N took in the households the file's measures leave out) and said so.
    It now keeps how many marks were blank (``blank_marks``); a household whose row was rejected is
    recorded with every mark blank (no readable row this year), as the reviewed file leaves it out."""
    db, reviewed = _two_reviews_with_a_rejected_row(tmp_path)
    args = ["--format", "csv", "--date", "2026-12-10", "--lang", "en"]
    from_db = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(tmp_path / "db"), *args])
    assert from_db.exit_code == 0, from_db.output
    assert "Alkire–Foster" not in from_db.output
    from_file = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "file"), *args])
    assert from_file.exit_code == 0, from_file.output
    assert (tmp_path / "db" / "af.csv").read_bytes() == (tmp_path / "file" / "af.csv").read_bytes()
    af = pd.read_csv(tmp_path / "db" / "af.csv")
    n = af[(af["level"] == "total") & (af["measure"] == "N") & (af["unit"] == "household")]["value"].iloc[0]
    assert n <= 40 - 5 - 1  # the five with a blank mark and the rejected one are not complete cases


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_review_recorded_without_blank_marks_is_said_with_its_count(tmp_path: Path, lang: str) -> None:
    """A review recorded before the history kept ``blank_marks`` (its blocks have the column null):
    `report --db` says how many households it counts as having no blank mark."""
    from poverty_rules.review.history import HistoryStore

    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H2", "H3"],
            "village": ["Thôn 1"] * 3,
            "status": ["poor", "near_poor", "not_poor"],
            "deprived": ["employment;water;sanitation", "water", ""],
            "deprivation_count": [3, 1, 0],
        }
    )
    db = tmp_path / "old.db"
    with HistoryStore(db) as store:
        store.record_review("2026-12-10", "Xã A", "vn-2022-2026@2025.02", None, frame)
    args = ["--db", str(db), "--date", "2026-12-10", "--format", "csv", "-o", str(tmp_path / "out"), "--lang", lang]
    result = CliRunner().invoke(main, ["report", *args])
    assert result.exit_code == 0, result.output
    said = {
        "vi": "3 hộ được ghi vào lịch sử mà không kèm số ô để trống",
        "en": "3 households recorded without how many of their marks were blank",
    }[lang]
    assert said in " ".join(result.output.split())


def test_af_measures_leave_out_the_households_the_file_marks_leaving(tmp_path: Path) -> None:
    """A household the reviewed file marks leaving (chết, moved_out, merged) is not a resident: R1 does not
    count it, and neither do the AF measures (af.csv counted it in N and, deprived, in q: the page's H rose
    with the dead; `report --db` of the same review left it out)."""
    flags = [ind.column for ind in RS.indicators]
    rows = [
        {"household_id": "1", "status": "not_poor", "change_reason": "", **dict.fromkeys(flags, "0")},
        {"household_id": "2", "status": "not_poor", "change_reason": "", **dict.fromkeys(flags, "0")},
        {"household_id": "3", "status": "poor", "change_reason": "chết", **dict.fromkeys(flags, "1")},
    ]
    frame = _reviewed(rows).assign(ruleset="vn-2022-2026", review_date="2024-12-10")
    frame.to_csv(tmp_path / "ho.reviewed.csv", index=False)
    result = CliRunner().invoke(
        main, ["report", str(tmp_path / "ho.reviewed.csv"), "--format", "csv", "-o", str(tmp_path / "r")]
    )
    assert result.exit_code == 0, result.output
    af = pd.read_csv(tmp_path / "r" / "af.csv", dtype=str, keep_default_na=False)
    total = af[(af.level == "total") & (af.scheme == "equal") & (af.unit == "household") & (af.k == "1")]
    values = total.set_index("measure")["value"]
    assert (values["N"], values["q"], values["H"]) == ("2", "0", "0")
    r1 = pd.read_csv(tmp_path / "r" / "r1.csv", dtype=str, keep_default_na=False)
    assert r1[r1.level == "total"]["c1"].tolist() == ["2"]


def test_every_csv_of_the_export_starts_with_a_bom(sample_csv: tuple[Path, str]) -> None:
    """Every file of `report --format csv` is UTF-8 with a BOM, so Excel shows the commune and village names
    (af.csv had none: an analyst opening it in Excel read "XÃ£ HÆ°ng ChÃ­nh")."""
    folder = sample_csv[0]
    files = sorted(folder.rglob("*.csv"))
    assert folder / "af.csv" in files and folder / "r1.csv" in files
    assert [p.name for p in files if not p.read_bytes().startswith(b"\xef\xbb\xbf")] == []
    af = pd.read_csv(folder / "af.csv", dtype=str, keep_default_na=False)
    assert list(af.columns)[0] == "level" and "Xã Hưng Chính" in set(af["commune"])


def test_page_of_a_review_whose_every_row_was_rejected(tmp_path: Path) -> None:
    """A result file of its header alone (`classify` of a file whose every row is rejected; `review` of it
    once wrote one too, it now writes its rejects alone); the workbook and the CSV of it were written, the page
    stopped with "lỗi ngoài dự kiến (KeyError: 'village')". The page is written with the zero counts and blank
    rates."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,village,commune,area,income_per_capita,household_size\n"
        "1,Thôn 1,Xã X,rural,không rõ,3\n2,Thôn 1,Xã X,rural,?,2\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    review = runner.invoke(main, ["classify", str(households), "-o", str(tmp_path / "ho.reviewed.csv")])
    assert review.exit_code == 1, review.output
    page = tmp_path / "page.html"
    for lang in ("vi", "en"):
        result = runner.invoke(
            main, ["report", str(tmp_path / "ho.reviewed.csv"), "--date", "2024-12-10", "-o", str(page), "--lang", lang]
        )
        assert result.exit_code == 0, result.output
        assert 'data-measure="households">0<' in page.read_text(encoding="utf-8")


def test_page_says_why_it_has_no_af_measures(tmp_path: Path) -> None:
    """When every household has an unknown mark, no household has an AF score: the page had no AF section
    at all (its contents still linked to #af) and never said that the households were left out for their
    unknown marks. The section is there with the note, in both languages."""
    flags = {ind.column: "0" for ind in RS.indicators}
    rows = [{"household_id": str(i), "status": "not_poor", **flags, "deprived_telecom": ""} for i in range(3)]
    reviewed = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(ruleset="vn-2022-2026", review_date="2024-12-10").to_csv(reviewed, index=False)
    for lang, note in (("vi", "3 hộ có chỉ số chưa rõ"), ("en", "3 households with an unknown indicator")):
        page = tmp_path / f"page_{lang}.html"
        result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(page), "--lang", lang])
        assert result.exit_code == 0, result.output
        html = page.read_text(encoding="utf-8")
        assert 'href="#af"' in html and html.count('<h2 id="af">') == 1
        assert note in html.split('<h2 id="af">')[1].split("<h2")[0]


def test_report_db_commune_is_named_as_review_and_eligible_name_it(reviewed_sample: Path) -> None:
    """`eligible --commune "Hưng Chính"` finds Xã Hưng Chính (review.md: named as review compares communes);
    `report --db --commune "hưng chính"` said no review of that commune was recorded on the date."""
    db = reviewed_sample.with_name("h.db")
    runner = CliRunner()
    outs = []
    for i, name in enumerate(("Xã Hưng Chính", "hưng chính", "Hung Chinh")):
        out = reviewed_sample.with_name(f"by_name_{i}")
        args = ["report", "--db", str(db), "--date", "2026-12-10", "--commune", name, "--format", "csv", "-o", str(out)]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        outs.append((out / "r1.csv").read_bytes())
    assert outs[0] == outs[1] == outs[2]
    unknown = runner.invoke(
        main, ["report", "--db", str(db), "--date", "2026-12-10", "--commune", "Xã Nghi", "-o", str(db.with_name("x"))]
    )
    assert unknown.exit_code == 2 and "'Xã Nghi'" in unknown.output


def test_written_line_counts_every_list_written(sample_csv: tuple[Path, str]) -> None:
    """The line after `report --format csv` counted 5 lists while lists/ held 6 files (the eligible list)."""
    folder, said = sample_csv
    written = len(list((folder / "lists").glob("*.csv")))
    assert written == 6 and f"{written} danh sách" in said


def test_header_names_no_commune_for_same_named_communes_of_two_provinces() -> None:
    """Xã Tân Lập of Tỉnh A and Xã Tân Lập of Tỉnh B are two communes (reports.md: a unit is identified by
    its province and commune): the header block of their joint report said "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"."""
    rows = [{"household_id": "1", "status": "poor", "commune": "Xã Tân Lập"},
            {"household_id": "2", "status": "poor", "commune": "Xã Tân Lập", "province": "Tỉnh B"}]  # fmt: skip
    two = build_report(from_reviewed(_reviewed(rows), ruleset=RS))
    assert two.unit_name == ""
    one = build_report(from_reviewed(_reviewed(rows[:1]), ruleset=RS))
    assert one.unit_name == "Xã Tân Lập"


def test_a_household_file_given_to_report_is_refused_without_asking_for_a_date(tmp_path: Path) -> None:
    """``report ho.csv`` (a household file, not a reviewed one) said, unmarked, "tệp không ghi ngày rà soát …
    hãy cho --date", then refused the file for having no status column: the officer was told to give a date
    to a file no date would make reportable. Now the refusal alone."""
    src = tmp_path / "ho.csv"
    src.write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(src), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2, result.output
    assert "thiếu cột status" in result.output and "--date" not in result.output, result.output


def test_a_reviewed_file_whose_first_household_is_undetermined_is_reported(tmp_path: Path) -> None:
    """The marks to collect (``undetermined_by``: twelve ``deprived_…`` names joined by ``;``) made the
    separator sniffer read a comma file as semicolon-separated, with that row as its header: ``report`` of a
    reviewed file whose first household was undetermined said "dòng 1: thiếu cột household_id"."""
    src = tmp_path / "ho.csv"
    src.write_text("household_id,area,income_per_capita,village\nH1,rural,1000000,A\nH2,rural,5000000,B\n")
    review = ["review", str(src), "--date", "10/12/2026", "--db", str(tmp_path / "h.db"), "--commune", "X", "-q"]
    assert CliRunner().invoke(main, review).exit_code == 0
    result = CliRunner().invoke(main, ["report", str(tmp_path / "ho.reviewed.csv"), "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    r1 = pd.read_csv(tmp_path / "r" / "r1.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(r1.loc[r1["level"] == "village", "village"]) == ["A", "B"]
    again = CliRunner().invoke(main, ["classify", str(tmp_path / "ho.reviewed.csv"), "-o", str(tmp_path / "c.csv")])
    assert again.exit_code == 0, again.output  # read again as the comma file it is


def test_every_chart_is_an_image_named_by_its_caption(sample_page: str) -> None:
    """The page's charts were role="img" with no name (a screen reader said "image" six times) and kept the
    renderer's English aria-roledescription ("rect mark container") on the Vietnamese page."""
    html = sample_page
    svgs = re.findall(r"<svg [^>]*>", html)
    assert len(svgs) >= 4 and "aria-roledescription" not in html
    for svg in svgs:
        name = re.search(r'aria-labelledby="([^"]+)"', svg)
        assert name is not None, svg
        caption = re.search(rf'<figcaption id="{name.group(1)}">([^<]+)</figcaption>', html)
        assert caption is not None and caption.group(1).strip()


def test_r9_counts_an_ethnic_group_once_however_it_is_typed() -> None:
    """R9 matched Kinh in any case but split the other groups by their letters: "Tày" and "tày" were two
    columns of the same people. Each group is one column, under its most written spelling."""
    rows = [("poor", "Tày"), ("poor", "tày"), ("near_poor", "TÀY "), ("poor", "Tày")]
    rows += [("poor", "kinh"), ("poor", "H'Mông")]
    frame = _reviewed([{"household_id": str(i), "status": s, "ethnicity": e} for i, (s, e) in enumerate(rows)])
    r9 = next(f for f in build_report(from_reviewed(frame, ruleset=RS)).forms if f.id == "r9")
    labels = [c.label["vi"] for c in r9.columns][4:]
    assert labels == ["H'Mông: Nghèo", "H'Mông: Cận nghèo", "Tày: Nghèo", "Tày: Cận nghèo"]
    total = r9.rows[r9.rows["level"] == "total"].iloc[0]
    assert [int(total[f"c{n}"]) for n in range(1, 9)] == [1, 0, 4, 1, 1, 0, 3, 1]


def test_report_does_not_write_over_the_not_reviewed_file_it_reads(reviewed_sample: Path) -> None:
    """`report ho.reviewed.csv -o ho.not_reviewed.csv` wrote the page over the file of the households that
    left, which report itself reads (the next report then stopped with "lỗi ngoài dự kiến (KeyError)")."""
    sibling = reviewed_sample.with_name("ho.not_reviewed.csv")
    assert sibling.exists()
    before = sibling.read_bytes()
    result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(sibling), "--format", "html"])
    assert result.exit_code == 2 and "ghi đè lên một tệp đầu vào" in result.output
    assert sibling.read_bytes() == before


def test_an_unreadable_not_reviewed_file_is_named_with_its_row_and_column(tmp_path: Path) -> None:
    """The not-reviewed file beside a reviewed file is read by report: without a household_id column it
    stopped with "lỗi ngoài dự kiến (KeyError: 'household_id')", an unreadable size was blamed on "<left>",
    and an unreadable status was read as no status at all (the household vanished from column 1)."""
    reviewed = tmp_path / "ho.reviewed.csv"
    _reviewed([{"household_id": "1", "status": "poor", "start_status": "poor"}]).to_csv(reviewed, index=False)
    sibling = tmp_path / "ho.not_reviewed.csv"
    line = "household_id,status,village,commune,province,household_size,in_file\n"
    cases = (
        ("status,village\npoor,Thôn 1\n", "dòng 1: thiếu cột household_id"),
        (line + "9,nghèo lắm,Thôn 1,Xã X,Tỉnh A,3,false\n", "dòng 2, cột status: 'nghèo lắm'"),
        (line + "9,poor,Thôn 1,Xã X,Tỉnh A,ba,false\n", "dòng 2, cột household_size: 'ba'"),
    )
    for text, said in cases:
        sibling.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "r.html")])
        assert result.exit_code == 2, result.output
        assert f"{sibling}: {said}" in result.output.replace("\n", "")


def test_eligible_sheet_says_the_day_it_is_drawn_up_for(reviewed_sample: Path) -> None:
    """`report --eligible-on 31/12/2028` draws the eligible list for that day, but its sheet said only the
    review's date: a list posted or sent on had no word of the day its households are eligible on."""
    openpyxl = pytest.importorskip("openpyxl")
    out = reviewed_sample.with_name("eligible_on.xlsx")
    args = ["report", str(reviewed_sample), "-o", str(out), "--eligible-on", "31/12/2028"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert "Danh sách tại ngày: 31/12/2028" in str(book["DS hộ được hưởng chính sách"]["A5"].value)
    assert "31/12/2028" not in str(book["Danh sách hộ nghèo"]["A5"].value)  # the village lists are the review's


def _commune_file(path: Path, commune: str, statuses: list[str]) -> Path:
    """A small household file of one commune: income and marks that give each of ``statuses``."""
    income = {"poor": 1_000_000, "near_poor": 1_000_000, "not_poor": 5_000_000}
    flags = [f"deprived_{i.id}" for i in RS.indicators]
    rows = []
    for n, status in enumerate(statuses, start=1):
        marks = {f: int(status == "poor" and k < 3) for k, f in enumerate(flags)}
        rows.append({"household_id": f"H{n}", "commune": commune, "village": "Thôn 1", "area": "rural",
                     "household_size": 3, "income_per_capita": income[status], **marks})  # fmt: skip
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def late_district(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """A district history (``_district_with_a_late_commune``) and its ``report --db --date DAY --format csv``
    folder of each 2025 review day, made once for the tests that only read them (the reports read the history,
    never write it)."""
    folder = tmp_path_factory.mktemp("late_district")
    db = _district_with_a_late_commune(folder)
    days = {}
    for day in ("2025-12-10", "2025-12-30"):
        out = folder / f"out_{day}"
        result = CliRunner().invoke(main, ["report", "--db", str(db), "--date", day, "--format", "csv", "-o", str(out)])
        assert result.exit_code == 0, result.output
        days[day] = out
    return db, days


def _district_with_a_late_commune(tmp_path: Path) -> Path:
    """A district history: Xã X and Xã Y reviewed on 10/12/2024, then Xã X on 10/12/2025 and Xã Y late, on
    30/12/2025."""
    db = tmp_path / "huyen.db"
    runner = CliRunner()
    reviews = (("Xã X", "2024-12-10", ["poor", "poor", "near_poor", "not_poor"]),
               ("Xã Y", "2024-12-10", ["poor", "near_poor", "near_poor"]),
               ("Xã X", "2025-12-10", ["poor", "near_poor", "near_poor", "not_poor"]),
               ("Xã Y", "2025-12-30", ["poor", "poor", "near_poor"]))  # fmt: skip
    for i, (commune, day, statuses) in enumerate(reviews):
        households = _commune_file(tmp_path / f"ho_{i}.csv", commune, statuses)
        result = runner.invoke(main, ["review", str(households), "--date", day, "--db", str(db), "-q"])
        assert result.exit_code == 0, result.output
    return db


def test_report_db_on_one_communes_date_leaves_the_other_communes_out(
    late_district: tuple[Path, dict[str, Path]],
) -> None:
    """A district history: Xã X and Xã Y reviewed on 10/12/2024, then Xã X on 10/12/2025 and Xã Y late, on
    30/12/2025. `report --db --date 2025-12-10` counted every household of Xã Y as gone (R2/R3 column 4,
    a subtotal row for Xã Y with no household) and `--date 2025-12-30` did so for Xã X: the district's
    totals lost a whole commune's poor. A report on a date covers the communes reviewed on it."""
    _, days = late_district
    for day, commune, start, end in (("2025-12-10", "Xã X", (2, 1), (1, 2)), ("2025-12-30", "Xã Y", (1, 2), (2, 1))):
        out = days[day]
        for form, first, last in (("r2", start[0], end[0]), ("r3", start[1], end[1])):
            with (out / f"{form}.csv").open(encoding="utf-8-sig", newline="") as handle:
                rows = [r for r in csv.DictReader(handle) if r["row"] == "households"]
            assert {r["commune"] for r in rows if r["level"] == "commune"} == {commune}, form
            total = next(r for r in rows if r["level"] == "total")
            assert (total["c1"], total["c4"], total["c9"]) == (str(first), "0", str(last)), (day, form)


def test_report_db_on_a_day_with_no_review_says_the_day_and_the_history_as_the_officer_writes_them(
    reviewed_sample: Path,
) -> None:
    """`report --db huyen.db --date 11/12/2026 --commune "Hưng Chính"` (no review that day) said the day as
    2026-12-11 in Vietnamese and sent the officer to 'poverty-rules history list', which without --db reads
    history.db, not the district's file."""
    db = reviewed_sample.with_name("h.db")
    out = reviewed_sample.with_name("none_that_day")
    runner = CliRunner()
    for extra, lang, said in (
        ([], "vi", f"không có kỳ rà soát nào ghi ngày 11/12/2026; xem 'poverty-rules history list --db {db}'"),
        (["--commune", "Hưng Chính"], "vi", "của xã 'Hưng Chính' ghi ngày 11/12/2026"),
        ([], "en", f"no review recorded on 2026-12-11; see 'poverty-rules history list --db {db}'"),
    ):
        args = ["report", "--db", str(db), "--date", "2026-12-11", *extra, "-o", str(out), "--lang", lang]
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and said in result.output.replace("\n", ""), result.output


@pytest.mark.parametrize(("lang", "said"), [("vi", "tệp vượt quá kích thước"), ("en", "larger than the system allows")])
def test_a_csv_report_the_system_stops_writing_leaves_no_half_folder(
    reviewed_sample: Path,
    sample_csv: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    said: str,
) -> None:
    """``report --format csv`` stopped by the system half way (a file size limit, a full disk) exited 2 yet
    left the forms it had written and part of the lists: a new folder half full, or an earlier report's
    folder with this report's forms beside the earlier lists. The files now appear together or not at all,
    and a folder the run made is removed again."""
    import errno

    from poverty_rules.reports import csv as report_csv

    real = report_csv.write_csv_atomic

    def too_large(table: object, path: Path, **kwargs: object) -> None:
        if Path(path).name == "poor.csv":
            raise OSError(errno.EFBIG, "File too large")
        real(table, path, **kwargs)  # type: ignore[arg-type]

    args = ["report", str(reviewed_sample), "--format", "csv", "--lang", lang]
    earlier = Path(shutil.copytree(sample_csv[0], tmp_path / "earlier"))  # an earlier report's folder
    before = {p: p.read_bytes() for p in earlier.rglob("*") if p.is_file()}
    (earlier / "r1.csv").write_bytes(b"earlier r1\n")
    before[earlier / "r1.csv"] = b"earlier r1\n"
    monkeypatch.setattr(report_csv, "write_csv_atomic", too_large)
    fresh = tmp_path / "new" / "report"
    for folder in (fresh, earlier):
        result = CliRunner().invoke(main, [*args, "-o", str(folder)])
        assert result.exit_code == 2 and said in result.output, result.output
    assert not (tmp_path / "new").exists()
    assert {p: p.read_bytes() for p in earlier.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_csv_report_into_the_folder_of_its_inputs_never_writes_over_them(
    reviewed_sample: Path, tmp_path: Path, lang: str
) -> None:
    """``report ... --targets bao_cao/targets.csv -o bao_cao --format csv`` wrote the targets it had read
    over the officer's targets file (the same name), and a reviewed file kept as ``bao_cao/r1.csv`` or a
    list's name in ``lists/`` was replaced by a form: exit 0, the input gone. An input the export would
    write over is now refused before any work (exit 2), naming it; an input of another name is read."""
    folder = tmp_path / "bao_cao"
    (folder / "lists").mkdir(parents=True)
    targets = folder / "targets.csv"
    targets.write_text("province,commune,village,target_poor_reduction\n,,,5\n", encoding="utf-8")
    kept = folder / "r1.csv"
    kept.write_bytes(reviewed_sample.read_bytes())
    listed = folder / "lists" / "poor.csv"
    listed.write_bytes(reviewed_sample.read_bytes())
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    for args, named in (
        ([str(reviewed_sample), "--targets", str(targets)], targets),
        ([str(kept)], kept),
        ([str(listed)], listed),
    ):
        result = CliRunner().invoke(main, ["report", *args, "-o", str(folder), "--format", "csv", "--lang", lang])
        assert result.exit_code == 2, result.output
        assert f"{named}: " in result.output, result.output
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    other = folder / "muc_tieu.csv"
    other.write_bytes(before[targets])
    result = CliRunner().invoke(
        main, ["report", str(reviewed_sample), "--targets", str(other), "-o", str(folder), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert other.read_bytes() == before[targets] and (folder / "targets.csv").read_bytes() != before[targets]


def test_the_report_workbook_is_an_ordinary_file_not_a_private_one(reviewed_sample: Path, tmp_path: Path) -> None:
    """``report -o bao_cao.xlsx`` put the workbook in place with its temporary file's mode, 0600 (mkstemp's):
    the colleagues sharing the folder could not open the report, while the page, the CSV export and every
    other output are ordinary files (0666 less the umask). The workbook is now one too."""
    import os

    out = tmp_path / "bao_cao.xlsx"
    umask = os.umask(0o022)
    os.umask(umask)
    result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask, oct(out.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao_cao.xlsx"]


def test_a_csv_report_into_an_earlier_reports_folder_holds_this_report_alone(
    reviewed_sample: Path, tmp_path: Path
) -> None:
    """``report --format csv -o bao_cao`` into the folder of an earlier report left that report's files it
    did not write again — its targets.csv when no --targets is given now, an r9.csv of a file with an
    ethnicity column — so a script reading bao_cao/*.csv mixed two reports. Those export files are now
    removed once the new report is in place; the officer's own files in the folder stay."""
    folder = tmp_path / "bao_cao"
    targets = tmp_path / "muc_tieu.csv"
    targets.write_text("province,commune,village,target_poor_reduction\n,,,5\n", encoding="utf-8")
    args = ["report", str(reviewed_sample), "-o", str(folder), "--format", "csv"]
    assert CliRunner().invoke(main, [*args, "--targets", str(targets)]).exit_code == 0
    assert (folder / "targets.csv").exists()
    (folder / "r9.csv").write_text('\ufeff"level","province","commune"\n"total","",""\n', encoding="utf-8")  # R9
    (folder / "ghi_chu.csv").write_text("the officer's note\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert not (folder / "targets.csv").exists() and not (folder / "r9.csv").exists()
    assert (folder / "ghi_chu.csv").read_text(encoding="utf-8") == "the officer's note\n"
    assert (folder / "r1.csv").exists() and (folder / "af.csv").exists() and (folder / "lists" / "poor.csv").exists()


def test_forms_and_lists_order_villages_as_a_vietnamese_dictionary(tmp_path: Path) -> None:
    """Villages came in code-point order: ``Thôn Đoài`` after ``Thôn Trung`` (Đ is U+0110, after T),
    ``Thôn 10`` before ``Thôn 2``, ``Ấp Bắc`` after every other letter. Forms, lists and the workbook now
    follow the Vietnamese alphabet (a ă â b c d đ e ê …) and count a number as a number."""
    names = ["Thôn Trung", "Thôn Đoài", "Thôn 10", "Thôn 2", "Ấp Bắc", "Bản Ẳng", "Xóm Chợ"]
    frame = _reviewed([{"household_id": str(i), "village": v, "status": "poor"} for i, v in enumerate(names)])
    report = build_report(from_reviewed(frame, ruleset=RS))
    want = ["Ấp Bắc", "Bản Ẳng", "Thôn 2", "Thôn 10", "Thôn Đoài", "Thôn Trung", "Xóm Chợ"]
    r1 = report.forms[0].rows
    assert list(r1.loc[r1["level"] == "village", "village"]) == want
    poor = next(x for x in report.lists if x.id == "poor")
    assert list(poor.rows["village"]) == want
    from openpyxl import load_workbook

    sheet = load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))["R1"]
    assert [sheet.cell(r, 1).value for r in range(9, 9 + len(want))] == want


def test_r9_counts_a_poor_household_whose_ethnicity_is_blank(tmp_path: Path) -> None:
    """R9 dropped a poor or near-poor household whose ethnicity cell was blank: Kinh + minorities came to
    fewer households than R1's poor and near-poor, with no word of those left out. They are now in R9's
    last columns, "Chưa ghi dân tộc" (in the CSV export too), and the columns add up to R1."""
    rows = [("poor", "Kinh"), ("poor", ""), ("near_poor", "Tày"), ("near_poor", " "), ("not_poor", "")]
    frame = _reviewed([{"household_id": str(i), "status": s, "ethnicity": e} for i, (s, e) in enumerate(rows)])
    report = build_report(from_reviewed(frame, ruleset=RS))
    r9 = next(f for f in report.forms if f.id == "r9")
    assert [c.label["vi"] for c in r9.columns][-2:] == ["Chưa ghi dân tộc: Nghèo", "Chưa ghi dân tộc: Cận nghèo"]
    total = r9.rows[r9.rows["level"] == "total"].iloc[0]
    # Kinh poor, near; minorities poor, near; Tày poor, near; not recorded poor, near
    assert [total[f"c{n}"] for n in range(1, 9)] == [1, 0, 0, 1, 0, 1, 1, 1]
    write_csv(report, tmp_path)
    assert _read_list(tmp_path / "r9.csv")[-1]["c7"] == "1"
    # every household's ethnicity recorded: no such column
    named = _reviewed([{"household_id": "1", "status": "poor", "ethnicity": "Kinh"}])
    assert len(next(f for f in build_report(from_reviewed(named, ruleset=RS)).forms if f.id == "r9").columns) == 4


def test_r9_orders_ethnic_groups_as_a_vietnamese_dictionary() -> None:
    """R9's columns of each ethnic group came in code-point order: Thái before Tày (h before à), Ê Đê after
    every other group. They now follow the Vietnamese alphabet, as the villages do."""
    groups = ["Thái", "Tày", "Ê Đê", "Ba Na", "Mường"]
    frame = _reviewed([{"household_id": str(i), "status": "poor", "ethnicity": e} for i, e in enumerate(groups)])
    r9 = next(f for f in build_report(from_reviewed(frame, ruleset=RS)).forms if f.id == "r9")
    shown = [c.label["vi"].removesuffix(": Nghèo") for c in r9.columns[4::2]]
    assert shown == ["Ba Na", "Ê Đê", "Mường", "Tày", "Thái"]


def test_page_tables_name_their_column_and_row_headers(undetermined_pages: dict[str, str]) -> None:
    """The page's tables had bare ``<th>`` cells and every row's name in a ``<td>``: a screen reader read a
    rate without its column's or its village's name. Column headers now have ``scope="col"`` and each row
    is headed by its village, indicator or household head (``<th scope="row">``)."""
    pytest.importorskip("jinja2")
    import re

    html = undetermined_pages["vi"]
    heads = re.findall(r"<thead>(.*?)</thead>", html, flags=re.S)
    assert len(heads) >= 3
    assert all(re.findall(r"<th[ >]", h) and not re.findall(r"<th(?![^>]*scope=\"col\")[ >]", h) for h in heads)
    bodies = re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S)
    rows = [r for b in bodies for r in re.findall(r"<tr[^>]*>(.*?)</tr>", b, flags=re.S)]
    assert rows and all('<th scope="row">' in r for r in rows)
    assert re.search(r'<th scope="row"><a href="#[^"]+">Thôn 1</a></th>', html)
    assert re.search(r'<th scope="row">(<span class="code show-narrow">[^<]*</span>)?Cúc</th>', html)


def test_workbook_lists_begin_each_village_on_a_page_of_its_own(tmp_path: Path) -> None:
    """The lists to post (niêm yết) ran from one village into the next on the printed page: Thôn 2's list
    began under Thôn 1's last households, so no page could be posted in one village alone. Each village
    now begins on a page of its own (a page break above its heading row); the eligible list runs on."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"household_id": f"{v}{i}", "village": f"Thôn {v}", "status": "poor"} for v in (1, 2, 3) for i in (1, 2)]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    sheet = book[W.SHEET["poor"]["vi"]]
    headings = [r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 1).value or "").startswith("Thôn:")]
    assert len(headings) == 3
    assert [b.id for b in sheet.row_breaks.brk] == [h - 1 for h in headings[1:]]
    assert not book[W.SHEET["eligible"]["vi"]].row_breaks.brk


def test_workbook_sheets_are_named_in_vietnamese_with_their_marks() -> None:
    """Under --lang vi five sheets were named without Vietnamese marks — "Chi so AF", "Chi tieu" (also the
    printed title of the targets sheet), "R1 chuan dia phuong", "DS ngheo chuan dia phuong", "DS can ngheo
    chuan dia phuong" — among tabs written with them. Every Vietnamese sheet name now has its marks."""
    from poverty_rules.vocabulary.text import fold

    local = ("sheet", "sheet_local_poor", "sheet_local_near_poor")
    names = {k: W.SHEET[k]["vi"] for k in W.SHEET} | {k: W.LOCAL_REPORT[k]["vi"] for k in local}
    assert names["af"] == "Chỉ số AF" and names["targets"] == "Chỉ tiêu" and names["sheet"] == "R1 chuẩn địa phương"
    assert all(fold(n) != n.lower() for n in names.values()), names  # each has a mark (none is plain ASCII)


def test_workbook_targets_sheet_shows_counts_with_thousands_separators(tmp_path: Path) -> None:
    """The targets sheet wrote its household counts in Excel's General format — 1234 where every form shows
    1.234 (a district's start of 1,234 poor households) — and its column numbers without borders. Counts
    now have the forms' ``#,##0`` format, the rates keep ``0.00``."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed([{"household_id": str(i), "start_status": "poor", "status": "poor"} for i in range(3)])
    targets = pd.DataFrame([{"province": "Tỉnh A", "commune": "Xã X", "target_poor_reduction": "2"}])
    report = build_report(from_reviewed(frame, ruleset=RS), targets=read_targets(targets.astype(object), "t.csv"))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "t.xlsx"))[W.SHEET["targets"]["vi"]]
    header = [c.value for c in sheet[7]]
    row = {h: c for h, c in zip(header, sheet[9], strict=True)}
    for name in ("start", "end", "reduction", "target_poor_reduction"):
        cell = row[W.TARGET_COLUMN[name]["vi"]]
        assert isinstance(cell.value, int) and cell.number_format == "#,##0", name
    assert row[W.TARGET_COLUMN["start_rate"]["vi"]].number_format == "0.00"
    assert all(c.border.left.style == "thin" for c in sheet[8])


def test_workbook_unit_names_wrap_instead_of_being_cut_off(tmp_path: Path) -> None:
    """A unit's name longer than column A ("Cộng Thị trấn Nông trường Phong Hải", a targets row's "Thôn
    Đoài, Xã Tà Lèng, Tỉnh Lai Châu") was cut off on screen and on paper by the number beside it: the
    cells had no wrapping. The names in the forms, the targets and the AF sheets now wrap."""
    openpyxl = pytest.importorskip("openpyxl")
    commune = "Thị trấn Nông trường Phong Hải"
    frame = _reviewed([{"household_id": "1", "commune": commune, "village": "Tổ dân phố số 10", "status": "poor"}])
    targets = pd.DataFrame([{"province": "Tỉnh A", "commune": commune, "target_poor_reduction": "1"}])
    review = from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10))
    report = build_report(review, targets=read_targets(targets.astype(object), "t.csv"))
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    for name in ("R1", "R2", W.SHEET["targets"]["vi"], W.SHEET["af"]["vi"]):
        sheet = book[name]
        names = [c for c in sheet["A"][8:] if isinstance(c.value, str) and len(c.value) > 28 and c.border.left.style]
        assert names and all(c.alignment.wrap_text for c in names), name


def test_workbook_header_block_fits_a_long_commune_name(tmp_path: Path) -> None:
    """The header block's "ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN TRUNG TRỰC" was one cell overflowing to the right,
    cut off where "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" began (R8 of one group has five columns), and a title
    longer than its merged row (the local standard's R1) was cut after its first line. Each part is now
    centred over its columns, wrapped, its row as high as its lines need."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed(
        [{"household_id": "1", "commune": "Phường Nguyễn Trung Trực", "status": "poor", "female_head": "1"}]
    )
    book = openpyxl.load_workbook(write_xlsx(build_report(from_reviewed(frame, ruleset=RS)), tmp_path / "r.xlsx"))
    sheet = book["R8"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN TRUNG TRỰC"
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert {"A1:B1", "C1:E1", "C2:E2"} <= merged
    assert sheet["A1"].alignment.wrap_text and sheet["C1"].alignment.wrap_text
    assert (sheet.row_dimensions[1].height or 15) >= 30  # two lines of 11 points at least
    assert sheet["A4"].alignment.wrap_text and (sheet.row_dimensions[4].height or 0) >= 30  # R8's title: 2 lines


def test_page_heatmap_names_each_indicator_in_full(undetermined_pages: dict[str, str]) -> None:
    """The page's village × indicator chart cut its longest column names to 200 pixels: "Người phụ thuộc
    trong hộ gia …", "Diện tích nhà ở bình quân đầu …", "Phương tiện phục vụ tiếp cận t…" — the chart's only
    naming of its columns. Each indicator is now named in full."""
    pytest.importorskip("jinja2")
    import re

    html = undetermined_pages["vi"]
    figure = re.search(r'<figure class="chart" id="chart-heatmap".*?</figure>', html, flags=re.S)
    assert figure is not None
    labels = {ind.label.get("vi") for ind in RS.indicators}
    shown = set(re.findall(r"<text[^>]*>([^<]*)</text>", figure.group(0)))
    assert "…" not in "".join(shown)
    assert labels <= shown, labels - shown


def test_page_charts_have_their_numbers_as_tables(undetermined_pages: dict[str, str]) -> None:
    """A chart was an image named by its title alone: a screen reader (or a reader who cannot tell the
    colours apart) had no way to the per-village deprivation shares, the households per number of
    deprivations or the year's movements, which no other table of the page gives. Each chart now has its
    numbers in a table under it ("Số liệu của biểu đồ"), with column and row headers, Vietnamese numbers."""
    pytest.importorskip("jinja2")
    import re

    html = undetermined_pages["vi"]
    figures = dict(re.findall(r'<figure class="chart" id="chart-([a-z]+)".*?(<details.*?</details>)', html, re.S))
    assert {"rates", "heatmap", "counts"} <= set(figures)
    assert all(W.PAGE["chart_data"]["vi"] in d and '<th scope="row">' in d for d in figures.values())
    heat = figures["heatmap"]
    head = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', heat)
    row = re.search(r'<th scope="row">Thôn 1</th>(.*?)</tr>', heat, re.S)
    frame = _undetermined_review()
    share = 100 * frame["deprived"].fillna("").str.contains("dependency").sum() / len(frame)
    assert row is not None and head[0] == "Thôn"
    cells = dict(zip(head[1:], re.findall(r'<td class="n">([^<]*)</td>', row.group(1)), strict=True))
    assert cells["Người phụ thuộc trong hộ gia đình"] == f"{share:.1f}%".replace(".", ",")


def test_workbook_escaped_lists_have_no_empty_deprivations_column(tmp_path: Path) -> None:
    """The posted lists of households that escaped poverty or near-poverty had a "Các chỉ số thiếu hụt"
    column left empty on every row (docs/reports.md gives the deprivations for the poor and near-poor
    only), which read as data lost; those two lists now end with the status, the poor list keeps it."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed(
        [
            {"household_id": "1", "status": "poor", "deprived": "employment"},
            {"household_id": "2", "status": "not_poor", "transition": "escaped_poverty"},
            {"household_id": "3", "status": "not_poor", "transition": "escaped_near_poverty"},
        ]
    )
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)))
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    deprived = W.LIST_COLUMN["deprived"]["vi"]
    for name in ("escaped_poverty", "escaped_near_poverty"):
        header = [c.value for c in book[W.SHEET[name]["vi"]][7]]
        assert deprived not in header and header[-1] == W.LIST_COLUMN["status"]["vi"], header
    assert deprived in [c.value for c in book[W.SHEET["poor"]["vi"]][7]]


def test_workbook_af_sheet_repeats_no_data_row_on_its_printed_pages(tmp_path: Path) -> None:
    """The AF sheet printed its rows 8-9 on every page as if they were a form's header and column numbers:
    row 9 is its first village's data, and the first table's header stood over the indicator and k
    tables' rows. It now repeats no row, freezes its header alone, and starts each table on a page."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"household_id": str(i), "village": f"Thôn {i % 2}", "status": "poor", "deprived": ""} for i in range(4)]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))[W.SHEET["af"]["vi"]]
    assert sheet["A8"].value == W.FORM_COLUMN["unit"]["vi"] and sheet["A9"].value == "Thôn 0"
    assert not sheet.print_title_rows and sheet.freeze_panes == "B9"
    starts = [str(sheet.cell(b.id + 1, 1).value) for b in sheet.row_breaks.brk]
    assert [x.split(".")[0] for x in starts] == ["2", "3"]


def test_page_village_tables_name_each_rate_column_apart(undetermined_pages: dict[str, str]) -> None:
    """The village table headed both rate columns "Tỷ lệ": a screen reader said "Tỷ lệ, 23,88%" for the poor
    and the near-poor rate alike. Each is now named for what it divides ("Tỷ lệ (Hộ nghèo)")."""
    pytest.importorskip("jinja2")
    import re

    html = undetermined_pages["vi"]
    head = re.search(r'<table id="villages"[^>]*>\s*<thead>(.*?)</thead>', html, re.S)
    assert head is not None
    cells = re.findall(r'<th scope="col"([^>]*)>([^<]*)</th>', head.group(1))
    names = [(re.findall(r'aria-label="([^"]*)"', attrs) or [text])[0] for attrs, text in cells]
    assert len(names) == len(set(names)) == 6, names
    assert f"{W.PAGE['rate']['vi']} ({W.PAGE['near_poor']['vi']})" in names


def test_report_reads_a_labelled_classified_workbook_as_its_csv(tmp_path: Path) -> None:
    """classify -o x.xlsx heads its workbook in Vietnamese (Phân loại = Hộ nghèo, Các chỉ số thiếu hụt =
    Việc làm, Nhà tiêu hợp vệ sinh …): report of it said "dòng 1: thiếu cột status". It now reads the labels
    back, and its forms and lists are byte for byte those of the same run's CSV."""
    pytest.importorskip("openpyxl")
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    households = tmp_path / "ho.csv"
    households.write_text("".join(lines[:301]), encoding="utf-8")
    exports = []
    for name in ("x.xlsx", "x.csv"):
        done = CliRunner().invoke(
            main, ["classify", str(households), "-o", str(tmp_path / name), "--as-of", "2025-12-01"]
        )
        assert done.exit_code in (0, 1), done.output
        folder = tmp_path / f"out_{name.replace('.', '_')}"  # a folder: no file extension
        result = CliRunner().invoke(main, ["report", str(tmp_path / name), "-o", str(folder), "--format", "csv"])
        assert result.exit_code == 0, result.output
        exports.append({p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.csv"))})
    assert exports[0] == exports[1] and len(exports[0]) > 8


def test_labelled_table_gives_the_forms_of_its_ids_and_names_an_unknown_label() -> None:
    """pr.report_forms / pr.af_measures of a labelled table (vi or en: statuses, movements, deprivations
    by name, dd/mm/yyyy days) give what the table of ids gives; a label that names nothing is an error
    naming the row, the column as written and the value."""
    import poverty_rules as pr
    from poverty_rules.errors import ReportError
    from poverty_rules.results.labels import label_results

    rows = [
        {"household_id": "1", "status": "poor", "deprived": "employment;nutrition", "transition": "unchanged"},
        {"household_id": "2", "status": "near_poor", "deprived": "water", "transition": "relapsed_near_poor"},
        {"household_id": "3", "status": "not_poor", "deprived": "", "transition": "escaped_poverty"},
        {"household_id": "4", "status": "average", "deprived": "telecom", "transition": "newly_poor"},
    ]
    ids = _reviewed(rows).assign(ruleset="vn-2022-2026@2025.02", eligible_until=["", "", "2028-12-31", ""])
    want = pr.report_forms(ids)
    for lang in ("vi", "en"):
        labelled = label_results(ids, RS, lang)
        assert "status" not in labelled.columns
        got = pr.report_forms(labelled)
        assert all(got[k].rows.equals(want[k].rows) for k in want), lang
        assert pr.af_measures(labelled).equals(pr.af_measures(ids))
    bad = label_results(ids, RS, "vi")
    bad.loc[2, "Các chỉ số thiếu hụt"] = "Việc làm, Nước sạch"
    with pytest.raises(ReportError) as info:
        pr.report_forms(bad, lang="en")
    assert "row 4, column Các chỉ số thiếu hụt: 'Việc làm, Nước sạch'" in str(info.value)
    bad = label_results(ids, RS, "en")
    bad.loc[1, "Status"] = "Poorish"
    with pytest.raises(ReportError, match="row 3, column Status: 'Poorish'"):
        pr.report_forms(bad, lang="en")


def _contrast_on_white(color: str) -> float:
    """WCAG 2 contrast ratio of ``#rrggbb`` against white."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 1.05 / (0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] + 0.05)


def _seen_by(color: str, matrix: list[list[float]]) -> tuple[float, float, float]:
    """CIELAB of ``color`` as a reader whose cones ``matrix`` simulates sees it (Machado 2009, severity 1)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    rgb = [min(max(sum(m * c for m, c in zip(row, lin, strict=True)), 0.0), 1.0) for row in matrix]
    xyz = [
        (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047,
        0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2],
        (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883,
    ]
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


#: Machado, Oliveira and Fernandes (2009)'s matrices simulating the three colour-blindnesses (severity 1): what
#: the page's colours look like to a reader with each (``_seen_by``'s ``matrix``).
_MACHADO = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]
    ],
}  # fmt: skip


def test_page_status_colours_stand_out_on_white_and_for_colour_blind_readers(sample_page: str) -> None:
    """The page's near-poor orange #e08e0b was 2.6:1 against white, the average yellow 1.5:1 and the not-poor
    light blue 1.7:1 (WCAG 1.4.11 asks 3:1 of a chart's marks); every status colour now is, each pair stays
    apart under protanopia, deuteranopia and tritanopia, and the page's cards use the same palette."""
    from poverty_rules.reports.charts import STATUS_COLORS

    seen = {"normal": [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], **_MACHADO}
    assert set(STATUS_COLORS) == {"poor", "near_poor", "average", "not_poor", "undetermined"}
    for status, color in STATUS_COLORS.items():
        assert _contrast_on_white(color) >= 3.0, (status, color)
    for reader, matrix in seen.items():
        lab = {s: _seen_by(c, matrix) for s, c in STATUS_COLORS.items()}
        for a, b in [(a, b) for a in lab for b in lab if a < b]:
            assert math.dist(lab[a], lab[b]) >= 15, (reader, a, b)
    html = sample_page
    for color in ("#e08e0b", "#f4d03f", "#a9cce3", "#bbbbbb", "#c0392b"):
        assert color not in html.lower()
    assert f"--poor: {STATUS_COLORS['poor']}; --near: {STATUS_COLORS['near_poor']};" in html
    fills = {c.lower() for c in re.findall(r'fill="(#[0-9a-fA-F]{6})"', html)}
    assert {STATUS_COLORS["poor"], STATUS_COLORS["near_poor"]} <= fills


def test_a_count_of_one_is_said_in_the_singular(tmp_path: Path) -> None:
    """The page said "1 households with an unknown indicator are left out of the AF measures", the note on a
    form with one blank deprivation column "(1 columns)", history show "wrote the 1 households", and a
    review "1 households recorded at the last review are recorded as gone": one is now said in the singular."""
    flags = {ind.column: "0" for ind in RS.indicators}
    rows: list[dict[str, object]] = [{"household_id": "0", "status": "not_poor", **flags, "deprived_telecom": ""}]
    rows += [{"household_id": str(i), "status": "not_poor", **flags} for i in range(1, 3)]
    reviewed = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(ruleset="vn-2022-2026", review_date="2024-12-10").to_csv(reviewed, index=False)
    page = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(page), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "1 household with an unknown indicator left out of the AF measures" in page.read_text(encoding="utf-8")
    assert "(1 column)" in W.msg("n_all_blank", "en", file="f", count=1)
    assert "wrote the 1 household of review 3" in W.msg("h_show_written", "en", file="f", count=1, id=3)
    gone = W.msg("rv_absent_villages", "en", file="f", villages="Thôn 2", count=1, db="h.db")
    assert "1 household recorded at the last review now recorded as gone" in gone
    assert "2 households recorded" in W.msg("rv_absent_villages", "en", file="f", villages="T", count=2, db="h")


def test_the_national_figures_of_the_standard_hold_for_a_total_of_households() -> None:
    """docs/standard.md §6, the two rows without a total of households, which no test read: Vietnam 2024
    (599,608 poor = 1.93%; poor + near-poor 1,258,997 = 4.06%) and Vietnam 2022 (4.03% poor, 3.49%
    near-poor, 7.52% both). 2024: both published rates are this engine's half-up rates of one total, any
    total from 30,987,494 to 31,048,014 households (one household fewer or more breaks one of them), and
    'tỷ lệ nghèo đa chiều' is the rate of poor + near-poor counted together. 2022: the 7.52% is a rate of
    its own counts — with 4.03% and 3.49% the counts may give 7.52% or 7.53%, so it is never the sum of
    the rounded rates."""
    poor, both = 599_608, 1_258_997
    lowest, highest = 30_987_494, 31_048_014
    for total in (lowest, 31_000_000, highest):
        assert (rate(poor, total), rate(both, total)) == (Decimal("1.93"), Decimal("4.06")), total
    assert rate(poor, lowest - 1) == Decimal("1.94") and rate(both, highest + 1) == Decimal("4.05")
    # 2022: two splits of the same rounded rates, whose poor + near-poor rates differ
    for total, poor_2022, near_2022, together in ((10_000, 403, 349, "7.52"), (1_000_000, 40_349, 34_949, "7.53")):
        assert (rate(poor_2022, total), rate(near_2022, total)) == (Decimal("4.03"), Decimal("3.49"))
        assert rate(poor_2022 + near_2022, total) == Decimal(together)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_report_db_year_gives_one_district_report_with_a_late_commune(
    late_district: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    """A district whose Xã Y was reviewed late (30/12/2025, Xã X on 10/12/2025) had no report of its year:
    `report --db --date` takes one day, and each day's report leaves the other commune out. `--year 2025`
    now reports each commune's last review of the year, each from its own start: its commune rows are those
    of the commune's own day, the totals add them up, and the header says both days."""
    openpyxl = pytest.importorskip("openpyxl")
    db, days = late_district
    runner = CliRunner()
    year = tmp_path / "year"
    result = runner.invoke(main, ["report", "--db", str(db), "--year", "2025", "--format", "csv", "-o", str(year)])
    assert result.exit_code == 0, result.output
    for day, commune in (("2025-12-10", "Xã X"), ("2025-12-30", "Xã Y")):
        out = days[day]
        for form in ("r1", "r2", "r3", "r4"):
            own = [r for r in _csv_rows(out / f"{form}.csv") if r["level"] == "commune"]
            in_year = [r for r in _csv_rows(year / f"{form}.csv") if (r["commune"], r["level"]) == (commune, "commune")]
            assert own == in_year, (form, commune)
    r2 = [r for r in _csv_rows(year / "r2.csv") if r["level"] == "total" and r["row"] == "households"][0]
    assert (r2["c1"], r2["c2"], r2["c4"], r2["c5"], r2["c9"]) == ("3", "1", "0", "1", "3")
    r1 = [r for r in _csv_rows(year / "r1.csv") if r["level"] == "total"][0]
    assert (r1["c1"], r1["c3"], r1["c4"]) == ("7", "3", "42.86")
    book = tmp_path / "year.xlsx"
    result = runner.invoke(main, ["report", "--db", str(db), "--year", "2025", "-o", str(book)])
    assert result.exit_code == 0, result.output
    assert "Ngày rà soát: 10/12/2025, 30/12/2025" in str(openpyxl.load_workbook(book)["R1"]["A5"].value)
    for args, said in ((["--year", "2023"], "không có kỳ rà soát nào trong năm 2023"),
                       (["--year", "2025", "--date", "2025-12-10"], "--date và --year: chỉ dùng một")):  # fmt: skip
        result = runner.invoke(main, ["report", "--db", str(db), *args, "-o", str(tmp_path / "x.xlsx")])
        assert result.exit_code == 2 and said in result.output, result.output


def test_a_district_report_names_its_unit_and_the_communes_it_covers(tmp_path: Path) -> None:
    """A report of a district's file (two communes of one province) began 'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN'
    with no word of which communes it covers, and the page named the first three communes and left the
    others out; `--unit-name "Huyện Nghi Lộc"` now names the district in every sheet's header, a line under
    the title names every commune covered (sheets and page), and a one-commune report has no such line."""
    openpyxl = pytest.importorskip("openpyxl")
    flags = {ind.column: "1" for ind in RS.indicators}
    rows = [
        {"household_id": str(i), "status": "poor", "province": "Tỉnh Nghệ An", "commune": f"Xã {name}",
         "village": "Thôn 1", **flags}
        for i, name in enumerate(["Nghi Ân", "Nghi Đức", "Nghi Kim", "Nghi Liên", "Hưng Chính"])
    ]  # fmt: skip
    reviewed = tmp_path / "huyen.reviewed.csv"
    _reviewed(rows).assign(ruleset="vn-2022-2026", review_date="2025-12-10").to_csv(reviewed, index=False)
    runner = CliRunner()
    book = tmp_path / "huyen.xlsx"
    result = runner.invoke(main, ["report", str(reviewed), "-o", str(book), "--unit-name", "Huyện Nghi Lộc"])
    assert result.exit_code == 0, result.output
    sheets = openpyxl.load_workbook(book)
    covers = "Gồm 5 xã: Xã Hưng Chính, Xã Nghi Ân, Xã Nghi Đức, Xã Nghi Kim, Xã Nghi Liên"
    posted = ("Danh sách hộ nghèo",)  # each village's list is headed by its own commune's committee
    for name in sheets.sheetnames:
        if name not in posted:
            assert sheets[name]["A1"].value == "ỦY BAN NHÂN DÂN HUYỆN NGHI LỘC", name
    assert sheets["Danh sách hộ nghèo"]["A1"].value == "ỦY BAN NHÂN DÂN XÃ HƯNG CHÍNH"
    for name in ("R1", "R2", "DS hộ được hưởng chính sách"):
        assert sheets[name]["A6"].value == covers, name
    assert sheets["R1"]["A8"].value == "Đơn vị" and sheets["R1"]["B9"].value == 1  # the table below the line
    page = tmp_path / "huyen.html"
    result = runner.invoke(main, ["report", str(reviewed), "-o", str(page), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Covering 5 communes: Xã Hưng Chính, Xã Nghi Ân, Xã Nghi Đức, Xã Nghi Kim, Xã Nghi Liên" in page.read_text(
        encoding="utf-8"
    )
    one = tmp_path / "one.reviewed.csv"
    _reviewed(rows[:1]).assign(ruleset="vn-2022-2026", review_date="2025-12-10").to_csv(one, index=False)
    assert runner.invoke(main, ["report", str(one), "-o", str(tmp_path / "one.xlsx")]).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "one.xlsx")["R1"]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN XÃ NGHI ÂN" and sheet["A6"].value is None


def test_workbook_forms_and_lists_end_with_the_signature_block(tmp_path: Path) -> None:
    """The forms and the lists to post ended at their last row: no place and date line, no 'Người lập biểu'
    and no 'TM. Ủy ban nhân dân / Chủ tịch' to sign and seal, where the official forms end with them, so
    the printed report could not be signed. Every form and every village's list (each posted apart) now ends
    with that block, dated at the commune ('Hưng Chính, ngày …… tháng …… năm 2025'); in English too."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"household_id": f"{v}{i}", "village": f"Thôn {v}", "status": "poor", "commune": "Xã Hưng Chính"}
            for v in (1, 2) for i in (1, 2)]  # fmt: skip
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    for lang, words in (
        ("vi", ["Hưng Chính, ngày …… tháng …… năm 2025", "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (
            "en",
            ["Hưng Chính, day …… month …… 2025", "PREPARED BY", "ON BEHALF OF THE PEOPLE'S COMMITTEE", "CHAIRPERSON"],
        ),  # noqa: E501
    ):
        book = openpyxl.load_workbook(write_xlsx(build_report(review, lang=lang), tmp_path / f"{lang}.xlsx"))
        for name in [*(form.upper() for form in ("r1", "r2", "r3", "r4", "r5", "r6", "r7")), W.SHEET["poor"][lang]]:
            sheet = book[name]
            cells = [[str(c.value) for c in row if c.value is not None] for row in sheet.iter_rows()]
            texts = [t for row in cells for t in row]
            signed = [i for i, row in enumerate(cells) if words[1] in row]
            assert len(signed) == (2 if name == W.SHEET["poor"][lang] else 1), (lang, name)  # each village's
            last = signed[-1]
            assert cells[last] == [words[1], words[2]] and words[3] in cells[last + 1], (lang, name)
            assert cells[last - 1] == [words[0]] and texts.count(words[0]) == len(signed), (lang, name)


def _contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_page_chart_colours_of_dimensions_heat_map_and_sweep_stand_out_on_white(sample_page: str) -> None:
    """The dimensions' cyan, pink and olive were 2.0–2.7:1 against the white page, the heat map's lowest
    share near white (1.05:1: a 0 % cell looked like no cell) and the k-sweep's orange line 2.4:1 (WCAG 1.4.11
    asks 3:1 of a chart's marks). Every mark's colour is now at least 3:1, the dimensions stay apart for
    colour-blind readers, and each heat-map cell's number is black or white at 4.5:1 against its cell."""
    from poverty_rules.reports.charts import DIMENSION_COLORS, HEAT_RANGE, SWEEP_COLORS, _heat_ink

    for color in (*DIMENSION_COLORS, *SWEEP_COLORS, *HEAT_RANGE):
        assert _contrast(color, "#ffffff") >= 3.0, color
    machado = _MACHADO
    for matrix in machado.values():
        lab = [_seen_by(c, matrix) for c in DIMENSION_COLORS[:6]]
        assert min(math.dist(a, b) for i, a in enumerate(lab) for b in lab[i + 1 :]) >= 15
    low, high = ([int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in HEAT_RANGE)
    for step in range(101):
        cell = "#" + "".join(f"{round(a + (b - a) * step / 100):02x}" for a, b in zip(low, high, strict=True))
        assert _contrast(_heat_ink(step / 100), cell) >= 4.5, cell
    html = sample_page
    marks = re.findall(r'<path[^>]*fill="(#[0-9a-fA-F]{6}|rgb\(\d+, \d+, \d+\))"', html)
    colors = {m if m.startswith("#") else "#" + "".join(f"{int(x):02x}" for x in re.findall(r"\d+", m)) for m in marks}
    colors -= {"#ffffff", "#000000"}  # the heat map's numbers, read on their cells
    assert {c.lower() for c in DIMENSION_COLORS[:6]} <= {c.lower() for c in colors}
    for color in colors:
        assert _contrast(color, "#ffffff") >= 3.0, color


def test_a_province_report_counts_its_communes_in_a_row_excel_can_hold(tmp_path: Path) -> None:
    """The line under a report's title named every commune it covers: a province's 45 communes (hundreds in a
    real one) made a line of names whose row was taller than Excel's highest row (409 points). A report of
    more than 40 communes now says how many (each is named by its own rows), and no header row is set taller
    than Excel allows."""
    openpyxl = pytest.importorskip("openpyxl")
    flags = {ind.column: "0" for ind in RS.indicators}
    # 125 communes: named, their line would need a row of 433 points, past Excel's 409, as a province's hundreds
    # did (300 took seconds more of forms and lists to write and said no more)
    rows = [{"household_id": str(i), "status": "not_poor", "province": "Tỉnh Nghệ An",
             "commune": f"Xã Nghi Phong Thịnh Vượng Số {i}", "village": "Thôn 1", **flags}
            for i in range(125)]  # fmt: skip
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    assert report.coverage() == "Gồm 125 xã"
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "tinh.xlsx"))["R1"]
    assert sheet["A6"].value == "Gồm 125 xã"
    assert all((d.height or 0) <= 409 for d in sheet.row_dimensions.values())
    # the line is the review's alone: the page's report (R1, no list) has it as the whole report does
    named = build_report(from_reviewed(_reviewed(rows[:40]), ruleset=RS, review_date=date(2025, 12, 10)), page=True)
    assert named.coverage().startswith("Gồm 40 xã: Xã Nghi Phong Thịnh Vượng Số 0, ")


def test_report_help_says_the_history_is_read_by_date_or_by_year() -> None:
    """report --help said a report from the history takes --db and --date, and showed no district example:
    an officer of a district with a late commune could not learn of --year and --unit-name there."""
    said = CliRunner().invoke(main, ["report", "--help"]).output
    assert "(--db, --date hoặc --year)" in said and "(--db, --date or --year)" in said
    assert '--year 2026 --unit-name "Huyện Nghi Lộc"' in said


def test_the_written_line_of_a_page_says_what_the_page_holds(tmp_path: Path) -> None:
    """report -o bao_cao.html said '(html: 7 biểu, 5 danh sách)': the page holds none of the forms R2–R7
    (it has R1's village table, charts, the AF measures and each village's households), so an officer
    looked in it for forms that are in the workbook only. It now says what the page holds, of how many
    villages."""
    flags = {ind.column: "0" for ind in RS.indicators}
    rows = [{"household_id": f"{v}{i}", "village": f"Thôn {v}", "status": "not_poor", **flags}
            for v in (1, 2) for i in (1, 2)]  # fmt: skip
    reviewed = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(ruleset="vn-2022-2026", review_date="2025-12-10").to_csv(reviewed, index=False)
    words = (("vi", "(html: trang báo cáo của 2 thôn: bảng theo thôn, biểu đồ, chỉ số AF, danh sách hộ"),
             ("en", "(html: the report page of 2 villages: the village table, charts, AF measures"))  # fmt: skip
    for lang, said in words:
        result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "p.html"), "--lang", lang])
        assert result.exit_code == 0, result.output
        text = result.output.replace("\n", "")
        assert said in text and "biểu," not in text and "forms" not in text, text
    assert "the report page of 1 village:" in W.msg("rep_written_page", "en", file="p.html", count=1)


def test_report_of_a_classified_file_with_escapes_says_why_it_has_no_date(tmp_path: Path) -> None:
    """report of a classify output whose households escaped poverty (previous_status poor, now not poor) said
    the file has 'no escape this year' / 'không có hộ thoát nghèo năm nay' — it has; what it lacks is a
    review_date or recognized_on column. The note now says that, and still asks for --date."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,area,income_per_capita,previous_status\nH1,rural,9000000,poor\nH2,rural,9000000,not_poor\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(main, ["classify", str(households), "--as-of", "2025-12-01", "-q"])
    assert run.exit_code == 0, run.output
    classified = tmp_path / "ho.classified.csv"
    assert "escaped_poverty" in classified.read_text(encoding="utf-8-sig")
    for lang, wrong, right in (
        ("vi", "không có hộ thoát nghèo năm nay", "cột recognized_on"),
        ("en", "no escape this year", "recognized_on column"),
    ):
        out = tmp_path / f"bc_{lang}.xlsx"
        result = CliRunner().invoke(main, ["report", str(classified), "-o", str(out), "--lang", lang])
        said = " ".join(result.output.split())
        assert result.exit_code == 0 and right in said and wrong not in said and "--date" in said, said


def test_a_report_open_in_excel_is_refused_before_the_work(reviewed_sample: Path, tmp_path: Path) -> None:
    """report -o bao_cao.xlsx while last night's bao_cao.xlsx was still open in Excel (Windows locks it):
    the forms were all built before the rename failed. Such a file is now refused before any work, naming
    it, in --lang, exit 2, and left as it was."""
    import errno
    import os

    book = tmp_path / "bao_cao.xlsx"
    book.write_bytes(b"open in Excel")
    opening = os.open

    def refused(path: object, flags: int, *rest: object) -> int:
        if str(path) == str(book) and flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return opening(path, flags, *rest)  # type: ignore[arg-type]

    import poverty_rules.cli.report as report_cli

    for lang, said in (("vi", "đang mở trong một chương trình khác (Excel)"), ("en", "open in another program")):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "open", refused)
            patch.setattr(report_cli, "from_reviewed", lambda *a, **k: pytest.fail("the report was built"))
            result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", str(book), "--lang", lang])
        text = result.output.replace("\n", "")
        assert result.exit_code == 2 and said in text and str(book) in text, result.output
        assert book.read_bytes() == b"open in Excel"


def test_an_export_whose_list_is_open_in_excel_is_refused_before_the_work(
    reviewed_sample: Path, sample_csv: tuple[Path, str], tmp_path: Path
) -> None:
    """report --format csv -o bao_cao/ while last night's bao_cao/lists/poor.csv was open in Excel (Windows
    locks it): the export's files were put in place one by one until that one, leaving the folder half this
    report and half the last (r1.csv new, lists/poor.csv old). Such a file is now refused before any work,
    naming it, in --lang, exit 2, every file of the folder as it was."""
    import errno
    import os

    folder = Path(shutil.copytree(sample_csv[0], tmp_path / "bao_cao"))  # last night's export
    locked = folder / "lists" / "poor.csv"
    before = {p: p.read_bytes() for p in folder.rglob("*.csv")}
    (folder / "r1.csv").write_bytes(b"last night's")
    before[folder / "r1.csv"] = b"last night's"
    opening = os.open

    def refused(path: object, flags: int, *rest: object) -> int:
        if str(path) == str(locked) and flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return opening(path, flags, *rest)  # type: ignore[arg-type]

    for lang, said in (("vi", "đang mở trong một chương trình khác (Excel)"), ("en", "open in another program")):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(os, "open", refused)
            args = ["report", str(reviewed_sample), "-o", str(folder), "--format", "csv", "--lang", lang]
            result = CliRunner().invoke(main, args)
        text = result.output.replace("\n", "")
        assert result.exit_code == 2 and said in text and str(locked) in text, result.output
        assert {p: p.read_bytes() for p in folder.rglob("*.csv")} == before


def test_a_reviewed_file_copied_without_its_not_reviewed_file_says_what_the_forms_miss(tmp_path: Path) -> None:
    """report ho_2026.reviewed.csv copied alone to a USB stick (its ho_2026.not_reviewed.csv left behind): the
    households of the last review gone this year were silently not counted — R2/R3 column 1 one poor household
    short of last year's column 9, column 4 empty — and nothing said so. The report now says which file is
    missing, what the forms then miss, and to copy it or report from the history; a first review (nothing to
    start from) and a file with its not-reviewed file say nothing of it."""
    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)[:31]
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text("".join(lines), encoding="utf-8")
    year2.write_text("".join(line for line in lines if "HC-01-0023" not in line), encoding="utf-8")  # the poor one
    db = tmp_path / "h.db"
    for path, day in ((year1, "10/12/2025"), (year2, "10/12/2026")):
        ran = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-q"])
        assert ran.exit_code in (0, 1), ran.output
    usb = tmp_path / "usb"
    usb.mkdir()
    alone = Path(shutil.copy(tmp_path / "ho_2026.reviewed.csv", usb))
    for lang, said in (("vi", "không thấy tệp ho_2026.not_reviewed.csv"), ("en", "no ho_2026.not_reviewed.csv")):
        args = ["report", str(alone), "-o", str(usb / f"bc_{lang}"), "--format", "csv", "--lang", lang]
        result = CliRunner().invoke(main, args)
        text = result.output.replace("\n", "")
        assert result.exit_code == 0 and said in text and "report --db" in text, result.output
    for reviewed in (tmp_path / "ho_2026.reviewed.csv", tmp_path / "ho_2025.reviewed.csv"):
        out = tmp_path / f"bc_{reviewed.name[3:7]}.xlsx"
        result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(out)])
        assert result.exit_code == 0 and "not_reviewed" not in result.output, result.output


@pytest.mark.parametrize("extra", [["--dask", "local", "--format", "csv"], []])
def test_report_says_a_remote_address_is_read_through_the_library(tmp_path: Path, extra: list[str]) -> None:
    """report s3://bucket/classified/ --dask local said 's3:/bucket/classified: no such file or folder' (the
    address mangled to one '/', no hint; without --dask 'file not found'); it now names the address as given
    and says to download it or hand it to the library through Dask with report's own call
    (pr.report_forms(dd.read_parquet(…))), in --lang, exit 2, before anything is written."""
    for lang, words in (("en", "a remote storage address"), ("vi", "đây là địa chỉ kho dữ liệu từ xa")):
        out = tmp_path / f"out_{lang}"
        args = ["report", "s3://bucket/classified/", "-o", str(out), *extra, "--lang", lang]
        result = CliRunner().invoke(main, args)
        text = result.output.replace("\n", "")
        assert result.exit_code == 2, result.output
        assert text.split(": ", 1)[1].startswith(f"s3://bucket/classified: {words}"), result.output
        assert "pr.report_forms(dd.read_parquet(" in text and "pr.classify_table" not in text, result.output
        assert not out.exists()


def test_page_charts_name_same_named_villages_of_two_communes_apart(tmp_path: Path) -> None:
    """A district's page: the villages "Thôn Đông Thượng Phía Trong" of Xã Hưng Chính and of Xã Nghi Ân were
    both drawn as "Thôn Đông Thượng Phía Trong …" on the charts' axes (labels cut at 200 px, the commune lost),
    so no one could tell which bar, heat-map row or contribution was which commune's. Every chart now names a
    village whole, its commune with it, as the village table does."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    long = "Thôn Đông Thượng Phía Trong"
    deprived = "employment;nutrition;water;telecom"
    rows = [
        {"household_id": str(i), "commune": commune, "village": long, "status": status, "deprived": deprived}
        for commune in ("Xã Hưng Chính", "Xã Nghi Ân")
        for i, status in enumerate(("poor", "near_poor", "not_poor"))
    ]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    write_html_report(build_report(review, lang="vi"), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r'<figure class="chart" id="chart-([a-z]+)".*?(<svg.*?</svg>)', html, re.S))
    for key in ("rates", "heatmap", "contrib"):
        axis = re.findall(r"role-axis-label.*?</g>", figures[key], re.S)
        labels = {name for name in _axis_names("".join(axis)) if "Thôn" in name}
        assert labels == {_shown(f"{long} — Xã Hưng Chính"), _shown(f"{long} — Xã Nghi Ân")}, (key, labels)


def test_page_names_apart_the_villages_of_same_named_communes_of_two_provinces(tmp_path: Path) -> None:
    """Xã Hưng Chính of Tỉnh Nghệ An and Xã Hưng Chính of Tỉnh Hà Tĩnh in one report: the page named their
    villages by the village alone (one commune name: no commune said), so its village table, its household
    sections and its charts showed "Thôn 1" twice, and each chart drew both villages in one band, one bar over
    the other. Each village is now named with its commune and province where the commune's name alone does not
    tell it apart."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    rows = [
        {"household_id": str(i), "province": province, "commune": "Xã Hưng Chính", "status": status}
        for province in ("Tỉnh Nghệ An", "Tỉnh Hà Tĩnh")
        for i, status in enumerate(("poor", "near_poor", "not_poor"))
    ]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    write_html_report(build_report(review, lang="vi"), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    expected = ["Thôn 1 — Xã Hưng Chính, Tỉnh Hà Tĩnh", "Thôn 1 — Xã Hưng Chính, Tỉnh Nghệ An"]
    table = re.findall(r'<tr data-village="[^"]*"><th scope="row"><a href="#v\d+">([^<]*)</a>', html)
    assert sorted(table) == expected, table
    sections = re.findall(r'<section class="village" id="v\d+">\s*<h3[^>]*>([^<]*)<', html)
    assert sorted(h.strip() for h in sections) == expected
    rates = re.search(r'id="chart-rates".*?</svg>', html, re.S)
    assert rates is not None
    axis = "".join(re.findall(r"role-axis-label.*?</g>", rates.group(0), re.S))
    assert sorted(name for name in _axis_names(axis) if name.startswith("Thôn 1")) == sorted(map(_shown, expected))


def test_workbook_pages_say_what_they_are_whose_and_which_page(tmp_path: Path) -> None:
    """The header block and title are on a sheet's first printed page alone: the second page of a long R1,
    or a village's list posted on its own pages (Xóm Chợ after Thôn 1), printed with column heads and rows
    but no word of which form or list, of which commune or year, and no page number to put the pages back
    in order. Every sheet now prints its title, unit and year at the top of each page and "Trang 2/5" at
    the foot, in the report's language."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [
        {"household_id": str(i), "village": village, "status": "poor", "deprived": "employment"}
        for i, village in enumerate(("Thôn 1", "Xóm Chợ"))
    ]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    for lang, page in (("vi", "Trang &P/&N"), ("en", "Page &P of &N")):
        book = openpyxl.load_workbook(write_xlsx(build_report(review, lang=lang), tmp_path / f"r_{lang}.xlsx"))
        year = f"{W.FORM_HEADER['year'][lang]} 2025"
        for name, title in (("R2", f"R2. {W.FORM_TITLE['r2'][lang]}"), (W.SHEET["poor"][lang], W.SHEET["poor"][lang])):
            sheet = book[name]
            assert sheet.oddHeader.center.text == f"{title} — Xã X — {year}", sheet.oddHeader.center.text
            assert sheet.oddFooter.center.text == page
        assert all(sheet.oddFooter.center.text == page for sheet in book.worksheets)


def test_page_prints_its_title_place_and_page_number_on_every_page(tmp_path: Path) -> None:
    """The printed page said what it was and whose only at the top of its first sheet of paper: a village's
    households (each village starts a printed page) or the second page of the village table printed with no
    word of the report, the commune or the review, and no page number. Every printed page now has them in its
    margins (CSS page margin boxes), in the page's language, the names escaped so none can end the style."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    rows = [{"household_id": "1", "commune": 'Xã "Hưng" </style> Chính', "status": "poor", "deprived": "employment"}]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    for lang, page, when in (
        ("vi", '"Trang " counter(page) "/" counter(pages)', "Kỳ rà soát 10/12/2025"),
        ("en", '"Page " counter(page) " of " counter(pages)', "Review 2025-12-10"),
    ):
        write_html_report(build_report(review, lang=lang), tmp_path / f"p_{lang}.html")
        html = (tmp_path / f"p_{lang}.html").read_text(encoding="utf-8")
        style = html.split("<style>", 1)[1].split("</style>", 1)[0]
        head = re.search(r'@top-center \{ content: ("(?:[^"\\]|\\.)*");', style)
        assert head is not None, style
        shown = re.sub(r"\\3C ", "<", head.group(1)[1:-1]).replace('\\"', '"')
        assert shown == f'{W.PAGE["title"][lang]} — Xã "Hưng" </style> Chính · Tỉnh A — {when}', shown
        assert f"@bottom-center {{ content: {page};" in style


def test_workbook_list_with_no_household_says_so(tmp_path: Path) -> None:
    """A commune with no poor household (or no household that escaped near-poverty): its list sheet printed
    the title, the column heads and the signatures around an empty table, which the officer posting it could
    not tell from a list whose rows were lost. Such a list now says in a row that no household is on it, in
    the report's language; a list with households has no such row."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed([{"household_id": "1", "status": "near_poor", "deprived": "employment"}])
    review = from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10))
    for lang in ("vi", "en"):
        book = openpyxl.load_workbook(write_xlsx(build_report(review, lang=lang), tmp_path / f"r_{lang}.xlsx"))
        said = W.FORM_HEADER["empty_list"][lang]
        poor = [c.value for c in book[W.SHEET["poor"][lang]]["A"]]
        assert said in poor and poor.index(said) == poor.index(W.LIST_COLUMN["number"][lang]) + 2, poor
        assert said not in [c.value for c in book[W.SHEET["near_poor"][lang]]["A"]]


def test_report_refuses_an_eligible_list_drawn_up_before_its_review(reviewed_sample: Path) -> None:
    """`report ho.reviewed.csv --eligible-on 10/12/2025` of the review of 10/12/2026 (a year typed wrong)
    wrote the eligible list "Danh sách tại ngày: 10/12/2025" with the households this review recognized a year
    later, their support windows as of a day before they were decided, without a word. A day before the review
    is now refused, in --lang, exit 2, nothing written; the review's own day and any later day are drawn up."""
    words = {  # each date as its language writes dates (the English said 10/12/2026, day and month unclear)
        "vi": "--eligible-on 10/12/2025: ngày này trước ngày rà soát 10/12/2026",
        "en": "--eligible-on 2025-12-10: before the review's date, 2026-12-10",
    }
    for lang, said in words.items():
        out = reviewed_sample.with_name(f"early_{lang}")
        args = ["report", str(reviewed_sample), "-o", str(out), "--format", "csv", "--eligible-on", "10/12/2025"]
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2 and said in result.output.replace("\n", ""), result.output
        assert not out.exists()
    for day in ("10/12/2026", "31/12/2026"):
        out = reviewed_sample.with_name(f"on_{day[:2]}")
        args = ["report", str(reviewed_sample), "-o", str(out), "--format", "csv", "--eligible-on", day]
        assert CliRunner().invoke(main, args).exit_code == 0
        assert (out / "lists" / "eligible.csv").exists()


def test_a_reviewed_file_most_of_whose_first_households_are_undetermined_is_reported(tmp_path: Path) -> None:
    """A file without the deprivation marks (a commune's first file under a new standard): most households
    undetermined, each listing the twelve marks to collect (``deprived_employment;…;deprived_information_assets``).
    ``report`` of the reviewed file ``review`` had just written said "dòng 1: thiếu cột household_id": its first
    rows, read with ';', looked like a header of twelve known names heading rows as wide. A row whose cells hold
    quoted cells glued by another separator ('1,"Xã A",…') is now no header, and the file is read with its
    commas."""
    src = tmp_path / "ho.csv"
    src.write_text(
        "household_id,village,area,income_per_capita\n1,A,rural,1000000\n2,A,rural,9000000\n3,B,rural,1000000\n"
        "4,B,rural,1000000\n",
        encoding="utf-8",
    )
    review = ["review", str(src), "--date", "10/12/2026", "--db", str(tmp_path / "h.db"), "--commune", "X", "-q"]
    assert CliRunner().invoke(main, review).exit_code == 0
    result = CliRunner().invoke(main, ["report", str(tmp_path / "ho.reviewed.csv"), "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    r1 = pd.read_csv(tmp_path / "r" / "r1.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(r1.loc[r1["level"] == "village", "c1"]) == ["2", "2"]


def test_report_page_says_how_many_villages_it_shows_a_village_whose_households_all_left_included(
    tmp_path: Path,
) -> None:
    """A village none of whose households is in this year's file (all gone): the page shows it (a row of the
    village table with 0 households and blank rates, a section of its own, as R1 and R2 have it), but
    report said "trang báo cáo của 1 thôn" of a page of two villages. It now counts the villages the page
    shows."""
    pytest.importorskip("jinja2")
    header = "household_id,village,area,income_per_capita,deprived_employment,deprived_water,deprived_nutrition\n"
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text(header + "1,Thôn 1,rural,1000000,1,1,1\n2,Thôn 2,rural,1000000,1,1,1\n", encoding="utf-8")
    year2.write_text(header + "1,Thôn 1,rural,1000000,1,1,1\n", encoding="utf-8")
    db = tmp_path / "h.db"
    for path, day in ((year1, "10/12/2025"), (year2, "10/12/2026")):
        ran = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "--commune", "X", "-q"])
        assert ran.exit_code == 0, ran.output
    page = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(tmp_path / "ho_2026.reviewed.csv"), "-o", str(page)])
    assert result.exit_code == 0 and "trang báo cáo của 2 thôn" in result.output, result.output
    assert len(re.findall(r'<section class="village"', page.read_text(encoding="utf-8"))) == 2


def test_r8_counts_a_household_whose_ethnicity_names_a_minority_as_r9_does() -> None:
    """R8 read its ethnic-minority group only from an ``ethnic_minority`` column: a file naming each
    household's ethnicity (Thái, H'Mông) with that column blank or absent reported 0 minority poor
    households in R8 while R9 counted them. A blank cell (or no column) now follows the ethnicity as R9
    reads it (any group but Kinh); a cell that says yes or no is kept as written."""
    rows = [
        ("poor", "Thái", ""),
        ("poor", "Kinh", ""),
        ("near_poor", "H'Mông", ""),
        ("near_poor", "Tày", "0"),  # the officer's own no is kept
        ("poor", "", "1"),  # and so is a yes without an ethnicity
        ("not_poor", "Dao", ""),
    ]
    cells = [
        {"household_id": str(i), "status": s, "ethnicity": e, "ethnic_minority": m} for i, (s, e, m) in enumerate(rows)
    ]
    for frame in (_reviewed(cells), _reviewed(cells).drop(columns="ethnic_minority")):
        forms = {f.id: f for f in build_report(from_reviewed(frame, ruleset=RS)).forms}
        r8 = forms["r8"].rows
        total8 = r8[r8["level"] == "total"].iloc[0]
        r9 = forms["r9"].rows
        total9 = r9[r9["level"] == "total"].iloc[0]
        blank = "ethnic_minority" not in frame.columns
        # R8 ethnic minority: poor households, persons, near-poor households, persons
        expected = [1, 4, 2, 8] if blank else [2, 8, 1, 4]
        assert [total8[f"c{n}"] for n in range(1, 5)] == expected, blank
        assert [total9[f"c{n}"] for n in (3, 4)] == [1, 2]  # R9: minorities' poor, near-poor


def test_ethnicities_are_folded_once_each_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    """R8 and R9 fold each household's ethnicity ("Tày", "tày ", "TÀY" one group): the fold ran once a row in
    Python, and since R8 reads it too, twice a report (about a second a million households each). Each
    distinct spelling is folded once; the keys are unchanged, a missing one blank."""
    import unicodedata

    from poverty_rules.reports import frame as report_frame

    normalize = unicodedata.normalize
    calls: list[str] = []

    def counted(form: str, text: str) -> str:
        calls.append(text)
        return normalize(form, text)

    monkeypatch.setattr(unicodedata, "normalize", counted)
    values = pd.Series(["Tày", "tày ", "TÀY", None, "Kinh", "  dân  tộc Kinh", ""] * 500, dtype=object)
    keys, kinh = report_frame.ethnic_keys(values)
    assert len(calls) <= 7, len(calls)  # the distinct spellings, not the rows
    assert list(keys[:7]) == ["tày", "tày", "tày", "", "kinh", "dân tộc kinh", ""]
    assert list(kinh[:7]) == [False, False, False, False, True, True, False] and len(keys) == len(values)


def test_two_communes_of_one_name_each_with_its_code_are_two_rows_named_with_their_codes(tmp_path: Path) -> None:
    """A district's file holding Xã Tân Lập (Mã xã 03001) and another Xã Tân Lập (05007) of the same province
    was reported as one commune: one subtotal row adding both, their villages' households added into one
    "Thôn 1", their lists numbered as one, the header saying "Gồm 2 xã" of three. Each commune code is now a
    commune of its own, named with its code, in the forms, the lists, af.csv and the line under the title;
    a commune whose name no other code shares keeps its name alone."""
    rows = [
        {"household_id": "1", "status": "poor", "commune": "Xã Tân Lập", "commune_code": "03001"},
        {"household_id": "2", "status": "near_poor", "commune": "Xã Tân Lập", "commune_code": "03001"},
        {"household_id": "1", "status": "poor", "commune": "Xã Tân Lập", "commune_code": "05007"},
        {"household_id": "1", "status": "not_poor", "commune": "Xã Hòa Bình", "commune_code": "04002"},
    ]
    frame = _reviewed(rows).assign(province_code="25", previous_status="poor", deprived="employment")
    # every mark given (a file without flag columns has every mark unknown: no household in the AF measures)
    frame = frame.assign(**{ind.column: "0" for ind in RS.indicators}).assign(deprived_employment="1")
    left = pd.DataFrame(  # a household of 05007 recorded last review and gone: its commune's "other" decrease
        [
            {
                "household_id": "9",
                "status": "poor",
                "commune": "Xã Tân Lập",
                "province": "Tỉnh A",
                "village": "Thôn 1",
                "unit": "code|25|05007",
            }
        ]  # fmt: skip
    ).astype(object)
    report = build_report(from_reviewed(frame, left=left, ruleset=RS))
    forms = {form.id: form.rows for form in report.forms}
    communes = forms["r1"][forms["r1"]["level"] == "commune"]
    assert list(zip(communes["commune"], communes["c1"], communes["c3"], strict=True)) == [
        ("Xã Hòa Bình", 1, 0),
        ("Xã Tân Lập (03001)", 2, 1),
        ("Xã Tân Lập (05007)", 1, 1),
    ]
    r2 = forms["r2"][(forms["r2"]["level"] == "commune") & (forms["r2"]["row"] == "households")]
    assert list(zip(r2["commune"], r2["c1"], r2["c4"], r2["c9"], strict=True)) == [
        ("Xã Hòa Bình", 1, 0, 0),
        ("Xã Tân Lập (03001)", 2, 0, 1),
        ("Xã Tân Lập (05007)", 2, 1, 1),
    ]
    poor = next(lst for lst in report.lists if lst.id == "poor").rows
    assert list(zip(poor["commune"], poor["number"], strict=True)) == [
        ("Xã Tân Lập (03001)", 1),
        ("Xã Tân Lập (05007)", 1),
    ]
    assert report.coverage().startswith("Gồm 3 xã") and report.unit_name == "Tỉnh A"
    # through the command: af.csv counts each commune apart too
    path = tmp_path / "ho.reviewed.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--format", "csv", "--date", "10/12/2025"])
    assert result.exit_code == 0, result.output
    af = pd.read_csv(out / "af.csv", dtype=str, keep_default_na=False)
    n = af[(af["level"] == "commune") & (af["measure"] == "N") & (af["unit"] == "household") & (af["k"] == "1")]
    assert sorted(set(zip(n["commune"], n["value"].astype(float), strict=True))) == [
        ("Xã Hòa Bình", 1.0),
        ("Xã Tân Lập (03001)", 2.0),
        ("Xã Tân Lập (05007)", 1.0),
    ]


def test_workbook_lists_of_several_communes_are_headed_and_signed_by_each_communes_committee(tmp_path: Path) -> None:
    """A report of several communes headed every village's list to post with the province's committee
    ("ỦY BAN NHÂN DÂN TỈNH A") and dated it at the province ("A, ngày …"), though each village's list is
    posted and signed by its own commune. Each village's list now begins (on its own page) with its
    commune's header block, "ỦY BAN NHÂN DÂN XÃ HƯNG CHÍNH", the title, and its columns, and ends dated at
    that commune; the forms and the eligible list keep the report's unit; one commune's lists are as before."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [
        {"household_id": f"{c}{v}", "village": f"Thôn {v}", "status": "poor", "commune": f"Xã {name}"}
        for c, name in (("h", "Hưng Chính"), ("t", "Tà Lèng")) for v in (1, 2)
    ]  # fmt: skip
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    sheet = book[W.SHEET["poor"]["vi"]]
    cells = [[str(c.value) for c in row if c.value is not None] for row in sheet.iter_rows()]
    committees = [row[0] for row in cells if row and row[0].startswith("ỦY BAN NHÂN DÂN")]
    assert committees == ["ỦY BAN NHÂN DÂN XÃ HƯNG CHÍNH"] * 2 + ["ỦY BAN NHÂN DÂN XÃ TÀ LÈNG"] * 2, committees
    dated = [row[0] for row in cells if row and "ngày …… tháng" in row[0]]
    assert dated == ["Hưng Chính, ngày …… tháng …… năm 2025"] * 2 + ["Tà Lèng, ngày …… tháng …… năm 2025"] * 2
    headings = [i for i, row in enumerate(cells) if row and row[0].startswith("Thôn:")]
    assert all(cells[i + 1][:2] == ["STT", "Mã hộ"] for i in headings)  # each village's columns on its pages
    starts = [str(sheet.cell(b.id + 1, 1).value) for b in sheet.row_breaks.brk]
    assert starts == ["ỦY BAN NHÂN DÂN XÃ HƯNG CHÍNH", *["ỦY BAN NHÂN DÂN XÃ TÀ LÈNG"] * 2]
    for name in ("R1", W.SHEET["eligible"]["vi"]):
        assert book[name]["A1"].value == "ỦY BAN NHÂN DÂN TỈNH A", name


def test_a_target_naming_no_unit_of_the_report_is_left_out_and_said(tmp_path: Path) -> None:
    """A targets row naming a unit the report has no household of (a misspelt commune, a commune of the
    district not in this report, or 'Xã Tân Lập' where the report names its two communes 'Xã Tân Lập (03001)'
    and 'Xã Tân Lập (05007)') was shown as a unit of 0 poor households at the start and at the end, target
    not met: numbers of no unit, silently. Such a row is now left out of the targets table and a note names
    it, and names the communes written with their codes the row may have meant; the rows naming units of the
    report are as before."""
    rows = [
        {"household_id": "1", "start_status": "poor", "status": "not_poor", "commune_code": "03001", "commune": "Xã T"},
        {"household_id": "1", "start_status": "poor", "status": "poor", "commune_code": "05007", "commune": "Xã T"},
        {"household_id": "1", "start_status": "poor", "status": "not_poor", "commune_code": "04002", "commune": "Xã X"},
    ]  # fmt: skip
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "province,commune,village,target_poor_reduction\nTỉnh A,Xã X,,1\nTỉnh A,Xã T,,1\nTỉnh A,Xã Y,,1\n"
        "Tỉnh A,Xã T (05007),,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["report", str(path), "-o", str(out), "--format", "csv", "--date", "10/12/2025", "--targets", str(targets)]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "2 target rows name a unit with no household in this report" in said and "Xã T, Tỉnh A; Xã Y, Tỉnh A" in said
    assert "named with their codes in the report: Xã T (03001), Xã T (05007)" in said, said
    table = pd.read_csv(out / "targets.csv", dtype=str, encoding="utf-8-sig")
    assert table[["commune", "start", "end", "met"]].values.tolist() == [
        ["Xã X", "1", "0", "1"],
        ["Xã T (05007)", "1", "1", "0"],
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_af_measures_count_a_mark_derived_from_the_members_as_known(tmp_path: Path, suffix: str) -> None:
    """A review with a members list derives a blank mark (a child's schooling) from the members. The history
    records that mark as known, so `report --db` counts the household; from the reviewed file the AF measures
    read the mark as blank (the engine's `deprived` list names only the deprived ones) and left out every such
    household whose mark came out *not* deprived: the same review gave N = 1,799 from the file and 1,889 from
    the history for the sample commune. The file's `flag_sources` (`Nguồn chỉ số` in a workbook) says which
    marks were derived: they are known now, and both give the same af.csv."""
    flags = [ind.column for ind in RS.indicators]
    rows = []
    for hid, schooling in (("H1", ""), ("H2", ""), ("H3", "0"), ("H4", "")):
        row = {"household_id": hid, "village": "Thôn 1", "area": "rural", "income_per_capita": "1000000"}
        rows.append(row | dict.fromkeys(flags, "0") | {"deprived_child_schooling": schooling, "deprived_water": "1"})
    households = tmp_path / "ho.csv"
    pd.DataFrame(rows).to_csv(households, index=False)
    members = tmp_path / "tv.csv"
    members.write_text(
        "household_id,member_id,birth_date,attending_right_level\n"
        "H1,01,1980-01-01,\nH1,02,2015-05-05,1\nH2,01,1980-01-01,\nH2,02,2015-05-05,0\n",
        encoding="utf-8",
    )
    db, reviewed = tmp_path / "h.db", tmp_path / f"reviewed{suffix}"
    args = ["review", str(households), "--members", str(members), "--date", "2025-12-10", "--commune", "Xã A"]
    result = CliRunner().invoke(main, [*args, "--db", str(db), "-o", str(reviewed), "-q"])
    assert result.exit_code == 0, result.output
    options = ["--format", "csv", "--date", "2025-12-10", "--lang", "en"]
    from_db = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(tmp_path / "db"), *options])
    assert from_db.exit_code == 0, from_db.output
    from_file = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "file"), *options])
    assert from_file.exit_code == 0, from_file.output
    af = pd.read_csv(tmp_path / "file" / "af.csv")
    total = af[
        (af["level"] == "total") & (af["scheme"] == "equal") & (af["unit"] == "household") & (af["k"] == 2)
    ].set_index("measure")
    assert total.loc["N", "value"].item() == 3  # H4's mark is unknown (no member rows): left out
    assert total.loc["q", "value"].item() == 1  # H2: water and (derived) child schooling
    assert (tmp_path / "db" / "af.csv").read_bytes() == (tmp_path / "file" / "af.csv").read_bytes()


def test_the_af_measures_of_a_review_with_blank_flags_not_deprived_and_members_count_every_household(
    tmp_path: Path,
) -> None:
    """`review --blank-flags not-deprived --members`: a blank mark is read as not deprived, and the history
    records it so (`report --db` counts the household), but from the reviewed file the AF measures read
    the blank cell as unknown and left the household out. Its `flag_sources` says the mark was `given`
    (read as 0): it is known now, and the file and the history give the same af.csv."""
    flags = [ind.column for ind in RS.indicators]
    rows = []
    for hid, water in (("H1", ""), ("H2", "1"), ("H3", "")):
        row = {"household_id": hid, "village": "Thôn 1", "area": "rural", "income_per_capita": "1000000"}
        rows.append(row | dict.fromkeys(flags, "") | {"deprived_water": water, "deprived_sanitation": "1"})
    households = tmp_path / "ho.csv"
    pd.DataFrame(rows).to_csv(households, index=False)
    members = tmp_path / "tv.csv"
    members.write_text("household_id,member_id,birth_date\nH1,01,1980-01-01\nH2,01,1980-01-01\n", encoding="utf-8")
    db, reviewed = tmp_path / "h.db", tmp_path / "reviewed.csv"
    args = ["review", str(households), "--members", str(members), "--blank-flags", "not-deprived"]
    args += ["--date", "2025-12-10", "--commune", "Xã A", "--db", str(db), "-o", str(reviewed), "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    options = ["--format", "csv", "--date", "2025-12-10", "--lang", "en"]
    from_db = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(tmp_path / "db"), *options])
    assert from_db.exit_code == 0, from_db.output
    from_file = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "file"), *options])
    assert from_file.exit_code == 0, from_file.output
    af = pd.read_csv(tmp_path / "file" / "af.csv")
    total = af[(af["level"] == "total") & (af["scheme"] == "equal") & (af["unit"] == "household") & (af["k"] == 2)]
    assert total.set_index("measure").loc["N", "value"].item() == 3
    assert (tmp_path / "db" / "af.csv").read_bytes() == (tmp_path / "file" / "af.csv").read_bytes()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unreadable_mark_is_said_at_the_row_the_officer_sees(tmp_path: Path, lang: str) -> None:
    """The AF measures read the marks of the residents of a reviewed file; a mark they could not read was
    said at its place among the residents + 2: a blank row above it, or a household that died, moved the
    row up (household H3 on row 5 was said at row 3, the blank row; without it, H2's row). It is said
    at the household's own row now, in both languages."""
    flags = [ind.column for ind in RS.indicators]
    header = ["household_id", "village", "area", "change_reason", *flags, "status", "deprivation_count", "deprived"]

    def row(hid: str, reason: str, water: str = "0") -> str:
        cells = dict.fromkeys(flags, "0") | {"deprived_water": water}
        return ",".join([hid, "Thôn 1", "rural", reason, *cells.values(), "not_poor", "0", ""])

    reviewed = tmp_path / "reviewed.csv"
    text = [",".join(header), row("H1", ""), "", row("H2", "chết"), row("H3", "", "maybe")]
    reviewed.write_text("\n".join(text) + "\n", encoding="utf-8")
    args = ["report", str(reviewed), "-o", str(tmp_path / "out"), "--format", "csv", "--date", "2025-12-10"]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "dòng 5, cột deprived_water: 'maybe'", "en": "row 5, column deprived_water: 'maybe'"}[lang]
    assert said in " ".join(result.output.split())


def test_a_label_that_names_nothing_is_said_at_the_row_the_officer_sees(tmp_path: Path) -> None:
    """A status written in words that names nothing ('Hộ nghèoo') in a reviewed file was said at its place in
    the table + 2: a blank row above it moved the row named up (row 4, the row above, for the household on
    row 5). It is said at its own row now."""
    flags = [ind.column for ind in RS.indicators]
    header = ["Mã hộ", "Thôn", "Khu vực", *flags, "Phân loại", "Số chỉ số thiếu hụt"]

    def row(hid: str, status: str) -> str:
        return ",".join([hid, "Thôn 1", "nông thôn", *(["0"] * len(flags)), status, "0"])

    reviewed = tmp_path / "reviewed.csv"
    text = [",".join(header), row("H1", "Không nghèo"), "", row("H2", "Không nghèo"), row("H3", "Hộ nghèoo")]
    reviewed.write_text("\n".join(text) + "\n", encoding="utf-8")
    args = ["report", str(reviewed), "-o", str(tmp_path / "out"), "--format", "csv", "--date", "2025-12-10"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "row 5, column Phân loại: 'Hộ nghèoo'" in " ".join(result.output.split())


@pytest.mark.parametrize("column", ["household_size", "status", "change_reason"])
def test_a_reviewed_files_unreadable_cell_is_said_at_its_row_below_a_blank_row(tmp_path: Path, column: str) -> None:
    """A household size, status or change reason the report could not read was said at the cell's place in the
    table + 2: a blank row above it named the row above it (row 4 for the household on row 5). It is said at
    the row the officer sees."""
    header = ["household_id", "village", "area", "status", "change_reason", "household_size"]
    good = {"status": "not_poor", "change_reason": "", "household_size": "3"}
    bad = good | {column: {"household_size": "ba", "status": "nghèoo", "change_reason": "đi xa"}[column]}

    def row(hid: str, cells: dict[str, str]) -> str:
        return ",".join([hid, "Thôn 1", "rural", *cells.values()])

    reviewed = tmp_path / "reviewed.csv"
    reviewed.write_text("\n".join([",".join(header), row("H1", good), "", row("H2", good), row("H3", bad)]) + "\n")
    args = ["report", str(reviewed), "-o", str(tmp_path / "out"), "--format", "csv", "--date", "2025-12-10"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "row 5" in " ".join(result.output.split()), result.output


def test_a_review_date_cell_that_is_no_date_is_named_not_taken_for_no_column(tmp_path: Path) -> None:
    """A reviewed file whose review_date cells were edited into no date ('2024-13-45') was reported with the
    note 'the file does not give the review date (no review_date column …)', the forms without their year and
    no eligible list; one such cell among good ones was passed over. The report stops naming the row, the
    column and the value, in vi and en; a day written 10/12/2024 still reads."""
    rows = {"household_id": ["H1", "H2"], "area": ["rural", "rural"], "status": ["poor", "not_poor"], "deprived": ""}
    for cells, row in ((["2024-13-45", "2024-13-45"], 2), (["2024-12-10", "xx"], 3)):
        path = tmp_path / "ho.reviewed.csv"
        pd.DataFrame({**rows, "review_date": cells}).to_csv(path, index=False)
        out = tmp_path / "bc.xlsx"
        en = CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--lang", "en"])
        assert en.exit_code == 2, en.output
        bad = cells[row - 2]
        assert f"row {row}, column review_date: '{bad}' is not a date" in " ".join(en.output.split()), en.output
        vi = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
        assert vi.exit_code == 2 and f"dòng {row}, cột review_date: '{bad}' không phải một ngày" in vi.output
        assert not out.exists()
    pd.DataFrame({**rows, "review_date": ["10/12/2024", "10/12/2024"]}).to_csv(path, index=False)
    assert CliRunner().invoke(main, ["report", str(path), "-o", str(out)]).exit_code == 0


def test_the_eligible_list_reads_its_days_day_first_and_names_one_that_is_no_date(tmp_path: Path) -> None:
    """A reviewed CSV saved again by Excel writes eligible_until day first (09/12/2028 for 2028-12-09): the
    eligible list read it month first (12 September 2028), so on 2028-10-01 the escaped household was left
    out; a cell that is no date ('someday') dropped it from the list without a word. The day is read day
    first, as every date of the program, and a cell that is no date stops the report naming the row."""
    path, out = tmp_path / "ho.reviewed.csv", tmp_path / "bc"
    rows = {
        "household_id": ["H1", "H2"],
        "area": ["rural", "rural"],
        "status": ["not_poor", "poor"],
        "transition": ["escaped_poverty", "unchanged"],
        "review_date": ["2025-12-10", "2025-12-10"],
        "deprived": "",
    }
    pd.DataFrame({**rows, "eligible_until": ["09/12/2028", ""]}).to_csv(path, index=False)
    run = ["report", str(path), "-o", str(out), "--format", "csv", "--eligible-on", "2028-10-01", "--lang", "en"]
    assert CliRunner().invoke(main, run).exit_code == 0
    listed = pd.read_csv(out / "lists" / "eligible.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert listed["household_id"].tolist() == ["H1", "H2"], listed
    assert listed["eligible_until"].tolist()[0] == "2028-12-09"
    pd.DataFrame({**rows, "eligible_until": ["someday", ""]}).to_csv(path, index=False)
    bad = CliRunner().invoke(main, [*run[:3], str(tmp_path / "bc2"), *run[4:]])
    assert bad.exit_code == 2, bad.output
    assert "row 2, column eligible_until: 'someday' is not a date" in " ".join(bad.output.split()), bad.output
    vi = CliRunner().invoke(main, [*run[:3], str(tmp_path / "bc2"), *run[4:-2]])
    assert vi.exit_code == 2 and "dòng 2, cột eligible_until: 'someday' không phải một ngày" in vi.output
    assert not (tmp_path / "bc2").exists()


def test_a_movement_written_in_words_is_counted_and_one_naming_none_is_refused(tmp_path: Path) -> None:
    """A reviewed CSV whose transition cell was typed as its label ('Tái nghèo', as the workbook writes it)
    counted the relapse as newly poor in R2 (the CSV's movements were compared with the ids alone), and one
    naming no movement ('hmm') was counted as none without a word. The label reads as its id, as a status
    does; a cell naming none stops the report naming the row, the column and the value, in vi and en."""
    path = tmp_path / "ho.reviewed.csv"
    rows = {
        "household_id": ["H1", "H2"],
        "area": ["rural", "rural"],
        "status": ["poor", "not_poor"],
        "start_status": ["not_poor", "not_poor"],
        "review_date": ["2025-12-10", "2025-12-10"],
        "deprived": "",
    }
    pd.DataFrame({**rows, "transition": ["Tái nghèo", "unchanged"]}).to_csv(path, index=False)
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "bc"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    r2 = pd.read_csv(tmp_path / "bc" / "r2.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    total = r2[(r2["level"] == "total") & (r2["row"] == "households")].iloc[0]
    assert (total["c6"], total["c7"]) == ("1", "0"), total.to_dict()
    pd.DataFrame({**rows, "transition": ["relapsed_poor", "hmm"]}).to_csv(path, index=False)
    en = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "bc2"), "--format", "csv", "--lang", "en"])
    assert en.exit_code == 2 and "row 3, column transition: 'hmm' is not a movement" in en.output, en.output
    vi = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "bc2"), "--format", "csv"])
    assert vi.exit_code == 2 and "dòng 3, cột transition: 'hmm' không phải một diễn biến" in vi.output, vi.output
    assert not (tmp_path / "bc2").exists()


def test_page_rates_chart_numbers_are_the_village_tables_rates(tmp_path: Path) -> None:
    """The rates chart's numbers ("Số liệu của biểu đồ") gave each village's rates to one decimal (4,2%, 9,7%)
    under the village table that gives them to two (4,15%, 9,68%), R1's own rates: a committee member reading
    both saw two numbers for one rate. The chart's table now gives R1's rates as the village table does."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    statuses = ["poor"] * 9 + ["near_poor"] * 21 + ["not_poor"] * 187  # 217 households: 4.147…%, 9.677…%
    rows = [{"household_id": str(i), "status": s} for i, s in enumerate(statuses)]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    write_html_report(build_report(review, lang="vi"), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    village = re.search(r'<tr data-village="[^"]*">(.*?)</tr>', html, re.S)
    assert village is not None
    table = re.findall(r'data-col="c[46]">([^<]*)<', village.group(1))
    assert table == ["4,15%", "9,68%"]
    figure = re.search(r'id="chart-rates".*?<details.*?<tbody>(.*?)</tbody>', html, re.S)
    assert figure is not None
    assert re.findall(r'<td class="n">([^<]*)</td>', figure.group(1)) == table


def test_page_village_table_has_each_communes_subtotal_as_r1(tmp_path: Path) -> None:
    """A district's page listed its villages and the district's total, but not one commune's figures: the
    committee on the projector could not see Xã Nghi Ân's poor rate (6,17%, the workbook's "Cộng Xã Nghi Ân"),
    only its villages'. In a report of several communes the village table now has, as R1, each commune's
    subtotal row after its villages (its own counts, its rates of them), and in one of several provinces each
    province's; one commune's page has none."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    statuses = ["poor", "near_poor", "not_poor", "not_poor"]
    rows = [
        {"household_id": f"{commune}{village}{i}", "commune": commune, "village": village, "status": status}
        for commune, villages in (("Xã A", ("Thôn 1", "Thôn 2")), ("Xã B", ("Thôn 1",)))
        for village in villages
        for i, status in enumerate(statuses[: 3 if village == "Thôn 2" else 4])
    ]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)), lang="vi")
    write_html_report(report, tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    table = re.search(r'<table id="villages"[^>]*>.*?</table>', html, re.S)
    assert table is not None
    shown = [
        (head, re.findall(r'data-col="c\d">([^<]*)<', cells))
        for head, cells in re.findall(
            r'<tr[^>]*><th scope="row">(?:<a [^>]*>)?([^<]*)(?:</a>)?</th>(.*?)</tr>', table.group(0), re.S
        )
    ]
    assert [head for head, _ in shown] == [
        "Thôn 1 — Xã A",
        "Thôn 2 — Xã A",
        "Cộng Xã A",
        "Thôn 1 — Xã B",
        "Cộng Xã B",
        "Tổng cộng",
    ]
    r1 = report.forms[0].rows
    commune_a = r1[r1["level"] == "commune"].iloc[0]
    assert (commune_a["c1"], commune_a["c4"]) == (7, Decimal("28.57"))
    assert shown[2][1] == ["7", "2", "28,57%", "2", "28,57%"]
    assert shown[4][1] == ["4", "1", "25,00%", "1", "25,00%"]
    one = _reviewed([{"household_id": str(i), "status": s} for i, s in enumerate(statuses)])
    write_html_report(build_report(from_reviewed(one, ruleset=RS), lang="vi"), tmp_path / "one.html")
    assert 'class="subtotal"' not in (tmp_path / "one.html").read_text(encoding="utf-8")


def test_page_k_sweep_lines_are_told_apart_without_colour() -> None:
    """The k-sweep's H, A and M0 were three solid lines told apart by colour alone: H's indigo and M0's dark
    red print as one dark grey on the committee's black-and-white copies (1.5:1), and are close for a
    colour-blind reader, so no one could say which falling line was H. Each line now has its dash too (solid,
    dashed, dotted), and the one legend shows each measure's colour and dash."""
    pytest.importorskip("altair")
    from poverty_rules.reports import charts

    data = pd.DataFrame(
        [{"k": k, "measure": m, "value": v / k} for m, v in (("H", 45.0), ("A", 16.0), ("M0", 7.0)) for k in (1, 2, 3)]
    )
    svg = charts.render(charts.k_sweep(data, {"k_axis": "k"}, 2), "vi")
    lines = re.findall(r'sweep_lines_marks" role="graphics-symbol"><path ([^>]*)/>', svg)
    assert len(lines) == 3
    dashes = [re.search(r'stroke-dasharray="([^"]*)"', line) for line in lines]
    assert all(dashes) and len({d.group(1) for d in dashes if d}) == 3, lines
    assert svg.count('class="mark-group role-legend"') == 1  # one legend, not one per channel
    legend = svg[svg.index("role-legend") :]
    symbols = re.findall(r'role-legend-symbol".*?<path ([^>]*)/>', legend, re.S)
    assert {re.search(r'stroke-dasharray="([^"]*)"', s).group(1) for s in symbols if "stroke-dasharray" in s} == {
        d.group(1) for d in dashes if d
    }


def test_page_k_sweep_keeps_each_measures_colour_when_a_is_undefined() -> None:
    """A commune with no AF-poor household (Xã Nghi Phong: no poor household) has A undefined at every k, so
    the k-sweep draws H and M0 alone: M0 took A's place in the colour and dash scales and was drawn, and shown
    in the legend, in A's gold and dashes. Each measure now keeps its own colour and dash whichever are drawn."""
    pytest.importorskip("altair")
    from poverty_rules.reports import charts

    data = pd.DataFrame([{"k": k, "measure": m, "value": 0.0} for m in ("H", "M0") for k in (1, 2, 3)])
    svg = charts.render(charts.k_sweep(data, {"k_axis": "k"}, 2), "vi")
    lines = re.findall(r'sweep_lines_marks" role="graphics-symbol"><path ([^>]*)/>', svg)
    strokes = sorted(re.search(r'stroke="([^"]*)"', line).group(1) for line in lines)  # type: ignore[union-attr]
    h, _a, m0 = charts.SWEEP_COLORS
    assert strokes == sorted([h, m0]), strokes
    legend = svg[svg.index("role-legend") :]
    assert re.findall(r">(H|A|M0 × 100)</text>", legend) == ["H", "M0 × 100"]


def test_page_k_sweep_of_a_commune_with_no_af_poor_has_an_axis() -> None:
    """The k-sweep of a commune with no AF-poor household (every H and M0 0 %) had a y axis of one tick, "0",
    its lines lying on the chart's foot: an empty-looking chart with no scale to read the zeros on. Its axis now
    runs from 0 to at least 1 % ("0", "0,2" … "1": ticks between whole percents say their decimal, where they
    read "0, 0, 1, 1"); a commune with AF-poor households keeps its own range."""
    pytest.importorskip("altair")
    from poverty_rules.reports import charts

    def ticks(values: list[float]) -> list[str]:
        data = pd.DataFrame(
            [{"k": k, "measure": m, "value": v} for m, v in zip(("H", "M0"), values, strict=True) for k in (1, 2)]
        )
        svg = charts.render(charts.k_sweep(data, {"k_axis": "k"}, 2), "vi")
        axes = re.findall(r'role-axis".*?</g></g></g>', svg, re.S)
        y = next(a for a in axes if ">%</text>" in a)
        return re.findall(r">([\d.,]+)</text>", y)

    zeros = ticks([0.0, 0.0])
    assert len(zeros) >= 3 and zeros[0] == "0" and zeros[-1] == "1", zeros
    for small in (zeros, ticks([2.5, 0.5])):
        assert len(set(small)) == len(small), small  # a tick between whole percents is not "1" said twice
    assert 40 <= int(ticks([44.6, 7.3])[-1]) <= 50


def test_page_charts_last_number_on_an_axis_is_not_run_into_the_one_before() -> None:
    """The movements chart's axis read "… 1.600 1.8002.000" and the rates chart's "… 9,0010,00": the last
    number of each horizontal axis was set flush with the axis' end (right-aligned at it), so it ran into the
    number before it. Every number of a horizontal axis is now centred on its tick, as the others are."""
    pytest.importorskip("altair")
    from poverty_rules.reports import charts

    words = {"households": "Số hộ", "rate_axis": "% số hộ", "poor": "Hộ nghèo", "near_poor": "Hộ cận nghèo"}
    moves = charts.movements(pd.DataFrame({"movement": ["Rà soát lần đầu"], "households": [1990]}), words)
    rates = pd.DataFrame(
        [
            {"village": "Thôn Đoài", "list": w, "rate": r, "order": 0}
            for w, r in (("Hộ nghèo", 4.15), ("Hộ cận nghèo", 9.68))
        ]
    )
    for chart in (moves, charts.rates_by_village(rates, words)):
        svg = charts.render(chart, "vi")
        groups = re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S)
        numbers = [g for g in groups if re.fullmatch(r"[\d.,]+", re.findall(r">([^<]*)</text>", g)[-1])]
        assert len(numbers) == 1 and len(re.findall("<text", numbers[0])) > 3
        assert set(re.findall(r'text-anchor="([a-z]+)"', numbers[0])) == {"middle"}


def test_page_every_table_has_a_name(undetermined_pages: dict[str, str]) -> None:
    """No table of the page had a name: a screen reader listing the page's tables read "table, 9 rows" for the
    village table, each village's households and each chart's numbers alike, and the AF table per indicator,
    set under the k-sweep with no heading of its own, read to sighted readers as that chart's. Every table is now
    named (WCAG 1.3.1): the village table by its heading, a village's households by the village's, a chart's
    numbers by the chart's caption, and the AF table by a caption of its own saying what it holds, at which k and
    unit, in the page's language."""
    pytest.importorskip("jinja2")
    for lang in ("vi", "en"):
        html = undetermined_pages[lang]
        ids = {
            m.group(1): m.group(2) for m in re.finditer(r'<(?:h2|h3|figcaption) id="([^"]+)"[^>]*>(.*?)</', html, re.S)
        }
        tables = re.findall(r"<table([^>]*)>\s*(<caption>[^<]*</caption>)?", html)
        assert len(tables) > 4
        for attributes, caption in tables:
            named = re.search(r'aria-labelledby="([^"]+)"', attributes)
            assert caption or (named and ids.get(named.group(1), "").strip()), attributes
        af = re.search(r'<table id="af-indicators">\s*<caption>([^<]*)</caption>', html)
        assert af is not None and af.group(1).startswith(W.PAGE["af_table"][lang]) and "k = 3/12" in af.group(1)


def test_page_says_what_h_a_and_m0_are_of_the_unit_it_counts(tmp_path: Path) -> None:
    """The AF section said "H: tỷ lệ hộ nghèo AF" (a share of households) above H = 9,41% counted in persons (the
    page's unit whenever the file has household_size), and its three cards were headed "H", "A" and "M0" alone,
    words a committee member does not know. The section now says what each measure is, H as a share of the unit
    it counts (nhân khẩu, hộ), and the cards are named as the workbook's AF sheet names them."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    review = from_reviewed(_undetermined_review(), ruleset=RS, review_date=date(2025, 12, 10))
    for lang, unit in (("vi", "nhân khẩu"), ("en", "persons")):
        report = build_report(review, lang=lang)
        report.extra["af"] = {"unit": "person"}
        write_html_report(report, tmp_path / f"p.{lang}.html")
        html = (tmp_path / f"p.{lang}.html").read_text(encoding="utf-8")
        intro = re.search(r'<h2 id="af">.*?<p class="note">([^<]*)</p>', html, re.S)
        assert intro is not None
        assert W.PAGE["af_intro"][lang].format(unit=unit) in intro.group(1)
        assert "tỷ lệ hộ nghèo AF" not in intro.group(1)
        labels = re.findall(r'<div class="card"><div class="label">([^<]*)</div>', html)
        assert [W.AF_SHEET[m][lang] for m in ("H", "A", "M0")] == labels[-3:]
    assert "phần trăm nhân khẩu nghèo AF trên tổng số nhân khẩu" in (tmp_path / "p.vi.html").read_text(encoding="utf-8")


def test_page_contributions_chart_keeps_a_village_with_no_af_poor_household(tmp_path: Path) -> None:
    """A district's page drew each dimension's share of M0 for every village but Thôn 1 of Xã Nghi Phong, whose
    households are none of them AF-poor (its shares are undefined): the village was missing from the chart and
    its table without a word, as if its data were lost. It is now on the chart's axis with an empty band and in
    the table with blank cells (undefined, as the page's footer says), in the village table's order."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    deprived = "employment;nutrition;water;telecom"
    flags = {ind.column: "0" for ind in RS.indicators}
    poor = {**flags, **{f"deprived_{x}": "1" for x in deprived.split(";")}}
    rows = [
        {"household_id": f"{c}{i}", "commune": c, "village": "Thôn 1", "status": s, "deprived": d, **f}
        for c, s, d, f in (("Xã Nghi Ân", "poor", deprived, poor), ("Xã Nghi Phong", "near_poor", "", flags))
        for i in range(2)
    ]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    write_html_report(build_report(review, lang="vi"), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    figure = re.search(r'id="chart-contrib".*?</figure>', html, re.S)
    assert figure is not None
    axis = "".join(re.findall(r'role-axis-label".*?</g>', figure.group(0), re.S))
    assert "Thôn 1 — Xã Nghi Phong" in axis and "Thôn 1 — Xã Nghi Ân" in axis
    table = dict(re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', figure.group(0), re.S))
    assert list(table) == ["Thôn 1 — Xã Nghi Ân", "Thôn 1 — Xã Nghi Phong"]
    assert set(re.findall(r'<td class="n">([^<]*)</td>', table["Thôn 1 — Xã Nghi Phong"])) == {""}
    assert "" not in re.findall(r'<td class="n">([^<]*)</td>', table["Thôn 1 — Xã Nghi Ân"])


def test_page_title_says_whose_review_and_of_which_day(undetermined_pages: dict[str, str]) -> None:
    """The page's title (its window, its tab, the name a browser gives the PDF it prints) was "Kết quả rà soát
    hộ nghèo, hộ cận nghèo — Xã Hưng Chính · Tỉnh Nghệ An" for every year's review, so last year's and this
    year's reports open side by side, or saved as PDF, were two of one name. It now ends with the review's day,
    as the printed pages' head does."""
    pytest.importorskip("jinja2")
    for lang, day in (("vi", "Kỳ rà soát 10/12/2025"), ("en", "Review 2025-12-10")):
        html = undetermined_pages[lang]
        title = re.search(r"<title>([^<]*)</title>", html)
        assert title is not None and title.group(1).startswith(W.PAGE["title"][lang])
        assert title.group(1).endswith(f" — {day}"), title.group(1)


def test_page_k_sweep_says_what_its_dashed_rule_marks() -> None:
    """The k-sweep marked the page's cutoff with a dashed vertical rule that nothing named: the legend names
    H, A and M0, so a committee member could not tell why the line stood at 3. The rule is now labelled
    "k = 3" at its top."""
    pytest.importorskip("altair")
    from poverty_rules.reports import charts

    data = pd.DataFrame([{"k": k, "measure": m, "value": 10.0 / k} for m in ("H", "A", "M0") for k in (1, 2, 3, 4)])
    svg = charts.render(charts.k_sweep(data, {"k_axis": "k"}, 3), "vi")
    label = re.search(r'k_label_marks".*?</g>', svg, re.S)
    assert label is not None and re.findall(r">([^<]+)</text>", label.group(0)) == ["k = 3"]


def test_page_heat_map_numbers_are_a_row_per_village_as_the_chart(tmp_path: Path) -> None:
    """The heat map draws a row per village and a column per indicator, and its table of numbers was turned the
    other way, a column per village: a district of 40 villages gave a table 40 columns wide, which printed
    (where it is now open) cut at the page's edge, and docs/analysis.md speaks of its twelve indicator columns.
    The table is now laid out as the chart: a row per village, in the village table's order, a column per
    indicator."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    rows = [
        {"household_id": f"{v}-{i}", "village": f"Thôn {v:02d}", "status": s, "deprived": "employment;water"}
        for v in range(1, 16)
        for i, s in enumerate(("poor", "not_poor"))
    ]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10))
    write_html_report(build_report(review, lang="vi"), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    figure = re.search(r'id="chart-heatmap".*?</figure>', html, re.S)
    assert figure is not None
    head = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', figure.group(0))
    assert head == ["Thôn", *(ind.label.vi for ind in RS.indicators)]
    villages = re.findall(r'<tr><th scope="row">([^<]*)</th>', figure.group(0))
    assert villages == [f"Thôn {v:02d}" for v in range(1, 16)]


def test_report_of_a_reviewed_file_with_commune_is_refused_not_the_whole_district(tmp_path: Path) -> None:
    """``report huyen.reviewed.csv --commune 'Xã B' -o xa_b.xlsx`` (the option --db takes) ignored --commune and
    wrote the whole district's report, headed by the province, under the commune's file name. It is now
    refused before anything is written, saying --commune goes with --db (or a file of that commune's rows),
    in vi and en; without --commune the file's report is as before."""
    rows = [{"household_id": "1", "status": "poor", "commune": c} for c in ("Xã A", "Xã B")]
    path = tmp_path / "huyen.reviewed.csv"
    _reviewed(rows).assign(deprived="", review_date="2025-12-10").to_csv(path, index=False)
    out = tmp_path / "xa_b.xlsx"
    for lang, words in (("en", "--commune goes with --db only"), ("vi", "--commune chỉ dùng với --db")):
        result = CliRunner().invoke(main, ["report", str(path), "--commune", "Xã B", "-o", str(out), "--lang", lang])
        assert result.exit_code == 2 and words in " ".join(result.output.split()), result.output
        assert not out.exists()
    assert CliRunner().invoke(main, ["report", str(path), "-o", str(out)]).exit_code == 0


def test_the_af_measures_of_a_file_without_an_indicator_column_are_the_historys(tmp_path: Path) -> None:
    """A household file without a ``deprived_telecom`` column has that mark unknown for every household
    (docs/input.md: missing = unknown); the review records it as a blank mark (``blank_marks``), so `report
    --db` leaves every household out of N (complete cases), but from the reviewed file the AF measures read the
    absent column as *not deprived* and counted them all: af.csv gave N = 6, H and M0 from the file and N = 0
    from the history of the same review. An absent flag column is now a blank mark in every row, unknown unless
    the engine's list names it or ``flag_sources`` says it was derived: both give the same af.csv."""
    flags = [ind.column for ind in RS.indicators if ind.column != "deprived_telecom"]
    rows = [
        {"household_id": f"H{i}", "village": "Thôn 1", "area": "rural", "income_per_capita": str(income)}
        | dict.fromkeys(flags, "0")
        | {"deprived_water": str(i % 2), "deprived_sanitation": "1", "deprived_housing_area": str(i % 3 == 0)}
        for i, income in enumerate((900_000, 1_200_000, 1_400_000, 2_500_000, 4_000_000, 6_000_000))
    ]
    af = _af_of_the_file_and_the_history(tmp_path, rows)
    n = af[(af["level"] == "total") & (af["measure"] == "N") & (af["unit"] == "household")]["value"]
    assert (n == 0).all()  # every household's telecom mark is unknown: none is a complete case


def test_page_names_a_village_of_a_coded_commune_without_brackets_in_brackets(tmp_path: Path) -> None:
    """Two communes Xã Tân Lập (Mã xã 03001, 05007) in one report: the page named their villages
    "Thôn 1 (Xã Tân Lập (03001))", brackets in brackets, in the village table, the household sections and every
    chart's axis. A village of several communes' report is now its name, a dash and its commune as the forms
    name it: "Thôn 1 — Xã Tân Lập (03001)", and "Thôn 1 — Xã Hòa Bình" for a commune no other shares."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    rows = [
        {"household_id": str(i), "commune": "Xã Tân Lập", "commune_code": code, "status": status}
        for code in ("03001", "05007")
        for i, status in enumerate(("poor", "near_poor", "not_poor"))
    ] + [{"household_id": "9", "commune": "Xã Hòa Bình", "commune_code": "04002", "status": "poor"}]
    frame = _reviewed(rows).assign(province_code="25", deprived="employment;nutrition;water")
    review = from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10))
    write_html_report(build_report(review), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    expected = ["Thôn 1 — Xã Hòa Bình", "Thôn 1 — Xã Tân Lập (03001)", "Thôn 1 — Xã Tân Lập (05007)"]
    table = re.findall(r'<tr data-village="[^"]*"><th scope="row"><a href="#v\d+">([^<]*)</a>', html)
    assert sorted(table) == expected, table
    sections = re.findall(r'<section class="village" id="v\d+">\s*<h3[^>]*>([^<]*)<', html)
    assert sorted(h.strip() for h in sections) == expected
    rates = re.search(r'id="chart-rates".*?</svg>', html, re.S)
    assert rates is not None
    axis = "".join(re.findall(r"role-axis-label.*?</g>", rates.group(0), re.S))
    assert sorted(name for name in _axis_names(axis) if name.startswith("Thôn 1")) == sorted(map(_shown, expected))
    assert "(03001))" not in html and "(05007))" not in html


def test_english_workbook_writes_its_days_as_the_english_page_does(tmp_path: Path) -> None:
    """The English workbook wrote the review date "Review date: 10/12/2025" (and the eligible list's day and
    each last day of support dd/mm/yyyy), which an English reader takes for 12 October, while the English page
    writes 2025-12-10. The English workbook now writes every day as the page does, yyyy-mm-dd (the date cells
    shown so); the Vietnamese one keeps dd/mm/yyyy."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed(
        [
            {"household_id": "P", "status": "poor"},
            {
                "household_id": "E",
                "status": "not_poor",
                "transition": "escaped_poverty",
                "eligible_until": "2028-12-09",
            },
        ]
    )
    review = from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10))
    said = {"vi": ("10/12/2025", "20/12/2025", "dd/mm/yyyy"), "en": ("2025-12-10", "2025-12-20", "yyyy-mm-dd")}
    for lang, (day, on, shown) in said.items():
        report = build_report(review, lang=lang, eligible_on=date(2025, 12, 20))
        book = openpyxl.load_workbook(write_xlsx(report, tmp_path / f"{lang}.xlsx"))
        r1 = [str(c.value) for row in book[book.sheetnames[0]].iter_rows(max_row=8) for c in row if c.value]
        assert f"{W.FORM_HEADER['review_date'][lang]}: {day}" in " ".join(r1), r1
        sheet = book[W.SHEET["eligible"][lang]]
        texts = " ".join(str(c.value) for row in sheet.iter_rows(max_row=8) for c in row if c.value)
        assert f"{W.FORM_HEADER['list_on'][lang]}: {on}" in texts, texts
        dates = [c for row in sheet.iter_rows() for c in row if getattr(c, "is_date", False)]
        assert dates and all(c.number_format == shown for c in dates)


def test_page_shows_each_af_measure_one_way_as_the_workbook(tmp_path: Path) -> None:
    """The intensity A was shown three ways: a fraction on the page's card (0,319), a percentage with one decimal
    in the k-sweep's table (31,9%) and with two in the workbook's AF sheet (31,94%); M0 was 0,038 on the card,
    3,8% in the table and 0.0381 in the workbook, and each indicator's share of M0 had one decimal on the page,
    two in the workbook. Each kind of figure is now shown one way on the page, as the workbook shows it: H and
    A, shares, a percentage with two decimals; M0, an index, a fraction with four (the chart draws it × 100,
    as its legend says)."""
    pytest.importorskip("jinja2")
    openpyxl = pytest.importorskip("openpyxl")
    from poverty_rules.reports.html import write_html_report

    lists = ["employment;nutrition;water", "employment;water;telecom;sanitation", "water", "", "housing_area"]
    rows = [
        {"household_id": str(i), "status": "poor" if len(d.split(";")) >= 3 else "not_poor", "deprived": d}
        for i, d in enumerate(lists)
    ]
    frame = _reviewed(rows).assign(**{ind.column: "0" for ind in RS.indicators})
    for i, d in enumerate(lists):
        for x in filter(None, d.split(";")):
            frame.loc[i, f"deprived_{x}"] = "1"
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)), lang="vi")
    report.extra["af_source"] = frame
    write_html_report(report, tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    # at k = 3: two AF-poor of five households, deprived in 3 and 4 of 12: A = 7/24, M0 = 7/60
    card = re.search(r'data-measure="af_A" data-value="[^"]*">([^<]*)<', html)
    assert card is not None and card.group(1) == "29,17%"
    m0 = re.search(r'data-measure="af_M0" data-value="[^"]*">([^<]*)<', html)
    assert m0 is not None and m0.group(1) == "0,1167"
    sweep = re.search(r'id="chart-sweep".*?</figure>', html, re.S)
    assert sweep is not None
    at3 = re.search(r'<tr><th scope="row">3</th>(.*?)</tr>', sweep.group(0), re.S)
    assert at3 is not None
    assert re.findall(r'<td class="n">([^<]*)</td>', at3.group(1)) == ["40,00%", "29,17%", "0,1167"]
    assert "M0 × 100" in sweep.group(0)
    caption = re.search(r'<figcaption id="chart-sweep-caption">([^<]*)<', sweep.group(0))
    assert caption is not None and caption.group(1) == "H, A (%) và M0 × 100 theo ngưỡng k"  # not "M0 (%)"
    water = re.search(r'<tr data-indicator="water">(.*?)</tr>', html, re.S)
    assert water is not None and re.findall(r'<td class="n"[^>]*>([^<]*)</td>', water.group(1))[-1] == "28,57%"
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    cells = [c for row in book[W.SHEET["af"]["vi"]].iter_rows() for c in row if isinstance(c.value, float)]
    assert {c.number_format for c in cells if c.value == pytest.approx(7 / 24)} == {"0.00%"}
    assert {c.number_format for c in cells if c.value == pytest.approx(7 / 60)} == {"0.0000"}


def _axis_names(axis: str) -> list[str]:
    """The names an SVG axis writes, each a ``<text>``: its lines (``<tspan>``) joined by " / "."""
    texts = re.findall(r"<text[^>]*>(.*?)</text>", axis, re.S)
    return [" / ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", t)) if "<tspan" in t else t for t in texts]


def _shown(name: str) -> str:
    """A village's name as a chart's axis sets it: its lines joined by " / "."""
    from poverty_rules.reports.charts import wrap_label

    return " / ".join(wrap_label(name))


def test_page_charts_tell_statuses_and_dimensions_apart_printed_in_grey(tmp_path: Path) -> None:
    """The statuses' colours (the near-poor's orange, the not-poor's blue, the average's magenta, the
    undetermined's grey) and several dimensions' (the first's indigo and the sixth's dark red) print as one grey:
    a committee's black-and-white copy of the households by number of deprivations, or of each dimension's share
    of M0, could not tell its stacked bars apart. Each status and each dimension now also has a pattern (solid,
    hatched, dotted, lined…) over its colour, on its bars and in the legend, each chart's patterns named apart."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports import charts
    from poverty_rules.reports.html import write_html_report

    statuses = ["poor", "near_poor", "average", "not_poor", "undetermined"]
    lists = ["employment;nutrition;water", "employment;water;telecom;sanitation", "water", "", "housing_area"]
    rows = [
        {"household_id": str(i), "status": s, "deprived": d, "village": f"Thôn {i % 2}", "start_status": "poor"}
        for i, (s, d) in enumerate(zip(statuses * 2, lists * 2, strict=True))
    ]
    frame = _reviewed(rows).assign(**{ind.column: "0" for ind in RS.indicators})
    for i, d in enumerate(lists * 2):
        for x in filter(None, d.split(";")):
            frame.loc[i, f"deprived_{x}"] = "1"
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)), lang="vi")
    report.extra["af_source"] = frame
    write_html_report(report, tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    ids = re.findall(r'<pattern id="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))  # one page, several charts: no id twice
    for key, n in (("counts", 4), ("contrib", 6)):  # six dimensions; the undetermined are counted on the list they keep
        figure = re.search(rf'id="chart-{key}".*?</svg>', html, re.S)
        assert figure is not None
        svg = figure.group(0)
        tiles = dict(re.findall(r'<pattern id="([^"]+)"[^>]*><path d="M0,0h6v6h-6Z" fill="(#[0-9a-f]{6})"/>', svg))
        legend = svg[svg.index("role-legend") :]
        fills = re.findall(r'role-legend-symbol.*?fill="([^"]+)"', legend, re.S)
        assert len(fills) == len(set(fills)) == n, (key, fills)
        patterned = [f for f in fills if f.startswith("url(#")]
        assert len(patterned) >= n - 1, (key, fills)  # the first of each set is solid
        bars = set(re.findall(rf'{key}_marks".*?</g>', svg, re.S)[0].split('fill="')[1:])
        assert {f[5:-1] for f in patterned} <= {b.split('"')[0][5:-1] for b in bars if b.startswith("url")}
        assert all(tiles[f[5:-1]] in {c.lower() for c in (*charts.STATUS_COLORS.values(), *charts.DIMENSION_COLORS)}
                   for f in patterned)  # fmt: skip


def test_english_workbook_names_the_day_and_month_to_fill_in_when_signed() -> None:
    """The English workbook's place and date line to fill in when a form is signed read "Hưng Chính, …… / …… /
    2025": a reader used to month first filled in 12 / 10 for 10 December, where the Vietnamese line names each
    blank ("ngày …… tháng …… năm 2025") and the English workbook now writes its days yyyy-mm-dd. It now names
    each blank too: "Hưng Chính, day …… month …… 2025"."""
    assert W.FORM_HEADER["place_date"]["en"].format(place="Hưng Chính", year=2025) == (
        "Hưng Chính, day …… month …… 2025"
    )
    assert W.FORM_HEADER["place_date"]["vi"].format(place="Hưng Chính", year=2025) == (
        "Hưng Chính, ngày …… tháng …… năm 2025"
    )


@pytest.mark.parametrize(("name", "fmt", "named"), [("r.xlsx", "html", "xlsx"), ("r.html", "xlsx", "html")])
def test_a_format_the_outputs_extension_contradicts_is_refused(tmp_path: Path, name: str, fmt: str, named: str) -> None:
    """``report … -o bao_cao.xlsx --format html`` wrote the HTML page into bao_cao.xlsx (Excel then refuses to
    open it), ``-o r.html --format xlsx`` a workbook a browser shows as garbage, ``-o r.csv --format xlsx`` a
    workbook Excel opens as text. The help says the format comes from -o's extension unless --format names
    one: when a file's extension names another format, the report stops (exit 2) saying so, in vi and en,
    nothing written (the csv format writes a folder, which may be named as one likes)."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    for lang, words in (
        ("vi", f"đuôi '.{named}' là của định dạng {named}"),
        ("en", f"'.{named}' is the {named} format's"),
    ):
        said = CliRunner().invoke(
            main, ["report", str(reviewed), "-o", str(tmp_path / name), "--format", fmt, "--lang", lang]
        )
        assert said.exit_code == 2 and words in " ".join(said.output.split()), said.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv"]
    from poverty_rules.reports.writers import choose_format

    kept = (("r.xlsx", "xlsx"), ("r.htm", "html"), ("out", "csv"), ("r.2025", "csv"))
    for output, asked in kept:
        assert choose_format(tmp_path / output, asked) == asked  # as before: no extension, or the format's own


def test_the_af_measures_of_a_file_without_any_indicator_column_are_the_historys(tmp_path: Path) -> None:
    """A household file with no flag column at all (its marks to be collected) has every mark unknown; the review
    records each household with twelve blank marks, so `report --db` leaves every one out of N, but from the
    reviewed file the AF measures read the engine's (empty) lists as the marks: N = 4, H = 0 from the file,
    N = 0 from the history of the same review. A flag column the reviewed file lacks is now a column of blank
    marks whether or not the file has others: both give the same af.csv."""
    rows = [
        {"household_id": f"H{i}", "village": "Thôn 1", "area": "rural", "income_per_capita": str(income)}
        for i, income in enumerate((900_000, 2_500_000, 4_000_000, 6_000_000))
    ]
    af = _af_of_the_file_and_the_history(tmp_path, rows)
    assert (af[(af["level"] == "total") & (af["measure"] == "N")]["value"] == 0).all()


def test_a_one_file_format_asked_for_a_folder_is_refused_naming_the_file_to_give(tmp_path: Path) -> None:
    """``report … -o out/ --format xlsx`` wrote the workbook as a file named ``out``, no extension (Excel does not
    open it from the folder view), and ``-o an_existing_folder --format html`` said only 'cannot write (it is a
    folder)'. Only the CSV export is a folder (docs/reports.md): a one-file format asked for a folder stops
    (exit 2) naming the file to give, ``out/bao_cao.xlsx`` (``out/report.html`` in English), nothing written;
    ``-o out/`` alone is still the CSV export."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    slash = str(tmp_path / "out") + "/"
    said = CliRunner().invoke(main, ["report", str(reviewed), "-o", slash, "--format", "xlsx"])
    assert said.exit_code == 2, said.output
    assert f"ví dụ -o {tmp_path / 'out' / 'bao_cao.xlsx'}" in " ".join(said.output.split()), said.output
    (tmp_path / "d").mkdir()
    run = ["report", str(reviewed), "-o", str(tmp_path / "d"), "--format", "html", "--lang", "en"]
    said = CliRunner().invoke(main, run)
    assert said.exit_code == 2 and "names a folder, but the html report is one file" in said.output, said.output
    assert f"e.g. -o {tmp_path / 'd' / 'report.html'}" in " ".join(said.output.split()), said.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "ho.reviewed.csv"]
    assert not list((tmp_path / "d").iterdir())
    exported = CliRunner().invoke(main, ["report", str(reviewed), "-o", slash])
    assert exported.exit_code == 0 and (tmp_path / "out" / "r1.csv").is_file(), exported.output


def test_report_db_names_the_household_and_review_of_a_size_that_is_not_a_number(tmp_path: Path) -> None:
    """``report --db h.db`` of a review whose household file gave household_size ``True`` (a Parquet bool column,
    which the review records as it was) stopped with "h.db: row 2, column household_size: 'True' is not a number
    of persons": a history has no rows the officer sees. It now names the household, its code and commune, and
    the review that recorded the size (the earlier review's day for a household that left since), in vi and en."""
    head = "household_id,commune,village,area,income_per_capita,household_size\n"
    db = tmp_path / "h.db"
    for day, rows in (("2024-12-10", ["A1,Xã X,Thôn 1,rural,9000000,True", "B2,Xã X,Thôn 1,rural,9000000,3"]),
                      ("2025-12-10", ["B2,Xã X,Thôn 1,rural,9000000,3"])):  # fmt: skip
        src = tmp_path / f"ho_{day[:4]}.csv"
        src.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
        ran = CliRunner().invoke(main, ["review", str(src), "--date", day, "--db", str(db)])
        assert ran.exit_code == 0, ran.output
    for when, lang, said in (
        (["--date", "2024-12-10"], "vi", "hộ A1 — Xã X, lần rà soát ngày 10/12/2024: số nhân khẩu (household_size)"),
        (["--year", "2024"], "en", "household A1 — Xã X, review of 2024-12-10: the number of persons"),
        (["--date", "2025-12-10"], "en", "household A1 — Xã X, review of 2024-12-10: the number of persons"),
    ):
        out = tmp_path / "r.xlsx"
        result = CliRunner().invoke(main, ["report", "--db", str(db), *when, "-o", str(out), "--lang", lang])
        text = " ".join(result.output.split())
        assert result.exit_code == 2 and said in text and "'True'" in text, result.output
        assert "row 2" not in text and "dòng 2" not in text and not out.exists()


def test_report_db_names_a_coded_communes_household_with_the_communes_code(tmp_path: Path) -> None:
    """Two communes named Xã Tân Lập with their own codes, each with a household 001: the refusal of a recorded
    household size that is not a number of persons names the commune with its code, as the report names it
    ('hộ 001 — Xã Tân Lập (05007)'), so the officer knows which commune's household file to correct."""
    src, db = tmp_path / "ho.csv", tmp_path / "h.db"
    head = "household_id,commune_code,commune,province,village,area,income_per_capita,household_size\n"
    rows = "001,03001,Xã Tân Lập,Tỉnh X,Thôn 1,rural,9000000,3\n001,05007,Xã Tân Lập,Tỉnh X,Thôn 1,rural,9000000,True\n"
    src.write_text(head + rows, encoding="utf-8")
    assert CliRunner().invoke(main, ["review", str(src), "--date", "2025-12-10", "--db", str(db)]).exit_code == 0
    run = ["report", "--db", str(db), "--date", "2025-12-10", "-o", str(tmp_path / "r.xlsx")]
    result = CliRunner().invoke(main, run)
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "hộ 001 — Xã Tân Lập (05007), lần rà soát ngày 10/12/2025" in said, result.output


def _af_of_the_file_and_the_history(tmp_path: Path, rows: list[dict[str, str]]) -> pd.DataFrame:
    """Review ``rows`` into a history and a reviewed file, export the report of each as CSV, check that the
    two af.csv are the same bytes, and return the reviewed file's."""
    households = tmp_path / "ho.csv"
    pd.DataFrame(rows).to_csv(households, index=False)
    db, reviewed = tmp_path / "h.db", tmp_path / "ho.reviewed.csv"
    args = ["review", str(households), "--date", "2025-12-10", "--commune", "Xã A", "--db", str(db), "-q"]
    result = CliRunner().invoke(main, [*args, "-o", str(reviewed)])
    assert result.exit_code == 0, result.output
    options = ["--format", "csv", "--date", "2025-12-10", "--lang", "en"]
    from_db = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(tmp_path / "db"), *options])
    assert from_db.exit_code == 0, from_db.output
    from_file = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "file"), *options])
    assert from_file.exit_code == 0, from_file.output
    assert (tmp_path / "db" / "af.csv").read_bytes() == (tmp_path / "file" / "af.csv").read_bytes()
    return pd.read_csv(tmp_path / "file" / "af.csv")


_IDS = [indicator.id for indicator in RS.indicators]


def test_report_db_starts_a_first_review_from_the_files_previous_status(tmp_path: Path) -> None:
    """A province's first review into its history, of a file with ``previous_status`` (Tình trạng năm trước)
    and codes restarting at 1 in each commune: the review starts each household the history does not know from
    that column (start_status), so the reviewed file's R2/R3 count the poor and near-poor at the start and the
    escapes, but ``report --db`` started every such household from nothing (column 1 = 0, every poor household
    "newly poor", no escape): the two reports of one review disagreed. The history's report now starts a
    household its history did not know from the previous status the review recorded, as the file's does."""
    head = "household_id,commune_code,commune,village,area,income_per_capita,household_size,previous_status,"
    head += ",".join(f"deprived_{i}" for i in _IDS) + "\n"
    others = ",0" * (len(_IDS) - 3)
    rows = []
    for code, name in (("17007", "Xã Nghi An"), ("17014", "Xã Nghi Bình")):
        for i, (income, previous) in enumerate(
            ((900000, "nghèo"), (3000000, "nghèo"), (1200000, "cận nghèo"), (1000000, "không nghèo"), (1100000, ""))
        ):
            rows.append(f"{i + 1},{code},{name},Thôn 1,rural,{income},3,{previous},1,1,{i % 2}{others}")
    households = tmp_path / "ho.csv"
    households.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    db, reviewed = tmp_path / "h.db", tmp_path / "ho.reviewed.csv"
    args = ["review", str(households), "--date", "2026-12-10", "--db", str(db), "-o", str(reviewed), "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    options = ["--format", "csv", "--date", "2026-12-10", "--lang", "en"]
    from_db = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(tmp_path / "db"), *options])
    assert from_db.exit_code == 0, from_db.output
    from_file = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "file"), *options])
    assert from_file.exit_code == 0, from_file.output
    for name in ("r1.csv", "r2.csv", "r3.csv"):
        assert (tmp_path / "db" / name).read_bytes() == (tmp_path / "file" / name).read_bytes(), name
    r2 = pd.read_csv(tmp_path / "db" / "r2.csv", dtype=str, keep_default_na=False)
    total = r2[(r2["level"] == "total") & (r2["row"] == "households")].iloc[0]
    assert (total["c1"], total["c3"]) == ("4", "2")  # two poor at the start per commune, one escaped each


def test_lists_number_a_villages_households_in_the_order_of_their_codes() -> None:
    """A commune's register numbers its households 1, 2 … 38 (no leading zeros: Excel drops them); the lists
    to post put a village's households in text order, ``11, 2, 38, 5`` and ``25, 27, 7``, so an officer looking
    for household 5 in a village's list found it after 38. A run of digits in a code now counts as its number,
    as in the villages' names (``2, 5, 11, 38``; ``HC-2`` before ``HC-10``); codes alike but for their leading
    zeros (``05``, ``5``) stay apart, in text order."""
    codes = ["11", "2", "38", "5", "05", "HC-10", "HC-2", "A"]
    frame = _reviewed([{"household_id": c, "status": "poor"} for c in codes])
    poor = next(x for x in build_report(from_reviewed(frame, ruleset=RS)).lists if x.id == "poor")
    assert list(poor.rows["household_id"]) == ["2", "05", "5", "11", "38", "A", "HC-2", "HC-10"]
    assert list(poor.rows["number"]) == list(range(1, len(codes) + 1))


def test_a_report_of_communes_whose_files_name_no_province_leaves_a_blank_to_fill(tmp_path: Path) -> None:
    """A district's communes joined from files with no Tỉnh column (commune files rarely have one): the workbook's
    header block read "ỦY BAN NHÂN DÂN" (in English "PEOPLE'S COMMITTEE OF") with no unit after it, and its
    province row "Cộng tỉnh " with nothing after the word. The header now leaves the unit to fill in, "ỦY BAN
    NHÂN DÂN ……", as the signature's place line does, and the row names no province as a blank village is named,
    "Cộng tỉnh —" ("Province subtotal —"); --unit-name still names the district."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"household_id": "1", "commune": c, "status": "poor"} for c in ("Xã Nghi An", "Xã Nghi Bình")]
    frame = _reviewed(rows).assign(province="")
    review = from_reviewed(frame, ruleset=RS, review_date=date(2026, 12, 10))
    for lang, committee, subtotal in (
        ("vi", "ỦY BAN NHÂN DÂN ……", "Cộng tỉnh —"),
        ("en", "PEOPLE'S COMMITTEE OF ……", "Province subtotal —"),
    ):
        book = openpyxl.load_workbook(write_xlsx(build_report(review, lang=lang), tmp_path / f"{lang}.xlsx"))
        cells = [str(c) for row in book["R1"].iter_rows(values_only=True) for c in row if c is not None]
        assert cells[0] == committee, cells[:3]
        assert subtotal in cells and not any(c.rstrip() != c for c in cells), cells
    named = build_report(review, unit_name="Huyện Nghi Lộc")
    book = openpyxl.load_workbook(write_xlsx(named, tmp_path / "named.xlsx"))
    assert book["R1"]["A1"].value == "ỦY BAN NHÂN DÂN HUYỆN NGHI LỘC"


def test_a_province_target_counts_every_commune_of_the_province(tmp_path: Path) -> None:
    """A province's plan ("Tỉnh phấn đấu giảm 10 hộ nghèo, giảm tỷ lệ nghèo 1,5%") written as a targets row with
    its province and a blank commune and village was left out, with a note that it names "a unit with no
    household in this report: Tỉnh A", though every household of the report is of that province. A row with
    its commune and village blank is now the whole province: the poor of all its communes at the start and at
    the end, and the rates of all its households; a commune's row is as before."""
    rows = [
        {"household_id": "1", "commune": "Xã X", "start_status": "poor", "status": "not_poor"},
        {"household_id": "2", "commune": "Xã X", "start_status": "poor", "status": "poor"},
        {"household_id": "1", "commune": "Xã Y", "start_status": "poor", "status": "not_poor"},
        {"household_id": "2", "commune": "Xã Y", "start_status": "not_poor", "status": "not_poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "province,commune,village,target_poor_reduction,target_rate_reduction\nTỉnh A,,,2,40\nTỉnh A,Xã X,,2,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["report", str(path), "-o", str(out), "--format", "csv", "--date", "10/12/2025", "--targets", str(targets)]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "no household in this report" not in " ".join(result.output.split()), result.output
    table = pd.read_csv(out / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    wanted = [
        ["", "3", "1", "2", "75.00", "25.00", "50.00", "1"],
        ["Xã X", "2", "1", "1", "100.00", "50.00", "50.00", "0"],
    ]
    columns = ["commune", "start", "end", "reduction", "start_rate", "end_rate", "rate_reduction", "met"]
    assert table[columns].values.tolist() == wanted


def test_a_reviewed_file_an_earlier_version_wrote_beside_tinh_trang_nam_truoc_is_reported(tmp_path: Path) -> None:
    """Reviewed files written before 11430a0 from a household file headed 'Tình trạng năm trước' hold that column
    beside the review's own previous status (``previous_status``; 'Phân loại lần trước' in a workbook): the report
    refused them ("columns 'Tình trạng năm trước' and 'previous_status' both mean previous_status", and named
    '<data>' for the workbook). Beside a review's own columns (``start_status``) the household file's column is
    now left out and the review's read: the same forms as the file without it."""
    pytest.importorskip("openpyxl")
    households = tmp_path / "ho.csv"
    households.write_text(
        "Mã hộ,Xã,Thôn,Khu vực,Thu nhập bình quân,Tình trạng năm trước\n"
        "1,Xã A,Thôn 1,nông thôn,3000000,nghèo\n2,Xã A,Thôn 1,nông thôn,900000,cận nghèo\n",
        encoding="utf-8",
    )
    options = ["--format", "csv", "--date", "10/12/2026", "--lang", "en"]
    for out in ("r.csv", "r.xlsx"):
        reviewed = tmp_path / out
        args = ["review", str(households), "--date", "10/12/2026", "--db", str(tmp_path / f"{out}.db"), "-q"]
        assert CliRunner().invoke(main, [*args, "-o", str(reviewed), "--blank-flags", "not-deprived"]).exit_code == 0
        assert CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "now"), *options]).exit_code == 0
        if out.endswith(".csv"):
            earlier = pd.read_csv(reviewed, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            earlier = pd.read_excel(reviewed, dtype=str, engine="openpyxl", keep_default_na=False)
        earlier.insert(5, "Tình trạng năm trước", ["nghèo", "cận nghèo"])
        old = tmp_path / f"old_{out}"
        if out.endswith(".csv"):
            earlier.to_csv(old, index=False, quoting=csv.QUOTE_ALL)  # as review writes it
        else:
            earlier.to_excel(old, index=False)
        said = CliRunner().invoke(main, ["report", str(old), "-o", str(tmp_path / "old"), *options])
        assert said.exit_code == 0, said.output
        for name in ("r1.csv", "r2.csv", "r3.csv"):
            assert (tmp_path / "old" / name).read_bytes() == (tmp_path / "now" / name).read_bytes(), (out, name)


def test_the_library_reads_a_reviewed_table_with_the_household_files_previous_status_beside_its_own() -> None:
    """``pr.report_forms`` and ``pr.af_measures`` (and ``report --dask``, which sums the same forms per partition)
    of a reviewed table an earlier version wrote from a household file headed 'Tình trạng năm trước' stopped with
    "<data>: columns 'Tình trạng năm trước' and 'previous_status' both mean previous_status". Beside a review's
    ``start_status`` the household file's column is now left out: the forms and measures of the table without
    it."""
    import poverty_rules as pr

    rows = [{"household_id": str(i), "status": s, "start_status": "poor", "previous_status": "poor"} for i, s in
            enumerate(["poor", "near_poor", "not_poor"])]  # fmt: skip
    now = _reviewed(rows).assign(deprived="", **{f"deprived_{i}": "0" for i in _IDS})
    earlier = now.assign(**{"Tình trạng năm trước": ["nghèo"] * 3})
    for name, form in pr.report_forms(earlier, ruleset=RS).items():
        assert form.rows.equals(pr.report_forms(now, ruleset=RS)[name].rows), name
    assert pr.af_measures(earlier, ruleset=RS).equals(pr.af_measures(now, ruleset=RS))


def test_two_headers_of_one_column_in_a_reviewed_table_are_named_in_either_language() -> None:
    """``report --dask`` (and ``pr.report_forms``, ``pr.af_measures``) of a dataset with two headers of one column
    (``household_id`` and ``Mã hộ``) said "<data>: columns … both mean household_id", no file named, and in
    English under ``--lang vi``: the check read the headers without the dataset's name and wrote its message in
    English alone. The error now carries both languages (the command says it in its own) and names the source
    it is given."""
    frame = _reviewed([{"household_id": "1", "status": "poor"}]).assign(**{"Mã hộ": "1"})
    with pytest.raises(InputError) as raised:
        from_reviewed(frame, ruleset=RS, source="ho.parquet")
    assert raised.value.in_lang("vi").startswith("ho.parquet: hai cột 'household_id' và 'Mã hộ' cùng là household_id")
    assert raised.value.in_lang("en").startswith("ho.parquet: columns 'household_id' and 'Mã hộ' both mean")
    from poverty_rules.reports.af import with_canonical_headers

    with pytest.raises(InputError, match="^t.parquet: columns"):
        with_canonical_headers(frame, "t.parquet")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_csv_report_into_the_folder_of_the_officers_targets_file_keeps_it(
    reviewed_sample: Path, tmp_path: Path, lang: str
) -> None:
    """``report ho.reviewed.csv -o ./`` (a CSV export into the working folder) run without --targets deleted
    the officer's own targets file there, named targets.csv as docs/reports.md names it and read by an
    earlier run's --targets, taking it for an earlier export's targets.csv: an input lost without a word.
    Only a file an export wrote (its header says so) is removed; the officer's file of that name stays."""
    folder = tmp_path / "xa"
    folder.mkdir()
    own = "province,commune,village,target_poor_reduction\nTỉnh Nghệ An,Xã Hưng Chính,,10\n"
    (folder / "targets.csv").write_text(own, encoding="utf-8")
    (folder / "r9.csv").write_text("the officer's own table, named r9\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(reviewed_sample), "-o", f"{folder}/", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert (folder / "targets.csv").read_text(encoding="utf-8") == own
    assert (folder / "r9.csv").read_text(encoding="utf-8") == "the officer's own table, named r9\n"
    assert (folder / "r1.csv").exists() and (folder / "lists" / "poor.csv").exists()


def _nested_by_loop(frame: pd.DataFrame, counts: list[str]) -> pd.DataFrame:
    """docs/reports.md's nesting said as a loop, the way an officer reads a form: for each province, for each of
    its communes, the commune's villages then the commune's row; then the province's row; then the total and
    the areas. Names read as unit_rows reads them (``_text``), ordered as a Vietnamese dictionary orders them."""
    from poverty_rules.reports.units import KEYS, ROW_KEYS, _text
    from poverty_rules.vocabulary.text import vietnamese_key

    data = frame.reindex(columns=[*KEYS, "area", *counts]).copy()
    for key in (*KEYS, "area"):
        data[key] = _text(data[key])
    data[counts] = data[counts].fillna(0).astype("int64")

    def names(rows: pd.DataFrame, key: str) -> list[str]:
        return sorted(set(rows[key]), key=vietnamese_key)

    def sums(rows: pd.DataFrame) -> dict[str, int]:
        return {c: int(rows[c].sum()) for c in counts}

    out: list[dict[str, object]] = []
    blank = dict.fromkeys(ROW_KEYS, "")
    for province in names(data, "province"):
        in_province = data[data["province"] == province]
        for commune in names(in_province, "commune"):
            in_commune = in_province[in_province["commune"] == commune]
            for village in names(in_commune, "village"):
                here = in_commune[in_commune["village"] == village]
                out.append(
                    {
                        **blank,
                        "level": "village",
                        "province": province,
                        "commune": commune,
                        "village": village,
                        **sums(here),
                    }
                )
            out.append({**blank, "level": "commune", "province": province, "commune": commune, **sums(in_commune)})
        out.append({**blank, "level": "province", "province": province, **sums(in_province)})
    out.append({**blank, "level": "total", **sums(data)})
    out += [
        {**blank, "level": "area", "area": a, **sums(data[data["area"] == a])}
        for a in ("urban", "rural")
        if (data["area"] == a).any()
    ]
    return pd.DataFrame(out, columns=[*ROW_KEYS, *counts]).astype(
        {**dict.fromkeys(ROW_KEYS, "str"), **dict.fromkeys(counts, "int64")}
    )


_PLACES = st.sampled_from(
    ["Xã A", "Xã Đông", "xã b", "", " Xã C ", "Xã C", "Thôn 10", "Thôn 2", "Thôn Đoài", "Tỉnh Huế", None, 3, 3.0, "3"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _PLACES, _PLACES, _PLACES, st.sampled_from(["urban", "rural", "", None, " rural"]), st.integers(0, 3)
        ),
        max_size=40,
    )
)
def test_unit_rows_nest_every_commune_as_the_loop_over_communes_does(households: list[tuple]) -> None:
    """unit_rows sorts the village, commune and province rows into their nesting in one pass (a province of
    600 communes took 5 s per form with a loop filtering the tables commune by commune, 0.08 s now): the rows,
    their order and their sums are those of the loop, for any names (blank, spaced, missing, repeated across
    communes and provinces, or numbers: 3 and 3.0 are two names, as the form writes them)."""
    from poverty_rules.reports.units import unit_rows

    frame = pd.DataFrame(households, columns=["province", "commune", "village", "area", "poor"])
    got = unit_rows(frame, ["poor"])
    pd.testing.assert_frame_equal(got, _nested_by_loop(frame, ["poor"]))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _PLACES,
            _PLACES,
            _PLACES,
            st.sampled_from(["urban", "rural", "", None, " rural"]),
            st.integers(0, 3),
            st.integers(0, 9) | st.none(),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_the_forms_of_one_review_sum_other_counts_over_the_units_worked_out_once(
    households: list[tuple], areas: bool
) -> None:
    """A report's forms sum other counts over the same households (reports/forms.py ``FormInputs``): the units
    worked out once for one form's counts (``unit_layout``) give every other form's counts the rows and sums the
    loop over communes gives them, with or without the area rows; a layout of other households is refused."""
    from poverty_rules.reports.units import unit_layout, unit_rows

    frame = pd.DataFrame(households, columns=["province", "commune", "village", "area", "poor", "persons"])
    layout = unit_layout(frame[["province", "commune", "village", "area"]], areas=areas)
    for counts in (["poor"], ["persons", "poor"], ["absent"], []):
        want = _nested_by_loop(frame, counts)
        if not areas:
            want = want[want["level"] != "area"].reset_index(drop=True)
        pd.testing.assert_frame_equal(unit_rows(frame, counts, areas=areas, layout=layout), want)
    with pytest.raises(ValueError):
        unit_rows(frame.reindex(range(len(frame) + 1)), ["poor"], areas=areas, layout=layout)  # one more
    with pytest.raises(ValueError):
        unit_rows(frame, ["poor"], areas=not areas, layout=layout)


def test_a_unit_s_sum_beyond_float_precision_is_exact() -> None:
    """Units sum their households' counts by numpy's bincount, in float64, where every sum a form can hold is
    exact; a sum that could pass 2**53 is added in integers instead, to the unit."""
    from poverty_rules.reports.units import unit_rows

    big = 2**53 + 1  # not a float64: 2**53 + 1 + 1 in float64 is 2**53
    frame = pd.DataFrame(
        {
            "province": ["T", "T"],
            "commune": ["X", "X"],
            "village": ["V", "V"],
            "area": ["rural", "rural"],
            "n": [big, 1],
        }
    )
    rows = unit_rows(frame, ["n"])
    assert rows["n"].tolist() == [big + 1] * 5  # village, commune, province, total, rural


def test_forms_built_together_are_the_forms_built_alone() -> None:
    """build_forms hands every form what the review's forms read alike (the units, each list's deprivations:
    reports/forms.py ``FormInputs``); each form is the one its maker builds alone, R1 to R9, where households
    moved village (R2 and R3 count them apart) and on both lists."""
    from poverty_rules.reports.forms import FORMS

    rows = [
        {
            "household_id": f"H{i}",
            "status": status,
            "previous_status": previous,
            "village": village,
            "commune": commune,
            "province": "Tỉnh A",
            "area": area,
            "household_size": size,
            "deprived": deprived,
            "ethnicity": ethnicity,
            "female_head": disabled,
            "start_village": start,
        }
        for i, (status, previous, village, commune, area, size, deprived, ethnicity, disabled, start) in enumerate(
            [
                ("poor", "poor", "Thôn 1", "Xã B", "rural", "4", "health_insurance;water", "Kinh", "1", "Thôn 2"),
                ("near_poor", "poor", "Thôn 2", "Xã B", "rural", "3", "water", "Tày", "0", ""),
                ("poor", "", "Thôn 1", "Xã A", "urban", "5", "employment;dependency;water", "tày", "", ""),
                ("not_poor", "near_poor", "Thôn 3", "Xã A", "urban", "2", "", "", "1", "Thôn 3"),
                ("near_poor", "near_poor", "Thôn 3", "Xã A", "rural", "", "telecom", "Kinh", "0", ""),
                ("average", "poor", "Thôn 1", "Xã B", "rural", "6", "", "Mường", "0", ""),
            ]
        )
    ]
    review = from_reviewed(_reviewed(rows), ruleset=RS)
    together = build_forms(review)
    alone = [form for make in FORMS.values() if (form := make(review, None)) is not None]
    assert [f.id for f in together] == [f.id for f in alone] == ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"]
    for mine, theirs in zip(together, alone, strict=True):
        pd.testing.assert_frame_equal(mine.rows, theirs.rows)


def test_a_row_of_more_cells_than_the_header_stops_the_report(reviewed_sample: Path, tmp_path: Path) -> None:
    """A reviewed file or a targets file with a row of more cells than its header (a separator too many, typed
    in a text editor) was read with the cells after the last column dropped without a word. The report now
    stops naming the file, the row and those cells, nothing written, in vi and en."""
    lines = reviewed_sample.read_text(encoding="utf-8-sig").splitlines()
    reviewed = tmp_path / "reviewed.csv"
    reviewed.write_text("\n".join([lines[0], lines[1] + ",x,y", *lines[2:]]) + "\n", encoding="utf-8")
    targets = tmp_path / "chi_tieu.csv"
    targets.write_text(
        "province,commune,village,target_poor_reduction\nTỉnh Nghệ An,Xã Hưng Chính,,2\n"
        "Tỉnh Nghệ An,Xã Hưng Chính,Xóm Chợ,1,3\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    cases = (
        ([str(reviewed)], "vi", "reviewed.csv: dòng 2 có"),
        ([str(reviewed)], "en", "reviewed.csv: row 2 has"),
        (
            [str(reviewed_sample), "--targets", str(targets)],
            "vi",
            "chi_tieu.csv: dòng 3 có 5 ô, nhiều hơn dòng tiêu đề",
        ),
        ([str(reviewed_sample), "--targets", str(targets)], "en", "chi_tieu.csv: row 3 has 5 cells"),
    )
    for args, lang, words in cases:
        said = CliRunner().invoke(main, ["report", *args, "-o", str(out), "--lang", lang])
        assert said.exit_code == 2 and words in " ".join(said.output.split()), said.output
        assert not out.exists()


def test_a_second_workbook_written_in_one_process_has_its_own_styles(tmp_path: Path) -> None:
    """The workbook's styles are set once per combination and copied (reports/xlsx.py ``_paint``): the ids are
    a workbook's own, so a second workbook written by the same process (a notebook, a server) must be styled
    from its own tables, not with ids copied from the first."""
    openpyxl = pytest.importorskip("openpyxl")
    flags = {ind.column: "0" for ind in RS.indicators}
    first = [{"household_id": "1", "status": "poor", "village": "Thôn 1", **flags}]
    second = [{"household_id": str(i), "status": "near_poor", "village": f"Thôn {i}", **flags} for i in (2, 3)]
    for name, rows in (("a.xlsx", first), ("b.xlsx", second)):
        report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
        sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / name))["R1"]
        heads = [c for c in sheet["A"] if c.value == W.FORM_COLUMN["unit"]["vi"]]
        assert heads and heads[0].font.b and heads[0].border.left.style == "thin"
        total = next(c for c in sheet["A"] if c.value == W.LEVEL["total"]["vi"])
        count = sheet.cell(total.row, 2)
        assert count.value == len(rows) and count.number_format == "#,##0" and count.font.b
        village = sheet.cell(total.row - 3, 1)
        assert not village.font.b and village.alignment.wrap_text


def test_a_districts_workbook_names_its_sum_after_the_district_not_the_province(tmp_path: Path) -> None:
    """report --unit-name "Huyện Nghi Lộc" of a district's communes (one province): the R1 sheet's and the AF
    sheet's row summing the district's communes read "Cộng Tỉnh A", as if the province's total. It now reads
    "Cộng Huyện Nghi Lộc" ("Subtotal Huyện Nghi Lộc"); without --unit-name, or naming the province itself, the
    row is the province's as before."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"household_id": "1", "commune": c, "status": "poor"} for c in ("Xã Nghi An", "Xã Nghi Bình")]
    review = from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2026, 12, 10))

    def cells(name: str, **options: str) -> list[str]:
        book = openpyxl.load_workbook(write_xlsx(build_report(review, **options), tmp_path / f"{name}.xlsx"))
        return [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None]

    for lang, said in (("vi", "Cộng Huyện Nghi Lộc"), ("en", "Subtotal Huyện Nghi Lộc")):
        district = cells(lang, unit_name="Huyện Nghi Lộc", lang=lang)
        assert said in district and not {"Cộng Tỉnh A", "Province subtotal Tỉnh A"} & set(district), district
    assert "Cộng Tỉnh A" in cells("province") and "Cộng Tỉnh A" in cells("named", unit_name="Tỉnh A")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_reviewed_file_without_its_status_column_names_the_header_the_workbook_gives(
    tmp_path: Path, lang: str
) -> None:
    """report of a file without a status column (the household file given instead of the reviewed one, or a
    workbook whose 'Phân loại' column was renamed) said "thiếu cột status": an English id, where the reviewed
    workbook and history show head the column 'Phân loại' (and the code 'Mã hộ'). The refusal now names the
    Vietnamese header beside the id, in vi and en; nothing is written."""
    households = tmp_path / "ho.csv"
    households.write_text("Mã hộ,Khu vực,Thu nhập bình quân\nH1,nông thôn,900000\n", encoding="utf-8")
    out = tmp_path / "bao_cao.xlsx"
    result = CliRunner().invoke(main, ["report", str(households), "-o", str(out), "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "dòng 1: thiếu cột status (Phân loại);", "en": "row 1: missing column status (Phân loại);"}[lang]
    assert said in " ".join(result.output.split()), result.output
    assert not out.exists()


def _targets_run(tmp_path: Path, text: str, lang: str = "en") -> tuple[int, str]:
    """``report`` of a two-commune review with the targets file ``text``: its exit code and what it said."""
    rows = [
        {"household_id": "1", "commune": "Xã X", "start_status": "poor", "status": "not_poor"},
        {"household_id": "2", "commune": "Xã X", "start_status": "poor", "status": "poor"},
        {"household_id": "1", "commune": "Xã Y", "start_status": "poor", "status": "not_poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    targets = tmp_path / "targets.csv"
    targets.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["report", str(path), "-o", str(out), "--format", "csv", "--date", "10/12/2025", "--targets", str(targets)]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_unit_given_targets_on_two_rows_is_refused_with_both_rows(tmp_path: Path, lang: str) -> None:
    """A targets file giving one commune two rows (``Xã X`` with 1 and then 5 households to take out of
    poverty: a plan copied twice, or amended below) was reported as two rows of the same unit, one met and one
    not, without a word of which the plan meant. It is refused, naming the file, the second row, the columns
    that name the unit and the first row, in the run's language; nothing is written."""
    text = "province,commune,village,target_poor_reduction\nTỉnh A,Xã X,,1\nTỉnh A,Xã Y,,1\nTỉnh A,Xã X,,5\n"
    code, said = _targets_run(tmp_path, text, lang)
    assert code == 2, said
    wanted = {
        "en": "targets.csv: row 4, columns province, commune, village: Xã X, Tỉnh A already has its targets on row 2",
        "vi": "targets.csv: dòng 4, cột province, commune, village: Xã X, Tỉnh A đã có chỉ tiêu ở dòng 2",
    }[lang]
    assert wanted in said, said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("cell", ["nan", "inf", "-Infinity", "sNaN"])
def test_a_target_of_nan_or_infinity_is_no_number(tmp_path: Path, cell: str) -> None:
    """A target cell of ``nan`` or ``inf`` (a spreadsheet's export of an empty or broken formula) stopped the
    report with 'unexpected failure (InvalidOperation …)': Python's decimals read them as numbers. They are
    refused as any other cell that is no number, with the file, row and column."""
    code, said = _targets_run(tmp_path, f"province,commune,village,target_rate_reduction\nTỉnh A,Xã X,,{cell}\n", "vi")
    assert code == 2 and f"targets.csv: dòng 2, cột target_rate_reduction: '{cell}' không phải là số" in said, said
    assert "unexpected" not in said and "InvalidOperation" not in said


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("target_poor_reduction", "-3"),
        ("target_poor_end", "-1"),
        ("target_rate_reduction", "-0,5"),
        ("target_poor_reduction", "\u22123"),
        ("target_poor_reduction", "(3)"),
        ("target_poor_end", "(1.200)"),
        ("target_rate_reduction", "\u22120,5"),
        ("target_rate_reduction", "(0,5%)"),
        ("target_rate_reduction", "\u20130,5"),
    ],
)
def test_a_target_below_zero_is_refused_with_its_row_and_column(tmp_path: Path, column: str, cell: str) -> None:
    """A target below zero (``-3`` households to take out of poverty: a sign typed by mistake, or a column of
    increases) was reported as met whatever the commune did. It is refused with the file, row and column, in
    the run's language; nothing is written. So is one written ``−3`` (Unicode's minus, U+2212, as Word and web
    pages write it), ``–0,5`` (an en dash) or ``(3)`` (an accountant's negative, as Excel's accounting format shows
    one), once refused "'−3' is not a number": a cell the officer reads as a number below zero."""
    text = f'province,commune,village,{column}\nTỉnh A,Xã Y,,1\nTỉnh A,Xã X,,"{cell}"\n'
    code, said = _targets_run(tmp_path, text, "vi")
    assert code == 2 and f"targets.csv: dòng 3, cột {column}: '{cell}' nhỏ hơn 0" in said, said
    code, said = _targets_run(tmp_path, text, "en")
    assert code == 2 and f"targets.csv: row 3, column {column}: '{cell}' is below zero" in said, said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("cell", "read"), [("1.200", "1200"), ("1,200", "1200"), ("1 200", "1200"), ("54", "54")])
def test_a_households_target_written_with_thousands_separators_is_read_as_officers_write_it(
    tmp_path: Path, cell: str, read: str
) -> None:
    """A province's plan of ``1.200`` households to take out of poverty (Vietnamese thousands, as the reports
    themselves write ``1.993``) was read as 1 household (the dot taken for a decimal point), and so met by a
    province that took out 1; ``1,200`` too. A count target is read as household counts are everywhere else
    (vocabulary/numbers.py: ``1.500`` is 1,500) and shown as written in the targets table."""
    code, said = _targets_run(tmp_path, f'province,commune,village,target_poor_reduction\nTỉnh A,Xã X,,"{cell}"\n')
    assert code == 0, said
    table = pd.read_csv(tmp_path / "out" / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert table[["target_poor_reduction", "met"]].values.tolist() == [[read, "1" if read == "1" else "0"]]


@pytest.mark.parametrize("column", ["target_poor_reduction", "target_poor_end"])
def test_a_households_target_of_part_of_a_household_is_refused(tmp_path: Path, column: str) -> None:
    """A count of households given as ``1,5`` (half a household: a rate typed in the wrong column) was kept as
    1.50 households and compared as such. It is refused with the file, row and column, in the run's language."""
    code, said = _targets_run(tmp_path, f'province,commune,village,{column}\nTỉnh A,Xã X,,"1,5"\n', "vi")
    assert code == 2 and f"targets.csv: dòng 2, cột {column}: '1,5' không phải là số hộ nguyên" in said, said
    code, said = _targets_run(tmp_path, f'province,commune,village,{column}\nTỉnh A,Xã X,,"1,5"\n', "en")
    assert code == 2 and f"targets.csv: row 2, column {column}: '1,5' is not a whole number of households" in said


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_reviewed_file_of_its_header_alone_is_reported_and_said(tmp_path: Path, suffix: str) -> None:
    """A reviewed file of its header alone (what ``review`` writes when every row is rejected; or the wrong
    file exported) gave forms of zero households without a word, from a CSV as from a Parquet file, as if the
    commune had no household. Both are still written (zero counts, blank rates: docs/reports.md) and a note
    says the file holds no household row, in the run's language."""
    header = ["household_id", "village", "commune", "province", "area", "household_size", "status", "deprived"]
    path = tmp_path / f"ho.reviewed{suffix}"
    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in header}).astype(str)
    empty.to_csv(path, index=False) if suffix == ".csv" else empty.to_parquet(path, index=False)
    for lang, wanted in (
        ("en", f"ho.reviewed{suffix}: the file has its header row but no household rows"),
        ("vi", f"ho.reviewed{suffix}: tệp chỉ có dòng tiêu đề, không có dòng hộ nào"),
    ):
        out = tmp_path / f"out_{lang}"
        args = ["report", str(path), "-o", str(out), "--format", "csv", "--date", "10/12/2025", "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert wanted in " ".join(result.output.split()), result.output
        r1 = pd.read_csv(out / "r1.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
        assert r1[["level", "c1", "c2", "c3", "c4"]].values.tolist() == [["total", "0", "0", "0", ""]]


def test_the_af_measures_of_a_tick_only_review_read_blank_marks_as_the_review_did(tmp_path: Path) -> None:
    """A commune's form ticks only the deprivations (``x``, the rest blank) and is reviewed with
    ``--blank-flags not-deprived``: every household is classified, and the history records every mark known
    (``report --db`` counts all 40 in the AF measures). From the reviewed file, which keeps the blank cells,
    the AF measures read each blank as unknown and left every household out: N = 0, H, A and M0 blank, no
    word from the command. ``report --blank-flags not-deprived`` reads them as the review did: the same af.csv
    as the history's; without it a blank stays unknown (docs/standard.md: unknown is not zero)."""
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    rows = pd.read_csv(source, dtype=str, keep_default_na=False).head(40)
    flags = [ind.column for ind in RS.indicators]
    rows[flags] = rows[flags].replace({"1": "x", "0": ""})
    households, db = tmp_path / "ho.csv", tmp_path / "h.db"
    rows.to_csv(households, index=False)
    args = ["review", str(households), "--date", "2026-12-10", "--db", str(db), "--blank-flags", "not-deprived", "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    options = ["--format", "csv", "--date", "2026-12-10", "--lang", "en"]
    from_db = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(tmp_path / "db"), *options])
    assert from_db.exit_code == 0, from_db.output
    reviewed = str(tmp_path / "ho.reviewed.csv")
    ticks = CliRunner().invoke(
        main, ["report", reviewed, "-o", str(tmp_path / "file"), "--blank-flags", "not-deprived", *options]
    )
    assert ticks.exit_code == 0, ticks.output
    assert (tmp_path / "db" / "af.csv").read_bytes() == (tmp_path / "file" / "af.csv").read_bytes()
    af = pd.read_csv(tmp_path / "file" / "af.csv")
    n = af[(af["level"] == "total") & (af["measure"] == "N") & (af["unit"] == "household")]["value"]
    assert (n == 40).all()
    unknown = CliRunner().invoke(main, ["report", reviewed, "-o", str(tmp_path / "unknown"), *options])
    assert unknown.exit_code == 0, unknown.output
    af = pd.read_csv(tmp_path / "unknown" / "af.csv")
    assert (af[(af["measure"] == "N") & (af["unit"] == "household")]["value"] == 0).all()
    refused = CliRunner().invoke(
        main, ["report", "--db", str(db), "-o", str(tmp_path / "x"), "--blank-flags", "not-deprived", *options]
    )
    assert refused.exit_code == 2 and "the history (--db) records each mark as the review read it" in refused.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_says_it_holds_no_targets_and_no_eligible_list_when_asked_for_them(tmp_path: Path, lang: str) -> None:
    """``report … -o trang.html --targets chi_tieu.csv`` (or ``--eligible-on``) wrote the page without the plan
    targets (or the eligible list), which the page does not hold, and said nothing: the officer looked for the
    targets in vain. The page is written as before and a note names the options not used and where their tables
    are (the workbook, the CSV export), in the run's language."""
    rows = [{"household_id": "1", "start_status": "poor", "status": "not_poor"}]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    targets = tmp_path / "targets.csv"
    targets.write_text("province,commune,village,target_poor_reduction\nTỉnh A,Xã X,,1\n", encoding="utf-8")
    page = tmp_path / "page.html"
    args = ["report", str(path), "-o", str(page), "--date", "10/12/2025", "--lang", lang]
    said = CliRunner().invoke(main, [*args, "--targets", str(targets), "--eligible-on", "31/12/2025"])
    assert said.exit_code == 0, said.output
    wanted = {
        "vi": "--targets, --eligible-on: trang HTML không có bảng chỉ tiêu kế hoạch và danh sách hộ được hưởng",
        "en": "--targets, --eligible-on: the HTML page holds no plan targets table and no eligible list",
    }[lang]
    assert wanted in " ".join(said.output.split()), said.output
    assert page.exists()
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 0 and "--targets" not in plain.output, plain.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_change_reason_names_the_column_as_the_file_heads_it(tmp_path: Path, lang: str) -> None:
    """report of a reviewed file whose officer's column 'Lý do biến động' held 'bỏ đi' said "cột change_reason:
    'bỏ đi'; cần chuyển đến, chuyển đi, …": a column the file does not have (its header is Vietnamese), and a list
    read as 'needs to move in, move out …'. It now names the column as the file heads it and says 'cần một trong:',
    in vi and en; nothing is written."""
    reviewed = tmp_path / "rv.csv"
    reviewed.write_text(
        "household_id,village,status,transition,Lý do biến động\nH1,Thôn 1,poor,first_review,\n"
        "H2,Thôn 1,not_poor,first_review,bỏ đi\n",
        encoding="utf-8",
    )
    out = tmp_path / "bao_cao.xlsx"
    result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(out), "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {
        "vi": "dòng 3, cột Lý do biến động: 'bỏ đi' không phải lý do biến động; cần một trong: chuyển đến,",
        "en": "row 3, column Lý do biến động: 'bỏ đi' is not a change reason; expected moved_in,",
    }[lang]
    assert said in " ".join(result.output.split()), result.output
    assert not out.exists()


def test_a_target_row_with_no_target_given_is_neither_met_nor_missed(tmp_path: Path) -> None:
    """A targets row naming a commune with every target cell blank (a district's list of its communes, one's plan
    not yet set) was reported as met ('1' in targets.csv, 'Đạt' in the workbook): no target at all was taken as
    every target reached. Its achieved figures are shown as before, and 'met' is blank, in the CSV and in the
    workbook; a row with a target is as before."""
    text = "province,commune,village,target_poor_reduction,target_rate_reduction\nTỉnh A,Xã X,,,\nTỉnh A,Xã Y,,1,\n"
    code, said = _targets_run(tmp_path, text)
    assert code == 0, said
    table = pd.read_csv(tmp_path / "out" / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    wanted = [["Xã X", "2", "1", ""], ["Xã Y", "1", "0", "1"]]
    assert table[["commune", "start", "end", "met"]].values.tolist() == wanted
    import openpyxl

    book = tmp_path / "r.xlsx"
    args = ["report", str(tmp_path / "ho.reviewed.csv"), "-o", str(book), "--date", "10/12/2025"]
    result = CliRunner().invoke(main, [*args, "--targets", str(tmp_path / "targets.csv"), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(book)["Chỉ tiêu"]
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("Xã")]
    assert [(r[0], r[-1]) for r in rows] == [("Xã X, Tỉnh A", None), ("Xã Y, Tỉnh A", "Đạt")], rows


def test_a_district_workbooks_province_target_is_named_after_the_district(tmp_path: Path) -> None:
    """In a district's workbook (``--unit-name "Huyện Nghi Lộc"``) the forms name the province row after the
    district ("Cộng Huyện Nghi Lộc": it sums the district's communes alone, docs/reports.md), but the targets
    sheet named the row of the district's plan (province given, commune and village blank) "Tỉnh A", beside the
    district's counts: read as the province's figures. It is named after the district there too; a commune's
    row, and a workbook without --unit-name, are as before."""
    import openpyxl

    text = "province,commune,village,target_poor_reduction\nTỉnh A,,,1\nTỉnh A,Xã X,,1\n"
    code, said = _targets_run(tmp_path, text)
    assert code == 0, said
    args = ["report", str(tmp_path / "ho.reviewed.csv"), "--date", "10/12/2025", "--lang", "vi"]
    args += ["--targets", str(tmp_path / "targets.csv")]
    for option, name in ((["--unit-name", "Huyện Nghi Lộc"], "Huyện Nghi Lộc"), ([], "Tỉnh A")):
        book = tmp_path / f"r{len(option)}.xlsx"
        result = CliRunner().invoke(main, [*args, "-o", str(book), *option])
        assert result.exit_code == 0, result.output
        sheet = openpyxl.load_workbook(book)["Chỉ tiêu"]
        units = [r[0] for r in sheet.iter_rows(values_only=True) if isinstance(r[0], str) and isinstance(r[1], int)]
        assert units == [name, "Xã X, Tỉnh A"], units


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_header_of_a_report_of_communes_and_wards_calls_them_so(tmp_path: Path, lang: str) -> None:
    """A town's or a province's workbook covering wards (phường) and townships (thị trấn) beside its communes said
    "Gồm 3 xã: Phường Hưng Dũng, Thị trấn Quán Hành, Xã Nghi An": a ward is no commune (xã) in an official
    header. Such a report now says "Gồm 3 xã, phường, thị trấn: …" ("Covering 3 communes, wards and townships"),
    on the workbook and the page; a report of communes alone says "Gồm 2 xã" as before."""
    import openpyxl

    rows = [
        {"household_id": "1", "commune": "Phường Hưng Dũng", "start_status": "poor", "status": "poor"},
        {"household_id": "1", "commune": "Thị trấn Quán Hành", "start_status": "poor", "status": "poor"},
        {"household_id": "1", "commune": "Xã Nghi An", "start_status": "poor", "status": "poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    wanted = {
        "vi": "Gồm 3 xã, phường, thị trấn: Phường Hưng Dũng, Thị trấn Quán Hành, Xã Nghi An",
        "en": "Covering 3 communes, wards and townships: Phường Hưng Dũng, Thị trấn Quán Hành, Xã Nghi An",
    }[lang]
    args = ["report", str(path), "--date", "10/12/2025", "--lang", lang]
    for out in ("r.xlsx", "r.html"):
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    cells = [c for r in openpyxl.load_workbook(tmp_path / "r.xlsx")["R1"].iter_rows(values_only=True) for c in r]
    assert wanted in cells, cells[:12]
    assert wanted in (tmp_path / "r.html").read_text(encoding="utf-8")
    communes = tmp_path / "communes.reviewed.csv"
    _reviewed([rows[2], {**rows[2], "commune": "Xã Nghi Bình"}]).assign(deprived="").to_csv(communes, index=False)
    result = CliRunner().invoke(main, ["report", str(communes), "-o", str(tmp_path / "c.xlsx"), *args[2:]])
    assert result.exit_code == 0, result.output
    cells = [c for r in openpyxl.load_workbook(tmp_path / "c.xlsx")["R1"].iter_rows(values_only=True) for c in r]
    two = {"vi": "Gồm 2 xã: Xã Nghi An, Xã Nghi Bình", "en": "Covering 2 communes: Xã Nghi An, Xã Nghi Bình"}
    assert two[lang] in cells


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_targets_file_of_its_header_alone_is_refused(tmp_path: Path, lang: str) -> None:
    """A targets file of its header alone (the template sent to the communes, not yet filled in; or the wrong
    sheet) gave a targets table of no row and no word, as if no unit had a plan. It is refused as classify and
    review refuse a household file of its header alone, naming the file, in the run's language; nothing written."""
    code, said = _targets_run(tmp_path, "province,commune,village,target_poor_reduction\n", lang)
    assert code == 2, said
    wanted = {
        "vi": "targets.csv: tệp chỉ có dòng tiêu đề, không có dòng chỉ tiêu nào",
        "en": "targets.csv: the file has its header row but no target rows",
    }[lang]
    assert wanted in said, said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("cell", ["0,8%", "0.8 %", "0,8"])
def test_a_rate_target_written_with_its_percent_sign_is_read_as_points(tmp_path: Path, cell: str) -> None:
    """A commune's plan "giảm tỷ lệ hộ nghèo 0,8%" copied into target_rate_reduction as written, ``0,8%``, was
    refused as "not a number". The percent sign is taken as the column's unit (percentage points): 0.80, as
    ``0,8`` is."""
    code, said = _targets_run(tmp_path, f'province,commune,village,target_rate_reduction\nTỉnh A,Xã X,,"{cell}"\n')
    assert code == 0, said
    table = pd.read_csv(tmp_path / "out" / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert table["target_rate_reduction"].tolist() == ["0.80"]


def test_a_target_naming_its_commune_in_another_unicode_form_or_case_is_matched(tmp_path: Path) -> None:
    """A targets file typed on a Mac (Vietnamese letters in their decomposed Unicode form, NFD) or with the
    commune in lower case ("xã x") named units the report has: they were left out with the note "2 target rows
    name a unit with no household in this report: Xã X, Tỉnh A", a name the officer sees in the report,
    letter for letter. Names are now matched whatever their Unicode form, case and spacing (never their accents:
    Nghi An and Nghi Ân are two communes)."""
    import unicodedata

    text = "province,commune,village,target_poor_reduction\nTỉnh A,Xã X,,1\ntỉnh a,  xã  y ,,1\nTỉnh A,Xã Ý,,1\n"
    code, said = _targets_run(tmp_path, unicodedata.normalize("NFD", text))
    assert code == 0, said
    assert "1 target row names a unit with no household in this report" in said, said
    table = pd.read_csv(tmp_path / "out" / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert table[["start", "end", "met"]].values.tolist() == [["2", "1", "1"], ["1", "0", "1"]]


def test_blank_flags_not_deprived_is_refused_for_a_review_that_read_blank_marks_as_unknown(tmp_path: Path) -> None:
    """``report --blank-flags not-deprived`` of a reviewed file whose review read blank marks as unknown (a
    household undetermined for want of a mark, ``undetermined_by`` naming it) would count in the AF measures, as
    not deprived, the very marks the review said were to collect. It is refused, naming the file and the first
    such household, in the run's language; the file is reported as before without the option."""
    source = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    rows = pd.read_csv(source, dtype=str, keep_default_na=False).head(40)
    flags = [ind.column for ind in RS.indicators]
    rows[flags] = rows[flags].replace({"1": "x", "0": ""})
    households = tmp_path / "ho.csv"
    rows.to_csv(households, index=False)
    args = ["review", str(households), "--date", "2026-12-10", "--db", str(tmp_path / "h.db"), "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    reviewed = pd.read_csv(tmp_path / "ho.reviewed.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    first = reviewed.loc[reviewed["undetermined_by"].str.contains("deprived_"), "household_id"].iloc[0]
    options = [str(tmp_path / "ho.reviewed.csv"), "--format", "csv", "--date", "2026-12-10", "--blank-flags"]
    for lang, words in (("en", f"household {first}"), ("vi", f"hộ {first}")):
        said = CliRunner().invoke(main, ["report", *options, "not-deprived", "-o", str(tmp_path / "o"), "--lang", lang])
        assert said.exit_code == 2 and words in said.output and "--blank-flags" in said.output, said.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_targets_file_headed_as_the_workbooks_targets_sheet_is_read(tmp_path: Path, lang: str) -> None:
    """A targets file headed in Vietnamese as the workbook's own targets sheet heads its columns ("Chỉ tiêu giảm
    (hộ)", "Chỉ tiêu hộ nghèo cuối kỳ", "Chỉ tiêu giảm tỷ lệ (điểm %)"; or their English words) was refused with
    "no target column; expected one of target_poor_reduction, …": an officer had to head the file in the ids. Those
    headers are now read as the ids, whatever their case and accents' form."""
    heads = [W.TARGET_COLUMN[t][lang] for t in ("target_poor_reduction", "target_poor_end", "target_rate_reduction")]
    text = f'Tỉnh,Xã,Thôn,{heads[0].upper()},{heads[1]},{heads[2]}\nTỉnh A,Xã X,,1,1,"0,5"\n'
    code, said = _targets_run(tmp_path, text, lang)
    assert code == 0, said
    table = pd.read_csv(tmp_path / "out" / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    columns = ["target_poor_reduction", "target_poor_end", "target_rate_reduction", "met"]
    assert table[columns].values.tolist() == [["1", "1", "0.50", "1"]]


def test_a_rate_target_in_a_cell_formatted_as_a_percentage_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    """A rate target typed in Excel into a cell formatted as a percentage (``60%`` shown, 0.6 stored) was read
    as 0.6 percentage points: a plan to cut the rate by 60 points shown met by a cut of 50. Such a cell is read
    as the sheet shows it, ``60%``, then as ``60%`` typed as text: 60 points (``1.5%`` shown, 1.5 points)."""
    import openpyxl

    rows = [
        {"household_id": "1", "commune": "Xã X", "start_status": "poor", "status": "not_poor"},
        {"household_id": "2", "commune": "Xã X", "start_status": "poor", "status": "poor"},
        {"household_id": "1", "commune": "Xã Y", "start_status": "poor", "status": "not_poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["province", "commune", "village", "target_rate_reduction"])
    ws.append(["Tỉnh A", "Xã X", None, 0.6])
    ws.append(["Tỉnh A", "Xã Y", None, 0.015])
    ws["D2"].number_format = "0%"
    ws["D3"].number_format = "0.0%"
    wb.save(tmp_path / "chi_tieu.xlsx")
    out = tmp_path / "out"
    args = [
        str(path),
        "-o",
        str(out),
        "--format",
        "csv",
        "--date",
        "10/12/2025",
        "--targets",
        str(tmp_path / "chi_tieu.xlsx"),
    ]
    said = CliRunner().invoke(main, ["report", *args])
    assert said.exit_code == 0, said.output
    table = pd.read_csv(out / "targets.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert table[["commune", "rate_reduction", "target_rate_reduction", "met"]].values.tolist() == [
        ["Xã X", "50.00", "60.00", "0"],
        ["Xã Y", "100.00", "1.50", "1"],
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_households_of_a_blank_commune_beside_named_ones_are_counted_apart_and_said(tmp_path: Path, lang: str) -> None:
    """A commune's copy whose Xã cell was left blank on two rows was reported as two communes, "Xã X" and one
    of no name ("Cộng xã —"), each with its own "Thôn 1", without a word: the commune's own rows were two
    households short. They are still counted apart (a village is identified by its province, commune and village,
    docs/reports.md, as the history records them), and the report now says how many, the first and the
    commune they are not counted in, in the run's language; a file naming no commune at all says nothing."""
    rows = [
        {"household_id": "1", "status": "poor"},
        {"household_id": "2", "status": "not_poor"},
        {"household_id": "3", "commune": "", "status": "poor"},
        {"household_id": "4", "commune": " ", "status": "near_poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    out = tmp_path / f"out_{lang}"
    said = CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--format", "csv", "--lang", lang])
    text = " ".join(said.output.split())
    assert said.exit_code == 0, text
    wanted = {
        "vi": "2 hộ để trống ô Xã (commune), hộ đầu tiên là 3: các biểu tính các hộ này riêng",
        "en": "2 households with a blank commune (Xã) cell, the first 3: the forms count them apart",
    }[lang]
    assert wanted in text and "Xã X" in text, text
    r1 = pd.read_csv(out / "r1.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    communes = r1[r1["level"] == "commune"].set_index("commune")["c1"].to_dict()
    assert communes == {"": "2", "Xã X": "2"}
    _reviewed(rows).assign(deprived="", commune="").to_csv(path, index=False)  # no commune named: nothing said
    said = CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--format", "csv", "--lang", lang])
    assert said.exit_code == 0 and "(commune)" not in said.output and "commune (Xã)" not in said.output, said.output


def test_a_wards_subtotal_row_names_it_a_ward_not_a_commune(tmp_path: Path) -> None:
    """A district's report of a ward and a commune (Phường Hưng Bình, Xã Nghi Ân) named the ward's subtotal row
    "Cộng xã Phường Hưng Bình", calling a ward a commune on the form sent up, on the workbook and on the page (the
    line under the title already said "Gồm 2 xã, phường, thị trấn"). A unit named with its own word (phường, thị
    trấn, thành phố …) is now said with it, "Cộng Phường Hưng Bình", as "Cộng Xã Nghi Ân" is; English unchanged."""
    import openpyxl

    rows = [
        {"household_id": "1", "commune": "Phường Hưng Bình", "status": "poor"},
        {"household_id": "2", "commune": "Xã Nghi Ân", "status": "near_poor"},
        {"household_id": "3", "commune": "Nghi Lộc", "status": "near_poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    labels = {}
    for lang in ("vi", "en"):
        book = tmp_path / f"r_{lang}.xlsx"
        done = CliRunner().invoke(main, ["report", str(path), "-o", str(book), "--lang", lang])
        assert done.exit_code == 0, done.output
        sheet = openpyxl.load_workbook(book, read_only=True)["R1"]
        labels[lang] = [r[0] for r in sheet.iter_rows(values_only=True) if r and isinstance(r[0], str)]
    assert {"Cộng Phường Hưng Bình", "Cộng Xã Nghi Ân", "Cộng xã Nghi Lộc"} <= set(labels["vi"]), labels["vi"]
    assert not [label for label in labels["vi"] if label.startswith("Cộng xã Phường")]
    assert "Commune subtotal Phường Hưng Bình" in labels["en"], labels["en"]


def test_the_header_blocks_unit_and_communes_look_at_each_name_once_not_each_household(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A province's workbook (200,000 households) took 81 s, 40 of them naming its unit and its communes: every
    sheet's header block, running head and signature looked at each household's province and commune again (54
    times). They now look at each distinct name once (a province's report: 40 s, the same workbook)."""
    rows = [{"household_id": str(i), "commune": ("Xã A", "Xã B")[i % 2], "status": "poor"} for i in range(2000)]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS), lang="vi")
    looked = [0]
    iterate = pd.Series.__iter__

    def counted(self: pd.Series) -> object:
        for value in iterate(self):
            looked[0] += 1
            yield value

    monkeypatch.setattr(pd.Series, "__iter__", counted)
    assert report.unit_name == "Tỉnh A" and report.communes == ["Xã A", "Xã B"]
    assert report.coverage().startswith("Gồm 2 xã")
    assert looked[0] < 100, looked[0]


def test_a_report_shows_a_spinner_on_a_terminal_while_it_is_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A province's report (200,000 households) took 40 s to a minute with nothing on the screen, where review
    and classify show that they are working: the officer could not tell it from a hang. report now shows a
    spinner, "Đang lập báo cáo <file>" / "Writing the report <file>", on a terminal's stderr while it builds and
    writes the report (nothing on a file or a pipe), gone when the summary is printed."""
    import io

    from rich.console import Console

    import poverty_rules.cli._base as base_cli  # the spinner of every command (_base.working)

    path = tmp_path / "ho.reviewed.csv"
    _reviewed([{"household_id": "1", "status": "poor"}]).assign(deprived="").to_csv(path, index=False)
    for lang, words in (("vi", "Đang lập báo cáo"), ("en", "Writing the report")):
        screen = io.StringIO()
        console = Console(file=screen, force_terminal=True, force_interactive=True, width=200)
        monkeypatch.setattr(base_cli, "stderr", lambda console=console: console)
        out = tmp_path / f"r_{lang}.xlsx"
        done = CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--lang", lang])
        assert done.exit_code == 0, done.output
        assert f"{words} {out}" in screen.getvalue(), screen.getvalue()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_never_refuses_the_options_it_says_it_does_not_use(tmp_path: Path, lang: str) -> None:
    """``report … -o trang.html --targets chi_tieu.csv`` said "--targets: the HTML page holds no plan targets table
    … not used", then read the targets file all the same and stopped on it (exit 2, no page): a targets file not
    found, or one without its province column; so did an ``--eligible-on`` before the review's date, for an
    eligible list the page does not hold. The page now uses neither, as the note says: it is written (exit 0)."""
    rows = [{"household_id": "1", "start_status": "poor", "status": "not_poor"}]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    headless = tmp_path / "headless.csv"
    headless.write_text("village,target_poor_reduction\nThôn 1,1\n", encoding="utf-8")
    page, plain = tmp_path / "page.html", tmp_path / "plain.html"
    args = ["report", str(path), "--date", "10/12/2025", "--lang", lang]
    assert CliRunner().invoke(main, [*args, "-o", str(plain)]).exit_code == 0
    for unused in (
        ["--targets", str(tmp_path / "missing.csv")],
        ["--targets", str(headless)],
        ["--eligible-on", "01/01/2025"],
    ):
        page.unlink(missing_ok=True)
        said = CliRunner().invoke(main, [*args, "-o", str(page), *unused])
        assert said.exit_code == 0 and unused[0] in said.output, (unused, said.output)
        assert page.exists() and "<svg" in page.read_text(encoding="utf-8"), unused


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_k_option_says_what_it_changes(tmp_path: Path, lang: str) -> None:
    """report --help said of --k "default: every k in af.csv, 3 on the page" ("mặc định: mọi k trong af.csv"), as
    if --k narrowed af.csv to that k; af.csv holds every k whatever --k says (docs/analysis.md), and --k is the
    cutoff of the page and of the workbook's AF sheet, whose default is 3 too. The help now says so; af.csv of
    a report with --k 2 holds every k."""
    rows = [{"household_id": str(i), "status": "not_poor", "deprived": ""} for i in range(3)]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).to_csv(path, index=False)
    said = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "out"), "--format", "csv", "--k", "2"])
    assert said.exit_code == 0, said.output
    assert sorted(pd.read_csv(tmp_path / "out" / "af.csv")["k"].dropna().unique()) == list(range(1, 13))
    text = " ".join(CliRunner().invoke(main, ["report", "--help", "--lang", lang]).output.split())
    assert "af.csv luôn có mọi k" in text and "af.csv always holds every k" in text, text
    assert "mọi k trong af.csv" not in text and "every k in af.csv" not in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_households_of_a_blank_province_beside_named_ones_are_counted_apart_and_said(tmp_path: Path, lang: str) -> None:
    """A commune's copy whose Tỉnh cell was left blank on a row was reported with "Xã X" twice, once in a
    province of no name ("Cộng tỉnh —"), and a line under the title "Gồm 2 xã: Xã X, Xã X (Tỉnh A)", without a
    word. They are still counted apart (a village is identified by its province, commune and village), and the
    report now says how many, the first and the province they are not counted in, in the run's language."""
    rows = [
        {"household_id": "1", "status": "poor"},
        {"household_id": "2", "status": "not_poor"},
        {"household_id": "3", "province": "", "status": "poor"},
    ]
    path = tmp_path / "ho.reviewed.csv"
    _reviewed(rows).assign(deprived="").to_csv(path, index=False)
    out = tmp_path / f"out_{lang}"
    said = CliRunner().invoke(main, ["report", str(path), "-o", str(out), "--format", "csv", "--lang", lang])
    text = " ".join(said.output.split())
    assert said.exit_code == 0, text
    wanted = {
        "vi": "1 hộ để trống ô Tỉnh (province), hộ đầu tiên là 3: các biểu tính các hộ này riêng",
        "en": "1 household with a blank province (Tỉnh) cell, the first 3: the forms count them apart",
    }[lang]
    assert wanted in text and "Tỉnh A" in text, text
    assert "(commune)" not in text and "commune (Xã)" not in text, text  # the commune is named on every row


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("name", "fmt"), [("bao_cao.csv", None), ("bao_cao.CSV", "csv"), ("bao_cao.txt", "csv"), ("bao_cao.xlsx", "csv")]
)
def test_the_csv_export_named_as_a_file_is_refused_naming_the_folder_and_the_workbook(
    tmp_path: Path, lang: str, name: str, fmt: str | None
) -> None:
    """``report ho.reviewed.csv -o bao_cao.csv`` wrote a FOLDER named bao_cao.csv (r1.csv … af.csv and lists/),
    which Excel cannot open; so did ``-o bao_cao.txt --format csv`` and ``-o bao_cao.xlsx --format csv``. An -o
    named as one file is (its extension a file's) is now refused for the CSV export before any work, exit 2,
    nothing written, saying in the run's language that the export is a folder and the two ways out: ``-o bao_cao``
    for the folder, ``-o bao_cao.xlsx`` for one workbook (without --format csv when it was given)."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    run = ["report", str(reviewed), "-o", str(tmp_path / name), "--lang", lang, *(["--format", fmt] if fmt else [])]
    said = CliRunner().invoke(main, run)
    text = " ".join(said.output.split())
    folder, workbook = tmp_path / "bao_cao", tmp_path / "bao_cao.xlsx"
    words = {
        "vi": ("báo cáo CSV là một thư mục", f"hãy cho -o {folder} để có thư mục", f"-o {workbook}", "không ghi gì"),
        "en": ("the CSV export is a folder", f"give -o {folder} for that folder", f"-o {workbook}", "nothing written"),
    }[lang]
    assert said.exit_code == 2 and all(w in text for w in words), said.output
    assert ("--format csv" in text.split(f"-o {workbook}")[1]) == (fmt == "csv"), said.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_workbook_asked_for_a_csv_name_names_the_workbook_and_the_folder(tmp_path: Path, lang: str) -> None:
    """``report … -o bao_cao.csv --format xlsx`` said to name it bao_cao.xlsx "or leave out --format", which gave
    a folder named bao_cao.csv. It now names the workbook to give and the CSV export's folder (``-o bao_cao``),
    exit 2, nothing written; a name written with its slash (``-o bao_cao.csv/``) is a folder's, and exported."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    run = ["report", str(reviewed), "-o", str(tmp_path / "bao_cao.csv"), "--format", "xlsx", "--lang", lang]
    said = CliRunner().invoke(main, run)
    text = " ".join(said.output.split())
    name = {"vi": "hãy đặt tên", "en": "name it"}[lang]
    assert said.exit_code == 2 and f"{name} {tmp_path / 'bao_cao.xlsx'}" in text, said.output
    assert f"-o {tmp_path / 'bao_cao'})" in text and "--format" not in text.split(name)[1], said.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv"]
    slash = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "bao_cao.csv") + "/"])
    assert slash.exit_code == 0 and (tmp_path / "bao_cao.csv" / "r1.csv").is_file(), slash.output


#: An option the CSV export does not use, and what its note says (vi, en): the words, then that it is unused.
_UNUSED_BY_CSV = {
    "--unit-name": (
        ("Huyện Nghi Lộc",),
        {"vi": "các tệp CSV không có phần đầu biểu", "en": "the CSV files have no header block"},
        {"vi": "nên không dùng đến", "en": "not used"},
    ),
    "--k": (
        ("4",),
        {"vi": "tệp af.csv luôn ghi chỉ số Alkire–Foster ở mọi ngưỡng k", "en": "af.csv always holds"},
        {"vi": "nên tùy chọn này không dùng đến", "en": "at every cutoff k: not used"},
    ),
}


@pytest.fixture(scope="module")
def plain_csv_export_said(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What ``report --format csv`` of a one-household file says given neither option, in each language: made once
    for the tests of each option, which only read it."""
    folder = tmp_path_factory.mktemp("plain_csv_export")
    reviewed = folder / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    said = {}
    for lang in ("vi", "en"):
        run = ["report", str(reviewed), "--format", "csv", "-o", str(folder / "bao_cao"), "--lang", lang]
        result = CliRunner().invoke(main, run)
        assert result.exit_code == 0, result.output
        said[lang] = result.output
    return said


@pytest.mark.parametrize("option", sorted(_UNUSED_BY_CSV))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_csv_export_says_the_options_it_does_not_use(
    plain_csv_export_said: dict[str, str], tmp_path: Path, lang: str, option: str
) -> None:
    """``report … --format csv -o bao_cao --unit-name "Huyện Nghi Lộc"``: the CSV export has no header block (its rows
    are keyed by province, commune and village, docs/reports.md), so the district's name was silently dropped; and
    ``--k 4`` chose nothing, af.csv holding every cutoff k (docs/analysis.md), without a word (session 21). The
    export is still written, and a note says, in the run's language, that the option is not used and where it
    counts (the workbook, -o bao_cao.xlsx, and the page); the workbook, which uses both, says nothing of them, nor
    does an export not given the option."""
    values, words, unused = _UNUSED_BY_CSV[option]
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    run = ["report", str(reviewed), "--format", "csv", "-o", str(tmp_path / "bao_cao"), "--lang", lang]
    said = CliRunner().invoke(main, [*run, option, *values])
    text = " ".join(said.output.split())
    assert said.exit_code == 0 and (tmp_path / "bao_cao" / "af.csv").is_file(), said.output
    assert f"{option}: {words[lang]}" in text and unused[lang] in text, said.output
    assert f"-o {tmp_path / 'bao_cao.xlsx'}" in text, said.output
    assert f"{option}:" not in plain_csv_export_said[lang], plain_csv_export_said[lang]
    book = ["report", str(reviewed), "-o", str(tmp_path / "bao_cao.xlsx"), option, *values, "--lang", lang]
    booked = CliRunner().invoke(main, book)
    assert booked.exit_code == 0 and option not in booked.output, booked.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_another_files_extension_is_refused_naming_the_files_to_give(tmp_path: Path, lang: str) -> None:
    """``report … -o bao_cao.xls`` said to use --format, and ``-o bao_cao.xls --format xlsx`` then wrote a workbook
    named .xls (Excel warns its format and extension do not match), ``-o bao_cao.txt --format html`` a page Notepad
    shows as its source. A file's extension that is none of the report's is now refused, exit 2, nothing written, in
    the run's language: without --format naming the workbook, the page and the CSV folder to give, with --format
    the file of that format (bao_cao.xlsx)."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    base = tmp_path / "bao_cao"
    said = CliRunner().invoke(main, ["report", str(reviewed), "-o", f"{base}.xls", "--lang", lang])
    text = " ".join(said.output.split())
    give = {"vi": "hãy cho", "en": "give"}[lang]
    assert said.exit_code == 2 and f"{give} -o {base}.xlsx, -o {base}.html" in text and f"-o {base};" in text, text
    assert "--format" not in text, text
    for ext, fmt in ((".xls", "xlsx"), (".txt", "html")):
        run = ["report", str(reviewed), "-o", f"{base}{ext}", "--format", fmt, "--lang", lang]
        said = CliRunner().invoke(main, run)
        text = " ".join(said.output.split())
        name = {"vi": "hãy đặt tên", "en": "name it"}[lang]
        assert said.exit_code == 2 and f"--format {fmt}" in text and f"{name} {base}.{fmt};" in text, text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_on_dask_named_as_a_file_names_the_folder_alone(tmp_path: Path, lang: str) -> None:
    """``report DATA --dask local -o bao_cao.csv --format csv`` was told to give -o bao_cao.xlsx for one workbook,
    which --dask refuses (it writes the CSV export only). Under --dask the refusal names the folder alone (``-o
    bao_cao``), exit 2, before any work (no cluster started), nothing written, in the run's language."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    run = ["report", str(reviewed), "--dask", "local", "-o", str(tmp_path / "bao_cao.csv"), "--format", "csv"]
    said = CliRunner().invoke(main, [*run, "--lang", lang])
    text = " ".join(said.output.split())
    give = {"vi": "hãy cho", "en": "give"}[lang]
    assert said.exit_code == 2 and f"{give} -o {tmp_path / 'bao_cao'};" in text and ".xlsx" not in text, text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_workbook_named_as_an_existing_folder_names_the_file_to_give(tmp_path: Path, lang: str) -> None:
    """``report … -o z.xlsx`` where z.xlsx is a folder (made by an earlier ``-o z.xlsx --format csv``) wrote the CSV
    export into it (the officer asked for a workbook), and once such names were refused it said to give -o z.xlsx
    for one workbook, the very name refused. It is now refused as ``-o z.xlsx --format xlsx`` of a folder is: the
    workbook is one file, e.g. -o z.xlsx/bao_cao.xlsx, exit 2, nothing written, in the run's language."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    (tmp_path / "z.xlsx").mkdir()
    said = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(tmp_path / "z.xlsx"), "--lang", lang])
    text = " ".join(said.output.split())
    file = {"vi": "bao_cao.xlsx", "en": "report.xlsx"}[lang]
    assert said.exit_code == 2 and f"-o {tmp_path / 'z.xlsx' / file};" in text, text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv", "z.xlsx"]
    assert not list((tmp_path / "z.xlsx").iterdir())


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("name", "fmt", "wanted"), [("bao_cao", "xlsx", "bao_cao.xlsx"), ("t.2025", "html", "t.2025.html")]
)
def test_a_one_file_format_named_without_its_extension_is_refused(
    tmp_path: Path, lang: str, name: str, fmt: str, wanted: str
) -> None:
    """``report … -o bao_cao --format xlsx`` wrote a workbook named ``bao_cao``, no extension, which Excel does not
    open from the folder view (as ``-o out/ --format xlsx`` did before it was refused); ``-o t.2025 --format html``
    a page named ``t.2025``. A one-file format whose name does not end in its extension is now refused, exit 2,
    nothing written, naming the file to give (bao_cao.xlsx, t.2025.html), in the run's language."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    said = CliRunner().invoke(
        main, ["report", str(reviewed), "-o", str(tmp_path / name), "--format", fmt, "--lang", lang]
    )
    text = " ".join(said.output.split())
    name_it = {"vi": "hãy đặt tên", "en": "name it"}[lang]
    assert said.exit_code == 2 and f"{name_it} {tmp_path / wanted};" in text, text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.reviewed.csv"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_folder_a_refusal_names_for_a_dated_name_is_one_report_takes(tmp_path: Path, lang: str) -> None:
    """``report … -o bao_cao_10.12.2025.csv`` was told to give -o bao_cao_10.12.2025 for the CSV folder, which report
    then refused (it cannot tell a format from '.2025'). The folder it names is now one report takes: ``-o
    bao_cao_10.12.2025 --format csv``, and that command writes the export."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    dated = tmp_path / "bao_cao_10.12.2025"
    said = CliRunner().invoke(main, ["report", str(reviewed), "-o", f"{dated}.csv", "--lang", lang])
    text = " ".join(said.output.split())
    assert said.exit_code == 2 and f"-o {dated} --format csv " in text, text
    for name, fmt in ((f"{dated}.pdf", None), (f"{dated}.csv", "xlsx")):
        run = ["report", str(reviewed), "-o", name, "--lang", lang, *(["--format", fmt] if fmt else [])]
        said = CliRunner().invoke(main, run)
        assert said.exit_code == 2 and f"-o {dated} --format csv" in " ".join(said.output.split()), said.output
    done = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(dated), "--format", "csv", "--lang", lang])
    assert done.exit_code == 0 and (dated / "r1.csv").is_file(), done.output
    spaced = (
        tmp_path / "bao cao 10.12.2025"
    )  # the name quoted for the shell, the option after it left out of the quotes
    said = CliRunner().invoke(main, ["report", str(reviewed), "-o", f"{spaced}.csv", "--lang", lang])
    assert said.exit_code == 2 and f'-o "{spaced}" --format csv ' in " ".join(said.output.split()), said.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_form_column_heads_are_never_cut_off_in_print(tmp_path: Path, lang: str) -> None:
    """A form's row of column heads was 75 points high whatever its heads said: five lines of 11-point type.
    R8's "Households with a meritorious person: Near-poor (Persons)" takes six lines at its column's width
    (12 characters), so its last line was cut off on screen and on paper, and the R8 of a file marking all four
    groups ("Hộ có người có công với cách mạng: Cận nghèo (Nhân khẩu)") had no line to spare. The row is now as
    high as its longest head needs (15 points a line, Excel's line of 11-point type), at least the 75 points
    it had."""
    openpyxl = pytest.importorskip("openpyxl")
    import textwrap

    groups = {"ethnic_minority": "1", "no_labour": "1", "meritorious": "1", "female_head": "1"}
    frame = _reviewed([{"household_id": "1", "status": "poor", **groups}, {"household_id": "2", "status": "near_poor"}])
    report = build_report(from_reviewed(frame, ruleset=RS), lang=lang)
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    assert "R8" in book.sheetnames
    for form in report.forms:
        sheet = book[form.id.upper()]
        top = int(sheet.print_title_rows.split(":")[0].strip("$"))
        height = sheet.row_dimensions[top].height or 15
        assert height >= 75, form.id
        for cell in sheet[top]:
            if not isinstance(cell.value, str):
                continue
            width = sheet.column_dimensions[cell.column_letter].width
            lines = len(textwrap.wrap(cell.value, int(width)))  # at most one character a width unit: optimistic
            assert height >= 15 * lines, (form.id, cell.value, height, lines)


def test_workbook_af_sheet_freezes_its_header_in_a_report_of_several_communes(tmp_path: Path) -> None:
    """The AF sheet froze its panes at row 9 whatever its header block held: a report of several communes has
    one line more ("Gồm 2 xã: …"), its first table's header is row 9, and that header scrolled away with the
    rows under it, the units' numbers then under no column names. The panes now freeze under the header
    wherever it is."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [
        {"household_id": str(i), "commune": f"Xã {'XY'[i % 2]}", "status": "poor", "deprived": ""} for i in range(4)
    ]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))[W.SHEET["af"]["vi"]]
    head = next(c.row for c in sheet["A"] if c.value == W.FORM_COLUMN["unit"]["vi"])
    assert head == 9 and sheet.cell(head - 3, 1).value.startswith("Gồm 2 xã")
    assert sheet.freeze_panes == f"B{head + 1}" and not sheet.print_title_rows


def test_workbook_lists_print_across_the_page_when_their_columns_are_too_wide_for_it(
    undetermined_books: dict[str, Path],
) -> None:
    """Every list printed portrait, one page wide: the undetermined list's seven columns (171 character widths:
    the deprivations and the fields to collect) were shrunk to about half their size on A4 (6-point type).
    A list as wide as the posted ones (119: STT … Các chỉ số thiếu hụt) still prints portrait; a wider one
    prints landscape, fit to the page's width."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(undetermined_books["vi"])

    def width(sheet: object) -> float:
        return sum(d.width for d in sheet.column_dimensions.values())  # type: ignore[attr-defined]

    poor, undetermined = book[W.SHEET["poor"]["vi"]], book[W.SHEET["undetermined"]["vi"]]
    assert width(poor) < 130 < width(undetermined)
    assert poor.page_setup.orientation == "portrait"
    assert undetermined.page_setup.orientation == "landscape"
    assert undetermined.page_setup.fitToWidth == 1 and undetermined.print_title_rows == "$7:$8"


def test_workbook_targets_sheet_sets_the_whole_communes_row_in_bold(tmp_path: Path) -> None:
    """The targets sheet printed a commune's row (its whole plan: "phấn đấu giảm 54 hộ nghèo") in the same
    plain type as its villages' rows under it, where every form sets a commune's, a province's and the
    total's row in bold. A row of a whole commune or province is now bold, a village's plain."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed([{"household_id": str(i), "start_status": "poor", "status": "poor"} for i in range(3)])
    targets = pd.DataFrame(
        [
            {"province": "Tỉnh A", "commune": "Xã X", "village": "", "target_poor_reduction": "2"},
            {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn 1", "target_poor_reduction": "1"},
        ]
    )
    report = build_report(from_reviewed(frame, ruleset=RS), targets=read_targets(targets.astype(object), "t.csv"))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "t.xlsx"))[W.SHEET["targets"]["vi"]]
    rows = {str(sheet.cell(r, 1).value): sheet[r] for r in range(9, 11)}
    assert set(rows) == {"Xã X, Tỉnh A", "Thôn 1, Xã X, Tỉnh A"}, rows
    assert all(c.font.b for c in rows["Xã X, Tỉnh A"])
    assert not any(c.font.b for c in rows["Thôn 1, Xã X, Tỉnh A"])


@pytest.mark.parametrize(
    ("lang", "title"), [("vi", "Kết quả thực hiện chỉ tiêu giảm nghèo"), ("en", "Poverty reduction targets")]
)
def test_workbook_targets_sheet_is_titled_for_what_it_shows(tmp_path: Path, lang: str, title: str) -> None:
    """The targets sheet's printed title, under the header block and at the top of every page, was its tab's
    name alone: "Chỉ tiêu" ("Targets") — a page sent up that says neither targets of what nor that it shows
    how far they were reached. It is now titled "Kết quả thực hiện chỉ tiêu giảm nghèo" ("Poverty reduction
    targets: results"); the tab keeps its short name."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed([{"household_id": str(i), "start_status": "poor", "status": "poor"} for i in range(3)])
    targets = pd.DataFrame([{"province": "Tỉnh A", "commune": "Xã X", "target_poor_reduction": "2"}])
    review = from_reviewed(frame, ruleset=RS)
    report = build_report(review, lang=lang, targets=read_targets(targets.astype(object), "t.csv"))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "t.xlsx"))[W.SHEET["targets"][lang]]
    assert title in sheet["A4"].value and title in sheet.oddHeader.center.text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_workbook_list_of_households_of_no_village_does_not_name_the_commune_as_their_village(
    tmp_path: Path, lang: str
) -> None:
    """A household whose file leaves its village blank was listed under the heading "Thôn: Xã X, Tỉnh A": the
    commune where the village should be, read as a village named "Xã X" on a list posted in the commune (the
    forms name that row "—"). The heading now says the village is not recorded: "Thôn: (chưa ghi thôn), Xã X,
    Tỉnh A"."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed([{"household_id": "1", "village": "", "status": "poor"}, {"household_id": "2", "status": "poor"}])
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)), lang=lang)
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))[W.SHEET["poor"][lang]]
    village = W.LIST_COLUMN["village"][lang]
    headings = [c.value for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith(f"{village}: ")]
    unnamed = {"vi": "(chưa ghi thôn)", "en": "(village not recorded)"}[lang]
    assert headings == [f"{village}: {unnamed}, Xã X, Tỉnh A", f"{village}: Thôn 1, Xã X, Tỉnh A"], headings


def test_workbook_r1_rate_columns_are_as_narrow_as_their_numbers(tmp_path: Path) -> None:
    """R1's six "Tỷ lệ (%)" columns were as wide as its counts' columns under their long heads (12: "Số hộ làm
    nông, lâm, ngư nghiệp có mức sống trung bình"), though they hold at most "100,00": the form, 196 character
    widths, printed one A4 page wide at about two thirds of its size. A rate column is now 9 wide ("Tỷ lệ" over
    "(%)"), the form 178, printed a tenth larger."""
    openpyxl = pytest.importorskip("openpyxl")
    frame = _reviewed([{"household_id": "1", "status": "poor"}, {"household_id": "2", "status": "near_poor"}])
    report = build_report(from_reviewed(frame, ruleset=RS))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))["R1"]
    heads = {c.column_letter: c.value for c in sheet[7]}
    rates = [k for k, v in heads.items() if v == W.FORM_COLUMN["rate"]["vi"]]
    assert len(rates) == 6
    assert all(sheet.column_dimensions[k].width == 9 for k in rates)
    assert all(sheet.column_dimensions[k].width == 12 for k in heads if k not in rates and k != "A")
    assert sum(d.width for d in sheet.column_dimensions.values()) == 178


def test_a_household_that_died_or_moved_away_is_on_no_list_of_escapes(tmp_path: Path) -> None:
    """A poor household marked ``chết`` (or ``chuyển đi``, ``nhập hộ``) is classified not poor at its leaving and
    ``review`` wrote its movement as ``escaped_poverty``: R2 counted it, as docs/reports.md says, under "other"
    decrease (column 4), but the posted "Danh sách hộ thoát nghèo" (workbook, ``lists/escaped_poverty.csv``)
    named it as having escaped poverty, beside R2's column 2 + 3 that did not count it. The lists of escapes now
    name exactly the households R2's columns 2 and 3 and R3's column 2 count."""
    frame = _reviewed(
        [
            {"household_id": "1", "status": "not_poor", "start_status": "poor", "transition": "escaped_poverty"},
            {
                "household_id": "2",
                "status": "not_poor",
                "start_status": "poor",
                "transition": "escaped_poverty",
                "change_reason": "chết",
            },
            {
                "household_id": "3",
                "status": "not_poor",
                "start_status": "near_poor",
                "transition": "escaped_near_poverty",
                "change_reason": "chuyển đi",
            },
            {
                "household_id": "4",
                "status": "not_poor",
                "start_status": "near_poor",
                "transition": "escaped_near_poverty",
            },
        ]
    )
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)))
    lists = {x.id: list(x.rows["household_id"]) for x in report.lists}
    assert lists["escaped_poverty"] == ["1"] and lists["escaped_near_poverty"] == ["4"]
    r2, r3 = (f.rows for f in report.forms[1:3])
    total2 = r2[(r2["level"] == "total") & (r2["row"] == "households")].iloc[0]
    total3 = r3[(r3["level"] == "total") & (r3["row"] == "households")].iloc[0]
    assert (total2["c2"] + total2["c3"], total2["c4"]) == (1, 1)
    assert (total3["c2"], total3["c4"]) == (1, 1)
    write_csv(report, tmp_path / "out")
    escaped = pd.read_csv(tmp_path / "out" / "lists" / "escaped_poverty.csv", dtype=str, encoding="utf-8-sig")
    assert list(escaped["household_id"]) == ["1"]


def test_an_undetermined_household_that_left_is_not_on_the_undetermined_list(tmp_path: Path) -> None:
    """A household marked ``chết`` (or ``chuyển đi``, ``nhập hộ``) whose row could not be classified left the
    commune's lists: R2 counts it under "other" decrease (column 4) and the lists of the poor and the escapes
    leave it out, but the posted "Danh sách hộ chưa xác định được" named it, asking to collect the data of a
    household that is gone. The undetermined list now names the resident undetermined households only."""
    frame = _reviewed(
        [
            {"household_id": "1", "status": "undetermined", "start_status": "poor"},
            {"household_id": "2", "status": "undetermined", "start_status": "poor", "change_reason": "chết"},
            {"household_id": "3", "status": "undetermined", "start_status": "near_poor", "change_reason": "chuyển đi"},
        ]
    )
    report = build_report(from_reviewed(frame, ruleset=RS, review_date=date(2025, 12, 10)))
    lists = {x.id: list(x.rows["household_id"]) for x in report.lists}
    assert lists["undetermined"] == ["1"]
    assert lists["poor"] == ["1"] and lists["near_poor"] == []  # undetermined keeps its list; those gone do not
    r2, r3 = (f.rows for f in report.forms[1:3])
    total2 = r2[(r2["level"] == "total") & (r2["row"] == "households")].iloc[0]
    total3 = r3[(r3["level"] == "total") & (r3["row"] == "households")].iloc[0]
    assert (total2["c4"], total3["c4"]) == (1, 1)  # the poor one that died, the near-poor one that moved away
    write_csv(report, tmp_path / "out")
    listed = pd.read_csv(tmp_path / "out" / "lists" / "undetermined.csv", dtype=str, encoding="utf-8-sig")
    assert list(listed["household_id"]) == ["1"]


def test_page_count_axis_of_a_small_commune_says_each_number_once() -> None:
    """The chart of households by number of deprivations of a one-household commune read "0 0 0 1 1 1" up its
    axis: ticks at 0.2, 0.4 … each shown as a whole number; so did the movements chart's of one escaped household.
    A small count's axis now has the ticks 0, 1, … n."""
    pytest.importorskip("altair")
    from poverty_rules.reports import charts

    words = {
        "households": "Số hộ",
        "count_axis": "Số chỉ số thiếu hụt",
        "status_domain": ["Hộ nghèo"],
        "status_range": ["#a50f15"],
    }
    for n in (1, 2, 3):
        data = pd.DataFrame({"count": [3], "status": ["Hộ nghèo"], "households": [n], "sorder": [0]})
        svg = charts.render(charts.deprivation_counts(data, words), "vi")
        groups = re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S)
        labels = [re.findall(r">([^<]*)</text>", g) for g in groups]
        numbers = next(ls for ls in labels if ls and ls[0] == "0")
        assert len(numbers) == len(set(numbers)) and numbers[-1] == str(n), numbers
        moves = charts.movements(pd.DataFrame({"movement": ["Thoát nghèo"], "households": [n]}), words)
        groups = re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', charts.render(moves, "vi"), re.S)
        numbers = next(ls for g in groups if (ls := re.findall(r">([^<]*)</text>", g)) and ls[0] == "0")
        assert len(numbers) == len(set(numbers)) and numbers[-1] == str(n), numbers


def test_page_village_with_nothing_to_list_says_so_whole(tmp_path: Path) -> None:
    """A village whose households are all not poor, with no movement, said "Không có hộ nghèo" under its heading —
    as if its near-poor might still be listed — then "2 hộ khác … không liệt kê". It now says that no poor,
    near-poor or undetermined household, nor one with a movement, is there to list."""
    pytest.importorskip("jinja2")
    from poverty_rules.reports.html import write_html_report

    frame = _reviewed(
        [
            {"household_id": "1", "village": "Thôn 1", "status": "not_poor"},
            {"household_id": "2", "village": "Thôn 1", "status": "not_poor"},
            {"household_id": "3", "village": "Thôn 2", "status": "near_poor", "deprived": "water"},
        ]
    )
    review = from_reviewed(frame, ruleset=RS, review_date=date(2026, 12, 10))
    for lang in ("vi", "en"):
        write_html_report(build_report(review, lang=lang), tmp_path / f"p.{lang}.html")
        html = (tmp_path / f"p.{lang}.html").read_text(encoding="utf-8")
        first, second = re.findall(r'<section class="village".*?</section>', html, re.S)
        assert W.PAGE["nothing_listed"][lang] in first and W.PAGE["nothing_listed"][lang] not in second
        assert ">Không có hộ nghèo<" not in html and ">No poor household<" not in html


_CSV_CELLS = st.sampled_from(["", "Thôn 1", "x", None, float("nan"), pd.NA, Decimal("37.63"), 3, 3.0, -1, True, 1e16])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.lists(st.integers(-(2**62), 2**62), min_size=6, max_size=6).map(pd.Series),
            st.lists(st.booleans(), min_size=6, max_size=6).map(pd.Series),
            st.lists(st.sampled_from(["", "Hộ nghèo", None]), min_size=6, max_size=6).map(
                lambda v: pd.Series(v, dtype="str")
            ),
            st.lists(st.sampled_from(["", "Hộ nghèo", None, float("nan")]), min_size=6, max_size=6).map(
                lambda v: pd.Series(v, dtype=object)
            ),
            st.lists(st.sampled_from(["a", None]), min_size=6, max_size=6).map(lambda v: pd.Series(v, dtype="string")),
            st.lists(st.sampled_from(["a", pd.NA, None]), min_size=6, max_size=6).map(
                lambda v: pd.Series(v, dtype=object)
            ),
            st.lists(_CSV_CELLS, min_size=6, max_size=6).map(lambda v: pd.Series(v, dtype=object)),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_the_csv_export_writes_each_cell_as_the_contract_says_column_by_column(
    columns: list[pd.Series], twins: bool
) -> None:
    """reports/csv.py writes a column of text, whole numbers or booleans at once and any other cell by cell
    (``_cells``): every cell is what ``cell`` makes of it alone — text as written, blank for None or NaN (``<NA>``
    for pandas' NA, as ``str`` writes it), decimals with two places, booleans 1/0 — whatever the column's type."""
    from poverty_rules.reports.csv import _text_frame, cell

    frame = pd.DataFrame({i: column for i, column in enumerate(columns)})
    frame.columns = ["same"] * len(columns) if twins else [f"c{i}" for i in range(len(columns))]
    got = _text_frame(frame)
    assert list(got.columns) == list(frame.columns)
    want = [[cell(v) for v in frame.iloc[:, i].tolist()] for i in range(len(columns))]
    assert [got.iloc[:, i].astype(object).tolist() for i in range(len(columns))] == want


def _reasons_cell_by_cell(cells: list[object]) -> tuple[list[str], list[bool]]:
    """docs/reports.md's change reasons read one cell at a time: blank (missing, or spaces alone) is no reason;
    any other cell's text, folded (case, accents, spacing), is one of the ids or their vi/en spellings, else
    unreadable."""
    from poverty_rules.vocabulary.changes import _SPELLINGS
    from poverty_rules.vocabulary.text import fold, stripped

    ids, unread = [], []
    for cell in cells:
        blank = cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell)
        blank = blank or (isinstance(cell, str) and not stripped(cell))
        found = None if blank else _SPELLINGS.get(fold(str(cell)))
        ids.append(found or "")
        unread.append(not blank and found is None)
    return ids, unread


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                " ",
                "\u00a0 ",
                "moved_in",
                "Moved_In",
                "chuyển đến",
                "Chuyển  Đến",
                "CHẾT",
                "đã chết",
                "tách",
                "nhập hộ",
                "moved out",
                "x",
                "3",
                3,
                3.0,
                True,
                1,
                None,
                float("nan"),
                pd.NA,
            ]
        ),
        max_size=30,
    )
)
def test_change_reasons_are_read_as_each_cell_alone(cells: list[object]) -> None:
    """vocabulary/changes.py reads each distinct cell of a column once (R2/R3's "other" columns, the review's
    leaving households): every cell reads as it does alone, a number or a word of no reason unreadable, blank
    cells no reason."""
    from poverty_rules.vocabulary.changes import read_change_reasons

    ids, unread = read_change_reasons(pd.Series(cells, dtype=object, index=range(5, 5 + len(cells))))
    assert (ids.tolist(), unread.tolist()) == _reasons_cell_by_cell(cells)
    assert list(ids.index) == list(range(len(cells)))
