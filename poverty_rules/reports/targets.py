"""Plan targets (docs/reports.md, "Plan targets"): achieved against target per unit.

A targets file names a unit by province, commune and village (blank village = the whole commune; blank commune
and village = the whole province)
and gives any of ``target_poor_reduction`` (households), ``target_poor_end`` (households) and
``target_rate_reduction`` (percentage points). Per unit the report shows the poor at the start and
at the end (R2 c1, c9), the reduction, the rates at start and end (shares of the households recorded
at each), and whether every target given is met.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.schema import canonical_headers
from ..vocabulary import words as W
from ..vocabulary.numbers import minus_signed, parse_numbers
from ..vocabulary.text import fold
from .forms import movement_terms
from .frame import ReviewFrame
from .messages import report_error
from .units import KEYS, rate

TARGETS: tuple[str, ...] = ("target_poor_reduction", "target_poor_end", "target_rate_reduction")
#: The targets that count households: a whole number is kept as one (written ``54``, as counts are).
COUNT_TARGETS = frozenset({"target_poor_reduction", "target_poor_end"})

COLUMNS: tuple[str, ...] = (
    *KEYS,
    "start",
    "end",
    "reduction",
    "start_rate",
    "end_rate",
    "rate_reduction",
    *TARGETS,
    "met",
)


def read_targets(frame: pd.DataFrame, source: str, rows: Sequence[int] | None = None) -> pd.DataFrame:
    """Check a targets table (every cell text): keys, at least one target column, numbers. ``rows``: each
    row's number in the file (a sheet's, below its title), which the errors name; by default the header
    is row 1 and the rows follow it."""
    table = frame.rename(columns=canonical_headers([str(c) for c in frame.columns])).reset_index(drop=True)
    table = table.rename(columns=_worded_targets)  # headed as the workbook's targets sheet heads them
    for key in ("province", "commune"):
        if key not in table.columns:
            raise report_error("rep_targets_key", file=source, column=key)
    given = [t for t in TARGETS if t in table.columns]
    if not given:
        raise report_error("rep_targets_none", file=source, allowed=", ".join(TARGETS))
    if table.empty:  # the template not yet filled in, or the wrong sheet: never a table of no plan, unsaid
        raise report_error("rep_targets_no_rows", file=source)
    out = pd.DataFrame({k: _text(table.get(k, pd.Series([""] * len(table)))) for k in KEYS})
    _refuse_twice_given(out, source, rows)
    for name in TARGETS:
        values = _text(table[name]) if name in table.columns else pd.Series([""] * len(table))
        numbers: list[Decimal | int | None] = []
        for i, value in enumerate(values):
            if value == "":
                numbers.append(None)
                continue
            try:
                # "0,8%" as a plan writes it: the column's unit; "−0,8" (U+2212) or "(0,8)" a rate below zero
                points = minus_signed(value).removesuffix("%").strip()
                number = _count(value) if name in COUNT_TARGETS else Decimal(points.replace(",", "."))
                if not number.is_finite():  # nan, inf: Python's decimals, no number an officer writes
                    raise ArithmeticError(value)
                if number < 0:  # a plan sets households or points to reach, never below zero
                    row = _row_number(rows, i)
                    raise report_error("rep_targets_negative", file=source, row=row, column=name, value=value)
                if name in COUNT_TARGETS and number != number.to_integral_value():  # 1,5 households
                    row = _row_number(rows, i)
                    raise report_error("rep_targets_whole", file=source, row=row, column=name, value=value)
                numbers.append(int(number) if name in COUNT_TARGETS else number)
            except ArithmeticError:
                row = _row_number(rows, i)
                raise report_error("rep_targets_number", file=source, row=row, column=name, value=value) from None
        out[name] = pd.Series(numbers, dtype=object)
    return out


#: The targets sheet's own words for the target columns, in each language, folded: read as the ids.
_TARGET_WORDS = {fold(W.TARGET_COLUMN[t][lang]): t for t in TARGETS for lang in ("vi", "en")}


def _worded_targets(header: object) -> object:
    """A target column headed in the targets sheet's words ("Chỉ tiêu giảm (hộ)", "Target poor at end") as
    its id; any other header as it is."""
    return _TARGET_WORDS.get(fold(str(header)), header)


def _count(value: str) -> Decimal:
    """A count of households as officers write it, as household counts are read everywhere else
    (vocabulary/numbers.py): ``1.200``, ``1,200`` and ``1 200`` are 1,200, ``54`` is 54; ArithmeticError
    when it is no number."""
    values, bad = parse_numbers(pa.array([value], pa.string()))
    if bad[0] or not np.isfinite(values[0]):
        raise ArithmeticError(value)
    return Decimal(repr(float(values[0])))


def _row_number(rows: Sequence[int] | None, i: int) -> int:
    """The file's number of the table's row ``i``: ``rows``' (a sheet's, below its title), else the row
    below a header on row 1."""
    return int(rows[i]) if rows is not None else i + 2


def _refuse_twice_given(units: pd.DataFrame, source: str, rows: Sequence[int] | None) -> None:
    """Refuse a unit (province, commune, village) given targets on two rows: the report would show both, one
    met and one not, with no word of which the plan means."""
    first: dict[tuple[str, ...], int] = {}
    for i, named in enumerate(zip(*(units[k] for k in ("village", "commune", "province")), strict=True)):
        key = tuple(_name(part) for part in named)  # one unit however its names are typed (Unicode form, case)
        if key in first:
            raise report_error(
                "rep_targets_twice",
                file=source,
                row=_row_number(rows, i),
                columns=", ".join(("province", "commune", "village")),
                unit=", ".join(part for part in named if part),
                first=_row_number(rows, first[key]),
            )
        first[key] = i


def _unit_mask(h: pd.DataFrame, target: Mapping[Any, Any]) -> np.ndarray:
    """The households of the unit a target row names: its village's, its whole commune's (village blank), or
    its whole province's (commune and village blank: a province's plan, "giảm tỷ lệ nghèo 1,5%"; in a report
    of communes whose files name no province, every household of the report)."""
    mask = (_named(h["province"]) == _name(target["province"])).to_numpy().copy()
    if not target["commune"] and not target["village"] and (_text(h["commune"]) != "").any():
        return np.asarray(mask, dtype=bool)
    mask &= (_named(h["commune"]) == _name(target["commune"])).to_numpy()
    if target["village"]:
        mask &= (_named(h["village"]) == _name(target["village"])).to_numpy()
    return np.asarray(mask, dtype=bool)


def unmatched(review: ReviewFrame, targets: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The target rows naming a unit that has no household in the review (``Thôn 1, Xã A, Tỉnh X``), which
    :func:`achieved` leaves out, and the review's communes named with their codes whose name such a row
    writes (``Xã Tân Lập (03001)``, ``Xã Tân Lập (05007)``: two communes of one name, which the reports name
    with their codes)."""
    h = review.households
    communes = sorted({str(c) for c in _text(h["commune"])})
    missing: list[str] = []
    coded: list[str] = []
    for target in targets.to_dict("records"):
        if _unit_mask(h, target).any():
            continue
        missing.append(", ".join(str(target[k]) for k in ("village", "commune", "province") if target[k]))
        prefix = f"{target['commune']} ("
        coded += [c for c in communes if c.startswith(prefix) and c not in coded and target["commune"]]
    return missing, coded


def achieved(review: ReviewFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Per target row: start, end, reduction, rates and whether the targets are met (``COLUMNS``); a row
    naming a unit with no household in the review (:func:`unmatched`) is left out, not shown as 0 to 0."""
    h = review.households
    terms = movement_terms(review, "poor")
    recorded_before = (h["start"] != "").to_numpy()
    rows = []
    for target in targets.to_dict("records"):
        mask = _unit_mask(h, target)
        if not mask.any():
            continue
        start, end = int(terms[1][mask].sum()), int(terms[9][mask].sum())
        start_rate = rate(start, int(recorded_before[mask].sum()))
        end_rate = rate(end, int(h["resident"].to_numpy()[mask].sum()))
        rate_drop = None if start_rate is None or end_rate is None else start_rate - end_rate
        checks = []
        if target["target_poor_reduction"] is not None:
            checks.append(start - end >= target["target_poor_reduction"])
        if target["target_poor_end"] is not None:
            checks.append(end <= target["target_poor_end"])
        if target["target_rate_reduction"] is not None:
            checks.append(rate_drop is not None and rate_drop >= target["target_rate_reduction"])
        rows.append(
            {
                **{k: target[k] for k in KEYS},
                "start": start,
                "end": end,
                "reduction": start - end,
                "start_rate": start_rate,
                "end_rate": end_rate,
                "rate_reduction": rate_drop,
                **{t: target[t] for t in TARGETS},
                "met": bool(np.all(checks)) if checks else None,  # no target given: neither met nor missed
            }
        )
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    for name in TARGETS:  # as given: a count stays a whole number beside blanks (never 54.0)
        out[name] = pd.Series([row[name] for row in rows], dtype=object)
    return out


def _text(values: pd.Series) -> pd.Series:
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).str.strip()


def _name(text: str) -> str:
    """A unit's name as matched: its Unicode form (NFC: a file typed on a Mac writes Vietnamese letters
    decomposed), case and spacing set aside, never its accents (Nghi An and Nghi Ân are two communes)."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def _named(values: pd.Series) -> pd.Series:
    """:func:`_name` of each cell (each distinct name once)."""
    text = _text(values)
    return text.map({name: _name(name) for name in text.unique()})
