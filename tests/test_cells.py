"""Cells read from Arrow's bytes (vocabulary/cells.py) read exactly as the general readers read them.

The household flags of one character or none go through a table of the 128 ASCII cells
(data/normalize.py), and birth dates written in ten characters are read from their digits
(vocabulary/dates.py ``ten_character_days``, engine/members.py ``member_ages``): each must give what
the general reader (hashing every distinct cell) gives, for any cells, in one chunk or several.
"""

from __future__ import annotations

from datetime import date
from unittest import mock

import numpy as np
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_rules.data import normalize as nz
from poverty_rules.data.read import blank_rows
from poverty_rules.engine import members as mb
from poverty_rules.vocabulary.areas import AREA_WORDS
from poverty_rules.vocabulary.cells import all_start_visible, fixed_width, holds_byte, single_characters

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ONE_CHARACTER = st.sampled_from(["", " ", "1", "0", "x", "X", "y", "N", "a", "\t", "\x00", "é", "10", "có"])


def _chunked(cells: list[str], cut: int) -> pa.ChunkedArray:
    """``cells`` as Arrow text in two chunks (cut at ``cut``), the second a slice (nonzero offset)."""
    cut = min(cut, len(cells))
    tail = pa.array(["pad", *cells[cut:]], pa.string()).slice(1)
    return pa.chunked_array([pa.array(cells[:cut], pa.string()), tail], pa.string())


def _assert_same(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> None:
    np.testing.assert_array_equal(a[0], b[0])  # NaN equals NaN here
    np.testing.assert_array_equal(a[1], b[1])


@SETTINGS
@given(st.lists(ONE_CHARACTER, min_size=0, max_size=40), st.integers(0, 40))
def test_household_flags_through_the_table_read_as_cell_by_cell(cells: list[str], cut: int) -> None:
    source = nz._Source(pa.table({"f": _chunked(cells, cut)}))
    _, fast = source.flags("f")
    with mock.patch.object(nz, "single_characters", return_value=None):
        _, general = source.flags("f")
    _assert_same(fast, general)


@SETTINGS
@given(
    st.lists(st.sampled_from(["1", "0"]), min_size=1, max_size=40),
    st.one_of(st.none(), ONE_CHARACTER),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_a_column_of_ones_and_zeros_reads_as_cell_by_cell(
    marks: list[str], other: str | None, at: int, cut: int
) -> None:
    """data/normalize.py ``_marks_alone`` (a column every cell of which is 1 or 0, read without the table) reads
    as the general reader does; one other cell anywhere (a blank, an x, a 10) sends the column back to the
    table and reads so too."""
    cells = marks if other is None else [*marks[:at], other, *marks[at:]]
    source = nz._Source(pa.table({"f": _chunked(cells, cut)}))
    _, fast = source.flags("f")
    with mock.patch.object(nz, "single_characters", return_value=None):
        _, general = source.flags("f")
    _assert_same(fast, general)
    byte = single_characters(_chunked(cells, cut))
    assert (byte is not None and nz._marks_alone(byte) is not None) == (other in (None, "0", "1"))


def test_single_characters_only_for_one_character_cells() -> None:
    assert single_characters(pa.array(["1", "", "x"])).tolist() == [ord("1"), 0, ord("x")]
    assert single_characters(pa.array(["", ""], pa.large_string())).tolist() == [0, 0]
    assert single_characters(pa.array(["9", "1", "0"]).slice(1)).tolist() == [ord("1"), ord("0")]
    for other in (["1", None], ["1", "10"], ["\x00"], ["é"]):
        assert single_characters(pa.array(other, pa.string())) is None


def test_fixed_width_cells_and_their_rows() -> None:
    col = pa.chunked_array([pa.array(["ab", "c", None]), pa.array(["xx", "de", "fgh"]).slice(1)])
    cells, rows = fixed_width(col, 2)
    assert rows.tolist() == [0, 3]
    assert bytes(cells.reshape(-1)) == b"abde"


DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=4)
DATE_LIKE = st.one_of(
    st.dates(date(1600, 1, 1), date(2300, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(date(1600, 1, 1), date(2300, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(date(1600, 1, 1), date(2300, 12, 31)).map(lambda d: d.strftime("%d-%m-%Y")),
    st.dates(date(1600, 1, 1), date(2300, 12, 31)).map(lambda d: d.strftime("%d.%m.%Y")),
    st.tuples(DIGITS, st.sampled_from("-/. x"), DIGITS, st.sampled_from("-/. x"), DIGITS).map("".join),
    st.sampled_from(["", " ", "2024-02-29", "2023-02-29", "1677-12-31", "2262-01-01", "29/02/2000", "nan"]),
    st.text(max_size=12),
)


@SETTINGS
@given(st.lists(DATE_LIKE, min_size=0, max_size=30), st.integers(0, 30), st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_birth_dates_from_their_bytes_read_as_cell_by_cell(cells: list[str], cut: int, review: date) -> None:
    column = _chunked(cells, cut).combine_chunks()
    fast = mb.member_ages(column, None, review)
    none = (np.zeros((0, 3), np.int64), np.zeros(0, np.int64))
    with mock.patch.object(mb, "ten_character_days", return_value=none):
        general = mb.member_ages(column, None, review)
    _assert_same(fast, general)


def test_a_birth_date_before_1677_is_read_not_a_crash() -> None:
    """pandas' nanosecond timestamps end in 1677 and 2262: such a date (a typo for 1950…) once
    stopped the run with a traceback; it is read, and an age over 120 years is an unreadable cell (G2:
    the age unknown and noted, never a 525-year-old member), while a plausible date beside it is read."""
    ages, bad = mb.member_ages(pa.array(["1500-01-01", "31/12/1600", "1990-06-01"]), None, date(2025, 12, 1))
    assert np.isnan(ages[:2]).all() and ages[2] == 35.0
    assert bad.tolist() == [True, True, False]


CELLS = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u3000", "a", " a", "a ", "1", "é", "~x", "\x7f", "Hộ"])


@SETTINGS
@given(st.lists(CELLS, min_size=0, max_size=30), st.integers(0, 30))
def test_blank_rows_skip_their_check_only_when_no_cell_can_be_blank(cells: list[str], cut: int) -> None:
    """``all_start_visible`` (the blank-row check's shortcut) says True only when no cell is empty or
    spaces, so the blank rows found are those the cell-by-cell check finds."""
    col = _chunked(cells, cut)
    if all_start_visible(col):
        assert all(cell.strip() for cell in cells)
    table = pa.table({"a": col, "b": pa.array([" "] * len(cells), pa.string())})
    blank = blank_rows(table)
    expected = [not cell.strip() for cell in cells]
    assert (blank.tolist() if blank is not None else [False] * len(cells)) == expected
    assert all_start_visible(pa.array(["a", "b"])) and not all_start_visible(pa.array(["a", None]))


@SETTINGS
@given(st.lists(st.sampled_from(["", "1", "1E+11", "+", "a+b", "ab", "é+", "x"]), max_size=20), st.integers(0, 20))
def test_holds_byte_as_a_look_at_every_cell(cells: list[str], cut: int) -> None:
    """The bytes looked at are exactly the column's cells' (two chunks, the second a slice: its buffer
    holds a '+' of a cell outside the slice, which must not count)."""
    cut = min(cut, len(cells))
    tail = pa.array(["+pad", *cells[cut:], "+"], pa.string()).slice(1, len(cells) - cut)
    col = pa.chunked_array([pa.array(cells[:cut], pa.string()), tail], pa.string())
    assert holds_byte(col, ord("+")) == any("+" in c for c in cells)
    assert holds_byte(pa.array(["1", None]), ord("+"))  # nulls: the caller looks closer


def test_no_area_word_heads_the_area_column() -> None:
    """normalize looks for a second header row only among the rows whose area cell is no area word
    (data/normalize.py ``_header_again``): that holds while no area word is a header of the area column."""
    assert not [word for word in AREA_WORDS if nz._names_column(word, "area")]


def test_arrays_made_from_buffers_equal_pyarrows_own() -> None:
    """cells.texts / numbers / scalar / values (made and read through Arrow's buffers, so a reading
    thread never imports pandas) give what pa.array, pa.scalar and to_numpy give: letters, empty cells,
    booleans across a byte's end, sliced and chunked columns."""
    import pytest

    from poverty_rules.vocabulary.cells import numbers, scalar, texts, values

    words = ["", "Hà Nội", "x", "Đắk Lắk", ""]
    assert texts(words).equals(pa.array(words, pa.string()))
    assert texts([]).equals(pa.array([], pa.string()))
    flags = np.array([True, False, True, True, False, False, False, False, True, False])
    for array in (np.arange(5, dtype=np.int64), np.array([1.5, -2.0]), np.arange(3, dtype=np.int8), flags):
        assert numbers(array).equals(pa.array(array))
    assert np.isnan(numbers(np.array([np.nan])).to_pylist()[0])
    assert scalar("").equals(pa.scalar("", pa.string())) and scalar(3).equals(pa.scalar(3, pa.int64()))
    assert scalar(2.5).equals(pa.scalar(2.5, pa.float64()))
    chunked = pa.chunked_array([pa.array(flags).slice(3, 6), pa.array(flags).slice(1, 2)])
    assert values(chunked).tolist() == chunked.to_numpy().tolist()
    sliced = pa.array(np.arange(10, dtype=np.int32)).slice(4, 3)
    assert values(sliced).tolist() == [4, 5, 6] and values(sliced).dtype == np.int32
    with pytest.raises(ValueError):
        values(pa.array([1, None]))


DIGIT_CELL = st.sampled_from(["", "0", "7", "42", "1053000", "-5", "+12", "007", "99999999999"])


@given(st.lists(DIGIT_CELL, max_size=40), st.integers(0, 40))
@SETTINGS
def test_numbers_of_digits_and_blanks_read_as_each_cell_alone(cells: list[str], cut: int) -> None:
    """A column of plain numbers and blank cells (the common income and score A column) takes Arrow's cast with
    its blank cells made null from the offsets (vocabulary/numbers.py ``_blanks_null``): in one chunk or several,
    sliced or not, each cell reads as it does alone, a blank one as unknown (NaN) and never unreadable."""
    from poverty_rules.vocabulary.numbers import parse_numbers

    values, bad = parse_numbers(_chunked(cells, cut))
    expected = np.array([float(c) if c else np.nan for c in cells], dtype=np.float64)
    np.testing.assert_array_equal(values, expected)
    assert not bad.any()


def test_blank_number_cells_are_made_null_without_copying_the_text() -> None:
    """Nulling a number column's blank cells shares the chunk's text (its data buffer) instead of copying every
    cell (``if_else``: 0.012 s of the classifying thread per million households, two columns)."""
    from poverty_rules.vocabulary.numbers import _blanks_null

    chunk = pa.array(["pad", "1500000", "", "274", ""], pa.string()).slice(1)
    nulled = _blanks_null(chunk)
    assert nulled.to_pylist() == ["1500000", None, "274", None]
    assert nulled.buffers()[2].address == chunk.buffers()[2].address
    assert _blanks_null(pa.array(["1", "2"])).null_count == 0


def test_a_column_of_marks_only_is_normalized_as_read_and_writable() -> None:
    """A flag column whose every cell is a mark (a register's 1/0) skips the masking of blank and unreadable
    cells (data/normalize.py: none can be): its values are the cells' marks, and a column with a blank or
    unreadable cell is still masked and its household rejected."""
    from poverty_rules.rules.registry import load_ruleset

    rs = load_ruleset("vn-2022-2026")
    table = pa.table(
        {
            "household_id": ["H1", "H2", "H3"],
            "area": ["rural", "urban", "rural"],
            "income_per_capita": ["1000000", "2500000", "900000"],
            "deprived_water": ["1", "0", "1"],
            "deprived_telecom": ["1", "", "?"],
        }
    )
    normalized = nz.normalize(table, rs, lang="en")
    water = normalized.frame["deprived_water"].to_numpy()
    assert water.tolist() == [1.0, 0.0]  # H3 rejected for its '?' mark
    telecom = normalized.frame["deprived_telecom"].to_numpy()
    assert telecom[0] == 1.0 and np.isnan(telecom[1])
    assert normalized.rejects["row"].tolist() == [4]


def test_one_byte_cells_are_told_from_as_many_bytes_in_other_cells() -> None:
    """A column read as one byte per cell from its data buffers alone (vocabulary/cells.py ``_one_byte_each``)
    must not take ``"", "10"`` (as many bytes as cells, one cell empty, one of two) for two one-byte cells."""
    from poverty_rules.vocabulary.cells import _one_byte_each

    assert _one_byte_each(_chunked(["", "10", "1"], 2)) is None
    assert _one_byte_each(_chunked(["1", "0", "x"], 1)).tolist() == [ord("1"), ord("0"), ord("x")]
    assert single_characters(_chunked(["", "10"], 1)) is None
    assert single_characters(_chunked(["1", "\x00"], 1)) is None  # a NUL is no flag's character


@given(
    st.lists(st.sampled_from(["", "#N/A", "Err:502", "H1", "Xã", "1+2", "a:b", "x"]), max_size=30), st.integers(0, 30)
)
@SETTINGS
def test_holds_any_is_holds_byte_of_each(cells: list[str], cut: int) -> None:
    """``holds_any`` (one look at each chunk for several bytes: normalize's ``#`` and ``:`` of a formula's error)
    answers as ``holds_byte`` of each byte, in one chunk or several, sliced or not."""
    from poverty_rules.vocabulary.cells import holds_any

    col = _chunked(cells, cut)
    for wanted in (b"#:", b"+", b":", b"\xc3"):
        expected = any(byte in cell.encode() for cell in cells for byte in wanted)
        assert holds_any(col, wanted) is expected
        assert any(holds_byte(col, byte) for byte in wanted) is expected


NUMBER_CELL = st.sampled_from(["", "0", "7", "1.5", "2e3", "1e400", "-1e400", "1053000", "3,5"])


@given(st.lists(NUMBER_CELL, max_size=40), st.integers(0, 40))
@SETTINGS
def test_numbers_read_from_the_casts_buffers_as_each_cell_alone(cells: list[str], cut: int) -> None:
    """The cast's values are read from its buffers, a blank cell's slot (whatever it holds) unknown by the
    validity bitmap (vocabulary/numbers.py ``_floats``): in one chunk or several, sliced or not, a blank
    cell is unknown and never unreadable, a number beyond any double (``1e400``) unreadable, the others as
    each reads alone (``3,5`` is three and a half)."""
    from poverty_rules.vocabulary.numbers import parse_numbers

    values, bad = parse_numbers(_chunked(cells, cut))
    alone = [float(c.replace(",", ".")) if c else np.nan for c in cells]
    expected = np.array([np.nan if np.isinf(v) else v for v in alone], dtype=np.float64)
    np.testing.assert_array_equal(values, expected)
    assert bad.tolist() == [bool(np.isinf(v)) for v in alone]


def test_a_table_lookup_gives_a_writable_array_of_its_own() -> None:
    """``lookup`` spreads a small table to the rows (vocabulary/cells.py): its result is writable (a flag
    column is kept without a copy) and is no view of the table — changing it changes neither the table nor
    the next lookup."""
    from poverty_rules.vocabulary.cells import lookup

    table = np.array([0.0, 1.0, np.nan])
    positions = np.array([1, 0, 2, 1], dtype=np.uint8)
    got = lookup(table, positions)
    assert got.flags.writeable and got.dtype == np.float64
    np.testing.assert_array_equal(got, [1.0, 0.0, np.nan, 1.0])
    got[:] = 7.0
    np.testing.assert_array_equal(table, [0.0, 1.0, np.nan])
    np.testing.assert_array_equal(lookup(table, positions), [1.0, 0.0, np.nan, 1.0])
    marks = lookup(np.array([True, False]), np.array([0, 1, 0], dtype=np.uint8))
    assert marks.dtype == bool and marks.flags.writeable and marks.tolist() == [True, False, True]
    identity = lookup(table, np.array([0, 1, 2], dtype=np.uint8))  # the table's own rows, in its order
    identity[0] = 9.0
    assert table[0] == 0.0


@SETTINGS
@given(
    st.lists(st.sampled_from(["", " ", "Xã A", "Hộ nghèo", "0", "1", "H-0001", None]), max_size=60),
    st.integers(0, 60),
    st.booleans(),
)
def test_text_objects_are_the_cells_as_python_text_each_word_made_once(
    cells: list[str | None], cut: int, codes: bool
) -> None:
    """text_objects (the report's reading of a reviewed file, cli/report.py ``_text_frame``) gives each cell as
    Python text, None where missing, as pandas' ``astype(object)`` gives it, in one chunk or several, a column of
    few words (dictionary-encoded) or of codes (every cell its own, read cell by cell)."""
    from poverty_rules.vocabulary.cells import text_objects

    if codes:  # nearly every cell its own: read cell by cell
        cells = [None if c is None else f"{c}{i}" for i, c in enumerate(cells)]
    cut = min(cut, len(cells))
    column = pa.chunked_array([pa.array(cells[:cut], pa.string()), pa.array(cells[cut:], pa.string())])
    got = text_objects(column)
    assert got.dtype == object and got.tolist() == cells
    want = column.to_pandas().astype(object).where(lambda s: s.notna(), None).tolist()
    assert got.tolist() == want


def test_text_objects_of_a_column_of_few_words_among_many_rows() -> None:
    """A column of a few words past the sample text_objects looks at (a flag column of a commune's file): the
    words are shared, missing cells None; a column of no text is refused (the caller reads it otherwise)."""
    import pytest

    from poverty_rules.vocabulary.cells import text_objects

    cells = ["Hộ nghèo", "Xã Hưng Chính", None, "", "1"] * 5000
    got = text_objects(pa.array(cells, pa.large_string()))
    assert got.tolist() == cells
    assert len({id(v) for v in got if v == "Xã Hưng Chính"}) == 1  # one object for the word's 5,000 cells
    with pytest.raises(TypeError):
        text_objects(pa.array([1, 2]))
