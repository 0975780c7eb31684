"""``poverty-rules explain FILE HOUSEHOLD_ID``: the chain of rules that fired for one household.

Runs the household through the durable engine's forward chain (poverty_rules/engine/durable/chain.py) and
prints its facts, each derived fact with the values compared, thresholds, references and confidence
tags, and the class — in Vietnamese (default) or English, to be read aloud at a village meeting.
Exit codes as for classify: 0 explained; 2 the command or the input is unusable (including a
household id that is not in the file, or a row that is rejected).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import numpy as np

from ..engine.durable import run_chain
from ..pipeline import prepare
from ..pipeline.local import check_period
from ..results.explanations import explain
from ..rules.model import Ruleset
from ..vocabulary import words as L
from ._common import (
    CONTEXT,
    GuardedCommand,
    as_of_option,
    blank_flags_option,
    build_options,
    fail,
    lang_option,
    local_option,
    members_option,
    members_source,
    note,
    read_households,
    ruleset_option,
)


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["explain"]["text"], epilog=L.HELP["explain"]["epilog"]
)
@click.argument("households", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("household_id")
@as_of_option
@ruleset_option
@local_option
@lang_option
@members_option
@blank_flags_option
def explain_command(
    households: Path,
    household_id: str,
    as_of: date | None,
    ruleset_name: str | None,
    local_name: str | None,
    lang: str,
    members_path: Path | None,
    blank_flags: str,
) -> None:
    """Explain, rule by rule, how one household of HOUSEHOLDS (a CSV) is classified.

    HOUSEHOLD_ID is the value of its household_id (Mã hộ) column.
    """
    options, rs = build_options(
        as_of=as_of,
        ruleset_name=ruleset_name,
        lang=lang,
        members_path=members_path,
        blank_flags=blank_flags,
        local_name=local_name,
    )
    if isinstance(options.local, Ruleset):  # as classify: a review date outside its period is refused
        check_period(options.local, options.review_date, lang)
    table = read_households(households, lang=lang)
    members_file = members_source(members_path, lang)
    norm = prepare(table, rs, options, source=str(households), members_source=members_file)
    for message in norm.notes:
        if message.startswith(members_file):
            note(message)
    ids = norm.frame["household_id"].astype(str).to_numpy() if len(norm.frame) else np.array([], dtype=object)
    hits = np.flatnonzero(ids == household_id)
    if hits.size == 0:
        rejected = norm.rejects[norm.rejects["household_id"].astype(str) == household_id]
        if len(rejected):
            r = rejected.iloc[0]
            values = {"row": r["row"], "column": r["column"], "reason": r["reason"]}
            fail(L.msg("e_rejected", lang, file=households, id=household_id, **values))
        fail(L.msg("e_not_found", lang, file=households, id=household_id))
    click.echo(explain(run_chain(rs.compiled(), norm.frame, int(hits[0])), lang), nl=False)
    local = options.local
    if isinstance(local, Ruleset):  # the local classification, explained after the national one
        local_norm = prepare(table, local, options.with_(ruleset=local, local=None), source=str(households))
        local_ids = local_norm.frame["household_id"].astype(str).to_numpy() if len(local_norm.frame) else ids[:0]
        local_hits = np.flatnonzero(local_ids == household_id)
        if local_hits.size == 0:  # as classify: national only, its local columns empty; say why
            why = local_norm.rejects[local_norm.rejects["household_id"].astype(str) == household_id].iloc[0]
            column, reason = str(why["column"]), str(why["reason"])
            reason = reason if reason.startswith(column) else f"{column}: {reason}"  # the column named once
            note(L.msg("e_local_unread", lang, file=households, id=household_id, local=local.id, reason=reason))
            return
        click.echo(f"\n{L.EXPLAIN['local'][lang]}: {local.label}\n")
        click.echo(explain(run_chain(local.compiled(), local_norm.frame, int(local_hits[0])), lang), nl=False)
