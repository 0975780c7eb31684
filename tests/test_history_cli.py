"""The review history you cannot break by accident (issue #13): regressions and refusals."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
POOR = ("HC-01-0023", "HC-01-0080")  # poor in the sample (income and deprivations)
OTHER = "HC-01-0001"  # not poor


def _households(
    folder: Path, name: str, ids: tuple[str, ...], rich: tuple[str, ...] = (), *, places: bool = True
) -> Path:
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    frame = frame[frame["household_id"].isin(ids)].copy()
    frame.loc[frame["household_id"].isin(rich), ["income_per_capita", "score_a"]] = ["9000000", ""]
    if not places:  # a file that does not name its commune: --commune (or --commune-code) does
        frame = frame.drop(columns=["province", "commune"])
    path = folder / name
    frame.to_csv(path, index=False)
    return path


def _review(path: Path, day: str, db: Path, *extra: str) -> object:
    return CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-q", *extra])


def _reviews(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT review_date, commune FROM reviews ORDER BY review_date").fetchall()


def _own_copy(made: Path, tmp_path: Path) -> Path:
    """The test's own copy of a folder a module fixture made once (its history ``h.db`` and the files beside it):
    the test reviews, imports or undoes into the copy, never into the shared folder. Returns the copy's history."""
    shutil.copytree(made, tmp_path, dirs_exist_ok=True)
    return tmp_path / "h.db"


def test_third_review_with_dated_and_undated_not_reviewed_households(tmp_path: Path) -> None:
    """Regression: the third review crashed (pyarrow ArrowTypeError) writing the not-reviewed list
    when it held one household with a recognition date and one without — after recording the review."""
    db = tmp_path / "h.db"
    first = _households(tmp_path, "y1.csv", (*POOR, OTHER))
    second = _households(tmp_path, "y2.csv", (*POOR, OTHER), rich=(POOR[0],))
    third = _households(tmp_path, "y3.csv", (OTHER,))
    assert _review(first, "2024-12-10", db).exit_code == 0
    assert _review(second, "2025-12-10", db).exit_code == 0
    result = _review(third, "2026-12-10", db)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "y3.not_reviewed.csv", encoding="utf-8-sig") as fh:
        rows = {r["household_id"]: r for r in csv.DictReader(fh)}
    assert rows[POOR[0]]["recognized_on"] == "2025-12-10"
    assert rows[POOR[1]]["recognized_on"] == ""
    assert [d for d, _ in _reviews(db)] == ["2024-12-10", "2025-12-10", "2026-12-10"]


def test_the_history_refuses_mistakes_and_lists_shows_undoes(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    path = _households(tmp_path, "y1.csv", (*POOR, OTHER), places=False)
    assert _review(path, "2024-12-10", db, "--commune", "Tà Lèng").exit_code == 0
    again = _review(path, "2024-12-10", db, "--commune", "Tà Lèng")
    assert again.exit_code == 2 and "--replace" in again.output
    assert _review(path, "2024-12-10", db, "--commune", "Tà Lèng", "--replace").exit_code == 0
    later = _households(tmp_path, "y2.csv", (*POOR, OTHER), places=False)
    for spelling in ("Xã Tà Lèng", "ta leng", "TÀ LÈNG"):
        refused = _review(later, "2025-12-10", db, "--commune", spelling)
        assert refused.exit_code == 2 and "--new-commune" in refused.output, refused.output
    unnamed = _review(later, "2025-12-10", db)
    assert unnamed.exit_code == 2 and "--commune" in unnamed.output
    assert _reviews(db) == [("2024-12-10", "Tà Lèng")]  # nothing recorded by the refusals
    assert _review(later, "2025-12-10", db, "--commune", "Xã Tà Lèng", "--new-commune").exit_code == 0
    listed = CliRunner().invoke(main, ["history", "list", "--db", str(db)])
    assert listed.exit_code == 0 and "Xã Tà Lèng" in listed.output
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)])
    assert shown.exit_code == 0 and POOR[0] in shown.output
    assert CliRunner().invoke(main, ["history", "undo", "2", "--db", str(db)]).exit_code == 0
    assert _reviews(db) == [("2024-12-10", "Tà Lèng")]
    assert CliRunner().invoke(main, ["history", "undo", "2", "--db", str(db)]).exit_code == 2


def _coded(folder: Path, name: str, communes: dict[str, tuple[str, str]], rich: tuple[str, ...] = ()) -> Path:
    """POOR and OTHER in each commune code → (commune name, the code's households' id prefix)."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    parts = []
    for code, (commune, prefix) in communes.items():
        part = frame[frame["household_id"].isin((*POOR, OTHER))].copy()
        part["household_id"] = prefix + part["household_id"]
        part["Mã tỉnh"], part["Mã xã"], part["commune"] = "12", code, commune
        parts.append(part)
    out = pd.concat(parts)
    out.loc[out["household_id"].isin(rich), ["income_per_capita", "score_a"]] = ["9000000", ""]
    path = folder / name
    out.to_csv(path, index=False)
    return path


def test_codes_are_the_scope_a_commune_keeps_its_history_alone_or_in_a_district(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    district = _coded(tmp_path, "d1.csv", {"03001": ("Xã Tà Lèng", "A"), "03002": ("Xã Hưng Chính", "B")})
    assert _review(district, "2024-12-10", db).exit_code == 0
    # the commune alone, a year later, named another way: its code finds its history
    alone = _coded(tmp_path, "a2.csv", {"03001": ("TÀ LÈNG", "A")}, rich=("A" + POOR[0],))
    result = _review(alone, "2025-12-10", db, "--lang", "en")
    assert result.exit_code == 0, result.output
    with open(tmp_path / "a2.reviewed.csv", encoding="utf-8-sig") as fh:
        moves = {r["household_id"]: r["transition"] for r in csv.DictReader(fh)}
    assert moves["A" + POOR[0]] == "escaped_poverty" and moves["A" + POOR[1]] == "unchanged"
    with open(tmp_path / "a2.not_reviewed.csv", encoding="utf-8-sig") as fh:
        assert list(csv.DictReader(fh)) == []  # the other commune was not in this review's scope
    again = _review(alone, "2025-12-10", db, "--lang", "en")
    assert again.exit_code == 2 and "--replace" in again.output
    # a new code whose name resembles a recorded commune of another code: codes decide, no question
    other = _coded(tmp_path, "o2.csv", {"03003": ("Xã Tà Lèng", "C")})
    assert _review(other, "2025-12-10", db).exit_code == 0
    listed = CliRunner().invoke(main, ["history", "list", "--db", str(db), "--lang", "vi"])
    assert listed.exit_code == 0 and "12/03001" in listed.output and "Phạm vi" in listed.output
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)])
    assert shown.exit_code == 0 and "03002" in shown.output
    with sqlite3.connect(db) as conn:
        units = conn.execute("SELECT review_id, unit FROM review_units ORDER BY review_id, unit").fetchall()
    assert units == [(1, "code|12|03001"), (1, "code|12|03002"), (2, "code|12|03001"), (3, "code|12|03003")]


def test_codes_against_a_history_kept_by_names_and_the_code_options(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    by_name = _households(tmp_path, "y1.csv", (*POOR, OTHER), places=False)
    assert _review(by_name, "2024-12-10", db, "--commune", "Tà Lèng").exit_code == 0
    coded = _coded(tmp_path, "c2.csv", {"03001": ("Xã Tà Lèng", "")})
    refused = _review(coded, "2025-12-10", db, "--lang", "vi")
    assert refused.exit_code == 2 and "--new-commune" in refused.output and "theo tên" in refused.output
    again = _review(by_name, "2025-12-10", db, "--commune", "Tà Lèng", "--commune-code", "03001", "--lang", "en")
    assert again.exit_code == 2 and "--new-commune" in again.output
    with_option = _review(
        by_name, "2025-12-10", db, "--province-code", "12", "--commune-code", "03001", "--new-commune"
    )
    assert with_option.exit_code == 0, with_option.output
    both = _review(coded, "2026-12-10", db, "--commune-code", "03001", "--lang", "en")
    assert both.exit_code == 2 and "leave out --province-code and --commune-code" in both.output
    assert _review(coded, "2026-12-10", db).exit_code == 0  # the file's code: the history of the option's code
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM review_units WHERE unit = 'code|12|03001'").fetchone() == (2,)
    with open(tmp_path / "c2.reviewed.csv", encoding="utf-8-sig") as fh:
        assert {r["previous_status"] for r in csv.DictReader(fh) if r["household_id"] in POOR} == {"poor"}


def test_one_household_code_in_two_communes_of_one_file_keeps_two_histories(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    first = _coded(tmp_path, "d1.csv", {"03001": ("Xã Tà Lèng", ""), "03002": ("Xã Hưng Chính", "")})
    assert _review(first, "2024-12-10", db).exit_code == 0
    second = _coded(tmp_path, "d2.csv", {"03001": ("Xã Tà Lèng", ""), "03002": ("Xã Hưng Chính", "")})
    frame = pd.read_csv(second, dtype=str, keep_default_na=False)
    rich = (frame["household_id"] == POOR[0]) & (frame["Mã xã"] == "03001")
    frame.loc[rich, ["income_per_capita", "score_a"]] = ["9000000", ""]
    frame.to_csv(second, index=False)
    result = _review(second, "2025-12-10", db, "--lang", "en")
    assert result.exit_code == 0, result.output
    with open(tmp_path / "d2.reviewed.csv", encoding="utf-8-sig") as fh:
        rows = [r for r in csv.DictReader(fh) if r["household_id"] == POOR[0]]
    moves = {r["Mã xã"]: (r["previous_status"], r["transition"]) for r in rows}
    assert moves == {"03001": ("poor", "escaped_poverty"), "03002": ("poor", "unchanged")}


def test_report_from_the_history_keeps_one_code_in_two_communes_apart(tmp_path: Path) -> None:
    """report --db finds each household's start by its commune and code: POOR[0] is poor in 03001 and
    not poor in 03002 at the first review; both are above the lines at the second. The forms from the
    history equal the forms from the reviewed file (whose previous_status the review keyed right)."""
    db = tmp_path / "h.db"
    communes = {"03001": ("Xã Tà Lèng", ""), "03002": ("Xã Hưng Chính", "")}
    first = _coded(tmp_path, "d1.csv", communes)
    frame = pd.read_csv(first, dtype=str, keep_default_na=False)
    frame.loc[(frame["household_id"] == POOR[0]) & (frame["Mã xã"] == "03002"), ["income_per_capita", "score_a"]] = [
        "9000000",
        "",
    ]
    frame.to_csv(first, index=False)
    assert _review(first, "2024-12-10", db).exit_code == 0
    second = _coded(tmp_path, "d2.csv", communes, rich=(POOR[0],))
    assert _review(second, "2025-12-10", db).exit_code == 0
    args = ["--format", "csv", "--date", "2025-12-10", "--lang", "en"]
    from_db, from_file = tmp_path / "db_out", tmp_path / "file_out"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(from_db), *args])
    assert result.exit_code == 0, result.output
    reviewed = tmp_path / "d2.reviewed.csv"
    assert CliRunner().invoke(main, ["report", str(reviewed), "-o", str(from_file), *args]).exit_code == 0
    r2 = pd.read_csv(from_db / "r2.csv", dtype=str, keep_default_na=False)
    assert (from_db / "r2.csv").read_bytes() == (from_file / "r2.csv").read_bytes()
    households = r2[(r2["level"] == "commune") & (r2["row"] == "households")].set_index("commune")
    # poor at the start: both POOR households in Tà Lèng, only POOR[1] in Hưng Chính
    assert households["c1"].to_dict() == {"Xã Tà Lèng": "2", "Xã Hưng Chính": "1"}


def test_a_rejected_row_is_told_from_a_household_that_left_by_its_commune(tmp_path: Path) -> None:
    """POOR[0] of 03001 has its row rejected (an unreadable income): it stays, undetermined; POOR[0] of
    03002 is no longer in the file: it left ("other" decrease, R2 column 4) — one code, two communes."""
    db = tmp_path / "h.db"
    communes = {"03001": ("Xã Tà Lèng", ""), "03002": ("Xã Hưng Chính", "")}
    assert _review(_coded(tmp_path, "d1.csv", communes), "2024-12-10", db).exit_code == 0
    second = _coded(tmp_path, "d2.csv", communes)
    frame = pd.read_csv(second, dtype=str, keep_default_na=False)
    frame.loc[(frame["household_id"] == POOR[0]) & (frame["Mã xã"] == "03001"), "income_per_capita"] = "abc"
    frame = frame[~((frame["household_id"] == POOR[0]) & (frame["Mã xã"] == "03002"))]
    frame.to_csv(second, index=False)
    assert _review(second, "2025-12-10", db).exit_code == 1  # a row rejected
    out = tmp_path / "out"
    args = ["report", "--db", str(db), "--date", "2025-12-10", "--format", "csv", "-o", str(out), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    r2 = pd.read_csv(out / "r2.csv", dtype=str, keep_default_na=False)
    households = r2[(r2["level"] == "commune") & (r2["row"] == "households")].set_index("commune")
    assert households["c4"].to_dict() == {"Xã Tà Lèng": "0", "Xã Hưng Chính": "1"}
    assert households["c9"].to_dict() == {"Xã Tà Lèng": "2", "Xã Hưng Chính": "1"}


def test_history_show_prints_a_large_review_in_part_and_writes_it_whole(tmp_path: Path) -> None:
    """``history show``: the screen gets at most SHOWN_ROWS households and says how many more; with
    ``-o`` every household goes to the file and the screen gets the count of each status."""
    from poverty_rules.cli.history import SHOWN_ROWS

    db = tmp_path / "h.db"
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    whole = tmp_path / "all.csv"
    frame.to_csv(whole, index=False)
    assert _review(whole, "2025-12-10", db).exit_code in (0, 1)  # the sample's deliberate rejects
    rows = len(pd.read_csv(tmp_path / "all.reviewed.csv", dtype=str))
    assert rows > SHOWN_ROWS
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert f"{rows - SHOWN_ROWS:,} more households not printed (the first {SHOWN_ROWS:,} shown)" in shown.output
    assert shown.output.count("HC-") == SHOWN_ROWS
    out = tmp_path / "review_1.csv"
    written = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(out), "--lang", "vi"])
    assert written.exit_code == 0, written.output
    with open(out, encoding="utf-8-sig") as fh:
        saved = list(csv.DictReader(fh))
    assert len(saved) == rows and "HC-" not in written.output
    assert f"đã ghi {rows:,} hộ của lần rà soát 1".replace(",", ".") in written.output
    poor = sum(1 for r in saved if r["status"] == "poor")
    cells = [[c.strip() for c in line.split("│")[1:3]] for line in written.output.splitlines()]
    assert ["Hộ nghèo", str(poor)] in cells


def _imported(tmp_path: Path) -> Path:
    """A small history: one household whose escape was recognized on 2024-12-20, in Xã Hưng Chính."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": ["E1", "E1"],
            "Tình trạng": ["hộ nghèo", "thoát nghèo"],
            "Năm": ["2023", "2024"],
            "Ngày công nhận": ["", "2024-12-20"],
            "Thôn": ["Thôn 1", "Thôn 1"],
            "Xã": ["Xã Hưng Chính", "Xã Hưng Chính"],
        }
    ).to_csv(lists, index=False)
    result = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_eligible_and_history_show_never_write_over_the_history(tmp_path: Path) -> None:
    """Regression: ``eligible -o X`` / ``history show -o X`` with X the --db file replaced every
    recorded review by the CSV list, exit code 0. Now refused (exit 2) before anything is written,
    as ``review`` and ``report`` refuse an output that is an input."""
    db = _imported(tmp_path)
    before = db.read_bytes()
    for command in (["eligible", "--as-of", "2025-01-01"], ["history", "show", "1"]):
        for output, lang, words in ((db, "vi", "cơ sở dữ liệu lịch sử"), (db.parent / "." / db.name, "en", "history")):
            result = CliRunner().invoke(main, [*command, "--db", str(db), "-o", str(output), "--lang", lang])
            assert result.exit_code == 2, result.output
            assert words in result.output and "Traceback" not in result.output
            assert db.read_bytes() == before
    assert CliRunner().invoke(main, ["history", "list", "--db", str(db)]).exit_code == 0
    listed = tmp_path / "list.csv"
    result = CliRunner().invoke(main, ["eligible", "--as-of", "2025-01-01", "--db", str(db), "-o", str(listed)])
    assert result.exit_code == 0 and "E1" in listed.read_text(encoding="utf-8-sig")


def _read_only(monkeypatch: object, folder: Path) -> None:
    """``folder`` and what it holds as a read-only disk would be (os.access says so), for root too."""
    import os

    real = os.access

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        inside = Path(os.path.abspath(str(path)))
        if mode & os.W_OK and (inside == folder or folder in inside.parents):
            return False
        return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)  # type: ignore[attr-defined]


def _refused_in_words(result: object, *words: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 2, output  # type: ignore[attr-defined]
    assert all(w in output for w in words), output
    assert "ngoài dự kiến" not in output and "unexpected" not in output and "Errno" not in output, output


def test_unwritable_places_and_a_read_only_history_are_said_plainly(tmp_path: Path, monkeypatch: object) -> None:
    """Regression: a read-only folder or history gave "lỗi ngoài dự kiến (OSError: [Errno 30] Read-only
    file system …)" / OperationalError (report -o, eligible -o, history show -o, history undo, review),
    a missing folder FileNotFoundError (eligible -o, history show -o), and ``review`` wrote its three
    files before failing on a read-only history, then said "không ghi tệp nào". Now each is refused
    before any work with the words review/classify use (data/outputs.py), and review writes nothing."""
    db = _imported(tmp_path)
    households = _households(tmp_path, "y.csv", (*POOR, OTHER))
    run = CliRunner().invoke(main, ["review", str(households), "--date", "2024-12-10", "--db", str(db) + "2", "-q"])
    reviewed = tmp_path / "y.reviewed.csv"
    assert run.exit_code == 0 and reviewed.exists(), run.output
    locked = (tmp_path / "locked").resolve()
    locked.mkdir()
    shutil.copy(str(db) + "2", locked / "h.db")
    _read_only(monkeypatch, locked)
    before = (locked / "h.db").read_bytes()
    vi = "không có quyền ghi vào thư mục"
    for output in ("e.csv", "e.xlsx"):
        _refused_in_words(cli_run("eligible", "--as-of", "2025-01-01", "--db", db, "-o", locked / output), vi)
    _refused_in_words(cli_run("history", "show", "1", "--db", db, "-o", locked / "s.csv"), vi)
    missing = tmp_path / "nodir"
    for command in (["eligible", "--as-of", "2025-01-01"], ["history", "show", "1"]):
        result = cli_run(*command, "--db", db, "-o", missing / "x.csv", "--lang", "en")
        _refused_in_words(result, "the folder", "does not exist")
    for output in ("r.xlsx", "r.html", "out"):
        _refused_in_words(cli_run("report", reviewed, "-o", locked / output), vi)
    _refused_in_words(cli_run("report", reviewed, "-o", locked / "csv", "--format", "csv", "--lang", "en"), "cannot")
    _refused_in_words(cli_run("history", "undo", "1", "--db", locked / "h.db"), "tệp lịch sử", "chỉ đọc")
    _refused_in_words(cli_run("history", "import", tmp_path / "lists.csv", "--db", locked / "h.db", "--lang", "en"))
    assert (locked / "h.db").read_bytes() == before
    out = tmp_path / "again" / "y2.csv"
    out.parent.mkdir()
    second = cli_run("review", households, "--date", "2025-12-10", "--db", locked / "h.db", "-o", out, "-q")
    _refused_in_words(second, "tệp lịch sử", "chỉ đọc")
    assert list(out.parent.iterdir()) == [] and (locked / "h.db").read_bytes() == before
    assert sorted(p.name for p in locked.iterdir()) == ["h.db"]


def test_a_write_the_checks_could_not_foresee_is_said_plainly(tmp_path: Path, monkeypatch: object) -> None:
    """What the checks cannot see (a disk turning read-only, root writing where the mode says no): the
    operating system's or SQLite's refusal while writing is said in the run's language, not as an
    unexpected failure that claims nothing was written."""
    import errno
    import sqlite3
    import tempfile

    from poverty_rules.review import history

    db = _imported(tmp_path)
    before = db.read_bytes()
    real_connect = sqlite3.connect

    def read_only(path: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history.sqlite3, "connect", read_only)  # type: ignore[attr-defined]
    _refused_in_words(cli_run("history", "undo", "1", "--db", db), "tệp lịch sử chỉ đọc")
    _refused_in_words(cli_run("history", "undo", "1", "--db", db, "--lang", "en"), "read-only")
    monkeypatch.undo()  # type: ignore[attr-defined]
    assert db.read_bytes() == before

    def refused(*args: object, **kwargs: object) -> object:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # type: ignore[attr-defined]
    result = cli_run("eligible", "--as-of", "2025-01-01", "--db", db, "-o", tmp_path / "e.csv")
    _refused_in_words(result, "không có quyền ghi vào thư mục")
    _refused_in_words(cli_run("history", "show", "1", "--db", db, "-o", tmp_path / "s.csv", "--lang", "en"), "cannot")


def cli_run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_eligible_names_its_commune_as_review_does_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    """Regression: ``eligible --commune "Hưng Chính"`` (the form of its own help) listed 0 households,
    exit 0, when the history records "Xã Hưng Chính", and so did a commune not on record. Communes
    are compared as ``review`` compares them (case, accents, a leading xã folded); one not on record
    is refused with the communes that are."""
    db = _imported(tmp_path)
    for spelling in ("Hưng Chính", "hung chinh", "XÃ HƯNG CHÍNH", "Xã Hưng Chính"):
        result = cli_run("eligible", "--as-of", "2025-01-01", "--db", db, "--commune", spelling)
        assert result.exit_code == 0 and "E1" in result.output, (spelling, result.output)  # type: ignore[attr-defined]
    for lang, words in (("vi", "lịch sử không có xã 'Không Có'; các xã đã ghi: Xã Hưng Chính"), ("en", "on record")):
        result = cli_run("eligible", "--as-of", "2025-01-01", "--db", db, "--commune", "Không Có", "--lang", lang)
        _refused_in_words(result, words)


def test_an_escape_recognized_when_no_standard_was_in_force_is_refused_at_its_row(tmp_path: Path) -> None:
    """A 'thoát nghèo' row recognized on 2015-12-20 (before the 2016 standard: no programme window) was
    refused as "recognized_on 2015-12-20: no national standard … in force then", naming no row and no
    expected range; the message names the row and the column, in the run's language and date order."""
    lists = tmp_path / "ds.csv"
    lists.write_text(
        "household_id,status,recognized_on,year\nA,thoát nghèo,2021-12-20,2021\nB,thoát nghèo,20/12/2015,2015\n",
        encoding="utf-8",
    )
    for lang, said in (
        ("vi", "dòng 3, cột recognized_on (Ngày công nhận) 20/12/2015"),
        ("en", "row 3, column recognized_on 2015-12-20"),
    ):
        db = tmp_path / f"{lang}.db"
        args = ["history", "import", str(lists), "--db", str(db), "--commune", "Xã T", "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert said in result.output and "Traceback" not in result.output
        assert ("01/01/2016" if lang == "vi" else "2016-01-01") in result.output


def test_history_import_reads_the_lists_as_excel_and_windows_save_them(tmp_path: Path) -> None:
    """The earlier years' lists are an officer's files too: a workbook with a title block, a CSV saved by
    Excel on Vietnamese Windows (Windows-1258, ';') or as "Unicode text" (UTF-16, tabs). Each was refused
    ("không đọc được tệp danh sách CSV ('utf-8' codec can't decode byte 0xfa …)", Python's English inside the
    Vietnamese message) or, for ';', said to lack the household_id column its header has. They are read as a
    household file is (docs/input.md), and a refused row is named by its row in the sheet."""
    import openpyxl

    rows = [
        ["Mã hộ", "Tình trạng", "Năm", "Thôn"],
        ["A1", "nghèo", "2023", "Thôn Đông"],
        ["A2", "cận nghèo", "2023", "Thôn Đông"],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH HỘ NGHÈO, CẬN NGHÈO NĂM 2023"])
    ws.append(["Xã Hưng Chính"])
    for r in rows:
        ws.append(r)
    wb.save(tmp_path / "ds.xlsx")
    text = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    tones = "\u0300\u0301\u0303\u0309\u0323"  # Windows-1258 keeps tone marks apart from their letters
    spelled = "".join(
        unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in tones))
        + "".join(c for c in unicodedata.normalize("NFD", ch) if c in tones)
        for ch in text
    )
    (tmp_path / "ds_1258.csv").write_bytes(spelled.encode("cp1258"))
    (tmp_path / "ds_unicode.txt").write_bytes(text.replace(";", "\t").encode("utf-16"))
    for name in ("ds.xlsx", "ds_1258.csv", "ds_unicode.txt"):
        db = tmp_path / f"{name}.db"
        args = ["history", "import", str(tmp_path / name), "--db", str(db), "--commune", "Hưng Chính"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (name, result.output)
        shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)])
        assert "Hộ cận nghèo" in shown.output and "Thôn Đông" in shown.output, (name, shown.output)
    ws.cell(5, 3, "năm ngoái")  # row 5 of the sheet: the second list row, below the title block
    wb.save(tmp_path / "bad.xlsx")
    result = CliRunner().invoke(main, ["history", "import", str(tmp_path / "bad.xlsx"), "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 2 and "dòng 5 không phải năm" in result.output, result.output


def test_a_workbook_given_as_the_history_is_refused_in_the_users_words(tmp_path: Path) -> None:
    """``--db ds_2023.xlsx`` (the lists workbook given as the history by mistake) was refused "không phải tệp
    lịch sử dùng được (file is not a database)": SQLite's English in the Vietnamese message. The reason is
    said in --lang, and the workbook is left as it was."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Mã hộ", "Tình trạng", "Năm"])
    wb.save(tmp_path / "ds.xlsx")
    before = (tmp_path / "ds.xlsx").read_bytes()
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    said = {"vi": "tệp không phải cơ sở dữ liệu SQLite", "en": "the file is not an SQLite database"}
    for lang in ("vi", "en"):
        for args in (
            ["history", "import", str(households), "--db", str(tmp_path / "ds.xlsx")],
            ["review", str(households), "--date", "01/12/2025", "--db", str(tmp_path / "ds.xlsx")],
        ):
            result = CliRunner().invoke(main, [*args, "--lang", lang])
            assert result.exit_code == 2, result.output
            assert said[lang] in result.output and ("file is not a database" not in result.output), result.output
    assert (tmp_path / "ds.xlsx").read_bytes() == before


def test_an_imported_escape_without_its_date_opens_no_window(tmp_path: Path) -> None:
    """A "thoát nghèo" list row without its recognition date is recorded without a support window, as the
    import says: ``eligible`` listed it as escaped on 31/12 of the list's year and eligible 36 months from
    that made-up day, and the next review wrote that day's window into ``eligible_until``. The escape still
    counts (a later poor result is a relapse); a dated escape keeps its window."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": [OTHER, POOR[0], POOR[1]],
            "Tình trạng": ["thoát nghèo", "thoát nghèo", "thoát nghèo"],
            "Năm": ["2025", "2025", "2025"],
            "Ngày công nhận": ["", "", "2025-12-05"],
            "Xã": ["Xã Hưng Chính"] * 3,
            "Tỉnh": ["Tỉnh Nghệ An"] * 3,
        }
    ).to_csv(lists, index=False)
    result = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = tmp_path / "eligible.csv"
    result = CliRunner().invoke(main, ["eligible", "--as-of", "2026-01-05", "--db", str(db), "-o", str(listed)])
    assert result.exit_code == 0, result.output
    with open(listed, encoding="utf-8-sig") as fh:
        assert [(r["household_id"], r["eligible_until"]) for r in csv.DictReader(fh)] == [(POOR[1], "2028-12-04")]
    households = _households(tmp_path, "y.csv", (*POOR, OTHER))
    assert _review(households, "2026-12-10", db).exit_code == 0
    with open(tmp_path / "y.reviewed.csv", encoding="utf-8-sig") as fh:
        rows = {r["household_id"]: r for r in csv.DictReader(fh)}
    assert rows[OTHER]["eligible_until"] == "" and rows[OTHER]["transition"] == "unchanged"
    assert rows[POOR[0]]["status"] == "poor" and rows[POOR[0]]["transition"] == "relapsed_poor"
    assert rows[POOR[1]]["transition"] == "relapsed_poor"


def test_lists_imported_without_a_province_say_how_the_file_continues_them(tmp_path: Path) -> None:
    """Lists imported with ``--commune "Hưng Chính"`` and a household file naming Tỉnh Nghệ An, Xã Hưng Chính:
    the refusal said "commune 'Hưng Chính' has no history, but 'Hưng Chính' has: write --commune exactly as
    recorded", which the officer had done. It now says the lists were recorded without a province and to
    import them again with the file's province and commune; doing so continues the history."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame({"Mã hộ": [POOR[0]], "Tình trạng": ["nghèo"], "Năm": ["2025"]}).to_csv(lists, index=False)
    imported = ["history", "import", str(lists), "--db", str(db)]
    assert CliRunner().invoke(main, [*imported, "--commune", "Hưng Chính"]).exit_code == 0
    households = _households(tmp_path, "y.csv", (*POOR, OTHER))
    for lang, words in (
        ("vi", ("của Tỉnh Nghệ An", "không có tỉnh", "cột Tỉnh = 'Tỉnh Nghệ An'", "cột Xã = 'Xã Hưng Chính'")),
        ("en", ("of Tỉnh Nghệ An", "without a province", "province column = 'Tỉnh Nghệ An'")),
    ):
        result = _review(households, "2026-12-10", db, "--commune", "Hưng Chính", "--lang", lang)
        assert result.exit_code == 2 and all(w in result.output for w in words), result.output  # type: ignore[attr-defined]
    assert CliRunner().invoke(main, ["history", "undo", "1", "--db", str(db)]).exit_code == 0
    placed = pd.read_csv(lists, dtype=str).assign(**{"Tỉnh": "Tỉnh Nghệ An", "Xã": "Xã Hưng Chính"})
    placed.to_csv(lists, index=False)
    assert CliRunner().invoke(main, imported).exit_code == 0
    assert _review(households, "2026-12-10", db).exit_code == 0  # type: ignore[attr-defined]
    with open(tmp_path / "y.reviewed.csv", encoding="utf-8-sig") as fh:
        rows = {r["household_id"]: r for r in csv.DictReader(fh)}
    assert rows[POOR[0]]["previous_status"] == "poor" and rows[POOR[1]]["transition"] == "first_review"


def test_a_review_written_elsewhere_keeps_its_not_reviewed_file_where_report_reads_it(tmp_path: Path) -> None:
    """``review ho.csv -o ket_qua.csv`` wrote ``ho.not_reviewed.csv``, and ``report ket_qua.csv`` reads
    ``ket_qua.not_reviewed.csv``: the poor household that left was in no column of R2 (start one short,
    no "other" decrease, last year's end ≠ this year's start). The file is now named after the output."""
    db = tmp_path / "h.db"
    assert _review(_households(tmp_path, "y1.csv", (*POOR, OTHER)), "2024-12-10", db).exit_code == 0
    second = _households(tmp_path, "y2.csv", (POOR[1], OTHER))
    output = tmp_path / "ket_qua_2025.csv"
    assert _review(second, "2025-12-10", db, "-o", str(output)).exit_code == 0
    assert (tmp_path / "ket_qua_2025.not_reviewed.csv").exists() and not (tmp_path / "y2.not_reviewed.csv").exists()
    result = CliRunner().invoke(main, ["report", str(output), "--format", "csv", "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "r" / "r2.csv", encoding="utf-8-sig") as fh:
        total = next(r for r in csv.DictReader(fh) if r["level"] == "total" and r["row"] == "households")
    assert (total["c1"], total["c4"], total["c9"]) == ("2", "1", "1")


@pytest.mark.parametrize("output", ["y1.reviewed.csv", "y1.xlsx"])  # the streamed review, and the whole one
def test_a_review_before_later_ones_says_they_are_to_be_run_again(tmp_path: Path, output: str) -> None:
    """Correcting the 2024 review (--replace) after 2025's was recorded left 2025's movements and windows
    counted from the replaced results (history show still said "newly poor" for a household now poor in
    2024), without a word; the review now says which later reviews to run again."""
    db = tmp_path / "h.db"
    first = _households(tmp_path, "y1.csv", (*POOR, OTHER))
    assert _review(first, "2024-12-10", db, "-o", str(tmp_path / output)).exit_code == 0
    second = _households(tmp_path, "y2.csv", (*POOR, OTHER))
    result = _review(second, "2025-12-10", db)
    assert result.exit_code == 0 and "--replace" not in result.output  # type: ignore[attr-defined]
    args = ["review", str(first), "--date", "2024-12-10", "--db", str(db), "--replace", "-o", str(tmp_path / output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "các lần rà soát sau ngày 10/12/2024 của xã này (10/12/2025)" in " ".join(result.output.split())
    earlier = [
        "review",
        str(first),
        "--date",
        "2023-12-10",
        "--db",
        str(db),
        "--lang",
        "en",
        "-o",
        str(tmp_path / output),
    ]
    result = CliRunner().invoke(main, earlier)  # a review recorded before the others: the same
    assert result.exit_code == 0 and "(2024-12-10, 2025-12-10)" in result.output, result.output


def test_undoing_a_review_before_later_ones_says_they_are_to_be_run_again(tmp_path: Path) -> None:
    """``history undo`` of the 2024 review once 2025's is recorded: 2025's movements and windows were counted
    from the results removed; the undo says so (it said only "review 1 removed"). Undoing the last: no note."""
    db = tmp_path / "h.db"
    assert _review(_households(tmp_path, "y1.csv", (*POOR, OTHER)), "2024-12-10", db).exit_code == 0
    assert _review(_households(tmp_path, "y2.csv", (*POOR, OTHER)), "2025-12-10", db).exit_code == 0
    result = CliRunner().invoke(main, ["history", "undo", "1", "--db", str(db), "--lang", "en"])
    assert result.exit_code == 0 and "later reviews of these communes (2025-12-10)" in result.output, result.output
    result = CliRunner().invoke(main, ["history", "undo", "2", "--db", str(db)])
    assert result.exit_code == 0 and "lưu ý" not in result.output, result.output


def test_eligible_leaves_out_households_that_left_as_the_report_does(tmp_path: Path) -> None:
    """Two households escaped poverty on 15/12/2021 (an imported list); the 2022 review's file has only one:
    ``eligible`` still listed the other (it left: the not-reviewed file, no column of R1), where the report's
    eligible list of the same date did not. Before that review, the imported list is all there is: both."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": [OTHER, POOR[0]],
            "Tình trạng": ["thoát nghèo"] * 2,
            "Ngày công nhận": ["15/12/2021"] * 2,
            "Năm": ["2021"] * 2,
            "Xã": ["Xã Hưng Chính"] * 2,
            "Tỉnh": ["Tỉnh Nghệ An"] * 2,
        }
    ).to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0

    def listed(day: str) -> list[str]:
        out = tmp_path / f"e_{day}.csv"
        result = CliRunner().invoke(main, ["eligible", "--as-of", day, "--db", str(db), "-o", str(out)])
        assert result.exit_code == 0, result.output
        with open(out, encoding="utf-8-sig") as fh:
            return [r["household_id"] for r in csv.DictReader(fh)]

    assert listed("2022-06-01") == [OTHER, POOR[0]]
    households = _households(tmp_path, "y.csv", (OTHER, POOR[1]), rich=(OTHER,))
    assert _review(households, "2022-12-10", db).exit_code == 0
    assert listed("2023-01-05") == [OTHER]
    report = ["report", "--db", str(db), "--date", "2022-12-10", "--eligible-on", "2023-01-05"]
    assert CliRunner().invoke(main, [*report, "--format", "csv", "-o", str(tmp_path / "r")]).exit_code == 0
    with open(tmp_path / "r" / "lists" / "eligible.csv", encoding="utf-8-sig") as fh:
        # the households with a window (a date: a poor one's support lasts "đến kỳ rà soát sau", W2 session 23)
        assert [r["household_id"] for r in csv.DictReader(fh) if r["eligible_until"][:1].isdigit()] == [OTHER]


def test_a_refused_import_leaves_no_history_file(tmp_path: Path) -> None:
    """Exit 2 writes nothing: a refused lists file left an empty history file behind (40 KB), which
    ``history list`` then showed as a history without reviews. An existing history is kept as it was."""
    db, lists = tmp_path / "new.db", tmp_path / "bad.csv"
    lists.write_text("Mã hộ,Tình trạng,Năm\nB1,nghèo,2023\nB2,khá giả,2023\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)])
    assert result.exit_code == 2 and "'khá giả'" in result.output, result.output
    assert not list(tmp_path.glob("new.db*"))
    kept = _imported(tmp_path)
    before = kept.read_bytes()
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(kept)]).exit_code == 2
    assert kept.exists() and kept.read_bytes() == before


@pytest.mark.parametrize(("lang", "said"), [("vi", "chỉ có danh sách đã nhập"), ("en", "holds only imported lists")])
def test_a_report_of_a_date_of_imported_lists_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    """Imported lists hold the poor and near-poor households, not the commune's: `report --db` on their
    date gave R1 rates over the listed households alone (2 poor of 3 listed: 66.67% poor)."""
    lists, db, out = tmp_path / "l.csv", tmp_path / "h.db", tmp_path / "rep"
    lists.write_text("Mã hộ,Tình trạng,Năm,Thôn\nA1,hộ nghèo,2021,Thôn 1\nA2,cận nghèo,2021,Thôn 1\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "Xã X"]).exit_code == 0
    args = ["report", "--db", str(db), "--date", "2021-12-31", "-o", str(out), "--format", "csv", "--lang", lang]
    refused = runner.invoke(main, args)
    assert refused.exit_code == 2 and said in refused.output and "Traceback" not in refused.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("lang", "headers", "status"),
    [("vi", ["Thôn", "Mã hộ", "Phân loại"], "Hộ không nghèo"), ("en", ["Village", "Household", "Status"], "Not poor")],
)
def test_eligible_and_history_show_workbooks_are_in_the_runs_language(
    tmp_path: Path, lang: str, headers: list[str], status: str
) -> None:
    """`eligible -o list.xlsx` and `history show -o x.xlsx` wrote English column names and codes
    (`not_poor`, `national_programme`, ISO dates) in a Vietnamese run; a workbook is the officer's, in the
    run's language (the CSV keeps the canonical names, a script's contract)."""
    import openpyxl

    lists, db = tmp_path / "l.csv", tmp_path / "h.db"
    lists.write_text(
        "Mã hộ,Tình trạng,Năm,Ngày công nhận,Thôn\nE1,hộ nghèo,2023,,Thôn 1\nE1,thoát nghèo,2024,2024-12-20,Thôn 1\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    el, shown, plain = tmp_path / "el.xlsx", tmp_path / "hs.xlsx", tmp_path / "el.csv"
    base = ["--db", str(db), "--lang", lang]
    assert runner.invoke(main, ["eligible", "--as-of", "2025-06-30", *base, "-o", str(el)]).exit_code == 0
    assert runner.invoke(main, ["history", "show", "2", *base, "-o", str(shown)]).exit_code == 0
    assert runner.invoke(main, ["eligible", "--as-of", "2025-06-30", *base, "-o", str(plain)]).exit_code == 0
    day = "20/12/2024" if lang == "vi" else "2024-12-20"
    for path in (el, shown):
        rows = [[c.value for c in r] for r in openpyxl.load_workbook(path).active.iter_rows()]
        header, first = rows[0], rows[1]
        assert all(h in header for h in headers), header
        assert first[header.index(headers[2])] == status and day in first
        assert not {"not_poor", "national_programme", "household_id"} & {*header, *first}
    assert pd.read_csv(plain, encoding="utf-8-sig")["status"].tolist() == ["not_poor"]  # the CSV: canonical


def test_history_list_says_when_each_review_was_written_as_the_language_writes_days(tmp_path: Path) -> None:
    """ "Ghi lúc" showed the history's ISO timestamp (2026-11-26T18:21:12.130785+00:00) in Vietnamese."""
    import re

    lists, db = tmp_path / "l.csv", tmp_path / "h.db"
    lists.write_text("Mã hộ,Tình trạng,Năm\nA1,hộ nghèo,2021\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    wide = CliRunner(env={"COLUMNS": "200"})  # the table's cells on one line each
    vi = wide.invoke(main, ["history", "list", "--db", str(db), "--lang", "vi"]).output
    en = wide.invoke(main, ["history", "list", "--db", str(db), "--lang", "en"]).output
    assert re.search(r"\d\d/\d\d/20\d\d \d\d:\d\d UTC", vi), vi
    assert re.search(r"20\d\d-\d\d-\d\d \d\d:\d\d UTC", en), en
    assert "+00:00" not in vi + en and not re.search(r"20\d\d-\d\d-\d\dT", vi + en)


def test_a_history_file_given_without_db_says_to_write_db(tmp_path: Path) -> None:
    """`history list huyen.db` (the file without --db, as other commands take their file) said only
    "Thừa đối số (huyen.db)": the officer was not told that the history file is named with --db."""
    lists, db = tmp_path / "l.csv", tmp_path / "huyen.db"
    lists.write_text("Mã hộ,Tình trạng,Năm\nA1,hộ nghèo,2021\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    other = tmp_path / "lich_su"  # a SQLite file under any name
    other.write_bytes(db.read_bytes())
    for args, lang, said in (
        (["history", "list", str(db)], "vi", f"hãy viết --db {db}"),
        (["history", "show", "1", str(other)], "en", f"write --db {other}"),
        (["history", "undo", "1", str(db)], "vi", f"hãy viết --db {db}"),
        (["eligible", str(db), "--as-of", "2022-01-01"], "en", f"write --db {db}"),
    ):
        result = runner.invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2, result.output
        assert said in result.output.replace("\n", ""), result.output
    plain = runner.invoke(main, ["history", "list", str(lists)])  # not a history file: click's words alone
    assert plain.exit_code == 2 and "viết --db" not in plain.output, plain.output


def test_eligible_of_a_district_history_names_each_households_commune(tmp_path: Path) -> None:
    """A district's history: household E1 of Thôn 1 escaped poverty in Xã X, and another E1 of another Thôn 1
    in Xã Y (codes and village names repeat across communes). `eligible` listed "Thôn 1, E1" twice with no
    commune, in the file and on screen, and counted "Thôn 1: 2". The list now names each household's
    commune (column commune / Xã), and the screen counts each commune's village apart."""
    lists, db, out = tmp_path / "l.csv", tmp_path / "huyen.db", tmp_path / "el.csv"
    rows = "".join(f"E1,Thôn 1,{c},thoát nghèo,2024,20/12/2024\n" for c in ("Xã Y", "Xã X"))
    lists.write_text("Mã hộ,Thôn,Xã,Tình trạng,Năm,Ngày công nhận\n" + rows + "E2,Thôn 2,Xã X,nghèo,2024,\n")
    runner = CliRunner(env={"COLUMNS": "200"})
    assert runner.invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    result = runner.invoke(main, ["eligible", "--as-of", "2025-06-30", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    listed = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert list(zip(listed["commune"], listed["village"], listed["household_id"], strict=True)) == [
        ("Xã X", "Thôn 1", "E1"),
        ("Xã Y", "Thôn 1", "E1"),
    ]
    assert "Thôn 1 — Xã X: 1" in result.output and "Thôn 1 — Xã Y: 1" in result.output
    one = runner.invoke(main, ["eligible", "--as-of", "2025-06-30", "--db", str(db), "--commune", "Xã Y"])
    assert one.exit_code == 0 and "  Thôn 1: 1" in one.output  # one commune: its villages as before


def test_history_show_prints_the_support_window_its_help_names(tmp_path: Path) -> None:
    """``history show`` (help: 'phân loại, biến động, hạn hưởng chính sách' / 'status, movement, support
    window') printed no window: a household that escaped poverty showed 'Thoát nghèo' and nothing of the
    36 months it keeps; the window is now a column, written as the language writes dates."""
    db = tmp_path / "h.db"
    head = "household_id,commune,village,area,income_per_capita," + ",".join(
        f"deprived_{i}" for i in ("employment", "dependency", "nutrition")
    )
    first, second = tmp_path / "y24.csv", tmp_path / "y25.csv"
    first.write_text(f"{head}\nA,Xã X,Thôn 1,rural,1000000,1,1,1\n", encoding="utf-8")
    second.write_text(f"{head}\nA,Xã X,Thôn 1,rural,1600000,1,1,1\n", encoding="utf-8")
    assert _review(first, "2024-12-01", db).exit_code == 0
    assert _review(second, "2025-12-01", db).exit_code == 0
    vi = CliRunner().invoke(main, ["history", "show", "2", "--db", str(db)])
    assert vi.exit_code == 0 and "Hưởng đến" in vi.output and "30/11/2028" in vi.output, vi.output
    en = CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "--lang", "en"])
    assert en.exit_code == 0 and "2028-11-30" in en.output, en.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_import_that_cannot_write_or_is_stopped_leaves_no_new_history_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """``history import`` into a new history file on a full disk said 'the history is unchanged' yet left
    an empty ``h.db`` behind (which ``history list`` then showed as a history with no review), and Ctrl-C
    during the import left it too. A new history file is now removed whatever stops the import."""
    from poverty_rules.errors import HistoryError
    from poverty_rules.review.history import HistoryStore
    from poverty_rules.vocabulary import words as W

    lists = tmp_path / "ds.csv"
    lists.write_text("household_id,status,year\nH1,poor,2023\n", encoding="utf-8")
    db = tmp_path / "h.db"

    def full(self: HistoryStore) -> None:  # what SQLite's SQLITE_FULL in the schema's transaction gives
        raise HistoryError.of(W.texts("h_write_failed", file=self.path))

    def stop(self: HistoryStore, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    for name, broken, said in (
        ("_migrate", full, {"vi": "đĩa đầy", "en": "a full disk"}),
        ("import_lists", stop, {"vi": "đã dừng theo yêu cầu", "en": "stopped on request"}),
    ):
        with monkeypatch.context() as patch:
            patch.setattr(HistoryStore, name, broken)
            args = ["history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", lang]
            result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and said[lang] in result.output, (name, result.output)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ds.csv"], name
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X"]).exit_code == 0


def test_history_show_to_a_workbook_counts_the_control_characters_it_replaced(tmp_path: Path) -> None:
    """history show -o hs.xlsx wrote a village name's control character (a BEL pasted into the household file,
    kept by the history) as U+FFFD without a word, where classify and review count such cells; it says so now."""
    households, db = tmp_path / "ho.csv", tmp_path / "h.db"
    households.write_text(
        "household_id,area,income_per_capita,village\nH1,rural,1000000,Th\x07on 1\nH2,rural,1000000,Thon 2\n",
        encoding="utf-8",
    )
    assert (
        CliRunner().invoke(main, ["review", str(households), "--date", "2025-12-10", "--db", str(db), "-q"]).exit_code
        == 0
    )
    out = tmp_path / "hs.xlsx"
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(out), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert f"{out}: 1 cell held control characters" in " ".join(shown.output.split()), shown.output


def test_commune_code_names_the_commune_for_eligible_and_report(tmp_path: Path) -> None:
    """``eligible --commune 02800`` and ``report --db --commune 02800`` of a history kept by commune codes said
    "no commune '02800' in the history; communes on record: Xã Hưng Chính"; a code on record now names its
    commune as its name does, and a note says which commune that is, in --lang."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).head(200)
    frame["province_code"], frame["commune_code"] = "12", "02800"
    y1, y2, db = tmp_path / "y1.csv", tmp_path / "y2.csv", tmp_path / "h.db"
    frame.to_csv(y1, index=False)
    later = frame.copy()
    later.loc[later["household_id"].isin(POOR), "income_per_capita"] = "9000000"
    later.to_csv(y2, index=False)
    runner = CliRunner()
    for path, day in ((y1, "2024-12-10"), (y2, "2025-12-10")):
        assert runner.invoke(main, ["review", str(path), "--date", day, "--db", str(db), "-q"]).exit_code in (0, 1)
    lists = {}
    for commune in ("Hưng Chính", "02800"):
        out = tmp_path / f"eligible_{commune}.csv"
        args = ["eligible", "--as-of", "2026-01-31", "--db", str(db), "--commune", commune, "-o", str(out)]
        result = runner.invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 0, result.output
        lists[commune] = out.read_bytes()
        said = "--commune 02800: the commune code of Xã Hưng Chính (Tỉnh Nghệ An)"
        assert (said in result.output) == (commune == "02800"), result.output
    assert lists["Hưng Chính"] == lists["02800"] and len(lists["02800"].splitlines()) > 1
    report = ["report", "--db", str(db), "--date", "2025-12-10", "--format", "csv", "--lang", "vi"]
    by_name = runner.invoke(main, [*report, "--commune", "Hưng Chính", "-o", str(tmp_path / "by_name")])
    by_code = runner.invoke(main, [*report, "--commune", "02800", "-o", str(tmp_path / "by_code")])
    assert by_name.exit_code == by_code.exit_code == 0, by_code.output
    assert "--commune 02800: mã xã của Xã Hưng Chính (Tỉnh Nghệ An)" in by_code.output
    assert (tmp_path / "by_name" / "r1.csv").read_bytes() == (tmp_path / "by_code" / "r1.csv").read_bytes()
    unknown = runner.invoke(main, ["eligible", "--as-of", "2026-01-31", "--db", str(db), "--commune", "02801"])
    assert unknown.exit_code == 2 and "'02801'" in unknown.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_review_commune_given_a_commune_code_is_not_a_new_commune(tmp_path: Path, lang: str) -> None:
    """``review ho.csv --commune 02800`` of a file without commune columns, on a history kept under the code
    12/02800, recorded a new commune named '02800': every poor household 'newly poor', none at the start;
    it is now refused before anything is written, naming the commune of that code and the options that
    continue its history (--province-code 12 --commune-code 02800), which then start from it."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).head(200)
    coded, plain, db = tmp_path / "coded.csv", tmp_path / "plain.csv", tmp_path / "h.db"
    frame.assign(province_code="12", commune_code="02800").to_csv(coded, index=False)
    frame.drop(columns=["commune", "province"]).to_csv(plain, index=False)
    runner = CliRunner()
    assert runner.invoke(main, ["review", str(coded), "--date", "2024-12-10", "--db", str(db), "-q"]).exit_code == 1
    args = ["review", str(plain), "--date", "2025-12-10", "--db", str(db), "-q", "--lang", lang]
    refused = runner.invoke(main, [*args, "--commune", "02800"])
    said = {
        "vi": "'02800' là mã xã của 'Xã Hưng Chính' (12/02800), không phải tên xã: dùng --province-code 12 "
        "--commune-code 02800",
        "en": "'02800' is the commune code of 'Xã Hưng Chính' (12/02800), not a commune's name: give "
        "--province-code 12 --commune-code 02800",
    }
    assert refused.exit_code == 2 and said[lang] in " ".join(refused.output.split()), refused.output
    assert not (tmp_path / "plain.reviewed.csv").exists()
    continued = runner.invoke(main, [*args, "--province-code", "12", "--commune-code", "02800"])
    assert continued.exit_code == 1, continued.output
    moves = pd.read_csv(tmp_path / "plain.movements.csv").iloc[-1]
    assert moves["poor_start"] == moves["poor_end"] > 0 and moves["poor_new"] == 0


def test_history_show_and_eligible_never_cut_a_household_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On an 80-column screen history show printed every code of a village as 'HC-07-00…' (rich cut the
    column to fit), so no household could be told from the next, and eligible cut a district's longer codes
    alike; the code column is now as wide as its longest code and the other columns wrap instead."""
    monkeypatch.setenv("COLUMNS", "80")
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    codes = ["40-17890-TH-0000123", "40-17890-TH-0000124"]
    pd.DataFrame(
        {
            "Mã hộ": codes,
            "Tình trạng": ["thoát nghèo", "hộ nghèo"],
            "Năm": ["2025", "2025"],
            "Ngày công nhận": ["2025-12-10", ""],
            "Thôn": ["Thôn Thượng Đông", "Thôn Thượng Đông"],
            "Xã": ["Xã Hưng Chính", "Xã Hưng Chính"],
        }
    ).to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    for lang in ("vi", "en"):
        shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "--lang", lang])
        assert shown.exit_code == 0, shown.output
        assert all(code in shown.output for code in codes), shown.output
        listed = CliRunner().invoke(main, ["eligible", "--as-of", "2026-12-31", "--db", str(db), "--lang", lang])
        assert listed.exit_code == 0, listed.output
        assert codes[0] in listed.output, listed.output


def test_history_list_never_cuts_the_ruleset_or_its_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On an 80-column screen history list cut the ruleset to 'vn-2022-2…' (which standard decided?) and,
    in English, the time written to '2026-11-…'; a long id is now folded over lines, a date kept whole."""
    monkeypatch.setenv("COLUMNS", "80")
    db = tmp_path / "h.db"
    path = _households(tmp_path, "ho.csv", (*POOR, OTHER))
    assert _review(path, "2025-12-10", db).exit_code == 0
    for lang in ("vi", "en"):
        listed = CliRunner().invoke(main, ["history", "list", "--db", str(db), "--lang", lang])
        assert listed.exit_code == 0, listed.output
        assert "…" not in listed.output, listed.output
        cells = "".join(line.split("│")[6].strip() for line in listed.output.splitlines() if line.count("│") > 6)
        assert "vn-2022-2026@2025.02" in cells, listed.output


def test_an_undone_reviews_id_is_never_given_to_another_review(tmp_path: Path) -> None:
    """2024 and 2025 reviewed, 2025 undone, then 2025 reviewed again: the new review took id 2, so the
    officer's note 'review 2 undone' and 'history show 2' named two different reviews. Ids are never
    reused now (the new review is 3); a review run again with --replace keeps its id."""
    db = tmp_path / "h.db"
    assert _review(_households(tmp_path, "y1.csv", (*POOR, OTHER)), "2024-12-10", db).exit_code == 0
    y2 = _households(tmp_path, "y2.csv", (*POOR, OTHER))
    assert _review(y2, "2025-12-10", db).exit_code == 0
    assert CliRunner().invoke(main, ["history", "undo", "2", "--db", str(db)]).exit_code == 0
    assert _review(y2, "2025-12-10", db).exit_code == 0
    assert _review(y2, "2025-12-10", db, "--replace").exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, review_date FROM reviews ORDER BY id").fetchall() == [
            (1, "2024-12-10"),
            (3, "2025-12-10"),
        ]
    assert CliRunner().invoke(main, ["history", "show", "2", "--db", str(db)]).exit_code == 2


def test_a_commune_recorded_by_name_gets_its_codes_and_keeps_its_history(tmp_path: Path) -> None:
    """Xã Hưng Chính reviewed by name in 2024; its 2025 file has Mã tỉnh / Mã xã: the review could only
    refuse (review by name, or --new-commune: a new history, every poor household 'newly poor'). ``history
    recode`` now gives the commune its codes, the refusal names that command, and the 2025 review by code
    continues the history (the two poor households at the start, escape of the rich one recognized)."""
    db = tmp_path / "h.db"
    assert _review(_households(tmp_path, "y1.csv", (*POOR, OTHER)), "2024-12-10", db).exit_code == 0
    coded = _households(tmp_path, "y2.csv", (*POOR, OTHER), rich=(POOR[0],))
    frame = pd.read_csv(coded, dtype=str, keep_default_na=False).assign(**{"Mã tỉnh": "40", "Mã xã": "17899"})
    frame.to_csv(coded, index=False)
    out = tmp_path / "rv.csv"
    refused = _review(coded, "2025-12-10", db, "-o", str(out), "--lang", "en")
    assert refused.exit_code == 2 and "history recode" in refused.output, refused.output
    recode = ["history", "recode", "--db", str(db), "--commune", "Hưng Chính"]
    wrong = CliRunner().invoke(main, [*recode[:5], "Tà Lèng", "--commune-code", "17899"])
    assert wrong.exit_code == 2 and "Xã Hưng Chính" in wrong.output, wrong.output
    done = CliRunner().invoke(main, [*recode, "--province-code", "40", "--commune-code", "17899", "--lang", "en"])
    assert done.exit_code == 0 and "40/17899" in done.output, done.output
    assert _review(coded, "2025-12-10", db, "-o", str(out)).exit_code == 0
    rows = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("household_id")
    assert rows.loc[POOR[0], "transition"] == "escaped_poverty" and rows.loc[POOR[1], "start_status"] == "poor"
    again = CliRunner().invoke(main, [*recode[:5], "Hưng Chính", "--province-code", "40", "--commune-code", "9"])
    assert again.exit_code == 2, again.output  # recorded by code now: nothing left to recode


def test_history_show_heads_the_movement_as_its_workbook_does(tmp_path: Path) -> None:
    """history show said 'Biến động' on screen where its workbook (-o x.xlsx) and the review's say 'Diễn
    biến' (the movement, apart from a household file's change column 'Biến động')."""
    db = tmp_path / "h.db"
    assert _review(_households(tmp_path, "y1.csv", (*POOR, OTHER)), "2024-12-10", db).exit_code == 0
    shown = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["history", "show", "1", "--db", str(db)])
    assert shown.exit_code == 0 and "Diễn biến" in shown.output and "Biến động" not in shown.output, shown.output


def test_history_import_reads_a_ngay_ra_soat_column_as_the_review_date(tmp_path: Path) -> None:
    """A lists file dated by a 'Ngày rà soát' column (the header review's workbook writes, and the words of
    the error: 'không có ngày rà soát (review_date) hoặc năm (Năm)') was refused with that very error on
    every row; the column is now the review date, as review_date is (and 'Review date' in English)."""
    for header in ("Ngày rà soát", "Review date"):
        db, lists = tmp_path / f"{header}.db", tmp_path / f"{header}.csv"
        pd.DataFrame(
            {"Mã hộ": ["E1", "E2"], "Tình trạng": ["hộ nghèo", "cận nghèo"], header: ["10/12/2024", "10/12/2024"]}
        ).to_csv(lists, index=False)
        result = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X"])
        assert result.exit_code == 0, result.output
        assert _reviews(db) == [("2024-12-10", "X")]


def test_history_import_matches_the_lists_headers_in_any_case(tmp_path: Path) -> None:
    """A lists file headed 'Status' or 'STATUS' (an English export) was refused with "missing required column
    'status'", though headers are matched ignoring case (docs/input.md) and 'status' was read; the import's
    own column names are now matched in any case and spacing (Status, Review Date, YEAR)."""
    for n, (status, day) in enumerate((("Status", "Review Date"), ("STATUS", "review_date"), ("status", "YEAR"))):
        db, lists = tmp_path / f"{n}.db", tmp_path / f"{n}.csv"
        when = "2024" if day == "YEAR" else "2024-12-31"
        pd.DataFrame({"household_id": ["E1"], status: ["poor"], day: [when]}).to_csv(lists, index=False)
        result = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X"])
        assert result.exit_code == 0, result.output
        assert _reviews(db) == [("2024-12-31", "X")]


def test_history_show_names_the_commune_of_a_review_of_several(tmp_path: Path) -> None:
    """history show of a district's review kept by commune names printed H1 of Xã A and H1 of Xã B as two
    identical 'H1 Thôn 1' lines (the code columns empty, no commune column), so the screen could not say
    which household was whose; a review of several communes now shows each row's commune, as eligible does."""
    households = tmp_path / "huyen.csv"
    households.write_text(
        "household_id,commune,village,area,income_per_capita\n"
        "H1,Xã A,Thôn 1,rural,9000000\nH1,Xã B,Thôn 1,rural,9500000\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    assert _review(households, "2025-12-10", db, "--blank-flags", "not-deprived").exit_code == 0
    for lang, header in (("vi", "Xã"), ("en", "Commune")):
        shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "--lang", lang])
        assert shown.exit_code == 0, shown.output
        lines = [[c.strip() for c in line.split("│")] for line in shown.output.splitlines() if "H1" in line]
        assert sorted(cells[1] for cells in lines) == ["Xã A", "Xã B"], shown.output  # the codes are blank: left out
        assert header in shown.output


def test_history_show_orders_villages_as_the_lists_do(tmp_path: Path) -> None:
    """history show ordered villages by code point (Thôn Hạ, Thôn Thượng, Thôn Trung, Thôn Đoài: Đ after T)
    where the movements table, the lists and eligible use the Vietnamese order; it now uses that order
    (Thôn Đoài before Thôn Hạ and Thôn Trung), on the screen and in its file."""
    households = tmp_path / "xa.csv"
    villages = ["Thôn Trung", "Thôn Đoài", "Thôn Thượng", "Thôn Hạ"]
    households.write_text(
        "household_id,commune,village,area,income_per_capita\n"
        + "".join(f"H{i},Xã A,{village},rural,9000000\n" for i, village in enumerate(villages, 1)),
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    assert _review(households, "2025-12-10", db, "--blank-flags", "not-deprived").exit_code == 0
    expected = ["Thôn Đoài", "Thôn Hạ", "Thôn Thượng", "Thôn Trung"]
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    seen = [village for line in shown.output.splitlines() for village in villages if village in line]
    assert seen == expected, shown.output
    out = tmp_path / "show.csv"
    written = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(out)])
    assert written.exit_code == 0, written.output
    assert pd.read_csv(out, dtype=str)["village"].tolist() == expected


def test_eligible_heads_the_support_window_on_screen_as_its_workbook_does(tmp_path: Path) -> None:
    """eligible headed the last day of support 'Hết hạn' on screen where its workbook and history show head
    the same date 'Hưởng đến hết ngày' (the last day included): the screen now uses that name too."""
    pytest.importorskip("openpyxl")
    db = tmp_path / "h.db"
    assert _review(_households(tmp_path, "y1.csv", POOR), "2025-12-10", db).exit_code in (0, 1)
    assert _review(_households(tmp_path, "y2.csv", POOR, rich=POOR), "2026-12-10", db).exit_code in (0, 1)
    out = tmp_path / "eligible.xlsx"
    args = ["eligible", "--db", str(db), "--as-of", "2026-12-31"]
    shown = CliRunner().invoke(main, [*args], env={"COLUMNS": "200"})
    written = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert shown.exit_code == 0 and written.exit_code == 0, shown.output + written.output
    assert POOR[0] in shown.output
    assert "Hưởng đến hết ngày" in pd.read_excel(out, dtype=str, engine="openpyxl").columns
    assert "Hưởng đến hết ngày" in shown.output and "Hết hạn" not in shown.output


def test_history_show_orders_the_communes_of_a_district_as_eligible_does(tmp_path: Path) -> None:
    """history show of a district's review ordered its communes by their record key's code points (Xã Bắc,
    Xã Tây, Xã Đông: Đ after T) where eligible and the lists order them as a Vietnamese dictionary does; it
    now shows Xã Bắc, Xã Đông, Xã Tây."""
    households = tmp_path / "huyen.csv"
    households.write_text(
        "household_id,commune,village,area,income_per_capita\n"
        "H1,Xã Tây,Thôn 1,rural,9000000\nH2,Xã Đông,Thôn 1,rural,9000000\nH3,Xã Bắc,Thôn 1,rural,9000000\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    assert _review(households, "2025-12-10", db, "--blank-flags", "not-deprived").exit_code == 0
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    communes = ["Xã Bắc", "Xã Đông", "Xã Tây"]
    assert [c for line in shown.output.splitlines() for c in communes if c in line] == communes, shown.output


def test_two_headers_of_one_column_are_named_in_the_files_words_by_import_and_report(tmp_path: Path) -> None:
    """A lists file headed both ``commune`` and ``Xã``: ``history import`` and ``report`` said "<data>: columns
    'commune' and 'Xã' both mean commune" — no file, and in English under --lang vi — where classify and
    review name the file in the run's language (F5's finding). Both now name it, in --lang."""
    lists = tmp_path / "rv.csv"
    lists.write_text("household_id,commune,Xã,area,income_per_capita\nH1,Xã An,Xã An,rural,1000000\n", "utf-8")
    db = str(tmp_path / "h.db")
    imported = CliRunner().invoke(
        main, ["history", "import", str(lists), "--db", db, "--commune", "Xã An", "--date", "2025-12-01"]
    )
    said = " ".join(imported.output.split())
    assert imported.exit_code == 2 and "rv.csv: hai cột 'commune' và 'Xã' cùng là commune" in said, imported.output
    for lang, words in (("vi", "hai cột 'commune' và 'Xã'"), ("en", "columns 'commune' and 'Xã' both mean")):
        reported = CliRunner().invoke(
            main, ["report", str(lists), "-o", str(tmp_path / f"out_{lang}"), "--format", "csv", "--lang", lang]
        )
        said = " ".join(reported.output.split())
        assert reported.exit_code == 2 and f"rv.csv: {words}" in said and "<data>" not in said, reported.output


@pytest.fixture(scope="module")
def reviewed_under_03001(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """POOR and OTHER (y1.csv, naming no commune) reviewed on 2025-12-10 under province 12, commune code 03001: made
    once for both languages' tests, each of which reviews into its own copy (:func:`_own_copy`)."""
    folder = tmp_path_factory.mktemp("under_03001")
    first = _households(folder, "y1.csv", (*POOR, OTHER), places=False)
    result = _review(first, "2025-12-10", folder / "h.db", "--province-code", "12", "--commune-code", "03001")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_commune_code_that_lost_its_leading_zeros_is_not_a_new_commune_unasked(
    tmp_path: Path, reviewed_under_03001: Path, lang: str
) -> None:
    """A commune reviewed under Mã xã 03001, then a file whose Mã xã column Excel saved as numbers (3001): the
    review recorded a new commune without a word, every household a first review and none of last year's
    households not reviewed (their escapes, windows and movements lost). It now stops, naming the code on
    record, as a commune written another way does; --new-commune still starts a new history."""
    db = _own_copy(reviewed_under_03001, tmp_path)
    first = tmp_path / "y1.csv"
    frame = pd.read_csv(first, dtype=str, keep_default_na=False).assign(province_code="12", commune_code="3001")
    frame.to_csv(tmp_path / "y2.csv", index=False)
    refused = _review(tmp_path / "y2.csv", "2026-12-10", db, "--lang", lang)
    said = " ".join(refused.output.split())  # type: ignore[attr-defined]
    assert refused.exit_code == 2, said  # type: ignore[attr-defined]
    words = ("chỉ khác các số 0 đứng đầu", "'03001") if lang == "vi" else ("but for its leading zeros", "'03001")
    assert all(w in said for w in words) and "12/3001" in said and "--new-commune" in said, said
    assert len(_reviews(db)) == 1  # nothing recorded
    option = _review(first, "2026-12-10", db, "--province-code", "12", "--commune-code", "3001", "--lang", lang)
    assert option.exit_code == 2  # type: ignore[attr-defined]
    assert _review(tmp_path / "y2.csv", "2026-12-10", db, "--new-commune").exit_code == 0  # type: ignore[attr-defined]
    other = _households(tmp_path, "y3.csv", (OTHER,), places=False)
    assert _review(other, "2026-12-10", db, "--province-code", "12", "--commune-code", "03010").exit_code == 0  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def reviewed_before_the_merger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Communes 03001 (Xã A) and 03002 (Xã B) reviewed on 2024-12-10: made once for both languages' tests, each of
    which reviews the merged commune into its own copy (:func:`_own_copy`)."""
    folder = tmp_path_factory.mktemp("before_the_merger")
    old = _coded(folder, "d1.csv", {"03001": ("Xã A", "A"), "03002": ("Xã B", "B")})
    result = _review(old, "2024-12-10", folder / "h.db")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_merged_commune_with_no_history_says_the_old_communes_histories_are_not_carried(
    tmp_path: Path, reviewed_before_the_merger: Path, lang: str
) -> None:
    """The 2025 reorganisation: communes 03001 and 03002 reviewed in 2024 merge into 03010; the 2025 file names
    every household under 03010. The review recorded a new commune without a word: every household a first
    review, last year's escapes and windows gone, and the old communes out of its scope so not even listed as
    not reviewed. It now says, in --lang, that 03010 has no history while 03001 and 03002 (not reviewed this
    year) have, that nothing is merged, and what the officer can do; a commune reviewed the same year, or the
    same review run again with --replace, says nothing of it."""
    db = _own_copy(reviewed_before_the_merger, tmp_path)
    merged = _coded(tmp_path, "m2.csv", {"03010": ("Xã C", "A")})

    def said(path: Path, *extra: str) -> str:
        run = CliRunner().invoke(main, ["review", str(path), "--date", "2025-12-10", "--db", str(db), *extra])
        assert run.exit_code == 0, run.output
        return " ".join(run.output.split())

    text = said(merged, "--lang", lang)
    if lang == "vi":
        words = ("12/03010 Xã C chưa có lịch sử", "lịch sử còn 12/03001 Xã A, 12/03002 Xã B", "history undo")
    else:
        words = ("12/03010 Xã C has no history", "the history also holds 12/03001 Xã A, 12/03002 Xã B", "undo")
    assert all(w in text for w in words), text
    again = said(merged, "--lang", lang, "--replace")
    assert "03001" not in again, again
    old_again = _coded(tmp_path, "d2.csv", {"03001": ("Xã A", "A"), "03002": ("Xã B", "B")})
    assert _review(old_again, "2025-12-01", db, "--new-commune").exit_code == 0  # A and B reviewed in 2025
    neighbour = _coded(tmp_path, "n2.csv", {"03020": ("Xã D", "D")})
    assert "03001" not in said(neighbour, "--lang", lang)  # a new commune beside communes reviewed this year


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_list_imported_again_corrected_after_a_later_review_says_to_run_it_again(tmp_path: Path, lang: str) -> None:
    """The 2024 list imported, the 2025 review run on it, then the 2024 list found wrong (a poor household was
    near-poor) and imported again corrected: the import changed what the 2025 review had compared its
    households with (its movements, relapses and windows) without a word, where history undo and review
    --replace say which later reviews to run again. The import now says so, in --lang; importing the same list
    again, which changes nothing, says nothing of it."""
    db = tmp_path / "h.db"
    first = _households(tmp_path, "y1.csv", (*POOR, OTHER), places=False)
    lists = tmp_path / "ds_2024.csv"
    lists.write_text(f"Mã hộ,Tình trạng,Năm\n{POOR[0]},nghèo,2024\n{POOR[1]},nghèo,2024\n", "utf-8")

    def imported(path: Path) -> str:
        run = CliRunner().invoke(main, ["history", "import", str(path), "--db", str(db), "--commune", "X"])
        assert run.exit_code == 0, run.output
        return " ".join(run.output.split())

    imported(lists)
    assert _review(first, "2025-12-10", db, "--commune", "X").exit_code == 0  # type: ignore[attr-defined]
    corrected = tmp_path / "ds_2024_sua.csv"
    corrected.write_text(f"Mã hộ,Tình trạng,Năm\n{POOR[0]},cận nghèo,2024\n", "utf-8")
    args = ["history", "import", str(corrected), "--db", str(db), "--commune", "X", "--lang", lang]
    run = CliRunner().invoke(main, args)
    said = " ".join(run.output.split())
    words = ("các lần rà soát sau ngày 31/12/2024", "(10/12/2025)") if lang == "vi" else ("(2025-12-10)", "2024-12-31")
    assert run.exit_code == 0 and all(w in said for w in (*words, "--replace")), said
    assert "--replace" not in imported(corrected)  # the same list again: nothing changed


@pytest.fixture(scope="module")
def reviewed_on_a_mistaken_date(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """POOR and OTHER reviewed on 2024-12-10 (y1.csv), then on a mistaken 2025-12-01 (y2.csv, POOR[0] above the
    line): made once for both languages' tests, each of which runs the right date into its own copy
    (:func:`_own_copy`)."""
    folder = tmp_path_factory.mktemp("mistaken_date")
    db = folder / "h.db"
    y1 = _households(folder, "y1.csv", (*POOR, OTHER))
    y2 = _households(folder, "y2.csv", (*POOR, OTHER), rich=(POOR[0],))
    assert _review(y1, "2024-12-10", db).exit_code == 0  # type: ignore[attr-defined]
    assert _review(y2, "2025-12-01", db).exit_code == 0  # type: ignore[attr-defined]
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_second_review_of_the_year_says_it_compares_with_the_first(
    tmp_path: Path, reviewed_on_a_mistaken_date: Path, lang: str
) -> None:
    """A review run with a mistaken --date (2025-12-01), then with the right one (2025-12-10): the second was
    recorded without a word, comparing its households with the mistaken one's results, not 2024's, so its
    escapes, windows and the forms' start came out of the wrong review (every household 'unchanged'). It now
    says, in --lang, that the commune was already reviewed that year on which day, that this review compares
    with it, and how to remove it; a review of the next year says nothing of it."""
    db, y2 = _own_copy(reviewed_on_a_mistaken_date, tmp_path), tmp_path / "y2.csv"
    run = CliRunner().invoke(main, ["review", str(y2), "--date", "2025-12-10", "--db", str(db), "--lang", lang])
    said = " ".join(run.output.split())
    if lang == "vi":
        words = ("đã được rà soát ngày 01/12/2025 (lần 2), cùng năm 2025", "history undo 2")
    else:
        words = ("was already reviewed on 2025-12-01 (review 2), in the same year 2025", "history undo 2")
    assert run.exit_code == 0 and all(w in said for w in words), said
    # the command to type names the history file: without --db it would undo review 2 of ./history.db
    assert f"'poverty-rules history undo 2 --db {db}'" in said, said
    later = CliRunner().invoke(main, ["review", str(y2), "--date", "2026-12-10", "--db", str(db), "--lang", lang])
    assert later.exit_code == 0 and "history undo" not in later.output, later.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_recode_never_moves_two_provinces_communes_of_one_name_under_one_code(tmp_path: Path, lang: str) -> None:
    """A province's history kept by names holds Xã A of Tỉnh X and Xã A of Tỉnh Y, both with a household 001.
    history recode --commune 'Xã A' moved both under the one code given, merging two communes' histories (two
    households 001 under one code), though docs/review.md says two histories are never merged. It is now
    refused, naming the provinces, in --lang, and --province chooses one; nothing moves otherwise."""
    lists = tmp_path / "ds.csv"
    lists.write_text("Mã hộ,Tình trạng,Năm,Xã,Tỉnh\n001,nghèo,2024,Xã A,Tỉnh X\n001,cận nghèo,2024,Xã A,Tỉnh Y\n")
    db = tmp_path / "h.db"
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    recode = ["history", "recode", "--db", str(db), "--commune", "Xã A", "--province-code", "12"]
    refused = CliRunner().invoke(main, [*recode, "--commune-code", "03001", "--lang", lang])
    said = " ".join(refused.output.split())
    words = (
        "ở các tỉnh khác nhau ('Tỉnh X', 'Tỉnh Y')" if lang == "vi" else "in different provinces ('Tỉnh X', 'Tỉnh Y')"
    )
    assert refused.exit_code == 2 and words in said and "--province" in said, said
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM review_units WHERE commune_code != ''").fetchone() == (0,)
    done = CliRunner().invoke(main, [*recode, "--commune-code", "03001", "--province", "X", "--lang", lang])
    assert done.exit_code == 0, done.output
    with sqlite3.connect(db) as conn:
        units = conn.execute("SELECT province, unit FROM review_units ORDER BY province").fetchall()
    assert units == [("Tỉnh X", "code|12|03001"), ("Tỉnh Y", "name|Tỉnh Y|Xã A")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_list_imported_under_a_commune_written_another_way_is_not_a_second_history(tmp_path: Path, lang: str) -> None:
    """The 2023 list imported with --commune 'Hưng Chính', the 2024 list with --commune 'Xã Hưng Chính': the
    second import silently started another history, which the next review (--commune 'Hưng Chính') never read:
    its escapes and windows lost, where a review so named stops and asks. The import now stops as the review
    does (nothing imported), in --lang, naming the commune on record; the same name continues its history,
    --new-commune starts another on purpose, and lists naming no commune in a history of named communes ask
    for --commune."""
    db = tmp_path / "h.db"
    y23, y24 = tmp_path / "ds_2023.csv", tmp_path / "ds_2024.csv"
    y23.write_text("Mã hộ,Tình trạng,Năm\n001,nghèo,2023\n", "utf-8")
    y24.write_text("Mã hộ,Tình trạng,Năm\n001,thoát nghèo,2024\n", "utf-8")

    def imported(*args: str) -> object:
        return CliRunner().invoke(main, ["history", "import", *args, "--db", str(db), "--lang", lang])

    assert imported(str(y23), "--commune", "Hưng Chính").exit_code == 0  # type: ignore[attr-defined]
    refused = imported(str(y24), "--commune", "Xã Hưng Chính")
    said = " ".join(refused.output.split())  # type: ignore[attr-defined]
    words = "chưa có lịch sử, nhưng 'Hưng Chính' đã có" if lang == "vi" else "has no history, but 'Hưng Chính' has"
    assert refused.exit_code == 2 and words in said and "--new-commune" in said, said  # type: ignore[attr-defined]
    assert len(_reviews(db)) == 1
    unnamed = imported(str(y24))
    assert unnamed.exit_code == 2 and "--commune" in unnamed.output, unnamed.output  # type: ignore[attr-defined]
    assert "--commune-code" not in unnamed.output  # type: ignore[attr-defined]
    assert imported(str(y24), "--commune", "Hưng Chính").exit_code == 0  # type: ignore[attr-defined]
    assert imported(str(y24), "--commune", "Xã Hưng Chính", "--new-commune").exit_code == 0  # type: ignore[attr-defined]
    assert len(_reviews(db)) == 3


def test_history_show_gives_an_imported_escape_beside_a_status_row_its_recognition_date(tmp_path: Path) -> None:
    """The 2024 escape list (thoát nghèo, recognized 2024-12-01) and near-poor list both name household 002,
    which escaped poverty into near-poverty: history show -o wrote its eligible_until 2027-11-30 with a blank
    recognized_on, the date the window was counted from, which eligible shows (the status row had none). It now
    writes 2024-12-01, as for an escape listed alone."""
    db = tmp_path / "h.db"
    escapes, near = tmp_path / "thoat.csv", tmp_path / "can_ngheo.csv"
    escapes.write_text(
        "Mã hộ,Tình trạng,Năm,Ngày công nhận\n002,thoát nghèo,2024,2024-12-01\n003,thoát nghèo,2024,2024-12-01\n"
    )
    near.write_text("Mã hộ,Tình trạng,Năm\n002,cận nghèo,2024\n")
    for lists in (escapes, near):
        run = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X"])
        assert run.exit_code == 0, run.output
    out = tmp_path / "lan_1.csv"
    assert CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(out)]).exit_code == 0
    rows = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("household_id")
    assert rows.loc["002", ["status", "eligible_until", "recognized_on"]].tolist() == [
        "near_poor",
        "2027-11-30",
        "2024-12-01",
    ]
    assert rows.loc["003", "recognized_on"] == "2024-12-01"


def test_recode_of_one_review_says_one_review(tmp_path: Path) -> None:
    """history recode of a commune recorded in one review said '(1 reviews)'; it says '(1 review)'."""
    lists = tmp_path / "ds.csv"
    lists.write_text("Mã hộ,Tình trạng,Năm\n001,nghèo,2024\n", "utf-8")
    db = str(tmp_path / "h.db")
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", db, "--commune", "Xã A"]).exit_code == 0
    args = ["history", "recode", "--db", db, "--commune", "Xã A", "--commune-code", "03001", "--lang", "en"]
    done = CliRunner().invoke(main, args)
    said = " ".join(done.output.split())
    assert done.exit_code == 0 and "(1 review)" in said, said


def test_lists_imported_before_other_imported_lists_ask_for_no_review_again(tmp_path: Path) -> None:
    """The 2024 list imported, then the 2023 list (or the 2023 list undone): the import and history undo said
    'the later reviews of these communes (2024-12-31) counted their movements … from the earlier results; review
    them again, in order, with --replace' of the 2024 list, which computed nothing and which review --replace
    cannot run. Only reviews computed by review are named; a computed later review still is."""
    db = str(tmp_path / "h.db")
    y23, y24 = tmp_path / "ds_2023.csv", tmp_path / "ds_2024.csv"
    y23.write_text("Mã hộ,Tình trạng,Năm\n001,nghèo,2023\n", "utf-8")
    y24.write_text("Mã hộ,Tình trạng,Năm\n001,cận nghèo,2024\n", "utf-8")

    def run(*args: str) -> str:
        done = CliRunner().invoke(main, [*args, "--db", db, "--lang", "en"])
        assert done.exit_code == 0, done.output
        return " ".join(done.output.split())

    run("history", "import", str(y24), "--commune", "X")
    assert "--replace" not in run("history", "import", str(y23), "--commune", "X")
    assert "--replace" not in run("history", "undo", "2")
    first = _households(tmp_path, "y1.csv", (*POOR, OTHER), places=False)
    run("review", str(first), "--date", "2025-12-10", "--commune", "X", "-q")
    said = run("history", "import", str(y23), "--commune", "X")
    assert "(2025-12-10)" in said and "2024-12-31" not in said and "--replace" in said, said


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_household_listed_twice_in_a_year_is_named_with_its_first_row(tmp_path: Path, lang: str) -> None:
    """A list naming household 001 twice in 2024 (rows 3 and 5) was refused with 'row 5: a household already
    listed that year': which household, and listed where, the officer had to search for in a list of hundreds.
    The refusal now names the household and the row that listed it first, in --lang; nothing is imported."""
    lists = tmp_path / "ds.csv"
    lists.write_text("Mã hộ,Tình trạng,Năm\n005,nghèo,2024\n001,nghèo,2024\n002,nghèo,2024\n001,cận nghèo,2024\n")
    db = tmp_path / "h.db"
    run = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", lang])
    said = " ".join(run.output.split())
    words = (
        "dòng 5: hộ '001' đã có trong danh sách của cùng năm, ở dòng 3"
        if lang == "vi"
        else ("row 5: household '001' is already listed that year, at row 3")
    )
    assert run.exit_code == 2 and words in said and "ds.csv" in said, said
    assert not db.exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_lists_whose_commune_code_lost_its_zeros_are_refused_in_the_imports_words(tmp_path: Path, lang: str) -> None:
    """Lists with Mã tỉnh, Mã xã columns imported under 03001, then lists where Excel saved the code as 3001:
    the import was refused with the review's words ('this review would start a new history … or --commune-code
    03001'), an option history import does not have. It now speaks of the import and of the code as written in
    the file, in --lang; nothing imported."""
    first, second = tmp_path / "ds_2023.csv", tmp_path / "ds_2024.csv"
    first.write_text("Mã hộ,Tình trạng,Năm,Mã tỉnh,Mã xã,Xã\n001,nghèo,2023,12,03001,Xã A\n", "utf-8")
    second.write_text("Mã hộ,Tình trạng,Năm,Mã tỉnh,Mã xã,Xã\n001,nghèo,2024,12,3001,Xã A\n", "utf-8")
    db = tmp_path / "h.db"
    assert CliRunner().invoke(main, ["history", "import", str(first), "--db", str(db)]).exit_code == 0
    run = CliRunner().invoke(main, ["history", "import", str(second), "--db", str(db), "--lang", lang])
    said = " ".join(run.output.split())
    words = "nhập danh sách này sẽ bắt đầu" if lang == "vi" else "importing these lists would start"
    assert run.exit_code == 2 and words in said and "--commune-code" not in said and "--new-commune" in said, said
    assert len(_reviews(db)) == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_lists_by_name_of_a_commune_kept_by_code_are_refused_in_the_imports_words(tmp_path: Path, lang: str) -> None:
    """A commune's history kept under codes 12/03001, then lists imported with --commune 'Xã A' (or its code
    '03001' given as a name): the refusal asked for --province-code / --commune-code, options history import
    does not have. It now asks for the lists' Mã tỉnh, Mã xã columns, or --new-commune, in --lang."""
    coded = tmp_path / "ds_2023.csv"
    coded.write_text("Mã hộ,Tình trạng,Năm,Mã tỉnh,Mã xã,Xã\n001,nghèo,2023,12,03001,Xã A\n", "utf-8")
    named = tmp_path / "ds_2024.csv"
    named.write_text("Mã hộ,Tình trạng,Năm\n001,nghèo,2024\n", "utf-8")
    db = tmp_path / "h.db"
    assert CliRunner().invoke(main, ["history", "import", str(coded), "--db", str(db)]).exit_code == 0
    for commune in ("Xã A", "03001"):
        args = ["history", "import", str(named), "--db", str(db), "--commune", commune, "--lang", lang]
        run = CliRunner().invoke(main, args)
        said = " ".join(run.output.split())
        assert run.exit_code == 2 and "Mã tỉnh, Mã xã" in said and "--new-commune" in said, said
        assert "--province-code" not in said and "--commune-code" not in said, said
    assert len(_reviews(db)) == 1


def test_history_import_reads_the_abbreviations_hn_and_hcn(tmp_path: Path) -> None:
    """A list whose Tình trạng column says HN, HCN (as officers abbreviate hộ nghèo, hộ cận nghèo) was refused
    at every row as "not a status"; it is now imported as poor and near_poor."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": [POOR[0], POOR[1], OTHER],
            "Tình trạng": ["HN", "hcn", "Không nghèo"],
            "Năm": ["2024"] * 3,
            "Xã": ["Xã Hưng Chính"] * 3,
            "Tỉnh": ["Tỉnh Nghệ An"] * 3,
        }
    ).to_csv(lists, index=False)
    result = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)])
    assert result.exit_code == 0, result.output
    shown = tmp_path / "shown.csv"
    result = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(shown), "--lang", "en"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(shown, dtype=str, keep_default_na=False)
    got = dict(zip(frame["household_id"], frame["status"], strict=True))
    assert got == {POOR[0]: "poor", POOR[1]: "near_poor", OTHER: "not_poor"}


def test_eligible_by_a_commune_code_without_its_zeros_suggests_the_code(tmp_path: Path) -> None:
    """``eligible --commune 3001`` (the code 03001 as Excel saves it) was refused listing only the communes'
    names, never the code it resembles; it now asks for --commune 03001, naming the commune, in vi and en.
    A code that resembles none is refused as before."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {
            "Mã hộ": ["001", "002"],
            "Tình trạng": ["thoát nghèo", "nghèo"],
            "Năm": ["2024", "2024"],
            "Ngày công nhận": ["2024-12-01", ""],
            "Mã tỉnh": ["12", "12"],
            "Mã xã": ["03001", "03001"],
            "Xã": ["Xã A", "Xã A"],
            "Tỉnh": ["Tỉnh X", "Tỉnh X"],
        }
    ).to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    run = ["eligible", "--db", str(db), "--as-of", "2025-01-01", "--commune"]
    en = CliRunner().invoke(main, [*run, "3001", "--lang", "en"])
    assert en.exit_code == 2 and "did you mean --commune 03001 (Xã A, Tỉnh X)?" in en.output, en.output
    vi = CliRunner().invoke(main, [*run, "3001"])
    assert vi.exit_code == 2 and "có phải --commune 03001 (Xã A, Tỉnh X)?" in vi.output, vi.output
    other = CliRunner().invoke(main, [*run, "3002", "--lang", "en"])
    assert other.exit_code == 2 and "communes on record: Xã A" in other.output and "03001" not in other.output
    assert CliRunner().invoke(main, [*run, "03001"]).exit_code == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_review_written_by_history_show_imports_back_with_its_escapes_and_windows(
    tmp_path: Path, suffix: str
) -> None:
    """``history show ID -o lists.csv`` (or ``.xlsx``) then ``history import lists.csv`` into a new history lost every
    escape: a household that escaped poverty is written as status not_poor, transition escaped_poverty and its
    recognized_on, and the import read escapes only from a 'thoát nghèo' status, so it recorded plain not_poor,
    with no window (eligible listed nobody). The transition column (Diễn biến) is now read: the escapes, their
    recognition dates and windows come back, and eligible lists the same households."""
    db, lists = tmp_path / "h.db", tmp_path / "ds.csv"
    pd.DataFrame({"Mã hộ": [*POOR, OTHER], "Tình trạng": ["nghèo", "nghèo", "cận nghèo"], "Năm": ["2023"] * 3}).to_csv(
        lists, index=False
    )
    assert (
        CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "Xã A"]).exit_code == 0
    )
    households = _households(tmp_path, "ho.csv", (*POOR, OTHER), rich=(POOR[0], OTHER), places=False)
    assert _review(households, "2024-12-10", db, "--commune", "Xã A").exit_code == 0
    shown = tmp_path / f"shown{suffix}"
    assert CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "-o", str(shown)]).exit_code == 0
    again = tmp_path / "again.db"
    result = CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(again), "--date", "2024-12-10"])
    assert result.exit_code == 0, result.output

    def rows(history: Path, review: str) -> list[tuple[str, ...]]:
        out = tmp_path / f"{history.stem}.{review}.csv"
        assert (
            CliRunner().invoke(main, ["history", "show", review, "--db", str(history), "-o", str(out)]).exit_code == 0
        )
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        frame["transition"] = frame["transition"].where(frame["transition"].str.startswith("escaped"), "")
        columns = ["household_id", "status", "transition", "eligible_until", "recognized_on"]  # the escapes
        return sorted(tuple(r) for r in frame[columns].itertuples(index=False))

    assert rows(again, "1") == rows(db, "2")
    assert any(r[2] == "escaped_poverty" and r[3] for r in rows(again, "1"))

    def eligible(history: Path) -> str:
        return CliRunner().invoke(main, ["eligible", "--db", str(history), "--as-of", "2025-01-01"]).output

    assert eligible(again) == eligible(db).replace(str(db), str(again)) and POOR[0] in eligible(again)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_review_written_by_history_show_imports_back_under_its_province(tmp_path: Path, suffix: str) -> None:
    """``history show -o`` wrote each household's commune but not its province, so its file imported into a new
    history recorded 'Xã Hưng Chính' with no province, and the next review of the household file (Tỉnh Nghệ An,
    Xã Hưng Chính) was refused as a commune with no history. The file now has the province column (Tỉnh): the
    imported review continues under the same province and commune, and the next review reads it, with the
    movements the original history gives."""
    db, lists = tmp_path / "h.db", tmp_path / "ds.csv"
    pd.DataFrame(
        {
            "Mã hộ": [*POOR, OTHER],
            "Tình trạng": ["nghèo", "nghèo", "cận nghèo"],
            "Năm": ["2023"] * 3,
            "Xã": ["Xã Hưng Chính"] * 3,
            "Tỉnh": ["Tỉnh Nghệ An"] * 3,
        }
    ).to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    assert _review(_households(tmp_path, "a.csv", (*POOR, OTHER), rich=(POOR[0],)), "2024-12-10", db).exit_code == 0
    shown = tmp_path / f"shown{suffix}"
    assert CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "-o", str(shown)]).exit_code == 0
    again = tmp_path / "again.db"
    result = CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(again), "--date", "2024-12-10"])
    assert result.exit_code == 0, result.output
    for history in (db, again):
        households = _households(tmp_path, f"{history.stem}.csv", (*POOR, OTHER), rich=(POOR[0], OTHER))
        result = _review(households, "2025-12-10", history)
        assert result.exit_code == 0, result.output
    original, imported = (
        pd.read_csv(tmp_path / f"{name}.reviewed.csv", dtype=str, keep_default_na=False) for name in ("h", "again")
    )
    columns = ["household_id", "status", "transition", "eligible_until"]
    assert imported[columns].to_dict("records") == original[columns].to_dict("records")


def test_report_by_a_commune_code_without_its_zeros_suggests_the_code(tmp_path: Path) -> None:
    """``report --db h.db --commune 3001 --year 2024`` (the code 03001 as Excel saves it) was refused as 'no
    review recorded in 2024 for commune '3001'', never naming the code it resembles; it now asks for --commune
    03001, naming the commune, as eligible does, with --year or --date, in vi and en."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    pd.DataFrame(
        {"Mã hộ": ["001"], "Tình trạng": ["nghèo"], "Năm": ["2024"], "Mã tỉnh": ["12"], "Mã xã": ["03001"]}
    ).assign(Xã="Xã A", Tỉnh="Tỉnh X").to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    run = ["report", "--db", str(db), "-o", str(tmp_path / "r.xlsx"), "--commune"]
    for when in (["--year", "2024"], ["--date", "2024-12-31"]):
        en = CliRunner().invoke(main, [*run, "3001", *when, "--lang", "en"])
        assert en.exit_code == 2 and "did you mean --commune 03001 (Xã A, Tỉnh X)?" in en.output, en.output
        vi = CliRunner().invoke(main, [*run, "3001", *when])
        assert vi.exit_code == 2 and "có phải --commune 03001 (Xã A, Tỉnh X)?" in vi.output, vi.output
    other = CliRunner().invoke(main, [*run, "3002", "--year", "2024", "--lang", "en"])
    assert other.exit_code == 2 and "03001" not in other.output and "'3002'" in other.output
    assert not (tmp_path / "r.xlsx").exists()


def test_a_third_review_of_the_year_names_the_review_it_compares_with_to_undo(tmp_path: Path) -> None:
    """Two reviews already recorded in 2025 (2025-12-01, id 2, and 2025-12-05, id 3): a third, on 2025-12-10,
    compares with 2025-12-05's results, yet the note told the officer to remove review 2 ('history undo 2'),
    the other one, which left the review it compares with in place (and could delete the right one). It names
    the review it compares with, 3."""
    db = tmp_path / "h.db"
    y1 = _households(tmp_path, "y1.csv", (*POOR, OTHER))
    y2 = _households(tmp_path, "y2.csv", (*POOR, OTHER), rich=(POOR[0],))
    assert _review(y1, "2024-12-10", db).exit_code == 0  # type: ignore[attr-defined]
    assert _review(y2, "2025-12-01", db).exit_code == 0  # type: ignore[attr-defined]
    assert _review(y2, "2025-12-05", db).exit_code == 0  # type: ignore[attr-defined]
    run = CliRunner().invoke(main, ["review", str(y2), "--date", "2025-12-10", "--db", str(db), "--lang", "en"])
    said = " ".join(run.output.split())
    assert "(review 2, 3)" in said and "results of 2025-12-05" in said, said
    assert "history undo 3" in said and "history undo 2" not in said, said


def test_an_imported_recognition_in_a_year_after_its_list_is_refused_at_its_row(tmp_path: Path) -> None:
    """A 2024 list whose 'thoát nghèo' row was recognized on 2026-03-01 (2024 mistyped) was imported as is: the
    escape's window started in 2026 and 'eligible --as-of 2025-06-01' listed nobody. Such a row is now refused,
    naming the row, the column and the list's year, in --lang, and nothing is imported; a recognition later in
    the list's own year (the chair's decision after the review) is imported as before."""
    lists = tmp_path / "ds.csv"
    lists.write_text(
        "household_id,status,review_date,Ngày công nhận\nA,thoát nghèo,2024-12-10,2024-12-20\n"
        "B,thoát nghèo,2024-12-10,01/03/2026\nC,nghèo,2024-12-10,\n",
        encoding="utf-8",
    )
    for lang, said in (
        ("vi", "dòng 3, cột Ngày công nhận: '01/03/2026' là sau năm của danh sách (2024, ngày rà soát 10/12/2024)"),
        ("en", "row 3, column Ngày công nhận: '01/03/2026' is after the list's year (2024, review date 2024-12-10)"),
    ):
        db = tmp_path / f"{lang}.db"
        args = ["history", "import", str(lists), "--db", str(db), "--commune", "Xã T", "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert said in result.output and "Traceback" not in result.output
        assert not db.exists()
    fixed = tmp_path / "ok.csv"
    fixed.write_text(lists.read_text(encoding="utf-8").replace("01/03/2026", "20/12/2024"), encoding="utf-8")
    args = ["history", "import", str(fixed), "--db", str(tmp_path / "ok.db"), "--commune", "Xã T", "--lang", "en"]
    assert CliRunner().invoke(main, args).exit_code == 0


def test_report_by_a_name_two_coded_communes_share_asks_for_the_code(tmp_path: Path) -> None:
    """``report --db h.db --commune 'Tân Lập'`` of a district whose history holds two communes of that name,
    each with its own code (03001 and 05007, after the 2025 mergers), wrote one report of both, headed by
    the province, as if it were the one commune asked for. It is now refused, naming each commune with its
    code and how to ask for one (--commune 03001), with --date or --year, in vi and en; nothing written. The
    code reports that commune alone, headed by its committee."""
    src, db = tmp_path / "ho.csv", tmp_path / "h.db"
    head = "household_id,commune_code,commune,province,village,area,income_per_capita,deprived_employment\n"
    rows = "".join(f"1,{code},Xã Tân Lập,Tỉnh X,Thôn 1,rural,9000000,0\n" for code in ("03001", "05007"))
    src.write_text(head + rows + "1,04002,Xã Hòa Bình,Tỉnh X,Thôn 1,rural,9000000,0\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["review", str(src), "--date", "2025-12-10", "--db", str(db), "-q"])
    assert ran.exit_code == 0, ran.output
    out = tmp_path / "r.xlsx"
    run = ["report", "--db", str(db), "-o", str(out), "--commune", "Tân Lập"]
    for when in (["--year", "2025"], ["--date", "2025-12-10"]):
        en = CliRunner().invoke(main, [*run, *when, "--lang", "en"])
        said = " ".join(en.output.split())
        assert en.exit_code == 2 and "names 2 communes with different commune codes" in said, said
        assert "03001 (Xã Tân Lập, Tỉnh X); 05007 (Xã Tân Lập, Tỉnh X)" in said and "--commune 03001" in said, said
        vi = CliRunner().invoke(main, [*run, *when])
        assert vi.exit_code == 2 and "là tên của 2 xã có mã xã khác nhau" in " ".join(vi.output.split()), vi.output
    assert not out.exists()
    one = CliRunner().invoke(main, [*run[:-1], "05007", "--date", "2025-12-10"])
    assert one.exit_code == 0, one.output
    openpyxl = pytest.importorskip("openpyxl")
    assert openpyxl.load_workbook(out)["R1"]["A1"].value == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    alone = CliRunner().invoke(main, [*run[:-1], "Hòa Bình", "--date", "2025-12-10"])  # a name no other shares
    assert alone.exit_code == 0, alone.output


def test_eligible_names_apart_two_communes_of_one_name_each_with_its_code(tmp_path: Path) -> None:
    """A district's history holding two communes named Xã Tân Lập, with their own codes (03001, 05007): the
    eligible list named both 'Xã Tân Lập', so their households 001, both escaped, read as one household listed
    twice, and the count per village added both communes ('Thôn 1 (Xã Tân Lập): 2'). Each is now named with
    its code, 'Xã Tân Lập (03001)', as the reports name it; a name no other commune shares is unchanged."""
    db = tmp_path / "h.db"
    head = "household_id,commune_code,commune,province,village,area,income_per_capita,deprived_employment"
    head += ",deprived_water,deprived_nutrition\n"
    for day, income, marks in (("2024-12-10", 1000000, "1,1,1"), ("2025-12-10", 9000000, "0,0,0")):
        src = tmp_path / f"ho_{day[:4]}.csv"
        rows = [f"001,{code},Xã Tân Lập,Tỉnh X,Thôn 1,rural,{income},{marks}\n" for code in ("03001", "05007")]
        src.write_text(head + "".join(rows) + "001,04002,Xã Hòa Bình,Tỉnh X,Thôn 1,rural,9000000,0,0,0\n")
        ran = CliRunner().invoke(main, ["review", str(src), "--date", day, "--db", str(db), "-q"])
        assert ran.exit_code == 0, ran.output
    out = tmp_path / "el.csv"
    run = CliRunner().invoke(main, ["eligible", "--db", str(db), "--as-of", "2025-12-31", "-o", str(out)])
    assert run.exit_code == 0, run.output
    listed = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert listed[["commune", "household_id"]].values.tolist() == [
        ["Xã Tân Lập (03001)", "001"],
        ["Xã Tân Lập (05007)", "001"],
    ]
    said = " ".join(run.output.split())
    assert "Thôn 1 — Xã Tân Lập (03001): 1" in said and "Thôn 1 — Xã Tân Lập (05007): 1" in said, said
    assert "(03001))" not in said and "(05007))" not in said, said  # never brackets in brackets


@pytest.mark.parametrize(
    "command",
    [
        ["eligible", "--as-of", "2025-12-31"],
        ["history", "list"],
        ["history", "show", "1"],
        ["report", "--year", "2024", "-o", "{tmp}/r.xlsx"],
    ],
)
def test_an_empty_history_file_is_refused_and_left_empty(tmp_path: Path, command: list[str]) -> None:
    """A history file of 0 bytes (a copy cut short) was read as a history of no review: eligible listed nobody
    (exit 0), history list showed no review, and each gave the file a schema (40 KB written into an input).
    It is refused, in vi and en, as no history (exit 2), and the file stays empty."""
    db = tmp_path / "h.db"
    db.write_bytes(b"")
    args = [a.format(tmp=tmp_path) for a in command]
    en = CliRunner().invoke(main, ["--lang", "en", *args, "--db", str(db)])
    assert en.exit_code == 2, en.output
    assert "the history file is empty (0 bytes)" in " ".join(en.output.split()), en.output
    vi = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert vi.exit_code == 2 and "tệp lịch sử rỗng (0 byte)" in " ".join(vi.output.split()), vi.output
    assert db.stat().st_size == 0
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_importing_a_list_of_no_rows_is_refused(tmp_path: Path, lang: str) -> None:
    """A lists file with its header and no rows (an empty template) was 'imported' with exit 0 ('0 rows → 0
    reviews') and left an empty history file behind, as if the commune's lists were in. It now stops with exit 2
    naming the file and saying there was nothing to import, in --lang; no history file is made."""
    lists = tmp_path / "ds_2023.csv"
    lists.write_text("Mã hộ,Tình trạng,Năm\n", encoding="utf-8")
    db = tmp_path / "h.db"
    args = ["--lang", lang, "history", "import", str(lists), "--db", str(db), "--commune", "Xã T"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    said = {
        "vi": f"{lists}: tệp chỉ có dòng tiêu đề, không có dòng hộ nào để nhập",
        "en": f"{lists}: the file has its header row but no household rows to import",
    }
    assert said[lang] in " ".join(result.output.split())
    assert not db.exists()


def test_a_household_that_left_stays_gone_through_show_and_import(tmp_path: Path) -> None:
    """A review written by ``history show -o`` and imported into another history lost its households'
    leaving marks: a household whose row said it died (moved away, merged) came back as resident, so the
    next review listed it as not reviewed and counted it in the poor at the start (R2 column 1) and again
    as an 'other' decrease, a year after it left. The file names each household's ``change_reason`` and the
    import keeps it, in any spelling a household file may give it (chết)."""
    header = "household_id,village,area,household_size,income_per_capita," + ",".join(
        f"deprived_{n}" for n in ("employment", "dependency", "nutrition")
    )
    first = tmp_path / "ho_2025.csv"
    first.write_text(f"{header}\nA,Thôn 1,rural,2,900000,1,1,1\nB,Thôn 1,rural,3,900000,1,1,1\n", encoding="utf-8")
    second = tmp_path / "ho_2026.csv"
    second.write_text(
        f"{header},change_reason\nA,Thôn 1,rural,2,900000,1,1,1,died\nB,Thôn 1,rural,3,900000,1,1,1,\n",
        encoding="utf-8",
    )
    db, other = tmp_path / "h.db", tmp_path / "other.db"
    for path, day in ((first, "2025-12-10"), (second, "2026-12-10")):
        run = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "--commune", "X"])
        assert run.exit_code == 0, run.output
    shown = tmp_path / "r2026.csv"
    assert CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "-o", str(shown)]).exit_code == 0
    written = pd.read_csv(shown, dtype=str, keep_default_na=False).set_index("household_id")
    assert written.loc["A", "change_reason"] == "died" and written.loc["B", "change_reason"] == ""
    vi = shown.read_text(encoding="utf-8-sig").replace(",died,", ",chết,").replace('"died"', '"chết"')
    shown.write_text(vi, encoding="utf-8")
    run = CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(other), "--date", "2026-12-10"])
    assert run.exit_code == 0, run.output
    third = tmp_path / "ho_2027.csv"
    third.write_text(f"{header}\nB,Thôn 1,rural,3,900000,1,1,1\n", encoding="utf-8")
    for history in (db, other):
        out = tmp_path / f"{history.stem}_2027.csv"
        run = CliRunner().invoke(
            main, ["review", str(third), "--date", "2027-12-10", "--db", str(history), "--commune", "X", "-o", str(out)]
        )
        assert run.exit_code == 0, run.output
        gone = pd.read_csv(tmp_path / f"{history.stem}_2027.not_reviewed.csv", dtype=str)
        assert gone["household_id"].tolist() == [], history
        moves = pd.read_csv(tmp_path / f"{history.stem}_2027.movements.csv", dtype=str)
        assert moves["poor_start"].iloc[-1] == "1", history  # the total row: B alone
    bad = tmp_path / "bad.csv"
    bad.write_text("household_id,status,change_reason\nA,nghèo,hmm\n", encoding="utf-8")
    for lang, said in (("vi", "không phải lý do biến động"), ("en", "is not a change reason")):
        run = CliRunner().invoke(
            main,
            ["history", "import", str(bad), "--db", str(tmp_path / "bad.db"), "--date", "2026-12-10", "--lang", lang],
        )
        assert run.exit_code == 2 and said in " ".join(run.output.split()) and "'hmm'" in run.output, run.output


def test_an_undated_list_says_to_give_date_in_english_too(tmp_path: Path) -> None:
    """A list with no review date nor year (a review written by ``history show -o``, imported as it is) was
    refused in English with 'no review_date or year' alone, where Vietnamese says to use --date: an officer
    running in English was not told how to import it. Both now say it."""
    lists = tmp_path / "r2026.csv"
    lists.write_text("household_id,status\nH1,poor\n", encoding="utf-8")
    for lang, said in (("en", "no review_date or year (Năm); or use --date"), ("vi", "hoặc dùng --date")):
        run = CliRunner().invoke(
            main, ["history", "import", str(lists), "--db", str(tmp_path / "h.db"), "--lang", lang]
        )
        assert run.exit_code == 2 and said in " ".join(run.output.split()), run.output


def test_a_review_written_out_and_imported_alone_keeps_the_windows_of_earlier_escapes(tmp_path: Path) -> None:
    """``history show -o`` of the 2026 review, imported alone into another history, lost the support windows
    of escapes recognized in 2025: the file gave each household's ``eligible_until`` but not the escape's
    date, so the other history knew no escape and ``eligible`` left both households out. The file now names
    the recognition date of the escape whose window it gives (``escaped_on``), and the import records that
    escape (as that day's list of escapes, an imported review), so the windows come back: A (average since
    its escape), B (poor → near-poor in 2025, then above in 2026: its 2025 window runs on)."""
    others = ("health_insurance", "adult_education", "child_schooling", "housing_quality", "housing_area", "water")
    others += ("sanitation", "telecom", "information_assets")  # not deprived: every household decided
    header = "household_id,village,area,household_size,income_per_capita," + ",".join(
        f"deprived_{n}" for n in ("employment", "dependency", "nutrition", *others)
    )
    years = {
        "2024-12-10": ["A,Thôn 1,rural,2,900000,1,1,1", "B,Thôn 1,rural,3,900000,1,1,1"],
        "2025-12-10": ["A,Thôn 1,rural,2,1600000,1,1,1", "B,Thôn 1,rural,3,1400000,1,1,0"],
        "2026-12-10": ["A,Thôn 1,rural,2,2000000,1,1,1", "B,Thôn 1,rural,3,2500000,1,1,0"],
    }
    db, other = tmp_path / "h.db", tmp_path / "other.db"
    for day, rows in years.items():
        path = tmp_path / f"ho_{day[:4]}.csv"
        path.write_text("\n".join([header, *(r + ",0" * len(others) for r in rows)]) + "\n", encoding="utf-8")
        run = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "--commune", "X"])
        assert run.exit_code == 0, run.output
    shown = tmp_path / "r2026.csv"
    assert CliRunner().invoke(main, ["history", "show", "3", "--db", str(db), "-o", str(shown)]).exit_code == 0
    written = pd.read_csv(shown, dtype=str, keep_default_na=False).set_index("household_id")
    assert written["escaped_on"].to_dict() == {"A": "2025-12-10", "B": "2025-12-10"}
    run = CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(other), "--date", "2026-12-10"])
    assert run.exit_code == 0, run.output
    for history in (db, other):
        out = tmp_path / f"{history.stem}_eligible.csv"
        run = CliRunner().invoke(main, ["eligible", "--as-of", "2028-12-09", "--db", str(history), "-o", str(out)])
        assert run.exit_code == 0, run.output
        listed = pd.read_csv(out, dtype=str).set_index("household_id")
        assert listed[["escaped_on", "eligible_until"]].to_dict("index") == {
            "A": {"escaped_on": "2025-12-10", "eligible_until": "2028-12-09"},
            "B": {"escaped_on": "2025-12-10", "eligible_until": "2028-12-09"},
        }, history


def test_a_review_written_out_as_an_english_workbook_imports_back(tmp_path: Path) -> None:
    """``history show -o review.xlsx --lang en`` heads its columns in English (Household, Status, Movement,
    Recognized on, Change reason, Escaped on …) and ``history import`` refused it: "missing required column
    'household_id'", where the Vietnamese workbook imports. The import reads the headers the workbook is
    written with, in either language, and the household that left stays gone, the window stays open."""
    others = ("health_insurance", "adult_education", "child_schooling", "housing_quality", "housing_area", "water")
    others += ("sanitation", "telecom", "information_assets")
    header = "household_id,village,area,household_size,income_per_capita,change_reason," + ",".join(
        f"deprived_{n}" for n in ("employment", "dependency", "nutrition", *others)
    )
    years = {
        "2024-12-10": ["A,Thôn 1,rural,2,900000,,1,1,1", "B,Thôn 1,rural,3,900000,,1,1,1"],
        "2025-12-10": ["A,Thôn 1,rural,2,1600000,,1,1,1", "B,Thôn 1,rural,3,900000,died,1,1,1"],
    }
    db = tmp_path / "h.db"
    for day, rows in years.items():
        path = tmp_path / f"ho_{day[:4]}.csv"
        path.write_text("\n".join([header, *(r + ",0" * len(others) for r in rows)]) + "\n", encoding="utf-8")
        run = CliRunner().invoke(main, ["review", str(path), "--date", day, "--db", str(db), "--commune", "X"])
        assert run.exit_code == 0, run.output
    for lang in ("en", "vi"):
        shown, other = tmp_path / f"r2025_{lang}.xlsx", tmp_path / f"other_{lang}.db"
        run = CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "-o", str(shown), "--lang", lang])
        assert run.exit_code == 0, run.output
        run = CliRunner().invoke(
            main, ["history", "import", str(shown), "--db", str(other), "--date", "2025-12-10", "--lang", lang]
        )
        assert run.exit_code == 0, run.output
        from poverty_rules.review.history import HistoryStore

        latest = HistoryStore(other).latest_before("2026-01-01").set_index("household_id")
        assert latest.loc["A", "status"] == "average" and str(latest.loc["A", "escaped_on"])[:10] == "2025-12-10"
        assert "B" not in latest.index, lang  # died in 2025: no more, on no list (fddc4ac: a code's history ends)


def test_a_review_written_out_imports_back_without_its_date_given_again(tmp_path: Path) -> None:
    """``history show -o`` wrote a review's households without the review's date, so importing the file into
    another history was refused until the officer typed the date again (--date), and a wrong one was taken
    as given. The file (CSV, or a workbook in either language: Ngày rà soát / Review date, 10/12/2025) now
    names the review's date, and the import reads it."""
    header = "household_id,village,area,household_size,income_per_capita," + ",".join(
        f"deprived_{n}" for n in ("employment", "dependency", "nutrition")
    )
    path = tmp_path / "ho_2025.csv"
    path.write_text(f"{header}\nA,Thôn 1,rural,2,900000,1,1,1\n", encoding="utf-8")
    db = tmp_path / "h.db"
    run = CliRunner().invoke(main, ["review", str(path), "--date", "2025-12-10", "--db", str(db), "--commune", "X"])
    assert run.exit_code == 0, run.output
    for name, lang in (("r.csv", "vi"), ("r_vi.xlsx", "vi"), ("r_en.xlsx", "en")):
        shown, other = tmp_path / name, tmp_path / f"{name}.db"
        run = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(shown), "--lang", lang])
        assert run.exit_code == 0, run.output
        run = CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(other), "--lang", lang])
        assert run.exit_code == 0, run.output
        listed = CliRunner().invoke(main, ["history", "list", "--db", str(other), "--lang", "en"])
        assert "2025-12-10" in listed.output, (name, listed.output)


def test_a_carried_escape_outside_every_standard_is_refused_naming_its_row(tmp_path: Path) -> None:
    """A list's status row whose ``escaped_on`` (the escape its window counts from) is before 2016, when no
    standard and no programme window was in force, stopped the import with an 'unexpected failure'
    (IndexError); it is refused naming the row, as an escape list's row dated so is, in vi and en."""
    lists = tmp_path / "l.csv"
    lists.write_text("household_id,status,escaped_on\nA,trung bình,01/06/2015\n", encoding="utf-8")
    for lang in ("en", "vi"):
        run = CliRunner().invoke(
            main,
            ["history", "import", str(lists), "--db", str(tmp_path / "h.db"), "--date", "2016-12-10", "--lang", lang],
        )
        said = " ".join(run.output.split())
        assert run.exit_code == 2 and ("row 2" in said or "dòng 2" in said) and "unexpected" not in said, said
        assert not (tmp_path / "h.db").exists()


def test_a_review_shown_to_a_file_imports_back_with_its_undetermined_households(tmp_path: Path) -> None:
    """docs/review.md: ``history show ID -o review.csv`` writes every household of a review and ``history
    import`` reads it back into another history with its escapes and windows. A review with an undetermined
    household (the sample commune has three) was refused whole: "rows 13, 416 and 1864, column status:
    'undetermined' is not a status"; then such households were left out with a note. They are now imported
    as the review recorded them (undetermined, with the status they keep), as every other household is."""
    households = tmp_path / "ho.csv"
    households.write_text("".join(FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)[:541]), "utf-8")
    db = tmp_path / "h.db"
    done = CliRunner().invoke(main, ["review", str(households), "--date", "2025-12-10", "--db", str(db), "-q"])
    assert done.exit_code in (0, 1), done.output
    shown = tmp_path / "lan_1.csv"
    assert CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(shown)]).exit_code == 0
    rows = pd.read_csv(shown, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    undetermined = int((rows["status"] == "undetermined").sum())
    assert undetermined >= 1  # HC-02-0199 of Thôn Đông
    for lang, said in (("en", "undetermined household"), ("vi", "hộ chưa xác định")):
        other = tmp_path / f"other_{lang}.db"
        args = ["history", "import", str(shown), "--db", str(other), "--date", "2025-12-10", "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert said not in " ".join(result.output.split()), result.output
        back = tmp_path / f"back_{lang}.csv"
        assert CliRunner().invoke(main, ["history", "show", "1", "--db", str(other), "-o", str(back)]).exit_code == 0
        imported = pd.read_csv(back, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert len(imported) == len(rows)
        assert sorted(imported["status"]) == sorted(rows["status"])


def test_eligible_lists_a_villages_households_in_the_order_of_their_codes(tmp_path: Path) -> None:
    """``eligible`` put a village's households in the text order of their codes, ``11, 2, 38, 5``: in a register
    numbered without leading zeros (codes restarting at 1 in each commune of a district) household 5 came after
    38. A code's first run of digits now counts as its number, as on the report's lists: ``2, 5, 11, 38``."""
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    codes = ["11", "2", "38", "5"]
    pd.DataFrame(
        {
            "Mã hộ": codes,
            "Tình trạng": ["thoát nghèo"] * 4,
            "Ngày công nhận": ["15/12/2025"] * 4,
            "Năm": ["2025"] * 4,
            "Thôn": ["Thôn 1"] * 4,
            "Xã": ["Xã Hưng Chính"] * 4,
        }
    ).to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    out = tmp_path / "e.csv"
    result = CliRunner().invoke(main, ["eligible", "--as-of", "2026-06-01", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8-sig") as fh:
        assert [r["household_id"] for r in csv.DictReader(fh)] == ["2", "5", "11", "38"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_history_file_damaged_inside_is_said_so_naming_it(tmp_path: Path, lang: str) -> None:
    """A history file whose header SQLite opens but whose pages are damaged (a bad sector, a copy broken on a
    USB stick) stopped every command that read it with 'unexpected failure (DatabaseError: database disk
    image is malformed) … please report it to the maintainers': no file named, English words under --lang
    vi. It is now said as a history that cannot be opened is, naming the file and why, in --lang; the review
    writes none of its files."""
    db = tmp_path / "h.db"
    households = _households(tmp_path, "ho.csv", (*POOR, OTHER))
    assert _review(households, "2024-12-10", db).exit_code == 0
    with sqlite3.connect(db) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = conn.execute("SELECT rootpage FROM sqlite_master WHERE name IN ('reviews', 'result_blocks')")
        damaged = [root for (root,) in roots]
    data = bytearray(db.read_bytes())
    for root in damaged:  # the first page of the reviews and of their households' rows: the schema is whole
        data[(root - 1) * page : root * page] = b"\xde\xad\xbe\xef" * (page // 4)
    db.write_bytes(bytes(data))
    said = "không phải tệp lịch sử dùng được (tệp bị hỏng)" if lang == "vi" else "not a usable history file"
    out = tmp_path / "lan_2.csv"
    for args in (
        ["history", "list", "--db", str(db)],
        ["history", "show", "1", "--db", str(db), "-o", str(tmp_path / "lan_1.csv")],
        ["eligible", "--as-of", "2025-12-31", "--db", str(db)],
        ["review", str(households), "--date", "2025-12-10", "--db", str(db), "-o", str(out)],
    ):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2, (args, result.output)
        assert f"{db}: {said}" in result.output and "DatabaseError" not in result.output, (args, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "h.db",
        "ho.csv",
        "ho.movements.csv",
        "ho.not_reviewed.csv",
        "ho.reviewed.csv",
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_another_programs_sqlite_file_given_as_the_history_is_refused_unchanged(tmp_path: Path, lang: str) -> None:
    """--db naming another program's SQLite database (a population register, a contacts file: the wrong file
    picked) was taken for a new history: history list showed no review, and review and history import wrote
    the history's tables and the review into that database beside its own tables, silently. It is refused now,
    naming the file and its tables, in --lang, exit 2; the file's bytes are unchanged and no output written."""
    other = tmp_path / "dan_cu.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE nhan_khau (ho_ten TEXT, ngay_sinh TEXT)")
        conn.execute("INSERT INTO nhan_khau VALUES ('Nguyễn Văn An', '1980-01-01')")
    conn.close()
    before = other.read_bytes()
    households = _households(tmp_path, "ho.csv", (*POOR, OTHER))
    lists = tmp_path / "ds_2023.csv"
    lists.write_text("household_id,status,year\nHC-01-0023,poor,2023\n", encoding="utf-8")
    said = (
        "cơ sở dữ liệu SQLite của một chương trình khác (các bảng: nhan_khau)"
        if lang == "vi"
        else ("an SQLite database of another program (its tables: nhan_khau)")
    )
    for args in (
        ["history", "list", "--db", str(other)],
        ["review", str(households), "--date", "2025-12-10", "--db", str(other)],
        ["history", "import", str(lists), "--db", str(other), "--commune", "Hưng Chính"],
    ):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2, (args, result.output)
        assert f"{other}: " in result.output and said in result.output.replace("\n", ""), (args, result.output)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dan_cu.db", "ds_2023.csv", "ho.csv"]


def test_import_refuses_a_formula_error_where_the_code_is(tmp_path: Path) -> None:
    """A list whose code column holds a formula's error (a VLOOKUP's #N/A, as Excel shows and saves it) imported
    a poor household of code '#N/A'; the import now stops naming the row, the column and the value, nothing
    imported (no history file left), in vi and en."""
    lists = tmp_path / "ds.csv"
    lists.write_text("household_id,status\nH1,nghèo\n#N/A,cận nghèo\n", encoding="utf-8")
    db = tmp_path / "h.db"
    for lang, words in (("vi", "dòng 3, cột household_id: '#N/A' là lỗi của công thức"), ("en", "row 3, column")):
        args = ["history", "import", str(lists), "--db", str(db), "--commune", "A", "--date", "2023-12-01"]
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2, result.output
        assert words in " ".join(result.output.split())
        assert not db.exists()


def test_import_refuses_a_row_of_more_cells_than_the_header(tmp_path: Path) -> None:
    """A list row with more cells than its header (``H1,nghèo,2023-12-01,x``: a separator too many) was imported
    with the cells after the last column dropped without a word; the import now stops naming the row and the
    cells, nothing imported, in vi and en."""
    lists = tmp_path / "ds.csv"
    lists.write_text("household_id,status,review_date\nH1,nghèo,2023-12-01\nH2,cận nghèo,2023-12-01,x\n", "utf-8")
    db = tmp_path / "h.db"
    for lang, words in (("vi", "ds.csv: dòng 3 có 4 ô"), ("en", "ds.csv: row 3 has 4 cells, more than the header")):
        result = CliRunner().invoke(
            main, ["history", "import", str(lists), "--db", str(db), "--commune", "A", "--lang", lang]
        )
        assert result.exit_code == 2, result.output
        assert words in " ".join(result.output.split())
        assert not db.exists()


def test_history_show_orders_a_villages_households_by_their_number(tmp_path: Path) -> None:
    """history show (on screen and -o) listed a village's households coded 11, 2, 38, 5 in text order
    ('11, 2, 38, 5'), where the lists to post and eligible order them by number: now 2, 5, 11, 38 too."""
    frame = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False).head(4).copy()
    frame["household_id"] = ["11", "2", "38", "5"]
    frame["village"] = frame["village"].iloc[0]
    households = tmp_path / "ho.csv"
    frame.to_csv(households, index=False)
    db = tmp_path / "h.db"
    assert _review(households, "2025-12-10", db).exit_code == 0
    out = tmp_path / "s.csv"
    shown = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(out)])
    assert shown.exit_code == 0, shown.output
    assert pd.read_csv(out, dtype=str)["household_id"].tolist() == ["2", "5", "11", "38"]
    screen = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db)]).output
    assert [screen.index(f"│ {code} ") for code in ("2", "5", "11", "38")] == sorted(
        screen.index(f"│ {code} ") for code in ("2", "5", "11", "38")
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_review_or_import_into_an_empty_history_file_is_refused(tmp_path: Path, lang: str) -> None:
    """review (and history import) with --db naming a file of 0 bytes (a copy of the history cut short) started a
    new history in it, silently: every earlier review's status lost, each household reviewed as new, exit 0. Both
    now stop before any work, naming the file, in --lang, exit 2; the file stays empty and no file is written. A
    --db that does not exist is still a new history."""
    db = tmp_path / "h.db"
    db.write_bytes(b"")
    households = _households(tmp_path, "ho.csv", (*POOR, OTHER))
    lists = tmp_path / "ds_2023.csv"
    lists.write_text("household_id,status,year\nHC-01-0023,poor,2023\n", encoding="utf-8")
    said = "tệp lịch sử rỗng (0 byte)" if lang == "vi" else "the history file is empty (0 bytes)"
    for args in (
        ["review", str(households), "--date", "2025-12-10", "--db", str(db)],
        ["history", "import", str(lists), "--db", str(db), "--commune", "Hưng Chính"],
    ):
        result = CliRunner().invoke(main, ["--lang", lang, *args])
        assert result.exit_code == 2, (args, result.output)
        assert f"{db}: {said}" in " ".join(result.output.split()), (args, result.output)
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds_2023.csv", "h.db", "ho.csv"]
    assert _review(households, "2025-12-10", tmp_path / "new.db").exit_code == 0


def test_an_old_history_on_a_read_only_disk_is_read_without_writing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history of an older version (here 4) on a read-only disk (a CD, a folder shared read-only): every
    command brought it up to date on open, so ``history list``, ``history show``, ``eligible`` and ``report
    --db``, which only read it, were refused ('tệp lịch sử chỉ đọc, không ghi được vào đó') with no way to read
    it there. They now read it through an up-to-date copy in memory, the file unchanged; a command that writes
    (``history undo``) is still refused, in words."""
    from poverty_rules.review import history

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        for script in history.MIGRATIONS[:4]:
            conn.executescript(script)
        conn.execute("INSERT INTO reviews VALUES (1, '2024-12-10', 'Tà Lèng', 'vn-2022-2026', NULL, 't', NULL)")
        conn.execute("INSERT INTO results (review_id, household_id, village, status) VALUES (1, 'H1', 'T', 'poor')")
        conn.execute("INSERT INTO transitions (review_id, household_id, transition) VALUES (1, 'H1', 'first_review')")
        conn.execute("PRAGMA user_version = 4")
    conn.close()
    before = db.read_bytes()
    real_connect = sqlite3.connect

    def read_only(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(path).startswith("file:") or str(path) == ":memory:":
            return real_connect(path, *args, **kwargs)  # type: ignore[arg-type, call-overload]
        kwargs.pop("uri", None)
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type, call-overload]

    monkeypatch.setattr(history.sqlite3, "connect", read_only)
    listed = cli_run("history", "list", "--db", db)
    assert listed.exit_code == 0 and "10/12/2024" in listed.output, listed.output  # type: ignore[attr-defined]
    shown = cli_run("history", "show", "1", "--db", db, "--lang", "en")
    assert shown.exit_code == 0 and "H1" in shown.output, shown.output  # type: ignore[attr-defined]
    assert cli_run("eligible", "--as-of", "2025-01-01", "--db", db).exit_code == 0  # type: ignore[attr-defined]
    args = ["--db", db, "--date", "2024-12-10", "--format", "csv", "-o", tmp_path / "out"]
    report = cli_run("report", *args, "--commune", "Tà Lèng")
    assert report.exit_code == 0, report.output  # type: ignore[attr-defined]
    r1 = pd.read_csv(tmp_path / "out" / "r1.csv", dtype=str, keep_default_na=False)
    assert r1[r1["level"] == "total"]["c3"].tolist() == ["1"]
    _refused_in_words(cli_run("history", "undo", "1", "--db", db), "tệp lịch sử", "chỉ đọc")
    assert db.read_bytes() == before


def test_eligible_never_cuts_a_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """eligible of a district's history (a Commune column beside the village) on a 70-column screen cut the last day
    of support to '2027-12-…' in English and the escape date to '10/12/20…' in Vietnamese: rich shrank the date
    columns to fit, where history show and list keep a date whole. Each date is now shown whole (and the days left),
    the names wrapping instead."""
    monkeypatch.setenv("COLUMNS", "70")
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    rows = [
        {"Mã hộ": f"H{i}", "Tình trạng": "thoát nghèo", "Năm": "2024", "Ngày công nhận": "2024-12-10", "Xã": commune}
        for commune in ("Xã Nghi Phương Đông Bắc", "Xã Tà Lèng Thượng")
        for i in range(2)
    ]
    pd.DataFrame(rows).assign(Thôn="Thôn Đồng Sơn Hạ Bắc", Tỉnh="Tỉnh Nghệ An").to_csv(lists, index=False)
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    for lang, dates in (("vi", ("10/12/2024", "09/12/2027")), ("en", ("2024-12-10", "2027-12-09"))):
        listed = CliRunner().invoke(main, ["eligible", "--as-of", "2026-06-01", "--db", str(db), "--lang", lang])
        assert listed.exit_code == 0, listed.output
        rows_shown = [line for line in listed.output.splitlines() if " H0 " in line or " H1 " in line]
        assert len(rows_shown) == 4 and all(d in line for line in rows_shown for d in dates), listed.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_lists_file_without_its_status_column_names_the_header_the_officer_writes(tmp_path: Path, lang: str) -> None:
    """history import of a lists file without a status column (headed 'Trạng thái', or a household file given by
    mistake) said only "thiếu cột bắt buộc 'status'": an English id an officer who reads only Vietnamese never
    wrote, where classify names 'area (Khu vực)'. The refusal now names the Vietnamese header beside the id and the
    two columns a lists file needs, in vi and en."""
    lists = tmp_path / "ds_2023.csv"
    lists.write_text("Mã hộ,Trạng thái,Năm\nH1,nghèo,2023\n", encoding="utf-8")
    args = ["history", "import", str(lists), "--db", str(tmp_path / "h.db"), "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    said = {
        "vi": "thiếu cột bắt buộc Tình trạng (status): tệp danh sách cần cột Mã hộ và Tình trạng",
        "en": "missing required column status (Tình trạng): a lists file needs household_id (Mã hộ) and status",
    }[lang]
    assert said in " ".join(result.output.split()), result.output
    assert not (tmp_path / "h.db").exists()


def test_eligible_shows_a_programme_label_with_brackets_whole(tmp_path: Path) -> None:
    """eligible --ruleset of a province's standard whose programme is labelled 'Hỗ trợ hộ mới thoát nghèo [ngân
    sách tỉnh]' titled its table 'Hỗ trợ hộ mới thoát nghèo  (48 tháng)': rich took the bracketed words for a style
    and left them out. The title is now the label as the ruleset writes it, in vi and en."""
    from poverty_rules.rules.bundled import BUNDLED

    text = (BUNDLED / "local" / "example-province-2026.yaml").read_text(encoding="utf-8")
    text = text.replace("id: example-province-2026", "id: tinh-b-2026").replace(
        "    months: 48",
        '    months: 48\n    label: {vi: "Hỗ trợ hộ mới thoát nghèo [ngân sách tỉnh]", '
        'en: "Escaped households [province budget]"}',
    )
    ruleset = tmp_path / "tinh_b.yaml"
    ruleset.write_text(text, encoding="utf-8")
    db, lists = tmp_path / "h.db", tmp_path / "lists.csv"
    lists.write_text(
        "Mã hộ,Tình trạng,Năm,Ngày công nhận,Thôn\nH1,thoát nghèo,2025,2025-12-10,Thôn 1\n", encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db), "--commune", "X"]).exit_code == 0
    for lang, said in (("vi", "[ngân sách tỉnh] (48 tháng)"), ("en", "[province budget] (48 months)")):
        args = ["eligible", "--as-of", "2026-06-01", "--db", str(db), "--ruleset", str(ruleset), "--lang", lang]
        result = CliRunner(env={"COLUMNS": "200"}).invoke(main, args)
        assert result.exit_code == 0 and said in result.output, result.output


def test_an_undetermined_household_imported_from_a_shown_review_keeps_its_status_and_window(tmp_path: Path) -> None:
    """``review`` keeps for an undetermined household new to the history the previous status its file gave and
    the window of its escape (escaped_on), and ``history show -o`` writes them, but ``history import`` of that
    file left every undetermined row out: the imported history lost the household — ``eligible`` listed it no
    more (two years of support early) and the next review started it as new. It is now imported as review
    records it: undetermined, keeping its previous status, its escape dated: ``eligible`` and the next review
    read the imported history as they read the original."""
    marks = ",".join(["1", *["0"] * 11])
    flags = "employment dependency nutrition health_insurance adult_education child_schooling housing_quality"
    flags += " housing_area water sanitation telecom information_assets"
    header = "household_id,village,area,income_per_capita,household_size,previous_status,escaped_on,"
    header += ",".join(f"deprived_{f}" for f in flags.split(" "))
    first = tmp_path / "y1.csv"
    first.write_text(
        f"{header}\nH1,Thôn 1,rural,1200000,3,cận nghèo,10/12/2024,{marks}\n"
        f"H2,Thôn 1,rural,1200000,3,cận nghèo,10/12/2024,1{',' * 11}\n",
        encoding="utf-8",
    )
    db, copy, shown = tmp_path / "h.db", tmp_path / "imp.db", tmp_path / "s1.csv"
    assert (
        CliRunner().invoke(main, ["review", str(first), "--db", str(db), "--date", "2025-12-10", "-q"]).exit_code == 0
    )
    assert CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(shown)]).exit_code == 0
    assert CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(copy)]).exit_code == 0
    listed = {}
    for name in (db, copy):
        out = tmp_path / f"e_{name.stem}.csv"
        args = ["eligible", "--db", str(name), "--as-of", "2025-12-20", "-o", str(out)]
        assert CliRunner().invoke(main, args).exit_code == 0
        listed[name] = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert listed[copy].to_dict("list") == listed[db].to_dict("list") and len(listed[db]) == 2
    second = tmp_path / "y2.csv"
    second.write_text(f"{header}\nH1,Thôn 1,rural,1200000,3,,,{marks}\nH2,Thôn 1,rural,1200000,3,,,{marks}\n")
    reviewed = {}
    for name in (db, copy):
        out = tmp_path / f"r_{name.stem}.csv"
        args = ["review", str(second), "--db", str(name), "--date", "2026-12-10", "-q", "-o", str(out)]
        assert CliRunner().invoke(main, args).exit_code == 0
        frame = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        reviewed[name] = frame[["household_id", "status", "previous_status", "transition", "eligible_until"]]
    assert reviewed[copy].to_dict("list") == reviewed[db].to_dict("list")
    assert reviewed[db]["transition"].tolist() == ["unchanged", "unchanged"]


def test_a_review_of_imported_lists_shows_the_window_an_earlier_escape_carries(tmp_path: Path) -> None:
    """``history show`` of an imported list (a history moved by ``history show -o`` and ``history import``, or
    bootstrapped from the lists) left blank the ``eligible_until`` and ``escaped_on`` of a household whose
    window an earlier year's escape opened (H1 escaped 10/12/2025, near-poor in 2026: eligible until 09/12/2028,
    as ``eligible`` lists it), where a review shows them: moved again from that file, alone, the history lost
    the window — ``eligible`` listed no one, two years of support early. The imported review now shows the
    window its households carry on its day, and the history moved twice still lists H1."""
    lists = tmp_path / "ds.csv"
    lists.write_text(
        "Mã hộ,Tình trạng,Ngày rà soát,Ngày công nhận,Thôn\n"
        "H1,nghèo,10/12/2024,,Thôn 1\n"
        "H1,thoát nghèo,10/12/2025,10/12/2025,Thôn 1\n"
        "H1,cận nghèo,10/12/2026,,Thôn 1\n"
        "H2,cận nghèo,10/12/2026,,Thôn 1\n",
        encoding="utf-8",
    )
    db, shown, moved = tmp_path / "h.db", tmp_path / "s.csv", tmp_path / "moved.db"
    imported = ["history", "import", str(lists), "--db", str(db), "--commune", "Xã A"]
    assert CliRunner().invoke(main, imported).exit_code == 0
    assert CliRunner().invoke(main, ["history", "show", "3", "--db", str(db), "-o", str(shown)]).exit_code == 0
    rows = pd.read_csv(shown, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("household_id")
    assert rows.loc["H1", ["eligible_until", "escaped_on"]].tolist() == ["2028-12-09", "2025-12-10"]
    assert rows.loc["H2", ["eligible_until", "escaped_on"]].tolist() == ["", ""]
    assert CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(moved)]).exit_code == 0
    out = tmp_path / "e.csv"
    args = ["eligible", "--db", str(moved), "--as-of", "2028-12-09", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    listed = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert listed[["household_id", "eligible_until"]].values.tolist() == [["H1", "2028-12-09"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_eligible_of_a_district_history_names_the_commune_when_one_commune_has_them_all(
    tmp_path: Path, lang: str
) -> None:
    """eligible of a history of two communes, whose codes restart in each (Xã A and Xã B both have a household
    002 in their Thôn 1), showed on screen no commune when the households listed were all of one commune:
    'Thôn 1 │ 002' named Xã A's 002 as well as Xã B's, the one listed. The screen now names each household's
    commune whenever the history read holds several communes, as the file written with -o does; with
    --commune naming one of them it names none."""
    lists = tmp_path / "ds.csv"
    lists.write_text(
        "Mã hộ,Tình trạng,Ngày rà soát,Ngày công nhận,Thôn,Xã\n"
        "002,nghèo,10/12/2025,,Thôn 1,Xã A\n"
        "002,thoát nghèo,10/12/2025,10/12/2025,Thôn 1,Xã B\n",
        encoding="utf-8",
    )
    db = tmp_path / "h.db"
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    runner = CliRunner(env={"COLUMNS": "200"})
    args = ["eligible", "--as-of", "2026-06-01", "--db", str(db), "--lang", lang]
    shown = runner.invoke(main, args)
    assert shown.exit_code == 0, shown.output
    assert "Xã B" in shown.output and "Thôn 1 — Xã B: 1" in shown.output, shown.output
    alone = runner.invoke(main, [*args, "--commune", "Xã B"])
    assert alone.exit_code == 0 and "Xã B" not in alone.output.split("\n", 1)[1], alone.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "cột Ngày rà soát: dòng 3: '29/02/2025' không phải một ngày có trong lịch (đọc là ngày 29, tháng 2"),
        ("en", "column Ngày rà soát, row 3: '29/02/2025' is not a day of the calendar (read as day 29, month 2"),
    ],
)
def test_history_import_names_a_day_the_calendar_lacks_as_such(tmp_path: Path, lang: str, said: str) -> None:
    """history import of a list dated 29/02/2025 (2025 is no leap year) said 'not a date (… expected YYYY-MM-DD or
    DD/MM/YYYY)' of a cell written in that very form: the officer was sent to the format, not the day. It now
    says, as review --date and the household file do, that the calendar has no such day and how it read it;
    a cell in no date's form is still said so. Nothing imported."""
    lists = tmp_path / "ds.csv"
    lists.write_text(
        "Mã hộ,Tình trạng,Ngày rà soát\nB1,nghèo,28/02/2025\nB2,thoát nghèo,29/02/2025\n", encoding="utf-8"
    )
    db = tmp_path / "h.db"
    args = ["history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()), result.output
    assert not db.exists()
    lists.write_text("Mã hộ,Tình trạng,Ngày rà soát\nB1,nghèo,cuối năm\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "DD/MM/YYYY" in result.output, result.output


def test_a_list_typed_on_a_mac_continues_under_the_commune_a_review_names(tmp_path: Path) -> None:
    """history import of a list typed on a Mac (its Vietnamese letters decomposed, NFD: 'Xã Hưng Chính' as
    'Xa\\u0303 Hu\\u031bng Chi\\u0301nh') recorded the commune under those bytes; the next review of a file typed on
    Windows (NFC) was refused: "commune 'Xã Hưng Chính' has no history, but 'Xã Hưng Chính' is on record: write
    the commune as recorded, or --new-commune" — two names the officer cannot tell apart, nor write otherwise.
    A place cell is now read in one Unicode form (NFC), as a file's headers are: the review continues the
    imported history (previous status poor, escape and window), and a Mac-typed household file continues a
    history recorded from a Windows file."""
    lists = tmp_path / "ds.csv"
    text = "Mã hộ,Tình trạng,Năm,Thôn,Xã,Tỉnh\nH1,nghèo,2024,Thôn Đông,Xã Hưng Chính,Tỉnh Nghệ An\n"
    lists.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    db = tmp_path / "h.db"
    assert CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(db)]).exit_code == 0
    marks = ",".join(["1"] * 4 + ["0"] * 8)
    flags = "employment dependency nutrition health_insurance adult_education child_schooling housing_quality"
    flags += " housing_area water sanitation telecom information_assets"
    header = "household_id,village,commune,province,area,income_per_capita," + ",".join(
        f"deprived_{f}" for f in flags.split(" ")
    )
    for year, income, typed in (("2025", "1600000", "NFC"), ("2026", "1600000", "NFD")):
        households = tmp_path / f"ho_{year}.csv"
        row = f"H1,Thôn Đông,Xã Hưng Chính,Tỉnh Nghệ An,rural,{income},{marks}\n"
        households.write_text(unicodedata.normalize(typed, f"{header}\n{row}"), encoding="utf-8")
        out = tmp_path / f"r_{year}.csv"
        args = ["review", str(households), "--db", str(db), "--date", f"{year}-12-10", "-q", "-o", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        reviewed = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert reviewed[["previous_status", "eligible_until"]].values.tolist() == [
            ["poor" if year == "2025" else "average", "2028-12-09"]
        ], year


def test_a_household_whose_row_was_rejected_is_shown_with_the_status_it_keeps(tmp_path: Path) -> None:
    """A poor household whose row a review rejected (an unreadable income) stays on the poor list, undetermined
    (docs/review.md), but ``history show -o`` wrote its row with no ``previous_status``, where a household
    undetermined for want of a mark has the status it keeps: imported from that file, the history lost it — the
    next review called it 'first_review' (not 'unchanged') and the poor list's start was one short. The row now
    gives the status the household keeps, its last determined one, and the history moved so continues it."""
    marks = ",".join(["1"] * 4 + ["0"] * 8)
    flags = "employment dependency nutrition health_insurance adult_education child_schooling housing_quality"
    flags += " housing_area water sanitation telecom information_assets"
    header = "household_id,village,area,income_per_capita," + ",".join(f"deprived_{f}" for f in flags.split(" "))
    db, shown, moved = tmp_path / "h.db", tmp_path / "s.csv", tmp_path / "moved.db"
    for year, income in (("2025", "1000000"), ("2026", "abc")):
        households = tmp_path / f"ho_{year}.csv"
        households.write_text(f"{header}\nH1,Thôn 1,rural,{income},{marks}\nH2,Thôn 1,rural,4000000,{marks}\n")
        args = ["review", str(households), "--db", str(db), "--date", f"{year}-12-10", "--commune", "Xã A", "-q"]
        assert CliRunner().invoke(main, args).exit_code in (0, 1)
    assert CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "-o", str(shown)]).exit_code == 0
    rows = pd.read_csv(shown, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("household_id")
    assert rows.loc["H1", ["status", "previous_status"]].tolist() == ["undetermined", "poor"]
    assert CliRunner().invoke(main, ["history", "import", str(shown), "--db", str(moved)]).exit_code == 0
    households = tmp_path / "ho_2027.csv"
    households.write_text(f"{header}\nH1,Thôn 1,rural,1000000,{marks}\nH2,Thôn 1,rural,4000000,{marks}\n")
    out = tmp_path / "r.csv"
    args = ["review", str(households), "--db", str(moved), "--date", "2027-12-10", "-q", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--commune", "Xã A"])
    assert result.exit_code == 0, result.output
    reviewed = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig").set_index("household_id")
    assert reviewed.loc["H1", ["previous_status", "transition"]].tolist() == ["poor", "unchanged"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_history_import_names_every_status_it_reads_when_it_refuses_one(tmp_path: Path, lang: str) -> None:
    """history import reads an undetermined household ('chưa xác định', 'undetermined': a review's row that
    history show -o wrote), but a lists file with an unreadable status was refused with an 'expected' list
    that left it out ('cần: nghèo, cận nghèo, thoát nghèo, thoát cận nghèo, trung bình, không nghèo'), and in
    Vietnamese without the ids the English message gave: an officer read that such a row could not be
    imported. The list now names every status the import reads, in both languages."""
    ok = tmp_path / "ok.csv"
    ok.write_text("Mã hộ,Tình trạng,Năm\nA1,nghèo,2023\nA2,chưa xác định,2023\nA3,undetermined,2023\n", "utf-8")
    done = CliRunner().invoke(main, ["history", "import", str(ok), "--db", str(tmp_path / "ok.db"), "--lang", lang])
    assert done.exit_code == 0, done.output
    bad = tmp_path / "bad.csv"
    bad.write_text("Mã hộ,Tình trạng,Năm\nA1,nghèo,2023\nA2,giàu,2023\n", encoding="utf-8")
    said = CliRunner().invoke(main, ["history", "import", str(bad), "--db", str(tmp_path / "h.db"), "--lang", lang])
    assert said.exit_code == 2 and "'giàu'" in said.output, said.output
    expected = said.output.split("(", 1)[1]
    for status in ("chưa xác định", "undetermined", "not_poor", "thoát cận nghèo"):
        assert status in expected, (status, said.output)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "row 3, cột Xã: để trống, trong khi các dòng khác của danh sách ghi 'Xã A': hãy ghi xã của hộ"),
        ("en", "row 3, column Xã: blank, while the list's other rows name 'Xã A': write the household's commune"),
    ],
)
def test_a_list_leaving_a_rows_commune_blank_beside_named_rows_is_refused(tmp_path: Path, lang: str, said: str) -> None:
    """history import of a list whose Xã cell is blank on a row beside rows naming Xã A imported that household
    under a commune of no name (review_units 'name||', its province dropped), as a second review, without a word:
    the commune's reviews never found its status, escape or window. The list is now refused, nothing imported,
    naming the row, the column as the list heads it and the commune the other rows name; a list blank in that
    column on every row is imported under --commune as before."""
    listed = tmp_path / "ds.csv"
    listed.write_text("Mã hộ,Tình trạng,Năm,Xã,Tỉnh\nH1,nghèo,2024,Xã A,Tỉnh B\nH2,nghèo,2024,,Tỉnh B\n", "utf-8")
    db = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["history", "import", str(listed), "--db", str(db), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert said.replace("row 3", "dòng 3" if lang == "vi" else "row 3") in " ".join(result.output.split())
    assert not db.exists()
    listed.write_text("Mã hộ,Tình trạng,Năm,Xã,Tỉnh\nH1,nghèo,2024,,\nH2,nghèo,2024,,\n", "utf-8")
    args = ["history", "import", str(listed), "--db", str(db), "--commune", "Xã A"]
    assert CliRunner().invoke(main, args).exit_code == 0


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "dòng 3, cột Mã xã: để trống, trong khi các dòng khác của danh sách ghi xã 'Xã A' với Mã xã '03001'"),
        ("en", "row 3, column Mã xã: blank, while the list's other rows write commune 'Xã A' with the code '03001'"),
    ],
)
def test_a_list_leaving_a_rows_commune_code_blank_beside_coded_rows_of_its_commune_is_refused(
    tmp_path: Path, lang: str, said: str
) -> None:
    """history import of a list with Mã xã and Xã columns whose row left Mã xã blank, Xã A written as on the rows
    coded 03001, imported that household under 'name|Tỉnh B|Xã A' beside 'code||03001': the coded file's reviews
    never found its status, escape or window. The list is now refused, nothing imported, naming the row, the column
    and the code; a commune no row codes (Xã C) is imported under its name as before."""
    header = "Mã hộ,Tình trạng,Năm,Mã xã,Xã,Tỉnh\n"
    listed = tmp_path / "ds.csv"
    listed.write_text(header + "H1,nghèo,2024,03001,Xã A,Tỉnh B\nH2,nghèo,2024,,xã a,Tỉnh B\n", "utf-8")
    db = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["history", "import", str(listed), "--db", str(db), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()), result.output
    assert not db.exists()
    listed.write_text(header + "H1,nghèo,2024,03001,Xã A,Tỉnh B\nC1,nghèo,2024,,Xã C,Tỉnh B\n", "utf-8")
    result = CliRunner().invoke(main, ["history", "import", str(listed), "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_history_show_writes_the_local_status_a_review_with_a_local_standard_recorded(tmp_path: Path) -> None:
    """review --local records each household's local classification beside the national one (local_status), but
    history show -o left it out: the officer asked for the review's file back had the national list alone. The
    file now ends with local_status (a CSV's canonical values, a workbook's header and labels in --lang), as the
    reviewed file does; a review without a local standard writes no such column, and the workbook imports back."""
    sample = Path(__file__).resolve().parents[1] / "fixtures" / "sample_commune.csv"
    households = tmp_path / "ho.csv"
    households.write_text("".join(sample.read_text("utf-8").splitlines(keepends=True)[:121]), "utf-8")
    db = tmp_path / "h.db"
    reviewed = tmp_path / "r.csv"
    args = ["review", str(households), "--date", "2026-12-10", "--db", str(db), "--commune", "Hưng Chính", "-q"]
    result = CliRunner().invoke(main, [*args, "--local", "example-province-2026", "-o", str(reviewed)])
    assert result.exit_code in (0, 1), result.output
    expected = pd.read_csv(reviewed, dtype=str).set_index("household_id")["local_status"]
    shown = tmp_path / "s.csv"
    result = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(shown)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(shown, dtype=str)
    assert list(table.columns)[-1] == "local_status"
    assert table.set_index("household_id")["local_status"].equals(expected.loc[table["household_id"]])
    assert (expected != pd.read_csv(reviewed, dtype=str).set_index("household_id")["status"]).any()  # not a copy
    book = tmp_path / "s.xlsx"
    result = CliRunner().invoke(main, ["history", "show", "1", "--db", str(db), "-o", str(book), "--lang", "en"])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(book, dtype=str, engine="openpyxl")
    assert list(sheet.columns)[-1] == "Status (local standard)"
    labels = {"Poor household", "Near-poor household", "Household with an average living standard", "Not poor"}
    assert set(sheet["Status (local standard)"]) <= labels | {"Undetermined"}
    again = tmp_path / "again.db"
    result = CliRunner().invoke(main, ["history", "import", str(book), "--db", str(again), "--commune", "Hưng Chính"])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.csv"
    assert CliRunner().invoke(main, ["history", "show", "1", "--db", str(again), "-o", str(back)]).exit_code == 0
    assert pd.read_csv(back, dtype=str)["status"].value_counts().equals(table["status"].value_counts())
    plain = tmp_path / "plain.db"
    result = CliRunner().invoke(main, [*args[:4], "--db", str(plain), "--commune", "Hưng Chính", "-q"])
    assert result.exit_code in (0, 1), result.output
    result = CliRunner().invoke(main, ["history", "show", "1", "--db", str(plain), "-o", str(tmp_path / "p.csv")])
    assert result.exit_code == 0, result.output
    assert "local_status" not in pd.read_csv(tmp_path / "p.csv", dtype=str).columns


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "ngày 01/06/2031 chưa có chuẩn nghèo quốc gia nào có hiệu lực (chuẩn sau cùng, vn-2027-2030"),
        ("en", "no national standard is in force on 2031-06-01 (the last one, vn-2027-2030, applied through"),
    ],
)
def test_eligible_after_the_last_standard_lists_the_windows_still_open(tmp_path: Path, lang: str, said: str) -> None:
    """eligible --as-of 2031-06-01 was refused ('no national standard is in force'), though a 36-month window
    counted from an escape recognized under the 2027–2030 standard runs to 2033 (docs/review.md: the window of the
    standard in force on the recognition). It now lists the households still in their windows with the last
    standard's programmes, a note saying so; a day before every standard is still refused."""
    listed = tmp_path / "ds.csv"
    listed.write_text(
        "Mã hộ,Tình trạng,Ngày công nhận\nH1,thoát nghèo,2030-12-01\nH2,thoát nghèo,2027-12-01\n", "utf-8"
    )
    db = tmp_path / "h.db"
    args = ["history", "import", str(listed), "--db", str(db), "--commune", "A", "--date", "2030-12-10"]
    assert CliRunner().invoke(main, args).exit_code == 0
    out = tmp_path / "e.csv"
    args = ["eligible", "--db", str(db), "--as-of", "2031-06-01", "-o", str(out), "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert said in " ".join(result.output.split()), result.output
    found = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert found[["household_id", "eligible_until"]].values.tolist() == [["H1", "2033-11-30"]]
    args = ["eligible", "--db", str(db), "--as-of", "2015-06-01", "--lang", "en"]
    assert CliRunner().invoke(main, args).exit_code == 2


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_history_show_picks_a_district_out_of_a_province_history_by_commune(tmp_path: Path, lang: str) -> None:
    """A province's history could only be shown whole: the screen stops at 1,000 households and ``-o`` wrote
    every commune's, so a district officer had no way to take out the district's communes (the history records
    no district), as ``eligible --commune`` and ``report --commune`` take one. ``history show --commune`` (a
    name folded as review folds it, or a code; given again for each commune of a district) keeps those
    communes' households, on screen and in ``-o``, which ``history import`` reads back as any export. A
    commune not on record is refused naming those that are; one on record but not in that review is said so."""
    db = tmp_path / "tinh.db"
    communes = {"03001": ("Xã Tà Lèng", "A"), "03002": ("Xã Hưng Chính", "B"), "03003": ("Xã Nghi Đông", "C")}
    assert _review(_coded(tmp_path, "tinh.csv", communes), "2025-12-10", db).exit_code == 0
    district = tmp_path / "huyen.csv"
    args = ["history", "show", "1", "--db", str(db), "--lang", lang]
    result = cli_run(*args, "--commune", "tà lèng", "--commune", "03002", "-o", district)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    with district.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["commune_code"] for r in rows} == {"03001", "03002"}
    assert len(rows) == 2 * (len(POOR) + 1)
    shown = cli_run(*args, "--commune", "Nghi Đông")
    assert shown.exit_code == 0 and "C" + POOR[0] in shown.output, shown.output  # type: ignore[attr-defined]
    assert "A" + POOR[0] not in shown.output and "B" + POOR[0] not in shown.output  # type: ignore[attr-defined]
    unknown = cli_run(*args, "--commune", "Không Có")
    _refused_in_words(unknown, {"vi": "các xã đã ghi", "en": "on record"}[lang])
    alone = _coded(tmp_path, "a.csv", {"03001": ("Xã Tà Lèng", "A")})
    assert _review(alone, "2026-12-10", db).exit_code == 0
    elsewhere = cli_run("history", "show", "2", "--db", db, "--lang", lang, "--commune", "Nghi Đông")
    _refused_in_words(elsewhere, {"vi": "không có hộ nào của xã Nghi Đông", "en": "no household of Nghi Đông"}[lang])


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "cột Ngày công nhận: dòng 3 và 4 không phải ngày ('45275'): số này là cách Excel lưu ngày 15/12/2023"),
        (
            "en",
            "column Ngày công nhận, rows 3 and 4: not a date ('45275'): this number is how Excel stores the day "
            "2023-12-15",
        ),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_history_import_says_a_date_cell_saved_without_its_format_is_excels_count_of_days(
    tmp_path: Path, lang: str, said: str, suffix: str
) -> None:
    """A list whose Ngày công nhận column lost its date format (a General cell: Excel shows 45275, saves it so in the
    CSV) was refused by history import with 'not a date ('45275'; expected YYYY-MM-DD or DD/MM/YYYY)', the officer
    not told what the number is; classify says it of a household's date column. It now names the rows holding such
    a number and the day Excel counts, and asks to format the column as a date. Nothing imported."""
    rows = [["Mã hộ", "Tình trạng", "Năm", "Ngày công nhận"], ["B1", "nghèo", 2023, "15/12/2023"]]
    rows += [["B2", "cận nghèo", 2023, 45275], ["B3", "nghèo", 2023, 45276]]
    lists = tmp_path / f"ds{suffix}"
    if suffix == ".csv":
        lists.write_text("\n".join(",".join(str(c) for c in r) for r in rows) + "\n", encoding="utf-8")
    else:
        import openpyxl

        book = openpyxl.Workbook()
        for r in rows:
            book.active.append(r)
        book.save(lists)
    output = _import_refused(lists, lang)
    assert said in output, output
    assert "format the column as a date" in output or "định dạng cột là ngày" in output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "dòng 5: là dòng tổng cộng của danh sách (Tổng cộng, Cộng …), không phải một hộ: hãy xóa dòng này"),
        ("en", "row 5: the list's total row (Tổng cộng, Cộng …), no household: delete this row"),
    ],
)
def test_history_import_names_the_lists_total_row(tmp_path: Path, lang: str, said: str) -> None:
    """A recognized list as the commune keeps it ends in its total row ('Tổng cộng' under STT, '3 hộ' under
    Tình trạng); history import refused the list saying 'row 5: no household id (column Mã hộ)', which the officer
    reads as a household whose code was lost. It names the row as the list's total, as classify does of a household
    list's. A row without a code that is no total is still said to lack one. Nothing imported either way."""
    lists = tmp_path / "ds.csv"
    body = "STT,Mã hộ,Tình trạng,Năm\n1,B1,nghèo,2023\n2,B2,cận nghèo,2023\n3,B3,nghèo,2023\n"
    lists.write_text(body + "Tổng cộng,,3 hộ,\n", encoding="utf-8")
    assert said in (output := _import_refused(lists, lang)), output
    lists.write_text(body + "4,,nghèo,2023\n", encoding="utf-8")
    output = _import_refused(lists, lang)
    assert "Mã hộ" in output and "5" in output and "Tổng cộng" not in output, output


def _import_refused(lists: Path, lang: str) -> str:
    """``history import`` of ``lists`` refused (exit 2) with nothing imported: its words on one line."""
    db = lists.parent / "h.db"
    args = ["history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert not db.exists()
    return " ".join(result.output.split())


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        ("vi", "2 dòng đang bị ẩn hoặc bị lọc đi trên trang tính (dòng 3 và 5) vẫn được nhập vào lịch sử", "phân loại"),
        (
            "en",
            "2 rows are hidden or filtered out in the sheet (rows 3 and 5) and imported into the history",
            "classif",
        ),
    ],
)
def test_history_import_says_the_rows_a_sheet_hides_are_imported(
    tmp_path: Path, lang: str, said: str, not_said: str
) -> None:
    """A recognized list filtered in Excel (rows 3 and 5 hidden) is imported whole, as a household list is classified
    whole; history import's note said the hidden rows were 'classified like the others' and to 'run again' with the
    rows shown, of rows it records in the history. It says they are imported and how to undo that."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã hộ", "Tình trạng", "Năm"])
    for i in range(1, 7):
        sheet.append([f"B{i}", "nghèo" if i % 2 else "cận nghèo", 2023])
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[5].hidden = True
    lists = tmp_path / "ds.xlsx"
    book.save(lists)
    db = tmp_path / "h.db"
    args = ["history", "import", str(lists), "--db", str(db), "--commune", "X", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert said in output and "history undo" in output, output
    assert not_said not in output.lower(), output
    assert ("6 dòng → 1 lần rà soát" if lang == "vi" else "6 rows → 1 review") in output, output  # the hidden too


@pytest.mark.parametrize(("lang", "died", "split"), [("vi", "Chết", "Tách hộ"), ("en", "Died", "Split")])
def test_history_show_says_on_screen_who_left_or_split_off(tmp_path: Path, lang: str, died: str, split: str) -> None:
    """history show's screen said a poor household that died this year "Không đổi" (its status recorded as it was)
    and one split off "Rà soát lần đầu", so the officer saw it still on the list; its change_reason is in the
    history (and in the file -o writes): the screen's "Diễn biến" says it now, as R2/R3 count them (columns 4, 8)."""
    db = tmp_path / "h.db"
    first = _households(tmp_path, "y1.csv", (*POOR, OTHER))
    assert _review(first, "2025-12-10", db).exit_code == 0
    frame = pd.read_csv(first, dtype=str, keep_default_na=False)
    frame["change_reason"] = ""
    frame.loc[frame["household_id"] == POOR[0], "change_reason"] = "chết"
    new = frame[frame["household_id"] == POOR[1]].assign(household_id="HC-01-9999", change_reason="tách hộ")
    second = tmp_path / "y2.csv"
    pd.concat([frame, new]).to_csv(second, index=False)
    assert _review(second, "2026-12-10", db).exit_code == 0
    shown = CliRunner().invoke(main, ["history", "show", "2", "--db", str(db), "--lang", lang])
    assert shown.exit_code == 0, shown.output
    lines = {line.split("│")[1].strip(): line for line in shown.output.splitlines() if line.count("│") > 3}
    assert f"│ {died} " in lines[POOR[0]] and f"│ {split} " in lines["HC-01-9999"], shown.output
    assert died not in lines[POOR[1]] and split not in lines[OTHER], shown.output


_LEAVER_HEADER = "household_id,village,commune,area,income_per_capita,household_size,change_reason"


@pytest.fixture(scope="module")
def history_with_an_old_escape_for_a_leaver(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """D1 and S1 of Xã X reviewed on 2024-12-10, then the 2025-12-10 review as a version before session 25 recorded
    it: D1, marked dead (chết), with an escape and its window. Made once for both languages' tests, each of which
    reviews into its own copy (:func:`_own_copy`); the folder and the old review's id."""
    from poverty_rules.review.history import HistoryStore

    folder = tmp_path_factory.mktemp("old_escape")
    start, db = folder / "ho_2024.csv", folder / "h.db"
    start.write_text(
        f"{_LEAVER_HEADER}\nD1,Thôn Đông,Xã X,rural,900000,3,\nS1,Thôn Đông,Xã X,rural,900000,5,\n", "utf-8"
    )
    ran = CliRunner().invoke(main, ["review", str(start), "--date", "2024-12-10", "--db", str(db), "-q"])
    assert ran.exit_code == 0, ran.output
    place = {"village": "Thôn Đông", "commune": "Xã X", "area": "rural", "household_size": "3"}
    old = pd.DataFrame(  # as an earlier version recorded the household that died above the line: an escape
        [
            {**place, "household_id": "D1", "status": "average", "previous_status": "poor",
             "transition": "escaped_poverty", "eligible_until": "2028-12-10", "change_reason": "chết"},
            {**place, "household_id": "S1", "status": "poor", "previous_status": "poor", "transition": "unchanged",
             "change_reason": ""},
        ]
    )  # fmt: skip
    with HistoryStore(db) as store:
        review_id = store.record_review("2025-12-10", None, "vn-2022-2026@2025.02", None, old)
    return folder, review_id


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_history_holding_an_old_escape_for_a_leaver_is_said_so_with_its_fix(
    tmp_path: Path, history_with_an_old_escape_for_a_leaver: tuple[Path, int], lang: str
) -> None:
    """A review recorded before session 25 kept a movement for a household marked leaving the commune (chết,
    chuyển đi, nhập hộ): an escape with its support window, read for the household when it came back. The
    changelog said to run such a review again with --replace, but history show and report --db said nothing of
    it: they now say so, naming the review's day and the command; a review recorded now says nothing."""
    made, review_id = history_with_an_old_escape_for_a_leaver
    db = _own_copy(made, tmp_path)
    day = {"vi": "10/12/2025", "en": "2025-12-10"}[lang]
    said = {
        "vi": f"kỳ rà soát {day} được ghi bằng phiên bản cũ: 1 hộ đã đánh dấu ra khỏi xã",
        "en": f"the review of {day} was recorded by an earlier version: 1 household marked leaving the commune",
    }[lang]
    fix = f"--date {day} --db {db} --replace"
    show = ["history", "show", str(review_id), "--db", str(db), "--lang", lang]
    result = CliRunner().invoke(main, show)
    assert result.exit_code == 0 and said in result.output and fix in result.output, result.output
    report = ["report", "--db", str(db), "--date", "2025-12-10", "-o", str(tmp_path / "r"), "--format", "csv"]
    report += ["--lang", lang]  # what report says, not what it writes: the CSV export, the quickest to write
    result = CliRunner().invoke(main, report)
    assert result.exit_code == 0 and said in result.output and fix in result.output, result.output
    now = tmp_path / "ho_2025.csv"  # the same year reviewed again now: the leaver has no movement, nothing is said
    now.write_text(
        f"{_LEAVER_HEADER}\nD1,Thôn Đông,Xã X,rural,9000000,3,chết\nS1,Thôn Đông,Xã X,rural,900000,5,\n", "utf-8"
    )
    again = ["review", str(now), "--date", "2025-12-10", "--db", str(db), "--replace", "-q"]
    ran = CliRunner().invoke(main, again)
    assert ran.exit_code == 0, ran.output
    result = CliRunner().invoke(main, show)
    assert result.exit_code == 0 and "--replace" not in result.output, result.output
    result = CliRunner().invoke(main, report)
    assert result.exit_code == 0 and "--replace" not in result.output, result.output
