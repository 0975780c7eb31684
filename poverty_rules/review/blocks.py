"""A review's recorded rows as compressed Arrow blocks: how the history file stores results (issue #11).

The history (review/history.py) keeps each review's results and transitions per (review, commune
unit) as Arrow IPC streams compressed with zstd, in parts of at most :data:`PART_ROWS` rows, one
SQLite row (``result_blocks``) per part. Writing a million households is then one Arrow encode and a
few INSERTs instead of a million rows bound one by one, and reading them back decodes only the
columns asked for (``IpcReadOptions.included_fields``). Every part has the same columns,
:data:`SCHEMA`, in the same order: the results' columns as they were in the ``results`` table (texts,
ISO dates as text, whole numbers) and the transition of the row (``transition``, ``previous_status``,
``eligible_until``, ``transition_recognized_on``; null where the review recorded no transition).
Quyết định 24/2021/QĐ-TTg, docs/standard.md §5: what a commune's review recognized, kept for the next one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

from ..data.schema import GROUP_COLUMNS

__all__ = [
    "ADDED_FIELDS",
    "PART_ROWS",
    "SCHEMA",
    "TEXT",
    "TRANSITION_FIELDS",
    "decode",
    "encode",
    "encode_runs",
    "table_of",
]

TEXT = pa.dictionary(pa.int32(), pa.string())
"""A text column: few distinct values per column (statuses, villages, dates), each stored once."""

SCHEMA = pa.schema(
    [
        ("household_id", pa.string()),
        ("village", TEXT),
        ("status", TEXT),
        ("deprived", TEXT),
        ("deprivation_count", pa.int64()),
        ("decided_by", TEXT),
        ("recognized_on", TEXT),
        ("local_status", TEXT),
        ("local_deprived", TEXT),
        ("local_deprivation_count", pa.int64()),
        ("province", TEXT),
        ("place_commune", TEXT),
        ("area", TEXT),
        ("head_name", TEXT),
        ("household_size", TEXT),
        ("change_reason", TEXT),
        ("farm_household", TEXT),
        *((name, TEXT) for name in GROUP_COLUMNS),
        ("transition", TEXT),
        ("previous_status", TEXT),
        ("eligible_until", TEXT),
        ("transition_recognized_on", TEXT),
        ("undetermined_by", TEXT),
        ("blank_marks", pa.int64()),
    ]
)
"""The columns of every block, in order. A column is only ever added at the end: a block written
before it (``undetermined_by``, then ``blank_marks``: how many of the household's indicator marks were
blank, for the Alkire–Foster measures from the history) decodes with that column null (:func:`decode`)."""

TRANSITION_FIELDS = ("transition", "previous_status", "eligible_until", "transition_recognized_on")
"""The columns that were the ``transitions`` table (null where a row has no transition)."""

PART_ROWS = 262_144
"""The most rows in one block: a unit of a million households is four blocks."""

_CODEC = "zstd"
ADDED_FIELDS = ("undetermined_by", "blank_marks")
"""The columns added, in order, at the end of :data:`SCHEMA` since migration 8 first wrote blocks."""
_FIRST_ADDED = SCHEMA.get_field_index(ADDED_FIELDS[0])


def table_of(columns: Mapping[str, Any], rows: int) -> pa.Table:
    """A table of :data:`SCHEMA` from ``columns`` (Arrow arrays or Python lists); a column not given is null."""
    arrays = []
    for field in SCHEMA:
        values = columns.get(field.name)
        if values is None:
            arrays.append(pa.nulls(rows, field.type))
            continue
        array = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values, _plain(field.type))
        if array.type != field.type:
            array = pc.dictionary_encode(array) if field.type == TEXT else pc.cast(array, field.type)
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def encode(table: pa.Table) -> Iterator[tuple[int, int, bytes]]:
    """(part, rows, Arrow IPC stream) for each part of ``table`` (:data:`PART_ROWS` rows at most)."""
    options = ipc.IpcWriteOptions(compression=_CODEC)
    for part, start in enumerate(range(0, table.num_rows, PART_ROWS)):
        piece = table.slice(start, PART_ROWS)
        sink = pa.BufferOutputStream()
        with ipc.new_stream(sink, SCHEMA, options=options) as writer:
            writer.write_table(_compact(piece.combine_chunks()))
        yield part, piece.num_rows, sink.getvalue().to_pybytes()


def _compact(table: pa.Table) -> pa.Table:
    """Each text column with only the values its rows use in its dictionary: a part cut from a larger table
    (one commune of a file, a batch of a stream) would otherwise carry the larger table's every value."""
    columns = []
    for column in table.columns:
        array = column.chunk(0) if column.num_chunks == 1 else None
        if array is None or not pa.types.is_dictionary(array.type) or len(array.dictionary) <= _SMALL:
            columns.append(column)
            continue
        indices = np.asarray(array.indices.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
        valid = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        used = np.unique(indices[valid])
        if len(used) == len(array.dictionary):
            columns.append(column)
            continue
        number = np.zeros(len(array.dictionary), dtype=np.int32)
        number[used] = np.arange(len(used), dtype=np.int32)
        renumbered = pa.array(
            number[indices], pa.int32(), mask=~np.asarray(array.is_valid().to_numpy(zero_copy_only=False))
        )
        columns.append(pa.DictionaryArray.from_arrays(renumbered, array.dictionary.take(pa.array(used))))
    return pa.Table.from_arrays(columns, schema=table.schema)


_SMALL = 32
"""A dictionary this long or shorter is written as it is (statuses, dates …)."""


def encode_runs(tables: Iterable[pa.Table]) -> Iterator[tuple[int, int, bytes]]:
    """:func:`encode` of the tables one after the other, without holding them all: parts of
    :data:`PART_ROWS` rows cut across the tables as they come (at most one part waiting)."""
    waiting: list[pa.Table] = []
    rows = part = 0
    for table in tables:
        waiting.append(table)
        rows += table.num_rows
        while rows >= PART_ROWS:
            whole = pa.concat_tables(waiting).unify_dictionaries()
            for number, count, data in encode(whole.slice(0, PART_ROWS)):
                yield part + number, count, data
            part += 1
            waiting, rows = [whole.slice(PART_ROWS)], rows - PART_ROWS
    if rows:
        for _, count, data in encode(pa.concat_tables(waiting).unify_dictionaries()):
            yield part, count, data


def decode(blobs: Sequence[bytes], columns: Sequence[str] | None = None, *, plain: bool = True) -> pa.Table:
    """The rows of ``blobs`` (one unit's parts, in order), only ``columns`` (all by default), with the
    text columns as plain strings (``plain=False``: as stored, dictionary-encoded, each part its own)."""
    names = list(SCHEMA.names) if columns is None else list(columns)
    fields = sorted(SCHEMA.get_field_index(name) for name in names)
    tables = [_read_blob(blob, fields) for blob in blobs]
    if not tables:
        kinds = {name: SCHEMA.field(name).type for name in names}
        return pa.table({name: pa.array([], _plain(kind) if plain else kind) for name, kind in kinds.items()})
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    return pa.table({name: _decoded(table.column(name)) if plain else table.column(name) for name in names})


def _read_blob(blob: bytes, fields: list[int]) -> pa.Table:
    """The ``fields`` (positions in :data:`SCHEMA`) of one block; those a block written before they were
    added does not have, null."""
    buffer = pa.py_buffer(blob)
    width = len(SCHEMA) if not fields or fields[-1] < _FIRST_ADDED else len(ipc.open_stream(buffer).schema)
    options = ipc.IpcReadOptions(included_fields=[f for f in fields if f < width])
    table = ipc.open_stream(buffer, options=options).read_all()
    for position in (f for f in fields if f >= width):
        table = table.append_column(SCHEMA.field(position), pa.nulls(table.num_rows, SCHEMA.field(position).type))
    return table


def _plain(kind: pa.DataType) -> pa.DataType:
    """The value type of a column type (a dictionary's values)."""
    return kind.value_type if pa.types.is_dictionary(kind) else kind


def _decoded(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary column as its values."""
    if pa.types.is_dictionary(column.type):
        return pc.cast(column, column.type.value_type)
    return column
