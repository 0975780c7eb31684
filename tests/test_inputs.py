"""Reading household files as officers have them (docs/design.md "Input"; poverty_rules/data/)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.engine.standards import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
AS_OF = "2025-12-01"
FLAGS = [ind.id for ind in load_ruleset("vn-2022-2026").indicators]  # in ruleset order
HEADER = "household_id,area,income_per_capita," + ",".join(f"deprived_{f}" for f in FLAGS)


def _run(tmp_path: Path, text: str | bytes, *extra: str, name: str = "in.csv"):
    src = tmp_path / name
    if isinstance(text, str):
        src.write_text(text, encoding="utf-8")
    else:
        src.write_bytes(text)
    out = tmp_path / "out.csv"
    rejects = tmp_path / "rejects.csv"
    result = CliRunner().invoke(
        main,
        [
            "classify",
            str(src),
            "-o",
            str(out),
            "--rejects",
            str(rejects),
            "--as-of",
            AS_OF,
            "-q",
            "--lang",
            "en",
            *extra,
        ],
    )
    return result, _read(out) if out.exists() else None, _read(rejects) if rejects.exists() else None


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _row(hid: str, area: str, income: str, flags: list[str]) -> str:
    return ",".join([hid, area, income, *flags])


def _flags(deprived: int, yes: str = "1", no: str = "0") -> list[str]:
    return [yes] * deprived + [no] * (len(FLAGS) - deprived)


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("bom", [True, False], ids=["with_BOM", "without_BOM"])
def test_utf8_with_and_without_bom_classify_alike(tmp_path: Path, bom: bool) -> None:
    text = HEADER + "\n" + _row("H1", "nông thôn", "1500000", _flags(3)) + "\n"
    data = ("\ufeff" if bom else "").encode() + text.encode()
    result, out, _ = _run(tmp_path, data)
    assert result.exit_code == 0, result.output
    assert list(out.columns)[0] == "household_id"
    assert out.loc[0, "status"] == "poor"  # NĐ 07/2021 Đ3.2.a: rural on the line, D = 3


def test_non_utf8_file_is_read_as_windows_1258_with_a_note(tmp_path: Path) -> None:
    text = HEADER + "\n" + _row("H1", "nông thôn", "1500000", _flags(3)) + "\n"
    result, out, _ = _run(tmp_path, text.encode("cp1258", errors="replace").replace(b"H1", b"H\xe9"))
    assert result.exit_code == 0, result.output
    assert out is not None  # -q: the note saying Windows-1258 was used is not printed


def test_non_utf8_file_forced_as_utf8_is_unusable_exit_2(tmp_path: Path) -> None:
    text = HEADER + "\n" + _row("H1", "nông thôn", "1500000", _flags(3)) + "\n"
    (tmp_path / "h.csv").write_bytes(text.encode("cp1258", errors="replace"))
    args = ["classify", str(tmp_path / "h.csv"), "--as-of", AS_OF, "--encoding", "utf-8", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "cannot be read as utf-8" in result.output
    assert not (tmp_path / "h.classified.csv").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_utf16_forced_on_a_file_without_its_mark_is_a_clear_exit_2(tmp_path: Path, lang: str) -> None:
    """``--encoding utf-16`` on a file without a byte order mark (a UTF-8 CSV, or Unicode text saved
    without one) stopped with "unexpected failure (UnicodeError: UTF-16 stream does not start with BOM)
    … report it to the developers": Python's English, no file named. It is an input error naming the file
    and the encodings that read such a file; the same file with its mark reads as before."""
    text = HEADER + "\n" + _row("H1", "nông thôn", "1500000", _flags(3)) + "\n"
    (tmp_path / "h.csv").write_text(text, encoding="utf-8")
    args = ["classify", str(tmp_path / "h.csv"), "--as-of", AS_OF, "--encoding", "utf-16", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "h.csv" in result.output and "utf-16-le" in result.output and "UnicodeError" not in result.output
    (tmp_path / "u.txt").write_bytes(text.replace(",", "\t").encode("utf-16"))
    args = ["classify", str(tmp_path / "u.txt"), "--as-of", AS_OF, "--encoding", "utf-16"]
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "o.csv")]).exit_code == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_byte_deep_in_a_file_is_named_by_its_row_and_column(tmp_path: Path, lang: str) -> None:
    """A UTF-8 file with one row pasted from an old Windows-1258 file 1.6 MB in was refused "cannot be read
    as utf-8 (byte 5961)": the decoder's place in its last chunk, which no officer can find. The message
    names the row (as the rejects number it) and the column, with the cell."""
    rows = ["Mã hộ,Khu vực,Thu nhập bình quân"] + [f"H{i},nông thôn,{1000000 + i}" for i in range(60000)]
    data = "\r\n".join(rows).encode() + "\r\nHX,nông thôn,1000000\r\n".encode("cp1258")
    (tmp_path / "h.csv").write_bytes(data)
    result = CliRunner().invoke(main, ["classify", str(tmp_path / "h.csv"), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "dòng 60002, cột Khu vực: ô 'n", "en": "row 60002, column Khu vực: the cell 'n"}[lang]
    assert said in result.output, result.output
    assert not (tmp_path / "h.classified.csv").exists()


def test_missing_file_is_unusable_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["classify", str(tmp_path / "nope.csv"), "--as-of", AS_OF, "-q", "--lang", "en"])
    assert result.exit_code == 2
    assert "file not found" in result.output


@pytest.mark.parametrize(
    ("drop", "named"),
    [
        ("household_id", "household_id"),
        ("area", "area"),
        ("income_per_capita", "income_per_capita (Thu nhập bình quân) or score_a (Điểm A)"),
    ],
)
def test_missing_required_column_exit_2_names_the_column(tmp_path: Path, drop: str, named: str) -> None:
    frame = pd.DataFrame([{"household_id": "H1", "area": "rural", "income_per_capita": "1"}]).drop(columns=drop)
    result, out, _ = _run(tmp_path, frame.to_csv(index=False))
    assert result.exit_code == 2
    assert f"missing column {named}" in result.output
    assert out is None


# --------------------------------------------------------------------------- spellings


@pytest.mark.parametrize(
    ("yes", "no"),
    [
        ("1", "0"),
        ("true", "false"),
        ("yes", "no"),
        ("có", "không"),
        ("Có", "Không"),
        ("TRUE", "FALSE"),
        ("y", "n"),  # one byte each: read from the column's bytes
        ("X", "0"),  # one byte, not a word as written: the folded path
    ],
)
def test_flag_spellings_count_deprivations(tmp_path: Path, yes: str, no: str) -> None:
    text = "\n".join(
        [HEADER, _row("H3", "rural", "1500000", _flags(3, yes, no)), _row("H2", "rural", "1500000", _flags(2, yes, no))]
    )
    result, out, _ = _run(tmp_path, text + "\n")
    assert result.exit_code == 0, result.output
    assert out["status"].tolist() == ["poor", "near_poor"]  # NĐ 07/2021 Đ3.2.a / b
    assert out["deprivation_count"].tolist() == ["3", "2"]


def test_x_marks_with_blank_cells_are_unknown_by_default(tmp_path: Path) -> None:
    text = HEADER + "\n" + _row("H1", "rural", "1500000", _flags(2, "x", "")) + "\n"
    result, out, _ = _run(tmp_path, text)
    assert result.exit_code == 0
    assert out.loc[0, "status"] == "undetermined"  # blanks are unknown, never zero
    assert len(out.loc[0, "undetermined_by"].split(";")) == 10


@pytest.mark.parametrize(("marks", "status"), [(2, "near_poor"), (3, "poor")])
def test_blank_flags_not_deprived_reads_x_forms(tmp_path: Path, marks: int, status: str) -> None:
    text = HEADER + "\n" + _row("H1", "rural", "1500000", _flags(marks, "x", "")) + "\n"
    result, out, _ = _run(tmp_path, text, "--blank-flags", "not-deprived")
    assert result.exit_code == 0, result.output
    assert out.loc[0, "status"] == status
    assert out.loc[0, "undetermined_by"] == ""


@pytest.mark.parametrize(
    ("area", "status"),
    [
        ("nông thôn", "average"),
        ("thành thị", "poor"),
        ("đô thị", "poor"),
        ("rural", "average"),
        ("URBAN", "poor"),
        ("Khu vực nông thôn", "average"),  # as the forms head their area rows (II. Khu vực nông thôn)
        ("KV thành thị", "poor"),
        ("khu vuc do thi", "poor"),
    ],
)
def test_area_words_pick_the_area_line(tmp_path: Path, area: str, status: str) -> None:
    """NĐ 07/2021 Đ3: 1.800.000 with D = 3 is above the rural line (average) but under the urban one (poor)."""
    text = HEADER + "\n" + _row("H1", area, "1800000", _flags(3)) + "\n"
    result, out, _ = _run(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert out.loc[0, "status"] == status


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ('"1.500.000"', "poor"),
        ('"1,500,000"', "poor"),
        ('"1 500 000"', "poor"),
        ("1500000", "poor"),
        ('"1.500.001"', "average"),
        ('"1,500,001"', "average"),
        ('"7,99"', "poor"),
        ("7.99", "poor"),
        ('"1.500.000 đ"', "poor"),
        ('"1.500.000 đồng"', "poor"),
        ('"1.500.000 VND"', "poor"),
        ('"1.500.000 VNĐ"', "poor"),  # how Vietnamese forms write the currency; was "must be a number"
        ('"1.500.001 vnđ"', "average"),
    ],
)
def test_income_spellings_on_the_rural_line(tmp_path: Path, cell: str, status: str) -> None:
    """NĐ 07/2021 Đ3.2.a: rural, D = 3, income on the line -> poor; one đồng above -> average."""
    text = HEADER + "\n" + _row("H1", "rural", cell, _flags(3)) + "\n"
    result, out, _ = _run(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert out.loc[0, "status"] == status


def test_vietnamese_headers_fixture_classifies_fully_and_agrees_with_the_canonical_file(tmp_path: Path) -> None:
    src = FIXTURES / "sample_vi_headers.csv"
    out = tmp_path / "vi.csv"
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(out), "--as-of", AS_OF, "-q"])
    assert result.exit_code == 0, result.output
    vi = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(vi) == 30 and "undetermined" not in set(vi["status"])
    assert list(vi.columns[:2]) == ["Mã hộ", "Họ tên chủ hộ"]  # input columns unchanged
    canonical = tmp_path / "canon.csv"
    CliRunner().invoke(
        main, ["classify", str(FIXTURES / "sample_commune.csv"), "-o", str(canonical), "--as-of", AS_OF, "-q"]
    )
    ref = pd.read_csv(canonical, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("household_id")
    for col in ("status", "deprivation_count", "deprived", "decided_by"):
        assert vi[col].tolist() == ref.loc[vi["Mã hộ"], col].tolist(), col


# --------------------------------------------------------------------------- rejects

BAD_ROWS = {
    139: ("household_id", "is empty"),
    404: ("household_id", "is already used at row 314"),
    657: ("area", "must be rural or urban"),
    913: ("income_per_capita", "cannot be negative"),
    1191: ("income_per_capita", "must be a number"),
    1468: ("deprived_sanitation", "must be 1/0"),
    1744: ("income_per_capita", "one of them is needed"),
}


def test_sample_commune_rejects_each_bad_row_with_row_column_and_reason(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    rejects = tmp_path / "rej.csv"
    src = FIXTURES / "sample_commune.csv"
    result = CliRunner().invoke(
        main, ["classify", str(src), "-o", str(out), "--rejects", str(rejects), "--as-of", AS_OF, "-q", "--lang", "en"]
    )
    assert result.exit_code == 1
    rej = pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert sorted(int(r) for r in rej["row"]) == sorted(BAD_ROWS)
    for _, r in rej.iterrows():
        column, reason = BAD_ROWS[int(r["row"])]
        assert r["column"] == column
        assert reason in r["reason"]
    classified = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(classified) + len(rej) == 2000


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"household_id": ""}, "household_id", "is empty"),
        ({"area": "ngoại ô"}, "area", "must be rural or urban"),
        ({"income_per_capita": "-1"}, "income_per_capita", "cannot be negative"),
        ({"income_per_capita": "abc"}, "income_per_capita", "must be a number"),
        ({"income_per_capita": ""}, "income_per_capita", "one of them is needed"),
        ({"deprived_water": "maybe"}, "deprived_water", "must be 1/0"),
    ],
    ids=["empty_id", "bad_area", "negative_income", "text_income", "no_income_no_score", "bad_flag"],
)
def test_each_bad_cell_kind_is_rejected_with_row_column_reason(
    tmp_path: Path, cells: dict, column: str, reason: str
) -> None:
    good = {"household_id": "H1", "area": "rural", "income_per_capita": "1000000"}
    good.update({f"deprived_{f}": "0" for f in FLAGS})
    bad = {**good, "household_id": "H2", **cells}
    result, out, rej = _run(tmp_path, pd.DataFrame([good, bad]).to_csv(index=False))
    assert result.exit_code == 1
    assert out["household_id"].tolist() == ["H1"]
    assert rej[["row", "column"]].values.tolist() == [["3", column]]
    assert reason in rej.loc[0, "reason"]


@pytest.mark.parametrize("good_income", ["1000000", "1.000.000"], ids=["plain_column", "grouped_column"])
def test_a_number_beyond_any_double_is_unreadable_in_any_column(tmp_path: Path, good_income: str) -> None:
    """1e400 was read as infinity, and the household as not poor, when another cell of its column was
    written 1.000.000 (the careful reading); it is as unreadable as 'inf' whichever way it is read."""
    good = {"household_id": "H1", "area": "rural", "income_per_capita": good_income}
    good.update({f"deprived_{f}": "1" for f in FLAGS})
    bad = {**good, "household_id": "H2", "income_per_capita": "1e400"}
    result, out, rej = _run(tmp_path, pd.DataFrame([good, bad]).to_csv(index=False))
    assert result.exit_code == 1 and out["household_id"].tolist() == ["H1"]
    assert rej[["row", "column"]].values.tolist() == [["3", "income_per_capita"]]
    assert "must be a number" in rej.loc[0, "reason"]


def test_a_code_excel_shortened_to_scientific_form_is_rejected_saying_so(tmp_path: Path) -> None:
    """Twelve-digit codes (a head's CCCD number) in a General cell are shown by Excel as 2.01234E+11 and saved
    so in a CSV: their digits are gone. The first such household was classified under the shortened code
    and the others rejected as "already used at row 2"; each is rejected saying what Excel did."""
    lines = [
        HEADER,
        _row("2.01234E+11", "rural", "1000000", _flags(0)),
        _row("2.01234E+11", "rural", "900000", _flags(0)),
    ]
    lines.append(_row("201234567890", "rural", "900000", _flags(0)))
    result, out, rejects = _run(tmp_path, "\n".join(lines) + "\n")
    assert result.exit_code == 1, result.output
    assert out is not None and out["household_id"].tolist() == ["201234567890"]
    assert rejects is not None and rejects["row"].tolist() == ["2", "3"]
    assert all("a number Excel has shortened (as 1.23457E+11)" in r for r in rejects["reason"])


def test_duplicate_id_names_the_first_row(tmp_path: Path) -> None:
    rows = [{"household_id": "H1", "area": "rural", "income_per_capita": "3000000"}] * 2
    result, out, rej = _run(tmp_path, pd.DataFrame(rows).to_csv(index=False))
    assert result.exit_code == 1
    assert rej.loc[0, "row"] == "3" and "is already used at row 2" in rej.loc[0, "reason"]


# --------------------------------------------------------------------------- atomic write


def test_a_failed_write_leaves_the_old_output_untouched_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(b"old result\n")
    src = tmp_path / "in.csv"
    src.write_text(HEADER + "\n" + _row("H1", "rural", "1500000", _flags(3)) + "\n", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(pacsv, "write_csv", boom)
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(out), "--as-of", AS_OF, "-q"])
    assert result.exit_code != 0
    assert out.read_bytes() == b"old result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_output_file_is_readable_like_any_new_file(tmp_path: Path) -> None:
    """The temporary file's private mode (0600) must not stick to the result others need to open."""
    import os

    src = tmp_path / "in.csv"
    src.write_text(HEADER + "\n" + _row("H1", "rural", "1500000", _flags(3)) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    CliRunner().invoke(main, ["classify", str(src), "-o", str(out), "--as-of", AS_OF, "-q"])
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "escaped_on = '31/02/2025': không phải một ngày có trong lịch (đọc là ngày 31, tháng 2, năm 2025)"),
        ("en", "escaped_on = '2025-13-01': is not a day of the calendar (read as day 1, month 13, year 2025)"),
    ],
)
def test_a_recognition_date_the_calendar_lacks_is_said_to_be_one(tmp_path: Path, lang: str, said: str) -> None:
    """``escaped_on`` = 31/02/2025 was refused as "must be a date such as 2024-12-20": the officer wrote
    a date and was told to write one. The reason now says the calendar has no such day and how the cell
    was read, as ``--as-of 31/02/2026`` does; a cell that is no date keeps the plain reason."""
    source = tmp_path / "d.csv"
    source.write_text(
        "household_id,area,income_per_capita,previous_status,escaped_on\n"
        "A,rural,1000000,thoát nghèo,31/02/2025\nB,rural,1000000,thoát nghèo,2025-13-01\n"
        "C,rural,1000000,thoát nghèo,sắp tới\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["classify", str(source), "--as-of", "2025-12-01", "--lang", lang, "-q"])
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(tmp_path / "d.rejects.csv", dtype=str, encoding="utf-8-sig")
    assert said in rejects["reason"].tolist()
    plain = {"vi": "phải là ngày, ví dụ 20/12/2024", "en": "must be a date such as 2024-12-20"}[lang]
    assert plain in rejects["reason"].iloc[2]


@pytest.mark.parametrize(("lang", "said"), [("vi", "không phải tệp thường trên đĩa"), ("en", "not an ordinary file")])
def test_a_pipe_given_as_the_household_or_members_file_is_refused_in_words(
    tmp_path: Path, lang: str, said: str
) -> None:
    """``classify <(bzcat ho.csv.bz2)`` (a pipe, /dev/fd/63) lost its first bytes to the format's check and
    then said 'no header row found'; a named pipe nobody writes to made it wait for ever. A file that is
    not an ordinary one on disk — a pipe, a device — is now refused at once, naming it, as household or
    members file."""
    import os
    import threading

    fifo = tmp_path / "ho.csv"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:  # whoever opens the pipe to read gets the file, as often as it opens it
        while not stop.is_set():
            fifo.write_text("household_id,area,income_per_capita\nH1,rural,1\n", encoding="utf-8")

    feeding = threading.Thread(target=feed, daemon=True)
    feeding.start()
    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    members = {"vi": " (tệp thành viên)", "en": " (members file)"}[lang]
    for args, named in (([str(fifo)], f"{fifo}"), ([str(sample), "--members", str(fifo)], f"{fifo}{members}")):
        out = tmp_path / "out.csv"
        result = CliRunner().invoke(main, ["classify", *args, "-o", str(out), "--as-of", AS_OF, "--lang", lang])
        assert result.exit_code == 2 and f"{named}: {said}" in result.output, result.output
        assert not out.exists()
    stop.set()
    with open(fifo, "rb") as fh:  # the feeder, waiting for a reader, finishes
        fh.read()
    feeding.join(timeout=5)


def test_a_file_whose_name_is_not_utf8_is_read_and_written(tmp_path: Path) -> None:
    """A household file copied from a Windows-1258 disk keeps a name that is not UTF-8 (``h\\xf4.csv``,
    'hô'): classify stopped with 'unexpected failure (UnicodeEncodeError: … surrogates not allowed) … report
    it to the maintainers' when it made its output beside it, and a Parquet file of such a name could not
    be read at all. Both now run as any other file, their outputs named after them."""
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = os.fsencode(tmp_path)
    src = Path(os.fsdecode(folder + b"/h\xf4.csv"))
    src.write_text("household_id,area,income_per_capita\nH1,rural,1500000\nH2,mars,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(src), "--as-of", AS_OF, "-q", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert os.path.exists(folder + b"/h\xf4.classified.csv") and os.path.exists(folder + b"/h\xf4.rejects.csv")
    parquet = Path(os.fsdecode(folder + b"/p\xf4.parquet"))
    with open(os.fsencode(parquet), "wb") as fh:
        pq.write_table(pa.table({"household_id": ["H1"], "area": ["rural"], "income_per_capita": ["1500000"]}), fh)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["classify", str(parquet), "-o", str(out), "--as-of", AS_OF, "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith('"H1",')


def test_a_workbook_whose_name_is_not_utf8_is_read(tmp_path: Path) -> None:
    """A workbook copied from a Windows-1258 disk with a name that is not UTF-8 (``x\\xf4.xlsx``) was said
    not to exist: 'the spreadsheet cannot be read (No such file or directory (os error 2))' for a file that
    is there. It is now read as any other workbook."""
    import os

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    book.active.append(["H1", "nông thôn", 1500000])
    src = Path(os.fsdecode(os.fsencode(tmp_path) + b"/x\xf4.xlsx"))
    with open(os.fsencode(src), "wb") as fh:
        book.save(fh)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(out), "--as-of", AS_OF, "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith('"H1",')


def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes_in_messages(tmp_path: Path) -> None:
    """A file name from a Windows zip that is not UTF-8 (``h\\xf4.csv``, 'hô' in Windows-1258) was shown as
    ``h\\udcf4.csv`` in every message (the notes, the error, the summary's output and rejects, the library's
    errors): Python's escape, not the file's bytes. Each message now shows the byte as ``\\xf4``."""
    import os

    import poverty_rules as pr
    from poverty_rules.data.read import read_table
    from poverty_rules.errors import InputError

    folder = os.fsencode(tmp_path)
    src = Path(os.fsdecode(folder + b"/h\xf4.csv"))
    src.write_text("household_id,area,income_per_capita\nH1,rural,1500000\nH2,mars,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(src), "--as-of", AS_OF, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "\\udc" not in result.output and "\udcf4" not in result.output, result.output
    assert "h\\xf4.csv: no column" in result.output and "h\\xf4.rejects.csv" in result.output
    binary = Path(os.fsdecode(folder + b"/b\xf4.csv"))
    with open(os.fsencode(binary), "wb") as fh:
        fh.write(b"\x00\x01\x02")
    with pytest.raises(InputError) as error:
        read_table(binary, lang="vi")
    assert str(error.value).startswith(f"{os.fsencode(tmp_path).decode()}/b\\xf4.csv: ") and "\\udc" not in str(
        error.value
    )
    with pytest.raises(pr.RulesetError) as bad_rules:
        pr.load_ruleset(Path(os.fsdecode(folder + b"/r\xf4.yaml")))
    assert "\\udc" not in str(bad_rules.value) and "\udcf4" not in str(bad_rules.value)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_bad_byte_near_the_top_of_a_utf8_file_is_named_by_its_row_and_column(tmp_path: Path, lang: str) -> None:
    """A UTF-8 file with a row pasted from an old Windows-1258 file in its first megabyte was taken for a
    Windows-1258 file: it stopped at the header ("row 1, column B: the cell 'Há»� tĂªn…' cannot be read in
    cp1258"), a cell the officer sees nothing wrong with. The file is read as UTF-8, and the message names
    the pasted row and its column, as it does for a bad byte further down."""
    rows = ["Mã hộ,Họ tên chủ hộ,Khu vực,Thu nhập bình quân"] + [
        f"H{i},Nguyễn Văn Hòa,nông thôn,{1000000 + i}" for i in range(200)
    ]
    pasted = "HX,Trần Thị Ánh,nông thôn,1000000".encode("cp1258", "replace")
    data = "\r\n".join(rows[:11]).encode() + b"\r\n" + pasted + b"\r\n" + "\r\n".join(rows[11:]).encode()
    (tmp_path / "h.csv").write_bytes(data)
    result = CliRunner().invoke(main, ["classify", str(tmp_path / "h.csv"), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "dòng 12, cột Họ tên chủ hộ: ô 'Tr", "en": "row 12, column Họ tên chủ hộ: the cell 'Tr"}[lang]
    assert said in result.output, result.output
    assert "cp1258" not in result.output
    assert not (tmp_path / "h.classified.csv").exists()
    # a whole Windows-1258 file is still read as one: tests/test_readers.py (ho_1258.csv)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "escaped_on = '20/12/2026': là sau năm rà soát 2025 (ngày rà soát 10/12/2025)"),
        ("en", "escaped_on = '20/12/2026': is after the review's year 2025 (review date 2025-12-10)"),
    ],
)
def test_an_escape_recognized_in_a_year_after_the_review_is_rejected_at_its_row(
    tmp_path: Path, lang: str, said: str
) -> None:
    """``escaped_on`` = 20/12/2026 (2025 mistyped) in a file classified or reviewed on 2025-12-10 was read as an
    escape recognized in the review's future: the household's window started after the review, silently. Such a
    cell now rejects its row, naming the column and the review's date, in --lang; a date of the review's own year
    (the chair's decision may follow the review) or before it is read as before."""
    source = tmp_path / "d.csv"
    source.write_text(
        "household_id,area,income_per_capita,previous_status,escaped_on\n"
        "A,rural,3000000,không nghèo,20/12/2026\nB,rural,3000000,không nghèo,20/12/2025\n"
        "C,rural,3000000,không nghèo,2024-12-20\n",
        "utf-8",
    )
    for command in (["classify", "--as-of", "2025-12-10"], ["review", "--date", "2025-12-10", "--commune", "Xã A"]):
        extra = ["--db", str(tmp_path / f"{lang}.db")] if command[0] == "review" else []
        out = tmp_path / f"{command[0]}.csv"
        args = [command[0], str(source), "-o", str(out), *command[1:], *extra, "--lang", lang, "-q"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        rejects = pd.read_csv(tmp_path / f"{command[0]}.rejects.csv", dtype=str, encoding="utf-8-sig")
        assert rejects["household_id"].tolist() == ["A"] and rejects["column"].tolist() == ["escaped_on"]
        assert rejects["reason"][0].startswith(said), rejects["reason"][0]
        assert pd.read_csv(out, dtype=str, encoding="utf-8-sig")["household_id"].tolist() == ["B", "C"]


TWIN_HEAD = "household_id,province,province_code,commune_code,commune,village,area,income_per_capita\n"
TWIN_ROWS = [f"{i},Tỉnh Nghệ An,40,17028,Xã Nghi Đông,Thôn 1,rural,900000" for i in (1, 2)]
TWIN_ROWS += [f"{i},Tỉnh Nghệ An,40,17035,Xã Nghi An,Thôn 2,rural,900000" for i in (1, 2)]
TWICE = [f"{i},Tỉnh Nghệ An,,,Xã Nghi Đông,Thôn 1,rural,900000" for i in (1, 2)]  # the commune's copy, no code


@pytest.mark.parametrize("output", ["o.csv", "o.xlsx"])  # streamed, then whole
def test_classify_says_when_one_commune_is_written_two_ways(tmp_path: Path, output: str) -> None:
    """A district's file joined from its communes' files, one commune's sent twice (once with its Mã xã, once from
    a copy without it): classify counted its households twice, their shared codes not rejected, without a word,
    where review says so. classify now gives the same note in its own words, streamed and whole (and the
    library), in vi and en; communes of one name with their own codes are two communes, no note."""
    import poverty_rules as pr

    twice = tmp_path / "ho.csv"
    twice.write_text(TWIN_HEAD + "\n".join(TWIN_ROWS + TWICE) + "\n", encoding="utf-8")
    coded = tmp_path / "coded.csv"
    coded.write_text(TWIN_HEAD + "\n".join(TWIN_ROWS) + "\n", encoding="utf-8")
    named = "'40/17028 Xã Nghi Đông', 'Xã Nghi Đông'"
    for lang, said in (("en", f"{named} are one name"), ("vi", f"{named} là cùng một tên")):
        result = CliRunner().invoke(main, ["classify", str(twice), "-o", str(tmp_path / output), "--lang", lang])
        text = " ".join(result.output.split())
        assert result.exit_code == 0 and f"{twice}: {said}" in text, text
        assert "classified as 2 communes" in text or "phân loại là 2 xã" in text, text
        alone = CliRunner().invoke(main, ["classify", str(coded), "-o", str(tmp_path / output), "--lang", lang])
        assert alone.exit_code == 0 and "one name" not in alone.output and "một tên" not in alone.output
    frame = pd.read_csv(twice, dtype=str, keep_default_na=False)
    with pytest.warns(pr.Note):
        notes = pr.classify_table(frame, lang="en").notes
    assert any(f"<data>: {named} are one name" in note for note in notes), notes


def test_a_missing_income_column_is_named_with_its_vietnamese_header_in_both_languages(tmp_path: Path) -> None:
    """A household file with neither an income nor a score column said, under --lang en, 'missing column
    household_id (Mã hộ), area (Khu vực), income_per_capita or score_a': the two columns the officer lacks were the
    only ones not named by the header a Vietnamese form writes ('Thu nhập bình quân', 'Điểm A'), as the Vietnamese
    message names them. Both languages now name them so."""
    src = tmp_path / "ho.csv"
    src.write_text("Mã hộ,Khu vực\nH1,nông thôn\n", encoding="utf-8")
    for lang, said in (
        ("en", "income_per_capita (Thu nhập bình quân) or score_a (Điểm A)"),
        ("vi", "income_per_capita (Thu nhập bình quân) hoặc score_a (Điểm A)"),
    ):
        out = tmp_path / f"out_{lang}.csv"
        result = CliRunner().invoke(main, ["classify", str(src), "-o", str(out), "-q", "--lang", lang])
        assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output
        assert not out.exists()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_one_commune_sent_twice_under_two_spellings_of_its_province_is_said(tmp_path: Path, lang: str) -> None:
    """A province's file holding one commune's rows twice, with no Mã xã, once under 'Tỉnh Nghệ An' and once
    under 'Nghệ An' (two communes' files joined, each typed its own way): the two spellings of the province made
    them two communes, their households classified and reviewed twice, their codes not rejected, without a
    word, where a copy with its province cell blank was named. The province's kind (tỉnh, thành phố) is now
    folded as the commune's xã is, and the note names each copy with its province when the names are alike."""
    head = "household_id,province,commune,village,area,income_per_capita\n"
    rows = [f"{i},Tỉnh Nghệ An,Xã Nghi Đông,Thôn 1,rural,900000" for i in (1, 2)]
    rows += [f"{i},Nghệ An,Xã Nghi Đông,Thôn 1,rural,900000" for i in (1, 2)]
    rows += [f"{i},Hà Tĩnh,Xã Nghi Đông,Thôn 1,rural,900000" for i in (3, 4)]  # another province's: no twin
    twice = tmp_path / "ho.csv"
    twice.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    named = "'Xã Nghi Đông' (Tỉnh Nghệ An), 'Xã Nghi Đông' (Nghệ An)"
    said = {"en": f"{named} are one name", "vi": f"{named} là cùng một tên"}[lang]
    result = CliRunner().invoke(main, ["classify", str(twice), "-o", str(tmp_path / "o.csv"), "--lang", lang])
    text = " ".join(result.output.split())
    assert result.exit_code == 0 and f"{twice}: {said}" in text, text
    args = ["review", str(twice), "--date", "10/12/2026", "--db", str(tmp_path / "h.db"), "--lang", lang]
    text = " ".join(CliRunner().invoke(main, [*args, "-o", str(tmp_path / "r.csv")]).output.split())
    assert said in text, text


def test_an_income_written_with_the_dong_sign_is_read(tmp_path: Path) -> None:
    """Excel's Vietnamese currency format shows an income as ``1.500.000 ₫`` (its English one as ``₫1,500,000``),
    and a CSV saved from it writes the cell so: every such household was rejected ('must be a number'), though a
    trailing đ, đồng, VND or VNĐ is read. The đồng sign ₫ is now read before or after the number."""
    import pyarrow as pa

    from poverty_rules.vocabulary.numbers import parse_numbers

    cells = ["1.500.000 ₫", "₫1,500,000", "1.500.000₫", " ₫ 2.000.000 ", "1.500.000 đ", "₫", "1₫5"]
    values, bad = parse_numbers(pa.array(cells))
    assert values[:5].tolist() == [1500000, 1500000, 1500000, 2000000, 1500000]
    assert bad.tolist() == [False] * 5 + [False, True] and values[5] != values[5]  # a lone sign: empty
    path = tmp_path / "ho.csv"
    rows = 'H1,nông thôn,"1.500.000 ₫"\nH2,thành thị,"₫2,500,000"\n'
    path.write_text("Mã hộ,Khu vực,Thu nhập bình quân\n" + rows, encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "how Excel stores the day 2024-12-20"), ("vi", "lưu ngày 20/12/2024")]
)
def test_a_date_saved_as_excels_day_number_says_which_day_it_is(tmp_path: Path, lang: str, said: str) -> None:
    """A date column saved without its date format (a General cell, a CSV written from it) holds Excel's number of
    the day, ``45646``: the household was rejected 'must be a date such as 2024-12-20 or 20/12/2024', the officer
    left to wonder where 45646 came from. The reason now names the day the number stands for and how to format
    the column; a number that is no day of 2000-2099 keeps the plain reason."""
    path = tmp_path / "ho.csv"
    rows = "H1,rural,1,poor,45646\nH2,rural,1,poor,12345\nH3,rural,1,poor,20/12/2024\n"
    path.write_text("household_id,area,income_per_capita,previous_status,escaped_on\n" + rows, encoding="utf-8")
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01", "--lang", lang, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 1
    reasons = pd.read_csv(tmp_path / "o.rejects.csv", dtype=str, encoding="utf-8-sig")["reason"].tolist()
    assert len(reasons) == 2 and said in reasons[0] and "12345" in reasons[1] and "Excel" not in reasons[1], reasons


@pytest.mark.parametrize("tick", ["✓", "✔", "☑", "√", " ✓ "])
@pytest.mark.parametrize("engine", ["vectorized", "durable"])
def test_blank_flags_not_deprived_reads_tick_forms(tmp_path: Path, tick: str, engine: str) -> None:
    """A form that ticks only the deprivations with ✓ (or ✔, ☑, or √, the tick of many Vietnamese spreadsheets)
    had every ticked row rejected ("deprived_water = '✓': must be 1/0, có/không, yes/no, true/false, x or empty"),
    23 of a commune's 40 households out of the review. A tick is read as deprived, as ``x`` is, by both engines."""
    text = HEADER + "\n" + _row("H1", "rural", "1500000", _flags(3, tick, "")) + "\n"
    result, out, _ = _run(tmp_path, text, "--blank-flags", "not-deprived", "--engine", engine)
    assert result.exit_code == 0, result.output
    assert out.loc[0, "status"] == "poor" and out.loc[0, "deprivation_count"] == "3"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_utf8_file_given_a_windows_encoding_is_told_so_not_to_correct_a_cell(tmp_path: Path, lang: str) -> None:
    """``--encoding cp1258`` (classify --help's own example) on a file saved as UTF-8 said "row 2, column
    head_name: the cell 'Nguyá»…n Ä\ufffdĂ¬nh …' has letters that cannot be read as cp1258. Correct that cell":
    the cell was right and the mojibake was not what Excel shows; a UTF-8 file whose bytes all read in cp1258
    was read silently as mojibake ('Khu vá»±c': missing column area). Both now stop naming the file, saying
    it is UTF-8 and to leave out --encoding; a Windows-1258 file given --encoding cp1258 reads as before."""
    text = "Mã hộ,Chủ hộ,Khu vực,Thu nhập bình quân\nH1,Nguyễn Đình Cường,nông thôn,1500000\n"
    plain = "Mã hộ,Chủ hộ,Khu vực,Thu nhập bình quân\nH1,Lê Văn Tám,nông thôn,1500000\n"
    said = {"vi": "tệp được lưu theo UTF-8", "en": "the file is saved as UTF-8"}[lang]
    plain.encode("utf-8").decode("cp1258")  # every byte reads in cp1258: it was silently garbled
    for body, encoding in ((text, "cp1258"), (plain, "cp1258"), (text, "windows-1252")):
        (tmp_path / "ho_2025.csv").write_text(body, encoding="utf-8")
        args = ["classify", str(tmp_path / "ho_2025.csv"), "--as-of", AS_OF, "--lang", lang, "--encoding", encoding]
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "kq.csv")])
        assert result.exit_code == 2, result.output
        assert "ho_2025.csv" in result.output and said in result.output, result.output
        assert "--encoding" in result.output and "á»" not in result.output
        assert not (tmp_path / "kq.csv").exists()
    windows = "household_id,head_name,area,income_per_capita\nH1,Lê Văn Tám,rural,1500000\n"
    (tmp_path / "ho_1258.csv").write_bytes(windows.encode("cp1258"))
    args = ["classify", str(tmp_path / "ho_1258.csv"), "--as-of", AS_OF, "--encoding", "cp1258"]
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "kq.csv")]).exit_code == 0
    assert "Lê Văn Tám" in (tmp_path / "kq.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("area", ["nông\u00a0thôn", "Nông  thôn", "nông \u00a0thôn"])
def test_an_area_word_with_a_non_breaking_or_doubled_space_inside_is_read(tmp_path: Path, area: str) -> None:
    """``nông thôn`` typed with a non-breaking space between its words (pasted from a web page or Word: Excel
    shows it as ``nông thôn``) or two spaces was rejected "area = 'nông thôn': must be rural or urban",
    naming a cell that looks right, and a note said the column was typed in the old VNI encoding. Runs of
    spaces inside a word are read as one, as the word tables' lookup said (surrounding spaces were)."""
    text = HEADER + "\n" + _row("H1", area, "1800000", _flags(3)) + "\n"
    result, out, rejects = _run(tmp_path, text)
    assert result.exit_code == 0, (result.output, rejects)
    assert out.loc[0, "status"] == "average" and out.loc[0, "area"] == area


@pytest.mark.parametrize("cell", ["20/12/2024 0:00", "20/12/2024 00:00:00", "20-12-2024 13:05", "20/12/2024 0:00 SA"])
def test_a_day_first_date_with_excels_time_of_day_is_read_as_its_day(tmp_path: Path, cell: str) -> None:
    """A date column holding date-times (pasted from a web system) is saved by Excel with Vietnamese settings as
    ``20/12/2024 0:00``: the household was rejected "escaped_on = '20/12/2024 0:00': must be a date such as
    2024-12-20 or 20/12/2024", where the ISO ``2024-12-20 00:00:00`` was read as its day. A time of day after a
    day-first date is now read so too; other text after it is still no date."""
    from poverty_rules.vocabulary.dates import parse_days

    days, bad = parse_days(pd.Series([cell, "20/12/2024 sáng", "20/12/2024 0:00 xx"], dtype=object))
    assert str(days[0]) == "2024-12-20" and bad.tolist() == [False, True, True]
    rows = f'H1,rural,2500000,poor,"{cell}"\n'
    path = tmp_path / "ho.csv"
    path.write_text("household_id,area,income_per_capita,previous_status,escaped_on\n" + rows, encoding="utf-8")
    args = ["classify", str(path), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01", "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0


def test_a_number_with_excels_text_apostrophe_is_read_as_the_number_excel_shows(tmp_path: Path) -> None:
    """An officer who typed '1500000 (Excel's mark to keep a cell as text) sees 1500000, and some exports write
    the apostrophe into the CSV. Each such income was rejected ("not a number"), a whole village's list at
    once when the column was typed so. It is read as the number shown, grouped or with a unit too; an
    apostrophe before something else is still no number."""
    text = (
        HEADER
        + "\n"
        + "\n".join(
            [
                _row("H1", "rural", "'1400000", _flags(3)),
                _row("H2", "rural", "'1.600.000", _flags(0)),
                _row("H3", "urban", "' 3 500 000 đ", _flags(0)),
                _row("H4", "rural", "'abc", _flags(0)),
            ]
        )
    )
    result, out, rejects = _run(tmp_path, text)
    assert result.exit_code == 1, result.output
    assert out is not None and out["status"].tolist() == ["poor", "average", "not_poor"]
    assert out["income_per_capita"].tolist() == ["'1400000", "'1.600.000", "' 3 500 000 đ"]  # as the file has them
    assert rejects is not None and rejects["row"].tolist() == ["5"] and "'abc" in rejects["reason"][0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_small_utf8_list_with_one_pasted_windows_1258_row_names_that_row(tmp_path: Path, lang: str) -> None:
    """A list of a few households saved as 'CSV UTF-8', one of them pasted from an old Windows-1258 file, was
    taken for a Windows-1258 file: the pasted name's three bad bytes outweighed a tenth of the file's good
    letters. It stopped at its header ("row 1, column B: the cell 'Há»� tĂªn chá»§ há»™' cannot be read as
    cp1258"), a cell the officer sees nothing wrong with, or, had every byte a Windows-1258 letter, was read
    garbled throughout. It is read as UTF-8 and the message names the pasted row and its column; a whole
    Windows-1258 list, as small, is still read as one."""
    rows = ["Mã hộ,Họ tên chủ hộ,Khu vực,Thu nhập bình quân", "H1,Nguyễn Văn An,nông thôn,1400000"]
    rows += ["H2,Trần Thị Bình,nông thôn,1400000", "H3,Lê Văn Cường,nông thôn,1400000"]
    pasted = "H4,Tô Văn Lê,nông thôn,1400000".encode("cp1258")
    data = "\r\n".join(rows).encode() + b"\r\n" + pasted + "\r\nH5,Đỗ Thị Hà,nông thôn,1400000\r\n".encode()
    (tmp_path / "h.csv").write_bytes(data)
    result = CliRunner().invoke(main, ["classify", str(tmp_path / "h.csv"), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "dòng 5, cột Họ tên chủ hộ: ô 'T", "en": "row 5, column Họ tên chủ hộ: the cell 'T"}[lang]
    assert said in result.output and "cp1258" not in result.output, result.output
    assert not (tmp_path / "h.classified.csv").exists()
    whole = "household_id,head_name,area,income_per_capita\r\n"
    whole += "".join(f"H{i},Tô Văn Tú,nông thôn,1400000\r\n" for i in range(1, 5))
    (tmp_path / "w.csv").write_bytes(whole.encode("cp1258"))
    args = ["classify", str(tmp_path / "w.csv"), "-o", str(tmp_path / "w.out.csv"), "--as-of", AS_OF, "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert _read(tmp_path / "w.out.csv")["head_name"].tolist() == ["Tô Văn Tú"] * 4


def test_a_windows_1258_list_without_tone_marks_is_read_as_windows_1258(tmp_path: Path) -> None:
    """A Windows-1258 list whose Vietnamese letters carry no tone mark ('Tô Văn Lê', 'nông thôn') was read as
    Windows-1252, 'Văn' garbled to 'Vãn' (the byte of ă is ã there): the letters ă, ơ, ư … were looked for
    only once decomposed (NFD), where they are a letter and a mark no longer among those looked for, and no
    tone mark was left to tell the code page. They are looked for as written."""
    text = "household_id,head_name,area,income_per_capita\r\n"
    text += "".join(
        f"H{i},{name},nông thôn,1400000\r\n" for i, name in enumerate(["Tô Văn Lê", "Lư Văn Thơ", "Tăng Ân"])
    )
    result, out, _ = _run(tmp_path, text.encode("cp1258"))
    assert result.exit_code == 0, result.output
    assert out is not None and out["head_name"].tolist() == ["Tô Văn Lê", "Lư Văn Thơ", "Tăng Ân"]


@pytest.mark.parametrize("batch", [[], ["--batch-bytes", "1024"]], ids=["whole", "streamed"])
def test_villages_written_once_per_merged_cell_are_said_not_counted_silently(tmp_path: Path, batch: list[str]) -> None:
    """A form whose village cell was merged over its households, saved as CSV, keeps each village on its first
    household's row only: the others were classified without a word and counted in the reports under a village
    with no name. The run now says how many households have no village while others have one, naming the first
    five rows, the same whole or streamed; a row that is no household (a total, no area) is not counted, and a
    file with every village written, or none, says nothing."""
    rows = ["Mã hộ,Thôn,Khu vực,Thu nhập bình quân"]
    for v, village in enumerate(["Đông", "Tây", "Nam"]):
        rows += [f"H{v}-{i},{village if i == 0 else ''},nông thôn,1400000" for i in range(40)]
    rows.append("Tổng cộng,,,168000000")
    text = "\n".join(rows) + "\n"
    result, out, _ = _run(tmp_path, text.replace(",Nam,", ",,"), *batch)
    assert result.exit_code == 1 and out is not None and len(out) == 120, result.output
    args = ["classify", str(tmp_path / "in.csv"), "-o", str(tmp_path / "o.csv"), "--as-of", AS_OF, *batch]
    said = CliRunner().invoke(main, [*args, "--lang", "en"]).output
    assert (
        "in.csv: column Thôn: 118 households have no village (rows 3, 4, 5, 6, 7 and 113 more) while the others "
        "have one (often a village cell merged over its households on a form, then copied or saved as CSV: only "
        "the first row keeps the name). The reports count these households under a village with no name ('—')"
    ) in said, said
    said = CliRunner().invoke(main, args).output
    assert "cột Thôn: 118 hộ không ghi thôn (dòng 3, 4, 5, 6, 7 và 113 dòng khác)" in said, said
    filled = "\n".join(r.replace(",,nông", ",Bắc,nông") for r in rows) + "\n"
    bare = "\n".join(",".join(c for j, c in enumerate(r.split(",")) if j != 1) for r in rows) + "\n"
    for quiet in (filled, bare):
        (tmp_path / "in.csv").write_text(quiet, encoding="utf-8")
        said = CliRunner().invoke(main, [*args, "--lang", "en"]).output
        assert "120 classified" in said, said  # notes are said (no -q), none of them on villages
        assert "no village" not in said and "rows 3, 4" not in said, said


def test_a_date_with_excels_text_apostrophe_is_read_as_the_day_excel_shows(tmp_path: Path) -> None:
    """An escape day typed '20/12/2024 (Excel's mark to keep a cell as text, so that Excel does not turn it into a
    date of its own), which some exports write into the CSV, rejected its row as no date, where Excel shows
    20/12/2024. It is read as that day, as written without the mark."""
    head = "household_id,area,income_per_capita,previous_status,escaped_on\n"
    rows = ["H1,rural,1700000,poor,20/12/2024", "H2,rural,1700000,poor,2024-12-20"]
    plain = _run(tmp_path, head + "\n".join(rows) + "\n")
    marked = _run(tmp_path, head + "\n".join(r.replace("poor,", "poor,'") for r in rows) + "\n")
    assert marked[0].exit_code == plain[0].exit_code == 0, marked[0].output
    assert marked[1] is not None and plain[1] is not None
    assert marked[1]["escaped_on"].tolist() == ["'20/12/2024", "'2024-12-20"]  # carried as written
    assert marked[1].drop(columns="escaped_on").equals(plain[1].drop(columns="escaped_on"))


def test_a_number_grouped_by_a_narrow_or_thin_space_or_holding_a_zero_width_one_is_read(tmp_path: Path) -> None:
    """1 500 000 grouped by the narrow no-break space (U+202F) a French or English locale of LibreOffice and
    Windows writes, or the thin space (U+2009), and an income copied from a web page or a chat with a zero-width
    space (U+200B) in it, were rejected as no number, where the ordinary and non-breaking spaces were read. They
    are read alike; a letter in an income is still no number."""
    cells = ["1\u202f400\u202f000", "1\u2009400\u2009000", "1400000\u200b", "\u200b1.400.000 đ"]
    text = HEADER + "\n" + "\n".join(_row(f"H{i}", "rural", c, _flags(3)) for i, c in enumerate(cells))
    result, out, rejects = _run(tmp_path, text + "\n" + _row("HX", "rural", "1\u202f400\u202f00O", _flags(3)))
    assert result.exit_code == 1, result.output
    assert out is not None and out["status"].tolist() == ["poor"] * 4
    assert rejects is not None and rejects["household_id"].tolist() == ["HX"]


ZW = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]  # zero-width space, non-joiner, joiner, word joiner, BOM


@pytest.mark.parametrize("mark", ZW)
def test_zero_width_characters_at_a_cells_ends_are_trimmed_as_spaces_are(tmp_path: Path, mark: str) -> None:
    """A cell copied from Zalo or a web page brings a zero-width character at its start or end, which Excel does
    not show: ``H2`` and a zero-width space was another household than ``H2`` (no duplicate found, no history
    matched), ``nông thôn`` and one was rejected "must be rural or urban", ``1`` and one was no flag, ``1000000``
    and a word joiner no number. Each is read as the cell without it, wherever spaces around a cell are left out;
    a cell of only such characters is blank."""
    rows = [
        _row("H1", "nông thôn", "1000000", _flags(3)),
        _row(f"H2{mark}", f"nông thôn{mark}", f"{mark}1000000", [f"1{mark}", f"{mark} 1", *_flags(1)[:-2]]),
        _row(f" {mark}H3", f"{mark}thành thị ", f"1000000{mark}", [mark, *_flags(2)[1:]]),
        _row("H2", "nông thôn", "1000000", _flags(3)),
    ]
    result, out, rejects = _run(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n")
    assert result.exit_code == 1, result.output
    assert out is not None and out["status"].tolist() == ["poor", "poor", "near_poor"], out
    assert out["area"].tolist()[1:] == [f"nông thôn{mark}", f"{mark}thành thị "]  # carried as written
    assert rejects is not None and rejects["row"].tolist() == ["5"], rejects
    assert "already used at row 3" in rejects.loc[0, "reason"], rejects.loc[0, "reason"]


def test_zero_width_characters_are_looked_for_in_two_bytes_a_cell() -> None:
    """The cheap look that spares a column without them the regular expression: a cell beginning with, or whose
    last three bytes begin with, E2 or EF; no Vietnamese letter does (``à`` ends in A0, ``ế`` in BF)."""
    import pyarrow as pa

    from poverty_rules.vocabulary.cells import edge_zero_width, trimmed

    assert not edge_zero_width(pa.array(["nông thôn", "à", "ế", "", "H2", "Thành thị"]))
    for mark in ZW:
        assert edge_zero_width(pa.array(["H1", f"H2{mark}"])) and edge_zero_width(pa.array([f"{mark}H2", "H1"]))
    cells = pa.chunked_array([pa.array([" \u200b H2 \ufeff", "nông thôn\u2060", "a\u200bb", "\u200d"])])
    assert trimmed(cells).to_pylist() == ["H2", "nông thôn", "a\u200bb", ""]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("name", "deep"), [("Nguyễn Văn An", False), ("Hồ Thị Phờ", False), ("Nguyễn Văn An", True)])
def test_a_utf8_row_in_a_windows_1258_file_is_named_by_its_row_and_column(
    tmp_path: Path, lang: str, name: str, deep: bool
) -> None:
    """The mirror of a UTF-8 file with one Windows-1258 row: a Windows-1258 file (an old Excel's CSV) with a row
    pasted from a UTF-8 one was read wholly as Windows-1258, that row's letters garbled without a word (the head
    ``Nguyá»…n Văn An`` written to the output, its area 'nĂ´ng thĂ´n' rejected as no area; with an area of
    ASCII, kept garbled), or, for a letter such as ``ờ`` whose bytes Windows-1258 lacks, refused as "cannot be
    read as cp1258". It stops (exit 2) naming the row, the column and the cell as UTF-8 reads it, in a small
    file (read whole) and deep in a large one (streamed)."""
    head = b"household_id,head_name,area,income_per_capita\r\n"  # its headers: no letter Windows-1258 lacks
    rows = [f"H{i},Lê Văn Tám,nông thôn,{1000000 + i}\r\n".encode("cp1258") for i in range(60000 if deep else 30)]
    at = len(rows) - 5
    pasted = f"HX,{name},rural,1000000\r\n".encode()
    (tmp_path / "h.csv").write_bytes(head + b"".join(rows[:at]) + pasted + b"".join(rows[at:]))
    result = CliRunner().invoke(main, ["classify", str(tmp_path / "h.csv"), "--as-of", AS_OF, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": f"dòng {at + 2}, cột head_name: ô '", "en": f"row {at + 2}, column head_name: the cell '"}
    assert said[lang] in result.output and f"'{name}'" in result.output, result.output
    assert "UTF-8" in result.output and "Windows-1258" in result.output, result.output
    assert not (tmp_path / "h.classified.csv").exists()
    # a whole Windows-1258 file is still read as one: test_non_utf8_file_is_read_as_windows_1258_with_a_note


@pytest.mark.parametrize(
    "cell",
    [
        "2024/12/20",
        "2024.12.20",
        "20-Dec-2024",
        "20 December 2024",
        "20-thg 12-2024",
        "20-Thg12-2024",
        "20-Th12-2024",
        "ngày 20 tháng 12 năm 2024",
    ],
)
def test_a_date_year_first_with_slashes_or_with_its_month_named_is_read(tmp_path: Path, cell: str) -> None:
    """A recognition date written year first with slashes (``2024/12/20``, a web system's export), or as Excel and
    LibreOffice show a date formatted dd-mmm-yyyy in English (``20-Dec-2024``) or Vietnamese settings
    (``20-thg 12-2024``), or as a decision writes it (``ngày 20 tháng 12 năm 2024``), was rejected as no date:
    none of them can be read as another day, and each is read as the 20th of December 2024."""
    head = "household_id,area,income_per_capita,previous_status,escaped_on\n"
    result, out, rejects = _run(tmp_path, head + f'H1,rural,1700000,poor,"{cell}"\nH2,rural,1700000,poor,20/12/2024\n')
    assert result.exit_code == 0, (result.output, rejects)
    assert out is not None and out["escaped_on"].tolist() == [cell, "20/12/2024"]  # carried as written
    assert out.loc[0].drop("escaped_on").drop("household_id").equals(out.loc[1].drop("escaped_on").drop("household_id"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "năm chỉ có hai chữ số nên không biết là năm nào: hãy ghi năm đủ bốn chữ số, ví dụ 20/12/2024"),
        ("en", "the year has two digits, so which year is unsure: write the year with four digits, e.g. 20/12/2024"),
    ],
)
def test_a_date_with_a_two_digit_year_is_rejected_asking_for_four_digits(tmp_path: Path, lang: str, said: str) -> None:
    """``20/12/24`` (Excel's short date) and ``20-Dec-24`` (its d-mmm-yy) are still not read — ``24/12/20`` is the 24th
    of December 2020 or the 20th of December 2024, as the writer's settings had it — but the reason said only "must
    be a date such as 2024-12-20 or 20/12/2024", not what was wrong with this one: it asks for the year's four
    digits. A month the calendar lacks, named in Vietnamese (``thg 13``), is said to be no day, as ``2025-13-01``."""
    head = "household_id,area,income_per_capita,previous_status,escaped_on\n"
    rows = "H1,rural,1700000,poor,20/12/24\nH2,rural,1700000,poor,20-Dec-24\nH3,rural,1700000,poor,20-thg 13-2024\n"
    result, _, rejects = _run(tmp_path, head + rows, "--lang", lang)
    assert result.exit_code == 1, result.output
    assert rejects is not None and rejects["household_id"].tolist() == ["H1", "H2", "H3"]
    assert said in rejects.loc[0, "reason"] and said in rejects.loc[1, "reason"], rejects["reason"].tolist()
    assert ("13" in rejects.loc[2, "reason"]) and said not in rejects.loc[2, "reason"], rejects.loc[2, "reason"]


@pytest.mark.parametrize("cell", ["\u2212500000", "(500.000)", "\u2013500000"])
def test_an_income_with_a_unicode_minus_or_in_brackets_is_said_negative(tmp_path: Path, cell: str) -> None:
    """An income written ``−500000`` (U+2212, pasted from Word or a web page) or ``(500.000)`` (Excel's accounting
    format of a negative) was rejected "must be a number", where ``-500000`` is rejected "cannot be negative": it is
    a number below zero, and said to be."""
    result, _, rejects = _run(tmp_path, HEADER + "\n" + _row("H1", "rural", cell, _flags(3)) + "\n")
    assert result.exit_code == 1, result.output
    assert rejects is not None and rejects.loc[0, "reason"] == f"income_per_capita = '{cell}': cannot be negative"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dates_written_month_first_are_said_so_and_the_columns_other_dates_are_noted(tmp_path: Path, lang: str) -> None:
    """A list downloaded from Google Sheets (or saved by Excel) in English settings writes dates month first:
    ``12/20/2024`` was rejected as "not a day of the calendar (read as day 12, month 20)", and ``12/05/2024``, the
    5th of December, read without a word as the 12th of May (its escape window counted from it). The first is said to
    be written month first, asking for the day first; a note names the column and says its other dates were read
    day first, so that the officer checks them. Dates written day first alone give no note."""
    head = "household_id,area,income_per_capita,previous_status,escaped_on\n"
    rows = "H1,rural,1700000,poor,12/20/2024\nH2,rural,1700000,poor,12/05/2024\n"
    src = tmp_path / "ho.csv"
    src.write_text(head + rows, encoding="utf-8")
    args = ["classify", str(src), "-o", str(tmp_path / "kq.csv"), "--as-of", AS_OF, "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    rejects = _read(tmp_path / "kq.rejects.csv")
    said = {
        "vi": "là ngày ghi tháng trước ngày (tháng 12, ngày 20), như Google Sheets hay Excel cài đặt tiếng Anh ghi: "
        "hãy ghi ngày trước, ví dụ 20/12/2024",
        "en": "is a date written month first (month 12, day 20), as Google Sheets or Excel in English settings write "
        "one: write the day first, e.g. 20/12/2024",
    }[lang]
    assert rejects["household_id"].tolist() == ["H1"] and said in rejects.loc[0, "reason"], rejects.loc[0, "reason"]
    note = {
        "vi": "cột escaped_on: có ngày ghi tháng trước ngày",
        "en": "column escaped_on: some dates are written month",
    }
    assert note[lang] in result.output, result.output
    src.write_text(head + "H1,rural,1700000,poor,20/12/2024\nH2,rural,1700000,poor,31/02/2024\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and note[lang] not in result.output, result.output


def test_an_indicator_headed_after_the_word_thieu_hut_is_read_as_its_column(tmp_path: Path) -> None:
    """A form whose mark columns are headed ``Thiếu hụt việc làm``, ``Chỉ số thiếu hụt về dinh dưỡng`` (the
    indicator's name after the word for a deprivation, in one cell) was read with those columns missing, every
    household's marks unknown, a note per column. Such a header names its indicator; the word followed by anything
    else (``Thiếu hụt thu nhập``) names none."""
    from poverty_rules.data.schema import canonical_headers

    headers = [
        "Thiếu hụt việc làm",
        "Chỉ số thiếu hụt về dinh dưỡng",
        "thieu hut ve nguoi phu thuoc",
        "Thiếu hụt thu nhập",
    ]
    assert canonical_headers(headers) == {
        "Thiếu hụt việc làm": "deprived_employment",
        "Chỉ số thiếu hụt về dinh dưỡng": "deprived_nutrition",
        "thieu hut ve nguoi phu thuoc": "deprived_dependency",
    }
    text = "Mã hộ,Khu vực,Thu nhập bình quân,Thiếu hụt việc làm,Thiếu hụt dinh dưỡng\nH1,nông thôn,1700000,1,1\n"
    result, out, _ = _run(tmp_path, text)
    assert result.exit_code == 0, result.output
    assert out is not None and out.loc[0, "deprived"] == "employment;nutrition", out.loc[0].to_dict()


@pytest.mark.parametrize(
    "cell",
    [
        "20 Tháng Mười Hai 2024",
        "Thứ Sáu, 20 Tháng Mười Hai, 2024",
        "20 tháng Chạp 2024",
        "Friday, December 20, 2024",
        "December 20, 2024",
    ],
)
def test_a_long_date_as_windows_writes_one_in_vietnamese_or_english_is_read(tmp_path: Path, cell: str) -> None:
    """An Excel date cell formatted as a long date and saved as CSV holds the text Windows shows: in Vietnamese settings
    the month in words (``20 Tháng Mười Hai 2024``, the day of the week before it: ``Thứ Sáu, …``), in English the month
    named first (``December 20, 2024``). Each was rejected as no date, though none can be read as another day; each is
    the 20th of December 2024 (a month's word decomposed on a Mac alike)."""
    from poverty_rules.vocabulary.dates import parse_days

    days, bad = parse_days(pd.Series([cell, unicodedata.normalize("NFD", cell)], dtype=object))
    assert [str(d) for d in days] == ["2024-12-20"] * 2 and not bad.any()
    head = "household_id,area,income_per_capita,previous_status,escaped_on\n"
    result, out, rejects = _run(tmp_path, head + f'H1,rural,1700000,poor,"{cell}"\n')
    assert result.exit_code == 0, (result.output, rejects)
    assert out is not None and out["escaped_on"].tolist() == [cell]


@pytest.mark.parametrize(
    ("header", "cell", "said"),
    [
        (
            "income_per_capita",
            "1,5 triệu",
            "the amount gives its unit in words ('triệu'): write it in đồng, e.g. 1500000",
        ),
        ("income_per_capita", "500k", "the amount gives its unit in words ('k'): write it in đồng, e.g. 500000"),
        (
            "Thu nhập bình quân (nghìn đồng)",
            "1.5tr",
            "the amount gives its unit in words ('tr'): write it in the unit the column's header gives, e.g. 1500",
        ),
        ("income_per_capita", "15OOOOO", "holds the letter O where a zero should be: type it again with zeros"),
        ("income_per_capita", "khoảng 1500000", "must be a number (e.g. 1500000 or 1.500.000)"),
    ],
)
def test_an_income_with_its_unit_in_words_or_a_letter_o_says_what_to_write(
    tmp_path: Path, header: str, cell: str, said: str
) -> None:
    """An income typed ``1,5 triệu``, ``500k`` or ``1.5tr`` (its unit in words, as an officer says it) or ``15OOOOO``
    (the letter O for zeros) was rejected "must be a number (e.g. 1500000 or 1.500.000)": the officer saw a number.
    The reason says what is wrong and, for a unit in words, the amount to write, in the unit the header gives."""
    text = f'household_id,area,{header}\nH1,rural,1600000\nH2,rural,"{cell}"\n'
    if header != "income_per_capita":
        text = text.replace("1600000", "1600")
    result, _, rejects = _run(tmp_path, text)
    assert result.exit_code == 1, result.output
    assert rejects is not None and rejects["household_id"].tolist() == ["H2"]
    assert rejects.loc[0, "reason"] == f"{header} = '{cell}': {said}", rejects.loc[0, "reason"]


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("MSTB", "average"),
        ("Hộ nghèo (mới)", "poor"),
        ("Hộ nghèo mới phát sinh", "poor"),
        ("cận nghèo mới", "near_poor"),
        ("HCN (mới)", "near_poor"),
    ],
)
def test_a_previous_status_abbreviated_mstb_or_marked_new_is_read(tmp_path: Path, cell: str, status: str) -> None:
    """A list abbreviates mức sống trung bình as ``MSTB`` and marks a household newly poor ``Hộ nghèo (mới)`` or
    ``Hộ nghèo mới phát sinh``: each was rejected "must be a status …". ``MSTB`` is average; a poor or near-poor
    status with the word for a new one after it is that status. The word after an escape (``thoát nghèo mới``) or
    alone is still no status."""
    from poverty_rules.vocabulary.statuses import normalize_status

    read, bad = normalize_status(pd.Series([cell, "thoát nghèo mới", "mới"], dtype=object))
    assert read.tolist()[0] == status and bad.tolist() == [False, True, True]
    head = "household_id,area,income_per_capita,previous_status\n"
    result, out, rejects = _run(tmp_path, head + f'H1,rural,1700000,"{cell}"\n')
    assert result.exit_code == 0, (result.output, rejects)
    assert out is not None and out["previous_status"].tolist() == [cell]


@pytest.mark.parametrize("cell", ["1.700.000 đ/người/tháng", "1700000 đồng / người / tháng", "1.700.000đ/ng/th"])
def test_an_income_written_with_its_unit_per_person_per_month_is_read(tmp_path: Path, cell: str) -> None:
    """An income typed with the column's own unit after it (``1.700.000 đ/người/tháng``, as the forms head the column)
    was rejected "must be a number": it is the income per person per month the column holds, read as the number.
    Per year (``đ/người/năm``) or without the đồng (``1.700.000/người/tháng``) is still no number."""
    rows = [_row(f"H{i}", "rural", f'"{c}"', _flags(0)) for i, c in enumerate([cell, "1.700.000 đ/người/năm"])]
    result, out, rejects = _run(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n")
    assert result.exit_code == 1, result.output
    assert out is not None and out["status"].tolist() == ["average"], out
    assert rejects is not None and rejects["household_id"].tolist() == ["H1"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("cell", ["#DIV/0!", "#VALUE!", "Err:502"])
def test_an_income_that_is_a_formulas_error_is_said_to_be_one(tmp_path: Path, cell: str, lang: str) -> None:
    """An income worked out by a formula (the household's income over its persons) whose persons are blank shows and
    saves ``#DIV/0!``: the row was rejected "must be a number (e.g. 1500000 or 1.500.000)", where the officer has to
    mend the formula's cells. The reason says it is a formula's error and where to look."""
    result, _, rejects = _run(tmp_path, HEADER + "\n" + _row("H1", "rural", cell, _flags(3)) + "\n", "--lang", lang)
    assert result.exit_code == 1, result.output
    said = {"vi": "là lỗi của công thức trong bảng tính, không phải số", "en": "is a spreadsheet formula's error"}
    assert rejects is not None and said[lang] in rejects.loc[0, "reason"], rejects.loc[0, "reason"]
