"""Benchmark a year-end review of 1,000,000 households against a history of the same size.

Usage: ``python benchmarks/review_bench.py [--data benchmarks/data/households_1m.csv] [--record]``

Steps (each timed): read the CSV; first review (2025-12-10) into an empty history — this builds
the history of 1,000,000 results; second review (2026-12-10) of the same households with incomes
moved by a deterministic factor, against that history (latest_before over 1,000,000 rows,
transitions, one-transaction record, movements). Peak RSS of the process from ``ru_maxrss``.
Make the data first with ``python benchmarks/make_flat.py``. ``--record`` appends to RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from poverty_rules import load_ruleset  # noqa: E402
from poverty_rules.data.read import read_csv_table  # noqa: E402
from poverty_rules.pipeline import run_review  # noqa: E402
from poverty_rules.review.history import HistoryStore  # noqa: E402


def _perturb(table: pa.Table) -> pa.Table:
    """Incomes × (0.7 … 1.4), deterministic per row."""
    income = pc.cast(table.column("income_per_capita"), pa.float64()).to_numpy(zero_copy_only=False)
    factor = 0.7 + 0.7 * ((np.arange(len(income)) * 2654435761) % 1000) / 1000
    moved = np.round(income * factor).astype(np.int64).astype(str)
    index = table.column_names.index("income_per_capita")
    return table.set_column(index, "income_per_capita", pa.array(moved, pa.string()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data" / "households_1m.csv")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    rs = load_ruleset(as_of=date(2025, 12, 10))
    timings: dict[str, float] = {}
    started = time.perf_counter()
    table = read_csv_table(args.data)
    timings["read"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder, HistoryStore(Path(folder) / "bench.db") as store:
        t = time.perf_counter()
        first = run_review(table, rs, "2025-12-10", store, "bench")
        timings["review_1_empty_history"] = time.perf_counter() - t
        second_input = _perturb(table)
        t = time.perf_counter()
        second = run_review(second_input, rs, "2026-12-10", store, "bench")
        timings["review_2_against_1m_history"] = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    moves = second.classified["transition"].value_counts().to_dict()
    lines = [
        f"rows: {table.num_rows:,}; history before review 2: {len(first.classified):,} results",
        *(f"{k}: {v:.2f} s" for k, v in timings.items()),
        f"peak RSS: {peak_mb:,.0f} MiB",
        f"transitions in review 2: {moves}",
    ]
    print("\n".join(lines))
    if args.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        cpu = next(
            (
                ln.split(":", 1)[1].strip()
                for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")
            ),
            "?",
        )
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as fh:
            fh.write(
                f"\n## {date.today()} — review of 1,000,000 households against a 1,000,000-row history, "
                f"commit {commit.stdout.strip()}\n\n"
                f"- machine: nproc {os.cpu_count()}, {cpu}, {platform.system()}; Python {platform.python_version()}\n"
                f"- command: `python benchmarks/review_bench.py --record` (one process, one run)\n"
                + "".join(f"- {line}\n" for line in lines)
            )


if __name__ == "__main__":
    main()
