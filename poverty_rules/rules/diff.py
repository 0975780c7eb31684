"""What changed between two rulesets: two national standards, or a national one and a local one.

Implements ``poverty-rules rulesets diff A B`` (issue #5): parameters (lines) changed with old → new
values, added or removed; indicators added, removed or changed (label, dimension, threshold text,
member-level rule); classes added or removed (compared by status, path and the canonical text of
their condition, so re-spacing a rule is not a change); designations, programme windows and what the
standard leaves undefined. :func:`diff_rulesets` returns data (tests and tools read it);
:func:`render` writes it for people, in Vietnamese or English.

Each change to a line or an indicator says its **effect for households** (docs/standard.md §1: local
standards change things in both directions): ``stricter`` when it covers more households (a
parameter moved the way its ``direction:`` says covers more, an indicator added), ``looser`` when it
covers fewer (the other way, an indicator dropped), ``mixed`` when one area goes each way; a programme's
support window lengthened, its regime ended later or more statuses served is ``stricter``, the other way
or dropped ``looser``. A line the
new standard converts in a derived value (a yearly line ÷ months per year,
:mod:`poverty_rules.rules.constants`) is compared as the monthly value it gives. When B is looser
than A anywhere, the rendered diff ends with a note naming where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import words as L
from ..vocabulary.words import AREA, number
from . import expressions as ex
from .constants import constant_values
from .model import AREAS, ClassRule, Parameter, Ruleset

__all__ = ["HEADINGS", "Change", "RulesetDiff", "class_text", "diff_rulesets", "render", "rule_text"]


@dataclass(frozen=True)
class Change:
    """One difference. ``kind`` is ``added``, ``removed`` or ``changed``; ``what`` names the item."""

    section: str
    kind: str
    what: str
    old: Any = None
    new: Any = None
    detail: str = ""
    #: effect for households: ``stricter`` (covers more), ``looser`` (fewer), ``mixed`` or ``""``
    effect: str = ""


@dataclass
class RulesetDiff:
    """Every difference from ``a`` to ``b``, section by section, in ruleset order."""

    a: Ruleset
    b: Ruleset
    changes: list[Change] = field(default_factory=list)

    def section(self, name: str) -> list[Change]:
        return [c for c in self.changes if c.section == name]

    @property
    def looser(self) -> list[Change]:
        """The changes by which B covers fewer households than A (some area of a line, an indicator)."""
        return [c for c in self.changes if c.effect in ("looser", "mixed")]

    def ids(self, section: str, kind: str) -> list[str]:
        """The items of one section with one kind of change (e.g. indicators added)."""
        return [c.what for c in self.changes if c.section == section and c.kind == kind]

    @property
    def empty(self) -> bool:
        return not self.changes


SECTIONS = (
    *("validity", "parameters", "dimensions", "indicators", "derived"),
    *("classes", "designations", "programmes", "not_defined"),
)
#: Section headings, vi and en (also used by ``rulesets show``).
HEADINGS = L.RULESET_SECTION
_WORDS = L.DIFF
_MARK = {"added": "+", "removed": "-", "changed": "~"}


def diff_rulesets(a: Ruleset, b: Ruleset) -> RulesetDiff:
    """Compare two loaded rulesets, ``a`` (old) → ``b`` (new)."""
    out = RulesetDiff(a, b)
    if (a.valid_from, a.valid_to) != (b.valid_from, b.valid_to):
        out.changes.append(
            Change("validity", "changed", "valid", (a.valid_from, a.valid_to), (b.valid_from, b.valid_to))
        )
    out.changes += _parameters(a, b)
    out.changes += _named("dimensions", a.dimensions, b.dimensions, _dimension_details)
    out.changes += _with_effects(
        _named("indicators", _by_id(a.indicators), _by_id(b.indicators), _indicator_details), b
    )
    out.changes += _named("derived", _by_id(a.derived), _by_id(b.derived), _formula_details)
    out.changes += _classes(a.classes, b.classes)
    out.changes += _named("designations", _by_id(a.designations), _by_id(b.designations), _designation_details)
    out.changes += _with_effects(_named("programmes", a.programmes, b.programmes, _programme_details), b)
    out.changes += _named("not_defined", _by_id(a.not_defined), _by_id(b.not_defined), lambda x, y: [])
    return out


def _parameters(a: Ruleset, b: Ruleset) -> list[Change]:
    """Parameters with their effect; a national line B computes in a derived value is compared as such."""
    derived_b = {d.id: d for d in b.derived}
    changes = []
    for c in _named("parameters", a.parameters, b.parameters, _parameter_details):
        if c.kind == "removed" and c.what in derived_b and (values := constant_values(b, c.what)) is not None:
            d = derived_b[c.what]
            new = Parameter(
                label=c.old.label,
                value=values,  # type: ignore[arg-type]
                unit=c.old.unit,
                direction=c.old.direction,
                reference=d.reference,
                confidence=d.confidence,
            )
            changes.append(Change("parameters", "changed", c.what, c.old, new, f"= {_canonical(d.formula)}"))
        else:
            changes.append(c)
    return _with_effects(changes, b)


def _with_effects(changes: list[Change], b: Ruleset) -> list[Change]:
    """Each change with its effect for households, and a removal with the local instrument behind it."""
    removed = {(r.section, r.id): r for r in b.removed}
    out = []
    for c in changes:
        effect = _effect(c)
        detail = c.detail
        why = removed.get((c.section, c.what))
        if c.kind == "removed" and why is not None:
            detail = f"[{why.confidence}] {why.reference}"
        out.append(Change(c.section, c.kind, c.what, c.old, c.new, detail, effect))
    return out


def _effect(c: Change) -> str:
    if c.section == "indicators":
        return {"added": "stricter", "removed": "looser"}.get(c.kind, "")
    if c.section == "programmes":  # a longer support window keeps more escaped households, a shorter fewer
        if c.kind == "removed":
            return "looser"
        return _window_effect(c.old, c.new) if c.kind == "changed" else ""
    if c.section != "parameters" or c.kind != "changed" or c.old.direction == "fixed":
        return ""
    if c.old.value == c.new.value:
        return ""
    ways = set()
    for area in AREAS:
        was, now = c.old.for_area(area), c.new.for_area(area)
        if was != now:
            more = now > was if c.old.direction == "raise" else now < was
            ways.add("stricter" if more else "looser")
    return ways.pop() if len(ways) == 1 else ("mixed" if ways else "")


def _window_effect(old: Any, new: Any) -> str:
    """A support window's change for escaped households: more months, a regime ending later (or no end) or
    more statuses served keep more (``stricter``); the other way fewer (``looser``); one of each ``mixed``.
    ``valid_from`` cuts no window (docs/rulesets.md), so it has no effect."""
    ways = set()
    if old.months != new.months:
        ways.add("stricter" if new.months > old.months else "looser")
    if old.valid_to != new.valid_to:
        later = old.valid_to is not None and (new.valid_to is None or new.valid_to > old.valid_to)
        ways.add("stricter" if later else "looser")
    before, after = set(old.serves), set(new.serves)
    if after - before:
        ways.add("stricter")
    if before - after:
        ways.add("looser")
    return ways.pop() if len(ways) == 1 else ("mixed" if ways else "")


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _named(section: str, old: dict[str, Any], new: dict[str, Any], details: Any) -> list[Change]:
    """Removed (old order), then changed and added (new order)."""
    changes = [Change(section, "removed", k, old[k], None) for k in old if k not in new]
    for k, item in new.items():
        if k not in old:
            changes.append(Change(section, "added", k, None, item))
        elif old[k] != item:
            changes.append(Change(section, "changed", k, old[k], item, "; ".join(details(old[k], item))))
    return changes


def _canonical(text: str | None) -> str:
    """A rule's text written canonically, so spacing and line breaks are not changes."""
    if not text:
        return ""
    try:
        return ex.to_text(ex.parse(text))
    except ex.ExpressionError:
        return " ".join(text.split())


def _value_text(value: Any, lang: str = "en") -> str:
    if isinstance(value, dict):
        return ", ".join(f"{AREA[k][lang]} {_num(float(v), lang)}" for k, v in value.items())
    return _num(float(value), lang)


def _num(value: float, lang: str) -> str:
    """A parameter's value: whole numbers as 1,500,000, others with two decimals (0.50)."""
    return number(value, lang, 0 if value.is_integer() else 2)


def _parameter_details(old: Any, new: Any) -> list[str]:
    out = []
    if old.value != new.value:
        out.append("value")
    for key in ("reference", "confidence", "unit", "label"):
        if getattr(old, key) != getattr(new, key):
            out.append(key)
    return out


def _indicator_details(old: Any, new: Any) -> list[str]:
    out = [
        k for k in ("label", "dimension", "threshold", "reference", "confidence") if getattr(old, k) != getattr(new, k)
    ]
    if _canonical(old.deprived_when) != _canonical(new.deprived_when):
        out.append("deprived_when")
    return out


def _formula_details(old: Any, new: Any) -> list[str]:
    key = "formula" if hasattr(old, "formula") else "when"
    out = [key] if _canonical(getattr(old, key)) != _canonical(getattr(new, key)) else []
    return out + [k for k in ("label", "reference", "confidence") if getattr(old, k) != getattr(new, k)]


def _designation_details(old: Any, new: Any) -> list[str]:
    """A mark's condition, label and citation, and the day it is first given and its note (Nghị định 30/2025's
    2025-02-24 for the low-income worker)."""
    moved = [k for k in ("applies_from", "note") if getattr(old, k) != getattr(new, k)]
    details = _formula_details(old, new)
    return details[:1] + moved + details[1:] if details[:1] == ["when"] else moved + details


def _dimension_details(old: Any, new: Any) -> list[str]:
    """A dimension's name and its citation."""
    return [k for k in ("label", "reference", "confidence") if getattr(old, k) != getattr(new, k)]


def _programme_details(old: Any, new: Any) -> list[str]:
    keys = ("months", "valid_from", "valid_to", "serves", "label", "reference", "confidence")
    return [k for k in keys if getattr(old, k) != getattr(new, k)]


def _class_key(c: ClassRule) -> tuple[str, str, str]:
    return (c.status, c.decided_by, _canonical(c.when))


def _classes(old: list[ClassRule], new: list[ClassRule]) -> list[Change]:
    """Class rules compared by (status, path, condition); a rule only re-cited shows as changed."""
    old_keys, new_keys = [_class_key(c) for c in old], [_class_key(c) for c in new]
    changes = [
        Change("classes", "removed", _class_name(k), c) for k, c in zip(old_keys, old, strict=True) if k not in new_keys
    ]
    for k, c in zip(new_keys, new, strict=True):
        if k not in old_keys:
            changes.append(Change("classes", "added", _class_name(k), None, c))
        else:
            was = old[old_keys.index(k)]
            details = [f for f in ("reference", "confidence") if getattr(was, f) != getattr(c, f)]
            if details:
                changes.append(Change("classes", "changed", _class_name(k), was, c, "; ".join(details)))
    common_old = [k for k in old_keys if k in new_keys]
    common_new = [k for k in new_keys if k in old_keys]
    if common_old != common_new:
        changes.append(Change("classes", "changed", "order", common_old, common_new, "order"))
    return changes


def _class_name(key: tuple[str, str, str]) -> str:
    status, path, when = key
    return f"{status} by {path} when {when}"


# --------------------------------------------------------------------------- rendering


def class_text(c: ClassRule, lang: str, rs: Ruleset | None = None) -> str:
    """A class rule for people: ``Hộ nghèo (theo thu nhập bình quân) khi <condition>``, the condition as
    :func:`rule_text` gives it (read in Vietnamese, with the rule's own text labelled, under ``vi``)."""
    status, path = L.status_label(c.status, lang), L.PATH[c.decided_by][lang]
    return f"{status} ({path}) {L.RULESETS['when'][lang]} {rule_text(c.when, rs, lang)}"


def _name_of(rs: Ruleset | None, name: str, lang: str) -> str:
    """A name a rule reads, as the reader knows it: a parameter's or derived value's label, an indicator's
    for its flag, an input's or field's words; else the name as written."""
    if rs is not None:
        if name in rs.parameters:
            return rs.parameters[name].label.get(lang)
        for d in rs.derived:
            if d.id == name:
                return d.label.get(lang)
        if name.startswith("deprived_"):
            for ind in rs.indicators:
                if ind.id == name.removeprefix("deprived_"):
                    return ind.label.get(lang)
    for words in (L.FIELD, L.RULE_FIELD):
        if name in words:
            return words[name][lang]
    return name


def _value_of(value: str, lang: str) -> str:
    """A text value of a rule read aloud: a status by its name, an area by its word, else quoted."""
    if value in L.STATUS:
        return L.status_label(value, lang)
    if value in AREA:
        return AREA[value][lang]
    return repr(value)


def rule_text(text: str | None, rs: Ruleset | None, lang: str) -> str:
    """A rule (a condition or a formula) for ``rulesets show`` and ``diff``: under ``en`` its canonical text;
    under ``vi`` read in Vietnamese (the labels of what it reads, ``và``/``hoặc``, ≤ …) followed by the
    rule's own text, labelled as such (``(quy tắc: not known(score_a) and …)``), which the ruleset writes."""
    canonical = _canonical(text)
    if lang != "vi" or not text:
        return canonical
    words = ex.Wording(
        name=lambda name: _name_of(rs, name, lang),
        number=lambda x: _num(x, lang),
        and_=L.WORDS["and"][lang],
        or_=L.WORDS["or"][lang],
        not_=L.WORDS["not"][lang],
        known=L.KNOWN[True][lang],
        not_known=L.KNOWN[False][lang],
        operators=L.OPERATOR,
        aggregates={key: said[lang] for key, said in L.RULE_READING.items()},
        value=lambda value: _value_of(value, lang),
    )
    try:
        read = ex.to_text(ex.parse(text), words)
    except ex.ExpressionError:
        return canonical
    return f"{read} ({L.RULESETS['rule_text'][lang]}: {canonical})"


def _detail(c: Change, lang: str) -> str:
    """What changed in an item, in ``lang`` ("ngưỡng thiếu hụt; căn cứ"); a cited or derived detail as it is."""
    if c.kind != "changed" or c.detail.startswith(("=", "[")):
        return c.detail
    return "; ".join(L.DIFF_KEY[k][lang] if k in L.DIFF_KEY else k for k in c.detail.split("; "))


def render(d: RulesetDiff, lang: str = "vi") -> str:
    """The diff as text: one block per section that changed; ``+`` added, ``-`` removed, ``~`` changed."""
    lines = [f"--- {d.a.label}  {d.a.title.get(lang)}", f"+++ {d.b.label}  {d.b.title.get(lang)}"]
    if d.empty:
        lines.append(_WORDS["same"][lang])
        return "\n".join(lines)
    for section in SECTIONS:
        changes = d.section(section)
        if not changes:
            continue
        lines.append("")
        lines.append(f"{HEADINGS[section][lang]}:")
        for c in changes:
            block = _render_change(c, lang, d.a if c.kind == "removed" else d.b) + _render_citation_change(c, lang)
            if c.effect:  # a window has no areas: its mixed change is one way and another
                said = "mixed_window" if c.effect == "mixed" and c.section == "programmes" else c.effect
                block[0] += f"  {_WORDS[said][lang]}"
            lines.extend(block)
    if d.looser:
        where = ", ".join(dict.fromkeys(c.what for c in d.looser))
        lines += ["", _WORDS["looser_note"][lang].format(b=d.b.id, a=d.a.id, where=where)]
    return "\n".join(lines)


def _render_change(c: Change, lang: str, d_rs: Ruleset | None = None) -> list[str]:
    mark = _MARK[c.kind]
    if c.section == "validity":
        (f0, t0), (f1, t1) = c.old, c.new
        f0, t0, f1, t1 = (L.day(d, lang) for d in (f0, t0, f1, t1))
        return [f"  ~ {f0} … {t0}  →  {f1} … {t1}"]
    if c.section == "classes" and c.what == "order":
        return [f"  ~ {_WORDS['order'][lang]}"]
    item = c.new if c.new is not None else c.old
    if c.section == "parameters":
        return _render_parameter(c, lang)
    if c.section == "programmes":
        months = _WORDS["months"][lang]
        if c.kind == "changed" and c.old.months != c.new.months:
            head = f"  ~ {c.what}: {c.old.months} → {c.new.months} {months}  [{c.new.confidence}] {c.new.reference}"
            return [head, *_render_regime_changes(c.old, c.new, lang)]
        head = f"  {mark} {c.what}: {item.months} {months}  {item.label.get(lang)}"
        head += f"  ({_detail(c, lang)})" if c.detail else ""
        return [head, *(_render_regime_changes(c.old, c.new, lang) if c.kind == "changed" else [])]
    detail = f"  ({_detail(c, lang)})" if c.detail else ""
    if c.section == "classes":
        return [f"  {mark} {class_text(item, lang, d_rs)}{detail}  [{item.reference}]"]
    label = item.label.get(lang) if hasattr(item, "label") else item.note.get(lang)
    out = [f"  {mark} {c.what}: {label}{detail}"]
    if c.kind == "changed":
        out += _render_text_changes(c.old, c.new, lang, d_rs)
    elif c.section == "indicators" and item.threshold is not None:
        out.append(f"      {item.threshold.get(lang)}")
    return out


def _render_parameter(c: Change, lang: str) -> list[str]:
    if c.kind != "changed":
        p = c.old if c.kind == "removed" else c.new
        cite = c.detail if c.kind == "removed" and c.detail else f"[{p.confidence}] {p.reference}"
        return [f"  {_MARK[c.kind]} {c.what}: {_value_text(p.value, lang)} {L.unit(p.unit, lang)}  {cite}"]
    old, new = c.old, c.new
    if old.value == new.value:
        return [f"  ~ {c.what}: ({_detail(c, lang)})  [{new.confidence}] {new.reference}"]
    if isinstance(old.value, dict) or isinstance(new.value, dict):
        parts = [
            f"{AREA[k][lang]} {_num(old.for_area(k), lang)} → {_num(new.for_area(k), lang)}"
            for k in AREAS
            if old.for_area(k) != new.for_area(k)
        ]
        values = "; ".join(parts)
    else:
        values = f"{_value_text(old.value, lang)} → {_value_text(new.value, lang)}"
    derived = f" ({c.detail})" if c.detail.startswith("=") else ""
    return [f"  ~ {c.what}: {values} {L.unit(new.unit, lang)}{derived}  [{new.confidence}] {new.reference}"]


def _render_citation_change(c: Change, lang: str) -> list[str]:
    """Old → new for a changed item's citation (its reference with its confidence tag), when either changed:
    the line shows the new one only, and a re-cited rule or line is read against the one it replaces."""
    if c.kind != "changed" or not hasattr(c.old, "reference") or not hasattr(c.new, "reference"):
        return []
    a, b = (f"[{item.confidence}] {item.reference}" for item in (c.old, c.new))
    if a == b:
        return []
    said = L.DIFF_KEY["reference"][lang]
    return [f"      {said}: {a}", f"      {' ' * len(said)}→ {b}"]


def _render_regime_changes(old: Any, new: Any, lang: str) -> list[str]:
    """Old → new for a support window's regime: its dates (``—``: none) and the statuses it serves."""
    out = []
    for key in ("valid_from", "valid_to", "serves"):
        a, b = getattr(old, key), getattr(new, key)
        if a == b:
            continue
        if key == "serves":
            a, b = (", ".join(L.status_label(status, lang) for status in v) for v in (a, b))
        else:
            a, b = (L.day(v, lang) if v is not None else None for v in (a, b))
        said = L.DIFF_KEY[key][lang]
        out.append(f"      {said}: {a or '—'}")
        out.append(f"      {' ' * len(said)}→ {b or '—'}")
    return out


def _render_text_changes(old: Any, new: Any, lang: str, rs: Ruleset | None = None) -> list[str]:
    """Old → new for the texts a policy officer reads: threshold, label, the rule by which an indicator is
    deprived, formula, condition."""
    out = []
    for key in ("threshold", "deprived_when", "formula", "when", "applies_from", "note", "label"):
        if not hasattr(old, key):
            continue
        a, b = getattr(old, key), getattr(new, key)
        if key in ("deprived_when", "formula", "when"):
            if _canonical(a) == _canonical(b):
                continue
            a, b = rule_text(a, rs, lang) or None, rule_text(b, rs, lang) or None
        elif key == "applies_from":  # a designation's first day, as the language writes a date
            a, b = (L.day(v, lang) if v is not None else None for v in (a, b))
        elif a is not None or b is not None:
            a, b = (a.get(lang) if a else None), (b.get(lang) if b else None)
        if a != b:
            said = L.DIFF_KEY[key][lang]
            out.append(f"      {said}: {a or '—'}")
            out.append(f"      {' ' * len(said)}→ {b or '—'}")
    return out
