"""``classify --members`` streamed: the members file read in batches beside the household file and
joined to each household batch in file order (a merge join on the household code).

Officers' and statisticians' members files list the members household by household, in the household
file's order (both are exported from the same register). Each household batch then takes the member
rows up to its last household that has members: :class:`MemberJoin` reads member batches
(:class:`~poverty_rules.data.stream.ReadAhead` over :func:`~poverty_rules.data.stream.open_batches`,
as for the household file) until one holds no code of the batch, gives the batch the rows up to the
last one with a code of the batch, and carries the rest over to the next batch (a household's members
may straddle member batches). Each batch is classified as the whole path classifies the file
(:func:`~poverty_rules.engine.members.apply_members` on the batch with its members), so a member row
goes to the same household as in the whole path provided that household is in the member row's batch.
That is checked, batch after batch, on 64-bit hashes of the codes
(:class:`~poverty_rules.data.ids.SeenCodes`), and when it does not hold the run stops with
:class:`NotLockstep` (the caller takes the whole-file path from the start; the outputs are temporary
files, so nothing is left):

* a member row's code accepted in an earlier batch, or a code used twice in one batch (members listed
  out of order, or a household code used again in another commune: the whole path joins such rows by
  the code in its commune when the members list names the commune, else to neither household);
* a member row left unmatched in its batch (a household not in the file, or rejected, or listed in a
  later batch) whose code is accepted in a later batch;
* rows not taken by any batch (after the last household) whose code was accepted somewhere;
* more than :data:`MOST_BATCHES` household batches' worth of member rows waiting for one batch
  (members in another order: memory would grow with the members file).

Otherwise the result is the whole path's: member rows of households not in the file (or rejected) are
counted in the same note, and the notes of the members file (``engine/members.py`` ``member_notes``)
are said once, from the counts of every batch added up, after the household file's notes. A hash
shared by two codes can only send a run to the whole path, never change a result. A members file the
streaming reader cannot take (a spreadsheet, a ragged row) or that cannot be opened is also left to
the whole path, which says what a whole read says about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..data.ids import PLACE_COLUMNS, SeenCodes, hash_codes
from ..data.read import SheetTable
from ..data.schema import canonical_headers, member_column_headers
from ..data.stream import BATCH_BYTES, NotStreamable, ReadAhead, open_batches
from ..engine.members import (
    UNMATCHED,
    UNMATCHED_SHOWN,
    ZERO_CODES,
    bare_codes,
    first_codes,
    member_notes,
    zero_codes,
)
from ..errors import InputError
from ..rules.model import Ruleset
from ..vocabulary.codes import trimmed_codes
from .options import RunOptions
from .run import placed_member_codes
from .stream import StreamSummary, classify_file

#: Member rows waiting for one household batch, at most, in household batches' bytes: a household
#: batch's members are about four times its bytes (3.8 members per household).
MOST_BATCHES = 32
#: Member batches read ahead, at most (the rows waiting for the next household batch come on top).
AHEAD_BATCHES = 8
_NOT_STORED = np.iinfo(np.uint32).max  # a position never stored: a lookup that adds nothing


class NotLockstep(NotStreamable):
    """The members file cannot be joined batch by batch (internal: the whole-file path is taken)."""


class MemberJoin:
    """A members file read in batches and joined to each household batch (see the module's docstring).

    ``options`` gives a household batch's options with its member rows; ``joined`` checks the batch's
    result and takes out its members notes; ``finish`` reads the rows no batch took and says the members
    notes of the whole file. Each raises :class:`NotLockstep` when the join would not be the whole path's.
    """

    def __init__(self, path: str | Path, source: str, *, batch_bytes: int = BATCH_BYTES, lang: str = "en") -> None:
        self._source = source
        self.source = source  # how a batch's notes name the members file
        self._lang = lang
        self._most = MOST_BATCHES * batch_bytes
        self._ahead = ReadAhead(partial(open_batches, path, batch_bytes, lang=lang), AHEAD_BATCHES * batch_bytes)
        self._reading: Iterator[SheetTable] | None = None
        self._ended = False
        self._waiting: list[_Piece] = []  # member rows read and not yet given, in file order
        self._given: _Piece | None = None  # the member rows of the batch being classified
        self._empty: pa.Table | None = None  # no member rows, with the file's columns
        self._code: str | None = None  # the household file's code column
        self._accepted = SeenCodes()  # the codes accepted by earlier batches (positions: batch numbers)
        self._unmatched = SeenCodes()  # the codes of member rows left unmatched so far
        self._bare = SeenCodes()  # the accepted codes with leading zeros, taken off (the note on codes of no household)
        self._strays = _Strays()  # member rows of no household that no household so far differs from by zeros only
        self._zero_named: list[tuple[int, str]] = []  # the first codes so differing, with their first row in the file
        self._batch = 0
        self._places: list[str] | None = None  # the household file's place columns (canonical), of its first batch
        self.counts: dict[str, int] = {}
        self.unmatched: list[str] = []  # the first codes of member rows of no household, in file order
        self.unreadable: dict[str, list[str]] = {}  # each column's first unreadable cells, in file order
        self.unreadable_rows: dict[str, int] = {}  # each column's first unreadable cell's row in the file
        self.repeated: list[tuple[int, int, str]] = []  # the first rows repeating an earlier one: (row, earlier, code)

    def close(self) -> None:
        self._ahead.close()

    # ------------------------------------------------------------------ reading the members file

    def _open(self) -> Iterator[SheetTable]:
        if self._reading is None:
            try:
                batches = self._ahead.opened()
            except Exception as exc:  # the whole path reads it and says what is wrong, in its order
                raise NotLockstep(str(exc)) from None
            if not batches.streamed:
                raise NotLockstep("a members file read whole")
            self._reading = iter(self._ahead)
        return self._reading

    def _read(self) -> _Piece | None:
        """The next member batch, or None at the end of the file."""
        if self._ended:
            return None
        for part in self._open():
            table = _codes_named(part.table)
            if self._empty is None:
                self._empty = table.slice(0, 0)
            if table.num_rows:
                return _Piece.of(table, part.rows)
        self._ended = True
        return None

    # ------------------------------------------------------------------ the join

    def options(self, part: SheetTable, options: RunOptions) -> RunOptions:
        """``options`` with the member rows of the household batch ``part``: those up to the last one
        whose code is a code of ``part``; the rest wait for the next batch. Which rows have a code of the
        batch is found on the codes' hashes (a row whose hash is shared goes to this batch, unmatched:
        the checks of :meth:`joined` see it)."""
        if self._code is None:
            renamed = canonical_headers(part.column_names, source=self._source, lang=self._lang)
            self._code = next((h for h, c in renamed.items() if c == "household_id"), None)
            if self._code is None:
                raise NotLockstep("no household_id column")  # the whole path says so
        keys = np.unique(hash_codes(_text(part.table.column(self._code))))
        while not self._ended and (not self._waiting or self._waiting[-1].end_of_last_run(keys)):
            more = self._read()
            if more is not None:
                self._waiting.append(more)
                if sum(piece.nbytes for piece in self._waiting) > self._most:
                    raise NotLockstep("the members file is not in the household file's order")
        cut = 0
        for i in range(len(self._waiting) - 1, -1, -1):  # the last one with a code of the batch, from the end
            end = self._waiting[i].end_of_last_run(keys)
            if end:
                cut = sum(piece.table.num_rows for piece in self._waiting[:i]) + end
                break
        self._given, rest = _Piece.joined(self._waiting, self._empty).cut(cut)
        self._waiting = [rest] if rest.table.num_rows else []
        return options.with_(members=self._given.table)

    def joined(self, result: Any) -> None:
        """Check that the batch's member rows went where the whole path sends them; count its notes."""
        norm = result.normalized
        given = self._given
        assert given is not None
        if self._places is None:
            self._places = [c for c in PLACE_COLUMNS if c in norm.frame.columns]
        self._given = None
        counts = norm.member_counts
        said = len(member_notes(counts))
        if said:  # the batch's notes about the members (the last ones): said once, for the whole file
            del norm.notes[-said:]
        unreadable = dict(norm.member_unreadable)
        members = _text(given.table.column("household_id"))
        if counts.get(UNMATCHED) and len(self._accepted):  # codes of earlier batches' households, zeros apart
            counts = self._earlier_zero_codes(counts, unreadable, members, norm)
        if ZERO_CODES in unreadable:  # named in the members file's order, whichever batch counts them
            codes = pa.array(unreadable.pop(ZERO_CODES), pa.string())
            self._name_zeros(codes, given.rows[pc.index_in(codes, value_set=members).to_numpy(zero_copy_only=False)])
        for key, count in counts.items():
            self.counts[key] = self.counts.get(key, 0) + count
        for column, cells in unreadable.items():  # the batch's first ones: enough for the file's
            self.unreadable[column] = first_codes(pa.array(cells, pa.string()), self.unreadable.get(column))
        for column, row in norm.member_unreadable_rows.items():  # numbered from 2 in the batch: the file's row
            self.unreadable_rows.setdefault(column, int(given.rows[row - 2]))
        for row, first, code in norm.member_repeated[: UNMATCHED_SHOWN - len(self.repeated)]:  # the file's rows
            self.repeated.append((int(given.rows[row - 2]), int(given.rows[first - 2]), code))
        if len(self._accepted) and _seen(self._accepted, given.heads):
            raise NotLockstep("a member's household was accepted in an earlier batch")
        accepted = _text(pa.array(norm.frame["household_id"]))  # the codes the engine matched members to
        if len(pc.unique(accepted)) < len(accepted):  # a code in two communes: the whole path says so once
            raise NotLockstep("a household code used twice in one batch")
        accepted_hashes = hash_codes(accepted)
        if len(self._unmatched) and _seen(self._unmatched, accepted_hashes):
            raise NotLockstep("a member row left unmatched belongs to a household of this batch")
        self._later_zero_codes(accepted)
        if counts.get(UNMATCHED):  # the batch's rows of no household no household so far differs from by zeros
            loose = pc.invert(pc.is_in(members, value_set=accepted)).to_numpy(zero_copy_only=False)
            strays = members.filter(pa.array(loose))
            waiting = ~zero_codes(strays, accepted) & ~self._bare_found(strays)
            self._strays.add(strays.filter(pa.array(waiting)), given.rows[loose][waiting])
        zeros = pc.starts_with(accepted, "0")  # a code without them is its own bare code, in _accepted already
        if pc.any(zeros).as_py():
            bare = bare_codes(accepted.filter(zeros))
            blank = pc.equal(bare, "").to_numpy(zero_copy_only=False)
            self._bare.check_and_add(hash_codes(bare), np.full(len(bare), self._batch, dtype=np.int64), blank)
        here = np.full(accepted_hashes.size, self._batch, dtype=np.int64)
        again = self._accepted.check_and_add(accepted_hashes, here, np.zeros(accepted_hashes.size, dtype=bool))
        if (again >= 0).any():  # a code accepted in an earlier batch too (another commune's): the whole path
            raise NotLockstep("a household code accepted in an earlier batch")  # joins its members to neither
        if counts.get(UNMATCHED):  # matched exactly, as the engine matches: never on hashes
            # the codes the engine left out, in file order (a code of the batch named in another commune too)
            self.unmatched = first_codes(pa.array(norm.member_unmatched, pa.string()), self.unmatched)
            members = _text(given.table.column("household_id"))
            loose = pc.invert(pc.is_in(members, value_set=accepted)).to_numpy(zero_copy_only=False)
            hashes = np.unique(hash_codes(members.filter(pa.array(loose))))
            self._unmatched.check_and_add(hashes, np.zeros(hashes.size, dtype=np.int64), np.zeros(hashes.size, bool))
        self._batch += 1

    def _earlier_zero_codes(
        self, counts: dict[str, int], unreadable: dict[str, list[str]], members: pa.Array | pa.ChunkedArray, norm: Any
    ) -> dict[str, int]:
        """The batch's counts with, under :data:`ZERO_CODES`, its member rows of no household whose code differs
        only by leading zeros from a household's of an *earlier* batch (``00012`` the last household of one
        batch, its members written ``12`` coming after it: no batch's join takes them until the next one's),
        beside those the batch's own households gave; their codes merged into ``unreadable`` in the members
        file's order, as the whole path names them (engine/members.py ``zero_codes``)."""
        accepted = _text(pa.array(norm.frame["household_id"]))
        loose = pc.invert(pc.is_in(members, value_set=accepted)).to_numpy(zero_copy_only=False)
        strays = members.filter(pa.array(loose))
        extra = self._bare_found(strays) & ~zero_codes(strays, accepted)
        if not extra.any():
            return counts
        unreadable[ZERO_CODES] = [*unreadable.get(ZERO_CODES, []), *first_codes(strays.filter(pa.array(extra)))]
        return {**counts, ZERO_CODES: counts.get(ZERO_CODES, 0) + int(extra.sum())}

    def _later_zero_codes(self, accepted: pa.Array | pa.ChunkedArray) -> None:
        """Count under :data:`ZERO_CODES` the member rows of no household given to *earlier* batches whose code
        differs only by leading zeros from the code of a household of this batch (``accepted``: members listed
        out of the household file's order, ``250`` among the first households' members, ``00250`` in a later
        batch), as the whole path compares them with every household (engine/members.py ``zero_codes``)."""
        count, named = self._strays.take(accepted)
        if count:
            self.counts[ZERO_CODES] = self.counts.get(ZERO_CODES, 0) + count
            self._name_zeros(pa.array([code for _, code in named], pa.string()), np.array([r for r, _ in named]))

    def _name_zeros(self, codes: pa.Array, rows: np.ndarray) -> None:
        """Keep ``codes`` (differing from a household's only by leading zeros), each first met at its row of
        ``rows`` in the members file, among the first :data:`UNMATCHED_SHOWN` and one such codes in the
        file's order, as the whole path names them."""
        first: dict[str, int] = {code: row for row, code in self._zero_named}
        for code, row in zip(codes.to_pylist(), np.asarray(rows, dtype=np.int64).tolist(), strict=True):
            name = "" if code is None else str(code)
            first[name] = min(first.get(name, row), row)
        self._zero_named = sorted((row, code) for code, row in first.items())[: UNMATCHED_SHOWN + 1]

    def _bare_found(self, codes: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Which of ``codes``, leading zeros taken off, is the code of a household of an earlier batch so bared
        (``0012`` of ``12``, ``12`` of ``0012``); an empty bare code (``000``) never."""
        bare = bare_codes(codes)
        nowhere, none = np.full(len(bare), _NOT_STORED, dtype=np.int64), np.zeros(len(bare), dtype=bool)
        hashes = hash_codes(bare)  # an accepted code without leading zeros is found as itself, one with them bared
        found = (self._accepted.frozen().check_and_add(hashes, nowhere, none) >= 0) | (
            self._bare.frozen().check_and_add(hashes, nowhere, none) >= 0
        )
        return np.asarray(found & pc.not_equal(bare, "").to_numpy(zero_copy_only=False), dtype=bool)

    def _zero_codes(self, codes: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> None:
        """Count under :data:`ZERO_CODES` the member rows no batch took (``rows``: their rows in the members
        file) whose code, leading zeros taken off, is an accepted household's code so bared (``0012`` of
        ``12``), and keep their first codes, as the whole path counts them (engine/members.py ``zero_codes``)."""
        hit = self._bare_found(codes)
        if hit.any():
            self.counts[ZERO_CODES] = self.counts.get(ZERO_CODES, 0) + int(hit.sum())
            self._name_zeros(codes.filter(pa.array(hit)).combine_chunks(), rows[hit])

    def finish(self, summary: StreamSummary) -> None:
        """The member rows no batch took (households not in the file), then the members notes."""
        while self._waiting or not self._ended:
            piece = self._waiting.pop(0) if self._waiting else self._read()
            if piece is None:
                break
            if len(self._accepted) and _seen(self._accepted, piece.heads):
                raise NotLockstep("a member row after the last batch belongs to a household of the file")
            self.counts[UNMATCHED] = self.counts.get(UNMATCHED, 0) + piece.table.num_rows
            codes = _text(piece.table.column("household_id"))
            # named in their commune when both files name their communes, as a batch's and the whole path's
            placed = placed_member_codes(self._places or [], piece.table, codes)
            self.unmatched = first_codes(placed, self.unmatched)
            self._zero_codes(codes, piece.rows)
        if self._zero_named:
            self.unreadable[ZERO_CODES] = [code for _, code in self._zero_named]
        headers = member_column_headers(self._empty.column_names if self._empty is not None else [])
        said = member_notes(self.counts, self.unmatched, self.unreadable, headers, self.unreadable_rows, self.repeated)
        for note in said:
            summary.notes.append(f"{self._source}: {note[self._lang]}")


def classify_with_members(
    path: str | Path,
    members_path: str | Path,
    output: str | Path,
    rejects_path: str | Path,
    ruleset: Ruleset,
    options: RunOptions,
    *,
    members_source: str,
    batch_bytes: int = BATCH_BYTES,
    **streaming: Any,
) -> StreamSummary:
    """Classify a household file with its members file, both streamed and joined batch by batch
    (:func:`~poverty_rules.pipeline.stream.classify_file` with a :class:`MemberJoin`; ``streaming``: its
    other keywords). Raises :class:`~poverty_rules.data.stream.NotStreamable` (nothing written) when the
    whole-file path must be taken instead: members not in the household file's order, files the
    streaming reader cannot take."""
    join = MemberJoin(members_path, members_source, batch_bytes=batch_bytes, lang=options.lang)
    try:
        return classify_file(
            path, output, rejects_path, ruleset, options, batch_bytes=batch_bytes, join=join, **streaming
        )
    finally:
        join.close()


def _text(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Codes as Arrow ``string`` without surrounding spaces (as the engine matches them:
    ``engine/members.py``)."""
    return trimmed_codes(values if values.type == pa.string() else values.cast(pa.string()))


def _codes_named(table: pa.Table) -> pa.Table:
    """A members batch with its household code column named ``household_id`` also when the file heads it
    as a household file may (``Mã hộ``, docs/members.md), as the whole path names it; its other columns are
    named by :func:`~poverty_rules.pipeline.run.prepare`, batch by batch as for the whole file."""
    names = table.column_names
    if "household_id" in names:
        return table
    try:
        renamed = canonical_headers(names)
    except InputError:  # two headers of the code: the whole path says so
        raise NotLockstep("two household code columns in the members file") from None
    code = next((h for h, c in renamed.items() if c == "household_id"), None)
    if code is None:
        raise NotLockstep("no household_id column in the members file")  # the whole path says so
    return table.rename_columns(["household_id" if h == code else h for h in names])


@dataclass
class _Piece:
    """Member rows read and not yet given, in runs of one code (members are listed household by
    household): the rows, where each run starts and the hash of its code (``data/ids.py``
    ``hash_codes``, once per run, not per row), their Arrow bytes (about, for a part of a batch). A
    run cut by the end of a batch has a start in each piece. ``rows``: each row's row in the members file
    (the officer's row number)."""

    table: pa.Table
    starts: np.ndarray
    heads: np.ndarray
    nbytes: int
    rows: np.ndarray

    @staticmethod
    def of(table: pa.Table, rows: np.ndarray) -> _Piece:
        codes = _text(table.column("household_id"))
        n = len(codes)
        first = np.ones(n, dtype=bool)
        if n > 1:
            differs = pc.not_equal(codes.slice(1), codes.slice(0, n - 1))
            first[1:] = pc.fill_null(differs, True).to_numpy(zero_copy_only=False)
        starts = np.flatnonzero(first)
        heads = hash_codes(codes.filter(pa.array(first)))
        return _Piece(table, starts, heads, table.get_total_buffer_size(), np.asarray(rows, dtype=np.int64))

    @staticmethod
    def joined(pieces: list[_Piece], empty: pa.Table | None) -> _Piece:
        if len(pieces) == 1:
            return pieces[0]
        if not pieces:
            table = empty if empty is not None else pa.table({"household_id": pa.array([], pa.string())})
            return _Piece(table, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64), 0, np.zeros(0, np.int64))
        offsets = np.cumsum([0] + [p.table.num_rows for p in pieces[:-1]])
        return _Piece(
            pa.concat_tables([p.table for p in pieces]),
            np.concatenate([p.starts + offset for p, offset in zip(pieces, offsets, strict=True)]),
            np.concatenate([p.heads for p in pieces]),
            sum(p.nbytes for p in pieces),
            np.concatenate([p.rows for p in pieces]),
        )

    def end_of_last_run(self, keys: np.ndarray) -> int:
        """One past the last row whose code's hash is among ``keys`` (sorted, distinct), or 0."""
        if keys.size == 0 or self.heads.size == 0:
            return 0
        found = np.flatnonzero(keys[np.minimum(np.searchsorted(keys, self.heads), keys.size - 1)] == self.heads)
        if not found.size:
            return 0
        after = int(found[-1]) + 1
        return int(self.starts[after]) if after < self.starts.size else self.table.num_rows

    def cut(self, at: int) -> tuple[_Piece, _Piece]:
        """The rows before ``at`` (the start of a run, or the end) and the rest."""
        rows = max(self.table.num_rows, 1)
        k = int(np.searchsorted(self.starts, at))
        first = _Piece(
            self.table.slice(0, at), self.starts[:k], self.heads[:k], self.nbytes * at // rows, self.rows[:at]
        )
        rest = _Piece(
            self.table.slice(at), self.starts[k:] - at, self.heads[k:], self.nbytes - first.nbytes, self.rows[at:]
        )
        return first, rest


class _Strays:
    """Member rows of no household whose code differs by leading zeros from no household's so far (a stream's
    earlier batches and their own), kept until a later batch's household so differs (:meth:`take`): per
    distinct code of each batch, the hash of its bare code (leading zeros off), the code, its first row in
    the members file and its number of rows. Kept in sorted chunks, one a batch, merged into one when there
    are more than :data:`_STRAY_CHUNKS`: a batch's lookup is a ``searchsorted`` in each. Rows of no household
    are a fault of the files, few in a register's export."""

    def __init__(self) -> None:
        self._chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, codes: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> None:
        """Keep the member rows of ``codes`` (their rows in the file ``rows``), each code once with its count."""
        if not len(codes):
            return
        codes = codes.combine_chunks() if isinstance(codes, pa.ChunkedArray) else codes
        _, first, counts = np.unique(hash_codes(codes), return_index=True, return_counts=True)
        distinct = codes.take(pa.array(first))
        bare = bare_codes(distinct)
        kept = pc.not_equal(bare, "").to_numpy(zero_copy_only=False)  # '000': no bare code, never a household's
        if not kept.any():
            return
        keys = hash_codes(bare.filter(pa.array(kept)))
        order = np.argsort(keys, kind="stable")
        named = np.array(distinct.filter(pa.array(kept)).to_pylist(), dtype=object)
        rows_first, counts_kept = np.asarray(rows, dtype=np.int64)[first][kept], counts[kept].astype(np.int64)
        self._chunks.append((keys[order], named[order], rows_first[order], counts_kept[order]))
        if len(self._chunks) > _STRAY_CHUNKS:
            merged = [np.concatenate(parts) for parts in zip(*self._chunks, strict=True)]
            order = np.argsort(merged[0], kind="stable")
            self._chunks = [(merged[0][order], merged[1][order], merged[2][order], merged[3][order])]

    def take(self, accepted: pa.Array | pa.ChunkedArray) -> tuple[int, list[tuple[int, str]]]:
        """The rows kept whose code, leading zeros off, is one of the households ``accepted`` so bared (the
        codes compared as text, not on their hashes), taken out: their number, and each code with its first row."""
        if not self._chunks or not len(accepted):
            return 0, []
        bare = bare_codes(accepted)
        wanted = np.unique(hash_codes(bare))
        count, named, chunks = 0, [], []
        for keys, codes, rows, counts in self._chunks:
            left, right = np.searchsorted(keys, wanted, "left"), np.searchsorted(keys, wanted, "right")
            hit = np.zeros(keys.size + 1, dtype=np.int64)
            np.add.at(hit, left, 1)
            np.add.at(hit, right, -1)
            found = np.cumsum(hit)[:-1] > 0
            if found.any():  # the hash's codes compared as text
                where = np.flatnonzero(found)
                same = pc.is_in(bare_codes(pa.array(codes[where].tolist(), pa.string())), value_set=bare)
                where = where[same.to_numpy(zero_copy_only=False)]
                count += int(counts[where].sum())
                named += [(int(rows[i]), str(codes[i])) for i in where]
                keep = np.ones(keys.size, dtype=bool)
                keep[where] = False
                keys, codes, rows, counts = keys[keep], codes[keep], rows[keep], counts[keep]
            if keys.size:
                chunks.append((keys, codes, rows, counts))
        self._chunks = chunks
        return count, named


#: :class:`_Strays`' sorted chunks, at most, before they are merged into one.
_STRAY_CHUNKS = 8


def _seen(seen: SeenCodes, hashes: np.ndarray) -> bool:
    """Whether any of ``hashes`` is in ``seen`` (nothing added)."""
    nowhere = np.full(hashes.size, _NOT_STORED, dtype=np.int64)
    found = seen.frozen().check_and_add(hashes, nowhere, np.zeros(hashes.size, dtype=bool))
    return bool((found >= 0).any())
