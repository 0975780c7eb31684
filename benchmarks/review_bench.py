"""Time the year-end review of 1,000,000 households against a 1,000,000-row history, beside classify.

Usage: ``python benchmarks/review_bench.py [--data benchmarks/data/households_1m.csv] [--repeat 3]
[--record]``

Issue #11's target: a 1M review against a 1M history within 3x classify's time on the same file and
under 2 GB. Steps, every command run from the repository root as an officer runs it (CSV in, CSV
out, ``python -m poverty_rules`` of this checkout):

1. the second year's file: the data with incomes moved by a deterministic factor per row (0.7-1.4),
   written beside the data (``<data>.year2.csv``, not timed);
2. the history: ``review <data> --date 2025-12-10 --db <base.db>`` once (timed, reported apart);
3. after one warm-up of each, ``classify <year2>`` and ``review <year2> --date 2026-12-10 --db
   <copy of base.db>`` alternately, ``--repeat`` times each (the copy is made before each review and
   not timed, so every review meets the same 1M-row history); wall time and peak RSS of each run
   (``/usr/bin/time -v``), medians compared.

Make the data first with ``python benchmarks/make_flat.py``. ``--record`` appends to RESULTS.md.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run_classify_bench import TIME_BIN, Measurement, append_entry, entry_head, rel, run  # noqa: E402

RATIO_TARGET = 3.0
MEMORY_TARGET_MIB = 2048


def perturb(data: Path, target: Path) -> None:
    """The second year's file: incomes × (0.7 … 1.4), deterministic per row; every other cell as written."""
    table = pacsv.read_csv(data, convert_options=pacsv.ConvertOptions(column_types={"income_per_capita": pa.string()}))
    income = pc.cast(table.column("income_per_capita"), pa.float64()).to_numpy(zero_copy_only=False)
    factor = 0.7 + 0.7 * ((np.arange(len(income)) * 2654435761) % 1000) / 1000
    moved = np.round(income * factor).astype(np.int64).astype(str)
    index = table.column_names.index("income_per_capita")
    table = table.set_column(index, "income_per_capita", pa.array(moved, pa.string()))
    pacsv.write_csv(table, target)


def checked(name: str, m: Measurement, cmd: list[str]) -> Measurement:
    """Stop the benchmark when a step failed (exit 0 or 1 are the contract's successes)."""
    if m.returncode not in (0, 1):
        tail = "\n".join(m.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"error: {name} exited with {m.returncode}: {shlex.join(cmd)}\n{tail}")
    return m


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data" / "households_1m.csv")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    data = args.data.resolve()
    work = data.with_name(f"{data.stem}.review")
    work.mkdir(exist_ok=True)
    year2 = work / "year2.csv"
    if not year2.exists() or year2.stat().st_mtime < data.stat().st_mtime:
        perturb(data, year2)
    base, db = work / "base.db", work / "review.db"
    cli = ["python", "-m", "poverty_rules"]
    first = [*cli, "review", rel(data), "--date", "2025-12-10", "--db", rel(base), "-q", "--lang", "en"]
    first += ["-o", rel(work / "year1.reviewed.csv")]
    use_time = Path(TIME_BIN).exists()
    if base.exists():
        base.unlink()
    built = checked("review 1", run(first, use_time), first)
    print(f"review 1 (empty history): {built.wall_s:.2f} s, peak RSS {built.max_rss_mb:.0f} MiB", file=sys.stderr)
    classify = [*cli, "classify", rel(year2), "-o", rel(work / "year2.classified.csv"), "-q", "--as-of", "2026-12-10"]
    review = [*cli, "review", rel(year2), "--date", "2026-12-10", "--db", rel(db), "-q", "--lang", "en"]
    review += ["-o", rel(work / "year2.reviewed.csv")]
    results: dict[str, list[Measurement]] = {"classify": [], "review": []}
    for i in range(args.repeat + 1):  # round 0 is the warm-up and is not recorded
        for name, cmd in (("classify", classify), ("review", review)):
            if name == "review":
                shutil.copyfile(base, db)
            m = checked(name, run(cmd, use_time), cmd)
            label = "warm-up" if i == 0 else f"run {i}"
            print(f"{name} {label}: {m.wall_s:.2f} s, peak RSS {m.max_rss_mb:.0f} MiB", file=sys.stderr)
            if i > 0:
                results[name].append(m)
    med = {k: statistics.median(m.wall_s for m in v) for k, v in results.items()}
    peak = {k: max(m.max_rss_mb for m in v) for k, v in results.items()}
    cpu = {k: statistics.median(m.cpu_s for m in v) for k, v in results.items()}
    ratio = med["review"] / med["classify"]
    verdict = (
        f"time {'meets' if ratio <= RATIO_TARGET else 'MISSES'} the {RATIO_TARGET:g}x classify target; memory "
        f"{'meets' if peak['review'] < MEMORY_TARGET_MIB else 'MISSES'} the < {MEMORY_TARGET_MIB} MiB target"
    )
    table = [
        "| step | runs (s) | median wall (s) | median CPU, user + sys (s) | peak RSS (MiB) |",
        "|---|---|---|---|---|",
    ]
    table.append(
        f"| review 1 (empty history, once) | {built.wall_s:.2f} | {built.wall_s:.2f} | {built.cpu_s:.2f} "
        f"| {built.max_rss_mb:.0f} |"
    )
    for name, runs in results.items():
        walls = ", ".join(f"{m.wall_s:.2f}" for m in runs)
        table.append(f"| {name} | {walls} | {med[name]:.2f} | {cpu[name]:.2f} | {peak[name]:.0f} |")
    table.append(f"| **review / classify** | | **{ratio:.2f}x** | {cpu['review'] / cpu['classify']:.2f}x | |")
    print("\n".join(table))
    print(verdict)
    if args.record:
        entry = [
            *entry_head("review of 1,000,000 households against a 1,000,000-row history vs classify"),
            f"- history: `{shlex.join(first)}`",
            f"- classify: `{shlex.join(classify)}`",
            f"- review: `{shlex.join(review)}` (a fresh copy of the history before each run)",
            f"- {args.repeat} runs each after one warm-up, alternating; peak RSS from "
            f"{'/usr/bin/time -v' if use_time else 'os.wait4'}",
            f"- verdict: {verdict}",
            "",
            *table,
            "",
        ]
        append_entry(args.results, entry)
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"(bench took {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    raise SystemExit(code)
