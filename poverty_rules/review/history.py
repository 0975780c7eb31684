"""The embedded history store: every review's results and transitions in one SQLite file.

A commune reviews its households once a year (Quyết định 24/2021/QĐ-TTg, Điều 4) and must
know each household's status at the last review to name its movement (thoát nghèo, tái nghèo …,
standard.md §5) and whether an escaped household is still in its 36-month support window
(Quyết định 90/QĐ-TTg 2022). This module keeps that memory.

Design:

- one file, standard library :mod:`sqlite3`; the schema version lives in ``PRAGMA user_version``
  and :data:`MIGRATIONS` is the ordered list of scripts that bring a file up to date;
- every write (:meth:`HistoryStore.record_review`, :meth:`HistoryStore.import_lists`) is ONE
  transaction in SQLite's default rollback journal: a crash or an exception mid-write leaves the
  file exactly as before (the hot journal is rolled back on the next open);
- recording the same (review date, commune) again replaces that review, so a re-run is
  idempotent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from itertools import repeat
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..data.schema import GROUP_COLUMNS
from ..errors import HistoryError, HistoryInputError
from ..rules.registry import available
from ..vocabulary import words as L
from ..vocabulary.changes import read_change_reasons
from ..vocabulary.dates import eligible_until_array, parse_days, to_day_array
from ..vocabulary.statuses import STATUSES, normalize_status, status_escape_marks
from .scope import SCOPE_COLUMNS, household_units, name_unit, scope_label
from .transitions import TRANSITIONS

NATIONAL_PROGRAMME = "national_programme"
"""The id of the national programme in every national ruleset's ``programmes:`` section."""

__all__ = [
    "IMPORTED_RULESET",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "HistoryError",
    "HistoryStore",
]

MIGRATIONS: tuple[str, ...] = (
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
)
"""Ordered migration scripts; script ``i`` takes a file from ``user_version`` i to i + 1."""

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
    )
)
"""The columns of a review's results that :meth:`HistoryStore.record_review` stores."""
_LEAVING = ("moved_out", "died", "merged")
_IMPLIED = (
    "COALESCE(t.{column}, CASE WHEN t.review_id IS NULL AND r.status <> 'undetermined' AND "
    "(SELECT unchanged_implied FROM reviews WHERE id = r.review_id) = 1 THEN {value} END)"
)
"""A transitions column read where migration 7 lets a review leave 'unchanged' rows out."""
_STATUS_CASE = "CASE status " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STATUSES)) + " END"
_CODE = {s: i for i, s in enumerate(STATUSES)}


def _latest(conn: sqlite3.Connection, chunks: list[tuple[Any, ...]], details: bool) -> pd.DataFrame:
    """:meth:`HistoryStore.latest_before` over ``chunks`` — (review id, review date, --commune, unit),
    ordered by date and id: one range scan per chunk, then numpy over the rows sorted by key."""
    wide = ", " + ", ".join(_DETAIL_COLUMNS) if details else ""
    leaving = ", ".join(f"'{r}'" for r in _LEAVING)
    select = (
        f"SELECT household_id, {_STATUS_CASE}, recognized_on, COALESCE(change_reason, '') IN ({leaving}), "
        f"village{wide} FROM results WHERE review_id = ? AND unit = ?"
    )
    parts, sizes = [], []
    for review_id, _, _, unit in chunks:
        rows = conn.execute(select, (review_id, unit)).fetchall()
        parts.append(rows)
        sizes.append(len(rows))
    rows_all = [row for part in parts for row in part]
    del parts
    n = len(rows_all)
    width = 5 + (len(_DETAIL_COLUMNS) if details else 0)
    table = np.empty((n, width), dtype=object)
    if n:
        table[:] = rows_all
    del rows_all
    chunk = np.repeat(np.arange(len(chunks)), sizes)
    units = sorted({c[3] for c in chunks})
    unit_rank = np.array([units.index(c[3]) for c in chunks], dtype=np.int64)
    days = np.array([c[1] for c in chunks], dtype="datetime64[D]") if chunks else np.zeros(0, "datetime64[D]")
    hid_codes, hid_values = pd.factorize(table[:, 0], sort=True)
    hids = pd.Index(hid_values, dtype=object)
    key = unit_rank[chunk] * max(len(hids), 1) + hid_codes
    order = np.argsort(key, kind="stable")  # chunks come by date then id: stable keeps that order per key
    key, chunk = key[order], chunk[order]
    table = table[order]
    status = table[:, 1].astype(np.int8) if n else np.zeros(0, np.int8)
    # in the latest review of its unit, not marked leaving there (any status)
    last_day: dict[str, np.datetime64] = {}
    for (_, _, _, unit), d in zip(chunks, days, strict=True):
        last_day[unit] = max(last_day.get(unit, d), d)
    in_last_chunk = np.array([days[i] == last_day[c[3]] for i, c in enumerate(chunks)], dtype=bool)
    row_last = in_last_chunk[chunk] & ~table[:, 3].astype(bool) if n else np.zeros(0, bool)
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if n else np.zeros(0, np.intp)
    in_last = np.logical_or.reduceat(row_last, starts) if n else np.zeros(0, bool)
    group = np.cumsum(np.r_[True, key[1:] != key[:-1]]) - 1 if n else np.zeros(0, np.intp)
    # determined results only: the latest one, and escapes read from consecutive results
    det = np.flatnonzero(status != _CODE["undetermined"])
    dkey, dstat = key[det], status[det]
    first = np.r_[True, dkey[1:] != dkey[:-1]] if det.size else np.zeros(0, bool)
    last = np.r_[dkey[1:] != dkey[:-1], True] if det.size else np.zeros(0, bool)
    before = np.r_[-1, dstat[:-1]].astype(np.int8) if det.size else np.zeros(0, np.int8)
    before[first] = -1
    above = np.isin(dstat, (_CODE["average"], _CODE["not_poor"]))
    out_of_poverty = (before == _CODE["poor"]) & (above | (dstat == _CODE["near_poor"]))
    out_of_near = (before == _CODE["near_poor"]) & above
    recognized = to_day_array(table[det, 2]) if det.size else np.zeros(0, "datetime64[D]")
    on_day = np.where(np.isnat(recognized), days[chunk[det]], recognized)
    latest_rows = det[last]
    out_group = group[latest_rows]
    n_out = latest_rows.size
    escaped_poverty = np.zeros(len(starts), bool)
    escaped_near = np.zeros(len(starts), bool)
    escaped_on = np.full(len(starts), np.datetime64("NaT", "D"))
    if det.size:
        g = group[det]
        escaped_poverty[g[out_of_poverty]] = True
        escaped_near[g[out_of_near]] = True
        _latest_day(escaped_on, g[out_of_poverty], on_day[out_of_poverty])
    _transition_escapes(conn, chunks, units, hids, key[starts], escaped_poverty, escaped_near, escaped_on, days)
    picked = table[latest_rows]

    def text(values: Any) -> pd.Series:  # object columns as they are: no inference to Arrow strings
        return pd.Series(np.asarray(values, dtype=object), dtype=object)

    chunk_of = chunk[latest_rows]
    columns: dict[str, Any] = {
        "household_id": text(picked[:, 0]),
        "commune": text(np.array([c[2] for c in chunks] or [""], dtype=object)[chunk_of]),
        "village": text(picked[:, 4]),
        "review_date": pd.Series(days[chunk_of], dtype="datetime64[s]"),
        "status": text(np.array(STATUSES, dtype=object)[status[latest_rows]]),
    }
    nothing = text(np.full(n_out, None, dtype=object))
    for i, name in enumerate(_DETAIL_COLUMNS):
        columns[name] = text(picked[:, 5 + i]) if details else nothing
    columns["deprivation_count"] = pd.array(columns["deprivation_count"].tolist(), dtype="Int64")
    columns["recognized_on"] = pd.Series(recognized[last], dtype="datetime64[s]")
    columns["escaped_poverty_before"] = escaped_poverty[out_group]
    columns["escaped_near_poverty_before"] = escaped_near[out_group]
    columns["escaped_on"] = pd.Series(escaped_on[out_group], dtype="datetime64[s]")
    columns["in_last_review"] = in_last[out_group]
    columns["unit"] = text(np.array(units or [""], dtype=object)[unit_rank[chunk_of]] if n_out else [])
    columns["review_id"] = np.array([c[0] for c in chunks] or [0], dtype=np.int64)[chunk_of]
    frame = pd.DataFrame({name: columns[name] for name in _LATEST_COLUMNS}, copy=False)
    return frame


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


def _transition_escapes(
    conn: sqlite3.Connection,
    chunks: list[tuple[Any, ...]],
    units: list[str],
    hids: pd.Index,
    group_keys: np.ndarray,
    escaped_poverty: np.ndarray,
    escaped_near: np.ndarray,
    escaped_on: np.ndarray,
    days: np.ndarray,
) -> None:
    """Mark the escapes recorded as transitions (reviews and imported escape lists) on each key's group."""
    for (review_id, _, _, unit), day in zip(chunks, days, strict=True):
        rows = conn.execute(
            "SELECT household_id, transition = 'escaped_poverty', recognized_on FROM transitions "
            "WHERE review_id = ? AND unit = ? AND transition IN ('escaped_poverty', 'escaped_near_poverty')",
            (review_id, unit),
        ).fetchall()
        if not rows:
            continue
        found = hids.get_indexer(pd.Index([r[0] for r in rows], dtype=object))
        keys = units.index(unit) * max(len(hids), 1) + found
        at = np.searchsorted(group_keys, keys)
        ok = (found >= 0) & (at < len(group_keys))
        ok[ok] &= group_keys[at[ok]] == keys[ok]
        poverty = np.array([bool(r[1]) for r in rows]) & ok
        escaped_poverty[at[poverty]] = True
        escaped_near[at[~poverty & ok]] = True
        recognized = to_day_array([r[2] for r in rows])
        recognized = np.where(np.isnat(recognized), day, recognized)
        _latest_day(escaped_on, at[poverty], recognized[poverty])


class HistoryStore:
    """The review history in one SQLite file; use as a context manager.

    >>> with HistoryStore("history.db") as store:                      # doctest: +SKIP
    ...     previous = store.latest_before("2025-12-01", commune="Hưng Chính")
    ...     store.record_review("2025-12-01", "Hưng Chính", "vn-2022-2025", None, results)
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        """Open (or create) the file at ``path`` and bring its schema up to date."""
        self.path = str(path)
        self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA cache_size = -131072")  # 128 MiB for large reviews
            self._conn.execute("PRAGMA temp_store = MEMORY")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self._conn.close()
            raise HistoryError.of(L.texts("h_unusable", file=self.path, why=error)) from error
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
                for script in MIGRATIONS[version:]:
                    for statement in _statements(script):
                        self._conn.execute(statement)
                broken = self._conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise HistoryError(f"{self.path}: {len(broken)} row(s) refer to no review; not migrated")
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            self._conn.execute("PRAGMA foreign_keys = ON")

    def _transaction(self) -> _Transaction:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception."""
        return _Transaction(self._conn)

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
        review_day = _iso_date(review_date, "review_date")
        if units is None or scope is None:
            units, scope = household_units(results_df, commune=commune)
        if scope.empty:  # an empty review still records its scope
            scope = pd.DataFrame([{**dict.fromkeys(SCOPE_COLUMNS, ""), "unit": name_unit("", commune or "")}])
            scope["commune"] = commune or ""
        used = [c for c in results_df.columns if c in _RECORDED]  # sorting copies these columns only
        frame = _checked_results(results_df[used].assign(unit=units))
        with self._transaction():
            self._release_units(review_day, scope["unit"].tolist())
            review_id = self._insert_review(review_day, commune or "", ruleset, overlay)
            self._conn.executemany(
                "INSERT INTO review_units (review_id, unit, province_code, commune_code, province, commune) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(review_id, *row) for row in scope[list(SCOPE_COLUMNS)].astype(str).itertuples(index=False)],
            )
            self._record_local_label(review_id, frame)
            names, columns = _result_table(frame)
            self._conn.executemany(
                f"INSERT INTO results (review_id, {', '.join(names)}) VALUES (?{', ?' * len(names)})",
                _rows(review_id, columns),
            )
            moves = _transition_frame(frame)
            if moves is not None:
                self._conn.execute("UPDATE reviews SET unchanged_implied = 1 WHERE id = ?", (review_id,))
                self._conn.executemany(
                    "INSERT INTO transitions (review_id, unit, household_id, transition, "
                    "previous_status, eligible_until, recognized_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    _rows(review_id, moves),
                )
        return review_id

    def _record_local_label(self, review_id: int, frame: pd.DataFrame) -> None:
        """The label of the local standard on the review, when the review has one."""
        if "local_status" not in frame.columns:
            return
        labels = sorted({str(v) for v in frame.get("local_ruleset", pd.Series(dtype=object)).dropna() if str(v)})
        self._conn.execute("UPDATE reviews SET local_ruleset = ? WHERE id = ?", ("; ".join(labels) or None, review_id))

    def _release_units(self, review_day: str, units: list[str]) -> None:
        """Remove what reviews of ``review_day`` recorded for ``units`` (inside the caller's
        transaction); a review left with no unit is removed."""
        chosen = json.dumps(units)
        for table in ("transitions", "results", "review_units"):
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
        first_row: int = 1,
    ) -> list[int]:
        """Bootstrap the history from earlier years' recognized lists; return the review ids.

        ``first_row`` is the number the errors give the first row of ``df`` (2 for a file whose
        header is row 1): a refused list names its rows as the officer sees them.

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
        """
        frame = _checked_lists(df, review_date, commune, first_row)
        review_ids: list[int] = []
        with self._transaction():
            for (day, unit), group in frame.groupby(["review_date", "unit"], sort=True, dropna=False):
                review_id = self._imported_review(str(day), str(unit), group.iloc[0])
                review_ids.append(review_id)
                statuses = group[~group["escape"].astype(bool)]
                escapes = group[group["escape"].astype(bool)]
                self._conn.executemany(
                    "INSERT OR REPLACE INTO results (review_id, unit, household_id, village, status, "
                    "deprived, deprivation_count, decided_by, recognized_on) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _rows(review_id, [[unit] * len(statuses), *_result_columns(statuses)]),
                )
                self._conn.executemany(
                    "INSERT OR IGNORE INTO results (review_id, unit, household_id, village, status, "
                    "deprived, deprivation_count, decided_by, recognized_on) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _rows(review_id, [[unit] * len(escapes), *_result_columns(escapes)]),
                )
                self._conn.executemany(
                    "INSERT OR REPLACE INTO transitions (review_id, unit, household_id, transition, "
                    "previous_status, eligible_until, recognized_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    _rows(review_id, [[unit] * len(escapes), *_escape_transitions(escapes, months)]),
                )
        return review_ids

    def _find_review(self, review_day: str, unit: str) -> tuple[int, str] | None:
        """(id, ruleset) of the review recorded on that date for that unit, if any."""
        return self._conn.execute(
            "SELECT v.id, v.ruleset FROM reviews AS v JOIN review_units AS u ON u.review_id = v.id "
            "WHERE v.review_date = ? AND u.unit = ?",
            (review_day, unit),
        ).fetchone()

    def _insert_review(self, review_day: str, commune_key: str, ruleset: str, overlay: str | None) -> int:
        """Insert a review row and return its id."""
        cursor = self._conn.execute(
            "INSERT INTO reviews (review_date, commune, ruleset, overlay, created_at) VALUES (?, ?, ?, ?, ?)",
            (review_day, commune_key, ruleset, overlay, datetime.now(UTC).isoformat()),
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
            raise HistoryInputError.of(L.texts("l_computed", day=review_day, commune=commune_name, ruleset=row[1]))
        return int(row[0])

    # ------------------------------------------------------------------ reading

    def latest_before(
        self,
        review_date: date | str,
        commune: str | None = None,
        *,
        units: Sequence[str] | None = None,
        details: bool = True,
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

        ``undetermined`` results are skipped: they recognize nothing, so the status in force is
        the last determined one. ``units`` limits the history to those units; ``commune`` to the
        reviews named so (``--commune``) and the units of that commune name. Rename ``status`` to
        ``previous_status`` to feed :func:`poverty_rules.transitions.transitions`. ``review_id`` is
        the review that recorded the row; ``details=False`` leaves the describing columns empty
        (:meth:`details` reads them for chosen rows): a review of a million households reads only
        what it compares.

        How: one indexed range scan of ``results`` per (review, unit) in scope (the primary key is
        (review_id, unit, household_id)), narrow columns, statuses as small integers; the latest
        determined result, the escapes and the last-review mark are then found column-wise with
        numpy over the rows sorted by (unit, household_id, review date) — no SQL window or sort.
        """
        before = _iso_date(review_date, "review_date")
        chunks = self._conn.execute(
            "SELECT v.id, v.review_date, v.commune, u.unit FROM reviews AS v "
            "JOIN review_units AS u ON u.review_id = v.id "
            "WHERE v.review_date < ? AND (? IS NULL OR v.commune = ? OR u.commune = ?) "
            "ORDER BY v.review_date, v.id, u.unit",
            (before, commune, commune, commune),
        ).fetchall()
        if units is not None:
            wanted = set(units)
            chunks = [c for c in chunks if c[3] in wanted]
        return _latest(self._conn, chunks, details)

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
        keys = list(
            zip(out["review_id"].astype(int), out["unit"].astype(str), out["household_id"].astype(str), strict=True)
        )
        found: dict[tuple[int, str, str], tuple[Any, ...]] = {}
        select = ", ".join(_DETAIL_COLUMNS)
        for start in range(0, len(keys), 300):  # SQLite's limit on bound variables
            part = keys[start : start + 300]
            where = " OR ".join(["(review_id = ? AND unit = ? AND household_id = ?)"] * len(part))
            values = [v for key in part for v in key]
            for row in self._conn.execute(
                f"SELECT review_id, unit, household_id, {select} FROM results WHERE {where}", values
            ):
                found[(int(row[0]), str(row[1]), str(row[2]))] = row[3:]
        empty = (None,) * len(_DETAIL_COLUMNS)
        rows = [found.get(key, empty) for key in keys]
        for i, name in enumerate(_DETAIL_COLUMNS):
            out[name] = [row[i] for row in rows]
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
        rows = self._conn.execute(
            "SELECT r.household_id, s.commune, r.place_commune, r.province, r.village, r.area, r.head_name, "
            "r.household_size, r.farm_household, r.change_reason, r.status, "
            f"{_IMPLIED.format(column='previous_status', value='r.status')}, "
            f"{_IMPLIED.format(column='transition', value=repr('unchanged'))}, "
            "t.eligible_until, r.recognized_on, r.deprived, r.deprivation_count, r.decided_by, "
            + "".join(f"r.{g}, " for g in GROUP_COLUMNS)
            + "r.local_status, r.local_deprived, s.local_ruleset, s.ruleset, r.unit "
            "FROM results AS r JOIN reviews AS s ON s.id = r.review_id "
            "JOIN review_units AS u ON u.review_id = r.review_id AND u.unit = r.unit "
            "LEFT JOIN transitions AS t ON t.review_id = r.review_id AND t.unit = r.unit "
            "AND t.household_id = r.household_id "
            "WHERE s.review_date = ? AND (? IS NULL OR s.commune = ? OR u.commune = ?) "
            "ORDER BY r.unit, r.household_id",
            (day, commune, commune, commune),
        ).fetchall()
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
        columns += ["local_status", "local_deprived", "local_ruleset", "ruleset", "unit"]
        frame = pd.DataFrame.from_records(rows, columns=columns)
        label = str(frame["ruleset"].iloc[0]) if len(frame) else ""
        return frame.drop(columns=["ruleset"]), label

    def review_rows(self, review_id: int) -> pd.DataFrame:
        """One review's results with their transitions and commune codes (``history show``)."""
        rows = self._conn.execute(
            "SELECT u.province_code, u.commune_code, u.commune, r.household_id, r.village, r.status, "
            f"{_IMPLIED.format(column='previous_status', value='r.status')}, "
            f"{_IMPLIED.format(column='transition', value=repr('unchanged'))}, "
            "t.eligible_until, r.recognized_on, r.deprived "
            "FROM results AS r JOIN review_units AS u ON u.review_id = r.review_id AND u.unit = r.unit "
            "LEFT JOIN transitions AS t "
            "ON t.review_id = r.review_id AND t.unit = r.unit AND t.household_id = r.household_id "
            "WHERE r.review_id = ? ORDER BY r.unit, r.village, r.household_id",
            (review_id,),
        ).fetchall()
        columns = ["province_code", "commune_code", "commune", "household_id", "village", "status"]
        columns += ["previous_status", "transition", "eligible_until", "recognized_on", "deprived"]
        return pd.DataFrame.from_records(rows, columns=columns)

    def undo(self, review_id: int) -> bool:
        """Delete one recorded review and its rows in one transaction; False when there is no such review."""
        with self._transaction():
            if self._conn.execute("SELECT 1 FROM reviews WHERE id = ?", (review_id,)).fetchone() is None:
                return False
            for table in ("transitions", "results", "review_units"):
                self._conn.execute(f"DELETE FROM {table} WHERE review_id = ?", (review_id,))
            self._conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        return True

    def dump(self) -> list[str]:
        """The whole file as SQL text (schema, rows and user_version), for comparisons."""
        return [f"PRAGMA user_version = {self.schema_version};", *self._conn.iterdump()]


class _Transaction:
    """Context manager for one explicit write transaction on an autocommit connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            try:
                self._conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        else:
            self._rollback()

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already done so."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


# ---------------------------------------------------------------------- helpers


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
    """Rows for ``executemany``: the review id followed by one value from each column (zipped in C)."""
    return zip(repeat(review_id, len(columns[0]) if columns else 0), *columns, strict=True)


def _iso_date(value: Any, name: str) -> str:
    """One date as ISO text (``2023-12-20`` or ``20/12/2023``); refuses missing or unreadable values."""
    day, bad = parse_days(pd.Series(np.atleast_1d(np.asarray(value, dtype=object))))
    if day.size != 1 or bad[0] or np.isnat(day[0]):
        raise HistoryInputError.of(L.texts("l_one_date", name=name, value=value))
    return str(day[0])


def _days(series: pd.Series, name: str, first_row: int = 1) -> np.ndarray:
    """A date column read as officers write it (ISO or ``dd/mm/yyyy``); unreadable cells are an error
    naming the column and the rows (1-based)."""
    days, bad = parse_days(pd.Series(series).reset_index(drop=True))
    if bad.any():
        raise HistoryInputError.of(L.texts("l_not_dates", name=name, rows=_row_numbers(bad, first_row)))
    return days


def _row_numbers(bad: Any, first_row: int) -> str:
    """The first ten rows where ``bad`` is set, as the messages name them (``3, 7, 12``)."""
    return ", ".join(str(i + first_row) for i in np.flatnonzero(np.asarray(bad, dtype=bool))[:10])


def _national_windows(recognized: np.ndarray) -> np.ndarray:
    """Per recognition date, the national programme's months in the national standard then in force."""
    months = np.zeros(len(recognized), dtype=np.int64)
    covered = np.isnat(recognized)
    for rs in available():
        inside = (recognized >= np.datetime64(rs.valid_from, "D")) & (recognized <= np.datetime64(rs.valid_to, "D"))
        if inside.any():
            months[inside] = rs.programmes[NATIONAL_PROGRAMME].months
            covered |= inside
    if not covered.all():
        days = sorted({str(d) for d in recognized[~covered]})[:5]
        raise HistoryInputError.of(L.texts("l_no_window", days=", ".join(days)))
    return months


def _spread(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``values`` placed at the rows where ``mask`` is set (other rows 0)."""
    out = np.zeros(len(mask), dtype=np.int64)
    out[mask] = values
    return out


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


def _dates(series: pd.Series, name: str = "date", first_row: int = 1) -> list[Any]:
    """Column as ISO date text, None where missing (converted once per distinct value)."""
    days = _days(series, name, first_row).astype("datetime64[D]")
    codes, uniques = pd.factorize(days.view(np.int64))
    texts = [None if np.isnat(d) else str(d) for d in uniques.astype("datetime64[D]")]
    return np.array(texts, dtype=object)[codes].tolist()


def _optional(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or an all-missing one when the frame lacks it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _checked_results(results_df: pd.DataFrame) -> pd.DataFrame:
    """Validate the engine's output before any write; sort it by household id."""
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
    units, unit_names = pd.factorize(pd.Series(frame["unit"].to_numpy(dtype=object)), sort=True)
    hid = pa.array(frame["household_id"].to_numpy(dtype=object), pa.string())
    order = pc.sort_indices(pa.table({"u": units, "h": hid}), sort_keys=[("u", "ascending"), ("h", "ascending")])
    order = order.to_numpy()
    frame = frame.iloc[order]
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
    return frame


def _result_columns(frame: pd.DataFrame) -> list[list[Any]]:
    """The ``results`` table's columns (after ``review_id``) as lists of SQL values."""
    return [
        frame["household_id"].astype(str).tolist(),
        _text(_optional(frame, "village")),
        _text(frame["status"]),
        _text(_optional(frame, "deprived")),
        _integers(_optional(frame, "deprivation_count"), "deprivation_count"),
        _text(_optional(frame, "decided_by")),
        _dates(_optional(frame, "recognized_on")),
    ]


def _result_table(frame: pd.DataFrame) -> tuple[list[str], list[list[Any]]]:
    """The ``results`` table's column names (after ``review_id``) and their values as lists of SQL
    values: the result, the local classification when there is one, where and who the household is."""
    names = ["unit", "household_id", "village", "status", "deprived", "deprivation_count", "decided_by"]
    names.append("recognized_on")
    columns = [frame["unit"].astype(str).tolist(), *_result_columns(frame)]
    if "local_status" in frame.columns:
        count = _optional(frame, "local_deprivation_count").astype(object)
        names += ["local_status", "local_deprived", "local_deprivation_count"]
        columns += [
            _text(frame["local_status"]),
            _text(_optional(frame, "local_deprived")),
            _integers(count.where(count.astype(str) != "", None), "local_deprivation_count"),
        ]
    places = ("province", "commune", "area", "head_name", "household_size", "farm_household", *GROUP_COLUMNS)
    if any(n in frame.columns for n in (*places, "change_reason")):
        reasons, _ = read_change_reasons(_optional(frame, "change_reason"))
        names += ["province", "place_commune", "area", "head_name", "household_size", "farm_household"]
        names += [*GROUP_COLUMNS, "change_reason"]
        columns += [_text(_optional(frame, n)) for n in places]
        columns.append([r or None for r in reasons.tolist()])
    required = {"unit", "household_id", "status"}
    kept = [i for i, name in enumerate(names) if name in required or columns[i].count(None) < len(columns[i])]
    return [names[i] for i in kept], [columns[i] for i in kept]  # an empty column stays NULL: fewer values to bind


def _transition_frame(frame: pd.DataFrame) -> list[list[Any]] | None:
    """The ``transitions`` table's columns for rows with a transition, or None."""
    if "transition" not in frame.columns:
        return None
    wanted = ("unit", "household_id", "status", "transition", "previous_status", "eligible_until", "recognized_on")
    moved = frame[[c for c in wanted if c in frame.columns]]
    moved = moved[(moved["transition"].fillna("").astype(str) != "").to_numpy()]
    previous = _optional(moved, "previous_status")
    canonical, unreadable = normalize_status(previous)
    previous_text = canonical.where(~unreadable, previous.astype(object))
    columns = [
        moved["unit"].astype(str).tolist(),
        moved["household_id"].astype(str).tolist(),
        moved["transition"].astype(str).tolist(),
        _text(previous_text),
        _dates(_optional(moved, "eligible_until")),
        _dates(_optional(moved, "recognized_on")),
    ]
    # implied (migration 7): unchanged, previous status = status, no window, no recognition
    implied = (
        (moved["transition"].astype(str).to_numpy() == "unchanged")
        & (np.asarray(columns[3], dtype=object) == moved["status"].astype(str).to_numpy())
        & np.array([d is None for d in columns[4]], dtype=bool)
        & np.array([d is None for d in columns[5]], dtype=bool)
    )
    keep = np.flatnonzero(~implied)
    return [np.asarray(c, dtype=object)[keep].tolist() for c in columns]


def _checked_lists(
    df: pd.DataFrame, review_date: date | str | None, commune: str | None, first_row: int = 1
) -> pd.DataFrame:
    """Validate and normalize imported lists before any write (rows named from ``first_row``)."""
    for name in ("household_id", "status"):
        if name not in df.columns:
            raise HistoryInputError.of(L.texts("l_missing_column", name=name))
    rows = df.reset_index(drop=True)
    status, unreadable = normalize_status(rows["status"])
    escaped, escaped_near = status_escape_marks(rows["status"])
    bad = unreadable | (status == "") | (status == "undetermined") | rows["household_id"].isna()
    if bad.any():
        raise HistoryInputError.of(L.texts("l_unreadable", rows=_row_numbers(bad, first_row)))
    days = _list_dates(rows, review_date, first_row)
    if np.isnat(days).any():
        raise HistoryInputError.of(L.texts("l_no_date", rows=_row_numbers(np.isnat(days), first_row)))
    frame = pd.DataFrame(
        {
            "household_id": rows["household_id"].astype(str),
            "status": status,
            "village": _optional(rows, "village"),
            "recognized_on": _dates(_optional(rows, "recognized_on"), "recognized_on", first_row),
            "review_date": days.astype(str),
            "escape": (escaped | escaped_near).to_numpy(),
            "escaped_poverty": escaped.to_numpy(),
        }
    )
    named = _optional(rows, "commune").astype(object)
    named = named.where(named.notna() & (named.astype(str).str.strip() != ""), commune or "")
    units, scope = household_units(rows.assign(commune=named))
    frame["unit"] = units
    places = scope.set_index("unit").loc[units].reset_index(drop=True)
    for name in SCOPE_COLUMNS[1:]:
        frame[name] = places[name].to_numpy()
    key = ["review_date", "unit", "household_id", "escape"]
    duplicated = frame.duplicated(key)
    if duplicated.any():
        raise HistoryInputError.of(L.texts("l_repeat", rows=_row_numbers(duplicated, first_row)))
    return frame


def _list_dates(rows: pd.DataFrame, review_date: date | str | None, first_row: int = 1) -> np.ndarray:
    """Review date per list row: ``review_date`` column, else 31 December of ``year``, else the
    ``review_date`` argument."""
    days = np.full(len(rows), np.datetime64("NaT", "D"))
    if "review_date" in rows.columns:
        days = _days(rows["review_date"], "review_date", first_row)
    if "year" in rows.columns:
        years = pd.to_numeric(rows["year"], errors="coerce")
        unreadable = years.isna() & rows["year"].notna() | (years.notna() & (years % 1 != 0))
        if unreadable.any():
            raise HistoryInputError.of(L.texts("l_not_years", name="year", rows=_row_numbers(unreadable, first_row)))
        years = years.astype("Int64")
        year_text = (years.astype(str) + "-12-31").astype(object).where(years.notna(), None)
        year_end = to_day_array(year_text)
        days = np.where(np.isnat(days), year_end, days)
    if review_date is not None:
        days = np.where(np.isnat(days), np.datetime64(_iso_date(review_date, "review_date")), days)
    return days.astype("datetime64[D]")


def _escape_transitions(escapes: pd.DataFrame, months: int | np.ndarray | None) -> list[list[Any]]:
    """Transition rows for escape list entries (thoát nghèo → escaped_poverty, etc.)."""
    poverty = escapes["escaped_poverty"].to_numpy(dtype=bool)
    recognized = to_day_array(escapes["recognized_on"])
    if months is None:
        months = _national_windows(recognized[poverty])
        months = _spread(months, poverty)
    until = np.where(poverty, eligible_until_array(recognized, months), np.datetime64("NaT", "D"))
    return [
        escapes["household_id"].tolist(),
        np.where(poverty, "escaped_poverty", "escaped_near_poverty").tolist(),
        np.where(poverty, "poor", "near_poor").tolist(),
        _dates(pd.Series(until)),
        _dates(pd.Series(recognized)),
    ]
