"""A run's output as Arrow tables, batch by batch: the classified rows and the rejects (design.md, "Output").

The classified table is the input columns unchanged, then the result columns (their headers and
values in the run's language with ``labels``); the rejects table is row, column and reason, then the
row exactly as it was. These are the tables ``cli/_output.py``'s ``write_classified`` writes for a
whole file, built the same way for each batch of the streaming pipeline (``pipeline/stream.py``);
``tests/test_stream.py`` checks that the two give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.normalize import Normalized
from ..data.read import row_refs
from ..rules.bundled import national_designations
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.text import fold
from .labels import RESULT_HEADERS, label_beside


def classified_table(
    table: pa.Table,
    norm: Normalized,
    results: pd.DataFrame,
    *,
    labels: bool = False,
    lang: str = "en",
    ruleset: Ruleset | None = None,
    local: Ruleset | None = None,
    typed: pa.Table | None = None,
) -> tuple[pa.Table, list[str]]:
    """The accepted rows of ``table`` with ``results`` appended, and the input columns they replaced;
    ``typed``: the same rows and columns with their file's types (a Parquet input's, for a Parquet
    output), written instead of ``table``'s text."""
    kept = _rows(table, norm.accepted)
    if labels and ruleset is not None:
        results = label_beside(results, ruleset, lang, local, inputs=kept, renamed=norm.renamed)
    if typed is not None:
        kept = _rows(typed, norm.accepted)
    clash = replaced_columns(kept.column_names, results.columns, norm.renamed)
    if clash:
        kept = kept.drop_columns(clash)
    for name in results.columns:
        kept = kept.append_column(str(name), result_array(results[name]))
    return kept, clash


def result_array(column: pd.Series) -> pa.Array:
    """A result column as Arrow: ``pa.array(column)``, the same type and values; a categorical column (the
    status, the deprived indicators …) made from its codes and its categories' dictionary, kept for the
    categories in their order (``pa.array`` converts both on every call: about 1 ms a batch for the result
    columns, where this takes 0.1 ms a column). Two categorical dtypes of the same categories in another
    order are equal for pandas, so the key is the categories themselves, in order (text only)."""
    dtype = column.dtype
    if not isinstance(dtype, pd.CategoricalDtype) or dtype.categories.dtype != object:
        return pa.array(column)
    dictionary = _dictionary(tuple(dtype.categories.tolist()))
    if dictionary is None:  # categories Arrow would not read as text
        return pa.array(column)
    codes = column.cat.codes.to_numpy()
    indices = pa.array(codes, mask=codes < 0) if (codes < 0).any() else pa.array(codes)
    return pa.DictionaryArray.from_arrays(indices, dictionary, ordered=dtype.ordered)


@lru_cache(maxsize=256)
def _dictionary(categories: tuple[object, ...]) -> pa.Array | None:
    """The categories as the Arrow text ``pa.array`` gives a categorical's dictionary; None unless all are str."""
    if not all(type(c) is str for c in categories):
        return None
    return pa.array(list(categories), type=pa.string())


def _rows(table: pa.Table, rows: np.ndarray) -> pa.Table:
    """The rows ``rows`` (positions, in order) of ``table``; the table itself when they are all of it."""
    return table if len(rows) == table.num_rows else table.take(pa.array(rows, pa.int64()))


@cache
def _designation_names() -> frozenset[str]:
    """The ids and labels (vi and en) of the bundled national standards' designations
    (``low_income_worker`` …), folded."""
    return frozenset(fold(text) for names in national_designations() for text in names)


@cache
def _result_names() -> dict[str, str]:
    """Each result column (``status``, ``eligible_until``, a review's ``previous_status`` …) by its id and
    its labels (vi and en), folded."""
    names: dict[str, str] = {}
    for table in (RESULT_HEADERS, W.REVIEW_RESULT_HEADERS):
        for name, words in table.items():
            names.update({fold(text): name for text in (name, *words.values())})
    return names


def replaced_columns(
    inputs: Iterable[str], results: Iterable[object], renamed: dict[str, str] | None = None
) -> list[str]:
    """The input columns the result columns ``results`` replace: those under a result column's name (in
    the results' order), then those headed as a designation of a bundled standard (its id or label, vi or
    en: ``Hộ có người lao động thu nhập thấp``), whether this run writes it under another name or not at
    all (an earlier run's result, under an earlier standard, would read as this run's beside it), and
    those headed with another name of a result column this run writes (``Phân loại`` of a workbook
    classified again ``--lang en``, ``status`` of a CSV written again as a workbook), and, in an earlier
    run's output (it has that run's ``ruleset`` column), every result column this run does not write
    (its ``reason`` without ``--explain``, its ``local_status`` … without ``--local``: beside this run's
    status they read as this run's); an input column that ``renamed`` (each input header's canonical name) reads
    as a column this run writes (a household file's ``Tình trạng năm trước``, which ``review`` writes as its
    ``previous_status``: both in one file, it could not be read again); a header that ``renamed`` reads
    as another input column is kept, and so is an officer's own ``Lý do`` in a file no run wrote."""
    names = list(inputs)
    clash = [str(c) for c in results if str(c) in names]
    given = renamed or {}
    index = _result_names()
    written = {index.get(fold(str(c))) for c in results} - {None}
    designations = _designation_names()
    rerun = any(index.get(fold(c)) == "ruleset" for c in names)  # the input is an earlier run's output
    earlier = [
        c
        for c in names
        if (fold(c) in designations and given.get(c) is None)
        or (index.get(fold(c)) in written and given.get(c) in (None, index[fold(c)]))
        or given.get(c) in written  # an input column under another of its names: Tình trạng năm trước
        or (rerun and fold(c) in index and given.get(c) is None)
    ]
    return clash + [c for c in earlier if c not in clash]


def rejects_table(
    table: pa.Table,
    norm: Normalized,
    *,
    labels: bool = False,
    lang: str = "en",
    typed: pa.Table | None = None,
    numbered: bool = False,
) -> pa.Table:
    """The rejected rows: row, column, reason, then the row exactly as it was (to correct and re-import;
    ``typed``: as :func:`classified_table`'s, the row with its file's types; ``numbered``: the row number
    as a whole number, ``int64``, as a Parquet file has it, not its text)."""
    raw = (table if typed is None else typed).take(pa.array(norm.rejected, pa.int64()))
    names = {c: W.REJECT_HEADERS[c][lang] for c in _REASON} if labels else {c: c for c in _REASON}
    rejects = reason_columns(norm, names, numbered=numbered)
    for name in raw.column_names:
        header = name if name not in rejects.column_names else f"input_{name}"
        rejects = rejects.append_column(header, raw.column(name))
    return rejects


_REASON = ("row", "column", "reason")


def reason_columns(norm: Normalized, names: dict[str, str], *, numbered: bool = False) -> pa.Table:
    """A rejects table's first columns, row, column and reason, under ``names``, as text (a CSV's and a
    workbook's cells); ``numbered``: the row as ``int64`` (a Parquet file's: an analyst's row numbers are
    numbers, sorted and joined as such)."""
    info = norm.rejects[list(_REASON)]
    columns = {names[c]: pa.array(info[c].astype(str).to_numpy(), pa.string()) for c in _REASON}
    if norm.sheets:  # --sheet all: each row's sheet and its row there, as text in a Parquet file too
        rows = info["row"].to_numpy(np.int64)
        columns[names["row"]] = pa.array(row_refs(norm.sheets, rows), pa.string())
    elif numbered:
        columns[names["row"]] = pa.array(info["row"].to_numpy(np.int64), pa.int64())
    return pa.table(columns)


def replaced_note(source: object, clash: list[str], lang: str = "en") -> str:
    """The note for input columns that a result column replaces: of the input file, or of the table a library
    caller gave (``source`` ``<data>``: no file, so the note speaks of a table)."""
    table = str(source).startswith("<") and str(source).endswith(">")
    key = "replaced_columns_table" if table else "replaced_columns"
    return W.msg(key, lang, file=source, columns=W.column_list(clash))
