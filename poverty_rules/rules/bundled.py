"""The bundled national standards' files, and their indicators' flag-column headers read straight
from the YAML, without pydantic or the rule parser.

The file readers need those headers (each indicator's ``aliases:``) to find and name the header row
of a household file before the engine is loaded (docs/architecture.md, "Start-up"); validating every
bundled standard with the full model (:mod:`poverty_rules.rules.registry`) would sit on that path.
The YAML stays the one truth: both read the same files, and tests/test_input_docs.py proves the
headers read here equal those of the validated rulesets.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from yaml import YAMLError

from .yaml_lines import safe_load

#: Where the national standards live: ``poverty_rules/rulesets/`` (package data).
BUNDLED = Path(str(resources.files("poverty_rules") / "rulesets"))


def flag_column(indicator_id: str) -> str:
    """The household file's column holding an indicator's flag: ``deprived_<id>``."""
    return f"deprived_{indicator_id}"


def national_files(dirs: list[Path]) -> list[Path]:
    """The national standards' files in ``dirs`` (``*.yaml``, not ``local/``), by name."""
    return sorted(p for d in dirs if d.is_dir() for p in d.glob("*.yaml"))


def indicator_aliases(path: Path) -> list[tuple[str, list[str]]]:
    """Each indicator's flag column and its ``aliases:`` in one ruleset file, in file order."""
    indicators = _read(path).get("indicators") or []
    return [(flag_column(str(ind["id"])), list(ind.get("aliases") or [])) for ind in indicators]


def _oldest_first() -> list[Path]:
    """The bundled national standards' files, oldest ``valid_from`` first (the order of
    :func:`poverty_rules.rules.registry.available`)."""
    return sorted(national_files([BUNDLED]), key=lambda p: str(_read(p).get("valid_from", "")))


@lru_cache(maxsize=1)
def national_indicator_aliases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`indicator_aliases` of every bundled national standard, oldest first (the order of
    :func:`poverty_rules.rules.registry.available`)."""
    return tuple((column, tuple(aliases)) for p in _oldest_first() for column, aliases in indicator_aliases(p))


def indicator_labels(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Each indicator's flag column and its own name (``label: {vi, en}``) in one ruleset file, in file order:
    a form headed with the indicator's name names its column, listed under ``aliases:`` or not."""
    indicators = _read(path).get("indicators") or []
    out = []
    for ind in indicators:
        label = ind.get("label") if isinstance(ind.get("label"), dict) else {}
        names = tuple(str(label[lang]) for lang in ("vi", "en") if isinstance(label.get(lang), str))
        out.append((flag_column(str(ind["id"])), names))
    return out


@lru_cache(maxsize=1)
def national_indicator_labels() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """:func:`indicator_labels` of every bundled national standard, oldest first (as
    :func:`national_indicator_aliases`)."""
    return tuple(item for p in _oldest_first() for item in indicator_labels(p))


@lru_cache(maxsize=1)
def national_designations() -> tuple[tuple[str, str, str], ...]:
    """Each bundled national standard's designations (``low_income_worker`` …) as (id, vi label, en label),
    oldest standard first: the names an earlier run's designation column is known by when a file is classified
    again (results/tables.py), read without loading the standards that are not in force."""
    out = []
    for path in _oldest_first():
        for item in _read(path).get("designations") or []:
            label = item.get("label") if isinstance(item.get("label"), dict) else {}
            out.append((str(item["id"]), str(label.get("vi", "")), str(label.get("en", ""))))
    return tuple(out)


def period(path: Path) -> tuple[date, date] | None:
    """A national standard's ``valid_from`` and ``valid_to`` as its file writes them (two YAML dates), read
    without the model; None when the file does not write them so (or writes ``extends``: no national file
    may), for the caller to load the file and say why."""
    try:
        data = _read(path)
    except (OSError, UnicodeDecodeError, YAMLError):
        return None
    start, end = data.get("valid_from"), data.get("valid_to")
    if type(start) is not date or type(end) is not date or data.get("extends"):
        return None
    return start, end


@lru_cache(maxsize=8)
def _read(path: Path) -> dict[str, Any]:
    data = safe_load(path.read_text(encoding="utf-8-sig"))
    return data if isinstance(data, dict) else {}
