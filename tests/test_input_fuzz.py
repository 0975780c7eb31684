"""Household files as an officer's PC produces or damages them, built by hypothesis from a grammar of
realistic damage (encodings, separators, quotes, line endings, blank and total rows, trailing columns,
duplicate headers, cells typed every way, a truncated last line), run through the CLI in-process.
Invariants: no traceback; an exit code of the contract; every data row in the output or the rejects
exactly once; no output over an input; a message under --lang vi in Vietnamese."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pandas as pd
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_rules.cli import main

HEADERS = {
    "canonical": [
        "household_id",
        "head_name",
        "village",
        "area",
        "income_per_capita",
        "deprived_employment",
        "deprived_health_insurance",
    ],
    "vi": ["Mã hộ", "Họ tên chủ hộ", "Thôn", "Khu vực", "Thu nhập bình quân", "Việc làm", "Bảo hiểm y tế"],
    "vi_plain": ["MA HO", "HO TEN CHU HO", "THON", "KHU VUC", "THU NHAP BINH QUAN", "VIEC LAM", "BAO HIEM Y TE"],
    "vi_unit": [
        "Mã hộ (*)",
        "Chủ hộ",
        "Thôn/xóm",
        "Địa bàn",
        "Thu nhập bình quân (nghìn đồng)",
        "Việc làm (1)",
        "Bảo hiểm y tế*",
    ],
}
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Hồ Thị Ánh Tuyết", "Phạm Quốc Việt"]
VILLAGES = ["Thôn Đông", "Xóm Chợ", "Bản Ổ", "Ấp 3"]
AREAS = ["nông thôn", "thành thị", "rural", "URBAN", "Nông thôn", "đô thị", "xx", "", "nông\u00a0thôn", "Thành  thị"]
INCOMES = [
    "1500000",
    "1.500.000",
    "1,500,000",
    "1 500 000",
    "1,5 tr",
    "-",
    "x",
    "",
    "2.000.000 đ",
    "1.5e6",
    "9" * 40,
    "850000",
    "-5",
    "không có",
]
FLAGS = ["1", "0", "x", "", "có", "không", "-", "✓", "true", "?"]
LONG = "Ghi chú " * 400
ERROR = {"vi": "lỗi: ", "en": "error: "}


def _cp1258(text: str) -> bytes:
    """``text`` in Windows-1258, as Windows writes it: a letter's shape (â, ơ, ư, ă) precomposed, its tone
    mark combining after it."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out: list[list[str]] = []  # each letter: its shape, then its tone
    for ch in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(ch):
            out.append([ch, ""])
        elif ch in tones:
            out[-1][1] += ch
        else:
            out[-1][0] = unicodedata.normalize("NFC", out[-1][0] + ch)
    return "".join(a + b for a, b in out).encode("cp1258", errors="replace")  # ✓ lost to ?, as Excel saves it


def _quote(cell: str, sep: str, always: bool) -> str:
    if always or any(c in cell for c in (sep, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def damaged_files(draw: st.DrawFn) -> dict:
    """A household CSV's bytes and what it should give: ``ids`` the codes of its data rows (each must come
    out once), ``fatal`` when the damage must stop the run (exit 2)."""
    style = draw(st.sampled_from(sorted(HEADERS)))
    header = list(HEADERS[style])
    fatal = []
    if draw(st.integers(0, 9)) == 0:
        header.append(header[3])  # the same header twice
        fatal.append("duplicate header")
    trailing = draw(st.integers(0, 2)) if draw(st.booleans()) else 0
    n = draw(st.integers(1, 8))
    rows: list[list[str]] = []
    ids: list[str] = []
    blanks = 0
    for r in range(n):
        code = f"F{r:03d}"
        name = draw(st.sampled_from(NAMES))
        if draw(st.integers(0, 5)) == 0:
            name = draw(st.sampled_from([name + "\nghi chú", name + ', "Út"', LONG, name + ";" + name]))
        row = [
            code,
            name,
            draw(st.sampled_from(VILLAGES)),
            draw(st.sampled_from(AREAS)),
            draw(st.sampled_from(INCOMES)),
            draw(st.sampled_from(FLAGS)),
            draw(st.sampled_from(FLAGS)),
        ]
        if draw(st.integers(0, 9)) == 0:  # a code typed with Excel's apostrophe or a non-breaking space
            row[0] = draw(st.sampled_from(["'", "\u00a0", " "])) + code + draw(st.sampled_from(["", "\u00a0", " "]))
        row += [row[3]] * (len(header) - 7)
        rows.append(row + [""] * trailing)
        ids.append(code)
        if draw(st.integers(0, 4)) == 0:
            rows.append([""] * (len(header) + trailing))
            blanks += 1
    if draw(st.integers(0, 3)) == 0:
        total = ["Tổng cộng", "", "", "", "", "", ""] + [""] * (len(header) - 7 + trailing)
        total[4] = "12.000.000"
        rows.append(total)
        ids.append("Tổng cộng")
    quote = False
    sep = draw(st.sampled_from([",", ";", "\t"]))
    always = draw(st.booleans())
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [sep.join(_quote(c, sep, always) for c in header + [""] * trailing)]
    if draw(st.integers(0, 4)) == 0:
        lines.insert(0, _quote("DANH SÁCH HỘ GIA ĐÌNH NĂM 2025", sep, always))
    for row in rows:
        lines.append(sep.join(_quote(c, sep, always) for c in row))
    if (
        '"' not in lines[-1] and lines[-1].startswith(ids[-1]) and draw(st.integers(0, 9)) == 0
    ):  # a quote opened in the last row, never closed
        lines[-1] = lines[-1].replace(sep, sep + '"', 1)
        quote = True
    if draw(st.integers(0, 9)) == 0:  # Excel's hint of the separator above the header
        lines.insert(0, f"sep={sep}")
    first = len(lines) - len(rows) + 1  # the record (row) number of the first row under the header
    row_of = {row[0]: first + k for k, row in enumerate(rows) if row[0]}
    text = eol.join(lines) + (eol if draw(st.booleans()) else "")
    truncated = False
    if draw(st.integers(0, 5)) == 0:  # a copy cut short in its last line
        last = text.rstrip("\r\n").rsplit(eol, 1)[-1]
        first = last.index(sep) + 1 if sep in last else len(last)  # the code kept, the rest of the row cut
        cut = draw(st.integers(min(first, len(last) - 1), max(first, len(last) - 1)))
        text = text.rstrip("\r\n")[: len(text.rstrip("\r\n")) - len(last) + cut]
        truncated = True
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "cp1258", "utf-16-le"]))
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    elif encoding == "cp1258":
        data = _cp1258(text)
    else:
        data = text.encode(encoding)
    if draw(st.integers(0, 9)) == 0 and not encoding.startswith("utf-16"):  # copy /b's DOS end-of-file mark
        data += b"\x1a"
    return {
        "data": data,
        "ids": ids,
        "row_of": row_of,
        "fatal": fatal,
        "truncated": truncated,
        "blanks": blanks,
        "quote": quote,
        "style": style,
        "sep": sep,
        "eol": eol,
        "encoding": encoding,
        "text": text,
        "header": header,
    }


def _table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _code(cell: str) -> str:
    """A code as the program compares it: without its spaces and Excel's apostrophe."""
    return cell.strip(" \u00a0").lstrip("'")


def _check(case: dict, tmp: Path, lang: str = "vi") -> str:
    """Runs classify on the case's file and asserts the invariants; returns what was said."""
    src = tmp / "ho.csv"
    src.write_bytes(case["data"])
    before = hashlib.sha256(case["data"]).hexdigest()
    out, rej = tmp / "out.csv", tmp / "out.rejects.csv"
    for p in (out, rej):
        p.unlink(missing_ok=True)
    args = ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "--lang", lang]
    result = CliRunner().invoke(main, args)
    text = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in text and "unexpected" not in text.lower() and "ngoài dự kiến" not in text, text
    assert result.exit_code in (0, 1, 2), (result.exit_code, text)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    if result.exit_code == 2:
        assert not out.exists() and not rej.exists()
        assert "ho.csv" in text and text.lower().startswith(ERROR[lang]), text  # named, and in the run's language
        assert case["fatal"] or case["truncated"] or case["quote"], text
        return text
    assert not case["fatal"], (case["fatal"], text)
    got = _table(out)
    rejects = _table(rej) if rej.exists() else pd.DataFrame(columns=["row"])
    assert len(got) + len(rejects) == len(case["ids"]), (len(got), len(rejects), case["ids"], text)
    idcol = got.columns[0]
    seen = [_code(c) for c in list(got[idcol]) + (list(rejects.iloc[:, 3]) if len(rejects) else [])]
    want = case["ids"][:-1] if case["truncated"] else case["ids"]
    assert sorted(s for s in seen if s in want) == sorted(want), (seen, want)
    for row, code in zip(rejects["row"], rejects.iloc[:, 3] if len(rejects) else [], strict=True):  # by its row
        assert case["row_of"].get(code, case["row_of"].get(_code(code))) == int(row), (row, code, case["text"])
    return text


SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(damaged_files(), st.sampled_from(["vi", "en"]))
def test_a_damaged_household_csv_loses_no_row_and_says_no_traceback(tmp_path: Path, case: dict, lang: str) -> None:
    _check(case, tmp_path, lang)


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> dict:
    """A household workbook as officers' workbooks come: a title block above the header (row 3), a merged
    group heading over the deprivation columns (a two-row header), a row of column numbers under it, a village
    merged down over its households, hidden rows and columns, formulas with no saved value, dates, numbers
    stored as text or as numbers, a protected sheet, a summary sheet before the list."""
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = draw(st.sampled_from(["Sheet1", "DS hộ", "Danh sách"]))
    top = 1
    if draw(st.booleans()):  # a title block
        ws.cell(1, 1, "DANH SÁCH HỘ GIA ĐÌNH NĂM 2025")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
        ws.cell(2, 1, "Xã Hưng Chính")
        top = 3
    header = list(HEADERS[draw(st.sampled_from(["vi", "vi_plain", "canonical"]))])
    two_rows = draw(st.booleans())
    if two_rows:  # 'Chỉ số thiếu hụt' over the flags, the other headers merged down over two rows
        for c, h in enumerate(header[:5], start=1):
            ws.cell(top, c, h)
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
        ws.cell(top, 6, "Chỉ số thiếu hụt")
        ws.merge_cells(start_row=top, start_column=6, end_row=top, end_column=7)
        ws.cell(top + 1, 6, header[5])
        ws.cell(top + 1, 7, header[6])
        first = top + 2
    else:
        for c, h in enumerate(header, start=1):
            ws.cell(top, c, h)
        first = top + 1
    if draw(st.integers(0, 3)) == 0:  # a form's row of column numbers under its header
        for c in range(1, 8):
            ws.cell(first, c, f"({c})")
        first += 1
    n = draw(st.integers(1, 6))
    ids = []
    row_of: dict[str, int] = {}  # each household's sheet row
    r = first
    for k in range(n):
        code = f"F{k:03d}"
        kind = draw(st.sampled_from(["text", "number", "formula", "date", "float", "text"]))
        income: object = {
            "text": draw(st.sampled_from(INCOMES)),
            "number": draw(st.sampled_from([1500000, 850000, 0])),
            "formula": f"=E{r - 1}*1",
            "date": datetime.date(2025, 5, 1),
            "float": 1499999.9999999998,
        }[kind]
        values = [
            code,
            draw(st.sampled_from(NAMES)),
            draw(st.sampled_from(VILLAGES)),
            draw(st.sampled_from(AREAS)),
            income,
            draw(st.sampled_from([1, 0, "x", None, "có"])),
            draw(st.sampled_from([1, 0, "x", None])),
        ]
        for c, v in enumerate(values, start=1):
            ws.cell(r, c, v)
        if draw(st.integers(0, 4)) == 0:
            ws.row_dimensions[r].hidden = True
        ids.append(code)
        row_of[code] = r
        r += 1
    if n > 1 and draw(st.integers(0, 3)) == 0:  # the village written once, merged down over its households
        for row in range(first + 1, r):
            ws.cell(row, 3).value = None
        ws.merge_cells(start_row=first, start_column=3, end_row=r - 1, end_column=3)
    if draw(st.integers(0, 2)) == 0:
        ws.cell(r, 1, "Tổng cộng")
        row_of["Tổng cộng"] = r
        ws.cell(r, 5, f"=SUM(E{first}:E{r - 1})")
        ids.append("Tổng cộng")
    if draw(st.integers(0, 3)) == 0:
        ws.column_dimensions["B"].hidden = True
    if draw(st.integers(0, 3)) == 0:
        ws.protection.sheet = True
    if draw(st.integers(0, 3)) == 0:  # a summary sheet before the list, headed by villages
        summary = wb.create_sheet("Tổng hợp", 0)
        summary.append(["Thôn", "Số hộ", "Số hộ nghèo"])
        summary.append(["Thôn Đông", n, 1])
    return {"wb": wb, "ids": ids, "header": header, "row_of": row_of}


def _check_workbook(case: dict, tmp: Path, lang: str = "vi") -> str:
    """Runs classify on the case's workbook and asserts the invariants; returns what was said."""
    src = tmp / "ho.xlsx"
    case["wb"].save(src)
    data = src.read_bytes()
    out, rej = tmp / "out.csv", tmp / "out.rejects.csv"
    for p in (out, rej):
        p.unlink(missing_ok=True)
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "--lang", lang])
    text = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in text and "unexpected" not in text.lower() and "ngoài dự kiến" not in text, text
    assert result.exit_code in (0, 1), (result.exit_code, text)
    assert src.read_bytes() == data
    got = _table(out)
    rejects = _table(rej) if rej.exists() else pd.DataFrame(columns=["row"])
    assert len(got) + len(rejects) == len(case["ids"]), (len(got), len(rejects), case["ids"], text)
    seen = [_code(c) for c in list(got[got.columns[0]]) + (list(rejects.iloc[:, 3]) if len(rejects) else [])]
    assert sorted(seen) == sorted(case["ids"]), (seen, case["ids"])
    for row, code in zip(rejects["row"], rejects.iloc[:, 3] if len(rejects) else [], strict=True):  # by its row
        assert case["row_of"][code] == int(row), (row, code)
    return text


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(damaged_workbooks())
def test_a_damaged_household_workbook_loses_no_row_and_says_no_traceback(tmp_path: Path, case: dict) -> None:
    _check_workbook(case, tmp_path)


def _check_review(case: dict, tmp: Path, lang: str = "vi") -> str:
    """Runs review (then report of what it wrote) on the case's file and asserts the invariants."""
    src = tmp / "ho.csv"
    src.write_bytes(case["data"])
    db, out, rej = tmp / "h.db", tmp / "rv.csv", tmp / "rv.rejects.csv"
    for p in (db, out, rej, tmp / "rv.movements.csv", tmp / "rv.not_reviewed.csv"):
        p.unlink(missing_ok=True)
    args = [
        "review",
        str(src),
        "--date",
        "2025-12-01",
        "--db",
        str(db),
        "-o",
        str(out),
        "--lang",
        lang,
        "--commune",
        "Xã A",
    ]
    result = CliRunner().invoke(main, args)
    text = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in text and "unexpected" not in text.lower() and "ngoài dự kiến" not in text, text
    assert result.exit_code in (0, 1, 2), (result.exit_code, text)
    assert src.read_bytes() == case["data"]
    if result.exit_code == 2:
        assert not out.exists() and not rej.exists()
        assert case["fatal"] or case["truncated"] or case["quote"], text
        return text
    rejects = _table(rej) if rej.exists() else pd.DataFrame(columns=["row"])
    if not out.exists():  # every row rejected: the review is not recorded, nothing but the rejects written
        assert len(rejects) == len(case["ids"]), text
        return text
    got = _table(out)
    assert len(got) + len(rejects) == len(case["ids"]), (len(got), len(rejects), case["ids"], text)
    report = CliRunner().invoke(main, ["report", str(out), "-o", str(tmp / "r.xlsx"), "--lang", lang])
    assert report.exception is None or isinstance(report.exception, SystemExit), report.exc_info
    assert "Traceback" not in report.output and "unexpected" not in report.output.lower(), report.output
    assert report.exit_code in (0, 1, 2), report.output
    return text + report.output


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(damaged_files())
def test_a_damaged_household_csv_reviewed_and_reported_loses_no_row(tmp_path: Path, case: dict) -> None:
    _check_review(case, tmp_path)
