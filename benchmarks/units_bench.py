"""Time the commune unit of every row of a household file: the data path (``data/ids.py``
``key_columns``) and the review's (``review/scope.py`` ``household_units``), median of repeats.

Run it once per code version to compare, alternating, e.g. from a worktree:
``PYTHONPATH=. python benchmarks/units_bench.py benchmarks/data/households_1m.csv after``.
"""

from __future__ import annotations

import sys
import time

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv

from poverty_rules.data.ids import household_keys, key_columns
from poverty_rules.review.scope import household_units


def _median(run: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return sorted(times)[repeat // 2]


def main(path: str, label: str, repeat: int = 7) -> None:
    head = pd.read_csv(path, nrows=0).columns
    columns = [c for c in ("household_id", "province_code", "commune_code", "province", "commune") if c in head]
    types = {c: pa.string() for c in columns}
    options = pcsv.ConvertOptions(include_columns=columns, column_types=types, strings_can_be_null=False)
    table = pcsv.read_csv(path, convert_options=options)
    texts = {k: table.column(k).combine_chunks() for k in household_keys(table)}
    frame = table.to_pandas()
    data = _median(lambda: key_columns(texts), repeat)
    review = _median(lambda: household_units(frame), repeat)
    print(f"{label}: rows {table.num_rows}, key_columns {data:.4f} s, household_units {review:.4f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
