"""Alkire–Foster measures (docs/reports.md, "Alkire–Foster measures"): H, A, M0, headcounts, contributions.

Indicator j has weight w_j = u_j / D with integer *weight units* u_j (``equal``: 1 each, D = d;
``nested``: 1/m per dimension split equally within it, D = the least common multiple of m·n_dim).
A household's score is kept in units, s_i = Σ u_j g_ij, and it is AF-poor at cutoff k (k = 1…d,
"k of d") iff s_i/D ≥ k/d, tested **exactly** as the integer comparison s_i·d ≥ k·D — never in
floating point, where 12 indicators of weight 1/12 put whole score levels on the wrong side.

Everything is computed from additive sums, so parts (files, Dask partitions) can be added before any
ratio is taken: :func:`af_sums` gives, per group, scheme, unit and score level s, the analysis
weight N_s = Σ a_i and G_js = Σ a_i g_ij; :func:`combine_sums` adds the sums of parts;
:func:`measures_from_sums` turns them into the tidy frame of reports.md. :func:`af_measures` does
all three. Undefined values (a share of nothing) are NaN here and blank in ``af.csv``, never 0.

A household with an indicator unknown (blank flag) has no defined score and is left out of every
unit's N (complete cases, as mpitb does); :func:`af_coverage` says how many. A household whose
``household_size`` is blank (unknown) is left out of the person units' N alike.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..data.schema import canonical_headers
from ..data.write import write_csv_atomic
from ..engine.standards import load_ruleset
from ..errors import RulesetError
from ..results.labels import without_the_inputs_previous_status
from ..rules.model import Ruleset
from ..vocabulary.areas import AREA_WORDS
from ..vocabulary.changes import LEAVING, read_change_reasons
from ..vocabulary.flags import read_flags
from ..vocabulary.numbers import parse_numbers
from ..vocabulary.text import fold
from .messages import report_error
from .units import codes_as_written, distinct_sets, holding, place_names

LEVELS = ("total", "province", "commune", "village", "area")
KEYS = ("province", "commune", "village", "area")
LEVEL_KEYS: dict[str, tuple[str, ...]] = {
    "total": (),
    "province": ("province",),
    "commune": ("province", "commune"),
    "village": ("province", "commune", "village"),
    "area": ("area",),
}
SCHEMES = ("equal", "nested")
UNITS = ("household", "household_weighted", "person", "person_weighted")
MEASURES = (
    "N",
    "q",
    "H",
    "A",
    "M0",
    "hd",
    "hdk",
    "actb",
    "pctb",
    "dim_actb",
    "dim_pctb",
    "pop_share",
    "contrib",
    "pct_contrib",
)
COLUMNS = ("level", *KEYS, "scheme", "unit", "k", "measure", "indicator", "value")
SUM_KEYS = ("level", *KEYS, "scheme", "unit")
SIZE_COLUMN = "household_size"


@dataclass(frozen=True)
class AFWeights:
    """A weighting scheme as integer units: w_j = units[j] / denominator (the units sum to it)."""

    scheme: str
    indicators: tuple[str, ...]
    dimensions: tuple[str, ...]  # the dimension of each indicator, in ruleset order
    units: tuple[int, ...]

    @property
    def denominator(self) -> int:
        return sum(self.units)

    @property
    def d(self) -> int:
        return len(self.indicators)

    def weight(self, j: int) -> Fraction:
        return Fraction(self.units[j], self.denominator)

    def dimension_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.dimensions))

    def poor(self, score_units: np.ndarray, k: int) -> np.ndarray:
        """AF-poor at k of d: s/D ≥ k/d, compared as integers (s·d ≥ k·D)."""
        return np.asarray(score_units, dtype=np.int64) * self.d >= k * self.denominator


def af_weights(ruleset: Ruleset, scheme: str = "equal") -> AFWeights:
    """The ``equal`` (1/d each) or ``nested`` (1/m per dimension, equal within) weights of a ruleset."""
    ids = tuple(ind.id for ind in ruleset.indicators)
    dims = tuple(ind.dimension for ind in ruleset.indicators)
    if scheme == "equal":
        return AFWeights(scheme, ids, dims, (1,) * len(ids))
    if scheme != "nested":
        raise report_error("af_choice", name="weights", allowed=", ".join(SCHEMES), value=scheme)
    per_dim = {dim: dims.count(dim) for dim in dict.fromkeys(dims)}
    m = len(per_dim)
    denominator = reduce(math.lcm, (m * n for n in per_dim.values()), 1)
    return AFWeights(scheme, ids, dims, tuple(denominator // (m * per_dim[dim]) for dim in dims))


def deprivation_matrix(frame: pd.DataFrame, ruleset: Ruleset) -> tuple[np.ndarray, np.ndarray]:
    """(g: n × d int8 of 0/1, known: n bool) from a classified table.

    Each indicator is read from its ``deprived_<id>`` column (any flag spelling) and, where that is
    absent or blank, from the ``deprived`` column (the engine's list, ``;``-separated, e.g. flags
    derived from a members file). A blank flag not in that list, or one of a column the table lacks (where
    it has other flag columns), is unknown, unless ``flag_sources`` says
    the engine derived it, or read it as given (``--blank-flags not-deprived``): then it is known, not
    deprived, as the history counts it. A table from the history
    (``report --db``) has no flag columns but ``blank_marks``: a household recorded with a blank mark
    is unknown (a null count, a review recorded before the history kept it, is taken as none).
    """
    n = len(frame)
    listed = None
    if "deprived" in frame.columns:  # each distinct list split once (a million rows one by one: about 2.4 s)
        listed = distinct_sets(frame["deprived"], lambda v: set(v.split(";")) if isinstance(v, str) and v else set())
    read = _read_marks(frame)
    g = np.zeros((n, len(ruleset.indicators)), dtype=np.int8)
    known = np.ones(n, dtype=bool)
    # a file's flag column that is absent is a blank mark in every row (docs/input.md: missing = unknown), as
    # the history counts it (blank_marks); a table with no flag column at all (the history's rows, a review's
    # households) has the engine's lists as its marks
    absent_unknown = "blank_marks" not in frame.columns and any(i.column in frame.columns for i in ruleset.indicators)
    for j, ind in enumerate(ruleset.indicators):
        in_list = holding(listed, ind.id) if listed is not None else None
        if ind.column in frame.columns:
            values, bad = read_flags(frame[ind.column])
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                raise report_error(
                    "af_flag", row=_row_of(frame, row), column=ind.column, value=frame[ind.column].iloc[row]
                )
            blank = np.isnan(values)
            deprived = values == 1.0
            if in_list is not None:
                deprived |= blank & in_list
                blank &= ~in_list
                if read is not None:  # a blank mark the engine read or derived (flag_sources) is known: not deprived
                    blank &= ~holding(read, ind.id)
            known &= ~blank
            g[:, j] = deprived
        elif in_list is not None:
            g[:, j] = in_list
            if absent_unknown:  # not listed, and not read or derived by the engine (flag_sources): unknown
                blank = ~in_list
                if read is not None:
                    blank &= ~holding(read, ind.id)
                known &= ~blank
        else:
            raise report_error("af_no_indicator", column=ind.column)
    if "blank_marks" in frame.columns:  # from the history: the households it recorded with a blank mark
        blanks = pd.to_numeric(frame["blank_marks"], errors="coerce").to_numpy(dtype="float64")
        known &= ~(blanks > 0)
    return g, known


def with_absent_marks(table: pd.DataFrame, ruleset: Ruleset) -> pd.DataFrame:
    """A household file's table (a reviewed or classified file, as ``report`` reads it) with a blank column for
    each of the standard's flag columns it lacks: the engine read every such mark as blank (docs/input.md:
    missing = unknown) and the history records it so (``blank_marks``), so that the AF measures leave the
    household out as ``report --db`` does, even where the file has no flag column at all (a table of the
    engine's lists alone, as the library may be given, reads the lists: :func:`deprivation_matrix`)."""
    missing = [ind.column for ind in ruleset.indicators if ind.column not in table.columns]
    if not missing or "blank_marks" in table.columns:
        return table
    return table.assign(**dict.fromkeys(missing, None))


def _read_marks(frame: pd.DataFrame) -> tuple[np.ndarray, list[set[str]]] | None:
    """Each household's indicators whose mark the engine knew, read from ``flag_sources``
    (``employment=derived;water=given;…``, docs/members.md): ``derived`` from its members or fields, or
    ``given`` (a blank cell is given as 0 under ``--blank-flags not-deprived``); None without it. As
    :func:`~poverty_rules.reports.units.distinct_sets` gives them."""
    if "flag_sources" not in frame.columns:
        return None
    texts = frame["flag_sources"].astype(object).where(frame["flag_sources"].notna(), "").astype(str)
    return distinct_sets(
        texts,
        lambda text: {
            ind.strip()
            for ind, _, src in (part.partition("=") for part in text.split(";"))
            if src.strip() in ("derived", "given")
        },
    )


FILE_ROWS = "file_row_less_2"
"""The name of the index ``report`` gives a reviewed file's rows: each row's number in the file less 2."""


def residents(frame: pd.DataFrame) -> pd.DataFrame:
    """The households of a table the measures count: the resident ones R1 counts (docs/reports.md), not those its
    ``change_reason`` column marks leaving (``moved_out``, ``died``, ``merged``; ``chuyển đi`` …), which ``report``
    leaves out of the AF measures as R1 leaves them out. Each row kept is indexed :data:`FILE_ROWS` by its row in
    ``frame`` less 2, so a cell the measures cannot read is said at its row there; a table without such a
    household is ``frame`` itself. A ``change_reason`` that names no reason (``đi xuất khẩu``) is refused naming its
    row, as ``report`` refuses it (reports/frame.py), never measured as a resident's."""
    if "change_reason" not in frame.columns:
        return frame
    reasons, unreadable = read_change_reasons(frame["change_reason"])
    if unreadable.any():
        first = int(np.flatnonzero(unreadable.to_numpy(dtype=bool))[0])
        value = frame["change_reason"].iloc[first]
        raise report_error("af_change_reason", row=_row_of(frame, first), column="change_reason", value=value)
    leaving = reasons.isin(LEAVING).to_numpy(dtype=bool)
    if not leaving.any():
        return frame
    at = np.asarray(frame.index if frame.index.name == FILE_ROWS else np.arange(len(frame)))
    return frame[~leaving].set_axis(pd.Index(at[~leaving], name=FILE_ROWS))


def _row_of(frame: pd.DataFrame, position: int) -> int:
    """The row number a message gives the table's row at ``position`` (the header is row 1): the row the
    officer sees in the file where the index is :data:`FILE_ROWS` (``report`` measures the residents of a
    reviewed file, whose blank rows are not read), else ``position`` + 2."""
    if frame.index.name == FILE_ROWS:
        return int(frame.index[position]) + 2
    return position + 2


def _keys(frame: pd.DataFrame, known: np.ndarray) -> dict[str, tuple[np.ndarray, pd.Index]]:
    """Each known household's province, commune, village and area as the AF sheet groups them, as the position of
    its name among the names in sorted order, with those names: a column of numbers as a file writes them (``1``,
    not ``1.0``), any other as its text (:func:`place_names`), an area as its word (``nông thôn`` → rural); ``""``
    where missing or where the table has no such column. Each distinct cell is read and sorted once (a million
    households' cells one by one: about 1.5 s)."""
    out = {}
    for key in KEYS:
        if key in frame.columns:
            column = frame[key]
            if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
                rows, names = pd.factorize(codes_as_written(column))  # 1, not 1.0
            else:
                rows, names = place_names(column)
            if key == "area":
                names = np.array([AREA_WORDS.get(fold(v), AREA_WORDS.get(v.lower(), v)) for v in names], dtype=object)
        else:
            rows, names = np.zeros(len(frame), dtype=np.int64), np.array([""], dtype=object)
        place, sorted_names = pd.factorize(pd.Index(names, dtype="str"), sort=True)  # two areas may share a word
        out[key] = (place[rows][known], sorted_names)
    return out


def _numbers(frame: pd.DataFrame, column: str, *, whole: bool) -> np.ndarray:
    """A unit's numbers per household (``household_size``: ``whole``, ≥ 1; a weight: ≥ 0). A blank size
    is unknown: 0, the household left out of the person units (as one with a blank mark is left out of N).
    A yes/no (a boolean column's ``True``) is no number: refused as a typed ``True`` is, never 1 person."""
    if column not in frame.columns:
        raise report_error("af_no_column" if whole else "af_no_weight_column", column=column)
    raw = frame[column]
    cells = raw.astype(object).map(lambda v: str(v) if isinstance(v, (bool, np.bool_)) else v)
    values = pd.to_numeric(  # spaces of any kind around a number (a spreadsheet's ``6\u00a0``) are none of it
        cells.map(lambda v: v.strip().replace(",", ".") if isinstance(v, str) else v), errors="coerce"
    ).to_numpy(dtype="float64", copy=True)
    if not whole:  # a weight written as the file's numbers are: 1.500 is 1,500, 1.234,5 and 2,5 are decimals
        values = _weights_as_written(raw, values)
    blank = np.zeros(len(values), bool)
    if whole:
        empty = raw.astype(object).map(lambda v: isinstance(v, str) and not v.strip())
        blank = raw.isna().to_numpy() | empty.to_numpy(dtype=bool)
        values[blank] = 0.0
    bad = ~np.isfinite(values) | (values < 0) | ((values != np.round(values)) if whole else False)
    if whole:
        bad |= (values < 1) & ~blank
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise report_error(
            "af_persons" if whole else "af_weight", row=_row_of(frame, row), column=column, value=raw.iloc[row]
        )
    return values


def _weights_as_written(raw: pd.Series, values: np.ndarray) -> np.ndarray:
    """``values`` with each text cell of ``raw`` read as a household file's number is (vocabulary/numbers.py:
    ``1.500`` and ``1.500,5`` grouped by dots, ``1,500.5`` by commas, ``2,5`` a decimal comma), where a plain
    number reading took ``1.500`` for 1.5; an unreadable cell is NaN (refused by the caller)."""
    cells = raw.astype(object)
    text = cells.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    if not text.any():
        return values
    parsed, unreadable = parse_numbers(pa.array(cells[text].tolist(), type=pa.string()))
    out = values.copy()
    out[text] = np.where(unreadable, np.nan, parsed)
    return out


def _analysis_weights(frame: pd.DataFrame, unit: str, weight_column: str | None) -> np.ndarray:
    if unit not in UNITS:
        raise report_error("af_choice", name="unit", allowed=", ".join(UNITS), value=unit)
    a = np.ones(len(frame), dtype="float64")
    if unit.startswith("person"):
        a = a * _numbers(frame, SIZE_COLUMN, whole=True)
    if unit.endswith("_weighted"):
        if not weight_column:
            raise report_error("af_unit_weight", unit=unit)
        a = a * _numbers(frame, weight_column, whole=False)
    return a


def with_canonical_headers(frame: pd.DataFrame, source: str = "<data>") -> pd.DataFrame:
    """A table as the library is given it, its known headers under their canonical names, as ``report``
    reads a file: a table classified from an officer's file keeps its headers (``Thôn``, ``Khu vực``,
    ``Số nhân khẩu``), which the measures read as ``village``, ``area``, ``household_size``; two headers of
    one column are an error naming ``source``."""
    frame = without_the_inputs_previous_status(frame)  # a reviewed file an earlier version wrote beside it
    headers = canonical_headers([str(c) for c in frame.columns], source=source)
    mapping = {h: c for h, c in headers.items() if h != c}
    return frame.rename(columns=mapping) if mapping else frame


def available_units(frame: pd.DataFrame, weight_column: str | None = None) -> tuple[str, ...]:
    """The units a table supports: persons need ``household_size``, weighted units a weight column."""
    out = ["household"]
    if weight_column:
        out.append("household_weighted")
    if SIZE_COLUMN in frame.columns:
        out.append("person")
        if weight_column:
            out.append("person_weighted")
    return tuple(u for u in UNITS if u in out)


def af_sums(
    frame: pd.DataFrame,
    ruleset: Ruleset,
    *,
    schemes: Sequence[str] = SCHEMES,
    units: Sequence[str] = ("household",),
    weight_column: str | None = None,
    levels: Sequence[str] = LEVELS,
    matrix: tuple[np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    """The additive sums behind every measure: one row per group, scheme, unit and score level.

    Columns: ``level, province, commune, village, area, scheme, unit, score`` (the score in weight
    units of the scheme), ``N`` (Σ a_i) and ``g_<indicator>`` (Σ a_i g_ij). Sums of parts of a file
    are added with :func:`combine_sums`; :func:`measures_from_sums` takes the ratios. ``matrix``: the
    frame's :func:`deprivation_matrix`, when the caller read it already.

    Each level's groups are numbered once per scheme (:func:`_groups`: the keys' codes, then the score,
    sorted) and one ``groupby`` of those numbers sums every unit's columns: the same groups, in the same order,
    added in the same order as a ``groupby`` of the text keys and the score, which each unit, scheme and level
    did on a frame of its own, joined at the end (60 households, four units: 85-155 → 7-19 ms).
    """
    for level in levels:
        if level not in LEVELS:
            raise report_error("af_choice", name="level", allowed=", ".join(LEVELS), value=level)
    g, known = deprivation_matrix(frame, ruleset) if matrix is None else matrix
    coded = _keys(frame, known)
    sums = ["N", *(f"g_{ind.id}" for ind in ruleset.indicators)]
    deprived = g[known]
    weighted = []  # every unit's a_i and a_i g_ij side by side: one groupby sums them all
    for unit in units:
        a = _analysis_weights(frame, unit, weight_column)[known]
        weighted += [a, *(deprived * a[:, None]).T]
    columns = pd.DataFrame(dict(enumerate(weighted)), index=range(len(deprived)))
    width = len(sums)
    parts: dict[tuple[str, str, str], tuple[dict[str, Any], np.ndarray, np.ndarray]] = {}
    for scheme in schemes:
        w = af_weights(ruleset, scheme)
        score = deprived.astype(np.int64) @ np.asarray(w.units, dtype=np.int64)
        for level in levels:
            group, first = _groups([coded[key][0] for key in LEVEL_KEYS[level]], score)
            totals = columns.groupby(group, sort=True).sum().to_numpy()
            named = {key: coded[key][1].take(coded[key][0][first]) for key in LEVEL_KEYS[level]}
            scores = score[first]
            if level == "total" and not len(first):  # no household: the total still exists, with N = 0
                totals, scores = np.zeros((1, width * len(units))), np.zeros(1, dtype=np.int64)
            for at, unit in enumerate(units):
                parts[unit, scheme, level] = named, scores, totals[:, at * width : (at + 1) * width]
    if not parts:
        return pd.DataFrame(columns=[*SUM_KEYS, "score", *sums])
    return _sums_frame([(u, s, lv, *parts[u, s, lv]) for u in units for s in schemes for lv in levels], sums)


def _sums_frame(
    parts: list[tuple[str, str, str, dict[str, Any], np.ndarray, np.ndarray]], sums: list[str]
) -> pd.DataFrame:
    """:func:`af_sums`' frame from its parts in order (unit, scheme, level, the level's keys, scores, sums), each
    column made once (a frame a part, its columns set one by one and the frames joined took 0.1 s for a commune)."""
    sizes = [len(part[4]) for part in parts]
    out: dict[str, Any] = {}
    for name in SUM_KEYS:
        if name in ("level", "scheme", "unit"):
            at = {"unit": 0, "scheme": 1, "level": 2}[name]
            out[name] = np.repeat(np.array([part[at] for part in parts], dtype=object), sizes)
            continue
        keys = [part[3].get(name) for part in parts]  # a level's own keys; "" for the keys it does not group by
        out[name] = np.concatenate(
            [
                np.full(n, "", dtype=object) if k is None else np.asarray(k, dtype=object)
                for k, n in zip(keys, sizes, strict=True)
            ]
        )
    out["score"] = np.concatenate([part[4] for part in parts])
    values = np.concatenate([part[5] for part in parts])
    out.update({name: values[:, at] for at, name in enumerate(sums)})
    return pd.DataFrame(out)


def _groups(codes: Sequence[np.ndarray], score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group (numbered 0, 1 … in the order of its keys' ``codes``, then its ``score``) and the first
    row of each group, in that order."""
    order = np.lexsort((score, *reversed(codes)))  # the first key sorts first (lexsort's last key)
    new = np.zeros(len(order), dtype=bool)
    new[:1] = True
    for column in (*codes, score):
        ranked = column[order]
        new[1:] |= ranked[1:] != ranked[:-1]
    group = np.empty(len(order), dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    return group, order[new]


def combine_sums(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Add the :func:`af_sums` of parts of one file (e.g. Dask partitions): sums by group and score."""
    frames = list(parts)
    both = pd.concat(frames, ignore_index=True)
    value_cols = [c for c in both.columns if c not in (*SUM_KEYS, "score")]
    out = both.groupby([*SUM_KEYS, "score"], sort=False, dropna=False)[value_cols].sum().reset_index()
    return out[list(frames[0].columns)]


def _div(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _cutoff(value: Any, d: int) -> int:
    """A poverty cutoff k: a whole number of indicators from 1 to ``d`` (``3``, ``3.0``); anything else
    (``2.5``, ``"x"``, ``True``) is refused with the message of a k out of range, never rounded."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not number.is_integer() or not 1 <= number <= d:
        raise report_error("af_k", d=d, value=value)
    return int(number)


def measures_from_sums(sums: pd.DataFrame, ruleset: Ruleset, *, k: Sequence[int] | None = None) -> pd.DataFrame:
    """The tidy frame of reports.md (``level … k, measure, indicator, value``) from :func:`af_sums`."""
    ids = [ind.id for ind in ruleset.indicators]
    d = len(ids)
    ks = list(range(1, d + 1)) if k is None else list(dict.fromkeys(_cutoff(x, d) for x in k))  # each k once
    gcols = [f"g_{i}" for i in ids]
    group = list(SUM_KEYS)
    order = sums[group].drop_duplicates().reset_index(drop=True)
    order["_g"] = range(len(order))
    s = sums.merge(order, on=group, how="left")
    schemes = {name: af_weights(ruleset, name) for name in s["scheme"].unique()}
    den = s["scheme"].map({n: w.denominator for n, w in schemes.items()}).to_numpy(dtype=np.int64)
    score = s["score"].to_numpy(dtype=np.int64)
    n_groups = len(order)
    gid = s["_g"].to_numpy()
    nsum = s["N"].to_numpy(dtype="float64")
    gsum = s[gcols].to_numpy(dtype="float64")
    N = np.bincount(gid, weights=nsum, minlength=n_groups)
    U = np.stack([np.bincount(gid, weights=gsum[:, j], minlength=n_groups) for j in range(d)], axis=1)
    unit_mat = np.stack([np.asarray(schemes[sc].units, dtype="float64") for sc in order["scheme"]])
    D = order["scheme"].map({n: w.denominator for n, w in schemes.items()}).to_numpy(dtype="float64")
    dim_ids = list(dict.fromkeys(ind.dimension for ind in ruleset.indicators))
    dim_of = np.array([dim_ids.index(ind.dimension) for ind in ruleset.indicators])
    # the whole file's N and S for each scheme and unit (subgroup shares are of the total)
    total_idx = order.index[order["level"] == "total"]
    total_key = {(order.at[i, "scheme"], order.at[i, "unit"]): i for i in total_idx}
    tot = np.array([total_key.get((sc, un), -1) for sc, un in zip(order["scheme"], order["unit"], strict=True)])
    blocks: list[tuple[int, str, str, np.ndarray]] = []
    for kk in ks:
        poor = (score * d >= kk * den).astype("float64")
        q = np.bincount(gid, weights=nsum * poor, minlength=n_groups)
        S = np.bincount(gid, weights=nsum * poor * score, minlength=n_groups)
        C = np.stack([np.bincount(gid, weights=gsum[:, j] * poor, minlength=n_groups) for j in range(d)], axis=1)
        DN = D * N
        uC = unit_mat * C
        actb = _div(uC, DN[:, None])
        pctb = _div(uC, S[:, None])
        dim_actb = np.stack([np.where(N > 0, actb[:, dim_of == m].sum(axis=1), np.nan) for m in range(len(dim_ids))], 1)
        dim_pctb = np.stack([_div(uC[:, dim_of == m].sum(axis=1), S) for m in range(len(dim_ids))], 1)
        if len(total_key) and (tot >= 0).all():
            NT, ST = N[tot], S[tot]
            pop_share, contrib, pct_contrib = _div(N, NT), _div(S, D * NT), _div(S, ST)
            # a group of no one (every weight or size 0) has no M0, so no contribution (pop_share · M0)
            contrib, pct_contrib = np.where(N > 0, contrib, np.nan), np.where(N > 0, pct_contrib, np.nan)
        else:  # no total level asked for: shares of the groups' own sum
            pop_share = contrib = pct_contrib = np.full(n_groups, np.nan)
        scalars = {
            "N": N,
            "q": q,
            "H": _div(q, N),
            "A": _div(S, D * q),
            "M0": _div(S, DN),
            "pop_share": pop_share,
            "contrib": contrib,
            "pct_contrib": pct_contrib,
        }
        per_ind = {"hd": _div(U, N[:, None]), "hdk": _div(C, N[:, None]), "actb": actb, "pctb": pctb}
        per_dim = {"dim_actb": dim_actb, "dim_pctb": dim_pctb}
        for measure in MEASURES:
            if measure in scalars:
                blocks.append((kk, measure, "", scalars[measure]))
            elif measure in per_ind:
                for j, ind in enumerate(ids):
                    blocks.append((kk, measure, ind, per_ind[measure][:, j]))
            else:
                for m, dim in enumerate(dim_ids):
                    blocks.append((kk, measure, dim, per_dim[measure][:, m]))
    return _tidy(order, blocks)


def _tidy(order: pd.DataFrame, blocks: list[tuple[int, str, str, np.ndarray]]) -> pd.DataFrame:
    """The tidy rows of every group of ``order`` and every block (k, measure, indicator: one value per group),
    sorted as reports.md lists them: by level, names, scheme and unit, then k and measure, the indicators
    in the standard's order. The groups (thousands for a province) are sorted, and the blocks, not the
    millions of rows they make."""
    if not blocks:
        kinds = {"k": "int64", "value": "float64"}
        return pd.DataFrame({c: pd.Series(dtype=kinds.get(c, object)) for c in COLUMNS})
    ranks = order.assign(
        _l=order["level"].map({lv: i for i, lv in enumerate(LEVELS)}),
        _s=order["scheme"].map({sc: i for i, sc in enumerate(SCHEMES)}),
        _u=order["unit"].map({un: i for i, un in enumerate(UNITS)}),
    )
    groups = ranks.sort_values(["_l", "province", "commune", "village", "area", "_s", "_u"], kind="stable").index
    at = np.asarray(groups, dtype=np.int64)
    by = sorted(range(len(blocks)), key=lambda b: (blocks[b][0], MEASURES.index(blocks[b][1])))  # stable
    nb = len(by)
    values = np.stack([blocks[b][3] for b in by])[:, at]  # blocks × groups
    each_group, each_block = np.repeat(at, nb), np.tile(np.arange(nb), len(at))
    # text columns taken from their few distinct values (pandas' text arrays: no Python string per row)
    data: dict[str, Any] = {key: order[key].astype("str").array.take(each_group) for key in SUM_KEYS}
    data["k"] = np.array([blocks[b][0] for b in by], dtype=np.int64)[each_block]
    for j, name in ((1, "measure"), (2, "indicator")):
        data[name] = pd.Series([blocks[b][j] for b in by], dtype="str").array.take(each_block)
    data["value"] = values.T.ravel()
    return pd.DataFrame(data)[list(COLUMNS)]


def af_coverage(frame: pd.DataFrame, ruleset: Ruleset) -> tuple[int, int]:
    """(households with every indicator known, all households): the first are the AF measures' N."""
    _, known = deprivation_matrix(frame, ruleset)
    return int(known.sum()), len(frame)


def _as_list(value: Any, allowed: Sequence[str], name: str, *, empty: bool = False) -> list[str]:
    """``value`` (one choice or several) as a list of ``allowed`` choices, each once (a choice given twice was
    summed twice: N and q doubled); none at all is refused unless ``empty`` (``by=[]``: the total alone), as it
    left nothing to compute (numpy's 'need at least one array to stack')."""
    items = [value] if isinstance(value, str) else list(value)
    if not items and not empty:
        raise report_error("af_none_chosen", name=name, allowed=", ".join(allowed))
    for item in items:
        if item not in allowed:
            raise report_error("af_choice", name=name, allowed=", ".join(allowed), value=item)
    return list(dict.fromkeys(items))


def ruleset_of(classified: pd.DataFrame, ruleset: Ruleset | str | Path | None = None) -> Ruleset:
    """The ruleset to weigh with: the one given (object, id or path), else the classified file's
    ``ruleset`` column (``vn-2022-2026@2025.02`` → ``vn-2022-2026``), else the standard in force today."""
    if ruleset is not None:
        rs = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset)
        check_marked(classified, rs)
        return rs
    if "ruleset" in classified.columns:
        ids = {str(v).split("+")[-1].split("@")[0] for v in classified["ruleset"].dropna().unique() if str(v)}
        if len(ids) > 1:
            raise report_error("af_rulesets", ids=", ".join(sorted(ids)))
        if ids:
            name = ids.pop()
            try:
                return load_ruleset(name)
            except RulesetError:  # a local standard read from a file this install does not have: its base
                base = {str(v).split("@")[0] for v in classified["ruleset"].dropna().unique() if str(v)}
                return load_ruleset(base.pop()) if len(base) == 1 else load_ruleset(name)
    return load_ruleset(None)


def check_marked(classified: pd.DataFrame, rs: Ruleset) -> None:
    """Refuse a standard ``rs`` with indicators the table has no marks for: no ``deprived_<id>`` column,
    and the standard that classified it (its ``ruleset`` column) does not define them, so its ``deprived``
    lists say nothing of them (they would read as "not deprived"). A table naming no standard, or one this
    install does not have, is not checked."""
    if "ruleset" not in classified.columns:
        return
    labels = sorted({str(v) for v in classified["ruleset"].dropna().unique() if str(v)})
    own: set[str] = set()
    for part in {part.split("@")[0] for label in labels for part in label.split("+")}:  # base+overlay@version
        try:
            own.update(ind.id for ind in load_ruleset(part).indicators)
        except RulesetError:
            return
    columns = set(with_canonical_headers(classified).columns)
    missing = [ind for ind in rs.indicators if ind.column not in columns and ind.id not in own]
    if labels and missing:
        raise report_error(
            "af_unmeasured",
            classified=", ".join(labels),
            ids=", ".join(ind.id for ind in missing),
            ruleset=rs.id,
            columns=", ".join(ind.column for ind in missing),
        )


@dataclass(frozen=True)
class AFOptions:
    """What :func:`af_measures` computes, checked: schemes, units, levels (``total`` first) and cutoffs."""

    schemes: list[str]
    units: list[str]
    levels: list[str]
    k: list[int] | None


def af_options(
    classified: pd.DataFrame,
    *,
    k: int | Sequence[int] | None = None,
    weights: str | Sequence[str] | None = None,
    unit: str | Sequence[str] | None = None,
    weight_column: str | None = None,
    by: str | Sequence[str] | None = None,
) -> AFOptions:
    """:func:`af_measures`' options with their defaults (units: those the table's columns support)."""
    schemes = _as_list(weights if weights is not None else SCHEMES, SCHEMES, "weights")
    units = _as_list(unit, UNITS, "unit") if unit is not None else list(available_units(classified, weight_column))
    levels = _as_list(by if by is not None else LEVELS, LEVELS, "by", empty=True)
    if "total" not in levels:
        levels = ["total", *levels]
    one = isinstance(k, (str, bytes)) or not isinstance(k, Iterable)  # 3, 3.0, "3": one cutoff
    return AFOptions(schemes, units, levels, None if k is None else ([k] if one else list(k)))  # type: ignore[list-item, arg-type]


def af_measures(
    classified: pd.DataFrame,
    *,
    ruleset: Ruleset | str | Path | None = None,
    k: int | Sequence[int] | None = None,
    weights: str | Sequence[str] | None = None,
    unit: str | Sequence[str] | None = None,
    weight_column: str | None = None,
    by: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Alkire–Foster measures of a classified table as the tidy frame of reports.md.

    ``k``: one cutoff or several (default 1…d); ``weights``: ``equal``, ``nested`` or both (default);
    ``ruleset``: the standard whose indicators and dimensions give the weights (default: the table's
    ``ruleset`` column); ``unit``: household, household_weighted, person, person_weighted (default: every unit the table
    supports); ``by``: the levels (default all: total, province, commune, village, area).
    """
    return measures_and_coverage(
        classified, ruleset=ruleset, k=k, weights=weights, unit=unit, weight_column=weight_column, by=by
    )[0]


def measures_and_coverage(
    classified: pd.DataFrame,
    *,
    ruleset: Ruleset | str | Path | None = None,
    k: int | Sequence[int] | None = None,
    weights: str | Sequence[str] | None = None,
    unit: str | Sequence[str] | None = None,
    weight_column: str | None = None,
    by: str | Sequence[str] | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`af_measures` and, for each of the table's rows, whether every indicator of it is known (the
    households in N; the others, with a blank mark, are left out: complete cases), its marks read once."""
    rs = ruleset_of(classified, ruleset)
    o = af_options(classified, k=k, weights=weights, unit=unit, weight_column=weight_column, by=by)
    matrix = deprivation_matrix(classified, rs)
    sums = af_sums(
        classified, rs, schemes=o.schemes, units=o.units, weight_column=weight_column, levels=o.levels, matrix=matrix
    )
    return measures_from_sums(sums, rs, k=o.k), matrix[1]


def write_af_csv(tidy: pd.DataFrame, path: str | Path, *, bom: bool = False) -> None:
    """``af.csv`` exactly as reports.md: the tidy columns, values at full precision (the shortest text that
    reads back as the same double), blank when undefined; keys blank where not part of the row's group.
    ``bom``: a UTF-8 byte-order mark first, as the report's other CSV files (Excel reads the names right)."""
    data: dict[str, Any] = {}
    for col in COLUMNS:
        if col == "value":
            data[col] = pa.array(tidy["value"].to_numpy(dtype="float64"), type=pa.float64(), from_pandas=True)
        elif col == "k":
            data[col] = pa.array(tidy["k"].to_numpy(dtype="int64"), type=pa.int64())
        else:  # Arrow's text as it is (a province's af.csv has millions of rows): no Python string per cell
            text = pa.array(tidy[col], from_pandas=True)
            if pa.types.is_large_string(text.type):
                text = text.cast(pa.string())
            elif not pa.types.is_string(text.type):
                text = pa.array(tidy[col].astype(str).to_numpy(dtype=object), type=pa.string())
            data[col] = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    write_csv_atomic(pa.table(data), path, bom=bom)
