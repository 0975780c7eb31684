"""Scale proof (issue #11): classify N and 10 × N households streamed, peak RSS and time linear in rows.

Usage: ``python benchmarks/scale_bench.py [--small 2700000] [--factor 10] [--record] [--keep]``

1. Writes two flat household CSVs into a temporary folder under ``benchmarks/data/`` (``df -h`` first:
   27 million households are about 3.2 GB in and 6 GB out). One block of 1,000,000 households is
   generated once (``make_flat.py``'s generator, seed 2026) and written as many times as needed with
   the code prefixed by the block number (``B0007-HC-01-0001``), so every code is distinct and the
   duplicate check sees every one.
2. Runs ``python -m poverty_rules classify FILE -o OUT -q --as-of 2025-12-01`` on the small file and
   on the large one (small, large, small: the small run's time is the median of two), each in its own
   process under ``/usr/bin/time -v`` (peak RSS), from the repository root.
3. Reports wall times, rows per second, peak RSS, the time ratio large/small against the factor
   (target: at most 1.05 × the factor, e.g. 10.5 for 10 ×) and peak RSS against 2 GiB; checks that
   every input row is in the output or the rejects. ``--record`` appends the entry to RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from make_flat import load_generator
from run_classify_bench import append_entry, git_revision, machine_line, rel

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
BLOCK = 1_000_000
MEMORY_TARGET_MIB = 2048


def write_households(path: Path, rows: int, block: pa.Table) -> float:
    """Write ``rows`` households to ``path`` from repeated blocks with distinct codes; return seconds."""
    t0 = time.perf_counter()
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")
    with open(path, "wb") as fh:
        fh.write((",".join(block.column_names) + "\n").encode("utf-8"))
        done, k = 0, 0
        while done < rows:
            part = block.slice(0, min(block.num_rows, rows - done))
            codes = pc.binary_join_element_wise(f"B{k:04d}", part.column("household_id"), "-")
            part = part.set_column(part.column_names.index("household_id"), "household_id", codes)
            pacsv.write_csv(part, fh, write_options=options)
            done += part.num_rows
            k += 1
    return time.perf_counter() - t0


def classify(path: Path, out: Path) -> tuple[float, int, int]:
    """Run classify on ``path``; return (wall seconds, peak RSS MiB, exit code)."""
    cmd = [sys.executable, "-m", "poverty_rules", "classify", rel(path), "-o", rel(out), "-q", "--as-of", "2025-12-01"]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *cmd], cwd=ROOT, capture_output=True)
        wall = time.perf_counter() - t0
        text = Path(report.name).read_text()
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    rss = int(found.group(1)) // 1024 if found else -1
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"classify exited with {proc.returncode}")
    return wall, rss, proc.returncode


def count_rows(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            n += chunk.count(b"\n")
    return n - 1  # the header


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2_700_000, help="households in the small file (2,700,000)")
    parser.add_argument("--factor", type=int, default=10, help="the large file has factor × small rows (10)")
    parser.add_argument("--record", action="store_true", help="append the entry to benchmarks/RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    large_rows = args.small * args.factor
    (BENCH / "data").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scale.", dir=BENCH / "data"))
    free_gb = shutil.disk_usage(work).free / 1e9
    need_gb = large_rows * 350 / 1e9
    if free_gb < need_gb:
        raise SystemExit(f"need about {need_gb:.0f} GB free in {work}, have {free_gb:.0f} GB")
    try:
        t0 = time.perf_counter()
        block = pa.Table.from_pandas(load_generator().generate_households(BLOCK, 2026), preserve_index=False)
        block = block.set_column(0, "household_id", block.column("household_id").cast(pa.string()))
        small, large = work / "small.csv", work / "large.csv"
        made = write_households(small, args.small, block) + write_households(large, large_rows, block)
        del block
        print(f"data: {args.small:,} and {large_rows:,} rows in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        runs: dict[str, list[tuple[float, int, int]]] = {"small": [], "large": []}
        for name in ("small", "large", "small"):
            src = small if name == "small" else large
            out = work / f"{name}.out.csv"
            out.unlink(missing_ok=True)
            runs[name].append(classify(src, out))
            print(f"{name}: {runs[name][-1][0]:.1f} s, peak RSS {runs[name][-1][1]} MiB", file=sys.stderr)
        rows_out = {name: count_rows(work / f"{name}.out.csv") for name in runs}
        rejects = {name: count_rows(p) if (p := work / f"{name}.rejects.csv").exists() else 0 for name in runs}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    wall = {name: statistics.median(r[0] for r in v) for name, v in runs.items()}
    peak = {name: max(r[1] for r in v) for name, v in runs.items()}
    ratio = wall["large"] / wall["small"]
    limit = 1.05 * args.factor
    complete = all(rows_out[n] + rejects[n] == (args.small if n == "small" else large_rows) for n in runs)
    lines = [
        "| file | households | runs (s) | median wall (s) | households/s | peak RSS (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    for name, rows in (("small", args.small), ("large", large_rows)):
        walls = ", ".join(f"{r[0]:.1f}" for r in runs[name])
        lines.append(f"| {name} | {rows:,} | {walls} | {wall[name]:.1f} | {rows / wall[name]:,.0f} | {peak[name]:,} |")
    verdict = (
        f"time ratio {ratio:.2f} for {args.factor}× the rows "
        f"({'meets' if ratio <= limit else 'MISSES'} ≤ {limit:.1f}); "
        f"peak RSS {max(peak.values()):,} MiB ({'meets' if max(peak.values()) <= MEMORY_TARGET_MIB else 'MISSES'} "
        f"≤ {MEMORY_TARGET_MIB}); every row in the output or the rejects: {'yes' if complete else 'NO'}"
    )
    print("\n".join(lines))
    print(verdict)
    if args.record:
        bench_cmd = shlex.join(["python", rel(Path(sys.argv[0])), *sys.argv[1:]])
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        entry = [
            f"## {now} — scale: {args.small:,} and {large_rows:,} households streamed, commit {git_revision()}",
            "",
            f"- machine: {machine_line()}",
            f"- command: `{bench_cmd}` (files generated in a temporary folder under `benchmarks/data/`, "
            f"{made:.0f} s to write; classify run as `python -m poverty_rules classify FILE -o OUT -q "
            "--as-of 2025-12-01` from the repository root, small, large, small)",
            f"- verdict: {verdict}",
            "",
            *lines,
            "",
        ]
        append_entry(BENCH / "RESULTS.md", entry)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
