"""The year-end review as a stream: memory bounded by the batch size and a few bytes per household, not
by the file (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5: classify every household, compare it with its last
review, record the review; Quyết định 90/QĐ-TTg 2022: the support window of a recent escape).

The same stages as ``classify``'s stream (pipeline/stream.py), each batch going through the same steps
as a whole-file review (pipeline/run.py ``run_review``, review/yearly.py):

1. **read**: :class:`~poverty_rules.data.stream.ReadAhead`, started by the command line;
2. **classify and compare** (this thread): :func:`~poverty_rules.pipeline.run.run` on the batch (duplicates
   across batches by :class:`~poverty_rules.data.ids.SeenCodes`), each household's commune unit
   (review/scope.py), its history from :class:`~poverty_rules.review.index.HistoryIndex` (a unit's
   history read when its first household appears, kept as a few numbers per household), its movement
   and window (:func:`~poverty_rules.review.yearly.compared_rows`), the movement terms summed per village
   (:class:`~poverty_rules.review.yearly.MovementSums`);
3. **write**: the reviewed rows and the rejects appended to temporary files
   (:func:`~poverty_rules.data.append.atomic_output`), and the batch's rows made ready for the history
   (:func:`~poverty_rules.review.history.prepare_review`: sorted by unit and code, zstd Arrow blocks,
   about 8 bytes per household).

At the end: the households the history knows and no row met (the not-reviewed list, read again unit by
unit), the movements with them, and the record merged unit by unit
(:func:`~poverty_rules.review.history.merge_prepared`); the command checks the scope, renames the files
into place and records the review in one transaction, last, as a whole-file review does. The outputs are
byte for byte the whole-file review's (a Parquet output: the same schema and rows, one row group per batch;
tests/test_review_stream.py). What cannot be streamed (a members
file, a spreadsheet output, a history file of an older schema, an empty file) or stops with an error is
reviewed whole instead: :class:`NotStreamed`.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.append import AtomicCsv, AtomicParquet, atomic_output
from ..data.ids import SeenCodes
from ..data.normalize import NamedPlaces
from ..data.output_set import remove_in_place
from ..data.outputs import OutputError, writing
from ..data.read import SheetTable
from ..data.stream import Batches, NotStreamable, ReadAhead
from ..errors import PovertyRulesError
from ..results.tables import classified_table, rejects_table, replaced_note
from ..review.history import PreparedReview, UnitHistory, merge_prepared, prepare_review
from ..review.index import HistoryIndex
from ..review.scope import SCOPE_COLUMNS, commune_column, file_units, household_unit_categories
from ..review.yearly import (
    PLACE_COLUMNS,
    MovementSums,
    blank_marks,
    compared_rows,
    escape_day_pairs,
    escape_days_note,
    file_escapes,
    kept_windows,
    left_sums,
    local_last,
    movement_sums,
    movement_table,
    rejected_here,
    rejected_households,
    with_rejected_units,
    zero_pairs,
    zero_pairs_note,
)
from ..rules.model import Ruleset
from ..vocabulary import words as W
from .batch_notes import FileNotes
from .local import unread_notes
from .options import RunOptions
from .run import carry_codes, rejected_places, run
from .stream import _DONE, _put, _Stage

_CLASSIFIED_AHEAD = 2  # batches classified and waiting for their history's read, at most
_DEPTH = 2


class NotStreamed(Exception):
    """This review cannot be streamed, or its stream stopped with an error: review the file whole (which
    says the same error in the same words). Internal, never shown to users."""


@dataclass
class StreamedReview:
    """A streamed review done, its reviewed and rejects files written but not yet in place (:meth:`commit`)."""

    scope: pd.DataFrame  # the communes it covers (scope.SCOPE_COLUMNS)
    movements: pd.DataFrame
    not_reviewed: pd.DataFrame
    rejected: int
    notes: list[str]
    prepared: PreparedReview  # its parts in a temporary file until :meth:`close`
    outputs: list[AtomicCsv | AtomicParquet] = field(default_factory=list)
    spill: _Spill | None = None

    def commit(self, lang: str = "en", *, reviewed: bool = True) -> None:
        """Put the reviewed and rejects files in place (the system's refusal said for the file, in ``lang``);
        with no reject, an earlier rejects file there is removed (inside ``one_set``: with the set), with a note.
        ``reviewed=False`` (every row rejected, nothing recorded): the reviewed file is dropped, an earlier one
        left as it was, and the rejects alone put in place."""
        rejects = self.outputs[1] if len(self.outputs) > 1 else None
        rejected = rejects is not None and rejects.started  # before its commit, which closes it
        for i, out in enumerate(self.outputs):
            if i == 0 and not reviewed:
                out.abort()
                continue
            with writing(out.path, lang):
                out.commit()
        if rejects is not None and not rejected and remove_in_place(rejects.path):  # rows now reviewed
            self.notes.append(W.msg("rejects_removed", lang, file=rejects.path))

    def abort(self) -> None:
        """Remove the files written: the previous ones stay."""
        for out in self.outputs:
            out.abort()
        self.close()

    def close(self) -> None:
        """Remove the history's parts waiting (once the review is recorded)."""
        if self.spill is not None:
            self.spill.close()


class _Spill:
    """The history's encoded parts waiting for the record, in an unnamed temporary file beside the output
    (removed when closed, or when the process ends, whatever happens): memory keeps where each part is."""

    def __init__(self, folder: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 -- closed by close(), or with the process
        self._end = 0
        self._lock = threading.Lock()

    def put(self, data: bytes) -> tuple[int, int]:
        """Write ``data`` away: where it is (offset, length)."""
        with self._lock:
            offset = self._end
            self._end += len(data)
        os.pwrite(self._file.fileno(), data, offset)
        return offset, len(data)

    def get(self, where: tuple[int, int]) -> bytes:
        """The data written at ``where``."""
        offset, length = where
        return os.pread(self._file.fileno(), length, offset)

    def away(self, prepared: PreparedReview) -> PreparedReview:
        """``prepared`` with its parts written away."""
        kept = [
            (unit, [(number, rows, self.put(data)) for number, rows, data in parts]) for unit, parts in prepared.blocks
        ]
        return replace(prepared, blocks=kept)

    def close(self) -> None:
        """Remove the file."""
        self._file.close()


@dataclass
class _Scope:
    """What the review needs to say where each household belongs (review/scope.py)."""

    commune: str | None
    province_code: str | None
    commune_code: str | None


@dataclass
class _Job:
    """One streamed review: its file, outputs, standard, options and history."""

    path: str | Path
    output: str | Path
    rejects_path: str | Path
    ruleset: Ruleset
    options: RunOptions
    review_day: date
    index: HistoryIndex
    store: Callable[[], Any]
    labels: Mapping[str, str]
    where: _Scope
    bom: bool


def review_file(
    path: str | Path,
    output: str | Path,
    rejects_path: str | Path,
    ruleset: Ruleset,
    options: RunOptions,
    review_day: date,
    *,
    db: str | Path,
    store: Callable[[], Any],
    labels: Mapping[str, str],
    commune: str | None = None,
    province_code: str | None = None,
    commune_code: str | None = None,
    bom: bool = True,
    ahead: ReadAhead,
) -> StreamedReview:
    """Review a household file batch by batch (see the module) into ``output`` and ``rejects_path``
    (temporary files until :meth:`StreamedReview.commit`). ``store`` opens the history for the end (the
    describing columns of the households not reviewed, as :meth:`HistoryStore.details` reads them);
    ``labels``: each transition's label in the run's language. Raises :class:`NotStreamed` when the file
    is to be reviewed whole; nothing is then left behind."""
    if options.members is not None:
        raise NotStreamed("members are joined on whole files")
    history = UnitHistory.open(db, review_day)
    if history is None:
        raise NotStreamed("a history file of another schema version")
    index = HistoryIndex(history)
    try:
        batches = ahead.opened()
        job = _Job(
            path,
            output,
            rejects_path,
            ruleset,
            options.with_(as_of=review_day),
            review_day,
            index,
            store,
            labels,
            _Scope(commune, province_code, commune_code),
            bom,
        )
        return _review(ahead, batches, job)
    except OutputError:
        raise  # the system refused an output (a full disk, a size limit): the whole-file review would too
    except (NotStreamable, PovertyRulesError, ValueError, sqlite3.Error, pa.ArrowException) as exc:
        raise NotStreamed(str(exc)) from exc
    finally:
        index.close()


def _taken(items: queue.Queue[Any], stop: threading.Event) -> Iterator[Any]:
    """The items put on ``items`` until the end mark, or until ``stop`` once none is left."""
    while not stop.is_set() or not items.empty():
        try:
            item = items.get(timeout=0.1)
        except queue.Empty:
            continue
        if item is _DONE:
            return
        yield item


def _review(ahead: ReadAhead, batches: Batches, job: _Job) -> StreamedReview:
    path, ruleset, options, review_day, index, where = (
        job.path,
        job.ruleset,
        job.options,
        job.review_day,
        job.index,
        job.where,
    )
    lang = options.lang
    source = str(path)
    overlay = ruleset.label.split("+", 1)[1] if ruleset.extends else None
    stop = threading.Event()
    to_write: queue.Queue[Any] = queue.Queue(_DEPTH)
    out = atomic_output(job.output, bom=job.bom)
    rej = atomic_output(job.rejects_path, bom=job.bom)
    prepared: list[PreparedReview] = []
    spill = _Spill(Path(job.output).parent)

    def write() -> None:
        for kept, rejects, classified, units, scope in _taken(to_write, stop):
            with writing(job.output, lang):  # the system's refusal (a full disk, a size limit) said for the file
                out.write(kept)
            if rejects is not None:
                with writing(job.rejects_path, lang):
                    rej.write(rejects)
            ready = prepare_review(
                review_day, where.commune, ruleset.label, overlay, classified, units=units, scope=scope
            )
            prepared.append(spill.away(ready))

    writer = _Stage(write)
    writer.start()
    reader = ThreadPoolExecutor(max_workers=1)  # a batch's communes' history read while it is classified
    scope_options = {"commune": where.commune, "province_code": where.province_code, "commune_code": where.commune_code}
    sums: MovementSums | None = None
    scopes: list[pd.DataFrame] = []
    places: list[pd.DataFrame] = []
    rejected_ids: list[pd.Series] = []
    fresh: list[tuple[np.ndarray, np.ndarray]] = []  # households new to the history in units it records
    back: list[tuple[np.ndarray, np.ndarray]] = []  # households back after leaving, likewise
    rows = rejected = 0
    said = FileNotes()  # each note once; the notes from the numbers from every batch's figures
    escape_days: list[tuple[str, str, str]] = []
    unread = 0  # rows the local standard beside the national one could not read, in every batch
    first_unread: tuple[int | str, str] | None = None  # the first of them: row number and why
    try:
        seen = SeenCodes()
        # a row leaving its commune or province blank beside rows naming one is rejected (the history keys
        # households by commune); --commune-code places every row of a file without codes
        named = None if (where.commune_code or "").strip() else NamedPlaces()
        pending: deque[tuple[SheetTable, Future[None], Any]] = deque()  # classified, to be compared in order

        def compare(
            part: SheetTable, norm: Any, frame: pd.DataFrame, results: pd.DataFrame, units: Any, scope: Any
        ) -> bool:
            nonlocal sums, escape_days, rows, rejected
            ids = frame["household_id"].astype(str).reset_index(drop=True)
            prior = index.prior(units, ids)
            classified = compared_rows(frame, results, prior, review_day, ruleset)
            escape_days += escape_day_pairs(frame, prior, ids)  # a file's escaped_on the history contradicts
            fresh.append(_new_in_recorded(index, units, ids, prior.known))  # for the note on leading zeros
            back.append(_new_in_recorded(index, units, ids, ~(prior.known & ~prior.in_last)))  # back after leaving
            batch_sums = movement_sums(classified.assign(unit=units))  # two communes of one name apart by code
            sums = batch_sums if sums is None else sums.add(batch_sums)
            shown = classified.drop(columns=["household_id", "village", *PLACE_COLUMNS], errors="ignore")
            shown = local_last(  # the local columns last, as the whole review writes them
                shown.assign(
                    transition_label=shown["transition"].map(job.labels).fillna(""),
                    review_date=review_day.isoformat(),  # as the whole review writes it (cli/_reviewing.py)
                    **commune_column(part.table.column_names, where.commune),
                )
            )
            parquet = isinstance(out, AtomicParquet)  # a Parquet input's columns keep their types, as the whole review
            kept, clash = classified_table(part.table, norm, shown, typed=part.typed if parquet else None)
            rejects = None
            if len(norm.rejects):  # its row numbers whole numbers in a Parquet rejects file, as the whole review's
                typed_rejects = isinstance(rej, AtomicParquet)
                typed = part.typed if typed_rejects else None
                rejects = rejects_table(part.table, norm, typed=typed, numbered=typed_rejects)
            said.add(norm)
            if clash:
                said.note(replaced_note(path, clash, lang))
            if len(norm.rejects):
                places.append(rejected_places(norm, part))
                rejected_ids.append(norm.rejects["household_id"])
            scopes.append(scope)
            rows += part.num_rows
            rejected += len(norm.rejects)
            recorded = classified.assign(blank_marks=blank_marks(frame, ruleset), **file_escapes(frame))  # history only
            return _put(to_write, (kept, rejects, recorded, units, scope), stop) and writer.error is None

        def compare_ready(waiting: int) -> bool:
            """Compare the classified batches whose history is read, in order, and the oldest ones while more
            than ``waiting`` wait (each waits for its history's read, the reading thread's in order)."""
            while pending and (pending[0][1].done() or len(pending) > waiting):
                part, reading, state = pending.popleft()
                reading.result()
                if not compare(part, *state):
                    return False
            return True

        for part in ahead:
            reading = reader.submit(_read_history, index, part.table, scope_options)
            result = run(part, ruleset, options, source=source, seen=seen, say_figures=False, places=named)
            if named is not None and named.late:  # an earlier batch's rows, accepted blank, are to be rejected
                raise NotStreamed("a place left blank in an earlier batch")
            norm = result.normalized
            unread += result.local_unread
            first_unread = first_unread or result.local_unread_first
            carry_codes(norm, part)
            frame = norm.frame
            results = result.results.drop(
                columns=["transition", "escaped_to_near_poor", "eligible_until"], errors="ignore"
            )
            units, scope = household_unit_categories(
                frame,
                commune=where.commune,
                province_code=where.province_code,
                commune_code=where.commune_code,
                source=source,
                lang=lang,
            )
            # the next batches are classified while this one's history is read (a commune's whole history, read
            # with its first batch, took 0.71 s of a million households' review, the classifying thread waiting)
            pending.append((part, reading, (norm, frame, results, units, scope)))
            if not compare_ready(_CLASSIFIED_AHEAD):
                break
        else:
            compare_ready(0)
        _put(to_write, _DONE, stop)
        writer.join()
        if writer.error is not None:
            raise writer.error
        if not rows or sums is None:
            raise NotStreamed("no household rows")
        scope = pd.concat(scopes, ignore_index=True).drop_duplicates("unit").reset_index(drop=True)
        scope = scope[list(SCOPE_COLUMNS)]
        history = job.store()
        try:  # a commune every row of which was rejected stays in the review (its households undetermined)
            scope = with_rejected_units(
                scope, pd.concat(places, ignore_index=True) if places else None, index.recorded,
                commune=where.commune, province_code=where.province_code, commune_code=where.commune_code,
                source=source, lang=lang,
            )  # fmt: skip
            missing = history.details(index.gone(scope["unit"].tolist()))
        finally:
            history.close()
        missing["in_file"] = rejected_here(
            missing,
            pd.concat(rejected_ids, ignore_index=True) if rejected_ids else pd.Series(dtype=object),
            pd.concat(places, ignore_index=True) if places else None,
            commune=where.commune,
            province_code=where.province_code,
            commune_code=where.commune_code,
        )
        missing["eligible_until"] = kept_windows(missing, review_day, ruleset)
        movements = movement_table(sums.add(left_sums(missing, farm=sums.farm)))
        new_units = np.concatenate([u for u, _ in fresh]) if fresh else np.zeros(0, dtype=object)
        new_ids = np.concatenate([i for _, i in fresh]) if fresh else np.zeros(0, dtype=object)
        pairs = zero_pairs(new_units, new_ids, missing)  # as the whole review finds them (review/yearly.py)
        back_units = np.concatenate([u for u, _ in back]) if back else np.zeros(0, dtype=object)
        back_ids = np.concatenate([i for _, i in back]) if back else np.zeros(0, dtype=object)
        pairs_back = zero_pairs(back_units, back_ids, missing)
        left = rejected_households(missing, ruleset)
        if len(left):
            units_left = pd.Categorical(left["unit"].to_numpy(dtype=object))
            rows_left = left.drop(columns=["unit"])
            ready = prepare_review(
                review_day, where.commune, ruleset.label, overlay, rows_left, units=units_left, scope=scope
            )
            prepared.append(spill.away(ready))
        record = merge_prepared(prepared, scope if len(scope) else prepared[0].scope, read=spill.get, keep=spill.put)
    except BaseException:
        _stop_all(stop, ahead, writer, (out, rej))
        spill.close()
        raise
    finally:
        stop.set()
        reader.shutdown(wait=True, cancel_futures=True)
    return StreamedReview(
        scope=scope,
        movements=movements,
        not_reviewed=missing,
        rejected=rejected,
        notes=[
            *_reader_notes(batches, source, lang),
            *said.whole(),
            *unread_notes(unread, options, first_unread),
            *zero_pairs_note(pairs, source, lang, scope),
            *zero_pairs_note(pairs_back, source, lang, scope, key="rv_zero_pairs_back"),
            *escape_days_note(escape_days, source, lang),
        ],
        prepared=record,
        outputs=[out, rej],
        spill=spill,
    )


def _read_history(index: HistoryIndex, table: pa.Table, scope_options: Mapping[str, Any]) -> None:
    """Read the history of the communes a batch's rows name (:func:`~poverty_rules.review.scope.file_units`, read
    here too: off the classifying thread, about 0.05 s of a million households' review)."""
    index.load(file_units(table, **scope_options))


def _new_in_recorded(
    index: HistoryIndex, units: pd.Categorical, ids: pd.Series, known: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The units and codes of a batch's households the history does not know, in units it holds households
    of (where a code may have lost or gained its leading zeros since: :func:`zero_pairs`); a commune reviewed
    for the first time keeps nothing here."""
    names = np.asarray(units.categories, dtype=object)
    recorded = np.array([index.recorded(str(name)) for name in names] + [False], dtype=bool)
    codes = np.asarray(units.codes, dtype=np.int64)
    keep = ~known & recorded[codes]
    return names[codes[keep]], ids[keep].to_numpy(dtype=object)  # the few kept made objects, not the batch's codes


def _stop_all(stop: threading.Event, ahead: ReadAhead, writer: _Stage, outputs: tuple[Any, ...]) -> None:
    """Stop reading and writing and remove what was written (a failure half-way)."""
    stop.set()
    ahead.close()
    writer.join()
    for output in outputs:
        output.abort()


def _reader_notes(batches: Batches, source: str, lang: str) -> list[str]:
    """What the streaming reader has to say (encoding …, and the empty rows it skipped), said once, first,
    as a whole read says it; nothing when the file was read whole (its notes are the batches')."""
    if not batches.streamed:
        return []
    said = list(batches.notes)
    if batches.blank_rows:
        said.append(W.msg("blank_rows", lang, file=source, count=batches.blank_rows))
    return said
