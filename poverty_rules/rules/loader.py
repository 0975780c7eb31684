"""Loading one ruleset file: YAML → pydantic → load-time checks; every rule text parsed once.

Checks beyond the schema (each failure names the file and line): every parameter, indicator,
derived value, class and designation cites its ``reference`` with a ``confidence`` tag; every
rule text parses in our expression language and names only known fields, parameters and derived
values; no rule text writes a number other than 0 or 1 (every threshold is a cited parameter);
class ids are unique; the ``fields:`` section lists exactly the household and member fields the
``deprived_when`` rules read, all of them in the catalogue (:mod:`poverty_rules.rules.fields`).
Whether the class list is exhaustive is proved by running the engine over a grid
(:mod:`poverty_rules.engine.checks`).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import ExpressionError
from ..vocabulary import words as L
from ..vocabulary.text import fold
from . import expressions as ex
from .constants import zero_divisor
from .fields import COLUMN_NAMES, HOUSEHOLD_FIELDS, MEMBER_FIELDS
from .kinds import Kind, KindError, check_kinds
from .messages import close_key, located, ruleset_error, schema_error
from .model import DESIGNATION_FIELDS, INPUT_FIELDS, CompiledRuleset, Ruleset
from .overlay import apply_overlay, check_overlay
from .yaml_lines import Lines, line_for, load_yaml_with_lines, value_at

#: The largest ruleset file read (bytes); the bundled standards are about 30 kB.
MAX_RULESET_BYTES = 2_000_000


def read_file(path: str | Path) -> tuple[dict[str, Any], Lines]:
    """The YAML mapping of a ruleset file and the line of every key. Raises :class:`RulesetError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ruleset_error(path, None, "rs_cannot_read", why=L.os_reasons(exc)) from None
    if len(raw) > MAX_RULESET_BYTES:
        limits = {lang: L.msg("rs_too_big", lang, limit=L.number(MAX_RULESET_BYTES, lang)) for lang in ("vi", "en")}
        raise located(path, None, limits)  # the limit as each language writes a number
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", "replace")  # saved as 'Unicode' by an editor: read it all the same
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ruleset_error(path, line, "rs_not_utf8") from None
    if "\x00" in text:
        raise ruleset_error(path, None, "rs_binary")
    data, lines = load_yaml_with_lines(text, str(path), rule_keys=_RULE_KEYS)
    if not isinstance(data, dict):
        raise ruleset_error(path, 1, "rs_not_mapping")
    return data, lines


def build(data: dict[str, Any], lines: Lines, path: str | Path, base: Ruleset | None = None) -> Ruleset:
    """Validate and check a ruleset read by :func:`read_file`; ``base`` is the ruleset it extends."""
    path = Path(path)
    if "cases" in data and not {"id", "extends"} & set(data):  # a scenario file: say which command runs it
        raise ruleset_error(path, line_for(lines, ("cases",)), "rs_is_cases", file=path)
    if base is None and "extends" in data and not data["extends"]:  # `extends:` left empty
        raise ruleset_error(path, line_for(lines, ("extends",)), "rs_extends_empty")
    if base is not None:
        data = apply_overlay(base, data, path, lines)
    try:
        rs = Ruleset.model_validate(data)
    except ValidationError as exc:
        err = _first_error(exc.errors(), data)
        if base is None and err["type"] == "missing" and tuple(err["loc"]) in _NATIONAL_SECTIONS:
            # a local standard without its `extends:` reads as a national standard missing its tables
            line = line_for(lines, tuple(err["loc"]))
            raise ruleset_error(path, line, "rs_local_without_extends", key=err["loc"][0]) from None
        line = line_for(lines, tuple(err["loc"]))
        if base is not None:  # a local file's list item by its id: its place in the merged list is not the file's
            err = {**err, "loc": _item_by_id(tuple(err["loc"]), data)}
        raise schema_error(path, line, err) from None
    if base is not None:
        _check_removed_unread(rs, path, lines)
    _check(rs, path, lines)
    if base is not None:
        check_overlay(base, rs, path, lines)
    return rs


def _check_removed_unread(rs: Ruleset, path: Path, lines: Lines) -> None:
    """A parameter or derived value a local file removes is read by no rule it keeps from its base: said at
    the removal (the rule itself is the base's, on no line of this file)."""
    names = {d.id for d in rs.derived} | set(rs.parameters)
    kept = [  # the base's rules this file does not write itself (its own are checked at their own lines)
        *((("classes", c.id, c.when) for c in rs.classes) if ("classes",) not in lines else ()),
        *(("derived", d.id, d.formula) for k, d in enumerate(rs.derived) if ("derived", k, "id") not in lines),
        *(
            ("designations", d.id, d.when)
            for k, d in enumerate(rs.designations)
            if ("designations", k, "id") not in lines
        ),
        *(
            ("indicators", i.id, i.deprived_when)
            for k, i in enumerate(rs.indicators)
            if i.deprived_when and ("indicators", k, "id") not in lines
        ),
    ]
    for removal in rs.removed:
        if removal.section not in ("parameters", "derived") or removal.id in names:
            continue  # an indicator, a programme …; or a name given again (a yearly line's derived income_line)
        for section, rule_id, text in kept:
            try:
                read = ex.variables(ex.parse(text))
            except ExpressionError:
                continue  # a broken rule: said by the checks that follow, at its own line
            if removal.id in read:
                line = line_for(lines, (removal.section, removal.id)) or line_for(lines, (removal.section,))
                where = f"{section}.{rule_id}"
                values = {"section": removal.section, "name": removal.id, "where": where, "text": text}
                raise ruleset_error(path, line, "rs_removed_read", **values)


#: The sections a national standard states and a local one inherits: one missing says `extends:` is.
_NATIONAL_SECTIONS = {("parameters",), ("indicators",), ("classes",)}


def _item_by_id(loc: tuple[Any, ...], data: dict[str, Any]) -> tuple[Any, ...]:
    """``loc`` with a list item's place (``indicators.12``) replaced by its id (``indicators.clean_cooking``)."""
    if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(data.get(loc[0]), list):
        return loc
    items = data[loc[0]]
    item = items[loc[1]] if 0 <= loc[1] < len(items) else None
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return loc
    return (loc[0], item["id"], *loc[2:])


def _first_error(errors: list[Any], data: dict[str, Any]) -> dict[str, Any]:
    """Pydantic's first complaint, its place as the file writes it.

    For a value that may take two forms (a number, or ``{rural, urban}``) pydantic names the form
    it tried in the place (``value.float``, ``value.dict[…].rural``): the form is dropped, and of
    the complaints about that place the one that goes deepest into what the file wrote is said
    (``value.rural`` for ``{rural: "1.500.000", …}``, not "value: not a number").
    """
    first = errors[0]
    loc, tagged = _plain_loc(first["loc"], data)
    if tagged:
        same = [e for e in errors if _plain_loc(e["loc"], data)[0][: len(loc)] == loc]
        first = max(same, key=lambda e: len(_plain_loc(e["loc"], data)[0]))  # the first of the deepest
        loc = _plain_loc(first["loc"], data)[0]
    if first["type"] == "dates_order":  # the ruleset's or a programme's dates: said at its valid_to
        loc = (*loc, "valid_to")
    if first["type"] == "missing" and loc:
        misspelt = _misspelling(loc, errors, data)
        if misspelt is not None:
            return misspelt
    if first["type"] == "extra_forbidden" and loc:  # the entry's own keys, and the one meant if it is misspelt
        keys = _keys_at(loc[:-1])
        if keys:
            return {**first, "loc": loc, "keys": keys, "meant": close_key(str(loc[-1]), keys)}
    return {**first, "loc": loc}


def _keys_at(loc: tuple[Any, ...]) -> list[str]:
    """The keys the ruleset format gives the entry at ``loc`` (``parameters.income_line``: label, value …),
    found by following the model's fields, mappings and lists; ``[]`` where no model is found."""
    model: Any = Ruleset
    hops = list(loc)
    while hops:
        part = hops.pop(0)
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return []
        kind = model.model_fields[part].annotation
        while get_origin(kind) in (list, dict) and hops:
            hops.pop(0)  # the item's place or name
            kind = get_args(kind)[-1]
        model = kind
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    return sorted(model.model_fields, key=lambda key: key in _CITATION_KEYS)  # the citation last, as files write it


#: The keys every cited entry ends with (rules/model.py ``Cited``).
_CITATION_KEYS = ("reference", "confidence", "text")


def _misspelling(loc: tuple[Any, ...], errors: list[Any], data: dict[str, Any]) -> dict[str, Any] | None:
    """The complaint about an unknown key beside the missing key at ``loc`` that is that key misspelt
    (``month:`` beside a missing ``months``), with the key meant: said at the misspelling's own line."""
    parent, wanted = loc[:-1], str(loc[-1])
    for error in errors:
        place, _ = _plain_loc(error["loc"], data)
        if error["type"] == "extra_forbidden" and place[:-1] == parent and close_key(str(place[-1]), [wanted]):
            return {**error, "loc": place, "meant": wanted}
    return None


def _plain_loc(loc: tuple[Any, ...], data: Any) -> tuple[tuple[Any, ...], bool]:
    """``loc`` without the names pydantic gives the forms of a union (keys the file does not hold)."""
    out: list[Any] = []
    tagged = False
    for part in loc:
        held = isinstance(data, dict) and part in data
        if held or isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and (part in _FORMS or "[" in part):
            tagged = True  # a form's name (``float``, ``dict[literal['rural','urban'],float]``)
            continue
        else:
            data = None
        out.append(part)
    return tuple(out), tagged


#: The names pydantic gives the simple forms of a union (no field of a ruleset is named so).
_FORMS = frozenset({"float", "int", "str", "bool", "date"})


def _check(rs: Ruleset, path: Path, lines: Lines) -> None:
    """Load-time checks beyond the schema; each failure names the line."""
    seen: set[str] = set()
    for i, ind in enumerate(rs.indicators):
        if ind.id in seen:
            raise ruleset_error(path, line_for(lines, ("indicators", i, "id")), "rs_twice_indicator", id=ind.id)
        seen.add(ind.id)
        if ind.dimension not in rs.dimensions:  # the report names a dimension by its label, never its id
            if any(gone.section == "dimensions" and gone.id == ind.dimension for gone in rs.removed):
                users = ", ".join(other.id for other in rs.indicators if other.dimension == ind.dimension)
                line = line_for(lines, ("dimensions", ind.dimension))
                raise ruleset_error(path, line, "rs_dimension_removed_used", dimension=ind.dimension, ids=users)
            line = line_for(lines, ("indicators", i, "dimension"))
            known = ", ".join(rs.dimensions) or "—"
            raise ruleset_error(path, line, "rs_dimension_unlabelled", id=ind.id, dimension=ind.dimension, known=known)
    class_ids: set[str] = set()
    for i, cls in enumerate(rs.classes):
        if cls.id in class_ids:
            raise ruleset_error(path, line_for(lines, ("classes", i, "id")), "rs_twice_class", id=cls.id)
        class_ids.add(cls.id)
    reserved = {**INPUT_FIELDS, **DESIGNATION_FIELDS, **HOUSEHOLD_FIELDS, **{ind.column: "" for ind in rs.indicators}}
    inputs = ", ".join([*INPUT_FIELDS, *DESIGNATION_FIELDS])
    for name in rs.parameters:  # one name, one value: a parameter named as an input hid the household's own
        if name in reserved:
            line = line_for(lines, ("parameters", name))
            raise ruleset_error(path, line, "rs_reserved_name", where=f"parameters.{name}", id=name, inputs=inputs)
    for i, item in enumerate(rs.derived):  # one name, one value: a rule would read the parameter, never this
        if item.id in reserved:
            line = line_for(lines, ("derived", i, "id"))
            where = f"derived.{item.id}"
            raise ruleset_error(path, line, "rs_reserved_name", where=where, id=item.id, inputs=inputs)
        if item.id in rs.parameters:
            line = line_for(lines, ("derived", i, "id"))
            raise ruleset_error(path, line, "rs_twice_name", id=item.id, other={"vi": "tham số", "en": "parameter"})
    _check_aliases(rs, path, lines)
    columns = {*COLUMN_NAMES, *(ind.column for ind in rs.indicators)}
    for i, mark in enumerate(rs.designations):  # a designation is a column: it would overwrite that one
        if mark.id in columns:
            line = line_for(lines, ("designations", i, "id"))
            raise ruleset_error(path, line, "rs_designation_column", id=mark.id)
    values = [*rs.parameters, *(item.id for item in rs.derived)]
    for name, parameter in rs.parameters.items():  # a misspelt stands_for would silently turn off its check
        if parameter.stands_for is not None and parameter.stands_for not in values:
            line = line_for(lines, ("parameters", name, "stands_for"))
            known = ", ".join(values)
            raise ruleset_error(path, line, "rs_stands_for", name=name, line=parameter.stands_for, known=known)
    _check_working_ages(rs, path, lines)
    compiled = _compile_checked(rs, path, lines)
    _check_fields(rs, compiled, path, lines)
    rs.attach(compiled, str(path), lines)


def _check_aliases(rs: Ruleset, path: Path, lines: Lines) -> None:
    """No header names two indicators' flag columns (``aliases:``, folded as a file's headers are matched): a
    household file's one column under it would be read for one of them only, the other never marked."""
    owner: dict[str, str] = {}
    for i, ind in enumerate(rs.indicators):
        for alias in ind.aliases:
            other = owner.setdefault(fold(alias), ind.id)
            if other != ind.id:
                line = line_for(lines, ("indicators", i, "aliases"))
                raise ruleset_error(path, line, "rs_alias_twice", alias=alias, id=ind.id, other=other)


def _check_working_ages(rs: Ruleset, path: Path, lines: Lines) -> None:
    """Refuse the ages that fill a blank ``member.working_age`` (docs/members.md) where they cannot be
    used: a value per area, ``working_age_from`` without ``working_age_surely_below`` or the reverse (or
    ``working_age_surely_past`` without both), and a ``working_age_surely_past`` under
    ``working_age_surely_below`` (an age between them would be filled both yes and no)."""
    names = ("working_age_from", "working_age_surely_below", "working_age_surely_past")
    given = {name: rs.parameters[name] for name in names if name in rs.parameters}
    for name, parameter in given.items():
        if isinstance(parameter.value, dict):
            raise ruleset_error(path, line_for(lines, ("parameters", name)), "rs_working_age_per_area", name=name)
    if given and not all(name in given for name in names[:2]):
        missing = ", ".join(name for name in names[:2] if name not in given)
        name = next(iter(given))
        raise ruleset_error(
            path, line_for(lines, ("parameters", name)), "rs_working_ages_missing", name=name, needed=missing
        )
    below, past = given.get(names[1]), given.get(names[2])
    if below is not None and past is not None and past.for_area("rural") < below.for_area("rural"):  # one value
        line = line_for(lines, ("parameters", names[2]))
        values = {"below_value": f"{below.for_area('rural'):g}", "past_value": f"{past.for_area('rural'):g}"}
        raise ruleset_error(path, line, "rs_working_ages_order", below=names[1], past=names[2], **values)


#: The only numbers a rule text may write: anything else is a threshold and must be a parameter.
STRUCTURAL_NUMBERS = (0.0, 1.0)


def _check_numbers(expr: ex.Expr, text: str, path: Path, line: int | None, at: tuple[int, int] | None = None) -> None:
    """Only 0 and 1 are written in a rule; another number is said as the rule writes it (``1_750_000``, not
    ``1.75e+06``) and, on a rule written on one line, at its column there."""
    stray = [n for n in ex.numbers(expr) if n not in STRUCTURAL_NUMBERS]
    if stray:
        written = _written_number(text, stray[0])
        reasons = L.texts("rs_number_in_rule", number=written or f"{stray[0]:g}", text=text)
        raise located(*_at_name(path, line, at, text, [written] if written else [], reasons))


def _written_number(text: str, value: float) -> str | None:
    """The first number of the rule ``text`` whose value is ``value``, as written there (``1_750_000``)."""
    for found in re.finditer(r"(?<![\w.])\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?(?![\w.])", text):
        with contextlib.suppress(ValueError):
            if float(found.group()) == value:
                return found.group()
    return None


def _check_fields(rs: Ruleset, compiled: CompiledRuleset, path: Path, lines: Lines) -> None:
    """``fields:`` names exactly the household and member fields the indicators' rules read."""
    household_read: set[str] = set()
    member_read: set[str] = set()
    for expr in compiled.indicator_rules.values():
        household_read |= ex.variables(expr) & set(HOUSEHOLD_FIELDS)
        member_read |= ex.member_fields(expr)
    for kind, declared, read, catalogue in (
        ("household", rs.fields.household, household_read, HOUSEHOLD_FIELDS),
        ("member", rs.fields.member, member_read, MEMBER_FIELDS),
    ):
        line = line_for(lines, ("fields", kind)) or line_for(lines, ("fields",))
        unknown = sorted(set(declared) - set(catalogue))
        if unknown:
            raise ruleset_error(path, line, "rs_unknown_field", kind=kind, name=unknown[0])
        missing = sorted(read - set(declared))
        if missing:
            if ("fields",) not in lines:  # a local file keeping the national fields: at the rule that reads it
                line = _reader_line(rs, compiled, kind, missing[0], lines) or line
                if rs.extends:
                    raise ruleset_error(path, line, "rs_field_missing_kept", kind=kind, names=", ".join(missing))
            raise ruleset_error(path, line, "rs_field_missing", kind=kind, names=", ".join(missing))
        unused = sorted(set(declared) - read)
        if unused and ("fields",) not in lines and rs.extends:  # the base's lists, kept: said at `extends:`
            line = line_for(lines, ("extends",)) or line
            raise ruleset_error(path, line, "rs_field_unused_kept", kind=kind, names=", ".join(unused))
        if unused:
            raise ruleset_error(path, line, "rs_field_unused", kind=kind, names=", ".join(unused))


def _reader_line(rs: Ruleset, compiled: CompiledRuleset, kind: str, name: str, lines: Lines) -> int | None:
    """The line of the first indicator's ``deprived_when`` that reads the ``kind`` field ``name``."""
    for i, ind in enumerate(rs.indicators):
        expr = compiled.indicator_rules.get(ind.id)
        if expr is not None and name in (ex.member_fields(expr) if kind == "member" else ex.variables(expr)):
            return lines.get(("indicators", i, "deprived_when"))
    return None


def _known_names(rs: Ruleset) -> dict[str, str]:
    names = dict(INPUT_FIELDS)
    names.update({p: "number" for p in rs.parameters})
    names.update({d.id: "number" for d in rs.derived})
    names.update({ind.column: "flag" for ind in rs.indicators})
    return names


#: The keys whose values are rule text: an error in one names the column of the file's line too.
_RULE_KEYS = frozenset({"when", "formula", "deprived_when"})


def _parse_rule(
    text: str,
    path: Path,
    line: int | None,
    allowed: dict[str, str],
    member_ok: bool = False,
    want: Kind | None = "condition",
    at: tuple[int, int] | None = None,
) -> ex.Expr:
    try:
        expr = ex.parse(text)
    except ExpressionError as exc:
        raw = _raw_index(text, exc.column) if at is not None and exc.column and exc.whys else None
        if at is not None and raw is not None:  # the file's own column
            line = at[0]
            column = at[1] + raw
            reasons = {
                lang: L.msg("rs_expression_at", lang, why=why, column=column, at=raw + 1, text=text)
                for lang, why in exc.whys.items()
            }
            raise located(path, line, reasons) from None
        raise located(path, line, exc.texts or {"vi": str(exc), "en": str(exc)}) from None
    unknown = sorted(ex.variables(expr) - set(allowed))
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        key, known = _known_here(allowed, member_ok)
        reasons = L.texts(key, names=names, text=text, **known)
        meant = _name_meant(unknown[0], allowed)
        if meant is not None:  # a name of the file's misspelt: the one meant
            hint = L.texts("rs_name_meant", meant=meant)
            reasons = {lang: reason + hint[lang] for lang, reason in reasons.items()}
        raise located(*_at_name(path, line, at, text, unknown[:1], reasons))  # the name the hint is of
    if not member_ok and ex.member_fields(expr):
        raise ruleset_error(path, line, "rs_member_outside", text=text)
    stray = sorted(ex.member_fields(expr) - set(MEMBER_FIELDS))
    if stray:  # at the rule that reads it (fields: would send the author to list a field that is not there)
        reasons = L.texts("rs_unknown_member", name=stray[0], text=text, known=", ".join(MEMBER_FIELDS))
        raise located(*_at_name(path, line, at, text, [f"member.{stray[0]}"], reasons))
    _check_numbers(expr, text, path, line, at)
    try:
        check_kinds(expr, allowed, want)
    except KindError as exc:  # the part of the wrong kind placed at its column, where the rule writes it as read
        reasons = L.texts(exc.key, text=text, **exc.values)
        part = exc.values.get("part")
        raise located(*_at_name(path, line, at, text, [part] if isinstance(part, str) else [], reasons)) from None
    return expr


def _raw_index(text: str, column: int | None) -> int | None:
    """Where in the rule ``text`` as written the character ``column`` (1-based) of the rule as parsed is (0-based):
    the parser reads the rule with each run of spaces as one (``expressions.parse``)."""
    places: list[int] = []
    for i, ch in enumerate(text):
        if not ch.isspace():
            places.append(i)
        elif places and not text[i - 1].isspace():
            places.append(i)  # the one space a run of them is read as
    return places[column - 1] if column is not None and 0 < column <= len(places) else None


def _at_name(
    path: Path, line: int | None, at: tuple[int, int] | None, text: str, names: list[str], reasons: dict[str, str]
) -> tuple[Path, int | None, dict[str, str]]:
    """Where a rule's unknown ``names`` are said: on a rule written on one line (``at``), the line it is on and
    the column of the leftmost of them in it, before the reason; else ``line`` and the reason as they are."""
    if at is None:
        return path, line, reasons
    found = [m.start() for name in names if (m := re.search(rf"(?<![\w.']){re.escape(name)}(?![\w'])", text))]
    if not found:
        return path, line, reasons
    column = at[1] + min(found)
    return (
        path,
        at[0],
        {lang: L.msg("rs_name_column", lang, column=column) + reason for lang, reason in reasons.items()},
    )


def _name_meant(name: str, allowed: dict[str, str]) -> str | None:
    """The name of ``allowed`` that ``name`` misspells, or ``None``; a flag compared by its indicator's id
    (``deprived_`` alone would make ``deprived_cooking`` look like ``deprived_child_schooling``)."""
    flag = "deprived_"
    if name.startswith(flag):
        meant = close_key(name.removeprefix(flag), [k.removeprefix(flag) for k in allowed if k.startswith(flag)])
        return flag + meant if meant is not None else None
    return close_key(name, allowed)


def _known_here(allowed: dict[str, str], member_rule: bool) -> tuple[str, dict[str, str]]:
    """The message for an unknown name in a rule that may read ``allowed``, and the inputs it names: an
    indicator's ``deprived_when`` reads household fields (no marks, no count of them), a designation
    ``status`` too."""
    if member_rule:
        inputs = ", ".join(k for k in INPUT_FIELDS if k in allowed)
        return "rs_unknown_name_member", {"inputs": inputs, "fields": ", ".join(HOUSEHOLD_FIELDS)}
    return "rs_unknown_name", {"inputs": ", ".join(k for k in (*INPUT_FIELDS, *DESIGNATION_FIELDS) if k in allowed)}


def _compile_checked(rs: Ruleset, path: Path, lines: Lines) -> CompiledRuleset:
    allowed = _known_names(rs)
    derived: dict[str, ex.Expr] = {}
    so_far = {k: v for k, v in allowed.items() if k not in {d.id for d in rs.derived}}
    for i, d in enumerate(rs.derived):
        _check_derived_order(rs, i, path, lines)
        loc = ("derived", i, "formula")
        derived[d.id] = _parse_rule(
            d.formula, path, line_for(lines, loc), so_far, want="number", at=value_at(lines, loc)
        )
        so_far[d.id] = allowed[d.id] = check_kinds(derived[d.id], so_far, None)  # a formula may be a condition
        if (zero := zero_divisor(rs, derived[d.id])) is not None:  # a line of no value: say why, at its line
            line = line_for(lines, ("derived", i, "formula"))
            divisor, area = zero
            raise ruleset_error(
                path, line, "rs_zero_divisor", name=d.id, text=d.formula, divisor=ex.to_text(divisor), area=L.AREA[area]
            )
    classes = tuple(
        _parse_rule(c.when, path, line_for(lines, loc), allowed, at=value_at(lines, loc))
        for i, c in enumerate(rs.classes)
        if (loc := ("classes", i, "when"))
    )
    designation_names = {**allowed, **DESIGNATION_FIELDS}
    designations = {
        d.id: _parse_rule(d.when, path, line_for(lines, loc), designation_names, at=value_at(lines, loc))
        for i, d in enumerate(rs.designations)
        if (loc := ("designations", i, "when"))
    }
    household_names = {k: v for k, v in allowed.items() if k not in ("deprivation_count",) and v != "flag"}
    indicator_rules = {}
    for i, ind in enumerate(rs.indicators):
        if ind.deprived_when:
            loc = ("indicators", i, "deprived_when")
            indicator_rules[ind.id] = _parse_rule(
                ind.deprived_when,
                path,
                line_for(lines, loc),
                _member_rule_names(household_names),
                True,
                at=value_at(lines, loc),
            )
    class_inputs = tuple(tuple(sorted(_expand_inputs(e, derived))) for e in classes)
    return CompiledRuleset(rs, classes, derived, designations, indicator_rules, class_inputs)


def _derived_reads(text: str) -> set[str]:
    """The names a derived formula reads; none when it does not parse (its own check says why, at its line)."""
    try:
        return ex.variables(ex.parse(text))
    except ExpressionError:
        return set()


def _check_derived_order(rs: Ruleset, i: int, path: Path, lines: Lines) -> None:
    """The ``i``-th derived value's formula reads only the derived values above it (docs/rulesets.md): one it
    reads at or below itself is named as a derived value of the file, at its line, with the cycle when the
    two read each other (an 'unknown name' there told the author a name they had defined did not exist)."""
    place = {d.id: j for j, d in enumerate(rs.derived)}
    name = rs.derived[i].id
    text = rs.derived[i].formula
    ahead = sorted((n for n in _derived_reads(text) if place.get(n, -1) >= i), key=lambda n: place[n])
    if not ahead:
        return
    line = line_for(lines, ("derived", i, "formula"))
    if ahead[0] == name:
        raise ruleset_error(path, line, "rs_derived_itself", name=name, text=text)
    later = ahead[0]
    chain = _derived_path(rs, later, name, place)
    values = {"name": name, "later": later, "text": text, "at": line_for(lines, ("derived", place[later], "id"))}
    if chain:
        raise ruleset_error(path, line, "rs_derived_cycle", chain=" → ".join([name, *chain]), **values)
    raise ruleset_error(path, line, "rs_derived_later", **values)


def _derived_path(rs: Ruleset, start: str, goal: str, place: dict[str, int]) -> list[str]:
    """The derived values from ``start`` whose formulas lead back to ``goal`` (``[start, …, goal]``), or ``[]``."""
    stack: list[list[str]] = [[start]]
    seen: set[str] = set()
    while stack:
        trail = stack.pop()
        if trail[-1] in seen:
            continue
        seen.add(trail[-1])
        for read in sorted(_derived_reads(rs.derived[place[trail[-1]]].formula) & set(place)):
            if read == goal:
                return [*trail, goal]
            stack.append([*trail, read])
    return []


def _member_rule_names(household_names: dict[str, str]) -> dict[str, str]:
    """Names an indicator's ``deprived_when`` may read: household fields listed by the members schema."""
    names = dict(household_names)
    names.update({k: "value" for k in HOUSEHOLD_FIELDS})
    return names


def _expand_inputs(expr: ex.Expr, derived: dict[str, ex.Expr]) -> set[str]:
    """Input fields whose value (not just presence) an expression reads, through derived values."""
    out: set[str] = set()
    for name in ex.variables(expr, include_known=False):
        if name in derived:
            out |= _expand_inputs(derived[name], derived)
        else:
            out.add(name)
    return out
