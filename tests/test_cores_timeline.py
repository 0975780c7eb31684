"""benchmarks/cores_timeline.py's figures, from samples made up by hand (the script samples a real run's
threads; these check what it derives from them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from cores_timeline import Run  # noqa: E402

S = 1_000_000_000  # nanoseconds in a second


def _run() -> Run:
    """A 1 s run: thread 10 (the main one) alone for 0.3 s, then a second thread (11) beside it."""
    run = Run("classify", wall=1.0)
    run.samples = [
        (0.1, {10: (S // 10, 0)}),
        (0.3, {10: (3 * S // 10, 0), 12: (S // 1000, 0)}),  # an allocator's helper: a millisecond
        (0.6, {10: (5 * S // 10, S // 10), 11: (3 * S // 10, 0), 12: (S // 1000, 0)}),
        (1.0, {10: (9 * S // 10, S // 10), 11: (6 * S // 10, 0)}),  # 12 ended: its last reading counts
    ]
    return run


def test_cpu_main_and_its_wait_are_the_last_readings() -> None:
    run = _run()
    assert run.pid == 10
    assert run.cpu == pytest.approx(0.9 + 0.6 + 0.001)
    assert (run.main, run.main_wait) == (pytest.approx(0.9), pytest.approx(0.1))


def test_one_core_until_ignores_threads_that_ran_for_microseconds() -> None:
    assert _run().one_core_until == 0.6


def test_bound_is_half_the_cpu_or_the_main_threads_path_whichever_is_longer() -> None:
    run = _run()
    # main thread: 0.5 s of CPU by 0.6 s, 0.9 s in all -> its path is 0.6 - 0.5 + 0.9 = 1.0 s; CPU / 2 = 0.75 s
    assert run.bound(2) == pytest.approx(1.0)
    assert run.bound(1) == pytest.approx(1.501)
    assert run.idle(2) == pytest.approx(1 - 1.501 / 2)


def test_timeline_gives_each_windows_cores_by_main_and_others() -> None:
    lines = _run().timeline(0.25)
    assert [round(at, 2) for at, _, _ in lines] == [0.0, 0.3, 0.6]
    at, main, others = lines[1]
    assert (main, others) == (pytest.approx(0.2 / 0.3), pytest.approx(0.3 / 0.3))
