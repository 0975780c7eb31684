"""Which household a row is, and the rows that repeat one (design.md: every household once per file).

**The key** (:func:`key_columns`, docs/input.md): a household code is unique within its commune, so
rows are the same household when they have the same ``household_id`` *and* the same commune unit —
the row's commune code (with its province code) when it has one, else its commune name (with its
province), else none; cells without surrounding spaces. :func:`commune_units` is the one place that
unit is made from a row's cells: the review history keys households by it too (review/scope.py adds
only what the review's options add; tests/test_household_keys.py proves the two keys agree). The
duplicate check of a whole file (:func:`first_uses`), of a stream (:class:`SeenCodes`) and of a Dask
run all use the key made here.

**A whole table** (:func:`first_uses`) is checked exactly: each key column is dictionary-encoded,
the columns' codes combined into one dense code per key, and the first row of each code found in one
linear pass (dictionary codes are numbered in order of first appearance).

**A stream** cannot look back at earlier batches, so each row's key is hashed to 64 bits (the cells'
bytes and lengths, mixed column-wise with numpy; no Python string per row) and looked up in an index
of every key seen so far, a sorted array with the row number that used each key first. Cost: 12
bytes per distinct household (about 330 MB for 27 million), one sort of the batch's hashes and one
merge per batch, which is also the lookup in the index's small level (the big one is searched with
``searchsorted`` on the sorted hashes). Two different keys share a hash with probability about
n² / 2⁶⁵ (2 × 10⁻⁵ for 27 million distinct keys); such a pair would be reported as a duplicate
naming the earlier row, so an officer can see it is not one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..vocabulary.codes import trimmed_codes
from ..vocabulary.text import stripped

#: The columns that place a household code in its commune (docs/input.md "Household codes").
PLACE_COLUMNS: tuple[str, ...] = ("province_code", "commune_code", "province", "commune")

_WORD = 8
_K1 = np.uint64(0xBF58476D1CE4E5B9)
_K2 = np.uint64(0x94D049BB133111EB)
_SEED = np.uint64(0x9E3779B97F4A7C15)
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(_WORD + 1)], dtype=np.uint64)  # a word's first k bytes


def household_keys(columns: pd.DataFrame | pa.Table | Iterable[str]) -> tuple[str, ...]:
    """The canonical columns a household's key is made of, in a table with canonical column names:
    those of :data:`PLACE_COLUMNS` it has, then ``household_id`` (:func:`key_columns` makes the key)."""
    if isinstance(columns, pd.DataFrame):
        names = {str(c) for c in columns.columns}
    elif isinstance(columns, pa.Table):
        names = set(columns.column_names)
    else:
        names = set(columns)
    if "commune_code" not in names and "commune" not in names:
        return ("household_id",)
    return (*(c for c in PLACE_COLUMNS if c in names), "household_id")


def key_columns(
    texts: Mapping[str, pa.Array | pa.ChunkedArray], places: list[pd.DataFrame] | None = None, *, trimmed: bool = False
) -> list[pa.Array | pa.ChunkedArray]:
    """Each row's key as columns: ``[commune unit, household_id]``, or ``[household_id]`` when the
    table places no row in a commune. ``texts`` holds the text (``""`` when empty) of the columns
    :func:`household_keys` named. ``places``: a list the distinct place cells the units were made of
    (:func:`commune_units`' combinations) are added to, when the table places its rows in communes: a
    stream's communes known at no extra cost. ``trimmed``: the codes are already :func:`trimmed_codes`' (the
    stream's key check has them), not trimmed again.

    The commune unit (:func:`commune_units`) is the one the review history keys households by:
    ``code|<province_code>|<commune_code>`` when the row's commune code is given, else
    ``name|<province>|<commune>`` when its commune name is, else empty — cells without surrounding
    spaces. Two rows are one household when they have the same unit and the same code.
    """
    ids = texts["household_id"] if trimmed else trimmed_codes(texts["household_id"])
    if "commune_code" not in texts and "commune" not in texts:
        return [ids]
    return [_units(texts, len(ids), places), ids]


def _units(
    texts: Mapping[str, pa.Array | pa.ChunkedArray], n: int, places: list[pd.DataFrame] | None = None
) -> pa.DictionaryArray:
    """Each row's commune unit (:func:`commune_units`) dictionary-encoded: the rows' numbers into the
    distinct units (their place cells added to ``places`` when given)."""
    combo, distinct = commune_units(texts, n)
    if places is not None:
        places.append(distinct)
    unit_of_combo, units = pd.factorize(distinct["unit"].to_numpy(dtype=object))
    indices = pa.array(unit_of_combo[combo].astype(np.int32), pa.int32())
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(units), pa.string()))


def commune_units(texts: Mapping[str, pa.Array | pa.ChunkedArray], n: int) -> tuple[np.ndarray, pd.DataFrame]:
    """The commune unit of each of ``n`` rows, from the text of its place cells (docs/input.md
    "Household codes"; the one rule both the duplicate check and the review history key by).

    ``texts`` holds those of :data:`PLACE_COLUMNS` the file has (text, ``""`` when empty, or
    dictionary-encoded text). The unit is worked out once per distinct combination of place cells (a
    file has few communes). Returns each row's number into the combinations (numbered in order of first
    appearance) and the combinations: one row each, the trimmed cells of every column of
    :data:`PLACE_COLUMNS` (``""`` for a column the file lacks) and ``unit`` (:func:`unit_label`).
    """
    present = [c for c in PLACE_COLUMNS if c in texts]
    runs = _place_runs([texts[name] for name in present], n)
    if runs is not None:  # a file sorted by commune (or of one commune): worked out run by run
        lengths, segments = runs
        combo, distinct = _combinations(present, segments, len(lengths))
        return np.repeat(combo, lengths), distinct
    return _combinations(present, [texts[name] for name in present], n)


def _combinations(
    present: list[str], columns: list[pa.Array | pa.ChunkedArray], n: int
) -> tuple[np.ndarray, pd.DataFrame]:
    """:func:`commune_units` over ``n`` rows (or runs of rows) of the place columns ``present``."""
    combo = np.zeros(n, dtype=np.int64)
    distinct_combos = 1 if n else 0
    codes: list[np.ndarray] = []
    values: list[list[str]] = []
    for name, column in zip(present, columns, strict=True):
        encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(_string(column))
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.unify_dictionaries().combine_chunks()
        codes.append(encoded.indices.to_numpy(zero_copy_only=False))
        values.append([_place_cell(name, v) for v in encoded.dictionary.to_pylist()])
        combo, combos = pd.factorize(combo * len(values[-1]) + codes[-1])  # dense: < n² for n rows
        distinct_combos = len(combos)
    first = _first_rows(combo, distinct_combos)  # a row of each combination, in combination order
    cells = {name: [values[j][codes[j][row]] for row in first.tolist()] for j, name in enumerate(present)}
    cells_of = {name: cells.get(name, [""] * len(first)) for name in PLACE_COLUMNS}
    distinct = pd.DataFrame(cells_of, dtype=object)
    distinct["unit"] = [unit_label(*row) for row in zip(*cells_of.values(), strict=True)]  # the lists, not the frame
    return combo, distinct


#: A place column is read run by run when it has at most one run of equal cells per this many rows.
_ROWS_PER_RUN = 4


def _place_runs(columns: list[pa.Array | pa.ChunkedArray], n: int) -> tuple[np.ndarray, list[pa.Array]] | None:
    """The place cells of ``n`` rows as runs where none changes: each run's length and each column's cell in
    it, when the columns change seldom (a commune's file, or a district's sorted by commune: a batch is one or
    a few runs), else None. Arrow's run-end encoding compares each cell with the one before (no hashing), and the
    runs of every column cut one another's (a province's run of two communes is two runs)."""
    if n == 0 or not columns or any(pa.types.is_dictionary(column.type) for column in columns):
        return None
    encoded = []
    for column in columns:
        runs = pc.run_end_encode(_string(column))
        if len(runs.run_ends) * _ROWS_PER_RUN > n:
            return None  # cells that change every few rows: hashed row by row (commune_units)
        encoded.append(runs)
    ends = np.unique(np.concatenate([runs.run_ends.to_numpy() for runs in encoded]))
    segments = [
        runs.values.take(pa.array(np.searchsorted(runs.run_ends.to_numpy(), ends - 1, side="right")))
        for runs in encoded
    ]
    return np.diff(ends, prepend=0), segments


def _place_cell(column: str, value: object) -> str:
    """A place cell as its commune unit reads it: without surrounding spaces, and a code (``commune_code``,
    ``province_code``) without its leading apostrophe (``'03001``) or the formula an export wraps it in
    (``="03001"``), as a household code is read. A name in one Unicode form (NFC): a file typed on a Mac writes
    ``Xã`` as ``Xa`` and a combining tilde, the same name as a Windows file's, never another commune."""
    text = stripped(str(value))  # a zero-width character copied with it too (Zalo, a web page)
    if not column.endswith("_code"):
        return unicodedata.normalize("NFC", text)
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        text = text[2:-1].strip()
    return text[1:].strip() if text.startswith("'") else text


def row_units(texts: Mapping[str, pa.Array | pa.ChunkedArray], n: int) -> pa.Array:
    """The commune unit of each of ``n`` rows as text (:func:`commune_units`; ``""`` for a row placed in
    no commune): how a members list's rows are matched to their households within a commune."""
    combo, distinct = commune_units(texts, n)
    return pa.array(distinct["unit"].tolist(), pa.string()).take(pa.array(combo, pa.int64()))


def code_unit(province_code: str, commune_code: str) -> str:
    """The unit of a commune known by its codes."""
    return f"code|{province_code}|{commune_code}"


def name_unit(province: str, commune: str) -> str:
    """The unit of a commune known by its names only."""
    return f"name|{province}|{commune}"


def unit_label(province_code: str, commune_code: str, province: str, commune: str) -> str:
    """The unit of one row's trimmed place cells: by commune code, else by commune name, else ``""``."""
    if commune_code:
        return code_unit(province_code, commune_code)
    if commune:
        return name_unit(province, commune)
    return ""


def mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer, in place on a uint64 array: a bijection of 64-bit integers (no two inputs
    share an output), used for the household keys' hashes and the sample of rows in data/plausibility.py."""
    h ^= h >> np.uint64(30)
    h *= _K1
    h ^= h >> np.uint64(27)
    h *= _K2
    h ^= h >> np.uint64(31)
    return h


def _string(codes: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks() if codes.num_chunks != 1 else codes.chunk(0)
    if codes.type != pa.string():
        codes = codes.cast(pa.string())
    return codes


def hash_codes(codes: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A 64-bit hash of every code (text, no nulls), computed from Arrow's buffers column-wise.

    Each code is read as its little-endian 64-bit words (the last zero-padded; at least one word, an
    empty code's is 0), each mixed in after its length: the same value on every machine, and for every
    code whatever the other codes hashed with it (the hashes of one batch are compared with another's).
    Words are read through an unaligned strided view of the data buffer, one gather per word; the
    words a code does not have are skipped for it (only the longer codes are gathered after the
    shortest one's end).
    """
    codes = _string(codes)
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    _, offsets_buf, data_buf = codes.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int32)[codes.offset : codes.offset + n + 1].astype(np.int64)
    lengths = offsets[1:] - offsets[:-1]
    base = int(offsets[0])
    size = int(offsets[-1]) - base
    padded = np.zeros(size + _WORD, dtype=np.uint8)
    if size:
        padded[:size] = np.frombuffer(data_buf, dtype=np.uint8, count=size, offset=base)
    windows = np.ndarray((size + 1,), dtype="<u8", buffer=padded, strides=(1,))  # 8 bytes from every offset
    longest = int(lengths.max())
    h = mix64(np.arange(longest + 1, dtype=np.uint64) ^ _SEED)[lengths]  # each length mixed once
    rows: np.ndarray | None = None  # the codes still being read (None: all), and their lengths, starts, hashes
    left, starts, part = lengths, offsets[:-1] - base, h
    shortest = int(lengths.min())
    for j in range(max(1, -(-longest // _WORD))):
        at = _WORD * j
        if j and shortest <= at:  # codes of j words or fewer are done
            longer = left > at
            if rows is not None:
                h[rows] = part
            rows = np.flatnonzero(longer) if rows is None else rows[longer]
            left, starts, part = left[longer], starts[longer], part[longer]
            shortest = int(left.min())
        word = windows[starts + at] if at else windows[starts]
        if shortest < at + _WORD:  # a code ends within this word: its bytes after the end are cleared
            word &= _MASKS[np.minimum(left - at, _WORD)]
        part ^= word
        mix64(part)
    if rows is not None:
        h[rows] = part
    return h


def hash_keys(columns: Sequence[pa.Array | pa.ChunkedArray]) -> np.ndarray:
    """A 64-bit hash of each row's key, the key's columns given in :func:`household_keys`' order
    (one column: :func:`hash_codes` of it)."""
    h = hash_codes(columns[0]) if len(columns) == 1 else _hash_by_value(columns[0])
    for column in columns[1:-1]:
        h = mix64(h * _K2 ^ _hash_by_value(column))
    if len(columns) > 1:
        h = mix64(h * _K2 ^ hash_codes(columns[-1]))
    return h


def _hash_by_value(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """:func:`hash_codes` of a column with few distinct values (a province, a commune): each value
    hashed once, through its dictionary code."""
    encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(_string(column))
    return hash_codes(encoded.dictionary)[encoded.indices.to_numpy(zero_copy_only=False)]


def _dense(column: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """Dictionary codes of a text column (numbered in order of first appearance) and how many."""
    encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(_string(column))
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary)


def first_uses(columns: Sequence[pa.Array | pa.ChunkedArray], skip: np.ndarray) -> np.ndarray:
    """For each row whose key an earlier row already used: that earlier row's position; else -1.

    Exact (no hashing). Rows where ``skip`` is true (an empty code) are -1; they are never the
    "earlier row" of a row that is not skipped, whose key differs from theirs.
    """
    codes, distinct = _dense(columns[0])
    for column in columns[1:]:
        more, count = _dense(column)
        codes, uniques = pd.factorize(codes * count + more)  # < n² for n rows: no overflow below 3·10⁹ rows
        distinct = len(uniques)
    n = codes.size
    if distinct == n:
        return np.full(n, -1, dtype=np.int64)
    first_pos = _first_rows(codes, distinct)[codes]
    result = np.where(first_pos != np.arange(n), first_pos, -1)
    return np.where(skip, -1, result)


def _first_rows(codes: np.ndarray, distinct: int) -> np.ndarray:
    """The first row of each of ``distinct`` codes 0, 1 … (in code order): one linear pass when the
    codes are numbered in order of first appearance (dictionary codes, ``pd.factorize``), else a sort."""
    if codes.size == 0:
        return np.zeros(0, dtype=np.int64)
    running = np.maximum.accumulate(codes)
    new = np.ones(codes.size, dtype=bool)
    new[1:] = running[1:] > running[:-1]
    first = np.flatnonzero(new)
    if not np.array_equal(codes[first], np.arange(distinct)):  # codes not in order of appearance
        _, first = np.unique(codes, return_index=True)
    return first


_SHARDS = 64  # both levels are cut by the hash's top bits: a merge copies one shard at a time
_SHIFT = np.uint64(64 - 6)
_EDGES = np.arange(_SHARDS + 1, dtype=np.uint64) << _SHIFT  # each shard's smallest hash (the last wraps to 0)
_RECENT = 1 << 21  # keys kept in the small level before they move to the big one


class SeenCodes:
    """Every household key seen so far in a stream, with the number of the row that first used it.

    Two sorted levels, as in a log-structured index, both kept in 64 shards by the hash's top bits: new
    keys go to the small level (a batch's keys are merged into each of its shards, at most two million
    entries in all, a shard's merge within the processor's cache); when it is full each of its shards moves
    into the big level's. Each key is in exactly one level; a batch's sorted hashes are looked up in the
    small level by merging them into it (equal neighbours are keys seen before) and in the big one with
    ``searchsorted``. Time stays linear in the rows for any file a country has, and memory is 12 bytes per
    key (the hash and a 32-bit first row) plus one shard.
    """

    def __init__(self) -> None:
        self._keys = [np.zeros(0, dtype=np.uint64) for _ in range(_SHARDS)]
        self._first = [np.zeros(0, dtype=np.uint32) for _ in range(_SHARDS)]
        self._recent_keys = [np.zeros(0, dtype=np.uint64) for _ in range(_SHARDS)]
        self._recent_first = [np.zeros(0, dtype=np.uint32) for _ in range(_SHARDS)]
        self._recent = 0  # keys in the small level
        self._adds = True

    def frozen(self) -> SeenCodes:
        """A view that checks against these keys but adds none (a Dask partition knows every repeated key)."""
        view = SeenCodes()
        view._keys, view._first, view._adds = list(self._keys), list(self._first), False
        view._recent_keys, view._recent_first = list(self._recent_keys), list(self._recent_first)
        view._recent = self._recent
        return view

    def __len__(self) -> int:
        return sum(k.size for k in self._keys) + self._recent

    def check_and_add(self, hashes: np.ndarray, positions: np.ndarray, skip: np.ndarray) -> np.ndarray:
        """For each row: the number of the first row with the same key — in an earlier batch or earlier
        in this one — when that is not the row itself; else -1.

        ``positions`` are the rows' numbers in the file; rows where ``skip`` is true (empty
        codes) are neither checked nor added. Keys not seen before are added with their first row here.
        """
        out = np.full(hashes.size, -1, dtype=np.int64)
        skip = np.asarray(skip, dtype=bool)
        if hashes.size == 0:
            return out
        if skip.any():
            live = np.flatnonzero(~skip)
            if live.size == 0:
                return out
            at, ordered = _sorted(hashes[live])
            order = live[at]
        else:
            order, ordered = _sorted(hashes)
        rows = np.asarray(positions, dtype=np.int64)[order]
        starts = np.ones(ordered.size, dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        repeated = not starts.all()  # a key used twice within this batch
        keys = ordered[starts] if repeated else ordered
        # the positions need not increase (a sheet's rows): each key's smallest
        first_here = np.minimum.reduceat(rows, np.flatnonzero(starts)) if repeated else rows
        earlier = self._find_and_add(keys, first_here) if self._adds else self._find(keys)
        new = earlier < 0
        if repeated or not new.all():
            first = np.where(new, first_here, earlier)
            first = first[np.cumsum(starts) - 1] if repeated else first
            out[order] = np.where(first != rows, first, -1)
        return out

    def _find(self, keys: np.ndarray) -> np.ndarray:
        """The first row of each (sorted, distinct) key in either level, else -1."""
        return np.maximum(
            _find_sharded(self._recent_keys, self._recent_first, keys), _find_sharded(self._keys, self._first, keys)
        )

    def _find_and_add(self, keys: np.ndarray, first: np.ndarray) -> np.ndarray:
        """:meth:`_find`, adding the keys found in neither level with their first rows. The small
        level is looked up by merging the keys into it (the merge is needed anyway): one linear
        pass instead of a binary search per key over the whole level."""
        if first.size and int(first.max()) > np.iinfo(np.uint32).max:
            raise OverflowError("more than 4,294,967,295 rows in one stream")
        first = first.astype(np.uint32)
        found = _find_sharded(self._keys, self._first, keys)
        fresh = found < 0
        if fresh.all():
            found = self._merge_recent(keys, first)
        else:
            found[fresh] = self._merge_recent(keys[fresh], first[fresh])
        if self._recent >= _RECENT:
            self._flush()
        return found

    def _merge_recent(self, keys: np.ndarray, first: np.ndarray) -> np.ndarray:
        """Merge sorted distinct keys into the small level, shard by shard; returns the first row of each
        key the level already held (that entry is kept, the new one dropped), else -1."""
        found = np.full(keys.size, -1, dtype=np.int64)
        bounds = _shard_bounds(keys)
        for s in range(_SHARDS):
            lo, hi = int(bounds[s]), int(bounds[s + 1])
            if hi == lo:
                continue
            held = self._recent_keys[s].size
            if not held:
                self._recent_keys[s], self._recent_first[s] = keys[lo:hi].copy(), first[lo:hi].copy()
                self._recent += hi - lo
                continue
            merged, order = _merged(self._recent_keys[s], keys[lo:hi])
            firsts = np.concatenate([self._recent_first[s], first[lo:hi]])[order]
            same = np.flatnonzero(merged[1:] == merged[:-1])  # a held key, then the same new key (stable sort)
            if same.size:
                found[lo + order[same + 1] - held] = firsts[same]
                keep = np.ones(merged.size, dtype=bool)
                keep[same + 1] = False
                merged, firsts = merged[keep], firsts[keep]
            self._recent += merged.size - held
            self._recent_keys[s], self._recent_first[s] = merged, firsts
        return found

    def _flush(self) -> None:
        """Move the small level into the big one, shard by shard."""
        for s in range(_SHARDS):
            k, f = self._recent_keys[s], self._recent_first[s]
            if k.size:
                self._keys[s], self._first[s] = _merge(self._keys[s], self._first[s], k, f)
        self._recent_keys = [np.zeros(0, dtype=np.uint64) for _ in range(_SHARDS)]
        self._recent_first = [np.zeros(0, dtype=np.uint32) for _ in range(_SHARDS)]
        self._recent = 0


def _shard_bounds(keys: np.ndarray) -> np.ndarray:
    """Where each shard's keys begin in sorted ``keys`` (and, last, their number)."""
    bounds = np.searchsorted(keys, _EDGES)
    bounds[-1] = keys.size
    return bounds


def _find_sharded(shard_keys: list[np.ndarray], shard_first: list[np.ndarray], keys: np.ndarray) -> np.ndarray:
    """The first row of each (sorted, distinct) key in one level's shards, else -1."""
    found = np.full(keys.size, -1, dtype=np.int64)
    if not any(k.size for k in shard_keys):
        return found
    bounds = _shard_bounds(keys)
    for s in range(_SHARDS):
        lo, hi = int(bounds[s]), int(bounds[s + 1])
        if hi > lo and shard_keys[s].size:
            found[lo:hi] = _lookup(shard_keys[s], shard_first[s], keys[lo:hi])
    return found


def _merge(
    keys: np.ndarray, first: np.ndarray, more: np.ndarray, more_first: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted levels (keys and first rows) merged into one, sorted (none of ``more`` is in ``keys``)."""
    merged, order = _merged(keys, more)
    return merged, np.concatenate([first, more_first])[order]


def _merged(keys: np.ndarray, more: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted arrays merged, and where each merged entry was in the two put end to end.

    A stable sort of the two runs is one linear merge (timsort finds the two runs), 2.5 times faster
    than scattering both into place through a mask; equal entries keep ``keys``' first."""
    both = np.concatenate([keys, more])
    order = np.argsort(both, kind="stable")
    return both[order], order


def _sorted(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The order that sorts ``hashes`` (equal ones in their order) and the sorted hashes. The hashes' top
    bits and each one's position packed into one word are sorted by value (a vectorised sort, faster than
    an argsort); should two hashes share their top bits but differ below, the order is redone by argsort."""
    n = hashes.size
    low = np.uint64((1 << max(1, (n - 1).bit_length())) - 1)
    packed = hashes & ~low
    packed |= np.arange(n, dtype=np.uint64)
    packed.sort()
    order = (packed & low).astype(np.intp)
    ordered = hashes[order]
    if n > 1 and not (ordered[1:] >= ordered[:-1]).all():  # about n² / 2^(65 - bits): once in 10⁴ batches
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
    return order, ordered


def _lookup(keys: np.ndarray, first: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """The first row of each hash found in one sorted level, else -1."""
    out = np.full(hashes.size, -1, dtype=np.int64)
    if keys.size:
        at = np.minimum(np.searchsorted(keys, hashes), keys.size - 1)
        found = keys[at] == hashes
        out[found] = first[at[found]]
    return out
