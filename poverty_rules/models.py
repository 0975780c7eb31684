"""Pydantic records for the library: one household in, one result out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .engine.members import Member
from .vocabulary.areas import AREA_WORDS
from .vocabulary.text import fold


class Household(BaseModel):
    """One household as the review form records it (docs/design.md, "Input").

    ``deprived`` holds the review form's marks by indicator id: True (deprived), False (not),
    None or absent (unknown — never read as 'not deprived').
    """

    model_config = ConfigDict(extra="allow")

    household_id: str = Field(min_length=1)
    area: Literal["rural", "urban"]
    income_per_capita: float | None = Field(default=None, ge=0)
    score_a: float | None = Field(default=None, ge=0)
    deprived: dict[str, bool | None] = {}
    village: str | None = None
    commune: str | None = None
    province: str | None = None
    previous_status: str | None = None
    escaped_on: date | None = None
    members: list[Member] = []

    @field_validator("area", mode="before")
    @classmethod
    def _area_words(cls, v: Any) -> Any:
        if isinstance(v, str):
            return AREA_WORDS.get(v.strip().lower(), AREA_WORDS.get(fold(v), v))
        return v

    def to_row(self) -> dict[str, Any]:
        """The household as one row of the canonical household table."""
        row: dict[str, Any] = {
            "household_id": self.household_id,
            "area": self.area,
            "income_per_capita": self.income_per_capita,
            "score_a": self.score_a,
        }
        for key, value in self.deprived.items():
            row[f"deprived_{key}"] = None if value is None else (1.0 if value else 0.0)
        for key in ("village", "commune", "province", "previous_status"):
            if getattr(self, key) is not None:
                row[key] = getattr(self, key)
        if self.escaped_on is not None:
            row["escaped_on"] = self.escaped_on.isoformat()
        row.update(self.model_extra or {})  # household-level fields such as floor_area, safe_water
        return row

    def members_frame(self) -> pd.DataFrame | None:
        """The household's members as a members table (``None`` when it has none)."""
        if not self.members:
            return None
        return pd.DataFrame([m.to_row(self.household_id) for m in self.members])


class Result(BaseModel):
    """The classification of one household, with what decided it."""

    household_id: str
    status: Literal["poor", "near_poor", "average", "not_poor", "undetermined"]
    deprivation_count: int
    deprived: list[str]
    decided_by: Literal["income", "score", ""]
    ruleset: str
    undetermined_by: list[str] = []
    designations: dict[str, bool | None] = {}
    transition: str | None = None
    eligible_until: date | None = None
    reasons: dict[str, str] = {}

    def explain(self, lang: str = "vi") -> str:
        """The reason sentence in Vietnamese ('vi') or English ('en')."""
        return self.reasons[lang]

    @classmethod
    def from_output_row(
        cls, household_id: str, row: Mapping[str, Any], reasons: dict[str, str], designation_ids: list[str]
    ) -> Result:
        """A result from one row of the output columns (``results.result_columns``), as both engines give them."""
        return cls(
            household_id=household_id,
            status=row["status"],
            deprivation_count=int(row["deprivation_count"]),
            deprived=[d for d in str(row["deprived"]).split(";") if d],
            decided_by=row["decided_by"],
            ruleset=row["ruleset"],
            undetermined_by=[d for d in str(row["undetermined_by"]).split(";") if d],
            designations={d: (None if row.get(d, "") == "" else row[d] == "1") for d in designation_ids},
            transition=row.get("transition") or None,
            eligible_until=row.get("eligible_until") or None,
            reasons=reasons,
        )
