"""Pydantic records for the library: one household in, one result out."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from .data.normalize import plain_arrow_columns
from .data.schema import canonical_headers, index_read, member_headers
from .engine.members import Member
from .errors import ArgumentError, HouseholdError, InputError, RulesetError
from .results.labels import RESULT_HEADERS
from .results.tables import replaced_columns
from .rules.model import Ruleset
from .rules.registry import available, load_file, local_files
from .vocabulary import words as W
from .vocabulary.areas import AREA_WORDS
from .vocabulary.choices import Lang
from .vocabulary.complaints import CheckedRecord, Said, record_error
from .vocabulary.day import read_day
from .vocabulary.flags import FLAG_SPELLINGS, flag_value
from .vocabulary.numbers import parse_numbers
from .vocabulary.status_ids import Status
from .vocabulary.text import fold


@lru_cache(maxsize=1)
def _known_indicator_ids() -> frozenset[str]:
    """Every indicator id of the bundled rulesets (national standards and local overlays)."""
    ids: set[str] = set()
    rulesets = list(available())
    for path in local_files():
        try:
            rulesets.append(load_file(path))
        except RulesetError:  # a broken overlay is reported when it is used, not here
            continue
    for rs in rulesets:
        ids.update(ind.id for ind in rs.indicators)
    return frozenset(ids)


def _missing(value: Any) -> bool:
    """A table's missing value (NaN, ``pd.NA``, ``NaT``, None): unknown, as the library reads it in a
    DataFrame, so a household built from a table's row (``pr.Household(**row)``) reads the same."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _cell(name: str, value: Any) -> Any:
    """One optional field's value read as the household file's cell is (docs/input.md): a table's missing
    value or a blank text is unknown (None); an income or score A as officers write numbers
    (``1.200.000``, ``5 000 000 đ``), never a yes/no (``True``); an escape date day first (``01/12/2024``), or a
    moment as its day
    (``Timestamp("2024-12-01 08:00")``, ``datetime64``), never a number (``45292``, ``0``). What the file would reject
    raises ``ValueError``; any other value is left to the field's own check. A previous status given blank
    (``""``, a table's NaN or ``pd.NA``) is kept blank (``""``: none recorded, a first review, as the file's
    blank cell), None being no previous status given (no transition, as a file without the column)."""
    if (
        name == "previous_status"
        and value is not None
        and (_missing(value) or (isinstance(value, str) and not value.strip()))
    ):
        return ""
    if _missing(value):
        return None
    if name in ("income_per_capita", "score_a") and isinstance(value, bool | np.bool_):
        # a yes/no is no number, as the file's True cell is not (pydantic would read True as an income of 1)
        raise Said("hh_not_number", field=name, value=repr(value.item() if isinstance(value, np.generic) else value))
    if name == "escaped_on" and isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_):
        # a number is no day, as the file's cell is not (pydantic would read 0 as 1 January 1970, seconds since)
        shown = value.item() if isinstance(value, np.generic) else value
        raise Said("hh_not_day", field="escaped_on", value=repr(shown))
    if name == "escaped_on" and isinstance(value, date | np.datetime64):  # a moment (a time of day): its day
        value = value if isinstance(value, date) else str(value)
        day, unreadable_moment = read_day(value)
        if unreadable_moment:
            raise Said("hh_not_day", field="escaped_on", value=repr(value))
        return None if np.isnat(day) else date.fromisoformat(str(day))
    if name in ("village", "commune", "province") and isinstance(value, int | float | np.number):
        return _code_text(value)  # a place numbered in a column of numbers (Thôn 3, a commune's code 101)
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if name in ("income_per_capita", "score_a"):
        numbers, unreadable = parse_numbers(pa.array([text], type=pa.string()))
        if unreadable[0]:
            raise Said("hh_not_number", field=name, value=repr(value))
        return float(numbers[0])
    if name == "escaped_on":
        day, unreadable_day = read_day(text)
        if unreadable_day:
            raise Said("hh_not_day", field="escaped_on", value=repr(value))
        return date.fromisoformat(str(day))
    return value


#: The record's own fields that are columns of the household file (docs/input.md "Columns").
_RECORD_COLUMNS = frozenset(
    {"household_id", "area", "income_per_capita", "score_a", "village", "commune", "province", "previous_status"}
    | {"escaped_on"}
)


def _column_of(name: str) -> str | None:
    """The household file's column a field's name names, as ``classify`` reads the file's header: itself
    (``income_per_capita``, ``deprived_water``) or a header alias (``Mã hộ``, ``Khu vực``, ``Thu nhập bình
    quân``, ``Việc làm`` …, docs/input.md "Header aliases"); None for a name that is no such column."""
    try:
        return canonical_headers([name]).get(name)
    except InputError:  # one name cannot name a column twice
        return None


def _headed(data: Mapping[Any, Any]) -> dict[Any, Any]:
    """A table's row under the household file's headers read as the record's fields: ``Mã hộ`` is
    ``household_id``, ``Thu nhập bình quân`` ``income_per_capita`` … (a mark's header, ``Việc làm``, stays
    as given: ``classify`` reads it, naming it). Two names of one column, or a mark given both in ``deprived``
    and by its column, are refused naming both, rather than one chosen without a word."""
    out = {k: v for k, v in data.items() if k not in _earlier_result(data)}
    marks = out.get("deprived")
    given: dict[str, str] = {}  # column -> the name it was given under
    if isinstance(marks, Mapping):
        given.update({f"deprived_{k}": f"deprived[{k!r}]" for k in marks if isinstance(k, str)})
    for name in data:
        if not isinstance(name, str) or name in ("deprived", "members"):
            continue
        column = _column_of(name)
        if column is None or not (column in _RECORD_COLUMNS or column.startswith("deprived_")):
            continue
        if column in given:
            raise Said("hh_same_field", first=given[column], second=repr(name), field=column)
        given[column] = repr(name)
        if column in _RECORD_COLUMNS and name != column:
            out[column] = out.pop(name)
    return out


def _earlier_result(data: Mapping[Any, Any]) -> list[str]:
    """The result columns of a row of an earlier run's output (it has that run's ``ruleset`` column, and its
    ``deprived`` is that run's list, ``water;sanitation``, or a blank: no mapping of marks): ``status``,
    ``deprived``, ``reason``, a designation, ``local_*`` …, left out of the household as ``classify`` of that
    table replaces them (docs/input.md), so that the output's row is the household again, its marks its
    ``deprived_<id>`` columns. The record's own fields (``previous_status``, ``escaped_on``) are kept. A
    row without that column, or with marks given as a mapping, is no such output: [] (its fields are checked
    as given)."""
    names = [k for k in data if isinstance(k, str)]
    ruleset = {fold(text) for text in ("ruleset", *RESULT_HEADERS["ruleset"].values())}
    if isinstance(data.get("deprived"), Mapping) or not any(fold(c) in ruleset for c in names):
        return []
    return [c for c in replaced_columns(names, []) if _column_of(c) not in _RECORD_COLUMNS]


def _code_text(value: Any) -> Any:
    """A number from a column of numbers as the file holds it (``101``, not ``101.0``; ``7.5`` as written);
    a boolean is left to the field's own check."""
    if isinstance(value, bool | np.bool_):
        return value
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() else str(float(value))
    return value


def _member_fields(i: int, member: Any) -> Any:
    """Member ``i`` given as a members file's row: its fields under the file's headers (``Ngày sinh``,
    ``Giới tính``, ``Có bảo hiểm y tế`` …, and the household code's ``Mã hộ``; docs/members.md) read as the
    member's fields, as ``classify(members=…)`` reads those columns; two names of one field are refused
    naming both. A :class:`Member`, or a name that is no such header, is left as given."""
    if not isinstance(member, Mapping):
        return member
    out: dict[Any, Any] = {}
    named: dict[str, str] = {}  # field -> the name it was given under
    for name, value in member.items():
        field = name
        if isinstance(name, str):
            field = member_headers([name]).get(name) or ("household_id" if _column_of(name) == "household_id" else name)
            if field in named:
                raise Said("hh_same_field", first=named[field], second=f"members[{i}][{name!r}]", field=field)
            named[field] = f"members[{i}][{name!r}]"
        out[field] = value
    return out


def _mark(indicator: str, value: Any) -> bool | None:
    """One review-form mark read as the file's cell is: 1/0, có/không, x, yes/no, true/false; blank or
    missing is unknown (None). A value the file would reject raises ``ValueError``."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    flag, bad = flag_value(value)
    if bad:
        raise Said("hh_not_mark", field=f"deprived.{indicator}", flags=FLAG_SPELLINGS, value=repr(value))
    return None if math.isnan(flag) else flag == 1.0


class Household(CheckedRecord):
    """One household as the review form records it (docs/design.md, "Input").

    ``deprived`` holds the review form's marks by indicator id: True (deprived), False (not),
    None or absent (unknown — never read as 'not deprived'). A table's missing value (NaN, ``pd.NA``,
    ``NaT``) or a blank text in a mark or an optional field is unknown, as in :func:`poverty_rules.classify`;
    a text is read as the file's cell (``có``/``x`` marks, ``1.200.000`` đồng, ``01/12/2024``, a numeric
    code ``101``), and a field may be named by the file's header (``Mã hộ``, ``Khu vực``, ``Thu nhập bình
    quân``, ``Việc làm`` …, docs/input.md), so a row of a table read as text or a web form's fields make the
    household the table classifies. A row of ``classify``'s output (it has the ``ruleset`` column, and
    ``deprived`` is that run's list as text, or blank) is the household again: its result columns are left out
    and its ``deprived_<id>`` columns are its marks (docs/input.md).
    """

    model_config = ConfigDict(extra="allow")

    household_id: str = Field(min_length=1)
    area: Literal["rural", "urban"]
    income_per_capita: float | None = Field(default=None, ge=0)
    score_a: float | None = Field(default=None, ge=0)
    deprived: dict[str, bool | None] = {}
    village: str | None = None
    commune: str | None = None
    province: str | None = None
    previous_status: str | None = None
    escaped_on: date | None = None
    members: list[Member] = []

    def __init__(self, /, **data: Any) -> None:
        """The household of these fields, read as the docstring above says (texts as a file's cells, a members
        DataFrame, the file's headers, fields of the household file beyond these such as ``floor_area``).
        Declared here so that a type checker takes the values the record takes: without it mypy and pyright
        check each keyword against the field's type (``escaped_on="01/12/2024"``, ``area="nông thôn"``,
        ``members=df`` and docs/members.md's ``floor_area=20`` refused as errors)."""
        super().__init__(**data)

    @classmethod
    def _said(cls, exc: ValidationError, given: Any) -> HouseholdError:
        """Pydantic's complaints about the record as one :class:`HouseholdError` in vi and en, naming the
        household by its code when it was given."""
        said = [
            e["ctx"]["error"]
            for e in exc.errors()
            if not e["loc"] and isinstance(e.get("ctx", {}).get("error"), HouseholdError)
        ]
        if said:  # model_validate: pydantic calls the record's own __init__, which said it already
            return said[0]
        code = None
        if isinstance(given, Mapping):  # the code, under its own name or a header of the file (``Mã hộ``)
            code = next((v for k, v in given.items() if isinstance(k, str) and _column_of(k) == "household_id"), None)
        return record_error(exc.errors(), code)

    @model_validator(mode="before")
    @classmethod
    def _file_headers(cls, data: Any) -> Any:
        """A row under the household file's headers (``Mã hộ``, ``Khu vực``, ``Thu nhập bình quân`` …) read
        as the record's fields, as ``classify`` reads those columns (:func:`_headed`)."""
        return _headed(data) if isinstance(data, Mapping) else data

    @field_validator(
        "income_per_capita", "score_a", "village", "commune", "province", "previous_status", "escaped_on", mode="before"
    )
    @classmethod
    def _table_missing(cls, v: Any, info: ValidationInfo) -> Any:
        return _cell(str(info.field_name), v)

    @field_validator("household_id", mode="before")
    @classmethod
    def _numeric_code(cls, v: Any) -> Any:
        """A code from a column of numbers, as the file holds it (``101``, not ``101.0``)."""
        if isinstance(v, float | np.floating) and not float(v).is_integer():
            return v  # 1.5 or NaN: the field's own check says it
        return _code_text(v)

    @field_validator("members", mode="before")
    @classmethod
    def _members_table(cls, v: Any) -> Any:
        """The household's members given as a table (a DataFrame, one row per person, as a members file;
        a named index such as ``household_id`` read as its column): its rows, each read as ``Member(**row)``
        (iterating a DataFrame gives its column names: each was refused as 'members[0]: expected a mapping
        … got 'age''); a member's fields under the members file's headers read as the fields
        (:func:`_member_fields`). A pyarrow Table (``pq.read_table``, as ``classify(members=…)`` takes one) is read
        as the DataFrame it makes (iterating it gave its columns, each refused as a screenful of Arrow repr)."""
        if isinstance(v, pa.Table):
            v = v.to_pandas()
        if isinstance(v, pd.DataFrame):
            v = plain_arrow_columns(index_read(v)).to_dict("records")
        if isinstance(v, list):
            return [_member_fields(i, member) for i, member in enumerate(v)]
        return v

    @field_validator("deprived", mode="before")
    @classmethod
    def _missing_marks(cls, v: Any) -> Any:
        if isinstance(v, Mapping):
            return {k: _mark(str(k), x) for k, x in v.items()}
        return v

    @field_validator("area", mode="before")
    @classmethod
    def _area_words(cls, v: Any) -> Any:
        if isinstance(v, str):
            return AREA_WORDS.get(v.strip().lower(), AREA_WORDS.get(fold(v), v))
        return v

    @field_validator("deprived")
    @classmethod
    def _known_indicators(cls, v: dict[str, bool | None]) -> dict[str, bool | None]:
        known = _known_indicator_ids()
        unknown = sorted(k for k in v if k not in known)
        if unknown:
            raise Said("hh_unknown_indicator", unknown=", ".join(map(repr, unknown)), known=", ".join(sorted(known)))
        return v

    @model_validator(mode="after")
    def _own_members(self) -> Household:
        """Refuse a member naming another household (its code, spaces aside): it would be left out of
        this household's marks without a word."""
        for i, member in enumerate(self.members):
            code = member.household_id
            if code is not None and code.strip() and code.strip() != self.household_id.strip():
                raise Said("hh_other_household", i=i, code=repr(code), household=repr(self.household_id))
        return self

    def check_indicators(self, ruleset: Ruleset, *also: Ruleset) -> None:
        """Refuse marks for indicators neither ``ruleset`` nor a ruleset in ``also`` (a local standard
        classified beside it) defines (:class:`HouseholdError`, a ``ValueError``, naming their indicators), in
        ``deprived`` or as a field of their column (``deprived_watr=1``, which nothing would read)."""
        known = list(dict.fromkeys(ind.id for rs in (ruleset, *also) for ind in rs.indicators))
        unknown = sorted(k for k in self.deprived if k not in known)
        names = " / ".join(rs.id for rs in (ruleset, *also))
        if unknown:
            raise HouseholdError(
                W.texts("hh_not_indicator", unknown=", ".join(map(repr, unknown)), names=names, known=", ".join(known))
            )
        columns = {name: _column_of(name) or "" for name in self.model_extra or {}}
        marks = {
            name: column.removeprefix("deprived_") for name, column in columns.items() if column.startswith("deprived_")
        }
        fields = [name for name, indicator in marks.items() if indicator not in known]
        if fields:
            raise HouseholdError(
                W.texts("hh_not_indicator_field", fields=", ".join(fields), names=names, known=", ".join(known))
            )

    def to_row(self) -> dict[str, Any]:
        """The household as one row of the canonical household table. A ``previous_status`` given blank
        (``""``: a table's blank cell or NaN) is a blank cell of that column, as a household file's blank
        previous status is (``first_review``); one not given (None) is no column (no transition)."""
        row: dict[str, Any] = {
            "household_id": self.household_id,
            "area": self.area,
            "income_per_capita": self.income_per_capita,
            "score_a": self.score_a,
        }
        for key, value in self.deprived.items():
            row[f"deprived_{key}"] = None if value is None else (1.0 if value else 0.0)
        for key in ("village", "commune", "province", "previous_status"):
            if getattr(self, key) is not None:
                row[key] = getattr(self, key)
        if self.escaped_on is not None:
            row["escaped_on"] = self.escaped_on.isoformat()
        row.update(self.model_extra or {})  # household-level fields such as floor_area, safe_water
        return row

    def members_frame(self) -> pd.DataFrame | None:
        """The household's members as a members table (``None`` when it has none)."""
        if not self.members:
            return None
        return pd.DataFrame([m.to_row(self.household_id) for m in self.members])


class Result(BaseModel):
    """The classification of one household, with what decided it: the result columns of docs/design.md,
    "Output", for one record (docs/design.md, "Library"); the classes are docs/standard.md §2.1 (§3, §4 for the
    other periods)."""

    model_config = ConfigDict(use_enum_values=True)  # ``status`` stays the plain text "poor" …

    household_id: str
    status: Status
    deprivation_count: int
    deprived: list[str]
    decided_by: Literal["income", "score", ""]
    ruleset: str
    undetermined_by: list[str] = []
    designations: dict[str, bool | None] = {}
    transition: str | None = None
    eligible_until: date | None = None
    reasons: dict[str, str] = {}
    #: the household classified by a local standard beside the national one (``classify_one(local=…)``);
    #: None without one, or when the local standard cannot read the household
    local: Result | None = None

    def explain(self, lang: Lang = "vi") -> str:
        """The reason sentence in Vietnamese ('vi') or English ('en'); another language raises ``ValueError`` (and
        is an error to a type checker, as ``lang`` is of every library call)."""
        if lang not in self.reasons:
            raise ArgumentError.of(
                W.texts("arg_one_of", name="lang", allowed=", ".join(map(repr, self.reasons)), value=repr(lang))
            )
        return self.reasons[lang]

    @classmethod
    def from_output_row(
        cls, household_id: str, row: Mapping[str, Any], reasons: dict[str, str], designation_ids: list[str]
    ) -> Result:
        """A result from one row of the output columns (``results.result_columns``), as both engines give them."""
        return cls(
            household_id=household_id,
            status=row["status"],
            deprivation_count=int(row["deprivation_count"]),
            deprived=[d for d in str(row["deprived"]).split(";") if d],
            decided_by=row["decided_by"],
            ruleset=row["ruleset"],
            undetermined_by=[d for d in str(row["undetermined_by"]).split(";") if d],
            designations={d: (None if row.get(d, "") == "" else row[d] == "1") for d in designation_ids},
            transition=row.get("transition") or None,
            eligible_until=row.get("eligible_until") or None,
            reasons=reasons,
        )
