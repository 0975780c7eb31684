"""The household file's columns: canonical names and the spreadsheet headers that map onto them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InputError
from ..rules.bundled import national_indicator_aliases, national_indicator_labels
from ..rules.fields import COLUMN_NAMES, HOUSEHOLD_FIELD_KINDS, MEMBER_FIELDS
from ..vocabulary import words as W
from ..vocabulary.money import MoneyUnit, split_unit
from ..vocabulary.text import fold

if TYPE_CHECKING:
    import pandas as pd

    from ..rules.model import Ruleset

#: Vietnamese (and common English) spreadsheet headers of the household columns that are not law
#: (identity, place, income, score, history). The headers of each indicator's flag column are law
#: and live in the rulesets (``aliases:`` on each indicator). Matching folds case, spacing and
#: Vietnamese accents, so ``Mã hộ``, ``MÃ HỘ`` and ``ma ho`` all match.
COLUMN_ALIASES: dict[str, list[str]] = {
    "household_id": ["Mã hộ", "Mã hộ gia đình", "Mã số hộ", "household id", "hh_id"],
    "head_name": ["Họ tên chủ hộ", "Họ và tên chủ hộ", "Chủ hộ"],
    "village": ["Thôn", "Xóm", "Ấp", "Bản", "Thôn/xóm", "Thôn, xóm, ấp, bản", "Tổ dân phố", "village"],
    "commune": ["Xã", "Xã/phường", "Phường", "commune"],
    "province": ["Tỉnh", "Tỉnh/thành phố", "province"],
    "area": ["Khu vực", "Địa bàn", "area"],
    "income_per_capita": [
        "Thu nhập bình quân",
        "Thu nhập bình quân đầu người",
        "Thu nhập bình quân đầu người/tháng",
        "income",
    ],
    "score_a": ["Điểm A", "Tổng điểm A", "score A"],
    "previous_status": ["Tình trạng năm trước", "Phân loại năm trước", "Kết quả năm trước"],
    "escaped_on": ["Ngày thoát nghèo", "Ngày công nhận thoát nghèo"],
    "farm_household": ["Hộ nông nghiệp", "Hộ làm nông, lâm, ngư nghiệp, diêm nghiệp"],
    # the review's reports (docs/reports.md): persons, identity events, R8/R9 groups, scope codes
    "household_size": ["Số nhân khẩu", "Số khẩu", "Nhân khẩu", "persons"],
    "change_reason": ["Lý do biến động", "Biến động"],
    "ethnicity": ["Dân tộc"],
    "ethnic_minority": ["Hộ dân tộc thiểu số", "Dân tộc thiểu số"],
    "no_labour": ["Hộ không có khả năng lao động", "Không có khả năng lao động"],
    "meritorious": ["Hộ có người có công", "Người có công"],
    "female_head": ["Chủ hộ là nữ", "Chủ hộ nữ"],
    "province_code": ["Mã tỉnh"],
    "commune_code": ["Mã xã"],
}

GROUP_COLUMNS: tuple[str, ...] = ("ethnicity", "ethnic_minority", "no_labour", "meritorious", "female_head")
"""The columns of R8 (yes/no groups) and R9 (``ethnicity``), docs/reports.md: carried as written into the
review's history so that a report from the history builds R8 and R9 too."""


def header_aliases(ruleset: Ruleset | None = None) -> dict[str, list[str]]:
    """Canonical column -> headers: :data:`COLUMN_ALIASES` plus each indicator's ``aliases:`` in
    ``ruleset`` (``deprived_<id>``); without a ruleset, the indicators of every bundled national
    standard (an indicator id means the same column in each), read from their YAML without the
    model so that reading a file need not load the rule engine (:mod:`poverty_rules.rules.bundled`)."""
    out = {k: list(v) for k, v in COLUMN_ALIASES.items()}
    flags = national_indicator_aliases() if ruleset is None else [(i.column, i.aliases) for i in ruleset.indicators]
    for column, aliases in flags:
        known = out.setdefault(column, [])
        known.extend(a for a in aliases if a not in known)
    if ruleset is None:
        labels = national_indicator_labels()
    else:
        labels = tuple((i.column, (i.label.vi, i.label.en)) for i in ruleset.indicators)
    _add_labels(out, labels)
    return out


#: Every household and result column's own name, folded: no indicator's name is read as one of them.
_OWN_NAMES = frozenset(fold(name) for name in COLUMN_NAMES)


def _add_labels(out: dict[str, list[str]], labels: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    """Add each indicator's own name (``label``, vi then en) to its column's headers in ``out``, unless the
    name (folded) is already a header of any column or a column's own name (``Hygienic latrine`` is the
    field ``hygienic_latrine``): a name never takes a column from another."""
    taken = {fold(name) for column, names in out.items() for name in (column, *names)} | _OWN_NAMES
    for column, names in labels:
        for name in names:
            if name and fold(name) not in taken:
                out.setdefault(column, []).append(name)
                taken.add(fold(name))


def _index(ruleset: Ruleset | None) -> dict[str, str]:
    aliases = header_aliases(ruleset)
    index = {fold(alias): canonical for canonical, names in aliases.items() for alias in names}
    index.update({fold(canonical): canonical for canonical in aliases})
    return index


@lru_cache(maxsize=1)
def _known_headers() -> dict[str, str]:
    return _index(None)


#: :func:`_header_index` of the last few (ruleset, applied) pairs, each kept with the two objects it was made
#: for (so that neither's ``id`` can name another while the entry lives).
_HEADER_INDEXES: dict[tuple[int, int], tuple[object, object, dict[str, str]]] = {}


def _header_index(ruleset: Ruleset | None, applied: Ruleset | None) -> dict[str, str]:
    """The folded headers :func:`canonical_headers` knows with ``ruleset`` and the standard a run ``applied``,
    made once per pair: a streamed run asks for each batch (about 1 ms of the classifying thread a batch)."""
    key = (id(ruleset), id(applied))
    hit = _HEADER_INDEXES.get(key)
    if hit is not None and hit[0] is ruleset and hit[1] is applied:
        return hit[2]
    index = _known_headers() if ruleset is None else _index(ruleset)
    if applied is not None:  # its indicators' headers, over another standard's indicator, never over a household column
        own = {fold(a): i.column for i in applied.indicators for a in (i.label.vi, i.label.en)}  # its names,
        own = {k: c for k, c in own.items() if k not in _OWN_NAMES}  # never a column's own name
        own |= {fold(a): i.column for i in applied.indicators for a in (i.column, *i.aliases)}  # over a name
        index = {**index, **{k: c for k, c in own.items() if index.get(k, "deprived_").startswith("deprived_")}}
    if len(_HEADER_INDEXES) >= 16:
        _HEADER_INDEXES.clear()
    _HEADER_INDEXES[key] = (ruleset, applied, index)
    return index


def header_score(cells: list[str]) -> int:
    """How many of a row's cells are known headers (canonical names or aliases of any bundled
    standard): how the readers find the header row below title rows."""
    index = _known_headers()
    return sum(1 for c in cells if c and len(c) < 200 and (_canonical(index, c) or c.strip().startswith("deprived_")))


#: The columns whose header may say a money unit (docs/input.md "Money units in headers").
MONEY_COLUMNS = frozenset({"income_per_capita"})


#: The columns read as numbers (docs/input.md): income, score A, the household's persons (``household_size``,
#: read by the reports) and the household fields of numbers (``floor_area`` …), whose yes/no of a boolean
#: column is no number.
NUMBER_COLUMNS = frozenset(
    {
        "income_per_capita",
        "score_a",
        "household_size",
        *(name for name, kind in HOUSEHOLD_FIELD_KINDS.items() if kind == "number"),
    }
)


def names_a_number(header: str) -> bool:
    """Whether a header names a column read as a number (:data:`NUMBER_COLUMNS`: ``income_per_capita``,
    ``Thu nhập bình quân (nghìn đồng)``, ``Điểm A``, ``floor_area`` …)."""
    return header in NUMBER_COLUMNS or _canonical(_known_headers(), header) in NUMBER_COLUMNS


def _canonical(index: dict[str, str], header: str) -> str | None:
    """The canonical column a header names: by its folded text, else, for a money column, by its text
    without a money unit (``Thu nhập bình quân (nghìn đồng/người/tháng)``); a form's footnote mark after it
    (``Dinh dưỡng (*)``, ``Mã hộ*``, ``Việc làm (1)``) is no part of the name."""
    found = index.get(fold(header))
    if found is None:
        base, unit = split_unit(header)
        if unit is not None and index.get(fold(base)) in MONEY_COLUMNS:
            found = index[fold(base)]
    if found is None:
        marked = _FOOTNOTE.match(header)
        if marked is not None:
            return _canonical(index, marked.group(1))
    if found is None:  # "Thiếu hụt việc làm", "Chỉ số thiếu hụt về nước sinh hoạt": an indicator's name after the word
        named = _DEPRIVED_OF.match(fold(header))
        indicator = index.get(named.group(1)) if named is not None else None
        if indicator is not None and indicator.startswith("deprived_"):
            return indicator
    return found


#: A header that names an indicator after the word for a deprivation (folded): ``Thiếu hụt việc làm``, ``Chỉ số thiếu
#: hụt về dinh dưỡng``, ``Deprived: water``, ``Deprivation in sanitation`` — only an indicator's name may follow.
_DEPRIVED_OF = re.compile(r"^(?:chi so )?(?:thieu hut|deprived|deprivation)(?: (?:ve|in|of))?:? (.+)$")


#: A header with a form's footnote mark after it: ``(*)``, ``*``, ``(1)``, ``[2]``, ``¹``, ``⁴``; or with the
#: colon a form's label ends in (``Thu nhập bình quân:``, ``Mã hộ (*):``), the mark before it read again.
_FOOTNOTE = re.compile(r"^(.*?\S)\s*(?:\(\*+\)|\*+|\(\d{1,2}\)|\[\d{1,2}\]|[¹²³⁰⁴-⁹]{1,2}|[:：])$", re.S)


def money_unit(header: str) -> MoneyUnit | None:
    """The money unit a money column's header says (``(nghìn đồng)`` …, also before a footnote mark
    or a label's colon: ``(nghìn đồng) (*)``, ``(nghìn đồng)*:``), None when it says none."""
    unit = split_unit(header)[1]
    marked = _FOOTNOTE.match(header) if unit is None else None
    return money_unit(marked.group(1)) if marked is not None else unit


#: Vietnamese headers of a members list's columns (docs/members.md), as registers and review forms head
#: them; matched folding case, spacing and accents, as the household columns' are. Words, not law: none
#: is an indicator's header (``Bảo hiểm y tế``, ``Việc làm`` head a household file's marks).
MEMBER_ALIASES: dict[str, list[str]] = {
    "member_id": ["Mã thành viên", "Mã nhân khẩu"],
    "birth_date": ["Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh"],
    "birth_year": ["Năm sinh"],
    "age": ["Tuổi"],
    "sex": ["Giới tính"],
    "relation_to_head": ["Quan hệ với chủ hộ", "Quan hệ"],
    "working_age": ["Trong độ tuổi lao động"],
    "employment": ["Tình trạng việc làm"],
    "wage_without_contract": ["Làm công ăn lương không có hợp đồng lao động", "Không có hợp đồng lao động"],
    "labour_capacity": ["Có khả năng lao động", "Khả năng lao động"],
    "disabled": ["Khuyết tật", "Người khuyết tật"],
    "monthly_social_allowance": ["Hưởng trợ cấp xã hội hằng tháng", "Trợ cấp xã hội hằng tháng"],
    "has_health_insurance": ["Có bảo hiểm y tế", "Có BHYT", "Tham gia BHYT", "Có thẻ BHYT"],
    "has_social_insurance": ["Tham gia bảo hiểm xã hội", "Tham gia BHXH", "Có BHXH"],
    "stunted": ["Thấp còi", "Suy dinh dưỡng thấp còi"],
    "underweight": ["Nhẹ cân", "Suy dinh dưỡng nhẹ cân"],
    "highest_qualification": ["Trình độ học vấn", "Trình độ giáo dục", "Bằng cấp cao nhất"],
    "in_education": ["Đang đi học", "Đang đi học hoặc đào tạo"],
    "school_level_attended": ["Cấp học đang theo", "Bậc học đang theo"],
    "attending_right_level": ["Đi học đúng bậc, cấp học", "Đi học đúng cấp học", "Đi học đúng bậc học"],
    "sick_untreated": ["Ốm đau không đi khám chữa bệnh"],
}
_MEMBER_ALIAS_INDEX = {fold(alias): field for field, aliases in MEMBER_ALIASES.items() for alias in aliases}

#: A members list's own column names (docs/members.md) by their folded spelling: the fields member rules read
#: and the record's.
_MEMBER_OWN_NAMES = {
    fold(name): name
    for name in (*MEMBER_FIELDS, "member_id", "birth_date", "birth_year", "relation_to_head", "school_level_attended")
}
#: A members list's own columns, folded, and their Vietnamese headers.
_MEMBER_HEADERS = frozenset(_MEMBER_OWN_NAMES) | frozenset(_MEMBER_ALIAS_INDEX)


def member_headers(headers: list[str], *, source: str = "<members>", lang: str = "en") -> dict[str, str]:
    """Each header of a members list that is a Vietnamese header of a member column (:data:`MEMBER_ALIASES`:
    ``Ngày sinh``, ``Giới tính`` …) mapped onto the column's name; a column's own name (in any case and
    spacing) is read by the derivation itself. Two headers naming one column (``birth_date`` and ``Ngày
    sinh``, or ``Age`` and ``age``: one name in two spellings) are an :class:`~poverty_rules.errors.InputError`
    naming both, as in a household file: the derivation would read one of them and leave the other unsaid."""
    mapping: dict[str, str] = {}
    first: dict[str, str] = {}
    for h in headers:
        alias = _MEMBER_ALIAS_INDEX.get(fold(h))
        field = alias or _MEMBER_OWN_NAMES.get(fold(h))
        if field is None:
            continue
        if field in first:
            raise InputError(W.msg("same_column", lang, file=source, first=first[field], second=h, column=field))
        first[field] = h
        if alias is not None:
            mapping[h] = field
    return mapping


def member_column_headers(headers: list[str]) -> dict[str, str]:
    """Each member column's header as the members file writes it (``Ngày sinh``, ``Birth_Date``), by the
    column's name, for the notes that name a column (docs/members.md); ``birth_date/age``, the note on
    ages, by every one given (``Ngày sinh/Năm sinh/Tuổi``)."""
    names = {fold(name): name for name in (*MEMBER_FIELDS, "member_id", "birth_date", "birth_year")}
    out: dict[str, str] = {}
    for header in headers:
        field = names.get(fold(header)) or _MEMBER_ALIAS_INDEX.get(fold(header))
        if field is not None and (field not in out or header == field):
            out[field] = header
    ages = [out[name] for name in ("birth_date", "birth_year", "age") if name in out]
    if ages:
        out["birth_date/age"] = "/".join(ages)
    return out


def member_header_score(cells: list[str]) -> int:
    """How many of a row's cells name a members list's columns (docs/members.md: ``birth_date``, ``sex``,
    ``has_health_insurance`` …, in any case and spacing; not the household code, which a household list
    has too): how a workbook's members sheet is told from its household sheet."""
    return sum(1 for c in cells if c and len(c) < 200 and fold(c) in _MEMBER_HEADERS)


#: A members list's columns read as numbers: a yes/no cell there (a spreadsheet's TRUE) is no age or year.
_MEMBER_NUMBERS = frozenset(("age", "birth_year"))


def names_a_member_number(header: str) -> bool:
    """Whether a members list's header names a column read as a number (``age``/``Tuổi``,
    ``birth_year``/``Năm sinh``, in any case and spacing)."""
    key = fold(header)
    return (_MEMBER_ALIAS_INDEX.get(key) or _MEMBER_OWN_NAMES.get(key)) in _MEMBER_NUMBERS


def names_household_code(cells: list[str]) -> bool:
    """Whether one of a row's cells is the household code's header (``household_id``, ``Mã hộ`` …)."""
    index = _known_headers()
    return any(c and len(c) < 200 and _canonical(index, c) == "household_id" for c in cells)


def canonical_headers(
    headers: list[str],
    ruleset: Ruleset | None = None,
    *,
    source: str = "<data>",
    lang: str = "en",
    applied: Ruleset | None = None,
) -> dict[str, str]:
    """Map each input header that names a known column onto its canonical name (see
    :func:`header_aliases` for the headers known with and without a ``ruleset``). ``applied``: the standard
    a run applies, whose indicators' headers (``aliases:``) name their columns besides the bundled national
    standards' (a local standard's own indicator, or one of a ruleset read from a path).

    Two headers naming the same column (``household_id`` and ``Mã hộ``) are an
    :class:`~poverty_rules.errors.InputError` naming both: the tool will not choose one silently.
    """
    index = _header_index(ruleset, applied)
    mapping: dict[str, str] = {}
    first: dict[str, str] = {}
    for h in headers:
        canonical = h if h.startswith("deprived_") else _canonical(index, h)
        if not canonical:
            continue
        if canonical in first:
            said = {"file": source, "first": first[canonical], "second": h, "column": canonical}
            error = InputError(W.msg("same_column", lang, **said))
            error.texts = W.texts("same_column", **said)  # said in the run's language by a caller given none
            raise error
        first[canonical] = h
        mapping[h] = canonical
    return mapping


# --------------------------------------------------------------------------- reading


def index_read(frame: pd.DataFrame) -> pd.DataFrame:
    """A DataFrame as the library reads it: each named index level that is not also a column is read as
    its column (``set_index("household_id")``), as a Parquet file's named index is (data/read.py). The
    rows keep their order, so a position names the same row in ``frame`` and in what is read."""
    names = [name for name in frame.index.names if name is not None and name not in frame.columns]
    return frame.reset_index(level=names) if names else frame


def known_column(header: str) -> str | None:
    """The canonical name of the column a header names (``Mã hộ``: ``household_id``), None for a header of no
    known column (the bundled standards' and the household columns')."""
    return _canonical(_known_headers(), header) if header and len(header) < 200 else None


def names_village(cells: list[str]) -> bool:
    """Whether one of a row's cells is the village's header (``village``, ``Thôn`` …): a workbook of one sheet per
    village may name each household's village by its sheet alone."""
    index = _known_headers()
    return any(c and len(c) < 200 and _canonical(index, c) == "village" for c in cells)
