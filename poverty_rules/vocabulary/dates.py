"""Dates as officers write them, and calendar-month arithmetic for support windows: columns of them.

Reading: ISO ``2024-12-20`` and the Vietnamese day-first ``20/12/2024`` (also ``20-12-2024``,
``20.12.2024``) everywhere a date is read — options, columns, history imports.

Arithmetic (spec standard.md §5, our reading, tagged U): ``end = start + N calendar months``, a day
that does not exist in the target month becoming that month's last day; a window's last day is
``end - 1 day``. How many months a programme's window lasts is law and lives in the rulesets.

One date (``parse_date``, ``add_months``, ``eligible_until``) is read and moved by
:mod:`poverty_rules.vocabulary.day`, which needs no pandas; import them from there. This module works
on columns of dates.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .cells import fixed_width
from .day import check_months, read_day

__all__ = [
    "add_months_array",
    "add_months_series",
    "eligible_until_array",
    "eligible_until_series",
    "parse_days",
    "ten_character_days",
    "to_day_array",
]


def parse_days(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """Read a date column as officers write it; return ``(datetime64[D] days, unreadable mask)``.

    Accepts ISO ``2024-12-20`` and the Vietnamese day-first ``20/12/2024`` (also ``20-12-2024``,
    ``20.12.2024``); an empty cell is ``NaT`` and not an error. Each distinct text is read once.
    """
    series = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        days = to_day_array(series)
        return days, np.zeros(len(days), dtype=bool)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    readings = [read_day(value) for value in uniques]
    days_u = np.array([r[0] for r in readings] + [np.datetime64("NaT", "D")], dtype="datetime64[D]")
    bad_u = np.array([r[1] for r in readings] + [False], dtype=bool)
    return days_u[codes], bad_u[codes]


_ONE_DAY = np.timedelta64(1, "D")
#: The longest each month can be (February: 29, checked against leap years apart).
_LONGEST_MONTHS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int16)
#: Years :func:`ten_character_days` reads: inside pandas' nanosecond timestamps (1677-09-21 to 2262-04-11).
_YEARS = (1678, 2261)


def ten_character_days(col: pa.Array | pa.ChunkedArray, day_first: str = "/-") -> tuple[np.ndarray, np.ndarray]:
    """The cells of a text column written in exactly ten characters as ``YYYY-MM-DD`` or day first
    ``DD/MM/YYYY`` (a separator of ``day_first`` twice), naming a day of the calendar of a year from
    1678 to 2261: their ``(k, 3)`` year, month, day (``int16``) and their positions. Read from Arrow's
    bytes (digits and separators checked column by column, months' lengths and leap years too), with
    no string per cell; every other cell (spaces, one-digit days, other years, words) is left to the
    general readers, which read these cells the same way.
    """
    cells, rows = fixed_width(col, 10)
    digits = [cells[:, c] - np.uint8(ord("0")) for c in range(10)]  # uint8: a byte below "0" wraps above 9

    def all_digits(columns: list[int]) -> np.ndarray:
        ok = digits[columns[0]] <= 9
        for c in columns[1:]:
            ok &= digits[c] <= 9
        return ok

    def number(columns: list[int]) -> np.ndarray:
        out = digits[columns[0]].astype(np.int16)
        for c in columns[1:]:
            out *= 10
            out += digits[c]
        return out

    iso = all_digits([0, 1, 2, 3, 5, 6, 8, 9]) & (cells[:, 4] == ord("-")) & (cells[:, 7] == ord("-"))
    if iso.all():  # the usual column: no day-first cell to look for
        year, month, day = number([0, 1, 2, 3]), number([5, 6]), number([8, 9])
        written = iso
    else:
        separator = np.zeros(256, dtype=bool)
        separator[np.frombuffer(day_first.encode("ascii"), np.uint8)] = True
        dmy = all_digits([0, 1, 3, 4, 6, 7, 8, 9]) & (cells[:, 2] == cells[:, 5]) & separator[cells[:, 2]]
        year = np.where(iso, number([0, 1, 2, 3]), number([6, 7, 8, 9]))
        month = np.where(iso, number([5, 6]), number([3, 4]))
        day = np.where(iso, number([8, 9]), number([0, 1]))
        written = iso | dmy
    ok = written & (year >= _YEARS[0]) & (year <= _YEARS[1]) & (month >= 1) & (month <= 12) & (day >= 1)
    ok &= day <= _LONGEST_MONTHS[np.where(ok, month, 0)]
    february_29 = np.flatnonzero(ok & (month == 2) & (day == 29))
    leap_year = year[february_29]
    ok[february_29] = (leap_year % 4 == 0) & ((leap_year % 100 != 0) | (leap_year % 400 == 0))
    if ok.all():
        return np.stack([year, month, day], axis=1), rows
    return np.stack([year[ok], month[ok], day[ok]], axis=1), rows[ok]


# --------------------------------------------------------------------------- vectorized arithmetic


def to_day_array(values: Any) -> np.ndarray:
    """Convert dates (Series, array, list or scalar) to a ``datetime64[D]`` numpy array.

    Accepts datetime64 of any unit, timezone-aware timestamps (their local calendar date is
    kept), ``datetime.date`` objects and ISO strings; ``None``, ``NaT``, NaN and empty strings
    become ``NaT``. Anything else raises ``ValueError`` — the caller turns it into a reject.
    """
    if isinstance(values, np.ndarray) and np.issubdtype(values.dtype, np.datetime64):
        return np.atleast_1d(values).astype("datetime64[D]")
    if isinstance(values, pd.Series | pd.Index):
        series = pd.Series(values)
    else:
        series = pd.Series(np.atleast_1d(np.asarray(values, dtype=object)))
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    elif not pd.api.types.is_datetime64_any_dtype(series.dtype):
        series = pd.to_datetime(series, format="ISO8601", errors="raise")
    return series.to_numpy().astype("datetime64[D]")


def add_months_array(days: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """Vectorized :func:`~poverty_rules.vocabulary.day.add_months` over a ``datetime64[D]`` array; ``NaT``
    stays ``NaT``.

    Pure numpy month arithmetic: the month index ``year*12 + month`` is shifted, and the day of
    month is clamped to the target month's length. No Python loop over rows.
    """
    days = np.asarray(days, dtype="datetime64[D]")
    months = np.asarray(months, dtype=np.int64)
    missing = np.isnat(days)
    safe = np.where(missing, np.datetime64("2000-01-01", "D"), days)
    month_start = safe.astype("datetime64[M]")
    day_offset = (safe - month_start.astype("datetime64[D]")).astype(np.int64)
    target = month_start + months.astype("timedelta64[M]")
    target_first = target.astype("datetime64[D]")
    month_length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target_first).astype(np.int64)
    result = target_first + np.minimum(day_offset, month_length - 1).astype("timedelta64[D]")
    return np.where(missing, np.datetime64("NaT", "D"), result)


def eligible_until_array(recognized_on: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """Vectorized :func:`~poverty_rules.vocabulary.day.eligible_until` (Quyết định 90/QĐ-TTg 2022) over
    ``datetime64[D]``."""
    check_months(months)
    end = add_months_array(recognized_on, months)
    return np.where(np.isnat(end), np.datetime64("NaT", "D"), end - _ONE_DAY)


def add_months_series(dates: pd.Series, months: int | np.ndarray) -> pd.Series:
    """:func:`~poverty_rules.vocabulary.day.add_months` over a pandas Series of dates; returns a datetime64
    Series (same index).

    ``dates`` may be datetime64 or hold ``datetime.date`` objects / ISO strings; missing values
    (None, NaT) give NaT.
    """
    return _as_series(add_months_array(to_day_array(dates), months), dates, "add_months")


def eligible_until_series(recognized_on: pd.Series, months: int | np.ndarray) -> pd.Series:
    """:func:`eligible_until` over a pandas Series (Quyết định 90/QĐ-TTg 2022, 36 months).

    Returns a datetime64 Series with the same index; a missing recognition date gives NaT.
    """
    return _as_series(eligible_until_array(to_day_array(recognized_on), months), recognized_on, "eligible_until")


def _as_series(days: np.ndarray, like: Any, name: str) -> pd.Series:
    """Wrap a ``datetime64[D]`` array as a Series indexed like ``like`` (pandas keeps ``[s]``)."""
    index = like.index if isinstance(like, pd.Series) else None
    series_name = like.name if isinstance(like, pd.Series) and like.name is not None else name
    return pd.Series(days.astype("datetime64[s]"), index=index, name=series_name)
