"""Writing a CSV or Parquet file batch by batch, atomically: a temporary file in the target folder,
renamed when done.

The streaming pipeline writes each batch as soon as it is classified; readers still see either the
old file or the complete new one (fsync, then ``os.replace``), as with
:func:`poverty_rules.data.write.write_csv_atomic`. A CSV's bytes are the same as writing the whole
table at once (same writer options; the header only before the first batch); a Parquet file has one
row group per batch and the same schema and values as :func:`~poverty_rules.data.write.write_table`
writes (:func:`~poverty_rules.data.write.parquet_types`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa

from .._late import late_module
from .output_set import put_in_place
from .write import parquet_types, write_csv_part

_HALVES_FROM = 32_768  # rows from which a CSV part may be encoded in two halves at once (AtomicCsv.write)


class AtomicFile:
    """A file being written in parts; :meth:`commit` puts it in place, :meth:`abort` leaves no trace.

    Nothing is created until the first part (a rejects file appears only if some row is rejected).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._tmp: str | None = None
        self._fh: pa.NativeFile | None = None
        self.rows = 0
        self._syncer: ThreadPoolExecutor | None = None  # puts the parts on disk (_settle), made with the first part
        self._syncing: Future[None] | None = None  # the part being put on disk, if any

    @property
    def started(self) -> bool:
        return self._fh is not None

    def _open(self) -> pa.NativeFile:
        """The temporary file, as an Arrow output stream (pyarrow's writers write into it directly,
        with no copy of each part in Python's memory first)."""
        if self._fh is None:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            os.close(fd)
            self._fh = pa.OSFile(os.fsencode(self._tmp), "wb")  # a name not in UTF-8 (h\xf4.csv) as its bytes
        return self._fh

    def _finish(self) -> None:
        """Whatever the format writes after the last part (nothing for a CSV)."""

    def _close_threads(self) -> None:
        """Stop the threads the format's writing uses, if any, and the one that puts parts on disk (after the
        part it is putting there: :meth:`_synced`)."""
        if self._syncer is not None:
            with contextlib.suppress(OSError):  # a commit asks first (raising it); an abort needs no answer
                self._synced()
            self._syncer.shutdown(wait=True)
            self._syncer = None

    def _settle(self) -> None:
        """Have a part just written put on disk (``fdatasync``) by a thread of this file's, while the writing
        thread goes on with the next part: the commit's fsync, which the command waits for, then has only the
        last part left (about 0.07 s less at the end of a 1M-household file). The file stays a temporary one
        until :meth:`commit` renames it.

        The writing thread waited for each part's sync itself: 11-20 ms a part of 125,000 households on the
        benchmark machine, in which it encoded nothing; at the end of a stream, when it is the last stage and
        two parts behind, those waits were the run's. One part at most is being synced: the next waits for it
        (:meth:`_synced`, which also raises what the sync raised: a full disk, said for the file by the
        caller's :func:`~poverty_rules.data.outputs.writing`).

        The synced bytes' pages are then dropped from the page cache (``posix_fadvise`` ``DONTNEED``, where the
        system has it): nothing reads them back, and the next part's writes reuse them. Otherwise every part
        takes fresh pages — the previous output still holds its own until the rename — and on the
        benchmark machine (a virtual machine) taking fresh pages made the write calls 5-6 times slower:
        0.35 -> 0.06 s of a 1M-household ``classify``'s system time, 1.58 -> 1.35 s wall (strace -c;
        7 alternating runs); the floor, which truncates its old output first, reuses its pages."""
        if self._fh is None:
            return
        self._fh.flush()
        self._synced()
        if self._syncer is None:
            self._syncer = ThreadPoolExecutor(1, thread_name_prefix="poverty-rules-sync")
        self._syncing = self._syncer.submit(_put_on_disk, self._fh.fileno(), self._fh.tell())

    def _synced(self) -> None:
        """Wait until the part being put on disk is there; raise what its sync raised."""
        syncing, self._syncing = self._syncing, None
        if syncing is not None:
            syncing.result()

    def commit(self) -> None:
        """Flush, fsync and rename into place (nothing happens if nothing was written)."""
        self._synced()  # what putting the last part on disk raised, raised here
        self._close_threads()
        if self._fh is None or self._tmp is None:
            return
        self._finish()
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.chmod(self._tmp, 0o666 & ~_umask())
        put_in_place(self._tmp, self.path)
        self._fh = None
        self._tmp = None

    def abort(self) -> None:
        """Close and remove the temporary file; the previous file, if any, is untouched."""
        self._close_threads()
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._tmp is not None:
            Path(self._tmp).unlink(missing_ok=True)
            self._tmp = None

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def _put_on_disk(fd: int, size: int) -> None:
    """Put a file's bytes on disk (``fdatasync``), then drop its first ``size`` bytes' pages from the page
    cache (:meth:`AtomicFile._settle`)."""
    getattr(os, "fdatasync", os.fsync)(fd)
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, 0, size, os.POSIX_FADV_DONTNEED)


class AtomicCsv(AtomicFile):
    """A CSV written in parts (a UTF-8 BOM first with ``bom``), the header before the first part only."""

    def __init__(self, path: str | Path, *, bom: bool = False) -> None:
        super().__init__(path)
        self.bom = bom
        self._helper: ThreadPoolExecutor | None = None

    def write(self, table: pa.Table, *, halves: bool = False) -> None:
        """Append a batch (the header first, from this batch's columns, if nothing was written yet).

        ``halves``: encode its two halves at once, the second on a thread of this file's (pyarrow's
        CSV writer holds no GIL while it formats), then write them in order: the same bytes, in about
        half the time when a core is free — as at the end of a stream, when the writing thread is all
        that is left, a part or two behind (pipeline/stream.py).
        """
        first = not self.started
        sink = self._open()
        if first and self.bom:
            sink.write("\ufeff".encode())
        if halves and table.num_rows >= _HALVES_FROM:
            if self._helper is None:
                self._helper = ThreadPoolExecutor(1, thread_name_prefix="poverty-rules-csv")
            half = table.num_rows // 2
            second = self._helper.submit(_encoded, table.slice(half))
            write_csv_part(table.slice(0, half), sink, header=first)
            sink.write(second.result())
        else:
            write_csv_part(table, sink, header=first)
        self.rows += table.num_rows
        self._settle()

    def _close_threads(self) -> None:
        if self._helper is not None:
            self._helper.shutdown(wait=True)
            self._helper = None
        super()._close_threads()


def _encoded(table: pa.Table) -> pa.Buffer:
    """A table's CSV rows without the header, in Arrow's memory."""
    stream = pa.BufferOutputStream()
    write_csv_part(table, stream, header=False)
    return stream.getvalue()


class AtomicParquet(AtomicFile):
    """A Parquet file written in parts, one row group per part, with :func:`parquet_types`' schema."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self._writer: Any = None  # pyarrow.parquet.ParquetWriter, made with the first part

    def write(self, table: pa.Table, *, halves: bool = False) -> None:
        """Append a batch as a row group (every batch has the first one's columns; ``halves`` is for a
        CSV's parts: a row group is encoded whole)."""
        table = parquet_types(table)
        if self._writer is None:
            self._writer = late_module("pyarrow.parquet").ParquetWriter(self._open(), table.schema)
        self._writer.write_table(table)
        self.rows += table.num_rows

    def _finish(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(OSError, pa.ArrowException):  # the file is removed anyway
                self._writer.close()
            self._writer = None
        super().abort()


def atomic_output(path: str | Path, *, bom: bool = False) -> AtomicCsv | AtomicParquet:
    """The writer for ``path``'s format: Parquet for ``.parquet``, else CSV."""
    return AtomicParquet(path) if Path(path).suffix.lower() == ".parquet" else AtomicCsv(path, bom=bom)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
