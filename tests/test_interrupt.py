"""A run stopped from outside — Ctrl-C (SIGINT) or SIGTERM (``kill``, a scheduler's time limit) — ends
with one line and exit 2, leaves no temporary file beside its outputs and the earlier output as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample_commune.csv"

#: The program, stopped by the signal it sends itself once the first part of its output is on disk.
_DRIVER = """
import os, signal, sys
from poverty_rules.data import append

settle = append.AtomicFile._settle
sent = []

def _settle_then_stop(self):
    settle(self)
    if not sent:  # once, as one Ctrl-C
        sent.append(True)
        os.kill(os.getpid(), signal.{signal})

append.AtomicFile._settle = _settle_then_stop
sys.argv = ["poverty-rules", *sys.argv[1:]]
from poverty_rules.__main__ import main
main()
"""


def _classify_stopped(driver: str, sig: str, out: Path, lang: str) -> subprocess.CompletedProcess[str]:
    """The sample classified into ``out`` by ``driver`` (a program that sends itself ``sig``), in a process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["classify", str(SAMPLE), "-o", str(out), "--as-of", "2025-06-01", "--lang", lang]
    return subprocess.run(
        [sys.executable, "-c", driver.format(signal=sig), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_stopped_classify_says_so_exits_2_and_leaves_no_temporary_file(tmp_path: Path, sig: str, lang: str) -> None:
    out = tmp_path / "out.csv"
    out.write_text("the previous output\n", encoding="utf-8")
    done = _classify_stopped(_DRIVER, sig, out, lang)
    assert done.returncode == 2, (done.returncode, done.stderr)
    said = "đã dừng theo yêu cầu" if lang == "vi" else "stopped on request"
    assert said in done.stderr and "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert out.read_text(encoding="utf-8") == "the previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no .out.csv.*.tmp, no rejects
    assert done.returncode != -signal.SIGTERM


#: The program, stopped by the signal it sends itself while its modules load (the first 0.2-0.5 s).
_STARTING = """
import os, runpy, signal, sys

class _StopOnLoad:
    def find_spec(self, name, path=None, target=None):
        if name == "poverty_rules.data.read":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.{signal})
        return None

sys.meta_path.insert(0, _StopOnLoad())
sys.argv = ["poverty-rules", *sys.argv[1:]]
runpy.run_module("poverty_rules", run_name="__main__")
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_run_stopped_while_it_starts_says_so_without_a_traceback(tmp_path: Path, sig: str, lang: str) -> None:
    """Ctrl-C pressed just after Enter (the program's modules still loading) printed Python's traceback of
    the import it stopped, exit 130; SIGTERM then ended the process silently. Both now say the one line of
    a stopped run, in --lang, exit 2, and nothing is written."""
    out = tmp_path / "out.csv"
    done = _classify_stopped(_STARTING, sig, out, lang)
    said = "đã dừng theo yêu cầu" if lang == "vi" else "stopped on request"
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert said in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not list(tmp_path.iterdir())


#: The program stopped once its output's first part is on disk, and stopped again (the same signal) while the
#: first stop removes what it was writing: an impatient officer's second Ctrl-C.
_TWICE = """
import os, signal, sys
from poverty_rules.data import append

settle, abort = append.AtomicFile._settle, append.AtomicFile.abort
sent = []

def _settle_then_stop(self):
    settle(self)
    if not sent:
        sent.append(True)
        os.kill(os.getpid(), signal.{signal})

def _stopped_again(self):
    os.kill(os.getpid(), signal.{signal})
    abort(self)

append.AtomicFile._settle = _settle_then_stop
append.AtomicFile.abort = _stopped_again
sys.argv = ["poverty-rules", *sys.argv[1:]]
from poverty_rules.__main__ import main
main()
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_second_stop_while_the_first_one_cleans_up_leaves_no_temporary_file(
    tmp_path: Path, sig: str, lang: str
) -> None:
    """Ctrl-C pressed twice (the second while the first stop removed the files being written) cut that cleanup
    short: the output's and the rejects' temporary files (.out.csv.*.tmp, 30 MB for 200,000 households) stayed
    beside the output while the line said no file was left half-written — or, pressed as the line was said,
    click's 'Aborted!' with exit 1 ('some rows rejected'). A stop once stopping is ignored now."""
    out = tmp_path / "out.csv"
    out.write_text("the previous output\n", encoding="utf-8")
    done = _classify_stopped(_TWICE, sig, out, lang)
    said = "đã dừng theo yêu cầu" if lang == "vi" else "stopped on request"
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert said in done.stderr and "Aborted" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert out.read_text(encoding="utf-8") == "the previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no .out.csv.*.tmp, no rejects


def test_a_stop_lost_in_a_finalizer_lets_the_next_one_stop_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stop that came while Python ran a finalizer or a weak reference's callback (an import's module lock)
    was printed as 'Exception ignored in … Traceback … KeyboardInterrupt' and the run went on: it is said
    nothing of, and the next Ctrl-C or SIGTERM stops the run (its handler set again); any other such exception
    is printed as Python prints it."""
    from types import SimpleNamespace

    from poverty_rules.cli import _base

    handlers: dict[int, object] = {}
    printed: list[object] = []
    monkeypatch.setattr(_base.signal, "signal", lambda sig, handler: handlers.__setitem__(sig, handler))
    monkeypatch.setattr(_base.sys, "__unraisablehook__", printed.append)
    _base._lost_stop(SimpleNamespace(exc_type=KeyboardInterrupt))
    assert handlers == {signal.SIGINT: _base._stop, signal.SIGTERM: _base._stop} and printed == []
    other = SimpleNamespace(exc_type=ValueError)
    _base._lost_stop(other)
    assert printed == [other]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_stop_speaks_of_the_history_only_to_a_command_that_keeps_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A stopped ``classify`` said "… no file was left half-written and the history does not record the unfinished
    run" (vi "… và lịch sử không ghi lần chạy dở này"): classify keeps no history, and an officer who never made
    one wondered which history was meant. A command without a history file now says only that no file was left
    half-written; one with ``--db`` (history import) still says its history is unchanged."""
    from click.testing import CliRunner

    from poverty_rules.cli import classify as classify_cli
    from poverty_rules.cli import main
    from poverty_rules.review.history import HistoryStore

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    history = {"vi": "lịch sử", "en": "history"}[lang]
    stopped = {"vi": "đã dừng theo yêu cầu", "en": "stopped on request"}[lang]
    with monkeypatch.context() as patch:
        patch.setattr(classify_cli, "check_input", stop)
        said = CliRunner().invoke(main, ["classify", str(SAMPLE), "-o", str(tmp_path / "o.csv"), "--lang", lang])
    assert said.exit_code == 2 and stopped in said.output and history not in said.output, said.output
    lists = tmp_path / "ds.csv"
    lists.write_text("household_id,status,year\nH1,poor,2023\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(HistoryStore, "import_lists", stop)
        args = ["history", "import", str(lists), "--db", str(tmp_path / "h.db"), "--commune", "X", "--lang", lang]
        kept = CliRunner().invoke(main, args)
    assert kept.exit_code == 2 and stopped in kept.output and history in kept.output, kept.output


def test_ctrl_c_is_not_ignored_in_the_suite_and_the_commands_it_starts() -> None:
    """The tests of a stopped run need Ctrl-C to reach it: a suite started in the background by a shell without job
    control inherited SIGINT ignored, and so did every command it ran (tests/conftest.py gives it its default)."""
    import subprocess
    import sys

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    child = subprocess.run(
        [sys.executable, "-c", "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert child.stdout.strip() == "True"
