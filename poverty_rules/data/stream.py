"""Reading a household file in batches, for the streaming pipeline: memory bounded by the batch size.

A delimited text file (``data/read.py``'s :class:`~poverty_rules.data.read.HouseholdSource` finds its
encoding, separator and header row) is read in batches of about ``batch_bytes``: a plain UTF-8 file
is cut at line ends into parts parsed by two threads at once (:func:`_parsed_in_parts`, up to its first
quote or NUL byte), any other file and the rest of one holding either by pyarrow's streaming reader
(``pyarrow.csv.open_csv``: blocks of 1 MB parsed by the reading thread, grouped into batches), with
exactly the options of the whole-file reader, and every batch is a :class:`~poverty_rules.data.read.SheetTable`
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
import copy
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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
    arrow_text,
    blank_rows,
    check_code_page_cells,
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
    most = max(batch_bytes // block_bytes, 1)
    if _two_threads(src, batch_bytes):
        tables = _parsed_in_parts(src, batch_bytes, most, (read_options, parse_options, convert_options))
    else:
        try:
            reader = pacsv.open_csv(
                arrow_text(src),
                read_options=read_options,
                parse_options=parse_options,
                convert_options=convert_options,
            )
        except _ARROW_REFUSES as exc:
            raise NotStreamable(str(exc)) from None
        tables = ((table, True) for table in _grouped(reader, most))
    records = skip  # records before the next batch's first (the header's and those above it)
    sent = False
    tail = unnamed_lead(header) + unnamed_tail(header)  # dropped when empty in the whole file: a value in
    # them -> the whole read (which keeps a leading one from the first that holds a value on)
    for table, unchecked in tables:
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
        if src.encoding in ("cp1258", "cp1252"):  # a row saved in UTF-8 among them: refused, named
            check_code_page_cells(SheetTable(table, rows, str(src.path), header_row), src.encoding, src.lang)
            table = pa.table({c: pc.utf8_normalize(table.column(c), "NFC") for c in table.column_names})
        if table.num_rows == 0:
            continue
        sent = True
        part = SheetTable(table, rows, str(src.path), header_row)
        if unchecked:  # a part cut without any quote or NUL byte holds no cell with either (_parsed_in_parts)
            check_no_nul(part, src.lang)
            check_open_quotes(part, len(header), src.separator or ",", src.lang)
        yield part
    if not sent:  # a header and no rows: one empty batch, so the output still has its header
        empty = pa.table({h: pa.array([], pa.string()) for h in header if h not in tail})
        yield SheetTable(empty, np.zeros(0, dtype=np.int64), str(src.path), header_row)


_ARROW_REFUSES = (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, ValueError)
_QUOTE, _LINE_END, _NUL = b'"', b"\n", b"\x00"
#: How far past a part's nominal end its line end is looked for (a longer line: the rest read in one piece).
_LINE_REACH = 1 << 20


def _two_threads(src: HouseholdSource, batch_bytes: int) -> bool:
    """Whether a text file is parsed in parts on two threads (:func:`_parsed_in_parts`): a plain UTF-8 file
    (not compressed, beginning with one byte order mark at most and not ending in DOS end marks: a part is a
    range of its bytes) of at least four batches, on a machine of two cores or more."""
    if (
        src.compression is not None
        or src.end is not None
        or src.start
        or (src.encoding or "utf-8") not in ("utf-8", "utf-8-sig")
    ):
        return False
    if (os.cpu_count() or 1) < 2:
        return False
    try:
        return os.path.getsize(src.path) >= 4 * batch_bytes
    except OSError:
        return False


def _parsed_in_parts(
    src: HouseholdSource,
    batch_bytes: int,
    most: int,
    options: tuple[pacsv.ReadOptions, pacsv.ParseOptions, pacsv.ConvertOptions],
) -> Iterator[tuple[pa.Table, bool]]:
    """A text file's tables, parsed part by part by two threads at once, in file order, each with whether
    its cells are still to be checked: a part holds no quote and no NUL byte (it is cut only in bytes without
    either), so none of its cells holds a line break or a NUL, and neither
    :func:`~poverty_rules.data.read.check_open_quotes` nor :func:`~poverty_rules.data.read.check_no_nul` has
    anything to find in it (together 5-25 ms of the reading thread per batch of 16 MB, passes over every
    column's bytes; ``bytes.find`` in the part, 1 ms).

    pyarrow's streaming reader parses on the thread that reads (``open_csv`` is single-threaded): on a
    million households it was what the classifying thread waited for. Here the file is cut into parts of
    about ``batch_bytes`` at a line end, each part parsed by ``read_csv`` on one of two threads while the
    next is cut, at most two parts in memory besides the one handed on. A line end is a row's end only
    outside quotes: the cut is made only in bytes without any quote character before it, so the file's
    first part holding a quote, and everything after it, is read as before, one block after another
    (:func:`_grouped`). The first part keeps the options' header and rows above it; the others are read
    under the same column names. Row numbers are counted by the caller, table after table, as before.
    """
    first_options, parse_options, convert_options = options
    rest_options = pacsv.ReadOptions(
        column_names=first_options.column_names,
        encoding=first_options.encoding,
        block_size=first_options.block_size,
        use_threads=False,
    )
    size = os.path.getsize(src.path)
    start, first = 0, True
    pending: deque[Future[pa.Table]] = deque()

    unchecked = _without_utf8_check(convert_options)

    def parse(part: pa.Buffer, read_options: pacsv.ReadOptions) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(part),
            read_options=read_options,
            parse_options=parse_options,
            convert_options=unchecked if _utf8(part) else convert_options,
        )

    def taken(future: Future[pa.Table]) -> pa.Table:
        try:
            return future.result()
        except _ARROW_REFUSES as exc:  # a row with more or fewer cells than the header …
            raise NotStreamable(str(exc)) from None

    with pa.OSFile(str(src.path)) as file, ThreadPoolExecutor(2, thread_name_prefix="poverty-rules-parse") as pool:
        while start < size:
            part = _next_part(file, start, size, batch_bytes)
            if part is None:  # a quote in it: the rest is read one block after another
                break
            pending.append(pool.submit(parse, part, first_options if first else rest_options))
            start, first = start + part.size, False
            while len(pending) >= 2:
                yield taken(pending.popleft()), False
        while pending:
            yield taken(pending.popleft()), False
        if start < size:
            file.seek(start)
            try:
                reader = pacsv.open_csv(
                    file,
                    read_options=first_options if first else rest_options,
                    parse_options=parse_options,
                    convert_options=convert_options,
                )
            except _ARROW_REFUSES as exc:
                raise NotStreamable(str(exc)) from None
            yield from ((table, True) for table in _grouped(reader, most))


def _without_utf8_check(options: pacsv.ConvertOptions) -> pacsv.ConvertOptions:
    """A copy of ``options`` with pyarrow's check of every text cell's UTF-8 off (for a part :func:`_utf8`
    found valid)."""
    unchecked = copy.copy(options)
    unchecked.check_utf8 = False
    return unchecked


def _utf8(part: pa.Buffer) -> bool:
    """Whether a part's bytes are valid UTF-8, checked in one pass over the whole part (Arrow's cast of one
    binary value to text). Cells are cut from it at ASCII bytes (separators, line ends), which never fall
    inside a letter's bytes, so every cell of a valid part is valid: pyarrow's check cell by cell is then
    skipped (0.35 -> 0.24 s of parsing per million households; this pass 0.05 s). An invalid part is
    parsed with the check, which fails as before (the file is then read whole, naming the row)."""
    offsets = pa.py_buffer(np.array([0, part.size], dtype=np.int64).tobytes())
    whole = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, part])
    try:
        whole.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _next_part(file: pa.OSFile, start: int, size: int, batch_bytes: int) -> pa.Buffer | None:
    """The file's bytes from ``start`` to the first line end at or after ``batch_bytes`` of them (to the end
    of the file when it comes first), or None when a quote or a NUL byte comes before that line end or no line
    end comes within :data:`_LINE_REACH` after it (the caller then reads the rest as one stream, whose batches
    are checked for a quote left open and a NUL in a cell, which stops the file naming its row).

    The line end and the quote are searched in the bytes as read (``bytes.find``, a ``memchr``), not by
    comparing every byte in numpy: that made a 16 MB array of booleans per part, 6-10 ms of the reading
    thread per part against 0.3 ms (about 0.1 s of a 1M-household file's reading, before its first batch
    too). The bytes are handed on as they are (``pa.py_buffer`` does not copy them)."""
    wanted = min(batch_bytes + _LINE_REACH, size - start)
    data = file.read_at(wanted, start)
    line_end = data.find(_LINE_END, batch_bytes)  # -1 when the part is shorter (the file's end)
    if line_end >= 0:
        end = line_end + 1
    elif start + wanted == size:  # these bytes run to the end of the file
        end = len(data)
    else:
        return None
    if data.find(_QUOTE, 0, end) >= 0 or data.find(_NUL, 0, end) >= 0:
        return None
    return pa.py_buffer(data).slice(0, end)


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
        except _ARROW_REFUSES as exc:
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
