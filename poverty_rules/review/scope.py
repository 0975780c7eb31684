"""Which commune each household belongs to, and which communes a review covers (its scope).

A household code is unique within its commune, not across a district or a province (docs/design.md;
issue #13): the history keys each household by its commune *unit* and its code. The unit is, per row
of the household file, in this order:

1. the commune codes — ``code|<province_code>|<commune_code>`` — when the row has a ``commune_code``
   (``Mã xã``; ``province_code``, ``Mã tỉnh``, may be blank) or the review gives ``--commune-code``;
   codes are authoritative: two communes with one code are one commune whatever their names;
2. the names — ``name|<province>|<commune>`` — when the row has a ``commune`` (``Xã``) cell;
3. the ``--commune`` option — ``name||<commune>`` — otherwise (``name||`` when none is given).

A review run records its scope, the set of units it covers, so a commune reviewed alone one year
and inside a district file the next keeps its history (Quyết định 24/2021/QĐ-TTg, docs/standard.md §5: the
review is the commune's, whoever sends the file).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from difflib import SequenceMatcher
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.ids import PLACE_COLUMNS, code_unit, commune_units, name_unit, unit_label
from ..data.schema import canonical_headers
from ..errors import PovertyRulesError
from ..vocabulary import words as W
from ..vocabulary.text import fold

__all__ = [
    "SCOPE_COLUMNS",
    "absent_communes_note",
    "code_unit",
    "commune_column",
    "commune_key",
    "file_units",
    "fresh_communes_note",
    "household_unit_categories",
    "household_units",
    "name_unit",
    "scope_label",
    "same_year_note",
    "scope_refusal",
    "twin_communes_note",
    "place_scope",
    "classified_twins_note",
    "province_key",
]

SCOPE_COLUMNS = ("unit", "province_code", "commune_code", "province", "commune")
"""Columns of a review's scope table: one row per commune unit."""


def commune_column(headers: list[str], commune: str | None) -> dict[str, str]:
    """The ``commune`` column a review adds to its reviewed file: ``--commune`` when the file has no
    commune column of its own (any spelling: ``Xã``…), so that ``report`` names the commune the history
    knows (the header block "ỦY BAN NHÂN DÂN <xã>"); else nothing."""
    name = (commune or "").strip()
    if not name or "commune" in canonical_headers([str(h) for h in headers]).values():
        return {}
    return {"commune": name}


def _texts(frame: pd.DataFrame, name: str) -> pa.DictionaryArray:
    """A place column as text for :func:`poverty_rules.data.ids.commune_units`, ``""`` where blank."""
    codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)  # once per distinct value
    texts = [_clean(v) for v in uniques] + [""]
    indices = np.where(codes < 0, len(uniques), codes).astype(np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(texts, pa.string()))


def _clean(value: object) -> str:
    """One cell as text without surrounding spaces; a whole float (``1.0``) as its integer."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def household_units(frame: pd.DataFrame, **options: Any) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's commune unit (see the module) as an object array, and the scope
    (:func:`household_unit_categories`, which takes the same options)."""
    units, scope = household_unit_categories(frame, **options)
    return np.asarray(units, dtype=object), scope


def household_unit_categories(
    frame: pd.DataFrame,
    *,
    commune: str | None = None,
    province_code: str | None = None,
    commune_code: str | None = None,
    source: str = "<data>",
    lang: str = "en",
) -> tuple[pd.Categorical, pd.DataFrame]:
    """Each row's commune unit (see the module) as a categorical (categories: the units, sorted; a review
    of a million households numbers them without a Python string per row) and the scope: one row per
    unit (:data:`SCOPE_COLUMNS`).

    The unit from the file's cells is the data layer's (:func:`poverty_rules.data.ids.commune_units`);
    ``commune`` (``--commune``), ``province_code`` / ``commune_code`` (``--province-code``,
    ``--commune-code``) speak for files without those columns. A ``--commune`` that is not the commune
    the file names (accents, case and xã / phường folded), or a ``--commune-code`` given for a file
    with its own codes or with several communes, is a :class:`ValueError` in ``lang`` naming ``source``.
    """
    option_name = unicodedata.normalize("NFC", (commune or "").strip())  # as the file's names are read
    texts = {name: _texts(frame, name) for name in PLACE_COLUMNS if name in frame.columns}
    combo, distinct = commune_units(texts, len(frame))
    names = sorted({v for v in distinct["commune"] if v}) if "commune" in texts else None
    if option_name and names is not None:
        other = [v for v in names if commune_key(v) != commune_key(option_name)]
        if other:
            raise ValueError(
                W.msg("h_commune_differs", lang, file=source, commune=option_name, names=", ".join(other[:5]))
            )
    given_code = (commune_code or "").strip()
    given_province = (province_code or "").strip()
    if given_code or given_province:
        if "commune_code" in texts:
            raise ValueError(W.msg("h_codes_in_file", lang, file=source))
        if names is not None and len(names) > 1:
            raise ValueError(W.msg("h_codes_one_commune", lang, file=source, count=len(names)))
    if "commune_code" not in texts:
        distinct["commune_code"] = given_code
    if "province_code" not in texts:
        distinct["province_code"] = given_province
    if "commune" not in texts:
        distinct["commune"] = option_name  # a file without a commune column: --commune names its rows
    rows = []
    for pc_, cc, p, c in distinct[list(PLACE_COLUMNS)].itertuples(index=False, name=None):
        p, c = (p, c) if c else ("", option_name)  # --commune speaks for a row without a commune name
        rows.append((pc_ if cc else "", cc, p, c))
    scope = pd.DataFrame({k: pd.Series([r[j] for r in rows], dtype=object) for j, k in enumerate(PLACE_COLUMNS)})
    scope["unit"] = [unit_label(*r) or name_unit("", "") for r in rows]
    names = sorted(set(scope["unit"]))
    position = {name: i for i, name in enumerate(names)}
    row_codes = np.array([position[u] for u in scope["unit"]], dtype=np.int64)
    codes = row_codes[combo] if len(frame) else np.zeros(0, dtype=np.int64)
    units = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(names, dtype=object)))
    scope = scope.drop_duplicates("unit").reset_index(drop=True)  # a code unit named two ways: one unit
    return units, scope[list(SCOPE_COLUMNS)]


def file_units(table: pa.Table, **options: Any) -> list[str] | None:
    """The commune units a household file's rows name, every row's (those a review will reject too), as
    read — before the file is normalized — with the options of :func:`household_unit_categories`: the
    communes whose history a review of this file reads ahead (review/history.py ``read_latest``). None
    when they cannot be told this early (two headers for one column, a ``--commune`` the file
    contradicts …): the review then says why, and reads its history itself."""
    try:
        renamed = canonical_headers(list(table.column_names))
    except PovertyRulesError:
        return None
    places = {canonical: raw for raw, canonical in renamed.items() if canonical in PLACE_COLUMNS}
    columns = {name: table.column(raw).dictionary_encode().to_pandas() for name, raw in places.items()}
    frame = pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows))
    try:
        _, scope = household_unit_categories(frame, **options)
    except (ValueError, PovertyRulesError):
        return None
    return [str(unit) for unit in scope["unit"]]


def scope_label(scope: pd.DataFrame, limit: int = 3) -> str:
    """A review's scope for people: ``01/00001 Xã A, Xã B …`` (codes where known, then names)."""
    shown = []
    for row in scope.itertuples(index=False):
        code = _code(str(row.province_code), str(row.commune_code))
        text = " ".join(t for t in (code, str(row.commune or "")) if t)
        shown.append(text or "—")
    more = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" (+{more})" if more > 0 else "")


def scope_named(scope: pd.DataFrame) -> str | dict[str, str]:
    """:func:`scope_label` for a message, in each language when it names no commune: a review of a file with no
    commune column and no ``--commune`` said "đã ghi một lần rà soát — ngày 10/12/2025" ("a review of — on …")."""
    label = scope_label(scope)
    return W.texts("scope_no_commune") if label == "—" else label


def _code(province_code: str, commune_code: str) -> str:
    """``12/03001`` (``03001`` without a province code; ``""`` without a commune code)."""
    if not commune_code:
        return ""
    return f"{province_code}/{commune_code}" if province_code else commune_code


_ADMINISTRATIVE = ("xa ", "phuong ", "thi tran ", "dac khu ")


def commune_key(name: str) -> str:
    """A commune's name folded for comparison: case, accents, spaces and a leading xã / phường /
    thị trấn dropped (``Xã Tà Lèng`` → ``ta leng``)."""
    folded = fold(name)
    for prefix in _ADMINISTRATIVE:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


_PROVINCE_WORDS = ("tinh ", "thanh pho ")
"""A province's name without its kind: ``Tỉnh Nghệ An`` is ``Nghệ An``."""


def province_key(name: str) -> str:
    """A province's name folded for comparison: case, accents, spaces and a leading tỉnh / thành phố dropped
    (``Tỉnh Nghệ An`` → ``nghe an``)."""
    key = fold(name)
    for word in _PROVINCE_WORDS:
        if key.startswith(word):
            return key[len(word) :]
    return key


def _similar(a: str, b: str) -> bool:
    """Two folded commune names that are probably one commune written two ways."""
    return a == b or a.replace(" ", "") == b.replace(" ", "") or SequenceMatcher(None, a, b).ratio() >= 0.85


def _named(rows: pd.DataFrame) -> str:
    """Communes on record for a message: ``'Xã A' (01/00001)``, at most five."""
    shown = []
    for row in rows.drop_duplicates("unit").head(5).itertuples(index=False):
        code = _code(str(row.province_code), str(row.commune_code))
        code = f" ({code})" if code else ""
        shown.append(f"{str(row.commune)!r}{code}")
    return ", ".join(shown)


def scope_refusal(
    recorded: pd.DataFrame,
    review_day: str,
    scope: pd.DataFrame,
    *,
    replace: bool,
    new_commune: bool,
    db: str,
    lang: str = "en",
    worded: dict[str, str] | None = None,
) -> str | None:
    """Why recording a review of ``scope`` on ``review_day`` would break the history, or None (``worded``: a
    message key → the key of the same message worded for another command, ``history import``).

    ``recorded`` is every review's scope on record (:meth:`HistoryStore.scopes`). Per commune unit in
    scope: a review of it already recorded that day needs ``replace``; a unit with no history needs
    ``new_commune`` when it is probably a commune on record written another way — a name unit whose
    name resembles a recorded commune's (case, accents, xã / phường folded; a blank name when the
    history names communes), or a code unit whose name resembles a commune recorded by name only.
    Codes are authoritative: a new code whose name resembles a commune of another code is a new commune.
    """
    same_day = recorded[(recorded["review_date"] == review_day) & recorded["unit"].isin(scope["unit"])]
    if len(same_day) and not replace:
        ids = ", ".join(str(i) for i in sorted(set(same_day["review_id"].astype(int))))
        day = date.fromisoformat(review_day)  # said as the language writes a date: 10/12/2024 in Vietnamese
        return W.msg("h_already", lang, db=db, scope=scope_named(same_day), day=day, ids=ids)
    if new_commune:
        return None

    def said(key: str) -> str:
        return (worded or {}).get(key, key)

    fresh = scope[~scope["unit"].isin(recorded["unit"])]
    known = recorded.drop_duplicates("unit")
    by_name = known[known["commune_code"] == ""]
    by_code = known[known["commune_code"] != ""]
    keys = {unit: commune_key(str(name)) for unit, name in zip(known["unit"], known["commune"], strict=True)}
    problems = []
    for row in fresh.itertuples(index=False):
        name = str(row.commune)
        if not name and not row.commune_code:
            named = known[known["commune"] != ""]
            if len(named):
                problems.append(W.msg(said("h_unnamed"), lang, db=db, names=_named(named)))
            continue
        zeros = _same_but_zeros(by_code, str(row.province_code), str(row.commune_code))
        if row.commune_code and len(zeros):  # Excel dropped or added the code's leading zeros: not a new commune
            first = zeros.iloc[0]
            recorded_code = _code(str(first["province_code"]), str(first["commune_code"]))
            problems.append(
                W.msg(
                    said("h_code_zeros"),
                    lang,
                    db=db,
                    code=_code(str(row.province_code), str(row.commune_code)),
                    names=_named(zeros) if (zeros["commune"] != "").any() else recorded_code,
                    recorded=recorded_code,
                    commune_code=str(first["commune_code"]),
                )
            )
            continue
        if not name:
            continue

        def alike(
            rows: pd.DataFrame, province: str = str(row.province), target: str = commune_key(name)
        ) -> pd.DataFrame:
            same_place = (rows["province"] == "") | (province == "") | (rows["province"] == province)
            return rows[same_place & rows["unit"].map(lambda u: _similar(keys[u], target)).astype(bool)]

        if row.commune_code:
            names = alike(by_name)
            if len(names):
                code = _code(str(row.province_code), str(row.commune_code))
                coded_as = f"--province-code {str(row.province_code)} " if row.province_code else ""
                coded_as += f"--commune-code {str(row.commune_code)}"
                quoted = '"' + str(names["commune"].iloc[0]) + '"'
                problems.append(
                    W.msg(
                        "h_code_vs_names",
                        lang,
                        db=db,
                        commune=repr(name),
                        code=code,
                        names=_named(names),
                        recorded=quoted,
                        options=coded_as,
                    )
                )
            continue
        coded = by_code[by_code["commune_code"] == name.strip()]
        if len(coded):  # --commune 02800: a commune code given as its name
            first = coded.iloc[0]
            options = f"--province-code {first['province_code']} " if first["province_code"] else ""
            options += f"--commune-code {first['commune_code']}"
            problems.append(
                W.msg(said("h_name_is_code"), lang, db=db, commune=repr(name), names=_named(coded), options=options)
            )
            continue
        names, codes = alike(by_name), alike(by_code)
        province = str(row.province)
        if len(names) and province and (names["province"] == "").all():  # recorded without a province
            problems.append(
                W.msg("h_resembles_province", lang, db=db, commune=repr(name), province=province, names=_named(names))
            )
        elif len(names):
            problems.append(W.msg("h_resembles", lang, db=db, commune=repr(name), names=_named(names)))
        elif len(codes):
            problems.append(W.msg(said("h_name_vs_code"), lang, db=db, commune=repr(name), names=_named(codes)))
    return "; ".join(problems[:3]) or None


def imported_refusal(
    recorded: pd.DataFrame, imported: set[int], review_day: str, scope: pd.DataFrame, *, db: str, lang: str = "en"
) -> str | None:
    """Why a review of ``scope`` on ``review_day`` may not be recorded when a commune of it has, on that day, a
    list imported with ``history import`` (review ids ``imported``), or None. Recording it would replace that
    list — its poor and near-poor households' earlier status, the start this review compares them with —, so it
    is refused with ``--replace`` too: most often last year's list was imported with this year's date, or the
    review was given the list's date by mistake; the message says which to do (``history undo`` the list and
    import it again with its own date, or give the review its own date)."""
    same_day = recorded[
        (recorded["review_date"] == review_day)
        & recorded["unit"].isin(scope["unit"])
        & recorded["review_id"].astype(int).isin(imported)
    ]
    if not len(same_day):
        return None
    ids = sorted(set(same_day["review_id"].astype(int)))
    day = date.fromisoformat(review_day)
    said = {"db": db, "scope": scope_label(same_day), "day": day, "ids": ", ".join(map(str, ids)), "first": ids[0]}
    return W.msg("h_over_imported", lang, **said)


def _same_but_zeros(coded: pd.DataFrame, province_code: str, commune_code: str) -> pd.DataFrame:
    """The communes recorded under codes (``coded``) whose province and commune codes are ``province_code`` and
    ``commune_code`` but for their leading zeros (``3001`` for ``03001``), and not the same codes."""
    if not len(coded):
        return coded
    recorded_province = coded["province_code"].astype(str)
    recorded_commune = coded["commune_code"].astype(str)
    same = (recorded_province.str.lstrip("0") == province_code.lstrip("0")) & (
        recorded_commune.str.lstrip("0") == commune_code.lstrip("0")
    )
    differ = (recorded_province != province_code) | (recorded_commune != commune_code)
    return coded[(same & differ).to_numpy()]


def replaces_nothing(recorded: pd.DataFrame, review_day: str, scope: pd.DataFrame) -> bool:
    """Whether no commune unit of ``scope`` has a review recorded on ``review_day``: ``--replace`` would
    replace nothing (a mistyped ``--date`` records a second review of the year instead)."""
    if not len(recorded):
        return True
    return not ((recorded["review_date"] == review_day) & recorded["unit"].isin(scope["unit"])).any()


def later_reviews(recorded: pd.DataFrame, review_day: str, scope: pd.DataFrame) -> list[str]:
    """The dates (ISO, sorted) of the reviews on record after ``review_day`` of a commune unit in ``scope``:
    each compared its households with what was recorded before it, so a review recorded or replaced on
    ``review_day`` leaves their movements and windows counted from the results it replaced."""
    if not len(recorded) or not len(scope):
        return []
    later = recorded[(recorded["review_date"] > review_day) & recorded["unit"].isin(scope["unit"])]
    return sorted(set(later["review_date"].astype(str)))


FRESH_SHOWN = 5
"""How many communes :func:`fresh_communes_note` names on each side."""


def _listed(rows: pd.DataFrame) -> str:
    """Communes for :func:`fresh_communes_note`: ``'Xã A' (12/03001)``, the first :data:`FRESH_SHOWN`, then
    how many more."""
    shown = [scope_label(rows.iloc[[i]]) for i in range(min(len(rows), FRESH_SHOWN))]
    more = f", … (+{len(rows) - FRESH_SHOWN})" if len(rows) > FRESH_SHOWN else ""
    return ", ".join(shown) + more


def fresh_communes_note(
    recorded: pd.DataFrame, review_day: str, scope: pd.DataFrame, *, db: str, lang: str = "en"
) -> list[str]:
    """The note (none, or one) on the communes of ``scope`` that have no history while the history
    (``recorded``, :meth:`HistoryStore.scopes`) holds communes absent from ``scope`` and not reviewed in
    ``review_day``'s year, last reviewed before it: a commune formed by merging communes on record (the
    2025 reorganisation) starts a new history, every household a first review, their escapes and
    windows not carried over. Nothing is merged (two communes' households may share a code); the note
    says so, and what an officer can do, in ``lang``."""
    if not len(recorded) or not len(scope):
        return []
    fresh = scope[~scope["unit"].isin(recorded["unit"])].drop_duplicates("unit")
    if not len(fresh):
        return []
    year = review_day[:4]
    others = recorded[~recorded["unit"].isin(scope["unit"])]
    days = others.groupby("unit")["review_date"].max().astype(str)
    idle = set(days[(days < review_day) & (days.str[:4] < year)].index)
    old = others[others["unit"].isin(idle)].drop_duplicates("unit").sort_values("unit", kind="stable")
    if not len(old):
        return []
    return [W.msg("rv_fresh_communes", lang, db=db, fresh=_listed(fresh), old=_listed(old), year=year)]


def absent_communes_note(
    recorded: pd.DataFrame, review_day: str, scope: pd.DataFrame, *, db: str, lang: str = "en"
) -> list[str]:
    """The note (none, or one) on the communes that the last review of ``scope``'s communes covered with them
    (a district's review, one run) and that this file leaves out, not reviewed in ``review_day``'s year: a
    commune whose sheet was left out of the district's file, or all of whose households left. Its
    households are not counted as left (a review covers the communes its file names), so the district's
    movements and forms start without them, silently but for this note, in ``lang``."""
    if not len(recorded) or not len(scope):
        return []
    days = recorded["review_date"].astype(str)
    before = recorded[(days < review_day).to_numpy()]
    ours = before[before["unit"].isin(scope["unit"])]
    if not len(ours):
        return []
    last = ours.sort_values(["review_date", "review_id"], kind="stable").groupby("unit").tail(1)
    with_them = before[before["review_id"].isin(last["review_id"]) & ~before["unit"].isin(scope["unit"])]
    this_year = set(recorded.loc[days.str[:4].to_numpy() == review_day[:4], "unit"])
    absent = with_them[~with_them["unit"].isin(this_year)].drop_duplicates("unit").sort_values("unit", kind="stable")
    if not len(absent):
        return []
    notes = []
    # households an earlier version recorded under no commune, their Xã left blank beside rows naming one
    unnamed = (absent["commune"].fillna("").astype(str) == "") & (absent["commune_code"].fillna("").astype(str) == "")
    for units, key in (
        (absent[~unnamed.to_numpy()], "rv_absent_communes"),
        (absent[unnamed.to_numpy()], "rv_absent_unnamed"),
    ):
        if not len(units):
            continue
        covering = with_them[with_them["unit"].isin(units["unit"])]["review_id"]
        reviews = last[last["review_id"].isin(covering)].drop_duplicates("review_id")
        on = ", ".join(sorted(set(reviews["review_date"].astype(str))))
        ids = ", ".join(str(i) for i in sorted(set(reviews["review_id"].astype(int))))
        said = {"db": db, "absent": _listed(units), "days": on, "ids": ids, "year": review_day[:4]}
        notes.append(W.msg(key, lang, **said, first=int(reviews["review_id"].min())))
    return notes


def twin_communes_note(
    scope: pd.DataFrame, *, source: str, lang: str = "en", message: str = "rv_twin_communes"
) -> list[str]:
    """The note (none, or one) on the communes of ``scope`` (the units one review covers) that are written alike
    (:func:`commune_key`: case, accents, spaces, a leading xã / phường folded; in one province, or one with none)
    but are units of their own because one is named without its code, or in another spelling: a commune whose file
    was joined twice into a district's or province's file, once with its Mã xã and once without, or typed two
    ways. Each is reviewed as a commune of its own, its households counted twice and a code the two share not
    rejected. Communes of one name with their own codes (``Xã Tân Lập`` of 03001 and 05007) are two communes:
    codes are authoritative, no note. Nothing is merged; the note (``message``: ``cl_twin_communes`` for
    ``classify``, :func:`classified_twins_note`) names them, in ``lang``."""
    if len(scope) < 2:
        return []
    units = scope.drop_duplicates("unit")
    named = units["commune"].fillna("").astype(str)
    keys = named.map(commune_key)
    province = units["province"].fillna("").astype(str).map(province_key)  # Tỉnh Nghệ An is Nghệ An
    coded = units["commune_code"].fillna("").astype(str) != ""
    groups: list[pd.DataFrame] = []
    for key in sorted(set(keys[(keys != "").to_numpy()])):
        alike = (keys == key).to_numpy()
        places = sorted(set(province[alike]) - {""}) or [""]
        for place in places:  # one name in two provinces: two communes, each with the units of no province
            twins = alike & province.isin([place, ""]).to_numpy()
            if twins.sum() >= 2 and not coded[twins].all():
                groups.append(units[twins])
    if not groups:
        return []
    first = groups[0]
    mixed = bool(coded[first.index].any()) and not bool(coded[first.index].all())
    labels = [f"'{scope_label(first.iloc[[i]])}'" for i in range(len(first))]
    if len(set(labels)) < len(labels):  # one name under two provinces' spellings (Tỉnh Nghệ An, Nghệ An, none)
        places = first["province"].fillna("").astype(str).str.strip().tolist()
        labels = [f"{label} ({place})" if place else label for label, place in zip(labels, places, strict=True)]
    communes = ", ".join(labels)
    if len(groups) > 1:
        communes += f" (+{len(groups) - 1})"
    extra = W.msg("rv_twin_coded", lang) if mixed else ""
    return [W.msg(message, lang, file=source, communes=communes, coded=extra, n=len(first))]


def place_scope(frame: pd.DataFrame) -> pd.DataFrame:
    """The commune units of a table's rows (its place columns, ``province_code`` … ``commune``), one row each
    (:func:`household_units`' scope): a batch's, gathered for :func:`classified_twins_note`."""
    return household_units(frame)[1]


def classified_twins_note(scopes: list[pd.DataFrame], *, source: str, lang: str = "en") -> list[str]:
    """:func:`twin_communes_note` of a classified file's communes (``scopes``: :func:`place_scope` of each batch,
    partition or the whole table), in ``classify``'s words: a commune written two ways is classified as two."""
    scopes = [scope for scope in scopes if len(scope)]
    if not scopes:
        return []
    scope = pd.concat(scopes, ignore_index=True).drop_duplicates("unit").reset_index(drop=True)
    return twin_communes_note(scope, source=source, lang=lang, message="cl_twin_communes")


def same_year_note(
    recorded: pd.DataFrame, review_day: str, scope: pd.DataFrame, *, db: str, lang: str = "en"
) -> list[str]:
    """The note (none, or one) on the reviews on record (``recorded``, :meth:`HistoryStore.scopes`) of a
    commune of ``scope`` dated earlier in ``review_day``'s year: the year-end review is yearly (Quyết định
    24/2021/QĐ-TTg), so a second one is most often a review first run with a mistaken ``--date``, and this one
    compares its households with it (movements, windows, the reports' start), not with the year before. It
    names them, and how to remove the one this review compares with (the latest; a run again then names the
    one before it), in ``lang``."""
    if not len(recorded) or not len(scope):
        return []
    days = recorded["review_date"].astype(str)
    earlier = recorded[recorded["unit"].isin(scope["unit"]) & (days < review_day) & (days.str[:4] == review_day[:4])]
    if not len(earlier):
        return _later_in_year(recorded, review_day, scope, db=db, lang=lang)
    said, ids, in_order = _reviews_named(earlier, lang)
    last_id = in_order[-1]  # the review this one compares with, the latest: the one to remove (then the next)
    return [
        W.msg(
            "rv_same_year",
            lang,
            db=db,
            scope=scope_label(earlier.drop_duplicates("unit")),
            days=", ".join(said),
            ids=", ".join(str(i) for i in ids),
            year=review_day[:4],
            last=said[-1],
            last_id=last_id,
        )
    ]


def _reviews_named(reviews: pd.DataFrame, lang: str) -> tuple[list[str], list[int], list[int]]:
    """How a note names the reviews on record in ``reviews`` (rows of :meth:`HistoryStore.scopes`): their
    distinct days as written in ``lang``, in order; their distinct ids, in order; and their ids by day, then id."""
    days = reviews["review_date"].astype(str)
    said = [W.day(date.fromisoformat(d), lang) for d in sorted(set(days))]
    ids = sorted(set(reviews["review_id"].astype(int)))
    ordered = reviews.assign(day=days, id=reviews["review_id"].astype(int)).sort_values(["day", "id"])
    return said, ids, [int(i) for i in ordered["id"]]


def _later_in_year(recorded: pd.DataFrame, review_day: str, scope: pd.DataFrame, *, db: str, lang: str) -> list[str]:
    """The note (none, or one) on the reviews on record of a commune of ``scope`` dated later in ``review_day``'s
    year (:func:`same_year_note` names the earlier ones): most often the first run's ``--date`` was the mistake
    (the review run again with the decision's date), and running the later one again with --replace, as the
    later reviews' note asks, would compare it with this one — no movement, no escape that day. It names them
    and how to remove the first of them (``history undo``), in ``lang``."""
    days = recorded["review_date"].astype(str)
    later = recorded[recorded["unit"].isin(scope["unit"]) & (days > review_day) & (days.str[:4] == review_day[:4])]
    if not len(later):
        return []
    said, ids, in_order = _reviews_named(later, lang)
    first_id = in_order[0]
    return [
        W.msg(
            "rv_same_year_later",
            lang,
            db=db,
            scope=scope_label(later.drop_duplicates("unit")),
            days=", ".join(said),
            ids=", ".join(str(i) for i in ids),
            year=review_day[:4],
            first_id=first_id,
        )
    ]
