"""Local standards: an overlay (``extends: <national id>``) on a national ruleset.

Implements docs/standard.md §1 ("a local standard only raises lines or adds deprivations, it never
loosens the national one") and docs/design.md, "Rulesets are data" ("A local overlay changes
parameters or adds indicators by name; it may only raise income lines. The overlay shows in every
result it produced").

An overlay file states its own ``id``, ``version``, ``title``, ``legal_basis`` (the provincial
decision), ``valid_from``/``valid_to`` (inside the national period) and ``sources``, and may:

* change the value of national ``parameters`` by name (each change cites the local decision in its
  own ``reference`` and ``confidence``); an area-dependent value may give one area only;
* add new ``parameters`` (fully written, as in a national ruleset);
* lengthen national ``programmes`` windows (``months``) or add programmes;
* add new ``indicators`` (ids the national standard does not use).

It may not edit ``classes``, ``derived``, ``designations``, ``fields`` or ``not_defined``, remove or
redefine a national indicator, or move a parameter against the ``direction:`` the national ruleset
states for it:

=============  ==========================================================================
direction      allowed change
=============  ==========================================================================
``raise``      up only (income_line, average_line, score_line, the age a child is "under", the
               floor area per person …: a higher value covers more households)
``lower``      down only (deprivation_cutoff, the age an indicator starts at, the share of
               dependants …: a lower value makes more households poor or deprived)
``fixed``      unchanged (no direction is kinder: points per indicator, working ages …)
=============  ==========================================================================

The direction is data, stated on each parameter in the national ruleset (never guessed from its
name); an overlay may not change it, and a parameter an overlay adds states its own.

:func:`apply_overlay` merges before validation; :func:`check_overlay` checks the validated result
against the national base. Both raise :class:`~poverty_rules.ruleset.RulesetError` naming the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import RulesetError
from .model import Direction, Parameter, Ruleset
from .yaml_lines import Lines, line_for

__all__ = ["OVERLAY_KEYS", "REQUIRED_KEYS", "apply_overlay", "check_overlay", "direction"]

#: Keys an overlay file states itself (they are not inherited from the base).
REQUIRED_KEYS = ("id", "version", "title", "legal_basis", "valid_from", "valid_to", "sources")
#: Every key an overlay file may use.
OVERLAY_KEYS = (*REQUIRED_KEYS, "extends", "example", "parameters", "indicators", "programmes")
#: National sections an overlay may not touch, with the reason given to the author.
_FORBIDDEN = {
    "classes": "national classes cannot be changed by a local standard; raise a line in `parameters:` instead",
    "derived": "national derived values cannot be changed by a local standard",
    "designations": "national designations cannot be changed by a local standard",
    "not_defined": "what the national standard leaves undefined cannot be defined by a local standard",
    "fields": "the fields the national indicators read cannot be changed by a local standard",
}
_REMOVE_WORDS = {"remove", "removed", "delete", "deleted", "drop"}


def direction(parameter: Parameter) -> Direction:
    """Which way an overlay may move a national parameter: its ``direction:`` (module docstring)."""
    return parameter.direction


def _err(path: Path, lines: Lines, loc: tuple[Any, ...], reason: str) -> RulesetError:
    """The error for the overlay key at ``loc`` (its line, or the nearest enclosing key's)."""
    return RulesetError(path, line_for(lines, loc), reason)


def apply_overlay(base: Ruleset, data: dict[str, Any], path: str | Path, lines: Lines) -> dict[str, Any]:
    """Merge an overlay's YAML mapping onto its national base; return the mapping to validate.

    The merged ``extends`` holds the base's label (``id@version``) so that
    :attr:`Ruleset.label <poverty_rules.ruleset.Ruleset.label>` names both, e.g.
    ``vn-2022-2026@2025.02+example-province-2026@1``.
    """
    path = Path(path)
    if base.extends:
        raise _err(path, lines, ("extends",), f"an overlay extends only a national standard ({base.id} is an overlay)")
    for key in data:
        if key in _FORBIDDEN:
            raise _err(path, lines, (key,), f"an overlay may not edit `{key}`: {_FORBIDDEN[key]}")
        if key not in OVERLAY_KEYS:
            raise _err(path, lines, (key,), f"unknown key `{key}` in an overlay (allowed: {', '.join(OVERLAY_KEYS)})")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise RulesetError(path, 1, f"an overlay must state its own `{key}` (it is not inherited from {base.id})")
    if data["id"] == base.id:
        raise _err(path, lines, ("id",), f"an overlay needs its own id, not the national one ({base.id})")

    merged = base.model_dump()
    for key in REQUIRED_KEYS:
        merged[key] = data[key]
    merged["example"] = data.get("example", False)
    merged["extends"] = base.label
    merged["parameters"] = _merge_named(base, "parameters", data.get("parameters"), path, lines)
    merged["programmes"] = _merge_named(base, "programmes", data.get("programmes"), path, lines)
    merged["indicators"] = _merge_indicators(base, data.get("indicators"), path, lines)
    return merged


#: For each section an overlay may change by name: the key holding the value, and what else may change.
_NAMED = {
    "parameters": ("value", {"value", "reference", "confidence", "label", "text"}),
    "programmes": ("months", {"months", "reference", "confidence", "label", "text"}),
}


def _merge_named(base: Ruleset, section: str, changes: Any, path: Path, lines: Lines) -> dict[str, Any]:
    """A national section (parameters or programmes) with the overlay's changes; new entries appended.

    A changed national entry must cite the local decision (its own ``reference`` and ``confidence``).
    """
    value_key, allowed = _NAMED[section]
    out = {name: item.model_dump() for name, item in getattr(base, section).items()}
    if changes is None:
        return out
    if not isinstance(changes, dict):
        raise _err(path, lines, (section,), f"`{section}:` must be a mapping of names to changes")
    for name, spec in changes.items():
        where = (section, name)
        if not isinstance(spec, dict):
            raise _err(path, lines, where, f"{section}.{name} must be a mapping ({value_key}:, reference:, …)")
        if name not in out:
            out[name] = spec  # a new local entry, validated like any other
            continue
        stray = sorted(set(spec) - allowed)
        if stray:
            reason = f"{section}.{name}: an overlay may change only {', '.join(sorted(allowed))}, not {stray[0]}"
            raise _err(path, lines, (*where, stray[0]), reason)
        for key in ("reference", "confidence"):
            if key not in spec:
                reason = f"{section}.{name} changes a national value and must cite the local decision: add `{key}:`"
                raise _err(path, lines, where, reason)
        merged = {**out[name], **{k: v for k, v in spec.items() if k != value_key}}
        if value_key in spec:
            merged[value_key] = _merge_value(out[name][value_key], spec[value_key], (*where, value_key), path, lines)
        out[name] = merged
    return out


def _merge_value(old: Any, new: Any, where: tuple[Any, ...], path: Path, lines: Lines) -> Any:
    """A per-area value may be changed for one area only; the other keeps the national value."""
    name = ".".join(str(p) for p in where[:-1])
    if isinstance(old, dict):
        if not isinstance(new, dict):
            raise _err(path, lines, where, f"{name}: the national value is per area; give rural: and/or urban:")
        stray = sorted(set(new) - set(old))
        if stray:
            raise _err(path, lines, (*where, stray[0]), f"{name}: unknown area '{stray[0]}'")
        return {**old, **new}
    if isinstance(new, dict):
        raise _err(path, lines, where, f"{name}: the national value is one number, not per area")
    return new


def _merge_indicators(base: Ruleset, added: Any, path: Path, lines: Lines) -> list[dict[str, Any]]:
    """National indicators, unchanged and in order, then the overlay's new ones."""
    out = [ind.model_dump() for ind in base.indicators]
    if added is None:
        return out
    if not isinstance(added, list):
        raise _err(path, lines, ("indicators",), "`indicators:` in an overlay is a list of new indicators (- id: …)")
    national = {ind.id for ind in base.indicators}
    for i, item in enumerate(added):
        if not isinstance(item, dict):
            raise _err(path, lines, ("indicators", i), "each indicator must be a mapping (id:, label:, …)")
        ind_id = item.get("id")
        if ind_id in national:
            if set(item) & _REMOVE_WORDS or set(item) == {"id"}:
                reason = f"an overlay may not remove national indicator '{ind_id}' (a local standard never loosens it)"
            else:
                reason = f"an overlay may not redefine national indicator '{ind_id}'; add one with its own id"
            raise _err(path, lines, ("indicators", i, "id"), reason)
        out.append(item)
    return out


def check_overlay(base: Ruleset, rs: Ruleset, path: str | Path, lines: Lines) -> None:
    """Refuse a validated overlay that loosens its national base (docs/standard.md §1)."""
    path = Path(path)
    if rs.valid_from < base.valid_from:
        reason = f"valid_from {rs.valid_from} is before {base.id} is in force ({base.valid_from})"
        raise _err(path, lines, ("valid_from",), reason)
    if rs.valid_to > base.valid_to:
        raise _err(path, lines, ("valid_to",), f"valid_to {rs.valid_to} is after {base.id} ends ({base.valid_to})")
    for section in ("classes", "derived", "designations", "fields", "not_defined"):
        if getattr(rs, section) != getattr(base, section):
            raise _err(path, lines, (section,), f"an overlay may not edit `{section}`: {_FORBIDDEN[section]}")
    ids = {ind.id: ind for ind in rs.indicators}
    for ind in base.indicators:
        if ids.get(ind.id) != ind:
            what = "remove" if ind.id not in ids else "redefine"
            raise _err(path, lines, ("indicators",), f"an overlay may not {what} national indicator '{ind.id}'")
    for name, old in base.parameters.items():
        _check_parameter(name, old, rs.parameters[name].value, base, path, lines)
    for name, prog in base.programmes.items():
        new = rs.programmes[name].months
        if new < prog.months:
            reason = (
                f"programmes.{name}.months {new} shortens the national window ({prog.months} months, {base.label}); "
                "a local standard may only lengthen it"
            )
            raise _err(path, lines, ("programmes", name, "months"), reason)


_REASONS = {
    "raise": "lowers the national value; a local standard may only raise it (direction: raise; spec §1)",
    "lower": "raises the national value; a local standard may only lower it (direction: lower; spec §1)",
    "fixed": "changes a national parameter whose direction is fixed (a local standard may not move it)",
}


def _check_parameter(name: str, param: Parameter, new: Any, base: Ruleset, path: Path, lines: Lines) -> None:
    old = param.value
    olds = old if isinstance(old, dict) else {None: old}
    news = new if isinstance(new, dict) else {None: new}
    way = direction(param)
    for area, was in olds.items():
        now = news[area]
        looser = {"raise": now < was, "lower": now > was, "fixed": now != was}[way]
        if not looser:
            continue
        loc = ("parameters", name, "value", area) if area else ("parameters", name, "value")
        label = f"{name}.{area}" if area else name
        raise _err(
            path,
            lines,
            loc,
            f"parameters.{label}: {now:,.{_places(now)}f} {_REASONS[way]} ({was:,.{_places(was)}f} in {base.label})",
        )


def _places(x: float) -> int:
    """Decimals to show a parameter value with (0 for whole numbers: 1,500,000; else 2: 0.50)."""
    return 0 if float(x).is_integer() else 2
