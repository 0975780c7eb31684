"""A compiled ruleset as durable-rules conditions, and the process-wide registry of its programs.

Nothing about the law is written here: the class rules of the :class:`CompiledRuleset` the
vectorized engine uses are compiled into durable-rules conditions over a ``leaves`` message — each
comparison (leaf) of a class rule's and/or/not tree coded 1 = true, 0 = false, 2 = unknown.

With ``T_k``/``F_k``/``NT_k``/``NF_k`` the conditions "rule k is certainly true / certainly false /
not certainly true / not certainly false" (Kleene's three-valued logic over the leaves' codes, as the
``(t, f)`` masks of :mod:`poverty_rules.engine.values`), the vectorized engine's order-and-uncertainty
semantics becomes:

* ``class_<k>``: ``T_k`` and, for each earlier rule j, ``NT_j`` when it gives the same status, else ``F_j``
  (first match wins and no other status is possible);
* ``class_<k>_unknowns``: no rule is certainly true, k is the first unknown rule and every rule with
  another status is certainly false (the status is certain though its rules are unknown);
* ``undetermined_<k1>_<k2>``: rules k1 < k2 with different statuses are both still possible (open
  and not certainly false); several may fire for one household. One rule per pair: durable-rules
  rejects (error 113) the whole disjunction as one;
* a household that matches none (no class possible; ruled out at load for complete records) makes
  durable-rules raise :data:`~.host.MessageNotHandled`, caught by the callers: rule -1.

:func:`program` builds this once per ruleset and process (durable-rules' registry is process-global)
and checks durable-rules' limit of 255 properties per message; :func:`ensure_registered` registers a
ruleset definition under the program's unique name and warms it with a first post before anyone
else may use it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...errors import DurableCompileError
from ...rules import expressions as ex
from ...rules.model import CompiledRuleset
from ...vocabulary.status_ids import UNDETERMINED
from .host import LOCK
from .host import host as durable_host

__all__ = ["MAX_PROPERTIES", "UNKNOWN", "Program", "Trace", "class_conditions", "kleene_leaves", "program"]

MAX_PROPERTIES = 255
"""durable-rules refuses messages with more properties than this."""

UNKNOWN = 2
"""Leaf and flag code for 'unknown' (1 = true, 0 = false)."""


def kleene_leaves(expr: ex.Expr) -> list[ex.Expr]:
    """The leaves of a condition's and/or/not tree (comparisons, known(), in, constants)."""
    if isinstance(expr, (ex.And, ex.Or)):
        return [leaf for o in expr.operands for leaf in kleene_leaves(o)]
    if isinstance(expr, ex.Not):
        return kleene_leaves(expr.operand)
    return [expr]


def _all(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _any(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$or": parts}


_DUAL = {"T": "F", "F": "T", "NT": "NF", "NF": "NT"}


def _kleene(expr: ex.Expr, mode: str, index: dict[ex.Expr, int]) -> dict[str, Any]:
    """A durable-rules condition: ``expr`` is certainly true (T), false (F), not true (NT), not false (NF)."""
    if isinstance(expr, ex.Not):
        return _kleene(expr.operand, _DUAL[mode], index)
    if isinstance(expr, (ex.And, ex.Or)):
        conjunctive = isinstance(expr, ex.And) == (mode in ("T", "NF"))
        # durable-rules fires a rule once per matching disjunct; the actions are idempotent. (Disjoint
        # disjuncts would avoid that, but make conditions durable-rules refuses to compile: error 113.)
        parts = [_kleene(o, mode, index) for o in expr.operands]
        return _all(parts) if conjunctive else _any(parts)
    key = f"L{index[expr]}"
    conditions: dict[str, dict[str, Any]] = {
        "T": {key: 1},
        "F": {key: 0},
        "NT": {"$neq": {key: 1}},
        "NF": {"$neq": {key: 0}},
    }
    return conditions[mode]


def kleene_masks(expr: ex.Expr, codes: np.ndarray, index: dict[ex.Expr, int]) -> tuple[np.ndarray, np.ndarray]:
    """The same three-valued reading over a matrix of leaf codes (households × leaves): (true, false)."""
    if isinstance(expr, ex.Not):
        t, f = kleene_masks(expr.operand, codes, index)
        return f, t
    if isinstance(expr, (ex.And, ex.Or)):
        parts = [kleene_masks(o, codes, index) for o in expr.operands]
        ts, fs = [p[0] for p in parts], [p[1] for p in parts]
        if isinstance(expr, ex.And):
            return np.logical_and.reduce(ts), np.logical_or.reduce(fs)
        return np.logical_or.reduce(ts), np.logical_and.reduce(fs)
    col = codes[:, index[expr]]
    return col == 1, col == 0


def class_conditions(compiled: CompiledRuleset, index: dict[ex.Expr, int]) -> dict[str, tuple[dict[str, Any], int]]:
    """Rule name -> (durable-rules condition over a ``leaves`` message, class rule index or -2)."""
    classes = compiled.ruleset.classes
    exprs = compiled.classes
    t = [_kleene(e, "T", index) for e in exprs]
    f = [_kleene(e, "F", index) for e in exprs]
    nt = [_kleene(e, "NT", index) for e in exprs]
    nf = [_kleene(e, "NF", index) for e in exprs]
    guard: dict[str, Any] = {"t": "leaves"}
    out: dict[str, tuple[dict[str, Any], int]] = {}
    n = len(exprs)
    for k in range(n):
        s = classes[k].status
        earlier = [nt[j] if classes[j].status == s else f[j] for j in range(k)]
        out[f"class_{k}"] = (_all([guard, t[k], *earlier]), k)
        later = [nt[j] if classes[j].status == s else f[j] for j in range(k + 1, n)]
        out[f"class_{k}_unknowns"] = (_all([guard, *[f[j] for j in range(k)], nt[k], nf[k], *later]), k)
    # Two statuses still possible: rules k1 < k2 of different statuses, both open and not false.
    # One rule per pair (durable-rules cannot compile the whole disjunction as one condition).
    for k1, k2 in itertools.combinations(range(n), 2):
        if classes[k1].status == classes[k2].status:
            continue
        cond = _all([guard, *[nt[j] for j in range(k2)], nf[k1], nf[k2]])
        out[f"undetermined_{k1}_{k2}"] = (cond, -2)
    return out


def _household_inputs(compiled: CompiledRuleset) -> list[str]:
    """Input fields the rules read (besides flags, parameters, derived values and the count)."""
    rs = compiled.ruleset
    names: set[str] = set()
    for e in (*compiled.classes, *compiled.derived.values()):
        names |= ex.variables(e)
    skip = set(rs.parameters) | set(compiled.derived) | {"deprivation_count", "area"}
    return sorted(n for n in names if n not in skip and not n.startswith("deprived_"))


@dataclass
class Trace:
    """What fired in one chain session, in firing order (the explanation's material)."""

    facts: list[dict[str, Any]] = field(default_factory=list)  # every fact asserted, for retraction
    steps: list[dict[str, Any]] = field(default_factory=list)  # rule id, kind, values, references
    leaves: dict[str, int] = field(default_factory=dict)
    rule: int = -1
    status: str = UNDETERMINED
    decided: bool = False


@dataclass
class Program:
    """One compiled ruleset's durable-rules rulesets (bulk and chain) and their bookkeeping."""

    compiled: CompiledRuleset
    leaves: tuple[ex.Expr, ...]
    index: dict[ex.Expr, int]
    inputs: list[str]
    conditions: dict[str, tuple[dict[str, Any], int]]
    bulk_name: str = ""
    chain_name: str = ""
    registered: set[str] = field(default_factory=set)  # ruleset names registered and warmed
    sink: np.ndarray | None = None  # bulk: the rule per household that fired, while posting
    traces: dict[str, Trace] = field(default_factory=dict)  # chain: session id -> trace
    sessions: OrderedDict[str, str] = field(default_factory=OrderedDict)  # household key -> sid
    counter: itertools.count = field(default_factory=itertools.count)


_PROGRAMS: dict[tuple[str, str], Program] = {}


def _digest(definition: dict[str, Any]) -> str:
    text = json.dumps(definition, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def program(compiled: CompiledRuleset) -> Program:
    """The durable-rules program of a compiled ruleset: built once per process (same definition, same one)."""
    rs = compiled.ruleset
    leaves: list[ex.Expr] = []
    for e in compiled.classes:
        for leaf in kleene_leaves(e):
            if leaf not in leaves:
                leaves.append(leaf)
    index = {leaf: i for i, leaf in enumerate(leaves)}
    conditions = class_conditions(compiled, index)
    identity = {
        "label": rs.label,
        "classes": conditions,
        "derived": {k: ex.to_text(v) for k, v in compiled.derived.items()},
        "indicators": [i.id for i in rs.indicators],
        "parameters": {k: p.value for k, p in rs.parameters.items()},
    }
    key = (rs.label, _digest(identity))
    with LOCK:
        prog = _PROGRAMS.get(key)
        if prog is not None:
            return prog
        prog = Program(compiled, tuple(leaves), index, _household_inputs(compiled), conditions)
        n_props = 4 + len(leaves)  # sid, t, id/row, the leaves
        n_household = 5 + len(prog.inputs) + len(rs.indicators)
        if max(n_props, n_household) > MAX_PROPERTIES:
            raise DurableCompileError(
                f"{rs.label}: a household message would carry {max(n_props, n_household)} properties; "
                f"durable-rules allows at most {MAX_PROPERTIES}"
            )
        safe_id = "".join(ch if ch.isalnum() else "_" for ch in rs.id)
        prog.bulk_name = f"pr_bulk_{safe_id}_{key[1]}"
        prog.chain_name = f"pr_chain_{safe_id}_{key[1]}"
        _PROGRAMS[key] = prog
        return prog


def ensure_registered(
    prog: Program, name: str, definition: Callable[[], dict[str, Any]], warm: Callable[[], None]
) -> None:
    """Register ruleset ``name`` once per process (built by ``definition``) and warm it with a first post."""
    if name in prog.registered:
        return
    with LOCK:
        if name in prog.registered:
            return
        host = durable_host()
        if name not in host._ruleset_directory:
            host.register_rulesets({name: definition()})
        warm()
        prog.registered.add(name)
