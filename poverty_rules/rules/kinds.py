"""What each part of a rule text is — a number, a text or a condition — checked when a ruleset loads.

The engines compute a rule as numbers (intervals), texts and three-valued conditions
(:mod:`poverty_rules.engine.evaluator`); a rule that mixes them (``area < 'urban'``,
``income_line + 'x'``, ``when: income_per_capita``, ``member.age >= 'sáu'``) or compares a field
with a value it never takes (``member.sex == 'femal'``, ``area == 'thành thị'``) is refused here,
naming the line and the part at fault, instead of failing while households are classified.

The kinds follow the evaluator: a condition used as a number counts 1 / 0 (a flag in a sum);
text is compared only with ``==``, ``!=`` or ``in (…)``, and only with text.
"""

from __future__ import annotations

from typing import Literal

from . import expressions as ex
from .fields import HOUSEHOLD_FIELD_KINDS, MEMBER_FIELDS
from .model import AREAS, STATUSES

Kind = Literal["number", "text", "condition"]

#: The values a text field takes, by name: a comparison with another value would never hold (a
#: designation reads ``status`` once the class is known: never 'undetermined', it gives no mark).
_HOUSEHOLD_VALUES: dict[str, tuple[str, ...]] = {"area": AREAS, "status": STATUSES}


class KindError(Exception):
    """A part of a rule of the wrong kind: ``key`` names the message, ``values`` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def check_kinds(expr: ex.Expr, names: dict[str, str], want: Kind | None) -> Kind:
    """The kind of ``expr`` (a :class:`KindError` for a part of the wrong kind); ``names`` gives the
    kind of each name the rule may read (``number``, ``text``, ``flag``, ``value`` for a household
    field, or a kind of its own for a derived value); ``want`` is what the whole rule must be."""
    kind = _Kinds(names).of(expr)
    if want == "condition" and kind != "condition":
        raise KindError("rs_kind_condition", part=ex.to_text(expr))
    if want == "number" and kind == "text":
        raise KindError("rs_kind_number", part=ex.to_text(expr))
    return kind


class _Kinds:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def of(self, e: ex.Expr) -> Kind:
        if isinstance(e, ex.Const):
            if isinstance(e.value, bool):
                return "condition"
            return "text" if isinstance(e.value, str) else "number"
        if isinstance(e, ex.Var):
            return _name_kind(self.names.get(e.name, "number"), e.name)
        if isinstance(e, ex.MemberField):
            kind = MEMBER_FIELDS.get(e.name, ("number", ""))[0]
            return "text" if isinstance(kind, tuple) else _name_kind(kind, e.name)
        if isinstance(e, ex.Known):
            return "condition"
        if isinstance(e, ex.Not):
            self._condition(e.operand)
            return "condition"
        if isinstance(e, ex.And | ex.Or):
            for operand in e.operands:
                self._condition(operand)
            return "condition"
        if isinstance(e, ex.Compare):
            return self._compare(e)
        if isinstance(e, ex.InSet):
            return self._in_set(e)
        if isinstance(e, ex.Arith):
            self._number(e.left)
            self._number(e.right)
            return "number"
        if isinstance(e, ex.Neg):
            self._number(e.operand)
            return "number"
        if isinstance(e, ex.MemberAggregate):
            if e.func == "sum":
                assert e.operand is not None
                self._number(e.operand)
                return "number"
            if e.operand is not None:
                self._condition(e.operand)
            return "number" if e.func in ("count", "persons") else "condition"
        raise TypeError(type(e))

    def _condition(self, e: ex.Expr) -> None:
        if self.of(e) != "condition":
            raise KindError("rs_kind_condition", part=ex.to_text(e))

    def _number(self, e: ex.Expr) -> None:
        if self.of(e) == "text":
            raise KindError("rs_kind_number", part=ex.to_text(e))

    def _compare(self, e: ex.Compare) -> Kind:
        left, right = self.of(e.left), self.of(e.right)
        if "text" in (left, right):
            if left != right or e.op not in ("==", "!="):
                raise KindError("rs_kind_text", part=ex.to_text(e))
            for field, other in ((e.left, e.right), (e.right, e.left)):
                if isinstance(other, ex.Const) and isinstance(other.value, str):
                    self._taken(field, (other.value,), e)
        return "condition"

    def _in_set(self, e: ex.InSet) -> Kind:
        if self.of(e.operand) == "text":
            numbers = [v for v in e.values if not isinstance(v, str)]
            if numbers:
                raise KindError("rs_kind_text", part=ex.to_text(e))
            self._taken(e.operand, tuple(str(v) for v in e.values), e)
        elif any(isinstance(v, str) for v in e.values):
            raise KindError("rs_kind_in_numbers", part=ex.to_text(e), operand=ex.to_text(e.operand))
        return "condition"

    def _taken(self, field: ex.Expr, wanted: tuple[str, ...], e: ex.Expr) -> None:
        """``field`` (a member category, or the area) can take every value ``wanted``."""
        values: tuple[str, ...] | None = None
        name = ""
        if isinstance(field, ex.MemberField):
            kind = MEMBER_FIELDS.get(field.name, ("number", ""))[0]
            values = kind if isinstance(kind, tuple) else None
            name = f"{ex.MEMBER}.{field.name}"
        elif isinstance(field, ex.Var) and field.name in _HOUSEHOLD_VALUES:
            values, name = _HOUSEHOLD_VALUES[field.name], field.name
        stray = [w for w in wanted if values is not None and w not in values]
        if stray and values is not None:
            raise KindError("rs_kind_value", part=ex.to_text(e), field=name, value=stray[0], values=", ".join(values))


def _name_kind(kind: str, name: str) -> Kind:
    """The kind of a name the rule reads, from its entry in the names it may read."""
    if kind == "value":  # a household field: a number or a yes/no flag
        kind = HOUSEHOLD_FIELD_KINDS.get(name, "number")
    if kind == "flag":
        return "condition"
    if kind in ("text", "condition"):
        return kind  # type: ignore[return-value]
    return "number"
