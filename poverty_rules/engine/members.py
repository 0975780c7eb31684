"""Member-level data: deriving the deprivation flags from one row per person.

The review form (Phụ lục of Nghị định 07/2021/NĐ-CP; for 2016–2021 the indicators of Quyết định
59/2015/QĐ-TTg, Điều 1, khoản 2, điểm b) marks each indicator deprived or not. A household file may
give those marks directly (``deprived_<id>``); or a *members file* (one row per person, joined on
``household_id``) plus a few household-level fields (``floor_area``, ``safe_water`` …) lets the
engine derive them, with each indicator's ``deprived_when`` rule in the ruleset.

* :class:`Member` — the documented schema of one member row (also usable from the library:
  ``Household(members=[Member(...), ...])``).
* :data:`MEMBER_FIELDS` — what ``member.<field>`` may name in a rule, with its kind.
* :data:`HOUSEHOLD_FIELDS` — household-level fields a rule may read (passed through by
  :mod:`poverty_rules.inputs`).
* :func:`apply_members` — normalize the members, compute ages at the review date, evaluate every
  ``deprived_when`` and fill ``deprived_<id>`` where the household file gave no mark; records the
  source of every flag in ``member_flag_sources``.
* :func:`evaluate_member_aggregate` — ``any/all/count/sum(member, …)`` for the vectorized engine,
  as group-wise column operations (``numpy.bincount`` over member rows mapped to household
  positions), three-valued like the rest of the engine.

Precedence: a flag given in the household file (1 or 0) always wins; an empty cell is "not given"
and is filled from the derivation (which may itself be unknown). See docs/members.md.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, Literal, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import ConfigDict, Field, ValidationError, model_validator

from ..errors import HouseholdError
from ..rules import expressions as ex
from ..rules.fields import HOUSEHOLD_FIELD_KINDS, HOUSEHOLD_FIELDS, MEMBER_FIELDS
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.cells import lookup, single_characters
from ..vocabulary.codes import trimmed_codes
from ..vocabulary.complaints import CheckedRecord, record_error
from ..vocabulary.dates import ten_character_days
from ..vocabulary.flags import FLAG_WORDS, flag_value
from ..vocabulary.numbers import number_texts
from ..vocabulary.text import fold
from .evaluator import Context, new_context, unknown_aggregate
from .values import Bool3, Interval, Text, Value

__all__ = [
    "HOUSEHOLD_FIELDS",
    "HOUSEHOLD_FIELD_KINDS",
    "MEMBER_FIELDS",
    "Member",
    "MemberTable",
    "apply_members",
    "build_member_table",
    "derives_from_members",
    "evaluate_member_aggregate",
    "first_codes",
    "member_age_bounds",
    "member_ages",
    "member_evidence",
    "MemberEvidence",
    "member_notes",
    "placed_units",
    "working_ages",
]

Employment = Literal["employed", "unemployed", "not_in_labour_force"]
#: The ages that fill a blank ``working_age`` (:func:`working_ages`): from, surely below, surely past.
WorkingAges: TypeAlias = tuple[float, float, float | None]
Qualification = Literal["none", "primary", "lower_secondary", "upper_secondary", "vocational", "college_or_higher"]

_TEXT_FIELDS = ("household_id", "member_id", "relation_to_head", "school_level_attended", "birth_date")

#: Accepted spellings of category values (folded: lower case, accents removed) -> canonical value.
_CATEGORY_WORDS: dict[str, dict[str, str]] = {
    "sex": {"male": "male", "m": "male", "nam": "male", "female": "female", "f": "female", "nu": "female"},
    "employment": {
        "employed": "employed",
        "co viec lam": "employed",
        "dang lam viec": "employed",
        "unemployed": "unemployed",
        "that nghiep": "unemployed",
        "not in labour force": "not_in_labour_force",
        "not in labor force": "not_in_labour_force",
        "khong tham gia luc luong lao dong": "not_in_labour_force",
    },
    "highest_qualification": {
        "none": "none",
        "khong": "none",
        "chua tot nghiep tieu hoc": "none",
        "primary": "primary",
        "tieu hoc": "primary",
        "lower secondary": "lower_secondary",
        "thcs": "lower_secondary",
        "trung hoc co so": "lower_secondary",
        "upper secondary": "upper_secondary",
        "thpt": "upper_secondary",
        "trung hoc pho thong": "upper_secondary",
        "vocational": "vocational",
        "nghe": "vocational",
        "so cap": "vocational",
        "trung cap": "vocational",
        "college or higher": "college_or_higher",
        "cao dang": "college_or_higher",
        "dai hoc": "college_or_higher",
    },
}
#: Threads for converting member columns (each column is independent).
_MAX_WORKERS = 4


def _table_missing(value: Any) -> bool:
    """NaN, ``pd.NA``, ``NaT`` or None: a table's missing value."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


class Member(CheckedRecord):
    """One person in a household (one row of the members file).

    Every field but the ids may be left out (unknown): an unknown value never counts as "no".
    ``birth_date`` wins over ``birth_year``, and both over ``age``; the age used by the rules is the age
    in completed years at the review date — from a year of birth alone, one of two ages (born before or
    after the review date's day of that year), which decides a rule only where both ages agree.
    Spellings accepted in files: see docs/members.md.
    """

    # its validator is built when a member is first checked, not when the module loads (a classify without a
    # members file checks none: 7 ms of its critical thread's start)
    model_config = ConfigDict(extra="forbid", defer_build=True)

    household_id: str | None = Field(default=None, description="joins the member to its household")
    member_id: str | None = Field(default=None, description="the person's code within the household")
    birth_date: date | None = Field(default=None, description="date of birth (ngày sinh)")
    birth_year: int | None = Field(
        default=None, ge=1000, le=9999, description="year of birth (năm sinh) of four digits, when no birth date"
    )
    age: float | None = Field(default=None, ge=0, description="age in completed years, when no birth date or year")
    sex: Literal["male", "female"] | None = None
    relation_to_head: str | None = Field(default=None, description="quan hệ với chủ hộ (informational)")
    working_age: bool | None = None
    employment: Employment | None = None
    wage_without_contract: bool | None = None
    labour_capacity: bool | None = None
    disabled: bool | None = None
    monthly_social_allowance: bool | None = None
    has_health_insurance: bool | None = None
    has_social_insurance: bool | None = None
    stunted: bool | None = None
    underweight: bool | None = None
    highest_qualification: Qualification | None = None
    in_education: bool | None = None
    school_level_attended: str | None = Field(default=None, description="bậc/cấp học đang theo (informational)")
    attending_right_level: bool | None = None
    sick_untreated: bool | None = None

    def __init__(self, /, **data: Any) -> None:
        """The member of these fields, each read as a members file's cell is (``birth_date="01/12/2019"``,
        ``sex="Nam"``, ``has_health_insurance="có"``, ``highest_qualification="THCS"``). Declared here so that a
        type checker takes the values the record takes: without it mypy and pyright check each keyword against
        the field's type (docs/members.md's ``pr.Member(birth_date="2019-12-01")`` refused as an error)."""
        super().__init__(**data)

    @classmethod
    def _said(cls, exc: ValidationError, given: Any) -> HouseholdError:
        """Pydantic's complaints about a member as one :class:`HouseholdError` in vi and en; a member's own
        check (a birth date given as a number), already worded in each language, as it said it."""
        said = [
            e["ctx"]["error"] for e in exc.errors() if isinstance((e.get("ctx") or {}).get("error"), HouseholdError)
        ]
        if len(said) == len(exc.errors()) == 1:
            return said[0]
        return record_error(exc.errors())

    @model_validator(mode="before")
    @classmethod
    def _missing_is_unknown(cls, data: Any) -> Any:
        """A members table's missing value (NaN, ``pd.NA``, ``NaT``) is unknown, and its cells are read with
        the spellings a members file may use (:func:`_member_value`): a member built from a row
        (``Member(**row)``) reads as the table is read."""
        if isinstance(data, dict):
            return {k: _member_value(k, None if _table_missing(v) else v) for k, v in data.items()}
        return data

    def to_row(self, household_id: str | None = None) -> dict[str, Any]:
        """The member as one row of the members table (``household_id`` filled in when given)."""
        row = self.model_dump()
        if household_id is not None and not row.get("household_id"):
            row["household_id"] = household_id
        if row["birth_date"] is not None:
            row["birth_date"] = row["birth_date"].isoformat()
        return row


def _member_value(name: str, value: Any) -> Any:
    """One value given to :class:`Member` as a members file's cell is read (docs/members.md): the yes/no
    spellings (``có``, ``không``, ``x``), the category words (``Nam``, ``thất nghiệp``, ``THCS``), a birth date
    written day first (``01/12/2019``), an age with a decimal comma, a code from a column of numbers
    (``1``, ``101``, not ``101.0``). A value no spelling reads is left to
    the field's own check, which refuses it; a birth date given as a number is refused here (the model
    would read ``0`` as 1 January 1970, seconds since then)."""
    if value is None:
        return None
    if name in ("household_id", "member_id"):  # a code from a column of numbers, as the file holds it
        if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
            return str(int(value))
        if isinstance(value, float | np.floating) and float(value).is_integer():
            return str(int(value))
        return value
    kind = MEMBER_FIELDS[name][0] if name in MEMBER_FIELDS else None
    if kind == "flag":
        flag, bad = _to_flag(value)
        return value if bad else (None if math.isnan(flag) else flag == 1.0)
    if isinstance(kind, tuple) and isinstance(value, str):
        category, bad = _to_category(_CATEGORY_WORDS.get(name, {}))(value)
        return value if bad else (category if isinstance(category, str) else None)
    if name == "age" and isinstance(value, (bool, np.bool_)):  # a tick is no age: pydantic would read True as 1
        raise HouseholdError(W.texts("hh_age_yes_no", value=value))
    if name == "age" and isinstance(value, str):
        number, bad = _to_number(value)
        return value if bad else (None if math.isnan(number) else number)
    if name == "birth_year" and isinstance(value, (bool, np.bool_)):  # a tick is no year: pydantic would read 1
        raise HouseholdError(W.texts("hh_birth_year_yes_no", value=value))
    if name == "birth_year":
        year, bad = _to_year(value)
        return value if bad else (None if math.isnan(year) else int(year))
    if name == "birth_date":
        numeric = isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))
        if numeric or isinstance(value, str) and value.strip().isdigit():  # 2019: a year, not a day
            raise HouseholdError(W.texts("hh_birth_date_number", value=value))  # in vi and en (a ValueError)
        if isinstance(value, datetime):  # a moment (a time of day, a database timestamp): its day
            return value.date()
        if isinstance(value, np.datetime64):
            return None if np.isnat(value) else date.fromisoformat(str(value.astype("datetime64[D]")))
        if isinstance(value, str):
            if not value.strip():
                return None
            ymd, unreadable = _birth_parts([value])
            if not unreadable[0] and not math.isnan(ymd[0, 0]):
                return date(int(ymd[0, 0]), int(ymd[0, 1]), int(ymd[0, 2]))
    return value


# --------------------------------------------------------------------------- the member table


@dataclass
class MemberTable:
    """Member rows matched to household positions, with every field normalized column-wise."""

    pos: np.ndarray  # household position (0…n_households-1) of each member row
    n_households: int
    counts: np.ndarray  # member rows per household position
    values: dict[str, Value | tuple[np.ndarray, tuple[str, ...]]]  # field -> value; categories as (codes, values)
    notes: list[dict[str, str]] = field(default_factory=list)  # each note in every language (words.texts)
    #: What the notes count (:func:`member_notes`): unmatched rows, unreadable cells per column.
    note_counts: dict[str, int] = field(default_factory=dict)
    #: When the rows are in household order (``pos`` never decreases, as in a members file listing
    #: households in the household file's order): where each household's rows end, ``cumsum(counts)``.
    ends: np.ndarray | None = None
    #: The first codes of the member rows matched to no household (:func:`first_codes`), named in the note.
    unmatched: list[str] = field(default_factory=list)
    #: Each noted column's first unreadable cells as written (:func:`first_codes`), named in its note.
    unreadable: dict[str, list[str]] = field(default_factory=dict)
    #: Each noted column's first unreadable cell: its position in the members table given (0-based).
    unreadable_at: dict[str, int] = field(default_factory=dict)
    #: The household code of every member row given, matched or not (as the rows are matched: trimmed).
    member_codes: pa.Array | pa.ChunkedArray | None = None
    #: The member rows that repeat an earlier row cell for cell and, for each, that earlier row: positions in
    #: the members table given, in file order (:func:`repeated_rows`; searched for only when asked).
    repeated: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def has_members(self) -> np.ndarray:
        return self.counts > 0


MemberColumn: TypeAlias = pa.Array | pa.ChunkedArray | pd.Series
"""One members column as the derivation reads it: Arrow text (in the chunks it was read in: no
combined copy of the members file), or a pandas Series of other values."""
_ARROW = (pa.Array, pa.ChunkedArray)


def _text_array(values: Any) -> pa.Array | pa.ChunkedArray | None:
    """``values`` as Arrow text (``string`` or ``large_string``; a chunked column stays in its
    chunks, a one-chunk column is that chunk) when it holds only text (and nulls), else ``None``."""
    if isinstance(values, pd.Series):
        if values.dtype != object and not isinstance(values.dtype, (pd.StringDtype, pd.ArrowDtype)):
            return None
        try:
            values = pa.array(values, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            return None  # mixed values (text and numbers…): read cell by cell, as written
    if isinstance(values, pa.ChunkedArray) and values.num_chunks == 1:
        values = values.chunk(0)
    if not isinstance(values, _ARROW):
        return None
    if pa.types.is_null(values.type):
        return pa.nulls(len(values), pa.string())
    if pa.types.is_string_view(values.type):
        return values.cast(pa.string())
    return values if pa.types.is_string(values.type) or pa.types.is_large_string(values.type) else None


def _member_columns(members: pa.Table | pd.DataFrame) -> dict[str, MemberColumn]:
    """Column name -> column: text columns as Arrow arrays (no Python string per cell), the rest as
    pandas Series, converted once. Both forms of the library API end up here."""
    if isinstance(members, pa.Table):
        columns: dict[str, MemberColumn] = {}
        for name in members.column_names:
            col = members.column(name)
            text = _text_array(col)
            columns[name] = text if text is not None else col.to_pandas()
        return _schema_names(columns)
    columns = {}
    for name in members.columns:
        series = members[name].reset_index(drop=True)
        text = _text_array(series)
        columns[str(name)] = text if text is not None else series
    return _schema_names(columns)


def _schema_names(columns: dict[str, MemberColumn]) -> dict[str, MemberColumn]:
    """The columns under the schema's names (:class:`Member`) also when headed in another case or spacing
    (``Birth_Date``, ``HAS HEALTH INSURANCE``), as a household file's headers are matched (``fold``); a
    column headed exactly as the schema names it wins over another spelling of it."""
    known = {fold(field): field for field in Member.model_fields}
    out = {name: col for name, col in columns.items() if name in Member.model_fields}
    for name, col in columns.items():
        field = known.get(fold(name))
        if name not in out and field is not None and field not in out:
            out[field] = col
        elif field is None:
            out[name] = col
    return out


def _take_rows(col: MemberColumn, rows: np.ndarray) -> MemberColumn:
    if isinstance(col, _ARROW):
        return col.take(pa.array(rows, pa.int64()))
    return col.iloc[rows].reset_index(drop=True)


def _ids(values: MemberColumn) -> pa.Array | pa.ChunkedArray:
    """Household ids as Arrow text for matching, read as the household file's codes are: without
    surrounding spaces (:func:`~poverty_rules.vocabulary.codes.trimmed_codes`), codes in a column of
    numbers as ``101``, not ``101.0`` (:func:`~poverty_rules.vocabulary.numbers.number_texts`), other
    non-text ids as ``str`` would write them."""
    text = _text_array(values)
    if text is not None:
        return trimmed_codes(text)
    s = pd.Series(values)
    if pd.api.types.is_integer_dtype(s.dtype):
        codes = number_texts(np.asarray(s.fillna(0).to_numpy()))
        codes[s.isna().to_numpy()] = ""
    elif pd.api.types.is_float_dtype(s.dtype):
        codes = number_texts(s.to_numpy(dtype="float64", na_value=np.nan))
    else:
        codes = s.astype(str).to_numpy(dtype=object)
    return trimmed_codes(pa.array(codes, pa.string()))


def _household_positions(
    member_ids: pa.Array | pa.ChunkedArray, household_ids: pa.Array | pa.ChunkedArray
) -> np.ndarray:
    """The household position of each member row (-1: no such household), matching codes as text.

    A members file usually lists each household's members together, in the household file's order:
    then the first code of each run of equal codes is the household table itself, and each row's
    position is its run's number — found with one comparison of neighbours, no hashing. Otherwise
    every code is looked up (``index_in``). Both give the same positions, household codes being
    unique (``normalize`` rejects a repeated or empty code).
    """
    n_rows = len(member_ids)
    if n_rows and len(household_ids):
        if member_ids.type != household_ids.type:
            member_ids = member_ids.cast(household_ids.type)
        starts = np.ones(n_rows, dtype=bool)
        if n_rows > 1:
            differs = pc.not_equal(member_ids.slice(1), member_ids.slice(0, n_rows - 1))
            starts[1:] = pc.fill_null(differs, True).to_numpy(zero_copy_only=False)
        heads = member_ids.filter(pa.array(starts))
        same = len(heads) == len(household_ids) and heads.null_count == 0 and household_ids.null_count == 0
        if same and pc.all(pc.equal(heads, household_ids)).as_py():
            return np.cumsum(starts, dtype=np.int64) - 1
    if isinstance(household_ids, pa.ChunkedArray):
        household_ids = household_ids.combine_chunks()  # a value set is one array
    index = pc.index_in(member_ids, value_set=household_ids)
    return pc.fill_null(index, -1).to_numpy(zero_copy_only=False).astype(np.int64, copy=False)


def _in_units(units: pa.Array, codes: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Each code placed in its commune (``<unit>\x1f<code>``): the key a member row and a household are
    matched by when both files name their communes."""
    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    return pc.binary_join_element_wise(units, codes.cast(pa.string()), "\x1f")


def in_units(units: pa.Array, codes: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Each code placed in its commune, as member rows and households are matched and named when both files
    name their communes (:func:`_in_units`)."""
    return _in_units(units, codes)


def placed_units(
    member_ids: MemberColumn, household_ids: pd.Series | pa.Array | pa.ChunkedArray, units: tuple[pa.Array, pa.Array]
) -> tuple[pa.Array, pa.Array]:
    """Each member row's and each household's commune unit (``units``, ``""`` for a row placed in no commune)
    with a row the files place in no commune joined by its code alone: a member row with an empty commune
    cell, or whose household's is empty, takes the commune of the one household with its code — as a
    members list without the column is joined (docs/members.md "Household codes in a district"). A code
    several households share stays unplaced (its rows join none of them); a row naming another commune than
    its code's household keeps it (it joins no household)."""
    of_members, of_households = units
    member_blank = pc.equal(of_members, "").to_numpy(zero_copy_only=False)
    household_blank = pc.equal(of_households, "").to_numpy(zero_copy_only=False)
    if not (member_blank.any() or household_blank.any()):
        return units
    codes, households = _ids(member_ids), _ids(household_ids)
    if codes.type != households.type:
        codes = codes.cast(households.type)
    if isinstance(households, pa.ChunkedArray):
        households = households.combine_chunks()
    by_code = pc.fill_null(pc.index_in(codes, value_set=households), -1).to_numpy(zero_copy_only=False)
    found = by_code >= 0
    shared = pc.is_in(codes, value_set=_shared_codes(households)).to_numpy(zero_copy_only=False)
    place = found & ~shared & (member_blank | household_blank[np.maximum(by_code, 0)])
    if not place.any():
        return units
    taken = of_households.take(pa.array(np.maximum(by_code, 0), pa.int64()))
    return pc.if_else(pa.array(place), taken, of_members), of_households


def _shared_codes(codes: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The codes more than one household has (a district's file uses a code once in each commune,
    docs/input.md): a member row joined on the code alone cannot tell which of them it belongs to."""
    counts = pc.value_counts(codes)
    if not isinstance(counts, pa.StructArray):
        counts = counts.combine_chunks() if isinstance(counts, pa.ChunkedArray) else counts
    values, many = counts.field("values"), counts.field("counts")
    return values.filter(pc.greater(many, 1))


def _codes_uniques(col: MemberColumn, common: tuple[str, ...] = ()) -> tuple[np.ndarray, list[Any]]:
    """(code per row, distinct values); a missing cell has code ``len(distinct values)``.

    Text columns are coded by Arrow, without a Python object per row: first against ``common``
    (the usual spellings, ``index_in``), and only if some cell is not among them by
    ``dictionary_encode``. Other columns by ``pandas.factorize``.
    """
    if isinstance(col, _ARROW):
        if common:
            index = pc.index_in(col, value_set=pa.array(common, col.type))
            if index.null_count == 0:
                return index.to_numpy(zero_copy_only=False), list(common)
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()  # one dictionary for the column (a rare spelling: this column only)
        encoded = pc.dictionary_encode(col)
        uniques = encoded.dictionary.to_pylist()
        return pc.fill_null(encoded.indices, len(uniques)).to_numpy(zero_copy_only=False), uniques
    codes, factorized = pd.factorize(col, use_na_sentinel=True)
    return np.where(codes < 0, len(factorized), codes), list(factorized)


def _normalize_uniques(
    column: MemberColumn, convert: Any, dtype: Any = object, fill: Any = np.nan, common: tuple[str, ...] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``convert`` to each *distinct* cell, then spread back by code (column-wise, no row loop).

    ``common``: spellings to try first (see :func:`_codes_uniques`); each is read by ``convert``
    like any other cell. Returns (converted values per row as ``dtype``, mask of unreadable cells).
    """
    codes, uniques = _codes_uniques(column, common)
    converted = [convert(u) for u in uniques]  # loops over distinct spellings only
    values = np.array([c[0] for c in converted] + [fill], dtype=dtype)
    bad = np.array([c[1] for c in converted] + [False], dtype=bool)
    if values.dtype == object:
        return values.take(codes), (bad.take(codes) if bad.any() else np.zeros(len(codes), dtype=bool))
    return lookup(values, codes), (lookup(bad, codes) if bad.any() else np.zeros(len(codes), dtype=bool))


def _flag_column(column: MemberColumn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A flag column read with :func:`_to_flag` once per distinct spelling: (yes, no, unreadable)
    per row, spread by code through small lookup tables (no float per row)."""
    kind = _one_character_kinds(column) if isinstance(column, _ARROW) else None
    if kind is None:
        codes, uniques = _codes_uniques(column, (*FLAG_WORDS, ""))
        kind = _flag_kinds([_to_flag(u) for u in uniques] + [(np.nan, False)]).take(codes.astype(np.intp, copy=False))
    bad = kind == 3
    return kind == 1, kind == 2, bad if bad.any() else np.zeros(len(kind), dtype=bool)


def _flag_kinds(readings: list[tuple[float, bool]]) -> np.ndarray:
    """Flag readings as small codes: 0 blank, 1 yes, 2 no, 3 unreadable."""
    value = np.array([r[0] for r in readings], dtype=np.float64)
    bad = np.array([r[1] for r in readings], dtype=bool)
    return np.where(value == 1.0, 1, np.where(value == 0.0, 2, np.where(bad, 3, 0))).astype(np.int8)


def _one_character_kinds(col: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """:func:`_flag_column`'s codes for a text column whose every cell is empty or one ASCII character
    (flags written 1/0/x or left blank: the usual case), read from Arrow's buffers through a table of
    the 128 characters — no hashing; each character means what :func:`_to_flag` reads. ``None`` for
    any other column (nulls, longer cells, a NUL or non-ASCII byte)."""
    byte = single_characters(col)
    return None if byte is None else lookup(_BYTE_KINDS, byte)


def _category_spellings(words: dict[str, str], kind: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*kind, *words, ""]))


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())


def _to_flag(v: Any) -> tuple[float, bool]:
    return flag_value(v)


#: The flag reading of every one-byte cell: entry 0 is the empty cell, entry b the character chr(b).
_BYTE_KINDS = _flag_kinds([_to_flag("")] + [_to_flag(chr(b)) for b in range(1, 128)] + [(np.nan, True)] * 128)


def _to_number(v: Any) -> tuple[float, bool]:
    """A number of years (``40``, ``40,5``), NaN when blank; unreadable when negative or no number, and when a
    yes/no (a table's ``True``): a tick is no age, not 1 year old (nor ``False`` a newborn)."""
    if _blank(v) or v is pd.NA:
        return np.nan, False
    if isinstance(v, (bool, np.bool_)):
        return np.nan, True
    try:
        x = float(str(v).strip().replace(",", ".")) if not isinstance(v, (int, float)) else float(v)
    except ValueError:
        return np.nan, True
    return (x, False) if np.isfinite(x) and x >= 0 else (np.nan, True)


#: The oldest age a member's cells may give on the review date (input plausibility, not law): a birth
#: date, year of birth or age making a member older (``1095`` typed for ``1995``) is unreadable.
_OLDEST_AGE = 120


def _to_year(v: Any) -> tuple[float, bool]:
    """A year of birth (``1950``; a spreadsheet's number ``1950.0``), NaN when blank; unreadable when
    it is not a whole number of four digits."""
    if _blank(v) or v is pd.NA:
        return np.nan, False
    if isinstance(v, (bool, np.bool_)):
        return np.nan, True
    try:
        x = float(v) if isinstance(v, (int, float, np.number)) else float(str(v).strip())
    except ValueError:
        return np.nan, True
    return (x, False) if np.isfinite(x) and x == int(x) and 1000 <= x <= 9999 else (np.nan, True)


def _to_category(words: dict[str, str]) -> Any:
    def convert(v: Any) -> tuple[Any, bool]:
        if _blank(v) or v is pd.NA:
            return np.nan, False
        text = unicodedata.normalize("NFC", str(v).strip())
        key = fold(text)
        if text in words.values():
            return text, False
        return (words[key], False) if key in words else (np.nan, True)

    return convert


def _to_category_code(words: dict[str, str], kind: tuple[str, ...]) -> Any:
    convert = _to_category(words)

    def to_code(v: Any) -> tuple[int, bool]:
        value, bad = convert(v)
        return (kind.index(value) if isinstance(value, str) else -1), bad

    return to_code


def member_ages(
    birth_date: MemberColumn | pa.ChunkedArray,
    age: MemberColumn | pa.ChunkedArray | None,
    review_date: date,
) -> tuple[np.ndarray, np.ndarray]:
    """Age in completed years at ``review_date``: from ``birth_date`` where readable, else ``age``.

    A member whose birthday falls *on* the review date has that age (turns 6 on 2025-12-01 →
    aged 6 on 2025-12-01: "từ đủ 6 tuổi"). Someone born on 29 February has their birthday on
    1 March in common years. Returns (ages with NaN for unknown, mask of unreadable cells).
    Cells written ``YYYY-MM-DD`` or ``DD/MM/YYYY`` in ten characters are read from their bytes
    (:func:`~poverty_rules.vocabulary.dates.ten_character_days`); every other distinct birth date is
    parsed and aged once, then spread to its rows.
    """
    column = _column(birth_date)
    rest: np.ndarray | None = None  # the rows left to the general reader (None: every row)
    if isinstance(column, _ARROW):  # the usual YYYY-MM-DD / DD/MM/YYYY cells: no hashing of 3.8 M strings
        ymd, rows = ten_character_days(column)
        if len(rows) == len(column):
            from_birth, bad = _completed_years(ymd, review_date=review_date)
            rest = rows[:0]
        else:
            from_birth = np.full(len(column), np.nan)
            bad = np.zeros(len(column), dtype=bool)
            from_birth[rows], bad[rows] = _completed_years(ymd, review_date=review_date)
            todo = np.ones(len(column), dtype=bool)
            todo[rows] = False
            rest = np.flatnonzero(todo)
    else:
        from_birth = np.full(len(column), np.nan)
        bad = np.zeros(len(column), dtype=bool)
    if rest is None or rest.size:
        part = column if rest is None else _take_rows(column, rest)
        codes, uniques = _codes_uniques(part)
        years_u, bad_u = _completed_years(*_birth_parts(uniques), review_date=review_date)
        where = slice(None) if rest is None else rest
        from_birth[where], bad[where] = years_u.take(codes), bad_u.take(codes)
    if age is None:
        return from_birth, bad
    given, bad_age = _given_ages(age)
    return np.where(np.isnan(from_birth), np.floor(given), from_birth), bad | bad_age


def _given_ages(age: MemberColumn | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """The ``age`` column as numbers (NaN: blank or unreadable), and which cells are unreadable: not a
    number of years, or over :data:`_OLDEST_AGE`."""
    given, bad = _normalize_uniques(_column(age), _to_number, dtype=np.float64)
    too_old = np.floor(given) > _OLDEST_AGE  # completed years: 120.5 is 120
    return np.where(too_old, np.nan, given), bad | too_old


def member_age_bounds(
    birth_date: MemberColumn | pa.ChunkedArray,
    birth_year: MemberColumn | pa.ChunkedArray | None,
    age: MemberColumn | pa.ChunkedArray | None,
    review_date: date,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each member's age at ``review_date`` as the lowest and highest age it can be (``-inf`` and
    ``inf`` when unknown), and which rows have an unreadable cell: from ``birth_date`` where readable (one age, as
    :func:`member_ages`), else from ``birth_year``, else from ``age``; (-inf, inf) when none is known.

    A year of birth alone gives two ages, ``year of review - year of birth`` when the birthday is on or
    before the review date's day and one less after it (docs/members.md "Age"): a rule on the age is
    decided only where both agree (born in 1950, the member is 75 or 76 on 2026-12-01: "60 or older" is
    true, "76 or older" unknown). Born in the review year: 0; on 31 December every birthday has passed:
    one age. A year after the review year is unreadable, as a birth date after the review date is, and
    so is a year making the member surely older than :data:`_OLDEST_AGE` (as a birth date or age would).
    """
    from_birth, bad = member_ages(birth_date, None, review_date)
    lo, hi = np.array(from_birth, dtype=np.float64), np.array(from_birth, dtype=np.float64)
    if birth_year is not None:
        years, bad_year = _normalize_uniques(_column(birth_year), _to_year, dtype=np.float64)
        oldest = review_date.year - years
        youngest = oldest if (review_date.month, review_date.day) == (12, 31) else np.maximum(oldest - 1, 0)
        too_old = youngest > _OLDEST_AGE
        use = np.isnan(lo) & (oldest >= 0) & ~too_old
        lo[use], hi[use] = youngest[use], oldest[use]
        bad = bad | bad_year | (oldest < 0) | too_old
    if age is not None:
        given, bad_age = _given_ages(age)
        use = np.isnan(lo)
        lo[use] = hi[use] = np.floor(given[use])
        bad = bad | bad_age
    unknown = np.isnan(lo)
    return np.where(unknown, -np.inf, lo), np.where(unknown, np.inf, hi), bad


def _completed_years(
    ymd: np.ndarray, unreadable: np.ndarray | None = None, *, review_date: date
) -> tuple[np.ndarray, np.ndarray]:
    """Age in completed years at ``review_date`` of each (year, month, day) row (NaN: no date), and
    which are unreadable (``unreadable``, a birth after the review date, or an age over :data:`_OLDEST_AGE`)."""
    is_date = ~np.isnan(ymd[:, 0]) if ymd.dtype.kind == "f" else np.ones(len(ymd), dtype=bool)
    before_birthday = (review_date.month < ymd[:, 1]) | (
        (review_date.month == ymd[:, 1]) & (review_date.day < ymd[:, 2])
    )
    years = review_date.year - ymd[:, 0] - before_birthday
    bad = is_date & ((years < 0) | (years > _OLDEST_AGE))
    return np.where(is_date & ~bad, years, np.nan), bad if unreadable is None else unreadable | bad


def _column(values: Any) -> MemberColumn:
    """A column given to the library (Series, Arrow array, sequence) in the form read here."""
    text = _text_array(values)
    if text is not None:
        return text
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values.to_pandas()
    return values if isinstance(values, pd.Series) else pd.Series(values)


def _day_text(value: Any) -> str:
    """A birth date cell as text: a date, datetime or pandas Timestamp (a datetime64 column) by its day
    (``2019-12-01``, not ``2019-12-01T00:00:00``, which no format reads), a whole number from a column of
    numbers without its ``.0`` (``1095``), anything else as written."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return "" if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, float | np.floating) and float(value).is_integer():  # a year in a column of numbers
        return str(int(value))
    return str(value).strip()


def _birth_parts(uniques: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """(year, month, day) as floats for each distinct birth date, plus a last row (NaN) for a
    missing cell; and which are unreadable. NaN when blank or unreadable.

    Accepted: ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD-MM-YYYY`` (Vietnamese forms write the day first).
    """
    texts = pd.Series(uniques, dtype=object).map(_day_text)
    # microseconds: [ns] ends in 1677 and 2262, and a date outside (1500-01-01) stopped the run
    parsed = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[us]")
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        todo = parsed.isna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(texts[todo], format=fmt, errors="coerce")
    table = np.full((len(uniques) + 1, 3), np.nan)
    ok = parsed.notna().to_numpy()
    table[:-1][ok, 0] = parsed.dt.year.to_numpy(dtype=float, na_value=np.nan)[ok]
    table[:-1][ok, 1] = parsed.dt.month.to_numpy(dtype=float, na_value=np.nan)[ok]
    table[:-1][ok, 2] = parsed.dt.day.to_numpy(dtype=float, na_value=np.nan)[ok]
    blank = (texts == "").to_numpy() | texts.isin(["nan", "NaT", "None"]).to_numpy()
    return table, np.append(~ok & ~blank, False)


def build_member_table(
    members: pa.Table | pd.DataFrame,
    household_ids: pd.Series | pa.Array | pa.ChunkedArray,
    review_date: date,
    working_ages: WorkingAges | None = None,
    units: tuple[pa.Array, pa.Array] | None = None,
    repeats: np.ndarray | bool = False,
) -> MemberTable:
    """Match member rows to households and normalize every known field, column by column.

    ``members`` may be an Arrow table (as :func:`poverty_rules.data.read.read_csv_table` reads the
    members file: all text) or a pandas DataFrame; text columns stay Arrow, each distinct spelling
    is read once. Flags accept 1/0, yes/no, true/false, có/không, x; blank = unknown. Unreadable
    cells become unknown and are counted in ``notes``. Member rows whose household is not in the
    household table (or was rejected) are left out and counted in ``notes``. ``working_ages``
    (from, surely-below, surely-past) fills a blank ``working_age`` (see :func:`working_ages`);
    ``None`` leaves it blank. ``units``: each member row's and each household's commune (as data/ids.py
    ``commune_units`` names it), when both files place their rows: a code is then matched within its
    commune, so a district file's code used in two communes joins each commune's members to its own
    household; without them a code two households share joins neither. ``repeats``: look for the rows that
    repeat an earlier row cell for cell (:func:`repeated_rows`, counted under :data:`REPEATED`), true or the
    rows never to count as one (a ragged row, its cells blanked).
    """
    n = len(household_ids)
    note_counts: dict[str, int] = {}
    m = _member_columns(members)
    if "household_id" not in m:
        raise ValueError("the members file needs a household_id column (Mã hộ)")

    member_codes: list[pa.Array | pa.ChunkedArray] = []
    household_codes: list[pa.Array | pa.ChunkedArray] = []

    def match() -> np.ndarray:
        member_codes.append(_ids(m["household_id"]))
        codes = _ids(household_ids)
        household_codes.append(codes)
        keys = member_codes[0] if units is None else _in_units(units[0], member_codes[0])
        codes = codes if units is None else _in_units(units[1], codes)
        pos = _household_positions(keys, codes)
        shared = _shared_codes(codes)
        if len(shared):  # a code of several households (one per commune): whose member is this? none's
            pos[pc.is_in(keys, value_set=shared).to_numpy(zero_copy_only=False)] = -1
        return pos

    n_rows = len(m["household_id"])
    jobs: dict[str, Callable[[], Any]] = {
        "household_id": match,
        "age": partial(
            member_age_bounds,
            m.get("birth_date", pa.nulls(n_rows, pa.string())),
            m.get("birth_year"),
            m.get("age"),
            review_date,
        ),
    }
    for name, (kind, _) in MEMBER_FIELDS.items():
        col = m.get(name)
        if name == "age" or col is None:
            continue
        if kind == "flag":
            jobs[name] = partial(_flag_column, col)
        elif isinstance(kind, tuple):
            words = _CATEGORY_WORDS.get(name, {})
            convert = _to_category_code(words, kind)
            jobs[name] = partial(_normalize_uniques, col, convert, np.int16, -1, _category_spellings(words, kind))
    done = _run_jobs(jobs)  # columns are independent: Arrow and numpy kernels run outside the GIL

    pos_all = done.pop("household_id")
    ages_all = done["age"][0]  # every row's, matched or not: what two rows alike share beside their household
    matched = pos_all >= 0
    unmatched: list[str] = []
    unreadable_pairs: dict[str, list[str]] = {}
    if not matched.all():
        note_counts[UNMATCHED] = int((~matched).sum())
        placed = member_codes[0] if units is None else _in_units(units[0], member_codes[0])  # named with its commune
        unmatched = first_codes(placed.filter(pa.array(~matched)))
        loose = member_codes[0].filter(pa.array(~matched))
        zeros = zero_codes(loose, household_codes[0])
        if zeros.any():  # codes one file wrote with leading zeros, the other without: said in the note
            note_counts[ZERO_CODES] = int(zeros.sum())
            unreadable_pairs[ZERO_CODES] = first_codes(loose.filter(pa.array(zeros)))
        rows = np.flatnonzero(matched)
        done = {name: tuple(a[rows] for a in arrays) for name, arrays in done.items()}
        pos = pos_all[rows]
    else:
        rows = None
        pos = pos_all
    n_members = len(pos)
    counts = np.bincount(pos, minlength=n)
    values: dict[str, Any] = {}
    unreadable: dict[str, list[str]] = dict(unreadable_pairs)
    unreadable_at: dict[str, int] = {}

    def note_bad(name: str, bad: np.ndarray) -> None:
        if bad.any():
            note_counts[name] = int(bad.sum())
            where = np.flatnonzero(bad) if rows is None else rows[bad]
            unreadable[name] = first_codes(_cells(m, name, where, review_date))
            unreadable_at[name] = int(where[0])

    youngest, oldest, bad = done["age"]
    note_bad("birth_date/age", bad)
    age = Interval(youngest, oldest)
    values["age"] = age
    flags: dict[str, Bool3] = {}
    for name, (kind, _) in MEMBER_FIELDS.items():
        if name == "age":
            continue
        if kind == "flag":
            if name not in done:
                flags[name] = Bool3(np.zeros(n_members, dtype=bool), np.zeros(n_members, dtype=bool))
            else:
                t, f, bad = done[name]
                note_bad(name, bad)
                flags[name] = Bool3(t, f)
        elif isinstance(kind, tuple):
            if name not in done:
                codes = np.full(n_members, -1, dtype=np.int16)
            else:
                codes, bad = done[name]
                note_bad(name, bad)
            values[name] = (codes, kind)
    _complete_flags(flags, values, age, working_ages)
    values.update(flags)
    in_order = n_members < 2 or bool((pos[1:] >= pos[:-1]).all())
    repeated = None
    if repeats is not False:  # the join's household positions: two rows alike in every cell are in one
        skip = None if repeats is True else np.asarray(repeats, dtype=bool)
        repeated = repeated_rows(members, pos_all, skip, m.get("member_id"), ages_all)
        if repeated[0].size:
            note_counts[REPEATED] = int(repeated[0].size)
    table = MemberTable(pos, n, counts, values, [], note_counts, np.cumsum(counts) if in_order else None)
    table.unmatched = unmatched
    table.unreadable = unreadable
    table.unreadable_at = unreadable_at
    table.member_codes = member_codes[0]
    table.repeated = repeated
    table.notes = member_notes(note_counts, unmatched, unreadable, repeated=repeated_said(table))
    return table


#: The columns two member rows of one household are compared by first: after them, few rows are left to compare.
_FIRST_COMPARED = ("member_id", "birth_date", "birth_year", "age", "sex", "household_id")


def repeated_rows(
    members: pa.Table | pd.DataFrame,
    households: np.ndarray,
    skip: np.ndarray | None = None,
    first: MemberColumn | None = None,
    alike: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The member rows whose every cell equals an earlier row's (a row pasted twice), and for each that
    earlier row: two arrays of positions (later, earlier), in file order, of the rows of a household only
    (each counts as one of its persons; a row of no household is left out, and said so, whoever it
    repeats). ``households``: each row's household position as the join found it (-1: none), a function of
    the row's cells, so two rows alike are alike in it; ``first``: the member codes as the join read them
    (``member_id``); ``alike``: a number per row that rows alike in every cell share (the age the join
    read from the birth date …, NaN one value). Rows where ``skip`` is true (a ragged row, its cells
    blanked) are never one of them.

    Exact, and cheap where a file lists each household's rows together: a household whose member codes
    rise from row to row (01, 02 …) has no two rows alike, found in one comparison of neighbours; of the
    others, only the rows sharing ``alike`` with another row of their household (a comparison of rows a
    few apart), are compared, column by column, each column only among the rows still alike in the ones
    before. A column of cells that cannot be compared (lists in a
    DataFrame) leaves nothing found."""
    none = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    names = [str(c) for c in (members.column_names if isinstance(members, pa.Table) else members.columns)]
    households = np.asarray(households, dtype=np.int64)
    if households.size < 2 or not names:
        return none
    matched = households >= 0
    at = _doubtful_rows(households, matched if skip is None else matched & ~skip, first, alike)
    if at.size < 2:
        return none
    order = [name for name in _FIRST_COMPARED if name in names] + [
        name for name in names if name not in _FIRST_COMPARED
    ]
    codes = households[at] + 1
    for name in [None, *order]:
        if name is not None:
            cells = _repeat_codes(members, names.index(name), at)
            if cells is None:
                return none
            # < n² for n rows: no overflow below 3·10⁹ rows
            codes = pd.factorize(codes * (int(cells.max(initial=0)) + 1) + cells)[0].astype(np.int64)
        alike = np.bincount(codes)[codes] > 1
        if not alike.any():
            return none
        at, codes = at[alike], codes[alike]
    codes = pd.factorize(codes)[0].astype(np.int64)
    _, earliest = np.unique(codes, return_index=True)
    earlier = at[earliest[codes]]
    later = at != earlier
    return at[later], earlier[later]


#: Rows this many apart or more in one household are not compared by ``alike``: such a household's rows all are.
_ALIKE_REACH = 16


def _doubtful_rows(
    households: np.ndarray, searched: np.ndarray, first: MemberColumn | None, alike: np.ndarray | None
) -> np.ndarray:
    """The positions of the ``searched`` rows of households (``households`` >= 0) that may be alike: every
    row of a household with two rows or more, except, where the rows are in household order, a household
    whose member codes (``first``) rise from row to row, all different, and a row sharing ``alike`` with
    no other row of its household."""
    idx = None if searched.all() else np.flatnonzero(searched)
    of = households if idx is None else households[idx]
    if of.size < 2:
        return np.zeros(0, dtype=np.int64)
    together = of[1:] == of[:-1]
    if not together.any() and bool((of[1:] > of[:-1]).all()):  # one row per household
        return np.zeros(0, dtype=np.int64)
    if not bool((of[1:] >= of[:-1]).all()):
        kept = np.bincount(of)[of] > 1
        return np.flatnonzero(kept) if idx is None else idx[kept]
    kept = np.ones(of.size, dtype=bool)
    rising = _rising(first, idx)
    if rising is not None:
        doubt = together & ~rising  # a household's row whose code is not above the row before's
        marked = np.zeros(int(of[-1]) + 1, dtype=bool)
        marked[of[1:][doubt]] = True
        kept = marked[of]
    if alike is not None and kept.any():
        kept &= _alike_nearby(of, np.nan_to_num(alike if idx is None else alike[idx], nan=-np.inf))
    return np.flatnonzero(kept) if idx is None else idx[kept]


def _alike_nearby(of: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For rows in household order (``of``, never decreasing), whether each shares its value with another
    row of its household; every row of a household of :data:`_ALIKE_REACH` rows or more is."""
    n = of.size
    found = np.zeros(n, dtype=bool)
    for apart in range(1, _ALIKE_REACH):
        same = of[apart:] == of[: n - apart]
        if not same.any():
            return found
        same &= values[apart:] == values[: n - apart]
        found[apart:] |= same
        found[: n - apart] |= same
    starts = np.flatnonzero(np.r_[True, of[1:] != of[:-1]])
    sizes = np.diff(np.r_[starts, n])
    return found | np.repeat(sizes >= _ALIKE_REACH, sizes)


def _rising(codes: MemberColumn | None, rows: np.ndarray | None) -> np.ndarray | None:
    """For each row of ``codes`` (at ``rows``: all when None) but the first, whether its cell is above the
    row before's (text by text, numbers by number; an empty cell is above none), so differs from it; None
    when there is no such column or its cells cannot be ordered."""
    if codes is None:
        return None
    cells = codes if rows is None else _take_rows(codes, rows)
    k = len(cells)
    if isinstance(cells, _ARROW):
        above = pc.greater(cells.slice(1), cells.slice(0, k - 1))
        return pc.fill_null(above, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)
    if not pd.api.types.is_numeric_dtype(cells.dtype) or pd.api.types.is_bool_dtype(cells.dtype):
        return None
    values = cells.to_numpy(dtype="float64", na_value=np.nan)
    return values[1:] > values[:-1]


def _repeat_codes(members: pa.Table | pd.DataFrame, column: int, rows: np.ndarray) -> np.ndarray | None:
    """Codes 0, 1 … of one column's cells at ``rows``, equal where the cells are (an empty cell is one
    value); None for cells that cannot be compared."""
    if isinstance(members, pa.Table):
        col = members.column(column).take(pa.array(rows, pa.int64()))
        try:
            encoded = pc.dictionary_encode(col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col)
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
            return None
        indices = encoded.indices.to_numpy(zero_copy_only=False)
        return np.where(np.isnan(indices), len(encoded.dictionary), indices).astype(np.int64)
    try:
        return pd.factorize(members.iloc[rows, column], use_na_sentinel=False)[0].astype(np.int64)
    except TypeError:  # lists, dicts: no cell to compare
        return None


def repeated_said(table: MemberTable, first_row: int = 2) -> list[tuple[int, int, str]]:
    """The first rows :func:`repeated_rows` found in ``table``'s members (at most :data:`UNMATCHED_SHOWN`), as
    the note on them names them: (row, the row it repeats, its household code as matched), the rows of the
    table numbered from ``first_row`` (2: as a file's, its header row 1; 0: positions)."""
    if table.repeated is None or not table.repeated[0].size:
        return []
    later, earlier = (a[:UNMATCHED_SHOWN] for a in table.repeated)
    codes = [] if table.member_codes is None else table.member_codes.take(pa.array(later, pa.int64())).to_pylist()
    codes = codes or [""] * len(later)
    return [
        (int(r) + first_row, int(f) + first_row, "" if c is None else str(c))
        for r, f, c in zip(later, earlier, codes, strict=True)
    ]


def _cells(m: dict[str, MemberColumn], name: str, rows: np.ndarray, review_date: date) -> pa.Array:
    """The cells of column ``name`` at ``rows`` as written (text), for the note on its unreadable cells;
    for ``birth_date/age`` the birth date where it is the unreadable one, else the year of birth where
    it is, else the age."""

    def text(column: str) -> pa.Array:
        col = m.get(column)
        if col is None:
            return pa.array([""] * len(rows), pa.string())
        taken = _take_rows(col, rows)
        if isinstance(taken, _ARROW):
            cells = taken.cast(pa.string())
            return (cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells).fill_null("")
        return pa.array(["" if _table_missing(v) else _day_text(v) for v in taken], pa.string())

    if name != "birth_date/age":
        return text(name)
    birth, year = text("birth_date"), text("birth_year")
    _, birth_bad = member_ages(birth, None, review_date)
    _, _, year_bad = member_age_bounds(pa.nulls(len(rows), pa.string()), year, None, review_date)
    return pc.if_else(pa.array(birth_bad), birth, pc.if_else(pa.array(year_bad), year, text("age")))


#: The count of member rows matched to no household, in :attr:`MemberTable.note_counts`.
UNMATCHED = ""
#: The count of households with no member row whose member-derived marks are left unknown (in the
#: counts :func:`apply_members` gives), and their first codes (beside each column's unreadable cells).
NO_ROWS = "\x00no member rows"
#: The codes of such rows the note names, at most (the first ones in the file).
UNMATCHED_SHOWN = 5
#: The count of member rows matched to no household whose code differs from a household's only by leading
#: zeros (``0012`` and ``12``), and their first codes (beside each column's unreadable cells): said in the
#: note on rows of no household.
ZERO_CODES = "\x00codes differing by leading zeros"
#: The count of member rows that repeat an earlier row cell for cell (:func:`repeated_rows`).
REPEATED = "\x00repeated rows"


def zero_codes(loose: pa.Array | pa.ChunkedArray, households: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Which of the member rows of no household (``loose``, their codes) have a code that, leading zeros
    taken off, is a household's code (``households``), zeros taken off too (``0012`` of ``12``, ``34`` of
    ``0034``: one file's cells kept the zeros, the other's dropped them)."""
    bare = bare_codes(loose)
    found = pc.fill_null(pc.is_in(bare, value_set=bare_codes(households)), False).to_numpy(zero_copy_only=False)
    return np.asarray(found & pc.not_equal(bare, "").to_numpy(zero_copy_only=False), dtype=bool)


def bare_codes(codes: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Codes with their leading zeros taken off (``0012`` → ``12``; ``000`` → empty), as one array."""
    bare = pc.utf8_ltrim(codes, characters="0")
    return bare.combine_chunks() if isinstance(bare, pa.ChunkedArray) else bare


def first_codes(codes: pa.Array | pa.ChunkedArray, known: list[str] | None = None) -> list[str]:
    """The distinct codes of ``codes`` in the order they first come, after those ``known`` already (kept
    in front), up to one more than :data:`UNMATCHED_SHOWN` (the note says "…" when there are more)."""
    out = list(known or [])
    if len(out) > UNMATCHED_SHOWN:
        return out
    for code in pc.unique(codes).to_pylist():
        if code not in out:
            out.append("" if code is None else str(code))
            if len(out) > UNMATCHED_SHOWN:
                break
    return out


#: The columns whose unreadable cells are noted, in the order of the notes.
_NOTED_COLUMNS = ("birth_date/age", *(name for name in MEMBER_FIELDS if name != "age"))


def _named(cells: list[str] | None, empty: str | None = None) -> str:
    """The first codes or cells a note names (:func:`first_codes`), quoted, then "…" when there are more;
    an empty one as ``empty`` when given (a member row with no household code: ``(no code)``). A code placed
    in its commune (:func:`_in_units`: both files name their communes, where codes restart in each) is named
    with it, ``'1' (Xã Nghi An)``."""
    shown = []
    for cell in (cells or [])[:UNMATCHED_SHOWN]:
        unit, placed, code = cell.rpartition("\x1f")
        text = empty if empty is not None and not code else repr(code)
        commune = _unit_name(unit) if placed else ""
        shown.append(f"{text} ({commune})" if commune else str(text))
    return ", ".join(shown) + (" …" if cells and len(cells) > UNMATCHED_SHOWN else "")


def _unit_name(unit: str) -> str:
    """A commune unit (data/ids.py ``unit_label``) as a note names it: ``name|Tỉnh A|Xã B`` → ``Xã B``,
    ``code|40|17028`` → ``40/17028``, ``code||17028`` → ``17028``; ``""`` for no commune."""
    kind, _, rest = unit.partition("|")
    province, _, commune = rest.partition("|")
    if kind == "code":
        return f"{province}/{commune}" if province else commune
    return commune if kind == "name" else ""


def unmatched_said(
    counts: dict[str, int],
    unmatched: list[str] | None,
    unreadable: dict[str, list[str]] | None,
    lang: str,
    without: frozenset[str] = frozenset(),
) -> str:
    """The note on member rows of no household (:func:`member_notes`), in ``lang``, naming their first codes
    (``unmatched``), then those whose code differs from a household's only by leading zeros
    (:func:`zero_codes_said`); ``""`` when there is none. ``without``: the codes differing by zeros said
    elsewhere (the review's note, review/yearly.py), left out of the count and the codes, and the zeros' part
    with them."""
    count = counts.get(UNMATCHED, 0) - (counts.get(ZERO_CODES, 0) if without else 0)
    if count <= 0:
        return ""
    shown = [cell for cell in unmatched or [] if cell.rpartition("\x1f")[2] not in without]
    said = W.msg("n_member_unmatched", lang, count=count, codes=_named(shown, W.msg("member_code_empty", lang)))
    return said if without else said + zero_codes_said(counts, unreadable, lang)


def zero_codes_said(counts: dict[str, int], unreadable: dict[str, list[str]] | None, lang: str) -> str:
    """The part of the note on member rows of no household (:func:`member_notes`) on those whose code differs
    from a household's only by leading zeros (``; 1 dòng trong số đó … ('007') …``), in ``lang``; ``""`` when none
    does. The review folds it into its own note when the history holds those codes (review/yearly.py)."""
    if not counts.get(ZERO_CODES):
        return ""
    named = _named((unreadable or {}).get(ZERO_CODES))
    return "; " + W.msg("n_member_zero_codes", lang, count=counts[ZERO_CODES], codes=named)


def member_notes(
    counts: dict[str, int],
    unmatched: list[str] | None = None,
    unreadable: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
    rows: dict[str, int] | None = None,
    repeated: list[tuple[int, int, str]] | None = None,
    pair: str = "member_repeated_pair",
) -> list[dict[str, str]]:
    """The notes about a members file (docs/members.md), each in every language, from what they count
    (:attr:`MemberTable.note_counts`, or those of several batches added up): the member rows matched to
    no household first, naming the first of their codes (``unmatched``, :func:`first_codes`), then each
    column's unreadable cells in the fields' order, naming the first of them as written (``unreadable``)
    and the column as the file heads it (``headers``: ``Ngày sinh`` for ``birth_date``), and the members
    file's row of its first unreadable cell when known (``rows``: the officer's row number); the households
    left unknown for want of member rows second (:data:`NO_ROWS`, their first codes under that key of
    ``unreadable``); last, the rows that repeat an earlier row cell for cell (:data:`REPEATED`), naming the
    first of them (``repeated``: the row, the earlier row, the household code), each still a person; ``pair``
    the words naming one (``member_repeated_listed``: a household's own members, numbered from 1)."""
    notes = []
    if counts.get(UNMATCHED):
        notes.append({lang: unmatched_said(counts, unmatched, unreadable, lang) for lang in ("vi", "en")})
    if counts.get(NO_ROWS):  # households left unknown for want of member rows: their first codes
        notes.append(W.texts("n_member_no_rows", count=counts[NO_ROWS], codes=_named((unreadable or {}).get(NO_ROWS))))
    for column in _NOTED_COLUMNS:
        if counts.get(column):
            kind = "flag" if column in MEMBER_FIELDS and MEMBER_FIELDS[column][0] == "flag" else column
            expected = {lang: text.format(oldest=_OLDEST_AGE) for lang, text in W.MEMBER_EXPECTED[kind].items()}
            cells = _named((unreadable or {}).get(column))
            header = (headers or {}).get(column, column)
            said = {"column": header, "count": counts[column], "cells": cells, "expected": expected}
            row = (rows or {}).get(column)
            notes.append(
                W.texts("n_member_unreadable_at", **said, row=row) if row else W.texts("n_member_unreadable", **said)
            )
    if counts.get(REPEATED):
        shown = (repeated or [])[:UNMATCHED_SHOWN]
        pairs = {
            lang: "; ".join(W.msg(pair, lang, row=r, first=f, code=c) for r, f, c in shown)
            + (" …" if counts[REPEATED] > len(shown) else "")
            for lang in ("vi", "en")
        }
        notes.append(W.texts("n_member_repeated", count=counts[REPEATED], pairs=pairs))
    return notes


def _run_jobs(jobs: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run independent column conversions, on a few threads when the machine has several cores."""
    workers = min(_MAX_WORKERS, os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        return {name: job() for name, job in jobs.items()}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def _complete_flags(
    flags: dict[str, Bool3], values: dict[str, Any], age: Interval, working_ages: WorkingAges | None
) -> None:
    """Fill blanks that other fields settle (each documented in docs/members.md).

    * ``working_age`` blank, with ``working_ages = (from, below, past)`` from the ruleset: under
      ``from`` → no; ``from`` to under ``below`` → yes; ``past`` or older → no (when the ruleset
      gives ``past``); otherwise unknown (our assumption, tagged U in the ruleset's parameters
      ``working_age_from`` / ``working_age_surely_below`` / ``working_age_surely_past``); an age
      known only as one of two (a year of birth) settles it only where both ages do.
    * ``wage_without_contract`` blank for someone unemployed or outside the labour force → no.
    * ``in_education`` blank while ``attending_right_level`` is yes → yes.
    """
    if working_ages is not None:
        start, below, past = working_ages
        wa = flags["working_age"]
        blank = wa.unknown
        surely = (age.lo >= start) & (age.hi < below)
        surely_not = age.hi < start
        if past is not None:
            surely_not = surely_not | (age.lo >= past)
        flags["working_age"] = Bool3(wa.t | (blank & surely), wa.f | (blank & surely_not))
    emp_codes, emp_values = values["employment"]
    not_working = (emp_codes == emp_values.index("unemployed")) | (emp_codes == emp_values.index("not_in_labour_force"))
    wwc = flags["wage_without_contract"]
    flags["wage_without_contract"] = Bool3(wwc.t, wwc.f | (wwc.unknown & not_working))
    edu = flags["in_education"]
    flags["in_education"] = Bool3(edu.t | (edu.unknown & flags["attending_right_level"].t), edu.f)


# --------------------------------------------------------------------------- evaluation


class _MemberContext(Context):
    """Evaluates a member-level condition over member rows (one entry per member).

    ``member.<field>`` reads the member table; a household-level name is broadcast from the
    household context to each of its members.
    """

    def __init__(self, household: Context, table: MemberTable) -> None:  # noqa: D107 - no super(): not a frame
        self.household = household
        self.table = table
        self.compiled = household.compiled
        self.rs = household.rs
        self.frame = pd.DataFrame()
        self.n = len(table.pos)
        self.cache = {}
        self.urban = household.urban[table.pos]
        #: The ages ``member.age`` reads, when not the table's (:func:`_member_condition` pins each
        #: member known by a year of birth to one of its two ages).
        self.age: Interval | None = None

    def var(self, name: str) -> Value:
        if name not in self.cache:
            if name in self.rs.parameters:  # a threshold: built over the member rows, not gathered
                self.cache[name] = super()._resolve(name)
            else:
                self.cache[name] = _take(self.household.var(name), self.table.pos)
        return self.cache[name]

    def known(self, name: str) -> np.ndarray:
        return self.household.known(name)[self.table.pos]

    def compute(self, e: ex.Expr) -> Value:
        if isinstance(e, ex.MemberField):
            return self._field(e.name)
        if isinstance(e, ex.Const):  # one array per constant over all member rows (values are never mutated)
            key = f"\0const:{type(e.value).__name__}:{e.value!r}"
            if key not in self.cache:
                self.cache[key] = super().compute(e)
            return self.cache[key]
        if isinstance(e, ex.Compare) and e.op in ("==", "!="):
            cat = self._category_test(e.left, e.right, (e.right,)) or self._category_test(e.right, e.left, (e.left,))
            if cat is not None:
                return cat if e.op == "==" else Bool3(cat.f, cat.t)
        if isinstance(e, ex.InSet):
            cat = self._category_in(e)
            if cat is not None:
                return cat
        return super().compute(e)

    def _field(self, name: str) -> Value:
        if name not in MEMBER_FIELDS:
            raise ValueError(f"member.{name} is not a member field (known: {', '.join(MEMBER_FIELDS)})")
        if name == "age" and self.age is not None:
            return self.age
        v = self.table.values[name]
        if isinstance(v, tuple):
            codes, cats = v
            known = codes >= 0
            return Text(np.where(known, np.asarray(cats, dtype=object)[np.maximum(codes, 0)], None))  # type: ignore[arg-type]
        return v

    def _category_codes(self, e: ex.Expr) -> tuple[np.ndarray, tuple[str, ...]] | None:
        if isinstance(e, ex.MemberField) and isinstance(self.table.values.get(e.name), tuple):
            return self.table.values[e.name]  # type: ignore[return-value]
        return None

    def _category_test(self, field_expr: ex.Expr, other: ex.Expr, _: tuple[ex.Expr, ...]) -> Bool3 | None:
        cat = self._category_codes(field_expr)
        if cat is None or not (isinstance(other, ex.Const) and isinstance(other.value, str)):
            return None
        return self._codes_in(field_expr, cat, (other.value,))

    def _category_in(self, e: ex.InSet) -> Bool3 | None:
        cat = self._category_codes(e.operand)
        if cat is None:
            return None
        b = self._codes_in(e.operand, cat, tuple(str(v) for v in e.values))
        return Bool3(b.f, b.t) if e.negate else b

    @staticmethod
    def _codes_in(field_expr: ex.Expr, cat: tuple[np.ndarray, tuple[str, ...]], wanted: tuple[str, ...]) -> Bool3:
        codes, values = cat
        stray = [w for w in wanted if w not in values]
        if stray:
            name = field_expr.name if isinstance(field_expr, ex.MemberField) else "?"
            raise ValueError(f"member.{name} is never {', '.join(map(repr, stray))} (values: {', '.join(values)})")
        hit = np.zeros(len(codes), dtype=bool)
        for code in {values.index(w) for w in wanted}:  # a few comparisons of small ints: no gather
            hit |= codes == code
        return Bool3(hit, (codes >= 0) & ~hit)


def _take(v: Value, pos: np.ndarray) -> Value:
    if isinstance(v, Interval):
        return Interval(v.lo[pos], v.hi[pos])
    if isinstance(v, Bool3):
        return Bool3(v.t[pos], v.f[pos])
    return Text(v.values[pos])


def evaluate_member_aggregate(ctx: Context, expr: ex.MemberAggregate) -> Value:
    """``any/all/count/sum(member, …)`` per household, three-valued, by group-wise column operations.

    The member table is ``ctx.members`` (set by :func:`apply_members`). Per household:

    * ``any``: true if some member certainly satisfies the condition; false if every member
      certainly does not; otherwise unknown.
    * ``all``: true if every member certainly satisfies it; false if some member certainly does not.
    * ``count(member, cond)``: the interval [members certainly satisfying, members possibly
      satisfying]; ``count(member)``: the number of member rows.
    * ``sum(member, x)``: the interval [Σ lower bounds, Σ upper bounds].

    A household with no member rows (or a context with no member table) is *unknown* for every
    aggregate — never 0 or false: a household always has at least its head, so zero rows means
    "no member data", not "no members". Its counts are ``[0, +inf]`` and its sums ``[-inf, +inf]``.
    """
    n = ctx.n
    table: MemberTable | None = getattr(ctx, "members", None)
    if expr.func == "persons":  # the member rows, else the household's own number of persons
        return _persons(ctx, table)
    if table is None or table.n_households != n:
        return unknown_aggregate(expr.func, n)
    has = table.has_members
    counts = table.counts.astype(np.float64)
    if expr.func == "count" and expr.operand is None:
        return Interval(np.where(has, counts, 0.0), np.where(has, counts, np.inf))
    assert expr.operand is not None
    if expr.func == "sum":
        v = _member_context(ctx, table).number(expr.operand)
        lo = np.bincount(table.pos, weights=v.lo, minlength=n)
        hi = np.bincount(table.pos, weights=v.hi, minlength=n)
        return Interval(np.where(has, lo, -np.inf), np.where(has, hi, np.inf))
    b = _member_condition(ctx, table, expr.operand)
    n_true = _count_by_household(table, b.t)
    n_false = _count_by_household(table, b.f)
    if expr.func == "any":
        return Bool3(n_true > 0, has & (n_false == table.counts))
    if expr.func == "all":
        return Bool3(has & (n_true == table.counts), n_false > 0)
    if expr.func == "count":
        lo = n_true.astype(np.float64)
        hi = (table.counts - n_false).astype(np.float64)
        return Interval(np.where(has, lo, 0.0), np.where(has, hi, np.inf))
    raise ValueError(f"unknown member aggregate {expr.func}")


def household_sizes(frame: pd.DataFrame) -> np.ndarray:
    """Each household's ``household_size`` (Số nhân khẩu) as a number of persons: a whole number of 1 or more,
    else NaN (blank, or no number of persons: ``ba``, ``2.5``, ``0``, a yes/no)."""
    if "household_size" not in frame:
        return np.full(len(frame), np.nan)
    column = frame["household_size"]
    text = column.astype("string").str.strip() if column.dtype == object or str(column.dtype) == "string" else None
    sizes = pd.to_numeric(text if text is not None else column, errors="coerce").to_numpy(dtype=float)
    whole = np.isfinite(sizes) & (sizes >= 1) & (np.floor(sizes) == sizes)
    if text is not None:  # '2.0' is two persons, 'TRUE' / '1.5' / '' none
        whole &= text.str.fullmatch(r"\d+(\.0+)?").fillna(False).to_numpy(dtype=bool)
    return np.where(whole, sizes, np.nan)


def _persons(ctx: Context, table: MemberTable | None) -> Interval:
    """``persons(member)``: the household's member rows where it has some, else its ``household_size`` where
    that is a number of persons, else unknown (``[0, +inf]``): the persons the floor area is shared by."""
    sizes = getattr(ctx, "household_sizes", None)
    if sizes is None or len(sizes) != ctx.n:
        sizes = household_sizes(ctx.frame)
    if table is not None and table.n_households == ctx.n:
        has = table.has_members
        sizes = np.where(has, table.counts.astype(np.float64), sizes)
    known = ~np.isnan(sizes)
    return Interval(np.where(known, sizes, 0.0), np.where(known, sizes, np.inf))


def _count_by_household(table: MemberTable, mask: np.ndarray) -> np.ndarray:
    """Member rows where ``mask`` holds, per household position (integers; the weights are 0/1, so
    the float sums are exact). Rows in household order are counted by a running sum read at each
    household's end (no float weight per row)."""
    if table.ends is None:
        return np.bincount(table.pos, weights=mask, minlength=table.n_households).astype(np.int64)
    running = np.zeros(len(mask) + 1, dtype=np.int64 if len(mask) >= 1 << 31 else np.int32)
    np.cumsum(mask, out=running[1:])
    return np.diff(running.take(table.ends), prepend=0)


def _member_context(ctx: Context, table: MemberTable) -> _MemberContext:
    mctx = getattr(ctx, "_member_ctx", None)
    if mctx is None or mctx.table is not table:
        mctx = _MemberContext(ctx, table)
        ctx._member_ctx = mctx  # type: ignore[attr-defined]
    return mctx


def _member_condition(ctx: Context, table: MemberTable, condition: ex.Expr) -> Bool3:
    """A member-level condition for each member row, three-valued, decided for a member whose age is not
    known exactly where every age the member may have decides it alike (docs/members.md "Age").

    Evaluated over the members' age intervals, 'under 18 and … or 18 and over and …' leaves each half
    unknown for a member born in 2007 (17 or 18 on 2025-12-01) though one of them holds at either age. So
    the rows it leaves unknown with such an age are evaluated again at each age that can change it: the
    youngest and oldest age the member may have, and the ages around each threshold the condition compares
    ``member.age`` with (ages are whole years, from 0); a row is decided where every one of them decides it
    alike. A condition reading the age otherwise (``member.age + 1``) is evaluated again only at the two
    ages of a year of birth."""
    mctx = _member_context(ctx, table)
    said = mctx.condition(condition)
    age = table.values["age"]
    if "age" not in ex.member_fields(condition) or not isinstance(age, Interval):
        return said
    thresholds = ex.compared_with(condition, "age")
    open_ = said.unknown & (age.lo != age.hi)
    if thresholds is None:  # only the two ages of a year of birth are tried
        open_ &= np.isfinite(age.lo) & (age.hi - age.lo == 1)
    if not open_.any():
        return said
    rows = np.flatnonzero(open_)
    sub = _MemberContext(ctx, _rows_of(table, rows))
    lo, hi = np.maximum(age.lo[rows], 0.0), age.hi[rows]
    pins = [lo, hi]
    for threshold in thresholds or []:
        c = sub.number(threshold)
        for point in (np.floor(c.lo) - 1, np.floor(c.lo), np.floor(c.lo) + 1, np.ceil(c.lo)):
            pins.append(np.where(c.lo == c.hi, point, np.nan))  # a threshold known on that row
    holds, fails = np.ones(len(rows), dtype=bool), np.ones(len(rows), dtype=bool)
    for pin in pins:
        valid = np.isfinite(pin) & (pin >= lo) & (pin <= hi)
        if not valid.any():
            continue
        sub.age = Interval(np.where(valid, pin, age.lo[rows]), np.where(valid, pin, hi))
        at = sub.condition(condition)
        holds &= at.t | ~valid
        fails &= at.f | ~valid
    t, f = said.t.copy(), said.f.copy()
    t[rows], f[rows] = holds & ~fails, fails & ~holds
    return Bool3(t, f)


def _rows_of(table: MemberTable, rows: np.ndarray) -> MemberTable:
    """The member table's rows ``rows`` (their households and fields), for evaluating a condition again on them."""
    values: dict[str, Any] = {}
    for name, v in table.values.items():
        if isinstance(v, Interval):
            values[name] = Interval(v.lo[rows], v.hi[rows])
        elif isinstance(v, Bool3):
            values[name] = Bool3(v.t[rows], v.f[rows])
        elif isinstance(v, tuple):
            values[name] = (v[0][rows], v[1])
        else:
            values[name] = v
    pos = table.pos[rows]
    return MemberTable(pos, table.n_households, np.bincount(pos, minlength=table.n_households), values)


# --------------------------------------------------------------------------- deriving the flags

#: The ruleset parameters that fill a blank ``member.working_age`` (our assumption; tagged U there).
WORKING_AGE_PARAMETERS = ("working_age_from", "working_age_surely_below")
#: The ruleset parameter from which a blank ``member.working_age`` is filled "no" (optional: a
#: ruleset written before it leaves such a blank unknown, as it did).
WORKING_AGE_PAST_PARAMETER = "working_age_surely_past"


def derives_from_members(ruleset: Ruleset) -> bool:
    """Whether some ``deprived_when`` of ``ruleset`` reads member rows: a members list can change its marks.
    vn-2027-2030 (Nghị định 351/2025, thresholds not verified) has none: a members file changes nothing."""
    return any(ex.reads_members(rule) for rule in ruleset.compiled().indicator_rules.values())


def working_ages(ruleset: Ruleset) -> WorkingAges | None:
    """(from, surely-below, surely-past) ages that fill a blank ``working_age``: the ruleset's
    parameters ``working_age_from``, ``working_age_surely_below`` and ``working_age_surely_past``
    (the last may be absent: ``None``); ``None`` when it defines none of the first two."""
    params = [ruleset.parameters.get(name) for name in WORKING_AGE_PARAMETERS]
    past = ruleset.parameters.get(WORKING_AGE_PAST_PARAMETER)
    if all(p is None for p in params):
        if past is not None:
            raise ValueError(f"{ruleset.id}: {WORKING_AGE_PAST_PARAMETER} needs {' and '.join(WORKING_AGE_PARAMETERS)}")
        return None
    if any(p is None or isinstance(p.value, dict) for p in params) or isinstance(getattr(past, "value", None), dict):
        both = " and ".join(WORKING_AGE_PARAMETERS)
        raise ValueError(f"{ruleset.id}: {both} must both be given, one value each ({WORKING_AGE_PAST_PARAMETER} too)")
    return (
        params[0].for_area("rural"),  # type: ignore[union-attr]
        params[1].for_area("rural"),  # type: ignore[union-attr]
        None if past is None else past.for_area("rural"),
    )


SOURCE_GIVEN, SOURCE_DERIVED, SOURCE_UNKNOWN = "given", "derived", "unknown"
#: Up to this many possible source patterns (3 per indicator), the distinct ones are found by counting.
_DENSE_CODES = 1 << 22


def apply_members(
    ruleset: Ruleset,
    frame: pd.DataFrame,
    members: pa.Table | pd.DataFrame,
    review_date: date,
    units: tuple[pa.Array, pa.Array] | None = None,
    repeats: np.ndarray | bool = False,
) -> pd.DataFrame:
    """Derive the deprivation flags from member rows; return the frame with flags filled.

    For each indicator with ``deprived_when`` (Phụ lục of NĐ 07/2021; QĐ 59/2015 Điều 1.2.b), the
    rule is evaluated for every household; ``deprived_<id>`` is filled from it only where the
    household file gave no mark (NaN). The column ``member_flag_sources`` records, for every
    indicator in ruleset order, ``<id>=given|derived|unknown`` joined by ``;``. Notes about the
    members file (unmatched rows, unreadable cells) are in ``frame.attrs["member_notes"]``, each in
    every language (``{"vi": …, "en": …}``), and what they count in ``frame.attrs["member_counts"]``.
    ``members`` is an Arrow table (the CLI reads the members file with
    :func:`poverty_rules.data.read.read_csv_table`) or a pandas DataFrame; ``units`` the communes of
    both, when both name them (:func:`build_member_table`). ``repeats``: also look for the member rows that
    repeat an earlier row cell for cell (:func:`build_member_table`), counted under :data:`REPEATED`, the
    first ones in ``frame.attrs["member_repeated_at"]`` (row, the row it repeats: positions in ``members``).
    """
    compiled = ruleset.compiled()
    out = frame.copy(deep=False)  # columns are replaced, never written into: the caller's frame is untouched
    table = build_member_table(members, out["household_id"], review_date, working_ages(ruleset), units, repeats)
    household_units = None if units is None else units[1]  # a household named with its commune in the notes
    ctx = _derivation_context(ruleset, out, table)
    n = len(out)
    source_codes = np.zeros(n, dtype=np.int64)  # base-3 digits per indicator: 0 given, 1 derived, 2 unknown
    left_unknown = np.zeros(n, dtype=bool)  # a mark a rule reading members left unknown
    for ind in ruleset.indicators:
        given_col = out[ind.column].to_numpy(dtype=float) if ind.column in out else np.full(n, np.nan)
        given = ~np.isnan(given_col)
        rule = compiled.indicator_rules.get(ind.id)
        derived = np.full(n, np.nan)
        unknown = np.ones(n, dtype=bool)
        if rule is not None:
            for name in ex.member_fields(rule):
                if name not in MEMBER_FIELDS:
                    raise ValueError(f"{ruleset.id}: indicator {ind.id}: member.{name} is not a member field")
            b = ctx.condition(rule)
            derived[b.t] = 1.0
            derived[b.f] = 0.0
            unknown = ~(b.t | b.f)
            if ex.reads_members(rule):  # unknown with the household's own fields known: for want of members
                fields_known = np.ones(n, dtype=bool)
                for name in ex.variables(rule) & set(HOUSEHOLD_FIELD_KINDS):
                    fields_known &= ctx.known(name)
                left_unknown |= unknown & ~given & fields_known
        if given.any():
            out[ind.column] = np.where(given, given_col, derived)
            digit = np.where(given, 0, 1 + unknown)
        else:  # no mark given (the usual case with a members file): the derived flags as they are
            out[ind.column] = derived
            digit = 1 + unknown
        source_codes *= 3
        source_codes += digit
    out["member_flag_sources"] = _source_text(source_codes, [ind.id for ind in ruleset.indicators])
    without = left_unknown & ~table.has_members
    if without.any():  # households left unknown for want of member rows: counted, the first named
        codes = _ids(out["household_id"].reset_index(drop=True))
        if table.member_codes is not None and len(table.member_codes):  # rows of its code left out: noted so
            given = table.member_codes
            given = given.combine_chunks() if isinstance(given, pa.ChunkedArray) else given
            listed = pc.is_in(codes.cast(pa.string()), value_set=given.cast(pa.string()))
            without &= ~pc.fill_null(listed, False).to_numpy(zero_copy_only=False)
    if without.any():
        table.note_counts[NO_ROWS] = int(without.sum())
        named = codes if household_units is None else _in_units(household_units, codes)
        table.unreadable[NO_ROWS] = first_codes(named.filter(pa.array(without)))
        table.notes = member_notes(table.note_counts, table.unmatched, table.unreadable, repeated=repeated_said(table))
    out.attrs["member_notes"] = table.notes
    out.attrs["member_counts"] = table.note_counts
    out.attrs["member_unmatched"] = table.unmatched
    out.attrs["member_unreadable"] = table.unreadable
    out.attrs["member_unreadable_at"] = table.unreadable_at
    out.attrs["member_repeated_at"] = repeated_said(table, first_row=0)
    return out


def _derivation_context(ruleset: Ruleset, frame: pd.DataFrame, table: MemberTable) -> Context:
    """The context the ``deprived_when`` rules are evaluated in: the household frame, its flag fields
    read as yes/no, and its member table."""
    extra = {}
    for name, kind in HOUSEHOLD_FIELD_KINDS.items():
        if kind == "flag":
            col = (
                pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
                if name in frame
                else np.full(len(frame), np.nan)
            )
            extra[name] = Bool3(col == 1.0, col == 0.0)
    ctx = new_context(ruleset.compiled(), frame)
    ctx.cache.update(extra)
    ctx.household_sizes = household_sizes(frame)  # type: ignore[attr-defined]
    ctx.members = table  # type: ignore[attr-defined]
    ctx.aggregate = evaluate_member_aggregate
    return ctx


@dataclass(frozen=True)
class MemberEvidence:
    """One household's member rows behind its derived marks (``poverty-rules explain``).

    ``rows``: the positions of the household's rows in the members table; ``ages``: each one's age at
    the review date (NaN: unknown), the younger of its two ages when only a year of birth is known, and
    ``oldest`` the older (equal to ``ages`` otherwise); ``meets[id]`` / ``unsure[id]``: which of them
    certainly meet the member condition of indicator ``id``'s rule, and which may (a field blank or
    unreadable), for each indicator whose rule tests members one by one. ``left_out``: the member rows
    with the household's code that join no household, its code being used in several communes of the
    household file and the members list naming none (docs/members.md "Household codes in a district").
    """

    rows: np.ndarray
    ages: np.ndarray
    meets: dict[str, np.ndarray]
    unsure: dict[str, np.ndarray]
    oldest: np.ndarray | None = None
    left_out: int = 0


def member_evidence(
    ruleset: Ruleset,
    household: pd.DataFrame,
    members: pa.Table | pd.DataFrame,
    review_date: date,
    units: tuple[pa.Array, pa.Array] | None = None,
    *,
    shared: bool = False,
) -> MemberEvidence:
    """Which member rows of the one household in ``household`` (a normalized frame of one row) make its
    derived marks what they are: for each indicator whose ``deprived_when`` tests members
    (``any/all/count(member, …)``), the members meeting the condition (the deprived child, the
    uninsured adult, the dependants) and those it cannot tell for. Codes are matched as
    :func:`apply_members` matches them (``units``: every member row's commune and the household's);
    ``shared``: the household's code is used by several households and ``units`` is None, so the rows
    of the code join none (counted in ``left_out``)."""
    m = _member_columns(members)
    if "household_id" not in m:
        raise ValueError("the members file needs a household_id column (Mã hộ)")
    code = _ids(household["household_id"].reset_index(drop=True))
    ids = _ids(m["household_id"])
    if ids.type != code.type:
        ids = ids.cast(code.type)
    if units is not None:
        ids, code = _in_units(units[0], ids), _in_units(units[1], code)
    rows = np.flatnonzero(pc.fill_null(pc.equal(ids, code[0]), False).to_numpy(zero_copy_only=False))
    left_out = 0
    if shared and units is None:  # whose member is this? no household's (build_member_table)
        left_out, rows = len(rows), rows[:0]
    subset = members.take(pa.array(rows, pa.int64())) if isinstance(members, pa.Table) else members.iloc[rows]
    frame = household.reset_index(drop=True)
    within = None if units is None else (units[0].take(pa.array(rows, pa.int64())), units[1])
    table = build_member_table(subset, frame["household_id"], review_date, working_ages(ruleset), within)
    ctx = _derivation_context(ruleset, frame, table)
    compiled = ruleset.compiled()
    meets: dict[str, np.ndarray] = {}
    unsure: dict[str, np.ndarray] = {}
    for ind in ruleset.indicators:
        rule = compiled.indicator_rules.get(ind.id)
        conditions = ex.member_conditions(rule) if rule is not None else []
        if not conditions:
            continue
        yes = np.zeros(len(rows), dtype=bool)
        maybe = np.zeros(len(rows), dtype=bool)
        for condition in conditions:
            b = _member_condition(ctx, table, condition)
            yes |= b.t
            maybe |= ~(b.t | b.f)
        meets[ind.id], unsure[ind.id] = yes, maybe & ~yes
    age = table.values["age"]
    assert isinstance(age, Interval)
    known = np.isfinite(age.lo) & np.isfinite(age.hi)
    lo, hi = np.where(known, age.lo, np.nan), np.where(known, age.hi, np.nan)
    return MemberEvidence(rows, lo, meets, unsure, hi, left_out)


def _source_text(codes: np.ndarray, ids: list[str]) -> pd.Categorical:
    """Render per-row base-3 source codes as ``id=given;id=derived;…``: a categorical whose
    categories are built once per distinct code (no string per row)."""
    if 3 ** len(ids) <= _DENSE_CODES:  # the codes present found by counting, not sorting a million codes
        present = np.bincount(codes, minlength=3 ** len(ids)) > 0
        uniques = np.flatnonzero(present)
        inverse = np.cumsum(present, dtype=np.int64).take(codes) - 1
    else:
        uniques, inverse = np.unique(codes, return_inverse=True)
    names = (SOURCE_GIVEN, SOURCE_DERIVED, SOURCE_UNKNOWN)
    texts = []
    for code in uniques.tolist():  # distinct combinations only (at most 3^12), not rows
        digits = []
        for _ in ids:
            digits.append(code % 3)
            code //= 3
        digits.reverse()
        texts.append(";".join(f"{i}={names[d]}" for i, d in zip(ids, digits, strict=True)))
    return pd.Categorical.from_codes(inverse.reshape(-1), categories=pd.Index(texts, dtype=object))
