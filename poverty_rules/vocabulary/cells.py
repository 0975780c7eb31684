"""Text cells read straight from Arrow's buffers, for the column readers that would otherwise hash
every cell: a column whose cells are all empty or one character (flags written ``1``/``0``/``x`` or
left blank, the usual case), and the cells of one fixed width (dates written ``2024-12-20``).

Words, not law: what a character or a date means is decided by the reader that uses these
(:mod:`poverty_rules.vocabulary.flags`, :mod:`poverty_rules.vocabulary.dates` and the normalizers);
this module only finds the bytes, without a Python object per cell. Where Python objects are wanted (the
report's frame of a reviewed file), :func:`text_objects` makes one per distinct word, not one per cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .text import ZERO_WIDTH

__all__ = [
    "ASCII_CELLS",
    "all_start_visible",
    "edge_zero_width",
    "fixed_width",
    "holds_any",
    "holds_byte",
    "lookup",
    "numbers",
    "scalar",
    "single_characters",
    "text_objects",
    "texts",
    "trimmed",
    "values",
]

_ASCII_OFFSETS = np.r_[0, 0:128].astype(np.int32)  # cell 0 empty, cell b the byte b
ASCII_CELLS = pa.Array.from_buffers(  # from its buffers: pa.array would import pandas (the CLI's start-up)
    pa.string(), 128, [None, pa.py_buffer(_ASCII_OFFSETS.tobytes()), pa.py_buffer(bytes(range(1, 128)))]
)
"""The 128 cells :func:`single_characters` can return: entry 0 the empty cell, entry ``b`` the
character ``chr(b)``. A reader computes its table by reading these cells its own way, so a column
read through the table reads exactly as it would cell by cell."""

TextColumn: TypeAlias = pa.Array | pa.ChunkedArray


def _chunks(col: TextColumn) -> list[pa.Array]:
    return list(col.chunks) if isinstance(col, pa.ChunkedArray) else [col]


def _offsets(arr: pa.Array) -> np.ndarray | None:
    """The ``len(arr) + 1`` offsets of a ``string`` / ``large_string`` array without nulls, else None."""
    if arr.null_count or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    offsets = np.frombuffer(arr.buffers()[1], np.int64 if pa.types.is_large_string(arr.type) else np.int32)
    return offsets[arr.offset : arr.offset + len(arr) + 1]


def _data(arr: pa.Array) -> np.ndarray:
    buffer = arr.buffers()[2]
    return np.zeros(0, np.uint8) if buffer is None else np.frombuffer(buffer, np.uint8)


def single_characters(col: TextColumn) -> np.ndarray | None:
    """Each cell's character as its byte (``uint8``; 0 for an empty cell) when every cell of the
    text column ``col`` is empty or one ASCII character other than NUL; else ``None`` (a null, a
    longer cell, a NUL or a byte above 127, a column that is not text)."""
    ones = _one_byte_each(col)
    if ones is not None:  # every cell one byte (a register's 1/0 column): its data buffers are the column
        return ones if ones.all() and ones.max() <= 127 else None
    parts = []
    for arr in _chunks(col):
        offsets = _offsets(arr)
        if offsets is None:
            return None
        if not len(arr):
            continue
        first, last = int(offsets[0]), int(offsets[-1])
        if last == first:
            parts.append(np.zeros(len(arr), np.uint8))  # every cell empty
            continue
        lengths = np.diff(offsets)
        shortest, longest = lengths.min(), lengths.max()
        if longest > 1:
            return None
        data = _data(arr)
        if shortest == 1:  # every cell one byte: the data buffer is the column (no gather)
            byte = data[first:last]
            if not byte.all() or byte.max() > 127:
                return None
        else:
            one = lengths == 1
            byte = np.where(one, data[np.minimum(offsets[:-1], data.size - 1)], 0).astype(np.uint8)
            if ((byte == 0) & one).any() or byte.max() > 127:
                return None
        parts.append(byte)
    if not parts:
        return np.zeros(0, np.uint8)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _one_byte_each(col: TextColumn) -> np.ndarray | None:
    """The bytes of a text column every cell of which is exactly one byte, in one array (a view of the data
    buffer for one chunk); else None. Each chunk is first asked only whether it holds as many bytes as cells
    (no pass over it), then one Arrow kernel over the whole column says whether no cell is empty (so each is
    one byte): a few numpy calls per column instead of a handful per chunk (a batch's column is about 17)."""
    views = []
    for arr in _chunks(col):
        offsets = _offsets(arr)
        if offsets is None or int(offsets[-1]) - int(offsets[0]) != len(arr):
            return None
        views.append(_data(arr)[int(offsets[0]) : int(offsets[-1])])
    if not views or pc.min(pc.binary_length(col)).as_py() != 1:  # as many bytes as cells, none empty: each one
        return None
    return views[0] if len(views) == 1 else np.concatenate(views)


def all_start_visible(col: TextColumn) -> bool:
    """Whether every cell of the text column ``col`` starts with a visible ASCII character (``!`` to
    ``~``), read from Arrow's buffers without a copy: then no cell is empty or only spaces (False for a
    null, an empty cell, one that starts with a space, a control or a non-ASCII character)."""
    for arr in _chunks(col):
        offsets = _offsets(arr)
        if offsets is None:
            return False
        if not len(arr):
            continue
        if (offsets[1:] <= offsets[:-1]).any():
            return False
        first = _data(arr)[offsets[:-1]]
        if ((first < 0x21) | (first > 0x7E)).any():
            return False
    return True


def holds_byte(col: TextColumn, byte: int) -> bool:
    """Whether some cell of the text column ``col`` holds the byte ``byte`` (an ASCII character), looked
    for in Arrow's data buffers: a column that cannot hold it needs no closer look (a regular expression
    over every cell costs about 30 times more). True for a column that is not text or has nulls (the
    caller looks closer)."""
    return holds_any(col, bytes((byte,)))


def holds_any(col: TextColumn, wanted: bytes) -> bool:
    """Whether some cell of the text column ``col`` holds one of the bytes ``wanted`` (ASCII characters):
    :func:`holds_byte` of several bytes in one look at each chunk (its bytes copied once, then memchr for
    each: faster than a numpy comparison's mask, and a batch's column is about 17 chunks)."""
    for arr in _chunks(col):
        offsets = _offsets(arr)
        if offsets is None:
            return True
        if len(arr):
            data = _data(arr)[int(offsets[0]) : int(offsets[-1])].tobytes()
            if any(data.find(wanted[i : i + 1]) >= 0 for i in range(len(wanted))):
                return True
    return False


def edge_zero_width(col: TextColumn) -> bool:
    """Whether some cell of the text column ``col`` may begin or end with a zero-width character
    (:data:`~poverty_rules.vocabulary.text.ZERO_WIDTH`): begins with the byte E2 or EF, or its last three
    bytes begin with one (each such character is three bytes in UTF-8: E2 80 8B/8C/8D, E2 81 A0, EF BB
    BF; no Vietnamese letter begins so). Two bytes a cell, read from Arrow's buffers: a column of codes,
    words or numbers that holds none pays no regular expression. True for a column that is not text or
    has nulls (the caller looks closer)."""
    for arr in _chunks(col):
        offsets = _offsets(arr)
        if offsets is None:
            return True
        if not len(arr):
            continue
        data = _data(arr)
        starts, ends = offsets[:-1].astype(np.int64), offsets[1:].astype(np.int64)
        first = data[starts[ends > starts]]
        last = data[ends[ends - starts >= 3] - 3]
        if ((first == 0xE2) | (first == 0xEF)).any() or ((last == 0xE2) | (last == 0xEF)).any():
            return True
    return False


#: A cell's edges as :func:`trimmed` leaves them out: any Unicode space and the zero-width characters.
_EDGES = f"^[\\s\\p{{Z}}{ZERO_WIDTH}]+|[\\s\\p{{Z}}{ZERO_WIDTH}]+$"


def trimmed(col: TextColumn) -> TextColumn:
    """The cells of ``col`` without surrounding spaces (Arrow's ``utf8_trim_whitespace``) and without
    the zero-width characters a cell copied from Zalo or a web page brings at its ends (``H2`` and a
    zero-width space are the code ``H2``): those looked for first in two bytes a cell
    (:func:`edge_zero_width`)."""
    out = pc.utf8_trim_whitespace(col)
    return pc.replace_substring_regex(out, _EDGES, "") if edge_zero_width(out) else out


def lookup(table: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``table[positions]`` for a small table of numbers or booleans (a reader's value for each of the
    128 one-character cells, or for each distinct spelling) spread to the rows by Arrow's ``take``,
    which uses ``uint8`` or ``int32`` positions as they are (numpy first widens them to 64 bits: 3-4
    times slower). Every position must be inside the table.

    The result is a writable array over the buffer ``take`` filled (fresh, and no one else's), not
    ``to_numpy()``'s read-only view: a caller that keeps or changes it needs no copy (12 flag columns of a
    million households: 96 MB copied no more)."""
    if table.dtype == bool:
        return lookup(table.view(np.uint8), positions).view(bool)
    source = pa.array(table)
    taken = source.take(pa.array(positions))
    data = taken.buffers()[1]
    if taken.null_count or not data.is_mutable or data.address == source.buffers()[1].address:  # pragma: no cover
        return taken.to_numpy(zero_copy_only=False)  # never so today: no nulls, a buffer of take's own
    return np.frombuffer(data, table.dtype, count=len(taken), offset=taken.offset * table.itemsize)


def fixed_width(col: TextColumn, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The cells of ``col`` that are exactly ``width`` bytes long, as rows of a ``(k, width)`` byte
    matrix, and their positions in ``col`` (``k`` of them). Nulls and cells of any other length are
    left out; so is every cell of a column that is not text."""
    matrices, positions = [], []
    start = 0
    for arr in _chunks(col):
        n = len(arr)
        if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
            return np.zeros((0, width), np.uint8), np.zeros(0, np.int64)
        offsets = np.frombuffer(arr.buffers()[1], np.int64 if pa.types.is_large_string(arr.type) else np.int32)
        offsets = offsets[arr.offset : arr.offset + n + 1].astype(np.int64, copy=False)
        data = _data(arr)
        lengths = np.diff(offsets)
        keep = lengths == width
        if arr.null_count:
            keep &= arr.is_valid().to_numpy(zero_copy_only=False)
        rows = np.flatnonzero(keep)
        if rows.size == n and n and offsets[-1] - offsets[0] == n * width:  # contiguous: a view, no gather
            matrix = data[offsets[0] : offsets[-1]].reshape(n, width)
        else:
            starts: np.ndarray = offsets[rows]
            matrix = data[starts[:, None] + np.arange(width)]
        matrices.append(matrix)
        positions.append(rows + start)
        start += n
    if not matrices:
        return np.zeros((0, width), np.uint8), np.zeros(0, np.int64)
    if len(matrices) == 1:
        return matrices[0], positions[0]
    return np.concatenate(matrices), np.concatenate(positions)


def texts(values: Sequence[str]) -> pa.Array:
    """``values`` as an Arrow text array, made from its buffers: ``pa.array`` (and ``pa.scalar``, and
    pyarrow.compute given a Python value) imports pandas, which a reading thread must not do — it would wait
    for the import the command makes meanwhile (tests/test_layers.py)."""
    encoded = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    kind = pa.string() if offsets[-1] <= np.iinfo(np.int32).max else pa.large_string()
    width = np.int32 if kind == pa.string() else np.int64
    buffers = [None, pa.py_buffer(offsets.astype(width).tobytes()), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(kind, len(encoded), buffers)


def numbers(values: np.ndarray) -> pa.Array:
    """A numpy array of numbers or booleans (no missing values) as an Arrow array of its type, made from its
    buffers (:func:`texts` says why not ``pa.array``)."""
    values = np.ascontiguousarray(values)
    if values.dtype == bool:
        bits = np.packbits(values, bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), values.size, [None, pa.py_buffer(bits.tobytes())])
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), values.size, [None, pa.py_buffer(values)])


def scalar(value: str | int | float) -> pa.Scalar:
    """One text, whole number (``int64``) or float (``float64``) as an Arrow scalar (:func:`texts`)."""
    if isinstance(value, str):
        return texts([value])[0]
    return numbers(np.array([value], np.int64 if isinstance(value, int) else np.float64))[0]


def values(col: pa.Array | pa.ChunkedArray, *, missing: bool = False) -> np.ndarray:
    """A column of numbers or booleans without missing values as a numpy array, read from its buffers
    (``to_numpy`` imports pandas too: :func:`texts`). ``missing``: a column of numbers may have missing cells,
    whose values are whatever its buffer holds there (0 in a chunk of missing cells alone): the caller masks them."""
    parts = []
    for arr in _chunks(col):
        if arr.null_count and not (missing and not pa.types.is_boolean(arr.type)):
            raise ValueError("values: a column with missing values")
        if pa.types.is_boolean(arr.type):
            bits = np.frombuffer(arr.buffers()[1], np.uint8)
            parts.append(np.unpackbits(bits, bitorder="little", count=arr.offset + len(arr))[arr.offset :].astype(bool))
        elif arr.buffers()[1] is None:  # a chunk of missing cells alone
            parts.append(np.zeros(len(arr), arr.type.to_pandas_dtype()))
        else:
            dtype = arr.type.to_pandas_dtype()
            parts.append(np.frombuffer(arr.buffers()[1], dtype)[arr.offset : arr.offset + len(arr)])
    if not parts:
        return np.zeros(0, col.type.to_pandas_dtype())
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


#: How many of a text column's first cells :func:`text_objects` looks at to tell a column of codes (nearly every
#: cell its own) from a column of few words.
_SAMPLE = 8192


def text_objects(col: TextColumn) -> np.ndarray:
    """A text column's cells as a numpy array of Python ``str`` (``None`` where missing), as pandas'
    ``astype(object)`` gives them. A column of few words (a province, a status, a flag ``0``/``1``) is
    dictionary-encoded by Arrow, each word made once and spread by its code; a column of codes (most of its
    first :data:`_SAMPLE` cells distinct) is read cell by cell. A million households' 28 columns: 1.4-2.0 s
    through pandas, which makes an object for every cell; 0.7-0.9 s so."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        raise TypeError(f"text_objects: a column of {col.type}, not text")
    head = col.slice(0, _SAMPLE)
    if len(head) and len(pc.unique(head)) > len(head) // 2:  # codes: no words to share
        return np.array(col.to_pylist(), dtype=object)
    encoded = pc.dictionary_encode(col)
    words = np.empty(len(encoded.dictionary) + 1, dtype=object)
    words[:-1] = encoded.dictionary.to_pylist()
    words[-1] = None  # a missing cell
    codes = encoded.indices.fill_null(len(encoded.dictionary)) if encoded.indices.null_count else encoded.indices
    return words[values(codes)]
