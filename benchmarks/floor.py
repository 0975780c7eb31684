"""The benchmark "floors": what a classifier cannot beat — reading its input and writing its output.

Two floors for a CSV, two for Parquet, each one process doing nothing but pyarrow reading and writing:

* **input columns** (``floor_once``, the floor of the earlier RESULTS.md entries): read the households
  CSV as text (pandas with the pyarrow engine) and write the same columns back with pyarrow;
* **output columns** (``floor_output_once``): the issue's definition, "pyarrow read and write of the
  same columns" as classify — read the CSV the same way, then write every input column *and* the
  result columns classify writes. The result columns are taken, before any timing, from one classify
  output (:func:`prepare_results`: an uncompressed Arrow IPC file, memory-mapped when the floor runs,
  so loading them costs next to nothing), with the types classify writes (a column classify quotes is
  text, an unquoted one a number);
* **the same, with jemalloc** (``--jemalloc``): Arrow's buffers from jemalloc, as ``classify`` takes them
  (``poverty_rules/cli/_base.py`` ``arrow_memory``), instead of pyarrow's default, mimalloc: mimalloc's
  memory comes in transparent huge pages when the kernel has them to give, and its wall time then varies
  from run to run by a third on the benchmark machine (0.88-1.45 s in one series of 11, 2026-11-29);
  this floor shows what the same steps take with classify's allocator;
* **Parquet** (``--parquet``): the same two, reading a Parquet file with ``pyarrow.parquet`` and
  writing Parquet (pyarrow's defaults, as ``classify -o x.parquet`` does); the output-columns floor
  writes the input's columns as text, as classify does (its typed columns cast with pyarrow).

Usage:

* ``python benchmarks/floor.py [--input PATH] [--output PATH] [--repeat 3]`` runs the input-columns
  floor ``--repeat`` times, each in its own subprocess, and prints wall time and peak RSS per run
  and the median wall time, as a markdown table.
* ``python benchmarks/floor.py --once INPUT OUTPUT`` performs the input-columns step once in this
  process (this is what is measured; ``run_classify_bench.py`` runs it too).
* ``python benchmarks/floor.py --once-output INPUT RESULTS.arrow OUTPUT`` performs the output-columns
  step once (CSV or Parquet by ``OUTPUT``'s extension; the input by its own); add ``--jemalloc`` for the
  jemalloc floor.
* ``python benchmarks/floor.py --prepare CLASSIFIED INPUT RESULTS.arrow`` writes the result columns of
  a classify output (the columns ``CLASSIFIED`` has beyond ``INPUT``'s) to ``RESULTS.arrow``.

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
    """The input-columns floor: read ``input_path`` (a CSV as all-string columns with pandas, or
    Parquet) and write the same columns with pyarrow (CSV or Parquet by ``output_path``)."""
    _write(_read_input(input_path), output_path)


def _read_input(input_path: str | Path):  # noqa: ANN202 - a pyarrow Table
    """The input as classify reads it: every CSV cell as text; a Parquet file as stored."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    if str(input_path).endswith(".parquet"):
        return pq.read_table(input_path)
    df = pd.read_csv(input_path, dtype=str, keep_default_na=False, engine="pyarrow")
    return pa.Table.from_pandas(df, preserve_index=False)


def _write(table, output_path: str | Path) -> None:  # noqa: ANN001
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    if str(output_path).endswith(".parquet"):
        pq.write_table(table, str(output_path))
    else:
        pacsv.write_csv(table, str(output_path), write_options=pacsv.WriteOptions(quoting_style="needed"))


def floor_output_once(input_path: str | Path, results_path: str | Path, output_path: str | Path) -> None:
    """Read the input, append the prepared result columns (memory-mapped) and write classify's columns."""
    import pyarrow as pa

    table = _read_input(input_path)  # a Parquet input's columns with their types, as classify writes them
    with pa.memory_map(str(results_path)) as source:
        results = pa.ipc.open_file(source).read_all()
        if results.num_rows != table.num_rows:
            raise SystemExit(f"{results_path} has {results.num_rows} rows, {input_path} {table.num_rows}")
        for name in results.column_names:
            table = table.append_column(name, results.column(name))
        _write(table, output_path)


def prepare_results(classified: str | Path, input_path: str | Path, results_path: str | Path) -> list[str]:
    """Write the result columns of a classify output (those beyond the input's) to an Arrow IPC file.

    A column that classify writes quoted is kept as text, an unquoted one as pyarrow reads it (a
    number), so the floor's writer does the same work as classify's. Returns the columns written.
    """
    import csv

    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    inputs = set(_read_input(input_path).schema.names)
    if str(classified).endswith(".parquet"):
        table = pq.read_table(classified)
        table = table.select([c for c in table.column_names if c not in inputs]).unify_dictionaries().combine_chunks()
    else:
        with open(classified, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
            first = fh.readline()
        names = [c for c in header if c not in inputs]
        quoted = dict(zip(header, [cell.startswith('"') for cell in _raw_cells(first)], strict=False))
        types = {c: pa.string() for c in names if quoted.get(c, True)}
        table = pacsv.read_csv(
            classified,
            convert_options=pacsv.ConvertOptions(include_columns=names, column_types=types, strings_can_be_null=False),
        )
    with pa.OSFile(str(results_path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return table.column_names


def _raw_cells(line: str) -> list[str]:
    """The cells of one CSV line as written (quotes kept), for telling quoted cells from bare ones."""
    cells, cell, quoted = [], "", False
    for ch in line.rstrip("\r\n"):
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            cells.append(cell)
            cell = ""
        else:
            cell += ch
    cells.append(cell)
    return cells


@dataclass
class Measurement:
    """One measured subprocess run."""

    wall_s: float
    max_rss_kb: int
    returncode: int
    stderr: str
    cpu_s: float = float("nan")  # user + system CPU seconds of the child and its threads

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
    parser.add_argument(
        "--once-output", nargs=3, metavar=("INPUT", "RESULTS", "OUTPUT"), help="do the output-columns step once"
    )
    parser.add_argument(
        "--prepare", nargs=3, metavar=("CLASSIFIED", "INPUT", "RESULTS"), help="save a classify output's result columns"
    )
    parser.add_argument(
        "--jemalloc",
        action="store_true",
        help="Arrow's buffers from jemalloc, as classify takes them (poverty_rules/cli/_base.py arrow_memory)",
    )
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="households CSV")
    parser.add_argument("--output", type=Path, help="where to write (default: INPUT.floor.csv)")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs (3)")
    args = parser.parse_args(argv)

    if args.jemalloc:
        import pyarrow as pa

        pa.set_memory_pool(pa.jemalloc_memory_pool())
    if args.once:
        floor_once(*args.once)
        return 0
    if args.once_output:
        floor_output_once(*args.once_output)
        return 0
    if args.prepare:
        print(", ".join(prepare_results(*args.prepare)))
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
