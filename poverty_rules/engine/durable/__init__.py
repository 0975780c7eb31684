"""The durable engine: a ruleset compiled to durable-rules rulesets (docs/architecture.md, "The durable engine").

Only this package imports durable-rules. It compiles the same parsed rules the vectorized engine
uses — nothing about the law is written here — and lets durable-rules make the decisions:

* :mod:`.host` — the one durable-rules host of the process (no background threads) and its lock;
* :mod:`.compile` — class rules as Kleene conditions over a ``leaves`` message, the per-process
  registry of compiled programs, durable-rules' 255-property limit;
* :mod:`.bulk` — :func:`decide_durable` (``classify --engine durable``): one ``leaves`` event per
  household, posted in batches, the class rules fire;
* :mod:`.chain` — one session per household, facts → indicators → count → class by forward
  chaining (:func:`decide_chain`, :func:`run_chain`, :func:`reclassify_in_session`);
* :mod:`.lifecycle` — a household's statuses over the years as a durable-rules statechart.

Both paths end in the engines' one combining step (:func:`poverty_rules.engine.classes.combine`),
with durable-rules as the decider.
"""

from __future__ import annotations

from .bulk import decide_durable
from .chain import (
    ChainResult,
    decide_chain,
    decisive_leaves,
    leaf_senses,
    open_classes,
    reclassify_in_session,
    run_chain,
)
from .compile import UNKNOWN

__all__ = [
    "UNKNOWN",
    "ChainResult",
    "decide_chain",
    "decide_durable",
    "decisive_leaves",
    "leaf_senses",
    "open_classes",
    "reclassify_in_session",
    "run_chain",
]
