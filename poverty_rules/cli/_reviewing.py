"""The work of ``poverty-rules review`` (cli/review.py starts it once the household file is being
read): the year-end review (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5) classifies every household, names its
movement since the last review and ends with the files the commune chair recognizes; households
recognized as having escaped poverty keep support for 36 months (Quyết định 90/QĐ-TTg 2022).
"""

from __future__ import annotations

import contextlib
import html
import signal
import sqlite3
import threading
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from .._late import late_module
from ..data.output_set import SetState, one_set
from ..data.outputs import check_distinct, check_history_writable, check_output, writing
from ..data.read import check_input
from ..data.stream import ReadAhead
from ..data.write import write_csv_atomic, write_table
from ..engine.standards import load_ruleset
from ..errors import HistoryError, InputError, OutputsNotPlaced, PovertyRulesError, RulesetError
from ..pipeline import RunOptions, run_review
from ..pipeline.local import check_period
from ..pipeline.review_stream import NotStreamed, review_file
from ..review.history import IMPORTED_RULESET, HistoryStore, LatestRead, PreparedReview, read_latest
from ..review.scope import (
    absent_communes_note,
    commune_column,
    file_units,
    fresh_communes_note,
    imported_refusal,
    later_reviews,
    replaces_nothing,
    same_year_note,
    scope_label,
    scope_refusal,
    twin_communes_note,
)
from ..review.yearly import PLACE_COLUMNS, TOTAL, local_last, prepare_record
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ._base import new_table
from ._common import (
    EXIT_OK,
    EXIT_REJECTS,
    build_options,
    escape,
    fail,
    leftover_notes,
    members_sheet_alone,
    members_source,
    note,
    own_not_reviewed_path,
    stderr,
)
from ._output import write_classified, xlsx_notes
from .classify import default_rejects, input_stem
from .history import open_history, refuse_empty_history, transition_labels, unplaced_notes
from .review import Reading, default_reviewed

if TYPE_CHECKING:
    from rich.table import Table

_TOTAL_LABEL = L.TOTAL
_MOVEMENT_HEADERS = L.MOVEMENT
_LIST_WORDS = L.LIST


def _read_history(reading: Reading, db: Path, day: date, scope_options: dict[str, Any]) -> LatestRead | None:
    """The history of the communes the household file names (:func:`poverty_rules.review.scope.file_units`),
    read once the file is (:func:`poverty_rules.review.history.read_latest`), while it is classified.
    None when the file or its communes cannot be read this early: the review reports why."""
    try:
        units = file_units(reading.result().table, **scope_options)
    except Exception:  # the review itself raises it, where a direct read would
        return None
    return None if units is None else read_latest(db, day, units)


def review_work(**params: Any) -> None:
    """The review (:func:`_review_work`), which leaves no history file behind when it records nothing: a review
    that stops (exit 2, or Ctrl-C) before recording anything in a history file it created — a ``--commune``
    the file's commune column contradicts, codes given twice … — or whose every row was rejected (exit 1)
    removes that file, empty, so that "nothing written" holds and ``history list`` still says there is no
    history."""
    db = Path(params["db"])
    fresh = not db.exists()
    try:
        _review_work(**params)
    except BaseException:
        if fresh:  # a review recorded keeps it; one that recorded nothing (every row rejected, exit 1) does not
            _drop_empty_history(db)
        raise


def _drop_empty_history(db: Path) -> None:
    """Remove ``db`` (and SQLite's files beside it) if it holds no recorded review: an empty file (its schema
    could not be written, on a full disk) is removed without opening it, which would try to write it again."""
    if not db.exists():
        return
    try:
        empty = db.stat().st_size == 0
        if not empty:
            store = HistoryStore(db)
            try:
                empty = store.reviews().empty
            finally:
                store.close()
    except (HistoryError, OSError):
        return
    if empty:
        for path in (db, *(db.with_name(db.name + end) for end in ("-wal", "-shm", "-journal"))):
            path.unlink(missing_ok=True)


def _review_work(
    households: Path,
    review_date: date,
    db: Path,
    commune: str | None,
    province_code: str | None,
    commune_code: str | None,
    output: Path | None,
    movements_path: Path | None,
    ruleset_name: str | None,
    local_name: str | None,
    engine: str,
    explain: bool,
    lang: str,
    members_path: Path | None,
    blank_flags: str,
    bom: bool,
    quiet: bool,
    replace: bool,
    new_commune: bool,
    sheet: str | None,
    encoding: str | None,
    reading: Reading | None = None,
    ahead: ReadAhead | None = None,
    batch_bytes: int = 0,
    members_sheet: str | None = None,
) -> None:
    """Year-end review: classify HOUSEHOLDS, compare with the history, record and report movements
    (the work of :func:`poverty_rules.cli.review.review_command`; ``reading``: the file as that
    command started reading it whole, else it is read here; ``ahead``: the file as it started reading it
    in batches, for the streamed review — which, when the file cannot be streamed, leaves it to the
    whole-file review; ``batch_bytes`` was its batch size).

    Each household's movement since its last recorded review (thoát nghèo, tái nghèo, nghèo phát
    sinh …) and the end of its support window are added to the classified file; the movements per
    village (start, new, relapsed, escaped, end, for poor and near-poor, and the rates) go to the
    movements file; households in the history that this file does not classify are listed in the
    not-reviewed file. Quyết định 24/2021/QĐ-TTg; Quyết định 90/QĐ-TTg 2022.
    """
    day = review_date
    members_sheet_alone(members_path, members_sheet, lang)
    options, rs = build_options(
        as_of=day,
        ruleset_name=ruleset_name,
        engine=engine,
        explain=explain,
        lang=lang,
        members_path=members_path,
        blank_flags=blank_flags,
        local_name=local_name,
        quiet=quiet,
        members_sheet=members_sheet,
    )
    if rs.extends is not None:  # a local standard run alone would put its statuses in the commune's history
        fail(_local_alone(rs, ruleset_name or rs.id, db, day, lang))
    if isinstance(options.local, Ruleset):  # its date option is --date (classify's is --as-of)
        check_period(options.local, day, lang, option="--date")
    check_input(households, lang)
    named = output is not None
    output = output or default_reviewed(households)  # ho.csv.gz → ho.reviewed.csv, ho.parquet → ho.reviewed.parquet
    named_after = input_stem(output).removesuffix(".reviewed") if named else input_stem(households)
    # another reviewed file of the same name beside it (-o k.csv, then -o k.xlsx) has the companions named after
    # the stem: this one's are then named after its whole name, k.xlsx.movements.csv (where report looks first)
    other = _other_reviewed(output, (households, members_path))
    named_after = output.name if other or own_not_reviewed_path(output).exists() else named_after
    movements_path = movements_path or output.with_name(f"{named_after}.movements.csv")  # as the rejects
    missing_path = output.with_name(f"{named_after}.not_reviewed.csv")  # where report finds it
    rejects_path = default_rejects(households, output, named=named, reviewed=True)  # in the output's format
    for path in (output, movements_path, rejects_path, missing_path):  # a file open in Excel: refused now
        check_output(path, lang)
    check_distinct(
        {"input": households, "members": members_path, "database": db},
        {"output": output, "movements": movements_path, "not_reviewed": missing_path, "rejects": rejects_path},
        lang,
    )
    refuse_empty_history(db, lang)  # a copy cut short: never taken for a new history
    check_history_writable(db, lang)  # a review records last: a read-only history is refused before any file
    started = time.perf_counter()
    cut_off = leftover_notes((output, movements_path, missing_path, rejects_path), lang)  # before this run's own
    if other:
        apart = ", ".join(str(path) for path in (movements_path, missing_path) if path.name.startswith(output.name))
        cut_off.append(L.msg("rv_companions_apart", lang, other=other, files=apart, output=output))
    if ahead is not None:
        paths = _Paths(households, output, movements_path, missing_path, rejects_path)
        scope_options = {"commune": commune, "province_code": province_code, "commune_code": commune_code}
        flags = {"bom": bom, "quiet": quiet, "replace": replace, "new_commune": new_commune}
        _review_streamed(ahead, paths, rs, options, day, db, scope_options, flags, started, cut_off)
        ahead.close()  # not streamed: the whole-file review, from the start
    if reading is None:
        reading = Reading(households, sheet=sheet, encoding=encoding, lang=lang)
    history_pool = ThreadPoolExecutor(max_workers=1)  # the history is read while the file is classified
    scope_options = {"commune": commune, "province_code": province_code, "commune_code": commune_code}
    history = history_pool.submit(_read_history, reading, db, day, scope_options)
    try:
        try:
            sheet_table = reading.result()
            table = sheet_table.table
        except InputError as exc:
            fail(str(exc))
        if table.num_rows == 0:  # a review of no household recognizes nothing: refused before any file is written
            fail(L.msg("review_no_rows", lang, file=households))
        store = open_history(db, lang)
        try:
            status = f"{L.CLI['reviewing'][lang]} {escape(households.name)} {L.CLI['with'][lang]} {escape(rs.label)}"
            with stderr().status(status, spinner="dots") if not quiet else _Null():
                result = run_review(
                    sheet_table,
                    rs,
                    day,
                    store,
                    commune,
                    options,
                    source=str(households),
                    members_source=members_source(members_path, lang),
                    record=False,
                    province_code=province_code,
                    commune_code=commune_code,
                    history=history,
                )
            recorded = store.scopes()
            unplaced = unplaced_notes(store.unplaced(), db, lang)  # a review whose files never were put in place
            scope = result.scope if result.scope is not None else pd.DataFrame()
            imported = _imported_ids(store)
            refusal = imported_refusal(recorded, imported, day.isoformat(), scope, db=str(db), lang=lang)
            refusal = refusal or scope_refusal(
                recorded, day.isoformat(), scope, replace=replace, new_commune=new_commune, db=str(db), lang=lang
            )
            later = later_reviews(recorded, day.isoformat(), scope)
            nothing = replace and replaces_nothing(recorded, day.isoformat(), scope)
            fresh = fresh_communes_note(recorded, day.isoformat(), scope, db=str(db), lang=lang)
            fresh = fresh or absent_communes_note(recorded, day.isoformat(), scope, db=str(db), lang=lang)
            fresh += same_year_note(recorded, day.isoformat(), scope, db=str(db), lang=lang)
            fresh += _local_alone_note(store.reviews(), recorded, day, scope, db, lang)
            fresh += twin_communes_note(scope, source=str(households), lang=lang)
        except InputError:
            raise  # its message names the file
        except ValueError as exc:
            text = exc.in_lang(lang) if isinstance(exc, PovertyRulesError) else str(exc)
            fail(text if text.startswith(str(households)) else f"{households}: {text}")
        finally:
            store.close()
    finally:
        history_pool.shutdown(cancel_futures=True)
    if refusal:  # nothing written: a commune written another way, or a second review of the same date
        fail("\n".join([refusal, *unplaced]))
    columns = result.classified.drop(columns=["household_id", "village", *PLACE_COLUMNS], errors="ignore")
    labelled = local_last(  # the local classification (--local) after every national column, as classify writes it
        columns.assign(
            transition_label=columns["transition"].map(transition_labels(lang)).fillna(""),
            review_date=day.isoformat(),  # the review's own date: `report` reads the year and the eligible list from it
            **commune_column(table.column_names, commune),  # --commune for a file without one: `report` names it
        )
    )
    # the four files appear together once the review is recorded (data/output_set.py): a failure or a stop
    # before the record leaves the previous files and the history as they were; the record is the block's last
    # step, so that once it is made only the renames remain (a failure there is said with the review's id)
    held = _HeldStop()
    notes = result.run.normalized.notes
    notes[:0] = [*cut_off, *fresh]
    try:
        with _placing(db, day, lang, notes, held) as placing:
            # the history's blocks are encoded while the files are written
            with ThreadPoolExecutor(max_workers=1) as pool:
                preparing = pool.submit(prepare_record, result, day, commune)
                nothing_classified = not len(result.classified)  # every row rejected: the rejects file alone
                with writing(output, lang):
                    write_classified(
                        table,
                        result.run.normalized,
                        labelled,
                        output,
                        rejects_path,
                        source=households,
                        bom=bom,
                        lang=lang,
                        # a workbook is for people: headed and worded in --lang, as classify's (report reads
                        # it back)
                        labels=output.suffix.lower() == ".xlsx",
                        ruleset=rs,
                        local=options.local if isinstance(options.local, Ruleset) else None,
                        review=True,
                        typed=sheet_table.typed,  # a Parquet input's columns keep their types in a Parquet output
                        rejects_only=nothing_classified,
                    )
                if not nothing_classified:  # a review not recorded has no movements, no households gone
                    with writing(movements_path, lang):
                        movements = _movements_for_file(result.movements, lang, movements_path)
                        changes = write_table(movements, movements_path, bom=bom, lang=lang, sheet="movements")
                    # as the reviewed file's
                    result.run.normalized.notes.extend(xlsx_notes(changes, movements_path, lang))
                    with writing(missing_path, lang):
                        write_csv_atomic(_dates_as_text(_communes_named(result.not_reviewed)), missing_path, bom=bom)
                try:
                    prepared = preparing.result()
                except ValueError as exc:
                    fail(f"{households}: {exc.in_lang(lang) if isinstance(exc, PovertyRulesError) else exc}")
            if len(result.classified):
                placing.record(prepared, households, result.movements, scope, nothing, later, replace)
            else:  # every row rejected: no review to record (it would list no household, under no commune)
                notes.append(_nothing_recorded(households, db, output, lang))
        _finish(
            _Paths(households, output, movements_path, missing_path, rejects_path),
            notes,
            result.movements,
            len(result.not_reviewed),
            len(result.rejects),
            lang,
            quiet=quiet,
            started=started,
            written=not nothing_classified,
        )
    finally:  # the summary of a done review too: a stop while it is said does not undo the review
        held.release()


_REVIEWED_SUFFIXES = (".csv", ".xlsx", ".parquet")
"""The formats of a reviewed file (``-o``), whose companions are named after its stem."""


def _other_reviewed(output: Path, inputs: tuple[Path | None, ...]) -> Path | None:
    """Another reviewed file beside ``output`` whose movements and not-reviewed files are named after the same
    stem (``k.csv`` beside ``-o k.xlsx``, ``ho.reviewed.csv`` beside ``ho.reviewed.parquet``), if any: this
    review's would replace them, and ``report`` of it would read this review's leavers. A file of that name
    that no review wrote (no ``review_date`` column: the household file itself, a copy of it) is none."""
    if output.suffix.lower() not in _REVIEWED_SUFFIXES:
        return None
    base = output.stem.removesuffix(".reviewed")
    own = {_same(output), *(_same(p) for p in inputs if p is not None)}
    for name in (base, f"{base}.reviewed"):
        for ending in _REVIEWED_SUFFIXES:
            candidate = output.with_name(f"{name}{ending}")
            if _same(candidate) not in own and candidate.is_file() and _is_reviewed(candidate):
                return candidate
    return None


def _same(path: Path) -> Path:
    """``path`` made absolute, for comparing files named from different folders."""
    return path.absolute()


def _is_reviewed(path: Path) -> bool:
    """Whether ``path`` is a reviewed file: its header has ``review_date`` (a workbook's, its label in either
    language, among the first texts it holds); a file that cannot be read is taken as one (its companions are
    then kept apart, the safe side)."""
    names = {"review_date", *L.REVIEW_RESULT_HEADERS["review_date"].values()}
    try:
        if path.suffix.lower() == ".parquet":
            return bool(names & set(late_module("pyarrow.parquet").read_schema(path).names))
        if path.suffix.lower() == ".xlsx":  # the header's texts come first among a workbook's strings
            with zipfile.ZipFile(path) as book:
                parts = [n for n in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml") if n in book.namelist()]
                head = "".join(book.open(n).read(1 << 20).decode("utf-8", "replace") for n in parts)
            return any(f">{html.escape(name, quote=False)}<" in head for name in names)
        with path.open("rb") as handle:
            line = handle.readline(1 << 20).decode("utf-8", "replace")
        return "review_date" in line
    except Exception:
        return True


class _Placing:
    """A review's files being put in place as one set (data/output_set.py), with its record: what
    :func:`_placing` gives. :meth:`record` adds the review's notes and records it last, once its files are
    written; from that commit a stop waits until the files are in place (``held``)."""

    def __init__(self, db: Path, day: date, lang: str, notes: list[str], held: _HeldStop, state: SetState) -> None:
        self.db, self.day, self.lang, self.notes, self.held, self.state = db, day, lang, notes, held, state
        self.review_ids: list[int] = []

    def record(
        self,
        prepared: PreparedReview,
        households: Path,
        movements: pd.DataFrame,
        scope: Any,
        nothing: bool,
        later: list[str],
        replace: bool,
    ) -> None:
        """The notes on what the review replaces or comes before, then the record (:func:`_record`)."""
        db, day, lang = self.db, self.day, self.lang
        if nothing:  # --replace with no review of that date: a mistyped --date adds a second review
            self.notes.append(L.msg("rv_replaced_nothing", lang, db=db, day=day, scope=scope_label(scope)))
        self.notes.extend(_absent_villages(movements, households, db, lang))
        if later:  # they compared their households with the results this review replaced or came before
            self.notes.append(_later_note(db, day, later, lang))
        recorded = _record(db, prepared, households, lang, replace=replace, placing=self.state, held=self.held)
        self.review_ids.append(recorded)


@contextlib.contextmanager
def _placing(db: Path, day: date, lang: str, notes: list[str], held: _HeldStop) -> Iterator[_Placing]:
    """The review's files written and put in place together once the review is recorded (the block's last
    step, :meth:`_Placing.record`): a failure or a stop before the record leaves the previous files and the
    history as they were; once it is made only the renames remain, and a failure there (a file open in
    Excel) is said with the review's id (:func:`_not_placed`). In place, the history says so and ``notes``
    get any earlier review whose files never were (:func:`_placed`)."""
    ids: list[int] = []
    try:
        with one_set(lang) as state:
            placing = _Placing(db, day, lang, notes, held, state)
            ids = placing.review_ids
            yield placing
        notes.extend(_placed(db, ids, lang))
    except (OutputsNotPlaced, KeyboardInterrupt) as exc:
        if not ids:  # nothing recorded: the history and the files as they were
            raise
        if not state.done:
            fail(_not_placed(db, day, ids[0], exc, state, lang))
        # a stop once the review was recorded and its files put in place: the review is done, said as such


def _placed(db: Path, review_ids: list[int], lang: str) -> list[str]:
    """Say in the history that the files of the review just recorded (``review_ids``, none when nothing was)
    are in place, and give the notes on the reviews whose files never were (:func:`unplaced_notes`). The
    history that cannot be written to now (locked a moment) keeps the files as waiting: said by the next run,
    not now — the review is done, its files in place (:func:`open_history` said "error: …" of such a history
    before the review's summary and its exit 0)."""
    try:
        store = HistoryStore(db)
    except HistoryError:
        return []
    try:
        for review_id in review_ids:
            store.outputs_placed(review_id)
        return unplaced_notes(store.unplaced(), db, lang)
    except (HistoryError, sqlite3.Error):
        return []
    finally:
        store.close()


def _not_placed(db: Path, day: date, review_id: int, exc: BaseException, placing: SetState, lang: str) -> str:
    """What to say when review ``review_id`` is recorded but its files were not all put in place (``exc``:
    :class:`OutputsNotPlaced`, or a stop before the renames): the history holds the review, so the files
    that keep their earlier version are named, and the same command with --replace puts things right. The
    history keeps those files alone as not in place (the next run names them)."""
    if placing.placed:
        with contextlib.suppress(HistoryError, sqlite3.Error):  # said by the message below in any case
            store = HistoryStore(db)
            try:
                store.outputs_waiting(review_id, [str(path.absolute()) for path in placing.waiting])
            finally:
                store.close()
    why = exc.in_lang(lang) if isinstance(exc, OutputsNotPlaced) else L.msg("rv_stopped_why", lang)
    missing = ", ".join(str(p) for p in placing.waiting)
    placed = ", ".join(str(p) for p in placing.placed)
    part = L.msg("rv_placed_part", lang, files=placed) if placed else ""
    return L.msg("rv_not_placed", lang, db=db, review=review_id, day=day, why=why, missing=missing, placed=part)


def _local_alone_note(
    reviews: pd.DataFrame, recorded: pd.DataFrame, day: date, scope: pd.DataFrame, db: Path, lang: str
) -> list[str]:
    """The note (none, or one) that the last review before ``day`` of a commune of ``scope`` recorded a local
    standard's statuses as the commune's (``review --ruleset <local>``, which versions up to 0.1.0 allowed:
    its ruleset is the local standard's label, ``base+local``): this review compares its households with them.
    It names those reviews and how to put them right, in ``lang``."""
    if not len(recorded) or not len(scope) or not len(reviews):
        return []
    before = recorded[recorded["unit"].isin(scope["unit"]) & (recorded["review_date"].astype(str) < day.isoformat())]
    if not len(before):
        return []
    last = before.assign(day=before["review_date"].astype(str), id=before["review_id"].astype(int))
    last = last.sort_values(["day", "id"]).drop_duplicates("unit", keep="last")
    labels = dict(zip(reviews["id"].astype(int), reviews["ruleset"].astype(str), strict=True))
    local = last[[("+" in labels.get(int(i), "")) for i in last["id"]]]
    if not len(local):
        return []
    said = "; ".join(
        L.msg("rv_review_ref", lang, day=L.day(date.fromisoformat(d), lang), id=i)
        for d, i in sorted(set(zip(local["day"], local["id"], strict=True)))
    )
    names = sorted({labels[int(i)] for i in local["id"]})
    return [
        L.msg("rv_after_local_alone", lang, db=db, scope=scope_label(local), reviews=said, ruleset=", ".join(names))
    ]


def _local_alone(rs: Ruleset, name: str, db: Path, day: date, lang: str) -> str:
    """The refusal of a review under the local standard ``rs`` run alone (``--ruleset NAME``): the history is
    the commune's and keeps the national result, which a local standard never replaces (docs/standard.md §1);
    ``--local NAME`` records it beside the national one, under ``--ruleset`` of its base where the standard in
    force on ``day`` is another."""
    base = rs.extends.split("@", 1)[0].split("+", 1)[0] if rs.extends else ""
    try:
        in_force = load_ruleset(None, as_of=day).id
    except RulesetError:  # no national standard in force that day: name its base
        in_force = ""
    # its base named where another standard is in force that day; a local standard not in force that day is
    # refused beside the national one too (check_period), which says so: --local alone then
    alone = base == in_force or not rs.in_force(day)
    typed = L.shell_word(L.printable(name))  # a file's name as a shell takes it: --local "tinh a.yaml"
    option = f"--local {typed}" if alone else f"--ruleset {base} --local {typed}"
    return L.msg("rv_local_refused", lang, db=db, ruleset=rs.label, option=option, name=name)


def _later_note(db: Path, day: date, later: list[str], lang: str) -> str:
    """The note that the reviews after ``day`` are to be run again (:func:`later_reviews`)."""
    days = ", ".join(L.day(date.fromisoformat(d), lang) for d in later)
    return L.msg("rv_later_reviews", lang, db=db, day=day, days=days)


class _HeldStop:
    """Ctrl-C and ``SIGTERM`` held from the history's record until the review's files are in place: a stop
    between the two would leave the review recorded beside the previous run's files. A stop that comes
    meanwhile is noted (:attr:`stopped`) and the review ends as done; before :meth:`hold` and after
    :meth:`release` a stop stops the run as anywhere else. Only the main thread can hold signals."""

    _SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self._previous: dict[int, Any] | None = None
        self.stopped = False

    def hold(self) -> None:
        """Note a stop instead of stopping, until :meth:`release`."""
        if self._previous is not None or threading.current_thread() is not threading.main_thread():
            return
        self._previous = {sig: signal.getsignal(sig) for sig in self._SIGNALS}
        for sig in self._SIGNALS:
            signal.signal(sig, self._note)

    def _note(self, signum: int, frame: object) -> None:
        self.stopped = True

    def release(self) -> None:
        """Stop as before again."""
        if self._previous is None:
            return
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous = None


class _Paths(NamedTuple):
    """The review's input and its four outputs."""

    households: Path
    output: Path
    movements: Path
    missing: Path
    rejects: Path


def _review_streamed(
    ahead: ReadAhead,
    paths: _Paths,
    rs: Ruleset,
    options: RunOptions,
    day: date,
    db: Path,
    scope_options: dict[str, Any],
    flags: dict[str, bool],
    started: float,
    cut_off: list[str],
) -> None:
    """The streamed review (pipeline/review_stream.py), ended with the command's exit code; returns only
    when the file is to be reviewed whole (nothing written, nothing said). ``cut_off``: the notes on what an
    earlier run cut off had left (:func:`~poverty_rules.cli._common.leftover_notes`), said with the review's."""
    lang = options.lang
    households = paths.households
    status = f"{L.CLI['reviewing'][lang]} {escape(households.name)} {L.CLI['with'][lang]} {escape(rs.label)}"
    try:
        with stderr().status(status, spinner="dots") if not flags["quiet"] else _Null():
            done = review_file(
                households,
                paths.output,
                paths.rejects,
                rs,
                options,
                day,
                db=db,
                store=lambda: open_history(db, lang),
                labels=transition_labels(lang),
                bom=flags["bom"],
                ahead=ahead,
                **scope_options,
            )
    except NotStreamed:
        return
    held = _HeldStop()  # from the record to the end, a stop waits (data/output_set.py)
    try:
        store = open_history(db, lang)
        try:
            recorded = store.scopes()
            unplaced = unplaced_notes(store.unplaced(), db, lang)  # a review whose files never were put in place
            imported = _imported_ids(store)
            refusal = imported_refusal(recorded, imported, day.isoformat(), done.scope, db=str(db), lang=lang)
            refusal = refusal or scope_refusal(
                recorded,
                day.isoformat(),
                done.scope,
                replace=flags["replace"],
                new_commune=flags["new_commune"],
                db=str(db),
                lang=lang,
            )
            later = later_reviews(recorded, day.isoformat(), done.scope)
            nothing = flags["replace"] and replaces_nothing(recorded, day.isoformat(), done.scope)
            fresh = fresh_communes_note(recorded, day.isoformat(), done.scope, db=str(db), lang=lang)
            fresh = fresh or absent_communes_note(recorded, day.isoformat(), done.scope, db=str(db), lang=lang)
            fresh += same_year_note(recorded, day.isoformat(), done.scope, db=str(db), lang=lang)
            fresh += _local_alone_note(store.reviews(), recorded, day, done.scope, db, lang)
            fresh += twin_communes_note(done.scope, source=str(households), lang=lang)
        finally:
            store.close()
        if refusal:  # nothing written: a commune written another way, or a second review of the same date
            done.abort()
            fail("\n".join([refusal, *unplaced]))
        done.notes[:0] = [*cut_off, *fresh]
        # the files appear together once the review is recorded, as in the whole review
        classified = bool(done.outputs and done.outputs[0].rows)  # every row rejected: the rejects file alone
        with _placing(db, day, lang, done.notes, held) as placing:
            done.commit(lang, reviewed=classified)
            if classified:  # a review not recorded has no movements, no households gone
                with writing(paths.movements, lang):
                    movements = _movements_for_file(done.movements, lang, paths.movements)
                    changes = write_table(movements, paths.movements, bom=flags["bom"], lang=lang, sheet="movements")
                done.notes.extend(xlsx_notes(changes, paths.movements, lang))  # as the reviewed file's
                with writing(paths.missing, lang):
                    not_reviewed = _dates_as_text(_communes_named(done.not_reviewed))
                    write_csv_atomic(not_reviewed, paths.missing, bom=flags["bom"])
                placing.record(done.prepared, households, done.movements, done.scope, nothing, later, flags["replace"])
            else:  # every row rejected: no review to record (it would list no household, under no commune)
                done.notes.append(_nothing_recorded(households, db, paths.output, lang))
    except BaseException:  # a failure or a stop (Ctrl-C) before the files were put in place: their temporary
        done.abort()  # files, written whole by now (the reviewed file's .tmp of hundreds of MB), go too
        held.release()
        raise
    finally:
        done.close()
    try:
        _finish(
            paths,
            done.notes,
            done.movements,
            len(done.not_reviewed),
            done.rejected,
            lang,
            quiet=flags["quiet"],
            started=started,
            written=classified,
        )
    finally:  # the summary of a done review too: a stop while it is said does not undo the review
        held.release()


def _absent_villages(movements: pd.DataFrame, households: Path, db: Path, lang: str) -> list[str]:
    """The note naming the villages of the last review none of whose households is in the file (``households``
    0, ``not_reviewed`` > 0 in the movements table): a review of one village or a few households (a mid-year
    check) records every other household as gone, and the next year-end review starts without them. Households
    the last review recorded with no village (a list imported without its ``Thôn`` column) are no village of
    it: their leaving is not said so."""
    rows = movements[movements["village"] != TOTAL]
    named = rows["village"].fillna("").astype(str).str.strip() != ""
    gone = rows[(rows["households"].astype(int) == 0) & (rows["not_reviewed"].astype(int) > 0) & named]
    if not len(gone):
        return []
    villages = ", ".join(str(v or "—") for v in gone["village"].tolist()[:5]) + (" …" if len(gone) > 5 else "")
    count = int(gone["not_reviewed"].astype(int).sum())
    return [L.msg("rv_absent_villages", lang, file=households, villages=villages, count=count, db=db)]


def _record(
    db: Path,
    prepared: PreparedReview,
    households: Path,
    lang: str,
    *,
    replace: bool,
    placing: SetState,
    held: _HeldStop,
) -> int:
    """Record the review, last, in one transaction, and give its id: a review that failed before recorded
    nothing. Without ``replace`` a review of its communes and date that another run recorded meanwhile (two
    officers reviewing one history file at once) is refused, not replaced. The files ``placing`` waits to
    put in place are recorded with it until :func:`_placed` says they are. A stop while it is written rolls
    it back; from its commit until the files are in place (and the summary said) a stop waits (``held``): it
    would part the record from the files."""
    store = open_history(db, lang)
    try:
        outputs = [str(path.absolute()) for path in placing.waiting]  # named as they are from any folder
        return store.record_prepared(prepared, replace=replace, outputs=outputs, committing=held.hold)
    except ValueError as exc:
        fail(f"{households}: {exc.in_lang(lang) if isinstance(exc, PovertyRulesError) else exc}")
    finally:
        store.close()


def _finish(
    paths: _Paths,
    notes: list[str],
    movements: pd.DataFrame,
    not_reviewed: int,
    rejected: int,
    lang: str,
    *,
    quiet: bool,
    started: float,
    written: bool = True,
) -> None:
    """Say what the review did (notes, the movement tables, where the files are) and exit: 1 when some
    row was rejected, else 0. ``written``: the reviewed, movements and not-reviewed files were written (not
    when every row was rejected: then only the rejects file is, and no table of movements is shown)."""
    if not quiet:
        for message in notes:
            note(message)
        seconds = f"{L.number(time.perf_counter() - started, lang, decimals=1)} {L.CLI['seconds'][lang]}"
        if written:
            for movement_table in _movements_tables(movements, lang):
                stderr().print(movement_table)
            stderr().print(
                f"→ {escape(str(paths.output))}, {escape(str(paths.movements))}; {L.number(not_reviewed, lang)} "
                + L.CLI["not_reviewed"][lang]
                + f" → {escape(str(paths.missing))}  [{seconds}]"
            )
        if rejected:
            noun = L.CLI["household" if rejected == 1 else "households"][lang]  # 1 household, 3 households
            words = f"{noun} {L.CLI['rejected_see'][lang]}"
            shown = f"{L.number(rejected, lang)} {words} {escape(str(paths.rejects))}"
            stderr().print(f"[bold yellow]{shown}[/]", markup=True)
    raise SystemExit(EXIT_REJECTS if rejected else EXIT_OK)


def _nothing_recorded(households: Path, db: Path, output: Path, lang: str) -> str:
    """The note of a review whose every row was rejected: nothing recorded in ``db`` (a history file the run
    created is removed: :func:`review_work`), no reviewed, movements or not-reviewed file written (an earlier
    run's, of ``output``'s name, left as they were), the rejects file to correct."""
    return L.msg("rv_nothing_recorded", lang, file=households, db=db) + L.msg("rv_nothing_written", lang, output=output)


def _communes_named(frame: pd.DataFrame) -> pd.DataFrame:
    """The not-reviewed households with ``commune`` filled: the household's own commune (``place_commune``,
    recorded from the file's commune column) where the history keeps it, the review's ``--commune`` otherwise."""
    if "place_commune" not in frame.columns or "commune" not in frame.columns:
        return frame
    own = frame["place_commune"].astype(object)
    known = own.notna() & (own.astype(str).str.strip() != "")
    out = frame.copy()
    out["commune"] = own.where(known, frame["commune"].astype(object))
    return out


def _dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns as ISO text (blank when missing), every other column as it is."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d").astype(object).where(out[name].notna(), "")
    return out.astype(object)


class _Null:
    """A do-nothing context manager (quiet runs show no spinner)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _movements_for_file(movements: pd.DataFrame, lang: str, path: Path) -> pd.DataFrame:
    """The movements table with the total row named in ``lang`` and its rates to two decimals, as
    docs/review.md says them (``4.20``, not ``4.2``; a workbook keeps them numbers shown so); for a
    workbook (``path`` ``.xlsx``, for people to read) the columns are headed in ``lang``, as ``classify``
    heads an ``.xlsx`` output, where a CSV keeps the ids."""
    out = movements.copy()
    out["village"] = out["village"].astype(object).where(out["village"] != TOTAL, _TOTAL_LABEL[lang])
    for name in [c for c in out.columns if str(c).endswith("_rate")]:
        out[name] = [f"{v:.2f}" if isinstance(v, (int, float)) and v == v else "" for v in out[name].tolist()]
    if path.suffix.lower() == ".xlsx":
        out = out.rename(
            columns={c: L.MOVEMENT_FILE_COLUMN[c][lang] for c in out.columns if c in L.MOVEMENT_FILE_COLUMN}
        )
    return out


def _movements_tables(movements: pd.DataFrame, lang: str) -> list[Table]:
    """Readable stderr tables, one per list: per village start, inflows (on the near-poor table the poor
    households that became near-poor, R3's column 5, apart from the newly near-poor, its column 7), outflows
    (the undetermined, who stay on their list and start the next review, and on the near-poor table those
    that became poor, each apart from the other exits: those that left), end, rate."""
    h = {key: words[lang] for key, words in _MOVEMENT_HEADERS.items()}
    tables = []
    for lst in ("poor", "near_poor"):
        table = new_table(_LIST_WORDS[lst][lang])
        keys = ["village", "households", "start", "new", "relapsed", "escaped", "undetermined", "other", "end", "rate"]
        if lst == "near_poor":
            keys.insert(keys.index("escaped"), "from_poor")
            keys.insert(keys.index("undetermined"), "to_poor")
        rows = []
        for row in movements.to_dict("records"):
            village = _TOTAL_LABEL[lang] if row["village"] == TOTAL else (row["village"] or "—")
            new = row[f"{lst}_new"]  # the poor that became near-poor: a column of their own (an escape, not new)
            other = row[f"{lst}_not_reviewed"]  # the undetermined and those that became poor: columns of their own
            rate = row[f"{lst}_rate"]
            cells = [
                escape(str(village)),  # the file's text, never markup ("Thôn 1 [mới]", "Xóm [/]")
                L.number(row["households"], lang),
                L.number(row[f"{lst}_start"], lang),
                L.number(new, lang),
                L.number(row[f"{lst}_relapsed"], lang),
                L.number(row[f"{lst}_escaped"], lang),
                L.number(row[f"{lst}_undetermined"], lang),
                L.number(other, lang),
                L.number(row[f"{lst}_end"], lang),
                "" if pd.isna(rate) else L.number(rate, lang, decimals=2),
            ]
            if lst == "near_poor":
                cells.insert(keys.index("from_poor"), L.number(row["near_poor_from_poor"], lang))
                cells.insert(keys.index("to_poor"), L.number(row["near_poor_to_poor"], lang))
            rows.append(cells)
        for i, key in enumerate(keys):
            if key == "village":  # 'Total' / 'Tổng cộng' never broken inside a word
                width = max(len(w) for w in (*h[key].split(), *_TOTAL_LABEL[lang].split()))
                table.add_column(h[key], justify="left", overflow="fold", min_width=width)
            else:  # a header's words never cut on a narrow screen ('Review…', 'Relaps…'): as wide as its longest;
                # a number never cut either ('1.9…' of 1.993 under 'Số hộ rà soát', '23,…'): as wide as its widest
                width = max((len(w) for w in h[key].split()), default=0)
                widest = max((len(cells[i]) for cells in rows), default=0)
                table.add_column(h[key], justify="right", min_width=max(width, widest, 6 if key == "rate" else 0))
        for cells in rows:
            table.add_row(*cells)
        tables.append(table)
    return tables


def _imported_ids(store: HistoryStore) -> set[int]:
    """The ids of the lists imported into the history (``history import``), which a review never replaces."""
    reviews = store.reviews()
    return set(reviews["id"][reviews["ruleset"] == IMPORTED_RULESET].astype(int))
