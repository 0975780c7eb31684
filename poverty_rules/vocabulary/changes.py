"""Household identity events (column ``change_reason``): moved in or out, died, split, merged.

docs/reports.md ("The review forms"): the values are ``moved_in``, ``moved_out``, ``died``, ``split``,
``merged``, and the Vietnamese spellings chuyển đến, chuyển đi, chết, tách hộ, nhập hộ are accepted
(case, accents and spacing folded). They feed the "other" columns of forms R2 and R3.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .text import fold, stripped
from .words import CHANGE_REASON

CHANGE_REASONS: tuple[str, ...] = tuple(CHANGE_REASON)
"""Canonical ``change_reason`` ids."""

LEAVING: tuple[str, ...] = ("moved_out", "died", "merged")
"""Reasons that take a household off the commune's lists: an "other" decrease."""

ARRIVING: tuple[str, ...] = ("moved_in", "split")
"""Reasons that bring a household with no history onto a list as an "other" increase."""

_SPELLINGS: dict[str, str] = {
    **{fold(key): key for key in CHANGE_REASON},
    **{fold(words["vi"]): key for key, words in CHANGE_REASON.items()},
    **{fold(words["en"]): key for key, words in CHANGE_REASON.items()},
    fold("chuyển khẩu đến"): "moved_in",
    fold("chuyển khẩu đi"): "moved_out",
    fold("đã chết"): "died",
    fold("tách"): "split",
    fold("nhập"): "merged",
}


def read_change_reasons(values: Any) -> tuple[pd.Series, pd.Series]:
    """Canonical ids (``""`` when blank) and a mask of unreadable cells, one per value.

    Each distinct cell is read once (a million households' column, cell by cell, took 0.3-0.45 s): a missing cell
    or one of spaces is blank, any other is read by its text (a number is no reason: unreadable)."""
    series = pd.Series(values, dtype=object).reset_index(drop=True)
    cells, distinct = pd.factorize(series, use_na_sentinel=True)  # a missing cell: -1
    blank = np.array([isinstance(v, str) and not stripped(v) for v in distinct] + [True], dtype=bool)
    read = [None if b else _SPELLINGS.get(fold(str(v))) for v, b in zip(distinct, blank[:-1], strict=True)]
    ids = np.array([*("" if r is None else r for r in read), ""], dtype=object)
    unread = np.array([r is None and not b for r, b in zip(read, blank[:-1], strict=True)] + [False], dtype=bool)
    return pd.Series(ids[cells], dtype=object), pd.Series(unread[cells], dtype=bool)
