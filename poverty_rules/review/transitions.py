"""Transitions between two reviews and the support window column (docs/standard.md §5).

The periodic review (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5) recognizes poor, near-poor,
escaped-poverty and escaped-near-poverty households; comparing a household's status at the last
review with its status now gives the movement the review forms report (design.md, "Transitions"):

=================  ===========  =====================================  ============================
now \\ before       poor         near_poor                              average / not_poor
=================  ===========  =====================================  ============================
poor               unchanged    newly_poor / relapsed_poor (escaped    same as left
                                poverty before)
near_poor          escaped_     unchanged                              newly_near_poor /
                   poverty                                             relapsed_near_poor
average/not_poor   escaped_     escaped_near_poverty                   unchanged
                   poverty
=================  ===========  =====================================  ============================

No previous status → ``first_review``; an ``undetermined`` status now, or a previous status that is
``undetermined`` or unreadable → ``""`` (the movement cannot be decided); so is a previous status written
``thoát nghèo`` with the household near-poor or above now (an escape may have left it near-poor or above:
unchanged, or a movement, cannot be told; poor now is ``relapsed_poor`` either way).

Everything here is column-wise (numpy / pandas); the only Python loop runs over the *distinct*
spellings of a status column, never over rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..vocabulary import words as L
from ..vocabulary.changes import LEAVING, read_change_reasons
from ..vocabulary.dates import eligible_until_array, parse_days, to_day_array
from ..vocabulary.flags import flag_value
from ..vocabulary.status_ids import STATUSES
from ..vocabulary.statuses import status_codes
from .window import Programme, escape_programmes

__all__ = [
    "NATIONAL_PROGRAMME",
    "TRANSITIONS",
    "TRANSITION_CODES",
    "TRANSITION_LABELS",
    "eligible_until_column",
    "escaped_to_near_poor",
    "file_column",
    "leaving_movements",
    "leaving_rows",
    "national_window",
    "programme",
    "served_escapes",
    "stateless_transitions",
    "transition_codes",
    "transitions",
    "window_months",
]

TRANSITIONS: tuple[str, ...] = (
    "unchanged",
    "newly_poor",
    "relapsed_poor",
    "escaped_poverty",
    "escaped_near_poverty",
    "newly_near_poor",
    "relapsed_near_poor",
    "first_review",
)
"""Canonical transition ids; ``""`` means the transition cannot be decided."""

NATIONAL_PROGRAMME = "national_programme"

TRANSITION_LABELS = L.TRANSITION
"""Bilingual labels; the Vietnamese names are those of the review forms (standard.md §5)."""

_POOR, _NEAR_POOR, _AVERAGE, _NOT_POOR = (STATUSES.index(s) for s in ("poor", "near_poor", "average", "not_poor"))


def _as_flags(values: pd.Series | None, length: int, name: str) -> np.ndarray:
    """Read an "escaped before" column: bool, 0/1 or yes/no/có/không words; missing is False."""
    if values is None:
        return np.zeros(length, dtype=bool)
    series = pd.Series(values)
    _check_length(series, length, name)
    if pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_numeric_dtype(series.dtype):
        return series.fillna(0).astype(bool).to_numpy()
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    flags_u = np.array([_read_flag(value, name) for value in uniques] + [False], dtype=bool)
    return flags_u[codes]


def _read_flag(value: Any, name: str) -> bool:
    """One distinct flag value as a bool (:func:`~poverty_rules.vocabulary.flags.flag_value`; blank is
    False); anything else is a ``ValueError`` naming the column."""
    flag, bad = flag_value(value)
    if bad:
        raise ValueError(f"column {name}: expected true/false, 1/0, có/không; got {value!r}")
    return flag == 1.0


def _check_length(series: pd.Series, length: int, name: str) -> None:
    """All columns are aligned by position; refuse columns of a different length."""
    if len(series) != length:
        raise ValueError(f"column {name} has {len(series)} values, expected {length}")


# --------------------------------------------------------------------------- transitions


def escaped_to_near_poor(moved: pd.Series, current: pd.Series) -> np.ndarray:
    """The ``escaped_to_near_poor`` column: ``"1"`` where a poor household became near-poor.

    docs/standard.md §5 (P): poor → near-poor counts as escaped poverty (the transition stays
    ``escaped_poverty``) and is reported in its own column, as the movement form's "trở thành hộ
    cận nghèo" column does. ``"0"`` for every other decided movement, ``""`` where the movement
    cannot be decided.
    """
    move = np.asarray(pd.Series(moved).fillna("").to_numpy(dtype=object), dtype=object)
    near = np.asarray(pd.Series(current).to_numpy(dtype=object) == "near_poor", dtype=bool)
    out = np.array(["0", "1"], dtype=object)[((move == "escaped_poverty") & near).astype(np.int8)]
    out[move == ""] = ""
    return out


def transitions(
    previous: pd.Series,
    current: pd.Series,
    escaped_poverty_before: pd.Series | None = None,
    escaped_near_poverty_before: pd.Series | None = None,
) -> pd.Series:
    """Transition of each household from its previous status to its current one.

    Implements design.md's transition table (standard.md §5, the movements of the review forms
    under Quyết định 24/2021/QĐ-TTg). Columns are aligned by position and the result carries
    ``current``'s index. ``previous`` may use any spelling :func:`normalize_status` reads;
    ``thoát nghèo`` / ``thoát cận nghèo`` count as ``not_poor`` *and* set the matching
    "escaped before" flag. Both escaped-before columns default to False (missing = False).

    - poor → near_poor / average / not_poor is ``escaped_poverty`` (spec: count poor → near-poor
      as an escape, report it separately via the current status).
    - near_poor or above → poor is ``relapsed_poor`` if the household escaped poverty before,
      else ``newly_poor``; above near-poor → near_poor likewise ``relapsed_near_poor`` /
      ``newly_near_poor``. ``average`` ↔ ``not_poor`` is ``unchanged``.
    - no previous status → ``first_review``; current ``undetermined`` (or empty / unreadable), or
      a previous status that is ``undetermined`` or unreadable → ``""``.
    """
    code = transition_codes(previous, current, escaped_poverty_before, escaped_near_poverty_before)
    labels = np.array(TRANSITION_CODES, dtype=object)  # one shared text per label, not one per row
    return pd.Series(labels[code], index=pd.Series(current).index, name="transition")


TRANSITION_CODES: tuple[str, ...] = ("", *TRANSITIONS)
"""The labels :func:`transition_codes` numbers: 0 is ``""`` (cannot be decided), then :data:`TRANSITIONS`."""


def transition_codes(previous: pd.Series, current: pd.Series, *before: pd.Series | None) -> np.ndarray:
    """:func:`transitions` as each household's position in :data:`TRANSITION_CODES` (``int8``): the
    statuses compared as small integers (:func:`~poverty_rules.vocabulary.statuses.status_codes`).
    ``before``: escaped poverty before, escaped near-poverty before (each None or missing: False)."""
    escaped_poverty_before, escaped_near_poverty_before = (*before, None, None)[:2]
    length = len(current)
    _check_length(pd.Series(previous), length, "previous_status")
    prev, prev_unreadable, prev_escaped, prev_escaped_near = status_codes(previous)
    cur = status_codes(current)[0]
    escaped = _as_flags(escaped_poverty_before, length, "escaped_poverty_before") | prev_escaped
    escaped_near = _as_flags(escaped_near_poverty_before, length, "escaped_near_poverty_before") | prev_escaped_near

    prev_poor = prev == _POOR
    prev_near = prev == _NEAR_POOR
    prev_above = (prev == _AVERAGE) | (prev == _NOT_POOR)
    cur_poor = cur == _POOR
    cur_near = cur == _NEAR_POOR
    cur_above = (cur == _AVERAGE) | (cur == _NOT_POOR)
    decidable_now = cur_poor | cur_near | cur_above
    no_previous = (prev < 0) & ~prev_unreadable

    number = {label: i for i, label in enumerate(TRANSITION_CODES)}
    return np.select(
        [
            ~decidable_now,
            no_previous,
            ~(prev_poor | prev_near | prev_above),  # undetermined or unreadable before
            prev_escaped & ~cur_poor,  # "thoát nghèo" before: poor → near-poor escapes too, near-poor or not then
            (cur_poor & prev_poor) | (cur_near & prev_near) | (cur_above & prev_above),
            cur_poor & escaped,
            cur_poor,
            prev_poor,  # now near_poor or above
            cur_near & escaped_near,  # before: above near-poor
            cur_near,
            cur_above,  # before: near_poor
        ],
        [
            number[""],
            number["first_review"],
            number[""],
            number[""],
            number["unchanged"],
            number["relapsed_poor"],
            number["newly_poor"],
            number["escaped_poverty"],
            number["relapsed_near_poor"],
            number["newly_near_poor"],
            number["escaped_near_poverty"],
        ],
        default=number[""],
    ).astype(np.int8)


# --------------------------------------------------------------------------- support window


def eligible_until_column(
    status_now: pd.Series,
    transition: pd.Series,
    escaped_on: pd.Series | None,
    review_date: Any,
    months: int,
    *,
    serves: Sequence[str] | None = None,
    valid_to: Any = None,
) -> pd.Series:
    """Last day of the support window still open at the review date, as ISO text, else ``""``.

    Implements the window of Quyết định 90/QĐ-TTg 2022 (36 months from the recognition of the
    escape, counted by :func:`poverty_rules.window.eligible_until`; pass another programme's
    ``months`` for its window). The escape's recognition date is the review date when
    ``transition`` is ``escaped_poverty`` (recognized this review), else ``escaped_on`` (an
    earlier recognition). The column is filled when the recognition date ≤ review date ≤
    eligible_until (eligible on the last day, not the next) and the household is not poor now:
    a household poor again has no window, and an ``undetermined`` household gets ``""`` because
    whether it is poor again cannot be decided (a review passes instead the status such a household keeps,
    its last determined one: docs/review.md). ``review_date`` is one date (date, Timestamp or
    ISO text) or a column of dates aligned with the others. ``serves`` and ``valid_to`` are the
    programme's (docs/rulesets.md, ``programmes``): the statuses a household must have now (default
    near-poor, average and not poor) and the last day of its regime, after which a recognized escape
    opens no window (default: no end known).
    """
    length = len(status_now)
    status = status_codes(status_now)[0]
    recognized, review = recognition_days(transition, escaped_on, review_date, length)
    until = eligible_until_array(recognized, months)
    served = served_escapes(status, recognized, serves=serves, valid_to=valid_to)
    with np.errstate(invalid="ignore"):
        open_window = served & ~np.isnat(recognized) & ~np.isnat(review) & (recognized <= review) & (review <= until)
    text = np.full(length, "", dtype=object)
    distinct, positions = np.unique(until[open_window], return_inverse=True)
    text[open_window] = distinct.astype(str).astype(object)[positions]  # format each date once
    return pd.Series(text.astype(object), index=pd.Series(status_now).index, name="eligible_until")


def recognition_days(
    transition: pd.Series, escaped_on: pd.Series | None, review_date: Any, length: int
) -> tuple[np.ndarray, np.ndarray]:
    """(recognition day, review day) of each household's escape, days: the review date when ``transition`` is
    ``escaped_poverty`` (recognized this review), else ``escaped_on`` (an earlier recognition; NaT: none).
    ``review_date`` is one date or a column of dates aligned with the others."""
    transition_values = pd.Series(transition)
    _check_length(transition_values, length, "transition")
    if isinstance(transition_values.dtype, pd.CategoricalDtype):  # numbered: compared as integers
        escaped_here = _is(transition_values, "escaped_poverty")
    else:
        escaped_here = transition_values.astype(object).fillna("").to_numpy() == "escaped_poverty"
    if escaped_on is None:
        earlier = np.full(length, np.datetime64("NaT", "D"))
    else:
        _check_length(pd.Series(escaped_on), length, "escaped_on")
        earlier = to_day_array(escaped_on)
    review = to_day_array(review_date)
    if review.size == 1:
        review = np.full(length, review[0])
    elif review.size != length:
        raise ValueError(f"review_date has {review.size} values, expected 1 or {length}")
    return np.where(escaped_here, review, earlier), review


def served_escapes(
    status: np.ndarray, recognized: np.ndarray, *, serves: Sequence[str] | None = None, valid_to: Any = None
) -> np.ndarray:
    """Which escapes a programme's window can serve (docs/rulesets.md, ``programmes``): the household's
    status now (numbered as :func:`status_codes` numbers it) is one the programme ``serves`` (default
    near-poor, average and not poor), and its escape was recognized (``recognized``, days) on or before the
    regime's last day ``valid_to`` (default: no end known). Whether the window is still open on a day is
    the caller's to say."""
    served = (
        (status == _NEAR_POOR) | (status == _AVERAGE) | (status == _NOT_POOR)
        if serves is None
        else np.isin(status, [STATUSES.index(name) for name in serves])
    )
    if valid_to is not None:  # an escape recognized after the regime ended opens no window
        with np.errstate(invalid="ignore"):
            served = served & (recognized <= to_day_array(valid_to)[0])
    return np.asarray(served, dtype=bool)


def _is(values: pd.Series, label: str) -> np.ndarray:
    """Which rows of a categorical column hold ``label``, from its codes."""
    categories = list(values.cat.categories)
    codes = values.cat.codes.to_numpy()
    return codes == categories.index(label) if label in categories else np.zeros(len(codes), dtype=bool)


# --------------------------------------------------------------------------- classify: from the file's own columns


def programme(ruleset: Any, programme_id: str = NATIONAL_PROGRAMME) -> Programme:
    """The programme ``programme_id`` of the ruleset's ``programmes:`` section (an overlay may
    lengthen its window). Every window is in the ruleset: there is no default in the code.
    """
    programmes = getattr(ruleset, "programmes", None) or {}
    if programme_id in programmes:
        return programmes[programme_id]
    raise KeyError(f"unknown programme {programme_id!r}; known: {', '.join(sorted(programmes)) or 'none'}")


def window_months(ruleset: Any) -> int:
    """Months of the national programme's window for recently escaped households (from the ruleset)."""
    return programme(ruleset, NATIONAL_PROGRAMME).months


def national_window(
    status: pd.Series, moved: pd.Series, escaped_on: pd.Series, review_date: Any, ruleset: Any
) -> pd.Series:
    """``eligible_until`` of the national programme's window (docs/rulesets.md, ``programmes``): its months,
    the statuses it serves and the end of its regime, from the programme of the standard in force on the day each
    escape was recognized (:func:`~poverty_rules.review.window.escape_programmes`, as ``history import`` and
    ``eligible`` read it; the run's own for a local standard run alone); empty for every household under a
    local standard that drops that window (``remove: true``: it opens none)."""
    if NATIONAL_PROGRAMME not in (getattr(ruleset, "programmes", None) or {}):
        return pd.Series([""] * len(status), index=pd.Series(status).index, dtype=object, name="eligible_until")
    support = programme(ruleset, NATIONAL_PROGRAMME)
    column = eligible_until_column(
        status, moved, escaped_on, review_date, support.months, serves=support.serves, valid_to=support.valid_to
    )
    if escaped_on is None:  # every escape is this review's: the standard of the review day counts it
        return column
    recognized, review = recognition_days(moved, escaped_on, review_date, len(status))
    chosen, which = escape_programmes(recognized, NATIONAL_PROGRAMME, ruleset)
    values: np.ndarray | None = None  # the column's cells, copied once when another programme counts some
    for position, other in enumerate(chosen):
        rows = np.flatnonzero(which == position)
        if other is support or rows.size == 0:
            continue
        # an escape recognized under another standard: its window is that standard's programme's (§5)
        part = eligible_until_column(
            pd.Series(status).iloc[rows],
            pd.Series(moved).iloc[rows],
            pd.Series(escaped_on).iloc[rows],
            review[rows],
            other.months,
            serves=other.serves,
            valid_to=other.valid_to,
        )
        values = column.to_numpy(dtype=object, copy=True) if values is None else values
        values[rows] = part.to_numpy(dtype=object)
    return column if values is None else pd.Series(values, index=column.index, name=column.name)


def leaving_rows(frame: pd.DataFrame, code: np.ndarray) -> np.ndarray:
    """Where a movement (``code``, :func:`transition_codes`) is blanked because the household is marked leaving the
    commune (``change_reason`` moved out, died or merged: Quyết định 24/2021/QĐ-TTg's "giảm khác"): the commune
    recognizes nothing of it — R2/R3 count it as an "other" decrease from the list it was on (column 4,
    docs/reports.md), not as an escape (no window) or a fall. One that kept its status stays ``unchanged``, one with
    no status before a ``first_review``. Each distinct spelling of ``frame``'s ``change_reason`` is read once."""
    if "change_reason" not in frame.columns:
        return np.zeros(len(code), dtype=bool)
    marked = _marked_leaving(frame["change_reason"])
    kept = (code == TRANSITION_CODES.index("unchanged")) | (code == TRANSITION_CODES.index("first_review"))
    return marked & ~kept


def _marked_leaving(change_reason: Any) -> np.ndarray:
    """Where ``change_reason`` marks a household leaving the commune (moved out, died or merged: :data:`LEAVING`),
    each distinct spelling read once."""
    codes, uniques = pd.factorize(pd.Series(change_reason).reset_index(drop=True), use_na_sentinel=True)  # its dtype
    if not len(uniques):
        return np.zeros(len(codes), dtype=bool)
    leaving = read_change_reasons(pd.Series(uniques, dtype=object))[0].isin(LEAVING).to_numpy(dtype=bool)
    return np.r_[leaving, False][np.asarray(codes, dtype=np.int64)]


def leaving_movements(change_reason: Any, transition: Any) -> int:
    """How many recorded rows marked leaving the commune (``change_reason`` moved out, died or merged) hold a
    movement other than ``unchanged`` / ``first_review`` (``transition``: an escape, a fall): what a history
    written before session 25 recorded for them (an escape with its support window, kept for the household when
    it came back), and what :func:`leaving_rows` now blanks — such a review is recognised by them and is
    recorded again with ``review … --replace``."""
    marked = _marked_leaving(change_reason)
    if not marked.any():
        return 0
    moved = pd.Series(transition, dtype=object).reset_index(drop=True).fillna("").astype(str).str.strip()
    kept = moved.isin(("", "unchanged", "first_review")).to_numpy(dtype=bool)
    return int((marked & ~kept).sum())


def stateless_transitions(ruleset: Any, frame: pd.DataFrame, results: pd.DataFrame, review_date: Any) -> pd.DataFrame:
    """Add ``transition`` and ``eligible_until`` to ``results`` from the file's own columns (and move
    ``--explain``'s ``reason`` after them, in docs/design.md's order).

    ``frame`` is the normalized input (aligned with ``results`` by position) with
    ``previous_status`` (status at the last review, any spelling
    :func:`poverty_rules.transitions.normalize_status` reads) and/or ``escaped_on`` (the date the
    escape from poverty was recognized, Quyết định 24/2021/QĐ-TTg). A household with an
    ``escaped_on`` date escaped poverty before, so poor again is ``relapsed_poor``.
    ``eligible_until`` is the last day of the national programme's window (Quyết định
    90/QĐ-TTg 2022; months from the ruleset) when it is still open at ``review_date``.
    Unreadable values were already rejected by :func:`poverty_rules.data.normalize.normalize`.
    """
    n = len(results)
    empty = pd.Series([""] * n, dtype=object)
    previous = file_column(frame, "previous_status", empty)
    escaped_on, _ = parse_days(file_column(frame, "escaped_on", empty))
    status = results["status"].reset_index(drop=True)
    moved = transitions(previous, status, pd.Series(~np.isnat(escaped_on)))
    if "change_reason" in frame.columns:  # a household leaving the commune escapes nothing, as a review records it
        codes = np.asarray(pd.Categorical(moved, categories=TRANSITION_CODES).codes, dtype=np.int8)
        moved = moved.where(~leaving_rows(frame.reset_index(drop=True), codes), "")
    out = results.copy()
    out["transition"] = moved.to_numpy()
    out["escaped_to_near_poor"] = escaped_to_near_poor(moved, status)
    out["eligible_until"] = national_window(status, moved, pd.Series(escaped_on), review_date, ruleset).to_numpy()
    if "reason" in out.columns:  # docs/design.md "Output": the reason sentence after transition, eligible_until
        out["reason"] = out.pop("reason")
    return out


def file_column(frame: pd.DataFrame, name: str, default: pd.Series) -> pd.Series:
    """A frame column as plain values with a 0…n-1 index, or ``default``."""
    if name not in frame.columns:
        return default
    return pd.Series(frame[name].astype(object).to_numpy(), dtype=object)
