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
import pyarrow as pa
import pyarrow.compute as pc

from ..vocabulary import words as W
from .read import SheetTable

#: The cells of a ragged members row that are kept as written: they say whose row it is.
KEPT = ("household_id", "member_id")
#: Ragged rows named one by one; the rest are counted in one more note.
NAMED_ROWS = 10


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
