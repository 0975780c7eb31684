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
from ..data.outputs import writing
from ..data.write import XLSX_MAX_CELL, write_table
from ..results.labels import label_results
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
) -> None:
    """Write the accepted rows with ``results`` appended to ``output``, and the rejects (if any).

    A result column that was also an input column replaces it, with a note in ``norm.notes``. The
    system's refusal to write a file (a full disk, a file size limit) is an
    :class:`~poverty_rules.errors.OutputError` naming that file.
    """
    kept = table if len(norm.accepted) == table.num_rows else table.take(pa.array(norm.accepted, pa.int64()))
    if labels and ruleset is not None:
        results = label_results(results, ruleset, lang, local)
    clash = [c for c in results.columns if c in kept.column_names]
    if clash:
        kept = kept.drop_columns(clash)
        norm.notes.append(W.msg("replaced_columns", lang, file=source, columns=W.column_list(clash)))
    for name in results.columns:
        kept = kept.append_column(str(name), pa.array(results[name]))
    text_columns = {h for h, c in norm.renamed.items() if c in _TEXT_COLUMNS}
    with writing(output, lang):  # the system's refusal (a full disk, a file size limit) said for its file
        cut = write_table(kept, output, bom=bom, text_columns=text_columns, lang=lang)
    if cut:  # Excel holds 32,767 characters a cell: said, never cut without a word
        norm.notes.append(W.msg("xlsx_cells_cut", lang, file=output, count=cut, limit=XLSX_MAX_CELL))
    if len(norm.rejects):
        raw = table.take(pa.array(norm.rejected, pa.int64()))
        info = norm.rejects[["row", "column", "reason"]]
        names = {c: W.REJECT_HEADERS[c][lang] for c in info.columns} if labels else {c: c for c in info.columns}
        rejects = pa.table({names[c]: pa.array(info[c].astype(str).to_numpy(), pa.string()) for c in info.columns})
        for name in raw.column_names:  # then the row exactly as it was, to correct and re-import
            header = name if name not in rejects.column_names else f"input_{name}"
            rejects = rejects.append_column(header, raw.column(name))
        text_columns = set(raw.column_names) | set(names.values())
        with writing(rejects_path, lang):
            cut = write_table(rejects, rejects_path, bom=bom, text_columns=text_columns, lang=lang, sheet="rejects")
        if cut:
            norm.notes.append(W.msg("xlsx_cells_cut", lang, file=rejects_path, count=cut, limit=XLSX_MAX_CELL))
