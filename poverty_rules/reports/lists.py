"""The lists posted in each village (niêm yết) and the lists to act on (docs/reports.md, "Lists").

Per village, numbered from 1 in each village: the poor and near-poor households of this review
(with the deprived indicators in words), the households that escaped poverty or near-poverty, and
the households the review could not determine (never dropped: listed with what is missing). Per
programme, the households eligible on a date (poor, near-poor, or escaped within the programme's
window) with the last day of support.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..results.labels import collect_labels, to_collect
from ..vocabulary import words as W
from ..vocabulary.codes import code_order
from ..vocabulary.text import vietnamese_key
from .frame import ReviewFrame

LIST_IDS: tuple[str, ...] = ("poor", "near_poor", "escaped_poverty", "escaped_near_poverty", "undetermined")
"""The village lists, in the workbook's order."""

COLUMNS: tuple[str, ...] = (
    "number",
    "province",
    "commune",
    "village",
    "household_id",
    "head_name",
    "persons",
    "status",
    "deprived",
)
"""Columns of a village list (``number`` restarts at 1 in each village); the undetermined list adds
``undetermined_by``, what to collect (its ``deprived``: the indicators already known to be deprived)."""


@dataclass
class HouseholdList:
    """One list: its id, title words and rows (:data:`COLUMNS`, words in the report's language)."""

    id: str
    title: dict[str, str]
    rows: pd.DataFrame


def village_lists(review: ReviewFrame, lang: str) -> list[HouseholdList]:
    """The five village lists of this review, rows sorted by (province, commune, village, household), names in
    Vietnamese order; the escaped lists hold the households R2's columns 2 and 3 and R3's column 2 count (not one
    that left the commune's lists, marked died, moved away or merged, whose classification at its leaving says
    it is above the line: R2/R3's column 4); the undetermined list leaves out such a household too (no data to
    collect of a household that is gone)."""
    h = review.households[review.households["present"]]
    transition = h["transition"].to_numpy()
    # a household marked leaving (died, moved away, merged: ``change_reason``) left the lists, R2/R3's "other"
    # decrease (column 4): it escaped nothing, and the posted lists of escapes name only those R2/R3 count so
    resident = h["resident"].to_numpy()
    masks = {
        "poor": (h["end"] == "poor").to_numpy() & resident,
        "near_poor": (h["end"] == "near_poor").to_numpy() & resident,
        "escaped_poverty": (transition == "escaped_poverty") & resident,
        "escaped_near_poverty": (transition == "escaped_near_poverty") & resident,
        # nor on the undetermined list: no data is collected for a household that is gone (R2/R3's column 4)
        "undetermined": (h["status"] == "undetermined").to_numpy() & resident,
    }
    labels = {ind: text[lang] for ind, text in review.indicators}
    out = []
    for list_id in LIST_IDS:
        part = h[masks[list_id]]
        collect = None
        if list_id == "undetermined":  # what to collect, in a column of its own after the deprivations
            fields = collect_labels(review.ruleset, lang)
            collect = [to_collect(u, fields, lang) for u in part["undetermined_by"]]
        with_deprived = list_id in ("poor", "near_poor", "undetermined")
        rows = _rows(part, lang, labels, with_deprived=with_deprived, persons=review.has_persons, collect=collect)

        out.append(HouseholdList(list_id, W.LIST_KIND[list_id], rows))
    return out


def local_lists(review: ReviewFrame, lang: str) -> list[HouseholdList]:
    """The poor and near-poor households by the local standard (issue #12), for the workbook and the page
    (docs/reports.md's CSV export keeps the national lists); none without a local classification."""
    if review.local_label is None or "local_status" not in review.households.columns:
        return []
    h = review.households[review.households["resident"]]
    labels = {ind: text[lang] for ind, text in review.indicators}
    out = []
    for status in ("poor", "near_poor"):
        part = h[(h["local_status"] == status).to_numpy()]
        part = part.assign(deprived=part["local_deprived"])
        rows = _rows(part, lang, labels, with_deprived=True, persons=review.has_persons)
        words = {x: f"{W.LIST_KIND[status][x]} {W.LOCAL_REPORT['by'][x]}" for x in ("vi", "en")}
        out.append(HouseholdList(f"local_{status}", words, rows))
    return out


def eligible_list(review: ReviewFrame, on: date, lang: str) -> HouseholdList:
    """Households eligible for support on ``on``: poor, near-poor, or escaped with ``eligible_until ≥ on``
    (the national programme's window written by ``review``). The last day of support, ``eligible_until``, is the
    window's (an ISO day), blank for a poor or near-poor household outside any window, whose support has no date
    of its own: it lasts until a later review recognizes another status (docs/standard.md §5, the yearly review),
    which ``until_next_review`` (True) says — the workbook in words in the last-day column
    (:data:`~poverty_rules.vocabulary.words.UNTIL_NEXT_REVIEW`), the CSV as its own column, so that the CSV's
    last day parses as dates."""
    h = review.households[review.households["resident"]]
    until = pd.to_datetime(h["eligible_until"].replace("", None), errors="coerce")
    window = (until >= pd.Timestamp(on)).to_numpy()
    keep = h["end"].isin(("poor", "near_poor")).to_numpy() | window
    # a window that ended before ``on`` is no last day of support: such a household is listed as near-poor
    until_text = h["eligible_until"].where(window, "")
    held = h["end"].isin(("poor", "near_poor")).to_numpy() & ~window
    part = h[keep].assign(eligible_until=until_text[keep], until_next_review=held[keep])
    rows = _rows(part, lang, {}, with_deprived=False, persons=review.has_persons, until=True).drop(columns="deprived")
    return HouseholdList("eligible", W.LIST_KIND["eligible"], rows)


def _persons_shown(part: pd.DataFrame) -> np.ndarray:
    """Each household's persons, blank (None) where its ``household_size`` was blank: unknown, not 0."""
    persons = part["persons"].to_numpy(dtype=object)
    if "persons_known" not in part.columns:
        return persons
    known = part["persons_known"].astype(bool).to_numpy()
    return np.array([n if k else None for n, k in zip(persons, known, strict=True)], dtype=object)


def _rows(
    part: pd.DataFrame,
    lang: str,
    labels: dict[str, str],
    *,
    with_deprived: bool,
    persons: bool,
    collect: list[str] | None = None,
    until: bool = False,
) -> pd.DataFrame:
    """A list's rows: numbered per village, status and deprivations in words (``collect``: each
    household's marks to collect, in ``part``'s order — the rows are sorted here — as the column
    ``undetermined_by`` after ``deprived``;
    ``until``: each household's own last day of support, ``eligible_until``, as the last column)."""
    rows = pd.DataFrame(
        {
            "province": part["province"].fillna("").astype(str).to_numpy(),
            "commune": part["commune"].fillna("").astype(str).to_numpy(),
            "village": part["village"].fillna("").astype(str).to_numpy(),
            "household_id": part["household_id"].astype(str).to_numpy(),
            "head_name": part["head_name"].fillna("").astype(str).to_numpy(),
            "persons": _persons_shown(part) if persons else [None] * len(part),
            "status": [
                W.STATUS[s][lang] if s in W.STATUS else "" for s in part["end"].where(part["end"] != "", part["status"])
            ],
            "deprived": _deprived_words(part["deprived"], labels) if with_deprived else "",
        }
    )
    if collect is not None:
        rows["undetermined_by"] = collect
    if "local_status" in part.columns:  # the local standard's status beside the national one (issue #12)
        local = part["local_status"].fillna("").astype(str)
        rows.insert(list(rows.columns).index("status") + 1, "local_status", [_status_word(x, lang) for x in local])
    if until:  # before the sort: each date stays with its own household
        rows["eligible_until"] = part["eligible_until"].fillna("").astype(str).to_numpy()
        rows["until_next_review"] = part["until_next_review"].astype(bool).to_numpy()
    rows = _in_order(rows)
    village = rows["province"] + "\x00" + rows["commune"] + "\x00" + rows["village"]
    rows.insert(0, "number", village.groupby(village, sort=False).cumcount().to_numpy() + 1)
    return rows


def _in_order(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` sorted by place (province, commune, village: names in Vietnamese order,
    :func:`~poverty_rules.vocabulary.text.vietnamese_key`), then household code with its first run of digits
    counted as its number (``2, 5, 11``, not ``11, 2, 5``: a register numbered without leading zeros; ``HC-2``
    before ``HC-10``), codes of one number (``05``, ``5``) in text order."""
    ranks = {}
    for key in ("province", "commune", "village"):
        names = sorted(set(rows[key].unique()), key=vietnamese_key)  # each distinct name once
        ranks[key] = rows[key].map({name: i for i, name in enumerate(names)}).to_numpy()
    # a code's text before its first number, that number (none first), the rest, then the code itself
    head, number, rest = code_order(rows["household_id"])
    ranks.update(code_head=head, code_number=number, code_rest=rest)
    ranked = rows.assign(**{f"_{key}": rank for key, rank in ranks.items()})
    order = [f"_{key}" for key in ranks]
    ranked = ranked.sort_values([*order, "household_id"], kind="stable")
    return ranked.drop(columns=order).reset_index(drop=True)


def _status_word(status: str, lang: str) -> str:
    return W.STATUS[status][lang] if status in W.STATUS else ""


def _deprived_words(deprived: pd.Series, labels: dict[str, str]) -> np.ndarray:
    """``a;b`` → ``Label a, Label b`` (once per distinct pattern)."""
    text = deprived.fillna("").astype(str)
    words = {
        pattern: ", ".join(labels.get(p.strip(), p.strip()) for p in pattern.split(";") if p.strip())
        for pattern in text.unique()
    }
    return text.map(words).to_numpy()
