"""``--lang vi`` means every message in Vietnamese: the history and rulesets commands (#10 left-out).

Each command is run in both languages on a small history made by ``history import``; the Vietnamese
run must hold the Vietnamese words and none of the English ones the English run prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from poverty_rules.cli import main

LISTS = "Mã hộ,Tình trạng,Năm,Thôn\nH1,nghèo,2023,Xóm 1\nH2,cận nghèo,2023,Xóm 2\n"


def _run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env={"COLUMNS": "200"})  # tables not wrapped


def _assert_in_lang(vi: Result, en: Result, vi_words: tuple[str, ...], en_words: tuple[str, ...]) -> None:
    """The vi run says ``vi_words`` and none of ``en_words``; the en run says ``en_words``."""
    assert vi.exit_code == en.exit_code, (vi.output, en.output)
    for word in vi_words:
        assert word in vi.output, (word, vi.output)
    for word in en_words:
        assert word in en.output, (word, en.output)
        assert word not in vi.output, (word, vi.output)
    assert "Traceback" not in vi.output + en.output


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("lists.csv").write_text(LISTS, encoding="utf-8")
    assert _run("history", "import", "lists.csv", "--db", "h.db", "--lang", "en").exit_code == 0
    return Path("h.db")


def test_history_import_list_show_undo_in_both_languages(db: Path) -> None:
    both = [_run("history", "import", "lists.csv", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("2 dòng → 1 lần rà soát trong h.db",), ("2 rows → 1 review in h.db",))
    both = [_run("history", "list", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("Ngày rà soát", "Chuẩn", "31/12/2023"), ("review date", "2023-12-31"))
    both = [_run("history", "show", "1", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("lần rà soát 1", "Mã hộ", "Hộ cận nghèo"), ("review 1", "village"))
    both = [_run("history", "undo", "7", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("không có lần rà soát 7",), ("no review 7",))
    vi = _run("history", "undo", "1", "--db", db, "--lang", "vi")
    assert vi.exit_code == 0 and "đã xóa lần rà soát 1 khỏi h.db" in vi.output


def test_history_refusals_name_file_and_rows_in_both_languages(db: Path) -> None:
    Path("bad.csv").write_text("Mã hộ,Tình trạng,Năm\nH1,nghèo,2023\nH2,giàu,2023\nH3,nghèo,hai nghìn\n")
    both = [_run("history", "import", "bad.csv", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(  # the file's own column and the cell (was: "lack a household id or a readable status")
        *both,
        ("lỗi: bad.csv: dòng 3, cột Tình trạng: 'giàu' không phải tình trạng (cần: nghèo",),
        ("error: bad.csv: row 3, column Tình trạng: 'giàu' is not a status",),
    )
    Path("years.csv").write_text("Mã hộ,Tình trạng,Năm\nH1,nghèo,2023\nH3,nghèo,hai nghìn\n")
    both = [_run("history", "import", "years.csv", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("years.csv: cột Năm: dòng 3 không phải năm ('hai nghìn'",), ("row 3: not a year",))
    Path("days.csv").write_text("Mã hộ,Tình trạng,Ngày công nhận,Năm\nH1,thoát nghèo,2023-14-01,2023\n")
    both = [_run("history", "import", "days.csv", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(
        *both,
        ("days.csv: cột Ngày công nhận: dòng 2: '2023-14-01' không phải một ngày có trong lịch",),
        ("row 2: '2023-14-01' is not a day of the calendar",),
    )
    Path("ids.csv").write_text("Mã hộ,Tình trạng,Năm\n,nghèo,2023\n")
    both = [_run("history", "import", "ids.csv", "--db", db, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("ids.csv: dòng 2: thiếu mã hộ (cột Mã hộ)",), ("row 2: no household id (column Mã hộ)",))
    both = [_run("history", "list", "--db", "none.db", "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("none.db: chưa có tệp lịch sử",), ("no history file",))
    Path("junk.db").write_bytes(b"not a database" * 100)
    both = [_run("history", "list", "--db", "junk.db", "--lang", lang) for lang in ("vi", "en")]
    said = ("junk.db: không phải tệp lịch sử dùng được (tệp không phải cơ sở dữ liệu SQLite",)  # not SQLite's English
    _assert_in_lang(*both, said, ("not a usable history file (the file is not an SQLite database",))
    both = [
        _run("eligible", "--as-of", "2024-06-30", "--db", db, "--programme", "x", "--lang", lang)
        for lang in ("vi", "en")
    ]
    _assert_in_lang(*both, ("không có chính sách 'x'",), ("has no programme 'x'",))


def test_rulesets_commands_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    local = (
        Path(__file__).resolve().parent.parent / "poverty_rules" / "rulesets" / "local" / "example-province-2026.yaml"
    )
    both = [_run("rulesets", "check", local, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("hợp lệ", "chỉ số", "chuẩn địa phương trên"), ("ok (", "class rules", "local standard on"))
    both = [_run("rulesets", "show", "vn-1999", "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("không có bộ quy tắc mang mã này",), ("no ruleset with this id",))
    both = [_run("rulesets", "diff", "vn-2022-2026", "vn-2027-2030", "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("Tham số",), ("Parameters",))


def test_the_review_summary_says_its_time_in_the_runs_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's last line, streamed or whole: the seconds in Vietnamese under ``--lang vi``."""
    monkeypatch.chdir(tmp_path)
    Path("ho.csv").write_text("Mã hộ,Khu vực,Thu nhập bình quân\nH1,nông thôn,1000000\nH2,thành thị,5000000\n")
    both = [
        _run("review", "ho.csv", "--date", "2026-01-10", "--db", f"{lang}.db", "--lang", lang, "-o", f"{lang}.csv")
        for lang in ("vi", "en")
    ]
    _assert_in_lang(*both, ("hộ chưa rà soát", "giây]"), (" s]",))


def test_history_show_leaves_a_household_without_a_movement_blank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An imported household with a status and no movement showed "nan" in the movement column."""
    monkeypatch.chdir(tmp_path)
    lists = "Mã hộ,Tình trạng,Năm,Ngày công nhận,Xã\nA1,nghèo,2023,,Xã X\nA2,thoát nghèo,2023,15/12/2023,Xã X\n"
    Path("t.csv").write_text(lists, encoding="utf-8")
    assert _run("history", "import", "t.csv", "--db", "t.db").exit_code == 0
    shown = _run("history", "show", "1", "--db", "t.db")
    assert shown.exit_code == 0 and "Thoát nghèo" in shown.output and "nan" not in shown.output.split()


def test_counts_in_notes_and_tables_are_written_as_the_summary_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A count over a thousand in a note or a table is grouped in the run's language, as the summary groups
    its counts ("2.000 hộ"): the notes said "bỏ qua 1500 dòng trống", "1500 empty row(s)", "6668 dòng thành
    viên …", and ``history show -o`` "Hộ không nghèo 1502" and "đã ghi 1993 hộ"."""
    monkeypatch.chdir(tmp_path)
    Path("ho.csv").write_text(
        "household_id,area,income_per_capita\nH1,rural,1000000\n" + ",,\n" * 1500 + "H2,urban,5000000\n",
        encoding="utf-8",
    )
    Path("tv.csv").write_text(
        "household_id,member_id\n" + "".join(f"X{i},1\n" for i in range(1200)) + "H1,1\n", encoding="utf-8"
    )
    vi = _run("classify", "ho.csv", "-o", "out.csv", "--members", "tv.csv", "--as-of", "2025-12-01")
    en = _run("classify", "ho.csv", "-o", "out.csv", "--members", "tv.csv", "--as-of", "2025-12-01", "--lang", "en")
    _assert_in_lang(
        vi,
        en,
        ("bỏ qua 1.500 dòng trống", "1.200 dòng thành viên không thuộc hộ nào"),
        ("1,500 empty rows skipped", "1,200 member rows belong to no classified household"),
    )
    Path("lists.csv").write_text(
        "Mã hộ,Tình trạng,Năm\n" + "".join(f"H{i},nghèo,2023\n" for i in range(1500)), encoding="utf-8"
    )
    assert _run("history", "import", "lists.csv", "--db", "h.db").exit_code == 0
    both = [_run("history", "show", "1", "--db", "h.db", "-o", "s.csv", "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("│ 1.500", "đã ghi 1.500 hộ"), ("│ 1,500", "wrote the 1,500 households"))


def test_rows_and_counts_are_named_in_the_number_they_are(db: Path) -> None:
    """English said "rows 3: no household id", "rows 2, 3 have no review_date", "1 row(s) cannot be classified",
    "2 rows → 1 review(s)": a row is now "row 3", two "rows 2 and 3", more "rows 2, 3 and 4", eleven or more
    the first ten "and 1 more"; a count agrees with its noun ("1 row", "3 rows"); Vietnamese says "và" too."""
    Path("one.csv").write_text("Mã hộ,Tình trạng,Năm\n,nghèo,2023\n", encoding="utf-8")
    Path("two.csv").write_text("Mã hộ,Tình trạng,Năm\n,nghèo,2023\n,nghèo,2023\n", encoding="utf-8")
    Path("many.csv").write_text("Mã hộ,Tình trạng,Năm\n" + ",nghèo,2023\n" * 12, encoding="utf-8")
    Path("undated.csv").write_text("Mã hộ,Tình trạng\nH1,nghèo\nH2,nghèo\nH3,nghèo\n", encoding="utf-8")
    said = {
        (name, lang): _run("history", "import", f"{name}.csv", "--db", db, "--lang", lang).output
        for name in ("one", "two", "many", "undated")
        for lang in ("vi", "en")
    }
    assert "one.csv: row 2: no household id" in said["one", "en"]
    assert "one.csv: dòng 2: thiếu mã hộ" in said["one", "vi"]
    assert "two.csv: rows 2 and 3: no household id" in said["two", "en"]
    assert "two.csv: dòng 2 và 3: thiếu mã hộ" in said["two", "vi"]
    assert "many.csv: rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more: no household id" in said["many", "en"]
    assert "many.csv: dòng 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 và 2 dòng khác: thiếu mã hộ" in said["many", "vi"]
    assert "undated.csv: rows 2, 3 and 4: no review_date or year" in said["undated", "en"]
    assert "undated.csv: dòng 2, 3 và 4: không có ngày rà soát" in said["undated", "vi"]
    Path("single.csv").write_text("Mã hộ,Tình trạng,Năm\nH1,nghèo,2023\n", encoding="utf-8")
    imported = _run("history", "import", "single.csv", "--db", "one.db", "--lang", "en")
    assert imported.exit_code == 0 and "1 row → 1 review in one.db" in imported.output, imported.output
    for text in (out for out in said.values()):
        assert "(s)" not in text and "rows 2:" not in text


def test_columns_are_named_in_the_number_they_are() -> None:
    """The notes said "column(s) status were in the input and are replaced by this run's" and "column(s)
    deprived_flying are not indicators of vn-2022-2026" of one column; one column is now "column status",
    two "columns status and deprived", in Vietnamese "cột status và deprived"."""
    import warnings

    import pandas as pd

    import poverty_rules as pr

    frame = pd.read_csv(Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv", dtype=str).head(5)
    said = {}
    for extra in (["status"], ["status", "deprived"], ["deprived_flying"]):
        for lang in ("vi", "en"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = pr.classify_table(frame.assign(**dict.fromkeys(extra, "0")), ruleset="vn-2022-2026", lang=lang)
            said[extra[-1], lang] = " | ".join(out.notes)
    assert "<data>: column status of the table given replaced by this run's" in said["status", "en"]
    assert "<data>: cột status có trong bảng dữ liệu đưa vào" in said["status", "vi"]
    assert "<data>: columns status and deprived of the table given replaced by this run's" in said["deprived", "en"]
    assert "<data>: cột status và deprived có trong bảng dữ liệu đưa vào" in said["deprived", "vi"]
    assert "column deprived_flying not among the indicators of vn-2022-2026" in said["deprived_flying", "en"]
    assert "cột deprived_flying không phải chỉ số của vn-2022-2026" in said["deprived_flying", "vi"]
    assert not any("(s)" in text for text in said.values())


def test_an_english_count_of_one_takes_the_singular() -> None:
    """Under --lang en a count of one read '1 cells hold a formula never computed', 'the file ends in 1 zero
    bytes', '1 target rows name a unit with no household in this report' (report --targets: one row of the
    officer's targets file), '… 1 more households not printed' (history show of 1,001 households) and, on the
    report page, '1 other households (not poor, no movement) are not listed'. Each now agrees with its count;
    the Vietnamese, which has no plural, is as it was."""
    from poverty_rules.vocabulary import words as W

    said = {
        "uncomputed_formulas": ({"file": "f", "cell": "B3"}, "1 cell holds a formula", "2 cells hold a formula"),
        "zero_tail": ({"file": "f", "line": 3}, "ends in 1 zero byte after", "ends in 2 zero bytes after"),
        "rep_targets_unmatched": ({"file": "f", "units": "X"}, "1 target row names a unit", "2 target rows name a"),
        "h_show_more": ({"shown": 500}, "… 1 more household not printed", "… 2 more households not printed"),
    }
    for key, (values, one, two) in said.items():
        assert one in W.msg(key, "en", count=1, **values), key
        assert two in W.msg(key, "en", count=2, **values), key
        assert W.msg(key, "vi", count=1, **values).replace("1", "2") == W.msg(key, "vi", count=2, **values), key
    page = W.PAGE["not_listed"]
    assert page["en"].format(n=W.counted(1, "en")) == "1 other household (not poor, no movement) is not listed."
    assert page["en"].format(n=W.counted(1500, "en")).startswith("1,500 other households (not poor, no movement) are")
    assert page["vi"].format(n=W.counted(1500, "vi")).startswith("1.500 hộ khác")


def test_a_row_of_one_cell_is_said_in_the_singular(tmp_path: Path) -> None:
    """A members row holding only its household code (a line cut short) was noted under --lang en as "row 3: has
    1 cells where the header has 3", and a household row of one cell rejected as "has 1 cells where the header
    has …". The noun now agrees with the count ('has 1 cell'); 'has 2 cells' and the Vietnamese as before."""
    from poverty_rules.vocabulary import words as W

    assert W.msg("r_ragged", "en", cells=1, width=4).startswith("has 1 cell where the header has 4")
    assert W.msg("r_ragged", "en", cells=2, width=4).startswith("has 2 cells where the header has 4")
    assert W.msg("r_ragged", "vi", cells=1, width=4).startswith("dòng có 1 ô, dòng tiêu đề có 4 ô")
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nA,rural,5000000\n", encoding="utf-8")
    members = tmp_path / "tv.csv"
    members.write_text("household_id,birth_date,has_health_insurance\nA,2000-01-01,1\nA\n", encoding="utf-8")
    args = ["--lang", "en", "classify", str(households), "--members", str(members), "-o", str(tmp_path / "o.csv")]
    said = " ".join(CliRunner().invoke(main, args).output.split())
    assert "row 3: has 1 cell where the header has 3" in said, said


def test_a_replaced_column_is_said_of_the_table_a_library_caller_gave_and_of_the_file_a_command_read(
    tmp_path: Path,
) -> None:
    """``pr.classify_table(df)`` of a frame with a ``status`` column said in Vietnamese "<data>: cột status có trong
    tệp vào …" (in the input file) to a caller who gave a DataFrame, no file; it now speaks of the table given
    (bảng dữ liệu đưa vào), in English too, while the command line still names the file it read."""
    import warnings

    import pandas as pd

    import poverty_rules as pr

    frame = pd.DataFrame({"household_id": ["1"], "area": ["rural"], "income_per_capita": ["1000000"], "status": ["x"]})
    notes = {}
    for lang in ("vi", "en"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notes[lang] = [n for n in pr.classify_table(frame, as_of="2025-12-01", lang=lang).notes if "status" in n]
    assert notes["vi"] == ["<data>: cột status có trong bảng dữ liệu đưa vào và được thay bằng kết quả lần chạy này"]
    assert notes["en"] == ["<data>: column status of the table given replaced by this run's"]
    src = tmp_path / "ho.csv"
    frame.to_csv(src, index=False)
    said = _run("classify", src, "-o", tmp_path / "o.csv", "--as-of", "2025-12-01", "--lang", "vi")
    assert "ho.csv: cột status có trong tệp vào và được thay bằng kết quả lần chạy này" in " ".join(said.output.split())
    assert "bảng dữ liệu" not in said.output
