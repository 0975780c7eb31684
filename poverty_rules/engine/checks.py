"""Load-time proofs that need the engine: every complete record falls in some class."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..rules.constants import constant_values
from ..rules.messages import ruleset_error
from ..rules.model import AREAS, Ruleset
from ..vocabulary import words as L
from .classes import evaluate_classes


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


def check_exhaustive(rs: Ruleset) -> None:
    """Every complete record (all inputs known) must fall in some class.

    Checked on the grid of every area × every income and score at, just below and just above each
    line × every deprivation count 0…N, for each path the ruleset defines.
    """
    if rs.proved:
        return
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
