"""The standards as callers get them: loaded by the rules layer, proved exhaustive by this engine.

Every ruleset that leaves this module has had its class list checked over the grid of
:func:`poverty_rules.engine.checks.check_exhaustive` (once per loaded ruleset).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..rules import registry
from ..rules.diff import diff_rulesets
from ..rules.model import Ruleset
from .checks import check_exhaustive


def load_ruleset(name: str | Path | None = None, *, as_of: str | date | None = None) -> Ruleset:
    """The ruleset named by id or path, or else the national standard in force on ``as_of`` (docs/standard.md
    §1, which standard applies when; docs/design.md, "Rulesets are data" and "Library").

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
    """The bundled national standards, oldest first, each proved exhaustive (their periods: docs/standard.md §1)."""
    out = registry.available()
    for rs in out:
        check_exhaustive(rs)
    return out


def bundled_twin(rs: Ruleset, path: str | Path) -> tuple[Path, str] | None:
    """The bundled standard whose id and version (its label, ``vn-2022-2026@2025.02``) the ruleset ``rs``,
    read from the file at ``path``, states while saying something else, and what differs (``income_line`` …):
    a changed copy, which would stamp its results and histories with the bundled standard's label. None for
    the bundled file itself, an unchanged copy, or a file with a label of its own."""
    path = Path(path)
    bundled: list[tuple[Path, Ruleset | None]] = [(_bundled_file(other.id), other) for other in available()]
    stating = set(registry.local_files_stating(rs.id))  # a local standard by the id it states, whatever its name
    bundled += [(file, None) for file in registry.local_files() if file.stem == rs.id or file in stating]
    for file, other in bundled:
        if file.resolve() == path.resolve() or (other is not None and other.label != rs.label):
            continue
        other = other if other is not None else load_file(file)
        if other.label != rs.label or other.model_dump() == rs.model_dump():
            continue
        changes = diff_rulesets(other, rs).changes
        return file, ", ".join(dict.fromkeys(c.what for c in changes)) or "title, legal_basis, sources"
    return None


def _bundled_file(ruleset_id: str) -> Path:
    """The bundled file of a national standard (``rulesets/vn-2022-2026.yaml``)."""
    for folder in registry.ruleset_dirs():
        if (folder / f"{ruleset_id}.yaml").is_file():
            return folder / f"{ruleset_id}.yaml"
    return Path(ruleset_id)


def package_path(file: Path) -> str:
    """A bundled file as the package names it (``poverty_rules/rulesets/vn-2022-2026.yaml``)."""
    try:
        return file.resolve().relative_to(registry.ruleset_dirs()[0].resolve().parent.parent).as_posix()
    except ValueError:
        return str(file)
