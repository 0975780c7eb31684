"""Classifying a household file as a stream: memory bounded by the batch size, not by the file.

Four stages run at once on their own threads, handing batches over bounded queues, so reading,
classifying and writing overlap on both cores (pyarrow's CSV reader and writer and most numpy
kernels release the GIL):

1. **read** (:class:`poverty_rules.data.stream.ReadAhead` over
   :func:`~poverty_rules.data.stream.open_batches`): pyarrow's streaming CSV reader over
   ``data/read.py``'s opened file (other formats read whole, then sliced), at most
   ``READ_AHEAD_BYTES`` of batches waiting; the command line starts it before it imports this
   module, so the file is being parsed while the engine is imported and the ruleset loaded;
2. **check the keys** (:class:`_KeysAhead`): each batch's household keys looked up in, and added to,
   :class:`~poverty_rules.data.ids.SeenCodes` (:func:`~poverty_rules.data.normalize.check_keys`), in
   file order, while the classifying thread reads the batch's other cells (it waits for the check
   only when it lists the batch's rejects), so that a household code used in an earlier batch is still
   rejected, naming the row that used it first (12 bytes per household; see
   :mod:`poverty_rules.data.ids`). On the classifying thread this was a third of its work (hashing,
   sorting and merging are numpy and Arrow kernels, which run beside the classifying);
3. **classify** (this thread): :func:`poverty_rules.pipeline.run.run` on each batch with its keys'
   check, exactly as on a whole table (each batch carries its rows' numbers in the file, which the
   rejects name);
4. **write**: each batch's classified rows and rejects are encoded and appended to temporary files
   (:func:`poverty_rules.data.append.atomic_output`: CSV, or Parquet one row group per batch),
   renamed into place only when the whole file is done — a failure half-way leaves the previous
   outputs untouched.

A CSV output is byte for byte what the whole-file path writes (``tests/test_stream.py`` checks it on
the sample and on generated files cut into many batches); a Parquet output has the same schema and
values. With a members file listed in the household file's order, each batch is joined to its members
(:mod:`poverty_rules.pipeline.members_stream`, through ``join``); in any other order ``classify --members``
reads both files whole (docs/scale.md).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from ..data.append import AtomicParquet, atomic_output
from ..data.ids import SeenCodes
from ..data.normalize import TrimmedCodes, check_keys
from ..data.output_set import one_set, remove_in_place
from ..data.outputs import writing
from ..data.read import SheetTable
from ..data.stream import BATCH_BYTES, Batches, NotStreamable, ReadAhead, open_batches
from ..errors import InputError
from ..results.tables import classified_table, rejects_table, replaced_note
from ..review.scope import classified_twins_note, place_scope
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.status_ids import STATUSES
from .batch_notes import FileNotes
from .local import unread_notes
from .options import RunOptions
from .run import run

_DEPTH = 2  # batches waiting to be written: memory is about READ_AHEAD_BYTES + (2 + 3) batches at most
_DONE = object()


@dataclass
class StreamSummary:
    """What a streamed run did: counts by status, rows classified and rejected, notes for the officer."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    classified: int = 0
    rejected: int = 0
    batches: int = 0
    notes: list[str] = field(default_factory=list)


class BatchJoin(Protocol):
    """What each batch is joined with before it is classified (:mod:`poverty_rules.pipeline.members_stream`:
    its members): the batch's options, its result seen, and the end of the file. Raising
    :class:`NotStreamable` from any of them aborts the run (the caller takes the whole-file path).
    ``source``: how the batches' notes name the joined file (``tv.csv (tệp thành viên)``)."""

    source: str

    def options(self, part: SheetTable, options: RunOptions) -> RunOptions: ...

    def joined(self, result: Any) -> None: ...

    def finish(self, summary: StreamSummary) -> None: ...


class _Stage(threading.Thread):
    """A daemon thread feeding or draining a bounded queue; its failure is re-raised by the caller."""

    def __init__(self, target: Callable[[], None]) -> None:
        super().__init__(daemon=True)
        self._target_call = target
        self.error: BaseException | None = None
        self._ended = threading.Event()

    def run(self) -> None:
        try:
            self._target_call()
        except BaseException as exc:  # re-raised in the classifying thread
            self.error = exc
        finally:
            self._ended.set()

    def join(self, timeout: float | None = None) -> None:
        """Wait until the stage's work has ended.

        Not :meth:`threading.Thread.join`: in CPython before 3.13, a Ctrl-C (or SIGTERM,
        cli/_base.py) arriving while ``Thread.join`` waits marks the thread as ended while it still
        runs, so the second ``join`` of the cleanup returned at once and the outputs were aborted
        while the writer still wrote: its rejects file was created again after the abort and stayed
        beside the outputs as ``.x.rejects.csv.*.tmp``. An event's wait stays true to the thread."""
        self._ended.wait(timeout)


def _put(q: queue.Queue[Any], item: object, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            q.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


class BatchCheck:
    """One batch's key check, done on the key-checking thread (:class:`_KeysAhead`): called, it waits for the
    check and gives its first rows (:func:`~poverty_rules.data.normalize.check_keys`, None when not done);
    :meth:`codes` waits only for the batch's codes, trimmed at the check's start (None when not trimmed),
    which the classifying thread's normalize takes instead of trimming them again (about 1 ms a batch of the
    critical thread's CPU)."""

    def __init__(self) -> None:
        self._codes: Future[TrimmedCodes | None] = Future()
        self._rows: Future[np.ndarray | None] = Future()

    def trimmed(self, codes: TrimmedCodes) -> None:
        self._codes.set_result(codes)

    def done(self, first_rows: np.ndarray | None) -> None:
        if not self._codes.done():  # the check did not trim them (no code column, an error, not checked)
            self._codes.set_result(None)
        self._rows.set_result(first_rows)

    def codes(self) -> TrimmedCodes | None:
        return self._codes.result()

    def __call__(self) -> np.ndarray | None:
        return self._rows.result()


class _KeysAhead:
    """The batches of a stream, each with its household keys' check (:func:`check_keys`) run by a
    thread of its own, in file order, while the batch is classified (at most ``depth`` batches waiting).

    Iterating gives ``(batch, first_rows)`` as soon as a batch is read; ``first_rows()`` waits for its
    check and gives the result, or None from the first batch the check could not do (bad headers: the
    classifying thread's :func:`~poverty_rules.data.normalize.normalize` then checks against ``seen``
    itself and says what is wrong, where a direct run would). What reading raised is raised by the
    iteration, after the batches read before it. :meth:`close` stops the thread.
    """

    def __init__(self, parts: Iterable[SheetTable], seen: SeenCodes, source: str, lang: str, depth: int = 2) -> None:
        self.seen = seen
        self.places: list[pd.DataFrame] = []  # the checked batches' distinct place cells (their communes)
        self.all_placed = True  # every batch's places known (False: a batch the check could not do)
        self._queue: queue.Queue[Any] = queue.Queue(depth)
        self._stop = threading.Event()
        self._thread = _Stage(partial(self._check, parts, seen, source, lang))
        self._thread.start()

    def _check(self, parts: Iterable[SheetTable], seen: SeenCodes, source: str, lang: str) -> None:
        checking = True
        try:
            for part in parts:
                check = BatchCheck()
                if not _put(self._queue, (part, check), self._stop):
                    return
                first_rows = None
                try:
                    if checking:
                        first_rows = check_keys(
                            part, seen, source=source, lang=lang, places=self.places, trimmed=check.trimmed
                        )
                except Exception:  # the classifying thread's normalize raises it again, in its words
                    first_rows = None
                finally:
                    checking = first_rows is not None
                    self.all_placed = self.all_placed and checking
                    check.done(first_rows)
        except BaseException as exc:  # a reading error: raised by the taker after the batches before it
            _put(self._queue, exc, self._stop)
            return
        _put(self._queue, _DONE, self._stop)

    def __iter__(self) -> Iterator[tuple[SheetTable, BatchCheck]]:
        while True:
            try:
                item = self._queue.get(timeout=0.1)
            except queue.Empty:
                if not self._thread.is_alive() and self._queue.empty():
                    raise RuntimeError("the key-checking thread stopped") from self._thread.error
                continue
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def classify_file(
    path: str | Path,
    output: str | Path,
    rejects_path: str | Path,
    ruleset: Ruleset,
    options: RunOptions,
    *,
    bom: bool = True,
    batch_bytes: int = BATCH_BYTES,
    sheet: str | None = None,
    encoding: str | None = None,
    labels: bool = False,
    progress: Callable[[int], None] | None = None,
    ahead: ReadAhead | None = None,
    join: BatchJoin | None = None,
    rows_required: bool = False,
) -> StreamSummary:
    """Classify a household file batch by batch into ``output`` (and ``rejects_path`` if rows are bad).

    Raises what a whole-file run raises (:class:`~poverty_rules.errors.InputError` …); then neither
    output is touched. ``options.members`` must be None (a members file is joined through ``join``). A text
    file the streaming reader cannot take (ragged rows …) is read again whole, from the start.
    ``ahead``: the file already being read (a :class:`ReadAhead` of ``path`` with the same batch
    size, sheet, encoding and language, streamed), as the command line starts it; closed here.
    ``join``: what each batch is joined with (a members file read alongside, ``pipeline/members_stream.py``);
    with it, a file the streaming reader cannot take raises :class:`NotStreamable` instead.
    ``rows_required``: a file with no household row (its header alone) raises
    :class:`~poverty_rules.errors.InputError`, nothing written, as the command line refuses it; else its
    output is the header alone.
    """
    if options.members is not None:
        raise ValueError("classify_file streams households only; a members file needs the whole-file path")
    for stream in (True, False):
        if ahead is None or not stream:
            opening = partial(open_batches, path, batch_bytes, sheet=sheet, encoding=encoding, lang=options.lang)
            ahead = ReadAhead(partial(opening, stream=stream))
        try:
            batches = ahead.opened()
            return _classify(
                ahead, batches, path, output, rejects_path, ruleset, options, bom, labels, progress, join, rows_required
            )
        except NotStreamable:
            if join is not None:  # joined batches: the caller's whole-file path instead
                raise
            continue
        finally:
            ahead.close()
    raise AssertionError("unreachable: the whole-file reader always gives batches")  # pragma: no cover


def _classify(
    ahead: ReadAhead,
    batches: Batches,
    path: str | Path,
    output: str | Path,
    rejects_path: str | Path,
    ruleset: Ruleset,
    options: RunOptions,
    bom: bool,
    labels: bool,
    progress: Callable[[int], None] | None,
    join: BatchJoin | None = None,
    rows_required: bool = False,
) -> StreamSummary:
    lang = options.lang
    local = options.local if isinstance(options.local, Ruleset) else None
    summary = StreamSummary()
    said = FileNotes()  # each note once; the notes from the numbers from every batch's figures
    unread = 0  # rows the local standard beside the national one could not read, in every batch
    first_unread: tuple[int | str, str] | None = None  # the first of them: row number and why
    replaced: list[str] = []  # input columns a result column replaces (the same in every batch)
    places: list[pd.DataFrame] = []  # each batch's communes (review/scope.py place_scope)
    stop = threading.Event()
    classified = threading.Event()  # every batch classified: the writer may use the classifying thread's core
    to_write: queue.Queue[Any] = queue.Queue(_DEPTH)
    out = atomic_output(output, bom=bom)
    rej = atomic_output(rejects_path, bom=bom)

    def write() -> None:
        while True:
            try:
                item = to_write.get(timeout=0.1)
            except queue.Empty:
                if stop.is_set():
                    return
                continue
            if item is _DONE:
                return
            kept, rejects = item
            with writing(output, lang):  # the system's refusal (a full disk, a file size limit) said for the file
                out.write(kept, halves=classified.is_set())  # the last parts on both cores
            if rejects is not None:
                with writing(rejects_path, lang):
                    rej.write(rejects)

    writer = _Stage(write)
    writer.start()
    checked = _KeysAhead(ahead, SeenCodes(), str(path), lang)
    try:
        done = 0
        for part, first_rows in checked:
            joined = options if join is None else join.options(part, options)
            result = run(
                part,
                ruleset,
                joined,
                source=str(path),
                seen=checked.seen,
                first_rows=first_rows,
                codes=first_rows.codes,
                say_figures=False,
                members_source="<members>" if join is None else join.source,
            )
            if join is not None:
                join.joined(result)
            norm = result.normalized
            kept, clash = classified_table(
                part.table,
                norm,
                result.results,
                labels=labels,
                lang=lang,
                ruleset=ruleset,
                local=local,
                typed=part.typed if isinstance(out, AtomicParquet) else None,  # a Parquet input's types kept
            )
            rejects = None
            if len(norm.rejects):
                parquet = isinstance(rej, AtomicParquet)  # its input columns typed, its row numbers numbers
                typed = part.typed if parquet else None
                rejects = rejects_table(part.table, norm, labels=labels, lang=lang, typed=typed, numbered=parquet)
            said.add(norm)
            if not checked.all_placed:  # the key check's places are the batches' communes, for the note on twins
                places.append(place_scope(norm.frame))
            replaced = replaced or clash
            unread += result.local_unread
            first_unread = first_unread or result.local_unread_first
            _count(summary, result.results["status"], kept.num_rows, len(norm.rejects))
            done += part.num_rows
            summary.batches += 1
            if not _put(to_write, (kept, rejects), stop) or writer.error is not None:
                break
            if progress is not None:
                progress(done)
        classified.set()
        summary.notes[:] = said.whole()  # the file's notes from its numbers among them, as the whole file's
        if join is not None:
            join.finish(summary)  # the members notes
        summary.notes += unread_notes(unread, options, first_unread)  # then the file's count, as the whole file
        if replaced:  # then the replaced columns, as write_classified says it
            summary.notes.append(replaced_note(path, replaced, lang))
        if checked.all_placed and checked.places:  # the communes the key check met, in one small table
            places = [place_scope(pd.concat(checked.places, ignore_index=True))]
        summary.notes += classified_twins_note(places, source=str(path), lang=lang)  # one commune written two ways
        _put(to_write, _DONE, stop)
        writer.join()
        if writer.error is not None:
            raise writer.error
        if rows_required and not summary.classified + summary.rejected:  # its header alone: nothing to classify
            raise InputError.of(W.texts("classify_no_rows", file=str(path)))
        rejected = rej.started  # before its commit, which closes it
        with one_set(lang):  # both in place or neither: a stop between them left the new output by the old rejects
            with writing(output, lang):
                out.commit()
            with writing(rejects_path, lang):
                rej.commit()
            if not rejected and remove_in_place(rejects_path):  # an earlier run's rejects: rows now classified
                summary.notes.append(W.msg("rejects_removed", lang, file=rejects_path))
    except BaseException:
        stop.set()
        ahead.close()
        checked.close()
        writer.join()
        out.abort()
        rej.abort()
        raise
    finally:
        stop.set()
        checked.close()
    if batches.streamed:  # the reader's notes and the empty rows, said once, first, as a whole read says them
        blank = [W.msg("blank_rows", lang, file=str(path), count=batches.blank_rows)] if batches.blank_rows else []
        summary.notes[:0] = [*batches.notes, *blank]
    return summary


def _count(summary: StreamSummary, status: pd.Series, classified: int, rejected: int) -> None:
    """Add a batch's counts by status (``value_counts`` on the categorical column: the per-batch
    ``to_numpy()`` into Python strings and one comparison per status took 0.12 s of the classifying
    thread per 1M households, with the GIL held; this takes 0.005 s)."""
    for s, n in status.value_counts(sort=False).items():
        if s in summary.counts:
            summary.counts[s] += int(n)
    summary.classified += classified
    summary.rejected += rejected
