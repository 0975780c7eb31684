"""Readers for the files officers have (issue #10): spreadsheets, separators, encodings, gzip,
Parquet, title rows, merged headers; row numbers as the officer sees them."""

from __future__ import annotations

import csv
import errno
import gzip
import io
import re
import struct
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from unittest import mock

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from poverty_rules.cli import main
from poverty_rules.data import read as read_module
from poverty_rules.data.read import read_table
from poverty_rules.errors import InputError
from poverty_rules.vocabulary import words as W
from poverty_rules.vocabulary.words import MESSAGES as WORDS

ROOT = Path(__file__).resolve().parents[1]
VI = ROOT / "fixtures" / "sample_vi_headers.csv"
AS_OF = "2025-12-01"


def _rows() -> list[list[str]]:
    with VI.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _xlsx(path: Path, rows: list[list[object]], title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    if title:
        ws.append(["DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2025 - XÃ HƯNG CHÍNH"])
        ws.append([])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _delimited(rows: list[list[str]], sep: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: letters precomposed where the code page has them, tone marks combining."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        for i, mark in enumerate(marks):
            joined = unicodedata.normalize("NFC", base + mark)
            if len(joined) == 1 and joined.encode("cp1258", "ignore"):
                base, marks = joined, marks[:i] + marks[i + 1 :]
                break
        out += (base + marks).encode("cp1258")
    return bytes(out)


def _classify(path: Path, tmp_path: Path, *extra: str) -> pd.DataFrame:
    out = tmp_path / f"{path.name}.out.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "-q", "--rejects", str(tmp_path / "r.csv")]
    result = CliRunner().invoke(main, [*args, *extra])
    assert result.exit_code in (0, 1), result.output
    return pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")


RESULT = ["status", "deprivation_count", "deprived", "decided_by", "ruleset"]


def test_xlsx_with_title_row_cp1258_semicolon_and_utf16_classify_identically(tmp_path: Path) -> None:
    rows = _rows()
    header, body = rows[0], rows[1:]
    typed: list[list[object]] = [header]
    for r in body:  # numbers as numbers, the way Excel keeps them
        typed.append([int(c.replace(".", "")) if c.replace(".", "").isdigit() and len(c) > 3 else c for c in r])
    xlsx = _xlsx(tmp_path / "ho.xlsx", typed)
    semi = tmp_path / "ho_1258.csv"
    semi.write_bytes(_cp1258(_delimited(rows, ";")))
    utf16 = tmp_path / "ho_unicode.txt"
    utf16.write_bytes(_delimited(rows, "\t").encode("utf-16"))
    base = _classify(VI, tmp_path)[["Mã hộ", *RESULT]]
    for path in (xlsx, semi, utf16):
        got = _classify(path, tmp_path)[["Mã hộ", *RESULT]]
        pd.testing.assert_frame_equal(got, base, obj=path.name)


def test_sheet_row_numbers_in_rejects_below_a_title(tmp_path: Path) -> None:
    rows = [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["H1", "nông thôn", 1500000], ["H2", "sao hỏa", 1]]
    path = _xlsx(tmp_path / "t.xlsx", rows)
    sheet = read_table(path)
    assert sheet.header_row == 3 and list(sheet.rows) == [4, 5]
    out = tmp_path / "o.csv"
    rej = tmp_path / "rej.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--rejects", str(rej), "--as-of", AS_OF])
    assert result.exit_code == 1
    rejects = pd.read_csv(rej, dtype=str, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["5"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_signature_under_the_table_is_rejected_as_no_household_not_as_seven_faults(tmp_path: Path, lang: str) -> None:
    """An officer's form has group headings and ends with its signatures ("Người lập biểu … CHỦ TỊCH UBND
    XÃ"): such a row has no code and no cell that reads as a household's data, and is rejected saying so,
    alone (it was "code empty | area must be … | income must be a number"); a row without a code that
    holds a household's data keeps the missing-code reason."""
    rows: list[list[object]] = [
        ["STT", "Mã hộ", "Họ tên chủ hộ", "Khu vực", "Thu nhập bình quân"],
        [1, "H1", "Lê Văn An", "nông thôn", 1500000],
        [2, "", "Lê Thị Bình", "nông thôn", 900000],
        ["I. THÔN ĐÔNG"],
        [3, "H2", "Trần Văn Cường", "thành thị", 2500000],
        [],
        [None, None, "Người lập biểu", None, "Hưng Chính, ngày 10 tháng 12 năm 2025"],
        [None, None, "  (Ký, ghi rõ họ tên)  ", None, "CHỦ TỊCH UBND XÃ"],
    ]
    path = _xlsx(tmp_path / "mau.xlsx", rows)
    for source in (path, tmp_path / "mau.csv"):
        if source.suffix == ".csv":  # the same form saved as CSV: the streamed path says the same
            source.write_text(_delimited([[str(c) if c is not None else "" for c in r] for r in rows], ","), "utf-8")
        rej = tmp_path / f"{source.stem}.{source.suffix[1:]}.rej.csv"
        args = ["classify", str(source), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 1, result.output
        rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        first = 3 if source.suffix == ".xlsx" else 1  # the header row: below the title, or the first
        assert rejects["row"].tolist() == [str(first + k) for k in (2, 3, 6, 7)]
        not_household = {"vi": "cũng không có ô nào đọc được", "en": "no cell that reads as"}[lang]
        empty_code = {"vi": "trống: mỗi hộ cần có mã hộ", "en": "is empty: every household needs its code"}[lang]
        assert empty_code in rejects["reason"][0] and not_household not in rejects["reason"][0]
        for reason in rejects["reason"][1:]:
            assert reason == f"Mã hộ: {WORDS['r_not_household'][lang]}", reason  # the file's own header
        assert rejects["column"][1:].tolist() == ["Mã hộ"] * 3


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_signature_under_the_review_columns_is_rejected_with_the_one_reason(tmp_path: Path, lang: str) -> None:
    """The signature block under a review form falls under its last columns (``Ngày thoát nghèo``,
    ``Tình trạng năm trước``): the row was rejected as no household *and* for a date and a status it
    cannot read; it is rejected with the one reason (docs/input.md)."""
    rows: list[list[object]] = [
        ["Mã hộ", "Khu vực", "Thu nhập bình quân", "Tình trạng năm trước", "Ngày thoát nghèo"],
        ["H1", "nông thôn", 1500000, "nghèo", None],
        [None, "Người lập biểu", None, "Hưng Chính, ngày 10 tháng 12 năm 2025", "CHỦ TỊCH UBND XÃ"],
    ]
    rej = tmp_path / "rej.csv"
    args = ["classify", str(_xlsx(tmp_path / "mau.xlsx", rows)), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej)]
    result = CliRunner().invoke(main, [*args, "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["5"]
    assert rejects["column"].tolist() == ["Mã hộ"]
    assert rejects["reason"].tolist() == [f"Mã hộ: {WORDS['r_not_household'][lang]}"]


@pytest.mark.parametrize("sep", [",", ";"])
def test_trailing_separators_of_an_export_add_no_columns(tmp_path: Path, sep: str) -> None:
    """An export whose every line ends with empty cells (``;;``) gave the output columns column_D and
    column_E; empty trailing unnamed columns are dropped from text files too (docs/input.md), in the
    streamed and the whole read alike, and kept (named after their letter) when one holds a value."""
    lines = [f"household_id{sep}area{sep}income_per_capita{sep}{sep}", f"A{sep}rural{sep}3000000{sep}{sep}"]
    path = tmp_path / "export.csv"
    path.write_text("\r\n".join([*lines, f"B{sep}rural{sep}900000{sep}{sep}"]) + "\r\n", encoding="utf-8")
    assert read_table(path).table.column_names == ["household_id", "area", "income_per_capita"]
    got = _classify(path, tmp_path)
    assert list(got.columns[:4]) == ["household_id", "area", "income_per_capita", "status"]
    kept = tmp_path / "kept.csv"
    kept.write_text("\r\n".join([*lines, f"B{sep}rural{sep}900000{sep}{sep}ghi chú"]) + "\r\n", encoding="utf-8")
    assert read_table(kept).table.column_names[3:] == ["column_D", "column_E"]
    assert list(_classify(kept, tmp_path).columns[3:6]) == ["column_D", "column_E", "status"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_table_starting_at_column_c_adds_no_columns(tmp_path: Path, kind: str) -> None:
    """A form whose table starts at column C (a margin of two empty columns; Excel's CSV of it starts every
    line with ``,,``) gave the output and rejects two empty columns ``column_A`` and ``column_B``. Empty
    unnamed columns before the first named one are dropped, as the trailing ones are; one that holds a
    value (an unheaded STT) is kept."""
    rows = [["", "", "DANH SÁCH HỘ"], ["", "", "Mã hộ", "Khu vực", "Thu nhập bình quân"]]
    rows += [["", "", "H1", "nông thôn", "3000000"], ["", "", "H2", "nông thôn", "900000"]]
    path = tmp_path / f"le.{kind}"
    if kind == "xlsx":
        _xlsx(path, [[c or None for c in r] for r in rows], title=False)
    else:
        path.write_text(_delimited(rows, ","), encoding="utf-8")
    assert read_table(path).column_names == ["Mã hộ", "Khu vực", "Thu nhập bình quân"]
    assert list(_classify(path, tmp_path).columns[:4]) == ["Mã hộ", "Khu vực", "Thu nhập bình quân", "status"]
    rows[3][1] = "2"  # a value in column B: kept, named after its letter
    if kind == "xlsx":
        _xlsx(path, [[c or None for c in r] for r in rows], title=False)
    else:
        path.write_text(_delimited(rows, ","), encoding="utf-8")
    assert read_table(path).column_names == ["column_B", "Mã hộ", "Khu vực", "Thu nhập bình quân"]
    assert list(_classify(path, tmp_path).columns[:2]) == ["column_B", "Mã hộ"]


def test_long_numeric_codes_in_a_sheet_read_as_shown(tmp_path: Path) -> None:
    """Codes kept as numbers by Excel: 1e15 was read "1000000000000000.0" and 12345678901234567
    "1.234567890123457e+16" (``explain`` could not find them); whole numbers read as digits."""
    rows: list[list[object]] = [["Mã hộ", "Khu vực", "Thu nhập bình quân"]]
    rows += [[1e15, "nông thôn", 1500000], [12345678901234500, "nông thôn", 1500000], [79001, "thành thị", 2.5e6]]
    sheet = read_table(_xlsx(tmp_path / "codes.xlsx", rows))
    assert sheet.table.column("Mã hộ").to_pylist() == ["1000000000000000", "12345678901234500", "79001"]
    assert sheet.table.column("Thu nhập bình quân").to_pylist() == ["1500000", "1500000", "2500000"]


def test_a_formulas_last_bit_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    """A formula's saved value 1500000.0000000002 (the double of =B2*0.3 and the like) shows, and compares,
    as 1,500,000 in Excel; it was read to its last bit, and the household on the poverty line with three
    deprivations was classified 'average' instead of poor."""
    rows: list[list[object]] = [["Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế"]]
    rows += [["H1", "nông thôn", 1500001, "x", "x", "x"], ["H2", "nông thôn", 1234567.25, 0, 0, 0]]
    saved = _xlsx(tmp_path / "saved.xlsx", rows)
    path = tmp_path / "formula.xlsx"
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(path, "w") as zout:  # the value as Excel saves it
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data.replace(b"<v>1500001</v>", b"<v>1500000.0000000002</v>"))
    assert read_table(path).table.column("Thu nhập bình quân").to_pylist() == ["1500000", "1234567.25"]
    assert _classify(path, tmp_path)["status"].tolist()[0] == "poor"


def test_two_row_merged_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Mã hộ", "Khu vực", "Thu nhập bình quân", "Chỉ số thiếu hụt", None, None],
        [None, None, None, "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế"],
        ["H1", "nông thôn", 900000, "x", "x", "x"],
    ]
    sheet = read_table(_xlsx(tmp_path / "m.xlsx", rows, title=False))
    assert sheet.column_names == ["Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế"]
    assert list(sheet.rows) == [3]


def test_a_village_and_area_merged_down_count_for_each_household(tmp_path: Path) -> None:
    """A form writes the village and the area once, in a cell merged down over the village's households:
    calamine gives the value in the first row only, so the others were rejected ("Khu vực: must be rural
    or urban") and counted under no village. A merge across columns (a group heading) is left alone."""
    rows: list[list[object]] = [
        ["Mã hộ", "Thôn", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế"],
        ["I. THÔN ĐÔNG"],
        ["A1", "Thôn Đông", "nông thôn", 1000000, "x", "x", "x"],
        ["A2", None, None, 1000000, "x", "x", "x"],
        ["A3", None, None, 3000000, 0, 0, 0],
        ["B1", "Thôn Tây", "thành thị", 1000000, "x", "x", "x"],
        ["B2", None, None, 1000000, "x", "x", "x"],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for cells in ("A2:G2", "B3:B5", "C3:C5", "B6:B7", "C6:C7"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "gop.xlsx")
    sheet = read_table(tmp_path / "gop.xlsx")
    assert sheet.table.column("Thôn").to_pylist() == ["", *["Thôn Đông"] * 3, *["Thôn Tây"] * 2]
    assert sheet.table.column("Khu vực").to_pylist() == ["", *["nông thôn"] * 3, *["thành thị"] * 2]
    assert sheet.table.column("Mã hộ").to_pylist() == ["I. THÔN ĐÔNG", "A1", "A2", "A3", "B1", "B2"]
    got = _classify(tmp_path / "gop.xlsx", tmp_path)
    assert got["status"].tolist() == ["poor", "poor", "not_poor", "poor", "poor"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_file_in_an_old_font_encoding_is_named_so_not_said_to_lack_its_columns(tmp_path: Path, lang: str) -> None:
    """Old files typed in TCVN3 (ABC, .VnTime) or VNI fonts show 'Mã hộ' in Excel but hold 'M· hé' or
    'Maõ hoä': they were refused for "missing column household_id (Mã hộ)", which the officer can see is
    there. The message now names the old encoding and says to convert the file to Unicode."""
    tcvn3 = "M· hé;Khu vùc;Thu nhËp b×nh qu©n;Th«n\r\nH1;n«ng th«n;1.000.000;Th«n §«ng\r\n"
    vni = [["Maõ hoä", "Khu vöïc", "Thu nhaäp bình quaân", "Thoân"], ["H1", "noâng thoân", 1000000, "Thoân Ñoâng"]]
    (tmp_path / "abc.csv").write_bytes(tcvn3.encode("cp1252"))
    wb = openpyxl.Workbook()
    for r in vni:
        wb.active.append(r)
    wb.save(tmp_path / "vni.xlsx")
    said = {"vi": "tệp được gõ bằng bảng mã cũ {font}, không phải Unicode", "en": "typed in the old {font} encoding"}
    for name, font, shown in (("abc.csv", "TCVN3", "Mã hộ, Khu vực, Thu nhập bình quân"), ("vni.xlsx", "VNI", "Ma ho")):
        args = ["classify", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert said[lang].format(font=font) in result.output and shown in result.output, result.output
        assert "household_id" not in result.output and not (tmp_path / "o.csv").exists()
    plain = tmp_path / "plain.csv"  # a file in Unicode is read as before, whatever its letters
    plain.write_text("Mã hộ,Khu vực,Thu nhập bình quân\nH1,nông thôn,1000000\n", encoding="utf-8")
    assert read_table(plain).column_names == ["Mã hộ", "Khu vực", "Thu nhập bình quân"]


def test_a_formulas_error_is_read_as_excel_shows_it_not_as_a_blank(tmp_path: Path) -> None:
    """A mark filled by a VLOOKUP that found nothing shows #N/A in Excel; calamine gives it as empty, so with
    --blank-flags not-deprived the household was classified as not deprived there (near-poor, not poor),
    and a #DIV/0! income was rejected as "empty". The error is read as written: the row is rejected with it."""
    rows: list[list[object]] = [["Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế"]]
    rows += [
        ["H1", "nông thôn", 1000000, "x", "x", "=VLOOKUP(A4,Z!A:B,2,0)"],
        ["H2", "nông thôn", "=C3/0", "x", "x", "x"],
    ]
    saved = _xlsx(tmp_path / "saved.xlsx", rows)
    path = tmp_path / "errors.xlsx"
    with zipfile.ZipFile(saved) as zin, zipfile.ZipFile(path, "w") as zout:  # the errors Excel saved
        for item in zin.infolist():
            data = zin.read(item.filename)
            for ref, error in ((b"F4", b"#N/A"), (b"C5", b"#DIV/0!")):
                data = re.sub(
                    b'<c r="' + ref + b'"([^>]*)>(<f>[^<]*</f>)<v ?/>',
                    b'<c r="' + ref + b'"\\1 t="e">\\2<v>' + error + b"</v>",
                    data,
                )
            zout.writestr(item, data)
    sheet = read_table(path)
    assert sheet.table.column("Bảo hiểm y tế").to_pylist() == ["#N/A", "x"]
    with mock.patch.object(read_module, "XML_CHUNK", 50):  # the sheet's XML looked at in pieces: the same
        assert read_table(path).table.to_pylist() == sheet.table.to_pylist()
    assert sheet.table.column("Thu nhập bình quân").to_pylist() == ["1000000", "#DIV/0!"]
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["4", "5"]
    assert rejects["reason"][0].startswith("Bảo hiểm y tế = '#N/A'") and "'#DIV/0!'" in rejects["reason"][1]


def test_a_summary_sheet_before_the_household_list_is_not_the_one_read(tmp_path: Path) -> None:
    """A workbook's first sheet is often the summary by village ("Thôn", "Tổng số hộ" …), the household list
    on the next: the summary was read as "the first sheet with a header row" and the run stopped with
    "row 1: missing column household_id (Mã hộ) …", naming neither sheet. The sheet whose header names the
    most known columns is read (with a note), and an error about a sheet's columns names the sheet."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Tổng hợp"
    summary.append(["Thôn", "Tổng số hộ", "Số hộ nghèo"])
    summary.append(["Thôn Đông", 1, 0])
    households = wb.create_sheet("Danh sách")
    households.append(["Mã hộ", "Thôn", "Khu vực", "Thu nhập bình quân"])
    households.append(["H1", "Thôn Đông", "nông thôn", 3000000])
    wb.save(tmp_path / "ds.xlsx")
    sheet = read_table(tmp_path / "ds.xlsx")
    assert sheet.column_names[0] == "Mã hộ" and any("'Danh sách'" in n for n in sheet.notes)
    assert _classify(tmp_path / "ds.xlsx", tmp_path)["Mã hộ"].tolist() == ["H1"]
    args = ["classify", str(tmp_path / "ds.xlsx"), "--sheet", "1", "-o", str(tmp_path / "o.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "ds.xlsx [Tổng hợp]: dòng 1: thiếu cột household_id" in result.output


def test_areas_typed_in_an_old_font_encoding_are_named_so(tmp_path: Path) -> None:
    """A file with plain headers but its cells typed in TCVN3 or VNI: every row was rejected "area must be
    rural or urban" for 'n«ng th«n' / 'noâng thoân', which read 'nông thôn' in Excel's old fonts, and
    nothing said why. A note names the encoding and asks to convert the file; a plain bad area says none."""
    said = {"vi": "có ô được gõ bằng bảng mã cũ {font}", "en": "some cells are typed in the old {font} encoding"}
    for font, rural in (("TCVN3", "n«ng th«n"), ("VNI", "noâng thoân"), (None, "quê")):
        path = tmp_path / f"{font}.csv"
        path.write_bytes(f"household_id,area,income_per_capita\r\nH1,{rural},1000000\r\n".encode("cp1252"))
        for lang in ("vi", "en"):
            args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", AS_OF, "--lang", lang]
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 1, result.output
            if font is None:
                assert "TCVN3" not in result.output and "VNI" not in result.output
            else:
                assert said[lang].format(font=font) in result.output, result.output


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_forms_row_of_column_numbers_is_part_of_its_header(tmp_path: Path, kind: str) -> None:
    """The review's forms number their columns in a row under the header ("A", "B", "1", "2" … or "(1)",
    "(2)" …): that row was read as a household and rejected with five reasons, so every run of a form
    exited 1. It is part of the header; the rows below keep their sheet row numbers."""
    rows: list[list[object]] = [
        ["STT", "Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế"],
        ["A", "B", "1", "2", "3", "4", "5"] if kind == "xlsx" else ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "H1", "nông thôn", 1000000, "x", "x", "x"],
        [2, "H2", "sao hỏa", 1000000, "x", "x", "x"],
    ]
    path = tmp_path / f"mau.{kind}"
    if kind == "xlsx":
        _xlsx(path, rows)  # below a title: the header is row 3, the numbers row 4
    else:
        path.write_text(_delimited([[str(c) for c in r] for r in rows], ","), encoding="utf-8")
    sheet = read_table(path)
    first = 5 if kind == "xlsx" else 3
    assert sheet.table.column("Mã hộ").to_pylist() == ["H1", "H2"] and list(sheet.rows) == [first, first + 1]
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert pd.read_csv(rej, dtype=str, encoding="utf-8-sig")["row"].tolist() == [str(first + 1)]
    coded = tmp_path / "coded.csv"  # a household whose cells are numbers is still a household, rejected
    coded.write_text("household_id,area,income_per_capita,score_a\n1,2,,45\n", encoding="utf-8")
    assert list(read_table(coded).rows) == [2]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_separator_sniffed(tmp_path: Path, sep: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text(_delimited([["Mã hộ", "Khu vực", "Thu nhập"], ["H1", "nông thôn", "1,5"]], sep), encoding="utf-8")
    sheet = read_table(path)
    assert sheet.column_names == ["Mã hộ", "Khu vực", "Thu nhập"]
    assert sheet.table.column("Thu nhập").to_pylist() == ["1,5"]


def test_ragged_row_is_a_reject_with_its_row_number(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "household_id,area,income_per_capita\nH1,rural,1\nH2,rural\nH3,rural,1,extra\n\nH4,urban,5\n", encoding="utf-8"
    )
    sheet = read_table(path)
    assert list(sheet.rows) == [2, 3, 4, 6] and sheet.blank_rows == 1
    rej = tmp_path / "rej.csv"
    result = CliRunner().invoke(
        main, ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    )
    assert result.exit_code == 1
    rejects = pd.read_csv(rej, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert rejects["row"].tolist() == ["3", "4"]
    assert "extra" in rejects["reason"].iloc[1]


def test_two_headers_for_one_column_is_an_error_naming_both(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("household_id,Mã hộ,area,income_per_capita\nH1,H1,rural,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(path), "--as-of", AS_OF, "--lang", "en"])
    assert result.exit_code == 2
    assert "household_id" in result.output and "Mã hộ" in result.output


def test_gzip_and_parquet(tmp_path: Path) -> None:
    text = "household_id,area,income_per_capita\nH1,rural,1500000\nH2,urban,2,5\n"
    gz = tmp_path / "h.csv.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    assert read_table(gz).table.column("household_id").to_pylist() == ["H1", "H2"]
    pqf = tmp_path / "h.parquet"
    pq.write_table(
        pa.table({"household_id": ["H1", "H2"], "area": ["rural", None], "income_per_capita": [1.5e6, 2.5]}), pqf
    )
    sheet = read_table(pqf)
    assert sheet.table.column("income_per_capita").to_pylist() == ["1500000", "2.5"]
    assert sheet.table.column("area").to_pylist() == ["rural", ""]


def test_unknown_sheet_names_the_sheets(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "t.xlsx", [["Mã hộ", "Khu vực"]])
    with pytest.raises(InputError, match="Danh sách"):
        read_table(path, sheet="Sheet9")
    assert read_table(path, sheet="1").column_names == ["Mã hộ", "Khu vực"]


def test_header_over_the_csv_field_limit_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("household_id," + "x" * 200_000 + "\nH1,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="longer than"):
        read_table(path)


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(InputError, match="loops"):
        read_table(tmp_path / "a.csv")


def test_damaged_files_and_system_refusals_said_in_vietnamese(tmp_path: Path) -> None:
    """A damaged workbook said "(invalid Zip archive: Could not find EOCD)", a damaged .gz "(Compressed
    file ended before …)", a workbook given to ``test`` "('utf-8' codec can't decode …)", in a Vietnamese
    run; a missing input in a missing folder said the *output's* folder did not exist."""
    (tmp_path / "hong.xlsx").write_bytes(b"PK\x03\x04garbage")
    (tmp_path / "hong.csv.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "so_tinh.yaml").write_bytes(b"PK\x03\x04\xff\xfe\x00garbage")
    runs = {
        "hong.xlsx": ["classify", str(tmp_path / "hong.xlsx")],
        "hong.csv.gz": ["classify", str(tmp_path / "hong.csv.gz")],
        "so_tinh.yaml": ["test", str(tmp_path / "so_tinh.yaml")],
        "thieu": ["classify", str(tmp_path / "khong_co" / "ho.csv")],
        "thieu_review": ["review", str(tmp_path / "khong_co" / "ho.csv"), "--date", "10/12/2025", "--db", "x.db"],
    }
    said = {}
    for name, args in runs.items():
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (name, result.output)
        said[name] = result.output.replace(str(tmp_path), "")
        assert not re.search(r"\b(the|of|Could|file ended|codec|decode)\b", said[name]), (name, result.output)
    assert "tệp bị hỏng" in said["hong.xlsx"] and "tệp nén .gz bị hỏng" in said["hong.csv.gz"]
    assert "không phải tệp văn bản UTF-8" in said["so_tinh.yaml"]
    assert "ho.csv: không tìm thấy tệp" in said["thieu"] and "ho.csv: không tìm thấy tệp" in said["thieu_review"]
    english = CliRunner().invoke(main, ["classify", str(tmp_path / "hong.xlsx"), "--lang", "en"]).output
    assert "the spreadsheet cannot be read: the file is damaged" in english and "EOCD" not in english
    assert W.os_reason(PermissionError(errno.EACCES, "Permission denied"), "vi") == "không có quyền truy cập"
    assert W.os_reason(OSError(errno.EROFS, "Read-only file system"), "en") == "read-only file system"
    assert W.os_reason(OSError(errno.ENXIO, "No such device or address"), "vi") == "No such device or address"


@pytest.mark.parametrize(("lang", "cells"), [("vi", "số ô"), ("en", "cells")])
def test_rejects_name_the_files_own_headers(tmp_path: Path, lang: str, cells: str) -> None:
    """A file headed "Thu nhập bình quân" had its rejects name income_per_capita (and a ragged row the
    English word "cells"): the officer looks for the column by the header the file gives it."""
    path = tmp_path / "vi.csv"
    path.write_text("Mã hộ,Khu vực,Thu nhập bình quân\nH1,nông thôn,abc\nH2,nông thôn,1,2\n", encoding="utf-8")
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    assert CliRunner().invoke(main, [*args, "--lang", lang]).exit_code == 1
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["column"].tolist() == ["Thu nhập bình quân", cells]
    assert rejects["reason"][0].startswith("Thu nhập bình quân = 'abc': ")


def test_nan_in_a_parquet_float_column_is_a_missing_value(tmp_path: Path) -> None:
    """Parquet written by numpy, Arrow, polars or Spark keeps NaN for a missing score: every household
    without one was rejected ("score_a = 'nan': must be a number"); a day stored as a timestamp was
    copied as "2024-12-20 00:00:00.000000000"."""
    import datetime as dt

    table = pa.table(
        {
            "household_id": ["H1", "H2"],
            "area": ["rural", "rural"],
            "income_per_capita": pa.array([1_200_000.0, 900_000.0]),
            "score_a": pa.array([float("nan"), 120.0]),
            "escaped_on": pa.array([dt.datetime(2024, 12, 20), None], pa.timestamp("ns")),
        }
    )
    path = tmp_path / "nan.parquet"
    pq.write_table(table, path)
    sheet = read_table(path)
    assert sheet.table.column("score_a").to_pylist() == ["", "120"]
    assert sheet.table.column("escaped_on").to_pylist() == ["2024-12-20", ""]
    rej = tmp_path / "r.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0 and not rej.exists()


def test_a_typed_number_with_three_decimals_is_not_read_as_thousands(tmp_path: Path) -> None:
    """A Parquet double 139.125 (a weighted score A) was copied as the text "139.125", which the number
    reader takes for 139,125 as an officer's "1.500" is 1,500: a poor household (A <= 140, three
    deprivations) came out not poor. A float or decimal cell is written so it reads back as its value."""
    import decimal

    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural", "rural", "rural"],
            "score_a": pa.array([139.125, 139.0, 200.5]),
            "income_per_capita": pa.array([None, decimal.Decimal("1.500"), None], pa.decimal128(12, 3)),
            **{f"deprived_{i}": [True] * 3 for i in ("employment", "nutrition", "water")},
        }
    )
    path = tmp_path / "typed.parquet"
    pq.write_table(table, path)
    sheet = read_table(path)
    assert sheet.table.column("score_a").to_pylist() == ["139.1250", "139", "200.5"]
    assert sheet.table.column("income_per_capita").to_pylist() == ["", "1.5000", ""]
    out = tmp_path / "o.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    classified = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert classified["status"].tolist() == ["poor", "poor", "not_poor"]


@pytest.mark.parametrize("out", ["o.csv", "o.parquet", "o.xlsx"])
def test_codes_stored_as_numbers_in_parquet_are_noted(tmp_path: Path, out: str) -> None:
    """A Parquet file with its commune codes typed as integers (03001 stored as 3001) was read silently:
    its households did not match the history's "03001" and next year's review found every one of them
    new (first_review), the commune's poor households gone from its start. A note names each code column
    stored as numbers, streamed or read whole, in the run's language."""
    table = pa.table(
        {
            "household_id": pa.array([101, 102], pa.int64()),
            "province_code": pa.array([40, 40], pa.int32()),
            "commune_code": pa.array([3001, 3001], pa.int64()),
            "area": ["rural", "rural"],
            "income_per_capita": pa.array([1_200_000.0, 900_000.0]),
        }
    )
    path = tmp_path / "codes.parquet"
    pq.write_table(table, path)
    args = ["classify", str(path), "-o", str(tmp_path / out), "--as-of", AS_OF, "--lang", "vi"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "lưu mã dạng số" in line]
    assert [line.split(": cột ")[1].split(" ")[0] for line in said] == ["household_id", "province_code", "commune_code"]
    text = tmp_path / "codes.csv"
    text.write_text("household_id,commune_code,area,income_per_capita\n101,03001,rural,1200000\n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["classify", str(text), "-o", str(tmp_path / "t.csv"), "--as-of", AS_OF])
    assert "lưu mã dạng số" not in plain.output


def test_a_sheet_number_counts_the_sheets_excel_shows(tmp_path: Path) -> None:
    """`--sheet 1` read a hidden sheet the officer cannot see in Excel: a number counts the visible sheets
    (the tabs), a name still reads a hidden sheet, and an unknown one lists the visible sheets."""
    from openpyxl import Workbook

    book = Workbook()
    hidden = book.active
    hidden.title = "Cũ"
    hidden.append(["household_id", "area", "income_per_capita"])
    hidden.append(["OLD", "rural", "1"])
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("Hộ")
    shown.append(["household_id", "area", "income_per_capita"])
    shown.append(["H1", "urban", "2500000"])
    path = tmp_path / "ds.xlsx"
    book.save(path)
    assert read_table(path, sheet="1").table.column("household_id").to_pylist() == ["H1"]
    assert read_table(path, sheet="Cũ").table.column("household_id").to_pylist() == ["OLD"]
    with pytest.raises(InputError, match=r"no sheet '2'; the sheets are: Hộ, Cũ \(hidden: chosen by its name only\)$"):
        read_table(path, sheet="2")


@pytest.mark.parametrize("command", ["classify", "review", "explain"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unknown_sheet_names_the_hidden_sheets_too(tmp_path: Path, command: str, lang: str) -> None:
    """`--sheet` with a name the workbook does not have listed only the visible sheets: an officer who typed a
    hidden sheet's name without its accents ('nam 2024') was told the workbook has only 'Hộ', and could not
    tell the list was there; the hidden sheets are now named too, marked hidden, chosen by their name."""
    from openpyxl import Workbook

    book = Workbook()
    shown = book.active
    shown.title = "Hộ"
    shown.append(["household_id", "commune_code", "area", "income_per_capita"])
    shown.append(["H1", "03001", "urban", "2500000"])
    old = book.create_sheet("Năm 2024")
    old.append(["household_id", "commune_code", "area", "income_per_capita"])
    old.append(["OLD", "03001", "rural", "1"])
    old.sheet_state = "hidden"
    path = tmp_path / "ds.xlsx"
    book.save(path)
    args = {
        "classify": ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", AS_OF],
        "review": ["review", str(path), "-o", str(tmp_path / "o.csv"), "--date", AS_OF],
        "explain": ["explain", str(path), "H1", "--as-of", AS_OF],
    }[command]
    result = CliRunner().invoke(main, [*args, "--sheet", "nam 2024", "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {
        "vi": "ds.xlsx: không có trang tính 'nam 2024'; các trang: Hộ, Năm 2024 (ẩn: chỉ chọn theo tên)",
        "en": "ds.xlsx: no sheet 'nam 2024'; the sheets are: Hộ, Năm 2024 (hidden: chosen by its name only)",
    }[lang]
    assert said in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_header_pasted_again_below_is_rejected_as_a_header_not_as_fifteen_faults(tmp_path: Path, lang: str) -> None:
    """A second export pasted below the first brings its header row: it was rejected with one reason per column
    ("Khu vực = 'Khu vực': phải là nông thôn … | Thu nhập bình quân = 'Thu nhập bình quân': phải là số … | …",
    fifteen for the sample's headers); it now says it repeats the header, and the households below it are read."""
    lines = VI.read_text(encoding="utf-8-sig").splitlines()
    pasted = tmp_path / "hai_ban.csv"
    pasted.write_text("\n".join([*lines[:4], lines[0], *lines[4:7]]) + "\n", encoding="utf-8")
    rej = tmp_path / "rej.csv"
    args = ["classify", str(pasted), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "--lang", lang, "-q"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["5"]
    said = {"vi": "dòng này lặp lại dòng tiêu đề", "en": "repeats the header row"}[lang]
    assert said in rejects["reason"][0] and "|" not in rejects["reason"][0], rejects["reason"][0]
    assert len(pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")) == 6


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_first_household_naming_two_indicators_is_no_second_header_row(tmp_path: Path, suffix: str) -> None:
    """A labelled result (classify --local -o x.xlsx) whose first household lists one indicator in
    'Các chỉ số thiếu hụt' and one in 'Cần bổ sung' (or in the local standard's list) had that row read as
    a second header row: the household was lost and the columns renamed 'Nhà tiêu hợp vệ sinh', 'Việc làm'
    (report: "cột 'Nhà tiêu hợp vệ sinh' xuất hiện hai lần"). A row with a household code under the code's
    header is a household's row."""
    rows = [
        ["household_id", "area", "income_per_capita", "Các chỉ số thiếu hụt", "Cần bổ sung"],
        ["H1", "rural", "1000000", "Nhà tiêu hợp vệ sinh", "Việc làm"],
        ["H2", "rural", "1200000", "", ""],
    ]
    path = tmp_path / f"ho{suffix}"
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    table = read_table(path).table
    assert table.column_names == rows[0] and table.num_rows == 2
    assert table.column("household_id").to_pylist() == ["H1", "H2"]


def test_a_nul_past_the_first_mb_is_refused_naming_its_row_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A NUL character (byte 0) in the first MB of a CSV refuses it ('not a text file'), but one further on
    was carried into the output, read whole or streamed (a CSV spreadsheet programs cut short at it). Any
    NUL now refuses the file, naming its row and column, in --lang; the earlier output is left as it was."""
    monkeypatch.setattr(read_module, "SNIFF_BYTES", 128)  # the first "MB": 128 bytes
    lines = ["household_id,area,income_per_capita,village"]
    lines += [f"H{i:04d},rural,1200000,Thon {i % 7}" for i in range(400)]
    lines[300] = "H0299,rural,1200000,Th\x00on 5"
    src = tmp_path / "ho.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as whole:
        read_table(src, lang="vi")
    assert "dòng 301, cột village" in str(whole.value) and "NUL" in str(whole.value)
    out = tmp_path / "ho.out.csv"
    for streamed in ([], ["--batch-bytes", "2000"]):
        out.write_text("old", encoding="utf-8")
        args = ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "-q", "--lang", "en", *streamed]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "row 301, column village: the cell holds a NUL character" in result.output
        assert out.read_text(encoding="utf-8") == "old"


def _ods(path: Path, sheets: dict[str, str]) -> Path:
    """An ``.ods`` workbook as LibreOffice saves it, each sheet given as its ``table:table`` rows' XML."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
    )
    tables = "".join(f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in sheets.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        book.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    return path


def test_an_ods_formulas_error_is_read_as_libreoffice_shows_it_not_as_a_blank(tmp_path: Path) -> None:
    """calamine gives an .ods cell whose formula ended in an error (LibreOffice's calcext:value-type="error")
    as empty: a VLOOKUP's #N/A in a mark was read as unknown, or as *not deprived* with --blank-flags
    not-deprived (the household classified on a mark nobody gave), and a #DIV/0! income as "empty". As in an
    .xlsx, the error is read as shown and the row rejected with it; repeated rows and cells, a merge's covered
    cells and a row group are counted as calamine counts them, and another sheet's errors are not this one's."""

    def text(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    def error(shown: str, repeat: int = 1) -> str:
        return (
            f'<table:table-cell table:number-columns-repeated="{repeat}" table:formula="of:=1/0" '
            f'office:value-type="string" office:string-value="" calcext:value-type="error">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )

    def row(*cells: str, repeat: int = 1) -> str:
        return f'<table:table-row table:number-rows-repeated="{repeat}">{"".join(cells)}</table:table-row>'

    empty = '<table:table-cell table:number-columns-repeated="2"/>'
    header = ("Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng", "Bảo hiểm y tế")
    rows = row('<table:table-cell table:number-columns-repeated="6"/>', repeat=2)  # two blank rows on top
    rows += row(*(text(h) for h in header))
    rows += "<table:table-row-group>" + row(
        text("H1"), text("nông thôn"), text("1000000"), text("x"), text("x"), error("#N/A")
    )
    rows += (
        row(text("H2"), text("nông thôn"), error("#DIV/0!"), text("x"), text("x"), text("x"))
        + "</table:table-row-group>"
    )
    merged = '<table:table-cell table:number-columns-spanned="2" office:value-type="string">'
    merged += "<text:p>x</text:p></table:table-cell>"
    rows += row(text("H3"), text("nông thôn"), text("1000000"), merged, "<table:covered-table-cell/>", error("Err:502"))
    rows += row(text("H4"), text("nông thôn"), text("1000000"), text("x"), error("#N/A", repeat=2))
    rows += row(text("H5"), text("nông thôn"), text("1000000"), text("x"), text("x"), text("x"))
    rows += row('<table:table-cell table:number-columns-repeated="1024"/>', repeat=1048000)  # to the sheet's end
    other = row(text("Mã hộ"), text("Khu vực")) + row(empty, error("#REF!", repeat=4), repeat=9)
    path = _ods(tmp_path / "ho.ods", {"Danh sách": rows, "Tra cứu": other})
    sheet = read_table(path)
    assert sheet.rows.tolist() == [4, 5, 6, 7, 8]
    assert sheet.table.column("Bảo hiểm y tế").to_pylist() == ["#N/A", "x", "Err:502", "#N/A", "x"]
    assert sheet.table.column("Dinh dưỡng").to_pylist() == ["x", "x", "", "#N/A", "x"]
    assert sheet.table.column("Thu nhập bình quân").to_pylist() == [
        "1000000",
        "#DIV/0!",
        "1000000",
        "1000000",
        "1000000",
    ]
    lookup = read_table(path, sheet="Tra cứu").table  # its own errors, where they are
    assert lookup.num_rows == 9 and lookup.to_pylist()[8] == {
        "Mã hộ": "",
        "Khu vực": "",
        **{f"column_{c}": "#REF!" for c in "CDEF"},
    }
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["4", "5", "6", "7"]
    assert rejects["reason"][0].startswith("Bảo hiểm y tế = '#N/A'") and "'#DIV/0!'" in rejects["reason"][1]


def test_a_header_pasted_again_in_capitals_or_without_accents_is_rejected_as_a_header(tmp_path: Path) -> None:
    """A second export pasted below the first was taken for its header only when its code and area cells were
    written exactly as the file's header: 'MÃ HỘ, KHU VỰC, …' (a program that heads in capitals) or 'ma ho,
    khu vuc, …' (one without accents) was rejected with one reason per column ("Khu vực = 'KHU VỰC': phải là
    nông thôn … | Thu nhập bình quân = 'THU NHẬP BÌNH QUÂN': phải là số … | …"). Those cells are compared
    as headers are matched (case, spacing, accents, another of the column's headers), so the row is said to
    repeat the header; a household whose cells merely resemble a header's is still read."""
    header = ["Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm"]
    rows = [header, ["H1", "nông thôn", "1500000", "x"], ["MÃ HỘ", "KHU VỰC", "THU NHẬP BÌNH QUÂN", "VIỆC LÀM"]]
    rows += [["H2", "nông thôn", "1000000", ""], ["ma ho", " khu vuc ", "thu nhap binh quan", "viec lam"]]
    rows += [["Mã hộ gia đình", "Địa bàn", "Thu nhập", "Việc làm"], ["H3", "thành thị", "900000", "x"]]
    rows += [["Khu vực", "nông thôn", "1000000", ""]]  # a code that is a header's word, in a household's row
    path = tmp_path / "hai_ban.csv"
    path.write_text(_delimited(rows, ","), encoding="utf-8")
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["3", "5", "6"]
    for reason in rejects["reason"]:
        assert "dòng này lặp lại dòng tiêu đề" in reason and "|" not in reason, reason
    out = pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")
    assert out["Mã hộ"].tolist() == ["H1", "H2", "H3", "Khu vực"]


def test_a_code_typed_as_a_number_in_a_cell_formatted_with_leading_zeros_keeps_them(tmp_path: Path) -> None:
    """A village head who types household code 001 (commune code 03001) as a number keeps its zeros with a
    cell format of 000 (00000): Excel shows 001, but calamine gives the number 1, so the household became '1'
    — another household than the history's '001' and the members file's, a new one in the review while '001'
    went unreviewed. A whole number in a cell whose format shows leading zeros (or a fixed text around them,
    "HC-"0000) is read as Excel shows it; other numbers, and such a format on a fraction, are read as before."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã hộ", "Khu vực", "Thu nhập bình quân", "Mã xã", "Số nhân khẩu", "Ghi chú"])
    rows = [[1, "nông thôn", 1500000, 3001, 4, 7], [12, "nông thôn", 2500000, 3001, 5, 1.5]]
    rows += [[1234, "thành thị", 1000000, 25, 3, 7], ["0007", "nông thôn", 1200000, "03001", 2, ""]]
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        row[0].number_format, row[3].number_format, row[4].number_format = "000", "00000;[Red]-00000", "#,##0"
        row[5].number_format = '"HC-"0000'
    ws["D4"].number_format = "General"  # not padded: read as typed
    path = tmp_path / "ho.xlsx"
    wb.save(path)
    sheet = read_table(path)
    assert sheet.table.column("Mã hộ").to_pylist() == ["001", "012", "1234", "0007"]
    assert sheet.table.column("Mã xã").to_pylist() == ["03001", "03001", "25", "03001"]
    assert sheet.table.column("Số nhân khẩu").to_pylist() == ["4", "5", "3", "2"]
    assert sheet.table.column("Ghi chú").to_pylist() == ["HC-0007", "1.5", "HC-0007", ""]
    with mock.patch.object(read_module, "XML_CHUNK", 40):  # the sheet's XML looked at in pieces: the same
        assert read_table(path).table.to_pylist() == sheet.table.to_pylist()
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "-q"])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(out, dtype=str, encoding="utf-8-sig")["Mã hộ"].tolist() == ["001", "012", "1234", "0007"]


def test_a_nul_in_a_parquet_text_cell_is_refused_naming_its_row_and_column(tmp_path: Path) -> None:
    """A CSV cell holding a NUL character (byte 0) is refused, naming its row and column; a Parquet file's
    text cell holding one was carried into the classified CSV (a file spreadsheet programs cut short at it),
    read whole or row group by row group. It is now refused the same way, in --lang, the earlier output left
    as it was."""
    names = [f"Chu ho {i}" for i in range(6)]
    names[4] = "Le\x00Thi B"
    table = pa.table(
        {"household_id": [f"H{i}" for i in range(6)], "area": ["rural"] * 6, "income_per_capita": [1_200_000] * 6,
         "head_name": names}
    )  # fmt: skip
    src = tmp_path / "ho.parquet"
    pq.write_table(table, src, row_group_size=2)
    with pytest.raises(InputError) as whole:
        read_table(src, lang="vi")
    assert str(whole.value).startswith(f"{src}: dòng 6, cột head_name: ô có ký tự NUL (byte 0)")
    out = tmp_path / "ho.out.csv"
    for streamed in ([], ["--batch-bytes", "1024"]):
        out.write_text("old", encoding="utf-8")
        args = ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "-q", "--lang", "en", *streamed]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert "ho.parquet: row 6, column head_name: the cell holds a NUL character" in result.output
        assert out.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_csv_whose_letters_excel_saved_as_question_marks_is_refused_saying_so(tmp_path: Path, lang: str) -> None:
    """Excel on a Windows whose code page has no Vietnamese letters saves 'CSV (Comma delimited)' with each of
    them as '?': 'M? h?, Khu v?c, …'. The run stopped with 'row 1: missing column household_id (Mã hộ), area
    (Khu vực) …', columns the officer's workbook plainly has (and with some headers intact, areas such as
    'thành th?' were rejected and the heads' names written out garbled). It now stops saying the letters were
    lost and how to save the file again, naming the file, the row and the headers; the streamed reader too.
    A header with a question mark of its own is read as before."""
    rows = [["DANH SÁCH HỘ"], ["Mã hộ", "Họ tên chủ hộ", "Khu vực", "Thu nhập bình quân", "Việc làm"]]
    rows += [["001", "Nguyễn Văn Ánh", "thành thị", "1.200.000", "x"]]
    path = tmp_path / "ansi.csv"
    path.write_bytes(_delimited(rows, ",").encode("cp1252", "replace"))
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "các chữ tiếng Việt của tệp đã bị thay bằng dấu '?'", "en": "Vietnamese letters were replaced by"}
    assert said[lang] in result.output and "row 2" in result.output.replace("dòng 2", "row 2"), result.output
    assert "Khu v?c" in result.output and "CSV UTF-8" in result.output and not out.exists()
    with pytest.raises(InputError, match=r"row 2: the file's Vietnamese letters were replaced by '\?' \(Mã h\?"):
        read_table(path)  # the whole file's reader (an .xlsx output), as the streamed one above
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(tmp_path / "o.xlsx"), "--as-of", AS_OF])
    assert result.exit_code == 2 and "dấu '?'" in result.output, result.output
    fine = tmp_path / "fine.csv"
    fine.write_text("Mã hộ,Khu vực,Thu nhập bình quân,Có BHYT?\n001,nông thôn,1200000,x\n", encoding="utf-8")
    assert read_table(fine).column_names == ["Mã hộ", "Khu vực", "Thu nhập bình quân", "Có BHYT?"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_forms_total_row_is_rejected_as_the_total_not_as_a_household_with_bad_cells(
    tmp_path: Path, lang: str
) -> None:
    """A village's form ends with its total: 'Tổng cộng' (or 'Cộng: 2 hộ' under the names, 'Cộng' in the code
    column), the incomes summed and the marks counted. It was rejected as a household with bad cells ('Mã hộ:
    trống … | Khu vực: phải là nông thôn … | Việc làm = '2': phải là 1/0 …'), which sent the officer looking
    for a mistyped household. It is now rejected with the one reason that it is the form's total; households
    named Công, a code starting 'Cong', and a total row's like with an area are read or rejected as before."""
    header = ["STT", "Mã hộ", "Họ tên chủ hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng"]
    rows = [header, ["1", "001", "Nguyễn Công", "nông thôn", "1200000", "x", ""]]
    rows += [["2", "CONG-02", "Công Văn Lý", "nông thôn", "1300000", "x", "x"], ["3", "003", "Lê A", "", "1", "", ""]]
    rows += [["Tổng cộng", "", "", "", "2500000", "2", "1"], ["", "", "Cộng: 2 hộ", "", "2500000", "2", "1"]]
    rows += [["", "Cộng", "", "", "2500000", "2", "1"], ["", "TỔNG SỐ", "", "", "", "2", "1"]]
    path = tmp_path / "bieu.csv"
    path.write_text(_delimited(rows, ","), encoding="utf-8")
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "--lang", lang, "-q"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["4", "5", "6", "7", "8"]
    said = {"vi": "dòng tổng cộng của biểu", "en": "is the form's total row"}[lang]
    assert said not in rejects["reason"][0]  # a household without its area: said so
    for reason in rejects["reason"][1:]:
        assert said in reason and "|" not in reason, reason
    assert pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")["Mã hộ"].tolist() == ["001", "CONG-02"]


def test_a_header_with_a_forms_footnote_mark_is_read_as_its_column(tmp_path: Path) -> None:
    """Forms mark their required columns with a footnote: 'Mã hộ (*)', 'Bảo hiểm y tế*', 'Việc làm (1)'. Such
    a header named no column: 'Dinh dưỡng (*)' was noted as missing ('không có cột deprived_nutrition (Dinh
    dưỡng): coi là chưa rõ cho mọi hộ') beside the officer's own column of marks, and a file so headed
    throughout had no header row at all. The mark is no part of the name; an income header's unit before it
    is read ('(nghìn đồng) (*)': × 1,000), and a header no column has keeps its mark, carried as written."""
    rows: list[list[object]] = [
        ["Mã hộ (*)", "Khu vực (*)", "Thu nhập bình quân (nghìn đồng) (*)", "Việc làm (1)", "Dinh dưỡng (*)"]
    ]
    rows[0] += ["Bảo hiểm y tế*", "Ghi chú (*)"]
    rows += [["001", "nông thôn", 1200, "x", "x", "x", "a"], ["002", "nông thôn", 1600, "", "", "", "b"]]
    path = _xlsx(tmp_path / "bieu.xlsx", rows)
    out = tmp_path / "o.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--blank-flags", "not-deprived"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "deprived_nutrition" not in result.output and "× 1.000" in result.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["deprived"].tolist() == ["employment;nutrition;health_insurance", ""]
    assert got["status"].tolist() == ["poor", "average"]  # 1,200,000 and 1,600,000 a month
    assert got["Ghi chú (*)"].tolist() == ["a", "b"]


def test_a_header_ending_in_a_labels_colon_or_a_superscript_mark_is_read_as_its_column(tmp_path: Path) -> None:
    """A form typed as labels heads its columns 'Mã hộ:', 'Thu nhập bình quân:'; another marks a footnote with a
    superscript past ³ ('Việc làm⁴'). Such headers named no column: the file stopped with 'missing column
    household_id (Mã hộ) …' beside its own 'Mã hộ:'. The colon and the mark are no part of the name, and an
    income's unit before them is still read ('(nghìn đồng)*:' × 1,000, never the thousands taken as đồng)."""
    header = ["Mã hộ:", "Khu vực :", "Thu nhập bình quân (nghìn đồng)*:", "Việc làm⁴", "Dinh dưỡng (*):", "BHYT"]
    header[-1:] = ["Bảo hiểm y tế¹²", "Ghi chú:"]
    rows = [header, ["001", "nông thôn", "1200", "x", "x", "x", "a"], ["002", "nông thôn", "1600", "", "", "", "b"]]
    path = tmp_path / "bieu.csv"
    path.write_text(_delimited(rows, ","), encoding="utf-8")
    out = tmp_path / "o.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--blank-flags", "not-deprived", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "deprived_nutrition" not in result.output and "deprived_employment" not in result.output, result.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["deprived"].tolist() == ["employment;nutrition;health_insurance", ""]
    assert got["status"].tolist() == ["poor", "average"]  # 1,200,000 and 1,600,000 a month, rural
    assert got["Ghi chú:"].tolist() == ["a", "b"]


def _biff(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _xls(path: Path, rows: list[list[object]], *, small: bool = False) -> Path:
    """An Excel 97-2003 workbook (BIFF8 in a compound file), sheet 'Danh sách': a text cell is a Label, an int
    an RK number, a float a Number, ("pad", n) an RK number in a cell formatted 000, ("formula", code) a
    formula whose saved value is the error of that code, ("error", code) an error typed in; ``small``: a
    Workbook stream under 4,096 bytes, kept in the file's small-stream sectors."""

    def bof(kind: int) -> bytes:
        return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    def book(at: int) -> bytes:
        out = bof(0x0005) + _biff(0x0042, struct.pack("<H", 1200))
        out += _biff(0x041E, struct.pack("<HHB", 164, 3, 0) + b"000")
        out += _biff(0x00E0, struct.pack("<HH", 0, 0) + bytes(16)) + _biff(
            0x00E0, struct.pack("<HH", 0, 164) + bytes(16)
        )
        name = "Danh sách"
        out += _biff(0x0085, struct.pack("<IBB", at, 0, 0) + bytes([len(name), 1]) + name.encode("utf-16-le"))
        out += b"" if small else _biff(0x0ABC, bytes(4200))  # a record no reader knows: over 4,096 bytes
        return out + _biff(0x000A, b"")

    sheet = bof(0x0010) + _biff(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, max(map(len, rows)), 0))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str):
                sheet += _biff(0x0204, struct.pack("<HHHHB", r, c, 0, len(v), 1) + v.encode("utf-16-le"))
            elif isinstance(v, tuple) and v[0] == "formula":
                saved = bytes([2, 0, v[1], 0, 0, 0, 0xFF, 0xFF])
                sheet += _biff(0x0006, struct.pack("<HHH", r, c, 0) + saved + struct.pack("<HIH", 0, 0, 0))
            elif isinstance(v, tuple) and v[0] == "error":
                sheet += _biff(0x0205, struct.pack("<HHHBB", r, c, 0, v[1], 1))
            elif isinstance(v, tuple) and v[0] == "pad":
                sheet += _biff(0x027E, struct.pack("<HHHI", r, c, 1, (v[1] << 2) | 2))
            elif isinstance(v, int):
                sheet += _biff(0x027E, struct.pack("<HHHI", r, c, 0, (v << 2) | 2))
            elif isinstance(v, float):
                sheet += _biff(0x0203, struct.pack("<HHHd", r, c, 0, v))
    stream = book(len(book(0))) + sheet + _biff(0x000A, b"")
    end, free = 0xFFFFFFFE, 0xFFFFFFFF

    def chain(first: int, count: int) -> list[int]:
        return [first + i + 1 for i in range(count - 1)] + [end]

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        links = struct.pack("<HBBIII", len(raw), kind, 1, free, free, child)
        return raw.ljust(64, b"\0") + links + bytes(36) + struct.pack("<IQ", start, size)

    if small:  # sectors: FAT, directory, small-sector table, then the small sectors' container
        minis = -(-len(stream) // 64)
        held = stream.ljust(minis * 64, b"\0")
        sectors = -(-len(held) // 512)
        fat = [0xFFFFFFFD, end, end, *chain(3, sectors)]
        tables = struct.pack("<128I", *(chain(0, minis) + [free] * (128 - minis)))
        body, root, first = tables + held.ljust(sectors * 512, b"\0"), (3, len(held)), 0
        minifat = (2, 1)
    else:  # sectors: FAT, directory, then the stream
        sectors = -(-len(stream) // 512)
        fat = [0xFFFFFFFD, end, *chain(2, sectors)]
        body, root, first, minifat = stream.ljust(sectors * 512, b"\0"), (end, 0), 2, (end, 0)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, *minifat, end, 0)
    header += struct.pack("<109I", 0, *[free] * 108)
    directory = entry("Root Entry", 5, 1, *root) + entry("Workbook", 2, free, first, len(stream))
    directory += entry("", 0, free, 0, 0) * 2
    path.write_bytes(header + struct.pack("<128I", *(fat + [free] * (128 - len(fat)))) + directory + body)
    return path


@pytest.mark.parametrize("small", [False, True])
def test_an_xls_formulas_error_and_a_code_formatted_000_are_read_as_excel_shows_them(
    tmp_path: Path, small: bool
) -> None:
    """An Excel 97-2003 workbook (.xls, as village heads still save them) lost what Excel shows in two ways
    calamine has: a formula's error (#N/A of a VLOOKUP in a mark, #DIV/0! in an income) was a blank cell —
    unknown, or not deprived with --blank-flags not-deprived — and a code typed 1 in a cell formatted 000,
    shown 001, was read as 1: another household than the history's 001. Both are read from the workbook's
    records as Excel shows them, as in an .xlsx: the rows with an error rejected with it, the codes kept."""
    rows: list[list[object]] = [["Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng"]]
    rows += [[("pad", 1), "nông thôn", ("formula", 0x07), "x", "x"]]
    rows += [[("pad", 12), "nông thôn", 1000000, ("formula", 0x2A), ("error", 0x17)]]
    rows += [["H3", "nông thôn", 1500000.5, "x", "x"], [("pad", 1234), "nông thôn", 1200000, "x", "x"]]
    path = _xls(tmp_path / "ho.xls", rows, small=small)
    sheet = read_table(path)
    assert sheet.table.column("Mã hộ").to_pylist() == ["001", "012", "H3", "1234"]
    assert sheet.table.column("Thu nhập bình quân").to_pylist() == ["#DIV/0!", "1000000", "1500000.5", "1200000"]
    assert sheet.table.column("Việc làm").to_pylist() == ["x", "#N/A", "x", "x"]
    assert sheet.table.column("Dinh dưỡng").to_pylist() == ["x", "#REF!", "x", "x"]
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived", "-q"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["2", "3"] and "'#DIV/0!'" in rejects["reason"][0]
    assert pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")["Mã hộ"].tolist() == ["H3", "1234"]


def test_an_ods_code_typed_as_a_number_in_a_cell_formatted_000_keeps_its_zeros(tmp_path: Path) -> None:
    """LibreOffice keeps a code typed 1 in a cell formatted 000 as the number 1 shown '001' (and a commune
    code 3001 formatted 00000 as '03001'); calamine gives 1 and 3001: another household than the history's
    001, as in an .xlsx or .xls before. A whole number the sheet shows with leading zeros (before fixed text
    too: 'HC-0007') is read as shown; a number shown grouped ('1.500.000') or as typed is read as before."""

    def number(value: str, shown: str, repeat: int = 1) -> str:
        return (
            f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="float" '
            f'office:value="{value}"><text:p>{shown}</text:p></table:table-cell>'
        )

    def text(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    def row(*cells: str, repeat: int = 1) -> str:
        return f'<table:table-row table:number-rows-repeated="{repeat}">{"".join(cells)}</table:table-row>'

    rows = row(*(text(h) for h in ("Mã hộ", "Khu vực", "Thu nhập bình quân", "Mã xã", "Ghi chú")))
    rows += row(number("1", "001"), text("nông thôn"), number("1500000", "1.500.000"), number("3001", "03001", 2))
    rows += row(number("12", "012"), text("nông thôn"), number("1200000", "1200000"), number("25", "25"), text("a"))
    rows += row(text("0007"), text("thành thị"), number("1000000.5", "1000000,5"), number("7", "HC-0007"), text(""))
    path = _ods(tmp_path / "ho.ods", {"Danh sách": rows})
    sheet = read_table(path)
    assert sheet.table.column("Mã hộ").to_pylist() == ["001", "012", "0007"]
    assert sheet.table.column("Thu nhập bình quân").to_pylist() == ["1500000", "1200000", "1000000.5"]
    assert sheet.table.column("Mã xã").to_pylist() == ["03001", "25", "HC-0007"]
    assert sheet.table.column("Ghi chú").to_pylist() == ["03001", "a", ""]


def test_an_ods_area_merged_down_over_its_households_counts_for_each(tmp_path: Path) -> None:
    """An area (or a village) written once in a cell merged down over its households counts for each of them
    in an .xlsx or .xls; calamine gives no .ods merges, so in a LibreOffice sheet only the first household had
    its area and the others were rejected as 'Khu vực: phải là nông thôn hoặc thành thị'. The sheet's merges
    are read from its content: a merge down fills its rows, a merge across (a group heading) stays in its
    first cell, as in the other workbooks."""

    def text(value: str, down: int = 1, across: int = 1) -> str:
        spans = f'table:number-rows-spanned="{down}" table:number-columns-spanned="{across}" '
        return f'<table:table-cell {spans}office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    def row(*cells: str) -> str:
        return f"<table:table-row>{''.join(cells)}</table:table-row>"

    covered = "<table:covered-table-cell/>"
    rows = row(*(text(h) for h in ("Thôn", "Mã hộ", "Khu vực", "Thu nhập bình quân")))
    rows += row(text("I. THÔN ĐÔNG", across=4), covered, covered, covered)
    rows += row(text("Đông", down=3), text("H1"), text("nông thôn", down=3), text("1200000"))
    rows += row(covered, text("H2"), covered, text("1300000"))
    rows += row(covered, text("H3"), covered, text("1400000"))
    rows += row(text("Tây"), text("H4"), text("thành thị"), text("1900000"))
    sheet = read_table(_ods(tmp_path / "ho.ods", {"Danh sách": rows}))
    assert sheet.table.column("Khu vực").to_pylist() == ["", "nông thôn", "nông thôn", "nông thôn", "thành thị"]
    assert sheet.table.column("Thôn").to_pylist() == ["I. THÔN ĐÔNG", "Đông", "Đông", "Đông", "Tây"]
    assert sheet.table.column("Mã hộ").to_pylist() == ["", "H1", "H2", "H3", "H4"]


def test_an_xlsx_formula_never_computed_is_read_as_its_formula_not_as_a_blank(tmp_path: Path) -> None:
    """A workbook written by a program (a district's export tool) holds formulas Excel has never computed: no
    saved value, though Excel shows one when it opens the file. calamine gives such a cell empty, so a mark
    '=IF(…)' was unknown — not deprived with --blank-flags not-deprived — and an income '=C5/D5' "empty",
    without a word. The cell is read as its formula, so a household with one in a number or mark column is
    rejected with it, and a note names the first such cell and says to open and save the file in Excel."""
    rows: list[list[object]] = [["STT", "Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm", "Dinh dưỡng"]]
    rows += [["=ROW()-3", "H1", "nông thôn", 1200000, '=IF(F4="x",1,0)', "x"]]
    rows += [
        ["=ROW()-3", "H2", "nông thôn", "=4800000/4", "x", "x"],
        ["=ROW()-3", "H3", "nông thôn", 1200000, "x", "x"],
    ]
    path = _xlsx(tmp_path / "xuat.xlsx", rows)  # openpyxl saves no value for a formula, as such programs do
    sheet = read_table(path)
    assert sheet.table.column("Việc làm").to_pylist() == ['=IF(F4="x",1,0)', "x", "x"]
    assert sheet.table.column("Thu nhập bình quân").to_pylist() == ["1200000", "=4800000/4", "1200000"]
    assert any("5 cells hold a formula never computed (the first: A4)" in note for note in sheet.notes)
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived"])
    assert result.exit_code == 1, result.output
    assert "5 ô có công thức chưa được tính (ô đầu tiên: A4)" in result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["4", "5"]
    assert pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")["Mã hộ"].tolist() == ["H3"]


@pytest.mark.parametrize(("lang", "said"), [("vi", "Ẩn (ẩn: chỉ chọn theo tên)"), ("en", "Ẩn (hidden: chosen by")])
def test_the_sheets_note_numbers_the_sheets_as_sheet_counts_them(tmp_path: Path, lang: str, said: str) -> None:
    """The note on the sheet read listed every sheet in the workbook's order, a hidden one among them
    ('các trang: Hướng dẫn, Ẩn, Thôn Đông'), while --sheet 2 counts the tabs Excel shows: the officer who
    took the second listed got another sheet (or, for the last, 'no sheet 3'). The sheets Excel shows are
    listed first, in their order, and a hidden one after them, said to be chosen by its name only."""
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Hướng dẫn nhập liệu"])
    hidden = wb.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    hidden.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    listed = wb.create_sheet("Thôn Đông")
    listed.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    listed.append(["H1", "nông thôn", 1200000])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", AS_OF, "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"Hướng dẫn, Thôn Đông, {said}" in result.output, result.output
    assert read_table(path, sheet="2").table.column("Mã hộ").to_pylist() == ["H1"]


def test_a_members_csv_whose_letters_excel_saved_as_question_marks_is_refused_saying_so(tmp_path: Path) -> None:
    """A members list headed 'household_id' that Excel saved in a Windows code page ('Có b?o hi?m y t?',
    'Trình ?? h?c v?n') was read without a word: only a household file's headers were looked at for lost
    letters (66d1a09), so its member columns went unrecognised and every mark they derive was 'treated as
    unknown for every household'. The members list's headers are looked at too: the run stops saying the
    letters were lost, naming the members file and the headers."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1200000\n", encoding="utf-8")
    members = tmp_path / "tv.csv"
    text = "household_id,Ngày sinh,Có bảo hiểm y tế\nH1,01/01/1980,Không\n"
    members.write_bytes(text.encode("cp1252", "replace"))
    out = tmp_path / "o.csv"
    args = ["classify", str(households), "--members", str(members), "-o", str(out), "--as-of", AS_OF, "--lang", "en"]
    result = CliRunner().invoke(main, args)
    said = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert "tv.csv (members file): row 1: the file's Vietnamese letters were replaced by '?'" in said, said
    assert "Có b?o hi?m y t?" in said and not out.exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_title_row_above_a_header_pasted_again_is_rejected_with_one_reason(
    tmp_path: Path, lang: str, suffix: str
) -> None:
    """A second export pasted below the first brings its title row too ('DANH SÁCH HỘ THÔN 2' in the code
    column, the rest of the row blank, above the repeated header): it was rejected as a household with bad
    cells ("Khu vực: phải là nông thôn … | Thu nhập bình quân: trống …", and in a CSV whose line holds that one
    cell, "dòng có 1 ô" too). A row holding text in the code column and nothing else is now rejected with one
    reason, in --lang; a form's total row keeps its own, and the households are read."""
    lines = VI.read_text(encoding="utf-8-sig").splitlines()
    width = len(lines[0].split(","))
    title = "DANH SÁCH HỘ THÔN 2"
    body = [*lines[:4], title, lines[0], *lines[4:7], "Tổng cộng" + "," * (width - 1)]
    path = tmp_path / f"hai_ban{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(body) + "\n", encoding="utf-8")  # the title's line holds that one cell
    else:
        _xlsx(path, [line.split(",") if line != title else [title] for line in body], title=False)
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["5", "6", "10"]
    assert rejects["column"].tolist() == ["Mã hộ"] * 3
    assert rejects["reason"][0] == f"Mã hộ: {WORDS['r_code_alone'][lang]}", rejects["reason"][0]
    assert rejects["reason"][1] == f"Mã hộ: {WORDS['r_header_again'][lang]}"
    assert rejects["reason"][2] == f"Mã hộ: {WORDS['r_totals_row'][lang]}"
    assert len(pd.read_csv(tmp_path / "o.csv", dtype=str, encoding="utf-8-sig")) == 6


def test_a_folder_of_parquet_files_given_without_dask_says_what_it_is(tmp_path: Path) -> None:
    """classify FOLDER (a Parquet dataset, as classify --dask writes and reads) without --dask said only
    'is a folder, not a file', where report says such a folder needs --dask. It now says it is a folder of
    Parquet files and to give one of its files or classify it with --dask, in --lang; another folder is
    still 'a folder, not a file'."""
    folder = tmp_path / "households"
    folder.mkdir()
    pd.read_csv(ROOT / "fixtures" / "sample_commune.csv", dtype=str, keep_default_na=False).head(5).to_parquet(
        folder / "part.0.parquet", index=False
    )
    for lang, words in (("en", "a folder of Parquet files"), ("vi", "là thư mục gồm các tệp Parquet")):
        ran = CliRunner().invoke(main, ["classify", str(folder), "--lang", lang, "-q", "--as-of", "2025-12-01"])
        assert ran.exit_code == 2 and words in ran.output and "--dask" in ran.output, ran.output
    other = tmp_path / "empty"
    other.mkdir()
    ran = CliRunner().invoke(main, ["classify", str(other), "--lang", "en", "-q", "--as-of", "2025-12-01"])
    assert ran.exit_code == 2 and "is a folder, not a file" in ran.output, ran.output


_INT_TYPES = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()]


@pytest.mark.parametrize("kind", _INT_TYPES, ids=str)
@pytest.mark.parametrize(
    "values",
    [
        [0, 1, None, 1, 0],  # flags: looked up
        [None, None],  # every cell missing
        [3, 250, 17, None],  # a small range away from 0
        [0, 1_500_000, 7],  # a wide range: Arrow's cast
        [],
    ],
)
def test_a_parquet_integer_column_reads_as_arrows_cast_writes_it(kind: pa.DataType, values: list[int | None]) -> None:
    """data/read.py ``_integer_text`` (a lookup table for columns of few values) gives exactly the text of
    Arrow's cast, which every Parquet integer column was read through: in one chunk or several."""
    fits = [v for v in values if v is None or (pa.scalar(v, pa.int64()).cast(kind, safe=False).as_py() == v)]
    if len(fits) != len(values):
        pytest.skip("the values do not fit this type")
    col = pa.chunked_array([pa.array(values[:2], kind), pa.array(values[2:], kind)], kind)
    expected = pa.compute.fill_null(pa.compute.cast(col, pa.string()), "")
    got = read_module.parquet_text(pa.table({"c": col}), ["c"]).column("c")
    assert got.to_pylist() == expected.to_pylist()


@settings(max_examples=80, deadline=None)
@given(
    kind=st.sampled_from(_INT_TYPES),
    values=st.lists(st.one_of(st.none(), st.integers(0, 9)), max_size=40),
    cuts=st.lists(st.integers(0, 40), max_size=3),
    skip=st.integers(0, 3),
)
def test_a_parquet_column_of_digits_reads_as_arrows_cast_writes_it(
    kind: pa.DataType, values: list[int | None], cuts: list[int], skip: int
) -> None:
    """data/read.py ``_digit_text`` (a column whose every value is 0-9 made text from its buffers, a byte a
    cell) gives exactly the text of Arrow's cast, missing cells empty: any integer type, in chunks cut
    anywhere, each chunk a slice of a larger array (its buffers read from an offset), chunks of missing
    cells alone."""
    edges = sorted({0, len(values), *(min(c, len(values)) for c in cuts)})
    chunks = [pa.array([0] * skip + values[a:b], kind).slice(skip) for a, b in zip(edges, edges[1:], strict=False)]
    col = pa.chunked_array(chunks, kind)
    expected = pa.compute.fill_null(pa.compute.cast(col, pa.string()), "").to_pylist()
    got = read_module.parquet_text(pa.table({"c": col}), ["c"]).column("c")
    assert got.to_pylist() == expected


def test_a_parquet_integer_column_at_the_ends_of_its_type_reads_as_written() -> None:
    col = pa.array([-(2**63), 2**63 - 1, None, -1], pa.int64())
    assert read_module.parquet_text(pa.table({"c": col}), ["c"]).column("c").to_pylist() == [
        str(-(2**63)),
        str(2**63 - 1),
        "",
        "-1",
    ]
    big = pa.array([2**64 - 1, 2**64 - 2], pa.uint64())  # beyond int64: not looked up
    assert read_module.parquet_text(pa.table({"c": big}), ["c"]).column("c").to_pylist() == [
        str(2**64 - 1),
        str(2**64 - 2),
    ]
    signed = pa.array([-128, 127, -1], pa.int8())
    assert read_module.parquet_text(pa.table({"c": signed}), ["c"]).column("c").to_pylist() == ["-128", "127", "-1"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_boolean_parquet_income_or_score_is_not_a_number(tmp_path: Path, lang: str) -> None:
    """A Parquet income (or score A) column stored as booleans was read as 1 / 0 đồng, so household H1 with
    income True came out classified (by income 1 đồng a month). Such a cell is now rejected as a text 'True'
    is ('must be a number'), in --lang, the rejects showing True / False; a boolean flag still reads 1 / 0."""
    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural"] * 3,
            "income_per_capita": pa.array([True, False, None]),
            "score_a": pa.array([None, None, True]),
            "deprived_employment": pa.array([True, False, True]),
        }
    )
    path = tmp_path / "bool.parquet"
    pq.write_table(table, path)
    out, rej = tmp_path / "o.csv", tmp_path / "r.csv"
    args = ["classify", str(path), "-o", str(out), "--rejects", str(rej), "--as-of", AS_OF, "-q", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["household_id"].tolist() == ["H1", "H2", "H3"]
    assert rejects["column"].tolist() == ["income_per_capita", "income_per_capita", "score_a"]
    number = WORDS["r_number"][lang]
    assert rejects["reason"].tolist() == [
        f"income_per_capita = 'True': {number}",
        f"income_per_capita = 'False': {number}",
        f"score_a = 'True': {number}",
    ]
    assert rejects["deprived_employment"].tolist() == ["1", "0", "1"]


def test_a_float32_parquet_column_is_read_as_the_number_it_shows(tmp_path: Path) -> None:
    """A Parquet income stored as float32 (1053000.1, as pandas writes a float32 column) was read with its
    float64 widening: the output repeated it as 1053000.125 and the reason said 2,000,000.25 for 2000000.2. Each
    float32 cell is now read as the number it shows (its shortest float32 text)."""
    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural"] * 3,
            "income_per_capita": pa.array([1_053_000.1, 2_000_000.2, None], pa.float32()),
            "score_a": pa.array([120.7, None, 0.1], pa.float32()),
            "deprived_employment": pa.array([1.0, 0.0, None], pa.float32()),
        }
    )
    path = tmp_path / "f32.parquet"
    pq.write_table(table, path)
    sheet = read_table(path)
    assert sheet.table.column("income_per_capita").to_pylist() == ["1053000.1", "2000000.2", ""]
    assert sheet.table.column("score_a").to_pylist() == ["120.7", "", "0.1"]
    assert sheet.table.column("deprived_employment").to_pylist() == ["1", "0", ""]
    out = tmp_path / "o.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "-q", "--explain", "--blank-flags", "not-deprived"]
    args += ["--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    classified = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert classified["income_per_capita"].tolist() == ["1053000.1", "2000000.2", ""]
    assert classified["score_a"].tolist() == ["120.7", "", "0.1"]
    assert "2,000,000.20" in classified["reason"][1], classified["reason"][1]


def test_a_parquet_list_or_struct_column_is_written_as_json_text(tmp_path: Path) -> None:
    """A Parquet list column (the members' names) or struct column was written to a CSV output in Python's
    repr (['An', 'Bình'], {'x': 1}), which no spreadsheet or JSON reader reads back. Such a cell is now JSON
    text (["An", "Bình"], letters as written; a missing cell empty), in the output and the rejects; a
    Parquet output keeps the column's own type."""
    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural", "rural", "đô"],
            "income_per_capita": [900_000, 3_000_000, 900_000],
            "members": pa.array([["An", "Bình"], [], None], pa.list_(pa.string())),
            "tags": pa.array([{"x": 1, "y": "ồ"}, None, {"x": 3, "y": None}]),
        }
    )
    path = tmp_path / "nested.parquet"
    pq.write_table(table, path)
    out, rej = tmp_path / "o.csv", tmp_path / "r.csv"
    args = ["classify", str(path), "-o", str(out), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 1
    classified = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert classified["members"].tolist() == ['["An", "Bình"]', "[]"]
    assert classified["tags"].tolist() == ['{"x": 1, "y": "ồ"}', ""]
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["members"].tolist() == [""] and rejects["tags"].tolist() == ['{"x": 3, "y": null}']
    typed = tmp_path / "o.parquet"
    assert CliRunner().invoke(main, ["classify", str(path), "-o", str(typed), "--as-of", AS_OF, "-q"]).exit_code == 1
    assert pq.read_table(typed).column("members").to_pylist() == [["An", "Bình"], []]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_true_false_cell_under_income_in_a_workbook_is_not_a_number(tmp_path: Path, lang: str) -> None:
    """An Excel TRUE typed in the income column (Thu nhập bình quân) was read as 1 đồng a month, as every
    TRUE/FALSE cell is read 1/0, and the household classified by it. Under a number's header such a cell is now
    TRUE / FALSE as Excel shows it, and its row rejected as a typed 'TRUE' is, in --lang; a mark still reads 1/0."""
    header = ["Mã hộ", "Khu vực", "Thu nhập bình quân", "deprived_employment"]
    path = _xlsx(tmp_path / "ho.xlsx", [header, ["H1", "nông thôn", True, True], ["H2", "nông thôn", 900_000, False]])
    rej = tmp_path / "r.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF]
    result = CliRunner().invoke(main, [*args, "-q", "--lang", lang])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["4"]
    assert rejects["reason"].tolist() == [f"Thu nhập bình quân = 'TRUE': {WORDS['r_number'][lang]}"]
    assert rejects["deprived_employment"].tolist() == ["1"]
    classified = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert classified["deprived_employment"].tolist() == ["0"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(-(2**60), 2**60).map(float),
            st.sampled_from([0.0, -0.0, 1500000.0, 7.99, 139.125, 2.0**53, 1e20, 1e21, 1e-5]),
        ),
        max_size=30,
    ),
    st.integers(0, 30),
    st.sampled_from([pa.float64(), pa.float32()]),
)
def test_a_parquet_float_column_reads_as_each_cell_would(
    values: list[float | None], cut: int, kind: pa.DataType
) -> None:
    """data/read.py ``_float_text`` (whole numbers column-wise, the others one by one) writes every cell as
    ``_cell_text`` writes that cell alone — how every float column was read until it was made
    column-wise — in one chunk or two, float64 and float32 (as the number it shows)."""
    col = pa.chunked_array([pa.array(values[:cut], kind), pa.array(values[cut:], kind)], kind)
    expected = [read_module._cell_text(v) for v in read_module._shown_values(col)]
    assert read_module._float_text(col).to_pylist() == expected


@pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u2060", "\u200b \u200d"])
def test_a_header_with_an_invisible_mark_at_its_end_names_its_column(tmp_path: Path, mark: str) -> None:
    """Some web exports write a zero-width space before a header (``\\u200bhousehold_id``): the column was
    no known one and the file refused for a missing household_id. The mark is read away, as a space is."""
    lines = (ROOT / "fixtures" / "sample_commune.csv").read_text(encoding="utf-8-sig").splitlines()[:4]
    lines[0] = mark + lines[0].replace(",area,", f",area{mark},")
    path = tmp_path / "web.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", "2025-12-01", "-q"])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith('"household_id",') and '"area",' in header


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_boolean_parquet_household_size_is_no_number_of_persons(tmp_path: Path, lang: str) -> None:
    """A Parquet household_size stored as booleans was read as 1 / 0: classify wrote '1' (one person) for True,
    and report counted H1 and H3 as households of one person (or stopped at a '0' the officer never wrote).
    Such a cell is now read as 'True' / 'False', as a typed True is, and report refuses it naming the row, in
    --lang."""
    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural"] * 3,
            "income_per_capita": ["3000000", "3000000", "3000000"],
            "household_size": pa.array([True, None, True]),
        }
    )
    path = tmp_path / "bool.parquet"
    pq.write_table(table, path)
    out = tmp_path / "o.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "-q", "--blank-flags", "not-deprived"]
    assert CliRunner().invoke(main, args).exit_code == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert written["household_size"].tolist() == ["True", "", "True"]
    report = ["--lang", lang, "report", str(out), "-o", str(tmp_path / "r.xlsx"), "--date", AS_OF]
    result = CliRunner().invoke(main, report)
    assert result.exit_code == 2, result.output
    expected = {
        "vi": "dòng 2, cột household_size: 'True' không phải số nhân khẩu",
        "en": "row 2, column household_size: 'True' is not a number of persons",
    }
    assert expected[lang] in result.output


def test_a_parquet_binary_column_is_read_as_its_text(tmp_path: Path) -> None:
    """A Parquet binary (bytes) column holding one cell that is not UTF-8 was written to a CSV output as
    Python's b'...' in every row ("b'Nh\\xc3\\xa0 t\\xe1\\xba\\xa1m'" for 'Nhà tạm'). Each UTF-8 cell is now its
    text, and a cell of other bytes is written as 0x and its bytes in hexadecimal (nothing lost); the Parquet
    output keeps the bytes."""
    table = pa.table(
        {
            "household_id": pa.array([b"H1", b"H2", b"H3"], pa.binary()),
            "area": ["rural"] * 3,
            "income_per_capita": ["3000000"] * 3,
            "note": pa.array(["Nhà tạm".encode(), b"\xff\xfeA", None], pa.binary()),
        }
    )
    path = tmp_path / "bytes.parquet"
    pq.write_table(table, path)
    for name in ("o.csv", "o.parquet"):
        args = [
            "classify",
            str(path),
            "-o",
            str(tmp_path / name),
            "--as-of",
            AS_OF,
            "-q",
            "--blank-flags",
            "not-deprived",
        ]
        assert CliRunner().invoke(main, args).exit_code == 0
    written = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert written["household_id"].tolist() == ["H1", "H2", "H3"]
    assert written["note"].tolist() == ["Nhà tạm", "0xfffe41", ""]
    assert pq.read_table(tmp_path / "o.parquet").column("note").to_pylist() == table.column("note").to_pylist()


def test_a_parquet_file_with_two_headers_of_one_column_is_named_in_the_runs_language(tmp_path: Path) -> None:
    """A Parquet file with two headers of one column (``household_id`` and ``Mã hộ``; a reviewed Parquet file an
    earlier version wrote with a household file's 'Tình trạng năm trước' beside its own ``previous_status``) was
    refused by the note on numeric code columns, which read the headers together: "<data>: columns … both mean
    household_id", naming no file, in English under ``--lang vi``. That note now reads each header alone; the
    reader's own check names the file, in the run's language, and ``report`` reads such a reviewed file."""
    path = tmp_path / "ho.parquet"
    pq.write_table(
        pa.table({"household_id": ["1"], "Mã hộ": ["1"], "area": ["rural"], "income_per_capita": ["9"]}), path
    )
    said = CliRunner().invoke(main, ["classify", str(path), "-o", str(tmp_path / "out.csv"), "--lang", "vi"])
    assert said.exit_code == 2, said.output
    assert f"{path}: hai cột 'household_id' và 'Mã hộ' cùng là household_id" in " ".join(said.output.split())
    assert "<data>" not in said.output
    reviewed = pd.DataFrame(
        {"Mã hộ": ["1"], "Tình trạng năm trước": ["nghèo"], "status": ["not_poor"], "previous_status": ["poor"]}
    ).assign(start_status="poor", transition="escaped_poverty", review_date="2026-12-10", area="rural")
    reviewed.to_parquet(tmp_path / "old.parquet", index=False)
    out = tmp_path / "report"
    done = CliRunner().invoke(main, ["report", str(tmp_path / "old.parquet"), "-o", str(out), "--format", "csv"])
    assert done.exit_code == 0, done.output
    r2 = pd.read_csv(out / "r2.csv", dtype=str, keep_default_na=False)
    assert r2[(r2["level"] == "total") & (r2["row"] == "households")][["c1", "c3"]].values.tolist() == [["1", "1"]]


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("tail", ["\n\x1a", "\x1a", "\r\n\x1a\x1a"])
def test_a_dos_end_of_file_mark_is_not_read_as_text(tmp_path: Path, tail: str, stream: bool) -> None:
    """A file old DOS and FoxPro programs wrote ends in Ctrl-Z (0x1A): read as a character, it was a row of its
    own (rejected as a title pasted below the list) or glued to the last household's last cell (``không\\x1a``,
    that household rejected for a mark it never had). The text ends before it, in every reader."""
    from poverty_rules.data.stream import open_batches

    path = tmp_path / "dos.csv"
    path.write_bytes(
        ("household_id,area,income_per_capita,deprived_water\nH1,rural,1,có\nH2,urban,2,không" + tail).encode()
    )
    parts = list(open_batches(path, 1 << 20, lang="en", stream=stream).batches)
    table = pa.concat_tables([p.table for p in parts])
    assert table.column("household_id").to_pylist() == ["H1", "H2"]
    assert table.column("deprived_water").to_pylist() == ["có", "không"]
    assert read_table(path).table.column("deprived_water").to_pylist() == ["có", "không"]


@pytest.mark.parametrize("stream", [False, True])
def test_a_byte_order_mark_given_twice_before_a_quoted_header(tmp_path: Path, stream: bool) -> None:
    """A UTF-8 file given its byte order mark twice (a program adding one to a file that had it) kept the second
    in the header's first cell, so a quoted header, as this program's CSV outputs and pandas write it, was no
    longer a quoted cell ('missing column household_id'). The marks before the last are not read."""
    from poverty_rules.data.stream import open_batches

    path = tmp_path / "twice.csv"
    body = '"household_id","area","income_per_capita"\n"H1","rural","1"\n"H2","urban","2"\n'
    path.write_bytes(b"\xef\xbb\xbf" * 2 + body.encode())
    parts = list(open_batches(path, 1 << 20, lang="en", stream=stream).batches)
    assert parts[0].column_names == ["household_id", "area", "income_per_capita"]
    assert pa.concat_tables([p.table for p in parts]).column("household_id").to_pylist() == ["H1", "H2"]


def test_a_parquet_column_given_twice_is_named_by_every_reader(tmp_path: Path) -> None:
    """A Parquet file with a column name given twice (pyarrow writes one) was said by review, explain, report,
    history import and a members file to be 'damaged or not a Parquet file' (pyarrow's read of the repeated
    name failed); classify's streamed read named the column. The whole-file read now says it as a streamed one."""
    table = pa.table([["H1"], ["rural"], ["1"], ["urban"]], names=["household_id", "area", "income_per_capita", "area"])
    path = tmp_path / "twice.parquet"
    pq.write_table(table, path)
    with pytest.raises(InputError, match=r"row 1: column 'area' appears twice \(columns B and D\)"):
        read_table(path)
    db = tmp_path / "h.db"
    args = [
        "review",
        str(path),
        "--date",
        "2025-12-01",
        "--db",
        str(db),
        "--commune",
        "A",
        "-o",
        str(tmp_path / "r.csv"),
    ]
    said = CliRunner().invoke(main, args)
    assert said.exit_code == 2 and "dòng 1: cột 'area' xuất hiện hai lần" in said.output, said.output


_NOTE_TEXT = st.text(alphabet='abc ơđệ"\n\r', max_size=12)


@st.composite
def _officers_csv(draw: st.DrawFn) -> tuple[bytes, list[str], list[int]]:
    """A CSV file as officers' machines write one: title rows above the header, header cells typed over two
    lines (Alt+Enter), a note over lines with quotes in it, comma, semicolon or tab, line ends of every kind
    (mixed), byte order marks (none, one, more), a DOS end mark. Gives the bytes, the codes and their rows."""
    sep = draw(st.sampled_from([",", ";", "\t"]))
    ends = st.sampled_from(["\n", "\r\n"])
    header = ["Mã hộ", "Khu vực", "Thu nhập bình quân", "Ghi chú"]
    header = [h.replace(" ", draw(st.sampled_from([" ", "\n", "\r\n"])), 1) for h in header]
    titles = draw(st.lists(st.sampled_from(["DANH SÁCH HỘ", "Xã Hưng Chính"]), max_size=2))
    n = draw(st.integers(0, 6))
    notes = [draw(_NOTE_TEXT) + (sep if draw(st.booleans()) else "") for _ in range(n)]
    rows = [[f"H{i}", draw(st.sampled_from(["nông thôn", "urban"])), str(1000 * i), notes[i]] for i in range(n)]

    def line(cells: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerow(cells)  # a cell with a line break quoted
        return buffer.getvalue()[:-2] + draw(ends)

    text = "".join(line([t]) for t in titles) + line(header) + "".join(line(r) for r in rows)
    data = b"\xef\xbb\xbf" * draw(st.integers(0, 3)) + text.encode() + (b"\x1a" if draw(st.booleans()) else b"")
    first = len(titles) + 2  # the header is one record, whatever its lines
    return data, [r[0] for r in rows], list(range(first, first + n))


@settings(max_examples=40, deadline=None)
@given(_officers_csv(), st.booleans())
def test_every_text_reader_reads_the_records_of_an_officers_csv(
    made: tuple[bytes, list[str], list[int]], stream: bool
) -> None:
    """Whatever the header's line breaks, the separators, line ends, byte order marks and a DOS end mark, the
    whole-file and streamed readers give each household row once, with its record number as the officer counts
    it, and the note as typed (a header over two lines was skipped as lines, its rest read as a household)."""
    from poverty_rules.data.stream import open_batches

    data, codes, rows = made
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ho.csv"
        path.write_bytes(data)
        parts = list(open_batches(path, 1 << 20, lang="en", stream=stream).batches)
    table = pa.concat_tables([p.table for p in parts])
    assert table.column(0).to_pylist() == codes
    assert [int(r) for p in parts for r in p.rows] == rows


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_damaged_workbook_is_said_in_our_words(tmp_path: Path, lang: str) -> None:
    """A damaged workbook said calamine's own words in English ('(invalid Zip archive: Could not find EOCD)',
    '(syntax error: tag not closed …)', '(Cfb error: Invalid sector shift …)'), and one whose list of sheets
    was lost 'no header row found'. Each now says, in --lang, that the file is damaged and to save it again."""
    book = openpyxl.Workbook()
    book.active.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    book.active.append(["H1", "nông thôn", 1200000])
    book.save(tmp_path / "ok.xlsx")
    whole = (tmp_path / "ok.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(tmp_path / "xml.xlsx", "w") as bad:
        for item in src.infolist():
            data = src.read(item.filename)
            bad.writestr(item, data[: len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(tmp_path / "nobook.xlsx", "w") as bad:
        for item in src.infolist():
            if item.filename != "xl/workbook.xml":
                bad.writestr(item, src.read(item.filename))
    (tmp_path / "cfb.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    ours = "the file is damaged" if lang == "en" else "tệp bị hỏng"
    for name in ("cut.xlsx", "xml.xlsx", "nobook.xlsx", "cfb.xls"):
        args = ["classify", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (name, result.output)
        assert f"{name}: " in result.output and ours in result.output, (name, result.output)
        assert not re.search(r"EOCD|syntax error|Cfb|sector|header row|tiêu đề", result.output), (name, result.output)


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("tail", ["\n\x1a", "\x1a", "\r\n\x1a\x1a"])
def test_a_gzipped_text_reads_its_dos_end_mark_and_byte_order_marks_as_a_plain_one(
    tmp_path: Path, tail: str, stream: bool
) -> None:
    """A DOS end mark (Ctrl-Z) and a byte order mark given twice were left out of a plain text file only: the same
    file gzip-compressed (``ho.csv.gz``) had the mark as a row of its own (rejected as a title below the list) or
    glued to the last cell (``không\\x1a``), and its twice-marked quoted header stopped the run with 'missing
    column household_id'. A ``.csv.gz`` is now read as its decompressed file is, whole and streamed."""
    from poverty_rules.data.stream import open_batches

    body = '"household_id","area","income_per_capita","deprived_water"\n"H1","rural","1","có"\nH2,urban,2,không'
    path = tmp_path / "dos.csv.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbf" * 2 + (body + tail).encode()))
    parts = list(open_batches(path, 1 << 20, lang="en", stream=stream).batches)
    table = pa.concat_tables([p.table for p in parts])
    assert parts[0].column_names == ["household_id", "area", "income_per_capita", "deprived_water"]
    assert table.column("deprived_water").to_pylist() == ["có", "không"]
    assert read_table(path).table.column("deprived_water").to_pylist() == ["có", "không"]


def test_a_dos_end_mark_inside_a_gzipped_text_is_kept() -> None:
    """Only the marks at the end of a ``.csv.gz``'s text are left out: marks read last from one piece of the
    decompressed text and followed by more in the next are the text's."""
    from poverty_rules.data.read import _DosEndless

    data = b"a" * ((1 << 16) - 2) + b"\x1a\x1a" + b"b\x1a" + b"c\n\x1a\x1a"
    assert io.BufferedReader(_DosEndless(io.BytesIO(data)), buffer_size=7).read() == data[:-2]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_stray_nul_in_the_first_mb_names_its_row_and_column(tmp_path: Path, lang: str) -> None:
    """One NUL character in the first MB of a CSV (a cell a program damaged) made it 'not a text file or a
    spreadsheet this tool reads', in UTF-8 and in Excel's "Unicode text" (UTF-16 LE with its BOM, tabs) alike,
    where one past the first MB names its row and column; a NUL in a header cell, past that check, said
    'missing column area'. Each now names the row and the column, in --lang; Excel's "Unicode text" without a NUL
    is read, and a binary file is still no text file."""
    body = "Mã hộ,Khu vực,Thu nhập bình quân\r\nH1,nông thôn,1200000\r\nH2,nông th\x00ôn,2500000\r\nH3,thành thị,1\r\n"
    (tmp_path / "utf8.csv").write_bytes(body.encode())
    (tmp_path / "unicode.txt").write_bytes(b"\xff\xfe" + body.replace(",", "\t").encode("utf-16-le"))
    (tmp_path / "clean.txt").write_bytes(b"\xff\xfe" + body.replace(",", "\t").replace("\x00", "").encode("utf-16-le"))
    (tmp_path / "header.csv").write_bytes(b"household_id,ar\x00ea,income_per_capita\nH1,rural,1\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    said = {}
    for name in ("utf8.csv", "unicode.txt", "header.csv", "image.png"):
        result = CliRunner().invoke(
            main, ["classify", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "-q", "--lang", lang]
        )
        assert result.exit_code == 2, (name, result.output)
        said[name] = result.output
    row, column = ("dòng {}", "cột {}") if lang == "vi" else ("row {}", "column {}")
    assert f"utf8.csv: {row.format(3)}, {column.format('Khu vực')}: " in said["utf8.csv"], said
    assert f"unicode.txt: {row.format(3)}, {column.format('Khu vực')}: " in said["unicode.txt"], said
    assert f"header.csv: {row.format(1)}, {column.format('B')}: " in said["header.csv"], said
    assert "NUL" in said["utf8.csv"] and "NUL" in said["header.csv"]
    assert "image.png: " in said["image.png"] and "NUL" not in said["image.png"]
    table = read_table(tmp_path / "clean.txt").table
    assert table.column("Khu vực").to_pylist() == ["nông thôn", "nông thôn", "thành thị"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_workbook_of_one_sheet_per_village_is_refused_naming_the_sheets(tmp_path: Path, lang: str) -> None:
    """A commune's workbook of one sheet per village (the same header on each, a title above it) had its first
    sheet classified and every other village's households left out, exit 0 and a note. A run reads one sheet:
    two visible household lists now stop it (exit 2, nothing written) naming them and --sheet, in --lang; a
    summary sheet, an instructions sheet or a hidden list beside the one list is still no reason to stop."""
    book = openpyxl.Workbook()
    book.active.title = "Tổng hợp"
    book.active.append(["Thôn", "Tổng số hộ", "Số hộ nghèo"])
    for village in ("Đông", "Tây", "Nam"):
        sheet = book.create_sheet(f"Thôn {village}")
        sheet.append([f"DANH SÁCH HỘ THÔN {village.upper()}"])
        sheet.append(["Mã hộ", "Thôn", "Khu vực", "Thu nhập bình quân"])
        sheet.append([f"{village}-1", village, "nông thôn", 1000000])
    old = book.create_sheet("Năm trước")
    old.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    old.sheet_state = "hidden"
    path = tmp_path / "xa.xlsx"
    book.save(path)
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2 and not out.exists(), result.output
    said = {"vi": "3 trang tính đều là danh sách hộ", "en": "3 sheets are household lists"}[lang]
    assert f"xa.xlsx: {said} ('Thôn Đông', 'Thôn Tây', 'Thôn Nam')" in result.output, result.output
    assert "--sheet 'Thôn Đông'" in result.output
    args = ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--sheet", "Thôn Tây"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert pd.read_csv(out, dtype=str, encoding="utf-8-sig")["Mã hộ"].tolist() == ["Tây-1"]
    for name in ("Thôn Tây", "Thôn Nam"):
        del book[name]
    members = book.create_sheet("Thành viên")
    members.append(["Mã hộ", "Thôn", "Khu vực", "Họ tên", "Ngày sinh", "Giới tính", "Có BHYT"])
    members.append(["Đông-1", "Đông", "nông thôn", "An", "01/01/1990", "nam", "có"])
    book.save(path)  # one list beside a summary, a members list and a hidden one: read, as before
    assert read_table(path).table.column("Mã hộ").to_pylist() == ["Đông-1"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_damaged_parquet_file_is_said_in_our_words(tmp_path: Path, lang: str) -> None:
    """A Parquet file cut short said pyarrow's own words under --lang en ("cannot be read as Parquet (Parquet
    magic bytes not found in footer. Either the file is corrupted …)", "(… smaller than the size reported by
    footer's (420222236bytes))"); it now says, in --lang, that the file is damaged or not a Parquet file."""
    pq.write_table(pa.table({"household_id": ["H1"] * 50, "area": ["rural"] * 50}), tmp_path / "ok.parquet")
    whole = (tmp_path / "ok.parquet").read_bytes()
    (tmp_path / "tail.parquet").write_bytes(whole[: len(whole) // 2] + b"PAR1")
    (tmp_path / "cut.parquet").write_bytes(whole[:-30])
    ours = {"en": "cannot be read as Parquet: the file is damaged", "vi": "tệp bị hỏng"}[lang]
    for name in ("tail.parquet", "cut.parquet"):
        args = ["classify", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and f"{name}: " in result.output and ours in result.output, result.output
        assert not re.search(r"magic|footer|bytes", result.output), result.output


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_web_page_or_xml_spreadsheet_named_xls_is_named_so(tmp_path: Path, lang: str) -> None:
    """Programs that 'export to Excel' often write a web page (an HTML table) or Excel 2003's XML spreadsheet and
    name it ``.xls``: read as a CSV, its tags were its cells and the list was refused as 'row 1: missing column
    household_id (Mã hộ), area (Khu vực) …', columns the officer sees in Excel. Each is now named for what it
    is, with how to save it as a workbook, in --lang; a CSV is read as before."""
    row = "<tr><td>Mã hộ</td><td>Khu vực</td><td>Thu nhập bình quân</td></tr><tr><td>H1</td><td>nông thôn</td></tr>"
    (tmp_path / "web.xls").write_text(f'<html><head><meta charset="utf-8"></head><table>{row}</table></html>')
    (tmp_path / "page.xls").write_text(f"\ufeff<!DOCTYPE html>\n<table>{row}</table>", encoding="utf-8")
    (tmp_path / "xml.xls").write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/></Workbook>\n'
    )
    kinds = {"en": ("a web page (HTML", "an Excel 2003 XML spreadsheet"), "vi": ("một trang web (HTML", "XML")}
    expected = {"web.xls": kinds[lang][0], "page.xls": kinds[lang][0], "xml.xls": kinds[lang][1]}
    for name, kind in expected.items():
        args = ["classify", str(tmp_path / name), "-o", str(tmp_path / "o.csv"), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and f"{name}: " in result.output and kind in result.output, result.output
        assert "household_id" not in result.output and ".xlsx" in result.output, result.output
    (tmp_path / "ho.csv").write_text("Mã hộ,Khu vực,Thu nhập bình quân\n<H1>,nông thôn,1\n", encoding="utf-8")
    assert read_table(tmp_path / "ho.csv").table.column("Mã hộ").to_pylist() == ["<H1>"]


@pytest.mark.parametrize("area", ["Nông thốn", "nong_thon", "thành thi"])
def test_an_area_mistyped_in_unicode_is_not_said_to_be_typed_in_an_old_font(tmp_path: Path, area: str) -> None:
    """An area typed in Unicode with a wrong tone mark (``Nông thốn``) or an underscore is rightly rejected,
    but a note said its column was typed in the old VNI encoding and asked to convert the file with Unikey,
    which would garble it: the VNI reading was tried on a cell that, its marks and spacing folded, is already
    an area word. Only a cell that is no area word until read in the old font is now taken for one."""
    (tmp_path / "ho.csv").write_text(
        f"Mã hộ,Khu vực,Thu nhập bình quân\nH1,{area},1000000\nH2,nông thôn,1000000\n", encoding="utf-8"
    )
    for lang in ("vi", "en"):
        args = ["classify", str(tmp_path / "ho.csv"), "-o", str(tmp_path / "o.csv"), "--as-of", AS_OF, "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "VNI" not in result.output and "TCVN3" not in result.output, result.output
    legacy = "household_id,area,income_per_capita\r\nH1,noâng thoân,1000000\r\nH2,Nông thốn,1000000\r\n"
    (tmp_path / "vni.csv").write_text(legacy, encoding="utf-8")
    args = ["classify", str(tmp_path / "vni.csv"), "-o", str(tmp_path / "o.csv"), "--as-of", AS_OF, "--lang", "en"]
    assert "some cells are typed in the old VNI encoding" in CliRunner().invoke(main, args).output


def test_a_forms_total_row_typed_decomposed_is_rejected_as_the_total(tmp_path: Path) -> None:
    """A list saved on a Mac (Numbers, or a file named and typed there) holds its Vietnamese letters decomposed
    (NFD: ``ổ`` as ``o`` and two combining marks). Its 'Tổng cộng' / 'TỔNG SỐ' rows were rejected as households
    with no area ('Khu vực: phải là nông thôn …'), where the composed ones are rejected as the form's total: the
    first look for a total's label took 'tổng' composed only. Either form is now the total."""
    rows = [["Mã hộ", "Khu vực", "Thu nhập bình quân"], ["001", "nông thôn", "1200000"]]
    rows += [["Tổng cộng", "", "1200000"], ["", "TỔNG SỐ", "1200000"], ["Cộng: 1 hộ", "", "1200000"]]
    path = tmp_path / "mac.csv"
    path.write_text(unicodedata.normalize("NFD", _delimited(rows, ",")), encoding="utf-8")
    rej = tmp_path / "rej.csv"
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--rejects", str(rej), "--as-of", AS_OF, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 1
    rejects = pd.read_csv(rej, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["row"].tolist() == ["3", "4", "5"]
    assert all("dòng tổng cộng của biểu" in reason for reason in rejects["reason"]), rejects["reason"].tolist()


@pytest.mark.parametrize(("row", "column"), [(1_048_576, 16_384), (300_000, 5_000)])
def test_a_stray_value_far_from_the_list_stops_the_run_naming_its_cell(tmp_path: Path, row: int, column: int) -> None:
    """A value typed or pasted far from the list (a space at XFD1048576; the last cell Excel's Ctrl+End goes to)
    made the sheet, as read, the whole rectangle up to it: the reader asked for 549 GB (48 GB for one at
    GKD300000), and the run was killed with a Rust backtrace and exit 134, nothing said of the file. The
    run now stops (exit 2, nothing written) before reading such a sheet, naming the file, the sheet's far
    cell and how to remove it; the same workbook without it reads."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    ws.append(["H1", "nông thôn", 1400000])
    ws.cell(row, column, " ")
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    cell = f"{openpyxl.utils.get_column_letter(column)}{row}"
    for lang, said in (("vi", f"ô {cell} có giá trị"), ("en", f"cell {cell} holds a value")):
        out = tmp_path / "o.csv"
        result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--lang", lang])
        assert result.exit_code == 2 and "ds.xlsx" in result.output and said in result.output, result.output
        assert not out.exists()
    ws.cell(row, column).value = None
    wb.save(path)
    assert read_table(path).table.column("Mã hộ").to_pylist() == ["H1"]


def test_rows_a_filter_or_the_officer_hid_are_classified_and_said(tmp_path: Path) -> None:
    """An officer filtered the commune's sheet to one village (or hid some rows by hand) and saved it: the
    hidden rows were classified without a word, and the counts had households the officer never saw on the
    screen. They are the file's data and are still classified, but a note now says how many rows the sheet
    hides and which (the first five), in .xlsx (hidden="1") and .ods (table:visibility="filter" / "collapse",
    repeated rows counted); a hidden row above the header or below the list, holding no household, is not
    counted, and a sheet hiding none says nothing."""
    header = ["Mã hộ", "Thôn", "Khu vực", "Thu nhập bình quân"]
    rows: list[list[object]] = [header]
    rows += [[f"H{i}", "Đông" if i < 4 else "Tây", "nông thôn", 1400000] for i in range(9)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH HỘ"])
    for r in rows:
        ws.append(r)
    for hidden in (1, 7, 8, 9, 10, 11, 12, 20):  # the title, H4 … H7 (rows 7-10; H8, row 11, shown), empty rows
        ws.row_dimensions[hidden].hidden = hidden != 11
    ws.auto_filter.ref = "A2:D11"
    path = tmp_path / "loc.xlsx"
    wb.save(path)
    sheet = read_table(path, lang="en")
    assert sheet.num_rows == 9  # every household read
    said = [n.split("/")[-1] for n in sheet.notes if "hidden" in n]
    assert said == [
        "loc.xlsx: 4 rows are hidden or filtered out in the sheet (rows 7, 8, 9 and 10) and classified like the "
        "others, being the file's data. To classify only the rows shown (one village, say), copy them to a new file "
        "and run again"
    ], sheet.notes
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF])
    assert result.exit_code == 0 and "4 dòng đang bị ẩn hoặc bị lọc đi trên trang tính (dòng 7, 8, 9 và 10)" in (
        result.output
    ), result.output
    assert len(pd.read_csv(out, dtype=str)) == 9

    def text(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    def row(*cells: str, visibility: str = "", repeat: int = 1) -> str:
        shown = f' table:visibility="{visibility}"' if visibility else ""
        return f'<table:table-row table:number-rows-repeated="{repeat}"{shown}>{"".join(cells)}</table:table-row>'

    body = row(*(text(h) for h in header))
    body += row(text("H1"), text("Đông"), text("nông thôn"), text("1400000"))
    body += row(text("H2"), text("Tây"), text("nông thôn"), text("1400000"), visibility="filter", repeat=3)
    body += row(text("H5"), text("Tây"), text("nông thôn"), text("1400000"), visibility="collapse")
    body += row('<table:table-cell table:number-columns-repeated="1024"/>', visibility="filter", repeat=1048000)
    ods = read_table(_ods(tmp_path / "loc.ods", {"Danh sách": body}), lang="en")
    assert ods.rows.tolist() == [2, 3, 4, 5, 6]
    assert [n.split("/")[-1] for n in ods.notes if "hidden" in n] == [
        "loc.ods: 4 rows are hidden or filtered out in the sheet (rows 3, 4, 5 and 6) and classified like the "
        "others, being the file's data. To classify only the rows shown (one village, say), copy them to a new file "
        "and run again"
    ]
    for r in range(1, 21):
        ws.row_dimensions[r].hidden = False
    wb.save(path)
    assert not [n for n in read_table(path, lang="en").notes if "hidden" in n]


@pytest.mark.parametrize(("row", "column", "cell"), [(1_048_576, 16_384, "XFD1048576"), (300_000, 5_000, "GJH300000")])
def test_a_stray_value_far_from_an_ods_list_stops_the_run_naming_its_cell(
    tmp_path: Path, row: int, column: int, cell: str
) -> None:
    """An .ods with a value typed far from the list (a space at XFD1048576) was called damaged ('the file is
    damaged … open it in Excel and save it again', which changes nothing): calamine, which reads every sheet of
    an .ods as it opens it, could not hold the rectangle up to that cell (or the process was killed). As for an
    .xlsx, the run now stops (exit 2, nothing written) before calamine reads it, naming the sheet, the far cell
    and how to remove it; LibreOffice's own repeats to the sheet's end, and a value only a little apart, read."""

    def text(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    def line(*cells: str, repeat: int = 1) -> str:
        return f'<table:table-row table:number-rows-repeated="{repeat}">{"".join(cells)}</table:table-row>'

    def book(name: str, far: str) -> Path:
        body = line(text("Mã hộ"), text("Khu vực"), text("Thu nhập bình quân"))
        body += line(
            text("H1"), text("nông thôn"), text("1400000"), '<table:table-cell table:number-columns-repeated="1021"/>'
        )
        return _ods(tmp_path / name, {"Danh sách": body + far, "Ghi chú": line(text("x"))})

    empty = '<table:table-cell table:number-columns-repeated="1024"/>'
    far = line(empty, repeat=row - 3) + line(
        f'<table:table-cell table:number-columns-repeated="{column - 1}"/>', text(" ")
    )
    path = book("ds.ods", far)
    for lang, said in (("vi", f"ô {cell} có giá trị"), ("en", f"cell {cell} holds a value")):
        out = tmp_path / "o.csv"
        result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--lang", lang])
        assert result.exit_code == 2 and "ds.ods [Danh sách]" in result.output and said in result.output, result.output
        assert not out.exists()
    near = line(empty, repeat=1500) + line('<table:table-cell table:number-columns-repeated="120"/>', text("ghi chú"))
    assert read_table(book("gan.ods", near)).table.column("Mã hộ").to_pylist()[0] == "H1"
    assert read_table(book("ok.ods", line(empty, repeat=1_048_000))).table.column("Mã hộ").to_pylist() == ["H1"]


@pytest.mark.parametrize(
    "numbers",
    [
        ["1", "2", "3", "4", "5=6/7", "6", "7", "8"],
        ["(1)", "(2)", "(3)", "(4)", "(5)=(6)x(7)", "(6)", "(7)", "(8)"],
        ["A", "B", "C", "1", "2 = 3 + 4", "3", "4", "5"],
    ],
)
def test_a_forms_numbering_row_with_a_computed_columns_formula_is_skipped(tmp_path: Path, numbers: list[str]) -> None:
    """A form numbers its columns under the header, a computed column with how it is worked out (``(5)=(6)/(7)``, the
    income per person from the household's income and its persons). Such a row was read as a household's: rejected
    "Khu vực = '4': must be rural or urban | Thu nhập bình quân = '5=6/7': must be a number …", a row the officer
    never typed. It is the form's numbering row, skipped as ``(1) (2) (3)`` is."""
    header = [
        "STT",
        "Mã hộ",
        "Họ tên chủ hộ",
        "Khu vực",
        "Thu nhập bình quân",
        "Việc làm",
        "Người phụ thuộc",
        "Dinh dưỡng",
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(numbers)
    for i in range(1, 4):
        sheet.append([i, f"H{i}", "Lê Văn A", "nông thôn", 1500000, 1, 1, 0])
    book.save(tmp_path / "ho.xlsx")
    (tmp_path / "ho.csv").write_text(
        "\n".join(",".join(r) for r in [header, numbers]) + "\n1,H1,A,nông thôn,1500000,1,1,0\n"
    )
    for name in ("ho.xlsx", "ho.csv"):
        args = ["classify", str(tmp_path / name), "-o", str(tmp_path / f"kq_{name}.csv"), "--as-of", "2025-12-01", "-q"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (name, result.output)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_history_list_date_that_reads_only_month_first_says_the_list_was_saved_with_us_settings(
    tmp_path: Path, lang: str
) -> None:
    """A list re-saved by Excel with US settings writes its dates month first: ``history import`` stopped on
    ``12/20/2024`` as "no day of the calendar (day 12, month 20)" while ``03/12/2024`` beside it read as
    3 December. It now says the cell reads month first (2024-12-20), that the list was likely saved so and its
    other dates may be read wrong, and how to write them (classify's rejects say it through
    ``r_date_month_first``, tested with the escaped_on readers)."""
    said = {"vi": "tháng viết trước ngày (2024-12-20), kiểu Mỹ", "en": "only month first (2024-12-20)"}[lang]
    lists = tmp_path / "ds.csv"
    lists.write_text("Mã hộ,Tình trạng,Ngày công nhận\nH1,thoát nghèo,03/12/2024\nH3,thoát nghèo,12/20/2024\n")
    args = ["history", "import", str(lists), "--db", str(tmp_path / "h.db"), "--date", "2024-12-30"]
    imported = CliRunner().invoke(main, [*args, "--commune", "Xã A", "--lang", lang])
    assert imported.exit_code == 2 and said in " ".join(imported.output.split()), imported.output
    plain = tmp_path / "plain.csv"
    plain.write_text("Mã hộ,Tình trạng,Ngày công nhận\nH1,thoát nghèo,31/02/2024\n")
    args = ["history", "import", str(plain), "--db", str(tmp_path / "h2.db"), "--date", "2024-12-30"]
    refused = CliRunner().invoke(main, [*args, "--commune", "Xã A", "--lang", lang])
    assert refused.exit_code == 2 and said.split(" (")[0] not in " ".join(refused.output.split()), refused.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_sheet_per_village_without_a_village_column_says_to_add_one_when_copying(tmp_path: Path, lang: str) -> None:
    """The refusal of a workbook of one household list per village said to copy the lists onto one sheet; where
    the sheets have no village column (the village is only the tab's name, as communes keep their lists), the
    copied rows lost their village and every household fell into no village in R1–R9 and the village lists. The
    refusal now names those sheets and says to add the village column; sheets that have one get no such note."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for village, with_column in (("Đông", False), ("Tây", True), ("Nam", False)):
        sheet = book.create_sheet(f"Thôn {village}")
        sheet.append(["Mã hộ", *(["Thôn"] if with_column else []), "Khu vực", "Thu nhập bình quân"])
        sheet.append([f"{village}-1", *([village] if with_column else []), "nông thôn", 1000000])
    path = tmp_path / "xa.xlsx"
    book.save(path)
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2 and not out.exists(), result.output
    said = {
        "vi": "trang 'Thôn Đông', 'Thôn Nam' không có cột Thôn",
        "en": "no village column (Thôn) on 'Thôn Đông', 'Thôn Nam'",
    }[lang]
    assert said in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output
    for name in ("Thôn Đông", "Thôn Nam"):
        book[name].insert_cols(2)
        book[name]["B1"] = "Thôn"
    book.save(path)
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(out), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2 and "'Thôn Đông', 'Thôn Tây', 'Thôn Nam'" in result.output, result.output
    assert {"vi": "không có cột Thôn", "en": "no village column"}[lang] not in result.output
