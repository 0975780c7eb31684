"""The canonical status ids (design.md, "Output"), in the order of the standard's table.

Apart from the spellings officers write (:mod:`poverty_rules.vocabulary.statuses`, which reads
columns with pandas; the ids are imported from here) so that the rules layer can name the classes without importing
pandas (docs/architecture.md, "Start-up").
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A household's status (design.md, "Output"); str-valued, so ``Status.POOR == "poor"``."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    AVERAGE = "average"
    NOT_POOR = "not_poor"
    UNDETERMINED = "undetermined"


CLASSES: tuple[str, ...] = tuple(s.value for s in Status if s is not Status.UNDETERMINED)
"""The classes a ruleset may decide, in the order of the standard's table."""
UNDETERMINED: str = Status.UNDETERMINED.value
"""The status of a record whose unknown fields could still change its class."""
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
"""Canonical status ids (design.md, Output), in the order of :class:`Status`."""
