"""What the engines compute with: numbers as intervals, conditions as three-valued masks, text.

Unknown is not zero. Every value is carried with what is known about it, one entry per row:

* a number is an interval ``[lo, hi]``: a given income is ``[x, x]``, a missing one is
  ``[-inf, +inf]``; the deprivation count is ``[deprived flags, deprived + unknown flags]``;
* a condition is a pair of masks ``(t, f)``: certainly true, certainly false; neither = unknown
  (Kleene's three-valued logic).

A comparison is certainly true when it holds for every value in the intervals, certainly false when
it fails for every one. Interval arithmetic and comparison exist here once; both engines use them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Bool3", "Interval", "Text", "Value", "arith", "as_interval", "compare_intervals", "count_true"]


@dataclass
class Interval:
    lo: np.ndarray
    hi: np.ndarray


@dataclass
class Bool3:
    t: np.ndarray
    f: np.ndarray

    @property
    def unknown(self) -> np.ndarray:
        return ~(self.t | self.f)


@dataclass
class Text:
    values: np.ndarray
    #: optionally each row's code into ``names`` (``values == names[codes]``): set membership is then
    #: decided once per name, not per row over Python strings
    codes: np.ndarray | None = None
    names: np.ndarray | None = None


Value = Interval | Bool3 | Text


def count_true(masks: list[np.ndarray], n: int) -> np.ndarray:
    """How many of ``masks`` (boolean arrays of ``n`` rows) are true in each row, as int8 (int32 for more
    than 127 masks), added one mask at a time: ``np.sum`` of a list first copies the masks into a matrix,
    and adding booleans to float64 converts each mask to float first (6 times slower)."""
    out: np.ndarray = np.zeros(n, dtype=np.int8 if len(masks) < 128 else np.int32)
    for mask in masks:
        out += mask
    return out


def as_interval(v: Bool3) -> Interval:
    """A condition as a number: true = 1, false = 0, unknown = [0, 1]."""
    return Interval(v.t.astype(float), (~v.f).astype(float))


def compare_intervals(op: str, a: Interval, b: Interval) -> Bool3:
    """``a op b`` for intervals: certainly true, certainly false, or unknown per row."""
    if op == "<":
        return Bool3(a.hi < b.lo, a.lo >= b.hi)
    if op == "<=":
        return Bool3(a.hi <= b.lo, a.lo > b.hi)
    if op == ">":
        return Bool3(a.lo > b.hi, a.hi <= b.lo)
    if op == ">=":
        return Bool3(a.lo >= b.hi, a.hi < b.lo)
    point = (a.lo == a.hi) & (b.lo == b.hi)
    eq_t = point & (a.lo == b.lo)
    eq_f = (a.hi < b.lo) | (a.lo > b.hi)
    if op == "==":
        return Bool3(eq_t, eq_f)
    if op == "!=":
        return Bool3(eq_f, eq_t)
    raise ValueError(op)


def arith(op: str, a: Interval, b: Interval) -> Interval:
    """``a op b`` for intervals (``+ - * /``); a divisor that may be 0 gives ``[-inf, +inf]``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if op == "+":
            return Interval(a.lo + b.lo, a.hi + b.hi)
        if op == "-":
            return Interval(a.lo - b.hi, a.hi - b.lo)
        if op == "*":
            fast = _scaled(b, _constant(a)) or _scaled(a, _constant(b))
            if fast is not None:
                return fast
            products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
            products = [np.where(np.isnan(p), 0.0, p) for p in products]  # 0 × ∞ = 0 for bounded zero
            return Interval(np.minimum.reduce(products), np.maximum.reduce(products))
        if op == "/":
            spans_zero = (b.lo <= 0) & (b.hi >= 0)
            quotients = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
            lo = np.where(spans_zero, -np.inf, np.nanmin(quotients, axis=0))
            hi = np.where(spans_zero, np.inf, np.nanmax(quotients, axis=0))
            return Interval(lo, hi)
    raise ValueError(op)


def _constant(v: Interval) -> float | None:
    """The one value of an interval that is the same nonzero finite number on every row, else None.

    A rule's threshold (``dependency_share``, ``housing_area_per_person``) is such a value; the
    check reads the bounds once, far less than the four products of the general ``*``."""
    if not len(v.lo):
        return None
    c = v.lo[0]
    if not np.isfinite(c) or c == 0:
        return None
    return float(c) if (v.lo is v.hi or np.array_equal(v.lo, v.hi)) and bool((v.lo == c).all()) else None


def _scaled(v: Interval, c: float | None) -> Interval | None:
    """``c × v`` for a nonzero finite ``c``: the bounds scaled (swapped when ``c < 0``) — the same
    numbers as the four products (c·lo ≤ c·hi for c > 0, and no 0 × ∞ to guard). ``None`` when
    ``c`` is None or a bound is NaN (the general product decides those)."""
    if c is None:
        return None
    lo, hi = v.lo * c, v.hi * c
    if np.isnan(lo).any() or np.isnan(hi).any():
        return None
    return Interval(lo, hi) if c > 0 else Interval(hi, lo)
