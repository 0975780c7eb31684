"""Support windows after a household escapes poverty (spec/standard.md §5).

A household recognized as having escaped poverty (hộ mới thoát nghèo) keeps the national
programme's support for 36 months from the date the competent authority recognized the escape
(Quyết định 90/QĐ-TTg năm 2022, approving the national target programme for sustainable poverty
reduction 2021-2025; the recognition itself is the commune chair's decision under Quyết định
24/2021/QĐ-TTg). Other programmes use other windows: 3 years of policy credit, 5 years of
health-insurance support for near-poor households who escaped poverty.

Counting rule (our reading, tagged U in the spec): ``end = recognition date + N calendar months``,
a day that does not exist in the target month becoming that month's last day; the household is
eligible from the recognition date through ``eligible_until = end - 1 day``.

The windows are data: :data:`DEFAULT_PROGRAMMES` is built from a plain mapping by
:func:`programmes_from_mapping`, which the ruleset loader also calls on a ruleset's
``programmes:`` section.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DEFAULT_PROGRAMMES",
    "LocalizedText",
    "Programme",
    "add_months",
    "add_months_array",
    "add_months_series",
    "eligible_until",
    "eligible_until_array",
    "eligible_until_series",
    "programmes_from_mapping",
    "to_day_array",
]

_ONE_DAY = np.timedelta64(1, "D")


# --------------------------------------------------------------------------- scalar arithmetic


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
    2023-01-31 → 2026-01-30.
    """
    _check_months(months)
    return add_months(recognized_on, months) - timedelta(days=1)


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
    """Vectorized :func:`add_months` over a ``datetime64[D]`` array; ``NaT`` stays ``NaT``.

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
    """Vectorized :func:`eligible_until` (Quyết định 90/QĐ-TTg 2022) over ``datetime64[D]``."""
    _check_months(months)
    end = add_months_array(recognized_on, months)
    return np.where(np.isnat(end), np.datetime64("NaT", "D"), end - _ONE_DAY)


def add_months_series(dates: pd.Series, months: int | np.ndarray) -> pd.Series:
    """:func:`add_months` over a pandas Series of dates; returns a datetime64 Series (same index).

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


def _check_months(months: int | np.ndarray | Iterable[int]) -> None:
    """Reject windows of zero or negative length (a window must contain its first day)."""
    if np.any(np.asarray(months) < 1):
        raise ValueError(f"a support window needs at least 1 month, got {months!r}")


# --------------------------------------------------------------------------- programmes as data


class LocalizedText(BaseModel):
    """A label in Vietnamese and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Programme(BaseModel):
    """A support programme whose window opens when a household's escape is recognized.

    ``months`` is the window length counted as in :func:`eligible_until`; ``reference`` cites the
    instrument and ``confidence`` carries the spec's tag (V verified, P partly, U unverified).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: LocalizedText
    months: int = Field(ge=1, le=1200)
    reference: str = Field(min_length=1)
    confidence: Literal["V", "P", "U"]

    def eligible_until(self, recognized_on: date) -> date:
        """Last eligible day of this programme's window for an escape recognized that day."""
        return eligible_until(recognized_on, self.months)


_DEFAULT_PROGRAMME_MAPPING: dict[str, dict[str, Any]] = {
    "national_programme": {
        "label": {
            "vi": "Hỗ trợ của Chương trình MTQG giảm nghèo bền vững cho hộ mới thoát nghèo",
            "en": "National sustainable poverty reduction programme support for recently escaped households",
        },
        "months": 36,
        "reference": "Quyết định 90/QĐ-TTg năm 2022 (36 tháng kể từ khi cấp có thẩm quyền công nhận thoát nghèo) [S44]",
        "confidence": "P",
    },
    "policy_credit": {
        "label": {
            "vi": "Tín dụng chính sách cho hộ mới thoát nghèo",
            "en": "Policy credit for recently escaped households",
        },
        "months": 36,
        "reference": "Tín dụng chính sách: hộ mới thoát nghèo trong 3 năm kể từ khi thoát nghèo [S41]",
        "confidence": "V",
    },
    "near_poor_health_insurance": {
        "label": {
            "vi": "Hỗ trợ bảo hiểm y tế cho hộ cận nghèo mới thoát nghèo",
            "en": "Health-insurance support for near-poor households that escaped poverty",
        },
        "months": 60,
        "reference": "Hỗ trợ đóng BHYT cho hộ cận nghèo mới thoát nghèo trong 5 năm [S7]",
        "confidence": "V",
    },
}


def programmes_from_mapping(
    mapping: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]],
) -> dict[str, Programme]:
    """Build programmes from a ruleset's ``programmes:`` section, keyed by id, in file order.

    Accepts either a mapping ``{id: {label, months, reference, confidence}}`` or a list of
    mappings that each carry ``id``. Raises ``pydantic.ValidationError`` for a missing
    reference, an unknown field or a window shorter than one month, and ``ValueError`` for a
    duplicated or mismatched id.
    """
    if isinstance(mapping, Mapping):
        entries = []
        for key, fields in mapping.items():
            if "id" in fields and fields["id"] != key:
                raise ValueError(f"programme {key!r} declares a different id {fields['id']!r}")
            entries.append({**fields, "id": key})
    else:
        entries = [dict(fields) for fields in mapping]
    programmes: dict[str, Programme] = {}
    for fields in entries:
        programme = Programme.model_validate(fields)
        if programme.id in programmes:
            raise ValueError(f"programme {programme.id!r} is defined twice")
        programmes[programme.id] = programme
    return programmes


DEFAULT_PROGRAMMES: dict[str, Programme] = programmes_from_mapping(_DEFAULT_PROGRAMME_MAPPING)
"""National defaults (spec §5); a ruleset's ``programmes:`` section replaces them."""
