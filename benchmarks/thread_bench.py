"""The streamed classify's two Python-heavy threads, each timed alone: thread CPU per million households.

    python benchmarks/thread_bench.py [--file benchmarks/data/households_1m.csv] [--passes 5]
    python benchmarks/thread_bench.py --trees OLD_TREE NEW_TREE [--rounds 7]

The file is read into its batches first (``data/stream.py`` ``open_batches``, the streamed reader's batches), so
reading is not counted; then, ``--passes`` times, on one thread with nothing else running:

* **key check**: ``check_keys`` of every batch in file order into a fresh ``SeenCodes`` (what the key-checking
  thread of ``pipeline/stream.py`` does);
* **classifying**: ``run`` of every batch (normalize, decide, the result columns) and ``classified_table`` (the
  table handed to the writer), each batch with its key check done beforehand, as the classifying thread
  receives it — its trimmed codes too where the tree hands them over (``BatchCheck``).

Each figure is ``time.thread_time()`` around the stage, the median of the passes. These are the figures the end
to end benchmark (``run_classify_bench.py``) cannot separate on a shared two-core machine, where a run's wall
time follows the busiest of its threads and the machine's noise. ``--trees`` runs this script under each tree's
``poverty_rules`` (``PYTHONPATH``, compiled first), alternating, and prints the medians of the rounds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _measure(path: str, passes: int, batch_bytes: int | None = None) -> tuple[float, float]:
    """(key check, classifying) thread CPU in seconds for the file, medians of ``passes`` passes (batches of
    ``batch_bytes``, the stream's own size by default)."""
    import poverty_rules.pipeline.stream as stream
    from poverty_rules.data.ids import SeenCodes
    from poverty_rules.data.normalize import check_keys
    from poverty_rules.data.stream import open_batches
    from poverty_rules.engine.standards import load_ruleset
    from poverty_rules.pipeline.options import RunOptions
    from poverty_rules.pipeline.run import run
    from poverty_rules.results.tables import classified_table

    ruleset = load_ruleset(as_of="2025-12-01")
    options = RunOptions(as_of="2025-12-01", lang="vi", ruleset=ruleset)
    parts = list(open_batches(path, batch_bytes).batches if batch_bytes else open_batches(path).batches)
    handed = hasattr(stream, "BatchCheck")  # the tree hands the trimmed codes over

    def checks() -> tuple[float, list[object]]:
        seen, done = SeenCodes(), []
        start = time.thread_time()
        for part in parts:
            if handed:
                check = stream.BatchCheck()
                check.done(check_keys(part, seen, source=path, lang="vi", trimmed=check.trimmed))
                done.append(check)
            else:
                rows = check_keys(part, seen, source=path, lang="vi")
                done.append(lambda rows=rows: rows)
        return time.thread_time() - start, done

    def classify(done: list[object]) -> float:
        start = time.thread_time()
        for part, check in zip(parts, done, strict=True):
            extra = {"codes": check.codes} if handed else {}  # type: ignore[attr-defined]
            result = run(part, ruleset, options, source=path, first_rows=check, say_figures=False, **extra)
            classified_table(part.table, result.normalized, result.results, lang="vi", ruleset=ruleset)
        return time.thread_time() - start

    classify(checks()[1])  # a first pass: every lazy import and cache made
    keys, rows = [], []
    for _ in range(passes):
        spent, done = checks()
        keys.append(spent)
        rows.append(classify(done))
    return statistics.median(keys), statistics.median(rows)


def _compare(trees: list[str], rounds: int, path: str, passes: int) -> None:
    for tree in trees:
        compileall.compile_dir(str(Path(tree) / "poverty_rules"), quiet=1)
    figures: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
    for _ in range(rounds):
        for tree in trees:
            env = {**os.environ, "PYTHONPATH": tree}
            out = subprocess.run(
                [sys.executable, __file__, "--file", path, "--passes", str(passes), "--raw"],
                capture_output=True, text=True, check=True, env=env, cwd="/",
            )  # fmt: skip
            key, cls = map(float, out.stdout.split())
            figures[tree].append((key, cls))
            print(f"{tree}: key check {key:.3f} s, classifying {cls:.3f} s", flush=True)
    print("| tree | key check (s, median of rounds) | classifying (s, median of rounds) |")
    print("|---|---|---|")
    for tree, got in figures.items():
        print(f"| {tree} | {statistics.median(k for k, _ in got):.3f} | {statistics.median(c for _, c in got):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(ROOT / "benchmarks" / "data" / "households_1m.csv"))
    parser.add_argument("--passes", type=int, default=5, help="passes over the batches in one process (5)")
    parser.add_argument("--trees", nargs="+", help="trees whose poverty_rules to compare, alternating")
    parser.add_argument("--rounds", type=int, default=7, help="processes per tree with --trees (7)")
    parser.add_argument("--raw", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not Path(args.file).is_file():
        sys.exit(f"{args.file}: no such file (python benchmarks/make_flat.py makes the 1M benchmark file)")
    if args.trees:
        _compare(args.trees, args.rounds, args.file, args.passes)
        return
    key, cls = _measure(args.file, args.passes)
    if args.raw:
        print(f"{key:.4f} {cls:.4f}")
        return
    print(f"key check: {key:.3f} s of thread CPU; classifying: {cls:.3f} s (medians of {args.passes} passes)")


if __name__ == "__main__":
    main()
