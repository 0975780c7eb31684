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


_SHARDS = 64  # the big level is cut by the hash's top bits: a merge copies one shard at a time
_SHIFT = np.uint64(64 - 6)
_RECENT = 1 << 21  # codes kept in the small level before they move to the big one


class SeenCodes:
    """Every household code seen so far in a stream, with the number of the row that first used it.

    Two sorted levels, as in a log-structured index: new codes go to a small sorted array (a batch's
    merge copies at most two million entries); when it is full it moves into the big level, kept in 64
    shards by the hash's top bits so that no merge copies more than a shard at once. Each code is in
    exactly one level; a batch is looked up in both with ``searchsorted``. Time stays linear in the
    rows for any file a country has, and memory is 12 bytes per code plus one shard.
    """

    def __init__(self) -> None:
        self._keys = [np.zeros(0, dtype=np.uint64) for _ in range(_SHARDS)]
        self._first = [np.zeros(0, dtype=np.uint32) for _ in range(_SHARDS)]
        self._recent_keys = np.zeros(0, dtype=np.uint64)
        self._recent_first = np.zeros(0, dtype=np.uint32)
        self._adds = True

    def frozen(self) -> SeenCodes:
        """A view that checks against these codes but adds none (a Dask partition knows every repeated code)."""
        view = SeenCodes()
        view._keys, view._first, view._adds = self._keys, self._first, False
        view._recent_keys, view._recent_first = self._recent_keys, self._recent_first
        return view

    def __len__(self) -> int:
        return sum(k.size for k in self._keys) + self._recent_keys.size

    def check_and_add(self, hashes: np.ndarray, positions: np.ndarray, skip: np.ndarray) -> np.ndarray:
        """For each row: the row number of an earlier batch's row with the same code, else -1.

        ``positions`` are the rows' numbers in the file; rows where ``skip`` is true (empty codes) are
        neither checked nor added. Codes not seen before are added with their first row in this batch.
        """
        earlier = _lookup(self._recent_keys, self._recent_first, hashes)
        shard = (hashes >> _SHIFT).astype(np.intp)
        order = np.argsort(shard, kind="stable")
        bounds = np.searchsorted(shard[order], np.arange(_SHARDS + 1))
        for s in range(_SHARDS):
            rows = order[bounds[s] : bounds[s + 1]]
            if rows.size and self._keys[s].size:
                got = _lookup(self._keys[s], self._first[s], hashes[rows])
                earlier[rows] = np.maximum(earlier[rows], got)  # a code is in one level only
        earlier[skip] = -1
        new = (earlier < 0) & ~skip
        if self._adds and new.any():
            keys, first_index = np.unique(hashes[new], return_index=True)  # first occurrence in the batch
            first = positions[new][first_index]
            if int(first.max()) > np.iinfo(np.uint32).max:
                raise OverflowError("more than 4,294,967,295 rows in one stream")
            where = np.searchsorted(self._recent_keys, keys)
            self._recent_keys = np.insert(self._recent_keys, where, keys)
            self._recent_first = np.insert(self._recent_first, where, first.astype(np.uint32))
            if self._recent_keys.size >= _RECENT:
                self._flush()
        return earlier

    def _flush(self) -> None:
        """Move the small level into the big one, shard by shard."""
        keys, first = self._recent_keys, self._recent_first
        bounds = np.searchsorted(keys, np.arange(_SHARDS + 1, dtype=np.uint64) << _SHIFT)
        bounds[-1] = keys.size
        for s in range(_SHARDS):
            k, f = keys[bounds[s] : bounds[s + 1]], first[bounds[s] : bounds[s + 1]]
            if k.size:
                where = np.searchsorted(self._keys[s], k)
                self._keys[s] = np.insert(self._keys[s], where, k)
                self._first[s] = np.insert(self._first[s], where, f)
        self._recent_keys = np.zeros(0, dtype=np.uint64)
        self._recent_first = np.zeros(0, dtype=np.uint32)


def _lookup(keys: np.ndarray, first: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """The first row of each hash found in one sorted level, else -1."""
    out = np.full(hashes.size, -1, dtype=np.int64)
    if keys.size:
        at = np.minimum(np.searchsorted(keys, hashes), keys.size - 1)
        found = keys[at] == hashes
        out[found] = first[at[found]]
    return out
