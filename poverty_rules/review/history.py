"""The embedded history store: every review's results and transitions in one SQLite file.

A commune reviews its households once a year (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5) and must
know each household's status at the last review to name its movement (thoát nghèo, tái nghèo …,
standard.md §5) and whether an escaped household is still in its 36-month support window
(Quyết định 90/QĐ-TTg 2022). This module keeps that memory.

Design:

- one file, standard library :mod:`sqlite3`; the schema version lives in ``PRAGMA user_version``
  and :data:`MIGRATIONS` is the ordered list of scripts (or Python steps) that bring a file up to
  date;
- each review's rows (results and transitions) of one commune unit are compressed Arrow blocks in
  ``result_blocks`` (review/blocks.py; since migration 8): a million households are one Arrow
  encode and a few INSERTs, and a reader decodes only the columns it needs;
- every write (:meth:`HistoryStore.record_review`, :meth:`HistoryStore.import_lists`) is ONE
  transaction in SQLite's default rollback journal: a crash or an exception mid-write leaves the
  file exactly as before (the hot journal is rolled back on the next open);
- recording the same (review date, commune) again replaces that review, so a re-run is
  idempotent.
"""

from __future__ import annotations

import json
import os
import sqlite3
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import repeat
from pathlib import Path
from types import TracebackType
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..data.normalize import totals_label
from ..data.schema import GROUP_COLUMNS
from ..errors import HistoryError, HistoryInputError
from ..rules.registry import available
from ..vocabulary import words as L
from ..vocabulary.changes import read_change_reasons
from ..vocabulary.codes import code_order, formula_errors, trimmed_codes
from ..vocabulary.dates import eligible_until_array, parse_days, to_day_array
from ..vocabulary.day import date_parts, excel_serial_day, month_first_day
from ..vocabulary.status_ids import STATUSES
from ..vocabulary.statuses import (
    ambiguous_abbreviations,
    normalize_status,
    spelling_key,
    status_codes,
    status_escape_marks,
)
from ..vocabulary.text import fold, vietnamese_key
from . import blocks
from .scope import (
    SCOPE_COLUMNS,
    code_unit,
    commune_key,
    household_units,
    imported_refusal,
    name_unit,
    province_key,
    scope_label,
    scope_named,
    scope_refusal,
)
from .transitions import TRANSITIONS, served_escapes
from .window import escape_programmes

NATIONAL_PROGRAMME = "national_programme"
"""The id of the national programme in every national ruleset's ``programmes:`` section."""
RowNumbers: TypeAlias = int | np.ndarray
"""How the errors number a lists frame's rows: from the first row's number, or each row's own."""

__all__ = [
    "IMPORTED_RULESET",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "HistoryError",
    "HistoryStore",
    "LatestRead",
    "PreparedReview",
    "UnitHistory",
    "in_units",
    "merge_prepared",
    "plain_latest",
    "prepare_review",
    "read_latest",
]

_BLOCKS_TABLE = """
CREATE TABLE result_blocks (
    review_id INTEGER NOT NULL REFERENCES reviews (id),
    unit      TEXT NOT NULL,      -- the households' commune unit (review/scope.py)
    part      INTEGER NOT NULL,   -- 0, 1, ... : at most review/blocks.py PART_ROWS rows each
    rows      INTEGER NOT NULL,   -- how many households the part holds
    data      BLOB NOT NULL,      -- Arrow IPC stream, zstd (review/blocks.py SCHEMA)
    PRIMARY KEY (review_id, unit, part)
)
"""
_V8_FIELDS = [field for field in blocks.SCHEMA if field.name not in blocks.ADDED_FIELDS]
"""The columns of a block as migration 8 wrote them (later ones are added at the end)."""
_V7_RESULTS = tuple(field.name for field in _V8_FIELDS if field.name not in blocks.TRANSITION_FIELDS)
"""The columns of the ``results`` table of schema 7, which are the first columns of a block."""


def _nfc_places(conn: sqlite3.Connection) -> None:
    """Migration 11: each review's commune units, province and commune names and ``--commune`` in NFC (a name
    typed on a Mac, ``Xa`` and a combining tilde, is ``Xã``), as :func:`poverty_rules.data.ids.commune_units`
    now reads a file's place cells: the review of a file typed otherwise finds the commune's history. A unit
    whose NFC form the same review already holds (a commune recorded in both forms) is left as it was:
    two histories are never merged."""
    for review_id, commune in conn.execute("SELECT id, commune FROM reviews").fetchall():
        if commune and unicodedata.normalize("NFC", commune) != commune:
            conn.execute(
                "UPDATE reviews SET commune = ? WHERE id = ?", (unicodedata.normalize("NFC", commune), review_id)
            )
    held = set(conn.execute("SELECT review_id, unit FROM review_units").fetchall())
    held |= set(conn.execute("SELECT DISTINCT review_id, unit FROM result_blocks").fetchall())
    for review_id, unit in sorted(held):
        nfc = unicodedata.normalize("NFC", unit)
        if nfc == unit or (review_id, nfc) in held:
            continue
        conn.execute("UPDATE result_blocks SET unit = ? WHERE review_id = ? AND unit = ?", (nfc, review_id, unit))
        conn.execute("UPDATE review_units SET unit = ? WHERE review_id = ? AND unit = ?", (nfc, review_id, unit))
    for review_id, unit, province, commune in conn.execute(
        "SELECT review_id, unit, province, commune FROM review_units"
    ).fetchall():
        names = (unicodedata.normalize("NFC", province), unicodedata.normalize("NFC", commune))
        if names != (province, commune):
            conn.execute(
                "UPDATE review_units SET province = ?, commune = ? WHERE review_id = ? AND unit = ?",
                (*names, review_id, unit),
            )


def _results_to_blocks(conn: sqlite3.Connection) -> None:
    """Migration 8 (issue #11): each (review, unit)'s rows of ``results`` and ``transitions`` become
    compressed Arrow blocks (review/blocks.py) in ``result_blocks``; both tables are dropped. A
    transition whose household has no result in its review (none is written so) is not carried."""
    conn.execute(_BLOCKS_TABLE)
    select = (
        "SELECT "
        + ", ".join(f"r.{name}" for name in _V7_RESULTS)
        + ", t.transition, t.previous_status, t.eligible_until, t.recognized_on "
        "FROM results AS r LEFT JOIN transitions AS t "
        "ON t.review_id = r.review_id AND t.unit = r.unit AND t.household_id = r.household_id "
        "WHERE r.review_id = ? AND r.unit = ? ORDER BY r.household_id"
    )
    for review_id, unit in conn.execute("SELECT DISTINCT review_id, unit FROM results ORDER BY 1, 2").fetchall():
        rows = conn.execute(select, (review_id, unit)).fetchall()
        columns = {}
        for field, values in zip(_V8_FIELDS, zip(*rows, strict=True), strict=True):
            text = not pa.types.is_integer(field.type)
            columns[field.name] = [v if v is None or isinstance(v, str) or not text else str(v) for v in values]
        _write_blocks(conn, review_id, unit, blocks.table_of(columns, len(rows)))
    conn.execute("DROP TABLE transitions")
    conn.execute("DROP TABLE results")


def _write_blocks(conn: sqlite3.Connection, review_id: int, unit: str, table: pa.Table) -> None:
    """Insert ``table`` (one unit's rows of one review, :data:`blocks.SCHEMA`) as its blocks."""
    _insert_blocks(conn, review_id, unit, list(blocks.encode(table)))


def _insert_blocks(conn: sqlite3.Connection, review_id: int, unit: str, parts: list[tuple[int, int, bytes]]) -> None:
    """Insert one unit's encoded parts (part, rows, data) of one review."""
    if not parts:
        return
    conn.executemany(
        "INSERT INTO result_blocks (review_id, unit, part, rows, data) VALUES (?, ?, ?, ?, ?)",
        _rows(review_id, [[unit] * len(parts), *([p[i] for p in parts] for i in range(3))]),
    )


def _read_chunk(
    conn: sqlite3.Connection, review_id: int, unit: str, columns: Sequence[str] | None = None, *, plain: bool = True
) -> pa.Table:
    """One (review, unit)'s rows, sorted by household id: only ``columns`` (all by default) decoded
    (texts as plain strings, or ``plain=False`` dictionary-encoded as stored)."""
    rows = conn.execute(
        "SELECT data FROM result_blocks WHERE review_id = ? AND unit = ? ORDER BY part", (review_id, unit)
    ).fetchall()
    return _codes_as_read(blocks.decode([row[0] for row in rows], columns, plain=plain))


def _codes_as_read(table: pa.Table) -> pa.Table:
    """``table`` with its household codes as a file's are read now (:func:`~poverty_rules.vocabulary.codes.
    trimmed_codes`): a code a version before this one recorded with its leading apostrophe (``'001``, as an
    export wrote it) is the file's ``001`` today, so last year's households are found in this year's file,
    in every reader of the history (a review, ``history show``, ``eligible``, ``report --db``)."""
    if "household_id" not in table.column_names:
        return table
    codes = table.column("household_id")
    if codes.type not in (pa.string(), pa.large_string()):
        return table
    trimmed = trimmed_codes(codes)
    if trimmed is codes:
        return table
    return table.set_column(table.column_names.index("household_id"), "household_id", trimmed)


MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: reviews, their results and transitions.
    """
    CREATE TABLE reviews (
        id          INTEGER PRIMARY KEY,
        review_date TEXT NOT NULL,              -- ISO date of the review (as of)
        commune     TEXT NOT NULL DEFAULT '',   -- '' when the review names no commune
        ruleset     TEXT NOT NULL,              -- ruleset id and version, or 'imported-list'
        overlay     TEXT,
        created_at  TEXT NOT NULL,              -- UTC ISO timestamp of the write
        UNIQUE (review_date, commune)
    );
    CREATE TABLE results (
        review_id         INTEGER NOT NULL REFERENCES reviews (id),
        household_id      TEXT NOT NULL,
        village           TEXT,
        status            TEXT NOT NULL,
        deprived          TEXT,
        deprivation_count INTEGER,
        decided_by        TEXT,
        recognized_on     TEXT,
        PRIMARY KEY (review_id, household_id)
    ) WITHOUT ROWID;
    CREATE TABLE transitions (
        review_id       INTEGER NOT NULL REFERENCES reviews (id),
        household_id    TEXT NOT NULL,
        transition      TEXT NOT NULL,
        previous_status TEXT,
        eligible_until  TEXT,
        recognized_on   TEXT,   -- recognition date of this movement when known
        PRIMARY KEY (review_id, household_id)
    ) WITHOUT ROWID;
    """,
    # 2: the local classification recorded beside the national one (docs/standard.md §1; issue #12).
    """
    ALTER TABLE reviews ADD COLUMN local_ruleset TEXT;       -- label of the local standard, if any
    ALTER TABLE results ADD COLUMN local_status TEXT;
    ALTER TABLE results ADD COLUMN local_deprived TEXT;
    ALTER TABLE results ADD COLUMN local_deprivation_count INTEGER;
    """,
    # 3: where each household lives and who it is, for the reports (docs/reports.md; issue #13): a
    # household that left is counted (and listed) in its own commune with its persons, and one marked
    # moved_out / died / merged is not carried into the next review's start.
    """
    ALTER TABLE results ADD COLUMN province TEXT;
    ALTER TABLE results ADD COLUMN place_commune TEXT;      -- the household's commune (reviews.commune is the scope)
    ALTER TABLE results ADD COLUMN area TEXT;
    ALTER TABLE results ADD COLUMN head_name TEXT;
    ALTER TABLE results ADD COLUMN household_size TEXT;
    ALTER TABLE results ADD COLUMN change_reason TEXT;      -- moved_in, moved_out, died, split, merged
    """,
    # 4: the farm household mark (R1's average-standard farm households, docs/reports.md; issue #13).
    """
    ALTER TABLE results ADD COLUMN farm_household TEXT;
    """,
    # 5: R8's groups and R9's ethnicity as written in the reviewed file, so that a report from the
    # history builds R8 and R9 (docs/reports.md; issue #13).
    """
    ALTER TABLE results ADD COLUMN ethnicity TEXT;
    ALTER TABLE results ADD COLUMN ethnic_minority TEXT;
    ALTER TABLE results ADD COLUMN no_labour TEXT;
    ALTER TABLE results ADD COLUMN meritorious TEXT;
    ALTER TABLE results ADD COLUMN female_head TEXT;
    """,
    # 6: a review's scope is identified by codes, not free text (issue #13 item 2). Each result and
    # transition is keyed by its household's commune unit (review/scope.py: 'code|<province
    # code>|<commune code>' or 'name|<province>|<commune>') and its code, so one household code may be
    # used in two communes; review_units holds each review's scope (the units it covers); reviews lose
    # UNIQUE (review_date, commune): a date holds one review per unit. Existing rows get their names
    # as unit (the household's commune column when it was recorded, else the review's --commune).
    # Run with foreign keys off (the tables are rebuilt), checked before the commit.
    """
    CREATE TABLE reviews_v6 (
        id            INTEGER PRIMARY KEY,
        review_date   TEXT NOT NULL,
        commune       TEXT NOT NULL DEFAULT '',   -- the --commune given, '' when none (the scope is review_units)
        ruleset       TEXT NOT NULL,
        overlay       TEXT,
        created_at    TEXT NOT NULL,
        local_ruleset TEXT
    );
    INSERT INTO reviews_v6 (id, review_date, commune, ruleset, overlay, created_at, local_ruleset)
        SELECT id, review_date, commune, ruleset, overlay, created_at, local_ruleset FROM reviews;
    CREATE TABLE results_v6 (
        review_id               INTEGER NOT NULL REFERENCES reviews (id),
        unit                    TEXT NOT NULL,
        household_id            TEXT NOT NULL,
        village                 TEXT,
        status                  TEXT NOT NULL,
        deprived                TEXT,
        deprivation_count       INTEGER,
        decided_by              TEXT,
        recognized_on           TEXT,
        local_status            TEXT,
        local_deprived          TEXT,
        local_deprivation_count INTEGER,
        province                TEXT,
        place_commune           TEXT,
        area                    TEXT,
        head_name               TEXT,
        household_size          TEXT,
        change_reason           TEXT,
        farm_household          TEXT,
        ethnicity               TEXT,
        ethnic_minority         TEXT,
        no_labour               TEXT,
        meritorious             TEXT,
        female_head             TEXT,
        PRIMARY KEY (review_id, unit, household_id)
    ) WITHOUT ROWID;
    INSERT INTO results_v6
        SELECT r.review_id,
               CASE WHEN COALESCE(r.place_commune, '') <> ''
                    THEN 'name|' || COALESCE(r.province, '') || '|' || r.place_commune
                    ELSE 'name||' || v.commune END,
               r.household_id, r.village, r.status, r.deprived, r.deprivation_count, r.decided_by,
               r.recognized_on, r.local_status, r.local_deprived, r.local_deprivation_count, r.province,
               r.place_commune, r.area, r.head_name, r.household_size, r.change_reason, r.farm_household,
               r.ethnicity, r.ethnic_minority, r.no_labour, r.meritorious, r.female_head
        FROM results AS r JOIN reviews AS v ON v.id = r.review_id;
    CREATE TABLE transitions_v6 (
        review_id       INTEGER NOT NULL REFERENCES reviews (id),
        unit            TEXT NOT NULL,
        household_id    TEXT NOT NULL,
        transition      TEXT NOT NULL,
        previous_status TEXT,
        eligible_until  TEXT,
        recognized_on   TEXT,
        PRIMARY KEY (review_id, unit, household_id)
    ) WITHOUT ROWID;
    INSERT INTO transitions_v6
        SELECT t.review_id, COALESCE(r.unit, 'name||' || v.commune), t.household_id, t.transition,
               t.previous_status, t.eligible_until, t.recognized_on
        FROM transitions AS t JOIN reviews AS v ON v.id = t.review_id
        LEFT JOIN results_v6 AS r ON r.review_id = t.review_id AND r.household_id = t.household_id;
    CREATE TABLE review_units (
        review_id     INTEGER NOT NULL REFERENCES reviews (id),
        unit          TEXT NOT NULL,
        province_code TEXT NOT NULL DEFAULT '',
        commune_code  TEXT NOT NULL DEFAULT '',
        province      TEXT NOT NULL DEFAULT '',
        commune       TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (review_id, unit)
    ) WITHOUT ROWID;
    INSERT INTO review_units (review_id, unit, province, commune)
        SELECT r.review_id, r.unit,
               MIN(CASE WHEN COALESCE(r.place_commune, '') <> '' THEN COALESCE(r.province, '') ELSE '' END),
               MIN(CASE WHEN COALESCE(r.place_commune, '') <> '' THEN r.place_commune ELSE v.commune END)
        FROM results_v6 AS r JOIN reviews AS v ON v.id = r.review_id
        GROUP BY r.review_id, r.unit;
    INSERT OR IGNORE INTO review_units (review_id, unit, commune)
        SELECT id, 'name||' || commune, commune FROM reviews
        WHERE id NOT IN (SELECT review_id FROM review_units);
    DROP TABLE transitions;
    DROP TABLE results;
    DROP TABLE reviews;
    ALTER TABLE reviews_v6 RENAME TO reviews;
    ALTER TABLE results_v6 RENAME TO results;
    ALTER TABLE transitions_v6 RENAME TO transitions;
    CREATE INDEX reviews_by_date ON reviews (review_date);
    CREATE INDEX review_units_by_unit ON review_units (unit, review_id);
    """,
    # 7: a review whose households kept their status records no transition row for them (issue #11:
    # a million 'unchanged' rows were half of a review's writes); readers infer 'unchanged' and the
    # previous status (= the status) where such a review has no row.
    """
    ALTER TABLE reviews ADD COLUMN unchanged_implied INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: results and transitions as compressed Arrow blocks per (review, unit) (issue #11: a million
    # rows bound one by one took most of a review's time; review/blocks.py).
    _results_to_blocks,
    # 9: a review id is never given to another review: the ids are AUTOINCREMENT (sqlite_sequence keeps
    # the highest ever given), so the review recorded after an undone one does not take its id.
    """
    CREATE TABLE reviews_v9 (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        review_date       TEXT NOT NULL,
        commune           TEXT NOT NULL DEFAULT '',
        ruleset           TEXT NOT NULL,
        overlay           TEXT,
        created_at        TEXT NOT NULL,
        local_ruleset     TEXT,
        unchanged_implied INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO reviews_v9 (id, review_date, commune, ruleset, overlay, created_at, local_ruleset, unchanged_implied)
        SELECT id, review_date, commune, ruleset, overlay, created_at, local_ruleset, unchanged_implied FROM reviews;
    DROP TABLE reviews;
    ALTER TABLE reviews_v9 RENAME TO reviews;
    CREATE INDEX reviews_by_date ON reviews (review_date);
    """,
    # 10: the files a review was putting in place when it was recorded, kept until they are in place (a run
    # cut off between its record and its renames — power lost, the process killed — leaves the row, and the
    # next run says which review's files do not agree with the history).
    """
    CREATE TABLE review_outputs (
        review_id   INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
        files       TEXT NOT NULL
    );
    """,
    # 11: communes' names (and so their units) in one Unicode form, NFC, as the files' place cells are now read:
    # a history recorded from a file typed on a Mac (decomposed letters) is continued by a Windows file's review.
    _nfc_places,
)
"""Ordered migrations, SQL scripts or Python steps (run inside the same transaction); migration ``i``
takes a file from ``user_version`` i to i + 1."""

SCHEMA_VERSION = len(MIGRATIONS)

IMPORTED_RULESET = "imported-list"
"""``reviews.ruleset`` of reviews created by :meth:`HistoryStore.import_lists`."""

_RESULT_COLUMNS = (
    "household_id",
    "village",
    "status",
    "deprived",
    "deprivation_count",
    "decided_by",
    "recognized_on",
    "change_reason",
)
_TRANSITION_COLUMNS = (
    "household_id",
    "transition",
    "previous_status",
    "eligible_until",
    "recognized_on",
)

_DETAIL_COLUMNS = (
    "deprived",
    "deprivation_count",
    "decided_by",
    "province",
    "place_commune",
    "area",
    "head_name",
    "household_size",
    *GROUP_COLUMNS,
)
"""Columns of :meth:`HistoryStore.latest_before` that describe a household (read only when asked)."""
_LATEST_COLUMNS = [
    "household_id",
    "commune",
    "village",
    "review_date",
    "status",
    "deprived",
    "deprivation_count",
    "decided_by",
    "recognized_on",
    "escaped_poverty_before",
    "escaped_near_poverty_before",
    "escaped_on",
    "in_last_review",
    "province",
    "place_commune",
    "area",
    "head_name",
    "household_size",
    *GROUP_COLUMNS,
    "unit",
    "review_id",
]
"""Columns of :meth:`HistoryStore.latest_before`, in order."""
_RECORDED = frozenset(
    (
        "household_id",
        "status",
        "village",
        "deprived",
        "deprivation_count",
        "decided_by",
        "undetermined_by",
        "blank_marks",
        "recognized_on",
        "local_status",
        "local_deprived",
        "local_deprivation_count",
        "local_ruleset",
        "province",
        "commune",
        "area",
        "head_name",
        "household_size",
        "farm_household",
        "change_reason",
        *GROUP_COLUMNS,
        "transition",
        "previous_status",
        "eligible_until",
        "escaped_on",  # the file's earlier escape, kept as the day beside the window it opened
    )
)
"""The columns of a review's results that :meth:`HistoryStore.record_review` stores."""
_LEAVING = ("moved_out", "died", "merged")
_CODE = {s: i for i, s in enumerate(STATUSES)}


_NARROW = (
    "household_id",
    "status",
    "recognized_on",
    "change_reason",
    "village",
    "transition",
    "transition_recognized_on",
    "previous_status",
)
"""The block columns :meth:`HistoryStore.latest_before` decodes for every household in scope."""


@dataclass(frozen=True)
class LatestRows:
    """The rows of :meth:`HistoryStore.latest_before` as arrays, before any frame (:func:`_latest_rows`): one
    per household of the units read, sorted by unit then code. Its frame is made of them
    (:func:`_latest_frame`); a streamed review's index reads them without one and keeps a few numbers per
    household made from them (review/index.py ``_units_of``)."""

    household_id: pa.Array | pa.ChunkedArray  # Arrow text
    status: np.ndarray  # int8: position in STATUSES (an unknown status reads as the last)
    recognized_on: np.ndarray  # datetime64[D]
    escaped_poverty_before: np.ndarray  # bool
    escaped_near_poverty_before: np.ndarray  # bool
    escaped_on: np.ndarray  # datetime64[D]
    in_last_review: np.ndarray  # bool
    unit: np.ndarray  # int64: position in ``units``
    units: list[str]  # sorted
    chunk: np.ndarray  # int64: each row's chunk, the review it was last determined in
    chunks: list[tuple[Any, ...]]  # (review id, review date, --commune, unit, ruleset)
    days: np.ndarray  # each chunk's review date, datetime64[D]
    picked: pa.Table  # village (and the describing columns when read), dictionary-encoded as stored

    def __len__(self) -> int:
        return len(self.status)


def _latest(
    conn: sqlite3.Connection, chunks: list[tuple[Any, ...]], details: bool, coded: bool = False
) -> pd.DataFrame:
    """:meth:`HistoryStore.latest_before` over ``chunks`` (:func:`_latest_rows`) as its frame
    (``coded``: :data:`_CODED` as categories and Arrow text, :func:`plain_latest`)."""
    return _latest_frame(_latest_rows(conn, chunks, details), details, coded)


def _latest_rows(conn: sqlite3.Connection, chunks: list[tuple[Any, ...]], details: bool) -> LatestRows:
    """:meth:`HistoryStore.latest_before` over ``chunks`` — (review id, review date, --commune, unit),
    ordered by date and id: the narrow columns of each chunk's blocks decoded by Arrow, then numpy over
    the rows sorted by key."""
    names = [*_NARROW, *(_DETAIL_COLUMNS if details else ())]
    tables = [_read_chunk(conn, c[0], c[3], names, plain=False) for c in chunks]
    sizes = [t.num_rows for t in tables]
    table = pa.concat_tables(tables) if tables else blocks.decode([], names, plain=False)
    del tables
    n = table.num_rows
    chunk = np.repeat(np.arange(len(chunks)), sizes)
    units = sorted({c[3] for c in chunks})
    rank_of = {unit: i for i, unit in enumerate(units)}
    unit_rank = np.array([rank_of[c[3]] for c in chunks], dtype=np.int64)
    days = np.array([c[1] for c in chunks], dtype="datetime64[D]") if chunks else np.zeros(0, "datetime64[D]")
    # sorted by unit, household id, then chunk (chunks come by date then id): one Arrow sort; a key (a
    # household in its unit) is then a run of equal (unit, id), numbered by ``key``
    by = pa.table({"u": unit_rank[chunk], "h": table.column("household_id"), "c": chunk})
    order = pc.sort_indices(by, sort_keys=[("u", "ascending"), ("h", "ascending"), ("c", "ascending")]).to_numpy()
    del by
    reasons = _codes(table.column("change_reason"), _LEAVING)
    hid, key = _sorted_keys(table, order, unit_rank[chunk[order]])
    ended = reasons[order] >= _LEAVING.index("died")  # died or merged: the household is no more
    if ended.any():  # its code's rows up to its end are not the history of a household that uses the code later
        position = np.arange(len(order))
        last_end = np.full(int(key[-1]) + 1, -1, dtype=np.int64)
        np.maximum.at(last_end, key[ended], position[ended])
        order = order[position > last_end[key]]
        hid, key = _sorted_keys(table, order, unit_rank[chunk[order]])
    n = len(order)
    # the columns compared become numbers first (texts stay dictionary-encoded), then follow the sort
    chunk = chunk[order]
    status = _codes(table.column("status"), STATUSES).astype(np.int8)[order]
    leaving = (reasons >= 0)[order]
    recognized_all = _day_values(table.column("recognized_on"))[order]
    moves = _codes(table.column("transition"), ("escaped_poverty", "escaped_near_poverty"))[order]
    moved_on_all = _day_values(table.column("transition_recognized_on"))[order]
    # in the latest review of its unit, not marked leaving there (any status)
    last_day: dict[str, np.datetime64] = {}
    for (_, _, _, unit, *_), d in zip(chunks, days, strict=True):
        last_day[unit] = max(last_day.get(unit, d), d)
    in_last_chunk = np.array([days[i] == last_day[c[3]] for i, c in enumerate(chunks)], dtype=bool)
    row_last = in_last_chunk[chunk] & ~leaving if n else np.zeros(0, bool)
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if n else np.zeros(0, np.intp)
    in_last = np.logical_or.reduceat(row_last, starts) if n else np.zeros(0, bool)
    group = np.cumsum(np.r_[True, key[1:] != key[:-1]]) - 1 if n else np.zeros(0, np.intp)
    # a household whose every result is undetermined (new to the history, its marks left blank) keeps the
    # status its file gave it before (previous_status, which its row records): its latest such row stands for
    # that status, as the review and its reports took it (docs/review.md, "an undetermined household keeps
    # the status it had")
    status = _kept_statuses(status, _codes(table.column("previous_status"), STATUSES)[order], key)
    # determined results only: the latest one, and escapes read from consecutive results — of one stay: a household
    # back after leaving (absent from a review of its unit, or marked leaving there) was on none of the commune's
    # lists when it came back, so its first result after is no escape from the status it left with
    stay = _stays(key, chunk, leaving, chunks, days)
    det = np.flatnonzero(status != _CODE["undetermined"])
    dkey, dstat, dstay = key[det], status[det], stay[det]
    first = np.r_[True, dstay[1:] != dstay[:-1]] if det.size else np.zeros(0, bool)
    last = np.r_[dkey[1:] != dkey[:-1], True] if det.size else np.zeros(0, bool)
    before = np.r_[-1, dstat[:-1]].astype(np.int8) if det.size else np.zeros(0, np.int8)
    before[first] = -1
    above = (dstat == _CODE["average"]) | (dstat == _CODE["not_poor"])
    # a row marked leaving (moved out, died, merged) escapes nothing: the household left the lists, whatever its status
    dleft = leaving[det]
    out_of_poverty = (before == _CODE["poor"]) & (above | (dstat == _CODE["near_poor"])) & ~dleft
    out_of_near = (before == _CODE["near_poor"]) & above & ~dleft
    # an escape without its recognition date was recognized on its review's date; on an imported list's
    # the date is unknown (the list's year, not a decision): no support window is made up from it
    guessed = days.copy()
    imported = np.array([c[4] == IMPORTED_RULESET for c in chunks], dtype=bool)
    guessed[imported] = np.datetime64("NaT", "D")
    recognized = recognized_all[det]
    on_day = np.where(np.isnat(recognized), guessed[chunk[det]], recognized)
    latest_rows = det[last]
    out_group = group[latest_rows]
    escaped_poverty = np.zeros(len(starts), bool)
    escaped_near = np.zeros(len(starts), bool)
    escaped_on = np.full(len(starts), np.datetime64("NaT", "D"))
    if det.size:
        g = group[det]
        escaped_poverty[g[out_of_poverty]] = True
        escaped_near[g[out_of_near]] = True
        _latest_day(escaped_on, g[out_of_poverty], on_day[out_of_poverty])
    # the escapes recorded as transitions (reviews and imported escape lists), whatever the row's status, and an
    # earlier escape from poverty a file gave with the window it opened (its day beside another transition)
    carried = (moves < 0) & ~np.isnat(moved_on_all)
    # an escape from near-poverty recorded with the day of an earlier escape from poverty (a file's escaped_on, the
    # window it opened) before its own recognition: a review's, never an imported list's (its escape's own day)
    with np.errstate(invalid="ignore"):
        carried |= (moves == 1) & (moved_on_all < recognized_all) & ~imported[chunk]
    poverty_rows, near_rows = np.flatnonzero((moves == 0) | carried), np.flatnonzero(moves == 1)
    escaped_poverty[group[poverty_rows]] = True
    escaped_near[group[near_rows]] = True
    moved_on = moved_on_all[poverty_rows]
    moved_on = np.where(np.isnat(moved_on), guessed[chunk[poverty_rows]], moved_on)
    _latest_day(escaped_on, group[poverty_rows], moved_on)
    kept = ["village", *(_DETAIL_COLUMNS if details else ())]
    return LatestRows(
        household_id=hid.take(pa.array(latest_rows)),
        status=(status[latest_rows] % len(STATUSES)).astype(np.int8),  # an unknown status (-1) reads as the last
        recognized_on=recognized[last],
        escaped_poverty_before=escaped_poverty[out_group],
        escaped_near_poverty_before=escaped_near[out_group],
        escaped_on=escaped_on[out_group],
        in_last_review=in_last[out_group],
        unit=unit_rank[chunk[latest_rows]],
        units=units,
        chunk=chunk[latest_rows],
        chunks=chunks,
        days=days,
        picked=table.select(kept).take(pa.array(order[latest_rows])),
    )


def _latest_frame(rows: LatestRows, details: bool, coded: bool) -> pd.DataFrame:
    """The frame of :meth:`HistoryStore.latest_before` from its rows (:func:`_latest_rows`)."""

    def text(values: Any) -> pd.Series:  # object columns as they are: no inference to Arrow strings
        return pd.Series(np.asarray(values, dtype=object), dtype=object)

    chunks, picked, n_out = rows.chunks, rows.picked, len(rows)
    chunk_of = rows.chunk
    columns: dict[str, Any] = {
        "household_id": pd.Series(pd.arrays.ArrowStringArray(rows.household_id)),
        "commune": _coded(*_numbered([c[2] for c in chunks], chunk_of)),
        "village": _categories(picked.column("village")),
        "review_date": pd.Series(rows.days[chunk_of], dtype="datetime64[s]"),
        "status": _coded(rows.status, STATUSES),
    }
    # the describing columns left out: missing (coded: a categorical of no category, nothing to copy)
    nothing = _coded(np.full(n_out, -1), []) if coded else text(np.full(n_out, None, dtype=object))
    for name in _DETAIL_COLUMNS:
        columns[name] = text(_objects(picked.column(name))) if details else nothing
    if details:
        columns["deprivation_count"] = pd.array(picked.column("deprivation_count").to_pylist(), dtype="Int64")
    else:
        columns["deprivation_count"] = pd.arrays.IntegerArray(np.zeros(n_out, np.int64), np.ones(n_out, dtype=bool))
    columns["recognized_on"] = pd.Series(rows.recognized_on, dtype="datetime64[s]")
    columns["escaped_poverty_before"] = rows.escaped_poverty_before
    columns["escaped_near_poverty_before"] = rows.escaped_near_poverty_before
    columns["escaped_on"] = pd.Series(rows.escaped_on, dtype="datetime64[s]")
    columns["in_last_review"] = rows.in_last_review
    columns["unit"] = _coded(rows.unit, rows.units)
    columns["review_id"] = np.array([c[0] for c in chunks] or [0], dtype=np.int64)[chunk_of]
    frame = pd.DataFrame({name: columns[name] for name in _LATEST_COLUMNS}, copy=False)
    return frame if coded else plain_latest(frame)


def _stays(
    key: np.ndarray, chunk: np.ndarray, leaving: np.ndarray, chunks: list[tuple[Any, ...]], days: np.ndarray
) -> np.ndarray:
    """Each row's stay (rows sorted by household ``key``, then review): a number that changes where the household
    starts anew in its unit — its first row, and a row after it left (a review of its unit lies between its previous
    row and this one, or its previous row was marked leaving: ``leaving``). A household that moved out and came back
    is one household (its escapes and windows are its history), but its two stays are not compared: it was on none
    of the lists between. An imported list is partial by nature (the year's poor and near-poor, an escape of its own
    day alone): a household absent from one has not left."""
    n = len(key)
    if not n:
        return np.zeros(0, np.int64)
    reviewed: dict[str, list[np.datetime64]] = {}
    for (_, _, _, unit, ruleset, *_), d in zip(chunks, days, strict=True):
        if ruleset != IMPORTED_RULESET:
            reviewed.setdefault(unit, []).append(d)
    marks = {unit: np.unique(np.array(ds, dtype="datetime64[D]")) for unit, ds in reviewed.items()}
    none = np.zeros(0, dtype="datetime64[D]")
    # per chunk: how many reviews of its unit came before its day, and up to it
    before = np.array([np.searchsorted(marks.get(c[3], none), d, "left") for c, d in zip(chunks, days, strict=True)])
    upto = np.array([np.searchsorted(marks.get(c[3], none), d, "right") for c, d in zip(chunks, days, strict=True)])
    before, upto = before.astype(np.int64)[chunk], upto.astype(np.int64)[chunk]
    new = np.r_[True, key[1:] != key[:-1]]
    new[1:] |= (before[1:] - upto[:-1] > 0) | leaving[:-1]
    return np.cumsum(new)


def _kept_statuses(status: np.ndarray, previous: np.ndarray, key: np.ndarray) -> np.ndarray:
    """``status`` (codes of rows sorted by household ``key``, then date) with the undetermined rows of a
    household that has no determined result at all read as the previous status its row records (the file's
    ``previous_status`` of a household new to the history): the status it keeps until it is determined. A
    household with a determined result keeps the last one, as before; an undetermined row with no previous
    status stays undetermined."""
    undetermined = status == _CODE["undetermined"]
    if not undetermined.any():
        return status
    determined_keys = np.unique(key[~undetermined])
    lone = undetermined & (previous >= 0) & ~np.isin(key, determined_keys)
    if not lone.any():
        return status
    out = status.copy()
    out[lone] = previous[lone].astype(status.dtype)
    return out


_CODED = ("household_id", "commune", "village", "status", "unit")
"""The columns :meth:`HistoryStore.latest_before` with ``coded=True`` gives as categories or Arrow text."""


def _sorted_keys(
    table: pa.Table, order: np.ndarray, units: np.ndarray
) -> tuple[pa.ChunkedArray | pa.Array, np.ndarray]:
    """The household codes of ``table``'s rows taken in ``order`` (sorted by unit, code, review) and each row's key
    number, a household in its unit (``units``: each row's unit rank in that order), counted from 0."""
    n = len(order)
    hid = table.column("household_id").take(pa.array(order))
    new_key = np.ones(n, dtype=bool)
    if n > 1:
        same_id = pc.equal(hid.slice(1), hid.slice(0, n - 1)).to_numpy()
        new_key[1:] = (units[1:] != units[:-1]) | ~np.asarray(same_id, dtype=bool)
    return hid, np.cumsum(new_key) - 1


def plain_latest(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of :meth:`HistoryStore.latest_before` with ``coded=True`` as it returns them by default: the
    coded columns (and the describing columns left out, categories of nothing) as Python texts (None
    where missing)."""
    out = frame.copy(deep=False)
    for name in frame.columns:
        column = frame[name]
        if name not in _CODED and not isinstance(column.dtype, pd.CategoricalDtype):
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            names = np.array([*column.cat.categories, None], dtype=object)
            out[name] = pd.Series(names[column.cat.codes.to_numpy()], index=frame.index, dtype=object)
        elif column.dtype != object:
            out[name] = pd.Series(_objects(pa.array(column.array)), index=frame.index, dtype=object)
    return out


def _numbered(texts: list[str], which: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """``texts[which]`` as codes into the distinct texts (a text given twice numbered once), and those texts."""
    distinct = list(dict.fromkeys(texts))
    position = {text: i for i, text in enumerate(distinct)}
    return np.array([position[t] for t in texts] + [-1], dtype=np.int64)[which], distinct


def _coded(codes: np.ndarray, categories: Sequence[str]) -> pd.Series:
    """A categorical column of texts from codes into ``categories``."""
    kind = pd.CategoricalDtype(pd.Index(list(categories), dtype=object))
    return pd.Series(pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), dtype=kind))


def _categories(column: pa.ChunkedArray) -> pd.Series:
    """A dictionary-encoded Arrow text column (each block its own dictionary) as one categorical column."""
    return _coded(*first_seen(column))


def first_seen(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[Any]]:
    """An Arrow text column's cells numbered in the order their texts first appear (-1: missing), and the texts
    they number: what ``pc.dictionary_encode`` of its plain texts gives. A dictionary-encoded column (each
    block its own dictionary, which may list a text twice) is numbered from its dictionaries' texts, without a
    text per row (a million households' villages: 0.11 s as plain texts)."""
    if not pa.types.is_dictionary(column.type):
        encoded = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
        return np.asarray(encoded.indices.fill_null(-1).to_numpy(), dtype=np.int64), encoded.dictionary.to_pylist()
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if not chunks:
        return np.zeros(0, dtype=np.int64), []
    texts = pc.dictionary_encode(pa.concat_arrays([chunk.dictionary for chunk in chunks]))  # each text numbered once
    text_of = np.append(np.asarray(texts.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64), -1)
    cells, start = [], 0
    for chunk in chunks:  # a cell's entry among every block's dictionary entries; -1 (the appended one): missing
        entry = np.asarray(chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)
        cells.append(np.where(entry >= 0, entry + start, -1))
        start += len(chunk.dictionary)
    numbers = text_of[np.concatenate(cells)]
    seen = pc.dictionary_encode(pa.array(numbers, mask=numbers < 0))  # the texts in the order they first appear
    codes = np.asarray(seen.indices.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return codes, texts.dictionary.take(seen.dictionary).to_pylist()


def _chunks_before(conn: sqlite3.Connection, before: str, commune: str | None) -> list[tuple[Any, ...]]:
    """(review id, review date, --commune, unit, ruleset) of every review before ``before`` (ISO) and unit
    it covers, of the reviews or units named ``commune`` when given, by date then id then unit."""
    return conn.execute(
        "SELECT v.id, v.review_date, v.commune, u.unit, v.ruleset FROM reviews AS v "
        "JOIN review_units AS u ON u.review_id = v.id "
        "WHERE v.review_date < ? AND (? IS NULL OR v.commune = ? OR u.commune = ? OR u.commune_code = ?) "
        "ORDER BY v.review_date, v.id, u.unit",
        (before, commune, commune, commune, (commune or "").strip() or None),
    ).fetchall()


@dataclass(frozen=True)
class LatestRead:
    """The history of some units read beforehand (:func:`read_latest`): ``latest`` is
    :meth:`HistoryStore.latest_before` of ``units`` (``details=False, coded=True``)."""

    units: frozenset[str]
    latest: pd.DataFrame

    def of(self, units: Sequence[str]) -> pd.DataFrame | None:
        """The rows of ``units``, in their order, when every one of them was read; else None (the
        review then reads its scope from the store)."""
        if not set(units) <= self.units:
            return None
        return in_units(self.latest, units)


def read_latest(path: str | Path, review_date: date | str, units: Sequence[str]) -> LatestRead | None:
    """:meth:`HistoryStore.latest_before` of ``units`` (``details=False, coded=True``), read through a
    read-only connection of its own, so a review may read its history in a thread while its household
    file is classified (SQLite and the blocks' zstd decode run without the GIL). ``units`` are the
    communes the file's rows name (:func:`poverty_rules.review.scope.file_units`, rejected rows
    included): a commune's review reads its own commune's history, not a whole province's. Each unit's
    rows are computed from that unit's reviews alone, so they are what ``latest_before(units=...)``
    returns for it. None when there is nothing to read this way — no file, a file of another schema
    version (opening it migrates it) or one SQLite cannot read: the review then reads its history as
    before, from the store it opened."""
    if not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    wanted = frozenset(units)
    try:
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
            return None
        chunks = [c for c in _chunks_before(conn, _iso_date(review_date, "review_date"), None) if c[3] in wanted]
        return LatestRead(wanted, _latest(conn, chunks, False, coded=True))
    except (sqlite3.Error, pa.ArrowException):  # read again, and reported, by the review itself
        return None
    finally:
        conn.close()


class UnitHistory:
    """The history of chosen commune units, read through a read-only connection of its own when asked: what
    a streamed review reads as a batch's communes first appear (review/index.py). :meth:`latest` is
    :meth:`HistoryStore.latest_before` of those units (``details=False, coded=True``), each computed from
    its own reviews, as there. The reviews before the date are listed once, when it opens."""

    def __init__(self, conn: sqlite3.Connection | None, chunks: list[tuple[Any, ...]]) -> None:
        self._conn = conn
        self._chunks = chunks  # by date, id, unit
        self._units = {str(chunk[3]) for chunk in chunks}

    @classmethod
    def open(cls, path: str | Path, review_date: date | str) -> UnitHistory | None:
        """The history file at ``path`` before ``review_date``: empty when there is no file yet; None when it
        cannot be read this way (a file of another schema version, which opening migrates, or one SQLite
        cannot read): the review then reads its history whole."""
        if not Path(path).is_file():
            return cls(None, [])
        try:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
                conn.close()
                return None
            return cls(conn, _chunks_before(conn, _iso_date(review_date, "review_date"), None))
        except sqlite3.Error:
            conn.close()
            return None

    def knows(self, unit: str) -> bool:
        """Whether a review before the date covered ``unit``."""
        return unit in self._units

    def latest(self, units: Sequence[str]) -> pd.DataFrame:
        """Each household of ``units`` with its last determined result before the date, sorted by unit then
        code (one read for them all; each unit's rows computed from its reviews alone)."""
        return _latest_frame(self.latest_rows(units), False, True)

    def latest_rows(self, units: Sequence[str]) -> LatestRows:
        """:meth:`latest` as arrays, without its frame."""
        wanted = set(units) & self._units
        chunks = [chunk for chunk in self._chunks if chunk[3] in wanted]
        return _latest_rows(self._conn, chunks, False)  # type: ignore[arg-type]

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def in_units(latest: pd.DataFrame, units: Sequence[str]) -> pd.DataFrame:
    """The rows of :meth:`HistoryStore.latest_before` (or of :func:`read_latest`) whose unit is one
    of ``units``, in their order (the frame itself when every row's unit is)."""
    column = latest["unit"]
    present = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column.unique()
    wanted = set(units)
    if all(unit in wanted for unit in present):
        return latest
    return latest[latest["unit"].isin(wanted).to_numpy()].reset_index(drop=True)


def _codes(column: pa.ChunkedArray | pa.Array, values: Sequence[str]) -> np.ndarray:
    """Each cell's position in ``values`` (-1 where it is none of them or missing); a dictionary-encoded
    column's looked up once per block's dictionary entry."""
    value_set = pa.array(list(values), pa.string())
    if not pa.types.is_dictionary(column.type):
        return np.asarray(pc.index_in(column, value_set=value_set).fill_null(-1).to_numpy(), dtype=np.int64)
    parts = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    out = [np.zeros(0, dtype=np.int64)]
    for part in parts:
        found = pc.index_in(part.dictionary, value_set=value_set).fill_null(-1).to_numpy(zero_copy_only=False)
        lookup = np.append(np.asarray(found, dtype=np.int64), -1)  # a missing cell: the last entry
        cells = part.indices.fill_null(len(part.dictionary)).to_numpy(zero_copy_only=False)
        out.append(lookup[np.asarray(cells, dtype=np.int64)])
    return np.concatenate(out)


def _day_values(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """ISO date texts as ``datetime64[D]`` (NaT where missing)."""
    if len(column) == 0:
        return np.zeros(0, "datetime64[D]")
    try:
        return np.asarray(pc.cast(column, pa.date32()).to_numpy(), dtype="datetime64[D]")
    except pa.ArrowInvalid:  # not ISO text as the store writes it: read as officers write dates
        return to_day_array(_objects(column))


def _objects(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """An Arrow column as a numpy object array (None where missing)."""
    if pa.types.is_dictionary(column.type):
        column = pc.cast(column, column.type.value_type)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)


def _latest_day(days: np.ndarray, where: np.ndarray, values: np.ndarray) -> None:
    """``days[where] = max(days[where], values)`` with repeated ``where`` and NaT as nothing."""
    known = ~np.isnat(values)
    where, values = where[known], values[known]
    if not where.size:
        return
    ints = days.astype(np.int64)
    ints[np.isnat(days)] = np.iinfo(np.int64).min
    np.maximum.at(ints, where, values.astype(np.int64))
    days[:] = np.where(ints == np.iinfo(np.int64).min, np.datetime64("NaT", "D"), ints.astype("datetime64[D]"))


@dataclass(frozen=True)
class PreparedReview:
    """A review's rows checked, sorted and encoded as blocks, ready for :meth:`HistoryStore.record_prepared`
    (made by :func:`prepare_review`, which touches no file: it may run while the review's files are
    written)."""

    review_day: str
    commune: str
    ruleset: str
    overlay: str | None
    scope: pd.DataFrame
    local: bool  # the rows carry a local classification
    local_label: str | None
    implied: bool  # 'unchanged' rows carry no transition (migration 7)
    blocks: list[tuple[str, list[tuple[int, int, Any]]]]  # per unit, its parts (part, rows, data)
    read: Callable[[Any], bytes] | None = None  # a part's data where it waits (a streamed review's spill file)


def prepare_review(
    review_date: date | str,
    commune: str | None,
    ruleset: str,
    overlay: str | None,
    results_df: pd.DataFrame,
    *,
    units: np.ndarray | pd.Categorical | None = None,
    scope: pd.DataFrame | None = None,
) -> PreparedReview:
    """The work of :meth:`HistoryStore.record_review` before its transaction: check the rows (an error
    here writes nothing), sort them by (unit, code), encode each unit's rows as blocks."""
    review_day = _iso_date(review_date, "review_date")
    if units is None or scope is None:
        units, scope = household_units(results_df, commune=commune)
    if scope.empty:  # an empty review still records its scope
        scope = pd.DataFrame([{**dict.fromkeys(SCOPE_COLUMNS, ""), "unit": name_unit("", commune or "")}])
        scope["commune"] = commune or ""
    used = [c for c in results_df.columns if c in _RECORDED]  # sorting copies these columns only
    frame, order, unit_rows = _checked_results(results_df[used].assign(unit=units))
    local = "local_status" in frame.columns
    labels = sorted({str(v) for v in frame.get("local_ruleset", pd.Series(dtype=object)).dropna() if str(v)})
    table = _block_table(frame).take(pa.array(order))
    parts = [(unit, list(blocks.encode(table.slice(start, end - start)))) for unit, start, end in unit_rows]
    return PreparedReview(
        review_day=review_day,
        commune=commune or "",
        ruleset=ruleset,
        overlay=overlay,
        scope=scope,
        local=local,
        local_label="; ".join(labels) or None,
        implied="transition" in frame.columns,
        blocks=parts,
    )


def merge_prepared(
    parts: Sequence[PreparedReview],
    scope: pd.DataFrame,
    *,
    read: Callable[[Any], bytes] | None = None,
    keep: Callable[[bytes], Any] | None = None,
) -> PreparedReview:
    """One review made ready from the parts a streamed review prepared batch by batch (each
    :func:`prepare_review` of its batch's rows), with the review's whole ``scope``: each unit's rows, sorted
    by code, in parts of at most ``blocks.PART_ROWS`` — as :func:`prepare_review` of all the rows at once
    would have made them. A unit met in one part keeps that part's blocks; one whose parts follow one
    another by code is re-cut as they come; any other is decoded (every column, dictionary-encoded),
    sorted by code and encoded again: memory for one unit at a time. ``read`` gives a part's data where
    the parts hold where it waits, ``keep`` puts a merged part's data away and gives where (both: the data
    itself by default; ``keep`` may be called from two threads at once, in any order); the review made ready
    reads its parts with ``read``."""
    first = parts[0]
    load = read or _same
    put = keep or _same
    found: dict[str, list[list[tuple[int, int, Any]]]] = {}
    for part in parts:
        for unit, encoded in part.blocks:
            if encoded:
                found.setdefault(unit, []).append(encoded)
    merged: list[tuple[str, list[tuple[int, int, Any]]]] = []
    for unit in sorted(found):
        pieces = found[unit]
        if len(pieces) == 1:
            merged.append((unit, pieces[0]))
            continue
        if _in_order(pieces, load):  # a file sorted by code: the parts follow one another, re-cut as they come
            runs = blocks.encode_runs(blocks.decode([load(data)], plain=False) for data in _blobs(pieces))
            merged.append((unit, [(number, rows, put(data)) for number, rows, data in runs]))
            continue
        table = blocks.decode([load(data) for data in _blobs(pieces)], plain=False).unify_dictionaries()
        order = pc.sort_indices(table.column("household_id"))
        ids = table.column("household_id").take(order)
        same = pc.equal(ids.slice(1), ids.slice(0, max(len(ids) - 1, 0)))
        if len(ids) > 1 and pc.any(same).as_py():
            repeated = sorted(set(ids.slice(1).filter(same).to_pylist()))[:5]
            raise ValueError(f"results: duplicated household_id in one commune {repeated}")
        del ids
        merged.append((unit, _sorted_parts(table, order, put)))
    labels = sorted({label for part in parts if part.local_label for label in part.local_label.split("; ")})
    return PreparedReview(
        review_day=first.review_day,
        commune=first.commune,
        ruleset=first.ruleset,
        overlay=first.overlay,
        scope=scope,
        local=any(part.local for part in parts),
        local_label="; ".join(labels) or None,
        implied=any(part.implied for part in parts),
        blocks=merged,
        read=read,
    )


def _sorted_parts(table: pa.Table, order: pa.Array, put: Callable[[bytes], Any]) -> list[tuple[int, int, Any]]:
    """``table``'s rows in ``order``, encoded in parts of ``blocks.PART_ROWS`` rows, each put away with ``put``:
    two parts at a time, as Arrow gathers and encodes them without the GIL (a commune of a million households,
    the end of its streamed review: 0.26 s gathering and encoding its four parts one after the other)."""

    def one(at: int) -> tuple[int, Any]:
        ((_, rows, data),) = blocks.encode(table.take(order.slice(at, blocks.PART_ROWS)))
        return rows, put(data)

    starts = range(0, len(order), blocks.PART_ROWS)
    if len(starts) < 2:  # one part: no other to encode beside it
        done = [one(at) for at in starts]
    else:
        with ThreadPoolExecutor(max_workers=_MERGE_THREADS) as pool:
            done = list(pool.map(one, starts))
    return [(number, rows, where) for number, (rows, where) in enumerate(done)]


_MERGE_THREADS = 2
"""Parts of one commune gathered and encoded at once by :func:`merge_prepared` (two cores)."""


def _same(value: Any) -> Any:
    """The value itself."""
    return value


def _blobs(pieces: list[list[tuple[int, int, Any]]]) -> Iterator[Any]:
    """The encoded parts of one unit's pieces, in order."""
    for piece in pieces:
        for _, _, data in piece:
            yield data


def _in_order(pieces: list[list[tuple[int, int, Any]]], load: Callable[[Any], bytes]) -> bool:
    """Whether one unit's pieces (each sorted by code) follow one another: each one's last code before the
    next one's first (read from their first and last parts only)."""
    bounds = []
    for piece in pieces:
        first = blocks.decode([load(piece[0][2])], ["household_id"]).column(0)
        last = blocks.decode([load(piece[-1][2])], ["household_id"]).column(0)
        bounds.append((first[0].as_py(), last[-1].as_py()))
    return all(a[1] < b[0] for a, b in zip(bounds, bounds[1:], strict=False))


def _file_names(files: Sequence[str | os.PathLike[str]]) -> str:
    """File names as the history keeps them (``review_outputs.files``): a JSON list, each name exactly as given,
    the bytes of a name that are not UTF-8 (``h\xf4.reviewed.csv`` from a Windows zip, which Python keeps as
    ``\udcf4``) escaped in the JSON text, which SQLite could not store as they were (a review of such a file
    stopped with 'utf-8' codec can't encode … once its work was done)."""
    text = json.dumps([os.fspath(path) for path in files], ensure_ascii=False)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")  # \udcf4: JSON's own escape, read back as it was


class HistoryStore:
    """The review history in one SQLite file; use as a context manager.

    >>> with HistoryStore("history.db") as store:                      # doctest: +SKIP
    ...     previous = store.latest_before("2025-12-01", commune="Hưng Chính")
    ...     store.record_review("2025-12-01", "Hưng Chính", "vn-2022-2025", None, results)
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0, read_only: bool = False) -> None:
        """Open (or create) the file at ``path`` and bring its schema up to date. ``read_only``: the caller only
        reads it (``history list``, ``history show``, ``eligible``, ``report --db``): a file of an older version
        that cannot be written (a read-only disk, a CD, a folder shared read-only) is brought up to date in a
        copy in memory and read there, the file left as it is (:meth:`_upgraded_in_memory`)."""
        self.path = str(path)
        try:  # a file that cannot be opened nor made (a read-only or missing folder)
            self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise HistoryError.of(L.texts("h_unusable", file=self.path, why=L.sqlite_reasons(error))) from error
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA cache_size = -131072")  # 128 MiB for large reviews
            self._conn.execute("PRAGMA temp_store = MEMORY")
            try:
                self._migrate()
            except HistoryError as refused:
                if not (read_only and _read_only_refusal(refused)):
                    raise
                self._upgraded_in_memory()
        except sqlite3.DatabaseError as error:
            self._conn.close()
            if _locked(error):  # another program writes to it: a fine file, busy
                raise HistoryError.of(L.texts("h_locked", file=self.path)) from error
            raise HistoryError.of(L.texts("h_unusable", file=self.path, why=L.sqlite_reasons(error))) from error
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (any open transaction was already committed or rolled back)."""
        self._conn.close()

    @property
    def schema_version(self) -> int:
        """The file's ``PRAGMA user_version``."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Apply the pending :data:`MIGRATIONS` in one transaction, under the write lock."""
        if self.schema_version == SCHEMA_VERSION:
            return
        self._conn.execute("PRAGMA foreign_keys = OFF")  # migration 5 rebuilds tables (checked below)
        try:
            with self._transaction():
                version = self.schema_version  # re-read: another process may have migrated
                if version > SCHEMA_VERSION:
                    raise HistoryError.of(L.texts("h_newer", file=self.path, version=version, ours=SCHEMA_VERSION))
                if version == 0:  # a new file, or another program's database: never given a history's tables
                    self._refuse_foreign()
                for script in MIGRATIONS[version:]:
                    if callable(script):
                        script(self._conn)
                        continue
                    for statement in _statements(script):
                        self._conn.execute(statement)
                broken = self._conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise HistoryError(f"{self.path}: {len(broken)} row(s) refer to no review; not migrated")
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            self._conn.execute("PRAGMA foreign_keys = ON")

    def _upgraded_in_memory(self) -> None:
        """Read the file, of an older version and not writable, through an up-to-date copy of it in memory
        (SQLite's backup, then the migrations there): nothing is written to the file, and what is read is what
        the file upgraded in place would give."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            self._conn.backup(memory)
        except BaseException:
            memory.close()
            raise
        self._conn.close()
        self._conn = memory
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA temp_store = MEMORY")
        self._migrate()

    def _refuse_foreign(self) -> None:
        """Refuse a file of schema version 0 that holds tables already: another program's SQLite database
        (``--db`` naming the wrong file), which the migrations would have given the history's tables beside its
        own, silently. A history always has a version (migration 1 sets it, in the transaction that makes its
        tables)."""
        rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        tables = [str(name) for (name,) in rows if not str(name).startswith("sqlite_")]
        if tables:
            shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
            raise HistoryError.of(L.texts("h_foreign", file=self.path, tables=shown))

    def _transaction(self) -> _Transaction:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception."""
        return _Transaction(self._conn, self.path)

    # ------------------------------------------------------------------ writing

    def record_review(
        self,
        review_date: date | str,
        commune: str | None,
        ruleset: str,
        overlay: str | None,
        results_df: pd.DataFrame,
        *,
        units: np.ndarray | None = None,
        scope: pd.DataFrame | None = None,
    ) -> int:
        """Record one review's results (and transitions) and return the review id.

        ``results_df`` is the engine's output: ``household_id`` and ``status`` are required;
        ``village``, ``deprived``, ``deprivation_count``, ``decided_by``, ``recognized_on``,
        ``transition``, ``previous_status``, ``eligible_until`` are stored when present, and so are
        the local classification (``local_status``, ``local_deprived``, ``local_deprivation_count``;
        ``local_ruleset`` on the review) and where and who each household is (``province``,
        ``commune``, ``area``, ``head_name``, ``household_size``, ``farm_household``,
        ``change_reason``). ``units`` (one per row) and ``scope`` are each household's commune unit and
        the review's units (:func:`poverty_rules.review.scope.household_units`; by default from the
        frame's ``commune`` / ``province`` columns and ``commune``). A row gets a transition record
        when its ``transition`` is not empty. Whatever was recorded on the same date for a unit of
        this scope is replaced, so running the same review twice leaves one copy. Everything happens
        in one transaction: on any error nothing is written.
        """
        return self.record_prepared(
            prepare_review(review_date, commune, ruleset, overlay, results_df, units=units, scope=scope)
        )

    def record_prepared(
        self,
        prepared: PreparedReview,
        *,
        replace: bool = True,
        outputs: Sequence[str] = (),
        committing: Callable[[], None] | None = None,
    ) -> int:
        """Write a review made ready by :func:`prepare_review` in one transaction (what was recorded on
        its date for a unit of its scope replaced) and return its id. With ``replace=False`` a review of
        a unit of its scope recorded on its date is refused (:class:`HistoryInputError`, nothing written),
        checked inside the transaction: another process may have recorded one since ``review`` looked.
        ``outputs``: the files the run puts in place once this returns, kept with the review until
        :meth:`outputs_placed` says they are (:meth:`unplaced` lists the reviews whose files never were).
        ``committing`` is called once everything is written, just before the commit (the command line holds
        a stop from there: before it, a stop rolls the whole record back)."""
        with self._transaction():
            self._refuse_imported(prepared)
            if not replace:
                self._refuse_recorded(prepared)
            same = self._same_scope(prepared.review_day, prepared.scope["unit"].tolist())
            self._release_units(prepared.review_day, prepared.scope["unit"].tolist())
            review_id = self._insert_review(
                prepared.review_day, prepared.commune, prepared.ruleset, prepared.overlay, review_id=same
            )
            self._conn.executemany(
                "INSERT INTO review_units (review_id, unit, province_code, commune_code, province, commune) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(review_id, *row) for row in prepared.scope[list(SCOPE_COLUMNS)].astype(str).itertuples(index=False)],
            )
            if prepared.local:
                self._conn.execute(
                    "UPDATE reviews SET local_ruleset = ? WHERE id = ?", (prepared.local_label, review_id)
                )
            if prepared.implied:
                self._conn.execute("UPDATE reviews SET unchanged_implied = 1 WHERE id = ?", (review_id,))
            for unit, parts in prepared.blocks:
                if prepared.read is not None:  # one unit's parts read from where they wait, at a time
                    parts = [(number, rows, prepared.read(data)) for number, rows, data in parts]
                _insert_blocks(self._conn, review_id, unit, parts)
            if outputs:
                self._conn.execute(
                    "INSERT OR REPLACE INTO review_outputs (review_id, files) VALUES (?, ?)",
                    (review_id, _file_names(outputs)),
                )
            if committing is not None:
                committing()
        return review_id

    def outputs_placed(self, review_id: int) -> None:
        """Forget the files review ``review_id`` was putting in place: they are in place."""
        with self._transaction():
            self._conn.execute("DELETE FROM review_outputs WHERE review_id = ?", (review_id,))

    def outputs_waiting(self, review_id: int, files: Sequence[str]) -> None:
        """Keep ``files`` as review ``review_id``'s files not in place (some of its set were put in place)."""
        with self._transaction():
            self._conn.execute(
                "UPDATE review_outputs SET files = ? WHERE review_id = ?",
                (_file_names(files), review_id),
            )

    def unplaced(self) -> list[tuple[int, str, list[str]]]:
        """The reviews recorded whose files were never said to be in place (the run was cut off between its
        record and its renames, or a rename failed): (id, review date, the files), in id order."""
        rows = self._conn.execute(
            "SELECT o.review_id, v.review_date, o.files FROM review_outputs AS o "
            "JOIN reviews AS v ON v.id = o.review_id ORDER BY o.review_id"
        ).fetchall()
        return [(int(review_id), str(day), [str(f) for f in json.loads(files)]) for review_id, day, files in rows]

    def _refuse_recorded(self, prepared: PreparedReview) -> None:
        """Raise :class:`HistoryInputError` (``h_already``) when a review of a unit of ``prepared``'s scope
        is recorded on its date (inside the caller's transaction)."""
        found = self._conn.execute(
            "SELECT u.review_id, u.province_code, u.commune_code, u.commune FROM review_units AS u "
            "JOIN reviews AS v ON v.id = u.review_id WHERE v.review_date = ? "
            "AND u.unit IN (SELECT value FROM json_each(?)) ORDER BY u.review_id",
            (prepared.review_day, json.dumps(prepared.scope["unit"].astype(str).tolist())),
        ).fetchall()
        if found:
            same = pd.DataFrame(found, columns=["review_id", "province_code", "commune_code", "commune"])
            ids = ", ".join(str(i) for i in sorted(set(same["review_id"].astype(int))))
            day = date.fromisoformat(prepared.review_day)
            raise HistoryInputError.of(L.texts("h_already", db=self.path, scope=scope_named(same), day=day, ids=ids))

    def _refuse_imported(self, prepared: PreparedReview) -> None:
        """Raise :class:`HistoryInputError` (``h_over_imported``) when a unit of ``prepared``'s scope has a list
        imported on its date (inside the caller's transaction), ``replace`` or not: the review would replace the
        list, the earlier statuses it compares its households with (review/scope.py :func:`imported_refusal`)."""
        if prepared.ruleset == IMPORTED_RULESET:
            return
        recorded = self.scopes(prepared.review_day)
        imported = {
            int(i)
            for (i,) in self._conn.execute(
                "SELECT id FROM reviews WHERE review_date = ? AND ruleset = ?", (prepared.review_day, IMPORTED_RULESET)
            )
        }
        said = {
            lang: imported_refusal(recorded, imported, prepared.review_day, prepared.scope, db=self.path, lang=lang)
            for lang in ("vi", "en")
        }
        if said["en"] is not None:
            raise HistoryInputError.of({lang: text or "" for lang, text in said.items()})

    def _same_scope(self, review_day: str, units: list[str]) -> int | None:
        """Id of the review recorded on ``review_day`` whose scope is exactly ``units`` (the review that
        ``--replace`` runs again, which keeps its id), None when there is none (inside the caller's
        transaction)."""
        rows = self._conn.execute(
            "SELECT u.review_id, u.unit FROM review_units AS u JOIN reviews AS v ON v.id = u.review_id "
            "WHERE v.review_date = ?",
            (review_day,),
        ).fetchall()
        scopes: dict[int, set[str]] = {}
        for review_id, unit in rows:
            scopes.setdefault(int(review_id), set()).add(str(unit))
        wanted = set(units)
        return next((review_id for review_id, scope in sorted(scopes.items()) if scope == wanted), None)

    def _release_units(self, review_day: str, units: list[str]) -> None:
        """Remove what reviews of ``review_day`` recorded for ``units`` (inside the caller's
        transaction); a review left with no unit is removed."""
        chosen = json.dumps(units)
        for table in ("result_blocks", "review_units"):
            self._conn.execute(
                f"DELETE FROM {table} WHERE unit IN (SELECT value FROM json_each(?)) "
                "AND review_id IN (SELECT id FROM reviews WHERE review_date = ?)",
                (chosen, review_day),
            )
        self._conn.execute(
            "DELETE FROM reviews WHERE review_date = ? AND id NOT IN (SELECT review_id FROM review_units)",
            (review_day,),
        )

    def import_lists(
        self,
        df: pd.DataFrame,
        *,
        review_date: date | str | None = None,
        commune: str | None = None,
        months: int | None = None,
        first_row: RowNumbers = 1,
        headers: dict[str, str] | None = None,
        changed: list[int] | None = None,
        new_commune: bool = False,
    ) -> list[int]:
        """Bootstrap the history from earlier years' recognized lists; return the review ids.

        ``first_row`` is the number the errors give the first row of ``df`` (2 for a file whose
        header is row 1), or each row's number (an array: a sheet's rows below its title, blank rows
        skipped); ``headers`` the file's own header of each column (``status``: ``Tình trạng``): a
        refused list names its rows, columns and cells as the officer sees them.

        Columns: ``household_id`` and ``status`` (any spelling :func:`normalize_status` reads,
        including the escape lists ``thoát nghèo`` / ``thoát cận nghèo``), and optionally
        ``recognized_on`` (the commune chair's decision date, Quyết định 24/2021/QĐ-TTg),
        ``review_date`` or ``year`` (a year alone means 31 December of that year), ``commune``,
        ``village``. ``review_date`` / ``commune`` arguments fill what the columns do not give.

        Rows are grouped into one review per (date, commune unit: codes or names, review/scope.py) with
        ruleset ``imported-list``;
        importing into such a review adds or replaces households, so the poor, near-poor and
        escape lists of one year may come in separate calls and a re-import changes nothing. A
        status list row wins over an escape list row for the same household and year: the escape
        is kept as a transition (with its window end: ``months`` from ``recognized_on``; by default the
        window of the national programme of the national standard in force on ``recognized_on``, read
        from its ruleset) and the
        status row says where the household went; an escape row alone records ``not_poor``.
        Importing into a review the engine recorded is refused. One transaction for everything.
        ``changed``, when given, receives the ids of the reviews this import created or whose households it
        changed (a re-import of the same lists changes none): reviews recorded after them compared their
        households with what they held before. A commune with no history whose name resembles one on record
        (``Xã Hưng Chính`` beside ``Hưng Chính``: case, accents, xã / phường folded) is refused as a review
        refuses it (review/scope.py :func:`scope_refusal`) unless ``new_commune``: it would start a second
        history of the commune, which the next review does not continue.
        """
        frame = _checked_lists(df, review_date, commune, first_row, headers or {})
        if months is None:  # each dated escape's window from the national standard in force then: one must be
            _check_windows_known(frame, frame["row_number"].to_numpy())
        review_ids: list[int] = []
        with self._transaction():
            recorded, scope = self.scopes(), frame.drop_duplicates("unit")[list(SCOPE_COLUMNS)]
            refusal = {
                lang: scope_refusal(
                    recorded,
                    "",
                    scope,
                    replace=True,
                    new_commune=new_commune,
                    db=self.path,
                    lang=lang,
                    worded=_IMPORT_WORDS,
                )
                for lang in ("vi", "en")
            }
            if refusal["en"] is not None:  # a commune on record written another way: not a second history
                raise HistoryInputError.of({lang: text or "" for lang, text in refusal.items()})
            dated = frame["carried"].to_numpy(dtype=bool)
            if dated.any():  # an escape carried on a day this history reviewed the commune: it has it already
                recorded_on = {
                    (day, unit)
                    for day, unit in set(zip(frame["review_date"][dated], frame["unit"][dated], strict=True))
                    if (found := self._find_review(str(day), str(unit))) is not None and found[1] != IMPORTED_RULESET
                }
                keys = zip(frame["review_date"], frame["unit"], strict=True)
                frame = frame[~(dated & np.array([key in recorded_on for key in keys], dtype=bool))]
            for (day, unit), group in frame.groupby(["review_date", "unit"], sort=True, dropna=False):
                review_id = self._imported_review(str(day), str(unit), group.iloc[0])
                review_ids.append(review_id)
                statuses = group[~group["escape"].astype(bool)]
                escapes = group[group["escape"].astype(bool)]
                carried = statuses[statuses["moved"].to_numpy() > 0]  # a status row with its escape (history show)
                if len(carried):
                    carried = carried[~carried["household_id"].isin(escapes["household_id"])]
                    escapes = pd.concat([escapes, carried.assign(escape=True, status="not_poor")])
                if self._merge_lists(review_id, str(unit), statuses, escapes, months) and changed is not None:
                    changed.append(review_id)
        return review_ids

    def _merge_lists(
        self, review_id: int, unit: str, statuses: pd.DataFrame, escapes: pd.DataFrame, months: int | None
    ) -> bool:
        """Merge imported list rows into the unit's rows of an imported review, as the former tables did:
        a status row replaces the household's result (its transition stays), an escape row adds a result
        only where there is none and replaces the household's transition. Whether the unit's rows changed."""
        held = _read_chunk(self._conn, review_id, unit).to_pydict()
        names = [*_V7_RESULTS, *blocks.ADDED_FIELDS]
        rows = {hid: {n: held[n][i] for n in names} for i, hid in enumerate(held["household_id"])}
        moves = {  # an undetermined row's previous status is kept beside it as review keeps it
            hid: {n: held[n][i] for n in blocks.TRANSITION_FIELDS}
            for i, hid in enumerate(held["household_id"])
            if held["transition"][i] is not None or held["previous_status"][i] is not None
        }
        listed = _RESULT_COLUMNS
        for values in zip(*_result_columns(statuses), strict=True):
            rows[values[0]] = dict(zip(listed, values, strict=True))
        kept = statuses[statuses["previous_status"].astype(str) != ""]
        for hid, previous in zip(kept["household_id"].astype(str), kept["previous_status"], strict=True):
            moves[hid] = {"transition": None, "previous_status": previous, "eligible_until": None}
            moves[hid]["transition_recognized_on"] = None
        for values in zip(*_result_columns(escapes), strict=True):
            rows.setdefault(values[0], dict(zip(listed, values, strict=True)))
        now = [rows[str(h)]["status"] for h in escapes["household_id"]]  # a status row of the year wins
        for values in zip(*_escape_transitions(escapes, months, now), strict=True):
            moves[values[0]] = dict(zip(blocks.TRANSITION_FIELDS, values[1:], strict=True))
        if months is None:  # an escape imported before this year's status list: its window read with that status
            _rewindow(moves, rows, set(statuses["household_id"].astype(str)) - set(escapes["household_id"].astype(str)))
        ids = sorted(rows)
        columns = {n: [rows[h].get(n) for h in ids] for n in names}
        for n in blocks.TRANSITION_FIELDS:
            columns[n] = [moves.get(h, {}).get(n) for h in ids]
        self._conn.execute("DELETE FROM result_blocks WHERE review_id = ? AND unit = ?", (review_id, unit))
        _write_blocks(self._conn, review_id, unit, blocks.table_of(columns, len(ids)))
        return _read_chunk(self._conn, review_id, unit).to_pydict() != held

    def _find_review(self, review_day: str, unit: str) -> tuple[int, str] | None:
        """(id, ruleset) of the review recorded on that date for that unit, if any."""
        return self._conn.execute(
            "SELECT v.id, v.ruleset FROM reviews AS v JOIN review_units AS u ON u.review_id = v.id "
            "WHERE v.review_date = ? AND u.unit = ?",
            (review_day, unit),
        ).fetchone()

    def _insert_review(
        self, review_day: str, commune_key: str, ruleset: str, overlay: str | None, *, review_id: int | None = None
    ) -> int:
        """Insert a review row and return its id: ``review_id`` (a review run again, whose row was just
        removed), else a new one above every id ever given (migration 9: an undone review's id is not reused)."""
        cursor = self._conn.execute(
            "INSERT INTO reviews (id, review_date, commune, ruleset, overlay, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (review_id, review_day, commune_key, ruleset, overlay, datetime.now(UTC).isoformat()),
        )
        return int(cursor.lastrowid or 0)

    def _imported_review(self, review_day: str, unit: str, place: pd.Series) -> int:
        """Id of the imported-list review for (date, unit), created when missing."""
        row = self._find_review(review_day, unit)
        if row is None:
            review_id = self._insert_review(review_day, str(place["commune"]), IMPORTED_RULESET, None)
            self._conn.execute(
                "INSERT INTO review_units (review_id, unit, province_code, commune_code, province, commune) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (review_id, unit, *(str(place[c]) for c in SCOPE_COLUMNS[1:])),
            )
            return review_id
        if row[1] != IMPORTED_RULESET:
            commune_name = place["commune"] or place["commune_code"]
            day = date.fromisoformat(review_day)
            raise HistoryInputError.of(L.texts("l_computed", day=day, commune=commune_name, ruleset=row[1]))
        return int(row[0])

    # ------------------------------------------------------------------ reading

    def latest_before(
        self,
        review_date: date | str,
        commune: str | None = None,
        *,
        units: Sequence[str] | None = None,
        details: bool = True,
        coded: bool = False,
    ) -> pd.DataFrame:
        """Each household's last determined result strictly before ``review_date``.

        A household is its commune unit and its code (review/scope.py): one row per (``unit``,
        ``household_id``), sorted by them, with ``commune`` (the review's ``--commune``), ``village``,
        ``review_date`` (of that result), ``status``, ``deprived``, ``deprivation_count``,
        ``decided_by``, ``recognized_on``, and its history up to the date:
        ``escaped_poverty_before`` / ``escaped_near_poverty_before`` (a recorded
        ``escaped_poverty`` / ``escaped_near_poverty`` transition, or a poor → near-poor-or-above /
        near-poor → above result sequence — standard.md §5) and ``escaped_on``, the recognition
        date of the last escape from poverty (its ``recognized_on``, else its review date) from
        which the 36-month window of Quyết định 90/QĐ-TTg 2022 counts. Whatever review recorded a
        result (the commune alone, or inside a district's file), it is the household's history.

        ``in_last_review`` says whether the household has a result (whatever its status) in the
        latest review of its unit before the date and was not marked leaving there (``change_reason``
        moved_out, died, merged): only those are on the lists at the start of the next
        review; a household absent from it left (docs/reports.md: not counted in the next start).
        A household marked ``died`` or ``merged`` is no more: its code's results up to that mark are left out —
        so a household that has that code later starts afresh (a first review), and one whose last result is that
        mark is not listed at all.

        ``undetermined`` results are skipped: they recognize nothing, so the status in force is
        the last determined one. ``units`` limits the history to those units; ``commune`` to the
        reviews named so (``--commune``) and the units of that commune name. Rename ``status`` to
        ``previous_status`` to feed :func:`poverty_rules.transitions.transitions`. ``review_id`` is
        the review that recorded the row; ``details=False`` leaves the describing columns empty
        (:meth:`details` reads them for chosen rows): a review of a million households reads only
        what it compares; ``coded=True`` gives ``household_id`` as Arrow text and ``commune``,
        ``village``, ``status``, ``unit`` as categories (:func:`plain_latest` turns them into Python texts).

        How: the blocks of each (review, unit) in scope (``result_blocks``' primary key), only the
        compared columns decoded by Arrow, statuses as small integers; one Arrow sort by (unit,
        household_id, review date), then the latest determined result, the escapes and the
        last-review mark found column-wise with numpy — no SQL window or sort.
        """
        chunks = _chunks_before(self._conn, _iso_date(review_date, "review_date"), commune)
        if units is not None:
            wanted = set(units)
            chunks = [c for c in chunks if c[3] in wanted]
        return _latest(self._conn, chunks, details, coded)

    def details(self, latest: pd.DataFrame) -> pd.DataFrame:
        """``latest`` (rows of :meth:`latest_before` with ``details=False``) with the columns that
        describe each household (``deprived``, ``deprivation_count``, ``decided_by``, ``province``,
        ``place_commune``, ``area``, ``head_name``, ``household_size`` and R8/R9's groups) read for its
        rows only: a review needs them for the few households it did not classify."""
        out = latest.reset_index(drop=True).copy()
        if out.empty:
            for name in _DETAIL_COLUMNS:
                out[name] = pd.Series(dtype=object)
            return out
        found: dict[str, list[Any]] = {name: [None] * len(out) for name in _DETAIL_COLUMNS}
        ids = out["household_id"].astype(str).to_numpy(dtype=object)
        chunk_ids = out["review_id"].astype(np.int64).to_numpy()
        chunk_units = out["unit"].astype(str).to_numpy(dtype=object)
        for review_id, unit in sorted(set(zip(chunk_ids.tolist(), chunk_units.tolist(), strict=True))):
            rows = np.flatnonzero((chunk_ids == review_id) & (chunk_units == unit))
            table = _read_chunk(self._conn, review_id, unit, ["household_id", *_DETAIL_COLUMNS])
            found_at = pc.index_in(pa.array(ids[rows], pa.string()), value_set=table.column("household_id"))
            at = np.asarray(found_at.fill_null(-1).to_numpy(), dtype=np.int64)
            rows, at = rows[at >= 0], at[at >= 0]
            picked = table.take(pa.array(at)).to_pydict()
            for name in _DETAIL_COLUMNS:
                for i, value in zip(rows.tolist(), picked[name], strict=True):
                    found[name][i] = value
        for name in _DETAIL_COLUMNS:
            out[name] = found[name]
        out["deprivation_count"] = pd.array(out["deprivation_count"].tolist(), dtype="Int64")
        return out

    def not_reviewed(
        self,
        review_date: date | str,
        reviewed_ids: Iterable[Any],
        commune: str | None = None,
    ) -> pd.DataFrame:
        """Households on record before ``review_date`` that are missing from this review.

        Same columns as :meth:`latest_before`; ids are compared as text. A household on a list
        that the periodic review (Quyết định 24/2021/QĐ-TTg) did not reach stays on the list
        until reviewed, so the officer needs these.
        """
        latest = self.latest_before(review_date, commune)
        reviewed = pd.Index(list(reviewed_ids), dtype=object).astype(str)
        return latest[~latest["household_id"].isin(reviewed)].reset_index(drop=True)

    def reviews(self) -> pd.DataFrame:
        """All recorded reviews: id, review_date, commune (``--commune``), ``scope`` (its communes, codes
        first: :func:`poverty_rules.review.scope.scope_label`), ``units`` (how many), ruleset, overlay,
        local_ruleset, created_at."""
        rows = self._conn.execute(
            "SELECT id, review_date, commune, ruleset, overlay, local_ruleset, created_at FROM reviews "
            "ORDER BY review_date, id"
        ).fetchall()
        out = pd.DataFrame.from_records(
            rows, columns=["id", "review_date", "commune", "ruleset", "overlay", "local_ruleset", "created_at"]
        )
        scopes = self.scopes()
        grouped = {int(str(k)): g for k, g in scopes.groupby("review_id")} if len(scopes) else {}
        empty = pd.DataFrame(columns=list(SCOPE_COLUMNS))
        out.insert(3, "scope", [scope_label(grouped.get(int(i), empty)) for i in out["id"]])
        out.insert(4, "units", [len(grouped.get(int(i), empty)) for i in out["id"]])
        return out

    def scopes(self, review_date: date | str | None = None) -> pd.DataFrame:
        """The units each review covers (``review_id``, ``review_date``, :data:`SCOPE_COLUMNS`), of
        every review or of those recorded on ``review_date``."""
        day = None if review_date is None else _iso_date(review_date, "review_date")
        rows = self._conn.execute(
            "SELECT u.review_id, v.review_date, u.unit, u.province_code, u.commune_code, u.province, u.commune "
            "FROM review_units AS u JOIN reviews AS v ON v.id = u.review_id "
            "WHERE ? IS NULL OR v.review_date = ? ORDER BY v.review_date, u.review_id, u.unit",
            (day, day),
        ).fetchall()
        return pd.DataFrame.from_records(rows, columns=["review_id", "review_date", *SCOPE_COLUMNS])

    def commune_names(self) -> list[str]:
        """Every commune name on record (the reviews' ``--commune`` and their communes' names), sorted."""
        rows = self._conn.execute(
            "SELECT v.commune FROM reviews AS v UNION SELECT u.commune FROM review_units AS u"
        ).fetchall()
        return sorted({str(name) for (name,) in rows if name and str(name).strip()})

    def units_named(self, commune: str) -> list[str]:
        """The commune units recorded under the name ``commune`` — the unit's commune or its review's
        ``--commune`` — compared as ``review`` compares communes (case, accents and a leading xã /
        phường / thị trấn folded: ``Hưng Chính`` names ``Xã Hưng Chính``), or under the commune code
        ``commune`` (``02800``); none when no such commune."""
        wanted = commune_key(commune)
        rows = self._conn.execute(
            "SELECT DISTINCT u.unit, u.commune_code, u.commune, v.commune FROM review_units AS u "
            "JOIN reviews AS v ON v.id = u.review_id"
        ).fetchall()
        return sorted(
            {
                str(unit)
                for unit, code, *names in rows
                if (code and str(code) == commune.strip()) or any(commune_key(str(n or "")) == wanted for n in names)
            }
        )

    def communes_coded(self, code: str) -> list[str]:
        """The communes recorded under the commune code ``code`` (``02800``), each as ``name (province)``
        (its code alone when the history keeps no name): what ``--commune 02800`` names."""
        rows = self._conn.execute(
            "SELECT DISTINCT province_code, province, commune FROM review_units WHERE commune_code = ?",
            (code.strip(),),
        ).fetchall()
        named = {f"{commune or code.strip()}" + (f" ({province})" if province else "") for _, province, commune in rows}
        return sorted(named)

    def codes_without_zeros(self, code: str) -> list[str]:
        """The commune codes on record that ``code`` writes without (or with other) leading zeros — ``03001``
        for ``3001``, as Excel saves it — each as ``03001 (name, province)``; none when ``code`` is not
        digits or is itself on record."""
        written = code.strip()
        if not written.isdigit() or not written.lstrip("0"):
            return []
        rows = self._conn.execute(
            "SELECT DISTINCT commune_code, province, commune FROM review_units WHERE commune_code IS NOT NULL"
        ).fetchall()
        found: set[str] = set()
        for recorded, province, commune in rows:
            recorded = str(recorded or "").strip()
            if recorded == written or not recorded.isdigit() or recorded.lstrip("0") != written.lstrip("0"):
                continue
            name = ", ".join(str(part) for part in (commune, province) if part and str(part).strip())
            found.add(f"{recorded} ({name})" if name else recorded)
        return sorted(found)

    def find(self, review_date: date | str, commune: str | None) -> int | None:
        """The id of a review recorded on that date for the commune named ``commune`` (``--commune``,
        no codes and no commune column), if any."""
        row = self._find_review(_iso_date(review_date, "review_date"), name_unit("", commune or ""))
        return None if row is None else int(row[0])

    def review_at(self, review_date: date | str, commune: str | None = None) -> tuple[pd.DataFrame, str]:
        """The results recorded on ``review_date`` (every commune's, or those of the reviews or units
        named ``commune``) with their transitions and places, and the ruleset label of the first such
        review (``report --db``)."""
        day = _iso_date(review_date, "review_date")
        chunks = self._conn.execute(
            "SELECT s.id, u.unit, s.unchanged_implied, s.commune, s.local_ruleset, s.ruleset "
            "FROM reviews AS s JOIN review_units AS u ON u.review_id = s.id "
            "WHERE s.review_date = ? AND (? IS NULL OR s.commune = ? OR u.commune = ? OR u.commune_code = ?)",
            (day, commune, commune, commune, (commune or "").strip() or None),
        ).fetchall()
        names = ["household_id", "commune", "place_commune", "province", "village", "area", "head_name"]
        names += ["household_size", "farm_household", "change_reason", "status", "previous_status", "transition"]
        names += ["eligible_until", "recognized_on", "deprived", "deprivation_count", "decided_by", *GROUP_COLUMNS]
        names += ["local_status", "local_deprived", "local_ruleset", "ruleset", "unit", "undetermined_by"]
        names += ["blank_marks"]
        rows = self._rows_of(chunks, names, ["unit", "household_id"], ["commune", "local_ruleset", "ruleset"])
        columns = ["household_id", "commune", "place_commune", "province", "village", "area", "head_name"]
        columns += [
            "household_size",
            "farm_household",
            "change_reason",
            "status",
            "previous_status",
            "transition",
            "eligible_until",
        ]
        columns += ["recognized_on", "deprived", "deprivation_count", "decided_by", *GROUP_COLUMNS]
        columns += ["local_status", "local_deprived", "local_ruleset", "ruleset", "unit", "undetermined_by"]
        columns += ["blank_marks"]
        frame = pd.DataFrame.from_records(rows, columns=columns)
        label = str(frame["ruleset"].iloc[0]) if len(frame) else ""
        return frame.drop(columns=["ruleset"]), label

    def review_rows(self, review_id: int, units: Collection[str] | None = None) -> pd.DataFrame:
        """One review's results with their transitions, commune codes and names (``history show``): communes and
        villages in Vietnamese order, as ``eligible`` and the lists order them, then household codes. An escape
        recorded apart from the household's status (imported lists: a ``thoát nghèo`` row beside a ``cận
        nghèo`` row) shows its recognition date, from which its ``eligible_until`` was counted. ``units``: only
        the households of these commune units (:meth:`units_named`: ``history show --commune``)."""
        chunks = self._conn.execute(
            "SELECT s.id, u.unit, s.unchanged_implied, u.province_code, u.commune_code, u.province, u.commune "
            "FROM reviews AS s JOIN review_units AS u ON u.review_id = s.id WHERE s.id = ?",
            (review_id,),
        ).fetchall()
        if units is not None:  # a province's review: only the communes asked for are read
            chunks = [c for c in chunks if str(c[1]) in units]
        # the province too: a review written out and imported again continues under the same province and commune
        names = ["province_code", "commune_code", "province", "commune", "household_id", "village", "status"]
        names += ["previous_status", "transition", "eligible_until", "recognized_on", "deprived", "change_reason"]
        names += ["local_status"]  # a review run with --local: the local classification recorded beside the national
        order = ["commune", "unit", "village", "household_id"]  # communes, then villages, in Vietnamese order
        rows = self._rows_of(chunks, [*names, "transition_recognized_on", "unit"], order, names[:4])
        frame = pd.DataFrame.from_records(rows, columns=[*names, "transition_recognized_on", "unit"])
        moved_on = frame.pop("transition_recognized_on")
        escape = frame["transition"].isin(["escaped_poverty", "escaped_near_poverty"])  # not an earlier one kept
        frame["recognized_on"] = frame["recognized_on"].where(frame["recognized_on"].notna() | ~escape, moved_on)
        self._carried_windows(review_id, frame)
        self._kept_statuses(review_id, frame)
        frame["escaped_on"] = self._windows_escaped_on(review_id, frame)
        frame.pop("unit")
        found = self._conn.execute("SELECT review_date FROM reviews WHERE id = ?", (review_id,)).fetchone()
        frame["review_date"] = str(found[0]) if found else None  # history import reads it back: no --date
        local = frame.pop("local_status")
        if local.notna().any():  # a review run with --local writes it, last, as its reviewed file does
            frame["local_status"] = local
        return frame

    def _kept_statuses(self, review_id: int, frame: pd.DataFrame) -> None:
        """Fill, in the rows of a review (:meth:`review_rows`), the ``previous_status`` of an undetermined household
        recorded without one — a household whose row the review rejected, kept on its list — with its last
        determined status before the review, the status it keeps (docs/review.md), as a household undetermined
        for want of a mark has it: ``history import`` of ``history show -o`` reads it back so."""
        blank = (frame["status"].astype(str) == "undetermined").to_numpy() & frame["previous_status"].isna().to_numpy()
        if not blank.any():
            return
        found = self._conn.execute("SELECT review_date FROM reviews WHERE id = ?", (review_id,)).fetchone()
        if found is None:
            return
        units = sorted(set(frame["unit"].astype(str)[blank]))
        known = self.latest_before(str(found[0]), units=units, details=False)
        kept = {
            (str(u), str(h)): str(v)
            for u, h, v in zip(known["unit"], known["household_id"], known["status"], strict=True)
            if isinstance(v, str) and v
        }
        keys = zip(frame["unit"].astype(str), frame["household_id"].astype(str), strict=True)
        previous = [kept.get(key) if empty else None for key, empty in zip(keys, blank, strict=True)]
        frame["previous_status"] = frame["previous_status"].where(
            pd.isna(pd.Series(previous, index=frame.index)), previous
        )

    def _carried_windows(self, review_id: int, frame: pd.DataFrame) -> None:
        """Fill, in the rows of an imported list (:meth:`review_rows`), the ``eligible_until`` of a household
        whose support window an earlier escape from poverty opened and that is still open on the list's day, as
        a review records it and ``eligible`` counts it (the national programme of the standard in force on the
        recognition, served by its last determined status): an imported list stores the windows of that year's
        escapes alone, so ``history show -o`` of it, imported again, lost the others."""
        found = self._conn.execute("SELECT review_date, ruleset FROM reviews WHERE id = ?", (review_id,)).fetchone()
        blank = frame["eligible_until"].isna().to_numpy()
        if found is None or found[1] != IMPORTED_RULESET or not blank.any():
            return
        day = np.datetime64(str(found[0]), "D")
        units = sorted(set(frame["unit"].astype(str)))
        known = self.latest_before(str(day + np.timedelta64(1, "D")), units=units, details=False)
        recognized = to_day_array(known["escaped_on"])
        standards = available()
        first = min(np.datetime64(rs.valid_from, "D") for rs in standards)
        last = max(np.datetime64(rs.valid_to, "D") for rs in standards)
        windowed = ~np.isnat(recognized) & (recognized >= first) & (recognized <= last)
        until = _window_ends(recognized, status_codes(known["status"])[0], windowed, None)
        ends = {
            (str(u), str(h)): str(d)
            for u, h, d in zip(known["unit"], known["household_id"], until, strict=True)
            if not np.isnat(d) and d >= day
        }
        keys = zip(frame["unit"].astype(str), frame["household_id"].astype(str), strict=True)
        carried = [ends.get(key) if empty else None for key, empty in zip(keys, blank, strict=True)]
        frame["eligible_until"] = frame["eligible_until"].where(pd.isna(pd.Series(carried, index=frame.index)), carried)

    def _windows_escaped_on(self, review_id: int, frame: pd.DataFrame) -> list[Any]:
        """For each row of a review (:meth:`review_rows`) with a support window, the recognition date of the
        escape from poverty it counts from (ISO), as the history knows it on the review's day: an escape
        recognized in an earlier review included, so that ``history import`` of the review alone keeps it."""
        out: list[Any] = [None] * len(frame)
        windowed = frame["eligible_until"].notna().to_numpy()
        if not windowed.any():
            return out
        found = self._conn.execute("SELECT review_date FROM reviews WHERE id = ?", (review_id,)).fetchone()
        day = np.datetime64(str(found[0]), "D") + np.timedelta64(1, "D")  # the review's own day included
        units = sorted(set(frame["unit"].astype(str)))
        known = self.latest_before(str(day), units=units, details=False)
        escaped = {
            (str(u), str(h)): d
            for u, h, d in zip(known["unit"], known["household_id"], to_day_array(known["escaped_on"]), strict=True)
            if not np.isnat(d)
        }
        for i in np.flatnonzero(windowed).tolist():
            d = escaped.get((str(frame["unit"].iat[i]), str(frame["household_id"].iat[i])))
            out[i] = None if d is None else str(d)
        return out

    def undo(self, review_id: int) -> bool:
        """Delete one recorded review and its rows in one transaction; False when there is no such review."""
        with self._transaction():
            if self._conn.execute("SELECT 1 FROM reviews WHERE id = ?", (review_id,)).fetchone() is None:
                return False
            for table in ("result_blocks", "review_units", "review_outputs"):
                self._conn.execute(f"DELETE FROM {table} WHERE review_id = ?", (review_id,))
            self._conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        return True

    def recode_commune(self, commune: str, province_code: str, commune_code: str, province: str = "") -> int:
        """Give the commune recorded by name ``commune`` (without codes; folded as reviews compare names:
        ``Hưng Chính`` is ``Xã Hưng Chính``) its codes, in one transaction: every review's rows of it move to
        the code unit (review/scope.py), so that a file with code columns continues its history. Returns
        how many reviews hold it. Refused (:class:`HistoryInputError`, nothing changed) when no such commune
        is on record, when the code already has a history (two histories are not merged), when two
        communes so named are in one review and ``commune`` is not exactly one of them, or when communes so
        named are recorded in several provinces and ``province`` (folded, ``Nghệ An`` is ``Tỉnh Nghệ An``)
        does not choose one."""
        target = code_unit(province_code.strip(), commune_code.strip())
        with self._transaction():
            rows = self._conn.execute(
                "SELECT review_id, unit, province_code, commune_code, province, commune FROM review_units"
            ).fetchall()
            units = pd.DataFrame(rows, columns=["review_id", *SCOPE_COLUMNS])
            by_name = units[units["commune_code"] == ""]
            key = commune_key(commune)
            chosen = by_name[by_name["commune"].map(lambda name: commune_key(str(name)) == key).astype(bool)]
            if chosen.empty:
                names = ", ".join(repr(n) for n in sorted(set(units["commune"].astype(str))) if n) or "—"
                raise HistoryInputError.of(L.texts("h_recode_none", db=self.path, commune=repr(commune), names=names))
            chosen = _of_province(chosen, commune, province, self.path)
            taken = units[units["unit"] == target]
            if len(taken):
                names = ", ".join(repr(n) for n in sorted(set(taken["commune"].astype(str)))) or "—"
                code = f"{province_code.strip()}/{commune_code.strip()}" if province_code.strip() else commune_code
                raise HistoryInputError.of(L.texts("h_recode_taken", db=self.path, code=code, names=names))
            twice = chosen[chosen.duplicated("review_id", keep=False)]
            if len(twice):
                exact = chosen[chosen["commune"].astype(str).str.strip() == commune.strip()]
                if exact.empty or exact["unit"].nunique() > 1:
                    names = ", ".join(repr(n) for n in sorted(set(twice["commune"].astype(str))))
                    ids = ", ".join(str(i) for i in sorted(set(twice["review_id"].astype(int))))
                    raise HistoryInputError.of(L.texts("h_recode_twice", db=self.path, names=names, ids=ids))
                chosen = exact
            moved = json.dumps(sorted(set(chosen["unit"].astype(str))))
            self._conn.execute(
                "UPDATE result_blocks SET unit = ? WHERE unit IN (SELECT value FROM json_each(?))", (target, moved)
            )
            self._conn.execute(
                "UPDATE review_units SET unit = ?, province_code = ?, commune_code = ? "
                "WHERE unit IN (SELECT value FROM json_each(?))",
                (target, province_code.strip(), commune_code.strip(), moved),
            )
        return int(chosen["review_id"].nunique())

    def _rows_of(
        self, chunks: list[tuple[Any, ...]], names: list[str], order: list[str], constants: list[str]
    ) -> list[tuple[Any, ...]]:
        """The rows of ``chunks`` — (review id, unit, unchanged_implied, then the values of ``constants``)
        — as tuples of ``names`` sorted by ``order`` (missing values first; household codes by their number,
        :func:`~poverty_rules.vocabulary.codes.code_order`), as SQLite returned them from
        the former tables: texts, whole numbers and None; the transition of a review that left its
        'unchanged' rows out (migration 7) is read as 'unchanged' from the status it kept."""
        tables = []
        for review_id, unit, implied, *values in chunks:
            table = _read_chunk(self._conn, review_id, unit)
            n = table.num_rows
            status = table.column("status")
            # a row left out kept nothing, its previous status neither; one whose movement is blank though its previous
            # status is known (a household leaving the commune) keeps that status, and no 'unchanged'
            infer = pc.and_(table.column("transition").is_null(), pc.not_equal(status, "undetermined"))
            infer = pc.and_(infer, table.column("previous_status").is_null())
            if not implied:
                infer = pa.array(np.zeros(n, dtype=bool))
            extra = {
                "previous_status": pc.if_else(infer, status, table.column("previous_status")),
                "transition": pc.if_else(infer, pa.scalar("unchanged"), table.column("transition")),
                "unit": pa.array([unit] * n, pa.string()),
                **{c: pa.array([v] * n, pa.string()) for c, v in zip(constants, values, strict=True)},
            }
            wanted = dict.fromkeys([*names, *order])
            tables.append(pa.table({name: extra[name] if name in extra else table.column(name) for name in wanted}))
        if not tables:
            return []
        table = pa.concat_tables(tables)
        keys: list[Any] = []
        for c in order:
            if c == "household_id":  # 2, 5, 11, 38 as the lists and eligible order them, then the code itself
                keys += [pa.array(k) for k in code_order(table.column(c).to_pandas())]
            keys.append(_vietnamese_ranks(table.column(c)) if c in _NAMED_ORDER else table.column(c))
        ranked = pa.table({f"_{i}": key for i, key in enumerate(keys)})
        table = table.take(
            pc.sort_indices(ranked, sort_keys=[(f"_{i}", "ascending", "at_start") for i in range(len(keys))])
        )
        return list(zip(*(table.column(name).to_pylist() for name in names), strict=True))

    def dump(self) -> list[str]:
        """The whole file as text for comparisons (schema, rows and user_version): each result block as
        a comment line naming it, then one comment line per household with its columns (JSON)."""
        lines = [f"PRAGMA user_version = {self.schema_version};"]
        lines += [line for line in self._conn.iterdump() if not line.startswith('INSERT INTO "result_blocks"')]
        for review_id, unit, part, rows, data in self._conn.execute(
            "SELECT review_id, unit, part, rows, data FROM result_blocks ORDER BY review_id, unit, part"
        ):
            lines.append(f"-- result_blocks ({review_id}, {json.dumps(unit, ensure_ascii=False)}, {part}): {rows} rows")
            lines += ["--   " + json.dumps(row, ensure_ascii=False) for row in blocks.decode([data]).to_pylist()]
        return lines


_NAMED_ORDER = frozenset({"village", "commune", "province"})
"""The order columns that are place names: sorted as a Vietnamese dictionary orders them (``Thôn Đoài``
before ``Thôn Trung``), as the movements table, the lists and ``eligible`` order them, not by code point."""


def _vietnamese_ranks(names: pa.ChunkedArray) -> pa.Array:
    """Each name's rank among the distinct names of ``names`` in Vietnamese dictionary order
    (:func:`~poverty_rules.vocabulary.text.vietnamese_key`); a missing name stays missing."""
    distinct = [name for name in pc.unique(names).to_pylist() if name is not None]
    ordered = pa.array(sorted(distinct, key=vietnamese_key), pa.string())
    return pc.index_in(names.cast(pa.string()), value_set=ordered)


class _Transaction:
    """Context manager for one explicit write transaction on an autocommit connection. A file that
    turns out read-only (SQLite opens such a file for reading and refuses the first write) raises a
    :class:`HistoryError` naming ``path``, rolled back: nothing was written to it."""

    def __init__(self, conn: sqlite3.Connection, path: str = "") -> None:
        self._conn = conn
        self._path = path

    def __enter__(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            self._refused(error)
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            try:
                self._conn.execute("COMMIT")
            except BaseException as error:
                self._rollback()
                if isinstance(error, sqlite3.OperationalError):
                    self._refused(error)
                raise
        else:
            self._rollback()
            if isinstance(exc, sqlite3.OperationalError):
                self._refused(exc)

    def _refused(self, error: sqlite3.OperationalError) -> None:
        """Raise the history's one-line refusal when ``error`` is SQLite's 'read-only', 'locked', 'full' or an
        I/O error (else return); SQLite has rolled the transaction back, the file is as it was."""
        if getattr(error, "sqlite_errorname", "").startswith("SQLITE_READONLY") or "readonly" in str(error):
            raise HistoryError.of(L.texts("h_read_only", file=self._path)) from error
        if _locked(error):
            raise HistoryError.of(L.texts("h_locked", file=self._path)) from error
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")):  # a full disk, a file size limit (ulimit -f), a device
            raise HistoryError.of(L.texts("h_write_failed", file=self._path)) from error

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already done so."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


# ---------------------------------------------------------------------- helpers


def _read_only_refusal(error: HistoryError) -> bool:
    """Whether ``error`` is the history's refusal of a write to a read-only file (:class:`_Transaction`)."""
    cause = error.__cause__
    return isinstance(cause, sqlite3.OperationalError) and (
        getattr(cause, "sqlite_errorname", "").startswith("SQLITE_READONLY") or "readonly" in str(cause)
    )


def _locked(error: sqlite3.Error) -> bool:
    """Whether ``error`` is SQLite's 'database is locked': another connection holds the file for writing
    (past the connection's busy timeout)."""
    name = getattr(error, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(error)


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into complete SQL statements."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:80]!r}")


def _rows(review_id: int, columns: Sequence[list[Any]]) -> Iterator[tuple[Any, ...]]:
    """Rows for ``executemany``: the review id followed by one value from each column (zipped in C);
    the blocks of a review are inserted through it."""
    return zip(repeat(review_id, len(columns[0]) if columns else 0), *columns, strict=True)


def _iso_date(value: Any, name: str) -> str:
    """One date as ISO text (``2023-12-20`` or ``20/12/2023``); refuses missing or unreadable values."""
    day, bad = parse_days(pd.Series(np.atleast_1d(np.asarray(value, dtype=object))))
    if day.size != 1 or bad[0] or np.isnat(day[0]):
        raise HistoryInputError.of(L.texts("l_one_date", name=name, value=value))
    return str(day[0])


def _days(series: pd.Series, name: str, first_row: RowNumbers = 1) -> np.ndarray:
    """A date column read as officers write it (ISO or ``dd/mm/yyyy``); unreadable cells are an error
    naming the column and the rows (1-based)."""
    cells = pd.Series(series).reset_index(drop=True)
    days, bad = parse_days(cells)
    if bad.any():
        value = cells.iloc[int(np.flatnonzero(np.asarray(bad, dtype=bool))[0])]
        parts = date_parts(str(value).strip())
        if parts is not None:  # written as a date, of a day the calendar lacks (29/02/2025): said so, not the form
            missed = np.asarray(bad, dtype=bool) & np.array([date_parts(str(c).strip()) is not None for c in cells])
            year, month, day = parts
            said = {"name": name, "rows": _row_numbers(missed, first_row), "value": value}
            texts = L.texts("l_no_such_day", **said, day=day, month=month, year=year)
            if (us := month_first_day(str(value).strip())) is not None:  # 12/20/2024: saved with US settings
                us_said = L.texts("r_month_first", iso=us.isoformat())
                texts = {k: f"{v}; {us_said[k]}" for k, v in texts.items()}
            raise HistoryInputError.of(texts)
        serial = excel_serial_day(str(value))
        if serial is not None:  # 45275: a date column saved without its date format, said so (as classify says it)
            serials = np.asarray(bad, dtype=bool) & np.array([excel_serial_day(str(c)) is not None for c in cells])
            rows = _row_numbers(serials, first_row)
            said = {"name": name, "value": str(value).strip()}
            raise HistoryInputError.of(
                {lang: L.msg("l_date_serial", lang, **said, rows=rows[lang], day=L.day(serial, lang)) for lang in rows}
            )
        raise HistoryInputError.of(L.texts("l_not_dates", name=name, rows=_row_numbers(bad, first_row), value=value))
    return days


def _row_numbers(bad: Any, first_row: RowNumbers) -> dict[str, str]:
    """The rows where ``bad`` is set, as the messages name them in each language (``row 3``, ``rows 3, 7 and 12``,
    the first ten and how many more): counted from ``first_row``, or each row's own number when ``first_row``
    gives them (a sheet's, blank rows skipped)."""
    every = np.flatnonzero(np.asarray(bad, dtype=bool))
    found = every[:10]
    if isinstance(first_row, np.ndarray):
        return L.row_list([int(first_row[i]) for i in found], len(every))
    return L.row_list([int(i + first_row) for i in found], len(every))


def _national_windows(recognized: np.ndarray, status: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per recognition date, the national programme's months in the national standard then in force, and
    whether that programme serves the escape: the household's status (numbered, :func:`status_codes`) is one
    it ``serves`` and the escape was recognized by the end of its regime (``valid_to``), as ``classify``'s
    ``eligible_until`` and ``eligible`` read them (:func:`~poverty_rules.review.transitions.served_escapes`)."""
    months = np.zeros(len(recognized), dtype=np.int64)
    served = np.zeros(len(recognized), dtype=bool)
    chosen, which = escape_programmes(recognized, NATIONAL_PROGRAMME)  # as classify and eligible choose it
    for position, support in enumerate(chosen):
        inside = which == position
        months[inside] = support.months
        opens = served_escapes(status, recognized, serves=support.serves, valid_to=support.valid_to)
        served[inside] = opens[inside]
    covered = np.isnat(recognized) | (which >= 0)
    if not covered.all():
        days = sorted({str(d) for d in recognized[~covered]})[:5]
        raise HistoryInputError.of(L.texts("l_no_window", days=", ".join(days)))
    return months, served


def _check_windows_known(frame: pd.DataFrame, first_row: RowNumbers) -> None:
    """Refuse, naming its rows, a dated escape from poverty recognized when no national standard (and so
    no programme window) was in force (before 2016 or after 2030)."""
    recognized = to_day_array(frame["recognized_on"])
    dated = frame["escaped_poverty"].to_numpy(dtype=bool) & ~np.isnat(recognized)
    outside = dated.copy()
    standards = available()
    for rs in standards:
        inside = (recognized >= np.datetime64(rs.valid_from, "D")) & (recognized <= np.datetime64(rs.valid_to, "D"))
        outside &= ~inside
    if outside.any():
        seen = sorted({date.fromisoformat(str(d)) for d in recognized[outside]})[:5]
        days = {lang: ", ".join(L.day(d, lang) for d in seen) for lang in ("vi", "en")}
        rows = _row_numbers(outside, first_row)
        first, last = min(rs.valid_from for rs in standards), max(rs.valid_to for rs in standards)
        raise HistoryInputError.of(L.texts("l_no_window_rows", rows=rows, days=days, first=first, last=last))


def _text(series: pd.Series) -> list[Any]:
    """Column as text values, None where missing or blank (converted once per distinct value; an
    Arrow-backed column is factorized by Arrow, without a Python string per row)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = [str(value) for value in uniques]
    lookup = np.array([text if text.strip() else None for text in texts] + [None], dtype=object)
    return lookup[codes].tolist()


def _integers(series: pd.Series, name: str) -> list[Any]:
    """Column as Python ints, None where missing (converted once per distinct value)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    numbers = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object), dtype=object), errors="raise")
    if (numbers.dropna() % 1 != 0).any():
        raise HistoryInputError.of(L.texts("l_whole_numbers", name=name))
    lookup = [None if pd.isna(v) else int(v) for v in numbers] + [None]
    return np.array(lookup, dtype=object)[codes].tolist()


def _dates(series: pd.Series, name: str = "date", first_row: RowNumbers = 1) -> list[Any]:
    """Column as ISO date text, None where missing (converted once per distinct value)."""
    days = _days(series, name, first_row).astype("datetime64[D]")
    codes, uniques = pd.factorize(days.view(np.int64))
    texts = [None if np.isnat(d) else str(d) for d in uniques.astype("datetime64[D]")]
    return np.array(texts, dtype=object)[codes].tolist()


_PLACE_CELLS = ("province_code", "commune_code", "province", "commune")
"""The cells that place a household in its commune (data/ids.py PLACE_COLUMNS), as a list names them."""


def _refuse_blank_places(rows: pd.DataFrame, first_row: RowNumbers, own: dict[str, str]) -> None:
    """Refuse a list (:class:`HistoryInputError`, nothing imported) that leaves a row's commune (``Xã``; ``Mã xã`` in
    a list of codes alone), province (``Tỉnh``, on a row placed by name) or province code (``Mã tỉnh``, on a row
    placed by code) blank beside rows that write one, naming the rows, the column as the list heads it and what
    the other rows write: the history keeps each household under its commune unit (review/scope.py), and such a
    row would be imported under another — a commune of no name —, where no review finds it (as ``review`` rejects
    such a row: data/normalize.py ``NamedPlaces``). A list blank in that column on every row is imported as before."""
    present = [name for name in _PLACE_CELLS if name in rows.columns]
    if "commune" not in present and "commune_code" not in present:
        return
    cells = {}
    for name in _PLACE_CELLS:
        values = _optional(rows, name).astype(object)
        text = values.where(values.notna(), "").astype(str).str.strip()
        cells[name] = text.map(lambda v: unicodedata.normalize("NFC", v)).to_numpy(dtype=object)
    coded = cells["commune_code"] != ""
    named = ~coded & (cells["commune"] != "")
    column = "commune" if "commune" in present else "commune_code"
    given = [*cells["commune_code"][coded], *cells["commune"][named]]
    checks = (
        (column, ~coded & ~named, given, "l_blank_commune"),
        ("province", named & (cells["province"] == ""), cells["province"][named], "l_blank_province"),
        ("province_code", coded & (cells["province_code"] == ""), cells["province_code"][coded], "l_blank_province"),
    )
    for name, blank, written, key in checks:
        places = [place for place in dict.fromkeys(written) if place]
        if name not in present or not blank.any() or not places:
            continue
        shown = ", ".join(f"'{place}'" for place in places[:3]) + (f" (+{len(places) - 3})" if len(places) > 3 else "")
        said = {"rows": _row_numbers(blank, first_row), "column": own.get(name, name), "places": shown}
        raise HistoryInputError.of(L.texts(key, **said))
    if "commune" in present and "commune_code" in present:
        _refuse_uncoded_rows(cells, coded, named, first_row, own)


def _refuse_uncoded_rows(
    cells: dict[str, np.ndarray], coded: np.ndarray, named: np.ndarray, first_row: RowNumbers, own: dict[str, str]
) -> None:
    """Refuse a list whose row writes its commune (``Xã``) without its code (``Mã xã``) while other rows write that
    commune (the same name in the same province, case and accents aside) with one: it would be imported under
    ``name|<Tỉnh>|<Xã>`` beside the commune's ``code|…`` unit, where no review of the coded file finds it (as
    ``review`` rejects such a row: data/normalize.py ``NamedPlaces``). A commune no row codes keeps its name."""
    pairs = zip(cells["province"], cells["commune"], strict=True)
    keys = np.array([f"{fold(province)}|{fold(commune)}" for province, commune in pairs], dtype=object)
    codes_of: dict[str, dict[str, None]] = {}
    names: dict[str, str] = {}  # each commune as its coded rows first write it
    for key, code, name in zip(keys[coded], cells["commune_code"][coded], cells["commune"][coded], strict=True):
        codes_of.setdefault(key, {})[code] = None
        names.setdefault(key, name)
    blank = named & np.isin(keys, list(codes_of))
    if not blank.any():
        return
    first = int(np.flatnonzero(blank)[0])
    codes = list(codes_of[keys[first]])
    shown = ", ".join(f"'{code}'" for code in codes[:3]) + (f" (+{len(codes) - 3})" if len(codes) > 3 else "")
    said = {"rows": _row_numbers(blank, first_row), "column": own.get("commune_code", "commune_code")}
    raise HistoryInputError.of(L.texts("l_blank_commune_code", **said, commune=names[keys[first]], codes=shown))


def _optional(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or an all-missing one when the frame lacks it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _checked_results(results_df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, list[tuple[str, int, int]]]:
    """Validate the engine's output before any write; return it with the order that sorts it by (unit,
    household id), the blocks' order (the rows are taken in that order once they are Arrow columns), and
    each unit's rows in that order (unit, start, end)."""
    for name in ("household_id", "status"):
        if name not in results_df.columns:
            raise ValueError(f"results: missing required column {name!r}")
    ids = results_df["household_id"]
    if ids.isna().any():
        raise ValueError(f"results: {int(ids.isna().sum())} row(s) without household_id")
    frame = results_df.assign(household_id=ids.astype(str))
    if "unit" not in frame.columns:
        frame["unit"] = name_unit("", "")
    # sorted by (unit, household_id), the primary key's order (Arrow's sort: no Python comparison)
    units, unit_names = pd.factorize(frame["unit"], sort=True)
    hid = pc.cast(pa.array(frame["household_id"]), pa.string())
    order = pc.sort_indices(pa.table({"u": units, "h": hid}), sort_keys=[("u", "ascending"), ("h", "ascending")])
    order = order.to_numpy()
    u, h = units[order], hid.take(pa.array(order))
    same = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        same[1:] = (u[1:] == u[:-1]) & pc.equal(h[1:], h[:-1]).to_numpy(zero_copy_only=False)
    if same.any():
        duplicated = sorted(set(h.filter(pa.array(same)).to_pylist()))[:5]
        raise ValueError(f"results: duplicated household_id in one commune {duplicated}")
    bad = ~frame["status"].isin(STATUSES)
    if bad.any():
        values = sorted(set(frame["status"][bad].astype(str)))[:5]
        raise ValueError(f"results: status must be one of {STATUSES}, got {values}")
    if "transition" in frame.columns:
        moves = frame["transition"].fillna("")
        bad = ~moves.isin((*TRANSITIONS, ""))
        if bad.any():
            values = sorted(set(moves[bad].astype(str)))[:5]
            raise ValueError(f"results: transition must be one of {TRANSITIONS}, got {values}")
    starts = np.flatnonzero(np.r_[True, u[1:] != u[:-1]]).tolist() if len(u) else []
    ends = [*starts[1:], len(u)] if starts else []  # no rows (every row of the file rejected): no unit's rows
    return frame, order, [(str(unit_names[u[a]]), a, b) for a, b in zip(starts, ends, strict=True)]


def _result_columns(frame: pd.DataFrame) -> list[list[Any]]:
    """A result's columns (``household_id`` … ``recognized_on``, :data:`_RESULT_COLUMNS`) as lists of
    values (imported lists: :meth:`HistoryStore._merge_lists`)."""
    return [
        frame["household_id"].astype(str).tolist(),
        _text(_optional(frame, "village")),
        _text(frame["status"]),
        _text(_optional(frame, "deprived")),
        _integers(_optional(frame, "deprivation_count"), "deprivation_count"),
        _text(_optional(frame, "decided_by")),
        _dates(_optional(frame, "recognized_on")),
        _text(_optional(frame, "change_reason")),
    ]


def _block_table(frame: pd.DataFrame) -> pa.Table:
    """A checked review's rows (:func:`_checked_results`) as a table of :data:`blocks.SCHEMA`: the result,
    the local classification when there is one, where and who the household is, its transition. Each
    column is converted once per distinct value, as Arrow arrays (no Python value per row)."""
    columns: dict[str, Any] = {
        "household_id": pc.cast(pa.array(frame["household_id"]), pa.string()),
        "village": _text_array(_optional(frame, "village")),
        "status": _text_array(frame["status"]),
        "deprived": _text_array(_optional(frame, "deprived")),
        "deprivation_count": _integer_array(_optional(frame, "deprivation_count"), "deprivation_count"),
        "decided_by": _text_array(_optional(frame, "decided_by")),
        "recognized_on": _date_array(_optional(frame, "recognized_on")),
        "undetermined_by": _text_array(_optional(frame, "undetermined_by")),
        "blank_marks": _integer_array(_optional(frame, "blank_marks"), "blank_marks"),
    }
    if "local_status" in frame.columns:
        count = _optional(frame, "local_deprivation_count").astype(object)
        columns["local_status"] = _text_array(frame["local_status"])
        columns["local_deprived"] = _text_array(_optional(frame, "local_deprived"))
        columns["local_deprivation_count"] = _integer_array(
            count.where(count.astype(str) != "", None), "local_deprivation_count"
        )
    places = ("province", "commune", "area", "head_name", "household_size", "farm_household", *GROUP_COLUMNS)
    for name in places:  # a column the file lacks stays null
        if name in frame.columns:
            columns["place_commune" if name == "commune" else name] = _text_array(frame[name])
    if "change_reason" in frame.columns:
        reasons, _ = read_change_reasons(frame["change_reason"])
        columns["change_reason"] = _text_array(pd.Series(reasons.to_numpy(dtype=object), dtype=object))
    columns.update(_transition_arrays(frame, pc.cast(columns["status"], pa.string())))
    return blocks.table_of(columns, len(frame))


def _transition_arrays(frame: pd.DataFrame, status: pa.Array) -> dict[str, pa.Array]:
    """The transition columns of the rows with a transition or a window (null elsewhere); none without the
    column. A row that kept its status (unchanged, previous status = status, no window, no recognition) has
    none either: readers infer it (migration 7)."""
    if "transition" not in frame.columns:
        return {}
    move = pc.cast(_text_array(frame["transition"]), pa.string())  # null where missing or blank
    previous = _optional(frame, "previous_status")
    codes, unreadable, _, _ = status_codes(previous)
    if unreadable.any():  # kept as written
        canonical, _ = normalize_status(previous)
        previous_text = pc.cast(_text_array(canonical.where(~unreadable, previous.astype(object))), pa.string())
    else:  # the canonical id, null where none
        indices = pa.array(np.where(codes < 0, 0, codes).astype(np.int32), pa.int32(), mask=codes < 0)
        previous_text = pc.cast(pa.DictionaryArray.from_arrays(indices, pa.array(STATUSES, pa.string())), pa.string())
    until = _date_array(_optional(frame, "eligible_until"))
    recognized = _date_array(_optional(frame, "recognized_on"))
    if "escaped_on" in frame.columns:  # the file's earlier escape from poverty, kept with the window it opened
        carried = pc.cast(_date_array(frame["escaped_on"], "escaped_on"), pa.string())
        escape_now = pc.is_in(move, value_set=pa.array(["escaped_poverty", "escaped_near_poverty"])).fill_null(False)
        keep = pc.and_(pc.and_(until.is_valid(), recognized.is_null()), pc.invert(escape_now))
        # an escape from near-poverty this year beside the window an earlier escape from poverty opened: the day
        # of that escape, before this one's recognition (its own, recognized_on), which the readers tell apart
        earlier = pc.less(carried, pc.cast(recognized, pa.string())).fill_null(False)
        near = pc.and_(pc.equal(move, "escaped_near_poverty").fill_null(False), pc.and_(until.is_valid(), earlier))
        recognized = pc.if_else(pc.or_(keep, near), carried, pc.cast(recognized, pa.string()))
    implied = pc.and_(
        pc.and_(pc.equal(move, "unchanged"), pc.equal(previous_text, status)),
        pc.and_(until.is_null(), recognized.is_null()),
    ).fill_null(False)
    # no movement, no window and no previous status: none; an undetermined household has no movement but keeps
    # its window and the previous status it keeps (the file's, for a household new to the history)
    none = pc.or_(pc.and_(pc.and_(move.is_null(), until.is_null()), previous_text.is_null()), implied)
    out = {}
    for name, values in (
        ("transition", move),
        ("previous_status", previous_text),
        ("eligible_until", until),
        ("transition_recognized_on", recognized),
    ):
        out[name] = pc.if_else(none, pa.scalar(None, pa.string()), pc.cast(values, pa.string()))
    return out


def _text_array(series: pd.Series) -> pa.DictionaryArray:
    """:func:`_text` as an Arrow array: each distinct value's text stored once, null where missing or blank."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    texts = [str(value) for value in uniques]
    blank = np.array([not text.strip() for text in texts] + [True], dtype=bool)
    codes = np.asarray(codes, dtype=np.int64)
    missing = blank[codes]
    indices = pa.array(np.where(missing, 0, codes).astype(np.int32), pa.int32(), mask=missing)
    return pa.DictionaryArray.from_arrays(indices, pa.array(texts, pa.string()))


def _integer_array(series: pd.Series, name: str) -> pa.Array:
    """:func:`_integers` as an Arrow array (null where missing)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    numbers = pd.to_numeric(pd.Series(np.asarray(uniques, dtype=object), dtype=object), errors="raise")
    if (numbers.dropna() % 1 != 0).any():
        raise HistoryInputError.of(L.texts("l_whole_numbers", name=name))
    missing = np.array([bool(pd.isna(v)) for v in numbers] + [True], dtype=bool)
    values = np.array([0 if pd.isna(v) else int(v) for v in numbers] + [0], dtype=np.int64)
    codes = np.asarray(codes, dtype=np.int64)
    return pa.array(values[codes], pa.int64(), mask=missing[codes])


def _date_array(series: pd.Series, name: str = "date") -> pa.DictionaryArray:
    """:func:`_dates` as an Arrow array: ISO date texts, null where missing (each distinct value read once)."""
    numbers, written = pd.factorize(series, use_na_sentinel=True)
    read, bad = parse_days(pd.Series(np.asarray(written, dtype=object), dtype=object))
    if bad.any():  # an unreadable date: the error names its rows
        _days(series, name)
    days = np.append(read.astype("datetime64[D]"), np.datetime64("NaT", "D"))[np.asarray(numbers, dtype=np.int64)]
    codes, uniques = pd.factorize(days.view(np.int64))
    unique_days = uniques.astype("datetime64[D]")
    missing = np.isnat(unique_days)[codes]
    texts = pa.array([str(d) for d in unique_days], pa.string())
    indices = pa.array(np.where(missing, 0, codes).astype(np.int32), pa.int32(), mask=missing)
    return pa.DictionaryArray.from_arrays(indices, texts)


def undated_escapes(lists: pd.DataFrame) -> int:
    """How many rows of imported lists (canonical headers) record an escape from poverty without its
    recognition date: they are recorded without a support window, which starts on that date."""
    if "status" not in lists.columns:
        return 0
    escaped, _ = status_escape_marks(lists["status"])
    escaped = escaped.to_numpy(dtype=bool) | (_escape_moves(lists) == 1)  # or its transition column says so
    dated = lists["recognized_on"] if "recognized_on" in lists.columns else pd.Series("", index=lists.index)
    blank = dated.isna() | (dated.astype(str).str.strip() == "")
    return int((escaped & blank.to_numpy(dtype=bool)).sum())


def _totals_rows(rows: pd.DataFrame) -> np.ndarray:
    """The rows of a lists file one of whose cells is a form's total label (``Tổng cộng``, ``Cộng: 10 hộ``), as
    ``classify`` takes a household list's total row (data/normalize.py :func:`totals_label`)."""
    found = np.zeros(len(rows), dtype=bool)
    for name in rows.columns:
        cells = rows[name]
        found |= np.array([isinstance(c, str) and totals_label(c) for c in cells], dtype=bool)
    return found


def _checked_lists(
    df: pd.DataFrame,
    review_date: date | str | None,
    commune: str | None,
    first_row: RowNumbers = 1,
    headers: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Validate and normalize imported lists before any write (rows named from ``first_row``, columns by
    the file's ``headers``)."""
    own = headers or {}
    for name in ("household_id", "status"):
        if name not in df.columns:
            raise HistoryInputError.of(L.texts("l_missing_column", name=name, label=L.LIST_REQUIRED_LABEL[name]))
    rows = df.reset_index(drop=True)
    no_id = rows["household_id"].isna().to_numpy()
    if no_id.any():
        column = own.get("household_id", "household_id")
        totals = no_id & _totals_rows(rows)
        if totals.any():  # the list's 'Tổng cộng: 10 hộ' under its households: not 'no household id'
            raise HistoryInputError.of(L.texts("l_totals_row", rows=_row_numbers(totals, first_row)))
        raise HistoryInputError.of(L.texts("l_no_id", rows=_row_numbers(no_id, first_row), column=column))
    failed = formula_errors(trimmed_codes(pa.array(rows["household_id"].astype(str), pa.string())))
    if failed.any():  # a VLOOKUP's #N/A where the code is: no household of that code
        column = own.get("household_id", "household_id")
        value = rows["household_id"].iloc[int(np.flatnonzero(failed)[0])]
        raise HistoryInputError.of(
            L.texts("l_id_formula_error", rows=_row_numbers(failed, first_row), column=column, value=value)
        )
    status, unreadable = normalize_status(rows["status"])
    escaped, escaped_near = status_escape_marks(rows["status"])
    moved = _escape_moves(rows) * ~(escaped | escaped_near).to_numpy()  # a status row carrying its escape
    bad = (unreadable | (status == "")).to_numpy()  # undetermined: a review's row, recorded as review records it
    if bad.any():
        value = rows["status"].iloc[int(np.flatnonzero(bad)[0])]
        column = own.get("status", "status")
        abbreviation = ambiguous_abbreviations(pd.Series([value]))[0]  # TN, TCN: said what to write
        if abbreviation:
            same = (ambiguous_abbreviations(rows["status"]) == abbreviation) & bad
            said = {"rows": _row_numbers(same, first_row), "column": column, "value": value}
            raise HistoryInputError.of(L.texts("l_unreadable_abbr", **said, why=L.texts(abbreviation)))
        raise HistoryInputError.of(
            L.texts("l_unreadable", rows=_row_numbers(bad, first_row), column=column, value=value or "")
        )
    days = _list_dates(rows, review_date, first_row, own)
    if np.isnat(days).any():
        raise HistoryInputError.of(L.texts("l_no_date", rows=_row_numbers(np.isnat(days), first_row)))
    recognized_on = _dates(_optional(rows, "recognized_on"), own.get("recognized_on", "recognized_on"), first_row)
    _check_recognized_by(rows, recognized_on, days, first_row, own)
    reasons, unread = read_change_reasons(_optional(rows, "change_reason"))
    if unread.any():  # moved out, died, merged: the household left (history show -o writes the mark)
        at = int(np.flatnonzero(unread.to_numpy())[0])
        said = {"rows": _row_numbers(unread.to_numpy(), first_row), "column": own.get("change_reason", "change_reason")}
        raise HistoryInputError.of(L.texts("l_change_reason", **said, value=str(rows["change_reason"].iloc[at])))
    frame = pd.DataFrame(
        {
            "household_id": rows["household_id"].astype(str),
            "status": status,
            "village": _optional(rows, "village"),
            "recognized_on": recognized_on,
            "review_date": days.astype(str),
            "escape": (escaped | escaped_near).to_numpy(),
            "escaped_poverty": escaped.to_numpy() | (moved == 1),
            "moved": moved,
            "change_reason": reasons.to_numpy(dtype=object),
            "carried": False,
            "previous_status": _kept_previous(rows, status),
            # each row's number in the file, as errors name it (a carried escape keeps its status row's)
            "row_number": first_row if isinstance(first_row, np.ndarray) else np.arange(len(rows)) + int(first_row),
        }
    )
    _refuse_blank_places(rows, first_row, own)  # a household kept under its commune, not under one of no name
    named = _optional(rows, "commune").astype(object)
    named = named.where(named.notna() & (named.astype(str).str.strip() != ""), commune or "")
    units, scope = household_units(rows.assign(commune=named))
    frame["unit"] = units
    places = scope.set_index("unit").loc[units].reset_index(drop=True)
    for name in SCOPE_COLUMNS[1:]:
        frame[name] = places[name].to_numpy()
    frame = pd.concat([frame, _carried_escapes(rows, frame, first_row, own)], ignore_index=True)
    key = ["review_date", "unit", "household_id", "escape"]
    duplicated = frame.duplicated(key)
    if duplicated.any():  # named by its code, and the row that listed it first
        at = int(np.flatnonzero(duplicated.to_numpy())[0])
        same = (frame[key] == frame[key].iloc[at]).all(axis=1).to_numpy()
        first = int(np.flatnonzero(same)[0]) if same[:at].any() else at
        first_number = int(frame["row_number"].iloc[first])
        raise HistoryInputError.of(
            L.texts(
                "l_repeat_named",
                rows=_row_numbers(duplicated, frame["row_number"].to_numpy()),
                id=repr(str(frame["household_id"].iloc[at])),
                first=first_number,
            )
        )
    return frame


def _kept_previous(rows: pd.DataFrame, status: pd.Series) -> np.ndarray:
    """Each undetermined row's ``previous_status`` (``history show -o`` writes it: the status the household
    keeps until it is determined, docs/review.md), "" elsewhere or where it names no determined status."""
    if "previous_status" not in rows.columns:
        return np.full(len(rows), "", dtype=object)
    previous, unreadable = normalize_status(rows["previous_status"].fillna(""))
    kept = (status == "undetermined").to_numpy() & ~unreadable.to_numpy() & (previous != "undetermined").to_numpy()
    return np.where(kept, previous.to_numpy(dtype=object), "")


def _carried_escapes(
    rows: pd.DataFrame, frame: pd.DataFrame, first_row: RowNumbers, own: dict[str, str]
) -> pd.DataFrame:
    """Escape list rows for the windows a list carries from an earlier escape: a status row whose ``escaped_on``
    (``history show -o`` writes it beside ``eligible_until``: the recognition of the escape from poverty the
    window counts from) is before its review date and that is not itself that escape, recorded as that day's
    escape (an imported review on the recognition date), as if that year's list of escapes were imported too."""
    if "escaped_on" not in rows.columns:
        return frame.iloc[:0]
    escaped_on = to_day_array(pd.Series(_dates(rows["escaped_on"], own.get("escaped_on", "escaped_on"), first_row)))
    days = to_day_array(frame["review_date"])
    earlier = ~np.isnat(escaped_on) & (escaped_on < days) & ~frame["escape"].to_numpy(dtype=bool)
    earlier &= frame["moved"].to_numpy() != 1  # a row that is that escape records it itself
    carried = frame[earlier].copy()
    on = escaped_on[earlier].astype(str)
    carried["review_date"], carried["recognized_on"] = on, on
    kept = carried["previous_status"].isin(["near_poor", "average", "not_poor"]) & (carried["status"] == "undetermined")
    carried["status"] = np.where(kept, carried["previous_status"], "not_poor")  # where it went, when its row says
    carried["escape"], carried["escaped_poverty"] = True, True
    carried["moved"], carried["change_reason"], carried["carried"] = 0, "", True
    return carried


def _check_recognized_by(
    rows: pd.DataFrame, recognized_on: list[Any], days: np.ndarray, first_row: RowNumbers, own: dict[str, str]
) -> None:
    """Refuse lists whose ``recognized_on`` is in a year after the row's own review date (its
    ``review_date``, or 31 December of its ``year``): a recognition in the future of the list is a mistyped
    date, which would start a support window years after the review (the household on no eligible list
    meanwhile). The chair's decision may follow the review within its year (docs/review.md)."""
    recognized = to_day_array(pd.Series(recognized_on, dtype=object))
    years = days.astype("datetime64[Y]")
    later = ~np.isnat(recognized) & ~np.isnat(days) & (recognized.astype("datetime64[Y]") > years)
    if later.any():
        at = int(np.flatnonzero(later)[0])
        column = own.get("recognized_on", "recognized_on")
        value, day = str(rows["recognized_on"].iloc[at]), days[at].astype(object)
        said = {"rows": _row_numbers(later, first_row), "column": column, "value": value, "date": day}
        raise HistoryInputError.of(L.texts("l_recognized_after", **said, year=str(day.year)))


_ESCAPE_MOVES = {
    spelling_key(name): code
    for code, move in ((1, "escaped_poverty"), (2, "escaped_near_poverty"))
    for name in (move, *L.TRANSITION[move].values())
}
"""The escape movements a lists file's ``transition`` column may give (id, vi or en name, any spelling): 1 from
poverty, 2 from near-poverty."""


def _escape_moves(rows: pd.DataFrame) -> np.ndarray:
    """Each list row's escape movement from its optional ``transition`` column (``history show -o`` writes it:
    status ``not_poor``, transition ``escaped_poverty``, ``recognized_on`` its day): 1 an escape from poverty,
    2 from near-poverty, 0 none (another movement, or no such column: the status says it all)."""
    if "transition" not in rows.columns:
        return np.zeros(len(rows), dtype=np.int8)
    codes, uniques = pd.factorize(rows["transition"].astype(object), use_na_sentinel=True)
    found = [_ESCAPE_MOVES.get(spelling_key(value), 0) if isinstance(value, str) else 0 for value in uniques]
    return np.array([*found, 0], dtype=np.int8)[codes]


def _list_dates(
    rows: pd.DataFrame, review_date: date | str | None, first_row: RowNumbers = 1, headers: dict[str, str] | None = None
) -> np.ndarray:
    """Review date per list row: ``review_date`` column, else 31 December of ``year``, else the
    ``review_date`` argument (columns named by the file's ``headers`` in errors)."""
    named = headers or {}
    days = np.full(len(rows), np.datetime64("NaT", "D"))
    if "review_date" in rows.columns:
        days = _days(rows["review_date"], named.get("review_date", "review_date"), first_row)
    if "year" in rows.columns:
        years = pd.to_numeric(rows["year"], errors="coerce")
        unreadable = years.isna() & rows["year"].notna() | (years.notna() & (years % 1 != 0))
        if unreadable.any():
            value = rows["year"].iloc[int(np.flatnonzero(unreadable.to_numpy())[0])]
            rows_text = _row_numbers(unreadable, first_row)
            raise HistoryInputError.of(
                L.texts("l_not_years", name=named.get("year", "year"), rows=rows_text, value=value)
            )
        years = years.astype("Int64")
        year_text = (years.astype(str) + "-12-31").astype(object).where(years.notna(), None)
        year_end = to_day_array(year_text)
        days = np.where(np.isnat(days), year_end, days)
    if review_date is not None:
        days = np.where(np.isnat(days), np.datetime64(_iso_date(review_date, "review_date")), days)
    return days.astype("datetime64[D]")


def _rewindow(moves: dict[str, dict[str, Any]], rows: dict[str, dict[str, Any]], households: set[str]) -> None:
    """Read again the national window of each of ``households`` whose escape from poverty (dated) an
    earlier import recorded, with the status its row has now (:func:`_window_ends`)."""
    held = [
        h
        for h in sorted(households)
        if h in moves and moves[h]["transition"] == "escaped_poverty" and moves[h]["transition_recognized_on"]
    ]
    if not held:
        return
    recognized = to_day_array(pd.Series([moves[h]["transition_recognized_on"] for h in held], dtype=object))
    status = status_codes(pd.Series([rows[h]["status"] for h in held], dtype=object))[0]
    until = _dates(pd.Series(_window_ends(recognized, status, ~np.isnat(recognized), None)))
    for h, day in zip(held, until, strict=True):
        moves[h]["eligible_until"] = day


def _window_ends(
    recognized: np.ndarray, status: np.ndarray, windowed: np.ndarray, months: int | np.ndarray | None
) -> np.ndarray:
    """Last day of each ``windowed`` escape's support window (NaT elsewhere): ``months`` from its recognition
    date; by default (``months`` ``None``) the national programme's of the standard in force on that date,
    and none where that programme does not serve the household's ``status`` (numbered) or its regime had
    ended (:func:`_national_windows`)."""
    until = np.full(len(recognized), np.datetime64("NaT", "D"))
    if windowed.any():
        if months is None:
            windows, served = _national_windows(recognized[windowed], status[windowed])
            chosen = np.flatnonzero(windowed)[served]
            until[chosen] = eligible_until_array(recognized[chosen], windows[served])
        else:  # one window for every row, or one per escape row
            until[windowed] = eligible_until_array(
                recognized[windowed], months[windowed] if isinstance(months, np.ndarray) else months
            )
    return until


def _escape_transitions(
    escapes: pd.DataFrame, months: int | np.ndarray | None, status: Sequence[Any] | None = None
) -> list[list[Any]]:
    """Transition rows for escape list entries (thoát nghèo → escaped_poverty, etc.).

    Only an escape from poverty opens a support window (docs/standard.md §5; the rulesets'
    ``programmes:`` give none for an escape from near-poverty): a ``thoát cận nghèo`` row gets its
    transition and recognition date and no ``eligible_until``. Nor does an escape from poverty without
    its recognition date: the window's start is unknown (``history import`` says how many). ``status`` is
    each household's status in the review (its status list row's, else the escape row's ``not_poor``):
    with ``months`` ``None`` the national programme must serve it (:func:`_window_ends`)."""
    recognized = to_day_array(escapes["recognized_on"])
    poverty = escapes["escaped_poverty"].to_numpy(dtype=bool)
    windowed = poverty & ~np.isnat(recognized)  # a near-poverty escape has no window; an undated one, none known
    now = escapes["status"] if status is None else pd.Series(list(status), dtype=object)
    until = _window_ends(recognized, status_codes(now)[0], windowed, months)
    return [
        escapes["household_id"].tolist(),
        np.where(poverty, "escaped_poverty", "escaped_near_poverty").tolist(),
        np.where(poverty, "poor", "near_poor").tolist(),
        _dates(pd.Series(until)),
        _dates(pd.Series(recognized)),
    ]


_IMPORT_WORDS = {
    "h_unnamed": "h_unnamed_import",
    "h_code_zeros": "h_code_zeros_import",
    "h_name_is_code": "h_name_is_code_import",
    "h_name_vs_code": "h_name_vs_code_import",
}
"""The refusals of :func:`poverty_rules.review.scope.scope_refusal` worded for ``history import`` (its options)."""


def _of_province(chosen: pd.DataFrame, commune: str, province: str, db: object) -> pd.DataFrame:
    """The units of ``chosen`` (communes recorded by name as ``commune``) of ``province`` when given; refused
    (:class:`HistoryInputError`) when none is, or when, without ``province``, they are in several provinces
    (two communes of one name: moving both under one code would merge two histories)."""
    places = chosen["province"].astype(str)
    listed = sorted(set(places[places != ""]))
    if province.strip():
        mine = chosen[places.map(province_key) == province_key(province)]
        if mine.empty:
            names = ", ".join(repr(p) for p in listed) or "—"
            raise HistoryInputError.of(
                L.texts("h_recode_no_province", db=db, commune=repr(commune), province=repr(province), names=names)
            )
        return mine
    if len(listed) > 1:
        names = ", ".join(repr(p) for p in listed)
        raise HistoryInputError.of(
            L.texts("h_recode_provinces", db=db, commune=repr(commune), count=len(listed), names=names)
        )
    return chosen
