"""Classifying a household table: normalize, derive flags from members, decide, build the result columns.

Households are classified in slices (bounded working memory, progress after each slice); within a
slice every step is column-wise. Files with ``previous_status`` / ``escaped_on`` also get
``transition`` and ``eligible_until`` (:func:`poverty_rules.review.yearly.stateless_transitions`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

import pandas as pd
import pyarrow as pa

from ..data.normalize import BlankFlags, normalize
from ..engine.durable import decide_durable
from ..engine.members import apply_members
from ..engine.vectorized import decide
from ..results.classification import Classification
from ..results.columns import result_columns
from ..review.history import HistoryStore
from ..review.yearly import Review, compare_with_history, stateless_transitions
from ..rules.model import Ruleset
from ..vocabulary.dates import parse_date

Engine = Literal["vectorized", "durable"]
CHUNK_ROWS = 250_000


Run = Classification


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
        frame = apply_members(ruleset, frame, members, review_date)
        normalized.frame = frame
    compiled = ruleset.compiled()
    decide_with = decide_durable if engine == "durable" else decide
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
        results = stateless_transitions(ruleset, frame, results, review_date)
    if "member_flag_sources" in frame:
        results["flag_sources"] = frame["member_flag_sources"].array  # categorical: no string per row
    return Run(ruleset, normalized, results, decisions)


def run_review(
    data: pa.Table | pd.DataFrame,
    ruleset: Ruleset,
    review_date: date | str,
    store: HistoryStore,
    commune: str | None = None,
    *,
    source: str = "<data>",
    engine: Engine = "vectorized",
    explain: bool = False,
    lang: str = "vi",
    blank_flags: BlankFlags = "unknown",
    members: pa.Table | pd.DataFrame | None = None,
    progress: Callable[[int], None] | None = None,
    record: bool = True,
) -> Review:
    """The yearly review of a household table: classify it (:func:`run`), then compare every household
    with its history and record the review (:func:`poverty_rules.review.yearly.compare_with_history`)."""
    day = parse_date(review_date) if isinstance(review_date, str) else review_date
    result = run(
        data,
        ruleset,
        source=source,
        engine=engine,
        explain=explain,
        lang=lang,
        blank_flags=blank_flags,
        as_of=day,
        members=members,
        progress=progress,
    )
    return compare_with_history(result, day, store, commune, record=record)
