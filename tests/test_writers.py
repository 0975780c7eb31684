"""Writers by extension (issue #10 item 2): .csv, .xlsx, .parquet; Vietnamese headers and statuses;
text never a formula; an unknown extension, a missing folder or an output naming an input is exit 2."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import python_calamine
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.data.append import AtomicCsv
from poverty_rules.data.write import write_table

ROOT = Path(__file__).resolve().parents[1]
VI = ROOT / "fixtures" / "sample_vi_headers.csv"
AS_OF = "2025-12-01"


def _invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_xlsx_output_has_vietnamese_headers_and_statuses(tmp_path: Path) -> None:
    out = tmp_path / "ket_qua.xlsx"
    result = _invoke("classify", VI, "-o", out, "--as-of", AS_OF, "-q")
    assert result.exit_code == 0, result.output
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = rows[0]
    assert "Phân loại" in header and "status" not in header and "Mã hộ" in header
    statuses = {r[header.index("Phân loại")] for r in rows[1:]}
    assert statuses <= {"Hộ nghèo", "Hộ cận nghèo", "Hộ có mức sống trung bình", "Hộ không nghèo", "Chưa xác định"}
    assert "Hộ nghèo" in statuses
    count = header.index("Số chỉ số thiếu hụt")
    assert all(isinstance(r[count], float) for r in rows[1:])  # numbers as numbers
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


@pytest.mark.parametrize(
    ("lang", "results", "rejects"), [("vi", "Kết quả", "Dòng bị loại"), ("en", "Results", "Rejected rows")]
)
def test_xlsx_sheets_are_named_in_the_runs_language(tmp_path: Path, lang: str, results: str, rejects: str) -> None:
    """Both workbooks' sheet was "Kết quả" whatever --lang said, the rejects' too."""
    data = tmp_path / "h.csv"
    data.write_text("household_id,area,income_per_capita\nH1,rural,9000000\nH2,mars,1\n", encoding="utf-8")
    out, rej = tmp_path / "o.xlsx", tmp_path / "r.xlsx"
    result = _invoke("classify", data, "-o", out, "--rejects", rej, "--as-of", AS_OF, "-q", "--lang", lang)
    assert result.exit_code == 1, result.output
    assert openpyxl.load_workbook(out).sheetnames == [results]
    assert openpyxl.load_workbook(rej).sheetnames == [rejects]


def test_canonical_headers_on_request(tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    assert _invoke("classify", VI, "-o", out, "--as-of", AS_OF, "-q", "--headers", "canonical").exit_code == 0
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert "status" in rows[0] and rows[1][rows[0].index("status")] in {"poor", "near_poor", "average", "not_poor"}


def test_text_cells_are_never_formulas(tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    cells = ["=1+1", "+84912", "-3", "@SUM(A1)", "001", "1500000", "a\x01b"]
    write_table(pa.table({"household_id": cells, "note": cells}), out, text_columns={"household_id"})
    ws = openpyxl.load_workbook(out).active
    ids = [c.value for c in ws["A"][1:]]
    notes = [c.value for c in ws["B"][1:]]
    assert ids[:5] == ["=1+1", "+84912", "-3", "@SUM(A1)", "001"]
    assert all(c.data_type == "s" for c in ws["A"][1:])
    assert notes[2] == -3 and notes[5] == 1500000 and notes[0] == "=1+1" and ws["B2"].data_type == "s"


def test_parquet_output(tmp_path: Path) -> None:
    out = tmp_path / "o.parquet"
    assert _invoke("classify", VI, "-o", out, "--as-of", AS_OF, "-q").exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 30 and "status" in table.column_names


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "{d}/o.txt"], ".txt"),
        (["-o", "{d}/missing/o.csv"], "missing"),
        (["--rejects", "{input}"], "rejects"),
        (["-o", "{d}/a.csv", "--rejects", "{d}/a.csv"], "a.csv"),
        (["-o", "{input}"], "input"),
        (["-o", "{d}"], "is a folder, not a file"),  # it said "cannot write a '' file; use one of: .csv …"
        (["--rejects", "{d}"], "is a folder, not a file"),
    ],
)
def test_unusable_outputs_exit_2_and_input_untouched(tmp_path: Path, args: list[str], words: str) -> None:
    src = tmp_path / "h.csv"
    src.write_bytes(VI.read_bytes())
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    filled = [a.format(d=tmp_path, input=src) for a in args]
    result = _invoke("classify", src, *filled, "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.csv"]


def test_symlink_to_the_input_is_the_input(tmp_path: Path) -> None:
    src = tmp_path / "h.csv"
    src.write_bytes(VI.read_bytes())
    (tmp_path / "link.csv").symlink_to(src)
    result = _invoke("classify", src, "-o", tmp_path / "link.csv", "--as-of", AS_OF)
    assert result.exit_code == 2


def test_a_streamed_csv_puts_each_part_on_disk_then_drops_it_from_the_page_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """data/append.py ``AtomicCsv``: each part written is synced (``fdatasync``, on the file's syncing thread)
    and then the synced bytes' pages are dropped from the page cache (``posix_fadvise`` DONTNEED), so the next
    part reuses them; the file appears, whole, only at the commit."""
    if not hasattr(os, "posix_fadvise"):
        pytest.skip("no posix_fadvise on this system")
    calls: list[str] = []
    synced, advised = os.fdatasync, os.posix_fadvise

    def sync(fd: int) -> None:
        on_its_thread = threading.current_thread().name.startswith("poverty-rules-sync")
        calls.append("sync" if on_its_thread else "sync on the writing thread")
        synced(fd)

    monkeypatch.setattr(os, "fdatasync", sync)
    monkeypatch.setattr(
        os,
        "posix_fadvise",
        lambda fd, at, size, how: (calls.append(f"drop {at} {size} {how}"), advised(fd, at, size, how))[1],
    )
    out = tmp_path / "out.csv"
    part = pa.table({"household_id": ["a", "b"], "n": [1, 2]})
    writer = AtomicCsv(out)
    writer.write(part)
    writer.write(part)
    assert not out.exists()
    writer.commit()
    first, both = len('"household_id","n"\n"a",1\n"b",2\n'), len('"household_id","n"\n"a",1\n"b",2\n"a",1\n"b",2\n')
    how = os.POSIX_FADV_DONTNEED
    assert calls == ["sync", f"drop 0 {first} {how}", "sync", f"drop 0 {both} {how}"]  # each part's bytes synced
    assert out.read_text(encoding="utf-8") == '"household_id","n"\n"a",1\n"b",2\n"a",1\n"b",2\n'


def test_a_part_the_disk_refuses_stops_the_next_part_and_an_abort_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """data/append.py ``AtomicCsv``: a part's sync, done on the file's syncing thread, fails (a full disk): the
    writing thread learns it when it writes the next part, and the abort the run then makes waits for the syncing
    thread and leaves neither the output nor its temporary file."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", full, raising=False)
    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out.csv"
    part = pa.table({"household_id": ["a", "b"], "n": [1, 2]})
    writer = AtomicCsv(out)
    writer.write(part)  # its sync fails on the syncing thread, after this call returned
    with pytest.raises(OSError, match="No space left"):
        writer.write(part)
    writer.abort()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("lang", "said"), [("vi", "đĩa đã hết chỗ trống"), ("en", "no space left on device")])
def test_a_part_the_disk_cannot_hold_stops_the_run_naming_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    """A full disk met while a part is put on disk (``fdatasync``, on the output's syncing thread, where a
    file system that allocates late says it) stops ``classify`` with one line naming the output, exit 2;
    the earlier output stays as it was and no temporary file is left."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", full, raising=False)  # none on Windows and macOS: os.fsync's stand-in there
    src = tmp_path / "h.csv"
    src.write_bytes(VI.read_bytes())
    out = tmp_path / "out.csv"
    out.write_text("the previous output\n", encoding="utf-8")
    result = _invoke("classify", src, "-o", out, "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 2, result.output
    assert "out.csv" in result.output and said in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "the previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.csv", "out.csv"]


def test_a_streamed_csv_part_in_two_halves_is_the_same_bytes(tmp_path: Path) -> None:
    """data/append.py ``AtomicCsv.write(halves=True)`` (the last parts of a stream, encoded on two
    threads) writes exactly the bytes of the part written whole, header and BOM once."""
    rows = 40_000  # above the size from which a part is split
    part = pa.table({"household_id": [f"H{i:06d}" for i in range(rows)], "n": list(range(rows))})
    paths = []
    for name, halves in (("whole.csv", False), ("halves.csv", True)):
        writer = AtomicCsv(tmp_path / name, bom=True)
        writer.write(part.slice(0, 1000), halves=halves)
        writer.write(part, halves=halves)
        writer.commit()
        paths.append(tmp_path / name)
    whole, halves_bytes = (p.read_bytes() for p in paths)
    assert whole == halves_bytes
    assert whole.count(b"household_id") == 1 and whole.startswith(b"\xef\xbb\xbf")
    assert whole.count(b"\n") == rows + 1000 + 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "m.csv: tệp kết quả trùng với tệp thành viên; hãy chọn tên khác"),
        ("en", "m.csv: the output file would be the same file as the members file; choose another name"),
    ],
)
def test_an_output_naming_another_file_says_which_file_in_words(tmp_path: Path, lang: str, said: str) -> None:
    """The refusal names the other file as a file: it said "tệp kết quả trùng với thành viên" (the output
    is the same as "member") and "the same file as the members"."""
    src = tmp_path / "h.csv"
    src.write_bytes(VI.read_bytes())
    members = tmp_path / "m.csv"
    members.write_text("household_id,member_id\nHC-01-0033,1\n", encoding="utf-8")
    result = _invoke("classify", src, "--members", members, "-o", members, "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output


@pytest.mark.parametrize("command", ["classify", "review"])
@pytest.mark.parametrize(("lang", "said"), [("vi", "tệp vượt quá kích thước"), ("en", "larger than the system allows")])
def test_a_spreadsheet_or_rejects_file_the_system_stops_writing_is_named_and_leaves_the_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, lang: str, said: str
) -> None:
    """The system refusing a whole-file output (``-o ket_qua.xlsx`` under ``ulimit -f``, a full disk)
    stopped classify with 'unexpected failure (OSError: [Errno 27] File too large) … report it', after
    the classified file was already put in place (exit 2 yet a new output beside the old rejects); review
    blamed the output for its rejects file. Now the file that failed is named in the user's words, and
    classify's earlier output stays as it was, with no temporary file beside it."""
    import errno

    from poverty_rules.data import write
    from poverty_rules.vocabulary import words as W

    rejects_sheets = set(W.SHEET["rejects"].values())
    real = write._write_xlsx

    def too_large(table: pa.Table, fh: object, text_columns: object, sheet: str) -> int:
        if sheet in rejects_sheets:
            raise OSError(errno.EFBIG, "File too large")
        return real(table, fh, text_columns, sheet)  # type: ignore[arg-type]

    monkeypatch.setattr(write, "_write_xlsx", too_large)
    src = tmp_path / "ho.csv"
    src.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,mars,1000000\n", encoding="utf-8")
    out = tmp_path / "ket_qua.xlsx"
    out.write_bytes(b"earlier")
    rejects = tmp_path / "ket_qua.rejects.xlsx"  # named after the output
    args = ["--as-of", AS_OF] if command == "classify" else ["--date", AS_OF, "--db", tmp_path / "h.db"]
    result = _invoke(command, src, "-o", out, *args, "--lang", lang, "-q")
    assert result.exit_code == 2, result.output
    assert f"{rejects}: " in result.output and said in result.output, result.output
    assert "OSError" not in result.output and f"{out}: " not in result.output
    assert out.read_bytes() == b"earlier"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("lang", "said"), [("vi", "1 ô dài hơn 32.767 ký tự"), ("en", "1 cell longer than 32,767")])
def test_a_cell_cut_to_excels_limit_is_said(tmp_path: Path, lang: str, said: str) -> None:
    """A cell over Excel's 32,767 characters (a 1 MB note pasted from a report) was cut short in the .xlsx
    output without a word, the rest of its text lost; a note now names the file and counts such cells, and
    the CSV output, which keeps them whole, says nothing."""
    src = tmp_path / "ho.csv"
    src.write_text(
        "household_id,area,income_per_capita,note\nH1,rural,1500000," + "y" * 40_000 + "\nH2,urban,1,x\n",
        encoding="utf-8",
    )
    out = tmp_path / "ket_qua.xlsx"
    result = _invoke("classify", src, "-o", out, "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"{out}: {said}" in " ".join(result.output.split()), result.output
    whole = _invoke("classify", src, "-o", tmp_path / "ket_qua.csv", "--as-of", AS_OF, "--lang", lang)
    assert whole.exit_code == 0 and said not in whole.output


def test_xlsx_output_columns_are_as_wide_as_their_words(tmp_path: Path) -> None:
    """An .xlsx output (classify, review, ``eligible -o list.xlsx``, ``history show -o``) had every column
    at Excel's default width: "Hộ có mức sống trung bình" and the programme's name were cut off by the next
    cell. Each column is now as wide as its header and first cells need (8 to 50 characters)."""
    table = pa.table(
        {
            "Thôn": ["Bản Ẳng", "Thôn Đoài"],
            "Phân loại": ["Hộ có mức sống trung bình", "Hộ nghèo"],
            "Chương trình": ["Hỗ trợ của Chương trình MTQG giảm nghèo bền vững cho hộ mới thoát nghèo"] * 2,
            "n": [1, 2],
        }
    )
    write_table(table, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    widths = [sheet.column_dimensions[c].width for c in "ABCD"]
    assert widths[0] >= len("Thôn Đoài") and widths[1] >= len("Hộ có mức sống trung bình")
    assert widths[2] == 50 and widths[3] == 8
    assert [c.value for c in sheet[1]] == table.column_names and sheet["B2"].value == "Hộ có mức sống trung bình"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])  # the streamed run, and the whole one
def test_a_clean_run_again_removes_the_earlier_rejects_file_and_says_so(tmp_path: Path, suffix: str) -> None:
    """A run that rejected a row, corrected and run again with no reject: the first run's rejects file stayed
    beside the new output, listing a row now classified; it is now removed as the output is put in place,
    and a note says so (a run that stops leaves it, as it leaves the output)."""
    households, out, rejects = tmp_path / "ho.csv", tmp_path / f"out{suffix}", tmp_path / f"bad{suffix}"
    households.write_text("household_id,area,income_per_capita\nA,rural,1000000\nB,mars,2000000\n", encoding="utf-8")
    args = ["classify", households, "-o", out, "--rejects", rejects, "--as-of", AS_OF, "--lang", "en"]
    assert _invoke(*args).exit_code == 1 and rejects.exists()
    households.write_text("household_id,area,income_per_capita\nA,rural,1000000\nB,urban,2000000\n", encoding="utf-8")
    again = _invoke(*args)
    assert again.exit_code == 0, again.output
    assert not rejects.exists()
    assert "no row is rejected this time; the earlier run's rejects file was removed" in again.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["ho.csv", out.name])


@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "2 ô có ký tự điều khiển"), ("en", "2 cells held control characters")]
)
def test_control_characters_replaced_in_a_workbook_are_counted(tmp_path: Path, lang: str, said: str) -> None:
    """An .xlsx output wrote a cell's control characters (a BEL or form feed pasted from another program) as
    U+FFFD without a word; a note now counts such cells, beside the one of cells cut, and a CSV says none."""
    src = tmp_path / "ho.csv"
    src.write_text(
        "household_id,area,income_per_capita,note\nH1,rural,1500000,a\x07b\nH2,urban,1,c\x0cd\nH3,urban,1,ok\n",
        encoding="utf-8",
    )
    out = tmp_path / "ket_qua.xlsx"
    result = _invoke("classify", src, "-o", out, "--as-of", AS_OF, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert f"{out}: {said}" in " ".join(result.output.split()), result.output
    sheet = openpyxl.load_workbook(out).active
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["a\ufffdb", "c\ufffdd", "ok"]
    csv = _invoke("classify", src, "-o", tmp_path / "ket_qua.csv", "--as-of", AS_OF, "--lang", lang)
    assert csv.exit_code == 0 and said not in csv.output


def test_an_output_named_without_extension_asks_for_one(tmp_path: Path) -> None:
    """``-o ket_qua`` (the officer's name without .csv) was refused as "cannot write a '' file; use one of:
    .csv, .xlsx, .parquet", an empty pair of quotes as the format. It says the name has no extension and
    gives one to add, in vi and en; nothing is written."""
    src = tmp_path / "h.csv"
    src.write_bytes(VI.read_bytes())
    out = str(tmp_path / "ket_qua")
    en = _invoke("classify", src, "-o", out, "--as-of", AS_OF, "--lang", "en")
    assert en.exit_code == 2, en.output
    said = " ".join(en.output.split())
    assert "the name has no extension to tell the file's format; add one of: .csv, .xlsx, .parquet" in said, said
    assert "(e.g. ket_qua.csv)" in said and "''" not in said
    vi = _invoke("classify", src, "--rejects", out, "--as-of", AS_OF)
    assert vi.exit_code == 2 and "tên tệp không có phần đuôi cho biết định dạng" in " ".join(vi.output.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.csv"]


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # streamed, and whole (a workbook)
def test_the_unfinished_files_a_killed_classify_left_are_removed_by_the_next_run(tmp_path: Path, output: str) -> None:
    """A classify killed (power lost) while it wrote left its hidden temporary files beside the output and the
    rejects (.out.csv.k2j3_x9a.tmp: GB for a province), and no later classify removed them or said a word, as a
    review does: a folder filled up crash after crash. The next classify removes those older than an hour, says
    so, and names (keeps) a younger one, which another run may be writing, in --lang."""
    import time

    rejects = output.replace("out.", "out.rejects.")
    old, young = tmp_path / f".{output}.k2j3_x9a.tmp", tmp_path / f".{rejects}.abcd1234.tmp"
    for lang, said_old, said_young in (
        ("vi", "đã xóa các tệp dở mà một lần chạy bị cắt ngang", "của một lần chạy khác đang ghi"),
        ("en", "removed the unfinished files a run cut off", "of another run writing now"),
    ):
        old.write_bytes(b"half a file")
        young.write_bytes(b"being written")
        os.utime(old, (time.time() - 7200, time.time() - 7200))
        done = _invoke("classify", VI, "-o", tmp_path / output, "--as-of", AS_OF, "--lang", lang)
        text = done.output.replace("\n", "")
        assert done.exit_code == 0, done.output
        assert said_old in text and str(old) in text and said_young in text and str(young) in text, done.output
        assert not old.exists() and young.exists()
    quiet = _invoke("classify", VI, "-o", tmp_path / output, "--as-of", AS_OF, "-q")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_the_temporary_folders_a_killed_dask_run_left_are_removed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``classify --dask`` killed while it wrote (power lost, the process killed) left its hidden temporary
    folders of Parquet parts beside the outputs (.out.parquet.k2j3_x9a/, GB for a nation's households), and no
    later run removed them or said a word. They are named as every temporary output is now, and the next run
    (on Dask too) removes those older than an hour and says so, names (keeps) a younger one, and never removes
    a folder holding anything but Parquet files."""
    import time
    from types import SimpleNamespace

    from poverty_rules.data.output_set import leftovers
    from poverty_rules.pipeline import dask

    out = tmp_path / "out.parquet"
    old, young = dask.temporary_folder(out), dask.temporary_folder(tmp_path / "out.rejects.parquet")
    other = tmp_path / ".out.parquet.notes_00.tmp"
    other.mkdir()
    for folder in (old, young, other):
        pq.write_table(pa.table({"household_id": ["H1"]}), folder / "part.0.parquet")
    (other / "ghi_chu.txt").write_text("an officer's note", encoding="utf-8")
    hour_ago = time.time() - 7200
    for path in (old, old / "part.0.parquet", other, other / "part.0.parquet", other / "ghi_chu.txt"):
        os.utime(path, (hour_ago, hour_ago))
    assert leftovers(out, now=time.time() - 3 * 3600) == ([], [old])  # three hours ago it was being written

    def _on_dask(*args: object) -> SimpleNamespace:  # the cluster's work, done: the run's own files are not here
        return SimpleNamespace(counts={"poor": 1}, notes=[], rejected=0)

    monkeypatch.setattr(dask, "classify_on_dask", _on_dask)
    args = ["classify", VI, "-o", out, "--as-of", AS_OF, "--dask", "local", "--lang", "en"]
    done = _invoke(*args)
    text = done.output.replace("\n", "")
    assert done.exit_code == 0, done.output
    assert "removed the unfinished files a run cut off" in text and str(old) in text, done.output
    assert "of another run writing now" in text and str(young) in text and str(other) not in text, done.output
    assert not old.exists() and young.exists() and (other / "ghi_chu.txt").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_output_inside_a_file_names_the_file_not_a_missing_folder(tmp_path: Path, lang: str) -> None:
    """``-o ho.csv/ket_qua.csv`` (the household file taken for a folder) was refused with 'the folder ho.csv
    does not exist; create it', of a file that is there and cannot be made a folder — by classify, review
    (its outputs and --db), eligible, history show and report. It now says ho.csv is a file, not a folder, in
    --lang, exit 2, nothing written; a folder that is missing is still said so."""
    households = tmp_path / "ho.csv"
    households.write_bytes(VI.read_bytes())
    said = "đây là một tệp, không phải thư mục" if lang == "vi" else "is a file, not a folder"
    inside = households / "a" / "ket_qua.csv"
    for args in (
        ["classify", households, "-o", inside, "--as-of", AS_OF],
        ["review", households, "--date", AS_OF, "--db", households / "h.db"],
        ["review", households, "--date", AS_OF, "--db", tmp_path / "h.db", "-o", inside],
    ):
        done = _invoke(*args, "--lang", lang)
        assert done.exit_code == 2, (args, done.output)
        assert f"{households}: {said}" in done.output and str(households / "a") not in done.output, done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.csv"]
    missing = _invoke("classify", households, "-o", tmp_path / "ra" / "kq.csv", "--as-of", AS_OF, "--lang", "en")
    assert missing.exit_code == 2 and "the folder" in missing.output and "does not exist" in missing.output


def _leftover_pair(output: Path) -> tuple[Path, Path]:
    """An old (two hours) and a young hidden temporary file of ``output``, as a killed run leaves them."""
    import time

    old, young = (output.with_name(f".{output.name}.{tag}.tmp") for tag in ("k2j3_x9a", "abcd1234"))
    old.write_bytes(b"half a file")
    young.write_bytes(b"being written")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    return old, young


def _reviewed(tmp_path: Path) -> Path:
    """The history of a review of a few households (its reviewed file beside it)."""
    households = tmp_path / "ho.csv"
    households.write_bytes(b"".join(VI.read_bytes().splitlines(keepends=True)[:6]))
    db = tmp_path / "h.db"
    assert _invoke("review", households, "--date", AS_OF, "--db", db, "-q").exit_code == 0
    return db


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_unfinished_files_a_killed_report_left_are_removed_by_the_next_one(tmp_path: Path, kind: str) -> None:
    """A report killed while it wrote (power lost) left its hidden temporary file beside it
    (.bao_cao.xlsx.k2j3_x9a.tmp, tens of MB for a province's workbook; any file of a CSV export's folder), and
    no later run removed it or said a word, as classify and review do. The next report removes those older
    than an hour beside its files and says so, in --lang, and names a younger one."""
    _reviewed(tmp_path)
    output = tmp_path / "bao_cao.xlsx" if kind == "xlsx" else tmp_path / "bao_cao" / "r1.csv"
    output.parent.mkdir(exist_ok=True)
    old, young = _leftover_pair(output)
    target = output if kind == "xlsx" else output.parent
    done = _invoke("report", tmp_path / "ho.reviewed.csv", "-o", target, "--format", kind, "--lang", "vi")
    text = done.output.replace("\n", "")
    assert done.exit_code == 0, done.output
    assert "đã xóa các tệp dở mà một lần chạy bị cắt ngang" in text and str(old) in text, done.output
    assert "của một lần chạy khác đang ghi" in text and str(young) in text, done.output
    assert not old.exists() and young.exists()


@pytest.mark.parametrize("command", ["eligible", "history show"])
def test_the_unfinished_file_a_killed_list_left_is_removed_by_the_next_one(tmp_path: Path, command: str) -> None:
    """``eligible -o`` and ``history show -o`` killed while they wrote left their hidden temporary file beside
    the list, and no later run removed it or said a word: the next one removes it once an hour old and says
    so, in --lang, and names a younger one."""
    db = _reviewed(tmp_path)
    output = tmp_path / "ds.xlsx"
    old, young = _leftover_pair(output)
    args = ["eligible", "--as-of", "2025-12-31"] if command == "eligible" else ["history", "show", "1"]
    done = _invoke(*args, "--db", db, "-o", output, "--lang", "en")
    text = done.output.replace("\n", "")
    assert done.exit_code == 0, done.output
    assert "removed the unfinished files a run cut off" in text and str(old) in text, done.output
    assert "of another run writing now" in text and str(young) in text, done.output
    assert not old.exists() and young.exists()


def test_an_amount_typed_with_one_thousands_dot_stays_that_amount_in_a_workbook(tmp_path: Path) -> None:
    """An income typed ``800.000`` (800,000 đồng, as every reader here takes it) was written to a classify's ``.xlsx``
    as the number 800 (shown ``800,000`` by a Vietnamese Excel: eight hundred), and the workbook classified again
    read 800 đồng. It stays the text typed, read back as the same amount; ``1.500.000``, ``120`` and ``7.5`` as
    before (text, numbers)."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "Mã hộ,Khu vực,Thu nhập bình quân,Điểm A,Diện tích\nH1,nông thôn,800.000,120,7.5\nH2,nông thôn,1.500.000,,12\n",
        encoding="utf-8",
    )
    out = tmp_path / "kq.xlsx"
    result = CliRunner().invoke(main, ["classify", str(households), "-o", str(out), "--as-of", "2025-12-01", "-q"])
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2, max_col=5, values_only=True))
    assert [r[2:5] for r in rows] == [("800.000", 120, 7.5), ("1.500.000", None, 12)], rows
    again = tmp_path / "again.csv"
    result = CliRunner().invoke(main, ["classify", str(out), "-o", str(again), "--as-of", "2025-12-01", "-q"])
    assert result.exit_code == 0, result.output
    assert again.read_text(encoding="utf-8-sig").splitlines()[1].startswith('"H1","nông thôn","800.000"')
