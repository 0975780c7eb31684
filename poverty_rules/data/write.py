"""Writing results: atomically (temporary file in the same folder, then rename), on every core.

pyarrow's CSV writer uses one core. Large tables are cut into slices that are encoded to CSV bytes
in a small thread pool (pyarrow releases the GIL) and written to the file in order, with at most a
few slices in flight, so memory stays bounded whatever the file size.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

SLICE_ROWS = 100_000


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
            _write_csv(table, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private (0600); a result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _encode(table: pa.Table, header: bool) -> bytes:
    sink = io.BytesIO()
    pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed", include_header=header))
    return sink.getvalue()


def _write_csv(table: pa.Table, fh: BinaryIO) -> None:
    workers = min(os.cpu_count() or 1, 4)
    if table.num_rows <= SLICE_ROWS or workers == 1:
        fh.write(_encode(table, header=True))
        return
    starts = range(0, table.num_rows, SLICE_ROWS)
    pending: deque[Future[bytes]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for start in starts:
            pending.append(pool.submit(_encode, table.slice(start, SLICE_ROWS), start == 0))
            if len(pending) > 2 * workers:
                fh.write(pending.popleft().result())
        while pending:
            fh.write(pending.popleft().result())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
