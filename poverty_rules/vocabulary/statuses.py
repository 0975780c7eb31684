"""Statuses: the canonical ids (design.md, "Output") and every spelling of them officers write.

The Vietnamese names are those of the review forms (Quyết định 24/2021/QĐ-TTg); the words a
status is shown with live in :mod:`poverty_rules.vocabulary.words`. The ids themselves are in
:mod:`poverty_rules.vocabulary.status_ids` (no pandas: the rules layer imports them); import them
from there.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from .status_ids import STATUSES
from .text import stripped

__all__ = [
    "ambiguous_abbreviations",
    "normalize_status",
    "read_statuses",
    "spelling_key",
    "status_codes",
    "status_escape_marks",
]


# Spellings are compared after NFC, casefolding, removing diacritics (đ → d) and turning
# "-", "_", "/" and "." into spaces, so "Hộ cận nghèo", "ho can ngheo" and "near-poor" all match.
# Value: (canonical status, escaped poverty before, escaped near-poverty before).
_STATUS_SPELLINGS: dict[str, tuple[str, bool, bool]] = {
    # HN, HCN: the forms' abbreviations of hộ nghèo, hộ cận nghèo (no other status abbreviates so)
    **dict.fromkeys(["poor", "poor household", "ngheo", "ho ngheo", "hn"], ("poor", False, False)),
    **dict.fromkeys(
        ["near poor", "nearpoor", "near poor household", "can ngheo", "ho can ngheo", "hcn"],
        ("near_poor", False, False),
    ),
    **dict.fromkeys(
        [
            "average",
            "average living standard",
            "household with an average living standard",  # as the English workbooks write it (words.STATUS)
            "trung binh",
            "ho trung binh",
            "muc song trung binh",
            "ho muc song trung binh",
            "co muc song trung binh",
            "ho co muc song trung binh",
            "mstb",  # mức sống trung bình, as lists abbreviate it (no other status does)
            "ho mstb",
        ],
        ("average", False, False),
    ),
    **dict.fromkeys(["not poor", "non poor", "khong ngheo", "ho khong ngheo"], ("not_poor", False, False)),
    # h1: tái nghèo / tái cận nghèo (the forms' words for a household poor / near-poor again, Quyết định
    # 24/2021/QĐ-TTg) name its status at that review, poor or near-poor, unambiguously (TN and TCN do not)
    **dict.fromkeys(["tai ngheo", "ho tai ngheo", "poor again"], ("poor", False, False)),
    **dict.fromkeys(["tai can ngheo", "ho tai can ngheo", "near poor again"], ("near_poor", False, False)),
    **dict.fromkeys(["undetermined", "chua xac dinh"], ("undetermined", False, False)),
    **dict.fromkeys(
        [
            "thoat ngheo",
            "ho thoat ngheo",
            "moi thoat ngheo",
            "ho moi thoat ngheo",
            "escaped poverty",
        ],
        ("not_poor", True, False),
    ),
    **dict.fromkeys(
        [
            "thoat can ngheo",
            "ho thoat can ngheo",
            "moi thoat can ngheo",
            "ho moi thoat can ngheo",
            "escaped near poverty",
        ],
        ("not_poor", False, True),
    ),
}

#: The words a review list writes after a poor or near-poor household's status for one newly so (``Hộ nghèo mới``,
#: ``Hộ cận nghèo (mới)``, ``nghèo mới phát sinh``): the status is the same. Compared after :func:`spelling_key`.
_NEW = re.compile(r"\s*\(?\s*(?:moi phat sinh|phat sinh moi|moi|phat sinh)\s*\)?$")
#: The statuses that word may follow (never an escape: ``mới thoát nghèo`` is a word of its own).
_MAY_BE_NEW = frozenset({"ngheo", "ho ngheo", "hn", "can ngheo", "ho can ngheo", "hcn"})

#: Abbreviations officers write that each may be read two ways (``N``, ``CN``, ``KN``, ``nghèo BT`` too): ``TN``
#: (thoát nghèo, escaped poverty; or tái nghèo, poor again) and ``TCN`` (thoát cận nghèo; or tái cận nghèo).
#: Never read as either: a cell of one is refused saying what to write (vocabulary/words.py ``status_tn`` …).
_AMBIGUOUS = {
    "tn": "status_tn",
    "tcn": "status_tcn",
    # N, CN, KN (nghèo? cận nghèo or chưa nghèo? không nghèo or khỏi nghèo?) and nghèo BT (bảo trợ xã hội?)
    "n": "status_n",
    "cn": "status_cn",
    "kn": "status_kn",
    **dict.fromkeys(["ngheobt", "hongheobt", "ngheobtxh", "hongheobtxh"], "status_ngheo_bt"),
}

# --------------------------------------------------------------------------- reading statuses


def normalize_status(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map status spellings to canonical ids; return ``(status, unreadable)``.

    ``status`` holds ``poor``, ``near_poor``, ``average``, ``not_poor``, ``undetermined`` or ``""``
    (empty, blank or missing: no status recorded). ``unreadable`` is True where a value was
    given but is not a status; such rows get ``""`` and the caller turns them into rejects.

    Accepted: the canonical ids and English words, and Vietnamese with or without diacritics
    (``nghèo``, ``hộ nghèo``, ``cận nghèo``, ``hộ cận nghèo``, ``trung bình``,
    ``mức sống trung bình``, ``không nghèo`` …), the abbreviations ``HN`` (hộ nghèo) and ``HCN``
    (hộ cận nghèo), in any case, and ``tái nghèo`` / ``tái cận nghèo`` (poor / near-poor again: ``poor`` /
    ``near_poor``, the status they name). The escape words of the review forms
    (Quyết định 24/2021/QĐ-TTg: ``thoát nghèo``, ``hộ mới thoát nghèo``, ``thoát cận nghèo``) name a
    movement, not a status: we read them as ``not_poor`` — the household left the list and no
    other list is stated — and :func:`status_escape_marks` reports that it escaped before. A
    household that escaped poverty into near-poverty should be recorded as ``cận nghèo``.
    """
    status, unreadable, _, _ = read_statuses(values)
    return status, unreadable


def status_escape_marks(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return ``(escaped_poverty, escaped_near_poverty)``: which values are escape words.

    ``thoát nghèo`` (and ``hộ mới thoát nghèo``) marks an escape from poverty,
    ``thoát cận nghèo`` an escape from near-poverty (Quyết định 24/2021/QĐ-TTg). See
    :func:`normalize_status` for how the status itself is read.
    """
    _, _, escaped_poverty, escaped_near_poverty = read_statuses(values)
    return escaped_poverty, escaped_near_poverty


def read_statuses(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Read a status column once per distinct value and spread the answers with numpy."""
    series = pd.Series(values)
    codes, unreadable, escaped, escaped_near = status_codes(series)
    status_u = np.array([*STATUSES, ""], dtype=object)  # code -1 (no status) reads the last entry
    index = series.index
    return (
        pd.Series(status_u[codes], index=index, dtype=object),
        pd.Series(unreadable, index=index, dtype=bool),
        pd.Series(escaped, index=index, dtype=bool),
        pd.Series(escaped_near, index=index, dtype=bool),
    )


def status_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`read_statuses` as numbers: each value's position in :data:`STATUSES` (``int8``; -1 where
    no status is recorded or the value is unreadable), then ``unreadable``, ``escaped poverty`` and
    ``escaped near-poverty`` as boolean arrays. Read once per distinct value; a categorical or Arrow
    text column is numbered without a Python object per row."""
    series = pd.Series(values)
    text = isinstance(series.dtype, pd.CategoricalDtype | pd.StringDtype | pd.ArrowDtype)
    codes, uniques = pd.factorize(series if text else series.astype(object), use_na_sentinel=True)
    readings = [_read_one(value) for value in uniques]
    position = {status: i for i, status in enumerate(STATUSES)}
    status_u = np.array([position.get(r[0], -1) for r in readings] + [-1], dtype=np.int8)
    unreadable_u = np.array([r[1] for r in readings] + [False], dtype=bool)
    escaped_u = np.array([r[2] for r in readings] + [False], dtype=bool)
    escaped_near_u = np.array([r[3] for r in readings] + [False], dtype=bool)
    # code -1 (missing) indexes the appended "no status" entry
    return status_u[codes], unreadable_u[codes], escaped_u[codes], escaped_near_u[codes]


def _read_one(value: Any) -> tuple[str, bool, bool, bool]:
    """Read one distinct value: (status, unreadable, escaped poverty, escaped near-poverty)."""
    if not isinstance(value, str):
        return "", True, False, False
    key = spelling_key(value)
    if key == "":
        return "", False, False, False
    found = _STATUS_SPELLINGS.get(key)
    if found is None:  # a poor or near-poor household's status with the word for a new one after it (Hộ nghèo mới)
        bare = _NEW.sub("", key)
        found = _STATUS_SPELLINGS.get(bare) if bare != key and bare in _MAY_BE_NEW else None
    if found is None:
        return "", True, False, False
    return found[0], False, found[1], found[2]


def spelling_key(text: str) -> str:
    """Comparison key: NFC, casefold, no diacritics (đ → d), separators as single spaces."""
    folded = unicodedata.normalize("NFD", stripped(text).casefold().replace("đ", "d"))
    bare = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    for separator in "-_/.":
        bare = bare.replace(separator, " ")
    return " ".join(bare.split())


def ambiguous_abbreviations(values: pd.Series) -> np.ndarray:
    """For each value, the message key saying what to write instead of an abbreviation that stands for two
    words (``TN``: ``status_tn``; ``TCN``: ``status_tcn``; any case, with spaces or dots), else ``""``. Read once
    per distinct value."""
    series = pd.Series(values)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    keys = [
        _AMBIGUOUS.get(spelling_key(value).replace(" ", ""), "") if isinstance(value, str) else "" for value in uniques
    ]
    return np.array([*keys, ""], dtype=object)[codes]
