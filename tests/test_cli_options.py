"""Every command has every run option; dates in both spellings; errors mapped in one place (issue #9)."""

from __future__ import annotations

import io
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from poverty_rules.cli import _base, _common, main
from poverty_rules.vocabulary import words as L
from poverty_rules.vocabulary.words import shell_word

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = ROOT / "fixtures" / "sample_commune.csv"
MEMBERS = ROOT / "fixtures" / "sample_members.csv"


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


def _marked_with_x(tmp_path: Path) -> Path:
    """The sample as a form that marks only deprivations (x) and leaves every other cell blank."""
    hh = pd.read_csv(HOUSEHOLDS, dtype=str, keep_default_na=False)
    for col in [c for c in hh.columns if c.startswith("deprived_")]:
        hh[col] = hh[col].map({"1": "x"}).fillna("")
    path = tmp_path / "households.csv"
    hh.to_csv(path, index=False)
    return path


def test_review_takes_members_blank_flags_and_a_day_first_date(tmp_path: Path) -> None:
    src = _marked_with_x(tmp_path)
    db = tmp_path / "x.db"
    common = ["--db", db, "--members", MEMBERS, "--blank-flags", "not-deprived", "-q"]
    iso = _invoke("review", src, "--date", "2026-12-10", "-o", tmp_path / "a.csv", *common)
    assert iso.exit_code == 1, iso.output  # the sample's deliberately bad rows
    got = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert "flag_sources" in got and (got["status"] != "undetermined").all()  # blank = not deprived
    classify = _invoke("classify", src, "-o", tmp_path / "c.csv", "--as-of", "2026-12-10", *common[2:])
    assert classify.exit_code == 1
    same = pd.read_csv(tmp_path / "c.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["status"].tolist() == same["status"].tolist()
    assert got["flag_sources"].tolist() == same["flag_sources"].tolist()
    dmy = _invoke("review", src, "--date", "10/12/2026", "-o", tmp_path / "b.csv", *common, "--replace")
    assert dmy.exit_code == 1, dmy.output
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_review_engine_and_explain(tmp_path: Path) -> None:
    args = ["review", HOUSEHOLDS, "--date", "2025-12-10", "--db", tmp_path / "x.db", "-q", "--explain", "--lang", "en"]
    vec = _invoke(*args, "-o", tmp_path / "v.csv")
    dur = _invoke(*args, "-o", tmp_path / "d.csv", "--engine", "durable", "--replace")
    assert vec.exit_code == dur.exit_code == 1
    v = pd.read_csv(tmp_path / "v.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    d = pd.read_csv(tmp_path / "d.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert "reason" in v and (v["reason"] != "").all()
    assert v["status"].tolist() == d["status"].tolist()


def test_explain_takes_members(tmp_path: Path) -> None:
    src = tmp_path / "blank.csv"
    hh = pd.read_csv(HOUSEHOLDS, dtype=str, keep_default_na=False)
    hh["deprived_nutrition"] = ""  # members say whether a child is stunted or underweight
    hh.to_csv(src, index=False)
    hid = pd.read_csv(src, dtype=str)["household_id"].iloc[0]
    without = _invoke("explain", src, hid, "--as-of", "2025-12-01")
    with_members = _invoke("explain", src, hid, "--as-of", "01/12/2025", "--members", MEMBERS)
    assert without.exit_code == with_members.exit_code == 0, with_members.output
    assert without.output != with_members.output


@pytest.mark.parametrize("day", ["2025-12-01", "01/12/2025"])
def test_as_of_accepts_both_spellings(tmp_path: Path, day: str) -> None:
    out = tmp_path / "out.csv"
    assert _invoke("classify", HOUSEHOLDS, "-o", out, "--as-of", day, "-q").exit_code == 1
    assert "vn-2022-2026" in out.read_text(encoding="utf-8-sig")


def test_a_bad_date_option_names_the_spellings() -> None:
    """In the language --lang names, wherever it stands (click checks --as-of before it reads --lang)."""
    result = _invoke("classify", HOUSEHOLDS, "--as-of", "next week")
    assert result.exit_code == 2 and "YYYY-MM-DD hoặc DD/MM/YYYY, nhận được 'next week'" in result.output
    result = _invoke("classify", HOUSEHOLDS, "--as-of", "next week", "--lang", "en")
    assert result.exit_code == 2 and "expected a date as YYYY-MM-DD or DD/MM/YYYY, got 'next week'" in result.output


def test_history_import_reads_day_first_dates(tmp_path: Path) -> None:
    lists, db = tmp_path / "lists.csv", tmp_path / "h.db"
    pd.DataFrame(
        {
            "household_id": ["E1", "E2"],
            "status": ["thoát nghèo", "nghèo"],
            "recognized_on": ["20/12/2023", ""],
            "review_date": ["20/12/2023", "2023-12-20"],
        }
    ).to_csv(lists, index=False)
    result = _invoke("history", "import", lists, "--db", db)
    assert result.exit_code == 0, result.output
    eligible = _invoke("eligible", "--as-of", "19/12/2026", "--db", db, "-o", tmp_path / "e.csv")
    assert eligible.exit_code == 0, eligible.output
    listed = pd.read_csv(tmp_path / "e.csv", dtype=str, encoding="utf-8-sig")
    assert listed["household_id"].tolist() == ["E1"] and listed["escaped_on"].tolist() == ["2023-12-20"]
    by_option = tmp_path / "o.csv"
    pd.DataFrame({"household_id": ["E3"], "status": ["cận nghèo"]}).to_csv(by_option, index=False)
    assert _invoke("history", "import", by_option, "--db", db, "--date", "15/12/2024").exit_code == 0


def test_history_import_names_an_unreadable_date(tmp_path: Path) -> None:
    lists = tmp_path / "lists.csv"
    pd.DataFrame({"household_id": ["E1"], "status": ["nghèo"], "review_date": ["31/02/2023"]}).to_csv(
        lists, index=False
    )
    result = _invoke("history", "import", lists, "--db", tmp_path / "h.db")
    assert result.exit_code == 2 and "review_date" in result.output and "31/02/2023" in result.output
    assert "không phải một ngày có trong lịch" in result.output, result.output


def test_members_file_without_household_id_is_a_clear_exit_2(tmp_path: Path) -> None:
    members = tmp_path / "members.csv"
    pd.read_csv(MEMBERS, dtype=str).drop(columns="household_id").to_csv(members, index=False)
    result = _invoke("classify", HOUSEHOLDS, "-o", tmp_path / "o.csv", "--members", members, "--as-of", "2025-12-01")
    assert result.exit_code == 2
    assert str(members) in result.output and "household_id" in result.output
    assert "Traceback" not in result.output


def test_member_file_notes_are_printed(tmp_path: Path) -> None:
    members = tmp_path / "members.csv"
    frame = pd.read_csv(MEMBERS, dtype=str, keep_default_na=False)
    frame.loc[0, "stunted"] = "maybe"
    frame.loc[1, "household_id"] = "NOWHERE"
    frame.to_csv(members, index=False)
    result = _invoke(
        "classify", HOUSEHOLDS, "-o", tmp_path / "o.csv", "--members", members, "--as-of", "2025-12-01", "--lang", "en"
    )
    assert result.exit_code == 1
    assert (
        "note:" in result.output and "stunted" in result.output and "belong to no classified household" in result.output
    )
    in_vi = _invoke(
        "classify", HOUSEHOLDS, "-o", tmp_path / "v.csv", "--members", members, "--as-of", "2025-12-01", "--lang", "vi"
    )
    assert in_vi.exit_code == 1
    assert "lưu ý:" in in_vi.output and "cột stunted của tệp thành viên" in in_vi.output
    assert "không thuộc hộ nào đã phân loại" in in_vi.output and "unreadable" not in in_vi.output


def test_user_text_is_not_read_as_markup(tmp_path: Path) -> None:
    src = tmp_path / "[bold]odd.csv"
    src.write_text("household_id,area\n", encoding="utf-8")
    result = _invoke("classify", src, "--as-of", "2025-12-01")
    assert result.exit_code == 2 and "[bold]odd.csv" in result.output


def test_an_unexpected_failure_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr("poverty_rules.cli._classifying.run", boom)  # the whole-file path (with --members)
    monkeypatch.setattr("poverty_rules.pipeline.stream.run", boom)  # the streamed path
    result = _invoke("classify", HOUSEHOLDS, "-o", tmp_path / "o.csv", "--as-of", "2025-12-01", "-q", "--lang", "en")
    assert result.exit_code == 2
    assert not (tmp_path / "o.csv").exists() and not list(tmp_path.glob(".o.csv.*"))
    assert "unexpected failure (KeyError" in result.output and _common.REPORT_TO in result.output
    result = _invoke("classify", HOUSEHOLDS, "-o", tmp_path / "o.csv", "--as-of", "2025-12-01", "-q", "--lang", "vi")
    assert result.exit_code == 2 and "lỗi ngoài dự kiến (KeyError" in result.output
    assert "Traceback" not in result.output


def test_the_program_gives_numpy_one_blas_thread_unless_the_user_chose() -> None:
    """poverty_rules/__main__.py sets OPENBLAS_NUM_THREADS=1 before numpy loads (its spinning threads took a
    core from the reading thread at start-up), unless the environment already says how many."""
    blas = "import os, poverty_rules.__main__; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", blas], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.stdout.split() == ["1"], done.stderr  # numpy's BLAS on one thread, unless the user said
    done = subprocess.run(
        [sys.executable, "-c", blas], capture_output=True, text=True, cwd=ROOT, env={**env, "OPENBLAS_NUM_THREADS": "4"}
    )
    assert done.stdout.split() == ["4"], done.stderr


def test_the_program_looks_for_no_pydantic_plugins_unless_the_user_chose() -> None:
    """poverty_rules/__main__.py sets PYDANTIC_DISABLE_PLUGINS before the ruleset's models are built, so
    pydantic never reads every installed distribution's entry points looking for plugins (its loader's
    cache stays unset), unless the environment already says which plugins to leave out."""
    code = (
        "import os, poverty_rules.__main__\n"
        "from poverty_rules.engine.standards import load_ruleset\n"
        "from pydantic.plugin import _loader\n"
        "load_ruleset('vn-2022-2026')\n"
        "print(os.environ['PYDANTIC_DISABLE_PLUGINS'] or '-', _loader._plugins is None)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.stdout.split() == ["__all__", "True"], done.stderr  # never scanned
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "PYDANTIC_DISABLE_PLUGINS": ""},
    )
    assert done.stdout.split() == ["-", "False"], done.stderr  # the user's choice kept: pydantic scanned


def test_the_program_holds_garbage_collection_until_its_work_is_imported() -> None:
    """poverty_rules/__main__.py turns the collector off before its first import; once the program has
    started (cli/_base.py ``start_program``) and imported a command's work (``load``), the collector is
    on again and the start-up's objects are frozen. A command run inside another program leaves the
    collector alone."""
    code = (
        "import gc, poverty_rules.__main__; from poverty_rules.cli import _base; "
        "from poverty_rules.cli.classify import WORK; held = gc.isenabled(); _base.start_program(); "
        "still = gc.isenabled(); _base.load(WORK); "
        "print(held, still, gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True", "True"]
    code = "import gc; from poverty_rules.cli import _base; _base.load('json:dumps'); "
    code += "print(gc.isenabled(), gc.get_freeze_count())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.stdout.split() == ["True", "0"], done.stderr


def test_the_program_ends_once_its_command_has_with_its_exit_code_and_its_words(tmp_path: Path) -> None:
    """cli/_base.py ``end_program``: ``python -m poverty_rules`` ends as soon as the command has (no
    interpreter teardown), with the command's exit code, its outputs in place, its words on stderr
    flushed and the exit handlers run; a thread that is not a daemon is waited for."""
    args = [sys.executable, "-m", "poverty_rules", "classify", str(HOUSEHOLDS), "-o", str(tmp_path / "c.csv")]
    done = subprocess.run([*args, "--as-of", "2025-12-01", "--lang", "en"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr  # the sample's deliberately bad rows
    assert "1,993 classified" in done.stderr and "7 rejected" in done.stderr
    assert (tmp_path / "c.csv").read_bytes() == (
        ROOT / "tests" / "golden" / "sample_commune.golden-output.csv"
    ).read_bytes()
    done = subprocess.run(
        [*args[:3], "classify", str(tmp_path / "missing.csv")], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 2 and "missing.csv" in done.stderr
    marks = tmp_path / "marks.txt"
    code = (
        "import atexit, threading, time; from poverty_rules.cli import _base; "
        f"mark = lambda word: open({str(marks)!r}, 'a').write(word + ' '); "
        "atexit.register(mark, 'handler'); "
        "threading.Thread(target=lambda: (time.sleep(0.2), mark('thread'))).start(); "
        "print('said', flush=False); _base.end_program(3)"
    )
    quiet: dict[str, Any] = {"capture_output": True, "text": True, "cwd": ROOT}
    done = subprocess.run([sys.executable, "-c", code], **quiet)
    assert (done.returncode, done.stdout) == (3, "said\n"), done.stderr
    assert marks.read_text().split() == ["thread", "handler"]
    marks.unlink()
    done = subprocess.run([sys.executable, "-c", code.replace("threading.Thread", "0 and threading.Thread")], **quiet)
    assert (done.returncode, done.stdout, marks.read_text().split()) == (3, "said\n", ["handler"]), done.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this system")
def test_output_to_a_pipe_closed_early_ends_the_program_quietly() -> None:
    """``poverty-rules rulesets list | head -1``: the program ends as other command-line tools do when
    the reader stops (SIGPIPE), with no "unexpected failure" message."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the program writes its first line
    try:
        done = subprocess.run(
            [sys.executable, "-m", "poverty_rules", "rulesets", "list"], stdout=write_end, capture_output=False,
            stderr=subprocess.PIPE, cwd=ROOT, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.returncode == -signal.SIGPIPE
    assert done.stderr == b""


def test_a_command_exits_without_a_last_garbage_collection(tmp_path: Path) -> None:
    """The first command run registers, once, the exit handler that freezes the objects then alive
    (the interpreter's last collections took 0.1 s of a 1M run); run as a program, classify still
    writes the golden output and ends with its exit code."""
    _invoke("classify", HOUSEHOLDS, "-o", tmp_path / "a.csv", "--as-of", "2025-12-01", "-q")
    _invoke("classify", HOUSEHOLDS, "-o", tmp_path / "b.csv", "--as-of", "2025-12-01", "-q")
    assert [_base._exit_without_collecting] == _base._REGISTERED
    args = [sys.executable, "-m", "poverty_rules", "classify", str(HOUSEHOLDS), "-o", str(tmp_path / "c.csv")]
    done = subprocess.run([*args, "--as-of", "2025-12-01", "-q"], capture_output=True, check=False, cwd=ROOT)
    assert done.returncode == 1, done.stderr  # the sample's deliberately bad rows
    assert (tmp_path / "c.csv").read_bytes() == (
        ROOT / "tests" / "golden" / "sample_commune.golden-output.csv"
    ).read_bytes()


def test_the_summary_rounds_shares_half_up_as_the_reports(tmp_path: Path) -> None:
    """301 poor of 800 households is 37.625%: the summary said 37.62% (a float rounded to even) where
    R1 says 37.63 (docs/reports.md, half-up; docs/standard.md §6)."""
    import poverty_rules as pr

    flags = ",".join(f"deprived_{i.id}" for i in pr.load_ruleset("vn-2022-2026").indicators)
    rows = [f"H{i},rural,{1_000_000 if i < 301 else 3_000_000}," + ",".join(["1"] * 12) for i in range(800)]
    (tmp_path / "ho.csv").write_text(f"household_id,area,income_per_capita,{flags}\n" + "\n".join(rows) + "\n")
    args = ["classify", str(tmp_path / "ho.csv"), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Poor household 301 (37.63%)" in result.output
    assert "(37,63%)" in CliRunner().invoke(main, [*args, "--lang", "vi"]).output


def test_a_score_column_under_a_standard_without_the_score_path_is_said_to_be_unused(tmp_path: Path) -> None:
    """vn-2016-2021 and vn-2027-2030 encode no score-A path: a file with both income and score A was
    classified by income with not a word that its Điểm A column was ignored (score 100 beside an income
    of 2,000,000 gave not_poor silently)."""
    header = "household_id,area,income_per_capita,score_a\n"
    (tmp_path / "ho.csv").write_text(header + "A,rural,2000000,100\n", encoding="utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "-o", str(tmp_path / "o.csv"), "--blank-flags", "not-deprived"]
    for day, ruleset in (("2021-06-01", "vn-2016-2021"), ("2027-06-01", "vn-2027-2030")):
        result = CliRunner().invoke(main, [*args, "--as-of", day, "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert f"the standard {ruleset} defines no score-A path: column score_a is not used" in result.output
        vi = CliRunner().invoke(main, [*args, "--as-of", day]).output
        assert f"chuẩn {ruleset} không có cách tính theo điểm A: cột score_a (Điểm A) không được dùng" in vi
    said = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", "en"]).output
    assert "score_a is not used" not in said  # the 2022–2026 standard has the score path


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "bộ quy tắc vn-2022-2026 áp dụng từ 01/01/2022 đến 31/12/2026, không phải ngày rà soát 01/06/2027"),
        ("en", "ruleset vn-2022-2026 applies from 2022-01-01 to 2026-12-31, not on the review date 2027-06-01"),
    ],
)
def test_a_named_ruleset_outside_its_period_is_used_and_said(tmp_path: Path, lang: str, said: str) -> None:
    """design.md lets --ruleset choose a standard whatever the date; a review date outside its period is
    said (with the standard in force that day), not passed over in silence."""
    out = tmp_path / "out.csv"
    common = [HOUSEHOLDS, "-o", out, "--ruleset", "vn-2022-2026", "--lang", lang]
    result = _invoke("classify", *common, "--as-of", "2027-06-01")
    assert result.exit_code in (0, 1), result.output
    assert said in result.output and "vn-2027-2030" in result.output
    assert set(pd.read_csv(out, dtype=str)["ruleset"]) == {"vn-2022-2026@2025.02"}
    assert said not in _invoke("classify", *common, "--as-of", "2027-06-01", "-q").output
    inside = _invoke("classify", *common, "--as-of", "2025-06-01").output
    assert "vn-2022-2026" not in inside.split("\n")[0] and ("2027" not in inside)
    reviewed = _invoke(
        "review", HOUSEHOLDS, "--db", tmp_path / "h.db", "--date", "2027-06-01", "--ruleset", "vn-2022-2026",
        "-o", tmp_path / "r.csv", "--lang", lang,
    )  # fmt: skip
    assert said in reviewed.output


def test_output_sent_to_a_file_in_a_windows_code_page_is_written_as_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``explain ho.csv HC-01-0033 > giai_thich.txt`` on Windows: the redirected output is written in the
    locale's code page (cp1258, cp1252), which has no 'ộ'; the command stopped with 'lỗi ngoài dự kiến
    (UnicodeEncodeError …)' and the file was empty. cli/_base.py ``start_program`` now writes such a
    stream as UTF-8, and leaves one that writes Vietnamese as it is."""
    path = tmp_path / "h.csv"
    path.write_text("household_id,area,income_per_capita\nH1,rural,3000000\n", encoding="utf-8")
    args = [sys.executable, "-m", "poverty_rules", "explain", str(path), "H1", "--as-of", "2025-12-01"]
    env = {**os.environ, "PYTHONIOENCODING": "cp1258"}
    done = subprocess.run(args, capture_output=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8").startswith("Hộ H1\nChuẩn áp dụng: Chuẩn nghèo đa chiều")
    streams = [io.TextIOWrapper(io.BytesIO(), encoding=e) for e in ("cp1252", "utf-16")]
    monkeypatch.setattr(sys, "stdout", streams[1])
    monkeypatch.setattr(sys, "stderr", streams[0])
    _base._vietnamese_streams()  # what start_program calls, without its other settings of the process
    assert [s.encoding for s in streams] == ["utf-8", "utf-16"]  # stderr as UTF-8; stdout was already able


def test_an_option_without_its_value_is_said_with_the_usage_lines(tmp_path: Path) -> None:
    """``classify f.csv -o`` (an option last, without its value) printed only "Lỗi: Tùy chọn '-o' cần một giá
    trị.", without the usage line and the way to the help that every other usage error prints (click raises
    it without its command); it is now said with them, in the run's language, exit code 2."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1200000\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(households), "--lang", "en", "-o"])
    assert result.exit_code == 2
    assert "Usage: " in result.output and "classify --help' for help" in result.output
    assert "Error: Option '-o' requires an argument." in result.output
    result = CliRunner().invoke(main, ["classify", str(households), "--lang", "en", "--engine"])
    assert result.exit_code == 2 and "Usage: " in result.output
    assert "Error: Option '--engine' requires an argument." in result.output
    assert not (tmp_path / "ho.classified.csv").exists()


def test_an_option_of_a_few_values_without_its_value_names_them(tmp_path: Path) -> None:
    """``classify ho.csv --lang`` (the language left out) said only "Lỗi: Tùy chọn '--lang' cần một giá trị.",
    not which values it takes; an option of a few values given without one now names them, in the run's
    language (Vietnamese, as no language was given), exit code 2: "… Chọn một trong: vi, en."."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1200000\n", encoding="utf-8")
    args = [sys.executable, "-m", "poverty_rules", "classify", str(households), "--lang"]
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 2
    assert "Lỗi: Tùy chọn '--lang' cần một giá trị. Chọn một trong: vi, en." in done.stderr
    result = CliRunner().invoke(main, ["classify", str(households), "--lang", "en", "--engine"])
    assert result.exit_code == 2
    assert "Error: Option '--engine' requires an argument. Choose from: vectorized, durable." in result.output
    result = CliRunner().invoke(main, ["classify", str(households), "--lang", "en", "-o"])
    assert "Error: Option '-o' requires an argument.\n" in result.output  # a file: no values to name
    assert not (tmp_path / "ho.classified.csv").exists()


def test_stderr_sent_to_a_file_holds_the_messages_without_blank_lines(tmp_path: Path) -> None:
    """``classify ho.csv 2> loi.txt``: the progress bar, which shows nothing on a file, still wrote an empty
    line when it stopped, so the file held a blank line before the error message and one after it (and one
    before a run's summary). stderr not a terminal now gets no bar: the file holds the messages alone."""
    unusable = tmp_path / "ho.csv"
    unusable.write_text("a,b\n1,2\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}}
    args = [sys.executable, "-m", "poverty_rules", "classify", str(unusable), "-o", str(tmp_path / "c.csv")]
    with (tmp_path / "loi.txt").open("w", encoding="utf-8") as err:
        done = subprocess.run(args, stderr=err, stdout=subprocess.DEVNULL, check=False, cwd=ROOT, env=env)
    assert done.returncode == 2
    said = (tmp_path / "loi.txt").read_text(encoding="utf-8")
    assert said.startswith("lỗi: ") and said.count("\n") == 1 and said.endswith("\n"), repr(said)
    args[4] = str(HOUSEHOLDS)
    with (tmp_path / "loi.txt").open("w", encoding="utf-8") as err:
        subprocess.run(args, stderr=err, stdout=subprocess.DEVNULL, check=False, cwd=ROOT, env=env)
    said = (tmp_path / "loi.txt").read_text(encoding="utf-8")
    assert said.strip() and "\n\n" not in said and not said.startswith("\n"), repr(said)


def test_a_language_written_in_capitals_is_read(tmp_path: Path) -> None:
    """``classify ho.csv --lang EN`` was refused, in Vietnamese, as "'EN' không phải một trong 'vi', 'en'": the
    officer asked for English and got neither English nor a run. A language is now read whatever its letter
    case (``--lang EN``, ``--lang=Vi``), and the run's words, click's own too, are in it."""
    unusable = tmp_path / "ho.csv"
    unusable.write_text("a,b\n1,2\n", encoding="utf-8")
    result = _invoke("classify", unusable, "--lang", "EN")
    assert result.exit_code == 2 and "error: " in result.output
    assert "row 1: missing column household_id" in result.output
    result = _invoke("classify", unusable, "--lang=Vi")
    assert result.exit_code == 2 and "dòng 1: thiếu cột household_id" in result.output
    assert _base._lang_in(["classify", "x.csv", "--lang", "EN", "--nope"]) == "en"  # click's words: English


def test_the_language_before_the_command_without_its_value_names_the_values() -> None:
    """``poverty-rules --lang`` (the language left out before the command) said only "Lỗi: Tùy chọn '--lang'
    cần một giá trị.", where after the command the same slip names the values it takes (186702d); it now
    names them there too, in the run's language, exit code 2."""
    done = subprocess.run([sys.executable, "-m", "poverty_rules", "--lang"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert "Lỗi: Tùy chọn '--lang' cần một giá trị. Chọn một trong: vi, en." in done.stderr
    result = CliRunner().invoke(main, ["--bogus"])  # another slip before the command: no values to name
    assert result.exit_code == 2 and "Chọn một trong" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "{households}", "-o", ""],
        ["review", "{households}", "--date", "2025-12-10", "--db", "{tmp}/h.db", "-o", ""],
        ["report", "{reviewed}", "-o", ""],
        ["report", "{reviewed}", "--output="],
        ["eligible", "--as-of", "2025-12-31", "--db", ""],
    ],
)
def test_an_empty_path_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """``-o ""`` (a script's ``-o "$OUT"`` with OUT unset) was read as the current folder: report wrote its
    forms there, file by file (r1.csv … lists/), and classify and review stopped with 'unexpected failure
    (ValueError: PosixPath('.') has an empty name)'. It is refused as an empty path (exit 2), in vi and en,
    and nothing is written."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita,status\nH1,rural,1000000,poor\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    values = {"households": households, "reviewed": households, "tmp": tmp_path}
    given = [a.format(**values) for a in args]
    before = sorted(p.name for p in tmp_path.iterdir())
    en = CliRunner().invoke(main, ["--lang", "en", *given])
    assert en.exit_code == 2, en.output
    assert "the path is empty; give a file name" in " ".join(en.output.split()), en.output
    vi = CliRunner().invoke(main, given)
    assert vi.exit_code == 2 and "đường dẫn trống; hãy ghi tên tệp" in " ".join(vi.output.split()), vi.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_parquet_input_is_classified_into_parquet_by_default(tmp_path: Path) -> None:
    """classify ho.parquet (no -o) wrote ho.classified.csv: a Parquet file's typed columns (an int64 size, a
    bool) came back as text, and an analyst's million-row Parquet as a CSV several times its size. A Parquet
    input (found from its first bytes, a renamed one too) is now classified into <input>.classified.parquet
    beside it, its rejects into <input>.rejects.parquet, its columns keeping their types; a CSV still gives
    <input>.classified.csv."""
    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H2"],
            "area": ["rural", "nowhere"],
            "income_per_capita": ["3000000", "3000000"],
            "household_size": pd.array([4, 5], dtype="int64"),
        }
    )
    for name in ("ho.parquet", "renamed.dat"):
        path = tmp_path / name
        frame.to_parquet(path, index=False)
        args = ["classify", str(path), "--as-of", "2025-12-01", "--blank-flags", "not-deprived", "-q"]
        assert CliRunner().invoke(main, args).exit_code == 1
        stem = name.removesuffix(".parquet")
        written = pd.read_parquet(tmp_path / f"{stem}.classified.parquet")
        assert written["household_size"].tolist() == [4] and str(written["household_size"].dtype) == "int64"
        assert pd.read_parquet(tmp_path / f"{stem}.rejects.parquet")["household_id"].tolist() == ["H2"]
        assert not (tmp_path / f"{stem}.classified.csv").exists()
    text = tmp_path / "ho.csv"
    frame.to_csv(text, index=False)
    assert CliRunner().invoke(main, ["classify", str(text), "--blank-flags", "not-deprived", "-q"]).exit_code == 1
    assert (tmp_path / "ho.classified.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["classify", ""],
        ["classify", "", "-o", "{tmp}/out.csv"],
        ["review", "", "--date", "2025-12-10", "--db", "{tmp}/h.db"],
        ["report", "", "-o", "{tmp}/r.xlsx"],
        ["explain", "", "H1"],
        ["history", "import", "", "--db", "{tmp}/h.db"],
        ["rulesets", "check", ""],
        ["test", ""],
        ["classify", "{tmp}/nowhere.csv", "--sheet", ""],  # an option's empty value: not the file argument
        ["explain", "{tmp}/nowhere.csv", ""],  # an empty household code: not the file argument
    ],
)
def test_an_empty_file_argument_is_refused_as_an_empty_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """``classify ""`` (a script's ``classify "$FILE"`` with FILE unset) stopped with 'unexpected failure
    (ValueError: PosixPath('.') has an empty name)', as did review and report; ``classify "" -o out.csv``
    said the output 'would be inside the input folder .', explain and test '.: is a folder'. An empty file
    argument is refused as an empty ``-o`` is (exit 2, in vi and en), nothing written."""
    monkeypatch.chdir(tmp_path)
    given = [a.format(tmp=tmp_path) for a in args]
    before = sorted(p.name for p in tmp_path.iterdir())
    en = CliRunner().invoke(main, ["--lang", "en", *given])
    assert en.exit_code == 2, en.output
    if "{tmp}/nowhere.csv" in args:  # explain named the file argument empty for an empty household code
        assert "nowhere.csv" in en.output and "the path is empty" not in en.output, en.output
        return
    assert "the path is empty; give a file name" in " ".join(en.output.split()), en.output
    vi = CliRunner().invoke(main, given)
    assert vi.exit_code == 2 and "đường dẫn trống; hãy ghi tên tệp" in " ".join(vi.output.split()), vi.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "."],
        ["classify", "./"],
        ["classify", "ho.csv", "-o", "."],
        ["report", ".", "-o", "r.xlsx"],
        ["review", "ho.csv", "--date", "2025-12-10", "--db", "h.db", "--movements", "."],
        ["classify", "sub/.."],  # said of its output '...classified.csv' that it is inside the input folder
        ["classify", "/"],
        ["classify", "ho.csv", "-o", "/"],
    ],
)
def test_the_current_folder_given_for_a_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """``classify .``, ``classify ho.csv -o .`` and ``report . -o r.xlsx`` stopped with 'unexpected failure
    (ValueError: PosixPath('.') has an empty name)': ``.`` has no name to name the outputs after. The folder
    is named by its full path and refused as any folder given for a file is (exit 2), in vi and en."""
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    for lang in ("en", "vi"):
        result = CliRunner().invoke(main, [*args, "--lang", lang])
        assert result.exit_code == 2, result.output
        text = " ".join(result.output.split())
        assert "unexpected failure" not in text and "lỗi ngoài dự kiến" not in text, text
        named = str(tmp_path) if "/" not in args else "/"
        assert f"{named}: " in text or "'.'" in text, text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.csv", "sub"]


@pytest.mark.parametrize(("lang", "shown"), [("vi", "1.234.567/2.000.000"), ("en", "1,234,567/2,000,000")])
def test_the_progress_bar_counts_rows_as_the_language_writes_numbers(lang: str, shown: str) -> None:
    """classify's progress bar on a terminal counted '1234567/2000000' (rich's own column, digits ungrouped), where
    the summary at the end says '2.000.000 hộ' (vi) or '2,000,000 households' (en): a count an officer reads at a
    glance on a province's file. The bar now writes its rows done and total in the run's language; a total not yet
    known is '?'."""
    from rich.console import Console

    from poverty_rules.cli._base import load
    from poverty_rules.cli._classifying import PROGRESS

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120, color_system=None)
    progress = load(PROGRESS)(console, lang)
    known = progress.add_task("x", total=2_000_000)
    progress.update(known, completed=1_234_567)
    unknown = progress.add_task("y", total=None)
    progress.update(unknown, completed=1_234_567)
    console.print(progress.make_tasks_table(progress.tasks))
    assert shown in screen.getvalue() and f"{shown.split('/')[0]}/?" in screen.getvalue(), screen.getvalue()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_score_column_not_used_never_rejects_a_household(tmp_path: Path, lang: str) -> None:
    """Under a standard with no score-A path (vn-2016-2021, vn-2027-2030) classify says "column score_a is not
    used, households are classified by per-capita income", yet it rejected every household whose Điểm A cell was
    not a number or negative ('abc', '-5'), each with a valid income: exit 1, those households lost to a column
    the run never reads. They are now classified by their income, as the note says; under 2022–2026, which reads
    score A, such a cell still rejects its row, and a household with a score and no income is still refused."""
    header = "household_id,area,income_per_capita,score_a\n"
    (tmp_path / "ho.csv").write_text(header + "A,rural,5000000,abc\nB,rural,5000000,-5\nC,rural,,100\n", "utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "-o", str(tmp_path / "o.csv"), "--blank-flags", "not-deprived"]
    for day in ("2021-06-01", "2027-06-01"):
        result = CliRunner().invoke(main, [*args, "--as-of", day, "--lang", lang])
        assert result.exit_code == 1, result.output
        rejects = pd.read_csv(tmp_path / "o.rejects.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert rejects["household_id"].tolist() == ["C"] and rejects["column"].tolist() == ["income_per_capita"]
        out = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert out["household_id"].tolist() == ["A", "B"] and set(out["status"]) == {"not_poor"}, day
        assert out["score_a"].tolist() == ["abc", "-5"]  # the cells as written
    scored = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", lang])
    assert scored.exit_code == 1
    rejects = pd.read_csv(tmp_path / "o.rejects.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects["household_id"].tolist() == ["A", "B"] and set(rejects["column"]) == {"score_a"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_summary_of_one_household_says_one_household(tmp_path: Path, lang: str) -> None:
    """classify of a file of one household said '1 households: 1 classified → …' under --lang en (a file of two,
    one rejected: '2 households: 1 classified'); the noun now agrees with the count: '1 household', in
    Vietnamese 'hộ' either way."""
    header = "household_id,area,income_per_capita\n"
    (tmp_path / "one.csv").write_text(header + "A,rural,5000000\n", encoding="utf-8")
    (tmp_path / "two.csv").write_text(header + "A,rural,5000000\nB,rural,5000000\n", encoding="utf-8")
    said = {}
    for name in ("one", "two"):
        args = ["classify", str(tmp_path / f"{name}.csv"), "-o", str(tmp_path / f"{name}.out.csv"), "--lang", lang]
        result = CliRunner().invoke(main, [*args, "--blank-flags", "not-deprived"])
        assert result.exit_code == 0, result.output
        said[name] = " ".join(result.output.split())
    words = {"vi": ("1 hộ: 1 đã phân loại", "2 hộ: 2 đã phân loại"), "en": ("1 household: 1", "2 households: 2")}
    assert words[lang][0] in said["one"] and words[lang][1] in said["two"], said
    assert "1 households" not in said["one"]


# --------------------------------------------------------------------------- names in suggested commands


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20))
def test_a_name_in_a_suggested_command_is_one_word_to_the_shell(name: str) -> None:
    """The name a message writes after an option (``-o {file}``) is read back by a POSIX shell as that one name,
    whatever it holds; and a name without ``$ ` \\ " !`` (all Windows allows and more) is bare or in double
    quotes, which cmd and PowerShell read as one word too."""
    typed = shell_word(name)
    assert shlex.split(typed) == [name]
    if not any(c in name for c in '$`\\"!'):
        assert typed == name or typed == f'"{name}"'


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_suggested_file_name_with_spaces_is_quoted_for_the_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """``report h.reviewed.csv --format csv -o "bao cao" --unit-name …`` noted 'the unit is named in the workbook's
    forms (-o bao cao.xlsx)', which a shell reads as -o bao and a stray cao.xlsx; ``history list "lich su.db"``
    answered 'write --db lich su.db'. A name written as an option's value in a command to type is now quoted
    ("bao cao.xlsx"), the same name heading a message is not, and a name without spaces is left bare."""
    reviewed = tmp_path / "ho.reviewed.csv"
    reviewed.write_text("household_id,area,status\n1,rural,poor\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    said = _invoke("report", reviewed.name, "--format", "csv", "-o", "bao cao", "--unit-name", "X", "--lang", lang)
    bare = _invoke("report", reviewed.name, "--format", "csv", "-o", "bao_cao", "--unit-name", "X", "--lang", lang)
    Path("lich su.db").touch()
    history = _invoke("history", "list", "lich su.db", "--lang", lang)
    assert said.exit_code == 0, said.output
    assert '(-o "bao cao.xlsx")' in " ".join(said.output.split()), said.output
    assert bare.exit_code == 0 and "(-o bao_cao.xlsx)" in " ".join(bare.output.split()), bare.output
    assert history.exit_code == 2 and '--db "lich su.db"' in history.output, history.output


def test_a_name_heading_a_message_is_not_quoted_where_the_same_message_quotes_it_in_a_command() -> None:
    """``{file}: no review recorded …; see 'poverty-rules history list --db {file}'``: the name heads the message as
    written and is quoted only in the command."""
    said = L.msg("rep_no_review", "en", file=Path("lich su.db"), date="2025-12-01")
    assert said.startswith("lich su.db: ") and '--db "lich su.db"\'' in said, said
