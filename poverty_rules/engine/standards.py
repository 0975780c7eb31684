"""The standards as callers get them: loaded by the rules layer, proved exhaustive by this engine.

Every ruleset that leaves this module has had its class list checked over the grid of
:func:`poverty_rules.engine.checks.check_exhaustive` (once per loaded ruleset).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..rules import registry
from ..rules.model import Ruleset
from .checks import check_exhaustive


def load_ruleset(name: str | Path | None = None, *, as_of: str | date | None = None) -> Ruleset:
    """The ruleset named by id or path, or else the national standard in force on ``as_of``.

    >>> load_ruleset(as_of="2025-12-01").id
    'vn-2022-2026'
    """
    rs = registry.load_ruleset(name, as_of=as_of)
    check_exhaustive(rs)
    return rs


def load_file(path: str | Path) -> Ruleset:
    """Load, check and prove one ruleset file."""
    rs = registry.load_file(path)
    check_exhaustive(rs)
    return rs


def base_of(path: str | Path) -> Ruleset | None:
    """The ruleset a local standard's file extends (``None`` for a national file), proved exhaustive."""
    rs = registry.base_of(path)
    if rs is not None:
        check_exhaustive(rs)
    return rs


def available() -> list[Ruleset]:
    """The bundled national standards, oldest first, each proved exhaustive."""
    out = registry.available()
    for rs in out:
        check_exhaustive(rs)
    return out
