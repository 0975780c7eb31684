"""The report workbook (docs/reports.md): one sheet per form and per list, ready to print on A4.

Each form sheet carries the header block (ỦY BAN NHÂN DÂN <unit> / CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
NAM — Độc lập - Tự do - Hạnh phúc), the title, the review year, the column headers, the row of
column numbers, then the rows, then the signature block (place and date line, NGƯỜI LẬP BIỂU, TM. ỦY BAN
NHÂN DÂN / CHỦ TỊCH; after each village's list to post too); numbers are numbers (rates with the format
``0.00``), undefined cells are empty; a list's last day of support is a date cell shown as the header
block writes the review date: ``dd/mm/yyyy`` in Vietnamese, ``yyyy-mm-dd`` in English (as the page: 10/12/2025
reads as 12 October to many English readers). Lists are numbered per village with a heading row per
village; a list to post begins each village on a page of its own (the eligible list, to act on, runs on), in a
report of several communes under its own commune's header block and signature (ỦY BAN NHÂN DÂN XÃ …). Every
printed page has the sheet's title, unit and year at its top and its page number at its foot. Written with
openpyxl to a temporary file in the target folder, then renamed (a reader sees the old workbook or
the new one).
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
import weakref
from copy import copy
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..vocabulary import words as W
from .forms import Form
from .html import default_k, report_af  # the same AF measures af.csv and the page hold
from .lists import HouseholdList
from .model import Report
from .units import subtotal_label

_KEY_WIDTH = 28
DATE_FORMAT = {"vi": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
"""How the workbook shows a date cell, by language, as the header block and the page write a day
(:func:`~poverty_rules.vocabulary.words.day`: 10/12/2025, 2025-12-10)."""


def write_xlsx(report: Report, path: Path) -> Path:
    """Write ``report`` as one workbook at ``path`` (atomically)."""
    from openpyxl import Workbook  # the workbook writer: a dependency, loaded only for this job

    book = Workbook()
    book.remove(book.active)
    for form in [*report.forms, *report.local_forms]:
        _form_sheet(book, report, form)
    for household_list in [*report.lists, *([report.eligible] if report.eligible is not None else [])]:
        _list_sheet(book, report, household_list)
    for household_list in report.local_lists:
        _list_sheet(book, report, household_list)
    if report.targets is not None:
        _targets_sheet(book, report)
    if report.review.ruleset is not None:
        _af_sheet(book, report)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            book.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes the file private (0600); a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


FONT_NAME = "Calibri"
"""The typeface of every cell the workbook writes: openpyxl's default font (a workbook's "Normal" style), named
in each font the writer sets too. The page breaks' estimate (:data:`_WIDTH_POINTS`, :data:`_ROW_POINTS`,
:func:`_lines`) counts its widths and heights: a font that named no typeface (``<font><b/></font>``, as
``Font(bold=True)`` writes) was laid out in whatever the opening program chose (LibreOffice: its own default),
and the pages ended elsewhere than counted."""

FONT_SIZE = 11.0
"""The size of the cells' type, in points (the title's :data:`_TITLE_SIZE` aside), as :data:`FONT_NAME`."""

_TITLE_SIZE = 13.0
"""The size of a sheet's title, in points."""


@cache
def _styles() -> dict[str, Any]:
    """The workbook's fonts, alignments and borders: made once, so that :func:`_paint` knows each by its identity.
    Each font names :data:`FONT_NAME` and its size, the font the page breaks are counted for."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    return {
        "bold": Font(name=FONT_NAME, size=FONT_SIZE, bold=True),
        "italic": Font(name=FONT_NAME, size=FONT_SIZE, italic=True),
        "title": Font(name=FONT_NAME, size=_TITLE_SIZE, bold=True),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "wrap": Alignment(vertical="top", wrap_text=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
    }


_PAINTED: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Any]] = weakref.WeakKeyDictionary()
"""Per workbook: the style ids each combination of :func:`_styles`' objects was given there."""


def _paint(
    cell: Any, *, font: Any = None, alignment: Any = None, border: Any = None, number_format: str | None = None
) -> None:
    """Give ``cell`` a font, an alignment, a border and a number format (None: leave it as it is).

    openpyxl looks each style object it is given up in the workbook's tables by hashing it whole: a province's
    workbook (100,000 cells) spent most of its time there. Each combination is set through openpyxl once per
    workbook; other cells get a copy of the style ids it made (``cell._style``, as openpyxl's documentation
    copies a style from one cell to another). The objects are :func:`_styles`' (kept alive by its cache),
    so their identities name them."""
    done = _PAINTED.setdefault(cell.parent.parent, {})
    key = (tuple(cell._style) if cell.has_style else None, id(font), id(alignment), id(border), number_format)
    style = done.get(key)
    if style is not None:
        cell._style = copy(style)
        return
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    if number_format is not None:
        cell.number_format = number_format
    done[key] = copy(cell._style)


def _header_block(
    sheet: Any,
    report: Report,
    title: str,
    width: int,
    on: date | None = None,
    *,
    top: int = 1,
    unit: str | None = None,
    standard: dict[str, str] | None = None,
) -> int:
    """The header block and title from row ``top``; returns the next free row.

    The committee's name is centred over the left half of the table's columns and the republic's over the
    right half, the title and the dates over all of them: merged cells that wrap, each row as high as its
    text needs (Excel does not fit a merged cell's row to its text, so a long commune name or a local
    standard's long title was cut off). ``unit``: the committee of one commune's section (a village's list
    of a report of several communes, posted by its commune), which names no other commune; by default the
    report's unit, with the line saying which communes it covers. The dates' line names the standard the
    sheet's counts and statuses follow (a form sent up says whether the national standard or a local one
    classified its households): ``standard``'s title, {vi, en}, else the report's ruleset's."""
    lang = report.lang
    s = _styles()
    name = report.unit_name if unit is None else unit
    half = max(width // 2, 1)
    # no unit known (communes whose files name no province): a blank to fill in, as the place line leaves one
    left = f"{W.FORM_HEADER['committee'][lang]} {name.upper().strip() or '……'}"
    _block(sheet, top, 1, half, left, s["bold"], s["center"])
    right_end = max(width, half + 1)
    _block(sheet, top, half + 1, right_end, W.FORM_HEADER["republic"][lang], s["bold"], s["center"])
    _block(sheet, top + 1, half + 1, right_end, W.FORM_HEADER["motto"][lang], s["bold"], s["center"])
    _block(sheet, top + 3, 1, width, title, s["title"], s["center"])
    when = []
    if report.year:
        when.append(f"{W.FORM_HEADER['year'][lang]} {report.year}")
    if report.review_dates:  # a year's report from the history: each commune's day
        days = ", ".join(W.day(day, lang) for day in report.review_dates)
        when.append(f"{W.FORM_HEADER['review_date'][lang]}: {days}")
    if on is not None:  # a list drawn up for a day of its own (the eligible list, --eligible-on)
        when.append(f"{W.FORM_HEADER['list_on'][lang]}: {W.day(on, lang)}")
    titled = standard or _standard_title(report)
    if titled:
        when.append(f"{W.FORM_HEADER['standard'][lang]}: {titled[lang]}")
    _block(sheet, top + 4, 1, width, " — ".join(when), None, s["center"])
    if unit is not None:  # one commune's section: the sheet's running head is the report's
        return top + 6
    _running_head(sheet, report, title)
    covers = report.coverage()
    if covers:  # a report of several communes (a district's) says which it covers
        _block(sheet, top + 5, 1, width, covers, None, s["center"])
        return top + 7
    return top + 6


def _standard_title(report: Report) -> dict[str, str] | None:
    """The title, {vi, en}, of the standard the report's forms follow (the file's, as the page names it; a local
    standard read from a file this install does not have, by its id), or None when the report has none."""
    given = report.review.extra.get("standard_title")
    if given:
        return dict(given)
    rs = report.review.ruleset
    return None if rs is None else {"vi": rs.title.vi, "en": rs.title.en}


_HEAD_CHARS = 200
"""The most characters of a sheet's running head (Excel takes 255 for a header, its codes included)."""


def _running_head(sheet: Any, report: Report, title: str) -> None:
    """What every printed page of the sheet says above and below its table, the header block being on the
    first page alone: the title, the unit and the year at the top ("R1. Tổng hợp … — Xã Hưng Chính — Năm
    2025"), so a second page of a form, or a village's list posted on its own pages, says what it is and
    whose; and "Trang 2/5" at the foot, so the printed pages can be put back in order."""
    lang = report.lang
    year = f"{W.FORM_HEADER['year'][lang]} {report.year}" if report.year else ""
    text = " — ".join(part for part in (title, report.unit_name, year) if part)
    if len(text) > _HEAD_CHARS:
        text = text[: _HEAD_CHARS - 1] + "…"
    sheet.oddHeader.center.text = text.replace("&", "&&")  # '&' starts an Excel code: '&&' writes it
    sheet.oddHeader.center.size = 8
    sheet.oddFooter.center.text = W.FORM_HEADER["page_of"][lang]
    sheet.oddFooter.center.size = 8


_CODE_SUFFIX = re.compile(r"\s*\([0-9/]+\)$")
"""The commune code the reports add to a name other communes share (``Xã Tân Lập (03001)``): no part of the
place a list is signed at."""

_UNIT_WORDS = ("xã", "phường", "thị trấn", "thị xã", "huyện", "quận", "thành phố", "tỉnh")
"""The words a unit's name begins with, left out of the place the signature block is dated at."""


def _signatures(sheet: Any, report: Report, row: int, width: int, unit: str | None = None) -> int:
    """The signature block under a form or a list, as the official forms end: on the left the preparer's
    (NGƯỜI LẬP BIỂU, signed with the full name), on the right the place and date line for the day it is
    signed and the committee chair's (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, signed and sealed); ``row`` is the
    first row under the table, ``unit`` the committee signing (default: the report's unit). Returns the next
    free row."""
    lang = report.lang
    s = _styles()
    italic = s["italic"]
    half = max(width // 2, 1)
    right_end = max(width, half + 1)
    name = _CODE_SUFFIX.sub("", report.unit_name if unit is None else unit)  # Xã Tân Lập (03001): Tân Lập
    for word in _UNIT_WORDS:  # Xã Hưng Chính → Hưng Chính, ngày … tháng … năm 2026
        if name.lower().startswith(f"{word} "):
            name = name[len(word) + 1 :].strip()
            break
    year = str(report.year) if report.year else "……"
    top = row + 1
    dated = W.FORM_HEADER["place_date"][lang].format(place=name or "……", year=year)
    _block(sheet, top, half + 1, right_end, dated, italic, s["center"])
    _block(sheet, top + 1, 1, half, W.FORM_HEADER["prepared_by"][lang], s["bold"], s["center"])
    _block(sheet, top + 2, 1, half, W.FORM_HEADER["sign_name"][lang], italic, s["center"])
    _block(sheet, top + 1, half + 1, right_end, W.FORM_HEADER["on_behalf"][lang], s["bold"], s["center"])
    _block(sheet, top + 2, half + 1, right_end, W.FORM_HEADER["chair"][lang], s["bold"], s["center"])
    _block(sheet, top + 3, half + 1, right_end, W.FORM_HEADER["sign_seal"][lang], italic, s["center"])
    return top + 4


def _block(sheet: Any, row: int, first: int, last: int, text: str, font: Any, alignment: Any) -> None:
    """``text`` in ``row`` over columns ``first``…``last`` (merged when more than one), wrapped, and the row
    made as high as the text's lines need at the columns' widths (the highest of the row's blocks)."""
    cell = sheet.cell(row, first, text)
    _paint(cell, font=font, alignment=alignment)
    if last > first:
        _merge(sheet, row, first, last)
    size = float(getattr(font, "size", None) or FONT_SIZE)
    lines = _lines(text, size, sum(_width(sheet, j) for j in range(first, last + 1)))
    height = lines * size * 1.4 + 2
    if lines > 1 and height > (sheet.row_dimensions[row].height or 0):
        sheet.row_dimensions[row].height = min(height, 409)  # Excel's highest row


def _lines(text: str, size: float, width: float) -> int:
    """How many lines ``text`` takes wrapped in ``width`` (Excel's column units, about one digit of the
    :data:`FONT_SIZE`-point :data:`FONT_NAME` each) at ``size`` points: a generous estimate (capitals and marks are
    wide)."""
    per_char = size / FONT_SIZE * (1.35 if text.isupper() else 1.15)
    chars = max(int(width / per_char) - 1, 1)
    return max(len(textwrap.wrap(text, chars)), 1)


def _width(sheet: Any, column: int) -> float:
    """A column's width as set (before the header block), or Excel's default width."""
    dimension = sheet.column_dimensions[_letter(column)]
    return float(dimension.width) if dimension.customWidth else 8.43


def _print_setup(sheet: Any, header_row: int, landscape: bool, *, numbered: bool = True) -> None:
    """A4, one page wide; the header row and the row of column numbers under it (``numbered``) printed on
    every page and frozen on screen. A sheet of several tables (``numbered=False``: the AF sheet) repeats
    no row — the first table's header above the others' rows would name the wrong columns — and freezes
    only its first header."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if numbered:
        sheet.print_title_rows = f"{header_row}:{header_row + 1}"
    sheet.freeze_panes = f"B{header_row + (2 if numbered else 1)}"


_A4_POINTS = (595.3, 841.9)
"""An A4 sheet's width and height, in points (210 × 297 mm)."""

_WIDTH_POINTS = 5.25
"""A column's width unit in points: one digit of the 11-point Calibri (:data:`FONT_NAME`, :data:`FONT_SIZE`), 7
pixels at 96 dpi. Excel's own page
adds a few pixels of padding per column, so a sheet is a little wider than this makes it, printed a little
smaller, and holds a little more on a page than :class:`_Pager` counts: never less."""

_ROW_POINTS = 15.0
"""Excel's height of a row of one line of the 11-point Calibri (:data:`FONT_NAME`, :data:`FONT_SIZE`; a row of no
height set)."""

_PAGE_SHARE = 0.9
"""The share of a printed page :class:`_Pager` fills: the rest is room for a spreadsheet program that lays a row
out a little higher than Excel (LibreOffice's header and footer take some of the margins)."""


class _Pager:
    """How full the printed page being written is: a sheet printed one A4 page wide (:func:`_print_setup`) of
    ``width`` columns, ``landscape`` or not, at the scale that fits its columns' widths on the page. The writer
    asks whether the next rows fit (:meth:`fits`) and, when they do not, ends the page itself with a row break
    and begins the next one with the rows every page of its table needs (a list's column heads, which the
    sheet's one print-title range cannot give each commune's section), or keeps rows that belong together (a
    unit's "Hộ" and "Nhân khẩu" rows) on one page. Heights are counted as Excel lays rows out (the rows'
    heights set, else one line's), on :data:`_PAGE_SHARE` of the page: the page ends where the writer ends
    it, never earlier at a break of the program's own."""

    def __init__(self, sheet: Any, width: int, landscape: bool) -> None:
        margins = sheet.page_margins
        page_w, page_h = reversed(_A4_POINTS) if landscape else _A4_POINTS
        printable_w = page_w - (margins.left + margins.right) * 72
        printable_h = page_h - (margins.top + margins.bottom) * 72
        columns = sum(_width(sheet, j) for j in range(1, width + 1)) * _WIDTH_POINTS
        scale = min(1.0, printable_w / columns) if columns else 1.0
        self.capacity = printable_h / scale * _PAGE_SHARE
        self.used = 0.0
        self.rows = 0  # rows of the table on the page: a page is never ended before its first

    def fits(self, height: float) -> bool:
        """Whether rows ``height`` points high fit on the page under those written (always on a page with no
        table row yet: a row higher than a page cannot be helped by a break)."""
        return self.rows == 0 or self.used + height <= self.capacity

    def add(self, height: float, *, rows: int = 1) -> None:
        self.used += height
        self.rows += rows

    def new_page(self, used: float) -> None:
        """A page begun under rows ``used`` points high (its header block and column heads, or the print titles)."""
        self.used = used
        self.rows = 0


def _rows_points(sheet: Any, first: int, last: int) -> float:
    """The height of rows ``first``…``last`` as printed: each row's height set, else one line's."""
    heights = sheet.row_dimensions
    return sum(float(heights[r].height or _ROW_POINTS) if r in heights else _ROW_POINTS for r in range(first, last + 1))


def _fit_row(sheet: Any, row: int, texts: list[str]) -> float:
    """Make ``row`` as high as its longest wrapped cell needs (``texts``, one per column from A, at the columns'
    widths) when that is more than one line, as Excel would lay it out: the height :class:`_Pager` counts is then
    the height printed. Returns the row's height."""
    lines = max((_cell_lines(text, _width(sheet, j)) for j, text in enumerate(texts, start=1)), default=1)
    if lines <= 1:
        return _ROW_POINTS
    height = min(lines * _ROW_POINTS + 2, 409.0)
    sheet.row_dimensions[row].height = height
    return height


def _cell_lines(text: str, width: float) -> int:
    """:func:`_lines` of an 11-point cell, at once for a text shorter than its column (most names and codes)."""
    if len(text) <= int(width / 1.35) - 1:
        return 1
    return _wrapped_lines(text, width)


@lru_cache(maxsize=4096)
def _wrapped_lines(text: str, width: float) -> int:
    """:func:`_lines` of a longer cell, once per text and width: a list's deprivations repeat a few patterns
    over a province's households."""
    return _lines(text, FONT_SIZE, width)


_SIGNATURES_POINTS = 6 * _ROW_POINTS
"""The height of the signature block under a table (:func:`_signatures`: a blank row and four, one of them the
place and date line, which may wrap): kept on the page of the table's last row."""


def _given_unit(report: Report) -> str:
    """The unit a report of one province's communes names with ``--unit-name`` when it is not that province
    (``Huyện Nghi Lộc``): its form's province row sums that unit's communes, not the province's, and is named
    after it; ``""`` when none is given, it is the province, or the report covers several provinces."""
    given = (report.unit_label or "").strip()
    provinces = {str(p).strip() for p in report.review.households["province"].fillna("").unique()}
    if not given or len(provinces) != 1 or given.casefold() == next(iter(provinces)).casefold():
        return ""
    return given


def _unit_label(row: dict[Any, Any], lang: str, given_unit: str = "") -> str:
    """A form row's name: its village, ``Cộng Xã A`` / ``Cộng Tỉnh B`` for a subtotal (``Cộng Huyện X``, the
    ``given_unit``, for the province row of a district's report), an area's row, else the total."""
    level = row["level"]
    if level == "village":
        return f"{row['village'] or '—'}"
    if level == "province" and given_unit:
        return subtotal_label(W.LEVEL["given_unit"][lang], given_unit)
    if level in ("commune", "province"):
        return subtotal_label(W.LEVEL[level][lang], str(row[level]))
    if level == "area":
        return W.AREA_ROW.get(row["area"], {lang: row["area"]})[lang]
    return W.LEVEL["total"][lang]


def _form_sheet(book: Any, report: Report, form: Form) -> None:
    lang = report.lang
    s = _styles()
    local = form.id == "r1_local"  # R1 by the local standard (issue #12), beside the national forms
    sheet = book.create_sheet(W.LOCAL_REPORT["sheet"][lang] if local else form.id.upper())
    has_row = "row" in form.rows.columns
    lead = 2 if has_row else 1
    width = lead + len(form.columns)
    sheet.column_dimensions["A"].width = _KEY_WIDTH
    for j in range(2, lead + 1):
        sheet.column_dimensions[_letter(j)].width = 12
    for j, column in enumerate(form.columns, start=lead + 1):  # R1's rates hold at most 100,00: "Tỷ lệ" over "(%)"
        sheet.column_dimensions[_letter(j)].width = _RATE_WIDTH if column.label == W.FORM_COLUMN["rate"] else 12
    by = report.review.local_title if local else None  # R1 by the local standard: its title
    top = _header_block(sheet, report, f"{'R1' if local else form.id.upper()}. {form.title[lang]}", width, standard=by)
    if local:
        sheet.cell(top - 1, 1, W.LOCAL_REPORT["note"][lang])
    headers = [W.FORM_COLUMN["unit"][lang], *([W.FORM_COLUMN["row"][lang]] if has_row else [])]
    headers += [c.label[lang] for c in form.columns]
    numbers = ["A", *(["B"] if has_row else []), *[c.number for c in form.columns]]
    for j, (text, number) in enumerate(zip(headers, numbers, strict=True), start=1):
        head = sheet.cell(top, j, text)
        _paint(head, font=s["bold"], alignment=s["center"], border=s["border"])
        _paint(sheet.cell(top + 1, j, number), alignment=s["center"], border=s["border"])
    r = top + 2
    given = _given_unit(report)
    sheet.row_dimensions[top].height = _heads_height(sheet, headers)
    # R2, R3: a unit's "Hộ" and "Nhân khẩu" rows are printed on one page, the page ended above the first when
    # both do not fit; a page after the first begins under the print titles (the heads and the column numbers)
    pager = _Pager(sheet, width, landscape=width > 8) if has_row else None
    if pager is not None:
        pager.new_page(_rows_points(sheet, 1, top + 1))
    records = form.rows.to_dict("records")
    for i, row in enumerate(records):
        bold = row["level"] != "village"
        values: list[Any] = [_unit_label(row, lang, given)]
        if has_row:
            values.append(W.FORM_ROW[row["row"]][lang])
        values += [row[f"c{c.number}"] for c in form.columns]
        if pager is not None:
            height = _fit_row(sheet, r, [str(v) for v in values[:lead]])
            if row["row"] == "households":  # with the unit's persons row under it
                pair = [v for v in records[i + 1 : i + 2] if v["row"] == "persons"]
                last = i + 1 + len(pair) == len(records)  # the last unit signed under, on its page
                if not pager.fits(height * (1 + len(pair)) + (_SIGNATURES_POINTS if last else 0)):
                    sheet.row_breaks.append(_break(r - 1))
                    pager.new_page(_rows_points(sheet, top, top + 1))
            pager.add(height)
        for j, value in enumerate(values, start=1):
            fmt = "0.00" if isinstance(value, Decimal) else "#,##0" if isinstance(value, int) else None
            wrap = fmt is None and j <= lead  # a unit's name longer than its column wraps, never cut off
            _table_cell(sheet, r, j, _number(value), fmt, wrap=wrap, bold=bold)
        r += 1
    _signatures(sheet, report, r, width)
    _print_setup(sheet, top, landscape=width > 8)


_RATE_WIDTH = 9
"""The width of a form's column headed "Tỷ lệ (%)" alone (R1's six rates, at most "100,00"): 12 as its counts'
columns, R1 printed one A4 page wide at two thirds of its size."""

_HEADS_HEIGHT = 75.0
"""The least height of a form's row of column heads, in points: five lines of 11-point type."""


def _heads_height(sheet: Any, heads: list[str]) -> float:
    """The height of a form's row of column heads (``heads``, in column order from A): as high as its longest
    head needs, wrapped at its column's width, at least :data:`_HEADS_HEIGHT` (R8's "Households with a
    meritorious person: Near-poor (Persons)" takes six lines of its 12-wide column, and a fixed 75 points cut
    the last off on screen and on paper); Excel's highest row at most."""
    lines = max((_lines(text, FONT_SIZE, _width(sheet, j)) for j, text in enumerate(heads, start=1)), default=1)
    return min(max(lines * _ROW_POINTS + 4, _HEADS_HEIGHT), 409.0)


_PORTRAIT_WIDTH = 130
"""The widest list, in Excel's character widths, printed portrait: A4 portrait holds about 90 within its
margins, so a list of 130 prints at 70% (8-point type), the posted lists' 119 at three quarters; a wider one
(the undetermined list's 171, a list by the local standard's 135) prints landscape, at 80% or more, not at half
its size."""


def _list_sheet(book: Any, report: Report, household_list: HouseholdList) -> None:
    lang = report.lang
    s = _styles()
    local = W.LOCAL_REPORT.get(f"sheet_{household_list.id}")  # a list by the local standard (issue #12)
    sheet = book.create_sheet((local or W.SHEET[household_list.id])[lang])
    # the escaped households' lists have no deprivations to show (docs/reports.md: for the poor and near-poor):
    # a posted list with an always-empty "Các chỉ số thiếu hụt" column read as data lost
    hidden = ("province", "commune", "village", *(("deprived",) if household_list.id.startswith("escaped_") else ()))
    hidden += ("until_next_review",)  # said in words in the last day's column (below)
    columns = [c for c in household_list.rows.columns if c not in hidden]
    width = len(columns)
    on = report.eligible_on if household_list.id == "eligible" else None
    widths = {
        "number": 6,
        "household_id": 14,
        "head_name": 26,
        "persons": 9,
        "status": 16,
        "deprived": 48,
        "undetermined_by": 36,
    }
    for j, name in enumerate(columns, start=1):
        sheet.column_dimensions[_letter(j)].width = widths.get(name, 16)
    landscape = sum(widths.get(name, 16) for name in columns) > _PORTRAIT_WIDTH
    standard = None
    if "local_status" in columns and not local and report.review.local_title:  # a local list's says it above
        standard = f"{W.LOCAL_REPORT['standard'][lang]}: {report.review.local_title[lang]}"

    def column_heads(top: int) -> int:
        """The columns' names and numbers at ``top``; the next free row."""
        for j, name in enumerate(columns, start=1):
            head = sheet.cell(top, j, W.LIST_COLUMN[name][lang])
            _paint(head, font=s["bold"], alignment=s["center"], border=s["border"])
            _paint(sheet.cell(top + 1, j, j), alignment=s["center"], border=s["border"])
        _fit_row(sheet, top, [W.LIST_COLUMN[name][lang] for name in columns])
        return top + 2

    def village_heading(at: int, heading: str, more: bool = False) -> int:
        """The village's heading row at ``at`` ("Thôn: Thôn 1, Xã A, Tỉnh B", ``more``: "… (tiếp theo)" on a page
        it goes on to); the next free row."""
        text = f"{W.LIST_COLUMN['village'][lang]}: {heading}"
        if more:
            text = f"{text} {W.FORM_HEADER['continued'][lang]}"
        _paint(sheet.cell(at, 1, text), font=s["bold"])
        _merge(sheet, at, 1, width)
        return at + 1

    # a list to post of a report of several communes: each village's list is its own commune's, headed and
    # signed by its committee (ỦY BAN NHÂN DÂN XÃ …), not the province's, its columns named on its own pages
    by_commune = household_list.id != "eligible" and len(report.communes) > 1 and not household_list.rows.empty
    by = report.review.local_title if local else None  # a list by the local standard: its title
    top = 1 if by_commune else _header_block(sheet, report, household_list.title[lang], width, on, standard=by)
    if standard and not by_commune:
        sheet.cell(top - 1, 1, standard)
    r = top if by_commune else column_heads(top)
    current = None
    commune = None
    heading = ""
    # a village's list to post running past a page ends it here and goes on under "Thôn … (tiếp theo)" (a commune's
    # section has its own header rows, so the sheet's print titles cannot repeat its column heads: they are written
    # again; a report of one commune repeats them as print titles), signed on the page of its last household
    posted = household_list.id != "eligible" and not household_list.rows.empty
    pager = _Pager(sheet, width, landscape) if posted else None
    titles = 0.0 if by_commune else _rows_points(sheet, top, top + 1)  # a page's print titles after the first
    records = household_list.rows.to_dict("records")
    places = [(row["province"], row["commune"], row["village"]) for row in records]
    for i, row in enumerate(records):
        place = places[i]
        if place != current:
            if current is not None and household_list.id != "eligible":  # each village's list on pages of its own
                r = _signatures(sheet, report, r, width, commune)  # signed, as each village's list is posted
                sheet.row_breaks.append(_break(r - 1))
            current = place
            section = r
            if by_commune:
                commune = str(row["commune"])
                r = _header_block(
                    sheet, report, household_list.title[lang], width, on, top=r, unit=commune, standard=by
                )
                if standard:
                    sheet.cell(r - 1, 1, standard)
            # a blank village is said so, never left out: "Thôn: Xã X" would name the commune as the village
            village = row["village"] or W.FORM_HEADER["no_village"][lang]
            heading = ", ".join(p for p in (village, row["commune"], row["province"]) if p)
            r = village_heading(r, heading)
            if by_commune:
                r = column_heads(r)
            if pager is not None:
                later = by_commune or section != top + 2  # a page after the sheet's first: under its print titles
                pager.new_page(_rows_points(sheet, section, r - 1) + titles if later else _rows_points(sheet, 1, r - 1))
        values = [_date(row[name]) if name == "eligible_until" else _number(row[name]) for name in columns]
        if row.get("until_next_review"):  # a poor or near-poor household's support: until a later review, in words
            values[columns.index("eligible_until")] = W.UNTIL_NEXT_REVIEW[lang]
        if pager is not None:
            texts = ["" if value is None else str(value) for value in values]
            height = _fit_row(sheet, r, texts)
            last = i + 1 == len(records) or places[i + 1] != place  # signed on the page of its last household
            if not pager.fits(height + (_SIGNATURES_POINTS if last else 0)):
                sheet.row_dimensions[r].height = None
                sheet.row_breaks.append(_break(r - 1))
                at = village_heading(r, heading, more=True)
                at = column_heads(at) if by_commune else at
                pager.new_page(_rows_points(sheet, r, at - 1) + titles)
                r = at
                height = _fit_row(sheet, r, texts)
            pager.add(height)
        for j, (name, value) in enumerate(zip(columns, values, strict=True), start=1):
            fmt = DATE_FORMAT[lang] if name == "eligible_until" else None  # a date cell, shown as the header's dates
            _paint(sheet.cell(r, j, value), alignment=s["wrap"], border=s["border"], number_format=fmt)
        r += 1
    if household_list.rows.empty:  # a list with no household says so: an empty table printed reads as lost data
        _paint(sheet.cell(r, 1, W.FORM_HEADER["empty_list"][lang]), alignment=s["center"])
        _merge(sheet, r, 1, width)
        r += 1
    _signatures(sheet, report, r, width, commune)
    if by_commune:  # each section has its own header rows: none repeated from the first, none frozen
        _running_head(sheet, report, household_list.title[lang])
        _print_setup(sheet, top, landscape=landscape, numbered=False)
        sheet.freeze_panes = None
    else:
        _print_setup(sheet, top, landscape=landscape)


def _targets_sheet(book: Any, report: Report) -> None:
    lang = report.lang
    s = _styles()
    sheet = book.create_sheet(W.SHEET["targets"][lang])
    frame = report.targets
    assert frame is not None
    columns = ["unit", *[c for c in frame.columns if c not in ("province", "commune", "village")]]
    sheet.column_dimensions["A"].width = _KEY_WIDTH
    for j in range(2, len(columns) + 1):
        sheet.column_dimensions[_letter(j)].width = 14
    top = _header_block(sheet, report, W.FORM_HEADER["targets_title"][lang], len(columns))
    for j, name in enumerate(columns, start=1):
        head = sheet.cell(top, j, W.TARGET_COLUMN[name][lang])
        _paint(head, font=s["bold"], alignment=s["center"], border=s["border"])
        _paint(sheet.cell(top + 1, j, j), alignment=s["center"], border=s["border"])
    r = top + 2
    provinces = {str(p) for p in report.review.households["province"].dropna()}
    district = bool(report.unit_label and report.unit_label.strip()) and len(provinces) <= 1  # --unit-name
    for row in frame.to_dict("records"):
        unit = ", ".join(p for p in (row["village"], row["commune"], row["province"]) if p)
        if district and not row["commune"] and not row["village"]:  # a district's plan: its communes' sums,
            unit = report.unit_name  # named after it as the forms' province row is (Cộng Huyện Nghi Lộc)
        values = [unit, *[row[c] for c in columns[1:]]]
        bold = not row["village"]  # a whole commune's or province's plan, bold as the forms' subtotals are
        for j, value in enumerate(values, start=1):
            if isinstance(value, bool):
                value = W.TARGET_COLUMN["yes" if value else "no"][lang]
            fmt = None
            if isinstance(value, Decimal):
                fmt = "0.00"
            elif isinstance(_number(value), int):  # a count of households, shown 1.234 as the forms show it
                fmt = "#,##0"
            wrap = fmt is None and j == 1  # the unit's name ("Thôn Đoài, Xã Tà Lèng, Tỉnh Lai Châu") wraps
            _table_cell(sheet, r, j, _number(value), fmt, wrap=wrap, bold=bold)
        r += 1
    _print_setup(sheet, top, landscape=True)


_PERCENT = ("H", "A", "hd", "hdk", "pctb")  # fractions shown as percentages (the value stays a fraction)
_PLACE = ("level", "province", "commune", "village", "area")


def _key(value: Any) -> str:
    """A key cell as text: ``""`` for a missing one (None, NaN, pandas NA)."""
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _af_sheet(book: Any, report: Report) -> None:
    """The Alkire–Foster measures of ``af.csv`` (docs/reports.md) in three tables: per unit at the report's
    cutoff k (N, q, H, A, M0 for each weighting scheme and unit of analysis), per indicator for all units
    (hd, hdk, actb, pctb) and the total at every k. Numbers are numbers: fractions with a percentage
    format, M0 and contributions with four decimals; an undefined value is an empty cell."""
    ruleset = report.review.ruleset
    assert ruleset is not None
    tidy = report_af(report)
    if tidy.empty:
        return
    lang = report.lang
    s = _styles()
    words, page = W.AF_SHEET, W.PAGE
    d = len(ruleset.indicators)
    options: dict[str, Any] = dict(report.extra.get("af") or {})  # type: ignore[call-overload]
    k = int(options.get("k") or default_k(ruleset))
    k = min(k, d)
    sheet = book.create_sheet(W.SHEET["af"][lang])
    width = 8
    sheet.column_dimensions["A"].width = 40
    for j in range(2, width + 1):
        sheet.column_dimensions[_letter(j)].width = 14
    r = _header_block(sheet, report, page["af"][lang], width)
    sheet.cell(r - 1, 1, words["cutoff"][lang].format(k=k, d=d))
    pairs = tidy[["scheme", "unit"]].drop_duplicates()  # in order of first appearance
    combos = list(zip(pairs["scheme"].tolist(), pairs["unit"].tolist(), strict=True))
    headline = ["N", "q", "H", "A", "M0"]
    per_indicator = ["hd", "hdk", "actb", "pctb"]
    # the rows the sheet shows (every unit's headline at k; the total's at every k and per indicator at k):
    # a province's af.csv has millions of rows, read column by column, not row by row
    at_k, total_rows = tidy["k"] == k, tidy["level"] == "total"
    shown = tidy[
        (tidy["measure"].isin(headline) & (at_k | total_rows))
        | (total_rows & at_k & tidy["measure"].isin(per_indicator))
    ]
    names = ("level", "province", "commune", "village", "area", "scheme", "unit", "k", "measure", "indicator")
    value = dict(zip(zip(*(shown[c].tolist() for c in names), strict=True), shown["value"].tolist(), strict=True))

    def combo_words(scheme: str, unit: str) -> list[str]:
        return [page[scheme][lang], page[f"unit_{unit}"][lang]]

    def header(row: int, names: list[str]) -> int:
        for j, text in enumerate(names, start=1):
            _paint(sheet.cell(row, j, text), font=s["bold"], alignment=s["center"], border=s["border"])
        return row + 1

    def put(row: int, cells: list[tuple[Any, str | None]], bold: bool = False) -> int:
        for j, (v, measure) in enumerate(cells, start=1):
            shown = None if v is None or (isinstance(v, float) and v != v) else v
            fmt, wrap = None, False
            if measure in _PERCENT:
                fmt = "0.00%"
            elif measure in ("M0", "actb"):
                fmt = "0.0000"
            elif measure in ("N", "q"):
                fmt = "#,##0" if float(shown or 0).is_integer() else "#,##0.00"
            elif isinstance(shown, str):  # a unit's or an indicator's name wraps, never cut off
                wrap = True
            _table_cell(sheet, row, j, _number(shown), fmt, wrap=wrap, bold=bold)
        return row + 1

    how = [page["weights"][lang], words["unit_of_analysis"][lang]]
    _paint(sheet.cell(r, 1, words["by_unit"][lang].format(k=k)), font=s["bold"])
    first_header = r + 1  # under the header block: a row lower in a report of several communes (Gồm 2 xã: …)
    r = header(
        first_header,
        [W.FORM_COLUMN["unit"][lang], *how, *[words[m][lang] for m in headline]],
    )
    r1 = next((f for f in report.forms if f.id == "r1"), None)
    places = (
        [
            tuple(str(x) for x in row)
            for row in r1.rows[["level", "province", "commune", "village", "area"]].itertuples(index=False)
        ]
        if r1 is not None
        else [("total", "", "", "", "")]
    )
    given = _given_unit(report)
    for scheme, unit in combos:
        for place in places:
            key = (*place, scheme, unit, k)
            if (*key, "N", "") not in value:
                continue
            label = _unit_label(
                dict(zip(("level", "province", "commune", "village", "area"), place, strict=True)),
                lang,
                given,
            )
            cells: list[tuple[Any, str | None]] = [(label, None), *[(w, None) for w in combo_words(scheme, unit)]]
            cells += [(value.get((*key, m, "")), m) for m in headline]
            r = put(r, cells, bold=place[0] != "village")
    r += 1
    sheet.row_breaks.append(_break(r - 1))  # each table on pages of its own, under its own header
    indicator_words = {ind.id: getattr(ind.label, lang) for ind in ruleset.indicators}
    _paint(sheet.cell(r, 1, words["by_indicator"][lang].format(k=k)), font=s["bold"])
    r = header(
        r + 1,
        [page["indicator"][lang], *how, *[words[m][lang] for m in per_indicator]],
    )
    total = ("total", "", "", "", "")
    for scheme, unit in combos:
        for ind in ruleset.indicators:
            cells = [(indicator_words[ind.id], None), *[(w, None) for w in combo_words(scheme, unit)]]
            cells += [(value.get((*total, scheme, unit, k, m, ind.id)), m) for m in per_indicator]
            r = put(r, cells)
    r += 1
    sheet.row_breaks.append(_break(r - 1))
    _paint(sheet.cell(r, 1, words["by_k"][lang]), font=s["bold"])
    r = header(r + 1, [words["k"][lang], *how, *[words[m][lang] for m in headline]])
    for scheme, unit in combos:
        for kk in range(1, d + 1):
            cells = [(kk, None), *[(w, None) for w in combo_words(scheme, unit)]]
            cells += [(value.get((*total, scheme, unit, kk, m, "")), m) for m in headline]
            r = put(r, cells, bold=kk == k)
    _print_setup(sheet, first_header, landscape=True, numbered=False)


def _number(value: Any) -> Any:
    """Cells hold numbers as numbers: Decimal → float (the shown two places are exact), None → empty."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _date(value: Any) -> date | str | None:
    """An ISO day (``2028-12-09``, as the reviewed file and the history write it) as a date; empty → None.
    Text that is not such a day is kept as it is."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return text


def _break(row: int) -> Any:
    """A page break after ``row`` (openpyxl's ``Break``)."""
    from openpyxl.worksheet.pagebreak import Break

    return Break(id=row)


def _table_cell(sheet: Any, row: int, column: int, value: Any, fmt: str | None, *, wrap: bool, bold: bool) -> None:
    """A cell of a table: bordered, in number format ``fmt`` (None: as it is), wrapped (a name longer than
    its column, never cut off by the next cell) and bold (a subtotal's row) when asked."""
    s = _styles()
    _paint(
        sheet.cell(row, column, value),
        font=s["bold"] if bold else None,
        alignment=s["wrap"] if wrap else None,
        border=s["border"],
        number_format=fmt,
    )


def _merge(sheet: Any, row: int, first: int, last: int) -> None:
    """Cells ``first``…``last`` of ``row`` merged into one. openpyxl's ``merge_cells`` first compares the range
    with every range the sheet already merged (a list of a province's villages, each under its commune's
    header block and signatures, merges thousands: quadratic time); the blocks written here never overlap, so
    the range is added as ``merge_cells`` adds it, without that search (openpyxl 3.1 keeps the ranges in a set;
    any other layout gets ``merge_cells`` itself)."""
    from openpyxl.worksheet.merge import MergedCellRange

    ranges = sheet.merged_cells.ranges
    if not isinstance(ranges, set) or not hasattr(sheet, "_clean_merge_range"):
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        return
    merged = MergedCellRange(sheet, f"{_letter(first)}{row}:{_letter(last)}{row}")
    ranges.add(merged)
    sheet._clean_merge_range(merged)


def _letter(j: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(j))
