"""Writing a run's results beside the input: the classified file and the rejects file.

Shared by ``classify`` and ``review`` (design.md, "Output"): the input columns unchanged, then the
result columns; rejected rows go to the rejects file with row, column and reason, then the row
exactly as it was. Both files are written atomically in the format of their extension
(:func:`poverty_rules.data.write.write_table`: ``.csv``, ``.xlsx``, ``.parquet``). With
``labels=True`` the result columns' headers and values are in the run's language
(:func:`poverty_rules.results.labels.label_results`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..data.normalize import Normalized
from ..data.output_set import remove_in_place
from ..data.outputs import writing
from ..data.write import XLSX_MAX_CELL, XlsxChanges, write_table
from ..results.labels import label_beside
from ..results.tables import reason_columns, replaced_columns
from ..rules.model import Ruleset
from ..vocabulary import words as W

#: Input columns never written as numbers in a spreadsheet (identifiers such as 001 keep their zeros).
_TEXT_COLUMNS = {"household_id", "head_name", "village", "commune", "province", "previous_status", "escaped_on"}


def write_classified(
    table: pa.Table,
    norm: Normalized,
    results: pd.DataFrame,
    output: Path,
    rejects_path: Path,
    *,
    source: Path,
    bom: bool,
    labels: bool = False,
    lang: str = "en",
    ruleset: Ruleset | None = None,
    local: Ruleset | None = None,
    review: bool = False,
    typed: pa.Table | None = None,
    rejects_only: bool = False,
) -> None:
    """Write the accepted rows with ``results`` appended to ``output`` (not with ``rejects_only``: a review
    whose every row was rejected writes its rejects alone), and the rejects (if any; if none,
    an earlier rejects file at ``rejects_path`` is removed as the output set is put in place, with a note)
    (``review``: ``results`` has the review's columns, labelled too; its rejects take the output's format,
    a workbook's headed in ``lang``, a ``.csv`` keeping the ids).

    ``typed``: ``table``'s rows and columns with their file's types (a Parquet input's), written instead
    of its text in a Parquet output or rejects file (a CSV or workbook writes the text, as read).

    A result column that was also an input column replaces it, with a note in ``norm.notes``. The
    system's refusal to write a file (a full disk, a file size limit) is an
    :class:`~poverty_rules.errors.OutputError` naming that file.
    """
    kept = table if len(norm.accepted) == table.num_rows else table.take(pa.array(norm.accepted, pa.int64()))
    if labels and ruleset is not None:
        results = label_beside(results, ruleset, lang, local, inputs=kept, renamed=norm.renamed, review=review)
    if typed is not None and _parquet(output):
        kept = typed if len(norm.accepted) == typed.num_rows else typed.take(pa.array(norm.accepted, pa.int64()))
    clash = replaced_columns(kept.column_names, results.columns, norm.renamed)
    if clash:
        kept = kept.drop_columns(clash)
        norm.notes.append(W.msg("replaced_columns", lang, file=source, columns=W.column_list(clash)))
    for name in results.columns:
        kept = kept.append_column(str(name), pa.array(results[name]))
    text_columns = {h for h, c in norm.renamed.items() if c in _TEXT_COLUMNS}
    if not rejects_only:
        with writing(output, lang):  # the system's refusal (a full disk, a file size limit) said for its file
            changes = write_table(kept, output, bom=bom, text_columns=text_columns, lang=lang)
        norm.notes += xlsx_notes(changes, output, lang)  # Excel holds 32,767 characters a cell, and no control one
    if len(norm.rejects):
        rows = typed if typed is not None and _parquet(rejects_path) else table
        raw = rows.take(pa.array(norm.rejected, pa.int64()))
        worded = labels and (not review or rejects_path.suffix.lower() == ".xlsx")  # a review's .csv: the ids
        reasons = ("row", "column", "reason")
        names = {c: W.REJECT_HEADERS[c][lang] for c in reasons} if worded else {c: c for c in reasons}
        rejects = reason_columns(norm, names, numbered=_parquet(rejects_path))
        for name in raw.column_names:  # then the row exactly as it was, to correct and re-import
            header = name if name not in rejects.column_names else f"input_{name}"
            rejects = rejects.append_column(header, raw.column(name))
        text_columns = set(raw.column_names) | set(names.values())
        with writing(rejects_path, lang):
            changes = write_table(rejects, rejects_path, bom=bom, text_columns=text_columns, lang=lang, sheet="rejects")
        norm.notes += xlsx_notes(changes, rejects_path, lang)
    elif remove_in_place(rejects_path):  # no reject now: an earlier run's rejects file would list rows now classified
        norm.notes.append(W.msg("rejects_removed", lang, file=rejects_path))


def _parquet(path: Path) -> bool:
    """Whether ``path`` is written as Parquet (its extension, as ``write_table`` chooses)."""
    return path.suffix.lower() == ".parquet"


def xlsx_notes(changes: XlsxChanges, path: Path, lang: str) -> list[str]:
    """The notes of what a workbook ``path`` could not hold as it was: cells cut to Excel's limit, cells
    whose control characters were written as U+FFFD; none for a CSV or Parquet file."""
    notes = []
    if changes.cut:
        notes.append(W.msg("xlsx_cells_cut", lang, file=path, count=changes.cut, limit=XLSX_MAX_CELL))
    if changes.replaced:
        notes.append(W.msg("xlsx_cells_replaced", lang, file=path, count=changes.replaced))
    return notes
