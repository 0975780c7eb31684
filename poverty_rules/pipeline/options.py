"""The run options every job shares, built once: from the command line's flags or the library's
keyword arguments, checked here so that both say the same thing about a wrong value."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from ..data.read import SheetTable
from ..engine.standards import load_ruleset
from ..errors import ArgumentError
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.choices import BLANK_FLAGS, ENGINES, LANGS, BlankFlags, Engine, Lang
from ..vocabulary.day import parse_date

__all__ = ["BLANK_FLAGS", "ENGINES", "LANGS", "BlankFlags", "Engine", "Lang", "RunOptions"]


@dataclass(frozen=True)
class RunOptions:
    """How to run a job (design.md, "Command line" and "Library"): the same for ``classify``,
    ``review``, ``explain`` and the library.

    ``ruleset`` is a :class:`Ruleset`, an id or a ``.yaml`` path, or ``None`` for the national standard
    in force on ``as_of`` (default today); ``local`` a local standard classified beside it.
    ``members`` is the members table (one row per person), if any — a members file as read
    (:class:`~poverty_rules.data.read.SheetTable`) brings its ragged rows (:mod:`poverty_rules.data.members`).
    A value outside the allowed ones
    raises ``ValueError`` naming them.
    """

    engine: Engine = "vectorized"
    members: pa.Table | pd.DataFrame | SheetTable | None = None
    blank_flags: BlankFlags = "unknown"
    explain: bool = False
    lang: Lang = "vi"
    as_of: date | None = None
    ruleset: Ruleset | str | Path | None = None
    #: a local standard to classify with beside the national one (``local_*`` columns), or None
    local: Ruleset | str | Path | None = None

    def __post_init__(self) -> None:
        _check("engine", self.engine, ENGINES)
        _check("blank_flags", self.blank_flags, BLANK_FLAGS)
        _check("lang", self.lang, LANGS)
        if not isinstance(self.explain, bool):
            raise ArgumentError.of(W.texts("arg_not_bool", name="explain", value=repr(self.explain)))
        if self.as_of is not None and not isinstance(self.as_of, date):
            object.__setattr__(self, "as_of", parse_date(self.as_of, "as_of"))
        elif type(self.as_of) is not date and self.as_of is not None:  # datetime / Timestamp: the day
            object.__setattr__(self, "as_of", date(self.as_of.year, self.as_of.month, self.as_of.day))
        if self.members is not None and not isinstance(self.members, pa.Table | pd.DataFrame | SheetTable):
            raise ArgumentError.of(W.texts("arg_not_members", kind=type(self.members).__name__))
        if self.ruleset is not None and not isinstance(self.ruleset, Ruleset | str | Path):
            raise ArgumentError.of(W.texts("arg_not_ruleset", name="ruleset", kind=type(self.ruleset).__name__))
        if self.local is not None and not isinstance(self.local, Ruleset | str | Path):
            raise ArgumentError.of(W.texts("arg_not_ruleset", name="local", kind=type(self.local).__name__))

    def with_(self, **changes: Any) -> RunOptions:
        """A copy with some options changed (checked again)."""
        return replace(self, **changes)

    @property
    def review_date(self) -> date:
        """The review date: ``as_of`` or today."""
        return self.as_of or date.today()

    def load_ruleset(self) -> Ruleset:
        """The ruleset to run: the one given, or the national standard in force on the review date."""
        if isinstance(self.ruleset, Ruleset):
            return self.ruleset
        return load_ruleset(self.ruleset, as_of=self.review_date)

    def load_local(self) -> Ruleset | None:
        """The local standard to run beside the national one (docs/standard.md §1), if any."""
        if self.local is None or isinstance(self.local, Ruleset):
            return self.local
        return load_ruleset(self.local)


def _check(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    """Refuse a value not ``allowed`` with :class:`ArgumentError` (a ``ValueError``), in vi and en."""
    if value not in allowed:
        raise ArgumentError.of(one_of(name, value, allowed))


def one_of(name: str, value: Any, allowed: tuple[str, ...]) -> dict[str, str]:
    """The complaint that argument ``name`` is not one of ``allowed``, in vi and en."""
    return W.texts("arg_one_of", name=name, allowed=", ".join(map(repr, allowed)), value=repr(value))
