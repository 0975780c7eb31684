"""Generate the bad-input corpus (issue #10 item 6): broken and hostile household files, members files
and rulesets, each small. tests/test_bad_inputs.py generates it in a temporary folder and runs every
case through ``classify``; ``python tests/bad_inputs/generate.py DIR`` writes it to DIR to look at.

The manifest gives, per case, the arguments after the input, the exit codes the contract allows,
and the number of household rows in the file (``rows``; null when the file is unusable), so the test
checks rows in = rows classified + rows rejected.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import shutil
import struct
import zipfile
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).parent
OUT = HERE / "files"
H = "household_id,area,income_per_capita,deprived_employment,deprived_health_insurance"
GOOD = ["H1,rural,1500000,1,0", "H2,urban,2500000,0,0", "H3,nông thôn,900000,có,không"]
CASES: dict[str, dict] = {}


def text(name: str, body: str, rows: int | None, exit: tuple[int, ...] = (0, 1), enc: str = "utf-8", args=(), says=()):
    (OUT / name).write_bytes(body.encode(enc, "replace") if isinstance(body, str) else body)
    CASES[name] = {"args": list(args), "exit": list(exit), "rows": rows, "says": list(says)}


def raw(name: str, data: bytes, rows: int | None, exit: tuple[int, ...] = (2,), args=(), says=()):
    (OUT / name).write_bytes(data)
    CASES[name] = {"args": list(args), "exit": list(exit), "rows": rows, "says": list(says)}


def _zipped(parts: dict[str, str]) -> bytes:
    """A ZIP file holding ``parts`` (name: text), stored in that order."""
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        for part, text in parts.items():
            archive.writestr(part, text)
    return sink.getvalue()


def csv(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def main(out: Path = OUT) -> dict[str, dict]:
    global OUT
    OUT = out
    CASES.clear()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    ok = csv(H, *GOOD)
    # encodings
    text("utf8.csv", ok, 3)
    text("utf8_bom.csv", "\ufeff" + ok, 3)
    raw("utf16_bom.csv", ok.encode("utf-16"), 3, (0, 1))
    raw("utf16le_nobom.txt", ok.replace(",", "\t").encode("utf-16-le"), 3, (0, 1))
    raw("utf16be_bom.txt", codecs.BOM_UTF16_BE + ok.encode("utf-16-be"), 3, (0, 1))
    text("cp1258.csv", ok.replace("nông thôn", "nong thon") + "H4,thành thị,1,0,0\n", 4, enc="cp1258")
    raw("latin1.csv", ok.encode("latin-1", "replace"), 3, (0, 1))
    raw(
        "forced_utf8_on_latin1.csv",
        "H\xe9,x\n".encode("latin-1") + ok.encode(),
        None,
        (2,),
        args=["--encoding", "utf-8"],
    )
    raw("bad_encoding_name.csv", ok.encode(), None, (2,), args=["--encoding", "ebcdic"])
    # a UTF-8 file (nông thôn, có, không) with one row of bad bytes: read as UTF-8, that row and column named
    raw(
        "mixed_utf8_garbage.csv",
        ok.encode() + b"H9,rural,\xff\xfe\xfa,1,1\n",
        4,
        says=("dòng 5, cột income_per_capita",),
    )
    # separators and quoting
    text("semicolon.csv", ok.replace(",", ";"), 3)
    text("tab.tsv", ok.replace(",", "\t"), 3)
    text("quoted_newline.csv", csv(H, '"H1\nX",rural,1,1,0', *GOOD[1:]), 3)
    text("unclosed_quote.csv", csv(H, '"H1,rural,1,1,0', *GOOD[1:]), None, (0, 1, 2))
    text("crlf.csv", ok.replace("\n", "\r\n"), 3)
    text("cr_only.csv", ok.replace("\n", "\r"), 3, (0, 1, 2))
    text("stray_quotes.csv", csv(H, 'H1,ru"ral,1,1,0', *GOOD[1:]), 3)
    # ragged and empty rows
    text("ragged_short.csv", csv(H, "H1,rural", *GOOD[1:]), 3, (1,))
    text("ragged_long.csv", csv(H, "H1,rural,1,1,0,extra,more", *GOOD[1:]), 3, (1,))
    text("blank_lines.csv", csv(H, "", GOOD[0], "", "", GOOD[1], ",,,,", GOOD[2]), 3)
    text("only_header.csv", csv(H), None, (2,), says=["only_header.csv: tệp chỉ có dòng tiêu đề"])  # k1: refused
    text("empty.csv", "", None, (2,))
    text("only_newlines.csv", "\n\n\n", None, (2,))
    text("whitespace_header.csv", csv("  ,  , ", "a,b,c"), None, (2,))
    # headers
    text(
        "title_rows.csv",
        csv("DANH SÁCH HỘ", "Xã Hưng Chính,,", "", "Mã hộ,Khu vực,Thu nhập bình quân", "H1,nông thôn,1", "H2,x,2"),
        2,
        (1,),
    )
    text("dup_header.csv", csv("household_id,area,area,income_per_capita", "H1,rural,rural,1"), None, (2,))
    text("dup_alias.csv", csv("household_id,Mã hộ,area,income_per_capita", "H1,H1,rural,1"), None, (2,))
    text("missing_area.csv", csv("household_id,income_per_capita", "H1,1"), None, (2,))
    text("missing_id.csv", csv("area,income_per_capita", "rural,1"), None, (2,))
    text("markup_header.csv", csv(H + ",[/x] [bold]y[/bold]", *(g + ",[red]" for g in GOOD)), 3)
    text("huge_header_cell.csv", csv("household_id," + "x" * 200_000, "H1,1"), None, (2,))
    text("many_columns.csv", csv(",".join(f"c{i}" for i in range(12_000)), "1"), None, (2,))
    text("empty_header_cells.csv", csv("household_id,,area,,income_per_capita", "H1,a,rural,b,1"), 1, (0, 1))
    text(
        "unicode_nfd_header.csv",
        csv("Ma\u0303 h\u00f4\u0323,Khu vư\u0323c,Thu nhâ\u0323p bi\u0300nh quân", "H1,nông thôn,1"),
        1,
        (0, 1),
    )
    # ids, numbers, words
    text("dup_ids.csv", csv(H, GOOD[0], GOOD[0], GOOD[1]), 3, (1,))
    text("empty_ids.csv", csv(H, ",rural,1,1,0", *GOOD), 4, (1,))
    text(
        "numbers_odd.csv",
        csv(H, "H1,rural,1.5e6,1,0", "H2,rural,NaN,1,0", "H3,rural,inf,0,0", "H4,rural,1.500,0,0", "H5,rural,-0,0,0"),
        5,
        (1,),
    )
    text(
        "numbers_words.csv",
        csv(H, "H1,rural,một triệu,1,0", "H2,rural,1 500 000 đ,1,0", "H3,rural,1.500.000đồng,0,0"),
        3,
        (0, 1),
    )
    text("negative.csv", csv(H, "H1,rural,-5,1,0", *GOOD[1:]), 3, (1,))
    text("bad_flags.csv", csv(H, "H1,rural,1,maybe,2", "H2,rural,1,X,x", "H3,rural,1,TRUE,False"), 3, (0, 1))
    text("bad_area.csv", csv(H, "H1,mars,1,1,0", "H2,,1,1,0", "H3,ĐÔ THỊ,1,1,0"), 3, (1,))
    text(
        "formula_cells.csv",
        csv(H, "=cmd|' /C calc'!A0,rural,1,1,0", "+H2,urban,=1+1,0,0", "@H3,rural,-1,0,0"),
        3,
        (0, 1),
    )
    text("control_chars.csv", csv(H, "H\x01,rural,1,1,0", "H\x7f2,rural,1,0,0"), 2, (0, 1))
    text("very_long_cell.csv", csv(H + ",note", *(g + "," + "y" * 50_000 for g in GOOD)), 3)
    text("nul_bytes.csv", ok.replace("H2", "H\x002"), None, (2,))
    text("all_flags_blank.csv", csv(H, "H1,rural,1,,", "H2,urban,5000000,,"), 2)
    text("thousands.csv", csv(H, *(f"H{i},rural,{1000 + i * 100},1,1" for i in range(8))), 8)
    text(
        "bad_dates.csv",
        csv(H + ",previous_status,escaped_on", "H1,rural,1,1,0,nghèo,31/02/2024", "H2,rural,1,1,0,?,2024-12-20"),
        2,
        (1,),
    )
    text(
        "score_disagree.csv",
        csv(
            "household_id,area,income_per_capita,score_a",
            *(f"H{i},rural,{5_000_000 - i * 200_000},{50 + i * 10}" for i in range(22)),
        ),
        22,
    )
    # what an officer's machine makes of a file (session 11): an export cut short, pasted twice, saved oddly
    raw("bom_only.csv", codecs.BOM_UTF8, None, says=["bom_only.csv: không tìm thấy dòng tiêu đề"])
    # a document given as the list (session 23): it was read as a CSV, 'missing column household_id'
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\xff\x9c\x00\nendstream\nendobj\n"
    raw("printed_list.pdf", pdf, None, says=["printed_list.pdf: là một tệp PDF", "tệp Excel hoặc CSV gốc"])
    raw("word_text.csv", b"{\\rtf1\\ansi Danh s\\'e1ch h\\'f4}", None, says=["word_text.csv: là một văn bản RTF"])
    text("export.json", '[{"household_id": "H1", "area": "rural"}]', None, (2,), says=["export.json: là một tệp JSON"])
    # a Word text or a slide show given as the list (session 24): "damaged, or not really a workbook"
    raw(
        "danh_sach.docx",
        _zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        None,
        says=["danh_sach.docx: là một văn bản Word (.docx)", "tệp Excel hoặc CSV gốc"],
    )
    raw(
        "danh_sach.xlsx",
        _zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        None,
        says=["danh_sach.xlsx: là một văn bản Word (.docx)"],
    )
    raw(
        "bao_cao.pptx",
        _zipped({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}),
        None,
        says=["bao_cao.pptx: là một bản trình chiếu PowerPoint"],
    )
    raw(
        "danh_sach.odt",
        _zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<o/>"}),
        None,
        says=["danh_sach.odt: là một văn bản OpenDocument (.odt)"],
    )
    raw("bom_crlf_only.csv", codecs.BOM_UTF8 + b"\r\n", None, says=["không tìm thấy dòng tiêu đề"])
    text("header_no_newline.csv", H, None, (2,), says=["không có dòng hộ nào để phân loại"])
    text("mixed_crlf_lf.csv", H + "\r\n" + GOOD[0] + "\n" + GOOD[1] + "\r\n" + GOOD[2] + "\n", 3, (0,))
    text(
        "semicolon_decimal_comma.csv",
        csv(
            "household_id;area;income_per_capita;score_a;deprived_employment",
            "H1;rural;1500000,5;120,5;1",
            "H2;urban;2.500.000,0;;0",
            "H3;rural;900000;;1",
        ),
        3,
        (0,),
    )
    text("line_of_1mb.csv", csv(H + ",note", GOOD[0] + "," + "y" * 1_000_000, GOOD[1] + ",", GOOD[2] + ","), 3, (0,))
    text(  # a second export pasted below the first: its header row is a rejected row, its households repeats
        "header_pasted_again.csv",
        csv(H, *GOOD, H, "H4,rural,1000000,1,1", GOOD[0]),
        6,
        (1,),
    )
    raw("csv_named.xlsx", csv(H, *GOOD).encode(), 3, (0,))  # the format is the bytes', not the name's
    raw(  # a village's sheet asked of the CSV export of them all: refused, never the whole file instead
        "sheet_of_a_csv.csv",
        csv(H, *GOOD).encode(),
        None,
        args=["--sheet", "Thôn Đông"],
        says=["sheet_of_a_csv.csv: không có trang tính 'Thôn Đông': tệp này không phải bảng tính"],
    )
    raw("binary.csv", bytes(range(256)) * 4, None)
    raw("png_named_csv.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, None)
    raw("truncated.xlsx", b"PK\x03\x04" + b"\x00" * 40, None)
    raw("fake.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, None)
    # h1 (session 24): a Word 97-2003 text (a table typed in Word), under its name or renamed .xls, was "a damaged
    # workbook"; it is named as the .docx is. An .xlsx with a password to open (an OLE file holding EncryptedPackage)
    # is said to have one.
    word97 = _compound_file({"WordDocument": b"\xec\xa5\xc1\x00" + b"\x00" * 600})
    raw("word97.doc", word97, None, says=["word97.doc: là một văn bản Word 97-2003 (.doc)", "tệp Excel hoặc CSV gốc"])
    raw("word97_named.xls", word97, None, says=["word97_named.xls: là một văn bản Word 97-2003 (.doc)"])
    slides97 = _compound_file({"PowerPoint Document": b"\x00" * 600})
    raw("slides97.ppt", slides97, None, says=["slides97.ppt: là một bản trình chiếu PowerPoint 97-2003 (.ppt)"])
    encrypted = _compound_file(
        {"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 200, "EncryptedPackage": b"\x10" * 5000}
    )
    raw("password.xlsx", encrypted, None, says=["password.xlsx: bảng tính có mật khẩu"])
    raw("bad.parquet", b"PAR1" + b"\x00" * 30 + b"PAR1", None)
    raw("bad.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 10, None)
    raw("good.csv.gz", gzip.compress(ok.encode()), 3, (0, 1))
    buf = io.BytesIO()
    pq.write_table(
        pa.table({"household_id": ["H1", "H2"], "area": ["rural", "urban"], "income_per_capita": [1.5e6, None]}), buf
    )
    raw("good.parquet", buf.getvalue(), 2, (0, 1))
    raw("sheet_of_a_parquet.parquet", buf.getvalue(), None, args=["--sheet", "2"], says=["không có trang tính '2'"])
    buf = io.BytesIO()
    pq.write_table(pa.table({"household_id": [1, 2], "area": ["rural", "urban"], "income_per_capita": ["x", "1"]}), buf)
    raw("typed.parquet", buf.getvalue(), 2, (1,))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Biểu danh sách"])
    ws.append(["Mã hộ", "Khu vực", "Thu nhập bình quân", "Việc làm"])
    ws.append(["H1", "nông thôn", 1500000, "x"])
    ws.append([None, None, None, None])
    ws.append(["H2", "thành thị", "=1+1", None])
    ws.append(["H3", "nông thôn", -1, "có"])
    wb.create_sheet("Trống")
    b = io.BytesIO()
    wb.save(b)
    raw("title.xlsx", b.getvalue(), 3, (1,))
    raw(
        "workbook_cut_in_half.xlsx",
        b.getvalue()[: len(b.getvalue()) // 2],
        None,
        says=["workbook_cut_in_half.xlsx: không đọc được bảng tính: tệp bị hỏng, chưa lưu xong"],
    )
    twice = openpyxl.Workbook()
    for sheet, rows_in in ((twice.active, GOOD[:2]), (twice.create_sheet("Thôn 2"), GOOD)):
        sheet.append(H.split(","))
        for row in rows_in:
            sheet.append(row.split(","))
    b = io.BytesIO()
    twice.save(b)
    raw(  # one sheet is read: two household lists are refused, never the second one's households left out
        "same_households_in_two_sheets.xlsx",
        b.getvalue(),
        None,
        says=["2 trang tính đều là danh sách hộ ('Sheet', 'Thôn 2')", "--sheet 'Sheet'"],
    )
    raw("same_households_second_sheet.xlsx", b.getvalue(), 3, (0, 1), args=["--sheet", "2"])
    raw("wrong_sheet.xlsx", b.getvalue(), None, (2,), args=["--sheet", "Không có"])
    raw("empty_sheet.xlsx", b.getvalue(), None, (2,), args=["--sheet", "Trống"])
    # compressed otherwise than with gzip (session 12, h2): named, with what a ZIP archive holds
    raw(
        "ho.csv.bz2",
        bz2.compress(ok.encode()),
        None,
        says=["ho.csv.bz2: tệp nén bzip2, chương trình không tự giải nén loại này (chỉ đọc tệp nén gzip, .csv.gz)"],
    )
    raw("ho.csv.xz", lzma.compress(ok.encode()), None, says=["ho.csv.xz: tệp nén xz"])
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("ho.csv", ok)
    raw(
        "ho.zip",
        zipped.getvalue(),
        None,
        says=["ho.zip: tệp nén ZIP chứa ho.csv, không phải bảng tính Excel hay ODS: hãy giải nén rồi đưa tệp"],
    )
    raw("csv_zipped_named.xlsx", zipped.getvalue(), None, says=["csv_zipped_named.xlsx: tệp nén ZIP chứa ho.csv"])
    # outputs that would destroy data
    text("rejects_is_input.csv", ok, None, (2,), args=["--rejects", "{input}"])
    text("output_is_input.csv", ok, None, (2,), args=["-o", "{input}"])
    text("output_is_rejects.csv", ok, None, (2,), args=["-o", "{tmp}/same.csv", "--rejects", "{tmp}/same.csv"])
    text("output_unknown_ext.csv", ok, None, (2,), args=["-o", "{tmp}/out.json"])
    text("output_missing_folder.csv", ok, None, (2,), args=["-o", "{tmp}/nowhere/out.csv"])
    text("output_is_folder.csv", ok, None, (2,), args=["-o", "{tmp}"])
    text("members_is_output.csv", ok, None, (2,), args=["--members", "{tmp}/m.csv", "-o", "{tmp}/m.csv"])
    # rulesets
    rs = OUT
    (rs / "alias_bomb.yaml").write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(15))
        + "id: bomb\n",
        encoding="utf-8",
    )
    (rs / "extends_self.yaml").write_text("id: loop\nextends: {self}\n", encoding="utf-8")
    (rs / "utf16_ruleset.yaml").write_bytes("id: x\ntitle: {vi: a, en: b}\n".encode("utf-16"))
    (rs / "binary_ruleset.yaml").write_bytes(bytes(range(256)))
    national = (Path(__file__).parents[2] / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml").read_text(
        encoding="utf-8"
    )
    rule = "when: known(score_a) and score_a <= score_line"
    assert rule in national
    deep = "(" * 400 + "score_a" + ")" * 400
    (rs / "deep_expression.yaml").write_text(
        national.replace(rule, f"when: {deep} > 0 and score_a <= score_line", 1), encoding="utf-8"
    )
    long = " + ".join(["score_a"] * 3000)
    (rs / "long_expression.yaml").write_text(
        national.replace(rule, f"when: {long} > 0 and score_a <= score_line", 1), encoding="utf-8"
    )
    (rs / "markup_ruleset.yaml").write_text("id: '[/x]'\ntitle: '[bold]'\n", encoding="utf-8")
    for name in (
        "alias_bomb",
        "extends_self",
        "utf16_ruleset",
        "binary_ruleset",
        "deep_expression",
        "long_expression",
        "markup_ruleset",
    ):
        text(f"for_{name}.csv", ok, None, (2,), args=["--ruleset", f"{{files}}/{name}.yaml"])
    text("ruleset_missing.csv", ok, None, (2,), args=["--ruleset", "{files}/nope.yaml"])
    # members files
    (rs / "m_ragged.csv").write_text("household_id,member_id,birth_date\nH1,1\nH1,2,1990-01-01,x\n", encoding="utf-8")
    (rs / "m_binary.csv").write_bytes(bytes(range(256)))
    (rs / "m_no_id.csv").write_text("member_id,birth_date\n1,1990-01-01\n", encoding="utf-8")
    text("members_ragged.csv", ok, 3, (0, 1), args=["--members", "{files}/m_ragged.csv"])  # kept, noted
    text("members_binary.csv", ok, None, (2,), args=["--members", "{files}/m_binary.csv"])
    text("members_no_id.csv", ok, None, (2,), args=["--members", "{files}/m_no_id.csv"])
    text("members_missing.csv", ok, None, (2,), args=["--members", "{files}/nope.csv"])
    # t2: a quote opening a cell and never closed (or closed only lines later) read the next rows into that
    # cell: their households were neither classified nor rejected (a review counted them as left)
    text(
        "quote_never_closed.csv",
        csv(H, GOOD[0], '"H2,urban,2500000,0,0', GOOD[2], "H4,rural,1000000,1,1"),
        None,
        (2,),
        says=["quote_never_closed.csv: dòng 3, cột household_id: ô mở bằng dấu nháy kép", "nên 2 dòng tiếp theo"],
    )
    text(
        "quote_closed_lines_later.csv",
        csv(H + ",note", GOOD[0] + ',"ok"', 'H2,urban,2500000,0,0,"nhà tạm', GOOD[2] + ",x", 'H4,rural,1,1,1,y"'),
        None,
        (2,),
        says=["dòng 3, cột note", "(từ dòng 'H3,nông thôn,900000,có,không,x')"],
    )
    text(  # a note typed over several lines in one cell, commas and all, is a cell like any other
        "note_over_lines.csv",
        csv(H + ",note", GOOD[0] + ',"nhà tạm, dột nát,\nthiếu nước, không điện"', GOOD[1] + ",", GOOD[2] + ","),
        3,
        (0,),
    )
    # k2: a DOS end-of-file mark (Ctrl-Z, 0x1A) after the text, as old DOS and FoxPro programs write it: a row
    # of its own was rejected as a title pasted below the list; glued to the last cell it rejected that household
    text("dos_eof.csv", ok + "\x1a", 3, (0,))
    text("dos_eof_no_newline.csv", ok.rstrip("\n") + "\x1a\x1a", 3, (0,))
    text("dos_eof_cp1258.csv", ok.replace("\n", "\r\n") + "\x1a", 3, (0,), enc="cp1258")
    # k2: a byte order mark given twice (a program adding one to a file that had it) before a quoted header, as
    # this program's own CSV outputs and pandas write it: 'missing column household_id'
    quoted = "\n".join(",".join(f'"{c}"' for c in line.split(",")) for line in [H, *GOOD]) + "\n"
    raw("bom_twice_quoted.csv", codecs.BOM_UTF8 * 2 + quoted.encode(), 3, (0,))
    raw("bom_thrice_semicolon.csv", codecs.BOM_UTF8 * 3 + quoted.replace(",", ";").encode(), 3, (0,))
    # k2: a formula's error where the household code is (a VLOOKUP's #N/A, Excel's #REF!), in a workbook and in the
    # CSV Excel saves of it: each was classified as a household of that code
    failed = openpyxl.Workbook()
    failed.active.append(H.split(","))
    for code in ("#N/A", "H2", "#REF!", "#N/A"):
        failed.active.append([code, "rural", 1500000, 1, 0])
    b = io.BytesIO()
    failed.save(b)
    raw("code_formula_error.xlsx", b.getvalue(), 4, (1,))
    text("code_formula_error.csv", csv(H, "#N/A,rural,1,1,0", GOOD[1], "Err:502,urban,1,0,0"), 3, (1,))
    # k2: a copy cut short (a USB stick pulled out, a machine stopped while saving) keeps the file's length and
    # leaves its end zero bytes: it was said to be no text file at all
    raw(
        "zero_tail.csv",
        ok.encode()[:-7] + b"\x00" * 4096,
        None,
        says=[
            "zero_tail.csv: tệp kết thúc bằng 4.096 byte 0 sau dòng 4, không phải chữ: tệp chưa được lưu hoặc chép hết"
        ],
    )
    raw("zero_tail_utf16.txt", ok.encode("utf-16") + b"\x00" * 512, None, says=["kết thúc bằng 512 byte 0 sau dòng 4"])
    raw("zero_tail_cr.csv", ok.replace("\n", "\r").encode() + b"\x00" * 8, None, says=["8 byte 0 sau dòng 4"])
    # h1 (session 24): a copy cut short inside a letter (UTF-8's 'ô' of 'nông thôn' cut after its first byte, a
    # UTF-16 text cut at an odd byte): the end was said to be letters of another encoding ('save it as CSV UTF-8 or
    # give --encoding'), the UTF-16 file not UTF-16 at all; a file ending in a whole letter is read
    cut = "tệp kết thúc giữa chừng một chữ: tệp chưa được lưu hoặc chép hết"
    whole = ok.rstrip("\n").encode()
    raw("cut_in_letter.csv", whole[:-3], None, says=[f"cut_in_letter.csv: {cut}"])
    raw("cut_in_letter_bom.csv", codecs.BOM_UTF8 + whole[:-3] + b"\x1a", None, says=[f"cut_in_letter_bom.csv: {cut}"])
    raw("cut_in_letter_utf16.txt", ok.replace(",", "\t").encode("utf-16")[:-3], None, says=[cut])
    raw("ends_in_letter.csv", whole[:-2], 3, (0, 1))
    # h1 (session 24): the lock file Excel (~$ds.xlsx: who has it open, padded with spaces and zeros) or LibreOffice
    # (.~lock.ds.xlsx#) writes beside an open workbook, picked for the list: Excel's was "a copy cut short (ends in
    # zero bytes)", LibreOffice's a list missing its columns
    user = "Nguyễn Văn A"
    owner = bytes([len(user)]) + user.encode("ascii", "replace").ljust(53) + bytes([len(user), 0])
    raw("~$ds.xlsx", (owner + user.encode("utf-16-le")).ljust(165, b"\x00"), None, says=["là tệp khóa Excel tạo ra"])
    lock = "Nguyễn Văn A,DESKTOP-1,nva,28.11.2026 09:00,file:///C:/Users/nva/AppData/Roaming/LibreOffice/4;"
    text(".~lock.ds.xlsx#", lock, None, (2,), says=["khi đang mở bảng tính ds.xlsx", "đưa chính tệp ds.xlsx"])
    # k2: a header cell typed over two lines (Alt+Enter in Excel: "Thu nhập<line break>bình quân"), quoted in the
    # CSV: pyarrow skipped the header as lines, not records, and read its second line as a household row (a row
    # rejected that no officer typed, every row after it numbered one too far)
    text(
        "header_over_two_lines.csv",
        csv("DANH SÁCH HỘ", '"Mã\nhộ","Khu\r\nvực","Thu nhập\nbình quân"', "H1,nông thôn,1500000", "H2,sao hỏa,1"),
        2,
        (1,),
    )
    # k2: two villages' exports joined as files are (copy /b thon1.csv+thon2.csv): the second one's byte order mark
    # sits before its header row, which was not known for a repeated header (rejected for its area and income)
    quoted = "\n".join(",".join(f'"{c}"' for c in line.split(",")) for line in [H, *GOOD]) + "\n"
    raw("joined_with_copy.csv", (codecs.BOM_UTF8 + ok.encode()) * 2, 7, (1,))
    raw("joined_with_copy_quoted.csv", (codecs.BOM_UTF8 + quoted.encode()) * 2, 7, (1,))
    # k2: the same where a household's commune code or village is (a VLOOKUP of the commune's code): the household was
    # placed in a commune '#N/A' (its history, its reports)
    text(
        "place_formula_error.csv",
        csv(
            "household_id,commune_code,village,area,income_per_capita",
            "H1,03001,Thôn 1,rural,1",
            "H2,#N/A,Thôn 1,rural,1",
            "H3,03001,#REF!,urban,2",
        ),
        3,
        (1,),
    )
    (OUT / "manifest.json").write_text(json.dumps(CASES, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return dict(CASES)


def _compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors, one FAT sector) holding ``streams``, each padded
    to 4096 bytes at least so that none is in the mini stream: the container of a Word 97-2003 ``.doc``, an Excel
    97-2003 ``.xls``, and of an ``.xlsx`` Excel encrypts with a password to open."""
    end, free, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    datas = [data.ljust(max(4096, -(-len(data) // 512) * 512), b"\0") for data in streams.values()]
    fat, starts = [0xFFFFFFFD, end], []  # sector 0: the FAT; sector 1: the directory
    for data in datas:
        starts.append(len(fat))
        count = len(data) // 512
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += b"\0" * 6 + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0) + struct.pack("<109I", 0, *[free] * 108)

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        raw_name = name.encode("utf-16-le") + b"\0\0"
        fixed = struct.pack("<HBBIII", len(raw_name), kind, 1, nostream, right, child)
        return raw_name.ljust(64, b"\0") + fixed + b"\0" * 36 + struct.pack("<III", start, size, 0)

    names = list(streams)
    entries = [entry("Root Entry", 5, nostream, 1, end, 0)]
    for i, data in enumerate(datas):
        entries.append(entry(names[i], 2, i + 2 if i + 1 < len(names) else nostream, nostream, starts[i], len(data)))
    directory = b"".join(entries).ljust(512, b"\0")
    return header + struct.pack("<128I", *fat, *[free] * (128 - len(fat))) + directory + b"".join(datas)


if __name__ == "__main__":
    import sys

    cases = main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"{len(cases)} cases in {OUT}")
