"""Year-end review runs: transitions, support windows, the history and the movements report.

The periodic review (rà soát định kỳ) runs once a year, 1 September – 14 December, and ends with
the commune chair's decision recognizing poor, near-poor, escaped-poverty and escaped-near-poverty
households (Quyết định 24/2021/QĐ-TTg, Điều 4; spec/standard.md §5). A household recognized as
having escaped poverty keeps the national programme's support for 36 months from that
recognition (Quyết định 90/QĐ-TTg năm 2022); the length of each programme's window is read from
the ruleset's ``programmes:`` section.

Two entry points:

- :func:`stateless_transitions` — what ``classify`` adds when the file itself carries
  ``previous_status`` / ``escaped_on``: the ``transition`` and ``eligible_until`` columns;
- :func:`run_review` — the review against the history store: classify, compare with each
  household's last recorded result, record everything in one transaction, list the households
  not reviewed and count the movements per village.

Everything is column-wise; Python loops run over distinct values (spellings, dates) or villages,
never over households.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from .transitions import eligible_until_column, transitions
from .window import DEFAULT_PROGRAMMES, Programme, to_day_array

__all__ = [
    "TOTAL",
    "parse_days",
    "programme",
    "stateless_transitions",
    "window_months",
]

NATIONAL_PROGRAMME = "national_programme"
TOTAL = "*"
"""``village`` of the movements row that totals every village."""

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$")


# --------------------------------------------------------------------------- reading dates and windows


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
    readings = [_read_day(value) for value in uniques]
    days_u = np.array([r[0] for r in readings] + [np.datetime64("NaT", "D")], dtype="datetime64[D]")
    bad_u = np.array([r[1] for r in readings] + [False], dtype=bool)
    return days_u[codes], bad_u[codes]


def _read_day(value: Any) -> tuple[np.datetime64, bool]:
    """One distinct value: (day or NaT, unreadable)."""
    nat = np.datetime64("NaT", "D")
    if isinstance(value, date):
        return np.datetime64(value.isoformat()[:10], "D"), False
    text = str(value).strip()
    if not text or text.lower() in ("nan", "nat", "none"):
        return nat, False
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(text)
        if not match:
            return nat, True
        day, month, year = (int(g) for g in match.groups())
    try:
        return np.datetime64(date(year, month, day).isoformat(), "D"), False
    except ValueError:
        return nat, True


def programme(ruleset: Any, programme_id: str = NATIONAL_PROGRAMME) -> Programme:
    """The programme ``programme_id`` of the ruleset (overlays may change its window), else the
    national default of :data:`poverty_rules.window.DEFAULT_PROGRAMMES` (Quyết định 90/QĐ-TTg 2022).
    """
    programmes = getattr(ruleset, "programmes", None) or {}
    if programme_id in programmes:
        return programmes[programme_id]
    if programme_id in DEFAULT_PROGRAMMES:
        return DEFAULT_PROGRAMMES[programme_id]
    known = sorted({*programmes, *DEFAULT_PROGRAMMES})
    raise KeyError(f"unknown programme {programme_id!r}; known: {', '.join(known)}")


def window_months(ruleset: Any) -> int:
    """Months of the national programme's window for recently escaped households (36 by default)."""
    return programme(ruleset, NATIONAL_PROGRAMME).months


# --------------------------------------------------------------------------- classify: from the file


def stateless_transitions(ruleset: Any, frame: pd.DataFrame, results: pd.DataFrame, review_date: Any) -> pd.DataFrame:
    """Add ``transition`` and ``eligible_until`` to ``results`` from the file's own columns.

    ``frame`` is the normalized input (aligned with ``results`` by position) with
    ``previous_status`` (status at the last review, any spelling
    :func:`poverty_rules.transitions.normalize_status` reads) and/or ``escaped_on`` (the date the
    escape from poverty was recognized, Quyết định 24/2021/QĐ-TTg). A household with an
    ``escaped_on`` date escaped poverty before, so poor again is ``relapsed_poor``.
    ``eligible_until`` is the last day of the national programme's window (Quyết định
    90/QĐ-TTg 2022; months from the ruleset) when it is still open at ``review_date``.
    Unreadable values were already rejected by :func:`poverty_rules.inputs.normalize`.
    """
    n = len(results)
    empty = pd.Series([""] * n, dtype=object)
    previous = _column(frame, "previous_status", empty)
    escaped_on, _ = parse_days(_column(frame, "escaped_on", empty))
    status = results["status"].reset_index(drop=True)
    moved = transitions(previous, status, pd.Series(~np.isnat(escaped_on)))
    out = results.copy()
    out["transition"] = moved.to_numpy()
    out["eligible_until"] = eligible_until_column(
        status, moved, pd.Series(escaped_on), review_date, window_months(ruleset)
    ).to_numpy()
    return out


def _column(frame: pd.DataFrame, name: str, default: pd.Series) -> pd.Series:
    """A frame column as plain values with a 0…n-1 index, or ``default``."""
    if name not in frame.columns:
        return default
    return pd.Series(frame[name].astype(object).to_numpy(), dtype=object)
