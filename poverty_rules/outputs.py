"""Writing results: atomically (temporary file in the same folder, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


def write_csv_atomic(table: pa.Table | pd.DataFrame, path: str | Path, *, bom: bool = False) -> None:
    """Write a CSV so that readers see either the old file or the complete new one, never a part.

    ``bom=True`` starts the file with a UTF-8 byte-order mark so Excel opens Vietnamese text correctly.
    """
    path = Path(path)
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table.astype(object).where(table.notna(), ""), preserve_index=False)
        table = table.cast(pa.schema([pa.field(f.name, pa.string()) for f in table.schema]))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if bom:
                fh.write("\ufeff".encode())
            pacsv.write_csv(table, fh, write_options=pacsv.WriteOptions(quoting_style="needed"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
