"""``--sheet all``: a commune's workbook of one sheet per village (thôn, xóm, ấp, bản) read as one list.

Such a workbook stopped the run (exit 2) naming its sheets, and ``--sheet`` chose one: a commune's review took as
many runs as it had villages. ``--sheet all`` reads every visible sheet holding a household list, in tab order: the
village of a sheet without a village column is its tab's name, a column one sheet lacks is blank there (unknown),
and every reject, note and error names the sheet and its own row (docs/input.md). Goldens:
``tests/golden/sheet_all.*`` (regenerate with ``UPDATE_GOLDEN=1``).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.data.read import read_table, row_refs, sheet_rows

AS_OF = "2025-12-01"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def _commune(path: Path) -> Path:
    """A real-looking commune: a summary sheet, then three villages' lists with Vietnamese tab names: 'Thôn Đông'
    (a title above its header, no village column, its row 5 hidden), 'Xóm Chợ' (a village column of its own, a
    deprivation column the others lack, and household D02 of Thôn Đông typed again), 'Bản Nà Khoang' (the code
    headed 'Mã số hộ', an income in words); and a hidden sheet of last year's list, which is never read."""
    book = openpyxl.Workbook()
    book.active.title = "Tổng hợp"
    book.active.append(["Thôn", "Tổng số hộ", "Số hộ nghèo"])
    book.active.append(["Thôn Đông", 3, 1])
    east = book.create_sheet("Thôn Đông")
    east.append(["DANH SÁCH HỘ THÔN ĐÔNG"])
    east.append(["Mã hộ", "Chủ hộ", "Khu vực", "Thu nhập bình quân"])
    east.append(["D01", "Nguyễn Văn An", "nông thôn", 1_200_000])
    east.append(["D02", "Trần Thị Bình", "nông thôn", 2_900_000])
    east.append(["D03", "Lê Văn Cường", "nông thôn", 1_900_000])
    east.row_dimensions[5].hidden = True
    market = book.create_sheet("Xóm Chợ")
    market.append(["Mã hộ", "Thôn", "Khu vực", "Thu nhập bình quân", "Nguồn nước sinh hoạt"])
    market.append(["C01", "Xóm Chợ", "nông thôn", 1_400_000, 1])
    market.append(["D02", "Xóm Chợ", "nông thôn", 3_100_000, 0])
    market.append(["C03", "Xóm Chợ", "nông thôn", 2_500_000, 0])
    hamlet = book.create_sheet("Bản Nà Khoang")
    hamlet.append(["Mã số hộ", "Chủ hộ", "Khu vực", "Thu nhập bình quân"])
    hamlet.append(["N01", "Lò Văn Dũng", "nông thôn", 900_000])
    hamlet.append(["N02", "Vì Thị En", "nông thôn", "một triệu"])
    old = book.create_sheet("Năm 2024")
    old.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    old.append(["X01", "nông thôn", 500_000])
    old.sheet_state = "hidden"
    book.save(path)
    return path


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook of these sheets, each given as its rows, in tab order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _said(output: str) -> str:
    """The notes and errors of a run (its summary, which times the run, left out)."""
    starts = ("lưu ý:", "note:", "lỗi:", "error:")
    return "".join(line + "\n" for line in output.splitlines() if line.startswith(starts))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_classify_sheet_all_reads_every_village_sheet_as_one_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _commune(tmp_path / "xa.xlsx")
    args = ["classify", "xa.xlsx", "-o", "o.csv", "--as-of", AS_OF, "--sheet", "all", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # two rows rejected, every other row classified
    out = pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert out["Mã hộ"].tolist() == ["D01", "D02", "D03", "C01", "C03", "N01"]  # tab order; the summary, none
    assert out["Thôn"].tolist() == ["Thôn Đông"] * 3 + ["Xóm Chợ"] * 2 + ["Bản Nà Khoang"]
    assert out["Nguồn nước sinh hoạt"].tolist() == ["", "", "", "1", "0", ""]  # blank where a sheet has no such column
    assert "deprived_water" in out["undetermined_by"].iloc[0]  # and unknown there, not 'not deprived'
    assert "deprived_water" not in out["undetermined_by"].iloc[4]
    rejects = pd.read_csv(tmp_path / "o.rejects.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert rejects["row"].tolist() == ["[Xóm Chợ] 3", "[Bản Nà Khoang] 3"]
    used = {"vi": "đã dùng ở trang 'Thôn Đông' dòng 4", "en": "is already used at row 4 of sheet 'Thôn Đông'"}
    assert used[lang] in rejects["reason"].iloc[0]
    _golden(f"sheet_all.classify.{lang}.csv", (tmp_path / "o.csv").read_text(encoding="utf-8-sig"))
    _golden(f"sheet_all.rejects.{lang}.csv", (tmp_path / "o.rejects.csv").read_text(encoding="utf-8-sig"))
    _golden(f"sheet_all.notes.{lang}.txt", _said(result.output))


def test_review_sheet_all_names_the_sheet_of_each_rejected_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _commune(tmp_path / "xa.xlsx")
    args = ["review", "xa.xlsx", "--sheet", "all", "--date", AS_OF, "--db", "h.db", "--commune", "Xã Hưng Chính"]
    result = CliRunner().invoke(main, [*args, "-o", "r.csv", "--lang", "en"])
    assert result.exit_code == 1, result.output
    out = pd.read_csv(tmp_path / "r.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert sorted(out["Thôn"].unique()) == ["Bản Nà Khoang", "Thôn Đông", "Xóm Chợ"]
    rejects = pd.read_csv(tmp_path / "r.rejects.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert rejects["row"].tolist() == ["[Xóm Chợ] 3", "[Bản Nà Khoang] 3"]
    assert "[Thôn Đông]: 1 row is hidden" in result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_says_each_reading_note_once_and_of_no_rejects_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """explain said classify's note of the sheets read word for word, ending "the rejects file names each row by
    its sheet …": explain writes no rejects file. Its notes (golden) name the sheets read and no rejects file, each
    said once; classify's note still tells where its rejects name a row."""
    monkeypatch.chdir(tmp_path)
    _commune(tmp_path / "xa.xlsx")
    result = CliRunner().invoke(main, ["explain", "xa.xlsx", "D01", "--sheet", "all", "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 0, result.output
    said = _said(result.output)
    rejects = {"vi": "Tệp dòng bị loại", "en": "rejects file"}[lang]
    assert rejects not in said, said
    lines = said.splitlines()
    assert len(lines) == len(set(lines)), said
    _golden(f"sheet_all.explain.{lang}.txt", said)
    result = CliRunner().invoke(main, ["classify", "xa.xlsx", "--sheet", "all", "--as-of", AS_OF, "--lang", lang])
    assert f"{rejects} " in result.output and "[Thôn Đông] 3" in result.output, result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_and_history_import_with_sheet_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """explain names a rejected household's row by its sheet, as the rejects file does (not its number counted
    across the workbook); history import, whose refusals name rows by number, refuses --sheet all."""
    monkeypatch.chdir(tmp_path)
    _commune(tmp_path / "xa.xlsx")
    result = CliRunner().invoke(main, ["explain", "xa.xlsx", "N02", "--sheet", "all", "--lang", lang])
    assert result.exit_code == 2 and "[Bản Nà Khoang] 3" in result.output, result.output
    result = CliRunner().invoke(main, ["explain", "xa.xlsx", "D02", "--sheet", "all", "--lang", lang])
    assert result.exit_code == 0 and "[Xóm Chợ] 3" in result.output and "[Thôn Đông] 4" in result.output
    result = CliRunner().invoke(
        main, ["history", "import", "xa.xlsx", "--sheet", "all", "--db", "h.db", "--lang", lang]
    )
    assert result.exit_code == 2 and "--sheet all" in result.output and not (tmp_path / "h.db").exists()
    _golden(f"sheet_all.history.{lang}.txt", _said(result.output))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_several_lists_stop_proposes_sheet_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.chdir(tmp_path)
    _commune(tmp_path / "xa.xlsx")
    result = CliRunner().invoke(main, ["classify", "xa.xlsx", "-o", "o.csv", "--lang", lang])
    assert result.exit_code == 2 and not (tmp_path / "o.csv").exists()
    assert "--sheet all" in result.output and "--sheet 'Thôn Đông'" in result.output, result.output
    _golden(f"sheet_all.stop.{lang}.txt", _said(result.output))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sheet_all_of_a_csv_file_is_refused_as_any_sheet(tmp_path: Path, lang: str) -> None:
    (tmp_path / "ho.csv").write_text("Mã hộ,Khu vực,Thu nhập bình quân\nH1,nông thôn,1000000\n", encoding="utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "-o", str(tmp_path / "o.csv"), "--sheet", "all", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "'all'" in result.output and not (tmp_path / "o.csv").exists(), result.output


def test_a_sheet_named_all_is_read_by_its_name(tmp_path: Path) -> None:
    _book(
        tmp_path / "x.xlsx",
        {
            "All": [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["A1", "nông thôn", 1_000_000]],
            "Thôn 2": [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["B1", "nông thôn", 1]],
        },
    )
    table = read_table(tmp_path / "x.xlsx", sheet="all")
    assert table.table.column("Mã hộ").to_pylist() == ["A1"] and not table.sheets


def test_rows_numbered_across_the_sheets_come_back_to_their_sheet(tmp_path: Path) -> None:
    table = read_table(_commune(tmp_path / "xa.xlsx"), sheet="all")
    assert [tab for tab, *_ in table.sheets] == ["Thôn Đông", "Xóm Chợ", "Bản Nà Khoang"]
    tabs, within = sheet_rows(table.sheets, table.rows)
    assert tabs == ["Thôn Đông"] * 3 + ["Xóm Chợ"] * 3 + ["Bản Nà Khoang"] * 2
    assert within.tolist() == [3, 4, 5, 2, 3, 4, 2, 3]
    assert row_refs(table.sheets, table.rows[[2, 3]]) == ["[Thôn Đông] 5", "[Xóm Chợ] 2"]
    assert len(np.unique(table.rows)) == table.num_rows  # a row number names one row of the workbook
    part = table.slice(3, 4)  # a batch of the stream keeps them
    assert part.sheets == table.sheets and sheet_rows(part.sheets, part.rows)[0][0] == "Xóm Chợ"


def test_a_sheet_whose_header_cannot_be_read_is_named(tmp_path: Path) -> None:
    """A village sheet whose header names its code but a column that cannot be a header (a cell of 1,001
    characters) is refused naming that sheet, not the file alone."""
    second = [["Mã hộ", "Khu vực", "Thu nhập bình quân", "Mã hộ"], ["B1", "nông thôn", 1_000_000, "B1"]]
    _book(
        tmp_path / "x.xlsx",
        {"Thôn 1": [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["A1", "nông thôn", 1_000_000]], "Thôn 2": second},
    )
    result = CliRunner().invoke(main, ["classify", str(tmp_path / "x.xlsx"), "--sheet", "all", "--lang", "en"])
    assert result.exit_code == 2 and "x.xlsx [Thôn 2]" in result.output, result.output


def test_notes_naming_rows_name_them_by_their_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note naming rows (households without a village beside others with one; the first row the local standard
    could not read) named them by their number counted across the workbook ('rows 10 and 11' of a workbook whose
    sheets have 6 rows at most): they are named by their sheet and their row there, as the rejects are."""
    monkeypatch.chdir(tmp_path)
    book = openpyxl.load_workbook(_commune(tmp_path / "xa.xlsx"))
    market = book["Xóm Chợ"]
    market["F1"] = "Điểm A"
    market.append(["C04", "", "nông thôn", None, None, 140])
    market.append(["C05", "", "nông thôn", 1_000_000, 0])
    book.save(tmp_path / "xa.xlsx")
    args = ["classify", "xa.xlsx", "-o", "o.csv", "--as-of", AS_OF, "--sheet", "all", "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--local", "example-bac-ninh-2025"])
    assert result.exit_code == 1, result.output
    assert "2 households have no village (rows [Xóm Chợ] 5 and [Xóm Chợ] 6)" in result.output, result.output
    assert "(the first: row [Xóm Chợ] 5: " in result.output, result.output


def test_a_village_sheet_with_no_household_yet_is_read_and_not_said_to_lack_columns(tmp_path: Path) -> None:
    """A village's sheet holding its header and no household yet is one of the lists (counted 0 in the note),
    not said to lack the other sheets' columns: it has no household to leave blank."""
    book = openpyxl.Workbook()
    book.active.title = "Thôn 1"
    book.active.append(["Mã hộ", "Khu vực", "Thu nhập bình quân", "Ghi chú"])
    book.active.append(["A1", "nông thôn", 1_000_000, "mới tách"])
    empty = book.create_sheet("Thôn 2")
    empty.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    book.save(tmp_path / "x.xlsx")
    table = read_table(tmp_path / "x.xlsx", sheet="ALL", lang="en")
    assert table.table.column("village").to_pylist() == ["Thôn 1"] and [t for t, *_ in table.sheets] == [
        "Thôn 1",
        "Thôn 2",
    ]
    assert "'Thôn 1' (1), 'Thôn 2' (0)" in " ".join(table.notes)
    assert not [n for n in table.notes if "has no column" in n], table.notes


def test_the_sheets_not_read_are_named(tmp_path: Path) -> None:
    """A village's sheet whose header is not found (misspelt: 'Ma so', 'Vung', 'TN') is no household list and is not
    read: a note names it beside the summary and the hidden sheet, so that its households are not left out
    unseen."""
    path = _commune(tmp_path / "xa.xlsx")
    book = openpyxl.load_workbook(path)
    lost = book.create_sheet("Thôn Tây")
    lost.append(["Ma so", "Vung", "TN"])
    lost.append(["T01", "nông thôn", 1_000_000])
    book.save(path)
    table = read_table(path, sheet="all", lang="vi")
    assert "T01" not in table.table.column("Mã hộ").to_pylist()
    said = [n for n in table.notes if "không được đọc" in n]
    assert said and "'Tổng hợp', 'Thôn Tây'. " in said[0], table.notes
    assert [n for n in table.notes if "các trang đang ẩn không được đọc: 'Năm 2024'" in n], table.notes


def test_parquet_rejects_and_a_sheets_formula_note_name_the_sheet(tmp_path: Path) -> None:
    """A Parquet rejects file, whose row is a number for one sheet, holds the sheet and its row as text; a
    formula with no saved value (a workbook a program wrote) is noted naming its sheet and cell there."""
    path = _commune(tmp_path / "xa.xlsx")
    book = openpyxl.load_workbook(path)
    book["Bản Nà Khoang"]["D2"] = "=700000+200000"
    book.save(path)
    args = ["classify", str(path), "-o", str(tmp_path / "o.parquet"), "--as-of", AS_OF, "--sheet", "all"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_parquet(tmp_path / "o.rejects.parquet")
    assert rejects["row"].tolist() == ["[Xóm Chợ] 3", "[Bản Nà Khoang] 2", "[Bản Nà Khoang] 3"]
    assert "xa.xlsx [Bản Nà Khoang]: 1 cell" in result.output and "D2" in result.output, result.output


def test_a_title_in_the_code_column_of_a_tab_named_sheet_is_rejected_as_on_one_sheet(tmp_path: Path) -> None:
    """A sheet without a village column gave every row its tab's name, the title of a list pasted below it
    (``DANH SÁCH HỘ THÔN 1 (tiếp)`` in the code column) too: no longer text in the code column alone, it was
    rejected as a household with an unreadable area and no income. It is rejected with the one reason a one-sheet
    file gives it, and no village is given to it."""
    first = [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["A1", "nông thôn", 1_000_000], ["DANH SÁCH HỘ THÔN 1 (tiếp)"]]
    _book(
        tmp_path / "x.xlsx",
        {"Thôn 1": first, "Thôn 2": [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["B1", "nông thôn", 1_000_000]]},
    )
    out = tmp_path / "o.csv"
    args = ["classify", str(tmp_path / "x.xlsx"), "-o", str(out), "--as-of", AS_OF, "--sheet", "all", "--lang", "en"]
    assert CliRunner().invoke(main, args).exit_code == 1
    rejects = pd.read_csv(tmp_path / "o.rejects.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert rejects["row"].tolist() == ["[Thôn 1] 3"] and rejects["column"].tolist() == ["Mã hộ"]
    assert "holds text in the household code column and nothing else" in rejects["reason"].iloc[0]
    assert rejects["village"].tolist() == [""]
    assert pd.read_csv(out, dtype=str, encoding="utf-8-sig")["village"].tolist() == ["Thôn 1", "Thôn 2"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_column_no_sheet_has_is_said_at_each_sheets_header(tmp_path: Path, lang: str) -> None:
    """Sheets that all lack the area column were refused at 'row 2' of the file, the first sheet's header row, no
    sheet named: the refusal names each sheet and its header's row."""
    header = ["Mã hộ", "Thôn", "Thu nhập bình quân"]
    first = [["DANH SÁCH HỘ THÔN 1"], header, ["A1", "Thôn 1", 1_000_000]]
    _book(tmp_path / "x.xlsx", {"Thôn 1": first, "Thôn 2": [header, ["B1", "Thôn 2", 1_000_000]]})
    args = ["classify", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "o.csv"), "--sheet", "all", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and not (tmp_path / "o.csv").exists()
    row = {"vi": "dòng [Thôn 1] 2, [Thôn 2] 1", "en": "row [Thôn 1] 2, [Thôn 2] 1"}[lang]
    assert f"x.xlsx: {row}: " in result.output and "Khu vực" in result.output, result.output


def test_sheet_all_of_a_workbook_with_no_household_list_says_what_it_lacks(tmp_path: Path) -> None:
    """--sheet all of a workbook none of whose sheets heads a household list said "no sheet 'all'", as if the
    officer had misspelt a sheet's name: the sheet with the most known columns is read, as without --sheet, and
    what it lacks is said of it."""
    book = openpyxl.Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Mỗi dòng một hộ"])
    ws = book.create_sheet("Thôn 1")
    ws.append(["Mã hộ", "Thu nhập bình quân"])
    ws.append(["A1", 1_000_000])
    book.save(tmp_path / "x.xlsx")
    args = ["classify", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "o.csv"), "--sheet", "all", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "no sheet 'all'" not in result.output, result.output
    assert "x.xlsx [Thôn 1]: row 1: missing column area" in result.output, result.output


def test_a_tabs_stray_spaces_make_no_other_village(tmp_path: Path) -> None:
    """A tab named 'Thôn  Đông ' (two spaces, one after: invisible on the tab) gave its households that village,
    another than the 'Thôn Đông' the other sheet's village column writes: the reports counted two villages."""
    book = openpyxl.Workbook()
    book.active.title = "Thôn  Đông "
    book.active.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    book.active.append(["D1", "nông thôn", 1_000_000])
    other = book.create_sheet("Xóm Chợ")
    other.append(["Mã hộ", "Thôn", "Khu vực", "Thu nhập bình quân"])
    other.append(["D2", "Thôn Đông", "nông thôn", 1_000_000])
    book.save(tmp_path / "x.xlsx")
    table = read_table(tmp_path / "x.xlsx", sheet="all")
    assert table.table.column("Thôn").to_pylist() == ["Thôn Đông", "Thôn Đông"]


def test_batches_of_the_workbook_keep_each_rows_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stream classifies a workbook in slices: a household code of a later slice used on an earlier sheet is
    still rejected naming that sheet and row, and each slice's rejects name their own sheets (a byte-for-byte same
    output as one batch)."""
    from poverty_rules.data import stream

    path = _commune(tmp_path / "xa.xlsx")
    written = {}
    for size in (250_000, 2):
        monkeypatch.setattr(stream, "WHOLE_BATCH_ROWS", size)
        out = tmp_path / f"o{size}.csv"
        args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--sheet", "all", "--lang", "en", "-q"]
        assert CliRunner().invoke(main, args).exit_code == 1
        written[size] = (out.read_bytes(), (tmp_path / f"o{size}.rejects.csv").read_text(encoding="utf-8-sig"))
    assert written[2] == written[250_000]
    assert "[Xóm Chợ] 3" in written[2][1] and "is already used at row 4 of sheet 'Thôn Đông'" in written[2][1]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_heads_a_household_with_its_village(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """explain, read aloud at a village meeting, heads the household with its village: under --sheet all the tab's
    name of a sheet without a village column ('Bản Nà Khoang'), the village cell of one with it ('Xóm Chợ'), so an
    officer sees which sheet's household is explained (its heading named the commune alone, or nothing)."""
    monkeypatch.chdir(tmp_path)
    _commune(tmp_path / "xa.xlsx")
    result = CliRunner().invoke(main, ["explain", "xa.xlsx", "N01", "--sheet", "all", "--lang", lang, "-q"])
    assert result.exit_code == 0, result.output
    word = {"vi": "Hộ", "en": "Household"}[lang]
    assert result.output.splitlines()[0] == f"{word} N01 — Bản Nà Khoang", result.output
    result = CliRunner().invoke(main, ["explain", "xa.xlsx", "C01", "--sheet", "all", "--lang", lang, "-q"])
    assert result.output.splitlines()[0] == f"{word} C01 — Xóm Chợ", result.output
