"""Classifying beyond one machine on Dask: the same engine mapped over a dask.dataframe's partitions.

Dask is an optional extra (``pip install "poverty-rules[dask]"``) and is imported only here, inside
the functions. Nothing is scheduled by hand: Dask's scheduler (a ``distributed`` cluster, or a
``LocalCluster`` for ``classify --dask local``) runs one task per partition.

Each partition goes through :func:`poverty_rules.pipeline.run.run` exactly as one batch of the
streaming path (:mod:`poverty_rules.pipeline.stream`), with two facts computed from the whole
dataset first, in one pass:

* the **first row of every partition** (partition lengths, summed): reject row numbers are the
  file's;
* the **household codes used more than once** (``value_counts`` over the codes, then the first row of
  each such code): every later use is rejected naming the first, as in a single-process run. The
  pass costs one read of the code column and a count per distinct code, spread over the workers.

The classified rows and the rejects keep the input's column types (a Parquet dataset's own, a CSV's text)
and the result columns' (``status`` and the other coded texts as text, ``int64`` counts), one schema
for every partition (their meta's), and ``classify --dask`` writes them as two Parquet datasets with
the single-process run's Parquet schema. Results are the single-process run's:
``tests/test_dask.py`` checks on a ``LocalCluster`` with two worker processes.
"""

from __future__ import annotations

import csv
import glob
import io
import itertools
import logging
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from .._late import late_module
from ..data.ids import SeenCodes, hash_keys, household_keys, key_columns
from ..data.normalize import Normalized, plain_arrow_columns
from ..data.outputs import is_parquet_dataset
from ..data.read import (
    PARQUET,
    SPREADSHEET,
    HouseholdSource,
    SheetTable,
    check_no_nul,
    check_open_quotes,
    code_page_error,
    empty_edges,
    encoding_error,
    numeric_code_notes,
    open_table,
    parquet_batches,
    parquet_columns,
    parquet_header,
    parquet_text,
    text_header,
    unnamed_lead,
    unnamed_tail,
    utf8_in_code_page,
)
from ..data.schema import canonical_headers
from ..data.write import parquet_types
from ..errors import ArgumentError, InputError, MissingExtraError, OutputError
from ..results.tables import classified_table, rejects_table, replaced_note
from ..review.scope import classified_twins_note, place_scope
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.status_ids import STATUSES
from .batch_notes import FileNotes
from .local import unread_notes
from .options import RunOptions
from .run import run

PARTITION_BYTES = 64 << 20
#: Two columns of :func:`read_dask`'s CSV partitions, never written: ``CELLS`` is -1 for an empty row
#: (skipped and counted), the number of cells of a row with more or fewer than the header (rejected
#: as the single-process run does), else 0; ``EXTRA`` holds a ragged row's cells beyond the header.
CELLS, EXTRA = "\x00cells", "\x00extra"
MARKS = (CELLS, EXTRA)


@dataclass
class DaskClassified:
    """The lazy result on Dask: the classified rows and the rejects, one dask.dataframe each (each column
    a ``pd.ArrowDtype`` of its type: an input column's own, text, ``int64`` counts)."""

    rows: Any  # dask.dataframe.DataFrame
    rejects: Any  # dask.dataframe.DataFrame
    blank_rows: int = 0  # empty rows skipped (a CSV read by read_dask)
    notes: Any = None  # dask.dataframe.DataFrame: each partition's notes and figures (:func:`file_notes`)
    replaced: list[str] = field(default_factory=list)  # input columns a result column replaces
    #: the Parquet schemas of the rows and the rejects as the single-process run writes them (``data/write.py``
    #: ``parquet_types``: coded result columns as categories), which ``classify --dask`` writes
    written: tuple[pa.Schema, pa.Schema] | None = None
    #: the files whose rows a reject names with its row there (a folder of Parquet files, several CSV files)
    parts: list[tuple[str, int]] = field(default_factory=list)


def is_dask_frame(data: object) -> bool:
    """A dask.dataframe, recognised without importing Dask (an optional extra) for any object not of Dask's; a
    Dask Series (one column, ``ddf["area"]``) is none, and is refused as a pandas Series is."""
    if not type(data).__module__.startswith("dask.") or not hasattr(data, "map_partitions"):
        return False
    import dask.dataframe as dd

    return isinstance(data, dd.DataFrame)


def dask_index_read(ddf: Any) -> Any:
    """A dask.dataframe as the library reads it: a named index that is not also a column (a dataset pandas
    wrote with ``set_index("household_id")``, which Dask reads as the index) is read as its column, as
    ``classify --dask`` reads such a Parquet file (data/read.py) and the library a pandas frame
    (data/schema.py ``index_read``): ``pr.classify_table``, ``pr.af_measures`` and ``pr.report_forms`` alike. Columns
    of Arrow's ``string_view`` (``dd.read_parquet(…, dtype_backend="pyarrow")`` of a file polars wrote) are read as
    plain text in each partition, as a pandas frame's are (data/normalize.py ``plain_arrow_columns``)."""
    name = ddf.index.name
    ddf = ddf.reset_index() if name is not None and name not in ddf.columns else ddf
    plain = plain_arrow_columns(ddf._meta)
    return ddf if plain is ddf._meta else ddf.map_partitions(plain_arrow_columns, meta=plain)


def _text_table(frame: pd.DataFrame) -> pa.Table:
    """A partition as a table of text, as the single-process reader makes a Parquet file's
    (``data/read.py`` ``parquet_text``: 7945000 not 7945000.0, booleans 1/0, days as 2024-12-20, ""
    where empty); a column Arrow cannot type (mixed objects) as its cells' text."""
    columns = {}
    for name in frame.columns:
        try:
            columns[str(name)] = pa.array(frame[name], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            cells = frame[name].astype(object).where(frame[name].notna(), "").astype(str)
            columns[str(name)] = pa.array(cells, pa.string())
    return parquet_text(pa.table(columns), list(columns)) if columns else pa.table({})


def _typed_table(frame: pd.DataFrame, text: pa.Table) -> pa.Table:
    """A partition's columns with their own types where they are Arrow's (``pd.ArrowDtype``: a Parquet
    dataset read with ``dtype_backend="pyarrow"``, as ``classify --dask`` reads it: ``int64``, ``double``,
    ``bool``, dates, categories …; pandas' text, ``pd.StringDtype``, its nulls kept), as a Parquet output
    of the single-process run writes them; any other
    column as ``text`` holds it (the partition as :func:`_text_table` reads it): numpy's types are those
    pandas guessed for the dataset's first file, which another file's partition may not have."""
    columns = {}
    for name, cells in zip(text.column_names, text.columns, strict=True):
        series = frame[name] if name in frame.columns else None
        if series is None or not isinstance(series.dtype, pd.ArrowDtype | pd.StringDtype):
            columns[name] = cells
            continue
        try:
            columns[name] = pa.array(series, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            columns[name] = cells
    return pa.table(columns) if columns else pa.table({})


def _as_frame(table: pa.Table, schema: pa.Schema | None = None) -> pd.DataFrame:
    """A classified or rejects table as a partition of the lazy result: each column with its Arrow type
    (``pd.ArrowDtype``: text, ``int64`` counts, a Parquet input's own types), coded text (categories)
    decoded to text; cast to ``schema`` (the result's, from its meta) so every partition has its types."""
    columns = {}
    for name, col in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        if pa.types.is_large_string(col.type) or pa.types.is_null(col.type):  # a meta's empty column of objects
            col = col.cast(pa.string())
        columns[name] = col
    decoded = pa.table(columns) if columns else pa.table({})
    if schema is not None and not decoded.schema.equals(schema):
        decoded = pa.table({f.name: _cast_or_keep(decoded.column(f.name), f.type) for f in schema})
    return decoded.to_pandas(types_mapper=pd.ArrowDtype)


def _cast_or_keep(column: pa.ChunkedArray, kind: pa.DataType) -> pa.ChunkedArray:
    """``column`` as ``kind`` (the result's type), or as it is when its values are not of that type (a
    library caller's dataset whose files type a column differently: text 'có' where the first file had
    int64): that partition keeps its own, as Dask keeps a partition that differs from its meta."""
    try:
        return column.cast(kind)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return column


def _sheet(frame: pd.DataFrame, start: int) -> SheetTable:
    """A partition of :func:`read_dask`'s CSV as the single-process reader gives it: the file's row
    numbers (``start``: the partition's first record, 0-based), empty rows left out, ragged rows marked."""
    kind = frame[CELLS].to_numpy(np.int64)
    keep = kind >= 0
    body = frame.drop(columns=list(MARKS))[keep]
    rows = np.flatnonzero(keep).astype(np.int64) + start + 2  # the header is row 1
    ragged = kind[keep]
    extra = [str(x) for x in frame[EXTRA].to_numpy(object)[keep]]
    if not ragged.any():
        return SheetTable(_text_table(body), rows, "<data>")
    return SheetTable(_text_table(body), rows, "<data>", 1, ragged, extra)


class _Partition:
    """What one task needs: the ruleset, the options, each partition's first row and the repeated codes."""

    def __init__(
        self,
        ruleset: Ruleset,
        options: RunOptions,
        starts: Sequence[int],
        repeated: SeenCodes,
        source: str,
        dropped: Sequence[str] = (),
        parquet: bool = False,
        labels: bool = False,
        schemas: tuple[pa.Schema, pa.Schema] | None = None,
        separator: str | None = None,
        parts: Sequence[tuple[str, int]] = (),
    ) -> None:
        self.ruleset = ruleset
        self.options = options
        self.starts = list(starts)
        self.repeated = repeated
        self.source = source
        self.dropped = list(dropped)  # a CSV's empty unnamed edge columns, which a whole read drops
        self.parquet = parquet  # a Parquet file's partitions: a text cell with a NUL is refused, as the file's reader
        self.labels = labels  # result columns and reject headers as words in the options' lang (--headers labels)
        self.schemas = schemas  # the classified rows' and the rejects' column types (their meta's)
        self.separator = separator  # a CSV file's, read by read_dask: its unclosed quotes refused as a whole read
        self.parts = list(parts)  # a folder's Parquet files and their rows: a reject names its file and row there

    def classified(self, frame: pd.DataFrame, number: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Partition ``number``'s classified rows, rejects and notes, from one run of the pipeline (the
        three outputs of one task: a computation of all three runs it once per partition). The notes keep
        their figures for the file's (``say_figures=False``), as a streamed batch's
        (:class:`~poverty_rules.pipeline.batch_notes.FileNotes` says them once for the dataset)."""
        seen = self.repeated.frozen()
        width = len([c for c in frame.columns if c not in MARKS])  # the file's header, its empty edges too
        frame = frame.drop(columns=self.dropped)
        if CELLS in frame.columns:  # read_dask's CSV: the file's row numbers, empty rows out, ragged rows marked
            sheet = _sheet(frame, self.starts[number])
            part = SheetTable(sheet.table, sheet.rows, self.source)
            check_no_nul(part, self.options.lang)  # as the file's reader
            if self.separator is not None:  # a quote not closed where its cell ends: refused as the file's reader
                check_open_quotes(part, width, self.separator, self.options.lang)
            table = typed = sheet.table
            result = run(sheet, self.ruleset, self.options, source=self.source, seen=seen, say_figures=False)
        else:
            table = _text_table(frame)
            typed = _typed_table(frame, table)
            if self.parquet:  # as data/read.py refuses it, read whole or row group by row group
                rows = np.arange(2, table.num_rows + 2, dtype=np.int64) + self.starts[number]
                for part in _part_sheets(table, rows, self.source, self.parts):  # a folder's: each file's rows
                    check_no_nul(part, self.options.lang, key="nul_in_parquet_cell")
            result = run(
                table,
                self.ruleset,
                self.options,
                source=self.source,
                first_row=self.starts[number],
                seen=seen,
                say_figures=False,
            )
        normalized = result.normalized
        kept, _ = _results_table(table, normalized, result.results, self.ruleset, self.options, self.labels, typed)
        unread: tuple[int, tuple[int | str, str] | None] = (0, None)
        if self.options.local is not None:
            unread = (result.local_unread, result.local_unread_first)
            first = result.local_unread_first
            if self.parts and first is not None and isinstance(first[0], int):  # a folder's: the row of its part file
                row, why = first
                files, within = file_rows(self.parts, np.array([row]))
                named = W.msg("row_of_file", self.options.lang, row=int(within[0]), file=files[0])
                unread = (result.local_unread, (named, why))
        figures = normalized.figures
        if self.parts and figures is not None and figures.bad_sizes_first:  # a folder's: each row in its file
            files, within = file_rows(self.parts, np.array([row for row, _ in figures.bad_sizes_first]))
            figures.bad_sizes_first = [
                (W.msg("row_of_file", self.options.lang, row=int(at), file=file), cell)
                for file, at, (_, cell) in zip(files, within, figures.bad_sizes_first, strict=True)
            ]
        said = (
            number,
            normalized.notes,
            normalized.figures_at,
            figures,
            *unread,
            place_scope(normalized.frame),
        )
        counts = {str(s): int(n) for s, n in result.results["status"].value_counts(sort=False).items()}
        notes = pd.DataFrame({"notes": pd.Series([said], dtype=object), "counts": pd.Series([counts], dtype=object)})
        lang = self.options.lang
        rejects = rejects_table(table, normalized, labels=self.labels, lang=lang, typed=typed, numbered=True)
        if self.parts:
            rejects = _in_part_files(rejects, self.parts, self.labels, lang)
        rows_schema, rejects_schema = self.schemas or (None, None)
        return _as_frame(kept, rows_schema), _as_frame(rejects, rejects_schema), notes


def _schema_of(frame: pd.DataFrame) -> pa.Schema:
    """The Arrow types of a frame's columns (:func:`_as_frame`'s ``pd.ArrowDtype``), without pandas' metadata."""
    return pa.Schema.from_pandas(frame, preserve_index=False).remove_metadata()


def _results_table(
    table: pa.Table,
    norm: Normalized,
    results: pd.DataFrame,
    ruleset: Ruleset,
    options: RunOptions,
    labels: bool,
    typed: pa.Table | None = None,
) -> tuple[pa.Table, list[str]]:
    """:func:`~poverty_rules.results.tables.classified_table` as ``classify`` writes it (``labels``: the
    result columns as words in the options' language, the local standard's too; ``typed``: the input
    columns with their own types, :func:`_typed_table`)."""
    local = options.local if isinstance(options.local, Ruleset) else None
    return classified_table(
        table, norm, results, labels=labels, lang=options.lang, ruleset=ruleset, local=local, typed=typed
    )


def _repeated_codes(
    ddf: Any, columns: Mapping[str, Any], edges: Sequence[str] = ()
) -> tuple[list[int], SeenCodes, int, list[str], list[int]]:
    """One pass: each partition's first row, and every household key (``data.ids.household_keys``: the
    code within its commune) used more than once, with its first row (rows without a code left out),
    the number of empty rows (:data:`CELLS`), which of the columns ``edges`` are empty in every row, and
    each partition's number of rows."""
    import dask

    def hashes(part: pd.DataFrame) -> pd.DataFrame:
        table = _text_table(part[list(columns.values())])  # the text each partition's run will hash
        given = pc.binary_length(table.column(str(columns["household_id"]))).to_numpy() > 0  # no code: not a use
        key = hash_keys(key_columns({k: table.column(str(c)) for k, c in columns.items()}))
        blank = part[CELLS].to_numpy(np.int64) < 0 if CELLS in part.columns else np.zeros(len(part), dtype=bool)
        out = pd.DataFrame({"key": key, "given": given, "blank": blank}, index=part.index)
        for i, name in enumerate(edges):  # a value in the row's cell of that column
            cells = part[name].astype(object).where(part[name].notna(), "").astype(str)
            out[f"filled{i}"] = cells.str.strip().str.len().to_numpy() > 0
        return out

    meta_keys = pd.DataFrame(
        {
            "key": pd.Series([], dtype=np.uint64),
            "given": pd.Series([], dtype=bool),
            "blank": pd.Series([], dtype=bool),
            **{f"filled{i}": pd.Series([], dtype=bool) for i in range(len(edges))},
        }
    )
    keys = ddf.map_partitions(hashes, meta=meta_keys)  # every column: a projection may repartition a Parquet read
    lengths = keys.map_partitions(len)
    counts = keys[keys["given"]]["key"].value_counts()
    filled_any = [keys[f"filled{i}"].any() for i in range(len(edges))]
    lengths_v, repeated, blank, *filled = dask.compute(lengths, counts[counts > 1], keys["blank"].sum(), *filled_any)
    starts = np.concatenate([[0], np.cumsum(np.asarray(lengths_v, dtype=np.int64))[:-1]]).tolist()
    seen = SeenCodes()
    if len(repeated):
        wanted = np.sort(repeated.index.to_numpy(np.uint64))

        def firsts(part: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
            start = starts[partition_info["number"]] if partition_info else 0
            table = _text_table(part[list(columns.values())])
            values = hash_keys(key_columns({k: table.column(str(c)) for k, c in columns.items()}))
            given = pc.binary_length(table.column(str(columns["household_id"]))).to_numpy() > 0
            where = np.flatnonzero(np.isin(values, wanted) & given)
            return pd.DataFrame({"key": values[where], "row": where + start + 2})

        meta = pd.DataFrame({"key": pd.Series([], dtype=np.uint64), "row": pd.Series([], dtype=np.int64)})
        found = ddf.map_partitions(firsts, meta=meta).compute()
        first = found.groupby("key", sort=False)["row"].min()  # row numbers: the header is row 1
        seen.check_and_add(first.index.to_numpy(np.uint64), first.to_numpy(np.int64), np.zeros(len(first), dtype=bool))
    empty = [name for name, any_value in zip(edges, filled, strict=True) if not any_value]
    return starts, seen, int(blank), empty, [int(n) for n in lengths_v]


def classify_dask(
    ddf: Any,
    ruleset: Ruleset,
    options: RunOptions,
    *,
    source: str = "<data>",
    parquet: bool = False,
    labels: bool = False,
    separator: str | None = None,
    parts: Sequence[tuple[str, int]] = (),
    files: Sequence[str] = (),
) -> DaskClassified:
    """Classify a dask.dataframe of households: lazy classified rows and rejects (:class:`DaskClassified`),
    and the notes (:func:`file_notes`); ``source`` names the data in messages and notes; ``parquet``: the
    data is the Parquet file ``source``, whose text cells holding a NUL character are refused (naming the
    row and column) as its single-process reader refuses them; ``labels``: the result columns and the
    rejects' headers as words in ``options.lang`` (``classify --headers labels``); ``separator``: that of the
    CSV file ``source`` read by :func:`read_dask`, whose cells a quote opens and does not close where they end
    are refused (naming the row and column) as its single-process reader refuses them; ``parts``: the files of
    the folder of Parquet files ``source`` (:func:`part_files`), each reject then naming its file and its row
    there (a ``file`` column before ``row``); ``files``: the CSV file each partition was read from
    (:func:`frame_csv_files`), each reject then naming its file and its row there alike.

    Raises what a single-process run raises for a bad header (checked on the columns before any task).
    ``options.members`` must be None: members are joined with their households on whole files.
    """
    if options.members is not None:
        raise ArgumentError.of(W.texts("arg_dask_members"))
    columns = [c for c in ddf.columns if c not in MARKS]
    header = [str(c).strip() for c in columns]
    renamed = canonical_headers(
        header, source=source, lang=options.lang
    )  # two headers of one column: said as a run says it
    empty = _text_table(ddf._meta[columns])
    meta = run(empty, ruleset, options, source=source)  # a header the standard cannot classify fails here
    if "household_id" not in renamed.values():  # pragma: no cover - run() above raised already
        raise ValueError("household_id")
    original = {renamed[str(c).strip()]: c for c in columns if str(c).strip() in renamed}
    edges = unnamed_lead(header) + unnamed_tail(header) if CELLS in ddf.columns else []  # a CSV's
    keys = {k: original[k] for k in household_keys(renamed.values())}
    starts, repeated, blank, empty_ones, lengths = _repeated_codes(ddf, keys, [columns[header.index(e)] for e in edges])
    if files and not parts:  # several CSV files: each one's rows, from its partitions' lengths
        parts = csv_part_files(files, lengths)
    dropped = [columns[header.index(e)] for e in empty_edges(header, lambda e: columns[header.index(e)] in empty_ones)]
    if dropped:  # empty unnamed columns at the file's edges (an export's ",," on every line): as a whole read
        columns = [c for c in columns if c not in dropped]
        empty = _text_table(ddf._meta[columns])
        meta = run(empty, ruleset, options, source=source)
    typed = empty if CELLS in ddf.columns else _typed_table(ddf._meta[columns], empty)
    meta_kept, replaced = _results_table(empty, meta.normalized, meta.results, ruleset, options, labels, typed)
    meta_rows = _as_frame(meta_kept)
    meta_rejected = rejects_table(empty, meta.normalized, labels=labels, lang=options.lang, typed=typed, numbered=True)
    if parts:
        meta_rejected = _in_part_files(meta_rejected, parts, labels, options.lang)
    meta_rejects = _as_frame(meta_rejected)
    schemas = (_schema_of(meta_rows), _schema_of(meta_rejects))
    task = _Partition(ruleset, options, starts, repeated, source, dropped, parquet, labels, schemas, separator, parts)
    import dask
    import dask.dataframe as dd

    shipped = dask.delayed(task)  # one copy of the ruleset and the repeated codes for every task
    done = [
        dask.delayed(_Partition.classified, nout=3)(shipped, part, number)
        for number, part in enumerate(ddf.to_delayed())
    ]
    rows = dd.from_delayed([d[0] for d in done], meta=meta_rows, verify_meta=False)
    rejects = dd.from_delayed([d[1] for d in done], meta=meta_rejects, verify_meta=False)
    meta_notes = pd.DataFrame({"notes": pd.Series([], dtype=object), "counts": pd.Series([], dtype=object)})
    with dask.config.set({"dataframe.convert-string": False}):  # each cell a partition's notes, not text
        notes = dd.from_delayed([d[2] for d in done], meta=meta_notes, verify_meta=False)
    written = (_written_schema(meta_kept), _written_schema(meta_rejected))
    return DaskClassified(rows, rejects, blank, notes, list(replaced), written, list(parts))


def file_notes(partitions: pd.DataFrame, result: DaskClassified, options: RunOptions, source: str) -> list[str]:
    """The notes of :attr:`DaskClassified.notes` computed: each once, the ones from the numbers worked
    out from every partition's figures, then the rows the local standard could not read (counted over
    every partition), the input columns replaced and a commune written two ways, as a single-process run of the
    whole file says them."""
    said = FileNotes()
    unread, first_unread = 0, None
    places = []  # each partition's communes (review/scope.py place_scope), for the note on one written two ways
    for _, notes, at, figures, count, first, place in sorted(partitions["notes"], key=lambda p: p[0]):
        unread, first_unread = unread + count, first_unread or first
        places.append(place)
        none = np.zeros(0, dtype=np.int64)
        part = Normalized(pd.DataFrame(), none, pd.DataFrame(), none, notes=list(notes), figures=figures)
        part.figures_at = at
        said.add(part)
    replaced = [replaced_note(source, result.replaced, options.lang)] if result.replaced else []
    twins = classified_twins_note(places, source=source, lang=options.lang)
    return [*said.whole(), *unread_notes(unread, options, first_unread), *replaced, *twins]


def read_dask(path: str | Path, *, blocksize: int = PARTITION_BYTES, lang: str = "en") -> Any:
    """A household file (CSV or Parquet, or a folder of Parquet files) as a dask.dataframe of text."""
    return _open_dask(path, blocksize=blocksize, lang=lang)[0]


def read_dask_rows(path: str | Path, *, blocksize: int = PARTITION_BYTES, lang: str = "en") -> Any:
    """:func:`read_dask` for a reader of the rows alone (``report --dask``): a CSV's partitions as the
    single-process reader reads the file, their empty rows left out and a cell that a quote opens and does not
    close where it ends (the lines after it read into that cell) refused, naming the file, the partition and
    its row (:class:`InputError`, in ``lang``), without the marks; a Parquet dataset as :func:`read_dask`."""
    text = _csv_source(str(path), lang)
    ddf = read_dask(path, blocksize=blocksize, lang=lang)
    if text is None or CELLS not in ddf.columns:
        return ddf
    separator = text[0].separator or ","
    width = len([c for c in ddf.columns if c not in MARKS])
    partitions = ddf.npartitions

    def rows(frame: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
        where = f"{path} [{partition_info['number'] + 1}/{partitions}]" if partition_info else str(path)
        body = frame.drop(columns=list(MARKS))
        part = SheetTable(_text_table(body), np.arange(2, len(body) + 2, dtype=np.int64), where)
        try:
            check_open_quotes(part, width, separator, lang)
        except InputError as exc:  # its row is the partition's (its empty rows counted): which partition, for
            if partition_info and hasattr(exc, "values"):  # report --dask to name the file's row
                exc.located = (partition_info["number"], exc.values["row"], "open_quote")  # type: ignore[attr-defined]
            raise
        return body[frame[CELLS].to_numpy(np.int64) >= 0].reset_index(drop=True)

    return ddf.map_partitions(rows, meta=ddf._meta.drop(columns=list(MARKS)))


def _open_dask(
    path: str | Path,
    *,
    blocksize: int = PARTITION_BYTES,
    lang: str = "en",
    encoding: str | None = None,
    typed: bool = False,
) -> tuple[Any, list[str]]:
    """:func:`read_dask`, and the reader's notes (the encoding found); ``typed``: a Parquet dataset's
    columns with their Arrow types as stored (``pd.ArrowDtype``: an ``int64`` with nulls, a date, a
    decimal, NaN apart from null), as the single-process run reads them for its Parquet output. A CSV
    file is opened as the single-process reader opens it (``data/read.py``'s ``open_table``: encoding,
    separator, gzip) and every block is parsed with the csv module, its empty and ragged rows marked
    (:data:`CELLS`); a spreadsheet, or a CSV whose header is not row 1, is refused (:class:`InputError`,
    docs/scale.md)."""
    import dask.dataframe as dd
    from dask.dataframe.io.csv import read_pandas

    path = str(path)
    text = _csv_source(path, lang, encoding)
    if text is None:  # every column, in the file's order, as the single-process reader reads them
        try:
            schema = ds.dataset(path, format="parquet").schema
        except (pa.ArrowInvalid, OSError) as exc:  # a header twice: the plain run's message, naming the columns
            if Path(path).is_file():
                next(parquet_batches(open_table(path, lang=lang), 1))
            _check_all_parquet(path, lang)
            raise InputError(W.msg("bad_parquet", lang, file=path, why=str(exc).splitlines()[0])) from None
        columns = parquet_columns(schema)
        differing = _check_same_columns(path, lang) if Path(path).is_dir() else []
        header = parquet_header(columns, path, lang)  # the names the single-process reader gives them (NFC …)
        notes = numeric_code_notes(pa.schema([schema.field(c) for c in columns]), header, path, lang)
        backend: dict[str, Any] = {"dtype_backend": "pyarrow"} if typed else {}
        if typed and differing:  # a column typed otherwise in some file (int64 here, text there): read as text
            fields = [pa.field(f.name, pa.string()) if f.name in differing else f for f in schema]
            backend["dataset"] = {"schema": pa.schema(fields)}
        ddf = dd.read_parquet(path, index=False, columns=columns, **backend)
        if header != list(columns):
            ddf = ddf.rename(columns=dict(zip(columns, header, strict=True)))
        return ddf, notes
    src, header = text
    gzipped = src.compression == "gzip"
    # a worker reads the file by its absolute path: a worker of a real cluster has a working directory of its
    # own, where 'ho.csv' named in the officer's was not found
    located = str(Path(path).absolute())
    cells: dict[str, Any] = {"header_cells": header, "text_encoding": src.encoding or "utf-8"}
    cells["text_source"] = (replace(src, path=Path(located)), path)
    cells["separator"] = src.separator or ","
    bounds = (
        None
        if gzipped or src.encoding not in BYTE_SPLIT_ENCODINGS
        else _record_bounds(path, blocksize, cells["separator"])
    )
    if bounds is None or len(bounds) <= 2:  # one partition: Dask's reader, gzip decompressed
        ddf = read_pandas(_read_block, path, blocksize=None, compression="gzip" if gzipped else None, **cells)
        return ddf, list(src.notes)
    from dask import delayed

    with open(path, "rb") as fh:
        head = fh.read(bounds[0])
    meta = _read_block(io.BytesIO(head), **cells)
    parts = [delayed(_read_range)(located, a, b, head, cells) for a, b in itertools.pairwise(bounds)]
    return dd.from_delayed(parts, meta=meta, verify_meta=False), list(src.notes)


def _check_all_parquet(path: str, lang: str) -> None:
    """Refuse (:class:`InputError`) a folder holding a file that is not Parquet (a folder of communes' CSV
    files), naming the first such file: Dask's Parquet reader said "Could not read schema … Is this a
    'parquet' file?" in English, and nothing of what ``--dask`` does read."""
    folder = Path(path)
    if not folder.is_dir():
        return
    for name in sorted(os.listdir(folder)):
        item = folder / name
        if name.startswith((".", "_")) or not item.is_file():  # hidden files and Dask's _metadata, subfolders
            continue
        with open(item, "rb") as fh:
            if fh.read(4) != b"PAR1":
                raise InputError(W.msg("dask_folder_not_parquet", lang, folder=path, file=item))


def _check_same_columns(path: str, lang: str) -> list[str]:
    """Refuse (:class:`InputError`, naming the file and its columns) a folder of Parquet files one of which has
    columns the first file has not, or lacks some of its columns (a commune's file with a column more or
    less): Dask reads every file with the first one's columns, so an extra column was dropped without a
    word and a missing one stopped the run with an unexpected failure. The same columns in another order
    are read by name, as they are. Returns the columns whose type is not the same in every file (a code
    stored as int64 in one commune's file and as text in another's)."""
    try:
        fragments = list(ds.dataset(path, format="parquet").get_fragments())
        physical = [(f.path, f.physical_schema) for f in fragments]
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(W.msg("bad_parquet", lang, file=path, why=str(exc).splitlines()[0])) from None
    schemas = [(name, parquet_columns(schema)) for name, schema in physical]
    if not schemas:
        return []
    first, wanted = schemas[0]
    for name, columns in schemas[1:]:
        missing = [c for c in wanted if c not in columns]
        extra = [c for c in columns if c not in wanted]
        if missing or extra:
            parts = [W.texts("columns_missing", columns=W.column_list(missing))] if missing else []
            parts += [W.texts("columns_extra", columns=W.column_list(extra))] if extra else []
            differences = {code: "; ".join(part[code] for part in parts) for code in ("vi", "en")}
            raise InputError(W.msg("dask_columns_differ", lang, file=name, first=first, differences=differences))
    kinds = {c: {str(schema.field(c).type) for _, schema in physical} for c in wanted}
    return [c for c, seen in kinds.items() if len(seen) > 1]


#: Encodings whose line breaks and quotes are the bytes ``\n`` and ``"`` and no other character's: a
#: file in them is cut into partitions at its bytes (:func:`_record_bounds`); UTF-16 is read as one.
BYTE_SPLIT_ENCODINGS = ("utf-8", "utf-8-sig", "cp1258", "cp1252")
#: Bytes of a CSV file looked at at a time while its partitions' bounds are found.
SCAN_BYTES = 1 << 24


def _record_bounds(path: str, blocksize: int, separator: str = ",") -> list[int]:
    """Where a CSV file's partitions start and end: after the header, then at the first line break after
    every ``blocksize`` bytes that is outside quotes, and the file's end. A quoted cell with a line break
    is never cut in two, as Dask's own reader cuts it (at any ``\n``: the cell's rows were broken into
    ragged pieces). Quotes are read as the file's readers read them (:func:`_quoting`): a ``"`` inside an
    unquoted cell (``Trần "Tý``) is a character of the cell, quoting nothing, as RFC 4180's doubled quotes
    inside a quoted cell are."""
    size = os.path.getsize(path)
    bounds: list[int] = []
    target, offset = 0, 0  # the next cut wanted; the bytes looked at so far
    state = _QuoteState()
    with open(path, "rb") as fh:
        if fh.read(3) == b"\xef\xbb\xbf":  # a UTF-8 byte order mark: the header's first cell starts after it
            offset = 3
        fh.seek(offset)
        while offset < size:
            chunk = np.frombuffer(fh.read(SCAN_BYTES), dtype=np.uint8)
            if chunk.size == 0:
                break
            inside = state.inside  # before the chunk
            quotes = _quoting(chunk, ord(separator), state)
            if target >= offset + chunk.size:  # no cut wanted here: only its quotes followed
                offset += chunk.size
                continue
            marks = np.zeros(chunk.size, dtype=np.int8)
            marks[quotes] = 1
            before = np.cumsum(marks, dtype=np.int64)
            breaks = np.flatnonzero(chunk == ord("\n"))
            outside = breaks[(inside + before[breaks]) % 2 == 0]  # the break itself is no quote
            while target < offset + chunk.size:
                at = int(np.searchsorted(outside, target - offset))
                if at == outside.size:
                    target = offset + chunk.size  # on in the next piece
                    break
                bounds.append(offset + int(outside[at]) + 1)
                target = bounds[-1] + max(blocksize, 1)
            offset += chunk.size
    if not bounds:
        return [size, size]
    if bounds[-1] < size:
        bounds.append(size)
    return bounds


@dataclass
class _QuoteState:
    """Where :func:`_quoting` left off at the end of a piece of a CSV file: inside a quoted cell, the
    piece's last byte a quote closing one (a ``"`` next is a doubled one, inside again), or a cell's start
    next (the file's start, a separator or a line break last)."""

    inside: int = 0
    after_close: bool = False
    at_start: bool = True


#: Bytes after which a cell starts: a ``"`` there opens a quoted cell (a separator is added).
_CELL_STARTS = (ord("\n"), ord("\r"))


def _quoting(chunk: np.ndarray, separator: int, state: _QuoteState) -> np.ndarray:
    """The positions in ``chunk`` of the quotes that open or close a quoted cell (a doubled quote inside
    one closes and opens it again), as Python's csv module and pyarrow's reader read them: a ``"`` opens
    a cell only at the cell's start, and one anywhere else outside quotes is the cell's own character.
    ``state`` goes on from the piece before and is left for the next.

    Counting every ``"`` is exact when each quote that would open a cell so counted is at a cell's start
    (or right after a closing quote: a doubled one); that is checked at once on the whole piece, and only a
    piece where it fails (a stray quote) is followed quote by quote."""
    found = np.flatnonzero(chunk == ord('"'))
    starts = np.array([*_CELL_STARTS, separator], dtype=np.uint8)
    opening = (state.inside + np.arange(found.size)) % 2 == 0  # as counting every quote reads them
    first = found[opening]
    prev = chunk[np.maximum(first - 1, 0)]
    fits = np.isin(prev, starts) | (prev == ord('"'))
    if first.size and first[0] == 0:
        fits[0] = state.at_start or state.after_close
    if fits.all():
        kept = found
        state.inside = (state.inside + found.size) % 2
        state.after_close = bool(found.size and found[-1] == chunk.size - 1 and not opening[-1])
    else:
        kept = _walk_quotes(chunk, found, set(starts.tolist()), state)
    if chunk.size:
        state.at_start = int(chunk[-1]) in starts.tolist()
    return kept


def _walk_quotes(chunk: np.ndarray, found: np.ndarray, starts: set[int], state: _QuoteState) -> np.ndarray:
    """:func:`_quoting` quote by quote, for a piece with a stray quote: which of ``found`` open or close a
    quoted cell, ``state`` updated."""
    keep = np.ones(found.size, dtype=bool)
    inside = bool(state.inside)
    closed = -1 if state.after_close else -2  # the last closing quote's position
    for i, at in enumerate(found.tolist()):
        if inside:
            inside, closed = False, at
        elif closed == at - 1 or (at == 0 and state.at_start) or (at > 0 and int(chunk[at - 1]) in starts):
            inside = True  # a doubled quote, or one at a cell's start
        else:
            keep[i] = False  # a character of an unquoted cell
    state.inside = int(inside)
    state.after_close = not inside and closed == chunk.size - 1
    return found[keep]


def _read_range(path: str, start: int, end: int, head: bytes, cells: dict[str, Any]) -> pd.DataFrame:
    """The records between the bytes ``start`` and ``end`` of a CSV file, under its header ``head``."""
    with open(path, "rb") as fh:
        fh.seek(start)
        body = fh.read(end - start)
    return _read_block(io.BytesIO(head + body), **cells)


def _csv_source(path: str, lang: str, encoding: str | None = None) -> tuple[HouseholdSource, list[str]] | None:
    """The opened CSV file (``encoding``: as ``--encoding`` gives it, else found) and its header, or None
    for Parquet; :class:`InputError` for what ``--dask`` does not read (a spreadsheet, title rows above
    the header), before any cluster starts."""
    if path.endswith((".parquet", ".pq", "/")) or Path(path).is_dir():
        return None
    src = open_table(path, lang=lang, encoding=encoding)
    if src.format == PARQUET:
        return None
    if src.format == SPREADSHEET:
        raise InputError(W.msg("dask_spreadsheet", lang, file=path))
    header, skip, row = text_header(src)
    if row != 1:  # ``row``: the header's (first) row
        raise InputError(W.msg("dask_title_rows", lang, file=path, row=row))
    if skip != 1:  # ``skip``: the records up to the header's last row (its second one, for a two-row header)
        raise InputError(W.msg("dask_header_rows", lang, file=path, first=row, last=skip))
    return src, header


def _read_block(
    data: io.BytesIO,
    *,
    header_cells: list[str],
    text_encoding: str,
    separator: str,
    text_source: tuple[HouseholdSource, str] | None = None,
    nrows: int | None = None,
    **_: Any,
) -> pd.DataFrame:
    """One block of a CSV file (Dask writes the header line before every block) as text cells, each
    record marked as ``data/read.py``'s record reader marks it: empty, ragged (its cells beyond the
    header kept) or regular (:data:`CELLS`, :data:`EXTRA`). A byte the encoding cannot read is said as
    a whole read of the file ``text_source`` says it (its row and column, in its language; the source
    opened, at its absolute path, and the file's name as given)."""
    raw = data.read()
    if text_source is not None and (text_source[0].end is not None or text_source[0].compression == "gzip"):
        raw = raw.rstrip(b"\x1a")  # the file's DOS end marks (^Z): not text (a .csv.gz is read in one block)
    try:
        text = raw.decode(text_encoding)
    except UnicodeDecodeError:
        if text_source is None:
            raise
        raise encoding_error(*text_source) from None
    if text_encoding in ("cp1258", "cp1252"):  # tone marks written apart, as the single-process reader
        if text_source is not None and utf8_in_code_page(text, text_encoding):  # a row saved in UTF-8: refused,
            refused = code_page_error(*text_source)  # named by its row as the single-process reader names it
            if refused is not None:
                raise refused
        text = unicodedata.normalize("NFC", text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    next(records, None)  # the header
    width = len(header_cells)
    cells: list[list[str]] = [[] for _ in header_cells]
    kinds: list[int] = []
    extra: list[str] = []
    for rec in records:
        if nrows is not None and len(kinds) >= nrows:
            break
        n = len(rec)
        if not any(c.strip() for c in rec):
            kinds.append(-1)
        elif n != width and any(c.strip() for c in rec[width:]) or n < width:
            kinds.append(n)
        else:
            kinds.append(0)
        extra.append(separator.join(rec[width:]) if kinds[-1] > 0 else "")
        for column, value in zip(cells, (rec + [""] * (width - n))[:width], strict=True):
            column.append(value)
    frame = pd.DataFrame({h: pd.Series(c, dtype=object) for h, c in zip(header_cells, cells, strict=True)})
    frame[CELLS] = np.asarray(kinds, dtype=np.int64)
    frame[EXTRA] = pd.Series(extra, dtype=object)
    return frame


@dataclass
class DaskSummary:
    """What ``classify --dask`` did: counts by status, rows classified and rejected."""

    counts: dict[str, int]
    classified: int
    rejected: int
    notes: list[str] = field(default_factory=list)  # the reader's (encoding found, empty rows skipped)


def classify_on_dask(
    path: str | Path,
    output: str | Path,
    rejects_path: str | Path,
    ruleset: Ruleset,
    options: RunOptions,
    address: str,
    encoding: str | None = None,
    labels: bool = False,
) -> DaskSummary:
    """``classify --dask``: read ``path`` on the cluster at ``address`` (``local``: a LocalCluster),
    classify every partition, write the classified rows to the Parquet dataset ``output`` and the
    rejects to ``rejects_path`` (only if some row is rejected), both atomically; ``labels``: their
    result columns and headers as words in ``options.lang`` (``--headers labels``)."""
    text = _csv_source(str(path), options.lang, encoding)  # what --dask does not read: refused before a cluster starts
    separator = (text[0].separator or ",") if text is not None else None
    with dask_client(address, options.lang):  # MissingExtraError without the extra
        import dask

        ddf, notes = _open_dask(path, lang=options.lang, encoding=encoding, typed=True)
        parquet = CELLS not in ddf.columns
        parts = part_files(path) if parquet else []  # a folder's rejects name each row's file
        result = classify_dask(
            ddf, ruleset, options, source=str(path), parquet=parquet, labels=labels, separator=separator, parts=parts
        )
        if result.blank_rows:
            notes.append(W.msg("blank_rows", options.lang, file=path, count=result.blank_rows))
        target, rejects_target = Path(output), Path(rejects_path)
        tmp, tmp_rejects = temporary_folder(target), temporary_folder(rejects_target)
        try:
            rows_schema, rejects_schema = result.written or (None, None)
            outputs = ((result.rows, tmp, rows_schema), (result.rejects, tmp_rejects, rejects_schema))
            writes = [
                dask.delayed(_write_part)(part, str(folder / f"part.{i}.parquet"), schema)
                for frame, folder, schema in outputs
                for i, part in enumerate(frame.to_delayed())
            ]
            notes_parts = result.notes.to_delayed()  # one kind of graph: no mixed-collections warning
            computed = dask.compute(*writes, *notes_parts)
            said = pd.concat(computed[len(writes) :], ignore_index=True)
            notes += file_notes(said, result, options, str(path))
            rejected = ds.dataset(tmp_rejects, format="parquet").count_rows()
            if not rejected and not sum(int(n) for part in said["counts"] for n in part.values()):
                raise InputError.of(W.texts("classify_no_rows", file=str(path)))  # its header alone: nothing written
            _replace_dir(tmp, target, options.lang)
            if rejected:
                _replace_dir(tmp_rejects, rejects_target, options.lang)
            elif _remove_stale(rejects_target):  # an earlier run's rejects would list rows now classified
                notes.append(W.msg("rejects_removed", options.lang, file=rejects_target))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(tmp_rejects, ignore_errors=True)
    counts = {s: sum(int(part.get(s, 0)) for part in said["counts"]) for s in STATUSES}  # each partition's
    return DaskSummary(counts, sum(counts.values()), rejected, notes)


def temporary_folder(target: Path) -> Path:
    """A new hidden folder beside ``target`` that a run writes its Parquet parts into before renaming it
    there, named as every temporary output is (``.out.parquet.k2j3_x9a.tmp``): what a run killed while it
    wrote leaves, the next run removes (data/output_set.py, ``leftovers``)."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))


def part_files(path: str | Path, extensions: tuple[str, ...] | None = None) -> list[tuple[str, int]]:
    """The Parquet files of the folder ``path`` (a dataset) in the order Dask reads them (their paths in
    natural order: ``part.2`` before ``part.10``, as ``dd.read_parquet`` sorts them), each with its number
    of rows; ``[]`` for a file. ``extensions``: only the files so named (``dd.read_parquet``'s
    ``parquet_file_extension``: a ``README.txt`` or ``.crc`` file beside the parts is none of them), hidden
    ones and those starting ``_`` (``_metadata``, ``_SUCCESS``) left out as Dask leaves them out."""
    if not Path(path).is_dir():
        return []
    source: str | list[str] = str(path)
    if extensions is not None:
        source = [
            str(file)
            for file in Path(path).rglob("*")
            if file.is_file()
            and file.name.endswith(extensions)
            and not any(part.startswith((".", "_")) for part in file.relative_to(path).parts)
        ]
        if not source:
            return []
    return _rows_of_files(source)


def frame_part_files(ddf: Any) -> list[tuple[str, int]]:
    """The Parquet files (:func:`part_files`) a dask.dataframe holds the rows of, in its order, when it is a
    folder of them read as it is (``dd.read_parquet("households/")``, any of its columns, its index as a
    column or not): a library caller's frame then names a row by its part file and its row there, as
    ``classify --dask`` does; so too of a list or a pattern of local Parquet files (``dd.read_parquet(["xa.parquet",
    "xb.parquet"])``, ``"communes/*.parquet"``). ``[]`` for any other frame (from pandas, filtered, a few of its
    partitions, a file, a remote store), whose rows are named counted across the frame; several CSV files:
    :func:`frame_csv_files`."""
    try:
        from dask.dataframe.dask_expr.io.parquet import ReadParquet
    except ImportError:  # pragma: no cover - an older Dask, without expressions
        return []
    expr = getattr(ddf, "expr", None)
    if expr is None:  # pragma: no cover - an older Dask
        return []
    expr = expr.simplify()  # a projection of columns read: the reading itself
    if not isinstance(expr, ReadParquet) or expr.operand("filters") or expr.operand("_partitions") is not None:
        return []
    path = expr.operand("path")
    files = _listed_files(path)
    if files:  # a list or a pattern of Parquet files: each row named in its file, as a folder's
        try:
            return _rows_of_files(files)
        except (OSError, pa.ArrowException):  # a file Dask reads but its footer not: rows counted across the frame
            return []
    if not isinstance(path, str | Path) or "://" in str(path) or not Path(path).is_dir():
        return []
    extensions = expr.operand("parquet_file_extension")  # the files Dask reads (a README.txt beside them: not)
    try:
        return part_files(path, tuple(extensions) if extensions else None)
    except (OSError, pa.ArrowException):  # a file Dask reads but its footer not: rows counted across the frame
        return []


#: The keywords of ``dd.read_csv`` that move a file's rows from where pandas' count puts them (rows above the
#: header, a header given or none, comments, rows left off the end): a frame so read is numbered across it.
_ROWS_MOVED = ("skiprows", "names", "comment", "skipfooter", "nrows")


def frame_csv_files(ddf: Any) -> list[str]:
    """The CSV file each partition of a dask.dataframe was read from, when it is two or more CSV files read as
    they are (``dd.read_csv(["a.csv", "b.csv"])``, ``dd.read_csv("communes/*.csv")``, any of their columns):
    a library caller's frame then names a row by its file and its row there (:func:`csv_part_files`), as a
    folder of Parquet files does. ``[]`` for any other frame (one file, whose rows are its own; filtered, a few
    of its partitions, a header moved by ``skiprows``, ``names`` or ``header``)."""
    try:
        from dask.dataframe.dask_expr._expr import ArrowStringConversion
        from dask.dataframe.dask_expr.io.io import FromMap
        from dask.dataframe.io.csv import _read_csv
    except ImportError:  # pragma: no cover - an older Dask, without expressions
        return []
    expr = getattr(ddf, "expr", None)
    if expr is None:  # pragma: no cover - an older Dask
        return []
    expr = expr.simplify()  # a projection of columns read: the reading itself
    if isinstance(expr, ArrowStringConversion):  # text columns made Arrow's, partition by partition
        expr = expr.operand("frame")
    if not isinstance(expr, FromMap) or expr.operand("_partitions") is not None:
        return []
    func = expr.operand("func")
    if getattr(func, "func", None) is not _read_csv:
        return []
    kwargs = func.keywords.get("kwargs") or {}
    if any(kwargs.get(name) is not None for name in _ROWS_MOVED) or kwargs.get("header", "infer") not in ("infer", 0):
        return []
    try:
        blocks = expr.operand("iterables")[0]
        files = [str(block.args[0].path) for block in blocks]
    except (AttributeError, IndexError, TypeError):  # pragma: no cover - another Dask's tasks
        return []
    return files if len(files) == ddf.npartitions and len(set(files)) > 1 else []


def csv_part_files(files: Sequence[str], lengths: Sequence[int]) -> list[tuple[str, int]]:
    """Each CSV file (:func:`frame_csv_files`: the file of each partition, in order) with its number of rows,
    the lengths of its partitions added: the parts :func:`file_rows` names a row of the frame by."""
    parts: list[tuple[str, int]] = []
    for file, length in zip(files, lengths, strict=True):
        if parts and parts[-1][0] == file:
            parts[-1] = (file, parts[-1][1] + int(length))
        else:
            parts.append((file, int(length)))
    return parts


def _listed_files(path: Any) -> list[str]:
    """The local files of ``dd.read_parquet``'s ``path`` when it is a list of two or more files or a pattern
    matching two or more (``communes/*.parquet``); ``[]`` otherwise (a file, a folder, a remote store)."""
    if isinstance(path, list | tuple):
        files = [str(f) for f in path]
    elif isinstance(path, str | Path) and glob.has_magic(str(path)) and "://" not in str(path):
        files = glob.glob(str(path))
    else:
        return []
    if len(files) < 2 or any("://" in f or not Path(f).is_file() for f in files):
        return []
    return files


def _rows_of_files(source: str | list[str]) -> list[tuple[str, int]]:
    """The Parquet files of ``source`` (a folder, or a list of files) in the order Dask reads them (their paths in
    natural order), each with its number of rows, from the files' footers."""
    from dask.utils import natural_sort_key

    fragments = sorted(ds.dataset(source, format="parquet").get_fragments(), key=lambda f: natural_sort_key(f.path))
    return [(fragment.path, fragment.count_rows()) for fragment in fragments]


def file_rows(parts: Sequence[tuple[str, int]], rows: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The part file (:func:`part_files`) and its row (its header row 1) of each row ``rows`` of a folder of
    Parquet files, numbered across the folder as one file's (from 2)."""
    ends = np.cumsum([count for _, count in parts], dtype=np.int64)
    at = np.asarray(rows, dtype=np.int64) - 2
    which = np.minimum(np.searchsorted(ends, at, side="right"), max(len(parts) - 1, 0))
    before = np.concatenate([[0], ends])[which]
    return [parts[i][0] for i in which], at - before + 2


def _part_sheets(
    table: pa.Table, rows: np.ndarray, source: str, parts: Sequence[tuple[str, int]]
) -> Iterator[SheetTable]:
    """A partition's rows (``rows``: numbered across the data, from 2) as the sheets a refusal names: of a
    folder of Parquet files (``parts``, :func:`part_files`), each part file's rows there, under its name;
    else the whole partition under ``source``."""
    if not parts:
        yield SheetTable(table, rows, source)
        return
    files, within = file_rows(parts, rows)
    names = np.array(files, dtype=object)
    for name in dict.fromkeys(files):
        mine = names == name
        yield SheetTable(table.filter(pa.array(mine)), within[mine], name)


def _in_part_files(rejects: pa.Table, parts: Sequence[tuple[str, int]], labels: bool, lang: str) -> pa.Table:
    """A folder's rejects naming each row's part file and its row there (``file`` before ``row``, headed
    as ``--headers labels`` heads them), and the row a household code was first used at, in a reason, so
    too: their rows counted across the folder named no file an officer can open."""
    row = W.REJECT_HEADERS["row"][lang] if labels else "row"
    reason = W.REJECT_HEADERS["reason"][lang] if labels else "reason"
    files, within = file_rows(parts, rejects.column(row).to_numpy(zero_copy_only=False))
    at = rejects.column_names.index(row)
    rejects = rejects.set_column(at, row, pa.array(within, pa.int64()))
    header = W.REJECT_HEADERS["file"][lang] if labels else "file"
    if header in rejects.column_names:  # an input column of that name: input_file, as rejects_table names such
        rejects = rejects.rename_columns([f"input_{c}" if c == header else c for c in rejects.column_names])
    rejects = rejects.add_column(at, header, pa.array(files, pa.string()))
    used = re.compile(re.escape(W.msg("r_id_used", lang)) + r"(\d+)")

    def named(found: re.Match[str]) -> str:  # '… is already used at row 9' → '… at row 4 of parts/part.1.parquet'
        first, first_row = file_rows(parts, np.array([int(found.group(1))]))
        return W.msg("r_id_used_in", lang, row=int(first_row[0]), file=first[0])

    reasons = [used.sub(named, text) for text in rejects.column(reason).to_pylist()]
    return rejects.set_column(rejects.column_names.index(reason), reason, pa.array(reasons, pa.string()))


def _written_schema(meta: pa.Table) -> pa.Schema:
    """The Parquet schema of a classified or rejects dataset from its meta's table: the single-process
    run's (``data/write.py`` ``parquet_types``), a column no row of the meta could type (Arrow's ``null``)
    as text, as :func:`_as_frame` makes it."""
    schema = parquet_types(meta).schema
    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema])


def _write_part(part: pd.DataFrame, path: str, schema: pa.Schema | None) -> None:
    """One partition written as a Parquet file of ``schema`` (:attr:`DaskClassified.written`: the
    single-process run's types), without pandas' metadata: pandas reads each column by its Parquet type, a
    category as a category, as it reads the single-process run's file."""
    table = pa.Table.from_pandas(part, preserve_index=False).replace_schema_metadata(None)
    late_module("pyarrow.parquet").write_table(table if schema is None else table.cast(schema), path)


def _replace_dir(tmp: Path, target: Path, lang: str) -> None:
    """``tmp`` renamed to ``target``, replacing the file or Parquet dataset there; a folder holding
    anything else is refused (:class:`~poverty_rules.errors.OutputError`), never removed. An earlier
    dataset is renamed aside first and removed only once the new one is in place (removing it first
    left neither when the run stopped or the rename failed in between)."""
    if target.is_dir() and not is_parquet_dataset(target):
        raise OutputError(W.msg("is_folder", lang, file=target))
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes the folder private (0700); a result is an ordinary folder
    if not target.is_dir() or target.is_symlink():  # a file (or a link): replaced by the one rename
        if target.is_symlink() or target.exists():
            target.unlink()
        tmp.rename(target)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    aside.rmdir()  # a free name beside it, on the same disk: the earlier dataset is renamed there
    target.rename(aside)
    try:
        tmp.rename(target)
    except BaseException:
        aside.rename(target)  # the new one not in place: the earlier dataset back where it was
        raise
    shutil.rmtree(aside, ignore_errors=True)  # removed only once the new one is in place


def _remove_stale(target: Path) -> bool:
    """Remove an earlier run's rejects at ``target`` (a file, or a Parquet dataset folder; any other
    folder stays); True when one was removed."""
    if target.is_dir() and not target.is_symlink():
        if not is_parquet_dataset(target):
            return False
        shutil.rmtree(target)
        return True
    if not os.path.lexists(target):
        return False
    target.unlink(missing_ok=True)
    return True


@contextmanager
def dask_client(address: str, lang: str = "en") -> Iterator[Any]:
    """A Dask client for the ``--dask`` options (:func:`client_for`), closed after the block (with its
    LocalCluster for ``local``); :class:`~poverty_rules.errors.MissingExtraError` without the extra,
    in ``lang``."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise MissingExtraError(W.msg("dask_extra", lang)) from None
    try:
        client = client_for(address)
    except OSError:  # no scheduler there (refused, or no answer within Dask's connect timeout)
        raise InputError(W.msg("dask_connect", lang, address=address)) from None
    except ValueError:  # no address at all (``foo:bar``, ``http://…``)
        raise InputError(W.msg("dask_address", lang, address=address)) from None
    try:
        yield client
    finally:
        if address == "local":
            client.cluster.close()
        client.close()


def client_for(address: str) -> Any:
    """A Dask client: ``local`` starts a LocalCluster (one worker process per core), else connect.

    The local cluster's scheduler and workers log nothing on the officer's screen, ``-q`` or not: at
    their default level (warnings) the shuffle of the duplicate check printed two lines of its own, at
    the error level a worker's last heartbeat to the scheduler closing at the end of a run printed its
    traceback now and then (a task that fails still stops the run: the client raises it). Its dashboard
    takes any free port: on 8787 taken by another program (another cluster) Python's
    warning "Port 8787 is already in use" was printed in English."""
    from dask.distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            processes=True, threads_per_worker=1, silence_logs=logging.CRITICAL, dashboard_address=":0"
        )
        return Client(cluster)
    _check_address(address)
    return Client(address)


def _check_address(address: str) -> None:
    """A ValueError for a value that is no scheduler address (``foo:bar``, ``http://…``), found by Dask's own
    parsers before any client exists: a Client that fails inside its constructor can hang in its finalizer
    (distributed's loop runner waits for itself), as it did in the test suite after earlier clusters."""
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    scheme, location = parse_address(address)
    get_backend(scheme)
    if scheme in ("tcp", "tls"):
        parse_host_port(location)
