"""The durable engine's chain: one durable-rules session per household, facts and forward chaining.

The explanation path (``poverty-rules explain``) and the path for record updates
(``update_household``). A household fact is asserted and rules fire by forward chaining::

    household fact ──indicator_<id>──▶ deprived fact (one per deprived indicator)
                   ──deprivation_count──▶ value fact deprivation_count [lo, hi]
                   ──derived_<id>──▶ value fact per derived value (e.g. deprivation_score)
    household + value facts ──judge──▶ leaves fact (Kleene value of every comparison of the class rules)
    leaves fact ──class_<k> / class_<k>_unknowns / undetermined_<k1>_<k2>──▶ class fact

Each derived fact records the rule id, reference and confidence that produced it; the session keeps
the trace (values compared, thresholds) for the explanation. Numbers are intervals and conditions
three-valued exactly as in the vectorized engine: a derived value or a comparison is computed by the
shared evaluator on the household's one-row frame (rebuilt from the household fact), so interval
arithmetic exists once. Sessions are kept in a bounded LRU (:data:`MAX_SESSIONS`; durable-rules
allows at most 1,024 live sessions per ruleset); unkept ones are deleted at once.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...rules import expressions as ex
from ...rules.model import CompiledRuleset
from ...vocabulary.status_ids import UNDETERMINED
from ..classes import Decisions, decisions_of
from ..evaluator import Context, evaluate, new_context
from ..values import Bool3, Interval, Text
from .bulk import bulk_program, settle
from .compile import UNKNOWN, Program, Trace, ensure_registered, kleene_leaves
from .host import LOCK, MessageNotHandled
from .host import host as durable_host

__all__ = [
    "MAX_SESSIONS",
    "ChainResult",
    "chain_program",
    "decide_chain",
    "decisive_leaves",
    "reclassify_in_session",
    "run_chain",
]

MAX_SESSIONS = 512
"""Chain sessions kept alive (durable-rules allows at most 1,024 per ruleset)."""


def chain_program(compiled: CompiledRuleset) -> Program:
    """The program with its chain ruleset registered and warmed (and the bulk one, which refines)."""
    prog = bulk_program(compiled)
    ensure_registered(prog, prog.chain_name, lambda: _chain_rules(prog), lambda: _warm(prog))
    return prog


def _warm(prog: Program) -> None:
    _chain_one(prog, pd.DataFrame({"household_id": ["warm-up"], "area": ["rural"]}), 0, key=None)


_NUMBER = "num:"
"""Prefix of a number carried as text in a fact (see :func:`_enc`)."""


def _enc(x: float) -> float | str:
    """A number as durable-rules' JSON parser can carry it.

    Its parser takes no Infinity and fails (error 204) on exponent forms such as ``5e-324``, so
    those travel as text ``num:<repr>`` and :func:`_dec` reads them back exactly.
    """
    if not math.isfinite(x):
        return f"{_NUMBER}{'inf' if x > 0 else '-inf'}"
    text = repr(x)
    return f"{_NUMBER}{text}" if "e" in text else x


def _dec(x: Any) -> Any:
    """The value :func:`_enc` carried (other values unchanged)."""
    if isinstance(x, str) and x.startswith(_NUMBER):
        return float(x[len(_NUMBER) :])
    return x


def _household_fact(prog: Program, row: dict[str, Any], sid: str) -> dict[str, Any]:
    """The household as a durable-rules fact: inputs (absent = unknown) and flags 1 / 0 / 2 (unknown)."""
    fact: dict[str, Any] = {"sid": sid, "id": "household", "t": "household"}
    fact["household_id"] = str(row.get("household_id", ""))
    fact["area"] = "urban" if row.get("area") == "urban" else "rural"
    for name in prog.inputs:
        value = row.get(name)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            fact[name] = value if isinstance(value, str) else _enc(float(value))
    for ind in prog.compiled.ruleset.indicators:
        v = row.get(ind.column)
        fact[f"f_{ind.id}"] = UNKNOWN if v is None or (isinstance(v, float) and math.isnan(v)) else int(float(v) == 1.0)
    return fact


def _decoded(fact: dict[str, Any]) -> dict[str, Any]:
    """The household fact as the trace keeps it for the explanation: numbers as numbers (``1e16``, not
    the ``num:1e+16`` it travels as)."""
    return {k: _dec(v) for k, v in fact.items()}


def _frame_of(prog: Program, fact: Any) -> pd.DataFrame:
    """The household's one-row frame, rebuilt from its fact (what the shared evaluator reads)."""
    row: dict[str, Any] = {"household_id": fact["household_id"], "area": fact["area"]}
    for name in prog.inputs:
        v = fact[name] if name in fact else None  # noqa: SIM401 - durable's Content has no .get
        row[name] = np.nan if v is None else _dec(v)
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


def _assert(c: Any, prog: Program, fact: dict[str, Any]) -> None:
    """Assert a derived fact in the session (and remember it, to retract it on a record update)."""
    prog.traces[fact["sid"]].facts.append(fact)
    c.assert_fact(fact)


def _values_of(c: Any, names: list[str]) -> dict[str, Interval]:
    out = {}
    for name in names:
        fact = getattr(c, f"v_{name}")
        out[name] = Interval(np.array([float(_dec(fact["lo"]))]), np.array([float(_dec(fact["hi"]))]))
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


def _chain_rules(prog: Program) -> dict[str, Any]:
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
            b = ctx.condition(leaf)
            code = 1 if b.t[0] else 0 if b.f[0] else UNKNOWN
            fact[f"L{i}"] = code
            detail: dict[str, Any] = {"leaf": i, "text": ex.to_text(leaf), "code": code}
            if isinstance(leaf, ex.Known):
                detail["known"] = leaf.name
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

    for name, (cond, k) in prog.conditions.items():

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


def _chain_one(prog: Program, frame: pd.DataFrame, i: int, key: str | None) -> tuple[str, Trace]:
    """Run household ``i`` of a normalized frame through the chain; a session per household.

    With ``key`` (a household id) the session is kept for later updates, else deleted at once.
    """
    row = _first_row(frame, i)
    host = durable_host()
    with LOCK:
        if key is not None and key in prog.sessions:
            _close(prog, prog.sessions.pop(key))
        sid = f"h{next(prog.counter)}"
        trace = Trace()
        prog.traces[sid] = trace
        fact = _household_fact(prog, row, sid)
        trace.facts.append(fact)
        trace.steps.append({"kind": "household", "rule": "input", "fact": _decoded(fact)})
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


def _close(prog: Program, sid: str) -> None:
    durable_host().delete_state(prog.chain_name, sid)
    prog.traces.pop(sid, None)


def _retract_all(prog: Program, sid: str) -> None:
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


def _chain_decisions(prog: Program, frame: pd.DataFrame, traces: list[Trace]) -> tuple[Decisions, Context]:
    """The chain sessions' conclusions as :class:`Decisions`: the class rule that fired and the leaves it
    judged go through the engines' one combining step (durable-rules deciding any refinement), the
    deprived set is the deprived facts the chain derived."""
    ctx = new_context(prog.compiled, frame)
    rule = np.array([t.rule for t in traces], dtype=np.int64)
    codes = np.full((len(traces), len(prog.leaves)), UNKNOWN, dtype=np.int8)
    for r, t in enumerate(traces):
        for i in range(len(prog.leaves)):
            codes[r, i] = t.leaves.get(f"L{i}", UNKNOWN)
    decisions = decisions_of(prog.compiled, ctx, settle(prog, ctx, rule, codes))
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
    prog = chain_program(compiled)
    traces = [_chain_one(prog, frame, i, key=None)[1] for i in range(len(frame))]
    return _chain_decisions(prog, frame, traces)


def run_chain(compiled: CompiledRuleset, frame: pd.DataFrame, i: int, *, keep: bool = False) -> ChainResult:
    """Household ``i`` of a normalized frame through the chain, with the trace for an explanation."""
    prog = chain_program(compiled)
    one = frame.iloc[[i]].reset_index(drop=True)
    hid = str(one["household_id"].iloc[0]) if "household_id" in one else str(i)
    _, trace = _chain_one(prog, one, 0, key=hid if keep else None)
    decisions, ctx = _chain_decisions(prog, one, [trace])
    return ChainResult(compiled, hid, list(trace.steps), decisions, ctx, one)


def decisive_leaves(compiled: CompiledRuleset, k: int) -> list[int]:
    """Indexes of the comparisons (leaves) of class rule ``k``, as numbered in the chain's trace."""
    prog = chain_program(compiled)
    return [prog.index[leaf] for leaf in kleene_leaves(compiled.classes[k])]


def leaf_senses(compiled: CompiledRuleset, k: int, ctx: Context | None = None, row: int = 0) -> dict[int, bool]:
    """The comparisons (leaves) of class rule ``k``, as numbered in the chain's trace, each with whether
    the rule reads it negated (under a ``not``: ``not known(score_a)`` is read "no score A"). With ``ctx``,
    only those that took part in deciding household ``row``: an ``and`` is decided by its first false
    operand and an ``or`` by its first true one, so the operands after it are left out (a household with
    income above the line is not told that its unknown score A was compared with the score line)."""
    prog = chain_program(compiled)
    senses: dict[int, bool] = {}

    def decides(operand: ex.Expr, value: bool) -> bool:
        if ctx is None:
            return False
        truth = ctx.condition(operand)
        return bool(truth.t[row] if value else truth.f[row])

    def walk(expr: ex.Expr, negated: bool) -> None:
        if isinstance(expr, (ex.And, ex.Or)):
            for operand in expr.operands:
                walk(operand, negated)
                if decides(operand, isinstance(expr, ex.Or)):  # the branch is decided: the rest did not count
                    break
        elif isinstance(expr, ex.Not):
            walk(expr.operand, not negated)
        else:
            senses.setdefault(prog.index[expr], negated)

    walk(compiled.classes[k], False)
    return senses


def open_classes(compiled: CompiledRuleset, ctx: Context, decisions: Decisions, row: int = 0) -> list[int]:
    """The class rules an undetermined household (``row`` of ``ctx``) could still be decided by: in order,
    each left unknown while no earlier one certainly matched, of a status it could still be (the path that
    would decide it, e.g. the income path of a household with no score A)."""
    out = []
    for k, expr in enumerate(compiled.classes):
        c = ctx.condition(expr)
        if c.t[row]:
            break
        if c.unknown[row] and decisions.possible[compiled.ruleset.classes[k].status][row]:
            out.append(k)
    return out


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
    prog = chain_program(compiled)
    with LOCK:
        sid = prog.sessions.get(household_id)
        expected = _household_fact(prog, _first_row(before), sid or "")
        if sid is None or sid not in prog.traces or prog.traces[sid].facts[:1] != [expected]:
            sid, _ = _chain_one(prog, before, 0, key=household_id)
        trace = prog.traces[sid]
        was = _chain_decisions(prog, before, [trace])
        _retract_all(prog, sid)
        fresh = Trace()
        prog.traces[sid] = fresh
        fact = _household_fact(prog, _first_row(after), sid)
        fresh.facts.append(fact)
        fresh.steps.append({"kind": "household", "rule": "input", "fact": _decoded(fact)})
        with contextlib.suppress(MessageNotHandled):
            durable_host().assert_fact(prog.chain_name, fact)
        prog.sessions.move_to_end(household_id)
        now = _chain_decisions(prog, after, [fresh])
    return was, now
