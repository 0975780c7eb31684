"""The one durable-rules host of the process, without background threads, and the lock around it.

durable-rules keeps a process-global registry of rulesets and is not thread-safe: every call into
it holds :data:`LOCK`, and our host never starts the dispatch and timer threads.
"""

from __future__ import annotations

import threading

from durable import engine as durable_engine

LOCK = threading.RLock()
"""Held around every call into durable-rules."""

MessageNotHandled = durable_engine.MessageNotHandledException
"""What durable-rules raises when a post matches no rule."""

MessageObserved = durable_engine.MessageObservedException
"""What durable-rules raises when it takes a posted event for one it has already seen in the session."""


class QuietHost(durable_engine.Host):
    """A durable-rules host without its background dispatch and timer threads.

    Every post here is synchronous and runs its actions before returning; the background threads
    would race with it (durable-rules is not thread-safe), so they are never started.
    """

    def _run(self) -> None:
        return None


_HOST: QuietHost | None = None


def host() -> QuietHost:
    """The process's host (created on first use)."""
    global _HOST
    if _HOST is None:
        _HOST = QuietHost()
    return _HOST
