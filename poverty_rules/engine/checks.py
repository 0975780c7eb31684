"""Load-time proofs that need the engine: every complete record falls in some class."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..rules import expressions as ex
from ..rules.bundled import BUNDLED
from ..rules.constants import constant_values
from ..rules.messages import ruleset_error
from ..rules.model import AREAS, Ruleset
from ..vocabulary import words as L
from ..vocabulary.status_ids import CLASSES
from .classes import evaluate_classes
from .evaluator import Context


def _critical_values(rs: Ruleset, name_kind: str) -> list[float]:
    """Values on both sides of every line a rule compares against (for the exhaustiveness check)."""
    points: set[float] = {0.0}
    for p in rs.parameters.values():
        values = p.value.values() if isinstance(p.value, dict) else [p.value]
        for v in values:
            points.update({float(v) - 1, float(v), float(v) + 1})
    for d in rs.derived:  # a line converted in a derived value (a yearly line / months per year)
        for v in (constant_values(rs, d.id) or {}).values():
            points.update({v - 1, v, v + 1})
    return sorted(x for x in points if x >= 0)


#: The bundled national standards' files proved exhaustive when the package was made: the SHA-256 of each
#: file's bytes and its name (``rulesets/proved.sha256``; tests/test_rulesets.py proves every listed file again
#: and fails, showing the lines to write, when a file changed and its line did not).
PROOFS = BUNDLED / "proved.sha256"


def check_exhaustive(rs: Ruleset) -> None:
    """Every complete record (all inputs known) must fall in some class.

    Checked on the grid of every area × every income and score at, just below and just above each
    line × every deprivation count 0…N, for each path the ruleset defines. A bundled national standard
    whose file is byte for byte one proved when the package was made (:data:`PROOFS`) is not checked
    again: each run of ``classify`` would spend 0.02 s of its critical thread proving it.
    """
    if rs.proved:
        return
    if proved_when_built(rs):
        rs.mark_proved()
        return
    prove(rs)


def proved_when_built(rs: Ruleset) -> bool:
    """Whether ``rs`` was read from a bundled national standard's file whose bytes :data:`PROOFS` lists."""
    path = Path(rs.source)
    if rs.extends is not None or path.parent != BUNDLED:
        return False
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False
    return f"{digest}  {path.name}" in _shipped_proofs()


@cache
def _shipped_proofs() -> frozenset[str]:
    try:
        return frozenset(line.strip() for line in PROOFS.read_text(encoding="utf-8").splitlines())
    except OSError:
        return frozenset()


def prove(rs: Ruleset) -> None:
    """:func:`check_exhaustive`'s grid, whatever proofs were shipped (raises, else marks ``rs`` proved)."""
    compiled = rs.compiled()
    values = _critical_values(rs, "number")
    n_ind = len(rs.indicators)
    paths = rs.paths
    incomes = np.array([*values, 1e12] if "income" in paths else [np.nan], dtype="float64")
    scores = np.array([np.nan] + (values + [1e6] if "score" in paths else []), dtype="float64")
    # every (area, income, score, count) in itertools.product's order, built column-wise (a Python
    # loop over the ~15,000 points took 0.1-0.2 s of every command's start-up)
    a, i, s, d = (x.ravel() for x in np.indices((len(AREAS), incomes.size, scores.size, n_ind + 1)))
    keep = ~(np.isnan(incomes[i]) & np.isnan(scores[s]))
    count = d[keep]
    grid = pd.DataFrame(
        {  # the area as normalize gives it, a category (as text, 15,000 Python strings: 0.03 s)
            "area": pd.Categorical.from_codes(a[keep], categories=list(AREAS)),  # type: ignore[call-overload]
            "income_per_capita": incomes[i[keep]],
            "score_a": scores[s[keep]],
            "d": count,
            **{ind.column: (count > k).astype("float64") for k, ind in enumerate(rs.indicators)},
        }
    )
    result = evaluate_classes(compiled, grid)
    missing = np.flatnonzero(result.rule < 0)
    if missing.size:
        r = grid.iloc[int(missing[0])]
        raise ruleset_error(
            rs.source,
            rs.line_of("classes"),
            "rs_not_exhaustive",
            area=L.AREA[str(r["area"])],
            income=_value(float(r["income_per_capita"])),
            score=_value(float(r["score_a"])),
            count=int(r["d"]),
        )
    rs.mark_proved()


def _value(value: float) -> dict[str, str]:
    """A point of the grid as each language writes a number (1.500.000 / 1,500,000), or 'none' for a value
    the record does not give (no score A), not Python's ``1500000.0`` and ``nan``."""
    if np.isnan(value):
        return dict(L.WORDS["none"])
    decimals = 0 if float(value).is_integer() else 2
    return {lang: L.number(value, lang, decimals) for lang in ("vi", "en")}


def _grid(rs: Ruleset, incomes: list[float]) -> tuple[pd.DataFrame, np.ndarray]:
    """Complete records by measured income (no score A) in each area, on ``incomes`` × every deprivation count
    0…N of ``rs``'s own indicators, with each row's area (its place in ``AREAS``)."""
    n_ind = len(rs.indicators)
    values = np.array(incomes, dtype="float64")
    a, i, d = (x.ravel() for x in np.indices((len(AREAS), values.size, n_ind + 1)))
    grid = pd.DataFrame(
        {
            "area": pd.Categorical.from_codes(a, categories=list(AREAS)),  # type: ignore[call-overload]
            "income_per_capita": values[i],
            "score_a": np.full(a.size, np.nan),
            **{ind.column: (d > k).astype("float64") for k, ind in enumerate(rs.indicators)},
        }
    )
    return grid, a


def _reached(rs: Ruleset, incomes: list[float]) -> dict[str, set[str]]:
    """The classes complete records reach by measured income (no score A) in each area, on ``incomes`` × every
    deprivation count 0…N of ``rs``'s own indicators."""
    grid, a = _grid(rs, incomes)
    rule = evaluate_classes(rs.compiled(), grid).rule
    reached: dict[str, set[str]] = {area: set() for area in AREAS}
    for area_code, k in zip(a, rule, strict=True):
        if k >= 0:
            reached[AREAS[int(area_code)]].add(rs.classes[int(k)].status)
    return reached


def _taken_first(rs: Ruleset, incomes: list[float], area: str, status: str) -> str | None:
    """The id of the class before them that takes the records of ``area`` for which a rule of ``status`` holds
    (a rule that holds for every record, written first, leaves the classes after it none); ``None`` when no
    rule of ``status`` holds for any record there (its lines leave it no income)."""
    grid, a = _grid(rs, incomes)
    compiled = rs.compiled()
    ctx = Context(compiled, grid)
    rule = evaluate_classes(compiled, grid, ctx).rule
    here = a == list(AREAS).index(area)
    for k, cls in enumerate(rs.classes):
        if cls.status != status or cls.decided_by != "income":
            continue
        holds = here & ctx.condition(compiled.classes[k]).t & (rule >= 0) & (rule != k)
        if holds.any():
            return rs.classes[int(rule[holds][0])].id
    return None


def _incomes(base: Ruleset, rs: Ruleset) -> list[float]:
    """The incomes the class proofs try: at, just below and just above every line of both standards."""
    return sorted({*_critical_values(base, "number"), *_critical_values(rs, "number"), 1e12})


def lost_classes(base: Ruleset, rs: Ruleset) -> list[tuple[str, str]]:
    """The (area, class) pairs a household reaches by measured income under ``base`` but under no income of
    ``rs``: a local standard whose income line is above the national average line classifies no household of that
    area as average (docs/standard.md §1: its own classification; the national result keeps the band). Tried at,
    just below and just above every line of both standards, with every deprivation count."""
    if "income" not in base.paths or "income" not in rs.paths:
        return []
    incomes = _incomes(base, rs)
    before, after = _reached(base, incomes), _reached(rs, incomes)
    return [(area, status) for area in AREAS for status in CLASSES if status in before[area] - after[area]]


def lost_class_notes(base: Ruleset, rs: Ruleset, path: Path | str, lang: L.Lang) -> list[str]:
    """A note, in ``lang``, for each area in which the local standard ``rs`` (at ``path``) classifies no household in
    a class its national ``base`` gives by measured income (its rural line 2,300,000 above the national average
    line 2,250,000: no rural household is average), naming the lines its rules for that class compare income with
    (docs/standard.md §1: the local classification is its own; the national result keeps the band)."""
    by_status: dict[str, list[str]] = {}
    incomes = _incomes(base, rs)
    for area, status in lost_classes(base, rs):
        by_status.setdefault(status, []).append(area)
    notes = []
    for status, areas in by_status.items():
        whys = []
        for area in areas:
            taken = _taken_first(rs, incomes, area, status)
            if taken is not None:
                whys.append(L.msg("rs_class_shadowed", lang, first=taken))
                continue
            lines = _income_lines(rs, status, area, lang)
            whys.append(
                L.msg("rs_class_lines_empty", lang, lines=lines)
                + (f" ({L.AREA[area][lang]})" if len(areas) > 1 else "")
                if lines
                else L.msg("rs_class_none", lang, status=L.status_label(status, lang))
            )
        notes.append(
            L.msg(
                "rs_class_lost",
                lang,
                file=path,
                id=rs.id,
                area=f" {L.WORDS['or'][lang]} ".join(L.AREA[area][lang] for area in areas),
                status=L.status_label(status, lang),
                why="; ".join(dict.fromkeys(whys)),
                base=base.id,
            )
        )
    return notes


def _income_lines(rs: Ruleset, status: str, area: str, lang: L.Lang) -> str:
    """The money lines (parameters in VND, or derived values of them) that ``rs``'s rules of ``status`` read, with
    their value in ``area`` (``income_line 2,300,000, average_line 2,250,000``); ``""`` when it has no such rule."""
    names: dict[str, None] = {}
    for rule in rs.classes:
        if rule.status != status or rule.decided_by != "income":
            continue
        for name in sorted(ex.variables(ex.parse(rule.when))):
            param = rs.parameters.get(name)
            money = param is not None and param.unit.upper().startswith("VND")
            if money or (param is None and any(d.id == name for d in rs.derived)):
                names[name] = None
    shown = []
    for name in names:
        values = constant_values(rs, name)
        if values is not None:
            shown.append(f"{name} {L.number(values[area], lang, 0 if float(values[area]).is_integer() else 2)}")
    return ", ".join(shown)
