"""Benchmark: the library on typed DataFrame columns against the command line on the same rows (issue #9).

* **library**: ``pr.classify(df, ruleset=rs, as_of=…)`` in this process, ``df`` as
  ``fixtures/generate.py`` makes it (numbers ``int64``/``Int64``, flags ``int8``, text ``str``): the
  typed columns are checked and converted as they are, without a round trip through text.
* **CLI**: ``python -m poverty_rules classify households.csv -o out.csv --as-of … -q`` in a new
  process on the same rows written as CSV (start-up, reading, classifying and writing all timed).

Runs alternate (library, CLI, library, CLI …) and the medians are compared; both must give the same
status counts. Run once and keep the ratio from one run (the machine may be shared):

    python benchmarks/library_bench.py                      # 1,000,000 households, 3 runs each
    python benchmarks/library_bench.py --households 200000 --repeat 3
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import poverty_rules as pr  # noqa: E402

AS_OF = "2025-12-01"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fixtures_generate", ROOT / "fixtures" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(df, preserve_index=False)
    with open(path, "wb") as fh:
        fh.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pacsv.write_csv(table, fh, write_options=pacsv.WriteOptions(include_header=False, quoting_style="needed"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    df = _generator().generate_households(args.households, args.seed)
    rs = pr.load_ruleset(as_of=AS_OF)
    print(
        f"{len(df):,} households, {rs.label}; python {platform.python_version()}, pandas {pd.__version__}, "
        f"pyarrow {pa.__version__}, {os.cpu_count()} cores",
        flush=True,
    )
    lib_times: list[float] = []
    cli_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "households.csv", Path(tmp) / "out.csv"
        _write_csv(df, src)
        cmd = [sys.executable, "-m", "poverty_rules", "classify", str(src), "-o", str(out), "--as-of", AS_OF, "-q"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        lib_counts = cli_counts = None
        for k in range(args.repeat):
            t0 = time.perf_counter()
            result = pr.classify(df, ruleset=rs, as_of=AS_OF)
            lib_times.append(time.perf_counter() - t0)
            lib_counts = result["status"].astype(str).value_counts().sort_index()
            del result
            t0 = time.perf_counter()
            done = subprocess.run(cmd, env=env, check=False)
            cli_times.append(time.perf_counter() - t0)
            if done.returncode != 0:
                raise SystemExit(f"the CLI ended with exit code {done.returncode}")
            if cli_counts is None:
                cli_counts = pd.read_csv(out, usecols=["status"])["status"].value_counts().sort_index()
            print(f"run {k + 1}: library {lib_times[-1]:.2f} s, CLI {cli_times[-1]:.2f} s", flush=True)
    assert lib_counts is not None and cli_counts is not None
    if not lib_counts.to_dict() == cli_counts.to_dict():
        raise SystemExit(f"library and CLI disagree:\n{lib_counts}\n{cli_counts}")
    lib, cli = statistics.median(lib_times), statistics.median(cli_times)
    print(f"statuses (both): {lib_counts.to_dict()}")
    print(
        f"| {len(df):,} | {', '.join(f'{t:.2f}' for t in lib_times)} | {', '.join(f'{t:.2f}' for t in cli_times)} "
        f"| {lib:.2f} / {cli:.2f} = **{lib / cli:.2f}** |"
    )


if __name__ == "__main__":
    main()
