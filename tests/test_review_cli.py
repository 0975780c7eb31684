"""``poverty-rules review`` / ``eligible`` / ``history import`` (issue #6; Quyết định 24/2021/QĐ-TTg)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"


@pytest.fixture(scope="module")
def sample_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's first 149 households, one rejected on purpose (row 139, no household code) as the whole
    sample's seven are: written once for the tests whose check needs rejected rows, not two thousand households
    (a workbook of the whole sample takes half a second to write). Safe to share: tests review it with ``-o``
    elsewhere and never write beside it."""
    head = tmp_path_factory.mktemp("sample_head") / "ho.csv"
    head.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:150]), encoding="utf-8")
    return head


def _invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_review_writes_files_and_rerun_is_idempotent(tmp_path: Path) -> None:
    db, out = tmp_path / "c.db", tmp_path / "out.csv"
    args = ["review", str(SAMPLE), "--date", "2024-12-10", "--db", str(db), "--commune", "Hưng Chính", "-o", str(out)]
    first = _invoke(*args)
    assert first.exit_code == 1  # the sample has rejected rows on purpose
    movements = tmp_path / "out.movements.csv"  # named after -o
    text_out, text_mov = out.read_bytes(), movements.read_bytes()
    assert (tmp_path / "out.not_reviewed.csv").exists()  # named after the output, where report reads it
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert {"status", "transition", "eligible_until", "transition_label"} <= set(table.columns)
    assert set(table["transition"]) == {"first_review", ""}
    mov = pd.read_csv(movements, encoding="utf-8-sig")
    assert mov["village"].iloc[-1] == "Tổng cộng"
    refused = _invoke(*args)  # the same date and commune again: only with --replace
    assert refused.exit_code == 2 and "--replace" in refused.output
    assert "ngày 10/12/2024 (lần rà soát 1)" in refused.output  # the date as Vietnamese writes it (was 2024-12-10)
    assert "on 2024-12-10 is already recorded" in _invoke(*args, "--lang", "en").output
    assert out.read_bytes() == text_out
    again = _invoke(*args, "--replace")
    assert again.exit_code == 1
    assert out.read_bytes() == text_out and movements.read_bytes() == text_mov


def test_a_list_over_a_computed_review_is_refused_with_its_date_as_the_language_writes_it(tmp_path: Path) -> None:
    db, lists = tmp_path / "c.db", tmp_path / "lists.csv"
    review = ["review", str(SAMPLE), "--date", "2024-12-10", "--db", str(db), "--commune", "Hưng Chính", "-q"]
    assert _invoke(*review, "-o", str(tmp_path / "out.csv")).exit_code == 1
    row = "HC-01-0001,nghèo,10/12/2024,Xã Hưng Chính,Tỉnh Nghệ An"
    lists.write_text(f"Mã hộ,Tình trạng,review_date,Xã,Tỉnh\n{row}\n", encoding="utf-8")
    args = ["history", "import", str(lists), "--db", str(db)]
    refused = _invoke(*args)
    assert refused.exit_code == 2 and "lần rà soát ngày 10/12/2024 của xã" in refused.output  # was 2024-12-10
    assert "the review of 2024-12-10 for commune" in _invoke(*args, "--lang", "en").output


def test_history_import_then_eligible(tmp_path: Path) -> None:
    db, lists = tmp_path / "c.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": ["E1", "E1", "E2"],
            "Tình trạng": ["hộ nghèo", "thoát nghèo", "cận nghèo"],
            "Năm": ["2023", "2024", "2024"],
            "Ngày công nhận": ["", "2024-12-20", ""],
            "Thôn": ["Thôn 1", "Thôn 1", "Thôn 2"],
        }
    ).to_csv(lists, index=False)
    assert _invoke("history", "import", str(lists), "--db", str(db)).exit_code == 0
    assert _invoke("history", "import", str(lists), "--db", str(db)).exit_code == 0  # again: no change
    last_day = _invoke("eligible", "--as-of", "2027-12-19", "--db", str(db), "-o", str(tmp_path / "e.csv"))
    assert last_day.exit_code == 0 and "E1" in last_day.output
    assert "20/12/2024" in last_day.output and "19/12/2027" in last_day.output  # on screen as officers write days
    listed = pd.read_csv(tmp_path / "e.csv", encoding="utf-8-sig")
    assert listed["household_id"].tolist() == ["E1"] and listed["days_left"].tolist() == [1]
    next_day = _invoke("eligible", "--as-of", "2027-12-20", "--db", str(db), "--lang", "en")
    assert next_day.exit_code == 0 and "E1" not in next_day.output


def test_history_import_records_an_escape_from_near_poverty_without_a_window(tmp_path: Path) -> None:
    """Regression: any "thoát cận nghèo" / escaped_near_poverty row stopped the import with "unexpected
    failure (ValueError: a support window needs at least 1 month, got array([0]))". An escape from
    near-poverty opens no support window (docs/standard.md §5; the rulesets' programmes give none): it
    is recorded with its transition and recognition date, no eligible_until, beside a poverty escape
    that keeps its 36 months."""
    db, lists = tmp_path / "c.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": ["A2", "A3", "A4"],
            "Tình trạng": ["thoát cận nghèo", "thoát nghèo", "thoát cận nghèo"],
            "Năm": ["2023", "2023", "2023"],
            "Ngày công nhận": ["15/12/2023", "15/12/2023", ""],
            "Xã": ["Xã X", "Xã X", "Xã X"],
        }
    ).to_csv(lists, index=False)
    result = _invoke("history", "import", str(lists), "--db", str(db))
    assert result.exit_code == 0, result.output
    shown = tmp_path / "shown.csv"
    assert _invoke("history", "show", "1", "--db", str(db), "-o", str(shown)).exit_code == 0
    rows = pd.read_csv(shown, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("household_id")
    assert rows.loc["A2", ["transition", "previous_status", "recognized_on", "eligible_until"]].tolist() == [
        "escaped_near_poverty",
        "near_poor",
        "2023-12-15",
        "",
    ]
    assert rows.loc["A4", "transition"] == "escaped_near_poverty" and rows.loc["A4", "eligible_until"] == ""
    assert rows.loc["A3", ["transition", "eligible_until"]].tolist() == ["escaped_poverty", "2026-12-14"]
    listed = _invoke("eligible", "--as-of", "2024-01-01", "--db", str(db), "--lang", "en")
    assert listed.exit_code == 0 and "A3" in listed.output and "A2" not in listed.output
    alone = tmp_path / "alone.csv"
    pd.DataFrame({"household_id": ["A2"], "status": ["escaped_near_poverty"], "year": ["2023"]}).to_csv(
        alone, index=False
    )
    result = _invoke("history", "import", str(alone), "--db", str(tmp_path / "alone.db"), "--lang", "en")
    assert result.exit_code == 0, result.output


def test_review_of_a_file_without_household_rows_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    """Regression: a header-only file stopped with "zip() argument 2 is longer than argument 1" (exit 2)
    after writing the reviewed, movements and not-reviewed files. A review of no household recognizes
    nothing: it is refused in the run's language before any file is written or recorded."""
    header = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "hdr.csv").write_text(header + "\n", encoding="utf-8")
    (tmp_path / "semi.csv").write_text("household_id;area;income_per_capita\n", encoding="utf-8")
    (tmp_path / "blank.csv").write_text("household_id,area,income_per_capita\n,,\n\n", encoding="utf-8")
    db = tmp_path / "h.db"
    runs = (
        ("hdr.csv", ("--lang", "vi"), "không có dòng hộ nào"),
        ("semi.csv", ("--commune", "X", "--lang", "en"), "no household rows"),
        ("blank.csv", ("--lang", "en", "-o", str(tmp_path / "out.xlsx")), "no household rows"),
    )
    for name, extra, words in runs:
        result = _invoke("review", str(tmp_path / name), "--date", "10/12/2024", "--db", str(db), "-q", *extra)
        assert result.exit_code == 2, result.output
        assert words in result.output and "zip()" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.csv", "hdr.csv", "semi.csv"]


def test_review_of_a_file_whose_every_row_is_rejected(tmp_path: Path) -> None:
    """Regression: a file whose every row was rejected stopped with "zip() argument 2 is longer than
    argument 1" (the history's rows were cut per commune from no row); now exit 1 and the rejects file."""
    path = tmp_path / "bad.csv"
    path.write_text("household_id,area,income_per_capita\nA1,rural,abc\n", encoding="utf-8")
    result = _invoke("review", str(path), "--date", "10/12/2024", "--db", str(tmp_path / "h.db"), "-q")
    assert result.exit_code == 1, result.output
    rejects = pd.read_csv(tmp_path / "bad.rejects.csv", dtype=str, encoding="utf-8-sig")
    assert rejects["household_id"].tolist() == ["A1"]
    assert not (tmp_path / "bad.reviewed.csv").exists()  # no review recorded: its rejects alone are written


def test_eligible_unknown_programme_and_missing_db(tmp_path: Path) -> None:
    missing = _invoke("eligible", "--as-of", "2027-01-01", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2
    db = tmp_path / "c.db"
    pd.DataFrame({"household_id": ["A"], "status": ["nghèo"], "year": ["2024"]}).to_csv(tmp_path / "l.csv", index=False)
    _invoke("history", "import", str(tmp_path / "l.csv"), "--db", str(db))
    bad = _invoke("eligible", "--as-of", "2027-01-01", "--db", str(db), "--programme", "nope")
    assert bad.exit_code == 2


def test_help_texts_have_examples() -> None:
    for command in (["review"], ["eligible"], ["history", "import"]):
        result = _invoke(*command, "--help")
        assert result.exit_code == 0 and "Examples" in result.output


def test_history_import_records_an_undated_escape_from_poverty_without_a_window_and_says_so(tmp_path: Path) -> None:
    """A "thoát nghèo" row without its recognition date stopped the import ("a support window needs at
    least 1 month, got array([0]))"): it is recorded without eligible_until — its window starts on that
    date — and a note says how many such rows to complete."""
    db, lists = tmp_path / "c.db", tmp_path / "lists.csv"
    lists.write_text("household_id,status,year\nH2,thoát nghèo,2023\nH3,nghèo,2023\n", encoding="utf-8")
    result = _invoke("history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 household escaped poverty without a recognition date" in result.output
    shown = tmp_path / "shown.csv"
    assert _invoke("history", "show", "1", "--db", str(db), "-o", str(shown)).exit_code == 0
    rows = pd.read_csv(shown, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("household_id")
    assert rows.loc["H2", ["transition", "eligible_until"]].tolist() == ["escaped_poverty", ""]


@pytest.mark.parametrize(("lang", "said"), [("vi", "1.200 hộ thoát nghèo"), ("en", "1,200 households")])
def test_the_count_of_undated_escapes_is_written_as_the_language_writes_numbers(
    tmp_path: Path, lang: str, said: str
) -> None:
    """The note said '1200 hộ' beside '1.200 dòng' in the same run: its count is a number of the language too."""
    db, lists = tmp_path / "c.db", tmp_path / "lists.csv"
    lists.write_text(
        "household_id,status,year\n" + "".join(f"H{i},thoát nghèo,2023\n" for i in range(1200)), encoding="utf-8"
    )
    result = _invoke("history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert said in result.output and "1200" not in result.output


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])  # the streamed review and the whole-file one
def test_a_review_whose_every_row_is_rejected_records_nothing(tmp_path: Path, suffix: str) -> None:
    """Every row rejected: the review was recorded with no household under no commune (the next run on
    that date was then refused as a second review); now nothing is recorded, the rejects are written and
    a note says to correct them and run again (exit 1)."""
    rows = pd.DataFrame({"household_id": ["A", "B"], "area": ["mars", ""], "income_per_capita": ["1", "2"]})
    households = tmp_path / f"ho{suffix}"
    if suffix == ".csv":
        rows.to_csv(households, index=False)
    else:
        rows.to_excel(households, index=False)
    db = tmp_path / "h.db"
    result = _invoke("review", str(households), "--date", "10/12/2025", "--db", str(db), "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "no household was classified (every row was rejected): this review is not recorded" in result.output
    assert (tmp_path / "ho.rejects.csv").exists()
    listed = _invoke("history", "list", "--db", str(db), "--lang", "en")
    # no history file left behind either (it would hold no review): history list says there is none
    assert listed.exit_code == 2 and not db.exists(), listed.output
    assert "10/12/2025" not in listed.output and "2025-12-10" not in listed.output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
@pytest.mark.parametrize("stop", [KeyboardInterrupt, OSError])
def test_a_review_stopped_before_its_record_leaves_its_files_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_head: Path, output: str, stop: type[BaseException]
) -> None:
    """The four files appear together once the review is recorded (data/output_set.py): a review that
    fails or is stopped while recording leaves the previous reviewed, rejects, movements and not-reviewed
    files byte for byte, the history unchanged, and no temporary file (they were written before the record,
    so a failure left this run's files beside the history's earlier record)."""
    from poverty_rules.review.history import HistoryStore

    db, out = tmp_path / "c.db", tmp_path / output
    args = ["review", str(sample_head), "--date", "2024-12-10", "--db", str(db), "--commune", "Hưng Chính"]
    args += ["-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 1
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != "c.db"}
    assert len(before) == 4, sorted(before)  # reviewed, rejects, movements, not reviewed
    history = db.read_bytes()

    def stopped(self: HistoryStore, prepared: object) -> None:
        raise stop("disk I/O error") if stop is OSError else stop()

    monkeypatch.setattr(HistoryStore, "record_prepared", stopped)
    changed = tmp_path / "changed.csv"
    text = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    changed.write_text("\n".join([text[0], *text[1:40]]) + "\n", encoding="utf-8")
    again = CliRunner().invoke(main, ["review", str(changed), *args[2:], "--replace"])
    assert again.exit_code != 0
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name not in ("c.db", "changed.csv")}
    assert after == before, sorted(after)
    assert db.read_bytes() == history


def test_the_movements_rates_have_two_decimals_as_the_docs_say(tmp_path: Path, sample_head: Path) -> None:
    """docs/review.md: rates to two decimals. The movements file wrote 4.2 and 0 (a float's shortest
    text); a workbook keeps them numbers, shown with two decimals."""
    import openpyxl

    db, out = tmp_path / "c.db", tmp_path / "out.csv"
    args = ["review", str(sample_head), "--date", "2024-12-10", "--db", str(db), "--commune", "Hưng Chính", "-q"]
    assert _invoke(*args, "-o", str(out)).exit_code == 1
    mov = pd.read_csv(tmp_path / "out.movements.csv", dtype=str, encoding="utf-8-sig")
    for name in ("poor_rate", "near_poor_rate", "poor_and_near_poor_rate"):
        assert mov[name].str.fullmatch(r"\d+\.\d\d").all(), mov[name].tolist()
    book = tmp_path / "mov.xlsx"
    again = _invoke(*args, "-o", str(tmp_path / "out.xlsx"), "--movements", str(book), "--replace")
    assert again.exit_code == 1
    rows = list(openpyxl.load_workbook(book).active.iter_rows())
    header = [c.value for c in rows[0]]
    rate = rows[1][header.index("Tỷ lệ hộ nghèo (%)")]  # a workbook's columns in the run's language
    assert isinstance(rate.value, float) and rate.number_format == "0.00"


def test_village_names_and_codes_with_brackets_are_printed_as_written(tmp_path: Path) -> None:
    """A village or code with square brackets was read as console markup: ``review`` of "Xóm [/]" wrote its
    files and recorded the review, then said "lỗi ngoài dự kiến (MarkupError …)" with exit 2; "Thôn 1 [mới]"
    was printed "Thôn 1" by ``review`` and ``eligible``, and ``eligible`` of a code "[/x]" failed the same way."""
    src = tmp_path / "ho.csv"
    src.write_text(
        "household_id,area,income_per_capita,village\nH1,rural,1000000,Xóm [/]\nH2,rural,5000000,Thôn 1 [mới]\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["review", str(src), "--date", "10/12/2026", "--db", str(db), "--commune", "X"])
    assert result.exit_code == 0, result.output
    cells = [c.strip() for line in result.output.splitlines() for c in line.split("│")]
    assert "Xóm [/]" in " ".join(cells) or {"Xóm", "[/]"} <= set(cells), result.output
    assert "[mới]" in cells or "Thôn 1 [mới]" in cells, result.output
    lists = tmp_path / "ds.csv"
    lists.write_text(
        "Mã hộ,Tình trạng,Ngày công nhận,Thôn\n[/x],thoát nghèo,10/12/2025,Thôn 1 [mới]\n", encoding="utf-8"
    )
    other = tmp_path / "ds.db"
    args = ["--db", str(other), "--commune", "X", "--date", "10/12/2025"]
    assert CliRunner().invoke(main, ["history", "import", str(lists), *args]).exit_code == 0
    result = CliRunner().invoke(main, ["eligible", "--as-of", "31/12/2026", "--db", str(other)])
    assert result.exit_code == 0, result.output
    assert "[/x]" in result.output and "Thôn 1 [mới]: 1" in result.output, result.output


@pytest.mark.parametrize("streamed", [True, False])
def test_a_refused_first_review_leaves_no_history_file(tmp_path: Path, sample_head: Path, streamed: bool) -> None:
    """``review ho.csv --db h.db --commune Khác`` for a file whose commune column says Xã Hưng Chính is refused
    (exit 2, "nothing written"), but it left a new, empty h.db behind: ``history list`` then showed an empty
    table instead of saying there is no history. A history with a review in it is never removed."""
    db = tmp_path / "h.db"
    output = ["-o", str(tmp_path / ("r.csv" if streamed else "r.xlsx"))]
    args = ["review", str(sample_head), "--date", "10/12/2026", "--db", str(db), *output, "-q"]
    refused = CliRunner().invoke(main, [*args, "--commune", "Khác"])
    assert refused.exit_code == 2 and "--commune là Khác" in refused.output, refused.output
    assert not db.exists() and sorted(p.name for p in tmp_path.iterdir()) == []
    listed = CliRunner().invoke(main, ["history", "list", "--db", str(db)])
    assert listed.exit_code == 2 and "chưa có tệp lịch sử" in listed.output
    assert CliRunner().invoke(main, [*args, "--commune", "Hưng Chính"]).exit_code == 1
    again = CliRunner().invoke(main, [*args, "--commune", "Khác", "--date", "10/12/2027"])
    assert again.exit_code == 2 and db.exists()  # its recorded review stays


def test_replace_with_no_review_of_that_date_says_nothing_was_replaced(tmp_path: Path) -> None:
    """`review --replace` meant to replace the review of 10/12/2025 but given --date 2025-12-11 recorded a
    second review of the year and said nothing: the officer believed the first one replaced. It now says
    that no review of that date was recorded (streamed and whole), and says nothing when one was replaced."""
    flags = ",".join(f"deprived_{i}" for i in ("employment", "dependency", "nutrition", "health_insurance"))
    households = tmp_path / "ho.csv"
    households.write_text(
        f"household_id,village,area,income_per_capita,{flags}\nH1,Thôn 1,rural,1000000,1,1,1,0\n"
        "H2,Thôn 1,rural,5000000,0,0,0,0\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    base = ["review", str(households), "--db", str(db), "--commune", "Tà Lèng"]
    assert _invoke(*base, "--date", "2025-12-10").exit_code in (0, 1)
    for output, day, lang, said in (
        ("a.csv", "2025-12-11", "vi", "chưa có lần rà soát nào của Tà Lèng ngày 11/12/2025 để thay"),
        ("b.xlsx", "2025-12-12", "en", "no review of Tà Lèng on 2025-12-12 was recorded, so nothing was replaced"),
    ):
        args = [*base, "--date", day, "--replace", "--lang", lang, "-o", str(tmp_path / output)]
        result = CliRunner(env={"COLUMNS": "400"}).invoke(main, args)
        assert said in result.output, result.output
    replaced = CliRunner(env={"COLUMNS": "400"}).invoke(main, [*base, "--date", "2025-12-10", "--replace"])
    assert "--replace:" not in replaced.output, replaced.output


def test_a_review_recorded_meanwhile_by_another_run_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two officers ran `review` of one commune and date on one history file at once: both looked before
    either had recorded, so both said they had recorded it and the second silently replaced the first
    (without --replace; their files could differ). The history is now checked again inside the recording
    transaction: the second run is refused as a second review of the date is, and writes no file."""
    import poverty_rules.cli._reviewing as reviewing

    flags = ",".join(f"deprived_{i}" for i in ("employment", "dependency", "nutrition", "health_insurance"))
    households = tmp_path / "ho.csv"
    households.write_text(
        f"household_id,village,area,income_per_capita,{flags}\nH1,Thôn 1,rural,1000000,1,1,1,0\n", encoding="utf-8"
    )
    db = tmp_path / "x.db"
    base = ["review", str(households), "--db", str(db), "--commune", "Tà Lèng", "--date", "2025-12-10"]
    assert _invoke(*base, "-o", str(tmp_path / "first.csv")).exit_code == 0
    recorded = db.read_bytes()
    monkeypatch.setattr(reviewing, "scope_refusal", lambda *args, **kwargs: None)  # looked before it was recorded
    for output in ("second.csv", "second.xlsx"):  # streamed and whole
        result = CliRunner().invoke(main, [*base, "-o", str(tmp_path / output)])
        assert result.exit_code == 2, result.output
        assert "đã ghi một lần rà soát Tà Lèng ngày 10/12/2025 (lần rà soát 1)" in result.output.replace("\n", "")
        assert not (tmp_path / output).exists()
    assert db.read_bytes() == recorded
    assert _invoke(*base, "-o", str(tmp_path / "third.csv"), "--replace").exit_code == 0  # --replace still replaces


def test_a_review_without_a_whole_village_of_the_last_one_says_so(tmp_path: Path) -> None:
    """A mid-year check of one village run as `review` (docs/review.md: a known gap) recorded every household
    of the other villages as gone and said only '3 hộ chưa rà soát': the year-end review then started from
    the one village. The review now names the villages none of whose households is in the file, what that
    records and how to remove the review (streamed and whole); a review of every village says nothing."""
    flags = ",".join(f"deprived_{i}" for i in ("employment", "dependency", "nutrition", "health_insurance"))
    rows = [f"H{n},{village},rural,1000000,1,1,1,0" for n, village in enumerate(["Thôn 1", "Thôn 2"] * 3)]
    whole, part = tmp_path / "ho.csv", tmp_path / "thon1.csv"
    whole.write_text("\n".join([f"household_id,village,area,income_per_capita,{flags}", *rows]) + "\n")
    part.write_text("\n".join([f"household_id,village,area,income_per_capita,{flags}", *rows[::2]]) + "\n")
    db = tmp_path / "x.db"
    wide = CliRunner(env={"COLUMNS": "400"})
    base = ["--db", str(db), "--commune", "Tà Lèng"]
    first = wide.invoke(main, ["review", str(whole), "--date", "2025-12-10", *base])
    assert first.exit_code == 0 and "Thôn 2" not in first.output.split("Nghèo")[0], first.output
    for output, day, lang, said in (
        ("a.csv", "2026-06-15", "vi", "không hộ nào của Thôn 2 có trong tệp: 3 hộ đã ghi ở lần rà soát trước"),
        ("b.xlsx", "2026-06-15", "en", "no household of Thôn 2 is in the file: 3 households recorded at the last"),
    ):
        args = ["review", str(part), "--date", day, *base, "-o", str(tmp_path / output), "--lang", lang, "--replace"]
        result = wide.invoke(main, args)
        assert result.exit_code == 0 and said in result.output, result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_first_review_on_a_full_disk_leaves_no_empty_history_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A first review whose new history file could not be written (a full disk: SQLite made the file, 0
    bytes, then could not write its tables) said 'the history is unchanged' yet left the empty h.db: the
    clean-up opened it to see whether it held a review, which tried to write it again and failed. An empty
    file is now removed without opening it; the next review on a disk with room is a first review again."""
    from poverty_rules.errors import HistoryError
    from poverty_rules.review.history import HistoryStore
    from poverty_rules.vocabulary import words as W

    def full(self: HistoryStore) -> None:  # what SQLite's SQLITE_FULL in the schema's transaction gives
        raise HistoryError.of(W.texts("h_write_failed", file=self.path))

    db = tmp_path / "h.db"
    args = ["review", str(SAMPLE), "--date", "10/12/2026", "--db", str(db), "-o", str(tmp_path / "r.csv")]
    with monkeypatch.context() as patch:
        patch.setattr(HistoryStore, "_migrate", full)
        result = CliRunner().invoke(main, [*args, "-q", "--lang", lang])
    assert result.exit_code == 2 and f"{db}: " in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert CliRunner().invoke(main, [*args, "-q"]).exit_code == 1


def test_the_movements_workbook_is_headed_in_the_runs_language(tmp_path: Path) -> None:
    """``review --movements bien_dong.xlsx`` under --lang vi wrote a sheet "Biến động" headed village,
    households, poor_start …: ids where an officer reads the table (``classify`` heads its .xlsx in the
    run's language). A workbook is now headed in --lang; the CSV keeps docs/review.md's ids."""
    import openpyxl

    src = tmp_path / "ho.csv"
    flags = ",".join(f"deprived_{i}" for i in ("employment", "dependency", "nutrition"))
    src.write_text(
        f"household_id,village,area,income_per_capita,{flags}\n"
        "H1,Thôn Đoài,rural,900000,1,1,1\nH2,Thôn Trung,rural,5000000,0,0,0\n",
        encoding="utf-8",
    )
    for lang, first, rate in (("vi", "Thôn", "Tỷ lệ hộ nghèo (%)"), ("en", "Village", "Poor rate (%)")):
        book, csv_path = tmp_path / f"bd_{lang}.xlsx", tmp_path / f"bd_{lang}.csv"
        for movements in (book, csv_path):
            args = ["review", str(src), "--date", "10/12/2026", "--db", str(tmp_path / f"{lang}.db"), "-q"]
            args += ["--commune", "X", "--lang", lang, "-o", str(tmp_path / f"out_{movements.suffix[1:]}_{lang}.csv")]
            result = _invoke(*args, "--movements", str(movements), *(["--replace"] if movements is csv_path else []))
            assert result.exit_code == 0, result.output
        header = [c.value for c in next(openpyxl.load_workbook(book).active.iter_rows(max_row=1))]
        assert header[0] == first and rate in header and "poor_start" not in header
        assert pd.read_csv(csv_path, dtype=str, encoding="utf-8-sig").columns[0] == "village"


def test_the_reviewed_workbook_is_headed_in_the_runs_language_and_reports_as_its_csv(tmp_path: Path) -> None:
    """review -o rv.xlsx --lang vi wrote status, not_poor, transition, unchanged … — ids where an officer
    reads the table (classify heads its workbook in --lang), because report could not read a labelled
    workbook back. The workbook is now headed and worded in --lang, and report of it writes the very
    CSV export of the reviewed CSV."""
    pytest.importorskip("openpyxl")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text("".join(lines[:201]), encoding="utf-8")
    table = pd.read_csv(year1, dtype=str, keep_default_na=False)
    income = pd.to_numeric(table["income_per_capita"], errors="coerce")
    factor = [1.9 if i % 3 == 0 else (0.6 if i % 3 == 1 else 1.0) for i in range(len(table))]
    table["income_per_capita"] = [
        t if v != v else str(int(v * f)) for t, v, f in zip(table["income_per_capita"], income, factor, strict=True)
    ]
    table.iloc[5:].to_csv(year2, index=False)  # five households left
    exports = []
    for name in ("rv.csv", "rv.xlsx"):
        db = tmp_path / f"{name}.db"
        assert _invoke("review", str(year1), "--date", "2025-12-10", "--db", str(db), "-o", str(tmp_path / "y1.csv"))
        done = _invoke("review", str(year2), "--date", "2026-12-10", "--db", str(db), "-o", str(tmp_path / name))
        assert done.exit_code in (0, 1), done.output
        folder = tmp_path / f"out_{name.replace('.', '_')}"  # a folder: no file extension (S2)
        result = _invoke("report", str(tmp_path / name), "-o", str(folder), "--format", "csv")
        assert result.exit_code == 0, result.output
        exports.append({p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.csv"))})
    assert exports[0] == exports[1]
    escaped = exports[1][Path("lists/escaped_poverty.csv")].splitlines()[1:]  # an escape was reported, and listed
    assert escaped and escaped[0].split(b",")[4] in exports[1][Path("lists/eligible.csv")]  # as eligible
    workbook = pd.read_excel(tmp_path / "rv.xlsx", dtype=str, engine="openpyxl")
    assert {"Phân loại", "Diễn biến", "Hưởng đến hết ngày", "Ngày rà soát"} <= set(workbook.columns)
    assert "status" not in workbook.columns and "Thoát nghèo" in set(workbook["Diễn biến"])


def test_a_workbook_keeps_the_officers_bien_dong_column_beside_the_movement(tmp_path: Path) -> None:
    """A household file with its own 'Biến động' column (the change: chuyển đến, chuyển đi …) lost it in a
    workbook written with labels — the movement's label is 'Biến động' too, and replaced it ('cột Biến động
    … được thay bằng kết quả'), so report read the movements as the changes. The movement now keeps its id
    there (transition = escaped_poverty …), and the officer's column is written as it was."""
    pytest.importorskip("openpyxl")
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=30)
    table["previous_status"] = "poor"
    table["Biến động"] = ["chuyển đến"] + [""] * (len(table) - 1)
    households = tmp_path / "ho.csv"
    table.to_csv(households, index=False)
    result = _invoke("classify", str(households), "-o", str(tmp_path / "x.xlsx"), "--as-of", "2025-12-01")
    assert result.exit_code in (0, 1) and "Biến động" not in result.output, result.output
    book = pd.read_excel(tmp_path / "x.xlsx", dtype=str, engine="openpyxl", keep_default_na=False)
    assert book["Biến động"].iloc[0] == "chuyển đến" and set(book["Biến động"].iloc[1:]) == {""}
    assert "Thoát nghèo" in set(book["Diễn biến"]) and "Phân loại" in book.columns  # the movement: its own header


def test_a_labelled_csv_keeps_the_officers_bien_dong_column_beside_the_movement(tmp_path: Path) -> None:
    """classify -o x.csv --headers labels (streamed batch by batch) replaced an officer's own 'Biến động'
    column (chuyển đến …) with the movement's words, as the workbook did: the movement keeps its id there
    now, and the officer's column is written as it was."""
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=30)
    table["previous_status"] = "poor"
    table["Biến động"] = ["chuyển đến"] + [""] * (len(table) - 1)
    households = tmp_path / "ho.csv"
    table.to_csv(households, index=False)
    out = tmp_path / "x.csv"
    result = _invoke("classify", str(households), "-o", str(out), "--as-of", "2025-12-01", "--headers", "labels")
    assert result.exit_code in (0, 1) and "Biến động" not in result.output, result.output
    written = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert written["Biến động"].iloc[0] == "chuyển đến" and set(written["Biến động"].iloc[1:]) == {""}
    assert "Thoát nghèo" in set(written["Diễn biến"]) and "Phân loại" in written.columns


def test_a_reviewed_workbooks_rejects_are_a_workbook_headed_as_classifys(tmp_path: Path, sample_head: Path) -> None:
    """review -o rv.xlsx, now headed in --lang, wrote its rejects file (always ho.rejects.csv) headed 'Row',
    'Column', 'Reason' where review -o rv.csv heads it row, column, reason. The rejects now take the output's
    format and name: rv.rejects.xlsx headed in --lang as classify's rejects workbook is, and a .csv review
    keeps the ids."""
    import openpyxl

    households = tmp_path / "ho.csv"
    households.write_bytes(sample_head.read_bytes())  # beside the output, where ho.rejects.csv was written
    for output in ("rv.xlsx", "rv2.csv"):
        db = str(tmp_path / f"{output}.db")
        args = ["review", str(households), "--date", "2025-12-10", "--db", db, "-o", str(tmp_path / output)]
        done = _invoke(*args, "--lang", "en")
        assert done.exit_code == 1, done.output  # the sample has rejected rows on purpose
    sheet = openpyxl.load_workbook(tmp_path / "rv.rejects.xlsx", read_only=True).active
    assert [cell.value for cell in next(sheet.iter_rows(max_row=1))][:3] == ["Row", "Column", "Reason"]
    header = (tmp_path / "rv2.rejects.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith('"row","column","reason","household_id"'), header
    assert not (tmp_path / "ho.rejects.csv").exists()


def test_a_labelled_workbook_classified_again_replaces_its_results(tmp_path: Path) -> None:
    """A labelled workbook classified again (the officer corrected a mark in it) got its new results headed
    status, deprived … beside the stale 'Phân loại', 'Các chỉ số thiếu hụt' once a label heading an input
    column kept its id; only a label heading another known column ('Biến động' = change_reason) keeps it,
    and the earlier results are replaced as before: the same workbook comes out."""
    pytest.importorskip("openpyxl")
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=30)
    households = tmp_path / "ho.csv"
    table.to_csv(households, index=False)
    first, again = tmp_path / "x.xlsx", tmp_path / "x2.xlsx"
    assert _invoke("classify", str(households), "-o", str(first), "--as-of", "2025-12-01").exit_code in (0, 1)
    assert _invoke("classify", str(first), "-o", str(again), "--as-of", "2025-12-01").exit_code in (0, 1)
    before, after = (pd.read_excel(p, dtype=str, engine="openpyxl", keep_default_na=False) for p in (first, again))
    assert "status" not in after.columns and list(after.columns) == list(before.columns)
    assert after.equals(before)


def test_a_workbook_with_movements_classified_or_reviewed_again_replaces_them(tmp_path: Path) -> None:
    """A labelled workbook holding its movements ('Biến động' = 'Thoát nghèo' …) classified or reviewed
    again kept those stale words beside a new 'transition' column (the header is also a household file's
    change column), and report of the new workbook then read them as changes: "cột change_reason: 'Không
    đổi'". Movement words under 'Biến động' are the earlier run's result, replaced as before."""
    pytest.importorskip("openpyxl")
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=30)
    table["previous_status"] = "poor"
    households = tmp_path / "ho.csv"
    table.to_csv(households, index=False)
    first, again = tmp_path / "x.xlsx", tmp_path / "x2.xlsx"
    assert _invoke("classify", str(households), "-o", str(first), "--as-of", "2025-12-01").exit_code in (0, 1)
    assert _invoke("classify", str(first), "-o", str(again), "--as-of", "2025-12-01").exit_code in (0, 1)
    before, after = (pd.read_excel(p, dtype=str, engine="openpyxl", keep_default_na=False) for p in (first, again))
    assert "Thoát nghèo" in set(before["Diễn biến"]) and "transition" not in after.columns
    assert after.equals(before)
    result = _invoke("report", str(again), "-o", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_clean_review_again_removes_the_earlier_rejects_file(tmp_path: Path, output: str) -> None:
    """A review that rejected a row, corrected and reviewed again with --replace: the first rejects file
    stayed beside the new files, listing a household now reviewed; it is now removed with the set, said."""
    households, db = tmp_path / "ho.csv", tmp_path / "c.db"
    households.write_text("household_id,area,income_per_capita\nA,rural,1000000\nB,mars,2000000\n", encoding="utf-8")
    args = ["review", str(households), "--date", "2025-12-10", "--db", str(db), "-o", str(tmp_path / output)]
    assert _invoke(*args, "--lang", "en").exit_code == 1
    stale = [p for p in tmp_path.iterdir() if ".rejects." in p.name]
    assert len(stale) == 1
    households.write_text("household_id,area,income_per_capita\nA,rural,1000000\nB,urban,2000000\n", encoding="utf-8")
    again = _invoke(*args, "--replace", "--lang", "en")
    assert again.exit_code == 0, again.output
    assert not stale[0].exists()
    assert "the earlier run's rejects file was removed" in " ".join(again.output.split())


def test_review_names_its_files_after_the_input_or_the_output_in_its_format(tmp_path: Path) -> None:
    """review ho.csv.gz wrote ho.csv.reviewed.csv, ho.csv.movements.csv and ho.csv.rejects.csv (classify says
    ho.classified.csv), and review -o ket_qua.xlsx wrote its rejects as a CSV (docs/input.md: the rejects take
    the output's format); they are now ho.reviewed.csv …, and ket_qua.rejects.xlsx beside ket_qua.xlsx."""
    import gzip

    text = b"household_id,area,income_per_capita\nA,rural,1000000\nB,mars,2000000\n"
    (tmp_path / "ho.csv.gz").write_bytes(gzip.compress(text))
    assert (
        _invoke("review", str(tmp_path / "ho.csv.gz"), "--date", "2025-12-10", "--db", str(tmp_path / "a.db")).exit_code
        == 1
    )
    names = {p.name for p in tmp_path.iterdir()}
    assert {"ho.reviewed.csv", "ho.movements.csv", "ho.not_reviewed.csv", "ho.rejects.csv"} <= names, names
    (tmp_path / "x").mkdir()
    out = tmp_path / "x" / "ket_qua.xlsx"
    args = [
        "review",
        str(tmp_path / "ho.csv.gz"),
        "--date",
        "2025-12-10",
        "--db",
        str(tmp_path / "b.db"),
        "-o",
        str(out),
    ]
    assert _invoke(*args).exit_code == 1
    rejects = tmp_path / "x" / "ket_qua.rejects.xlsx"
    assert rejects.read_bytes()[:2] == b"PK"  # a workbook
    assert not [p for p in (tmp_path / "x").iterdir() if p.suffix == ".csv" and "rejects" in p.name]


def test_two_villages_reviewed_into_one_folder_keep_their_movements_apart(tmp_path: Path) -> None:
    """review thon1/ho.csv -o out/thon1.csv then thon2/ho.csv -o out/thon2.csv both wrote out/ho.movements.csv,
    the second replacing the first village's table; with -o the movements are now named after the output."""
    (tmp_path / "out").mkdir()
    for village in ("thon1", "thon2"):
        (tmp_path / village).mkdir()
        (tmp_path / village / "ho.csv").write_text(
            f"household_id,area,income_per_capita,village\n{village}-1,rural,1000000,{village}\n", encoding="utf-8"
        )
        args = [
            "review",
            str(tmp_path / village / "ho.csv"),
            "--date",
            "2025-12-10",
            "-o",
            str(tmp_path / "out" / f"{village}.csv"),
        ]
        assert _invoke(*args, "--db", str(tmp_path / f"{village}.db"), "-q").exit_code == 0
    for village in ("thon1", "thon2"):
        assert village in (tmp_path / "out" / f"{village}.movements.csv").read_text(encoding="utf-8-sig")
    assert not (tmp_path / "out" / "ho.movements.csv").exists()


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_movements_workbook_counts_the_control_characters_it_replaced(tmp_path: Path, output: str) -> None:
    """review --movements bien_dong.xlsx wrote a village name's control character (a BEL pasted into the
    household file) as U+FFFD without a word, where the reviewed workbook counts such cells; it says so now."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,area,income_per_capita,village\nH1,rural,1000000,Th\x07on 1\nH2,rural,1000000,Thon 2\n",
        encoding="utf-8",
    )
    movements = tmp_path / "bien_dong.xlsx"
    args = ["review", str(households), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "--lang", "en"]
    result = _invoke(*args, "-o", str(tmp_path / output), "--movements", str(movements))
    assert result.exit_code == 0, result.output
    assert f"{movements}: 1 cell held control characters" in " ".join(result.output.split()), result.output


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])  # the streamed review and the whole-file one
def test_the_not_reviewed_file_names_each_households_commune(tmp_path: Path, suffix: str) -> None:
    """The not-reviewed file of a file with a commune column (Xã) left its ``commune`` column blank on every
    row (the commune was only in ``place_commune``), so an officer filtering it by commune found nobody; it
    now names the household's commune, as the reviewed file does."""
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False).head(40)
    first, second, db = tmp_path / f"y1{suffix}", tmp_path / f"y2{suffix}", tmp_path / "c.db"
    for path, part in ((first, frame), (second, frame.iloc[3:])):
        part.to_csv(path, index=False) if suffix == ".csv" else part.to_excel(path, index=False)
    assert _invoke("review", str(first), "--date", "2024-12-10", "--db", str(db)).exit_code in (0, 1)
    assert _invoke("review", str(second), "--date", "2025-12-10", "--db", str(db)).exit_code in (0, 1)
    missing = pd.read_csv(tmp_path / "y2.not_reviewed.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert missing["household_id"].tolist() == frame["household_id"].head(3).tolist()
    assert missing["commune"].tolist() == frame["commune"].head(3).tolist() == ["Xã Hưng Chính"] * 3


def test_a_vietnamese_review_heads_the_movement_apart_from_the_officers_change_column(tmp_path: Path) -> None:
    """review -o rv.xlsx of a file with the officer's change column 'Biến động' (chuyển đến …) headed the
    movement 'transition' (its label 'Biến động' was taken) beside 'Biến động (chữ)', the movement's words
    beside the officer's column of the same name. The movement is headed 'Diễn biến' / 'Diễn biến (chữ)'
    now, and a workbook an earlier version wrote (its movement under 'Biến động') is replaced as before."""
    pytest.importorskip("openpyxl")
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=30)
    table["previous_status"] = "poor"
    table["Biến động"] = ["chuyển đến"] + [""] * (len(table) - 1)
    households, db = tmp_path / "ho.csv", tmp_path / "h.db"
    table.to_csv(households, index=False)
    args = ["review", str(households), "--date", "2025-12-10", "--db", str(db), "-o", str(tmp_path / "rv.xlsx")]
    result = _invoke(*args)
    assert result.exit_code in (0, 1), result.output
    book = pd.read_excel(tmp_path / "rv.xlsx", dtype=str, engine="openpyxl", keep_default_na=False)
    assert "transition" not in book.columns and "Biến động (chữ)" not in book.columns
    assert book["Biến động"].iloc[0] == "chuyển đến" and "Thoát nghèo" in set(book["Diễn biến"])
    assert "Diễn biến (chữ)" in book.columns
    result = _invoke("report", str(tmp_path / "rv.xlsx"), "-o", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 0, result.output
    # a workbook written before: the movement under 'Biến động', classified again
    plain = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, nrows=30).assign(previous_status="poor")
    plain.to_csv(households, index=False)
    first, again = tmp_path / "x.xlsx", tmp_path / "x2.xlsx"
    assert _invoke("classify", str(households), "-o", str(first), "--as-of", "2025-12-01").exit_code in (0, 1)
    old = pd.read_excel(first, dtype=str, engine="openpyxl", keep_default_na=False).rename(
        columns={"Diễn biến": "Biến động"}
    )
    old.to_excel(first, index=False)
    assert _invoke("classify", str(first), "-o", str(again), "--as-of", "2025-12-01").exit_code in (0, 1)
    after = pd.read_excel(again, dtype=str, engine="openpyxl", keep_default_na=False)
    assert list(after.columns) == list(old.columns) and after.equals(old)


def test_the_movements_table_keeps_each_villages_end_its_next_start_when_a_household_moves(tmp_path: Path) -> None:
    """A poor household of Xóm Chợ in 2024 lives in Thôn Hạ in 2025: the review's movements table started Thôn
    Hạ with 1 poor household (0 at its 2024 end) and Xóm Chợ with 2 (3). It now leaves Xóm Chợ (an other exit)
    and arrives in Thôn Hạ (new on its list); the total counts it as staying; streamed (small batches) and whole
    (a workbook output) alike."""
    base = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    base = base[base["village"].isin(["Xóm Chợ", "Thôn Hạ"])].groupby("village").head(40)
    y1, y2 = tmp_path / "y1.csv", tmp_path / "y2.csv"
    base.to_csv(y1, index=False)
    base.loc[base["household_id"] == "HC-01-0023", "village"] = "Thôn Hạ"  # poor in Xóm Chợ in 2024
    base.to_csv(y2, index=False)
    tables = []
    for output, extra in (("r2.csv", ["--batch-bytes", "2048"]), ("r2.xlsx", [])):
        db = tmp_path / f"{output}.db"
        assert _invoke("review", str(y1), "--date", "2024-12-10", "--db", str(db), "-o", str(tmp_path / "r1.csv"))
        args = ["review", str(y2), "--date", "2025-12-10", "--db", str(db), "-o", str(tmp_path / output), *extra]
        result = _invoke(*args, "--movements", str(tmp_path / f"{output}.movements.csv"))
        assert result.exit_code == 0, result.output
        tables.append(pd.read_csv(tmp_path / f"{output}.movements.csv", encoding="utf-8-sig").set_index("village"))
    before = pd.read_csv(tmp_path / "r1.movements.csv", encoding="utf-8-sig").set_index("village")
    for table in tables:
        for village in ("Xóm Chợ", "Thôn Hạ"):
            assert table.loc[village, "poor_start"] == before.loc[village, "poor_end"], village
        assert table.loc["Xóm Chợ", ["poor_start", "poor_not_reviewed", "poor_end"]].tolist() == [3, 1, 2]
        assert table.loc["Thôn Hạ", ["poor_start", "poor_new", "poor_end"]].tolist() == [0, 1, 1]
        total = table.iloc[-1]
        assert [total["poor_start"], total["poor_new"], total["poor_not_reviewed"], total["poor_end"]] == [3, 0, 0, 3]
    pd.testing.assert_frame_equal(tables[0], tables[1])


def test_the_screen_table_shows_undetermined_households_apart_from_other_exits() -> None:
    """2027's file lacked the new standard's indicators: 17 near-poor households were undetermined, and the
    review's screen table said '17' under 'Ra khác' (other exits) though they stay on their list and start the
    next review. They have a column of their own now ('Chưa xác định'); 'Ra khác' counts those that left."""
    from poverty_rules.cli._reviewing import _movements_tables
    from poverty_rules.review.yearly import movements

    classified = pd.DataFrame(
        {
            "village": ["Thôn 1"] * 3,
            "status": ["undetermined", "near_poor", "not_poor"],
            "start_status": ["near_poor", "near_poor", "near_poor"],
            "transition": ["", "unchanged", "escaped_near_poverty"],
        }
    )
    gone = pd.DataFrame({"village": ["Thôn 1"], "status": ["near_poor"]})
    table = _movements_tables(movements(classified, gone), "vi")[1]
    cells = {str(column.header): list(column.cells) for column in table.columns}
    assert cells["Chưa xác định"] == ["1", "1"] and cells["Ra khác"] == ["1", "1"]
    assert cells["Đầu kỳ"] == ["4", "4"] and cells["Cuối kỳ"] == ["1", "1"]


def test_the_support_window_has_one_name_in_every_workbook_and_the_old_one_is_read_back(tmp_path: Path) -> None:
    """A review's workbook headed the support window 'Hưởng chính sách đến' where history show and eligible
    head it 'Hưởng đến hết ngày' (the last day included): one name now, and a workbook an earlier version
    headed 'Hưởng chính sách đến' is still read back as eligible_until, its days as ISO dates."""
    pytest.importorskip("openpyxl")
    from poverty_rules.results.labels import unlabel_results

    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:21]), encoding="utf-8")
    db = tmp_path / "h.db"
    reviewed, shown = tmp_path / "rv.xlsx", tmp_path / "show.xlsx"
    done = _invoke("review", str(households), "--date", "2025-12-10", "--db", str(db), "-o", str(reviewed))
    assert done.exit_code in (0, 1), done.output
    assert _invoke("history", "show", "1", "--db", str(db), "-o", str(shown)).exit_code == 0
    assert "Hưởng đến hết ngày" in pd.read_excel(reviewed, dtype=str, engine="openpyxl").columns
    assert "Hưởng đến hết ngày" in pd.read_excel(shown, dtype=str, engine="openpyxl").columns
    old = pd.DataFrame({"Mã hộ": ["H1", "H2"], "Phân loại": ["Hộ nghèo", "Hộ nghèo"]})
    old["Hưởng chính sách đến"] = ["09/12/2028", ""]
    back = unlabel_results(old, lambda frame: None, source="cu.xlsx")
    assert back["eligible_until"].tolist() == ["2028-12-09", ""]


def test_a_review_under_the_next_standard_drops_last_years_designation_column(tmp_path: Path) -> None:
    """review ho_2026.reviewed.xlsx --date 2027-12-10 (vn-2027-2030 has no low_income_worker designation)
    kept last year's 'Hộ có người lao động thu nhập thấp' column (a CSV: low_income_worker) beside the 2027
    results, not named among the replaced columns, so it read as this review's. It is now dropped and
    named in the replaced columns' note, in a workbook and in a CSV, whole and streamed."""
    pytest.importorskip("openpyxl")
    households = tmp_path / "ho_2026.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:11]), encoding="utf-8")
    for suffix, column, extra in (
        (".xlsx", "Hộ có người lao động thu nhập thấp", ()),
        (".csv", "low_income_worker", ()),
        (".csv", "low_income_worker", ("--batch-bytes", "1024")),
    ):
        db = tmp_path / f"h{len(extra)}{suffix}.db"
        reviewed = tmp_path / f"ho_2026.reviewed{len(extra)}{suffix}"
        done = _invoke("review", str(households), "--date", "2026-12-10", "--db", str(db), "-o", str(reviewed))
        assert done.exit_code in (0, 1), done.output
        again = tmp_path / f"ho_2027{len(extra)}{suffix}"
        args = ["review", str(reviewed), "--date", "2027-12-10", "--db", str(db), "-o", str(again), "--lang", "en"]
        ran = _invoke(*args, *extra)
        assert ran.exit_code in (0, 1), ran.output
        read = (
            pd.read_excel(again, dtype=str, engine="openpyxl") if suffix == ".xlsx" else pd.read_csv(again, dtype=str)
        )
        assert column not in read.columns, (extra, list(read.columns))
        assert column in " ".join(line for line in ran.output.splitlines() if "replaced" in line), ran.output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # streamed, and whole (a workbook)
def test_a_stop_as_the_review_is_recorded_waits_for_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Ctrl-C (or SIGTERM) that came once the history had recorded the review, before its files were put in
    place, left the review recorded with no file (or the previous run's) and said "the history does not
    record the unfinished run". From the record until the files are in place a stop now waits: the review
    ends done, its files and its record together."""
    import os
    import signal

    if output.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    from poverty_rules.review.history import HistoryStore

    recording = HistoryStore.record_prepared

    def stopped_after(self: HistoryStore, prepared: object, **kwargs: object) -> int:
        review_id = recording(self, prepared, **kwargs)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGINT)  # the officer's Ctrl-C, just after the commit
        return review_id

    monkeypatch.setattr(HistoryStore, "record_prepared", stopped_after)
    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]), encoding="utf-8")
    db, out = tmp_path / "h.db", tmp_path / output
    done = _invoke("review", str(households), "--date", "10/12/2025", "--db", str(db), "-o", str(out))
    assert done.exit_code in (0, 1), done.output
    assert "đã dừng" not in done.output
    assert out.exists() and (tmp_path / "out.movements.csv").exists() and (tmp_path / "out.not_reviewed.csv").exists()
    assert _invoke("history", "show", "1", "--db", str(db)).exit_code == 0


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # streamed, and whole (a workbook)
def test_a_review_whose_file_is_open_in_excel_says_it_was_recorded_and_how_to_mend_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """The movements file open in Excel (Windows refuses to replace it) after the history had recorded the
    review: the run said only "cannot write to the folder" (exit 2, as if nothing was written) while the
    history held the review and the reviewed file was already the new one. It now says the review is
    recorded (its id and date), which files are new and which still hold the previous run's, that the
    movements file is open or read-only, and to run the same command again with --replace; that run puts
    the files in line with the history."""
    import os

    if output.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]), encoding="utf-8")
    db, out = tmp_path / "h.db", tmp_path / output
    movements = tmp_path / "out.movements.csv"
    args = ["review", str(households), "--date", "10/12/2025", "--db", str(db), "-o", str(out)]
    movements.write_text("village\nopen in Excel\n", encoding="utf-8")
    replace = os.replace

    def locked(src: object, dst: object) -> None:
        if str(dst) == str(movements):
            raise PermissionError(13, "Access is denied", str(dst))
        replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", locked)
    for lang, said in (
        ("vi", ["lần rà soát 1 ngày 10/12/2025 đã được ghi vào lịch sử", "đang mở trong một chương trình khác"]),
        ("en", ["review 1 of 2025-12-10 was recorded in the history", "open in another program"]),
    ):
        ran = _invoke(*args, "--lang", lang, *(["--replace"] if lang == "en" else []))
        text = ran.output.replace("\n", "")
        assert ran.exit_code == 2, ran.output
        assert all(words in text for words in said), ran.output
        assert "--replace" in text and str(movements) in text and str(out) in text
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert movements.read_text(encoding="utf-8") == "village\nopen in Excel\n"  # kept, not half-replaced
    monkeypatch.setattr(os, "replace", replace)  # Excel closed
    listed = _invoke("history", "list", "--db", str(db)).output.replace("\n", "")  # the files not in place alone
    assert "lần rà soát 1 ngày 10/12/2025" in listed and str(movements) in listed and str(out) not in listed, listed
    again = _invoke(*args, "--replace")
    assert again.exit_code in (0, 1), again.output
    assert "open in Excel" not in movements.read_text(encoding="utf-8-sig")


def test_a_village_written_otherwise_only_in_case_or_spaces_is_the_same_village(tmp_path: Path) -> None:
    """Xóm Chợ's households reviewed in 2024, then written 'xóm  chợ' in 2025's file: every one of them read
    as moving village (start_village 'Xóm Chợ'), so the movements table and report --db's R2 started 'xóm
    chợ' at 0 poor and 'Xóm Chợ' left all its poor as other exits. A village written otherwise only in
    letter case or spaces is now the same village: no household moves, the start is the last review's end;
    a real move (to Thôn Hạ) still counts as one."""
    base = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    base = base[base["village"].isin(["Xóm Chợ", "Thôn Hạ"])].groupby("village").head(40)
    y1, y2 = tmp_path / "y1.csv", tmp_path / "y2.csv"
    base.to_csv(y1, index=False)
    base.loc[base["village"] == "Xóm Chợ", "village"] = " xóm  chợ"
    base.loc[base["household_id"] == "HC-01-0023", "village"] = "Thôn Hạ"  # poor in Xóm Chợ in 2024: moved
    base.to_csv(y2, index=False)
    db = tmp_path / "h.db"
    assert _invoke("review", str(y1), "--date", "2024-12-10", "--db", str(db), "-o", str(tmp_path / "r1.csv"))
    result = _invoke("review", str(y2), "--date", "2025-12-10", "--db", str(db), "-o", str(tmp_path / "r2.csv"))
    assert result.exit_code == 0, result.output
    reviewed = pd.read_csv(tmp_path / "r2.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    moved = reviewed[reviewed["start_village"] != ""]
    assert moved["household_id"].tolist() == ["HC-01-0023"]
    assert moved["start_village"].tolist() == [" xóm  chợ"]  # the village as this year's file writes it
    before = pd.read_csv(tmp_path / "r1.movements.csv", encoding="utf-8-sig").set_index("village")
    table = pd.read_csv(tmp_path / "r2.movements.csv", encoding="utf-8-sig").set_index("village")
    assert [v for v in table.index if "chợ" in v.lower()] == [" xóm  chợ"]  # one row, as the file writes it now
    assert table.loc[" xóm  chợ", ["poor_start", "poor_not_reviewed", "poor_end"]].tolist() == [
        before.loc["Xóm Chợ", "poor_end"],
        1,
        before.loc["Xóm Chợ", "poor_end"] - 1,
    ]
    result = _invoke("report", "--db", str(db), "--date", "2025-12-10", "--format", "csv", "-o", str(tmp_path / "rep"))
    assert result.exit_code == 0, result.output
    r2 = pd.read_csv(tmp_path / "rep" / "r2.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rows = r2[(r2["level"] == "village") & (r2["row"] == "households")].set_index("village")
    assert list(rows.index) == ["Thôn Hạ", "xóm  chợ"] and rows.loc["xóm  chợ", "c4"] == "1"  # the one that moved


def test_a_review_whose_output_is_open_in_excel_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewed or movements file of the last run left open in Excel (Windows locks it) or made read-only:
    the review did all its work and recorded the history before the rename failed. Such a file is now found
    before any work (opened for writing, nothing written): refused naming it, in --lang, exit 2, the history
    and every file as they were."""
    import errno
    import os

    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]), encoding="utf-8")
    db = tmp_path / "h.db"
    args = ["review", str(households), "--date", "10/12/2025", "--db", str(db), "-q"]
    assert _invoke(*args).exit_code in (0, 1)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    opening = os.open
    for locked_name in ("ho.movements.csv", "ho.not_reviewed.csv"):
        locked = tmp_path / locked_name

        def refused(path: object, flags: int, *rest: object, locked: Path = locked) -> int:
            if str(path) == str(locked) and flags & os.O_WRONLY:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return opening(path, flags, *rest)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refused)
        for lang, said in (("vi", "đang mở trong một chương trình khác (Excel)"), ("en", "open in another program")):
            ran = _invoke(*args, "--replace", "--lang", lang)
            text = ran.output.replace("\n", "")
            assert ran.exit_code == 2 and said in text and str(locked) in text, ran.output
        monkeypatch.setattr(os, "open", opening)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # history and files unchanged


def test_a_review_cut_off_between_its_record_and_its_files_is_said_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The laptop's power lost (or the program killed) once the history had recorded the corrected review,
    before its files were put in place: the history held the correction, the files the uncorrected run, and
    no later run said so (the same command was refused as 'already recorded'). The history now keeps the
    files a review was putting in place until they are (migration 10): history list and the next review
    name the review and its files, and the review run again with --replace puts them in line."""
    import os

    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    households, corrected = tmp_path / "ho.csv", tmp_path / "ho_sua.csv"
    households.write_text("".join(lines[:31]), encoding="utf-8")
    corrected.write_text("".join(lines[:26]), encoding="utf-8")
    db, out = tmp_path / "h.db", tmp_path / "kq.csv"
    args = ["--date", "10/12/2025", "--db", str(db), "-o", str(out), "-q"]
    assert _invoke("review", str(households), *args).exit_code in (0, 1)
    first = out.read_bytes()
    replace = os.replace

    def cut_off(src: object, dst: object) -> None:
        raise SystemExit(137)  # the process ends here, as a kill would: no rename, no word

    monkeypatch.setattr(os, "replace", cut_off)
    assert CliRunner().invoke(main, ["review", str(corrected), *args, "--replace"]).exit_code == 137
    monkeypatch.setattr(os, "replace", replace)
    assert out.read_bytes() == first  # the files of the uncorrected run, the history of the corrected one
    for lang, said in (
        ("vi", "lần rà soát 1 ngày 10/12/2025 đã được ghi vào lịch sử nhưng các tệp kết quả của nó chưa bao giờ"),
        ("en", "review 1 of 2025-12-10 was recorded in the history, but its files were never put in place"),
    ):
        listed = _invoke("history", "list", "--db", str(db), "--lang", lang).output.replace("\n", "")
        assert said in listed and str(out) in listed and "--replace" in listed, listed
        refused = _invoke("review", str(corrected), *args, "--lang", lang)
        assert refused.exit_code == 2 and said in refused.output.replace("\n", ""), refused.output
    again = _invoke("review", str(corrected), *args, "--replace")
    assert again.exit_code in (0, 1) and out.read_bytes() != first
    assert "đã được ghi vào lịch sử nhưng" not in _invoke("history", "list", "--db", str(db)).output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # streamed, and whole (a workbook)
def test_a_stop_while_a_done_review_is_summed_up_does_not_say_it_was_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Ctrl-C while the movement tables of a finished review were printed (its history recorded, its files in
    place) ended with "stopped … the history does not record the unfinished run", exit 2: both false. The
    summary of a done review is now said to its end, and the run ends with the review's exit code."""
    import os
    import signal

    if output.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    import poverty_rules.cli._reviewing as reviewing

    tables = reviewing._movements_tables

    def stopped_while_said(*args: object, **kwargs: object) -> object:
        os.kill(os.getpid(), signal.SIGINT)
        return tables(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reviewing, "_movements_tables", stopped_while_said)
    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]), encoding="utf-8")
    db, out = tmp_path / "h.db", tmp_path / output
    done = _invoke("review", str(households), "--date", "10/12/2025", "--db", str(db), "-o", str(out))
    assert done.exit_code in (0, 1) and "đã dừng" not in done.output, done.output
    assert out.exists() and _invoke("history", "show", "1", "--db", str(db)).exit_code == 0


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # streamed, and whole (a workbook)
def test_the_unfinished_files_a_cut_off_review_left_are_removed_by_the_next_run(tmp_path: Path, output: str) -> None:
    """A review killed (power lost) while it wrote left its hidden temporary files beside the outputs
    (.out.csv.k2j3_x9a.tmp, 12 MB for 45,000 households), and no later run removed them or said a word: a
    district's folder filled up run after run. The next review removes those older than an hour, says so,
    and names (keeps) a younger one, which another run may be writing."""
    import os
    import time

    if output.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]), encoding="utf-8")
    old, young = tmp_path / f".{output}.k2j3_x9a.tmp", tmp_path / ".out.movements.csv.abcd1234.tmp"
    for lang, said_old, said_young in (
        ("vi", "đã xóa các tệp dở mà một lần chạy bị cắt ngang", "của một lần chạy khác đang ghi"),
        ("en", "removed the unfinished files a run cut off", "of another run writing now"),
    ):
        old.write_bytes(b"half a file")
        young.write_bytes(b"being written")
        os.utime(old, (time.time() - 7200, time.time() - 7200))
        db = tmp_path / f"h_{lang}.db"
        args = ["review", str(households), "--date", "10/12/2025", "--db", str(db), "-o", str(tmp_path / output)]
        done = _invoke(*args, "--lang", lang)
        text = done.output.replace("\n", "")
        assert done.exit_code in (0, 1), done.output
        assert said_old in text and str(old) in text and said_young in text and str(young) in text, done.output
        assert not old.exists() and young.exists()
    quiet = _invoke(*args, "--replace", "-q")
    assert quiet.exit_code in (0, 1) and str(young) not in quiet.output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # streamed, and whole (a workbook)
def test_a_stop_while_the_history_is_written_stops_the_review_and_records_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Ctrl-C while a large review's rows were written to the history (seconds for a district) is a stop: the
    record is rolled back, the files stay as they were and the run says it stopped, exit 2. Only from the
    record's commit does a stop wait for the files."""
    import os
    import signal

    if output.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    import poverty_rules.review.history as history

    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:31]), encoding="utf-8")
    db, out = tmp_path / "h.db", tmp_path / output
    args = ["review", str(households), "--date", "10/12/2025", "--db", str(db), "-o", str(out)]
    assert _invoke(*args, "-q").exit_code in (0, 1)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    inserting = history._insert_blocks

    def stopped_while_written(*a: object, **k: object) -> None:
        inserting(*a, **k)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(history, "_insert_blocks", stopped_while_written)
    stopped = _invoke(*args, "--replace")
    assert stopped.exit_code == 2 and "đã dừng" in stopped.output, stopped.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_code_recorded_with_its_apostrophe_is_found_in_this_years_file(tmp_path: Path) -> None:
    """An export that writes '001 into the cell writes it every year, and a version before 4979bd8 recorded
    it so ('H1). Since 4979bd8 reads this year's 'H1 as H1, the history's 'H1 was another household: every
    household of the file was new and every one of last year's 'not reviewed' (H1's escape from poverty
    recorded nowhere). The history's codes are now read as a file's are: last year's 'H1 is this year's H1."""
    from poverty_rules.review.history import HistoryStore

    db = tmp_path / "xa.db"
    with HistoryStore(db) as store:  # as the earlier version recorded the 2024 file: codes as the cells held them
        frame = pd.DataFrame({"household_id": ["'H1", "'H2"], "village": ["Thôn 1", "Thôn 1"], "status": ["poor"] * 2})
        store.record_review("2024-12-01", "Xã A", "vn-2022-2026", None, frame)
    households = tmp_path / "ho_2025.csv"
    households.write_text(
        "household_id,village,area,income_per_capita\n'H1,Thôn 1,rural,3000000\nH2,Thôn 1,rural,1000000\n",
        encoding="utf-8",
    )
    out = tmp_path / "ho_2025.reviewed.csv"
    args = ["review", str(households), "--db", str(db), "--date", "2025-12-01", "--commune", "Xã A", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    reviewed = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert reviewed["previous_status"].tolist() == ["poor", "poor"], reviewed.to_string()
    assert reviewed["transition"].tolist()[0] == "escaped_poverty", reviewed.to_string()
    not_reviewed = pd.read_csv(tmp_path / "ho_2025.not_reviewed.csv", dtype=str, encoding="utf-8-sig")
    assert not_reviewed.empty, not_reviewed.to_string()


def test_review_explain_writes_the_reason_after_the_movement_and_window(tmp_path: Path) -> None:
    """review --explain wrote 'reason' (Lý do) before previous_status … transition, eligible_until, where
    docs/design.md's Output orders transition, eligible_until, then reason, as classify --explain writes them;
    the reason now follows eligible_until (the review's own recognized_on, transition_label and review_date
    after it), in the CSV and the workbook."""
    path = tmp_path / "ho.csv"
    path.write_text("household_id,area,income_per_capita\nH1,rural,5000000\n", encoding="utf-8")
    out = tmp_path / "ho.reviewed.csv"
    run = ["review", str(path), "--date", "2025-12-01", "--db", str(tmp_path / "h.db"), "--commune", "X", "-q"]
    result = CliRunner().invoke(main, [*run, "--explain", "-o", str(out)])
    assert result.exit_code == 0, result.output
    header = list(pd.read_csv(out, nrows=0).columns)
    assert header.index("transition") < header.index("eligible_until") < header.index("reason"), header
    assert header.index("reason") == header.index("eligible_until") + 1, header


@pytest.mark.parametrize("streamed", [True, False])
def test_households_imported_without_a_village_and_gone_are_no_absent_village(tmp_path: Path, streamed: bool) -> None:
    """A list imported without its Thôn column (docs/review.md: history import), then a year-end review of the
    whole commune in which one of its households is gone: the review said 'no household of — is in the file: 1
    household recorded at the last review now recorded as gone … remove this review', naming no village and
    asking to undo a whole review; households recorded with no village are no village the file left out."""
    (tmp_path / "ds.csv").write_text(
        "household_id,status,year\nH0,nghèo,2025\nH1,cận nghèo,2025\nGONE,nghèo,2025\n", encoding="utf-8"
    )
    db = tmp_path / "h.db"
    base = ["--db", str(db), "--commune", "Tà Lèng"]
    assert _invoke("history", "import", str(tmp_path / "ds.csv"), *base).exit_code == 0  # type: ignore[attr-defined]
    flags = ",".join(f"deprived_{i}" for i in ("employment", "dependency", "nutrition", "health_insurance"))
    rows = [f"H{n},{village},rural,1000000,1,1,1,0" for n, village in enumerate(["Thôn 1", "Thôn 2"] * 2)]
    (tmp_path / "ho.csv").write_text("\n".join([f"household_id,village,area,income_per_capita,{flags}", *rows]) + "\n")
    args = ["review", str(tmp_path / "ho.csv"), "--date", "2026-12-10", *base, "--lang", "en"]
    result = CliRunner(env={"COLUMNS": "400"}).invoke(
        main, args if streamed else [*args, "-o", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert "1 not reviewed" in result.output and "no household of" not in result.output, result.output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_district_review_counts_same_named_villages_of_two_communes_apart(tmp_path: Path, output: str) -> None:
    """A district's review (docs/review.md: one run, several communes) whose communes both have a "Thôn 1":
    the movements table (screen and file) counted them as one village, both communes' households, starts,
    escapes and households gone added together, so no commune could read its own movements. Each village is
    now counted in its commune and named with it ("Thôn 1 — Xã A"), whole and streamed; a review of one
    commune names its villages alone, as before."""
    marks = ["employment", "nutrition", "water"]
    header = "household_id,commune,village,area,income_per_capita," + ",".join(f"deprived_{m}" for m in marks) + "\n"
    year1 = tmp_path / "ho_2025.csv"
    year1.write_text(
        header + "1,Xã A,Thôn 1,rural,1000000,1,1,1\n2,Xã A,Thôn 1,rural,9000000,0,0,0\n"
        "1,Xã B,Thôn 1,rural,1000000,1,1,1\n2,Xã B,Thôn 2,rural,1000000,1,1,1\n",
        encoding="utf-8",
    )
    year2 = tmp_path / "ho_2026.csv"  # Xã A's household 1 escaped; Xã B's household 1 left
    year2.write_text(
        header
        + "1,Xã A,Thôn 1,rural,9000000,0,0,0\n2,Xã A,Thôn 1,rural,9000000,0,0,0\n2,Xã B,Thôn 2,rural,1000000,1,1,1\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    for path, day in ((year1, "10/12/2025"), (year2, "10/12/2026")):
        ran = _invoke("review", str(path), "--date", day, "--db", str(db), "-o", str(tmp_path / output), "-q")
        assert ran.exit_code == 0, ran.output
    moves = pd.read_csv(tmp_path / "out.movements.csv", dtype=str, encoding="utf-8-sig").set_index("village")
    terms = ["households", "not_reviewed", "poor_start", "poor_escaped", "poor_not_reviewed", "poor_end"]
    counted = {village: "".join(row[terms]) for village, row in moves.iterrows()}
    expected = {"Thôn 1 — Xã A": "201100", "Thôn 1 — Xã B": "011010", "Thôn 2 — Xã B": "101001"}
    assert counted == {**expected, "Tổng cộng": "313111"}, counted
    alone = tmp_path / "a.csv"
    alone.write_text(header + "1,Xã A,Thôn 1,rural,1000000,1,1,1\n", encoding="utf-8")
    ran = _invoke("review", str(alone), "--date", "10/12/2026", "--db", str(tmp_path / "a.db"), "-q")
    assert ran.exit_code == 0, ran.output
    assert pd.read_csv(tmp_path / "a.movements.csv", dtype=str, encoding="utf-8-sig")["village"].tolist() == [
        "Thôn 1",
        "Tổng cộng",
    ]


def test_a_commune_written_two_ways_keeps_one_row_per_village_in_the_movements(tmp_path: Path) -> None:
    """A commune recorded by its code whose name the file writes otherwise this year ("Xã A" last year,
    "Phường A" now, or another letter case): the movements table counts its villages by village alone, one
    row each, its households gone included, and says no village is missing (counting villages in their commune
    must not part one commune written two ways)."""
    header = "household_id,commune_code,commune,village,area,income_per_capita,deprived_employment,deprived_water\n"
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text(header + "1,03001,Xã A,Thôn 1,rural,9000000,0,0\n2,03001,Xã A,Thôn 1,rural,9000000,0,0\n")
    year2.write_text(header + "1,03001,Phường A,Thôn 1,rural,9000000,0,0\n")
    db = tmp_path / "h.db"
    for path, day in ((year1, "10/12/2025"), (year2, "10/12/2026")):
        ran = _invoke("review", str(path), "--date", day, "--db", str(db), "--lang", "en")
        assert ran.exit_code == 0, ran.output
    assert "no household of" not in ran.output.replace("\n", " "), ran.output
    moves = pd.read_csv(tmp_path / "ho_2026.movements.csv", dtype=str, encoding="utf-8-sig")
    assert moves[["village", "households", "not_reviewed"]].values.tolist() == [
        ["Thôn 1", "1", "1"],
        ["Total", "1", "1"],
    ]


def test_a_review_with_one_rejected_row_says_one_household(tmp_path: Path) -> None:
    """A review of a file whose one row was rejected (a household code used twice) closed with '1 households
    rejected, see …' in English; it now says '1 household rejected', and '2 households' for two."""
    head = "household_id,area,income_per_capita\n"
    for rows, words in ((["H1", "H1"], "1 household rejected"), (["H1", "H1", "H1"], "2 households rejected")):
        src = tmp_path / f"ho_{len(rows)}.csv"
        src.write_text(head + "".join(f"{h},rural,9000000\n" for h in rows), "utf-8")
        db = tmp_path / f"h_{len(rows)}.db"
        args = ["review", str(src), "--date", "2025-12-10", "--db", str(db), "--commune", "X", "--lang", "en"]
        run = CliRunner().invoke(main, args)
        said = " ".join(run.output.split())
        assert run.exit_code == 1 and words in said, said


def test_a_district_reviews_households_of_no_village_are_named_by_their_commune(tmp_path: Path) -> None:
    """In a review of several communes, a commune's households whose village cell is blank were counted in the
    movements under the label " (Xã A)" (a leading space, no village): they are under "Xã A"."""
    header = "household_id,commune,village,area,income_per_capita,deprived_employment,deprived_water\n"
    year = tmp_path / "ho.csv"
    year.write_text(
        header + "1,Xã A,,rural,9000000,0,0\n2,Xã A,Thôn 1,rural,9000000,0,0\n3,Xã B,Thôn 1,rural,9000000,0,0\n"
    )
    ran = _invoke("review", str(year), "--date", "10/12/2026", "--db", str(tmp_path / "h.db"), "-q")
    assert ran.exit_code == 0, ran.output
    moves = pd.read_csv(tmp_path / "ho.movements.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert moves["village"].tolist() == ["Xã A", "Thôn 1 — Xã A", "Thôn 1 — Xã B", "Tổng cộng"], moves[
        "village"
    ].tolist()


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_two_communes_of_one_name_each_with_its_code_are_apart_in_the_movements(tmp_path: Path, output: str) -> None:
    """A district's review holding two communes both named "Xã A", with their own codes (Mã xã 03001 and
    05007, as after the 2025 mergers): the movements table counted them as one commune, "Thôn 1 (Xã A)"
    adding both communes' households, starts and households gone. Each code is now a commune of its own,
    named with its code ("Thôn 1 — Xã A (03001)"), whole and streamed; a name no other code shares is as
    before ("Thôn 1 — Xã B")."""
    header = "household_id,commune_code,commune,village,area,income_per_capita,deprived_employment,deprived_water"
    header += ",deprived_nutrition\n"
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text(
        header + "1,03001,Xã A,Thôn 1,rural,1000000,1,1,1\n2,03001,Xã A,Thôn 1,rural,9000000,0,0,0\n"
        "1,05007,Xã A,Thôn 1,rural,1000000,1,1,1\n2,05007,Xã A,Thôn 1,rural,9000000,0,0,0\n"
        "1,04002,Xã B,Thôn 1,rural,9000000,0,0,0\n",
        encoding="utf-8",
    )
    year2.write_text(  # 03001's household 1 escaped; 05007's household 1 left
        header + "1,03001,Xã A,Thôn 1,rural,9000000,0,0,0\n2,03001,Xã A,Thôn 1,rural,9000000,0,0,0\n"
        "2,05007,Xã A,Thôn 1,rural,9000000,0,0,0\n1,04002,Xã B,Thôn 1,rural,9000000,0,0,0\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    for path, day in ((year1, "10/12/2025"), (year2, "10/12/2026")):
        ran = _invoke("review", str(path), "--date", day, "--db", str(db), "-o", str(tmp_path / output), "-q")
        assert ran.exit_code == 0, ran.output
    moves = pd.read_csv(tmp_path / "out.movements.csv", dtype=str, encoding="utf-8-sig").set_index("village")
    terms = ["households", "not_reviewed", "poor_start", "poor_escaped", "poor_not_reviewed", "poor_end"]
    counted = {village: "".join(row[terms]) for village, row in moves.iterrows()}
    expected = {"Thôn 1 — Xã A (03001)": "201100", "Thôn 1 — Xã A (05007)": "111010", "Thôn 1 — Xã B": "100000"}
    assert counted == {**expected, "Tổng cộng": "412110"}, counted


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_district_review_leaving_out_a_commune_of_its_last_review_says_so(tmp_path: Path, output: str) -> None:
    """A district's file of this year without one of the communes its last review covered (a sheet left out,
    or every household of it gone): the review said nothing, though that commune's households are not counted
    as gone and its movements and forms start without it, the district's start short of last year's end. A
    note now names the commune and the review that covered it, and how to add it; a commune reviewed alone
    (or already reviewed this year) is not named."""
    header = "household_id,commune_code,commune,village,area,income_per_capita,deprived_employment\n"
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text(header + "1,03001,Xã A,Thôn 1,rural,9000000,0\n1,05007,Xã B,Thôn 1,rural,9000000,0\n")
    year2.write_text(header + "1,03001,Xã A,Thôn 1,rural,9000000,0\n")
    db = tmp_path / "h.db"
    ran = _invoke("review", str(year1), "--date", "10/12/2025", "--db", str(db), "-q")
    assert ran.exit_code == 0, ran.output
    for lang, words in (("en", "also covered 05007 Xã B"), ("vi", "còn gồm 05007 Xã B")):
        args = ["review", str(year2), "--date", "10/12/2026", "--db", str(db), "-o", str(tmp_path / output)]
        ran = _invoke(*args, "--replace", "--lang", lang)
        said = " ".join(ran.output.split())
        assert ran.exit_code == 0 and words in said and "2025-12-10" in said, said
    alone = tmp_path / "b.csv"  # Xã B reviewed on its own this year: nothing to say of it
    alone.write_text(header + "1,05007,Xã B,Thôn 1,rural,9000000,0\n")
    assert _invoke("review", str(alone), "--date", "01/12/2026", "--db", str(db), "-q").exit_code == 0
    ran = _invoke("review", str(year2), "--date", "10/12/2026", "--db", str(db), "--replace", "--lang", "en")
    assert ran.exit_code == 0 and "also covered" not in " ".join(ran.output.split()), ran.output


def test_a_district_file_naming_its_communes_by_code_alone_counts_each_apart(tmp_path: Path) -> None:
    """A district's file naming its communes by their codes alone (Mã tỉnh, Mã xã, no Xã column): the review
    keeps each household under its commune's code, yet the movements table and the report counted every
    commune's "Thôn 1" as one village of one nameless commune (one subtotal for the district, the lists
    numbered as one village). Each commune is now counted apart and named by its code: "Thôn 1 (03001)" in
    the movements, commune "03001" in the forms and lists; a file of one commune names its villages alone."""
    head = "household_id,province_code,commune_code,village,area,income_per_capita,deprived_employment"
    head += ",deprived_water,deprived_nutrition\n"
    src = tmp_path / "ho.csv"
    src.write_text(
        head + "1,25,03001,Thôn 1,rural,1000000,1,1,1\n2,25,03001,Thôn 1,rural,9000000,0,0,0\n"
        "1,25,05007,Thôn 1,rural,1000000,1,1,1\n",
        encoding="utf-8",
    )
    ran = _invoke("review", str(src), "--date", "10/12/2025", "--db", str(tmp_path / "h.db"), "-q")
    assert ran.exit_code == 0, ran.output
    moves = pd.read_csv(tmp_path / "ho.movements.csv", dtype=str, encoding="utf-8-sig")
    assert moves[["village", "households", "poor_end"]].values.tolist() == [
        ["Thôn 1 — 03001", "2", "1"],
        ["Thôn 1 — 05007", "1", "1"],
        ["Tổng cộng", "3", "2"],
    ]
    out = tmp_path / "out"
    ran = _invoke("report", str(tmp_path / "ho.reviewed.csv"), "-o", str(out), "--format", "csv")
    assert ran.exit_code == 0, ran.output
    r1 = pd.read_csv(out / "r1.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    communes = r1[r1["level"] == "commune"]
    assert communes[["commune", "c1", "c3"]].values.tolist() == [["03001", "2", "1"], ["05007", "1", "1"]]
    poor = pd.read_csv(out / "lists" / "poor.csv", dtype=str, encoding="utf-8-sig")
    assert poor[["number", "commune"]].values.tolist() == [["1", "03001"], ["1", "05007"]]
    one = tmp_path / "one.csv"
    one.write_text(head + "1,25,03001,Thôn 1,rural,1000000,1,1,1\n", encoding="utf-8")
    assert _invoke("review", str(one), "--date", "10/12/2025", "--db", str(tmp_path / "o.db"), "-q").exit_code == 0
    alone = pd.read_csv(tmp_path / "one.movements.csv", dtype=str, encoding="utf-8-sig")
    assert alone["village"].tolist() == ["Thôn 1", "Tổng cộng"]


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_commune_every_row_of_which_is_rejected_stays_in_the_district_review(tmp_path: Path, output: str) -> None:
    """A district's file in which every row of one commune was rejected (an unreadable income): that commune
    left the review altogether, its households neither undetermined nor gone, absent from the movements table
    and the report, though docs/reports.md keeps a rejected household on the list it was on. The commune now
    stays in the review: its households are undetermined, counted on their list (movements and R1)."""
    header = "household_id,commune_code,commune,village,area,income_per_capita,deprived_employment,deprived_water"
    header += ",deprived_nutrition\n"
    year1, year2 = tmp_path / "ho_2025.csv", tmp_path / "ho_2026.csv"
    year1.write_text(header + "1,03001,Xã A,Thôn 1,rural,9000000,0,0,0\n1,05007,Xã B,Thôn 1,rural,1000000,1,1,1\n")
    year2.write_text(header + "1,03001,Xã A,Thôn 1,rural,9000000,0,0,0\n1,05007,Xã B,Thôn 1,rural,abc,1,1,1\n")
    db = tmp_path / "h.db"
    ran = _invoke("review", str(year1), "--date", "10/12/2025", "--db", str(db), "-q")
    assert ran.exit_code == 0, ran.output
    ran = _invoke("review", str(year2), "--date", "10/12/2026", "--db", str(db), "-o", str(tmp_path / output), "-q")
    assert ran.exit_code == 1, ran.output  # the row rejected
    moves = pd.read_csv(tmp_path / "out.movements.csv", dtype=str, encoding="utf-8-sig").set_index("village")
    terms = ["households", "not_reviewed", "poor_start", "poor_undetermined", "poor_end"]
    counted = {village: "".join(row[terms]) for village, row in moves.iterrows()}
    assert counted == {"Thôn 1 — Xã A": "10000", "Thôn 1 — Xã B": "10110", "Tổng cộng": "20110"}, counted
    out = tmp_path / "rep"
    ran = _invoke("report", str(tmp_path / output), "-o", str(out), "--format", "csv")
    assert ran.exit_code == 0, ran.output
    r1 = pd.read_csv(out / "r1.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    communes = r1[r1["level"] == "commune"]
    assert communes[["commune", "c1", "c3"]].values.tolist() == [["Xã A", "1", "0"], ["Xã B", "1", "1"]]


def test_an_undetermined_household_keeps_its_support_window(tmp_path: Path) -> None:
    """A household that escaped poverty in 2026 (window through 09/12/2029) whose marks were left blank in
    2027 is undetermined: it keeps the status it had, not poor (docs/review.md), and ``eligible`` lists it.
    Its reviewed row left ``eligible_until`` blank, so the report's eligible list of the same day left it out
    while ``eligible --as-of`` listed it. The row now carries the window its last determined status keeps
    (Quyết định 90/QĐ-TTg 2022: 36 months from the recognition); a household poor before gets none."""
    flags = ("employment", "dependency", "nutrition")
    header = "household_id,village,area,household_size,income_per_capita," + ",".join(f"deprived_{f}" for f in flags)
    years = {
        "2025-12-10": ["A,Thôn 1,rural,2,900000,1,1,1", "B,Thôn 1,rural,3,900000,1,1,1"],
        "2026-12-10": ["A,Thôn 1,rural,2,1600000,1,1,1", "B,Thôn 1,rural,3,900000,1,1,1"],
        "2027-12-10": ["A,Thôn 1,rural,2,1000000,,,", "B,Thôn 1,rural,3,1000000,,,"],
    }
    db = tmp_path / "h.db"
    for day, rows in years.items():
        path = tmp_path / f"ho_{day[:4]}.csv"
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        run = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "--commune", "X"])
        assert run.exit_code == 0, run.output
    reviewed = pd.read_csv(tmp_path / "ho_2027.reviewed.csv", dtype=str, keep_default_na=False).set_index(
        "household_id"
    )
    assert reviewed.loc["A", "status"] == "undetermined" and reviewed.loc["A", "eligible_until"] == "2029-12-09"
    assert reviewed.loc["B", "eligible_until"] == ""  # poor before: no window
    report = tmp_path / "rep"
    run = CliRunner().invoke(
        main, ["report", str(tmp_path / "ho_2027.reviewed.csv"), "--format", "csv", "-o", str(report)]
    )
    assert run.exit_code == 0, run.output
    listed = pd.read_csv(report / "lists" / "eligible.csv", dtype=str, keep_default_na=False).set_index("household_id")
    assert listed.loc["A", "eligible_until"] == "2029-12-09" and "B" in listed.index  # B: poor, kept on its list
    out = tmp_path / "eligible.csv"
    run = CliRunner().invoke(main, ["eligible", "--as-of", "2027-12-10", "--db", str(db), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert pd.read_csv(out, dtype=str)["household_id"].tolist() == ["A"]


_WINDOW_HEADER = (  # the household file of the support-window tests below
    "household_id,village,area,household_size,income_per_capita,deprived_employment,deprived_dependency,"
    "deprived_nutrition"
)


@pytest.fixture(scope="module")
def a_escaped_in_2026(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A (poor in 2025, above the line in 2026: escaped, its window to 2029-12-09) and B, never poor, of Thôn 1 in
    commune X, reviewed on 2025-12-10 and 2026-12-10 into h.db: made once for both cases of the 2027 review, each of
    which reviews into its own copy of the folder."""
    folder = tmp_path_factory.mktemp("a_escaped")
    years = {
        "2025-12-10": ["A,Thôn 1,rural,2,900000,1,1,1", "B,Thôn 1,rural,3,5000000,0,0,0"],
        "2026-12-10": ["A,Thôn 1,rural,2,1600000,1,1,1", "B,Thôn 1,rural,3,5000000,0,0,0"],
    }
    for day, rows in years.items():
        path = folder / f"ho_{day[:4]}.csv"
        path.write_text("\n".join([_WINDOW_HEADER, *rows]) + "\n", encoding="utf-8")
        run = CliRunner().invoke(
            main, ["review", str(path), "--date", day, "--db", str(folder / "h.db"), "--commune", "X"]
        )
        assert run.exit_code == 0, run.output
    return folder


@pytest.mark.parametrize("blank", ["1000000,,,", "không rõ,1,1,1"], ids=["marks left blank", "row rejected"])
def test_report_from_the_history_lists_an_undetermined_household_in_its_window(
    tmp_path: Path, a_escaped_in_2026: Path, blank: str
) -> None:
    """``report --db`` read the window of a household undetermined in a review (marks left blank, or its row
    rejected) from the history, which did not keep it: the household, not poor and within its window (as
    ``eligible --as-of`` lists it), was missing from the eligible list drawn up from the history, and, its row
    rejected, from the list drawn up from the reviewed file too."""
    shutil.copytree(a_escaped_in_2026, tmp_path, dirs_exist_ok=True)  # this case's own history
    db, path = tmp_path / "h.db", tmp_path / "ho_2027.csv"
    path.write_text(f"{_WINDOW_HEADER}\nA,Thôn 1,rural,2,{blank}\nB,Thôn 1,rural,3,5000000,0,0,0\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["review", str(path), "--date", "2027-12-10", "--db", str(db), "--commune", "X"])
    assert run.exit_code in (0, 1), run.output
    for source in (["--db", str(db), "--date", "2027-12-10"], [str(tmp_path / "ho_2027.reviewed.csv")]):
        report = tmp_path / f"rep{len(source)}"
        run = CliRunner().invoke(main, ["report", *source, "--format", "csv", "-o", str(report)])
        assert run.exit_code == 0, run.output
        listed = pd.read_csv(report / "lists" / "eligible.csv", dtype=str, keep_default_na=False)
        assert listed.set_index("household_id")["eligible_until"].to_dict() == {"A": "2029-12-09"}, source


def test_the_screen_table_shows_near_poor_households_that_became_poor_apart_from_other_exits() -> None:
    """A near-poor household that became poor was counted on the review's screen under 'Ra khác' (other
    exits: died, moved away, merged) of the near-poor table, so an officer looked for a household that left
    the village where none had. It has a column of its own on the near-poor table ('Sang nghèo', R3's
    column 3); 'Ra khác' counts those that left, as docs/review.md says."""
    from poverty_rules.cli._reviewing import _movements_tables
    from poverty_rules.review.yearly import movements

    classified = pd.DataFrame(
        {
            "village": ["Thôn 1"] * 3,
            "status": ["poor", "near_poor", "poor"],
            "start_status": ["near_poor", "near_poor", "poor"],
            "transition": ["newly_poor", "unchanged", "unchanged"],
        }
    )
    gone = pd.DataFrame({"village": ["Thôn 1"], "status": ["near_poor"]})
    poor, near = _movements_tables(movements(classified, gone), "vi")
    cells = {str(column.header): list(column.cells) for column in near.columns}
    assert cells["Ra khác"] == ["1", "1"] and cells["Sang nghèo"] == ["1", "1"]
    assert cells["Đầu kỳ"] == ["3", "3"] and cells["Cuối kỳ"] == ["1", "1"]
    assert "Sang nghèo" not in {str(column.header) for column in poor.columns}
    en = {
        str(column.header): list(column.cells)
        for column in _movements_tables(movements(classified, gone), "en")[1].columns
    }
    assert en["Other exits"] == ["1", "1"] and en["Became poor"] == ["1", "1"]


def test_a_commune_joined_twice_in_two_spellings_is_said(tmp_path: Path) -> None:
    """A province's file joined from its communes' files, one commune's sent twice: once with its Mã xã, once
    from a copy without the code column (or typed 'Nghi Đông' beside 'Xã Nghi Đông'). Each spelling is a commune
    of its own (docs/input.md, "Household codes"), so its households were reviewed and counted twice, their
    shared codes not rejected, without a word. The review (streamed, or whole for a workbook output) now says
    which communes are one name written two ways, in vi and en; two communes of one name with their own codes
    are two communes, no note. A copy without the code that names the commune as its coded rows do (case and
    accents aside) has its rows rejected, their Mã xã blank beside the commune's coded rows (ec8cdc3)."""
    head = "household_id,province,province_code,commune_code,commune,village,area,income_per_capita\n"
    rows = [f"{i},Tỉnh Nghệ An,40,17007,Xã Nghi An,Thôn 1,rural,900000" for i in (1, 2)]
    rows += [f"{i},Tỉnh Nghệ An,40,17028,Xã Nghi Đông,Thôn 1,rural,900000" for i in (1, 2)]
    rows += [f"{i},Tỉnh Nghệ An,40,17035,Xã Nghi An,Thôn 2,rural,900000" for i in (1, 2)]  # another Nghi An
    twice = [f"{i},Tỉnh Nghệ An,,,Xã Nghi Đông,Thôn 1,rural,900000" for i in (1, 2)]  # no code: a copy
    typed = [f"{i},Tỉnh Nghệ An,,,nghi đông,Thôn 1,rural,900000" for i in (1, 2)]
    # the copy naming the commune as its coded rows do has its rows rejected instead (its Mã xã blank beside them)
    cases = [("coded", rows, None), ("mixed", rows + twice, "rejected")]
    cases.append(("typed", rows + typed, "'40/17028 Xã Nghi Đông', 'nghi đông'"))
    for name, lines, named in cases:
        households = tmp_path / f"{name}.csv"
        households.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
        for lang, out in (("en", "r.csv"), ("vi", "r.xlsx")):  # streamed, then whole
            db = tmp_path / f"{name}_{lang}.db"
            args = ["review", str(households), "--date", "10/12/2026", "--db", str(db), "--lang", lang]
            said = CliRunner().invoke(main, [*args, "-o", str(tmp_path / f"{name}_{out}")])
            assert said.exit_code in (0, 1), said.output
            text = " ".join(said.output.split())
            if named is None:
                assert "one name" not in text and "cùng một tên" not in text, text
            elif named == "rejected":
                assert said.exit_code == 1 and "one name" not in text and "cùng một tên" not in text, text
                rejects = next(tmp_path.glob(f"{name}_r.rejects.*"))
                xlsx = rejects.suffix == ".xlsx"
                table = (
                    pd.read_excel(rejects, dtype=str, engine="openpyxl") if xlsx else pd.read_csv(rejects, dtype=str)
                )
                assert len(table) == 2 and set(table.iloc[:, 1]) == {"commune_code"}, table
            elif lang == "en":
                assert f"{named} are one name" in text and "reviewed as 2 communes" in text, text
            else:
                assert f"{named} là cùng một tên" in text and "rà soát là 2 xã" in text, text


def test_a_reviewed_file_of_a_household_file_with_tinh_trang_nam_truoc_is_reported(tmp_path: Path) -> None:
    """A household file headed in Vietnamese with the form's 'Tình trạng năm trước' (previous status): review
    wrote it beside its own ``previous_status`` ('Phân loại lần trước' in a workbook), two columns meaning one,
    so ``report`` (and ``classify`` again) refused the reviewed file the review had just written: "columns 'Tình
    trạng năm trước' and 'previous_status' both mean previous_status" ('<data>' for the workbook). The review now
    replaces that column with its own, as it replaces a ``previous_status`` column (a note says so), streamed and
    whole; the report reads the file and starts each household from that status; ``classify`` keeps the
    officer's column (it writes no previous status of its own)."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "Mã hộ,Xã,Thôn,Khu vực,Thu nhập bình quân,Tình trạng năm trước\n"
        "1,Xã A,Thôn 1,nông thôn,3000000,nghèo\n2,Xã A,Thôn 1,nông thôn,900000,cận nghèo\n",
        encoding="utf-8",
    )
    for out in ("r.csv", "r.xlsx"):  # streamed, then whole
        reviewed = tmp_path / out
        args = ["review", str(households), "--date", "10/12/2026", "--db", str(tmp_path / f"{out}.db"), "-o"]
        said = CliRunner().invoke(main, [*args, str(reviewed), "--lang", "en", "--blank-flags", "not-deprived"])
        assert said.exit_code == 0, said.output
        assert "column Tình trạng năm trước of the input replaced by this run's" in " ".join(said.output.split())
        report = ["report", str(reviewed), "-o", str(tmp_path / f"{out}_report"), "--format", "csv", "--lang", "en"]
        done = CliRunner().invoke(main, report)
        assert done.exit_code == 0, done.output
        r2 = pd.read_csv(tmp_path / f"{out}_report" / "r2.csv", dtype=str, keep_default_na=False)
        assert r2[(r2["level"] == "total") & (r2["row"] == "households")]["c1"].tolist() == ["1"]
    classified = tmp_path / "c.csv"
    assert CliRunner().invoke(main, ["classify", str(households), "-o", str(classified), "-q"]).exit_code == 0
    assert "Tình trạng năm trước" in pd.read_csv(classified, encoding="utf-8-sig").columns


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_review_of_a_file_whose_name_is_not_utf8_is_recorded_with_its_files(tmp_path: Path, lang: str) -> None:
    """A household file copied from a Windows-1258 disk keeps a name that is not UTF-8 (``h\\xf4.csv``, 'hô'),
    which classify reads and writes: its review stopped once its work was done, with "h\\xf4.csv: 'utf-8'
    codec can't encode character '\\udcf4' … surrogates not allowed" in Python's English under --lang vi, as
    the history could not keep the names of the files it was putting in place (h\\xf4.reviewed.csv …). The
    review is recorded now and its files put in place, named after it; a review whose files were never put in
    place names them back as they are (history.unplaced)."""
    import os

    from poverty_rules.review.history import HistoryStore, prepare_review

    folder = os.fsencode(tmp_path)
    src = Path(os.fsdecode(folder + b"/h\xf4.csv"))
    src.write_bytes(b"".join(SAMPLE.read_bytes().splitlines(keepends=True)[:11]))
    db = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["review", str(src), "--date", "2025-12-10", "--db", str(db), "--lang", lang])
    assert result.exit_code == 0, result.output
    for name in (b"h\xf4.reviewed.csv", b"h\xf4.movements.csv", b"h\xf4.not_reviewed.csv"):
        assert os.path.exists(folder + b"/" + name), name
    with HistoryStore(db) as store:
        assert len(store.reviews()) == 1 and store.unplaced() == []
        results = pd.DataFrame({"household_id": ["H1"], "status": ["poor"], "commune": ["X"]})
        prepared = prepare_review("2026-12-10", None, "r", None, results)
        waiting = str(tmp_path / os.fsdecode(b"k\xf4.reviewed.csv"))
        review_id = store.record_prepared(prepared, outputs=[waiting, str(tmp_path / "Hộ.csv")])
        assert store.unplaced() == [(review_id, "2026-12-10", [waiting, str(tmp_path / "Hộ.csv")])]


def test_a_history_locked_once_the_review_is_in_place_is_not_said_as_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a review was recorded and its files put in place, the history is opened again to say the files
    are in place; a history that could not be opened then (locked past the wait by another officer's long
    review, the USB stick pulled out) printed 'error: h.db: the history file is locked …' above the review's
    summary, which then ended with exit 0: a done review said to have failed. The next run says what is
    left to say; nothing is said as an error now."""
    from poverty_rules.errors import HistoryError
    from poverty_rules.review.history import HistoryStore
    from poverty_rules.vocabulary import words

    recorded: list[int] = []
    record, migrate = HistoryStore.record_prepared, HistoryStore._migrate

    def _record(self: HistoryStore, *args: object, **kwargs: object) -> int:
        recorded.append(record(self, *args, **kwargs))  # type: ignore[arg-type]
        return recorded[-1]

    def _locked_once_recorded(self: HistoryStore) -> None:
        if recorded:
            raise HistoryError.of(words.texts("h_locked", file=self.path))
        migrate(self)

    monkeypatch.setattr(HistoryStore, "record_prepared", _record)
    monkeypatch.setattr(HistoryStore, "_migrate", _locked_once_recorded)
    households = tmp_path / "ho.csv"
    households.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:11]), encoding="utf-8")
    db = tmp_path / "h.db"
    result = CliRunner().invoke(
        main, ["review", str(households), "--date", "2025-12-10", "--db", str(db), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert recorded and "error:" not in result.output and "is locked by another program" not in result.output
    assert (tmp_path / "ho.reviewed.csv").exists()


def test_a_parquet_input_is_reviewed_into_parquet_by_default(tmp_path: Path) -> None:
    """review ho.parquet (no -o) wrote ho.reviewed.csv, while classify ho.parquet writes ho.classified.parquet:
    the file's typed columns came back as text. A Parquet input (found from its first bytes) is now reviewed
    into <input>.reviewed.parquet beside it, its columns keeping their types, its rejects into
    <input>.rejects.parquet; the movements and not-reviewed files keep their names; a CSV still gives
    <input>.reviewed.csv; report reads the Parquet back."""
    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural", "rural", "nowhere"],
            "income_per_capita": ["3000000", "900000", "3000000"],
            "household_size": pd.array([4, 5, 2], dtype="int64"),
        }
    )
    path = tmp_path / "ho.parquet"
    frame.to_parquet(path, index=False)
    args = ["review", str(path), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "--commune", "A"]
    done = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived", "-q"])
    assert done.exit_code == 1, done.output
    written = pd.read_parquet(tmp_path / "ho.reviewed.parquet")
    assert written["household_id"].tolist() == ["H1", "H2"] and str(written["household_size"].dtype) == "int64"
    assert pd.read_parquet(tmp_path / "ho.rejects.parquet")["household_id"].tolist() == ["H3"]
    assert (tmp_path / "ho.movements.csv").exists() and (tmp_path / "ho.not_reviewed.csv").exists()
    assert not (tmp_path / "ho.reviewed.csv").exists()
    read_back = ["report", str(tmp_path / "ho.reviewed.parquet"), "-o", str(tmp_path / "r"), "--format", "csv"]
    report = CliRunner().invoke(main, read_back)  # the CSV export: the quickest to write
    assert report.exit_code == 0, report.output
    text = tmp_path / "t.csv"
    frame.to_csv(text, index=False)
    args = ["review", str(text), "--date", "2025-12-10", "--db", str(tmp_path / "t.db"), "--commune", "B", "-q"]
    assert CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived"]).exit_code == 1
    assert (tmp_path / "t.reviewed.csv").exists()


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_household_size_that_is_no_number_of_persons_is_said_when_the_file_is_reviewed(
    tmp_path: Path, output: str
) -> None:
    """A household file whose household_size was 'True' (a Parquet bool column, an Excel TRUE), 'ba' or '2.5'
    was reviewed (and classified) without a word and recorded as written; only the report, later, refused the
    reviewed file or the history ('row 2, column household_size: 'True' is not a number of persons'), once the
    review was recorded. review and classify now say so as they read the file, naming how many households and
    the first rows with their cells, in --lang, streamed or whole, batch after batch as of the whole file; the
    households are still classified and recorded."""
    rows = [f"H{i},rural,3000000,{size}" for i, size in enumerate(["3", "True", "ba", "4", "2.5", "-1", ""] * 30)]
    src = tmp_path / "ho.csv"
    src.write_text("household_id,area,income_per_capita,household_size\n" + "\n".join(rows) + "\n", encoding="utf-8")
    args = ["review", str(src), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "--commune", "A"]
    args += ["-o", str(tmp_path / output), "--blank-flags", "not-deprived", "--batch-bytes", "1024"]
    said = {
        "vi": "ho.csv: 120 hộ có số nhân khẩu (cột household_size) không phải số người: dòng 3 ('True'), dòng 4 "
        "('ba'), dòng 6 ('2.5'), dòng 7 ('-1'), dòng 10 ('True'); các báo cáo",
        "en": "ho.csv: 120 households with a household size (column household_size) that is no number of persons: "
        "row 3 ('True'), row 4 ('ba'), row 6 ('2.5'), row 7 ('-1'), row 10 ('True'); the reports",
    }
    for lang in ("vi", "en"):
        result = CliRunner().invoke(main, [*args, "--lang", lang, "--replace"])
        assert result.exit_code == 0, result.output
        assert said[lang] in " ".join(result.output.split()), result.output
        assert (
            " ".join(result.output.split()).count("(cột household_size)" if lang == "vi" else "(column household_size)")
            == 1
        )
    classified = CliRunner().invoke(main, ["classify", str(src), "-o", str(tmp_path / "c.csv"), "--lang", "en"])
    assert said["en"] in " ".join(classified.output.split()), classified.output


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])  # the streamed review, and the whole one
def test_a_change_reason_that_names_none_is_rejected_not_counted_as_staying(tmp_path: Path, output: str) -> None:
    """A household file's change_reason 'đi xa' (no reason the forms know) was read by review as no reason: the
    household counted as staying in the movements, recorded so, and report then refused the reviewed file ('row 3,
    column change_reason: 'đi xa'; expected moved_in …'). The row is now rejected as an unreadable status is,
    naming the row, the column and the reasons to write, in --lang (classify alike); a known reason ('chuyển đi')
    still reads, and the report of the review is made."""
    src = tmp_path / "ho.csv"
    src.write_text(
        "household_id,village,area,income_per_capita,household_size,change_reason\n"
        "H1,Thôn 1,rural,3000000,3,chuyển đi\nH2,Thôn 1,rural,3000000,4,đi xa\nH3,Thôn 1,rural,3000000,2,\n",
        encoding="utf-8",
    )
    out = tmp_path / output
    args = ["review", str(src), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "--commune", "A", "-q"]
    result = CliRunner().invoke(main, [*args, "-o", str(out), "--blank-flags", "not-deprived", "--lang", "en"])
    assert result.exit_code == 1, result.output
    rejects = tmp_path / f"out.rejects{out.suffix}"
    table = (
        pd.read_csv(rejects, dtype=str)
        if out.suffix == ".csv"
        else pd.read_excel(rejects, dtype=str, engine="openpyxl")
    )
    assert table.iloc[0, :3].tolist() == ["3", "change_reason", "change_reason = 'đi xa': must be a change reason: "
                                          "moved_in, moved_out, died, split, merged (chuyển đến, chuyển đi, chết, "
                                          "tách hộ, nhập hộ), or empty"]  # fmt: skip
    read_back = ["report", str(out), "-o", str(tmp_path / "r"), "--format", "csv", "--lang", "en"]  # the quickest
    report = CliRunner().invoke(main, read_back)
    assert report.exit_code == 0, report.output
    classify = ["classify", str(src), "-o", str(tmp_path / "c.csv"), "--blank-flags", "not-deprived", "-q"]
    assert CliRunner().invoke(main, classify).exit_code == 1
    said = pd.read_csv(tmp_path / "c.rejects.csv", dtype=str, encoding="utf-8-sig")["reason"][0]
    assert said.startswith("change_reason = 'đi xa': phải là một lý do biến động: chuyển đến, chuyển đi"), said


@pytest.mark.parametrize("output", ["ho.reviewed.csv", "ho.reviewed.xlsx"])  # the streamed review, and the whole one
def test_an_undetermined_household_new_to_the_history_keeps_the_previous_status_its_file_gave(
    tmp_path: Path, output: str
) -> None:
    """A first review into a history of a file with ``previous_status``: H2, poor last year by the file, has
    its marks left blank (undetermined). The reviewed file keeps it poor (an undetermined household keeps the
    status it had), but the history recorded no previous status for it: ``report --db`` of the same review
    counted 2 poor households where the reviewed file's report counts 3, and next year H2, above the income line
    now, was a 'first review' instead of an escape from poverty with its support window. The history now keeps
    the previous status of such a household, and reads it as the status it keeps until it is determined."""
    marks = [f"deprived_{i}" for i in ("employment", "dependency", "nutrition", "health_insurance")]
    head = ",".join(
        ["household_id", "village", "area", "income_per_capita", "household_size", "previous_status", *marks]
    )
    y1, y2 = tmp_path / "y1.csv", tmp_path / "ho.csv"
    y1.write_text(
        f"{head}\nH1,Thôn 1,rural,900000,3,nghèo,1,1,1,0\nH2,Thôn 1,rural,1200000,3,nghèo,1,,,\n"
        "H3,Thôn 1,rural,1000000,3,,1,1,1,0\n",
        encoding="utf-8",
    )
    y2.write_text(
        f"{head}\nH1,Thôn 1,rural,900000,3,,1,1,1,0\nH2,Thôn 1,rural,2500000,3,,1,1,0,0\n"
        "H3,Thôn 1,rural,1000000,3,,1,1,1,0\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    base = ["--db", str(db), "--commune", "Tà Lèng", "-q"]
    assert _invoke("review", str(y1), "--date", "2025-12-10", *base).exit_code == 0
    options = ["--format", "csv", "--date", "2025-12-10", "--lang", "en"]
    from_file = _invoke("report", str(tmp_path / "y1.reviewed.csv"), "-o", str(tmp_path / "file"), *options)
    from_db = _invoke("report", "--db", str(db), "-o", str(tmp_path / "db"), *options)
    assert from_file.exit_code == 0 and from_db.exit_code == 0, from_db.output
    for name in ("r1.csv", "r2.csv", "lists/poor.csv", "lists/undetermined.csv"):
        assert (tmp_path / "db" / name).read_bytes() == (tmp_path / "file" / name).read_bytes(), name
    r1 = pd.read_csv(tmp_path / "db" / "r1.csv", dtype=str, keep_default_na=False)
    assert r1[r1["level"] == "total"]["c3"].tolist() == ["3"]  # H1, H2 (kept poor) and H3
    done = _invoke("review", str(y2), "--date", "2026-12-10", *base, "-o", str(tmp_path / output))
    assert done.exit_code == 0, done.output
    if output.endswith(".csv"):
        rows = pd.read_csv(tmp_path / output, dtype=str, keep_default_na=False).set_index("household_id")
        assert rows.loc["H2", ["previous_status", "transition", "eligible_until"]].tolist() == [
            "poor",
            "escaped_poverty",
            "2029-12-09",
        ]
    else:
        rows = pd.read_excel(tmp_path / output, dtype=str, engine="openpyxl", keep_default_na=False).set_index(
            "household_id"
        )
        assert rows.loc["H2", "Diễn biến"] == "Thoát nghèo", rows.loc["H2"].tolist()


def test_a_second_reviewed_file_of_one_name_does_not_take_the_firsts_movements_silently(tmp_path: Path) -> None:
    """``review … -o k.csv`` then another review ``-o k.xlsx`` (or ``ho.reviewed.csv`` then
    ``ho.reviewed.parquet``) wrote both runs' movements and not-reviewed files to ``k.movements.csv`` and
    ``k.not_reviewed.csv``: the second silently replaced the first's, and ``report k.csv`` read the other
    review's leavers. The second review's are now named after its whole name, ``k.xlsx.movements.csv`` and
    ``k.xlsx.not_reviewed.csv`` (a note says so), where ``report k.xlsx`` reads them; the first's stay as they
    were. A file of that name that no review wrote (a household file) leaves the names as they were."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    households, fewer = tmp_path / "ho.csv", tmp_path / "ho2.csv"
    households.write_text("".join(lines[:31]), encoding="utf-8")
    fewer.write_text("".join(lines[:21]), encoding="utf-8")  # ten households gone from the history
    db = tmp_path / "a.db"
    args = ["--date", "2025-12-10", "-q"]
    assert _invoke("review", str(households), "--date", "2024-12-10", "--db", str(db), "-q").exit_code == 0
    assert _invoke("review", str(households), *args, "--db", str(db), "-o", str(tmp_path / "k.csv")).exit_code == 0
    companions = {name: (tmp_path / name).read_bytes() for name in ("k.movements.csv", "k.not_reviewed.csv")}
    # the same history a year on, of fewer households, to a workbook of the same stem
    second = ["review", str(fewer), "--date", "2026-12-10", "--db", str(db), "-o", str(tmp_path / "k.xlsx")]
    for lang, said in (("en", "another reviewed file of the same name"), ("vi", "một tệp đã rà soát khác cùng tên")):
        done = CliRunner().invoke(main, [*second, "--lang", lang, *(["--replace"] if lang == "vi" else [])])
        assert done.exit_code == 0, done.output
        text = " ".join(done.output.split())
        assert said in text and str(tmp_path / "k.xlsx.not_reviewed.csv") in text, text
    assert {name: (tmp_path / name).read_bytes() for name in companions} == companions
    gone = pd.read_csv(tmp_path / "k.xlsx.not_reviewed.csv", dtype=str, encoding="utf-8-sig")
    assert len(gone) == 10 and (tmp_path / "k.xlsx.movements.csv").exists()
    for name, day in (("k.csv", "2025-12-10"), ("k.xlsx", "2026-12-10")):  # each reads its own review's leavers
        options = ["--format", "csv", "--lang", "en", "--date", day]
        assert _invoke("report", str(tmp_path / name), "-o", str(tmp_path / f"file_{day}"), *options).exit_code == 0
        assert _invoke("report", "--db", str(db), "-o", str(tmp_path / f"db_{day}"), *options).exit_code == 0
        for form in ("r2.csv", "r3.csv"):
            assert (tmp_path / f"file_{day}" / form).read_bytes() == (tmp_path / f"db_{day}" / form).read_bytes()
    # a household file of that name beside a reviewed workbook is not a reviewed file: the stem's names
    for path in tmp_path.glob("k.*"):
        path.unlink()
    (tmp_path / "k.csv").write_text("".join(lines[:31]), encoding="utf-8")
    other = tmp_path / "b.db"
    assert _invoke("review", str(households), *args, "--db", str(other), "-o", str(tmp_path / "k.xlsx")).exit_code == 0
    assert (tmp_path / "k.not_reviewed.csv").exists() and not (tmp_path / "k.xlsx.not_reviewed.csv").exists()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])  # the streamed review and the whole-file one
def test_a_review_whose_every_row_is_rejected_writes_its_rejects_alone(tmp_path: Path, suffix: str) -> None:
    """Every row rejected: the review was not recorded (as it should not be), but a first review left a new,
    empty history file (``history list`` then showed an empty table, and the file looked like a history), and
    every run wrote a reviewed file of no household, a movements file of zeros and a not-reviewed file — over
    those of the review recorded earlier from that file, which then no longer matched the history. Now only
    the rejects file is written, the earlier files and the history are left as they were, no history file is
    created, and the note says so (exit 1)."""
    good = pd.DataFrame({"household_id": ["A", "B"], "area": ["rural", "rural"], "income_per_capita": ["9000000"] * 2})
    bad = good.assign(area=["mars", ""])
    households = tmp_path / f"ho{suffix}"

    def write(rows: pd.DataFrame) -> None:
        if suffix == ".csv":
            rows.to_csv(households, index=False)
        else:
            rows.to_excel(households, index=False)

    write(bad)
    fresh = tmp_path / "new.db"
    args = ["review", str(households), "--commune", "Tà Lèng", "--lang", "en"]
    result = _invoke(*args, "--date", "10/12/2025", "--db", str(fresh))
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "no reviewed, movements or not-reviewed file is written" in text, text
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([households.name, "ho.rejects.csv"])
    listed = _invoke("history", "list", "--db", str(fresh), "--lang", "en")
    assert listed.exit_code == 2 and not fresh.exists(), listed.output
    # a history with a review of this file: the files of that review and the history stay as they were
    db = tmp_path / "h.db"
    write(good)
    assert _invoke(*args, "--date", "10/12/2024", "--db", str(db)).exit_code == 0
    (tmp_path / "ho.rejects.csv").unlink(missing_ok=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != households.name}
    write(bad)
    assert _invoke(*args, "--date", "10/12/2025", "--db", str(db)).exit_code == 1
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name not in (households.name, "ho.rejects.csv")}
    assert after == before and (tmp_path / "ho.rejects.csv").exists()


@pytest.mark.parametrize("output", ["ho.reviewed.csv", "ho.reviewed.xlsx"])  # the streamed review, and the whole one
def test_a_window_a_file_gave_a_household_new_to_the_history_lasts_into_the_next_review(
    tmp_path: Path, output: str
) -> None:
    """A first review into a history of a file with ``escaped_on`` (Ngày thoát nghèo: H1 and H2 escaped poverty,
    recognized 10/12/2024, near-poor since; H2's marks left blank): the review wrote their support window to
    09/12/2027, but the history kept no trace of that escape, so the next year's review gave them no window and
    ``eligible`` listed neither, two years early. The history now keeps the file's escape day beside the window
    it opened, so the next review and ``eligible`` count it."""
    from poverty_rules import load_ruleset

    marks = [f"deprived_{ind.id}" for ind in load_ruleset("vn-2022-2026").indicators]
    known, blank = ",".join(["1"] + ["0"] * (len(marks) - 1)), ",".join(["1"] + [""] * (len(marks) - 1))
    columns = ["household_id", "village", "area", "income_per_capita", "previous_status", "escaped_on", *marks]
    y1, y2 = tmp_path / "y1.csv", tmp_path / "ho.csv"
    y1.write_text(
        ",".join(columns) + f"\nH1,Thôn 1,rural,1200000,cận nghèo,10/12/2024,{known}\n"
        f"H2,Thôn 1,rural,1200000,cận nghèo,10/12/2024,{blank}\n",
        encoding="utf-8",
    )
    y2.write_text(
        ",".join(columns) + f"\nH1,Thôn 1,rural,1200000,,,{known}\nH2,Thôn 1,rural,1200000,,,{known}\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    base = ["--db", str(db), "--commune", "Tà Lèng", "-q"]
    first = _invoke("review", str(y1), "--date", "2025-12-10", *base)
    assert first.exit_code == 0, first.output
    rows = pd.read_csv(tmp_path / "y1.reviewed.csv", dtype=str, keep_default_na=False).set_index("household_id")
    assert rows["eligible_until"].tolist() == ["2027-12-09", "2027-12-09"]
    done = _invoke("review", str(y2), "--date", "2026-12-10", *base, "-o", str(tmp_path / output))
    assert done.exit_code == 0, done.output
    if output.endswith(".csv"):
        rows = pd.read_csv(tmp_path / output, dtype=str, keep_default_na=False).set_index("household_id")
        assert rows["eligible_until"].tolist() == ["2027-12-09", "2027-12-09"]
    listed = _invoke("eligible", "--as-of", "2026-12-31", "--db", str(db), "-o", str(tmp_path / "el.csv"))
    assert listed.exit_code == 0, listed.output
    eligible = pd.read_csv(tmp_path / "el.csv", dtype=str, keep_default_na=False)
    assert sorted(eligible["household_id"]) == ["H1", "H2"], eligible
    assert set(eligible["eligible_until"]) == {"2027-12-09"}, eligible


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_review_under_a_local_standard_run_alone_is_refused_and_local_beside_national_is_recorded(
    tmp_path: Path, lang: str
) -> None:
    """review --ruleset example-bac-ninh-2025 recorded the local statuses in the commune's history as its
    statuses (H1 rural 1,700,000 with 3 deprivations: poor locally, average nationally), a note alone saying
    so, though a local standard never replaces the national result (docs/standard.md §1) and the history is
    the commune's: eligible --db and report --db read it, and the next national review compared its
    households with local statuses. It is refused (exit 2, no history, no file written), asking for --local,
    which records the national result with the local one beside it."""
    source = tmp_path / "bn.csv"
    source.write_text(
        "household_id,area,income_per_capita,deprived_employment,deprived_water,deprived_sanitation\n"
        "H1,rural,1700000,1,1,1\n"
    )
    said = {"vi": "chuẩn địa phương không thay thế kết quả theo chuẩn quốc gia", "en": "never replaces the national"}
    base = ["review", str(source), "--date", "2025-12-10", "--commune", "Xã A", "--lang", lang]
    alone = CliRunner().invoke(main, [*base, "--db", str(tmp_path / "a.db"), "--ruleset", "example-bac-ninh-2025"])
    assert alone.exit_code == 2, alone.output
    text = " ".join(alone.output.split())
    assert said[lang] in text and "--local example-bac-ninh-2025" in text, text
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "bn.reviewed.csv").exists()
    beside = CliRunner().invoke(
        main, [*base, "--db", str(tmp_path / "b.db"), "-o", str(tmp_path / "b.csv"), "--local", "example-bac-ninh-2025"]
    )
    assert beside.exit_code == 0, beside.output
    assert said[lang] not in " ".join(beside.output.split())
    reviewed = pd.read_csv(tmp_path / "b.csv", dtype=str, keep_default_na=False)
    assert reviewed[["status", "local_status"]].values.tolist() == [["average", "poor"]]


def test_a_reviewed_file_copied_without_its_whole_name_not_reviewed_file_names_that_file(tmp_path: Path) -> None:
    """``review … -o k.csv`` then ``-o k.xlsx`` names the second's companions after its whole name
    (``k.xlsx.movements.csv``, ``k.xlsx.not_reviewed.csv``). ``report k.xlsx`` without its not-reviewed file
    (copied with its movements file alone) read the stem's ``k.not_reviewed.csv`` beside it — the first
    review's leavers, silently — or, where there was none, said the file ``k.not_reviewed.csv`` was missing.
    It now says ``k.xlsx.not_reviewed.csv`` is missing and reads no other review's; a plain reviewed file
    copied alone still names its one not-reviewed file."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    households, fewer = tmp_path / "ho.csv", tmp_path / "ho2.csv"
    households.write_text("".join(lines[:31]), encoding="utf-8")
    fewer.write_text("".join(lines[:21]), encoding="utf-8")
    db = tmp_path / "a.db"
    assert _invoke("review", str(households), "--date", "2024-12-10", "--db", str(db), "-q").exit_code == 0
    first = ["review", str(households), "--date", "2025-12-10", "--db", str(db), "-q", "-o", str(tmp_path / "k.csv")]
    assert _invoke(*first).exit_code == 0
    second = ["review", str(fewer), "--date", "2026-12-10", "--db", str(db), "-q", "-o", str(tmp_path / "k.xlsx")]
    assert _invoke(*second).exit_code == 0
    (tmp_path / "k.xlsx.not_reviewed.csv").unlink()  # not copied with the workbook
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("k.xlsx", "k.xlsx.movements.csv", "k.csv"):
        (copy / name).write_bytes((tmp_path / name).read_bytes())
    for folder in (tmp_path, copy):  # beside the first review's k.not_reviewed.csv, and alone
        out = folder / "r"
        done = _invoke("report", str(folder / "k.xlsx"), "-o", str(out), "--format", "csv", "--lang", "en")
        text = " ".join(done.output.split())
        assert done.exit_code == 0 and "no k.xlsx.not_reviewed.csv beside it" in text, text
        assert "k.not_reviewed.csv" not in text.replace("k.xlsx.not_reviewed.csv", "")
    done = _invoke("report", str(copy / "k.csv"), "-o", str(copy / "r1"), "--format", "csv", "--lang", "en")
    text = " ".join(done.output.split())
    assert "no k.not_reviewed.csv beside it" in text and "k.xlsx.not_reviewed" not in text, text


@pytest.mark.parametrize(("lang", "new", "from_poor"), [("vi", "Phát sinh", "Từ nghèo"), ("en", "New", "From poor")])
def test_the_screen_table_shows_poor_households_that_became_near_poor_apart_from_the_newly_near_poor(
    lang: str, new: str, from_poor: str
) -> None:
    """A poor household that became near-poor (an escape from poverty, R3's column 5) was counted on the
    review's screen under 'Phát sinh' (newly near-poor, R3's column 7) of the near-poor table: a checker
    comparing the screen with the forms found a newly near-poor household where there was none, and the
    movements file's near_poor_new 0. It has a column of its own on the near-poor table ('Từ nghèo' /
    'From poor'), as the households that became poor have ('Sang nghèo'); 'Phát sinh' counts the newly
    near-poor alone."""
    from poverty_rules.cli._reviewing import _movements_tables
    from poverty_rules.review.yearly import movements

    classified = pd.DataFrame(
        {
            "village": ["Thôn 1"] * 3,
            "status": ["near_poor", "near_poor", "poor"],
            "start_status": ["poor", "average", "poor"],
            "transition": ["escaped_poverty", "newly_near_poor", "unchanged"],
        }
    )
    gone = pd.DataFrame({"village": pd.Series([], dtype=object), "status": pd.Series([], dtype=object)})
    poor, near = _movements_tables(movements(classified, gone), lang)
    cells = {str(column.header): list(column.cells) for column in near.columns}
    assert cells[new] == ["1", "1"] and cells[from_poor] == ["1", "1"], cells
    headers = [str(column.header) for column in near.columns]
    assert headers.index(from_poor) == headers.index(new) + 2  # after 'Tái' (relapsed), before 'Thoát' (escaped)
    assert from_poor not in {str(column.header) for column in poor.columns}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Xã A đã được rà soát ngày 10/12/2025 (lần 1), sau ngày rà soát này, cùng năm 2025"),
        ("en", "Xã A was already reviewed on 2025-12-10 (review 1), after this review's date, in the same year 2025"),
    ],
)
def test_a_review_dated_before_another_of_its_year_names_that_one(tmp_path: Path, lang: str, said: str) -> None:
    """A review of a commune already reviewed later in the same year (10/12/2025 on record; the officer runs
    the review again with the decision's date, 01/12/2025) said only that the later reviews (10/12/2025 …)
    were to be run again with --replace: run so, the 10 December review compared its households with the 1
    December one — no movement, no escape that day, the year's forms empty — where the first run's date was
    the mistake. As for a review after another of its year, it now names that review of the same year and how
    to remove it (history undo), in vi and en."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    db = tmp_path / "h.db"
    base = ["review", str(households), "--db", str(db), "--commune", "Xã A", "--blank-flags", "not-deprived"]
    assert CliRunner().invoke(main, [*base, "--date", "2025-12-10", "-q"]).exit_code == 0
    earlier = [*base, "--date", "2025-12-01", "-o", str(tmp_path / "r.csv"), "--lang", lang]
    result = CliRunner().invoke(main, earlier)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert said in text and f"'poverty-rules history undo 1 --db {db}'" in text, text  # the history named


def test_an_escape_from_near_poverty_keeps_the_window_the_files_escaped_on_opened(tmp_path: Path) -> None:
    """A household on the imported near-poor list of 2024 whose file gives the escape from poverty that put it
    there (escaped_on 15/06/2024, recognized at a regular review) and that is average in the 2025 review: the
    reviewed file said escaped_near_poverty, eligible until 14/06/2027 (the window of that escape), but the
    history kept the escape's day only beside a row that did not escape this year: eligible listed it no more,
    and the next review neither. The history now keeps that day beside an escape from near-poverty too."""
    db = tmp_path / "h.db"
    lists = tmp_path / "ds.csv"
    lists.write_text("Mã hộ,Tình trạng,Năm\nH1,cận nghèo,2024\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X"]).exit_code == 0
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,area,income_per_capita,escaped_on\nH1,rural,1600000,15/06/2024\n", encoding="utf-8"
    )
    out = tmp_path / "r.csv"
    args = ["review", str(households), "--db", str(db), "--date", "2025-12-10", "--commune", "X", "-q"]
    assert CliRunner().invoke(main, [*args, "-o", str(out), "--blank-flags", "not-deprived"]).exit_code == 0
    reviewed = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert reviewed[["transition", "eligible_until"]].values.tolist() == [["escaped_near_poverty", "2027-06-14"]]
    listed = tmp_path / "e.csv"
    assert (
        CliRunner().invoke(main, ["eligible", "--db", str(db), "--as-of", "2027-06-14", "-o", str(listed)]).exit_code
        == 0
    )
    eligible = pd.read_csv(listed, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert eligible[["household_id", "escaped_on", "eligible_until"]].values.tolist() == [
        ["H1", "2024-06-15", "2027-06-14"]
    ]
    again = tmp_path / "ho2.csv"
    again.write_text("household_id,area,income_per_capita\nH1,rural,1600000\n", encoding="utf-8")
    out2 = tmp_path / "r2.csv"
    args = ["review", str(again), "--db", str(db), "--date", "2026-12-10", "--commune", "X", "-q", "-o", str(out2)]
    assert CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived"]).exit_code == 0
    reviewed = pd.read_csv(out2, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert reviewed[["transition", "eligible_until"]].values.tolist() == [["unchanged", "2027-06-14"]]


def test_a_reviewed_workbook_copied_alone_names_both_names_its_not_reviewed_file_may_have(tmp_path: Path) -> None:
    """``review … -o k.csv`` then ``-o k.xlsx`` names the second's not-reviewed file after its whole name,
    ``k.xlsx.not_reviewed.csv``. ``report k.xlsx`` copied alone (no companion beside it to tell which name its
    review gave them) said ``no k.not_reviewed.csv beside it``, a file this review never wrote: the officer
    looked for the wrong file. It now names both, the stem's and the whole name's, in the run's language."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    households, fewer = tmp_path / "ho.csv", tmp_path / "ho2.csv"
    households.write_text("".join(lines[:31]), encoding="utf-8")
    fewer.write_text("".join(lines[:21]), encoding="utf-8")
    db = tmp_path / "a.db"
    first = ["review", str(households), "--date", "2024-12-10", "--db", str(db), "-q", "-o", str(tmp_path / "k.csv")]
    assert _invoke(*first).exit_code == 0
    second = ["review", str(fewer), "--date", "2025-12-10", "--db", str(db), "-q", "-o", str(tmp_path / "k.xlsx")]
    assert _invoke(*second).exit_code == 0
    assert (tmp_path / "k.xlsx.not_reviewed.csv").exists()
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "k.xlsx").write_bytes((tmp_path / "k.xlsx").read_bytes())
    said = {
        "en": "no k.not_reviewed.csv (or k.xlsx.not_reviewed.csv, as review names it",
        "vi": "không thấy tệp k.not_reviewed.csv (hoặc k.xlsx.not_reviewed.csv, tên review đặt",
    }
    for lang, words in said.items():
        done = _invoke("report", str(copy / "k.xlsx"), "-o", str(copy / f"r_{lang}"), "--format", "csv", "--lang", lang)
        text = " ".join(done.output.split())
        assert done.exit_code == 0 and words in text, text


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "lần rà soát trước của Xã A (10/12/2025, lần 1) đã ghi phân loại theo chuẩn địa phương"),
        ("en", "the last review of Xã A (2025-12-10, review 1) recorded the statuses of the local standard"),
    ],
)
def test_a_review_after_one_under_a_local_standard_alone_says_what_it_compares_with(
    tmp_path: Path, lang: str, said: str
) -> None:
    """A history whose last review was run under a local standard alone (review --ruleset <local>, which
    versions up to 0.1.0 recorded without a word and session 19 with a note alone) holds local statuses: the
    next national review compared its households with them — movements and windows between two standards —
    without a word. It now says so, naming that review, and how to put it right (that review again under the
    national standard, with --local if wanted, then this one), in vi and en."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1700000\n", encoding="utf-8")
    db = tmp_path / "h.db"
    base = ["review", str(households), "--db", str(db), "--commune", "Xã A", "--blank-flags", "not-deprived", "-q"]
    assert CliRunner().invoke(main, [*base, "--date", "2025-12-10"]).exit_code == 0
    with sqlite3.connect(db) as conn:  # as review --ruleset example-bac-ninh-2025 recorded it before 330c719
        conn.execute("UPDATE reviews SET ruleset = 'vn-2022-2026@2025.02+example-bac-ninh-2025@1'")
    args = ["review", str(households), "--db", str(db), "--commune", "Xã A", "--blank-flags", "not-deprived"]
    result = CliRunner().invoke(main, [*args, "--date", "2026-12-10", "-o", str(tmp_path / "r.csv"), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert said in text and "example-bac-ninh-2025" in text, text
    again = CliRunner().invoke(main, [*args, "--date", "2027-12-10", "-o", str(tmp_path / "r2.csv"), "--lang", lang])
    assert again.exit_code == 0 and said.split(" (")[0] not in " ".join(again.output.split()), again.output


@pytest.mark.parametrize(
    ("lang", "said", "untrue"),
    [
        ("vi", "theo lịch sử trước thay đổi này ở ngày 01/12/2024", "kết quả cũ ngày"),
        ("en", "from the history as it was before this change on 2024-12-01", "earlier results of"),
    ],
)
def test_a_review_put_before_later_ones_says_what_they_counted_from(
    tmp_path: Path, lang: str, said: str, untrue: str
) -> None:
    """A review recorded before later reviews of its commune (01/12/2024, below 10/12/2025) said the later ones
    counted their movements and windows 'from the old results of 01/12/2024' — there were none on that day:
    they counted from the history as it was before this review came in. It now says that, in vi and en."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    db = tmp_path / "h.db"
    base = ["review", str(households), "--db", str(db), "--commune", "Xã A", "--blank-flags", "not-deprived"]
    assert CliRunner().invoke(main, [*base, "--date", "2025-12-10", "-q"]).exit_code == 0
    result = CliRunner().invoke(main, [*base, "--date", "2024-12-01", "-o", str(tmp_path / "r.csv"), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert said in text and untrue not in text, text


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "1 hộ có ngày thoát nghèo (escaped_on) khác ngày công nhận thoát nghèo lịch sử đã ghi (H1: 30/11/2025 ≠ "
         "10/12/2025"),
        ("en", "1 household gives an escaped_on other than the escape from poverty the history recorded (H1: "
         "2025-11-30 ≠ 2025-12-10"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("output", ["r.csv", "r.xlsx"])  # streamed, whole
def test_a_files_escaped_on_the_history_contradicts_is_said(tmp_path: Path, lang: str, said: str, output: str) -> None:
    """A household whose escape from poverty the history recorded on 10/12/2025 (the review's date) and whose
    2026 file gives escaped_on 30/11/2025 (the chair's decision): its window was counted from the history's day
    (until 09/12/2028, not 29/11/2028) and the file's day left unused without a word. The review now says how many
    households' escaped_on the history contradicts, the first ones with both days, and which one decides."""
    db = tmp_path / "h.db"
    first = tmp_path / "ho_2025.csv"
    first.write_text("household_id,area,income_per_capita,previous_status\nH1,rural,1600000,nghèo\n", "utf-8")
    base = ["--db", str(db), "--commune", "Xã A", "--blank-flags", "not-deprived", "--lang", lang]
    assert CliRunner().invoke(main, ["review", str(first), "--date", "2025-12-10", "-q", *base]).exit_code == 0
    second = tmp_path / "ho_2026.csv"
    second.write_text("household_id,area,income_per_capita,escaped_on\nH1,rural,1600000,30/11/2025\n", "utf-8")
    args = ["review", str(second), "--date", "2026-12-10", "-o", str(tmp_path / output), *base]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert said in " ".join(result.output.split()), result.output


def test_the_refusal_of_a_local_standard_alone_out_of_its_period_names_a_command_that_says_why(tmp_path: Path) -> None:
    """review --ruleset example-bac-ninh-2025 (in force in 2025) on --date 2027-12-10 is refused (330c719), and
    asked for '--ruleset vn-2022-2026 --local example-bac-ninh-2025', which is refused in turn for the local
    standard's period without the first refusal saying so. It now asks for --local alone, whose refusal names the
    period; a local standard in force on --date keeps its national base named where another is in force."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1700000\n", encoding="utf-8")
    args = ["review", str(households), "--db", str(tmp_path / "h.db"), "--commune", "Xã A", "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--date", "2027-12-10", "--ruleset", "example-bac-ninh-2025"])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert (
        "again with --local example-bac-ninh-2025 instead of" in text and "--ruleset vn-2022-2026 --local" not in text
    )


_PLACED_HEADER = (
    "household_id,commune,province,area,income_per_capita,deprived_employment,deprived_health_insurance,deprived_water"
)


def _placed_rows(blank: str, cell: str, first: str = "") -> str:
    """H1 … H30 of Xã A in Tỉnh B (H2 poor: income 1,000,000 and three deprivations), the ``blank`` column
    (``commune`` or ``province``) of H2 written ``cell``; ``first``: H1's cell of that column."""
    lines = [_PLACED_HEADER]
    for i in range(1, 31):
        commune, province = "Xã A", "Tỉnh B"
        if i in (1, 2):
            value = first if i == 1 else cell
            commune, province = (value, province) if blank == "commune" else (commune, value)
        poor = i == 2
        lines.append(
            f"H{i},{commune},{province},rural,{1000000 if poor else 3000000},{int(poor)},{int(poor)},{int(poor)}"
        )
    return "\n".join(lines) + "\n"


def _assert_rejected_then_continued(
    tmp_path: Path, lang: str, said: str, output: str, files: tuple[str, str, str], unit: str
) -> None:
    """Two years of a review whose file leaves a row's place cell blank beside rows naming it. ``files``: the first
    year's file (H2 poor with the blank, and H1 too for ``output`` "batches": its blank in a batch before the names),
    the same with the cells filled, and the next year's (H2 not poor). The first run rejects the blank rows (their
    reason holds ``said``) and records ``unit`` alone; filled and run again with --replace, the next year reads
    H2's escape from poverty."""
    db = tmp_path / "h.db"
    households = tmp_path / "ho.csv"
    households.write_text(files[0], "utf-8")
    base = ["--db", str(db), "--lang", lang, "-q"]
    out = ["-o", str(tmp_path / output)] if output != "batches" else ["-o", str(tmp_path / "r.csv")]
    out += ["--batch-bytes", "1024"] if output == "batches" else []
    result = CliRunner().invoke(main, ["review", str(households), "--date", "2025-12-10", *base, *out])
    assert result.exit_code == 1, result.output
    rejects = next(tmp_path.glob("r.rejects.*"))
    xlsx = rejects.suffix == ".xlsx"
    table = pd.read_excel(rejects, dtype=str, engine="openpyxl") if xlsx else pd.read_csv(rejects, dtype=str)
    assert len(table) == (2 if output == "batches" else 1)
    text = " ".join(" ".join(map(str, table.to_numpy().ravel())).split())
    assert said in text and "H2" in text, text
    with sqlite3.connect(db) as con:
        units = {row[0] for row in con.execute("SELECT unit FROM review_units")}
    assert units == {unit}
    households.write_text(files[1], "utf-8")  # the officer fills the cells
    again = ["review", str(households), "--date", "2025-12-10", "--replace", *base, *out]
    assert CliRunner().invoke(main, again).exit_code == 0
    later = tmp_path / "ho_2026.csv"
    later.write_text(files[2], "utf-8")
    reviewed = tmp_path / "r2.csv"
    result = CliRunner().invoke(main, ["review", str(later), "--date", "2026-12-10", *base, "-o", str(reviewed)])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(reviewed, dtype=str).set_index("household_id")
    assert rows.loc["H2", "transition"] == "escaped_poverty"
    assert rows.loc["H2", "previous_status"] == "poor"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "commune: để trống, trong khi các dòng khác của tệp ghi 'Xã A': hãy ghi xã của hộ này"),
        ("en", "commune: is blank, while the file's other rows name 'Xã A': write this household's commune"),
    ],
)
@pytest.mark.parametrize("output", ["r.csv", "r.xlsx", "batches"])  # streamed, whole, streamed in small batches
def test_a_row_leaving_its_commune_blank_beside_named_rows_is_rejected_and_its_history_kept(
    tmp_path: Path, lang: str, said: str, output: str
) -> None:
    """A review whose file left the commune (Xã) blank on a row beside rows naming Xã A recorded that household
    under a commune of no name (review_units 'name||' beside 'name|Tỉnh B|Xã A'), without a word; the next year,
    its commune written, it came back as a first review, its status, escape and window lost, and was not listed as
    not reviewed. The row is now rejected, its reason naming the column and the commune the other rows name (vi
    and en); the officer fills the cell and runs again, and the next year's review continues its history."""
    first = _placed_rows("commune", "", first="Xã A" if output != "batches" else "")
    filled = _placed_rows("commune", "Xã A", first="Xã A")
    files = (first, filled, filled.replace("1000000", "3000000"))
    _assert_rejected_then_continued(tmp_path, lang, said, output, files, "name|Tỉnh B|Xã A")


def test_a_row_leaving_its_province_blank_beside_named_rows_is_rejected(tmp_path: Path) -> None:
    """Tỉnh blank on a row of Xã A beside rows naming Tỉnh B: that household went under 'name||Xã A', a commune
    of its own (a note called them one commune sent twice), and the next year, the province written, the last
    review's 'Xã A' was said absent from the file and the household a first review. The row is now rejected."""
    households = tmp_path / "ho.csv"
    households.write_text(_placed_rows("province", "", first="Tỉnh B"), "utf-8")
    args = ["review", str(households), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "--lang", "en", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    text = " ".join((tmp_path / "ho.rejects.csv").read_text("utf-8-sig").split())
    assert "province: is blank, while the file's other rows name 'Tỉnh B': write this household's province" in text
    assert "H2" in text and "H3" not in text


def test_a_file_leaving_its_commune_blank_on_every_row_is_reviewed_and_classify_rejects_no_blank_commune(
    tmp_path: Path,
) -> None:
    """A commune's own file (its Xã column blank on every row) is reviewed under --commune as before; classify,
    which records no history, rejects no row for a commune left blank beside named ones."""
    households = tmp_path / "ho.csv"
    households.write_text(_placed_rows("commune", "", first="").replace(",Xã A,", ",,"), "utf-8")
    args = ["review", str(households), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "--commune", "Xã A"]
    assert CliRunner().invoke(main, [*args, "-q"]).exit_code == 0
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(_placed_rows("commune", "", first="Xã A"), "utf-8")
    result = CliRunner().invoke(main, ["classify", str(mixed), "-o", str(tmp_path / "c.csv"), "-q"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("output", ["r.csv", "r.xlsx"])  # streamed, whole
def test_a_known_households_row_leaving_its_commune_blank_is_undetermined_not_gone(tmp_path: Path, output: str) -> None:
    """A household of the last review whose row this year leaves its commune (or province) blank, rejected for it,
    was matched to its history by its row's unit ('name||'), which it never had: it was listed as not reviewed and
    absent from the file (in_file false), counted among the households that left (the movements' other exits)
    instead of undetermined on the list it was on, as a known household whose row was rejected is. Its written
    cells now find it: undetermined, in the file."""
    db = tmp_path / "h.db"
    first = tmp_path / "ho_2025.csv"
    first.write_text(_placed_rows("commune", "Xã A", first="Xã A"), "utf-8")
    base = ["--db", str(db), "--lang", "en", "-q"]
    assert CliRunner().invoke(main, ["review", str(first), "--date", "2025-12-10", *base]).exit_code == 0
    for blank in ("commune", "province"):
        later = tmp_path / f"ho_2026_{blank}.csv"
        written = "Tỉnh B" if blank == "province" else "Xã A"
        later.write_text(_placed_rows(blank, "", first=written), "utf-8")
        out = tmp_path / output
        args = ["review", str(later), "--date", "2026-12-10", "--replace", *base, "-o", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        gone = pd.read_csv(tmp_path / "r.not_reviewed.csv", dtype=str).set_index("household_id")
        assert gone.loc["H2", "in_file"].lower() == "true", gone
        moves = pd.read_csv(tmp_path / "r.movements.csv", dtype=str).iloc[-1]
        assert (moves["poor_undetermined"], moves["poor_not_reviewed"]) == ("1", "0"), moves


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "đã ghi một số hộ vào một xã không tên"),
        ("en", "recorded households under a commune of no name"),
    ],
)
def test_households_an_earlier_version_recorded_under_no_commune_are_said_with_how_to_keep_them(
    lang: str, said: str
) -> None:
    """A history an earlier version wrote holds a review whose file left Xã blank on some rows beside rows naming
    Xã A: its units 'name||' beside 'name|Tỉnh B|Xã A'. The next review, the commune written, said the last review
    'also covered —, which has no row in this file' and that its households are not gone: a commune named by a
    dash, and no word that these households are the file's own, now first reviews. It now says that review
    recorded households under a commune of no name, that they lose their history, and how to keep it (history
    undo, the commune written, that review and this one run again)."""
    from poverty_rules.review.scope import absent_communes_note

    recorded = pd.DataFrame(
        {
            "review_id": [1, 1],
            "review_date": ["2025-12-01", "2025-12-01"],
            "unit": ["name|Tỉnh B|Xã A", "name||"],
            "province_code": ["", ""],
            "commune_code": ["", ""],
            "province": ["Tỉnh B", ""],
            "commune": ["Xã A", ""],
        }
    )
    scope = recorded.iloc[[0]].drop(columns=["review_id", "review_date"]).reset_index(drop=True)
    notes = absent_communes_note(recorded, "2026-12-01", scope, db="h.db", lang=lang)
    text = " ".join(" ".join(notes).split())
    assert said in text and "history undo 1 --db h.db" in text and "—" not in text, text


_CODED_HEADER = (
    "household_id,commune_code,commune,province,area,income_per_capita,deprived_employment,"
    "deprived_health_insurance,deprived_water"
)


def _coded_rows(blank: tuple[int, ...] = (), poor: bool = True) -> str:
    """H1 … H30 of Xã A (Mã xã 03001) in Tỉnh B, H2 poor when ``poor`` (income 1,000,000 and three deprivations);
    the rows of ``blank`` leave their Mã xã blank, their Xã written."""
    lines = [_CODED_HEADER]
    for i in range(1, 31):
        low = poor and i == 2
        code = "" if i in blank else "03001"
        lines.append(f"H{i},{code},Xã A,Tỉnh B,rural,{1000000 if low else 3000000},{int(low)},{int(low)},{int(low)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "commune_code: để trống, trong khi các dòng khác của tệp ghi xã 'Xã A' với Mã xã '03001': hãy ghi"),
        ("en", "commune_code: is blank, while the file's other rows write commune 'Xã A' with the code '03001': write"),
    ],
)
@pytest.mark.parametrize("output", ["r.csv", "r.xlsx", "batches"])  # streamed, whole, streamed in small batches
def test_a_row_leaving_its_commune_code_blank_beside_coded_rows_of_its_commune_is_rejected_and_its_history_kept(
    tmp_path: Path, lang: str, said: str, output: str
) -> None:
    """A district's file with Mã xã and Xã columns whose row left Mã xã blank, Xã A written as on the rows coded
    03001, recorded that household under 'name|Tỉnh B|Xã A' beside 'code||03001' (a note called them one commune
    sent twice); the next year, its code written, it came back as a first review, its status, escape and window
    lost, and the last review's 'Xã A' was said absent. The row is now rejected naming the column and the code the
    other rows of its commune write (vi and en); the officer fills the cell, and the next year continues it."""
    files = (_coded_rows(blank=(2,) if output != "batches" else (1, 2)), _coded_rows(), _coded_rows(poor=False))
    _assert_rejected_then_continued(tmp_path, lang, said, output, files, "code||03001")


def test_a_commune_no_row_codes_keeps_its_name_beside_coded_communes(tmp_path: Path) -> None:
    """A file of two communes, Xã A coded 03001 and Xã C written without a code on every row: Xã C is reviewed under
    its name as before, no row rejected (only a commune some row codes asks for its code)."""
    households = tmp_path / "ho.csv"
    text = _coded_rows() + "".join(f"C{i},,Xã C,Tỉnh B,rural,3000000,0,0,0\n" for i in range(1, 6))
    households.write_text(text, "utf-8")
    args = ["review", str(households), "--date", "2025-12-10", "--db", str(tmp_path / "h.db"), "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "h.db") as con:
        units = {row[0] for row in con.execute("SELECT unit FROM review_units")}
    assert units == {"code||03001", "name|Tỉnh B|Xã C"}


@pytest.mark.parametrize("output", ["r.csv", "r.xlsx"])  # streamed, whole
def test_a_review_on_the_day_of_an_imported_list_is_refused_with_replace_too_and_the_list_kept(
    tmp_path: Path, output: str
) -> None:
    """The officer imported last year's list from paper with this year's date (or reviews on the list's date by
    mistake): the review was refused as 'a review of Hưng Chính on 10/12/2025 is already recorded … add
    --replace', and --replace then replaced the imported list, its poor and near-poor households' earlier status
    lost without a word. The review is now refused, --replace too, saying that day holds an imported list and what
    to do (give the review its own date, or undo the list and import it again with its date); nothing written."""
    db = tmp_path / "h.db"
    listed = tmp_path / "ds.csv"
    listed.write_text("Mã hộ,Tình trạng\nH1,nghèo\nH2,cận nghèo\n", "utf-8")
    base = ["--db", str(db), "--commune", "Hưng Chính"]
    assert CliRunner().invoke(main, ["history", "import", str(listed), *base, "--date", "2025-12-10"]).exit_code == 0
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,3000000\n", "utf-8")
    with sqlite3.connect(db) as con:
        before = con.execute("SELECT id, ruleset FROM reviews").fetchall()
    review = ["review", str(households), "--date", "2025-12-10", *base, "-o", str(tmp_path / output), "-q"]
    for extra, lang in (([], "vi"), (["--replace"], "vi"), (["--replace"], "en")):
        result = CliRunner().invoke(main, [*review, *extra, "--lang", lang])
        assert result.exit_code == 2, result.output
        text = " ".join(result.output.split())
        if lang == "vi":
            assert "ngày 10/12/2025, Hưng Chính đã có một danh sách nhập bằng 'history import'" in text, text
            assert "history undo 1" in text and "--replace không thay một danh sách đã nhập" in text, text
        else:
            assert "has a list imported with 'history import' (id 1 in 'history list'), not a review" in text, text
            assert "--date the day of this year's recognition decision" in text, text
        assert "already recorded" not in text and "đã ghi một lần rà soát" not in text
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT id, ruleset FROM reviews").fetchall() == before == [(1, "imported-list")]
    assert not (tmp_path / output).exists()
    result = CliRunner().invoke(main, [*review[:3], "2026-12-10", *review[4:]])  # its own date: reviewed
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["history", "undo", "1", "--db", str(db)]).exit_code == 0


def test_the_library_never_records_a_review_over_an_imported_list(tmp_path: Path) -> None:
    """HistoryStore.record_prepared (replace=True by default, as record_review and the library call it) replaced a
    list imported on the review's date; it now refuses it, the list kept."""
    import poverty_rules as pr
    from poverty_rules.errors import HistoryInputError
    from poverty_rules.pipeline import run_review
    from poverty_rules.review.history import HistoryStore

    frame = pd.DataFrame({"household_id": ["H1", "H2"], "area": ["rural"] * 2, "income_per_capita": ["1000000"] * 2})
    with HistoryStore(tmp_path / "h.db") as store:
        store.import_lists(
            pd.DataFrame({"household_id": ["H1"], "status": ["nghèo"], "review_date": ["2025-12-10"]}), commune="A"
        )
        with pytest.raises(HistoryInputError, match="imported with 'history import'"):
            run_review(frame, pr.load_ruleset("vn-2022-2026"), "2025-12-10", store, "A")
        assert store.reviews()["ruleset"].tolist() == ["imported-list"]


_LIFE_HEADER = "household_id,village,area,income_per_capita,household_size,change_reason," + ",".join(
    f"deprived_{name}" for name in ("employment", "health_insurance", "water")
)


def _life_row(code: str, poor: bool, reason: str = "") -> str:
    """A household of Thôn 1: poor (income 1,000,000 and three deprivations) or not (3,000,000, none)."""
    marks = "1,1,1" if poor else "0,0,0"
    return f"{code},Thôn 1,rural,{1000000 if poor else 3000000},3,{reason},{marks}\n"


def test_a_code_used_again_after_its_household_died_or_merged_is_a_new_household(tmp_path: Path) -> None:
    """H1 (poor) died in 2026 (change_reason chết), H4 (poor) merged into another household (nhập hộ); in 2027 the
    commune gave their codes to new households. The 2027 review compared them with the dead and merged households:
    H1 'unchanged' poor (previous_status poor, the movements counting it new), H4 'escaped_poverty' with a support
    window it never had, and the next years read their escapes and windows from the old households. A code's
    history now ends with its household: the new households are first reviews, their later movements their own;
    a household that moved out and came back (H2, chuyển đi) keeps its history (its movement counted from the lists
    it left: test_a_household_back_after_leaving_is_counted_from_the_lists_it_left)."""
    db = tmp_path / "h.db"
    years = {
        2025: [("H1", True, ""), ("H2", True, ""), ("H3", False, ""), ("H4", True, "")],
        2026: [("H1", True, "chết"), ("H2", True, "chuyển đi"), ("H3", False, ""), ("H4", True, "nhập hộ")],
        2027: [("H1", True, ""), ("H2", False, ""), ("H3", False, ""), ("H4", False, "")],
        2028: [("H1", False, ""), ("H2", False, ""), ("H3", False, ""), ("H4", False, "")],
    }
    rows = {}
    for year, households in years.items():
        path = tmp_path / f"ho_{year}.csv"
        path.write_text(_LIFE_HEADER + "\n" + "".join(_life_row(*h) for h in households), "utf-8")
        args = ["review", str(path), "--date", f"{year}-12-10", "--db", str(db), "--commune", "Xã A", "-q"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        reviewed = pd.read_csv(tmp_path / f"ho_{year}.reviewed.csv", dtype=str, keep_default_na=False)
        rows[year] = reviewed.set_index("household_id")
    columns = ["previous_status", "start_status", "transition", "eligible_until"]
    assert rows[2027].loc["H1", columns].tolist() == ["", "", "first_review", ""]
    assert rows[2027].loc["H4", columns].tolist() == ["", "", "first_review", ""]
    assert rows[2027].loc["H2", "previous_status"] == "poor"  # moved out and back: the same household
    # on none of the commune's lists when it came back (it left them in 2026): no escape, no window of 2027
    assert rows[2027].loc["H2", ["transition", "eligible_until"]].tolist() == ["unchanged", ""]
    assert rows[2028].loc["H1", ["previous_status", "transition", "eligible_until"]].tolist() == [
        "poor",
        "escaped_poverty",
        "2031-12-09",
    ]
    assert rows[2028].loc["H4", ["previous_status", "transition", "eligible_until"]].tolist() == [
        "not_poor",
        "unchanged",
        "",
    ]
    movements = pd.read_csv(tmp_path / "ho_2027.movements.csv", dtype=str).set_index("village")
    assert movements.loc["Tổng cộng", ["poor_start", "poor_new", "poor_escaped", "poor_end"]].tolist() == [
        "0",
        "1",
        "0",
        "1",
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("stray", "several"), [(False, False), (True, False), (False, True)])
def test_a_code_the_history_and_the_members_write_with_zeros_gets_one_note(
    tmp_path: Path, lang: str, stray: bool, several: bool
) -> None:
    """The history and the members file write a household '007', this year's households file '7' (Excel dropped
    the zeros): two notes from two layers named it three times, the members note ("member rows of no household
    … check '007'; … only by leading zeros ('007')") and the review's ("7 ↔ 007"). Now the review's note names it
    once and says its member rows were left out; the members note says nothing of them (nothing at all when they
    are its only rows of no household; its other rows of no household still said, ``stray``). The note speaks of
    that household when there is one, of those households when ``several`` ('008' / '8' too)."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    head = lines[0].split(",")
    drop = [head.index("commune"), head.index("province")]
    rows = [[c for i, c in enumerate(line.split(",")) if i not in drop] for line in lines[:4]]
    for row, code in zip(rows[1:], ["7", "8", "9"], strict=True):
        row[0] = code
    (tmp_path / "ho.csv").write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    members = "household_id,member_id,birth_date,sex,relation_to_head\n007,01,1980-01-01,female,chủ hộ\n"
    eight = "008" if several else "8"
    members += f"007,02,2010-01-01,male,con\n{eight},01,1975-01-01,male,chủ hộ\n9,01,1970-01-01,male,chủ hộ\n"
    members += "ZZ9,01,1970-01-01,male,chủ hộ\n" if stray else ""
    (tmp_path / "tv.csv").write_text(members, encoding="utf-8")
    (tmp_path / "ds.csv").write_text(
        f"Mã hộ,Tình trạng,Năm\n007,nghèo,2024\n{eight},cận nghèo,2024\n", encoding="utf-8"
    )
    db = str(tmp_path / "x.db")
    assert _invoke("history", "import", str(tmp_path / "ds.csv"), "--db", db, "--commune", "Hưng Chính").exit_code == 0
    result = CliRunner().invoke(
        main,
        ["review", str(tmp_path / "ho.csv"), "--date", "10/12/2025", "--db", db, "--commune", "Hưng Chính",
         "--members", str(tmp_path / "tv.csv"), "--lang", lang, "--blank-flags", "not-deprived"],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    word = ("lưu ý" if lang == "vi" else "note") + ": "
    notes = [" ".join(n.split()).removeprefix(word) for n in ("\n" + result.stderr).split("\n" + word)]
    named = [n for n in notes if "007" in n]
    assert len(named) == 1, "\n".join(notes)
    assert named[0].count("007") == 1 and "7 ↔ 007" in named[0], named[0]
    if several:
        folded = {"vi": "nên 3 dòng thành viên của chúng bị bỏ qua", "en": "so 3 member rows of theirs were left out"}
    else:
        folded = {"vi": "nên 2 dòng thành viên của hộ đó bị bỏ qua", "en": "so its 2 member rows were left out"}
    assert folded[lang] in named[0], named[0]
    member_notes = [n for n in notes if ("tệp thành viên" if lang == "vi" else "members file") in n.split(":")[0]]
    assert len(member_notes) == (1 if stray else 0), notes
    if stray:
        assert "ZZ9" in member_notes[0] and "007" not in member_notes[0], member_notes[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "đã ghi một lần rà soát không ghi xã (tệp không có cột Xã, không có --commune) ngày 10/12/2025"),
        ("en", "a review of an unnamed commune (no commune column in the file, no --commune) on 2025-12-10 is"),
    ],
)
def test_a_review_again_of_a_file_naming_no_commune_says_so_not_a_dash(tmp_path: Path, lang: str, said: str) -> None:
    """A file with no commune column reviewed twice on a day without --commune was refused as "đã ghi một lần rà
    soát — ngày 10/12/2025" ("a review of — on …"): the dash of the history list's table, in a sentence."""
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    args = ["review", str(tmp_path / "ho.csv"), "--date", "10/12/2025", "--db", str(tmp_path / "h.db")]
    assert _invoke(*args, "--blank-flags", "not-deprived", "-q").exit_code in (0, 1)
    again = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived", "--lang", lang])
    assert again.exit_code == 2
    assert said in " ".join(again.output.split()), again.output


_BACK_HEADER = "household_id,village,area,income_per_capita,household_size,change_reason," + ",".join(
    f"deprived_{name}"
    for name in ("employment", "dependency", "nutrition", "health_insurance", "adult_education", "child_schooling")
    + ("housing_quality", "housing_area", "water", "sanitation", "telecom", "information_assets")
)


def _back_row(code: str, status: str, reason: str = "") -> str:
    """A household of Thôn 1, poor (1,000,000, three deprivations of twelve), near-poor (1,000,000, one) or not poor."""
    income, deprived = {"poor": (1000000, 3), "near": (1000000, 1), "not": (3000000, 0)}[status]
    marks = ",".join(["1"] * deprived + ["0"] * (12 - deprived))
    return f"{code},Thôn 1,rural,{income},3,{reason},{marks}\n"


def _reviewed_years(tmp_path: Path, years: dict[int, list[tuple[str, ...]]]) -> dict[int, pd.DataFrame]:
    """Each year's file of :func:`_back_row` households reviewed on 10 December into one history (``h.db``), Xã A:
    the reviewed rows by household code."""
    rows = {}
    for year, households in years.items():
        path = tmp_path / f"ho_{year}.csv"
        path.write_text(_BACK_HEADER + "\n" + "".join(_back_row(*h) for h in households), "utf-8")
        args = ["review", str(path), "--date", f"{year}-12-10", "--db", str(tmp_path / "h.db"), "--commune", "Xã A"]
        result = CliRunner().invoke(main, [*args, "-q", "--ruleset", "vn-2022-2026"])
        assert result.exit_code == 0, result.output
        reviewed = pd.read_csv(tmp_path / f"ho_{year}.reviewed.csv", dtype=str, keep_default_na=False)
        rows[year] = reviewed.set_index("household_id")
    return rows


def test_a_household_back_after_leaving_is_counted_from_the_lists_it_left(tmp_path: Path) -> None:
    """P (poor) and N (near-poor) left the commune in 2025 (P absent from the file, N marked chuyển đi: R2/R3 counted
    them as "other" decrease) and came back in 2026 (chuyển đến), P above the lines, N near-poor. The 2026 review
    compared them with the status they left with: P 'escaped_poverty', recognized on the review date with a new
    36-month window and listed among the escapes, though R2 counted no escape (it was on no list at the start) and
    the commune recognized none; N 'unchanged', while R3 counted it an arrival. A household back after leaving is now
    compared with the lists it left (on none of them): P unchanged, no window; N newly near-poor; its earlier escape
    still counts: E, escaped in 2025, away in 2026, back in 2027 above the lines, keeps the window of 2025."""
    db = tmp_path / "h.db"
    years = {
        2024: [("P", "poor"), ("N", "near"), ("S", "poor"), ("E", "poor")],
        2025: [("N", "near", "chuyển đi"), ("S", "poor"), ("E", "not")],
        2026: [("P", "not", "chuyển đến"), ("N", "near", "chuyển đến"), ("S", "poor")],
        2027: [("P", "not"), ("N", "near"), ("S", "poor"), ("E", "not", "chuyển đến")],
    }
    rows = _reviewed_years(tmp_path, years)
    columns = ["start_status", "transition", "eligible_until", "recognized_on"]
    assert rows[2026].loc["P", columns].tolist() == ["", "unchanged", "", ""]
    assert rows[2026].loc["N", columns].tolist() == ["", "newly_near_poor", "", ""]
    assert rows[2026].loc["P", "previous_status"] == "poor"  # the same household: its history kept
    assert rows[2027].loc["E", columns].tolist() == ["", "unchanged", "2028-12-09", ""]
    assert rows[2027].loc["P", columns].tolist() == ["not_poor", "unchanged", "", ""]
    out = tmp_path / "bc"
    assert _invoke("report", str(tmp_path / "ho_2026.reviewed.csv"), "-o", str(out), "--format", "csv").exit_code == 0
    r2 = pd.read_csv(out / "r2.csv", dtype=str).query("level == 'total' and row == 'households'")
    assert r2[[f"c{n}" for n in range(1, 10)]].values.tolist() == [["1", "0", "0", "0", "0", "0", "0", "0", "1"]]
    escaped = pd.read_csv(out / "lists" / "escaped_poverty.csv", dtype=str)
    assert escaped["household_id"].tolist() == []
    listed = tmp_path / "el.csv"
    assert _invoke("eligible", "--as-of", "2026-12-31", "--db", str(db), "-o", str(listed)).exit_code == 0
    assert pd.read_csv(listed, dtype=str)["household_id"].tolist() == []
    history = tmp_path / "h2026.csv"
    assert _invoke("history", "show", "3", "--db", str(db), "-o", str(history)).exit_code == 0
    shown = pd.read_csv(history, dtype=str, keep_default_na=False).set_index("household_id")
    assert shown.loc[["P", "N"], "transition"].tolist() == ["unchanged", "newly_near_poor"]


def test_a_household_leaving_the_commune_escapes_nothing(tmp_path: Path) -> None:
    """D (poor) died in 2025, M (poor) moved away, K (poor) merged into another household: their rows, marked so,
    were classified above the poverty line, and the reviewed file said 'escaped_poverty', recognized on the review's
    day with a 36-month window — for a dead household —, while R2 counted them as "other" decrease (column 4), the
    list of escapes and `eligible` named none of them, and the history kept M's escape: back above the lines in 2026,
    M carried that window. A household leaving the commune is recognized nothing: its movement is blank (R2/R3's
    column 4 says it), no window, no recognition."""
    db = tmp_path / "h.db"
    years = {
        2024: [("D", "poor"), ("M", "poor"), ("K", "poor"), ("T", "poor")],
        2025: [("D", "not", "chết"), ("M", "near", "chuyển đi"), ("K", "not", "nhập hộ"), ("T", "poor")],
        2026: [("M", "not", "chuyển đến"), ("T", "poor")],
    }
    rows = _reviewed_years(tmp_path, years)
    columns = ["start_status", "transition", "escaped_to_near_poor", "eligible_until", "recognized_on"]
    for code in ("D", "M", "K"):
        assert rows[2025].loc[code, columns].tolist() == ["poor", "", "", "", ""], code
    assert rows[2026].loc["M", ["transition", "eligible_until", "recognized_on"]].tolist() == ["unchanged", "", ""]
    history = tmp_path / "h2025.csv"
    assert _invoke("history", "show", "2", "--db", str(db), "-o", str(history)).exit_code == 0
    shown = pd.read_csv(history, dtype=str, keep_default_na=False).set_index("household_id")
    assert shown.loc[["D", "M", "K"], "transition"].tolist() == ["", "", ""]
    out = tmp_path / "bc"
    assert _invoke("report", str(tmp_path / "ho_2025.reviewed.csv"), "-o", str(out), "--format", "csv").exit_code == 0
    r2 = pd.read_csv(out / "r2.csv", dtype=str).query("level == 'total' and row == 'households'")
    assert r2[[f"c{n}" for n in range(1, 10)]].values.tolist() == [["4", "0", "0", "3", "0", "0", "0", "0", "1"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_code_back_after_a_year_under_its_zeros_is_said(tmp_path: Path, lang: str) -> None:
    """0009 (poor) was typed 9 in 2025, Excel having dropped the zeros: the 2025 review said so (9 ↔ 0009) and the
    officer let it be. In 2026 the file writes 0009 again: the history knows it (2024) and the review counts it as
    back after leaving, while 9, of the last review, is gone — silently, the household's two codes splitting its
    history (R2: an "other" decrease and a newly poor household). The review now pairs a household back after
    leaving with an absent household of the last review whose code differs only by leading zeros, and says so."""
    years: dict[int, list[tuple[str, ...]]] = {
        2024: [("0009", "poor"), ("0010", "near")],
        2025: [("9", "poor"), ("0010", "near")],
        2026: [("0009", "poor"), ("0010", "near")],
    }
    for year, households in years.items():
        path = tmp_path / f"ho_{year}.csv"
        path.write_text(_BACK_HEADER + "\n" + "".join(_back_row(*h) for h in households), "utf-8")
        args = ["review", str(path), "--date", f"{year}-12-10", "--db", str(tmp_path / "h.db"), "--commune", "Xã A"]
        result = CliRunner().invoke(main, [*args, "--ruleset", "vn-2022-2026", "--lang", lang])
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())
        back = {"vi": "hộ trở lại sau khi ra khỏi danh sách", "en": "back after leaving"}[lang]
        assert (back in said) == (year == 2026), said
    assert "0009 ↔ 9" in said


def test_a_list_imported_with_an_escape_of_its_own_day_is_no_absence_of_the_others(tmp_path: Path) -> None:
    """Two lists imported, 2022 (X, Z poor) and 2023 (X near-poor, its escape recognized 15/06/2023; Z near-poor):
    X's escape is recorded as an imported list of that day holding X alone. The household Z, absent from that one-row
    list, was read as having left and come back, its escape from poverty in 2023 (poor → near-poor) lost: poor again
    in 2024 it was newly poor, not relapsed. An imported list, partial by nature, is no review a household can be
    absent from."""
    (tmp_path / "d22.csv").write_text("Mã hộ,Tình trạng,Thôn\nX,nghèo,Thôn 1\nZ,nghèo,Thôn 1\n", "utf-8")
    (tmp_path / "d23.csv").write_text(
        "Mã hộ,Tình trạng,Thôn,Ngày thoát nghèo\nX,cận nghèo,Thôn 1,15/06/2023\nZ,cận nghèo,Thôn 1,\n", "utf-8"
    )
    db = str(tmp_path / "h.db")
    for year in (2022, 2023):
        args = ["history", "import", str(tmp_path / f"d{year % 100}.csv"), "--db", db, "--commune", "Xã A"]
        assert _invoke(*args, "--date", f"{year}-12-10").exit_code == 0
    (tmp_path / "h24.csv").write_text(_BACK_HEADER + "\n" + _back_row("X", "poor") + _back_row("Z", "poor"), "utf-8")
    args = ["review", str(tmp_path / "h24.csv"), "--date", "2024-12-10", "--db", db, "--commune", "Xã A", "-q"]
    assert _invoke(*args, "--ruleset", "vn-2022-2026").exit_code == 0
    reviewed = pd.read_csv(tmp_path / "h24.reviewed.csv", dtype=str, keep_default_na=False).set_index("household_id")
    assert reviewed.loc[["X", "Z"], "transition"].tolist() == ["relapsed_poor", "relapsed_poor"]
