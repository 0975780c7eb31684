"""benchmarks/thread_bench.py measures the stages it names: on the sample commune read in several batches, each
stage takes some thread CPU, and a run of the script under a tree's package prints its two figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import thread_bench  # noqa: E402


def test_both_stages_are_timed_over_the_files_batches(monkeypatch) -> None:  # noqa: ANN001
    calls: list[int] = []
    real = thread_bench.time.thread_time

    def counted() -> float:
        calls.append(1)
        return real()

    monkeypatch.setattr(thread_bench.time, "thread_time", counted)
    key, classifying = thread_bench._measure(str(ROOT / "fixtures" / "sample_commune.csv"), 2, 16 << 10)
    assert key > 0 and classifying > 0
    assert len(calls) == 12  # two clocks per stage, two stages, a first pass and two measured


def test_the_script_prints_its_figures() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "thread_bench.py"), "--file",
         str(ROOT / "fixtures" / "sample_commune.csv"), "--passes", "1"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert done.stdout.startswith("key check: ") and "classifying: " in done.stdout
