"""The local classification beside the national one (docs/standard.md §1; ``classify --local``).

A household reviewed against a local standard keeps its national result untouched — national
programmes and reports use it — and gets a second classification of its own in ``local_*`` columns:
``local_status``, ``local_deprived``, ``local_deprivation_count``, ``local_ruleset`` and, with
``explain``, ``local_reason``. The local standard runs through the same pipeline on the same rows
(its own indicators, member rules and lines); a row the local standard cannot read keeps empty
local columns (with ``explain``, its ``local_reason`` says why), and a note says how many.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..data.read import row_refs
from ..errors import InputError
from ..results.classification import Classification
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.words import LOCAL
from ..vocabulary.words import day as written_day
from .options import RunOptions

#: The local columns, after the national ones: (local column, national column it copies).
LOCAL_COLUMNS = (
    ("local_status", "status"),
    ("local_deprived", "deprived"),
    ("local_deprivation_count", "deprivation_count"),
    ("local_ruleset", "ruleset"),
    ("local_reason", "reason"),
)


def add_local(
    national: Classification,
    data: Any,
    local: Ruleset,
    options: RunOptions,
    classify: Callable[..., Classification],
    *,
    say: bool = True,
    **run_kwargs: Any,
) -> None:
    """Classify ``data`` again with ``local`` and append its ``local_*`` columns to ``national.results``.

    ``classify`` is the pipeline's own run function (so the local standard goes through exactly the
    same steps); the review date must lie in the local standard's period. The rows the local standard
    cannot read keep empty local columns (a count: a null) and are counted in ``national.local_unread``;
    with ``say`` a note says how many (a batch of a stream says nothing: the stream says the file's
    count once, :func:`unread_note`).
    """
    check_period(local, options.review_date, options.lang)
    try:
        result = classify(data, local, options.with_(ruleset=local, local=None), **run_kwargs)
    except InputError as exc:  # a column the local standard needs and the file lacks: say it is the local's
        said = {lang: LOCAL["for_local"][lang].format(id=local.id, message=exc.in_lang(lang)) for lang in ("vi", "en")}
        raise InputError.of(said) from None
    _local_notes(national, result, local, options, str(run_kwargs.get("source", "<data>")))
    where = pd.Index(result.normalized.accepted).get_indexer(national.normalized.accepted)
    missing = where < 0
    out = national.results
    for column, source in LOCAL_COLUMNS:
        if source not in result.results:
            continue
        values = result.results[source]
        if not missing.any():
            out[column] = values.iloc[where].to_numpy()
            continue
        read = ~missing  # rows the local standard read (maybe none: then it classified no row)
        if pd.api.types.is_numeric_dtype(values):  # a count: an empty (null) cell, a number elsewhere
            counts = pd.array(np.zeros(len(where), dtype=np.int64), dtype="Int64")
            counts[read] = values.to_numpy()[where[read]]
            counts[missing] = pd.NA
            out[column] = counts
            continue
        taken = np.full(len(where), "", dtype=object)
        taken[read] = values.astype(object).to_numpy()[where[read]]
        if column == "local_reason":  # with --explain: why the local standard could not read the row
            taken[missing] = _unread_reasons(result, national.normalized.accepted[missing], local, options.lang)
        out[column] = taken
    national.local_unread = int(missing.sum())
    if national.local_unread:
        first = int(national.normalized.accepted[missing][0])
        rejects = result.normalized.rejects
        hit = np.flatnonzero(rejects["_pos"].to_numpy() == first)
        if hit.size:  # its first reject line: the row number the officer sees, and why
            row: int | str = int(rejects["row"].to_numpy()[hit[0]])
            if result.normalized.sheets:  # --sheet all: its sheet and its row there
                row = row_refs(result.normalized.sheets, np.array([row]))[0]
            national.local_unread_first = (row, str(rejects["reason"].to_numpy()[hit[0]]))
    if say and national.local_unread:
        note = unread_note(national.local_unread, local, options.lang, national.local_unread_first)
        national.normalized.notes.append(note)


def _local_notes(
    national: Classification, result: Classification, local: Ruleset, options: RunOptions, source: str
) -> None:
    """Say the local standard's own indicators the file has no column for (their marks unknown for every
    household by the local standard), as the national run says its own; the national standard's columns
    were said by the national run. With a members file, only those the members cannot derive (no
    ``deprived_when``), as the national run does. They go before the notes on the file's numbers."""
    national_columns = {ind.column for ind in national.ruleset.indicators}
    named = set(result.normalized.renamed.values())
    rules = local.compiled().indicator_rules
    lang = options.lang
    own = [
        LOCAL["note"][lang].format(
            id=local.id,
            message=W.msg("n_no_column", lang, file=source, column=ind.column, label=ind.label.get(lang)),
        )
        for ind in local.indicators
        if ind.column not in national_columns
        and ind.column not in named
        and (options.members is None or ind.id not in rules)
    ]
    said = national.normalized
    own = [n for n in own if n not in said.notes]
    if said.figures is not None:  # numbers' notes not said yet: ours before them, where they will go
        said.notes[said.figures_at : said.figures_at] = own
        said.figures_at += len(own)
    else:
        said.notes.extend(own)


def check_period(local: Ruleset, day: date, lang: str, option: str = "--as-of") -> None:
    """Refuse a review ``day`` outside the local standard's period (docs/standard.md §1), naming the
    command's date ``option`` (``--as-of``; ``review``'s is ``--date``)."""
    if not local.in_force(day):
        message = LOCAL["out_of_period"][lang]
        start, end, on = (written_day(d, lang) for d in (local.valid_from, local.valid_to, day))  # 31/12/2025 in vi
        raise InputError(message.format(id=local.id, start=start, end=end, day=on, option=option))


def _unread_reasons(result: Classification, positions: np.ndarray, local: Ruleset, lang: str) -> list[str]:
    """The local reason of each row at ``positions`` the local standard rejected: its first reject."""
    why = result.normalized.rejects.drop_duplicates("_pos").set_index("_pos")["reason"]
    return [LOCAL["unread_reason"][lang].format(id=local.id, reason=why.get(p, "")) for p in positions.tolist()]


def unread_note(rows: int, local: Ruleset, lang: str, first: tuple[int | str, str] | None = None) -> str:
    """The note for ``rows`` rows the local standard could not read (their local columns are empty),
    naming the first of them and why (``first``: its row number, or its row in a part file of a folder as
    words.py ``row_of_file`` says it, and reason) when known."""
    said = LOCAL["unread_rows"][lang].format(n=W.counted(rows, lang), id=local.id)
    return said if first is None else said + LOCAL["unread_first"][lang].format(row=first[0], reason=first[1])


def unread_notes(rows: int, options: RunOptions, first: tuple[int | str, str] | None = None) -> list[str]:
    """A stream's note for the ``rows`` of its file the local standard could not read, said once for the
    file (each batch only counts them: :func:`add_local` with ``say=False``; ``first``: the file's first
    such row and why); none when it read all."""
    local = options.load_local()
    return [unread_note(rows, local, options.lang, first)] if local is not None and rows else []
