"""Turning a household table into the engine's columns, and its bad rows into rejects.

* CSV in UTF-8 with or without BOM (Excel's "CSV UTF-8" writes one).
* Headers: canonical names (``household_id``, ``area`` …) or their aliases (``data.schema``: the
  household columns' and each indicator's ``aliases:`` in the ruleset; case, spacing and accents folded).
* ``area``: ``rural`` / ``urban``, ``nông thôn`` / ``thành thị`` / ``đô thị``.
* Money written ``1500000``, ``1.500.000``, ``1,500,000`` or ``1 500 000``; decimals ``7,99`` or ``7.99``.
* Deprivation flags: 1/0, true/false, yes/no, có/không, x; an empty cell is *unknown* — unless the
  file marks deprivations with ``x`` and leaves the rest blank (``blank_flags="not_deprived"``).

Every row either passes to the engine or is rejected with its spreadsheet row number, the column,
the value and what was expected. Nothing here loops over rows in Python: checks are column-wise
(pyarrow compute and numpy).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError
from ..rules.fields import HOUSEHOLD_FIELD_KINDS
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.areas import AREA_WORDS
from ..vocabulary.cells import ASCII_CELLS, holds_any, holds_byte, lookup, single_characters, trimmed
from ..vocabulary.changes import read_change_reasons
from ..vocabulary.choices import BlankFlags
from ..vocabulary.codes import FORMULA_ERROR, formula_errors
from ..vocabulary.dates import parse_days
from ..vocabulary.day import date_parts, excel_serial_day, month_first_day, short_year_parts
from ..vocabulary.flags import FLAG_WORDS
from ..vocabulary.legacy import legacy_font_of
from ..vocabulary.numbers import as_shown, number_texts, parse_numbers
from ..vocabulary.statuses import ambiguous_abbreviations, normalize_status
from ..vocabulary.text import fold
from .ids import (
    PLACE_COLUMNS,
    SeenCodes,
    commune_units,
    first_uses,
    hash_keys,
    household_keys,
    key_columns,
    trimmed_codes,
)
from .plausibility import Figures
from .read import SheetTable, bytes_text, sheet_rows
from .schema import GROUP_COLUMNS, MONEY_COLUMNS, canonical_headers, header_score, money_unit, names_a_number

#: An income, in đồng per person per month, that no household has (a billion): a cell of a column headed in
#: thousands or millions that comes to this much was typed in đồng (``1.500.000`` under ``(nghìn đồng)``), or
#: its decimal point read as a thousands separator (``1.234`` under ``(triệu đồng)``). Plausibility, not law.
IMPLAUSIBLE_MONTHLY_DONG = 1_000_000_000


@dataclass
class Normalized:
    """A household table checked and converted for the engine."""

    frame: pd.DataFrame  # engine columns for the accepted rows, index 0…k-1
    accepted: np.ndarray  # positions (0-based, in the input) of accepted rows
    rejects: pd.DataFrame  # row, household_id, column, value, reason (one line per rejected row)
    rejected: np.ndarray  # positions of rejected rows
    renamed: dict[str, str] = field(default_factory=dict)  # input header -> canonical name
    notes: list[str] = field(default_factory=list)  # warnings worth telling the officer
    member_counts: dict[str, int] = field(default_factory=dict)  # what the members notes count (engine/members.py)
    member_unmatched: list[str] = field(default_factory=list)  # the first codes of member rows of no household
    member_unreadable: dict[str, list[str]] = field(default_factory=dict)  # each column's first unreadable cells
    #: each such column's first unreadable cell: its row in the members file (the officer's row number)
    member_unreadable_rows: dict[str, int] = field(default_factory=dict)
    #: the first member rows that repeat an earlier one cell for cell: (row, earlier row, household code), rows
    #: as the officer numbers them (a table's from 2); how many in ``member_counts``
    member_repeated: list[tuple[int, int, str]] = field(default_factory=list)
    member_source: str = ""  # the members file as its notes name it (``tv.csv (tệp thành viên)``)
    figures: Figures | None = None  # the figures of notes not said (``normalize(say_figures=False)``)
    figures_at: int = 0  # where in ``notes`` those notes go (after the notes about the table's columns)
    #: the notes of ``notes`` saying an indicator column is unknown for every household of this table
    #: (derived for none), by column: a streamed file says one only when every batch says it
    unknown_for_all: dict[str, str] = field(default_factory=dict)
    #: ``--sheet all``: the sheets read and where their rows start (``SheetTable.sheets``), rows being numbered
    #: across the workbook: a rejects file names each row's sheet and its row there (``results/tables.py``)
    sheets: tuple[tuple[str, int, int], ...] = ()


PLACES_SHOWN = 3
"""How many of the places a file's other rows name a blank place's reason names (:class:`NamedPlaces`)."""


@dataclass
class NamedPlaces:
    """The places a review's household file names, for :func:`normalize` (``places=``): the history keeps each
    household under its commune unit (``code|<Mã tỉnh>|<Mã xã>``, else ``name|<Tỉnh>|<Xã>``; review/scope.py),
    so a row that leaves its commune (``Xã``, or ``Mã xã`` in a file of codes alone), its province (``Tỉnh``) or
    its province code (``Mã tỉnh``) blank beside rows that write one would be recorded under another unit — a
    commune of no name —, its status, escape and support window lost the next year, the cell written. Such a row
    is rejected, its reason naming what the other rows write: the officer fills the cell and runs again. A file
    that leaves a column blank on every row (one commune's own file) is reviewed as before.

    One object serves a whole file: a stream's batches add the places they read, in order (a batch's blank
    is checked against the places of the batches before it and its own). ``late`` says that a batch named a place
    an earlier batch left blank on rows it accepted: the streamed review then reviews the file whole."""

    communes: dict[str, None] = field(default_factory=dict)  # the communes named (their codes, else names)
    provinces: dict[str, None] = field(default_factory=dict)  # the provinces named by rows placed by name
    province_codes: dict[str, None] = field(default_factory=dict)  # the province codes of rows placed by code
    blank: set[str] = field(default_factory=set)  # the kinds of blank accepted so far (nothing named yet)
    late: bool = False
    #: the communes rows write with their Mã xã, by (province, commune) folded: their codes in order
    coded_names: dict[tuple[str, str], dict[str, None]] = field(default_factory=dict)
    #: the communes rows accepted so far write without a Mã xã beside rows that have one, folded as above
    uncoded_names: set[tuple[str, str]] = field(default_factory=set)
    coded_written: dict[tuple[str, str], str] = field(default_factory=dict)  # those communes as first written

    def check(self, table: _Source, by_canonical: dict[str, str], problems: _Problems, lang: str) -> None:
        """Add to ``problems`` the rows of ``table`` that leave a place blank beside rows that name one."""
        present = [name for name in PLACE_COLUMNS if name in by_canonical]
        if "commune" not in present and "commune_code" not in present:
            return  # no row placed in a commune: --commune names them all
        texts = {name: table.text(by_canonical[name]) for name in present}
        combo, distinct = commune_units(texts, table.num_rows)
        coded = (distinct["commune_code"] != "").to_numpy()
        named = ~coded & (distinct["commune"] != "").to_numpy()
        nowhere = ~coded & ~named
        no_province = named & (distinct["province"] == "").to_numpy()
        no_province_code = coded & (distinct["province_code"] == "").to_numpy()
        self.communes.update(dict.fromkeys(distinct["commune_code"][coded]))
        self.communes.update(dict.fromkeys(distinct["commune"][named]))
        self.provinces.update(dict.fromkeys(p for p in distinct["province"][named] if p))
        self.province_codes.update(dict.fromkeys(p for p in distinct["province_code"][coded] if p))
        column = "commune" if "commune" in present else "commune_code"
        checks = (
            ("commune", nowhere, column, self.communes, "r_blank_commune"),
            ("province", no_province, "province", self.provinces, "r_blank_province"),
            ("province_code", no_province_code, "province_code", self.province_codes, "r_blank_province"),
        )
        for kind, blank, name, given, key in checks:
            if not blank.any() or name not in present:
                continue
            if not given:
                self.blank.add(kind)  # nothing named yet: a later batch that names one reviews the file whole
                continue
            shown = ", ".join(f"'{place}'" for place in list(given)[:PLACES_SHOWN])
            more = len(given) - PLACES_SHOWN
            places = shown + (f" (+{more})" if more > 0 else "")
            problems.add(blank[combo], name, None, W.msg(key, lang, places=places))
        if "commune" in present and "commune_code" in present:
            self._check_codes(distinct, coded, named, combo, problems, lang)
        self.late = self.late or bool(
            bool(self.uncoded_names & self.coded_names.keys())
            or ("commune" in self.blank and self.communes)
            or ("province" in self.blank and self.provinces)
            or ("province_code" in self.blank and self.province_codes)
        )

    def _check_codes(
        self,
        distinct: pd.DataFrame,
        coded: np.ndarray,
        named: np.ndarray,
        combo: np.ndarray,
        problems: _Problems,
        lang: str,
    ) -> None:
        """Add to ``problems`` the rows that write their commune (``Xã``) without its code (``Mã xã``) while other
        rows write that commune (the same name in the same province: case, accents and spaces aside) with one: the
        history keeps a coded commune's households under its code (``code|<Mã tỉnh>|<Mã xã>``), so such a row would
        be recorded under ``name|<Tỉnh>|<Xã>``, a commune of its own, and the next year, the code written, come back
        as a first review, its status, escape and window lost. A commune no row codes keeps its name as its unit."""
        keys = [(fold(p), fold(c)) for p, c in zip(distinct["province"], distinct["commune"], strict=True)]
        for index in np.flatnonzero(coded).tolist():
            self.coded_names.setdefault(keys[index], {})[distinct["commune_code"][index]] = None
            self.coded_written.setdefault(keys[index], distinct["commune"][index])
        for index in np.flatnonzero(named).tolist():
            codes = self.coded_names.get(keys[index])
            if not codes:
                self.uncoded_names.add(keys[index])  # a later batch that codes it reviews the file whole
                continue
            shown = ", ".join(f"'{code}'" for code in list(codes)[:PLACES_SHOWN])
            more = len(codes) - PLACES_SHOWN
            said = W.msg(
                "r_blank_commune_code",
                lang,
                commune=self.coded_written[keys[index]],
                codes=shown + (f" (+{more})" if more > 0 else ""),
            )
            problems.add(combo == index, "commune_code", None, said)


@dataclass(frozen=True)
class TrimmedCodes:
    """A batch's household codes as :func:`check_keys` trimmed them
    (:func:`~poverty_rules.vocabulary.codes.trimmed_codes`): the header of their column, the codes, and where
    a code is empty (read-only)."""

    column: str
    ids: pa.Array | pa.ChunkedArray
    empty: np.ndarray


def normalize(
    data: pa.Table | pd.DataFrame | SheetTable,
    ruleset: Ruleset,
    *,
    source: str = "<data>",
    blank_flags: BlankFlags = "unknown",
    lang: str = "en",
    first_row: int = 0,
    seen: SeenCodes | None = None,
    first_rows: Callable[[], np.ndarray | None] | None = None,
    codes: Callable[[], TrimmedCodes | None] | None = None,
    say_figures: bool = True,
    derived: frozenset[str] = frozenset(),
    review_date: date | None = None,
    places: NamedPlaces | None = None,
) -> Normalized:
    """Check and convert a household table; rows with problems become rejects, never silently dropped.

    A :class:`~poverty_rules.data.read.SheetTable` brings the sheet row number of every row (the
    rejects name them) and its ragged rows (rejected with the cells they held); a plain table's
    rows are numbered from 2 (the header being row 1), or from ``first_row + 2`` for a batch whose
    first row is the file's ``first_row``-th (0-based). ``seen`` holds the codes of earlier batches
    with the row number that used each first (:class:`~poverty_rules.data.ids.SeenCodes`), so a code
    used before is caught as in a whole file. A code is unique within its commune: the duplicate
    check's key is :func:`~poverty_rules.data.ids.household_keys` (docs/input.md). ``first_rows``:
    that check of this very batch by :func:`check_keys`, which the streamed classify runs on a thread
    of its own: called once every other cell is read, it waits for the check and gives its result
    (None: the check was not done, and is done here against ``seen``); ``codes``: the batch's codes as that check
    trimmed them (:class:`TrimmedCodes`; None, or another column's: trimmed here). ``say_figures=False`` (a batch of
    a stream): the notes from the table's numbers (data/plausibility.py) are not said but kept in
    ``figures``, for the file's notes from every batch's figures. ``derived``: the indicator columns a
    members file will fill where this table has no mark — no note calls them unknown for every
    household, nor counts their blank marks. ``review_date``: an ``escaped_on`` in a later year is rejected (a
    recognition in the future of the review is a mistyped date). ``places`` (a review's): a row that leaves its
    commune, province or province code blank beside rows that name one is rejected (:class:`NamedPlaces`).
    """
    sheet = data if isinstance(data, SheetTable) else None
    if isinstance(data, pd.DataFrame):
        distinct_columns(data, source, lang)
    table = _Source(sheet.table if sheet is not None else data)
    headers = table.column_names
    renamed = canonical_headers(headers, source=source, lang=lang, applied=ruleset)
    by_canonical = {v: k for k, v in renamed.items()}
    where = sheet.source if sheet is not None and sheet.source.startswith(f"{source} [") else source  # its sheet
    if isinstance(data, pd.DataFrame) and _columns_missing(by_canonical, ruleset):
        header_in_rows(data, source, lang)
    header_row: int | str = sheet.header_row if sheet is not None else 1
    if sheet is not None and sheet.sheets:  # --sheet all: a column none of the sheets has, at each one's header
        header_row = ", ".join(f"[{tab}] {row}" for tab, _, row in sheet.sheets)
    _require_columns(by_canonical, ruleset, where, header_row, lang)
    n = table.num_rows
    row_numbers = sheet.rows if sheet is not None else np.arange(first_row + 2, first_row + n + 2, dtype=np.int64)
    problems = _Problems(n, row_numbers)
    notes: list[str] = list(sheet.notes) if sheet is not None else []
    if sheet is not None and sheet.blank_rows:
        notes.append(W.msg("blank_rows", lang, file=source, count=sheet.blank_rows))
    if sheet is not None and sheet.ragged is not None:
        width = len(headers)
        extra = pa.chunked_array([pa.array(sheet.extra or [""] * n, pa.string())])
        reasons = np.array([W.msg("r_ragged", lang, cells=k, width=width) for k in sheet.ragged], dtype=object)
        problems.add(sheet.ragged > 0, "cells", extra, reasons)

    shared = codes() if codes is not None else None  # the key check's thread trimmed them already
    if shared is not None and shared.column == by_canonical["household_id"]:
        ids, empty_id = shared.ids, shared.empty
    else:
        ids = trimmed_codes(table.text(by_canonical["household_id"]))
        empty_id = pc.equal(pc.binary_length(ids), 0).to_numpy(zero_copy_only=False)
    problems.add(empty_id, "household_id", ids, W.msg("r_id_empty", lang))
    shortened = (  # only a code with a '+' can be one (a look at the bytes first)
        pc.match_substring_regex(ids, _SHORTENED_BY_EXCEL).to_numpy(zero_copy_only=False)
        if holds_byte(ids, ord("+"))
        else np.zeros(n, dtype=bool)
    )
    problems.add(shortened, "household_id", ids, W.msg("r_id_scientific", lang))  # 12-digit codes saved as CSV
    failed = (  # a formula's error where the code is (a VLOOKUP's #N/A): only a code with a '#' or 'Err:' can be one
        formula_errors(ids) if holds_any(ids, b"#:") else np.zeros(n, dtype=bool)
    )
    problems.add(failed, "household_id", ids, W.msg("r_id_formula_error", lang))
    for place in (*PLACE_COLUMNS, "village"):  # a VLOOKUP's #N/A for the commune's code: no commune of that code
        if place in by_canonical:
            raw = table.text(by_canonical[place])  # looked at trimmed only when it has the bytes an error needs
            if holds_any(raw, b"#:"):
                cells = trimmed_codes(raw)
                problems.add(formula_errors(cells), place, cells, W.msg("r_place_formula_error", lang))
    repeated = problems.reserve()  # listed here; found below, so a stream's check can run meanwhile

    area_raw = table.text(by_canonical["area"])
    area_keys = list(AREA_WORDS)
    area_position = _word_positions(area_raw, area_keys)
    # rows without a code where no cell reads as a household's data either: a heading, a note, a signature
    no_data = empty_id & (area_position == len(area_keys)) if empty_id.any() else None
    problems.add(
        area_position == len(area_keys),
        "area",
        area_raw,
        W.msg("r_area", lang),
    )
    font = _legacy_area(area_raw, area_position == len(area_keys), area_keys)
    if font is not None:  # every row rejected for an area the officer reads as 'nông thôn' in Excel
        notes.append(W.msg("n_legacy_cells", lang, file=source, column=by_canonical["area"], font=font))

    numbers: dict[str, np.ndarray] = {}
    for name in ("income_per_capita", "score_a"):
        if name in by_canonical:
            raw, (values, bad) = table.numbers(by_canonical[name])
            unused = name == "score_a" and ruleset.paths == {"income"}  # no class reads it (n_score_unused)
            if not unused:  # a cell the run does not use never rejects its household
                header_unit = money_unit(by_canonical[name]) if name in MONEY_COLUMNS else None
                factor = None if name not in MONEY_COLUMNS else header_unit.factor if header_unit is not None else 1
                problems.add(bad, name, raw, _number_reasons(raw, bad, lang, factor))
            if no_data is not None:
                no_data &= np.isnan(values)
            negative = ~bad & (values < 0)
            if not unused:
                problems.add(negative, name, raw, W.msg("r_negative", lang))
            values = np.where(bad | negative, np.nan, values)
            unit = money_unit(by_canonical[name]) if name in MONEY_COLUMNS else None
            if unit is not None and unit.converts:  # the header's unit: cells in thousands, or for a year
                values = values * unit.factor / (12 if unit.per_year else 1)
                notes.append(unit_note(source, by_canonical[name], lang) or "")
                if unit.factor > 1:  # đồng typed under a header in thousands (millions): a thousand times more
                    too_big = ~np.isnan(values) & (values >= IMPLAUSIBLE_MONTHLY_DONG)
                    problems.add(too_big, name, raw, W.msg("r_income_unit_too_big", lang, unit=unit.text))
                    values = np.where(too_big, np.nan, values)
            numbers[name] = values
        else:
            numbers[name] = np.full(n, np.nan)
    income_missing = np.isnan(numbers["income_per_capita"])
    score_missing = np.isnan(numbers["score_a"])
    cell_ok = ~problems.column_has(["income_per_capita", "score_a"])
    if ruleset.paths == {"income"}:
        problems.add(
            cell_ok & income_missing,
            "income_per_capita",
            None,
            W.msg("r_income_required", lang, ruleset=ruleset.id),
        )
    else:
        problems.add(
            cell_ok & income_missing & score_missing,
            "income_per_capita",
            None,
            W.msg("r_income_or_score", lang),
        )

    flags: dict[str, np.ndarray] = {}
    for ind in ruleset.indicators:
        col = ind.column
        if col not in by_canonical:
            flags[col] = np.full(n, np.nan)
            if col not in derived:
                notes.append(W.msg("n_no_column", lang, file=source, column=col, label=ind.label.get(lang)))
            continue
        raw, (values, blank) = table.flags(by_canonical[col])
        unknown = np.isnan(values)
        if no_data is not None:
            no_data &= unknown
        if not unknown.any():  # every cell a mark (a register's 1/0): none blank or unreadable, nothing to mask
            flags[col] = values if values.flags.writeable else values.copy()
            continue
        unreadable = unknown & ~blank
        problems.add(unreadable, col, raw, W.msg("r_flag", lang))
        if blank_flags == "not_deprived":
            values = np.where(blank, 0.0, values)
        flags[col] = np.where(unreadable, np.nan, values)
    extra = [c for c in by_canonical if c.startswith("deprived_") and c not in flags]
    if extra:
        notes.append(W.msg("n_not_indicators", lang, file=source, columns=W.column_list(extra), ruleset=ruleset.id))
    if "score_a" in by_canonical and ruleset.paths == {"income"}:  # read, but no class of this standard uses it
        notes.append(W.msg("n_score_unused", lang, file=source, ruleset=ruleset.id))

    given = {k: v for k, v in flags.items() if k not in derived}  # the members file fills the others' blanks
    sizes = table.text(by_canonical["household_size"]) if "household_size" in by_canonical else None
    villages = None  # a village merged over its households on a form, saved as CSV, is on its first row only
    if "village" in by_canonical:
        villages = (table.text(by_canonical["village"]), area_position < len(area_keys))
    figures = Figures.of(numbers, given, by_canonical, source, lang, blank_flags, row_numbers, sizes, villages)
    if sheet is not None and sheet.sheets:  # --sheet all: the rows its notes name, by their sheet and row there
        figures.in_sheets(sheet.sheets)
    figures_at = len(notes)
    if say_figures:
        notes.extend(figures.notes())
    household_fields = _household_fields(table, problems, lang, read=set(ruleset.fields.household))
    notes.extend(_check_review_columns(table, by_canonical, problems, lang, review_date, source))
    if places is not None:  # a review's: a household is kept under its commune (review/scope.py)
        places.check(table, by_canonical, problems, lang)
    if no_data is not None and no_data.any():  # one reason that says what the row looks like, not seven
        problems.instead(no_data, "household_id", W.msg("r_not_household", lang))  # after every cell's check
    lone = _lone_codes(table, by_canonical["household_id"], empty_id, area_position == len(area_keys), numbers, sheet)
    if lone.any():  # a list's title in the code column ('DANH SÁCH HỘ THÔN 2'), nothing else: one reason
        problems.instead(lone, "household_id", W.msg("r_code_alone", lang))
    header_again = _header_again(ids, area_raw, area_position == len(area_keys))
    if header_again.any():  # a second export pasted below the first: one reason, not one per column
        problems.instead(header_again, "household_id", W.msg("r_header_again", lang))
    totals = _totals_rows(table, ids, area_position == len(area_keys))
    if totals.any():  # the form's total under its households: one reason, not 'area must be …, flag = 12 …'
        problems.instead(totals, "household_id", W.msg("r_totals_row", lang))
    checked = first_rows() if first_rows is not None else None
    if checked is not None:  # a batch of a stream, checked beside this
        dup = checked >= 0
    elif seen is None:  # a whole table: exact (the key: code in its commune)
        keys = key_columns({k: table.text(by_canonical[k]) for k in household_keys(by_canonical)})
        dup_first = first_uses(keys, empty_id)
        dup = dup_first >= 0
        checked = row_numbers[np.maximum(dup_first, 0)]
    else:  # a batch of a stream: a key of this or an earlier batch names the row that used it first
        checked = _stream_check(table, by_canonical, row_numbers, empty_id, seen, ids=ids)
        dup = checked >= 0
    if dup.any() and sheet is not None and sheet.sheets:  # --sheet all: the first use's sheet and its row there
        used_at = np.full(n, "", dtype=object)
        tabs, within = sheet_rows(sheet.sheets, np.asarray(checked)[dup])
        used_at[dup] = [W.msg("r_id_used_sheet", lang, sheet=t, row=int(r)) for t, r in zip(tabs, within, strict=True)]
        problems.add(dup, "household_id", ids, used_at, slot=repeated)
    elif dup.any():
        reasons = (W.msg("r_id_used", lang) + pd.Series(checked).astype(str)).to_numpy(dtype=object)
        problems.add(dup, "household_id", ids, reasons, slot=repeated)
    rejected_mask = problems.any()
    accepted = np.flatnonzero(~rejected_mask)
    everything = accepted.size == n
    take = pa.array(accepted, pa.int64())

    def _texts(arr: pa.ChunkedArray) -> pd.Series:
        arr = arr if everything else arr.take(take)
        return arr.to_pandas(types_mapper=pd.ArrowDtype).reset_index(drop=True)

    def _rows(values: np.ndarray) -> np.ndarray:
        return values if everything else values[accepted]

    area_codes = np.array([AREA_WORDS[k] == "urban" for k in area_keys] + [False], dtype=np.int8)[area_position]
    # carried as written for the review's history and reports (docs/reports.md): who and where each household is
    carried = ("head_name", "household_size", "change_reason", "province_code", "commune_code", *GROUP_COLUMNS)
    optional = ("previous_status", "escaped_on", "village", "commune", "province", "farm_household", *carried)
    frame = pd.DataFrame(  # built at once: a column inserted after costs ~0.2 ms per batch, each
        {
            "household_id": _texts(ids),
            "area": pd.Categorical.from_codes(_rows(area_codes), categories=["rural", "urban"]),  # type: ignore[call-overload]
            "income_per_capita": _rows(numbers["income_per_capita"]),
            "score_a": _rows(numbers["score_a"]),
            **{k: _rows(v) for k, v in flags.items()},
            **{k: _texts(table.text(by_canonical[k])) for k in optional if k in by_canonical},
            **{k: values[accepted] for k, values in household_fields.items()},
        },
        copy=False,  # the columns are fresh arrays: no need to consolidate (0.3 s per million rows)
    )
    shown = {**by_canonical, "cells": W.msg("r_row_cells", lang)}  # the file's own headers name the cells
    rejects = problems.to_frame(ids, shown)
    said = Normalized(frame, accepted, rejects, np.flatnonzero(rejected_mask), renamed, notes)
    if sheet is not None and sheet.sheets:
        said.sheets = sheet.sheets
    if not say_figures:
        said.figures, said.figures_at = figures, figures_at
    return said


def _household_fields(
    table: _Source, problems: _Problems, lang: str = "en", read: set[str] | None = None
) -> dict[str, np.ndarray]:
    """Household-level fields that ``deprived_when`` rules read (``floor_area``, ``safe_water`` …).

    Passed through by their canonical name only (see :data:`poverty_rules.members.HOUSEHOLD_FIELDS`):
    numbers as float64, yes/no fields as 1.0 / 0.0; an empty cell is NaN (unknown); an unreadable
    cell rejects the row like any other bad cell when the standard's rules read that field (``read``, its
    ``fields: household``; None: every field), and is unknown otherwise: a column no rule of the run reads
    (vn-2027-2030 derives nothing) never loses a household.
    """
    out: dict[str, np.ndarray] = {}
    for name, kind in HOUSEHOLD_FIELD_KINDS.items():
        if name not in table.column_names:
            continue
        if kind == "number":
            raw, (values, bad) = table.numbers(name)
            bad = bad | (~bad & (values < 0))
            reason = W.msg("r_field_number", lang)
        else:
            raw, (values, blank) = table.flags(name)
            bad = np.isnan(values) & ~blank
            reason = W.msg("r_field_flag", lang)
        if read is None or name in read:
            problems.add(bad, name, raw, reason)
        out[name] = np.where(bad, np.nan, values)
    return out


def check_keys(
    data: pa.Table | SheetTable,
    seen: SeenCodes,
    *,
    source: str = "<data>",
    lang: str = "en",
    first_row: int = 0,
    places: list[pd.DataFrame] | None = None,
    trimmed: Callable[[TrimmedCodes], None] | None = None,
) -> np.ndarray | None:
    """The duplicate check of one batch of a stream, on its own (design.md: every household once per
    file): for each row, the number of the row that used its household key first — earlier in this
    batch or in an earlier one — else -1; the batch's new keys are added to ``seen``. What
    :func:`normalize` with ``seen`` (and the same ``first_row``) finds; the result is its ``first_rows``.

    The batches must be checked in their order in the file. ``places``: a list the batch's distinct place
    cells are added to (:func:`~poverty_rules.data.ids.key_columns`). None, ``seen`` unchanged, when the batch
    has no household code column; bad headers raise what :func:`normalize` raises, before ``seen`` is
    changed: :func:`normalize` says what is wrong, where it would have. ``trimmed``: called with the batch's
    codes as soon as they are trimmed (:class:`TrimmedCodes`), before the check itself, for the classifying
    thread's :func:`normalize` of the same batch (its ``codes``), which then does not trim them again.
    """
    sheet = data if isinstance(data, SheetTable) else None
    table = _Source(sheet.table if sheet is not None else data)
    by_canonical = {v: k for k, v in canonical_headers(table.column_names, source=source, lang=lang).items()}
    if "household_id" not in by_canonical:
        return None
    n = table.num_rows
    row_numbers = sheet.rows if sheet is not None else np.arange(first_row + 2, first_row + n + 2, dtype=np.int64)
    ids = trimmed_codes(table.text(by_canonical["household_id"]))
    empty_id = pc.equal(pc.binary_length(ids), 0).to_numpy(zero_copy_only=False)
    if trimmed is not None:
        shared = empty_id.view()
        shared.flags.writeable = False  # read by both threads: changed by neither
        trimmed(TrimmedCodes(by_canonical["household_id"], ids, shared))
    return _stream_check(table, by_canonical, row_numbers, empty_id, seen, places, ids)


def _stream_check(
    table: _Source,
    by_canonical: dict[str, str],
    row_numbers: np.ndarray,
    empty_id: np.ndarray,
    seen: SeenCodes,
    places: list[pd.DataFrame] | None = None,
    ids: pa.ChunkedArray | pa.Array | None = None,
) -> np.ndarray:
    """The rows' household keys (code in its commune) looked up in, and added to, ``seen``; ``ids``: the codes
    already trimmed (:func:`~poverty_rules.vocabulary.codes.trimmed_codes`), not trimmed again."""
    texts = {k: table.text(by_canonical[k]) for k in household_keys(by_canonical) if ids is None or k != "household_id"}
    if ids is not None:
        texts["household_id"] = ids
    keys = key_columns(texts, places, trimmed=ids is not None)
    return seen.check_and_add(hash_keys(keys), row_numbers, empty_id)


def unit_note(source: str, header: str, lang: str) -> str | None:
    """The note saying how a money column's cells were read (docs/input.md "Money units in headers"):
    ``Thu nhập bình quân (nghìn đồng)``'s in thousands (× 1.000), a year's divided by 12; None when its
    header says no unit to convert."""
    unit = money_unit(header)
    if unit is None or not unit.converts:
        return None
    steps = [f"× {W.number(unit.factor, lang)}"] if unit.factor != 1 else []
    how = " ".join([*steps, *(["÷ 12"] if unit.per_year else [])])
    return W.msg("n_money_unit", lang, file=source, column=header, unit=unit.text, how=how)


def _columns_missing(by_canonical: dict[str, str], ruleset: Ruleset) -> bool:
    """Whether a table lacks a column :func:`_require_columns` refuses it without."""
    income_only = ruleset.paths == {"income"}
    return (
        "household_id" not in by_canonical
        or "area" not in by_canonical
        or ("income_per_capita" not in by_canonical and ("score_a" not in by_canonical or income_only))
    )


#: The rows of a library caller's DataFrame looked at for its header (as the readers look below title rows).
_FRAME_HEADER_ROWS = 30


def header_in_rows(
    frame: pd.DataFrame, source: str, lang: str, score: Callable[[list[str]], int] = header_score
) -> None:
    """Refuse a DataFrame whose header is one of its first rows, not its column names: an officer's workbook
    read by ``pd.read_excel(path)`` (a title such as ``DANH SÁCH HỘ`` above the header row gives columns
    ``DANH SÁCH HỘ, Unnamed: 1 …``) or with ``header=None``. The command line finds such a header itself
    (data/read.py); the library was told "missing column household_id …" of a frame that shows it. The
    message names the row, its headers and the ``header=`` to read the file with. ``score``: how many of a
    row's cells are known headers (a household list's by default; a members list's for a members table)."""
    names = [str(c) for c in frame.columns]
    own = score(names)
    for position in range(min(len(frame), _FRAME_HEADER_ROWS)):
        row = frame.iloc[position]
        blank = row.isna().to_numpy(dtype=bool)
        cells = ["" if b else str(v).strip() for v, b in zip(row.tolist(), blank, strict=True)]
        if score(cells) >= 2 and score(cells) > own:
            known = [c for c in cells if c and score([c])]
            shown = ", ".join(known[:4]) + (" …" if len(known) > 4 else "")
            columns = ", ".join(repr(c) for c in names[:3]) + (" …" if len(names) > 3 else "")
            # header=None gives columns 0, 1 …: the row's position is its line; else the names took the first line
            numbered = names == [str(i) for i in range(len(names))]
            header = position if numbered else position + 1
            values = {"file": source, "columns": columns, "position": position, "headers": shown}
            raise InputError.of(W.texts("frame_header_in_row", **values, header=header, after=position + 1))


def _require_columns(
    by_canonical: dict[str, str], ruleset: Ruleset, source: str, header_row: int | str = 1, lang: str = "en"
) -> None:
    missing = [c for c in ("household_id", "area") if c not in by_canonical]
    income_only = ruleset.paths == {"income"}  # no score-A path: a score column alone cannot classify anyone
    if "income_per_capita" not in by_canonical and ("score_a" not in by_canonical or income_only):
        missing.append("income_per_capita" if income_only else W.msg("income_or_score", lang))
    if missing:
        hint = {
            "household_id": "household_id (Mã hộ)",
            "area": "area (Khu vực)",
        }
        names = ", ".join(hint.get(m, m) for m in missing)
        raise InputError(W.msg("missing_column", lang, file=source, row=header_row, names=names))


RawText: TypeAlias = pa.ChunkedArray | Callable[[], pa.ChunkedArray]
"""A column's cells as text, for the rejects file: the array, or how to make it when a row is rejected."""


def distinct_columns(frame: pd.DataFrame, source: str, lang: str) -> None:
    """A DataFrame with two columns of one name is refused, as a file with two such headers is: the
    library read the last one silently, so the result depended on the columns' order (a household table;
    a members table's stopped in pandas)."""
    seen: dict[str, int] = {}
    for i, name in enumerate(str(c) for c in frame.columns):
        if name in seen:
            first, second = seen[name] + 1, i + 1  # the columns' positions, counted from 1
            raise InputError(
                W.msg("duplicate_header", lang, file=source, row=1, header=name, first=first, second=second)
            )
        seen[name] = i


def _header_again(ids: pa.ChunkedArray, area: pa.ChunkedArray, unknown_area: np.ndarray) -> np.ndarray:
    """The rows whose code and area cells are headers of those columns, as the header row is matched (in
    any case, spacing and accents: ``MÃ HỘ``, ``ma ho``, ``Mã hộ gia đình`` under ``Mã hộ``): the header
    row of a second export pasted below the first, typed as that export heads it. Only the rows whose
    area cell is no area word (``unknown_area``) can be such a row (no area word heads the area column:
    tests/test_readers.py checks it); their area cells' few distinct values are looked at, then the codes
    of the rows whose area cell is such a header."""
    again = np.zeros(len(unknown_area), dtype=bool)
    candidates = np.flatnonzero(unknown_area)
    if not len(candidates):
        return again
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(area.take(pa.array(candidates))))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.unify_dictionaries().combine_chunks()
    names_area = np.array([_names_column(v, "area") for v in encoded.dictionary.to_pylist()] + [False])
    indices = pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(zero_copy_only=False)
    rows = candidates[names_area[indices]]
    if len(rows):
        codes = ids.take(pa.array(rows)).to_pylist()
        again[rows] = [_names_column(code, "household_id") for code in codes]
    return again


#: A form's total row, as its label cell reads folded: ``Tổng cộng``, ``Tổng số``, ``Cộng: 25 hộ``, ``Cộng thôn
#: Đông``, ``Total`` (``Công`` of a name, ``Cộng đồng`` are not).
#: The label's first look takes its letters composed or decomposed (``ổ`` or ``o`` and its marks: a Mac's NFD).
_TOTALS_START = "^\\s*(t(o\\p{M}*|ổ)ng|c(o\\p{M}*|ộ)ng|total|sum)"
_TOTALS_LABEL = re.compile(
    r"^(tong cong|tong so|tong|cong|total|sum)(\s*[:(].*|\s+\d.*|\s+(toan|thon|xa|ho|cac|chung)\b.*)?$"
)


def totals_label(cell: str) -> bool:
    """Whether a cell reads as a form's total label (``Tổng cộng``, ``Cộng: 25 hộ``, ``Total``): what a row
    :func:`_totals_rows` takes for the form's total holds, and ``history import`` names such a row by."""
    return bool(cell) and _TOTALS_LABEL.match(fold(cell)) is not None


def _totals_rows(table: _Source, ids: pa.ChunkedArray, bad_area: np.ndarray) -> np.ndarray:
    """The rows that are a form's total (``Tổng cộng`` …, sums of incomes and counts of marks beneath): a row
    without a known area whose code is empty or such a label, and one of whose cells is such a label. Only
    the rows without an area are looked at (a household's row has one)."""
    out = np.zeros(len(bad_area), dtype=bool)
    if not bad_area.any():
        return out
    lowered = pc.utf8_lower(ids)  # a first look, in Arrow: a code that is empty or may be such a label
    may_be = pc.or_(pc.equal(pc.binary_length(ids), 0), pc.match_substring_regex(lowered, _TOTALS_START))
    rows = np.flatnonzero(bad_area & pc.fill_null(may_be, False).to_numpy(zero_copy_only=False))
    if not len(rows):
        return out
    taken = pa.array(rows)
    codes = ids.take(taken).to_pylist()
    labelled = np.zeros(len(rows), dtype=bool)
    for name in table.column_names:
        cells = table.text(name).take(taken).to_pylist()
        labelled |= np.array([bool(c) and _TOTALS_LABEL.match(fold(str(c))) is not None for c in cells])
    no_code = np.array([not c or _TOTALS_LABEL.match(fold(str(c))) is not None for c in codes])
    out[rows] = labelled & no_code
    return out


def _lone_codes(
    table: _Source,
    code_column: str,
    empty_id: np.ndarray,
    bad_area: np.ndarray,
    numbers: dict[str, np.ndarray],
    sheet: SheetTable | None,
) -> np.ndarray:
    """The rows whose code cell holds text and whose every other cell is empty: the title of a second export
    pasted below the first (``DANH SÁCH HỘ THÔN 2`` above its header), a heading typed in the code column.
    Only the rows with a code and no area, income or score A are looked at (a household's row has them); a
    ragged row with cells beyond the header is not one."""
    out = ~empty_id & bad_area & np.isnan(numbers["income_per_capita"]) & np.isnan(numbers["score_a"])
    rows = np.flatnonzero(out)
    if not len(rows):
        return out
    taken = pa.array(rows)
    alone = np.ones(len(rows), dtype=bool)
    for name in table.column_names:
        if name != code_column:
            cells = table.text(name).take(taken).to_pylist()
            alone &= np.array([not c or not str(c).strip() for c in cells], dtype=bool)
    if sheet is not None and sheet.extra is not None:
        alone &= np.array([not sheet.extra[i].strip() for i in rows], dtype=bool)
    out[rows] = alone
    return out


def _names_column(cell: str | None, column: str) -> bool:
    """Whether a cell is a header of the canonical ``column`` (one of its headers, folded as headers are). The
    header of a second export joined below the first as files are (``copy /b thon1.csv+thon2.csv``) keeps that
    file's byte order mark before its first cell, and a quoted cell after the mark is no longer quoted
    (``\ufeff"household_id"``): both are left out, as the mark is of the file's own header."""
    text = str(cell).strip().lstrip("\ufeff").strip() if cell else ""
    if len(text) > 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return bool(text) and canonical_headers([text]).get(text) == column


class _Source:
    """The table being normalized: an Arrow table of text (a file, read as written) or a DataFrame.

    A DataFrame's numeric and boolean columns are checked and converted as they are (NaN = unknown),
    with no round trip through text; its other columns (text, categories, dates, mixed objects) are
    read as text by the same parsers as a file. A typed column's text — what a rejects line shows —
    is made only when one of its cells is rejected.
    """

    def __init__(self, data: pa.Table | pd.DataFrame) -> None:
        self.table = data if isinstance(data, pa.Table) else None
        self.frame = data if isinstance(data, pd.DataFrame) else None
        if self.frame is not None:
            self.columns = {str(name): self.frame.iloc[:, i] for i, name in enumerate(self.frame.columns)}
            self.column_names = list(self.columns)
            self.num_rows = len(self.frame)
        elif self.table is not None:
            self.column_names = self.table.column_names
            self.num_rows = self.table.num_rows
        else:
            raise TypeError(f"expected a pandas DataFrame or a pyarrow Table, got {type(data).__name__}")
        self._texts: dict[str, pa.ChunkedArray] = {}

    def _typed(self, name: str) -> np.ndarray | None:
        """A numeric or boolean DataFrame column as float64 (NaN where missing), else None."""
        if self.frame is None:
            return None
        s = self.columns[name]
        if pd.api.types.is_bool_dtype(s.dtype) or (
            pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_complex_dtype(s.dtype)
        ):
            return _as_shown(s)
        return None

    def text(self, name: str) -> pa.ChunkedArray:
        """The column as text (``""`` where empty), as a file would have it: a boolean column under a
        number's header (``household_size`` …) as ``True`` / ``False``, as a Parquet file's is, no 1 / 0."""
        if self.table is not None:
            return _text(self.table, name)
        if name not in self._texts:
            s = self.columns[name]
            if _is_bool(s) and names_a_number(name):
                shown = pa.array(s.map({True: "True", False: "False"}).astype(object).where(s.notna(), ""), pa.string())
                self._texts[name] = pa.chunked_array([shown])
            else:
                self._texts[name] = pa.chunked_array([_frame_text(s)])
        return self._texts[name]

    def numbers(self, name: str) -> tuple[RawText, tuple[np.ndarray, np.ndarray]]:
        """(raw text, (values with NaN for empty, unreadable mask)) of a number column; a boolean column's
        cells are no numbers (``True`` is not 1 đồng): each given one is unreadable, shown as ``True`` /
        ``False``."""
        if self.frame is not None and _is_bool(self.columns[name]):
            s = self.columns[name]
            given = s.notna().to_numpy(dtype=bool)
            shown = pa.chunked_array([pa.array(np.where(given, s.astype(object).astype(str), ""), pa.string())])
            return shown, (np.full(len(s), np.nan), given)
        typed = self._typed(name)
        if typed is None:
            raw = self.text(name)
            return raw, parse_numbers(raw)
        return (lambda: self.text(name)), (np.where(np.isinf(typed), np.nan, typed), np.isinf(typed))

    def flags(self, name: str) -> tuple[RawText, tuple[np.ndarray, np.ndarray]]:
        """(raw text, (1.0 / 0.0 / NaN for blank or unreadable, blank mask)) of a yes/no column."""
        typed = self._typed(name)
        if typed is None:
            raw = self.text(name)
            byte = single_characters(raw)
            if byte is not None:  # cells of one character or none (1/0/x, blank): through a table, no hashing
                marks = _marks_alone(byte)
                if marks is not None:  # every cell 1 or 0 (a register's column)
                    return raw, (marks, np.zeros(len(marks), dtype=bool))
                values, blank = _ascii_flags()
                read = lookup(values, byte)
                if not np.isnan(read).any():  # every cell a flag word: none blank (no second lookup)
                    return raw, (read, np.zeros(len(read), dtype=bool))
                return raw, (read, lookup(blank, byte))
            return raw, _read_flags(raw)
        blank = np.isnan(typed)
        return (lambda: self.text(name)), (np.where((typed == 0.0) | (typed == 1.0), typed, np.nan), blank)


def _is_bool(s: pd.Series) -> bool:
    """Whether a DataFrame column is of booleans (numpy's ``bool``, pandas' ``boolean``, Arrow's)."""
    return pd.api.types.is_bool_dtype(s.dtype) and not pd.api.types.is_object_dtype(s.dtype)


def _read_flags(raw: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Flag cells: (1.0 / 0.0 / NaN for blank or unreadable, blank mask), by the flag words."""
    values = _lookup(raw, FLAG_WORDS).astype("float64", copy=False)
    blank = np.zeros(len(values), dtype=bool)
    unmatched = np.flatnonzero(np.isnan(values))  # no flag word is blank: only these can be
    if unmatched.size:
        cells = raw.take(pa.array(unmatched))
        blank[unmatched] = pc.equal(pc.binary_length(trimmed(cells)), 0).to_numpy(zero_copy_only=False)
    return values, blank


def _marks_alone(byte: np.ndarray) -> np.ndarray | None:
    """A flag column of single characters (:func:`~poverty_rules.vocabulary.cells.single_characters`) every cell
    of which is ``1`` or ``0``, read as :func:`_ascii_flags`' table reads those two (1.0 and 0.0: the flag words
    say so), without the table's lookup: about 1.3 ms per million cells against 3-5; None for any other column.
    A register's flag columns are such, twelve of them in every batch."""
    values, _ = _ascii_flags()
    one, zero = values[ord("1")], values[ord("0")]
    if not (one == 1.0 and zero == 0.0) or not ((byte | 1) == ord("1")).all():  # b"0" | 1 is b"1"
        return None
    return (byte == ord("1")).astype(np.float64)


@cache
def _ascii_flags() -> tuple[np.ndarray, np.ndarray]:
    """:func:`_read_flags` of the 128 one-character cells (``vocabulary.cells.ASCII_CELLS``): the
    table a column of such cells is read through, so it reads exactly as cell by cell."""
    return _read_flags(pa.chunked_array([ASCII_CELLS]))


def _frame_text(s: pd.Series) -> pa.Array:
    """One DataFrame column as text, as a file would hold it: booleans 1/0, numbers as the command line
    reads a typed Parquet column (``101``, not ``101.0``: a code column of numbers matches a members
    table's codes; ``7.99``), anything else ``str(value)``; missing values are empty."""
    if pd.api.types.is_bool_dtype(s.dtype) and not pd.api.types.is_object_dtype(s.dtype):
        s = s.map({True: "1", False: "0"})
    elif pd.api.types.is_numeric_dtype(s.dtype):
        s = _num_text(s)
    elif isinstance(s.dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(s.cat.categories.dtype):
        categories = pa.array(s.cat.categories.astype(object).to_numpy(), type=pa.string())
        codes = s.cat.codes.to_numpy()
        return pc.fill_null(categories.take(pa.array(codes, mask=codes < 0)), "")
    elif pd.api.types.is_string_dtype(s.dtype):
        try:  # all text (or missing): Arrow converts it without a Python string per row
            return pc.fill_null(pa.array(s, type=pa.string(), from_pandas=True), "")
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
    cells = s.astype(object).where(s.notna(), "")
    shown = cells.map(lambda v: bytes_text(bytes(v)) if isinstance(v, (bytes, bytearray)) else str(v))
    return pa.array(shown.to_numpy(dtype=object), type=pa.string())


def _num_text(s: pd.Series) -> pd.Series:
    if pd.api.types.is_integer_dtype(s.dtype):  # exactly: a code beyond 2**53 too
        text = number_texts(np.asarray(s.fillna(0).to_numpy()))
        text[s.isna().to_numpy()] = ""
    else:
        text = number_texts(_as_shown(s))
    return pd.Series(text, index=s.index)


def _as_shown(s: pd.Series) -> np.ndarray:
    """A numeric or boolean DataFrame column as float64 (NaN where missing), a float32 value as the number
    it shows (``1053000.1``, not ``1053000.125``: vocabulary/numbers.py ``as_shown``)."""
    kind = getattr(s.dtype, "numpy_dtype", s.dtype)
    if isinstance(kind, np.dtype) and kind.kind == "f" and kind.itemsize < 8:
        return as_shown(s.to_numpy(dtype=kind, na_value=np.nan))
    return s.to_numpy(dtype="float64", na_value=np.nan)


def _text(table: pa.Table, column: str) -> pa.ChunkedArray:
    arr = table.column(column)
    if arr.type != pa.string():
        arr = pc.cast(arr, pa.string())
    return pc.fill_null(arr, "") if arr.null_count else arr


def _lookup(raw: pa.ChunkedArray, words: dict[str, float] | dict[str, str]) -> np.ndarray:
    """Map cells through a word table, column-wise: float words give NaN for unknown words, text
    words give None. Exact spellings are tried first; case, spacing and Unicode form are folded only
    if some cell did not match."""
    keys = list(words)
    numeric = isinstance(words[keys[0]], float)
    if numeric:
        values = np.array([words[k] for k in keys] + [np.nan], dtype="float64")
    else:
        values = np.array([words[k] for k in keys] + [None], dtype=object)
    return values[_word_positions(raw, keys)]


#: A code as Excel shows a long number in a General cell, and saves it so in a CSV: its digits are gone.
_SHORTENED_BY_EXCEL = r"^[0-9]([.,][0-9]+)?[eE]\+[0-9]{1,3}$"


def _legacy_area(raw: pa.ChunkedArray, unknown: np.ndarray, keys: list[str]) -> str | None:
    """The old font encoding (TCVN3, VNI: vocabulary/legacy.py) some unreadable area cells are typed in
    (``n«ng th«n``), looked for among the first distinct ones only when there are unreadable ones."""
    if not unknown.any():
        return None
    cells = pc.unique(raw.filter(pa.array(unknown))).to_pylist()[:20]
    return legacy_font_of([c for c in cells if c], {fold(k) for k in keys})


def _word_positions(raw: pa.ChunkedArray, keys: list[str]) -> np.ndarray:
    """Each cell's position in ``keys`` (``len(keys)`` for a cell that is none of them). Exact
    spellings are tried first; case, spacing and Unicode form are folded only if some cell did not
    match."""
    idx = pc.index_in(raw, value_set=pa.array(keys))
    if idx.null_count:
        cleaned = pc.utf8_normalize(pc.utf8_lower(trimmed(raw)), "NFC")  # a zero-width character at an end too
        # a run of spaces inside (``nông  thôn``, a non-breaking one pasted from a web page) as one space
        cleaned = pc.replace_substring_regex(cleaned, pattern=r"[\s\p{Z}]+", replacement=" ")
        idx = pc.index_in(cleaned, value_set=pa.array([unicodedata.normalize("NFC", k) for k in keys]))
    return pc.fill_null(idx, len(keys)).to_numpy(zero_copy_only=False)


class _Problems:
    """Collects (row, column, value, reason) column-wise; each rejected row gets one line."""

    def __init__(self, n: int, rows: np.ndarray | None = None) -> None:
        self.n = n
        self.rows = rows if rows is not None else np.arange(2, n + 2, dtype=np.int64)
        self.items: list[tuple[np.ndarray, str, RawText | None, np.ndarray | str] | None] = []

    def reserve(self) -> int:
        """A place in the list for problems found later (:meth:`add` with ``slot``): a row's reasons
        are listed in the order of the checks, whenever a check is done."""
        self.items.append(None)
        return len(self.items) - 1

    def add(
        self, mask: np.ndarray, column: str, raw: RawText | None, reason: np.ndarray | str, slot: int | None = None
    ) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            if slot is None:
                self.items.append((mask, column, raw, reason))
            else:
                self.items[slot] = (mask, column, raw, reason)

    def instead(self, mask: np.ndarray, column: str, reason: str) -> None:
        """The rows of ``mask`` rejected for ``reason`` alone: the problems found in them so far dropped."""
        for i, item in enumerate(self.items):
            if item is not None:
                self.items[i] = (item[0] & ~mask, *item[1:])
        self.add(mask, column, None, reason)

    def _found(self) -> list[tuple[np.ndarray, str, RawText | None, np.ndarray | str]]:
        return [item for item in self.items if item is not None]

    def any(self) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for mask, *_ in self._found():
            out |= mask
        return out

    def column_has(self, columns: list[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=bool)
        for mask, column, *_ in self._found():
            if column in columns:
                out |= mask
        return out

    def to_frame(self, ids: pa.ChunkedArray, headers: dict[str, str] | None = None) -> pd.DataFrame:
        """One line per rejected row: its row, code, the columns at fault and every reason, each column
        named by ``headers`` (the file's own header for a canonical name: ``Thu nhập bình quân``, not
        ``income_per_capita``) where it has one."""
        headers = headers or {}
        parts = []
        for order, (mask, canonical, raw, reason) in enumerate(self._found()):
            column = headers.get(canonical, canonical)
            pos = np.flatnonzero(mask)
            raw = raw() if callable(raw) else raw
            value = raw.take(pa.array(pos)).to_numpy(zero_copy_only=False) if raw is not None else np.full(len(pos), "")
            why = reason[pos] if isinstance(reason, np.ndarray) else np.full(len(pos), reason, dtype=object)
            parts.append(pd.DataFrame({"_pos": pos, "_order": order, "column": column, "value": value, "reason": why}))
        if not parts:
            return pd.DataFrame(  # the columns and types of a run with rejects: frames of two runs concatenate
                {
                    "row": np.array([], dtype=np.int64),
                    **{c: pd.Series([], dtype="str") for c in ("household_id", "column", "reason")},
                    "_pos": np.array([], dtype=np.int64),
                }
            )
        each = pd.concat(parts, ignore_index=True).sort_values(["_pos", "_order"], kind="stable")
        each["problem"] = np.where(
            each["value"].astype(str) != "",
            each["column"] + " = '" + each["value"].astype(str) + "': " + each["reason"].astype(str),
            each["column"] + ": " + each["reason"].astype(str),
        )
        grouped = each.groupby("_pos", sort=True).agg(
            column=("column", lambda c: "; ".join(dict.fromkeys(c))), reason=("problem", " | ".join)
        )
        pos = grouped.index.to_numpy()
        return pd.DataFrame(
            {
                "row": self.rows[pos],
                "household_id": ids.take(pa.array(pos)).to_numpy(zero_copy_only=False),
                "column": grouped["column"].to_numpy(),
                "reason": grouped["reason"].to_numpy(),
                "_pos": pos,
            }
        ).reset_index(drop=True)


#: An amount with its unit in words after it (``1,5 triệu``, ``1.5tr``, ``500 nghìn``, ``500k``, ``1,5 triệu đồng``):
#: the number and the unit, whose factor the reason works the amount in đồng out with.
_UNIT_WORD = re.compile(
    r"^\s*(?P<number>\d[\d.,\s]*?)\s*(?P<unit>triệu|tr|nghìn|ngàn|ng|k)\.?\s*(?:đồng|đ|vnđ|vnd)?\s*$", re.IGNORECASE
)
_UNIT_FACTORS = {"triệu": 1_000_000, "tr": 1_000_000, "nghìn": 1_000, "ngàn": 1_000, "ng": 1_000, "k": 1_000}
#: A spreadsheet formula's error where the number should be (the income worked out as a household's income over its
#: persons, ``#DIV/0!`` when those are blank), as Excel and LibreOffice show and save it.
_FORMULA_ERROR = re.compile(FORMULA_ERROR)
#: A number typed with the letter O for a zero (``15OOOOO``, ``1.5OO.OOO``): digits and O's, a digit first.
_LETTER_O = re.compile(r"^\s*\d[\d.,\sOo]*[Oo][\d.,\sOo]*$")


def _number_reasons(raw: RawText, bad: np.ndarray, lang: str, factor: float | None = None) -> str | np.ndarray:
    """Why each unreadable number cell is refused: in a money column (``factor``: đồng in its header's unit, 1000
    under ``(nghìn đồng)``, else 1; None for another column) an amount with its unit in words (``1,5 triệu``) is
    asked as the column's unit has it, its amount worked out (``1500000``, ``1500`` in thousands); a number with
    the letter O for a zero (``15OOOOO``) is said to hold one, a formula's error (``#DIV/0!``) to be one; any
    other, what a number must look like. One reason when every bad cell is of the last kind. Read per distinct
    bad cell (none in a file of numbers)."""
    plain = W.msg("r_number", lang)
    if not bad.any():
        return plain
    cells = raw() if callable(raw) else raw
    texts = pd.Series(cells.to_numpy(zero_copy_only=False), dtype=object)
    reasons: dict[str, str] = {}
    for text in pd.unique(texts[bad].astype(str)):
        worded = _UNIT_WORD.match(unicodedata.normalize("NFC", text)) if factor else None
        if worded is not None:
            values, unreadable = parse_numbers(pa.array([worded["number"].strip()], pa.string()))
            if not unreadable[0] and np.isfinite(values[0]):
                amount = values[0] * _UNIT_FACTORS[worded["unit"].lower()] / factor
                example = number_texts(np.array([round(amount, 3)]))[0]
                key = "r_number_unit_word" if factor == 1 else "r_number_unit_word_header"
                reasons[text] = W.msg(key, lang, unit=worded["unit"], example=example)
        elif _LETTER_O.match(text):
            reasons[text] = W.msg("r_number_letter_o", lang)
        elif _FORMULA_ERROR.match(text.strip()):  # =E5/F5 of a household whose persons are blank: #DIV/0!
            reasons[text] = W.msg("r_number_formula_error", lang)
    if not reasons:
        return plain
    return texts.astype(str).map(reasons).fillna(plain).to_numpy(dtype=object)


def _date_reasons(cells: pd.Series, bad: np.ndarray, lang: str) -> tuple[str | np.ndarray, bool]:
    """Why each unreadable date cell is refused: a text written as a date the calendar lacks
    (``31/02/2025``, ``2025-13-01``) is said to be one, naming how it was read; a date whose year has two
    digits (``20/12/24``) is asked for the year's four; any other, what a date must look like. One reason when
    every bad cell is of the last kind. A date written month first (``12/20/2024``, ``12-20-2024``, as Google Sheets
    and Excel in English settings write one; decided by :func:`~poverty_rules.vocabulary.day.month_first_day`, as
    ``history import`` decides it) is said to be so: the second value, whether one was. ``02/30/2024``, no day in
    either reading, is no such day."""
    reasons: dict[str, str] = {}
    month_first = False
    for text in pd.unique(cells[bad].astype(str)):  # the distinct bad cells only
        parts = date_parts(text)
        if (us := month_first_day(text)) is not None:  # 12/20/2024, 12-20-2024: the 20th of December
            example = f"{us.day:02d}/{us.month:02d}/{us.year}"
            reasons[text] = W.msg("r_date_month_first", lang, day=us.day, month=us.month, example=example)
            month_first = True
        elif parts is not None:
            year, month, day = parts
            reasons[text] = W.msg("r_no_such_day", lang, day=day, month=month, year=year)
        elif (serial := excel_serial_day(text)) is not None:
            reasons[text] = W.msg("r_date_serial", lang, day=W.day(serial, lang))
        elif (short := short_year_parts(text)) is not None:  # 20/12/24: which century, which order, unsaid
            year, month, day = short
            reasons[text] = W.msg("r_date_short_year", lang, example=f"{day:02d}/{month:02d}/20{year:02d}")
    plain = W.msg("r_date", lang)
    if not reasons:
        return plain, False
    return cells.astype(str).map(reasons).fillna(plain).to_numpy(dtype=object), month_first


def _former_movements(cells: pd.Series) -> bool:
    """Whether every filled cell of a ``Biến động`` column names a movement (``Thoát nghèo``, ``unchanged``):
    the movement an earlier version headed so in a workbook it wrote, replaced by this run's
    (results/labels.py), not the officer's change reasons."""
    moves = {fold(text) for key, words in W.TRANSITION.items() for text in (key, *words.values())}
    text = cells.dropna().astype(str).str.strip()
    return bool(text[text != ""].map(fold).isin(list(moves)).all())


def _check_review_columns(
    table: _Source,
    by_canonical: dict[str, str],
    problems: _Problems,
    lang: str = "en",
    review_date: date | None = None,
    source: str = "<data>",
) -> list[str]:
    """Reject unreadable ``previous_status`` / ``change_reason`` / ``escaped_on`` cells (review columns,
    design.md; docs/reports.md for the reasons a household leaves or arrives), and an
    ``escaped_on`` in a year after ``review_date``'s: an escape recognized in the future of the review is a
    typing error.

    The status at the last review must be one the review forms use (Quyết định 24/2021/QĐ-TTg:
    nghèo, cận nghèo, thoát nghèo …) and the recognition date of the escape a date; an empty cell
    means nothing recorded. Read once per distinct value (see :mod:`poverty_rules.review`).

    Returns the notes on them: an ``escaped_on`` column with dates written month first (``12/20/2024``), whose
    other dates, read day first, may be misread (``05/12/2024``); one with escapes recognized after the review date
    in its year, whose windows have not begun on it (``eligible_until`` blank: docs/review.md).
    """
    notes: list[str] = []
    if "previous_status" in by_canonical:
        raw = table.text(by_canonical["previous_status"])
        cells = pd.Series(raw.to_numpy(zero_copy_only=False), dtype=object)
        _, unreadable = normalize_status(cells)
        reason: np.ndarray | str = W.msg("r_status", lang)
        if unreadable.any():  # TN, TCN: each of two words, said what to write
            keys = ambiguous_abbreviations(cells)
            reason = np.array([W.msg(k, lang) if k else reason for k in keys], dtype=object)
        problems.add(unreadable.to_numpy(), "previous_status", raw, reason)
    if "change_reason" in by_canonical:  # a household leaving or arriving: the movements count it (R2, R3)
        raw = table.text(by_canonical["change_reason"])
        cells = pd.Series(raw.to_numpy(zero_copy_only=False), dtype=object)
        _, unread = read_change_reasons(cells)
        if unread.any() and not _former_movements(cells):
            problems.add(unread.to_numpy(dtype=bool), "change_reason", raw, W.msg("r_change_reason", lang))
    if "escaped_on" in by_canonical:
        raw = table.text(by_canonical["escaped_on"])
        cells = pd.Series(raw.to_numpy(zero_copy_only=False), dtype=object)
        days, bad = parse_days(cells)
        reasons, month_first = _date_reasons(cells, bad, lang)
        problems.add(bad, "escaped_on", raw, reasons)
        if month_first:  # its other dates, day and month each 12 or less, read day first: perhaps not as meant
            notes.append(W.msg("n_month_first", lang, file=source, column=by_canonical["escaped_on"]))
        if review_date is not None:  # in a year after the review's (the chair's decision may follow the review)
            later = ~bad & ~np.isnat(days) & (days.astype("datetime64[Y]") > np.datetime64(review_date, "Y"))
            said = W.msg("r_escaped_after", lang, year=str(review_date.year), date=review_date)
            problems.add(later, "escaped_on", raw, said)
            # later in the review's year: read (the chair's decision may follow the review), its window not begun on
            # the review date (eligible from the recognition: standard.md §5), so eligible_until is blank — said so
            soon = ~bad & ~later & ~np.isnat(days) & (days > np.datetime64(review_date, "D"))
            if soon.any():  # the same words in every batch of a streamed file: said once (pipeline/batch_notes.py)
                column = by_canonical["escaped_on"]
                notes.append(W.msg("n_escaped_after_review", lang, file=source, column=column, date=review_date))
    return notes


def plain_arrow_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A library caller's DataFrame with each column of an Arrow type pandas cannot tell the kind of
    (``string_view``: polars' text, and what ``pd.read_parquet(…, dtype_backend="pyarrow")`` gives of a file
    polars wrote; ``binary_view``, ``list_view``: their ``ArrowDtype.type`` raises ``NotImplementedError``, and
    pyarrow cannot take rows of them) as its plain Arrow type (``string``, ``binary``, ``list``), so that it is
    read as any other text, bytes or list column. Other columns, and a frame with none such, as they are."""
    plain = {
        i: pd.arrays.ArrowExtensionArray(_plain_arrow(frame.iloc[:, i].array))
        for i, dtype in enumerate(frame.dtypes)
        if isinstance(dtype, pd.ArrowDtype) and _has_no_pandas_kind(dtype.pyarrow_dtype)
    }
    if not plain:
        return frame
    frame = frame.copy(deep=False)
    for i, column in plain.items():
        frame.isetitem(i, column)
    return frame


def _has_no_pandas_kind(kind: pa.DataType) -> bool:
    return (
        pa.types.is_string_view(kind)
        or pa.types.is_binary_view(kind)
        or pa.types.is_list_view(kind)
        or pa.types.is_large_list_view(kind)
    )


def _plain_arrow(values: pd.api.extensions.ExtensionArray) -> pa.ChunkedArray:
    """An Arrow-backed column's values (``ArrowExtensionArray``) as a chunked array of a plain type."""
    array = pa.chunked_array(pa.array(values))
    kind = array.type
    if pa.types.is_string_view(kind):
        return array.cast(pa.string())
    if pa.types.is_binary_view(kind):
        return array.cast(pa.binary())
    return pa.chunked_array([pa.array(array.to_pylist(), pa.list_(kind.value_type))])  # a list_view
