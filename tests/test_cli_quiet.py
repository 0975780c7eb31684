"""``-q`` / ``--quiet`` of the commands besides ``classify`` and ``review`` (session 22, U3): ``report``,
``explain``, ``eligible`` and ``history …`` printed their notes and their summary on stderr with no way to leave
them out, so a script running them every night filled its log with lines it had no use for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from poverty_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = ROOT / "fixtures" / "sample_commune.csv"


def _run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def _reviewed_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A review of the sample commune, run once for the module (it costs seconds): its reviewed file and history."""
    folder = tmp_path_factory.mktemp("reviewed")
    db, out = folder / "xa.db", folder / "xa.csv"
    done = _run("review", HOUSEHOLDS, "--date", "2025-12-10", "--db", db, "-o", out, "-q")
    assert done.exit_code in (0, 1), done.output
    return out, db


@pytest.fixture
def reviewed(_reviewed_once: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """The review's reviewed file and history, copied for the test (``history undo`` changes the history)."""
    copies = []
    for made in _reviewed_once:
        copies.append(tmp_path / made.name)
        shutil.copyfile(made, copies[-1])
    return copies[0], copies[1]


@pytest.mark.parametrize("quiet", ["-q", "--quiet"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_quiet_leaves_out_the_notes_and_summary_of_report_explain_and_history(
    reviewed: tuple[Path, Path], tmp_path: Path, quiet: str, lang: str
) -> None:
    out, db = reviewed
    runs = [
        ("report", out, "-o", tmp_path / "trang.html", "--eligible-on", "2025-12-31"),  # a note and the files written
        ("explain", out, "HC-01-0001"),  # a note: explained on the reviewed file's review date
        ("history", "list", "--db", db),
        ("eligible", "--db", db, "--as-of", "2025-12-31"),
        ("history", "undo", "1", "--db", db),  # what was removed
    ]
    for args in runs:
        loud = None if args[1] == "undo" else _run(*args, "--lang", lang)
        if loud is not None:
            assert loud.exit_code == 0, loud.output
        hushed = _run(*args, quiet, "--lang", lang)
        assert hushed.exit_code == 0, hushed.output
        assert hushed.stderr == "", (args, hushed.stderr)
        if loud is not None:
            assert hushed.stdout == loud.stdout  # the result itself is printed as ever
            if args[0] in ("report", "explain"):
                assert loud.stderr != ""  # there was something to leave out
    assert (tmp_path / "trang.html").is_file()


def test_quiet_leaves_errors_said(tmp_path: Path) -> None:
    result = _run("report", tmp_path / "none.csv", "-o", tmp_path / "r.xlsx", "-q", "--lang", "en")
    assert result.exit_code == 2
    assert "error:" in result.stderr and "none.csv" in result.stderr


def test_one_commands_quiet_never_quiets_the_next(reviewed: tuple[Path, Path]) -> None:
    """The library's callers and the tests run several commands in one process: a ``-q`` is the command's own."""
    out, _ = reviewed
    assert _run("explain", out, "HC-01-0001", "-q").stderr == ""
    assert "lưu ý" in _run("explain", out, "HC-01-0001").stderr
    assert _run("explain", out, "HC-01-0001", "-q").stderr == ""
