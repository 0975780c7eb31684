"""Writing a run's results beside the input: the classified file and the rejects file.

Shared by ``classify`` and ``review`` (design.md, "Output"): the input columns unchanged, then the
result columns; rejected rows go to the rejects file with row, column and reason, then the row
exactly as it was. Both files are written atomically (:func:`poverty_rules.outputs.write_csv_atomic`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..data.normalize import Normalized
from ..data.write import write_csv_atomic


def write_classified(
    table: pa.Table,
    norm: Normalized,
    results: pd.DataFrame,
    output: Path,
    rejects_path: Path,
    *,
    source: Path,
    bom: bool,
) -> None:
    """Write the accepted rows with ``results`` appended to ``output``, and the rejects (if any).

    A result column that was also an input column replaces it, with a note in ``norm.notes``.
    """
    kept = table if len(norm.accepted) == table.num_rows else table.take(pa.array(norm.accepted, pa.int64()))
    clash = [c for c in results.columns if c in kept.column_names]
    if clash:
        kept = kept.drop_columns(clash)
        norm.notes.append(f"{source}: column(s) {', '.join(clash)} were in the input and are replaced by this run's")
    for name in results.columns:
        kept = kept.append_column(name, pa.array(results[name]))
    write_csv_atomic(kept, output, bom=bom)
    if len(norm.rejects):
        raw = table.take(pa.array(norm.rejected, pa.int64()))
        info = norm.rejects[["row", "column", "reason"]]
        rejects = pa.table({c: pa.array(info[c].astype(str).to_numpy(), pa.string()) for c in info.columns})
        for name in raw.column_names:  # then the row exactly as it was, to correct and re-import
            header = name if name not in rejects.column_names else f"input_{name}"
            rejects = rejects.append_column(header, raw.column(name))
        write_csv_atomic(rejects, rejects_path, bom=bom)
