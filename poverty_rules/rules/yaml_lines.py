"""YAML with the line of every key, so that every ruleset error can point at its line."""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from ..errors import RulesetError
from .messages import ruleset_error, yaml_error

#: The line of every key, by its path of keys and list positions.
Lines = dict[tuple[Any, ...], int]

_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 4x faster, same marks


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe YAML loader; the composed node tree keeps the line of every key and item."""


def load_yaml_with_lines(
    text: str,
    file: str,
    *,
    bad_dates: list[tuple[int, str]] | None = None,
    duplicates: list[tuple[tuple[Any, ...], RulesetError]] | None = None,
    rule_keys: frozenset[str] = frozenset(),
) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """The YAML document in ``text`` and the line of every key. A date YAML reads as one but that does not exist
    (``2025-13-01``) is refused at its line; with a ``bad_dates`` list it is read as text instead and its line and
    value appended there, for a caller that says it where it belongs (a scenario file, case by case). A key given
    twice in one mapping is refused likewise; with a ``duplicates`` list, its place and the error are appended.
    The values of the keys named in ``rule_keys`` (a ruleset's ``when`` …) also get the line and column where
    they start (:func:`value_at`)."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ruleset_error(file, 1, "rs_empty")
        while bad_dates is not None and (bad := _impossible_date(node)) is not None:
            bad.tag = _STR
            bad_dates.append((bad.start_mark.line + 1, bad.value))
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise yaml_error(file, exc, text) from None
    except RecursionError:
        raise ruleset_error(file, None, "rs_too_nested") from None
    except ValueError:  # a date YAML reads as one but that does not exist (2025-02-30, 2025-13-01)
        bad = _impossible_date(node)
        if bad is None:
            raise
        raise ruleset_error(file, bad.start_mark.line + 1, "rs_bad_date", value=bad.value) from None
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    _index_lines(node, (), lines, set(), file, 0, duplicates)
    if rule_keys:
        _index_values(node, (), lines, text.splitlines(), set(), rule_keys)
    return data, lines


#: The last key of the entries :func:`_index_values` adds to the lines: the line and the column where a value
#: written on one line starts, as its text is in the file (``("classes", 0, "when", VALUE_LINE)``).
VALUE_LINE = "\0value line"
VALUE_COLUMN = "\0value column"


def _index_values(
    node: yaml.Node,
    path: tuple[Any, ...],
    lines: dict[tuple[Any, ...], int],
    source: list[str],
    seen: set[int],
    keys: frozenset[str],
) -> None:
    """The line and the 1-based column of each value of ``keys`` that is written on one line exactly as it reads
    (plain or quoted, no escape or folded space in it): a rule's error can then name the column of the file,
    not only of the rule. A value written another way (a block ``>-``, an escape) gets none."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, key_node.value)
            if isinstance(value_node, yaml.ScalarNode):
                if key_node.value in keys:
                    _index_value(value_node, sub, lines, source)
            else:
                _index_values(value_node, sub, lines, source, seen, keys)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            if not isinstance(item, yaml.ScalarNode):
                _index_values(item, (*path, i), lines, source, seen, keys)


def _index_value(
    node: yaml.ScalarNode, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int], source: list[str]
) -> None:
    start, end = node.start_mark, node.end_mark
    if node.style not in (None, "", "'", '"') or start.line != end.line or start.line >= len(source):
        return  # plain is None in PyYAML's loader, "" in libyaml's
    column = start.column + bool(node.style)  # 0-based, after an opening quote
    if source[start.line][column : column + len(node.value)] == node.value:
        lines[(*path, VALUE_LINE)] = start.line + 1
        lines[(*path, VALUE_COLUMN)] = column + 1


def value_at(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> tuple[int, int] | None:
    """The line and the column where the value at ``loc`` starts in the file, when it is written on one line
    as it reads (:func:`_index_value`); else ``None``."""
    line, column = lines.get((*loc, VALUE_LINE)), lines.get((*loc, VALUE_COLUMN))
    return (line, column) if line is not None and column is not None else None


#: YAML aliases (``*name``) a ruleset may use, and how deep its nesting may go: an alias bomb
#: (aliases of aliases, a billion nodes from a few lines) is refused instead of walked.
MAX_ALIASES = 100
MAX_DEPTH = 60


def _index_lines(
    node: yaml.Node,
    path: tuple[Any, ...],
    lines: dict[tuple[Any, ...], int],
    seen: set[int],
    file: str,
    depth: int,
    duplicates: list[tuple[tuple[Any, ...], RulesetError]] | None = None,
) -> None:
    lines[path] = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise ruleset_error(file, node.start_mark.line + 1, "rs_depth", limit=MAX_DEPTH)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        if id(node) in seen:  # an alias: the node was indexed where it was defined
            seen.add(-len(seen) - 1)
            if sum(1 for k in seen if k < 0) > MAX_ALIASES:
                raise ruleset_error(file, node.start_mark.line + 1, "rs_aliases", limit=MAX_ALIASES)
            return
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value in keys:  # YAML keeps the last silently
                where = ".".join(str(p) for p in (*path, key_node.value))
                error = ruleset_error(file, key_node.start_mark.line + 1, "rs_duplicate_key", key=where)
                if duplicates is None:
                    raise error
                duplicates.append(((*path, key_node.value), error))
            keys.add(key_node.value)
            sub = (*path, key_node.value)
            lines[sub] = key_node.start_mark.line + 1
            _index_lines(value_node, sub, lines, seen, file, depth + 1, duplicates)
            lines[sub] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, (*path, i), lines, seen, file, depth + 1, duplicates)


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


def _impossible_date(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar YAML takes for a date (``2025-02-30``) that is no date, depth first."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode) and current.tag == _TIMESTAMP:
            try:
                datetime.date(*(int(part) for part in current.value[:10].split("-")))
            except ValueError:
                return current
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in reversed(current.value) for n in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None


def safe_load(text: str) -> Any:
    """The YAML document in ``text``, with the same safe loader but without lines: for the bundled
    standards read on the start-up path (:mod:`poverty_rules.rules.bundled`), which are checked whole
    when loaded (:func:`load_yaml_with_lines`)."""
    return yaml.load(text, Loader=_SafeBase)


def line_for(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())
