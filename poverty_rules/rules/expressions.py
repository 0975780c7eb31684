"""The rule expression language: a small, safe language parsed by us, never ``eval``-ed.

Rule text in a ruleset (``when:``, ``deprived_when:``, ``derived`` formulas) is parsed with
Python's :mod:`ast` in ``eval`` mode and then converted, node by node, into the small tree of
dataclasses below. Anything outside a strict whitelist (attribute access other than
``member.<field>``, subscripts, lambdas, comprehensions, calls to anything but the functions in
:data:`FUNCTIONS`, …) is rejected with the column where it occurs. The resulting tree is what both
engines compile: the vectorized engine into numpy column operations, the durable engine into
durable-rules conditions.

The language::

    expr     := expr 'or' expr | expr 'and' expr | 'not' expr | comparison
    compare  := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)+ | sum ['not'] 'in' '(' literal, … ')'
    sum      := sum ('+' | '-') product | product
    product  := product ('*' | '/') unary | unary
    unary    := '-' unary | atom
    atom     := NUMBER | 'string' | True | False | NAME | member.NAME | '(' expr ')'
              | known(NAME) | count(member [, cond]) | any(member, cond) | all(member, cond)
              | sum(member, expr)

Numbers may be written with underscores (``1_500_000``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Union

from ..errors import ExpressionError
from ..vocabulary import words as L

__all__ = [
    "And",
    "Arith",
    "Compare",
    "Const",
    "ExpressionError",
    "Expr",
    "InSet",
    "Known",
    "MemberAggregate",
    "MemberField",
    "Neg",
    "Not",
    "Or",
    "Var",
    "FUNCTIONS",
    "MEMBER",
    "parse",
    "variables",
    "member_fields",
    "member_conditions",
    "compared_with",
    "to_text",
]

MEMBER = "member"
"""The name that stands for 'each member of the household' inside member aggregates."""

FUNCTIONS = {
    "known": "known(x): true when the value x is given in the record (never unknown itself)",
    "count": "count(member) members in the household; count(member, cond) those for whom cond holds",
    "any": "any(member, cond): at least one member satisfies cond",
    "all": "all(member, cond): every member satisfies cond (true for a household with no members)",
    "sum": "sum(member, expr): the sum of expr over the household's members",
    "persons": "persons(member): the household's persons — its member rows, or, with none, its household_size",
}


@dataclass(frozen=True)
class Const:
    value: float | str | bool


@dataclass(frozen=True)
class Var:
    """A household-level name: an input field, a parameter or a derived value."""

    name: str


@dataclass(frozen=True)
class MemberField:
    """``member.<name>``: a member-level field, only valid inside a member aggregate."""

    name: str


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class And:
    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Compare:
    op: str  # one of < <= > >= == !=
    left: Expr
    right: Expr


@dataclass(frozen=True)
class InSet:
    operand: Expr
    values: tuple[float | str, ...]
    negate: bool = False


@dataclass(frozen=True)
class Arith:
    op: str  # one of + - * /
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Neg:
    operand: Expr


@dataclass(frozen=True)
class Known:
    """``known(x)``: always true or false, never unknown."""

    name: str


@dataclass(frozen=True)
class MemberAggregate:
    """``count/any/all/sum(member, …)`` over the household's members."""

    func: str
    operand: Expr | None


Expr = Union[Const, Var, MemberField, Not, And, Or, Compare, InSet, Arith, Neg, Known, MemberAggregate]  # noqa: UP007 - a runtime alias used in isinstance-free annotations

_COMPARE_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_ARITH_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


def parse(text: str) -> Expr:
    """Parse rule text into an expression tree, or raise :class:`ExpressionError`."""
    if not isinstance(text, str) or not text.strip():
        raise _error("x_empty", str(text))
    source = " ".join(text.split())
    if len(source) > MAX_EXPRESSION_CHARS:
        raise _error("x_too_long", source[:80] + "…", limit=MAX_EXPRESSION_CHARS)
    depth = deepest = 0
    for ch in source:
        depth += (ch in "([") - (ch in ")]")
        deepest = max(deepest, depth)
    if deepest > MAX_EXPRESSION_DEPTH:
        raise _error("x_too_deep", source[:80] + "…", limit=MAX_EXPRESSION_DEPTH)
    try:
        tree = ast.parse(source, mode="eval")
        return _Converter(source).convert(tree.body, in_member=False)
    except SyntaxError as exc:
        odd = _ODD_CHARACTER.search(exc.msg or "")
        if odd:  # a character copied from a word processor (≤, ‘ ’, an invisible space): named, as it may not show
            code = odd.group(1)
            raise _error("x_character", source, exc.offset, char=chr(int(code, 16)), code=code) from None
        raise _error("x_syntax", source, exc.offset, why=exc.msg) from None
    except (RecursionError, MemoryError):
        raise _error("x_too_deep", source[:80] + "…", limit=MAX_EXPRESSION_DEPTH) from None


def _error(key: str, text: str, column: int | None = None, **values: object) -> ExpressionError:
    """The :class:`ExpressionError` ``key`` (words.MESSAGES) in both languages; ``str()`` is English."""
    exc = ExpressionError(L.msg(key, "en", **values), text, column)
    exc.whys = {lang: L.msg(key, lang, **values) for lang in ("vi", "en")}
    exc.texts = {
        lang: L.msg(
            "rs_expression",
            lang,
            why=L.msg(key, lang, **values),
            where=L.msg("rs_expression_column", lang, column=column) if column else "",
            text=text,
        )
        for lang in ("vi", "en")
    }
    return exc


#: Python's words for a character outside the language ("invalid character '≤' (U+2264)",
#: "invalid non-printable character U+200B"): its code.
_ODD_CHARACTER = re.compile(r"invalid (?:non-printable )?character.*U\+([0-9A-Fa-f]{4,6})")

#: Limits on a rule text: its length and its nesting (the bundled rules are under 200 characters).
MAX_EXPRESSION_CHARS = 2_000
MAX_EXPRESSION_DEPTH = 50


class _Converter:
    def __init__(self, text: str) -> None:
        self.text = text

    def _fail(self, key: str, node: ast.AST, **values: object) -> ExpressionError:
        return _error(key, self.text, getattr(node, "col_offset", -1) + 1, **values)

    def convert(self, node: ast.AST, in_member: bool) -> Expr:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self._fail("x_node", node, kind=type(node).__name__)
        return method(node, in_member)

    def _BoolOp(self, node: ast.BoolOp, in_member: bool) -> Expr:
        operands = tuple(self.convert(v, in_member) for v in node.values)
        return And(operands) if isinstance(node.op, ast.And) else Or(operands)

    def _UnaryOp(self, node: ast.UnaryOp, in_member: bool) -> Expr:
        operand = self.convert(node.operand, in_member)
        if isinstance(node.op, ast.Not):
            return Not(operand)
        if isinstance(node.op, ast.USub):
            if isinstance(operand, Const) and isinstance(operand.value, (int, float)):
                return Const(-operand.value)
            return Neg(operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        raise self._fail("x_unary", node)

    def _BinOp(self, node: ast.BinOp, in_member: bool) -> Expr:
        op = _ARITH_OPS.get(type(node.op))
        if op is None:
            raise self._fail("x_arith", node)
        return Arith(op, self.convert(node.left, in_member), self.convert(node.right, in_member))

    def _Compare(self, node: ast.Compare, in_member: bool) -> Expr:
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            values = node.comparators[0]
            if not isinstance(values, (ast.Tuple, ast.List, ast.Set)):
                raise self._fail("x_in_list", node)
            literals = []
            for elt in values.elts:
                lit = self.convert(elt, in_member)
                if not isinstance(lit, Const) or isinstance(lit.value, bool):
                    raise self._fail("x_in_values", elt)
                literals.append(lit.value)
            return InSet(self.convert(node.left, in_member), tuple(literals), isinstance(node.ops[0], ast.NotIn))
        parts: list[Expr] = []
        left = self.convert(node.left, in_member)
        for op_node, comparator in zip(node.ops, node.comparators, strict=True):
            op = _COMPARE_OPS.get(type(op_node))
            if op is None:
                raise self._fail("x_compare", node)
            right = self.convert(comparator, in_member)
            parts.append(Compare(op, left, right))
            left = right
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _Constant(self, node: ast.Constant, in_member: bool) -> Expr:
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            try:
                float(node.value)  # every number is computed as a float
            except OverflowError:
                raise self._fail("x_number_too_big", node) from None
        if isinstance(node.value, (bool, int, float, str)):
            return Const(node.value)
        raise self._fail("x_literal", node, value=node.value)

    def _Name(self, node: ast.Name, in_member: bool) -> Expr:
        if node.id == MEMBER:
            raise self._fail("x_member_name", node)
        if node.id in ("True", "False"):
            return Const(node.id == "True")
        return Var(node.id)

    def _Attribute(self, node: ast.Attribute, in_member: bool) -> Expr:
        if not (isinstance(node.value, ast.Name) and node.value.id == MEMBER):
            raise self._fail("x_attribute", node)
        if not in_member:
            raise self._fail("x_member_outside", node)
        return MemberField(node.attr)

    def _Call(self, node: ast.Call, in_member: bool) -> Expr:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise self._fail("x_function", node, allowed=", ".join(FUNCTIONS))
        if node.keywords:
            raise self._fail("x_keywords", node)
        func, args = node.func.id, node.args
        if func == "known":
            if len(args) != 1 or not isinstance(args[0], ast.Name):
                raise self._fail("x_known", node)
            return Known(args[0].id)
        if not args or not (isinstance(args[0], ast.Name) and args[0].id == MEMBER):
            raise self._fail("x_member_first", node, func=func)
        if in_member:
            raise self._fail("x_nested_aggregate", node, func=func)
        if func in ("count", "persons") and len(args) == 1:
            return MemberAggregate(func, None)
        if func == "persons":
            raise self._fail("x_persons", node)
        if len(args) != 2:
            raise self._fail("x_two_args", node, func=func)
        return MemberAggregate(func, self.convert(args[1], in_member=True))


def _children(expr: Expr) -> tuple[Expr, ...]:
    if isinstance(expr, (Not, Neg)):
        return (expr.operand,)
    if isinstance(expr, (And, Or)):
        return expr.operands
    if isinstance(expr, (Compare, Arith)):
        return (expr.left, expr.right)
    if isinstance(expr, InSet):
        return (expr.operand,)
    if isinstance(expr, MemberAggregate):
        return (expr.operand,) if expr.operand is not None else ()
    return ()


def variables(expr: Expr, *, include_known: bool = True) -> set[str]:
    """Household-level names the expression reads (with ``include_known``, also those under ``known()``)."""
    found: set[str] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Var) or isinstance(node, Known) and include_known:
            found.add(node.name)
        stack.extend(_children(node))
    return found


def reads_member_rows(expr: Expr) -> bool:
    """Whether the expression needs the household's member rows: a member aggregate other than ``persons``,
    which a household's own ``household_size`` gives where it has no member rows."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, MemberAggregate) and node.func != "persons":
            return True
        stack.extend(_children(node))
    return False


def member_fields(expr: Expr) -> set[str]:
    """Member-level fields (``member.<name>``) the expression reads."""
    found: set[str] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, MemberField):
            found.add(node.name)
        stack.extend(_children(node))
    return found


def reads_members(expr: Expr) -> bool:
    """Whether the expression reads member rows (``any/all/count/sum(member, …)``, ``count(member)``):
    it needs a members list, where a rule on household fields alone does not."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, MemberAggregate):
            return True
        stack.extend(_children(node))
    return False


def compared_with(expr: Expr, field: str) -> list[Expr] | None:
    """What the expression compares ``member.<field>`` with (``member.age < dependency_child_age``:
    ``dependency_child_age``), each side reading no member field, in the order written; ``None`` when
    it reads the field some other way too (``member.age + 1``, ``member.age in (…)``)."""
    found: list[Expr] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, MemberField) and node.name == field:
            return None  # read otherwise than compared with a value
        if isinstance(node, Compare):
            for this, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(this, MemberField) and this.name == field and not member_fields(other):
                    found.append(other)
                    break
            else:
                stack.extend(reversed(_children(node)))
            continue
        stack.extend(reversed(_children(node)))
    return found


def member_conditions(expr: Expr) -> list[Expr]:
    """The conditions ``any/all/count(member, …)`` test for each member, in the order written (``sum``'s
    operand is a number, not a condition; ``count(member)`` tests none)."""
    found: list[Expr] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, MemberAggregate) and node.operand is not None and node.func != "sum":
            found.append(node.operand)
        else:
            stack.extend(reversed(_children(node)))
    return found


def numbers(expr: Expr) -> list[float]:
    """Every number written in the expression (constants and ``in (…)`` values; not booleans)."""
    found: list[float] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Const) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            found.append(float(node.value))
        if isinstance(node, InSet):
            found.extend(float(v) for v in node.values if isinstance(v, (int, float)) and not isinstance(v, bool))
        stack.extend(_children(node))
    return found


_PRECEDENCE = {Or: 1, And: 2, Not: 3, Compare: 4, InSet: 4, Arith: 5, Neg: 7}


def to_text(expr: Expr, words: Wording | None = None) -> str:
    """Render an expression back to canonical rule text (used in explanations and diffs); with
    ``words``, as a reader of that language reads it (the fields' labels, ``và``/``hoặc``, ≤ …)."""
    if isinstance(expr, Const):
        if isinstance(expr.value, str):
            return repr(expr.value)
        if words is not None and isinstance(expr.value, (int, float)) and not isinstance(expr.value, bool):
            return words.number(float(expr.value))
        if isinstance(expr.value, float) and expr.value.is_integer():
            return f"{int(expr.value):_}"
        return (
            f"{expr.value:_}" if isinstance(expr.value, int) and not isinstance(expr.value, bool) else str(expr.value)
        )
    if isinstance(expr, Var):
        return expr.name if words is None else words.name(expr.name)
    if isinstance(expr, MemberField):
        return f"{MEMBER}.{expr.name}" if words is None else words.name(f"{MEMBER}.{expr.name}")
    if isinstance(expr, Known):
        return f"known({expr.name})" if words is None else words.known.format(field=words.name(expr.name))
    if isinstance(expr, MemberAggregate):
        if words is not None and words.aggregates:
            if expr.operand is None:
                return words.aggregates[expr.func]
            key = "count_if" if expr.func == "count" else expr.func
            inner_text = to_text(expr.operand, words)
            return words.aggregates[key].format(cond=inner_text, expr=inner_text)
        inner = f", {to_text(expr.operand)}" if expr.operand is not None else ""
        return f"{expr.func}({MEMBER}{inner})"
    if isinstance(expr, Not):
        if words is not None and isinstance(expr.operand, Known):  # "không có điểm A", not "không phải có …"
            return words.not_known.format(field=words.name(expr.operand.name))
        if words is not None and words.aggregates and isinstance(expr.operand, (Var, MemberField)):
            return f"{words.aggregates['not_flag']} {to_text(expr.operand, words)}"  # "không có bảo hiểm y tế"
        return f"{'not' if words is None else words.not_} {_wrap(expr.operand, 3, words)}"
    if isinstance(expr, Neg):
        return f"-{_wrap(expr.operand, 7, words)}"
    if isinstance(expr, And):
        return f" {'and' if words is None else words.and_} ".join(_wrap(o, 2, words) for o in expr.operands)
    if isinstance(expr, Or):
        return f" {'or' if words is None else words.or_} ".join(_wrap(o, 1, words) for o in expr.operands)
    if isinstance(expr, Compare):
        op = expr.op if words is None else words.operators.get(expr.op, expr.op)
        return f"{_wrap(expr.left, 5, words)} {op} {_wrap(expr.right, 5, words)}"
    if isinstance(expr, InSet):
        if words is not None and words.aggregates:
            said = ", ".join(words.value(v) if isinstance(v, str) else to_text(Const(v), words) for v in expr.values)
            verb = words.aggregates["not_in" if expr.negate else "in"]
            return f"{_wrap(expr.operand, 5, words)} {verb} ({said})"
        values = ", ".join(repr(v) for v in expr.values)
        return f"{_wrap(expr.operand, 5, words)} {'not in' if expr.negate else 'in'} ({values})"
    if isinstance(expr, Arith):
        level = 5 if expr.op in "+-" else 6
        op = expr.op if words is None else {"*": "×"}.get(expr.op, expr.op)
        return f"{_wrap(expr.left, level, words)} {op} {_wrap(expr.right, level + 1, words)}"
    raise TypeError(type(expr))


@dataclass(frozen=True)
class Wording:
    """How :func:`to_text` words a rule for a reader: each field's label (``name``), numbers, the
    connectives and the comparison signs in the reader's language (given by the results layer)."""

    name: Callable[[str], str]
    number: Callable[[float], str]
    and_: str
    or_: str
    not_: str
    known: str  # "có {field}"
    not_known: str  # "không có {field}"
    operators: Mapping[str, str]
    #: the member aggregates and membership read aloud (``any``, ``all``, ``count``, ``count_if``, ``sum``,
    #: ``in``, ``not_in``); empty: written as the rule writes them
    aggregates: Mapping[str, str] = field(default_factory=dict)
    #: a text value read aloud (a status by its name); by default as the rule writes it
    value: Callable[[str], str] = repr


def _wrap(expr: Expr, level: int, words: Wording | None = None) -> str:
    own = _PRECEDENCE.get(type(expr), 9)
    if isinstance(expr, Arith):
        own = 5 if expr.op in "+-" else 6
    text = to_text(expr, words)
    return f"({text})" if own < level else text
