"""Local standards: a ruleset of its own that inherits from a national one (``extends: <national id>``).

Implements docs/standard.md §1 ("a local standard is a classification of its own, run beside the
national one — it never replaces or edits the national result") and docs/rulesets.md, "Local
standards". A local file states its own ``id``, ``version``, ``title``, ``legal_basis`` (the
provincial instrument: Nghị quyết HĐND / Quyết định UBND), ``valid_from``/``valid_to`` (inside the
national period) and ``sources``, and may change **anything** of its base, in either direction:

* ``parameters`` / ``programmes`` (mappings by name): change any key of a national entry (a value
  may give one area only, or turn a single value into a per-area one and back), add a new entry, or
  drop one with ``remove: true``;
* ``indicators`` / ``derived`` / ``designations`` / ``not_defined`` (lists by ``id``): the same —
  an item whose id is national changes only the keys it gives (``remove: true`` drops it), a new id
  is appended;
* ``classes``: when given, the whole class table, replacing the national one (each row cited);
* ``fields``: when given, replaces the national ``{household, member}`` lists.

Every change and every removal cites the local instrument in its own ``reference`` and
``confidence``; a removal is kept on the merged ruleset (:attr:`Ruleset.removed`) so that
``rulesets diff`` can show what dropped it. Nothing is refused for its direction any more: whether
a change covers more or fewer households (from each parameter's ``direction:``) is reported by
:mod:`poverty_rules.rules.diff`, which notes when a local standard is looser than the national one.

:func:`apply_overlay` merges before validation; :func:`check_overlay` checks the validated result
against the national base. Both raise :class:`~poverty_rules.errors.RulesetError` naming the line.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import ExpressionError, RulesetError
from . import expressions as ex
from .constants import constant_value
from .messages import close_key, ruleset_error
from .model import Derived, Designation, Dimension, Direction, Indicator, NotDefined, Parameter, Programme, Ruleset
from .yaml_lines import Lines, line_for

__all__ = ["OVERLAY_KEYS", "REQUIRED_KEYS", "apply_overlay", "check_overlay", "direction"]

#: Keys a local file states itself (they are not inherited from the base).
REQUIRED_KEYS = ("id", "version", "title", "legal_basis", "valid_from", "valid_to", "sources")
#: Sections changed entry by entry: mappings by name, and lists by id.
_MAPPINGS = ("parameters", "dimensions", "programmes")
_LISTS = ("indicators", "derived", "designations", "not_defined")
#: Sections a local file replaces whole when it gives them.
_WHOLE = ("classes", "fields")
#: Every key a local file may use.
OVERLAY_KEYS = (*REQUIRED_KEYS, "extends", "example", *_MAPPINGS, *_LISTS, *_WHOLE)
_REMOVE = "remove"
#: The model of each changed section's entries: the keys a new entry must give.
_ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "parameters": Parameter,
    "dimensions": Dimension,
    "programmes": Programme,
    "indicators": Indicator,
    "derived": Derived,
    "designations": Designation,
    "not_defined": NotDefined,
}


def direction(parameter: Parameter) -> Direction:
    """Which way of moving a parameter covers more households: its ``direction:`` (never guessed)."""
    return parameter.direction


def _err(path: Path, lines: Lines, loc: tuple[Any, ...], message: str, /, **values: Any) -> RulesetError:
    """The error ``message`` for the local file's key at ``loc`` (its line, or the nearest enclosing key's)."""
    return ruleset_error(path, line_for(lines, loc), message, **values)


def apply_overlay(base: Ruleset, data: dict[str, Any], path: str | Path, lines: Lines) -> dict[str, Any]:
    """Merge a local file's YAML mapping onto its national base; return the mapping to validate.

    The merged ``extends`` holds the base's label (``id@version``) so that
    :attr:`Ruleset.label <poverty_rules.rules.model.Ruleset.label>` names both, e.g.
    ``vn-2022-2026@2025.02+vn-bac-ninh-2025@1``.
    """
    path = Path(path)
    if base.extends:
        raise _err(path, lines, ("extends",), "o_base_local", base=base.id)
    for key in data:
        if key not in OVERLAY_KEYS:
            meant = close_key(str(key), OVERLAY_KEYS)  # `sourcez:` is `sources:` misspelt, said so
            if meant is not None:
                raise _err(path, lines, (key,), "rs_misspelt_key", where=key, key=key, meant=meant)
            raise _err(path, lines, (key,), "o_unknown_key", key=key, allowed=", ".join(OVERLAY_KEYS))
    for key in REQUIRED_KEYS:
        if key not in data:
            raise ruleset_error(path, 1, "o_required", key=key, base=base.id)
    if data["id"] == base.id:
        raise _err(path, lines, ("id",), "o_own_id", base=base.id)

    merged = base.model_dump()
    for key in REQUIRED_KEYS:
        merged[key] = data[key]
    merged["example"] = data.get("example", False)
    merged["extends"] = base.label
    removed: list[dict[str, Any]] = []
    for section in _MAPPINGS:
        merged[section] = _merge_mapping(merged[section], section, data.get(section), path, lines, removed, base.id)
    for section in _LISTS:
        merged[section] = _merge_list(merged[section], section, data.get(section), path, lines, removed, base.id)
    merged["derived"] = _in_reading_order(merged["derived"])
    for section in _WHOLE:
        if section in data:
            merged[section] = data[section]
    merged["removed"] = removed
    own = data.get("parameters")
    kept = "classes" not in data and isinstance(own, dict)  # the base's class rules read the local lines
    merged["local_parameters"] = (
        [name for name in own if name in merged["parameters"]] if kept and isinstance(own, dict) else []
    )
    entries = own if isinstance(own, dict) else {}
    merged["local_areas"] = {
        name: areas
        for name in merged["local_parameters"]
        if (areas := _areas_set(entries[name], base.parameters.get(name))) is not None
    }
    for section in _LISTS:
        if isinstance(data.get(section), list):
            _reline(lines, section, data[section], merged[section])
    return merged


def _in_reading_order(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Derived values each after the ones its formula reads, else in their merged order (the base's first, the
    local file's appended): a national value the local file changes may read a value the file adds. Values that
    read each other are left as they are, for the loader to name the cycle."""
    ids = {item.get("id") for item in items}
    reads: list[set[Any]] = []
    for item in items:
        try:
            names = ex.variables(ex.parse(str(item.get("formula", ""))))
        except ExpressionError:  # said by the loader, at its line
            names = set()
        reads.append((names & ids) - {item.get("id")})
    out: list[dict[str, Any]] = []
    placed: set[Any] = set()
    pending = list(range(len(items)))
    while pending:
        ready = next((k for k in pending if reads[k] <= placed), None)
        if ready is None:  # a cycle: the rest as merged
            out.extend(items[k] for k in pending)
            break
        pending.remove(ready)
        out.append(items[ready])
        placed.add(items[ready].get("id"))
    return out


def _areas_set(spec: Any, national: Any) -> list[str] | None:
    """The areas whose value a local file's parameter entry sets, when it sets some areas only and keeps its
    national base's value for the others (``value: {rural: 2_000_000}``); ``None`` when it covers every area
    (a single value, both areas, a parameter of its own, or a change of its reference alone)."""
    value = spec.get("value") if isinstance(spec, dict) else None
    if national is None or not isinstance(value, dict):
        return None
    areas = sorted(area for area in ("rural", "urban") if area in value)
    return areas if len(areas) == 1 else None


def _reline(lines: Lines, section: str, given: list[Any], merged: list[dict[str, Any]]) -> None:
    """The lines of a list section's items by their place in the merged list, not in the local file:
    the checks after the merge name an item by its merged place (``indicators.3`` for the national
    ``health_insurance`` that the file lists first), which in the file is another item's, or none (then
    its error pointed at the section's own line, or at another indicator's rule)."""
    place = {item["id"]: k for k, item in enumerate(merged)}
    moved: dict[tuple[Any, ...], int] = {}
    for j, spec in enumerate(given):
        k = place.get(spec.get("id")) if isinstance(spec, dict) else None
        if k is None:
            continue  # removed: said before the merge, at the file's own place
        for key, line in lines.items():
            if len(key) >= 2 and key[0] == section and key[1] == j:
                moved[(section, k, *key[2:])] = line
    for key in [key for key in lines if len(key) >= 2 and key[0] == section]:
        del lines[key]
    lines.update(moved)


def _no_misspelt_key(
    section: str, name: Any, spec: dict[str, Any], where: tuple[Any, ...], path: Path, lines: Lines
) -> None:
    """A key of a changed or new entry that is one of its kind's keys misspelt (``serve:``, ``confidance:``) is
    named at its line, before the entry is said to miss the key it meant (or to cite nothing)."""
    keys = _ENTRY_MODELS[section].model_fields
    for key in spec:
        meant = close_key(str(key), keys) if key not in keys and key not in ("id", _REMOVE) else None
        if meant is not None:
            raise _err(
                path, lines, (*where, key), "rs_misspelt_key", where=f"{section}.{name}.{key}", key=key, meant=meant
            )


def _cited(spec: dict[str, Any], where: tuple[Any, ...], path: Path, lines: Lines) -> None:
    """A change to a national entry cites the local instrument: its own ``reference`` and ``confidence``."""
    for key in ("reference", "confidence"):
        if key not in spec:
            name = f"{where[0]}.{spec['id']}" if "id" in spec else ".".join(str(p) for p in where)
            raise _err(path, lines, where, "o_cite", name=name, key=key)


def _removal(
    section: str, name: str, spec: dict[str, Any], where: tuple[Any, ...], path: Path, lines: Lines
) -> dict[str, Any]:
    if spec.get(_REMOVE) is not True:
        raise _err(path, lines, (*where, _REMOVE), "o_remove_true", section=section, name=name)
    _cited(spec, where, path, lines)
    stray = sorted(set(spec) - {_REMOVE, "id", "reference", "confidence", "text"})
    if stray:
        raise _err(path, lines, (*where, stray[0]), "o_removed_stray", section=section, name=name, key=stray[0])
    return {"section": section, "id": name, "reference": spec["reference"], "confidence": spec["confidence"]}


def _check_new(
    section: str,
    name: Any,
    spec: dict[str, Any],
    where: tuple[Any, ...],
    known: list[str],
    base: str,
    path: Path,
    lines: Lines,
) -> None:
    """A new entry (its name is not the base's) gives every key its kind requires; a name close to one of the
    base's is named (the author meant to change that one, and misspelt it)."""
    required = [key for key, field in _ENTRY_MODELS[section].model_fields.items() if field.is_required()]
    missing = [key for key in required if key not in spec]
    if not missing:
        return
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.85)
    key = "o_new_misspelt" if close else "o_new_incomplete"
    values = {"section": section, "name": name, "base": base, "missing": ", ".join(missing)}
    raise _err(path, lines, where, key, close=close[0] if close else "", **values)


def _merge_mapping(
    out: dict[str, Any],
    section: str,
    changes: Any,
    path: Path,
    lines: Lines,
    removed: list[dict[str, Any]],
    base: str = "",
) -> dict[str, Any]:
    """A national mapping section with the local changes: entries changed, removed or appended."""
    if changes is None:
        return out
    if not isinstance(changes, dict):
        raise _err(path, lines, (section,), "o_section_mapping", section=section)
    out = dict(out)
    for name, spec in changes.items():
        where = (section, name)
        if not isinstance(spec, dict):
            raise _err(path, lines, where, "o_entry_mapping", section=section, name=name)
        if _REMOVE in spec:
            if name not in out:
                raise _err(path, lines, where, "o_nothing_to_remove", section=section, name=name)
            removed.append(_removal(section, name, spec, where, path, lines))
            del out[name]
        elif name not in out:
            _no_misspelt_key(section, name, spec, where, path, lines)
            _check_new(section, name, spec, where, list(out), base, path, lines)
            out[name] = spec  # a new local entry, validated like any other
        else:
            _no_misspelt_key(section, name, spec, where, path, lines)
            _cited(spec, where, path, lines)
            entry = {**out[name], **{k: v for k, v in spec.items() if k != "value"}}
            if "value" in spec:
                entry["value"] = _merge_value(out[name]["value"], spec["value"], (*where, "value"), path, lines)
            out[name] = entry
    return out


def _merge_value(old: Any, new: Any, where: tuple[Any, ...], path: Path, lines: Lines) -> Any:
    """A per-area value may be changed for one area only (the other keeps the national value); a
    single value may become per-area (an area not given keeps the national value) and back."""
    if not isinstance(new, dict):
        return new
    name = ".".join(str(p) for p in where[:-1])
    stray = sorted(set(new) - {"rural", "urban"})
    if stray:
        raise _err(path, lines, (*where, stray[0]), "o_unknown_area", name=name, area=stray[0])
    before = old if isinstance(old, dict) else {"rural": old, "urban": old}
    return {**before, **new}


def _merge_list(
    out: list[dict[str, Any]],
    section: str,
    changes: Any,
    path: Path,
    lines: Lines,
    removed: list[dict[str, Any]],
    base: str = "",
) -> list[dict[str, Any]]:
    """A national list section (items by ``id``) with the local changes: changed, removed or appended."""
    if changes is None:
        return out
    if not isinstance(changes, list):
        raise _err(path, lines, (section,), "o_section_list", section=section)
    items = {item["id"]: dict(item) for item in out}
    order = [item["id"] for item in out]
    given: dict[Any, int] = {}  # the file's own items by id: one id twice would merge silently
    for i, spec in enumerate(changes):
        where = (section, i)
        if not isinstance(spec, dict) or "id" not in spec:
            raise _err(path, lines, where, "o_item_id", section=section)
        item_id = spec["id"]
        if item_id in given:
            first = line_for(lines, (section, given[item_id], "id"))
            raise _err(path, lines, (*where, "id"), "o_twice", section=section, id=item_id, first=first)
        given[item_id] = i
        if _REMOVE in spec:
            if item_id not in items:
                raise _err(path, lines, (*where, "id"), "o_no_item", section=section, id=item_id)
            removed.append(_removal(section, str(item_id), spec, where, path, lines))
            del items[item_id]
            order.remove(item_id)
        elif item_id in items:
            _no_misspelt_key(section, item_id, spec, where, path, lines)
            _cited(spec, where, path, lines)
            items[item_id] = {**items[item_id], **spec}
        else:
            _no_misspelt_key(section, item_id, spec, where, path, lines)
            _check_new(section, item_id, spec, (*where, "id"), [str(i) for i in items], base, path, lines)
            items[item_id] = spec
            order.append(item_id)
    return [items[i] for i in order]


def check_overlay(base: Ruleset, rs: Ruleset, path: str | Path, lines: Lines) -> None:
    """A local standard applies inside its national base's period (docs/standard.md §1)."""
    path = Path(path)
    if rs.valid_from < base.valid_from:
        raise _err(
            path,
            lines,
            ("valid_from",),
            "o_starts_before",
            start=rs.valid_from,
            base=base.id,
            base_start=base.valid_from,
        )
    if rs.valid_to > base.valid_to:
        raise _err(path, lines, ("valid_to",), "o_ends_after", end=rs.valid_to, base=base.id, base_end=base.valid_to)
    _same_line_moved_together(base, rs, path, lines)


_AREA_WORDS = {"rural": ("nông thôn", "rural"), "urban": ("thành thị", "urban")}


def _same_line_moved_together(base: Ruleset, rs: Ruleset, path: Path, lines: Lines) -> None:
    """A national parameter that ``stands_for`` another (score A's 140 points are the 1,500,000 line,
    B ≥ 30 points the 3 deprivations: docs/standard.md §2.2) is refused unchanged in an area where the
    local standard moves that other one while its rules still read it: 140 points would go on deciding
    by the national line (a 1,900,000 household scored 150 was not poor under a 2,000,000 local line).
    The local standard gives its own value, drops the parameter, or gives a class table not reading it."""
    read = _read_by_rules(rs)
    for name, national in base.parameters.items():
        line = national.stands_for
        if line is None or line not in base.parameters or name not in rs.parameters or name not in read:
            continue
        for area, (area_vi, area_en) in _AREA_WORDS.items():
            value = national.for_area(area)
            if rs.parameters[name].for_area(area) != value or _file_sets(lines, name, area):
                continue  # moved, or the local file's own value (cited), though equal to the national one
            if constant_value(rs, line, area) == base.parameters[line].for_area(area):
                continue
            moved = rs.parameters.get(line)
            one_value = not isinstance(base.parameters[line].value, dict) and (
                moved is None or not isinstance(moved.value, dict)
            )  # deprivation_cutoff: no area to name
            raise _err(
                path,
                lines,
                ("parameters", line) if ("parameters", line) in lines else ("parameters", name),
                "o_stands_for_all" if one_value else "o_stands_for",
                line=line,
                name=name,
                area_vi=area_vi,
                area_en=area_en,
                value=f"{value:g}",
                base=base.id,
                reference=national.reference,
            )


def _file_sets(lines: Lines, name: str, area: str) -> bool:
    """Whether the local file itself writes parameter ``name``'s value for ``area`` (``value: 175``, or
    ``value: {urban: 175}``), by the keys of the file (``lines``)."""
    where = ("parameters", name, "value")
    if (*where, area) in lines:
        return True
    return where in lines and not any(key[:3] == where and len(key) > 3 for key in lines)


def _read_by_rules(rs: Ruleset) -> set[str]:
    """The names the class, derived and designation rules of ``rs`` read."""
    texts = [c.when for c in rs.classes] + [d.formula for d in rs.derived] + [d.when for d in rs.designations]
    return set().union(*(ex.variables(ex.parse(text)) for text in texts))
