"""Units and arithmetic of the reports (docs/reports.md, "Units and arithmetic").

- A village is identified by (province, commune, village), never by its name alone; tables go
  village → commune → province → total, with a subtotal row per commune and province, then one row
  per area (I. thành thị / II. nông thôn).
- Rates are shares of the unit's own counts × 100, two decimals, rounded half-up in exact integer /
  decimal arithmetic (37.625 → 37.63, where Python's ``round`` gives 37.62); a share of zero is
  undefined (``None``: a blank cell), never 0.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

from ..vocabulary import words as W
from ..vocabulary.numbers import number_texts
from ..vocabulary.text import fold, vietnamese_key

KEYS: tuple[str, ...] = ("province", "commune", "village")
"""A village's identity: the three names together."""

ROW_KEYS: tuple[str, ...] = ("level", "province", "commune", "village", "area")
"""The key columns of every form's rows (the CSV contract of docs/reports.md)."""

LEVELS: tuple[str, ...] = ("village", "commune", "province", "total", "area")
AREAS: tuple[str, ...] = ("urban", "rural")


def rate(count: int, total: int) -> Decimal | None:
    """``count / total × 100`` rounded half-up to two decimals; ``None`` when ``total`` is 0.

    Integer arithmetic, so nothing is lost before the rounding: ``rate(301, 800)`` is 37.63
    (37.625 exactly), where ``round(100 * 301 / 800, 2)`` gives 37.62.
    """
    count, total = int(count), int(total)
    if total == 0:
        return None
    numerator = count * 10_000
    sign = -1 if numerator * total < 0 else 1
    numerator, denominator = abs(numerator), abs(total)
    cents = (2 * numerator + denominator) // (2 * denominator)
    return Decimal(sign * cents).scaleb(-2)


def subtotal_label(words: str, name: str) -> str:
    """A subtotal row's name: ``Cộng xã`` + ``Xã Hưng Chính`` → ``Cộng Xã Hưng Chính`` (the unit's word said
    once), ``Commune subtotal`` + ``Xã Hưng Chính`` → ``Commune subtotal Xã Hưng Chính``; a unit of no name (a file
    with no Tỉnh column) ``Cộng tỉnh —``, as a village of no name is ``—``. A unit named with another unit's
    word is said with its own, never called a xã or a tỉnh: ``Cộng Phường Hưng Bình``, ``Cộng Thị trấn Quán
    Hành``, ``Cộng Thành phố Hà Nội``."""
    name = name.strip()
    if not name:
        return f"{words} —"
    head, _, unit_word = words.rpartition(" ")
    named = unicodedata.normalize("NFC", name).lower()
    own = _UNIT_WORDS if unit_word.lower() in _UNIT_WORDS else ()  # "Cộng xã", not "Commune subtotal"
    if head and any(named.startswith(f"{word} ") for word in (unit_word.lower(), *own)):
        return f"{head} {name}"
    return f"{words} {name}"


#: The words a Vietnamese unit's name begins with, which its subtotal row keeps as the unit's own word.
_UNIT_WORDS = ("xã", "phường", "thị trấn", "thị xã", "thành phố", "tỉnh", "huyện", "quận")


def rates(counts: pd.Series, totals: pd.Series) -> pd.Series:
    """:func:`rate` over two aligned columns (object values: ``Decimal`` or ``None``)."""
    return pd.Series(
        [rate(c, t) for c, t in zip(counts.to_numpy(), totals.to_numpy(), strict=True)],
        index=counts.index,
        dtype=object,
    )


def unit_rows(frame: pd.DataFrame, counts: Sequence[str], *, areas: bool = True) -> pd.DataFrame:
    """Sum ``counts`` per village, with commune, province and total subtotals and per-area rows.

    ``frame`` holds one row per household with the :data:`KEYS`, ``area`` and integer ``counts``.
    The result has :data:`ROW_KEYS` then ``counts``: for each province, for each commune, its villages
    then the commune's row (names in Vietnamese order:
    :func:`~poverty_rules.vocabulary.text.vietnamese_key`); then the province's row; the total; then one
    row per area present (urban, rural). Keys not part of a row's group are ``""``.
    """
    counts = list(counts)
    data = frame.reindex(columns=[*KEYS, "area", *counts]).copy()
    for key in (*KEYS, "area"):
        data[key] = _text(data[key])
    data[counts] = data[counts].fillna(0).astype(np.int64)
    villages = _in_order(data.groupby(list(KEYS), sort=False)[counts].sum().reset_index(), KEYS)
    communes = _in_order(data.groupby(["province", "commune"], sort=False)[counts].sum().reset_index(), KEYS[:2])
    provinces = _in_order(data.groupby(["province"], sort=False)[counts].sum().reset_index(), KEYS[:1])
    pieces: list[pd.DataFrame] = [_nested(villages, communes, provinces)]
    blank: dict[str, object] = dict.fromkeys(ROW_KEYS, "")
    sums: dict[str, object] = {str(k): v for k, v in data[counts].sum().items()}
    total = pd.DataFrame([{**blank, "level": "total", **sums}])
    pieces.append(total)
    if areas:
        by_area = data.groupby("area", sort=False)[counts].sum()
        for area in AREAS:
            if area in by_area.index:
                area_sums: dict[str, object] = {str(k): v for k, v in by_area.loc[area].items()}
                pieces.append(pd.DataFrame([{**blank, "level": "area", "area": area, **area_sums}]))
    out = pd.concat(pieces, ignore_index=True)
    out[counts] = out[counts].astype(np.int64)
    return out[[*ROW_KEYS, *counts]]


def _nested(villages: pd.DataFrame, communes: pd.DataFrame, provinces: pd.DataFrame) -> pd.DataFrame:
    """The village, commune and province rows (each in :func:`_in_order`'s order) nested as the forms read
    them: each commune's villages, then the commune; each province's communes, then the province. One sort
    of all the rows by their province's and commune's places, whatever the number of communes (a loop
    over the communes filtering the tables took minutes for a province of hundreds of communes)."""
    province_at = pd.Index(provinces["province"])
    commune_at = pd.MultiIndex.from_frame(communes[["province", "commune"]])
    v_commune = commune_at.get_indexer(pd.MultiIndex.from_frame(villages[["province", "commune"]]))
    c_province = province_at.get_indexer(communes["province"])
    rows = pd.concat(
        [
            villages.assign(level="village", area=""),
            communes.assign(level="commune", village="", area=""),
            provinces.assign(level="province", commune="", village="", area=""),
        ],
        ignore_index=True,
    )
    nv, nc, np_ = len(villages), len(communes), len(provinces)
    province_rank = np.concatenate([c_province[v_commune], c_province, np.arange(np_)])
    commune_rank = np.concatenate([v_commune, np.arange(nc), np.full(np_, nc)])  # a province after its communes
    level_rank = np.concatenate([np.zeros(nv, np.int64), np.ones(nc, np.int64), np.full(np_, 2)])
    own_rank = np.concatenate([np.arange(nv), np.zeros(nc + np_, np.int64)])
    order = np.lexsort([own_rank, level_rank, commune_rank, province_rank])
    return rows.iloc[order].reset_index(drop=True)


def unit_sums(frame: pd.DataFrame, counts: Sequence[str]) -> pd.DataFrame:
    """Sum ``counts`` per village and area (the smallest units), keys read as :func:`unit_rows` reads them.

    Sums of parts of a review (Dask partitions) add up: ``unit_sums`` of the concatenated sums equals
    ``unit_sums`` of all the households, and :func:`unit_rows` of either equals :func:`unit_rows` of
    the households (every row of a form is a sum of these)."""
    counts = list(counts)
    data = frame.reindex(columns=[*KEYS, "area", *counts]).copy()
    for key in (*KEYS, "area"):
        data[key] = _text(data[key])
    data[counts] = data[counts].fillna(0).astype(np.int64)
    return data.groupby([*KEYS, "area"], sort=True)[counts].sum().reset_index()


def _in_order(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """``frame``'s rows sorted by the names in ``keys`` as a Vietnamese dictionary orders them (``Thôn Đoài``
    before ``Thôn Trung``, ``Thôn 2`` before ``Thôn 10``), each distinct name's key computed once."""
    if frame.empty:
        return frame.reset_index(drop=True)
    ranks = {}
    for key in keys:
        names = sorted(set(frame[key]), key=vietnamese_key)
        ranks[key] = frame[key].map({name: i for i, name in enumerate(names)}).to_numpy()
    order = np.lexsort([ranks[key] for key in reversed(list(keys))])
    return frame.iloc[order].reset_index(drop=True)


def _text(values: pd.Series) -> pd.Series:
    """Names as text, ``""`` where missing; surrounding spaces dropped."""
    series = pd.Series(values, dtype=object)
    return series.where(series.notna(), "").astype(str).str.strip()


def codes_as_written(codes: pd.Series) -> np.ndarray:
    """A table's household codes as text, a column of numbers written as a file holds them (``102``, not the
    ``102.0`` of a float column, which a blank code makes of a column of numbers in pandas): the code the
    library's caller has, as ``classify`` names it. Any other column as its text."""
    if pd.api.types.is_numeric_dtype(codes.dtype) and not pd.api.types.is_bool_dtype(codes.dtype):
        return number_texts(codes.to_numpy(dtype="float64", na_value=np.nan) if codes.hasnans else codes.to_numpy())
    return codes.astype(str).to_numpy()


_WARDS = ("phuong ", "thi tran ")  # a ward's or a township's name, folded: Phường Hưng Dũng, Thị trấn Quán Hành


def coverage_line(communes: Sequence[str], lang: str, *, named: bool = True) -> str:
    """The line saying which communes a report of several covers (``Gồm 4 xã: …``; without ``named``, how many):
    "xã, phường, thị trấn" when a ward or township is among them, which is no commune (xã)."""
    wards = any(fold(str(name)).startswith(_WARDS) for name in communes)
    key = ("covers_wards" if wards else "covers") + ("" if named else "_count")
    return W.FORM_HEADER[key][lang].format(count=len(communes), communes=", ".join(communes))
