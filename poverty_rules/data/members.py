"""A members file as read (one row per person, docs/members.md): its ragged rows kept, as unknown.

A members row with more or fewer cells than the header (a missing or extra separator, a stray
quote) cannot be trusted cell by cell, but the person is there: dropping the row would change the
household's counts (dependants, members of working age) silently. So the row stays, its household
and member codes as written and every other cell blank — unknown, which the three-valued rules
carry into the household's flags — and a note names the file, the row (as the officer sees it),
the cells it held and the header's width, in the run's language, as for a household file's ragged
rows (which are rejects: docs/input.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..vocabulary import words as W
from .read import SheetTable

#: The cells of a ragged members row that are kept as written: they say whose row it is.
KEPT = ("household_id", "member_id")
#: Ragged rows named one by one; the rest are counted in one more note.
NAMED_ROWS = 10
#: The columns a repeated row is looked for by first: after them, few rows are left to compare.
_FIRST_COMPARED = ("household_id", "member_id", "birth_date", "birth_year", "age", "sex")


def member_rows(sheet: SheetTable, source: str, lang: str) -> tuple[pa.Table, list[str]]:
    """The members table of ``sheet``, every ragged row's cells but :data:`KEPT` blank, and the notes."""
    table = sheet.table
    if sheet.ragged is None or not sheet.ragged.any():
        return table, []
    bad = sheet.ragged > 0
    mask = pa.array(bad)
    columns = [
        col if name in KEPT else pc.if_else(mask, pa.scalar("", col.type), col)
        for name, col in zip(table.column_names, table.columns, strict=True)
    ]
    width = table.num_columns
    positions = np.flatnonzero(bad)
    notes = [
        W.msg("n_member_ragged", lang, file=source, row=int(sheet.rows[i]), cells=int(sheet.ragged[i]), width=width)
        for i in positions[:NAMED_ROWS]
    ]
    if len(positions) > NAMED_ROWS:
        notes.append(W.msg("n_member_ragged_more", lang, file=source, count=len(positions) - NAMED_ROWS))
    return pa.table(columns, names=table.column_names), notes


def repeated_rows(members: pa.Table | pd.DataFrame, skip: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The member rows whose every cell equals an earlier row's (a row pasted twice), and for each that
    earlier row: two arrays of positions (later, earlier), in file order. Rows where ``skip`` is true (a
    ragged row, its cells blanked) are never one of them. Exact: the rows are compared column by column,
    each column only among the rows still alike in the ones before. A column of cells that cannot be
    compared (lists in a DataFrame) leaves nothing found."""
    none = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    names = [str(c) for c in (members.column_names if isinstance(members, pa.Table) else members.columns)]
    n = members.num_rows if isinstance(members, pa.Table) else len(members)
    if n < 2 or not names:
        return none
    order = [name for name in _FIRST_COMPARED if name in names] + [
        name for name in names if name not in _FIRST_COMPARED
    ]
    at = np.arange(n, dtype=np.int64) if skip is None else np.flatnonzero(~np.asarray(skip, dtype=bool))
    codes: np.ndarray | None = None
    for position, name in enumerate(order):
        cells = _codes(members, names.index(name), at, whole=position == 0 and at.size == n)
        if cells is None:
            return none
        if codes is None:  # the first column's codes are its own (0, 1 … as they appear)
            codes = cells
        else:  # < n² for n rows: no overflow below 3·10⁹ rows
            codes = pd.factorize(codes * (int(cells.max(initial=0)) + 1) + cells)[0].astype(np.int64)
        alike = np.bincount(codes)[codes] > 1
        if not alike.any():
            return none
        at, codes = at[alike], codes[alike]
    if codes is None:
        return none
    codes = pd.factorize(codes)[0].astype(np.int64)
    _, first = np.unique(codes, return_index=True)
    earlier = at[first[codes]]
    later = at != earlier
    return at[later], earlier[later]


def _codes(members: pa.Table | pd.DataFrame, column: int, rows: np.ndarray, *, whole: bool) -> np.ndarray | None:
    """Codes 0, 1 … of one column's cells at ``rows``, equal where the cells are (an empty cell is one
    value); None for cells that cannot be compared."""
    if isinstance(members, pa.Table):
        col = members.column(column)
        col = col if whole else col.take(pa.array(rows, pa.int64()))
        try:
            encoded = pc.dictionary_encode(col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col)
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
            return None
        indices = encoded.indices.to_numpy(zero_copy_only=False)
        return np.where(np.isnan(indices), len(encoded.dictionary), indices).astype(np.int64)
    series = members.iloc[rows, column] if not whole else members.iloc[:, column]
    try:
        return pd.factorize(series, use_na_sentinel=False)[0].astype(np.int64)
    except TypeError:  # lists, dicts: no cell to compare
        return None
