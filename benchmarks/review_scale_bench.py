"""Peak memory and time of the streamed year-end review as the file grows: a province's file of many
communes, reviewed against its history, at several sizes (issue #11, item 1: memory bounded by the batch,
not by the file).

Usage: ``python benchmarks/review_scale_bench.py [--data benchmarks/data/households_1m.csv]
[--millions 1 3] [--commune-size 1000] [--repeat 1] [--record]``

For each size N (millions of households): the data's rows repeated N times, each copy's rows spread over
communes of ``--commune-size`` households (``commune`` = ``Xã <number>``; codes repeat across communes, as
they may), written to ``benchmarks/data/revstream/province_<N>m.csv`` (and its second year, incomes moved
as in review_bench.py, ``province_<N>m.year2.csv``; not timed). Then ``review`` of the first year into an
empty history (timed, reported apart) and ``review`` of the second year against a copy of that history,
``--repeat`` times, with wall time and peak RSS (``/usr/bin/time -v``). Every command runs from the
repository root as an officer runs it (``python -m poverty_rules``, CSV in and out).
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from review_bench import checked, perturb  # noqa: E402
from run_classify_bench import TIME_BIN, Measurement, append_entry, entry_head, rel, run  # noqa: E402


def _province(data: pa.Table, copies: int, commune_size: int, target: Path) -> None:
    """``copies`` copies of ``data``, each row's commune ``Xã <number>`` (``commune_size`` rows each)."""
    n = data.num_rows
    index = data.column_names.index("commune")
    with pacsv.CSVWriter(target, data.schema) as writer:
        for copy in range(copies):
            numbers = copy * (-(-n // commune_size)) + np.arange(n) // commune_size
            names = pa.array(np.char.add("Xã ", numbers.astype(str)).astype(object), pa.string())
            writer.write_table(data.set_column(index, "commune", names))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data" / "households_1m.csv")
    parser.add_argument("--millions", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--commune-size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    work = ROOT / "benchmarks" / "data" / "revstream"
    work.mkdir(parents=True, exist_ok=True)
    text = pacsv.ConvertOptions(column_types={}, strings_can_be_null=False, auto_dict_encode=False)
    data = pacsv.read_csv(args.data, convert_options=text)
    data = data.cast(pa.schema([pa.field(name, pa.string()) for name in data.column_names]))
    year2_one = work / f"{args.data.stem}.year2.csv"
    if not year2_one.exists():
        perturb(args.data, year2_one)
    data2 = pacsv.read_csv(year2_one, convert_options=text)
    data2 = data2.cast(pa.schema([pa.field(name, pa.string()) for name in data2.column_names]))
    use_time = Path(TIME_BIN).exists()
    cli = ["python", "-m", "poverty_rules"]
    rows = [
        "| households | communes | review 1, empty history (s) | review 2 runs (s) | median (s) "
        "| peak RSS review 2 (MiB) | peak RSS review 1 (MiB) |",
        "|---|---|---|---|---|---|---|",
    ]
    commands = []
    for millions in args.millions:
        year1, year2 = work / f"province_{millions}m.csv", work / f"province_{millions}m.year2.csv"
        if not year1.exists():
            _province(data, millions, args.commune_size, year1)
        if not year2.exists():
            _province(data2, millions, args.commune_size, year2)
        base, db = work / f"province_{millions}m.base.db", work / f"province_{millions}m.review.db"
        base.unlink(missing_ok=True)
        first = [*cli, "review", rel(year1), "--date", "2025-12-10", "--db", rel(base), "-q", "--lang", "en"]
        built = checked("review 1", run(first, use_time), first)
        second = [*cli, "review", rel(year2), "--date", "2026-12-10", "--db", rel(db), "-q", "--lang", "en"]
        runs: list[Measurement] = []
        for _ in range(args.repeat):
            shutil.copyfile(base, db)
            runs.append(checked("review 2", run(second, use_time), second))
        for m in runs:
            print(f"{millions}M review 2: {m.wall_s:.2f} s, peak RSS {m.max_rss_mb:.0f} MiB", file=sys.stderr)
        communes = millions * -(-data.num_rows // args.commune_size)
        walls = ", ".join(f"{m.wall_s:.2f}" for m in runs)
        rows.append(
            f"| {millions * data.num_rows:,} | {communes:,} | {built.wall_s:.2f} | {walls} "
            f"| {statistics.median(m.wall_s for m in runs):.2f} | {max(m.max_rss_mb for m in runs):.0f} "
            f"| {built.max_rss_mb:.0f} |"
        )
        commands += [first, second]
    print("\n".join(rows))
    if args.record:
        entry = [
            *entry_head("the streamed review at growing sizes (a province's communes)"),
            *(f"- `{shlex.join(cmd)}`" for cmd in commands),
            f"- peak RSS from {'/usr/bin/time -v' if use_time else 'os.wait4'}; review 2 against a fresh copy of "
            "review 1's history each run",
            "",
            *rows,
            "",
        ]
        append_entry(args.results, entry)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
