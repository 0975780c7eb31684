"""The durable engine: a ruleset compiled to durable-rules rulesets (docs/design.md, "Two engines, one truth").

This is the only module that imports durable-rules. It compiles the same parsed rules the
vectorized engine uses (:class:`~poverty_rules.ruleset.CompiledRuleset`) — nothing about the law is
written here — into two durable-rules rulesets (their JSON form, built with :mod:`durable.engine`):

**chain** — the explanation path and the path for record updates. One durable-rules session per
household; facts are asserted and rules fire by forward chaining::

    household fact ──indicator_<id>──▶ deprived fact (one per deprived indicator)
                   ──deprivation_count──▶ value fact deprivation_count [lo, hi]
                   ──derived_<id>──▶ value fact per derived value (e.g. deprivation_score)
    household + value facts ──judge──▶ leaves fact (Kleene value of every comparison of the class rules)
    leaves fact ──class_<k> / class_<k>_unknowns / undetermined──▶ class fact

Each derived fact records the rule id, reference and confidence that produced it; the session keeps
the trace (values compared, thresholds) for :func:`explain`. Numbers are intervals and conditions
three-valued exactly as in :mod:`poverty_rules.vectorized`: the value of a derived value or of a
comparison is computed by that module's evaluator on the household's one-row frame (rebuilt from the
household fact), so interval arithmetic exists once.

**bulk** — what ``classify --engine durable`` runs (:func:`decide_durable`). The comparisons
(leaves) of the class conditions are evaluated column-wise by the shared evaluator, then each
household is posted as one ``leaves`` event and the *class decision is made by durable-rules rules
firing*: the same compiled class rules as in the chain.

The class rules encode the vectorized engine's order-and-uncertainty semantics in durable-rules
conditions. With ``T_k``/``F_k``/``NT_k``/``NF_k`` the conditions "rule k is certainly true / certainly
false / not certainly true / not certainly false" (compiled from the rule's and/or/not tree over the
leaves' codes 1 = true, 0 = false, 2 = unknown):

* ``class_<k>``: ``T_k`` and, for each earlier rule j, ``NT_j`` when it gives the same status, else ``F_j``
  (first match wins and no other status is possible);
* ``class_<k>_unknowns``: no rule is certainly true, k is the first unknown rule and every rule with
  another status is certainly false (the status is certain though its rules are unknown);
* ``undetermined_<k1>_<k2>``: rules k1 < k2 with different statuses are both still possible (open
  and not certainly false); several may fire for one household (``undetermined_by`` lists the
  unknown inputs). One rule per pair: durable-rules rejects (error 113) the whole disjunction as one;
* a household that matches none (no class possible; ruled out at load for complete records) makes
  durable-rules raise :class:`durable.engine.MessageNotHandledException`, caught here: rule -1.

durable-rules' sharp edges, and what this module does about them:

* a process-global ruleset registry: each ruleset is registered once per process under a unique
  name (``pr_<kind>_<id>_<hash of its definition>``) and cached, so repeated runs reuse it;
* at most 255 properties per message: checked when compiling (:class:`DurableCompileError`);
* no thread safety: our host starts no background dispatch threads, every call into durable-rules
  holds one lock, and each ruleset is warmed with a first post before it is handed out;
* posts that match nothing raise: caught (see above); at most 1,024 live sessions per ruleset:
  bulk sessions are deleted after each batch, chain sessions are kept in a bounded LRU.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ...errors import DurableCompileError
from ...rules import expressions as ex
from ...rules.model import STATUSES, CompiledRuleset
from ...vocabulary.statuses import UNDETERMINED
from ..vectorized import (
    Bool3,
    Context,
    Decisions,
    Interval,
    Text,
    _missing_fields,
    evaluate,
    new_context,
    refine_by_count,
)
from .host import LOCK, MessageNotHandled
from .host import host as durable_host

__all__ = [
    "UNKNOWN",
    "ChainResult",
    "decide_chain",
    "decide_durable",
    "decisive_leaves",
    "reclassify_in_session",
    "run_chain",
]

MAX_PROPERTIES = 255
"""durable-rules refuses messages with more properties than this."""
BATCH = 1000
"""Households posted per durable-rules batch in the bulk path."""
MAX_SESSIONS = 512
"""Chain sessions kept alive (durable-rules allows at most 1,024 per ruleset)."""

UNKNOWN = 2
"""Leaf and flag code for 'unknown' (1 = true, 0 = false)."""


_PROGRAMS: dict[tuple[str, str], _Program] = {}


# --------------------------------------------------------------------------- compiling


def _kleene_leaves(expr: ex.Expr) -> list[ex.Expr]:
    """The leaves of a condition's and/or/not tree (comparisons, known(), in, constants)."""
    if isinstance(expr, (ex.And, ex.Or)):
        return [leaf for o in expr.operands for leaf in _kleene_leaves(o)]
    if isinstance(expr, ex.Not):
        return _kleene_leaves(expr.operand)
    return [expr]


def _all(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _any(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"$or": parts}


_DUAL = {"T": "F", "F": "T", "NT": "NF", "NF": "NT"}


def _kleene(expr: ex.Expr, mode: str, index: dict[ex.Expr, int]) -> dict[str, Any]:
    """A durable-rules condition: ``expr`` is certainly true (T), false (F), not true (NT), not false (NF).

    Kleene's three-valued logic over the leaves' codes, as in vectorized.py's (t, f) masks.
    """
    if isinstance(expr, ex.Not):
        return _kleene(expr.operand, _DUAL[mode], index)
    if isinstance(expr, (ex.And, ex.Or)):
        conjunctive = isinstance(expr, ex.And) == (mode in ("T", "NF"))
        # durable-rules fires a rule once per matching disjunct; the actions are idempotent. (Disjoint
        # disjuncts would avoid that, but make conditions durable-rules refuses to compile: error 113.)
        parts = [_kleene(o, mode, index) for o in expr.operands]
        return _all(parts) if conjunctive else _any(parts)
    key = f"L{index[expr]}"
    return {
        "T": {key: 1},
        "F": {key: 0},
        "NT": {"$neq": {key: 1}},
        "NF": {"$neq": {key: 0}},
    }[mode]


def _class_conditions(compiled: CompiledRuleset, index: dict[ex.Expr, int]) -> dict[str, tuple[dict[str, Any], int]]:
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
class _Trace:
    """What fired in one chain session, in firing order (the explanation's material)."""

    facts: list[dict[str, Any]] = field(default_factory=list)  # every fact asserted, for retraction
    steps: list[dict[str, Any]] = field(default_factory=list)  # rule id, kind, values, references
    leaves: dict[str, int] = field(default_factory=dict)
    rule: int = -1
    status: str = UNDETERMINED
    decided: bool = False


@dataclass
class _Program:
    """One compiled ruleset's two durable-rules rulesets and their bookkeeping."""

    compiled: CompiledRuleset
    leaves: tuple[ex.Expr, ...]
    index: dict[ex.Expr, int]
    inputs: list[str]
    bulk_name: str = ""
    chain_name: str = ""
    sink: _BulkSink | None = None
    traces: dict[str, _Trace] = field(default_factory=dict)
    sessions: OrderedDict[str, str] = field(default_factory=OrderedDict)  # household key -> sid
    counter: itertools.count = field(default_factory=itertools.count)


@dataclass
class _BulkSink:
    rule: np.ndarray


def _digest(definition: dict[str, Any]) -> str:
    text = json.dumps(definition, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _program(compiled: CompiledRuleset) -> _Program:
    """The durable-rules rulesets for a compiled ruleset: built and registered once per process."""
    rs = compiled.ruleset
    leaves: list[ex.Expr] = []
    for e in compiled.classes:
        for leaf in _kleene_leaves(e):
            if leaf not in leaves:
                leaves.append(leaf)
    index = {leaf: i for i, leaf in enumerate(leaves)}
    conditions = _class_conditions(compiled, index)
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
        prog = _Program(compiled, tuple(leaves), index, _household_inputs(compiled))
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
        host = durable_host()
        bulk = {name: {"all": [{"m": cond}], "run": _bulk_action(prog, k)} for name, (cond, k) in conditions.items()}
        chain = _chain_rules(prog, conditions)
        for name, definition in ((prog.bulk_name, bulk), (prog.chain_name, chain)):
            if name not in host._ruleset_directory:
                host.register_rulesets({name: definition})
        _warm(prog)
        _PROGRAMS[key] = prog
        return prog


def _warm(prog: _Program) -> None:
    """A first post through each ruleset, before anyone else may use them."""
    frame = pd.DataFrame({"household_id": ["warm-up"], "area": ["rural"]})
    _decide_bulk(prog, frame)
    _chain_one(prog, frame, 0, key=None)


# --------------------------------------------------------------------------- bulk


def _bulk_action(prog: _Program, k: int) -> Any:
    def fire(c: Any) -> None:
        assert prog.sink is not None
        prog.sink.rule[c.m["row"]] = k

    fire.__name__ = f"class_{k}" if k >= 0 else "undetermined"
    return fire


def _leaf_codes(prog: _Program, ctx: Context) -> np.ndarray:
    """Each leaf's Kleene value per household: 1 true, 0 false, 2 unknown (shared evaluator)."""
    codes = np.full((ctx.n, len(prog.leaves)), UNKNOWN, dtype=np.int8)
    for i, leaf in enumerate(prog.leaves):
        b = ctx._bool(leaf)
        codes[b.t, i] = 1
        codes[b.f, i] = 0
    return codes


def _post_all(name: str, messages: list[dict[str, Any]], prog: _Program) -> None:
    """Post events in batches; a batch with a household that matches nothing is replayed one by one."""
    host = durable_host()
    for start in range(0, len(messages), BATCH):
        batch = messages[start : start + BATCH]
        sid = f"b{next(prog.counter)}"
        for m in batch:
            m["sid"] = sid
        try:
            host.post(name, batch)
        except MessageNotHandled:
            host.delete_state(name, sid)
            for m in batch:
                m["sid"] = sid = f"b{next(prog.counter)}"
                # a household no class rule takes (no class possible) keeps rule -1, as in vectorized.py
                with contextlib.suppress(MessageNotHandled):
                    host.post(name, m)
                host.delete_state(name, sid)
            continue
        host.delete_state(name, sid)


def _fire_classes(prog: _Program, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Post one ``leaves`` event per household; the class rules that fire give each household's rule."""
    codes = _leaf_codes(prog, ctx)
    keys = ("t", "row", *[f"L{i}" for i in range(len(prog.leaves))])
    messages = [dict(zip(keys, ("leaves", i, *row), strict=True)) for i, row in enumerate(codes.tolist())]
    rule = np.full(ctx.n, -1, dtype=np.int64)
    with LOCK:
        prog.sink = _BulkSink(rule)
        try:
            _post_all(prog.bulk_name, messages, prog)
        finally:
            prog.sink = None
    return rule, codes


def _decide_bulk(prog: _Program, frame: pd.DataFrame) -> tuple[Decisions, Context]:
    ctx = new_context(prog.compiled, frame)
    rule, codes = _fire_classes(prog, ctx)
    return _refine(prog, ctx, *_first_pass(prog, rule, codes, ctx)), ctx


def _kleene_masks(expr: ex.Expr, codes: np.ndarray, index: dict[ex.Expr, int]) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(expr, ex.Not):
        t, f = _kleene_masks(expr.operand, codes, index)
        return f, t
    if isinstance(expr, (ex.And, ex.Or)):
        parts = [_kleene_masks(o, codes, index) for o in expr.operands]
        ts, fs = [p[0] for p in parts], [p[1] for p in parts]
        if isinstance(expr, ex.And):
            return np.logical_and.reduce(ts), np.logical_or.reduce(fs)
        return np.logical_or.reduce(ts), np.logical_and.reduce(fs)
    col = codes[:, index[expr]]
    return col == 1, col == 0


def _first_pass(
    prog: _Program, rule: np.ndarray, codes: np.ndarray, ctx: Context
) -> tuple[Decisions, list[tuple[int, np.ndarray]]]:
    """Gather durable-rules' per-household decisions into the engines' common :class:`Decisions`.

    The status comes from the rule that fired. For undetermined households, which statuses remain
    possible and which unknown inputs decide (``undetermined_by``) are read off the same leaf codes.
    """
    compiled = prog.compiled
    classes = compiled.ruleset.classes
    n = ctx.n
    status = np.full(n, UNDETERMINED, dtype=object)
    decided = rule >= 0
    status[decided] = np.array([c.status for c in classes], dtype=object)[rule[decided]]
    possible = {s: status == s for s in STATUSES}
    undetermined = rule == -2
    undecided: list[tuple[int, np.ndarray]] = []
    if undetermined.any() or (rule == -1).any():
        open_ = np.ones(n, dtype=bool)
        for k, expr in enumerate(compiled.classes):
            t, f = _kleene_masks(expr, codes, prog.index)
            maybe = open_ & ~t & ~f
            possible[classes[k].status] |= undetermined & open_ & ~f
            if maybe.any():
                undecided.append((k, maybe))
            open_ &= ~t
    missing = _missing_fields(ctx, compiled, undecided, undetermined)
    flags = [ctx.var(ind.column) for ind in compiled.ruleset.indicators]
    deprived = np.column_stack([fl.t for fl in flags]) if flags else np.zeros((n, 0), bool)  # type: ignore[union-attr]
    unknown = np.column_stack([fl.unknown for fl in flags]) if flags else np.zeros((n, 0), bool)  # type: ignore[union-attr]
    return Decisions(status, rule.copy(), deprived, unknown, possible, missing), undecided


def _refine(prog: _Program, ctx: Context, d: Decisions, undecided: list[tuple[int, np.ndarray]]) -> Decisions:
    """Households still open between statuses whose deprivation count is a range: decide again with the
    count fixed at each value (every completion of the unknown flags), as vectorized.py does.

    Each completion is posted to durable-rules like any household; the results are combined exactly
    by ``vectorized.refine_by_count`` (union of the possible statuses; the flags are listed in
    ``undetermined_by`` only when the count changes the outcome).
    """
    compiled = prog.compiled
    dc = ctx.var("deprivation_count")
    assert isinstance(dc, Interval)
    n = ctx.n
    n_possible = np.sum([d.possible[s] for s in STATUSES], axis=0)
    refine = (n_possible > 1) & (dc.lo < dc.hi)
    if not refine.any():
        return d
    idx = np.flatnonzero(refine)

    def _decide_fixed(sub_ctx: Context) -> Decisions:
        r_rule, r_codes = _fire_classes(prog, sub_ctx)  # durable-rules decides each completion
        return _first_pass(prog, r_rule, r_codes, sub_ctx)[0]

    refined = refine_by_count(compiled, ctx, dc, idx, _decide_fixed)
    possible, sub_rule, refined_missing = refined.possible, refined.rule, refined.missing
    for s in STATUSES:
        d.possible[s][refine] = possible[s]
    n_possible = np.sum([d.possible[s] for s in STATUSES], axis=0)
    rule = d.rule.copy()
    rule[refine] = np.where(sub_rule >= 0, sub_rule, rule[refine])
    determined = n_possible == 1
    status = np.full(n, UNDETERMINED, dtype=object)
    for s in STATUSES:
        status[determined & d.possible[s]] = s
    rule[n_possible > 1] = -2
    rule[n_possible == 0] = -1
    missing = _missing_fields(ctx, compiled, undecided, ~determined)
    for f in [*missing, *(f for f in refined_missing if f not in missing)]:  # the same order as vectorized.py
        column = missing.setdefault(f, np.zeros(n, dtype=bool))
        column[refine] = refined_missing.get(f, np.zeros(idx.size, dtype=bool)) & ~determined[refine]
    missing = {f: v for f, v in missing.items() if v.any()}
    return Decisions(status, rule, d.deprived, d.unknown_flags, d.possible, missing)


def decide_durable(compiled: CompiledRuleset, frame: pd.DataFrame, *, chain: bool = False) -> tuple[Decisions, Context]:
    """Classify a normalized frame with durable-rules; the same :class:`Decisions` as ``results.decide``.

    By default the bulk path (one ``leaves`` event per household, the class rules fire); with
    ``chain=True`` every household goes through the full forward chain in its own session.
    """
    if chain:
        return decide_chain(compiled, frame)
    return _decide_bulk(_program(compiled), frame)


# --------------------------------------------------------------------------- chain


def _enc(x: float) -> float | str:
    """A bound as JSON can carry it (durable-rules' parser takes no Infinity)."""
    return x if math.isfinite(x) else ("inf" if x > 0 else "-inf")


def _dec(x: float | str) -> float:
    return float(x)


def _household_fact(prog: _Program, row: dict[str, Any], sid: str) -> dict[str, Any]:
    """The household as a durable-rules fact: inputs (absent = unknown) and flags 1 / 0 / 2 (unknown)."""
    fact: dict[str, Any] = {"sid": sid, "id": "household", "t": "household"}
    fact["household_id"] = str(row.get("household_id", ""))
    fact["area"] = "urban" if row.get("area") == "urban" else "rural"
    for name in prog.inputs:
        value = row.get(name)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            fact[name] = value if isinstance(value, str) else float(value)
    for ind in prog.compiled.ruleset.indicators:
        v = row.get(ind.column)
        fact[f"f_{ind.id}"] = UNKNOWN if v is None or (isinstance(v, float) and math.isnan(v)) else int(float(v) == 1.0)
    return fact


def _frame_of(prog: _Program, fact: Any) -> pd.DataFrame:
    """The household's one-row frame, rebuilt from its fact (what the shared evaluator reads)."""
    row: dict[str, Any] = {"household_id": fact["household_id"], "area": fact["area"]}
    for name in prog.inputs:
        v = fact[name] if name in fact else None  # noqa: SIM401 - durable's Content has no .get
        row[name] = np.nan if v is None else v
    for ind in prog.compiled.ruleset.indicators:
        code = fact[f"f_{ind.id}"]
        row[ind.column] = np.nan if code == UNKNOWN else float(code)
    frame = pd.DataFrame([row])
    for name in prog.inputs:
        if not isinstance(row[name], str):
            frame[name] = frame[name].astype("float64")
    return frame


def _fact_dict(content: Any) -> dict[str, Any]:
    return dict(content._d) if hasattr(content, "_d") else dict(content)


def _assert(c: Any, prog: _Program, fact: dict[str, Any]) -> None:
    """Assert a derived fact in the session (and remember it, to retract it on a record update)."""
    prog.traces[fact["sid"]].facts.append(fact)
    c.assert_fact(fact)


def _values_of(c: Any, names: list[str]) -> dict[str, Interval]:
    out = {}
    for name in names:
        fact = getattr(c, f"v_{name}")
        out[name] = Interval(np.array([_dec(fact["lo"])]), np.array([_dec(fact["hi"])]))
    return out


def _interval_text(v: Any) -> dict[str, Any]:
    if isinstance(v, Bool3):
        return {"lo": float(v.t[0]), "hi": float(~v.f[0])}
    if isinstance(v, Interval):
        return {"lo": float(v.lo[0]), "hi": float(v.hi[0])}
    if isinstance(v, Text):
        return {"text": str(v.values[0])}
    return {}


def _bind(action: Any, **bound: Any) -> Any:
    """A one-argument action (durable-rules checks the signature) with some arguments bound."""

    def fire(c: Any) -> None:
        action(c, **bound)

    return fire


def _chain_rules(prog: _Program, conditions: dict[str, tuple[dict[str, Any], int]]) -> dict[str, Any]:
    """The chain ruleset: indicator, count, derived, judge and class rules (see the module docstring)."""
    compiled = prog.compiled
    rs = compiled.ruleset
    rules: dict[str, Any] = {}
    household = {"t": "household"}

    for ind in rs.indicators:

        def indicator(c: Any, ind: Any) -> None:
            sid = c.m["sid"]
            step = {
                "kind": "deprived",
                "rule": f"indicator:{ind.id}",
                "indicator": ind.id,
                "reference": ind.reference,
                "confidence": ind.confidence,
            }
            prog.traces[sid].steps.append(step)
            _assert(
                c,
                prog,
                {
                    "sid": sid,
                    "id": f"deprived:{ind.id}",
                    "t": "deprived",
                    "indicator": ind.id,
                    "rule": step["rule"],
                    "reference": ind.reference,
                    "confidence": ind.confidence,
                },
            )

        rules[f"indicator_{ind.id}"] = {
            "all": [{"m": {"$and": [household, {f"f_{ind.id}": 1}]}}],
            "run": _bind(indicator, ind=ind),
        }

    def count(c: Any) -> None:
        # deprivation_count as vectorized.py defines it: [flags certainly 1, flags 1 or unknown]
        m = c.m
        lo = sum(1 for ind in rs.indicators if m[f"f_{ind.id}"] == 1)
        hi = lo + sum(1 for ind in rs.indicators if m[f"f_{ind.id}"] == UNKNOWN)
        sid = m["sid"]
        prog.traces[sid].steps.append(
            {
                "kind": "value",
                "rule": "deprivation_count",
                "name": "deprivation_count",
                "lo": float(lo),
                "hi": float(hi),
            }
        )
        _assert(
            c,
            prog,
            {
                "sid": sid,
                "id": "value:deprivation_count",
                "t": "value",
                "name": "deprivation_count",
                "lo": lo,
                "hi": hi,
                "rule": "deprivation_count",
            },
        )

    rules["deprivation_count"] = {"all": [{"m": household}], "run": count}

    value_names = ["deprivation_count", *compiled.derived]
    for d in rs.derived:
        deps = [v for v in value_names if v in ex.variables(compiled.derived[d.id])]

        def derive(c: Any, d: Any, deps: list[str]) -> None:
            hh = c.hh
            sid = hh["sid"]
            extra = _values_of(c, deps)
            value = evaluate(compiled, _frame_of(prog, hh), compiled.derived[d.id], dict(extra))
            assert isinstance(value, Interval)
            lo, hi = float(value.lo[0]), float(value.hi[0])
            prog.traces[sid].steps.append(
                {
                    "kind": "value",
                    "rule": f"derived:{d.id}",
                    "name": d.id,
                    "lo": lo,
                    "hi": hi,
                    "formula": d.formula,
                    "reference": d.reference,
                    "confidence": d.confidence,
                    "inputs": {k: _interval_text(v) for k, v in extra.items()},
                }
            )
            _assert(
                c,
                prog,
                {
                    "sid": sid,
                    "id": f"value:{d.id}",
                    "t": "value",
                    "name": d.id,
                    "lo": _enc(lo),
                    "hi": _enc(hi),
                    "rule": f"derived:{d.id}",
                    "reference": d.reference,
                    "confidence": d.confidence,
                },
            )

        rules[f"derived_{d.id}"] = {
            "all": [{"hh": household}, *[{f"v_{v}": {"$and": [{"t": "value"}, {"name": v}]}} for v in deps]],
            "run": _bind(derive, d=d, deps=deps),
        }

    def judge(c: Any) -> None:
        hh = c.hh
        sid = hh["sid"]
        extra = _values_of(c, value_names)
        ctx = Context(compiled, _frame_of(prog, hh), dict(extra))
        fact: dict[str, Any] = {"sid": sid, "id": "leaves", "t": "leaves"}
        details = []
        for leaf, i in prog.index.items():
            b = ctx._bool(leaf)
            code = 1 if b.t[0] else 0 if b.f[0] else UNKNOWN
            fact[f"L{i}"] = code
            detail: dict[str, Any] = {"leaf": i, "text": ex.to_text(leaf), "code": code}
            if isinstance(leaf, ex.Compare):
                detail["left"] = _interval_text(ctx.compute(leaf.left))
                detail["right"] = _interval_text(ctx.compute(leaf.right))
                detail["op"] = leaf.op
                detail["names"] = [e.name if isinstance(e, ex.Var) else ex.to_text(e) for e in (leaf.left, leaf.right)]
            details.append(detail)
        trace = prog.traces[sid]
        trace.leaves = {f"L{i}": fact[f"L{i}"] for i in range(len(prog.leaves))}
        trace.steps.append({"kind": "leaves", "rule": "judge", "details": details})
        _assert(c, prog, fact)

    rules["judge"] = {
        "all": [{"hh": household}, *[{f"v_{v}": {"$and": [{"t": "value"}, {"name": v}]}} for v in value_names]],
        "run": judge,
    }

    for name, (cond, k) in conditions.items():

        def decide(c: Any, k: int, name: str) -> None:
            sid = c.m["sid"]
            trace = prog.traces[sid]
            if trace.decided:
                return  # several undetermined_<k1>_<k2> rules may hold for one household; one class fact suffices
            trace.decided = True
            trace.rule = k
            status = rs.classes[k].status if k >= 0 else UNDETERMINED
            trace.status = status
            step: dict[str, Any] = {"kind": "class", "rule": name, "class": k, "status": status}
            if k >= 0:
                cls = rs.classes[k]
                step.update(
                    reference=cls.reference, confidence=cls.confidence, decided_by=cls.decided_by, when=cls.when
                )
            trace.steps.append(step)
            _assert(c, prog, {"sid": sid, "id": "class", "t": "class", "status": status, "rule": name})

        rules[name] = {"all": [{"m": cond}], "run": _bind(decide, k=k, name=name)}

    def noted(c: Any) -> None:
        return None  # deprived and class facts are conclusions: kept in the session, consumed by no rule

    rules["noted"] = {"all": [{"m": {"$or": [{"t": "deprived"}, {"t": "class"}]}}], "run": noted}
    return rules


def _first_row(frame: pd.DataFrame, i: int = 0) -> dict[str, Any]:
    row = {c: frame[c].iloc[i] for c in frame.columns}
    return {k: (None if (v is pd.NA or v is None) else v) for k, v in row.items()}


def _chain_one(prog: _Program, frame: pd.DataFrame, i: int, key: str | None) -> tuple[str, _Trace]:
    """Run household ``i`` of a normalized frame through the chain; a session per household.

    With ``key`` (a household id) the session is kept for later updates, else deleted at once.
    """
    row = _first_row(frame, i)
    host = durable_host()
    with LOCK:
        if key is not None and key in prog.sessions:
            _close(prog, prog.sessions.pop(key))
        sid = f"h{next(prog.counter)}"
        trace = _Trace()
        prog.traces[sid] = trace
        fact = _household_fact(prog, row, sid)
        trace.facts.append(fact)
        trace.steps.append({"kind": "household", "rule": "input", "fact": dict(fact)})
        with contextlib.suppress(
            MessageNotHandled
        ):  # no rule took the household: trace stays undetermined with rule -1
            host.assert_fact(prog.chain_name, fact)
        if key is None:
            _close(prog, sid)
        else:
            prog.sessions[key] = sid
            while len(prog.sessions) > MAX_SESSIONS:
                _close(prog, prog.sessions.popitem(last=False)[1])
    return sid, trace


def _close(prog: _Program, sid: str) -> None:
    durable_host().delete_state(prog.chain_name, sid)
    prog.traces.pop(sid, None)


def _retract_all(prog: _Program, sid: str) -> None:
    """Retract every fact of a session, conclusions first (durable-rules keeps no truth maintenance)."""
    host = durable_host()
    trace = prog.traces[sid]
    for fact in reversed(trace.facts):
        with contextlib.suppress(MessageNotHandled):
            host.retract_fact(prog.chain_name, fact)
    trace.facts.clear()


@dataclass
class ChainResult:
    """One household through the chain: its session's trace and the shared decisions/context."""

    compiled: CompiledRuleset
    household_id: str
    steps: list[dict[str, Any]]
    decisions: Decisions
    ctx: Context
    frame: pd.DataFrame


def _chain_decisions(prog: _Program, frame: pd.DataFrame, traces: list[_Trace]) -> tuple[Decisions, Context]:
    ctx = new_context(prog.compiled, frame)
    rule = np.array([t.rule for t in traces], dtype=np.int64)
    codes = np.full((len(traces), len(prog.leaves)), UNKNOWN, dtype=np.int8)
    for r, t in enumerate(traces):
        for i in range(len(prog.leaves)):
            codes[r, i] = t.leaves.get(f"L{i}", UNKNOWN)
    decisions = _refine(prog, ctx, *_first_pass(prog, rule, codes, ctx))
    ids = [ind.id for ind in prog.compiled.ruleset.indicators]
    chain_deprived = np.zeros_like(decisions.deprived)
    for r, t in enumerate(traces):
        for step in t.steps:
            if step["kind"] == "deprived":
                chain_deprived[r, ids.index(step["indicator"])] = True
    decisions.deprived = chain_deprived  # the deprived facts the chain derived
    return decisions, ctx


def decide_chain(compiled: CompiledRuleset, frame: pd.DataFrame) -> tuple[Decisions, Context]:
    """Every household through the full forward chain, one durable-rules session each."""
    prog = _program(compiled)
    traces = [_chain_one(prog, frame, i, key=None)[1] for i in range(len(frame))]
    return _chain_decisions(prog, frame, traces)


def run_chain(compiled: CompiledRuleset, frame: pd.DataFrame, i: int, *, keep: bool = False) -> ChainResult:
    """Household ``i`` of a normalized frame through the chain, with the trace for an explanation."""
    prog = _program(compiled)
    one = frame.iloc[[i]].reset_index(drop=True)
    hid = str(one["household_id"].iloc[0]) if "household_id" in one else str(i)
    _, trace = _chain_one(prog, one, 0, key=hid if keep else None)
    decisions, ctx = _chain_decisions(prog, one, [trace])
    return ChainResult(compiled, hid, list(trace.steps), decisions, ctx, one)


def decisive_leaves(compiled: CompiledRuleset, k: int) -> list[int]:
    """Indexes of the comparisons (leaves) of class rule ``k``, as numbered in the chain's trace."""
    prog = _program(compiled)
    return [prog.index[leaf] for leaf in _kleene_leaves(compiled.classes[k])]


# --------------------------------------------------------------------------- record updates


def reclassify_in_session(
    compiled: CompiledRuleset, household_id: str, before: pd.DataFrame, after: pd.DataFrame
) -> tuple[tuple[Decisions, Context], tuple[Decisions, Context]]:
    """A household's record changed (regular review): re-run its chain in its own session.

    ``before`` and ``after`` are the household's one-row normalized frames. The household's session
    (opened on first use, kept for later updates) has its facts retracted and the changed household
    fact asserted; the chain fires again. Other households' sessions are not touched. Returns the
    decisions before and after.
    """
    prog = _program(compiled)
    with LOCK:
        sid = prog.sessions.get(household_id)
        expected = _household_fact(prog, _first_row(before), sid or "")
        if sid is None or sid not in prog.traces or prog.traces[sid].facts[:1] != [expected]:
            sid, _ = _chain_one(prog, before, 0, key=household_id)
        trace = prog.traces[sid]
        was = _chain_decisions(prog, before, [trace])
        _retract_all(prog, sid)
        fresh = _Trace()
        prog.traces[sid] = fresh
        fact = _household_fact(prog, _first_row(after), sid)
        fresh.facts.append(fact)
        fresh.steps.append({"kind": "household", "rule": "input", "fact": dict(fact)})
        with contextlib.suppress(MessageNotHandled):
            durable_host().assert_fact(prog.chain_name, fact)
        prog.sessions.move_to_end(household_id)
        now = _chain_decisions(prog, after, [fresh])
    return was, now
