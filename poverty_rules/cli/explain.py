"""``poverty-rules explain FILE HOUSEHOLD_ID``: the chain of rules that fired for one household.

Runs the household through the durable engine's forward chain (poverty_rules/durable_engine.py) and
prints its facts, each derived fact with the values compared, thresholds, references and confidence
tags, and the class — in Vietnamese (default) or English, to be read aloud at a village meeting.
Exit codes as for classify: 0 explained; 2 the command or the input is unusable (including a
household id that is not in the file, or a row that is rejected).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
import numpy as np

from ..data.normalize import normalize
from ..data.read import read_csv_table
from ..engine.durable import run_chain
from ..errors import InputError
from ..results.explanations import explain
from ._common import CONTEXT, as_of_option, blank_flags_option, choose_ruleset, fail, lang_option, ruleset_option

EPILOG = """\b
Examples:
  poverty-rules explain households.csv HC-01-0007
  poverty-rules explain households.csv HC-01-0007 --lang en --as-of 2025-12-01
\b
Exit codes: 0 explained; 2 the file is unusable, the household is not in it, or its row is rejected.
"""


@click.command(context_settings=CONTEXT, epilog=EPILOG)
@click.argument("households", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("household_id")
@as_of_option
@ruleset_option
@lang_option
@blank_flags_option
def explain_command(
    households: Path,
    household_id: str,
    as_of: datetime | None,
    ruleset_name: str | None,
    lang: str,
    blank_flags: str,
) -> None:
    """Explain, rule by rule, how one household of HOUSEHOLDS (a CSV) is classified.

    HOUSEHOLD_ID is the value of its household_id (Mã hộ) column.
    """
    rs = choose_ruleset(ruleset_name, as_of.date() if as_of else None)
    try:
        table = read_csv_table(households)
        norm = normalize(
            table,
            rs,
            source=str(households),
            blank_flags=blank_flags,  # type: ignore[arg-type]
        )
    except InputError as exc:
        fail(str(exc))
    ids = norm.frame["household_id"].astype(str).to_numpy() if len(norm.frame) else np.array([], dtype=object)
    hits = np.flatnonzero(ids == household_id)
    if hits.size == 0:
        rejected = norm.rejects[norm.rejects["household_id"].astype(str) == household_id]
        if len(rejected):
            r = rejected.iloc[0]
            fail(
                f"{households}: household {household_id} (row {r['row']}) was rejected and cannot be explained: "
                f"column {r['column']}: {r['reason']}"
            )
        fail(f"{households}: no household with household_id {household_id!r} in the file")
    click.echo(explain(run_chain(rs.compiled(), norm.frame, int(hits[0])), lang), nl=False)
