"""Year-end review runs: transitions, support windows, the history and the movements report.

The periodic review (rà soát định kỳ) runs once a year, 1 September – 14 December, and ends with
the commune chair's decision recognizing poor, near-poor, escaped-poverty and escaped-near-poverty
households (Quyết định 24/2021/QĐ-TTg; docs/standard.md §5). A household recognized as
having escaped poverty keeps the national programme's support for 36 months from that
recognition (Quyết định 90/QĐ-TTg năm 2022); the length of each programme's window is read from
the ruleset's ``programmes:`` section.

Two entry points:

- :func:`~poverty_rules.review.transitions.stateless_transitions` — what ``classify`` adds when the file
  itself carries ``previous_status`` / ``escaped_on``: the ``transition`` and ``eligible_until`` columns
  (in review/transitions.py with the window's reading, so ``classify`` loads neither this module nor the
  history's);
- :func:`run_review` — the review against the history store: classify, compare with each
  household's last recorded result, record everything in one transaction, list the households
  not reviewed and count the movements per village.

Everything is column-wise; Python loops run over distinct values (spellings, dates) or villages,
never over households.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..data.ids import PLACE_COLUMNS as UNIT_CELLS
from ..data.ids import commune_units, hash_codes
from ..data.schema import GROUP_COLUMNS
from ..engine.members import UNMATCHED_SHOWN, ZERO_CODES, unmatched_said
from ..errors import PovertyRulesError
from ..results.classification import Classification
from ..vocabulary import words as W
from ..vocabulary.changes import LEAVING, read_change_reasons
from ..vocabulary.codes import code_order
from ..vocabulary.dates import eligible_until_array, parse_days, to_day_array
from ..vocabulary.flags import read_flags
from ..vocabulary.status_ids import STATUSES
from ..vocabulary.statuses import status_codes
from ..vocabulary.text import vietnamese_key, village_key
from .history import IMPORTED_RULESET, LatestRead, PreparedReview, plain_latest, prepare_review
from .scope import commune_key, household_unit_categories, household_units, name_unit, scope_label
from .transitions import (
    TRANSITION_CODES,
    file_column,
    leaving_rows,
    national_window,
    served_escapes,
    transition_codes,
)
from .window import Programme, escape_programmes

__all__ = [
    "MOVEMENT_COLUMNS",
    "Review",
    "movement_identity",
    "movements",
    "movement_sums",
    "movement_table",
    "MovementSums",
    "left_sums",
    "with_rejected_units",
    "Prior",
    "prior_of",
    "compared_rows",
    "compare_with_history",
    "local_last",
    "TOTAL",
    "eligible",
    "prepare_record",
    "record_review",
    "rejected_here",
    "rejected_households",
    "kept_windows",
    "zero_pairs",
    "zero_pairs_note",
]

PLACE_COLUMNS: tuple[str, ...] = (
    "commune",
    "farm_household",
    "province",
    "area",
    "head_name",
    "household_size",
    "change_reason",
    *GROUP_COLUMNS,
)
"""Input columns a review carries into the history beside its results (where and who each household is,
and the groups of R8/R9)."""
TOTAL = "*"
"""``village`` of the movements row that totals every village."""


# --------------------------------------------------------------------------- the review against the history

LISTS = ("poor", "near_poor")
_ABOVE = ("average", "not_poor")

MOVEMENT_COLUMNS: tuple[str, ...] = (
    "village",
    "households",
    "not_reviewed",
    "poor_start",
    "poor_new",
    "poor_relapsed",
    "poor_escaped",
    "poor_undetermined",
    "poor_not_reviewed",
    "poor_end",
    "poor_escaped_to_near_poor",
    "near_poor_start",
    "near_poor_new",
    "near_poor_relapsed",
    "near_poor_from_poor",
    "near_poor_escaped",
    "near_poor_to_poor",
    "near_poor_undetermined",
    "near_poor_not_reviewed",
    "near_poor_end",
    "poor_rate",
    "near_poor_rate",
    "poor_and_near_poor_rate",
)
"""Columns of the movements report. For each list L (poor, near_poor) the identity
``L_start + L_new + L_relapsed (+ near_poor_from_poor) − L_escaped (− near_poor_to_poor)
− L_undetermined − L_not_reviewed = L_end`` holds exactly; ``poor_escaped_to_near_poor`` is the part
of ``poor_escaped`` that went to the near-poor list (reported apart, spec §5) and is not a term of it.
``average_farm`` (farm households in the average band) follows when the file has ``farm_household``."""


@dataclass
class Review:
    """One review's outcome (:func:`run_review`)."""

    classified: pd.DataFrame  # accepted input rows (normalized), result columns, previous_status, transition …
    movements: pd.DataFrame  # MOVEMENT_COLUMNS, one row per village then the TOTAL row
    not_reviewed: pd.DataFrame  # households in the history but not classified this time (latest_before columns)
    rejects: pd.DataFrame  # row, household_id, column, reason
    run: Classification  # the classification (normalized input, results)
    review_id: int | None  # id in the history store, None when not recorded
    units: pd.Categorical | np.ndarray | None = None  # each classified household's commune unit (review/scope.py)
    scope: pd.DataFrame | None = None  # the communes this review covers (scope.SCOPE_COLUMNS)


def compare_with_history(
    result: Classification,
    review_date: date | str,
    store: Any,
    commune: str | None = None,
    *,
    record: bool = True,
    province_code: str | None = None,
    commune_code: str | None = None,
    source: str = "<data>",
    lang: str = "en",
    rejected_places: pd.DataFrame | None = None,
    prefetched: LatestRead | None = None,
) -> Review:
    """The yearly review (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5) of a classified table against ``store``.

    1. ``result``: every household classified (:func:`poverty_rules.pipeline.run`);
    2. key each household by its commune unit and code (:func:`poverty_rules.review.scope.household_units`:
       the file's ``province_code`` / ``commune_code``, else its ``province`` / ``commune``, else
       ``commune``; ``province_code`` / ``commune_code`` speak for a file without code columns) and take
       its last determined result before ``review_date`` whatever review recorded it
       (:meth:`HistoryStore.latest_before` over the units in scope); a household the history does
       not know falls back on the file's ``previous_status`` / ``escaped_on``; ``prefetched``, when given, is
       the history of the communes the file names read beforehand (:func:`poverty_rules.review.history.read_latest`,
       in a thread while the file was classified), used when it holds every unit in scope;
    3. name the movement (``relapsed_poor`` when the history shows an earlier escape from poverty)
       and the national programme's window end (Quyết định 90/QĐ-TTg 2022, months from the
       ruleset), column-wise;
    4. record everything in ONE transaction (:meth:`HistoryStore.record_review`): what was recorded
       on the same date for a commune in scope is replaced, an error writes nothing;
    5. list the households in the history that this review did not classify, and count the
       movements per village (:data:`MOVEMENT_COLUMNS`).
    """
    ruleset = result.ruleset
    day = to_day_array(review_date)[0]
    review_day = date.fromisoformat(str(day))
    frame = result.normalized.frame
    results = result.results.drop(columns=["transition", "escaped_to_near_poor", "eligible_until"], errors="ignore")
    units, scope = household_unit_categories(
        frame, commune=commune, province_code=province_code, commune_code=commune_code, source=source, lang=lang
    )
    recorded_units = set(store.scopes()["unit"].astype(str)) if rejected_places is not None else set()
    scope = with_rejected_units(
        scope, rejected_places, recorded_units.__contains__, commune=commune, province_code=province_code,
        commune_code=commune_code, source=source, lang=lang,
    )  # fmt: skip
    latest = None if prefetched is None else prefetched.of(scope["unit"].tolist())
    if latest is None:
        latest = store.latest_before(review_day, units=scope["unit"].tolist(), details=False, coded=True)
    ids = frame["household_id"].astype(str).reset_index(drop=True)
    where, kept = _matches(units, ids, latest["unit"], latest["household_id"])
    prior = prior_of(latest, where)
    classified = compared_rows(frame, results, prior, review_day, ruleset)
    result.normalized.notes.extend(escape_days_note(escape_day_pairs(frame, prior, ids), source, lang))

    gone = ~kept
    gone &= latest["in_last_review"].to_numpy()  # left earlier: not again
    missing = store.details(plain_latest(latest[gone]))  # the describing columns, for these households only
    missing["in_file"] = rejected_here(
        missing,
        result.normalized.rejects["household_id"],
        rejected_places,
        commune=commune,
        province_code=province_code,
        commune_code=commune_code,
    )
    missing["eligible_until"] = kept_windows(missing, review_day, ruleset)

    if len(missing):  # a household new to the history: a first review, unless its code lost or gained zeros
        new = where < 0
        pairs = zero_pairs(np.asarray(units, dtype=object)[new], ids.to_numpy(dtype=object)[new], missing)
        said = zero_pairs_note(pairs, source, lang, scope)
        result.normalized.notes.extend(_members_folded(result.normalized, pairs, said, lang))
        back = prior.known & ~prior.in_last  # back after leaving: its code re-typed at the last review, maybe
        pairs = zero_pairs(np.asarray(units, dtype=object)[back], ids.to_numpy(dtype=object)[back], missing)
        result.normalized.notes.extend(zero_pairs_note(pairs, source, lang, scope, key="rv_zero_pairs_back"))
    review = Review(
        classified=classified,
        movements=_movements_with_rejected(classified.assign(unit=units), missing),  # communes by their codes
        not_reviewed=missing,
        rejects=result.rejects,
        run=result,
        review_id=None,
        units=units,
        scope=scope,
    )
    if record:  # last: a review that fails before this point records nothing
        record_review(store, review, review_day, commune)
    return review


ZERO_PAIRS_SHOWN = 5
"""How many pairs of codes differing only by their leading zeros the note names (:func:`zero_pairs_note`)."""


def _zero_key(codes: Any) -> np.ndarray:
    """Each code with its leading zeros taken off (``001`` and ``1`` give ``1``)."""
    return np.asarray([str(code).lstrip("0") for code in codes], dtype=object)


def zero_pairs(new_units: Any, new_ids: Any, not_reviewed: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The households new to the history (``new_units``: each one's commune unit, review/scope.py; ``new_ids``:
    its code) whose code, leading zeros taken off, is the code (zeros taken off too) of a household of the
    last review absent from the file (``not_reviewed`` rows with ``in_file`` false), in the same unit, where
    that pairing is one-to-one (one new household and one absent one share the code without its zeros):
    each pair as (code in this file, code in the history, unit), by unit then code. Excel may have dropped or
    kept a code's leading zeros between two reviews (a cell formatted ``000``, a code typed as a number);
    such a pair may also be two households, so nothing is merged: the review says so
    (:func:`zero_pairs_note`)."""
    if not len(not_reviewed) or not len(new_ids):
        return []
    here_in_file = not_reviewed["in_file"].to_numpy(dtype=bool) if "in_file" in not_reviewed.columns else None
    gone = not_reviewed if here_in_file is None else not_reviewed[~here_in_file]
    if not len(gone):
        return []
    before = pd.DataFrame(
        {
            "unit": gone["unit"].astype(str).to_numpy(dtype=object),
            "before": gone["household_id"].astype(str).to_numpy(dtype=object),
        }
    )
    before["key"] = _zero_key(before["before"])
    now = pd.DataFrame(
        {
            "unit": pd.Series(np.asarray(new_units, dtype=object)).astype(str).to_numpy(dtype=object),
            "here": pd.Series(np.asarray(new_ids, dtype=object)).astype(str).to_numpy(dtype=object),
        }
    )
    now = now[now["unit"].isin(set(before["unit"]))]
    now = now.assign(key=_zero_key(now["here"]))
    now = now[now["key"].isin(set(before["key"]))]
    if not len(now):
        return []
    alone = [side.drop_duplicates(["unit", "key"], keep=False) for side in (now, before)]
    pairs = alone[0].merge(alone[1], on=["unit", "key"])
    pairs = pairs[pairs["here"] != pairs["before"]].sort_values(["unit", "here"], kind="stable")
    return list(zip(pairs["here"].tolist(), pairs["before"].tolist(), pairs["unit"].tolist(), strict=True))


ESCAPE_PAIRS_SHOWN = 5
"""How many households :func:`escape_days_note` names."""


def escape_day_pairs(frame: pd.DataFrame, prior: Prior, ids: pd.Series) -> list[tuple[str, str, str]]:
    """The households of the normalized ``frame`` (codes ``ids``) whose file gives an ``escaped_on`` other than
    the recognition of the escape from poverty their history records (``prior``): (code, the file's day, the
    history's day), ISO. The history's day decides their window (:func:`compared_rows`)."""
    if "escaped_on" not in frame.columns or not len(ids):
        return []
    given = _day_column(frame, "escaped_on", len(ids))
    recorded = prior.escaped_on
    differ = prior.known & ~np.isnat(given) & ~np.isnat(recorded)
    with np.errstate(invalid="ignore"):
        differ &= given != recorded
    return [(str(ids.iat[i]), str(given[i]), str(recorded[i])) for i in np.flatnonzero(differ).tolist()]


def escape_days_note(pairs: list[tuple[str, str, str]], source: str, lang: str) -> list[str]:
    """The note on :func:`escape_day_pairs` (none when there is none), in ``lang``: how many households, the first
    few as ``0002: 30/11/2025 ≠ 10/12/2025`` (the file's day, then the history's), and that the history's decides."""
    if not pairs:
        return []
    shown = ", ".join(
        f"{hid}: {W.day(date.fromisoformat(given), lang)} ≠ {W.day(date.fromisoformat(recorded), lang)}"
        for hid, given, recorded in pairs[:ESCAPE_PAIRS_SHOWN]
    )
    more = f", … (+{len(pairs) - ESCAPE_PAIRS_SHOWN})" if len(pairs) > ESCAPE_PAIRS_SHOWN else ""
    return [W.msg("rv_escape_days_differ", lang, file=source, count=len(pairs), pairs=shown + more)]


def _members_folded(normalized: Any, pairs: list[tuple[str, str, str]], said: list[str], lang: str) -> list[str]:
    """The note on :func:`zero_pairs` (``said``) saying too what the members note said of the same codes, taken
    out of it: a household written ``007`` in the history and its members file and ``7`` in the household file
    got two notes from two layers, the members note ('member rows of no household … only by leading zeros
    ('007')') and the review's (``7 ↔ 007``), naming it three times. When every member row whose code differs
    from a household's only by its zeros (engine/members.py :func:`unmatched_said`, all of them named) is
    written as the history writes a pair's code, the members note says nothing of them, neither counts nor names
    them (it goes when they are its only rows of no household), and the review's says they were left out."""
    counts, unreadable = normalized.member_counts, normalized.member_unreadable
    codes = unreadable.get(ZERO_CODES) or []
    if not said or not codes or len(codes) > UNMATCHED_SHOWN or not set(codes) <= {p[1] for p in pairs}:
        return said
    before = unmatched_said(counts, normalized.member_unmatched, unreadable, lang)
    notes = normalized.notes
    at = next((i for i, note in enumerate(notes) if note.endswith(f": {before}")), None)
    if at is None:
        return said
    after = unmatched_said(counts, normalized.member_unmatched, unreadable, lang, without=frozenset(codes))
    if after:
        notes[at] = notes[at][: -len(before)] + after
    else:  # its only rows of no household: the note goes
        del notes[at]
    members = normalized.member_source or "<members>"
    key = "rv_zero_pair_members" if len(set(codes)) == 1 else "rv_zero_pairs_members"  # one household, or several
    folded = W.msg(key, lang, members=members, count=counts[ZERO_CODES])
    return [*said[:-1], f"{said[-1]}. {folded}"]


def zero_pairs_note(
    pairs: list[tuple[str, str, str]],
    source: str,
    lang: str,
    scope: pd.DataFrame | None = None,
    key: str = "rv_zero_pairs",
) -> list[str]:
    """The note on :func:`zero_pairs` (none when there is no pair), in ``lang``: how many, the first few as
    ``001 ↔ 1`` (this file's code, then the history's), and how to keep such a household's history. When
    the review covers several communes (``scope``, one row per unit: a district's file), each pair is
    followed by its commune, ``001 ↔ 1 (12/03001 Xã A)``: a code is a household's only within its commune. ``key``
    names the words: ``rv_zero_pairs_back`` for households back after leaving (known to the history, absent from
    the last review), paired as the new ones are."""
    if not pairs:
        return []
    names: dict[str, str] = {}
    if scope is not None and len(scope) > 1:
        names = {str(unit): scope_label(scope.iloc[[i]]) for i, unit in enumerate(scope["unit"])}
    shown = ", ".join(
        f"{here} ↔ {before}" + (f" ({names[unit]})" if unit in names else "")
        for here, before, unit in pairs[:ZERO_PAIRS_SHOWN]
    )
    more = f", … (+{len(pairs) - ZERO_PAIRS_SHOWN})" if len(pairs) > ZERO_PAIRS_SHOWN else ""
    return [W.msg(key, lang, file=source, count=len(pairs), pairs=shown + more)]


@dataclass
class Prior:
    """Each household's history as a review compares it, one entry per household of the file (aligned with
    its rows): its last determined status (``-1``: none known), the recognition of its last escape from
    poverty, whether it escaped poverty or near-poverty before, whether it was in its unit's last review,
    and the village the history records (codes into ``village_names``, -1: none). Made from the history's
    latest rows (:func:`prior_of`) or, for a streamed review, from an index of them (review/index.py)."""

    status: np.ndarray  # int8, -1: the history does not know the household
    escaped_on: np.ndarray  # datetime64[D]
    escaped_poverty: np.ndarray  # bool
    escaped_near_poverty: np.ndarray  # bool
    in_last: np.ndarray  # bool
    village_codes: np.ndarray  # int64 into village_names, -1: none
    village_names: list[Any]
    known: np.ndarray  # bool: the history knows the household


def prior_of(latest: pd.DataFrame, where: np.ndarray) -> Prior:
    """The :class:`Prior` of households matched to ``latest`` (:meth:`HistoryStore.latest_before` rows):
    ``where`` is each household's row there, -1 when the history does not know it."""
    hist_codes, hist_names = _factorized(latest["village"])
    return Prior(
        status=_take(status_codes(latest["status"])[0], where, -1).astype(np.int8),
        escaped_on=_take(to_day_array(latest["escaped_on"]), where, np.datetime64("NaT", "D")).astype("datetime64[D]"),
        escaped_poverty=_take(latest["escaped_poverty_before"].to_numpy(dtype=bool), where, False).astype(bool),
        escaped_near_poverty=_take(latest["escaped_near_poverty_before"].to_numpy(dtype=bool), where, False).astype(
            bool
        ),
        in_last=_take(latest["in_last_review"].to_numpy(dtype=bool), where, False).astype(bool),
        village_codes=_take(np.asarray(hist_codes, dtype=np.int64), where, -1).astype(np.int64),
        village_names=list(hist_names),
        known=where >= 0,
    )


def compared_rows(
    frame: pd.DataFrame, results: pd.DataFrame, prior: Prior, review_day: date, ruleset: Any
) -> pd.DataFrame:
    """The review's rows (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5): each classified household (``frame``, the
    normalized rows, and ``results``, their classification without transition columns) with its status
    before (the history's, else the file's ``previous_status`` / ``escaped_on``), its movement, the
    national programme's window end (Quyết định 90/QĐ-TTg 2022, months from the ruleset) and the
    recognition date of an escape recognized now; column-wise, statuses and movements as categories."""
    day = to_day_array(review_day)[0]
    ids = frame["household_id"].astype(str).reset_index(drop=True)
    known = prior.known
    n = len(ids)

    # statuses as their positions in STATUSES (-1: none), each column read once per distinct value
    file_previous = _status_column(frame, "previous_status", n)
    file_escaped_on = _day_column(frame, "escaped_on", n)
    hist_status = prior.status
    previous = np.where(known, hist_status, file_previous).astype(np.int8)
    hist_escaped_on = prior.escaped_on
    escaped_on = np.where(np.isnat(hist_escaped_on), file_escaped_on, hist_escaped_on)
    escaped_before = prior.escaped_poverty | ~np.isnat(escaped_on)
    escaped_near_before = prior.escaped_near_poverty

    status = results["status"].reset_index(drop=True)
    now = status_codes(status)[0]
    # a household back after leaving (the history knows it, but it was absent from its unit's last review or marked
    # leaving there) was on none of the commune's lists at the start: its movement is counted from there, as the
    # forms count it (R2/R3 column 4 when it left, an arrival now), so it escapes nothing the commune recognizes —
    # no escape, no new window; its earlier escapes (a relapse, the window they opened) are its history still
    back = known & ~prior.in_last & (previous >= 0)
    compared = np.where(back, np.int8(_NOT_POOR), previous).astype(np.int8)
    code = transition_codes(_statuses(compared), status, pd.Series(escaped_before), pd.Series(escaped_near_before))
    # a household leaving the commune (marked moved out, died or merged) is recognized nothing (leaving_rows)
    code = np.where(leaving_rows(frame if "change_reason" in frame.columns else results, code), 0, code)
    code = code.astype(np.int8)
    moved = _categorical(code, TRANSITION_CODES).rename("transition")
    # an undetermined household keeps the status it had (an undetermined year recognizes nothing): so does its window
    kept = np.where(now == _UNDETERMINED, previous, now)
    until = national_window(_status_texts(kept), moved, pd.Series(escaped_on), review_day, ruleset)
    escaped_now = (code == _ESCAPED_POVERTY) | (code == _ESCAPED_NEAR_POVERTY)

    village = _villages(
        frame["village"] if "village" in frame.columns else None, prior.village_codes, prior.village_names
    )

    # columns kept as they are (object stays object, Arrow stays Arrow), statuses and movements as
    # categories: no text re-inferred or re-read per row
    in_last = prior.in_last
    columns: dict[str, Any] = {"household_id": ids, "village": village}
    for name in PLACE_COLUMNS:
        if name in frame.columns:
            columns[name] = frame[name].reset_index(drop=True)
    local = [name for name in results.columns if str(name).startswith("local_")]  # after the national (--local)
    for name in results.columns:
        if name != "reason" and name not in local:  # written after the movement and window, as docs/design.md orders
            columns[name] = results[name].reset_index(drop=True)
    start = np.where(known, np.where(in_last, hist_status, -1), file_previous).astype(np.int8)
    columns["previous_status"] = _status_texts(previous)
    columns["start_status"] = _status_texts(start)
    columns["start_village"] = _start_villages(village, prior, known & in_last)
    columns["transition"] = moved
    escaped_to_near = np.where(code == 0, 0, 1 + ((code == _ESCAPED_POVERTY) & (now == _NEAR_POOR))).astype(np.int8)
    columns["escaped_to_near_poor"] = _categorical(escaped_to_near, ("", "0", "1"))
    columns["eligible_until"] = until.reset_index(drop=True)
    if "reason" in results.columns:  # with --explain: after transition, eligible_until (docs/design.md "Output")
        columns["reason"] = results["reason"].reset_index(drop=True)
    columns["recognized_on"] = _categorical(np.where(escaped_now, 0, -1), (str(day),))  # missing: not recognized now
    for name in local:  # the local classification after every national column, as classify --local writes it
        columns[name] = results[name].reset_index(drop=True)
    return pd.DataFrame(columns, copy=False)


def local_last(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its ``local_*`` columns moved after every other, the same columns otherwise in their
    order (no data copied): a reviewed file's columns as docs/rulesets.md orders them, the review's own
    (``transition_label``, ``review_date``, ``commune``) added after :func:`compared_rows` before them."""
    local = [name for name in frame.columns if str(name).startswith("local_")]
    if not local or list(frame.columns[-len(local) :]) == local:
        return frame
    order = [name for name in frame.columns if name not in local] + local
    return pd.DataFrame({name: frame[name] for name in order}, copy=False)


def record_review(store: Any, review: Review, review_date: date | str, commune: str | None = None) -> int:
    """Record a computed review in ``store`` (one transaction; the same date and commune replaced).

    :func:`compare_with_history` with ``record=False`` and then this, once the review's files are
    written, is how ``poverty-rules review`` makes sure a review that fails records nothing (it runs
    :func:`prepare_record` while the files are written, then :meth:`HistoryStore.record_prepared`).
    """
    review.review_id = store.record_prepared(prepare_record(review, review_date, commune))
    return review.review_id


def prepare_record(review: Review, review_date: date | str, commune: str | None = None) -> PreparedReview:
    """A computed review's rows made ready for the history (:func:`poverty_rules.review.history.prepare_review`):
    its classified households and those whose row it rejected, as ``undetermined``. Writes nothing."""
    ruleset = review.run.ruleset
    frame = review.run.normalized.frame
    rows = review.classified.assign(blank_marks=blank_marks(frame, ruleset), **file_escapes(frame))
    units = review.units
    rejected = rejected_households(review.not_reviewed, ruleset)
    if len(rejected):
        rows = pd.concat([rows, rejected.drop(columns=["unit"])], ignore_index=True)
        if units is not None:
            both = np.concatenate([np.asarray(units, dtype=object), rejected["unit"].to_numpy(dtype=object)])
            units = pd.Categorical(both)
    return prepare_review(review_date, commune, ruleset.label, _overlay(ruleset), rows, units=units, scope=review.scope)


def with_rejected_units(
    scope: pd.DataFrame, places: pd.DataFrame | None, recorded: Callable[[str], bool], **options: Any
) -> pd.DataFrame:
    """``scope`` with the communes of the rejected rows (``places``: their cells) that the history records
    (``recorded``) and no readable row names: a commune of a district's file every row of which was rejected
    stays in the review, its households recorded as undetermined on the list they were on (docs/reports.md),
    not left out of it. ``options``: those of :func:`~poverty_rules.review.scope.household_unit_categories`."""
    if places is None or not len(places):
        return scope
    try:
        _, named = household_unit_categories(places, **options)
    except (ValueError, PovertyRulesError):  # rows naming another commune than --commune: none of its households
        return scope
    extra = named[~named["unit"].isin(scope["unit"]) & named["unit"].astype(str).map(recorded).astype(bool)]
    return scope if extra.empty else pd.concat([scope, extra], ignore_index=True)[list(scope.columns)]


def rejected_here(
    missing: pd.DataFrame,
    rejected_ids: pd.Series,
    places: pd.DataFrame | None,
    *,
    commune: str | None,
    province_code: str | None,
    commune_code: str | None,
) -> np.ndarray:
    """Which households the history knows and this review did not classify had their row REJECTED
    (still in the file): matched by commune unit and code (review/scope.py) when ``places`` holds the
    rejected rows' cells, else by code alone (``rejected_ids``: the rejects' ``household_id``). A rejected row
    that leaves a place cell blank (a commune or province left blank beside rows naming one, which the review
    rejects: data/normalize.py ``NamedPlaces``) is the household of its code whose unit its written cells agree
    with (:func:`_blank_placed`): undetermined this year, not gone."""
    if places is None or "household_id" not in places.columns:
        return missing["household_id"].astype(str).isin(set(rejected_ids.astype(str))).to_numpy()
    try:
        units, _ = household_units(places, commune=commune, province_code=province_code, commune_code=commune_code)
    except ValueError:  # the rejected rows name another commune than --commune: no household of it
        return np.zeros(len(missing), dtype=bool)
    rejected = set(zip(units.tolist(), places["household_id"].astype(str).tolist(), strict=True))
    keys = list(zip(missing["unit"].astype(str).tolist(), missing["household_id"].astype(str).tolist(), strict=True))
    found = np.array([key in rejected for key in keys], dtype=bool)
    return found | _blank_placed(keys, places) if len(keys) else found


def _blank_placed(keys: list[tuple[str, str]], places: pd.DataFrame) -> np.ndarray:
    """Which of the households ``keys`` (unit, code) a rejected row (``places``: its cells) that leaves one of the
    file's place columns blank names: a row of that code whose written place cells are the unit's (a blank cell
    agrees with any), ``Xã A`` with its province blank being ``name|Tỉnh B|Xã A``'s household."""
    present = [name for name in UNIT_CELLS if name in places.columns]
    out = np.zeros(len(keys), dtype=bool)
    if not present:
        return out
    texts = {name: pa.array(places[name].astype(str).tolist(), pa.string()) for name in present}
    combo, distinct = commune_units(texts, len(places))
    cells = distinct[list(UNIT_CELLS)].to_numpy(dtype=object)[combo]
    blank = np.zeros(len(places), dtype=bool)
    for j, name in enumerate(UNIT_CELLS):
        if name in present:
            blank |= cells[:, j] == ""
    rows: dict[str, list[tuple[str, str, str, str]]] = {}
    for at in np.flatnonzero(blank).tolist():
        rows.setdefault(str(places["household_id"].iloc[at]).strip(), []).append(tuple(cells[at]))
    for i, (unit, code) in enumerate(keys):
        kind, first, second = (unit.split("|", 2) + ["", ""])[:3]
        for pcode, ccode, province, commune in rows.get(code, []):
            given = (pcode, ccode) if kind == "code" else (province, commune)
            if all(cell in ("", part) for cell, part in zip(given, (first, second), strict=True)):
                out[i] = True
                break
    return out


def file_escapes(frame: pd.DataFrame) -> dict[str, Any]:
    """The file's ``escaped_on`` (the day an earlier escape from poverty was recognized) of the normalized
    ``frame``'s rows, as a column for the history to keep beside a support window it opened (``{}`` when the file
    has none): a household new to the history keeps its window in the next reviews."""
    if "escaped_on" not in frame.columns:
        return {}
    return {"escaped_on": frame["escaped_on"].to_numpy(dtype=object)}


def blank_marks(frame: pd.DataFrame, ruleset: Any) -> np.ndarray:
    """How many of each household's indicator marks were blank (unknown) in the normalized ``frame``,
    after its members' marks were derived: the history keeps it (``blank_marks``) so that the
    Alkire–Foster measures from the history leave out, as from the reviewed file, the households whose
    deprivation score is not known (docs/reports.md: complete cases)."""
    count = np.zeros(len(frame), dtype=np.int64)
    for ind in ruleset.indicators:
        if ind.column in frame.columns:
            count += np.isnan(frame[ind.column].to_numpy(dtype="float64", na_value=np.nan))
        else:
            count += 1
    return count


REJECTED_ROW = "rejected_row"
"""``decided_by`` / ``undetermined_by`` of a household whose row this review rejected (bad input)."""


def rejected_households(not_reviewed: pd.DataFrame, ruleset: Any = None) -> pd.DataFrame:
    """The households recorded last review whose row this review rejected, as ``undetermined`` results.

    docs/reports.md: undetermined households are counted and listed, never dropped, and an "other"
    decrease is a household recorded last review and ABSENT now. A household whose row was rejected
    (an unreadable cell) is present — only its status could not be determined — so it is recorded
    as undetermined with its place from the history: it stays on the list it was on (start = end),
    and the next review starts from that status (this review's column 9 = the next one's column 1).
    With ``ruleset``, every one of its marks is recorded as blank (``blank_marks``): it has no readable
    row this year, so the Alkire–Foster measures from the history leave it out, as the reviewed file does.
    """
    if "in_file" not in not_reviewed.columns or not len(not_reviewed):
        return pd.DataFrame(columns=["household_id", "status", "unit"])
    part = not_reviewed[not_reviewed["in_file"].astype(bool)]
    rows = pd.DataFrame({"household_id": part["household_id"].astype(str).to_numpy(), "status": "undetermined"})
    rows["unit"] = part["unit"].to_numpy() if "unit" in part.columns else name_unit("", "")
    for name in ("village", "province", "area", "head_name", "household_size"):
        if name in part.columns:
            rows[name] = part[name].to_numpy()
    place = part["place_commune"] if "place_commune" in part.columns else part["commune"]
    rows["commune"] = place.where(place.notna(), part["commune"]).to_numpy()
    rows["decided_by"] = REJECTED_ROW
    if "eligible_until" in part.columns:  # the window it keeps (kept_windows), recorded with no movement
        rows["eligible_until"] = part["eligible_until"].to_numpy()
        rows["transition"] = ""
    if ruleset is not None:
        rows["blank_marks"] = len(ruleset.indicators)
    return rows


def kept_windows(not_reviewed: pd.DataFrame, review_day: date, ruleset: Any) -> pd.Series:
    """``eligible_until`` of each household whose row this review rejected (``in_file``): undetermined, it keeps
    the status it had and the national programme's window of its last escape from poverty (``escaped_on``) on
    the review's day, as ``eligible`` reads them; ``""`` for the others (absent from the file: they left)."""
    n = len(not_reviewed)
    if not n or "in_file" not in not_reviewed.columns:
        return pd.Series([""] * n, index=not_reviewed.index, dtype=object)
    here = not_reviewed["in_file"].to_numpy(dtype=bool)
    status = pd.Series(np.where(here, not_reviewed["status"].astype(object).to_numpy(), ""), dtype=object)
    none = pd.Series([""] * n, dtype=object)
    escaped_on = not_reviewed["escaped_on"] if "escaped_on" in not_reviewed.columns else none
    until = national_window(status, none, pd.Series(escaped_on.to_numpy()), review_day, ruleset)
    return pd.Series(until.to_numpy(dtype=object), index=not_reviewed.index, dtype=object)


def _movements_with_rejected(classified: pd.DataFrame, not_reviewed: pd.DataFrame) -> pd.DataFrame:
    """:func:`movements` of a review whose file had rejected rows of known households: those are
    present and undetermined (as :func:`rejected_households` records them), counted among the
    households and under ``L_undetermined`` of the list they were on, not "not reviewed"."""
    farm = "farm_household" in classified.columns
    return movement_table(movement_sums(classified, farm=farm).add(left_sums(not_reviewed, farm=farm)))


def left_sums(not_reviewed: pd.DataFrame, *, farm: bool) -> MovementSums:
    """The movement terms of the households on record this review did not classify: those whose row it
    rejected (``in_file``) as present and undetermined on the list they were on, the others as not
    reviewed (left)."""
    here = (
        not_reviewed["in_file"].astype(bool).to_numpy()
        if "in_file" in not_reviewed.columns
        else np.zeros(len(not_reviewed), dtype=bool)
    )
    part = not_reviewed[here]
    status = part["status"].astype(str).to_numpy(dtype=object)
    rows = pd.DataFrame(
        {
            "village": part["village"].to_numpy(dtype=object),
            "commune": _own_commune(part),
            "status": "undetermined",
            "start_status": status,
            "previous_status": status,
            "transition": "",
        }
    )
    if "unit" in part.columns:  # its commune's code: two communes of one name counted apart
        rows["unit"] = part["unit"].to_numpy(dtype=object)
    return movement_sums(rows, not_reviewed[~here], farm=farm)


def movements(classified: pd.DataFrame, not_reviewed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Movements per village and in total (:data:`MOVEMENT_COLUMNS`), from the review's columns.

    ``classified`` needs ``village``, ``status`` and ``previous_status`` (canonical ids, ``""``
    when none); ``not_reviewed`` the ``village`` and ``status`` (at the last review) of the
    households on record that this review did not classify. Every term is defined from the pair
    (status before, status now), so each household counts in exactly one term of each list and
    the identity holds by construction. Rates are shares of the households reviewed (classified)
    in the unit, in percent to two decimals (spec §5: ``tỷ lệ nghèo đa chiều`` = poor + near-poor).
    """
    return movement_table(movement_sums(classified, not_reviewed))


@dataclass
class MovementSums:
    """The movement terms (:data:`MOVEMENT_COLUMNS`' counts, and ``average_farm`` with ``farm``) summed per
    village (``names``: the village names some row names, ``""`` for none, each after its commune and
    :data:`_PLACE_SEPARATOR` where the rows name one: :func:`_place_names`): additive, so a streamed review
    adds each batch's (:meth:`add`) and makes the table once (:func:`movement_table`)."""

    names: list[str]
    counts: dict[str, np.ndarray]  # per term, one count per name
    farm: bool

    def add(self, other: MovementSums) -> MovementSums:
        """The sums of both, per village name (a new object)."""
        names = sorted(set(self.names) | set(other.names), key=vietnamese_key)
        position = {name: i for i, name in enumerate(names)}
        counts = {}
        for term in set(self.counts) | set(other.counts):
            total = np.zeros(len(names), dtype=np.int64)
            for part in (self, other):
                if term in part.counts:
                    np.add.at(total, [position[name] for name in part.names], part.counts[term])
            counts[term] = total
        return MovementSums(names, counts, self.farm or other.farm)


_TOTAL_FIX = "total_fix:"
"""Prefix of the terms :func:`movement_table` adds to its total row only (households that moved village)."""


def movement_sums(
    classified: pd.DataFrame, not_reviewed: pd.DataFrame | None = None, *, farm: bool | None = None
) -> MovementSums:
    """The terms of :func:`movements` counted per village (``farm``: count ``average_farm``; by default
    when ``classified`` has ``farm_household``). A household that moved village within its commune
    (``start_village``) starts in its old village and leaves it (an other exit), and arrives in its new
    village (new on its list), so that each village's start is its end of the last review; the total
    row counts it as staying."""
    farm = "farm_household" in classified.columns if farm is None else farm
    sums = _movement_sums(classified, not_reviewed, farm=farm)
    was = classified["start_village"] if "start_village" in classified.columns else None
    moved = np.zeros(len(classified), bool) if was is None else _written(was)
    if not moved.any():
        return sums
    part = classified[moved].reset_index(drop=True)
    start = "start_status" if "start_status" in part.columns else "previous_status"
    status = part[start].astype(object).fillna("").astype(str).to_numpy()
    left = pd.DataFrame({"village": _place_names(part, part["start_village"]), "status": status})
    plain = _movement_sums(part, farm=farm)
    apart = _movement_sums(part.assign(**{start: ""}), farm=farm).add(_left_village_sums(left, farm))
    fix = plain.add(_negated(apart))
    fix = MovementSums(fix.names, {_TOTAL_FIX + term: counts for term, counts in fix.counts.items()}, farm)
    return sums.add(_negated(plain)).add(apart).add(fix)


def _written(values: pd.Series) -> np.ndarray:
    """Which cells hold a text (not missing, not ``""``): each distinct value looked at once."""
    codes, texts = _distinct_texts(values)
    return (texts != "")[codes]


def _negated(sums: MovementSums) -> MovementSums:
    """``sums`` with every count negated (to take it away with :meth:`MovementSums.add`)."""
    return MovementSums(sums.names, {term: -counts for term, counts in sums.counts.items()}, sums.farm)


def _left_village_sums(left: pd.DataFrame, farm: bool) -> MovementSums:
    """The start and other exit, in the village it left, of each household that moved village
    (``village``: the old village, ``status``: its status at the start)."""
    codes, names = _village_codes([left["village"]])
    status = left["status"].to_numpy()
    counts = {}
    for lst in LISTS:
        on = status == lst
        counts[f"{lst}_start"] = np.bincount(codes[on], minlength=len(names)).astype(np.int64)
        counts[f"{lst}_not_reviewed"] = counts[f"{lst}_start"].copy()
    return MovementSums(names, counts, farm)


def _movement_sums(
    classified: pd.DataFrame, not_reviewed: pd.DataFrame | None = None, *, farm: bool | None = None
) -> MovementSums:
    """:func:`movement_sums` of households counted in their village of now."""
    start = "start_status" if "start_status" in classified.columns else "previous_status"
    before = _Labels(classified[start])
    now = _Labels(classified["status"])
    n = len(now.codes)
    rows: dict[str, np.ndarray] = {"households": np.ones(n, bool), "not_reviewed": np.zeros(n, bool)}
    for lst in LISTS:
        was, is_ = before.of(lst), now.of(lst)
        rows[f"{lst}_start"] = was
        rows[f"{lst}_end"] = is_
        rows[f"{lst}_undetermined"] = was & now.of("undetermined")
    rows["poor_escaped"] = before.of("poor") & now.of("near_poor", *_ABOVE)
    rows["poor_escaped_to_near_poor"] = before.of("poor") & now.of("near_poor")
    rows["near_poor_escaped"] = before.of("near_poor") & now.of(*_ABOVE)
    rows["near_poor_to_poor"] = before.of("near_poor") & now.of("poor")
    rows["near_poor_from_poor"] = before.of("poor") & now.of("near_poor")
    relapsed = _Labels(classified["transition"]) if "transition" in classified else None
    for lst in LISTS:
        joined = now.of(lst) & ~before.of(lst) & ~rows.get(f"{lst}_from_poor", np.zeros(n, bool))
        again = joined & relapsed.of(f"relapsed_{lst}") if relapsed is not None else np.zeros(n, bool)
        rows[f"{lst}_relapsed"] = again
        rows[f"{lst}_new"] = joined & ~again
    farm = "farm_household" in classified.columns if farm is None else farm
    if farm and "farm_household" in classified.columns:
        rows["average_farm"] = now.of("average") & _truthy(classified["farm_household"])
    if "change_reason" in classified.columns:  # marked moved out, died or merged: it left, as R1–R3 count it
        leaving = read_change_reasons(classified["change_reason"])[0].isin(LEAVING).to_numpy(dtype=bool)
        for name in list(rows):
            if not name.endswith("_start"):
                rows[name] = rows[name] & ~leaving
        for lst in LISTS:
            rows[f"{lst}_not_reviewed"] = rows[f"{lst}_start"] & leaving
    parts, villages = [rows], [_place_codes(classified, classified["village"])]
    if not_reviewed is not None and len(not_reviewed):
        m = len(not_reviewed)
        gone: dict[str, np.ndarray] = {"households": np.zeros(m, bool), "not_reviewed": np.ones(m, bool)}
        status = not_reviewed["status"].astype(str).to_numpy()
        for lst in LISTS:
            gone[f"{lst}_start"] = status == lst
            gone[f"{lst}_not_reviewed"] = status == lst
        parts.append(gone)
        own = not_reviewed.assign(commune=_own_commune(not_reviewed))
        villages.append(_place_codes(own, not_reviewed["village"]))
    counts = [c for c in MOVEMENT_COLUMNS if c != "village" and not c.endswith("_rate")] + (
        ["average_farm"] if farm else []
    )
    codes, names = _village_codes(villages)
    sizes = [len(codes) for codes, _ in villages]
    sums: dict[str, np.ndarray] = {}
    for name in counts:  # per village: how many rows count (every term is 0 or 1 per row)
        values = np.concatenate([p.get(name, np.zeros(k, bool)) for p, k in zip(parts, sizes, strict=True)])
        sums[name] = np.bincount(codes[values.astype(bool)], minlength=len(names)).astype(np.int64)  # 0/1 per row
    return MovementSums(names, sums, farm)


_PLACE_SEPARATOR = "\x1f"
"""Between a commune and a village in the names :class:`MovementSums` counts by (:func:`_place_names`)."""


def _own_commune(frame: pd.DataFrame) -> np.ndarray:
    """Each household's commune as the history recorded it from its file (``place_commune``), else the
    review's ``commune``; blank when neither is known."""
    out = np.full(len(frame), "", dtype=object)
    for name in ("commune", "place_commune"):  # the household's own commune, where recorded, wins
        if name in frame.columns:
            values = _village_key(frame[name])
            out = np.where(values != "", values, out)
    return out


def _place_names(frame: pd.DataFrame, villages: Any) -> np.ndarray:
    """Each row's name of :func:`_place_codes`."""
    codes, names = _place_codes(frame, villages)
    return names[codes]


def _place_codes(frame: pd.DataFrame, villages: Any) -> tuple[np.ndarray, np.ndarray]:
    """Each row's name the movements are counted by, as a position in the names given (one per distinct
    commune and village; two of them may read alike), and those names: each row's commune
    (``frame["commune"]``, ``""`` without; with its code where the row has one, :func:`_commune_codes`, and
    by that code alone, ``03001``, where the file names its communes by their codes only) and village,
    apart, so that "Thôn 1" of two communes of one review are two villages (:func:`_village_labels` names
    them). Each distinct commune, village and pair of them is read once."""
    v_codes, v_names = _distinct_texts(villages)
    k_codes, k_names = _commune_codes(frame)
    if "commune" not in frame.columns and not any(k_names):
        return np.asarray(v_codes, dtype=np.int64), v_names
    if "commune" in frame.columns:
        c_codes, c_names = _distinct_texts(frame["commune"])
    else:  # communes the file names by their codes alone (Mã xã, no Xã)
        c_codes, c_names = np.zeros(len(frame), dtype=np.int64), np.array([""], dtype=object)
    c_names = np.array([" ".join(str(c).split()) for c in c_names], dtype=object)
    if len(k_names) > 1:  # each commune name with its code, where the row has one: two communes of a name apart
        c_codes, pairs = pd.factorize(c_codes * len(k_names) + k_codes)
        c_names = np.array(
            [
                (f"{name}{_CODE_SEPARATOR}{code}" if name else code.rpartition("/")[2]) if code else name
                for name, code in zip(c_names[pairs // len(k_names)], k_names[pairs % len(k_names)], strict=True)
            ],
            dtype=object,
        )
    inverse, pairs = pd.factorize(c_codes * len(v_names) + v_codes)
    communes, places = c_names[pairs // len(v_names)], v_names[pairs % len(v_names)]
    named = [f"{c}{_PLACE_SEPARATOR}{v}" if c else v for c, v in zip(communes, places, strict=True)]
    return np.asarray(inverse, dtype=np.int64), np.array(named, dtype=object)


_CODE_SEPARATOR = "\x1e"
"""Between a commune's name and its code in the names :class:`MovementSums` counts by (:func:`_place_names`)."""


def _commune_codes(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each row's commune code (``12/03001``; ``/03001`` without a province code) as positions (``int64``) in
    the distinct codes (``""`` for a row without one): from the ``province_code`` / ``commune_code`` columns,
    else from its ``unit`` (``code|12|03001``: the review's units, the not-reviewed households' history).
    Each distinct code read once."""
    if "commune_code" in frame.columns:
        province = frame["province_code"] if "province_code" in frame.columns else pd.Series("", index=frame.index)
        p_codes, p_names = _distinct_texts(province)
        k_codes, k_names = _distinct_texts(frame["commune_code"])
        inverse, pairs = pd.factorize(p_codes * len(k_names) + k_codes)
        texts = [
            f"{str(p).strip()}/{str(k).strip()}" if str(k).strip() else ""
            for p, k in zip(p_names[pairs // len(k_names)], k_names[pairs % len(k_names)], strict=True)
        ]
    elif "unit" in frame.columns:  # the review's units (a categorical), or the history's unit column
        unit = frame["unit"]
        units: list[Any]
        if isinstance(unit.dtype, pd.CategoricalDtype):
            inverse, units = unit.cat.codes.to_numpy(), list(unit.cat.categories)
        else:
            inverse, distinct = pd.factorize(_village_key(unit))
            units = list(distinct)
        texts = []
        for name in units:
            kind, _, rest = str(name).partition("|")
            province_code, _, commune_code = rest.partition("|")
            texts.append(f"{province_code}/{commune_code}" if kind == "code" and commune_code else "")
        texts.append("")  # a row of no unit
        inverse = np.where(np.asarray(inverse) < 0, len(texts) - 1, inverse)
    else:
        return np.zeros(len(frame), dtype=np.int64), np.array([""], dtype=object)
    return np.asarray(inverse, dtype=np.int64), np.array(texts, dtype=object)


def _distinct_texts(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """A column's rows as positions (``int64``) in its distinct values read as text (:func:`_village_key`:
    ``""`` for a missing one, the last)."""
    codes, uniques = pd.factorize(pd.Series(values).reset_index(drop=True), use_na_sentinel=True)
    texts = np.append(_village_key(pd.Series(np.asarray(uniques, dtype=object), dtype=object)), "").astype(object)
    return np.where(codes < 0, len(texts) - 1, codes).astype(np.int64), texts


def _village_labels(sums: MovementSums) -> MovementSums:
    """The sums per village as the table names them: by the village alone when the review names at most one
    commune (the communes' names dropped, their villages of one name added up), else as the report page
    names a village of a commune, "Thôn 1 — Xã A", and a commune's households of no village "Xã A"; two
    communes of one name, each with its own code, with their codes, "Thôn 1 — Xã A (03001)" and
    "Thôn 1 — Xã A (05007)" (communes named by their codes alone "Thôn 1 — 03001")."""
    split = [name.split(_PLACE_SEPARATOR, 1) if _PLACE_SEPARATOR in name else ["", name] for name in sums.names]
    coded = [(*commune.partition(_CODE_SEPARATOR)[::2], village) for commune, village in split]
    shown: dict[str, str] = {}  # one commune however written: "Xã Hưng Chính", "xã Hưng Chính", "Phường Hưng Chính"
    codes: dict[str, set[str]] = {}  # the commune codes written for each such name
    for commune, code, _ in coded:
        if commune:
            shown.setdefault(commune_key(commune), commune)
            codes.setdefault(commune_key(commune), set()).update({code} - {""})
    apart = {key: _codes_shown(found) for key, found in codes.items() if len(found) > 1}  # Xã Tân Lập 03001, 05007
    many = len(shown) > 1 or bool(apart)
    named = [
        (f"{shown[key]} ({apart[key][code]})" if code in apart.get(key, {}) else shown[key]) if commune else ""
        for commune, code, key in ((commune, code, commune_key(commune)) for commune, code, _ in coded)
    ]
    split = [[commune, village] for commune, (_, _, village) in zip(named, coded, strict=True)]
    labels = [  # households of no village of several communes' review: under their commune's name alone
        (f"{village} — {commune}" if village else commune) if many and commune else village
        for commune, (_, village) in zip(named, split, strict=True)
    ]
    if labels == sums.names:
        return sums
    place = {
        label: (vietnamese_key(commune) if many else (), vietnamese_key(village))
        for label, commune, (_, village) in zip(labels, named, split, strict=True)
    }
    order = sorted(place, key=place.__getitem__)  # communes in Vietnamese order, their villages in it
    position = {label: i for i, label in enumerate(order)}
    counts = {}
    for term, values in sums.counts.items():
        total = np.zeros(len(order), dtype=np.int64)
        np.add.at(total, [position[label] for label in labels], values)
        counts[term] = total
    return MovementSums(order, counts, sums.farm)


def _codes_shown(codes: set[str]) -> dict[str, str]:
    """Each of one commune name's codes (``12/03001``) as its label names it: the commune code alone
    (``03001``) where that tells them apart, else with the province code (``12/03001``)."""
    short = {code: code.rpartition("/")[2] for code in codes}
    alone = len(set(short.values())) == len(codes)
    return {code: short[code] if alone else code.lstrip("/") for code in codes}


def movement_table(sums: MovementSums) -> pd.DataFrame:
    """The movements table from its sums: one row per village (in Vietnamese order), then the :data:`TOTAL` row, with
    the rates (percent of the households reviewed, two decimals)."""
    sums = _village_labels(sums)
    farm = sums.farm
    names = sums.names
    counts = [c for c in MOVEMENT_COLUMNS if c != "village" and not c.endswith("_rate")] + (
        ["average_farm"] if farm else []
    )
    columns: dict[str, Any] = {"village": np.array([*names, TOTAL], dtype=object)}
    for name in counts:
        per = sums.counts.get(name, np.zeros(len(names), dtype=np.int64))
        fix = sums.counts.get(_TOTAL_FIX + name, np.zeros(len(names), dtype=np.int64))
        columns[name] = np.append(per, per.sum() + fix.sum())  # the total counts a move between villages as none
    table = pd.DataFrame(columns)
    if not names:  # the total row alone: its village stays an object column, as pandas' groupby left it
        table["village"] = table["village"].astype(object)
    reviewed = table["households"].to_numpy(dtype=np.int64)
    some = np.maximum(reviewed, 1)
    for name, count in (
        ("poor_rate", table["poor_end"]),
        ("near_poor_rate", table["near_poor_end"]),
        ("poor_and_near_poor_rate", table["poor_end"] + table["near_poor_end"]),
    ):
        # half-up in integers, as the reports round (docs/reports.md: 301 of 800 is 37.63, np.round gives 37.62)
        cents = (2 * count.to_numpy(dtype=np.int64) * 10_000 + some) // (2 * some)
        table[name] = np.where(reviewed > 0, cents / 100, np.nan)
    order = [*MOVEMENT_COLUMNS] + (["average_farm"] if farm else [])
    return table[order]


def movement_identity(table: pd.DataFrame) -> pd.DataFrame:
    """``start + inflows − outflows − end`` for each list and row: all zeros when the report adds up."""
    poor = (
        table["poor_start"]
        + table["poor_new"]
        + table["poor_relapsed"]
        - table["poor_escaped"]
        - table["poor_undetermined"]
        - table["poor_not_reviewed"]
        - table["poor_end"]
    )
    near = (
        table["near_poor_start"]
        + table["near_poor_new"]
        + table["near_poor_relapsed"]
        + table["near_poor_from_poor"]
        - table["near_poor_escaped"]
        - table["near_poor_to_poor"]
        - table["near_poor_undetermined"]
        - table["near_poor_not_reviewed"]
        - table["near_poor_end"]
    )
    return pd.DataFrame({"village": table["village"], "poor": poor, "near_poor": near})


_ESCAPED_POVERTY = TRANSITION_CODES.index("escaped_poverty")
_ESCAPED_NEAR_POVERTY = TRANSITION_CODES.index("escaped_near_poverty")
_NEAR_POOR = STATUSES.index("near_poor")
_NOT_POOR = STATUSES.index("not_poor")
_UNDETERMINED = STATUSES.index("undetermined")
_STATUS_TEXTS = (*STATUSES, "")
"""The status texts by code, ``""`` (no status) last: code -1."""


def _status_column(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    """A status column of the file as codes (:func:`~poverty_rules.vocabulary.statuses.status_codes`;
    -1 where blank or unreadable, as :func:`normalize_status` reads it), all -1 without the column."""
    if name not in frame.columns:
        return np.full(n, -1, dtype=np.int8)
    return status_codes(frame[name].reset_index(drop=True))[0]


def _day_column(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    """A date column of the file as ``datetime64[D]`` (:func:`parse_days`), NaT without the column."""
    if name not in frame.columns:
        return np.full(n, np.datetime64("NaT", "D"))
    return parse_days(file_column(frame, name, pd.Series(dtype=object)))[0]


def _statuses(codes: np.ndarray) -> pd.Series:
    """Status codes (-1: none) as a categorical column of :data:`STATUSES` (missing where none)."""
    return _categorical(codes, STATUSES)


def _status_texts(codes: np.ndarray) -> pd.Series:
    """Status codes as the review's status text column: the canonical id, ``""`` where none."""
    return _categorical(np.where(codes < 0, len(STATUSES), codes), _STATUS_TEXTS)


def _villages(file_village: pd.Series | None, picked: np.ndarray, hist_names: list[Any]) -> pd.Series:
    """Each household's village: the file's, else (missing or ``""``) the one its history records
    (``picked``: codes into ``hist_names``, -1 when it names none; missing when neither names one), as a
    categorical column; each distinct name converted once."""
    names: list[Any] = list(hist_names)
    if file_village is None:
        codes = picked
    else:
        file_codes, file_uniques = pd.factorize(file_village.reset_index(drop=True), use_na_sentinel=True)
        file_names = list(file_uniques)
        file_codes = np.asarray(file_codes, dtype=np.int64)
        blank = np.array([name == "" for name in file_names] + [True], dtype=bool)[file_codes]
        names = list(dict.fromkeys([*file_names, *hist_names]))
        position = {name: i for i, name in enumerate(names)}
        from_history = np.array([position[name] for name in hist_names] + [-1], dtype=np.int64)[picked]
        codes = np.where(blank, from_history, file_codes)
    return _categorical(codes, names, dtype=object)


def _start_villages(village: pd.Series, prior: Prior, counted: np.ndarray) -> pd.Series:
    """Each household's village at the start (``start_village``): the village its history records where it
    was in its unit's last review (``counted``) in another village than now (it moved village within its
    commune), ``""`` otherwise; the reports count it in its old village's start (docs/review.md). A village
    written otherwise only in letter case or spaces (``Thôn 1``, ``thôn  1``) is the same village
    (:func:`~poverty_rules.vocabulary.text.village_key`), named as this file writes it when it does."""
    codes, categories = _factorized(village)
    written = {village_key(name): str(name) for name in reversed(list(categories))}  # its first spelling
    names = np.array(
        [*(written.get(village_key(name), str(name).strip()) for name in prior.village_names), ""], dtype=object
    )
    keys = np.array([*(village_key(name) for name in prior.village_names), ""], dtype=object)
    before = names[prior.village_codes] if len(prior.village_codes) else np.array([], dtype=object)
    before_key = keys[prior.village_codes] if len(prior.village_codes) else np.array([], dtype=object)
    now_key = np.array([*(village_key(name) for name in categories), ""], dtype=object)[codes]
    moved = counted & (before_key != "") & (before_key != now_key)
    return _objects(np.where(moved, before, ""))


def _categorical(codes: np.ndarray, categories: Sequence[Any], dtype: Any = None) -> pd.Series:
    """A categorical column from codes (-1: missing) into ``categories``."""
    return pd.Series(pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(categories, dtype=dtype))))


def _objects(values: Any) -> pd.Series:
    """An object column as it is (pandas would otherwise re-read every text as an Arrow string)."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object)


def _matches(units: Any, ids: Any, recorded_units: Any, recorded_ids: Any) -> tuple[np.ndarray, np.ndarray]:
    """A household is its commune unit and its code. For each household here, its row in the history's
    (-1 when the history does not know it), and for each household in the history whether it is here;
    each side names a household once. Matched by a 64-bit hash of the code (data/ids.py) mixed with the
    unit's number, then every match checked on the unit and the code themselves; should two households
    of the history share a hash, or a match not hold, :func:`_exact_matches` decides. The units are
    numbered from their categories (each distinct unit once) when they come as categories."""
    n = len(recorded_ids)
    unit_codes = _unit_numbers(recorded_units, units).astype(np.uint64)
    recorded_text, here_text = _text_array(recorded_ids), _text_array(ids)
    key = np.concatenate([hash_codes(recorded_text), hash_codes(here_text)]) ^ (unit_codes * _GOLDEN)
    index = pd.Index(key[:n])
    if index.is_unique:
        where = np.asarray(index.get_indexer(key[n:]), dtype=np.int64)
        found = np.flatnonzero(where >= 0)
        at = where[found]
        same_code = pc.equal(here_text.take(pa.array(found)), recorded_text.take(pa.array(at)))
        same = (unit_codes[n:][found] == unit_codes[:n][at]) & np.asarray(same_code.to_numpy(zero_copy_only=False))
        if same.all():
            kept = np.zeros(n, dtype=bool)
            kept[at] = True
            return where, kept
    return _exact_matches(unit_codes, recorded_text, here_text)


def _unit_numbers(*columns: Any) -> np.ndarray:
    """The units of ``columns``, one after the other, numbered alike (one number per distinct unit)."""
    coded = [_factorized(pd.Series(column, dtype=None if _categorical_dtype(column) else object)) for column in columns]
    names = list(dict.fromkeys(name for _, uniques in coded for name in uniques))
    position = {name: i for i, name in enumerate(names)}
    numbers = [np.array([position[name] for name in uniques] + [-1], dtype=np.int64)[codes] for codes, uniques in coded]
    return np.concatenate(numbers) if numbers else np.zeros(0, dtype=np.int64)


def _categorical_dtype(column: Any) -> bool:
    """Whether a column (Series or array) is categorical."""
    return isinstance(getattr(column, "dtype", None), pd.CategoricalDtype)


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
"""An odd 64-bit constant that spreads a unit's number over the hash's bits."""


def _exact_matches(
    unit_codes: np.ndarray, recorded_text: pa.Array, here_text: pa.Array
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_matches` without hashes: the codes of both sides numbered by one Arrow dictionary encoding,
    then matched as integers with their units' numbers."""
    n = len(recorded_text)
    codes = pc.dictionary_encode(pa.concat_arrays([recorded_text, here_text]))
    width = max(len(codes.dictionary), 1)
    key = unit_codes.astype(np.int64) * width + np.asarray(codes.indices.to_numpy(), dtype=np.int64)
    households = pd.factorize(key)[0]
    count = int(households.max()) + 1 if len(households) else 0
    row = np.full(count, -1, dtype=np.int64)
    row[households[:n]] = np.arange(n)
    present = np.zeros(count, dtype=bool)
    present[households[n:]] = True
    return row[households[n:]], present[households[:n]]


def _text_array(values: Any) -> pa.Array:
    """A column of codes as one Arrow string array."""
    if isinstance(values, pd.Series) and values.dtype != object:
        return pc.cast(pa.array(values), pa.string())
    return pa.array(np.asarray(values, dtype=object), pa.string())


def _take(values: np.ndarray, where: np.ndarray, fill: Any) -> np.ndarray:
    """``values[where]`` with ``fill`` where ``where`` is -1 (household unknown to the history)."""
    kind = object if values.dtype.kind in "OUS" else values.dtype
    if len(values) == 0:
        out = np.empty(len(where), dtype=kind)
        out[:] = fill
        return out
    picked = values.astype(kind)[np.where(where >= 0, where, 0)]
    return np.where(where >= 0, picked, np.array(fill, dtype=kind))


def _factorized(values: pd.Series) -> tuple[np.ndarray, Any]:
    """A column's codes (-1: missing) and the values they number: a categorical column's own codes and
    categories (a category no row holds is harmless to the callers), else ``pd.factorize`` of its objects."""
    series = pd.Series(values).reset_index(drop=True)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), series.cat.categories
    return pd.factorize(pd.Series(series, dtype=object))


class _Labels:
    """A column of labels (statuses, transitions) as codes of its distinct texts (missing: ``""``), so
    that asking which rows hold a label compares small integers, not a million texts."""

    def __init__(self, values: pd.Series) -> None:
        codes, uniques = _factorized(values)
        self._texts = [str(u) for u in uniques] + [""]  # code -1: missing, read as ""
        self.codes = np.where(codes < 0, len(self._texts) - 1, np.asarray(codes, dtype=np.int64))

    def of(self, *labels: str) -> np.ndarray:
        """Which rows hold one of ``labels``: each distinct text's answer, gathered for the rows (a batch's
        twenty questions took 16 ms of its movements with ``np.isin`` of the rows)."""
        return np.array([text in labels for text in self._texts], dtype=bool)[self.codes]


def _village_codes(columns: Sequence[pd.Series | tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, list[str]]:
    """Every row's village (its text, ``""`` when missing) as a position in the sorted village names;
    each column's distinct values converted once (a column given as :func:`_place_codes` gives it, its codes
    and their names, is not read again; a code -1 would be a missing village)."""
    keyed = []
    for values in columns:
        codes, uniques = values if isinstance(values, tuple) else _factorized(values)
        keyed.append((np.asarray(codes), [str(u) for u in uniques] + [""]))  # code -1 (missing): ""
    names = sorted({name for _, keys in keyed for name in keys if name} | {""}, key=vietnamese_key)
    position = {name: i for i, name in enumerate(names)}
    codes_all = [np.array([position[k] for k in keys], dtype=np.int64)[codes] for codes, keys in keyed]
    coded = np.concatenate(codes_all) if codes_all else np.zeros(0, np.int64)
    used = np.unique(coded)  # only the villages some row names
    renumber = np.full(len(names), -1, dtype=np.int64)
    renumber[used] = np.arange(len(used))
    return renumber[coded], [names[i] for i in used]


def _village_key(values: pd.Series) -> np.ndarray:
    """Village names as text, ``""`` when missing."""
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).to_numpy()


def _truthy(values: pd.Series) -> np.ndarray:
    """A yes/no column (1/0, có/không, true/false, x) as booleans; anything else is False."""
    codes, uniques = pd.factorize(pd.Series(values).reset_index(drop=True), use_na_sentinel=True)
    flags, _ = read_flags(pd.Series(np.asarray(uniques, dtype=object), dtype=object))  # each distinct value once
    return np.append(flags == 1.0, False)[np.asarray(codes, dtype=np.int64)]


def _overlay(ruleset: Any) -> str | None:
    """The overlay part of a ruleset's label, if any (``base+overlay``)."""
    return ruleset.label.split("+", 1)[1] if ruleset.extends else None


def _still_here(store: Any, latest: pd.DataFrame, day: np.datetime64) -> np.ndarray:
    """Per household of ``latest``: in the latest review of its unit on or before ``day`` and not marked
    leaving there (``in_last_review``), as the reports count residents — unless that review is an imported
    list, which holds only that year's poor, near-poor and escaped households (an earlier escape still in
    its window is not on it)."""
    here = latest["in_last_review"].to_numpy(dtype=bool)
    scopes = store.scopes()
    if here.all() or not len(scopes):
        return here
    rulesets = store.reviews().set_index("id")["ruleset"]
    scopes = scopes[pd.to_datetime(scopes["review_date"]).to_numpy(dtype="datetime64[D]") <= day]
    last = scopes.sort_values(["review_date", "review_id"], kind="stable").groupby("unit").tail(1)
    imported = {str(u) for u, r in zip(last["unit"], last["review_id"], strict=True) if rulesets[r] == IMPORTED_RULESET}
    return here | latest["unit"].astype(str).isin(imported).to_numpy(dtype=bool)


def eligible(
    store: Any,
    as_of: date | str,
    programme_id: str,
    support: Programme,
    commune: str | None = None,
    ruleset: Any = None,
) -> pd.DataFrame:
    """Recently escaped households in the window of programme ``support`` on ``as_of``, by village.

    From each household's last determined result on or before ``as_of`` and the recognition date
    of its last escape from poverty (``escaped_on``, Quyết định 24/2021/QĐ-TTg): eligible when
    ``escaped_on ≤ as_of ≤ eligible_until`` (:func:`poverty_rules.vocabulary.day.eligible_until`
    with the programme's ``months``), the escape was recognized before the programme's regime
    ended (``valid_to``; none: no end known) and the household's status now is one the programme
    ``serves`` (e.g. only ``near_poor`` for health-insurance support). All three come from the
    ruleset (:func:`programme`). A household that left (absent from its commune's latest review, or
    marked leaving there: :func:`_still_here`) is not listed, as the reports do not count it.
    ``days_left`` counts the eligible days from ``as_of`` through ``eligible_until`` (1 on the last day);
    ``commune`` (first column) is the household's commune as the history names it. The argument
    ``commune`` is compared as ``review`` compares communes
    (:meth:`~poverty_rules.review.history.HistoryStore.units_named`: ``Hưng Chính`` is ``Xã Hưng Chính``).
    With ``ruleset`` (the standard ``eligible`` reads: ``--ruleset``'s or the one in force on ``as_of``), each
    escape's window is that of the programme chosen by its recognition day
    (:func:`~poverty_rules.review.window.escape_programmes`, as ``classify``, ``review`` and ``history import``
    count it), ``support`` where it gives none.
    """
    day = to_day_array(as_of)[0]
    after = day + np.timedelta64(1, "D")
    units = None if commune is None else store.units_named(commune)
    latest = store.latest_before(after) if units is None else store.latest_before(after, units=units)
    recognized = to_day_array(latest["escaped_on"])
    codes = status_codes(latest["status"])[0]
    status = latest["status"].astype(str).to_numpy()
    chosen: list[Programme] = []  # without ``ruleset``: ``support`` alone counts every escape
    which = np.full(len(recognized), -1, dtype=np.int64)
    if ruleset is not None:
        chosen, which = escape_programmes(recognized, programme_id, ruleset)
    chosen = [*chosen, support]  # last: ``support`` counts the escapes given none (-1)
    which = np.where(which < 0, len(chosen) - 1, which)
    months = np.array([p.months for p in chosen], dtype=np.int64)[which]
    until = eligible_until_array(recognized, months)
    allowed = np.zeros(len(recognized), dtype=bool)
    for position, each in enumerate(chosen):
        inside = which == position
        allowed[inside] = served_escapes(codes, recognized, serves=each.serves, valid_to=each.valid_to)[inside]
    with np.errstate(invalid="ignore"):
        keep = allowed & ~np.isnat(recognized) & (recognized <= day) & (day <= until)
    keep &= _still_here(store, latest, day)
    out = pd.DataFrame(
        {
            "commune": _unit_communes(store, latest["unit"])[keep],
            "village": _village_key(latest["village"])[keep],
            "household_id": latest["household_id"].to_numpy()[keep],
            "status": status[keep],
            "escaped_on": recognized[keep].astype(str),
            "eligible_until": until[keep].astype(str),
            "days_left": ((until[keep] - day).astype(np.int64) + 1),
            "programme": programme_id,
        }
    )
    ranks = {}  # communes, then villages, in Vietnamese order, then codes by their number, as the reports' lists
    for column in ("commune", "village"):
        names = sorted(set(out[column]), key=vietnamese_key)
        ranks[f"_{column}"] = out[column].map({name: i for i, name in enumerate(names)}).to_numpy()
    ranks.update(zip(("_head", "_number", "_rest"), code_order(out["household_id"]), strict=True))
    ranked = out.assign(**ranks).sort_values([*ranks, "household_id"], kind="stable")
    return ranked.drop(columns=list(ranks)).reset_index(drop=True)


def _unit_communes(store: Any, units: pd.Series) -> np.ndarray:
    """Per household's commune unit, the commune as the history names it (its last recorded name, else
    its codes ``10/02800``): a district's history holds communes with villages and codes of the same name. A
    name that several of the listed communes share is followed by each one's commune code, ``Xã Tân Lập
    (03001)`` (else by its province), as the reports name them."""
    scopes = store.scopes()
    names: dict[str, str] = {}
    places: dict[str, tuple[str, str]] = {}  # each unit's commune code and province, to tell a shared name apart
    for row in scopes.sort_values(["review_date", "review_id"], kind="stable").itertuples(index=False):
        code = "/".join(c for c in (str(row.province_code), str(row.commune_code)) if c) if row.commune_code else ""
        names[str(row.unit)] = str(row.commune or "") or code or names.get(str(row.unit), "")
        places[str(row.unit)] = (str(row.commune_code or ""), str(row.province or ""))
    listed = units.astype(str)
    sharing: dict[str, list[str]] = {}
    for unit in set(listed):
        sharing.setdefault(names.get(unit, ""), []).append(unit)
    for name, group in sharing.items():  # Xã Tân Lập of two codes (or provinces): each named with its own
        if not name or len(group) < 2:
            continue
        codes = [places.get(unit, ("", ""))[0] for unit in group]
        provinces = [places.get(unit, ("", ""))[1] for unit in group]
        by = codes if all(codes) and len(set(codes)) == len(codes) else provinces
        if all(by) and len(set(by)) == len(by):
            names.update({unit: f"{name} ({tag})" for unit, tag in zip(group, by, strict=True)})
    return listed.map(names).fillna("").to_numpy(dtype=object)
