"""Household codes already seen in earlier batches of a streamed file (design.md: every code once).

A file read in batches cannot look back at earlier rows, so each batch's codes are checked against an
index of every code seen so far: a 64-bit hash of the code (bytes and length, mixed column-wise with
numpy, no Python string per row) kept in a sorted array, with the row number of the row that first
used it. Cost: 12 bytes per distinct household (about 330 MB for 27 million), one
``searchsorted`` and one merge per batch. Two different codes share a hash with probability about
n² / 2⁶⁵ (2 × 10⁻⁵ for 27 million distinct codes); such a pair would be reported as a duplicate
naming the earlier row, so an officer can see it is not one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

_WORD = 8
_MAX_INLINE = 64  # longer codes are hashed by pandas (SipHash), slower but rare
_K1 = np.uint64(0xBF58476D1CE4E5B9)
_K2 = np.uint64(0x94D049BB133111EB)
_SEED = np.uint64(0x9E3779B97F4A7C15)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer, in place on a uint64 array."""
    h ^= h >> np.uint64(30)
    h *= _K1
    h ^= h >> np.uint64(27)
    h *= _K2
    h ^= h >> np.uint64(31)
    return h


def hash_codes(codes: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A 64-bit hash of every code (text, no nulls), computed from Arrow's buffers column-wise."""
    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks() if codes.num_chunks != 1 else codes.chunk(0)
    if codes.type != pa.string():
        codes = codes.cast(pa.string())
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    _, offsets_buf, data_buf = codes.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int32)[codes.offset : codes.offset + n + 1].astype(np.int64)
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    lengths = np.diff(offsets)
    longest = int(lengths.max())
    if longest > _MAX_INLINE:
        return pd.util.hash_array(codes.to_numpy(zero_copy_only=False))
    width = max(_WORD, -(-longest // _WORD) * _WORD)
    matrix = np.zeros((n, width), dtype=np.uint8)
    if data.size:
        cols = np.arange(longest)
        index = offsets[:-1, None] + cols[None, :]
        inside = cols[None, :] < lengths[:, None]
        matrix[:, :longest] = np.where(inside, data[np.minimum(index, data.size - 1)], 0)
    words = matrix.view(np.uint64)  # n × (width / 8), little or big endian alike: same bytes, same words
    h = _mix(lengths.astype(np.uint64) ^ _SEED)
    for j in range(words.shape[1]):
        h ^= words[:, j]
        h = _mix(h)
    return h


class SeenCodes:
    """Every household code seen so far in a stream, with the number of the row that first used it."""

    def __init__(self) -> None:
        self._keys = np.zeros(0, dtype=np.uint64)
        self._first = np.zeros(0, dtype=np.uint32)
        self._adds = True

    def frozen(self) -> SeenCodes:
        """A view that checks against these codes but adds none (a Dask partition knows every repeated code)."""
        view = SeenCodes()
        view._keys, view._first, view._adds = self._keys, self._first, False
        return view

    def __len__(self) -> int:
        return int(self._keys.size)

    def check_and_add(self, hashes: np.ndarray, positions: np.ndarray, skip: np.ndarray) -> np.ndarray:
        """For each row: the row number of an earlier batch's row with the same code, else -1.

        ``positions`` are the rows' numbers in the file; rows where ``skip`` is true (empty codes) are
        neither checked nor added. Codes not seen before are added with their first row in this batch.
        """
        earlier = np.full(hashes.size, -1, dtype=np.int64)
        if self._keys.size:
            at = np.searchsorted(self._keys, hashes)
            at_ok = np.minimum(at, self._keys.size - 1)
            found = (self._keys[at_ok] == hashes) & ~skip
            earlier[found] = self._first[at_ok[found]]
        else:
            found = np.zeros(hashes.size, dtype=bool)
        new = ~found & ~skip
        if self._adds and new.any():
            keys, first_index = np.unique(hashes[new], return_index=True)  # first occurrence in the batch
            first = positions[new][first_index]
            if first.size and int(first.max()) > np.iinfo(np.uint32).max:
                raise OverflowError("more than 4,294,967,295 rows in one stream")
            where = np.searchsorted(self._keys, keys)
            self._keys = np.insert(self._keys, where, keys)
            self._first = np.insert(self._first, where, first.astype(np.uint32))
        return earlier
