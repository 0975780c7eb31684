"""The benchmark "floor": read the households CSV with pandas and write it back with pyarrow.

No classifier can be faster than reading its input and writing it out again, so
``poverty-rules classify`` is judged against this step (target: at most 1.3x its wall time).

Usage:

* ``python benchmarks/floor.py [--input PATH] [--output PATH] [--repeat 3]`` runs the step
  ``--repeat`` times, each in its own subprocess, and prints wall time and peak RSS per run
  and the median wall time, as a markdown table.
* ``python benchmarks/floor.py --once INPUT OUTPUT`` performs the step once in this process
  (this is what is measured; ``run_classify_bench.py`` runs it too).

Peak RSS comes from ``os.wait4`` on the child, i.e. ``resource.getrusage``-style ``ru_maxrss``
of that one child, so every measured step gets its own peak, unaffected by earlier steps.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "benchmarks" / "data" / "households_1m.csv"


def floor_once(input_path: str | Path, output_path: str | Path) -> None:
    """Read ``input_path`` as all-string columns with pandas; write it with pyarrow."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv

    df = pd.read_csv(input_path, dtype=str, keep_default_na=False, engine="pyarrow")
    pacsv.write_csv(
        pa.Table.from_pandas(df, preserve_index=False),
        str(output_path),
        write_options=pacsv.WriteOptions(quoting_style="needed"),
    )


@dataclass
class Measurement:
    """One measured subprocess run."""

    wall_s: float
    max_rss_kb: int
    returncode: int
    stderr: str

    @property
    def max_rss_mb(self) -> float:
        """Peak resident set size in MiB."""
        return self.max_rss_kb / 1024


def measure(cmd: list[str], cwd: str | Path | None = None) -> Measurement:
    """Run ``cmd`` as a child process; return its wall time and its own peak RSS.

    Uses ``os.wait4`` to collect the rusage of exactly this child (Linux ``ru_maxrss`` is in
    KiB). Output goes to temporary files so a chatty child cannot block on a full pipe;
    stdout is discarded, stderr is returned.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
    return Measurement(wall, usage.ru_maxrss, proc.returncode, stderr)


def floor_command(input_path: str | Path, output_path: str | Path) -> list[str]:
    """The command line that performs the floor step once."""
    return [
        sys.executable,
        str(Path(__file__).resolve()),
        "--once",
        str(input_path),
        str(output_path),
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", nargs=2, metavar=("INPUT", "OUTPUT"), help="do the step once")
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="households CSV")
    parser.add_argument("--output", type=Path, help="where to write (default: INPUT.floor.csv)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs (3)")
    args = parser.parse_args(argv)

    if args.once:
        floor_once(*args.once)
        return 0

    if not args.input.exists():
        print(
            f"error: {args.input} does not exist; create it with: python benchmarks/make_flat.py",
            file=sys.stderr,
        )
        return 2
    output = args.output or args.input.with_suffix(".floor.csv")
    runs: list[Measurement] = []
    for i in range(args.repeat):
        m = measure(floor_command(args.input, output))
        if m.returncode != 0:
            print(
                f"error: floor run {i + 1} failed (exit {m.returncode}):\n{m.stderr}",
                file=sys.stderr,
            )
            return 2
        print(
            f"run {i + 1}: {m.wall_s:.2f} s, peak RSS {m.max_rss_mb:.0f} MiB",
            file=sys.stderr,
        )
        runs.append(m)
    walls = ", ".join(f"{m.wall_s:.2f}" for m in runs)
    print("| step | runs (s) | median wall (s) | peak RSS (MiB) |")
    print("|---|---|---|---|")
    print(
        f"| floor | {walls} | {statistics.median(m.wall_s for m in runs):.2f} | {max(m.max_rss_mb for m in runs):.0f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
