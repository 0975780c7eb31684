"""Reading a household file in batches, for the streaming pipeline: memory bounded by the batch size.

A delimited text file (``data/read.py``'s :class:`~poverty_rules.data.read.HouseholdSource` finds its
encoding, separator and header row) is read with pyarrow's streaming reader
(``pyarrow.csv.open_csv``: blocks of 1 MB parsed by the reading thread, grouped into batches of
``batch_bytes``) with exactly the
options of the whole-file reader, and every batch is a :class:`~poverty_rules.data.read.SheetTable`
with the file's row numbers; empty rows are skipped and counted as a whole read does. When the fast
reader cannot take the file (a row with more or fewer cells than the header, a cell pyarrow refuses)
the batches raise :class:`NotStreamable` and the caller starts again from
:meth:`~poverty_rules.data.read.HouseholdSource.batches`, which reads the file whole with the exact
row numbers and messages. A Parquet file is read row group by row group
(``ParquetFile.iter_batches``), never whole; spreadsheets go through ``HouseholdSource.batches``.

:class:`ReadAhead` reads the batches on a thread of its own from the moment it is made, so that
reading overlaps whatever its caller does meanwhile: ``classify`` makes one as soon as it has checked
its options, then imports the engine and loads the ruleset while the file is parsed (pyarrow's reader
holds no lock Python needs), then classifies and writes while the rest is read. At most
``READ_AHEAD_BYTES`` of batches wait to be taken: memory is bounded by bytes, not by the file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .read import (
    PARQUET,
    TEXT,
    HouseholdSource,
    SheetTable,
    arrow_csv_options,
    blank_rows,
    check_no_nul,
    check_open_quotes,
    empty_column,
    open_table,
    parquet_batches,
    text_header,
    unnamed_lead,
    unnamed_tail,
)

BATCH_BYTES = 16 << 20  # about 130,000 households of a typical commune file per batch
MEMBERS_BATCH_BYTES = 4 << 20  # with a members file (3.8 members each): about 40,000 households per batch
BLOCK_BYTES = 1 << 20  # what pyarrow parses at once; a batch is batch_bytes // BLOCK_BYTES blocks
WHOLE_BATCH_ROWS = 250_000
ROW_BYTES = 128  # a household's row in a text file, about: a Parquet batch has batch_bytes / 128 rows
#: How much lower the reading thread's priority is than the rest of the process (Linux ``nice``; 0: none)
READ_NICE = 10
READ_AHEAD_BYTES = 64 << 20  # batches read and not yet taken, in Arrow bytes (about 40 MB of a CSV file)


class NotStreamable(Exception):
    """The fast reader cannot take this file: read it whole instead (internal, never shown to users)."""


@dataclass
class Batches:
    """A household file opened for reading in batches."""

    source: HouseholdSource
    streamed: bool
    batches: Iterator[SheetTable]
    blank_rows: int = 0  # empty rows skipped so far (streamed text files)
    notes: list[str] = field(default_factory=list)  # the reader's notes (encoding …), said once

    def __iter__(self) -> Iterator[SheetTable]:
        return self.batches


def open_batches(
    path: str | Path,
    batch_bytes: int = BATCH_BYTES,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    lang: str = "en",
    stream: bool = True,
) -> Batches:
    """Open a household file for reading in batches (``stream=False``: the whole-file reader, sliced).

    Raises :class:`~poverty_rules.errors.InputError` as a whole read does for what it can see at
    opening (missing file, header); a streamed text file may raise :class:`NotStreamable` later.
    """
    src = open_table(path, sheet=sheet, encoding=encoding, lang=lang)
    if stream and src.format == PARQUET:  # row group by row group, about batch_bytes of text each
        return Batches(src, True, parquet_batches(src, max(batch_bytes // ROW_BYTES, 1)))
    if not stream or src.format != TEXT:
        return Batches(src, False, src.batches(WHOLE_BATCH_ROWS))
    header, skip, header_row = text_header(src)
    out = Batches(src, True, iter(()), notes=list(src.notes))
    out.batches = _text_batches(src, out, header, skip, header_row, batch_bytes)
    return out


def _text_batches(
    src: HouseholdSource, out: Batches, header: list[str], skip: int, header_row: int, batch_bytes: int
) -> Iterator[SheetTable]:
    block_bytes = max(min(BLOCK_BYTES, batch_bytes), 1 << 10)
    read_options, parse_options, convert_options = arrow_csv_options(src, header, skip, block_bytes, threads=False)
    try:
        reader = pacsv.open_csv(
            pa.input_stream(str(src.path), compression=src.compression),
            read_options=read_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, ValueError) as exc:
        raise NotStreamable(str(exc)) from None
    records = skip  # records before the next batch's first (the header's and those above it)
    sent = False
    tail = unnamed_lead(header) + unnamed_tail(header)  # dropped when empty in the whole file: a value in
    # them -> the whole read (which keeps a leading one from the first that holds a value on)
    for table in _grouped(reader, max(batch_bytes // block_bytes, 1)):
        if tail:
            if not all(empty_column(table.column(name)) for name in tail):
                raise NotStreamable("a value in a trailing column without a header")
            table = table.drop_columns(tail)
        rows = np.arange(records + 1, records + 1 + table.num_rows, dtype=np.int64)
        records += table.num_rows
        blank = blank_rows(table)
        if blank is not None:
            table = table.filter(pa.array(~blank))
            rows = rows[~blank]
            out.blank_rows += int(blank.sum())
        if src.encoding in ("cp1258", "cp1252"):
            table = pa.table({c: pc.utf8_normalize(table.column(c), "NFC") for c in table.column_names})
        if table.num_rows == 0:
            continue
        sent = True
        part = SheetTable(table, rows, str(src.path), header_row)
        check_no_nul(part, src.lang)
        check_open_quotes(part, len(header), src.separator or ",", src.lang)
        yield part
    if not sent:  # a header and no rows: one empty batch, so the output still has its header
        empty = pa.table({h: pa.array([], pa.string()) for h in header if h not in tail})
        yield SheetTable(empty, np.zeros(0, dtype=np.int64), str(src.path), header_row)


def _grouped(reader: pacsv.CSVStreamingReader, most: int) -> Iterator[pa.Table]:
    """The parsed blocks grouped into tables of ``most`` blocks (the last one what is left).

    Every batch costs the classifying thread a fixed ~10 ms besides its rows, so batches are full
    from the first: 8 batches per 1M households instead of 11 when they grew 1, 2, 4 … blocks (a
    small first batch let classifying start early when reading started after the imports; now
    :class:`ReadAhead` has parsed tens of MB by the time the classifier is ready). Blocks are parsed
    by the reading thread itself, one after another (on pyarrow's pool they were parsed all at once).
    """
    group: list[pa.RecordBatch] = []
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            break
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, ValueError) as exc:
            raise NotStreamable(str(exc)) from None  # a row with more or fewer cells than the header …
        group.append(batch)
        if len(group) >= most:
            yield pa.Table.from_batches(group)
            group = []
    if group:
        yield pa.Table.from_batches(group)


def _held(part: SheetTable) -> int:
    """The Arrow bytes a batch holds while it waits: its text, and a Parquet batch's typed columns too
    (``SheetTable.typed``, kept for a Parquet output)."""
    return part.table.nbytes + (part.typed.nbytes if part.typed is not None else 0)


class ReadAhead:
    """A household file read in batches by a thread of its own, started at once: ``opening`` opens it
    (:func:`open_batches` with its arguments, e.g. a ``functools.partial``) on that thread.

    :meth:`opened` waits until the file is open and raises what opening raised
    (:class:`~poverty_rules.errors.InputError` …), so a caller sees those errors where a direct
    :func:`open_batches` would have raised them; iterating gives the batches in order, then raises
    what reading raised (:class:`NotStreamable` …) after the batches read before it. The thread waits
    while ``ahead_bytes`` of batches (Arrow bytes; at least one batch) are waiting to be taken.
    :meth:`close` stops it (safe to call more than once, and before the file is read to its end).
    """

    def __init__(self, opening: Callable[[], Batches], ahead_bytes: int = READ_AHEAD_BYTES) -> None:
        self._ahead_bytes = ahead_bytes
        self._ready = threading.Condition()
        self._waiting: deque[SheetTable] = deque()
        self._bytes = 0
        self._finished = False
        self._stopped = False
        self._error: BaseException | None = None
        self._opened = threading.Event()
        self._batches: Batches | None = None
        self._thread = threading.Thread(target=self._read, args=(opening,), daemon=True, name="poverty-rules-read")
        self._thread.start()

    def _read(self, opening: Callable[[], Batches]) -> None:
        _lower_priority(READ_NICE)
        try:
            self._batches = opening()
            self._opened.set()
            for part in self._batches:
                with self._ready:
                    while self._waiting and self._bytes >= self._ahead_bytes and not self._stopped:
                        self._ready.wait()
                    if self._stopped:
                        return
                    self._waiting.append(part)
                    self._bytes += _held(part)
                    self._ready.notify_all()
        except BaseException as exc:  # raised again in the taking thread, after the batches before it
            self._error = exc
        finally:
            self._opened.set()
            with self._ready:
                self._finished = True
                self._ready.notify_all()

    def opened(self) -> Batches:
        """The file as opened by :func:`open_batches` (waits for it; raises what opening raised)."""
        self._opened.wait()
        if self._batches is None:
            assert self._error is not None
            raise self._error
        return self._batches

    def __iter__(self) -> Iterator[SheetTable]:
        while True:
            with self._ready:
                while not self._waiting and not self._finished:
                    self._ready.wait()
                if not self._waiting:
                    if self._error is not None:
                        raise self._error
                    return
                part = self._waiting.popleft()
                self._bytes -= _held(part)
                self._ready.notify_all()
            yield part

    def waiting(self) -> tuple[int, int]:
        """Batches read and not yet taken: (how many, their Arrow bytes)."""
        with self._ready:
            return len(self._waiting), self._bytes

    def close(self) -> None:
        """Stop reading and let the waiting batches go."""
        with self._ready:
            self._stopped = True
            self._waiting.clear()
            self._bytes = 0
            self._ready.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)


def _lower_priority(steps: int) -> None:
    """Lower the calling thread's priority by ``steps`` (Linux, where a thread has its own ``nice``).

    The reading thread runs beside the command's imports and then beside the classifying, key-checking
    and writing threads, on two cores; it only has to stay ahead of the classifying thread, which is
    the run's critical path. Yielding to the others when the cores are contended: 1.34 -> 1.31 s for a
    million households (9 alternating runs each, medians; 10 and 19 steps alike), peak 523 -> 484 MiB.
    Elsewhere (``setpriority`` of a thread id would name a process) nothing is done.
    """
    if steps and sys.platform == "linux":
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, 0) + steps)
