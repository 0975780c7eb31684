"""The review forms R1–R9 (docs/reports.md, "The review forms") as tables with numbered columns.

Each form is a :class:`Form`: its id, title, numbered columns and rows keyed by
:data:`~poverty_rules.reports.units.ROW_KEYS` (village → commune → province → total, then areas;
R2 and R3 add ``row``: households, then persons). Counts are ints; rates are ``Decimal`` with two
places, half-up, from the unit's own counts, ``None`` (blank) where undefined.

Definitions (per household of :class:`~poverty_rules.reports.frame.ReviewFrame`; P poor, N near-poor,
A average or not poor, ``""`` none):

- R2: c1 start P; c2 P→N; c3 P→A; c4 P→left; c5 N→P; c6 relapsed (start neither P nor N, end P,
  transition ``relapsed_poor``); c7 newly poor (other arrivals on the poor list); c8 other increase
  (no history, marked ``moved_in``/``split``); c9 end P. So c9 = c1−c2−c3−c4+c5+c6+c7+c8 for every
  household, hence every unit.
- R3 likewise for N: c2 N→A, c3 N→P, c4 N→left, c5 P→N; so R2 c2 = R3 c5 and R2 c5 = R3 c3.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.text import vietnamese_key, village_key
from .frame import ReviewFrame, ethnic_keys, local_ruleset
from .units import ROW_KEYS, UnitLayout, distinct_sets, holding, rates, unit_layout, unit_rows

Label = dict[str, str]


@dataclass(frozen=True)
class Column:
    """One numbered column of a form: its number on paper, its key, its header words."""

    number: int
    key: str
    label: Label
    kind: str = "count"  # "count" (int) or "rate" (Decimal, two places)


@dataclass
class Form:
    """One form: ``rows`` has :data:`ROW_KEYS` (and ``row`` in R2/R3), then ``c1`` … ``cN``."""

    id: str
    title: Label
    columns: list[Column]
    rows: pd.DataFrame
    persons: bool = True  # False: the file has no household_size, person cells are blank

    @property
    def keys(self) -> list[str]:
        return [k for k in (*ROW_KEYS, "row") if k in self.rows.columns]


def _c(number: int) -> str:
    return f"c{number}"


class FormInputs:
    """What the forms of one review read alike, each worked out when a form first asks for it and kept for the
    others (:func:`build_forms` makes one for the forms it builds): the units of its households
    (:func:`~poverty_rules.reports.units.unit_layout`, which every form's rows are summed over) and each list's
    deprivation counts (:func:`deprivation_counts`, R4 and R5 alike, R6 and R7 alike) and the sums of each table
    of counts (R5 sums R4's). Before, each form of a million households read the places again and gathered its
    counts into village order (1.6-1.8 s of the seven under a profiler), and R4-R7 read the ``deprived`` lists four
    times (0.9 s). The review's households must not change while it is used."""

    def __init__(self, review: ReviewFrame) -> None:
        self.review = review
        self._layout: UnitLayout | None = None
        self._matrix: np.ndarray | None = None
        self._deprivations: dict[str, pd.DataFrame] = {}
        self._sums: dict[tuple[str, tuple[str, ...]], pd.DataFrame] = {}

    def layout(self) -> UnitLayout:
        """The units of the review's households, in the forms' order."""
        if self._layout is None:
            self._layout = unit_layout(self.review.households)
        return self._layout

    def deprivations(self, lst: str) -> pd.DataFrame:
        """:func:`deprivation_counts` of the list ``lst`` (the ``deprived`` lists read once for both lists)."""
        if lst not in self._deprivations:
            if self._matrix is None:
                self._matrix = _deprived_matrix(self.review)
            self._deprivations[lst] = deprivation_counts(self.review, lst, matrix=self._matrix)
        return self._deprivations[lst]

    def sums(self, base: pd.DataFrame, counts: list[str]) -> pd.DataFrame:
        """:func:`~poverty_rules.reports.units.unit_rows` of ``base`` (the review's households, one row each); of a
        list's deprivation counts (:meth:`deprivations`, kept anyway) once per table of counts: R5 sums R4's, R7
        R6's. Any other base (R1's, R8's, R9's, each its form's own) is summed when asked and not kept: held for the
        sums' key, each stayed in memory until every form was built. The forms read the sums, never change them."""
        lst = next((name for name, frame in self._deprivations.items() if frame is base), None)
        if lst is None:
            return unit_rows(base, counts, layout=self.layout())
        key = (lst, tuple(counts))
        if key not in self._sums:
            self._sums[key] = unit_rows(base, counts, layout=self.layout())
        return self._sums[key]


def _build(
    form_id: str,
    columns: list[Column],
    base: pd.DataFrame,
    counts: list[str],
    derive: Callable[[pd.DataFrame], dict[str, pd.Series]],
    persons: bool,
    inputs: FormInputs | None = None,
) -> Form:
    """Aggregate ``counts`` per unit, then compute the numbered columns with ``derive``. ``inputs``: ``base`` holds
    the households of ``inputs``' review, one row each (:class:`FormInputs`: their units worked out once)."""
    units = unit_rows(base, counts) if inputs is None else inputs.sums(base, counts)
    values = derive(units)
    rows = units[list(ROW_KEYS)].copy()
    for col in columns:
        rows[_c(col.number)] = values[col.key]
    return Form(form_id, W.FORM_TITLE[form_id], columns, rows, persons)


def _blank_if(values: pd.Series, blank: bool) -> pd.Series:
    return pd.Series([None] * len(values), index=values.index, dtype=object) if blank else values


def r1_counts(review: ReviewFrame) -> pd.DataFrame:
    """R1's additive part: per household, its unit (province, commune, village, area) and the counts
    R1 sums (resident households and persons; poor, near-poor, average-standard farm households and
    persons). Sums of parts of a review (Dask partitions) add up: :func:`r1_from_counts` takes them."""
    h = review.households
    resident = h["resident"].to_numpy()
    persons = h["persons"].to_numpy() * resident
    end = h["end"].to_numpy()
    base = h[["province", "commune", "village", "area"]].copy()
    base["households"] = resident.astype(int)
    base["persons"] = persons
    for name, mask in (
        ("poor", end == "poor"),
        ("near_poor", end == "near_poor"),
        ("average_farm", (end == "average") & h["farm"].to_numpy()),
    ):
        base[f"{name}_h"] = (mask & resident).astype(int)
        base[f"{name}_p"] = np.where(mask & resident, persons, 0)
    return base


def r1(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R1: households and persons; poor, near-poor, average-standard farm households and their rates.
    ``inputs`` (every maker of a form takes them): what the review's other forms worked out already."""
    return r1_from_counts(r1_counts(review), review.has_persons, average=defines_average(review.ruleset), inputs=inputs)


def defines_average(ruleset: Ruleset | None) -> bool:
    """Whether the standard has an average living standard band (a class of status ``average``): the
    2027–2030 standard has none (docs/standard.md §4), so R1's columns 7, 8, 13 and 14 are undefined."""
    return ruleset is None or any(c.status == "average" for c in ruleset.classes)


def r1_from_counts(
    base: pd.DataFrame, has_persons: bool, *, average: bool = True, inputs: FormInputs | None = None
) -> Form:
    """R1 from :func:`r1_counts` (one row per household, or sums per unit: the same form). ``average``
    False: the standard defines no average band, and its columns are blank (undefined), never 0. ``inputs``:
    ``base`` holds the households of their review, one row each (:class:`FormInputs`)."""
    counts = [c for c in base.columns if c not in ("province", "commune", "village", "area")]
    no_persons = not has_persons
    L = W.FORM_COLUMN
    columns = [
        Column(1, "households", L["households"]),
        Column(2, "persons", L["persons"]),
        Column(3, "poor_h", L["poor_households"]),
        Column(4, "poor_h_rate", L["rate"], "rate"),
        Column(5, "near_poor_h", L["near_poor_households"]),
        Column(6, "near_poor_h_rate", L["rate"], "rate"),
        Column(7, "average_farm_h", L["average_farm_households"]),
        Column(8, "average_farm_h_rate", L["rate"], "rate"),
        Column(9, "poor_p", L["poor_persons"]),
        Column(10, "poor_p_rate", L["rate"], "rate"),
        Column(11, "near_poor_p", L["near_poor_persons"]),
        Column(12, "near_poor_p_rate", L["rate"], "rate"),
        Column(13, "average_farm_p", L["average_farm_persons"]),
        Column(14, "average_farm_p_rate", L["rate"], "rate"),
    ]

    def derive(u: pd.DataFrame) -> dict[str, pd.Series]:
        out: dict[str, pd.Series] = {"households": u["households"], "persons": _blank_if(u["persons"], no_persons)}
        for name in ("poor", "near_poor", "average_farm"):
            undefined = name == "average_farm" and not average
            out[f"{name}_h"] = _blank_if(u[f"{name}_h"], undefined)
            out[f"{name}_h_rate"] = _blank_if(rates(u[f"{name}_h"], u["households"]), undefined)
            out[f"{name}_p"] = _blank_if(u[f"{name}_p"], no_persons or undefined)
            out[f"{name}_p_rate"] = _blank_if(rates(u[f"{name}_p"], u["persons"]), no_persons or undefined)
        return out

    return _build("r1", columns, base, counts, derive, has_persons, inputs)


def movement_terms(review: ReviewFrame, lst: str) -> dict[int, np.ndarray]:
    """Per household, the nine terms of R2 (``lst="poor"``) or R3 (``"near_poor"``) as booleans."""
    h = review.households
    start, end = h["start"].to_numpy(), h["end"].to_numpy()
    other = "near_poor" if lst == "poor" else "poor"
    above = np.isin(end, ("average", "not_poor"))
    joined = (end == lst) & ~np.isin(start, (lst, other))
    arrived = joined & (start == "") & h["arriving"].to_numpy()
    relapsed = joined & ~arrived & h[f"relapsed_{lst}"].to_numpy()
    return {
        1: start == lst,
        2: (start == lst) & ((end == "near_poor") if lst == "poor" else above),
        3: (start == lst) & (above if lst == "poor" else (end == "poor")),
        4: (start == lst) & (end == ""),
        5: (start == other) & (end == lst),
        6: relapsed,
        7: joined & ~arrived & ~relapsed,
        8: arrived,
        9: end == lst,
    }


def _movement_base(review: ReviewFrame, lst: str) -> pd.DataFrame:
    """Per household, its unit and the nine terms of R2 / R3 as counts of households (``h1`` …) and
    persons (``p1`` …)."""
    h = review.households
    terms = movement_terms(review, lst)
    base = h[["province", "commune", "village", "area"]].copy()
    persons = h["persons"].to_numpy()
    for number, mask in terms.items():
        base[f"h{number}"] = mask.astype(int)
        base[f"p{number}"] = np.where(mask, persons, 0)
    return base


def _village_keys(values: pd.Series) -> np.ndarray:
    """Each village name's :func:`~poverty_rules.vocabulary.text.village_key` (``""`` when missing), each
    distinct name folded once."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object).reset_index(drop=True), use_na_sentinel=True)
    keys = np.array([*(village_key(name) for name in uniques), ""], dtype=object)
    return keys[np.asarray(codes, dtype=np.int64)]


def moved_village(h: pd.DataFrame) -> np.ndarray:
    """Which households moved village within their commune: their ``start_village`` (the village at the last
    review) names another village, as letter case and spaces fold (``village_key``), and they have a start
    (``start``; a frame without that column: every household). R2/R3 count such a household leaving its old
    village and arriving in its new one (:func:`_moved_apart`), and the page's list says where it came from
    (reports/html.py)."""
    if "start_village" not in h.columns:
        return np.zeros(len(h), dtype=bool)
    was = h["start_village"].fillna("").astype(str).str.strip()
    other = _village_keys(was) != _village_keys(h["village"])
    started = h["start"].fillna("").astype(str).to_numpy() != "" if "start" in h.columns else True
    return (was.to_numpy(dtype=object) != "") & other & started


def _moved_apart(review: ReviewFrame) -> ReviewFrame | None:
    """The review as its villages see it when a household moved village within its commune (its
    ``start_village`` names another village): in its old village it started and left (an "other"
    decrease), in its new village it arrived (an "other" increase), so each village's column 1 is its
    column 9 of the last review; None when no household moved. A village written otherwise only in letter
    case or spaces (``Thôn 1``, ``thôn  1``: :func:`~poverty_rules.vocabulary.text.village_key`) is the same,
    its old village named as the review writes it when it does."""
    h = review.households
    moved = moved_village(h)
    if not moved.any():
        return None
    village = _village_keys(h["village"])
    was = h["start_village"].to_numpy(dtype=object)
    left = h[moved].copy()
    names = h["village"].fillna("").astype(str).str.strip().to_numpy()
    written = dict(zip(village[::-1], names[::-1], strict=True))  # each village's first spelling in the review
    old = was[moved]
    left["village"] = [written.get(key, name) for key, name in zip(_village_keys(pd.Series(old)), old, strict=True)]
    left["end"] = ""
    left["arriving"] = False
    arrived = h.copy()
    arrived.loc[moved, "start"] = ""
    arrived.loc[moved, "arriving"] = True
    both = pd.concat([arrived, left], ignore_index=True)
    return replace(review, households=both)


def _movement_form(review: ReviewFrame, lst: str, inputs: FormInputs | None = None) -> Form:
    """R2 (poor) or R3 (near-poor): two rows per unit, households then persons. A household that moved
    village within its commune counts on its villages' rows as leaving one and arriving in the other,
    on the commune's and wider units' rows as staying (:func:`_moved_apart`)."""
    form_id = "r2" if lst == "poor" else "r3"
    base = _movement_base(review, lst)
    counts = [c for c in base.columns if c not in ("province", "commune", "village", "area")]
    units = unit_rows(base, counts, layout=inputs.layout() if inputs is not None else None)
    apart = _moved_apart(review)
    if apart is not None:
        villages = unit_rows(_movement_base(apart, lst), counts)
        wider = units[units["level"] != "village"]
        units = villages[villages["level"] != "village"].copy()
        # the same communes, provinces and areas in the same order: their rows count the household as staying
        units[counts] = wider[counts].to_numpy()
        units = pd.concat([villages[villages["level"] == "village"], units])
        units = units.sort_index(kind="stable").reset_index(drop=True)
    keys = (
        ["poor_start", "poor_to_near", "poor_to_above", "poor_other_out", "near_to_poor", "poor_relapsed", "poor_new"]
        + ["poor_other_in", "poor_end"]
        if lst == "poor"
        else ["near_start", "near_escaped", "near_to_poor_out", "near_other_out", "poor_to_near_in", "near_relapsed"]
        + ["near_new", "near_other_in", "near_end"]
    )
    columns = [Column(n, keys[n - 1], W.FORM_COLUMN[keys[n - 1]]) for n in range(1, 10)]
    pieces = []
    for row, prefix in (("households", "h"), ("persons", "p")):
        part = units[list(ROW_KEYS)].copy()
        part["row"] = row
        part["_order"] = np.arange(len(units))
        for n in range(1, 10):
            values = units[f"{prefix}{n}"]
            part[_c(n)] = _blank_if(values, prefix == "p" and not review.has_persons)
        pieces.append(part)
    rows = pd.concat(pieces, ignore_index=True).sort_values(["_order", "row"], kind="stable")
    rows = rows.drop(columns="_order").reset_index(drop=True)
    return Form(form_id, W.FORM_TITLE[form_id], columns, rows, review.has_persons)


def r2(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R2: movements of poor households (c9 = c1−c2−c3−c4+c5+c6+c7+c8)."""
    return _movement_form(review, "poor", inputs)


def r3(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R3: movements of near-poor households."""
    return _movement_form(review, "near_poor", inputs)


def _deprived_matrix(review: ReviewFrame) -> np.ndarray:
    """Households × indicators (ruleset order): deprived (from the ``deprived`` list ``a;b;c``), each distinct list
    split once (:func:`~poverty_rules.reports.units.distinct_sets`, as the AF measures read it)."""
    listed = distinct_sets(review.households["deprived"].fillna("").astype(str), _listed)  # 3 and 3.0: two texts
    columns = [holding(listed, ind) for ind, _ in review.indicators]
    return np.column_stack(columns) if columns else np.zeros((len(review.households), 0), dtype=bool)


def _listed(cell: object) -> set[str]:
    """The indicators a ``deprived`` cell lists (``a; b``), spaces around each left out."""
    return {part.strip() for part in str(cell).split(";") if part.strip()}


def deprivation_counts(review: ReviewFrame, lst: str, *, matrix: np.ndarray | None = None) -> pd.DataFrame:
    """R4–R7's additive part for the ``poor`` or ``near_poor`` households at the end: per household,
    its unit, ``n`` (on the list), ``d`` (its deprivations) and ``i_<indicator>`` (deprived in it). ``matrix``:
    the review's :func:`_deprived_matrix` when read already (:class:`FormInputs`)."""
    h = review.households
    on = ((h["end"] == lst) & h["resident"]).to_numpy()
    matrix = (_deprived_matrix(review) if matrix is None else matrix) & on[:, None]
    base = h[["province", "commune", "village", "area"]].copy()
    base["n"] = on.astype(int)
    base["d"] = matrix.sum(axis=1)
    for j, (ind, _) in enumerate(review.indicators):
        base[f"i_{ind}"] = matrix[:, j].astype(int)
    return base


def _deprivation_form(review: ReviewFrame, lst: str, as_rates: bool, inputs: FormInputs | None = None) -> Form:
    """R4/R6 (counts) and R5/R7 (rates) for the poor or near-poor households at the end."""
    counts = deprivation_counts(review, lst) if inputs is None else inputs.deprivations(lst)
    return deprivation_from_counts(counts, lst, as_rates, review.indicators, review.has_persons, inputs=inputs)


def deprivation_from_counts(
    base: pd.DataFrame,
    lst: str,
    as_rates: bool,
    indicators: list[tuple[str, Label]],
    has_persons: bool,
    *,
    inputs: FormInputs | None = None,
) -> Form:
    """R4/R6 (counts) or R5/R7 (rates) from :func:`deprivation_counts` (per household or summed per unit).
    ``inputs``: ``base`` holds the households of their review, one row each (:class:`FormInputs`)."""
    form_id = {("poor", False): "r4", ("poor", True): "r5", ("near_poor", False): "r6", ("near_poor", True): "r7"}[
        (lst, as_rates)
    ]
    counts = ["n", "d", *[f"i_{ind}" for ind, _ in indicators]]
    label = W.FORM_COLUMN["poor_households" if lst == "poor" else "near_poor_households"]
    columns = [Column(1, "n", label)]
    if not as_rates:
        columns.append(Column(2, "d", W.FORM_COLUMN["deprivations"]))
    first = len(columns) + 1
    columns += [
        Column(first + j, f"i_{ind}", text, "rate" if as_rates else "count") for j, (ind, text) in enumerate(indicators)
    ]

    def derive(u: pd.DataFrame) -> dict[str, pd.Series]:
        out: dict[str, pd.Series] = {"n": u["n"], "d": u["d"]}
        for ind, _ in indicators:
            out[f"i_{ind}"] = rates(u[f"i_{ind}"], u["n"]) if as_rates else u[f"i_{ind}"]
        return out

    return _build(form_id, columns, base, counts, derive, has_persons, inputs)


def r4(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R4: deprivations of poor households (count per indicator, ruleset order)."""
    return _deprivation_form(review, "poor", False, inputs)


def r5(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R5: deprivation rates of poor households (blank when the unit has no poor household)."""
    return _deprivation_form(review, "poor", True, inputs)


def r6(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R6: deprivations of near-poor households."""
    return _deprivation_form(review, "near_poor", False, inputs)


def r7(review: ReviewFrame, inputs: FormInputs | None = None) -> Form:
    """R7: deprivation rates of near-poor households."""
    return _deprivation_form(review, "near_poor", True, inputs)


def r8(review: ReviewFrame, inputs: FormInputs | None = None) -> Form | None:
    """R8: poor and near-poor households and persons in each group the file marks (None without groups)."""
    if not review.groups:
        return None
    h = review.households
    end, resident = h["end"].to_numpy(), h["resident"].to_numpy()
    base = h[["province", "commune", "village", "area"]].copy()
    columns: list[Column] = []
    number = 0
    for group in review.groups:
        member = h[group].to_numpy(dtype=bool) & resident
        for lst in ("poor", "near_poor"):
            mask = member & (end == lst)
            for unit in ("households", "persons"):
                key = f"{group}_{lst}_{unit}"
                base[key] = mask.astype(int) if unit == "households" else np.where(mask, h["persons"].to_numpy(), 0)
                number += 1
                label = {
                    lang: f"{W.FORM_GROUP[group][lang]}: {W.FORM_COLUMN[lst][lang]} ({W.FORM_ROW[unit][lang]})"
                    for lang in ("vi", "en")
                }
                columns.append(Column(number, key, label))
    counts = [c.key for c in columns]
    no_persons = not review.has_persons

    def derive(u: pd.DataFrame) -> dict[str, pd.Series]:
        return {k: _blank_if(u[k], no_persons and k.endswith("_persons")) for k in counts}

    return _build("r8", columns, base, counts, derive, review.has_persons, inputs)


def r9(review: ReviewFrame, inputs: FormInputs | None = None) -> Form | None:
    """R9: poor and near-poor households by ethnicity: Kinh, all minorities, then each group present, then,
    when a poor or near-poor household's ethnicity is blank, those households ("Chưa ghi dân tộc"), so that
    the columns add up to R1's poor and near-poor households."""
    if not review.has_ethnicity:
        return None
    h = review.households
    end, resident = h["end"].to_numpy(), h["resident"].to_numpy()
    ethnicity = h["ethnicity"].fillna("").astype(str)
    keys, kinh = ethnic_keys(ethnicity)  # one group however it is typed: "Tày", "tày", "TÀY"
    folded = pd.Series(keys, index=ethnicity.index)
    named = (folded != "").to_numpy()  # a cell of spaces alone names no group
    spellings = Counter(zip(folded[named & ~kinh], ethnicity[named & ~kinh], strict=True))
    shown: dict[str, str] = {}  # each group under its most written spelling
    for (key, spelling), _ in sorted(spellings.items(), key=lambda item: (-item[1], item[0][1])):
        shown.setdefault(key, spelling)
    groups = sorted(shown, key=lambda key: vietnamese_key(shown[key]))  # as a Vietnamese dictionary orders them
    base = h[["province", "commune", "village", "area"]].copy()
    columns: list[Column] = []
    sets: list[tuple[str, Label, np.ndarray]] = [
        ("kinh", W.FORM_COLUMN["kinh"], kinh),
        ("minorities", W.FORM_COLUMN["minorities"], named & ~kinh),
    ]
    sets += [(f"g{i}", {"vi": shown[g], "en": shown[g]}, (folded == g).to_numpy()) for i, g in enumerate(groups)]
    listed = resident & np.isin(end, ("poor", "near_poor"))
    if (listed & ~named).any():  # a poor or near-poor household whose ethnicity is blank: counted, never dropped
        sets.append(("unrecorded", W.FORM_COLUMN["ethnicity_unrecorded"], ~named))
    number = 0
    for key, label, mask in sets:
        for lst in ("poor", "near_poor"):
            number += 1
            name = f"{key}_{lst}"
            base[name] = (mask & resident & (end == lst)).astype(int)
            columns.append(Column(number, name, {lang: f"{label[lang]}: {W.FORM_COLUMN[lst][lang]}" for lang in label}))
    counts = [c.key for c in columns]
    return _build("r9", columns, base, counts, lambda u: {k: u[k] for k in counts}, review.has_persons, inputs)


def r1_local(review: ReviewFrame) -> Form | None:
    """R1 by the local standard (issue #12): the same columns counted on ``local_status`` — for the workbook
    and the page only (docs/reports.md's CSV contract has R1–R9); None without a local classification.
    A household the local standard left undetermined is on no local list."""
    if review.local_label is None or "local_status" not in review.households.columns:
        return None
    h = review.households
    local = np.where(h["resident"].to_numpy(), h["local_status"].fillna("").astype(str).to_numpy(), "")
    standard = local_ruleset(review.local_label) or review.ruleset  # its own average band, or none (HCMC-style)
    form = r1(replace(review, households=h.assign(end=local), ruleset=standard))
    title = review.local_title or {"vi": review.local_label, "en": review.local_label}
    form.id = "r1_local"
    form.title = {lang: f"{W.FORM_TITLE['r1'][lang]} — {W.LOCAL_REPORT['by'][lang]}: {title[lang]}" for lang in title}
    return form


FORMS: dict[str, Callable[[ReviewFrame, FormInputs | None], Form | None]] = {
    "r1": r1,
    "r2": r2,
    "r3": r3,
    "r4": r4,
    "r5": r5,
    "r6": r6,
    "r7": r7,
    "r8": r8,
    "r9": r9,
}
"""Every form by id; R8 and R9 give ``None`` when the file lacks their columns."""


def build_forms(review: ReviewFrame, ids: Sequence[str] | None = None) -> list[Form]:
    """R1–R7 always, R8–R9 when the columns exist; only those of ``ids`` when given (the page: R1). The forms
    share what they read alike (:class:`FormInputs`)."""
    makers = FORMS.values() if ids is None else [FORMS[form_id] for form_id in ids]
    inputs = FormInputs(review)
    return [form for make in makers if (form := make(review, inputs)) is not None]
