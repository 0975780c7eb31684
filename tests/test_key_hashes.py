"""The stream's household-key hashes and index (data/ids.py ``hash_codes``, ``SeenCodes``) against plain-Python
references: a code's hash is its own (never the batch's), and the index finds every key's first row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poverty_rules.data import ids
from poverty_rules.data.ids import SeenCodes, hash_codes
from poverty_rules.data.normalize import check_keys
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.pipeline import RunOptions
from poverty_rules.pipeline.stream import classify_file

_M = (1 << 64) - 1


def _mix(h: int) -> int:
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & _M
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & _M
    return h ^ (h >> 31)


def _reference_hash(code: str) -> int:
    """hash_codes of one code, written out: its length, then each of its 8-byte words (at least one)."""
    data = code.encode()
    h = _mix(len(data) ^ 0x9E3779B97F4A7C15)
    for j in range(max(1, -(-len(data) // 8))):
        h = _mix(h ^ int.from_bytes(data[8 * j : 8 * j + 8].ljust(8, b"\0"), "little"))
    return h


_CODES = st.text(alphabet=st.sampled_from("ab0\x00ệ-"), max_size=90)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CODES, min_size=1, max_size=30), st.integers(0, 3))
def test_hash_codes_is_each_codes_own(codes: list[str], cut: int) -> None:
    """Every code's hash is the reference's, whatever the other codes of the call (a long code in a batch
    changed the hash of every shorter one, and a code over 64 bytes that of every code of its batch)."""
    array = pa.array(codes).slice(min(cut, len(codes) - 1))
    assert hash_codes(array).tolist() == [_reference_hash(c) for c in array.to_pylist()]
    assert hash_codes(pa.chunked_array([array])).tolist() == hash_codes(array).tolist()


def test_a_code_repeated_in_a_batch_with_a_longer_code_is_a_duplicate() -> None:
    """The second batch repeats HC-1 beside a code of over 16 bytes: the repeat names the first row."""
    seen = SeenCodes()
    assert check_keys(pa.table({"household_id": ["HC-1", "HC-2"]}), seen).tolist() == [-1, -1]
    second = pa.table({"household_id": ["HC-1", "HC-0003-Thôn-Đông-Một"]})
    assert check_keys(second, seen, first_row=2).tolist() == [2, -1]
    long = pa.table({"household_id": ["HC-2", "x" * 70]})
    assert check_keys(long, seen, first_row=4).tolist() == [3, -1]


_HEADER = "household_id,commune,province,area,income_per_capita,score_a\n"


def test_streamed_classify_rejects_a_repeat_in_a_batch_with_a_long_code(tmp_path: Path) -> None:
    """End to end: a file of two batches, the second repeating a household beside a long code; the
    repeat is rejected, as the whole-file check rejects it."""
    rows = [f"HC-{i:04d},Xã A,Tỉnh B,rural,1000000,\n" for i in range(60)]
    rows += ["HC-0001,Xã A,Tỉnh B,rural,1000000,\n", "HC-0999-Thôn-Đông-Một-Hai,Xã A,Tỉnh B,rural,1000000,\n"]
    src = tmp_path / "h.csv"
    src.write_text(_HEADER + "".join(rows), encoding="utf-8")
    out, rej = tmp_path / "o.csv", tmp_path / "r.csv"
    summary = classify_file(src, out, rej, load_ruleset("vn-2022-2026"), RunOptions(lang="en"), batch_bytes=1024)
    assert summary.batches > 1
    rejected = rej.read_text(encoding="utf-8-sig")
    assert "HC-0001" in rejected and "HC-0999" not in rejected


def _reference_seen(batches: list[tuple[list[int], list[int], list[bool]]]) -> list[list[int]]:
    """SeenCodes.check_and_add written with a dict of key → first row."""
    first: dict[int, int] = {}
    results = []
    for keys, rows, skips in batches:
        out = []
        for key, row, skip in zip(keys, rows, skips, strict=True):
            if skip:
                out.append(-1)
                continue
            earlier = first.setdefault(key, row)
            out.append(earlier if earlier != row else -1)
        results.append(out)
    return results


_BATCH = st.lists(st.tuples(st.integers(0, 40), st.booleans()), max_size=25)


@settings(max_examples=200, deadline=None)
@given(st.lists(_BATCH, max_size=8), st.sampled_from([1, 4, 16, 1 << 21]), st.booleans())
def test_seen_codes_matches_a_dict(batches: list[list[tuple[int, bool]]], recent: int, spread: bool) -> None:
    """Keys repeated within and across batches, skipped rows (empty codes), a small level flushed after a
    few keys: every row gets the first row of its key, as a dict finds it. ``spread``: keys over the whole
    64 bits (every shard), else small ones (one shard, and top bits shared: the sort's fallback)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ids, "_RECENT", recent)
        _check_against_dict(batches, spread)


def _check_against_dict(batches: list[list[tuple[int, bool]]], spread: bool) -> None:
    seen = SeenCodes()
    row = 0
    given_batches = []
    for batch in batches:
        keys = [(k * 0x9E3779B97F4A7C15) % (1 << 64) if spread else k for k, _ in batch]
        rows = list(range(row, row + len(batch)))
        row += len(batch)
        given_batches.append((keys, rows, [skip for _, skip in batch]))
    for (keys, rows, skips), expected in zip(given_batches, _reference_seen(given_batches), strict=True):
        got = seen.check_and_add(np.array(keys, dtype=np.uint64), np.array(rows), np.array(skips, dtype=bool))
        assert got.tolist() == expected
    assert len(seen) == len({k for keys, _, skips in given_batches for k, s in zip(keys, skips, strict=True) if not s})


def test_sorted_redoes_an_order_when_top_bits_are_shared() -> None:
    """Hashes equal but for their lowest bits (where the positions are packed) still come out sorted."""
    hashes = np.array([3, 2, 7, 6, 2], dtype=np.uint64)
    order, ordered = ids._sorted(hashes)
    assert ordered.tolist() == [2, 2, 3, 6, 7] and order.tolist() == [1, 4, 0, 3, 2]


def test_seen_codes_keeps_12_bytes_per_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/scale.md's 12 bytes per key: the first rows are kept as 32-bit numbers in both levels (they
    became 64-bit ones when the batch's int64 row numbers were merged in)."""
    monkeypatch.setattr(ids, "_RECENT", 40)
    seen = SeenCodes()
    for start in range(0, 100, 25):
        hashes = (np.arange(start, start + 25, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
        seen.check_and_add(hashes, np.arange(start, start + 25), np.zeros(25, dtype=bool))
    levels = [*seen._first, *seen._recent_first]
    assert len(seen) == 100 and sum(f.size for f in seen._first) >= 50
    assert {f.dtype for f in levels} == {np.dtype(np.uint32)}
