"""The vectorized engine's front: a ruleset's class rules decided over whole columns, no loop over rows.

It composes the shared parts — values (:mod:`.values`: intervals, three-valued conditions), the
evaluator (:mod:`.evaluator`) and the class rules with their combining step (:mod:`.classes`) —
into :class:`~poverty_rules.engine.classes.Decisions`, the currency both engines hand to the
results layer. The durable engine's front is :func:`poverty_rules.engine.durable.decide_durable`.
"""

from __future__ import annotations

import pandas as pd

from ..rules.model import CompiledRuleset
from .classes import Decisions, decisions_of, evaluate_classes
from .evaluator import Context, new_context

__all__ = ["decide"]


def decide(compiled: CompiledRuleset, frame: pd.DataFrame) -> tuple[Decisions, Context]:
    """Run the vectorized engine over a normalized frame."""
    ctx = new_context(compiled, frame)
    return decisions_of(compiled, ctx, evaluate_classes(compiled, frame, ctx)), ctx
