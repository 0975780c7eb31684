"""The report workbook's printed pages (docs/reports.md: lists printable on A4, forms R2 and R3 of two rows per
unit), read back with openpyxl: where its row breaks fall, what each printed page begins with, and how high
each page's rows are against what an A4 page holds at the sheet's fit-to-width scale.

A page's capacity is computed here as Excel lays a page out (a column of width w is 7·w + 5 pixels, a
pixel 0.75 point; the margins the sheet names; the scale that fits the columns on the page's width), apart
from the writer's own, more cautious, estimate.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from poverty_rules.engine.standards import load_ruleset
from poverty_rules.reports.frame import from_reviewed
from poverty_rules.reports.model import build_report
from poverty_rules.reports.xlsx import write_xlsx
from poverty_rules.vocabulary import words as W

RS = load_ruleset("vn-2022-2026")
openpyxl = pytest.importorskip("openpyxl")


def _reviewed(rows: list[dict[str, object]]) -> pd.DataFrame:
    base = {"province": "Tỉnh A", "commune": "Xã X", "village": "Thôn 1", "area": "rural", "household_size": "4"}
    return pd.DataFrame([{**base, **r} for r in rows]).astype(object)


def _capacity(sheet: Any) -> float:
    """The points of rows one printed A4 page holds, as Excel fits the sheet's columns to the page's width."""
    from openpyxl.utils import get_column_letter

    landscape = sheet.page_setup.orientation == "landscape"
    page_w, page_h = (841.9, 595.3) if landscape else (595.3, 841.9)
    m = sheet.page_margins
    columns = 0.0
    for j in range(1, sheet.max_column + 1):
        dim = sheet.column_dimensions[get_column_letter(j)]
        width = dim.width if dim.customWidth else 8.43
        columns += (7 * width + 5) * 0.75
    scale = min(1.0, (page_w - (m.left + m.right) * 72) / columns)
    return (page_h - (m.top + m.bottom) * 72) / scale


def _height(sheet: Any, row: int) -> float:
    return float(sheet.row_dimensions[row].height or 15.0) if row in sheet.row_dimensions else 15.0


def _pages(sheet: Any) -> list[range]:
    """The sheet's printed pages as ranges of rows, split at its row breaks."""
    ends = sorted(b.id for b in sheet.row_breaks.brk)
    starts = [1, *[e + 1 for e in ends]]
    return [range(a, b + 1) for a, b in zip(starts, [*ends, sheet.max_row], strict=True)]


def test_a_village_list_of_a_district_running_past_a_page_repeats_its_column_heads(tmp_path: Path) -> None:
    """In a report of several communes each village's list begins under its own commune's header block, so the
    sheet repeats no print-title rows: a village of 150 poor households printed its column heads on its first
    page only, and pages 2 to 5 were rows of numbers and names under no heads (an officer posting page 3 in the
    village hall could not say which column was the household code). Each page of a list now begins with the
    village's heading, "… (tiếp theo)", and the column heads; no page holds more rows than an A4 page does at
    the sheet's scale; each village's signature block is on the page of its last household."""
    rows = [
        {"household_id": f"A{i}", "head_name": f"Nguyễn Văn {i}", "commune": "Xã Hưng Chính", "status": "poor"}
        for i in range(150)
    ]
    rows += [{"household_id": f"B{i}", "commune": "Xã Tà Lèng", "village": "Thôn 2", "status": "poor"} for i in (1, 2)]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))[W.SHEET["poor"]["vi"]]
    capacity = _capacity(sheet)
    pages = _pages(sheet)
    assert len(pages) >= 4, len(pages)
    continued = 0
    numbered = 0
    for page in pages:
        assert sum(_height(sheet, r) for r in page) <= capacity, (page, capacity)
        heads = [r for r in page if sheet.cell(r, 1).value == "STT"]
        assert heads and sheet.cell(heads[0], 2).value == "Mã hộ", page
        first = [r for r in page if r > heads[0] + 1 and isinstance(sheet.cell(r, 1).value, int)]  # households
        assert first, page
        heading = str(sheet.cell(heads[0] - 1, 1).value)
        assert heading.startswith("Thôn: Thôn"), heading
        continued += heading.endswith("(tiếp theo)")
        numbered += len(first)
    assert numbered == 152 and continued == len(pages) - 2  # every household once; the two villages' first pages
    dated = [r for r in range(1, sheet.max_row + 1) if any("ngày …… tháng" in str(c.value) for c in sheet[r])]
    for r in dated:  # each signature block shares its page with the village's last household
        page = next(p for p in pages if r in p)
        assert any(isinstance(sheet.cell(x, 2).value, str) and sheet.cell(x, 2).value[0] in "AB" for x in page if x < r)


def test_a_units_households_and_persons_rows_of_r2_and_r3_are_printed_on_one_page(tmp_path: Path) -> None:
    """R2 and R3 give each unit two rows, "Hộ" and "Nhân khẩu": a commune of 70 villages printed a village's
    households at the foot of one page and its persons at the top of the next, under the repeated heads but
    with no unit name beside the numbers that officers read as the next village's. A unit's two rows are now
    printed on one page: the page ends above the "Hộ" row when both do not fit; no page holds more rows than
    A4 does."""
    rows = [
        {"household_id": f"h{v}", "village": f"Thôn {v}", "previous_status": "poor", "status": "poor"}
        for v in range(70)
    ]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    for name in ("R2", "R3"):
        sheet = book[name]
        capacity = _capacity(sheet)
        top = int(sheet.print_title_rows.split(":")[0].strip("$"))
        titles = _height(sheet, top) + _height(sheet, top + 1)
        pages = _pages(sheet)
        assert len(pages) >= 3, (name, len(pages))
        for n, page in enumerate(pages):
            assert sum(_height(sheet, r) for r in page) + (titles if n else 0) <= capacity, (name, page)
            first = page[0]
            assert sheet.cell(first, 2).value != W.FORM_ROW["persons"]["vi"], (name, first)
        for b in sheet.row_breaks.brk:
            assert sheet.cell(b.id + 1, 2).value == W.FORM_ROW["households"]["vi"], (name, b.id)
            assert sheet.cell(b.id, 2).value == W.FORM_ROW["persons"]["vi"], (name, b.id)
    assert not book["R1"].row_breaks.brk  # a form of one row per unit: Excel's own page ends, under print titles


def test_a_village_list_of_one_commune_running_past_a_page_says_its_village_and_is_signed_with_it(
    tmp_path: Path,
) -> None:
    """A report of one commune repeats its lists' column heads as print titles, but a village of 150 poor
    households ran on at Excel's own page ends: page 3 of Thôn 1's list named no village (the running head
    names the commune), and the signature block could fall alone on a page of its own, a signed page that
    could be put under any list. Each page of a village's list now begins, under the repeated heads, with
    "Thôn: Thôn 1, … (tiếp theo)", and the signatures share the page of the village's last household."""
    rows = [{"household_id": f"A{i}", "head_name": f"Lê Thị {i}", "status": "poor"} for i in range(150)]
    rows += [{"household_id": f"B{i}", "village": "Thôn 2", "status": "poor"} for i in range(40)]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    sheet = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))[W.SHEET["poor"]["vi"]]
    assert sheet.print_title_rows == "$7:$8"
    capacity = _capacity(sheet)
    titles = _height(sheet, 7) + _height(sheet, 8)
    pages = _pages(sheet)
    assert len(pages) >= 5, len(pages)
    for n, page in enumerate(pages):
        assert sum(_height(sheet, r) for r in page) + (titles if n else 0) <= capacity, (page, capacity)
        if n:
            heading = str(sheet.cell(page[0], 1).value)
            assert heading.startswith("Thôn: Thôn"), heading
    continued = [p for p in pages[1:] if str(sheet.cell(p[0], 1).value).endswith("(tiếp theo)")]
    assert len(continued) == len(pages) - 2  # all but the two villages' first pages
    dated = [r for r in range(1, sheet.max_row + 1) if any("ngày …… tháng" in str(c.value) for c in sheet[r])]
    assert len(dated) == 2
    for r in dated:
        page = next(p for p in pages if r in p)
        assert any(str(sheet.cell(x, 2).value)[:1] in "AB" and x < r for x in page if sheet.cell(x, 2).value), r


def test_every_font_the_workbook_writes_is_the_font_its_pages_are_counted_for(tmp_path: Path) -> None:
    """The page breaks are counted for 11-point Calibri (its digit's width, its row's 15 points), the workbook's
    default font; but the bold heads, the italic signature lines and the title were written as fonts naming no
    typeface (``<font><b val="1"/></font>``), which a spreadsheet program lays out in a typeface of its own
    choosing (LibreOffice: its own default), so that the pages ended elsewhere than counted. Every font written
    now names the typeface and size the estimate uses (the title 13 points)."""
    import re
    import zipfile

    from poverty_rules.reports.xlsx import FONT_NAME, FONT_SIZE

    rows = [{"household_id": f"A{i}", "head_name": f"Nguyễn Văn {i}", "status": "poor"} for i in range(40)]
    report = build_report(from_reviewed(_reviewed(rows), ruleset=RS, review_date=date(2025, 12, 10)))
    with zipfile.ZipFile(write_xlsx(report, tmp_path / "r.xlsx")) as book:
        styles = book.read("xl/styles.xml").decode()
    fonts = re.findall(r"<font>(.*?)</font>", re.search(r"<fonts[^>]*>(.*?)</fonts>", styles, re.S)[1], re.S)
    assert len(fonts) >= 4, fonts  # the default, bold, italic, title
    for font in fonts:
        assert f'<name val="{FONT_NAME}"' in font, font
        size = float(re.search(r'<sz val="([0-9.]+)"', font)[1])  # type: ignore[index]
        assert size in (FONT_SIZE, 13.0), font
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")[W.SHEET["poor"]["vi"]]
    used = {(c.font.name, c.font.sz) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert used <= {(FONT_NAME, FONT_SIZE), (FONT_NAME, 13.0)}, used


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_names_the_households_that_left_during_the_year(tmp_path: Path, lang: str) -> None:
    """R2/R3 column 4 ("Giảm khác") counted the households that left the lists during the year — one died, one
    moved out, one absent from this review — but the page's lists named none of them: an officer could not see who
    the number was. The page now has a section naming each (code, head, village, its list at the start, why it
    left), its counts those of column 4."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    marks = [f"deprived_{d}" for d in ("employment", "dependency", "nutrition", "health_insurance")]
    marks += [f"deprived_{d}" for d in ("adult_education", "child_schooling", "housing_quality", "housing_area")]
    marks += [f"deprived_{d}" for d in ("water", "sanitation", "telecom", "information_assets")]
    head = ["household_id", "head_name", "village", "commune", "province", "area", "income_per_capita"]
    head += ["household_size", *marks, "change_reason"]

    def row(code: str, name: str, village: str, income: int, deprived: int, reason: str = "") -> list[object]:
        return [
            code,
            name,
            village,
            "Xã X",
            "Tỉnh A",
            "rural",
            income,
            3,
            *([1] * deprived + [0] * (12 - deprived)),
        ] + [reason]

    start = [
        row("D1", "Nguyễn Văn Chết", "Thôn Đông", 900_000, 3),
        row("M1", "Trần Thị Đi", "Thôn Tây", 1_200_000, 1),
        row("A1", "Lê Văn Vắng", "Thôn Tây", 1_200_000, 1),
        row("S1", "Phạm Văn Ở", "Thôn Đông", 900_000, 3),
    ]
    now = [
        row("D1", "Nguyễn Văn Chết", "Thôn Đông", 900_000, 3, "chết"),
        row("M1", "Trần Thị Đi", "Thôn Tây", 1_200_000, 1, "chuyển đi"),
        row("S1", "Phạm Văn Ở", "Thôn Đông", 900_000, 3),
    ]
    db = tmp_path / "xa.db"
    for rows, day in ((start, "2024-12-10"), (now, "2025-12-10")):
        path = tmp_path / f"ho_{day[:4]}.csv"
        pd.DataFrame(rows, columns=head).to_csv(path, index=False)
        result = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-q"])
        assert result.exit_code == 0, result.output
    args = ["report", "--db", str(db), "--date", "2025-12-10", "--lang", lang, "-q"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "csv"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    column4 = {}
    for form in ("r2", "r3"):
        r = pd.read_csv(tmp_path / "csv" / f"{form}.csv", dtype=str, keep_default_na=False)
        column4[form] = int(r[(r["level"] == "total") & (r["row"] == "households")].iloc[0]["c4"])
    assert column4 == {"r2": 1, "r3": 2}
    text = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert 'id="left"' in text, text[-3000:]
    section = text[text.index('<section class="leavers" id="left">') :]
    section = section[: section.index("</section>")]
    assert W.PAGE["left_title"][lang] in section
    listed = re.findall(r'<tr><td class="n">\d+</td><td class="hide-narrow code">([^<]*)</td>(.*?)</tr>', section)
    said = {code: html.unescape(re.sub(r"<[^>]+>", "|", rest)) for code, rest in listed}
    assert sorted(said) == ["A1", "D1", "M1"], said
    poor, near = (W.STATUS[s][lang] for s in ("poor", "near_poor"))
    died, moved = (W.CHANGE_REASON[r][lang] for r in ("died", "moved_out"))
    for code, name, village, was, why in (
        ("D1", "Nguyễn Văn Chết", "Thôn Đông", poor, died),
        ("M1", "Trần Thị Đi", "Thôn Tây", near, moved),
        ("A1", "Lê Văn Vắng", "Thôn Tây", near, W.PAGE["left_absent"][lang]),
    ):
        for word in (name, village, was, why[:1].upper() + why[1:]):
            assert f"|{word}|" in said[code], (code, word, said[code])
    assert sum(was == poor for was in (poor, near, near)) == column4["r2"]
    counted = re.search(r"— [^<]* (\d+) · [^<]* (\d+)</span>", section)
    assert counted is not None and (int(counted[1]), int(counted[2])) == (column4["r2"], column4["r3"]), section[:600]
    assert "S1" not in section
