"""One date: read as officers write it, and moved by calendar months (spec standard.md §5).

The scalar half of :mod:`poverty_rules.vocabulary.dates` (import these from here), kept apart because
it needs no pandas: the rules layer and the command line's options read dates with it before pandas
is imported (docs/architecture.md, "Start-up"). Reading: ISO ``2024-12-20`` and the Vietnamese
day-first ``20/12/2024`` (also ``20-12-2024``, ``20.12.2024``; a time of day after it, ``20/12/2024 0:00``),
the year first with slashes or dots (``2024/12/20``), a month by name as Excel shows ``dd-mmm-yyyy`` in English
or Vietnamese (``20-Dec-2024``, ``20-thg 12-2024``) and the written ``ngày 20 tháng 12 năm 2024``. A year of two
digits is not read (:func:`short_year_parts`).
Arithmetic (our reading, tagged U):
``end = start + N calendar months``, a day that does not exist in the target month becoming that
month's last day; a window's last day is ``end - 1 day``. How many months a programme's window
lasts is law and lives in the rulesets.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..errors import ArgumentError
from . import words as W
from .text import stripped

#: A time of day after a day-first date, as Excel writes a date-time cell with Vietnamese settings
#: (``20/12/2024 0:00``, ``… 0:00:00``, ``… 1:05 CH``): the date is its day.
_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[AaPp][Mm]|SA|CH|sa|ch))?)?"
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME + r"\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$")
#: The year first with slashes or dots (``2024/12/20``, ``2024.12.20``: Japanese, Chinese and some web systems'
#: exports): a year of four digits first is never followed by the day, so the order is not in doubt.
_YMD = re.compile(r"^\s*(\d{4})([/.])(\d{1,2})\2(\d{1,2})" + _TIME + r"\s*$")
#: The months by name as Excel and LibreOffice show a date formatted ``dd-mmm-yyyy``: in English (``20-Dec-2024``,
#: ``20 December 2024``) and in Vietnamese, where a month is ``tháng`` and its number (``thg 12``, ``Thg12``, ``Th12``,
#: ``tháng 12``); and the written Vietnamese date, ``ngày 20 tháng 12 năm 2024``. A month named, the day before
#: it, cannot be taken for another day.
_MONTH_NAMES = {
    name: i
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ],
        start=1,
    )
    for name in names.split()
}
#: The Vietnamese months in words, as Windows and Excel in Vietnamese settings write a long date (``20 Tháng Mười Hai
#: 2024``): longest first, so that ``mười hai`` is not read as ``mười``.
_MONTH_WORDS = {
    "mười một": 11,
    "mười hai": 12,
    "giêng": 1,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "chạp": 12,
}
_MONTH = (
    r"(?:th(?:g|áng)?\.?\s*(?P<number>\d{1,2})|tháng\s+(?P<word>"
    + "|".join(_MONTH_WORDS)
    + r")|(?P<name>[a-z]{3,9})\.?)"
)
#: A long date's day of the week before it (``Thứ Sáu, …``, ``Chủ Nhật, …``, ``Friday, …``): no part of the day.
_WEEKDAY = r"(?:(?:thứ\s+\w+|chủ\s+nhật|[a-z]+day)\s*,?\s*)?"
_NAMED = re.compile(
    r"^\s*" + _WEEKDAY + r"(?:ngày\s*)?(?P<day>\d{1,2})(?:\s*[-/ .,]\s*|\s+)" + _MONTH + r"(?:\s*[-/ .,]\s*|\s+)"
    r"(?:năm\s*)?(?P<year>\d{2}(?:\d{2})?)" + _TIME + r"\s*$",
    re.IGNORECASE,
)
#: The English long date, its month named first (``December 20, 2024``, ``Friday, December 20, 2024``).
_NAMED_MONTH_FIRST = re.compile(
    r"^\s*" + _WEEKDAY + r"(?P<name>[a-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{2}(?:\d{2})?)" + _TIME + r"\s*$",
    re.IGNORECASE,
)


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a text written as a date is (``2026-12-10``, ``10/12/2026`` …), whether or
    not the calendar has that day (``31/02/2026`` gives (2026, 2, 31)); None for any other text."""
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return year, month, day
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return year, month, day
    match = _YMD.match(text)
    if match:
        return int(match[1]), int(match[3]), int(match[4])
    named = _named(text)
    if named is not None and named[0] >= 1000:
        return named
    return None


def _named(text: str) -> tuple[int, int, int] | None:
    """(year as written, month, day) of a date whose month is named (:data:`_NAMED`), else None."""
    if not any(ch.isalpha() for ch in text):
        return None
    text = unicodedata.normalize("NFC", text)  # a Mac's decomposed letters (tháng) as Windows writes them
    match = _NAMED.match(text) or _NAMED_MONTH_FIRST.match(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("number"):
        month = int(groups["number"])
    elif groups.get("word"):
        month = _MONTH_WORDS[" ".join(groups["word"].lower().split())]
    else:
        month = _MONTH_NAMES.get(groups["name"].lower(), 0)
    if month == 0:  # a word that is no month's name
        return None
    return int(match["year"]), month, int(match["day"])


_SHORT_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})" + _TIME + r"\s*$")


def short_year_parts(text: str) -> tuple[int, int, int] | None:
    """(two-digit year, month, day) of a day-first date written with a year of two digits (``20/12/24``, Excel's
    short date; ``20-Dec-24``, its ``d-mmm-yy``), else None. Such a date is not read (``24/12/20`` is the 24th of
    December 2020 or the 20th of December 2024, as the writer's settings had it); its reason asks for the year's
    four digits."""
    match = _SHORT_YEAR.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return year, month, day
    named = _named(text)
    return named if named is not None and named[0] < 100 else None


def month_first_day(text: str) -> date | None:
    """The day a text refused day first names when read month first, as Google Sheets and Excel with US
    settings write dates (``12/20/2024``: no month 20, but the 20th of December) — a sign that the file's other
    dates (``03/12/2024``) were written month first too; None when it is no such text.

    The one place that decides it, for ``classify``/``review``'s rejects (data/normalize.py) and ``history
    import`` (review/history.py) alike: any separator the day-first reading takes (``12/20/2024``, ``12-20-2024``,
    ``12.20.2024``, a time of day after it); the first number a month (12 or less), the second more than 12
    (so no month: day first it is no day); and the day it names a real one. A text that is no day in either
    reading (``02/30/2024``: neither month 30 nor the 30th of February) is none: it is no such day, not a date
    written month first."""
    match = _DMY.match(text)
    if match is None:
        return None
    first, second, year = (int(g) for g in match.groups())
    if not 1 <= first <= 12 or second <= 12:
        return None
    try:
        return date(year, first, second)
    except ValueError:
        return None


_SERIAL = re.compile(r"\s*(\d{5})(?:\.0+)?\s*")
#: Excel's day 0 (its day 60 is the 29 February 1900 that never was, so later days count from here).
_EXCEL_EPOCH = date(1899, 12, 30)


def excel_serial_day(text: str) -> date | None:
    """The day a cell holding a bare number is in Excel's count of days (``45646`` is 20/12/2024), for a
    number that counts a day of the years 2000 to 2099: what a date column saved without its date format (a
    General cell, a CSV written from it) holds; else None. Never read as that day: the officer is told what it
    is (a household's date column, ``history import``'s dates)."""
    match = _SERIAL.fullmatch(text)
    if match is None:
        return None
    day = date.fromordinal(_EXCEL_EPOCH.toordinal() + int(match[1]))
    return day if 2000 <= day.year <= 2099 else None


def read_day(value: Any) -> tuple[np.datetime64, bool]:
    """One distinct value: (day or NaT, unreadable). A leading apostrophe (``'20/12/2024``: the mark that makes
    Excel keep a cell as text, shown without it, which some exports write into the cell) is no part of it."""
    nat = np.datetime64("NaT", "D")
    if isinstance(value, date):
        return np.datetime64(value.isoformat()[:10], "D"), False
    text = stripped(str(value))  # a zero-width character copied with it too (Zalo, a web page)
    if text.startswith("'"):
        text = stripped(text[1:])
    if not text or text.lower() in ("nan", "nat", "none"):
        return nat, False
    parts = date_parts(text)
    if parts is None:
        return nat, True
    year, month, day = parts
    try:
        return np.datetime64(date(year, month, day).isoformat(), "D"), False
    except ValueError:
        return nat, True


def parse_date(value: str | date, name: str = "") -> date:
    """One date given as an option or argument: ``2026-12-10`` or ``10/12/2026``.

    A ``datetime`` (or pandas ``Timestamp``) is its day. Raises :class:`ArgumentError` (a ``ValueError``)
    saying which spellings are accepted, in vi and en, after the argument's ``name`` when given.
    """
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    day, bad = read_day(str(value))
    if bad or np.isnat(day):
        raise ArgumentError.of(W.texts("arg_not_date", name=f"{name}: " if name else "", value=repr(value)))
    return date.fromisoformat(str(day))


def add_months(d: date, months: int) -> date:
    """Return ``d`` moved by ``months`` calendar months (negative moves back).

    A day that does not exist in the target month becomes that month's last day
    (2024-01-31 + 1 month = 2024-02-29; 2024-02-29 + 12 months = 2025-02-28). This is the
    calendar-month counting the spec reads into Quyết định 90/QĐ-TTg 2022's "36 tháng".
    """
    index = d.year * 12 + (d.month - 1) + int(months)
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


def eligible_until(recognized_on: date, months: int) -> date:
    """Last day of a support window of ``months`` months opened on ``recognized_on``.

    Implements the 36-month support for recently escaped households (Quyết định 90/QĐ-TTg 2022)
    counted from the recognition date (Quyết định 24/2021/QĐ-TTg): the window ends the day
    before ``add_months(recognized_on, months)``. The household is eligible on the returned
    day and not on the next. Examples: 2024-12-20 +36 → 2027-12-19; 2024-02-29 → 2027-02-27;
    2023-01-31 → 2026-01-30. This is docs/standard.md §5's reading (the recognition day counted), not the Civil
    Code's (Bộ luật Dân sự 2015 Điều 147–148: from the next day to the end of the corresponding day, 2027-12-20):
    docs/review.md, "Which counting, and why".
    """
    check_months(months)
    return add_months(recognized_on, months) - timedelta(days=1)


def check_months(months: int | np.ndarray | Iterable[int]) -> None:
    """Reject windows of zero or negative length (a window must contain its first day)."""
    if np.any(np.asarray(months) < 1):
        raise ValueError(f"a support window needs at least 1 month, got {months!r}")
