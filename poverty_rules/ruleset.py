"""Loading and checking rulesets: the standards as data (``rulesets/*.yaml``).

A ruleset is parsed from YAML (keeping the line of every key so errors can point at it),
validated with pydantic, and checked:

* every parameter, indicator, derived value, class and designation cites its ``reference`` and
  carries a ``confidence`` tag (V, P or U; see spec/standard.md);
* every rule text parses in our expression language (:mod:`poverty_rules.expressions`) and names
  only known fields, parameters and derived values;
* the class list is exhaustive: every complete record (each area, income or score on both sides of
  every line, every deprivation count) falls in some class;
* the national standards' validity periods neither overlap nor leave gaps.

The standard in force is chosen from the review date (``as_of``) unless one is named.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from . import expressions as ex

Confidence = Literal["V", "P", "U"]
Status = Literal["poor", "near_poor", "average", "not_poor"]
Path_ = Literal["income", "score"]

AREAS = ("rural", "urban")
STATUSES: tuple[str, ...] = ("poor", "near_poor", "average", "not_poor")
UNDETERMINED = "undetermined"

#: Household-level input fields a rule may read, besides flags, parameters and derived values.
INPUT_FIELDS = {
    "income_per_capita": "number",
    "score_a": "number",
    "area": "text",
    "deprivation_count": "number",
}
#: Names only designations may read (they are evaluated after the class is known).
DESIGNATION_FIELDS = {"status": "text"}

_BUNDLED = Path(__file__).resolve().parent.parent / "rulesets"


class RulesetError(ValueError):
    """A ruleset that cannot be used; the message names file, line and reason."""

    def __init__(self, file: str | Path, line: int | None, reason: str) -> None:
        self.file, self.line, self.reason = str(file), line, reason
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {reason}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A label in both languages."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Cited(_Model):
    """Anything that encodes law: it cites the instrument and article, with a confidence tag."""

    reference: str = Field(min_length=3)
    confidence: Confidence


class Parameter(Cited):
    """A number fixed by law: one value, or one per area."""

    label: Text
    value: float | dict[Literal["rural", "urban"], float]
    unit: str = ""

    @field_validator("value")
    @classmethod
    def _both_areas(cls, v: Any) -> Any:
        if isinstance(v, dict) and set(v) != set(AREAS):
            raise ValueError("an area-dependent value needs both 'rural' and 'urban'")
        return v

    def for_area(self, area: str) -> float:
        return float(self.value[area]) if isinstance(self.value, dict) else float(self.value)


class Indicator(Cited):
    """One deprivation indicator (chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    dimension: str
    label: Text
    threshold: Text | None = None
    deprived_when: str | None = None

    @property
    def column(self) -> str:
        return f"deprived_{self.id}"


class Derived(Cited):
    """A value computed from others (e.g. score B = 10 × deprivations)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    formula: str


class ClassRule(Cited):
    """One row of the classification table. Tried in file order; the first that holds decides."""

    status: Status
    decided_by: Path_
    when: str


class Designation(Cited):
    """A further mark given after the class (e.g. low-income worker, Nghị định 30/2025)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    when: str
    applies_from: date | None = None  # reviews before this date do not give the mark (left empty)
    note: Text | None = None


class Programme(Cited):
    """A support programme's window after a household escapes poverty (months)."""

    label: Text
    months: int = Field(gt=0)


class NotDefined(_Model):
    """Something the law (as far as we have read it) does not define; the ruleset says so."""

    id: str
    note: Text
    confidence: Confidence


class Ruleset(_Model):
    """A standard (chuẩn nghèo) as data. See docs/rulesets.md for the format."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    version: str
    title: Text
    legal_basis: str
    valid_from: date
    valid_to: date
    sources: list[str] = Field(min_length=1)
    extends: str | None = None
    example: bool = False
    not_defined: list[NotDefined] = []
    parameters: dict[str, Parameter]
    indicators: list[Indicator] = Field(min_length=1)
    derived: list[Derived] = []
    classes: list[ClassRule] = Field(min_length=1)
    designations: list[Designation] = []
    programmes: dict[str, Programme] = {}
    _compiled: CompiledRuleset | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _dates(self) -> Ruleset:
        if self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    @property
    def label(self) -> str:
        """The id and version, as written into the ``ruleset`` output column.

        An overlay (whose merged ``extends`` holds its base's label, see :mod:`poverty_rules.overlay`)
        names both: ``vn-2022-2026@2025.02+example-province-2026@1``.
        """
        own = f"{self.id}@{self.version}"
        return f"{self.extends}+{own}" if self.extends else own

    @property
    def paths(self) -> set[str]:
        """Which income paths ('income', 'score') this standard defines."""
        return {c.decided_by for c in self.classes}

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on <= self.valid_to

    # Engines attach themselves lazily; see vectorized.py and durable_engine.py.
    def compiled(self) -> CompiledRuleset:
        """Every rule text parsed once (cached on the ruleset)."""
        if self._compiled is None:
            self._compiled = _compile_checked(self, Path(f"<ruleset {self.id}>"), {})
        return self._compiled

    def classify(self, frame: Any, **kwargs: Any) -> Any:
        """Classify a DataFrame of households with this ruleset (see :func:`poverty_rules.classify`)."""
        from .api import classify

        return classify(frame, ruleset=self, **kwargs)

    def classify_one(self, household: Any, **kwargs: Any) -> Any:
        """Classify one :class:`poverty_rules.Household`; the result can ``.explain(lang)``."""
        from .api import classify_one

        return classify_one(household, ruleset=self, **kwargs)


@dataclass(frozen=True)
class CompiledRuleset:
    """A ruleset with every rule text parsed once, ready for the engines."""

    ruleset: Ruleset
    classes: tuple[ex.Expr, ...]
    derived: dict[str, ex.Expr]
    designations: dict[str, ex.Expr]
    indicator_rules: dict[str, ex.Expr]
    #: for each class rule, the input fields (flag columns included) it depends on
    class_inputs: tuple[tuple[str, ...], ...] = field(default=())


# --------------------------------------------------------------------------- YAML with lines


_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 4x faster, same marks


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe YAML loader; the composed node tree keeps the line of every key and item."""


def _load_yaml_with_lines(text: str, file: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise RulesetError(file, 1, "the file is empty")
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RulesetError(file, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    _index_lines(node, (), lines)
    return data, lines


def _index_lines(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, key_node.value)
            lines[sub] = key_node.start_mark.line + 1
            _index_lines(value_node, sub, lines)
            lines[sub] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, (*path, i), lines)


def _line_for(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


# --------------------------------------------------------------------------- loading


def load_file(path: str | Path) -> Ruleset:
    """Load and check one ruleset file. Raises :class:`RulesetError` with file, line and reason."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RulesetError(path, None, f"cannot read the file ({exc.strerror})") from None
    data, lines = _load_yaml_with_lines(text, str(path))
    if not isinstance(data, dict):
        raise RulesetError(path, 1, "a ruleset must be a mapping (id:, title:, parameters: …)")
    base: Ruleset | None = None
    if data.get("extends"):
        from .overlay import apply_overlay

        base = load_ruleset(str(data["extends"]))
        data = apply_overlay(base, data, path, lines)
    try:
        rs = Ruleset.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc)
        raise RulesetError(path, _line_for(lines, loc), f"{where}: {err['msg']}") from None
    _check(rs, path, lines)
    if base is not None:
        from .overlay import check_overlay

        check_overlay(base, rs, path, lines)
    return rs


def _check(rs: Ruleset, path: Path, lines: dict[tuple[Any, ...], int]) -> None:
    """Load-time checks beyond the schema; each failure names the line."""
    seen: set[str] = set()
    for i, ind in enumerate(rs.indicators):
        if ind.id in seen:
            raise RulesetError(path, _line_for(lines, ("indicators", i, "id")), f"indicator '{ind.id}' is listed twice")
        seen.add(ind.id)
    compiled = _compile_checked(rs, path, lines)
    rs._compiled = compiled
    _check_exhaustive(compiled, path, lines)


def _known_names(rs: Ruleset) -> dict[str, str]:
    names = dict(INPUT_FIELDS)
    names.update({p: "number" for p in rs.parameters})
    names.update({d.id: "number" for d in rs.derived})
    names.update({ind.column: "flag" for ind in rs.indicators})
    return names


def _parse_rule(text: str, path: Path, line: int | None, allowed: dict[str, str], member_ok: bool = False) -> ex.Expr:
    try:
        expr = ex.parse(text)
    except ex.ExpressionError as exc:
        raise RulesetError(path, line, str(exc)) from None
    unknown = sorted(ex.variables(expr) - set(allowed))
    if unknown:
        raise RulesetError(
            path,
            line,
            f"unknown name {', '.join(repr(u) for u in unknown)} in rule: {text} "
            f"(known: inputs {', '.join(INPUT_FIELDS)}, the parameters, derived values and deprived_<indicator> flags)",
        )
    if not member_ok and ex.member_fields(expr):
        raise RulesetError(path, line, f"member fields are allowed only in an indicator's deprived_when: {text}")
    return expr


def _compile_checked(rs: Ruleset, path: Path, lines: dict[tuple[Any, ...], int]) -> CompiledRuleset:
    allowed = _known_names(rs)
    derived: dict[str, ex.Expr] = {}
    so_far = {k: v for k, v in allowed.items() if k not in {d.id for d in rs.derived}}
    for i, d in enumerate(rs.derived):
        derived[d.id] = _parse_rule(d.formula, path, _line_for(lines, ("derived", i, "formula")), so_far)
        so_far[d.id] = "number"
    classes = tuple(
        _parse_rule(c.when, path, _line_for(lines, ("classes", i, "when")), allowed) for i, c in enumerate(rs.classes)
    )
    designation_names = {**allowed, **DESIGNATION_FIELDS}
    designations = {
        d.id: _parse_rule(d.when, path, _line_for(lines, ("designations", i, "when")), designation_names)
        for i, d in enumerate(rs.designations)
    }
    household_names = {k: v for k, v in allowed.items() if k not in ("deprivation_count",) and v != "flag"}
    indicator_rules = {}
    for i, ind in enumerate(rs.indicators):
        if ind.deprived_when:
            line = _line_for(lines, ("indicators", i, "deprived_when"))
            indicator_rules[ind.id] = _parse_rule(
                ind.deprived_when, path, line, _member_rule_names(household_names), True
            )
    class_inputs = tuple(tuple(sorted(_expand_inputs(e, derived))) for e in classes)
    return CompiledRuleset(rs, classes, derived, designations, indicator_rules, class_inputs)


def _member_rule_names(household_names: dict[str, str]) -> dict[str, str]:
    """Names an indicator's ``deprived_when`` may read: household fields listed by the members schema."""
    from .members import HOUSEHOLD_FIELDS

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


def _critical_values(rs: Ruleset, name_kind: str) -> list[float]:
    """Values on both sides of every line a rule compares against (for the exhaustiveness check)."""
    points: set[float] = {0.0}
    for p in rs.parameters.values():
        values = p.value.values() if isinstance(p.value, dict) else [p.value]
        for v in values:
            points.update({float(v) - 1, float(v), float(v) + 1})
    return sorted(x for x in points if x >= 0)


def _check_exhaustive(compiled: CompiledRuleset, path: Path, lines: dict[tuple[Any, ...], int]) -> None:
    """Every complete record (all inputs known) must fall in some class.

    Checked on the grid of every area × every income and score at, just below and just above each
    line × every deprivation count 0…N, for each path the ruleset defines.
    """
    import numpy as np
    import pandas as pd

    from .vectorized import evaluate_classes

    rs = compiled.ruleset
    values = _critical_values(rs, "number")
    n_ind = len(rs.indicators)
    rows = []
    paths = rs.paths
    incomes: list[float | None] = values + [1e12] if "income" in paths else [None]
    scores: list[float | None] = [None] + (values + [1e6] if "score" in paths else [])
    for area, inc, score, d in itertools.product(AREAS, incomes, scores, range(n_ind + 1)):
        if inc is None and score is None:
            continue
        rows.append((area, inc, score, d))
    grid = pd.DataFrame(rows, columns=["area", "income_per_capita", "score_a", "d"])
    for k, ind in enumerate(rs.indicators):
        grid[ind.column] = (grid["d"] > k).astype("float64")
    grid = grid.astype({"income_per_capita": "float64", "score_a": "float64"})
    result = evaluate_classes(compiled, grid)
    missing = np.flatnonzero(result.rule < 0)
    if missing.size:
        r = grid.iloc[int(missing[0])]
        raise RulesetError(
            path,
            _line_for(lines, ("classes",)),
            "the class list is not exhaustive: no class covers "
            f"area={r['area']}, income_per_capita={r['income_per_capita']}, score_a={r['score_a']}, "
            f"deprivations={int(r['d'])}",
        )


# --------------------------------------------------------------------------- the registry


def ruleset_dirs() -> list[Path]:
    """Where rulesets are looked up: the bundled ``rulesets/`` folder."""
    return [_BUNDLED]


def local_files() -> list[Path]:
    """Local overlays (``rulesets/local/*.yaml``): listed apart, never in the national period check."""
    return sorted(p for d in ruleset_dirs() if (d / "local").is_dir() for p in (d / "local").glob("*.yaml"))


def _national_files() -> list[Path]:
    return sorted(p for d in ruleset_dirs() if d.is_dir() for p in d.glob("*.yaml"))


@lru_cache(maxsize=1)
def _national() -> tuple[Ruleset, ...]:
    files = _national_files()
    loaded = [load_file(p) for p in files]
    for p, rs in zip(files, loaded, strict=True):
        if rs.extends:
            raise RulesetError(p, None, "an overlay (extends:) belongs in rulesets/local/, not with the national files")
    _check_periods(loaded)
    return tuple(sorted(loaded, key=lambda r: r.valid_from))


def _check_periods(rulesets: list[Ruleset]) -> None:
    """National standards must tile time: no overlap, no gap between consecutive periods."""
    national = sorted((r for r in rulesets if not r.extends), key=lambda r: r.valid_from)
    for before, after in itertools.pairwise(national):
        if after.valid_from <= before.valid_to:
            raise RulesetError(
                _BUNDLED / f"{after.id}.yaml",
                None,
                f"valid_from {after.valid_from} overlaps {before.id} (valid to {before.valid_to})",
            )
        if (after.valid_from - before.valid_to).days != 1:
            raise RulesetError(
                _BUNDLED / f"{after.id}.yaml",
                None,
                f"gap between {before.id} (valid to {before.valid_to}) and {after.id} (valid from {after.valid_from})",
            )


def available() -> list[Ruleset]:
    """The bundled national standards, oldest first."""
    return list(_national())


def load_ruleset(name: str | Path | None = None, *, as_of: str | date | None = None) -> Ruleset:
    """The ruleset named by id or path; or else the national standard in force on ``as_of``.

    >>> load_ruleset(as_of="2025-12-01").id
    'vn-2022-2026'
    """
    if name is not None:
        text = str(name)
        if text.endswith((".yaml", ".yml")) or "/" in text or Path(text).is_file():
            return _load_path_cached(str(Path(text).resolve()))
        for rs in _national():
            if rs.id == text or rs.label == text:
                return rs
        for p in local_files():
            if p.stem == text:
                return _load_path_cached(str(p.resolve()))
        known = ", ".join(r.id for r in _national())
        raise RulesetError(text, None, f"no ruleset with this id (known: {known}; or give a path to a .yaml file)")
    on = _as_date(as_of) if as_of is not None else date.today()
    for rs in _national():
        if rs.in_force(on):
            return rs
    periods = ", ".join(f"{r.id} {r.valid_from}…{r.valid_to}" for r in _national())
    raise RulesetError("rulesets/", None, f"no national standard is in force on {on} (periods: {periods})")


@lru_cache(maxsize=32)
def _load_path_cached(path: str) -> Ruleset:
    return load_file(path)


def _as_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    return date.fromisoformat(str(value))
