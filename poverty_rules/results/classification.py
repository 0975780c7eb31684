"""One classification run over a table: what was classified, what was rejected, and how."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.normalize import Normalized
from ..engine.classes import Decisions
from ..rules.model import Ruleset


@dataclass
class Classification:
    """The outcome of classifying one household table with one ruleset."""

    ruleset: Ruleset
    normalized: Normalized  # accepted rows as the engine saw them, and the rejects
    results: pd.DataFrame  # result columns, one row per accepted household (in input order)
    decisions: Decisions | None  # the engine's decisions for the last slice (all rows when one slice)
    local_unread: int = 0  # rows classified nationally that the local standard beside it could not read
    #: the first of them: its row number (with ``--sheet all``, its sheet and row there: ``[Thôn 2] 7``) and why
    local_unread_first: tuple[int | str, str] | None = None

    @property
    def rejects(self) -> pd.DataFrame:
        """Rejected rows: row, household_id, column, value, reason."""
        return self.normalized.rejects.drop(columns="_pos", errors="ignore")
