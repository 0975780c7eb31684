"""The library calls: classify a table or one household (spec/design.md, "Library").

>>> import poverty_rules as pr
>>> rs = pr.load_ruleset(as_of="2025-12-01")
>>> res = rs.classify_one(pr.Household(household_id="H1", area="rural", income_per_capita=1_200_000,
...     deprived={"employment": True, "water": True, "sanitation": True}))
>>> res.status, res.deprived
('poor', ['employment', 'water', 'sanitation'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from .inputs import BlankFlags, Normalized, normalize
from .models import Household, Result
from .results import Decisions, decide, result_columns
from .ruleset import Ruleset, _as_date, load_ruleset

Engine = Literal["vectorized", "durable"]
CHUNK_ROWS = 250_000


class RowErrors(ValueError):
    """Some rows could not be classified; ``rejects`` says which, where and why."""

    def __init__(self, rejects: pd.DataFrame) -> None:
        self.rejects = rejects
        first = "; ".join(f"row {r.row}: {r.reason}" for r in rejects.head(3).itertuples())
        more = f" (and {len(rejects) - 3} more)" if len(rejects) > 3 else ""
        super().__init__(f"{len(rejects)} row(s) cannot be classified: {first}{more}")


@dataclass
class Run:
    """One classification run over a table: what was classified and what was rejected."""

    ruleset: Ruleset
    normalized: Normalized
    results: pd.DataFrame  # result columns, one row per accepted household (in input order)
    decisions: Decisions | None  # the engine's decisions for the last slice (all rows when one slice)


def run(
    data: pa.Table | pd.DataFrame,
    ruleset: Ruleset,
    *,
    source: str = "<data>",
    engine: Engine = "vectorized",
    explain: bool = False,
    lang: str = "vi",
    blank_flags: BlankFlags = "unknown",
    as_of: date | None = None,
    members: pa.Table | pd.DataFrame | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Run:
    """Check, normalize and classify a household table with one ruleset.

    Households are classified in slices of ``chunk_rows`` (bounded working memory, progress after
    each slice); within a slice every step is column-wise.
    """
    normalized = normalize(data, ruleset, source=source, blank_flags=blank_flags)
    frame = normalized.frame
    review_date = as_of or date.today()
    if members is not None:
        from .members import apply_members

        frame = apply_members(ruleset, frame, members, review_date)
        normalized.frame = frame
    compiled = ruleset.compiled()
    if engine == "durable":
        from .durable_engine import decide_durable as decide_with
    else:
        decide_with = decide
    parts = []
    decisions = None
    for start in range(0, max(len(frame), 1), chunk_rows):
        part = frame.iloc[start : start + chunk_rows].reset_index(drop=True)
        decisions, ctx = decide_with(compiled, part)
        parts.append(result_columns(compiled, decisions, ctx, explain=explain, lang=lang, as_of=review_date))
        if progress is not None:
            progress(min(start + chunk_rows, len(frame)))
    results = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    if "previous_status" in frame or "escaped_on" in frame:
        from .review import stateless_transitions

        results = stateless_transitions(ruleset, frame, results, review_date)
    if "member_flag_sources" in frame:
        results["flag_sources"] = frame["member_flag_sources"].array  # categorical: no string per row
    return Run(ruleset, normalized, results, decisions)


def _resolve(ruleset: Ruleset | str | None, as_of: str | date | None) -> tuple[Ruleset, date | None]:
    on = _as_date(as_of) if as_of is not None else None
    if isinstance(ruleset, Ruleset):
        return ruleset, on
    return load_ruleset(ruleset, as_of=on or date.today()), on


def classify(
    households: pd.DataFrame,
    *,
    ruleset: Ruleset | str | None = None,
    as_of: str | date | None = None,
    members: pa.Table | pd.DataFrame | None = None,
    engine: Engine = "vectorized",
    explain: bool = False,
    lang: str = "vi",
    blank_flags: BlankFlags = "unknown",
    errors: Literal["raise", "drop"] = "raise",
) -> pd.DataFrame:
    """Classify a DataFrame of households: the input columns unchanged, then the result columns.

    The standard is ``ruleset`` (a :class:`Ruleset`, an id or a path) or else the one in force on
    ``as_of`` (default today). Rows that cannot be classified raise :class:`RowErrors` (with
    ``errors="raise"``) or are left out and listed in ``result.attrs["rejects"]`` (``errors="drop"``).
    """
    rs, on = _resolve(ruleset, as_of)
    r = run(
        households, rs, engine=engine, explain=explain, lang=lang, blank_flags=blank_flags, as_of=on, members=members
    )
    if len(r.normalized.rejects) and errors == "raise":
        raise RowErrors(r.normalized.rejects)
    out = households.iloc[r.normalized.accepted].copy()
    for column in r.results.columns:
        out[column] = r.results[column].to_numpy()
    out.attrs["rejects"] = r.normalized.rejects.drop(columns="_pos", errors="ignore")
    return out


def classify_one(
    household: Household,
    *,
    ruleset: Ruleset | str | None = None,
    as_of: str | date | None = None,
    engine: Engine = "vectorized",
    members: pd.DataFrame | None = None,
) -> Result:
    """Classify one household; the result carries its reason in both languages (``.explain(lang)``)."""
    rs, on = _resolve(ruleset, as_of)
    frame = pd.DataFrame([household.to_row()])
    if members is None:
        members = household.members_frame()
    if "score_a" in frame and frame["score_a"].isna().all():
        frame["score_a"] = np.nan
    r_vi = run(frame, rs, engine=engine, explain=True, lang="vi", as_of=on, members=members)
    if len(r_vi.normalized.rejects):
        raise RowErrors(r_vi.normalized.rejects)
    assert r_vi.decisions is not None
    r_en = result_columns(rs.compiled(), r_vi.decisions, _context(rs, r_vi), explain=True, lang="en")
    row: dict[str, Any] = r_vi.results.iloc[0].to_dict()
    reasons = {"vi": row["reason"], "en": r_en["reason"].iloc[0]}
    return Result.from_output_row(household.household_id, row, reasons, [d.id for d in rs.designations])


def _context(rs: Ruleset, r: Run) -> Any:
    from .vectorized import new_context

    return new_context(rs.compiled(), r.normalized.frame)
