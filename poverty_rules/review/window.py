"""Support windows after a household escapes poverty (docs/standard.md §5).

A household recognized as having escaped poverty (hộ mới thoát nghèo) keeps a programme's support
for the programme's window, counted from the date the competent authority recognized the escape
(the commune chair's decision under Quyết định 24/2021/QĐ-TTg).

Every window is law and lives in the rulesets, never here: each ruleset's ``programmes:`` section
gives, per programme, its ``months``, the dates of its regime (``valid_from`` / ``valid_to``), the
statuses it ``serves``, its ``reference`` and ``confidence`` (model:
:class:`poverty_rules.rules.model.Programme`; format: docs/rulesets.md; use: docs/review.md).

Counting rule (our reading, tagged U in the spec): ``end = recognition date + N calendar months``,
a day that does not exist in the target month becoming that month's last day; the household is
eligible from the recognition date through ``eligible_until = end - 1 day``
(:func:`poverty_rules.vocabulary.day.eligible_until`). Which programme counts an escape's window — the one of the
standard in force on its recognition day — is decided once, by :func:`escape_programmes`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from ..rules.model import Programme
from ..rules.registry import available
from ..vocabulary.day import add_months, eligible_until

__all__ = ["Programme", "eligible_until", "escape_programmes", "window_programme"]


def escape_programmes(
    recognized: np.ndarray, programme_id: str, ruleset: Any = None
) -> tuple[list[Programme], np.ndarray]:
    """Which programme counts each escape's support window, for ``classify``, ``review``, ``history import`` and
    ``eligible`` alike: the programme ``programme_id`` of the national standard in force on the day the escape was
    recognized (``recognized``, days), the regime under which the commune chair recognized it (docs/standard.md
    §5: "Windows are dated parameters per programme"; docs/review.md, "The support window") — not the standard of
    the review day or of ``eligible --as-of``, which agreed only while every national programme lasted 36 months.

    ``ruleset`` (the run's standard; None: the national standards alone) gives its own programme to every escape
    when it is not a bundled national standard (a local standard run alone, a file given with ``--ruleset``: its
    windows are its own, docs/rulesets.md), and to the escapes on a day no bundled national standard was in force
    or whose standard lacks ``programme_id``, and to those not dated (NaT).

    Returns the programmes and, per escape, the position of its own among them (-1: none, only when ``ruleset``
    gives none either).
    """
    own = None
    if ruleset is not None:
        own = (getattr(ruleset, "programmes", None) or {}).get(programme_id)
    chosen: list[Programme] = [] if own is None else [own]
    which = np.full(len(recognized), 0 if own is not None else -1, dtype=np.int64)
    national = available()
    if ruleset is not None and not _bundled(ruleset, national):
        return chosen, which  # its windows are its own
    for rs in national:
        support = rs.programmes.get(programme_id)
        if support is None:
            continue
        with np.errstate(invalid="ignore"):
            inside = (recognized >= np.datetime64(rs.valid_from, "D")) & (recognized <= np.datetime64(rs.valid_to, "D"))
        if not inside.any():
            continue
        if support == own:
            which[inside] = 0
            continue
        chosen.append(support)
        which[inside] = len(chosen) - 1
    return chosen, which


def window_programme(last: date, programme_id: str, ruleset: Any) -> Programme | None:
    """The programme ``programme_id`` under which a window ending on ``last`` was opened, where only its last day
    is known (a reviewed file's ``eligible_until`` for an escape of an earlier review, which the file does not
    date): the one :func:`escape_programmes` gives an escape recognized on a day whose window, counted by that
    programme, ends on ``last`` (docs/standard.md §5: the regime under which the escape was recognized, not the
    review day's). None when no such day is found (a window the history counted otherwise)."""
    own = [(getattr(rs, "programmes", None) or {}).get(programme_id) for rs in (*available(), ruleset)]
    months = sorted({support.months for support in own if support is not None})
    for n in months:
        guess = add_months(last + timedelta(days=1), -n)
        days = [guess + timedelta(days=k) for k in range(-3, 4)]
        chosen, which = escape_programmes(np.array(days, dtype="datetime64[D]"), programme_id, ruleset)
        for day, k in zip(days, which, strict=True):
            if k >= 0 and chosen[k].months == n and chosen[k].eligible_until(day) == last:
                return chosen[k]
    return None


def _bundled(ruleset: Any, national: list[Any]) -> bool:
    """Whether ``ruleset`` is one of the bundled national standards (by id, version and programmes: the same file
    loaded by path too), not a local standard (``extends``), another file or a copy whose programmes were changed
    (the library's ``model_copy``): those count every window with their own."""
    if getattr(ruleset, "extends", None):
        return False
    return any(
        rs is ruleset or (rs.id == ruleset.id and rs.version == ruleset.version and rs.programmes == ruleset.programmes)
        for rs in national
    )
