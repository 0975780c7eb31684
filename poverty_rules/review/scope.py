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
and inside a district file the next keeps its history (Quyết định 24/2021/QĐ-TTg, Điều 4: the
review is the commune's, whoever sends the file).
"""

from __future__ import annotations

from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from ..vocabulary import words as W
from ..vocabulary.text import fold

__all__ = ["SCOPE_COLUMNS", "code_unit", "commune_key", "household_units", "name_unit", "scope_label", "scope_refusal"]

SCOPE_COLUMNS = ("unit", "province_code", "commune_code", "province", "commune")
"""Columns of a review's scope table: one row per commune unit."""


def code_unit(province_code: str, commune_code: str) -> str:
    """The unit of a commune known by its codes."""
    return f"code|{province_code}|{commune_code}"


def name_unit(province: str, commune: str) -> str:
    """The unit of a commune known by its names only."""
    return f"name|{province}|{commune}"


def _cells(frame: pd.DataFrame, name: str) -> np.ndarray | None:
    """A text column stripped, ``""`` where blank; None when the frame lacks it."""
    if name not in frame.columns:
        return None
    codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)  # once per distinct value
    texts = np.array([_clean(v) for v in uniques] + [""], dtype=object)
    return texts[codes]


def _clean(value: object) -> str:
    """One cell as text without surrounding spaces; a whole float (``1.0``) as its integer."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def household_units(
    frame: pd.DataFrame,
    *,
    commune: str | None = None,
    province_code: str | None = None,
    commune_code: str | None = None,
    source: str = "<data>",
    lang: str = "en",
) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's commune unit (see the module) and the scope: one row per unit (:data:`SCOPE_COLUMNS`).

    ``commune`` (``--commune``), ``province_code`` / ``commune_code`` (``--province-code``,
    ``--commune-code``) speak for files without those columns. A ``--commune`` that is not the commune
    the file names (accents, case and xã / phường folded), or a ``--commune-code`` given for a file
    with its own codes or with several communes, is a :class:`ValueError` in ``lang`` naming ``source``.
    """
    n = len(frame)
    option_name = (commune or "").strip()
    names = _cells(frame, "commune")
    provinces = _cells(frame, "province")
    codes = _cells(frame, "commune_code")
    province_codes = _cells(frame, "province_code")
    if option_name and names is not None:
        named = sorted({v for v in names if v})
        other = [v for v in named if commune_key(v) != commune_key(option_name)]
        if other:
            raise ValueError(
                W.msg("h_commune_differs", lang, file=source, commune=option_name, names=", ".join(other[:5]))
            )
    given_code = (commune_code or "").strip()
    given_province = (province_code or "").strip()
    if given_code or given_province:
        if codes is not None:
            raise ValueError(W.msg("h_codes_in_file", lang, file=source))
        if names is not None and len({v for v in names if v}) > 1:
            raise ValueError(W.msg("h_codes_one_commune", lang, file=source, count=len({v for v in names if v})))
    if codes is None:
        codes = np.full(n, given_code, dtype=object)
    if province_codes is None:
        province_codes = np.full(n, given_province, dtype=object)
    commune_names = np.full(n, option_name, dtype=object) if names is None else names
    from_file = commune_names != ""
    commune_names = np.where(from_file, commune_names, option_name)
    province_names = (
        np.full(n, "", dtype=object) if provinces is None else np.where(from_file, provinces, "").astype(object)
    )
    coded = codes != ""
    parts = {
        "province_code": np.where(coded, province_codes, "").astype(object),
        "commune_code": np.asarray(codes, dtype=object),
        "province": province_names,
        "commune": np.asarray(commune_names, dtype=object),
    }
    keys = list(parts)
    combined = np.zeros(n, dtype=np.int64)
    for name in keys:  # one integer per distinct combination, without grouping text columns
        ints, values = pd.factorize(parts[name])
        combined = pd.factorize(combined * (len(values) + 1) + ints)[0].astype(np.int64)
    first = np.unique(combined, return_index=True)[1]  # combinations numbered in order of appearance
    group = combined
    distinct = pd.DataFrame({name: pd.Series(values[first], dtype=object) for name, values in parts.items()})
    distinct["unit"] = [
        code_unit(pc, cc) if cc else name_unit(p, c)
        for pc, cc, p, c in distinct[keys].itertuples(index=False, name=None)
    ]
    units = distinct["unit"].to_numpy(dtype=object)[group] if n else np.zeros(0, dtype=object)
    scope = distinct.drop_duplicates("unit").reset_index(drop=True)  # a code unit named two ways: one unit
    return units, scope[list(SCOPE_COLUMNS)]


def scope_label(scope: pd.DataFrame, limit: int = 3) -> str:
    """A review's scope for people: ``01/00001 Xã A, Xã B …`` (codes where known, then names)."""
    shown = []
    for row in scope.itertuples(index=False):
        code = _code(str(row.province_code), str(row.commune_code))
        text = " ".join(t for t in (code, str(row.commune or "")) if t)
        shown.append(text or "—")
    more = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" (+{more})" if more > 0 else "")


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
) -> str | None:
    """Why recording a review of ``scope`` on ``review_day`` would break the history, or None.

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
        return W.msg("h_already", lang, db=db, scope=scope_label(same_day), day=review_day, ids=ids)
    if new_commune:
        return None
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
                problems.append(W.msg("h_unnamed", lang, db=db, names=_named(named)))
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
                problems.append(
                    W.msg("h_code_vs_names", lang, db=db, commune=repr(name), code=code, names=_named(names))
                )
            continue
        names, codes = alike(by_name), alike(by_code)
        if len(names):
            problems.append(W.msg("h_resembles", lang, db=db, commune=repr(name), names=_named(names)))
        elif len(codes):
            problems.append(W.msg("h_name_vs_code", lang, db=db, commune=repr(name), names=_named(codes)))
    return "; ".join(problems[:3]) or None
