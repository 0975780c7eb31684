"""The streaming pipeline (pipeline/stream.py) writes byte for byte what the whole-file path writes.

Small batches (a few kilobytes) force many batches on small files: duplicate codes across batches,
reject row numbers counted from the file's start, notes said once, a header-only file, a failure
half-way that leaves no output. The whole-file path is the one ``classify --members`` still takes.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_rules.cli import main
from poverty_rules.cli._base import arrow_memory
from poverty_rules.cli._output import write_classified
from poverty_rules.data.ids import SeenCodes, hash_codes
from poverty_rules.data.normalize import check_keys, normalize
from poverty_rules.data.read import SheetTable, read_table
from poverty_rules.data.stream import READ_NICE, Batches, ReadAhead, open_batches
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.errors import InputError
from poverty_rules.pipeline import RunOptions, run
from poverty_rules.pipeline.batch_notes import is_message
from poverty_rules.pipeline.stream import _KeysAhead, classify_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
RULESET = load_ruleset("vn-2022-2026")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fixtures_generate_stream", FIXTURES / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _whole(src: Path, out: Path, rej: Path, options: RunOptions, labels: bool = False) -> tuple[int, list[str]]:
    sheet = read_table(src)
    result = run(sheet, RULESET, options, source=str(src))
    norm = result.normalized
    lang = options.lang
    local = options.local if not isinstance(options.local, str) else None
    write_classified(
        sheet.table, norm, result.results, out, rej, source=src, bom=True, labels=labels, lang=lang, ruleset=RULESET,
        local=local,  # type: ignore[arg-type]
        typed=sheet.typed,
    )  # fmt: skip
    return len(result.normalized.rejects), result.normalized.notes


def _assert_streamed_identical(
    tmp_path: Path, src: Path, options: RunOptions, batch_bytes: int, streamed: bool = True, labels: bool = False
) -> None:
    whole_out, whole_rej = tmp_path / "whole.csv", tmp_path / "whole.rejects.csv"
    n_rejects, notes = _whole(src, whole_out, whole_rej, options, labels)
    out, rej = tmp_path / "stream.csv", tmp_path / "stream.rejects.csv"
    summary = classify_file(src, out, rej, RULESET, options, batch_bytes=batch_bytes, labels=labels)
    assert summary.batches > 1 or src.stat().st_size <= batch_bytes or not streamed
    assert out.read_bytes() == whole_out.read_bytes()
    assert rej.exists() == whole_rej.exists()
    if rej.exists():
        assert rej.read_bytes() == whole_rej.read_bytes()
    assert summary.rejected == n_rejects
    assert summary.notes == notes
    assert summary.classified + summary.rejected == read_table(src).num_rows


def _sample_head(tmp_path: Path, rows: int) -> Path:
    """The sample's header and its first ``rows`` households, byte for byte: for a test about many small batches,
    which costs some 10 ms a batch however few rows it holds (the whole sample in 1 KB batches: 223 of them)."""
    head = tmp_path / f"sample_head_{rows}.csv"
    head.write_bytes(b"".join((FIXTURES / "sample_commune.csv").read_bytes().splitlines(keepends=True)[: rows + 1]))
    return head


@pytest.mark.parametrize(("batch_bytes", "rows"), [(1024, 600), (4096, 2000), (1 << 20, 2000)])
def test_sample_streamed_in_batches_is_byte_identical(tmp_path: Path, batch_bytes: int, rows: int) -> None:
    """The whole sample in 57 batches of 4 KB and in one; its first 600 rows (the empty code in row 139, the code
    of row 314 used again in row 404) in some 70 batches of 1 KB, a few rows each."""
    _assert_streamed_identical(tmp_path, _sample_head(tmp_path, rows), RunOptions(as_of="2025-12-01"), batch_bytes)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_and_vietnamese_headers_streamed_identical(tmp_path: Path, lang: str) -> None:
    options = RunOptions(as_of="2025-12-01", explain=True, lang=lang)
    _assert_streamed_identical(tmp_path, FIXTURES / "sample_vi_headers.csv", options, 1024)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_labelled_headers_streamed_identical(tmp_path: Path, lang: str) -> None:
    """``--headers labels``: result headers, values and reject headers in the run's language. The sample's first
    600 rows in some 35 batches of 2 KB."""
    options = RunOptions(as_of="2025-12-01", lang=lang)
    _assert_streamed_identical(tmp_path, _sample_head(tmp_path, 600), options, 2048, labels=True)


def _messy_file(tmp_path: Path, n: int = 1000) -> Path:
    """``n`` generated households (about 120 bytes each: 1,000 are some 15 batches of 8 KB) with codes used
    again late in the file, empty codes, unreadable cells, quotes and a line break in a cell."""
    gen = _generator()
    text = gen._as_text(gen.generate_households(n, 7))
    rng = np.random.default_rng(11)
    ids = text["household_id"].to_numpy().copy()
    late = rng.choice(np.arange(n // 2, n), size=40, replace=False)
    ids[late[:30]] = ids[rng.choice(n // 2, size=30)]  # codes used in an earlier batch
    ids[late[30:35]] = ids[late[30]]  # used several times, all late
    ids[late[35:]] = ""  # empty codes are never duplicates of each other
    text["household_id"] = ids
    bad = rng.choice(n, size=60, replace=False)
    text.loc[bad[:15], "area"] = "ngoại ô"
    text.loc[bad[15:30], "income_per_capita"] = "abc"
    text.loc[bad[30:45], "deprived_water"] = "maybe"
    text.loc[bad[45:], "deprived_health_insurance"] = ""
    text.loc[bad[50:55], "village"] = 'Xóm "Mới"\nbên sông'  # quotes and a newline inside a cell
    text["previous_status"] = np.where(rng.random(n) < 0.3, "nghèo", "")
    path = tmp_path / "messy.csv"
    text.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("blank_flags", ["unknown", "not_deprived"])
def test_generated_file_in_many_batches_is_byte_identical(tmp_path: Path, blank_flags: str) -> None:
    src = _messy_file(tmp_path)
    _assert_streamed_identical(tmp_path, src, RunOptions(as_of="2025-12-01", blank_flags=blank_flags), 8 << 10)


@pytest.mark.parametrize("labels", [False, True])
def test_local_standard_columns_stream_too(tmp_path: Path, labels: bool) -> None:
    """The sample's first 600 rows in some 35 batches of 2 KB."""
    options = RunOptions(as_of="2025-12-01", local="example-bac-ninh-2025")
    options = options.with_(local=options.load_local())
    _assert_streamed_identical(tmp_path, _sample_head(tmp_path, 600), options, 2048, labels=labels)


def test_rows_the_local_standard_cannot_read_are_counted_once_for_the_file(tmp_path: Path) -> None:
    """Bắc Ninh reads incomes only: rows with a score A and no income keep empty local columns. The
    streamed file says how many once, with the file's count and in the whole file's place (it said each
    batch's count, one note per batch), and writes the whole file's bytes."""
    src = _messy_file(tmp_path)
    table = pd.read_csv(src, dtype=str, keep_default_na=False)
    scored = table.index[table["score_a"] != ""][::3]
    table.loc[scored, "income_per_capita"] = ""
    table["status"] = "x"  # a result column the input has: its note comes after the local one
    table.to_csv(src, index=False)
    options = RunOptions(as_of="2025-12-01", local="example-bac-ninh-2025", lang="en")
    _, whole_notes = _whole(src, tmp_path / "w.csv", tmp_path / "w.rejects.csv", options)
    summary = classify_file(src, tmp_path / "s.csv", tmp_path / "s.rejects.csv", RULESET, options, batch_bytes=8 << 10)
    assert summary.batches > 5 and (tmp_path / "s.csv").read_bytes() == (tmp_path / "w.csv").read_bytes()
    assert summary.notes == whole_notes
    unread = [n for n in summary.notes if "could not be read by the local standard" in n]
    assert len(unread) == 1 and int(unread[0].split()[0]) > len(scored) // 2  # a few scored rows are rejected


def test_local_reasons_name_the_missing_fields_alike_in_every_batch(tmp_path: Path) -> None:
    """A local standard with an indicator of its own, with reasons: a household's reason names its unknown
    fields in one order, whichever rows share its batch (they came in the order the rows met them). The sample's
    first 600 rows in some 35 batches of 2 KB."""
    options = RunOptions(as_of="2026-01-10", local="example-province-2026", explain=True)
    options = options.with_(local=options.load_local())
    _assert_streamed_identical(tmp_path, _sample_head(tmp_path, 600), options, 2048)


def test_durable_engine_streams_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's first 600 rows in some 35 batches of 2 KB, every batch decided by the durable engine (both
    engines give the same output: only the calls tell that the batches were not given to the vectorized one)."""
    from poverty_rules.engine import durable

    decided = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        decided.append(len(args[1]))
        return decide_durable(*args, **kwargs)

    decide_durable = durable.decide_durable
    monkeypatch.setattr(durable, "decide_durable", counted)
    options = RunOptions(as_of="2025-12-01", engine="durable")
    _assert_streamed_identical(tmp_path, _sample_head(tmp_path, 600), options, 2048)
    classified = read_table(tmp_path / "stream.csv").num_rows
    assert len(decided) > 30 and sum(decided) == 2 * classified  # each household once streamed, once whole


def test_header_only_file_gives_header_only_output(tmp_path: Path) -> None:
    src = tmp_path / "empty.csv"
    src.write_text((FIXTURES / "sample_commune.csv").read_text(encoding="utf-8").splitlines()[0] + "\n")
    _assert_streamed_identical(tmp_path, src, RunOptions(as_of="2025-12-01"), 1024)


def test_failure_half_way_leaves_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def third_fails(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return run(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("poverty_rules.pipeline.stream.run", third_fails)
    src = tmp_path / "in.csv"
    shutil.copy(FIXTURES / "sample_commune.csv", src)
    out = tmp_path / "out.csv"
    out.write_text("previous")
    with pytest.raises(RuntimeError, match="disk on fire"):
        classify_file(src, out, tmp_path / "r.csv", RULESET, RunOptions(as_of="2025-12-01"), batch_bytes=1024)
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_ragged_rows_blank_rows_and_semicolons(tmp_path: Path) -> None:
    """A ragged row sends the file to the whole-file reader (exact row numbers); empty rows are
    counted across batches; another separator streams like a comma. The sample's first 400 rows (about 47 KB)
    are still read in some 45 batches of 1 KB each, the whole sample's 2,000 took 230 (seconds, for nothing more)."""
    lines = (FIXTURES / "sample_commune.csv").read_text(encoding="utf-8").splitlines()[:401]
    blanky = tmp_path / "blank.csv"
    blanky.write_text("\n".join(lines[:40] + ["," * 20, "," * 20] + lines[40:120] + [" ," * 20] + lines[120:]) + "\n")
    _assert_streamed_identical(tmp_path, blanky, RunOptions(as_of="2025-12-01"), 1024)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("\n".join(lines[:100] + [lines[100] + ",extra"] + lines[101:]) + "\n")
    _assert_streamed_identical(tmp_path, ragged, RunOptions(as_of="2025-12-01"), 1024, streamed=False)
    semi = tmp_path / "semi.csv"
    semi.write_text("\n".join(line.replace(",", ";") for line in lines) + "\n")
    _assert_streamed_identical(tmp_path, semi, RunOptions(as_of="2025-12-01"), 1024)


def test_cli_streams_and_matches_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample in some 30 batches of 8 KB (the code of row 314 used again in row 404, a batch later)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "sample_commune.csv", tmp_path)
    args = ["classify", "sample_commune.csv", "-o", "out.csv", "--as-of", "2025-12-01", "-q", "--batch-bytes", "8192"]
    assert CliRunner().invoke(main, args).exit_code == 1
    golden = ROOT / "tests" / "golden"
    assert (tmp_path / "out.csv").read_bytes() == (golden / "sample_commune.golden-output.csv").read_bytes()
    rejects = (tmp_path / "out.rejects.csv").read_bytes()
    assert rejects == (golden / "sample_commune.golden-rejects.csv").read_bytes()


def test_seen_codes_find_the_first_use_and_skip_empty() -> None:
    import pyarrow as pa

    seen = SeenCodes()
    first = pa.array(["a", "b", "", "a"])
    assert seen.check_and_add(hash_codes(first), np.arange(4), np.array([0, 0, 1, 0], bool)).tolist() == [-1, -1, -1, 0]
    second = pa.array(["b", "c", "", "a", "c"])
    earlier = seen.check_and_add(hash_codes(second), np.arange(4, 9), np.array([0, 0, 1, 0, 0], bool))
    assert earlier.tolist() == [1, -1, -1, 0, 5]  # "c" twice in this batch: its first use in the batch
    assert len(seen) == 3
    long = pa.array(["x" * 100, "x" * 99 + "y", "x" * 100])
    h = hash_codes(long)
    assert h[0] == h[2] != h[1]
    assert len(set(hash_codes(pa.array(["ab", "ab\x00", "ba", "abcdefgh", "abcdefghi"])).tolist())) == 5


def test_parquet_in_and_out_streamed_by_row_groups(tmp_path: Path) -> None:
    """Parquet in (read row group by row group) and Parquet out (a row group per batch): the same schema
    and values as the whole-file path, rejects included; the CLI takes the streamed path for it."""
    src = tmp_path / "messy.parquet"
    pq.write_table(pacsv.read_csv(_messy_file(tmp_path, 1500)), src, row_group_size=200)
    options = RunOptions(as_of="2025-12-01")
    whole_out, whole_rej = tmp_path / "whole.parquet", tmp_path / "whole.rejects.parquet"
    n_rejects, notes = _whole(src, whole_out, whole_rej, options)
    out, rej = tmp_path / "stream.parquet", tmp_path / "stream.rejects.parquet"
    summary = classify_file(src, out, rej, RULESET, options, batch_bytes=128 * 300)
    assert summary.batches > 4 and summary.rejected == n_rejects > 0 and summary.notes == notes
    assert pq.ParquetFile(out).metadata.num_row_groups == summary.batches
    for streamed, whole in ((out, whole_out), (rej, whole_rej)):
        _assert_same_parquet(streamed, whole)
    args = ["classify", str(src), "-o", str(tmp_path / "cli.parquet"), "--as-of", "2025-12-01", "-q"]
    assert CliRunner().invoke(main, [*args, "--batch-bytes", str(128 * 300)]).exit_code == 1
    assert pq.ParquetFile(tmp_path / "cli.parquet").metadata.num_row_groups > 1  # streamed, not written whole
    _assert_same_parquet(tmp_path / "cli.parquet", whole_out)


def _assert_same_parquet(got: Path, expected: Path) -> None:
    """The same schema, and the same values once each batch's dictionaries are decoded."""
    a, b = pq.read_table(got), pq.read_table(expected)
    assert a.schema.equals(b.schema, check_metadata=False)
    decoded = [
        pa.table(
            {
                n: (c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c)
                for n, c in zip(t.column_names, t.columns, strict=True)
            }
        )
        for t in (a, b)
    ]
    assert decoded[0].equals(decoded[1])


def test_read_ahead_stops_at_its_byte_bound_and_when_closed() -> None:
    """The reading thread keeps at most ``ahead_bytes`` (here: one batch) waiting, gives every batch
    in order when taken, and stops when closed before the end."""
    src = FIXTURES / "sample_commune.csv"
    ahead = ReadAhead(partial(open_batches, src, 1024), ahead_bytes=1)
    deadline = time.monotonic() + 10
    while ahead.waiting()[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # time to read more, if it did not wait
    assert ahead.waiting()[0] == 1
    rows = [part.rows for part in ahead]
    assert len(rows) > 3 and np.array_equal(np.concatenate(rows), read_table(src).rows)
    closed = ReadAhead(partial(open_batches, src, 1024), ahead_bytes=1)
    closed.close()
    assert not closed._thread.is_alive() and closed.waiting() == (0, 0)


def test_read_ahead_raises_opening_errors_where_the_batches_are_taken(tmp_path: Path) -> None:
    """A missing file is said as a direct read says it, exit code too; and first, before the outputs'
    folder or the ruleset is checked (it is the first thing to fix: a missing folder was said to be the
    output's)."""
    ahead = ReadAhead(partial(open_batches, tmp_path / "missing.csv", lang="en"))
    with pytest.raises(InputError, match="missing.csv"):
        ahead.opened()
    runner = CliRunner()
    args = ["classify", str(tmp_path / "missing.csv"), "--lang", "en", "-q"]
    missing = runner.invoke(main, [*args, "--as-of", "2025-12-01"])
    assert missing.exit_code == 2 and "missing.csv" in missing.output
    bad_ruleset = runner.invoke(main, [*args, "--ruleset", "no-such-ruleset"])
    assert bad_ruleset.exit_code == 2 and "missing.csv: file not found" in bad_ruleset.output
    assert "no-such-ruleset" not in bad_ruleset.output


def test_keys_checked_ahead_match_the_batch_check_of_normalize() -> None:
    """``check_keys`` finds, batch after batch, what ``normalize`` with the same ``SeenCodes`` finds:
    the first use of a code in its commune (the same code in another commune is another household)."""
    table = pa.table(
        {
            "household_id": ["A", "B", "A", "", "C", "A", "B"],
            "commune": ["X", "X", "Y", "X", "X", "X", "Y"],
            "area": ["rural"] * 7,
            "income_per_capita": ["1000000"] * 7,
        }
    )
    ahead, inline = SeenCodes(), SeenCodes()
    found = []
    for start, length in ((0, 3), (3, 4)):
        part = table.slice(start, length)
        first_rows = check_keys(part, ahead, first_row=start)
        assert first_rows is not None
        found.extend(first_rows.tolist())
        batch = normalize(part, RULESET, first_row=start, seen=inline)
        checked = normalize(part, RULESET, first_row=start, first_rows=lambda rows=first_rows: rows)
        assert batch.rejects.to_dict("list") == checked.rejects.to_dict("list")
    assert found == [-1, -1, -1, -1, -1, 2, -1]  # row 7 (A in X) repeats row 2; B in Y is new
    assert check_keys(pa.table({"Ho": ["A"]}), SeenCodes()) is None


def test_keys_ahead_give_up_on_a_batch_they_cannot_check_and_pass_reading_errors_on() -> None:
    """A batch whose keys cannot be checked (and every later one) goes to the classifier unchecked,
    the check left to ``normalize`` with the same ``SeenCodes``; an error while reading is raised after
    the batches read before it."""
    good = SheetTable(pa.table({"household_id": ["A", "A"]}), np.array([2, 3]), "f.csv")
    bad = SheetTable(pa.table({"Ho": ["B"]}), np.array([4]), "f.csv")

    def parts() -> Iterator[SheetTable]:
        yield good
        yield bad
        yield good
        raise InputError("f.csv: row 9: cannot be read")

    keys = _KeysAhead(parts(), SeenCodes(), "f.csv", "en")
    got: list[tuple[SheetTable, np.ndarray | None]] = []
    with pytest.raises(InputError, match="row 9"):
        for part, check in keys:
            got.append((part, check()))
    keys.close()
    assert [part for part, _ in got] == [good, bad, good]
    assert [None if f is None else f.tolist() for _, f in got] == [[-1, 2], None, None]
    assert len(keys.seen) == 1


@pytest.mark.parametrize("blank_rows", [120, 200])
def test_every_flag_blank_is_said_of_the_file_only_when_every_batch_has_it(tmp_path: Path, blank_rows: int) -> None:
    """A file whose first rows leave every flag blank: its first batches say "every flag blank", the
    file does not (unless every row does), and the stream says what the whole file says."""
    flags = [ind.column for ind in RULESET.indicators]
    rows = [
        ",".join([f"H{i}", "rural", "1500000", *(["" if i < blank_rows else str(i % 2)] * len(flags))])
        for i in range(200)
    ]
    src = tmp_path / "blank.csv"
    src.write_text("\n".join([",".join(["household_id", "area", "income_per_capita", *flags]), *rows]) + "\n")
    options = RunOptions(as_of="2025-12-01", lang="en")
    _assert_streamed_identical(tmp_path, src, options, 1024)
    _, notes = _whole(src, tmp_path / "w.csv", tmp_path / "w.rejects.csv", options)
    assert any(is_message(note, "n_all_blank", "en") for note in notes) == (blank_rows == 200)


def test_the_command_line_gives_arrow_buffers_to_jemalloc_unless_the_user_chose() -> None:
    """cli/_base.py ``arrow_memory``: jemalloc for Arrow's buffers (a streamed run reuses its freed
    pages instead of having fresh ones zeroed), except when ``ARROW_DEFAULT_MEMORY_POOL`` names one."""
    before = pa.default_memory_pool()
    try:
        pa.set_memory_pool(pa.system_memory_pool())
        assert arrow_memory({"ARROW_DEFAULT_MEMORY_POOL": "system"}) == "system"
        try:
            pa.jemalloc_memory_pool()
        except NotImplementedError:
            pytest.skip("this pyarrow was built without jemalloc")
        assert arrow_memory({}) == "jemalloc"
        assert pa.default_memory_pool().backend_name == "jemalloc"
    finally:
        pa.set_memory_pool(before)


# --- the notes from the file's numbers: its incomes typed in thousands, its score disagreeing with incomes

INCOME_CELLS = ["", "abc", "0", "1500", "1.500", "1500,5", "19999", "19999.5", "20000", "20000,5", "25000", "1500000"]


def _figures_file(tmp_path: Path, incomes: list[str], scores: list[str], blank: bool) -> Path:
    """A household file with these income and score A cells (and every flag blank, or not)."""
    flags = [ind.column for ind in RULESET.indicators]
    rows = [
        ",".join([f"H{i}", "rural", f'"{income}"', f'"{score}"', *(["" if blank else str(i % 2)] * len(flags))])
        for i, (income, score) in enumerate(zip(incomes, scores, strict=True))
    ]
    src = tmp_path / "figures.csv"
    header = ",".join(["household_id", "area", "income_per_capita", "score_a", *flags])
    src.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return src


@st.composite
def _figure_cells(draw: st.DrawFn) -> tuple[list[str], list[str], bool]:
    """Income cells (typed in thousands or not, ties, 20,000, blanks, unreadable) and score A cells
    (free, or against the incomes: high scores with low incomes), a few rows or many."""
    n = draw(st.integers(0, 70))
    top = draw(st.sampled_from([30_000, 3_000_000]))
    cell = st.one_of(st.sampled_from(INCOME_CELLS), st.integers(0, top).map(str))
    incomes = draw(st.lists(cell, min_size=n, max_size=n))
    free = st.sampled_from(["", "", "0", "50", "50,5", "100", "274"])
    if draw(st.booleans()):
        against = [str(max(0, 4_000_000 - int(c)) // 1000) if c.isdigit() else "" for c in incomes]
        mixed = draw(st.lists(st.sampled_from([False, False, False, True]), min_size=n, max_size=n))
        scores = [draw(free) if m else s for s, m in zip(against, mixed, strict=True)]
    else:
        scores = draw(st.lists(free, min_size=n, max_size=n))
    return incomes, scores, draw(st.integers(0, 4)) == 0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=_figure_cells(), lang=st.sampled_from(["en", "vi"]), batch_bytes=st.sampled_from([1024, 2048]))
def test_a_files_figures_are_said_once_as_the_whole_file_says_them(
    tmp_path_factory: pytest.TempPathFactory, cells: tuple[list[str], list[str], bool], lang: str, batch_bytes: int
) -> None:
    """Cut into batches of a few dozen rows, a file says its incomes typed in thousands (share, median),
    its flags all blank and its disagreeing score (rho) once, with the whole file's numbers, where the
    whole file says them — however few incomes or pairs each batch has."""
    tmp_path = tmp_path_factory.mktemp("figures")
    src = _figures_file(tmp_path, *cells)
    _assert_streamed_identical(tmp_path, src, RunOptions(as_of="2025-12-01", lang=lang), batch_bytes)


def test_the_files_figures_are_said_among_the_other_notes_where_the_whole_file_says_them(tmp_path: Path) -> None:
    """After the notes about the file's columns (an indicator missing, a column that is no indicator),
    before the note about a column the results replace."""
    incomes = [str(1000 + 37 * i) for i in range(80)]
    scores = [str(500 - i) for i in range(80)]
    src = _figures_file(tmp_path, incomes, scores, False)
    text = pd.read_csv(src, dtype=str, keep_default_na=False)
    text = text.drop(columns=[RULESET.indicators[0].column]).assign(deprived_foo="1", status="x")
    text.to_csv(src, index=False)
    options = RunOptions(as_of="2025-12-01", lang="vi")
    _assert_streamed_identical(tmp_path, src, options, 1024)
    _, notes = _whole(src, tmp_path / "w.csv", tmp_path / "w.rejects.csv", options)
    keys = ["n_no_column", "n_not_indicators", "n_thousands", "n_disagree", "replaced_columns"]
    assert [next(k for k in keys if is_message(n, k, "vi")) for n in notes] == keys


def test_incomes_in_thousands_and_a_disagreeing_score_are_the_files_figures(tmp_path: Path) -> None:
    """Three out of five incomes typed in thousands in the file, none in the first batches; the score
    against the incomes on 60 rows, a dozen in each batch: said once, with the file's figures."""
    incomes = [str(1_000_000 + 10_000 * i) for i in range(40)] + [str(1000 + 100 * i) for i in range(60)]
    scores = [str(900 - i) if i % 2 else "" for i in range(40)] + [str(1000 - i) for i in range(60)]
    src = _figures_file(tmp_path, incomes, scores, False)
    options = RunOptions(as_of="2025-12-01", lang="en")
    _assert_streamed_identical(tmp_path, src, options, 1024)
    _, notes = _whole(src, tmp_path / "w.csv", tmp_path / "w.rejects.csv", options)
    summary = classify_file(src, tmp_path / "s.csv", tmp_path / "s.rejects.csv", RULESET, options, batch_bytes=1024)
    assert summary.batches >= 5 and summary.notes == notes
    assert [is_message(n, "n_thousands", "en") for n in notes] == [True, False]
    assert "60% of households have an income under 20,000 (median 5,950)" in notes[0]
    assert is_message(notes[1], "n_disagree", "en") and "rank correlation -1.00" in notes[1]


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice is Linux's")
def test_the_reading_thread_yields_to_the_classifying_one() -> None:
    """data/stream.py ``ReadAhead``: the reading thread runs READ_NICE steps below the thread that
    started it (the classifying thread is the run's critical path); the batches are all read."""
    niceness: list[int] = []

    def opening() -> Batches:
        niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return open_batches(FIXTURES / "sample_commune.csv", 2048)

    parts = list(ReadAhead(opening))
    assert niceness == [min(os.getpriority(os.PRIO_PROCESS, 0) + READ_NICE, 19)]
    assert sum(p.num_rows for p in parts) == read_table(FIXTURES / "sample_commune.csv").table.num_rows


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs a POSIX interval timer")
def test_a_stage_interrupted_while_joined_is_still_waited_for() -> None:
    """Ctrl-C while the classifying thread waits for the writer: the cleanup waits for the writer again
    before it aborts the outputs. With Thread.join the second wait returned at once (CPython < 3.13
    marks an interrupted join's thread as ended), and the writer, still writing, left a rejects file's
    temporary file beside the outputs."""
    from poverty_rules.pipeline.stream import _Stage

    release = threading.Event()
    finished = threading.Event()

    def work() -> None:
        release.wait(5)
        time.sleep(0.2)
        finished.set()

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    stage = _Stage(work)
    stage.start()
    before = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        with pytest.raises(KeyboardInterrupt):
            stage.join()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    release.set()
    stage.join()
    assert finished.is_set()


@pytest.mark.parametrize("command", ["classify", "review"])
@pytest.mark.parametrize(("lang", "said"), [("vi", "tệp vượt quá kích thước"), ("en", "larger than the system allows")])
def test_a_file_the_system_stops_writing_is_named_in_the_users_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, lang: str, said: str
) -> None:
    """The system refusing a part of a streamed output (a file size limit, ``ulimit -f``; a full disk)
    was 'unexpected failure (OSError: [Errno 27] …)': it now names the file, says why in the language,
    exit 2, and the earlier output stays as it was, with no temporary file beside it."""
    import errno

    from poverty_rules.data import append

    def too_large(self: object, table: object, **kwargs: object) -> None:
        raise OSError(errno.EFBIG, "Error writing bytes to file. Detail: [errno 27] File too large")

    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    dated = (
        ["--as-of", "2025-06-01"] if command == "classify" else ["--date", "2025-11-15", "--db", str(tmp_path / "h.db")]
    )
    if command == "review":  # a history to continue: the review is streamed
        earlier = ["review", str(sample), "-o", str(tmp_path / "r.csv"), "--date", "2024-11-15", "-q"]
        assert CliRunner().invoke(main, [*earlier, "--db", str(tmp_path / "h.db")]).exit_code == 1
    monkeypatch.setattr(append.AtomicCsv, "write", too_large)
    out = tmp_path / "out.csv"
    out.write_text("earlier\n", encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(sample), "-o", str(out), *dated, "--lang", lang, "-q"])
    assert result.exit_code == 2, result.output
    assert f"{out}: " in result.stderr and said in result.stderr and "OSError" not in result.stderr
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_streamed_classify_stopped_between_its_two_files_leaves_both_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or SIGTERM) while a streamed classify put its rejects file on disk, after its output was
    already renamed into place, exited 2 ('stopped … run the command again') with the new output beside the
    earlier run's rejects. The two are now put in place together: the earlier pair stays."""
    from poverty_rules.data import append

    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
    out, rejects = tmp_path / "out.csv", tmp_path / "rej.csv"
    out.write_text("earlier output\n", encoding="utf-8")
    rejects.write_text("earlier rejects\n", encoding="utf-8")
    finish = append.AtomicFile._finish
    calls: list[object] = []

    def stop_at_the_second(self: append.AtomicFile) -> None:
        calls.append(self.path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        finish(self)

    monkeypatch.setattr(append.AtomicFile, "_finish", stop_at_the_second)
    args = ["classify", str(sample), "-o", str(out), "--rejects", str(rejects), "--as-of", "2025-06-01", "-q"]
    result = CliRunner().invoke(main, args)
    assert calls == [out, rejects]
    assert result.exit_code == 2 and "đã dừng theo yêu cầu" in result.output, result.output
    assert out.read_text(encoding="utf-8") == "earlier output\n"
    assert rejects.read_text(encoding="utf-8") == "earlier rejects\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "rej.csv"]


def test_an_earlier_standards_designation_column_is_replaced_not_kept(tmp_path: Path) -> None:
    """A file classified under vn-2022-2026 and classified again on a 2027 date kept its 'Hộ có người lao
    động thu nhập thấp' column (in a CSV its id low_income_worker) beside the 2027 results, which have no
    such designation, and did not name it among the replaced columns: it read as this run's. Such a column
    is now an earlier run's result: dropped like a replaced column and named in the same note, alike in a
    workbook, a whole CSV, a streamed CSV and the library."""
    pytest.importorskip("openpyxl")
    import poverty_rules as pr

    src = tmp_path / "ho.csv"
    src.write_text("".join((FIXTURES / "sample_commune.csv").read_text(encoding="utf-8").splitlines(True)[:6]))
    earlier = {}
    for suffix in (".xlsx", ".csv"):
        earlier[suffix] = tmp_path / f"ho_2025{suffix}"
        ran = CliRunner().invoke(main, ["classify", str(src), "--as-of", "2025-12-10", "-o", str(earlier[suffix])])
        assert ran.exit_code == 0, ran.output
    cases = [
        (earlier[".xlsx"], "Hộ có người lao động thu nhập thấp", ()),
        (earlier[".csv"], "low_income_worker", ()),
        (earlier[".csv"], "low_income_worker", ("--batch-bytes", "1024")),
    ]
    for i, (path, column, extra) in enumerate(cases):
        out = tmp_path / f"ho_2027_{i}{path.suffix}"
        args = ["classify", str(path), "--as-of", "2027-12-10", "-o", str(out), "--lang", "en", *extra]
        ran = CliRunner().invoke(main, args)
        assert ran.exit_code in (0, 1), ran.output
        read = (
            pd.read_excel(out, dtype=str, engine="openpyxl") if out.suffix == ".xlsx" else pd.read_csv(out, dtype=str)
        )
        assert column not in read.columns, (extra, list(read.columns))
        said = " ".join(line for line in ran.output.splitlines() if "replaced" in line)
        assert column in said, ran.output
    frame = pd.read_csv(earlier[".csv"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    with pytest.warns(pr.Note, match="low_income_worker"):
        got = pr.classify(frame, as_of="2027-12-10", lang="en")
    assert "low_income_worker" not in got.columns


def test_results_under_another_name_of_the_same_column_are_replaced_not_kept(tmp_path: Path) -> None:
    """A Vietnamese workbook classified again with --lang en kept its 'Phân loại', 'Các chỉ số thiếu hụt' …
    beside the new 'Status', 'Deprived indicators' … (and a CSV of ids written again as a workbook kept
    'status' beside 'Phân loại'), unnamed among the replaced columns: two status columns, and report read
    whichever it met first. A result column under another of its names (id, vi or en label) is now
    replaced like one under the same name, and named in the note."""
    pytest.importorskip("openpyxl")
    src = tmp_path / "ho.csv"
    src.write_text("".join((FIXTURES / "sample_commune.csv").read_text(encoding="utf-8").splitlines(True)[:6]))
    vi, ids = tmp_path / "ho_vi.xlsx", tmp_path / "ho_ids.csv"
    for out in (vi, ids):
        assert CliRunner().invoke(main, ["classify", str(src), "--as-of", "2025-12-10", "-o", str(out)]).exit_code == 0
    for path, lang, gone in ((vi, "en", "Phân loại"), (ids, "vi", "status")):
        out = tmp_path / f"again_{path.stem}.xlsx"
        ran = CliRunner().invoke(main, ["classify", str(path), "--as-of", "2025-12-10", "-o", str(out), "--lang", lang])
        assert ran.exit_code == 0, ran.output
        columns = list(pd.read_excel(out, dtype=str, engine="openpyxl").columns)
        assert gone not in columns and "household_id" in columns, columns
        assert "Hộ có người lao động thu nhập thấp" not in columns or lang == "vi", columns
        assert gone in " ".join(line for line in ran.output.splitlines() if "replaced" in line or "thay" in line)


@pytest.mark.parametrize("output", ["out.csv", "out.xlsx"])
def test_a_short_row_with_a_letter_cut_in_two_prints_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """A text file whose row has fewer cells than the header and a byte UTF-8 cannot read (its last line
    cut in the middle of a letter, 'Thôn Đoài\\xe1') printed "Exception ignored in: <function
    arrow_csv_options.<locals>._handler …>" and a UnicodeDecodeError traceback above the error, streamed
    or read whole: pyarrow could not hand the row to the invalid-row handler. The error alone is said now."""
    from poverty_rules.data import read as read_module

    if output.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    monkeypatch.setattr(read_module, "SNIFF_BYTES", 2000)  # the first "MB", where the encoding is found
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    lines = (FIXTURES / "sample_commune.csv").read_bytes().split(b"\n")[:300]
    lines[250] = lines[250][:40] + b"\xe1"
    src = tmp_path / "ho.csv"
    src.write_bytes(b"\n".join(lines) + b"\n")
    ran = CliRunner().invoke(main, ["classify", str(src), "-o", str(tmp_path / output), "--lang", "en"])
    assert ran.exit_code == 2, ran.output
    assert "row 251, column" in ran.output and "cannot be read as utf-8" in ran.output
    assert unraisable == [] and "Traceback" not in ran.output


def test_a_field_derived_mark_unknown_in_one_batch_only_is_not_said_unknown_for_every_household(
    tmp_path: Path,
) -> None:
    """Streamed, a household file whose safe_water cells were blank in the first batches and given in the
    later ones said 'no column deprived_water …: treated as unknown for every household', though half the
    households had the mark derived; read whole, nothing. The note is now the file's only when every batch
    says it."""
    from poverty_rules.data.read import read_csv_table
    from poverty_rules.pipeline import RunOptions, run
    from poverty_rules.pipeline.stream import classify_file

    rs, options, n = load_ruleset("vn-2022-2026"), RunOptions(as_of="2025-12-01", lang="en"), 400
    hh = tmp_path / "hh.csv"
    rows = "".join(f"H{i:04d},rural,1000000,{'' if i < n // 2 else '1'}\n" for i in range(n))
    hh.write_text("household_id,area,income_per_capita,safe_water\n" + rows)
    summary = classify_file(hh, tmp_path / "o.csv", tmp_path / "r.csv", rs, options, batch_bytes=2048)
    assert summary.batches > 2
    whole = run(read_csv_table(hh), rs, options).normalized.notes
    assert summary.notes == [note.replace("<data>", str(hh)) for note in whole]
    assert not any("deprived_water" in note for note in summary.notes)


def test_an_earlier_runs_reason_and_local_columns_are_dropped_when_this_run_writes_none(tmp_path: Path) -> None:
    """A file classified with --explain and --local and classified again without them kept the earlier
    run's reason ('Hộ có mức sống trung bình … NĐ 07/2021') and local_status … beside this run's status
    under another standard, unnamed in the replaced columns' note: they read as this run's. In an earlier
    run's output (it has that run's ruleset column) they are dropped and named, in a workbook, a whole and
    a streamed CSV and the library; an officer's own 'Lý do' column in a file no run wrote is kept."""
    pytest.importorskip("openpyxl")
    import poverty_rules as pr

    src = tmp_path / "ho.csv"
    src.write_text("".join((FIXTURES / "sample_commune.csv").read_text(encoding="utf-8").splitlines(True)[:6]))
    earlier = {}
    for suffix in (".xlsx", ".csv"):
        earlier[suffix] = tmp_path / f"ho_2025{suffix}"
        args = ["classify", str(src), "--as-of", "2025-12-10", "--explain", "--local", "example-bac-ninh-2025"]
        ran = CliRunner().invoke(main, [*args, "-o", str(earlier[suffix])])
        assert ran.exit_code == 0, ran.output
    cases = [
        (earlier[".xlsx"], ("Lý do", "Phân loại (chuẩn địa phương)"), ()),
        (earlier[".csv"], ("reason", "local_status", "local_reason"), ()),
        (earlier[".csv"], ("reason", "local_status", "local_reason"), ("--batch-bytes", "1024")),
    ]
    for i, (path, columns, extra) in enumerate(cases):
        out = tmp_path / f"ho_2027_{i}{path.suffix}"
        args = ["classify", str(path), "--as-of", "2027-12-10", "-o", str(out), "--lang", "en", *extra]
        ran = CliRunner().invoke(main, args)
        assert ran.exit_code in (0, 1), ran.output
        read = (
            pd.read_excel(out, dtype=str, engine="openpyxl") if out.suffix == ".xlsx" else pd.read_csv(out, dtype=str)
        )
        said = " ".join(line for line in ran.output.splitlines() if "replaced" in line)
        for column in columns:
            assert column not in read.columns, (extra, list(read.columns))
            assert column in said, ran.output
    frame = pd.read_csv(earlier[".csv"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    with pytest.warns(pr.Note, match="reason"):
        got = pr.classify(frame, as_of="2027-12-10", lang="en")
    assert "reason" not in got.columns and "local_status" not in got.columns
    own = pd.read_csv(src, dtype=str, keep_default_na=False).assign(**{"Lý do": "đi làm xa"})
    kept = pr.classify(own, as_of="2025-12-10", lang="en")
    assert list(kept["Lý do"]) == ["đi làm xa"] * len(own)


def _typed_households(n: int) -> pa.Table:
    """Households as an analyst's pandas or Arrow code writes them: numbers, flags, dates and categories
    typed, some missing (null, and NaN in a float), one area word no standard reads (rejected)."""
    rng = np.random.default_rng(5)
    income = rng.integers(500_000, 4_000_000, n).astype(float)
    income[::7] = np.nan
    area = np.where(np.arange(n) % 2 == 0, "rural", "urban").astype(object)
    area[13] = "ngoại ô"
    from decimal import Decimal

    columns = {
        "household_id": pa.array([f"H{i:05d}" for i in range(n)]),
        "village": pa.array([f"Thôn {i % 4}" for i in range(n)]).dictionary_encode(),
        "area": pa.array(area.tolist(), pa.string()),
        "income_per_capita": pa.array(income, pa.float64(), from_pandas=False),
        "score_a": pa.array([None if i % 3 else float(100 + i % 90) + 0.125 for i in range(n)], pa.float64()),
        "members": pa.array(rng.integers(1, 8, n), pa.int64()),
        "weight": pa.array([Decimal("1.25")] * n, pa.decimal128(6, 2)),
        "surveyed_on": pa.array([None if i % 5 == 0 else 20_000 + i for i in range(n)], pa.date32()),
        "visited_at": pa.array(np.full(n, np.datetime64("2025-10-01T08:30", "us"))),
        "deprived_water": pa.array([None if i % 4 == 0 else bool(i % 3) for i in range(n)], pa.bool_()),
        "deprived_health_insurance": pa.array(rng.integers(0, 2, n), pa.int8()),
        "note": pa.nulls(n),  # pandas' column of None alone: Arrow's null type, written as text (null)
    }
    return pa.table(columns)


def test_a_parquet_input_keeps_its_column_types_in_a_parquet_output(tmp_path: Path) -> None:
    """classify x.parquet -o out.parquet wrote every input column as text: an int64, float64, bool, date or
    decimal column of the analyst's file came back as strings (1.25 as '1.25', NaN as '', 100.125 as
    '100.1250'). Each input column is now written with its file's type and values, in the output and in
    the rejects, streamed (a row group per batch) and whole alike; a CSV output is the text it was."""
    src = tmp_path / "typed.parquet"
    stored = _typed_households(600)
    pq.write_table(stored, src, row_group_size=100)
    options = RunOptions(as_of="2025-12-01")
    whole_out, whole_rej = tmp_path / "whole.parquet", tmp_path / "whole.rejects.parquet"
    n_rejects, _ = _whole(src, whole_out, whole_rej, options)
    out, rej = tmp_path / "o.parquet", tmp_path / "o.rejects.parquet"
    summary = classify_file(src, out, rej, RULESET, options, batch_bytes=128 * 100)
    assert summary.batches > 3 and summary.rejected == n_rejects > 1  # ngoại ô, and no income nor score
    for got, whole in ((out, whole_out), (rej, whole_rej)):  # the same schema and values (NaN where NaN)
        a, b = pq.read_table(got), pq.read_table(whole)
        assert a.schema.equals(b.schema, check_metadata=False)
        pd.testing.assert_frame_equal(a.to_pandas(), b.to_pandas(), check_categorical=False)
    written, rejected = pq.read_table(out), pq.read_table(rej)
    stored_types = {f.name: f.type for f in stored.schema}
    for table in (written, rejected):
        for name, kind in stored_types.items():
            want = {"village": pa.dictionary(pa.int32(), pa.string()), "note": pa.string()}.get(name, kind)
            assert table.schema.field(name).type == want, name
    dropped = np.array([int(r) - 2 for r in rejected.column("row").to_pylist()])
    assert 13 in dropped
    kept = np.setdiff1d(np.arange(stored.num_rows), dropped)
    for name in stored.column_names:
        expected = stored.column(name).take(pa.array(kept))
        got = written.column(name)
        if pa.types.is_dictionary(got.type) or name == "note":
            got, expected = got.cast(pa.string()), expected.cast(pa.string())
        assert got.to_pylist() == expected.to_pylist() or name == "income_per_capita", name
    income = written.column("income_per_capita").to_numpy()
    np.testing.assert_array_equal(income, stored.column("income_per_capita").to_numpy()[kept])  # NaN kept
    assert rejected.column("members").equals(stored.column("members").take(pa.array(dropped)))
    assert written.column("deprivation_count").type == pa.int64()
    csv_out = tmp_path / "o.csv"
    classify_file(src, csv_out, tmp_path / "o.rejects.csv", RULESET, options, batch_bytes=128 * 100)
    text = pacsv.read_csv(csv_out, convert_options=pacsv.ConvertOptions(strings_can_be_null=False, column_types={
        n: pa.string() for n in stored.column_names}))  # fmt: skip
    assert text.column("weight")[0].as_py() == "1.25" and text.column("score_a")[0].as_py() == "100.1250"
    assert text.column("surveyed_on")[0].as_py() == "" and text.column("deprived_water")[1].as_py() == "1"


def test_parquet_rejects_number_their_rows_as_numbers(tmp_path: Path) -> None:
    """A Parquet rejects file held its row numbers as text ('139', '1404'): sorted as text, '1404' came before
    '139', and joining them to the file's rows needed a cast. A Parquet rejects file (streamed, whole, and a
    --dask dataset alike, tests/test_dask.py) now has ``row`` as int64; a CSV's is the text it was."""
    src = tmp_path / "messy.parquet"
    pq.write_table(pacsv.read_csv(_messy_file(tmp_path, 1200)), src, row_group_size=200)
    options = RunOptions(as_of="2025-12-01")
    _whole(src, tmp_path / "w.parquet", tmp_path / "w.rejects.parquet", options)
    classify_file(src, tmp_path / "s.parquet", tmp_path / "s.rejects.parquet", RULESET, options, batch_bytes=128 * 200)
    classify_file(src, tmp_path / "s.csv", tmp_path / "s.rejects.csv", RULESET, options, batch_bytes=128 * 200)
    as_text = pacsv.ConvertOptions(column_types={"row": pa.string()})
    text = pacsv.read_csv(tmp_path / "s.rejects.csv", convert_options=as_text)
    for name in ("w.rejects.parquet", "s.rejects.parquet"):
        rejects = pq.read_table(tmp_path / name)
        assert rejects.schema.field("row").type == pa.int64(), name
        assert rejects.column("row").to_pylist() == [int(r) for r in text.column("row").to_pylist()]
    assert (tmp_path / "s.rejects.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith('"')


def test_read_ahead_counts_a_parquet_batchs_typed_columns(tmp_path: Path) -> None:
    """A Parquet batch holds its typed columns beside its text (for a Parquet output); the read-ahead bound
    (docs/scale.md: at most 64 MB of parsed batches waiting) counted the text alone, so a Parquet run could
    keep up to twice that waiting. Both are counted now."""
    src = tmp_path / "typed.parquet"
    pq.write_table(_typed_households(600), src, row_group_size=100)
    ahead = ReadAhead(partial(open_batches, src, 128 * 100), ahead_bytes=1)
    deadline = time.monotonic() + 10
    while ahead.waiting()[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    waiting = ahead.waiting()
    parts = list(ahead)
    assert waiting[0] == 1 and parts[0].typed is not None
    assert waiting[1] == parts[0].table.nbytes + parts[0].typed.nbytes


def test_a_streamed_file_whose_quote_is_closed_lines_later_is_refused(tmp_path: Path) -> None:
    """A note cell opened with a quote at row 152 and closed only at row 162 (``"nhà tạm`` … ``y"``): the
    streamed reader read rows 153–161 into that one cell, and their households were neither classified nor
    rejected. The batch stops naming the row, the column and the first line read into it, as a whole read."""
    header = "household_id,area,income_per_capita,deprived_employment,deprived_health_insurance,note"
    rows = [f"H{i},rural,{1000000 + i},1,0,x" for i in range(200)]
    rows[150], rows[160] = 'H150,urban,2500000,0,0,"nhà tạm', 'H160,rural,1,1,1,y"'
    path = tmp_path / "ho.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    batches = open_batches(path, 2048)
    assert batches.streamed
    with pytest.raises(InputError, match=r"row 152, column note: a quote .* 'H151,rural,1000151,1,0,x'"):
        for _ in batches.batches:
            pass


def _parts_taken(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the parts data/stream.py parses on its two threads (-1: a part holding a quote; a spy
    on ``_next_part``)."""
    from poverty_rules.data import stream as stream_module

    taken: list[int] = []
    real = stream_module._next_part

    def spy(*args: object) -> object:
        part = real(*args)  # type: ignore[arg-type]
        taken.append(-1 if part is None else part.size)
        return part

    monkeypatch.setattr(stream_module, "_next_part", spy)
    return taken


@pytest.mark.parametrize("batch_bytes", [1024, 3000])
def test_a_file_parsed_in_parts_on_two_threads_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_bytes: int
) -> None:
    """A plain UTF-8 file without quotes is cut at line ends into parts parsed on two threads: the output,
    the rejects and the row numbers they name are the whole read's (a bad cell and a repeated code placed
    in later parts). The sample's first 600 rows: some 70 parts of 1 KB, or 24 of 3 KB."""
    lines = (FIXTURES / "sample_commune.csv").read_text(encoding="utf-8-sig").splitlines()[:601]
    lines[150] = lines[150].replace(",rural,", ",nowhere,").replace(",urban,", ",nowhere,")
    lines.append(lines[300])  # a code used again, at the end
    src = tmp_path / "plain.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    taken = _parts_taken(monkeypatch)
    _assert_streamed_identical(tmp_path, src, RunOptions(as_of="2025-12-01"), batch_bytes)
    assert len([t for t in taken if t > 0]) > 4 and -1 not in taken


@pytest.mark.parametrize("quoted_at", [2, 200])
def test_a_file_with_a_quote_is_read_as_one_stream_from_the_part_holding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quoted_at: int
) -> None:
    """A line end inside quotes is no row's end: parts are cut only before the first quote; from the part
    holding one, the file is read as one stream (a head's name with a comma, a note over two lines). The sample's
    first 600 rows: some 70 parts of 1 KB, the quote in the first or the middle one."""
    lines = (FIXTURES / "sample_commune.csv").read_text(encoding="utf-8-sig").splitlines()[:601]
    header = lines[0].split(",")
    cells = lines[quoted_at].split(",")
    cells[header.index("head_name")] = '"Nguyễn Văn A,\nghi chú hai dòng"'
    lines[quoted_at] = ",".join(cells)
    src = tmp_path / "quoted.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    taken = _parts_taken(monkeypatch)
    _assert_streamed_identical(tmp_path, src, RunOptions(as_of="2025-12-01"), 1024)
    assert taken[-1] == -1 and -1 not in taken[:-1]
    assert (quoted_at == 2) == (len(taken) == 1)
    assert "ghi chú hai dòng" in (tmp_path / "stream.csv").read_text(encoding="utf-8-sig")


def test_a_byte_utf8_cannot_read_in_a_later_part_stops_as_a_whole_read_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts parsed on two threads skip pyarrow's cell-by-cell UTF-8 check when the whole part is valid
    UTF-8 (data/stream.py ``_utf8``): a part holding a byte UTF-8 cannot read (a letter cut in two, 'Đoài\\xe1'
    in row 251, far past where the encoding was found) is still parsed with the check, so the file stops
    naming the row as before, and the parts before it were parsed without it."""
    from poverty_rules.data import read as read_module
    from poverty_rules.data import stream as stream_module

    monkeypatch.setattr(read_module, "SNIFF_BYTES", 2000)
    checked: list[bool] = []
    real = stream_module._utf8
    monkeypatch.setattr(stream_module, "_utf8", lambda part: checked.append(real(part)) or checked[-1])
    lines = (FIXTURES / "sample_commune.csv").read_bytes().split(b"\n")[:400]
    header = lines[0].split(b",")
    cells = lines[250].split(b",")
    cells[header.index(b"head_name")] += b"\xe1"
    lines[250] = b",".join(cells)
    src = tmp_path / "ho.csv"
    src.write_bytes(b"\n".join(lines) + b"\n")
    options = RunOptions(as_of="2025-12-01", lang="en")
    with pytest.raises(InputError, match=r"row 251, column head_name.*cannot be read as utf-8"):
        classify_file(src, tmp_path / "o.csv", tmp_path / "o.rejects.csv", RULESET, options, batch_bytes=2048)
    assert checked[0] is True and False in checked
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("output", ["out.csv", "out.parquet", "out.xlsx"])
def test_a_file_of_its_header_alone_is_refused_and_nothing_written(tmp_path: Path, output: str) -> None:
    """classify of a file with its header and no household row (a sheet exported empty, the wrong file)
    exited 0 with '0 hộ: 0 đã phân loại' (nothing at all with -q) and a header-only output, while review and
    history import refuse such a file. It is now refused as they refuse it: exit 2 (the input unusable,
    design.md), said in --lang, no file written and an earlier output left as it was, streamed or whole,
    with a members file too; the library's streaming (rows_required off) still writes the header alone."""
    src = tmp_path / "ho.csv"
    src.write_text((FIXTURES / "sample_commune.csv").read_text(encoding="utf-8").splitlines()[0] + "\n")
    out = tmp_path / output
    out.write_bytes(b"earlier")
    words = {
        "vi": "ho.csv: tệp chỉ có dòng tiêu đề, không có dòng hộ nào để phân loại",
        "en": "ho.csv: the file has its header row but no household rows to classify",
    }
    for lang, said in words.items():
        for extra in ([], ["--members", str(FIXTURES / "sample_members.csv")]):
            args = ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "--lang", lang, "-q", *extra]
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 2, result.output
            assert said in " ".join(result.output.split()), result.output
            assert out.read_bytes() == b"earlier"
            assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.csv", output]
    summary = classify_file(src, tmp_path / "lib.csv", tmp_path / "lib.rejects.csv", RULESET, RunOptions())
    assert summary.classified == 0 and (tmp_path / "lib.csv").exists()


def test_a_part_is_cut_at_its_line_end_and_searched_without_an_array_of_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parts parsed on two threads are cut at the first line end at or after ``batch_bytes``, to the file's
    end for the last one, and refused (None: the rest read as one stream) when a quote comes before that line
    end or no line end comes within reach. The cut and the quote are found by ``bytes.find`` in the bytes read:
    comparing every byte in numpy made a 16 MB array per part (6-10 ms of the reading thread per part)."""
    from poverty_rules.data import stream as stream_module

    def frombuffer(*args: object, **kwargs: object) -> None:
        raise AssertionError("a part's bytes compared one by one in numpy")

    monkeypatch.setattr(stream_module.np, "frombuffer", frombuffer)
    monkeypatch.setattr(stream_module, "_LINE_REACH", 8)
    body = b"a,b\n1,2\n333,4\n5,6\n"
    path = tmp_path / "p.csv"
    path.write_bytes(body)
    with pa.OSFile(str(path)) as file:
        cut = stream_module._next_part
        assert cut(file, 0, len(body), 5).to_pybytes() == b"a,b\n1,2\n"  # the line end after byte 5
        assert cut(file, 0, len(body), 4).to_pybytes() == b"a,b\n1,2\n"  # not the one just before it
        assert cut(file, 8, len(body), 3).to_pybytes() == b"333,4\n"
        assert cut(file, 14, len(body), 16).to_pybytes() == b"5,6\n"  # the last part: to the file's end
    quoted = b'a,b\n"1",2\n3,4\n'
    path.write_bytes(quoted)
    with pa.OSFile(str(path)) as file:
        assert stream_module._next_part(file, 0, len(quoted), 5) is None  # a quote before the line end
        assert stream_module._next_part(file, 0, len(quoted), 1).to_pybytes() == b"a,b\n"  # the quote after it
    long = b"a,b\n" + b"x" * 40 + b"\n1,2\n"
    path.write_bytes(long)
    with pa.OSFile(str(path)) as file:
        assert stream_module._next_part(file, 0, len(long), 5) is None  # no line end within reach


def test_the_parts_cut_without_a_quote_are_not_searched_for_an_open_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part parsed on the two threads is cut only in bytes without any quote, so none of its cells holds a
    line break: the reading thread no longer passes over every column's bytes for a quote left open (4-20 ms
    per batch of 16 MB). The batches read as one stream from a part holding a quote are still searched, and
    a quote left open there still stops the file (test_a_streamed_file_whose_quote_is_closed_lines_later_…)."""
    from poverty_rules.data import stream as stream_module

    searched: list[int] = []
    real = stream_module.check_open_quotes

    def spy(part: SheetTable, *args: object) -> None:
        searched.append(part.num_rows)
        real(part, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(stream_module, "check_open_quotes", spy)
    # the sample's first 600 rows (some 70 KB: about 70 batches of 1 KB, several parts either side of the quote)
    lines = (FIXTURES / "sample_commune.csv").read_text(encoding="utf-8-sig").splitlines()[:601]
    plain = tmp_path / "plain.csv"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    taken = _parts_taken(monkeypatch)
    _assert_streamed_identical(tmp_path, plain, RunOptions(as_of="2025-12-01"), 1024)
    assert len(taken) > 4 and -1 not in taken and searched == []
    header = lines[0].split(",")
    cells = lines[200].split(",")
    cells[header.index("head_name")] = '"Nguyễn Văn A,\nghi chú hai dòng"'
    lines[200] = ",".join(cells)
    quoted = tmp_path / "quoted.csv"
    quoted.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _assert_streamed_identical(tmp_path, quoted, RunOptions(as_of="2025-12-01"), 1024)
    assert searched and sum(searched) < len(lines) - 150  # the batches from the part holding the quote on


def test_the_parts_cut_without_a_nul_are_not_searched_for_one_and_a_later_nul_still_stops_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part parsed on the two threads is cut only in bytes without a NUL: its cells are no longer searched
    for one column by column (1-10 ms of the reading thread per batch of 16 MB). A NUL in a later part makes
    the rest of the file read as one stream from that part, whose batches are searched: the file still stops
    naming the row and the column of the NUL, in --lang, the earlier output left as it was."""
    from poverty_rules.data import stream as stream_module

    searched: list[int] = []
    real = stream_module.check_no_nul

    def spy(part: SheetTable, *args: object, **kwargs: object) -> None:
        searched.append(part.num_rows)
        real(part, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stream_module, "check_no_nul", spy)
    # the sample's first 600 rows (some 70 KB: about 70 parts of 1 KB, the NUL's row 301 in the middle)
    lines = (FIXTURES / "sample_commune.csv").read_text(encoding="utf-8-sig").splitlines()[:601]
    plain = tmp_path / "plain.csv"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    taken = _parts_taken(monkeypatch)
    _assert_streamed_identical(tmp_path, plain, RunOptions(as_of="2025-12-01"), 1024)
    assert len(taken) > 4 and -1 not in taken and searched == []
    header = lines[0].split(",")
    cells = lines[300].split(",")
    cells[header.index("head_name")] += "\x00"
    lines[300] = ",".join(cells)
    src = tmp_path / "nul.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "nul.out.csv"
    out.write_text("old", encoding="utf-8")
    taken.clear()
    args = ["classify", str(src), "-o", str(out), "--as-of", "2025-12-01", "-q", "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--batch-bytes", "1024"])
    assert result.exit_code == 2, result.output
    assert "row 301, column head_name: the cell holds a NUL character" in result.output
    assert taken[-1] == -1 and len(taken) > 4 and searched  # the parts before it parsed on two threads
    assert out.read_text(encoding="utf-8") == "old"


def test_the_classifying_thread_takes_the_codes_the_key_check_trimmed(tmp_path: Path) -> None:
    """A streamed classify trims each batch's household codes once, on the key-checking thread, and the
    classifying thread's normalize takes them (pipeline/stream.py ``BatchCheck``): the same outputs, and no
    code trimmed on the classifying thread. A batch the check did not trim is trimmed there."""
    import poverty_rules.data.normalize as nz
    from poverty_rules.pipeline.options import RunOptions
    from poverty_rules.pipeline.stream import classify_file

    src = ROOT / "fixtures" / "sample_commune.csv"
    options = RunOptions(as_of="2025-12-01", lang="en")
    whole = classify_file(src, tmp_path / "a.csv", tmp_path / "a.rejects.csv", RULESET, options, batch_bytes=1 << 30)
    threads: list[str] = []
    trim = nz.trimmed_codes

    def counted(codes: pa.ChunkedArray) -> pa.ChunkedArray:
        threads.append(threading.current_thread().name)
        return trim(codes)

    with mock.patch.object(nz, "trimmed_codes", counted):
        streamed = classify_file(
            src, tmp_path / "b.csv", tmp_path / "b.rejects.csv", RULESET, options, batch_bytes=16 << 10
        )
    assert streamed.batches > 2 and len(threads) == streamed.batches
    assert threading.main_thread().name not in threads
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.rejects.csv").read_bytes() == (tmp_path / "b.rejects.csv").read_bytes()
    assert streamed.counts == whole.counts

    table = read_table(src)
    own = normalize(table, RULESET, lang="en")
    n = table.table.num_rows
    elsewhere = nz.TrimmedCodes("head_name", pa.chunked_array([pa.array([""] * n)]), np.ones(n, bool))
    assert normalize(table, RULESET, lang="en", codes=lambda: elsewhere).rejects.equals(own.rejects)
    assert normalize(table, RULESET, lang="en", codes=lambda: None).rejects.equals(own.rejects)
    blank = nz.TrimmedCodes("household_id", elsewhere.ids, np.ones(n, bool))
    taken = normalize(table, RULESET, lang="en", codes=lambda: blank)  # given codes are the batch's codes
    assert taken.frame.empty and len(taken.rejects) == n
