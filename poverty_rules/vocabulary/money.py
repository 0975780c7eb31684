"""Money units written in an income column's header, as officers' forms write them.

A form's income column often says its unit in the header: ``Thu nhập bình quân (đồng/người/tháng)``,
``Thu nhập bình quân đầu người/tháng (nghìn đồng)``, ``Thu nhập (1.000đ/người/năm)``. The standard
compares an income in đồng per person per month (docs/standard.md), so :func:`split_unit` reads such a
unit — a trailing ``(…)`` or ``[…]`` naming đồng, optionally in thousands or millions, optionally per
person, per month or per year — and gives the header without it and what a cell is to be multiplied or
divided by. A bracketed text that is not a money unit (``(bình quân)``, ``(USD)``) is not one: the
header stays as written. Words, not law: how many đồng a thousand is, and a year's twelve months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

__all__ = ["MoneyUnit", "split_unit"]


@dataclass(frozen=True)
class MoneyUnit:
    """A header's money unit: ``text`` as written (inside its brackets), cells worth ``factor`` đồng,
    for a year (divided by 12 for a month) when ``per_year``."""

    text: str
    factor: int = 1
    per_year: bool = False

    @property
    def converts(self) -> bool:
        """Whether a cell must be converted to be đồng per person per month."""
        return self.factor != 1 or self.per_year


_TRAILING = re.compile(r"^(?P<base>.*?\S)\s*[(\[](?P<unit>[^()\[\]]*)[)\]]\s*$", re.S)
#: The folded words of a unit: the currency, a multiplier, who and when (``/`` or ``một`` between them).
_CURRENCY = frozenset({"d", "dong", "vnd"})
_THOUSAND = frozenset({"nghin", "ngan", "1000", "1.000", "1,000", "k"})
_MILLION = frozenset({"trieu", "tr", "1000000", "1.000.000", "1,000,000"})
_OTHER = frozenset({"nguoi", "dau", "nhan", "khau", "person", "capita", "thang", "month", "mot", "per", "a"})
_YEAR = frozenset({"nam", "year"})


def split_unit(header: str) -> tuple[str, MoneyUnit | None]:
    """``header`` without a trailing money unit, and the unit; ``(header, None)`` when it has none.

    >>> split_unit("Thu nhập bình quân (nghìn đồng/người/tháng)")
    ('Thu nhập bình quân', MoneyUnit(text='nghìn đồng/người/tháng', factor=1000, per_year=False))
    >>> split_unit("Thu nhập (bình quân)")
    ('Thu nhập (bình quân)', None)
    """
    match = _TRAILING.match(header.strip())
    if match is None:
        return header, None
    unit = _money_unit(match["unit"].strip())
    if unit is None:
        return header, None
    return match["base"].strip(), unit


def _money_unit(text: str) -> MoneyUnit | None:
    """The unit a bracket's text names, else None (a word that is not a money unit's)."""
    words = _words(fold(text).replace("₫", "d"))  # the đồng sign (Excel's currency format) is a đ
    if not words:
        return None
    factor, per_year, currency = 1, False, False
    for word in words:
        if word in _CURRENCY:
            currency = True
        elif word in _THOUSAND and factor == 1:
            factor = 1000
        elif word in _MILLION and factor == 1:
            factor = 1_000_000
        elif word in _YEAR:
            per_year = True
        elif word not in _OTHER:
            return None
    return MoneyUnit(text, factor, per_year) if currency else None


def _words(folded: str) -> list[str]:
    """A folded unit cut into its words: at ``/`` and spaces, a number or a thousand's or a million's
    abbreviation glued to ``d`` (``1.000d``, ``kd``, ``trd``) apart."""
    out: list[str] = []
    for part in folded.replace("/", " ").rstrip(".").split():
        glued = re.fullmatch(r"([\d.,]+|k|tr)(d|dong|vnd)\.?", part)
        out.extend([glued[1], glued[2]] if glued else [part.rstrip(".")])
    return out
