"""A run's output as Arrow tables, batch by batch: the classified rows and the rejects (design.md, "Output").

The classified table is the input columns unchanged, then the result columns (their headers and
values in the run's language with ``labels``); the rejects table is row, column and reason, then the
row exactly as it was. These are the tables ``cli/_output.py``'s ``write_classified`` writes for a
whole file, built the same way for each batch of the streaming pipeline (``pipeline/stream.py``);
``tests/test_stream.py`` checks that the two give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pandas as pd
import pyarrow as pa

from ..data.normalize import Normalized
from ..rules.model import Ruleset
from ..rules.registry import available
from ..vocabulary import words as W
from ..vocabulary.text import fold
from .labels import label_beside


def classified_table(
    table: pa.Table,
    norm: Normalized,
    results: pd.DataFrame,
    *,
    labels: bool = False,
    lang: str = "en",
    ruleset: Ruleset | None = None,
    local: Ruleset | None = None,
) -> tuple[pa.Table, list[str]]:
    """The accepted rows of ``table`` with ``results`` appended, and the input columns they replaced."""
    kept = table if len(norm.accepted) == table.num_rows else table.take(pa.array(norm.accepted, pa.int64()))
    if labels and ruleset is not None:
        results = label_beside(results, ruleset, lang, local, inputs=kept, renamed=norm.renamed)
    clash = replaced_columns(kept.column_names, results.columns)
    if clash:
        kept = kept.drop_columns(clash)
    for name in results.columns:
        kept = kept.append_column(str(name), pa.array(results[name]))
    return kept, clash


@cache
def _designation_names() -> dict[str, frozenset[str]]:
    """Each designation of the bundled national standards (``low_income_worker`` …) by its id and its
    labels (vi and en), folded: each name gives all the folded names of its designation."""
    names: dict[str, frozenset[str]] = {}
    for ruleset in available():
        for designation in ruleset.designations:
            spelled = frozenset(fold(text) for text in (designation.id, designation.label.vi, designation.label.en))
            for name in spelled:
                names[name] = names.get(name, frozenset()) | spelled
    return names


def replaced_columns(inputs: Iterable[str], results: Iterable[object]) -> list[str]:
    """The input columns the result columns ``results`` replace: those under a result column's name (in
    the results' order), then those named as a designation of a bundled standard (its id or label, vi or
    en: ``Hộ có người lao động thu nhập thấp``) that this run does not produce: an earlier run's result
    under an earlier standard, which would read as this run's beside it."""
    names = list(inputs)
    clash = [str(c) for c in results if str(c) in names]
    folded = {fold(str(c)) for c in results}
    designations = _designation_names()
    earlier = [c for c in names if fold(c) in designations and not designations[fold(c)] & folded]
    return clash + [c for c in earlier if c not in clash]


def rejects_table(table: pa.Table, norm: Normalized, *, labels: bool = False, lang: str = "en") -> pa.Table:
    """The rejected rows: row, column, reason, then the row exactly as it was (to correct and re-import)."""
    raw = table.take(pa.array(norm.rejected, pa.int64()))
    info = norm.rejects[["row", "column", "reason"]]
    names = {c: W.REJECT_HEADERS[c][lang] for c in info.columns} if labels else {c: c for c in info.columns}
    rejects = pa.table({names[c]: pa.array(info[c].astype(str).to_numpy(), pa.string()) for c in info.columns})
    for name in raw.column_names:
        header = name if name not in rejects.column_names else f"input_{name}"
        rejects = rejects.append_column(header, raw.column(name))
    return rejects


def replaced_note(source: object, clash: list[str], lang: str = "en") -> str:
    """The note for input columns that a result column replaces."""
    return W.msg("replaced_columns", lang, file=source, columns=W.column_list(clash))
