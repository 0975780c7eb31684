"""Where a run's time goes on two cores: ``classify`` and its output-columns floor, thread by thread.

Usage: ``python benchmarks/cores_timeline.py [-n 1000000] [--repeat 3] [--window 0.1] [--record]``

Each step (``classify FILE -o OUT -q`` as ``run_classify_bench.py`` runs it, and ``floor.py
--once-output``, the issue's I/O floor) runs ``--repeat`` times, alternating, each in its own
subprocess, while this script samples the child's threads from outside every 10 ms
(``/proc/PID/task/*/schedstat``: nanoseconds on a core and waiting for one; nothing in the
measured process changes). For each run it derives:

* **wall** and **CPU** (every thread's time on a core);
* **main**: the CPU of the process's first thread (the one that imports, classifies and
  commits: in ``classify`` the critical path, see pipeline/stream.py) and its **wait** for a core;
* **1 core until**: when the other threads had first run for 20 ms — up to then only one core works (interpreter
  start and the imports before ``ReadAhead`` starts the file's parsing);
* **bound**: the shortest wall such a run could have on this machine's cores, the larger of
  ``CPU / cores`` and the main thread's CPU plus the single-core start (work spread perfectly over
  the cores, the main thread never waiting);
* **idle**: the share of ``wall × cores`` no thread of the run used.

It prints a markdown table (medians), and for the median ``classify`` run its time line:
per ``--window`` seconds, the cores used by the main thread and by the others. ``--record``
appends the table to ``benchmarks/RESULTS.md``. The figures say whether the run waits for its
main thread (main ≈ wall: cut the main thread's work) or for CPU (bound ≈ wall: cut any work), and
so what a change to the 1.2x target of issue #11 has to remove.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from run_classify_bench import BENCH, RESULTS, ROOT, append_entry, classify_command, data_path, entry_head

_TICK = 0.01  # seconds between samples
_SECOND_CORE = 0.02  # seconds of CPU by which the other threads count as working


@dataclass
class Run:
    """One sampled run: its wall time and, per sample, each thread's (on-core, waiting) nanoseconds."""

    step: str
    wall: float = 0.0
    samples: list[tuple[float, dict[int, tuple[int, int]]]] = field(default_factory=list)

    def _last(self) -> dict[int, tuple[int, int]]:
        """Each thread's last reading (a thread that ended keeps its last one)."""
        last: dict[int, tuple[int, int]] = {}
        for _, row in self.samples:
            last.update(row)
        return last

    @property
    def pid(self) -> int:
        return min(self._last()) if self.samples else 0

    @property
    def cpu(self) -> float:
        return sum(run for run, _ in self._last().values()) / 1e9

    @property
    def main(self) -> float:
        return self._last().get(self.pid, (0, 0))[0] / 1e9

    @property
    def main_wait(self) -> float:
        return self._last().get(self.pid, (0, 0))[1] / 1e9

    @property
    def one_core_until(self) -> float:
        """The time of the first sample by which the threads other than the main one had run for
        :data:`_SECOND_CORE` (an allocator's or a library's idle helper threads run for microseconds)."""
        for at, row in self.samples:
            if sum(run for tid, (run, _) in row.items() if tid != self.pid) >= _SECOND_CORE * 1e9:
                return at
        return self.wall

    def bound(self, cores: int) -> float:
        main_before = self._main_at(self.one_core_until)
        return max(self.cpu / cores, self.one_core_until - main_before + self.main)

    def idle(self, cores: int) -> float:
        return max(0.0, 1 - self.cpu / (self.wall * cores)) if self.wall else 0.0

    def _main_at(self, at: float) -> float:
        """The main thread's CPU at the last sample up to ``at`` (seconds)."""
        seen = 0
        for when, row in self.samples:
            if when > at:
                break
            seen = row.get(self.pid, (seen, 0))[0]
        return seen / 1e9

    def timeline(self, window: float) -> list[tuple[float, float, float]]:
        """Per window: its start, the cores the main thread used and those the other threads used."""
        out: list[tuple[float, float, float]] = []
        prev_at, prev = 0.0, {}
        edge = window
        for at, row in self.samples:
            if at < edge and at < self.samples[-1][0]:
                continue
            span = at - prev_at
            if span <= 0:
                continue
            main = (row.get(self.pid, (0, 0))[0] - prev.get(self.pid, (0, 0))[0]) / 1e9
            others = sum(run - prev.get(tid, (0, 0))[0] for tid, (run, _) in row.items() if tid != self.pid) / 1e9
            out.append((prev_at, main / span, others / span))
            prev_at, prev = at, {**prev, **row}
            edge = at + window
        return out


def _sample(pid: int) -> dict[int, tuple[int, int]]:
    """Each live thread of ``pid``: (ns on a core, ns waiting for one)."""
    row: dict[int, tuple[int, int]] = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return row
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as fh:
                run, wait, _ = fh.read().split()
        except (OSError, ValueError):
            continue
        row[int(tid)] = (int(run), int(wait))
    return row


def sampled(step: str, cmd: list[str]) -> Run:
    """Run ``cmd`` from the repository root, sampling its threads until it ends."""
    run = Run(step)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while child.poll() is None:
        row = _sample(child.pid)
        if row:
            run.samples.append((time.perf_counter() - start, row))
        time.sleep(_TICK)
    run.wall = time.perf_counter() - start
    err = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode not in (0, 1):
        raise SystemExit(f"{step} exited with {child.returncode}: {err.strip()[-500:]}")
    return run


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def _median_of(runs: list[Run], figure: Callable[[Run], float]) -> float:
    return statistics.median(figure(r) for r in runs)


def table(runs: dict[str, list[Run]], cores: int) -> list[str]:
    """The medians of every figure, one row per step."""
    lines = [
        "| step | wall (s) | CPU (s) | main thread CPU (s) | main thread waiting (s) | 1 core until (s) "
        f"| bound on {cores} cores (s) | idle |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for step, rs in runs.items():
        med = partial(_median_of, rs)

        lines.append(
            f"| {step} | {med(lambda r: r.wall):.2f} | {med(lambda r: r.cpu):.2f} | {med(lambda r: r.main):.2f} "
            f"| {med(lambda r: r.main_wait):.2f} | {med(lambda r: r.one_core_until):.2f} "
            f"| {med(lambda r: r.bound(cores)):.2f} | {med(lambda r: r.idle(cores)):.0%} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int, default=1_000_000, help="households (1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="sampled runs of each step (3)")
    parser.add_argument("--window", type=float, default=0.1, help="seconds per line of the time line (0.1)")
    parser.add_argument("--record", action="store_true", help="append the table to benchmarks/RESULTS.md")
    parser.add_argument("--data-dir", type=Path, default=BENCH / "data", help="where the data files are")
    args = parser.parse_args(argv)
    source = data_path(args.rows, args.data_dir)
    results = source.with_suffix(".results.csv.arrow")  # the floor's result columns (run_classify_bench.py's name)
    if not source.exists() or not results.exists():
        print(
            f"{source} or {results} is missing: run `python benchmarks/run_classify_bench.py -n {args.rows} "
            "--repeat 1 --no-record` first (it makes both)",
            file=sys.stderr,
        )
        return 2
    subprocess.run([sys.executable, "-m", "compileall", "-q", "poverty_rules"], check=False, cwd=ROOT)
    cores = os.cpu_count() or 1
    runs: dict[str, list[Run]] = {"classify": [], "floor (output columns)": []}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "classified.csv"
        floor_out = Path(tmp) / "floor.csv"
        steps = {
            "classify": [*classify_command(), "classify", str(source), "-o", str(out), "-q"],
            "floor (output columns)": [
                sys.executable,
                str(BENCH / "floor.py"),
                "--once-output",
                str(source),
                str(results),
                str(floor_out),
            ],
        }
        for step, cmd in steps.items():  # one warm-up each, unrecorded
            sampled(step, cmd)
            out.unlink(missing_ok=True)
        for i in range(args.repeat):
            for step, cmd in steps.items():
                run = sampled(step, cmd)
                runs[step].append(run)
                out.unlink(missing_ok=True)
                print(f"{step} run {i + 1}: {run.wall:.2f} s, CPU {run.cpu:.2f} s, main {run.main:.2f} s", flush=True)
    lines = table(runs, cores)
    print("\n".join(lines))
    median = _median_run(runs["classify"])
    heading = f"classify's median run, per {args.window:g} s: cores used by the main thread | by the others"
    chart = [
        f"{at:5.2f} s  {main_cores:4.2f} {'#' * round(main_cores * 20):<20} | {others:4.2f} {'=' * round(others * 20)}"
        for at, main_cores, others in median.timeline(args.window)
    ]
    print(f"\n{heading}", *chart, sep="\n")
    if args.record:
        entry = [
            *entry_head(f"classify's cores, {args.rows:,} households, CSV"),
            "",
            *lines,
            "",
            f"{heading}:",
            "",
            "```",
            *chart,
            "```",
            "",
        ]
        append_entry(RESULTS, entry)
        print(f"recorded in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
