"""Write a large file of clean flat households for the classify benchmark.

Usage: ``python benchmarks/make_flat.py [-n 1000000] [--seed 2026] [-o PATH]``

The households come from ``fixtures/generate.py``'s ``generate_households`` (vectorized, no
Python loop per row), so the benchmark input follows the same distribution as the committed
sample, without its blank cells and bad rows. The CSV is written with pyarrow (no
quoting, UTF-8, no BOM, LF) to a temporary file and renamed into place.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path
from types import ModuleType

import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_N = 1_000_000
DEFAULT_OUTPUT = ROOT / "benchmarks" / "data" / "households_1m.csv"


def load_generator() -> ModuleType:
    """Import fixtures/generate.py (the fixtures directory is not a package)."""
    spec = importlib.util.spec_from_file_location("fixtures_generate", ROOT / "fixtures" / "generate.py")
    if spec is None or spec.loader is None:
        raise ImportError("cannot load fixtures/generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_flat(n: int, seed: int, output: Path) -> dict[str, float]:
    """Generate ``n`` households with ``seed`` and write them to ``output``; return timings."""
    gen = load_generator()
    t0 = time.perf_counter()
    df = gen.generate_households(n, seed)
    t1 = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
        # No quotes at all, like an officer's export: pyarrow always quotes the header, so it
        # is written here; quoting_style="none" raises if a value would need quoting
        # (generated values never contain commas, quotes or newlines).
        options = pacsv.WriteOptions(include_header=False, quoting_style="none")
        with open(tmp, "wb") as fh:
            fh.write((",".join(table.column_names) + "\n").encode("utf-8"))
            pacsv.write_csv(table, fh, write_options=options)
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)
    t2 = time.perf_counter()
    return {"generate_s": t1 - t0, "write_s": t2 - t1, "total_s": t2 - t0}


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int, default=DEFAULT_N, help="households (1,000,000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="CSV to write")
    args = parser.parse_args(argv)
    t = make_flat(args.rows, args.seed, args.output)
    size_mb = args.output.stat().st_size / 1e6
    print(
        f"wrote {args.rows:,} households to {args.output} ({size_mb:.1f} MB): "
        f"generate {t['generate_s']:.2f} s, write {t['write_s']:.2f} s, total {t['total_s']:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
