"""A household's status over the years as a durable-rules statechart (the yearly review's lifecycle).

The chart (durable-rules' JSON statechart form, ruleset name ending in ``$state``) has one state
per (last determined status, escaped poverty before, escaped near-poverty before): ``none`` at the
start, then ``poor|near_poor|above`` × ``ep0|ep1`` × ``en0|en1``. Each yearly review is one event
``{status, day}``; its trigger names the movement of the review forms (Quyết định 24/2021/QĐ-TTg:
thoát nghèo, tái nghèo, nghèo phát sinh …) and moves the household. The support window
(Quyết định 90/QĐ-TTg 2022, ``months`` from the recognition of the escape) is state data: the
escape's recognition day is stored when ``escaped_poverty`` fires, and each later review event
reads ``eligible_until`` against the event's own date — dates come from the data, never from
wall-clock timers. :func:`poverty_rules.review.transitions.transitions` computes the same column-wise;
tests/test_lifecycle.py proves them equal over random histories.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ...vocabulary.day import eligible_until
from .host import LOCK, QuietHost
from .host import host as durable_host

__all__ = ["CHART_NAME", "chart_definition", "run_histories"]

CHART_NAME = "poverty_rules_household_lifecycle"
_DEFINITION_NAME = CHART_NAME + "$state"  # the suffix makes it a statechart
_STATUSES = ("poor", "near_poor", "above")
_EVENTS = ("poor", "near_poor", "above", "undetermined")

_MONTHS: dict[str, int] = {"months": 0}  # set by run_histories from the ruleset's programme
_OUT: list[tuple[str, int, str, str]] = []  # (household, review number, transition, eligible_until)


def _state(status: str, ep: bool, en: bool) -> str:
    return f"{status}_ep{int(ep)}_en{int(en)}"


def _move(status: str | None, ep: bool, en: bool, event: str) -> tuple[str | None, bool, bool, str]:
    """The design.md transition table: (next status, ep, en, transition label)."""
    if event == "undetermined":
        return status, ep, en, ""
    if status is None:
        return event, ep, en, "first_review"
    if status == event:
        return status, ep, en, "unchanged"
    if event == "poor":
        return event, ep, en, "relapsed_poor" if ep else "newly_poor"
    if status == "poor":
        return event, True, en, "escaped_poverty"
    if event == "near_poor":  # from above
        return event, ep, en, "relapsed_near_poor" if en else "newly_near_poor"
    return event, ep, True, "escaped_near_poverty"  # near_poor -> above


def _action(label: str, now: str) -> Callable[[Any], None]:
    """Record the movement; open the window on an escape; read it against the event's date. ``now`` is the
    status the household has after the event: an undetermined review keeps the last determined one."""

    def act(c: Any) -> None:
        day = date.fromisoformat(c.m.day)
        if label == "escaped_poverty":
            c.s.recognized = c.m.day
        until = ""
        recognized = getattr(c.s, "recognized", None)
        if recognized and now != "poor" and now != "undetermined":
            end = eligible_until(date.fromisoformat(recognized), _MONTHS["months"])
            if date.fromisoformat(recognized) <= day <= end:
                until = end.isoformat()
        _OUT.append((c.s.sid, int(c.m.review), label, until))

    return act


def chart_definition() -> dict[str, Any]:
    """The statechart in durable-rules' JSON form (actions are Python callables)."""
    chart: dict[str, Any] = {}
    sources: list[tuple[str | None, bool, bool]] = [(None, False, False)]
    sources += [(s, ep, en) for s, ep, en in itertools.product(_STATUSES, (False, True), (False, True))]
    # durable-rules' start state must not be any trigger's target: an undetermined first review
    # moves to ``unseen``, which behaves like ``start``.
    for name, (status, ep, en) in (
        [("start", sources[0]), ("unseen", sources[0])]
        + [
            (_state(*source), source)  # type: ignore[arg-type]
            for source in sources[1:]
        ]
    ):
        triggers: dict[str, Any] = {}
        for event in _EVENTS:
            nxt, nep, nen, label = _move(status, ep, en, event)
            target = "unseen" if nxt is None else _state(nxt, nep, nen)
            triggers[f"on_{event}"] = {
                "all": [{"m": {"status": event}}],
                "to": target,
                "run": _action(label, (nxt or event) if event == "undetermined" else event),  # undetermined: kept
            }
        chart[name] = triggers
    return chart


_CHART_REGISTERED = False


def _chart_host() -> QuietHost:
    """The engine's host, with the lifecycle chart registered once per process."""
    global _CHART_REGISTERED
    host = durable_host()
    if not _CHART_REGISTERED:
        host.register_rulesets({_DEFINITION_NAME: chart_definition()})
        _CHART_REGISTERED = True
    return host


def run_histories(
    histories: dict[str, Sequence[str]], days: Sequence[str], months: int
) -> dict[str, list[tuple[str, str]]]:
    """Drive each household's chart through its reviews; return [(transition, eligible_until)].

    ``histories`` maps a household id to its status at each review (``poor``, ``near_poor``,
    ``average``, ``not_poor``, ``undetermined``); ``days`` are the review dates (ISO), one per
    review. The chart's state is dropped afterwards, so a household id may be reused.
    """
    host = _chart_host()
    _MONTHS["months"] = months
    _OUT.clear()
    with LOCK:
        _run_chart(host, histories, days)
    out: dict[str, list[tuple[str, str]]] = {sid: [] for sid in histories}
    for sid, _, label, until in sorted(_OUT, key=lambda r: (r[0], r[1])):
        out[sid].append((label, until))
    _OUT.clear()
    return out


def _run_chart(host: QuietHost, histories: dict[str, Sequence[str]], days: Sequence[str]) -> None:
    for sid, statuses in histories.items():
        for number, (status, day) in enumerate(zip(statuses, days, strict=True)):
            event = "above" if status in ("average", "not_poor") else status
            host.post(CHART_NAME, {"sid": sid, "id": number, "review": number, "status": event, "day": day})
        host.delete_state(CHART_NAME, sid)
