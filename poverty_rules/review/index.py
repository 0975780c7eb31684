"""The history a streamed review compares with, kept small: each known household's last result as a few
numbers, looked up batch by batch (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5: each household's movement since
the commune's last review).

A whole-file review reads the latest result of every household of its communes
(:meth:`~poverty_rules.review.history.HistoryStore.latest_before`) and matches the file to it at once. A
streamed review (pipeline/review_stream.py) does not know its communes before it has read the file, so
:class:`HistoryIndex` reads a commune unit's history the first time one of its households appears in a
batch (:class:`~poverty_rules.review.history.UnitHistory`), and keeps of it only what the comparison
and the not-reviewed list need, per household: a 64-bit hash of its code (data/ids.py ``hash_codes``),
sorted, its code itself (Arrow text, in the history's order, with the position of each hash's code in it:
every match is checked on the code, as the whole-file review does), its status, the recognition day of its
last escape from poverty, three marks (escaped poverty before, escaped near-poverty before, in the unit's
last review), its village's number and whether this review has met it — about 28 bytes plus the code per
household. The households never met and in the last review are the not-reviewed list: their rows are read
again, unit by unit, at the end (:meth:`gone`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..data.ids import hash_codes
from .history import LatestRows, UnitHistory, first_seen, plain_latest
from .yearly import Prior

__all__ = ["HistoryIndex"]

_NAT = np.datetime64("NaT", "D")


@dataclass
class _Unit:
    """One unit's households as the index keeps them: each array in the order of their codes' hashes, but the
    codes themselves, kept in the history's order (``place``: where each hash's code is)."""

    keys: np.ndarray  # uint64, sorted
    codes: pa.Array  # the household codes, in the history's order (by code)
    place: np.ndarray  # int64: the position in codes of each key's household
    status: np.ndarray  # int8
    escaped_on: np.ndarray  # int32 days since 1970 (NaT: the int32 minimum)
    marks: np.ndarray  # uint8: 1 escaped poverty before, 2 escaped near-poverty before, 4 in the last review
    villages: np.ndarray  # int32 into village_names, -1: none
    village_names: list[Any]
    met: np.ndarray  # bool: matched by a row of this review
    unique: bool  # no two codes share a hash (else the exact path)


_DAY_NONE = np.iinfo(np.int32).min


def _units_of(latest: LatestRows) -> dict[str, _Unit]:
    """The compact form of :meth:`UnitHistory.latest_rows` (sorted by unit), one :class:`_Unit` per unit:
    every column converted once for all of them, then cut at the units' bounds."""
    n = len(latest)
    if not n:
        return {}
    codes = pc.cast(latest.household_id, pa.string())
    codes = codes.combine_chunks() if isinstance(codes, pa.ChunkedArray) else codes
    keys = hash_codes(codes)
    days = latest.escaped_on
    escaped_on = np.where(np.isnat(days), _DAY_NONE, days.astype(np.int64)).astype(np.int32)
    marks = (
        latest.escaped_poverty_before.astype(np.uint8)
        | (latest.escaped_near_poverty_before.astype(np.uint8) << 1)
        | (latest.in_last_review.astype(np.uint8) << 2)
    )
    status = latest.status
    village_codes, village_names = first_seen(latest.picked.column("village"))
    unit_codes, unit_names = latest.unit, latest.units
    bounds = [0, *(np.flatnonzero(unit_codes[1:] != unit_codes[:-1]) + 1).tolist(), n]
    out = {}
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        order = start + np.argsort(keys[start:end])  # a unit's codes are distinct: any order of equal hashes
        used, local = np.unique(village_codes[order], return_inverse=True)
        names = [village_names[i] for i in used if i >= 0]
        local = np.where(used[local] >= 0, local - int((used < 0).sum()), -1).astype(np.int32)
        sorted_keys = keys[order]
        out[str(unit_names[unit_codes[start]])] = _Unit(
            keys=sorted_keys,
            codes=codes.slice(start, end - start),  # not a copy in the order of keys: 0.06 s per 1M households
            place=order - start,
            status=status[order],
            escaped_on=escaped_on[order],
            marks=marks[order],
            villages=local,
            village_names=names,
            met=np.zeros(end - start, dtype=bool),
            unique=bool(end - start < 2 or (sorted_keys[1:] != sorted_keys[:-1]).all()),
        )
    return out


def _factorized(column: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """A (categorical) column's codes (-1: missing) and the values they number."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return np.asarray(column.cat.codes.to_numpy(), dtype=np.int64), list(column.cat.categories)
    codes, uniques = pd.factorize(pd.Series(column, dtype=object))
    return np.asarray(codes, dtype=np.int64), list(uniques)


_NONE = _Unit(
    keys=np.zeros(0, dtype=np.uint64),
    codes=pa.array([], pa.string()),
    place=np.zeros(0, dtype=np.int64),
    status=np.zeros(0, dtype=np.int8),
    escaped_on=np.zeros(0, dtype=np.int32),
    marks=np.zeros(0, dtype=np.uint8),
    villages=np.zeros(0, dtype=np.int32),
    village_names=[],
    met=np.zeros(0, dtype=bool),
    unique=True,
)
"""A unit no earlier review covered."""


class HistoryIndex:
    """Each commune unit's history, read when its first household appears (:meth:`prior`), kept as a few
    numbers per household; the households never met are the not-reviewed list (:meth:`gone`)."""

    def __init__(self, history: UnitHistory) -> None:
        self._history = history
        self._units: dict[str, _Unit] = {}
        self._reading = threading.Lock()  # one read of the history at a time (load)

    def _unit(self, name: str) -> _Unit:
        unit = self._units.get(name)
        if unit is None:
            self.load([name])
            unit = self._units[name]
        return unit

    def load(self, units: list[str] | None) -> None:
        """Read the history of ``units`` not read yet, all in one read (a batch's communes, read in a thread
        while the batch is classified; None: nothing to read ahead).

        Safe from two threads at once: a streamed review reads the next batches' communes on its reading thread
        while the classifying thread may read a unit itself (:meth:`prior` of a batch whose communes could not be
        told before it was normalized: ``file_units`` gave None). One read at a time (the history's one SQLite
        connection), and a unit appears in the index only once its read is done: it had been put there as
        "no earlier review" first, so the other thread, meeting it during the read, took its households for new."""
        with self._reading:
            new = [name for name in dict.fromkeys(units or ()) if name not in self._units]
            if not new:
                return
            read = dict.fromkeys(new, _NONE)
            known = [name for name in new if self._history.knows(name)]
            if known:
                read.update(_units_of(self._history.latest_rows(known)))
            self._units.update(read)  # one step: a unit is absent (read it) or read whole

    def recorded(self, name: str) -> bool:
        """Whether the history holds households of unit ``name`` (read by :meth:`load` or :meth:`prior`)."""
        return bool(len(self._unit(name).keys))

    def prior(self, units: pd.Categorical, ids: pd.Series) -> Prior:
        """The history of a batch's households (``units``: each one's commune unit, review/scope.py;
        ``ids``: their codes, as text), each marked met: what
        :func:`poverty_rules.review.yearly.prior_of` gives a whole-file review for them."""
        n = len(ids)
        status = np.full(n, -1, dtype=np.int8)
        days = np.full(n, _DAY_NONE, dtype=np.int32)
        marks = np.zeros(n, dtype=np.uint8)
        villages = np.full(n, -1, dtype=np.int64)
        known = np.zeros(n, dtype=bool)
        names: dict[Any, int] = {}
        codes = pc.cast(pa.array(ids, from_pandas=True), pa.string()) if n else pa.array([], pa.string())
        unit_codes = np.asarray(units.codes, dtype=np.int64)
        for number, name in enumerate(units.categories):
            rows = np.flatnonzero(unit_codes == number)
            if not rows.size:
                continue
            unit = self._unit(str(name))
            if not len(unit.keys):
                continue
            here = codes.take(pa.array(rows))
            at = _find(unit, here)
            found = at >= 0
            rows, at = rows[found], at[found]
            unit.met[at] = True
            known[rows] = True
            status[rows] = unit.status[at]
            days[rows] = unit.escaped_on[at]
            marks[rows] = unit.marks[at]
            numbers = np.array([names.setdefault(v, len(names)) for v in unit.village_names] + [-1], dtype=np.int64)
            villages[rows] = numbers[unit.villages[at]]
        escaped_on = np.where(days == _DAY_NONE, _NAT, days.astype("datetime64[D]"))
        return Prior(
            status=status,
            escaped_on=escaped_on.astype("datetime64[D]"),
            escaped_poverty=(marks & 1) > 0,
            escaped_near_poverty=(marks & 2) > 0,
            in_last=(marks & 4) > 0,
            village_codes=villages,
            village_names=list(names),
            known=known,
        )

    def gone(self, units: list[str]) -> pd.DataFrame:
        """The households of ``units`` (the review's scope) in their unit's last review that no row of
        this review met, as :meth:`~poverty_rules.review.history.HistoryStore.latest_before` gives them
        (plain texts, describing columns empty), sorted by unit then code: each unit with such households
        is read again."""
        left_in: dict[str, np.ndarray] = {}
        for name in sorted(set(units)):
            unit = self._unit(name)
            left = ~unit.met & ((unit.marks & 4) > 0)
            if left.any():
                left_in[name] = left
        latest = self._history.latest(list(left_in))  # sorted by unit then code, as the units' names
        keep = np.zeros(len(latest), dtype=bool)
        if len(latest):
            unit_codes, unit_names = _factorized(latest["unit"])
            codes = pc.cast(pa.array(latest["household_id"].array), pa.string())
            for number, name in enumerate(unit_names):
                rows = np.flatnonzero(unit_codes == number)
                at = _find(self._units[str(name)], codes.take(pa.array(rows)))
                keep[rows[at >= 0]] = left_in[str(name)][at[at >= 0]]
        return plain_latest(latest[keep].reset_index(drop=True))

    def close(self) -> None:
        """Close the history file."""
        self._history.close()


def _find(unit: _Unit, codes: pa.Array) -> np.ndarray:
    """Each code's position in ``unit`` (-1 where the unit does not know it): by hash, every match checked
    on the code itself; exact (Arrow's hash table of the codes) when two codes of the unit share a hash."""
    if not unit.unique:
        found = pc.index_in(codes, value_set=unit.codes)
        position = np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
        slot = np.empty(len(unit.place) + 1, dtype=np.int64)
        slot[unit.place] = np.arange(len(unit.place))
        slot[-1] = -1  # not found
        return slot[position]
    keys = hash_codes(codes)
    order = np.argsort(keys)  # sorted needles: searchsorted walks the unit's keys in order
    at = np.empty(len(keys), dtype=np.int64)
    at[order] = np.searchsorted(unit.keys, keys[order])
    at = np.minimum(at, len(unit.keys) - 1)
    hit = unit.keys[at] == keys
    rows = np.flatnonzero(hit)
    if rows.size:
        same = pc.equal(codes.take(pa.array(rows)), unit.codes.take(pa.array(unit.place[at[rows]])))
        hit[rows] = np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool)
    return np.where(hit, at, -1).astype(np.int64)
