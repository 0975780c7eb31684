"""The durable engine's bulk path: what ``classify --engine durable`` runs (:func:`decide_durable`).

The comparisons (leaves) of the class conditions are evaluated column-wise by the shared evaluator,
then each distinct row of leaf codes (a case: households with the same codes are one) is posted to
durable-rules as one ``leaves`` event (in batches of :data:`BATCH`) and the *class decision is made by
durable-rules rules firing* (the conditions of
:mod:`.compile`). The firing rules are gathered into a first pass, which goes through the engines'
one combining step (:func:`poverty_rules.engine.classes.combine`) with durable-rules as the decider:
households whose deprivation count is a range are posted again with the count fixed at each value.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import pandas as pd

from ...rules.model import STATUSES, CompiledRuleset
from ...vocabulary.status_ids import UNDETERMINED
from ..classes import ClassResult, Decisions, combine, decisions_of
from ..evaluator import Context, new_context
from .compile import UNKNOWN, Program, ensure_registered, kleene_masks, program
from .host import LOCK, MessageNotHandled, MessageObserved
from .host import host as durable_host

__all__ = ["BATCH", "bulk_program", "classify", "decide_durable", "first_pass"]

BATCH = 1000
"""Households posted per durable-rules batch."""


def bulk_program(compiled: CompiledRuleset) -> Program:
    """The program with its bulk ruleset registered and warmed."""
    prog = program(compiled)
    ensure_registered(prog, prog.bulk_name, lambda: _bulk_rules(prog), lambda: _warm(prog))
    return prog


def _bulk_rules(prog: Program) -> dict[str, Any]:
    return {name: {"all": [{"m": cond}], "run": _bulk_action(prog, k)} for name, (cond, k) in prog.conditions.items()}


def _warm(prog: Program) -> None:
    frame = pd.DataFrame({"household_id": ["warm-up"], "area": ["rural"]})
    classify(prog, new_context(prog.compiled, frame))


def _bulk_action(prog: Program, k: int) -> Any:
    def fire(c: Any) -> None:
        assert prog.sink is not None
        prog.sink[c.m["row"]] = k

    fire.__name__ = f"class_{k}" if k >= 0 else "undetermined"
    return fire


def leaf_codes(prog: Program, ctx: Context) -> np.ndarray:
    """Each leaf's Kleene value per household: 1 true, 0 false, 2 unknown (shared evaluator)."""
    codes = np.full((ctx.n, len(prog.leaves)), UNKNOWN, dtype=np.int8)
    for i, leaf in enumerate(prog.leaves):
        b = ctx.condition(leaf)
        codes[b.t, i] = 1
        codes[b.f, i] = 0
    return codes


def _post_all(name: str, messages: list[dict[str, Any]], prog: Program) -> None:
    """Post events in batches; a batch with a household that matches nothing is replayed one by one."""
    host = durable_host()
    for start in range(0, len(messages), BATCH):
        batch = messages[start : start + BATCH]
        sid = f"b{next(prog.counter)}"
        for m in batch:
            m["sid"] = sid
        try:
            host.post(name, batch)
        except MessageObserved:
            # durable-rules took the batch for one already seen (rare, under many sessions): the actions
            # only record the rule that fired, so the batch is posted again in a fresh session.
            host.delete_state(name, sid)
            sid = f"b{next(prog.counter)}"
            for m in batch:
                m["sid"] = sid
            host.post(name, batch)
        except MessageNotHandled:
            host.delete_state(name, sid)
            for m in batch:
                m["sid"] = sid = f"b{next(prog.counter)}"
                # a household no class rule takes (no class possible) keeps rule -1, as in the vectorized engine
                with contextlib.suppress(MessageNotHandled):
                    host.post(name, m)
                host.delete_state(name, sid)
            continue
        host.delete_state(name, sid)


def _fire_classes(prog: Program, codes: np.ndarray) -> np.ndarray:
    """Post one ``leaves`` event per distinct row of leaf codes; the class rules that fire give each
    household's rule.

    A ``leaves`` event holds nothing but the household's leaf codes (and its place in the batch), so
    households with the same codes are one case to durable-rules: each case is posted once and its rule
    given to all its households (the exhaustive grid of tests/test_durable.py, 172,872 households under
    2022–2026, is 36 cases of its 12 leaves): every case still decided by durable-rules' rules firing, none
    twice — 2,311 → 692,000 households per second on benchmarks/durable_bench.py's 20,000 (RESULTS.md,
    2026-11-28).
    """
    cases, back = _cases(codes)
    keys = ("t", "row", *[f"L{i}" for i in range(len(prog.leaves))])
    messages = [dict(zip(keys, ("leaves", i, *row), strict=True)) for i, row in enumerate(cases.tolist())]
    rule = np.full(len(cases), -1, dtype=np.int64)
    with LOCK:
        prog.sink = rule
        try:
            _post_all(prog.bulk_name, messages, prog)
        finally:
            prog.sink = None
    return rule[back]


def _cases(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``codes`` (households × leaves, int8) and each household's row among them."""
    if len(codes) == 0 or codes.shape[1] == 0:
        return codes[:1], np.zeros(len(codes), dtype=np.intp)
    rows = np.ascontiguousarray(codes).view(np.dtype((np.void, codes.shape[1]))).reshape(-1)
    _, first, back = np.unique(rows, return_index=True, return_inverse=True)
    return codes[first], back.reshape(-1)


def first_pass(
    prog: Program, rule: np.ndarray, codes: np.ndarray
) -> tuple[dict[str, np.ndarray], list[tuple[int, np.ndarray]]]:
    """What durable-rules decided, as the combining step's first pass: (possible statuses, unknown rules).

    The status comes from the rule that fired (``rule``: its class rule, -2 undetermined, -1 none). For
    undetermined households, which statuses remain possible and which rules were left unknown (behind
    ``undetermined_by``) are read off the same leaf codes.
    """
    compiled = prog.compiled
    classes = compiled.ruleset.classes
    n = len(rule)
    status = np.full(n, UNDETERMINED, dtype=object)
    decided = rule >= 0
    status[decided] = np.array([c.status for c in classes], dtype=object)[rule[decided]]
    possible = {s: status == s for s in STATUSES}
    undetermined = rule == -2
    undecided: list[tuple[int, np.ndarray]] = []
    if undetermined.any() or (rule == -1).any():
        open_ = np.ones(n, dtype=bool)
        for k, expr in enumerate(compiled.classes):
            t, f = kleene_masks(expr, codes, prog.index)
            maybe = open_ & ~t & ~f
            possible[classes[k].status] |= undetermined & open_ & ~f
            if maybe.any():
                undecided.append((k, maybe))
            open_ &= ~t
    return possible, undecided


def settle(prog: Program, ctx: Context, rule: np.ndarray, codes: np.ndarray) -> ClassResult:
    """durable-rules' firing (``rule``, over leaf ``codes``) through the engines' one combining step."""
    possible, undecided = first_pass(prog, rule, codes)
    return combine(prog.compiled, ctx, rule.copy(), possible, undecided, lambda sub: classify(prog, sub))


def classify(prog: Program, ctx: Context) -> ClassResult:
    """The class rules decided by durable-rules for every household of a context."""
    codes = leaf_codes(prog, ctx)
    return settle(prog, ctx, _fire_classes(prog, codes), codes)


def decide_durable(compiled: CompiledRuleset, frame: pd.DataFrame) -> tuple[Decisions, Context]:
    """Classify a normalized frame with durable-rules (the bulk path); the same :class:`Decisions` as ``decide``.

    The full forward chain, a session per household, is :func:`poverty_rules.engine.durable.decide_chain`.
    """
    prog = bulk_program(compiled)
    ctx = new_context(compiled, frame)
    return decisions_of(compiled, ctx, classify(prog, ctx)), ctx
