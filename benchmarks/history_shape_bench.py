"""How the history stores a review's rows: one SQL row per household, narrow integer rows, or Arrow blocks.

Usage: ``python benchmarks/history_shape_bench.py [--rows 1000000] [--repeat 3] [--record]``

Issue #11: a 1M review spent most of its time binding a million rows of ~24 columns into SQLite and
reading them back. Three shapes of the same rows, written into a fresh SQLite file in one transaction
and read back (the columns a review compares: code, status, recognition date, change reason, village,
transition), alternating, ``--repeat`` times each, medians:

- ``rows``: the schema-7 ``results`` table (WITHOUT ROWID, primary key review, unit, code), one
  ``executemany`` of every column;
- ``narrow``: an integer row per household (code number, status code, day number, flags) — the
  describing text columns would still need a home, so this is a lower bound for that shape;
- ``blocks``: what the store does since migration 8 (review/blocks.py): the columns as an Arrow table,
  zstd IPC blocks of 262,144 rows, one INSERT each; read back decoding only the columns asked for.

Each shape starts from its columns already converted (Python values for the SQL shapes, Arrow arrays
for the blocks): only the write and the read are timed. Synthetic rows (deterministic): codes
``0000000``…, 200 villages, 4 statuses, 60 deprivation lists, about 50,000 head names. Files go to
``--work`` (default ``benchmarks/data/history_shape/``).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run_classify_bench import append_entry, entry_head  # noqa: E402

from poverty_rules.review import blocks  # noqa: E402

_TEXT = [f.name for f in blocks.SCHEMA if f.name != "household_id" and not pa.types.is_integer(f.type)]
_NARROW = ["household_id", "status", "recognized_on", "change_reason", "village", "transition"]


def _columns(n: int) -> dict[str, list[object]]:
    """The synthetic rows, column by column, as Python values (what the schema-7 store bound)."""
    rng = np.random.default_rng(11)

    def pick(values: list[object]) -> list[object]:
        return [values[i] for i in rng.integers(0, len(values), n)]

    columns: dict[str, list[object]] = {"household_id": [f"{i:07d}" for i in range(n)]}
    columns["village"] = pick([f"Thôn {i}" for i in range(200)])
    columns["status"] = pick(["poor", "near_poor", "average", "not_poor"])
    columns["deprived"] = pick([None, *(f"water;sanitation;d{i}" for i in range(59))])
    columns["deprivation_count"] = [int(v) for v in rng.integers(0, 10, n)]
    columns["local_deprivation_count"] = [None] * n
    columns["decided_by"] = pick(["income_and_deprivation", "income", "deprivation"])
    columns["recognized_on"] = pick([None, None, None, "2025-12-10"])
    columns["head_name"] = [f"Nguyễn Văn {i % 50_000}" for i in range(n)]
    columns["transition"] = pick([None, None, "escaped_poverty", "new_poor", "relapsed_poor"])
    for name in _TEXT:
        if name not in columns:
            columns[name] = pick([None, f"{name} 1", f"{name} 2"])
    return columns


def _rows_shape(path: Path, columns: dict[str, list[object]]) -> tuple[float, float]:
    names = list(blocks.SCHEMA.names)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE results (review_id INTEGER, unit TEXT, "
        + ", ".join(f"{f.name} {'INTEGER' if pa.types.is_integer(f.type) else 'TEXT'}" for f in blocks.SCHEMA)
        + ", PRIMARY KEY (review_id, unit, household_id)) WITHOUT ROWID"
    )
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    n = len(columns["household_id"])
    conn.executemany(
        f"INSERT INTO results VALUES (1, 'u', {', '.join('?' * len(names))})",
        zip(*(columns[name] for name in names), strict=True),
    )
    conn.execute("COMMIT")
    written = time.perf_counter()
    rows = conn.execute(f"SELECT {', '.join(_NARROW)} FROM results WHERE review_id = 1 AND unit = 'u'").fetchall()
    assert len(rows) == n
    read = time.perf_counter()
    conn.close()
    return written - start, read - written


def _narrow_shape(path: Path, columns: dict[str, list[object]]) -> tuple[float, float]:
    n = len(columns["household_id"])
    status = {"poor": 0, "near_poor": 1, "average": 2, "not_poor": 3}
    codes = np.arange(n).tolist()
    statuses = [status[str(s)] for s in columns["status"]]
    days = [None if d is None else 20432 for d in columns["recognized_on"]]
    flags = [0 if t is None else 1 for t in columns["transition"]]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE results (review_id INTEGER, unit INTEGER, household INTEGER, status INTEGER, "
        "recognized INTEGER, flags INTEGER, PRIMARY KEY (review_id, unit, household)) WITHOUT ROWID"
    )
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO results VALUES (1, 1, ?, ?, ?, ?)", zip(codes, statuses, days, flags, strict=True))
    conn.execute("COMMIT")
    written = time.perf_counter()
    rows = conn.execute(
        "SELECT household, status, recognized, flags FROM results WHERE review_id = 1 AND unit = 1"
    ).fetchall()
    assert len(rows) == n
    read = time.perf_counter()
    conn.close()
    return written - start, read - written


def _blocks_shape(path: Path, columns: dict[str, list[object]]) -> tuple[float, float]:
    n = len(columns["household_id"])
    arrays = {name: pa.array(values) for name, values in columns.items()}  # as a review's columns arrive
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE result_blocks (review_id INTEGER, unit TEXT, part INTEGER, rows INTEGER, data BLOB, "
        "PRIMARY KEY (review_id, unit, part))"
    )
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    table = blocks.table_of(arrays, n)
    conn.executemany("INSERT INTO result_blocks VALUES (1, 'u', ?, ?, ?)", [tuple(p) for p in blocks.encode(table)])
    conn.execute("COMMIT")
    written = time.perf_counter()
    data = [
        r[0] for r in conn.execute("SELECT data FROM result_blocks WHERE review_id = 1 AND unit = 'u' ORDER BY part")
    ]
    assert blocks.decode(data, _NARROW).num_rows == n
    read = time.perf_counter()
    conn.close()
    return written - start, read - written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "data" / "history_shape")
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    columns = _columns(args.rows)
    shapes: dict[str, Callable[[Path, dict[str, list[object]]], tuple[float, float]]] = {
        "rows (schema 7)": _rows_shape,
        "narrow integer rows": _narrow_shape,
        "blocks (schema 8)": _blocks_shape,
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in shapes}
    sizes: dict[str, int] = {}
    for i in range(args.repeat):
        for j, (name, shape) in enumerate(shapes.items()):
            path = args.work / f"shape{j}.db"
            path.unlink(missing_ok=True)
            times[name].append(shape(path, columns))
            sizes[name] = path.stat().st_size
            print(
                f"{name} run {i + 1}: write {times[name][-1][0]:.2f} s, read {times[name][-1][1]:.2f} s",
                file=sys.stderr,
            )
            path.unlink()
    table = ["| shape | write runs (s) | median write (s) | median read (s) | file (MB) |", "|---|---|---|---|---|"]
    for name, runs in times.items():
        write = statistics.median(r[0] for r in runs)
        read = statistics.median(r[1] for r in runs)
        walls = ", ".join(f"{r[0]:.2f}" for r in runs)
        table.append(f"| {name} | {walls} | {write:.2f} | {read:.2f} | {sizes[name] / 1e6:.0f} |")
    print("\n".join(table))
    if args.record:
        entry = [
            *entry_head(f"history storage shapes, {args.rows:,} rows"),
            f"- {args.repeat} runs of each shape, alternating, each into a fresh SQLite file in one transaction;"
            " read = the columns a review compares, back into Python/Arrow",
            "",
            *table,
            "",
        ]
        append_entry(args.results, entry)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
