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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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


@dataclass(frozen=True)
class UnitLayout:
    """Where the households' counts go in :func:`unit_rows`' table, worked out from their places alone
    (province, commune, village, area): the forms of one review sum other counts over the same households,
    each in the same table of units, so they read the places once (:func:`unit_layout`: about 0.05 s for a
    million households, read again by each of a report's seven forms before)."""

    households: int  # the rows it was worked out for
    areas: bool  # with one row per area present
    village_of: np.ndarray  # each household's village, numbered in the table's order
    villages: int
    in_commune: np.ndarray  # villages in each commune, in order
    in_province: np.ndarray  # communes in each province, in order
    area_of: np.ndarray  # each household's area, numbered
    area_rows: tuple[tuple[str, int], ...]  # the area rows, in AREAS order: (area, its number)
    area_count: int  # the areas numbered (those written, AREAS or not)
    order: np.ndarray  # the units' rows (villages, communes, provinces, then the totals) in the table's order
    keys: pd.DataFrame  # the table's ROW_KEYS columns


def unit_layout(frame: pd.DataFrame, *, areas: bool = True) -> UnitLayout:
    """The :class:`UnitLayout` of ``frame``'s households (its :data:`KEYS` and ``area``; a column it lacks
    counts as empty), for :func:`unit_rows` of this frame or of any frame of the same households in the
    same order.

    Each household's village is numbered by its names' places in Vietnamese order (each distinct name's key
    computed once), so one sort groups the villages already ordered, and the communes' and provinces' sums
    are sums of neighbouring villages' (``numpy.add.reduceat``): no group-by, sort or join of frames (with
    them a form of a commune's 40 or 2,000 households took 20-35 ms, and a report builds seven forms)."""
    data = frame.reindex(columns=[*KEYS, "area"])
    (p_rank, p_names), (c_rank, c_names), (v_rank, v_names) = (_ranked(data[key]) for key in KEYS)
    nc, nv = len(c_names), len(v_names)
    villages, at = np.unique((p_rank * nc + c_rank) * nv + v_rank, return_inverse=True)  # in order, nested
    communes, in_commune = np.unique(villages // nv, return_counts=True)  # (province, commune) of each village
    provinces, in_province = np.unique(communes // nc, return_counts=True)
    commune_of = np.repeat(np.arange(len(communes)), in_commune)  # each village's commune, as numbered here
    province_of = np.repeat(np.arange(len(provinces)), in_province)  # each commune's province
    province = p_names[provinces]
    commune = c_names[communes % nc]
    area_of, area_names = place_names(data["area"]) if areas else (np.zeros(len(data), np.int64), np.array([]))
    area_rows = tuple((a, list(area_names).index(a)) for a in AREAS if a in area_names) if areas else ()
    totals = [("total", ""), *(("area", a) for a, _ in area_rows)]  # after the units: the total, then the areas
    blank = [""] * len(totals)
    columns = {
        "level": np.concatenate(
            [
                np.repeat(["village", "commune", "province"], [len(villages), len(communes), len(provinces)]),
                [level for level, _ in totals],
            ]
        ),
        "province": np.concatenate([province[province_of[commune_of]], province[province_of], province, blank]),
        "commune": np.concatenate([commune[commune_of], commune, [""] * len(provinces), blank]),
        "village": np.concatenate([v_names[villages % nv], [""] * (len(communes) + len(provinces)), blank]),
        "area": np.concatenate([[""] * (len(villages) + len(communes) + len(provinces)), [a for _, a in totals]]),
    }
    # each commune's villages (in their order) then the commune; each province's communes then the province
    nested = np.lexsort(
        [
            np.concatenate([np.arange(len(villages)), np.zeros(len(communes) + len(provinces), np.int64)]),
            np.repeat([0, 1, 2], [len(villages), len(communes), len(provinces)]),
            np.concatenate([commune_of, np.arange(len(communes)), np.full(len(provinces), len(communes))]),
            np.concatenate([province_of[commune_of], province_of, np.arange(len(provinces))]),
        ]
    )
    order = np.concatenate([nested, np.arange(len(nested), len(nested) + len(totals))])
    keys = pd.DataFrame({key: pd.array(np.asarray(columns[key], dtype=object)[order], dtype="str") for key in ROW_KEYS})
    return UnitLayout(
        households=len(data),
        areas=areas,
        village_of=np.asarray(at, dtype=np.int64).reshape(-1),
        villages=len(villages),
        in_commune=in_commune,
        in_province=in_province,
        area_of=np.asarray(area_of, dtype=np.int64),
        area_rows=area_rows,
        area_count=len(area_names),
        order=order,
        keys=keys,
    )


def unit_rows(
    frame: pd.DataFrame, counts: Sequence[str], *, areas: bool = True, layout: UnitLayout | None = None
) -> pd.DataFrame:
    """Sum ``counts`` per village, with commune, province and total subtotals and per-area rows.

    ``frame`` holds one row per household with the :data:`KEYS`, ``area`` and integer ``counts``.
    The result has :data:`ROW_KEYS` then ``counts``: for each province, for each commune, its villages
    then the commune's row (names in Vietnamese order:
    :func:`~poverty_rules.vocabulary.text.vietnamese_key`); then the province's row; the total; then one
    row per area present (urban, rural). Keys not part of a row's group are ``""``.

    ``layout``: :func:`unit_layout` of the same households in the same order (a form of a review whose other
    forms read their places already), made with the same ``areas``; else worked out here.
    """
    counts = list(counts)
    if layout is None:
        layout = unit_layout(frame, areas=areas)
    elif layout.households != len(frame) or layout.areas != areas:
        raise ValueError(
            f"a layout of {layout.households} households (areas {layout.areas}) for {len(frame)} (areas {areas})"
        )
    values = np.asfortranarray(frame.reindex(columns=counts).fillna(0).astype(np.int64).to_numpy())  # by column
    if layout.area_rows:  # summed per village and area at once: the villages' sums and the areas' from those
        cells = _group_sums(
            values, layout.village_of * layout.area_count + layout.area_of, layout.villages * layout.area_count
        )
        cells = cells.reshape(layout.villages, layout.area_count, len(counts))
        v_sums, by_area = cells.sum(axis=1), cells.sum(axis=0)
    else:
        v_sums, by_area = _group_sums(values, layout.village_of, layout.villages), None
    c_sums = _sums(v_sums, layout.in_commune)
    p_sums = _sums(c_sums, layout.in_province)
    totals = [values.sum(axis=0), *(by_area[number] for _, number in layout.area_rows if by_area is not None)]
    sums = np.concatenate([v_sums, c_sums, p_sums, np.array(totals, np.int64).reshape(len(totals), len(counts))])
    sums = sums[layout.order]
    out = layout.keys.copy()
    for j, name in enumerate(counts):
        out[name] = sums[:, j]
    return out


#: Sums below this are exact in float64 (``numpy.bincount`` adds its weights as float64).
_EXACT = 2**53


def _group_sums(values: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """Sums of ``values``' rows per group (``group``: each row's, numbered 0 to ``groups`` − 1), as int64.

    Column by column with ``numpy.bincount`` (``values`` stored column by column), which reads the rows in
    place: gathering a million rows of 18 counts into their groups' order first took 0.16 s, the sums by
    bincount 0.03 s. A sum that could reach 2**53 (no count of households or persons does) is added exactly in
    integers instead."""
    if not values.shape[1]:
        return np.zeros((groups, 0), np.int64)
    if len(values) and max(-int(values.min()), int(values.max())) * len(values) >= _EXACT:
        out = np.zeros((groups, values.shape[1]), np.int64)
        np.add.at(out, group, values)
        return out
    columns = [np.bincount(group, weights=values[:, j], minlength=groups) for j in range(values.shape[1])]
    return np.rint(np.column_stack(columns)).astype(np.int64)


def _sums(values: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Sums of consecutive runs of ``values``' rows, ``sizes`` rows each (every size at least 1)."""
    if not len(sizes):
        return np.zeros((0, values.shape[1]), np.int64)
    return np.add.reduceat(values, np.concatenate([[0], np.cumsum(sizes)[:-1]]), axis=0)


def _ranked(names: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's name (:func:`_text`) as its place among the distinct names in Vietnamese order, and those
    names in that order (:func:`~poverty_rules.vocabulary.text.vietnamese_key`, once per distinct name)."""
    rows, distinct = place_names(names)
    in_order = sorted(range(len(distinct)), key=lambda i: vietnamese_key(str(distinct[i])))
    place = np.empty(len(distinct), np.int64)
    place[in_order] = np.arange(len(distinct))
    return place[rows], distinct[in_order]


def place_names(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column's names as :func:`_text` reads them (text, ``""`` where missing, surrounding spaces dropped),
    each row as a number into the distinct names: the cells told apart first, then each distinct cell read (a
    million rows' cells read one by one took 0.5 s a column). For the forms' units and the AF sheet's groups."""
    cells, distinct = pd.factorize(values)  # a missing cell: -1, the last name below ("")
    if not all(isinstance(cell, str) for cell in distinct):  # 3 and 3.0 (or True and 1): one cell, two names
        return place_names(_text(values))  # every cell text now
    texts = np.append(_text(pd.Series(distinct, dtype=object)).to_numpy(dtype=object), "")
    same, names = pd.factorize(texts)  # " Xã C " and "Xã C": one name
    return same[cells], np.asarray(names, dtype=object)


def distinct_sets(column: pd.Series, read: Callable[[Any], set[str]]) -> tuple[np.ndarray, list[set[str]]]:
    """Each row's set of names as ``read`` makes it of the row's cell, each distinct cell read once: (each row's
    number into the sets, the sets; a missing cell's set empty). Cells Python takes for equal (``1`` and ``1.0``)
    are read as one, which is safe for a ``read`` that reads text alone (every other cell: an empty set)."""
    rows, distinct = pd.factorize(column.reset_index(drop=True))  # a missing cell: -1, the last set (empty)
    sets = [read(cell) for cell in distinct]
    return np.where(rows < 0, len(sets), rows), [*sets, set()]


def holding(marks: tuple[np.ndarray, list[set[str]]], name: str) -> np.ndarray:
    """Whether each row's set (:func:`distinct_sets`) holds ``name``."""
    rows, sets = marks
    return np.array([name in s for s in sets], dtype=bool)[rows]


def unit_sums(frame: pd.DataFrame, counts: Sequence[str]) -> pd.DataFrame:
    """Sum ``counts`` per village and area (the smallest units), keys read as :func:`unit_rows` reads them.

    Sums of parts of a review (Dask partitions) add up: ``unit_sums`` of the concatenated sums equals
    ``unit_sums`` of all the households, and :func:`unit_rows` of either equals :func:`unit_rows` of
    the households (every row of a form is a sum of these)."""
    counts = list(counts)
    data = frame.reindex(columns=[*KEYS, "area", *counts]).copy()
    for key in (*KEYS, "area"):  # each distinct cell read once (place_names), not each row
        rows, names = place_names(data[key])
        data[key] = pd.array(names[rows], dtype="str")
    data[counts] = data[counts].fillna(0).astype(np.int64)
    return data.groupby([*KEYS, "area"], sort=True)[counts].sum().reset_index()


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
