"""One report: the forms, the lists and the targets of one review, built once for every writer.

The XLSX workbook, the CSV export and (issue 14) the HTML page all take a :class:`Report`, so the
same numbers appear in each (docs/reports.md, "Command and library").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..vocabulary.text import vietnamese_key
from .forms import Form, build_forms, r1_local
from .frame import ReviewFrame
from .lists import HouseholdList, eligible_list, local_lists, village_lists
from .targets import achieved
from .units import coverage_line

PAGE_FORMS = ("r1",)
"""The forms the HTML page reads (:func:`~poverty_rules.reports.html.write_html_report`): its village table."""
COVERAGE_NAMED = 40
"""How many communes the line under a report's title names; a report of more says how many (a line of four
hundred names would be taller than a spreadsheet row can be), each still named by its rows."""


@dataclass
class Report:
    """Everything a review puts on paper."""

    review: ReviewFrame
    lang: str
    forms: list[Form]
    lists: list[HouseholdList]
    eligible: HouseholdList | None = None
    eligible_on: date | None = None  # the day the eligible list is drawn up for (default: the review's date)
    targets: pd.DataFrame | None = None
    extra: dict[str, object] = field(default_factory=dict)
    local_forms: list[Form] = field(default_factory=list)  # by the local standard: workbook and page only
    local_lists: list[HouseholdList] = field(default_factory=list)  # likewise
    unit_label: str | None = None  # the unit the header block names, when given (report --unit-name)

    @property
    def unit_name(self) -> str:
        """The unit named in the header block: the one given (``--unit-name``: a district), else the commune
        when one, else the province when one."""
        if self.unit_label and self.unit_label.strip():
            return self.unit_label.strip()
        h = self.review.households  # each distinct name once: a province's file holds hundreds of thousands
        communes = sorted({str(c) for c in h["commune"].dropna().unique() if str(c).strip()})
        provinces = sorted({str(p) for p in h["province"].dropna().unique() if str(p).strip()})
        if len(communes) == 1 and len(provinces) <= 1:  # Xã Tân Lập of two provinces is two communes
            return communes[0]
        if len(provinces) == 1:
            return provinces[0]
        return ""

    @property
    def communes(self) -> list[str]:
        """The communes the report covers, as a Vietnamese dictionary orders them; each with its province in
        brackets when the report covers several provinces (Xã Tân Lập of two provinces is two communes)."""
        places = self.review.households[["province", "commune"]].drop_duplicates()  # each pair once
        pairs = {
            (str(p).strip() if isinstance(p, str) else "", str(c).strip())
            for p, c in zip(places["province"], places["commune"], strict=True)
            if isinstance(c, str) and c.strip()
        }
        several = len({p for p, _ in pairs}) > 1
        named = [f"{c} ({p})" if several and p else c for p, c in pairs]
        return sorted(named, key=vietnamese_key)

    def coverage(self) -> str:
        """The line under the title of a report of several communes (a district's, a province's): how many
        communes and which (up to :data:`COVERAGE_NAMED`); ``""`` for one commune (the header block names it)."""
        communes = self.communes
        if len(communes) < 2:
            return ""
        # a province's hundreds: counted; the forms' rows name each
        return coverage_line(communes, self.lang, named=len(communes) <= COVERAGE_NAMED)

    @property
    def review_dates(self) -> list[date]:
        """The review days the report covers: the review's date, or each day of a year's report from the
        history (``report --db --year``: communes reviewed on different days)."""
        days = self.review.extra.get("review_dates")
        if days:
            return list(days)
        return [self.review.review_date] if self.review.review_date else []

    @property
    def year(self) -> int | None:
        return self.review.review_date.year if self.review.review_date else None


def build_report(
    review: ReviewFrame,
    *,
    lang: str = "vi",
    targets: pd.DataFrame | None = None,
    eligible_on: date | None = None,
    unit_name: str | None = None,
    page: bool = False,
) -> Report:
    """The forms (R1–R7, R8–R9 when the columns exist), the village lists, the households eligible on
    ``eligible_on`` (default: the review date) and, when given, the targets achieved; ``unit_name`` is the
    unit the header block names (default: the commune, else the province: :attr:`Report.unit_name`).
    ``page``: only what the HTML page shows (R1 and the local standard's R1; no other form, no list): the
    page is written from them and the AF measures, and building R2–R7 took most of its time."""
    on = eligible_on or review.review_date
    return Report(
        review=review,
        lang=lang,
        forms=build_forms(review, PAGE_FORMS if page else None),
        lists=[] if page else village_lists(review, lang),
        eligible=eligible_list(review, on, lang) if on is not None and not page else None,
        eligible_on=on,
        targets=achieved(review, targets) if targets is not None else None,
        local_forms=[form] if (form := r1_local(review)) is not None else [],
        local_lists=local_lists(review, lang),
        unit_label=unit_name,
    )
